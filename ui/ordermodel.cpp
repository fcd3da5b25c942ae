#include "ui/ordermodel.h"

#include "models/formatting.h"
#include "ui/ordertexts.h"

#include <QLocale>

namespace qm {

OrderModel::OrderModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

void OrderModel::setFilter(const OrderFilter &filter)
{
    m_filter = filter;
    reload();
}

void OrderModel::setAccount(const std::optional<AccountInfo> &account)
{
    m_account = account;
    if (!m_orders.isEmpty())
        Q_EMIT dataChanged(index(0, ShipToColumn), index(rowCount() - 1, ShipToColumn));
}

void OrderModel::reload()
{
    beginResetModel();
    m_orders = OrderStore(m_db).orders(m_filter);
    endResetModel();
}

int OrderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrderModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int OrderModel::rowOf(const QString &number) const
{
    for (int row = 0; row < m_orders.size(); ++row)
        if (m_orders.at(row).order.number == number)
            return row;
    return -1;
}

QVariant OrderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Order &order = m_orders.at(index.row()).order;
    if (role == NumberRole)
        return order.number;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == LinesColumn || index.column() == TotalColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const QLocale locale;
    if (role == RawRole) {
        switch (Column(index.column())) {
        case NumberColumn:
            return order.number;
        case PlacedAtColumn:
            return order.placedAt;
        case StatusColumn:
            return int(order.status);
        case PoNumberColumn:
            return order.poNumber;
        case ShipToColumn:
            return order.shipTo;
        case PlacedByColumn:
            return order.placedBy;
        case LinesColumn:
            return int(order.lines.size());
        case TotalColumn:
            return order.subtotal.units();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == ShipToColumn) {
        const ShipToLocation *location = m_account ? m_account->location(order.shipTo) : nullptr;
        return location ? tr("%1 (%2)").arg(location->name, order.shipTo) : order.shipTo;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case NumberColumn:
        return order.number;
    case PlacedAtColumn:
        return locale.toString(order.placedAt.toLocalTime(), QLocale::ShortFormat);
    case StatusColumn:
        return OrderTexts::status(order.status);
    case PoNumberColumn:
        return order.poNumber;
    case ShipToColumn: {
        const ShipToLocation *location = m_account ? m_account->location(order.shipTo) : nullptr;
        return location ? location->name : order.shipTo;
    }
    case PlacedByColumn:
        return order.placedBy;
    case LinesColumn:
        return locale.toString(order.lines.size());
    case TotalColumn:
        return formatting::money(locale, order.subtotal, order.currency);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OrderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NumberColumn:
        return tr("Order");
    case PlacedAtColumn:
        return tr("Placed");
    case StatusColumn:
        return tr("Status");
    case PoNumberColumn:
        return tr("PO number");
    case ShipToColumn:
        return tr("Ship to");
    case PlacedByColumn:
        return tr("Placed by");
    case LinesColumn:
        return tr("Lines");
    case TotalColumn:
        return tr("Total");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace qm
