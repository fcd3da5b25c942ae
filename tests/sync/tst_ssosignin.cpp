// Single sign-on on the client side against a fake portal: which authorization server
// metadata is trusted, and how the loopback listener treats what the browser sends it.
#include "fakeportal.h"
#include "sync/ssosignin.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

// Metadata as qm-portal writes it; "{portal}" becomes the fake portal's address.
QByteArray
metadata(const QByteArray &issuer = "{portal}",
         const QByteArray &endpoint = "{portal}/oauth/authorize",
         const QByteArray &methods = R"(["S256"])", const QByteArray &responseTypes = R"(["code"])",
         const QByteArray &grants = R"(["authorization_code","refresh_token","password"])")
{
    return R"({"issuer":")" + issuer + R"(","authorization_endpoint":")" + endpoint +
           R"(","token_endpoint":")" + issuer +
           R"(/api/v1/auth/token","code_challenge_methods_supported":)" + methods +
           R"(,"response_types_supported":)" + responseTypes + R"(,"grant_types_supported":)" +
           grants + "}";
}

// A GET of `url` with a plain QNetworkAccessManager: the status, 0 without an answer.
int get(const QUrl &url, QByteArray *body = nullptr)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    if (body)
        *body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

class tst_SsoSignIn final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadataTrusted_data();
    void metadataTrusted();
    void otherRequestsDoNotEndTheSignIn();
    void cancelClosesTheListener();
    void secondAnswerIsRefused();
};

void tst_SsoSignIn::metadataTrusted_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("offered");
    QTest::addColumn<bool>("passwords");

    QTest::newRow("portal with single sign-on") << 200 << metadata() << true << true;
    QTest::newRow("single sign-on only")
        << 200
        << metadata("{portal}", "{portal}/oauth/authorize", R"(["S256"])", R"(["code"])",
                    R"(["authorization_code","refresh_token"])")
        << true << false;
    QTest::newRow("endpoint on another https host")
        << 200 << metadata("{portal}", "https://login.example.com/authorize") << true << true;
    QTest::newRow("issuer is another host")
        << 200 << metadata("https://evil.example") << false << true;
    QTest::newRow("issuer is another port")
        << 200 << metadata("http://127.0.0.1:1") << false << true;
    QTest::newRow("endpoint over plain http to another host")
        << 200 << metadata("{portal}", "http://login.example.com/authorize") << false << true;
    QTest::newRow("no PKCE S256") << 200
                                  << metadata("{portal}", "{portal}/oauth/authorize",
                                              R"(["plain"])")
                                  << false << true;
    QTest::newRow("no code flow") << 200
                                  << metadata("{portal}", "{portal}/oauth/authorize", R"(["S256"])",
                                              R"(["token"])")
                                  << false << true;
    QTest::newRow("not JSON") << 200 << QByteArray("<html>hello</html>") << false << true;
    QTest::newRow("no metadata") << 404 << QByteArray(R"({"type":"/problems/not-found"})") << false
                                 << true;
}

void tst_SsoSignIn::metadataTrusted()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, offered);
    QFETCH(bool, passwords);
    QString requested;
    FakePortal portal([&](const FakePortal::Request &request) {
        requested = request.path;
        return FakePortal::Response::json(status, body);
    });
    body.replace("{portal}", portal.url().toString().toUtf8());

    SsoCheck check(portal.url());
    QSignalSpy finished(&check, &SsoCheck::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(requested, QStringLiteral("/.well-known/oauth-authorization-server"));
    QCOMPARE(check.offered(), offered);
    QVERIFY(!check.error()); // the portal answered: no SSO is not an error
    if (offered) {
        QCOMPARE(check.passwordAccepted(), passwords);
        QVERIFY(check.authorizationEndpoint().isValid());
    }
}

void tst_SsoSignIn::otherRequestsDoNotEndTheSignIn()
{
    FakePortal portal(
        [&](const FakePortal::Request &) { return FakePortal::Response::json(200, QByteArray()); });
    const QByteArray body = metadata().replace("{portal}", portal.url().toString().toUtf8());
    portal.setHandler(
        [body](const FakePortal::Request &) { return FakePortal::Response::json(200, body); });

    QUrl opened;
    SsoSignIn sso(
        portal.url(),
        [&opened](const QUrl &url) {
            opened = url;
            return true;
        },
        60000);
    QSignalSpy finished(&sso, &SsoSignIn::finished);
    QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 10000);
    QVERIFY(sso.browserOpened());
    const QUrlQuery query(opened);
    QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("quartermaster"));

    // A favicon, say: answered 404, and the sign-in goes on.
    QUrl favicon = redirect;
    favicon.setPath(QStringLiteral("/favicon.ico"));
    QCOMPARE(get(favicon), 404);
    QCOMPARE(finished.count(), 0);

    // The portal's refusal, with this sign-in's state, ends it as denied.
    QUrl denied = redirect;
    denied.setQuery(QStringLiteral("error=access_denied&error_description=No%20thanks&state=") +
                    query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
    QByteArray page;
    QCOMPARE(get(denied, &page), 200);
    QVERIFY(page.contains("not signed in"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(sso.failure(), SsoSignIn::Failure::Denied);
    QCOMPARE(sso.authorizationError(), QStringLiteral("access_denied: No thanks"));
    QVERIFY(sso.tokens().isEmpty());
    QVERIFY(!sso.client());
    // One answer only: the listener is closed.
    QCOMPARE(get(redirect), 0);
}

void tst_SsoSignIn::cancelClosesTheListener()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return FakePortal::Response::json(200, {}); });
    const QByteArray body = metadata().replace("{portal}", portal.url().toString().toUtf8());
    portal.setHandler(
        [body](const FakePortal::Request &) { return FakePortal::Response::json(200, body); });
    QUrl opened;
    SsoSignIn sso(portal.url(), [&opened](const QUrl &url) {
        opened = url;
        return false; // no browser: the address is there to be opened by hand
    });
    QSignalSpy finished(&sso, &SsoSignIn::finished);
    QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 10000);
    QVERIFY(!sso.browserOpened());
    QCOMPARE(sso.authorizationUrl(), opened);
    const QUrl redirect(
        QUrlQuery(opened).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    sso.abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(sso.failure(), SsoSignIn::Failure::Cancelled);
    QCOMPARE(get(redirect), 0);
}

void tst_SsoSignIn::secondAnswerIsRefused()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return FakePortal::Response::json(200, {}); });
    const QByteArray body = metadata().replace("{portal}", portal.url().toString().toUtf8());
    // The code exchange never completes, so the sign-in stays between answer and tokens.
    portal.setHandler([body](const FakePortal::Request &request) {
        if (request.path == u"/api/v1/auth/token")
            return FakePortal::Response::hang();
        return FakePortal::Response::json(200, body);
    });
    QUrl opened;
    SsoSignIn sso(portal.url(), [&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    QSignalSpy finished(&sso, &SsoSignIn::finished);
    QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 10000);
    const QUrlQuery query(opened);
    const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded);

    // A connection opened before the answer arrives...
    QTcpSocket early;
    early.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    QVERIFY(early.waitForConnected(5000));

    // ...the answer, whose code is being exchanged...
    QNetworkAccessManager nam;
    QUrl answer = redirect;
    answer.setQuery(QStringLiteral("code=first&state=") + state);
    QNetworkReply *first = nam.get(QNetworkRequest(answer));
    QTRY_COMPARE_WITH_TIMEOUT(portal.count(QStringLiteral("/api/v1/auth/token")), 1, 10000);

    // ...and a second answer over the early connection is refused.
    early.write("GET " + redirect.path().toUtf8() + "?code=second&state=" + state.toUtf8() +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        early.bytesAvailable() > 0 || early.state() == QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(early.readAll().startsWith("HTTP/1.1 409 "));
    QCOMPARE(portal.count(QStringLiteral("/api/v1/auth/token")), 1);
    QCOMPARE(finished.count(), 0);

    sso.abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(sso.failure(), SsoSignIn::Failure::Cancelled);
    // The browser waiting for the first answer learns that the sign-in stopped.
    QSignalSpy done(first, &QNetworkReply::finished);
    if (!first->isFinished())
        QVERIFY(done.wait(10000));
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    first->deleteLater();
}

QTEST_GUILESS_MAIN(tst_SsoSignIn)
#include "tst_ssosignin.moc"
