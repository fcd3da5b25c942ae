#pragma once

#include "server/httpreply.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <list>

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// GET /api/v1/products/{sku}/thumbnail: a PNG of a product in the signed-in user's
// assortment (catalog:read), drawn by ThumbnailRenderer. The strong ETag is a hash of the
// bytes; If-None-Match with it gets 304 without a body. A product outside the assortment is
// answered as missing (404), exactly like one that does not exist.
//
// One instance serves every worker thread: it keeps the most recently served images (at
// most `capacity`), keyed by SKU and the hash of the product's feed entry, so a changed
// product is drawn again.
class ThumbnailHandlers final
{
public:
    static constexpr int DefaultCapacity = 256;

    ThumbnailHandlers(ConnectionPool &connections, ApiHandlers &api,
                      int capacity = DefaultCapacity);

    HttpReply get(HttpRequest &request, const QString &sku);

private:
    struct Rendered
    {
        QByteArray png;
        QByteArray etag;
    };
    using Recency = std::list<QByteArray>; // cache keys, most recently used first

    Rendered rendered(const QByteArray &key, const QByteArray &productJson);

    ConnectionPool &m_connections;
    ApiHandlers &m_api;
    int m_capacity;
    QMutex m_mutex;
    Recency m_recency;
    QHash<QByteArray, QPair<Rendered, Recency::iterator>> m_cache;
};

} // namespace qm
