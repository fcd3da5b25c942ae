#pragma once

#include "core/catalog.h"
#include "core/feeds.h"
#include "models/spelling.h"

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

// What narrows a search or the browsed catalog, each part optional (empty: any).
struct SearchFilter
{
    // A category path ("Fasteners > Bolts", which includes its subcategories) or a
    // category code; case-insensitive.
    QString category;
    QString brand;    // case-insensitive
    QString material; // the "material" attribute, case-insensitive
    bool inStockOnly = false;

    bool isEmpty() const
    {
        return category.isEmpty() && brand.isEmpty() && material.isEmpty() && !inStockOnly;
    }
};

// One value of a facet and how many products of the current search have it.
struct FacetValue
{
    QString value; // what SearchFilter takes; for categories the whole path
    QString label; // what to show; for categories the last element of the path
    qint64 count = 0;
};

// The facets of a search: for each facet the counts under the query and every *other*
// selected filter (so a selected brand still shows the other brands it could switch to),
// most frequent first.
//
// Counting reads every product counted, so at most the first 10,000 products the query
// matches (in catalog order) are counted; `complete` is false when there were more, and the
// counts are then lower bounds.
struct SearchFacets
{
    bool complete = true;
    qint64 total = 0;   // products matching the query and every filter
    qint64 inStock = 0; // of those without the in-stock filter, how many are in stock
    QList<FacetValue> categories;
    QList<FacetValue> brands;
    QList<FacetValue> materials;
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

    // Ranking by relevance costs about as much per matching product as reading it, so a
    // search ranks at most this many full-text matches (those that pass the filter, in
    // catalog order) and lists no more. A typed word narrows the matches quickly; only the
    // first characters of a search over a large catalog reach this bound.
    static constexpr int RankWindow = 1000;

    qint64 productCount() const;

    // By SKU (case-insensitive), by the GTIN of any pack (GTIN-8/12/13/14 all match) or by
    // one of the account's part numbers (case-insensitive), in that order.
    std::optional<ProductDetails> product(const QString &code) const;

    // Search as you type: exact SKU, GTIN or customer part number hits first, then the
    // products of part numbers that start with the text (by part number), then full-text
    // matches over SKU, name, description, brand, attribute values and category, every word
    // a prefix (see searchtext::matchExpression for units, dimensions and synonyms), ranked
    // by relevance (searchtext::relevance; SKU and name weigh most), then by how often the account
    // ordered the product (product_order_counts), then by SKU. Only products that pass `filter`.
    // When more than RankWindow products match the full text, the first RankWindow that
    // pass the filter (in catalog order) are ranked and listed; see docs/search.md.
    // Prices are resolved for `day`.
    QList<ProductSummary> search(const QString &text, const SearchFilter &filter, int limit,
                                 int offset, QDate day) const;
    QList<ProductSummary> search(const QString &text, int limit, int offset, QDate day) const
    {
        return search(text, {}, limit, offset, day);
    }

    // The typing slips that search() and facets() look for as something else in `text`
    // ("galvinized" as "galvanized"; see models/spelling.h), for telling the user.
    QList<spelling::Correction> corrections(const QString &text) const;

    // The facets of search(text, filter) (of the whole catalog for empty text), each with
    // at most `maxValues` values.
    SearchFacets facets(const QString &text, const SearchFilter &filter, int maxValues = 50) const;

    // Browsing without a query: products ordered by SKU, `limit` rows after `afterSku`
    // (keyset paging; empty for the first page), only those that pass `filter`.
    QList<ProductSummary> browse(const QString &afterSku, const SearchFilter &filter, int limit,
                                 QDate day) const;
    QList<ProductSummary> browse(const QString &afterSku, int limit, QDate day) const
    {
        return browse(afterSku, {}, limit, day);
    }

private:
    Database &m_db;
};

} // namespace qm
