#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace qm::test {

// A loopback TCP proxy in front of a portal, for fault injection in integration tests. It
// forwards every connection to the target unchanged, except that it can
//  - refuse connections (the portal looks unreachable: connections are accepted and closed
//    at once, before any byte is read), and
//  - lose answers: a request whose first line starts with a given prefix (e.g.
//    "POST /api/v1/orders ") is forwarded and the portal answers it, but as soon as the first
//    byte of that answer arrives the proxy discards it and aborts the client's connection.
//    The portal has done the work; the client never learns the outcome.
// Runs in the thread that creates it, on that thread's event loop.
class DroppingProxy final : public QObject
{
    Q_OBJECT

public:
    explicit DroppingProxy(QUrl target, QObject *parent = nullptr);
    ~DroppingProxy() override;

    // Listens on a free port of 127.0.0.1; false with the reason in `error`.
    bool listen(QString *error);
    // The proxy's base URL (the target's scheme and path on the proxy's port).
    QUrl url() const;

    void setRefuseConnections(bool refuse) { m_refuse = refuse; }
    // Loses the answers of the next `count` requests starting with `requestPrefix` (-1: all,
    // 0: none).
    void setLoseAnswers(const QByteArray &requestPrefix, int count)
    {
        m_prefix = requestPrefix;
        m_toLose = count;
    }

    int matchedRequests() const { return m_matched; } // requests that started with the prefix
    int lostAnswers() const { return m_lost; }
    int refusedConnections() const { return m_refused; }

private:
    struct Pipe
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pendingToUpstream; // client bytes that arrived before the upstream connected
        bool loseNextAnswer = false;
    };

    void onNewConnection();
    void clientReadable(Pipe *pipe);
    void upstreamReadable(Pipe *pipe);
    // Ends both sides; `flushClient` lets what was written to the client reach it first.
    void closePipe(Pipe *pipe, bool flushClient = false);

    QUrl m_target;
    QTcpServer m_server;
    QList<Pipe *> m_pipes;
    bool m_refuse = false;
    QByteArray m_prefix;
    int m_toLose = 0;
    int m_matched = 0;
    int m_lost = 0;
    int m_refused = 0;
};

} // namespace qm::test
