#pragma once

#include "models/orderstore.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace qm {

class Database;
class OrderReviewDialog;
class OutboxModel;

// The Outbox page: every order placed from this profile with where it stands (queued,
// sending, needs attention, sent with the portal's number), and for the selected order its
// details and, when the portal refused it, the problem in words and what the user can do.
// Actions: Review Changes (prices or stock changed: OrderReviewDialog), Retry (send a refused
// order again unchanged), Edit in Cart (its lines back into a cart, the order removed),
// Delete (after a confirmation; never a sent order) and Send Now. Sent orders stay listed
// unless "Hide sent" is ticked.
class OutboxView final : public QWidget
{
    Q_OBJECT

public:
    explicit OutboxView(Database &db, QWidget *parent = nullptr);
    ~OutboxView() override;

    // Re-reads the outbox (after a queue, a push or a sync), keeping the selection.
    void refresh();
    bool selectOrder(qint64 id);
    std::optional<OutboxOrder> currentOrder() const;

    // The refused order's problem in words, and what the user can do about it. Empty for an
    // order that is not refused.
    static QString attentionText(const OutboxOrder &order);
    // Whether the refusal is an order-needs-review (Review Changes applies).
    static bool needsReview(const OutboxOrder &order);

    OutboxModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *detailsLabel() const { return m_details; }
    QLabel *attentionLabel() const { return m_attention; }
    QCheckBox *hideSentBox() const { return m_hideSent; }
    QPushButton *reviewButton() const { return m_review; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *sendNowButton() const { return m_sendNow; }

public Q_SLOTS:
    void reviewCurrent();
    bool retryCurrent();
    bool editCurrentInCart();
    // Asks first; false when declined or refused.
    bool deleteCurrent();
    void sendNow();

Q_SIGNALS:
    void message(const QString &text);
    // Orders wait to be sent now (Send Now, Retry, accepted changes).
    void sendRequested();
    // An order's lines went back into the cart `cartId`.
    void returnedToCart(qint64 cartId);
    // The outbox changed here (the status bar's counts are out of date).
    void outboxChanged();
    // The review dialog is about to run modally.
    void reviewOpened(qm::OrderReviewDialog *dialog);

private:
    void showCurrent();
    void updateActions();

    Database &m_db;
    OutboxModel *m_model;
    QTableView *m_table = nullptr;
    QCheckBox *m_hideSent = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_attention = nullptr;
    QPushButton *m_review = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_sendNow = nullptr;
};

} // namespace qm
