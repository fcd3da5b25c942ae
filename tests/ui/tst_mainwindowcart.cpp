// The main window's cart pages: switching pages, "Add to cart" from the catalog, the cart
// summary in the status bar, a scanner burst and a person typing on the cart page, imports
// through the preview (menu, drop, paste) and images that cannot be read.
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartmodel.h"
#include "models/cartstore.h"
#include "models/catalogmodel.h"
#include "scan/imagedecoder.h"
#include "ui/cartview.h"
#include "ui/importpreviewdialog.h"
#include "ui/mainwindow.h"
#include "ui/quickorderview.h"
#include "ui/scannerinput.h"
#include "ui/searchfield.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

using namespace qm;
using namespace qm::test;

class tst_MainWindowCart final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesAndScannerInput();
    void addToCartFromTheCatalog();
    void scannerBurstAndHumanTyping();
    void importThroughThePreview();
    void pastedBlockGoesThroughThePreview();
    void dropsAndUnreadableImages();

private:
    static void show(QWidget &widget)
    {
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    // Key events with chosen timestamps, as a keyboard-wedge scanner or a person sends them.
    void type(const QString &text, int gapMs)
    {
        for (QChar c : text) {
            m_clock += quint64(gapMs);
            const int key = c == u'\r' ? int(Qt::Key_Return) : int(c.toUpper().unicode());
            QWidget *target = QApplication::focusWidget();
            QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier, QString(c));
            down.setTimestamp(m_clock);
            QApplication::sendEvent(target, &down);
            QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier, QString(c));
            up.setTimestamp(m_clock + 3);
            QApplication::sendEvent(target, &up);
        }
    }
    static QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        file.write(bytes);
        return file.fileName();
    }

    quint64 m_clock = 1'000'000;
};

void tst_MainWindowCart::pagesAndScannerInput()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);
    QVERIFY(!window.scannerInput()->isEnabled()); // the search field takes typing
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Cart);
    QVERIFY(window.scannerInput()->isEnabled());
    QCOMPARE(QApplication::focusWidget(), window.cartView()->table());
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::QuickOrder);
    QVERIFY(window.scannerInput()->isEnabled());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Catalog);
    QVERIFY(!window.scannerInput()->isEnabled());
}

void tst_MainWindowCart::addToCartFromTheCatalog()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    window.searchField()->setFocus();
    for (QChar c : QStringLiteral("HB-100"))
        QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
    QTRY_COMPARE(window.catalogModel()->searchText(), QStringLiteral("HB-100"));
    QVERIFY(window.selectFirstProduct());
    auto *pack = window.findChild<QComboBox *>(QStringLiteral("addPack"));
    auto *quantity = window.findChild<QSpinBox *>(QStringLiteral("addQuantity"));
    auto *add = window.findChild<QPushButton *>(QStringLiteral("addToCartFromCatalog"));
    QVERIFY(pack && quantity && add);
    QTRY_VERIFY(add->isEnabled());
    const int box = pack->findData(QStringLiteral("BX"));
    QVERIFY(box >= 0);
    pack->setCurrentIndex(box);
    quantity->setValue(3);
    QTest::mouseClick(add, Qt::LeftButton);
    const QList<CartLine> lines = CartStore(*f.db).lines(window.cartView()->currentCartId());
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().sku, QStringLiteral("HB-100"));
    QCOMPARE(lines.first().uom, QStringLiteral("BX"));
    QCOMPARE(lines.first().quantity, 3);
    QVERIFY2(window.cartSummaryLabel()->text().startsWith(QStringLiteral("Cart: 1 line")),
             qPrintable(window.cartSummaryLabel()->text()));
    QCOMPARE(window.cartView()->model()->rowCount(), 1);
}

void tst_MainWindowCart::scannerBurstAndHumanTyping()
{
    CartFixture f;
    MainWindow window(*f.db);
    window.cartView()->feedback()->setSoundEnabled(false);
    show(window);
    window.showPage(MainWindow::Page::Cart);
    QCOMPARE(QApplication::focusWidget(), window.cartView()->table());

    // A person types 12 (slowly), then the scanner sends the box's GTIN in a burst.
    type(QStringLiteral("12"), 150);
    QTRY_COMPARE(window.cartView()->scanQuantity(), 12);
    QSignalSpy given(window.cartView()->feedback(), &ScanFeedback::given);
    type(QStringLiteral("]E0") + CartFixture::boltBoxGtin() + u'\r', 5);
    QTRY_COMPARE(given.count(), 1);
    QCOMPARE(given.first().first().value<ScanFeedback::Kind>(), ScanFeedback::Kind::Added);
    const qint64 cart = window.cartView()->currentCartId();
    const auto line =
        CartStore(*f.db).findLine(cart, QStringLiteral("HB-100"), QStringLiteral("BX"));
    QVERIFY(line);
    QCOMPARE(line->quantity, 12);
    QCOMPARE(line->source, LineSource::Scanned);
    // None of the scan's keys reached the table as a typed quantity.
    QCOMPARE(window.cartView()->scanQuantity(), 1);

    // An unknown code in a burst: red, and kept in the unresolved list.
    type(QStringLiteral("XQ-55501\r"), 5);
    QTRY_COMPARE(given.count(), 2);
    QCOMPARE(given.last().first().value<ScanFeedback::Kind>(), ScanFeedback::Kind::Unknown);
    QCOMPARE(window.cartView()->unresolvedList()->count(), 1);

    // Undo the scan.
    QTest::mouseClick(window.cartView()->findChild<QPushButton *>(QStringLiteral("undoScanButton")),
                      Qt::LeftButton);
    QVERIFY(!CartStore(*f.db).findLine(cart, QStringLiteral("HB-100"), QStringLiteral("BX")));
    QVERIFY2(window.cartSummaryLabel()->text().startsWith(QStringLiteral("Cart: 0 line")),
             qPrintable(window.cartSummaryLabel()->text()));
}

void tst_MainWindowCart::importThroughThePreview()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    const QString path =
        write(f.dir, QStringLiteral("order.csv"), "SKU,Qty\nHB-100,4\nNOPE-9,1\nWS-400,10\n");
    int rowsSeen = -1;
    qsizetype linesBeforeAdd = -1;
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [&, dialog] {
            rowsSeen = dialog->model()->rowCount();
            linesBeforeAdd = CartStore(*f.db).lines(window.cartView()->currentCartId()).size();
            dialog->accept();
        });
    });
    window.importFile(path);
    QCOMPARE(rowsSeen, 3);
    QCOMPARE(linesBeforeAdd, 0);
    QCOMPARE(CartStore(*f.db).lines(window.cartView()->currentCartId()).size(), 2);
    QCOMPARE(window.cartView()->model()->rowCount(), 2);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Imported")),
             qPrintable(window.statusBar()->currentMessage()));
}

void tst_MainWindowCart::pastedBlockGoesThroughThePreview()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    window.showPage(MainWindow::Page::QuickOrder);
    int rowsSeen = -1;
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        QTimer::singleShot(0, dialog, [&, dialog] {
            rowsSeen = dialog->model()->rowCount();
            dialog->reject();
        });
    });
    QApplication::clipboard()->setText(QStringLiteral("SKU\tQty\nHB-100\t2\nWS-400\t3\n"));
    window.quickOrderView()->grid()->setFocus();
    QTest::keyClick(window.quickOrderView()->grid(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(rowsSeen, 2);
    // Cancelled: the cart and the grid are as they were.
    QCOMPARE(CartStore(*f.db).lines(window.cartView()->currentCartId()).size(), 0);
    QCOMPARE(window.quickOrderView()->rowCount(), 1);
}

void tst_MainWindowCart::dropsAndUnreadableImages()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    const QString csv = write(f.dir, QStringLiteral("drop.csv"), "HB-100,1\n");
    int previews = 0;
    connect(&window, &MainWindow::importPreviewOpened, this, [&](ImportPreviewDialog *dialog) {
        ++previews;
        QTimer::singleShot(0, dialog, &QDialog::reject);
    });
    QVERIFY(window.openDroppedFile(csv));
    QCOMPARE(previews, 1);

    // Not an image at all: "could not read", and nothing breaks.
    const QString image = write(f.dir, QStringLiteral("label.png"), "this is not a PNG");
    window.imageDecoder()->setProgram(f.dir.filePath(QStringLiteral("no-such-decoder")));
    QVERIFY(window.openDroppedFile(image));
    QTRY_VERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Could not read")),
                 qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(CartStore(*f.db).lines(window.cartView()->currentCartId()).size(), 0);

    // Other files are refused.
    QVERIFY(!window.openDroppedFile(write(f.dir, QStringLiteral("notes.pdf"), "%PDF")));
    QCOMPARE(previews, 1);
}

QM_UI_TEST_MAIN(tst_MainWindowCart)
#include "tst_mainwindowcart.moc"
