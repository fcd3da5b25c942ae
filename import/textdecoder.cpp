#include "import/textdecoder.h"

#include <QStringDecoder>

namespace qm::import {

namespace {

// 0x80–0x9F of Windows-1252; 0 marks the undefined bytes.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

bool startsWith(const QByteArray &bytes, std::initializer_list<unsigned char> prefix)
{
    if (bytes.size() < qsizetype(prefix.size()))
        return false;
    qsizetype i = 0;
    for (unsigned char c : prefix) {
        if (static_cast<unsigned char>(bytes[i++]) != c)
            return false;
    }
    return true;
}

DecodedText decodeWith(QStringConverter::Encoding encoding, const char *name,
                       const QByteArray &bytes, qsizetype skip)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    return {decoder.decode(QByteArrayView(bytes).sliced(skip)), QString::fromLatin1(name)};
}

// UTF-16 without a byte-order mark: text that is mostly Latin script has a NUL in every
// other byte. Returns 1 for little endian, 2 for big endian, 0 when the pattern is absent.
int utf16Pattern(const QByteArray &bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 4096) & ~qsizetype(1);
    if (n < 4)
        return 0;
    qsizetype evenNul = 0;
    qsizetype oddNul = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        evenNul += bytes[i] == '\0';
        oddNul += bytes[i + 1] == '\0';
    }
    const qsizetype pairs = n / 2;
    if (oddNul * 10 >= pairs * 6 && evenNul * 10 <= pairs)
        return 1;
    if (evenNul * 10 >= pairs * 6 && oddNul * 10 <= pairs)
        return 2;
    return 0;
}

} // namespace

QString fromWindows1252(const QByteArray &bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        char16_t u = b;
        if (b >= 0x80 && b <= 0x9F && kCp1252High[b - 0x80] != 0)
            u = kCp1252High[b - 0x80];
        *out++ = QChar(u);
    }
    return text;
}

DecodedText decodeText(const QByteArray &bytes)
{
    using E = QStringConverter::Encoding;
    if (startsWith(bytes, {0xEF, 0xBB, 0xBF}))
        return decodeWith(E::Utf8, "UTF-8", bytes, 3);
    if (startsWith(bytes, {0xFF, 0xFE, 0x00, 0x00}))
        return decodeWith(E::Utf32LE, "UTF-32LE", bytes, 4);
    if (startsWith(bytes, {0x00, 0x00, 0xFE, 0xFF}))
        return decodeWith(E::Utf32BE, "UTF-32BE", bytes, 4);
    if (startsWith(bytes, {0xFF, 0xFE}))
        return decodeWith(E::Utf16LE, "UTF-16LE", bytes, 2);
    if (startsWith(bytes, {0xFE, 0xFF}))
        return decodeWith(E::Utf16BE, "UTF-16BE", bytes, 2);
    switch (utf16Pattern(bytes)) {
    case 1:
        return decodeWith(E::Utf16LE, "UTF-16LE", bytes, 0);
    case 2:
        return decodeWith(E::Utf16BE, "UTF-16BE", bytes, 0);
    default:
        break;
    }
    QStringDecoder utf8(E::Utf8, QStringConverter::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return {text, QStringLiteral("UTF-8")};
    return {fromWindows1252(bytes), QStringLiteral("Windows-1252")};
}

} // namespace qm::import
