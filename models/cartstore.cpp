#include "models/cartstore.h"

#include "models/database.h"
#include "models/sql.h"
#include "models/sqlbatch.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QTimeZone>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcCarts, "qm.models.cartstore", QtInfoMsg)

// Up to this many lines, an add looks up the cart's matching lines one by one.
constexpr qsizetype SmallEdit = 32;

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// When a cart is used: now, but always after the latest use of any cart, so that two uses in
// one millisecond still say which cart was used last (the current cart).
QString useTime(const QSqlDatabase &db)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT MAX(used_at) FROM carts")) && q.next() &&
        !q.value(0).isNull()) {
        const QDateTime latest = QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
        if (latest.isValid() && now <= latest)
            now = latest.addMSecs(1);
    }
    return now.toString(Qt::ISODateWithMs);
}

// Moves a cart's position in its undo journal to `seq` and marks the cart as just used.
bool setUndoPosition(const QSqlDatabase &db, qint64 cartId, qint64 seq, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("UPDATE carts SET undo_seq = ?, updated_at = ?,"
                                     " used_at = ? WHERE id = ?"),
                      error))
        return false;
    q.addBindValue(seq);
    q.addBindValue(nowText());
    q.addBindValue(useTime(db));
    q.addBindValue(cartId);
    return sql::exec(q, error);
}

QDateTime timestampFromSql(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

const QString CartColumns =
    QStringLiteral("c.id, c.name, c.created_at, c.updated_at, c.used_at, c.archived,"
                   " (SELECT COUNT(*) FROM cart_lines l WHERE l.cart_id = c.id)");

CartInfo cartFromQuery(const QSqlQuery &q)
{
    CartInfo c;
    c.id = q.value(0).toLongLong();
    c.name = q.value(1).toString();
    c.createdAt = timestampFromSql(q.value(2));
    c.updatedAt = timestampFromSql(q.value(3));
    c.usedAt = timestampFromSql(q.value(4));
    c.archived = q.value(5).toBool();
    c.lineCount = q.value(6).toLongLong();
    return c;
}

const QString LineColumns = QStringLiteral("id, cart_id, position, code, sku, uom, quantity,"
                                           " requested_quantity, source, note, added_at");

constexpr int LineColumnCount = 11;

// The cached price columns, read after LineColumns.
const QString PriceColumns = QStringLiteral("unit_price, line_total, price_currency, price_note");

StoredPrice storedPriceFromQuery(const QSqlQuery &q, int first)
{
    StoredPrice p;
    const QVariant unitPrice = q.value(first);
    const QVariant lineTotal = q.value(first + 1);
    const QVariant currency = q.value(first + 2);
    const QVariant note = q.value(first + 3);
    if (!unitPrice.isNull())
        p.unitPrice = unitPrice.toLongLong();
    if (!lineTotal.isNull())
        p.lineTotal = lineTotal.toLongLong();
    if (!currency.isNull())
        p.currency = currency.toString();
    if (!note.isNull())
        p.note = note.toString();
    return p;
}

// `lastText` and `lastTime` (optional) remember the last added_at parsed.
CartLine lineFromQuery(const QSqlQuery &q, QString *lastText = nullptr,
                       QDateTime *lastTime = nullptr)
{
    CartLine l;
    l.id = q.value(0).toLongLong();
    l.cartId = q.value(1).toLongLong();
    l.position = q.value(2).toLongLong();
    l.code = q.value(3).toString();
    l.sku = q.value(4).toString();
    l.uom = q.value(5).toString();
    l.quantity = q.value(6).toLongLong();
    l.requestedQuantity = q.value(7).toLongLong();
    l.source = lineSourceFromName(q.value(8).toString()).value_or(LineSource::Typed);
    l.note = q.value(9).toString();
    const QVariant added = q.value(10);
    if (lastText && lastTime) {
        const QString text = added.toString();
        if (text != *lastText || lastText->isNull()) {
            *lastText = text;
            *lastTime = timestampFromSql(added);
        }
        l.addedAt = *lastTime;
    } else {
        l.addedAt = timestampFromSql(added);
    }
    return l;
}

// The journal's image of a line: every column the user's edits can change, as a JSON array
// in the order of LineColumns (journals written before kept an object with the column names;
// lineFromJson reads both). The cached price columns are left out; an undone or redone line
// is priced again.
const QString LineJson =
    QStringLiteral("json_array(id, cart_id, position, code, sku, uom, quantity,"
                   " requested_quantity, source, note, added_at)");

QString lineFromJson(const QString &column)
{
    QStringList parts;
    int index = 0;
    for (const char *key : {"id", "cart_id", "position", "code", "sku", "uom", "quantity",
                            "requested_quantity", "source", "note", "added_at"})
        parts << QStringLiteral("COALESCE(json_extract(%1, '$[%2]'), json_extract(%1, '$.%3'))")
                     .arg(column)
                     .arg(index++)
                     .arg(QLatin1String(key));
    return parts.join(QStringLiteral(", "));
}

// The key of a cart line's product and unit, as cart_lines_item compares them.
QString itemKey(const QString &sku, const QString &uom)
{
    return sku.toCaseFolded() + QChar(u'\x1f') + uom;
}

bool checkQuantity(qint64 quantity, QString *error)
{
    if (quantity < 1 || quantity > CartStore::MaxQuantity)
        return sql::fail(error, QStringLiteral("quantity %1 is out of range (1 to %2)")
                                    .arg(quantity)
                                    .arg(CartStore::MaxQuantity));
    return true;
}

QString cleanName(const QString &name)
{
    return name.simplified();
}

// One edit being recorded in the undo journal, inside the edit's write transaction:
// begin() opens the action (discarding what could be redone), snapshot() keeps the
// before-image of lines about to change, finish() stores the after-images of those lines
// and of every line inserted since begin().
class Recorder final
{
public:
    Recorder(const QSqlDatabase &db, qint64 cartId)
        : m_db(db)
        , m_cartId(cartId)
    {}

    bool begin(CartEdit edit, QString *error)
    {
        QSqlQuery q(m_db);
        if (!sql::prepare(q, QStringLiteral("SELECT undo_seq FROM carts WHERE id = ?"), error))
            return false;
        q.addBindValue(m_cartId);
        if (!sql::exec(q, error))
            return false;
        if (!q.next())
            return sql::fail(error, QStringLiteral("no cart with id %1").arg(m_cartId));
        m_seq = q.value(0).toLongLong() + 1;
        q.finish();

        QSqlQuery drop(m_db);
        if (!sql::prepare(drop,
                          QStringLiteral("DELETE FROM cart_actions WHERE cart_id = ? AND seq >= ?"),
                          error))
            return false;
        drop.addBindValue(m_cartId);
        drop.addBindValue(m_seq);
        if (!sql::exec(drop, error))
            return false;

        QSqlQuery maxId(m_db);
        if (!maxId.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM cart_lines")) ||
            !maxId.next())
            return sql::fail(error, sql::describe(maxId));
        m_maxIdBefore = maxId.value(0).toLongLong();

        QSqlQuery insert(m_db);
        if (!sql::prepare(insert,
                          QStringLiteral("INSERT INTO cart_actions(cart_id, seq, kind, line_count,"
                                         " done_at) VALUES (?, ?, ?, 0, ?)"),
                          error))
            return false;
        insert.addBindValue(m_cartId);
        insert.addBindValue(m_seq);
        insert.addBindValue(cartEditName(edit));
        insert.addBindValue(nowText());
        return sql::exec(insert, error);
    }

    // Keeps the before-image of the cart's lines matching `condition` (SQL over
    // cart_lines with `?` placeholders bound to `values`). Lines already kept are skipped:
    // the first image is the one from before the edit.
    bool snapshot(const QString &condition, const QVariantList &values, QString *error)
    {
        QSqlQuery q(m_db);
        if (!sql::prepare(q,
                          QStringLiteral("INSERT OR IGNORE INTO cart_action_lines(cart_id, seq,"
                                         " line_id, before_json, after_json)"
                                         " SELECT cart_id, ?, id, %1, NULL FROM cart_lines"
                                         " WHERE cart_id = ? AND (%2)")
                              .arg(LineJson, condition),
                          error))
            return false;
        q.addBindValue(m_seq);
        q.addBindValue(m_cartId);
        for (const QVariant &v : values)
            q.addBindValue(v);
        return sql::exec(q, error);
    }

    // The before-images of many lines in one statement.
    bool snapshotLines(const QList<qint64> &lineIds, QString *error)
    {
        QStringList ids;
        for (qint64 id : lineIds) {
            if (m_snapshotted.contains(id) || id > m_maxIdBefore)
                continue;
            m_snapshotted.insert(id);
            ids << QString::number(id);
        }
        if (ids.isEmpty())
            return true;
        return snapshot(QStringLiteral("id IN (SELECT value FROM json_each(?))"),
                        {QString(u'[' + ids.join(u',') + u']')}, error);
    }

    // The largest line id (of any cart) before the edit: lines above it are new.
    qint64 maxIdBefore() const { return m_maxIdBefore; }

    bool snapshotLine(qint64 lineId, QString *error)
    {
        if (m_snapshotted.contains(lineId) || lineId > m_maxIdBefore)
            return true;
        m_snapshotted.insert(lineId);
        return snapshot(QStringLiteral("id = ?"), {lineId}, error);
    }

    bool finish(QString *error)
    {
        QSqlQuery after(m_db);
        if (!sql::prepare(after,
                          QStringLiteral("UPDATE cart_action_lines SET after_json ="
                                         " (SELECT %1 FROM cart_lines l WHERE l.id = line_id)"
                                         " WHERE cart_id = ? AND seq = ?")
                              .arg(LineJson),
                          error))
            return false;
        after.addBindValue(m_cartId);
        after.addBindValue(m_seq);
        if (!sql::exec(after, error))
            return false;

        // The lines inserted since begin() have ids above every line before it: the primary
        // key's range finds them (`+cart_id` keeps SQLite from walking the cart's index).
        QSqlQuery added(m_db);
        if (!sql::prepare(added,
                          QStringLiteral("INSERT OR IGNORE INTO cart_action_lines(cart_id, seq,"
                                         " line_id, before_json, after_json)"
                                         " SELECT cart_id, ?, id, NULL, %1 FROM cart_lines"
                                         " WHERE +cart_id = ? AND id > ?")
                              .arg(LineJson),
                          error))
            return false;
        added.addBindValue(m_seq);
        added.addBindValue(m_cartId);
        added.addBindValue(m_maxIdBefore);
        if (!sql::exec(added, error))
            return false;

        // Lines whose image did not change (a no-op edit) need no undo.
        QSqlQuery same(m_db);
        if (!sql::prepare(same,
                          QStringLiteral("DELETE FROM cart_action_lines WHERE cart_id = ?"
                                         " AND seq = ? AND before_json IS after_json"),
                          error))
            return false;
        same.addBindValue(m_cartId);
        same.addBindValue(m_seq);
        if (!sql::exec(same, error))
            return false;

        QSqlQuery count(m_db);
        if (!sql::prepare(count,
                          QStringLiteral("UPDATE cart_actions SET line_count = (SELECT COUNT(*)"
                                         " FROM cart_action_lines a WHERE a.cart_id = ?"
                                         " AND a.seq = ?) WHERE cart_id = ? AND seq = ?"),
                          error))
            return false;
        count.addBindValue(m_cartId);
        count.addBindValue(m_seq);
        count.addBindValue(m_cartId);
        count.addBindValue(m_seq);
        if (!sql::exec(count, error))
            return false;
        QSqlQuery touchedQuery(m_db);
        if (!sql::prepare(touchedQuery,
                          QStringLiteral("SELECT line_count FROM cart_actions WHERE cart_id = ?"
                                         " AND seq = ?"),
                          error))
            return false;
        touchedQuery.addBindValue(m_cartId);
        touchedQuery.addBindValue(m_seq);
        if (!sql::exec(touchedQuery, error))
            return false;
        const qint64 touched = touchedQuery.next() ? touchedQuery.value(0).toLongLong() : 0;
        touchedQuery.finish();

        if (touched == 0) {
            // Nothing changed: the transaction is rolled back (see settle()), so there is no
            // undo step and what could be redone stays.
            m_unchanged = true;
            return sql::fail(error, QStringLiteral("nothing changed"));
        }

        if (!setUndoPosition(m_db, m_cartId, m_seq, error))
            return false;

        QSqlQuery prune(m_db);
        if (!sql::prepare(prune,
                          QStringLiteral("DELETE FROM cart_actions WHERE cart_id = ?"
                                         " AND seq <= ?"),
                          error))
            return false;
        prune.addBindValue(m_cartId);
        prune.addBindValue(m_seq - CartStore::UndoDepth);
        return sql::exec(prune, error);
    }

    // The result of the write transaction the edit ran in: an edit that changed nothing
    // rolled back on purpose and still succeeded.
    bool settle(bool committed, QString *error) const
    {
        if (committed || !m_unchanged)
            return committed;
        if (error)
            error->clear();
        return true;
    }

private:
    QSqlDatabase m_db;
    qint64 m_cartId = 0;
    qint64 m_seq = 0;
    qint64 m_maxIdBefore = 0;
    QSet<qint64> m_snapshotted;
    bool m_unchanged = false;
};

// The line of a cart for a SKU and unit, if any.
std::optional<CartLine> lineFor(const QSqlDatabase &db, qint64 cartId, const QString &sku,
                                const QString &uom, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM cart_lines WHERE cart_id = ? AND sku = ?"
                                     " AND uom = ?")
                          .arg(LineColumns),
                      error))
        return std::nullopt;
    q.addBindValue(cartId);
    q.addBindValue(sku);
    q.addBindValue(uom);
    if (!sql::exec(q, error) || !q.next())
        return std::nullopt;
    return lineFromQuery(q);
}

std::optional<CartLine> lineOf(const QSqlDatabase &db, qint64 cartId, qint64 lineId, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM cart_lines WHERE id = ? AND cart_id = ?")
                          .arg(LineColumns),
                      error))
        return std::nullopt;
    q.addBindValue(lineId);
    q.addBindValue(cartId);
    if (!sql::exec(q, error))
        return std::nullopt;
    if (!q.next()) {
        sql::fail(error, QStringLiteral("cart %1 has no line %2").arg(cartId).arg(lineId));
        return std::nullopt;
    }
    return lineFromQuery(q);
}

bool checkNewLine(const NewLine &line, QString *error)
{
    if (line.sku.trimmed().isEmpty())
        return sql::fail(error, QStringLiteral("a cart line needs a SKU"));
    if (line.uom.trimmed().isEmpty())
        return sql::fail(error, QStringLiteral("a cart line needs a unit"));
    return checkQuantity(line.quantity, error);
}

bool insertUnresolved(const QSqlDatabase &db, const QList<UnresolvedCode> &codes, QString *error)
{
    const QString now = nowText();
    const QVariant noNumber{QMetaType(QMetaType::LongLong)};
    return sql::insertRows(
        db,
        QStringLiteral("INSERT INTO unresolved_codes(code, origin, seen_at, cart_id, symbology,"
                       " quantity, resolved) VALUES "),
        QStringLiteral("(?, ?, ?, ?, ?, ?, ?)"), 7, codes.size(),
        [&](QSqlQuery &q, qsizetype i) {
            const UnresolvedCode &c = codes.at(i);
            q.addBindValue(sql::text(c.code));
            q.addBindValue(lineSourceName(c.origin));
            q.addBindValue(c.seenAt.isValid() ? c.seenAt.toUTC().toString(Qt::ISODateWithMs) : now);
            q.addBindValue(c.cartId > 0 ? QVariant(c.cartId) : noNumber);
            q.addBindValue(sql::text(c.symbology));
            q.addBindValue(c.quantity ? QVariant(*c.quantity) : noNumber);
            q.addBindValue(c.resolved ? 1 : 0);
        },
        error);
}

// Hands `row` the cart's lines for the given SKU and unit pairs: a few are looked up one by
// one, many through a temporary table joined once with the cart's lines.
template<typename Row>
bool cartLinesFor(const QSqlDatabase &db, qint64 cartId,
                  const QList<std::pair<QString, QString>> &items, Row row, QString *error)
{
    if (items.isEmpty())
        return true;
    if (items.size() <= SmallEdit) {
        QSqlQuery q(db);
        if (!sql::prepare(q,
                          QStringLiteral("SELECT id, sku, uom, quantity, requested_quantity"
                                         " FROM cart_lines WHERE cart_id = ? AND sku = ?"
                                         " AND uom = ?"),
                          error))
            return false;
        for (const auto &[sku, uom] : items) {
            q.addBindValue(cartId);
            q.addBindValue(sku);
            q.addBindValue(uom);
            if (!sql::exec(q, error))
                return false;
            while (q.next())
                row(q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toLongLong(), q.value(4).toLongLong());
            q.finish();
        }
        return true;
    }
    qint64 cartLines = 0;
    {
        QSqlQuery count(db);
        if (!sql::prepare(
                count, QStringLiteral("SELECT COUNT(*) FROM cart_lines WHERE cart_id = ?"), error))
            return false;
        count.addBindValue(cartId);
        if (!sql::exec(count, error) || !count.next())
            return false;
        cartLines = count.value(0).toLongLong();
    }
    if (cartLines <= 4 * qint64(items.size())) {
        // A cart not much larger than what is asked for is read whole: one pass, no table.
        QSet<QString> wanted;
        wanted.reserve(items.size());
        for (const auto &[sku, uom] : items)
            wanted.insert(itemKey(sku, uom));
        QSqlQuery q(db);
        if (!sql::prepare(q,
                          QStringLiteral("SELECT id, sku, uom, quantity, requested_quantity"
                                         " FROM cart_lines WHERE cart_id = ?"),
                          error))
            return false;
        q.addBindValue(cartId);
        if (!sql::exec(q, error))
            return false;
        while (q.next()) {
            const QString sku = q.value(1).toString();
            const QString uom = q.value(2).toString();
            if (wanted.contains(itemKey(sku, uom)))
                row(q.value(0).toLongLong(), sku, uom, q.value(3).toLongLong(),
                    q.value(4).toLongLong());
        }
        return true;
    }
    if (!sql::run(db,
                  QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS wanted_items("
                                 " sku TEXT NOT NULL, uom TEXT NOT NULL)"),
                  error) ||
        !sql::run(db, QStringLiteral("DELETE FROM temp.wanted_items"), error))
        return false;
    const bool filled = sql::insertRows(
        db, QStringLiteral("INSERT INTO temp.wanted_items(sku, uom) VALUES "),
        QStringLiteral("(?, ?)"), 2, items.size(),
        [&](QSqlQuery &q, qsizetype i) {
            q.addBindValue(items.at(i).first);
            q.addBindValue(items.at(i).second);
        },
        error);
    if (!filled)
        return false;
    {
        // The cart's index (cart_id, sku, uom) finds each wanted item.
        QSqlQuery q(db);
        if (!sql::prepare(q,
                          QStringLiteral("SELECT l.id, l.sku, l.uom, l.quantity,"
                                         " l.requested_quantity FROM temp.wanted_items w"
                                         " CROSS JOIN cart_lines l ON l.cart_id = ?"
                                         " AND l.sku = w.sku AND l.uom = w.uom"),
                          error))
            return false;
        q.addBindValue(cartId);
        if (!sql::exec(q, error))
            return false;
        while (q.next())
            row(q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toLongLong(), q.value(4).toLongLong());
    }
    return sql::run(db, QStringLiteral("DELETE FROM temp.wanted_items"), error);
}

} // namespace

QString lineSourceName(LineSource source)
{
    switch (source) {
    case LineSource::Typed:
        return QStringLiteral("typed");
    case LineSource::Pasted:
        return QStringLiteral("pasted");
    case LineSource::Imported:
        return QStringLiteral("imported");
    case LineSource::Scanned:
        return QStringLiteral("scanned");
    }
    return QStringLiteral("typed");
}

std::optional<LineSource> lineSourceFromName(QStringView name)
{
    for (LineSource s :
         {LineSource::Typed, LineSource::Pasted, LineSource::Imported, LineSource::Scanned}) {
        if (name == lineSourceName(s))
            return s;
    }
    return std::nullopt;
}

QString cartEditName(CartEdit edit)
{
    switch (edit) {
    case CartEdit::AddLine:
        return QStringLiteral("add-line");
    case CartEdit::AddLines:
        return QStringLiteral("add-lines");
    case CartEdit::SetQuantity:
        return QStringLiteral("set-quantity");
    case CartEdit::SetUnit:
        return QStringLiteral("set-unit");
    case CartEdit::SetNote:
        return QStringLiteral("set-note");
    case CartEdit::RemoveLines:
        return QStringLiteral("remove-lines");
    case CartEdit::Clear:
        return QStringLiteral("clear");
    }
    return {};
}

std::optional<CartEdit> cartEditFromName(QStringView name)
{
    for (CartEdit e :
         {CartEdit::AddLine, CartEdit::AddLines, CartEdit::SetQuantity, CartEdit::SetUnit,
          CartEdit::SetNote, CartEdit::RemoveLines, CartEdit::Clear}) {
        if (name == cartEditName(e))
            return e;
    }
    return std::nullopt;
}

CartStore::CartStore(Database &db)
    : m_db(db)
{}

std::optional<CartInfo> CartStore::createCart(const QString &name, QString *error)
{
    const QString clean = cleanName(name);
    if (clean.isEmpty()) {
        sql::fail(error, QStringLiteral("a cart needs a name"));
        return std::nullopt;
    }
    qint64 id = 0;
    const bool ok = m_db.write(
        [&](QString *e) {
            if (findCart(clean) && findCart(clean)->name.compare(clean, Qt::CaseInsensitive) == 0)
                return sql::fail(e, QStringLiteral("a cart named '%1' already exists").arg(clean));
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q,
                              QStringLiteral("INSERT INTO carts(name, created_at, updated_at,"
                                             " used_at) VALUES (?, ?, ?, ?)"),
                              e))
                return false;
            const QString now = nowText();
            q.addBindValue(clean);
            q.addBindValue(now);
            q.addBindValue(now);
            q.addBindValue(useTime(m_db.connection()));
            if (!sql::exec(q, e))
                return false;
            id = q.lastInsertId().toLongLong();
            return true;
        },
        error);
    if (!ok)
        return std::nullopt;
    qCInfo(lcCarts) << "created cart" << id << clean;
    return cart(id);
}

bool CartStore::renameCart(qint64 cartId, const QString &name, QString *error)
{
    const QString clean = cleanName(name);
    if (clean.isEmpty())
        return sql::fail(error, QStringLiteral("a cart needs a name"));
    return m_db.write(
        [&](QString *e) {
            const auto existing = cart(cartId);
            if (!existing)
                return sql::fail(e, QStringLiteral("no cart with id %1").arg(cartId));
            const auto other = findCart(clean);
            if (other && other->id != cartId &&
                other->name.compare(clean, Qt::CaseInsensitive) == 0)
                return sql::fail(e, QStringLiteral("a cart named '%1' already exists").arg(clean));
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE carts SET name = ?, updated_at = ?"
                                             " WHERE id = ?"),
                              e))
                return false;
            q.addBindValue(clean);
            q.addBindValue(nowText());
            q.addBindValue(cartId);
            return sql::exec(q, e);
        },
        error);
}

bool CartStore::deleteCart(qint64 cartId, QString *error)
{
    return m_db.write(
        [&](QString *e) {
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q, QStringLiteral("DELETE FROM carts WHERE id = ?"), e))
                return false;
            q.addBindValue(cartId);
            if (!sql::exec(q, e))
                return false;
            if (q.numRowsAffected() != 1)
                return sql::fail(e, QStringLiteral("no cart with id %1").arg(cartId));
            return true;
        },
        error);
}

bool CartStore::setArchived(qint64 cartId, bool archived, QString *error)
{
    return m_db.write(
        [&](QString *e) {
            const auto existing = cart(cartId);
            if (!existing)
                return sql::fail(e, QStringLiteral("no cart with id %1").arg(cartId));
            if (existing->archived == archived)
                return true;
            if (!archived) {
                const auto other = findCart(existing->name);
                if (other && other->id != cartId &&
                    other->name.compare(existing->name, Qt::CaseInsensitive) == 0)
                    return sql::fail(
                        e, QStringLiteral("a cart named '%1' already exists").arg(existing->name));
            }
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE carts SET archived = ?, updated_at = ?"
                                             " WHERE id = ?"),
                              e))
                return false;
            q.addBindValue(archived ? 1 : 0);
            q.addBindValue(nowText());
            q.addBindValue(cartId);
            return sql::exec(q, e);
        },
        error);
}

QList<CartInfo> CartStore::carts(bool includeArchived) const
{
    QList<CartInfo> result;
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM carts c WHERE c.archived = 0 OR ?"
                                     " ORDER BY c.used_at DESC, c.id DESC")
                          .arg(CartColumns),
                      &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    q.addBindValue(includeArchived ? 1 : 0);
    if (!sql::exec(q, &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    while (q.next())
        result.append(cartFromQuery(q));
    return result;
}

std::optional<CartInfo> CartStore::cart(qint64 cartId) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT %1 FROM carts c WHERE c.id = ?").arg(CartColumns),
                      &error))
        return std::nullopt;
    q.addBindValue(cartId);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    return cartFromQuery(q);
}

std::optional<CartInfo> CartStore::findCart(const QString &nameOrId) const
{
    const QString clean = cleanName(nameOrId);
    if (clean.isEmpty())
        return std::nullopt;
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM carts c WHERE c.archived = 0 AND"
                                     " c.name = ? COLLATE NOCASE")
                          .arg(CartColumns),
                      &error))
        return std::nullopt;
    q.addBindValue(clean);
    if (sql::exec(q, &error) && q.next())
        return cartFromQuery(q);
    bool isNumber = false;
    const qint64 id = clean.toLongLong(&isNumber);
    if (isNumber)
        return cart(id);
    return std::nullopt;
}

std::optional<CartInfo> CartStore::currentCart() const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM carts c WHERE c.archived = 0"
                                     " ORDER BY c.used_at DESC, c.id DESC LIMIT 1")
                          .arg(CartColumns),
                      &error) ||
        !sql::exec(q, &error) || !q.next())
        return std::nullopt;
    return cartFromQuery(q);
}

bool CartStore::markUsed(qint64 cartId, QString *error)
{
    return m_db.write(
        [&](QString *e) {
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q, QStringLiteral("UPDATE carts SET used_at = ? WHERE id = ?"), e))
                return false;
            q.addBindValue(useTime(m_db.connection()));
            q.addBindValue(cartId);
            if (!sql::exec(q, e))
                return false;
            if (q.numRowsAffected() != 1)
                return sql::fail(e, QStringLiteral("no cart with id %1").arg(cartId));
            return true;
        },
        error);
}

std::optional<CartInfo> CartStore::currentOrNewCart(const QString &defaultName, QString *error)
{
    if (auto current = currentCart())
        return current;
    return createCart(defaultName, error);
}

std::optional<AddedLine> CartStore::addLine(qint64 cartId, const NewLine &line, QString *error)
{
    const auto added = addLines(cartId, {line}, {}, error);
    if (!added)
        return std::nullopt;
    return added->constFirst();
}

std::optional<QList<AddedLine>> CartStore::addLines(qint64 cartId, const QList<NewLine> &lines,
                                                    const QList<UnresolvedCode> &unresolved,
                                                    QString *error)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString why;
        if (!checkNewLine(lines.at(i), &why)) {
            sql::fail(error,
                      lines.size() == 1 ? why : QStringLiteral("line %1: %2").arg(i + 1).arg(why));
            return std::nullopt;
        }
    }
    if (lines.isEmpty()) {
        if (!unresolved.isEmpty() && !recordUnresolved(unresolved, error))
            return std::nullopt;
        return QList<AddedLine>();
    }
    QList<AddedLine> result;
    result.reserve(lines.size());
    const QSqlDatabase db = m_db.connection();
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            if (!recorder.begin(lines.size() == 1 ? CartEdit::AddLine : CartEdit::AddLines, e))
                return false;

            // The cart's lines for the SKUs and units added, as they stand and as this edit
            // changes them; `pending` is the index of a line this edit inserts.
            struct Item
            {
                qint64 id = 0;
                qint64 quantity = 0;
                qint64 requested = 0;
                qsizetype pending = -1;
            };
            QHash<QString, Item> byItem;
            byItem.reserve(lines.size());
            QList<std::pair<QString, QString>> wanted;
            {
                QSet<QString> seen;
                for (const NewLine &line : lines) {
                    const QString sku = line.sku.trimmed();
                    const QString uom = line.uom.trimmed();
                    const QString k = itemKey(sku, uom);
                    if (!seen.contains(k)) {
                        seen.insert(k);
                        wanted.append({sku, uom});
                    }
                }
            }
            const bool found = cartLinesFor(
                db, cartId, wanted,
                [&](qint64 id, const QString &sku, const QString &uom, qint64 quantity,
                    qint64 requested) {
                    byItem.insert(itemKey(sku, uom), {id, quantity, requested, -1});
                },
                e);
            if (!found)
                return false;
            QSqlQuery last(db);
            if (!sql::prepare(last,
                              QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM cart_lines"
                                             " WHERE cart_id = ?"),
                              e))
                return false;
            last.addBindValue(cartId);
            if (!sql::exec(last, e) || !last.next())
                return false;
            qint64 position = last.value(0).toLongLong();
            last.finish();

            // Merge in memory; new lines get the ids after the largest one in the cache.
            struct Pending
            {
                qint64 id = 0;
                qint64 position = 0;
                const NewLine *line = nullptr;
                QString sku;
                QString uom;
                qint64 quantity = 0;
                qint64 requested = 0;
            };
            QList<Pending> pending;
            pending.reserve(lines.size());
            QList<qint64> mergedIds; // lines already in the cart that this edit changes
            QSet<qint64> merged;
            qint64 nextId = recorder.maxIdBefore();
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const NewLine &line = lines.at(i);
                const QString sku = line.sku.trimmed();
                const QString uom = line.uom.trimmed();
                const qint64 requested = line.requestedQuantity.value_or(line.quantity);
                const QString k = itemKey(sku, uom);
                auto it = byItem.find(k);
                if (it != byItem.end()) {
                    const qint64 quantity = it->quantity + line.quantity;
                    if (quantity > MaxQuantity)
                        return sql::fail(e, QStringLiteral("line %1: the merged quantity %2 is"
                                                           " out of range (1 to %3)")
                                                .arg(i + 1)
                                                .arg(quantity)
                                                .arg(MaxQuantity));
                    result.append({it->id, true, quantity, it->quantity});
                    it->quantity = quantity;
                    it->requested += requested;
                    if (it->pending >= 0) {
                        pending[it->pending].quantity = it->quantity;
                        pending[it->pending].requested = it->requested;
                    } else if (!merged.contains(it->id)) {
                        merged.insert(it->id);
                        mergedIds.append(it->id);
                    }
                    continue;
                }
                const qint64 id = ++nextId;
                pending.append({id, ++position, &line, sku, uom, line.quantity, requested});
                byItem.insert(k, {id, line.quantity, requested, pending.size() - 1});
                result.append({id, false, line.quantity, 0});
            }

            // The lines merged into: their before-images, then their new quantities.
            if (!mergedIds.isEmpty()) {
                if (!recorder.snapshotLines(mergedIds, e))
                    return false;
                QSqlQuery update(db);
                if (!sql::prepare(update,
                                  QStringLiteral("UPDATE cart_lines SET quantity = ?,"
                                                 " requested_quantity = ?, unit_price = NULL,"
                                                 " line_total = NULL, price_note = NULL"
                                                 " WHERE id = ?"),
                                  e))
                    return false;
                for (auto it = byItem.cbegin(); it != byItem.cend(); ++it) {
                    if (it->pending >= 0 || !merged.contains(it->id))
                        continue;
                    update.addBindValue(it->quantity);
                    update.addBindValue(it->requested);
                    update.addBindValue(it->id);
                    if (!sql::exec(update, e))
                        return false;
                }
            }

            // The new lines, many to a statement.
            const QString now = nowText();
            const bool inserted = sql::insertRows(
                db,
                QStringLiteral("INSERT INTO cart_lines(id, cart_id, position, code, sku, uom,"
                               " quantity, requested_quantity, source, note, added_at) VALUES "),
                QStringLiteral("(?, %1, ?, ?, ?, ?, ?, ?, ?, ?, '%2')").arg(cartId).arg(now), 9,
                pending.size(),
                [&](QSqlQuery &q, qsizetype row) {
                    const Pending &p = pending.at(row);
                    q.addBindValue(p.id);
                    q.addBindValue(p.position);
                    q.addBindValue(sql::text(p.line->code.trimmed()));
                    q.addBindValue(p.sku);
                    q.addBindValue(p.uom);
                    q.addBindValue(p.quantity);
                    q.addBindValue(p.requested);
                    q.addBindValue(lineSourceName(p.line->source));
                    q.addBindValue(sql::text(p.line->note));
                },
                e);
            if (!inserted)
                return false;
            QList<UnresolvedCode> codes = unresolved;
            for (UnresolvedCode &c : codes) {
                if (c.cartId == 0)
                    c.cartId = cartId;
            }
            return insertUnresolved(db, codes, e) && recorder.finish(e);
        },
        error);
    if (!ok)
        return std::nullopt;
    return result;
}

bool CartStore::setQuantity(qint64 cartId, qint64 lineId, qint64 quantity, QString *error)
{
    if (!checkQuantity(quantity, error))
        return false;
    const QSqlDatabase db = m_db.connection();
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            if (!lineOf(db, cartId, lineId, e))
                return false;
            if (!recorder.begin(CartEdit::SetQuantity, e) || !recorder.snapshotLine(lineId, e))
                return false;
            QSqlQuery q(db);
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE cart_lines SET quantity = ?,"
                                             " requested_quantity = ?, unit_price = NULL,"
                                             " line_total = NULL, price_note = NULL WHERE id = ?"),
                              e))
                return false;
            q.addBindValue(quantity);
            q.addBindValue(quantity);
            q.addBindValue(lineId);
            return sql::exec(q, e) && recorder.finish(e);
        },
        error);
    return recorder.settle(ok, error);
}

bool CartStore::setUnit(qint64 cartId, qint64 lineId, const QString &uom, QString *error,
                        qint64 *mergedInto)
{
    const QString unit = uom.trimmed();
    if (unit.isEmpty())
        return sql::fail(error, QStringLiteral("a cart line needs a unit"));
    const QSqlDatabase db = m_db.connection();
    qint64 target = lineId;
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            const auto current = lineOf(db, cartId, lineId, e);
            if (!current)
                return false;
            if (current->uom == unit)
                return true;
            if (!recorder.begin(CartEdit::SetUnit, e) || !recorder.snapshotLine(lineId, e))
                return false;
            QString ignored;
            const auto other = lineFor(db, cartId, current->sku, unit, &ignored);
            if (other) {
                // The cart already has this product in that unit: one line, the older one.
                const qint64 quantity = other->quantity + current->quantity;
                if (quantity > MaxQuantity)
                    return sql::fail(e, QStringLiteral("the merged quantity %1 is out of range"
                                                       " (1 to %2)")
                                            .arg(quantity)
                                            .arg(MaxQuantity));
                if (!recorder.snapshotLine(other->id, e))
                    return false;
                QSqlQuery remove(db);
                if (!sql::prepare(remove, QStringLiteral("DELETE FROM cart_lines WHERE id = ?"), e))
                    return false;
                remove.addBindValue(lineId);
                if (!sql::exec(remove, e))
                    return false;
                QSqlQuery merge(db);
                if (!sql::prepare(merge,
                                  QStringLiteral("UPDATE cart_lines SET quantity = ?,"
                                                 " requested_quantity = requested_quantity + ?,"
                                                 " unit_price = NULL, line_total = NULL,"
                                                 " price_note = NULL WHERE id = ?"),
                                  e))
                    return false;
                merge.addBindValue(quantity);
                merge.addBindValue(current->requestedQuantity);
                merge.addBindValue(other->id);
                if (!sql::exec(merge, e))
                    return false;
                target = other->id;
            } else {
                QSqlQuery q(db);
                if (!sql::prepare(q,
                                  QStringLiteral("UPDATE cart_lines SET uom = ?, unit_price = NULL,"
                                                 " line_total = NULL, price_note = NULL"
                                                 " WHERE id = ?"),
                                  e))
                    return false;
                q.addBindValue(unit);
                q.addBindValue(lineId);
                if (!sql::exec(q, e))
                    return false;
            }
            return recorder.finish(e);
        },
        error);
    const bool done = recorder.settle(ok, error);
    if (done && mergedInto)
        *mergedInto = target;
    return done;
}

bool CartStore::setNote(qint64 cartId, qint64 lineId, const QString &note, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            if (!lineOf(db, cartId, lineId, e))
                return false;
            if (!recorder.begin(CartEdit::SetNote, e) || !recorder.snapshotLine(lineId, e))
                return false;
            QSqlQuery q(db);
            if (!sql::prepare(q, QStringLiteral("UPDATE cart_lines SET note = ? WHERE id = ?"), e))
                return false;
            q.addBindValue(sql::text(note));
            q.addBindValue(lineId);
            return sql::exec(q, e) && recorder.finish(e);
        },
        error);
    return recorder.settle(ok, error);
}

bool CartStore::removeLines(qint64 cartId, const QList<qint64> &lineIds, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            for (qint64 id : lineIds) {
                if (!lineOf(db, cartId, id, e))
                    return false;
            }
            if (!recorder.begin(CartEdit::RemoveLines, e))
                return false;
            QSqlQuery q(db);
            if (!sql::prepare(q, QStringLiteral("DELETE FROM cart_lines WHERE id = ?"), e))
                return false;
            for (qint64 id : lineIds) {
                if (!recorder.snapshotLine(id, e))
                    return false;
                q.addBindValue(id);
                if (!sql::exec(q, e))
                    return false;
            }
            return recorder.finish(e);
        },
        error);
    return recorder.settle(ok, error);
}

bool CartStore::clear(qint64 cartId, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    Recorder recorder(db, cartId);
    const bool ok = m_db.write(
        [&](QString *e) {
            if (!recorder.begin(CartEdit::Clear, e) ||
                !recorder.snapshot(QStringLiteral("1"), {}, e))
                return false;
            QSqlQuery q(db);
            if (!sql::prepare(q, QStringLiteral("DELETE FROM cart_lines WHERE cart_id = ?"), e))
                return false;
            q.addBindValue(cartId);
            return sql::exec(q, e) && recorder.finish(e);
        },
        error);
    return recorder.settle(ok, error);
}

std::optional<CartLine> CartStore::line(qint64 lineId) const
{
    return line(lineId, nullptr);
}

std::optional<CartLine> CartStore::line(qint64 lineId, StoredPrice *price) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1, %2 FROM cart_lines WHERE id = ?")
                          .arg(LineColumns, PriceColumns),
                      &error))
        return std::nullopt;
    q.addBindValue(lineId);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    if (price)
        *price = storedPriceFromQuery(q, LineColumnCount);
    return lineFromQuery(q);
}

QList<CartLine> CartStore::lines(qint64 cartId) const
{
    return lines(cartId, nullptr);
}

QList<CartLine> CartStore::lines(qint64 cartId, QList<StoredPrice> *prices) const
{
    QList<CartLine> result;
    if (prices)
        prices->clear();
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(
            q,
            QStringLiteral("SELECT %1%2 FROM cart_lines WHERE cart_id = ?"
                           " ORDER BY position, id")
                .arg(LineColumns, prices ? QStringLiteral(", ") + PriceColumns : QString()),
            &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    q.addBindValue(cartId);
    if (!sql::exec(q, &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    // The lines of one bulk add share their time: parse each distinct text once.
    QString lastAdded;
    QDateTime lastAddedAt;
    while (q.next()) {
        result.append(lineFromQuery(q, &lastAdded, &lastAddedAt));
        if (prices)
            prices->append(storedPriceFromQuery(q, LineColumnCount));
    }
    return result;
}

qint64 CartStore::lineCount(qint64 cartId) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT COUNT(*) FROM cart_lines WHERE cart_id = ?"),
                      &error))
        return 0;
    q.addBindValue(cartId);
    if (!sql::exec(q, &error) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::optional<CartLine> CartStore::findLine(qint64 cartId, const QString &sku,
                                            const QString &uom) const
{
    QString error;
    return lineFor(m_db.connection(), cartId, sku.trimmed(), uom.trimmed(), &error);
}

namespace {

std::optional<CartUndoStep> stepAt(const QSqlDatabase &db, qint64 cartId, bool redo)
{
    QSqlQuery q(db);
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT a.kind, a.line_count, a.done_at FROM cart_actions a"
                                     " JOIN carts c ON c.id = a.cart_id"
                                     " WHERE a.cart_id = ? AND a.seq = c.undo_seq + ?"),
                      &error))
        return std::nullopt;
    q.addBindValue(cartId);
    q.addBindValue(redo ? 1 : 0);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    const auto edit = cartEditFromName(q.value(0).toString());
    if (!edit)
        return std::nullopt;
    return CartUndoStep{*edit, q.value(1).toLongLong(), timestampFromSql(q.value(2))};
}

// Puts the touched lines of action `seq` back as `column` (before_json or after_json) has
// them: first every touched line goes, then the images that exist come back.
bool applyImages(const QSqlDatabase &db, qint64 cartId, qint64 seq, const QString &column,
                 QString *error)
{
    QSqlQuery remove(db);
    if (!sql::prepare(remove,
                      QStringLiteral("DELETE FROM cart_lines WHERE id IN (SELECT line_id FROM"
                                     " cart_action_lines WHERE cart_id = ? AND seq = ?)"),
                      error))
        return false;
    remove.addBindValue(cartId);
    remove.addBindValue(seq);
    if (!sql::exec(remove, error))
        return false;
    QSqlQuery restore(db);
    if (!sql::prepare(restore,
                      QStringLiteral("INSERT INTO cart_lines(%1) SELECT %2 FROM cart_action_lines"
                                     " WHERE cart_id = ? AND seq = ? AND %3 IS NOT NULL")
                          .arg(LineColumns, lineFromJson(column), column),
                      error))
        return false;
    restore.addBindValue(cartId);
    restore.addBindValue(seq);
    return sql::exec(restore, error);
}

} // namespace

std::optional<CartUndoStep> CartStore::undoStep(qint64 cartId) const
{
    return stepAt(m_db.connection(), cartId, false);
}

std::optional<CartUndoStep> CartStore::redoStep(qint64 cartId) const
{
    return stepAt(m_db.connection(), cartId, true);
}

bool CartStore::undo(qint64 cartId, QString *error)
{
    return moveInHistory(cartId, false, error);
}

bool CartStore::redo(qint64 cartId, QString *error)
{
    return moveInHistory(cartId, true, error);
}

// Undo puts back the lines of the current step as they were before it and moves the cart's
// position in its journal one step back; redo applies the next step's lines as they were
// after it and moves one step forward.
bool CartStore::moveInHistory(qint64 cartId, bool forward, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *e) {
            if (!stepAt(db, cartId, forward))
                return sql::fail(e, forward
                                        ? QStringLiteral("nothing to redo in cart %1").arg(cartId)
                                        : QStringLiteral("nothing to undo in cart %1").arg(cartId));
            QSqlQuery seqQuery(db);
            if (!sql::prepare(seqQuery, QStringLiteral("SELECT undo_seq FROM carts WHERE id = ?"),
                              e))
                return false;
            seqQuery.addBindValue(cartId);
            if (!sql::exec(seqQuery, e) || !seqQuery.next())
                return false;
            const qint64 current = seqQuery.value(0).toLongLong();
            seqQuery.finish();
            const qint64 step = forward ? current + 1 : current;
            if (!applyImages(db, cartId, step,
                             forward ? QStringLiteral("after_json") : QStringLiteral("before_json"),
                             e))
                return false;
            return setUndoPosition(db, cartId, forward ? current + 1 : current - 1, e);
        },
        error);
}

bool CartStore::recordUnresolved(const QList<UnresolvedCode> &codes, QString *error)
{
    return m_db.write([&](QString *e) { return insertUnresolved(m_db.connection(), codes, e); },
                      error);
}

QList<UnresolvedCode> CartStore::unresolvedCodes(bool includeResolved) const
{
    QList<UnresolvedCode> result;
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT id, code, origin, seen_at, cart_id, symbology,"
                                     " quantity, resolved FROM unresolved_codes"
                                     " WHERE resolved = 0 OR ? ORDER BY seen_at DESC, id DESC"),
                      &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    q.addBindValue(includeResolved ? 1 : 0);
    if (!sql::exec(q, &error)) {
        qCWarning(lcCarts) << error;
        return result;
    }
    while (q.next()) {
        UnresolvedCode c;
        c.id = q.value(0).toLongLong();
        c.code = q.value(1).toString();
        c.origin = lineSourceFromName(q.value(2).toString()).value_or(LineSource::Typed);
        c.seenAt = timestampFromSql(q.value(3));
        c.cartId = q.value(4).toLongLong();
        c.symbology = q.value(5).toString();
        if (!q.value(6).isNull())
            c.quantity = q.value(6).toLongLong();
        c.resolved = q.value(7).toBool();
        result.append(c);
    }
    return result;
}

bool CartStore::setResolved(const QList<qint64> &ids, bool resolved, QString *error)
{
    return m_db.write(
        [&](QString *e) {
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE unresolved_codes SET resolved = ?"
                                             " WHERE id = ?"),
                              e))
                return false;
            for (qint64 id : ids) {
                q.addBindValue(resolved ? 1 : 0);
                q.addBindValue(id);
                if (!sql::exec(q, e))
                    return false;
                if (q.numRowsAffected() != 1)
                    return sql::fail(e, QStringLiteral("no unresolved code with id %1").arg(id));
            }
            return true;
        },
        error);
}

} // namespace qm
