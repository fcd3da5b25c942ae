// The cart screen: carts, in-place quantity edits, undo and redo, removing lines, totals and
// notices, sorting in SQL, scans with a typed quantity and their feedback, export.
#include "cartfixture.h"
#include "uitestmain.h"

#include "import/spreadsheetreader.h"
#include "models/cartmodel.h"
#include "models/cartstore.h"
#include "ui/cartview.h"
#include "ui/scanfeedback.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QTableView>

using namespace qm;
using namespace qm::test;

class tst_CartView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsACartWhenThereIsNone();
    void pickRenameAndDeleteCarts();
    void editQuantityInPlaceThenUndoAndRedo();
    void refusedQuantityLeavesTheLine();
    void deleteKeyRemovesSelectedLines();
    void totalsRulesAndNotices();
    void sortByClickingAHeader();
    void scanWithTypedQuantity();
    void scanFeedback_data();
    void scanFeedback();
    void unknownScanGoesToUnresolvedList();
    void undoLastScan();
    void exportCsv();
    void tenThousandLines();

private:
    static void show(QWidget &widget)
    {
        widget.resize(1200, 700);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    static qint64 addLine(Database &db, qint64 cartId, const char *sku, qint64 quantity,
                          const char *uom = "EA")
    {
        NewLine line;
        line.code = QString::fromLatin1(sku);
        line.sku = line.code;
        line.uom = QString::fromLatin1(uom);
        line.quantity = quantity;
        QString error;
        const auto added = CartStore(db).addLine(cartId, line, &error);
        if (!added)
            qFatal("addLine: %s", qPrintable(error));
        return added->lineId;
    }
    static int rowOf(CartView &view, qint64 lineId)
    {
        while (view.model()->rowOfLine(lineId) < 0 && view.model()->canFetchMore({}))
            view.model()->fetchMore({});
        return view.model()->rowOfLine(lineId);
    }
};

void tst_CartView::createsACartWhenThereIsNone()
{
    CartFixture f;
    CartView view(*f.db);
    QVERIFY(view.currentCartId() != 0);
    const auto carts = CartStore(*f.db).carts();
    QCOMPARE(carts.size(), 1);
    QCOMPARE(view.cartPicker()->count(), 1);
    QCOMPARE(view.cartPicker()->currentText(), carts.first().name);
}

void tst_CartView::pickRenameAndDeleteCarts()
{
    CartFixture f;
    CartStore store(*f.db);
    QString error;
    const qint64 site = store.createCart(QStringLiteral("Site A"), &error)->id;
    addLine(*f.db, site, "HB-100", 3);
    const qint64 office = store.createCart(QStringLiteral("Office"), &error)->id;
    CartView view(*f.db);
    QCOMPARE(view.cartPicker()->count(), 2);
    QCOMPARE(view.currentCartId(), office); // the most recently used

    QSignalSpy changed(&view, &CartView::cartChanged);
    QVERIFY(view.setCurrentCart(site));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.lineCount(), 1);
    QCOMPARE(store.currentCart()->id, site); // picking a cart makes it the current one

    QVERIFY(store.renameCart(site, QStringLiteral("Site B"), &error));
    view.reloadCarts();
    QCOMPARE(view.cartPicker()->currentText(), QStringLiteral("Site B"));
    QCOMPARE(view.currentCartId(), site);

    // Deleting asks first; a "no" changes nothing.
    QStringList asked;
    bool answer = false;
    view.setConfirmDelete([&](const QString &name) {
        asked << name;
        return answer;
    });
    view.deleteCart();
    QCOMPARE(asked, QStringList{QStringLiteral("Site B")});
    QVERIFY(store.cart(site));
    answer = true;
    view.deleteCart();
    QVERIFY(!store.cart(site));
    QCOMPARE(view.cartPicker()->count(), 1);
    QCOMPARE(view.currentCartId(), office);
}

void tst_CartView::editQuantityInPlaceThenUndoAndRedo()
{
    CartFixture f;
    CartView view(*f.db);
    const qint64 lineId = addLine(*f.db, view.currentCartId(), "HB-100", 3);
    view.refresh();
    show(view);
    QAbstractItemModelTester tester(view.model());

    const QModelIndex cell = view.model()->index(rowOf(view, lineId), CartModel::QuantityColumn);
    view.table()->setFocus();
    view.table()->setCurrentIndex(cell);
    QTest::keyClick(view.table(), Qt::Key_F2);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && editor != view.table());
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    for (QChar c : QStringLiteral("25"))
        QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(CartStore(*f.db).line(lineId)->quantity, 25);
    // Re-priced: the contract price of 0.40 applies to the new quantity.
    QTRY_VERIFY(view.totalsLabel()->text().contains(QStringLiteral("10.00")));

    view.table()->setFocus();
    QTest::keyClick(view.table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(CartStore(*f.db).line(lineId)->quantity, 3);
    QCOMPARE(view.model()
                 ->index(rowOf(view, lineId), CartModel::QuantityColumn)
                 .data(Qt::EditRole)
                 .toLongLong(),
             3);
    QVERIFY(view.totalsLabel()->text().contains(QStringLiteral("1.20")));
    QTest::keyClick(view.table(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(CartStore(*f.db).line(lineId)->quantity, 25);
}

void tst_CartView::refusedQuantityLeavesTheLine()
{
    CartFixture f;
    CartView view(*f.db);
    const qint64 lineId = addLine(*f.db, view.currentCartId(), "HB-100", 3);
    view.refresh();
    QSignalSpy messages(&view, &CartView::message);
    // Zero is out of range for a line: the model refuses it and the line keeps 3.
    QVERIFY(!view.model()->setData(
        view.model()->index(rowOf(view, lineId), CartModel::QuantityColumn), 0));
    QCOMPARE(CartStore(*f.db).line(lineId)->quantity, 3);
}

void tst_CartView::deleteKeyRemovesSelectedLines()
{
    CartFixture f;
    CartView view(*f.db);
    const qint64 cart = view.currentCartId();
    const qint64 bolt = addLine(*f.db, cart, "HB-100", 3);
    const qint64 washer = addLine(*f.db, cart, "WS-400", 50);
    const qint64 gloves = addLine(*f.db, cart, "GL-200", 20);
    view.refresh();
    show(view);
    view.table()->setFocus();
    view.table()->selectionModel()->select(view.model()->index(rowOf(view, bolt), 0),
                                           QItemSelectionModel::ClearAndSelect |
                                               QItemSelectionModel::Rows);
    view.table()->selectionModel()->select(view.model()->index(rowOf(view, gloves), 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTest::keyClick(view.table(), Qt::Key_Delete);
    const QList<CartLine> left = CartStore(*f.db).lines(cart);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().id, washer);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.lineCount(), 1);
    // One undo brings both back.
    QTest::keyClick(view.table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 3);
    QCOMPARE(view.model()->rowCount(), 3);
}

void tst_CartView::totalsRulesAndNotices()
{
    CartFixture f;
    CartView view(*f.db);
    const qint64 cart = view.currentCartId();
    const qint64 bolt = addLine(*f.db, cart, "HB-100", 10);   // contract 0.40: 4.00, saves 1.00
    const qint64 gloves = addLine(*f.db, cart, "GL-200", 15); // raised/rounded to 20: 5.00
    const qint64 old = addLine(*f.db, cart, "OLD-300", 1);    // discontinued: no price
    // A list tier is the list price for that quantity: 0.04, 40.00, nothing saved.
    const qint64 washer = addLine(*f.db, cart, "WS-400", 1000);
    view.refresh();

    const pricing::CartTotals totals = view.totals();
    QCOMPARE(totals.subtotal, *Decimal::parse(QStringLiteral("49.00")));
    QCOMPARE(totals.savings, *Decimal::parse(QStringLiteral("1.00")));
    QCOMPARE(totals.pricedLines, 3);
    QCOMPARE(totals.unpricedLines, 1);
    const QString text = view.totalsLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("4 line")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("49.00")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("You save 1.00")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1 line")) &&
                 text.contains(QStringLiteral("without a price")),
             qPrintable(text));

    auto shownRule = [&](qint64 lineId) {
        const QModelIndex index = view.model()->index(rowOf(view, lineId), CartModel::RuleColumn);
        auto *delegate = static_cast<QStyledItemDelegate *>(
            view.table()->itemDelegateForColumn(CartModel::RuleColumn));
        return delegate->displayText(index.data(), QLocale());
    };
    QCOMPARE(shownRule(bolt), QStringLiteral("Contract price"));
    QVERIFY2(shownRule(gloves).contains(QStringLiteral("rounded to full case")),
             qPrintable(shownRule(gloves)));
    QCOMPARE(shownRule(old), QStringLiteral("discontinued"));
    QCOMPARE(shownRule(washer), QStringLiteral("List price"));
    QVERIFY(!view.findChild<QLabel *>(QStringLiteral("pricesAsOf"))->text().isEmpty());
}

void tst_CartView::sortByClickingAHeader()
{
    CartFixture f;
    CartView view(*f.db);
    const qint64 cart = view.currentCartId();
    const QList<qint64> quantities{7, 300, 1, 42};
    const char *skus[] = {"HB-100", "WS-400", "OLD-300", "GL-200"};
    for (int i = 0; i < quantities.size(); ++i)
        addLine(*f.db, cart, skus[i], quantities.at(i));
    view.refresh();
    show(view);
    QHeaderView *header = view.table()->horizontalHeader();
    const QPoint quantityHeader(header->sectionViewportPosition(CartModel::QuantityColumn) + 5,
                                header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, quantityHeader);
    QList<qint64> shown;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        shown << view.model()
                     ->index(row, CartModel::QuantityColumn)
                     .data(CartModel::RawValueRole)
                     .toLongLong();
    QList<qint64> expected = quantities;
    std::sort(expected.begin(), expected.end());
    if (header->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(expected.begin(), expected.end());
    QCOMPARE(shown, expected);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, quantityHeader);
    std::reverse(expected.begin(), expected.end());
    shown.clear();
    for (int row = 0; row < view.model()->rowCount(); ++row)
        shown << view.model()
                     ->index(row, CartModel::QuantityColumn)
                     .data(CartModel::RawValueRole)
                     .toLongLong();
    QCOMPARE(shown, expected);
}

void tst_CartView::scanWithTypedQuantity()
{
    CartFixture f;
    CartView view(*f.db);
    view.feedback()->setSoundEnabled(false);
    show(view);
    view.table()->setFocus();
    // "12" typed on the table, then a scan of the box GTIN: 12 boxes.
    QTest::keyClick(view.table(), Qt::Key_1);
    QTest::keyClick(view.table(), Qt::Key_2);
    QCOMPARE(view.scanQuantity(), 12);
    QCOMPARE(view.addScannedCode(CartFixture::boltBoxGtin(), QStringLiteral("]E0")),
             CartView::ScanOutcome::Added);
    const auto box = CartStore(*f.db).findLine(view.currentCartId(), QStringLiteral("HB-100"),
                                               QStringLiteral("BX"));
    QVERIFY(box);
    QCOMPARE(box->quantity, 12);
    QCOMPARE(box->source, LineSource::Scanned);
    // The quantity applies to one scan only.
    QCOMPARE(view.scanQuantity(), 1);
    QCOMPARE(view.addScannedCode(CartFixture::boltEachGtin()), CartView::ScanOutcome::Added);
    QCOMPARE(CartStore(*f.db)
                 .findLine(view.currentCartId(), QStringLiteral("HB-100"), QStringLiteral("EA"))
                 ->quantity,
             1);
    // Backspace and Escape correct a typed quantity.
    QTest::keyClick(view.table(), Qt::Key_4);
    QTest::keyClick(view.table(), Qt::Key_5);
    QTest::keyClick(view.table(), Qt::Key_Backspace);
    QCOMPARE(view.scanQuantity(), 4);
    QTest::keyClick(view.table(), Qt::Key_Escape);
    QCOMPARE(view.scanQuantity(), 1);
    QCOMPARE(view.scanList()->count(), 2);
}

void tst_CartView::scanFeedback_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("kind");
    QTest::newRow("added") << QStringLiteral("HB-100") << int(CartView::ScanOutcome::Added)
                           << int(ScanFeedback::Kind::Added);
    QTest::newRow("rounded to a case")
        << QStringLiteral("GL-200") << int(CartView::ScanOutcome::Adjusted)
        << int(ScanFeedback::Kind::Adjusted);
    QTest::newRow("unknown") << QStringLiteral("NO-SUCH-1") << int(CartView::ScanOutcome::Unknown)
                             << int(ScanFeedback::Kind::Unknown);
    QTest::newRow("garbled") << QStringLiteral("\x01\x02??") << int(CartView::ScanOutcome::Unknown)
                             << int(ScanFeedback::Kind::Unknown);
}

void tst_CartView::scanFeedback()
{
    QFETCH(QString, code);
    QFETCH(int, outcome);
    QFETCH(int, kind);
    CartFixture f;
    CartView view(*f.db);
    show(view);
    QSignalSpy given(view.feedback(), &ScanFeedback::given);
    QSignalSpy sounded(view.feedback(), &ScanFeedback::sounded);
    QCOMPARE(int(view.addScannedCode(code)), outcome);
    QCOMPARE(given.count(), 1);
    QCOMPARE(int(given.first().first().value<ScanFeedback::Kind>()), kind);
    QWidget *flash = view.feedback()->flash();
    QVERIFY(flash);
    QCOMPARE(flash->parentWidget(), view.table()->viewport());
    QCOMPARE(flash->palette().color(QPalette::Window),
             ScanFeedback::color(ScanFeedback::Kind(kind)));
    QTRY_VERIFY(!view.feedback()->flash()); // it goes away by itself
    // The outcome's own tone (silent where there is no audio output).
    QCOMPARE(sounded.count(), 1);
    QCOMPARE(sounded.first().at(1).toUrl(), ScanFeedback::soundSource(ScanFeedback::Kind(kind)));
}

void tst_CartView::unknownScanGoesToUnresolvedList()
{
    CartFixture f;
    CartView view(*f.db);
    view.feedback()->setSoundEnabled(false);
    view.setScanQuantity(6);
    QCOMPARE(view.addScannedCode(QStringLiteral("  ZZ-999 "), QStringLiteral("]C0")),
             CartView::ScanOutcome::Unknown);
    QCOMPARE(CartStore(*f.db).lines(view.currentCartId()).size(), 0);
    const auto unresolved = CartStore(*f.db).unresolvedCodes();
    QCOMPARE(unresolved.size(), 1);
    QCOMPARE(unresolved.first().code, QStringLiteral("ZZ-999"));
    QCOMPARE(unresolved.first().origin, LineSource::Scanned);
    QCOMPARE(unresolved.first().symbology, QStringLiteral("]C0"));
    QCOMPARE(unresolved.first().quantity.value_or(0), 6);
    QCOMPARE(unresolved.first().cartId, view.currentCartId());
    QCOMPARE(view.unresolvedList()->count(), 1);
    QCOMPARE(view.unresolvedList()->item(0)->text(), QStringLiteral("ZZ-999"));
}

void tst_CartView::undoLastScan()
{
    CartFixture f;
    CartView view(*f.db);
    view.feedback()->setSoundEnabled(false);
    const qint64 cart = view.currentCartId();
    QCOMPARE(view.addScannedCode(QStringLiteral("HB-100")), CartView::ScanOutcome::Added);
    QCOMPARE(view.addScannedCode(QStringLiteral("HB-100")), CartView::ScanOutcome::Added);
    QCOMPARE(CartStore(*f.db).lines(cart).first().quantity, 2); // merged into one line
    QCOMPARE(view.scanList()->count(), 2);
    QVERIFY(view.undoLastScan());
    QCOMPARE(CartStore(*f.db).lines(cart).first().quantity, 1);
    QCOMPARE(view.scanList()->count(), 1);
    QVERIFY(view.undoLastScan());
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
    QCOMPARE(view.scanList()->count(), 0);
    QVERIFY(!view.undoLastScan());

    // A scan whose line was edited since cannot be undone as a scan.
    QCOMPARE(view.addScannedCode(QStringLiteral("WS-400")), CartView::ScanOutcome::Added);
    QString error;
    QVERIFY(CartStore(*f.db).setQuantity(cart, CartStore(*f.db).lines(cart).first().id, 9, &error));
    QVERIFY(!view.undoLastScan());
    QCOMPARE(CartStore(*f.db).lines(cart).first().quantity, 9);
}

void tst_CartView::exportCsv()
{
    CartFixture f;
    CartView view(*f.db);
    addLine(*f.db, view.currentCartId(), "HB-100", 10);
    addLine(*f.db, view.currentCartId(), "OLD-300", 2);
    view.refresh();
    const QString file = f.dir.filePath(QStringLiteral("cart.csv"));
    QString error;
    QVERIFY2(view.exportLines(file, &error), qPrintable(error));
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(in.readAll());
    if (text.startsWith(QChar(0xfeff))) // the byte-order mark spreadsheets need
        text.remove(0, 1);
    const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("code,sku,product")));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("HB-100,HB-100,Hex bolt M10,EA,10,0.4")),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.at(1).contains(QStringLiteral(",4.00,USD")), qPrintable(lines.at(1)));
    // A line without a price is exported with empty price fields, not dropped.
    QVERIFY2(lines.at(2).startsWith(QStringLiteral("OLD-300,OLD-300,Old bracket,EA,2,,,")),
             qPrintable(lines.at(2)));
    QVERIFY(!view.exportLines(f.dir.filePath(QStringLiteral("no/such/dir/cart.csv")), &error));
    QVERIFY(!error.isEmpty());

    // XLSX: read back with the import library's reader, an independent path.
    const QString workbook = f.dir.filePath(QStringLiteral("cart.xlsx"));
    QVERIFY2(view.exportLines(workbook, &error), qPrintable(error));
    const import::ReadResult read = import::readFile(workbook);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.format, QStringLiteral("xlsx"));
    QCOMPARE(read.table.rows.size(), 3);
    QCOMPARE(read.table.rows.at(1).value(0), QStringLiteral("HB-100"));
    QCOMPARE(read.table.rows.at(1).value(4), QStringLiteral("10"));
    QCOMPARE(read.table.rows.at(2).value(1), QStringLiteral("OLD-300"));
}

void tst_CartView::tenThousandLines()
{
    CartFixture f;
    QList<Product> products;
    for (int i = 0; i < 10000; ++i)
        products << product(QStringLiteral("BULK-%1").arg(i, 5, 10, QChar(u'0')),
                            QStringLiteral("Bulk item %1").arg(i), 1000 + i);
    CatalogStore catalog(*f.db);
    QVERIFY(fillCache(catalog, products));
    CartStore store(*f.db);
    QString error;
    const qint64 cart = store.createCart(QStringLiteral("Big"), &error)->id;
    QList<NewLine> lines;
    for (int i = 0; i < products.size(); ++i) {
        NewLine l;
        l.code = l.sku = products.at(i).sku;
        l.uom = QStringLiteral("EA");
        l.quantity = 1 + (i * 7919) % 500;
        lines << l;
    }
    QVERIFY(store.addLines(cart, lines, {}, &error));

    QElapsedTimer timer;
    timer.start();
    CartView view(*f.db);
    QVERIFY(view.setCurrentCart(cart) || view.currentCartId() == cart);
    show(view);
    const qint64 openMs = timer.elapsed();
    QCOMPARE(view.lineCount(), 10000);
    QCOMPARE(view.model()->matchingLineCount(), 10000);
    // Lazy: only a batch is loaded to show the first screen.
    QVERIFY(view.model()->rowCount() < 10000);

    timer.restart();
    view.table()->sortByColumn(CartModel::QuantityColumn, Qt::DescendingOrder);
    const qint64 sortMs = timer.elapsed();
    QCOMPARE(view.model()
                 ->index(0, CartModel::QuantityColumn)
                 .data(CartModel::RawValueRole)
                 .toLongLong(),
             500);
    timer.restart();
    for (int i = 0; i < 50; ++i) {
        view.table()->verticalScrollBar()->setValue(view.table()->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
    }
    const qint64 scrollMs = timer.elapsed();
    qInfo("10,000 lines: open and price %lld ms, sort %lld ms, 50 scrolls to the end %lld ms "
          "(%d rows loaded)",
          openMs, sortMs, scrollMs, view.model()->rowCount());
}

QM_UI_TEST_MAIN(tst_CartView)
#include "tst_cartview.moc"
