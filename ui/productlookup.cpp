#include "ui/productlookup.h"

#include "core/gtin.h"

namespace qm {

ProductLookup::ProductLookup(Database &db)
    : m_db(db)
{}

std::optional<ResolvedCode> ProductLookup::resolve(const QString &code)
{
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    auto found = CatalogQuery(m_db).product(trimmed);
    if (!found)
        return std::nullopt;
    ResolvedCode resolved;
    resolved.code = trimmed;
    resolved.uom = found->product.baseUom;
    if (gtin::isValid(trimmed)) {
        const QString wanted = gtin::normalized(trimmed);
        for (const Pack &pack : std::as_const(found->product.packs)) {
            if (!pack.gtin.isEmpty() && gtin::normalized(pack.gtin) == wanted) {
                resolved.uom = pack.uom;
                break;
            }
        }
    }
    m_bySku.insert(found->product.sku.toCaseFolded(), *found);
    resolved.details = std::move(*found);
    return resolved;
}

const ProductDetails *ProductLookup::details(const QString &sku)
{
    const QString key = sku.toCaseFolded();
    auto it = m_bySku.find(key);
    if (it == m_bySku.end())
        it = m_bySku.insert(key, CatalogQuery(m_db).product(sku));
    return it->has_value() ? &**it : nullptr;
}

pricing::PricedLine ProductLookup::price(const QString &sku, const QString &uom, qint64 quantity,
                                         QDate day)
{
    const ProductDetails *product = details(sku);
    if (!product) {
        pricing::PricedLine line;
        line.request = {sku, uom, quantity};
        line.uom = uom;
        line.quantity = quantity;
        line.problem = pricing::LineProblem::NotInAssortment;
        return line;
    }
    pricing::ItemTerms terms;
    terms.product = product->product;
    if (product->prices)
        terms.prices = *product->prices;
    else
        terms.prices.sku = product->product.sku;
    return pricing::priceLine(terms, {product->product.sku, uom, quantity}, day);
}

QHash<QString, pricing::ItemTerms> ProductLookup::loadTerms(Database &db, const QStringList &skus)
{
    QHash<QString, pricing::ItemTerms> terms;
    const CatalogQuery query(db);
    for (const QString &sku : skus) {
        auto found = query.product(sku);
        if (!found)
            continue;
        pricing::ItemTerms item;
        item.product = std::move(found->product);
        if (found->prices)
            item.prices = std::move(*found->prices);
        else
            item.prices.sku = item.product.sku;
        terms.insert(item.product.sku, std::move(item));
    }
    return terms;
}

std::optional<ProductStock> ProductLookup::stock(const QString &sku)
{
    const ProductDetails *product = details(sku);
    if (!product)
        return std::nullopt;
    return product->stock;
}

void ProductLookup::clear()
{
    m_bySku.clear();
}

} // namespace qm
