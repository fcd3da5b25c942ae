// When the desktop app syncs: scripts of events (sign-in, runs and their outcomes, network
// changes, interval changes, time passing on a clock of the test's own) and the syncs the
// scheduler asks for in answer.
#include "sync/syncscheduler.h"

#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;

namespace {

constexpr qint64 Minute = 60 * 1000;

// Runs `script` (space-separated events) against a scheduler on a manual clock and returns
// what it asked for, space-separated: "start:<Reason>" and "skip:<Reason>". The owner is
// simulated: every start request starts a sync at once. A request while a sync runs would
// show as "DOUBLE".
//   in / out           signed in / out (an expired session)
//   online / offline   what the network says
//   every:N            interval of N minutes (0: off)
//   signin / request   ask for a sync at sign-in / by hand
//   ok / fail / cancel the running sync ends so
//   +N / +Ns           N minutes / seconds pass; the scheduler's timer then looks
class Harness
{
public:
    QString run(const QString &script)
    {
        SyncScheduler scheduler([this] { return m_now; });
        const QMetaEnum reasons = QMetaEnum::fromType<SyncScheduler::Reason>();
        QStringList log;
        QObject::connect(&scheduler, &SyncScheduler::startRequested, &scheduler,
                         [&](SyncScheduler::Reason reason) {
                             log << (scheduler.isRunning()
                                         ? QStringLiteral("DOUBLE")
                                         : QStringLiteral("start:") +
                                               QLatin1String(reasons.valueToKey(int(reason))));
                             scheduler.syncStarted();
                         });
        QObject::connect(
            &scheduler, &SyncScheduler::skipped, &scheduler, [&](SyncScheduler::Reason reason) {
                log << QStringLiteral("skip:") + QLatin1String(reasons.valueToKey(int(reason)));
            });
        for (const QString &event : script.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (event == u"in") {
                scheduler.setSignedIn(true);
            } else if (event == u"out") {
                scheduler.setSignedIn(false);
            } else if (event == u"online") {
                scheduler.setOnline(true);
            } else if (event == u"offline") {
                scheduler.setOnline(false);
            } else if (event.startsWith(u"every:")) {
                scheduler.setIntervalMinutes(event.mid(6).toInt());
            } else if (event == u"signin") {
                scheduler.request(SyncScheduler::Reason::SignIn);
            } else if (event == u"request") {
                scheduler.request(SyncScheduler::Reason::Manual);
            } else if (event == u"ok") {
                scheduler.syncFinished(SyncScheduler::Outcome::Succeeded);
            } else if (event == u"fail") {
                scheduler.syncFinished(SyncScheduler::Outcome::Failed);
            } else if (event == u"cancel") {
                scheduler.syncFinished(SyncScheduler::Outcome::Cancelled);
            } else if (event.startsWith(u'+')) {
                const bool seconds = event.endsWith(u's');
                const qint64 n = event.mid(1, event.size() - (seconds ? 2 : 1)).toLongLong();
                m_now += seconds ? n * 1000 : n * Minute;
            } else {
                qFatal("unknown event %s", qPrintable(event));
            }
            scheduler.poll(); // as the timer would, had the time come
        }
        return log.join(QLatin1Char(' '));
    }

private:
    qint64 m_now = 1'000'000;
};

} // namespace

class tst_SyncScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scripts_data();
    void scripts();
    void nextDueCountsFromTheEndOfTheLastSync();
    void timerStartsTheDueSync();
    void intervalIsClamped();
    void storedInterval_data();
    void storedInterval();
};

void tst_SyncScheduler::scripts_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");

    QTest::newRow("signed out: nothing") << "request signin offline online +60"
                                         << "";
    QTest::newRow("sign-in, then every 15 minutes") << "in signin ok +14 +1 ok +15 ok"
                                                    << "start:SignIn start:Interval start:Interval";
    QTest::newRow("interval counts from the end of the sync") << "in signin +30 ok +14"
                                                              << "start:SignIn";
    QTest::newRow("... and falls due an interval after it") << "in signin +30 ok +14 +59s +1s"
                                                            << "start:SignIn start:Interval";
    QTest::newRow("a failed sync waits an interval too") << "in signin fail +15"
                                                         << "start:SignIn start:Interval";
    QTest::newRow("a manual sync restarts the interval")
        << "in signin ok +10 request ok +10 +5"
        << "start:SignIn start:Manual start:Interval";
    QTest::newRow("requests during a successful run are dropped")
        << "in signin request request ok +1"
        << "start:SignIn";
    QTest::newRow("... and during a cancelled one") << "in signin request cancel +1"
                                                    << "start:SignIn";
    QTest::newRow("requests during a failed run start one sync after it")
        << "in signin request request fail +1"
        << "start:SignIn start:Retry";
    QTest::newRow("a run without requests fails: no retry") << "in signin fail +1"
                                                            << "start:SignIn";
    QTest::newRow("no interval sync while a sync runs") << "in signin +60 +60"
                                                        << "start:SignIn";
    QTest::newRow("offline: the interval sync is skipped") << "in signin ok offline +15"
                                                           << "start:SignIn skip:Interval";
    QTest::newRow("offline: skipped once per interval")
        << "in signin ok offline +15 +14 +1"
        << "start:SignIn skip:Interval skip:Interval";
    QTest::newRow("back online: sync at once") << "in signin ok offline +20 online"
                                               << "start:SignIn skip:Interval start:BackOnline";
    QTest::newRow("back online without being offline: nothing") << "in signin ok online +1"
                                                                << "start:SignIn";
    QTest::newRow("back online during a run that then fails") << "in signin offline online fail"
                                                              << "start:SignIn start:Retry";
    QTest::newRow("back online during a run that then succeeds") << "in signin offline online ok"
                                                                 << "start:SignIn";
    QTest::newRow("back online while signed out: nothing") << "in signin ok out offline online +60"
                                                           << "start:SignIn";
    QTest::newRow("a manual sync runs offline too") << "in signin ok offline request"
                                                    << "start:SignIn start:Manual";
    QTest::newRow("interval off") << "every:0 in signin ok +1000 request ok +1000"
                                  << "start:SignIn start:Manual";
    QTest::newRow("turned on later: counts from the end of the last sync")
        << "every:0 in signin ok +20 every:15"
        << "start:SignIn start:Interval";
    QTest::newRow("a longer interval postpones") << "in signin ok +10 every:30 +15 +4"
                                                 << "start:SignIn";
    QTest::newRow("... to an interval after the last sync") << "in signin ok +10 every:30 +15 +5"
                                                            << "start:SignIn start:Interval";
    QTest::newRow("a shorter interval that is over falls due at once")
        << "in signin ok +10 every:5"
        << "start:SignIn start:Interval";
    QTest::newRow("changing the interval during a run") << "in signin every:5 +1 ok +4 +1"
                                                        << "start:SignIn start:Interval";
    QTest::newRow("signed out: the interval stops") << "in signin ok out +60"
                                                    << "start:SignIn";
    QTest::newRow("session expired during a run: its requests are dropped")
        << "in signin request out fail +60"
        << "start:SignIn";
    QTest::newRow("signed in again: sign-in sync, then the interval")
        << "in signin ok out +60 in signin ok +15"
        << "start:SignIn start:SignIn start:Interval";
    QTest::newRow("signed in again during the old run") << "in signin out in signin fail"
                                                        << "start:SignIn start:Retry";
    QTest::newRow("a finish without a start changes nothing") << "in ok ok +14"
                                                              << "";
}

void tst_SyncScheduler::scripts()
{
    QFETCH(QString, script);
    QFETCH(QString, expected);
    Harness harness;
    QCOMPARE(harness.run(script), expected);
}

void tst_SyncScheduler::nextDueCountsFromTheEndOfTheLastSync()
{
    qint64 now = 0;
    SyncScheduler scheduler([&now] { return now; });
    connect(&scheduler, &SyncScheduler::startRequested, &scheduler,
            [&scheduler] { scheduler.syncStarted(); });
    scheduler.setIntervalMinutes(20);
    QCOMPARE(scheduler.nextDueMs(), -1); // signed out
    scheduler.setSignedIn(true);
    QCOMPARE(scheduler.nextDueMs(), 20 * Minute);
    QVERIFY(scheduler.request(SyncScheduler::Reason::SignIn));
    QVERIFY(scheduler.isRunning());
    QCOMPARE(scheduler.nextDueMs(), -1);
    QVERIFY(!scheduler.request(SyncScheduler::Reason::Manual));
    QVERIFY(scheduler.hasPendingRequest());
    now = 7 * Minute;
    scheduler.syncFinished(SyncScheduler::Outcome::Succeeded);
    QVERIFY(!scheduler.isRunning());
    QVERIFY(!scheduler.hasPendingRequest());
    QCOMPARE(scheduler.nextDueMs(), 27 * Minute);
    scheduler.setIntervalMinutes(0);
    QCOMPARE(scheduler.nextDueMs(), -1);
    scheduler.setIntervalMinutes(1);
    QCOMPARE(scheduler.nextDueMs(), 8 * Minute);
    scheduler.setSignedIn(false);
    QCOMPARE(scheduler.nextDueMs(), -1);
}

void tst_SyncScheduler::timerStartsTheDueSync()
{
    // The scheduler's own timer, not the test, notices an interval that is due.
    qint64 now = 0;
    SyncScheduler scheduler([&now] { return now; });
    QSignalSpy started(&scheduler, &SyncScheduler::startRequested);
    connect(&scheduler, &SyncScheduler::startRequested, &scheduler,
            [&scheduler] { scheduler.syncStarted(); });
    scheduler.setSignedIn(true);
    QVERIFY(scheduler.request(SyncScheduler::Reason::SignIn));
    scheduler.syncFinished(SyncScheduler::Outcome::Succeeded);
    now = 16 * Minute;
    scheduler.setIntervalMinutes(10); // over since the end of the sync: due now
    QTRY_COMPARE(started.count(), 2);
    QCOMPARE(started.at(1).at(0).value<SyncScheduler::Reason>(), SyncScheduler::Reason::Interval);
}

void tst_SyncScheduler::intervalIsClamped()
{
    SyncScheduler scheduler;
    QCOMPARE(scheduler.intervalMinutes(), SyncScheduler::DefaultIntervalMinutes);
    scheduler.setIntervalMinutes(-5);
    QCOMPARE(scheduler.intervalMinutes(), 0);
    scheduler.setIntervalMinutes(1'000'000);
    QCOMPARE(scheduler.intervalMinutes(), SyncScheduler::MaxIntervalMinutes);
}

void tst_SyncScheduler::storedInterval_data()
{
    QTest::addColumn<QVariant>("stored"); // invalid: no value stored
    QTest::addColumn<int>("expected");

    QTest::newRow("missing") << QVariant() << 15;
    QTest::newRow("30") << QVariant(30) << 30;
    QTest::newRow("off") << QVariant(0) << 0;
    QTest::newRow("a day") << QVariant(1440) << 1440;
    QTest::newRow("text number") << QVariant(QStringLiteral("45")) << 45;
    QTest::newRow("negative") << QVariant(-1) << 15;
    QTest::newRow("too long") << QVariant(1441) << 15;
    QTest::newRow("not a number") << QVariant(QStringLiteral("often")) << 15;
}

void tst_SyncScheduler::storedInterval()
{
    QFETCH(QVariant, stored);
    QFETCH(int, expected);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    if (stored.isValid())
        settings.setValue(QStringLiteral("sync/intervalMinutes"), stored);
    QCOMPARE(SyncScheduler::loadIntervalMinutes(settings), expected);

    // What is saved reads back the same.
    SyncScheduler::saveIntervalMinutes(settings, 42);
    QCOMPARE(SyncScheduler::loadIntervalMinutes(settings), 42);
    SyncScheduler::saveIntervalMinutes(settings, 0);
    QCOMPARE(SyncScheduler::loadIntervalMinutes(settings), 0);
}

QTEST_GUILESS_MAIN(tst_SyncScheduler)
#include "tst_syncscheduler.moc"
