#pragma once

#include "import/table.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace qm::import {

// One order line read from a spreadsheet, before it is looked up in the catalog.
struct QuickOrderRow
{
    // What the code column says the code is. Any: a generic "Item Number" column or a file
    // without a header; the catalog lookup tries SKU, customer part number and GTIN.
    enum class CodeKind
    {
        Any,
        Sku,
        Gtin,
        PartNumber
    };

    int line = 0; // Table::lines of the row: where it is in the file
    QString code;
    CodeKind kind = CodeKind::Any;
    QString quantityText;           // as written
    std::optional<qint64> quantity; // set when the quantity is a whole number ≥ 1
    QString uom;                    // unit as written (empty: the product's default unit)
    QString error; // why this row cannot be ordered as it is; the row is kept to show it
    QString note;  // an assumption the reader made (quantity 1 when none was given, ...)
};

struct QuickOrderRows
{
    QList<QuickOrderRow> rows;
    bool hadHeader = false;
    // The role of each column of the table: "code", "sku", "partNumber", "gtin",
    // "quantity", "unit", or empty for columns that are not used. Without a header, the
    // roles found in the first row.
    QStringList columns;
    QString error; // the file as a whole has no order lines
};

// Turns a table into order lines. A header is recognised in the first rows
// case-, accent- and punctuation-insensitively in English, German, French, Italian and
// Spanish and in the column names of the common B2B portals (docs/import.md lists them);
// rows above it are titles and are left out; an unnamed column right after the quantity
// column holds the unit (templates that are read by position leave it unnamed). Without a
// header, the first non-empty cell
// of a row is the code and the next number-looking cell the quantity. Blank rows are
// skipped; a row with a code but no quantity gets quantity 1 and a note; a quantity that
// is fractional, zero, negative, too large or not a number is an error on its row.
QuickOrderRows quickOrderRows(const Table &table);

// Header text reduced for matching: lower case, accents and punctuation removed
// ("Art.-Nr." → "artnr", "Quantité" → "quantite").
QString normalizedHeader(QStringView text);

// Reading one quantity. `decimalSeparator` is '.' or ',' when the column's values settle
// it (see quantityDecimalSeparator()), or null: then a single separator followed by
// exactly three digits groups thousands ("1.000" and "1,000" are 1000, with a note) and
// any other single separator is a decimal point ("12.0" and "12,0" are 12).
struct QuantityValue
{
    std::optional<qint64> value;
    QString error;
    QString note;
};
QuantityValue parseQuantity(QStringView text, QChar decimalSeparator = QChar());

// The decimal separator that a column of quantities uses, judged from all its values:
// "1,5" or "1.000,00" settle it, and so does a column where every value has the same
// separator followed by three digits ("5.000", "12.000": fixed decimals, as ERP exports
// write them). Null when nothing settles it or the values disagree.
QChar quantityDecimalSeparator(const QStringList &values);

// Largest quantity accepted on a line; larger numbers are usually a code in the wrong column.
constexpr qint64 kMaxQuantity = 999'999'999;

} // namespace qm::import
