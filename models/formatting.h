#pragma once

#include "core/decimal.h"

#include <QLocale>
#include <QString>

// Locale-aware display of exact decimals. Never goes through floating point.
namespace qm::formatting {

// `value` with at least `minDigits` and at most Decimal::Scale fractional digits
// (trailing zeros beyond minDigits trimmed), using the locale's digits, group and
// decimal separators: 1234.5 -> "1,234.50" (en_US, minDigits 2), "1.234,50" (de_DE).
QString decimal(const QLocale &locale, Decimal value, int minDigits);

// A unit price with its currency code: "12.34 USD". At least the currency's minor digits.
QString money(const QLocale &locale, Decimal value, const QString &currency);

} // namespace qm::formatting
