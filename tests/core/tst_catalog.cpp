#include "core/catalog.h"

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
    const auto back = Product::fromJson(p.toJson(), &error);
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
    QVERIFY(!Product::fromJson(QJsonDocument::fromJson(json).object(), &error).has_value());
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
    const auto back = ProductStock::fromJson(s.toJson(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->toJson(), s.toJson());
    QCOMPARE(back->totalOnHand(), 42);
}

QTEST_APPLESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"
