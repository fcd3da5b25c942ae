#pragma once

#include "core/order.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace qm {

class Database;
class OrderActions;
class OrderDetailView;
struct ApiError;

// An approver's queue: the account's orders waiting for approval, fetched from the portal
// (it needs a connection; offline it says so), the selected order's detail, and Approve… /
// Reject… with a comment. A decided order leaves the queue; the portal's answer is already in
// the cache then, so the order history shows the new status.
class ApprovalsView final : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        NumberColumn,
        PlacedAtColumn,
        PlacedByColumn,
        TotalColumn,
        ReasonColumn,
        ColumnCount
    };

    explicit ApprovalsView(Database &db, QWidget *parent = nullptr);
    ~ApprovalsView() override;

    // The actions the view works through; null: not signed in (nothing can be fetched).
    void setOrderActions(OrderActions *actions);
    void setSupplierName(const QString &name);
    void setAccountName(const QString &name);

    // Fetches the queue again.
    void refresh();
    bool isLoading() const { return m_loading; }
    const QList<Order> &queue() const { return m_queue; }
    QString currentNumber() const;
    bool selectOrder(const QString &number);

    // The decisions on the selected order, without the comment dialog. False when there is
    // no selected order or a decision is still on its way.
    bool approveCurrent(const QString &comment);
    bool rejectCurrent(const QString &comment);

    QTableWidget *table() const { return m_table; }
    OrderDetailView *detailView() const { return m_detail; }
    QLabel *stateLabel() const { return m_state; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *refreshButton() const { return m_refresh; }

Q_SIGNALS:
    void message(const QString &text);
    // The portal took the decision: `order` is the order as it is now (also in the cache).
    void decided(const qm::Order &order);

private:
    void onFetched(const QList<qm::Order> &orders);
    void onUpdated(const qm::Order &order);
    void onFailed(const QString &number, const qm::ApiError &error);
    void fillTable();
    void showCurrent();
    void updateActions();
    bool decide(bool approve, const QString &comment);
    void promptDecision(bool approve);

    Database &m_db;
    QPointer<OrderActions> m_actions;
    QList<Order> m_queue;
    bool m_loading = false;
    QString m_pending; // the order whose decision is on its way
    bool m_pendingApprove = false;
    QLabel *m_state;
    QTableWidget *m_table;
    OrderDetailView *m_detail;
    QPushButton *m_refresh;
    QPushButton *m_approve;
    QPushButton *m_reject;
};

} // namespace qm
