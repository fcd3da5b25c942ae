#pragma once

#include "core/account.h"
#include "models/orderstore.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace qm {

class Database;

// What the portal changed in an order it would not take as sent (order-needs-review): line by
// line the price it had and the price it has now, the quantity asked for and what the line
// rules make of it, items that can no longer be ordered and why, and short stock with when it
// is expected; the order's total as queued against the total with the changes. Nothing
// changes silently: "Accept and Submit" queues a new order with the changes (a new order id)
// for the caller to send, "Edit Cart" puts the lines back into a cart instead.
class OrderReviewDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Outcome
    {
        None,
        Accepted,       // newOrder() is queued; send it
        ReturnedToCart, // cartId() holds the lines again
    };
    enum Column
    {
        SkuColumn,
        ProductColumn,
        ChangeColumn,
        BeforeColumn,
        AfterColumn,
        WhyColumn,
        ColumnCount
    };

    OrderReviewDialog(Database &db, const OutboxOrder &order, QWidget *parent = nullptr);
    ~OrderReviewDialog() override;

    Outcome outcome() const { return m_outcome; }
    const std::optional<OutboxOrder> &newOrder() const { return m_newOrder; }
    qint64 cartId() const { return m_cartId; }

    // The order's total with the problems applied: today's prices, adjusted quantities, and
    // unavailable lines left out; each line rounded to the currency's minor unit.
    static Decimal revisedTotal(const OrderSubmission &submission,
                                const QList<OrderLineProblem> &problems, const QString &currency);

    const QList<OrderLineProblem> &problems() const { return m_problems; }
    QTableWidget *table() const { return m_table; }
    QLabel *totalsLabel() const { return m_totals; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *editCartButton() const { return m_editCart; }

public Q_SLOTS:
    // "Accept and Submit": false (with the reason shown) when the order could not be queued.
    bool acceptChanges();
    // "Edit Cart".
    bool returnToCart();

private:
    void fill();
    void fail(const QString &error);

    Database &m_db;
    OutboxOrder m_order;
    QList<OrderLineProblem> m_problems;
    Outcome m_outcome = Outcome::None;
    std::optional<OutboxOrder> m_newOrder;
    qint64 m_cartId = 0;
    QLabel *m_intro = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_editCart = nullptr;
};

} // namespace qm
