#pragma once

#include <QObject>

#include <functional>

class QSettings;
class QTimer;

namespace qm {

// Decides when the desktop app syncs: at sign-in, on demand, when the network comes back
// and every `interval` minutes, counted from the end of the last sync. It never asks for a
// second sync while one runs: a request during a run is remembered, and dropped when the
// run succeeds or is cancelled (that run brought the cache up to date, or the user stopped
// it); after a failed run it starts one sync more, so a network that came back while a
// failing run was still retrying is caught up at once. While signed out (or the session
// expired) it asks for nothing. When the interval falls due while offline the sync is
// skipped (skipped() says so) and the next one is planned a whole interval later.
//
// The owner connects startRequested() to something that starts the sync and then calls
// syncStarted() (before returning, or later) and syncFinished() when it ends.
class SyncScheduler final : public QObject
{
    Q_OBJECT

public:
    enum class Reason
    {
        SignIn,     // signed in, or the profile was opened with stored tokens
        Manual,     // the user asked (Sync Now)
        Interval,   // the interval elapsed
        BackOnline, // the network came back
        Retry,      // a request arrived while a run that then failed was going
    };
    Q_ENUM(Reason)

    enum class Outcome
    {
        Succeeded,
        Failed,
        Cancelled,
    };
    Q_ENUM(Outcome)

    // Milliseconds on a monotonic clock. Tests pass their own; the default is a
    // QElapsedTimer started with the scheduler.
    using Clock = std::function<qint64()>;

    static constexpr int DefaultIntervalMinutes = 15;
    static constexpr int MaxIntervalMinutes = 24 * 60;

    explicit SyncScheduler(QObject *parent = nullptr);
    SyncScheduler(Clock clock, QObject *parent = nullptr);
    ~SyncScheduler() override;

    // Minutes between the end of one sync and the start of the next; 0 turns the interval
    // sync off. Values outside 0..MaxIntervalMinutes are clamped. A shorter interval that is
    // already over since the last sync ended falls due at once.
    void setIntervalMinutes(int minutes);
    int intervalMinutes() const { return m_intervalMinutes; }

    // Signing out (or an expired session) stops the interval and drops a remembered request.
    void setSignedIn(bool signedIn);
    bool isSignedIn() const { return m_signedIn; }
    // Going from offline to online asks for a sync (Reason::BackOnline).
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    bool isRunning() const { return m_running; }
    // Whether a request arrived during the current run.
    bool hasPendingRequest() const { return m_pending; }

    // Asks for a sync now; emits startRequested unless signed out or a sync runs (then the
    // request is remembered). True if it emitted.
    bool request(Reason reason);

    void syncStarted();
    void syncFinished(Outcome outcome);

    // When the next interval sync is due on the clock, or -1 when none is planned.
    qint64 nextDueMs() const { return m_nextDue; }
    // Acts on an interval that has fallen due. The scheduler's timer calls it; tests with
    // their own clock call it after moving the clock on.
    void poll();

    // The interval stored in the application's settings ("sync/intervalMinutes"); a missing
    // or invalid value reads as DefaultIntervalMinutes.
    static int loadIntervalMinutes(const QSettings &settings);
    static void saveIntervalMinutes(QSettings &settings, int minutes);

Q_SIGNALS:
    void startRequested(qm::SyncScheduler::Reason reason);
    // The interval fell due while offline; the next attempt is an interval later (or when
    // the network comes back).
    void skipped(qm::SyncScheduler::Reason reason);

private:
    void plan(qint64 from);
    void unplan();
    void arm();

    Clock m_clock;
    QTimer *m_timer;
    int m_intervalMinutes = DefaultIntervalMinutes;
    bool m_signedIn = false;
    bool m_online = true;
    bool m_running = false;
    bool m_pending = false;
    qint64 m_countFrom = -1; // where the current interval counts from, -1 before any
    qint64 m_nextDue = -1;
};

} // namespace qm
