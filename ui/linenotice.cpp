#include "ui/linenotice.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace qm::linenotice {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qm::LineNotice", text);
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

} // namespace qm::linenotice
