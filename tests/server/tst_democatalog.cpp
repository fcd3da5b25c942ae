#include "core/gtin.h"
#include "server/democatalog.h"
#include "server/feedpayloads.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace qm;

class tst_DemoCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameProduct();
    void seedsDiffer();
    void productsAreComplete();
    void catalogIsVaried();
    void cheapChecksAgreeWithProducts();
    void assortmentsHaveTheirShapes();
    void contractPricesAndDates();
    void nextMonday_data();
    void nextMonday();

private:
    const QDate m_today{2026, 11, 25};
};

void tst_DemoCatalog::sameSeedSameProduct()
{
    const DemoCatalog a(7, m_today);
    const DemoCatalog b(7, m_today);
    for (qint64 i : {qint64(0), qint64(1), qint64(17), qint64(4242), qint64(999999)}) {
        const DemoProduct pa = a.product(i);
        const DemoProduct pb = b.product(i);
        QCOMPARE(FeedPayloads::product(pa.product), FeedPayloads::product(pb.product));
        for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
            QCOMPARE(pa.inCatalog[c], pb.inCatalog[c]);
            QCOMPARE(
                FeedPayloads::prices(ProductPrices{
                    pa.product.sku, QStringLiteral("USD"), pa.listRules + pa.contractRules[c], {}}),
                FeedPayloads::prices(ProductPrices{pb.product.sku,
                                                   QStringLiteral("USD"),
                                                   pb.listRules + pb.contractRules[c],
                                                   {}}));
        }
        QCOMPARE(FeedPayloads::stock(ProductStock{pa.product.sku, pa.stock}),
                 FeedPayloads::stock(ProductStock{pb.product.sku, pb.stock}));
    }
    // Product i does not depend on what was generated before it.
    (void)a.product(5);
    QCOMPARE(FeedPayloads::product(a.product(6).product),
             FeedPayloads::product(b.product(6).product));
}

void tst_DemoCatalog::seedsDiffer()
{
    const DemoCatalog a(1, m_today);
    const DemoCatalog b(2, m_today);
    int different = 0;
    for (qint64 i = 0; i < 50; ++i) {
        QCOMPARE(a.product(i).product.sku, b.product(i).product.sku); // SKUs follow the index
        if (FeedPayloads::product(a.product(i).product) !=
            FeedPayloads::product(b.product(i).product))
            ++different;
    }
    QVERIFY(different > 40);
}

void tst_DemoCatalog::productsAreComplete()
{
    const DemoCatalog catalog(1, m_today);
    QSet<QString> categoryCodes;
    for (const DemoCategory &c : DemoCatalog::categories())
        categoryCodes.insert(c.code);
    for (qint64 i = 0; i < 2000; ++i) {
        const DemoProduct p = catalog.product(i);
        const Product &product = p.product;
        QCOMPARE(product.sku, QStringLiteral("HIS-%1").arg(100000 + i));
        QVERIFY(!product.name.isEmpty() && !product.description.isEmpty() &&
                !product.brand.isEmpty());
        QVERIFY2(categoryCodes.contains(product.categoryCode), qPrintable(product.categoryCode));
        QCOMPARE(product.categoryPath.size(), 2);
        QVERIFY(product.attributes.size() >= 2);
        QVERIFY(!product.packs.isEmpty());
        QCOMPARE(product.packs.constFirst().uom, product.baseUom);
        QCOMPARE(product.packs.constFirst().quantity, 1);
        qint64 previous = 0;
        for (const Pack &pack : product.packs) {
            QVERIFY2(gtin::isValid(pack.gtin), qPrintable(pack.gtin));
            QVERIFY(pack.quantity > previous);
            previous = pack.quantity;
        }
        QVERIFY(product.minOrderQty >= 1);
        QVERIFY(product.orderMultiple >= 1);
        QCOMPARE(product.minOrderQty % product.orderMultiple, 0);
        // List prices: tiers on the base unit with falling prices, and pack prices.
        QVERIFY(p.listRules.size() >= 2);
        QCOMPARE(p.listRules.at(0).uom, product.baseUom);
        QCOMPARE(p.listRules.at(0).minQty, product.minOrderQty);
        QVERIFY(p.listRules.at(0).unitPrice.units() > 0);
        QVERIFY(p.listRules.at(1).minQty > p.listRules.at(0).minQty);
        QVERIFY(p.listRules.at(1).unitPrice <= p.listRules.at(0).unitPrice);
        QVERIFY(resolvePrice(p.listRules, product.baseUom, product.minOrderQty, m_today));
        QCOMPARE(p.stock.size(), 3);
        for (const StockLevel &level : p.stock) {
            QVERIFY(level.onHand >= 0);
            if (level.onHand == 0)
                QVERIFY(level.leadTimeDays > 0 && level.nextReceiptDate > m_today);
        }
        // Round trip through the wire format.
        QString error;
        QVERIFY2(Product::fromJson(product.toJson(), &error), qPrintable(error));
    }
}

void tst_DemoCatalog::catalogIsVaried()
{
    const DemoCatalog catalog(1, m_today);
    QSet<QString> names;
    QSet<QString> brands;
    QSet<QString> subCategories;
    QSet<QString> baseUnits;
    int families[7] = {};
    bool a4Bolt = false;
    bool zincBolt = false;
    bool galvanized = false;
    bool gloves = false;
    const QRegularExpression boltName(QStringLiteral(
        "^Hex bolt, stainless A4-80 \\(316\\), M\\d+ × \\d+ mm, (DIN 933|ISO 4017)$"));
    const int n = 3000;
    for (qint64 i = 0; i < n; ++i) {
        const DemoProduct p = catalog.product(i);
        names.insert(p.product.name);
        brands.insert(p.product.brand);
        subCategories.insert(p.product.categoryCode);
        baseUnits.insert(p.product.baseUom);
        ++families[p.family];
        if (boltName.match(p.product.name).hasMatch()) {
            a4Bolt = true;
            QCOMPARE(p.product.attributes.value(QStringLiteral("material")),
                     QStringLiteral("Stainless steel A4-80 (316)"));
            QVERIFY(p.product.attributes.value(QStringLiteral("standard")).startsWith(u"DIN 933") ||
                    p.product.attributes.value(QStringLiteral("standard")) == u"ISO 4017");
            QVERIFY(p.product.attributes.value(QStringLiteral("size")).contains(u" × "));
        }
        zincBolt = zincBolt || p.product.name.contains(u"zinc-plated");
        galvanized = galvanized || p.product.name.contains(u"hot-dip galvanized");
        gloves = gloves || p.product.name.contains(u" nitrile disposable gloves, ");
    }
    QVERIFY(a4Bolt && zincBolt && galvanized && gloves);
    // Fasteners of one standard, size and material share a name whoever makes them; the
    // rest of the catalog is named by maker and model.
    QVERIFY2(names.size() > n * 80 / 100, qPrintable(QString::number(names.size())));
    QVERIFY(brands.size() >= 20);
    QCOMPARE(subCategories.size(), DemoCatalog::categories().size() - 7);
    QVERIFY(baseUnits.size() >= 6);
    // Fasteners are the largest family (about 30%), every family is present.
    for (int f = 0; f < 7; ++f)
        QVERIFY(families[f] > n / 20);
    QVERIFY(families[0] > n / 4 && families[0] < n * 35 / 100);
}

void tst_DemoCatalog::cheapChecksAgreeWithProducts()
{
    const DemoCatalog catalog(3, m_today);
    for (qint64 i = 0; i < 500; ++i) {
        const DemoProduct p = catalog.product(i);
        QCOMPARE(catalog.family(i), p.family);
        for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
            QCOMPARE(catalog.carries(i, c), p.inCatalog[c]);
            if (!p.inCatalog[c])
                QVERIFY(p.contractRules[c].isEmpty());
        }
    }
}

void tst_DemoCatalog::assortmentsHaveTheirShapes()
{
    const DemoCatalog catalog(1, m_today);
    const int n = 4000;
    int carried[3] = {};
    int electrical[3] = {};
    int electricalTotal = 0;
    for (qint64 i = 0; i < n; ++i) {
        const bool isElectrical = catalog.family(i) == 2;
        electricalTotal += isElectrical;
        for (int c = 0; c < 3; ++c) {
            if (catalog.carries(i, c)) {
                ++carried[c];
                electrical[c] += isElectrical;
            }
        }
    }
    // Bayside ~85%, Cedar Ridge ~60%, Northgate ~40% and strong in electrical.
    QVERIFY2(carried[0] > n * 80 / 100 && carried[0] < n * 90 / 100,
             qPrintable(QString::number(carried[0])));
    QVERIFY2(carried[1] > n * 54 / 100 && carried[1] < n * 66 / 100,
             qPrintable(QString::number(carried[1])));
    QVERIFY2(carried[2] > n * 34 / 100 && carried[2] < n * 46 / 100,
             qPrintable(QString::number(carried[2])));
    QVERIFY(electrical[2] > electricalTotal * 85 / 100);
    QVERIFY(electrical[2] * 100 / carried[2] > electrical[0] * 100 / carried[0]);
}

void tst_DemoCatalog::contractPricesAndDates()
{
    const DemoCatalog catalog(1, m_today);
    const int n = 3000;
    int contracted[3] = {};
    int startingNextMonday = 0;
    int expired = 0;
    for (qint64 i = 0; i < n; ++i) {
        const DemoProduct p = catalog.product(i);
        for (int c = 0; c < 3; ++c) {
            if (!p.contractRules[c].isEmpty())
                ++contracted[c];
            for (const PriceRule &r : p.contractRules[c]) {
                QCOMPARE(r.kind, PriceRule::Kind::Contract);
                QVERIFY(r.validFrom.isValid());
                QVERIFY(r.unitPrice < p.listRules.constFirst().unitPrice);
                if (r.validFrom == catalog.nextMonday())
                    ++startingNextMonday;
                if (r.validTo.isValid() && r.validTo < m_today && r.validFrom < r.validTo)
                    ++expired;
            }
        }
        for (int c = 0; c < 3; ++c) {
            if (!p.inCatalog[c])
                continue;
            // A contract price, where one applies today, beats the list price for one unit.
            const auto rules = p.listRules + p.contractRules[c];
            const auto quote =
                resolvePrice(rules, p.product.baseUom, p.product.minOrderQty, m_today);
            QVERIFY(quote);
            QVERIFY(quote->unitPrice <= p.listRules.constFirst().unitPrice);
        }
    }
    QVERIFY(startingNextMonday > 0);
    QVERIFY(expired > 0);
    // 15-25% of each catalog's products carry contract prices.
    for (int c = 0; c < 3; ++c) {
        int inCatalog = 0;
        for (qint64 i = 0; i < n; ++i)
            inCatalog += catalog.carries(i, c);
        const int percent = contracted[c] * 100 / inCatalog;
        QVERIFY2(percent >= 14 && percent <= 26, qPrintable(QString::number(percent)));
    }
}

void tst_DemoCatalog::nextMonday_data()
{
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("monday");
    QTest::newRow("Wednesday") << QDate(2026, 11, 25) << QDate(2026, 11, 30);
    QTest::newRow("Sunday") << QDate(2026, 11, 29) << QDate(2026, 11, 30);
    QTest::newRow("Monday") << QDate(2026, 11, 30) << QDate(2026, 12, 7);
    QTest::newRow("Saturday at year end") << QDate(2026, 12, 26) << QDate(2026, 12, 28);
}

void tst_DemoCatalog::nextMonday()
{
    QFETCH(QDate, today);
    QFETCH(QDate, monday);
    QCOMPARE(DemoCatalog(1, today).nextMonday(), monday);
}

QTEST_APPLESS_MAIN(tst_DemoCatalog)
#include "tst_democatalog.moc"
