#include "sync/syncscheduler.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

namespace qm {

namespace {

const QString IntervalKey = QStringLiteral("sync/intervalMinutes");

constexpr qint64 MsPerMinute = 60 * 1000;

SyncScheduler::Clock monotonicClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

} // namespace

SyncScheduler::SyncScheduler(QObject *parent)
    : SyncScheduler(monotonicClock(), parent)
{}

SyncScheduler::SyncScheduler(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::CoarseTimer);
    connect(m_timer, &QTimer::timeout, this, &SyncScheduler::poll);
}

SyncScheduler::~SyncScheduler() = default;

void SyncScheduler::setIntervalMinutes(int minutes)
{
    minutes = std::clamp(minutes, 0, MaxIntervalMinutes);
    if (minutes == m_intervalMinutes)
        return;
    m_intervalMinutes = minutes;
    // While a sync runs (or signed out) the next one is planned when that changes.
    if (m_running || !m_signedIn)
        return;
    plan(m_countFrom >= 0 ? m_countFrom : m_clock());
}

void SyncScheduler::setSignedIn(bool signedIn)
{
    if (signedIn == m_signedIn)
        return;
    m_signedIn = signedIn;
    if (!signedIn) {
        m_pending = false;
        unplan();
    } else if (!m_running) {
        plan(m_clock());
    }
}

void SyncScheduler::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (online)
        request(Reason::BackOnline);
}

bool SyncScheduler::request(Reason reason)
{
    if (!m_signedIn)
        return false;
    if (m_running) {
        m_pending = true;
        return false;
    }
    unplan();
    Q_EMIT startRequested(reason);
    return true;
}

void SyncScheduler::syncStarted()
{
    m_running = true;
    unplan();
}

void SyncScheduler::syncFinished(Outcome outcome)
{
    if (!m_running)
        return;
    m_running = false;
    const bool pending = std::exchange(m_pending, false);
    if (!m_signedIn)
        return;
    if (pending && outcome == Outcome::Failed && request(Reason::Retry))
        return;
    plan(m_clock());
}

void SyncScheduler::poll()
{
    if (m_nextDue < 0 || m_running || !m_signedIn)
        return;
    const qint64 now = m_clock();
    if (now < m_nextDue) {
        arm();
        return;
    }
    if (!m_online) {
        plan(now);
        Q_EMIT skipped(Reason::Interval);
        return;
    }
    request(Reason::Interval);
}

void SyncScheduler::plan(qint64 from)
{
    m_countFrom = from;
    if (m_intervalMinutes <= 0 || !m_signedIn) {
        unplan();
        return;
    }
    m_nextDue = from + m_intervalMinutes * MsPerMinute;
    arm();
}

void SyncScheduler::unplan()
{
    m_nextDue = -1;
    m_timer->stop();
}

void SyncScheduler::arm()
{
    const qint64 wait = std::max<qint64>(0, m_nextDue - m_clock());
    m_timer->start(int(std::min<qint64>(wait, MaxIntervalMinutes * MsPerMinute)));
}

int SyncScheduler::loadIntervalMinutes(const QSettings &settings)
{
    bool ok = false;
    const int minutes = settings.value(IntervalKey).toInt(&ok);
    if (!ok || minutes < 0 || minutes > MaxIntervalMinutes)
        return DefaultIntervalMinutes;
    return minutes;
}

void SyncScheduler::saveIntervalMinutes(QSettings &settings, int minutes)
{
    settings.setValue(IntervalKey, std::clamp(minutes, 0, MaxIntervalMinutes));
}

} // namespace qm
