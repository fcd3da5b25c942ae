#include "core/catalog.h"
#include "core/feeds.h"

#include <QJsonDocument>
#include <QTest>

using namespace qm;

namespace {

PriceRule rule(PriceRule::Kind kind, const char *uom, qint64 minQty, const char *price,
               QDate from = {}, QDate to = {})
{
    PriceRule r;
    r.kind = kind;
    r.uom = QString::fromLatin1(uom);
    r.minQty = minQty;
    r.unitPrice = *Decimal::parse(QString::fromLatin1(price));
    r.validFrom = from;
    r.validTo = to;
    return r;
}

// Parses `json` with `T::fromJson` from a QJsonObject and from a jsontext::Value (as a sync
// reads it), and checks that both agree: the same value, or the same error.
template<typename T>
std::optional<T> readBoth(const QByteArray &json, QString *error)
{
    QString qtError;
    const auto fromQt = T::fromJson(QJsonDocument::fromJson(json).object(), &qtError);
    const auto doc = jsontext::Document::parse(json, error);
    if (!doc) {
        QTest::qFail("not JSON", __FILE__, __LINE__);
        return std::nullopt;
    }
    const auto fromText = T::fromJson(doc->root(), error);
    if (fromQt.has_value() != fromText.has_value() || *error != qtError ||
        (fromQt && fromQt->toJson() != fromText->toJson())) {
        QTest::qFail(
            qPrintable(QStringLiteral("the readers disagree: '%1' and '%2'").arg(qtError, *error)),
            __FILE__, __LINE__);
        return std::nullopt;
    }
    return fromText;
}

QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

constexpr auto List = PriceRule::Kind::List;
constexpr auto Contract = PriceRule::Kind::Contract;

} // namespace

class tst_Catalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void productRoundTrip();
    void productRejects_data();
    void productRejects();
    void pricesAndStockReject_data();
    void pricesAndStockReject();
    void resolvePrice_data();
    void resolvePrice();
    void stockRoundTrip();
};

void tst_Catalog::productRoundTrip()
{
    Product p;
    p.sku = QStringLiteral("HIS-FAS-000123");
    p.name = QStringLiteral("Hex bolt, stainless A4-80 (316), M8 \u00d7 40 mm, DIN 933");
    p.brand = QStringLiteral("Harbor Pro");
    p.categoryCode = QStringLiteral("FAS-BOLT");
    p.categoryPath = {QStringLiteral("Fasteners"), QStringLiteral("Bolts")};
    p.attributes.insert(QStringLiteral("material"), QStringLiteral("Stainless steel A4-80 (316)"));
    p.orderMultiple = 100;
    p.packs = {
        Pack{QStringLiteral("EA"), QStringLiteral("Each"), 1, QStringLiteral("4006381333931")},
        Pack{QStringLiteral("BX"), QStringLiteral("Box"), 100, QStringLiteral("14006381333938")}};
    QString error;
    const auto back = readBoth<Product>(text(p.toJson()), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->toJson(), p.toJson());
    QCOMPARE(back->packs, p.packs);
    QCOMPARE(back->categoryPath, p.categoryPath);
}

void tst_Catalog::productRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    const QByteArray packs = R"("packs":[{"uom":"EA","name":"Each","quantity":1,"gtin":""}])";
    QTest::newRow("no sku") << QByteArray(R"({"name":"x","base_uom":"EA",)" + packs + "}") << "sku";
    QTest::newRow("no packs") << QByteArray(R"({"sku":"A","name":"x","base_uom":"EA","packs":[]})")
                              << "packs";
    QTest::newRow("pack quantity zero")
        << QByteArray(
               R"({"sku":"A","name":"x","base_uom":"EA","packs":[{"uom":"EA","name":"Each","quantity":0}]})")
        << "quantity";
    QTest::newRow("fractional multiple")
        << QByteArray(R"({"sku":"A","name":"x","base_uom":"EA","order_multiple":1.5,)" + packs +
                      "}")
        << "order_multiple";
    QTest::newRow("attribute not string")
        << QByteArray(R"({"sku":"A","name":"x","base_uom":"EA","attributes":{"a":1},)" + packs +
                      "}")
        << "attribute";
}

void tst_Catalog::productRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!readBoth<Product>(json, &error).has_value());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void tst_Catalog::pricesAndStockReject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("prices"); // else stock
    QTest::addColumn<QString>("mentions");
    const QByteArray rule = R"({"kind":"list","uom":"EA","min_qty":1,"unit_price":"1.20"})";
    QTest::newRow("prices: no rules")
        << QByteArray(R"({"sku":"A","currency":"USD"})") << true << "'rules' must be an array";
    QTest::newRow("prices: no currency")
        << QByteArray(R"({"sku":"A","rules":[]})") << true << "'currency'";
    QTest::newRow("prices: unknown kind")
        << QByteArray(
               R"({"sku":"A","currency":"USD","rules":[{"kind":"net","uom":"EA","min_qty":1,"unit_price":"1"}]})")
        << true << "unknown price kind 'net'";
    QTest::newRow("prices: negative price")
        << QByteArray(
               R"({"sku":"A","currency":"USD","rules":[{"kind":"list","uom":"EA","min_qty":1,"unit_price":"-1"}]})")
        << true << "not a valid unit price";
    QTest::newRow("prices: bad date")
        << QByteArray(
               R"({"sku":"A","currency":"USD","rules":[{"kind":"list","uom":"EA","min_qty":1,"unit_price":"1","valid_from":"2026-13-01"}]})")
        << true << "'valid_from' must be a date";
    QTest::newRow("prices: min_qty as text")
        << QByteArray(
               R"({"sku":"A","currency":"USD","rules":[{"kind":"list","uom":"EA","min_qty":"1","unit_price":"1"}]})")
        << true << "'min_qty' must be an integer >= 1";
    QTest::newRow("prices: discounts not an array")
        << QByteArray(R"({"sku":"A","currency":"USD","rules":[)" + rule + R"(],"discounts":{}})")
        << true << "'discounts' must be an array";
    QTest::newRow("prices: discount above 100")
        << QByteArray(
               R"({"sku":"A","currency":"USD","rules":[],"discounts":[{"category":"C","percent":"100.5"}]})")
        << true << "between 0 and 100";
    QTest::newRow("stock: warehouses missing")
        << QByteArray(R"({"sku":"A"})") << false << "'warehouses' must be an array";
    QTest::newRow("stock: negative on hand")
        << QByteArray(
               R"({"sku":"A","warehouses":[{"warehouse":"CHI","on_hand":-1,"lead_time_days":2}]})")
        << false << "'on_hand' must be an integer >= 0";
    QTest::newRow("stock: level not an object")
        << QByteArray(R"({"sku":"A","warehouses":[7]})") << false << "'warehouse'";
}

void tst_Catalog::pricesAndStockReject()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, prices);
    QFETCH(QString, mentions);
    QString error;
    if (prices)
        QVERIFY(!readBoth<ProductPrices>(json, &error).has_value());
    else
        QVERIFY(!readBoth<ProductStock>(json, &error).has_value());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void tst_Catalog::resolvePrice_data()
{
    QTest::addColumn<QList<PriceRule>>("rules");
    QTest::addColumn<QString>("uom");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("expected"); // empty: no price

    const QDate today(2026, 11, 25);
    const QList<PriceRule> tiers{rule(List, "EA", 1, "1.2000"), rule(List, "EA", 100, "1.0500"),
                                 rule(List, "EA", 1000, "0.9000")};
    QTest::newRow("tier 1") << tiers << "EA" << qint64(1) << today << "1.2000";
    QTest::newRow("just below tier 2") << tiers << "EA" << qint64(99) << today << "1.2000";
    QTest::newRow("at tier 2") << tiers << "EA" << qint64(100) << today << "1.0500";
    QTest::newRow("at tier 3") << tiers << "EA" << qint64(1000) << today << "0.9000";
    QTest::newRow("other unit") << tiers << "BX" << qint64(1) << today << "";

    QList<PriceRule> contract = tiers;
    contract << rule(Contract, "EA", 1, "1.1000", QDate(2026, 1, 1), QDate(2026, 12, 31));
    QTest::newRow("contract beats list") << contract << "EA" << qint64(1) << today << "1.1000";
    QTest::newRow("cheaper tier beats contract")
        << contract << "EA" << qint64(100) << today << "1.0500";
    QTest::newRow("contract expired")
        << contract << "EA" << qint64(1) << QDate(2027, 1, 1) << "1.2000";
    QTest::newRow("contract last day inclusive")
        << contract << "EA" << qint64(1) << QDate(2026, 12, 31) << "1.1000";

    QList<PriceRule> future = tiers;
    future << rule(List, "EA", 1, "1.1500", QDate(2026, 11, 30));
    QTest::newRow("future price not yet") << future << "EA" << qint64(1) << today << "1.2000";
    QTest::newRow("future price from its day")
        << future << "EA" << qint64(1) << QDate(2026, 11, 30) << "1.1500";

    QList<PriceRule> tie{rule(List, "EA", 1, "1.0000"), rule(Contract, "EA", 1, "1.0000")};
    QTest::newRow("tie prefers contract") << tie << "EA" << qint64(1) << today << "contract";
}

void tst_Catalog::resolvePrice()
{
    QFETCH(QList<PriceRule>, rules);
    QFETCH(QString, uom);
    QFETCH(qint64, qty);
    QFETCH(QDate, day);
    QFETCH(QString, expected);
    const auto quote = qm::resolvePrice(rules, uom, qty, day);
    if (expected.isEmpty()) {
        QVERIFY(!quote.has_value());
    } else if (expected == u"contract") {
        QVERIFY(quote.has_value());
        QCOMPARE(quote->rule.kind, Contract);
    } else {
        QVERIFY(quote.has_value());
        QCOMPARE(quote->unitPrice.toString(), expected);
    }
}

void tst_Catalog::stockRoundTrip()
{
    ProductStock s;
    s.sku = QStringLiteral("A");
    StockLevel l;
    l.warehouse = QStringLiteral("CHI");
    l.warehouseName = QStringLiteral("Chicago, IL");
    l.onHand = 40;
    l.leadTimeDays = 3;
    l.nextReceiptDate = QDate(2026, 12, 2);
    l.nextReceiptQty = 500;
    s.levels << l;
    s.levels << StockLevel{QStringLiteral("ATL"), QStringLiteral("Atlanta, GA"), 2, 5, {}, 0};
    QString error;
    const auto back = readBoth<ProductStock>(text(s.toJson()), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->toJson(), s.toJson());
    QCOMPARE(back->totalOnHand(), 42);
}

QTEST_APPLESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"
