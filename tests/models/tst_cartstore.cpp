// Carts in the client cache: names, lines and their merge rule, the persistent per-cart
// undo journal, bulk adds and unresolved codes.
#include "models/cartstore.h"
#include "models/database.h"
#include "models/schema.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;

namespace {

struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    Cache() { reopen(); }
    void reopen()
    {
        db.reset();
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
    }
};

NewLine newLine(const QString &sku, const QString &uom, qint64 quantity,
                LineSource source = LineSource::Typed)
{
    NewLine l;
    l.code = sku;
    l.sku = sku;
    l.uom = uom;
    l.quantity = quantity;
    l.source = source;
    return l;
}

// The cart's lines as "SKU UOM QTY" in position order: what a user sees, compact enough to
// compare whole carts.
QStringList snapshot(const CartStore &store, qint64 cartId)
{
    QStringList rows;
    for (const CartLine &l : store.lines(cartId))
        rows << QStringLiteral("%1 %2 %3").arg(l.sku, l.uom).arg(l.quantity);
    return rows;
}

// Every column of every line of the cart, in position order: what undo must restore exactly.
QStringList fullImage(const CartStore &store, qint64 cartId)
{
    QStringList rows;
    for (const CartLine &l : store.lines(cartId))
        rows << QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9|%10")
                    .arg(l.id)
                    .arg(l.position)
                    .arg(l.code, l.sku, l.uom)
                    .arg(l.quantity)
                    .arg(l.requestedQuantity)
                    .arg(lineSourceName(l.source), l.note, l.addedAt.toString(Qt::ISODateWithMs));
    return rows;
}

} // namespace

class tst_CartStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createRenameDeleteCarts();
    void cartNames_data();
    void cartNames();
    void currentCartIsTheMostRecentlyUsed();
    void currentCartWithinOneMillisecond();
    void addLineMergesSameSkuAndUnit_data();
    void addLineMergesSameSkuAndUnit();
    void badLinesAreRefused_data();
    void badLinesAreRefused();
    void setQuantityUnitNoteRemoveClear();
    void setUnitMergesIntoExistingLine();
    void undoRedoEveryEdit();
    void undoSurvivesRestart();
    void newEditDiscardsRedo();
    void undoDepthIsBounded();
    void undoIsPerCart();
    void bulkAddIsOneStep();
    void bulkAddFailsWhole();
    void unresolvedCodesAreKept();
    void deletingACartKeepsItsUnresolvedCodes();
    void bulkAddOfManyLines();
    void bulkAddUndoRestoresExactly_data();
    void bulkAddUndoRestoresExactly();
    void journalImagesOfEarlierVersionsStillUndo();
    void migratesACatalogCache();
};

void tst_CartStore::createRenameDeleteCarts()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto a = store.createCart(QStringLiteral("  Site  A  "), &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->name, QStringLiteral("Site A"));
    QCOMPARE(a->lineCount, 0);
    QVERIFY(a->createdAt.isValid());
    const auto b = store.createCart(QStringLiteral("Site B"), &error);
    QVERIFY2(b, qPrintable(error));
    QVERIFY(store.addLine(b->id, newLine(QStringLiteral("S-1"), QStringLiteral("EA"), 2), &error));
    QVERIFY(store.addLine(b->id, newLine(QStringLiteral("S-2"), QStringLiteral("EA"), 2), &error));

    const QList<CartInfo> carts = store.carts();
    QCOMPARE(carts.size(), 2);
    QCOMPARE(carts.at(0).name, QStringLiteral("Site B")); // used last
    QCOMPARE(carts.at(0).lineCount, 2);
    QCOMPARE(carts.at(1).lineCount, 0);

    QVERIFY2(store.renameCart(a->id, QStringLiteral("Warehouse"), &error), qPrintable(error));
    QCOMPARE(store.cart(a->id)->name, QStringLiteral("Warehouse"));
    QCOMPARE(store.findCart(QStringLiteral("warehouse"))->id, a->id);
    QCOMPARE(store.findCart(QString::number(b->id))->id, b->id);

    QVERIFY2(store.deleteCart(b->id, &error), qPrintable(error));
    QVERIFY(!store.cart(b->id));
    QCOMPARE(store.carts().size(), 1);
    QSqlQuery q(cache.db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM cart_lines")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM cart_action_lines")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    QVERIFY(!store.deleteCart(b->id, &error));
    QCOMPARE(error, QStringLiteral("no cart with id %1").arg(b->id));

    QVERIFY2(store.setArchived(a->id, true, &error), qPrintable(error));
    QCOMPARE(store.carts().size(), 0);
    QCOMPARE(store.carts(true).size(), 1);
    QVERIFY(!store.currentCart());
}

void tst_CartStore::cartNames_data()
{
    QTest::addColumn<QString>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << QString() << QStringLiteral("a cart needs a name");
    QTest::newRow("blank") << QString() << QStringLiteral(" \t ")
                           << QStringLiteral("a cart needs a name");
    QTest::newRow("taken") << QStringLiteral("Monday") << QStringLiteral("Monday")
                           << QStringLiteral("a cart named 'Monday' already exists");
    QTest::newRow("taken, other case") << QStringLiteral("Monday") << QStringLiteral("MONDAY")
                                       << QStringLiteral("a cart named 'MONDAY' already exists");
    QTest::newRow("free") << QStringLiteral("Monday") << QStringLiteral("Tuesday") << QString();
    QTest::newRow("unicode") << QStringLiteral("Baustelle") << QStringLiteral("Baustelle Süd")
                             << QString();
}

void tst_CartStore::cartNames()
{
    QFETCH(QString, existing);
    QFETCH(QString, name);
    QFETCH(QString, error);

    Cache cache;
    CartStore store(*cache.db);
    QString why;
    if (!existing.isEmpty())
        QVERIFY(store.createCart(existing, &why));
    const auto other = store.createCart(QStringLiteral("Other"), &why);
    QVERIFY(other);

    // Renaming follows the same rule as creating.
    why.clear();
    QCOMPARE(store.renameCart(other->id, name, &why), error.isEmpty());
    QCOMPARE(why, error);
    QCOMPARE(store.cart(other->id)->name,
             error.isEmpty() ? name.simplified() : QStringLiteral("Other"));
    QVERIFY(store.renameCart(other->id, QStringLiteral("Other"), &why));

    const int before = int(store.carts().size());
    why.clear();
    const auto created = store.createCart(name, &why);
    QCOMPARE(bool(created), error.isEmpty());
    QCOMPARE(why, error);
    QCOMPARE(int(store.carts().size()), before + (error.isEmpty() ? 1 : 0));
}

void tst_CartStore::currentCartIsTheMostRecentlyUsed()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    QVERIFY(!store.currentCart());
    const auto created = store.currentOrNewCart(QStringLiteral("Cart"), &error);
    QVERIFY2(created, qPrintable(error));
    QCOMPARE(store.currentCart()->id, created->id);
    const auto second = store.createCart(QStringLiteral("Second"), &error);
    QCOMPARE(store.currentCart()->id, second->id);
    QTest::qWait(2); // timestamps have millisecond resolution
    QVERIFY(
        store.addLine(created->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error));
    QCOMPARE(store.currentCart()->id, created->id);
    QTest::qWait(2);
    QVERIFY(store.markUsed(second->id, &error));
    QCOMPARE(store.currentCart()->id, second->id);
    QCOMPARE(store.currentOrNewCart(QStringLiteral("Cart"), &error)->id, second->id);
    QVERIFY(!store.markUsed(9999, &error));
    QCOMPARE(error, QStringLiteral("no cart with id 9999"));
}

void tst_CartStore::currentCartWithinOneMillisecond()
{
    // Uses quicker than the timestamps' millisecond still say which cart was used last.
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const qint64 first = store.createCart(QStringLiteral("First"), &error)->id;
    const qint64 second = store.createCart(QStringLiteral("Second"), &error)->id;
    QCOMPARE(store.currentCart()->id, second);
    for (int i = 0; i < 100; ++i) {
        const qint64 cart = i % 2 == 0 ? first : second;
        if (i % 3 == 0)
            QVERIFY2(
                store.addLine(cart, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error),
                qPrintable(error));
        else
            QVERIFY2(store.markUsed(cart, &error), qPrintable(error));
        QCOMPARE(store.currentCart()->id, cart);
    }
    const qint64 third = store.createCart(QStringLiteral("Third"), &error)->id;
    QCOMPARE(store.currentCart()->id, third);
}

void tst_CartStore::addLineMergesSameSkuAndUnit_data()
{
    QTest::addColumn<QStringList>("adds"); // "SKU UOM QTY"
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QList<bool>>("merged");

    QTest::newRow("distinct SKUs")
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("B EA 2")}
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("B EA 2")}
        << QList<bool>{false, false};
    QTest::newRow("same SKU and unit")
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("A EA 4")}
        << QStringList{QStringLiteral("A EA 5")} << QList<bool>{false, true};
    QTest::newRow("SKU in another case")
        << QStringList{QStringLiteral("abc-1 EA 1"), QStringLiteral("ABC-1 EA 2")}
        << QStringList{QStringLiteral("abc-1 EA 3")} << QList<bool>{false, true};
    QTest::newRow("same SKU, other unit")
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("A BX 1")}
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("A BX 1")}
        << QList<bool>{false, false};
    QTest::newRow("merge keeps the first position")
        << QStringList{QStringLiteral("A EA 1"), QStringLiteral("B EA 1"), QStringLiteral("A EA 1")}
        << QStringList{QStringLiteral("A EA 2"), QStringLiteral("B EA 1")}
        << QList<bool>{false, false, true};
}

void tst_CartStore::addLineMergesSameSkuAndUnit()
{
    QFETCH(QStringList, adds);
    QFETCH(QStringList, expected);
    QFETCH(QList<bool>, merged);

    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(cart);
    for (qsizetype i = 0; i < adds.size(); ++i) {
        const QStringList parts = adds.at(i).split(QLatin1Char(' '));
        const auto added = store.addLine(
            cart->id, newLine(parts.at(0), parts.at(1), parts.at(2).toLongLong()), &error);
        QVERIFY2(added, qPrintable(error));
        QCOMPARE(added->merged, merged.at(i));
        QCOMPARE(added->quantity, store.line(added->lineId)->quantity);
    }
    QCOMPARE(snapshot(store, cart->id), expected);

    // The same adds in one bulk step give the same cart.
    const auto bulk = store.createCart(QStringLiteral("Bulk"), &error);
    QList<NewLine> lines;
    for (const QString &a : adds) {
        const QStringList parts = a.split(QLatin1Char(' '));
        lines << newLine(parts.at(0), parts.at(1), parts.at(2).toLongLong());
    }
    const auto added = store.addLines(bulk->id, lines, {}, &error);
    QVERIFY2(added, qPrintable(error));
    QCOMPARE(added->size(), adds.size());
    for (qsizetype i = 0; i < adds.size(); ++i)
        QCOMPARE(added->at(i).merged, merged.at(i));
    QCOMPARE(snapshot(store, bulk->id), expected);
}

void tst_CartStore::badLinesAreRefused_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<QString>("uom");
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<QString>("error");

    QTest::newRow("zero") << QStringLiteral("A") << QStringLiteral("EA") << qint64(0)
                          << QStringLiteral("quantity 0 is out of range (1 to 1000000000)");
    QTest::newRow("negative") << QStringLiteral("A") << QStringLiteral("EA") << qint64(-3)
                              << QStringLiteral("quantity -3 is out of range (1 to 1000000000)");
    QTest::newRow("too many") << QStringLiteral("A") << QStringLiteral("EA")
                              << qint64(1'000'000'001)
                              << QStringLiteral(
                                     "quantity 1000000001 is out of range (1 to 1000000000)");
    QTest::newRow("no SKU") << QStringLiteral(" ") << QStringLiteral("EA") << qint64(1)
                            << QStringLiteral("a cart line needs a SKU");
    QTest::newRow("no unit") << QStringLiteral("A") << QString() << qint64(1)
                             << QStringLiteral("a cart line needs a unit");
}

void tst_CartStore::badLinesAreRefused()
{
    QFETCH(QString, sku);
    QFETCH(QString, uom);
    QFETCH(qint64, quantity);
    QFETCH(QString, error);

    Cache cache;
    CartStore store(*cache.db);
    QString why;
    const auto cart = store.createCart(QStringLiteral("Cart"), &why);
    QVERIFY(
        store.addLine(cart->id, newLine(QStringLiteral("KEEP"), QStringLiteral("EA"), 7), &why));
    QVERIFY(!store.addLine(cart->id, newLine(sku, uom, quantity), &why));
    QCOMPARE(why, error);
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("KEEP EA 7")});
    QCOMPARE(store.undoStep(cart->id)->edit, CartEdit::AddLine);
    QCOMPARE(store.undoStep(cart->id)->lineCount, 1);
}

void tst_CartStore::setQuantityUnitNoteRemoveClear()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    const qint64 a =
        store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error)
            ->lineId;
    const qint64 b =
        store.addLine(cart->id, newLine(QStringLiteral("B"), QStringLiteral("EA"), 2), &error)
            ->lineId;

    QVERIFY2(store.setQuantity(cart->id, a, 12, &error), qPrintable(error));
    QCOMPARE(store.line(a)->quantity, 12);
    QVERIFY(!store.setQuantity(cart->id, a, 0, &error));
    QCOMPARE(store.line(a)->quantity, 12);
    QVERIFY(!store.setQuantity(cart->id, 424242, 3, &error));
    QCOMPARE(error, QStringLiteral("cart %1 has no line 424242").arg(cart->id));

    QVERIFY2(store.setUnit(cart->id, a, QStringLiteral("BX"), &error), qPrintable(error));
    QCOMPARE(store.line(a)->uom, QStringLiteral("BX"));
    QVERIFY2(store.setNote(cart->id, b, QStringLiteral("for the site office"), &error),
             qPrintable(error));
    QCOMPARE(store.line(b)->note, QStringLiteral("for the site office"));

    QVERIFY2(store.removeLines(cart->id, {a}, &error), qPrintable(error));
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("B EA 2")});
    // A line of another cart cannot be touched through this one.
    const auto other = store.createCart(QStringLiteral("Other"), &error);
    QVERIFY(!store.removeLines(other->id, {b}, &error));
    QCOMPARE(store.lineCount(cart->id), 1);

    QVERIFY2(store.clear(cart->id, &error), qPrintable(error));
    QCOMPARE(store.lineCount(cart->id), 0);
    QCOMPARE(store.undoStep(cart->id)->edit, CartEdit::Clear);
}

void tst_CartStore::setUnitMergesIntoExistingLine()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    const qint64 box =
        store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("BX"), 2), &error)
            ->lineId;
    const qint64 each =
        store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 3), &error)
            ->lineId;
    qint64 into = 0;
    QVERIFY2(store.setUnit(cart->id, each, QStringLiteral("BX"), &error, &into), qPrintable(error));
    QCOMPARE(into, box);
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("A BX 5")});
    QVERIFY(!store.line(each));
    QVERIFY(store.undo(cart->id, &error));
    QCOMPARE(snapshot(store, cart->id),
             (QStringList{QStringLiteral("A BX 2"), QStringLiteral("A EA 3")}));
}

void tst_CartStore::undoRedoEveryEdit()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(!store.undoStep(cart->id));
    QVERIFY(!store.undo(cart->id, &error));
    QCOMPARE(error, QStringLiteral("nothing to undo in cart %1").arg(cart->id));

    // Every edit, with the cart as it stands after it.
    QList<QStringList> states{snapshot(store, cart->id)};
    QList<CartEdit> edits;
    const qint64 a =
        store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error)
            ->lineId;
    states << snapshot(store, cart->id);
    edits << CartEdit::AddLine;
    QVERIFY(store.addLines(cart->id,
                           {newLine(QStringLiteral("B"), QStringLiteral("EA"), 2),
                            newLine(QStringLiteral("A"), QStringLiteral("EA"), 5),
                            newLine(QStringLiteral("C"), QStringLiteral("CS"), 1)},
                           {}, &error));
    states << snapshot(store, cart->id);
    edits << CartEdit::AddLines;
    QVERIFY(store.setQuantity(cart->id, a, 40, &error));
    states << snapshot(store, cart->id);
    edits << CartEdit::SetQuantity;
    QVERIFY(store.setUnit(cart->id, a, QStringLiteral("BX"), &error));
    states << snapshot(store, cart->id);
    edits << CartEdit::SetUnit;
    QVERIFY(store.removeLines(cart->id, {a}, &error));
    states << snapshot(store, cart->id);
    edits << CartEdit::RemoveLines;
    QVERIFY(store.clear(cart->id, &error));
    states << snapshot(store, cart->id);
    edits << CartEdit::Clear;
    QCOMPARE(states.constLast(), QStringList());

    for (qsizetype i = edits.size(); i > 0; --i) {
        QCOMPARE(store.undoStep(cart->id)->edit, edits.at(i - 1));
        QVERIFY2(store.undo(cart->id, &error), qPrintable(error));
        QCOMPARE(snapshot(store, cart->id), states.at(i - 1));
    }
    QVERIFY(!store.undoStep(cart->id));
    for (qsizetype i = 0; i < edits.size(); ++i) {
        QCOMPARE(store.redoStep(cart->id)->edit, edits.at(i));
        QVERIFY2(store.redo(cart->id, &error), qPrintable(error));
        QCOMPARE(snapshot(store, cart->id), states.at(i + 1));
    }
    QVERIFY(!store.redoStep(cart->id));
    QVERIFY(!store.redo(cart->id, &error));
    QCOMPARE(error, QStringLiteral("nothing to redo in cart %1").arg(cart->id));
}

void tst_CartStore::undoSurvivesRestart()
{
    Cache cache;
    qint64 cartId = 0;
    QStringList full;
    {
        CartStore store(*cache.db);
        QString error;
        cartId = store.createCart(QStringLiteral("Cart"), &error)->id;
        QVERIFY(
            store.addLine(cartId, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error));
        QVERIFY(
            store.addLine(cartId, newLine(QStringLiteral("B"), QStringLiteral("EA"), 1), &error));
        full = snapshot(store, cartId);
        QVERIFY(store.undo(cartId, &error));
    }
    cache.reopen();
    CartStore store(*cache.db);
    QString error;
    QCOMPARE(snapshot(store, cartId), QStringList{QStringLiteral("A EA 1")});
    QCOMPARE(store.redoStep(cartId)->edit, CartEdit::AddLine);
    QVERIFY2(store.redo(cartId, &error), qPrintable(error));
    QCOMPARE(snapshot(store, cartId), full);
    QVERIFY(store.undo(cartId, &error));
    QVERIFY(store.undo(cartId, &error));
    QCOMPARE(snapshot(store, cartId), QStringList());
}

void tst_CartStore::newEditDiscardsRedo()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error));
    QVERIFY(store.addLine(cart->id, newLine(QStringLiteral("B"), QStringLiteral("EA"), 1), &error));
    QVERIFY(store.undo(cart->id, &error));
    QVERIFY(store.redoStep(cart->id));
    QVERIFY(store.addLine(cart->id, newLine(QStringLiteral("C"), QStringLiteral("EA"), 1), &error));
    QVERIFY(!store.redoStep(cart->id));
    QVERIFY(store.undo(cart->id, &error));
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("A EA 1")});

    // A failed or empty edit leaves the redo step alone.
    QVERIFY(store.redoStep(cart->id));
    QVERIFY(
        !store.addLine(cart->id, newLine(QStringLiteral("D"), QStringLiteral("EA"), 0), &error));
    QVERIFY(store.redoStep(cart->id));
    const qint64 a = store.findLine(cart->id, QStringLiteral("A"), QStringLiteral("EA"))->id;
    QVERIFY(store.setQuantity(cart->id, a, 1, &error)); // unchanged
    QVERIFY(store.redoStep(cart->id));
}

void tst_CartStore::undoDepthIsBounded()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    const qint64 a =
        store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error)
            ->lineId;
    for (int i = 2; i <= CartStore::UndoDepth + 20; ++i)
        QVERIFY(store.setQuantity(cart->id, a, i, &error));
    int undone = 0;
    while (store.undoStep(cart->id)) {
        QVERIFY(store.undo(cart->id, &error));
        ++undone;
    }
    QCOMPARE(undone, CartStore::UndoDepth);
    QCOMPARE(store.line(a)->quantity, 20);
}

void tst_CartStore::undoIsPerCart()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto one = store.createCart(QStringLiteral("One"), &error);
    const auto two = store.createCart(QStringLiteral("Two"), &error);
    QVERIFY(store.addLine(one->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error));
    QVERIFY(store.addLine(two->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 9), &error));
    QVERIFY(store.undo(one->id, &error));
    QCOMPARE(snapshot(store, one->id), QStringList());
    QCOMPARE(snapshot(store, two->id), QStringList{QStringLiteral("A EA 9")});
}

void tst_CartStore::bulkAddIsOneStep()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(store.addLine(cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), 1), &error));
    QList<NewLine> lines;
    for (int i = 0; i < 50; ++i)
        lines << newLine(QStringLiteral("P-%1").arg(i), QStringLiteral("EA"), i + 1,
                         LineSource::Imported);
    lines << newLine(QStringLiteral("A"), QStringLiteral("EA"), 2, LineSource::Imported);
    const auto added = store.addLines(cart->id, lines, {}, &error);
    QVERIFY2(added, qPrintable(error));
    QCOMPARE(store.lineCount(cart->id), 51);
    QVERIFY(added->constLast().merged);
    QCOMPARE(added->constLast().previousQuantity, 1);
    QCOMPARE(store.undoStep(cart->id)->edit, CartEdit::AddLines);
    QCOMPARE(store.undoStep(cart->id)->lineCount, 51);
    QCOMPARE(store.line(added->constFirst().lineId)->source, LineSource::Imported);
    QVERIFY(store.undo(cart->id, &error));
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("A EA 1")});
}

void tst_CartStore::bulkAddFailsWhole()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(store.addLine(
        cart->id, newLine(QStringLiteral("A"), QStringLiteral("EA"), CartStore::MaxQuantity),
        &error));
    // The merge would overflow the maximum: nothing of the bulk add lands.
    const auto added = store.addLines(
        cart->id,
        {newLine(QStringLiteral("B"), QStringLiteral("EA"), 1),
         newLine(QStringLiteral("A"), QStringLiteral("EA"), 1)},
        {UnresolvedCode{0, QStringLiteral("X"), LineSource::Imported, {}, 0, {}, 1, false}},
        &error);
    QVERIFY(!added);
    QCOMPARE(error, QStringLiteral("line 2: the merged quantity 1000000001 is out of range "
                                   "(1 to 1000000000)"));
    QCOMPARE(snapshot(store, cart->id), QStringList{QStringLiteral("A EA 1000000000")});
    QCOMPARE(store.unresolvedCodes().size(), 0);

    QVERIFY(!store.addLines(cart->id,
                            {newLine(QStringLiteral("B"), QStringLiteral("EA"), 1),
                             newLine(QStringLiteral("C"), QStringLiteral("EA"), -1)},
                            {}, &error));
    QCOMPARE(error, QStringLiteral("line 2: quantity -1 is out of range (1 to 1000000000)"));
    QCOMPARE(store.lineCount(cart->id), 1);
    QVERIFY(
        !store.addLines(4242, {newLine(QStringLiteral("B"), QStringLiteral("EA"), 1)}, {}, &error));
    QCOMPARE(error, QStringLiteral("no cart with id 4242"));
}

void tst_CartStore::unresolvedCodesAreKept()
{
    Cache cache;
    QString error;
    qint64 cartId = 0;
    {
        CartStore store(*cache.db);
        cartId = store.createCart(QStringLiteral("Cart"), &error)->id;
        UnresolvedCode scan;
        scan.code = QStringLiteral("04006381333931");
        scan.origin = LineSource::Scanned;
        scan.cartId = cartId;
        scan.symbology = QStringLiteral("]E0");
        QVERIFY2(store.recordUnresolved({scan}, &error), qPrintable(error));
        UnresolvedCode imported;
        imported.code = QStringLiteral("NOPE-1");
        imported.origin = LineSource::Imported;
        imported.quantity = 12;
        QVERIFY(store.addLines(cartId, {newLine(QStringLiteral("A"), QStringLiteral("EA"), 1)},
                               {imported}, &error));
    }
    cache.reopen();
    CartStore store(*cache.db);
    QList<UnresolvedCode> codes = store.unresolvedCodes();
    QCOMPARE(codes.size(), 2);
    QCOMPARE(codes.at(0).code, QStringLiteral("NOPE-1")); // newest first
    QCOMPARE(codes.at(0).origin, LineSource::Imported);
    QCOMPARE(codes.at(0).cartId, cartId); // the cart it was imported into
    QCOMPARE(codes.at(0).quantity, std::optional<qint64>(12));
    QCOMPARE(codes.at(1).code, QStringLiteral("04006381333931"));
    QCOMPARE(codes.at(1).symbology, QStringLiteral("]E0"));
    QVERIFY(codes.at(1).seenAt.isValid());
    QVERIFY(!codes.at(1).quantity);

    // Undoing the import keeps the unknown code: it was seen all the same.
    QVERIFY(store.undo(cartId, &error));
    QCOMPARE(store.unresolvedCodes().size(), 2);

    QVERIFY2(store.setResolved({codes.at(1).id}, true, &error), qPrintable(error));
    QCOMPARE(store.unresolvedCodes().size(), 1);
    QCOMPARE(store.unresolvedCodes(true).size(), 2);
    QVERIFY(!store.setResolved({987654}, true, &error));
    QCOMPARE(error, QStringLiteral("no unresolved code with id 987654"));
}

void tst_CartStore::deletingACartKeepsItsUnresolvedCodes()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Cart"), &error);
    QVERIFY(store.recordUnresolved(
        {UnresolvedCode{0, QStringLiteral("X-1"), LineSource::Typed, {}, cart->id, {}, {}, false}},
        &error));
    QVERIFY(store.deleteCart(cart->id, &error));
    const QList<UnresolvedCode> codes = store.unresolvedCodes();
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).code, QStringLiteral("X-1"));
    QCOMPARE(codes.at(0).cartId, 0);
}

void tst_CartStore::bulkAddOfManyLines()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const auto cart = store.createCart(QStringLiteral("Big"), &error);
    const int count = 20000;
    QList<NewLine> lines;
    lines.reserve(count);
    for (int i = 0; i < count; ++i)
        lines << newLine(QStringLiteral("SKU-%1").arg(i % (count - 100), 6, 10, QChar(u'0')),
                         QStringLiteral("EA"), 1 + i % 7, LineSource::Imported);
    QElapsedTimer timer;
    timer.start();
    const auto added = store.addLines(cart->id, lines, {}, &error);
    const qint64 addMs = timer.elapsed();
    QVERIFY2(added, qPrintable(error));
    QCOMPARE(store.lineCount(cart->id), count - 100);
    QCOMPARE(
        std::count_if(added->cbegin(), added->cend(), [](const AddedLine &a) { return a.merged; }),
        100);
    timer.restart();
    QVERIFY(store.undo(cart->id, &error));
    const qint64 undoMs = timer.elapsed();
    QCOMPARE(store.lineCount(cart->id), 0);
    timer.restart();
    QVERIFY(store.redo(cart->id, &error));
    const qint64 redoMs = timer.elapsed();
    QCOMPARE(store.lineCount(cart->id), count - 100);
    qInfo("%d lines: add %lld ms, undo %lld ms, redo %lld ms", count, addMs, undoMs, redoMs);
}

void tst_CartStore::bulkAddUndoRestoresExactly_data()
{
    QTest::addColumn<int>("existing"); // lines in the cart before, each with a note
    QTest::addColumn<int>("added");    // lines added in one step
    QTest::addColumn<int>("distinct"); // distinct SKUs among them (the rest repeat them)
    QTest::addColumn<int>("overlap");  // of those, how many the cart already holds

    QTest::newRow("a few into an empty cart") << 0 << 5 << 5 << 0;
    QTest::newRow("many into an empty cart") << 0 << 600 << 600 << 0;
    QTest::newRow("many with repeats") << 0 << 600 << 250 << 0;
    QTest::newRow("many merging with the cart") << 40 << 600 << 250 << 30;
    QTest::newRow("a few merging with the cart") << 40 << 8 << 6 << 4;
    QTest::newRow("more than a statement holds") << 10 << 2500 << 2400 << 10;
}

void tst_CartStore::bulkAddUndoRestoresExactly()
{
    QFETCH(int, existing);
    QFETCH(int, added);
    QFETCH(int, distinct);
    QFETCH(int, overlap);
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const qint64 cart = store.createCart(QStringLiteral("Cart"), &error)->id;
    const qint64 other = store.createCart(QStringLiteral("Other"), &error)->id;
    const auto sku = [](int n) { return QStringLiteral("SKU-%1").arg(n, 5, 10, QChar(u'0')); };
    for (int i = 0; i < existing; ++i) {
        const auto line = store.addLine(cart, newLine(sku(i), QStringLiteral("EA"), 1 + i), &error);
        QVERIFY2(line, qPrintable(error));
        QVERIFY(store.setNote(cart, line->lineId, QStringLiteral("note %1").arg(i), &error));
        QVERIFY(store.addLine(other, newLine(sku(i), QStringLiteral("EA"), 2), &error));
    }
    // The added lines: `distinct` SKUs, `overlap` of them already in the cart, some in
    // another unit, then repeats; codes in another spelling than the SKU.
    QList<NewLine> lines;
    for (int i = 0; i < added; ++i) {
        const int n = i % distinct;
        NewLine l = newLine(sku(existing - overlap + n),
                            n % 5 == 4 ? QStringLiteral("BX") : QStringLiteral("EA"), 1 + i % 9,
                            LineSource::Imported);
        l.code = l.sku.toLower();
        l.requestedQuantity = l.quantity + i % 2;
        lines << l;
    }
    const QStringList before = fullImage(store, cart);
    const QStringList otherBefore = fullImage(store, other);
    const auto result = store.addLines(cart, lines, {}, &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(result->size(), lines.size());
    const QStringList after = fullImage(store, cart);
    QVERIFY(after != before);
    // One step that touched each new line and each line merged into.
    QCOMPARE(store.undoStep(cart)->edit, added == 1 ? CartEdit::AddLine : CartEdit::AddLines);
    QCOMPARE(store.undoStep(cart)->lineCount,
             qint64(after.size() - before.size()) +
                 std::count_if(before.cbegin(), before.cend(),
                               [&after](const QString &row) { return !after.contains(row); }));

    for (int round = 0; round < 2; ++round) {
        QVERIFY2(store.undo(cart, &error), qPrintable(error));
        QCOMPARE(fullImage(store, cart), before);
        QVERIFY2(store.redo(cart, &error), qPrintable(error));
        QCOMPARE(fullImage(store, cart), after);
    }
    QCOMPARE(fullImage(store, other), otherBefore);
    // The ids handed back are the lines' ids.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto line = store.line(result->at(i).lineId);
        QVERIFY(line);
        QCOMPARE(line->sku, lines.at(i).sku);
        QCOMPARE(line->uom, lines.at(i).uom);
    }
}

// Journals written before kept each image as a JSON object with the column names; undo and
// redo read those as well as the arrays written now.
void tst_CartStore::journalImagesOfEarlierVersionsStillUndo()
{
    Cache cache;
    CartStore store(*cache.db);
    QString error;
    const qint64 cart = store.createCart(QStringLiteral("Cart"), &error)->id;
    QVERIFY(store.addLine(cart, newLine(QStringLiteral("A"), QStringLiteral("EA"), 3), &error));
    const QStringList before = fullImage(store, cart);
    QVERIFY(store.addLines(cart,
                           {newLine(QStringLiteral("A"), QStringLiteral("EA"), 2),
                            newLine(QStringLiteral("B"), QStringLiteral("BX"), 1)},
                           {}, &error));
    const QStringList after = fullImage(store, cart);
    QStringList keys{QStringLiteral("id"),       QStringLiteral("cart_id"),
                     QStringLiteral("position"), QStringLiteral("code"),
                     QStringLiteral("sku"),      QStringLiteral("uom"),
                     QStringLiteral("quantity"), QStringLiteral("requested_quantity"),
                     QStringLiteral("source"),   QStringLiteral("note"),
                     QStringLiteral("added_at")};
    const auto asObject = [&keys](const QString &column) {
        QStringList parts;
        for (qsizetype i = 0; i < keys.size(); ++i)
            parts
                << QStringLiteral("'%1', json_extract(%2, '$[%3]')").arg(keys.at(i), column).arg(i);
        return QStringLiteral("CASE WHEN %1 IS NULL THEN NULL ELSE json_object(%2) END")
            .arg(column, parts.join(QStringLiteral(", ")));
    };
    QSqlQuery q(cache.db->connection());
    QVERIFY2(q.exec(QStringLiteral("UPDATE cart_action_lines SET before_json = %1, after_json = %2")
                        .arg(asObject(QStringLiteral("before_json")),
                             asObject(QStringLiteral("after_json")))),
             qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM cart_action_lines"
                                  " WHERE json_type(after_json) = 'object'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    q.finish();
    QVERIFY2(store.undo(cart, &error), qPrintable(error));
    QCOMPARE(fullImage(store, cart), before);
    QVERIFY2(store.redo(cart, &error), qPrintable(error));
    QCOMPARE(fullImage(store, cart), after);
}

void tst_CartStore::migratesACatalogCache()
{
    // A cache as the schema before carts left it, with a product in it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    int before = 0;
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("earlier"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        for (const schema::Migration &step : schema::migrations()) {
            if (step.version >= 4)
                break;
            for (const QString &statement : step.statements)
                QVERIFY2(q.exec(statement), qPrintable(statement));
            before = step.version;
        }
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(before)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO products(sku, name, base_uom)"
                                      " VALUES ('KEEP-1', 'Kept', 'EA')")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("earlier"));
    QVERIFY(before >= 2);

    QString error;
    auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM products WHERE sku = 'KEEP-1'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Kept"));
    q.finish();
    CartStore store(*db);
    const auto cart = store.createCart(QStringLiteral("After the upgrade"), &error);
    QVERIFY2(cart, qPrintable(error));
    QVERIFY(store.addLine(cart->id, newLine(QStringLiteral("KEEP-1"), QStringLiteral("EA"), 2),
                          &error));
    QVERIFY(store.undo(cart->id, &error));
    QCOMPARE(store.lineCount(cart->id), 0);
}

QTEST_GUILESS_MAIN(tst_CartStore)
#include "tst_cartstore.moc"
