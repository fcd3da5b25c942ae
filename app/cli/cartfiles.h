#pragma once

#include "models/quickorderimport.h"

#include <QList>
#include <QString>

#include <optional>

namespace qm {

class CartPricing;

// Files of the cart commands, through the import library: quick-order files in, priced
// carts and import reports out.
namespace cartfiles {

// The quick-order lines of a CSV, TSV or XLSX file (code, quantity and unit columns).
std::optional<QList<QuickOrderEntry>> readEntries(const QString &path, QString *error);

// The priced cart as CSV or XLSX, chosen by the file's extension (.csv, .xlsx). The file
// can be imported again: its first columns are code, quantity and unit.
bool writeCart(const QString &path, const CartPricing &pricing, QString *error);

// An import report (QuickOrderImport::reportRows()) as CSV.
bool writeReport(const QString &path, const QList<QStringList> &rows, QString *error);

} // namespace cartfiles
} // namespace qm
