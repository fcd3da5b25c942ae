#include "server/feedreader.h"

#include "server/dbconnection.h"
#include "server/feedpayloads.h"

namespace qm {

FeedReader::FeedReader(DbConnection &db)
    : m_db(db)
{}

FeedReader::Page FeedReader::read(qint64 scopeId, Feed feed, qint64 after, int limit, bool fullPull)
{
    const int feedCode = FeedPayloads::code(feed);
    return m_db.read([&]() -> Page {
        Page page;
        qint64 highest = 0;
        qint64 purgedThrough = 0;
        qint64 liveCount = 0;
        quint64 digest = 0;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT c.value, h.purged_through, s.live_count, s.digest FROM counters c "
                "LEFT JOIN feed_horizon h ON h.scope_id = ? AND h.feed = ? "
                "LEFT JOIN feed_stats s ON s.scope_id = ? AND s.feed = ? "
                "WHERE c.name = 'feed_seq'"));
            q.bind(scopeId).bind(feedCode).bind(scopeId).bind(feedCode).exec();
            if (q.next()) {
                highest = q.int64(0);
                purgedThrough = q.isNull(1) ? 0 : q.int64(1);
                liveCount = q.isNull(2) ? 0 : q.int64(2);
                digest = q.isNull(3) ? 0 : hashFromSql(q.int64(3));
            }
        }
        if (after > highest) {
            page.status = Page::Status::CursorAhead;
            return page;
        }
        if (!fullPull && after > 0 && after < purgedThrough) {
            page.status = Page::Status::CursorPurged;
            return page;
        }

        FeedPageWriter writer(feedName(feed));
        qint64 last = after;
        bool hasMore = false;
        {
            // SQLite hands a BLOB over as the stored UTF-8 bytes, where TEXT would be converted
            // to UTF-16 and back for every entry of the page.
            const bool postgres = m_db.isPostgres();
            Statement q = m_db.prepare(
                postgres ? QStringLiteral(
                               "SELECT seq, key, deleted, payload FROM feed_entries "
                               "WHERE scope_id = ? AND feed = ? AND seq > ? ORDER BY seq LIMIT ?")
                         : QStringLiteral("SELECT seq, CAST(key AS BLOB), deleted, "
                                          "CAST(payload AS BLOB) FROM feed_entries "
                                          "WHERE scope_id = ? AND feed = ? AND seq > ? "
                                          "ORDER BY seq LIMIT ?"));
            q.bind(scopeId).bind(feedCode).bind(after).bind(limit + 1).exec();
            while (q.next()) {
                if (writer.itemCount() == limit) {
                    hasMore = true;
                    break;
                }
                last = q.int64(0);
                const bool deleted = q.int64(2) != 0;
                if (postgres) {
                    const QString key = q.text(1);
                    if (deleted)
                        writer.addDelete(last, key);
                    else
                        writer.addUpsert(last, key, q.text(3).toUtf8());
                } else {
                    const QByteArray key = q.value(1).toByteArray();
                    if (deleted)
                        writer.addDelete(last, QByteArrayView(key));
                    else
                        writer.addUpsert(last, QByteArrayView(key), q.value(3).toByteArray());
                }
            }
        }
        page.items = writer.itemCount();
        if (hasMore)
            page.json = writer.finish(last, true);
        else
            page.json = writer.finish(last, false, liveCount, FeedDigest(digest));
        return page;
    });
}

} // namespace qm
