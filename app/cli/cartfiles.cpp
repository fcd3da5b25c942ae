#include "app/cli/cartfiles.h"

#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "import/spreadsheetwriter.h"
#include "models/cartpricing.h"

#include <QFileInfo>

namespace qm::cartfiles {

namespace {

// The columns of an exported cart. The first three are what `qm cart import` reads back.
const QStringList CartHeader{
    QStringLiteral("Code"),     QStringLiteral("Quantity"),   QStringLiteral("Unit"),
    QStringLiteral("SKU"),      QStringLiteral("Unit price"), QStringLiteral("Line total"),
    QStringLiteral("Currency"), QStringLiteral("Price rule"), QStringLiteral("Note")};

} // namespace

std::optional<QList<QuickOrderEntry>> readEntries(const QString &path, QString *error)
{
    const import::ReadResult read = import::readFile(path);
    if (!read.ok()) {
        *error =
            read.errorLine > 0
                ? QStringLiteral("%1, line %2: %3").arg(path).arg(read.errorLine).arg(read.error)
                : QStringLiteral("%1: %2").arg(path, read.error);
        return std::nullopt;
    }
    const import::QuickOrderRows rows = import::quickOrderRows(read.table);
    if (!rows.error.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path, rows.error);
        return std::nullopt;
    }
    return QuickOrderImport::entriesFromRows(rows.rows, LineSource::Imported);
}

bool writeCart(const QString &path, const CartPricing &pricing, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx")) {
        *error = QStringLiteral("%1: the file name must end in .csv or .xlsx").arg(path);
        return false;
    }
    const int digits = currencyMinorDigits(pricing.currency());
    QList<QStringList> rows;
    QList<QList<QVariant>> cells;
    for (const PricedCartLine &l : pricing.lines()) {
        const bool priced = l.knownProduct && l.priced.isPriced();
        const QStringList row{l.line.code,
                              QString::number(l.line.quantity),
                              l.line.uom,
                              l.line.sku,
                              priced ? l.priced.unitPrice.toString(2) : QString(),
                              priced ? l.priced.lineTotal.toString(digits) : QString(),
                              pricing.currency(),
                              CartPricing::note(l),
                              l.line.note};
        if (suffix == QLatin1String("csv")) {
            rows << row;
        } else {
            QList<QVariant> r;
            for (const QString &cell : row)
                r << cell;
            r[1] = QVariant::fromValue<qint64>(l.line.quantity);
            cells << r;
        }
    }
    if (suffix == QLatin1String("csv"))
        return import::writeCsv(path, CartHeader, rows, error);
    return import::writeXlsx(path, QStringLiteral("Cart"), CartHeader, cells, error);
}

bool writeReport(const QString &path, const QList<QStringList> &rows, QString *error)
{
    if (rows.isEmpty())
        return import::writeCsv(path, {}, {}, error);
    return import::writeCsv(path, rows.constFirst(), rows.mid(1), error);
}

} // namespace qm::cartfiles
