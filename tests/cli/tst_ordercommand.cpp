// qm order, qm outbox, qm orders, qm reorder, qm approvals and qm account, run as real
// processes against a real qm-portal with the demo supplier.
#include "core/catalog.h"
#include "core/decimal.h"
#include "core/feeds.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using qm::Decimal;
using qm::test::HttpClient;

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example");       // spending limit 5,000
const QString Approver = QStringLiteral("approver@bayside.example"); // no spending limit
const QString Viewer = QStringLiteral("viewer@bayside.example");
const QString FleetBuyer = QStringLiteral("buyer@fleet.bayside.example"); // close to its limit

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    // The client order id of the "queued <id>" line, empty when there is none.
    QString queuedId() const
    {
        static const QRegularExpression queued(QStringLiteral("^queued ([0-9a-f-]{36})$"),
                                               QRegularExpression::MultilineOption);
        return queued.match(out).captured(1);
    }
};

struct Home
{
    QTemporaryDir dir;
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
};

// A product of the account that the portal prices as it is, in a quantity whose line total
// is at least `minTotal`.
struct Candidate
{
    QString sku;
    qint64 quantity = 0;
    Decimal unitPrice;
    Decimal lineTotal;
};

QJsonObject json(const Run &run)
{
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    if (!doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(run.out.left(400)));
    return doc.object();
}

Decimal dec(const QJsonValue &v)
{
    return Decimal::parse(v.toString()).value_or(Decimal::fromInt(-1));
}

QString q(const char *s)
{
    return QString::fromLatin1(s);
}

} // namespace

class tst_OrderCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void submitOnline();
    void submitOfflineThenPush();
    void submitToTheUsersOwnDefault();
    void submitWhilePortalUnreachable();
    void badInput_data();
    void badInput();
    void priceChangeNeedsReview();
    void overSpendingLimitNeedsApproval();
    void overCreditLimitNeedsAttention();
    void viewerCannotSubmit();
    void reorderIntoCart();
    void accountAfterSync();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {}) const;
    void login(const Home &home, const QString &user);
    // Signs in, syncs and fills a new cart `cartName` with `lines` (SKU, quantity).
    void prepare(const Home &home, const QString &user, const QString &cartName,
                 const QList<Candidate> &lines);
    // The portal's quote of `lines` ({sku, quantity}): the lines it prices as asked.
    QList<Candidate> quote(const QString &token, const QJsonArray &lines);
    QList<Candidate> pricedProducts(const QString &token, bool tools);
    std::optional<Candidate> candidate(const QString &token, bool tools, Decimal minTotal,
                                       Decimal maxTotal, const QStringList &skip = {});
    // The account's orders on the portal, by client order id.
    QMap<QString, QJsonObject> serverOrders(const QString &token);
    QJsonArray outbox(const Home &home);

    QString m_qmBin;
    qm::test::PortalProcess m_portal;
    std::unique_ptr<HttpClient> m_http;
};

void tst_OrderCommand::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start({q("--demo"), q("--products"), q("300")}, &error), qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal.url());
}

void tst_OrderCommand::cleanupTestCase()
{
    m_portal.stop();
}

Run tst_OrderCommand::qm(const Home &home, const QStringList &args, const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(q("XDG_CONFIG_HOME"), home.dir.filePath(q("config")));
    env.insert(q("XDG_DATA_HOME"), home.dir.filePath(q("data")));
    env.remove(q("QT_LOGGING_RULES"));
    process.setProcessEnvironment(env);
    process.start(m_qmBin, QStringList{q("--profile"), home.profile()} + args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(240000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_OrderCommand::login(const Home &home, const QString &user)
{
    const Run run = qm(home,
                       {q("login"), q("--portal"), m_portal.url().toString(), q("--user"), user,
                        q("--password-stdin")},
                       Password.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void tst_OrderCommand::prepare(const Home &home, const QString &user, const QString &cartName,
                               const QList<Candidate> &lines)
{
    login(home, user);
    if (QTest::currentTestFailed())
        return;
    const Run sync = qm(home, {q("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const Run cart = qm(home, {q("cart"), q("new"), cartName});
    QVERIFY2(cart.exitCode == 0, qPrintable(cart.err));
    for (const Candidate &c : lines) {
        const Run add = qm(home, {q("cart"), q("add"), c.sku, QString::number(c.quantity)});
        QVERIFY2(add.exitCode == 0, qPrintable(add.out + add.err));
    }
}

QList<Candidate> tst_OrderCommand::quote(const QString &token, const QJsonArray &lines)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{q("lines"), lines}}).toJson(QJsonDocument::Compact);
    const auto r = m_http->post(q("/api/v1/pricing/quote"), body, "application/json", token);
    if (r.status != 200) {
        qWarning("quote: HTTP %d %s", r.status, r.body.left(300).constData());
        return {};
    }
    QList<Candidate> priced;
    const QJsonArray answer = r.json().value(u"lines").toArray();
    for (qsizetype i = 0; i < answer.size() && i < lines.size(); ++i) {
        const QJsonObject line = answer.at(i).toObject();
        const qint64 asked = lines.at(i)[q("quantity")].toInteger();
        if (line.contains(u"problem") || line.value(u"quantity").toInteger() != asked)
            continue;
        const Candidate c{lines.at(i)[q("sku")].toString(), asked, dec(line.value(u"unit_price")),
                          dec(line.value(u"line_total"))};
        if (c.unitPrice.units() > 0)
            priced << c;
    }
    return priced;
}

QList<Candidate> tst_OrderCommand::pricedProducts(const QString &token, bool tools)
{
    using namespace qm;
    const test::FeedPull products = test::pullFeed(*m_http, token, Feed::Products, 1000);
    if (!products.converged())
        return {};
    QJsonArray request;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO") != tools)
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        const qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        request.append(QJsonObject{{q("sku"), it.key()}, {q("quantity"), quantity}});
    }
    return quote(token, request);
}

std::optional<Candidate> tst_OrderCommand::candidate(const QString &token, bool tools,
                                                     Decimal minTotal, Decimal maxTotal,
                                                     const QStringList &skip)
{
    for (const Candidate &c : pricedProducts(token, tools)) {
        if (skip.contains(c.sku))
            continue;
        if (c.lineTotal >= minTotal && c.lineTotal <= maxTotal)
            return c;
        if (c.lineTotal >= minTotal)
            continue;
        // Enough packs at this price to reach minTotal (a higher tier only lowers the price:
        // leave a margin), rounded up to a whole number of the first valid quantity.
        const qint64 packs = (minTotal.units() * 3 / 2) / c.lineTotal.units() + 1;
        const QList<Candidate> scaled = quote(
            token, QJsonArray{QJsonObject{{q("sku"), c.sku}, {q("quantity"), c.quantity * packs}}});
        if (scaled.size() == 1 && scaled.first().lineTotal >= minTotal &&
            scaled.first().lineTotal <= maxTotal)
            return scaled.first();
    }
    return std::nullopt;
}

QMap<QString, QJsonObject> tst_OrderCommand::serverOrders(const QString &token)
{
    const qm::test::FeedPull pull = qm::test::pullFeed(*m_http, token, qm::Feed::Orders, 1000);
    QMap<QString, QJsonObject> byClientId;
    if (!pull.ok)
        qWarning("orders feed: %s", qPrintable(pull.error));
    for (const QByteArray &entry : pull.entries) {
        const QJsonObject o = QJsonDocument::fromJson(entry).object();
        const QString id = o.value(u"client_order_id").toString();
        if (!id.isEmpty()) {
            if (byClientId.contains(id))
                qWarning("two orders on the portal with client order id %s", qPrintable(id));
            byClientId.insert(id, o);
        }
    }
    return byClientId;
}

QJsonArray tst_OrderCommand::outbox(const Home &home)
{
    const Run run = qm(home, {q("outbox"), q("--json")});
    if (run.exitCode != 0)
        qWarning("qm outbox: %s", qPrintable(run.err));
    return json(run).value(u"orders").toArray();
}

void tst_OrderCommand::submitOnline()
{
    const QString token = m_http->accessToken(Buyer);
    QVERIFY(!token.isEmpty());
    const auto line = candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(2000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, Buyer, q("Dock"), {*line});
    if (QTest::currentTestFailed())
        return;

    const Run submit = qm(buyer, {q("order"), q("submit"), q("--ship-to"), q("ANN-SHOP"), q("--po"),
                                  q("PO-7781"), q("--notes"), q("Leave at the dock office")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QString id = submit.queuedId();
    QVERIFY2(!id.isEmpty(), qPrintable(submit.out));
    // "queued" is the first line: it is printed before the order is sent.
    QVERIFY2(submit.outLines().value(0).startsWith(q("queued ")), qPrintable(submit.out));
    static const QRegularExpression sent(QStringLiteral("^sent: order (\\S+), submitted"),
                                         QRegularExpression::MultilineOption);
    const QString number = sent.match(submit.out).captured(1);
    QVERIFY2(!number.isEmpty(), qPrintable(submit.out));

    // The portal has exactly this order, with the header fields given.
    const QMap<QString, QJsonObject> onServer = serverOrders(token);
    QVERIFY(onServer.contains(id));
    const QJsonObject order = onServer.value(id);
    QCOMPARE(order.value(u"number").toString(), number);
    QCOMPARE(order.value(u"ship_to").toString(), q("ANN-SHOP"));
    QCOMPARE(order.value(u"po_number").toString(), q("PO-7781"));
    QCOMPARE(order.value(u"notes").toString(), q("Leave at the dock office"));
    const QJsonArray lines = order.value(u"lines").toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()[q("sku")].toString(), line->sku);
    QCOMPARE(dec(lines.first()[q("unit_price")]), line->unitPrice);

    // The outbox keeps it as sent with its number; the history shows it at once.
    const QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("client_order_id")].toString(), id);
    QCOMPARE(entries.first()[q("state")].toString(), q("sent"));
    QCOMPARE(entries.first()[q("order_number")].toString(), number);
    const Run show = qm(buyer, {q("order"), q("show"), number, q("--json")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QCOMPARE(json(show).value(u"client_order_id").toString(), id);
    QCOMPARE(json(show).value(u"placed_here").toBool(), true);
    const Run showText = qm(buyer, {q("order"), q("show"), number});
    QVERIFY2(showText.out.contains(line->sku) && showText.out.contains(q("PO-7781")),
             qPrintable(showText.out));

    // The supplier confirms and ships it; the buyer's sync brings the shipment and its
    // tracking number into the cache.
    for (int step = 0; step < 2; ++step)
        QCOMPARE(m_portal.runMaintenance({q("--advance-demo-orders")}), 0);
    const Run sync = qm(buyer, {q("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const QJsonObject shipped = json(
        qm(buyer, {q("orders"), q("--status"), q("shipped"), q("--po"), q("7781"), q("--json")}));
    const QJsonArray shippedOrders = shipped.value(u"orders").toArray();
    QCOMPARE(shippedOrders.size(), 1);
    QCOMPARE(shippedOrders.first()[q("number")].toString(), number);
    const QJsonObject onPortal = m_http->get(q("/api/v1/orders/") + number, token).json();
    const QString tracking =
        onPortal.value(u"shipments").toArray().first()[q("tracking_number")].toString();
    QVERIFY(!tracking.isEmpty());
    const QJsonObject cached = json(qm(buyer, {q("order"), q("show"), number, q("--json")}));
    QCOMPARE(cached.value(u"status").toString(), q("shipped"));
    QCOMPARE(cached.value(u"shipments").toArray().first()[q("tracking_number")].toString(),
             tracking);
    const Run shownShipped = qm(buyer, {q("order"), q("show"), number});
    QVERIFY2(shownShipped.out.contains(tracking) && shownShipped.out.contains(q("Timeline:")) &&
                 shownShipped.out.contains(q("  shipped")),
             qPrintable(shownShipped.out));

    // The cart became the order: submitting again without a cart is refused.
    const Run again = qm(buyer, {q("order"), q("submit"), q("--cart"), q("Dock")});
    QCOMPARE(again.exitCode, 4);
    QCOMPARE(outbox(buyer).size(), 1);
}

void tst_OrderCommand::submitOfflineThenPush()
{
    const QString token = m_http->accessToken(Buyer);
    const auto line = candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(2000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, Buyer, q("Site"), {*line});
    if (QTest::currentTestFailed())
        return;

    // Without --ship-to the account's default location (HQ) is used.
    const Run submit = qm(buyer, {q("order"), q("submit"), q("--offline")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QString id = submit.queuedId();
    QVERIFY2(!id.isEmpty(), qPrintable(submit.out));
    QVERIFY(!serverOrders(token).contains(id));
    QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("queued"));
    QCOMPARE(entries.first()[q("ship_to")].toString(), q("HQ"));
    QCOMPARE(entries.first()[q("cart")].toString(), q("Site"));
    QCOMPARE(entries.first()[q("attempts")].toInt(), 0);
    QCOMPARE(dec(entries.first()[q("expected_total")]), line->lineTotal);

    const Run push = qm(buyer, {q("outbox"), q("push")});
    QVERIFY2(push.exitCode == 0, qPrintable(push.out + push.err));
    QVERIFY2(push.out.contains(q("1 sent, 0 need attention, 0 still queued")),
             qPrintable(push.out));
    entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("sent"));
    const QString number = entries.first()[q("order_number")].toString();
    QVERIFY(!number.isEmpty());
    const QMap<QString, QJsonObject> onServer = serverOrders(token);
    QCOMPARE(onServer.value(id).value(u"number").toString(), number);

    // A second push has nothing to send and creates nothing.
    const Run again = qm(buyer, {q("outbox"), q("push")});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(q("No orders waiting")), qPrintable(again.out));
    QCOMPARE(serverOrders(token).size(), onServer.size());
}

void tst_OrderCommand::submitToTheUsersOwnDefault()
{
    // An administrator gives the buyer a default location of their own: ANN-SHOP.
    const QString admin = m_http->accessToken(q("admin@bayside.example"));
    QVERIFY(!admin.isEmpty());
    qint64 buyerId = 0;
    for (const QJsonValue &v : m_http->get(q("/api/v1/users"), admin).json()[q("users")].toArray())
        if (v[q("username")].toString() == Buyer)
            buyerId = v[q("id")].toInteger();
    qint64 shopId = 0;
    for (const QJsonValue &v :
         m_http->get(q("/api/v1/locations"), admin).json()[q("locations")].toArray())
        if (v[q("code")].toString() == q("ANN-SHOP"))
            shopId = v[q("id")].toInteger();
    QVERIFY(buyerId > 0 && shopId > 0);
    const auto setDefault = [&](const QJsonValue &location) {
        return m_http
            ->send("PATCH", q("/api/v1/users/%1").arg(buyerId),
                   QJsonDocument(QJsonObject{{q("default_location"), location}})
                       .toJson(QJsonDocument::Compact),
                   {{"Authorization", "Bearer " + admin.toLatin1()},
                    {"Content-Type", "application/json"}})
            .status;
    };
    QCOMPARE(setDefault(shopId), 200);
    const auto reset = qScopeGuard([&] { setDefault(QJsonValue::Null); });

    const QString token = m_http->accessToken(Buyer);
    const auto line = candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(2000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, Buyer, q("Shop"), {*line});
    if (QTest::currentTestFailed())
        return;
    // Without --ship-to the buyer's own default is used, not the account's (HQ).
    const Run submit = qm(buyer, {q("order"), q("submit"), q("--offline")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("ship_to")].toString(), q("ANN-SHOP"));
}

void tst_OrderCommand::submitWhilePortalUnreachable()
{
    // A portal of its own, stopped after the sync: the laptop lost its connection.
    qm::test::PortalProcess portal;
    QString error;
    QVERIFY2(portal.start({q("--demo"), q("--products"), q("100")}, &error), qPrintable(error));
    Home buyer;
    const Run login = qm(buyer,
                         {q("login"), q("--portal"), portal.url().toString(), q("--user"), Buyer,
                          q("--password-stdin")},
                         Password.toUtf8() + '\n');
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    QVERIFY(qm(buyer, {q("sync")}).exitCode == 0);
    const Run search = qm(buyer, {q("search"), q("bolt"), q("--limit"), q("1"), q("--json")});
    const QJsonArray found = json(search).value(u"results").toArray();
    QVERIFY2(!found.isEmpty(), qPrintable(search.out));
    // The line rules may raise the quantity (exit code 7); the line is in the cart either way.
    qm(buyer, {q("cart"), q("add"), found.first()[q("sku")].toString(), q("10")});
    const Run cart = qm(buyer, {q("cart"), q("show"), q("--json")});
    QCOMPARE(json(cart).value(u"lines").toArray().size(), 1);
    portal.stop();

    const Run submit = qm(buyer, {q("order"), q("submit")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QString id = submit.queuedId();
    QVERIFY(!id.isEmpty());
    QVERIFY2(submit.out.contains(q("still queued: portal unreachable")), qPrintable(submit.out));
    QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("queued"));
    QCOMPARE(entries.first()[q("client_order_id")].toString(), id);

    // Sending now, still without the portal, says so (exit 5) and keeps the order.
    const Run push = qm(buyer, {q("outbox"), q("push")});
    QCOMPARE(push.exitCode, 5);
    QVERIFY2(push.err.contains(q("1 order(s) still queued")), qPrintable(push.err));
    entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("queued"));
}

void tst_OrderCommand::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("fillCart");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // a part of the error output

    QTest::newRow("no such cart") << QStringList{q("--cart"), q("Nowhere")} << true << 4
                                  << q("qm: no cart named 'Nowhere'");
    QTest::newRow("empty cart") << QStringList{q("--cart"), q("Empty")} << false << 2 << q("empty");
    QTest::newRow("unknown ship-to")
        << QStringList{q("--ship-to"), q("MOON-BASE")} << true << 2 << q("MOON-BASE");
    QTest::newRow("delivery in the past")
        << QStringList{q("--delivery"), q("2020-01-31")} << true << 2 << q("past");
    QTest::newRow("delivery not a date")
        << QStringList{q("--delivery"), q("31/01/2031")} << true << 2
        << q("qm: --delivery must be a date written YYYY-MM-DD, not '31/01/2031'");
    QTest::newRow("PO too long") << QStringList{q("--po"), QString(65, u'P')} << true << 2
                                 << q("64");
    QTest::newRow("unknown action")
        << QStringList{q("--frobnicate")} << true << 2 << q("Unknown option 'frobnicate'");
}

void tst_OrderCommand::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(bool, fillCart);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString token = m_http->accessToken(Buyer);
    const auto line = candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(2000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, Buyer, fillCart ? q("Full") : q("Empty"),
            fillCart ? QList<Candidate>{*line} : QList<Candidate>{});
    if (QTest::currentTestFailed())
        return;
    const QMap<QString, QJsonObject> before = serverOrders(token);

    const Run submit = qm(buyer, QStringList{q("order"), q("submit")} + args);
    QCOMPARE(submit.exitCode, exitCode);
    QVERIFY2(submit.err.contains(message, Qt::CaseInsensitive), qPrintable(submit.err));
    QVERIFY2(submit.queuedId().isEmpty(), qPrintable(submit.out));
    // Every line of the error output is one "qm: " sentence.
    for (const QString &l : submit.errLines())
        QVERIFY2(l.startsWith(q("qm: ")), qPrintable(l));
    QCOMPARE(outbox(buyer).size(), 0);
    QCOMPARE(serverOrders(token).size(), before.size());
}

void tst_OrderCommand::priceChangeNeedsReview()
{
    const QString token = m_http->accessToken(Buyer);
    Home buyer;
    login(buyer, Buyer);
    QVERIFY(qm(buyer, {q("sync")}).exitCode == 0);
    const QList<Candidate> before = pricedProducts(token, false);
    QVERIFY(before.size() > 20);

    // The supplier changes prices after the buyer's last sync.
    QString output;
    QCOMPARE(m_portal.runMaintenance({q("--apply-demo-changes"), q("200"), q("--seed"), q("7")},
                                     &output),
             0);
    QHash<QString, Candidate> after;
    for (const Candidate &c : pricedProducts(token, false))
        after.insert(c.sku, c);
    std::optional<Candidate> changed;
    std::optional<Candidate> same;
    for (const Candidate &c : before) {
        const auto now = after.constFind(c.sku);
        if (now == after.cend() || now->quantity != c.quantity)
            continue;
        if (!changed && now->unitPrice != c.unitPrice)
            changed = c;
        else if (!same && now->unitPrice == c.unitPrice)
            same = c;
    }
    QVERIFY2(changed && same, qPrintable(output));

    // The cart is priced from the cache: the old price.
    QVERIFY(qm(buyer, {q("cart"), q("new"), q("Stale")}).exitCode == 0);
    QVERIFY(qm(buyer, {q("cart"), q("add"), same->sku, QString::number(same->quantity)}).exitCode ==
            0);
    QVERIFY(qm(buyer, {q("cart"), q("add"), changed->sku, QString::number(changed->quantity)})
                .exitCode == 0);
    const QMap<QString, QJsonObject> ordersBefore = serverOrders(token);

    const Run submit = qm(buyer, {q("order"), q("submit"), q("--ship-to"), q("HQ")});
    QCOMPARE(submit.exitCode, 7);
    const QString refusedId = submit.queuedId();
    QVERIFY(!refusedId.isEmpty());
    const QString newPrice = after.value(changed->sku).unitPrice.toString(2);
    QVERIFY2(submit.out.contains(q("needs attention")), qPrintable(submit.out));
    QVERIFY2(submit.out.contains(q("line 2 (%1): price changed from %2 USD to %3 USD")
                                     .arg(changed->sku, changed->unitPrice.toString(2), newPrice)),
             qPrintable(submit.out));
    QVERIFY2(!submit.out.contains(q("line 1 (")), qPrintable(submit.out));
    QCOMPARE(serverOrders(token).size(), ordersBefore.size());

    QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("needs-attention"));
    QCOMPARE(entries.first()[q("problem_type")].toString(), q("order-needs-review"));
    const qint64 outboxId = entries.first()[q("id")].toInteger();

    // Accepting queues a new order at the new price and sends it.
    const Run accept = qm(buyer, {q("outbox"), q("accept"), QString::number(outboxId)});
    QVERIFY2(accept.exitCode == 0, qPrintable(accept.out + accept.err));
    const QString acceptedId = accept.queuedId();
    QVERIFY(!acceptedId.isEmpty() && acceptedId != refusedId);
    const Decimal oldTotal = same->lineTotal + changed->lineTotal;
    const Decimal newTotal = same->lineTotal + after.value(changed->sku).lineTotal;
    QVERIFY2(accept.out.contains(QStringLiteral("total %1 USD → %2 USD")
                                     .arg(oldTotal.toString(2), newTotal.toString(2))),
             qPrintable(accept.out));
    QVERIFY2(accept.out.contains(q("sent: order ")), qPrintable(accept.out));

    const QMap<QString, QJsonObject> ordersAfter = serverOrders(token);
    QCOMPARE(ordersAfter.size(), ordersBefore.size() + 1);
    QVERIFY(!ordersAfter.contains(refusedId));
    const QJsonObject placed = ordersAfter.value(acceptedId);
    const QJsonArray lines = placed.value(u"lines").toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(1)[q("sku")].toString(), changed->sku);
    QCOMPARE(dec(lines.at(1)[q("unit_price")]), after.value(changed->sku).unitPrice);
    QCOMPARE(dec(placed.value(u"totals").toObject().value(u"subtotal")), newTotal);
}

void tst_OrderCommand::overSpendingLimitNeedsApproval()
{
    const QString token = m_http->accessToken(Buyer);
    // Maria Delgado may order up to 5,000 on her own.
    const auto line = candidate(token, false, Decimal::fromInt(5500), Decimal::fromInt(20000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, Buyer, q("Big"), {*line});
    if (QTest::currentTestFailed())
        return;
    const Run submit = qm(buyer, {q("order"), q("submit"), q("--json")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QJsonObject outcome = json(submit);
    const QJsonObject order = outcome.value(u"order").toObject();
    QCOMPARE(order.value(u"status").toString(), q("pending_approval"));
    QCOMPARE(order.value(u"approval").toObject().value(u"reason").toString(),
             q("over-spending-limit"));
    const QString number = order.value(u"number").toString();
    QVERIFY(!number.isEmpty());

    // The buyer cannot decide; the approver sees it waiting and approves it.
    const Run selfApprove = qm(buyer, {q("approve"), number});
    QCOMPARE(selfApprove.exitCode, 1);
    QVERIFY2(selfApprove.err.contains(q("not permitted")), qPrintable(selfApprove.err));

    Home approver;
    login(approver, Approver);
    if (QTest::currentTestFailed())
        return;
    const Run approvals = qm(approver, {q("approvals"), q("--json")});
    QVERIFY2(approvals.exitCode == 0, qPrintable(approvals.err));
    QStringList waiting;
    for (const QJsonValue &o : json(approvals).value(u"orders").toArray())
        waiting << o[q("number")].toString();
    QVERIFY2(waiting.contains(number), qPrintable(waiting.join(u',')));
    const Run approve = qm(approver, {q("approve"), number, q("--comment"), q("Budgeted for Q4")});
    QVERIFY2(approve.exitCode == 0, qPrintable(approve.err));
    QVERIFY2(approve.out.contains(q("approved by")), qPrintable(approve.out));
    // Deciding twice: the order is no longer waiting.
    const Run twice = qm(approver, {q("reject"), number});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.err.contains(q("is not waiting for approval")), qPrintable(twice.err));
    const Run unknown = qm(approver, {q("approve"), q("SO-0000000")});
    QCOMPARE(unknown.exitCode, 4);

    // The buyer's next sync brings the decision.
    QVERIFY(qm(buyer, {q("sync")}).exitCode == 0);
    const Run orders = qm(buyer, {q("orders"), q("--status"), q("approved"), q("--json")});
    QVERIFY2(orders.exitCode == 0, qPrintable(orders.err));
    bool found = false;
    for (const QJsonValue &o : json(orders).value(u"orders").toArray()) {
        QCOMPARE(o[q("status")].toString(), q("approved"));
        if (o[q("number")].toString() == number) {
            found = true;
            QCOMPARE(o[q("approval")][q("comment")].toString(), q("Budgeted for Q4"));
        }
    }
    QVERIFY(found);
    const Run pending = qm(buyer, {q("orders"), q("--status"), q("pending-approval"), q("--json")});
    for (const QJsonValue &o : json(pending).value(u"orders").toArray())
        QVERIFY(o[q("number")].toString() != number);
    const Run badStatus = qm(buyer, {q("orders"), q("--status"), q("lost")});
    QCOMPARE(badStatus.exitCode, 2);
}

void tst_OrderCommand::overCreditLimitNeedsAttention()
{
    const QString token = m_http->accessToken(FleetBuyer);
    QVERIFY(!token.isEmpty());
    // Fleet Maintenance has about 5,000 of credit left.
    const auto line = candidate(token, false, Decimal::fromInt(9000), Decimal::fromInt(40000));
    QVERIFY(line);
    Home buyer;
    prepare(buyer, FleetBuyer, q("Fleet"), {*line});
    if (QTest::currentTestFailed())
        return;
    const QMap<QString, QJsonObject> before = serverOrders(token);
    const Run submit = qm(buyer, {q("order"), q("submit")});
    QCOMPARE(submit.exitCode, 7);
    QVERIFY2(submit.out.contains(q("over the credit limit: the order total %1 USD is more than")
                                     .arg(line->lineTotal.toString(2))),
             qPrintable(submit.out));
    QVERIFY2(submit.out.contains(q("of credit available")), qPrintable(submit.out));
    QCOMPARE(serverOrders(token).size(), before.size());
    QJsonArray entries = outbox(buyer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("problem_type")].toString(), q("credit-limit-exceeded"));

    // Deleting asks for confirmation; with --yes it goes, and nothing was ordered.
    const QString id = entries.first()[q("client_order_id")].toString();
    const Run refused = qm(buyer, {q("outbox"), q("delete"), id});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(q("needs confirmation")), qPrintable(refused.err));
    QCOMPARE(outbox(buyer).size(), 1);
    const Run deleted = qm(buyer, {q("outbox"), q("delete"), id.left(8), q("--yes")});
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
    QCOMPARE(outbox(buyer).size(), 0);
    QCOMPARE(serverOrders(token).size(), before.size());
}

void tst_OrderCommand::viewerCannotSubmit()
{
    const QString buyerToken = m_http->accessToken(Buyer);
    const auto line = candidate(buyerToken, false, Decimal::fromInt(1), Decimal::fromInt(2000));
    QVERIFY(line);
    Home viewer;
    prepare(viewer, Viewer, q("Look"), {*line});
    if (QTest::currentTestFailed())
        return;
    const QMap<QString, QJsonObject> before = serverOrders(buyerToken);
    const Run submit = qm(viewer, {q("order"), q("submit"), q("--ship-to"), q("HQ")});
    QCOMPARE(submit.exitCode, 7);
    const QString id = submit.queuedId();
    QVERIFY(!id.isEmpty());
    QVERIFY2(submit.out.contains(q("your role may not place orders (HTTP 403)")),
             qPrintable(submit.out));
    const QJsonArray entries = outbox(viewer);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first()[q("state")].toString(), q("needs-attention"));
    QCOMPARE(entries.first()[q("problem_status")].toInt(), 403);
    const QMap<QString, QJsonObject> after = serverOrders(buyerToken);
    QCOMPARE(after.size(), before.size());
    QVERIFY(!after.contains(id));

    // Sending it again unchanged meets the same refusal, with the same key.
    const QString outboxId = QString::number(entries.first()[q("id")].toInteger());
    const Run retry = qm(viewer, {q("outbox"), q("retry"), outboxId});
    QCOMPARE(retry.exitCode, 7);
    QVERIFY2(retry.out.startsWith(q("queued %1 again").arg(id)), qPrintable(retry.out));
    QVERIFY2(retry.out.contains(q("needs attention: your role may not place orders")),
             qPrintable(retry.out));
    QCOMPARE(outbox(viewer).first()[q("attempts")].toInt(), 2);

    // Its lines go back into a cart, and it leaves the outbox without reaching the portal.
    const Run edit = qm(viewer, {q("outbox"), q("edit"), id, q("--cart"), q("Back")});
    QVERIFY2(edit.exitCode == 0, qPrintable(edit.err));
    QCOMPARE(outbox(viewer).size(), 0);
    const QJsonArray back =
        json(qm(viewer, {q("cart"), q("show"), q("Back"), q("--json")})).value(u"lines").toArray();
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.first()[q("sku")].toString(), line->sku);
    QCOMPARE(back.first()[q("quantity")].toInteger(), line->quantity);
    QCOMPARE(serverOrders(buyerToken).size(), before.size());
}

void tst_OrderCommand::reorderIntoCart()
{
    const QString token = m_http->accessToken(Buyer);
    const auto first = candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(1500));
    QVERIFY(first);
    const auto second =
        candidate(token, false, Decimal::fromInt(1), Decimal::fromInt(1500), {first->sku});
    QVERIFY(second);
    Home buyer;
    prepare(buyer, Buyer, q("Weekly"), {*first, *second});
    if (QTest::currentTestFailed())
        return;
    const Run submit = qm(buyer, {q("order"), q("submit"), q("--json")});
    QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
    const QString number = json(submit).value(u"order").toObject().value(u"number").toString();
    QVERIFY(!number.isEmpty());

    // All lines into a new cart, then only the second into another.
    const Run all = qm(buyer, {q("reorder"), number, q("--cart"), q("Again"), q("--json")});
    QVERIFY2(all.exitCode == 0, qPrintable(all.out + all.err));
    QCOMPARE(json(all).value(u"summary").toObject().value(u"added").toInt(), 2);
    const Run cart = qm(buyer, {q("cart"), q("show"), q("Again"), q("--json")});
    const QJsonArray lines = json(cart).value(u"lines").toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0)[q("sku")].toString(), first->sku);
    QCOMPARE(lines.at(0)[q("quantity")].toInteger(), first->quantity);
    QCOMPARE(lines.at(1)[q("sku")].toString(), second->sku);

    QVERIFY(qm(buyer, {q("cart"), q("new"), q("Part")}).exitCode == 0);
    const Run some =
        qm(buyer, {q("reorder"), number, q("--lines"), q("2"), q("--cart"), q("Part")});
    QVERIFY2(some.exitCode == 0, qPrintable(some.out + some.err));
    const QJsonArray partLines =
        json(qm(buyer, {q("cart"), q("show"), q("Part"), q("--json")})).value(u"lines").toArray();
    QCOMPARE(partLines.size(), 1);
    QCOMPARE(partLines.at(0)[q("sku")].toString(), second->sku);

    QCOMPARE(qm(buyer, {q("reorder"), q("SO-0000000")}).exitCode, 4);
    QCOMPARE(qm(buyer, {q("reorder"), number, q("--lines"), q("one")}).exitCode, 2);
}

void tst_OrderCommand::accountAfterSync()
{
    Home buyer;
    login(buyer, Buyer);
    if (QTest::currentTestFailed())
        return;
    const Run before = qm(buyer, {q("account"), q("--json")});
    QCOMPARE(before.exitCode, 4);
    QVERIFY2(before.err.contains(q("run qm sync")), qPrintable(before.err));
    QVERIFY(qm(buyer, {q("sync")}).exitCode == 0);

    const Run account = qm(buyer, {q("account"), q("--json")});
    QVERIFY2(account.exitCode == 0, qPrintable(account.err));
    QJsonObject cached = json(account);
    QVERIFY(!cached.value(u"fetched_at").toString().isEmpty());
    cached.remove(q("fetched_at"));
    // The cache holds what the portal says (the answer of GET /api/v1/account).
    const auto server = m_http->get(q("/api/v1/account"), m_http->accessToken(Buyer));
    QCOMPARE(server.status, 200);
    QCOMPARE(cached, server.json());
    QCOMPARE(cached.value(u"code").toString(), q("BMG"));

    const Run text = qm(buyer, {q("account")});
    QVERIFY2(text.out.contains(q("HQ")) && text.out.contains(q("(default)")) &&
                 text.out.contains(q("Available credit")),
             qPrintable(text.out));
    // The overdue part of the balance, as the portal reports it.
    const QJsonObject credit = server.json().value(u"credit").toObject();
    QVERIFY(credit.contains(u"overdue"));
    QVERIFY2(text.out.contains(q("of which overdue")) &&
                 text.out.contains(credit.value(u"overdue").toString() + u' ' +
                                   cached.value(u"currency").toString()),
             qPrintable(text.out));
}

QTEST_GUILESS_MAIN(tst_OrderCommand)
#include "tst_ordercommand.moc"
