#include "support/faultproxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>

namespace qm::test {

Fault Fault::delay(std::chrono::milliseconds latency, std::chrono::milliseconds jitter)
{
    Fault f;
    f.kind = Kind::Latency;
    f.latency = latency;
    f.jitter = jitter;
    return f;
}

Fault Fault::bandwidth(qint64 bytesPerSecond)
{
    Fault f;
    f.kind = Kind::Bandwidth;
    f.bytesPerSecond = qMax<qint64>(1, bytesPerSecond);
    return f;
}

Fault Fault::resetMidBody(qint64 afterBytes)
{
    Fault f;
    f.kind = Kind::ResetMidBody;
    f.afterBytes = qMax<qint64>(0, afterBytes);
    return f;
}

Fault Fault::slice(int sliceBytes)
{
    Fault f;
    f.kind = Kind::Slice;
    f.sliceBytes = qMax(1, sliceBytes);
    return f;
}

Fault Fault::dropResponse()
{
    Fault f;
    f.kind = Kind::DropResponse;
    return f;
}

Fault Fault::hang()
{
    Fault f;
    f.kind = Kind::Hang;
    return f;
}

Fault Fault::answer(int status, const QByteArray &retryAfter)
{
    Fault f;
    f.kind = Kind::Answer;
    f.status = status;
    f.retryAfter = retryAfter;
    return f;
}

Fault Fault::on(const QByteArray &requestPrefix) const
{
    Fault f = *this;
    f.match = requestPrefix;
    return f;
}

Fault Fault::times(int n) const
{
    Fault f = *this;
    f.count = n;
    return f;
}

Fault Fault::forConnections() const
{
    Fault f = *this;
    f.perConnection = true;
    return f;
}

namespace {

// Finds where one HTTP/1.1 message (request or response) ends in a byte stream, without
// buffering its body: the head, then a Content-Length body, a chunked body or (responses
// only) a body that lasts until the connection closes.
class Framer
{
public:
    explicit Framer(bool requests)
        : m_requests(requests)
    {}

    bool headParsed() const { return m_state != State::Head; }
    const QByteArray &firstLine() const { return m_firstLine; }
    int status() const { return m_status; }
    // The request this response answers was a HEAD (no body).
    void setAnswersHead(bool head) { m_answersHead = head; }

    // Consumes the bytes of `data` that belong to the current message, stopping early where
    // its head ends (so that the caller can look at it) or where the message ends (`ended`).
    qsizetype feed(QByteArrayView data, bool *ended)
    {
        *ended = false;
        qsizetype i = 0;
        const qsizetype n = data.size();
        while (i < n) {
            switch (m_state) {
            case State::Head:
                m_head.append(data.at(i++));
                if (m_head.endsWith("\r\n\r\n")) {
                    parseHead();
                    *ended = m_state == State::Done;
                    return i;
                }
                break;
            case State::Body: {
                const qsizetype take = qMin<qsizetype>(m_remaining, n - i);
                i += take;
                m_remaining -= take;
                if (m_remaining == 0) {
                    m_state = State::Done;
                    *ended = true;
                    return i;
                }
                break;
            }
            case State::ChunkSize:
            case State::Trailer:
                m_line.append(data.at(i++));
                if (m_line.endsWith("\r\n")) {
                    const QByteArray line = m_line.chopped(2);
                    m_line.clear();
                    if (m_state == State::Trailer) {
                        if (line.isEmpty()) {
                            m_state = State::Done;
                            *ended = true;
                            return i;
                        }
                    } else {
                        bool ok = false;
                        const qint64 size = line.split(';').first().trimmed().toLongLong(&ok, 16);
                        if (!ok || size == 0) {
                            m_state = State::Trailer;
                        } else {
                            m_remaining = size;
                            m_state = State::ChunkData;
                        }
                    }
                }
                break;
            case State::ChunkData: {
                const qsizetype take = qMin<qsizetype>(m_remaining, n - i);
                i += take;
                m_remaining -= take;
                if (m_remaining == 0) {
                    m_remaining = 2; // the CRLF after the chunk
                    m_state = State::ChunkEnd;
                }
                break;
            }
            case State::ChunkEnd: {
                const qsizetype take = qMin<qsizetype>(m_remaining, n - i);
                i += take;
                m_remaining -= take;
                if (m_remaining == 0)
                    m_state = State::ChunkSize;
                break;
            }
            case State::UntilClose:
                return n;
            case State::Done:
                *ended = true;
                return i;
            }
        }
        return i;
    }

    void reset()
    {
        m_state = State::Head;
        m_head.clear();
        m_line.clear();
        m_firstLine.clear();
        m_status = 0;
        m_remaining = 0;
        m_answersHead = false;
    }

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailer,
        UntilClose,
        Done,
    };

    void parseHead()
    {
        const QList<QByteArray> lines = m_head.chopped(4).split('\n');
        m_firstLine = lines.value(0).trimmed();
        qint64 length = -1;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                chunked = true;
        }
        if (!m_requests) {
            const QList<QByteArray> parts = m_firstLine.split(' ');
            m_status = parts.value(1).toInt();
        }
        const bool noBody = !m_requests && (m_answersHead || m_status / 100 == 1 ||
                                            m_status == 204 || m_status == 304);
        if (noBody) {
            m_state = State::Done;
        } else if (chunked) {
            m_state = State::ChunkSize;
        } else if (length > 0) {
            m_state = State::Body;
            m_remaining = length;
        } else if (length == 0 || m_requests) {
            m_state = State::Done;
        } else {
            m_state = State::UntilClose;
        }
    }

    bool m_requests;
    State m_state = State::Head;
    QByteArray m_head;
    QByteArray m_line;
    QByteArray m_firstLine;
    int m_status = 0;
    qint64 m_remaining = 0;
    bool m_answersHead = false;
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 408:
        return "Request Timeout";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

QByteArray syntheticAnswer(int status, const QByteArray &retryAfter)
{
    const QByteArray reason = reasonPhrase(status);
    const QByteArray body = "{\"type\":\"about:blank\",\"title\":\"" + reason +
                            "\",\"status\":" + QByteArray::number(status) +
                            ",\"detail\":\"answered by the fault proxy\"}";
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n" +
                        "Content-Type: application/problem+json\r\n" +
                        "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!retryAfter.isEmpty())
        answer += "Retry-After: " + retryAfter + "\r\n";
    answer += "Connection: keep-alive\r\n\r\n" + body;
    return answer;
}

// How the bytes of one request and its response travel.
struct Shaping
{
    qint64 latencyMs = 0;
    qint64 jitterMs = 0;
    qint64 bytesPerSecond = 0; // 0: unlimited
    int sliceBytes = 0;        // 0: as they come
    qint64 resetAfter = -1;    // -1: never

    void add(const Fault &f)
    {
        switch (f.kind) {
        case Fault::Kind::Latency:
            latencyMs = qMax<qint64>(latencyMs, f.latency.count());
            jitterMs = qMax<qint64>(jitterMs, f.jitter.count());
            break;
        case Fault::Kind::Bandwidth:
            bytesPerSecond =
                bytesPerSecond == 0 ? f.bytesPerSecond : qMin(bytesPerSecond, f.bytesPerSecond);
            break;
        case Fault::Kind::Slice:
            sliceBytes = sliceBytes == 0 ? f.sliceBytes : qMin(sliceBytes, f.sliceBytes);
            break;
        case Fault::Kind::ResetMidBody:
            resetAfter = resetAfter < 0 ? f.afterBytes : qMin(resetAfter, f.afterBytes);
            break;
        default:
            break;
        }
    }
};

// What happens to one request and its response.
struct Exchange
{
    enum class Fate
    {
        Forward,
        Drop,
        Hang,
        Answer,
    };
    Fate fate = Fate::Forward;
    QByteArray requestLine;
    bool head = false; // a HEAD request: its answer has no body
    Shaping shaping;
    QByteArray answer;      // for Fate::Answer
    qint64 forwarded = 0;   // bytes of the response sent on so far
    bool announced = false; // answerStarted was emitted
};

} // namespace

// One client connection and its upstream connection. Bytes in each direction go through a
// lane: a queue of segments released in order, each no earlier than its time, at its rate and
// in its slices; a control segment closes or aborts the connection after what precedes it.
class FaultProxy::Pipe final : public QObject
{
public:
    struct Segment
    {
        enum class Control
        {
            None,
            Close, // flush, then close the client connection
            Abort, // abort both connections
        };
        QByteArray data;
        qint64 notBefore = 0;
        qint64 bytesPerSecond = 0;
        int sliceBytes = 0;
        Control control = Control::None;
    };

    struct Lane
    {
        QPointer<QTcpSocket> to;
        std::deque<Segment> queue;
        QTimer timer;
        qint64 freeAt = 0;      // the rate limit's next free moment
        qint64 lastRelease = 0; // release times never go backwards
    };

    Pipe(FaultProxy *proxy, QTcpSocket *client)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_client(client)
        , m_upstream(new QTcpSocket(this))
    {
        client->setParent(this);
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_toClient.to = client;
        m_toUpstream.to = m_upstream;
        for (Lane *lane : {&m_toClient, &m_toUpstream}) {
            lane->timer.setSingleShot(true);
            connect(&lane->timer, &QTimer::timeout, this, [this, lane] { pump(*lane); });
        }
        // Faults that hold for the whole connection.
        for (Fault &f : proxy->m_faults) {
            if (!f.perConnection || f.count == 0)
                continue;
            if (f.count > 0)
                --f.count;
            m_connectionFaults.append(f);
            ++proxy->m_applied;
        }
        connect(client, &QTcpSocket::readyRead, this, &Pipe::clientReadable);
        connect(client, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_upstream, &QTcpSocket::connected, this, [this] {
            m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            pump(m_toUpstream);
        });
        connect(m_upstream, &QTcpSocket::readyRead, this, &Pipe::upstreamReadable);
        connect(m_upstream, &QTcpSocket::disconnected, this, &Pipe::upstreamClosed);
        connect(m_upstream, &QTcpSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError e) {
                    if (e == QAbstractSocket::RemoteHostClosedError)
                        upstreamClosed();
                    else
                        abortBoth(); // the server is unreachable: the client sees a reset
                });
    }

    ~Pipe() override
    {
        for (QTcpSocket *socket : {m_client.data(), m_upstream.data()})
            if (socket)
                socket->disconnect(this);
    }

    void start()
    {
        m_upstream->connectToHost(QHostAddress::LocalHost, quint16(m_proxy->m_target.port()));
        clientReadable();
    }

    void abortBoth()
    {
        if (m_finished)
            return;
        if (m_client)
            m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        finish();
    }

private:
    qint64 now() const { return m_proxy->m_clock.elapsed(); }

    void clientReadable()
    {
        if (m_finished || !m_client)
            return;
        QByteArray data = m_client->readAll();
        while (!data.isEmpty() && !m_hung) {
            const bool wasHead = !m_requests.headParsed();
            bool ended = false;
            const qsizetype used = m_requests.feed(data, &ended);
            QByteArray part = data.left(used);
            data.remove(0, used);
            if (wasHead) {
                m_heldHead += part;
                if (!m_requests.headParsed())
                    continue;
                part = std::exchange(m_heldHead, {});
                beginRequest();
                if (m_hung)
                    return;
            }
            if (m_forwardingRequest) {
                const Shaping &s = m_requestShaping;
                enqueue(m_toUpstream, part, 0, s.bytesPerSecond, 0);
            }
            if (ended)
                m_requests.reset();
        }
    }

    void beginRequest()
    {
        const QByteArray line = m_requests.firstLine();
        m_proxy->m_requestLines.append(line);
        Exchange x;
        x.requestLine = line;
        x.head = line.startsWith("HEAD ");
        QList<Fault> applying;
        for (const Fault &f : std::as_const(m_connectionFaults))
            if (f.match.isEmpty() || line.startsWith(f.match))
                applying.append(f);
        for (Fault &f : m_proxy->m_faults) {
            if (f.perConnection || f.count == 0 || !(f.match.isEmpty() || line.startsWith(f.match)))
                continue;
            if (f.count > 0)
                --f.count;
            ++m_proxy->m_applied;
            applying.append(f);
        }
        for (const Fault &f : std::as_const(applying)) {
            x.shaping.add(f);
            switch (f.kind) {
            case Fault::Kind::DropResponse:
                if (x.fate == Exchange::Fate::Forward)
                    x.fate = Exchange::Fate::Drop;
                break;
            case Fault::Kind::Hang:
                x.fate = Exchange::Fate::Hang;
                break;
            case Fault::Kind::Answer:
                if (x.fate != Exchange::Fate::Hang) {
                    x.fate = Exchange::Fate::Answer;
                    x.answer = syntheticAnswer(f.status, f.retryAfter);
                }
                break;
            default:
                break;
            }
        }
        Q_EMIT m_proxy->requestSeen(line);
        if (m_finished)
            return;
        if (x.fate == Exchange::Fate::Hang) {
            // A black hole: the server never sees it and nothing comes back.
            m_hung = true;
            m_toUpstream.queue.clear();
            m_toClient.queue.clear();
            return;
        }
        m_forwardingRequest = x.fate != Exchange::Fate::Answer;
        m_requestShaping = x.shaping;
        m_exchanges.push_back(x);
        answerSynthetic();
    }

    // Sends the proxy's own answers that are next in line (responses keep request order).
    void answerSynthetic()
    {
        while (!m_exchanges.empty() && m_exchanges.front().fate == Exchange::Fate::Answer) {
            const Exchange x = m_exchanges.front();
            m_exchanges.pop_front();
            enqueue(m_toClient, x.answer, x.shaping.latencyMs + jitter(x.shaping),
                    x.shaping.bytesPerSecond, x.shaping.sliceBytes);
        }
    }

    qint64 jitter(const Shaping &s)
    {
        return s.jitterMs > 0 ? qint64(m_proxy->m_random.bounded(quint32(s.jitterMs) + 1)) : 0;
    }

    void upstreamReadable()
    {
        if (m_finished || !m_upstream)
            return;
        QByteArray data = m_upstream->readAll();
        if (m_hung || m_resetting)
            return;
        while (!data.isEmpty()) {
            if (m_exchanges.empty()) {
                // Nothing was asked: pass it on as it is.
                enqueue(m_toClient, data, 0, 0, 0);
                return;
            }
            Exchange &x = m_exchanges.front();
            if (!m_responses.headParsed() && x.forwarded == 0 && !x.announced) {
                x.announced = true;
                Q_EMIT m_proxy->answerStarted(x.requestLine);
                if (m_finished)
                    return;
            }
            if (x.fate == Exchange::Fate::Drop) {
                // The server has answered, so it has done the work: the client must not know.
                abortBoth();
                return;
            }
            if (!m_responses.headParsed())
                m_responses.setAnswersHead(x.head);
            bool ended = false;
            const qsizetype used = m_responses.feed(data, &ended);
            QByteArray part = data.left(used);
            data.remove(0, used);
            const Shaping &s = x.shaping;
            const qint64 delay = s.latencyMs + jitter(s);
            if (s.resetAfter >= 0 && x.forwarded + part.size() >= s.resetAfter) {
                enqueue(m_toClient, part.left(s.resetAfter - x.forwarded), delay, s.bytesPerSecond,
                        s.sliceBytes);
                Segment abort;
                abort.control = Segment::Control::Abort;
                m_toClient.queue.push_back(abort);
                pump(m_toClient);
                m_resetting = true;
                return;
            }
            x.forwarded += part.size();
            enqueue(m_toClient, part, delay, s.bytesPerSecond, s.sliceBytes);
            if (ended) {
                const bool interim = m_responses.status() / 100 == 1;
                m_responses.reset();
                if (!interim) {
                    m_exchanges.pop_front();
                    answerSynthetic();
                }
            }
        }
    }

    void upstreamClosed()
    {
        if (m_finished)
            return;
        if (m_hung)
            return; // the client keeps waiting
        if (!m_exchanges.empty() && m_exchanges.front().fate == Exchange::Fate::Drop) {
            abortBoth();
            return;
        }
        upstreamReadable();
        Segment close;
        close.control = Segment::Control::Close;
        m_toClient.queue.push_back(close);
        pump(m_toClient);
    }

    void enqueue(Lane &lane, const QByteArray &data, qint64 delayMs, qint64 bytesPerSecond,
                 int sliceBytes)
    {
        if (data.isEmpty())
            return;
        // Connection-wide shaping adds to the request's own.
        Shaping connection;
        for (const Fault &f : std::as_const(m_connectionFaults))
            if (f.match.isEmpty())
                connection.add(f);
        if (connection.bytesPerSecond > 0)
            bytesPerSecond = bytesPerSecond > 0 ? qMin(bytesPerSecond, connection.bytesPerSecond)
                                                : connection.bytesPerSecond;
        if (&lane == &m_toClient) {
            delayMs = qMax(delayMs, connection.latencyMs + jitter(connection));
            if (connection.sliceBytes > 0)
                sliceBytes = sliceBytes > 0 ? qMin(sliceBytes, connection.sliceBytes)
                                            : connection.sliceBytes;
        }
        Segment s;
        s.data = data;
        s.notBefore = qMax(lane.lastRelease, now() + delayMs);
        lane.lastRelease = s.notBefore;
        s.bytesPerSecond = bytesPerSecond;
        s.sliceBytes = sliceBytes;
        lane.queue.push_back(s);
        pump(lane);
    }

    void pump(Lane &lane)
    {
        if (m_finished)
            return;
        while (!lane.queue.empty()) {
            Segment &s = lane.queue.front();
            if (s.control != Segment::Control::None) {
                if (!lane.to || lane.to->state() != QAbstractSocket::ConnectedState) {
                    if (s.control == Segment::Control::Abort || !lane.to)
                        abortBoth();
                    return; // a close waits for the connection to be up
                }
                if (s.control == Segment::Control::Abort) {
                    abortBoth();
                } else {
                    // What was written still reaches the client; then the socket goes.
                    QTcpSocket *client = m_client;
                    client->disconnect(this);
                    client->setParent(m_proxy);
                    connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                    client->disconnectFromHost();
                    if (client->state() == QAbstractSocket::UnconnectedState)
                        client->deleteLater();
                    m_client = nullptr;
                    finish();
                }
                return;
            }
            if (!lane.to || lane.to->state() != QAbstractSocket::ConnectedState)
                return; // the upstream connection is not up yet: `connected` pumps again
            const qint64 t = now();
            const qint64 wait = qMax(s.notBefore, lane.freeAt) - t;
            if (wait > 0) {
                lane.timer.start(int(wait));
                return;
            }
            qsizetype n = s.data.size();
            if (s.sliceBytes > 0)
                n = qMin<qsizetype>(n, s.sliceBytes);
            if (s.bytesPerSecond > 0)
                n = qMin<qsizetype>(n, qMax<qint64>(1, s.bytesPerSecond / 20)); // 50 ms quanta
            lane.to->write(s.data.constData(), n);
            lane.to->flush();
            s.data.remove(0, n);
            if (s.bytesPerSecond > 0)
                lane.freeAt = t + qMax<qint64>(1, n * 1000 / s.bytesPerSecond);
            const bool sliced = s.sliceBytes > 0;
            if (s.data.isEmpty())
                lane.queue.pop_front();
            if (sliced && !lane.queue.empty()) {
                // One slice per turn of the event loop, a millisecond apart.
                lane.freeAt = qMax(lane.freeAt, t + 1);
            }
        }
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_toClient.timer.stop();
        m_toUpstream.timer.stop();
        if (m_client) {
            m_client->disconnect(this);
            m_client->abort();
        }
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
        }
        m_proxy->remove(this);
    }

    FaultProxy *m_proxy;
    QPointer<QTcpSocket> m_client;
    QPointer<QTcpSocket> m_upstream;
    Lane m_toClient;
    Lane m_toUpstream;
    Framer m_requests{true};
    Framer m_responses{false};
    QByteArray m_heldHead;            // the head of the request being read, until it is complete
    std::deque<Exchange> m_exchanges; // requests waiting for their responses, in order
    QList<Fault> m_connectionFaults;
    Shaping m_requestShaping;
    bool m_forwardingRequest = true;
    bool m_hung = false;
    bool m_resetting = false;
    bool m_finished = false;
};

FaultProxy::FaultProxy(QUrl target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    m_server.close();
    const auto pipes = std::exchange(m_pipes, {});
    for (Pipe *pipe : pipes)
        delete pipe; // its sockets are its children: aborted and deleted with it
}

bool FaultProxy::listen(QString *error)
{
    if (m_server.listen(QHostAddress::LocalHost, 0))
        return true;
    if (error)
        *error = QStringLiteral("the proxy cannot listen: %1").arg(m_server.errorString());
    return false;
}

QUrl FaultProxy::url() const
{
    QUrl url = m_target;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void FaultProxy::addFault(const Fault &fault)
{
    m_faults.append(fault);
}

void FaultProxy::abortConnections()
{
    const auto pipes = m_pipes;
    for (Pipe *pipe : pipes)
        pipe->abortBoth();
}

int FaultProxy::requestCount(const QByteArray &prefix) const
{
    int n = 0;
    for (const QByteArray &line : m_requestLines)
        if (line.startsWith(prefix))
            ++n;
    return n;
}

void FaultProxy::resetCounts()
{
    m_requestLines.clear();
    m_applied = 0;
    m_refused = 0;
    m_accepted = 0;
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_refuse) {
            ++m_refused;
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_accepted;
        auto *pipe = new Pipe(this, client);
        m_pipes.append(pipe);
        pipe->start();
    }
}

void FaultProxy::remove(Pipe *pipe)
{
    if (m_pipes.removeOne(pipe))
        pipe->deleteLater();
}

} // namespace qm::test
