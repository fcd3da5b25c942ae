// FaultProxy in front of a small keep-alive HTTP server: without faults it forwards requests
// and responses unchanged, several per connection, Content-Length and chunked; each fault does
// what it says to the requests it matches and no others, and the proxy counts what it saw.
#include "support/faultproxy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace qm::test;
using namespace std::chrono_literals;

namespace {

// The body the server sends for GET /big?n=<n>: n bytes of a repeating pattern.
QByteArray pattern(int n)
{
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i)
        out[i] = char('a' + i % 26);
    return out;
}

// A keep-alive HTTP/1.1 server: GET /big?n=N answers N pattern bytes, GET /chunked answers
// "hello world" in chunks, anything else echoes "<method> <path> <body length>". Records the
// request lines it served.
class TinyServer final : public QObject
{
public:
    TinyServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { readable(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    QList<QByteArray> served;

private:
    void readable(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = buffer.left(headEnd);
            const QByteArray lower = head.toLower();
            qsizetype total = headEnd + 4;
            qsizetype bodyLength = 0;
            if (lower.contains("transfer-encoding: chunked")) {
                const qsizetype end = buffer.indexOf("\r\n0\r\n\r\n", headEnd);
                if (end < 0)
                    return;
                total = end + 7;
                bodyLength = total - headEnd - 4;
            } else if (const qsizetype at = lower.indexOf("content-length:"); at >= 0) {
                bodyLength =
                    lower.mid(at + 15, lower.indexOf('\r', at) - at - 15).trimmed().toLongLong();
                total += bodyLength;
            }
            if (buffer.size() < total)
                return;
            buffer.remove(0, total);
            const QByteArray line = head.left(head.indexOf("\r\n"));
            served.append(line);
            const QList<QByteArray> parts = line.split(' ');
            const QByteArray path = parts.value(1);
            if (path.startsWith("/chunked")) {
                s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                continue;
            }
            QByteArray body;
            if (path.startsWith("/big?n="))
                body = pattern(path.mid(7).toInt());
            else
                body = parts.value(0) + ' ' + path + ' ' + QByteArray::number(bodyLength);
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
            if (lower.contains("connection: close")) {
                s->disconnectFromHost();
                return;
            }
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray retryAfter;
    QByteArray contentType;
    qint64 elapsedMs = 0;
};

} // namespace

class tst_FaultProxy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void forwardsKeepAliveUnchanged();
    void forwardsChunkedBothWays();
    void latencyDelaysTheResponse();
    void bandwidthLimitsTheTransfer();
    void resetMidBodyCutsTheResponse();
    void sliceWritesDeliverInPieces();
    void dropResponseAfterTheServerAnswered();
    void hangForwardsNothing();
    void answer_data();
    void answer();
    void faultPerConnection();
    void refusesConnections();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               int timeoutMs = 0);
    // Writes `raw` on a new connection to the proxy and reads until the proxy closes it.
    QByteArray rawExchange(const QByteArray &raw, int *reads = nullptr);

    std::unique_ptr<TinyServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_FaultProxy::init()
{
    m_server = std::make_unique<TinyServer>();
    QVERIFY(m_server->listen());
    m_proxy = std::make_unique<FaultProxy>(m_server->url());
    QString error;
    QVERIFY2(m_proxy->listen(&error), qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_FaultProxy::cleanup()
{
    m_nam.reset();
    m_proxy.reset();
    m_server.reset();
}

Reply tst_FaultProxy::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           int timeoutMs)
{
    QUrl url = m_proxy->url();
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    if (timeoutMs > 0)
        request.setTransferTimeout(timeoutMs);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = method == "GET"    ? m_nam->get(request)
                           : method == "POST" ? m_nam->post(request, body)
                                              : m_nam->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Reply r;
    if (!finished.wait(20000)) {
        reply->abort();
        r.error = QNetworkReply::OperationCanceledError;
    }
    r.elapsedMs = timer.elapsed();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    if (reply->isOpen())
        r.body = reply->readAll();
    r.retryAfter = reply->rawHeader("Retry-After");
    r.contentType = reply->rawHeader("Content-Type");
    reply->deleteLater();
    return r;
}

QByteArray tst_FaultProxy::rawExchange(const QByteArray &raw, int *reads)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_proxy->url().port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(raw);
    QByteArray received;
    int count = 0;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] {
        received += socket.readAll();
        ++count;
    });
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    closed.wait(20000);
    received += socket.readAll();
    if (reads)
        *reads = count;
    return received;
}

void tst_FaultProxy::forwardsKeepAliveUnchanged()
{
    const Reply a = send("GET", QStringLiteral("/one"));
    const Reply b = send("POST", QStringLiteral("/orders"), "twelve bytes");
    const Reply c = send("GET", QStringLiteral("/big?n=100000"));
    const Reply d = send("GET", QStringLiteral("/one"));
    QCOMPARE(a.error, QNetworkReply::NoError);
    QCOMPARE(a.body, QByteArray("GET /one 0"));
    QCOMPARE(b.body, QByteArray("POST /orders 12"));
    QCOMPARE(c.body, pattern(100000));
    QCOMPARE(d.body, QByteArray("GET /one 0"));
    QCOMPARE(m_proxy->requestCount(), 4);
    QCOMPARE(m_proxy->requestCount("GET /one "), 2);
    QCOMPARE(m_proxy->requestCount("POST /orders "), 1);
    QCOMPARE(m_proxy->faultsApplied(), 0);
    // One connection carried them all.
    QCOMPARE(m_proxy->acceptedConnections(), 1);
    QCOMPARE(m_server->served.size(), 4);
}

void tst_FaultProxy::forwardsChunkedBothWays()
{
    // A chunked request body followed by a second request on the same connection; the
    // second one is answered by the proxy, so the proxy must have found where the first ends.
    m_proxy->addFault(Fault::answer(503).on("GET /second "));
    const QByteArray raw = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n"
                           "GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n"
                           "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_proxy->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write(raw);
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).count("HTTP/1.1 ") == 3, 10000);
    const qsizetype first = received.indexOf("HTTP/1.1 200");
    const qsizetype chunked = received.indexOf("hello\r\n6\r\n world");
    const qsizetype answered = received.indexOf("HTTP/1.1 503");
    QVERIFY2(first >= 0 && chunked > first && answered > chunked, received.constData());
    QCOMPARE(m_server->served.size(), 2);
    QCOMPARE(m_server->served.at(0), QByteArray("POST /upload HTTP/1.1"));
    QCOMPARE(m_server->served.at(1), QByteArray("GET /chunked HTTP/1.1"));
    QCOMPARE(m_proxy->requestLines(),
             (QList<QByteArray>{"POST /upload HTTP/1.1", "GET /chunked HTTP/1.1",
                                "GET /second HTTP/1.1"}));
    // Through QNetworkAccessManager too.
    QCOMPARE(send("GET", QStringLiteral("/chunked")).body, QByteArray("hello world"));
}

void tst_FaultProxy::latencyDelaysTheResponse()
{
    m_proxy->addFault(Fault::delay(400ms, 100ms).on("GET /slow "));
    const Reply slow = send("GET", QStringLiteral("/slow"));
    QCOMPARE(slow.body, QByteArray("GET /slow 0"));
    QVERIFY2(slow.elapsedMs >= 400, qPrintable(QString::number(slow.elapsedMs)));
    QCOMPARE(m_proxy->faultsApplied(), 1);
    const Reply slowAgain = send("GET", QStringLiteral("/slow"));
    QVERIFY(slowAgain.elapsedMs >= 400);
    // Another request is not delayed: it comes back before the fault's latency.
    m_proxy->clearFaults();
    m_proxy->addFault(Fault::delay(5000ms).on("GET /slow "));
    const Reply fast = send("GET", QStringLiteral("/fast"), {}, 4000);
    QCOMPARE(fast.error, QNetworkReply::NoError);
    QCOMPARE(fast.body, QByteArray("GET /fast 0"));
}

void tst_FaultProxy::bandwidthLimitsTheTransfer()
{
    // 40,000 bytes at 50,000 bytes/s take 0.8 s, less the first 50 ms quantum (sent at once).
    m_proxy->addFault(Fault::bandwidth(50000).on("GET /big"));
    const Reply r = send("GET", QStringLiteral("/big?n=40000"));
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.body, pattern(40000));
    QVERIFY2(r.elapsedMs >= 700, qPrintable(QString::number(r.elapsedMs)));
    // Uploads too.
    m_proxy->clearFaults();
    m_proxy->addFault(Fault::bandwidth(20000).on("POST /upload "));
    const Reply up = send("POST", QStringLiteral("/upload"), pattern(20000));
    QCOMPARE(up.body, QByteArray("POST /upload 20000"));
    QVERIFY2(up.elapsedMs >= 900, qPrintable(QString::number(up.elapsedMs)));
}

void tst_FaultProxy::resetMidBodyCutsTheResponse()
{
    m_proxy->addFault(Fault::resetMidBody(5000).on("GET /big").times(1));
    const QByteArray cut = rawExchange("GET /big?n=100000 HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(cut.size(), 5000);
    QVERIFY(cut.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(cut.endsWith(pattern(100000).left(5000 - (cut.indexOf("\r\n\r\n") + 4))));
    // The client library sees an error, not a short body; the count was one.
    const Reply next = send("GET", QStringLiteral("/big?n=100000"));
    QCOMPARE(next.error, QNetworkReply::NoError);
    m_proxy->addFault(Fault::resetMidBody(5000).on("GET /big"));
    const Reply failed = send("GET", QStringLiteral("/big?n=100000"));
    QVERIFY(failed.error != QNetworkReply::NoError);
    QCOMPARE(m_proxy->faultsApplied(), 2);
}

void tst_FaultProxy::sliceWritesDeliverInPieces()
{
    m_proxy->addFault(Fault::slice(7).on("GET /big"));
    int reads = 0;
    const QByteArray whole =
        rawExchange("GET /big?n=700 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &reads);
    QVERIFY(whole.endsWith("\r\n\r\n" + pattern(700)));
    // About 100 writes a millisecond apart: the reader sees many of them separately.
    QVERIFY2(reads >= 10, qPrintable(QString::number(reads)));
    const Reply r = send("GET", QStringLiteral("/big?n=3000"));
    QCOMPARE(r.body, pattern(3000));
}

void tst_FaultProxy::dropResponseAfterTheServerAnswered()
{
    // QNetworkAccessManager sends a request again by itself when a connection closes before
    // any answer, so every answer is lost until the fault is cleared.
    m_proxy->addFault(Fault::dropResponse().on("POST /orders "));
    QSignalSpy answered(m_proxy.get(), &FaultProxy::answerStarted);
    const Reply lost = send("POST", QStringLiteral("/orders"), "body");
    QVERIFY(lost.error != QNetworkReply::NoError);
    QCOMPARE(lost.status, 0);
    // The server did the work, each time the request was sent.
    const int sent = m_proxy->requestCount("POST /orders ");
    QVERIFY(sent >= 1);
    QCOMPARE(m_proxy->faultsApplied(), sent);
    QCOMPARE(m_server->served, QList<QByteArray>(sent, "POST /orders HTTP/1.1"));
    QCOMPARE(answered.count(), sent);
    QCOMPARE(answered.first().first().toByteArray(), QByteArray("POST /orders HTTP/1.1"));
    m_proxy->clearFaults();
    const Reply again = send("POST", QStringLiteral("/orders"), "body");
    QCOMPARE(again.error, QNetworkReply::NoError);
    QCOMPARE(again.body, QByteArray("POST /orders 4"));
    QCOMPARE(m_proxy->requestCount("POST /orders "), sent + 1);
    QCOMPARE(m_server->served.size(), sent + 1);
}

void tst_FaultProxy::hangForwardsNothing()
{
    m_proxy->addFault(Fault::hang().on("GET /hang ").times(1));
    const Reply hung = send("GET", QStringLiteral("/hang"), {}, 700);
    // The transfer timeout (reported as one or the other, depending on the Qt version).
    QVERIFY2(hung.error == QNetworkReply::OperationCanceledError ||
                 hung.error == QNetworkReply::TimeoutError,
             qPrintable(QString::number(hung.error)));
    QVERIFY2(hung.elapsedMs >= 600, // the timeout's coarse timer may fire up to 5% early
             qPrintable(QString::number(hung.elapsedMs)));
    QVERIFY(m_server->served.isEmpty());
    QCOMPARE(m_proxy->requestCount("GET /hang "), 1);
    QCOMPARE(send("GET", QStringLiteral("/hang")).body, QByteArray("GET /hang 0"));
}

void tst_FaultProxy::answer_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::newRow("503") << 503 << QByteArray();
    QTest::newRow("503 Retry-After") << 503 << QByteArray("7");
    QTest::newRow("429 Retry-After") << 429 << QByteArray("120");
    QTest::newRow("429 HTTP date") << 429 << QByteArray("Wed, 21 Oct 2037 07:28:00 GMT");
}

void tst_FaultProxy::answer()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    m_proxy->addFault(Fault::answer(status, retryAfter).on("POST /orders ").times(2));
    for (int i = 0; i < 2; ++i) {
        const Reply r = send("POST", QStringLiteral("/orders"), "a body the proxy throws away");
        QCOMPARE(r.status, status);
        QCOMPARE(r.retryAfter, retryAfter);
        QCOMPARE(r.contentType, QByteArray("application/problem+json"));
        QVERIFY(r.body.contains(QByteArray::number(status)));
        // Not forwarded; other requests on the same connection still are.
        QCOMPARE(send("GET", QStringLiteral("/one")).body, QByteArray("GET /one 0"));
    }
    QCOMPARE(m_server->served, (QList<QByteArray>{"GET /one HTTP/1.1", "GET /one HTTP/1.1"}));
    const Reply third = send("POST", QStringLiteral("/orders"), "ok");
    QCOMPARE(third.status, 200);
    QCOMPARE(m_proxy->requestCount("POST /orders "), 3);
    QCOMPARE(m_proxy->faultsApplied(), 2);
    QCOMPARE(m_proxy->acceptedConnections(), 1);
}

void tst_FaultProxy::faultPerConnection()
{
    m_proxy->addFault(Fault::answer(503).forConnections().times(1));
    QCOMPARE(send("GET", QStringLiteral("/a")).status, 503);
    QCOMPARE(send("GET", QStringLiteral("/b")).status, 503); // the same connection
    QCOMPARE(m_proxy->acceptedConnections(), 1);
    m_proxy->abortConnections();
    const Reply fresh = send("GET", QStringLiteral("/c"));
    QCOMPARE(fresh.status, 200);
    QCOMPARE(fresh.body, QByteArray("GET /c 0"));
    QCOMPARE(m_proxy->acceptedConnections(), 2);
    QCOMPARE(m_server->served, QList<QByteArray>{"GET /c HTTP/1.1"});
}

void tst_FaultProxy::refusesConnections()
{
    m_proxy->setRefuseConnections(true);
    const Reply refused = send("GET", QStringLiteral("/a"));
    QVERIFY(refused.error != QNetworkReply::NoError);
    QCOMPARE(refused.status, 0);
    QVERIFY(m_proxy->refusedConnections() >= 1);
    QCOMPARE(m_proxy->requestCount(), 0);
    QVERIFY(m_server->served.isEmpty());
    m_proxy->setRefuseConnections(false);
    QCOMPARE(send("GET", QStringLiteral("/a")).body, QByteArray("GET /a 0"));
}

QTEST_GUILESS_MAIN(tst_FaultProxy)
#include "tst_faultproxy.moc"
