#include "server/feedpagecache.h"

#include <QMutexLocker>

namespace qm {

namespace {
// What an entry costs beside its JSON: the key, the entry and QCache's node.
constexpr qint64 EntryOverhead = 128;
} // namespace

FeedPageCache::FeedPageCache(qint64 maxBytes)
    : m_pages(maxBytes)
{}

std::optional<FeedPageCache::Page> FeedPageCache::find(const Key &key, qint64 highest,
                                                       qint64 purgedThrough)
{
    QMutexLocker lock(&m_mutex);
    const Entry *entry = m_pages.object(key);
    if (!entry || entry->highest != highest || entry->purgedThrough != purgedThrough)
        return std::nullopt;
    ++m_hits;
    return entry->page;
}

qint64 FeedPageCache::hits() const
{
    QMutexLocker lock(&m_mutex);
    return m_hits;
}

void FeedPageCache::insert(const Key &key, qint64 highest, qint64 purgedThrough, const Page &page)
{
    const qint64 cost = page.json.size() + EntryOverhead;
    QMutexLocker lock(&m_mutex);
    if (cost > m_pages.maxCost())
        return;
    m_pages.insert(key, new Entry{highest, purgedThrough, page}, cost);
}

} // namespace qm
