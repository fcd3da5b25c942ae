#include "core/catalog.h"
#include "core/feeds.h"
#include "core/order.h"
#include "portaltest.h"
#include "server/dbconnection.h"
#include "server/dburl.h"
#include "server/idempotency.h"
#include "support/feedpuller.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUuid>

#include <memory>

using namespace qm;
using namespace qm::test;

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Orders on the real qm-portal: POST /api/v1/orders with honest re-pricing, stock, credit and
// approval; replays and reused keys; the approvals routes; the account-scoped orders feed;
// GET /api/v1/account; and the demo supplier moving orders on.
class tst_PortalOrders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void historyIsInTheFeed();
    void placesAnOrder();
    void replayReturnsTheSameAnswer();
    void keyReusedForAnotherOrder();
    void keyMustBeTheClientOrderId();
    void clientOrderIdIsUniquePerAccount();
    void requestInProgress();
    void parallelDuplicatesCreateOneOrder();
    void changedPriceNeedsReview();
    void unavailableLinesNeedReview();
    void shortStockIsBackordered();
    void creditLimit();
    void spendingLimitNeedsApproval();
    void categoryRuleNeedsApproval();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void viewerMayNotOrder();
    void otherAccountsOrderIsNotFound();
    void accountEndpoint();
    void demoSupplierMovesOrdersOn();
    void demoSupplierPacesOrders();
    void demoLeavesPlannerStatistics();

private:
    struct Candidate
    {
        QString sku;
        QString category;
        qint64 quantity = 0; // in the base unit, valid for minimum and multiple
        QString unitPrice;   // for that quantity, from the quote route
        Decimal price;
        qint64 onHand = 0;
    };

    QByteArray body(const QString &id, const QList<Candidate> &lines,
                    const QString &shipTo = QStringLiteral("HQ"));
    HttpResponse submit(const QByteArray &body, const QByteArray &key, const QString &token = {});
    HttpResponse decide(const QString &number, const char *action, const QByteArray &body,
                        const QString &token = {});
    // A product of the token's catalog: not discontinued, in or out of the tools categories,
    // whose line total for a valid quantity reaches at least `minTotal`; priced by the quote
    // route for that quantity.
    std::optional<Candidate> candidate(const QString &token, bool tools, Decimal minTotal,
                                       qint64 maxStock = -1);
    FeedPull orders(const QString &token);
    std::unique_ptr<DbConnection> openDatabase();

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_buyer;    // Maria Delgado, Bayside, spending limit 5,000
    QString m_approver; // Tom Whitaker, Bayside, no spending limit
    QString m_viewer;   // Bayside viewer
    QString m_other;    // Northgate buyer
    QString m_child;    // Bayside boatyard buyer (a child account)
    QString m_fleet;    // Bayside fleet buyer: account close to its credit limit
};

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Decimal dec(const QString &text)
{
    return Decimal::parse(text).value_or(Decimal());
}

} // namespace

QByteArray tst_PortalOrders::body(const QString &id, const QList<Candidate> &lines,
                                  const QString &shipTo)
{
    QJsonArray array;
    for (const Candidate &c : lines)
        array.append(QJsonObject{{QStringLiteral("sku"), c.sku},
                                 {QStringLiteral("quantity"), QString::number(c.quantity)},
                                 {QStringLiteral("unit_price"), c.unitPrice}});
    return QJsonDocument(QJsonObject{{QStringLiteral("client_order_id"), id},
                                     {QStringLiteral("ship_to"), shipTo},
                                     {QStringLiteral("po_number"), QStringLiteral("PO-T1")},
                                     {QStringLiteral("lines"), array}})
        .toJson(QJsonDocument::Compact);
}

HttpResponse tst_PortalOrders::submit(const QByteArray &b, const QByteArray &key,
                                      const QString &token)
{
    Headers headers{{"Authorization", "Bearer " + (token.isEmpty() ? m_buyer : token).toLatin1()},
                    {"Content-Type", "application/json"}};
    if (!key.isNull())
        headers.append({"Idempotency-Key", key});
    return m_client->send("POST", QStringLiteral("/api/v1/orders"), b, headers);
}

HttpResponse tst_PortalOrders::decide(const QString &number, const char *action,
                                      const QByteArray &b, const QString &token)
{
    const Headers headers{
        {"Authorization", "Bearer " + (token.isEmpty() ? m_approver : token).toLatin1()},
        {"Content-Type", "application/json"},
        {"Idempotency-Key", newId().toLatin1()}};
    return m_client->send(
        "POST", QStringLiteral("/api/v1/orders/%1/%2").arg(number, QString::fromLatin1(action)), b,
        headers);
}

std::optional<tst_PortalOrders::Candidate>
tst_PortalOrders::candidate(const QString &token, bool tools, Decimal minTotal, qint64 maxStock)
{
    const FeedPull products = pullFeed(*m_client, token, Feed::Products, 1000);
    const FeedPull stock = pullFeed(*m_client, token, Feed::Stock, 1000);
    if (!products.converged() || !stock.converged())
        return std::nullopt;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO") != tools)
            continue;
        const auto levels = ProductStock::fromJson(
            QJsonDocument::fromJson(stock.entries.value(it.key())).object(), nullptr);
        const qint64 onHand = levels ? levels->totalOnHand() : 0;
        if (maxStock >= 0 && onHand > maxStock)
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        // Price one unit first, then raise the quantity to reach minTotal.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QByteArray quote =
                QJsonDocument(
                    QJsonObject{{QStringLiteral("lines"),
                                 QJsonArray{QJsonObject{{QStringLiteral("sku"), it.key()},
                                                        {QStringLiteral("quantity"), quantity}}}}})
                    .toJson(QJsonDocument::Compact);
            const HttpResponse r = m_client->post(QStringLiteral("/api/v1/pricing/quote"), quote,
                                                  "application/json", token);
            const QJsonObject line = r.json().value(u"lines").toArray().at(0).toObject();
            if (r.status != 200 || line.contains(u"problem") ||
                line.value(u"quantity").toInteger() != quantity)
                break;
            const Decimal price = dec(line.value(u"unit_price").toString());
            const Decimal total = dec(line.value(u"line_total").toString());
            if (price.isZero())
                break;
            if (total >= minTotal) {
                if (product->maxOrderQty > 0 && quantity > product->maxOrderQty)
                    break;
                return Candidate{it.key(), product->categoryCode,
                                 quantity, line.value(u"unit_price").toString(),
                                 price,    onHand};
            }
            // Enough units at this price (a higher tier only lowers it: add a margin).
            const qint64 needed = (minTotal.units() * 2) / price.units() + 1;
            quantity = (needed + step - 1) / step * step;
        }
    }
    return std::nullopt;
}

FeedPull tst_PortalOrders::orders(const QString &token)
{
    return pullFeed(*m_client, token, Feed::Orders, 1000);
}

void tst_PortalOrders::demoLeavesPlannerStatistics()
{
    // PostgreSQL plans from statistics; a demo database left without them until autovacuum
    // came round priced each order line with a scan of the feed (one order every few
    // hundred milliseconds). The demo analyses its tables when it is written.
    auto db = openDatabase();
    if (!db->isPostgres())
        QSKIP("SQLite plans without statistics; this holds for PostgreSQL only");
    Statement q = db->prepare(QStringLiteral(
        "SELECT relname FROM pg_stat_user_tables WHERE relname IN ('feed_entries', 'orders', "
        "'order_lines', 'products') AND last_analyze IS NOT NULL ORDER BY relname"));
    q.exec();
    QStringList analysed;
    while (q.next())
        analysed << q.text(0);
    QCOMPARE(analysed, (QStringList{QStringLiteral("feed_entries"), QStringLiteral("order_lines"),
                                    QStringLiteral("orders"), QStringLiteral("products")}));
}

std::unique_ptr<DbConnection> tst_PortalOrders::openDatabase()
{
    QString error;
    const auto url = DbUrl::parse(m_portal->dbArgument(), &error);
    if (!url)
        qFatal("cannot parse the portal's database URL: %s", qPrintable(error));
    return DbConnection::open(*url);
}

void tst_PortalOrders::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(demoArguments(), &error), qPrintable(error));
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_buyer = m_client->accessToken(QStringLiteral("buyer@bayside.example"));
    m_approver = m_client->accessToken(QStringLiteral("approver@bayside.example"));
    m_viewer = m_client->accessToken(QStringLiteral("viewer@bayside.example"));
    m_other = m_client->accessToken(QStringLiteral("buyer@northgate.example"));
    m_child = m_client->accessToken(QStringLiteral("buyer@yard.bayside.example"));
    m_fleet = m_client->accessToken(QStringLiteral("buyer@fleet.bayside.example"));
    QVERIFY(!m_buyer.isEmpty() && !m_approver.isEmpty() && !m_viewer.isEmpty() &&
            !m_other.isEmpty() && !m_child.isEmpty() && !m_fleet.isEmpty());
}

void tst_PortalOrders::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_PortalOrders::historyIsInTheFeed()
{
    const FeedPull bayside = orders(m_buyer);
    QVERIFY2(bayside.converged(), qPrintable(bayside.error));
    QVERIFY(bayside.entries.size() > 50); // two years of history
    const FeedPull northgate = orders(m_other);
    QVERIFY2(northgate.converged(), qPrintable(northgate.error));
    QVERIFY(!northgate.entries.isEmpty());
    int shipped = 0;
    for (auto it = bayside.entries.cbegin(); it != bayside.entries.cend(); ++it) {
        QVERIFY2(!northgate.entries.contains(it.key()), qPrintable(it.key()));
        QList<FieldError> errors;
        const auto order = Order::fromJson(QJsonDocument::fromJson(it.value()).object(), &errors);
        QVERIFY2(order, errors.isEmpty() ? "" : qPrintable(errors.constFirst().pointer));
        QCOMPARE(order->number, it.key());
        QVERIFY(!order->lines.isEmpty());
        QVERIFY(!order->timeline.isEmpty());
        Decimal sum;
        for (const OrderLine &line : order->lines)
            sum = sum + line.lineTotal;
        // Line totals are rounded, the stored total is not: they differ by rounding only.
        QVERIFY(qAbs((sum - order->subtotal).units()) <= 50 * order->lines.size());
        if (order->status == OrderStatus::Shipped || order->status == OrderStatus::Delivered) {
            ++shipped;
            QCOMPARE(order->shipments.size(), 1);
            QVERIFY(
                order->shipments.at(0).trackingUrl.contains(order->shipments.at(0).trackingNumber));
        }
    }
    QVERIFY(shipped > 0);
    // Sequences strictly increase along the feed.
    for (qsizetype i = 1; i < bayside.items.size(); ++i)
        QVERIFY(bayside.items.at(i).seq > bayside.items.at(i - 1).seq);
}

void tst_PortalOrders::placesAnOrder()
{
    const FeedPull before = orders(m_buyer);
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    QVERIFY(line->price.times(line->quantity)->units() < Decimal::fromInt(5000).units());
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*line}), id.toLatin1());
    QCOMPARE(r.status, 201);
    QVERIFY(r.header("Idempotent-Replayed").isEmpty());
    QList<FieldError> errors;
    const auto order = Order::fromJson(r.json(), &errors);
    QVERIFY2(order, errors.isEmpty() ? "" : qPrintable(errors.constFirst().pointer));
    QCOMPARE(r.header("Location"), "/api/v1/orders/" + order->number.toUtf8());
    QCOMPARE(order->clientOrderId, id);
    QCOMPARE(order->status, OrderStatus::Submitted);
    QCOMPARE(order->sequence, 1);
    QCOMPARE(order->placedBy, QStringLiteral("Maria Delgado"));
    QCOMPARE(order->shipTo, QStringLiteral("HQ"));
    QCOMPARE(order->poNumber, QStringLiteral("PO-T1"));
    QCOMPARE(order->currency, QStringLiteral("USD"));
    QVERIFY(!order->approval.required);
    QCOMPARE(order->lines.size(), 1);
    QCOMPARE(order->lines.at(0).sku, line->sku);
    QCOMPARE(order->lines.at(0).quantity, line->quantity);
    QCOMPARE(order->lines.at(0).unitPrice, line->price);
    QCOMPARE(order->lines.at(0).lineTotal, line->price.times(line->quantity)->rounded(2));
    QCOMPARE(order->subtotal, order->lines.at(0).lineTotal);
    QCOMPARE(order->timeline.size(), 1);
    QCOMPARE(order->timeline.at(0).status, OrderStatus::Submitted);
    QVERIFY(qAbs(order->placedAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);

    const HttpResponse read = m_client->get(QString::fromUtf8(r.header("Location")), m_buyer);
    QCOMPARE(read.status, 200);
    QCOMPARE(canonicalJson(read.json()), canonicalJson(order->toJson()));
    // The approver of the same account reads it too.
    QCOMPARE(m_client->get(QString::fromUtf8(r.header("Location")), m_approver).status, 200);

    const FeedPull after = orders(m_buyer);
    QVERIFY2(after.converged(), qPrintable(after.error));
    QCOMPARE(after.entries.size(), before.entries.size() + 1);
    QCOMPARE(after.entries.value(order->number), canonicalJson(order->toJson()));
    QVERIFY(after.next > before.next);
}

void tst_PortalOrders::replayReturnsTheSameAnswer()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const QByteArray b = body(id, {*line});
    const HttpResponse first = submit(b, id.toLatin1());
    QCOMPARE(first.status, 201);
    const FeedPull before = orders(m_buyer);
    const HttpResponse again = submit(b, id.toLatin1());
    QCOMPARE(again.status, 201);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.header("Location"), first.header("Location"));
    const FeedPull after = orders(m_buyer);
    QCOMPARE(after.entries, before.entries);
    QCOMPARE(after.next, before.next);
}

void tst_PortalOrders::keyReusedForAnotherOrder()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    QCOMPARE(submit(body(id, {*line}), id.toLatin1()).status, 201);
    const FeedPull before = orders(m_buyer);
    Candidate more = *line;
    more.quantity *= 2;
    const HttpResponse r = submit(body(id, {more}), id.toLatin1());
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("idempotency-key-reused"));
    QCOMPARE(orders(m_buyer).entries, before.entries);
}

void tst_PortalOrders::keyMustBeTheClientOrderId()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const FeedPull before = orders(m_buyer);
    const QString id = newId();
    HttpResponse r = submit(body(id, {*line}), newId().toLatin1());
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("idempotency-key-mismatch"));
    r = submit(body(id, {*line}), QByteArray());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problemSlug(), QStringLiteral("idempotency-key-missing"));
    QCOMPARE(orders(m_buyer).entries, before.entries);
}

void tst_PortalOrders::clientOrderIdIsUniquePerAccount()
{
    // The approver's key scope differs from the buyer's, but the account already has an order
    // with this client_order_id: it is never created twice.
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const QByteArray b = body(id, {*line});
    QCOMPARE(submit(b, id.toLatin1()).status, 201);
    const FeedPull before = orders(m_buyer);
    const HttpResponse r = submit(b, id.toLatin1(), m_approver);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("idempotency-key-reused"));
    QCOMPARE(orders(m_buyer).entries, before.entries);
    // Another account may use the same id for its own order.
    const auto theirs = candidate(m_other, false, Decimal::fromInt(1));
    QVERIFY(theirs);
    QCOMPARE(
        submit(body(id, {*theirs}, QStringLiteral("WAREHOUSE")), id.toLatin1(), m_other).status,
        201);
}

void tst_PortalOrders::requestInProgress()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const QByteArray b = body(id, {*line});
    auto db = openDatabase();
    IdempotencyStore::Scope scope;
    {
        Statement q =
            db->prepare(QStringLiteral("SELECT account_id, id FROM users WHERE username = ?"));
        q.bind(QStringLiteral("buyer@bayside.example")).exec();
        QVERIFY(q.next());
        scope = IdempotencyStore::Scope{q.int64(0), q.int64(1), id};
    }
    IdempotencyStore store(*db);
    const auto claim =
        store.claim(scope, "POST", QStringLiteral("/api/v1/orders"), b,
                    IdempotencyStore::Retention::Forever, QDateTime::currentSecsSinceEpoch());
    QCOMPARE(claim.outcome, IdempotencyStore::Outcome::Claimed);
    const HttpResponse r = submit(b, id.toLatin1());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.problemSlug(), QStringLiteral("request-in-progress"));
    QCOMPARE(r.header("Retry-After"), QByteArray("1"));
    store.release(scope);
    QCOMPARE(submit(b, id.toLatin1()).status, 201);
}

void tst_PortalOrders::parallelDuplicatesCreateOneOrder()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const FeedPull before = orders(m_buyer);
    const QString id = newId();
    const QByteArray b = body(id, {*line});
    QNetworkAccessManager nam;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 4; ++i) {
        QNetworkRequest request(m_client->url(QStringLiteral("/api/v1/orders")));
        request.setRawHeader("Authorization", "Bearer " + m_buyer.toLatin1());
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader("Idempotency-Key", id.toLatin1());
        replies.append(nam.post(request, b));
    }
    for (QNetworkReply *reply : std::as_const(replies))
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
    QString number;
    int created = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        QVERIFY2(status == 201 || status == 409, answer.constData());
        if (status == 201) {
            ++created;
            const QString n = QJsonDocument::fromJson(answer).object().value(u"number").toString();
            QVERIFY(number.isEmpty() || number == n);
            number = n;
        }
        reply->deleteLater();
    }
    QVERIFY(created >= 1);
    const FeedPull after = orders(m_buyer);
    QCOMPARE(after.entries.size(), before.entries.size() + 1);
    QVERIFY(after.entries.contains(number));
}

void tst_PortalOrders::changedPriceNeedsReview()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const auto second = candidate(m_buyer, false, Decimal::fromInt(20));
    QVERIFY(second);
    const FeedPull before = orders(m_buyer);
    Candidate stale = *line;
    stale.unitPrice = (line->price + Decimal::fromUnits(100)).toString(); // one cent more
    const QString id = newId();
    const QByteArray b = body(id, {*second, stale});
    const HttpResponse r = submit(b, id.toLatin1());
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("order-needs-review"));
    const QJsonArray lines = r.json().value(u"lines").toArray();
    QCOMPARE(lines.size(), 1);
    const QJsonObject changed = lines.at(0).toObject();
    QCOMPARE(changed.value(u"index").toInt(), 1);
    QCOMPARE(changed.value(u"sku").toString(), line->sku);
    QCOMPARE(changed.value(u"problem").toString(), QStringLiteral("price-changed"));
    QCOMPARE(dec(changed.value(u"seen").toString()), line->price + Decimal::fromUnits(100));
    QCOMPARE(dec(changed.value(u"current").toString()), line->price);
    QVERIFY(!changed.value(u"price_rule").toObject().value(u"source").toString().isEmpty());
    // Nothing was stored; the same key gets the same answer again.
    QCOMPARE(orders(m_buyer).entries, before.entries);
    const HttpResponse again = submit(b, id.toLatin1());
    QCOMPARE(again.status, 422);
    QCOMPARE(again.body, r.body);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    // Accepting the current price is a new order with a new key.
    const QString id2 = newId();
    QCOMPARE(submit(body(id2, {*second, *line}), id2.toLatin1()).status, 201);
}

void tst_PortalOrders::unavailableLinesNeedReview()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    Candidate unknown = *line;
    unknown.sku = QStringLiteral("NOT-A-SKU-1");
    Candidate wrongUnit = *line;
    const FeedPull before = orders(m_buyer);
    const QString id = newId();
    QJsonObject o = QJsonDocument::fromJson(body(id, {*line, unknown, wrongUnit})).object();
    QJsonArray lines = o.value(u"lines").toArray();
    QJsonObject bad = lines.at(2).toObject();
    bad.insert(QStringLiteral("uom"), QStringLiteral("BARREL"));
    lines.replace(2, bad);
    o.insert(QStringLiteral("lines"), lines);
    const HttpResponse r = submit(QJsonDocument(o).toJson(QJsonDocument::Compact), id.toLatin1());
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("order-needs-review"));
    const QJsonArray problems = r.json().value(u"lines").toArray();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).toObject().value(u"index").toInt(), 1);
    QCOMPARE(problems.at(0).toObject().value(u"problem").toString(), QStringLiteral("unavailable"));
    QCOMPARE(problems.at(0).toObject().value(u"reason").toString(),
             QStringLiteral("not-in-assortment"));
    QCOMPARE(problems.at(1).toObject().value(u"index").toInt(), 2);
    QCOMPARE(problems.at(1).toObject().value(u"reason").toString(), QStringLiteral("unknown-unit"));
    QCOMPARE(orders(m_buyer).entries, before.entries);
}

void tst_PortalOrders::shortStockIsBackordered()
{
    // The approver has no spending limit; a non-tool product keeps the category rule out.
    auto line = candidate(m_approver, false, Decimal::fromInt(1), 50);
    QVERIFY(line);
    const qint64 step = line->quantity; // a valid quantity: any multiple of it is valid too
    const qint64 wanted = (line->onHand / step + 2) * step;
    // Price the larger quantity (a tier may apply).
    const QByteArray quote =
        QJsonDocument(QJsonObject{{QStringLiteral("lines"),
                                   QJsonArray{QJsonObject{{QStringLiteral("sku"), line->sku},
                                                          {QStringLiteral("quantity"), wanted}}}}})
            .toJson(QJsonDocument::Compact);
    const QJsonObject priced =
        m_client
            ->post(QStringLiteral("/api/v1/pricing/quote"), quote, "application/json", m_approver)
            .json()
            .value(u"lines")
            .toArray()
            .at(0)
            .toObject();
    QCOMPARE(priced.value(u"quantity").toInteger(), wanted);
    line->quantity = wanted;
    line->unitPrice = priced.value(u"unit_price").toString();
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*line}), id.toLatin1(), m_approver);
    QCOMPARE(r.status, 201);
    const auto order = Order::fromJson(r.json(), nullptr);
    QVERIFY(order);
    QCOMPARE(order->lines.at(0).backordered, wanted - line->onHand);
    const QJsonArray warnings = r.json().value(u"warnings").toArray();
    QCOMPARE(warnings.size(), 1);
    const QJsonObject w = warnings.at(0).toObject();
    QCOMPARE(w.value(u"problem").toString(), QStringLiteral("insufficient-stock"));
    QCOMPARE(w.value(u"available").toString(), QString::number(line->onHand));
    QCOMPARE(w.value(u"requested").toString(), QString::number(wanted));
    QCOMPARE(w.value(u"backordered").toString(), QString::number(wanted - line->onHand));
}

void tst_PortalOrders::creditLimit()
{
    const HttpResponse account = m_client->get(QStringLiteral("/api/v1/account"), m_fleet);
    QCOMPARE(account.status, 200);
    const QJsonObject credit = account.json().value(u"credit").toObject();
    const Decimal available = dec(credit.value(u"available").toString());
    QCOMPARE(available, dec(credit.value(u"limit").toString()) -
                            dec(credit.value(u"balance").toString()) -
                            dec(credit.value(u"open_orders").toString()));
    const auto line = candidate(m_fleet, false, available + Decimal::fromInt(1));
    QVERIFY(line);
    const FeedPull before = orders(m_fleet);
    const QString id = newId();
    const HttpResponse r =
        submit(body(id, {*line}, QStringLiteral("DEPOT")), id.toLatin1(), m_fleet);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("credit-limit-exceeded"));
    const QJsonObject p = r.json();
    QCOMPARE(p.value(u"available").toString(), credit.value(u"available").toString());
    QCOMPARE(p.value(u"limit").toString(), credit.value(u"limit").toString());
    QCOMPARE(p.value(u"balance").toString(), credit.value(u"balance").toString());
    QCOMPARE(p.value(u"open").toString(), credit.value(u"open_orders").toString());
    QVERIFY(dec(p.value(u"order_total").toString()) > available);
    QCOMPARE(orders(m_fleet).entries, before.entries);
}

void tst_PortalOrders::spendingLimitNeedsApproval()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(5001));
    QVERIFY(line);
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*line}), id.toLatin1());
    QCOMPARE(r.status, 201);
    const auto order = Order::fromJson(r.json(), nullptr);
    QVERIFY(order);
    QCOMPARE(order->status, OrderStatus::PendingApproval);
    QVERIFY(order->approval.required);
    QCOMPARE(order->approval.reason, QStringLiteral("over-spending-limit"));
    QVERIFY(order->subtotal > Decimal::fromInt(5000));

    // The approver sees it waiting; the buyer may not look at the approvals.
    const HttpResponse pending = m_client->get(QStringLiteral("/api/v1/approvals"), m_approver);
    QCOMPARE(pending.status, 200);
    QStringList numbers;
    for (const QJsonValue &v : pending.json().value(u"orders").toArray())
        numbers.append(v.toObject().value(u"number").toString());
    QVERIFY(numbers.contains(order->number));
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/approvals"), m_buyer).status, 403);
    QCOMPARE(decide(order->number, "approve", "{}", m_buyer).status, 403);
    QCOMPARE(decide(order->number, "approve", "{}", m_other).status, 403);

    const FeedPull before = orders(m_buyer);
    const HttpResponse approved =
        decide(order->number, "approve", R"({"comment":"ok for the haul-out"})");
    QCOMPARE(approved.status, 200);
    const auto after = Order::fromJson(approved.json(), nullptr);
    QVERIFY(after);
    QCOMPARE(after->status, OrderStatus::Approved);
    QCOMPARE(after->sequence, 2);
    QCOMPARE(after->approval.decidedBy, QStringLiteral("Tom Whitaker"));
    QCOMPARE(after->approval.comment, QStringLiteral("ok for the haul-out"));
    QCOMPARE(after->timeline.size(), 2);
    QCOMPARE(after->timeline.at(1).status, OrderStatus::Approved);

    // The change reaches the feed with a later sequence.
    const FeedPull changed =
        pullFeed(*m_client, m_buyer, Feed::Orders, 1000, before.next, before.entries);
    QVERIFY2(changed.converged(), qPrintable(changed.error));
    QCOMPARE(changed.items.size(), 1);
    QCOMPARE(changed.items.at(0).key, order->number);
    QCOMPARE(canonicalJson(changed.items.at(0).data()), canonicalJson(after->toJson()));

    // A decision is made once.
    const HttpResponse twice = decide(order->number, "reject", "{}");
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.problemSlug(), QStringLiteral("order-not-pending"));
}

void tst_PortalOrders::categoryRuleNeedsApproval()
{
    const auto tool = candidate(m_buyer, true, Decimal::fromInt(1));
    QVERIFY(tool);
    QVERIFY(tool->price.times(tool->quantity)->units() < Decimal::fromInt(5000).units());
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*tool}), id.toLatin1());
    QCOMPARE(r.status, 201);
    const auto order = Order::fromJson(r.json(), nullptr);
    QVERIFY(order);
    QCOMPARE(order->status, OrderStatus::PendingApproval);
    QCOMPARE(order->approval.reason, QStringLiteral("category-rule"));

    const HttpResponse rejected = decide(order->number, "reject", R"({"comment":"use stock"})");
    QCOMPARE(rejected.status, 200);
    const auto after = Order::fromJson(rejected.json(), nullptr);
    QVERIFY(after);
    QCOMPARE(after->status, OrderStatus::Rejected);
    QCOMPARE(after->timeline.constLast().note, QStringLiteral("use stock"));
    // Northgate has no rule for tools: the same kind of order goes straight through.
    const auto theirs = candidate(m_other, true, Decimal::fromInt(1));
    if (theirs) {
        const QString id2 = newId();
        const HttpResponse plain =
            submit(body(id2, {*theirs}, QStringLiteral("WAREHOUSE")), id2.toLatin1(), m_other);
        QCOMPARE(plain.status, 201);
        QCOMPARE(plain.json().value(u"status").toString(), QStringLiteral("submitted"));
    }
}

void tst_PortalOrders::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("pointer");
    const QByteArray id = "0b6f1d2e-3c4a-4e1c-9a55-3f1c2a4e8d7b";
    QTest::newRow("not json") << QByteArray("{") << 400 << "malformed-json" << QString();
    QTest::newRow("array") << QByteArray("[]") << 422 << "invalid-order" << QString();
    QTest::newRow("no lines") << QByteArray(R"({"client_order_id":")" + id +
                                            R"(","ship_to":"HQ","lines":[]})")
                              << 422 << "invalid-order"
                              << "/lines";
    QTest::newRow("fractional quantity")
        << QByteArray(
               R"({"client_order_id":")" + id +
               R"(","ship_to":"HQ","lines":[{"sku":"X","quantity":"1.5","unit_price":"1"}]})")
        << 422 << "invalid-order"
        << "/lines/0/quantity";
    QTest::newRow("unknown ship-to")
        << QByteArray(
               R"({"client_order_id":")" + id +
               R"(","ship_to":"WAREHOUSE","lines":[{"sku":"X","quantity":"1","unit_price":"1"}]})")
        << 422 << "unknown-ship-to"
        << "/ship_to";
}

void tst_PortalOrders::rejectsBadRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, slug);
    QFETCH(QString, pointer);
    const FeedPull before = orders(m_buyer);
    const HttpResponse r = submit(body, "0b6f1d2e-3c4a-4e1c-9a55-3f1c2a4e8d7b");
    QCOMPARE(r.status, status);
    QCOMPARE(r.problemSlug(), slug);
    if (!pointer.isEmpty()) {
        QStringList pointers;
        for (const QJsonValue &e : r.json().value(u"errors").toArray())
            pointers.append(e.toObject().value(u"pointer").toString());
        QVERIFY2(pointers.contains(pointer), qPrintable(pointers.join(u',')));
    }
    QCOMPARE(orders(m_buyer).entries, before.entries);
}

void tst_PortalOrders::viewerMayNotOrder()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*line}), id.toLatin1(), m_viewer);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problemSlug(), QStringLiteral("forbidden"));
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/account"), m_viewer).status, 403);
    // The viewer may read the account's orders.
    QVERIFY(orders(m_viewer).converged());
}

void tst_PortalOrders::otherAccountsOrderIsNotFound()
{
    const FeedPull bayside = orders(m_buyer);
    QVERIFY(!bayside.entries.isEmpty());
    const QString number = bayside.entries.lastKey();
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/orders/") + number, m_buyer).status, 200);
    for (const QString &token : {m_other, m_child}) {
        const HttpResponse r = m_client->get(QStringLiteral("/api/v1/orders/") + number, token);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.problemSlug(), QStringLiteral("not-found"));
        QVERIFY(!orders(token).entries.contains(number));
    }
}

void tst_PortalOrders::accountEndpoint()
{
    const HttpResponse r = m_client->get(QStringLiteral("/api/v1/account"), m_buyer);
    QCOMPARE(r.status, 200);
    const QJsonObject a = r.json();
    QCOMPARE(a.value(u"code").toString(), QStringLiteral("BMG"));
    QCOMPARE(a.value(u"currency").toString(), QStringLiteral("USD"));
    QCOMPARE(a.value(u"payment_terms").toString(), QStringLiteral("Net 30"));
    QCOMPARE(a.value(u"spending_limit").toString(), QStringLiteral("5000.00"));
    const QJsonObject credit = a.value(u"credit").toObject();
    QCOMPARE(credit.value(u"limit").toString(), QStringLiteral("250000.00"));
    QCOMPARE(credit.value(u"balance").toString(), QStringLiteral("42000.00"));
    QVERIFY(dec(credit.value(u"open_orders").toString()) > Decimal());
    const QJsonArray shipTo = a.value(u"ship_to").toArray();
    QCOMPARE(shipTo.size(), 3);
    int defaults = 0;
    for (const QJsonValue &v : shipTo) {
        defaults += v.toObject().value(u"default").toBool() ? 1 : 0;
        QVERIFY(!v.toObject().value(u"address").toObject().value(u"city").toString().isEmpty());
    }
    QCOMPARE(defaults, 1);
    const QByteArray etag = r.header("ETag");
    QVERIFY(!etag.isEmpty());
    const HttpResponse same = m_client->send(
        "GET", QStringLiteral("/api/v1/account"), {},
        {{"Authorization", "Bearer " + m_buyer.toLatin1()}, {"If-None-Match", etag}});
    QCOMPARE(same.status, 304);
    QVERIFY(same.body.isEmpty());
    // The approver has no spending limit.
    const HttpResponse approver = m_client->get(QStringLiteral("/api/v1/account"), m_approver);
    QVERIFY(approver.json().value(u"spending_limit").isNull());

    // A new order changes the open total and so the ETag.
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    QCOMPARE(submit(body(id, {*line}), id.toLatin1()).status, 201);
    const HttpResponse changed = m_client->send(
        "GET", QStringLiteral("/api/v1/account"), {},
        {{"Authorization", "Bearer " + m_buyer.toLatin1()}, {"If-None-Match", etag}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag") != etag);
}

void tst_PortalOrders::demoSupplierMovesOrdersOn()
{
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const HttpResponse r = submit(body(id, {*line}), id.toLatin1());
    QCOMPARE(r.status, 201);
    const QString location = QString::fromUtf8(r.header("Location"));
    const QList<OrderStatus> expected{OrderStatus::Confirmed, OrderStatus::Shipped,
                                      OrderStatus::Delivered};
    qint64 sequence = 1;
    for (OrderStatus status : expected) {
        QString output;
        QCOMPARE(m_portal->runMaintenance({QStringLiteral("--advance-demo-orders")}, &output), 0);
        QVERIFY2(output.contains(QStringLiteral("orders advanced")), qPrintable(output));
        const auto order = Order::fromJson(m_client->get(location, m_buyer).json(), nullptr);
        QVERIFY(order);
        QCOMPARE(order->status, status);
        QVERIFY(order->sequence > sequence);
        sequence = order->sequence;
        QCOMPARE(order->timeline.constLast().status, status);
        if (status != OrderStatus::Confirmed) {
            QCOMPARE(order->shipments.size(), 1);
            QVERIFY(!order->shipments.at(0).carrier.isEmpty());
            QVERIFY(
                order->shipments.at(0).trackingUrl.contains(order->shipments.at(0).trackingNumber));
            QCOMPARE(order->shipments.at(0).events.constLast().status,
                     status == OrderStatus::Shipped ? QStringLiteral("picked_up")
                                                    : QStringLiteral("delivered"));
        }
        const FeedPull feed = orders(m_buyer);
        QVERIFY2(feed.converged(), qPrintable(feed.error));
        QCOMPARE(feed.entries.value(order->number), canonicalJson(order->toJson()));
    }
}

void tst_PortalOrders::demoSupplierPacesOrders()
{
    // The same demo (same products and prices) with the supplier moving orders on every
    // second by itself.
    PortalProcess paced;
    QString error;
    QVERIFY2(paced.start(demoArguments({QStringLiteral("--demo-order-pace"), QStringLiteral("1")}),
                         &error),
             qPrintable(error));
    HttpClient client(paced.url());
    const QString buyer = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!buyer.isEmpty());
    const auto line = candidate(m_buyer, false, Decimal::fromInt(1));
    QVERIFY(line);
    const QString id = newId();
    const HttpResponse r = client.send("POST", QStringLiteral("/api/v1/orders"), body(id, {*line}),
                                       {{"Authorization", "Bearer " + buyer.toLatin1()},
                                        {"Content-Type", "application/json"},
                                        {"Idempotency-Key", id.toLatin1()}});
    QCOMPARE(r.status, 201);
    const QString location = QString::fromUtf8(r.header("Location"));
    std::optional<Order> order;
    QTRY_VERIFY_WITH_TIMEOUT(
        (order = Order::fromJson(client.get(location, buyer).json(), nullptr)) &&
            order->status == OrderStatus::Delivered,
        30000);
    QList<OrderStatus> steps;
    for (const OrderEvent &event : order->timeline)
        steps.append(event.status);
    QCOMPARE(steps, (QList<OrderStatus>{OrderStatus::Submitted, OrderStatus::Confirmed,
                                        OrderStatus::Shipped, OrderStatus::Delivered}));
    QCOMPARE(order->shipments.size(), 1);
    QVERIFY(!order->shipments.at(0).trackingNumber.isEmpty());
    QCOMPARE(paced.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_PortalOrders)
#include "tst_portalorders.moc"
