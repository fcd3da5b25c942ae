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

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>

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

QVariant dateToSql(QDate d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate))
                       : QVariant(QMetaType(QMetaType::QString));
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

// The sync_state row of one feed, plus the generation that marks what a resync has seen.
struct StateRow
{
    FeedState state;
    qint64 generation = 0;
    // Products only: the pull fills the products table and leaves the full-text index to
    // finishPull(), which builds it in one pass.
    bool indexPending = false;
};

std::optional<StateRow> readState(const QSqlDatabase &db, Feed feed, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT cursor, count, digest, generation, resyncing,"
                                     " last_pulled_at, verified_at, index_pending"
                                     " FROM sync_state WHERE feed = ?"),
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
    }
    return row;
}

bool writeState(const QSqlDatabase &db, const StateRow &row, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(
            q,
            QStringLiteral("INSERT INTO sync_state(feed, cursor, count, digest, generation,"
                           " resyncing, last_pulled_at, verified_at, index_pending)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor,"
                           " count = excluded.count, digest = excluded.digest,"
                           " generation = excluded.generation,"
                           " resyncing = excluded.resyncing,"
                           " last_pulled_at = excluded.last_pulled_at,"
                           " verified_at = excluded.verified_at,"
                           " index_pending = excluded.index_pending"),
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
    return sql::exec(q, error);
}

// The statements one page needs, prepared once and reused for every entry of the page.
class PageApplier final
{
public:
    PageApplier(const QSqlDatabase &db, Feed feed)
        : m_feed(feed)
        , m_feedName(feedName(feed))
        , m_selectItems(db)
        , m_upsertItems(db)
        , m_deleteItem(db)
        , m_upsertDomain(db)
        , m_deleteDomain(db)
        , m_deletePacks(db)
        , m_connection(db)
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
            !sql::prepare(m_upsertItems,
                          QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                         " SELECT '%1', json_extract(value, '$[0]'),"
                                         " CAST(json_extract(value, '$[1]') AS INTEGER), ?"
                                         " FROM json_each(?) WHERE true"
                                         " ON CONFLICT(feed, key) DO UPDATE"
                                         " SET hash = excluded.hash,"
                                         " generation = excluded.generation")
                              .arg(m_feedName),
                          error) ||
            !sql::prepare(m_deleteItem,
                          QStringLiteral("DELETE FROM feed_items WHERE feed = ? AND key = ?"),
                          error))
            return false;
        switch (m_feed) {
        case Feed::Products:
            return sql::prepare(
                       m_upsertDomain,
                       QStringLiteral(
                           "INSERT INTO products(sku, name, description, brand, category_code,"
                           " category_path, attributes, attribute_text, search_terms, base_uom,"
                           " min_order_qty, order_multiple, discontinued, pack_label, "
                           "pack_quantity, max_order_qty, sku_key)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT(sku) DO UPDATE SET sku = excluded.sku,"
                           " name = excluded.name, description = excluded.description,"
                           " brand = excluded.brand, category_code = excluded.category_code,"
                           " category_path = excluded.category_path,"
                           " attributes = excluded.attributes,"
                           " attribute_text = excluded.attribute_text,"
                           " search_terms = excluded.search_terms, base_uom = excluded.base_uom,"
                           " min_order_qty = excluded.min_order_qty,"
                           " order_multiple = excluded.order_multiple,"
                           " discontinued = excluded.discontinued,"
                           " pack_label = excluded.pack_label,"
                           " pack_quantity = excluded.pack_quantity,"
                           " max_order_qty = excluded.max_order_qty, sku_key = excluded.sku_key"
                           " RETURNING id"),
                       error) &&
                   sql::prepare(m_deleteDomain,
                                QStringLiteral("DELETE FROM products WHERE sku = ?"), error) &&
                   sql::prepare(m_deletePacks,
                                QStringLiteral("DELETE FROM packs WHERE product_id = ?"), error) &&
                   sql::prepare(m_unindex,
                                QStringLiteral("INSERT INTO products_fts(products_fts, rowid, %1)"
                                               " SELECT 'delete', id, %1 FROM products"
                                               " WHERE sku IN (SELECT value FROM json_each(?))")
                                    .arg(searchindex::indexedColumns()),
                                error) &&
                   sql::prepare(m_index,
                                QStringLiteral("INSERT INTO products_fts(rowid, %1)"
                                               " SELECT id, %1 FROM products"
                                               " WHERE sku IN (SELECT value FROM json_each(?))")
                                    .arg(searchindex::indexedColumns()),
                                error) &&
                   m_vocabulary.prepare(m_connection, error) &&
                   setChildTable(QStringLiteral("packs(product_id, uom, position, name, quantity,"
                                                " gtin, gtin14)"),
                                 7);
        case Feed::Prices:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM prices WHERE sku = ?"),
                                error) &&
                   sql::prepare(m_deleteDiscounts,
                                QStringLiteral("DELETE FROM discounts WHERE sku = ?"), error) &&
                   setChildTable(
                       QStringLiteral("prices(sku, position, currency, kind, uom, min_qty,"
                                      " unit_price, valid_from, valid_to)"),
                       9);
        case Feed::Stock:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM stock WHERE sku = ?"),
                                error) &&
                   setChildTable(QStringLiteral("stock(sku, position, warehouse, warehouse_name,"
                                                " on_hand, lead_time_days, next_receipt_date,"
                                                " next_receipt_qty)"),
                                 8);
        case Feed::PartNumbers:
            return sql::prepare(
                       m_upsertDomain,
                       QStringLiteral("INSERT INTO part_numbers(part_number, sku, description)"
                                      " VALUES (?, ?, ?) ON CONFLICT(part_number) DO UPDATE"
                                      " SET part_number = excluded.part_number,"
                                      " sku = excluded.sku,"
                                      " description = excluded.description"),
                       error) &&
                   sql::prepare(m_deleteDomain,
                                QStringLiteral("DELETE FROM part_numbers WHERE part_number = ?"),
                                error);
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
    bool unindexKeys(const QStringList &keys, QString *error)
    {
        return runForKeys(m_unindex, keys, error);
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
    // Indexes the products of `keys` and adds their terms to the search vocabulary.
    bool indexKeys(const QStringList &keys, QString *error)
    {
        if (keys.isEmpty())
            return true;
        const QString json = keysJson(keys);
        m_index.bindValue(0, json);
        return sql::exec(m_index, error) && m_vocabulary.add(json, error);
    }

    // Writes the hash of every entry in `items` and stamps it with `generation`, in one
    // statement (the hashes travel as decimal text: JSON numbers are not exact beyond 2^53
    // everywhere).
    bool storeItems(const QHash<QString, quint64> &items, qint64 generation, QString *error)
    {
        if (items.isEmpty())
            return true;
        QJsonArray rows;
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            rows.append(QJsonArray{it.key(), QString::number(hashToSql(it.value()))});
        m_upsertItems.bindValue(0, generation);
        m_upsertItems.bindValue(
            1, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)));
        return sql::exec(m_upsertItems, error);
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

    // Parses the payload and replaces the domain rows of `key` with it. `replacing` says
    // whether the cache has rows for `key` (otherwise there is nothing to delete first).
    bool writeDomain(const QString &key, const QJsonObject &data, bool replacing, QString *error)
    {
        m_replacing = replacing;
        QString why;
        bool ok = false;
        switch (m_feed) {
        case Feed::Products:
            ok = writeProduct(key, data, &why);
            break;
        case Feed::Prices:
            ok = writePrices(key, data, &why);
            break;
        case Feed::Stock:
            ok = writeStock(key, data, &why);
            break;
        case Feed::PartNumbers:
            ok = writePartNumber(key, data, &why);
            break;
        case Feed::Lists:
            ok = ListStore::applyFeedEntry(m_connection, key, data, &why);
            break;
        case Feed::Orders:
            ok = OrderStore::applyFeedEntry(m_connection, key, data, &why);
            break;
        }
        if (!ok)
            sql::fail(error, QStringLiteral("%1 entry '%2': %3").arg(m_feedName, key, why));
        return ok;
    }

private:
    static QString keysJson(const QStringList &keys)
    {
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(keys)).toJson(QJsonDocument::Compact));
    }

    static bool runForKeys(QSqlQuery &q, const QStringList &keys, QString *error)
    {
        if (keys.isEmpty())
            return true;
        q.bindValue(0, keysJson(keys));
        return sql::exec(q, error);
    }

    static bool checkKey(const QString &key, const QString &sku, QString *error)
    {
        if (sku == key)
            return true;
        return sql::fail(error, QStringLiteral("payload sku '%1' does not match the key").arg(sku));
    }

    bool writeProduct(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto product = Product::fromJson(data, error);
        if (!product || !checkKey(key, product->sku, error))
            return false;
        const Product &p = *product;
        const Pack *pack = salesPack(p);
        QSqlQuery &q = m_upsertDomain;
        q.bindValue(0, sql::text(p.sku));
        q.bindValue(1, sql::text(p.name));
        q.bindValue(2, sql::text(p.description));
        q.bindValue(3, sql::text(p.brand));
        q.bindValue(4, sql::text(p.categoryCode));
        q.bindValue(5, sql::text(p.categoryPath.join(QStringLiteral(" > "))));
        q.bindValue(6, QString::fromUtf8(canonicalJson(data.value(u"attributes").toObject())));
        q.bindValue(7, sql::text(p.attributes.values().join(u' ')));
        q.bindValue(8, sql::text(searchtext::indexTerms(p)));
        q.bindValue(9, sql::text(p.baseUom));
        q.bindValue(10, p.minOrderQty);
        q.bindValue(11, p.orderMultiple);
        q.bindValue(12, p.discontinued ? 1 : 0);
        q.bindValue(13, sql::text(pack ? pack->name : QString()));
        q.bindValue(14, pack ? pack->quantity : qint64(1));
        q.bindValue(15, p.maxOrderQty);
        q.bindValue(16, CodeResolver::codeKey(p.sku));
        if (!sql::exec(q, error))
            return false;
        if (!q.next())
            return sql::fail(error, QStringLiteral("the product row has no id"));
        const qint64 id = q.value(0).toLongLong();
        q.finish();

        m_deletePacks.bindValue(0, id);
        if (m_replacing && !sql::exec(m_deletePacks, error))
            return false;
        return insertChildren(
            p.packs, error, [id](QSqlQuery &insert, int at, const Pack &pk, int position) {
                const QString gtin14 = gtin::normalized(pk.gtin);
                insert.bindValue(at, id);
                insert.bindValue(at + 1, pk.uom);
                insert.bindValue(at + 2, position);
                insert.bindValue(at + 3, sql::text(pk.name));
                insert.bindValue(at + 4, pk.quantity);
                insert.bindValue(at + 5, sql::text(pk.gtin));
                insert.bindValue(at + 6, gtin14.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                          : QVariant(gtin14));
            });
    }

    bool writePrices(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto prices = ProductPrices::fromJson(data, error);
        if (!prices || !checkKey(key, prices->sku, error))
            return false;
        if (!replaceSkuRows(key, prices->rules, error,
                            [&](QSqlQuery &q, int at, const PriceRule &r) {
                                q.bindValue(at, prices->currency);
                                q.bindValue(at + 1, priceKindName(r.kind));
                                q.bindValue(at + 2, r.uom);
                                q.bindValue(at + 3, r.minQty);
                                q.bindValue(at + 4, r.unitPrice.units());
                                q.bindValue(at + 5, dateToSql(r.validFrom));
                                q.bindValue(at + 6, dateToSql(r.validTo));
                            }))
            return false;
        m_deleteDiscounts.bindValue(0, key);
        if (m_replacing && !sql::exec(m_deleteDiscounts, error))
            return false;
        return insertChildren(DiscountTable, 7, prices->discounts, error,
                              [&](QSqlQuery &q, int at, const CategoryDiscount &d, int position) {
                                  q.bindValue(at, key);
                                  q.bindValue(at + 1, position);
                                  q.bindValue(at + 2, prices->currency);
                                  q.bindValue(at + 3, d.category);
                                  q.bindValue(at + 4, d.percent.units());
                                  q.bindValue(at + 5, dateToSql(d.validFrom));
                                  q.bindValue(at + 6, dateToSql(d.validTo));
                              });
    }

    bool writePartNumber(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto entry = CustomerPartNumber::fromJson(data, error);
        if (!entry)
            return false;
        if (entry->partNumber != key)
            return sql::fail(error,
                             QStringLiteral("payload part_number '%1' does not match the key")
                                 .arg(entry->partNumber));
        m_upsertDomain.bindValue(0, entry->partNumber);
        m_upsertDomain.bindValue(1, entry->sku);
        m_upsertDomain.bindValue(2, entry->description.isEmpty()
                                        ? QVariant(QMetaType(QMetaType::QString))
                                        : QVariant(entry->description));
        return sql::exec(m_upsertDomain, error);
    }

    bool writeStock(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto stock = ProductStock::fromJson(data, error);
        if (!stock || !checkKey(key, stock->sku, error))
            return false;
        return replaceSkuRows(key, stock->levels, error,
                              [](QSqlQuery &q, int at, const StockLevel &l) {
                                  q.bindValue(at, l.warehouse);
                                  q.bindValue(at + 1, sql::text(l.warehouseName));
                                  q.bindValue(at + 2, l.onHand);
                                  q.bindValue(at + 3, l.leadTimeDays);
                                  q.bindValue(at + 4, dateToSql(l.nextReceiptDate));
                                  q.bindValue(at + 5, l.nextReceiptQty);
                              });
    }

    // Replaces the rows of `key` in a table keyed by SKU (prices, stock): one row per
    // element, in order; `bindRow(q, at, row)` binds the columns after sku and position,
    // starting at parameter `at`.
    template<typename Row, typename BindRow>
    bool replaceSkuRows(const QString &key, const QList<Row> &rows, QString *error, BindRow bindRow)
    {
        m_deleteDomain.bindValue(0, key);
        if (m_replacing && !sql::exec(m_deleteDomain, error))
            return false;
        return insertChildren(rows, error, [&](QSqlQuery &q, int at, const Row &row, int position) {
            q.bindValue(at, key);
            q.bindValue(at + 1, position);
            bindRow(q, at + 2, row);
        });
    }

    bool setChildTable(const QString &tableAndColumns, int columns)
    {
        m_childTable = tableAndColumns;
        m_childColumns = columns;
        return true;
    }

    // Inserts child rows (packs, prices, stock) with one multi-row INSERT per entry rather
    // than one statement per row; `bindRow(q, at, row, position)` binds one row's columns
    // from parameter `at`.
    template<typename Row, typename BindRow>
    bool insertChildren(const QList<Row> &rows, QString *error, BindRow bindRow)
    {
        return insertChildren(m_childTable, m_childColumns, rows, error, bindRow);
    }

    template<typename Row, typename BindRow>
    bool insertChildren(const QString &table, int columns, const QList<Row> &rows, QString *error,
                        BindRow bindRow)
    {
        constexpr qsizetype Chunk = 64;
        for (qsizetype start = 0; start < rows.size(); start += Chunk) {
            const int n = int(std::min(Chunk, rows.size() - start));
            QSqlQuery *q = childInsert(table, columns, n, error);
            if (!q)
                return false;
            for (int i = 0; i < n; ++i)
                bindRow(*q, i * columns, rows.at(start + i), int(start + i));
            if (!sql::exec(*q, error))
                return false;
        }
        return true;
    }

    // The INSERT of `rows` child rows into `table`, prepared on first use.
    QSqlQuery *childInsert(const QString &table, int columns, int rows, QString *error)
    {
        auto &q = m_childInserts[{table, rows}];
        if (q)
            return q.get();
        QStringList params(columns, QStringLiteral("?"));
        const QString tuple = u'(' + params.join(QStringLiteral(", ")) + u')';
        QStringList tuples(rows, tuple);
        q = std::make_unique<QSqlQuery>(m_connection);
        if (!sql::prepare(*q,
                          QStringLiteral("INSERT INTO %1 VALUES %2")
                              .arg(table, tuples.join(QStringLiteral(", "))),
                          error)) {
            q.reset();
            return nullptr;
        }
        return q.get();
    }

    Feed m_feed;
    QString m_feedName;
    bool m_replacing = true;
    QSqlQuery m_selectItems;
    QSqlQuery m_upsertItems;
    QSqlQuery m_deleteItem;
    QSqlQuery m_upsertDomain;
    QSqlQuery m_deleteDomain;
    QSqlQuery m_deletePacks;
    QSqlDatabase m_connection;
    QString m_childTable;
    int m_childColumns = 0;
    std::map<std::pair<QString, int>, std::unique_ptr<QSqlQuery>> m_childInserts;
    QSqlQuery m_deleteDiscounts;
    QSqlQuery m_unindex;
    QSqlQuery m_index;
    searchindex::VocabularyWriter m_vocabulary;
};

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

bool CatalogStore::applyPage(Feed feed, const FeedPage &page, QString *error)
{
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
            keys.reserve(page.items.size());
            for (const FeedItem &item : page.items)
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
                // finishPull() builds in one pass.
                if (s.count == 0)
                    row->indexPending = true;
                // Otherwise the page's products leave the index before their rows change.
                if (!row->indexPending && !applier.unindexKeys(stored.keys(), why))
                    return false;
            }
            for (const FeedItem &item : page.items) {
                const auto found = stored.constFind(item.key);
                const bool had = found != stored.cend();
                const quint64 old = had ? *found : 0;
                if (item.deleted) {
                    if (!had)
                        continue; // a tombstone for something this cache never had
                    if (!applier.removeItem(item.key, why))
                        return false;
                    stored.remove(item.key);
                    toStore.remove(item.key);
                    s.digest.remove(old);
                    --s.count;
                    continue;
                }
                const quint64 hash = feedEntryHash(item.key, canonicalJson(item.data));
                // Unchanged (typically during a resync): only marked as seen.
                if (!had || old != hash) {
                    if (!applier.writeDomain(item.key, item.data, had, why))
                        return false;
                    if (had)
                        s.digest.remove(old);
                    else
                        ++s.count;
                    s.digest.add(hash);
                }
                stored.insert(item.key, hash);
                toStore.insert(item.key, hash);
            }
            if (!applier.storeItems(toStore, row->generation, why))
                return false;
            if (feed == Feed::Products && !row->indexPending && !applier.indexKeys(keys, why))
                return false;
            if (row->indexPending && !page.hasMore) {
                // The pull that filled an empty products feed is complete: index it all, in
                // the transaction of its last page.
                QElapsedTimer timer;
                timer.start();
                if (!searchindex::rebuild(db, why))
                    return false;
                row->indexPending = false;
                qCInfo(lcStore) << "full-text index of" << s.count << "products built in"
                                << timer.elapsed() << "ms";
            }
            s.cursor = page.next;
            return writeState(db, *row, why);
        },
        error);
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
                if (feed == Feed::Products && !row->indexPending &&
                    !applier.unindexKeys(goneKeys, why))
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
