#include "core/pricing.h"

#include <QTest>

#include <limits>

using namespace qm;
using namespace qm::pricing;

namespace {

Decimal dec(const char *text)
{
    const auto d = Decimal::parse(QString::fromLatin1(text));
    Q_ASSERT(d);
    return *d;
}

PriceRule rule(PriceRule::Kind kind, const char *uom, qint64 minQty, const char *price,
               QDate from = {}, QDate to = {})
{
    PriceRule r;
    r.kind = kind;
    r.uom = QString::fromLatin1(uom);
    r.minQty = minQty;
    r.unitPrice = dec(price);
    r.validFrom = from;
    r.validTo = to;
    return r;
}

CategoryDiscount discount(const char *category, const char *percent, QDate from = {}, QDate to = {})
{
    CategoryDiscount d;
    d.category = QString::fromLatin1(category);
    d.percent = dec(percent);
    d.validFrom = from;
    d.validTo = to;
    return d;
}

constexpr auto List = PriceRule::Kind::List;
constexpr auto Contract = PriceRule::Kind::Contract;

// A bolt sold by the each (base unit), box of 10, case of 100 and pallet of 1200.
Product bolt(qint64 minQty = 1, qint64 multiple = 1, qint64 maxQty = 0)
{
    Product p;
    p.sku = QStringLiteral("BOLT-1");
    p.name = QStringLiteral("Hex bolt M8 x 40");
    p.categoryCode = QStringLiteral("FAS-BOLT");
    p.baseUom = QStringLiteral("EA");
    p.minOrderQty = minQty;
    p.orderMultiple = multiple;
    p.maxOrderQty = maxQty;
    p.packs = {Pack{QStringLiteral("EA"), QStringLiteral("Each"), 1, {}},
               Pack{QStringLiteral("BX"), QStringLiteral("Box"), 10, {}},
               Pack{QStringLiteral("CS"), QStringLiteral("Case"), 100, {}},
               Pack{QStringLiteral("PL"), QStringLiteral("Pallet"), 1200, {}}};
    return p;
}

ItemTerms terms(const QList<PriceRule> &rules, const QList<CategoryDiscount> &discounts = {},
                const QString &currency = QStringLiteral("USD"), const Product &product = bolt())
{
    ItemTerms t;
    t.product = product;
    t.prices.sku = product.sku;
    t.prices.currency = currency;
    t.prices.rules = rules;
    t.prices.discounts = discounts;
    return t;
}

LineRequest request(const char *uom, qint64 qty)
{
    return LineRequest{QStringLiteral("BOLT-1"), QString::fromLatin1(uom), qty};
}

QStringList adjustmentNames(const PricedLine &line)
{
    QStringList names;
    for (Adjustment a : line.adjustments)
        names << adjustmentName(a);
    return names;
}

const QDate Day(2026, 3, 10);

} // namespace

class tst_Pricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tiers_data();
    void tiers();
    void effectiveDates_data();
    void effectiveDates();
    void lineRules_data();
    void lineRules();
    void unitConversion_data();
    void unitConversion();
    void baseUnitWithoutPack();
    void discounts_data();
    void discounts();
    void rounding_data();
    void rounding();
    void problems_data();
    void problems();
    void totals();
    void totalsOverflow();
    void names();
    void findPack_data();
    void findPack();
};

void tst_Pricing::tiers_data()
{
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<qint64>("tier");
    QTest::addColumn<QString>("total");

    QTest::newRow("first tier") << qint64(1) << "2.0000" << qint64(1) << "2.00";
    QTest::newRow("one below the second tier") << qint64(9) << "2.0000" << qint64(1) << "18.00";
    QTest::newRow("at the second tier") << qint64(10) << "1.8000" << qint64(10) << "18.00";
    QTest::newRow("one above the second tier") << qint64(11) << "1.8000" << qint64(10) << "19.80";
    QTest::newRow("one below the third tier") << qint64(99) << "1.8000" << qint64(10) << "178.20";
    QTest::newRow("at the third tier") << qint64(100) << "1.5000" << qint64(100) << "150.00";
    QTest::newRow("one above the third tier") << qint64(101) << "1.5000" << qint64(100) << "151.50";
}

void tst_Pricing::tiers()
{
    QFETCH(qint64, qty);
    QFETCH(QString, unit);
    QFETCH(qint64, tier);
    QFETCH(QString, total);
    const ItemTerms t = terms({rule(List, "EA", 100, "1.5000"), rule(List, "EA", 1, "2.0000"),
                               rule(List, "EA", 10, "1.8000")});
    const PricedLine line = priceLine(t, request("EA", qty), Day);
    QVERIFY(line.isPriced());
    QCOMPARE(line.quantity, qty);
    QCOMPARE(line.unitPrice.toString(), unit);
    QCOMPARE(line.listUnitPrice.toString(), unit);
    QCOMPARE(line.rule.minQty, tier);
    QCOMPARE(line.rule.source, AppliedRule::Source::List);
    QCOMPARE(line.lineTotal.toString(2), total);
    QCOMPARE(line.savings.toString(2), QStringLiteral("0.00"));
}

void tst_Pricing::effectiveDates_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("savings");

    // Contract 1.7000 from 2026-03-10 to 2026-03-20; a new list price 1.9000 from 2026-04-01.
    QTest::newRow("day before validFrom") << QDate(2026, 3, 9) << "2.0000"
                                          << "list"
                                          << "0.00";
    QTest::newRow("day of validFrom") << QDate(2026, 3, 10) << "1.7000"
                                      << "contract"
                                      << "0.90";
    QTest::newRow("day after validFrom") << QDate(2026, 3, 11) << "1.7000"
                                         << "contract"
                                         << "0.90";
    QTest::newRow("day before validTo") << QDate(2026, 3, 19) << "1.7000"
                                        << "contract"
                                        << "0.90";
    QTest::newRow("day of validTo") << QDate(2026, 3, 20) << "1.7000"
                                    << "contract"
                                    << "0.90";
    QTest::newRow("day after validTo") << QDate(2026, 3, 21) << "2.0000"
                                       << "list"
                                       << "0.00";
    QTest::newRow("last day of the old list") << QDate(2026, 3, 31) << "2.0000"
                                              << "list"
                                              << "0.00";
    QTest::newRow("first day of the new list") << QDate(2026, 4, 1) << "1.9000"
                                               << "list"
                                               << "0.00";
}

void tst_Pricing::effectiveDates()
{
    QFETCH(QDate, day);
    QFETCH(QString, unit);
    QFETCH(QString, source);
    QFETCH(QString, savings);
    const ItemTerms t =
        terms({rule(List, "EA", 1, "2.0000", {}, QDate(2026, 3, 31)),
               rule(List, "EA", 1, "1.9000", QDate(2026, 4, 1)),
               rule(Contract, "EA", 1, "1.7000", QDate(2026, 3, 10), QDate(2026, 3, 20))});
    const PricedLine line = priceLine(t, request("EA", 3), day);
    QVERIFY(line.isPriced());
    QCOMPARE(line.unitPrice.toString(), unit);
    QCOMPARE(sourceName(line.rule.source), source);
    QCOMPARE(line.savings.toString(2), savings);
}

void tst_Pricing::lineRules_data()
{
    QTest::addColumn<qint64>("minQty");
    QTest::addColumn<qint64>("multiple");
    QTest::addColumn<qint64>("maxQty");
    QTest::addColumn<QString>("uom");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("expectedUom");
    QTest::addColumn<qint64>("expectedQty");
    QTest::addColumn<qint64>("expectedBase");
    QTest::addColumn<QStringList>("adjustments");
    QTest::addColumn<QString>("problem");

    const QStringList none;
    const QStringList raised{QStringLiteral("raised-to-minimum")};
    const QStringList rounded{QStringLiteral("rounded-to-multiple")};
    const QStringList capped{QStringLiteral("capped-at-maximum")};
    const QString ok = QStringLiteral("none");

    // clang-format off
    QTest::newRow("no rules") << 1ll << 1ll << 0ll << "EA" << 5ll << "EA" << 5ll << 5ll << none << ok;
    QTest::newRow("empty unit is the base unit") << 1ll << 1ll << 0ll << "" << 5ll << "EA" << 5ll << 5ll << none << ok;
    QTest::newRow("unit case-insensitive") << 1ll << 1ll << 0ll << "bx" << 2ll << "BX" << 2ll << 20ll << none << ok;
    QTest::newRow("below minimum") << 50ll << 1ll << 0ll << "EA" << 20ll << "EA" << 50ll << 50ll << raised << ok;
    QTest::newRow("one below minimum") << 50ll << 1ll << 0ll << "EA" << 49ll << "EA" << 50ll << 50ll << raised << ok;
    QTest::newRow("at minimum") << 50ll << 1ll << 0ll << "EA" << 50ll << "EA" << 50ll << 50ll << none << ok;
    QTest::newRow("below minimum in boxes") << 25ll << 1ll << 0ll << "BX" << 2ll << "BX" << 3ll << 30ll << raised << ok;
    QTest::newRow("one pallet above minimum") << 25ll << 1ll << 0ll << "PL" << 1ll << "PL" << 1ll << 1200ll << none << ok;
    QTest::newRow("not a multiple") << 1ll << 6ll << 0ll << "EA" << 7ll << "EA" << 12ll << 12ll << rounded << ok;
    QTest::newRow("one below a multiple") << 1ll << 6ll << 0ll << "EA" << 11ll << "EA" << 12ll << 12ll << rounded << ok;
    QTest::newRow("a multiple") << 1ll << 6ll << 0ll << "EA" << 12ll << "EA" << 12ll << 12ll << none << ok;
    QTest::newRow("multiple 25, one box") << 1ll << 25ll << 0ll << "BX" << 1ll << "BX" << 5ll << 50ll << rounded << ok;
    QTest::newRow("multiple 25, three boxes") << 1ll << 25ll << 0ll << "BX" << 3ll << "BX" << 5ll << 50ll << rounded << ok;
    QTest::newRow("multiple 25, five boxes") << 1ll << 25ll << 0ll << "BX" << 5ll << "BX" << 5ll << 50ll << none << ok;
    QTest::newRow("multiple 4, three boxes") << 1ll << 4ll << 0ll << "BX" << 3ll << "BX" << 4ll << 40ll << rounded << ok;
    QTest::newRow("multiple divides the box") << 1ll << 5ll << 0ll << "BX" << 3ll << "BX" << 3ll << 30ll << none << ok;
    QTest::newRow("minimum then multiple") << 50ll << 12ll << 0ll << "EA" << 1ll << "EA" << 60ll << 60ll << (raised + rounded) << ok;
    QTest::newRow("minimum is a multiple") << 48ll << 12ll << 0ll << "EA" << 1ll << "EA" << 48ll << 48ll << raised << ok;
    QTest::newRow("above maximum") << 1ll << 1ll << 500ll << "EA" << 600ll << "EA" << 500ll << 500ll << capped << ok;
    QTest::newRow("one above maximum") << 1ll << 1ll << 500ll << "EA" << 501ll << "EA" << 500ll << 500ll << capped << ok;
    QTest::newRow("at maximum") << 1ll << 1ll << 500ll << "EA" << 500ll << "EA" << 500ll << 500ll << none << ok;
    QTest::newRow("maximum keeps the multiple") << 1ll << 12ll << 500ll << "EA" << 600ll << "EA" << 492ll << 492ll << capped << ok;
    QTest::newRow("maximum in boxes") << 1ll << 1ll << 95ll << "BX" << 12ll << "BX" << 9ll << 90ll << capped << ok;
    QTest::newRow("maximum, multiple and boxes") << 1ll << 25ll << 240ll << "BX" << 30ll << "BX" << 20ll << 200ll << capped << ok;
    QTest::newRow("rounding passes the maximum") << 1ll << 12ll << 100ll << "EA" << 97ll << "EA" << 96ll << 96ll << (rounded + capped) << ok;
    QTest::newRow("minimum and multiple under the maximum") << 30ll << 12ll << 100ll << "BX" << 1ll << "BX" << 6ll << 60ll << (raised + rounded) << ok;
    QTest::newRow("pallet above maximum") << 1ll << 1ll << 1000ll << "PL" << 1ll << "PL" << 1ll << 1200ll << none << "no-valid-quantity";
    QTest::newRow("maximum below minimum") << 50ll << 1ll << 40ll << "EA" << 10ll << "EA" << 50ll << 50ll << raised << "no-valid-quantity";
    QTest::newRow("no multiple under the maximum") << 1ll << 30ll << 20ll << "EA" << 25ll << "EA" << 30ll << 30ll << rounded << "no-valid-quantity";
    // clang-format on
}

void tst_Pricing::lineRules()
{
    QFETCH(qint64, minQty);
    QFETCH(qint64, multiple);
    QFETCH(qint64, maxQty);
    QFETCH(QString, uom);
    QFETCH(qint64, qty);
    QFETCH(QString, expectedUom);
    QFETCH(qint64, expectedQty);
    QFETCH(qint64, expectedBase);
    QFETCH(QStringList, adjustments);
    QFETCH(QString, problem);

    const ItemTerms t = terms({rule(List, "EA", 1, "0.1000")}, {}, QStringLiteral("USD"),
                              bolt(minQty, multiple, maxQty));
    const LineRequest req{QStringLiteral("BOLT-1"), uom, qty};
    const PricedLine line = priceLine(t, req, Day);
    QCOMPARE(problemName(line.problem), problem);
    QCOMPARE(line.uom, expectedUom);
    QCOMPARE(line.quantity, expectedQty);
    QCOMPARE(line.baseQuantity, expectedBase);
    QCOMPARE(adjustmentNames(line), adjustments);
    QCOMPARE(line.request.quantity, qty);
    QCOMPARE(line.request.uom, uom);
    if (line.isPriced()) {
        // 0.1000 per each, whatever the pack: the total follows the adjusted quantity.
        QCOMPARE(line.lineTotal, Decimal::fromUnits(expectedBase * 1000).rounded(2));
    } else {
        QCOMPARE(line.lineTotal, Decimal());
        QCOMPARE(line.unitPrice, Decimal());
    }
}

void tst_Pricing::unitConversion_data()
{
    QTest::addColumn<QList<PriceRule>>("rules");
    QTest::addColumn<QString>("uom");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("ruleUom");
    QTest::addColumn<qint64>("ruleTier");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("savings");

    const QList<PriceRule> rules{rule(List, "EA", 1, "0.5000"), rule(List, "EA", 1000, "0.4000"),
                                 rule(List, "BX", 1, "4.8000"), rule(Contract, "CS", 1, "45.0000")};
    // clang-format off
    QTest::newRow("box rule beats converted each") << rules << "BX" << 1ll << "4.8000" << "4.8000" << "list" << "BX" << 1ll << "4.80" << "0.00";
    QTest::newRow("each tier one box below") << rules << "BX" << 99ll << "4.8000" << "4.8000" << "list" << "BX" << 1ll << "475.20" << "0.00";
    QTest::newRow("each tier reached in boxes") << rules << "BX" << 100ll << "4.0000" << "4.0000" << "list" << "EA" << 1000ll << "400.00" << "0.00";
    QTest::newRow("case contract beats converted list") << rules << "CS" << 1ll << "45.0000" << "50.0000" << "contract" << "CS" << 1ll << "45.00" << "5.00";
    QTest::newRow("converted tier beats case contract") << rules << "CS" << 10ll << "40.0000" << "40.0000" << "list" << "EA" << 1000ll << "400.00" << "0.00";
    QTest::newRow("pallet from each tier") << rules << "PL" << 1ll << "480.0000" << "480.0000" << "list" << "EA" << 1000ll << "480.00" << "0.00";
    QTest::newRow("each in each") << rules << "EA" << 999ll << "0.5000" << "0.5000" << "list" << "EA" << 1ll << "499.50" << "0.00";
    QTest::newRow("pack rule not used for base unit") << QList<PriceRule>{rule(List, "BX", 1, "1.0000"), rule(List, "EA", 1, "0.5000")} << "EA" << 10ll << "0.5000" << "0.5000" << "list" << "EA" << 1ll << "5.00" << "0.00";
    QTest::newRow("other pack's rule ignored") << QList<PriceRule>{rule(List, "CS", 1, "1.0000"), rule(List, "EA", 1, "0.5000")} << "BX" << 1ll << "5.0000" << "5.0000" << "list" << "EA" << 1ll << "5.00" << "0.00";
    QTest::newRow("tie: higher tier wins") << QList<PriceRule>{rule(List, "EA", 1, "0.5000"), rule(List, "BX", 1, "5.0000")} << "BX" << 1ll << "5.0000" << "5.0000" << "list" << "BX" << 1ll << "5.00" << "0.00";
    QTest::newRow("tie: higher tier wins, base") << QList<PriceRule>{rule(List, "EA", 20, "0.5000"), rule(List, "BX", 1, "5.0000")} << "BX" << 2ll << "5.0000" << "5.0000" << "list" << "EA" << 20ll << "10.00" << "0.00";
    QTest::newRow("tie: own unit wins") << QList<PriceRule>{rule(List, "EA", 10, "0.5000"), rule(List, "BX", 1, "5.0000")} << "BX" << 1ll << "5.0000" << "5.0000" << "list" << "BX" << 1ll << "5.00" << "0.00";
    QTest::newRow("tie: contract wins across units") << QList<PriceRule>{rule(Contract, "EA", 1, "0.5000"), rule(List, "BX", 1, "5.0000")} << "BX" << 1ll << "5.0000" << "5.0000" << "contract" << "EA" << 1ll << "5.00" << "0.00";
    QTest::newRow("rule unit case-insensitive") << QList<PriceRule>{rule(List, "bx", 1, "4.0000"), rule(List, "EA", 1, "0.5000")} << "BX" << 1ll << "4.0000" << "4.0000" << "list" << "bx" << 1ll << "4.00" << "0.00";
    // clang-format on
}

void tst_Pricing::unitConversion()
{
    QFETCH(QList<PriceRule>, rules);
    QFETCH(QString, uom);
    QFETCH(qint64, qty);
    QFETCH(QString, unit);
    QFETCH(QString, list);
    QFETCH(QString, source);
    QFETCH(QString, ruleUom);
    QFETCH(qint64, ruleTier);
    QFETCH(QString, total);
    QFETCH(QString, savings);

    const PricedLine line =
        priceLine(terms(rules), LineRequest{QStringLiteral("BOLT-1"), uom, qty}, Day);
    QVERIFY2(line.isPriced(), qPrintable(problemName(line.problem)));
    QCOMPARE(line.unitPrice.toString(), unit);
    QCOMPARE(line.listUnitPrice.toString(), list);
    QCOMPARE(sourceName(line.rule.source), source);
    QCOMPARE(line.rule.uom, ruleUom);
    QCOMPARE(line.rule.minQty, ruleTier);
    QCOMPARE(line.lineTotal.toString(2), total);
    QCOMPARE(line.savings.toString(2), savings);
}

void tst_Pricing::baseUnitWithoutPack()
{
    Product p = bolt();
    p.packs = {Pack{QStringLiteral("BX"), QStringLiteral("Box"), 10, {}}};
    const ItemTerms t = terms({rule(List, "EA", 1, "0.3000")}, {}, QStringLiteral("USD"), p);
    for (const char *uom : {"", "EA", "ea"}) {
        const PricedLine line = priceLine(t, request(uom, 3), Day);
        QVERIFY(line.isPriced());
        QCOMPARE(line.uom, QStringLiteral("EA"));
        QCOMPARE(line.baseQuantity, qint64(3));
        QCOMPARE(line.lineTotal.toString(2), QStringLiteral("0.90"));
    }
    const PricedLine box = priceLine(t, request("BX", 2), Day);
    QCOMPARE(box.baseQuantity, qint64(20));
    QCOMPARE(box.unitPrice.toString(), QStringLiteral("3.0000"));
}

void tst_Pricing::discounts_data()
{
    QTest::addColumn<QList<PriceRule>>("rules");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("percent");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("savings");

    const QList<PriceRule> list{rule(List, "EA", 1, "10.0000"), rule(List, "EA", 100, "9.0000")};
    QList<PriceRule> contract = list;
    contract << rule(Contract, "EA", 1, "8.5000");
    QList<PriceRule> equalContract = list;
    equalContract << rule(Contract, "EA", 1, "9.0000");
    const QList<PriceRule> contractOnly{rule(Contract, "EA", 1, "8.5000")};
    // Discounts: FAS 10 % in March; FAS-BOLT 12.5 % from 15 March; FAS-OLD 50 % in January
    // and February (see discounts()).
    // clang-format off
    QTest::newRow("valid discount") << list << QDate(2026, 3, 10) << 1ll << "9.0000" << "10.0000" << "category-discount" << "10" << "FAS" << "9.00" << "1.00";
    QTest::newRow("first day of a discount") << list << QDate(2026, 3, 1) << 1ll << "9.0000" << "10.0000" << "category-discount" << "10" << "FAS" << "9.00" << "1.00";
    QTest::newRow("last day of a discount") << list << QDate(2026, 2, 28) << 1ll << "5.0000" << "10.0000" << "category-discount" << "50" << "FAS-OLD" << "5.00" << "5.00";
    QTest::newRow("largest of two wins") << list << QDate(2026, 3, 20) << 1ll << "8.7500" << "10.0000" << "category-discount" << "12.5" << "FAS-BOLT" << "8.75" << "1.25";
    QTest::newRow("expired and future ignored") << list << QDate(2026, 3, 14) << 1ll << "9.0000" << "10.0000" << "category-discount" << "10" << "FAS" << "9.00" << "1.00";
    QTest::newRow("after the March discount") << list << QDate(2026, 4, 1) << 1ll << "8.7500" << "10.0000" << "category-discount" << "12.5" << "FAS-BOLT" << "8.75" << "1.25";
    QTest::newRow("discount on the tier price") << list << QDate(2026, 3, 10) << 100ll << "8.1000" << "9.0000" << "category-discount" << "10" << "FAS" << "810.00" << "90.00";
    QTest::newRow("no discount valid") << list << QDate(2025, 12, 31) << 1ll << "10.0000" << "10.0000" << "list" << "0" << "" << "10.00" << "0.00";
    QTest::newRow("contract beats a smaller discount") << contract << QDate(2026, 3, 10) << 1ll << "8.5000" << "10.0000" << "contract" << "0" << "" << "8.50" << "1.50";
    QTest::newRow("contract beats 12.5 %") << contract << QDate(2026, 3, 20) << 1ll << "8.5000" << "10.0000" << "contract" << "0" << "" << "8.50" << "1.50";
    QTest::newRow("discounted tier beats contract") << contract << QDate(2026, 3, 20) << 100ll << "7.8750" << "9.0000" << "category-discount" << "12.5" << "FAS-BOLT" << "787.50" << "112.50";
    QTest::newRow("contract wins a tie with a discount") << equalContract << QDate(2026, 3, 10) << 1ll << "9.0000" << "10.0000" << "contract" << "0" << "" << "9.00" << "1.00";
    QTest::newRow("no list price, no discount") << contractOnly << QDate(2026, 3, 20) << 1ll << "8.5000" << "8.5000" << "contract" << "0" << "" << "8.50" << "0.00";
    // clang-format on
}

void tst_Pricing::discounts()
{
    QFETCH(QList<PriceRule>, rules);
    QFETCH(QDate, day);
    QFETCH(qint64, qty);
    QFETCH(QString, unit);
    QFETCH(QString, list);
    QFETCH(QString, source);
    QFETCH(QString, percent);
    QFETCH(QString, category);
    QFETCH(QString, total);
    QFETCH(QString, savings);

    const QList<CategoryDiscount> discounts{
        discount("FAS", "10", QDate(2026, 3, 1), QDate(2026, 3, 31)),
        discount("FAS-BOLT", "12.5", QDate(2026, 3, 15)),
        discount("FAS-OLD", "50", QDate(2026, 1, 1), QDate(2026, 2, 28))};
    const PricedLine line = priceLine(terms(rules, discounts), request("EA", qty), day);
    QVERIFY(line.isPriced());
    QCOMPARE(line.unitPrice.toString(), unit);
    QCOMPARE(line.listUnitPrice.toString(), list);
    QCOMPARE(sourceName(line.rule.source), source);
    QCOMPARE(line.rule.percent.toString(0), percent);
    QCOMPARE(line.rule.category, category);
    QCOMPARE(line.lineTotal.toString(2), total);
    QCOMPARE(line.savings.toString(2), savings);
}

void tst_Pricing::rounding_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("listPrice");
    QTest::addColumn<QString>("contractPrice"); // empty: none
    QTest::addColumn<QString>("percent");       // empty: no discount
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("savings");

    // clang-format off
    QTest::newRow("USD half up") << "USD" << "0.1250" << "" << "" << 1ll << "0.1250" << "0.13" << "0";
    QTest::newRow("USD just below half") << "USD" << "0.1249" << "" << "" << 1ll << "0.1249" << "0.12" << "0";
    QTest::newRow("USD half of a cent") << "USD" << "0.0050" << "" << "" << 1ll << "0.0050" << "0.01" << "0";
    QTest::newRow("USD below half a cent") << "USD" << "0.0049" << "" << "" << 1ll << "0.0049" << "0" << "0";
    QTest::newRow("USD after multiplying") << "USD" << "0.3333" << "" << "" << 3ll << "0.3333" << "1" << "0";
    QTest::newRow("USD savings rounded") << "USD" << "1.0000" << "0.9950" << "" << 1ll << "0.9950" << "1" << "0.01";
    QTest::newRow("unknown currency as 2 digits") << "XYZ" << "0.1250" << "" << "" << 1ll << "0.1250" << "0.13" << "0";
    QTest::newRow("JPY half up") << "JPY" << "12.5000" << "" << "" << 1ll << "12.5000" << "13" << "0";
    QTest::newRow("JPY below half") << "JPY" << "12.4999" << "" << "" << 1ll << "12.4999" << "12" << "0";
    QTest::newRow("JPY after multiplying") << "JPY" << "0.5000" << "" << "" << 3ll << "0.5000" << "2" << "0";
    QTest::newRow("JPY savings") << "JPY" << "100.0000" << "99.5000" << "" << 1ll << "99.5000" << "100" << "1";
    QTest::newRow("KWD half up") << "KWD" << "1.2345" << "" << "" << 1ll << "1.2345" << "1.235" << "0";
    QTest::newRow("KWD below half") << "KWD" << "1.2344" << "" << "" << 1ll << "1.2344" << "1.234" << "0";
    QTest::newRow("KWD smallest half") << "KWD" << "0.0005" << "" << "" << 1ll << "0.0005" << "0.001" << "0";
    QTest::newRow("discount to 4 digits half up") << "USD" << "0.0015" << "" << "50" << 1000ll << "0.0008" << "0.8" << "0.7";
    QTest::newRow("discount to 4 digits down") << "USD" << "1.0000" << "" << "33.3333" << 1ll << "0.6667" << "0.67" << "0.33";
    QTest::newRow("discount 100 %") << "USD" << "2.0000" << "" << "100" << 2ll << "0" << "0" << "4";
    // clang-format on
}

void tst_Pricing::rounding()
{
    QFETCH(QString, currency);
    QFETCH(QString, listPrice);
    QFETCH(QString, contractPrice);
    QFETCH(QString, percent);
    QFETCH(qint64, qty);
    QFETCH(QString, unit);
    QFETCH(QString, total);
    QFETCH(QString, savings);

    QList<PriceRule> rules{rule(List, "EA", 1, qPrintable(listPrice))};
    if (!contractPrice.isEmpty())
        rules << rule(Contract, "EA", 1, qPrintable(contractPrice));
    QList<CategoryDiscount> discounts;
    if (!percent.isEmpty())
        discounts << discount("FAS", qPrintable(percent));
    const PricedLine line = priceLine(terms(rules, discounts, currency), request("EA", qty), Day);
    QVERIFY(line.isPriced());
    QCOMPARE(line.unitPrice, dec(qPrintable(unit)));
    QCOMPARE(line.lineTotal.toString(0), total);
    QCOMPARE(line.savings.toString(0), savings);
}

void tst_Pricing::problems_data()
{
    QTest::addColumn<ItemTerms>("itemTerms");
    QTest::addColumn<LineRequest>("req");
    QTest::addColumn<QString>("problem");

    const QList<PriceRule> rules{rule(List, "EA", 1, "1.0000")};
    ItemTerms gone = terms(rules);
    gone.inAssortment = false;
    ItemTerms discontinued = terms(rules);
    discontinued.product.discontinued = true;
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    Product multipleOf10 = bolt(1, 10);

    // clang-format off
    QTest::newRow("priced") << terms(rules) << request("EA", 1) << "none";
    QTest::newRow("not in assortment") << gone << request("EA", 1) << "not-in-assortment";
    QTest::newRow("not in assortment beats a bad unit") << gone << request("PAIL", 0) << "not-in-assortment";
    QTest::newRow("discontinued") << discontinued << request("BX", 2) << "discontinued";
    QTest::newRow("unknown unit") << terms(rules) << request("PAIL", 1) << "unknown-unit";
    QTest::newRow("zero") << terms(rules) << request("EA", 0) << "invalid-quantity";
    QTest::newRow("negative") << terms(rules) << request("BX", -5) << "invalid-quantity";
    QTest::newRow("most negative") << terms(rules) << request("BX", std::numeric_limits<qint64>::min()) << "invalid-quantity";
    QTest::newRow("no rules") << terms({}) << request("EA", 1) << "no-price";
    QTest::newRow("only future rules") << terms({rule(List, "EA", 1, "1.0000", QDate(2026, 3, 11))}) << request("EA", 1) << "no-price";
    QTest::newRow("only expired rules") << terms({rule(List, "EA", 1, "1.0000", {}, QDate(2026, 3, 9))}) << request("EA", 1) << "no-price";
    QTest::newRow("tier not reached") << terms({rule(List, "EA", 10, "1.0000")}) << request("EA", 9) << "no-price";
    QTest::newRow("only another pack's rule") << terms({rule(List, "CS", 1, "1.0000")}) << request("BX", 1) << "no-price";
    QTest::newRow("discount without list price") << terms({}, {discount("FAS", "10")}) << request("EA", 1) << "no-price";
    QTest::newRow("base quantity overflows") << terms(rules) << request("BX", Max / 5) << "overflow";
    QTest::newRow("total overflows") << terms({rule(List, "EA", 1, "1000")}) << request("EA", 1000000000000ll) << "overflow";
    QTest::newRow("converted price overflows") << terms({rule(List, "EA", 1, "900000000000000")}) << request("BX", 1) << "overflow";
    QTest::newRow("rounding up to a multiple overflows") << terms(rules, {}, QStringLiteral("USD"), multipleOf10) << request("EA", Max - 2) << "overflow";
    QTest::newRow("no valid quantity") << terms(rules, {}, QStringLiteral("USD"), bolt(1, 1, 1000)) << request("PL", 1) << "no-valid-quantity";
    // clang-format on
}

void tst_Pricing::problems()
{
    QFETCH(ItemTerms, itemTerms);
    QFETCH(LineRequest, req);
    QFETCH(QString, problem);

    const PricedLine line = priceLine(itemTerms, req, Day);
    QCOMPARE(problemName(line.problem), problem);
    QCOMPARE(line.isPriced(), problem == u"none");
    QCOMPARE(line.request.sku, req.sku);
    QCOMPARE(line.request.uom, req.uom);
    QCOMPARE(line.request.quantity, req.quantity);
    if (!line.isPriced()) {
        QCOMPARE(line.unitPrice, Decimal());
        QCOMPARE(line.listUnitPrice, Decimal());
        QCOMPARE(line.lineTotal, Decimal());
        QCOMPARE(line.savings, Decimal());
    }
}

void tst_Pricing::totals()
{
    const ItemTerms t = terms({rule(List, "EA", 1, "1.0000"), rule(Contract, "EA", 10, "0.8000")});
    const QList<PricedLine> lines{
        priceLine(t, request("EA", 5), Day),   // 5.00, no savings
        priceLine(t, request("BX", 2), Day),   // 20 x 0.80 = 16.00, saves 4.00
        priceLine(t, request("PAIL", 1), Day), // unknown unit
        priceLine(t, request("EA", 0), Day),   // invalid quantity
        priceLine(t, request("EA", 10), Day)}; // 8.00, saves 2.00
    const CartTotals sum = qm::pricing::totals(lines, QStringLiteral("USD"));
    QCOMPARE(sum.currency, QStringLiteral("USD"));
    QCOMPARE(sum.subtotal.toString(2), QStringLiteral("29.00"));
    QCOMPARE(sum.savings.toString(2), QStringLiteral("6.00"));
    QCOMPARE(sum.pricedLines, 3);
    QCOMPARE(sum.unpricedLines, 2);
    QVERIFY(!sum.overflow);

    const CartTotals empty = qm::pricing::totals({}, QStringLiteral("EUR"));
    QCOMPARE(empty.subtotal, Decimal());
    QCOMPARE(empty.pricedLines, 0);
}

void tst_Pricing::totalsOverflow()
{
    // Each line fits; their sum does not.
    const ItemTerms t = terms({rule(List, "EA", 1, "500000000000000")});
    const PricedLine line = priceLine(t, request("EA", 1), Day);
    QVERIFY(line.isPriced());
    const CartTotals sum = qm::pricing::totals({line, line}, QStringLiteral("USD"));
    QVERIFY(sum.overflow);
    QCOMPARE(sum.pricedLines, 2);
    QCOMPARE(sum.subtotal, Decimal());
}

void tst_Pricing::names()
{
    QCOMPARE(adjustmentName(Adjustment::RaisedToMinimum), QStringLiteral("raised-to-minimum"));
    QCOMPARE(adjustmentName(Adjustment::RoundedToMultiple), QStringLiteral("rounded-to-multiple"));
    QCOMPARE(adjustmentName(Adjustment::CappedAtMaximum), QStringLiteral("capped-at-maximum"));
    QCOMPARE(problemName(LineProblem::None), QStringLiteral("none"));
    QCOMPARE(problemName(LineProblem::UnknownUnit), QStringLiteral("unknown-unit"));
    QCOMPARE(problemName(LineProblem::InvalidQuantity), QStringLiteral("invalid-quantity"));
    QCOMPARE(problemName(LineProblem::Discontinued), QStringLiteral("discontinued"));
    QCOMPARE(problemName(LineProblem::NotInAssortment), QStringLiteral("not-in-assortment"));
    QCOMPARE(problemName(LineProblem::NoPrice), QStringLiteral("no-price"));
    QCOMPARE(problemName(LineProblem::Overflow), QStringLiteral("overflow"));
    QCOMPARE(problemName(LineProblem::NoValidQuantity), QStringLiteral("no-valid-quantity"));
    QCOMPARE(sourceName(AppliedRule::Source::List), QStringLiteral("list"));
    QCOMPARE(sourceName(AppliedRule::Source::Contract), QStringLiteral("contract"));
    QCOMPARE(sourceName(AppliedRule::Source::CategoryDiscount),
             QStringLiteral("category-discount"));
}

void tst_Pricing::findPack_data()
{
    QTest::addColumn<QString>("uom");
    QTest::addColumn<QString>("found"); // empty: none
    QTest::addColumn<qint64>("quantity");

    QTest::newRow("empty is base") << ""
                                   << "EA" << 1ll;
    QTest::newRow("base") << "EA"
                          << "EA" << 1ll;
    QTest::newRow("lower case") << "cs"
                                << "CS" << 100ll;
    QTest::newRow("mixed case") << "Pl"
                                << "PL" << 1200ll;
    QTest::newRow("unknown") << "PAIL"
                             << "" << 0ll;
    QTest::newRow("prefix is not a match") << "B"
                                           << "" << 0ll;
}

void tst_Pricing::findPack()
{
    QFETCH(QString, uom);
    QFETCH(QString, found);
    QFETCH(qint64, quantity);
    const auto pack = qm::pricing::findPack(bolt(), uom);
    QCOMPARE(pack.has_value(), !found.isEmpty());
    if (pack) {
        QCOMPARE(pack->uom, found);
        QCOMPARE(pack->quantity, quantity);
    }
}

QTEST_GUILESS_MAIN(tst_Pricing)
#include "tst_pricing.moc"
