#pragma once

#include "core/account.h"
#include "core/order.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace qm {

class CompanyAccounts;
struct ApiError;
struct CompanyOrdersPage;

// The Company page of a user of a parent company (subsidiaries:read): the user's account and
// every account below it as a tree, each with its orders and spend over the chosen period,
// open orders, balance, overdue amount, available credit and terms; the rolled-up figures of
// the selected account and everything below it; and the selected account's orders, newest
// first, a page at a time. Fetched from the portal each time (nothing is cached); offline the
// page says so.
class CompanyView final : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        AccountColumn,
        OrdersColumn,
        OpenColumn,
        SpendColumn,
        BalanceColumn,
        OverdueColumn,
        AvailableColumn,
        TermsColumn,
        ColumnCount
    };
    enum OrderColumn
    {
        NumberColumn,
        PlacedColumn,
        StatusColumn,
        TotalColumn,
        ShipToColumn,
        PoColumn,
        PlacedByColumn,
        OrderColumnCount
    };
    enum Period
    {
        Last12Months,
        Last90Days,
        ThisYear,
        LastYear,
    };
    static constexpr int PageSize = 50;

    explicit CompanyView(QWidget *parent = nullptr);
    ~CompanyView() override;

    // The portal connection; null: signed out (the page empties).
    void setCompanyAccounts(CompanyAccounts *company);
    void setOnline(bool online);
    // Fetches the overview for the chosen period again.
    void refresh();
    bool isLoading() const { return m_loadingOverview || m_loadingOrders; }

    // Shows `code`'s orders (and selects it in the tree); false if it is not listed.
    bool selectAccount(const QString &code);
    QString currentAccount() const;
    // The first day of `period` ending today.
    static QDate periodStart(Period period, QDate today);
    static QDate periodEnd(Period period, QDate today);

    const std::optional<CompanyOverview> &overview() const { return m_overview; }
    const QList<Order> &orders() const { return m_orders; }
    qint64 orderTotal() const { return m_orderTotal; }

    QTreeWidget *tree() const { return m_tree; }
    QTableWidget *orderTable() const { return m_table; }
    QComboBox *periodBox() const { return m_period; }
    QCheckBox *openOnlyBox() const { return m_openOnly; }
    QPushButton *moreButton() const { return m_more; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *rollUpLabel() const { return m_rollUp; }

Q_SIGNALS:
    void message(const QString &text);

private:
    void onOverview(const CompanyOverview &overview);
    void onOrders(const CompanyOrdersPage &page);
    void onFailed(const ApiError &error);
    void fetchOrders(bool nextPage);
    void fillTree();
    void appendOrders(const QList<Order> &orders);
    void showRollUp();
    void setStatus(const QString &text);

    QPointer<CompanyAccounts> m_company;
    bool m_online = true;
    bool m_loadingOverview = false;
    bool m_loadingOrders = false;
    std::optional<CompanyOverview> m_overview;
    QString m_ordersOf; // the account whose orders the table shows or is fetching
    QList<Order> m_orders;
    qint64 m_orderTotal = 0;

    QComboBox *m_period = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_rollUp = nullptr;
    QLabel *m_ordersTitle = nullptr;
    QCheckBox *m_openOnly = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_more = nullptr;
};

} // namespace qm
