// `qm sync` killed with SIGKILL at every page boundary and at random moments, then resumed:
// the cache ends equal to what the real qm-portal serves, no cursor ever goes backwards, and
// the resumed run pulls exactly the entries after the last committed cursor (nothing applied
// twice, nothing skipped). Runs on SQLite and PostgreSQL portals, with a keychain of its own.
#include "support/cachecheck.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "models/catalogstore.h"
#include "models/database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");
constexpr int DemoProducts = 600;
constexpr int FirstPageSize = 100; // about 20 pages over the six feeds
constexpr int DeltaPageSize = 20;
constexpr int DemoChanges = 120;
constexpr int RandomKills = 20;
constexpr int DeltaRandomKills = 8;
constexpr int ProcessTimeoutMs = 120000;

using States = QMap<Feed, FeedState>;

// The sync_state rows of the cache, or an empty map when it cannot be opened.
States readStates(const QString &cachePath, QString *error)
{
    const auto db = Database::open(cachePath, error);
    States states;
    if (!db)
        return states;
    CatalogStore store(*db);
    for (Feed f : allFeeds())
        states.insert(f, store.state(f));
    return states;
}

// The number of entries of `pull` after `cursor`: what a pull resumed there must receive.
qint64 itemsAfter(const FeedPull &pull, qint64 cursor)
{
    return std::count_if(pull.items.cbegin(), pull.items.cend(),
                         [cursor](const FeedItem &item) { return item.seq > cursor; });
}

// How one killed run ended.
struct Kill
{
    int pageLines = 0;          // "page N committed" lines read before the kill
    bool finishedFirst = false; // the sync ended on its own before the kill
    QString lastLine;
    QString error; // the child could not be run
};

// One `qm sync` to completion: its JSON summary per feed.
struct Completed
{
    int exitCode = -1;
    QString err;
    QMap<QString, QJsonObject> feeds; // by feed name
    int pageLines = 0;
};

} // namespace

class tst_SyncKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncKilledAtEveryPage();
    void firstSyncKilledMidPage();
    void deltaSyncKilled();

private:
    bool startPortal(PortalProcess &portal);
    QProcessEnvironment environment() const;
    // Signs in with `qm login` into a profile and keeps a copy of its fresh cache.
    bool login(const QUrl &portal, QString *error);
    // A new profile directory holding a copy of `cacheFile`.
    QString newProfile(const QString &cacheFile);
    QStringList syncArgs(const QString &profile, int pageSize) const;
    // Runs `qm sync --progress` and kills it with SIGKILL right after `afterLine` page lines,
    // or `afterMs` milliseconds after the start (whichever is given, > 0).
    Kill runAndKill(const QString &profile, int pageSize, int afterLine, int afterMs);
    Completed runToEnd(const QString &profile, int pageSize, bool progress);
    // Kills a sync of `profile` as given, resumes it, and checks the cache, cursors and
    // entry counts against `startStates` and `pulled` (the portal's entries of each feed
    // from the start cursors).
    void killAndResume(const QString &cacheFile, int pageSize, int afterLine, int afterMs,
                       const QMap<Feed, FeedPull> &pulled, const Reference &reference,
                       bool firstSync);

    QString m_qmBin;
    QTemporaryDir m_home;
    QString m_freshCache; // the cache of a signed-in profile that never synced
    int m_profiles = 0;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
};

void tst_SyncKill::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QVERIFY(m_home.isValid());
    bool fixed = false;
    m_seed = qEnvironmentVariable("QM_TEST_SEED").toUInt(&fixed);
    if (!fixed)
        m_seed = QRandomGenerator::global()->generate();
    m_random.seed(m_seed);
    qInfo("backend %s, seed %u (QM_TEST_SEED=%u repeats this run)",
          qPrintable(backendName(backendFromEnvironment())), m_seed, m_seed);
}

bool tst_SyncKill::startPortal(PortalProcess &portal)
{
    QString error;
    const bool started = portal.start(
        {QStringLiteral("--demo"), QStringLiteral("--products"), QString::number(DemoProducts)},
        &error);
    if (!started)
        qWarning("%s", qPrintable(error));
    return started;
}

QProcessEnvironment tst_SyncKill::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

bool tst_SyncKill::login(const QUrl &portal, QString *error)
{
    const QString profile = m_home.filePath(QStringLiteral("signed-in-%1").arg(++m_profiles));
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_qmBin, {QStringLiteral("--profile"), profile, QStringLiteral("login"),
                            QStringLiteral("--portal"), portal.toString(), QStringLiteral("--user"),
                            Buyer, QStringLiteral("--password-stdin")});
    process.write(Password.toUtf8() + '\n');
    process.closeWriteChannel();
    if (!process.waitForFinished(ProcessTimeoutMs) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("qm login failed (%1): %2 -- the test needs an unlocked keyring")
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    m_freshCache = m_home.filePath(QStringLiteral("fresh-%1.sqlite").arg(m_profiles));
    QFile::remove(m_freshCache);
    if (!QFile::copy(QDir(profile).filePath(QStringLiteral("cache.sqlite")), m_freshCache)) {
        *error = QStringLiteral("cannot copy the signed-in cache");
        return false;
    }
    return true;
}

QString tst_SyncKill::newProfile(const QString &cacheFile)
{
    const QString profile = m_home.filePath(QStringLiteral("profile-%1").arg(++m_profiles));
    QDir().mkpath(profile);
    QFile::copy(cacheFile, QDir(profile).filePath(QStringLiteral("cache.sqlite")));
    return profile;
}

QStringList tst_SyncKill::syncArgs(const QString &profile, int pageSize) const
{
    return {QStringLiteral("--profile"), profile, QStringLiteral("sync"),
            QStringLiteral("--page-size"), QString::number(pageSize)};
}

Kill tst_SyncKill::runAndKill(const QString &profile, int pageSize, int afterLine, int afterMs)
{
    Kill kill;
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_qmBin, syncArgs(profile, pageSize) << QStringLiteral("--progress"));
    if (!process.waitForStarted()) {
        kill.error = process.errorString();
        return kill;
    }
    QElapsedTimer timer;
    timer.start();
    if (afterMs > 0) {
        // Waits on the process (returns early when it ends), not a sleep: the kill lands at a
        // random point inside a page, between pages or after the end.
        kill.finishedFirst = process.waitForFinished(afterMs);
    } else {
        while (kill.pageLines < afterLine && timer.elapsed() < ProcessTimeoutMs) {
            if (!process.canReadLine() && !process.waitForReadyRead(1000) &&
                process.state() == QProcess::NotRunning)
                break;
            while (process.canReadLine() && kill.pageLines < afterLine) {
                const QString line = QString::fromUtf8(process.readLine()).trimmed();
                if (line.startsWith(QLatin1String("page "))) {
                    ++kill.pageLines;
                    kill.lastLine = line;
                }
            }
        }
        kill.finishedFirst = process.state() == QProcess::NotRunning;
    }
    process.kill(); // SIGKILL
    process.waitForFinished(ProcessTimeoutMs);
    if (afterMs > 0) {
        const QList<QByteArray> lines = process.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("page ")) {
                ++kill.pageLines;
                kill.lastLine = QString::fromUtf8(line);
            }
        }
    }
    if (kill.finishedFirst && process.exitCode() != 0)
        kill.error = QString::fromUtf8(process.readAllStandardError());
    return kill;
}

Completed tst_SyncKill::runToEnd(const QString &profile, int pageSize, bool progress)
{
    Completed done;
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_qmBin, syncArgs(profile, pageSize) << (progress ? QStringLiteral("--progress")
                                                                    : QStringLiteral("--json")));
    if (!process.waitForFinished(ProcessTimeoutMs))
        return done;
    done.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    done.err = QString::fromUtf8(process.readAllStandardError());
    const QByteArray out = process.readAllStandardOutput();
    if (progress) {
        for (const QByteArray &line : out.split('\n'))
            done.pageLines += line.startsWith("page ") ? 1 : 0;
        return done;
    }
    const QJsonArray feeds =
        QJsonDocument::fromJson(out).object().value(QStringLiteral("feeds")).toArray();
    for (const QJsonValue &v : feeds) {
        const QJsonObject f = v.toObject();
        done.feeds.insert(f.value(QStringLiteral("feed")).toString(), f);
    }
    return done;
}

void tst_SyncKill::killAndResume(const QString &cacheFile, int pageSize, int afterLine, int afterMs,
                                 const QMap<Feed, FeedPull> &pulled, const Reference &reference,
                                 bool firstSync)
{
    const QString what = afterLine > 0 ? QStringLiteral("killed after page line %1").arg(afterLine)
                                       : QStringLiteral("killed after %1 ms").arg(afterMs);
    QString error;
    const States start = readStates(cacheFile, &error);
    QVERIFY2(!start.isEmpty(), qPrintable(error));
    const QString profile = newProfile(cacheFile);
    const QString cache = QDir(profile).filePath(QStringLiteral("cache.sqlite"));

    const Kill kill = runAndKill(profile, pageSize, afterLine, afterMs);
    QVERIFY2(kill.error.isEmpty(), qPrintable(what + QStringLiteral(": ") + kill.error));
    if (afterLine > 0) {
        QVERIFY2(!kill.finishedFirst, qPrintable(what + QStringLiteral(": ended before the kill")));
        QCOMPARE(kill.pageLines, afterLine);
    }

    // What the killed run committed is in the cache; no cursor went backwards.
    const States killed = readStates(cache, &error);
    QVERIFY2(!killed.isEmpty(), qPrintable(what + QStringLiteral(": ") + error));
    for (Feed f : allFeeds())
        QVERIFY2(killed.value(f).cursor >= start.value(f).cursor,
                 qPrintable(QStringLiteral("%1: %2 cursor went from %3 back to %4")
                                .arg(what, feedName(f))
                                .arg(start.value(f).cursor)
                                .arg(killed.value(f).cursor)));
    if (afterLine > 0) {
        // The page the child reported as committed is in the cache: "page N committed: FEED
        // page P, E entries".
        const QStringList words = kill.lastLine.split(QLatin1Char(' '));
        QVERIFY2(words.size() >= 8, qPrintable(kill.lastLine));
        const auto feed = feedFromName(words.at(3));
        QVERIFY2(feed, qPrintable(kill.lastLine));
        const qint64 reported = words.at(6).toLongLong();
        if (*feed != Feed::Lists && *feed != Feed::Orders) {
            // Every entry reported as applied lies at or below the committed cursor.
            const FeedPull &portalItems = pulled.value(*feed);
            const qint64 committed = itemsAfter(portalItems, start.value(*feed).cursor) -
                                     itemsAfter(portalItems, killed.value(*feed).cursor);
            QVERIFY2(committed >= reported,
                     qPrintable(QStringLiteral("%1: %2 committed %3 entries (cursor %4), the child"
                                               " reported %5")
                                    .arg(what, feedName(*feed))
                                    .arg(committed)
                                    .arg(killed.value(*feed).cursor)
                                    .arg(reported)));
        } else if (reported > 0) {
            QVERIFY2(killed.value(*feed).cursor > start.value(*feed).cursor,
                     qPrintable(what + QStringLiteral(": nothing of ") + kill.lastLine +
                                QStringLiteral(" is stored")));
        }
        if (firstSync && *feed != Feed::Lists && *feed != Feed::Orders)
            QVERIFY(killed.value(*feed).count >= reported);
    }

    // Resumed to the end: exactly the entries after the committed cursor arrive, once.
    const Completed resumed = runToEnd(profile, pageSize, false);
    QVERIFY2(resumed.exitCode == 0,
             qPrintable(what + QStringLiteral(": resume failed: ") + resumed.err));
    const States end = readStates(cache, &error);
    QVERIFY2(!end.isEmpty(), qPrintable(error));
    for (Feed f : catalogFeeds()) {
        const QJsonObject summary = resumed.feeds.value(feedName(f));
        QVERIFY2(!summary.isEmpty(),
                 qPrintable(what + QStringLiteral(": no summary of ") + feedName(f)));
        QVERIFY2(!summary.value(QStringLiteral("resynced")).toBool(),
                 qPrintable(what + QStringLiteral(": re-pulled ") + feedName(f)));
        QVERIFY(summary.value(QStringLiteral("verified")).toBool());
        const qint64 received = summary.value(QStringLiteral("upserts")).toInteger() +
                                summary.value(QStringLiteral("deletes")).toInteger();
        const qint64 expected = itemsAfter(pulled.value(f), killed.value(f).cursor);
        QVERIFY2(received == expected,
                 qPrintable(QStringLiteral("%1: the resumed %2 pull after %3 received %4 entries,"
                                           " the portal has %5 after that cursor")
                                .arg(what, feedName(f))
                                .arg(killed.value(f).cursor)
                                .arg(received)
                                .arg(expected)));
        QVERIFY2(end.value(f).cursor >= killed.value(f).cursor,
                 qPrintable(what + QStringLiteral(": cursor went backwards in ") + feedName(f)));
        QVERIFY(!end.value(f).resyncing);
    }
    const QString difference = compareCache(cache, reference);
    QVERIFY2(difference.isEmpty(), qPrintable(what + QStringLiteral(": ") + difference));
}

void tst_SyncKill::firstSyncKilledAtEveryPage()
{
    PortalProcess portal;
    QVERIFY(startPortal(portal));
    QString error;
    QVERIFY2(login(portal.url(), &error), qPrintable(error));
    const Reference reference(portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));

    // An uninterrupted run counts the pages.
    const QString whole = newProfile(m_freshCache);
    const Completed calibration = runToEnd(whole, FirstPageSize, true);
    QVERIFY2(calibration.exitCode == 0, qPrintable(calibration.err));
    QVERIFY2(calibration.pageLines >= 10, qPrintable(QString::number(calibration.pageLines)));
    const QString difference =
        compareCache(QDir(whole).filePath(QStringLiteral("cache.sqlite")), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    qInfo("first sync: %d pages of %d; killing after each", calibration.pageLines, FirstPageSize);
    for (int line = 1; line < calibration.pageLines; ++line) {
        killAndResume(m_freshCache, FirstPageSize, line, 0, reference.feeds, reference, true);
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_SyncKill::firstSyncKilledMidPage()
{
    PortalProcess portal;
    QVERIFY(startPortal(portal));
    QString error;
    QVERIFY2(login(portal.url(), &error), qPrintable(error));
    const Reference reference(portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));

    QElapsedTimer timer;
    timer.start();
    const Completed calibration = runToEnd(newProfile(m_freshCache), FirstPageSize, true);
    QVERIFY2(calibration.exitCode == 0, qPrintable(calibration.err));
    const int span = std::max<int>(50, int(timer.elapsed()));
    qInfo("an uninterrupted first sync takes %d ms; %d kills at random moments in it (seed %u)",
          span, RandomKills, m_seed);
    for (int i = 0; i < RandomKills; ++i) {
        const int delay = 1 + int(m_random.bounded(span));
        killAndResume(m_freshCache, FirstPageSize, 0, delay, reference.feeds, reference, true);
        if (QTest::currentTestFailed()) {
            qWarning("failed at kill %d after %d ms (seed %u)", i + 1, delay, m_seed);
            return;
        }
    }
}

void tst_SyncKill::deltaSyncKilled()
{
    PortalProcess portal;
    QVERIFY(startPortal(portal));
    QString error;
    QVERIFY2(login(portal.url(), &error), qPrintable(error));

    // A synced cache, then changes on the portal with updates, new entries and deletions.
    const QString synced = newProfile(m_freshCache);
    const Completed first = runToEnd(synced, 1000, false);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QString syncedCache = m_home.filePath(QStringLiteral("synced.sqlite"));
    QVERIFY(QFile::copy(QDir(synced).filePath(QStringLiteral("cache.sqlite")), syncedCache));
    const States before = readStates(syncedCache, &error);
    QVERIFY2(!before.isEmpty(), qPrintable(error));

    QString output;
    QCOMPARE(portal.runMaintenance(
                 {QStringLiteral("--apply-demo-changes"), QString::number(DemoChanges)}, &output),
             0);
    const Reference reference(portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    // The portal's entries of each feed after the synced cursors: what the delta must apply.
    QMap<Feed, FeedPull> delta;
    {
        HttpClient http(portal.url());
        const QString token = http.accessToken(Buyer, Password);
        QVERIFY(!token.isEmpty());
        for (Feed f : catalogFeeds()) {
            FeedPull pull = pullFeed(http, token, f, 5000, before.value(f).cursor);
            QVERIFY2(pull.ok, qPrintable(pull.error));
            delta.insert(f, std::move(pull));
        }
    }
    qint64 deltaEntries = 0;
    for (const FeedPull &p : delta)
        deltaEntries += p.items.size();
    QVERIFY(deltaEntries > 0);

    QElapsedTimer timer;
    timer.start();
    const Completed calibration = runToEnd(newProfile(syncedCache), DeltaPageSize, true);
    QVERIFY2(calibration.exitCode == 0, qPrintable(calibration.err));
    const int span = std::max<int>(50, int(timer.elapsed()));
    QVERIFY2(calibration.pageLines >= 4, qPrintable(QString::number(calibration.pageLines)));
    qInfo("delta of %lld entries: %d pages of %d in %d ms", deltaEntries, calibration.pageLines,
          DeltaPageSize, span);

    for (int line = 1; line < calibration.pageLines; ++line) {
        killAndResume(syncedCache, DeltaPageSize, line, 0, delta, reference, false);
        if (QTest::currentTestFailed())
            return;
    }
    for (int i = 0; i < DeltaRandomKills; ++i) {
        const int delay = 1 + int(m_random.bounded(span));
        killAndResume(syncedCache, DeltaPageSize, 0, delay, delta, reference, false);
        if (QTest::currentTestFailed()) {
            qWarning("failed at kill %d after %d ms (seed %u)", i + 1, delay, m_seed);
            return;
        }
    }
}

QTEST_GUILESS_MAIN(tst_SyncKill)
#include "tst_synckill.moc"
