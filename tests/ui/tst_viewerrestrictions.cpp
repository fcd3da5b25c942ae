// What the main window offers for each role: over a fixture cache, a profile with the
// capabilities of a viewer (with and without prices), a buyer, an approver and a role that may
// fill carts but not place orders. Pages shown, actions enabled, the explanations in tooltips
// and the status bar, and nothing written to the cart when a refused action is triggered
// anyway. One end-to-end run signs in as a Cedar Ridge viewer (no prices) against a real
// qm-portal --demo through the AppController.
#include "cartfixture.h"
#include "historyfixture.h"
#include "uitestmain.h"

#include "core/permissions.h"
#include "models/cartstore.h"
#include "models/catalogmodel.h"
#include "models/liststore.h"
#include "models/orderstore.h"
#include "models/profile.h"
#include "support/portalprocess.h"
#include "sync/syncengine.h"
#include "ui/appcontroller.h"
#include "ui/approvalsview.h"
#include "ui/cartview.h"
#include "ui/listsview.h"
#include "ui/mainwindow.h"
#include "ui/orderdetailview.h"
#include "ui/orderhistoryview.h"
#include "ui/outboxview.h"
#include "ui/productdetailview.h"
#include "ui/quickorderview.h"
#include "ui/signindialog.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>

using namespace qm;
using namespace qm::test;

namespace {
const QString ViewerRefusal = QStringLiteral(
    "Your role (viewer) cannot order. Ask your account administrator for the buyer role.");

ProfileInfo profileFor(const QString &role, const QStringList &permissions)
{
    ProfileInfo info;
    info.portal = QUrl(QStringLiteral("https://portal.example"));
    info.username = role + QStringLiteral("@bayside.example");
    info.displayName = QStringLiteral("Pat Example");
    info.role = role;
    info.permissions = permissions;
    info.accountCode = QStringLiteral("BAY-001");
    info.accountName = QStringLiteral("Bayside Marine Services");
    info.currency = QStringLiteral("USD");
    info.portalName = QStringLiteral("Harbor Industrial Supply");
    return info;
}

QStringList without(QStringList caps, const QString &capability)
{
    caps.removeAll(capability);
    return caps;
}

// Every cart line in the cache, archived carts included.
qint64 cartLinesInCache(Database &db)
{
    const CartStore store(db);
    qint64 lines = 0;
    for (const CartInfo &cart : store.carts(true))
        lines += store.lineCount(cart.id);
    return lines;
}

bool tabVisible(MainWindow &window, QWidget *page)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    return tabs->isTabVisible(tabs->indexOf(page));
}
} // namespace

class tst_ViewerRestrictions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagesActionsAndTooltips_data();
    void pagesActionsAndTooltips();
    void refusedActionsWriteNothing_data();
    void refusedActionsWriteNothing();
    void submitNeedsItsOwnCapability();
    void changingTheProfileReappliesTheRules();
    void whatCanIDo();
    void cedarRidgeViewerAgainstThePortal();

private:
    static void addColumns();
    static void show(QWidget &widget)
    {
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    // A saved list with a line and a cached order, so that the lists' "Add to Cart" and
    // Reorder have something to act on.
    static void addListAndOrder(Database &db)
    {
        QString error;
        RequisitionListLine line;
        line.sku = QStringLiteral("HB-100");
        line.quantity = dec("5");
        QVERIFY2(ListStore(db).create(QStringLiteral("Weekly"), {line}, &error), qPrintable(error));
        QVERIFY2(OrderStore(db).storeOrder(sampleOrder(), &error), qPrintable(error));
    }

    PortalProcess m_portal;
};

void tst_ViewerRestrictions::initTestCase()
{
    qRegisterMetaType<qm::SyncResult>();
}

void tst_ViewerRestrictions::cleanupTestCase()
{
    m_portal.stop();
}

void tst_ViewerRestrictions::addColumns()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<bool>("orders");    // cart, quick order, outbox, import, scans, reorder
    QTest::addColumn<bool>("prices");    // price column and detail
    QTest::addColumn<bool>("approvals"); // the approvals page
}

void tst_ViewerRestrictions::pagesActionsAndTooltips_data()
{
    addColumns();
    QTest::newRow("viewer with prices")
        << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, true) << false << true << false;
    QTest::newRow("viewer without prices")
        << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, false) << false << false
        << false;
    QTest::newRow("buyer") << QStringLiteral("buyer") << capabilitiesOf(Role::Buyer, true) << true
                           << true << false;
    QTest::newRow("approver") << QStringLiteral("approver") << capabilitiesOf(Role::Approver, true)
                              << true << true << true;
}

void tst_ViewerRestrictions::pagesActionsAndTooltips()
{
    QFETCH(QString, role);
    QFETCH(QStringList, permissions);
    QFETCH(bool, orders);
    QFETCH(bool, prices);
    QFETCH(bool, approvals);

    CartFixture f;
    addListAndOrder(*f.db);
    MainWindow window(*f.db);
    window.setProfile(profileFor(role, permissions));
    show(window);

    // Pages.
    QCOMPARE(tabVisible(window, window.cartView()), orders);
    QCOMPARE(tabVisible(window, window.quickOrderView()), orders);
    QCOMPARE(tabVisible(window, window.outboxView()), orders);
    QCOMPARE(tabVisible(window, window.approvalsView()), approvals);
    QVERIFY(tabVisible(window, window.listsView()));
    QVERIFY(tabVisible(window, window.orderHistoryView()));
    QCOMPARE(window.isPageAvailable(MainWindow::Page::Cart), orders);
    QCOMPARE(window.isPageAvailable(MainWindow::Page::Outbox), orders);
    QCOMPARE(window.cartSummaryLabel()->isVisible(), orders);

    // Import.
    QCOMPARE(window.importAction()->isEnabled(), orders);
    QCOMPARE(window.importAction()->toolTip() == ViewerRefusal, !orders);

    // The catalog's Add to Cart, and the price in the table and the detail pane.
    QVERIFY(window.selectFirstProduct());
    QVERIFY(!window.detailView()->sku().isEmpty());
    QCOMPARE(window.addToCartButton()->isEnabled(), orders);
    QCOMPARE(window.addToCartButton()->toolTip() == ViewerRefusal, !orders);
    QCOMPARE(window.catalogView()->isColumnHidden(CatalogModel::PriceColumn), !prices);
    auto *priceLabel = window.detailView()->findChild<QLabel *>(QStringLiteral("priceLabel"));
    auto *priceRule = window.detailView()->findChild<QLabel *>(QStringLiteral("priceRuleLabel"));
    if (prices) {
        QVERIFY2(priceLabel->text().contains(QStringLiteral(" per ")),
                 qPrintable(priceLabel->text()));
        QVERIFY(!window.detailView()
                     ->findChild<QTableWidget *>(QStringLiteral("priceTable"))
                     ->isHidden());
    } else {
        QCOMPARE(priceLabel->text(), QStringLiteral("Prices not shown"));
        QCOMPARE(priceRule->text(),
                 QStringLiteral("Prices are not shown for your role (viewer) in this account."));
        QVERIFY(window.detailView()
                    ->findChild<QTableWidget *>(QStringLiteral("priceTable"))
                    ->isHidden());
    }

    // Saved lists: Add to Cart and editing.
    ListsView *lists = window.listsView();
    window.showPage(MainWindow::Page::Lists);
    QCOMPARE(lists->listWidget()->count(), 1);
    lists->listWidget()->setCurrentRow(0);
    QVERIFY(!lists->currentListId().isEmpty());
    for (const char *name : {"addListToCart", "newList", "renameList", "deleteList"}) {
        auto *button = lists->findChild<QPushButton *>(QLatin1String(name));
        QVERIFY2(button, name);
        QCOMPARE(button->isEnabled(), orders);
        QCOMPARE(button->toolTip() == ViewerRefusal, !orders);
    }
    QCOMPARE(lists->linesTable()->editTriggers() == QAbstractItemView::NoEditTriggers, !orders);

    // Reorder, and the order's prices.
    window.showPage(MainWindow::Page::Orders);
    QVERIFY(window.orderHistoryView()->selectOrder(sampleOrder().number));
    OrderDetailView *detail = window.orderHistoryView()->detailView();
    QCOMPARE(detail->reorderButton()->isEnabled(), orders);
    QCOMPARE(detail->reorderAllAction()->isEnabled(), orders);
    QCOMPARE(detail->reorderButton()->toolTip() == ViewerRefusal, !orders);
    QCOMPARE(detail->linesTable()->isColumnHidden(OrderDetailView::UnitPriceColumn), !prices);
    QCOMPARE(detail->linesTable()->isColumnHidden(OrderDetailView::LineTotalColumn), !prices);
    QCOMPARE(detail->headerBrowser()->toPlainText().contains(QStringLiteral("892.50")), prices);

    // Submit follows orders:submit, which every role that may order has here.
    QCOMPARE(window.cartView()->submitRefusal().isEmpty(), orders);

    // The user label says what the role allows.
    QVERIFY2(window.userLabel()->toolTip().contains(QStringLiteral("Your role: ") + role),
             qPrintable(window.userLabel()->toolTip()));
}

void tst_ViewerRestrictions::refusedActionsWriteNothing_data()
{
    addColumns();
    QTest::newRow("viewer with prices")
        << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, true) << false << true << false;
    QTest::newRow("viewer without prices")
        << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, false) << false << false
        << false;
    QTest::newRow("buyer") << QStringLiteral("buyer") << capabilitiesOf(Role::Buyer, true) << true
                           << true << false;
}

void tst_ViewerRestrictions::refusedActionsWriteNothing()
{
    QFETCH(QString, role);
    QFETCH(QStringList, permissions);
    QFETCH(bool, orders);

    CartFixture f;
    addListAndOrder(*f.db);
    MainWindow window(*f.db);
    window.setProfile(profileFor(role, permissions));
    show(window);
    const qint64 before = cartLinesInCache(*f.db);
    QCOMPARE(before, 0);

    // A scan looks the product up and shows it; it goes into the cart only for a buyer.
    window.showPage(MainWindow::Page::Catalog);
    window.detailView()->clear();
    window.statusBar()->clearMessage();
    window.handleScan(CartFixture::boltEachGtin());
    QCOMPARE(window.detailView()->sku(), orders ? QString() : QStringLiteral("HB-100"));
    if (orders) {
        QCOMPARE(cartLinesInCache(*f.db), before + 1);
        return; // a buyer's imports open modal dialogs: covered by tst_mainwindowcart
    }
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Hex bolt M10")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY2(window.statusBar()->currentMessage().endsWith(ViewerRefusal),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);

    // Ctrl+I: the explanation, no file dialog.
    window.statusBar()->clearMessage();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    QVERIFY(!QApplication::activeModalWidget());

    // Ctrl+2, Ctrl+3 and Ctrl+6 (cart, quick order, outbox): the explanation, page unchanged.
    for (Qt::Key key : {Qt::Key_2, Qt::Key_3, Qt::Key_6}) {
        window.statusBar()->clearMessage();
        QTest::keyClick(&window, key, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);
        QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    }
    window.showPage(MainWindow::Page::Cart);
    QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);

    // Add to Cart from the detail pane, import, a dropped order file, a paste, reorder and
    // the list's Add to Cart: each refused with the explanation.
    QVERIFY(window.selectFirstProduct());
    window.statusBar()->clearMessage();
    QVERIFY(!window.addShownProductToCart());
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("order.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("code,quantity\nHB-100,4\n");
    file.close();
    window.statusBar()->clearMessage();
    QVERIFY(!window.openDroppedFile(csv));
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    window.statusBar()->clearMessage();
    window.importFile(csv);
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    window.statusBar()->clearMessage();
    window.importText(QStringLiteral("HB-100\t4\nWS-400\t10\n"));
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    window.statusBar()->clearMessage();
    QVERIFY(!window.reorder(sampleOrder().number, {}));
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    window.listsView()->listWidget()->setCurrentRow(0);
    window.statusBar()->clearMessage();
    QVERIFY(!window.listsView()->addCurrentToCart());
    QCOMPARE(window.statusBar()->currentMessage(), ViewerRefusal);
    QVERIFY(!window.listsView()->createList(QStringLiteral("Another")));
    QCOMPARE(window.listsView()->listWidget()->count(), 1);

    QCOMPARE(cartLinesInCache(*f.db), before);
    QCOMPARE(OrderStore(*f.db).outbox().size(), 0);
}

void tst_ViewerRestrictions::submitNeedsItsOwnCapability()
{
    // A role that may fill carts but not place orders: the cart works, Submit explains.
    CartFixture f;
    MainWindow window(*f.db);
    window.setProfile(profileFor(QStringLiteral("buyer"),
                                 without(capabilitiesOf(Role::Buyer, true),
                                         QString::fromUtf16(capabilities::OrdersSubmit))));
    show(window);
    QVERIFY(window.isPageAvailable(MainWindow::Page::Cart));
    window.showPage(MainWindow::Page::Cart);
    window.handleScan(CartFixture::boltEachGtin());
    QCOMPARE(cartLinesInCache(*f.db), 1);
    QCOMPARE(window.cartView()->lineCount(), 1);
    QAction *submit = window.cartView()->submitAction();
    QVERIFY(!submit->isEnabled());
    QCOMPARE(submit->toolTip(),
             QStringLiteral("Your role (buyer) can fill carts but cannot place orders. Ask your "
                            "account administrator for the buyer role."));
    window.statusBar()->clearMessage();
    window.openSubmitDialog(window.cartView()->currentCartId());
    QCOMPARE(window.statusBar()->currentMessage(), submit->toolTip());
    QCOMPARE(OrderStore(*f.db).outbox().size(), 0);

    // With orders:submit, the same cart can be submitted.
    window.setProfile(profileFor(QStringLiteral("buyer"), capabilitiesOf(Role::Buyer, true)));
    QVERIFY(submit->isEnabled());
    QVERIFY(!submit->toolTip().contains(QStringLiteral("cannot")));
}

void tst_ViewerRestrictions::changingTheProfileReappliesTheRules()
{
    // An account switch or a renewed session may bring another role: the window follows.
    CartFixture f;
    MainWindow window(*f.db);
    window.setProfile(profileFor(QStringLiteral("buyer"), capabilitiesOf(Role::Buyer, true)));
    show(window);
    window.showPage(MainWindow::Page::Cart);
    QCOMPARE(window.currentPage(), MainWindow::Page::Cart);
    QVERIFY(window.acceptsScans());

    window.setProfile(profileFor(QStringLiteral("viewer"), capabilitiesOf(Role::Viewer, false)));
    QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);
    QVERIFY(!tabVisible(window, window.cartView()));
    QVERIFY(!window.acceptsScans());
    QVERIFY(window.catalogView()->isColumnHidden(CatalogModel::PriceColumn));
    QVERIFY(!window.importAction()->isEnabled());

    window.setProfile(profileFor(QStringLiteral("buyer"), capabilitiesOf(Role::Buyer, true)));
    QVERIFY(tabVisible(window, window.cartView()));
    QVERIFY(!window.catalogView()->isColumnHidden(CatalogModel::PriceColumn));
    QVERIFY(window.importAction()->isEnabled());
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Cart);
}

void tst_ViewerRestrictions::whatCanIDo()
{
    CartFixture f;
    MainWindow window(*f.db);
    window.setProfile(profileFor(QStringLiteral("viewer"), capabilitiesOf(Role::Viewer, false)));
    show(window);
    window.permissionsAction()->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("permissionsBox"))));
    const QString text = box->text();
    QVERIFY2(text.startsWith(QStringLiteral("Your role: viewer")), qPrintable(text));
    const qsizetype can = text.indexOf(QStringLiteral("You can:"));
    const qsizetype cannot = text.indexOf(QStringLiteral("Not with this role:"));
    QVERIFY(can > 0 && cannot > can);
    // Browsing is allowed; prices and ordering are listed under what the role lacks.
    const qsizetype browse = text.indexOf(QStringLiteral("Browse and search the catalog"));
    const qsizetype prices = text.indexOf(QStringLiteral("See prices and totals"));
    const qsizetype carts = text.indexOf(QStringLiteral("Fill carts"));
    QVERIFY(browse > can && browse < cannot);
    QVERIFY(prices > cannot);
    QVERIFY(carts > cannot);
    box->close();
}

void tst_ViewerRestrictions::cedarRidgeViewerAgainstThePortal()
{
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
    QSettings().clear();
    QTemporaryDir profile;
    AppController controller;
    QSignalSpy synced(&controller, &AppController::syncFinished);
    AppController::Options options;
    options.profileDir = profile.path();
    controller.start(options);

    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    SignInDialog *signIn = controller.signInDialog();
    signIn->findChild<QLineEdit *>(QStringLiteral("portalEdit"))
        ->setText(m_portal.url().toString());
    signIn->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))
        ->setText(QStringLiteral("viewer@cedarridge.example"));
    signIn->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("demo"));
    QTest::mouseClick(signIn->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(controller.mainWindow() && controller.mainWindow()->isVisible(),
                             30000);
    MainWindow *window = controller.mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 120000);
    const auto first = synced.at(0).at(0).value<qm::SyncResult>();
    QVERIFY2(first.ok,
             first.error ? qPrintable(first.error->toLogString()) : qPrintable(first.storageError));

    // The capabilities came from the portal's /me: a viewer without prices.
    QVERIFY(!window->permissions().canOrder());
    QVERIFY(!window->permissions().canSeePrices());
    QVERIFY(!tabVisible(*window, window->cartView()));
    QVERIFY(!tabVisible(*window, window->quickOrderView()));
    QVERIFY(!tabVisible(*window, window->outboxView()));
    QVERIFY(!tabVisible(*window, window->approvalsView()));
    QVERIFY(!window->importAction()->isEnabled());
    QCOMPARE(window->importAction()->toolTip(), ViewerRefusal);

    // The catalog's first rows: products, and no price in any shown column.
    QTableView *table = window->catalogView();
    CatalogModel *model = window->catalogModel();
    QTRY_VERIFY(model->rowCount() >= 20);
    QVERIFY(table->isColumnHidden(CatalogModel::PriceColumn));
    for (int row = 0; row < 20; ++row) {
        QVERIFY(!model->index(row, CatalogModel::SkuColumn).data().toString().isEmpty());
        const QVariant price = model->index(row, CatalogModel::PriceColumn).data();
        QVERIFY2(price.toString().isEmpty(), qPrintable(price.toString()));
        for (int column = 0; column < model->columnCount(); ++column) {
            if (table->isColumnHidden(column))
                continue;
            const QString text = model->index(row, column).data().toString();
            QVERIFY2(!text.contains(QStringLiteral("$")) && !text.contains(QStringLiteral("0.00")),
                     qPrintable(text));
        }
    }
    QVERIFY(window->selectFirstProduct());
    QCOMPARE(window->detailView()->findChild<QLabel *>(QStringLiteral("priceLabel"))->text(),
             QStringLiteral("Prices not shown"));
    QVERIFY(!window->addToCartButton()->isEnabled());
    QCOMPARE(window->addToCartButton()->toolTip(), ViewerRefusal);
}

QM_UI_TEST_MAIN(tst_ViewerRestrictions)
#include "tst_viewerrestrictions.moc"
