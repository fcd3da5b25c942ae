#include "import/textdecoder.h"

#include <QTest>

using namespace qm::import;

namespace {

QByteArray utf16(const QString &text, bool littleEndian)
{
    QByteArray bytes;
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8);
        const char lo = char(c.unicode() & 0xFF);
        bytes.append(littleEndian ? lo : hi);
        bytes.append(littleEndian ? hi : lo);
    }
    return bytes;
}

QByteArray utf32(const QString &text, bool littleEndian)
{
    QByteArray bytes;
    for (char32_t u : text.toUcs4()) {
        for (int i = 0; i < 4; ++i) {
            const int shift = littleEndian ? 8 * i : 8 * (3 - i);
            bytes.append(char((u >> shift) & 0xFF));
        }
    }
    return bytes;
}

} // namespace

class tst_TextDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void windows1252AllBytes();
};

void tst_TextDecoder::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    const QString sample = QStringLiteral("Artikel;Menge\r\nÄ-1;5 ☃\r\n");
    const QString le = QStringLiteral("UTF-16LE");
    const QString be = QStringLiteral("UTF-16BE");
    QTest::newRow("utf-8") << sample.toUtf8() << sample << QStringLiteral("UTF-8");
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF") + sample.toUtf8() << sample
                               << QStringLiteral("UTF-8");
    QTest::newRow("ascii") << QByteArray("a,b\n") << QStringLiteral("a,b\n")
                           << QStringLiteral("UTF-8");
    QTest::newRow("utf-16le bom") << QByteArray("\xFF\xFE") + utf16(sample, true) << sample << le;
    QTest::newRow("utf-16be bom") << QByteArray("\xFE\xFF") + utf16(sample, false) << sample << be;
    QTest::newRow("utf-16le without bom") << utf16(sample, true) << sample << le;
    QTest::newRow("utf-16be without bom") << utf16(sample, false) << sample << be;
    QTest::newRow("utf-32le bom") << QByteArray("\xFF\xFE\0\0", 4) + utf32(sample, true) << sample
                                  << QStringLiteral("UTF-32LE");
    QTest::newRow("utf-32be bom") << QByteArray("\0\0\xFE\xFF", 4) + utf32(sample, false) << sample
                                  << QStringLiteral("UTF-32BE");
    QTest::newRow("windows-1252") << QByteArray("Gr\xF6\xDF"
                                                "e \x80 \x84\x93\x94 \x9F")
                                  << QStringLiteral("Größe € „“” Ÿ")
                                  << QStringLiteral("Windows-1252");
    QTest::newRow("latin-1 copyright")
        << QByteArray("4,5,\xA9") << QStringLiteral("4,5,©") << QStringLiteral("Windows-1252");
    QTest::newRow("utf-8 cut in the middle of a character")
        << QByteArray("caf\xC3") << QStringLiteral("cafÃ") << QStringLiteral("Windows-1252");
    QTest::newRow("one NUL is not UTF-16")
        << QByteArray("a,b,c\n\0,2,3\n", 12) << QString::fromLatin1("a,b,c\n\0,2,3\n", 12)
        << QStringLiteral("UTF-8");
    QTest::newRow("empty") << QByteArray() << QString() << QStringLiteral("UTF-8");
}

void tst_TextDecoder::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    const DecodedText decoded = decodeText(bytes);
    QCOMPARE(decoded.text, text);
    QCOMPARE(decoded.encoding, encoding);
}

void tst_TextDecoder::windows1252AllBytes()
{
    QByteArray all;
    for (int b = 0; b < 256; ++b)
        all.append(char(b));
    const QString text = fromWindows1252(all);
    QCOMPARE(text.size(), 256);
    for (int b = 0; b < 256; ++b) {
        if (b < 0x80 || b >= 0xA0)
            QCOMPARE(text.at(b).unicode(), char16_t(b)); // ASCII and Latin-1
    }
    QCOMPARE(text.at(0x80), QChar(0x20AC));
    QCOMPARE(text.at(0x8A), QChar(0x0160));
    QCOMPARE(text.at(0x99), QChar(0x2122));
    for (int undefined : {0x81, 0x8D, 0x8F, 0x90, 0x9D})
        QCOMPARE(text.at(undefined).unicode(), char16_t(undefined));
}

QTEST_GUILESS_MAIN(tst_TextDecoder)
#include "tst_textdecoder.moc"
