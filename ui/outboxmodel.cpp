#include "ui/outboxmodel.h"

#include "models/formatting.h"

#include <QApplication>
#include <QColor>
#include <QLocale>
#include <QStyle>

namespace qm {

OutboxModel::OutboxModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
    reload();
}

void OutboxModel::reload()
{
    beginResetModel();
    m_orders = OrderStore(m_db).outbox(!m_hideSent);
    endResetModel();
}

void OutboxModel::setHideSent(bool hide)
{
    if (hide == m_hideSent)
        return;
    m_hideSent = hide;
    reload();
}

int OutboxModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_orders.size(); ++row) {
        if (m_orders.at(row).id == id)
            return row;
    }
    return -1;
}

QString OutboxModel::stateText(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return tr("Queued");
    case OutboxState::Sending:
        return tr("Sending");
    case OutboxState::NeedsAttention:
        return tr("Needs attention");
    case OutboxState::Sent:
        return tr("Sent");
    }
    return {};
}

QString OutboxModel::shortId(const QString &clientOrderId)
{
    return clientOrderId.left(8);
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QIcon stateIcon(OutboxState state)
{
    QStyle *style = QApplication::style();
    switch (state) {
    case OutboxState::Queued:
        return style->standardIcon(QStyle::SP_FileDialogContentsView);
    case OutboxState::Sending:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case OutboxState::NeedsAttention:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case OutboxState::Sent:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    }
    return {};
}

QColor stateColor(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return QColor(0x1f, 0x5f, 0xa8);
    case OutboxState::Sending:
        return QColor(0x1f, 0x5f, 0xa8);
    case OutboxState::NeedsAttention:
        return QColor(0xb3, 0x40, 0x00);
    case OutboxState::Sent:
        return QColor(0x2e, 0x7d, 0x32);
    }
    return {};
}

} // namespace

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_orders.size())
        return {};
    const OutboxOrder &o = m_orders.at(index.row());
    switch (role) {
    case IdRole:
        return o.id;
    case ClientOrderIdRole:
        return o.clientOrderId;
    case StateRole:
        return int(o.state);
    case Qt::ToolTipRole:
        if (index.column() == OrderColumn)
            return o.clientOrderId;
        if (index.column() == StateColumn && !o.replacedBy.isEmpty())
            return tr("Replaced by order %1 with the prices you accepted")
                .arg(shortId(o.replacedBy));
        if (index.column() == StateColumn && !o.lastError.isEmpty() && o.state != OutboxState::Sent)
            return o.lastError;
        return {};
    case Qt::DecorationRole:
        return index.column() == StateColumn && o.replacedBy.isEmpty()
                   ? QVariant(stateIcon(o.state))
                   : QVariant();
    case Qt::ForegroundRole:
        if (index.column() != StateColumn)
            return {};
        return o.replacedBy.isEmpty() ? QVariant(stateColor(o.state))
                                      : QVariant(QColor(0x70, 0x70, 0x70));
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn || index.column() == TotalColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawRole:
        switch (Column(index.column())) {
        case StateColumn:
            return int(o.state);
        case OrderColumn:
            return o.clientOrderId;
        case CartColumn:
            return o.cartName;
        case QueuedColumn:
            return o.queuedAt;
        case AttemptsColumn:
            return o.attempts;
        case TotalColumn:
            return o.expectedTotal.units();
        case NumberColumn:
            return o.orderNumber;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (Column(index.column())) {
        case StateColumn:
            return o.replacedBy.isEmpty() ? stateText(o.state) : tr("Replaced");
        case OrderColumn:
            return shortId(o.clientOrderId);
        case CartColumn:
            return o.cartName;
        case QueuedColumn:
            return locale.toString(o.queuedAt.toLocalTime(), QLocale::ShortFormat);
        case AttemptsColumn:
            return locale.toString(o.attempts);
        case TotalColumn:
            return formatting::money(locale, o.expectedTotal, o.currency);
        case NumberColumn:
            return o.orderNumber;
        case ColumnCount:
            break;
        }
        return {};
    }
    default:
        return {};
    }
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case StateColumn:
        return tr("State");
    case OrderColumn:
        return tr("Order");
    case CartColumn:
        return tr("Cart");
    case QueuedColumn:
        return tr("Queued at");
    case AttemptsColumn:
        return tr("Attempts");
    case TotalColumn:
        return tr("Total");
    case NumberColumn:
        return tr("Number");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace qm
