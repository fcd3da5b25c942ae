#include "support/feedpuller.h"

#include "support/httpclient.h"

namespace qm::test {

FeedDigest FeedPull::localHash() const
{
    FeedDigest digest;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        digest.add(feedEntryHash(it.key(), it.value()));
    return digest;
}

FeedPull pullFeed(HttpClient &client, const QString &accessToken, Feed feed, int limit,
                  qint64 after, const QMap<QString, QByteArray> &start)
{
    FeedPull pull;
    pull.entries = start;
    pull.next = after;
    // A pull from 0 is a full pull: it says so on every page (see the contract).
    const QString full = after == 0 ? QStringLiteral("&full=true") : QString();
    for (int guard = 0; guard < 100000; ++guard) {
        const HttpResponse r = client.get(QStringLiteral("/api/v1/sync/%1?after=%2&limit=%3%4")
                                              .arg(feedName(feed))
                                              .arg(pull.next)
                                              .arg(limit)
                                              .arg(full),
                                          accessToken);
        pull.httpStatus = r.status;
        if (r.status != 200) {
            pull.problemSlug = r.problemSlug();
            pull.error = QStringLiteral("HTTP %1 %2: %3")
                             .arg(r.status)
                             .arg(pull.problemSlug, QString::fromUtf8(r.body));
            return pull;
        }
        QString error;
        const auto page = FeedPage::fromJson(r.body, pull.next, &error);
        if (!page) {
            pull.error =
                QStringLiteral("page %1 does not parse: %2").arg(pull.pages + 1).arg(error);
            return pull;
        }
        if (page->feed != feedName(feed) || page->items.size() > limit) {
            pull.error = QStringLiteral("page %1 is for '%2' or too long")
                             .arg(pull.pages + 1)
                             .arg(page->feed);
            return pull;
        }
        ++pull.pages;
        for (const FeedItem &item : page->items) {
            if (item.deleted)
                pull.entries.remove(item.key);
            else
                pull.entries.insert(item.key, canonicalJson(item.data()));
            pull.items.append(item);
        }
        pull.next = page->next;
        if (!page->hasMore) {
            pull.serverCount = *page->count;
            pull.serverHash = *page->hash;
            pull.ok = true;
            return pull;
        }
        if (page->items.isEmpty()) {
            pull.error = QStringLiteral("a page with has_more has no items");
            return pull;
        }
    }
    pull.error = QStringLiteral("too many pages");
    return pull;
}

} // namespace qm::test
