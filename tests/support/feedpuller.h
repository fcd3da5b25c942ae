#pragma once

#include "core/feeds.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace qm::test {

class HttpClient;

// The result of pulling one change feed page by page and applying it to a map of entries,
// as a client cache would. Every page is parsed with the strict core parser.
struct FeedPull
{
    bool ok = false;
    QString error;                     // why !ok: HTTP status, problem, parse error
    int httpStatus = 0;                // of the failing page, or 200
    QString problemSlug;               // of the failing page
    QMap<QString, QByteArray> entries; // key -> canonical JSON of the live entry
    QList<FeedItem> items;             // every item received, in order
    qint64 next = 0;
    qint64 pages = 0;
    qint64 serverCount = -1; // count and hash of the last page
    FeedDigest serverHash;

    // The digest of `entries`, computed here with the core hash functions.
    FeedDigest localHash() const;
    bool converged() const
    {
        return ok && serverCount == entries.size() && serverHash == localHash();
    }
};

// Pulls `feed` from `after` with pages of `limit` items, starting from `start` (the entries
// of an earlier pull when continuing from its cursor). A pull from 0 sends full=true.
FeedPull pullFeed(HttpClient &client, const QString &accessToken, Feed feed, int limit,
                  qint64 after = 0, const QMap<QString, QByteArray> &start = {});

} // namespace qm::test
