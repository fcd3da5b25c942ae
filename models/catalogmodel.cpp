#include "models/catalogmodel.h"

#include "core/clock.h"
#include "models/formatting.h"

#include <QLocale>

namespace qm {

CatalogModel::CatalogModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(db)
    , m_day(clock::today())
{
    reload();
}

void CatalogModel::setSearchText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    reload();
}

void CatalogModel::setFilter(const SearchFilter &filter)
{
    if (filter.category == m_filter.category && filter.brand == m_filter.brand &&
        filter.material == m_filter.material && filter.inStockOnly == m_filter.inStockOnly)
        return;
    m_filter = filter;
    reload();
}

void CatalogModel::setPriceDate(QDate day)
{
    if (day == m_day)
        return;
    m_day = day;
    reload();
}

void CatalogModel::reload()
{
    beginResetModel();
    m_changing = true;
    m_rows.clear();
    m_rows = loadBatch();
    m_atEnd = m_rows.size() < batchLimit(0);
    endResetModel();
    m_changing = false;
}

int CatalogModel::batchLimit(qsizetype loaded) const
{
    if (isSearching())
        return int(std::min<qsizetype>(BatchSize, std::max<qsizetype>(0, SearchLimit - loaded)));
    return BatchSize;
}

bool CatalogModel::isSearching() const
{
    return !m_text.trimmed().isEmpty();
}

QList<ProductSummary> CatalogModel::loadBatch() const
{
    const int limit = batchLimit(m_rows.size());
    if (limit <= 0)
        return {};
    if (isSearching())
        return m_query.search(m_text, m_filter, limit, int(m_rows.size()), m_day);
    return m_query.browse(m_rows.isEmpty() ? QString() : m_rows.constLast().sku, m_filter, limit,
                          m_day);
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant CatalogModel::rawValue(const ProductSummary &p, int column)
{
    switch (column) {
    case SkuColumn:
        return p.sku;
    case NameColumn:
        return p.name;
    case PackColumn:
        return p.packLabel;
    case PriceColumn:
        return p.yourPrice ? QVariant(p.yourPrice->toString()) : QVariant();
    case StockColumn:
        return QVariant::fromValue<qint64>(p.onHand);
    }
    return {};
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProductSummary &p = m_rows.at(index.row());
    switch (role) {
    case SkuRole:
        return p.sku;
    case DiscontinuedRole:
        return p.discontinued;
    case RawValueRole:
        return rawValue(p, index.column());
    case Qt::DisplayRole: {
        const QLocale locale;
        if (index.column() == PriceColumn)
            return p.yourPrice ? formatting::money(locale, *p.yourPrice, p.currency) : QString();
        if (index.column() == StockColumn)
            return locale.toString(p.onHand);
        return rawValue(p, index.column());
    }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !p.brand.isEmpty())
            return p.category.isEmpty() ? p.brand
                                        : QStringLiteral("%1 \u00b7 %2").arg(p.brand, p.category);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriceColumn || index.column() == StockColumn)
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue<int>(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SkuColumn:
        return tr("SKU");
    case NameColumn:
        return tr("Name");
    case PackColumn:
        return tr("Pack");
    case PriceColumn:
        return tr("Your price");
    case StockColumn:
        return tr("In stock");
    }
    return {};
}

bool CatalogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void CatalogModel::fetchMore(const QModelIndex &parent)
{
    // Views may ask for more while they handle modelReset or rowsInserted; changing the
    // rows inside that notification would confuse them. They ask again later.
    if (parent.isValid() || m_atEnd || m_changing)
        return;
    const int limit = batchLimit(m_rows.size());
    const QList<ProductSummary> batch = loadBatch();
    if (batch.size() < limit || limit == 0)
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
