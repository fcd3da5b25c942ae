#include "ui/orderconfirmation.h"

#include "models/formatting.h"
#include "ui/ordertexts.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#if QM_HAVE_PRINTSUPPORT
#include <QPrinter>
#endif

namespace qm {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Multi-line text (notes, comments) with its line breaks kept.
QString escLines(const QString &text)
{
    return esc(text).replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString row(const QString &label, const QString &valueHtml)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px; color:#555555\">%1</td>"
                          "<td>%2</td></tr>")
        .arg(esc(label), valueHtml);
}

} // namespace

QStringList OrderConfirmation::addressLines(const ShipToAddress &a)
{
    QStringList lines;
    for (const QString &line : {a.line1, a.line2})
        if (!line.isEmpty())
            lines << line;
    QStringList cityLine;
    for (const QString &part : {a.postalCode, a.city})
        if (!part.isEmpty())
            cityLine << part;
    QString city = cityLine.join(QLatin1Char(' '));
    if (!a.region.isEmpty())
        city = city.isEmpty() ? a.region : QStringLiteral("%1, %2").arg(city, a.region);
    if (!city.isEmpty())
        lines << city;
    if (!a.country.isEmpty())
        lines << a.country;
    return lines;
}

QString OrderConfirmation::suggestedFileName(const Order &order)
{
    return tr("%1 confirmation.pdf").arg(order.number);
}

QString OrderConfirmation::html(const Order &order, const Parties &parties, const QLocale &locale)
{
    const QString accountName = parties.account ? parties.account->name : parties.accountName;
    QString h;
    h += QStringLiteral("<html><head><meta charset=\"utf-8\"></head>"
                        "<body style=\"font-family:sans-serif; font-size:10pt\">");
    if (!parties.supplierName.isEmpty())
        h += QStringLiteral("<p style=\"font-size:12pt\"><b>%1</b></p>")
                 .arg(esc(parties.supplierName));
    h += QStringLiteral("<h1 style=\"font-size:16pt\">%1</h1>")
             .arg(esc(tr("Order confirmation %1").arg(order.number)));

    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    if (!accountName.isEmpty()) {
        const QString code = parties.account ? parties.account->code : QString();
        h += row(tr("Account"),
                 code.isEmpty() ? esc(accountName) : esc(tr("%1 (%2)").arg(accountName, code)));
    }
    h += row(tr("Order number"), esc(order.number));
    h += row(tr("Status"), esc(OrderTexts::status(order.status)));
    h += row(tr("Placed"),
             esc(tr("%1 by %2")
                     .arg(locale.toString(order.placedAt.toLocalTime(), QLocale::ShortFormat),
                          order.placedBy)));
    h += row(tr("Requested delivery"),
             esc(order.requestedDelivery.isValid()
                     ? locale.toString(order.requestedDelivery, QLocale::ShortFormat)
                     : tr("As soon as possible")));
    if (!order.poNumber.isEmpty())
        h += row(tr("PO number"), esc(order.poNumber));
    const ShipToLocation *location =
        parties.account ? parties.account->location(order.shipTo) : nullptr;
    QString shipTo = location
                         ? QStringLiteral("%1 (%2)").arg(esc(location->name), esc(order.shipTo))
                         : esc(order.shipTo);
    if (location) {
        for (const QString &line : addressLines(location->address))
            shipTo += QStringLiteral("<br>") + esc(line);
    }
    h += row(tr("Ship to"), shipTo);
    if (!order.notes.isEmpty())
        h += row(tr("Notes"), escLines(order.notes));
    h += QStringLiteral("</table>");

    // Lines.
    h += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>").arg(esc(tr("Lines")));
    h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                        "style=\"border-collapse:collapse; border-color:#999999\">");
    h += QStringLiteral("<tr style=\"background-color:#eeeeee\">");
    const QList<std::pair<QString, bool>> headings{
        {tr("#"), true},     {tr("SKU"), false},         {tr("Description"), false},
        {tr("Qty"), true},   {tr("Unit"), false},        {tr("Unit price"), true},
        {tr("Total"), true}, {tr("Back-ordered"), false}};
    for (const auto &[title, right] : headings)
        h += QStringLiteral("<th align=\"%1\">%2</th>")
                 .arg(right ? QStringLiteral("right") : QStringLiteral("left"), esc(title));
    h += QStringLiteral("</tr>");
    for (const OrderLine &line : order.lines) {
        QString backordered;
        if (line.backordered > 0)
            backordered = line.expectedOn.isValid()
                              ? tr("%1, expected %2")
                                    .arg(locale.toString(line.backordered),
                                         locale.toString(line.expectedOn, QLocale::ShortFormat))
                              : locale.toString(line.backordered);
        h += QStringLiteral("<tr><td align=\"right\">%1</td><td>%2</td><td>%3</td>"
                            "<td align=\"right\">%4</td><td>%5</td><td align=\"right\">%6</td>"
                            "<td align=\"right\">%7</td><td>%8</td></tr>")
                 .arg(locale.toString(line.lineNo), esc(line.sku), esc(line.description),
                      esc(locale.toString(line.quantity)), esc(line.uom),
                      esc(formatting::money(locale, line.unitPrice, order.currency)),
                      esc(formatting::money(locale, line.lineTotal, order.currency)),
                      esc(backordered));
    }
    h += QStringLiteral("<tr><td colspan=\"6\" align=\"right\"><b>%1</b></td>"
                        "<td align=\"right\"><b>%2</b></td><td></td></tr>")
             .arg(esc(tr("Order total")),
                  esc(formatting::money(locale, order.subtotal, order.currency)));
    h += QStringLiteral("</table>");

    // Approval.
    if (order.approval.required) {
        h += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>").arg(esc(tr("Approval")));
        QString text = OrderTexts::approvalReason(order.approval.reason);
        if (order.approval.decidedAt.isValid()) {
            text = tr("%1 — %2 by %3 on %4")
                       .arg(text, OrderTexts::status(order.status), order.approval.decidedBy,
                            locale.toString(order.approval.decidedAt.toLocalTime(),
                                            QLocale::ShortFormat));
        } else {
            text = tr("%1 — waiting for a decision").arg(text);
        }
        h += QStringLiteral("<p>%1</p>").arg(esc(text));
        if (!order.approval.comment.isEmpty())
            h += QStringLiteral("<p><i>%1</i></p>").arg(escLines(order.approval.comment));
    }
    h += QStringLiteral("</body></html>");
    return h;
}

bool OrderConfirmation::writePdf(const Order &order, const Parties &parties, const QString &path,
                                 QString *error)
{
    // A save file: a failed write leaves an earlier file of that name as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        writer.setTitle(tr("Order confirmation %1").arg(order.number));
        writer.setCreator(QStringLiteral("Quartermaster"));
        QTextDocument document;
        document.setHtml(html(order, parties));
        document.print(&writer);
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool OrderConfirmation::canPrint()
{
#if QM_HAVE_PRINTSUPPORT
    return true;
#else
    return false;
#endif
}

#if QM_HAVE_PRINTSUPPORT
void OrderConfirmation::print(const Order &order, const Parties &parties, QPrinter *printer)
{
    QTextDocument document;
    document.setHtml(html(order, parties));
    document.print(printer);
}
#endif

} // namespace qm
