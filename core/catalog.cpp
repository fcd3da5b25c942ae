#include "core/catalog.h"

#include <QJsonArray>

namespace qm {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// The readers below and the *FromJson templates read a QJsonObject or a jsontext::Value (a
// payload straight from a sync page's text) by the same rules.

// Reads a required non-empty string member.
template<typename Object>
bool readString(const Object &o, QStringView name, QString *out, QString *error)
{
    const auto v = o.value(name);
    if (!v.isString() || v.toString().isEmpty())
        return fail(error, QStringLiteral("'%1' must be a non-empty string").arg(name));
    *out = v.toString();
    return true;
}

// Reads an integer member >= minimum; absent members keep their default when optional.
template<typename Object>
bool readInt(const Object &o, QStringView name, qint64 minimum, qint64 *out, QString *error,
             bool required = true)
{
    const auto v = o.value(name);
    if (v.isUndefined() && !required)
        return true;
    const qint64 n = v.toInteger(minimum - 1);
    if (!v.isDouble() || n < minimum || static_cast<double>(n) != v.toDouble())
        return fail(error, QStringLiteral("'%1' must be an integer >= %2").arg(name).arg(minimum));
    *out = n;
    return true;
}

template<typename Object>
bool readDate(const Object &o, QStringView name, QDate *out, QString *error)
{
    const auto v = o.value(name);
    if (v.isUndefined() || v.isNull())
        return true;
    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
    if (!v.isString() || !d.isValid())
        return fail(error, QStringLiteral("'%1' must be a date (YYYY-MM-DD)").arg(name));
    *out = d;
    return true;
}

template<typename Object>
std::optional<Pack> packFromJson(const Object &o, QString *error)
{
    Pack p;
    if (!readString(o, u"uom", &p.uom, error) || !readString(o, u"name", &p.name, error) ||
        !readInt(o, u"quantity", 1, &p.quantity, error))
        return std::nullopt;
    p.gtin = o.value(u"gtin").toString();
    return p;
}

template<typename Object>
std::optional<Product> productFromJson(const Object &o, QString *error)
{
    Product p;
    if (!readString(o, u"sku", &p.sku, error) || !readString(o, u"name", &p.name, error) ||
        !readString(o, u"base_uom", &p.baseUom, error) ||
        !readInt(o, u"min_order_qty", 1, &p.minOrderQty, error, false) ||
        !readInt(o, u"order_multiple", 1, &p.orderMultiple, error, false) ||
        !readInt(o, u"max_order_qty", 1, &p.maxOrderQty, error, false))
        return std::nullopt;
    p.description = o.value(u"description").toString();
    p.brand = o.value(u"brand").toString();
    const auto category = o.value(u"category").toObject();
    p.categoryCode = category.value(u"code").toString();
    for (const auto &v : category.value(u"path").toArray())
        p.categoryPath << v.toString();
    const auto attrs = o.value(u"attributes");
    if (!attrs.isUndefined() && !attrs.isObject()) {
        fail(error, QStringLiteral("'attributes' must be an object"));
        return std::nullopt;
    }
    const auto attrObject = attrs.toObject();
    for (auto it = attrObject.begin(); it != attrObject.end(); ++it) {
        if (!it.value().isString()) {
            fail(error, QStringLiteral("attribute '%1' must be a string").arg(it.key()));
            return std::nullopt;
        }
        p.attributes.insert(it.key(), it.value().toString());
    }
    p.discontinued = o.value(u"discontinued").toBool(false);
    const auto packs = o.value(u"packs");
    if (!packs.isArray() || packs.toArray().isEmpty()) {
        fail(error, QStringLiteral("'packs' must be a non-empty array"));
        return std::nullopt;
    }
    for (const auto &v : packs.toArray()) {
        auto pack = packFromJson(v.toObject(), error);
        if (!pack)
            return std::nullopt;
        p.packs.append(*pack);
    }
    return p;
}

template<typename Object>
std::optional<PriceRule> priceRuleFromJson(const Object &o, QString *error)
{
    PriceRule r;
    QString kind;
    QString price;
    if (!readString(o, u"kind", &kind, error) || !readString(o, u"uom", &r.uom, error) ||
        !readInt(o, u"min_qty", 1, &r.minQty, error) ||
        !readString(o, u"unit_price", &price, error) ||
        !readDate(o, u"valid_from", &r.validFrom, error) ||
        !readDate(o, u"valid_to", &r.validTo, error))
        return std::nullopt;
    if (kind == u"list") {
        r.kind = PriceRule::Kind::List;
    } else if (kind == u"contract") {
        r.kind = PriceRule::Kind::Contract;
    } else {
        fail(error, QStringLiteral("unknown price kind '%1'").arg(kind));
        return std::nullopt;
    }
    const auto parsed = Decimal::parse(price);
    if (!parsed || parsed->isNegative()) {
        fail(error, QStringLiteral("'%1' is not a valid unit price").arg(price));
        return std::nullopt;
    }
    r.unitPrice = *parsed;
    if (r.validFrom.isValid() && r.validTo.isValid() && r.validTo < r.validFrom) {
        fail(error, QStringLiteral("price valid_to is before valid_from"));
        return std::nullopt;
    }
    return r;
}

template<typename Object>
std::optional<CategoryDiscount> categoryDiscountFromJson(const Object &o, QString *error)
{
    CategoryDiscount d;
    QString percent;
    if (!readString(o, u"category", &d.category, error) ||
        !readString(o, u"percent", &percent, error) ||
        !readDate(o, u"valid_from", &d.validFrom, error) ||
        !readDate(o, u"valid_to", &d.validTo, error))
        return std::nullopt;
    const auto parsed = Decimal::parse(percent);
    if (!parsed || parsed->isNegative() || *parsed > Decimal::fromInt(100)) {
        fail(error, QStringLiteral("'%1' is not a percentage between 0 and 100").arg(percent));
        return std::nullopt;
    }
    d.percent = *parsed;
    if (d.validFrom.isValid() && d.validTo.isValid() && d.validTo < d.validFrom) {
        fail(error, QStringLiteral("discount valid_to is before valid_from"));
        return std::nullopt;
    }
    return d;
}

template<typename Object>
std::optional<ProductPrices> productPricesFromJson(const Object &o, QString *error)
{
    ProductPrices p;
    if (!readString(o, u"sku", &p.sku, error) || !readString(o, u"currency", &p.currency, error))
        return std::nullopt;
    const auto rules = o.value(u"rules");
    if (!rules.isArray()) {
        fail(error, QStringLiteral("'rules' must be an array"));
        return std::nullopt;
    }
    for (const auto &v : rules.toArray()) {
        auto rule = priceRuleFromJson(v.toObject(), error);
        if (!rule)
            return std::nullopt;
        p.rules.append(*rule);
    }
    const auto discounts = o.value(u"discounts");
    if (!discounts.isUndefined() && !discounts.isArray()) {
        fail(error, QStringLiteral("'discounts' must be an array"));
        return std::nullopt;
    }
    for (const auto &v : discounts.toArray()) {
        auto discount = categoryDiscountFromJson(v.toObject(), error);
        if (!discount)
            return std::nullopt;
        p.discounts.append(*discount);
    }
    return p;
}

template<typename Object>
std::optional<StockLevel> stockLevelFromJson(const Object &o, QString *error)
{
    StockLevel s;
    qint64 lead = 0;
    if (!readString(o, u"warehouse", &s.warehouse, error) ||
        !readInt(o, u"on_hand", 0, &s.onHand, error) ||
        !readInt(o, u"lead_time_days", 0, &lead, error) ||
        !readDate(o, u"next_receipt_date", &s.nextReceiptDate, error) ||
        !readInt(o, u"next_receipt_qty", 0, &s.nextReceiptQty, error, false))
        return std::nullopt;
    s.leadTimeDays = static_cast<int>(lead);
    s.warehouseName = o.value(u"warehouse_name").toString();
    return s;
}

template<typename Object>
std::optional<ProductStock> productStockFromJson(const Object &o, QString *error)
{
    ProductStock s;
    if (!readString(o, u"sku", &s.sku, error))
        return std::nullopt;
    const auto arr = o.value(u"warehouses");
    if (!arr.isArray()) {
        fail(error, QStringLiteral("'warehouses' must be an array"));
        return std::nullopt;
    }
    for (const auto &v : arr.toArray()) {
        auto level = stockLevelFromJson(v.toObject(), error);
        if (!level)
            return std::nullopt;
        s.levels.append(*level);
    }
    return s;
}

} // namespace

QJsonObject Pack::toJson() const
{
    return QJsonObject{{QStringLiteral("uom"), uom},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("quantity"), quantity},
                       {QStringLiteral("gtin"), gtin}};
}

std::optional<Pack> Pack::fromJson(const QJsonObject &o, QString *error)
{
    return packFromJson(o, error);
}

QJsonObject Product::toJson() const
{
    QJsonObject attrs;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        attrs.insert(it.key(), it.value());
    QJsonArray packArray;
    for (const Pack &p : packs)
        packArray.append(p.toJson());
    QJsonObject o{
        {QStringLiteral("sku"), sku},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("brand"), brand},
        {QStringLiteral("category"),
         QJsonObject{{QStringLiteral("code"), categoryCode},
                     {QStringLiteral("path"), QJsonArray::fromStringList(categoryPath)}}},
        {QStringLiteral("attributes"), attrs},
        {QStringLiteral("base_uom"), baseUom},
        {QStringLiteral("min_order_qty"), minOrderQty},
        {QStringLiteral("order_multiple"), orderMultiple},
        {QStringLiteral("discontinued"), discontinued},
        {QStringLiteral("packs"), packArray},
    };
    if (maxOrderQty > 0)
        o.insert(QStringLiteral("max_order_qty"), maxOrderQty);
    return o;
}

std::optional<Product> Product::fromJson(const QJsonObject &o, QString *error)
{
    return productFromJson(o, error);
}

std::optional<Product> Product::fromJson(const jsontext::Value &o, QString *error)
{
    return productFromJson(o, error);
}

QString priceKindName(PriceRule::Kind kind)
{
    return kind == PriceRule::Kind::Contract ? QStringLiteral("contract") : QStringLiteral("list");
}

bool PriceRule::isValidOn(QDate day) const
{
    return (validFrom.isNull() || validFrom <= day) && (validTo.isNull() || day <= validTo);
}

QJsonObject PriceRule::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), priceKindName(kind)},
                  {QStringLiteral("uom"), uom},
                  {QStringLiteral("min_qty"), minQty},
                  {QStringLiteral("unit_price"), unitPrice.toString()}};
    if (validFrom.isValid())
        o.insert(QStringLiteral("valid_from"), validFrom.toString(Qt::ISODate));
    if (validTo.isValid())
        o.insert(QStringLiteral("valid_to"), validTo.toString(Qt::ISODate));
    return o;
}

std::optional<PriceRule> PriceRule::fromJson(const QJsonObject &o, QString *error)
{
    return priceRuleFromJson(o, error);
}

bool CategoryDiscount::isValidOn(QDate day) const
{
    return (validFrom.isNull() || validFrom <= day) && (validTo.isNull() || day <= validTo);
}

QJsonObject CategoryDiscount::toJson() const
{
    QJsonObject o{{QStringLiteral("category"), category},
                  {QStringLiteral("percent"), percent.toString()}};
    if (validFrom.isValid())
        o.insert(QStringLiteral("valid_from"), validFrom.toString(Qt::ISODate));
    if (validTo.isValid())
        o.insert(QStringLiteral("valid_to"), validTo.toString(Qt::ISODate));
    return o;
}

std::optional<CategoryDiscount> CategoryDiscount::fromJson(const QJsonObject &o, QString *error)
{
    return categoryDiscountFromJson(o, error);
}

QJsonObject ProductPrices::toJson() const
{
    QJsonArray rulesArray;
    for (const PriceRule &r : rules)
        rulesArray.append(r.toJson());
    QJsonObject o{{QStringLiteral("sku"), sku},
                  {QStringLiteral("currency"), currency},
                  {QStringLiteral("rules"), rulesArray}};
    if (!discounts.isEmpty()) {
        QJsonArray discountArray;
        for (const CategoryDiscount &d : discounts)
            discountArray.append(d.toJson());
        o.insert(QStringLiteral("discounts"), discountArray);
    }
    return o;
}

std::optional<ProductPrices> ProductPrices::fromJson(const QJsonObject &o, QString *error)
{
    return productPricesFromJson(o, error);
}

std::optional<ProductPrices> ProductPrices::fromJson(const jsontext::Value &o, QString *error)
{
    return productPricesFromJson(o, error);
}

std::optional<PriceQuote> resolvePrice(const QList<PriceRule> &rules, QStringView uom, qint64 qty,
                                       QDate day)
{
    const PriceRule *best = nullptr;
    for (const PriceRule &r : rules) {
        if (r.uom.compare(uom, Qt::CaseInsensitive) != 0 || r.minQty > qty || !r.isValidOn(day))
            continue;
        if (!best) {
            best = &r;
            continue;
        }
        if (r.unitPrice != best->unitPrice) {
            if (r.unitPrice < best->unitPrice)
                best = &r;
            continue;
        }
        if (r.kind != best->kind) {
            if (r.kind == PriceRule::Kind::Contract)
                best = &r;
            continue;
        }
        if (r.minQty > best->minQty)
            best = &r;
    }
    if (!best)
        return std::nullopt;
    return PriceQuote{best->unitPrice, *best};
}

QJsonObject StockLevel::toJson() const
{
    QJsonObject o{{QStringLiteral("warehouse"), warehouse},
                  {QStringLiteral("warehouse_name"), warehouseName},
                  {QStringLiteral("on_hand"), onHand},
                  {QStringLiteral("lead_time_days"), leadTimeDays}};
    if (nextReceiptDate.isValid()) {
        o.insert(QStringLiteral("next_receipt_date"), nextReceiptDate.toString(Qt::ISODate));
        o.insert(QStringLiteral("next_receipt_qty"), nextReceiptQty);
    }
    return o;
}

std::optional<StockLevel> StockLevel::fromJson(const QJsonObject &o, QString *error)
{
    return stockLevelFromJson(o, error);
}

qint64 ProductStock::totalOnHand() const
{
    qint64 total = 0;
    for (const StockLevel &l : levels)
        total += l.onHand;
    return total;
}

QJsonObject ProductStock::toJson() const
{
    QJsonArray arr;
    for (const StockLevel &l : levels)
        arr.append(l.toJson());
    return QJsonObject{{QStringLiteral("sku"), sku}, {QStringLiteral("warehouses"), arr}};
}

std::optional<ProductStock> ProductStock::fromJson(const QJsonObject &o, QString *error)
{
    return productStockFromJson(o, error);
}

std::optional<ProductStock> ProductStock::fromJson(const jsontext::Value &o, QString *error)
{
    return productStockFromJson(o, error);
}

} // namespace qm
