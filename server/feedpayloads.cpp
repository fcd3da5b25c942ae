#include "server/feedpayloads.h"

#include <algorithm>
#include <tuple>

namespace qm {

QByteArray FeedPayloads::product(Product product)
{
    std::sort(product.packs.begin(), product.packs.end(), [](const Pack &a, const Pack &b) {
        return std::tie(a.quantity, a.uom) < std::tie(b.quantity, b.uom);
    });
    return canonicalJson(product.toJson());
}

QByteArray FeedPayloads::prices(ProductPrices prices)
{
    const auto key = [](const PriceRule &r) {
        // Null dates sort first: an open start before any dated one.
        return std::make_tuple(r.kind == PriceRule::Kind::Contract, r.uom, r.minQty,
                               r.validFrom.isValid() ? r.validFrom.toJulianDay() : qint64(0),
                               r.validTo.isValid() ? r.validTo.toJulianDay() : qint64(0),
                               r.unitPrice.units());
    };
    std::sort(prices.rules.begin(), prices.rules.end(),
              [&key](const PriceRule &a, const PriceRule &b) { return key(a) < key(b); });
    const auto discountKey = [](const CategoryDiscount &d) {
        return std::make_tuple(
            d.category, d.validFrom.isValid() ? d.validFrom.toJulianDay() : qint64(0),
            d.validTo.isValid() ? d.validTo.toJulianDay() : qint64(0), d.percent.units());
    };
    std::sort(prices.discounts.begin(), prices.discounts.end(),
              [&discountKey](const CategoryDiscount &a, const CategoryDiscount &b) {
                  return discountKey(a) < discountKey(b);
              });
    return canonicalJson(prices.toJson());
}

QByteArray FeedPayloads::stock(ProductStock stock)
{
    std::sort(stock.levels.begin(), stock.levels.end(),
              [](const StockLevel &a, const StockLevel &b) { return a.warehouse < b.warehouse; });
    return canonicalJson(stock.toJson());
}

QByteArray FeedPayloads::partNumber(const CustomerPartNumber &partNumber)
{
    return canonicalJson(partNumber.toJson());
}

QByteArray FeedPayloads::list(const RequisitionList &list)
{
    return canonicalJson(list.toJson());
}

int FeedPayloads::code(Feed feed)
{
    switch (feed) {
    case Feed::Products:
        return 1;
    case Feed::Prices:
        return 2;
    case Feed::Stock:
        return 3;
    case Feed::PartNumbers:
        return 4;
    case Feed::Lists:
        return 5;
    case Feed::Orders:
        return 6;
    }
    return 0;
}

} // namespace qm
