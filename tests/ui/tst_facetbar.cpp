// The catalog's facet filters in the main window: counts follow the search, choosing a
// value narrows the table, everything is reachable and usable from the keyboard.
#include "uitestmain.h"

#include "models/catalogfixtures.h"
#include "models/catalogmodel.h"
#include "models/database.h"
#include "ui/facetbar.h"
#include "ui/mainwindow.h"
#include "ui/searchfield.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QTableView>

using namespace qm;
using namespace qm::test;

namespace {

// HB-100 hex bolt (Harbor Pro, steel, in stock), HB-200 hex bolt (Boltex, stainless, none
// on hand), HN-300 hex nut (Harbor Pro, brass, in stock), GL-400 gloves (SafeHands).
struct FacetFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    FacetFixture()
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        Product bolt = product(QStringLiteral("HB-100"), QStringLiteral("Hex bolt M10"), 1);
        Product stainless = product(QStringLiteral("HB-200"), QStringLiteral("Hex bolt M12"), 2);
        stainless.brand = QStringLiteral("Boltex");
        stainless.attributes[QStringLiteral("material")] = QStringLiteral("Stainless steel");
        Product nut = product(QStringLiteral("HN-300"), QStringLiteral("Hex nut M10"), 3);
        nut.categoryPath = {QStringLiteral("Fasteners"), QStringLiteral("Nuts")};
        nut.attributes[QStringLiteral("material")] = QStringLiteral("Brass");
        Product gloves = product(QStringLiteral("GL-400"), QStringLiteral("Nitrile gloves"), 4);
        gloves.brand = QStringLiteral("SafeHands");
        gloves.categoryPath = {QStringLiteral("PPE"), QStringLiteral("Gloves")};
        CatalogStore store(*db);
        if (!fillCache(store, {bolt, stainless, nut, gloves}, {},
                       {stock(bolt.sku, {10}), stock(stainless.sku, {0}), stock(nut.sku, {5})}, {}))
            qFatal("cannot fill the cache");
    }
};

QStringList items(const QComboBox *box)
{
    QStringList out;
    for (int i = 0; i < box->count(); ++i)
        out << box->itemText(i);
    return out;
}

QStringList shownSkus(const CatalogModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, CatalogModel::SkuColumn).data(CatalogModel::SkuRole).toString();
    return out;
}

} // namespace

class tst_FacetBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filtersFromTheKeyboard();
    void selectionSurvivesANewSearch();
    void typingSlipsAreShown();
};

void tst_FacetBar::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void tst_FacetBar::filtersFromTheKeyboard()
{
    FacetFixture f;
    MainWindow window(*f.db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    CatalogModel *model = window.catalogModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FacetBar *facets = window.facetBar();
    QVERIFY(facets);

    // The whole catalog before anything is typed.
    QCOMPARE(items(facets->brandBox()),
             (QStringList{QStringLiteral("All brands"), QStringLiteral("Harbor Pro (2)"),
                          QStringLiteral("Boltex (1)"), QStringLiteral("SafeHands (1)")}));
    QCOMPARE(facets->inStockBox()->text(), QStringLiteral("In stock only (2)"));

    // Typing recounts for the search.
    SearchField *search = window.searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("hex"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("hex"));
    QCOMPARE(model->rowCount(), 3);
    QTRY_COMPARE(items(facets->brandBox()),
                 (QStringList{QStringLiteral("All brands"), QStringLiteral("Harbor Pro (2)"),
                              QStringLiteral("Boltex (1)")}));
    QCOMPARE(items(facets->categoryBox()),
             (QStringList{QStringLiteral("All categories"), QStringLiteral("Bolts (2)"),
                          QStringLiteral("Nuts (1)")}));
    QCOMPARE(items(facets->materialBox()),
             (QStringList{QStringLiteral("All materials"), QStringLiteral("Brass (1)"),
                          QStringLiteral("Stainless steel (1)"), QStringLiteral("Steel (1)")}));

    // Tab leads from the search field to the facets; arrow keys choose a value.
    QTest::keyClick(search, Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(facets->categoryBox()));
    QTest::keyClick(facets->categoryBox(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(facets->brandBox()));
    QTest::keyClick(facets->brandBox(), Qt::Key_Down);
    QCOMPARE(facets->filter().brand, QStringLiteral("Harbor Pro"));
    QCOMPARE(shownSkus(model), (QStringList{QStringLiteral("HB-100"), QStringLiteral("HN-300")}));
    // The other facets count under the brand; the brand facet keeps its alternatives.
    QCOMPARE(items(facets->categoryBox()),
             (QStringList{QStringLiteral("All categories"), QStringLiteral("Bolts (1)"),
                          QStringLiteral("Nuts (1)")}));
    QCOMPARE(items(facets->brandBox()),
             (QStringList{QStringLiteral("All brands"), QStringLiteral("Harbor Pro (2)"),
                          QStringLiteral("Boltex (1)")}));
    QCOMPARE(facets->brandBox()->currentIndex(), 1);

    // Material: Brass narrows to the nut.
    QTest::keyClick(facets->brandBox(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(facets->materialBox()));
    QCOMPARE(items(facets->materialBox()),
             (QStringList{QStringLiteral("All materials"), QStringLiteral("Brass (1)"),
                          QStringLiteral("Steel (1)")}));
    QTest::keyClick(facets->materialBox(), Qt::Key_Down);
    QCOMPARE(shownSkus(model), QStringList{QStringLiteral("HN-300")});
    QTest::keyClick(facets->materialBox(), Qt::Key_Up);
    QCOMPARE(facets->filter().material, QString());
    QCOMPARE(model->rowCount(), 2);

    // In stock only, with the space bar; then Tab reaches the results.
    QTest::keyClick(facets->materialBox(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(facets->inStockBox()));
    QTest::keyClick(facets->inStockBox(), Qt::Key_Space);
    QVERIFY(facets->filter().inStockOnly);
    QCOMPARE(shownSkus(model), (QStringList{QStringLiteral("HB-100"), QStringLiteral("HN-300")}));
    QTest::keyClick(facets->brandBox(), Qt::Key_Up); // back to all brands
    QCOMPARE(facets->filter().brand, QString());
    QCOMPARE(shownSkus(model), (QStringList{QStringLiteral("HB-100"), QStringLiteral("HN-300")}));
    QTest::keyClick(facets->inStockBox(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window.catalogView()));

    // Clearing the search keeps the filter: the browsed catalog is narrowed too.
    facets->inStockBox()->setChecked(false);
    QCOMPARE(model->rowCount(), 3);
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_COMPARE(model->searchText(), QString());
    QCOMPARE(model->rowCount(), 4);
    QTRY_COMPARE(items(facets->categoryBox()),
                 (QStringList{QStringLiteral("All categories"), QStringLiteral("Bolts (2)"),
                              QStringLiteral("Nuts (1)"), QStringLiteral("Gloves (1)")}));
    QTest::keyClick(facets->categoryBox(), Qt::Key_End);
    QCOMPARE(facets->filter().category, QStringLiteral("PPE > Gloves"));
    QCOMPARE(shownSkus(model), QStringList{QStringLiteral("GL-400")});
}

void tst_FacetBar::selectionSurvivesANewSearch()
{
    FacetFixture f;
    MainWindow window(*f.db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CatalogModel *model = window.catalogModel();
    FacetBar *facets = window.facetBar();
    const int boltex = facets->brandBox()->findData(QStringLiteral("Boltex"));
    QVERIFY(boltex > 0);
    facets->brandBox()->setCurrentIndex(boltex);
    QCOMPARE(shownSkus(model), QStringList{QStringLiteral("HB-200")});

    // A search Boltex has nothing for: the choice stays, with a count of 0, and nothing shows.
    QTest::keyClicks(window.searchField(), QStringLiteral("nut"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("nut"));
    QCOMPARE(model->rowCount(), 0);
    QTRY_COMPARE(facets->brandBox()->currentText(), QStringLiteral("Boltex (0)"));
    QCOMPARE(facets->filter().brand, QStringLiteral("Boltex"));
    QVERIFY(items(facets->brandBox()).contains(QStringLiteral("Harbor Pro (1)")));
}

// A word typed with a slip finds what was meant, and the bar says what was searched for
// instead; the note goes when the slip is mended.
void tst_FacetBar::typingSlipsAreShown()
{
    FacetFixture f;
    MainWindow window(*f.db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CatalogModel *model = window.catalogModel();
    QLabel *note = window.facetBar()->correctionLabel();
    QVERIFY(note->isHidden());

    SearchField *search = window.searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("nitrle"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("nitrle"));
    QCOMPARE(shownSkus(model), QStringList{QStringLiteral("GL-400")});
    QTRY_VERIFY(note->isVisible());
    QCOMPARE(note->text(), QStringLiteral("Searched for “nitrile” instead of “nitrle”"));
    QTRY_COMPARE(items(window.facetBar()->brandBox()),
                 (QStringList{QStringLiteral("All brands"), QStringLiteral("SafeHands (1)")}));

    search->clear();
    QTest::keyClicks(search, QStringLiteral("nitrile"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("nitrile"));
    QTRY_VERIFY(note->isHidden());
    QCOMPARE(shownSkus(model), QStringList{QStringLiteral("GL-400")});

    // Where what was searched for instead finds nothing either, the note says nothing.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("nitrle zzqx"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("nitrle zzqx"));
    QCOMPARE(model->rowCount(), 0);
    QTRY_COMPARE(items(window.facetBar()->brandBox()), QStringList{QStringLiteral("All brands")});
    QVERIFY(note->isHidden());
}

QM_UI_TEST_MAIN(tst_FacetBar)
#include "tst_facetbar.moc"
