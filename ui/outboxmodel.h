#pragma once

#include "models/orderstore.h"

#include <QAbstractTableModel>
#include <QList>

namespace qm {

class Database;

// The orders placed from this profile, in sending order, one row each: state, the short
// form of the client order id, cart, queued at, sends started, total and the portal's
// number once sent. Reads the outbox through OrderStore; reload() after anything changed it
// (a queue, a push, a decision). Sent orders, and refused orders replaced by a new one after
// the buyer accepted changed prices ("Replaced"), can be hidden.
class OutboxModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StateColumn,
        OrderColumn,
        CartColumn,
        QueuedColumn,
        AttemptsColumn,
        TotalColumn,
        NumberColumn,
        ColumnCount
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1, // the column's value for sorting: enum, instant, Decimal units
        IdRole,                     // the outbox order's id (qint64)
        ClientOrderIdRole,
        StateRole, // OutboxState as int
    };

    explicit OutboxModel(Database &db, QObject *parent = nullptr);

    void reload();
    void setHideSent(bool hide);
    bool hideSent() const { return m_hideSent; }

    const OutboxOrder &order(int row) const { return m_orders.at(row); }
    int rowOfId(qint64 id) const;

    // How a state reads: "Queued", "Sending", "Needs attention", "Sent".
    static QString stateText(OutboxState state);
    // The first eight characters of a client order id ("3f1c2a4e").
    static QString shortId(const QString &clientOrderId);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Database &m_db;
    QList<OutboxOrder> m_orders;
    bool m_hideSent = false;
};

} // namespace qm
