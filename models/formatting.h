#pragma once

#include "core/catalog.h"
#include "core/decimal.h"

#include <QLocale>
#include <QString>
#include <QVariantList>

// Locale-aware display of exact decimals. Never goes through floating point.
namespace qm::formatting {

// `value` with at least `minDigits` and at most Decimal::Scale fractional digits
// (trailing zeros beyond minDigits trimmed), using the locale's digits, group and
// decimal separators: 1234.5 -> "1,234.50" (en_US, minDigits 2), "1.234,50" (de_DE).
QString decimal(const QLocale &locale, Decimal value, int minDigits);

// A unit price with its currency code: "12.34 USD". At least the currency's minor digits.
QString money(const QLocale &locale, Decimal value, const QString &currency);

// A pack as a line shows it: its name with the base quantity when it holds more than one
// ("Case (24)"), the unit of measure when it has no name.
QString pack(const QLocale &locale, const QString &uom, const QString &name, qint64 quantity);

// The packs a user may order `product` in, smallest first, for a pack chooser: one
// QVariantMap per pack with "uom" (the value to store) and "label" (as pack() shows it).
// The base unit is always among them, even when no pack lists it.
QVariantList packChoices(const QLocale &locale, const Product &product);

} // namespace qm::formatting
