#pragma once

#include "core/pricing.h"
#include "models/cartstore.h"
#include "models/catalogquery.h"

#include <QDate>
#include <QHash>
#include <QString>

#include <optional>

namespace qm {

class Database;

// A code as the user typed or scanned it, looked up in the cache: the product and the pack
// it names (a GTIN names its pack; a SKU the product's base unit).
struct ResolvedCode
{
    QString code;
    ProductDetails details;
    QString uom;
};

// Looks codes up and prices lines from the cache for the cart and quick-order screens,
// keeping what it read so that re-pricing a cart reads each product once. Call clear()
// after a sync.
class ProductLookup final
{
public:
    explicit ProductLookup(Database &db);

    std::optional<ResolvedCode> resolve(const QString &code);
    pricing::PricedLine price(const QString &sku, const QString &uom, qint64 quantity,
                              QDate day = QDate::currentDate());
    // The pricing terms of `skus` read from the cache, keyed by SKU (CartPricing's loader
    // while the cache has no batch reader of its own); unknown SKUs are left out.
    static QHash<QString, pricing::ItemTerms> loadTerms(Database &db, const QStringList &skus);
    // The on-hand stock across warehouses (base units) and the shortest lead time of a
    // warehouse without stock; nullopt when the cache has no stock for the product.
    std::optional<ProductStock> stock(const QString &sku);
    void clear();

private:
    const ProductDetails *details(const QString &sku);

    Database &m_db;
    QHash<QString, std::optional<ProductDetails>> m_bySku; // case-folded SKU
};

} // namespace qm
