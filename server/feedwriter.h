#pragma once

#include "core/feeds.h"
#include "core/order.h"
#include "core/requisitionlist.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace qm {

class BulkInserter;
class DbConnection;
class ProductLoader;

// Every change to the change feeds goes through one FeedWriter, inside the caller's write
// transaction. It renders what a (catalog, product) pair should show in the products, prices
// and stock feeds from the normalised tables, leaves unchanged payloads alone, and otherwise
// writes an upsert or a tombstone with a new sequence number while keeping feed_stats (live
// count and digest) in step.
//
// Sequence numbers come from the one counters row, locked by begin() for the rest of the
// transaction: on PostgreSQL concurrent writers wait there, so they commit in sequence order
// and a reader never sees a later sequence before an earlier one.
class FeedWriter final
{
public:
    struct Counts
    {
        qint64 upserts = 0;
        qint64 tombstones = 0;
        qint64 unchanged = 0;
    };

    explicit FeedWriter(DbConnection &db);
    ~FeedWriter();
    FeedWriter(const FeedWriter &) = delete;
    FeedWriter &operator=(const FeedWriter &) = delete;

    // Locks the sequence; call first in the write transaction, before the caller reads
    // anything it will base changes on.
    void begin();

    // Re-renders these products (by SKU, so deleted products become tombstones) in every
    // catalog and writes what changed. A prices entry carries the catalog's category
    // discounts that reach the product and are valid today or later.
    void refresh(const QStringList &skus);

    // Re-renders these part numbers of one account (the part_numbers feed, scoped by the
    // account); one no longer in customer_part_numbers becomes a tombstone.
    void refreshPartNumbers(qint64 accountId, const QStringList &partNumbers);

    // Writes one saved list of an account (the lists feed, scoped by the account): its
    // canonical JSON, or a tombstone for nullopt (the list was deleted).
    void putList(qint64 accountId, const QString &listId,
                 const std::optional<RequisitionList> &list);

    // Writes one order of an account (the orders feed, scoped by the account, keyed by the
    // order number): its canonical JSON.
    void putOrder(qint64 accountId, const Order &order);

    // The SKUs of the products in a category or anywhere below it: what refresh() must
    // re-render after a discount on that category changed.
    QStringList skusInCategory(qint64 categoryId);

    // Bulk path for entries that cannot exist yet (a catalog being generated into empty
    // feeds): no comparison, multi-row inserts. The payload must come from FeedPayloads.
    void appendNew(qint64 scopeId, Feed feed, const QString &key, const QByteArray &payload);

    // Removes the tombstones written at or before `cutoff` (Unix seconds) and records, per
    // feed, the highest sequence removed as its purge horizon: a client whose cursor is older
    // than that may have missed a deletion and must pull the feed again. Returns how many
    // tombstones were removed.
    qint64 purgeTombstones(qint64 cutoff);

    // Writes the sequence counter and the feed statistics; call before commit.
    void finish();

    const Counts &counts() const { return m_counts; }
    qint64 lastSequence() const { return m_seq; }

private:
    struct StatsDelta
    {
        qint64 count = 0;
        FeedDigest digest;
    };
    void put(qint64 scopeId, Feed feed, const QString &key,
             const std::optional<QByteArray> &payload);
    void loadCatalogs();
    StatsDelta &stats(qint64 scopeId, Feed feed);

    DbConnection &m_db;
    std::unique_ptr<ProductLoader> m_loader;
    std::unique_ptr<BulkInserter> m_bulk;
    QList<QPair<qint64, QString>> m_catalogs; // id, currency
    bool m_catalogsLoaded = false;
    bool m_begun = false;
    qint64 m_seq = 0;
    qint64 m_now = 0;
    QHash<QPair<qint64, int>, StatsDelta> m_stats;
    Counts m_counts;
};

} // namespace qm
