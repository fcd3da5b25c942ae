#include "sync/syncestimate.h"

#include <algorithm>

namespace qm {

std::optional<qint64> estimateRemainingMs(qint64 itemsApplied, qint64 itemsExpected,
                                          qint64 itemsObserved, qint64 pagesObserved,
                                          qint64 elapsedMs)
{
    if (itemsExpected < 0 || itemsObserved <= 0 || pagesObserved < SyncEstimator::MinPages ||
        elapsedMs < SyncEstimator::MinElapsedMs)
        return std::nullopt;
    const qint64 left = std::max<qint64>(0, itemsExpected - itemsApplied);
    // In floating point: items × milliseconds overflows nothing here, and an estimate needs
    // no exactness.
    const double ms = double(left) * double(elapsedMs) / double(itemsObserved);
    return qint64(std::max(0.0, ms + 0.5));
}

void SyncEstimator::start(qint64 nowMs)
{
    m_feedIndex = -1;
    m_startMs = nowMs;
    m_startItems = 0;
    m_startPages = 0;
}

std::optional<qint64> SyncEstimator::update(int feedIndex, qint64 itemsApplied,
                                            qint64 itemsExpected, qint64 pages, qint64 nowMs)
{
    if (feedIndex != m_feedIndex) {
        // The first report of a feed: the first feed counts from the start of the run, a
        // later one from this report (the previous feed's last page took the time before).
        if (m_feedIndex >= 0) {
            m_startMs = nowMs;
            m_startItems = itemsApplied;
            m_startPages = pages;
        }
        m_feedIndex = feedIndex;
    }
    return estimateRemainingMs(itemsApplied, itemsExpected, itemsApplied - m_startItems,
                               pages - m_startPages, nowMs - m_startMs);
}

} // namespace qm
