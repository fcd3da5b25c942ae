#include "server/feedreader.h"

#include "server/dbconnection.h"
#include "server/feedpagecache.h"
#include "server/feedpayloads.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace qm {

namespace {

// A feed's state: its columns, first in both statements below, and where they come from.
#define QM_STATE_COLUMNS "c.value, h.purged_through, s.live_count, s.digest"
#define QM_STATE_FROM                                                                              \
    " FROM counters c LEFT JOIN feed_horizon h ON h.scope_id = ? AND h.feed = ? "                  \
    "LEFT JOIN feed_stats s ON s.scope_id = ? AND s.feed = ? WHERE c.name = 'feed_seq'"

struct FeedState
{
    qint64 highest = 0;       // the highest sequence issued (any feed, any scope)
    qint64 purgedThrough = 0; // tombstones up to here are gone
    qint64 liveCount = 0;
    quint64 digest = 0;
};

FeedState stateFrom(const Statement &q)
{
    FeedState state;
    state.highest = q.int64(0);
    state.purgedThrough = q.isNull(1) ? 0 : q.int64(1);
    state.liveCount = q.isNull(2) ? 0 : q.int64(2);
    state.digest = q.isNull(3) ? 0 : hashFromSql(q.int64(3));
    return state;
}

// The state row, then the entries of the page (see FeedReader::read).
QString pageSql(bool postgres)
{
    return QStringLiteral("SELECT " QM_STATE_COLUMNS ", NULL, NULL, NULL, NULL" QM_STATE_FROM
                          " UNION ALL SELECT NULL, NULL, NULL, NULL, e.* FROM "
                          "(SELECT seq, %1, deleted, %2 FROM feed_entries "
                          "WHERE scope_id = ? AND feed = ? AND seq > ? ORDER BY seq LIMIT ?) e")
        .arg(postgres ? QStringLiteral("key") : QStringLiteral("CAST(key AS BLOB) AS key"),
             postgres ? QStringLiteral("payload")
                      : QStringLiteral("CAST(payload AS BLOB) AS payload"));
}

// Why a page cannot be served from `after`, if it cannot.
std::optional<FeedReader::Page::Status> refusal(const FeedState &state, qint64 after, bool fullPull)
{
    if (after > state.highest)
        return FeedReader::Page::Status::CursorAhead;
    if (!fullPull && after > 0 && after < state.purgedThrough)
        return FeedReader::Page::Status::CursorPurged;
    return std::nullopt;
}

} // namespace

FeedReader::FeedReader(DbConnection &db, FeedPageCache *cache)
    : m_db(db)
    , m_cache(cache)
{}

FeedReader::Page FeedReader::read(qint64 scopeId, Feed feed, qint64 after, int limit, bool fullPull)
{
    const int feedCode = FeedPayloads::code(feed);
    const FeedPageCache::Key key{scopeId, feedCode, after, limit};
    Page page;
    if (m_cache) {
        // The state alone decides whether a held page is still the answer.
        Statement q = m_db.prepare(QStringLiteral("SELECT " QM_STATE_COLUMNS QM_STATE_FROM));
        q.bind(scopeId).bind(feedCode).bind(scopeId).bind(feedCode).exec();
        if (!q.next())
            throw DbError(QStringLiteral("the feed_seq counter is missing"));
        const FeedState state = stateFrom(q);
        if (const auto status = refusal(state, after, fullPull)) {
            page.status = *status;
            return page;
        }
        if (auto held = m_cache->find(key, state.highest, state.purgedThrough)) {
            page.json = std::move(held->json);
            page.items = held->items;
            return page;
        }
    }

    // One statement reads the feed's state and the page, so both come from one snapshot without
    // a transaction around them: on PostgreSQL that is one round trip to the server instead of
    // four (begin, state, entries, commit). The state is the row whose first column is set; the
    // entries are put in order here, as a UNION ALL promises no order of its own (and ordering
    // it in SQL would copy every payload into a sorter). SQLite hands a BLOB over as the stored
    // UTF-8 bytes, where TEXT would be converted to UTF-16 and back for every entry.
    const bool postgres = m_db.isPostgres();
    static const QString sqliteSql = pageSql(false);
    static const QString postgresSql = pageSql(true);
    Statement q = m_db.prepare(postgres ? postgresSql : sqliteSql);
    q.bind(scopeId).bind(feedCode).bind(scopeId).bind(feedCode);
    q.bind(scopeId).bind(feedCode).bind(after).bind(limit + 1).exec();
    std::optional<FeedState> state;
    struct Entry
    {
        qint64 seq = 0;
        bool deleted = false;
        QByteArray key;
        QByteArray payload;
    };
    std::vector<Entry> entries;
    entries.reserve(size_t(limit) + 1);
    while (q.next()) {
        if (!q.isNull(0)) {
            state = stateFrom(q);
            continue;
        }
        Entry e;
        e.seq = q.int64(4);
        e.deleted = q.int64(6) != 0;
        e.key = postgres ? q.text(5).toUtf8() : q.value(5).toByteArray();
        if (!e.deleted)
            e.payload = postgres ? q.text(7).toUtf8() : q.value(7).toByteArray();
        entries.push_back(std::move(e));
    }
    if (!state)
        throw DbError(QStringLiteral("the feed_seq counter is missing"));
    if (const auto status = refusal(*state, after, fullPull)) {
        page.status = *status;
        return page;
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.seq < b.seq; });

    FeedPageWriter writer(feedName(feed));
    const bool hasMore = entries.size() > size_t(limit);
    if (hasMore)
        entries.resize(size_t(limit));
    qint64 last = after;
    for (const Entry &e : entries) {
        last = e.seq;
        if (e.deleted)
            writer.addDelete(last, QByteArrayView(e.key));
        else
            writer.addUpsert(last, QByteArrayView(e.key), e.payload);
    }
    page.items = writer.itemCount();
    if (hasMore)
        page.json = writer.finish(last, true);
    else
        page.json = writer.finish(last, false, state->liveCount, FeedDigest(state->digest));
    if (m_cache)
        m_cache->insert(key, state->highest, state->purgedThrough, {page.json, page.items});
    return page;
}

} // namespace qm
