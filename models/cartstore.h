#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

class Database;

// How a line or an unknown code reached the cart.
enum class LineSource
{
    Typed,
    Pasted,
    Imported,
    Scanned,
};

// Stable names for the database, the CLI's JSON and logs: "typed", "pasted", "imported",
// "scanned".
QString lineSourceName(LineSource source);
std::optional<LineSource> lineSourceFromName(QStringView name);

struct CartInfo
{
    qint64 id = 0;
    QString name;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC: the last edit of the cart or its lines
    QDateTime usedAt;    // UTC: the last edit or selection; the current cart is the latest
    bool archived = false;
    qint64 lineCount = 0;
};

// One line of a cart: a quantity of one product in one unit of measure.
struct CartLine
{
    qint64 id = 0;
    qint64 cartId = 0;
    qint64 position = 0; // display order: lines keep the position they were added at
    QString code;        // as entered: a SKU, part number or GTIN
    QString sku;
    QString uom;
    qint64 quantity = 0;          // in `uom`, after the line rules
    qint64 requestedQuantity = 0; // what was asked for, before the line rules adjusted it
    LineSource source = LineSource::Typed;
    QString note;
    QDateTime addedAt; // UTC
};

// The price columns of a line as CartPricing::store() last wrote them; an edit of the line
// empties them (nullopt: NULL in the cache).
struct StoredPrice
{
    std::optional<qint64> unitPrice; // in Decimal units
    std::optional<qint64> lineTotal;
    std::optional<QString> currency;
    std::optional<QString> note;

    friend bool operator==(const StoredPrice &a, const StoredPrice &b)
    {
        return a.unitPrice == b.unitPrice && a.lineTotal == b.lineTotal &&
               a.currency == b.currency && a.note == b.note;
    }
    friend bool operator!=(const StoredPrice &a, const StoredPrice &b) { return !(a == b); }
};

// A line to add. `requestedQuantity` defaults to `quantity`.
struct NewLine
{
    QString code;
    QString sku;
    QString uom;
    qint64 quantity = 0;
    std::optional<qint64> requestedQuantity;
    LineSource source = LineSource::Typed;
    QString note;
};

// What adding one line did. A line for a SKU and unit the cart already holds merges into
// that line (quantities add up); `merged` says so, so the UI can tell the user.
struct AddedLine
{
    qint64 lineId = 0;
    bool merged = false;
    qint64 quantity = 0;         // the line's quantity afterwards
    qint64 previousQuantity = 0; // before (0 for a new line)
};

// A code that could not be resolved to a product (an unknown scan or import row). Kept so
// that nothing the user entered is silently lost; `resolved` is set once dealt with.
struct UnresolvedCode
{
    qint64 id = 0;
    QString code;
    LineSource origin = LineSource::Scanned;
    QDateTime seenAt;  // UTC; set by the store when null
    qint64 cartId = 0; // 0: no cart (or the cart was deleted)
    QString symbology; // e.g. "]E0" for a scan; empty otherwise
    std::optional<qint64> quantity;
    bool resolved = false;
};

// The kinds of edit the undo journal records; the UI turns them into "Undo add line"...
enum class CartEdit
{
    AddLine,
    AddLines, // a bulk add: paste or import
    SetQuantity,
    SetUnit,
    SetNote,
    RemoveLines,
    Clear,
};
QString cartEditName(CartEdit edit); // "add-line", "add-lines", ...
std::optional<CartEdit> cartEditFromName(QStringView name);

// The undoable edit that undo() or redo() would apply next.
struct CartUndoStep
{
    CartEdit edit = CartEdit::AddLine;
    qint64 lineCount = 0; // how many lines it touched
    QDateTime doneAt;     // UTC
};

// Carts, their lines, the per-cart undo journal and the unresolved codes, all in the
// profile's cache, all offline. Every edit runs in one write transaction together with its
// undo record, so the journal survives restarts and never disagrees with the lines. Carts
// are named; names are unique (case-insensitively) among carts that are not archived.
//
// Errors: a method that fails returns false / nullopt with one line in `error` (unknown
// cart or line, a name in use, a quantity out of range, or the database's message);
// nothing changes then.
class CartStore final
{
public:
    explicit CartStore(Database &db);

    static constexpr qint64 MaxQuantity = 1'000'000'000; // per line, in its unit
    static constexpr int UndoDepth = 100;                // edits kept per cart

    // Carts.
    std::optional<CartInfo> createCart(const QString &name, QString *error);
    bool renameCart(qint64 cartId, const QString &name, QString *error);
    bool deleteCart(qint64 cartId, QString *error); // its lines and journal go with it
    bool setArchived(qint64 cartId, bool archived, QString *error);
    QList<CartInfo> carts(bool includeArchived = false) const; // most recently used first
    std::optional<CartInfo> cart(qint64 cartId) const;
    // By name (case-insensitive; not archived), or by the decimal id.
    std::optional<CartInfo> findCart(const QString &nameOrId) const;

    // The current cart: the most recently used cart that is not archived.
    std::optional<CartInfo> currentCart() const;
    bool markUsed(qint64 cartId, QString *error);
    // The current cart, or a new cart named `defaultName` when there is none.
    std::optional<CartInfo> currentOrNewCart(const QString &defaultName, QString *error);

    // Lines. Quantities must be 1..MaxQuantity; SKU and unit must not be empty.
    std::optional<AddedLine> addLine(qint64 cartId, const NewLine &line, QString *error);
    // Adds many lines in one transaction and one undo step (imports, pastes); merges like
    // addLine, also among the new lines. `unresolved` codes are recorded in the same
    // transaction. Returns one AddedLine per input line, in order.
    std::optional<QList<AddedLine>> addLines(qint64 cartId, const QList<NewLine> &lines,
                                             const QList<UnresolvedCode> &unresolved,
                                             QString *error);
    bool setQuantity(qint64 cartId, qint64 lineId, qint64 quantity, QString *error);
    // Changes the unit of a line. When the cart already has a line for that SKU in that unit,
    // the two merge into the older one; `mergedInto` (optional) gets its id, else lineId.
    bool setUnit(qint64 cartId, qint64 lineId, const QString &uom, QString *error,
                 qint64 *mergedInto = nullptr);
    bool setNote(qint64 cartId, qint64 lineId, const QString &note, QString *error);
    bool removeLines(qint64 cartId, const QList<qint64> &lineIds, QString *error);
    bool clear(qint64 cartId, QString *error);

    std::optional<CartLine> line(qint64 lineId) const;
    QList<CartLine> lines(qint64 cartId) const; // in position order
    // The same, each with the price columns as last stored (`prices`, in the same order).
    QList<CartLine> lines(qint64 cartId, QList<StoredPrice> *prices) const;
    // One line with its stored price columns.
    std::optional<CartLine> line(qint64 lineId, StoredPrice *price) const;
    qint64 lineCount(qint64 cartId) const;
    // The line for `sku` in `uom`, if the cart has one.
    std::optional<CartLine> findLine(qint64 cartId, const QString &sku, const QString &uom) const;

    // Undo and redo, per cart, persistent across restarts. A new edit discards what could
    // be redone. Only the last UndoDepth edits of a cart are kept.
    std::optional<CartUndoStep> undoStep(qint64 cartId) const;
    std::optional<CartUndoStep> redoStep(qint64 cartId) const;
    bool undo(qint64 cartId, QString *error);
    bool redo(qint64 cartId, QString *error);

    // Unresolved codes, newest first.
    bool recordUnresolved(const QList<UnresolvedCode> &codes, QString *error);
    QList<UnresolvedCode> unresolvedCodes(bool includeResolved = false) const;
    bool setResolved(const QList<qint64> &ids, bool resolved, QString *error);

private:
    bool moveInHistory(qint64 cartId, bool forward, QString *error);

    Database &m_db;
};

} // namespace qm
