#include "models/cartmodel.h"

#include "models/cartstore.h"
#include "models/catalogquery.h"
#include "models/database.h"
#include "models/formatting.h"
#include "models/sql.h"

#include <QLocale>
#include <QLoggingCategory>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcCartModel, "qm.models.cartmodel", QtInfoMsg)

// The ORDER BY expression of each column: a whitelist, never text from outside.
QString sortExpression(int column)
{
    switch (column) {
    case CartModel::CodeColumn:
        return QStringLiteral("l.code COLLATE NOCASE");
    case CartModel::ProductColumn:
        return QStringLiteral("p.name COLLATE NOCASE");
    case CartModel::PackColumn:
        return QStringLiteral("pk.quantity");
    case CartModel::QuantityColumn:
        return QStringLiteral("l.quantity");
    case CartModel::UnitPriceColumn:
        return QStringLiteral("l.unit_price");
    case CartModel::LineTotalColumn:
        return QStringLiteral("l.line_total");
    case CartModel::RuleColumn:
        return QStringLiteral("l.price_note");
    case CartModel::StockColumn:
        return QStringLiteral("on_hand");
    }
    return QStringLiteral("l.position");
}

// `text` as a LIKE pattern that matches it anywhere, with LIKE's wildcards escaped.
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

const QString FilterSql = QStringLiteral("(l.code LIKE ? ESCAPE '\\' OR l.sku LIKE ? ESCAPE '\\'"
                                         " OR p.name LIKE ? ESCAPE '\\')");

} // namespace

CartModel::CartModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

void CartModel::setCart(qint64 cartId)
{
    if (cartId == m_cartId)
        return;
    m_cartId = cartId;
    reload();
}

void CartModel::setFilterText(const QString &text)
{
    const QString clean = text.trimmed();
    if (clean == m_filter)
        return;
    m_filter = clean;
    reload();
}

void CartModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    // A re-sort in SQL may bring other rows into the first batch: reset rather than move.
    reload();
}

void CartModel::reload()
{
    beginResetModel();
    m_changing = true;
    m_rows.clear();
    if (m_cartId > 0) {
        m_rows = loadBatch(0, BatchSize);
        m_atEnd = m_rows.size() < BatchSize;
    } else {
        m_atEnd = true;
    }
    endResetModel();
    m_changing = false;
}

QString CartModel::selectSql() const
{
    QString sql = QStringLiteral(
        "SELECT l.id, l.code, l.sku, p.name, l.uom, pk.name, pk.quantity, l.quantity,"
        " l.unit_price, l.line_total, l.price_currency, l.price_note,"
        " (SELECT SUM(s.on_hand) FROM stock s WHERE s.sku = l.sku) AS on_hand"
        " FROM cart_lines l"
        " LEFT JOIN products p ON p.sku = l.sku"
        " LEFT JOIN packs pk ON pk.product_id = p.id AND pk.uom = l.uom"
        " WHERE l.cart_id = ?");
    if (!m_filter.isEmpty())
        sql += QStringLiteral(" AND ") + FilterSql;
    return sql;
}

QList<CartModel::Row> CartModel::loadBatch(qsizetype offset, int limit) const
{
    QList<Row> rows;
    QString sql = selectSql();
    const QString direction =
        m_sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    // Unpriced lines and lines of unknown products sort last either way.
    if (m_sortColumn >= 0) {
        const QString expr = sortExpression(m_sortColumn);
        sql += QStringLiteral(" ORDER BY (%1) IS NULL, %1 %2, l.position %2, l.id %2")
                   .arg(expr, direction);
    } else {
        sql += QStringLiteral(" ORDER BY l.position, l.id");
    }
    sql += QStringLiteral(" LIMIT ? OFFSET ?");
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, sql, &error)) {
        qCWarning(lcCartModel) << error;
        return rows;
    }
    q.addBindValue(m_cartId);
    if (!m_filter.isEmpty()) {
        const QString pattern = containsPattern(m_filter);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
    }
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!sql::exec(q, &error)) {
        qCWarning(lcCartModel) << error;
        return rows;
    }
    while (q.next()) {
        Row r;
        r.id = q.value(0).toLongLong();
        r.code = q.value(1).toString();
        r.sku = q.value(2).toString();
        r.product = q.value(3).toString();
        r.uom = q.value(4).toString();
        r.packName = q.value(5).toString();
        r.packQuantity = q.value(6).toLongLong();
        r.quantity = q.value(7).toLongLong();
        if (!q.value(8).isNull())
            r.unitPrice = Decimal::fromUnits(q.value(8).toLongLong());
        if (!q.value(9).isNull())
            r.lineTotal = Decimal::fromUnits(q.value(9).toLongLong());
        r.currency = q.value(10).toString();
        r.priceNote = q.value(11).toString();
        if (!q.value(12).isNull())
            r.onHand = q.value(12).toLongLong();
        rows.append(r);
    }
    return rows;
}

qint64 CartModel::matchingLineCount() const
{
    if (m_cartId <= 0)
        return 0;
    QString sql = QStringLiteral("SELECT COUNT(*) FROM cart_lines l");
    if (!m_filter.isEmpty())
        sql += QStringLiteral(" LEFT JOIN products p ON p.sku = l.sku");
    sql += QStringLiteral(" WHERE l.cart_id = ?");
    if (!m_filter.isEmpty())
        sql += QStringLiteral(" AND ") + FilterSql;
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, sql, &error))
        return 0;
    q.addBindValue(m_cartId);
    if (!m_filter.isEmpty()) {
        const QString pattern = containsPattern(m_filter);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
    }
    if (!sql::exec(q, &error) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

int CartModel::rowOfLine(qint64 lineId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == lineId)
            return int(i);
    }
    return -1;
}

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant CartModel::rawValue(const Row &r, int column) const
{
    switch (column) {
    case CodeColumn:
        return r.code;
    case ProductColumn:
        return r.product;
    case PackColumn:
        return r.packQuantity > 0 ? QVariant::fromValue<qint64>(r.packQuantity) : QVariant();
    case QuantityColumn:
        return QVariant::fromValue<qint64>(r.quantity);
    case UnitPriceColumn:
        return r.unitPrice ? QVariant(r.unitPrice->toString()) : QVariant();
    case LineTotalColumn:
        return r.lineTotal ? QVariant(r.lineTotal->toString()) : QVariant();
    case RuleColumn:
        return r.priceNote;
    case StockColumn:
        return r.onHand ? QVariant::fromValue<qint64>(*r.onHand) : QVariant();
    }
    return {};
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case LineIdRole:
        return QVariant::fromValue<qint64>(r.id);
    case SkuRole:
        return r.sku;
    case UnitRole:
        return r.uom;
    case RawValueRole:
        return rawValue(r, index.column());
    case PacksRole:
        if (index.column() != PackColumn)
            return {};
        if (const auto details = CatalogQuery(m_db).product(r.sku))
            return formatting::packChoices(QLocale(), details->product);
        return {};
    case Qt::EditRole:
        if (index.column() == QuantityColumn)
            return QVariant::fromValue<qint64>(r.quantity);
        if (index.column() == PackColumn)
            return r.uom;
        return rawValue(r, index.column());
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (index.column()) {
        case PackColumn:
            return formatting::pack(locale, r.uom, r.packName, r.packQuantity);
        case QuantityColumn:
            return locale.toString(r.quantity);
        case UnitPriceColumn:
            return r.unitPrice ? formatting::money(locale, *r.unitPrice, r.currency) : QString();
        case LineTotalColumn:
            return r.lineTotal ? formatting::money(locale, *r.lineTotal, r.currency) : QString();
        case StockColumn:
            return r.onHand ? locale.toString(*r.onHand) : QString();
        case ProductColumn:
            return r.product.isEmpty() ? r.sku : r.product;
        }
        return rawValue(r, index.column());
    }
    case Qt::ToolTipRole:
        if (index.column() == CodeColumn && r.code.compare(r.sku, Qt::CaseInsensitive) != 0)
            return r.sku;
        if (index.column() == PackColumn)
            return tr("Double-click to order another pack");
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case QuantityColumn:
        case UnitPriceColumn:
        case LineTotalColumn:
        case StockColumn:
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant::fromValue<int>(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

Qt::ItemFlags CartModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == QuantityColumn || index.column() == PackColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

std::optional<CartModel::Row> CartModel::loadLine(qint64 lineId) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    QString sql = QStringLiteral(
        "SELECT l.id, l.code, l.sku, p.name, l.uom, pk.name, pk.quantity, l.quantity,"
        " l.unit_price, l.line_total, l.price_currency, l.price_note,"
        " (SELECT SUM(s.on_hand) FROM stock s WHERE s.sku = l.sku)"
        " FROM cart_lines l"
        " LEFT JOIN products p ON p.sku = l.sku"
        " LEFT JOIN packs pk ON pk.product_id = p.id AND pk.uom = l.uom"
        " WHERE l.id = ?");
    if (!sql::prepare(q, sql, &error))
        return std::nullopt;
    q.addBindValue(lineId);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    Row r;
    r.id = q.value(0).toLongLong();
    r.code = q.value(1).toString();
    r.sku = q.value(2).toString();
    r.product = q.value(3).toString();
    r.uom = q.value(4).toString();
    r.packName = q.value(5).toString();
    r.packQuantity = q.value(6).toLongLong();
    r.quantity = q.value(7).toLongLong();
    if (!q.value(8).isNull())
        r.unitPrice = Decimal::fromUnits(q.value(8).toLongLong());
    if (!q.value(9).isNull())
        r.lineTotal = Decimal::fromUnits(q.value(9).toLongLong());
    r.currency = q.value(10).toString();
    r.priceNote = q.value(11).toString();
    if (!q.value(12).isNull())
        r.onHand = q.value(12).toLongLong();
    return r;
}

bool CartModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() == PackColumn)
        return setUnit(index.row(), value.toString());
    if (index.column() != QuantityColumn)
        return false;
    bool ok = false;
    const qint64 quantity = value.toLongLong(&ok);
    if (!ok) {
        m_lastError = QStringLiteral("'%1' is not a whole number").arg(value.toString());
        return false;
    }
    Row &r = m_rows[index.row()];
    if (quantity == r.quantity)
        return true;
    CartStore store(m_db);
    if (!store.setQuantity(m_cartId, r.id, quantity, &m_lastError))
        return false;
    m_lastError.clear();
    if (const auto fresh = loadLine(r.id))
        r = *fresh;
    else
        r.quantity = quantity;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT lineEdited(r.id);
    return true;
}

bool CartModel::setUnit(int row, const QString &uom)
{
    Row &r = m_rows[row];
    if (uom.trimmed().isEmpty()) {
        m_lastError = QStringLiteral("no pack chosen");
        return false;
    }
    if (uom.compare(r.uom, Qt::CaseInsensitive) == 0)
        return true;
    CartStore store(m_db);
    qint64 mergedInto = r.id;
    if (!store.setUnit(m_cartId, r.id, uom, &m_lastError, &mergedInto))
        return false;
    m_lastError.clear();
    if (mergedInto != r.id) {
        // The line joined an existing line of that pack: it left the table.
        reload();
    } else if (const auto fresh = loadLine(r.id)) {
        r = *fresh;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    Q_EMIT lineEdited(mergedInto);
    return true;
}

QVariant CartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn:
        return tr("Code");
    case ProductColumn:
        return tr("Product");
    case PackColumn:
        return tr("Pack");
    case QuantityColumn:
        return tr("Quantity");
    case UnitPriceColumn:
        return tr("Unit price");
    case LineTotalColumn:
        return tr("Line total");
    case RuleColumn:
        return tr("Price rule");
    case StockColumn:
        return tr("In stock");
    }
    return {};
}

bool CartModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void CartModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_changing)
        return;
    const QList<Row> batch = loadBatch(m_rows.size(), BatchSize);
    if (batch.size() < BatchSize)
        m_atEnd = true;
    if (batch.isEmpty())
        return;
    const int first = int(m_rows.size());
    m_changing = true;
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    m_rows += batch;
    endInsertRows();
    m_changing = false;
}

} // namespace qm
