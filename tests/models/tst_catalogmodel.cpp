#include "catalogfixtures.h"

#include "models/catalogmodel.h"
#include "models/catalogstore.h"
#include "models/database.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

QString sku(int n)
{
    return QStringLiteral("HIS-%1").arg(n, 5, 10, QChar(u'0'));
}

// `bolts` products named "Hex bolt ..." and `gloves` named "Nitrile gloves ...", with
// prices and stock for the first one.
struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    Cache(int bolts, int gloves)
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        QList<Product> products;
        for (int i = 0; i < bolts + gloves; ++i) {
            products << product(sku(i),
                                i < bolts ? QStringLiteral("Hex bolt M8 \u00d7 %1 mm").arg(i)
                                          : QStringLiteral("Nitrile gloves %1").arg(i),
                                i + 1);
        }
        if (products.size() > 1)
            products[1].discontinued = true;
        CatalogStore store(*db);
        const ProductPrices price =
            prices(sku(0), {rule(PriceRule::Kind::List, "EA", 1, "1234.5000")});
        if (!fillCache(store, products, {price}, {stock(sku(0), {1000, 234})}))
            qFatal("cannot fill the cache");
    }
};

} // namespace

class tst_CatalogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsLazilyInBatches();
    void searchSwitchesContents();
    void searchStopsAtLimit();
    void rolesAndFormatting();
    void headers();
    void emptyCache();
};

void tst_CatalogModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_CatalogModel::loadsLazilyInBatches()
{
    const int total = 2 * CatalogModel::BatchSize + 50;
    Cache c(total, 0);
    CatalogModel model(*c.db);
    QCOMPARE(model.rowCount(), CatalogModel::BatchSize);
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * CatalogModel::BatchSize);
    QCOMPARE(inserted.count(), 1);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), total);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), total);
    // Rows come in SKU order without gaps or repeats across batches.
    for (int row = 0; row < total; ++row)
        QCOMPARE(model.index(row, CatalogModel::SkuColumn).data().toString(), sku(row));

    // The tester fetches on its own (as a view does); the model stays consistent.
    model.reload();
    QCOMPARE(model.rowCount(), CatalogModel::BatchSize);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), total);
}

void tst_CatalogModel::searchSwitchesContents()
{
    Cache c(30, 12);
    CatalogModel model(*c.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 42);
    QVERIFY(!model.canFetchMore({}));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSearchText(QStringLiteral("glov"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.searchText(), QStringLiteral("glov"));
    QCOMPARE(model.rowCount(), 12);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, CatalogModel::NameColumn)
                    .data()
                    .toString()
                    .startsWith(u"Nitrile gloves"));

    model.setSearchText(QStringLiteral("glov")); // unchanged: no reset
    QCOMPARE(reset.count(), 1);
    model.setSearchText(QStringLiteral("  ")); // blank browses again
    QCOMPARE(model.rowCount(), 42);
    model.setSearchText(QStringLiteral("\"AND ("));
    QCOMPARE(model.rowCount(), 0);
    model.setSearchText(QString());
    QCOMPARE(model.rowCount(), 42);
    model.reload();
    QCOMPARE(model.rowCount(), 42);
}

void tst_CatalogModel::searchStopsAtLimit()
{
    Cache c(CatalogModel::SearchLimit + 100, 0);
    CatalogModel model(*c.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearchText(QStringLiteral("hex"));
    QVERIFY(model.rowCount() >= CatalogModel::BatchSize);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), CatalogModel::SearchLimit);
    QCOMPARE(model.loadedRows(), CatalogModel::SearchLimit);
}

void tst_CatalogModel::rolesAndFormatting()
{
    Cache c(3, 0);
    CatalogModel model(*c.db);
    model.setPriceDate(QDate(2024, 3, 1));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto at = [&](int row, int column, int role) {
        return model.index(row, column).data(role);
    };

    QCOMPARE(at(0, CatalogModel::SkuColumn, Qt::DisplayRole).toString(), sku(0));
    QCOMPARE(at(2, CatalogModel::NameColumn, CatalogModel::SkuRole).toString(), sku(2));
    QCOMPARE(at(0, CatalogModel::NameColumn, Qt::DisplayRole).toString(),
             QStringLiteral("Hex bolt M8 \u00d7 0 mm"));
    QCOMPARE(at(0, CatalogModel::PackColumn, Qt::DisplayRole).toString(), QStringLiteral("Each"));

    QCOMPARE(at(0, CatalogModel::PriceColumn, CatalogModel::RawValueRole).toString(),
             QStringLiteral("1234.5000"));
    QCOMPARE(at(0, CatalogModel::PriceColumn, Qt::DisplayRole).toString(),
             QStringLiteral("1,234.50\u00a0USD"));
    QVERIFY(!at(1, CatalogModel::PriceColumn, CatalogModel::RawValueRole).isValid());
    QCOMPARE(at(1, CatalogModel::PriceColumn, Qt::DisplayRole).toString(), QString());

    const QVariant rawStock = at(0, CatalogModel::StockColumn, CatalogModel::RawValueRole);
    QCOMPARE(rawStock.metaType(), QMetaType::fromType<qint64>());
    QCOMPARE(rawStock.toLongLong(), 1234);
    QCOMPARE(at(0, CatalogModel::StockColumn, Qt::DisplayRole).toString(), QStringLiteral("1,234"));
    QCOMPARE(at(1, CatalogModel::StockColumn, CatalogModel::RawValueRole).toLongLong(), 0);

    QCOMPARE(at(0, CatalogModel::SkuColumn, CatalogModel::DiscontinuedRole).toBool(), false);
    QCOMPARE(at(1, CatalogModel::SkuColumn, CatalogModel::DiscontinuedRole).toBool(), true);
    QVERIFY(at(0, CatalogModel::PriceColumn, Qt::TextAlignmentRole).toInt() & Qt::AlignRight);

    // Another locale formats the same raw values its own way.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(at(0, CatalogModel::PriceColumn, Qt::DisplayRole).toString(),
             QStringLiteral("1.234,50\u00a0USD"));
    QCOMPARE(at(0, CatalogModel::PriceColumn, CatalogModel::RawValueRole).toString(),
             QStringLiteral("1234.5000"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_CatalogModel::headers()
{
    Cache c(1, 0);
    CatalogModel model(*c.db);
    QCOMPARE(model.columnCount(), int(CatalogModel::ColumnCount));
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    QCOMPARE(headers,
             (QStringList{QStringLiteral("SKU"), QStringLiteral("Name"), QStringLiteral("Pack"),
                          QStringLiteral("Your price"), QStringLiteral("In stock")}));
}

void tst_CatalogModel::emptyCache()
{
    Cache c(0, 0);
    CatalogModel model(*c.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setSearchText(QStringLiteral("bolt"));
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_CatalogModel)
#include "tst_catalogmodel.moc"
