#include "sync/tokens.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace qm;

class tst_Tokens final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void fromJsonRejects_data();
    void fromJsonRejects();
    void fromTokenResponse_data();
    void fromTokenResponse();
    void isEmpty();
};

void tst_Tokens::roundTrip()
{
    Tokens t;
    t.accessToken = QStringLiteral("a").repeated(43);
    t.refreshToken = QStringLiteral("r\"\\\u00e9").repeated(11);
    t.accessExpiresAt = QDateTime(QDate(2024, 5, 14), QTime(12, 0, 1, 250), QTimeZone::utc());
    const auto back = Tokens::fromJson(t.toJson());
    QVERIFY(back);
    QCOMPARE(back->accessToken, t.accessToken);
    QCOMPARE(back->refreshToken, t.refreshToken);
    QCOMPARE(back->accessExpiresAt, t.accessExpiresAt);
    QCOMPARE(back->accessExpiresAt.timeSpec(), Qt::UTC);

    Tokens noExpiry;
    noExpiry.accessToken = QStringLiteral("x");
    noExpiry.refreshToken = QStringLiteral("y");
    const auto again = Tokens::fromJson(noExpiry.toJson());
    QVERIFY(again);
    QVERIFY(!again->accessExpiresAt.isValid());
    QVERIFY(!QJsonDocument::fromJson(noExpiry.toJson()).object().contains(u"access_expires_at"));
}

void tst_Tokens::fromJsonRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("access=1");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no refresh") << QByteArray(R"({"access_token":"a"})");
    QTest::newRow("number token") << QByteArray(R"({"access_token":1,"refresh_token":"r"})");
    QTest::newRow("bad date") << QByteArray(
        R"({"access_token":"a","refresh_token":"r","access_expires_at":"soon"})");
    QTest::newRow("date not a string")
        << QByteArray(R"({"access_token":"a","refresh_token":"r","access_expires_at":5})");
}

void tst_Tokens::fromJsonRejects()
{
    QFETCH(QByteArray, json);
    QVERIFY(!Tokens::fromJson(json));
}

void tst_Tokens::fromTokenResponse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("expiresInSeconds"); // -1: no expiry known

    QTest::newRow("complete")
        << QByteArray(
               R"({"access_token":"A","token_type":"Bearer","expires_in":900,"refresh_token":"R","refresh_expires_in":86400})")
        << true << qint64(900);
    QTest::newRow("lower-case type")
        << QByteArray(
               R"({"access_token":"A","token_type":"bearer","expires_in":60,"refresh_token":"R"})")
        << true << qint64(60);
    QTest::newRow("no expiry")
        << QByteArray(R"({"access_token":"A","token_type":"Bearer","refresh_token":"R"})") << true
        << qint64(-1);
    QTest::newRow("no refresh token")
        << QByteArray(R"({"access_token":"A","token_type":"Bearer","expires_in":900})") << false
        << qint64(-1);
    QTest::newRow("empty access token")
        << QByteArray(R"({"access_token":"","refresh_token":"R"})") << false << qint64(-1);
    QTest::newRow("other token type")
        << QByteArray(R"({"access_token":"A","token_type":"mac","refresh_token":"R"})") << false
        << qint64(-1);
    QTest::newRow("a problem document")
        << QByteArray(R"({"type":"/problems/invalid-grant","status":400})") << false << qint64(-1);
    QTest::newRow("garbage") << QByteArray("<html>") << false << qint64(-1);
}

void tst_Tokens::fromTokenResponse()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(qint64, expiresInSeconds);
    const QDateTime now(QDate(2024, 5, 14), QTime(12, 0), QTimeZone::utc());
    const auto t = Tokens::fromTokenResponse(json, now);
    QCOMPARE(t.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(t->accessToken, QStringLiteral("A"));
    QCOMPARE(t->refreshToken, QStringLiteral("R"));
    if (expiresInSeconds < 0)
        QVERIFY(!t->accessExpiresAt.isValid());
    else
        QCOMPARE(t->accessExpiresAt, now.addSecs(expiresInSeconds));
}

void tst_Tokens::isEmpty()
{
    QVERIFY(Tokens().isEmpty());
    Tokens t;
    t.refreshToken = QStringLiteral("r");
    QVERIFY(!t.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Tokens)
#include "tst_tokens.moc"
