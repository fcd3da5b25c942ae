#pragma once

#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dburl.h"

#include <QFuture>
#include <QHttpServerResponder>
#include <QtGlobal>

// Qt 6.4's QHttpServer answers a route's QFuture through a raw pointer to the client's socket,
// so a client that disconnects while its request is handled makes the server use a freed
// socket once the answer is ready. There the routes take the responder instead and answer only
// while the socket still exists (PortalServer::respond).
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
#define QM_PORTAL_RESPONDER 1
#else
#define QM_PORTAL_RESPONDER 0
#endif
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QThreadPool>
#include <QUrl>

#include <functional>

class QSslConfiguration;
class QTcpServer;

namespace qm {

class AccessLog;
struct HttpRequest;

// The HTTP side of qm-portal: routes, the worker pool, per-request checks shared by every
// route (method, body size, exceptions) and the access log. Handlers that touch the database
// run on the server's own thread pool, each worker with its own connection.
class PortalServer final : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        DbUrl db;
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 8710;
        int threads = 2;
        qint64 maxBodyBytes = 1024 * 1024;
        // PEM files: with both set the portal serves HTTPS only (the certificate file may
        // hold the chain, server certificate first).
        QString tlsCertificate;
        QString tlsKey;
        ApiHandlers::Settings api;
    };

    PortalServer(Settings settings, AccessLog &accessLog, QObject *parent = nullptr);
    ~PortalServer() override;

    // Starts listening; false with the reason in `error`.
    bool listen(QString *error);
    QUrl url() const { return m_url; }

    // Stops accepting connections, lets the requests in flight finish (up to `timeoutMs`)
    // and sends their responses.
    void shutdown(int timeoutMs);

private:
    // The certificate chain and key of tlsCertificate/tlsKey; false with the reason.
    bool loadTls(QSslConfiguration *config, QString *error) const;
    using Handler = std::function<HttpReply(HttpRequest &)>;
    struct Route
    {
        QByteArray allowedMethod; // one method, or several as in Allow: "GET, PUT, DELETE"
        Handler handler;
        bool oauthErrors = false; // the OAuth endpoints add RFC 6749 `error` to every problem

        bool allows(const QByteArray &method) const
        {
            for (const QByteArray &m : allowedMethod.split(','))
                if (m.trimmed() == method)
                    return true;
            return false;
        }
    };

    // Runs the route's handler and writes the access log line (on a worker thread).
    QHttpServerResponse answer(HttpRequest &request, const Route &route);
#if QM_PORTAL_RESPONDER
    // Answers on the worker pool, then through `responder` on this thread, unless the client
    // left meanwhile.
    void respond(const QHttpServerRequest &request, Route route, QHttpServerResponder &&responder);
#else
    // Runs answer() on the worker pool.
    QFuture<QHttpServerResponse> dispatch(const QHttpServerRequest &request, Route route);
#endif
    HttpReply handle(HttpRequest &request, const Route &route);
    void addRoute(const QString &path, QByteArray method, Handler handler,
                  bool oauthErrors = false);
    void addRouteWithArgument(const QString &pathPattern, QByteArray method,
                              std::function<HttpReply(HttpRequest &, const QString &)> handler);
    void onMissingRoute(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    Settings m_settings;
    AccessLog &m_accessLog;
    ConnectionPool m_connections;
    ApiHandlers m_handlers;
    QThreadPool m_pool; // declared after m_connections: its threads end first
    QHttpServer m_http;
    QTcpServer *m_tcp = nullptr;
    QUrl m_url;
};

} // namespace qm
