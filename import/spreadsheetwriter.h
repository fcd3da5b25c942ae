#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace qm::import {

// Writes a CSV file that Excel and LibreOffice open correctly everywhere: UTF-8 with a
// byte-order mark, comma-separated, fields quoted as RFC 4180 says, CRLF line ends. Text
// that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
// return, and not a plain number) is written with a leading apostrophe. The file is
// replaced atomically; on failure it is left as it was and `error` says why.
bool writeCsv(const QString &path, const QStringList &header, const QList<QStringList> &rows,
              QString *error);

// Writes a one-sheet XLSX workbook with a bold header row. Numeric QVariants (integers up
// to 2^53 and finite doubles) become number cells, bools boolean cells, null values empty
// cells, everything else a text cell (an inline string, never a formula). Sheet names are
// cut to Excel's 31 characters and characters Excel refuses in them replaced. The file is
// replaced atomically; on failure it is left as it was.
//
// The workbook is zipped with QuaZip rather than libxlsxwriter: libquazip exports the
// minizip functions of its own copy (zipOpen...), which shadow libminizip's for
// libxlsxwriter in a process that loads both, and libxlsxwriter then crashes in them.
bool writeXlsx(const QString &path, const QString &sheetName, const QStringList &header,
               const QList<QList<QVariant>> &rows, QString *error);

// The cell as writeCsv() stores it (before quoting): formula-like text gets a leading '.
QString csvSafeCell(const QString &cell);

} // namespace qm::import
