#pragma once

#include "core/feeds.h"

#include <QDateTime>
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
    // its last page (hasMore false), which builds it for every product in one pass; search
    // finds nothing by full text until then (exact codes and browsing work throughout).
    bool applyPage(Feed feed, const FeedPage &page, QString *error);

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
};

} // namespace qm
