#include "core/catalog.h"
#include "core/decimal.h"
#include "portaltest.h"
#include "support/feedpuller.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <memory>

using namespace qm;
using namespace qm::test;

// POST /api/v1/pricing/quote on the real qm-portal: every malformed request gets a specific
// problem, and the answers follow the account's own feed data.
class tst_PortalPricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rejects_data();
    void rejects();
    void forbiddenWithoutPrices();
    void listPriceFromTheFeed();
    void lineRulesAndProblems();
    void otherAccountsProductsAreNotInTheAssortment();
    void dateDefaultsToToday();
    void hugeIntegersKeepTheirValue();
    void maximumLines();

private:
    HttpResponse quote(const QByteArray &body, const QString &token = {});
    QJsonObject quoteLines(const QJsonArray &lines, const QString &date = {});

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_token;
    QMap<QString, Product> m_products;
    QMap<QString, ProductPrices> m_prices;
};

HttpResponse tst_PortalPricing::quote(const QByteArray &body, const QString &token)
{
    return m_client->post(QStringLiteral("/api/v1/pricing/quote"), body, "application/json",
                          token.isEmpty() ? m_token : token);
}

QJsonObject tst_PortalPricing::quoteLines(const QJsonArray &lines, const QString &date)
{
    QJsonObject body{{QStringLiteral("lines"), lines}};
    if (!date.isEmpty())
        body.insert(QStringLiteral("date"), date);
    const HttpResponse r = quote(QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (r.status != 200)
        qWarning("quote answered %d: %s", r.status, r.body.constData());
    return r.status == 200 ? r.json() : QJsonObject();
}

void tst_PortalPricing::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(demoArguments(), &error), qPrintable(error));
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_token = m_client->accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!m_token.isEmpty());

    const FeedPull products = pullFeed(*m_client, m_token, Feed::Products, 1000);
    const FeedPull prices = pullFeed(*m_client, m_token, Feed::Prices, 1000);
    QVERIFY2(products.converged(), qPrintable(products.error));
    QVERIFY2(prices.converged(), qPrintable(prices.error));
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        QString parseError;
        const auto p = Product::fromJson(QJsonDocument::fromJson(it.value()).object(), &parseError);
        QVERIFY2(p, qPrintable(parseError));
        m_products.insert(it.key(), *p);
    }
    for (auto it = prices.entries.cbegin(); it != prices.entries.cend(); ++it) {
        QString parseError;
        const auto p =
            ProductPrices::fromJson(QJsonDocument::fromJson(it.value()).object(), &parseError);
        QVERIFY2(p, qPrintable(parseError));
        m_prices.insert(it.key(), *p);
    }
    QVERIFY(m_products.size() > 100);
}

void tst_PortalPricing::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_PortalPricing::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("mentions"); // a word the detail must contain

    const QByteArray json("application/json");
    const auto line = [](const char *member) {
        return QByteArray(R"({"lines":[{"sku":"HIS-100000","quantity":1},)") + member + "]}";
    };
    QByteArray tooMany = R"({"lines":[)";
    for (int i = 0; i <= 10000; ++i)
        tooMany += QByteArray(i ? "," : "") + R"({"sku":"A","quantity":1})";
    tooMany += "]}";

    // clang-format off
    QTest::newRow("not JSON") << QByteArray("lines=1") << json << 400 << "malformed-json" << "offset";
    QTest::newRow("truncated JSON") << QByteArray(R"({"lines":[)") << json << 400 << "malformed-json" << "offset";
    QTest::newRow("form encoded") << QByteArray("lines=1") << QByteArray("application/x-www-form-urlencoded") << 415 << "unsupported-media-type" << "application/json";
    QTest::newRow("no content type") << QByteArray(R"({"lines":[]})") << QByteArray() << 415 << "unsupported-media-type" << "application/json";
    QTest::newRow("array body") << QByteArray(R"([{"sku":"A","quantity":1}])") << json << 400 << "bad-request" << "object";
    QTest::newRow("no lines") << QByteArray(R"({"date":"2026-01-01"})") << json << 400 << "bad-request" << "'lines'";
    QTest::newRow("lines not an array") << QByteArray(R"({"lines":{"sku":"A"}})") << json << 400 << "bad-request" << "'lines'";
    QTest::newRow("too many lines") << tooMany << json << 400 << "bad-request" << "10000";
    QTest::newRow("line not an object") << line("[1]") << json << 400 << "bad-request" << "lines[1]";
    QTest::newRow("missing sku") << line(R"({"quantity":1})") << json << 400 << "bad-request" << "lines[1].sku";
    QTest::newRow("empty sku") << line(R"({"sku":"","quantity":1})") << json << 400 << "bad-request" << "lines[1].sku";
    QTest::newRow("numeric sku") << line(R"({"sku":12,"quantity":1})") << json << 400 << "bad-request" << "lines[1].sku";
    QTest::newRow("numeric uom") << line(R"({"sku":"A","uom":1,"quantity":1})") << json << 400 << "bad-request" << "lines[1].uom";
    QTest::newRow("null uom") << line(R"({"sku":"A","uom":null,"quantity":1})") << json << 400 << "bad-request" << "lines[1].uom";
    QTest::newRow("missing quantity") << line(R"({"sku":"A"})") << json << 400 << "bad-request" << "lines[1].quantity";
    QTest::newRow("quantity as text") << line(R"({"sku":"A","quantity":"5"})") << json << 400 << "bad-request" << "lines[1].quantity";
    QTest::newRow("fractional quantity") << line(R"({"sku":"A","quantity":1.5})") << json << 400 << "bad-request" << "lines[1].quantity";
    QTest::newRow("quantity beyond 64 bits") << line(R"({"sku":"A","quantity":1e30})") << json << 400 << "bad-request" << "lines[1].quantity";
    QTest::newRow("impossible date") << QByteArray(R"({"date":"2026-02-30","lines":[]})") << json << 400 << "bad-request" << "'date'";
    QTest::newRow("date with time") << QByteArray(R"({"date":"2026-02-03T10:00:00Z","lines":[]})") << json << 400 << "bad-request" << "'date'";
    QTest::newRow("short date") << QByteArray(R"({"date":"26-2-3","lines":[]})") << json << 400 << "bad-request" << "'date'";
    QTest::newRow("numeric date") << QByteArray(R"({"date":20260203,"lines":[]})") << json << 400 << "bad-request" << "'date'";
    // clang-format on
}

void tst_PortalPricing::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, slug);
    QFETCH(QString, mentions);

    QList<QPair<QByteArray, QByteArray>> headers{{"Authorization", "Bearer " + m_token.toLatin1()}};
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const HttpResponse r =
        m_client->send("POST", QStringLiteral("/api/v1/pricing/quote"), body, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(r.problemSlug(), slug);
    const QString detail = r.json().value(u"detail").toString();
    QVERIFY2(detail.contains(mentions), qPrintable(detail));
    // The server keeps answering.
    QCOMPARE(quote(R"({"lines":[]})").status, 200);
}

void tst_PortalPricing::forbiddenWithoutPrices()
{
    const QByteArray body(R"({"lines":[{"sku":"HIS-100000","quantity":1}]})");
    const HttpResponse anonymous = m_client->post(QStringLiteral("/api/v1/pricing/quote"), body,
                                                  "application/json", QString());
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.problemSlug(), QStringLiteral("unauthorized"));

    // Cedar Ridge hides prices from its viewers, so they may not ask for quotes either.
    const QString cedarViewer = m_client->accessToken(QStringLiteral("viewer@cedarridge.example"));
    QVERIFY(!cedarViewer.isEmpty());
    const HttpResponse forbidden = quote(body, cedarViewer);
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.problemSlug(), QStringLiteral("forbidden"));
    const QString baysideViewer = m_client->accessToken(QStringLiteral("viewer@bayside.example"));
    QCOMPARE(quote(body, baysideViewer).status, 200);

    const HttpResponse get = m_client->get(QStringLiteral("/api/v1/pricing/quote"), m_token);
    QCOMPARE(get.status, 405);
    QCOMPARE(get.header("Allow"), QByteArray("POST"));
}

void tst_PortalPricing::listPriceFromTheFeed()
{
    // Three base units of products without line rules or discounts cost the lowest price of
    // the base-unit rules valid today whose tier three reaches, as read from the feed.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    QJsonArray lines;
    QList<Decimal> expectedUnit;
    QList<Decimal> expectedList;
    QString currency;
    for (auto it = m_prices.cbegin(); it != m_prices.cend() && lines.size() < 40; ++it) {
        const Product &p = m_products.value(it.key());
        if (p.sku.isEmpty() || p.minOrderQty != 1 || p.orderMultiple != 1 ||
            (p.maxOrderQty > 0 && p.maxOrderQty < 3) || p.discontinued || !it->discounts.isEmpty())
            continue;
        std::optional<Decimal> unit;
        std::optional<Decimal> list;
        for (const PriceRule &r : it->rules) {
            if (r.uom != p.baseUom || r.minQty > 3 || !r.isValidOn(today))
                continue;
            if (!unit || r.unitPrice < *unit)
                unit = r.unitPrice;
            if (r.kind == PriceRule::Kind::List && (!list || r.unitPrice < *list))
                list = r.unitPrice;
        }
        if (!unit)
            continue;
        currency = it->currency;
        lines.append(QJsonObject{{QStringLiteral("sku"), p.sku}, {QStringLiteral("quantity"), 3}});
        expectedUnit << *unit;
        expectedList << list.value_or(*unit);
    }
    QVERIFY2(lines.size() >= 5, "the demo has too few products without line rules");

    const QJsonObject answer = quoteLines(lines);
    QCOMPARE(answer.value(u"currency").toString(), currency);
    const QJsonArray got = answer.value(u"lines").toArray();
    QCOMPARE(got.size(), lines.size());
    Decimal subtotal;
    Decimal savings;
    for (qsizetype i = 0; i < got.size(); ++i) {
        const QJsonObject line = got.at(i).toObject();
        QCOMPARE(line.value(u"sku").toString(), lines.at(i).toObject().value(u"sku").toString());
        QVERIFY(!line.contains(u"problem"));
        QCOMPARE(line.value(u"quantity").toInteger(), 3);
        QCOMPARE(line.value(u"requested_quantity").toInteger(), 3);
        QCOMPARE(line.value(u"base_quantity").toInteger(), 3);
        QCOMPARE(*Decimal::parse(line.value(u"unit_price").toString()), expectedUnit.at(i));
        QCOMPARE(*Decimal::parse(line.value(u"list_unit_price").toString()), expectedList.at(i));
        const Decimal total = expectedUnit.at(i).times(3)->rounded(2);
        const Decimal saved = (expectedList.at(i) - expectedUnit.at(i)).times(3)->rounded(2);
        QCOMPARE(line.value(u"line_total").toString(), total.toString(2));
        QCOMPARE(line.value(u"savings").toString(), saved.toString(2));
        const QString source = line.value(u"rule").toObject().value(u"source").toString();
        QCOMPARE(source,
                 expectedUnit.at(i) < expectedList.at(i) ? QStringLiteral("contract") : source);
        QCOMPARE(line.value(u"adjustments").toArray(), QJsonArray());
        subtotal = subtotal + total;
        savings = savings + saved;
    }
    QCOMPARE(answer.value(u"subtotal").toString(), subtotal.toString(2));
    QCOMPARE(answer.value(u"savings").toString(), savings.toString(2));
}

void tst_PortalPricing::lineRulesAndProblems()
{
    // A product with a minimum above one and a pack other than the base unit.
    const Product *withMinimum = nullptr;
    for (const Product &p : std::as_const(m_products)) {
        if (p.minOrderQty > 1 && !p.discontinued && m_prices.contains(p.sku)) {
            withMinimum = &p;
            break;
        }
    }
    QVERIFY(withMinimum);
    const Product *discontinued = nullptr;
    for (const Product &p : std::as_const(m_products)) {
        if (p.discontinued)
            discontinued = &p;
    }
    const Product &any = m_products.first();
    Pack pack;
    for (const Pack &candidate : any.packs) {
        if (candidate.uom != any.baseUom)
            pack = candidate;
    }
    QVERIFY2(!pack.uom.isEmpty(), "the first product has no pack besides its base unit");

    QJsonArray lines{
        QJsonObject{{QStringLiteral("sku"), withMinimum->sku}, {QStringLiteral("quantity"), 1}},
        QJsonObject{{QStringLiteral("sku"), any.sku},
                    {QStringLiteral("uom"), pack.uom.toLower()},
                    {QStringLiteral("quantity"), 2}},
        QJsonObject{{QStringLiteral("sku"), any.sku},
                    {QStringLiteral("uom"), QStringLiteral("NO-SUCH-UNIT")},
                    {QStringLiteral("quantity"), 1}},
        QJsonObject{{QStringLiteral("sku"), any.sku}, {QStringLiteral("quantity"), 0}},
        QJsonObject{{QStringLiteral("sku"), any.sku}, {QStringLiteral("quantity"), -3}},
        QJsonObject{{QStringLiteral("sku"), QStringLiteral("NO-SUCH-SKU")},
                    {QStringLiteral("quantity"), 1}},
    };
    if (discontinued)
        lines.append(QJsonObject{{QStringLiteral("sku"), discontinued->sku},
                                 {QStringLiteral("quantity"), 1}});
    const QJsonObject answer = quoteLines(lines);
    const QJsonArray got = answer.value(u"lines").toArray();
    QCOMPARE(got.size(), lines.size());

    const QJsonObject raised = got.at(0).toObject();
    QCOMPARE(raised.value(u"requested_quantity").toInteger(), 1);
    QVERIFY(raised.value(u"base_quantity").toInteger() >= withMinimum->minOrderQty);
    QVERIFY(raised.value(u"adjustments").toArray().contains(QStringLiteral("raised-to-minimum")));

    const QJsonObject packLine = got.at(1).toObject();
    QCOMPARE(packLine.value(u"uom").toString(), pack.uom);
    QCOMPARE(packLine.value(u"base_quantity").toInteger(),
             packLine.value(u"quantity").toInteger() * pack.quantity);

    const QStringList problems{QStringLiteral("unknown-unit"), QStringLiteral("invalid-quantity"),
                               QStringLiteral("invalid-quantity"),
                               QStringLiteral("not-in-assortment"), QStringLiteral("discontinued")};
    Decimal pricedTotal = *Decimal::parse(raised.value(u"line_total").toString()) +
                          *Decimal::parse(packLine.value(u"line_total").toString());
    for (qsizetype i = 2; i < got.size(); ++i) {
        const QJsonObject line = got.at(i).toObject();
        QCOMPARE(line.value(u"problem").toString(), problems.at(i - 2));
        QVERIFY(!line.contains(u"rule"));
        QCOMPARE(line.value(u"requested_quantity").toInteger(),
                 lines.at(i).toObject().value(u"quantity").toInteger());
        QCOMPARE(*Decimal::parse(line.value(u"line_total").toString()), Decimal());
    }
    QCOMPARE(*Decimal::parse(answer.value(u"subtotal").toString()), pricedTotal);
}

void tst_PortalPricing::otherAccountsProductsAreNotInTheAssortment()
{
    const QString northgate = m_client->accessToken(QStringLiteral("buyer@northgate.example"));
    const FeedPull theirs = pullFeed(*m_client, northgate, Feed::Products, 1000);
    QVERIFY(theirs.converged());
    QStringList foreign;
    for (const QString &sku : theirs.entries.keys()) {
        if (!m_products.contains(sku))
            foreign << sku;
    }
    QVERIFY(!foreign.isEmpty());
    const QJsonObject answer = quoteLines(
        {QJsonObject{{QStringLiteral("sku"), foreign.first()}, {QStringLiteral("quantity"), 1}}});
    const QJsonObject line = answer.value(u"lines").toArray().at(0).toObject();
    QCOMPARE(line.value(u"problem").toString(), QStringLiteral("not-in-assortment"));
    QCOMPARE(line.value(u"unit_price").toString(), QStringLiteral("0.0000"));
    // And the other way round: Northgate is served its own catalog.
    const HttpResponse r = quote(
        QJsonDocument(QJsonObject{{QStringLiteral("lines"),
                                   QJsonArray{QJsonObject{{QStringLiteral("sku"), foreign.first()},
                                                          {QStringLiteral("quantity"), 1}}}}})
            .toJson(),
        northgate);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(u"lines").toArray().at(0).toObject().value(u"problem").toString() !=
            QStringLiteral("not-in-assortment"));
}

void tst_PortalPricing::dateDefaultsToToday()
{
    const QString before = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    const QJsonObject answer = quoteLines({});
    const QString after = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    const QString date = answer.value(u"date").toString();
    QVERIFY2(date == before || date == after, qPrintable(date));
    QCOMPARE(answer.value(u"lines").toArray().size(), 0);
    QCOMPARE(*Decimal::parse(answer.value(u"subtotal").toString()), Decimal());

    QCOMPARE(quoteLines({}, QStringLiteral("2027-02-28")).value(u"date").toString(),
             QStringLiteral("2027-02-28"));
}

void tst_PortalPricing::hugeIntegersKeepTheirValue()
{
    const QString sku = m_products.firstKey();
    const QByteArray body = R"({"lines":[{"sku":")" + sku.toUtf8() +
                            R"(","quantity":9223372036854775807},{"sku":")" + sku.toUtf8() +
                            R"(","quantity":9007199254740993}]})";
    const HttpResponse r = quote(body);
    QCOMPARE(r.status, 200);
    const QJsonArray lines = r.json().value(u"lines").toArray();
    QCOMPARE(lines.at(0).toObject().value(u"requested_quantity").toInteger(),
             std::numeric_limits<qint64>::max());
    QCOMPARE(lines.at(0).toObject().value(u"problem").toString(), QStringLiteral("overflow"));
    // 2^53 + 1 is not a double; it must arrive as sent.
    QCOMPARE(lines.at(1).toObject().value(u"requested_quantity").toInteger(), 9007199254740993ll);
}

void tst_PortalPricing::maximumLines()
{
    QJsonArray lines;
    const QStringList skus = m_products.keys();
    for (int i = 0; i < 10000; ++i)
        lines.append(QJsonObject{{QStringLiteral("sku"), skus.at(i % skus.size())},
                                 {QStringLiteral("quantity"), 1 + i % 50}});
    QElapsedTimer timer;
    timer.start();
    const QJsonObject answer = quoteLines(lines);
    qInfo("10000-line quote answered in %lld ms", timer.elapsed());
    QCOMPARE(answer.value(u"lines").toArray().size(), 10000);
    QVERIFY(Decimal::parse(answer.value(u"subtotal").toString()).has_value());
}

QTEST_GUILESS_MAIN(tst_PortalPricing)
#include "tst_portalpricing.moc"
