#pragma once

#include "core/catalog.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

class DbConnection;

// Everything the feeds say about one product, read from the normalised tables.
struct ProductRecord
{
    qint64 id = 0;
    Product product;
    QList<qint64> catalogIds; // the assortments the product is in
    QList<PriceRule> listRules;
    QHash<qint64, QList<PriceRule>> contractRules; // by catalog
    QList<StockLevel> stock;
    // By catalog: the discounts granted on the product's category or any ancestor of it.
    QHash<qint64, QList<CategoryDiscount>> discounts;

    // List prices plus the catalog's contract prices.
    QList<PriceRule> rulesFor(qint64 catalogId) const;
    // The catalog's discounts that are valid on `today` or later: expired ones are left out.
    QList<CategoryDiscount> discountsFor(qint64 catalogId, QDate today) const;
};

// Reads products back from the normalised tables (the source of truth) for the FeedWriter.
class ProductLoader final
{
public:
    explicit ProductLoader(DbConnection &db);

    // nullopt when no product has this SKU (it was deleted). Throws DbError.
    std::optional<ProductRecord> load(const QString &sku);

private:
    struct Category
    {
        qint64 parentId = 0;
        QString code;
        QString name;
    };
    void loadCategories();

    DbConnection &m_db;
    QHash<qint64, Category> m_categories;
    // By category: (catalog, discount) granted on exactly that category.
    QHash<qint64, QList<QPair<qint64, CategoryDiscount>>> m_discounts;
    bool m_categoriesLoaded = false;
};

} // namespace qm
