#include "server/feedwriter.h"

#include "server/bulkinserter.h"
#include "server/dbconnection.h"
#include "server/feedpayloads.h"
#include "server/productloader.h"

#include <QDateTime>
#include <QTimeZone>

#include <tuple>

namespace qm {

FeedWriter::FeedWriter(DbConnection &db)
    : m_db(db)
    , m_loader(std::make_unique<ProductLoader>(db))
{}

FeedWriter::~FeedWriter() = default;

void FeedWriter::begin()
{
    Q_ASSERT(m_db.inTransaction());
    Statement q = m_db.prepare(QStringLiteral(
        "UPDATE counters SET value = value WHERE name = 'feed_seq' RETURNING value"));
    q.exec();
    if (!q.next())
        throw DbError(QStringLiteral("the feed sequence counter is missing"));
    m_seq = q.int64(0);
    m_now = QDateTime::currentSecsSinceEpoch();
    m_begun = true;
}

void FeedWriter::loadCatalogs()
{
    Statement q = m_db.prepare(QStringLiteral("SELECT id, currency FROM catalogs ORDER BY id"));
    q.exec();
    while (q.next())
        m_catalogs.append({q.int64(0), q.text(1)});
    m_catalogsLoaded = true;
}

FeedWriter::StatsDelta &FeedWriter::stats(qint64 scopeId, Feed feed)
{
    return m_stats[qMakePair(scopeId, FeedPayloads::code(feed))];
}

void FeedWriter::refresh(const QStringList &skus)
{
    Q_ASSERT(m_begun);
    if (!m_catalogsLoaded)
        loadCatalogs();
    const QDate today = QDateTime::fromSecsSinceEpoch(m_now, QTimeZone::utc()).date();
    for (const QString &sku : skus) {
        const std::optional<ProductRecord> record = m_loader->load(sku);
        std::optional<QByteArray> product;
        std::optional<QByteArray> stock;
        if (record) {
            product = FeedPayloads::product(record->product);
            stock = FeedPayloads::stock(ProductStock{sku, record->stock});
        }
        for (const auto &[catalogId, currency] : std::as_const(m_catalogs)) {
            const bool visible = record && record->catalogIds.contains(catalogId);
            std::optional<QByteArray> prices;
            if (visible) {
                const QList<PriceRule> rules = record->rulesFor(catalogId);
                if (!rules.isEmpty())
                    prices = FeedPayloads::prices(ProductPrices{
                        sku, currency, rules, record->discountsFor(catalogId, today)});
            }
            put(catalogId, Feed::Products, sku, visible ? product : std::nullopt);
            put(catalogId, Feed::Prices, sku, prices);
            put(catalogId, Feed::Stock, sku, visible ? stock : std::nullopt);
        }
    }
}

void FeedWriter::refreshPartNumbers(qint64 accountId, const QStringList &partNumbers)
{
    Q_ASSERT(m_begun);
    for (const QString &partNumber : partNumbers) {
        Statement q = m_db.prepare(QStringLiteral(
            "SELECT p.sku, n.description FROM customer_part_numbers n "
            "JOIN products p ON p.id = n.product_id WHERE n.account_id = ? AND n.part_number = ?"));
        q.bind(accountId).bind(partNumber).exec();
        std::optional<QByteArray> payload;
        if (q.next())
            payload = FeedPayloads::partNumber(
                CustomerPartNumber{partNumber, q.text(0), q.isNull(1) ? QString() : q.text(1)});
        put(accountId, Feed::PartNumbers, partNumber, payload);
    }
}

void FeedWriter::putList(qint64 accountId, const QString &listId,
                         const std::optional<RequisitionList> &list)
{
    Q_ASSERT(m_begun);
    put(accountId, Feed::Lists, listId,
        list ? std::optional<QByteArray>(FeedPayloads::list(*list)) : std::nullopt);
}

void FeedWriter::putOrder(qint64 accountId, const Order &order)
{
    Q_ASSERT(m_begun);
    put(accountId, Feed::Orders, order.number, canonicalJson(order.toJson()));
}

QStringList FeedWriter::skusInCategory(qint64 categoryId)
{
    QList<qint64> categories{categoryId};
    for (qsizetype i = 0; i < categories.size(); ++i) {
        Statement q = m_db.prepare(QStringLiteral("SELECT id FROM categories WHERE parent_id = ?"));
        q.bind(categories.at(i)).exec();
        while (q.next())
            categories.append(q.int64(0));
    }
    QStringList skus;
    for (qint64 id : std::as_const(categories)) {
        Statement q = m_db.prepare(
            QStringLiteral("SELECT sku FROM products WHERE category_id = ? ORDER BY sku"));
        q.bind(id).exec();
        while (q.next())
            skus.append(q.text(0));
    }
    return skus;
}

void FeedWriter::put(qint64 scopeId, Feed feed, const QString &key,
                     const std::optional<QByteArray> &payload)
{
    const int feedCode = FeedPayloads::code(feed);
    bool live = false;
    quint64 oldHash = 0;
    {
        Statement q = m_db.prepare(QStringLiteral("SELECT deleted, hash, payload FROM feed_entries "
                                                  "WHERE scope_id = ? AND feed = ? AND key = ?"));
        q.bind(scopeId).bind(feedCode).bind(key).exec();
        if (q.next()) {
            live = q.int64(0) == 0;
            oldHash = hashFromSql(q.int64(1));
            if (live && payload && q.text(2).toUtf8() == *payload) {
                ++m_counts.unchanged;
                return;
            }
        }
    }
    if (!payload && !live) {
        ++m_counts.unchanged; // nothing there, or already a tombstone
        return;
    }
    StatsDelta &delta = stats(scopeId, feed);
    if (live) {
        delta.digest.remove(oldHash);
        --delta.count;
    }
    quint64 newHash = 0;
    if (payload) {
        newHash = feedEntryHash(key, *payload);
        delta.digest.add(newHash);
        ++delta.count;
        ++m_counts.upserts;
    } else {
        ++m_counts.tombstones;
    }
    Statement w = m_db.prepare(QStringLiteral(
        "INSERT INTO feed_entries (scope_id, feed, key, seq, deleted, hash, payload, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope_id, feed, key) DO UPDATE SET "
        "seq = excluded.seq, deleted = excluded.deleted, hash = excluded.hash, "
        "payload = excluded.payload, changed_at = excluded.changed_at"));
    w.bind(scopeId)
        .bind(feedCode)
        .bind(key)
        .bind(++m_seq)
        .bind(payload ? 0 : 1)
        .bind(hashToSql(newHash));
    w.bindText(payload ? QString::fromUtf8(*payload) : QString());
    w.bind(m_now).exec();
}

void FeedWriter::appendNew(qint64 scopeId, Feed feed, const QString &key, const QByteArray &payload)
{
    Q_ASSERT(m_begun);
    if (!m_bulk) {
        m_bulk = std::make_unique<BulkInserter>(
            m_db, QStringLiteral("feed_entries"),
            QStringList{QStringLiteral("scope_id"), QStringLiteral("feed"), QStringLiteral("key"),
                        QStringLiteral("seq"), QStringLiteral("deleted"), QStringLiteral("hash"),
                        QStringLiteral("payload"), QStringLiteral("changed_at")});
    }
    const quint64 hash = feedEntryHash(key, payload);
    StatsDelta &delta = stats(scopeId, feed);
    delta.digest.add(hash);
    ++delta.count;
    ++m_counts.upserts;
    m_bulk->add({scopeId, FeedPayloads::code(feed), key, ++m_seq, 0, hashToSql(hash),
                 QString::fromUtf8(payload), m_now});
}

qint64 FeedWriter::purgeTombstones(qint64 cutoff)
{
    Q_ASSERT(m_begun);
    QList<std::tuple<qint64, qint64, qint64, qint64>> purged; // scope, feed, highest seq, count
    {
        Statement q =
            m_db.prepare(QStringLiteral("SELECT scope_id, feed, MAX(seq), COUNT(*) FROM "
                                        "feed_entries WHERE deleted = 1 AND changed_at <= ? "
                                        "GROUP BY scope_id, feed"));
        q.bind(cutoff).exec();
        while (q.next())
            purged.append({q.int64(0), q.int64(1), q.int64(2), q.int64(3)});
    }
    qint64 total = 0;
    for (const auto &[scopeId, feedCode, highest, count] : std::as_const(purged)) {
        qint64 horizon = highest;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT purged_through FROM feed_horizon WHERE scope_id = ? AND feed = ?"));
            q.bind(scopeId).bind(feedCode).exec();
            if (q.next())
                horizon = qMax(horizon, q.int64(0));
        }
        m_db
            .prepare(QStringLiteral(
                "INSERT INTO feed_horizon (scope_id, feed, purged_through) VALUES (?, ?, ?) "
                "ON CONFLICT (scope_id, feed) DO UPDATE SET purged_through = "
                "excluded.purged_through"))
            .bind(scopeId)
            .bind(feedCode)
            .bind(horizon)
            .exec();
        total += count;
    }
    m_db.prepare(QStringLiteral("DELETE FROM feed_entries WHERE deleted = 1 AND changed_at <= ?"))
        .bind(cutoff)
        .exec();
    return total;
}

void FeedWriter::finish()
{
    Q_ASSERT(m_begun);
    if (m_bulk)
        m_bulk->flush();
    for (auto it = m_stats.cbegin(); it != m_stats.cend(); ++it) {
        const auto [scopeId, feedCode] = it.key();
        qint64 count = 0;
        FeedDigest digest;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT live_count, digest FROM feed_stats WHERE scope_id = ? AND feed = ?"));
            q.bind(scopeId).bind(feedCode).exec();
            if (q.next()) {
                count = q.int64(0);
                digest = FeedDigest(hashFromSql(q.int64(1)));
            }
        }
        count += it->count;
        digest = FeedDigest(digest.value() + it->digest.value());
        m_db
            .prepare(QStringLiteral(
                "INSERT INTO feed_stats (scope_id, feed, live_count, digest) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (scope_id, feed) DO UPDATE SET live_count = excluded.live_count, "
                "digest = excluded.digest"))
            .bind(scopeId)
            .bind(feedCode)
            .bind(count)
            .bind(hashToSql(digest.value()))
            .exec();
    }
    m_stats.clear();
    m_db.prepare(QStringLiteral("UPDATE counters SET value = ? WHERE name = 'feed_seq'"))
        .bind(m_seq)
        .exec();
}

} // namespace qm
