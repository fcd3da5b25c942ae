#pragma once

#include "core/catalog.h"
#include "core/feeds.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

class Database;

// One row of the catalog table or a search result.
struct ProductSummary
{
    qint64 id = 0;
    QString sku;
    QString name;
    QString brand;
    QString category;                 // last element of the category path
    QString packLabel;                // how it is sold, e.g. "Each" or "Box of 100"
    std::optional<Decimal> yourPrice; // for the minimum order quantity, on the given day
    QString currency;
    qint64 onHand = 0; // across warehouses, base units
    bool discontinued = false;
};

struct ProductDetails
{
    Product product;
    std::optional<ProductPrices> prices;
    std::optional<ProductStock> stock;
    QList<CustomerPartNumber> partNumbers; // the account's own codes for it, by part number
};

// The read side of the catalog cache, shared by the GUI and the qm CLI so both find
// and show the same things.
class CatalogQuery final
{
public:
    explicit CatalogQuery(Database &db);

    qint64 productCount() const;

    // By SKU (case-insensitive), by the GTIN of any pack (GTIN-8/12/13/14 all match) or by
    // one of the account's part numbers (case-insensitive), in that order.
    std::optional<ProductDetails> product(const QString &code) const;

    // Search as you type: exact SKU, GTIN or customer part number hits first, then the
    // products of part numbers that start with the text (by part number), then full-text
    // matches over SKU, name, description, brand and attribute values, every word a prefix,
    // ranked by relevance. Prices are resolved for `day`.
    QList<ProductSummary> search(const QString &text, int limit, int offset, QDate day) const;

    // Browsing without a query: products ordered by SKU, `limit` rows after `afterSku`
    // (keyset paging; empty for the first page).
    QList<ProductSummary> browse(const QString &afterSku, int limit, QDate day) const;

private:
    Database &m_db;
};

} // namespace qm
