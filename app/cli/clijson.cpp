#include "app/cli/clijson.h"

#include "core/catalog.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/profilestore.h"
#include "sync/syncengine.h"

#include <QJsonArray>

#include <algorithm>

namespace qm::clijson {

QJsonValue date(QDate day)
{
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue dateTime(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

namespace {

QJsonValue money(const std::optional<Decimal> &value)
{
    return value ? QJsonValue(value->toString()) : QJsonValue(QJsonValue::Null);
}

QJsonObject priceRule(const PriceRule &rule)
{
    return {
        {QStringLiteral("kind"), priceKindName(rule.kind)},
        {QStringLiteral("uom"), rule.uom},
        {QStringLiteral("min_qty"), rule.minQty},
        {QStringLiteral("unit_price"), rule.unitPrice.toString()},
        {QStringLiteral("valid_from"), date(rule.validFrom)},
        {QStringLiteral("valid_to"), date(rule.validTo)},
    };
}

QJsonObject prices(const Product &product, const ProductPrices &prices, QDate day)
{
    QJsonArray rules;
    for (const PriceRule &rule : prices.rules)
        rules.append(priceRule(rule));
    const qint64 qty = std::max<qint64>(1, product.minOrderQty);
    const auto quote = resolvePrice(prices.rules, product.baseUom, qty, day);
    QJsonObject o{
        {QStringLiteral("currency"), prices.currency},
        {QStringLiteral("your_price"),
         money(quote ? std::optional<Decimal>(quote->unitPrice) : std::nullopt)},
        {QStringLiteral("your_price_kind"),
         quote ? QJsonValue(priceKindName(quote->rule.kind)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("price_date"), date(day)},
        {QStringLiteral("rules"), rules},
    };
    return o;
}

QJsonObject stock(const ProductStock &stock)
{
    QJsonArray warehouses;
    for (const StockLevel &level : stock.levels) {
        warehouses.append(QJsonObject{
            {QStringLiteral("code"), level.warehouse},
            {QStringLiteral("name"), level.warehouseName},
            {QStringLiteral("on_hand"), level.onHand},
            {QStringLiteral("lead_time_days"), level.leadTimeDays},
            {QStringLiteral("next_receipt_date"), date(level.nextReceiptDate)},
            {QStringLiteral("next_receipt_qty"), level.nextReceiptQty},
        });
    }
    return {
        {QStringLiteral("total_on_hand"), stock.totalOnHand()},
        {QStringLiteral("warehouses"), warehouses},
    };
}

} // namespace

QJsonObject product(const ProductDetails &details, QDate priceDay)
{
    const Product &p = details.product;
    QJsonObject attributes;
    for (auto it = p.attributes.cbegin(); it != p.attributes.cend(); ++it)
        attributes.insert(it.key(), it.value());
    QJsonArray packs;
    for (const Pack &pack : p.packs) {
        packs.append(QJsonObject{
            {QStringLiteral("uom"), pack.uom},
            {QStringLiteral("name"), pack.name},
            {QStringLiteral("quantity"), pack.quantity},
            {QStringLiteral("gtin"), pack.gtin},
        });
    }
    return {
        {QStringLiteral("sku"), p.sku},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("description"), p.description},
        {QStringLiteral("brand"), p.brand},
        {QStringLiteral("category"), QJsonArray::fromStringList(p.categoryPath)},
        {QStringLiteral("category_code"), p.categoryCode},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("base_uom"), p.baseUom},
        {QStringLiteral("min_order_qty"), p.minOrderQty},
        {QStringLiteral("order_multiple"), p.orderMultiple},
        {QStringLiteral("discontinued"), p.discontinued},
        {QStringLiteral("packs"), packs},
        {QStringLiteral("prices"), details.prices ? QJsonValue(prices(p, *details.prices, priceDay))
                                                  : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("stock"),
         details.stock ? QJsonValue(stock(*details.stock)) : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject searchResult(const ProductSummary &s)
{
    return {
        {QStringLiteral("sku"), s.sku},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("brand"), s.brand},
        {QStringLiteral("category"), s.category},
        {QStringLiteral("pack"), s.packLabel},
        {QStringLiteral("your_price"), money(s.yourPrice)},
        {QStringLiteral("currency"),
         s.currency.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.currency)},
        {QStringLiteral("on_hand"), s.onHand},
        {QStringLiteral("discontinued"), s.discontinued},
    };
}

QJsonObject feedState(const FeedState &state)
{
    // Verified means the last completed pull converged: count and hash matched then.
    const bool verified = state.verifiedAt.isValid() && !state.resyncing &&
                          (!state.lastPulledAt.isValid() || state.verifiedAt >= state.lastPulledAt);
    return {
        {QStringLiteral("feed"), feedName(state.feed)},
        {QStringLiteral("cursor"), state.cursor},
        {QStringLiteral("count"), state.count},
        {QStringLiteral("digest"), state.digest.toHex()},
        {QStringLiteral("last_pull"), dateTime(state.lastPulledAt)},
        {QStringLiteral("verified_at"), dateTime(state.verifiedAt)},
        {QStringLiteral("verified"), verified},
        {QStringLiteral("resyncing"), state.resyncing},
    };
}

QJsonObject profile(const ProfileInfo &info)
{
    return {
        {QStringLiteral("portal"), info.portal.toString()},
        {QStringLiteral("portal_name"), info.portalName},
        {QStringLiteral("username"), info.username},
        {QStringLiteral("display_name"), info.displayName},
        {QStringLiteral("role"), info.role},
        {QStringLiteral("permissions"), QJsonArray::fromStringList(info.permissions)},
        {QStringLiteral("account_code"), info.accountCode},
        {QStringLiteral("account_name"), info.accountName},
        {QStringLiteral("currency"), info.currency},
    };
}

QJsonObject syncResult(const SyncResult &result)
{
    QJsonArray feeds;
    for (const FeedSyncResult &f : result.feeds) {
        feeds.append(QJsonObject{
            {QStringLiteral("feed"), feedName(f.feed)},
            {QStringLiteral("upserts"), f.upserts},
            {QStringLiteral("deletes"), f.deletes},
            {QStringLiteral("pages"), f.pages},
            {QStringLiteral("resynced"), f.resynced},
            {QStringLiteral("verified"), f.verified},
            {QStringLiteral("skipped"), f.skipped},
        });
    }
    const ListPushResult &lists = result.lists;
    return {
        {QStringLiteral("ok"), result.ok},
        {QStringLiteral("elapsed_ms"), result.elapsedMs},
        {QStringLiteral("lists_sent"),
         QJsonObject{
             {QStringLiteral("accepted"), lists.accepted},
             {QStringLiteral("conflicts"), lists.conflicts},
             {QStringLiteral("failed"), lists.failed},
             {QStringLiteral("deferred"), lists.deferred},
         }},
        {QStringLiteral("orders_sent"),
         QJsonObject{
             {QStringLiteral("accepted"), result.orders.accepted},
             {QStringLiteral("refused"), result.orders.refused},
             {QStringLiteral("deferred"), result.orders.deferred},
         }},
        {QStringLiteral("feeds"), feeds},
    };
}

} // namespace qm::clijson
