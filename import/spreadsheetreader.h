#pragma once

#include "import/csvreader.h"
#include "import/table.h"
#include "import/xlsxreader.h"

#include <QString>

namespace qm::import {

// Reads an order spreadsheet, recognised by its content rather than its name: a zip
// archive is read as XLSX, anything else as CSV/TSV text. Legacy Excel 97–2003 files
// (.xls) and files larger than `maxBytes` get an error instead of being read.
ReadResult readFile(const QString &path, qint64 maxBytes = qint64(512) << 20);

} // namespace qm::import
