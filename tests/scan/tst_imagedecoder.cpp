#include "core/scaninput.h"
#include "scan/imagedecoder.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using qm::scan::DecodedBarcode;
using qm::scan::ImageDecoder;

Q_DECLARE_METATYPE(qm::scan::ImageDecoder::Failure)

class tst_ImageDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void failuresNeverReachTheCaller_data();
    void failuresNeverReachTheCaller();
    void missingProgram();
    void parsesEveryBarcode();
    void oneImageAtATime();
    void scanText_data();
    void scanText();
    void manifestImages_data();
    void manifestImages();
};

namespace {

struct Outcome
{
    bool ok = false;
    QList<DecodedBarcode> barcodes;
    ImageDecoder::Failure failure = ImageDecoder::Failure::NotStarted;
    QString message;
};

Outcome run(ImageDecoder &decoder, const QString &image)
{
    QSignalSpy decoded(&decoder, &ImageDecoder::decoded);
    QSignalSpy failed(&decoder, &ImageDecoder::failed);
    Outcome o;
    if (!decoder.decode(image))
        return o;
    if (!QTest::qWaitFor([&] { return decoded.count() + failed.count() > 0; },
                         decoder.timeout() + 10000))
        return o;
    // Exactly one answer per image.
    QTest::qWait(0);
    if (decoded.count() + failed.count() != 1)
        qFatal("ImageDecoder answered %lld times", qlonglong(decoded.count() + failed.count()));
    if (!decoded.isEmpty()) {
        o.ok = true;
        o.barcodes = decoded.first().at(1).value<QList<DecodedBarcode>>();
    } else {
        o.failure = failed.first().at(1).value<ImageDecoder::Failure>();
        o.message = failed.first().at(2).toString();
    }
    return o;
}

QString env(const char *name)
{
    return QString::fromLocal8Bit(qgetenv(name));
}

// The manifest's escaping: "<GS>" for ASCII 29, "<U+XXXX>" for other control characters.
QString unescape(QString text)
{
    text.replace(QStringLiteral("<GS>"), QStringLiteral("\x1d"));
    qsizetype at;
    while ((at = text.indexOf(u"<U+")) >= 0 && at + 8 <= text.size()) {
        const QChar c(char16_t(text.mid(at + 3, 4).toUInt(nullptr, 16)));
        text.replace(at, 8, c);
    }
    return text;
}

// Comma-separated values without quoted commas (the manifest has none in the columns read).
QList<QStringList> readCsv(const QString &path)
{
    QFile f(path);
    QList<QStringList> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.trimmed().isEmpty())
            rows << QString::fromUtf8(line).split(u',');
    }
    return rows;
}

// Whether a decoded barcode says the same as the expected text, after normalisation:
// UPC-A as 12 or 13 digits, UPC-E as 8 digits or its expanded GTIN, DataBar with or
// without (01), GS1 data as bracketed text or raw element string all name one GTIN-14 or
// one list of AIs.
bool sameContent(const DecodedBarcode &b, const QString &expected)
{
    if (b.text == expected || b.scanText() == b.symbology + expected)
        return true;
    const qm::scan::ScanResult got = qm::scan::interpret(b.scanText(), {});
    const qm::scan::ScanResult want = qm::scan::interpret(b.symbology + expected, {});
    if (got.kind != want.kind)
        return false;
    if (!got.elements.isEmpty() || !want.elements.isEmpty())
        return got.elements == want.elements;
    return !got.code.isEmpty() && got.code == want.code;
}

} // namespace

void tst_ImageDecoder::initTestCase()
{
    qRegisterMetaType<ImageDecoder::Failure>();
    qRegisterMetaType<QList<DecodedBarcode>>();
    QVERIFY2(QFile::exists(env("QM_FAKE_DECODER_BIN")), "QM_FAKE_DECODER_BIN is not set");
}

void tst_ImageDecoder::failuresNeverReachTheCaller_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<ImageDecoder::Failure>("failure");
    QTest::newRow("decoder aborts") << "abort.png" << ImageDecoder::Failure::Crashed;
    QTest::newRow("decoder hangs") << "hang.png" << ImageDecoder::Failure::TimedOut;
    QTest::newRow("decoder prints nonsense") << "garbage.png" << ImageDecoder::Failure::BadOutput;
    QTest::newRow("decoder exits with 3") << "exit3.png" << ImageDecoder::Failure::Crashed;
}

void tst_ImageDecoder::failuresNeverReachTheCaller()
{
    QFETCH(QString, image);
    QFETCH(ImageDecoder::Failure, failure);
    ImageDecoder decoder;
    decoder.setProgram(env("QM_FAKE_DECODER_BIN"));
    decoder.setTimeout(500);
    const Outcome o = run(decoder, image);
    QVERIFY(!o.ok);
    QCOMPARE(o.failure, failure);
    QVERIFY2(o.message.startsWith(u"Could not read this image"), qPrintable(o.message));
    QVERIFY(!decoder.isBusy());
    // The decoder is usable again afterwards.
    QVERIFY(run(decoder, QStringLiteral("two.png")).ok);
}

void tst_ImageDecoder::missingProgram()
{
    ImageDecoder decoder;
    decoder.setProgram(QDir::temp().filePath(QStringLiteral("no-such-qm-decode")));
    const Outcome o = run(decoder, QStringLiteral("x.png"));
    QVERIFY(!o.ok);
    QCOMPARE(o.failure, ImageDecoder::Failure::NotStarted);
    QVERIFY(!decoder.isBusy());
}

void tst_ImageDecoder::parsesEveryBarcode()
{
    ImageDecoder decoder;
    decoder.setProgram(env("QM_FAKE_DECODER_BIN"));
    const Outcome o = run(decoder, QStringLiteral("two.png"));
    QVERIFY(o.ok);
    QCOMPARE(o.barcodes.size(), 2);
    QCOMPARE(o.barcodes[0].text, QStringLiteral("4006381333931"));
    QCOMPARE(o.barcodes[0].format, QStringLiteral("EAN-13"));
    QCOMPARE(o.barcodes[0].symbology, QStringLiteral("]E0"));
    QCOMPARE(o.barcodes[0].position,
             (QList<QPoint>{QPoint(1, 2), QPoint(3, 2), QPoint(3, 4), QPoint(1, 4)}));
    QCOMPARE(o.barcodes[1].text, QStringLiteral("SKU-1"));
    QVERIFY(o.barcodes[1].position.isEmpty());
}

void tst_ImageDecoder::oneImageAtATime()
{
    ImageDecoder decoder;
    decoder.setProgram(env("QM_FAKE_DECODER_BIN"));
    decoder.setTimeout(5000);
    QSignalSpy failed(&decoder, &ImageDecoder::failed);
    QVERIFY(decoder.decode(QStringLiteral("hang.png")));
    QVERIFY(decoder.isBusy());
    QVERIFY(!decoder.decode(QStringLiteral("two.png")));
    decoder.cancel();
    QVERIFY(!decoder.isBusy());
    QTest::qWait(50);
    QCOMPARE(failed.count(), 0); // cancelled reads say nothing
}

void tst_ImageDecoder::scanText_data()
{
    QTest::addColumn<QString>("symbology");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scanText");
    QTest::newRow("EAN-13 as is") << "]E0"
                                  << "4006381333931"
                                  << "]E04006381333931";
    QTest::newRow("DataBar without (01)") << "]e0"
                                          << "04412345678909"
                                          << "]e00104412345678909";
    QTest::newRow("DataBar Expanded as HRI") << "]e0"
                                             << "(10)567(01)90012345678908(11)010101"
                                             << "]e010567\x1d"
                                                "019001234567890811010101";
    QTest::newRow("bad HRI stays as it is") << "]e0"
                                            << "(99"
                                            << "]e0(99";
    QTest::newRow("plain QR text with brackets") << "]Q1"
                                                 << "(see note)"
                                                 << "]Q1(see note)";
}

void tst_ImageDecoder::scanText()
{
    QFETCH(QString, symbology);
    QFETCH(QString, text);
    QFETCH(QString, scanText);
    DecodedBarcode b;
    b.symbology = symbology;
    b.text = text;
    QCOMPARE(b.scanText(), scanText);
}

void tst_ImageDecoder::manifestImages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("wrongText");
    const QString dir = env("QM_TESTDATA_DIR") + QStringLiteral("/barcodes");
    const QList<QStringList> rows = readCsv(dir + QStringLiteral("/manifest.csv"));
    if (rows.isEmpty())
        return;
    const QStringList header = rows.first();
    const auto col = [&](const char *name) { return header.indexOf(QString::fromLatin1(name)); };
    // Expectations depend on the zxing-cpp that qm-decode was built with: the manifest
    // records what Debian 12's 1.4.0 and what a current zxing-cpp read from each image.
    const bool old = env("QM_ZXING_VERSION").startsWith(u"1.");
    const int statusCol = old ? col("zxing_1_4_0_debian_status") : col("zxing_head_77dceca_status");
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        if (r.size() != header.size())
            continue;
        QString expected = unescape(r[col("expected_text_escaped")]);
        if (const QString hex = r[col("expected_bytes_hex")]; !hex.isEmpty())
            expected = QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()));
        QTest::newRow(qPrintable(r[col("file")]))
            << dir + u'/' + r[col("file")] << expected << r[statusCol]
            << unescape(r[col("zxing_1_4_0_text_escaped")]);
    }
}

void tst_ImageDecoder::manifestImages()
{
    if (!QDir(env("QM_TESTDATA_DIR") + QStringLiteral("/barcodes")).exists())
        QSKIP("QM_TESTDATA_DIR/barcodes is absent");
    if (env("QM_DECODE_BIN").isEmpty())
        QSKIP("qm-decode is not built (QM_BUILD_GUI=OFF)");
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(QString, status);
    QFETCH(QString, wrongText);

    ImageDecoder decoder;
    decoder.setProgram(env("QM_DECODE_BIN"));
    const Outcome o = run(decoder, file);

    if (status.startsWith(u"CRASH")) {
        // zxing-cpp 1.4.0 abort()s on this image: the caller is told, and lives on.
        QVERIFY(!o.ok);
        QCOMPARE(o.failure, ImageDecoder::Failure::Crashed);
        QVERIFY(o.message.startsWith(u"Could not read this image"));
        return;
    }
    QVERIFY2(o.ok, qPrintable(o.message));
    if (status == u"not_found") {
        QCOMPARE(o.barcodes.size(), 0);
        return;
    }
    if (status == u"wrong") {
        // A misread with a valid check digit: it must come out as that other number,
        // which the catalog lookup then does not find.
        QVERIFY(!o.barcodes.isEmpty());
        QVERIFY(std::none_of(o.barcodes.begin(), o.barcodes.end(),
                             [&](const DecodedBarcode &b) { return sameContent(b, expected); }));
        QVERIFY(std::any_of(o.barcodes.begin(), o.barcodes.end(),
                            [&](const DecodedBarcode &b) { return sameContent(b, wrongText); }));
        return;
    }
    QVERIFY2(status.startsWith(u"ok"), qPrintable(status));
    QStringList got;
    for (const DecodedBarcode &b : o.barcodes)
        got << b.symbology + b.text;
    QVERIFY2(std::any_of(o.barcodes.begin(), o.barcodes.end(),
                         [&](const DecodedBarcode &b) { return sameContent(b, expected); }),
             qPrintable(got.join(QStringLiteral(" | ")) + QStringLiteral(" vs ") + expected));
}

QTEST_GUILESS_MAIN(tst_ImageDecoder)
#include "tst_imagedecoder.moc"
