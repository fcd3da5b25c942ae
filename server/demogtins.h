#pragma once

#include <QString>

namespace qm {

// GTINs of the demo catalog. The base unit of product `index` gets a GTIN-13 (or, for every
// fourth product, the same number as a 12-digit UPC-A) under GS1's example company prefix
// 0614141 for the first 100,000 products, and beyond that under GS1 prefix 04 (numbers for
// use within a company). Each larger pack gets a GTIN-14: an indicator digit 1..8, the first
// 12 digits of the unit's GTIN-13 and a new check digit. All are valid and all differ.
class DemoGtins final
{
public:
    static QString unit(qint64 index);
    static QString pack(qint64 index, int indicator);

    // Products that get a number under 0614141 (item references 00000..99999).
    static constexpr qint64 CompanyPrefixCapacity = 100000;

private:
    static QString body12(qint64 index);
};

} // namespace qm
