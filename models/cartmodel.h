#pragma once

#include "core/decimal.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

class Database;

// The lines of one cart as a table, loaded lazily in batches as the view scrolls
// (canFetchMore/fetchMore). Sorting and filtering run in SQL over cart_lines joined with
// the catalog, so a cart of 100,000 lines is never loaded whole. Prices are the ones
// CartPricing last stored with the lines (empty until priced). The quantity and the pack
// are editable (the pack's edit value is its unit of measure); edits go through CartStore,
// so they are undoable.
class CartModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        ProductColumn,
        PackColumn,
        QuantityColumn,
        UnitPriceColumn,
        LineTotalColumn,
        RuleColumn, // which price rule applied, or what the line rules did / why unpriced
        StockColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // unformatted value, as sorted
        LineIdRole,
        SkuRole,
        UnitRole,
        PacksRole, // PackColumn: the packs the line may be ordered in (formatting::packChoices)
    };

    explicit CartModel(Database &db, QObject *parent = nullptr);

    // Shows the lines of `cartId` (0: none).
    void setCart(qint64 cartId);
    qint64 cartId() const { return m_cartId; }
    // Shows only lines whose code, SKU or product name contains `text` (case-insensitive).
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }
    // Re-reads from the cache (after an edit, an import or re-pricing), keeping sort and
    // filter.
    void reload();

    // The number of lines that match the filter (all of them, not only those loaded).
    qint64 matchingLineCount() const;
    // The loaded row of a line, or -1.
    int rowOfLine(qint64 lineId) const;
    // Why the last setData() failed.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static constexpr int BatchSize = 200;

Q_SIGNALS:
    // A line was edited through the model (its quantity or pack): the cart needs re-pricing.
    void lineEdited(qint64 lineId);

private:
    struct Row
    {
        qint64 id = 0;
        QString code;
        QString sku;
        QString product;
        QString uom;
        QString packName;
        qint64 packQuantity = 0;
        qint64 quantity = 0;
        std::optional<Decimal> unitPrice;
        std::optional<Decimal> lineTotal;
        QString currency;
        QString priceNote;
        std::optional<qint64> onHand;
    };

    QList<Row> loadBatch(qsizetype offset, int limit) const;
    std::optional<Row> loadLine(qint64 lineId) const;
    QString selectSql() const;
    QVariant rawValue(const Row &row, int column) const;
    bool setUnit(int row, const QString &uom);

    Database &m_db;
    qint64 m_cartId = 0;
    QString m_filter;
    int m_sortColumn = -1; // -1: the order lines were added in
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<Row> m_rows;
    bool m_atEnd = true;
    bool m_changing = false;
    QString m_lastError;
};

} // namespace qm
