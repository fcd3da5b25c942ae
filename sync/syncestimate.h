#pragma once

#include <QtGlobal>

#include <optional>

namespace qm {

// How long the feed being pulled still needs at the rate observed so far. No estimate
// (nullopt) until there is enough to go on: at least MinElapsedMs of observation and
// MinPages page, a known expected count (>= 0) and some items applied. Never negative:
// when more arrived than expected, nothing is left.
//   itemsApplied, itemsExpected: of the feed, as in SyncProgress
//   itemsObserved, pagesObserved, elapsedMs: what arrived, and how long it took, since the
//       observation began
std::optional<qint64> estimateRemainingMs(qint64 itemsApplied, qint64 itemsExpected,
                                          qint64 itemsObserved, qint64 pagesObserved,
                                          qint64 elapsedMs);

// Observes one feed's progress at a time and estimates what is left of it. The clock is
// milliseconds on any monotonic scale; a new feed (another feedIndex) restarts the
// observation from its first report, so the time spent on earlier feeds does not count.
class SyncEstimator final
{
public:
    static constexpr qint64 MinElapsedMs = 2000;
    static constexpr qint64 MinPages = 1;

    // A run begins at `nowMs`.
    void start(qint64 nowMs);
    // A progress report arrived at `nowMs`; returns the estimate for the current feed.
    std::optional<qint64> update(int feedIndex, qint64 itemsApplied, qint64 itemsExpected,
                                 qint64 pages, qint64 nowMs);

private:
    int m_feedIndex = -1;
    qint64 m_startMs = 0;
    qint64 m_startItems = 0;
    qint64 m_startPages = 0;
};

} // namespace qm
