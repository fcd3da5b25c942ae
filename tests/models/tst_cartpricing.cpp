// Pricing a cart offline from the cache with the pricing engine; expected amounts are worked
// out by hand from the price rules below.
#include "catalogfixtures.h"

#include "models/cartmodel.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/pricingterms.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QDate Day(2026, 6, 1);

// A: list 2.50, contract 2.00 from 10 until the end of 2026
// B: each 1.00, box of 100 90.00
// C: list 0.30, minimum 10
// D: discontinued
// F: list 5.00, 10 % category discount
// The cart: A 4 EA, B 2 BX, C 3 EA, D 1 EA, E 1 EA (not in the cache), F 2 EA.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    qint64 cartId = 0;
    QHash<QString, qint64> lineIds;

    Fixture()
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        Product a = product(QStringLiteral("A"), QStringLiteral("Anchor"), 1);
        Product b = product(QStringLiteral("B"), QStringLiteral("Bolt"), 2);
        Product c = product(QStringLiteral("C"), QStringLiteral("Clip"), 3);
        c.minOrderQty = 10;
        Product d = product(QStringLiteral("D"), QStringLiteral("Dowel"), 4);
        d.discontinued = true;
        Product f = product(QStringLiteral("F"), QStringLiteral("Fixing"), 6);
        const QList<ProductPrices> priceList{
            prices(QStringLiteral("A"),
                   {rule(PriceRule::Kind::List, "EA", 1, "2.50"),
                    rule(PriceRule::Kind::Contract, "EA", 10, "2.00", {}, QDate(2026, 12, 31))}),
            prices(QStringLiteral("B"), {rule(PriceRule::Kind::List, "EA", 1, "1.00"),
                                         rule(PriceRule::Kind::List, "BX", 1, "90.00")}),
            prices(QStringLiteral("C"), {rule(PriceRule::Kind::List, "EA", 1, "0.30")}),
            prices(QStringLiteral("D"), {rule(PriceRule::Kind::List, "EA", 1, "7.00")}),
            prices(QStringLiteral("F"), {rule(PriceRule::Kind::List, "EA", 1, "5.00")},
                   QStringLiteral("USD"), {discount("FAS-BOLT", "10")}),
        };
        CatalogStore catalog(*db);
        if (!fillCache(catalog, {a, b, c, d, f}, priceList))
            qFatal("cannot fill the cache");
        CartStore store(*db);
        cartId = store.createCart(QStringLiteral("Cart"), &error)->id;
        const QList<std::tuple<const char *, const char *, qint64>> lines{
            {"A", "EA", 4}, {"B", "BX", 2}, {"C", "EA", 3},
            {"D", "EA", 1}, {"E", "EA", 1}, {"F", "EA", 2}};
        for (const auto &[sku, uom, quantity] : lines) {
            NewLine l;
            l.code = l.sku = QString::fromLatin1(sku);
            l.uom = QString::fromLatin1(uom);
            l.quantity = quantity;
            lineIds.insert(l.sku, store.addLine(cartId, l, &error)->lineId);
        }
    }
};

const PricedCartLine *lineOf(const CartPricing &pricing, const QString &sku)
{
    for (const PricedCartLine &l : pricing.lines()) {
        if (l.line.sku == sku)
            return &l;
    }
    return nullptr;
}

Decimal money(const char *text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

// What store() changes between two stores, counted by a trigger on the price columns.
enum class EditBetweenStores
{
    None,
    FirstStore,
    SameDayAgain,
    ContractEnds,
    QuantityEdited,
    LineRemoved,
    EditedAndReloaded,
};

} // namespace

Q_DECLARE_METATYPE(EditBetweenStores)

class tst_CartPricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pricesEveryLine_data();
    void pricesEveryLine();
    void totals();
    void repricingReusesTerms();
    void anotherDay();
    void storedPricesSortTheTable();
    void storeWritesOnlyChangedLines_data();
    void storeWritesOnlyChangedLines();
    void pricesAsOfIsTheLastVerifiedSync();
    void unknownCart();
    void repriceTenThousandLines();
};

void tst_CartPricing::pricesEveryLine_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<bool>("priced");
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<QString>("unitPrice");
    QTest::addColumn<QString>("lineTotal");
    QTest::addColumn<QString>("note");

    QTest::newRow("list price") << QStringLiteral("A") << true << qint64(4)
                                << QStringLiteral("2.50") << QStringLiteral("10.00")
                                << QStringLiteral("list");
    QTest::newRow("box") << QStringLiteral("B") << true << qint64(2) << QStringLiteral("90.00")
                         << QStringLiteral("180.00") << QStringLiteral("list");
    QTest::newRow("raised to the minimum")
        << QStringLiteral("C") << true << qint64(10) << QStringLiteral("0.30")
        << QStringLiteral("3.00") << QStringLiteral("list,raised-to-minimum");
    QTest::newRow("discontinued") << QStringLiteral("D") << false << qint64(1) << QString()
                                  << QString() << QStringLiteral("discontinued");
    QTest::newRow("not in the cache") << QStringLiteral("E") << false << qint64(1) << QString()
                                      << QString() << QStringLiteral("unknown-product");
    QTest::newRow("category discount")
        << QStringLiteral("F") << true << qint64(2) << QStringLiteral("4.50")
        << QStringLiteral("9.00") << QStringLiteral("category-discount");
}

void tst_CartPricing::pricesEveryLine()
{
    QFETCH(QString, sku);
    QFETCH(bool, priced);
    QFETCH(qint64, quantity);
    QFETCH(QString, unitPrice);
    QFETCH(QString, lineTotal);
    QFETCH(QString, note);

    Fixture f;
    CartPricing pricing(*f.db);
    pricing.setDay(Day);
    QString error;
    QVERIFY2(pricing.load(f.cartId, &error), qPrintable(error));
    QCOMPARE(pricing.lines().size(), 6);
    const PricedCartLine *line = lineOf(pricing, sku);
    QVERIFY(line);
    QCOMPARE(line->priced.isPriced() && line->knownProduct, priced);
    QCOMPARE(line->priced.quantity, quantity);
    if (priced) {
        QCOMPARE(line->priced.unitPrice, *Decimal::parse(unitPrice));
        QCOMPARE(line->priced.lineTotal, *Decimal::parse(lineTotal));
    }
    QCOMPARE(CartPricing::note(*line), note);
}

void tst_CartPricing::totals()
{
    Fixture f;
    CartPricing pricing(*f.db);
    pricing.setDay(Day);
    QString error;
    QVERIFY(pricing.load(f.cartId, &error));
    pricing::CartTotals t = pricing.totals();
    QCOMPARE(pricing.currency(), QStringLiteral("USD"));
    QCOMPARE(t.subtotal, money("202.00")); // 10 + 180 + 3 + 9
    QCOMPARE(t.savings, money("1.00"));    // F: 2 x 0.50 below list
    QCOMPARE(t.pricedLines, 4);
    QCOMPARE(t.unpricedLines, 2);

    // Ten of A reach the contract tier: 10 x 2.00 instead of 4 x 2.50.
    CartStore store(*f.db);
    QVERIFY(store.setQuantity(f.cartId, f.lineIds.value(QStringLiteral("A")), 10, &error));
    pricing.refreshLine(f.lineIds.value(QStringLiteral("A")));
    t = pricing.totals();
    QCOMPARE(t.subtotal, money("212.00"));
    QCOMPARE(t.savings, money("6.00"));
    QCOMPARE(CartPricing::note(*lineOf(pricing, QStringLiteral("A"))), QStringLiteral("contract"));

    // A removed line leaves the totals.
    QVERIFY(store.removeLines(f.cartId, {f.lineIds.value(QStringLiteral("B"))}, &error));
    pricing.refreshLine(f.lineIds.value(QStringLiteral("B")));
    QCOMPARE(pricing.lines().size(), 5);
    QCOMPARE(pricing.totals().subtotal, money("32.00"));
}

void tst_CartPricing::repricingReusesTerms()
{
    Fixture f;
    QStringList asked;
    CartPricing pricing(*f.db, [&](const QStringList &skus) {
        asked << skus;
        return PricingTerms(*f.db).loadMany(skus);
    });
    pricing.setDay(Day);
    QString error;
    QVERIFY(pricing.load(f.cartId, &error));
    QCOMPARE(asked.size(), 6); // one batch, every SKU once
    pricing.reprice();
    QVERIFY(pricing.load(f.cartId, &error));
    QCOMPARE(asked.size(), 6); // nothing loaded again, not even the unknown E
    pricing.invalidate({QStringLiteral("a")});
    pricing.reprice();
    QCOMPARE(asked.size(), 7);
    QCOMPARE(asked.constLast(), QStringLiteral("A"));
    QCOMPARE(pricing.totals().subtotal, money("202.00"));
    pricing.invalidateAll();
    pricing.reprice();
    QCOMPARE(asked.size(), 13);

    // Terms handed over (as from a quick-order preview) are not loaded again.
    QStringList askedAgain;
    CartPricing seeded(*f.db, [&](const QStringList &skus) {
        askedAgain << skus;
        return PricingTerms(*f.db).loadMany(skus);
    });
    seeded.setDay(Day);
    seeded.addTerms(
        PricingTerms(*f.db).loadMany({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                                      QStringLiteral("D"), QStringLiteral("F")}));
    QVERIFY(seeded.load(f.cartId, &error));
    QCOMPARE(askedAgain, QStringList{QStringLiteral("E")});
    QCOMPARE(seeded.totals().subtotal, money("202.00"));
}

void tst_CartPricing::anotherDay()
{
    Fixture f;
    CartStore store(*f.db);
    QString error;
    QVERIFY(store.setQuantity(f.cartId, f.lineIds.value(QStringLiteral("A")), 10, &error));
    CartPricing pricing(*f.db);
    pricing.setDay(Day);
    QVERIFY(pricing.load(f.cartId, &error));
    QCOMPARE(lineOf(pricing, QStringLiteral("A"))->priced.lineTotal, money("20.00"));
    // The contract ends with 2026: in 2027 the list price applies again.
    pricing.setDay(QDate(2027, 1, 5));
    pricing.reprice();
    QCOMPARE(lineOf(pricing, QStringLiteral("A"))->priced.lineTotal, money("25.00"));
    QCOMPARE(pricing.day(), QDate(2027, 1, 5));
}

void tst_CartPricing::storedPricesSortTheTable()
{
    Fixture f;
    CartPricing pricing(*f.db);
    pricing.setDay(Day);
    QString error;
    QVERIFY(pricing.load(f.cartId, &error));
    QVERIFY2(pricing.store(&error), qPrintable(error));
    CartModel model(*f.db);
    model.setCart(f.cartId);
    model.sort(CartModel::LineTotalColumn, Qt::DescendingOrder);
    QStringList order;
    for (int row = 0; row < model.rowCount(); ++row)
        order << model.index(row, 0).data(CartModel::SkuRole).toString();
    // 180.00, 10.00, 9.00, 3.00, then the unpriced lines in the order they were added.
    QCOMPARE(order, (QStringList{QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("F"),
                                 QStringLiteral("C"), QStringLiteral("E"), QStringLiteral("D")}));
    const int rowD = model.rowOfLine(f.lineIds.value(QStringLiteral("D")));
    QCOMPARE(model.index(rowD, CartModel::RuleColumn).data().toString(),
             QStringLiteral("discontinued"));
    QCOMPARE(model
                 .index(model.rowOfLine(f.lineIds.value(QStringLiteral("B"))),
                        CartModel::UnitPriceColumn)
                 .data(CartModel::RawValueRole)
                 .toString(),
             QStringLiteral("90.0000"));
}

void tst_CartPricing::storeWritesOnlyChangedLines_data()
{
    QTest::addColumn<EditBetweenStores>("edit");
    QTest::addColumn<QStringList>("written"); // SKUs of the lines store() writes

    QTest::newRow("first store: every line")
        << EditBetweenStores::FirstStore
        << QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                       QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("F")};
    QTest::newRow("nothing changed") << EditBetweenStores::None << QStringList();
    QTest::newRow("next day, same prices") << EditBetweenStores::SameDayAgain << QStringList();
    // A holds 10: the contract price until the end of 2026, the list price after.
    QTest::newRow("the contract ends")
        << EditBetweenStores::ContractEnds << QStringList{QStringLiteral("A")};
    QTest::newRow("a quantity edited")
        << EditBetweenStores::QuantityEdited << QStringList{QStringLiteral("C")};
    QTest::newRow("a line removed") << EditBetweenStores::LineRemoved << QStringList();
    QTest::newRow("edited, then the cart loaded again")
        << EditBetweenStores::EditedAndReloaded << QStringList{QStringLiteral("F")};
}

void tst_CartPricing::storeWritesOnlyChangedLines()
{
    QFETCH(EditBetweenStores, edit);
    QFETCH(QStringList, written);
    Fixture f;
    QString error;
    CartStore store(*f.db);
    QVERIFY(store.setQuantity(f.cartId, f.lineIds.value(QStringLiteral("A")), 10, &error));
    const QSqlDatabase db = f.db->connection();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE price_writes(line_id INTEGER)")));
    QVERIFY(q.exec(QStringLiteral(
        "CREATE TEMP TRIGGER count_price_writes AFTER UPDATE OF unit_price, line_total,"
        " price_currency, price_note ON cart_lines"
        " BEGIN INSERT INTO price_writes VALUES (new.id); END")));

    CartPricing pricing(*f.db);
    pricing.setDay(Day);
    QVERIFY(pricing.load(f.cartId, &error));
    if (edit != EditBetweenStores::FirstStore)
        QVERIFY2(pricing.store(&error), qPrintable(error));
    switch (edit) {
    case EditBetweenStores::None:
    case EditBetweenStores::FirstStore:
        break;
    case EditBetweenStores::SameDayAgain:
        pricing.setDay(Day.addDays(1));
        pricing.reprice();
        break;
    case EditBetweenStores::ContractEnds:
        pricing.setDay(QDate(2027, 1, 5));
        pricing.reprice();
        break;
    case EditBetweenStores::QuantityEdited:
        QVERIFY(store.setQuantity(f.cartId, f.lineIds.value(QStringLiteral("C")), 20, &error));
        pricing.refreshLine(f.lineIds.value(QStringLiteral("C")));
        break;
    case EditBetweenStores::LineRemoved:
        QVERIFY(store.removeLines(f.cartId, {f.lineIds.value(QStringLiteral("B"))}, &error));
        pricing.refreshLine(f.lineIds.value(QStringLiteral("B")));
        break;
    case EditBetweenStores::EditedAndReloaded:
        QVERIFY(store.setQuantity(f.cartId, f.lineIds.value(QStringLiteral("F")), 3, &error));
        QVERIFY(pricing.load(f.cartId, &error));
        break;
    }
    QVERIFY(q.exec(QStringLiteral("DELETE FROM price_writes")));
    QVERIFY2(pricing.store(&error), qPrintable(error));

    QStringList writtenSkus;
    QVERIFY(q.exec(QStringLiteral("SELECT l.sku FROM price_writes w JOIN cart_lines l"
                                  " ON l.id = w.line_id ORDER BY l.sku")));
    while (q.next())
        writtenSkus << q.value(0).toString();
    QCOMPARE(writtenSkus, written);
    QCOMPARE(pricing.lastStoredCount(), qint64(written.size()));

    // The cache holds what a full re-price of the cart as it stands gives, line by line,
    // and so the same total.
    CartPricing fresh(*f.db);
    fresh.setDay(pricing.day());
    QVERIFY(fresh.load(f.cartId, &error));
    QList<StoredPrice> stored;
    const QList<CartLine> lines = store.lines(f.cartId, &stored);
    QCOMPARE(lines.size(), fresh.lines().size());
    qint64 storedTotal = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const PricedCartLine &l = fresh.lines().at(i);
        QCOMPARE(lines.at(i).id, l.line.id);
        const bool priced = l.knownProduct && l.priced.isPriced();
        QCOMPARE(stored.at(i).unitPrice.has_value(), priced);
        if (priced) {
            QCOMPARE(*stored.at(i).unitPrice, l.priced.unitPrice.units());
            QCOMPARE(*stored.at(i).lineTotal, l.priced.lineTotal.units());
            storedTotal += *stored.at(i).lineTotal;
        }
        QCOMPARE(stored.at(i).note.value_or(QString()), CartPricing::note(l));
        QCOMPARE(stored.at(i).currency.value_or(QString()), fresh.currency());
    }
    QCOMPARE(storedTotal, fresh.totals().subtotal.units());
}

void tst_CartPricing::pricesAsOfIsTheLastVerifiedSync()
{
    Fixture f;
    CartPricing pricing(*f.db);
    QVERIFY(!pricing.pricesAsOf().isValid()); // never verified against the portal
    CatalogStore catalog(*f.db);
    const FeedState state = catalog.state(Feed::Prices);
    QString error;
    QVERIFY(catalog.finishPull(Feed::Prices, state.count, state.digest, &error));
    QVERIFY(pricing.pricesAsOf().isValid());
    QCOMPARE(pricing.pricesAsOf(), catalog.state(Feed::Prices).verifiedAt);
}

void tst_CartPricing::unknownCart()
{
    Fixture f;
    CartPricing pricing(*f.db);
    QString error;
    QVERIFY(!pricing.load(4242, &error));
    QCOMPARE(error, QStringLiteral("no cart with id 4242"));
}

void tst_CartPricing::repriceTenThousandLines()
{
    Fixture f;
    // 10,000 lines of 10,000 products; the terms are built here, so this measures pricing.
    QHash<QString, pricing::ItemTerms> terms;
    QList<NewLine> lines;
    for (int i = 0; i < 10000; ++i) {
        pricing::ItemTerms t;
        t.product =
            product(QStringLiteral("P-%1").arg(i), QStringLiteral("Part %1").arg(i), i + 10);
        t.product.minOrderQty = 5;
        t.prices = prices(t.product.sku, {rule(PriceRule::Kind::List, "EA", 1, "1.25"),
                                          rule(PriceRule::Kind::Contract, "EA", 50, "1.00"),
                                          rule(PriceRule::Kind::List, "BX", 1, "100.00")});
        terms.insert(t.product.sku, t);
        NewLine l;
        l.code = l.sku = t.product.sku;
        l.uom = i % 3 ? QStringLiteral("EA") : QStringLiteral("BX");
        l.quantity = 1 + i % 100;
        lines << l;
    }
    CartStore store(*f.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Big"), &error);
    QVERIFY(store.addLines(cart->id, lines, {}, &error));
    CartPricing pricing(*f.db, [&](const QStringList &skus) {
        QHash<QString, pricing::ItemTerms> found;
        for (const QString &sku : skus) {
            if (terms.contains(sku))
                found.insert(sku, terms.value(sku));
        }
        return found;
    });
    pricing.setDay(Day);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(pricing.load(cart->id, &error));
    const qint64 loadMs = timer.elapsed();
    QCOMPARE(pricing.lines().size(), 10000);
    QCOMPARE(pricing.totals().pricedLines, 10000);
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 5; ++run) {
        timer.restart();
        pricing.reprice();
        const pricing::CartTotals t = pricing.totals();
        best = std::min(best, timer.nsecsElapsed() / 1000);
        QCOMPARE(t.pricedLines, 10000);
    }
    qInfo("10,000 lines: load and price %lld ms, re-price and total %lld us (best of 5)", loadMs,
          best);
}

QTEST_GUILESS_MAIN(tst_CartPricing)
#include "tst_cartpricing.moc"
