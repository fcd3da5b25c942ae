#pragma once

#include "sync/apierror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace qm {

class ApiClient;
class ApiJob;
class ThumbnailCache;

// One thumbnail request (ThumbnailCache::fetch). Emits finished() exactly once, always from
// the event loop, then deletes itself later.
class ThumbnailFetch final : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Downloaded,   // a new image from the portal, now cached
        Revalidated,  // the portal answered 304: the cached image is current
        Fresh,        // the cached image is within its max-age; nothing was asked
        Offline,      // the portal could not be asked (see error()); the cached image
        NotFound,     // the portal has no such product for this account; cache entry removed
        Unavailable,  // no image: nothing cached and the portal could not be asked
        InvalidImage, // the portal's answer is not a valid PNG; nothing was stored
    };

    QString sku() const { return m_sku; }
    Outcome outcome() const { return m_outcome; }
    // The PNG to show (empty when there is none): the new, the revalidated or the cached one.
    const QByteArray &image() const { return m_image; }
    bool hasImage() const { return !m_image.isEmpty(); }
    // Why the portal was not asked or did not answer usefully (Offline, NotFound,
    // Unavailable, InvalidImage).
    const std::optional<ApiError> &error() const { return m_error; }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished();

private:
    friend class ThumbnailCache;
    ThumbnailFetch(const QString &sku, QObject *parent);
    void finish(Outcome outcome, QByteArray image, std::optional<ApiError> error = {});

    QString m_sku;
    Outcome m_outcome = Outcome::Unavailable;
    QByteArray m_image;
    std::optional<ApiError> m_error;
    bool m_finished = false;
    QPointer<ApiJob> m_job;
};

// Product thumbnails kept in the profile for offline use: <profile>/thumbnails holds
// <sha1 of the SKU>.png and, next to it, <sha1>.json with the SKU, the portal's ETag and
// when the image stops being fresh (Cache-Control max-age). Both files are written
// atomically (QSaveFile); the index is the directory itself, so no schema changes and a
// crash leaves at worst an image without its ETag (it is then fetched unconditionally).
//
// The cache is bounded (maxBytes, 200 MB by default): after a download the least recently
// used images (by file modification time, touched on every use) are removed until the
// images fit. A fetch asks the portal with If-None-Match when an image is cached; 304
// keeps it, 404 removes it, and when the portal cannot be reached the cached image is
// served. Bodies that are not complete, well-formed PNG images are never stored.
class ThumbnailCache final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultMaxBytes = qint64(200) * 1024 * 1024;
    // Images larger than this are refused (the portal's are a few kilobytes).
    static constexpr qint64 MaxImageBytes = qint64(4) * 1024 * 1024;
    static constexpr int MaxImageSide = 4096;

    enum class Mode
    {
        PreferFresh, // a cached image within its max-age is served without asking
        Revalidate,  // always ask the portal (conditionally when an image is cached)
    };

    // <profileDir>/thumbnails
    static QString directoryFor(const QString &profileDir);

    explicit ThumbnailCache(QString directory, QObject *parent = nullptr);

    // The client fetches go through (not owned); nullptr serves the cache only.
    void setApiClient(ApiClient *client);
    ApiClient *apiClient() const;
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }
    qint64 maxBytes() const { return m_maxBytes; }
    QString directory() const { return m_directory; }

    ThumbnailFetch *fetch(const QString &sku, Mode mode = Mode::PreferFresh);

    // Without the network: the cached image and its ETag (empty when none).
    QByteArray cachedImage(const QString &sku) const;
    QByteArray cachedEtag(const QString &sku) const;
    QString imagePath(const QString &sku) const;
    // The bytes of every cached image.
    qint64 diskUsage() const;

    // Whether `bytes` is a complete PNG image: the signature, chunks with valid CRCs, a
    // sane IHDR (1 to MaxImageSide pixels a side), image data that inflates to exactly the
    // size the header promises, and IEND. QtCore only: qm_sync links no Qt Gui.
    static bool isValidPng(const QByteArray &bytes, QString *why = nullptr);

private:
    struct Entry
    {
        QByteArray etag;
        qint64 freshUntil = 0; // seconds since the epoch
    };

    QString basePath(const QString &sku) const;
    std::optional<Entry> readEntry(const QString &sku) const;
    bool writeEntry(const QString &sku, const Entry &entry) const;
    bool store(const QString &sku, const QByteArray &png, const Entry &entry);
    void remove(const QString &sku);
    void touch(const QString &sku) const;
    // Deletes the least recently used images (never `keep`) until the rest fit.
    void evict(const QString &keep);
    void onReply(ThumbnailFetch *fetch, ApiJob *job);

    QString m_directory;
    QPointer<ApiClient> m_client;
    qint64 m_maxBytes = DefaultMaxBytes;
    // The bytes of the cached images as far as this object knows (-1: not counted yet), so
    // that only a store that goes over the bound lists the directory.
    qint64 m_knownBytes = -1;
};

} // namespace qm
