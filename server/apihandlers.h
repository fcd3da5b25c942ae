#pragma once

#include "server/authservice.h"
#include "server/feedpagecache.h"
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
    // Single sign-on: the authorization endpoint (/oauth/authorize) and the
    // authorization_code grant, for the public clients in OAuthHandlers::clientIds().
    struct Sso
    {
        bool enabled = true;
        bool passwordGrant = true; // false: the token endpoint refuses grant_type=password
        qint64 codeLifetime = 60;  // seconds an authorization code may be exchanged
        bool https = false;        // the portal serves HTTPS (for its metadata's URLs)
    };
    struct Settings
    {
        AuthService::Settings auth;
        LoginThrottle::Settings login;
        QString portalName;
        Sso sso;
        qint64 pageCacheBytes = 0; // the FeedPageCache of the sync pages; 0: none
    };

    ApiHandlers(ConnectionPool &connections, Settings settings);

    // The parameters of a form-urlencoded or JSON body, or nullopt with the problem in `error`.
    static std::optional<QHash<QString, QString>>
    bodyParameters(const HttpRequest &request, HttpReply *error, bool oauthErrors);

    HttpReply health(HttpRequest &request);
    HttpReply token(HttpRequest &request);
    HttpReply revoke(HttpRequest &request);
    HttpReply me(HttpRequest &request);
    HttpReply sync(HttpRequest &request, const QString &feed);
    static HttpReply problemPage(const QString &slug);

    const Settings &settings() const { return m_settings; }
    // Failed password checks, shared by the token endpoint and the sign-in page.
    LoginThrottle &loginThrottle() { return *m_loginThrottle; }
    // The 429 problem for `wait` seconds of throttling.
    static HttpReply throttled(qint64 wait);

    // The user behind the request's bearer token, or nullopt with the 401 in `denied`.
    std::optional<AuthenticatedUser> authenticate(HttpRequest &request, DbConnection &db,
                                                  HttpReply *denied);
    // authenticate(), then the user's role must include `capability`: nullopt with the 401 or
    // the 403 ("Your role does not include …") in `denied`.
    std::optional<AuthenticatedUser> authorize(HttpRequest &request, DbConnection &db,
                                               QStringView capability, HttpReply *denied);

private:
    HttpReply codeGrant(const QHash<QString, QString> &params, AuthService &auth,
                        std::optional<TokenGrant> *grant);

    ConnectionPool &m_connections;
    Settings m_settings;
    std::unique_ptr<LoginThrottle> m_loginThrottle; // shared by the worker threads
    std::unique_ptr<FeedPageCache> m_pageCache;     // shared by the worker threads; may be null
};

} // namespace qm
