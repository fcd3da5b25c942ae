#include "historyfixture.h"
#include "models/formatting.h"
#include "ui/orderdetailview.h"
#include "uitestmain.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

using namespace qm;
using namespace qm::test;

// The order detail: header, lines with back-orders, shipments with the tracking link,
// timeline; reorder of all or selected lines; the confirmation PDF.
class tst_OrderDetailView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header();
    void lines();
    void trackingNumberLinksToTheCarrier();
    void onlyWebAddressesBecomeLinks_data();
    void onlyWebAddressesBecomeLinks();
    void timeline();
    void reorderAllOrSelected();
    void emptyView();
    void savesPdf();
};

namespace {

struct Link
{
    QString text;
    QString href;
};

QList<Link> links(const QTextDocument *document)
{
    QList<Link> found;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().isAnchor())
                found.append({fragment.text(), fragment.charFormat().anchorHref()});
        }
    }
    return found;
}

// Money as a text document's plain text has it: the non-breaking space before the currency
// becomes a plain one.
QString plain(const QString &text)
{
    QString out = text;
    return out.replace(QChar(0x00a0), QLatin1Char(' '));
}

// The rows of the first table of a document, each row's cells joined by " | ".
QStringList tableRows(const QTextDocument *document)
{
    QStringList rows;
    for (QTextFrame *frame : document->rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        for (int r = 0; r < table->rows(); ++r) {
            QStringList cells;
            for (int c = 0; c < table->columns(); ++c) {
                QTextCursor cursor = table->cellAt(r, c).firstCursorPosition();
                cursor.setPosition(table->cellAt(r, c).lastPosition(), QTextCursor::KeepAnchor);
                cells << cursor.selectedText();
            }
            rows << cells.join(QStringLiteral(" | "));
        }
        break;
    }
    return rows;
}

} // namespace

void tst_OrderDetailView::header()
{
    OrderDetailView view;
    view.setAccount(sampleAccount());
    view.showOrder(sampleOrder());
    QVERIFY(view.titleLabel()->text().contains(QStringLiteral("SO-300123")));
    QVERIFY(view.titleLabel()->text().contains(QStringLiteral("Partially shipped")));
    const QString header = view.headerBrowser()->toPlainText();
    const QLocale locale;
    for (const QString &expected :
         {QStringLiteral("PO-4471"), QStringLiteral("Boatyard (YARD)"),
          QStringLiteral("88 Slipway Road, Gate 3, 94010 Dockton, CA, US"),
          locale.toString(QDate(2026, 11, 20), QLocale::ShortFormat),
          QStringLiteral("Deliver to gate 3 before noon"), QStringLiteral("Maria Delgado"),
          QStringLiteral("Over the buyer's spending limit"),
          QStringLiteral("Approved by Tom Whitaker"), QStringLiteral("ok for the haul-out"),
          plain(formatting::money(locale, dec("892.50"), QStringLiteral("USD")))})
        QVERIFY2(header.contains(expected),
                 qPrintable(expected + QStringLiteral(" not in:\n") + header));

    // Without the account cached, the code stands alone; no delivery date: as soon as possible.
    Order order = sampleOrder();
    order.requestedDelivery = {};
    order.approval = {};
    view.setAccount(std::nullopt);
    view.showOrder(order);
    const QString bare = view.headerBrowser()->toPlainText();
    QVERIFY(bare.contains(QStringLiteral("YARD")));
    QVERIFY(!bare.contains(QStringLiteral("Slipway")));
    QVERIFY(bare.contains(QStringLiteral("As soon as possible")));
    QVERIFY(!bare.contains(QStringLiteral("Approval")));
}

void tst_OrderDetailView::lines()
{
    OrderDetailView view;
    const Order order = sampleOrder();
    view.showOrder(order);
    QTableWidget *table = view.linesTable();
    QCOMPARE(table->rowCount(), 3);
    const QLocale locale;
    for (int r = 0; r < order.lines.size(); ++r) {
        const OrderLine &line = order.lines.at(r);
        QCOMPARE(table->item(r, OrderDetailView::SkuColumn)->text(), line.sku);
        QCOMPARE(table->item(r, OrderDetailView::DescriptionColumn)->text(), line.description);
        QCOMPARE(table->item(r, OrderDetailView::QuantityColumn)->text(),
                 locale.toString(line.quantity));
        QCOMPARE(table->item(r, OrderDetailView::UnitColumn)->text(), line.uom);
        QCOMPARE(table->item(r, OrderDetailView::UnitPriceColumn)->text(),
                 formatting::money(locale, line.unitPrice, QStringLiteral("USD")));
        QCOMPARE(table->item(r, OrderDetailView::LineTotalColumn)->text(),
                 formatting::money(locale, line.lineTotal, QStringLiteral("USD")));
    }
    // Only the gloves wait for stock, expected on 4 December.
    QCOMPARE(table->item(0, OrderDetailView::BackorderedColumn)->text(), QString());
    const QString backordered = table->item(1, OrderDetailView::BackorderedColumn)->text();
    QVERIFY2(backordered.startsWith(locale.toString(30)), qPrintable(backordered));
    QVERIFY2(backordered.contains(locale.toString(QDate(2026, 12, 4), QLocale::ShortFormat)),
             qPrintable(backordered));
    QVERIFY(view.tabs()->tabText(OrderDetailView::LinesTab).contains(QStringLiteral("3")));
}

void tst_OrderDetailView::trackingNumberLinksToTheCarrier()
{
    OrderDetailView view;
    view.showOrder(sampleOrder());
    QVERIFY(view.shipmentsBrowser()->openExternalLinks());
    const QList<Link> found = links(view.shipmentsBrowser()->document());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).text, QStringLiteral("CF123456789"));
    QCOMPARE(found.at(0).href, QStringLiteral("https://track.coastal.example/CF123456789"));
    const QString text = view.shipmentsBrowser()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Coastal Freight")));
    QVERIFY(text.contains(QStringLiteral("picked up")));
    QVERIFY(text.contains(QStringLiteral("Oakland")));
    QVERIFY(text.contains(QStringLiteral("in transit")));
    QVERIFY(view.tabs()->tabText(OrderDetailView::ShipmentsTab).contains(QStringLiteral("1")));

    Order none = sampleOrder();
    none.shipments.clear();
    view.showOrder(none);
    QVERIFY(links(view.shipmentsBrowser()->document()).isEmpty());
    QVERIFY(view.shipmentsBrowser()->toPlainText().contains(QStringLiteral("Nothing shipped")));
}

void tst_OrderDetailView::onlyWebAddressesBecomeLinks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("link");
    QTest::newRow("https") << QStringLiteral("https://t.example/x?id=1&a=2") << true;
    QTest::newRow("http") << QStringLiteral("http://t.example/x") << true;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("quote") << QStringLiteral("https://t.example/\"><b>x</b>") << true;
}

void tst_OrderDetailView::onlyWebAddressesBecomeLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, link);
    Order order = sampleOrder();
    order.shipments[0].trackingUrl = url;
    OrderDetailView view;
    view.showOrder(order);
    const QList<Link> found = links(view.shipmentsBrowser()->document());
    QCOMPARE(found.size(), link ? 1 : 0);
    // The tracking number shows either way, as text.
    QVERIFY(view.shipmentsBrowser()->toPlainText().contains(QStringLiteral("CF123456789")));
    if (link) {
        QCOMPARE(found.at(0).text, QStringLiteral("CF123456789"));
        QCOMPARE(QUrl(found.at(0).href), QUrl(url));
    }
}

void tst_OrderDetailView::timeline()
{
    OrderDetailView view;
    view.showOrder(sampleOrder());
    const QStringList rows = tableRows(view.timelineBrowser()->document());
    QCOMPARE(rows.size(), 3);
    const QLocale locale;
    QVERIFY2(rows.at(0).startsWith(
                 locale.toString(utc(2026, 11, 2).toLocalTime(), QLocale::ShortFormat)),
             qPrintable(rows.at(0)));
    QVERIFY2(rows.at(0).contains(QStringLiteral("Waiting for approval by Maria Delgado")),
             qPrintable(rows.at(0)));
    QVERIFY2(rows.at(1).contains(QStringLiteral("Approved by Tom Whitaker")),
             qPrintable(rows.at(1)));
    QVERIFY(rows.at(1).contains(QStringLiteral("ok for the haul-out")));
    QVERIFY(rows.at(2).contains(QStringLiteral("Partially shipped")));
}

void tst_OrderDetailView::reorderAllOrSelected()
{
    OrderDetailView view;
    view.showOrder(sampleOrder());
    QSignalSpy requested(&view, &OrderDetailView::reorderRequested);
    QVERIFY(view.reorderButton()->isEnabled());
    QVERIFY(view.reorderAllAction()->isEnabled());
    QVERIFY(!view.reorderSelectedAction()->isEnabled()); // nothing selected yet

    view.reorderAllAction()->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("SO-300123"));
    QCOMPARE(requested.at(0).at(1).value<QList<int>>(), QList<int>());
    QCOMPARE(requested.at(0).at(2).toBool(), false);

    // Lines 3 and 1, selected in that order, go as 1 and 3.
    view.linesTable()->selectRow(2);
    view.linesTable()->selectionModel()->select(view.linesTable()->model()->index(0, 0),
                                                QItemSelectionModel::Select |
                                                    QItemSelectionModel::Rows);
    QCOMPARE(view.selectedLineNos(), (QList<int>{1, 3}));
    QVERIFY(view.reorderSelectedNewCartAction()->isEnabled());
    view.reorderSelectedNewCartAction()->trigger();
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(1).value<QList<int>>(), (QList<int>{1, 3}));
    QCOMPARE(requested.at(1).at(2).toBool(), true);

    view.setReorderVisible(false);
    QVERIFY(view.reorderButton()->isHidden());
}

void tst_OrderDetailView::emptyView()
{
    OrderDetailView view;
    QVERIFY(!view.order());
    QVERIFY(!view.reorderButton()->isEnabled());
    QVERIFY(!view.pdfButton()->isEnabled());
    QTemporaryDir dir;
    QString error;
    QVERIFY(!view.savePdf(dir.filePath(QStringLiteral("x.pdf")), &error));
    QVERIFY(!error.isEmpty());

    view.showOrder(sampleOrder());
    view.clear();
    QCOMPARE(view.linesTable()->rowCount(), 0);
    QVERIFY(view.headerBrowser()->toPlainText().isEmpty());
    QVERIFY(!view.pdfButton()->isEnabled());
}

void tst_OrderDetailView::savesPdf()
{
    OrderDetailView view;
    view.setSupplierName(QStringLiteral("Harbor Industrial Supply"));
    view.setAccount(sampleAccount());
    view.showOrder(sampleOrder());
    QVERIFY(view.pdfButton()->isEnabled());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("confirmation.pdf"));
    QString error;
    QVERIFY2(view.savePdf(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
}

QM_UI_TEST_MAIN(tst_OrderDetailView)
#include "tst_orderdetailview.moc"
