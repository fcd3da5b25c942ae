#pragma once

#include <QString>

namespace qm::gtin {

// GS1 check digit (mod 10, weights 3/1 from the right) of the digits before it.
// `body` must be all ASCII digits; returns -1 otherwise.
int checkDigit(QStringView body);

// True for a GTIN-8, -12, -13 or -14 made only of digits with a correct check digit.
bool isValid(QStringView code);

// The GTIN as 14 digits (left-padded with zeros), so that a UPC-A, an EAN-13 and a
// GTIN-14 of the same item compare equal. Empty if `code` is not a valid GTIN.
QString normalized(QStringView code);

// Appends the check digit to `body` (7, 11, 12 or 13 digits).
QString withCheckDigit(QStringView body);

} // namespace qm::gtin
