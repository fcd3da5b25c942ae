// The Lists tab: lists with their state, lines with quantities edited in place, new list,
// save cart as list, rename, delete, remove line and add to cart, offscreen.
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartstore.h"
#include "models/liststore.h"
#include "ui/listsview.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

using namespace qm;
using namespace qm::test;

namespace {

RequisitionListLine line(const char *sku, const char *quantity, const char *unit = "")
{
    RequisitionListLine l;
    l.sku = QString::fromLatin1(sku);
    l.quantity = *Decimal::parse(QString::fromLatin1(quantity));
    l.unit = QString::fromLatin1(unit);
    return l;
}

QStringList column(const QTableWidget *table, int column)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row)
        out << table->item(row, column)->text();
    return out;
}

QString linesTextOf(const ListStore &store, const QString &id)
{
    QStringList parts;
    const auto info = store.list(id);
    if (info) {
        for (const RequisitionListLine &l : info->list.lines)
            parts << QStringLiteral("%1:%2").arg(l.sku, l.quantity.toString(0));
    }
    return parts.join(u',');
}

} // namespace

class tst_ListsView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyStateAndNewList();
    void showsLinesAndFlagsMissingProducts();
    void editQuantityInPlace();
    void saveCartRenameRemoveDelete();
    void addListToCartReportsMissingLines();
    void showsRefusedChangeAndConflictCopy();
};

void tst_ListsView::emptyStateAndNewList()
{
    CartFixture f;
    ListsView view(*f.db);
    view.show();
    QCOMPARE(view.listWidget()->count(), 0);
    QVERIFY(!view.headerLabel()->text().isEmpty());
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("renameList"))->isEnabled());

    QSignalSpy messages(&view, &ListsView::message);
    QVERIFY(!view.createList(QStringLiteral("   ")));
    QCOMPARE(messages.size(), 1);
    QCOMPARE(view.listWidget()->count(), 0);

    QVERIFY(view.createList(QStringLiteral("Weekly")));
    QCOMPARE(view.listWidget()->count(), 1);
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Weekly"));
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Waiting to send")),
             qPrintable(view.stateLabel()->text()));
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("renameList"))->isEnabled());
}

void tst_ListsView::showsLinesAndFlagsMissingProducts()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    QVERIFY(store.create(QStringLiteral("Site"),
                         {line("HB-100", "12", "EA"), line("GONE-9", "1"), line("WS-400", "2.5")},
                         &error));
    ListsView view(*f.db);
    QCOMPARE(column(view.linesTable(), ListsView::SkuColumn),
             (QStringList{QStringLiteral("HB-100"), QStringLiteral("GONE-9"),
                          QStringLiteral("WS-400")}));
    QCOMPARE(view.linesTable()->item(0, ListsView::ProductColumn)->text(),
             QStringLiteral("Hex bolt M10"));
    QCOMPARE(view.linesTable()->item(1, ListsView::ProductColumn)->text(),
             QStringLiteral("Not in your assortment"));
    QCOMPARE(column(view.linesTable(), ListsView::QuantityColumn),
             (QStringList{QStringLiteral("12"), QStringLiteral("1"), QStringLiteral("2.5")}));
}

void tst_ListsView::editQuantityInPlace()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    const auto created = store.create(QStringLiteral("Site"), {line("HB-100", "12")}, &error);
    QVERIFY(created);
    ListsView view(*f.db);
    QSignalSpy messages(&view, &ListsView::message);

    // Typed into the cell, as a user would.
    view.linesTable()->item(0, ListsView::QuantityColumn)->setText(QStringLiteral("7.25"));
    QTRY_COMPARE(linesTextOf(store, created->list.id), QStringLiteral("HB-100:7.25"));

    QVERIFY(!view.setQuantity(0, QStringLiteral("0")));
    QVERIFY(!view.setQuantity(0, QStringLiteral("1.00001")));
    QVERIFY(!view.setQuantity(0, QStringLiteral("lots")));
    QCOMPARE(messages.size(), 3);
    QCOMPARE(store.list(created->list.id)->list.lines.first().quantity.toString(0),
             QStringLiteral("7.25"));
    QCOMPARE(view.linesTable()->item(0, ListsView::QuantityColumn)->text(), QStringLiteral("7.25"));
}

void tst_ListsView::saveCartRenameRemoveDelete()
{
    CartFixture f;
    CartStore carts(*f.db);
    QString error;
    const auto cart = carts.createCart(QStringLiteral("Monday"), &error);
    NewLine a;
    a.code = a.sku = QStringLiteral("HB-100");
    a.uom = QStringLiteral("EA");
    a.quantity = 40;
    NewLine b = a;
    b.code = b.sku = QStringLiteral("GL-200");
    b.quantity = 20;
    QVERIFY(carts.addLines(cart->id, {a, b}, {}, &error));

    ListsView view(*f.db);
    view.setCartId(cart->id);
    QVERIFY(view.saveCartAsList(QStringLiteral("Monday order")));
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Monday order"));
    QCOMPARE(column(view.linesTable(), ListsView::QuantityColumn),
             (QStringList{QStringLiteral("40"), QStringLiteral("20")}));

    QVERIFY(view.renameCurrent(QStringLiteral("Monday")));
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Monday"));

    view.linesTable()->selectRow(0);
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("removeListLine"))->isEnabled());
    QVERIFY(view.removeSelectedLines());
    QCOMPARE(column(view.linesTable(), ListsView::SkuColumn),
             QStringList{QStringLiteral("GL-200")});

    const QString id = view.currentListId();
    QVERIFY(view.deleteCurrent());
    QCOMPARE(view.listWidget()->count(), 0);
    // Never sent: the delete leaves nothing to tell the portal.
    QVERIFY(!ListStore(*f.db).list(id));
    QVERIFY(ListStore(*f.db).outbox().isEmpty());
}

void tst_ListsView::addListToCartReportsMissingLines()
{
    CartFixture f;
    CartStore carts(*f.db);
    QString error;
    const auto cart = carts.createCart(QStringLiteral("Cart"), &error);
    ListStore store(*f.db);
    QVERIFY(store.create(QStringLiteral("Site"),
                         {line("HB-100", "12", "EA"), line("GONE-9", "1"), line("GL-200", "15")},
                         &error));
    ListsView view(*f.db);
    view.setCartId(cart->id);
    QSignalSpy added(&view, &ListsView::linesAddedToCart);
    QSignalSpy messages(&view, &ListsView::message);
    QVERIFY(view.addCurrentToCart());
    QCOMPARE(added.size(), 1);
    // Line rules apply (gloves: multiples of 10); the unknown SKU is reported, and kept.
    QStringList lines;
    for (const CartLine &l : carts.lines(cart->id))
        lines << QStringLiteral("%1 %2 %3").arg(l.sku, l.uom).arg(l.quantity);
    QCOMPARE(lines, (QStringList{QStringLiteral("HB-100 EA 12"), QStringLiteral("GL-200 EA 20")}));
    QVERIFY2(messages.last().first().toString().contains(QStringLiteral("GONE-9")),
             qPrintable(messages.last().first().toString()));
    bool kept = false;
    for (const UnresolvedCode &c : carts.unresolvedCodes())
        kept = kept || c.code == u"GONE-9";
    QVERIFY(kept);
}

void tst_ListsView::showsRefusedChangeAndConflictCopy()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    const auto a = store.create(QStringLiteral("A"), {line("HB-100", "1")}, &error);
    const auto sent = store.beginSend(store.nextChange()->id, &error);
    QVERIFY(store.recordFailed(
        sent->id, QStringLiteral(R"({"type":"/problems/forbidden","status":403})"), &error));
    const auto copy = store.create(QStringLiteral("B (my changes)"), {}, &error, a->list.id);
    QVERIFY(copy);

    ListsView view(*f.db);
    QVERIFY(view.selectList(a->list.id));
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Send failed")) &&
                 view.stateLabel()->text().contains(QStringLiteral("role does not allow")),
             qPrintable(view.stateLabel()->text()));
    QVERIFY(view.selectList(copy->list.id));
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Conflicting copy of “A”")),
             qPrintable(view.stateLabel()->text()));
}

QM_UI_TEST_MAIN(tst_ListsView)
#include "tst_listsview.moc"
