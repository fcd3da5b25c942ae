#pragma once

#include "core/pricing.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

class Database;

// Reads what the pricing engine needs back from the cache: the product (packs in pack order,
// minimum, multiple, maximum, discontinued flag) and its prices entry (every rule, also
// future-dated ones, the category discounts and the currency). A product in the cache is in
// the account's assortment; one that is not yields nothing, and the caller flags its line.
class PricingTerms final
{
public:
    // What of the product to read: everything, or what the pricing engine and the cart
    // need (SKU, name, base unit, packs, line rules, discontinued), which is much less to read
    // for a cart of 100,000 lines.
    enum class Detail
    {
        Full,
        Pricing,
    };

    explicit PricingTerms(Database &db);

    // By SKU, case-insensitively.
    std::optional<pricing::ItemTerms> load(const QString &sku) const;

    // For carts of 10,000 lines and more: a few queries for all of them, not one per SKU.
    // Keyed by each SKU as given; SKUs the cache does not have are absent.
    QHash<QString, pricing::ItemTerms> loadMany(const QStringList &skus,
                                                Detail detail = Detail::Full) const;

    // A product asked for by SKU and, when the caller has just read it (CodeMatch::productId),
    // its row id with the SKU as the cache spells it: then it is not looked up by SKU again.
    // A row id that has come to name another product since is noticed, and that SKU looked
    // up after all.
    struct Wanted
    {
        QString sku;
        qint64 productId = 0;
    };
    QHash<QString, pricing::ItemTerms> loadMany(const QList<Wanted> &products,
                                                Detail detail = Detail::Full) const;

    // When the prices feed last matched the portal's (count and hash verified), in UTC; null
    // when it never has. What a "prices as of" label shows.
    QDateTime pricesAsOf() const;

private:
    Database &m_db;
};

} // namespace qm
