#include "support/portalprocess.h"
#include "sync/apiclient.h"
#include "sync/thumbnailcache.h"
#include "ui/productdetailview.h"
#include "uitestmain.h"

#include <QImage>
#include <QLabel>
#include <QSignalSpy>

#include <memory>

using namespace qm;
using namespace qm::test;

// The detail pane's thumbnail: fetched in the background from the real qm-portal through a
// ThumbnailCache, a placeholder while loading and when there is none, the cached picture
// offline, and never the picture of a product no longer shown.
class tst_ProductDetailView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void noCacheNoThumbnail();
    void loadsInTheBackground();
    void onlyTheShownProductsPicture();
    void offlineWithoutPictureShowsPlaceholder();
    void offlineShowsTheCachedPicture();
    void unknownProductShowsPlaceholder();

private:
    static ProductDetails details(const QString &sku);
    QImage shownImage(const ProductDetailView &view) const;

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<QTemporaryDir> m_dir;
};

ProductDetails tst_ProductDetailView::details(const QString &sku)
{
    ProductDetails d;
    d.product.sku = sku;
    d.product.name = QStringLiteral("Product %1").arg(sku);
    return d;
}

QImage tst_ProductDetailView::shownImage(const ProductDetailView &view) const
{
    const auto *label = view.findChild<QLabel *>(QStringLiteral("thumbnailLabel"));
    return label ? label->pixmap().toImage() : QImage();
}

void tst_ProductDetailView::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(
        m_portal->start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50")}, &error),
        qPrintable(error));
    m_api = std::make_unique<ApiClient>(m_portal->url());
    ApiJob *job = m_api->signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
    QSignalSpy finished(job, &ApiJob::finished);
    QVERIFY(finished.wait(60000));
    QVERIFY(!job->error());
}

void tst_ProductDetailView::cleanupTestCase()
{
    m_api.reset();
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_ProductDetailView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ProductDetailView::noCacheNoThumbnail()
{
    ProductDetailView view;
    view.show();
    view.showProduct(details(QStringLiteral("HIS-100000")));
    const auto *label = view.findChild<QLabel *>(QStringLiteral("thumbnailLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    QVERIFY(view.thumbnailState().isEmpty());
}

void tst_ProductDetailView::loadsInTheBackground()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(m_api.get());
    ProductDetailView view;
    view.setThumbnailCache(&cache);
    view.show();
    view.showProduct(details(QStringLiteral("HIS-100000")));
    // showProduct returned before any network answer: the placeholder shows.
    QCOMPARE(view.thumbnailState(), QStringLiteral("loading"));
    QVERIFY(shownImage(view).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(view.thumbnailState(), QStringLiteral("image"), 30000);
    const QImage shown = shownImage(view);
    QVERIFY(!shown.isNull());
    const QImage cached = QImage::fromData(cache.cachedImage(QStringLiteral("HIS-100000")), "PNG");
    QVERIFY(!cached.isNull());
    QCOMPARE(shown.convertToFormat(QImage::Format_RGB32).scaled(cached.size()),
             cached.convertToFormat(QImage::Format_RGB32));
}

void tst_ProductDetailView::onlyTheShownProductsPicture()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(m_api.get());
    ProductDetailView view;
    view.setThumbnailCache(&cache);
    view.show();
    // A quick move through the list: only the last product's picture may end up shown.
    view.showProduct(details(QStringLiteral("HIS-100000")));
    view.showProduct(details(QStringLiteral("HIS-100001")));
    QTRY_COMPARE_WITH_TIMEOUT(view.thumbnailState(), QStringLiteral("image"), 30000);
    // Let the first answer arrive too.
    QTRY_VERIFY_WITH_TIMEOUT(!cache.cachedImage(QStringLiteral("HIS-100000")).isEmpty(), 30000);
    QTest::qWait(50);
    QCOMPARE(view.sku(), QStringLiteral("HIS-100001"));
    const QImage expected =
        QImage::fromData(cache.cachedImage(QStringLiteral("HIS-100001")), "PNG");
    QCOMPARE(shownImage(view).convertToFormat(QImage::Format_RGB32).scaled(expected.size()),
             expected.convertToFormat(QImage::Format_RGB32));
}

void tst_ProductDetailView::offlineWithoutPictureShowsPlaceholder()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path())); // no client: offline
    ProductDetailView view;
    view.setThumbnailCache(&cache);
    view.show();
    view.showProduct(details(QStringLiteral("HIS-100000")));
    QTRY_COMPARE(view.thumbnailState(), QStringLiteral("none"));
    const auto *label = view.findChild<QLabel *>(QStringLiteral("thumbnailLabel"));
    QVERIFY(label->isVisible());
    QVERIFY(!label->text().isEmpty());
    QVERIFY(shownImage(view).isNull());
}

void tst_ProductDetailView::offlineShowsTheCachedPicture()
{
    const QString directory = ThumbnailCache::directoryFor(m_dir->path());
    {
        ThumbnailCache online(directory);
        online.setApiClient(m_api.get());
        ThumbnailFetch *fetch = online.fetch(QStringLiteral("HIS-100002"));
        QSignalSpy done(fetch, &ThumbnailFetch::finished);
        QVERIFY(done.wait(30000));
    }
    ThumbnailCache offline(directory);
    ProductDetailView view;
    view.setThumbnailCache(&offline);
    view.show();
    view.showProduct(details(QStringLiteral("HIS-100002")));
    QTRY_COMPARE(view.thumbnailState(), QStringLiteral("image"));
    QVERIFY(!shownImage(view).isNull());
    // Another product without a cached picture: the placeholder, not the previous picture.
    view.showProduct(details(QStringLiteral("HIS-100003")));
    QTRY_COMPARE(view.thumbnailState(), QStringLiteral("none"));
    QVERIFY(shownImage(view).isNull());
}

void tst_ProductDetailView::unknownProductShowsPlaceholder()
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(m_dir->path()));
    cache.setApiClient(m_api.get());
    ProductDetailView view;
    view.setThumbnailCache(&cache);
    view.show();
    view.showProduct(details(QStringLiteral("NO-SUCH-SKU")));
    QTRY_COMPARE_WITH_TIMEOUT(view.thumbnailState(), QStringLiteral("none"), 30000);
}

QM_UI_TEST_MAIN(tst_ProductDetailView)
#include "tst_productdetailview.moc"
