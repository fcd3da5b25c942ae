#pragma once

#include <QByteArray>
#include <QCache>
#include <QMutex>

#include <optional>

namespace qm {

// Feed pages the portal has answered, shared by its worker threads, so that the many clients
// that pull the same pages of a catalog (every account on it, on its first sync; every
// up-to-date client asking for the empty page at the end) are answered without reading the
// entries again. A page is kept with the feed sequence and the purge horizon it was read at
// and served only while both are unchanged: every change to a feed takes a new sequence, and
// every purge of tombstones moves the horizon of the feed it purged. Bounded by the bytes of
// the pages it holds; the least recently used go first.
class FeedPageCache final
{
public:
    struct Key
    {
        qint64 scopeId = 0;
        int feed = 0;
        qint64 after = 0;
        int limit = 0;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.scopeId == b.scopeId && a.feed == b.feed && a.after == b.after &&
                   a.limit == b.limit;
        }
        friend size_t qHash(const Key &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.scopeId, k.feed, k.after, k.limit);
        }
    };
    struct Page
    {
        QByteArray json;
        int items = 0;
    };

    explicit FeedPageCache(qint64 maxBytes);

    // The page read at (highest, purgedThrough), if it is held.
    std::optional<Page> find(const Key &key, qint64 highest, qint64 purgedThrough);
    void insert(const Key &key, qint64 highest, qint64 purgedThrough, const Page &page);
    // How many pages find() has served.
    qint64 hits() const;

private:
    struct Entry
    {
        qint64 highest = 0;
        qint64 purgedThrough = 0;
        Page page;
    };
    mutable QMutex m_mutex;
    qint64 m_hits = 0;
    QCache<Key, Entry> m_pages;
};

} // namespace qm
