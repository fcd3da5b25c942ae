#include "cartfixture.h"
#include "historyfixture.h"
#include "models/cartstore.h"
#include "models/orderstore.h"
#include "ui/cartview.h"
#include "ui/importpreviewdialog.h"
#include "ui/mainwindow.h"
#include "ui/orderdetailview.h"
#include "ui/orderhistoryview.h"
#include "ui/ordermodel.h"
#include "uitestmain.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>

using namespace qm;
using namespace qm::test;

// The order history page over a cache holding four orders of the account: each filter,
// newest first, sorting, the detail following the selection, refresh after a sync, and
// reorder through the import preview (re-priced today, unavailable items flagged).
class tst_OrderHistoryView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filters_data();
    void filters();
    void sortsByTheRawValue();
    void detailFollowsTheSelection();
    void refreshShowsNewOrdersAndKeepsTheSelection();
    void shipToChoicesComeFromTheAccount();
    void reorderAllIntoTheCurrentCart();
    void reorderSelectedIntoANewCart();
    void cancelledReorderLeavesNoNewCart();
    void unknownOrderIsNotReordered();
};

namespace {

Order order(const QString &number, const QDateTime &placedAt, OrderStatus status, const QString &po,
            const QString &shipTo, const QString &by, const QList<OrderLine> &lines,
            const QString &notes = {})
{
    Order o;
    o.number = number;
    o.status = status;
    o.sequence = 1;
    o.placedAt = placedAt;
    o.placedBy = by;
    o.shipTo = shipTo;
    o.poNumber = po;
    o.notes = notes;
    o.currency = QStringLiteral("USD");
    o.lines = lines;
    Decimal total;
    for (const OrderLine &l : lines)
        total = total + l.lineTotal;
    o.subtotal = total;
    o.timeline = {{placedAt, OrderStatus::Submitted, by, QString()}};
    return o;
}

// SO-1 .. SO-4, oldest first. The prices are last year's: a reorder prices them today.
QList<Order> history()
{
    const auto bolt =
        line(1, QStringLiteral("HB-100"), QStringLiteral("Hex bolt M10"), 100, "0.3500", "35.00");
    const auto washer = line(2, QStringLiteral("WS-400"), QStringLiteral("Flat washer M10"), 500,
                             "0.0500", "25.00");
    const auto gloves =
        line(1, QStringLiteral("GL-200"), QStringLiteral("Nitrile gloves"), 40, "0.2500", "10.00");
    const auto old =
        line(1, QStringLiteral("OLD-300"), QStringLiteral("Old bracket"), 3, "2.0000", "6.00");
    auto bolt2 = bolt;
    bolt2.lineNo = 2;
    bolt2.quantity = 1000;
    bolt2.lineTotal = dec("350.00");
    auto washer1 = washer;
    washer1.lineNo = 1;
    return {order(QStringLiteral("SO-1"), utc(2026, 1, 10), OrderStatus::Delivered,
                  QStringLiteral("PO-ALPHA"), QStringLiteral("HQ"), QStringLiteral("Maria Delgado"),
                  {bolt, washer}, QStringLiteral("dock 4")),
            order(QStringLiteral("SO-2"), utc(2026, 3, 5), OrderStatus::PendingApproval,
                  QStringLiteral("PO-beta-7"), QStringLiteral("YARD"),
                  QStringLiteral("Tom Whitaker"), {gloves}),
            order(QStringLiteral("SO-3"), utc(2026, 6, 20), OrderStatus::Shipped, QString(),
                  QStringLiteral("HQ"), QStringLiteral("Maria Delgado"), {old, bolt2},
                  QStringLiteral("urgent, like alpha")),
            order(QStringLiteral("SO-4"), utc(2026, 9, 1), OrderStatus::Cancelled,
                  QStringLiteral("X-99"), QStringLiteral("YARD"), QStringLiteral("Sam Ortiz"),
                  {washer1})};
}

struct HistoryFixture : CartFixture
{
    HistoryFixture()
    {
        OrderStore store(*db);
        QString error;
        if (!store.storeAccount(sampleAccount(), "\"v1\"", &error))
            qFatal("cannot store the account: %s", qPrintable(error));
        for (const Order &o : history())
            if (!store.storeOrder(o, &error))
                qFatal("cannot store %s: %s", qPrintable(o.number), qPrintable(error));
    }
};

QStringList shown(const OrderHistoryView &view)
{
    QStringList numbers;
    for (int r = 0; r < view.proxy()->rowCount(); ++r)
        numbers << view.proxy()->index(r, 0).data(OrderModel::NumberRole).toString();
    return numbers;
}

// "SO-4 SO-3" -> {"SO-4", "SO-3"}
QStringList list(const char *numbers)
{
    return QString::fromLatin1(numbers).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QList<CartLine> cartLines(Database &db, qint64 cartId)
{
    return CartStore(db).lines(cartId);
}

} // namespace

void tst_OrderHistoryView::filters_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("status"); // -1: any
    QTest::addColumn<QString>("po");
    QTest::addColumn<QString>("sku");
    QTest::addColumn<QString>("shipTo");
    QTest::addColumn<QString>("placedBy");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QDate none;
    const QString e;
    QTest::newRow("none, newest first")
        << none << none << -1 << e << e << e << e << e << list("SO-4 SO-3 SO-2 SO-1");
    QTest::newRow("from") << QDate(2026, 3, 5) << none << -1 << e << e << e << e << e
                          << list("SO-4 SO-3 SO-2");
    QTest::newRow("to") << none << QDate(2026, 3, 5) << -1 << e << e << e << e << e
                        << list("SO-2 SO-1");
    QTest::newRow("from and to") << QDate(2026, 2, 1) << QDate(2026, 7, 1) << -1 << e << e << e << e
                                 << e << list("SO-3 SO-2");
    QTest::newRow("status") << none << none << int(OrderStatus::Shipped) << e << e << e << e << e
                            << list("SO-3");
    QTest::newRow("status none") << none << none << int(OrderStatus::Rejected) << e << e << e << e
                                 << e << QStringList{};
    QTest::newRow("po, any case") << none << none << -1 << QStringLiteral("BETA") << e << e << e
                                  << e << list("SO-2");
    QTest::newRow("sku, any case")
        << none << none << -1 << e << QStringLiteral("hb-100") << e << e << e << list("SO-3 SO-1");
    QTest::newRow("ship-to") << none << none << -1 << e << e << QStringLiteral("YARD") << e << e
                             << list("SO-4 SO-2");
    QTest::newRow("placed by") << none << none << -1 << e << e << e << QStringLiteral("maria") << e
                               << list("SO-3 SO-1");
    QTest::newRow("text: PO or notes")
        << none << none << -1 << e << e << e << e << QStringLiteral("alpha") << list("SO-3 SO-1");
    QTest::newRow("text: number") << none << none << -1 << e << e << e << e
                                  << QStringLiteral("so-4") << list("SO-4");
    QTest::newRow("combined") << none << none << int(OrderStatus::Cancelled) << e << e
                              << QStringLiteral("YARD") << QStringLiteral("Sam") << e
                              << list("SO-4");
}

void tst_OrderHistoryView::filters()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, status);
    QFETCH(QString, po);
    QFETCH(QString, sku);
    QFETCH(QString, shipTo);
    QFETCH(QString, placedBy);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    HistoryFixture f;
    OrderHistoryView view(*f.db);
    QAbstractItemModelTester modelTester(view.model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(view.proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(shown(view).size(), 4);

    if (from.isValid())
        view.fromEdit()->setDate(from);
    if (to.isValid())
        view.toEdit()->setDate(to);
    if (status >= 0)
        view.statusBox()->setCurrentIndex(view.statusBox()->findData(status));
    view.poEdit()->setText(po);
    view.skuEdit()->setText(sku);
    if (!shipTo.isEmpty()) {
        const int index = view.shipToBox()->findData(shipTo);
        QVERIFY(index > 0);
        view.shipToBox()->setCurrentIndex(index);
    }
    view.placedByEdit()->setText(placedBy);
    view.textEdit()->setText(text);
    QCOMPARE(shown(view), expected);
    const QString count = view.countLabel()->text();
    QVERIFY2(expected.isEmpty() ? count.contains(QStringLiteral("No order matches"))
                                : count.startsWith(QString::number(expected.size())),
             qPrintable(count));

    const OrderFilter filter = view.filter();
    QCOMPARE(filter.from, from);
    QCOMPARE(filter.to, to);
    QCOMPARE(filter.status.has_value(), status >= 0);

    view.clearFilters();
    QCOMPARE(shown(view), (list("SO-4 SO-3 SO-2 SO-1")));
}

void tst_OrderHistoryView::sortsByTheRawValue()
{
    HistoryFixture f;
    OrderHistoryView view(*f.db);
    // Totals: SO-1 60.00, SO-2 10.00, SO-3 356.00, SO-4 25.00. As text "356.00" < "60.00".
    view.table()->sortByColumn(OrderModel::TotalColumn, Qt::AscendingOrder);
    QCOMPARE(shown(view), (list("SO-2 SO-4 SO-1 SO-3")));
    view.table()->sortByColumn(OrderModel::PlacedAtColumn, Qt::AscendingOrder);
    QCOMPARE(shown(view), (list("SO-1 SO-2 SO-3 SO-4")));
    // The table shows local time and the status in words.
    const QModelIndex placed = view.proxy()->index(0, OrderModel::PlacedAtColumn);
    QCOMPARE(placed.data().toString(),
             QLocale().toString(utc(2026, 1, 10).toLocalTime(), QLocale::ShortFormat));
    QCOMPARE(view.proxy()->index(0, OrderModel::StatusColumn).data().toString(),
             QStringLiteral("Delivered"));
    QCOMPARE(view.proxy()->index(0, OrderModel::ShipToColumn).data().toString(),
             QStringLiteral("Head office"));
    QCOMPARE(view.proxy()->index(0, OrderModel::LinesColumn).data(OrderModel::RawRole).toInt(), 2);
}

void tst_OrderHistoryView::detailFollowsTheSelection()
{
    HistoryFixture f;
    OrderHistoryView view(*f.db);
    QVERIFY(!view.detailView()->order());
    QVERIFY(view.selectOrder(QStringLiteral("SO-2")));
    QCOMPARE(view.detailView()->order()->number, QStringLiteral("SO-2"));
    QVERIFY(view.detailView()->headerBrowser()->toPlainText().contains(
        QStringLiteral("Boatyard (YARD)")));
    view.table()->selectRow(0);
    QCOMPARE(view.currentNumber(), QStringLiteral("SO-4"));

    // A filter that keeps it keeps it shown; one that hides it clears the detail.
    view.shipToBox()->setCurrentIndex(view.shipToBox()->findData(QStringLiteral("YARD")));
    QCOMPARE(view.currentNumber(), QStringLiteral("SO-4"));
    view.placedByEdit()->setText(QStringLiteral("Tom"));
    QVERIFY(!view.detailView()->order());
    QVERIFY(!view.selectOrder(QStringLiteral("SO-1")));
}

void tst_OrderHistoryView::refreshShowsNewOrdersAndKeepsTheSelection()
{
    HistoryFixture f;
    OrderHistoryView view(*f.db);
    QVERIFY(view.selectOrder(QStringLiteral("SO-2")));
    // A sync brings the approval of SO-2 and a new order.
    Order approved = history().at(1);
    approved.status = OrderStatus::Approved;
    approved.sequence = 2;
    Order fresh = history().at(0);
    fresh.number = QStringLiteral("SO-5");
    fresh.placedAt = utc(2026, 10, 1);
    QString error;
    QVERIFY2(OrderStore(*f.db).storeOrder(approved, &error), qPrintable(error));
    QVERIFY2(OrderStore(*f.db).storeOrder(fresh, &error), qPrintable(error));
    QCOMPARE(shown(view).size(), 4); // not before the refresh
    view.refresh();
    QCOMPARE(shown(view), (list("SO-5 SO-4 SO-3 SO-2 SO-1")));
    QCOMPARE(view.currentNumber(), QStringLiteral("SO-2"));
    QCOMPARE(view.detailView()->order()->status, OrderStatus::Approved);
    QVERIFY(view.detailView()->titleLabel()->text().contains(QStringLiteral("Approved")));
}

void tst_OrderHistoryView::shipToChoicesComeFromTheAccount()
{
    HistoryFixture f;
    OrderHistoryView view(*f.db);
    QCOMPARE(view.shipToBox()->count(), 3);
    QCOMPARE(view.shipToBox()->itemData(0).toString(), QString());
    QCOMPARE(view.shipToBox()->itemData(1).toString(), QStringLiteral("HQ"));
    QCOMPARE(view.shipToBox()->itemText(2), QStringLiteral("Boatyard (YARD)"));

    // Without a cached account there is only "any location".
    CartFixture empty;
    OrderHistoryView bare(*empty.db);
    QCOMPARE(bare.shipToBox()->count(), 1);
    QCOMPARE(shown(bare), QStringList());
    QVERIFY(bare.countLabel()->text().contains(QStringLiteral("No orders")));
}

void tst_OrderHistoryView::reorderAllIntoTheCurrentCart()
{
    HistoryFixture f;
    MainWindow window(*f.db);
    window.showPage(MainWindow::Page::Orders);
    QCOMPARE(window.currentPage(), MainWindow::Page::Orders);
    const qint64 cartId = window.cartView()->currentCartId();
    QVERIFY(cartId > 0);

    QList<QuickOrderImport::Outcome> outcomes;
    QList<Decimal> prices;
    QString source;
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [&, dialog] {
            for (const QuickOrderImport::Result &r : dialog->plan().results()) {
                outcomes << r.outcome;
                prices << r.priced.unitPrice;
            }
            dialog->accept();
        });
    });
    // SO-3: the discontinued bracket and 1,000 bolts at last year's 0.35.
    QVERIFY(window.reorder(QStringLiteral("SO-3"), {}));
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0), QuickOrderImport::Outcome::Unavailable);
    QCOMPARE(outcomes.at(1), QuickOrderImport::Outcome::Added);
    QCOMPARE(prices.at(1), dec("0.40")); // today's contract price, not the order's
    const QList<CartLine> lines = cartLines(*f.db, cartId);
    QCOMPARE(lines.size(), 2); // the unavailable item goes in, flagged
    QCOMPARE(lines.at(0).sku, QStringLiteral("OLD-300"));
    QCOMPARE(lines.at(1).sku, QStringLiteral("HB-100"));
    QCOMPARE(lines.at(1).quantity, 1000);
    QCOMPARE(window.currentPage(), MainWindow::Page::Cart);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("SO-3")),
             qPrintable(window.statusBar()->currentMessage()));
}

void tst_OrderHistoryView::reorderSelectedIntoANewCart()
{
    HistoryFixture f;
    MainWindow window(*f.db);
    const qint64 firstCart = window.cartView()->currentCartId();
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [dialog] { dialog->accept(); });
    });
    // Only line 2 of SO-1, the washers.
    QVERIFY(window.reorder(QStringLiteral("SO-1"), {2}, QStringLiteral("Dock 4 again")));
    const auto cart = CartStore(*f.db).findCart(QStringLiteral("Dock 4 again"));
    QVERIFY(cart);
    QVERIFY(cart->id != firstCart);
    QCOMPARE(window.cartView()->currentCartId(), cart->id);
    const QList<CartLine> lines = cartLines(*f.db, cart->id);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).sku, QStringLiteral("WS-400"));
    QCOMPARE(lines.at(0).quantity, 500);
    QCOMPARE(cartLines(*f.db, firstCart).size(), 0);
}

void tst_OrderHistoryView::cancelledReorderLeavesNoNewCart()
{
    HistoryFixture f;
    MainWindow window(*f.db);
    const int carts = int(CartStore(*f.db).carts().size());
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [dialog] { dialog->reject(); });
    });
    QVERIFY(!window.reorder(QStringLiteral("SO-1"), {}, QStringLiteral("Not wanted")));
    QVERIFY(!CartStore(*f.db).findCart(QStringLiteral("Not wanted")));
    QCOMPARE(int(CartStore(*f.db).carts().size()), carts);
    QCOMPARE(cartLines(*f.db, window.cartView()->currentCartId()).size(), 0);
}

void tst_OrderHistoryView::unknownOrderIsNotReordered()
{
    HistoryFixture f;
    MainWindow window(*f.db);
    bool opened = false;
    connect(&window, &MainWindow::importPreviewOpened, this,
            [&](ImportPreviewDialog *) { opened = true; });
    QVERIFY(!window.reorder(QStringLiteral("SO-404"), {}));
    QVERIFY(!opened);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("SO-404")),
             qPrintable(window.statusBar()->currentMessage()));
}

QM_UI_TEST_MAIN(tst_OrderHistoryView)
#include "tst_orderhistoryview.moc"
