#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QUrl>

#include <chrono>

namespace qm::test {

// One fault of a FaultProxy. It applies to the requests whose request line starts with
// `match` ("POST /api/v1/orders ", "GET /api/v1/sync/"; empty: any request), to the next
// `count` of them (-1: all), or, `perConnection`, to every request of the next `count`
// connections the proxy accepts.
struct Fault
{
    enum class Kind
    {
        Latency,      // delay the response start and each chunk by latency + random(0, jitter)
        Bandwidth,    // at most bytesPerSecond, both directions
        ResetMidBody, // forward afterBytes bytes of the response (head included), then abort
                      // both connections: the client sees its connection end mid-body
        Slice,        // forward the response in writes of sliceBytes bytes
        DropResponse, // forward the request; abort the connection when the answer starts
        Hang,         // forward nothing either way (the server never sees the request) and
                      // keep the connection open: the client waits for its timeout
        Answer,       // answer `status` (with Retry-After if set) without forwarding
    };

    Kind kind = Kind::Latency;
    QByteArray match;
    int count = -1;
    bool perConnection = false;
    std::chrono::milliseconds latency{0};
    std::chrono::milliseconds jitter{0};
    qint64 bytesPerSecond = 0;
    qint64 afterBytes = 0;
    int sliceBytes = 0;
    int status = 0;
    QByteArray retryAfter;

    static Fault delay(std::chrono::milliseconds latency,
                       std::chrono::milliseconds jitter = std::chrono::milliseconds(0));
    static Fault bandwidth(qint64 bytesPerSecond);
    static Fault resetMidBody(qint64 afterBytes);
    static Fault slice(int sliceBytes);
    static Fault dropResponse();
    static Fault hang();
    static Fault answer(int status, const QByteArray &retryAfter = {});

    Fault on(const QByteArray &requestPrefix) const;
    Fault times(int n) const;
    Fault forConnections() const;
};

// A loopback TCP proxy in front of an HTTP/1.1 server (a qm-portal), for fault injection in
// tests. Without faults it forwards every byte unchanged. It follows the requests of each
// connection (keep-alive: several requests per connection, bodies framed by Content-Length
// or chunked encoding) and the responses to them, so that a fault hits exactly the requests
// it matches. It counts the requests it sees, faulted or not, by their request line.
// Several faults may hit one request: the shaping ones (latency, bandwidth, slices, cut)
// combine; of the others a hang wins over an answer, an answer over a drop.
// Runs in the thread that creates it, on that thread's event loop.
class FaultProxy final : public QObject
{
    Q_OBJECT

public:
    explicit FaultProxy(QUrl target, QObject *parent = nullptr);
    ~FaultProxy() override;

    // Listens on a free port of 127.0.0.1; false with the reason in `error`.
    bool listen(QString *error);
    // The proxy's base URL (the target's scheme and path on the proxy's port).
    QUrl url() const;
    // Where new connections go (e.g. a restarted server on another port).
    void setTarget(const QUrl &target) { m_target = target; }

    void addFault(const Fault &fault);
    // Removes every fault; connections open now keep what they were given.
    void clearFaults() { m_faults.clear(); }
    // Accepts connections and closes them at once, before any byte is read: the server
    // looks unreachable.
    void setRefuseConnections(bool refuse) { m_refuse = refuse; }
    // Aborts every open connection (both sides).
    void abortConnections();
    // Seeds the jitter's random source, for reproducible runs.
    void setSeed(quint32 seed) { m_random.seed(seed); }

    // Requests seen whose request line starts with `prefix` (empty: all), faulted or not.
    int requestCount(const QByteArray &prefix = {}) const;
    QList<QByteArray> requestLines() const { return m_requestLines; }
    void resetCounts();
    int faultsApplied() const { return m_applied; } // requests or connections a fault hit
    int refusedConnections() const { return m_refused; }
    int acceptedConnections() const { return m_accepted; }

Q_SIGNALS:
    // A request's head has arrived (before it is forwarded, answered or held).
    void requestSeen(const QByteArray &requestLine);
    // The first bytes of the answer to a request have arrived (before any fault acts on them):
    // the server has done the work.
    void answerStarted(const QByteArray &requestLine);

private:
    class Pipe;

    void onNewConnection();
    void remove(Pipe *pipe);

    QUrl m_target;
    QTcpServer m_server;
    QList<Pipe *> m_pipes;
    QList<Fault> m_faults;
    QList<QByteArray> m_requestLines;
    QElapsedTimer m_clock;
    QRandomGenerator m_random{20261126};
    bool m_refuse = false;
    int m_applied = 0;
    int m_refused = 0;
    int m_accepted = 0;
};

} // namespace qm::test
