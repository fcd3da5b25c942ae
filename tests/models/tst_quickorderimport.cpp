// The quick-order pipeline: entries -> codes resolved in one batch -> line rules and prices
// -> an outcome per entry; nothing changes the cart until apply().
#include "catalogfixtures.h"

#include "models/cartstore.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/quickorderimport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QDate Day(2026, 6, 1);

// The catalog every case runs against:
//   BOLT-1     each (1.00) and box of 100 (90.00); part number MY-BOLT
//   NUT-MIN    minimum order quantity 10
//   WASH-MULT  order multiple 25
//   CAP-MAX    maximum order quantity 100
//   OLD-1      discontinued
//   NOPRICE-1  no price at all
//   AMB-1      a SKU, and also the account's part number for NUT-MIN
//   GHOST      a part number for a product the cache does not have
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    qint64 cartId = 0;

    Fixture()
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        auto make = [](const char *sku, qint64 n) {
            return product(QString::fromLatin1(sku), QStringLiteral("Product %1").arg(n), n);
        };
        Product bolt = make("BOLT-1", 1);
        Product nut = make("NUT-MIN", 2);
        nut.minOrderQty = 10;
        Product washer = make("WASH-MULT", 3);
        washer.orderMultiple = 25;
        washer.packs = {pack("EA", "Each", 1, gtin13(30))};
        Product cap = make("CAP-MAX", 4);
        cap.maxOrderQty = 100;
        Product old = make("OLD-1", 5);
        old.discontinued = true;
        Product noPrice = make("NOPRICE-1", 6);
        Product amb = make("AMB-1", 7);
        const QList<Product> products{bolt, nut, washer, cap, old, noPrice, amb};
        QList<ProductPrices> priceList;
        for (const Product &p : products) {
            if (p.sku == QLatin1String("NOPRICE-1"))
                continue;
            priceList << prices(p.sku, {rule(PriceRule::Kind::List, "EA", 1, "1.00"),
                                        rule(PriceRule::Kind::List, "BX", 1, "90.00")});
        }
        CatalogStore catalog(*db);
        if (!fillCache(catalog, products, priceList, {},
                       {partNumber(QStringLiteral("MY-BOLT"), QStringLiteral("BOLT-1")),
                        partNumber(QStringLiteral("AMB-1"), QStringLiteral("NUT-MIN")),
                        partNumber(QStringLiteral("GHOST"), QStringLiteral("NOT-HERE"))}))
            qFatal("cannot fill the cache");
        cartId = CartStore(*db).createCart(QStringLiteral("Cart"), &error)->id;
    }
};

// "CODE|QTY|UNIT" (QTY as typed; a whole number parses, anything else does not).
QList<QuickOrderEntry> entries(const QStringList &specs)
{
    QList<QuickOrderEntry> result;
    int line = 0;
    for (const QString &spec : specs) {
        const QStringList parts = spec.split(QLatin1Char('|'));
        QuickOrderEntry e;
        e.line = ++line;
        e.code = parts.value(0);
        e.quantityText = parts.value(1);
        bool ok = false;
        const qint64 quantity = e.quantityText.toLongLong(&ok);
        if (ok)
            e.quantity = quantity;
        e.uom = parts.value(2);
        if (parts.value(3) == QLatin1String("!"))
            e.error = QStringLiteral("the row has 7 cells, the header 3");
        e.source = LineSource::Pasted;
        result << e;
    }
    return result;
}

QStringList cartLines(Database &db, qint64 cartId)
{
    QStringList rows;
    for (const CartLine &l : CartStore(db).lines(cartId))
        rows << QStringLiteral("%1 %2 %3").arg(l.sku, l.uom).arg(l.quantity);
    return rows;
}

} // namespace

class tst_QuickOrderImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void previewChangesNothing();
    void applyRefusesAChangedCart();
    void applyTwiceAddsOnce();
    void unknownCodesGetSuggestions();
    void manyUnknownCodesGetSuggestionsBeside();
    void cancelWhileSuggestingBeside();
    void resultsNameTheirProducts();
    void reportRows();
    void manyLines();
};

void tst_QuickOrderImport::outcomes_data()
{
    QTest::addColumn<QStringList>("cartBefore"); // "CODE|QTY|UNIT" already in the cart
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expected"); // per entry: "outcome reason reason..."
    QTest::addColumn<QStringList>("cartAfter");
    QTest::addColumn<QStringList>("unresolved");

    const QStringList none;
    QTest::newRow("SKU") << none << QStringList{QStringLiteral("BOLT-1|5|")}
                         << QStringList{QStringLiteral("added")}
                         << QStringList{QStringLiteral("BOLT-1 EA 5")} << none;
    QTest::newRow("SKU in other case, unit in other case")
        << none << QStringList{QStringLiteral("bolt-1|2|bx")}
        << QStringList{QStringLiteral("added")} << QStringList{QStringLiteral("BOLT-1 BX 2")}
        << none;
    QTest::newRow("GTIN of the box") << none << QStringList{gtin13(11) + QStringLiteral("|3|")}
                                     << QStringList{QStringLiteral("added")}
                                     << QStringList{QStringLiteral("BOLT-1 BX 3")} << none;
    QTest::newRow("GTIN-14 of the box")
        << none << QStringList{QLatin1Char('0') + gtin13(11) + QStringLiteral("|1|")}
        << QStringList{QStringLiteral("added")} << QStringList{QStringLiteral("BOLT-1 BX 1")}
        << none;
    QTest::newRow("customer part number")
        << none << QStringList{QStringLiteral("my-bolt|7|")} << QStringList{QStringLiteral("added")}
        << QStringList{QStringLiteral("BOLT-1 EA 7")} << none;
    QTest::newRow("below the minimum") << none << QStringList{QStringLiteral("NUT-MIN|3|")}
                                       << QStringList{QStringLiteral("adjusted raised-to-minimum")}
                                       << QStringList{QStringLiteral("NUT-MIN EA 10")} << none;
    QTest::newRow("not a multiple") << none << QStringList{QStringLiteral("WASH-MULT|30|")}
                                    << QStringList{QStringLiteral("adjusted rounded-to-multiple")}
                                    << QStringList{QStringLiteral("WASH-MULT EA 50")} << none;
    QTest::newRow("above the maximum") << none << QStringList{QStringLiteral("CAP-MAX|150|")}
                                       << QStringList{QStringLiteral("adjusted capped-at-maximum")}
                                       << QStringList{QStringLiteral("CAP-MAX EA 100")} << none;
    QTest::newRow("no quantity") << none << QStringList{QStringLiteral("BOLT-1||")}
                                 << QStringList{QStringLiteral("adjusted quantity-assumed")}
                                 << QStringList{QStringLiteral("BOLT-1 EA 1")} << none;
    QTest::newRow("duplicates merge")
        << none << QStringList{QStringLiteral("BOLT-1|2|"), QStringLiteral("bolt-1|3|EA")}
        << QStringList{QStringLiteral("added"), QStringLiteral("adjusted merged-duplicate")}
        << QStringList{QStringLiteral("BOLT-1 EA 5")} << none;
    QTest::newRow("duplicates meet the minimum together")
        << none << QStringList{QStringLiteral("NUT-MIN|4|"), QStringLiteral("nut-min|4|")}
        << QStringList{QStringLiteral("adjusted raised-to-minimum"),
                       QStringLiteral("adjusted merged-duplicate")}
        << QStringList{QStringLiteral("NUT-MIN EA 10")} << none;
    QTest::newRow("an ambiguous code is not merged")
        << none << QStringList{QStringLiteral("NUT-MIN|4|"), QStringLiteral("AMB-1|4|")}
        << QStringList{QStringLiteral("adjusted raised-to-minimum"), QStringLiteral("ambiguous")}
        << QStringList{QStringLiteral("NUT-MIN EA 10")} << none;
    QTest::newRow("same SKU, other unit: two lines")
        << none << QStringList{QStringLiteral("BOLT-1|2|"), QStringLiteral("BOLT-1|1|BX")}
        << QStringList{QStringLiteral("added"), QStringLiteral("added")}
        << QStringList{QStringLiteral("BOLT-1 EA 2"), QStringLiteral("BOLT-1 BX 1")} << none;
    QTest::newRow("merges with the cart")
        << QStringList{QStringLiteral("BOLT-1|4|EA")} << QStringList{QStringLiteral("BOLT-1|6|")}
        << QStringList{QStringLiteral("adjusted merged-with-cart")}
        << QStringList{QStringLiteral("BOLT-1 EA 10")} << none;
    QTest::newRow("cart and import meet the minimum together")
        << QStringList{QStringLiteral("NUT-MIN|10|EA")} << QStringList{QStringLiteral("NUT-MIN|1|")}
        << QStringList{QStringLiteral("adjusted merged-with-cart")}
        << QStringList{QStringLiteral("NUT-MIN EA 11")} << none;
    QTest::newRow("capped where the cart already holds the maximum")
        << QStringList{QStringLiteral("CAP-MAX|100|EA")}
        << QStringList{QStringLiteral("CAP-MAX|5|")}
        << QStringList{QStringLiteral("adjusted capped-at-maximum merged-with-cart")}
        << QStringList{QStringLiteral("CAP-MAX EA 100")} << none;
    QTest::newRow("unknown code") << none
                                  << QStringList{QStringLiteral("NOPE-404|2|"),
                                                 QStringLiteral("BOLT-1|1|")}
                                  << QStringList{QStringLiteral("unknown"), QStringLiteral("added")}
                                  << QStringList{QStringLiteral("BOLT-1 EA 1")}
                                  << QStringList{QStringLiteral("NOPE-404")};
    QTest::newRow("quantity not a number")
        << none << QStringList{QStringLiteral("BOLT-1|ten|")}
        << QStringList{QStringLiteral("invalid-quantity")} << none << none;
    QTest::newRow("quantity with a fraction")
        << none << QStringList{QStringLiteral("BOLT-1|1.5|")}
        << QStringList{QStringLiteral("invalid-quantity")} << none << none;
    QTest::newRow("zero") << none << QStringList{QStringLiteral("BOLT-1|0|")}
                          << QStringList{QStringLiteral("invalid-quantity")} << none << none;
    QTest::newRow("negative") << none << QStringList{QStringLiteral("BOLT-1|-4|")}
                              << QStringList{QStringLiteral("invalid-quantity")} << none << none;
    QTest::newRow("unknown unit") << none << QStringList{QStringLiteral("BOLT-1|1|PL")}
                                  << QStringList{QStringLiteral("invalid-unit")} << none << none;
    QTest::newRow("ambiguous") << none << QStringList{QStringLiteral("AMB-1|1|")}
                               << QStringList{QStringLiteral("ambiguous")} << none << none;
    QTest::newRow("discontinued: flagged, not dropped")
        << none << QStringList{QStringLiteral("OLD-1|5|")}
        << QStringList{QStringLiteral("unavailable")} << QStringList{QStringLiteral("OLD-1 EA 5")}
        << none;
    QTest::newRow("not in the assortment, unit given")
        << none << QStringList{QStringLiteral("GHOST|2|EA")}
        << QStringList{QStringLiteral("unavailable")}
        << QStringList{QStringLiteral("NOT-HERE EA 2")} << none;
    QTest::newRow("not in the assortment, unit unknown: kept as unresolved")
        << none << QStringList{QStringLiteral("GHOST|2|")}
        << QStringList{QStringLiteral("unavailable")} << none
        << QStringList{QStringLiteral("GHOST")};
    QTest::newRow("no price today: added") << none << QStringList{QStringLiteral("NOPRICE-1|2|")}
                                           << QStringList{QStringLiteral("added")}
                                           << QStringList{QStringLiteral("NOPRICE-1 EA 2")} << none;
    QTest::newRow("row the reader rejected")
        << none << QStringList{QStringLiteral("BOLT-1|2||!")}
        << QStringList{QStringLiteral("invalid")} << none << none;
    QTest::newRow("empty code") << none << QStringList{QStringLiteral(" |2|")}
                                << QStringList{QStringLiteral("invalid")} << none << none;
}

void tst_QuickOrderImport::outcomes()
{
    QFETCH(QStringList, cartBefore);
    QFETCH(QStringList, input);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, cartAfter);
    QFETCH(QStringList, unresolved);

    Fixture f;
    CartStore store(*f.db);
    QString error;
    for (const QString &spec : cartBefore) {
        const QStringList parts = spec.split(QLatin1Char('|'));
        NewLine l;
        l.code = l.sku = parts.at(0);
        l.quantity = parts.at(1).toLongLong();
        l.uom = parts.at(2);
        QVERIFY(store.addLine(f.cartId, l, &error));
    }
    QuickOrderImport quickOrder(*f.db, f.cartId);
    quickOrder.setDay(Day);
    QVERIFY2(quickOrder.preview(entries(input), &error), qPrintable(error));
    QCOMPARE(quickOrder.results().size(), input.size());
    QStringList outcomes;
    for (const QuickOrderImport::Result &r : quickOrder.results()) {
        QStringList words{QuickOrderImport::outcomeName(r.outcome)};
        for (QuickOrderImport::Reason reason : r.reasons)
            words << QuickOrderImport::reasonName(reason);
        outcomes << words.join(QLatin1Char(' '));
    }
    QCOMPARE(outcomes, expected);
    QVERIFY2(quickOrder.apply(&error), qPrintable(error));
    QCOMPARE(cartLines(*f.db, f.cartId), cartAfter);
    QStringList codes;
    for (const UnresolvedCode &c : store.unresolvedCodes()) {
        codes << c.code;
        QCOMPARE(c.origin, LineSource::Pasted);
        QCOMPARE(c.cartId, f.cartId);
    }
    QCOMPARE(codes, unresolved);
}

void tst_QuickOrderImport::previewChangesNothing()
{
    Fixture f;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY(quickOrder.preview(entries({QStringLiteral("BOLT-1|5|"), QStringLiteral("NOPE|1|"),
                                        QStringLiteral("NUT-MIN|1|")}),
                               &error));
    QCOMPARE(quickOrder.summary().added, 1);
    QCOMPARE(quickOrder.summary().unknown, 1);
    QCOMPARE(quickOrder.summary().adjusted, 1);
    QCOMPARE(CartStore(*f.db).lineCount(f.cartId), 0);
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 0);
    QVERIFY(!CartStore(*f.db).undoStep(f.cartId));
    // What the cart would cost: 5 x 1.00 + 10 x 1.00, computed by hand.
    QCOMPARE(quickOrder.totals().subtotal, Decimal::fromInt(15));
    QCOMPARE(quickOrder.currency(), QStringLiteral("USD"));

    QuickOrderImport noCart(*f.db, 9999);
    QVERIFY(!noCart.preview(entries({QStringLiteral("BOLT-1|5|")}), &error));
    QCOMPARE(error, QStringLiteral("no cart with id 9999"));
}

void tst_QuickOrderImport::applyRefusesAChangedCart()
{
    Fixture f;
    CartStore store(*f.db);
    QString error;
    NewLine l;
    l.code = l.sku = QStringLiteral("BOLT-1");
    l.uom = QStringLiteral("EA");
    l.quantity = 1;
    const qint64 lineId = store.addLine(f.cartId, l, &error)->lineId;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QVERIFY(quickOrder.preview(entries({QStringLiteral("BOLT-1|5|"), QStringLiteral("OLD-1|1|")}),
                               &error));
    QVERIFY(store.setQuantity(f.cartId, lineId, 3, &error));
    QVERIFY(!quickOrder.apply(&error));
    QCOMPARE(error, QStringLiteral("the cart changed since the preview"));
    QCOMPARE(cartLines(*f.db, f.cartId), QStringList{QStringLiteral("BOLT-1 EA 3")});

    // A line for an item the preview meant to add fresh appeared meanwhile.
    QuickOrderImport second(*f.db, f.cartId);
    QVERIFY(second.preview(entries({QStringLiteral("NUT-MIN|10|")}), &error));
    l.code = l.sku = QStringLiteral("NUT-MIN");
    l.quantity = 10;
    QVERIFY(store.addLine(f.cartId, l, &error));
    QVERIFY(!second.apply(&error));
    QCOMPARE(cartLines(*f.db, f.cartId),
             (QStringList{QStringLiteral("BOLT-1 EA 3"), QStringLiteral("NUT-MIN EA 10")}));
}

void tst_QuickOrderImport::applyTwiceAddsOnce()
{
    Fixture f;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY(quickOrder.preview(entries({QStringLiteral("BOLT-1|5|"), QStringLiteral("X-1|1|")}),
                               &error));
    QVERIFY(quickOrder.apply(&error));
    QVERIFY(quickOrder.apply(&error));
    QCOMPARE(cartLines(*f.db, f.cartId), QStringList{QStringLiteral("BOLT-1 EA 5")});
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 1);
    // One undo step takes the whole import back.
    CartStore store(*f.db);
    QCOMPARE(store.undoStep(f.cartId)->edit, CartEdit::AddLine);
    QVERIFY(store.undo(f.cartId, &error));
    QCOMPARE(store.lineCount(f.cartId), 0);
}

void tst_QuickOrderImport::unknownCodesGetSuggestions()
{
    Fixture f;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY(quickOrder.preview(entries({QStringLiteral("BOLT1|1|"), QStringLiteral("ZZZZZZ|1|")}),
                               &error));
    const auto &results = quickOrder.results();
    QCOMPARE(results.at(0).outcome, QuickOrderImport::Outcome::Unknown);
    QVERIFY2(results.at(0).suggestions.contains(QStringLiteral("BOLT-1")),
             qPrintable(results.at(0).suggestions.join(QLatin1Char(','))));
    QCOMPARE(results.at(1).outcome, QuickOrderImport::Outcome::Unknown);
    QVERIFY(!results.at(1).suggestions.contains(QStringLiteral("BOLT-1")));
}

// From 16 distinct unknown codes on, "did you mean" runs on a second connection while the
// terms are read: the suggestions are the ones the resolver gives for each code alone.
void tst_QuickOrderImport::manyUnknownCodesGetSuggestionsBeside()
{
    Fixture f;
    QStringList specs{QStringLiteral("BOLT-1|3|")};
    QStringList unknown;
    for (int i = 0; i < 40; ++i) {
        // Near misses of the catalog's SKUs and codes that resemble nothing.
        const QStringList stems{QStringLiteral("BOLT%1"), QStringLiteral("NUT-MIN-%1"),
                                QStringLiteral("WASHMULT%1"), QStringLiteral("QQQ-%1")};
        unknown << stems.at(i % stems.size()).arg(i);
        specs << unknown.constLast() + QStringLiteral("|1|");
    }
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY2(quickOrder.preview(entries(specs), &error), qPrintable(error));
    QVERIFY(quickOrder.timings().suggestedBeside);
    const auto &results = quickOrder.results();
    QCOMPARE(results.size(), 41);
    QCOMPARE(results.at(0).outcome, QuickOrderImport::Outcome::Added);
    const CodeResolver resolver(*f.db);
    int withSuggestions = 0;
    for (qsizetype i = 1; i < results.size(); ++i) {
        QCOMPARE(results.at(i).outcome, QuickOrderImport::Outcome::Unknown);
        QCOMPARE(results.at(i).suggestions, resolver.suggestions(unknown.at(i - 1), 3));
        withSuggestions += results.at(i).suggestions.isEmpty() ? 0 : 1;
    }
    QVERIFY2(withSuggestions >= 30, qPrintable(QString::number(withSuggestions)));

    // A few unknown codes stay on the preview's own connection, with the same result.
    QVERIFY(quickOrder.preview(entries(specs.mid(0, 4)), &error));
    QVERIFY(!quickOrder.timings().suggestedBeside);
    QCOMPARE(quickOrder.results().at(1).suggestions, resolver.suggestions(unknown.at(0), 3));
}

// Cancelled while the second connection is still at work: the preview stops, says so, and
// leaves nothing behind (the second connection is closed on its own thread).
void tst_QuickOrderImport::cancelWhileSuggestingBeside()
{
    Fixture f;
    QStringList specs;
    for (int i = 0; i < 400; ++i)
        specs << QStringLiteral("BOLT%1|1|").arg(i);
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    int reports = 0;
    const bool done = quickOrder.preview(entries(specs), &error, nullptr, [&](int at, int) {
        ++reports;
        return at < 40; // stop once the codes are resolved
    });
    QVERIFY(!done);
    QVERIFY(quickOrder.cancelled());
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
    QVERIFY(reports >= 2);
    QVERIFY(quickOrder.results().isEmpty());
    QCOMPARE(CartStore(*f.db).lineCount(f.cartId), 0);
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 0);
}

// Each resolved line names its product, whichever code found it; an ambiguous code's
// candidates name theirs.
void tst_QuickOrderImport::resultsNameTheirProducts()
{
    Fixture f;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY(quickOrder.preview(
        entries({QStringLiteral("bolt-1|1|"), QStringLiteral("MY-BOLT|1|"),
                 gtin13(30) + QStringLiteral("|25|"), QStringLiteral("AMB-1|1|")}),
        &error));
    const auto &results = quickOrder.results();
    QCOMPARE(results.at(0).productName, QStringLiteral("Product 1"));
    QCOMPARE(results.at(1).productName, QStringLiteral("Product 1"));
    QCOMPARE(results.at(2).productName, QStringLiteral("Product 3"));
    QCOMPARE(results.at(3).outcome, QuickOrderImport::Outcome::Ambiguous);
    QStringList candidates;
    for (const CodeMatch &m : results.at(3).candidates)
        candidates << m.sku + u'=' + m.productName;
    QCOMPARE(candidates,
             (QStringList{QStringLiteral("AMB-1=Product 7"), QStringLiteral("NUT-MIN=Product 2")}));
}

void tst_QuickOrderImport::reportRows()
{
    Fixture f;
    QuickOrderImport quickOrder(*f.db, f.cartId);
    quickOrder.setDay(Day);
    QString error;
    QVERIFY(quickOrder.preview(entries({QStringLiteral("BOLT-1|2|BX"), QStringLiteral("AMB-1|1|"),
                                        QStringLiteral("BOLT-1|ten|")}),
                               &error));
    const QList<QStringList> rows = quickOrder.reportRows();
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).first(), QStringLiteral("line"));
    const int outcome = int(rows.at(0).indexOf(QStringLiteral("outcome")));
    const int total = int(rows.at(0).indexOf(QStringLiteral("line_total")));
    const int detail = int(rows.at(0).indexOf(QStringLiteral("detail")));
    QCOMPARE(rows.at(1).at(outcome), QStringLiteral("added"));
    QCOMPARE(rows.at(1).at(total), QStringLiteral("180.00")); // 2 boxes at 90.00
    QCOMPARE(rows.at(2).at(outcome), QStringLiteral("ambiguous"));
    QCOMPARE(rows.at(2).at(detail), QStringLiteral("matches: AMB-1, NUT-MIN"));
    QCOMPARE(rows.at(3).at(outcome), QStringLiteral("invalid-quantity"));
    QCOMPARE(rows.at(3).at(detail), QStringLiteral("not a quantity: 'ten'"));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), rows.at(0).size());
}

void tst_QuickOrderImport::manyLines()
{
    Fixture f;
    // 20,000 entries over the catalog's codes, most of them duplicates, a tenth unknown.
    QStringList specs;
    const QStringList codes{QStringLiteral("BOLT-1"), QStringLiteral("NUT-MIN"),
                            QStringLiteral("WASH-MULT"), QStringLiteral("MY-BOLT")};
    for (int i = 0; i < 20000; ++i) {
        if (i % 10 == 0)
            specs << QStringLiteral("UNKNOWN-%1|1|").arg(i);
        else
            specs << codes.at(i % codes.size()) + QStringLiteral("|1|");
    }
    QuickOrderImport quickOrder(*f.db, f.cartId);
    QString error;
    QVERIFY(quickOrder.preview(entries(specs), &error));
    const QuickOrderImport::Summary s = quickOrder.summary();
    QCOMPARE(s.total(), 20000);
    QCOMPARE(s.unknown, 2000);
    QVERIFY(quickOrder.apply(&error));
    QCOMPARE(CartStore(*f.db).lineCount(f.cartId), 3); // BOLT-1, NUT-MIN, WASH-MULT
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 2000);
}

QTEST_GUILESS_MAIN(tst_QuickOrderImport)
#include "tst_quickorderimport.moc"
