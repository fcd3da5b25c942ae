#include "../models/catalogfixtures.h"
#include "fakeportal.h"

#include "core/requisitionlist.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "sync/syncengine.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace qm;
using namespace qm::test;

// The engine against a fake portal that serves FakeFeed pages and injects faults: wrong
// digests, expired cursors, refused feeds, garbage. The real portal is exercised by
// tests/integration/tst_catalogsync.

namespace {

using Response = FakePortal::Response;

QString sku(int n)
{
    return QStringLiteral("HIS-%1").arg(n, 5, 10, QChar(u'0'));
}

struct Portal
{
    FakeFeed products{Feed::Products};
    FakeFeed prices{Feed::Prices};
    FakeFeed stock{Feed::Stock};
    FakeFeed partNumbers{Feed::PartNumbers};
    FakeFeed lists{Feed::Lists};      // one list; saved lists have tests of their own (tst_lists)
    QHash<QString, int> wrongDigests; // feed -> how many last pages carry a wrong hash
    QHash<QString, qint64>
        expired; // feed -> a cursor that gets 410 (older than retention); -1: all
    QSet<QString> forbidden;
    QSet<QString> garbage;
    QString validAccessToken = QStringLiteral("acc");
    QByteArray tokenAnswer; // for /auth/token; empty: invalid-grant
    FakePortal server;

    Portal()
        : server([this](const FakePortal::Request &r) { return handle(r); })
    {
        RequisitionList list;
        list.id = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");
        list.name = QStringLiteral("Weekly");
        list.version = 1;
        list.updatedAt = QDateTime(QDate(2026, 11, 26), QTime(8, 0), QTimeZone::utc());
        list.updatedBy = QStringLiteral("Dana Reyes");
        lists.upsert(list.id, list.toJson());
    }

    FakeFeed &feed(const QString &name)
    {
        return name == u"products"       ? products
               : name == u"prices"       ? prices
               : name == u"part_numbers" ? partNumbers
               : name == u"lists"        ? lists
                                         : stock;
    }

    void add(int from, int to)
    {
        for (int i = from; i < to; ++i) {
            products.upsert(sku(i),
                            product(sku(i), QStringLiteral("Hex bolt %1").arg(i), i + 1).toJson());
            prices.upsert(sku(i),
                          qm::test::prices(sku(i), {rule(PriceRule::Kind::List, "EA", 1, "1.5000")})
                              .toJson());
            stock.upsert(sku(i), qm::test::stock(sku(i), {i}).toJson());
            const QString partNumber = QStringLiteral("PN-%1").arg(i);
            partNumbers.upsert(partNumber, CustomerPartNumber{partNumber, sku(i), {}}.toJson());
        }
    }

    Response handle(const FakePortal::Request &r)
    {
        if (r.path == u"/api/v1/auth/token") {
            if (tokenAnswer.isEmpty())
                return Response::problem(400, "invalid-grant");
            return Response::json(200, tokenAnswer);
        }
        if (r.header("authorization") != "Bearer " + validAccessToken.toUtf8())
            return Response::problem(401, "unauthorized");
        const QString prefix = QStringLiteral("/api/v1/sync/");
        if (!r.path.startsWith(prefix))
            return Response::problem(404, "not-found");
        const QString name = r.path.mid(prefix.size());
        const qint64 after = r.query.queryItemValue(QStringLiteral("after")).toLongLong();
        const int limit = r.query.queryItemValue(QStringLiteral("limit")).toInt();
        if (forbidden.contains(name))
            return Response::problem(403, "forbidden");
        if (garbage.contains(name))
            return Response::json(200, R"({"feed":")" + name.toUtf8() +
                                           R"(","items":[{"seq":0}],"next":1,"has_more":false})");
        if (after > 0 && (after == expired.value(name) || expired.value(name) < 0))
            return Response::problem(410, "cursor-expired");
        QByteArray page = feed(name).pageJson(after, limit);
        if (!page.contains("\"has_more\":true") && wrongDigests.value(name) > 0) {
            --wrongDigests[name];
            const qsizetype at = page.indexOf("\"hash\":\"") + 8;
            page[at] = page[at] == '0' ? '1' : '0';
        }
        return Response::json(200, page);
    }
};

struct Client
{
    QTemporaryDir dir;
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }

    SyncEngine::Options options(const Portal &portal, int pageSize = 10) const
    {
        SyncEngine::Options o;
        o.portal = portal.server.url();
        o.cachePath = cachePath();
        o.pageSize = pageSize;
        o.transferTimeoutMs = 10000;
        return o;
    }

    // The cache's view of a feed, read through a connection of its own.
    FeedState state(Feed feed) const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        return db ? CatalogStore(*db).state(feed) : FeedState{};
    }
    qint64 productCount() const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        return db ? CatalogQuery(*db).productCount() : -1;
    }
};

Tokens tokens(const char *access, const char *refresh)
{
    Tokens t;
    t.accessToken = QString::fromLatin1(access);
    t.refreshToken = QString::fromLatin1(refresh);
    return t;
}

// A portal with `products` products (with prices and stock), an empty cache and an
// engine between them holding `tokens`.
struct Fixture
{
    Portal portal;
    Client client;
    SyncEngine engine;

    explicit Fixture(int products, const Tokens &initial = tokens("acc", "ref"))
        : engine(client.options(portal))
    {
        portal.add(0, products);
        engine.setTokens(initial);
    }
};

// Runs the engine once and returns its result.
SyncResult run(SyncEngine &engine)
{
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    if (finished.isEmpty() && !finished.wait(30000))
        qWarning("the sync did not finish");
    return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
}

const FeedSyncResult &feedResult(const SyncResult &r, Feed feed)
{
    for (const FeedSyncResult &f : r.feeds) {
        if (f.feed == feed)
            return f;
    }
    static const FeedSyncResult none;
    return none;
}

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty() ? QStringLiteral("ok") : r.storageError;
}

} // namespace

class tst_SyncEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstSyncConverges();
    void deltaPullsOnlyChanges();
    void mismatchOnceRepullsTheFeed();
    void persistentMismatchFails();
    void expiredCursorRepullsTheFeed();
    void cursorExpiredTwiceFails();
    void cancelAfterFirstPageThenResume();
    void invalidPageAppliesNothing();
    void forbiddenFeedIsSkipped();
    void secondStartIsIgnoredWhileRunning();
    void rotatedTokensAreForwarded();
    void refusedRefreshEndsTheRun();
    void unusableCacheIsAStorageError();
    void controllerRunsTheEngineInAThread();
};

void tst_SyncEngine::firstSyncConverges()
{
    Fixture fixture(25);
    auto &[portal, client, engine] = fixture;
    QSignalSpy progress(&engine, &SyncEngine::progress);
    QSignalSpy started(&engine, &SyncEngine::started);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QVERIFY(!r.cancelled);
    QCOMPARE(started.count(), 1);
    QCOMPARE(r.feeds.size(), allFeeds().size());
    for (Feed f : catalogFeeds()) {
        const FeedSyncResult &fr = feedResult(r, f);
        QVERIFY(fr.verified);
        QVERIFY(!fr.resynced);
        QCOMPARE(fr.upserts, 25);
        QCOMPARE(fr.deletes, 0);
        QCOMPARE(fr.pages, 3);
        QCOMPARE(client.state(f).count, portal.feed(feedName(f)).count());
        QCOMPARE(client.state(f).digest, portal.feed(feedName(f)).digest());
        QVERIFY(client.state(f).verifiedAt.isValid());
    }
    QCOMPARE(client.productCount(), 25);
    // A first sync is a full pull: every page says so, so that a portal that purged
    // tombstones does not refuse its later pages.
    int syncRequests = 0;
    for (const auto &req : portal.server.requests()) {
        if (!req.path.startsWith(u"/api/v1/sync/"))
            continue;
        ++syncRequests;
        QCOMPARE(req.query.queryItemValue(QStringLiteral("full")), QStringLiteral("true"));
    }
    QCOMPARE(syncRequests, 13); // three pages of each catalog feed, one of lists

    // Progress: per feed, applied grows to 25; products' total is unknown on a first sync,
    // prices and stock estimate it from the product count.
    QCOMPARE(progress.count(), 13); // the last: the one page of lists
    const auto lists = progress.last().first().value<SyncProgress>();
    QCOMPARE(lists.feed, Feed::Lists);
    QCOMPARE(lists.itemsApplied, 1);
    for (int i = 0; i < 12; ++i) {
        const auto p = progress.at(i).first().value<SyncProgress>();
        QCOMPARE(p.feedIndex, i / 3);
        QCOMPARE(p.itemsApplied, std::min<qint64>(25, 10 * (i % 3 + 1)));
        QCOMPARE(p.pages, i % 3 + 1);
        // Part numbers are not one per product: their total is not estimated.
        QCOMPARE(p.itemsExpected,
                 p.feed == Feed::Products || p.feed == Feed::PartNumbers ? -1 : 25);
    }
    QVERIFY(!engine.isRunning());
}

void tst_SyncEngine::deltaPullsOnlyChanges()
{
    Fixture fixture(25);
    auto &[portal, client, engine] = fixture;
    QVERIFY(run(engine).ok);

    for (int i : {3, 7, 11})
        portal.products.upsert(
            sku(i), product(sku(i), QStringLiteral("Renamed %1").arg(i), i + 1).toJson());
    portal.products.remove(sku(20));
    portal.stock.upsert(sku(1), stock(sku(1), {999}).toJson());
    const qsizetype before = portal.server.requests().size();
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    // A delta pull is not a full pull: the portal must refuse it if its cursor is stale.
    const auto requests = portal.server.requests();
    QCOMPARE(requests.size() - before, allFeeds().size()); // one page per feed
    for (qsizetype i = before; i < requests.size(); ++i)
        QVERIFY(!requests.at(i).query.hasQueryItem(QStringLiteral("full")));
    QCOMPARE(feedResult(r, Feed::Products).upserts, 3);
    QCOMPARE(feedResult(r, Feed::Products).deletes, 1);
    QCOMPARE(feedResult(r, Feed::Products).pages, 1);
    QCOMPARE(feedResult(r, Feed::Prices).upserts, 0);
    QCOMPARE(feedResult(r, Feed::Stock).upserts, 1);
    QCOMPARE(client.productCount(), 24);
    for (Feed f : catalogFeeds())
        QCOMPARE(client.state(f).digest, portal.feed(feedName(f)).digest());
}

void tst_SyncEngine::mismatchOnceRepullsTheFeed()
{
    Fixture fixture(12);
    auto &[portal, client, engine] = fixture;
    portal.wrongDigests.insert(QStringLiteral("prices"), 1);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QVERIFY(feedResult(r, Feed::Prices).resynced);
    QVERIFY(feedResult(r, Feed::Prices).verified);
    QVERIFY(!feedResult(r, Feed::Products).resynced);
    int fromZero = 0;
    for (const auto &req : portal.server.requests()) {
        if (req.path == u"/api/v1/sync/prices" &&
            req.query.queryItemValue(QStringLiteral("after")) == u"0")
            ++fromZero;
    }
    QCOMPARE(fromZero, 2);
    QCOMPARE(client.state(Feed::Prices).digest, portal.prices.digest());
    QVERIFY(!client.state(Feed::Prices).resyncing);
}

void tst_SyncEngine::persistentMismatchFails()
{
    Fixture fixture(5);
    auto &[portal, client, engine] = fixture;
    portal.wrongDigests.insert(QStringLiteral("stock"), 100);
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QVERIFY(r.error);
    QCOMPARE(r.error->code, ApiError::Code::InvalidResponse);
    QVERIFY2(r.error->detail.contains(u"stock") && r.error->detail.contains(u"did not converge"),
             qPrintable(r.error->detail));
    QVERIFY(feedResult(r, Feed::Products).verified);
    QVERIFY(!client.state(Feed::Stock).verifiedAt.isValid());
    QCOMPARE(portal.wrongDigests.value(QStringLiteral("stock")), 98); // two full pulls, no more
}

void tst_SyncEngine::expiredCursorRepullsTheFeed()
{
    Fixture fixture(15);
    auto &[portal, client, engine] = fixture;
    QVERIFY(run(engine).ok);

    // Products change and the portal forgets the tombstones: the client's cursor is too old.
    portal.products.remove(sku(2));
    portal.products.remove(sku(9));
    portal.products.upsert(sku(4), product(sku(4), QStringLiteral("Renamed"), 5).toJson());
    portal.products.purgeTombstones();
    portal.expired.insert(QStringLiteral("products"), client.state(Feed::Products).cursor);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QVERIFY(feedResult(r, Feed::Products).resynced);
    QVERIFY(feedResult(r, Feed::Products).verified);
    QCOMPARE(client.productCount(), 13);
    QCOMPARE(client.state(Feed::Products).digest, portal.products.digest());
}

void tst_SyncEngine::cursorExpiredTwiceFails()
{
    Fixture fixture(25);
    auto &[portal, client, engine] = fixture;
    QVERIFY(run(engine).ok);
    portal.add(25, 26);
    // Every cursor but 0 is refused: the re-pull cannot get past its first page.
    portal.expired.insert(QStringLiteral("products"), -1);
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QVERIFY(r.error);
    QCOMPARE(r.error->httpStatus, 410);
    QCOMPARE(r.error->problemSlug(), QStringLiteral("cursor-expired"));
    QVERIFY(feedResult(r, Feed::Products).resynced);
    // What was there stays; the interrupted re-pull resumes from its cursor next time.
    QCOMPARE(client.productCount(), 25);
    QVERIFY(client.state(Feed::Products).resyncing);
    portal.expired.remove(QStringLiteral("products"));
    const SyncResult again = run(engine);
    QVERIFY2(again.ok, qPrintable(describe(again)));
    QCOMPARE(client.productCount(), 26);
    QVERIFY(!client.state(Feed::Products).resyncing);
    QCOMPARE(client.state(Feed::Products).digest, portal.products.digest());
}

void tst_SyncEngine::cancelAfterFirstPageThenResume()
{
    Fixture fixture(35);
    auto &[portal, client, engine] = fixture;
    QMetaObject::Connection c =
        connect(&engine, &SyncEngine::progress, &engine, &SyncEngine::cancel);
    const SyncResult first = run(engine);
    disconnect(c);
    QVERIFY(!first.ok);
    QVERIFY(first.cancelled);
    QVERIFY(!first.error);
    QCOMPARE(feedResult(first, Feed::Products).pages, 1);
    QCOMPARE(client.state(Feed::Products).cursor, 10);
    QCOMPARE(client.productCount(), 10);

    const SyncResult second = run(engine);
    QVERIFY2(second.ok, qPrintable(describe(second)));
    QCOMPARE(feedResult(second, Feed::Products).upserts, 25); // only what was missing
    for (Feed f : catalogFeeds())
        QCOMPARE(client.state(f).digest, portal.feed(feedName(f)).digest());
    // Between them the two runs applied each product once.
    QCOMPARE(feedResult(first, Feed::Products).upserts + feedResult(second, Feed::Products).upserts,
             portal.products.count());
}

void tst_SyncEngine::invalidPageAppliesNothing()
{
    Fixture fixture(5);
    auto &[portal, client, engine] = fixture;
    portal.garbage.insert(QStringLiteral("stock"));
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QCOMPARE(r.error->code, ApiError::Code::InvalidResponse);
    QVERIFY(r.error->detail.contains(u"stock"));
    QCOMPARE(client.state(Feed::Stock).cursor, 0);
    QCOMPARE(client.state(Feed::Stock).count, 0);
    QCOMPARE(client.state(Feed::Prices).count, 5);
}

void tst_SyncEngine::forbiddenFeedIsSkipped()
{
    Fixture fixture(5);
    auto &[portal, client, engine] = fixture;
    portal.forbidden.insert(QStringLiteral("prices"));
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QVERIFY(feedResult(r, Feed::Prices).skipped);
    QVERIFY(!feedResult(r, Feed::Prices).verified);
    QVERIFY(feedResult(r, Feed::Stock).verified);
    QCOMPARE(client.state(Feed::Prices).count, 0);
}

void tst_SyncEngine::secondStartIsIgnoredWhileRunning()
{
    Fixture fixture(5);
    auto &[portal, client, engine] = fixture;
    QSignalSpy started(&engine, &SyncEngine::started);
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    QVERIFY(engine.isRunning());
    engine.start();
    QVERIFY(finished.wait(30000));
    QCoreApplication::processEvents();
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(portal.server.count(QStringLiteral("/api/v1/sync/products")), 1);
}

void tst_SyncEngine::rotatedTokensAreForwarded()
{
    Fixture fixture(5, tokens("acc-old", "ref-old"));
    auto &[portal, client, engine] = fixture;
    portal.validAccessToken = QStringLiteral("acc-new");
    portal.tokenAnswer =
        R"({"access_token":"acc-new","token_type":"Bearer","expires_in":900,"refresh_token":"ref-new"})";
    QSignalSpy rotated(&engine, &SyncEngine::tokensChanged);
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QCOMPARE(rotated.count(), 1);
    QCOMPARE(rotated.first().first().value<Tokens>().refreshToken, QStringLiteral("ref-new"));
    QCOMPARE(portal.server.count(QStringLiteral("/api/v1/auth/token")), 1);
}

void tst_SyncEngine::refusedRefreshEndsTheRun()
{
    Fixture fixture(5, tokens("acc-old", "ref-old"));
    auto &[portal, client, engine] = fixture;
    portal.validAccessToken = QStringLiteral("acc-new");
    QSignalSpy expired(&engine, &SyncEngine::sessionExpired);
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QCOMPARE(r.error->code, ApiError::Code::SessionExpired);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(client.productCount(), 0);
}

void tst_SyncEngine::unusableCacheIsAStorageError()
{
    Portal portal;
    Client client;
    QFile notADatabase(client.cachePath());
    QVERIFY(notADatabase.open(QIODevice::WriteOnly));
    notADatabase.write("this is not SQLite, but it is long enough to have a header of sorts....");
    notADatabase.close();
    SyncEngine engine(client.options(portal));
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QVERIFY(!r.error);
    QVERIFY(r.storageError.contains(u"not a SQLite database"));
    QVERIFY(portal.server.requests().isEmpty());
}

void tst_SyncEngine::controllerRunsTheEngineInAThread()
{
    Portal portal;
    portal.add(0, 25);
    portal.validAccessToken = QStringLiteral("acc-new");
    portal.tokenAnswer =
        R"({"access_token":"acc-new","token_type":"Bearer","expires_in":900,"refresh_token":"ref-new"})";
    Client client;
    SyncController controller(client.options(portal));
    QThread *mainThread = QThread::currentThread();
    int progressInMainThread = 0;
    connect(&controller, &SyncController::progress, this,
            [&] { progressInMainThread += QThread::currentThread() == mainThread ? 1 : 0; });
    QSignalSpy finished(&controller, &SyncController::finished);
    QSignalSpy progress(&controller, &SyncController::progress);
    QSignalSpy rotated(&controller, &SyncController::tokensChanged);
    QSignalSpy started(&controller, &SyncController::started);
    controller.setTokens(tokens("acc-old", "ref-old"));
    controller.start();
    QVERIFY(controller.isRunning());
    QVERIFY(finished.wait(30000));
    const auto r = finished.first().first().value<SyncResult>();
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QVERIFY(!controller.isRunning());
    QCOMPARE(started.count(), 1);
    QCOMPARE(progress.count(), 13); // three pages of each catalog feed, one of lists
    QCOMPARE(progressInMainThread, 13);
    QCOMPARE(rotated.count(), 1);
    QCOMPARE(rotated.first().first().value<Tokens>().accessToken, QStringLiteral("acc-new"));
    QCOMPARE(client.productCount(), 25);
}

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
