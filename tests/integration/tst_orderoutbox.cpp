// Orders placed offline go out through the outbox to the real qm-portal (on SQLite or
// PostgreSQL, see QM_TEST_BACKEND) exactly once: queued while the portal cannot be reached,
// sent in order with the next sync; an answer lost after the portal committed is replayed,
// not placed twice; a reused key, a raised price, a viewer's order and an order over the
// credit limit park as needing attention with the portal's reason; accepting a review places
// one order at the new price; an approval reaches the buyer through the orders feed; an
// approver of another account cannot see or decide the order; the account is cached and
// revalidated.
#include "support/faultproxy.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "core/account.h"
#include "core/catalog.h"
#include "core/order.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "server/dbconnection.h"
#include "server/dburl.h"
#include "server/feedwriter.h"
#include "sync/apiclient.h"
#include "sync/orderactions.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace qm;
using namespace qm::test;

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example"); // spending limit 5,000
const QString Approver = QStringLiteral("approver@bayside.example");
const QString Viewer = QStringLiteral("viewer@bayside.example");
const QString Fleet = QStringLiteral("buyer@fleet.bayside.example"); // close to its credit limit
// Made an approver of Northgate by the test: an approver of another account.
const QString Stranger = QStringLiteral("buyer@northgate.example");

// A line the portal prices at `unitPrice` today.
struct PricedLine
{
    QString sku;
    qint64 quantity = 0;
    Decimal unitPrice;
};

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty() ? QStringLiteral("ok") : r.storageError;
}

// One user's profile: tokens and a cache of its own; its engine talks to `portal` (the real
// portal or the proxy in front of it).
struct Profile
{
    QTemporaryDir dir;
    QUrl portal;
    Tokens tokens;
    QString error;
    std::unique_ptr<Database> db;
    std::unique_ptr<OrderStore> orders;

    Profile(const QUrl &realPortal, const QString &username, const QUrl &via = {})
        : portal(via.isEmpty() ? realPortal : via)
    {
        ApiClient api(realPortal);
        ApiJob *job = api.signIn(username, Password);
        QSignalSpy finished(job, &ApiJob::finished);
        if (!finished.wait(60000))
            error = QStringLiteral("sign-in did not finish");
        else if (job->error())
            error = job->error()->toLogString();
        tokens = api.tokens();
        db = Database::open(cachePath(), &error);
        if (db)
            orders = std::make_unique<OrderStore>(*db);
    }
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }

    // A full sync, or only the outboxes (and the account). No retries inside a run and no
    // wait before the next one, so that a failed send shows at once and the next run sends
    // it again.
    SyncResult sync(bool pushOnly = false)
    {
        SyncEngine::Options options;
        options.portal = portal;
        options.cachePath = cachePath();
        options.retry.maxAttempts = 1;
        options.orderRetry.baseDelay = std::chrono::milliseconds(0);
        SyncEngine engine(options);
        engine.setTokens(tokens);
        QObject::connect(&engine, &SyncEngine::tokensChanged, &engine,
                         [this](const Tokens &t) { tokens = t; });
        QSignalSpy finished(&engine, &SyncEngine::finished);
        if (pushOnly)
            engine.push();
        else
            engine.start();
        if (finished.isEmpty() && !finished.wait(600000))
            qWarning("the sync did not finish");
        return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
    }

    // Queues an order of `lines` (a new client order id unless given).
    std::optional<OutboxOrder> queue(const QList<PricedLine> &lines,
                                     const QString &shipTo = QStringLiteral("HQ"),
                                     const QString &clientOrderId = {})
    {
        OrderSubmission s;
        s.clientOrderId = clientOrderId.isEmpty()
                              ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                              : clientOrderId;
        s.shipTo = shipTo;
        s.poNumber = QStringLiteral("PO-%1").arg(s.clientOrderId.left(8));
        Decimal total;
        for (const PricedLine &p : lines) {
            OrderSubmissionLine line;
            line.sku = p.sku;
            line.quantity = p.quantity;
            line.unitPrice = p.unitPrice;
            s.lines.append(line);
            total = total + *p.unitPrice.times(p.quantity);
        }
        return orders->queue(s, QStringLiteral("Site"), total, QStringLiteral("USD"), &error);
    }
};

} // namespace

class tst_OrderOutbox final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void queuedOfflineGoOutOnceInOrder();
    void lostAnswerIsReplayed();
    void sameKeyDifferentBodyNeedsAttention();
    void raisedPriceNeedsReviewThenOneOrder();
    void viewerOrderIsRefused();
    void creditLimitExceededNeedsAttention();
    void approvalReachesTheBuyer();
    void accountIsCachedAndRevalidated();

private:
    // Lines of products the user may order, each priced by the portal's quote route for a
    // valid quantity with a line total of at least `minTotal`; `count` different SKUs,
    // starting after the first `skip` that qualify.
    QList<PricedLine> lines(const QString &token, int count, Decimal minTotal = Decimal::fromInt(1),
                            int skip = 0);
    // The portal's orders of the user's account with `clientOrderId`, from the orders feed.
    QList<Order> serverOrders(const QString &token, const QString &clientOrderId);
    QString token(const QString &username) { return m_http->accessToken(username, Password); }
    std::unique_ptr<DbConnection> portalDatabase();

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    QString m_buyerToken;
    int m_used = 0; // candidate products already used by earlier test functions
};

void tst_OrderOutbox::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("200")},
                 &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    // Northgate gets an approver of its own.
    const auto db = portalDatabase();
    QVERIFY(db);
    db->prepare(QStringLiteral("UPDATE users SET role = 'approver' WHERE username = ?"))
        .bind(Stranger)
        .exec();
    m_buyerToken = token(Buyer);
    QVERIFY(!m_buyerToken.isEmpty());
}

void tst_OrderOutbox::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

std::unique_ptr<DbConnection> tst_OrderOutbox::portalDatabase()
{
    QString error;
    const auto url = DbUrl::parse(m_portal->dbArgument(), &error);
    if (!url) {
        qWarning("cannot parse the portal's database URL: %s", qPrintable(error));
        return nullptr;
    }
    return DbConnection::open(*url);
}

QList<PricedLine> tst_OrderOutbox::lines(const QString &token, int count, Decimal minTotal,
                                         int skip)
{
    QList<PricedLine> found;
    const FeedPull products = pullFeed(*m_http, token, Feed::Products, 1000);
    if (!products.converged()) {
        qWarning("products feed: %s", qPrintable(products.error));
        return found;
    }
    int qualifying = 0;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        // Tools need approval at Bayside (a category rule): left out to keep orders plain.
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO"))
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QByteArray quote =
                QJsonDocument(
                    QJsonObject{{QStringLiteral("lines"),
                                 QJsonArray{QJsonObject{{QStringLiteral("sku"), it.key()},
                                                        {QStringLiteral("quantity"), quantity}}}}})
                    .toJson(QJsonDocument::Compact);
            const HttpResponse r = m_http->post(QStringLiteral("/api/v1/pricing/quote"), quote,
                                                "application/json", token);
            const QJsonObject line = r.json().value(u"lines").toArray().at(0).toObject();
            if (r.status != 200 || line.contains(u"problem") ||
                line.value(u"quantity").toInteger() != quantity)
                break;
            const auto price = Decimal::parse(line.value(u"unit_price").toString());
            const auto total = Decimal::parse(line.value(u"line_total").toString());
            if (!price || !total || price->isZero())
                break;
            if (*total >= minTotal) {
                if (product->maxOrderQty > 0 && quantity > product->maxOrderQty)
                    break;
                if (qualifying++ >= skip)
                    found.append(PricedLine{it.key(), quantity, *price});
                break;
            }
            // Enough packs at this price (a higher tier only lowers it: add a margin).
            const qint64 needed = (minTotal.units() * 2) / price->units() + 1;
            quantity = (needed + step - 1) / step * step;
        }
        if (found.size() == count)
            break;
    }
    return found;
}

QList<Order> tst_OrderOutbox::serverOrders(const QString &token, const QString &clientOrderId)
{
    QList<Order> found;
    const FeedPull pull = pullFeed(*m_http, token, Feed::Orders, 1000);
    if (!pull.converged()) {
        qWarning("orders feed: %s", qPrintable(pull.error));
        return found;
    }
    for (const QByteArray &payload : pull.entries) {
        const auto order = Order::fromJson(QJsonDocument::fromJson(payload).object(), nullptr);
        if (order && order->clientOrderId == clientOrderId)
            found.append(*order);
    }
    return found;
}

void tst_OrderOutbox::queuedOfflineGoOutOnceInOrder()
{
    FaultProxy proxy(m_portal->url());
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    Profile buyer(m_portal->url(), Buyer, proxy.url());
    QVERIFY2(buyer.error.isEmpty(), qPrintable(buyer.error));
    const QList<PricedLine> priced = lines(m_buyerToken, 4, Decimal::fromInt(1), m_used);
    m_used += 4;
    QCOMPARE(priced.size(), 4);

    // No network: three orders are queued.
    proxy.setRefuseConnections(true);
    QList<OutboxOrder> queued;
    for (const QList<PricedLine> &order :
         {QList<PricedLine>{priced.at(0)}, QList<PricedLine>{priced.at(1), priced.at(2)},
          QList<PricedLine>{priced.at(3)}}) {
        const auto q = buyer.queue(order);
        QVERIFY2(q, qPrintable(buyer.error));
        QCOMPARE(q->state, OutboxState::Queued);
        queued.append(*q);
    }
    const SyncResult offline = buyer.sync();
    QVERIFY(!offline.ok);
    QVERIFY(offline.error);
    QCOMPARE(offline.orders.accepted, 0);
    QCOMPARE(offline.orders.deferred, 1); // the first; the others wait behind it
    QVERIFY(proxy.refusedConnections() > 0);
    for (const OutboxOrder &q : std::as_const(queued)) {
        const auto now = buyer.orders->outboxOrder(q.clientOrderId);
        QVERIFY(now);
        QCOMPARE(now->state, OutboxState::Queued);
        QCOMPARE(now->body, q.body);
        QVERIFY(serverOrders(m_buyerToken, q.clientOrderId).isEmpty());
    }

    // Back online: one sync sends them, in order, and pulls them back through the feed.
    proxy.setRefuseConnections(false);
    const SyncResult online = buyer.sync();
    QVERIFY2(online.ok, qPrintable(describe(online)));
    QCOMPARE(online.orders.accepted, 3);
    QCOMPARE(online.orders.refused + online.orders.deferred, 0);
    qint64 previous = 0;
    for (const OutboxOrder &q : std::as_const(queued)) {
        const auto sent = buyer.orders->outboxOrder(q.clientOrderId);
        QVERIFY(sent);
        QCOMPARE(sent->state, OutboxState::Sent);
        QVERIFY(!sent->orderNumber.isEmpty());
        // Exactly one order on the portal, with this number, these lines and prices.
        const QList<Order> onServer = serverOrders(m_buyerToken, q.clientOrderId);
        QCOMPARE(onServer.size(), 1);
        QCOMPARE(onServer.first().number, sent->orderNumber);
        QCOMPARE(onServer.first().lines.size(), q.submission.lines.size());
        for (qsizetype i = 0; i < q.submission.lines.size(); ++i) {
            QCOMPARE(onServer.first().lines.at(i).sku, q.submission.lines.at(i).sku);
            QCOMPARE(onServer.first().lines.at(i).unitPrice, q.submission.lines.at(i).unitPrice);
        }
        const HttpResponse one =
            m_http->get(QStringLiteral("/api/v1/orders/") + sent->orderNumber, m_buyerToken);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(u"client_order_id").toString(), q.clientOrderId);
        // Sent in outbox order: the portal numbered them in that order.
        const qint64 number = QStringView(sent->orderNumber).mid(3).toLongLong();
        QVERIFY2(number > previous, qPrintable(sent->orderNumber));
        previous = number;
        // The cache's history has it from the feed, as placed here.
        const auto cached = buyer.orders->order(sent->orderNumber);
        QVERIFY(cached);
        QVERIFY(cached->placedHere);
    }
    QCOMPARE(buyer.orders->count(OutboxState::Queued), 0);
}

void tst_OrderOutbox::lostAnswerIsReplayed()
{
    FaultProxy proxy(m_portal->url());
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    Profile buyer(m_portal->url(), Buyer, proxy.url());
    QVERIFY2(buyer.error.isEmpty(), qPrintable(buyer.error));
    const QList<PricedLine> priced = lines(m_buyerToken, 1, Decimal::fromInt(1), m_used++);
    QCOMPARE(priced.size(), 1);
    const auto queued = buyer.queue(priced);
    QVERIFY2(queued, qPrintable(buyer.error));

    // The portal places the order, its answer never reaches the client.
    proxy.addFault(Fault::dropResponse().on("POST /api/v1/orders "));
    const SyncResult lost = buyer.sync(true);
    QVERIFY(!lost.ok);
    QCOMPARE(lost.orders.deferred, 1);
    QVERIFY(lost.error);
    QVERIFY(proxy.faultsApplied() >= 1);
    const auto unknown = buyer.orders->outboxOrder(queued->clientOrderId);
    QVERIFY(unknown);
    QCOMPARE(unknown->state, OutboxState::Queued);
    QVERIFY(unknown->orderNumber.isEmpty());
    const QList<Order> placed = serverOrders(m_buyerToken, queued->clientOrderId);
    QCOMPARE(placed.size(), 1); // it was committed

    // The next push sends the same key and body: the portal replays its answer.
    proxy.clearFaults();
    const int matchedBefore = proxy.requestCount("POST /api/v1/orders ");
    const SyncResult replayed = buyer.sync(true);
    QVERIFY2(replayed.ok, qPrintable(describe(replayed)));
    QCOMPARE(replayed.orders.accepted, 1);
    QCOMPARE(proxy.requestCount("POST /api/v1/orders "), matchedBefore + 1);
    const auto sent = buyer.orders->outboxOrder(queued->clientOrderId);
    QVERIFY(sent);
    QCOMPARE(sent->state, OutboxState::Sent);
    QCOMPARE(sent->orderNumber, placed.first().number);
    QCOMPARE(sent->body, queued->body);
    QCOMPARE(serverOrders(m_buyerToken, queued->clientOrderId).size(), 1);
}

void tst_OrderOutbox::sameKeyDifferentBodyNeedsAttention()
{
    Profile buyer(m_portal->url(), Buyer);
    Profile restored(m_portal->url(), Buyer); // e.g. a cache restored from an old copy
    QVERIFY2(buyer.error.isEmpty() && restored.error.isEmpty(),
             qPrintable(buyer.error + restored.error));
    const QList<PricedLine> priced = lines(m_buyerToken, 2, Decimal::fromInt(1), m_used);
    m_used += 2;
    QCOMPARE(priced.size(), 2);
    const auto first = buyer.queue({priced.at(0)});
    QVERIFY2(first, qPrintable(buyer.error));
    const SyncResult sent = buyer.sync(true);
    QVERIFY2(sent.ok, qPrintable(describe(sent)));
    QCOMPARE(sent.orders.accepted, 1);

    const auto reused =
        restored.queue({priced.at(0), priced.at(1)}, QStringLiteral("HQ"), first->clientOrderId);
    QVERIFY2(reused, qPrintable(restored.error));
    QVERIFY(reused->body != first->body);
    const SyncResult refused = restored.sync(true);
    QVERIFY2(refused.ok, qPrintable(describe(refused)));
    QCOMPARE(refused.orders.refused, 1);
    const auto parked = restored.orders->outboxOrder(first->clientOrderId);
    QVERIFY(parked);
    QCOMPARE(parked->state, OutboxState::NeedsAttention);
    QCOMPARE(parked->problemStatus, 422);
    QCOMPARE(Problem::fromJson(parked->problem)->slug(), QStringLiteral("idempotency-key-reused"));
    // Still the one order, with the first body's lines.
    const QList<Order> onServer = serverOrders(m_buyerToken, first->clientOrderId);
    QCOMPARE(onServer.size(), 1);
    QCOMPARE(onServer.first().lines.size(), 1);
}

void tst_OrderOutbox::raisedPriceNeedsReviewThenOneOrder()
{
    Profile buyer(m_portal->url(), Buyer);
    QVERIFY2(buyer.error.isEmpty(), qPrintable(buyer.error));
    const QList<PricedLine> priced = lines(m_buyerToken, 2, Decimal::fromInt(1), m_used);
    m_used += 2;
    QCOMPARE(priced.size(), 2);
    const auto queued = buyer.queue(priced);
    QVERIFY2(queued, qPrintable(buyer.error));

    // The supplier raises the second product's prices after the cart was priced: its rules
    // and then its prices feed entry, which the portal prices from, in one transaction.
    {
        const auto db = portalDatabase();
        QVERIFY(db);
        db->write([&] {
            db->prepare(QStringLiteral("UPDATE price_rules SET unit_price = unit_price"
                                       " + unit_price / 10 + 100 WHERE product_id ="
                                       " (SELECT id FROM products WHERE sku = ?)"))
                .bind(priced.at(1).sku)
                .exec();
            FeedWriter feeds(*db);
            feeds.begin();
            feeds.refresh({priced.at(1).sku});
            feeds.finish();
        });
    }
    const QList<PricedLine> now = lines(m_buyerToken, 1, Decimal::fromInt(1), m_used - 1);
    QCOMPARE(now.size(), 1);
    QCOMPARE(now.first().sku, priced.at(1).sku);
    QVERIFY(now.first().unitPrice > priced.at(1).unitPrice);

    const SyncResult review = buyer.sync(true);
    QVERIFY2(review.ok, qPrintable(describe(review)));
    QCOMPARE(review.orders.refused, 1);
    const auto parked = buyer.orders->outboxOrder(queued->clientOrderId);
    QVERIFY(parked);
    QCOMPARE(parked->state, OutboxState::NeedsAttention);
    QCOMPARE(parked->problemStatus, 422);
    const QJsonObject problem = QJsonDocument::fromJson(parked->problem).object();
    QCOMPARE(Problem::fromJson(parked->problem)->slug(), QStringLiteral("order-needs-review"));
    const QList<OrderLineProblem> changed = orderLineProblems(problem);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().index, 1);
    QCOMPARE(changed.first().kind, OrderLineProblem::Kind::PriceChanged);
    QCOMPARE(*changed.first().seen, priced.at(1).unitPrice);
    QCOMPARE(*changed.first().current, now.first().unitPrice);
    QVERIFY(serverOrders(m_buyerToken, queued->clientOrderId).isEmpty()); // nothing charged

    // The buyer accepts the new prices: a new order with a new key, placed once.
    QString error;
    const auto accepted = buyer.orders->acceptReview(parked->id, &error);
    QVERIFY2(accepted, qPrintable(error));
    QVERIFY(accepted->clientOrderId != queued->clientOrderId);
    QCOMPARE(accepted->submission.lines.at(1).unitPrice, now.first().unitPrice);
    const SyncResult placed = buyer.sync(true);
    QVERIFY2(placed.ok, qPrintable(describe(placed)));
    QCOMPARE(placed.orders.accepted, 1);
    const QList<Order> onServer = serverOrders(m_buyerToken, accepted->clientOrderId);
    QCOMPARE(onServer.size(), 1);
    QCOMPARE(onServer.first().lines.at(1).unitPrice, now.first().unitPrice);
    QCOMPARE(onServer.first().lines.at(0).unitPrice, priced.at(0).unitPrice);
    QVERIFY(serverOrders(m_buyerToken, queued->clientOrderId).isEmpty());
    QCOMPARE(buyer.orders->outboxOrder(accepted->clientOrderId)->orderNumber,
             onServer.first().number);
    QCOMPARE(buyer.orders->outboxOrder(queued->clientOrderId)->replacedBy, accepted->clientOrderId);
    // Sending again changes nothing.
    const SyncResult again = buyer.sync(true);
    QVERIFY2(again.ok, qPrintable(describe(again)));
    QCOMPARE(again.orders.accepted + again.orders.refused, 0);
    QCOMPARE(serverOrders(m_buyerToken, accepted->clientOrderId).size(), 1);
}

void tst_OrderOutbox::viewerOrderIsRefused()
{
    Profile viewer(m_portal->url(), Viewer);
    QVERIFY2(viewer.error.isEmpty(), qPrintable(viewer.error));
    const QList<PricedLine> priced = lines(m_buyerToken, 1, Decimal::fromInt(1), m_used++);
    QCOMPARE(priced.size(), 1);
    const auto queued = viewer.queue(priced);
    QVERIFY2(queued, qPrintable(viewer.error));
    // The viewer may not read the account either: the sync leaves it and succeeds.
    const SyncResult r = viewer.sync();
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QCOMPARE(r.orders.refused, 1);
    QCOMPARE(r.account, AccountFetch::NotAllowed);
    const auto parked = viewer.orders->outboxOrder(queued->clientOrderId);
    QVERIFY(parked);
    QCOMPARE(parked->state, OutboxState::NeedsAttention);
    QCOMPARE(parked->problemStatus, 403);
    QCOMPARE(Problem::fromJson(parked->problem)->slug(), QStringLiteral("forbidden"));
    QVERIFY(serverOrders(m_buyerToken, queued->clientOrderId).isEmpty());
    // The orders feed is the viewer's to read.
    QVERIFY(!viewer.orders->orders().isEmpty());
}

void tst_OrderOutbox::creditLimitExceededNeedsAttention()
{
    const QString fleetToken = token(Fleet);
    const HttpResponse account = m_http->get(QStringLiteral("/api/v1/account"), fleetToken);
    QCOMPARE(account.status, 200);
    const auto available =
        Decimal::parse(account.json().value(u"credit").toObject().value(u"available").toString());
    QVERIFY(available);
    const QList<PricedLine> priced = lines(fleetToken, 1, *available + Decimal::fromInt(1));
    QCOMPARE(priced.size(), 1);
    Profile fleet(m_portal->url(), Fleet);
    QVERIFY2(fleet.error.isEmpty(), qPrintable(fleet.error));
    const auto queued = fleet.queue(priced, QStringLiteral("DEPOT"));
    QVERIFY2(queued, qPrintable(fleet.error));
    const SyncResult r = fleet.sync(true);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    QCOMPARE(r.orders.refused, 1);
    const auto parked = fleet.orders->outboxOrder(queued->clientOrderId);
    QVERIFY(parked);
    QCOMPARE(parked->state, OutboxState::NeedsAttention);
    QCOMPARE(parked->problemStatus, 422);
    QCOMPARE(Problem::fromJson(parked->problem)->slug(), QStringLiteral("credit-limit-exceeded"));
    QVERIFY(serverOrders(fleetToken, queued->clientOrderId).isEmpty());
}

void tst_OrderOutbox::approvalReachesTheBuyer()
{
    Profile buyer(m_portal->url(), Buyer);
    Profile approver(m_portal->url(), Approver);
    Profile stranger(m_portal->url(), Stranger);
    QVERIFY2(buyer.error.isEmpty() && approver.error.isEmpty() && stranger.error.isEmpty(),
             qPrintable(buyer.error + approver.error + stranger.error));
    // Over the buyer's spending limit: it waits for approval.
    const QList<PricedLine> priced = lines(m_buyerToken, 1, Decimal::fromInt(5001), m_used++);
    QCOMPARE(priced.size(), 1);
    const auto queued = buyer.queue(priced);
    QVERIFY2(queued, qPrintable(buyer.error));
    const SyncResult sent = buyer.sync();
    QVERIFY2(sent.ok, qPrintable(describe(sent)));
    QCOMPARE(sent.orders.accepted, 1);
    const QString number = buyer.orders->outboxOrder(queued->clientOrderId)->orderNumber;
    QVERIFY(!number.isEmpty());
    QCOMPARE(buyer.orders->order(number)->order.status, OrderStatus::PendingApproval);

    // The approver of the account sees it waiting and approves it.
    ApiClient approverApi(m_portal->url());
    approverApi.setTokens(approver.tokens);
    OrderActions actions(&approverApi, approver.db.get());
    QSignalSpy fetched(&actions, &OrderActions::approvalsFetched);
    QSignalSpy updated(&actions, &OrderActions::orderUpdated);
    QSignalSpy failed(&actions, &OrderActions::failed);
    actions.fetchApprovals();
    QTRY_COMPARE_WITH_TIMEOUT(fetched.count() + failed.count(), 1, 60000);
    QCOMPARE(fetched.count(), 1);
    QStringList waiting;
    for (const Order &o : fetched.first().first().value<QList<Order>>())
        waiting.append(o.number);
    QVERIFY2(waiting.contains(number), qPrintable(waiting.join(u',')));
    QCOMPARE(approver.orders->order(number)->order.status, OrderStatus::PendingApproval);

    // An approver of another account can neither see nor decide it.
    ApiClient strangerApi(m_portal->url());
    strangerApi.setTokens(stranger.tokens);
    OrderActions theirs(&strangerApi, stranger.db.get());
    QSignalSpy theirFailures(&theirs, &OrderActions::failed);
    QSignalSpy theirUpdates(&theirs, &OrderActions::orderUpdated);
    theirs.approve(number, QStringLiteral("not mine"));
    QTRY_COMPARE_WITH_TIMEOUT(theirFailures.count() + theirUpdates.count(), 1, 60000);
    theirs.fetchOrder(number);
    QTRY_COMPARE_WITH_TIMEOUT(theirFailures.count() + theirUpdates.count(), 2, 60000);
    QCOMPARE(theirUpdates.count(), 0);
    for (const QList<QVariant> &f : std::as_const(theirFailures)) {
        QCOMPARE(f.at(0).toString(), number);
        const auto e = f.at(1).value<ApiError>();
        QCOMPARE(e.httpStatus, 404);
        QCOMPARE(e.problemSlug(), QStringLiteral("not-found"));
    }
    QVERIFY(!stranger.orders->order(number));

    actions.approve(number, QStringLiteral("ok for the haul-out"));
    QTRY_COMPARE_WITH_TIMEOUT(updated.count() + failed.count(), 1, 60000);
    QCOMPARE(updated.count(), 1);
    const auto decided = updated.first().first().value<Order>();
    QCOMPARE(decided.status, OrderStatus::Approved);
    QCOMPARE(decided.approval.comment, QStringLiteral("ok for the haul-out"));
    QCOMPARE(approver.orders->order(number)->order.status, OrderStatus::Approved);

    // The buyer's next sync brings the decision through the orders feed.
    const SyncResult pulled = buyer.sync();
    QVERIFY2(pulled.ok, qPrintable(describe(pulled)));
    const auto seen = buyer.orders->order(number);
    QVERIFY(seen);
    QCOMPARE(seen->order.status, OrderStatus::Approved);
    QCOMPARE(seen->order.approval.decidedBy, QStringLiteral("Tom Whitaker"));
    QCOMPARE(seen->order.sequence, decided.sequence);
    // And the stranger's full sync never brings it.
    const SyncResult theirSync = stranger.sync();
    QVERIFY2(theirSync.ok, qPrintable(describe(theirSync)));
    QVERIFY(!stranger.orders->order(number));
}

void tst_OrderOutbox::accountIsCachedAndRevalidated()
{
    Profile buyer(m_portal->url(), Buyer);
    QVERIFY2(buyer.error.isEmpty(), qPrintable(buyer.error));
    QVERIFY(!buyer.orders->account());
    const SyncResult first = buyer.sync(true);
    QVERIFY2(first.ok, qPrintable(describe(first)));
    QCOMPARE(first.account, AccountFetch::Updated);
    const auto account = buyer.orders->account();
    QVERIFY(account);
    const HttpResponse direct = m_http->get(QStringLiteral("/api/v1/account"), m_buyerToken);
    QCOMPARE(direct.status, 200);
    const auto expected = AccountInfo::fromJson(direct.json(), nullptr);
    QVERIFY(expected);
    QCOMPARE(account->code, expected->code);
    QCOMPARE(account->availableCredit, expected->availableCredit);
    QCOMPARE(account->spendingLimit, expected->spendingLimit);
    QCOMPARE(account->shipTo.size(), expected->shipTo.size());
    QCOMPARE(buyer.orders->accountETag(), direct.header("ETag"));
    const QDateTime fetchedAt = buyer.orders->accountFetchedAt();
    QVERIFY(fetchedAt.isValid());

    const SyncResult second = buyer.sync(true);
    QVERIFY2(second.ok, qPrintable(describe(second)));
    QCOMPARE(second.account, AccountFetch::Unchanged);
    QVERIFY(buyer.orders->accountFetchedAt() >= fetchedAt);
    QCOMPARE(buyer.orders->account()->code, expected->code);
}

QTEST_GUILESS_MAIN(tst_OrderOutbox)
#include "tst_orderoutbox.moc"
