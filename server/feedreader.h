#pragma once

#include "core/feeds.h"

#include <QByteArray>

namespace qm {

class DbConnection;
class FeedPageCache;

// One page of a change feed, read with one statement (one snapshot) and written
// straight from the stored payload text; through a FeedPageCache when one is given.
class FeedReader final
{
public:
    struct Page
    {
        enum class Status
        {
            Ok,
            CursorPurged, // after < the purge horizon: tombstones the client needs are gone
            CursorAhead,  // after > the highest sequence ever issued: the server was reset
        };
        Status status = Status::Ok;
        QByteArray json; // the FeedPage document when Ok
        int items = 0;
    };

    explicit FeedReader(DbConnection &db, FeedPageCache *cache = nullptr);

    // Entries of (scopeId, feed) with seq > after, at most `limit`. `fullPull` says the
    // client is on a pull that started at after=0: it needs none of the purged tombstones,
    // so a cursor behind the purge horizon is fine. Throws DbError.
    Page read(qint64 scopeId, Feed feed, qint64 after, int limit, bool fullPull = false);

private:
    DbConnection &m_db;
    FeedPageCache *m_cache = nullptr;
};

} // namespace qm
