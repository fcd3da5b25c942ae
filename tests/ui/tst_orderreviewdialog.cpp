// The review of an order the portal would not take as sent (order-needs-review): every
// changed line with its old and new price, quantity or availability and why, the totals
// before and after, "Accept and Submit" queueing one new order with the changes, and "Edit
// Cart" putting the lines back into a cart, offscreen over the cart fixture.
#include "orderfixture.h"
#include "uitestmain.h"

#include "ui/orderreviewdialog.h"

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

Q_DECLARE_METATYPE(qm::OrderLineProblem)

using namespace qm;
using namespace qm::test;

namespace {

const QList<CartLineSpec> SiteLines{
    {"HB-100", "EA", 10}, {"GL-200", "EA", 10}, {"WS-400", "EA", 100}};

// The portal's answer to the site order after the bolt's contract price went up, the
// gloves' case size changed and the washer was discontinued.
QByteArray needsReview()
{
    return problemDocument("order-needs-review", 422,
                           QStringLiteral("3 lines of the order changed since it was priced."),
                           R"({"lines": [
        {"index": 0, "sku": "HB-100", "problem": "price-changed", "seen": "0.4000",
         "current": "0.4500", "price_rule": {"source": "contract", "uom": "EA", "min_qty": 1}},
        {"index": 1, "sku": "GL-200", "problem": "quantity-adjusted", "requested": "10",
         "adjusted": "20", "adjustments": ["rounded-to-multiple"]},
        {"index": 2, "sku": "WS-400", "problem": "unavailable", "reason": "discontinued"}]})");
}

QStringList row(const QTableWidget *table, int r)
{
    QStringList out;
    for (int c = 0; c < table->columnCount(); ++c)
        out << (table->item(r, c) ? table->item(r, c)->text() : QString());
    return out;
}

OrderLineProblem problem(int index, OrderLineProblem::Kind kind)
{
    OrderLineProblem p;
    p.index = index;
    p.sku = QStringLiteral("X-%1").arg(index);
    p.kind = kind;
    return p;
}

} // namespace

class tst_OrderReviewDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEveryChangeAndBothTotals();
    void shortStockShowsWhenTheRestComes();
    void revisedTotal_data();
    void revisedTotal();
    void acceptQueuesOneNewOrderWithTheChanges();
    void editCartPutsTheLinesBack();
    void nothingLeftToOrderDisablesAccept();
};

void tst_OrderReviewDialog::showsEveryChangeAndBothTotals()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), SiteLines);
    QVERIFY(order);
    QCOMPARE(order->expectedTotal, *Decimal::parse(u"11.50"));
    QVERIFY(refuse(*f.db, *order, 422, needsReview()));
    const auto refused = OrderStore(*f.db).outboxOrderById(order->id);
    QVERIFY(refused);

    OrderReviewDialog dialog(*f.db, *refused);
    QCOMPARE(dialog.problems().size(), 3);
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), 3);

    const QStringList price = row(table, 0);
    QCOMPARE(price.at(OrderReviewDialog::SkuColumn), QStringLiteral("HB-100"));
    QCOMPARE(price.at(OrderReviewDialog::ProductColumn), QStringLiteral("Hex bolt M10"));
    QCOMPARE(price.at(OrderReviewDialog::ChangeColumn), QStringLiteral("Price changed"));
    QVERIFY2(price.at(OrderReviewDialog::BeforeColumn).contains(QStringLiteral("0.40")),
             qPrintable(price.join(u'|')));
    QVERIFY2(price.at(OrderReviewDialog::AfterColumn).contains(QStringLiteral("0.45")),
             qPrintable(price.join(u'|')));
    QVERIFY2(price.at(OrderReviewDialog::WhyColumn).contains(QStringLiteral("Contract price")),
             qPrintable(price.join(u'|')));

    const QStringList quantity = row(table, 1);
    QCOMPARE(quantity.at(OrderReviewDialog::ChangeColumn), QStringLiteral("Quantity adjusted"));
    QCOMPARE(quantity.at(OrderReviewDialog::BeforeColumn), QStringLiteral("10 EA"));
    QCOMPARE(quantity.at(OrderReviewDialog::AfterColumn), QStringLiteral("20 EA"));
    QVERIFY2(quantity.at(OrderReviewDialog::WhyColumn).contains(QStringLiteral("full case")),
             qPrintable(quantity.join(u'|')));

    const QStringList gone = row(table, 2);
    QCOMPARE(gone.at(OrderReviewDialog::ChangeColumn), QStringLiteral("No longer available"));
    QCOMPARE(gone.at(OrderReviewDialog::AfterColumn), QStringLiteral("left out of the order"));
    QCOMPARE(gone.at(OrderReviewDialog::WhyColumn), QStringLiteral("discontinued"));

    // 4.00 + 2.50 + 5.00 queued; 4.50 + 5.00 with the changes.
    const QString totals = dialog.totalsLabel()->text();
    QVERIFY2(totals.contains(QStringLiteral("11.50")) && totals.contains(QStringLiteral("9.50")) &&
                 totals.contains(QStringLiteral("2.00")) && totals.contains(QStringLiteral("less")),
             qPrintable(totals));
    QVERIFY(dialog.acceptButton()->isEnabled());
    // Opening the review changes nothing.
    QCOMPARE(OrderStore(*f.db).outboxOrderById(order->id)->state, OutboxState::NeedsAttention);
}

void tst_OrderReviewDialog::shortStockShowsWhenTheRestComes()
{
    CartFixture f;
    OutboxOrder order;
    order.id = 1;
    order.currency = QStringLiteral("USD");
    order.submission.lines << OrderSubmissionLine{
        QStringLiteral("GL-200"), QStringLiteral("EA"), 50, *Decimal::parse(u"0.25"), {}};
    order.problem = problemDocument("order-needs-review", 422, {}, R"({"lines": [
        {"index": 0, "sku": "GL-200", "problem": "insufficient-stock", "available": "30",
         "backordered": "20", "lead_time_days": 7, "available_on": "2026-12-03"}]})");
    OrderReviewDialog dialog(*f.db, order);
    QCOMPARE(dialog.table()->rowCount(), 1);
    const QStringList r = row(dialog.table(), 0);
    QCOMPARE(r.at(OrderReviewDialog::ChangeColumn), QStringLiteral("Short stock"));
    QCOMPARE(r.at(OrderReviewDialog::BeforeColumn), QStringLiteral("50 EA"));
    QCOMPARE(r.at(OrderReviewDialog::AfterColumn), QStringLiteral("30 in stock, 20 back-ordered"));
    QVERIFY2(r.at(OrderReviewDialog::WhyColumn)
                 .contains(QLocale().toString(QDate(2026, 12, 3), QLocale::ShortFormat)),
             qPrintable(r.join(u'|')));
}

void tst_OrderReviewDialog::revisedTotal_data()
{
    QTest::addColumn<QList<OrderLineProblem>>("problems");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");

    // Lines: 10 x 0.40 and 3 x 0.4450 (1.335 rounds half away from zero to 1.34).
    QTest::newRow("no change") << QList<OrderLineProblem>{} << QStringLiteral("USD")
                               << QStringLiteral("5.3400");
    OrderLineProblem price = problem(0, OrderLineProblem::Kind::PriceChanged);
    price.current = *Decimal::parse(u"0.55");
    QTest::newRow("price up") << QList<OrderLineProblem>{price} << QStringLiteral("USD")
                              << QStringLiteral("6.8400");
    OrderLineProblem quantity = problem(1, OrderLineProblem::Kind::QuantityAdjusted);
    quantity.requested = 3;
    quantity.adjusted = 10;
    QTest::newRow("quantity raised")
        << QList<OrderLineProblem>{quantity} << QStringLiteral("USD") << QStringLiteral("8.4500");
    OrderLineProblem gone = problem(0, OrderLineProblem::Kind::Unavailable);
    QTest::newRow("line unavailable")
        << QList<OrderLineProblem>{gone} << QStringLiteral("USD") << QStringLiteral("1.3400");
    OrderLineProblem gone2 = problem(1, OrderLineProblem::Kind::Unavailable);
    QTest::newRow("all unavailable") << QList<OrderLineProblem>{gone, gone2}
                                     << QStringLiteral("USD") << QStringLiteral("0.0000");
    QTest::newRow("price and quantity on one line")
        << QList<OrderLineProblem>{price,
                                   [] {
                                       OrderLineProblem q =
                                           problem(0, OrderLineProblem::Kind::QuantityAdjusted);
                                       q.adjusted = 20;
                                       return q;
                                   }()}
        << QStringLiteral("USD") << QStringLiteral("12.3400");
    OrderLineProblem stock = problem(0, OrderLineProblem::Kind::InsufficientStock);
    stock.available = 2;
    stock.backordered = 8;
    QTest::newRow("short stock keeps the line")
        << QList<OrderLineProblem>{stock} << QStringLiteral("USD") << QStringLiteral("5.3400");
    QTest::newRow("yen rounds to whole units")
        << QList<OrderLineProblem>{} << QStringLiteral("JPY") << QStringLiteral("5.0000");
}

void tst_OrderReviewDialog::revisedTotal()
{
    QFETCH(QList<OrderLineProblem>, problems);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    OrderSubmission submission;
    submission.lines
        << OrderSubmissionLine{QStringLiteral("X-0"), {}, 10, *Decimal::parse(u"0.40"), {}}
        << OrderSubmissionLine{QStringLiteral("X-1"), {}, 3, *Decimal::parse(u"0.4450"), {}};
    QCOMPARE(OrderReviewDialog::revisedTotal(submission, problems, currency).toString(), expected);
}

void tst_OrderReviewDialog::acceptQueuesOneNewOrderWithTheChanges()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), SiteLines);
    QVERIFY(order);
    QVERIFY(refuse(*f.db, *order, 422, needsReview()));
    OrderReviewDialog dialog(*f.db, *OrderStore(*f.db).outboxOrderById(order->id));
    QTest::mouseClick(dialog.acceptButton(), Qt::LeftButton);
    QCOMPARE(dialog.outcome(), OrderReviewDialog::Outcome::Accepted);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.newOrder());
    QVERIFY(dialog.newOrder()->clientOrderId != order->clientOrderId);

    const OrderStore store(*f.db);
    QList<OutboxOrder> queued;
    for (const OutboxOrder &o : store.outbox())
        if (o.state == OutboxState::Queued)
            queued << o;
    QCOMPARE(queued.size(), 1);
    const OutboxOrder &revised = queued.first();
    QCOMPARE(revised.clientOrderId, dialog.newOrder()->clientOrderId);
    QCOMPARE(revised.submission.lines.size(), 2); // the washer is left out
    QCOMPARE(revised.submission.lines.at(0).sku, QStringLiteral("HB-100"));
    QCOMPARE(revised.submission.lines.at(0).unitPrice, *Decimal::parse(u"0.45"));
    QCOMPARE(revised.submission.lines.at(1).sku, QStringLiteral("GL-200"));
    QCOMPARE(revised.submission.lines.at(1).quantity, 20);
    // The refused order is no longer waiting: it was replaced, and needs no attention.
    const auto old = store.outboxOrder(order->clientOrderId);
    QVERIFY(old);
    QCOMPARE(old->replacedBy, revised.clientOrderId);
    QCOMPARE(store.count(OutboxState::NeedsAttention), 0);
    for (const OutboxOrder &o : store.outbox(false))
        QVERIFY(o.clientOrderId != order->clientOrderId);
}

void tst_OrderReviewDialog::editCartPutsTheLinesBack()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), SiteLines);
    QVERIFY(order);
    QVERIFY(refuse(*f.db, *order, 422, needsReview()));
    OrderReviewDialog dialog(*f.db, *OrderStore(*f.db).outboxOrderById(order->id));
    QTest::mouseClick(dialog.editCartButton(), Qt::LeftButton);
    QCOMPARE(dialog.outcome(), OrderReviewDialog::Outcome::ReturnedToCart);
    QVERIFY(dialog.cartId() != 0);
    const auto cart = CartStore(*f.db).cart(dialog.cartId());
    QVERIFY(cart);
    QCOMPARE(cart->name, QStringLiteral("Site order"));
    QStringList skus;
    for (const CartLine &line : CartStore(*f.db).lines(dialog.cartId()))
        skus << QStringLiteral("%1:%2").arg(line.sku).arg(line.quantity);
    skus.sort();
    // The gloves come back at the quantity the line rules make of them.
    QCOMPARE(skus, (QStringList{QStringLiteral("GL-200:20"), QStringLiteral("HB-100:10"),
                                QStringLiteral("WS-400:100")}));
    QVERIFY(!OrderStore(*f.db).outboxOrder(order->clientOrderId));
    QVERIFY(OrderStore(*f.db).outbox().isEmpty());
}

void tst_OrderReviewDialog::nothingLeftToOrderDisablesAccept()
{
    CartFixture f;
    OutboxOrder order;
    order.id = 7;
    order.currency = QStringLiteral("USD");
    order.expectedTotal = *Decimal::parse(u"2.00");
    order.submission.lines << OrderSubmissionLine{
        QStringLiteral("OLD-300"), {}, 1, *Decimal::parse(u"2.00"), {}};
    order.problem = problemDocument("order-needs-review", 422, {}, R"({"lines": [
        {"index": 0, "sku": "OLD-300", "problem": "unavailable", "reason": "discontinued"}]})");
    OrderReviewDialog dialog(*f.db, order);
    QVERIFY(!dialog.acceptButton()->isEnabled());
    QVERIFY(dialog.editCartButton()->isEnabled());
    QVERIFY2(dialog.totalsLabel()->text().contains(QStringLiteral("0.00")),
             qPrintable(dialog.totalsLabel()->text()));
}

QM_UI_TEST_MAIN(tst_OrderReviewDialog)
#include "tst_orderreviewdialog.moc"
