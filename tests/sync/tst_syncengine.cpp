#include "../models/catalogfixtures.h"
#include "fakeportal.h"

#include "core/account.h"
#include "core/order.h"
#include "core/requisitionlist.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <algorithm>

using namespace qm;
using namespace qm::test;

// The engine against a fake portal that serves FakeFeed pages, takes orders and serves the
// account, and injects faults: wrong digests, expired cursors, refused feeds, garbage, refused
// or unanswered orders. The real portal is exercised by tests/integration/tst_catalogsync and
// tst_orderoutbox.

namespace {

using Response = FakePortal::Response;

QString sku(int n)
{
    return QStringLiteral("HIS-%1").arg(n, 5, 10, QChar(u'0'));
}

const QDateTime PlacedAt(QDate(2026, 11, 26), QTime(8, 0), QTimeZone::utc());

// The order the portal makes of a submission: number SO-<n>, every line at its price.
Order placedOrder(const OrderSubmission &submission, int n, qint64 sequence = 1)
{
    Order order;
    order.number = QStringLiteral("SO-%1").arg(300000 + n);
    order.clientOrderId = submission.clientOrderId;
    order.sequence = sequence;
    order.placedAt = PlacedAt;
    order.placedBy = QStringLiteral("Dana Reyes");
    order.shipTo = submission.shipTo;
    order.poNumber = submission.poNumber;
    order.currency = QStringLiteral("USD");
    int lineNo = 0;
    for (const OrderSubmissionLine &l : submission.lines) {
        OrderLine line;
        line.lineNo = ++lineNo;
        line.sku = l.sku;
        line.uom = l.uom.isEmpty() ? QStringLiteral("EA") : l.uom;
        line.quantity = l.quantity;
        line.unitPrice = l.unitPrice;
        line.lineTotal = *l.unitPrice.times(l.quantity);
        line.priceRule = QStringLiteral("list");
        order.lines.append(line);
        order.subtotal = order.subtotal + line.lineTotal;
    }
    OrderEvent placed;
    placed.at = PlacedAt;
    placed.status = OrderStatus::Submitted;
    order.timeline.append(placed);
    return order;
}

OrderSubmission submission(const char *po, std::initializer_list<int> products)
{
    OrderSubmission s;
    s.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.shipTo = QStringLiteral("HQ");
    s.poNumber = QString::fromLatin1(po);
    for (int i : products) {
        OrderSubmissionLine line;
        line.sku = sku(i);
        line.quantity = i + 1;
        line.unitPrice = *Decimal::parse(QStringLiteral("1.5000"));
        s.lines.append(line);
    }
    return s;
}

AccountInfo account()
{
    AccountInfo a;
    a.code = QStringLiteral("HIS");
    a.name = QStringLiteral("Harbour Industrial Supply");
    a.currency = QStringLiteral("USD");
    a.paymentTerms = QStringLiteral("Net 30");
    a.creditLimit = Decimal::fromInt(10000);
    a.balance = Decimal::fromInt(2500);
    a.availableCredit = Decimal::fromInt(7500);
    ShipToLocation hq;
    hq.code = QStringLiteral("HQ");
    hq.name = QStringLiteral("Head office");
    hq.isDefault = true;
    hq.address.line1 = QStringLiteral("1 Quay Street");
    hq.address.city = QStringLiteral("Portsmouth");
    hq.address.region = QStringLiteral("Hampshire");
    hq.address.postalCode = QStringLiteral("PO1 1AA");
    hq.address.country = QStringLiteral("GB");
    a.shipTo.append(hq);
    return a;
}

struct Portal
{
    FakeFeed products{Feed::Products};
    FakeFeed prices{Feed::Prices};
    FakeFeed stock{Feed::Stock};
    FakeFeed partNumbers{Feed::PartNumbers};
    FakeFeed lists{Feed::Lists};   // one list; saved lists have tests of their own (tst_lists)
    FakeFeed orders{Feed::Orders}; // one order placed elsewhere, and every order placed here
    // Answers to POST /api/v1/orders of one client order id, in turn; when none is left the
    // order is placed (or its first answer replayed).
    QHash<QString, QList<Response>> orderAnswers;
    QHash<QString, QByteArray> placed; // client order id -> the answer that placed it
    QByteArray accountETag = "\"acct-1\"";
    bool accountForbidden = false;
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
        const Order history = placedOrder(submission("PO-OLD", {1, 2}), 0);
        orders.upsert(history.number, history.toJson());
    }

    FakeFeed &feed(const QString &name)
    {
        return name == u"products"       ? products
               : name == u"prices"       ? prices
               : name == u"part_numbers" ? partNumbers
               : name == u"lists"        ? lists
               : name == u"orders"       ? orders
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
        if (r.path == u"/api/v1/orders" && r.method == "POST")
            return placeOrder(r);
        if (r.path == u"/api/v1/account") {
            if (accountForbidden)
                return Response::problem(403, "forbidden");
            Response answer =
                r.header("if-none-match") == accountETag
                    ? Response::json(304, {})
                    : Response::json(
                          200, QJsonDocument(account().toJson()).toJson(QJsonDocument::Compact));
            answer.headers.append(qMakePair(QByteArray("ETag"), accountETag));
            return answer;
        }
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

    Response placeOrder(const FakePortal::Request &r)
    {
        QList<FieldError> errors;
        const auto s = OrderSubmission::fromJson(QJsonDocument::fromJson(r.body).object(), &errors);
        if (!s || r.header("idempotency-key") != s->clientOrderId.toUtf8())
            return Response::problem(422, "invalid-order");
        if (QList<Response> &answers = orderAnswers[s->clientOrderId]; !answers.isEmpty())
            return answers.takeFirst();
        if (const QByteArray first = placed.value(s->clientOrderId); !first.isEmpty()) {
            Response replay = Response::json(201, first);
            replay.headers.append(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true")));
            return replay;
        }
        const Order order = placedOrder(*s, int(placed.size()) + 1);
        QJsonObject answer = order.toJson();
        answer.insert(QStringLiteral("warnings"), QJsonArray());
        const QByteArray body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        placed.insert(s->clientOrderId, body);
        orders.upsert(order.number, order.toJson());
        return Response::json(201, body);
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
    // Queues `s` in the cache's order outbox; the queued order (id 0 on failure).
    OutboxOrder queue(const OrderSubmission &s) const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        if (!db)
            qWarning("%s", qPrintable(error));
        const auto queued =
            db ? OrderStore(*db).queue(s, QStringLiteral("Main"), Decimal::fromInt(1),
                                       QStringLiteral("USD"), &error)
               : std::nullopt;
        if (!queued)
            qWarning("cannot queue: %s", qPrintable(error));
        return queued.value_or(OutboxOrder{});
    }
    std::optional<OutboxOrder> outboxOrder(const QString &clientOrderId) const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        return db ? OrderStore(*db).outboxOrder(clientOrderId) : std::nullopt;
    }
    std::optional<AccountInfo> account() const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        return db ? OrderStore(*db).account() : std::nullopt;
    }
    std::optional<CachedOrder> order(const QString &number) const
    {
        QString error;
        auto db = Database::open(cachePath(), &error);
        return db ? OrderStore(*db).order(number) : std::nullopt;
    }
};

// The POST /api/v1/orders requests the portal received: their Idempotency-Keys in order.
QStringList orderKeys(const FakePortal &server)
{
    QStringList keys;
    for (const auto &req : server.requests()) {
        if (req.method == "POST" && req.path == u"/api/v1/orders")
            keys.append(QString::fromUtf8(req.header("idempotency-key")));
    }
    return keys;
}

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

// Runs the engine once (or only its push) and returns its result.
SyncResult run(SyncEngine &engine, bool pushOnly = false)
{
    QSignalSpy finished(&engine, &SyncEngine::finished);
    if (pushOnly)
        engine.push();
    else
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

Q_DECLARE_METATYPE(qm::test::FakePortal::Response)

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
    void ordersGoOutInOrder();
    void transientFailureKeepsTheOrder_data();
    void transientFailureKeepsTheOrder();
    void expiredSessionKeepsTheOrderQueued();
    void pushOnlyFailsWhenAnOrderWaits();
    void accountIsCachedAndRevalidated();
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
    QCOMPARE(syncRequests, 14); // three pages of each catalog feed, one of lists, one of orders

    // Progress: per feed, applied grows to 25; products' total is unknown on a first sync,
    // prices and stock estimate it from the product count.
    QCOMPARE(progress.count(), 14); // the last two: the one page of lists, the one of orders
    const auto lists = progress.at(12).first().value<SyncProgress>();
    QCOMPARE(lists.feed, Feed::Lists);
    QCOMPARE(lists.itemsApplied, 1);
    const auto orders = progress.last().first().value<SyncProgress>();
    QCOMPARE(orders.feed, Feed::Orders);
    QCOMPARE(orders.feedIndex, int(allFeeds().size()) - 1);
    QCOMPARE(orders.itemsApplied, 1);
    QVERIFY(feedResult(r, Feed::Orders).verified);
    QCOMPARE(client.state(Feed::Orders).digest, portal.orders.digest());
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
    qsizetype pages = 0;
    for (qsizetype i = before; i < requests.size(); ++i) {
        if (!requests.at(i).path.startsWith(u"/api/v1/sync/"))
            continue; // the account
        ++pages;
        QVERIFY(!requests.at(i).query.hasQueryItem(QStringLiteral("full")));
    }
    QCOMPARE(pages, allFeeds().size()); // one page per feed
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
    // The cancel came with the first page written. The pages committed with it (queued
    // behind it, they share its transaction) or being written then are committed too, and
    // counted; there are four, the last of 5 products.
    const qint64 pages = feedResult(first, Feed::Products).pages;
    QVERIFY2(pages >= 1 && pages <= 4, qPrintable(QString::number(pages)));
    const qint64 applied = std::min<qint64>(10 * pages, 35);
    QCOMPARE(client.state(Feed::Products).cursor, applied);
    QCOMPARE(client.productCount(), applied);

    const SyncResult second = run(engine);
    QVERIFY2(second.ok, qPrintable(describe(second)));
    // Only what was missing.
    QCOMPARE(feedResult(second, Feed::Products).upserts, portal.products.count() - applied);
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
    QCOMPARE(progress.count(), 14); // three pages of each catalog feed, one of lists and orders
    QCOMPARE(progressInMainThread, 14);
    QCOMPARE(rotated.count(), 1);
    QCOMPARE(rotated.first().first().value<Tokens>().accessToken, QStringLiteral("acc-new"));
    QCOMPARE(client.productCount(), 25);
}

void tst_SyncEngine::ordersGoOutInOrder()
{
    Fixture fixture(5);
    auto &[portal, client, engine] = fixture;
    const OrderSubmission a = submission("PO-A", {1});
    const OrderSubmission b = submission("PO-B", {2, 3});
    const OrderSubmission c = submission("PO-C", {4});
    const OutboxOrder queuedA = client.queue(a);
    const OutboxOrder queuedB = client.queue(b);
    const OutboxOrder queuedC = client.queue(c);
    QVERIFY(queuedA.id && queuedB.id && queuedC.id);
    // The portal wants B reviewed: a price changed.
    Response review = Response::problem(422, "order-needs-review");
    review.body = R"({"type":"/problems/order-needs-review","title":"Review","status":422,)"
                  R"("lines":[{"index":1,"sku":")" +
                  sku(3).toUtf8() +
                  R"(","problem":"price-changed","seen":"1.5000","current":"1.6500"}]})";
    portal.orderAnswers[b.clientOrderId] = {review};
    QSignalSpy recorded(&engine, &SyncEngine::orderRecorded);

    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QCOMPARE(r.orders.accepted, 2);
    QCOMPARE(r.orders.refused, 1);
    QCOMPARE(r.orders.deferred, 0);
    // One send each, in outbox order, each under its own client order id, with the frozen body.
    QCOMPARE(orderKeys(portal.server),
             (QStringList{a.clientOrderId, b.clientOrderId, c.clientOrderId}));
    QList<QByteArray> bodies;
    for (const auto &req : portal.server.requests()) {
        if (req.path == u"/api/v1/orders")
            bodies.append(req.body);
    }
    QCOMPARE(bodies, (QList<QByteArray>{queuedA.body, queuedB.body, queuedC.body}));
    // Sending, then the outcome: two recorded steps per order.
    QCOMPARE(recorded.count(), 6);

    const auto sentA = client.outboxOrder(a.clientOrderId);
    const auto refusedB = client.outboxOrder(b.clientOrderId);
    const auto sentC = client.outboxOrder(c.clientOrderId);
    QVERIFY(sentA && refusedB && sentC);
    QCOMPARE(sentA->state, OutboxState::Sent);
    QCOMPARE(sentA->orderNumber, QStringLiteral("SO-300001"));
    QCOMPARE(sentC->state, OutboxState::Sent);
    QCOMPARE(sentC->orderNumber, QStringLiteral("SO-300002"));
    QCOMPARE(refusedB->state, OutboxState::NeedsAttention);
    QCOMPARE(refusedB->problemStatus, 422);
    QCOMPARE(refusedB->problem, review.body);
    QCOMPARE(sentA->attempts, 1);
    // The placed orders and the one placed elsewhere are in the history, pulled by the feed.
    QVERIFY(client.order(QStringLiteral("SO-300000")));
    QVERIFY(!client.order(QStringLiteral("SO-300000"))->placedHere);
    const auto historyA = client.order(QStringLiteral("SO-300001"));
    QVERIFY(historyA);
    QVERIFY(historyA->placedHere);
    QCOMPARE(historyA->order.clientOrderId, a.clientOrderId);
    QCOMPARE(client.state(Feed::Orders).digest, portal.orders.digest());

    // Nothing is sent twice: a second run has nothing to send.
    const SyncResult again = run(engine);
    QVERIFY2(again.ok, qPrintable(describe(again)));
    QCOMPARE(again.orders.accepted + again.orders.refused + again.orders.deferred, 0);
    QCOMPARE(orderKeys(portal.server).size(), 3);
}

void tst_SyncEngine::transientFailureKeepsTheOrder_data()
{
    QTest::addColumn<Response>("answer");
    QTest::addColumn<int>("retryAfterSeconds"); // 0: may be sent again at once
    Response unavailable = Response::problem(503, "service-unavailable");
    unavailable.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("120")));
    QTest::newRow("503 with Retry-After") << unavailable << 120;
    QTest::newRow("500") << Response::problem(500, "internal-error") << 0;
    QTest::newRow("429") << Response::problem(429, "too-many-requests") << 0;
    QTest::newRow("408") << Response::problem(408, "request-timeout") << 0;
    QTest::newRow("409 request-in-progress") << Response::problem(409, "request-in-progress") << 0;
    Response cut = Response::json(201, QByteArray(400, 'x'));
    cut.action = Response::Action::Truncate;
    QTest::newRow("connection reset") << cut << 0;
    QTest::newRow("201 that is not an order") << Response::json(201, R"({"number":1})") << 0;
}

void tst_SyncEngine::transientFailureKeepsTheOrder()
{
    QFETCH(Response, answer);
    QFETCH(int, retryAfterSeconds);
    Portal portal;
    portal.add(0, 3);
    Client client;
    SyncEngine::Options options = client.options(portal);
    options.retry.maxAttempts = 1;                               // no retries within the run
    options.orderRetry.baseDelay = std::chrono::milliseconds(0); // and none held back after it
    SyncEngine engine(options);
    engine.setTokens(tokens("acc", "ref"));
    const OrderSubmission a = submission("PO-A", {1});
    const OrderSubmission b = submission("PO-B", {2});
    const OutboxOrder queuedA = client.queue(a);
    QVERIFY(queuedA.id && client.queue(b).id);
    portal.orderAnswers[a.clientOrderId] = {answer};

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const SyncResult r = run(engine);
    // The pull goes on; the order waits for the next run, and so does the one behind it.
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QCOMPARE(r.orders.deferred, 1);
    QCOMPARE(r.orders.accepted, 0);
    QVERIFY(r.orders.deferredBy);
    QCOMPARE(orderKeys(portal.server), QStringList{a.clientOrderId});
    const auto waiting = client.outboxOrder(a.clientOrderId);
    QVERIFY(waiting);
    QCOMPARE(waiting->state, OutboxState::Queued);
    QCOMPARE(waiting->attempts, 1);
    QVERIFY(!waiting->lastError.isEmpty());
    QCOMPARE(waiting->body, queuedA.body);
    if (retryAfterSeconds > 0) {
        QVERIFY2(waiting->nextAttemptAt >= before.addSecs(retryAfterSeconds - 1),
                 qPrintable(waiting->nextAttemptAt.toString(Qt::ISODate)));
    } else {
        QVERIFY(!waiting->nextAttemptAt.isValid() ||
                waiting->nextAttemptAt <= QDateTime::currentDateTimeUtc());
    }

    // The next run: the same key and body again, unless the portal asked to wait; the order
    // behind it does not wait for it.
    const SyncResult next = run(engine);
    QVERIFY2(next.ok, qPrintable(describe(next)));
    const auto after = client.outboxOrder(a.clientOrderId);
    QVERIFY(after);
    QCOMPARE(client.outboxOrder(b.clientOrderId)->state, OutboxState::Sent);
    if (retryAfterSeconds > 0) {
        QCOMPARE(orderKeys(portal.server), (QStringList{a.clientOrderId, b.clientOrderId}));
        QCOMPARE(after->state, OutboxState::Queued);
        QCOMPARE(next.orders.accepted, 1);
    } else {
        QCOMPARE(orderKeys(portal.server),
                 (QStringList{a.clientOrderId, a.clientOrderId, b.clientOrderId}));
        QCOMPARE(after->state, OutboxState::Sent);
        QCOMPARE(after->attempts, 2);
        QCOMPARE(next.orders.accepted, 2);
        QList<QByteArray> bodies;
        for (const auto &req : portal.server.requests()) {
            if (req.header("idempotency-key") == a.clientOrderId.toUtf8())
                bodies.append(req.body);
        }
        QCOMPARE(bodies, (QList<QByteArray>{queuedA.body, queuedA.body}));
    }
}

void tst_SyncEngine::expiredSessionKeepsTheOrderQueued()
{
    Fixture fixture(3, tokens("acc-old", "ref-old"));
    auto &[portal, client, engine] = fixture;
    portal.validAccessToken = QStringLiteral("acc-new"); // and the refresh is refused
    const OrderSubmission a = submission("PO-A", {1});
    QVERIFY(client.queue(a).id);
    QSignalSpy expired(&engine, &SyncEngine::sessionExpired);
    const SyncResult r = run(engine);
    QVERIFY(!r.ok);
    QCOMPARE(r.error->code, ApiError::Code::SessionExpired);
    QCOMPARE(expired.count(), 1);
    const auto order = client.outboxOrder(a.clientOrderId);
    QVERIFY(order);
    QCOMPARE(order->state, OutboxState::Queued);
    QVERIFY(portal.placed.isEmpty());
    QCOMPARE(portal.server.count(QStringLiteral("/api/v1/sync/products")), 0);

    // Signed in again: it goes out.
    engine.setTokens(tokens("acc-new", "ref-new"));
    const SyncResult again = run(engine);
    QVERIFY2(again.ok, qPrintable(describe(again)));
    QCOMPARE(again.orders.accepted, 1);
    QCOMPARE(client.outboxOrder(a.clientOrderId)->state, OutboxState::Sent);
}

void tst_SyncEngine::pushOnlyFailsWhenAnOrderWaits()
{
    Portal portal;
    Client client;
    SyncEngine::Options options = client.options(portal);
    options.retry.maxAttempts = 1;
    options.orderRetry.baseDelay = std::chrono::milliseconds(0);
    SyncEngine engine(options);
    engine.setTokens(tokens("acc", "ref"));
    const OrderSubmission a = submission("PO-A", {1});
    QVERIFY(client.queue(a).id);
    portal.orderAnswers[a.clientOrderId] = {Response::problem(502, "bad-gateway")};
    const SyncResult r = run(engine, true);
    QVERIFY(!r.ok);
    QVERIFY(r.error);
    QCOMPARE(r.error->httpStatus, 502);
    QCOMPARE(r.orders.deferred, 1);
    QVERIFY(r.feeds.isEmpty());
    QCOMPARE(r.account, AccountFetch::NotFetched);
    QCOMPARE(portal.server.count(QStringLiteral("/api/v1/sync/products")), 0);

    const SyncResult again = run(engine, true);
    QVERIFY2(again.ok, qPrintable(describe(again)));
    QCOMPARE(again.orders.accepted, 1);
    QCOMPARE(again.account, AccountFetch::Updated);
    QVERIFY(again.feeds.isEmpty());
}

void tst_SyncEngine::accountIsCachedAndRevalidated()
{
    Fixture fixture(3);
    auto &[portal, client, engine] = fixture;
    const SyncResult first = run(engine);
    QVERIFY2(first.ok, qPrintable(describe(first)));
    QCOMPARE(first.account, AccountFetch::Updated);
    const auto cached = client.account();
    QVERIFY(cached);
    QCOMPARE(cached->code, QStringLiteral("HIS"));
    QCOMPARE(cached->availableCredit, Decimal::fromInt(7500));
    QCOMPARE(cached->defaultShipTo(), QStringLiteral("HQ"));

    const SyncResult second = run(engine);
    QVERIFY2(second.ok, qPrintable(describe(second)));
    QCOMPARE(second.account, AccountFetch::Unchanged);
    QList<QByteArray> conditions;
    for (const auto &req : portal.server.requests()) {
        if (req.path == u"/api/v1/account")
            conditions.append(req.header("if-none-match"));
    }
    QCOMPARE(conditions, (QList<QByteArray>{QByteArray(), portal.accountETag}));

    // A user who may not read it keeps what the cache has, and the sync succeeds.
    portal.accountForbidden = true;
    const SyncResult third = run(engine);
    QVERIFY2(third.ok, qPrintable(describe(third)));
    QCOMPARE(third.account, AccountFetch::NotAllowed);
    QVERIFY(client.account());
}

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
