#pragma once

#include "import/table.h"

#include <QString>
#include <QStringView>

class QIODevice;

namespace qm::import {

// Reads the first worksheet (in workbook order) of an Office Open XML workbook (.xlsx, as
// Excel, LibreOffice and portals write it). Cells come as text: shared strings (rich-text
// runs joined, phonetic guides left out), inline strings, formula results, booleans as
// TRUE/FALSE, error values as written (#N/A), numbers as written ("12", "1.4") except that
// floating-point noise and exponents become the shortest exact text ("5.0000000000000009"
// → "5", "1E3" → "1000"). Gaps between cells become empty cells; rows without content are
// left out and `lines` holds the sheet's row numbers. Dates stay serial numbers.
// A file that is not a zip archive or not a workbook gets an error saying so.
ReadResult readXlsx(const QString &path);
ReadResult readXlsx(QIODevice *device);

// The text of a cell value written as a number in the XML (<v>): integers and plain
// decimals with at most 15 significant digits unchanged, other numbers rounded to 15
// significant digits (what a spreadsheet shows) without an exponent. Empty for text that is
// not a number.
QString xlsxNumberText(QStringView value);

} // namespace qm::import
