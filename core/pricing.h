#pragma once

#include "core/catalog.h"
#include "core/decimal.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace qm::pricing {

// The pricing engine: one code for the client (carts, quick order, offline) and the portal
// (quotes and orders). Everything is exact decimal arithmetic on qm::Decimal; nothing here
// touches binary floating point. docs/pricing.md describes the rules in prose.

// Everything needed to price one product for one account on any day: the product (its
// pack hierarchy, minimum, multiple, maximum, discontinued flag) and the prices entry of
// the account's catalog (list and contract rules, category discounts, currency).
// `inAssortment` is false when the account may not buy the product (it left the
// catalog): such a line is flagged, never silently dropped.
struct ItemTerms
{
    Product product;
    ProductPrices prices;
    bool inAssortment = true;
};

// One requested line: a quantity of one pack (unit of measure) of one product. An empty
// `uom` means the product's base unit.
struct LineRequest
{
    QString sku;
    QString uom;
    qint64 quantity = 0;
};

// What the line rules did to a requested quantity, or why a line cannot be priced. The
// UI and CLI turn these into sentences; the order API sends them as problem slugs.
enum class Adjustment
{
    RaisedToMinimum,   // below the minimum order quantity: raised to it
    RoundedToMultiple, // not a multiple of the order multiple: rounded up to the next one
    CappedAtMaximum,   // above the maximum order quantity: lowered to the largest valid one
};

enum class LineProblem
{
    None,
    UnknownUnit,     // the product has no pack with that unit of measure
    InvalidQuantity, // zero or negative
    Discontinued,    // the product is discontinued
    NotInAssortment, // the account may not buy it
    NoPrice,         // no price rule applies on that day
    Overflow,        // the total does not fit the money type
    NoValidQuantity, // no quantity of this pack meets the minimum, multiple and maximum
                     // together (e.g. a pallet larger than the maximum): choose another pack
};

// How the unit price came about: which rule won.
struct AppliedRule
{
    enum class Source
    {
        List,
        Contract,
        CategoryDiscount,
    };
    Source source = Source::List;
    QString uom;       // the unit the rule is quoted in
    qint64 minQty = 1; // the tier: the rule applies from this quantity (in `uom`)
    Decimal percent;   // CategoryDiscount only
    QString category;  // CategoryDiscount only
    QDate validFrom;   // null: open
    QDate validTo;     // null: open
};

// A line with a problem carries no price (all amounts zero) but keeps its request; `uom`,
// `quantity` and `baseQuantity` are filled as far as the rules got (the request's quantity
// when the line rules did not run).
struct PricedLine
{
    LineRequest request;
    qint64 quantity = 0;     // after the line rules, in `uom`
    QString uom;             // the pack priced (the base unit when the request named none)
    qint64 baseQuantity = 0; // quantity x pack quantity
    QList<Adjustment> adjustments;
    LineProblem problem = LineProblem::None;

    Decimal unitPrice;     // per `uom`, 4 decimals
    Decimal listUnitPrice; // the list price for the same quantity (what it would cost without
                           // contract, tier or discount); equals unitPrice when no better rule
    Decimal lineTotal;     // unitPrice x quantity, rounded to the currency's minor unit
    Decimal savings;       // (listUnitPrice - unitPrice) x quantity, rounded likewise; >= 0
    AppliedRule rule;

    bool isPriced() const { return problem == LineProblem::None; }
};

// Applies the line rules to the request and prices it on `day`. Pure and deterministic:
// the same terms, request and day always give the same line.
PricedLine priceLine(const ItemTerms &terms, const LineRequest &request, QDate day);

// The pack a line orders: `uom` matched case-insensitively, empty meaning the base unit
// (quantity 1 even when no pack lists it). nullopt for an unknown unit.
std::optional<Pack> findPack(const Product &product, QStringView uom);

struct CartTotals
{
    QString currency;
    Decimal subtotal; // sum of the priced lines' totals
    Decimal savings;  // sum of the priced lines' savings
    int pricedLines = 0;
    int unpricedLines = 0;
    bool overflow = false; // a sum did not fit the money type; subtotal and savings are unset
};

CartTotals totals(const QList<PricedLine> &lines, const QString &currency);

// Stable names for the wire and logs: "raised-to-minimum", "no-price", "contract"...
QString adjustmentName(Adjustment a);
QString problemName(LineProblem p);
QString sourceName(AppliedRule::Source s);

} // namespace qm::pricing
