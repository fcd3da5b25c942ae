#include "core/catalog.h"
#include "server/democatalog.h"
#include "server/thumbnailrenderer.h"

#include <QElapsedTimer>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

using namespace qm;

// The portal's thumbnails are PNGs written without Qt Gui; Qt's own decoder must read them.
class tst_ThumbnailRenderer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void sameProductSameBytes();
    void etagIsAQuotedHashOfTheBytes();
    void categoryGivesTheBackground();
    void familyGivesTheShape();
    void skuIsWrittenInTheBand();
    void renderTime();

private:
    // The first demo product of each family (FAS, PPE, ...), by family code.
    QMap<QString, Product> productsByFamily() const;
    static QImage decode(const QByteArray &png);

    const DemoCatalog m_demo{1, QDate(2026, 11, 25)};
};

QMap<QString, Product> tst_ThumbnailRenderer::productsByFamily() const
{
    QMap<QString, Product> out;
    for (qint64 i = 0; i < 400 && out.size() < 7; ++i) {
        const Product p = m_demo.product(i).product;
        const QString family = p.categoryCode.section(u'-', 0, 0);
        if (!out.contains(family))
            out.insert(family, p);
    }
    return out;
}

QImage tst_ThumbnailRenderer::decode(const QByteArray &png)
{
    return QImage::fromData(png, "PNG");
}

void tst_ThumbnailRenderer::decodes_data()
{
    QTest::addColumn<Product>("product");
    const auto families = productsByFamily();
    QCOMPARE(families.size(), 7);
    for (auto it = families.cbegin(); it != families.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.value();

    Product odd;
    odd.sku = QStringLiteral("a-very-long-sku/with_every.char ÄÖ€ 0123456789");
    QTest::newRow("long SKU, odd characters, no category") << odd;
    Product empty;
    QTest::newRow("empty product") << empty;
    Product unknownFamily;
    unknownFamily.sku = QStringLiteral("X1");
    unknownFamily.categoryCode = QStringLiteral("ZZZ-QQQ");
    QTest::newRow("unknown family") << unknownFamily;
}

void tst_ThumbnailRenderer::decodes()
{
    QFETCH(Product, product);
    const QByteArray png = ThumbnailRenderer::png(product);
    QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
    const QImage image = decode(png);
    QVERIFY2(!image.isNull(), "Qt cannot decode the PNG");
    QCOMPARE(image.size(), QSize(ThumbnailRenderer::Size, ThumbnailRenderer::Size));
    QVERIFY(png.size() < 16 * 1024); // small: flat colours compress well
}

void tst_ThumbnailRenderer::sameProductSameBytes()
{
    const Product a = m_demo.product(3).product;
    const Product b = DemoCatalog(1, QDate(2026, 11, 25)).product(3).product;
    QCOMPARE(ThumbnailRenderer::png(a), ThumbnailRenderer::png(b));
}

void tst_ThumbnailRenderer::etagIsAQuotedHashOfTheBytes()
{
    const QByteArray a = ThumbnailRenderer::png(m_demo.product(0).product);
    const QByteArray b = ThumbnailRenderer::png(m_demo.product(1).product);
    QVERIFY(a != b);
    const QByteArray etagA = ThumbnailRenderer::etag(a);
    QVERIFY2(QRegularExpression(QStringLiteral("^\"[0-9a-f]{32}\"$"))
                 .match(QString::fromLatin1(etagA))
                 .hasMatch(),
             etagA.constData());
    QCOMPARE(ThumbnailRenderer::etag(a), etagA);
    QVERIFY(ThumbnailRenderer::etag(b) != etagA);
    QVERIFY(ThumbnailRenderer::etag(a + 'x') != etagA);
}

void tst_ThumbnailRenderer::categoryGivesTheBackground()
{
    Product p;
    p.sku = QStringLiteral("A-1");
    p.categoryCode = QStringLiteral("FAS-BLT");
    Product sameCategory = p;
    sameCategory.sku = QStringLiteral("B-2");
    Product otherCategory = p;
    otherCategory.categoryCode = QStringLiteral("FAS-NUT");

    const QImage a = decode(ThumbnailRenderer::png(p));
    const QImage b = decode(ThumbnailRenderer::png(sameCategory));
    const QImage c = decode(ThumbnailRenderer::png(otherCategory));
    QCOMPARE(a.pixel(2, 2), b.pixel(2, 2));
    QVERIFY(a.pixel(2, 2) != c.pixel(2, 2));
    // A colour, not grey or white: the SKU and the shape must stand out.
    const QColor background = a.pixelColor(2, 2);
    QVERIFY(background.hsvSaturation() > 60);
}

void tst_ThumbnailRenderer::familyGivesTheShape()
{
    // Same category code suffix and SKU, different family: the shape area differs.
    QList<QImage> images;
    for (const char *family : {"FAS", "PPE", "ELE", "PLU", "JAN", "TOO", "PAC"}) {
        Product p;
        p.sku = QStringLiteral("S-1");
        p.categoryCode = QString::fromLatin1(family) + QStringLiteral("-X");
        // The same background for all, to compare shapes only.
        QImage image = decode(ThumbnailRenderer::png(p));
        const QRgb bg = image.pixel(2, 2);
        QImage mask(image.size(), QImage::Format_Mono);
        for (int y = 0; y < image.height() - 30; ++y) {
            for (int x = 0; x < image.width(); ++x)
                mask.setPixel(x, y, image.pixel(x, y) == bg ? 0 : 1);
        }
        images.append(mask.copy(0, 0, image.width(), image.height() - 30));
    }
    for (int i = 0; i < images.size(); ++i) {
        for (int j = i + 1; j < images.size(); ++j)
            QVERIFY2(images.at(i) != images.at(j),
                     qPrintable(QStringLiteral("%1 %2").arg(i).arg(j)));
    }
}

void tst_ThumbnailRenderer::skuIsWrittenInTheBand()
{
    Product a;
    a.sku = QStringLiteral("HIS-100001");
    a.categoryCode = QStringLiteral("ELE-CAB");
    Product b = a;
    b.sku = QStringLiteral("HIS-100002");
    const QImage ia = decode(ThumbnailRenderer::png(a));
    const QImage ib = decode(ThumbnailRenderer::png(b));
    const int band = ia.height() - 28;
    QCOMPARE(ia.copy(0, 0, ia.width(), band), ib.copy(0, 0, ib.width(), band));
    QVERIFY(ia.copy(0, band, ia.width(), 28) != ib.copy(0, band, ib.width(), 28));
    int white = 0;
    for (int y = band; y < ia.height(); ++y) {
        for (int x = 0; x < ia.width(); ++x)
            white += ia.pixel(x, y) == qRgb(255, 255, 255);
    }
    QVERIFY2(white > 100, qPrintable(QString::number(white))); // ten glyphs of text
}

void tst_ThumbnailRenderer::renderTime()
{
    // Measures (and prints) what drawing costs; the portal also keeps recent images.
    QList<Product> products;
    for (qint64 i = 0; i < 200; ++i)
        products.append(m_demo.product(i).product);
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    for (const Product &p : std::as_const(products))
        bytes += ThumbnailRenderer::png(p).size();
    const double ms = double(timer.nsecsElapsed()) / 1e6 / double(products.size());
    qInfo("thumbnail: %.3f ms per image, %lld bytes on average", ms,
          bytes / qint64(products.size()));
    QVERIFY(bytes > 0);
}

QTEST_GUILESS_MAIN(tst_ThumbnailRenderer)
#include "tst_thumbnailrenderer.moc"
