#pragma once

#include "core/account.h"
#include "models/orderstore.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace qm {

class Database;

// The account's order history from the cache, one row per order, newest first, as the
// filters of OrderFilter select it (the cache query does the filtering: a SKU filter looks at
// the lines, which a proxy over these rows could not see). Sorting by a column is a
// QSortFilterProxyModel's job over RawRole.
class OrderModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NumberColumn,
        PlacedAtColumn,
        StatusColumn,
        PoNumberColumn,
        ShipToColumn,
        PlacedByColumn,
        LinesColumn,
        TotalColumn,
        ColumnCount
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1, // the sortable value: QDateTime, int, qint64 units, codes
        NumberRole,                 // the order number of the row
    };

    explicit OrderModel(Database &db, QObject *parent = nullptr);

    void setFilter(const OrderFilter &filter);
    const OrderFilter &filter() const { return m_filter; }
    // The account's ship-to locations name the ship-to column.
    void setAccount(const std::optional<AccountInfo> &account);
    // Re-reads the cache (after a sync or a decision).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const CachedOrder &orderAt(int row) const { return m_orders.at(row); }
    int rowOf(const QString &number) const; // -1 when not shown

private:
    Database &m_db;
    OrderFilter m_filter;
    std::optional<AccountInfo> m_account;
    QList<CachedOrder> m_orders;
};

} // namespace qm
