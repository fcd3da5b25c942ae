// An order from the cart page to the portal, through the desktop app against a real
// qm-portal (--demo): signed in and synced, a product in the cart, Ctrl+Enter opens the submit
// dialog with the account's ship-to locations, Submit queues the order and the Outbox page
// shows it queued before anything is sent; the push that follows sends it, and the outbox
// shows it sent with the portal's number. The portal has exactly that one order under the
// order's id.
#include "models/cartstore.h"
#include "models/catalogquery.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "models/profile.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "sync/syncengine.h"
#include "ui/appcontroller.h"
#include "ui/cartview.h"
#include "ui/mainwindow.h"
#include "ui/outboxmodel.h"
#include "ui/outboxview.h"
#include "ui/signindialog.h"
#include "ui/submitorderdialog.h"
#include "uitestmain.h"

#include "core/clock.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

using namespace qm;

class tst_MainWindowOrders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void submitFromTheCartUntilSent();

private:
    qm::test::PortalProcess m_portal;
};

void tst_MainWindowOrders::initTestCase()
{
    qRegisterMetaType<qm::SyncResult>();
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
}

void tst_MainWindowOrders::cleanupTestCase()
{
    m_portal.stop();
}

void tst_MainWindowOrders::submitFromTheCartUntilSent()
{
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
        ->setText(QStringLiteral("buyer@bayside.example"));
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

    // A product that is priced and has no minimum or case rule goes into the cart.
    QString error;
    auto db = Database::open(profiles::cachePath(profile.path()), &error);
    QVERIFY2(db, qPrintable(error));
    QVERIFY2(OrderStore(*db).account(), "the sync did not bring the account");
    const CatalogQuery catalog(*db);
    QString sku;
    QString uom;
    for (const ProductSummary &p : catalog.browse({}, 300, clock::today())) {
        const auto details = catalog.product(p.sku);
        if (p.yourPrice && !p.discontinued && details && details->product.minOrderQty <= 1 &&
            details->product.orderMultiple <= 1) {
            sku = p.sku;
            uom = details->product.baseUom;
            break;
        }
    }
    QVERIFY(!sku.isEmpty());
    const qint64 cartId = window->cartView()->currentCartId();
    QVERIFY(cartId != 0);
    NewLine line;
    line.code = sku;
    line.sku = sku;
    line.uom = uom;
    line.quantity = 2;
    QVERIFY2(CartStore(*db).addLine(cartId, line, &error), qPrintable(error));
    window->cartView()->refresh();
    window->showPage(MainWindow::Page::Cart);
    QVERIFY(window->cartView()->submitAction()->isEnabled());

    // Ctrl+Enter on the cart page: the dialog with the account's locations, default first.
    QString shipToShown;
    QString outboxStateInDialog = QStringLiteral("not opened");
    connect(window, &MainWindow::submitDialogOpened, this, [&](SubmitOrderDialog *dialog) {
        QTimer::singleShot(0, dialog, [&, dialog] {
            shipToShown = dialog->shipToBox()->currentData().toString();
            outboxStateInDialog = QString::number(OrderStore(*db).outbox().size());
            dialog->poNumberEdit()->setText(QStringLiteral("PO-E2E-1"));
            QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
            if (dialog->isVisible())
                dialog->reject(); // a failed submit must not hang the test
        });
    });
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    window->cartView()->table()->setFocus();
    QTest::keyClick(window->cartView()->table(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(shipToShown, QStringLiteral("HQ"));
    QCOMPARE(outboxStateInDialog, QStringLiteral("0"));

    // Queued, shown on the Outbox page and in the status bar, before any answer.
    const QList<OutboxOrder> outbox = OrderStore(*db).outbox();
    QCOMPARE(outbox.size(), 1);
    const QString clientOrderId = outbox.first().clientOrderId;
    QCOMPARE(window->currentPage(), MainWindow::Page::Outbox);
    OutboxModel *model = window->outboxView()->model();
    QCOMPARE(model->rowCount(), 1);
    QVERIFY2(window->statusBar()->currentMessage().startsWith(QStringLiteral("Queued order")),
             qPrintable(window->statusBar()->currentMessage()));
    QCOMPARE(window->outboxView()->currentOrder()->clientOrderId, clientOrderId);
    // The cart became the order: archived, and the cart page is on a fresh cart.
    QVERIFY(CartStore(*db).cart(cartId)->archived);
    QVERIFY(window->cartView()->currentCartId() != cartId);
    QCOMPARE(window->cartView()->lineCount(), 0);

    // The push that follows sends it: sent, with the portal's number, on the page too.
    QTRY_VERIFY_WITH_TIMEOUT(OrderStore(*db).outboxOrder(clientOrderId)->state == OutboxState::Sent,
                             60000);
    const auto sent = OrderStore(*db).outboxOrder(clientOrderId);
    QVERIFY(!sent->orderNumber.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0, OutboxModel::StateColumn).data().toString(),
                              QStringLiteral("Sent"), 30000);
    QCOMPARE(model->index(0, OutboxModel::NumberColumn).data().toString(), sent->orderNumber);
    QVERIFY(window->outboxSummaryLabel()->isHidden());

    // The portal has exactly this one order under the id.
    test::HttpClient http(m_portal.url());
    const QString token = http.accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!token.isEmpty());
    const test::HttpResponse placed =
        http.get(QStringLiteral("/api/v1/orders/") + sent->orderNumber, token);
    QCOMPARE(placed.status, 200);
    QCOMPARE(placed.json().value(QStringLiteral("client_order_id")).toString(), clientOrderId);
    QCOMPARE(placed.json().value(QStringLiteral("po_number")).toString(),
             QStringLiteral("PO-E2E-1"));
    int withId = 0;
    QString after = QStringLiteral("0");
    for (bool more = true; more;) {
        const test::HttpResponse page =
            http.get(QStringLiteral("/api/v1/sync/orders?after=%1&limit=1000").arg(after), token);
        QCOMPARE(page.status, 200);
        for (const QJsonValue &item : page.json().value(QStringLiteral("items")).toArray()) {
            if (item.toObject()
                    .value(QStringLiteral("data"))
                    .toObject()
                    .value(QStringLiteral("client_order_id"))
                    .toString() == clientOrderId)
                ++withId;
        }
        more = page.json().value(QStringLiteral("has_more")).toBool();
        after = page.json().value(QStringLiteral("next")).toVariant().toString();
    }
    QCOMPARE(withId, 1);
}

QM_UI_TEST_MAIN(tst_MainWindowOrders)
#include "tst_mainwindoworders.moc"
