#include "core/feeds.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "sync/apiclient.h"
#include "sync/fakeportal.h"
#include "sync/thumbnailcache.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace qm;
using namespace qm::test;

// ThumbnailCache against the real qm-portal (and, to inject bodies no portal sends, a fake):
// downloads are stored, revalidated with If-None-Match, served offline, bounded, and a body
// that is not a PNG never reaches the disk.
class tst_ThumbnailCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void firstFetchStoresTheImage();
    void secondFetchIsConditional();
    void freshImageNeedsNoRequest();
    void offlineServesTheCache();
    void offlineWithoutCacheIsUnavailable();
    void notFoundRemovesTheCachedImage();
    void invalidBodyIsNotStored_data();
    void invalidBodyIsNotStored();
    void leastRecentlyUsedAreEvicted();
    void isValidPng_data();
    void isValidPng();

private:
    struct Result
    {
        ThumbnailFetch::Outcome outcome = ThumbnailFetch::Outcome::Unavailable;
        QByteArray image;
        std::optional<ApiError> error;
    };
    Result run(ThumbnailCache &cache, const QString &sku,
               ThumbnailCache::Mode mode = ThumbnailCache::Mode::Revalidate);
    std::unique_ptr<ApiClient> signedInClient(const QUrl &portal);

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ApiClient> m_api;
    QStringList m_skus;
    QString m_foreignSku;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QByteArray pngOf(const QImage &image, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

QImage sampleImage(QImage::Format format)
{
    QImage image(37, 23, QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgba(x * 7, y * 11, (x * y) % 256, 128 + x));
    }
    return image.convertToFormat(format);
}

// The offset of the first chunk of `type` (its length field).
qsizetype chunkOffset(const QByteArray &png, const char *type)
{
    const qsizetype at = png.indexOf(type);
    return at < 0 ? -1 : at - 4;
}

// Sets every modification time so that `order` goes from oldest to newest.
void ageFiles(ThumbnailCache &cache, const QStringList &order)
{
    const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (qsizetype i = 0; i < order.size(); ++i) {
        QFile file(cache.imagePath(order.at(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.setFileTime(base.addSecs(i * 10), QFileDevice::FileModificationTime));
    }
}

} // namespace

tst_ThumbnailCache::Result tst_ThumbnailCache::run(ThumbnailCache &cache, const QString &sku,
                                                   ThumbnailCache::Mode mode)
{
    ThumbnailFetch *f = cache.fetch(sku, mode);
    Result result;
    bool done = false;
    connect(f, &ThumbnailFetch::finished, this, [&] {
        result.outcome = f->outcome();
        result.image = f->image();
        result.error = f->error();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 60000))
        qFatal("the thumbnail fetch of %s did not finish", qPrintable(sku));
    return result;
}

std::unique_ptr<ApiClient> tst_ThumbnailCache::signedInClient(const QUrl &portal)
{
    auto api = std::make_unique<ApiClient>(portal);
    ApiJob *job = api->signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
    QSignalSpy finished(job, &ApiJob::finished);
    if (!finished.wait(60000) || job->error())
        return nullptr;
    // Quick failures: the offline tests must not wait for a backoff.
    RetryPolicy::Settings settings;
    settings.maxAttempts = 1;
    api->setRetryPolicy(RetryPolicy(settings));
    return api;
}

void tst_ThumbnailCache::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    const QString token = m_http->accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull ours = pullFeed(*m_http, token, Feed::Products, 1000);
    QVERIFY2(ours.converged(), qPrintable(ours.error));
    m_skus = ours.entries.keys();
    const FeedPull theirs =
        pullFeed(*m_http, m_http->accessToken(QStringLiteral("buyer@northgate.example")),
                 Feed::Products, 1000);
    QVERIFY(theirs.converged());
    for (const QString &sku : theirs.entries.keys()) {
        if (!ours.entries.contains(sku)) {
            m_foreignSku = sku;
            break;
        }
    }
    QVERIFY(m_skus.size() > 10);
    QVERIFY(!m_foreignSku.isEmpty());
    m_api = signedInClient(m_portal->url());
    QVERIFY(m_api);
}

void tst_ThumbnailCache::cleanupTestCase()
{
    m_api.reset();
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_ThumbnailCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ThumbnailCache::firstFetchStoresTheImage()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    QCOMPARE(cache.directory(), m_dir->path() + QStringLiteral("/thumbnails"));
    cache.setApiClient(m_api.get());
    const QString sku = m_skus.at(0);
    QVERIFY(cache.cachedImage(sku).isEmpty());

    const Result r = run(cache, sku);
    QCOMPARE(r.outcome, ThumbnailFetch::Outcome::Downloaded);
    QVERIFY(!r.error);
    QVERIFY(!QImage::fromData(r.image, "PNG").isNull());

    // What the portal serves, byte for byte, with its ETag.
    const HttpResponse direct =
        m_http->get(QStringLiteral("/api/v1/products/%1/thumbnail").arg(sku),
                    m_http->accessToken(QStringLiteral("buyer@bayside.example")));
    QCOMPARE(direct.status, 200);
    QCOMPARE(r.image, direct.body);
    QCOMPARE(cache.cachedImage(sku), direct.body);
    QCOMPARE(cache.cachedEtag(sku), direct.header("ETag"));
    QVERIFY(QFile::exists(cache.imagePath(sku)));
    QVERIFY(cache.imagePath(sku).endsWith(QStringLiteral(".png")));
    QCOMPARE(cache.diskUsage(), direct.body.size());
    // Another SKU is not affected.
    QVERIFY(cache.cachedImage(m_skus.at(1)).isEmpty());
}

void tst_ThumbnailCache::secondFetchIsConditional()
{
    FakePortal::Request seen;
    // A proxy in front of the real portal that records what the client sends.
    HttpClient upstream(m_portal->url());
    FakePortal proxy([&](const FakePortal::Request &request) {
        seen = request;
        QList<QPair<QByteArray, QByteArray>> headers;
        for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
            if (it.key() == "authorization" || it.key() == "if-none-match")
                headers.append({it.key(), it.value()});
        }
        const HttpResponse r = upstream.send(request.method, request.path, {}, headers);
        FakePortal::Response out;
        out.status = r.status;
        out.contentType = r.header("Content-Type");
        out.body = r.body;
        for (const char *name : {"ETag", "Cache-Control"}) {
            if (!r.header(name).isEmpty())
                out.headers.append({name, r.header(name)});
        }
        return out;
    });
    ApiClient api(proxy.url());
    api.setTokens(m_api->tokens());
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(&api);
    const QString sku = m_skus.at(2);

    const Result first = run(cache, sku);
    QCOMPARE(first.outcome, ThumbnailFetch::Outcome::Downloaded);
    QVERIFY(seen.header("If-None-Match").isEmpty());
    const QByteArray etag = cache.cachedEtag(sku);
    QVERIFY(!etag.isEmpty());

    const Result second = run(cache, sku);
    QCOMPARE(seen.header("If-None-Match"), etag);
    QCOMPARE(proxy.requests().size(), 2);
    QCOMPARE(second.outcome, ThumbnailFetch::Outcome::Revalidated);
    QCOMPARE(second.image, first.image);
    QCOMPARE(cache.cachedImage(sku), first.image);
    QCOMPARE(cache.cachedEtag(sku), etag);
}

void tst_ThumbnailCache::freshImageNeedsNoRequest()
{
    const QString sku = m_skus.at(3);
    {
        ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
        cache.setApiClient(m_api.get());
        QCOMPARE(run(cache, sku).outcome, ThumbnailFetch::Outcome::Downloaded);
    }
    int requests = 0;
    FakePortal portal([&](const FakePortal::Request &) {
        ++requests;
        return FakePortal::Response::problem(500, "internal-error");
    });
    ApiClient api(portal.url());
    api.setTokens(m_api->tokens());
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(&api);
    // max-age=86400: served from the disk without asking.
    const Result fresh = run(cache, sku, ThumbnailCache::Mode::PreferFresh);
    QCOMPARE(fresh.outcome, ThumbnailFetch::Outcome::Fresh);
    QCOMPARE(requests, 0);
    QVERIFY(!fresh.image.isEmpty());
    // Revalidate asks anyway; a 500 leaves the cached image in place.
    RetryPolicy::Settings once;
    once.maxAttempts = 1;
    api.setRetryPolicy(RetryPolicy(once));
    const Result asked = run(cache, sku, ThumbnailCache::Mode::Revalidate);
    QCOMPARE(requests, 1);
    QCOMPARE(asked.outcome, ThumbnailFetch::Outcome::Offline);
    QCOMPARE(asked.image, fresh.image);
    QCOMPARE(cache.cachedImage(sku), fresh.image);
}

void tst_ThumbnailCache::offlineServesTheCache()
{
    // A portal of its own, stopped half way.
    PortalProcess portal;
    QString error;
    QVERIFY2(
        portal.start({QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50")},
                     &error),
        qPrintable(error));
    auto api = signedInClient(portal.url());
    QVERIFY(api);
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(api.get());
    const QString sku = m_skus.at(0); // product 0 is in every demo of Bayside
    const Result online = run(cache, sku);
    QCOMPARE(online.outcome, ThumbnailFetch::Outcome::Downloaded);

    QCOMPARE(portal.stop(), 0);
    const Result offline = run(cache, sku);
    QCOMPARE(offline.outcome, ThumbnailFetch::Outcome::Offline);
    QCOMPARE(offline.image, online.image);
    QVERIFY(offline.error);
    QCOMPARE(offline.error->code, ApiError::Code::Network);
    QCOMPARE(cache.cachedImage(sku), online.image);

    // No client at all (signed out, or the app started offline): the same.
    ThumbnailCache noClient(ThumbnailCache::directoryFor(m_dir->path()));
    const Result local = run(noClient, sku);
    QCOMPARE(local.outcome, ThumbnailFetch::Outcome::Offline);
    QCOMPARE(local.image, online.image);
}

void tst_ThumbnailCache::offlineWithoutCacheIsUnavailable()
{
    FakePortal portal([](const FakePortal::Request &) { return FakePortal::Response::hang(); });
    ApiClient api(portal.url());
    api.setTokens(m_api->tokens());
    api.setTransferTimeout(300);
    RetryPolicy::Settings once;
    once.maxAttempts = 1;
    api.setRetryPolicy(RetryPolicy(once));
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(&api);
    const Result r = run(cache, m_skus.at(0));
    QCOMPARE(r.outcome, ThumbnailFetch::Outcome::Unavailable);
    QVERIFY(r.image.isEmpty());
    QVERIFY(r.error);
    QCOMPARE(r.error->code, ApiError::Code::Timeout);
    QCOMPARE(cache.diskUsage(), 0);
}

void tst_ThumbnailCache::notFoundRemovesTheCachedImage()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(m_api.get());
    // An image cached while the product was still in the assortment.
    QVERIFY(QDir().mkpath(cache.directory()));
    QFile planted(cache.imagePath(m_foreignSku));
    QVERIFY(planted.open(QIODevice::WriteOnly));
    planted.write(pngOf(sampleImage(QImage::Format_RGB32)));
    planted.close();

    const Result r = run(cache, m_foreignSku);
    QCOMPARE(r.outcome, ThumbnailFetch::Outcome::NotFound);
    QVERIFY(r.image.isEmpty());
    QCOMPARE(r.error->httpStatus, 404);
    QCOMPARE(r.error->problemSlug(), QStringLiteral("not-found"));
    QVERIFY(!QFile::exists(cache.imagePath(m_foreignSku)));
}

void tst_ThumbnailCache::invalidBodyIsNotStored_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("cachedBefore");

    const QByteArray good = pngOf(sampleImage(QImage::Format_RGB32));
    QByteArray badCrc = good;
    badCrc[chunkOffset(good, "IDAT") + 10] = char(badCrc.at(chunkOffset(good, "IDAT") + 10) ^ 1);

    QTest::newRow("text") << QByteArray("this is not an image") << false;
    QTest::newRow("HTML error page")
        << QByteArray("<html><body>Bad gateway</body></html>") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("truncated PNG") << good.left(good.size() / 2) << false;
    QTest::newRow("PNG with a bad CRC") << badCrc << false;
    QTest::newRow("truncated PNG over a cached image") << good.left(good.size() - 5) << true;
}

void tst_ThumbnailCache::invalidBodyIsNotStored()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, cachedBefore);
    const QString sku = m_skus.at(4);
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    QByteArray before;
    if (cachedBefore) {
        cache.setApiClient(m_api.get());
        QCOMPARE(run(cache, sku).outcome, ThumbnailFetch::Outcome::Downloaded);
        before = cache.cachedImage(sku);
    }
    const QByteArray etagBefore = cache.cachedEtag(sku);

    FakePortal portal([&](const FakePortal::Request &) {
        FakePortal::Response r;
        r.contentType = "image/png";
        r.body = body;
        r.headers = {{"ETag", "\"garbage\""}, {"Cache-Control", "private, max-age=86400"}};
        return r;
    });
    ApiClient api(portal.url());
    api.setTokens(m_api->tokens());
    cache.setApiClient(&api);
    const Result r = run(cache, sku);
    QCOMPARE(r.outcome, ThumbnailFetch::Outcome::InvalidImage);
    QVERIFY(r.error);
    QCOMPARE(r.error->code, ApiError::Code::InvalidResponse);
    QVERIFY(!r.error->detail.isEmpty());
    QCOMPARE(r.image, before); // the cached image, if any, still shows
    QCOMPARE(cache.cachedImage(sku), before);
    QCOMPARE(cache.cachedEtag(sku), etagBefore);
    QCOMPARE(cache.diskUsage(), qint64(before.size()));
    // No temporary files left behind either.
    const QStringList files = QDir(cache.directory()).entryList(QDir::Files);
    QCOMPARE(files.size(), cachedBefore ? 2 : 0);
}

void tst_ThumbnailCache::leastRecentlyUsedAreEvicted()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(m_api.get());
    const QStringList skus = m_skus.mid(0, 7);
    const QString token = m_http->accessToken(QStringLiteral("buyer@bayside.example"));
    QHash<QString, qint64> size;
    for (const QString &sku : skus) {
        const HttpResponse r =
            m_http->get(QStringLiteral("/api/v1/products/%1/thumbnail").arg(sku), token);
        QCOMPARE(r.status, 200);
        size.insert(sku, r.body.size());
    }
    for (int i = 0; i < 5; ++i)
        QCOMPARE(run(cache, skus.at(i)).outcome, ThumbnailFetch::Outcome::Downloaded);
    // Used in this order, oldest first: 3, 0, 4, 1, 2.
    ageFiles(cache, {skus.at(3), skus.at(0), skus.at(4), skus.at(1), skus.at(2)});
    // Room for exactly the two most recent and a sixth: storing it drops the other three.
    cache.setMaxBytes(size.value(skus.at(1)) + size.value(skus.at(2)) + size.value(skus.at(5)));
    QCOMPARE(run(cache, skus.at(5)).outcome, ThumbnailFetch::Outcome::Downloaded);
    QCOMPARE(cache.diskUsage(), cache.maxBytes());
    for (int kept : {5, 2, 1})
        QVERIFY2(QFile::exists(cache.imagePath(skus.at(kept))), qPrintable(skus.at(kept)));
    for (int gone : {3, 0, 4}) {
        QVERIFY2(!QFile::exists(cache.imagePath(skus.at(gone))), qPrintable(skus.at(gone)));
        QVERIFY(cache.cachedEtag(skus.at(gone)).isEmpty());
    }

    // Using an image makes it recent: a fresh hit on 1 (otherwise the oldest) saves it, and
    // 2 goes instead.
    ageFiles(cache, {skus.at(1), skus.at(2), skus.at(5)});
    QCOMPARE(run(cache, skus.at(1), ThumbnailCache::Mode::PreferFresh).outcome,
             ThumbnailFetch::Outcome::Fresh);
    cache.setMaxBytes(size.value(skus.at(1)) + size.value(skus.at(5)) + size.value(skus.at(6)));
    QCOMPARE(run(cache, skus.at(6)).outcome, ThumbnailFetch::Outcome::Downloaded);
    QVERIFY(QFile::exists(cache.imagePath(skus.at(1))));
    QVERIFY(QFile::exists(cache.imagePath(skus.at(6))));
    QVERIFY(!QFile::exists(cache.imagePath(skus.at(2))));
    QCOMPARE(cache.diskUsage(), cache.maxBytes());

    // An image larger than the whole bound is still kept (alone): it is the one in use.
    cache.setMaxBytes(1);
    QCOMPARE(run(cache, skus.at(0)).outcome, ThumbnailFetch::Outcome::Downloaded);
    QCOMPARE(cache.diskUsage(), size.value(skus.at(0)));
}

void tst_ThumbnailCache::isValidPng_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("RGB") << pngOf(sampleImage(QImage::Format_RGB32)) << true;
    QTest::newRow("RGBA") << pngOf(sampleImage(QImage::Format_ARGB32)) << true;
    QTest::newRow("greyscale") << pngOf(sampleImage(QImage::Format_Grayscale8)) << true;
    QTest::newRow("16-bit") << pngOf(sampleImage(QImage::Format_RGBA64)) << true;
    QTest::newRow("palette") << pngOf(sampleImage(QImage::Format_Indexed8)) << true;
    QTest::newRow("1-bit") << pngOf(sampleImage(QImage::Format_Mono)) << true;
    QTest::newRow("1×1") << pngOf(QImage(1, 1, QImage::Format_RGB32)) << true;

    const QByteArray good = pngOf(sampleImage(QImage::Format_RGB32));
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("signature only") << good.left(8) << false;
    QTest::newRow("JPEG") << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11) << false;
    QTest::newRow("cut before IEND") << good.left(good.size() - 12) << false;
    QTest::newRow("cut inside IDAT") << good.left(chunkOffset(good, "IDAT") + 20) << false;
    QTest::newRow("trailing garbage") << good + QByteArray("xx") << false;

    QByteArray badCrc = good;
    const qsizetype ihdr = chunkOffset(good, "IHDR");
    badCrc[ihdr + 8 + 3] = char(badCrc.at(ihdr + 8 + 3) ^ 0x40); // width, CRC not updated
    QTest::newRow("IHDR changed, CRC not") << badCrc << false;

    // A valid container whose image data is too short for the header's size: the width
    // doubled and the CRC recomputed, so only the inflated size gives it away.
    QByteArray wider = good;
    qToBigEndian(quint32(74), wider.data() + ihdr + 8);
    {
        quint32 c = 0xFFFFFFFFu;
        for (qsizetype i = ihdr + 4; i < ihdr + 8 + 13; ++i) {
            c ^= quint8(wider.at(i));
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        qToBigEndian(c ^ 0xFFFFFFFFu, wider.data() + ihdr + 8 + 13);
    }
    QVERIFY(QImage::fromData(wider, "PNG").isNull() ||
            QImage::fromData(wider, "PNG").width() == 74);
    QTest::newRow("data shorter than the header says") << wider << false;

    QByteArray huge = good;
    qToBigEndian(quint32(100000), huge.data() + ihdr + 8);
    QTest::newRow("100000 pixels wide") << huge << false;
}

void tst_ThumbnailCache::isValidPng()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(ThumbnailCache::isValidPng(bytes, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

QTEST_MAIN(tst_ThumbnailCache)
#include "tst_thumbnailcache.moc"
