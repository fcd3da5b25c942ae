#pragma once

#include "core/account.h"
#include "core/order.h"

#include <QList>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;

namespace qm {

// One order of the history: a header (number, status, PO number, ship-to with its address
// from the cached account, requested delivery, notes, the approval with who decided and
// their comment), then the lines (with back-ordered quantities and when they are expected),
// the shipments (carrier, the tracking number as a link to the carrier's page, events) and
// the timeline. Reorder… puts all or the selected lines into the current cart or a new one;
// Save as PDF… and Print… produce the order confirmation.
class OrderDetailView final : public QWidget
{
    Q_OBJECT

public:
    enum LineColumn
    {
        SkuColumn,
        DescriptionColumn,
        QuantityColumn,
        UnitColumn,
        UnitPriceColumn,
        LineTotalColumn,
        BackorderedColumn,
        LineColumnCount
    };
    enum Tab
    {
        LinesTab,
        ShipmentsTab,
        TimelineTab,
    };

    explicit OrderDetailView(QWidget *parent = nullptr);
    ~OrderDetailView() override;

    void showOrder(const Order &order);
    void clear();
    const std::optional<Order> &order() const { return m_order; }

    // Who the confirmation names, and where the ship-to codes lead.
    void setAccount(const std::optional<AccountInfo> &account);
    void setSupplierName(const QString &name) { m_supplierName = name; }
    void setAccountName(const QString &name) { m_accountName = name; }
    // Off where reordering makes no sense (the approvals queue).
    void setReorderVisible(bool visible);
    // Why the user may not reorder (their role cannot order); empty when they may. While
    // set, Reorder is disabled with the reason as its tooltip.
    void setReorderRefusal(const QString &reason);
    // Whether prices and totals show; off for a role that may not see prices.
    void setPricesShown(bool shown);

    // The line numbers (OrderLine::lineNo) of the selected lines.
    QList<int> selectedLineNos() const;
    // Writes the shown order's confirmation as PDF. False (with a sentence) without an order
    // or when the file cannot be written.
    bool savePdf(const QString &path, QString *error) const;

    QLabel *titleLabel() const { return m_title; }
    QTextBrowser *headerBrowser() const { return m_header; }
    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *linesTable() const { return m_lines; }
    QTextBrowser *shipmentsBrowser() const { return m_shipments; }
    QTextBrowser *timelineBrowser() const { return m_timeline; }
    QPushButton *reorderButton() const { return m_reorder; }
    QPushButton *pdfButton() const { return m_pdf; }
    QPushButton *printButton() const { return m_print; }
    QAction *reorderAllAction() const { return m_reorderAll; }
    QAction *reorderSelectedAction() const { return m_reorderSelected; }
    QAction *reorderAllNewCartAction() const { return m_reorderAllNew; }
    QAction *reorderSelectedNewCartAction() const { return m_reorderSelectedNew; }

Q_SIGNALS:
    // The user asked for these lines (empty: all) of `number` in the current cart or in a
    // new one.
    void reorderRequested(const QString &number, const QList<int> &lineNos, bool newCart);
    void message(const QString &text);

private:
    void fillHeader();
    void fillLines();
    void fillShipments();
    void fillTimeline();
    void updateActions();
    void promptSavePdf();
    void promptPrint();

    std::optional<Order> m_order;
    std::optional<AccountInfo> m_account;
    QString m_supplierName;
    QString m_accountName;
    QLabel *m_title;
    QTextBrowser *m_header;
    QTabWidget *m_tabs;
    QTableWidget *m_lines;
    QTextBrowser *m_shipments;
    QTextBrowser *m_timeline;
    QPushButton *m_reorder;
    QString m_reorderRefusal;
    bool m_pricesShown = true;
    QPushButton *m_pdf;
    QPushButton *m_print;
    QAction *m_reorderAll;
    QAction *m_reorderSelected;
    QAction *m_reorderAllNew;
    QAction *m_reorderSelectedNew;
};

} // namespace qm
