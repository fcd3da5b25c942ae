#pragma once

#include "core/decimal.h"
#include "core/jsontext.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

// The catalog values that travel in the products, prices and stock feeds. The portal
// builds its feed payloads with toJson(); the client reads them with fromJson(), from a
// QJsonObject or, in a sync, straight from a page's text (jsontext::Value). The
// JSON field names are those of api/portal-api.yaml.

// One level of a product's pack hierarchy: "EA" (each, quantity 1), "BX" (a box of
// 100), "CS", "PL"... Quantities are in the product's base unit. Every pack has its
// own GTIN.
struct Pack
{
    QString uom;
    QString name;
    qint64 quantity = 1;
    QString gtin;

    QJsonObject toJson() const;
    static std::optional<Pack> fromJson(const QJsonObject &o, QString *error);
    friend bool operator==(const Pack &a, const Pack &b)
    {
        return a.uom == b.uom && a.name == b.name && a.quantity == b.quantity && a.gtin == b.gtin;
    }
};

struct Product
{
    QString sku;
    QString name;
    QString description;
    QString brand;
    QString categoryCode;
    QStringList categoryPath;          // e.g. {"Fasteners", "Bolts"}
    QMap<QString, QString> attributes; // e.g. material, size, standard
    QString baseUom = QStringLiteral("EA");
    qint64 minOrderQty = 1;   // in base units
    qint64 orderMultiple = 1; // in base units
    qint64 maxOrderQty = 0;   // in base units; 0: no maximum
    bool discontinued = false;
    QList<Pack> packs;

    QJsonObject toJson() const;
    static std::optional<Product> fromJson(const QJsonObject &o, QString *error);
    static std::optional<Product> fromJson(const jsontext::Value &o, QString *error);
};

// One price rule for one product in one unit of measure. A list price applies to every
// account; a contract price is negotiated by the account. `minQty` (in that unit) makes
// volume tiers. Dates are inclusive; a null validTo means open-ended.
struct PriceRule
{
    enum class Kind
    {
        List,
        Contract,
    };
    Kind kind = Kind::List;
    QString uom;
    qint64 minQty = 1;
    Decimal unitPrice;
    QDate validFrom;
    QDate validTo;

    bool isValidOn(QDate day) const;
    QJsonObject toJson() const;
    static std::optional<PriceRule> fromJson(const QJsonObject &o, QString *error);
};

QString priceKindName(PriceRule::Kind kind);

// A percentage off the list price that an account's catalog gets on a whole category
// (and everything below it). The portal puts the discounts that reach a product into that
// product's prices entry, so the client can price offline from one entry. `category` is
// the code of the category the discount was granted on.
struct CategoryDiscount
{
    QString category;
    Decimal percent; // 12.5 means 12.5 % off
    QDate validFrom;
    QDate validTo;

    bool isValidOn(QDate day) const;
    QJsonObject toJson() const;
    static std::optional<CategoryDiscount> fromJson(const QJsonObject &o, QString *error);
    friend bool operator==(const CategoryDiscount &a, const CategoryDiscount &b)
    {
        return a.category == b.category && a.percent == b.percent && a.validFrom == b.validFrom &&
               a.validTo == b.validTo;
    }
};

// Everything an account needs to price one product offline.
struct ProductPrices
{
    QString sku;
    QString currency;
    QList<PriceRule> rules;
    QList<CategoryDiscount> discounts; // absent from the JSON when empty

    QJsonObject toJson() const;
    static std::optional<ProductPrices> fromJson(const QJsonObject &o, QString *error);
    static std::optional<ProductPrices> fromJson(const jsontext::Value &o, QString *error);
};

// The unit price that applies to `qty` units of `uom` on `day` from the rules quoted in
// that unit (compared case-insensitively): among the rules valid that day whose minimum
// quantity is reached, the lowest unit price wins; on equal prices a contract rule beats a
// list rule, then the higher tier. This is step (a) of the pricing engine
// (core/pricing.h, docs/pricing.md), which also converts base-unit prices to packs and
// applies category discounts and the line rules; price a line with pricing::priceLine.
struct PriceQuote
{
    Decimal unitPrice;
    PriceRule rule;
};
std::optional<PriceQuote> resolvePrice(const QList<PriceRule> &rules, QStringView uom, qint64 qty,
                                       QDate day);

struct StockLevel
{
    QString warehouse;     // code, e.g. "CHI"
    QString warehouseName; // "Chicago, IL"
    qint64 onHand = 0;     // base units available to promise
    int leadTimeDays = 0;  // when out of stock: days until it can ship
    QDate nextReceiptDate; // null when nothing is on order
    qint64 nextReceiptQty = 0;

    QJsonObject toJson() const;
    static std::optional<StockLevel> fromJson(const QJsonObject &o, QString *error);
};

struct ProductStock
{
    QString sku;
    QList<StockLevel> levels;

    qint64 totalOnHand() const;
    QJsonObject toJson() const;
    static std::optional<ProductStock> fromJson(const QJsonObject &o, QString *error);
    static std::optional<ProductStock> fromJson(const jsontext::Value &o, QString *error);
};

} // namespace qm
