#include "support/cachecheck.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "core/permissions.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/pagewriter.h"
#include "models/profilestore.h"
#include "models/searchindex.h"
#include "sync/apiclient.h"
#include "sync/session.h"
#include "sync/syncengine.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

// The client engine against the real qm-portal (on SQLite or PostgreSQL, see
// QM_TEST_BACKEND): sign in, sync the catalog feeds into a fresh cache, and compare the
// cache with what the portal serves, pulled independently with tests/support's puller.

namespace {

const QString Password = QStringLiteral("demo");
const QString Bayside = QStringLiteral("buyer@bayside.example");
const QString Northgate = QStringLiteral("buyer@northgate.example");
constexpr int DemoProducts = 2000;

// A portal with the demo supplier, started once per test function.
struct Portal
{
    PortalProcess process;
    QString error;
    bool started = false;

    explicit Portal(int products = DemoProducts)
    {
        started = process.start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QString::number(products)},
            &error);
    }
    QUrl url() const { return process.url(); }
    bool maintain(const QStringList &args)
    {
        QString output;
        const int code = process.runMaintenance(args, &output);
        if (code != 0)
            error = output;
        return code == 0;
    }
};

// A signed-in user's cache in a temporary directory and an engine to fill it.
struct Client
{
    QTemporaryDir dir;
    Tokens tokens;
    QString signInError;

    Client(const QUrl &portal, const QString &username)
    {
        if (portal.isEmpty()) {
            signInError = QStringLiteral("no portal");
            return;
        }
        ApiClient api(portal);
        ApiJob *job = api.signIn(username, Password);
        QSignalSpy finished(job, &ApiJob::finished);
        if (!finished.wait(60000))
            signInError = QStringLiteral("sign-in did not finish");
        else if (job->error())
            signInError = job->error()->toLogString();
        tokens = api.tokens();
    }
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }

    SyncEngine::Options options(const QUrl &portal, int pageSize = 1000) const
    {
        SyncEngine::Options o;
        o.portal = portal;
        o.cachePath = cachePath();
        o.pageSize = pageSize;
        return o;
    }
};

// A portal, a signed-in user's empty cache, and the engine options between them.
struct Setup
{
    Portal portal;
    Client client;

    explicit Setup(const QString &username)
        : client(portal.started ? portal.url() : QUrl(), username)
    {}
    // Empty when the portal runs and the user is signed in; otherwise why not.
    QString problem() const
    {
        if (!portal.started)
            return portal.error;
        return client.signInError;
    }
    SyncEngine::Options options(int pageSize = 1000) const
    {
        return client.options(portal.url(), pageSize);
    }
};

SyncResult run(SyncEngine &engine)
{
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    if (finished.isEmpty() && !finished.wait(600000))
        qWarning("the sync did not finish");
    return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
}

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty()
               ? (r.cancelled ? QStringLiteral("cancelled") : QStringLiteral("ok"))
               : r.storageError;
}

// Entries of the catalog feeds (saved lists are checked by tst_lists).
qint64 itemsPulled(const SyncResult &r)
{
    qint64 n = 0;
    for (const FeedSyncResult &f : r.feeds) {
        if (catalogFeeds().contains(f.feed))
            n += f.upserts + f.deletes;
    }
    return n;
}

QSet<QString> cachedSkus(const QString &cachePath)
{
    QString error;
    const auto db = Database::open(cachePath, &error);
    QSet<QString> skus;
    if (!db)
        return skus;
    CatalogQuery query(*db);
    QString after;
    for (;;) {
        const auto page = query.browse(after, 1000, QDate::currentDate());
        if (page.isEmpty())
            break;
        for (const ProductSummary &s : page)
            skus.insert(s.sku);
        after = page.last().sku;
    }
    return skus;
}

QSet<QString> keysOf(const FeedPull &pull)
{
    const QList<QString> keys = pull.entries.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

} // namespace

class tst_CatalogSync final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncConverges();
    void deltaSyncPullsOnlyChanges();
    void expiredCursorResyncs_data();
    void expiredCursorResyncs();
    void firstPullAfterPurge();
    void interruptedSyncResumes();
    void interruptedIndexResumes();
    void accountSeesOnlyItsAssortment();
};

void tst_CatalogSync::initTestCase()
{
    qInfo("backend: %s", qPrintable(backendName(backendFromEnvironment())));
}

void tst_CatalogSync::firstSyncConverges()
{
    Setup setup(Bayside);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Portal &portal = setup.portal;
    Client &client = setup.client;
    QVERIFY(!client.tokens.accessToken.isEmpty());

    // The profile's identity comes from /me.
    {
        ApiClient api(portal.url());
        api.setTokens(client.tokens);
        ApiJob *me = api.get(QStringLiteral("/api/v1/me"));
        QSignalSpy done(me, &ApiJob::finished);
        QVERIFY(done.wait(60000));
        QVERIFY(!me->error());
        const auto info =
            profileInfoFromMe(QJsonDocument::fromJson(me->body()).object(), portal.url());
        QVERIFY(info);
        QCOMPARE(info->username, Bayside);
        QCOMPARE(info->role, QStringLiteral("buyer"));
        QCOMPARE(info->accountCode, QStringLiteral("BMG"));
        QVERIFY(info->can(capabilities::CatalogRead));
        QVERIFY(!info->portalName.isEmpty());
        QString error;
        const auto db = Database::open(client.cachePath(), &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY2(ProfileStore(*db).save(*info, &error), qPrintable(error));
    }

    SyncEngine engine(setup.options());
    engine.setTokens(client.tokens);
    QSignalSpy progress(&engine, &SyncEngine::progress);
    QElapsedTimer timer;
    timer.start();
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    qInfo("first sync of a %d-product demo: %lld ms, %lld entries", DemoProducts,
          qint64(timer.elapsed()), itemsPulled(r));
    for (const FeedSyncResult &f : r.feeds) {
        QVERIFY2(f.verified, qPrintable(feedName(f.feed)));
        QVERIFY(!f.resynced);
        QCOMPARE(f.deletes, 0);
    }
    QVERIFY(!progress.isEmpty());

    const Reference reference(portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    QVERIFY(reference.feeds.value(Feed::Products).serverCount > 0);
    QVERIFY(reference.feeds.value(Feed::PartNumbers).serverCount > 0); // Bayside has its own
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    // The profile holds no secret: neither token is anywhere in its files.
    QDirIterator files(client.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int scanned = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QString &token : {client.tokens.accessToken, client.tokens.refreshToken}) {
            QVERIFY2(!bytes.contains(token.toUtf8()), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(token.toUtf8().toHex()), qPrintable(file.fileName()));
        }
        ++scanned;
    }
    QVERIFY(scanned >= 1);
}

void tst_CatalogSync::deltaSyncPullsOnlyChanges()
{
    Setup setup(Bayside);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Portal &portal = setup.portal;
    Client &client = setup.client;
    SyncEngine engine(setup.options());
    engine.setTokens(client.tokens);
    const SyncResult first = run(engine);
    QVERIFY2(first.ok, qPrintable(describe(first)));

    QVERIFY2(portal.maintain({QStringLiteral("--apply-demo-changes"), QStringLiteral("50")}),
             qPrintable(portal.error));
    const SyncResult delta = run(engine);
    QVERIFY2(delta.ok, qPrintable(describe(delta)));
    qInfo("delta after 50 demo changes: %lld entries in %lld ms (the first sync pulled %lld)",
          itemsPulled(delta), delta.elapsedMs, itemsPulled(first));
    QVERIFY(itemsPulled(delta) > 0);
    QVERIFY(itemsPulled(delta) < itemsPulled(first) / 4);
    for (const FeedSyncResult &f : delta.feeds) {
        QVERIFY(f.verified);
        QVERIFY(!f.resynced);
    }
    const Reference reference(portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void tst_CatalogSync::expiredCursorResyncs_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("re-pull in one page") << 5000;
    QTest::newRow("re-pull over several pages") << 500;
}

void tst_CatalogSync::expiredCursorResyncs()
{
    QFETCH(int, pageSize);
    Setup setup(Bayside);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Portal &portal = setup.portal;
    SyncEngine engine(setup.options(pageSize));
    engine.setTokens(setup.client.tokens);
    QVERIFY(run(engine).ok);

    // Changes with deletions, then the tombstones are purged: the cache's cursors are too old.
    QVERIFY2(portal.maintain({QStringLiteral("--apply-demo-changes"), QStringLiteral("80")}),
             qPrintable(portal.error));
    QVERIFY2(portal.maintain({QStringLiteral("--purge-tombstones"),
                              QStringLiteral("--tombstone-retention-days"), QStringLiteral("0")}),
             qPrintable(portal.error));
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    bool anyResynced = false;
    for (const FeedSyncResult &f : r.feeds) {
        QVERIFY(f.verified);
        anyResynced = anyResynced || f.resynced;
    }
    QVERIFY(anyResynced);
    const Reference reference(portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(setup.client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void tst_CatalogSync::firstPullAfterPurge()
{
    // A new client arrives after the portal purged its tombstones: its first pull spans
    // many pages whose cursors all lie behind the purge horizon, and it must not be
    // refused (it needs none of the purged tombstones).
    Portal portal;
    QVERIFY2(portal.started, qPrintable(portal.error));
    QVERIFY2(portal.maintain({QStringLiteral("--apply-demo-changes"), QStringLiteral("80")}),
             qPrintable(portal.error));
    QVERIFY2(portal.maintain({QStringLiteral("--apply-demo-changes"), QStringLiteral("80"),
                              QStringLiteral("--seed"), QStringLiteral("7")}),
             qPrintable(portal.error));
    QVERIFY2(portal.maintain({QStringLiteral("--purge-tombstones"),
                              QStringLiteral("--tombstone-retention-days"), QStringLiteral("0")}),
             qPrintable(portal.error));
    Client client(portal.url(), Bayside);
    QVERIFY2(client.signInError.isEmpty(), qPrintable(client.signInError));
    SyncEngine engine(client.options(portal.url(), 250)); // several pages of every feed
    engine.setTokens(client.tokens);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    for (const FeedSyncResult &f : r.feeds) {
        QVERIFY(f.verified);
        QVERIFY2(!f.resynced, qPrintable(feedName(f.feed)));
        // The demo account's two saved lists fit one page, and so may its orders.
        QVERIFY(f.feed == Feed::Lists || f.feed == Feed::Orders || f.pages > 1);
    }
    const Reference reference(portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void tst_CatalogSync::interruptedSyncResumes()
{
    Setup setup(Bayside);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Portal &portal = setup.portal;
    Client &client = setup.client;
    const int pageSize = 400;
    qint64 pulled = 0;
    {
        SyncEngine engine(setup.options(pageSize));
        engine.setTokens(client.tokens);
        connect(&engine, &SyncEngine::progress, &engine, &SyncEngine::cancel);
        const SyncResult cancelled = run(engine);
        QVERIFY(cancelled.cancelled);
        QCOMPARE(cancelled.feeds.size(), 1);
        // The cancel came with the first page written; the pages committed with it (queued
        // behind it, they share its transaction) or being written then are committed too,
        // and counted.
        QVERIFY2(cancelled.feeds.first().pages >= 1 &&
                     cancelled.feeds.first().pages <= 2 * PageWriter::MaxGroupPages,
                 qPrintable(QString::number(cancelled.feeds.first().pages)));
        pulled += itemsPulled(cancelled);
    }
    {
        // As after a restart: a new engine on the same cache continues from the cursor.
        SyncEngine engine(setup.options(pageSize));
        engine.setTokens(client.tokens);
        const SyncResult resumed = run(engine);
        QVERIFY2(resumed.ok, qPrintable(describe(resumed)));
        pulled += itemsPulled(resumed);
    }
    const Reference reference(portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    // Nothing was delivered twice: the two runs together pulled each entry once.
    qint64 entries = 0;
    for (const FeedPull &f : reference.feeds)
        entries += f.items.size();
    QCOMPARE(pulled, entries);
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// Cancelled while the full-text index of the first pull is being built a range at a time
// (one product per range here, so that it is still pending when the prices begin): the
// resumed run completes the index, and it matches the products table.
void tst_CatalogSync::interruptedIndexResumes()
{
    Setup setup(Bayside);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Client &client = setup.client;
    const auto indexState = [&] {
        QString error;
        const auto db = Database::open(client.cachePath(), &error);
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT index_pending, indexed_through,"
                              " (SELECT count(*) FROM products),"
                              " (SELECT max(id) FROM products)"
                              " FROM sync_state WHERE feed = 'products'"));
        QList<qint64> state;
        if (q.next()) {
            for (int i = 0; i < 4; ++i)
                state << q.value(i).toLongLong();
        }
        return state;
    };
    {
        SyncEngine::Options options = setup.options(400);
        options.indexRangeProducts = 1;
        SyncEngine engine(options);
        engine.setTokens(client.tokens);
        connect(&engine, &SyncEngine::progress, &engine, [&engine](const SyncProgress &p) {
            if (p.feed == Feed::Prices)
                engine.cancel();
        });
        const SyncResult cancelled = run(engine);
        QVERIFY(cancelled.cancelled);
        QCOMPARE(cancelled.feeds.size(), 2);
    }
    const QList<qint64> partial = indexState();
    QCOMPARE(partial.size(), 4);
    QVERIFY2(partial.at(2) > 100, qPrintable(QString::number(partial.at(2))));
    // Pending, and not beyond the products there are.
    QCOMPARE(partial.at(0), 1);
    QVERIFY(partial.at(1) < partial.at(3));
    {
        SyncEngine::Options options = setup.options(400);
        options.indexRangeProducts = 7;
        options.finalIndexRangeProducts = 11;
        SyncEngine engine(options);
        engine.setTokens(client.tokens);
        const SyncResult resumed = run(engine);
        QVERIFY2(resumed.ok, qPrintable(describe(resumed)));
        // The dozens of segments the ranges left are merged after the run.
        engine.waitForIndexMerge();
    }
    const QList<qint64> done = indexState();
    QCOMPARE(done.value(0, -1), 0);
    {
        // FTS5 finds nothing left to merge, and merges a level at its default crisis again.
        QString error;
        const auto db = Database::open(client.cachePath(), &error);
        QVERIFY2(db, qPrintable(error));
        QSqlQuery q(db->connection());
        const auto changes = [&] {
            return q.exec(QStringLiteral("SELECT total_changes()")) && q.next()
                       ? q.value(0).toLongLong()
                       : -1;
        };
        const qint64 before = changes();
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO products_fts(products_fts, rank) VALUES ('merge', 1000)")));
        QVERIFY(before >= 0);
        const qint64 merged = changes() - before;
        QVERIFY2(merged < 2, qPrintable(QString::number(merged)));
        QVERIFY(q.exec(QStringLiteral("SELECT v FROM products_fts_config"
                                      " WHERE k = 'crisismerge'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), searchindex::DefaultCrisisSegments);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)")));
    }
    const Reference reference(setup.portal.url(), Bayside);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void tst_CatalogSync::accountSeesOnlyItsAssortment()
{
    Setup setup(Northgate);
    QVERIFY2(setup.problem().isEmpty(), qPrintable(setup.problem()));
    Portal &portal = setup.portal;
    Client &client = setup.client;
    SyncEngine engine(setup.options());
    engine.setTokens(client.tokens);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));

    const Reference northgate(portal.url(), Northgate);
    const Reference bayside(portal.url(), Bayside);
    QVERIFY2(northgate.error.isEmpty(), qPrintable(northgate.error));
    QVERIFY2(bayside.error.isEmpty(), qPrintable(bayside.error));
    const QSet<QString> allowed = keysOf(northgate.feeds.value(Feed::Products));
    const QSet<QString> other = keysOf(bayside.feeds.value(Feed::Products));
    // The assortments differ, so a leak would show.
    QVERIFY(!allowed.isEmpty());
    QVERIFY(!(other - allowed).isEmpty());

    const QSet<QString> cached = cachedSkus(client.cachePath());
    QCOMPARE(cached.size(), allowed.size());
    QVERIFY((cached - allowed).isEmpty());
    for (Feed f : {Feed::Prices, Feed::Stock}) {
        const QSet<QString> keys = keysOf(northgate.feeds.value(f));
        QVERIFY2((keys - allowed).isEmpty(), qPrintable(feedName(f)));
    }
    // Part numbers are the account's own: Bayside's never reach a Northgate cache.
    QVERIFY(!bayside.feeds.value(Feed::PartNumbers).entries.isEmpty());
    QCOMPARE(northgate.feeds.value(Feed::PartNumbers).serverCount, 0);
    const QString difference = compareCache(client.cachePath(), northgate);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

QTEST_GUILESS_MAIN(tst_CatalogSync)
#include "tst_catalogsync.moc"
