// Quick order entry: typing with per-character key events, completion, pasting a block,
// resolving rows in place and adding them to the cart.
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartstore.h"
#include "ui/quickorderview.h"

#include <QAbstractItemView>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

using namespace qm;
using namespace qm::test;

using Rows = QList<QPair<QString, QString>>;
Q_DECLARE_METATYPE(Rows)

class tst_QuickOrderView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeAQuickOrder();
    void statesOfRows_data();
    void statesOfRows();
    void completionFromTheCatalog();
    void nonAsciiInput();
    void typeACustomerPartNumber_data();
    void typeACustomerPartNumber();
    void pickAPackInsteadOfRounding();
    void parseBlock_data();
    void parseBlock();
    void pasteABlockIntoTheGrid();
    void pasteABlockGoesToTheHandler();
    void addToCartNeedsACart();
    void addToCartMergesWithTheCartsLine();

private:
    static void show(QWidget &widget)
    {
        widget.resize(1100, 600);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    // One key event per character, to whatever has focus (an editor opens on the first).
    static void type(const QString &text)
    {
        for (QChar c : text) {
            QWidget *target = QApplication::focusWidget();
            QVERIFY(target);
            QTest::sendKeyEvent(QTest::Click, target, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
    static void key(Qt::Key k, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::keyClick(QApplication::focusWidget(), k, modifiers);
    }
    static QString cell(const QuickOrderView &view, int row, int column)
    {
        const QTableWidgetItem *item = view.grid()->item(row, column);
        return item ? item->text() : QString();
    }
};

void tst_QuickOrderView::typeAQuickOrder()
{
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Order"), &error)->id;
    QuickOrderView view(*f.db);
    view.setCartId(cart);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);

    // Code, Tab, quantity, Enter: the next row.
    type(QStringLiteral("hb-100"));
    key(Qt::Key_Tab);
    type(QStringLiteral("5"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.grid()->currentRow(), 1);
    QCOMPARE(view.grid()->currentColumn(), int(QuickOrderView::CodeColumn));
    QCOMPARE(view.rowState(0), QuickOrderView::RowState::Ready);
    QCOMPARE(cell(view, 0, QuickOrderView::ProductColumn), QStringLiteral("Hex bolt M10"));
    QVERIFY2(cell(view, 0, QuickOrderView::PriceColumn).contains(QStringLiteral("2.00")),
             qPrintable(cell(view, 0, QuickOrderView::PriceColumn)));
    QVERIFY2(cell(view, 0, QuickOrderView::StatusColumn).startsWith(QStringLiteral("In stock")),
             qPrintable(cell(view, 0, QuickOrderView::StatusColumn)));

    // Enter after the code goes to the quantity too.
    type(QStringLiteral("GL-200"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.grid()->currentColumn(), int(QuickOrderView::QuantityColumn));
    type(QStringLiteral("15"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.grid()->currentRow(), 2);
    QCOMPARE(view.rowState(1), QuickOrderView::RowState::Adjusted);
    QVERIFY2(cell(view, 1, QuickOrderView::StatusColumn).contains(QStringLiteral("rounded up")),
             qPrintable(cell(view, 1, QuickOrderView::StatusColumn)));
    QVERIFY2(cell(view, 1, QuickOrderView::StatusColumn).contains(QStringLiteral("Short")),
             qPrintable(cell(view, 1, QuickOrderView::StatusColumn)));

    type(QStringLiteral("HB-1000"));
    key(Qt::Key_Tab);
    type(QStringLiteral("2"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.rowState(2), QuickOrderView::RowState::Unknown);
    QVERIFY2(cell(view, 2, QuickOrderView::StatusColumn).contains(QStringLiteral("Unknown code")),
             qPrintable(cell(view, 2, QuickOrderView::StatusColumn)));

    QSignalSpy added(&view, &QuickOrderView::linesAdded);
    QVERIFY(view.addButton()->isEnabled());
    QTest::mouseClick(view.addButton(), Qt::LeftButton);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().at(1).toInt(), 2);
    const QList<CartLine> lines = CartStore(*f.db).lines(cart);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).sku, QStringLiteral("HB-100"));
    QCOMPARE(lines.at(0).quantity, 5);
    QCOMPARE(lines.at(0).code, QStringLiteral("hb-100"));
    QCOMPARE(lines.at(1).sku, QStringLiteral("GL-200"));
    QCOMPARE(lines.at(1).quantity, 20);
    QCOMPARE(lines.at(1).requestedQuantity, 15);
    // The row to fix stays; the added rows are gone.
    QCOMPARE(cell(view, 0, QuickOrderView::CodeColumn), QStringLiteral("HB-1000"));
    QCOMPARE(view.rowState(0), QuickOrderView::RowState::Unknown);
    // One undo step for the whole order.
    QVERIFY(CartStore(*f.db).undo(cart, &error));
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
}

void tst_QuickOrderView::statesOfRows_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("status");
    using S = QuickOrderView::RowState;
    QTest::newRow("sku") << "HB-100"
                         << "3" << int(S::Ready) << "In stock";
    QTest::newRow("no quantity: one") << "WS-400"
                                      << "" << int(S::Ready) << "In stock";
    QTest::newRow("box gtin") << CartFixture::boltBoxGtin() << "1" << int(S::Ready) << "In stock";
    QTest::newRow("raised to minimum") << "GL-200"
                                       << "1" << int(S::Adjusted) << "minimum";
    QTest::newRow("discontinued") << "OLD-300"
                                  << "1" << int(S::Unavailable) << "discontinued";
    QTest::newRow("letters") << "HB-100"
                             << "ten" << int(S::InvalidQuantity) << "not a quantity";
    QTest::newRow("zero") << "HB-100"
                          << "0" << int(S::InvalidQuantity) << "not a quantity";
    QTest::newRow("negative") << "HB-100"
                              << "-4" << int(S::InvalidQuantity) << "not a quantity";
    QTest::newRow("fraction") << "HB-100"
                              << "1.5" << int(S::InvalidQuantity) << "not a quantity";
    QTest::newRow("too many") << "HB-100"
                              << "99999999999" << int(S::InvalidQuantity) << "not a quantity";
    QTest::newRow("unknown") << "XX-1"
                             << "1" << int(S::Unknown) << "Unknown code";
    QTest::newRow("did you mean") << "Hex"
                                  << "1" << int(S::Unknown) << "did you mean";
    QTest::newRow("quantity without code") << ""
                                           << "4" << int(S::Unknown) << "Enter a code";
}

void tst_QuickOrderView::statesOfRows()
{
    QFETCH(QString, code);
    QFETCH(QString, quantity);
    QFETCH(int, state);
    QFETCH(QString, status);
    CartFixture f;
    QuickOrderView view(*f.db);
    view.appendRow(code, quantity);
    QCOMPARE(int(view.rowState(0)), state);
    const QString shown = cell(view, 0, QuickOrderView::StatusColumn);
    QVERIFY2(shown.contains(status), qPrintable(shown));
    // A trailing empty row is always there to type into.
    QCOMPARE(view.rowCount(), 2);
    QCOMPARE(view.rowState(1), QuickOrderView::RowState::Empty);
}

void tst_QuickOrderView::completionFromTheCatalog()
{
    CartFixture f;
    QuickOrderView view(*f.db);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    type(QStringLiteral("wash"));
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (!editor) // the completion popup has focus
        editor = view.grid()->findChild<QLineEdit *>(QStringLiteral("codeEditor"));
    QVERIFY(editor);
    QCompleter *completer = editor->completer();
    QVERIFY(completer);
    QTRY_VERIFY(completer->model()->rowCount() > 0);
    QCOMPARE(completer->model()->index(0, 0).data(Qt::UserRole).toString(),
             QStringLiteral("WS-400"));
    QVERIFY(completer->model()
                ->index(0, 0)
                .data(Qt::DisplayRole)
                .toString()
                .contains(QStringLiteral("Flat washer")));
}

void tst_QuickOrderView::nonAsciiInput()
{
    CartFixture f;
    QuickOrderView view(*f.db);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    type(QStringLiteral("Größe-Ä1"));
    key(Qt::Key_Tab);
    type(QStringLiteral("٣")); // an Arabic-Indic three
    key(Qt::Key_Return);
    QTRY_COMPARE(view.rowState(0), QuickOrderView::RowState::Unknown);
    QCOMPARE(cell(view, 0, QuickOrderView::CodeColumn), QStringLiteral("Größe-Ä1"));
}

void tst_QuickOrderView::typeACustomerPartNumber_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("as stored") << QStringLiteral("ACME-7731");
    QTest::newRow("other case") << QStringLiteral("acme-7731");
    QTest::newRow("non-ASCII") << QStringLiteral("Schraube-Ø10");
}

// The account's own part numbers resolve in the grid like SKUs and GTINs do.
void tst_QuickOrderView::typeACustomerPartNumber()
{
    QFETCH(QString, typed);
    CartFixture f({{QStringLiteral("ACME-7731"), QStringLiteral("HB-100"), {}},
                   {QStringLiteral("Schraube-Ø10"), QStringLiteral("WS-400"), {}}});
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Order"), &error)->id;
    QuickOrderView view(*f.db);
    view.setCartId(cart);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    type(typed);
    key(Qt::Key_Tab);
    type(QStringLiteral("3"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.rowState(0), QuickOrderView::RowState::Ready);
    const QString expectedSku =
        typed.startsWith(u'S') ? QStringLiteral("WS-400") : QStringLiteral("HB-100");
    QCOMPARE(cell(view, 0, QuickOrderView::ProductColumn), expectedSku == u"HB-100"
                                                               ? QStringLiteral("Hex bolt M10")
                                                               : QStringLiteral("Flat washer M10"));
    QCOMPARE(view.addToCart(), 1);
    const QList<CartLine> lines = CartStore(*f.db).lines(cart);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).sku, expectedSku);
    QCOMPARE(lines.at(0).quantity, 3);
    // The line remembers the code as the buyer typed it.
    QCOMPARE(lines.at(0).code, typed);
}

// Gloves are sold in tens: 15 each rounds up to 20, unless the buyer orders boxes instead.
void tst_QuickOrderView::pickAPackInsteadOfRounding()
{
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Order"), &error)->id;
    QuickOrderView view(*f.db);
    view.setCartId(cart);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    type(QStringLiteral("GL-200"));
    key(Qt::Key_Tab);
    type(QStringLiteral("15"));
    key(Qt::Key_Return);
    QTRY_COMPARE(view.rowState(0), QuickOrderView::RowState::Adjusted);
    QVERIFY2(cell(view, 0, QuickOrderView::PriceColumn).startsWith(QStringLiteral("20")),
             qPrintable(cell(view, 0, QuickOrderView::PriceColumn)));

    QTableWidgetItem *pack = view.grid()->item(0, QuickOrderView::PackColumn);
    QVERIFY(pack->flags().testFlag(Qt::ItemIsEditable));
    view.grid()->setCurrentItem(pack);
    view.grid()->editItem(pack);
    auto *combo = view.grid()->findChild<QComboBox *>(QStringLiteral("packEditor"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("EA"));
    const int box = combo->findData(QStringLiteral("BX"));
    QVERIFY(box >= 0);
    combo->setCurrentIndex(box);
    Q_EMIT combo->activated(box);

    // 15 boxes of 100 meet the minimum and the multiple: nothing is rounded any more.
    QTRY_VERIFY(cell(view, 0, QuickOrderView::PackColumn).startsWith(QStringLiteral("Box")));
    QVERIFY2(view.rowState(0) == QuickOrderView::RowState::Ready,
             qPrintable(cell(view, 0, QuickOrderView::StatusColumn)));
    QVERIFY2(cell(view, 0, QuickOrderView::PriceColumn).startsWith(QStringLiteral("15")),
             qPrintable(cell(view, 0, QuickOrderView::PriceColumn)));
    QCOMPARE(view.addToCart(), 1);
    const QList<CartLine> lines = CartStore(*f.db).lines(cart);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).uom, QStringLiteral("BX"));
    QCOMPARE(lines.at(0).quantity, 15);
}

void tst_QuickOrderView::parseBlock_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Rows>("rows");
    const Rows two{{QStringLiteral("HB-100"), QStringLiteral("5")},
                   {QStringLiteral("WS-400"), QStringLiteral("20")}};
    QTest::newRow("tabs") << "HB-100\t5\nWS-400\t20\n" << two;
    QTest::newRow("header") << "SKU\tQty\nHB-100\t5\nWS-400\t20" << two;
    QTest::newRow("crlf and blank lines") << "HB-100\t5\r\n\r\nWS-400\t20\r\n" << two;
    QTest::newRow("semicolons") << "HB-100;5\nWS-400;20" << two;
    QTest::newRow("commas") << "HB-100,5\nWS-400,20" << two;
    QTest::newRow("spaces around") << "  HB-100 \t 5 \nWS-400\t20" << two;
    QTest::newRow("codes only") << "HB-100\nWS-400"
                                << Rows{{QStringLiteral("HB-100"), {}},
                                        {QStringLiteral("WS-400"), {}}};
    QTest::newRow("one header row only: kept")
        << "SKU\tQty" << Rows{{QStringLiteral("SKU"), QStringLiteral("Qty")}};
    QTest::newRow("empty") << "\n\n" << Rows{};
}

void tst_QuickOrderView::parseBlock()
{
    QFETCH(QString, text);
    QFETCH(Rows, rows);
    QCOMPARE(QuickOrderView::parseBlock(text), rows);
}

void tst_QuickOrderView::pasteABlockIntoTheGrid()
{
    CartFixture f;
    QuickOrderView view(*f.db);
    show(view);
    view.grid()->setFocus();
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    QApplication::clipboard()->setText(
        QStringLiteral("Item\tQuantity\nHB-100\t4\nNOPE\t1\nGL-200\t3\n"));
    QTest::keyClick(view.grid(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(view.rowCount(), 4); // three rows and the empty one
    QCOMPARE(cell(view, 0, QuickOrderView::CodeColumn), QStringLiteral("HB-100"));
    QCOMPARE(view.rowState(0), QuickOrderView::RowState::Ready);
    QCOMPARE(view.rowState(1), QuickOrderView::RowState::Unknown);
    QCOMPARE(view.rowState(2), QuickOrderView::RowState::Adjusted);
    QCOMPARE(view.rowState(3), QuickOrderView::RowState::Empty);
}

void tst_QuickOrderView::pasteABlockGoesToTheHandler()
{
    CartFixture f;
    QuickOrderView view(*f.db);
    QStringList handled;
    view.setBlockPasteHandler([&](const QString &text) { handled << text; });
    const QString block = QStringLiteral("HB-100\t4\nWS-400\t1\n");
    view.paste(block);
    QCOMPARE(handled, QStringList{block});
    QCOMPARE(view.rowCount(), 1); // nothing went into the grid
    // A single code still fills the current row.
    view.grid()->setCurrentCell(0, QuickOrderView::CodeColumn);
    view.paste(QStringLiteral("WS-400\t7"));
    QCOMPARE(handled.size(), 1);
    QCOMPARE(cell(view, 0, QuickOrderView::QuantityColumn), QStringLiteral("7"));
    QCOMPARE(view.rowState(0), QuickOrderView::RowState::Ready);
}

void tst_QuickOrderView::addToCartNeedsACart()
{
    CartFixture f;
    QuickOrderView view(*f.db);
    view.appendRow(QStringLiteral("HB-100"), QStringLiteral("1"));
    QSignalSpy messages(&view, &QuickOrderView::message);
    QCOMPARE(view.addToCart(), 0);
    QCOMPARE(messages.count(), 1);
    QCOMPARE(view.rowState(0), QuickOrderView::RowState::Ready); // kept
}

void tst_QuickOrderView::addToCartMergesWithTheCartsLine()
{
    CartFixture f;
    QString error;
    CartStore store(*f.db);
    const qint64 cart = store.createCart(QStringLiteral("Order"), &error)->id;
    NewLine gloves;
    gloves.code = gloves.sku = QStringLiteral("GL-200");
    gloves.uom = QStringLiteral("EA");
    gloves.quantity = 10;
    const qint64 lineId = store.addLine(cart, gloves, &error)->lineId;
    QuickOrderView view(*f.db);
    view.setCartId(cart);
    // 10 in the cart and 5 more: 15 is not a full case of 10, so the line holds 20.
    view.appendRow(QStringLiteral("GL-200"), QStringLiteral("5"));
    QCOMPARE(view.addToCart(), 1);
    const QList<CartLine> lines = store.lines(cart);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().id, lineId);
    QCOMPARE(lines.first().quantity, 20);
}

QM_UI_TEST_MAIN(tst_QuickOrderView)
#include "tst_quickorderview.moc"
