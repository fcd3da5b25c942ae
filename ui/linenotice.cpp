#include "ui/linenotice.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace qm::linenotice {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qm::linenotice", text);
}
} // namespace

QString adjustment(pricing::Adjustment adjustment, const Product &product)
{
    const QLocale locale;
    switch (adjustment) {
    case pricing::Adjustment::RaisedToMinimum:
        return tr("raised to the minimum of %1 %2")
            .arg(locale.toString(product.minOrderQty), product.baseUom);
    case pricing::Adjustment::RoundedToMultiple:
        return tr("rounded up to a multiple of %1 %2 (full case)")
            .arg(locale.toString(product.orderMultiple), product.baseUom);
    case pricing::Adjustment::CappedAtMaximum:
        return tr("lowered to the maximum of %1 %2")
            .arg(locale.toString(product.maxOrderQty), product.baseUom);
    }
    return {};
}

QString problem(pricing::LineProblem problem)
{
    switch (problem) {
    case pricing::LineProblem::None:
        return {};
    case pricing::LineProblem::UnknownUnit:
        return tr("not sold in this unit");
    case pricing::LineProblem::InvalidQuantity:
        return tr("the quantity must be a whole number above zero");
    case pricing::LineProblem::Discontinued:
        return tr("discontinued");
    case pricing::LineProblem::NotInAssortment:
        return tr("not in your catalog");
    case pricing::LineProblem::NoPrice:
        return tr("no price on this day");
    case pricing::LineProblem::Overflow:
        return tr("the total is too large");
    case pricing::LineProblem::NoValidQuantity:
        return tr("no quantity of this pack meets the minimum, case and maximum: choose "
                  "another pack");
    }
    return {};
}

QString rule(const pricing::AppliedRule &rule)
{
    const QLocale locale;
    switch (rule.source) {
    case pricing::AppliedRule::Source::Contract:
        return rule.minQty > 1
                   ? tr("Contract price from %1 %2").arg(locale.toString(rule.minQty), rule.uom)
                   : tr("Contract price");
    case pricing::AppliedRule::Source::List:
        return rule.minQty > 1
                   ? tr("List price from %1 %2").arg(locale.toString(rule.minQty), rule.uom)
                   : tr("List price");
    case pricing::AppliedRule::Source::CategoryDiscount:
        return tr("%1 % off %2").arg(rule.percent.toString(0), rule.category);
    }
    return {};
}

QString summary(const pricing::PricedLine &line, const Product &product)
{
    QStringList parts;
    for (pricing::Adjustment a : line.adjustments)
        parts << adjustment(a, product);
    if (!line.isPriced())
        parts << problem(line.problem);
    return parts.join(QStringLiteral("; "));
}

QString fromNote(const QString &note)
{
    QStringList parts;
    for (const QString &name : note.split(u',', Qt::SkipEmptyParts)) {
        if (name == QLatin1String("contract"))
            parts << tr("Contract price");
        else if (name == QLatin1String("list"))
            parts << tr("List price");
        else if (name == QLatin1String("category-discount"))
            parts << tr("Category discount");
        else if (name == QLatin1String("raised-to-minimum"))
            parts << tr("raised to minimum");
        else if (name == QLatin1String("rounded-to-multiple"))
            parts << tr("rounded to full case");
        else if (name == QLatin1String("capped-at-maximum"))
            parts << tr("lowered to maximum");
        else if (name == QLatin1String("merged-with-cart"))
            parts << tr("added to the cart's line");
        else if (name == QLatin1String("merged-duplicate"))
            parts << tr("merged with an earlier line");
        else if (name == QLatin1String("quantity-assumed"))
            parts << tr("no quantity given: one");
        else if (name == QLatin1String("unknown-product"))
            parts << tr("not in the catalog");
        else if (name == QLatin1String("discontinued"))
            parts << problem(pricing::LineProblem::Discontinued);
        else if (name == QLatin1String("not-in-assortment"))
            parts << problem(pricing::LineProblem::NotInAssortment);
        else if (name == QLatin1String("no-price"))
            parts << problem(pricing::LineProblem::NoPrice);
        else if (name == QLatin1String("unknown-unit"))
            parts << problem(pricing::LineProblem::UnknownUnit);
        else if (name == QLatin1String("no-valid-quantity"))
            parts << problem(pricing::LineProblem::NoValidQuantity);
        else
            parts << name;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace qm::linenotice
