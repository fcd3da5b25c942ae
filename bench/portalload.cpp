// Benchmark: qm-portal under load on loopback.
//
//   bench_portalload [PRODUCTS] [SECONDS]     (defaults: 20000, 10)
//
// Starts qm-portal --demo (QM_PORTAL_BIN, as ctest sets it; QM_TEST_BACKEND picks SQLite or
// PostgreSQL) and drives it with plain HTTP/1.1 keep-alive connections, one per simulated
// client, all on this thread's event loop:
//  - sync pages: each client asks for a products page of 100 items after a cursor picked at
//    random from the feed's real cursors, again and again, for SECONDS; at 10 and at 100
//    clients;
//  - delta polls: each client asks for the products feed after its last cursor, the
//    request a client that is up to date makes on every sync (an empty page with the
//    feed's count and hash); at 10 and at 100 clients;
//  - order submissions: 10 clients each place one-line orders (a fresh Idempotency-Key
//    each) as the demo approver, for SECONDS.
// It prints requests per second, p50/p90/p99 latency, every answer that was not the
// expected status, and the portal's processor time per request (from /proc, so the figure
// does not depend on how much of the machine the load generator takes). It measures; it
// never fails on time.

#include "support/httpclient.h"
#include "support/orderables.h"
#include "support/portalprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace qm;

namespace {

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_portalload: %s\n", qPrintable(why));
    return 1;
}

struct Request
{
    QByteArray method;
    QByteArray target;
    QByteArray body;
};

// What every client of one phase records.
struct Tally
{
    std::vector<qint64> latenciesUs; // of answers with the expected status
    qint64 unexpected = 0;           // answers with another status
    qint64 broken = 0;               // connections that failed or answers that did not parse
    QMap<int, qint64> statuses;
};

// One keep-alive connection that sends a request, reads the whole answer (Content-Length
// framing, as qm-portal answers), records it and sends the next until told to stop.
class LoadClient final : public QObject
{
public:
    LoadClient(quint16 port, QByteArray authorization, std::function<Request()> next,
               int expectedStatus, Tally *tally)
        : m_port(port)
        , m_authorization(std::move(authorization))
        , m_next(std::move(next))
        , m_expected(expectedStatus)
        , m_tally(tally)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &LoadClient::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &LoadClient::read);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_stopped)
                return;
            ++m_tally->broken;
            reconnect();
        });
    }

    void start() { reconnect(); }
    void stop() { m_stopped = true; }
    bool idle() const { return !m_waiting; }

private:
    void reconnect()
    {
        m_buffer.clear();
        m_waiting = false;
        m_socket.abort();
        if (!m_stopped)
            m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    }

    void send()
    {
        if (m_stopped)
            return;
        const Request r = m_next();
        QByteArray head = r.method + ' ' + r.target +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
                          "Authorization: " +
                          m_authorization + "\r\n";
        if (!r.body.isNull())
            head += "Content-Type: application/json\r\nIdempotency-Key: " +
                    QJsonDocument::fromJson(r.body)
                        .object()
                        .value(u"client_order_id")
                        .toString()
                        .toLatin1() +
                    "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\n";
        m_socket.write(head + "\r\n" + r.body);
        m_timer.start();
        m_waiting = true;
    }

    void read()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            const QList<QByteArray> status = lines.value(0).split(' ');
            qint64 length = -1;
            for (const QByteArray &line : lines) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            bool ok = false;
            const int code = status.value(1).toInt(&ok);
            if (!ok || length < 0) {
                ++m_tally->broken;
                reconnect();
                return;
            }
            if (m_buffer.size() < end + 4 + length)
                return;
            m_buffer.remove(0, end + 4 + length);
            const qint64 us = m_timer.nsecsElapsed() / 1000;
            m_waiting = false;
            ++m_tally->statuses[code];
            if (code == m_expected)
                m_tally->latenciesUs.push_back(us);
            else
                ++m_tally->unexpected;
            send();
        }
    }

    QTcpSocket m_socket;
    quint16 m_port;
    QByteArray m_authorization;
    std::function<Request()> m_next;
    int m_expected;
    Tally *m_tally;
    QByteArray m_buffer;
    QElapsedTimer m_timer;
    bool m_waiting = false;
    bool m_stopped = false;
};

// Processor time (user + system) the process has used so far, in microseconds; -1 where
// /proc is not there.
qint64 processCpuUs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000000 / sysconf(_SC_CLK_TCK);
}

double percentileMs(std::vector<qint64> sorted, double p)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto index = std::min<size_t>(sorted.size() - 1, size_t(p * double(sorted.size())));
    return double(sorted[index]) / 1000.0;
}

// Runs `clients` clients for `seconds` and prints one line.
void runPhase(const char *label, int clients, int seconds, qint64 portalPid, quint16 port,
              const QByteArray &authorization, const std::function<Request()> &next,
              int expectedStatus)
{
    const qint64 cpuBefore = processCpuUs(portalPid);
    Tally tally;
    std::vector<std::unique_ptr<LoadClient>> all;
    for (int i = 0; i < clients; ++i)
        all.push_back(
            std::make_unique<LoadClient>(port, authorization, next, expectedStatus, &tally));
    QElapsedTimer wall;
    wall.start();
    for (auto &c : all)
        c->start();
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    for (auto &c : all)
        c->stop();
    const double elapsed = double(wall.elapsed()) / 1000.0;
    const qint64 cpuAfter = processCpuUs(portalPid);
    // Answers still on their way are not counted.
    const qint64 done = qint64(tally.latenciesUs.size());
    QStringList others;
    for (auto it = tally.statuses.cbegin(); it != tally.statuses.cend(); ++it) {
        if (it.key() != expectedStatus)
            others << QStringLiteral("%1×%2").arg(it.value()).arg(it.key());
    }
    std::printf("%-34s %4d clients: %7lld in %5.1f s = %8.1f/s   p50 %7.2f ms   p90 %7.2f ms   "
                "p99 %7.2f ms   other answers %lld%s   broken %lld   portal CPU %.0f µs/request\n",
                label, clients, static_cast<long long>(done), elapsed, double(done) / elapsed,
                percentileMs(tally.latenciesUs, 0.50), percentileMs(tally.latenciesUs, 0.90),
                percentileMs(tally.latenciesUs, 0.99), static_cast<long long>(tally.unexpected),
                others.isEmpty() ? "" : qPrintable(QStringLiteral(" (%1)").arg(others.join(u' '))),
                static_cast<long long>(tally.broken),
                cpuBefore < 0 || cpuAfter < 0 || done == 0
                    ? 0.0
                    : double(cpuAfter - cpuBefore) / double(done));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int products = args.size() > 1 ? args.at(1).toInt() : 20000;
    const int seconds = args.size() > 2 ? args.at(2).toInt() : 10;
    if (products <= 0 || seconds <= 0)
        return fail(QStringLiteral("usage: bench_portalload [PRODUCTS] [SECONDS]"));
    const QString backend = qEnvironmentVariable("QM_TEST_BACKEND", QStringLiteral("sqlite"));

    test::PortalProcess portal;
    QString error;
    if (!portal.start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QString::number(products)},
            &error))
        return fail(error);
    test::HttpClient client(portal.url());
    const QString buyer = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const QString approver = client.accessToken(QStringLiteral("approver@bayside.example"));
    if (buyer.isEmpty() || approver.isEmpty())
        return fail(QStringLiteral("cannot sign in to the demo portal"));

    // The products feed's real cursors: every `next` of a pull in pages of 100.
    QList<qint64> cursors{0};
    qint64 feedEnd = 0; // the last page's `next`: where an up-to-date client asks from
    for (;;) {
        const test::HttpResponse page = client.get(
            QStringLiteral("/api/v1/sync/products?after=%1&limit=100").arg(cursors.last()), buyer);
        if (page.status != 200)
            return fail(QStringLiteral("products page answered %1").arg(page.status));
        const QJsonObject body = page.json();
        if (!body.value(u"has_more").toBool()) {
            feedEnd = body.value(u"next").toInteger();
            break;
        }
        cursors.append(body.value(u"next").toInteger());
    }

    // A product the approver can order one pack of, with its price: a cheap line, so that
    // the account's credit lasts for the whole phase.
    const QList<test::OrderableProduct> orderable =
        test::orderableProducts(client, approver, 1, 20);
    if (orderable.isEmpty())
        return fail(QStringLiteral("no product of the demo can be ordered cheaply"));
    const QString sku = orderable.first().sku;
    const qint64 quantity = orderable.first().quantity;
    const QString unitPrice = orderable.first().unitPrice.toString();

    std::printf("qm-portal load on 127.0.0.1, %s, %d demo products, %d s per phase, %d "
                "cursors, order line %lld × %s at %s\n",
                qPrintable(backend), products, seconds, int(cursors.size()),
                static_cast<long long>(quantity), qPrintable(sku), qPrintable(unitPrice));
    std::fflush(stdout);

    const quint16 port = quint16(portal.url().port());
    const auto syncPage = [&cursors] {
        const qint64 after = cursors.at(QRandomGenerator::global()->bounded(int(cursors.size())));
        return Request{"GET",
                       "/api/v1/sync/products?after=" + QByteArray::number(after) + "&limit=100",
                       QByteArray()};
    };
    const QByteArray buyerAuth = "Bearer " + buyer.toLatin1();
    const qint64 pid = portal.processId();
    runPhase("sync pages (products, 100 items)", 10, seconds, pid, port, buyerAuth, syncPage, 200);
    runPhase("sync pages (products, 100 items)", 100, seconds, pid, port, buyerAuth, syncPage, 200);
    const QByteArray pollTarget =
        "/api/v1/sync/products?after=" + QByteArray::number(feedEnd) + "&limit=100";
    const auto poll = [&pollTarget] { return Request{"GET", pollTarget, QByteArray()}; };
    runPhase("delta polls (products, up to date)", 10, seconds, pid, port, buyerAuth, poll, 200);
    runPhase("delta polls (products, up to date)", 100, seconds, pid, port, buyerAuth, poll, 200);

    const auto order = [&] {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject body{
            {QStringLiteral("client_order_id"), id},
            {QStringLiteral("ship_to"), QStringLiteral("HQ")},
            {QStringLiteral("lines"),
             QJsonArray{QJsonObject{{QStringLiteral("sku"), sku},
                                    {QStringLiteral("quantity"), QString::number(quantity)},
                                    {QStringLiteral("unit_price"), unitPrice}}}}};
        return Request{"POST", "/api/v1/orders",
                       QJsonDocument(body).toJson(QJsonDocument::Compact)};
    };
    runPhase("order submissions (one line)", 10, seconds, pid, port,
             "Bearer " + approver.toLatin1(), order, 201);
    const int exitCode = portal.stop();
    if (exitCode != 0) {
        // The server went away or did not stop cleanly: what it printed last says why.
        const QStringList lines = portal.output().split(u'\n');
        std::printf("qm-portal did not stop cleanly (exit code %d); its last output:\n%s\n",
                    exitCode,
                    qPrintable(lines.mid(std::max<qsizetype>(0, lines.size() - 30)).join(u'\n')));
        return 1;
    }
    return 0;
}
