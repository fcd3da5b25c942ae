#include "fakeportal.h"

#include "sync/apiclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace qm;
using namespace qm::test;
using namespace std::chrono_literals;

namespace {

using Response = FakePortal::Response;

// Retries come quickly in tests; the random source takes the top of the window so that
// delays are predictable.
RetryPolicy fastPolicy(int maxAttempts = 3)
{
    RetryPolicy::Settings s;
    s.maxAttempts = maxAttempts;
    s.baseDelay = 5ms;
    s.maxDelay = 20ms;
    s.maxRetryAfter = 50ms;
    RetryPolicy policy(s);
    policy.setRandom([](qint64 bound) { return bound; });
    return policy;
}

Tokens tokens(const char *access, const char *refresh)
{
    Tokens t;
    t.accessToken = QString::fromLatin1(access);
    t.refreshToken = QString::fromLatin1(refresh);
    return t;
}

QByteArray tokenResponse(const char *access, const char *refresh)
{
    return QByteArray(R"({"access_token":")") + access +
           R"(","token_type":"Bearer","expires_in":900,"refresh_token":")" + refresh + R"("})";
}

QString describe(const ApiJob *job)
{
    return job->error() ? job->error()->toLogString() : QStringLiteral("no error");
}

// Keeps a job alive after it finished and counts its finished() signals.
class Watched final
{
public:
    explicit Watched(ApiJob *job)
        : m_job(job)
        , m_finishes(std::make_shared<int>(0))
    {
        job->setAutoDelete(false);
        QObject::connect(job, &ApiJob::finished, [count = m_finishes] { ++*count; });
    }
    ApiJob *operator->() const { return m_job.get(); }
    ApiJob *get() const { return m_job.get(); }
    int finishes() const { return *m_finishes; }
    // Waits for finished(); true if it came exactly once.
    bool wait()
    {
        if (!m_job->isFinished()) {
            QSignalSpy spy(m_job.get(), &ApiJob::finished);
            spy.wait(10000);
        }
        QCoreApplication::processEvents(); // nothing more may follow
        return *m_finishes == 1;
    }

private:
    std::unique_ptr<ApiJob> m_job;
    std::shared_ptr<int> m_finishes;
};

// Waits until `job` finished, checking that it did so exactly once.
#define WAIT_FOR(name, expression)                                                                 \
    Watched name(expression);                                                                      \
    QVERIFY2(name.wait(), "finished() must come exactly once")

} // namespace

class tst_ApiJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getSendsTheStandardHeaders();
    void finishedComesFromTheEventLoop();
    void retriesAfter503HonouringRetryAfter();
    void timeoutIsRetriedThenReported();
    void connectionResetIsRetried();
    void givesUpAfterMaxAttempts();
    void problemJsonBecomesApiError();
    void errorWithoutProblemDocument();
    void refreshesOnceForConcurrentJobs();
    void failedRefreshExpiresTheSession();
    void refreshThatCannotReachThePortal();
    void postWithoutIdempotencyKeyIsNotRetried();
    void postWithIdempotencyKeyIsRetried();
    void signInSendsAFormAndKeepsTheTokens();
    void signInRefused();
    void signInWithoutTokensIsInvalid();
    void signOutForgetsTokensEvenOffline();
    void insecureHttp_data();
    void insecureHttp();
    void insecureRequestIsNeverSent();
    void abortFinishesOnce();
    void abortDuringRetryWait();
};

void tst_ApiJob::getSendsTheStandardHeaders()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return Response::json(200, R"({"ok":true})"); });
    ApiClient client(portal.url());
    client.setTokens(tokens("acc-1", "ref-1"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QStringLiteral("5"));
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/sync/products"), query));
    QVERIFY(!job->error());
    QCOMPARE(job->httpStatus(), 200);
    QCOMPARE(job->body(), QByteArray(R"({"ok":true})"));
    QCOMPARE(job->responseHeader("content-type"), QByteArray("application/json"));
    QCOMPARE(job->attempts(), 1);
    QCOMPARE(portal.requests().size(), 1);
    const FakePortal::Request &r = portal.requests().first();
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.path, QStringLiteral("/api/v1/sync/products"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("after")), QStringLiteral("5"));
    QCOMPARE(r.header("authorization"), QByteArray("Bearer acc-1"));
    QVERIFY(r.header("accept").contains("application/json"));
    QVERIFY(r.header("user-agent").startsWith("Quartermaster/"));

    // The token endpoint is not sent a bearer token.
    WAIT_FOR(form, client.postForm(QStringLiteral("/api/v1/auth/revoke"), {}));
    QVERIFY(portal.requests().last().header("authorization").isEmpty());
}

void tst_ApiJob::finishedComesFromTheEventLoop()
{
    FakePortal portal([](const FakePortal::Request &) { return Response::json(200, "{}"); });
    ApiClient client(QUrl(QStringLiteral("http://portal.example.com")));
    ApiJob *job = client.get(QStringLiteral("/api/v1/me")); // refused at once, but reported later
    QSignalSpy spy(job, &ApiJob::finished);
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.count(), 1);
}

void tst_ApiJob::retriesAfter503HonouringRetryAfter()
{
    int calls = 0;
    FakePortal portal([&](const FakePortal::Request &) {
        if (++calls == 1) {
            Response r = Response::problem(503, "service-unavailable");
            r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
            return r;
        }
        return Response::json(200, R"({"n":2})");
    });
    ApiClient client(portal.url());
    // Without Retry-After the computed delay would be 60 s: the test would time out.
    RetryPolicy::Settings s;
    s.maxAttempts = 3;
    s.baseDelay = 30000ms;
    s.maxDelay = 60000ms;
    s.maxRetryAfter = 50ms;
    RetryPolicy policy(s);
    policy.setRandom([](qint64 bound) { return bound; });
    client.setRetryPolicy(policy);
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY2(!job->error(), qPrintable(describe(job.get())));
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(job->body(), QByteArray(R"({"n":2})"));
    QCOMPARE(calls, 2);
}

void tst_ApiJob::timeoutIsRetriedThenReported()
{
    FakePortal portal([](const FakePortal::Request &) { return Response::hang(); });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy(2));
    client.setTransferTimeout(150);
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::Timeout);
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(portal.count(QStringLiteral("/api/v1/me")), 2);
}

void tst_ApiJob::connectionResetIsRetried()
{
    int calls = 0;
    FakePortal portal([&](const FakePortal::Request &) {
        return ++calls == 1 ? Response::truncate() : Response::json(200, "{}");
    });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy());
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(!job->error());
    QCOMPARE(job->attempts(), 2);
}

void tst_ApiJob::givesUpAfterMaxAttempts()
{
    FakePortal portal([](const FakePortal::Request &) { return Response::truncate(); });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy(4));
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::Network);
    QCOMPARE(job->error()->httpStatus, 0);
    QCOMPARE(job->attempts(), 4);
    QCOMPARE(portal.requests().size(), 4);
}

void tst_ApiJob::problemJsonBecomesApiError()
{
    FakePortal portal([](const FakePortal::Request &) {
        return Response::problem(404, "not-found", "no product HIS-1");
    });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy());
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/products/HIS-1")));
    QVERIFY(job->error());
    const ApiError &e = *job->error();
    QCOMPARE(e.code, ApiError::Code::Problem);
    QCOMPARE(e.httpStatus, 404);
    QCOMPARE(e.problemSlug(), QStringLiteral("not-found"));
    QCOMPARE(e.problem->detail, QStringLiteral("no product HIS-1"));
    QCOMPARE(job->attempts(), 1);
    QVERIFY(e.toLogString().contains(u"/problems/not-found"));
}

void tst_ApiJob::errorWithoutProblemDocument()
{
    FakePortal portal([](const FakePortal::Request &) {
        Response r = Response::json(502, "<html>Bad gateway</html>");
        r.contentType = "text/html";
        return r;
    });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy(2));
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::HttpStatus);
    QCOMPARE(job->error()->httpStatus, 502);
    QVERIFY(!job->error()->problem);
    QCOMPARE(job->attempts(), 2); // 5xx is retried
}

void tst_ApiJob::refreshesOnceForConcurrentJobs()
{
    FakePortal portal([](const FakePortal::Request &r) {
        if (r.path == u"/api/v1/auth/token") {
            const QUrlQuery form = r.form();
            if (form.queryItemValue(QStringLiteral("grant_type")) != u"refresh_token" ||
                form.queryItemValue(QStringLiteral("refresh_token")) != u"ref-old" ||
                form.queryItemValue(QStringLiteral("client_id")) != u"quartermaster")
                return Response::problem(400, "invalid-grant");
            return Response::json(200, tokenResponse("acc-new", "ref-new"));
        }
        if (r.header("authorization") == "Bearer acc-new")
            return Response::json(200, "{\"path\":\"" + r.path.toUtf8() + "\"}");
        return Response::problem(401, "unauthorized");
    });
    ApiClient client(portal.url());
    client.setTokens(tokens("acc-old", "ref-old"));
    QSignalSpy changed(&client, &ApiClient::tokensChanged);
    QSignalSpy expired(&client, &ApiClient::sessionExpired);
    std::vector<Watched> done;
    for (int i = 0; i < 4; ++i)
        done.emplace_back(client.get(QStringLiteral("/api/v1/thing/%1").arg(i)));
    for (int i = 0; i < 4; ++i) {
        QVERIFY(done[i].wait());
        QVERIFY2(!done[i]->error(), qPrintable(describe(done[i].get())));
        QCOMPARE(done[i]->body(),
                 QByteArray("{\"path\":\"/api/v1/thing/") + QByteArray::number(i) + "\"}");
    }
    QCOMPARE(portal.count(QStringLiteral("/api/v1/auth/token")), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().value<Tokens>().refreshToken, QStringLiteral("ref-new"));
    QCOMPARE(client.tokens().accessToken, QStringLiteral("acc-new"));
    QCOMPARE(expired.count(), 0);
}

void tst_ApiJob::failedRefreshExpiresTheSession()
{
    FakePortal portal([](const FakePortal::Request &r) {
        if (r.path == u"/api/v1/auth/token")
            return Response::problem(400, "invalid-grant");
        return Response::problem(401, "unauthorized");
    });
    ApiClient client(portal.url());
    client.setTokens(tokens("acc-old", "ref-old"));
    QSignalSpy expired(&client, &ApiClient::sessionExpired);
    QSignalSpy changed(&client, &ApiClient::tokensChanged);
    Watched first(client.get(QStringLiteral("/api/v1/me")));
    Watched second(client.get(QStringLiteral("/api/v1/sync/products")));
    QVERIFY(first.wait());
    QVERIFY(second.wait());
    for (const auto *job : {first.get(), second.get()}) {
        QVERIFY(job->error());
        QCOMPARE(job->error()->code, ApiError::Code::SessionExpired);
    }
    QCOMPARE(expired.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(portal.count(QStringLiteral("/api/v1/auth/token")), 1);
}

void tst_ApiJob::refreshThatCannotReachThePortal()
{
    FakePortal portal([](const FakePortal::Request &r) {
        if (r.path == u"/api/v1/auth/token")
            return Response::truncate();
        return Response::problem(401, "unauthorized");
    });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy());
    client.setTokens(tokens("acc-old", "ref-old"));
    QSignalSpy expired(&client, &ApiClient::sessionExpired);
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(job->error());
    // The portal could not be asked: that is a network problem, not an expired session.
    QCOMPARE(job->error()->code, ApiError::Code::Network);
    QCOMPARE(expired.count(), 0);
    // A token request is a POST without an idempotency key: never retried.
    QCOMPARE(portal.count(QStringLiteral("/api/v1/auth/token")), 1);
}

void tst_ApiJob::postWithoutIdempotencyKeyIsNotRetried()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return Response::problem(503, "service-unavailable"); });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy(5));
    WAIT_FOR(job, client.postJson(QStringLiteral("/api/v1/orders"), R"({"lines":[]})"));
    QVERIFY(job->error());
    QCOMPARE(job->error()->httpStatus, 503);
    QCOMPARE(job->attempts(), 1);
    QCOMPARE(portal.requests().size(), 1);
    QCOMPARE(portal.requests().first().header("content-type"), QByteArray("application/json"));
    QVERIFY(portal.requests().first().header("idempotency-key").isEmpty());

    FakePortal dropping([](const FakePortal::Request &) { return Response::truncate(); });
    ApiClient other(dropping.url());
    other.setRetryPolicy(fastPolicy(5));
    WAIT_FOR(dropped, other.postJson(QStringLiteral("/api/v1/orders"), "{}"));
    QCOMPARE(dropped->error()->code, ApiError::Code::Network);
    QCOMPARE(dropping.requests().size(), 1);
}

void tst_ApiJob::postWithIdempotencyKeyIsRetried()
{
    int calls = 0;
    FakePortal portal([&](const FakePortal::Request &) {
        return ++calls == 1 ? Response::problem(503, "service-unavailable")
                            : Response::json(201, "{}");
    });
    ApiClient client(portal.url());
    client.setRetryPolicy(fastPolicy(5));
    WAIT_FOR(job, client.postJson(QStringLiteral("/api/v1/orders"), R"({"lines":[]})", "key-123"));
    QVERIFY(!job->error());
    QCOMPARE(job->httpStatus(), 201);
    QCOMPARE(portal.requests().size(), 2);
    for (const auto &r : portal.requests()) {
        QCOMPARE(r.header("idempotency-key"), QByteArray("key-123"));
        QCOMPARE(r.body, QByteArray(R"({"lines":[]})"));
    }
}

void tst_ApiJob::signInSendsAFormAndKeepsTheTokens()
{
    const QString password = QStringLiteral("p+ss w&rd=1%\u00e9");
    FakePortal portal([](const FakePortal::Request &) {
        return Response::json(200, tokenResponse("acc-1", "ref-1"));
    });
    ApiClient client(portal.url());
    QSignalSpy changed(&client, &ApiClient::tokensChanged);
    WAIT_FOR(job, client.signIn(QStringLiteral("buyer@northgate"), password));
    QVERIFY(!job->error());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(client.tokens().accessToken, QStringLiteral("acc-1"));
    QCOMPARE(client.tokens().refreshToken, QStringLiteral("ref-1"));
    QVERIFY(client.tokens().accessExpiresAt > QDateTime::currentDateTimeUtc());

    const FakePortal::Request &r = portal.requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QStringLiteral("/api/v1/auth/token"));
    QCOMPARE(r.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(!r.body.contains('+'));
    const QUrlQuery form(QString::fromUtf8(r.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("password"));
    QCOMPARE(form.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded),
             QStringLiteral("buyer@northgate"));
    QCOMPARE(form.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded), password);
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("quartermaster"));
}

void tst_ApiJob::signInRefused()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return Response::problem(401, "invalid-grant"); });
    ApiClient client(portal.url());
    QSignalSpy changed(&client, &ApiClient::tokensChanged);
    QSignalSpy expired(&client, &ApiClient::sessionExpired);
    WAIT_FOR(job, client.signIn(QStringLiteral("buyer"), QStringLiteral("wrong")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::Problem);
    QCOMPARE(job->error()->problemSlug(), QStringLiteral("invalid-grant"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(expired.count(), 0); // a wrong password is not an expired session
    QVERIFY(client.tokens().isEmpty());
}

void tst_ApiJob::signInWithoutTokensIsInvalid()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return Response::json(200, R"({"hello":"world"})"); });
    ApiClient client(portal.url());
    QSignalSpy changed(&client, &ApiClient::tokensChanged);
    WAIT_FOR(job, client.signIn(QStringLiteral("buyer"), QStringLiteral("pw")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::InvalidResponse);
    QCOMPARE(changed.count(), 0);
}

void tst_ApiJob::signOutForgetsTokensEvenOffline()
{
    FakePortal portal([](const FakePortal::Request &) { return Response::json(200, ""); });
    ApiClient client(portal.url());
    client.setTokens(tokens("acc-1", "ref-1"));
    Watched done(client.signOut());
    QVERIFY(client.tokens().isEmpty()); // at once
    QVERIFY(done.wait());
    QVERIFY(!done->error());
    const QUrlQuery form = portal.requests().first().form();
    QCOMPARE(portal.requests().first().path, QStringLiteral("/api/v1/auth/revoke"));
    QCOMPARE(form.queryItemValue(QStringLiteral("token")), QStringLiteral("ref-1"));
    QCOMPARE(form.queryItemValue(QStringLiteral("token_type_hint")),
             QStringLiteral("refresh_token"));

    FakePortal offline([](const FakePortal::Request &) { return Response::truncate(); });
    ApiClient other(offline.url());
    other.setRetryPolicy(fastPolicy(1));
    other.setTokens(tokens("acc-2", "ref-2"));
    WAIT_FOR(failed, other.signOut());
    QVERIFY(failed->error());
    QCOMPARE(failed->error()->code, ApiError::Code::Network);
    QVERIFY(other.tokens().isEmpty());

    // Signed out twice: nothing left to revoke, nothing sent.
    WAIT_FOR(again, other.signOut());
    QVERIFY(!again->error());
    QCOMPARE(offline.requests().size(), 1);
}

void tst_ApiJob::insecureHttp_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("permitted");
    QTest::addColumn<bool>("permittedWhenAllowed");
    QTest::newRow("https") << QStringLiteral("https://portal.example.com/api") << true << true;
    QTest::newRow("http, remote host")
        << QStringLiteral("http://portal.example.com") << false << true;
    QTest::newRow("http, LAN address")
        << QStringLiteral("http://192.168.1.20:8710") << false << true;
    QTest::newRow("http, 127.0.0.1") << QStringLiteral("http://127.0.0.1:8710") << true << true;
    QTest::newRow("http, 127.8.9.10") << QStringLiteral("http://127.8.9.10:8710") << true << true;
    QTest::newRow("http, ::1") << QStringLiteral("http://[::1]:8710") << true << true;
    QTest::newRow("http, localhost") << QStringLiteral("http://localhost:8710") << true << true;
    QTest::newRow("http, LOCALHOST") << QStringLiteral("http://LOCALHOST") << true << true;
    QTest::newRow("http, localhost lookalike")
        << QStringLiteral("http://localhost.example.com") << false << true;
    QTest::newRow("http, 128.0.0.1") << QStringLiteral("http://128.0.0.1") << false << true;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false << false;
}

void tst_ApiJob::insecureHttp()
{
    QFETCH(QString, url);
    QFETCH(bool, permitted);
    QFETCH(bool, permittedWhenAllowed);
    ApiClient client(QUrl(QStringLiteral("https://portal.example.com")));
    QCOMPARE(client.isPermitted(QUrl(url)), permitted);
    client.setAllowInsecureHttp(true);
    QCOMPARE(client.isPermitted(QUrl(url)), permittedWhenAllowed);
}

void tst_ApiJob::insecureRequestIsNeverSent()
{
    ApiClient client(QUrl(QStringLiteral("http://portal.example.com")));
    client.setTokens(tokens("acc-1", "ref-1"));
    WAIT_FOR(job, client.get(QStringLiteral("/api/v1/me")));
    QVERIFY(job->error());
    QCOMPARE(job->error()->code, ApiError::Code::InsecureConnection);
    QCOMPARE(job->attempts(), 1);
    WAIT_FOR(signIn, client.signIn(QStringLiteral("u"), QStringLiteral("p")));
    QCOMPARE(signIn->error()->code, ApiError::Code::InsecureConnection);
}

void tst_ApiJob::abortFinishesOnce()
{
    FakePortal portal([](const FakePortal::Request &) { return Response::hang(); });
    ApiClient client(portal.url());
    ApiJob *job = client.get(QStringLiteral("/api/v1/me"));
    job->setAutoDelete(false);
    std::unique_ptr<ApiJob> owned(job);
    QSignalSpy spy(job, &ApiJob::finished);
    QTRY_COMPARE(portal.requests().size(), 1);
    job->abort();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(job->error()->code, ApiError::Code::Cancelled);
    job->abort();
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 1);
}

void tst_ApiJob::abortDuringRetryWait()
{
    FakePortal portal(
        [](const FakePortal::Request &) { return Response::problem(503, "service-unavailable"); });
    ApiClient client(portal.url());
    RetryPolicy::Settings s;
    s.baseDelay = 60000ms;
    s.maxDelay = 60000ms;
    RetryPolicy policy(s);
    policy.setRandom([](qint64 bound) { return bound; });
    client.setRetryPolicy(policy);
    ApiJob *job = client.get(QStringLiteral("/api/v1/me"));
    job->setAutoDelete(false);
    std::unique_ptr<ApiJob> owned(job);
    QSignalSpy spy(job, &ApiJob::finished);
    QTRY_COMPARE(job->httpStatus(), 503); // answered; the retry waits a minute
    QCOMPARE(spy.count(), 0);
    job->abort();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(job->error()->code, ApiError::Code::Cancelled);
}

QTEST_GUILESS_MAIN(tst_ApiJob)
#include "tst_apijob.moc"
