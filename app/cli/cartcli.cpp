#include "app/cli/cartcli.h"

#include "app/cli/clijson.h"
#include "models/cartpricing.h"
#include "models/database.h"

#include <QJsonArray>
#include <QLocale>

namespace qm::cartcli {

namespace {

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString matchedByName(CodeMatch::By by)
{
    switch (by) {
    case CodeMatch::By::Sku:
        return QStringLiteral("sku");
    case CodeMatch::By::Gtin:
        return QStringLiteral("gtin");
    case CodeMatch::By::PartNumber:
        return QStringLiteral("part-number");
    }
    return {};
}

QJsonObject match(const CodeMatch &m)
{
    return {
        {QStringLiteral("sku"), m.sku},
        {QStringLiteral("uom"), nullable(m.uom)},
        {QStringLiteral("by"), matchedByName(m.by)},
        {QStringLiteral("product"), nullable(m.productName)},
    };
}

// Totals are written with the currency's minor unit, as the portal's quotes are.
QJsonObject pricedLine(const pricing::PricedLine &p, const QString &currency)
{
    const int digits = currencyMinorDigits(currency);
    QJsonArray adjustments;
    for (pricing::Adjustment a : p.adjustments)
        adjustments.append(pricing::adjustmentName(a));
    const bool priced = p.isPriced();
    return {
        {QStringLiteral("quantity"), p.quantity},
        {QStringLiteral("uom"), p.uom},
        {QStringLiteral("base_quantity"), p.baseQuantity},
        {QStringLiteral("adjustments"), adjustments},
        {QStringLiteral("problem"),
         priced ? QJsonValue(QJsonValue::Null) : QJsonValue(pricing::problemName(p.problem))},
        {QStringLiteral("unit_price"),
         priced ? QJsonValue(p.unitPrice.toString()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("list_unit_price"),
         priced ? QJsonValue(p.listUnitPrice.toString()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("line_total"),
         priced ? QJsonValue(p.lineTotal.toString(digits)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("savings"),
         priced ? QJsonValue(p.savings.toString(digits)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("rule"),
         priced ? QJsonValue(pricing::sourceName(p.rule.source)) : QJsonValue(QJsonValue::Null)},
    };
}

QString money(const Decimal &d)
{
    return d.toString(2);
}

} // namespace

QString defaultCartName()
{
    return QStringLiteral("Cart");
}

std::optional<CartInfo> chooseCart(Database &db, const QString &option, bool create,
                                   CliError *error)
{
    CartStore store(db);
    QString why;
    std::optional<CartInfo> cart;
    if (!option.isEmpty()) {
        cart = store.findCart(option);
        if (!cart) {
            *error = {ExitCode::NotFound, QStringLiteral("no cart named '%1'").arg(option)};
            return std::nullopt;
        }
    } else if (create) {
        cart = store.currentOrNewCart(defaultCartName(), &why);
    } else {
        cart = store.currentCart();
        if (!cart) {
            *error = {ExitCode::NotFound,
                      QStringLiteral("no carts yet; create one with qm cart new NAME")};
            return std::nullopt;
        }
    }
    if (!cart || !store.markUsed(cart->id, &why)) {
        *error = {ExitCode::Error, QStringLiteral("cannot use the cart: %1").arg(why)};
        return std::nullopt;
    }
    return store.cart(cart->id);
}

QJsonObject cartInfo(const CartInfo &cart, bool current)
{
    return {
        {QStringLiteral("id"), cart.id},
        {QStringLiteral("name"), cart.name},
        {QStringLiteral("line_count"), cart.lineCount},
        {QStringLiteral("created_at"), clijson::dateTime(cart.createdAt)},
        {QStringLiteral("updated_at"), clijson::dateTime(cart.updatedAt)},
        {QStringLiteral("archived"), cart.archived},
        {QStringLiteral("current"), current},
    };
}

QJsonObject pricedCart(const CartInfo &cart, const CartPricing &pricing)
{
    QJsonArray lines;
    for (const PricedCartLine &l : pricing.lines()) {
        QJsonObject o = pricedLine(l.priced, pricing.currency());
        o.insert(QStringLiteral("id"), l.line.id);
        o.insert(QStringLiteral("position"), l.line.position);
        o.insert(QStringLiteral("code"), l.line.code);
        o.insert(QStringLiteral("sku"), l.line.sku);
        o.insert(QStringLiteral("uom"), l.line.uom);
        o.insert(QStringLiteral("quantity"), l.line.quantity);
        o.insert(QStringLiteral("requested_quantity"), l.line.requestedQuantity);
        o.insert(QStringLiteral("priced_quantity"), l.priced.quantity);
        o.insert(QStringLiteral("source"), lineSourceName(l.line.source));
        o.insert(QStringLiteral("note"), l.line.note);
        o.insert(QStringLiteral("price_note"), CartPricing::note(l));
        o.remove(QStringLiteral("base_quantity"));
        if (!l.knownProduct)
            o.insert(QStringLiteral("problem"), QStringLiteral("unknown-product"));
        lines.append(o);
    }
    const pricing::CartTotals t = pricing.totals();
    return {
        {QStringLiteral("cart"), cartInfo(cart, true)},
        {QStringLiteral("price_date"), clijson::date(pricing.day())},
        {QStringLiteral("prices_as_of"), clijson::dateTime(pricing.pricesAsOf())},
        {QStringLiteral("currency"), nullable(pricing.currency())},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("totals"),
         QJsonObject{
             {QStringLiteral("subtotal"),
              t.subtotal.toString(currencyMinorDigits(pricing.currency()))},
             {QStringLiteral("savings"),
              t.savings.toString(currencyMinorDigits(pricing.currency()))},
             {QStringLiteral("priced_lines"), t.pricedLines},
             {QStringLiteral("unpriced_lines"), t.unpricedLines},
         }},
    };
}

QJsonObject outcome(const QuickOrderImport::Result &r, const QString &currency)
{
    QJsonArray reasons;
    for (QuickOrderImport::Reason reason : r.reasons)
        reasons.append(QuickOrderImport::reasonName(reason));
    QJsonArray candidates;
    for (const CodeMatch &m : r.candidates)
        candidates.append(match(m));
    QJsonObject o{
        {QStringLiteral("line"), r.entry.line},
        {QStringLiteral("code"), r.entry.code},
        {QStringLiteral("quantity_text"), r.entry.quantityText},
        {QStringLiteral("outcome"), QuickOrderImport::outcomeName(r.outcome)},
        {QStringLiteral("reasons"), reasons},
        {QStringLiteral("sku"), nullable(r.sku)},
        {QStringLiteral("product"), nullable(r.productName)},
        {QStringLiteral("uom"), nullable(r.uom)},
        {QStringLiteral("quantity"), r.quantity},
        {QStringLiteral("merged_into_line"),
         r.mergedIntoLine > 0 ? QJsonValue(r.mergedIntoLine) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("suggestions"), QJsonArray::fromStringList(r.suggestions)},
        {QStringLiteral("candidates"), candidates},
        {QStringLiteral("error"), nullable(r.entry.error)},
        {QStringLiteral("matched_by"),
         r.match ? QJsonValue(matchedByName(r.match->by)) : QJsonValue(QJsonValue::Null)},
    };
    o.insert(QStringLiteral("line_price"), r.goesIntoCart()
                                               ? QJsonValue(pricedLine(r.priced, currency))
                                               : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject summary(const QuickOrderImport::Summary &s)
{
    return {
        {QStringLiteral("added"), s.added},
        {QStringLiteral("adjusted"), s.adjusted},
        {QStringLiteral("unknown"), s.unknown},
        {QStringLiteral("invalid_quantity"), s.invalidQuantity},
        {QStringLiteral("invalid_unit"), s.invalidUnit},
        {QStringLiteral("ambiguous"), s.ambiguous},
        {QStringLiteral("unavailable"), s.unavailable},
        {QStringLiteral("invalid"), s.invalid},
        {QStringLiteral("total"), s.total()},
    };
}

QJsonObject unresolved(const UnresolvedCode &c)
{
    return {
        {QStringLiteral("id"), c.id},
        {QStringLiteral("code"), c.code},
        {QStringLiteral("origin"), lineSourceName(c.origin)},
        {QStringLiteral("seen_at"), clijson::dateTime(c.seenAt)},
        {QStringLiteral("cart_id"),
         c.cartId > 0 ? QJsonValue(c.cartId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("symbology"), nullable(c.symbology)},
        {QStringLiteral("quantity"),
         c.quantity ? QJsonValue(*c.quantity) : QJsonValue(QJsonValue::Null)},
    };
}

CliError unknownCode(const QuickOrderImport::Result &r)
{
    QString message = QStringLiteral("no product matches '%1'").arg(r.entry.code);
    if (!r.suggestions.isEmpty())
        message +=
            QStringLiteral("; did you mean %1?").arg(r.suggestions.join(QStringLiteral(", ")));
    return {ExitCode::NotFound, message};
}

void printOutcome(QTextStream &out, const QuickOrderImport::Result &r)
{
    QStringList reasons;
    for (QuickOrderImport::Reason reason : r.reasons)
        reasons << QuickOrderImport::reasonName(reason);
    out << QStringLiteral("line %1").arg(r.entry.line).leftJustified(10) << ' '
        << r.entry.code.leftJustified(16, QLatin1Char(' '), true) << ' '
        << QuickOrderImport::outcomeName(r.outcome).leftJustified(16);
    switch (r.outcome) {
    case QuickOrderImport::Outcome::Added:
    case QuickOrderImport::Outcome::Adjusted:
    case QuickOrderImport::Outcome::Unavailable:
        out << ' ' << r.sku << ' ' << r.quantity << ' ' << r.uom;
        if (r.mergedIntoLine == 0 && r.priced.isPriced())
            out << " -> " << r.priced.quantity << ' ' << r.priced.uom << " at "
                << money(r.priced.unitPrice) << " = " << money(r.priced.lineTotal);
        else if (!r.priced.isPriced())
            out << " (" << pricing::problemName(r.priced.problem) << ')';
        if (r.mergedIntoLine > 0)
            out << " (merged into line " << r.mergedIntoLine << ')';
        break;
    case QuickOrderImport::Outcome::Unknown:
        if (!r.suggestions.isEmpty())
            out << " did you mean " << r.suggestions.join(QStringLiteral(", ")) << '?';
        break;
    case QuickOrderImport::Outcome::Ambiguous: {
        QStringList skus;
        for (const CodeMatch &m : r.candidates)
            skus << m.sku;
        out << " matches " << skus.join(QStringLiteral(", "));
        break;
    }
    case QuickOrderImport::Outcome::InvalidQuantity:
        out << " '" << r.entry.quantityText << '\'';
        if (!r.priced.isPriced() && r.priced.problem != pricing::LineProblem::None)
            out << " (" << pricing::problemName(r.priced.problem) << ')';
        break;
    case QuickOrderImport::Outcome::InvalidUnit:
        out << " no pack '" << r.uom << '\'';
        break;
    case QuickOrderImport::Outcome::Invalid:
        out << ' ' << r.entry.error;
        break;
    }
    if (!reasons.isEmpty())
        out << "  [" << reasons.join(QStringLiteral(", ")) << ']';
    out << '\n';
}

void printCart(QTextStream &out, const CartInfo &cart, const CartPricing &pricing)
{
    const QLocale c = QLocale::c();
    out << "Cart '" << cart.name << "' (id " << cart.id << "), " << pricing.lines().size()
        << (pricing.lines().size() == 1 ? " line" : " lines") << '\n';
    for (const PricedCartLine &l : pricing.lines()) {
        const bool priced = l.knownProduct && l.priced.isPriced();
        out << QString::number(l.line.position).rightJustified(5) << ' '
            << l.line.sku.leftJustified(14) << ' ' << c.toString(l.line.quantity).rightJustified(8)
            << ' ' << l.line.uom.leftJustified(4) << ' '
            << (priced ? money(l.priced.unitPrice) : QStringLiteral("-")).rightJustified(12) << ' '
            << (priced ? money(l.priced.lineTotal) : QStringLiteral("-")).rightJustified(14) << "  "
            << CartPricing::note(l) << '\n';
    }
    const pricing::CartTotals t = pricing.totals();
    const QString currency = pricing.currency();
    out << "Subtotal: " << money(t.subtotal) << (currency.isEmpty() ? "" : " ") << currency;
    if (!t.savings.isZero())
        out << " (you save " << money(t.savings) << ')';
    out << '\n';
    if (t.unpricedLines > 0)
        out << t.unpricedLines << (t.unpricedLines == 1 ? " line has" : " lines have")
            << " no price\n";
    const QDateTime asOf = pricing.pricesAsOf();
    out << "Prices as of "
        << (asOf.isValid() ? asOf.toUTC().toString(Qt::ISODate) : QStringLiteral("never synced"))
        << ", for " << pricing.day().toString(Qt::ISODate) << '\n';
}

} // namespace qm::cartcli
