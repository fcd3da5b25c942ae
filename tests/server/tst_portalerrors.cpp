#include "core/problem.h"
#include "portaltest.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>

using namespace qm;
using namespace qm::test;

// Malformed, oversized, unauthenticated and otherwise wrong requests against the real
// qm-portal: every one gets a problem document with the expected status and slug, and the
// server keeps answering. Also a clean exit on SIGTERM.
class tst_PortalErrors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void problems_data();
    void problems();
    void problemPages();
    void unknownProblemPage();
    void databaseFailureIsAnInternalError();
    void sigtermExitsCleanly();
    void clientsThatLeaveEarlyDoNotStopThePortal();

private:
    // A fresh server and database for every test function and every data row.
    std::unique_ptr<PortalProcess> m_portal;
    QString m_token;
};

void tst_PortalErrors::init()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QString::number(DemoProducts), QStringLiteral("--max-body-bytes"),
                              QStringLiteral("4096")},
                             &error),
             qPrintable(error));
    HttpClient client(m_portal->url());
    m_token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!m_token.isEmpty());
}

void tst_PortalErrors::cleanup()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
    m_portal.reset();
}

void tst_PortalErrors::problems_data()
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<bool>("withToken");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");

    const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
    const Headers json{{"Content-Type", "application/json"}};
    const QString token = QStringLiteral("/api/v1/auth/token");

    QTest::newRow("no token") << QByteArray("GET") << "/api/v1/me" << QByteArray() << Headers{}
                              << false << 401 << "unauthorized";
    QTest::newRow("no token on a feed")
        << QByteArray("GET") << "/api/v1/sync/products" << QByteArray() << Headers{} << false << 401
        << "unauthorized";
    QTest::newRow("garbage token")
        << QByteArray("GET") << "/api/v1/me" << QByteArray()
        << Headers{{"Authorization", "Bearer garbage"}} << false << 401 << "unauthorized";
    QTest::newRow("well-formed unknown token")
        << QByteArray("GET") << "/api/v1/sync/prices" << QByteArray()
        << Headers{{"Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}} << false
        << 401 << "unauthorized";
    QTest::newRow("basic auth instead of bearer")
        << QByteArray("GET") << "/api/v1/me" << QByteArray()
        << Headers{{"Authorization", "Basic YnV5ZXI6ZGVtbw=="}} << false << 401 << "unauthorized";
    QTest::newRow("malformed JSON on the token endpoint")
        << QByteArray("POST") << token << QByteArray("{\"grant_type\": \"password\", ") << json
        << false << 400 << "malformed-json";
    QTest::newRow("JSON that is not an object")
        << QByteArray("POST") << token << QByteArray("[1,2]") << json << false << 400
        << "bad-request";
    QTest::newRow("oversized body") << QByteArray("POST") << token << QByteArray(8192, 'a') << form
                                    << false << 413 << "payload-too-large";
    QTest::newRow("oversized body on a GET route")
        << QByteArray("GET") << "/api/v1/me" << QByteArray(5000, 'x') << Headers{} << true << 413
        << "payload-too-large";
    QTest::newRow("wrong content type")
        << QByteArray("POST") << token << QByteArray("grant_type=password")
        << Headers{{"Content-Type", "text/plain"}} << false << 415 << "unsupported-media-type";
    QTest::newRow("no content type")
        << QByteArray("POST") << token << QByteArray("grant_type=password") << Headers{} << false
        << 415 << "unsupported-media-type";
    QTest::newRow("unsupported grant type")
        << QByteArray("POST") << token << QByteArray("grant_type=client_credentials") << form
        << false << 400 << "unsupported-grant-type";
    QTest::newRow("missing grant type") << QByteArray("POST") << token << QByteArray("username=a")
                                        << form << false << 400 << "bad-request";
    QTest::newRow("repeated parameter")
        << QByteArray("POST") << token
        << QByteArray("grant_type=password&username=a&username=b&password=x") << form << false
        << 400 << "bad-request";
    QTest::newRow("unknown route") << QByteArray("GET") << "/api/v1/nothing-here" << QByteArray()
                                   << Headers{} << false << 404 << "not-found";
    QTest::newRow("unknown route outside the API")
        << QByteArray("GET") << "/index.html" << QByteArray() << Headers{} << false << 404
        << "not-found";
    QTest::newRow("wrong method") << QByteArray("DELETE") << "/api/v1/me" << QByteArray()
                                  << Headers{} << true << 405 << "method-not-allowed";
    QTest::newRow("GET on the token endpoint") << QByteArray("GET") << token << QByteArray()
                                               << Headers{} << false << 405 << "method-not-allowed";
    QTest::newRow("POST on a feed")
        << QByteArray("POST") << "/api/v1/sync/products" << QByteArray("{}") << json << true << 405
        << "method-not-allowed";
    QTest::newRow("after not a number")
        << QByteArray("GET") << "/api/v1/sync/products?after=abc" << QByteArray() << Headers{}
        << true << 400 << "invalid-cursor";
    QTest::newRow("negative after") << QByteArray("GET") << "/api/v1/sync/products?after=-1"
                                    << QByteArray() << Headers{} << true << 400 << "invalid-cursor";
    QTest::newRow("fractional after")
        << QByteArray("GET") << "/api/v1/sync/stock?after=1.5" << QByteArray() << Headers{} << true
        << 400 << "invalid-cursor";
    QTest::newRow("huge after") << QByteArray("GET")
                                << "/api/v1/sync/stock?after=99999999999999999999999"
                                << QByteArray() << Headers{} << true << 400 << "invalid-cursor";
    QTest::newRow("limit zero") << QByteArray("GET") << "/api/v1/sync/prices?limit=0"
                                << QByteArray() << Headers{} << true << 400 << "invalid-cursor";
    QTest::newRow("limit too large")
        << QByteArray("GET") << "/api/v1/sync/prices?limit=5001" << QByteArray() << Headers{}
        << true << 400 << "invalid-cursor";
    QTest::newRow("limit not a number")
        << QByteArray("GET") << "/api/v1/sync/prices?limit=ten" << QByteArray() << Headers{} << true
        << 400 << "invalid-cursor";
    QTest::newRow("unknown feed") << QByteArray("GET") << "/api/v1/sync/invoices" << QByteArray()
                                  << Headers{} << true << 404 << "not-found";
}

void tst_PortalErrors::problems()
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(bool, withToken);
    QFETCH(int, status);
    QFETCH(QString, slug);

    HttpClient client(m_portal->url());
    if (withToken)
        headers.append({"Authorization", "Bearer " + m_token.toLatin1()});
    const HttpResponse r = client.send(method, path, body, headers);
    QCOMPARE(r.status, status);
    QVERIFY2(r.header("Content-Type").startsWith(ProblemContentType),
             r.header("Content-Type").constData());
    const auto problem = Problem::fromJson(r.body);
    QVERIFY2(problem, r.body.constData());
    QCOMPARE(problem->slug(), slug);
    QCOMPARE(problem->status, status);
    QCOMPARE(problem->title, problemTitle(slug));
    QVERIFY(!problem->title.isEmpty());
    if (status == 401)
        QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
    if (status == 405)
        QVERIFY(!r.header("Allow").isEmpty());
    if (path.endsWith(u"/auth/token"))
        QVERIFY(problem->extensions.value(u"error").isString()); // the RFC 6749 error code
    // No SQL or stack details leak into problems.
    QVERIFY(!r.body.contains("SELECT") && !r.body.contains("sqlite") && !r.body.contains("QSql"));

    // The server still answers normally.
    const HttpResponse health = client.get(QStringLiteral("/api/v1/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/stock?limit=1"), m_token).status, 200);
}

void tst_PortalErrors::problemPages()
{
    HttpClient client(m_portal->url());
    for (const char16_t *slug :
         {problems::CursorExpired, problems::Unauthorized, problems::MalformedJson,
          problems::PayloadTooLarge, problems::InternalError}) {
        const HttpResponse r = client.get(QStringLiteral("/problems/") + QString::fromUtf16(slug));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/plain"));
        QVERIFY(r.body.startsWith(problemTitle(slug).toUtf8()));
        QVERIFY(r.body.size() > 60);
    }
}

void tst_PortalErrors::unknownProblemPage()
{
    HttpClient client(m_portal->url());
    const HttpResponse r = client.get(QStringLiteral("/problems/no-such-problem"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.problemSlug(), QStringLiteral("not-found"));
}

void tst_PortalErrors::databaseFailureIsAnInternalError()
{
    HttpClient client(m_portal->url());
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/stock?limit=1"), m_token).status, 200);

    // Break the database under the running server: the feed table disappears.
    const QString dbArgument = m_portal->dbArgument();
    const QString connection = QStringLiteral("tst_portalerrors_direct");
    {
        QSqlDatabase db;
        if (dbArgument.startsWith(u"sqlite:")) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(dbArgument.mid(7));
        } else {
            const QUrl url(dbArgument);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery drop(db);
        QVERIFY2(drop.exec(QStringLiteral("DROP TABLE feed_entries")),
                 qPrintable(drop.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);

    // A page the portal has not answered before: one it has is held in its page cache and
    // served again while the feed's state (which lives in other tables) is unchanged.
    const HttpResponse r = client.get(QStringLiteral("/api/v1/sync/stock?limit=2"), m_token);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.problemSlug(), QStringLiteral("internal-error"));
    QVERIFY(!r.body.contains("feed_entries") && !r.body.contains("SELECT") &&
            !r.body.contains("table"));
    // The server keeps serving what does not need the lost table.
    QCOMPARE(client.get(QStringLiteral("/api/v1/health")).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/me"), m_token).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/prices?limit=1"), m_token).status, 500);
}

void tst_PortalErrors::sigtermExitsCleanly()
{
    PortalProcess &portal = *m_portal;
    HttpClient client(portal.url());
    QCOMPARE(client.get(QStringLiteral("/api/v1/health")).status, 200);
    QCOMPARE(portal.stop(), 0);
    QVERIFY2(portal.output().contains(QStringLiteral("shutting down")),
             qPrintable(portal.output()));
    // Nothing listens any more.
    QVERIFY(client.get(QStringLiteral("/api/v1/health")).status == 0);
}

void tst_PortalErrors::clientsThatLeaveEarlyDoNotStopThePortal()
{
    // Clients that send a request and hang up before the answer is ready (a killed client, a
    // dropped connection): the portal finishes the work, drops the answer and keeps serving.
    const QByteArray requests[] = {
        "GET /api/v1/sync/products?limit=5000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
            m_token.toLatin1() + "\r\n\r\n",
        "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nContent-Length: 64\r\n\r\n"
        "grant_type=password&username=nobody%40x.example&password=wrong12",
    };
    for (int i = 0; i < 40; ++i) {
        QTcpSocket socket;
        socket.connectToHost(m_portal->url().host(), quint16(m_portal->url().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(requests[i % 2]);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    // The answers of the last ones come after their clients left.
    QTest::qWait(1500);
    HttpClient client(m_portal->url());
    QCOMPARE(client.get(QStringLiteral("/api/v1/health")).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/products?limit=1"), m_token).status, 200);
}

QTEST_GUILESS_MAIN(tst_PortalErrors)
#include "tst_portalerrors.moc"
