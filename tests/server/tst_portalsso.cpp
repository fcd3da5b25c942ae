// Single sign-on against the real qm-portal: the authorization server metadata, the
// authorization endpoint's sign-in page and the authorization_code grant with PKCE, driven
// the way a browser and the app drive them.
#include "core/problem.h"
#include "portaltest.h"
#include "support/ssobrowser.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
// RFC 7636 Appendix B.
const QString Verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString Challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
const QString RedirectUri = QStringLiteral("http://127.0.0.1:49152/callback");

using Fields = QList<QPair<QString, QString>>;

// The parameters of a good authorization request.
Fields goodRequest()
{
    return {{QStringLiteral("response_type"), QStringLiteral("code")},
            {QStringLiteral("client_id"), QStringLiteral("quartermaster")},
            {QStringLiteral("redirect_uri"), RedirectUri},
            {QStringLiteral("state"), QStringLiteral("st-1234")},
            {QStringLiteral("code_challenge"), Challenge},
            {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
}

// `fields` with `name` set to `value`; a null `value` removes it.
Fields with(Fields fields, const QString &name, const QString &value)
{
    fields.erase(std::remove_if(fields.begin(), fields.end(),
                                [&](const auto &f) { return f.first == name; }),
                 fields.end());
    if (!value.isNull())
        fields.append({name, value});
    return fields;
}

QString query(const Fields &fields)
{
    return QString::fromLatin1(SsoBrowser::encodeForm(fields));
}

QUrlQuery locationQuery(const HttpResponse &r)
{
    return QUrlQuery(QUrl::fromEncoded(r.header("Location")));
}

} // namespace

class tst_PortalSso final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void metadataDescribesTheEndpoints();
    void wholeFlowSignsIn();
    void authorizationRequestRefused_data();
    void authorizationRequestRefused();
    void tokenExchangeRefused_data();
    void tokenExchangeRefused();
    void wrongPasswordShowsThePageAgain_data();
    void wrongPasswordShowsThePageAgain();
    void signInPageSharesTheThrottle();
    void cancelIsAccessDenied();
    void echoedValuesAreEscaped();
    void formOnlyAcceptsForms();
    void ssoOnlyRefusesPasswords();
    void withoutSsoThereIsNoEndpoint();

private:
    // Signs in on the page of `portal` and returns the code of the redirect (empty on failure).
    QString authorize(PortalProcess &portal, const Fields &request = goodRequest(),
                      const QString &user = Buyer);
    static HttpResponse exchange(PortalProcess &portal, const Fields &fields);
    static Fields exchangeFields(const QString &code)
    {
        return {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                {QStringLiteral("code"), code},
                {QStringLiteral("redirect_uri"), RedirectUri},
                {QStringLiteral("client_id"), QStringLiteral("quartermaster")},
                {QStringLiteral("code_verifier"), Verifier}};
    }

    PortalProcess m_portal;
    PortalProcess m_expiring; // every authorization code expires at once
};

void tst_PortalSso::initTestCase()
{
    QString error;
    QVERIFY2(m_portal.start(demoArguments(), &error), qPrintable(error));
    QVERIFY2(
        m_expiring.start(
            demoArguments({QStringLiteral("--sso-code-lifetime"), QStringLiteral("0")}), &error),
        qPrintable(error));
}

void tst_PortalSso::cleanupTestCase()
{
    m_portal.stop();
    m_expiring.stop();
}

QString tst_PortalSso::authorize(PortalProcess &portal, const Fields &request, const QString &user)
{
    HttpClient client(portal.url());
    const HttpResponse page = client.get(QStringLiteral("/oauth/authorize?") + query(request));
    if (page.status != 200) {
        qWarning("sign-in page: %d %s", page.status, page.body.constData());
        return {};
    }
    Fields form = request;
    form << std::pair{QStringLiteral("username"), user}
         << std::pair{QStringLiteral("password"), QStringLiteral("demo")}
         << std::pair{QStringLiteral("action"), QStringLiteral("sign-in")};
    const HttpResponse r =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    if (r.status != 302) {
        qWarning("sign-in form: %d %s", r.status, r.body.constData());
        return {};
    }
    return locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

HttpResponse tst_PortalSso::exchange(PortalProcess &portal, const Fields &fields)
{
    return HttpClient(portal.url())
        .post(QStringLiteral("/api/v1/auth/token"), SsoBrowser::encodeForm(fields),
              "application/x-www-form-urlencoded");
}

void tst_PortalSso::metadataDescribesTheEndpoints()
{
    HttpClient client(m_portal.url());
    const HttpResponse r = client.get(QStringLiteral("/.well-known/oauth-authorization-server"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QString issuer = o.value(u"issuer").toString();
    QCOMPARE(QUrl(issuer).host(), m_portal.url().host());
    QCOMPARE(QUrl(issuer).port(), m_portal.url().port());
    QCOMPARE(o.value(u"authorization_endpoint").toString(),
             issuer + QStringLiteral("/oauth/authorize"));
    QCOMPARE(o.value(u"token_endpoint").toString(), issuer + QStringLiteral("/api/v1/auth/token"));
    QCOMPARE(o.value(u"code_challenge_methods_supported").toArray(),
             QJsonArray{QStringLiteral("S256")});
    QCOMPARE(o.value(u"response_types_supported").toArray(), QJsonArray{QStringLiteral("code")});
    const QJsonArray grants = o.value(u"grant_types_supported").toArray();
    QVERIFY(grants.contains(QStringLiteral("authorization_code")));
    QVERIFY(grants.contains(QStringLiteral("password")));
}

void tst_PortalSso::wholeFlowSignsIn()
{
    HttpClient client(m_portal.url());
    const HttpResponse page =
        client.get(QStringLiteral("/oauth/authorize?") + query(goodRequest()));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    QCOMPARE(page.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(page.header("Content-Security-Policy").contains("default-src 'none'"));
    // No external resources: nothing is loaded from anywhere.
    QVERIFY(!page.body.contains("src="));
    QVERIFY(!page.body.contains("href="));
    const auto hidden = SsoBrowser::hiddenFields(page.body);
    for (const auto &[name, value] : goodRequest())
        QCOMPARE(hidden.value(name), value);

    Fields form = goodRequest();
    form << std::pair{QStringLiteral("username"), Buyer}
         << std::pair{QStringLiteral("password"), QStringLiteral("demo")}
         << std::pair{QStringLiteral("action"), QStringLiteral("sign-in")};
    const HttpResponse redirect =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    QCOMPARE(redirect.status, 302);
    const QUrl location = QUrl::fromEncoded(redirect.header("Location"));
    QCOMPARE(location.adjusted(QUrl::RemoveQuery).toString(), RedirectUri);
    const QUrlQuery answer(location);
    QCOMPARE(answer.queryItemValue(QStringLiteral("state")), QStringLiteral("st-1234"));
    const QString code = answer.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QCOMPARE(code.size(), 43);
    // The code never reaches the access log.
    QVERIFY(!m_portal.output().contains(code));

    const HttpResponse tokens = exchange(m_portal, exchangeFields(code));
    QCOMPARE(tokens.status, 200);
    QCOMPARE(tokens.header("Cache-Control"), QByteArray("no-store"));
    const QString access = tokens.json().value(u"access_token").toString();
    const QString refresh = tokens.json().value(u"refresh_token").toString();
    QCOMPARE(access.size(), 43);
    QCOMPARE(refresh.size(), 43);
    const HttpResponse me = client.get(QStringLiteral("/api/v1/me"), access);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(u"user").toObject().value(u"username").toString(), Buyer);

    // A token pair like any other: the refresh token rotates.
    const HttpResponse refreshed =
        exchange(m_portal, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                            {QStringLiteral("refresh_token"), refresh}});
    QCOMPARE(refreshed.status, 200);
    QVERIFY(refreshed.json().value(u"refresh_token").toString() != refresh);
}

void tst_PortalSso::authorizationRequestRefused_data()
{
    QTest::addColumn<QString>("name");  // the parameter changed
    QTest::addColumn<QString>("value"); // null: left out
    // "page": an error page, never a redirect; otherwise the `error` of the redirect.
    QTest::addColumn<QString>("expected");

    const QString page = QStringLiteral("page");
    QTest::newRow("unknown client")
        << QStringLiteral("client_id") << QStringLiteral("evil-app") << page;
    QTest::newRow("no client") << QStringLiteral("client_id") << QString() << page;
    QTest::newRow("foreign redirect host")
        << QStringLiteral("redirect_uri") << QStringLiteral("http://evil.example:49152/callback")
        << page;
    QTest::newRow("https redirect") << QStringLiteral("redirect_uri")
                                    << QStringLiteral("https://127.0.0.1:49152/callback") << page;
    QTest::newRow("loopback name instead of address")
        << QStringLiteral("redirect_uri") << QStringLiteral("http://localhost:49152/callback")
        << page;
    QTest::newRow("redirect without port")
        << QStringLiteral("redirect_uri") << QStringLiteral("http://127.0.0.1/callback") << page;
    QTest::newRow("redirect with user info")
        << QStringLiteral("redirect_uri")
        << QStringLiteral("http://127.0.0.1:80@evil.example:49152/callback") << page;
    QTest::newRow("loopback look-alike host")
        << QStringLiteral("redirect_uri")
        << QStringLiteral("http://127.0.0.1.evil.example:49152/callback") << page;
    QTest::newRow("no redirect") << QStringLiteral("redirect_uri") << QString() << page;
    QTest::newRow("plain method") << QStringLiteral("code_challenge_method")
                                  << QStringLiteral("plain") << QStringLiteral("invalid_request");
    QTest::newRow("no method") << QStringLiteral("code_challenge_method") << QString()
                               << QStringLiteral("invalid_request");
    QTest::newRow("missing challenge")
        << QStringLiteral("code_challenge") << QString() << QStringLiteral("invalid_request");
    QTest::newRow("malformed challenge")
        << QStringLiteral("code_challenge") << QStringLiteral("too-short")
        << QStringLiteral("invalid_request");
    QTest::newRow("token response type")
        << QStringLiteral("response_type") << QStringLiteral("token")
        << QStringLiteral("unsupported_response_type");
}

void tst_PortalSso::authorizationRequestRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    HttpClient client(m_portal.url());
    const Fields request = with(goodRequest(), name, value);
    const HttpResponse r = client.get(QStringLiteral("/oauth/authorize?") + query(request));
    Fields form = request;
    form << std::pair{QStringLiteral("username"), Buyer}
         << std::pair{QStringLiteral("password"), QStringLiteral("demo")};
    // Submitting the form directly is refused alike: no code is ever issued.
    const HttpResponse posted =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    for (const HttpResponse &answer : {r, posted}) {
        if (expected == u"page") {
            QCOMPARE(answer.status, 400);
            QVERIFY(answer.header("Location").isEmpty());
            QVERIFY(answer.header("Content-Type").startsWith("text/html"));
            QVERIFY(!answer.body.contains("<form"));
        } else {
            QCOMPARE(answer.status, 302);
            const QUrl location = QUrl::fromEncoded(answer.header("Location"));
            QCOMPARE(location.adjusted(QUrl::RemoveQuery).toString(), RedirectUri);
            const QUrlQuery q(location);
            QCOMPARE(q.queryItemValue(QStringLiteral("error")), expected);
            QCOMPARE(q.queryItemValue(QStringLiteral("state")), QStringLiteral("st-1234"));
            QVERIFY(!q.hasQueryItem(QStringLiteral("code")));
        }
    }
}

void tst_PortalSso::tokenExchangeRefused_data()
{
    QTest::addColumn<QString>("name");    // the exchange parameter changed
    QTest::addColumn<QString>("value");   // null: left out
    QTest::addColumn<QString>("error");   // RFC 6749 error
    QTest::addColumn<QString>("detail");  // a word of the problem's detail
    QTest::addColumn<bool>("expiring");   // on the portal whose codes expire at once
    QTest::addColumn<bool>("usedBefore"); // the code was exchanged once already

    QTest::newRow("wrong verifier")
        << QStringLiteral("code_verifier") << QString(Verifier).replace(u'd', u'e')
        << QStringLiteral("invalid_grant") << QStringLiteral("code_verifier") << false << false;
    QTest::newRow("malformed verifier")
        << QStringLiteral("code_verifier") << QStringLiteral("short")
        << QStringLiteral("invalid_request") << QStringLiteral("43 to 128") << false << false;
    QTest::newRow("no verifier") << QStringLiteral("code_verifier") << QString()
                                 << QStringLiteral("invalid_request")
                                 << QStringLiteral("code_verifier") << false << false;
    QTest::newRow("mismatched redirect_uri")
        << QStringLiteral("redirect_uri") << QStringLiteral("http://127.0.0.1:49153/callback")
        << QStringLiteral("invalid_grant") << QStringLiteral("redirect_uri") << false << false;
    QTest::newRow("other client") << QStringLiteral("client_id") << QStringLiteral("other-app")
                                  << QStringLiteral("invalid_grant")
                                  << QStringLiteral("another client") << false << false;
    QTest::newRow("unknown code") << QStringLiteral("code")
                                  << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                                  << QStringLiteral("invalid_grant") << QStringLiteral("not valid")
                                  << false << false;
    QTest::newRow("expired code") << QString() << QString() << QStringLiteral("invalid_grant")
                                  << QStringLiteral("expired") << true << false;
    QTest::newRow("reused code") << QString() << QString() << QStringLiteral("invalid_grant")
                                 << QStringLiteral("already used") << false << true;
}

void tst_PortalSso::tokenExchangeRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, error);
    QFETCH(QString, detail);
    QFETCH(bool, expiring);
    QFETCH(bool, usedBefore);
    PortalProcess &portal = expiring ? m_expiring : m_portal;
    const QString code = authorize(portal);
    QVERIFY(!code.isEmpty());

    QString firstAccess;
    QString firstRefresh;
    if (usedBefore) {
        const HttpResponse first = exchange(portal, exchangeFields(code));
        QCOMPARE(first.status, 200);
        firstAccess = first.json().value(u"access_token").toString();
        firstRefresh = first.json().value(u"refresh_token").toString();
        QCOMPARE(HttpClient(portal.url()).get(QStringLiteral("/api/v1/me"), firstAccess).status,
                 200);
    }
    const Fields fields =
        name.isEmpty() ? exchangeFields(code) : with(exchangeFields(code), name, value);
    const HttpResponse r = exchange(portal, fields);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(u"error").toString(), error);
    QVERIFY(!r.problemSlug().isEmpty());
    QVERIFY2(r.json().value(u"detail").toString().contains(detail), r.body.constData());
    QVERIFY(!r.json().contains(u"access_token"));

    if (usedBefore) {
        // RFC 6749 §4.1.2: the tokens issued from the code stop working.
        QCOMPARE(HttpClient(portal.url()).get(QStringLiteral("/api/v1/me"), firstAccess).status,
                 401);
        const HttpResponse refreshed =
            exchange(portal, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                              {QStringLiteral("refresh_token"), firstRefresh}});
        QCOMPARE(refreshed.status, 400);
    } else if (!expiring && name != u"code") {
        // A refused exchange does not use the code up: the right one still works.
        QCOMPARE(exchange(portal, exchangeFields(code)).status, 200);
    }
}

void tst_PortalSso::wrongPasswordShowsThePageAgain_data()
{
    QTest::addColumn<QString>("user");
    QTest::newRow("existing user") << QStringLiteral("approver@bayside.example");
    QTest::newRow("unknown user") << QStringLiteral("nobody@bayside.example");
    QTest::newRow("deactivated user") << QStringLiteral("former.buyer@bayside.example");
}

void tst_PortalSso::wrongPasswordShowsThePageAgain()
{
    QFETCH(QString, user);
    HttpClient client(m_portal.url());
    Fields form = goodRequest();
    form << std::pair{QStringLiteral("username"), user}
         << std::pair{QStringLiteral("password"),
                      user.startsWith(u"former") ? QStringLiteral("demo") : QStringLiteral("wrong")}
         << std::pair{QStringLiteral("action"), QStringLiteral("sign-in")};
    const HttpResponse r =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Location").isEmpty());
    // The same words for every user: nothing tells who exists.
    QVERIFY(r.body.contains("Wrong username or password."));
    QVERIFY(r.body.contains("<form"));
    // The form still carries the request, and the username, never the password.
    const auto hidden = SsoBrowser::hiddenFields(r.body);
    QCOMPARE(hidden.value(QStringLiteral("code_challenge")), Challenge);
    QVERIFY(r.body.contains(user.toUtf8()));
    QVERIFY(!r.body.contains("value=\"wrong\""));
}

void tst_PortalSso::signInPageSharesTheThrottle()
{
    const QString user = QStringLiteral("buyer@northgate.example");
    HttpClient client(m_portal.url());
    Fields form = goodRequest();
    form << std::pair{QStringLiteral("username"), user}
         << std::pair{QStringLiteral("password"), QStringLiteral("wrong")}
         << std::pair{QStringLiteral("action"), QStringLiteral("sign-in")};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(client
                     .post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                           "application/x-www-form-urlencoded")
                     .status,
                 200);
    // Now the right password waits too, on the page and at the token endpoint.
    form = with(form, QStringLiteral("password"), QStringLiteral("demo"));
    const HttpResponse page =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    QCOMPARE(page.status, 429);
    QVERIFY(!page.header("Retry-After").isEmpty());
    QVERIFY(page.body.contains("Too many failed sign-in attempts"));
    QVERIFY(page.header("Location").isEmpty());
    QCOMPARE(client.signIn(user, QStringLiteral("demo")).status, 429);
}

void tst_PortalSso::cancelIsAccessDenied()
{
    HttpClient client(m_portal.url());
    Fields form = goodRequest();
    form << std::pair{QStringLiteral("action"), QStringLiteral("cancel")};
    const HttpResponse r =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    QCOMPARE(r.status, 302);
    const QUrlQuery q = locationQuery(r);
    QCOMPARE(q.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(q.queryItemValue(QStringLiteral("state")), QStringLiteral("st-1234"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("code")));
}

void tst_PortalSso::echoedValuesAreEscaped()
{
    const QString hostile = QStringLiteral("\"><script>alert('x')</script><b a='");
    HttpClient client(m_portal.url());
    const Fields request = with(goodRequest(), QStringLiteral("state"), hostile);
    const HttpResponse page = client.get(QStringLiteral("/oauth/authorize?") + query(request));
    QCOMPARE(page.status, 200);
    QVERIFY(!page.body.contains("<script"));
    QVERIFY(page.body.contains(
        "name=\"state\" value=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // Escaped, the value still travels intact.
    QCOMPARE(SsoBrowser::hiddenFields(page.body).value(QStringLiteral("state")), hostile);

    // The username echoed after a wrong password, and an unknown client on the error page.
    Fields form = request;
    form << std::pair{QStringLiteral("username"), hostile}
         << std::pair{QStringLiteral("password"), QStringLiteral("wrong")};
    const HttpResponse again =
        client.post(QStringLiteral("/oauth/authorize"), SsoBrowser::encodeForm(form),
                    "application/x-www-form-urlencoded");
    QCOMPARE(again.status, 200);
    QVERIFY(!again.body.contains("<script"));
    const HttpResponse error =
        client.get(QStringLiteral("/oauth/authorize?") +
                   query(with(goodRequest(), QStringLiteral("client_id"), hostile)));
    QCOMPARE(error.status, 400);
    QVERIFY(!error.body.contains("<script"));
    QVERIFY(error.body.contains("&lt;script&gt;"));

    // In the redirect the state is percent-encoded and comes back unchanged.
    const QString code = authorize(m_portal, request);
    QVERIFY(!code.isEmpty());
}

void tst_PortalSso::formOnlyAcceptsForms()
{
    HttpClient client(m_portal.url());
    const HttpResponse json = client.post(QStringLiteral("/oauth/authorize"),
                                          R"({"client_id": "quartermaster"})", "application/json");
    QCOMPARE(json.status, 415);
    QCOMPARE(json.problemSlug(), QString::fromUtf16(problems::UnsupportedMediaType));
    const HttpResponse put = client.send("PUT", QStringLiteral("/oauth/authorize"), {}, {});
    QCOMPARE(put.status, 405);
}

void tst_PortalSso::ssoOnlyRefusesPasswords()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(portal, (QStringList{QStringLiteral("--sso-only")}));
    HttpClient client(portal.url());
    const HttpResponse password = client.signIn(Buyer, QStringLiteral("demo"));
    QCOMPARE(password.status, 400);
    QCOMPARE(password.json().value(u"error").toString(), QStringLiteral("unsupported_grant_type"));
    QVERIFY(password.json().value(u"detail").toString().contains(QStringLiteral("single sign-on")));
    const QJsonArray grants = client.get(QStringLiteral("/.well-known/oauth-authorization-server"))
                                  .json()
                                  .value(u"grant_types_supported")
                                  .toArray();
    QVERIFY(grants.contains(QStringLiteral("authorization_code")));
    QVERIFY(!grants.contains(QStringLiteral("password")));
    // Single sign-on works.
    const QString code = authorize(portal);
    QVERIFY(!code.isEmpty());
    QCOMPARE(exchange(portal, exchangeFields(code)).status, 200);
}

void tst_PortalSso::withoutSsoThereIsNoEndpoint()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(portal, (QStringList{QStringLiteral("--no-sso")}));
    HttpClient client(portal.url());
    QCOMPARE(client.get(QStringLiteral("/.well-known/oauth-authorization-server")).status, 404);
    QCOMPARE(client.get(QStringLiteral("/oauth/authorize?") + query(goodRequest())).status, 404);
    const HttpResponse r = exchange(portal, exchangeFields(QStringLiteral("x").repeated(43)));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(u"error").toString(), QStringLiteral("unsupported_grant_type"));
    QCOMPARE(client.signIn(Buyer, QStringLiteral("demo")).status, 200);
}

QTEST_GUILESS_MAIN(tst_PortalSso)
#include "tst_portalsso.moc"
