#include "ui/orderdetailview.h"

#include "models/formatting.h"
#include "ui/orderconfirmation.h"
#include "ui/ordertexts.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#if QM_HAVE_PRINTSUPPORT
#include <QPrintDialog>
#include <QPrinter>
#endif

namespace qm {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &label, const QString &valueHtml)
{
    return QStringLiteral("<tr><td style=\"padding-right:10px; color:palette(mid)\">%1</td>"
                          "<td>%2</td></tr>")
        .arg(esc(label), valueHtml);
}

// Tracking links come from the portal's data: only web addresses become links.
bool isWebLink(const QString &text)
{
    const QUrl url(text);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == u"https" || url.scheme() == u"http");
}

} // namespace

OrderDetailView::OrderDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_header(new QTextBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_lines(new QTableWidget(0, LineColumnCount, this))
    , m_shipments(new QTextBrowser(this))
    , m_timeline(new QTextBrowser(this))
    , m_reorder(new QPushButton(tr("&Reorder…"), this))
    , m_pdf(new QPushButton(tr("Save as &PDF…"), this))
    , m_print(new QPushButton(tr("P&rint…"), this))
{
    setObjectName(QStringLiteral("orderDetailView"));
    m_title->setObjectName(QStringLiteral("orderTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_header->setObjectName(QStringLiteral("orderHeader"));
    m_header->setOpenExternalLinks(true);
    m_header->setFrameShape(QFrame::NoFrame);
    m_header->setMaximumHeight(fontMetrics().height() * 12);

    m_lines->setObjectName(QStringLiteral("orderLines"));
    m_lines->setHorizontalHeaderLabels({tr("SKU"), tr("Description"), tr("Qty"), tr("Unit"),
                                        tr("Unit price"), tr("Line total"), tr("Back-ordered")});
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setAlternatingRowColors(true);
    m_lines->setWordWrap(false);
    m_lines->setShowGrid(false);
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_lines->horizontalHeader()->setHighlightSections(false);

    m_shipments->setObjectName(QStringLiteral("orderShipments"));
    m_shipments->setOpenExternalLinks(true);
    m_timeline->setObjectName(QStringLiteral("orderTimeline"));
    m_tabs->setObjectName(QStringLiteral("orderTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_lines, tr("Lines"));
    m_tabs->addTab(m_shipments, tr("Shipments"));
    m_tabs->addTab(m_timeline, tr("Timeline"));

    m_reorder->setObjectName(QStringLiteral("reorderButton"));
    m_reorder->setToolTip(
        tr("Put the order's lines into a cart at today's prices; unavailable items are flagged"));
    auto *menu = new QMenu(m_reorder);
    m_reorderAll = menu->addAction(tr("All Lines into the Current Cart"));
    m_reorderSelected = menu->addAction(tr("Selected Lines into the Current Cart"));
    menu->addSeparator();
    m_reorderAllNew = menu->addAction(tr("All Lines into a New Cart…"));
    m_reorderSelectedNew = menu->addAction(tr("Selected Lines into a New Cart…"));
    m_reorder->setMenu(menu);
    auto request = [this](bool selected, bool newCart) {
        if (!m_order)
            return;
        const QList<int> lines = selected ? selectedLineNos() : QList<int>();
        if (selected && lines.isEmpty())
            return;
        Q_EMIT reorderRequested(m_order->number, lines, newCart);
    };
    connect(m_reorderAll, &QAction::triggered, this, [request] { request(false, false); });
    connect(m_reorderSelected, &QAction::triggered, this, [request] { request(true, false); });
    connect(m_reorderAllNew, &QAction::triggered, this, [request] { request(false, true); });
    connect(m_reorderSelectedNew, &QAction::triggered, this, [request] { request(true, true); });
    connect(m_lines->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OrderDetailView::updateActions);

    m_pdf->setObjectName(QStringLiteral("savePdfButton"));
    m_pdf->setToolTip(tr("Save the order confirmation as a PDF file"));
    connect(m_pdf, &QPushButton::clicked, this, &OrderDetailView::promptSavePdf);
    m_print->setObjectName(QStringLiteral("printButton"));
    m_print->setToolTip(tr("Print the order confirmation"));
    m_print->setVisible(OrderConfirmation::canPrint());
    connect(m_print, &QPushButton::clicked, this, &OrderDetailView::promptPrint);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reorder);
    buttons->addStretch(1);
    buttons->addWidget(m_pdf);
    buttons->addWidget(m_print);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);
    clear();
}

OrderDetailView::~OrderDetailView() = default;

void OrderDetailView::setAccount(const std::optional<AccountInfo> &account)
{
    m_account = account;
    if (m_order)
        fillHeader();
}

void OrderDetailView::setReorderVisible(bool visible)
{
    m_reorder->setVisible(visible);
}

void OrderDetailView::setReorderRefusal(const QString &reason)
{
    m_reorderRefusal = reason;
    m_reorder->setToolTip(
        reason.isEmpty()
            ? tr("Put the order's lines into a cart at today's prices; unavailable items are "
                 "flagged")
            : reason);
    updateActions();
}

void OrderDetailView::setPricesShown(bool shown)
{
    m_pricesShown = shown;
    m_lines->setColumnHidden(UnitPriceColumn, !shown);
    m_lines->setColumnHidden(LineTotalColumn, !shown);
    if (m_order)
        fillHeader();
}

void OrderDetailView::clear()
{
    m_order.reset();
    m_title->setText(tr("No order selected"));
    m_header->clear();
    m_lines->setRowCount(0);
    m_shipments->clear();
    m_timeline->clear();
    m_tabs->setTabText(LinesTab, tr("Lines"));
    m_tabs->setTabText(ShipmentsTab, tr("Shipments"));
    updateActions();
}

void OrderDetailView::showOrder(const Order &order)
{
    m_order = order;
    m_title->setText(tr("%1 · %2").arg(order.number, OrderTexts::status(order.status)));
    fillHeader();
    fillLines();
    fillShipments();
    fillTimeline();
    updateActions();
}

void OrderDetailView::fillHeader()
{
    const Order &order = *m_order;
    const QLocale locale;
    QString h = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    h += row(tr("Placed"),
             esc(tr("%1 by %2")
                     .arg(locale.toString(order.placedAt.toLocalTime(), QLocale::ShortFormat),
                          order.placedBy)));
    h += row(tr("PO number"), order.poNumber.isEmpty() ? esc(tr("none")) : esc(order.poNumber));
    const ShipToLocation *location = m_account ? m_account->location(order.shipTo) : nullptr;
    QString shipTo =
        location ? esc(tr("%1 (%2)").arg(location->name, order.shipTo)) : esc(order.shipTo);
    if (location) {
        const QStringList address = OrderConfirmation::addressLines(location->address);
        if (!address.isEmpty())
            shipTo += QStringLiteral("<br>") + esc(address.join(QStringLiteral(", ")));
    }
    h += row(tr("Ship to"), shipTo);
    h += row(tr("Requested delivery"),
             esc(order.requestedDelivery.isValid()
                     ? locale.toString(order.requestedDelivery, QLocale::ShortFormat)
                     : tr("As soon as possible")));
    if (m_pricesShown)
        h += row(tr("Total"),
                 QStringLiteral("<b>%1</b>")
                     .arg(esc(formatting::money(locale, order.subtotal, order.currency))));
    if (!order.notes.isEmpty())
        h += row(tr("Notes"), esc(order.notes).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    if (order.approval.required) {
        QString approval = esc(OrderTexts::approvalReason(order.approval.reason));
        if (order.approval.decidedAt.isValid())
            approval += QStringLiteral("<br>") +
                        esc(tr("%1 by %2 on %3")
                                .arg(order.status == OrderStatus::Rejected ? tr("Rejected")
                                                                           : tr("Approved"),
                                     order.approval.decidedBy,
                                     locale.toString(order.approval.decidedAt.toLocalTime(),
                                                     QLocale::ShortFormat)));
        else
            approval += QStringLiteral("<br>") + esc(tr("Waiting for an approver"));
        if (!order.approval.comment.isEmpty())
            approval += QStringLiteral("<br><i>“%1”</i>").arg(esc(order.approval.comment));
        h += row(tr("Approval"), approval);
    }
    h += QStringLiteral("</table>");
    m_header->setHtml(h);
}

void OrderDetailView::fillLines()
{
    const Order &order = *m_order;
    const QLocale locale;
    m_lines->clearSelection();
    m_lines->setRowCount(int(order.lines.size()));
    for (int r = 0; r < order.lines.size(); ++r) {
        const OrderLine &line = order.lines.at(r);
        QString backordered;
        if (line.backordered > 0)
            backordered = line.expectedOn.isValid()
                              ? tr("%1, expected %2")
                                    .arg(locale.toString(line.backordered),
                                         locale.toString(line.expectedOn, QLocale::ShortFormat))
                              : tr("%1, date not known").arg(locale.toString(line.backordered));
        const QStringList cells{line.sku,
                                line.description,
                                locale.toString(line.quantity),
                                line.uom,
                                formatting::money(locale, line.unitPrice, order.currency),
                                formatting::money(locale, line.lineTotal, order.currency),
                                backordered};
        for (int c = 0; c < LineColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == QuantityColumn || c == UnitPriceColumn || c == LineTotalColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == SkuColumn)
                item->setData(Qt::UserRole, line.lineNo);
            if (c == BackorderedColumn && line.backordered > 0)
                item->setToolTip(
                    tr("Of this line, %1 wait for stock.").arg(locale.toString(line.backordered)));
            m_lines->setItem(r, c, item);
        }
    }
    m_lines->resizeColumnsToContents();
    m_lines->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_tabs->setTabText(LinesTab, tr("Lines (%1)").arg(locale.toString(order.lines.size())));
}

void OrderDetailView::fillShipments()
{
    const Order &order = *m_order;
    const QLocale locale;
    m_tabs->setTabText(ShipmentsTab,
                       tr("Shipments (%1)").arg(locale.toString(order.shipments.size())));
    if (order.shipments.isEmpty()) {
        m_shipments->setHtml(QStringLiteral("<p>%1</p>").arg(esc(tr("Nothing shipped yet."))));
        return;
    }
    QString h;
    for (const Shipment &s : order.shipments) {
        const QString number =
            s.trackingNumber.isEmpty() ? tr("no tracking number") : s.trackingNumber;
        const QString tracking =
            isWebLink(s.trackingUrl)
                ? QStringLiteral("<a href=\"%1\">%2</a>")
                      .arg(esc(QUrl(s.trackingUrl).toString(QUrl::FullyEncoded)), esc(number))
                : esc(number);
        h += QStringLiteral("<p><b>%1</b> · %2</p>")
                 .arg(esc(s.carrier.isEmpty() ? tr("Carrier not known") : s.carrier), tracking);
        if (!s.events.isEmpty()) {
            h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
            for (const ShipmentEvent &e : s.events)
                h += QStringLiteral("<tr><td style=\"padding-right:10px\">%1</td>"
                                    "<td style=\"padding-right:10px\">%2</td><td>%3</td></tr>")
                         .arg(esc(locale.toString(e.at.toLocalTime(), QLocale::ShortFormat)),
                              esc(e.status), esc(e.location));
            h += QStringLiteral("</table>");
        }
    }
    m_shipments->setHtml(h);
}

void OrderDetailView::fillTimeline()
{
    const Order &order = *m_order;
    const QLocale locale;
    QString h = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const OrderEvent &e : order.timeline) {
        QString what = esc(OrderTexts::status(e.status));
        if (!e.by.isEmpty())
            what += esc(tr(" by %1").arg(e.by));
        if (!e.note.isEmpty())
            what += QStringLiteral(" — <i>%1</i>").arg(esc(e.note));
        h += QStringLiteral("<tr><td style=\"padding-right:10px\">%1</td><td>%2</td></tr>")
                 .arg(esc(locale.toString(e.at.toLocalTime(), QLocale::ShortFormat)), what);
    }
    h += QStringLiteral("</table>");
    m_timeline->setHtml(h);
}

QList<int> OrderDetailView::selectedLineNos() const
{
    QList<int> lineNos;
    if (!m_order)
        return lineNos;
    for (const QModelIndex &index : m_lines->selectionModel()->selectedRows(SkuColumn))
        lineNos.append(m_lines->item(index.row(), SkuColumn)->data(Qt::UserRole).toInt());
    std::sort(lineNos.begin(), lineNos.end());
    return lineNos;
}

void OrderDetailView::updateActions()
{
    const bool has = m_order.has_value();
    const bool hasLines = has && !m_order->lines.isEmpty() && m_reorderRefusal.isEmpty();
    const bool selected = hasLines && m_lines->selectionModel()->hasSelection();
    m_reorder->setEnabled(hasLines);
    m_reorderAll->setEnabled(hasLines);
    m_reorderAllNew->setEnabled(hasLines);
    m_reorderSelected->setEnabled(selected);
    m_reorderSelectedNew->setEnabled(selected);
    m_pdf->setEnabled(has);
    m_print->setEnabled(has);
}

bool OrderDetailView::savePdf(const QString &path, QString *error) const
{
    if (!m_order) {
        *error = tr("No order is selected.");
        return false;
    }
    return OrderConfirmation::writePdf(*m_order, {m_supplierName, m_accountName, m_account}, path,
                                       error);
}

void OrderDetailView::promptSavePdf()
{
    if (!m_order)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Order Confirmation"),
        QDir(folder).filePath(OrderConfirmation::suggestedFileName(*m_order)),
        tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (savePdf(path, &error))
        Q_EMIT message(tr("Saved the confirmation of %1 as %2.")
                           .arg(m_order->number, QDir::toNativeSeparators(path)));
    else
        Q_EMIT message(tr("The confirmation was not saved: %1").arg(error));
}

void OrderDetailView::promptPrint()
{
#if QM_HAVE_PRINTSUPPORT
    if (!m_order)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setDocName(tr("Order confirmation %1").arg(m_order->number));
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    OrderConfirmation::print(*m_order, {m_supplierName, m_accountName, m_account}, &printer);
    Q_EMIT message(tr("Sent the confirmation of %1 to the printer.").arg(m_order->number));
#endif
}

} // namespace qm
