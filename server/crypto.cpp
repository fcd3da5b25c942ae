#include "server/crypto.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

#include <sodium.h>

#include <mutex>

namespace qm::crypto {

namespace {
Q_LOGGING_CATEGORY(lcCrypto, "qm.portal.crypto")

int alphabetIndex(char16_t c)
{
    if (c >= u'A' && c <= u'Z')
        return c - u'A';
    if (c >= u'a' && c <= u'z')
        return c - u'a' + 26;
    if (c >= u'0' && c <= u'9')
        return c - u'0' + 52;
    if (c == u'-')
        return 62;
    if (c == u'_')
        return 63;
    return -1;
}

} // namespace

bool initialize()
{
    static const bool ok = sodium_init() >= 0;
    if (!ok)
        qCCritical(lcCrypto, "libsodium could not be initialised");
    return ok;
}

QByteArray randomBytes(int n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(n));
    return bytes;
}

QString toBase64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QByteArray> fromBase64Url(QStringView text)
{
    // Length 4k+1 encodes nothing; the unused low bits of the last character must be zero
    // so that every byte string has exactly one encoding.
    if (text.size() % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    quint32 buffer = 0;
    int bits = 0;
    for (QChar ch : text) {
        const int v = alphabetIndex(ch.unicode());
        if (v < 0)
            return std::nullopt;
        buffer = (buffer << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

QString newToken()
{
    return toBase64Url(randomBytes(32));
}

QString tokenDigest(QStringView token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString hashPassword(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        qCCritical(lcCrypto, "password hashing ran out of memory");
        return {};
    }
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &password, const QString &storedHash)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    if (stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) ==
           0;
}

void verifyDummyPassword(const QString &password)
{
    static QString dummy;
    static std::once_flag once;
    std::call_once(once, [] { dummy = hashPassword(toBase64Url(randomBytes(24))); });
    (void)verifyPassword(password, dummy);
}

} // namespace qm::crypto
