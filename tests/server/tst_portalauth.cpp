#include "core/problem.h"
#include "portaltest.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace qm;
using namespace qm::test;

namespace {
// "a b c" -> {"a", "b", "c"}
QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
}
} // namespace

// Sign-in, token rotation and revocation, and /me, against the real qm-portal.
class tst_PortalAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void health();
    void passwordGrant();
    void passwordGrantAcceptsJson();
    void accessLogNeverShowsSecrets();
    void refusedSignInsLookAlike_data();
    void refusedSignInsLookAlike();
    void signInIsThrottled();
    void throttlingEndsWithTheWindow();
    void refreshRotates();
    void reusedRefreshTokenRevokesTheChain();
    void revokeRefreshToken();
    void revokeAccessToken();
    void revokeUnknownTokenIsOk();
    void accessTokenExpires();
    void meReportsRoleAndPermissions_data();
    void meReportsRoleAndPermissions();
    void meShowsTheHierarchy();

private:
    static QByteArray form(const QList<QPair<QString, QString>> &fields)
    {
        QUrlQuery q;
        for (const auto &[k, v] : fields)
            q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
        return q.query(QUrl::FullyEncoded).toLatin1();
    }
    static HttpResponse refresh(HttpClient &client, const QString &refreshToken)
    {
        return client.post(QStringLiteral("/api/v1/auth/token"),
                           form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("refresh_token"), refreshToken}}),
                           "application/x-www-form-urlencoded");
    }
    static HttpResponse revoke(HttpClient &client, const QString &token)
    {
        return client.post(QStringLiteral("/api/v1/auth/revoke"),
                           form({{QStringLiteral("token"), token}}),
                           "application/x-www-form-urlencoded");
    }
};

void tst_PortalAuth::health()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const HttpResponse r = client.get(QStringLiteral("/api/v1/health"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(u"status").toString(), QStringLiteral("ok"));
    QCOMPARE(o.value(u"api").toString(), QStringLiteral("v1"));
    QCOMPARE(o.value(u"portal").toString(), QStringLiteral("Harbor Industrial Supply"));
    QVERIFY(!o.value(u"version").toString().isEmpty());
}

void tst_PortalAuth::passwordGrant()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(
        portal, (QStringList{QStringLiteral("--access-token-ttl"), QStringLiteral("600")}));
    HttpClient client(portal.url());
    const HttpResponse r =
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(u"token_type").toString(), QStringLiteral("Bearer"));
    QCOMPARE(o.value(u"expires_in").toInteger(), 600);
    const QString access = o.value(u"access_token").toString();
    const QString refreshToken = o.value(u"refresh_token").toString();
    QCOMPARE(access.size(), 43);
    QCOMPARE(refreshToken.size(), 43);
    QVERIFY(access != refreshToken);
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), access).status, 200);
    // A second sign-in gets different tokens.
    QVERIFY(client.accessToken(QStringLiteral("buyer@bayside.example")) != access);
    // The access log names the user but never a token or the password.
    const QString out = portal.output();
    QVERIFY(out.contains(QStringLiteral("POST /api/v1/auth/token 200")));
    QVERIFY(!out.contains(access));
    QVERIFY(!out.contains(refreshToken));
}

void tst_PortalAuth::passwordGrantAcceptsJson()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QJsonObject body{{QStringLiteral("grant_type"), QStringLiteral("password")},
                           {QStringLiteral("username"), QStringLiteral("buyer@northgate.example")},
                           {QStringLiteral("password"), QStringLiteral("demo")}};
    const HttpResponse r = client.post(QStringLiteral("/api/v1/auth/token"),
                                       QJsonDocument(body).toJson(), "application/json");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().value(u"access_token").toString().isEmpty());
}

void tst_PortalAuth::accessLogNeverShowsSecrets()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString logPath = dir.filePath(QStringLiteral("access.log"));
    PortalProcess portal;
    QM_START_PORTAL_WITH(portal, (QStringList{QStringLiteral("--access-log"), logPath}));
    HttpClient client(portal.url());
    QCOMPARE(
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("s3cret-attempt"))
            .status,
        400);
    const QString access = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), access).status, 200);
    // A token put where it does not belong, in the query string.
    client.get(QStringLiteral("/api/v1/sync/stock?limit=1&access_token=") + access, access);
    client.get(QStringLiteral("/no/such/route"));

    QFile file(logPath);
    QTRY_VERIFY([&] {
        file.open(QIODevice::ReadOnly);
        const bool complete = file.readAll().count('\n') >= 5;
        file.close();
        return complete;
    }());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray log = file.readAll();
    const QList<QByteArray> lines = log.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    static const QRegularExpression format(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z 127\\.0\\.0\\.1 "
                       "(GET|POST) \\S+ \\d{3} \\d+B \\d+ms user=(\\d+|-)$"));
    for (const QByteArray &line : lines)
        QVERIFY2(format.match(QString::fromUtf8(line)).hasMatch(), line.constData());
    QVERIFY(lines.at(0).contains("POST /api/v1/auth/token 400"));
    QVERIFY(lines.at(2).contains("GET /api/v1/me 200") && lines.at(2).endsWith("user=1"));
    QVERIFY(lines.at(3).contains("access_token=[redacted]"));
    QVERIFY(lines.at(4).contains("GET /no/such/route 404"));
    QVERIFY(!log.contains(access.toLatin1()));
    QVERIFY(!log.contains("s3cret-attempt"));
    // The log went to the file, not to standard error.
    QVERIFY(!portal.output().contains(QStringLiteral("GET /api/v1/me 200")));
}

void tst_PortalAuth::refusedSignInsLookAlike_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << "buyer@bayside.example"
                                    << "not-the-password";
    QTest::newRow("unknown user") << "nobody@bayside.example"
                                  << "demo";
    QTest::newRow("deactivated user") << "former.buyer@bayside.example"
                                      << "demo";
    QTest::newRow("empty password") << "buyer@bayside.example"
                                    << "";
}

void tst_PortalAuth::refusedSignInsLookAlike()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const HttpResponse refused = client.signIn(username, password);
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.header("Content-Type").startsWith("application/problem+json"));
    QCOMPARE(refused.problemSlug(), QStringLiteral("invalid-grant"));
    QCOMPARE(refused.json().value(u"error").toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(refused.header("Cache-Control"), QByteArray("no-store"));
    // Every refusal is the same document, so a caller cannot tell which part was wrong.
    const HttpResponse wrongPassword =
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("x"));
    QCOMPARE(refused.body, wrongPassword.body);
    // The right password still works afterwards.
    QVERIFY(!client.accessToken(QStringLiteral("buyer@bayside.example")).isEmpty());
}

void tst_PortalAuth::signInIsThrottled()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(
        portal, (QStringList{QStringLiteral("--login-attempts-per-user"), QStringLiteral("3"),
                             QStringLiteral("--login-attempts-per-address"), QStringLiteral("8"),
                             QStringLiteral("--login-window"), QStringLiteral("600")}));
    HttpClient client(portal.url());
    const QString buyer = QStringLiteral("buyer@bayside.example");
    const QString nobody = QStringLiteral("nobody@bayside.example");
    const auto checkThrottled = [](const HttpResponse &r) {
        QCOMPARE(r.status, 429);
        QCOMPARE(r.problemSlug(), QStringLiteral("rate-limited"));
        const qint64 wait = r.header("Retry-After").toLongLong();
        QVERIFY2(wait > 500 && wait <= 600, r.header("Retry-After").constData());
        QCOMPARE(r.json().value(u"retry_after").toInteger(), wait);
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    };

    // Three wrong passwords for a real user and for an unknown one: refused alike, then
    // throttled alike, the right password included.
    for (const QString &user : {buyer, nobody}) {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.signIn(user, QStringLiteral("wrong")).status, 400);
        checkThrottled(client.signIn(user, QStringLiteral("demo")));
        if (QTest::currentTestFailed())
            return;
    }
    // Another user from the same address may still sign in: 6 failures, limit 8.
    QVERIFY(!client.accessToken(QStringLiteral("approver@bayside.example")).isEmpty());
    // Two more failures reach the address's limit: everyone from here waits.
    QCOMPARE(client.signIn(QStringLiteral("viewer@bayside.example"), QStringLiteral("x")).status,
             400);
    QCOMPARE(client.signIn(QStringLiteral("admin@bayside.example"), QStringLiteral("x")).status,
             400);
    checkThrottled(
        client.signIn(QStringLiteral("approver@bayside.example"), QStringLiteral("demo")));
}

void tst_PortalAuth::throttlingEndsWithTheWindow()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(
        portal, (QStringList{QStringLiteral("--login-attempts-per-user"), QStringLiteral("1"),
                             QStringLiteral("--login-window"), QStringLiteral("4")}));
    HttpClient client(portal.url());
    const QString buyer = QStringLiteral("buyer@bayside.example");
    QElapsedTimer sinceFailure;
    QCOMPARE(client.signIn(buyer, QStringLiteral("wrong")).status, 400);
    sinceFailure.start();
    const HttpResponse throttled = client.signIn(buyer, QStringLiteral("demo"));
    QCOMPARE(throttled.status, 429);
    const qint64 wait = throttled.header("Retry-After").toLongLong();
    QVERIFY2(wait >= 1 && wait <= 4, throttled.header("Retry-After").constData());
    // Once the failure left the window, the right password works again.
    QTest::qWait(int(qMax<qint64>(0, 4100 - sinceFailure.elapsed())));
    QVERIFY(!client.accessToken(buyer).isEmpty());
}

void tst_PortalAuth::refreshRotates()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QJsonObject first =
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo")).json();
    const HttpResponse r = refresh(client, first.value(u"refresh_token").toString());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject second = r.json();
    QVERIFY(second.value(u"refresh_token").toString() != first.value(u"refresh_token").toString());
    QVERIFY(second.value(u"access_token").toString() != first.value(u"access_token").toString());
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/me"), second.value(u"access_token").toString()).status,
        200);
    // The first access token stays valid until it expires: rotation is about refresh tokens.
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/me"), first.value(u"access_token").toString()).status,
        200);
    // The new refresh token rotates again.
    const HttpResponse third = refresh(client, second.value(u"refresh_token").toString());
    QCOMPARE(third.status, 200);
}

void tst_PortalAuth::reusedRefreshTokenRevokesTheChain()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QJsonObject first =
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo")).json();
    const QJsonObject second = refresh(client, first.value(u"refresh_token").toString()).json();
    const QString newerAccess = second.value(u"access_token").toString();
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), newerAccess).status, 200);

    // Someone presents the rotated (used) refresh token again: the whole sign-in ends.
    const HttpResponse reuse = refresh(client, first.value(u"refresh_token").toString());
    QCOMPARE(reuse.status, 400);
    QCOMPARE(reuse.problemSlug(), QStringLiteral("invalid-grant"));
    const HttpResponse me = client.get(QStringLiteral("/api/v1/me"), newerAccess);
    QCOMPARE(me.status, 401);
    QCOMPARE(me.problemSlug(), QStringLiteral("unauthorized"));
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/me"), first.value(u"access_token").toString()).status,
        401);
    QCOMPARE(refresh(client, second.value(u"refresh_token").toString()).status, 400);
    // Another sign-in of the same user is not affected.
    QVERIFY(!client.accessToken(QStringLiteral("buyer@bayside.example")).isEmpty());
}

void tst_PortalAuth::revokeRefreshToken()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QJsonObject tokens =
        client.signIn(QStringLiteral("approver@bayside.example"), QStringLiteral("demo")).json();
    const QString other = client.accessToken(QStringLiteral("approver@bayside.example"));
    const HttpResponse r = revoke(client, tokens.value(u"refresh_token").toString());
    QCOMPARE(r.status, 200);
    QCOMPARE(refresh(client, tokens.value(u"refresh_token").toString()).status, 400);
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/me"), tokens.value(u"access_token").toString()).status,
        401);
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), other).status, 200);
}

void tst_PortalAuth::revokeAccessToken()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QJsonObject tokens =
        client.signIn(QStringLiteral("buyer@cedarridge.example"), QStringLiteral("demo")).json();
    const QString access = tokens.value(u"access_token").toString();
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), access).status, 200);
    QCOMPARE(revoke(client, access).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), access).status, 401);
    // Revoking an access token leaves the refresh token usable.
    QCOMPARE(refresh(client, tokens.value(u"refresh_token").toString()).status, 200);
}

void tst_PortalAuth::revokeUnknownTokenIsOk()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    QCOMPARE(revoke(client, QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status,
             200);
    QCOMPARE(revoke(client, QStringLiteral("not even a token")).status, 200);
    const HttpResponse missing = client.post(QStringLiteral("/api/v1/auth/revoke"), QByteArray(),
                                             "application/x-www-form-urlencoded");
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.problemSlug(), QStringLiteral("bad-request"));
}

void tst_PortalAuth::accessTokenExpires()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(portal,
                         (QStringList{QStringLiteral("--access-token-ttl"), QStringLiteral("1")}));
    HttpClient client(portal.url());
    const QJsonObject tokens =
        client.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo")).json();
    QCOMPARE(tokens.value(u"expires_in").toInteger(), 1);
    const QString access = tokens.value(u"access_token").toString();
    QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/api/v1/me"), access).status, 401, 10000);
    const HttpResponse expired = client.get(QStringLiteral("/api/v1/me"), access);
    QCOMPARE(expired.problemSlug(), QStringLiteral("unauthorized"));
    QVERIFY(expired.header("WWW-Authenticate").startsWith("Bearer"));
    // The refresh token outlives it and gets a fresh access token.
    const HttpResponse renewed = refresh(client, tokens.value(u"refresh_token").toString());
    QCOMPARE(renewed.status, 200);
    QVERIFY(!renewed.json().value(u"access_token").toString().isEmpty());
}

void tst_PortalAuth::meReportsRoleAndPermissions_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("accountCode");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QStringList>("denied");
    QTest::newRow("buyer") << "buyer@bayside.example"
                           << "buyer"
                           << "BMG"
                           << words("catalog:read prices:read stock:read cart:write orders:submit")
                           << words("orders:approve users:manage subsidiaries:read");
    QTest::newRow("approver") << "approver@bayside.example"
                              << "approver"
                              << "BMG"
                              << words("prices:read orders:submit orders:approve subsidiaries:read")
                              << words("users:manage locations:manage");
    QTest::newRow("account admin")
        << "admin@bayside.example"
        << "account_admin"
        << "BMG" << words("orders:approve users:manage locations:manage subsidiaries:read")
        << words("");
    QTest::newRow("viewer, prices shown") << "viewer@bayside.example"
                                          << "viewer"
                                          << "BMG" << words("catalog:read prices:read stock:read")
                                          << words("cart:write orders:submit");
    QTest::newRow("viewer, prices hidden")
        << "viewer@cedarridge.example"
        << "viewer"
        << "CRF" << words("catalog:read stock:read") << words("prices:read cart:write");
    QTest::newRow("Northgate buyer")
        << "buyer@northgate.example"
        << "buyer"
        << "NEC" << words("prices:read orders:submit") << words("orders:approve");
}

void tst_PortalAuth::meReportsRoleAndPermissions()
{
    QFETCH(QString, username);
    QFETCH(QString, role);
    QFETCH(QString, accountCode);
    QFETCH(QStringList, granted);
    QFETCH(QStringList, denied);
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const HttpResponse r = client.get(QStringLiteral("/api/v1/me"), client.accessToken(username));
    QCOMPARE(r.status, 200);
    const QJsonObject me = r.json();
    const QJsonObject user = me.value(u"user").toObject();
    QCOMPARE(user.value(u"username").toString(), username);
    QCOMPARE(user.value(u"role").toString(), role);
    QVERIFY(!user.value(u"display_name").toString().isEmpty());
    QCOMPARE(me.value(u"account").toObject().value(u"code").toString(), accountCode);
    QCOMPARE(me.value(u"account").toObject().value(u"currency").toString(), QStringLiteral("USD"));
    QCOMPARE(me.value(u"portal").toObject().value(u"name").toString(),
             QStringLiteral("Harbor Industrial Supply"));
    QStringList permissions;
    for (const QJsonValue &v : me.value(u"permissions").toArray())
        permissions << v.toString();
    for (const QString &p : granted)
        QVERIFY2(permissions.contains(p), qPrintable(p));
    for (const QString &p : denied)
        QVERIFY2(!permissions.contains(p), qPrintable(p));
}

void tst_PortalAuth::meShowsTheHierarchy()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const auto codes = [](const QJsonArray &refs) {
        QStringList list;
        for (const QJsonValue &v : refs)
            list << v.toObject().value(u"code").toString();
        return list;
    };

    const QJsonObject yard =
        client
            .get(QStringLiteral("/api/v1/me"),
                 client.accessToken(QStringLiteral("buyer@yard.bayside.example")))
            .json();
    const QJsonObject yardAccount = yard.value(u"account").toObject();
    QCOMPARE(yardAccount.value(u"code").toString(), QStringLiteral("BMG-YARD"));
    QCOMPARE(yardAccount.value(u"parent").toObject().value(u"code").toString(),
             QStringLiteral("BMG"));
    QCOMPARE(codes(yardAccount.value(u"path").toArray()), words("BMG BMG-YARD"));
    QVERIFY(yardAccount.value(u"children").toArray().isEmpty());

    const QJsonObject parent = client
                                   .get(QStringLiteral("/api/v1/me"),
                                        client.accessToken(QStringLiteral("admin@bayside.example")))
                                   .json();
    const QJsonObject parentAccount = parent.value(u"account").toObject();
    QVERIFY(parentAccount.value(u"parent").isNull());
    QCOMPARE(codes(parentAccount.value(u"path").toArray()), words("BMG"));
    QCOMPARE(codes(parentAccount.value(u"children").toArray()), words("BMG-FLEET BMG-YARD"));
    QCOMPARE(parentAccount.value(u"id").toInteger(),
             yardAccount.value(u"parent").toObject().value(u"id").toInteger());

    const QJsonObject independent =
        client
            .get(QStringLiteral("/api/v1/me"),
                 client.accessToken(QStringLiteral("buyer@northgate.example")))
            .json();
    const QJsonObject necAccount = independent.value(u"account").toObject();
    QVERIFY(necAccount.value(u"parent").isNull());
    QVERIFY(necAccount.value(u"children").toArray().isEmpty());
    QCOMPARE(codes(necAccount.value(u"path").toArray()), words("NEC"));
}

QTEST_GUILESS_MAIN(tst_PortalAuth)
#include "tst_portalauth.moc"
