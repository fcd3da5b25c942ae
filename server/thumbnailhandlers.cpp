#include "server/thumbnailhandlers.h"

#include "core/catalog.h"
#include "core/permissions.h"
#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/feedpayloads.h"
#include "server/httprequest.h"
#include "server/thumbnailrenderer.h"

#include <QJsonDocument>
#include <QMutexLocker>

#include <optional>
#include <stdexcept>

namespace qm {

namespace {

const QByteArray CacheControl = QByteArrayLiteral("private, max-age=86400");

struct StoredProduct
{
    QByteArray hash;
    QByteArray json;
};

// The live products entry of `sku` in the catalog's feed: exactly the products the account
// may see.
std::optional<StoredProduct> loadProduct(DbConnection &db, qint64 catalogId, const QString &sku)
{
    Statement q = db.prepare(QStringLiteral("SELECT hash, payload FROM feed_entries "
                                            "WHERE scope_id = ? AND feed = ? AND key = ? "
                                            "AND deleted = 0"));
    q.bind(catalogId).bind(FeedPayloads::code(Feed::Products)).bindText(sku).exec();
    if (!q.next())
        return std::nullopt;
    return StoredProduct{q.text(0).toUtf8(), q.text(1).toUtf8()};
}

// RFC 9110 §13.1.2: If-None-Match compares weakly and may list several tags, or be "*".
bool noneMatchHits(const QByteArray &header, const QByteArray &etag)
{
    for (QByteArray tag : header.split(',')) {
        tag = tag.trimmed();
        if (tag == "*")
            return true;
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag == etag)
            return true;
    }
    return false;
}

} // namespace

ThumbnailHandlers::ThumbnailHandlers(ConnectionPool &connections, ApiHandlers &api, int capacity)
    : m_connections(connections)
    , m_api(api)
    , m_capacity(std::max(1, capacity))
{}

HttpReply ThumbnailHandlers::get(HttpRequest &request, const QString &sku)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = m_api.authorize(request, db, capabilities::CatalogRead, &denied);
    if (!user)
        return denied;
    const auto product = db.read([&] { return loadProduct(db, user->catalogId, sku); });
    if (!product)
        return HttpReply::problem(
            problems::NotFound, 404,
            QStringLiteral("There is no product %1 in your assortment.").arg(sku));

    const Rendered image = rendered(sku.toUtf8() + '\n' + product->hash, product->json);
    if (request.hasHeader("if-none-match") &&
        noneMatchHits(request.header("if-none-match"), image.etag)) {
        return HttpReply::raw({}, {}, 304)
            .withHeader(QByteArrayLiteral("ETag"), image.etag)
            .withHeader(QByteArrayLiteral("Cache-Control"), CacheControl);
    }
    return HttpReply::raw(QByteArrayLiteral("image/png"), image.png)
        .withHeader(QByteArrayLiteral("ETag"), image.etag)
        .withHeader(QByteArrayLiteral("Cache-Control"), CacheControl);
}

ThumbnailHandlers::Rendered ThumbnailHandlers::rendered(const QByteArray &key,
                                                        const QByteArray &productJson)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto hit = m_cache.find(key);
        if (hit != m_cache.end()) {
            m_recency.splice(m_recency.begin(), m_recency, hit->second);
            return hit->first;
        }
    }
    // Drawn outside the lock: two threads may draw the same image, with the same bytes.
    QString error;
    const auto product = Product::fromJson(QJsonDocument::fromJson(productJson).object(), &error);
    if (!product)
        throw std::runtime_error(
            QStringLiteral("stored product does not parse: %1").arg(error).toStdString());
    Rendered image;
    image.png = ThumbnailRenderer::png(*product);
    image.etag = ThumbnailRenderer::etag(image.png);

    QMutexLocker lock(&m_mutex);
    if (!m_cache.contains(key)) {
        m_recency.push_front(key);
        m_cache.insert(key, {image, m_recency.begin()});
        while (m_cache.size() > m_capacity) {
            m_cache.remove(m_recency.back());
            m_recency.pop_back();
        }
    }
    return image;
}

} // namespace qm
