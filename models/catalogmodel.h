#pragma once

#include "models/catalogquery.h"

#include <QAbstractTableModel>
#include <QDate>

namespace qm {

class Database;

// The catalog table: every product, or the results of a search, loaded lazily in
// batches as the view scrolls (canFetchMore/fetchMore). Sorting and filtering happen in
// SQL; nothing loads the whole catalog.
class CatalogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SkuColumn,
        NameColumn,
        PackColumn,
        PriceColumn,
        StockColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // unformatted value for sorting and tests
        SkuRole,                         // the row's SKU, whatever the column
        DiscontinuedRole,
    };

    explicit CatalogModel(Database &db, QObject *parent = nullptr);

    // Empty text browses the whole catalog by SKU; otherwise shows search results (at
    // most SearchLimit rows). The first batch is loaded at once; the rest on fetchMore().
    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }
    // Narrows what is browsed or searched (facets); reloads when it changes.
    void setFilter(const SearchFilter &filter);
    const SearchFilter &filter() const { return m_filter; }
    // Re-reads from the cache (after a sync), keeping the search.
    void reload();
    // The day prices are resolved for; today by default.
    void setPriceDate(QDate day);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static constexpr int BatchSize = 200;
    // As many as a search ranks (CatalogQuery::RankWindow).
    static constexpr int SearchLimit = CatalogQuery::RankWindow;

    // The number of rows loaded so far.
    qsizetype loadedRows() const { return m_rows.size(); }

private:
    QList<ProductSummary> loadBatch() const;
    int batchLimit(qsizetype loaded) const;
    static QVariant rawValue(const ProductSummary &p, int column);
    bool isSearching() const;

    CatalogQuery m_query;
    QString m_text;
    SearchFilter m_filter;
    QDate m_day;
    QList<ProductSummary> m_rows;
    bool m_atEnd = false;
    bool m_changing = false; // inside a reset or insert notification
};

} // namespace qm
