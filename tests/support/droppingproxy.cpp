#include "support/droppingproxy.h"

#include <QHostAddress>

namespace qm::test {

DroppingProxy::DroppingProxy(QUrl target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
    connect(&m_server, &QTcpServer::newConnection, this, &DroppingProxy::onNewConnection);
}

DroppingProxy::~DroppingProxy()
{
    const auto pipes = std::exchange(m_pipes, {});
    for (Pipe *pipe : pipes) {
        if (pipe->client)
            pipe->client->abort();
        if (pipe->upstream)
            pipe->upstream->abort();
        delete pipe->client;
        delete pipe->upstream;
        delete pipe;
    }
}

bool DroppingProxy::listen(QString *error)
{
    if (m_server.listen(QHostAddress::LocalHost, 0))
        return true;
    if (error)
        *error = QStringLiteral("the proxy cannot listen: %1").arg(m_server.errorString());
    return false;
}

QUrl DroppingProxy::url() const
{
    QUrl url = m_target;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void DroppingProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_refuse) {
            ++m_refused;
            client->abort();
            client->deleteLater();
            continue;
        }
        auto *pipe = new Pipe;
        pipe->client = client;
        pipe->upstream = new QTcpSocket(this);
        m_pipes.append(pipe);
        connect(client, &QTcpSocket::readyRead, this, [this, pipe] { clientReadable(pipe); });
        connect(client, &QTcpSocket::disconnected, this, [this, pipe] { closePipe(pipe); });
        connect(pipe->upstream, &QTcpSocket::connected, this, [pipe] {
            if (!pipe->pendingToUpstream.isEmpty())
                pipe->upstream->write(std::exchange(pipe->pendingToUpstream, {}));
        });
        connect(pipe->upstream, &QTcpSocket::readyRead, this,
                [this, pipe] { upstreamReadable(pipe); });
        // The portal closing its side: what it sent still reaches the client.
        connect(pipe->upstream, &QTcpSocket::disconnected, this,
                [this, pipe] { closePipe(pipe, true); });
        connect(pipe->upstream, &QTcpSocket::errorOccurred, this,
                [this, pipe](QAbstractSocket::SocketError e) {
                    closePipe(pipe, e == QAbstractSocket::RemoteHostClosedError);
                });
        pipe->upstream->connectToHost(QHostAddress::LocalHost, quint16(m_target.port()));
        clientReadable(pipe);
    }
}

void DroppingProxy::clientReadable(Pipe *pipe)
{
    if (!pipe->client || !pipe->upstream)
        return;
    const QByteArray data = pipe->client->readAll();
    if (data.isEmpty())
        return;
    // A new request on this connection starts with its request line (the client sends one
    // request at a time and waits for its answer).
    if (!m_prefix.isEmpty() && data.startsWith(m_prefix)) {
        ++m_matched;
        if (m_toLose != 0) {
            pipe->loseNextAnswer = true;
            if (m_toLose > 0)
                --m_toLose;
        }
    }
    if (pipe->upstream->state() == QAbstractSocket::ConnectedState)
        pipe->upstream->write(data);
    else
        pipe->pendingToUpstream += data;
}

void DroppingProxy::upstreamReadable(Pipe *pipe)
{
    if (!pipe->upstream || !pipe->client)
        return;
    const QByteArray data = pipe->upstream->readAll();
    if (pipe->loseNextAnswer) {
        // The portal answered, so it has finished the request: the client must not know.
        ++m_lost;
        closePipe(pipe);
        return;
    }
    pipe->client->write(data);
}

void DroppingProxy::closePipe(Pipe *pipe, bool flushClient)
{
    if (!m_pipes.removeOne(pipe))
        return;
    if (pipe->client) {
        pipe->client->disconnect(this);
        if (flushClient && pipe->upstream)
            pipe->client->write(pipe->upstream->readAll());
        if (flushClient) {
            // Deleted once the data is out (the destructor of a connected socket aborts it).
            QTcpSocket *client = pipe->client;
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            client->disconnectFromHost();
            if (client->state() == QAbstractSocket::UnconnectedState)
                client->deleteLater();
        } else {
            pipe->client->abort();
            pipe->client->deleteLater();
        }
    }
    if (pipe->upstream) {
        pipe->upstream->disconnect(this);
        pipe->upstream->abort();
        pipe->upstream->deleteLater();
    }
    delete pipe;
}

} // namespace qm::test
