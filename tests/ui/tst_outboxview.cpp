// The Outbox page: the orders placed here in every state (queued, sending, needs attention,
// sent with its number), "Hide sent", the portal's problems in words with what the user can
// do, and the actions: Delete asks first (declined keeps the order; a sent order cannot be
// deleted), Retry queues a refused order again, Edit in Cart puts its lines back, Review
// Changes opens the review and accepting queues the order with the new prices. Offscreen, over
// the cart fixture.
#include "orderfixture.h"
#include "uitestmain.h"

#include "ui/orderreviewdialog.h"
#include "ui/outboxmodel.h"
#include "ui/outboxview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

using namespace qm;
using namespace qm::test;

namespace {

const QList<CartLineSpec> Bolts{{"HB-100", "EA", 10}};

QByteArray creditProblem()
{
    return problemDocument("credit-limit-exceeded", 422,
                           QStringLiteral("The order total is more than the available credit."),
                           R"({"currency": "USD", "limit": "10000.00", "balance": "9000.00",
                               "open": "998.00", "available": "2.00", "order_total": "4.00"})");
}

QByteArray reviewProblem()
{
    return problemDocument("order-needs-review", 422, QStringLiteral("1 line changed."),
                           R"({"lines": [{"index": 0, "sku": "HB-100", "problem": "price-changed",
                               "seen": "0.4000", "current": "0.4400",
                               "price_rule": {"source": "contract", "uom": "EA", "min_qty": 1}}]})");
}

// Answers the next modal message box with the button whose text is `button`.
void answerNextMessageBox(const QString &button, QString *question = nullptr)
{
    QTimer::singleShot(0, [button, question] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            qWarning("no message box");
            return;
        }
        if (question)
            *question = box->text();
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == button) {
                b->click();
                return;
            }
        }
        qWarning("no button %s", qPrintable(button));
        box->reject();
    });
}

} // namespace

class tst_OutboxView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStateIsListed();
    void problemsInWords_data();
    void problemsInWords();
    void deleteAsksFirst();
    void sentOrdersCannotBeDeleted();
    void retryQueuesARefusedOrderAgain();
    void editInCartPutsTheLinesBack();
    void reviewAndAcceptQueuesTheNewPrices();
};

void tst_OutboxView::everyStateIsListed()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto queued = queueOrder(*f.db, QStringLiteral("Queued cart"), Bolts);
    const auto sending = queueOrder(*f.db, QStringLiteral("Sending cart"), Bolts);
    const auto refused = queueOrder(*f.db, QStringLiteral("Refused cart"), Bolts);
    const auto sent = queueOrder(*f.db, QStringLiteral("Sent cart"), Bolts);
    QVERIFY(queued && sending && refused && sent);
    QString error;
    QVERIFY2(OrderStore(*f.db).beginSend(sending->id, &error), qPrintable(error));
    QVERIFY(refuse(*f.db, *refused, 422, creditProblem()));
    QVERIFY(acceptAs(*f.db, *sent, QStringLiteral("SO-300042")));

    OutboxView view(*f.db);
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    OutboxModel *model = view.model();
    QCOMPARE(model->rowCount(), 4);
    auto text = [&](qint64 id, int column) {
        return model->index(model->rowOfId(id), column).data().toString();
    };
    QCOMPARE(text(queued->id, OutboxModel::StateColumn), QStringLiteral("Queued"));
    QCOMPARE(text(sending->id, OutboxModel::StateColumn), QStringLiteral("Sending"));
    QCOMPARE(text(refused->id, OutboxModel::StateColumn), QStringLiteral("Needs attention"));
    QCOMPARE(text(sent->id, OutboxModel::StateColumn), QStringLiteral("Sent"));
    QCOMPARE(text(sent->id, OutboxModel::NumberColumn), QStringLiteral("SO-300042"));
    QCOMPARE(text(queued->id, OutboxModel::NumberColumn), QString());
    QCOMPARE(text(queued->id, OutboxModel::OrderColumn), queued->clientOrderId.left(8));
    QCOMPARE(text(queued->id, OutboxModel::CartColumn), QStringLiteral("Queued cart"));
    QCOMPARE(text(sending->id, OutboxModel::AttemptsColumn), QStringLiteral("1"));
    QVERIFY(text(queued->id, OutboxModel::TotalColumn).contains(QStringLiteral("4.00")));
    // Each state has its own colour and icon.
    const QModelIndex refusedState =
        model->index(model->rowOfId(refused->id), OutboxModel::StateColumn);
    const QModelIndex sentState = model->index(model->rowOfId(sent->id), OutboxModel::StateColumn);
    QVERIFY(refusedState.data(Qt::ForegroundRole) != sentState.data(Qt::ForegroundRole));
    QVERIFY(!refusedState.data(Qt::DecorationRole).isNull());

    // The sent one stays listed until "Hide sent".
    view.hideSentBox()->setChecked(true);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->rowOfId(sent->id), -1);
    view.hideSentBox()->setChecked(false);
    QCOMPARE(model->rowCount(), 4);

    // Send Now is offered while an order waits, and ends a back-off wait: the user asked.
    QVERIFY(OrderStore(*f.db).recordRetryLater(
        queued->id, QStringLiteral("503"), QDateTime::currentDateTimeUtc().addSecs(600), &error));
    view.refresh();
    QVERIFY(OrderStore(*f.db).outboxOrderById(queued->id)->nextAttemptAt.isValid());
    QVERIFY(view.sendNowButton()->isEnabled());
    QSignalSpy send(&view, &OutboxView::sendRequested);
    QTest::mouseClick(view.sendNowButton(), Qt::LeftButton);
    QCOMPARE(send.count(), 1);
    QVERIFY(!OrderStore(*f.db).outboxOrderById(queued->id)->nextAttemptAt.isValid());
    QCOMPARE(OrderStore(*f.db).outboxOrderById(refused->id)->state, OutboxState::NeedsAttention);
}

void tst_OutboxView::problemsInWords_data()
{
    QTest::addColumn<QByteArray>("problem");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("says");
    QTest::addColumn<bool>("review");
    QTest::addColumn<bool>("retry");

    QTest::newRow("prices changed")
        << reviewProblem() << 422
        << QStringList{QStringLiteral("Prices or availability changed"), QStringLiteral("Review")}
        << true << false;
    QTest::newRow("credit limit") << creditProblem() << 422
                                  << QStringList{QStringLiteral("available credit of 2.00"),
                                                 QStringLiteral("Contact the supplier"),
                                                 QStringLiteral("Retry later")}
                                  << false << true;
    QTest::newRow("unknown ship-to")
        << problemDocument("unknown-ship-to", 422, QStringLiteral("MAIN is not a location."),
                           R"({"errors": [{"pointer": "/ship_to", "detail": "unknown location"}]})")
        << 422 << QStringList{QStringLiteral("MAIN is not one of"), QStringLiteral("Edit in Cart")}
        << false << true;
    QTest::newRow("viewer") << problemDocument(
                                   "forbidden", 403,
                                   QStringLiteral("Your role does not include orders:submit."))
                            << 403 << QStringList{QStringLiteral("your role may not submit orders")}
                            << false << true;
    QTest::newRow("invalid order")
        << problemDocument("invalid-order", 422, {},
                           R"({"errors": [{"pointer": "/po_number", "detail": "too long"}]})")
        << 422 << QStringList{QStringLiteral("invalid"), QStringLiteral("too long (/po_number)")}
        << false << true;
    QTest::newRow("id used for another order")
        << problemDocument("idempotency-key-reused", 422, {}) << 422
        << QStringList{QStringLiteral("different order under this order's id")} << false << true;
}

void tst_OutboxView::problemsInWords()
{
    QFETCH(QByteArray, problem);
    QFETCH(int, status);
    QFETCH(QStringList, says);
    QFETCH(bool, review);
    QFETCH(bool, retry);

    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), Bolts);
    QVERIFY(order);
    QVERIFY(refuse(*f.db, *order, status, problem));
    OutboxView view(*f.db);
    QVERIFY(view.selectOrder(order->id));
    QVERIFY(!view.attentionLabel()->isHidden());
    const QString text = view.attentionLabel()->text();
    for (const QString &part : says)
        QVERIFY2(text.contains(part), qPrintable(text));
    QCOMPARE(OutboxView::attentionText(*view.currentOrder()), text);
    QCOMPARE(!view.reviewButton()->isHidden(), review);
    QCOMPARE(view.retryButton()->isEnabled(), retry);
    QVERIFY(view.editButton()->isEnabled());
    QVERIFY(view.deleteButton()->isEnabled());
}

void tst_OutboxView::deleteAsksFirst()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), Bolts);
    QVERIFY(order);
    OutboxView view(*f.db);
    view.show();
    QVERIFY(view.selectOrder(order->id));
    QSignalSpy changed(&view, &OutboxView::outboxChanged);

    // Declined: the order stays.
    QString question;
    answerNextMessageBox(QStringLiteral("Cancel"), &question);
    QVERIFY(!view.deleteCurrent());
    QVERIFY2(question.contains(order->clientOrderId.left(8)), qPrintable(question));
    QVERIFY(OrderStore(*f.db).outboxOrder(order->clientOrderId));
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(changed.count(), 0);

    // Confirmed through the button: gone.
    answerNextMessageBox(QStringLiteral("Delete"));
    QTest::mouseClick(view.deleteButton(), Qt::LeftButton);
    QTRY_VERIFY(!OrderStore(*f.db).outboxOrder(order->clientOrderId));
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(changed.count(), 1);
}

void tst_OutboxView::sentOrdersCannotBeDeleted()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), Bolts);
    QVERIFY(order);
    QVERIFY(acceptAs(*f.db, *order, QStringLiteral("SO-300077")));
    OutboxView view(*f.db);
    QVERIFY(view.selectOrder(order->id));
    QVERIFY(!view.deleteButton()->isEnabled());
    QVERIFY(!view.editButton()->isEnabled());
    QVERIFY(!view.retryButton()->isEnabled());
    QVERIFY(!view.sendNowButton()->isEnabled());
    QVERIFY(view.detailsLabel()->text().contains(QStringLiteral("SO-300077")));
    QSignalSpy message(&view, &OutboxView::message);
    QVERIFY(!view.deleteCurrent()); // no question asked: refused outright
    QCOMPARE(message.count(), 1);
    const auto kept = OrderStore(*f.db).outboxOrder(order->clientOrderId);
    QVERIFY(kept);
    QCOMPARE(kept->state, OutboxState::Sent);
}

void tst_OutboxView::retryQueuesARefusedOrderAgain()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), Bolts);
    QVERIFY(order);
    QVERIFY(refuse(*f.db, *order, 422, creditProblem()));
    OutboxView view(*f.db);
    QVERIFY(view.selectOrder(order->id));
    QSignalSpy send(&view, &OutboxView::sendRequested);
    QTest::mouseClick(view.retryButton(), Qt::LeftButton);
    QCOMPARE(send.count(), 1);
    const auto again = OrderStore(*f.db).outboxOrder(order->clientOrderId);
    QVERIFY(again);
    QCOMPARE(again->state, OutboxState::Queued);
    QCOMPARE(again->body, order->body); // the same request, the same key
    QCOMPARE(view.model()->index(0, OutboxModel::StateColumn).data().toString(),
             QStringLiteral("Queued"));
    QVERIFY(view.attentionLabel()->isHidden());
}

void tst_OutboxView::editInCartPutsTheLinesBack()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"),
                                  {{"HB-100", "EA", 10}, {"WS-400", "EA", 50}});
    QVERIFY(order);
    QVERIFY(
        refuse(*f.db, *order, 422,
               problemDocument("unknown-ship-to", 422, QStringLiteral("MAIN is not a location."))));
    OutboxView view(*f.db);
    QVERIFY(view.selectOrder(order->id));
    QSignalSpy returned(&view, &OutboxView::returnedToCart);
    QTest::mouseClick(view.editButton(), Qt::LeftButton);
    QCOMPARE(returned.count(), 1);
    const qint64 cartId = returned.first().first().toLongLong();
    const auto cart = CartStore(*f.db).cart(cartId);
    QVERIFY(cart);
    QCOMPARE(cart->name, QStringLiteral("Site order"));
    QCOMPARE(CartStore(*f.db).lines(cartId).size(), 2);
    QVERIFY(!OrderStore(*f.db).outboxOrder(order->clientOrderId));
    QCOMPARE(view.model()->rowCount(), 0);
}

void tst_OutboxView::reviewAndAcceptQueuesTheNewPrices()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const auto order = queueOrder(*f.db, QStringLiteral("Site order"), Bolts);
    QVERIFY(order);
    QVERIFY(refuse(*f.db, *order, 422, reviewProblem()));
    OutboxView view(*f.db);
    QVERIFY(view.selectOrder(order->id));
    QVERIFY(!view.reviewButton()->isHidden());
    int rowsShown = -1;
    connect(&view, &OutboxView::reviewOpened, this, [&](OrderReviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [&, dialog] {
            rowsShown = dialog->table()->rowCount();
            dialog->acceptChanges();
        });
    });
    QSignalSpy send(&view, &OutboxView::sendRequested);
    QTest::mouseClick(view.reviewButton(), Qt::LeftButton);
    QCOMPARE(rowsShown, 1);
    QCOMPARE(send.count(), 1);
    QList<OutboxOrder> queued;
    for (const OutboxOrder &o : OrderStore(*f.db).outbox())
        if (o.state == OutboxState::Queued)
            queued << o;
    QCOMPARE(queued.size(), 1);
    QVERIFY(queued.first().clientOrderId != order->clientOrderId);
    QCOMPARE(queued.first().submission.lines.first().unitPrice, *Decimal::parse(u"0.44"));
    // The new order is the one selected; the refused one reads "Replaced", needs nothing
    // more and goes with "Hide sent".
    QCOMPARE(view.currentOrder()->clientOrderId, queued.first().clientOrderId);
    const int oldRow = view.model()->rowOfId(order->id);
    QVERIFY(oldRow >= 0);
    QCOMPARE(view.model()->index(oldRow, OutboxModel::StateColumn).data().toString(),
             QStringLiteral("Replaced"));
    QVERIFY(view.selectOrder(order->id));
    QVERIFY(view.attentionLabel()->isHidden());
    QVERIFY(view.reviewButton()->isHidden());
    QVERIFY(!view.deleteButton()->isEnabled());
    view.hideSentBox()->setChecked(true);
    QCOMPARE(view.model()->rowOfId(order->id), -1);
}

QM_UI_TEST_MAIN(tst_OutboxView)
#include "tst_outboxview.moc"
