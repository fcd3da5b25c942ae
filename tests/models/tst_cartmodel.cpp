// The cart table: lazy loading, sorting and filtering in SQL, quantity edits.
#include "catalogfixtures.h"

#include "models/cartmodel.h"
#include "models/cartstore.h"
#include "models/database.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <variant>

using namespace qm;
using namespace qm::test;

namespace {

QString sku(int n)
{
    return QStringLiteral("CM-%1").arg(n, 5, 10, QChar(u'0'));
}

// What the test knows about each line it put in the cart, to compute expected orders
// independently of the model.
struct Expected
{
    qint64 lineId = 0;
    QString code;
    QString product;
    qint64 quantity = 0;
    qint64 unitPrice = 0; // units of Decimal
    qint64 lineTotal = 0;
    qint64 onHand = 0;
};

// A cache with `count` products (every third a "Nitrile glove", the rest "Hex bolt"), each in
// a cart with a pseudo-random quantity, a stored price and stock.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    qint64 cartId = 0;
    QList<Expected> lines;

    explicit Fixture(int count)
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        QList<Product> products;
        QList<ProductStock> stockList;
        QRandomGenerator random(42);
        for (int i = 0; i < count; ++i) {
            products << product(sku(i),
                                i % 3 == 0 ? QStringLiteral("Nitrile glove size %1").arg(i)
                                           : QStringLiteral("Hex bolt M%1").arg(i),
                                i + 1);
            stockList << stock(sku(i), {qint64(random.bounded(500)), qint64(random.bounded(500))});
        }
        CatalogStore catalog(*db);
        if (!fillCache(catalog, products, {}, stockList))
            qFatal("cannot fill the cache");
        CartStore store(*db);
        cartId = store.createCart(QStringLiteral("Cart"), &error)->id;
        QList<NewLine> newLines;
        for (int i = 0; i < count; ++i) {
            NewLine l;
            // Codes as entered: lower case for some, to check case-insensitive sorting.
            l.code = i % 2 ? sku(i).toLower() : sku(i);
            l.sku = sku(i);
            l.uom = QStringLiteral("EA");
            l.quantity = 1 + random.bounded(90);
            newLines << l;
        }
        const auto added = store.addLines(cartId, newLines, {}, &error);
        if (!added)
            qFatal("cannot fill the cart: %s", qPrintable(error));
        QSqlQuery price(db->connection());
        price.prepare(QStringLiteral("UPDATE cart_lines SET unit_price = ?, line_total = ?,"
                                     " price_currency = 'USD', price_note = ? WHERE id = ?"));
        for (int i = 0; i < count; ++i) {
            Expected e;
            e.lineId = added->at(i).lineId;
            e.code = newLines.at(i).code;
            e.product = products.at(i).name;
            e.quantity = newLines.at(i).quantity;
            e.unitPrice = 10000 + random.bounded(100000);
            e.lineTotal = e.unitPrice * e.quantity;
            e.onHand = stockList.at(i).totalOnHand();
            price.addBindValue(e.unitPrice);
            price.addBindValue(e.lineTotal);
            price.addBindValue(i % 4 ? QStringLiteral("list") : QStringLiteral("contract"));
            price.addBindValue(e.lineId);
            if (!price.exec())
                qFatal("cannot store prices");
            lines << e;
        }
    }
};

void fetchAll(CartModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
}

QList<qint64> lineIds(const CartModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(CartModel::LineIdRole).toLongLong();
    return ids;
}

} // namespace

class tst_CartModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsLazily();
    void showsLineValues();
    void sorts_data();
    void sorts();
    void filters_data();
    void filters();
    void editsQuantity();
    void changesPack();
    void packChangeMergesWithTheLineOfThatPack();
    void refusesUnknownPack();
    void refusesBadQuantity_data();
    void refusesBadQuantity();
    void unknownProductStillShows();
};

void tst_CartModel::loadsLazily()
{
    Fixture f(CartModel::BatchSize * 2 + 17);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setCart(f.cartId);
    QCOMPARE(model.rowCount(), CartModel::BatchSize);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.matchingLineCount(), f.lines.size());
    fetchAll(model);
    QCOMPARE(model.rowCount(), f.lines.size());
    QVERIFY(!model.canFetchMore({}));
    // The order lines were added in.
    QList<qint64> expected;
    for (const Expected &e : std::as_const(f.lines))
        expected << e.lineId;
    QCOMPARE(lineIds(model), expected);
}

void tst_CartModel::showsLineValues()
{
    Fixture f(5);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    QCOMPARE(model.rowCount(), 5);
    const Expected &e = f.lines.at(1);
    const int row = model.rowOfLine(e.lineId);
    QVERIFY(row >= 0);
    auto raw = [&](int column) { return model.index(row, column).data(CartModel::RawValueRole); };
    QCOMPARE(raw(CartModel::CodeColumn).toString(), e.code);
    QCOMPARE(raw(CartModel::ProductColumn).toString(), e.product);
    QCOMPARE(raw(CartModel::QuantityColumn).toLongLong(), e.quantity);
    QCOMPARE(raw(CartModel::UnitPriceColumn).toString(),
             Decimal::fromUnits(e.unitPrice).toString());
    QCOMPARE(raw(CartModel::LineTotalColumn).toString(),
             Decimal::fromUnits(e.lineTotal).toString());
    QCOMPARE(raw(CartModel::StockColumn).toLongLong(), e.onHand);
    QCOMPARE(raw(CartModel::RuleColumn).toString(), QStringLiteral("list"));
    QCOMPARE(raw(CartModel::PackColumn).toLongLong(), 1);
    QCOMPARE(model.index(row, 0).data(CartModel::SkuRole).toString(), sku(1));
    QCOMPARE(model.index(row, 0).data(CartModel::UnitRole).toString(), QStringLiteral("EA"));
    QVERIFY(model.flags(model.index(row, CartModel::QuantityColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(row, CartModel::CodeColumn)) & Qt::ItemIsEditable));
    QCOMPARE(
        model.headerData(CartModel::LineTotalColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Line total"));
}

void tst_CartModel::sorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    for (int column : {int(CartModel::CodeColumn), int(CartModel::ProductColumn),
                       int(CartModel::QuantityColumn), int(CartModel::UnitPriceColumn),
                       int(CartModel::LineTotalColumn), int(CartModel::StockColumn)}) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QTest::addRow("column %d %s", column, order == Qt::AscendingOrder ? "asc" : "desc")
                << column << int(order);
        }
    }
}

void tst_CartModel::sorts()
{
    QFETCH(int, column);
    QFETCH(int, order);

    Fixture f(CartModel::BatchSize + 30);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(model.rowCount(), CartModel::BatchSize); // still lazy
    fetchAll(model);
    QCOMPARE(model.rowCount(), f.lines.size());

    // The expected order, computed here from what the test put in: by the column's value,
    // ties in the order lines were added (reversed when descending).
    QList<Expected> expected = f.lines;
    auto key = [column](const Expected &e) -> std::variant<QString, qint64> {
        switch (column) {
        case CartModel::CodeColumn:
            return e.code.toLower();
        case CartModel::ProductColumn:
            return e.product.toLower();
        case CartModel::QuantityColumn:
            return e.quantity;
        case CartModel::UnitPriceColumn:
            return e.unitPrice;
        case CartModel::LineTotalColumn:
            return e.lineTotal;
        }
        return e.onHand;
    };
    std::stable_sort(expected.begin(), expected.end(), [&](const Expected &a, const Expected &b) {
        const auto ka = key(a);
        const auto kb = key(b);
        if (ka != kb)
            return order == Qt::AscendingOrder ? ka < kb : kb < ka;
        return order == Qt::AscendingOrder ? a.lineId < b.lineId : b.lineId < a.lineId;
    });
    QList<qint64> ids;
    for (const Expected &e : std::as_const(expected))
        ids << e.lineId;
    QCOMPARE(lineIds(model), ids);
}

void tst_CartModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count"); // of 30 lines: 10 gloves (i % 3 == 0)

    QTest::newRow("none") << QString() << 30;
    QTest::newRow("product name") << QStringLiteral("nitrile") << 10;
    QTest::newRow("product name, other case") << QStringLiteral("HEX BOLT") << 20;
    QTest::newRow("code") << QStringLiteral("cm-0001") << 10; // CM-00010 .. CM-00019
    QTest::newRow("exact code") << QStringLiteral("CM-00007") << 1;
    QTest::newRow("LIKE wildcard is literal") << QStringLiteral("%") << 0;
    QTest::newRow("underscore is literal") << QStringLiteral("CM_0") << 0;
    QTest::newRow("no match") << QStringLiteral("washer") << 0;
}

void tst_CartModel::filters()
{
    QFETCH(QString, text);
    QFETCH(int, count);

    Fixture f(30);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    model.setFilterText(text);
    fetchAll(model);
    QCOMPARE(model.rowCount(), count);
    QCOMPARE(model.matchingLineCount(), count);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString code = model.index(row, CartModel::CodeColumn).data().toString();
        const QString product = model.index(row, CartModel::ProductColumn).data().toString();
        QVERIFY2(code.contains(text, Qt::CaseInsensitive) ||
                     product.contains(text, Qt::CaseInsensitive),
                 qPrintable(code + QLatin1Char(' ') + product));
    }
    // Sorting keeps the filter.
    model.sort(CartModel::QuantityColumn, Qt::DescendingOrder);
    fetchAll(model);
    QCOMPARE(model.rowCount(), count);
}

void tst_CartModel::editsQuantity()
{
    Fixture f(3);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    QSignalSpy edited(&model, &CartModel::lineEdited);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex quantity = model.index(2, CartModel::QuantityColumn);
    const qint64 lineId = quantity.data(CartModel::LineIdRole).toLongLong();
    QVERIFY(model.setData(quantity, 777));
    QCOMPARE(quantity.data(Qt::EditRole).toLongLong(), 777);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.at(0).at(0).toLongLong(), lineId);
    QCOMPARE(changed.size(), 1);
    // The edit went through the store: it is in the cache, and undoable there.
    CartStore store(*f.db);
    QCOMPARE(store.line(lineId)->quantity, 777);
    // The stored price no longer matches the quantity: it is cleared until re-priced.
    QVERIFY(model.index(2, CartModel::LineTotalColumn).data(CartModel::RawValueRole).isNull());
    QString error;
    QVERIFY(store.undo(f.cartId, &error));
    model.reload();
    QCOMPARE(model.index(2, CartModel::QuantityColumn).data(Qt::EditRole).toLongLong(),
             f.lines.at(2).quantity);
}

void tst_CartModel::changesPack()
{
    Fixture f(3);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    const QModelIndex pack = model.index(1, CartModel::PackColumn);
    QVERIFY(model.flags(pack).testFlag(Qt::ItemIsEditable));
    // The choices are the product's packs, smallest first, each with its unit of measure.
    const QVariantList choices = pack.data(CartModel::PacksRole).toList();
    QCOMPARE(choices.size(), 2);
    QCOMPARE(choices.at(0).toMap().value(QStringLiteral("uom")).toString(), QStringLiteral("EA"));
    QCOMPARE(choices.at(1).toMap().value(QStringLiteral("uom")).toString(), QStringLiteral("BX"));
    QCOMPARE(pack.data(Qt::EditRole).toString(), QStringLiteral("EA"));

    QSignalSpy edited(&model, &CartModel::lineEdited);
    const qint64 lineId = pack.data(CartModel::LineIdRole).toLongLong();
    QVERIFY2(model.setData(pack, QStringLiteral("BX")), qPrintable(model.lastError()));
    QCOMPARE(model.index(1, CartModel::PackColumn).data(Qt::EditRole).toString(),
             QStringLiteral("BX"));
    QVERIFY(model.index(1, CartModel::PackColumn).data().toString().startsWith(u"Box"));
    QCOMPARE(edited.size(), 1);
    CartStore store(*f.db);
    QCOMPARE(store.line(lineId)->uom, QStringLiteral("BX"));
    QCOMPARE(store.line(lineId)->quantity, f.lines.at(1).quantity);
    // Undoable like every other edit.
    QString error;
    QVERIFY(store.undo(f.cartId, &error));
    QCOMPARE(store.line(lineId)->uom, QStringLiteral("EA"));
}

void tst_CartModel::packChangeMergesWithTheLineOfThatPack()
{
    Fixture f(2);
    CartStore store(*f.db);
    QString error;
    NewLine box;
    box.code = sku(0);
    box.sku = sku(0);
    box.uom = QStringLiteral("BX");
    box.quantity = 2;
    const auto boxLine = store.addLine(f.cartId, box, &error);
    QVERIFY2(boxLine, qPrintable(error));
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    QCOMPARE(model.rowCount(), 3);
    const int eachRow = model.rowOfLine(f.lines.at(0).lineId);
    QVERIFY(eachRow >= 0);
    QSignalSpy edited(&model, &CartModel::lineEdited);
    QVERIFY2(model.setData(model.index(eachRow, CartModel::PackColumn), QStringLiteral("BX")),
             qPrintable(model.lastError()));
    // The each line joined the box line: one line of that SKU remains, in boxes.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(edited.size(), 1);
    const QList<CartLine> lines = store.lines(f.cartId);
    const auto ofSku = std::count_if(lines.cbegin(), lines.cend(),
                                     [&](const CartLine &l) { return l.sku == sku(0); });
    QCOMPARE(ofSku, 1);
    QCOMPARE(store.findLine(f.cartId, sku(0), QStringLiteral("BX"))->id,
             edited.at(0).at(0).toLongLong());
}

void tst_CartModel::refusesUnknownPack()
{
    Fixture f(2);
    CartModel model(*f.db);
    model.setCart(f.cartId);
    const QModelIndex pack = model.index(0, CartModel::PackColumn);
    QVERIFY(!model.setData(pack, QString()));
    QVERIFY(!model.lastError().isEmpty());
    QCOMPARE(pack.data(Qt::EditRole).toString(), QStringLiteral("EA"));
    CartStore store(*f.db);
    QCOMPARE(store.line(pack.data(CartModel::LineIdRole).toLongLong())->uom, QStringLiteral("EA"));
}

void tst_CartModel::refusesBadQuantity_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("zero") << QVariant(0)
                          << QStringLiteral("quantity 0 is out of range (1 to 1000000000)");
    QTest::newRow("negative") << QVariant(-5)
                              << QStringLiteral("quantity -5 is out of range (1 to 1000000000)");
    QTest::newRow("text") << QVariant(QStringLiteral("ten"))
                          << QStringLiteral("'ten' is not a whole number");
    QTest::newRow("fraction") << QVariant(QStringLiteral("1.5"))
                              << QStringLiteral("'1.5' is not a whole number");
}

void tst_CartModel::refusesBadQuantity()
{
    QFETCH(QVariant, value);
    QFETCH(QString, error);

    Fixture f(2);
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    QSignalSpy edited(&model, &CartModel::lineEdited);
    const QModelIndex quantity = model.index(0, CartModel::QuantityColumn);
    QVERIFY(!model.setData(quantity, value));
    QCOMPARE(model.lastError(), error);
    QCOMPARE(quantity.data(Qt::EditRole).toLongLong(), f.lines.at(0).quantity);
    QCOMPARE(CartStore(*f.db).line(f.lines.at(0).lineId)->quantity, f.lines.at(0).quantity);
    QCOMPARE(edited.size(), 0);
    // Other columns are not editable.
    QVERIFY(!model.setData(model.index(0, CartModel::CodeColumn), QStringLiteral("X")));
}

void tst_CartModel::unknownProductStillShows()
{
    Fixture f(2);
    CartStore store(*f.db);
    QString error;
    NewLine l;
    l.code = QStringLiteral("GONE-1");
    l.sku = QStringLiteral("GONE-1");
    l.uom = QStringLiteral("EA");
    l.quantity = 4;
    QVERIFY(store.addLine(f.cartId, l, &error));
    CartModel model(*f.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCart(f.cartId);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, CartModel::ProductColumn).data().toString(), QStringLiteral("GONE-1"));
    QVERIFY(model.index(2, CartModel::StockColumn).data(CartModel::RawValueRole).isNull());
    // Lines without a value sort last in both directions.
    model.sort(CartModel::ProductColumn, Qt::AscendingOrder);
    QCOMPARE(model.index(2, CartModel::CodeColumn).data().toString(), QStringLiteral("GONE-1"));
    model.sort(CartModel::ProductColumn, Qt::DescendingOrder);
    QCOMPARE(model.index(2, CartModel::CodeColumn).data().toString(), QStringLiteral("GONE-1"));
}

QTEST_GUILESS_MAIN(tst_CartModel)
#include "tst_cartmodel.moc"
