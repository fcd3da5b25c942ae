#include "sync/thumbnailcache.h"

#include "core/crc32.h"
#include "sync/apiclient.h"
#include "sync/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <QtEndian>

#include <array>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcThumbnails, "qm.sync.thumbnails", QtInfoMsg)

const QString ImageSuffix = QStringLiteral(".png");
const QString EntrySuffix = QStringLiteral(".json");

quint32 readBigEndian(const char *p)
{
    return qFromBigEndian<quint32>(p);
}

// The bytes of the filtered image data of one (sub)image: a filter byte per row.
qint64 scanlineBytes(qint64 width, qint64 height, int bitsPerPixel)
{
    if (width == 0 || height == 0)
        return 0;
    return height * (1 + (width * bitsPerPixel + 7) / 8);
}

// max-age of a Cache-Control header, 0 when there is none.
qint64 maxAge(const QByteArray &cacheControl)
{
    for (const QByteArray &part : cacheControl.split(',')) {
        const QByteArray directive = part.trimmed().toLower();
        if (directive.startsWith("max-age=")) {
            bool ok = false;
            const qint64 seconds = directive.mid(8).toLongLong(&ok);
            return ok && seconds > 0 ? seconds : 0;
        }
    }
    return 0;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

ThumbnailFetch::ThumbnailFetch(const QString &sku, QObject *parent)
    : QObject(parent)
    , m_sku(sku)
{}

void ThumbnailFetch::finish(Outcome outcome, QByteArray image, std::optional<ApiError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = outcome;
    m_image = std::move(image);
    m_error = std::move(error);
    Q_EMIT finished();
    deleteLater();
}

QString ThumbnailCache::directoryFor(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("thumbnails"));
}

ThumbnailCache::ThumbnailCache(QString directory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
{}

void ThumbnailCache::setApiClient(ApiClient *client)
{
    m_client = client;
}

ApiClient *ThumbnailCache::apiClient() const
{
    return m_client;
}

QString ThumbnailCache::basePath(const QString &sku) const
{
    const QByteArray hash = QCryptographicHash::hash(sku.toUtf8(), QCryptographicHash::Sha1);
    return QDir(m_directory).filePath(QString::fromLatin1(hash.toHex()));
}

QString ThumbnailCache::imagePath(const QString &sku) const
{
    return basePath(sku) + ImageSuffix;
}

QByteArray ThumbnailCache::cachedImage(const QString &sku) const
{
    return readFile(imagePath(sku));
}

QByteArray ThumbnailCache::cachedEtag(const QString &sku) const
{
    const auto entry = readEntry(sku);
    return entry ? entry->etag : QByteArray();
}

std::optional<ThumbnailCache::Entry> ThumbnailCache::readEntry(const QString &sku) const
{
    const QByteArray json = readFile(basePath(sku) + EntrySuffix);
    if (json.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    // A file of another SKU (a SHA-1 collision) or a damaged one counts as absent.
    if (o.value(u"sku").toString() != sku)
        return std::nullopt;
    Entry entry;
    entry.etag = o.value(u"etag").toString().toLatin1();
    entry.freshUntil = o.value(u"fresh_until").toInteger();
    return entry;
}

bool ThumbnailCache::writeEntry(const QString &sku, const Entry &entry) const
{
    QSaveFile file(basePath(sku) + EntrySuffix);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject o{{QStringLiteral("sku"), sku},
                        {QStringLiteral("etag"), QString::fromLatin1(entry.etag)},
                        {QStringLiteral("fresh_until"), entry.freshUntil}};
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return file.commit();
}

bool ThumbnailCache::store(const QString &sku, const QByteArray &png, const Entry &entry)
{
    if (!QDir().mkpath(m_directory)) {
        qCWarning(lcThumbnails) << "cannot create" << m_directory;
        return false;
    }
    if (m_knownBytes < 0)
        m_knownBytes = diskUsage();
    const qint64 replaced = QFileInfo(imagePath(sku)).size(); // 0 when there is none
    // The old ETag goes first: an image must never be paired with another image's ETag.
    QFile::remove(basePath(sku) + EntrySuffix);
    QSaveFile file(imagePath(sku));
    if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size() || !file.commit()) {
        qCWarning(lcThumbnails) << "cannot write" << imagePath(sku) << file.errorString();
        return false;
    }
    if (!writeEntry(sku, entry))
        qCWarning(lcThumbnails) << "cannot write the ETag of" << sku;
    m_knownBytes += png.size() - replaced;
    if (m_knownBytes > m_maxBytes)
        evict(sku);
    return true;
}

void ThumbnailCache::remove(const QString &sku)
{
    if (m_knownBytes >= 0)
        m_knownBytes -= QFileInfo(imagePath(sku)).size();
    QFile::remove(basePath(sku) + EntrySuffix);
    QFile::remove(imagePath(sku));
}

void ThumbnailCache::touch(const QString &sku) const
{
    QFile file(imagePath(sku));
    if (file.open(QIODevice::ReadOnly))
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
}

qint64 ThumbnailCache::diskUsage() const
{
    qint64 total = 0;
    const QFileInfoList files =
        QDir(m_directory).entryInfoList({QLatin1Char('*') + ImageSuffix}, QDir::Files);
    for (const QFileInfo &info : files)
        total += info.size();
    return total;
}

void ThumbnailCache::evict(const QString &keep)
{
    // Newest first; the image just stored stays even if it alone is over the limit.
    const QFileInfoList files =
        QDir(m_directory).entryInfoList({QLatin1Char('*') + ImageSuffix}, QDir::Files, QDir::Time);
    qint64 total = 0;
    for (const QFileInfo &info : files)
        total += info.size();
    const QString kept = QFileInfo(imagePath(keep)).fileName();
    for (qsizetype i = files.size() - 1; i >= 0 && total > m_maxBytes; --i) {
        const QFileInfo &info = files.at(i);
        if (info.fileName() == kept)
            continue;
        QFile::remove(info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                      EntrySuffix);
        if (QFile::remove(info.absoluteFilePath()))
            total -= info.size();
    }
    m_knownBytes = total;
}

ThumbnailFetch *ThumbnailCache::fetch(const QString &sku, Mode mode)
{
    auto *fetch = new ThumbnailFetch(sku, this);
    const QByteArray cached = cachedImage(sku);
    const auto entry = cached.isEmpty() ? std::nullopt : readEntry(sku);
    const auto finishLater = [fetch](ThumbnailFetch::Outcome outcome, QByteArray image,
                                     std::optional<ApiError> error) {
        QTimer::singleShot(0, fetch, [=] { fetch->finish(outcome, image, error); });
    };

    if (!cached.isEmpty() && entry && mode == Mode::PreferFresh &&
        entry->freshUntil > QDateTime::currentSecsSinceEpoch()) {
        touch(sku);
        finishLater(ThumbnailFetch::Outcome::Fresh, cached, std::nullopt);
        return fetch;
    }
    if (!m_client) {
        const ApiError offline{ApiError::Code::Network, 0, std::nullopt,
                               QStringLiteral("no portal connection")};
        if (!cached.isEmpty()) {
            touch(sku);
            finishLater(ThumbnailFetch::Outcome::Offline, cached, offline);
        } else {
            finishLater(ThumbnailFetch::Outcome::Unavailable, {}, offline);
        }
        return fetch;
    }

    const QString path = QStringLiteral("/api/v1/products/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(sku)) +
                         QStringLiteral("/thumbnail");
    ApiJob *job = m_client->get(path);
    job->addRequestHeader("Accept", "image/png, application/problem+json");
    if (entry && !entry->etag.isEmpty())
        job->addRequestHeader("If-None-Match", entry->etag);
    fetch->m_job = job;
    connect(job, &ApiJob::finished, fetch, [this, fetch, job] { onReply(fetch, job); });
    return fetch;
}

void ThumbnailCache::onReply(ThumbnailFetch *fetch, ApiJob *job)
{
    using Outcome = ThumbnailFetch::Outcome;
    const QString sku = fetch->sku();
    const QByteArray cached = cachedImage(sku);
    const auto entryFromReply = [job] {
        Entry entry;
        entry.etag = job->responseHeader("ETag");
        entry.freshUntil =
            QDateTime::currentSecsSinceEpoch() + maxAge(job->responseHeader("Cache-Control"));
        return entry;
    };

    if (!job->error() && job->httpStatus() == 304) {
        if (cached.isEmpty()) {
            fetch->finish(Outcome::Unavailable, {},
                          ApiError{ApiError::Code::InvalidResponse, 304, std::nullopt,
                                   QStringLiteral("304 for an image that is not cached")});
            return;
        }
        Entry entry = entryFromReply();
        if (entry.etag.isEmpty())
            entry.etag = cachedEtag(sku);
        writeEntry(sku, entry);
        touch(sku);
        fetch->finish(Outcome::Revalidated, cached);
        return;
    }
    if (!job->error()) {
        const QByteArray body = job->body();
        QString why;
        if (body.size() > MaxImageBytes || !isValidPng(body, &why)) {
            if (why.isEmpty())
                why = QStringLiteral("the image is larger than %1 bytes").arg(MaxImageBytes);
            qCWarning(lcThumbnails) << "refusing the thumbnail of" << sku << ":" << why;
            fetch->finish(
                Outcome::InvalidImage, cached,
                ApiError{ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt, why});
            return;
        }
        store(sku, body, entryFromReply());
        fetch->finish(Outcome::Downloaded, body);
        return;
    }

    const ApiError &error = *job->error();
    if (error.httpStatus == 404) {
        remove(sku);
        fetch->finish(Outcome::NotFound, {}, error);
        return;
    }
    if (!cached.isEmpty()) {
        touch(sku);
        fetch->finish(Outcome::Offline, cached, error);
    } else {
        fetch->finish(Outcome::Unavailable, {}, error);
    }
}

bool ThumbnailCache::isValidPng(const QByteArray &bytes, QString *why)
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    static const QByteArray Signature("\x89PNG\r\n\x1a\n", 8);
    if (!bytes.startsWith(Signature))
        return fail(QStringLiteral("not a PNG image (no PNG signature)"));

    qint64 width = 0, height = 0;
    int bitDepth = 0, colourType = -1, interlace = 0;
    QByteArray idat;
    bool sawHeader = false, sawEnd = false;
    qsizetype pos = Signature.size();
    while (pos < bytes.size()) {
        if (sawEnd)
            return fail(QStringLiteral("data after IEND"));
        if (bytes.size() - pos < 12)
            return fail(QStringLiteral("truncated chunk at byte %1").arg(pos));
        const quint32 length = readBigEndian(bytes.constData() + pos);
        if (length > quint32(bytes.size() - pos - 12))
            return fail(QStringLiteral("truncated chunk at byte %1").arg(pos));
        const char *typeAndData = bytes.constData() + pos + 4;
        const QByteArray type(typeAndData, 4);
        const quint32 crc = readBigEndian(typeAndData + 4 + length);
        if (crc32(QByteArrayView(typeAndData, 4 + qsizetype(length))) != crc)
            return fail(QStringLiteral("bad CRC in the %1 chunk").arg(QString::fromLatin1(type)));
        const QByteArray data(typeAndData + 4, qsizetype(length));
        if (!sawHeader && type != "IHDR")
            return fail(QStringLiteral("the first chunk is not IHDR"));
        if (type == "IHDR") {
            if (sawHeader || length != 13)
                return fail(QStringLiteral("bad IHDR chunk"));
            sawHeader = true;
            width = readBigEndian(data.constData());
            height = readBigEndian(data.constData() + 4);
            bitDepth = quint8(data.at(8));
            colourType = quint8(data.at(9));
            interlace = quint8(data.at(12));
            if (width < 1 || height < 1 || width > MaxImageSide || height > MaxImageSide)
                return fail(
                    QStringLiteral("%1×%2 pixels is not a thumbnail size").arg(width).arg(height));
            const bool depthOk =
                (colourType == 0 && (bitDepth == 1 || bitDepth == 2 || bitDepth == 4 ||
                                     bitDepth == 8 || bitDepth == 16)) ||
                (colourType == 3 &&
                 (bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8)) ||
                ((colourType == 2 || colourType == 4 || colourType == 6) &&
                 (bitDepth == 8 || bitDepth == 16));
            if (!depthOk || data.at(10) != 0 || data.at(11) != 0 || interlace > 1)
                return fail(QStringLiteral("unsupported IHDR (colour type %1, depth %2)")
                                .arg(colourType)
                                .arg(bitDepth));
        } else if (type == "IDAT") {
            idat += data;
        } else if (type == "IEND") {
            sawEnd = true;
        }
        pos += 12 + qsizetype(length);
    }
    if (!sawEnd)
        return fail(QStringLiteral("no IEND chunk: the image is cut short"));
    if (idat.isEmpty())
        return fail(QStringLiteral("no image data"));

    static constexpr int Channels[] = {1, 0, 3, 1, 2, 0, 4};
    const int bitsPerPixel = Channels[colourType] * bitDepth;
    qint64 expected = 0;
    if (interlace == 0) {
        expected = scanlineBytes(width, height, bitsPerPixel);
    } else {
        // Adam7: seven sub-images, each with its own rows.
        static constexpr int Pass[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                           {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        for (const auto &p : Pass) {
            const qint64 w = (width - p[0] + p[2] - 1) / p[2];
            const qint64 h = (height - p[1] + p[3] - 1) / p[3];
            expected += scanlineBytes(std::max<qint64>(0, w), std::max<qint64>(0, h), bitsPerPixel);
        }
    }
    // qUncompress reads a 4-byte big-endian size before the zlib stream.
    QByteArray prefixed(4, Qt::Uninitialized);
    qToBigEndian(quint32(expected), prefixed.data());
    prefixed += idat;
    const QByteArray raw = qUncompress(prefixed);
    if (raw.size() != expected)
        return fail(QStringLiteral("the image data inflates to %1 bytes instead of %2")
                        .arg(raw.size())
                        .arg(expected));
    return true;
}

} // namespace qm
