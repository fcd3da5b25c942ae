#pragma once

#include "core/feeds.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

class Database;

// Sync bookkeeping of one feed in the cache.
struct FeedState
{
    Feed feed = Feed::Products;
    qint64 cursor = 0;      // the `next` of the last applied page
    qint64 count = 0;       // live entries, maintained incrementally
    FeedDigest digest;      // sum of live entry hashes, maintained incrementally
    QDateTime lastPulledAt; // when a pull of this feed last reached its last page (UTC)
    QDateTime verifiedAt;   // when count and hash last matched the server's (UTC)
    bool resyncing = false; // a full re-pull is in progress (survives restarts)
};

// One feed entry made ready for the cache without reading it: its hash and the rows it
// becomes. Rows are packed by sqlrows::appendRow() with their columns' values in the column
// order of the statements that write them, one after another where an entry has several.
struct PreparedEntry
{
    QString key;
    bool deleted = false;
    quint64 hash = 0;     // of the canonical payload (upserts)
    QByteArray row;       // products, part numbers: the entry's own row
    QByteArray children;  // packs, prices, stock: sku, position, ... each
    QByteArray discounts; // prices: the category discounts, likewise
    QJsonObject data;     // saved lists and orders: their stores read the payload
    QString error;        // why the payload cannot be written, naming the entry
};

// A feed page made ready for CatalogStore::applyPage(): the CPU work of a page (hashing
// every payload, parsing it into rows) with nothing of the database, so that it can run on
// another thread while the page before it is written.
struct PreparedPage
{
    Feed feed = Feed::Products;
    QList<PreparedEntry> entries;
    qint64 next = 0;
    bool hasMore = false;
};

// The write side of the catalog cache: applies feed pages. Each page is applied in one
// transaction together with its cursor, so an interrupted pull resumes after the last
// committed page with no gap and nothing applied twice.
class CatalogStore final
{
public:
    explicit CatalogStore(Database &db);

    FeedState state(Feed feed) const;

    // Applies every upsert and tombstone of `page` to the domain tables (products and
    // packs, prices and discounts, stock, part numbers, saved lists), the per-entry hash
    // bookkeeping, the feed's count and digest, and sets the cursor to page.next, all in one
    // transaction. A payload that does not parse aborts the whole page: nothing changes and `error`
    // names the entry. A products pull into an empty feed leaves the full-text index alone until
    // its last page (hasMore false), which builds it for every product in one pass (or leaves it
    // pending, see setBuildIndexSeparately()); search finds nothing by full text until then
    // (exact codes and browsing work throughout).
    bool applyPage(Feed feed, const FeedPage &page, QString *error);
    // The same in two steps: prepare() works on any thread and touches no database; a payload
    // that does not parse fails applyPage() when the entry has to be written.
    static PreparedPage prepare(Feed feed, const FeedPage &page);
    bool applyPage(const PreparedPage &page, QString *error);

    // With `separately`, the last page of a products pull into an empty feed leaves the
    // full-text index pending, to be built in transactions of its own (the sync engine fetches
    // and writes the next feeds meanwhile). The index stays pending across restarts until
    // built; search finds the products indexed so far.
    void setBuildIndexSeparately(bool separately) { m_indexSeparately = separately; }
    // Indexes the next `products` products (in id order) of a pending full-text index, in one
    // transaction; after the last of them, fills the search vocabulary and marks the index
    // complete. `complete` says whether the index is now complete (also when nothing was
    // pending).
    bool indexPendingProducts(int products, bool *complete, QString *error);
    // Merges up to `pages` leaf pages of the full-text index's segments (those a build in
    // ranges leaves, see searchindex::mergeStep), in one transaction. `done` says whether
    // nothing was left to merge; nothing is merged while the index is pending.
    bool mergeIndex(int pages, bool *done, QString *error);
    // How far a pending full-text index has come: the products it holds, of all the cache
    // has. Nothing when the index is complete (or the cache cannot be read).
    struct IndexProgress
    {
        qint64 indexed = 0;
        qint64 products = 0;
    };
    std::optional<IndexProgress> pendingIndex() const;

    // Starts a full re-pull (after 410 or a digest mismatch): the cursor goes to 0 and
    // entries not delivered again by the time the pull ends are removed. Existing rows
    // stay visible meanwhile.
    bool beginResync(Feed feed, QString *error);

    // After the last page of a pull: removes what a resync did not see again, then
    // compares the feed's count and digest with the server's. On a match records
    // verifiedAt; returns whether they matched. `error` is set only when the cache could
    // not be written (then nothing changed); a mismatch leaves it empty.
    bool finishPull(Feed feed, qint64 serverCount, FeedDigest serverDigest, QString *error);

    // Recomputed from the per-entry bookkeeping rather than the running totals; used to
    // check the incremental maintenance. -1 / a zero digest if the cache cannot be read.
    qint64 recount(Feed feed) const;
    FeedDigest recomputeDigest(Feed feed) const;

private:
    Database &m_db;
    bool m_indexSeparately = false;
};

} // namespace qm
