// The camera dialog's path from a video frame to a scan: a frame (here made from a
// barcode image of the shared test set, as a camera would deliver it) is written to a
// file, decoded by the real qm-decode process and the first usable code is emitted.
#include "ui/cameradialog.h"

#include "scan/imagedecoder.h"
#include "uitestmain.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QVideoSink>

#include <cstring>

using qm::CameraDialog;
using qm::scan::ScanResult;

class tst_CameraDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frameToImage_data();
    void frameToImage();
    void frameBecomesScan_data();
    void frameBecomesScan();
    void frameWithoutBarcodeIsNoScan();
    void missingDecoderIsSaid();

private:
    static QString env(const char *name) { return qEnvironmentVariable(name); }
    static QString barcodes() { return env("QM_TESTDATA_DIR") + QStringLiteral("/barcodes/"); }
    // A video frame as a camera delivers it: its own buffer, filled line by line (Qt 6.4
    // has no QVideoFrame(QImage) constructor).
    static QVideoFrame frameFrom(const QImage &source, QImage::Format format);
};

QVideoFrame tst_CameraDialog::frameFrom(const QImage &source, QImage::Format format)
{
    const QImage image = source.convertToFormat(format);
    const QVideoFrameFormat::PixelFormat pixel =
        QVideoFrameFormat::pixelFormatFromImageFormat(image.format());
    if (pixel == QVideoFrameFormat::Format_Invalid)
        qFatal("no video pixel format for this image format");
    QVideoFrame frame(QVideoFrameFormat(image.size(), pixel));
    if (!frame.map(QVideoFrame::WriteOnly))
        qFatal("cannot map the video frame");
    const qsizetype line = qMin<qsizetype>(image.bytesPerLine(), frame.bytesPerLine(0));
    for (int y = 0; y < image.height(); ++y)
        std::memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), image.constScanLine(y),
                    size_t(line));
    frame.unmap();
    return frame;
}

void tst_CameraDialog::frameToImage_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("RGB32") << int(QImage::Format_RGB32);
    QTest::newRow("ARGB32") << int(QImage::Format_ARGB32);
    QTest::newRow("RGBA8888") << int(QImage::Format_RGBA8888);
    QTest::newRow("Grayscale8") << int(QImage::Format_Grayscale8);
}

void tst_CameraDialog::frameToImage()
{
    QFETCH(int, format);
    // An odd width, so that padded lines would show.
    QImage image(37, 21, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb((x * 7) % 256, (y * 11) % 256, (x + y) % 2 ? 255 : 0));
    const QImage expected = image.convertToFormat(QImage::Format(format));
    const QImage got = CameraDialog::frameToImage(frameFrom(image, QImage::Format(format)));
    QCOMPARE(got.size(), image.size());
    QCOMPARE(got.convertToFormat(expected.format()), expected);
    QVERIFY(CameraDialog::frameToImage(QVideoFrame()).isNull());
}

void tst_CameraDialog::frameBecomesScan_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("batch");
    // EAN-13 9780764544200 (ean13-3_03.txt), looked up as its GTIN-14.
    QTest::newRow("EAN-13 photo") << QStringLiteral("ean13/ean13-3_03.png")
                                  << int(ScanResult::Kind::Gtin) << QStringLiteral("09780764544200")
                                  << QString();
    // GS1 DataMatrix, figure 4.15.1-2 of the GS1 General Specifications:
    // (01)09504000059101 (21)12345678p901 (10)1234567p (17)141120 (8200)…
    QTest::newRow("GS1 DataMatrix")
        << QStringLiteral("gs1/datamatrix-1_gs1-figure-4.15.1-2-32x32.png")
        << int(ScanResult::Kind::Gs1) << QStringLiteral("09504000059101")
        << QStringLiteral("1234567p");
}

void tst_CameraDialog::frameBecomesScan()
{
    if (!QDir(barcodes()).exists())
        QSKIP("QM_TESTDATA_DIR/barcodes is absent");
    if (env("QM_DECODE_BIN").isEmpty())
        QSKIP("qm-decode is not built");
    QFETCH(QString, file);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QString, batch);
    const QImage image(barcodes() + file);
    QVERIFY2(!image.isNull(), qPrintable(file));

    CameraDialog dialog;
    dialog.decoder()->setProgram(env("QM_DECODE_BIN"));
    dialog.setSampleInterval(20);
    QSignalSpy scanned(&dialog, &CameraDialog::scanned);
    QSignalSpy decoded(dialog.decoder(), &qm::scan::ImageDecoder::decoded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.videoSink()->setVideoFrame(frameFrom(image, QImage::Format_RGB32));
    QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 20000);
    const auto result = scanned.first().first().value<ScanResult>();
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(int(result.kind), kind);
    QCOMPARE(result.code, code);
    QCOMPARE(result.batch, batch);
    // The first readable code ends the dialog; the same frame is not decoded again.
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(decoded.count(), 1);
    QTest::qWait(100);
    QCOMPARE(scanned.count(), 1);
}

void tst_CameraDialog::frameWithoutBarcodeIsNoScan()
{
    if (env("QM_DECODE_BIN").isEmpty())
        QSKIP("qm-decode is not built");
    CameraDialog dialog;
    dialog.decoder()->setProgram(env("QM_DECODE_BIN"));
    dialog.setSampleInterval(20);
    QSignalSpy scanned(&dialog, &CameraDialog::scanned);
    QSignalSpy decoded(dialog.decoder(), &qm::scan::ImageDecoder::decoded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QImage blank(320, 240, QImage::Format_RGB32);
    blank.fill(Qt::white);
    dialog.videoSink()->setVideoFrame(frameFrom(blank, QImage::Format_RGB32));
    QTRY_COMPARE_WITH_TIMEOUT(decoded.count(), 1, 20000);
    QVERIFY(decoded.first().at(1).value<QList<qm::scan::DecodedBarcode>>().isEmpty());
    QCOMPARE(scanned.count(), 0);
    QVERIFY(dialog.isVisible()); // still looking
    // One decode per new frame, not per tick.
    QTest::qWait(150);
    QCOMPARE(decoded.count(), 1);
    dialog.videoSink()->setVideoFrame(frameFrom(blank, QImage::Format_RGB32));
    QTRY_COMPARE_WITH_TIMEOUT(decoded.count(), 2, 20000);
}

void tst_CameraDialog::missingDecoderIsSaid()
{
    CameraDialog dialog;
    dialog.decoder()->setProgram(QStringLiteral("/nonexistent/qm-decode"));
    dialog.setSampleInterval(20);
    QSignalSpy failed(dialog.decoder(), &qm::scan::ImageDecoder::failed);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QImage blank(64, 48, QImage::Format_RGB32);
    blank.fill(Qt::white);
    dialog.videoSink()->setVideoFrame(frameFrom(blank, QImage::Format_RGB32));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(dialog.status()->text(),
             qm::scan::ImageDecoder::message(qm::scan::ImageDecoder::Failure::NotStarted));
}

QM_UI_TEST_MAIN(tst_CameraDialog)
#include "tst_cameradialog.moc"
