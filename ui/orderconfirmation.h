#pragma once

#include "core/account.h"
#include "core/order.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>

class QPrinter;

namespace qm {

// The order confirmation a buyer saves as PDF or prints, generated locally from the cached
// order: the supplier and the customer account, the order number, placement and requested
// delivery dates, the ship-to address, the PO number, the lines with prices and totals, and
// the approval. The same HTML feeds the PDF and the printer.
class OrderConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(OrderConfirmation)

public:
    struct Parties
    {
        QString supplierName; // the portal's supplier, e.g. "Harbor Industrial Supply"
        QString accountName;  // the customer account when no AccountInfo is cached
        std::optional<AccountInfo> account; // names, code and the ship-to address
    };

    // The confirmation as an HTML document (Qt's rich-text subset), numbers and dates in
    // `locale`, money as the app shows it everywhere (formatting::money).
    static QString html(const Order &order, const Parties &parties, const QLocale &locale = {});

    // Writes the confirmation as an A4 PDF to `path`. False with a sentence in `error` when
    // the file cannot be written.
    static bool writePdf(const Order &order, const Parties &parties, const QString &path,
                         QString *error);

    // Whether this build can print (Qt Print Support); without it the app only saves PDFs.
    static bool canPrint();
#if QM_HAVE_PRINTSUPPORT
    static void print(const Order &order, const Parties &parties, QPrinter *printer);
#endif

    // A postal address as lines: street lines, "postal code city, region", country.
    static QStringList addressLines(const ShipToAddress &address);

    // "SO-300123 confirmation.pdf": the file name offered when saving.
    static QString suggestedFileName(const Order &order);
};

} // namespace qm
