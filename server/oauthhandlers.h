#pragma once

#include "server/httpreply.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// Single sign-on through the portal itself: the OAuth 2.0 authorization endpoint (RFC 6749
// §4.1) for native apps (RFC 8252) with PKCE S256 (RFC 7636), and the authorization server
// metadata (RFC 8414) that tells a client where it is. The endpoint shows a plain sign-in
// page; a successful sign-in redirects the browser to the app's loopback redirect URI with a
// single-use code that the token endpoint exchanges (grant_type=authorization_code).
//
// Requests whose client or redirect URI cannot be trusted are answered with an error page and
// never redirected; other errors go back to the redirect URI as `error` (§4.1.2.1).
class OAuthHandlers final
{
public:
    OAuthHandlers(ConnectionPool &connections, ApiHandlers &api);

    // The public clients the portal knows (no client secrets: native apps cannot keep them).
    static QStringList clientIds();
    // Whether `uri` is a loopback redirect URI of a native app (RFC 8252 §7.3):
    // http://127.0.0.1:PORT/... or http://[::1]:PORT/..., with a port, without user info or
    // fragment.
    static bool isLoopbackRedirect(const QString &uri);

    HttpReply metadata(HttpRequest &request);
    HttpReply authorizePage(HttpRequest &request);
    HttpReply authorizeSubmit(HttpRequest &request);

private:
    using Params = QHash<QString, QString>;
    // The error page, or the error redirect, for a request that cannot go on; nullopt when
    // the request is well-formed.
    std::optional<HttpReply> checkRequest(const Params &params) const;
    HttpReply page(const Params &params, const QString &username, const QString &error,
                   int status) const;

    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
