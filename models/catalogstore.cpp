#include "models/catalogstore.h"

#include "core/catalog.h"
#include "core/gtin.h"
#include "models/database.h"
#include "models/searchtext.h"
#include "models/sql.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcStore, "qm.models.catalogstore")

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
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

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
};

std::optional<StateRow> readState(const QSqlDatabase &db, Feed feed, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT cursor, count, digest, generation, resyncing,"
                                     " last_pulled_at, verified_at FROM sync_state WHERE feed = ?"),
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
    }
    return row;
}

bool writeState(const QSqlDatabase &db, const StateRow &row, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("INSERT INTO sync_state(feed, cursor, count, digest, generation,"
                                     " resyncing, last_pulled_at, verified_at)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                     " ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor,"
                                     " count = excluded.count, digest = excluded.digest,"
                                     " generation = excluded.generation,"
                                     " resyncing = excluded.resyncing,"
                                     " last_pulled_at = excluded.last_pulled_at,"
                                     " verified_at = excluded.verified_at"),
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
    return sql::exec(q, error);
}

// The statements one page needs, prepared once and reused for every entry of the page.
class PageApplier final
{
public:
    PageApplier(const QSqlDatabase &db, Feed feed)
        : m_feed(feed)
        , m_feedName(feedName(feed))
        , m_selectItem(db)
        , m_upsertItem(db)
        , m_touchItem(db)
        , m_deleteItem(db)
        , m_upsertDomain(db)
        , m_deleteDomain(db)
        , m_deletePacks(db)
        , m_insertChild(db)
    {
    }

    bool prepare(QString *error)
    {
        if (!sql::prepare(m_selectItem,
                          QStringLiteral("SELECT hash FROM feed_items WHERE feed = ? AND key = ?"),
                          error)
            || !sql::prepare(m_upsertItem,
                             QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                            " VALUES (?, ?, ?, ?) ON CONFLICT(feed, key) DO UPDATE"
                                            " SET hash = excluded.hash,"
                                            " generation = excluded.generation"),
                             error)
            || !sql::prepare(m_touchItem,
                             QStringLiteral("UPDATE feed_items SET generation = ?"
                                            " WHERE feed = ? AND key = ?"),
                             error)
            || !sql::prepare(m_deleteItem,
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
                           " min_order_qty, order_multiple, discontinued, pack_label, pack_quantity)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
                           " pack_quantity = excluded.pack_quantity"
                           " RETURNING id"),
                       error)
                   && sql::prepare(m_deleteDomain,
                                   QStringLiteral("DELETE FROM products WHERE sku = ?"), error)
                   && sql::prepare(m_deletePacks,
                                   QStringLiteral("DELETE FROM packs WHERE product_id = ?"), error)
                   && sql::prepare(m_insertChild,
                                   QStringLiteral("INSERT INTO packs(product_id, uom, position, name,"
                                                  " quantity, gtin, gtin14)"
                                                  " VALUES (?, ?, ?, ?, ?, ?, ?)"),
                                   error);
        case Feed::Prices:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM prices WHERE sku = ?"),
                                error)
                   && sql::prepare(m_insertChild,
                                   QStringLiteral("INSERT INTO prices(sku, position, currency, kind,"
                                                  " uom, min_qty, unit_price, valid_from, valid_to)"
                                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                   error);
        case Feed::Stock:
            return sql::prepare(m_deleteDomain, QStringLiteral("DELETE FROM stock WHERE sku = ?"),
                                error)
                   && sql::prepare(m_insertChild,
                                   QStringLiteral("INSERT INTO stock(sku, position, warehouse,"
                                                  " warehouse_name, on_hand, lead_time_days,"
                                                  " next_receipt_date, next_receipt_qty)"
                                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                   error);
        }
        return false;
    }

    // The stored hash of an entry, if the cache has it.
    bool storedHash(const QString &key, std::optional<quint64> *hash, QString *error)
    {
        m_selectItem.bindValue(0, m_feedName);
        m_selectItem.bindValue(1, key);
        if (!sql::exec(m_selectItem, error))
            return false;
        *hash = m_selectItem.next() ? std::optional<quint64>(hashFromSql(m_selectItem.value(0).toLongLong()))
                                    : std::nullopt;
        m_selectItem.finish();
        return true;
    }

    bool storeItem(const QString &key, quint64 hash, qint64 generation, QString *error)
    {
        m_upsertItem.bindValue(0, m_feedName);
        m_upsertItem.bindValue(1, key);
        m_upsertItem.bindValue(2, hashToSql(hash));
        m_upsertItem.bindValue(3, generation);
        return sql::exec(m_upsertItem, error);
    }

    bool touchItem(const QString &key, qint64 generation, QString *error)
    {
        m_touchItem.bindValue(0, generation);
        m_touchItem.bindValue(1, m_feedName);
        m_touchItem.bindValue(2, key);
        return sql::exec(m_touchItem, error);
    }

    // Removes an entry and the domain rows it stands for.
    bool removeItem(const QString &key, QString *error)
    {
        m_deleteDomain.bindValue(0, key);
        m_deleteItem.bindValue(0, m_feedName);
        m_deleteItem.bindValue(1, key);
        return sql::exec(m_deleteDomain, error) && sql::exec(m_deleteItem, error);
    }

    // Parses the payload and replaces the domain rows of `key` with it.
    bool writeDomain(const QString &key, const QJsonObject &data, QString *error)
    {
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
        }
        if (!ok)
            sql::fail(error, QStringLiteral("%1 entry '%2': %3").arg(m_feedName, key, why));
        return ok;
    }

private:
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
        QStringList attributeValues = p.attributes.values();
        QSqlQuery &q = m_upsertDomain;
        q.bindValue(0, sql::text(p.sku));
        q.bindValue(1, sql::text(p.name));
        q.bindValue(2, sql::text(p.description));
        q.bindValue(3, sql::text(p.brand));
        q.bindValue(4, sql::text(p.categoryCode));
        q.bindValue(5, sql::text(p.categoryPath.join(QStringLiteral(" > "))));
        q.bindValue(6, QString::fromUtf8(canonicalJson(data.value(u"attributes").toObject())));
        q.bindValue(7, sql::text(attributeValues.join(u' ')));
        q.bindValue(8, sql::text(searchtext::indexTerms(p)));
        q.bindValue(9, sql::text(p.baseUom));
        q.bindValue(10, p.minOrderQty);
        q.bindValue(11, p.orderMultiple);
        q.bindValue(12, p.discontinued ? 1 : 0);
        q.bindValue(13, sql::text(pack ? pack->name : QString()));
        q.bindValue(14, pack ? pack->quantity : qint64(1));
        if (!sql::exec(q, error))
            return false;
        if (!q.next())
            return sql::fail(error, QStringLiteral("the product row has no id"));
        const qint64 id = q.value(0).toLongLong();
        q.finish();

        m_deletePacks.bindValue(0, id);
        if (!sql::exec(m_deletePacks, error))
            return false;
        int position = 0;
        for (const Pack &pk : p.packs) {
            const QString gtin14 = gtin::normalized(pk.gtin);
            m_insertChild.bindValue(0, id);
            m_insertChild.bindValue(1, pk.uom);
            m_insertChild.bindValue(2, position++);
            m_insertChild.bindValue(3, sql::text(pk.name));
            m_insertChild.bindValue(4, pk.quantity);
            m_insertChild.bindValue(5, sql::text(pk.gtin));
            m_insertChild.bindValue(6, gtin14.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                        : QVariant(gtin14));
            if (!sql::exec(m_insertChild, error))
                return false;
        }
        return true;
    }

    bool writePrices(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto prices = ProductPrices::fromJson(data, error);
        if (!prices || !checkKey(key, prices->sku, error))
            return false;
        return replaceSkuRows(key, prices->rules, error, [&](QSqlQuery &q, const PriceRule &r) {
            q.bindValue(2, prices->currency);
            q.bindValue(3, priceKindName(r.kind));
            q.bindValue(4, r.uom);
            q.bindValue(5, r.minQty);
            q.bindValue(6, r.unitPrice.units());
            q.bindValue(7, dateToSql(r.validFrom));
            q.bindValue(8, dateToSql(r.validTo));
        });
    }

    bool writeStock(const QString &key, const QJsonObject &data, QString *error)
    {
        const auto stock = ProductStock::fromJson(data, error);
        if (!stock || !checkKey(key, stock->sku, error))
            return false;
        return replaceSkuRows(key, stock->levels, error, [](QSqlQuery &q, const StockLevel &l) {
            q.bindValue(2, l.warehouse);
            q.bindValue(3, sql::text(l.warehouseName));
            q.bindValue(4, l.onHand);
            q.bindValue(5, l.leadTimeDays);
            q.bindValue(6, dateToSql(l.nextReceiptDate));
            q.bindValue(7, l.nextReceiptQty);
        });
    }

    // Replaces the rows of `key` in a table keyed by SKU (prices, stock): one row per
    // element, in order; `bindRow` binds the columns after sku and position.
    template <typename Row, typename BindRow>
    bool replaceSkuRows(const QString &key, const QList<Row> &rows, QString *error, BindRow bindRow)
    {
        m_deleteDomain.bindValue(0, key);
        if (!sql::exec(m_deleteDomain, error))
            return false;
        int position = 0;
        for (const Row &row : rows) {
            m_insertChild.bindValue(0, key);
            m_insertChild.bindValue(1, position++);
            bindRow(m_insertChild, row);
            if (!sql::exec(m_insertChild, error))
                return false;
        }
        return true;
    }

    Feed m_feed;
    QString m_feedName;
    QSqlQuery m_selectItem;
    QSqlQuery m_upsertItem;
    QSqlQuery m_touchItem;
    QSqlQuery m_deleteItem;
    QSqlQuery m_upsertDomain;
    QSqlQuery m_deleteDomain;
    QSqlQuery m_deletePacks;
    QSqlQuery m_insertChild;
};

} // namespace

CatalogStore::CatalogStore(Database &db)
    : m_db(db)
{
}

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
                return sql::fail(why, QStringLiteral("the page would move the %1 cursor back from %2 to %3")
                                          .arg(feedName(feed))
                                          .arg(row->state.cursor)
                                          .arg(page.next));
            PageApplier applier(db, feed);
            if (!applier.prepare(why))
                return false;
            FeedState &s = row->state;
            for (const FeedItem &item : page.items) {
                std::optional<quint64> old;
                if (!applier.storedHash(item.key, &old, why))
                    return false;
                if (item.deleted) {
                    if (!old)
                        continue; // a tombstone for something this cache never had
                    if (!applier.removeItem(item.key, why))
                        return false;
                    s.digest.remove(*old);
                    --s.count;
                    continue;
                }
                const quint64 hash = feedEntryHash(item.key, canonicalJson(item.data));
                if (old && *old == hash) {
                    // Unchanged (typically during a resync): only mark it as seen.
                    if (!applier.touchItem(item.key, row->generation, why))
                        return false;
                    continue;
                }
                if (!applier.writeDomain(item.key, item.data, why)
                    || !applier.storeItem(item.key, hash, row->generation, why))
                    return false;
                if (old)
                    s.digest.remove(*old);
                else
                    ++s.count;
                s.digest.add(hash);
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
            qCInfo(lcStore) << "resync of" << feedName(feed) << "begins, generation" << row->generation;
            return writeState(db, *row, why);
        },
        error);
}

bool CatalogStore::finishPull(Feed feed, qint64 serverCount, FeedDigest serverDigest, QString *error)
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
                    gone.append({stale.value(0).toString(), hashFromSql(stale.value(1).toLongLong())});
                stale.finish();
                for (const auto &[key, hash] : std::as_const(gone)) {
                    if (!applier.removeItem(key, why))
                        return false;
                    s.digest.remove(hash);
                    --s.count;
                }
                if (!gone.isEmpty())
                    qCInfo(lcStore) << "resync of" << feedName(feed) << "removed" << gone.size()
                                    << "entries";
                s.resyncing = false;
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            s.lastPulledAt = now;
            matched = s.count == serverCount && s.digest == serverDigest;
            if (matched)
                s.verifiedAt = now;
            else
                qCWarning(lcStore) << feedName(feed) << "does not match the server: count" << s.count
                                   << "vs" << serverCount << ", digest" << s.digest.toHex() << "vs"
                                   << serverDigest.toHex();
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
