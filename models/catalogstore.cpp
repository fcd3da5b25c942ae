#include "models/catalogstore.h"

#include "core/catalog.h"
#include "core/gtin.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/liststore.h"
#include "models/orderstore.h"
#include "models/searchindex.h"
#include "models/searchtext.h"
#include "models/sql.h"
#include "models/sqlrows.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcStore, "qm.models.catalogstore", QtInfoMsg)

QString timestampToSql(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timestampFromSql(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

// The columns of products_fts, which are also columns of products (external content).
const QString DiscountTable =
    QStringLiteral("discounts(sku, position, currency, category, percent, valid_from, valid_to)");

const QString IndexedColumns =
    QStringLiteral("sku, name, description, brand, attribute_text, category_path, search_terms");

// The pack a product is normally sold in: the smallest one that holds at least an order
// multiple, or the largest if none does.
const Pack *salesPack(const Product &p)
{
    const Pack *best = nullptr;
    for (const Pack &pack : p.packs) {
        if (pack.quantity < p.orderMultiple)
            continue;
        if (!best || pack.quantity < best->quantity)
            best = &pack;
    }
    if (best)
        return best;
    for (const Pack &pack : p.packs) {
        if (!best || pack.quantity > best->quantity)
            best = &pack;
    }
    return best;
}

using sqlrows::appendRow;
using sqlrows::Value;

QString dateText(QDate d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

bool checkKey(const QString &key, const QString &code, const char *field, QString *error)
{
    if (code == key)
        return true;
    return sql::fail(error, QStringLiteral("payload %1 '%2' does not match the key")
                                .arg(QLatin1StringView(field), code));
}

// The rows of one payload, as PreparedEntry holds them; false with a reason if the payload
// does not parse or names another key.
bool prepareProduct(const jsontext::Value &data, PreparedEntry &e, QString *error)
{
    const auto product = Product::fromJson(data, error);
    if (!product || !checkKey(e.key, product->sku, "sku", error))
        return false;
    const Product &p = *product;
    const Pack *pack = salesPack(p);
    const QString noPack;
    appendRow(e.row,
              {p.sku, p.name, p.description, p.brand, p.categoryCode,
               p.categoryPath.join(QStringLiteral(" > ")),
               QString::fromUtf8(canonicalJson(data.value(u"attributes"))),
               p.attributes.values().join(u' '), searchtext::indexTerms(p), p.baseUom,
               p.minOrderQty, p.orderMultiple, p.discontinued ? 1 : 0, pack ? pack->name : noPack,
               pack ? pack->quantity : qint64(1), p.maxOrderQty, CodeResolver::codeKey(p.sku)});
    int position = 0;
    for (const Pack &pk : p.packs)
        appendRow(e.children, {p.sku, position++, pk.uom, pk.name, pk.quantity, pk.gtin,
                               Value::orNull(gtin::normalized(pk.gtin))});
    return true;
}

bool preparePrices(const jsontext::Value &data, PreparedEntry &e, QString *error)
{
    const auto prices = ProductPrices::fromJson(data, error);
    if (!prices || !checkKey(e.key, prices->sku, "sku", error))
        return false;
    int position = 0;
    for (const PriceRule &r : prices->rules)
        appendRow(e.children,
                  {prices->sku, position++, prices->currency, priceKindName(r.kind), r.uom,
                   r.minQty, r.unitPrice.units(), Value::orNull(dateText(r.validFrom)),
                   Value::orNull(dateText(r.validTo))});
    position = 0;
    for (const CategoryDiscount &d : prices->discounts)
        appendRow(e.discounts,
                  {prices->sku, position++, prices->currency, d.category, d.percent.units(),
                   Value::orNull(dateText(d.validFrom)), Value::orNull(dateText(d.validTo))});
    return true;
}

bool prepareStock(const jsontext::Value &data, PreparedEntry &e, QString *error)
{
    const auto stock = ProductStock::fromJson(data, error);
    if (!stock || !checkKey(e.key, stock->sku, "sku", error))
        return false;
    int position = 0;
    for (const StockLevel &l : stock->levels)
        appendRow(e.children,
                  {stock->sku, position++, l.warehouse, l.warehouseName, l.onHand, l.leadTimeDays,
                   Value::orNull(dateText(l.nextReceiptDate)), l.nextReceiptQty});
    return true;
}

bool preparePartNumber(const jsontext::Value &data, PreparedEntry &e, QString *error)
{
    const auto entry = CustomerPartNumber::fromJson(data, error);
    if (!entry || !checkKey(e.key, entry->partNumber, "part_number", error))
        return false;
    appendRow(e.row, {entry->partNumber, entry->sku, Value::orNull(entry->description),
                      CodeResolver::codeKey(entry->partNumber)});
    return true;
}

PreparedEntry prepareEntry(Feed feed, const FeedItem &item)
{
    PreparedEntry e;
    e.key = item.key;
    e.deleted = item.deleted;
    if (item.deleted)
        return e;
    e.hash = feedEntryHash(item.key, item.payload);
    QString why;
    bool ok = true;
    switch (feed) {
    case Feed::Products:
        ok = prepareProduct(item.payload, e, &why);
        break;
    case Feed::Prices:
        ok = preparePrices(item.payload, e, &why);
        break;
    case Feed::Stock:
        ok = prepareStock(item.payload, e, &why);
        break;
    case Feed::PartNumbers:
        ok = preparePartNumber(item.payload, e, &why);
        break;
    case Feed::Lists:
    case Feed::Orders:
        e.data = item.data();
        break;
    }
    if (!ok)
        e.error = QStringLiteral("%1 entry '%2': %3").arg(feedName(feed), e.key, why);
    return e;
}

// The sync_state row of one feed, plus the generation that marks what a resync has seen.
struct StateRow
{
    FeedState state;
    qint64 generation = 0;
    // Products only: the pull fills the products table and leaves the full-text index to be
    // built afterwards, in one pass or a range of products at a time. While it is pending, the
    // index holds exactly the products whose ids are at most `indexedThrough`.
    bool indexPending = false;
    qint64 indexedThrough = 0;

    // The highest product id the index holds: all of them when it is not pending.
    qint64 indexLimit() const
    {
        return indexPending ? indexedThrough : std::numeric_limits<qint64>::max();
    }
};

std::optional<StateRow> readState(const QSqlDatabase &db, Feed feed, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT cursor, count, digest, generation, resyncing,"
                                     " last_pulled_at, verified_at, index_pending,"
                                     " indexed_through FROM sync_state WHERE feed = ?"),
                      error))
        return std::nullopt;
    q.addBindValue(feedName(feed));
    if (!sql::exec(q, error))
        return std::nullopt;
    StateRow row;
    row.state.feed = feed;
    if (q.next()) {
        row.state.cursor = q.value(0).toLongLong();
        row.state.count = q.value(1).toLongLong();
        row.state.digest = FeedDigest(hashFromSql(q.value(2).toLongLong()));
        row.generation = q.value(3).toLongLong();
        row.state.resyncing = q.value(4).toBool();
        row.state.lastPulledAt = timestampFromSql(q.value(5));
        row.state.verifiedAt = timestampFromSql(q.value(6));
        row.indexPending = q.value(7).toBool();
        row.indexedThrough = q.value(8).toLongLong();
    }
    return row;
}

bool writeState(const QSqlDatabase &db, const StateRow &row, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(
            q,
            QStringLiteral("INSERT INTO sync_state(feed, cursor, count, digest, generation,"
                           " resyncing, last_pulled_at, verified_at, index_pending,"
                           " indexed_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor,"
                           " count = excluded.count, digest = excluded.digest,"
                           " generation = excluded.generation,"
                           " resyncing = excluded.resyncing,"
                           " last_pulled_at = excluded.last_pulled_at,"
                           " verified_at = excluded.verified_at,"
                           " index_pending = excluded.index_pending,"
                           " indexed_through = excluded.indexed_through"),
            error))
        return false;
    const FeedState &s = row.state;
    q.addBindValue(feedName(s.feed));
    q.addBindValue(s.cursor);
    q.addBindValue(s.count);
    q.addBindValue(hashToSql(s.digest.value()));
    q.addBindValue(row.generation);
    q.addBindValue(s.resyncing ? 1 : 0);
    q.addBindValue(s.lastPulledAt.isValid() ? QVariant(timestampToSql(s.lastPulledAt))
                                            : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(s.verifiedAt.isValid() ? QVariant(timestampToSql(s.verifiedAt))
                                          : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(row.indexPending ? 1 : 0);
    q.addBindValue(row.indexPending ? row.indexedThrough : 0);
    return sql::exec(q, error);
}

// INSERT INTO `table`(`columns`) of one row of positional parameters; `conflict` names the
// unique column an upsert replaces on.
QString insertRow(const QString &table, const QStringList &columns, const QString &conflict = {})
{
    QStringList placeholders;
    for (qsizetype i = 0; i < columns.size(); ++i)
        placeholders << QStringLiteral("?");
    QString statement = QStringLiteral("INSERT INTO %1(%2) VALUES (%3)")
                            .arg(table, columns.join(QStringLiteral(", ")),
                                 placeholders.join(QStringLiteral(", ")));
    if (conflict.isEmpty())
        return statement;
    QStringList set;
    for (const QString &c : columns)
        set << QStringLiteral("%1 = excluded.%1").arg(c);
    return statement + QStringLiteral(" ON CONFLICT(%1) DO UPDATE SET %2")
                           .arg(conflict, set.join(QStringLiteral(", ")));
}

const QString InSkus = QStringLiteral("sku IN (SELECT value FROM json_each(?))");

// The statements one page needs, prepared once per page. The domain rows of the page's
// entries are written by table, from the rows PreparedEntry holds packed (sqlrows::Statement
// binds them to SQLite without QtSql's per-value cost where it can).
class PageApplier final
{
public:
    PageApplier(const QSqlDatabase &db, Feed feed)
        : m_feed(feed)
        , m_feedName(feedName(feed))
        , m_connection(db)
        , m_selectItems(db)
        , m_upsertItems(db)
        , m_deleteItem(db)
        , m_deleteDomain(db)
        , m_deleteDiscounts(db)
        , m_unindex(db)
        , m_index(db)
    {}

    bool prepare(QString *error)
    {
        // The feed's name is one of feedName()'s, never input.
        if (!sql::prepare(m_selectItems,
                          QStringLiteral("SELECT f.key, f.hash FROM json_each(?) AS j"
                                         " CROSS JOIN feed_items AS f"
                                         " WHERE f.feed = '%1' AND f.key = j.value")
                              .arg(m_feedName),
                          error) ||
            !m_upsertItems.prepare(
                QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                               " VALUES ('%1', ?, ?, ?)"
                               " ON CONFLICT(feed, key) DO UPDATE"
                               " SET hash = excluded.hash,"
                               " generation = excluded.generation")
                    .arg(m_feedName),
                3, error) ||
            !sql::prepare(m_deleteItem,
                          QStringLiteral("DELETE FROM feed_items WHERE feed = ? AND key = ?"),
                          error))
            return false;
        switch (m_feed) {
        case Feed::Products:
            return sql::prepare(m_deleteDomain,
                                QStringLiteral("DELETE FROM products WHERE sku = ?"), error) &&
                   sql::prepare(m_unindex,
                                QStringLiteral("INSERT INTO products_fts(products_fts, rowid, %1)"
                                               " SELECT 'delete', id, %1 FROM products"
                                               " WHERE sku IN (SELECT value FROM json_each(?))"
                                               " AND id <= ?")
                                    .arg(searchindex::indexedColumns()),
                                error) &&
                   sql::prepare(m_index,
                                QStringLiteral("INSERT INTO products_fts(rowid, %1)"
                                               " SELECT id, %1 FROM products"
                                               " WHERE sku IN (SELECT value FROM json_each(?))"
                                               " AND id <= ?")
                                    .arg(searchindex::indexedColumns()),
                                error) &&
                   m_vocabulary.prepare(m_connection, error) &&
                   addStatement(m_clear,
                                QStringLiteral("DELETE FROM packs WHERE product_id IN"
                                               " (SELECT id FROM products WHERE %1)")
                                    .arg(InSkus),
                                error) &&
                   addRows(m_insert, QStringLiteral("products"),
                           {QStringLiteral("sku"), QStringLiteral("name"),
                            QStringLiteral("description"), QStringLiteral("brand"),
                            QStringLiteral("category_code"), QStringLiteral("category_path"),
                            QStringLiteral("attributes"), QStringLiteral("attribute_text"),
                            QStringLiteral("search_terms"), QStringLiteral("base_uom"),
                            QStringLiteral("min_order_qty"), QStringLiteral("order_multiple"),
                            QStringLiteral("discontinued"), QStringLiteral("pack_label"),
                            QStringLiteral("pack_quantity"), QStringLiteral("max_order_qty"),
                            QStringLiteral("sku_key")},
                           QStringLiteral("sku"), error) &&
                   // A pack row names its product by SKU, which finds the product's id.
                   addStatement(m_insertChildren,
                                QStringLiteral("INSERT INTO packs(product_id, position, uom, name,"
                                               " quantity, gtin, gtin14) VALUES ((SELECT id FROM"
                                               " products WHERE sku = ?), ?, ?, ?, ?, ?, ?)"),
                                7, error);
        case Feed::Prices:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM prices WHERE sku = ?"),
                                error) &&
                   sql::prepare(m_deleteDiscounts,
                                QStringLiteral("DELETE FROM discounts WHERE sku = ?"), error) &&
                   addStatement(m_clear, QStringLiteral("DELETE FROM prices WHERE %1").arg(InSkus),
                                error) &&
                   addStatement(m_clear,
                                QStringLiteral("DELETE FROM discounts WHERE %1").arg(InSkus),
                                error) &&
                   addRows(m_insertChildren, QStringLiteral("prices"),
                           {QStringLiteral("sku"), QStringLiteral("position"),
                            QStringLiteral("currency"), QStringLiteral("kind"),
                            QStringLiteral("uom"), QStringLiteral("min_qty"),
                            QStringLiteral("unit_price"), QStringLiteral("valid_from"),
                            QStringLiteral("valid_to")},
                           {}, error) &&
                   addRows(m_insertDiscounts, QStringLiteral("discounts"),
                           {QStringLiteral("sku"), QStringLiteral("position"),
                            QStringLiteral("currency"), QStringLiteral("category"),
                            QStringLiteral("percent"), QStringLiteral("valid_from"),
                            QStringLiteral("valid_to")},
                           {}, error);
        case Feed::Stock:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM stock WHERE sku = ?"),
                                error) &&
                   addStatement(m_clear, QStringLiteral("DELETE FROM stock WHERE %1").arg(InSkus),
                                error) &&
                   addRows(m_insertChildren, QStringLiteral("stock"),
                           {QStringLiteral("sku"), QStringLiteral("position"),
                            QStringLiteral("warehouse"), QStringLiteral("warehouse_name"),
                            QStringLiteral("on_hand"), QStringLiteral("lead_time_days"),
                            QStringLiteral("next_receipt_date"),
                            QStringLiteral("next_receipt_qty")},
                           {}, error);
        case Feed::PartNumbers:
            return sql::prepare(m_deleteDomain,
                                QStringLiteral("DELETE FROM part_numbers WHERE part_number = ?"),
                                error) &&
                   addRows(m_insert, QStringLiteral("part_numbers"),
                           {QStringLiteral("part_number"), QStringLiteral("sku"),
                            QStringLiteral("description"), QStringLiteral("part_key")},
                           QStringLiteral("part_number"), error);
        case Feed::Lists:
            return true; // ListStore writes the rows
        case Feed::Orders:
            return true; // OrderStore writes the rows
        }
        return false;
    }

    // The full-text index follows the products in two statements per page rather than one
    // per row: every statement that opens a savepoint makes FTS5 flush its pending terms.
    // Before the rows change, unindexKeys() takes the page's products out of the index with
    // exactly the texts they were indexed by (external content); afterwards indexKeys()
    // indexes what the products table now holds for those keys.
    // Only products whose ids are at most `limit` are in the index (StateRow::indexLimit()).
    bool unindexKeys(const QStringList &keys, qint64 limit, QString *error)
    {
        if (keys.isEmpty() || limit <= 0)
            return true;
        m_unindex.bindValue(0, sql::jsonArray(keys));
        m_unindex.bindValue(1, limit);
        return sql::exec(m_unindex, error);
    }
    // The stored hashes of those of `keys` that the cache has entries for, in one statement.
    bool storedHashes(const QStringList &keys, QHash<QString, quint64> *hashes, QString *error)
    {
        if (!runForKeys(m_selectItems, keys, error))
            return false;
        while (m_selectItems.next())
            hashes->insert(m_selectItems.value(0).toString(),
                           hashFromSql(m_selectItems.value(1).toLongLong()));
        m_selectItems.finish();
        return true;
    }
    // Indexes the products of `keys` whose ids are at most `limit` and adds their terms to the
    // search vocabulary.
    bool indexKeys(const QStringList &keys, qint64 limit, QString *error)
    {
        if (keys.isEmpty() || limit <= 0)
            return true;
        const QString json = sql::jsonArray(keys);
        m_index.bindValue(0, json);
        m_index.bindValue(1, limit);
        return sql::exec(m_index, error) && m_vocabulary.add(json, error);
    }

    // Writes the hash of every entry in `items` and stamps it with `generation`.
    bool storeItems(const QHash<QString, quint64> &items, qint64 generation, QString *error)
    {
        QByteArray rows;
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            appendRow(rows, {it.key(), hashToSql(it.value()), generation});
        return m_upsertItems.run(rows, error);
    }

    // Removes an entry and the domain rows it stands for.
    bool removeItem(const QString &key, QString *error)
    {
        m_deleteDomain.bindValue(0, key);
        m_deleteItem.bindValue(0, m_feedName);
        m_deleteItem.bindValue(1, key);
        if (m_feed == Feed::Prices) {
            m_deleteDiscounts.bindValue(0, key);
            if (!sql::exec(m_deleteDiscounts, error))
                return false;
        }
        if (m_feed == Feed::Lists)
            return ListStore::removeFeedEntry(m_connection, key, error) &&
                   sql::exec(m_deleteItem, error);
        if (m_feed == Feed::Orders)
            return OrderStore::removeFeedEntry(m_connection, key, error) &&
                   sql::exec(m_deleteItem, error);
        return sql::exec(m_deleteDomain, error) && sql::exec(m_deleteItem, error);
    }

    // Replaces the domain rows of `entries` with their prepared rows; `replaced` are the keys
    // of those the cache has rows for, which go first. An entry whose payload did not parse
    // fails them all.
    bool writeEntries(const QList<const PreparedEntry *> &entries, const QStringList &replaced,
                      QString *error)
    {
        for (const PreparedEntry *entry : entries) {
            if (!entry->error.isEmpty())
                return sql::fail(error, entry->error);
        }
        if (m_feed == Feed::Lists || m_feed == Feed::Orders) {
            for (const PreparedEntry *entry : entries) {
                QString why;
                const bool ok =
                    m_feed == Feed::Lists
                        ? ListStore::applyFeedEntry(m_connection, entry->key, entry->data, &why)
                        : OrderStore::applyFeedEntry(m_connection, entry->key, entry->data, &why);
                if (!ok)
                    return sql::fail(
                        error,
                        QStringLiteral("%1 entry '%2': %3").arg(m_feedName, entry->key, why));
            }
            return true;
        }
        if (!replaced.isEmpty()) {
            for (const auto &clear : m_clear) {
                if (!runForKeys(*clear, replaced, error))
                    return false;
            }
        }
        return insertAll(m_insert.get(), entries, &PreparedEntry::row, error) &&
               insertAll(m_insertChildren.get(), entries, &PreparedEntry::children, error) &&
               insertAll(m_insertDiscounts.get(), entries, &PreparedEntry::discounts, error);
    }

private:
    static bool runForKeys(QSqlQuery &q, const QStringList &keys, QString *error)
    {
        if (keys.isEmpty())
            return true;
        q.bindValue(0, sql::jsonArray(keys));
        return sql::exec(q, error);
    }

    bool addStatement(std::unique_ptr<QSqlQuery> &q, const QString &statement, QString *error)
    {
        q = std::make_unique<QSqlQuery>(m_connection);
        return sql::prepare(*q, statement, error);
    }
    bool addStatement(std::vector<std::unique_ptr<QSqlQuery>> &list, const QString &statement,
                      QString *error)
    {
        list.emplace_back();
        return addStatement(list.back(), statement, error);
    }
    bool addStatement(std::unique_ptr<sqlrows::Statement> &q, const QString &statement, int columns,
                      QString *error)
    {
        q = std::make_unique<sqlrows::Statement>(m_connection);
        return q->prepare(statement, columns, error);
    }
    bool addRows(std::unique_ptr<sqlrows::Statement> &q, const QString &table,
                 const QStringList &columns, const QString &conflict, QString *error)
    {
        return addStatement(q, insertRow(table, columns, conflict), int(columns.size()), error);
    }

    // Runs `insert` over the rows that `field` holds for each of `entries`, entry by entry, so
    // that a failure names the entry it is about.
    bool insertAll(sqlrows::Statement *insert, const QList<const PreparedEntry *> &entries,
                   QByteArray PreparedEntry::*field, QString *error) const
    {
        if (!insert)
            return true;
        QString why;
        for (const PreparedEntry *entry : entries) {
            if (!insert->run(entry->*field, &why))
                return sql::fail(
                    error, QStringLiteral("%1 entry '%2': %3").arg(m_feedName, entry->key, why));
        }
        return true;
    }

    Feed m_feed;
    QString m_feedName;
    QSqlDatabase m_connection;
    QSqlQuery m_selectItems;
    sqlrows::Statement m_upsertItems;
    QSqlQuery m_deleteItem;
    QSqlQuery m_deleteDomain;
    QSqlQuery m_deleteDiscounts;
    QSqlQuery m_unindex;
    QSqlQuery m_index;
    // The domain rows' statements: what clears the child rows of replaced keys, the upsert
    // of the entries' rows, their child rows and (prices) their discounts.
    std::vector<std::unique_ptr<QSqlQuery>> m_clear;
    std::unique_ptr<sqlrows::Statement> m_insert;
    std::unique_ptr<sqlrows::Statement> m_insertChildren;
    std::unique_ptr<sqlrows::Statement> m_insertDiscounts;
    searchindex::VocabularyWriter m_vocabulary;
};

// Indexes every product (and fills the search vocabulary) in one pass.
bool rebuildIndex(const QSqlDatabase &db, qint64 products, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    if (!searchindex::rebuild(db, error))
        return false;
    qCInfo(lcStore) << "full-text index of" << products << "products built in" << timer.elapsed()
                    << "ms";
    return true;
}

} // namespace

CatalogStore::CatalogStore(Database &db)
    : m_db(db)
{}

FeedState CatalogStore::state(Feed feed) const
{
    QString error;
    const auto row = readState(m_db.connection(), feed, &error);
    if (!row) {
        qCWarning(lcStore) << "cannot read the sync state of" << feedName(feed) << ":" << error;
        FeedState empty;
        empty.feed = feed;
        return empty;
    }
    return row->state;
}

PreparedPage CatalogStore::prepare(Feed feed, const FeedPage &page)
{
    PreparedPage prepared;
    prepared.feed = feed;
    prepared.next = page.next;
    prepared.hasMore = page.hasMore;
    prepared.entries.reserve(page.items.size());
    for (const FeedItem &item : page.items)
        prepared.entries.append(prepareEntry(feed, item));
    return prepared;
}

bool CatalogStore::applyPage(Feed feed, const FeedPage &page, QString *error)
{
    return applyPage(prepare(feed, page), error);
}

bool CatalogStore::applyPage(const PreparedPage &page, QString *error)
{
    const Feed feed = page.feed;
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            auto row = readState(db, feed, why);
            if (!row)
                return false;
            if (page.next < row->state.cursor)
                return sql::fail(
                    why, QStringLiteral("the page would move the %1 cursor back from %2 to %3")
                             .arg(feedName(feed))
                             .arg(row->state.cursor)
                             .arg(page.next));
            PageApplier applier(db, feed);
            if (!applier.prepare(why))
                return false;
            QStringList keys;
            keys.reserve(page.entries.size());
            for (const PreparedEntry &item : page.entries)
                keys << item.key;
            // What the cache holds of the page's keys, kept up to date while the page is
            // applied; the hashes to write go in one statement at the end.
            QHash<QString, quint64> stored;
            QHash<QString, quint64> toStore;
            if (!applier.storedHashes(keys, &stored, why))
                return false;
            FeedState &s = row->state;
            if (feed == Feed::Products) {
                // Into an empty feed, the products go in without the full-text index, which
                // is built once the pull is complete.
                if (s.count == 0) {
                    row->indexPending = true;
                    row->indexedThrough = 0;
                }
                // Otherwise the page's products leave the index before their rows change.
                if (!applier.unindexKeys(stored.keys(), row->indexLimit(), why))
                    return false;
            }
            // The count and digest follow the entries in order; the rows follow what the page
            // leaves of each key (its last entry) against what the cache held before it.
            const QHash<QString, quint64> before = stored;
            QHash<QString, const PreparedEntry *> last;
            for (const PreparedEntry &item : page.entries) {
                last.insert(item.key, &item);
                const auto found = stored.constFind(item.key);
                const bool had = found != stored.cend();
                const quint64 old = had ? *found : 0;
                if (item.deleted) {
                    if (!had)
                        continue; // a tombstone for something this cache never had
                    stored.remove(item.key);
                    toStore.remove(item.key);
                    s.digest.remove(old);
                    --s.count;
                    continue;
                }
                const quint64 hash = item.hash;
                if (!had || old != hash) {
                    if (had)
                        s.digest.remove(old);
                    else
                        ++s.count;
                    s.digest.add(hash);
                }
                stored.insert(item.key, hash);
                toStore.insert(item.key, hash);
            }
            QList<const PreparedEntry *> writes;
            QStringList replaced;
            for (const PreparedEntry &item : page.entries) {
                if (last.value(item.key) != &item)
                    continue; // a later entry of the page stands for this key
                const auto was = before.constFind(item.key);
                const bool had = was != before.cend();
                if (item.deleted) {
                    if (had && !applier.removeItem(item.key, why))
                        return false;
                    continue;
                }
                // Unchanged (typically during a resync): only marked as seen.
                if (had && *was == item.hash)
                    continue;
                writes << &item;
                if (had)
                    replaced << item.key;
            }
            if (!applier.writeEntries(writes, replaced, why))
                return false;
            if (!applier.storeItems(toStore, row->generation, why))
                return false;
            // Of a pending index, only the products up to its limit, so that it goes on holding
            // exactly those; the others are indexed with their range.
            if (feed == Feed::Products && !applier.indexKeys(keys, row->indexLimit(), why))
                return false;
            if (row->indexPending && !page.hasMore && !m_indexSeparately) {
                // The pull that filled an empty products feed is complete: index it all, in
                // the transaction of its last page.
                if (!rebuildIndex(db, s.count, why))
                    return false;
                row->indexPending = false;
                row->indexedThrough = 0;
            }
            s.cursor = page.next;
            return writeState(db, *row, why);
        },
        error);
}

bool CatalogStore::indexPendingProducts(int products, bool *complete, QString *error)
{
    *complete = false;
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            auto row = readState(db, Feed::Products, why);
            if (!row)
                return false;
            if (!row->indexPending) {
                *complete = true;
                return true;
            }
            QElapsedTimer timer;
            timer.start();
            // Nothing is indexed yet: make sure of it (a rebuild would empty the index too).
            if (row->indexedThrough == 0 && !searchindex::beginRanges(db, why))
                return false;
            // The id of the range's last product; none when fewer are left.
            QSqlQuery last(db);
            if (!sql::prepare(last,
                              QStringLiteral("SELECT id FROM products WHERE id > ?"
                                             " ORDER BY id LIMIT 1 OFFSET ?"),
                              why))
                return false;
            last.addBindValue(row->indexedThrough);
            last.addBindValue(std::max(products, 1) - 1);
            if (!sql::exec(last, why))
                return false;
            std::optional<qint64> through;
            if (last.next())
                through = last.value(0).toLongLong();
            last.finish();
            if (!searchindex::indexRange(db, row->indexedThrough, through, why))
                return false;
            if (through) {
                row->indexedThrough = *through;
            } else {
                if (!searchindex::completeRanges(db, why))
                    return false;
                row->indexPending = false;
                row->indexedThrough = 0;
                *complete = true;
            }
            if (!writeState(db, *row, why))
                return false;
            if (through)
                qCDebug(lcStore) << "full-text index through product" << *through << "in"
                                 << timer.elapsed() << "ms";
            else
                qCInfo(lcStore) << "full-text index complete; its last range took"
                                << timer.elapsed() << "ms";
            return true;
        },
        error);
}

bool CatalogStore::mergeIndex(int pages, bool *done, QString *error)
{
    *done = true;
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto row = readState(db, Feed::Products, why);
            if (!row)
                return false;
            return row->indexPending || searchindex::mergeStep(db, pages, done, why);
        },
        error);
}

std::optional<CatalogStore::IndexProgress> CatalogStore::pendingIndex() const
{
    QString error;
    const QSqlDatabase db = m_db.connection();
    const auto row = readState(db, Feed::Products, &error);
    if (!row || !row->indexPending)
        return std::nullopt;
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT count(*) FILTER (WHERE id <= ?), count(*)"
                                     " FROM products"),
                      &error))
        return std::nullopt;
    q.addBindValue(row->indexedThrough);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    return IndexProgress{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

bool CatalogStore::beginResync(Feed feed, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            auto row = readState(db, feed, why);
            if (!row)
                return false;
            ++row->generation;
            row->state.cursor = 0;
            row->state.resyncing = true;
            qCInfo(lcStore) << "resync of" << feedName(feed) << "begins, generation"
                            << row->generation;
            return writeState(db, *row, why);
        },
        error);
}

bool CatalogStore::finishPull(Feed feed, qint64 serverCount, FeedDigest serverDigest,
                              QString *error)
{
    if (error)
        error->clear();
    bool matched = false;
    const bool ok = m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            auto row = readState(db, feed, why);
            if (!row)
                return false;
            FeedState &s = row->state;
            if (s.resyncing) {
                // Sweep: what the re-pull did not deliver again is gone on the server.
                PageApplier applier(db, feed);
                if (!applier.prepare(why))
                    return false;
                QSqlQuery stale(db);
                if (!sql::prepare(stale,
                                  QStringLiteral("SELECT key, hash FROM feed_items"
                                                 " WHERE feed = ? AND generation < ?"),
                                  why))
                    return false;
                stale.addBindValue(feedName(feed));
                stale.addBindValue(row->generation);
                if (!sql::exec(stale, why))
                    return false;
                QList<QPair<QString, quint64>> gone;
                while (stale.next())
                    gone.append(
                        {stale.value(0).toString(), hashFromSql(stale.value(1).toLongLong())});
                stale.finish();
                QStringList goneKeys;
                for (const auto &entry : std::as_const(gone))
                    goneKeys << entry.first;
                if (feed == Feed::Products &&
                    !applier.unindexKeys(goneKeys, row->indexLimit(), why))
                    return false;
                for (const auto &[key, hash] : std::as_const(gone)) {
                    if (!applier.removeItem(key, why))
                        return false;
                    s.digest.remove(hash);
                    --s.count;
                }
                if (!gone.isEmpty())
                    qCInfo(lcStore)
                        << "resync of" << feedName(feed) << "removed" << gone.size() << "entries";
                s.resyncing = false;
                if (s.count != serverCount || s.digest != serverDigest) {
                    // The re-pull has just written every live entry and its hash again, so
                    // running totals that drifted (a damaged cache) are taken from the entries.
                    const qint64 count = recount(feed);
                    if (count < 0) {
                        *why = QStringLiteral("cannot count the entries of %1").arg(feedName(feed));
                        return false;
                    }
                    s.count = count;
                    s.digest = recomputeDigest(feed);
                }
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            s.lastPulledAt = now;
            matched = s.count == serverCount && s.digest == serverDigest;
            if (matched)
                s.verifiedAt = now;
            else
                qCWarning(lcStore) << feedName(feed) << "does not match the server: count"
                                   << s.count << "vs" << serverCount << ", digest"
                                   << s.digest.toHex() << "vs" << serverDigest.toHex();
            return writeState(db, *row, why);
        },
        error);
    return ok && matched;
}

qint64 CatalogStore::recount(Feed feed) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT count(*) FROM feed_items WHERE feed = ?"), &error))
        return -1;
    q.addBindValue(feedName(feed));
    if (!sql::exec(q, &error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

FeedDigest CatalogStore::recomputeDigest(Feed feed) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    FeedDigest digest;
    if (!sql::prepare(q, QStringLiteral("SELECT hash FROM feed_items WHERE feed = ?"), &error))
        return digest;
    q.addBindValue(feedName(feed));
    if (!sql::exec(q, &error))
        return digest;
    while (q.next())
        digest.add(hashFromSql(q.value(0).toLongLong()));
    return digest;
}

} // namespace qm
