#include "core/pricing.h"

#include <QtNumeric>

#include <limits>
#include <numeric>

namespace qm::pricing {

namespace {

constexpr qint64 MaxQty = std::numeric_limits<qint64>::max();

// Smallest multiple of `step` that is >= `value` (both positive); nullopt on overflow.
std::optional<qint64> roundUpTo(qint64 value, qint64 step)
{
    const qint64 remainder = value % step;
    if (remainder == 0)
        return value;
    qint64 result = 0;
    if (qAddOverflow(value, step - remainder, &result))
        return std::nullopt;
    return result;
}

// `value` rounded half away from zero to `digits` fractional digits; nullopt when the
// rounded value no longer fits.
std::optional<Decimal> roundMoney(Decimal value, int digits)
{
    if (digits >= Decimal::Scale)
        return value;
    qint64 step = 1;
    for (int i = std::max(digits, 0); i < Decimal::Scale; ++i)
        step *= 10;
    const qint64 units = value.units();
    if (units == std::numeric_limits<qint64>::min())
        return std::nullopt;
    const qint64 magnitude = units < 0 ? -units : units;
    if (magnitude > MaxQty - step)
        return std::nullopt;
    return value.rounded(digits);
}

// `price` less `percent` %, rounded half away from zero to Decimal's four digits. Exact
// without a 128-bit type: price = a * 10^6 + b, so price * f / 10^6 = a * f + b * f / 10^6
// with f = 10^6 - percent units (<= 10^6), where no product can overflow.
Decimal lessPercent(Decimal price, Decimal percent)
{
    constexpr qint64 Hundred = 100 * Decimal::One;
    const qint64 factor = Hundred - percent.units();
    const qint64 a = price.units() / Hundred;
    const qint64 b = price.units() % Hundred;
    const qint64 fraction = b * factor;
    qint64 units = a * factor + fraction / Hundred;
    if ((fraction % Hundred) * 2 >= Hundred)
        ++units;
    return Decimal::fromUnits(units);
}

// One way to arrive at a unit price for the line. Refers to its rule (and discount), so that
// only the winner's AppliedRule is ever built.
struct Candidate
{
    Decimal price;
    AppliedRule::Source source = AppliedRule::Source::List;
    const PriceRule *rule = nullptr;
    const CategoryDiscount *discount = nullptr; // CategoryDiscount only
    qint64 tierBase = 0;                        // the tier's threshold in base units
    bool ownUom = false;                        // quoted in the line's own unit

    AppliedRule applied() const
    {
        AppliedRule a;
        a.source = source;
        a.uom = rule->uom;
        a.minQty = rule->minQty;
        a.validFrom = discount ? discount->validFrom : rule->validFrom;
        a.validTo = discount ? discount->validTo : rule->validTo;
        if (discount) {
            a.percent = discount->percent;
            a.category = discount->category;
        }
        return a;
    }
};

int rank(AppliedRule::Source source)
{
    switch (source) {
    case AppliedRule::Source::Contract:
        return 2;
    case AppliedRule::Source::CategoryDiscount:
        return 1;
    case AppliedRule::Source::List:
        return 0;
    }
    return 0;
}

// Whether `a` wins over `b`: the lower price; on equal prices contract, then discount, then
// list; then the higher tier; then the rule quoted in the line's own unit.
bool beats(const Candidate &a, const Candidate &b)
{
    if (a.price != b.price)
        return a.price < b.price;
    if (rank(a.source) != rank(b.source))
        return rank(a.source) > rank(b.source);
    if (a.tierBase != b.tierBase)
        return a.tierBase > b.tierBase;
    return a.ownUom && !b.ownUom;
}

void consider(std::optional<Candidate> &best, const Candidate &c)
{
    if (!best || beats(c, *best))
        best = c;
}

struct Resolution
{
    std::optional<Candidate> best;
    std::optional<Candidate> bestList;
    bool overflowed = false; // a rule applied but its price did not fit
};

// Steps (a) to (c) of docs/pricing.md for `qty` of `pack`.
Resolution resolve(const ItemTerms &terms, const Pack &pack, qint64 qty, qint64 baseQty, QDate day)
{
    const Product &product = terms.product;
    const bool packIsBase = pack.uom.compare(product.baseUom, Qt::CaseInsensitive) == 0;
    Resolution r;
    for (const PriceRule &rule : terms.prices.rules) {
        if (!rule.isValidOn(day))
            continue;
        Candidate c;
        c.rule = &rule;
        c.source = rule.kind == PriceRule::Kind::Contract ? AppliedRule::Source::Contract
                                                          : AppliedRule::Source::List;
        if (rule.uom.compare(pack.uom, Qt::CaseInsensitive) == 0) {
            if (rule.minQty > qty)
                continue;
            c.price = rule.unitPrice;
            c.ownUom = true;
            if (qMulOverflow(rule.minQty, pack.quantity, &c.tierBase))
                c.tierBase = MaxQty;
        } else if (!packIsBase && rule.uom.compare(product.baseUom, Qt::CaseInsensitive) == 0) {
            if (rule.minQty > baseQty)
                continue;
            const auto converted = rule.unitPrice.times(pack.quantity);
            if (!converted) {
                r.overflowed = true;
                continue;
            }
            c.price = *converted;
            c.tierBase = rule.minQty;
        } else {
            continue;
        }
        consider(r.best, c);
        if (rule.kind == PriceRule::Kind::List)
            consider(r.bestList, c);
    }

    if (r.bestList) {
        const CategoryDiscount *discount = nullptr;
        for (const CategoryDiscount &d : terms.prices.discounts) {
            if (!d.isValidOn(day))
                continue;
            if (!discount || d.percent > discount->percent ||
                (d.percent == discount->percent && d.category < discount->category))
                discount = &d;
        }
        if (discount) {
            Candidate c = *r.bestList;
            c.price = lessPercent(r.bestList->price, discount->percent);
            c.source = AppliedRule::Source::CategoryDiscount;
            c.discount = discount;
            consider(r.best, c);
        }
    }
    return r;
}

PricedLine withProblem(PricedLine line, LineProblem problem)
{
    line.problem = problem;
    line.unitPrice = Decimal();
    line.listUnitPrice = Decimal();
    line.lineTotal = Decimal();
    line.savings = Decimal();
    line.rule = AppliedRule();
    return line;
}

} // namespace

std::optional<Pack> findPack(const Product &product, QStringView uom)
{
    if (uom.isEmpty() || uom.compare(product.baseUom, Qt::CaseInsensitive) == 0) {
        Pack base;
        base.uom = product.baseUom;
        base.quantity = 1;
        for (const Pack &p : product.packs) {
            if (p.uom.compare(product.baseUom, Qt::CaseInsensitive) == 0) {
                base.name = p.name;
                base.gtin = p.gtin;
            }
        }
        return base;
    }
    for (const Pack &p : product.packs) {
        if (p.uom.compare(uom, Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

PricedLine priceLine(const ItemTerms &terms, const LineRequest &request, QDate day)
{
    const Product &product = terms.product;
    PricedLine line;
    line.request = request;
    line.quantity = request.quantity;
    line.uom = request.uom.isEmpty() ? product.baseUom : request.uom;

    const auto pack = findPack(product, request.uom);
    if (pack)
        line.uom = pack->uom;
    if (!terms.inAssortment)
        return withProblem(line, LineProblem::NotInAssortment);
    if (product.discontinued)
        return withProblem(line, LineProblem::Discontinued);
    if (!pack)
        return withProblem(line, LineProblem::UnknownUnit);
    if (request.quantity <= 0)
        return withProblem(line, LineProblem::InvalidQuantity);

    // The line rules, in base units; the quantity stays a whole number of packs.
    const qint64 packQty = pack->quantity;
    qint64 qty = request.quantity;
    qint64 base = 0;
    if (qMulOverflow(qty, packQty, &base))
        return withProblem(line, LineProblem::Overflow);
    const qint64 minimum = std::max<qint64>(1, product.minOrderQty);
    if (base < minimum) {
        qty = minimum / packQty + (minimum % packQty ? 1 : 0);
        line.adjustments << Adjustment::RaisedToMinimum;
    }
    // qty * packQty is a multiple of `multiple` exactly when qty is a multiple of `step`.
    const qint64 multiple = std::max<qint64>(1, product.orderMultiple);
    const qint64 step = multiple / std::gcd(packQty, multiple);
    if (step > 1 && qty % step != 0) {
        const auto rounded = roundUpTo(qty, step);
        if (!rounded) {
            line.quantity = qty;
            return withProblem(line, LineProblem::Overflow);
        }
        qty = *rounded;
        line.adjustments << Adjustment::RoundedToMultiple;
    }
    if (qMulOverflow(qty, packQty, &base)) {
        line.quantity = qty;
        return withProblem(line, LineProblem::Overflow);
    }
    if (product.maxOrderQty > 0 && base > product.maxOrderQty) {
        const qint64 capped = (product.maxOrderQty / packQty) / step * step;
        if (capped < 1 || capped * packQty < minimum) {
            line.quantity = qty;
            line.baseQuantity = base;
            return withProblem(line, LineProblem::NoValidQuantity);
        }
        qty = capped;
        base = capped * packQty;
        line.adjustments << Adjustment::CappedAtMaximum;
    }
    line.quantity = qty;
    line.baseQuantity = base;

    const Resolution r = resolve(terms, *pack, qty, base, day);
    if (!r.best)
        return withProblem(line, r.overflowed ? LineProblem::Overflow : LineProblem::NoPrice);
    line.unitPrice = r.best->price;
    line.listUnitPrice = r.bestList ? r.bestList->price : r.best->price;
    line.rule = r.best->applied();

    const int digits = currencyMinorDigits(terms.prices.currency);
    const auto total = line.unitPrice.times(qty);
    const auto saved = (line.listUnitPrice - line.unitPrice).times(qty);
    const auto roundedTotal = total ? roundMoney(*total, digits) : std::nullopt;
    const auto roundedSaved = saved ? roundMoney(*saved, digits) : std::nullopt;
    if (!roundedTotal || !roundedSaved)
        return withProblem(line, LineProblem::Overflow);
    line.lineTotal = *roundedTotal;
    line.savings = roundedSaved->isNegative() ? Decimal() : *roundedSaved;
    return line;
}

CartTotals totals(const QList<PricedLine> &lines, const QString &currency)
{
    CartTotals t;
    t.currency = currency;
    qint64 subtotal = 0;
    qint64 savings = 0;
    for (const PricedLine &line : lines) {
        if (!line.isPriced()) {
            ++t.unpricedLines;
            continue;
        }
        ++t.pricedLines;
        if (qAddOverflow(subtotal, line.lineTotal.units(), &subtotal) ||
            qAddOverflow(savings, line.savings.units(), &savings))
            t.overflow = true;
    }
    if (!t.overflow) {
        t.subtotal = Decimal::fromUnits(subtotal);
        t.savings = Decimal::fromUnits(savings);
    }
    return t;
}

QString adjustmentName(Adjustment a)
{
    switch (a) {
    case Adjustment::RaisedToMinimum:
        return QStringLiteral("raised-to-minimum");
    case Adjustment::RoundedToMultiple:
        return QStringLiteral("rounded-to-multiple");
    case Adjustment::CappedAtMaximum:
        return QStringLiteral("capped-at-maximum");
    }
    return {};
}

QString problemName(LineProblem p)
{
    switch (p) {
    case LineProblem::None:
        return QStringLiteral("none");
    case LineProblem::UnknownUnit:
        return QStringLiteral("unknown-unit");
    case LineProblem::InvalidQuantity:
        return QStringLiteral("invalid-quantity");
    case LineProblem::Discontinued:
        return QStringLiteral("discontinued");
    case LineProblem::NotInAssortment:
        return QStringLiteral("not-in-assortment");
    case LineProblem::NoPrice:
        return QStringLiteral("no-price");
    case LineProblem::Overflow:
        return QStringLiteral("overflow");
    case LineProblem::NoValidQuantity:
        return QStringLiteral("no-valid-quantity");
    }
    return {};
}

QString sourceName(AppliedRule::Source s)
{
    switch (s) {
    case AppliedRule::Source::List:
        return QStringLiteral("list");
    case AppliedRule::Source::Contract:
        return QStringLiteral("contract");
    case AppliedRule::Source::CategoryDiscount:
        return QStringLiteral("category-discount");
    }
    return {};
}

} // namespace qm::pricing
