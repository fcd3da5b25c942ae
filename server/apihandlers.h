#pragma once

#include "server/authservice.h"
#include "server/httpreply.h"
#include "server/loginthrottle.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>

namespace qm {

class ConnectionPool;
class DbConnection;
struct HttpRequest;

// The API's routes. Each handler runs on a worker thread with that thread's database
// connection and turns one request into one reply; every error is a problem document.
class ApiHandlers final
{
public:
    struct Settings
    {
        AuthService::Settings auth;
        LoginThrottle::Settings login;
        QString portalName;
    };

    ApiHandlers(ConnectionPool &connections, Settings settings);

    HttpReply health(HttpRequest &request);
    HttpReply token(HttpRequest &request);
    HttpReply revoke(HttpRequest &request);
    HttpReply me(HttpRequest &request);
    HttpReply sync(HttpRequest &request, const QString &feed);
    static HttpReply problemPage(const QString &slug);

    // The user behind the request's bearer token, or nullopt with the 401 in `denied`.
    std::optional<AuthenticatedUser> authenticate(HttpRequest &request, DbConnection &db,
                                                  HttpReply *denied);

private:
    // The parameters of a form-urlencoded or JSON body, or nullopt with the problem in `error`.
    std::optional<QHash<QString, QString>> bodyParameters(const HttpRequest &request,
                                                          HttpReply *error, bool oauthErrors);

    ConnectionPool &m_connections;
    Settings m_settings;
    std::unique_ptr<LoginThrottle> m_loginThrottle; // shared by the worker threads
};

} // namespace qm
