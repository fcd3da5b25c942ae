#pragma once

#include "models/orderstore.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace qm {

class Database;
class OrderDetailView;
class OrderModel;

// The account's order history, from the cache, so it works offline: a filter bar (placed
// from/to, status, PO number, SKU, ship-to location, placed by, free text over number, PO and
// notes), the orders newest first, and the selected order's detail beside them. refresh()
// after a sync or a decision re-reads the cache and keeps the selected order.
class OrderHistoryView final : public QWidget
{
    Q_OBJECT

public:
    explicit OrderHistoryView(Database &db, QWidget *parent = nullptr);
    ~OrderHistoryView() override;

    void refresh();
    // The filters as the bar shows them.
    OrderFilter filter() const;
    void clearFilters();
    // Selects and shows the order; false when the filters hide it or it is not cached.
    bool selectOrder(const QString &number);
    bool selectFirstOrder();
    QString currentNumber() const;

    void setSupplierName(const QString &name);
    void setAccountName(const QString &name);
    // Whether order totals and line prices show; off for a role that may not see prices.
    void setPricesShown(bool shown);

    OrderModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    OrderDetailView *detailView() const { return m_detail; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *poEdit() const { return m_po; }
    QLineEdit *skuEdit() const { return m_sku; }
    QComboBox *shipToBox() const { return m_shipTo; }
    QLineEdit *placedByEdit() const { return m_placedBy; }
    QLineEdit *textEdit() const { return m_text; }
    QLabel *countLabel() const { return m_count; }

Q_SIGNALS:
    void message(const QString &text);
    void reorderRequested(const QString &number, const QList<int> &lineNos, bool newCart);

private:
    void applyFilter();
    void showCurrent();
    void fillShipTo(const std::optional<AccountInfo> &account);
    void updateCount();
    void fitColumns();

    Database &m_db;
    OrderModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    OrderDetailView *m_detail;
    QSplitter *m_splitter;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_status;
    QLineEdit *m_po;
    QLineEdit *m_sku;
    QComboBox *m_shipTo;
    QLineEdit *m_placedBy;
    QLineEdit *m_text;
    QPushButton *m_clear;
    QLabel *m_count;
    bool m_applying = false;
};

} // namespace qm
