#pragma once

#include "core/pricing.h"

#include <QString>

// Sentences for what the line rules did to a quantity and why a line has no price, shared
// by the cart, the quick order and the import preview.
namespace qm::linenotice {

QString adjustment(pricing::Adjustment adjustment, const Product &product);
QString problem(pricing::LineProblem problem);
// The rule that set the price: "Contract price", "List price from 100", "12.5 % off Bolts".
QString rule(const pricing::AppliedRule &rule);
// Everything worth telling about a priced line, in one line of text: adjustments first,
// then the problem.
QString summary(const pricing::PricedLine &line, const Product &product);

// Sentences for CartPricing's stable note of a line ("contract,raised-to-minimum").
QString fromNote(const QString &note);

} // namespace qm::linenotice
