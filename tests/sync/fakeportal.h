#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace qm::test {

// A tiny HTTP/1.1 server on a loopback port for fault injection in unit tests: every
// request goes to a handler that decides the answer, including answers no real portal
// gives on purpose (a connection reset in the middle of an answer, no answer at all).
// (A connection closed before any byte of the answer is not offered: Qt's HTTP layer
// resends such a request by itself once, as for a keep-alive race.)
class FakePortal final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QHash<QByteArray, QByteArray> headers; // lowercase names
        QByteArray body;

        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QUrlQuery form() const { return QUrlQuery(QString::fromUtf8(body).replace(u'+', u' ')); }
    };

    struct Response
    {
        enum class Action
        {
            Answer,
            Truncate, // send the status line, headers and part of the body, then reset
            Hang,     // never answer
        };
        Action action = Action::Answer;
        int status = 200;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        static Response json(int status, const QByteArray &body)
        {
            Response r;
            r.status = status;
            r.body = body;
            return r;
        }
        static Response problem(int status, const char *slug, const QByteArray &detail = {})
        {
            Response r;
            r.status = status;
            r.contentType = "application/problem+json";
            r.body = "{\"type\":\"/problems/" + QByteArray(slug) + "\",\"title\":\"" +
                     QByteArray(slug) + "\",\"status\":" + QByteArray::number(status) +
                     (detail.isEmpty() ? QByteArray() : ",\"detail\":\"" + detail + '"') + '}';
            return r;
        }
        static Response truncate()
        {
            Response r;
            r.action = Action::Truncate;
            r.body = R"({"items":[{"seq":1,"key":"A")";
            return r;
        }
        static Response hang()
        {
            Response r;
            r.action = Action::Hang;
            return r;
        }
    };

    using Handler = std::function<Response(const Request &)>;

    explicit FakePortal(Handler handler, QObject *parent = nullptr)
        : QObject(parent)
        , m_handler(std::move(handler))
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FakePortal::onNewConnection);
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("FakePortal cannot listen: %s", qPrintable(m_server.errorString()));
    }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    // Every request received so far, in order.
    const QList<Request> &requests() const { return m_requests; }
    int count(const QString &path) const
    {
        int n = 0;
        for (const Request &r : m_requests)
            n += r.path == path ? 1 : 0;
        return n;
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            const QUrl target(QString::fromUtf8(first.value(1)));
            request.path = target.path();
            request.query = QUrlQuery(target);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(request);
            const Response response = m_handler(request);
            if (response.action == Response::Action::Hang)
                continue;
            const bool truncate = response.action == Response::Action::Truncate;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
            out += "Content-Type: " + response.contentType + "\r\n";
            out +=
                "Content-Length: " + QByteArray::number(response.body.size() * (truncate ? 4 : 1)) +
                "\r\n";
            for (const auto &[name, value] : response.headers)
                out += name + ": " + value + "\r\n";
            out += "\r\n" + response.body;
            socket->write(out);
            if (truncate) {
                // A graceful close after the partial body: an abort would send a reset
                // that can discard the bytes the client has not read yet, and a client
                // that saw no response at all may legitimately send the request again.
                socket->disconnectFromHost();
                m_buffers.remove(socket);
                return;
            }
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace qm::test
