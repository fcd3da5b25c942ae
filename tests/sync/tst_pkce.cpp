// PKCE (RFC 7636) as single sign-on uses it: the S256 challenge, and verifiers and states
// that are long, random and of the allowed characters.
#include "sync/ssosignin.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace qm;

class tst_Pkce final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void challenge_data();
    void challenge();
    void verifiersAreRandomAndWellFormed();
    void statesAreRandom();
};

void tst_Pkce::challenge_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<QString>("challenge");
    // RFC 7636 Appendix B.
    QTest::newRow("RFC 7636 appendix B")
        << QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        << QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    // The longest verifier allowed, of every unreserved character class; the expected value
    // is BASE64URL(SHA-256) computed independently (openssl dgst -sha256 -binary | base64).
    QTest::newRow("128 characters")
        << QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        << QStringLiteral("Gn88msbRKQ0wmy6Kms0RzrR4ZXFo3OGDewwvI9C7qZg");
}

void tst_Pkce::challenge()
{
    QFETCH(QString, verifier);
    QFETCH(QString, challenge);
    QCOMPARE(pkce::challengeFor(verifier), challenge);
}

void tst_Pkce::verifiersAreRandomAndWellFormed()
{
    static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString verifier = pkce::newVerifier();
        QVERIFY2(unreserved.match(verifier).hasMatch(), qPrintable(verifier));
        QVERIFY(!seen.contains(verifier));
        seen.insert(verifier);
        // A challenge is always 43 base64url characters.
        QCOMPARE(pkce::challengeFor(verifier).size(), 43);
    }
}

void tst_Pkce::statesAreRandom()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString state = pkce::newState();
        QVERIFY(state.size() >= 22);
        QVERIFY(!seen.contains(state));
        seen.insert(state);
    }
}

QTEST_GUILESS_MAIN(tst_Pkce)
#include "tst_pkce.moc"
