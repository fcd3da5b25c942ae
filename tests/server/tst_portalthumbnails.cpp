#include "core/catalog.h"
#include "portaltest.h"
#include "support/feedpuller.h"

#include <QImage>
#include <QRegularExpression>

#include <memory>

using namespace qm;
using namespace qm::test;

// GET /api/v1/products/{sku}/thumbnail on the real qm-portal: a PNG of a product in the
// account's assortment, with a strong ETag and conditional requests.
class tst_PortalThumbnails final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void servesADecodablePng();
    void sameEtagTwice();
    void ifNoneMatch_data();
    void ifNoneMatch();
    void differentProductsDiffer();
    void notFound_data();
    void notFound();
    void unauthorized_data();
    void unauthorized();
    void onlyGet();

private:
    HttpResponse thumbnail(const QString &sku,
                           const QList<QPair<QByteArray, QByteArray>> &extra = {},
                           const QString &token = {});

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_token;
    QStringList m_skus;    // Bayside's assortment
    QStringList m_foreign; // Northgate's products that Bayside does not carry
};

HttpResponse tst_PortalThumbnails::thumbnail(const QString &sku,
                                             const QList<QPair<QByteArray, QByteArray>> &extra,
                                             const QString &token)
{
    QList<QPair<QByteArray, QByteArray>> headers = extra;
    const QString bearer = token.isNull() ? m_token : token;
    if (!bearer.isEmpty())
        headers.append({"Authorization", "Bearer " + bearer.toLatin1()});
    return m_client->send("GET",
                          QStringLiteral("/api/v1/products/%1/thumbnail")
                              .arg(QString::fromLatin1(QUrl::toPercentEncoding(sku))),
                          {}, headers);
}

void tst_PortalThumbnails::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QM_START_PORTAL(*m_portal);
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_token = m_client->accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!m_token.isEmpty());

    const FeedPull ours = pullFeed(*m_client, m_token, Feed::Products, 1000);
    QVERIFY2(ours.converged(), qPrintable(ours.error));
    m_skus = ours.entries.keys();
    const QString northgate = m_client->accessToken(QStringLiteral("buyer@northgate.example"));
    const FeedPull theirs = pullFeed(*m_client, northgate, Feed::Products, 1000);
    QVERIFY2(theirs.converged(), qPrintable(theirs.error));
    for (const QString &sku : theirs.entries.keys()) {
        if (!ours.entries.contains(sku))
            m_foreign << sku;
    }
    QVERIFY(m_skus.size() > 100);
    QVERIFY(!m_foreign.isEmpty());
}

void tst_PortalThumbnails::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_PortalThumbnails::servesADecodablePng()
{
    const HttpResponse r = thumbnail(m_skus.first());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("private, max-age=86400"));
    const QImage image = QImage::fromData(r.body, "PNG");
    QVERIFY2(!image.isNull(), "the body is not a PNG Qt can decode");
    QCOMPARE(image.size(), QSize(160, 160));
    // Strong (no W/) and quoted.
    QVERIFY2(QRegularExpression(QStringLiteral("^\"[0-9a-f]{32}\"$"))
                 .match(QString::fromLatin1(r.header("ETag")))
                 .hasMatch(),
             r.header("ETag").constData());
}

void tst_PortalThumbnails::sameEtagTwice()
{
    const QString sku = m_skus.at(7);
    const HttpResponse a = thumbnail(sku);
    const HttpResponse b = thumbnail(sku);
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    QVERIFY(!a.header("ETag").isEmpty());
    QCOMPARE(b.header("ETag"), a.header("ETag"));
    QCOMPARE(b.body, a.body);
}

void tst_PortalThumbnails::ifNoneMatch_data()
{
    QTest::addColumn<QByteArray>("headerTemplate"); // %1 is the current ETag
    QTest::addColumn<int>("status");

    QTest::newRow("current ETag") << QByteArray("%1") << 304;
    QTest::newRow("weak form of the current ETag") << QByteArray("W/%1") << 304;
    QTest::newRow("in a list") << QByteArray("\"0000\", %1") << 304;
    QTest::newRow("star") << QByteArray("*") << 304;
    QTest::newRow("another ETag") << QByteArray("\"0123456789abcdef0123456789abcdef\"") << 200;
    QTest::newRow("unquoted") << QByteArray("unquoted-%1") << 200;
    QTest::newRow("empty") << QByteArray("") << 200;
}

void tst_PortalThumbnails::ifNoneMatch()
{
    QFETCH(QByteArray, headerTemplate);
    QFETCH(int, status);
    const QString sku = m_skus.at(3);
    const HttpResponse first = thumbnail(sku);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QByteArray header = headerTemplate;
    header.replace("%1", etag);

    const HttpResponse r = thumbnail(sku, {{"If-None-Match", header}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("ETag"), etag);
    QCOMPARE(r.header("Cache-Control"), QByteArray("private, max-age=86400"));
    if (status == 304)
        QVERIFY(r.body.isEmpty());
    else
        QCOMPARE(r.body, first.body);
}

void tst_PortalThumbnails::differentProductsDiffer()
{
    const HttpResponse a = thumbnail(m_skus.at(0));
    const HttpResponse b = thumbnail(m_skus.at(1));
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    QVERIFY(a.body != b.body);
    QVERIFY(a.header("ETag") != b.header("ETag"));
    // The ETag of one product does not validate another.
    QCOMPARE(thumbnail(m_skus.at(1), {{"If-None-Match", a.header("ETag")}}).status, 200);
}

void tst_PortalThumbnails::notFound_data()
{
    QTest::addColumn<QString>("sku");
    QTest::newRow("unknown SKU") << QStringLiteral("NO-SUCH-SKU");
    QTest::newRow("another account's product") << m_foreign.first();
    QTest::newRow("lowercase of a real SKU") << m_skus.first().toLower();
}

void tst_PortalThumbnails::notFound()
{
    QFETCH(QString, sku);
    const HttpResponse r = thumbnail(sku);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(r.problemSlug(), QStringLiteral("not-found"));
    QVERIFY(r.header("ETag").isEmpty());
    // Also with a conditional request: 404 wins over If-None-Match: *.
    QCOMPARE(thumbnail(sku, {{"If-None-Match", "*"}}).status, 404);
}

void tst_PortalThumbnails::unauthorized_data()
{
    QTest::addColumn<QString>("token");
    // Empty, not null: no Authorization header at all.
    QTest::newRow("no token") << QStringLiteral("");
    QTest::newRow("unknown token") << QStringLiteral("not-a-token");
}

void tst_PortalThumbnails::unauthorized()
{
    QFETCH(QString, token);
    const HttpResponse r = thumbnail(m_skus.first(), {}, token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(r.body.indexOf("\x89PNG") < 0);
}

void tst_PortalThumbnails::onlyGet()
{
    const HttpResponse r =
        m_client->post(QStringLiteral("/api/v1/products/%1/thumbnail").arg(m_skus.first()), "{}",
                       "application/json", m_token);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArray("GET"));
}

QTEST_GUILESS_MAIN(tst_PortalThumbnails)
#include "tst_portalthumbnails.moc"
