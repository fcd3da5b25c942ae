#include "server/portalserver.h"

#include "core/problem.h"
#include "server/accesslog.h"
#include "server/accounthandlers.h"
#include "server/adminhandlers.h"
#include "server/dbconnection.h"
#include "server/httprequest.h"
#include "server/listhandlers.h"
#include "server/oauthhandlers.h"
#include "server/orderhandlers.h"
#include "server/pricinghandlers.h"
#include "server/thumbnailhandlers.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtConcurrent>

#include <algorithm>
#include <memory>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcServer, "qm.portal.server")
} // namespace

PortalServer::PortalServer(Settings settings, AccessLog &accessLog, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_accessLog(accessLog)
    , m_connections(m_settings.db)
    , m_handlers(m_connections, m_settings.api)
{
    m_pool.setMaxThreadCount(qMax(1, m_settings.threads));
    m_pool.setExpiryTimeout(-1); // workers keep their database connections

    addRoute(QStringLiteral("/api/v1/health"), "GET",
             [this](HttpRequest &r) { return m_handlers.health(r); });
    addRoute(
        QStringLiteral("/api/v1/auth/token"), "POST",
        [this](HttpRequest &r) { return m_handlers.token(r); }, true);
    addRoute(
        QStringLiteral("/api/v1/auth/revoke"), "POST",
        [this](HttpRequest &r) { return m_handlers.revoke(r); }, true);
    if (m_settings.api.sso.enabled) {
        auto oauth = std::make_shared<OAuthHandlers>(m_connections, m_handlers);
        addRoute(QStringLiteral("/.well-known/oauth-authorization-server"), "GET",
                 [oauth](HttpRequest &r) { return oauth->metadata(r); });
        addRoute(QStringLiteral("/oauth/authorize"), "GET, POST", [oauth](HttpRequest &r) {
            return r.method == "POST" ? oauth->authorizeSubmit(r) : oauth->authorizePage(r);
        });
    }
    addRoute(QStringLiteral("/api/v1/me"), "GET",
             [this](HttpRequest &r) { return m_handlers.me(r); });
    addRouteWithArgument(
        QStringLiteral("/api/v1/sync/<arg>"), "GET",
        [this](HttpRequest &r, const QString &feed) { return m_handlers.sync(r, feed); });
    addRoute(QStringLiteral("/api/v1/pricing/quote"), "POST", [this](HttpRequest &r) {
        return PricingHandlers(m_connections, m_handlers).quote(r);
    });
    addRouteWithArgument(QStringLiteral("/api/v1/lists/<arg>"), "GET, PUT, DELETE",
                         [this](HttpRequest &r, const QString &id) {
                             return ListHandlers(m_connections, m_handlers).handle(r, id);
                         });
    auto thumbnails = std::make_shared<ThumbnailHandlers>(m_connections, m_handlers);
    addRouteWithArgument(
        QStringLiteral("/api/v1/products/<arg>/thumbnail"), "GET",
        [thumbnails](HttpRequest &r, const QString &sku) { return thumbnails->get(r, sku); });
    addRoute(QStringLiteral("/api/v1/orders"), "POST",
             [this](HttpRequest &r) { return OrderHandlers(m_connections, m_handlers).submit(r); });
    addRouteWithArgument(QStringLiteral("/api/v1/orders/<arg>"), "GET",
                         [this](HttpRequest &r, const QString &number) {
                             return OrderHandlers(m_connections, m_handlers).get(r, number);
                         });
    addRouteWithArgument(
        QStringLiteral("/api/v1/orders/<arg>/approve"), "POST",
        [this](HttpRequest &r, const QString &number) {
            return OrderHandlers(m_connections, m_handlers).decide(r, number, true);
        });
    addRouteWithArgument(
        QStringLiteral("/api/v1/orders/<arg>/reject"), "POST",
        [this](HttpRequest &r, const QString &number) {
            return OrderHandlers(m_connections, m_handlers).decide(r, number, false);
        });
    addRoute(QStringLiteral("/api/v1/approvals"), "GET", [this](HttpRequest &r) {
        return OrderHandlers(m_connections, m_handlers).approvals(r);
    });
    addRoute(QStringLiteral("/api/v1/account"), "GET",
             [this](HttpRequest &r) { return AccountHandlers(m_connections, m_handlers).get(r); });
    addRoute(QStringLiteral("/api/v1/accounts"), "GET", [this](HttpRequest &r) {
        return AccountHandlers(m_connections, m_handlers).company(r);
    });
    addRouteWithArgument(
        QStringLiteral("/api/v1/accounts/<arg>/orders"), "GET",
        [this](HttpRequest &r, const QString &code) {
            return AccountHandlers(m_connections, m_handlers).companyOrders(r, code);
        });
    addRoute(QStringLiteral("/api/v1/users"), "GET, POST", [this](HttpRequest &r) {
        AdminHandlers admin(m_connections, m_handlers);
        return r.method == "POST" ? admin.createUser(r) : admin.users(r);
    });
    addRouteWithArgument(QStringLiteral("/api/v1/users/<arg>"), "PATCH",
                         [this](HttpRequest &r, const QString &id) {
                             return AdminHandlers(m_connections, m_handlers).updateUser(r, id);
                         });
    addRoute(QStringLiteral("/api/v1/locations"), "GET, POST", [this](HttpRequest &r) {
        AdminHandlers admin(m_connections, m_handlers);
        return r.method == "POST" ? admin.createLocation(r) : admin.locations(r);
    });
    addRouteWithArgument(QStringLiteral("/api/v1/locations/<arg>"), "PATCH",
                         [this](HttpRequest &r, const QString &id) {
                             return AdminHandlers(m_connections, m_handlers).updateLocation(r, id);
                         });
    addRoute(QStringLiteral("/api/v1/audit"), "GET",
             [this](HttpRequest &r) { return AdminHandlers(m_connections, m_handlers).audit(r); });
    addRouteWithArgument(
        QStringLiteral("/problems/<arg>"), "GET",
        [](HttpRequest &, const QString &slug) { return ApiHandlers::problemPage(slug); });
    m_http.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            onMissingRoute(request, std::move(responder));
        });
}

PortalServer::~PortalServer()
{
    m_pool.waitForDone();
}

void PortalServer::addRoute(const QString &path, QByteArray method, Handler handler,
                            bool oauthErrors)
{
    Route route{std::move(method), std::move(handler), oauthErrors};
#if QM_PORTAL_RESPONDER
    m_http.route(
        path, QHttpServerRequest::Method::AnyKnown,
        [this, route](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            respond(request, route, std::move(responder));
        });
#else
    m_http.route(
        path, QHttpServerRequest::Method::AnyKnown,
        [this, route](const QHttpServerRequest &request) { return dispatch(request, route); });
#endif
}

void PortalServer::addRouteWithArgument(
    const QString &pathPattern, QByteArray method,
    std::function<HttpReply(HttpRequest &, const QString &)> handler)
{
    m_http.route(pathPattern, QHttpServerRequest::Method::AnyKnown,
                 [this, method, handler](const QString &argument, const QHttpServerRequest &request
#if QM_PORTAL_RESPONDER
                                         ,
                                         QHttpServerResponder &&responder
#endif
                 ) {
                     // No identifier has control characters (a NUL, say, which PostgreSQL refuses
                     // in text): such a path names nothing.
                     const bool control = std::any_of(argument.cbegin(), argument.cend(),
                                                      [](QChar c) { return c.unicode() < 0x20; });
                     Route route{method, [handler, argument, control](HttpRequest &r) {
                                     if (control)
                                         return HttpReply::problem(
                                             problems::NotFound, 404,
                                             QStringLiteral("There is nothing at this address."));
                                     return handler(r, argument);
                                 }};
#if QM_PORTAL_RESPONDER
                     respond(request, std::move(route), std::move(responder));
#else
            return dispatch(request, std::move(route));
#endif
                 });
}

bool PortalServer::listen(QString *error)
{
    const bool tls = !m_settings.tlsCertificate.isEmpty();
    if (tls) {
        QSslConfiguration config;
        if (!loadTls(&config, error))
            return false;
        auto *server = new QSslServer(this);
        server->setSslConfiguration(config);
        m_tcp = server;
    } else {
        m_tcp = new QTcpServer(this);
    }
    if (!m_tcp->listen(m_settings.address, m_settings.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_settings.address.toString())
                         .arg(m_settings.port)
                         .arg(m_tcp->errorString());
        delete m_tcp;
        m_tcp = nullptr;
        return false;
    }
    m_http.bind(m_tcp);
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_settings.address.toString());
    url.setPort(m_tcp->serverPort());
    m_url = url;
    qCInfo(lcServer, "serving on %s with %d worker threads", qPrintable(url.toString()),
           m_pool.maxThreadCount());
    return true;
}

bool PortalServer::loadTls(QSslConfiguration *config, QString *error) const
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!QSslSocket::supportsSsl())
        return fail(QStringLiteral("this build of Qt has no TLS support"));
    const QList<QSslCertificate> chain =
        QSslCertificate::fromPath(m_settings.tlsCertificate, QSsl::Pem);
    if (chain.isEmpty())
        return fail(QStringLiteral("no PEM certificate in '%1'").arg(m_settings.tlsCertificate));
    QFile keyFile(m_settings.tlsKey);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the TLS key '%1': %2")
                        .arg(m_settings.tlsKey, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return fail(QStringLiteral("'%1' holds no unencrypted PEM RSA or EC private key")
                        .arg(m_settings.tlsKey));
    *config = QSslConfiguration::defaultConfiguration();
    config->setLocalCertificateChain(chain);
    config->setPrivateKey(key);
    config->setProtocol(QSsl::TlsV1_2OrLater);
    config->setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with tokens
    return true;
}

void PortalServer::shutdown(int timeoutMs)
{
    for (QTcpServer *server : m_http.servers())
        server->close();
    if (!m_pool.waitForDone(timeoutMs))
        qCWarning(lcServer, "requests still running after %d ms; abandoning them", timeoutMs);
    // Deliver the responses of the requests that just finished.
    QCoreApplication::processEvents();
}

QHttpServerResponse PortalServer::answer(HttpRequest &request, const Route &route)
{
    const HttpReply reply = handle(request, route);
    m_accessLog.write(request, reply);
    return reply.toResponse();
}

#if QM_PORTAL_RESPONDER
void PortalServer::respond(const QHttpServerRequest &request, Route route,
                           QHttpServerResponder &&responder)
{
    // The worker hands the answer back to this thread itself. Qt 6.4's QFuture::then() is not
    // used: attached while the handler may already be finishing on the worker, it can run its
    // continuation twice, the second time with an emptied promise (a crash under load).
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket = held->socket();
    m_pool.start([this, held, socket, captured = HttpRequest::from(request),
                  route = std::move(route)]() mutable {
        auto response = std::make_shared<QHttpServerResponse>(answer(captured, route));
        // The responder is used and released on this server's thread only.
        QMetaObject::invokeMethod(
            this,
            [held = std::move(held), socket, response = std::move(response)] {
                if (socket)
                    response->write(std::move(*held));
                else
                    qCInfo(lcServer, "the client left before its answer was ready; dropped it");
            },
            Qt::QueuedConnection);
    });
}
#else
QFuture<QHttpServerResponse> PortalServer::dispatch(const QHttpServerRequest &request, Route route)
{
    return QtConcurrent::run(
        &m_pool, [this, captured = HttpRequest::from(request), route = std::move(route)]() mutable {
            return answer(captured, route);
        });
}
#endif

HttpReply PortalServer::handle(HttpRequest &request, const Route &route)
{
    // The problems every route shares; at the OAuth endpoints they also carry `error`.
    const auto problem = [&route](QStringView slug, int status, const QString &detail = {}) {
        if (!route.oauthErrors)
            return HttpReply::problem(slug, status, detail);
        const QString error =
            status >= 500 ? QStringLiteral("server_error") : QStringLiteral("invalid_request");
        return HttpReply::problem(slug, status, detail,
                                  QJsonObject{{QStringLiteral("error"), error}})
            .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    };
    try {
        if (!route.allows(request.method)) {
            return problem(problems::MethodNotAllowed, 405,
                           QStringLiteral("%1 is not supported here; use %2.")
                               .arg(QString::fromLatin1(request.method),
                                    QString::fromLatin1(route.allowedMethod)))
                .withHeader(QByteArrayLiteral("Allow"), route.allowedMethod);
        }
        const QString tooLarge =
            QStringLiteral("The body may be at most %1 bytes.").arg(m_settings.maxBodyBytes);
        if (request.hasHeader("Content-Length")) {
            bool ok = false;
            const qint64 declared = request.header("Content-Length").trimmed().toLongLong(&ok);
            if (!ok || declared < 0)
                return problem(problems::BadRequest, 400,
                               QStringLiteral("The Content-Length header is not a number."));
            if (declared > m_settings.maxBodyBytes)
                return problem(problems::PayloadTooLarge, 413, tooLarge);
        }
        if (request.body.size() > m_settings.maxBodyBytes)
            return problem(problems::PayloadTooLarge, 413, tooLarge);
        return route.handler(request);
    } catch (const DbError &) {
        // DbConnection logged the details; the client learns nothing about the SQL.
        return problem(problems::InternalError, 500);
    } catch (const std::exception &e) {
        qCCritical(lcServer, "unexpected error in %s %s: %s", request.method.constData(),
                   qPrintable(request.path), e.what());
        return problem(problems::InternalError, 500);
    } catch (...) {
        qCCritical(lcServer, "unexpected error in %s %s", request.method.constData(),
                   qPrintable(request.path));
        return problem(problems::InternalError, 500);
    }
}

void PortalServer::onMissingRoute(const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder)
{
    const HttpRequest captured = HttpRequest::from(request);
    const HttpReply reply = HttpReply::problem(
        problems::NotFound, 404, QStringLiteral("There is nothing at %1.").arg(captured.path));
    m_accessLog.write(captured, reply);
    reply.send(std::move(responder));
}

} // namespace qm
