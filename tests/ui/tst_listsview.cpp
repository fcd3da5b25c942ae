// The Lists tab: lists with their state, lines with quantities edited in place, new list,
// save cart as list, rename, delete, remove line and add to cart, and the decisions about a
// refused change (try again, discard) or a notice (dismiss), offscreen.
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartstore.h"
#include "models/database.h"
#include "models/liststore.h"
#include "ui/listsview.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>

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

const QString ServerId = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");
const QString Forbidden =
    QStringLiteral(R"({"type":"/problems/forbidden","title":"Forbidden","status":403,)"
                   R"("detail":"Your role does not include cart:write."})");

// The portal's version of a list, as the lists feed brings it.
bool putServerList(Database &db, qint64 version, const QString &name,
                   const QList<RequisitionListLine> &lines, QString *error)
{
    RequisitionList l;
    l.id = ServerId;
    l.name = name;
    l.version = version;
    l.updatedAt = QDateTime(QDate(2026, 11, 26), QTime(8, 0), QTimeZone::utc());
    l.updatedBy = QStringLiteral("Dana Reyes");
    l.lines = lines;
    return db.write(
        [&](QString *why) {
            return ListStore::applyFeedEntry(db.connection(), ServerId, l.toJson(), why);
        },
        error);
}

// Sends the list's next change and records the portal's refusal.
bool refuseNext(ListStore &store, QString *error)
{
    const auto next = store.nextChange();
    if (!next)
        return false;
    const auto sent = store.beginSend(next->id, error);
    return sent && store.recordFailed(sent->id, Forbidden, error);
}

// Where Tab goes from `from`: the next widget in the focus chain that takes focus by Tab.
QWidget *nextTabStop(QWidget *from)
{
    for (QWidget *w = from->nextInFocusChain(); w && w != from; w = w->nextInFocusChain()) {
        if ((w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && w->isVisibleTo(w->window()))
            return w;
    }
    return nullptr;
}

QPushButton *button(const QWidget &view, const char *name)
{
    return view.findChild<QPushButton *>(QString::fromLatin1(name));
}

// Answers the message box the next action opens: its text goes to `text`, and the button
// named `answer` (or Cancel, when empty) is clicked.
void answerNextMessageBox(QString *text, const QString &answer)
{
    QTimer::singleShot(0, [text, answer] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            qWarning("no message box is open");
            return;
        }
        *text = box->text();
        QAbstractButton *b = answer.isEmpty() ? box->button(QMessageBox::Cancel)
                                              : box->findChild<QPushButton *>(answer);
        if (b)
            b->click();
        else
            box->reject();
    });
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
    void tryAgainRequeuesTheRefusedChange();
    void discardRestoresThePortalVersion();
    void discardRemovesAListThePortalNeverHad();
    void dismissClearsTheNotice();
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

void tst_ListsView::tryAgainRequeuesTheRefusedChange()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    const auto a = store.create(QStringLiteral("A"), {line("HB-100", "1")}, &error);
    QVERIFY(a);
    QVERIFY(refuseNext(store, &error));
    const ListChange refused = *store.failedChange(a->list.id);

    ListsView view(*f.db);
    view.show();
    QVERIFY(view.selectList(a->list.id));
    QWidget *attention = view.findChild<QWidget *>(QStringLiteral("listAttention"));
    QVERIFY(!attention->isHidden());
    // The portal's reason, in words.
    QVERIFY2(view.attentionLabel()->text().contains(QStringLiteral("refused")) &&
                 view.attentionLabel()->text().contains(QStringLiteral("role does not allow")),
             qPrintable(view.attentionLabel()->text()));
    QPushButton *retry = button(view, "retryListChange");
    QVERIFY(!retry->isHidden());
    QVERIFY(!button(view, "discardListChange")->isHidden());
    QVERIFY(button(view, "dismissListNotice")->isHidden());
    QVERIFY(!store.nextChange());

    // Reached with Tab from the list, and pressed with the keyboard.
    QVERIFY(retry->focusPolicy() & Qt::TabFocus);
    QCOMPARE(nextTabStop(view.listWidget()), static_cast<QWidget *>(retry));
    retry->setFocus();
    QTest::keyClick(retry, Qt::Key_Space);

    const auto next = store.nextChange();
    QVERIFY(next);
    QCOMPARE(next->id, refused.id);
    QCOMPARE(next->idempotencyKey, refused.idempotencyKey);
    QVERIFY(!store.failedChange(a->list.id));
    QCOMPARE(store.list(a->list.id)->state, ListSyncState::Waiting);
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Waiting to send")),
             qPrintable(view.stateLabel()->text()));
    QVERIFY(attention->isHidden());
    QCOMPARE(view.focusWidget(), static_cast<QWidget *>(view.listWidget()));

    // Nothing refused: nothing to try again.
    QSignalSpy messages(&view, &ListsView::message);
    QVERIFY(!view.retryCurrent());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(store.nextChange()->id, refused.id);
}

void tst_ListsView::discardRestoresThePortalVersion()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    QVERIFY2(putServerList(*f.db, 3, QStringLiteral("Site"), {line("HB-100", "12")}, &error),
             qPrintable(error));
    QVERIFY(store.rename(ServerId, QStringLiteral("Yard"), &error));
    QVERIFY(refuseNext(store, &error));
    // Edited further while the refused change waited: that goes too.
    QVERIFY(store.addLine(ServerId, line("GL-200", "20"), &error));

    ListsView view(*f.db);
    view.show();
    QVERIFY(view.selectList(ServerId));
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Yard"));

    // The question says what is lost; Cancel keeps everything.
    QString question;
    answerNextMessageBox(&question, {});
    button(view, "discardListChange")->click();
    QVERIFY2(question.contains(QStringLiteral("portal's version")) &&
                 question.contains(QStringLiteral("Yard")) &&
                 question.contains(QStringLiteral("Dana Reyes")),
             qPrintable(question));
    QCOMPARE(store.outbox().size(), 2);
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Yard"));

    answerNextMessageBox(&question, QStringLiteral("confirmDiscard"));
    button(view, "discardListChange")->click();
    QVERIFY(store.outbox().isEmpty());
    const auto info = store.list(ServerId);
    QVERIFY(info);
    QCOMPARE(info->state, ListSyncState::Synced);
    QCOMPARE(info->list.name, QStringLiteral("Site"));
    QCOMPARE(info->list.version, qint64(3));
    QCOMPARE(view.currentListId(), ServerId);
    QCOMPARE(view.headerLabel()->text(), QStringLiteral("Site"));
    QCOMPARE(column(view.linesTable(), ListsView::SkuColumn),
             QStringList{QStringLiteral("HB-100")});
    QCOMPARE(column(view.linesTable(), ListsView::QuantityColumn),
             QStringList{QStringLiteral("12")});
    QVERIFY(view.findChild<QWidget *>(QStringLiteral("listAttention"))->isHidden());

    // Nothing refused any more: nothing to discard, and nothing changes.
    QVERIFY(store.rename(ServerId, QStringLiteral("Later"), &error));
    QSignalSpy messages(&view, &ListsView::message);
    view.refresh();
    QVERIFY(!view.discardCurrentChanges());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(store.list(ServerId)->list.name, QStringLiteral("Later"));
    QCOMPARE(store.outbox().size(), 1);
}

void tst_ListsView::discardRemovesAListThePortalNeverHad()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    const auto a =
        store.create(QStringLiteral("Mine"), {line("HB-100", "1"), line("GL-200", "10")}, &error);
    const auto b = store.create(QStringLiteral("Other"), {}, &error);
    QVERIFY(a && b);
    QVERIFY(refuseNext(store, &error));
    QVERIFY(store.failedChange(a->list.id));

    const QString question = ListsView::discardQuestion(*store.list(a->list.id));
    QVERIFY2(question.contains(QStringLiteral("never accepted")) &&
                 question.contains(QStringLiteral("2 line")),
             qPrintable(question));
    ListsView view(*f.db);
    QVERIFY(view.selectList(a->list.id));
    QVERIFY(view.discardCurrentChanges());
    QVERIFY(!store.list(a->list.id));
    QCOMPARE(view.listWidget()->count(), 1);
    QCOMPARE(view.currentListId(), b->list.id);
    QCOMPARE(store.outbox().size(), 1);
    QCOMPARE(store.outbox().first().listId, b->list.id);
}

void tst_ListsView::dismissClearsTheNotice()
{
    CartFixture f;
    ListStore store(*f.db);
    QString error;
    QVERIFY(putServerList(*f.db, 3, QStringLiteral("Site"), {line("HB-100", "12")}, &error));
    // Deleted here while someone changed it on the portal: the delete is not applied.
    QVERIFY(store.remove(ServerId, &error));
    const auto sent = store.beginSend(store.nextChange()->id, &error);
    QVERIFY(sent);
    RequisitionList current = store.list(ServerId)->list;
    current.version = 4;
    current.updatedBy = QStringLiteral("Sam Ortiz");
    QVERIFY(store.recordConflict(sent->id, current, &error));
    QCOMPARE(store.list(ServerId)->notice, listnotice::DeleteConflict);

    ListsView view(*f.db);
    view.show();
    QVERIFY(view.selectList(ServerId));
    QVERIFY2(view.attentionLabel()->text().contains(QStringLiteral("not deleted")),
             qPrintable(view.attentionLabel()->text()));
    QPushButton *dismiss = button(view, "dismissListNotice");
    QVERIFY(!dismiss->isHidden());
    QVERIFY(button(view, "retryListChange")->isHidden());
    QVERIFY(button(view, "discardListChange")->isHidden());
    dismiss->setFocus();
    QTest::keyClick(dismiss, Qt::Key_Space);

    QVERIFY(store.list(ServerId)->notice.isEmpty());
    QVERIFY(view.findChild<QWidget *>(QStringLiteral("listAttention"))->isHidden());
    QVERIFY2(!view.stateLabel()->text().contains(QStringLiteral("Not deleted")),
             qPrintable(view.stateLabel()->text()));
    QCOMPARE(store.list(ServerId)->list.version, qint64(4));

    QSignalSpy messages(&view, &ListsView::message);
    QVERIFY(!view.dismissCurrentNotice());
    QCOMPARE(messages.size(), 1);
}

QM_UI_TEST_MAIN(tst_ListsView)
#include "tst_listsview.moc"
