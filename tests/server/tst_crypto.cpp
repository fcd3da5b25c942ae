#include "server/crypto.h"

#include <QSet>
#include <QTest>

using namespace qm;

class tst_Crypto final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void base64UrlKnownValues_data();
    void base64UrlKnownValues();
    void base64UrlRoundTrip();
    void base64UrlRejects_data();
    void base64UrlRejects();
    void tokensAreRandomAndUrlSafe();
    void tokenDigestIsSha256Hex();
    void passwordHashing();
};

void tst_Crypto::initTestCase()
{
    QVERIFY(crypto::initialize());
}

void tst_Crypto::base64UrlKnownValues_data()
{
    // RFC 4648 §10 test vectors, with the URL alphabet and without padding.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("f") << QByteArray("f") << "Zg";
    QTest::newRow("fo") << QByteArray("fo") << "Zm8";
    QTest::newRow("foo") << QByteArray("foo") << "Zm9v";
    QTest::newRow("foob") << QByteArray("foob") << "Zm9vYg";
    QTest::newRow("fooba") << QByteArray("fooba") << "Zm9vYmE";
    QTest::newRow("foobar") << QByteArray("foobar") << "Zm9vYmFy";
    QTest::newRow("url alphabet") << QByteArray::fromHex("fbff") << "-_8";
    QTest::newRow("plus and slash positions") << QByteArray::fromHex("fbefbe") << "----";
    QTest::newRow("underscores") << QByteArray::fromHex("ffffff") << "____";
}

void tst_Crypto::base64UrlKnownValues()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(crypto::toBase64Url(bytes), text);
    QCOMPARE(crypto::fromBase64Url(text), std::optional<QByteArray>(bytes));
}

void tst_Crypto::base64UrlRoundTrip()
{
    for (int n = 0; n < 70; ++n) {
        const QByteArray bytes = crypto::randomBytes(n);
        QCOMPARE(bytes.size(), n);
        const QString text = crypto::toBase64Url(bytes);
        QVERIFY(!text.contains(u'=') && !text.contains(u'+') && !text.contains(u'/'));
        QCOMPARE(crypto::fromBase64Url(text), std::optional<QByteArray>(bytes));
    }
}

void tst_Crypto::base64UrlRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("padding") << "Zg==";
    QTest::newRow("standard alphabet plus") << "a+b/";
    QTest::newRow("space") << "Zm9v Yg";
    QTest::newRow("impossible length") << "Zm9vY";
    QTest::newRow("non-zero trailing bits") << "Zh";
    QTest::newRow("non-ASCII") << QString::fromUtf8("Zm9v\xc3\xa9");
}

void tst_Crypto::base64UrlRejects()
{
    QFETCH(QString, text);
    QVERIFY(!crypto::fromBase64Url(text));
}

void tst_Crypto::tokensAreRandomAndUrlSafe()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString token = crypto::newToken();
        QCOMPARE(token.size(), 43);
        const auto bytes = crypto::fromBase64Url(token);
        QVERIFY(bytes);
        QCOMPARE(bytes->size(), 32);
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 200);
}

void tst_Crypto::tokenDigestIsSha256Hex()
{
    // SHA-256("abc") from FIPS 180-2.
    QCOMPARE(crypto::tokenDigest(u"abc"),
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QVERIFY(crypto::tokenDigest(u"abd") != crypto::tokenDigest(u"abc"));
}

void tst_Crypto::passwordHashing()
{
    const QString hash = crypto::hashPassword(QStringLiteral("correct horse"));
    QVERIFY(hash.startsWith(u"$argon2id$"));
    QVERIFY(crypto::verifyPassword(QStringLiteral("correct horse"), hash));
    QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horsE"), hash));
    QVERIFY(!crypto::verifyPassword(QString(), hash));
    QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horse"), QString()));
    QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horse"),
                                    QStringLiteral("$argon2id$garbage")));
    // Salted: the same password hashes differently each time.
    QVERIFY(crypto::hashPassword(QStringLiteral("correct horse")) != hash);
    // Non-ASCII passwords are hashed as UTF-8.
    const QString unicode = QStringLiteral("pässwörd ✓");
    QVERIFY(crypto::verifyPassword(unicode, crypto::hashPassword(unicode)));
}

QTEST_APPLESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
