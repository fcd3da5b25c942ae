#include "server/oauthhandlers.h"

#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/authservice.h"
#include "server/connectionpool.h"
#include "server/httprequest.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcOAuth, "qm.portal.oauth")

const QString AuthorizePath = QStringLiteral("/oauth/authorize");
constexpr int MaxStateLength = 1024;

// The fields a sign-in page carries from the authorization request to its submission.
const char *const RequestFields[] = {"response_type", "client_id",      "redirect_uri",
                                     "state",         "code_challenge", "code_challenge_method"};

bool isBase64UrlChallenge(const QString &text)
{
    // An S256 challenge is the base64url of 32 bytes: 43 characters.
    if (text.size() != 43)
        return false;
    for (QChar c : text) {
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
                        (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
        if (!ok)
            return false;
    }
    return true;
}

QString escaped(const QString &text)
{
    QString out = text.toHtmlEscaped();
    out.replace(u'\'', QLatin1String("&#39;"));
    return out;
}

// `redirectUri` with the items added to its query, each value percent-encoded.
QByteArray redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &items)
{
    QUrl url(redirectUri, QUrl::StrictMode);
    QString query = url.query(QUrl::FullyEncoded);
    for (const auto &[name, value] : items) {
        if (!query.isEmpty())
            query += u'&';
        query += name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(query, QUrl::TolerantMode);
    return url.toEncoded();
}

HttpReply redirect(const QByteArray &location)
{
    return HttpReply::raw(QByteArrayLiteral("text/plain; charset=utf-8"), QByteArray(), 302)
        .withHeader(QByteArrayLiteral("Location"), location)
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"))
        .withHeader(QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"));
}

HttpReply html(const QString &body, int status)
{
    return HttpReply::raw(QByteArrayLiteral("text/html; charset=utf-8"), body.toUtf8(), status)
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"))
        .withHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"))
        .withHeader(QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"))
        // Nothing but the page's own inline style; no scripts, no frames. (No form-action:
        // some browsers apply it to the redirect that follows the form.)
        .withHeader(QByteArrayLiteral("Content-Security-Policy"),
                    QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; "
                                      "frame-ancestors 'none'; base-uri 'none'"));
}

const QString PageStyle = QStringLiteral(
    "body{font-family:sans-serif;background:#f4f5f7;margin:0;padding:2em}"
    "main{max-width:26em;margin:auto;background:#fff;padding:1.5em 2em;border-radius:6px;"
    "box-shadow:0 1px 3px #0003}"
    "label{display:block;margin:.8em 0 .2em}input{width:100%;box-sizing:border-box;"
    "padding:.4em}.error{color:#a00;font-weight:bold}.buttons{margin-top:1.2em}"
    "button{padding:.4em 1.2em;margin-right:.5em}");

QString document(const QString &title, const QString &content)
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%1</title><style>%2</style></head><body><main>%3</main>"
                          "</body></html>\n")
        .arg(escaped(title), PageStyle, content);
}

HttpReply errorPage(const QString &message)
{
    return html(document(QStringLiteral("Sign-in request refused"),
                         QStringLiteral("<h1>This sign-in request cannot be used</h1>"
                                        "<p class=\"error\">%1</p><p>Start the sign-in again "
                                        "from the application.</p>")
                             .arg(escaped(message))),
                400);
}

} // namespace

OAuthHandlers::OAuthHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

QStringList OAuthHandlers::clientIds()
{
    return {QStringLiteral("quartermaster")};
}

bool OAuthHandlers::isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"http" || url.port() <= 0 || !url.userInfo().isEmpty() ||
        url.hasFragment())
        return false;
    // Only the literal addresses: "localhost" may resolve elsewhere (RFC 8252 §8.3).
    const QString authority = url.authority(QUrl::FullyEncoded);
    return authority.startsWith(QLatin1String("127.0.0.1:")) ||
           authority.startsWith(QLatin1String("[::1]:"));
}

HttpReply OAuthHandlers::metadata(HttpRequest &request)
{
    const QByteArray host = request.header("host");
    QUrl issuer;
    issuer.setScheme(m_api.settings().sso.https ? QStringLiteral("https") : QStringLiteral("http"));
    issuer.setAuthority(QString::fromLatin1(host), QUrl::StrictMode);
    if (host.isEmpty() || !issuer.isValid() || issuer.host().isEmpty())
        return HttpReply::problem(problems::BadRequest, 400,
                                  QStringLiteral("The request has no valid Host header."));
    const QString base = issuer.toString(QUrl::FullyEncoded);
    QJsonArray grants{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")};
    if (m_api.settings().sso.passwordGrant)
        grants.append(QStringLiteral("password"));
    const QJsonObject o{
        {QStringLiteral("issuer"), base},
        {QStringLiteral("authorization_endpoint"), base + AuthorizePath},
        {QStringLiteral("token_endpoint"), base + QStringLiteral("/api/v1/auth/token")},
        {QStringLiteral("revocation_endpoint"), base + QStringLiteral("/api/v1/auth/revoke")},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("response_modes_supported"), QJsonArray{QStringLiteral("query")}},
        {QStringLiteral("grant_types_supported"), grants},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("none")}},
        {QStringLiteral("revocation_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("none")}},
    };
    return HttpReply::json(o).withHeader(QByteArrayLiteral("Cache-Control"),
                                         QByteArrayLiteral("no-store"));
}

std::optional<HttpReply> OAuthHandlers::checkRequest(const Params &params) const
{
    const QString clientId = params.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return errorPage(QStringLiteral("The request names no application (client_id)."));
    if (!clientIds().contains(clientId))
        return errorPage(
            QStringLiteral("The application '%1' is not known to this portal.").arg(clientId));
    const QString redirectUri = params.value(QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty())
        return errorPage(QStringLiteral("The request has no redirect_uri."));
    if (!isLoopbackRedirect(redirectUri))
        return errorPage(QStringLiteral("The redirect_uri is not an address of the application on "
                                        "this computer (http://127.0.0.1:PORT/ or "
                                        "http://[::1]:PORT/)."));

    const QString state = params.value(QStringLiteral("state"));
    const auto refuse = [&](const char *error, const QString &description) {
        QList<QPair<QString, QString>> items{{QStringLiteral("error"), QLatin1String(error)},
                                             {QStringLiteral("error_description"), description}};
        if (params.contains(QStringLiteral("state")))
            items.append({QStringLiteral("state"), state});
        return redirect(redirectTo(redirectUri, items));
    };
    if (params.value(QStringLiteral("response_type")) != u"code")
        return refuse("unsupported_response_type", QStringLiteral("response_type must be code."));
    if (state.size() > MaxStateLength)
        return refuse("invalid_request",
                      QStringLiteral("state is longer than %1 characters.").arg(MaxStateLength));
    const QString challenge = params.value(QStringLiteral("code_challenge"));
    if (challenge.isEmpty())
        return refuse("invalid_request", QStringLiteral("code_challenge is required (PKCE)."));
    if (params.value(QStringLiteral("code_challenge_method")) != u"S256")
        return refuse("invalid_request",
                      QStringLiteral("code_challenge_method must be S256; plain is not accepted."));
    if (!isBase64UrlChallenge(challenge))
        return refuse("invalid_request",
                      QStringLiteral("code_challenge must be 43 base64url characters."));
    return std::nullopt;
}

HttpReply OAuthHandlers::page(const Params &params, const QString &username, const QString &error,
                              int status) const
{
    QString hidden;
    for (const char *name : RequestFields) {
        const QString key = QLatin1String(name);
        if (params.contains(key))
            hidden += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
                          .arg(key, escaped(params.value(key)));
    }
    const QString portalName = m_api.settings().portalName.isEmpty() ? QStringLiteral("the portal")
                                                                     : m_api.settings().portalName;
    QString content = QStringLiteral("<h1>Sign in to %1</h1><p>Quartermaster on this computer asks "
                                     "to sign in as you.</p>")
                          .arg(escaped(portalName));
    if (!error.isEmpty())
        content += QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(escaped(error));
    content +=
        QStringLiteral("<form method=\"post\" action=\"%1\">%2"
                       "<label for=\"username\">Username</label>"
                       "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
                       "value=\"%3\" required autofocus>"
                       "<label for=\"password\">Password</label>"
                       "<input id=\"password\" name=\"password\" type=\"password\" "
                       "autocomplete=\"current-password\" required>"
                       "<div class=\"buttons\"><button type=\"submit\" name=\"action\" "
                       "value=\"sign-in\">Sign in</button><button type=\"submit\" name=\"action\" "
                       "value=\"cancel\" formnovalidate>Cancel</button></div></form>")
            .arg(AuthorizePath, hidden, escaped(username));
    return html(document(QStringLiteral("Sign in to %1").arg(portalName), content), status);
}

HttpReply OAuthHandlers::authorizePage(HttpRequest &request)
{
    Params params;
    for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (params.contains(name))
            return errorPage(
                QStringLiteral("The parameter '%1' is given more than once.").arg(name));
        params.insert(name, value);
    }
    if (auto refused = checkRequest(params))
        return *refused;
    return page(params, {}, {}, 200);
}

HttpReply OAuthHandlers::authorizeSubmit(HttpRequest &request)
{
    // The sign-in page posts a form; nothing else is accepted here.
    if (request.mediaType() != "application/x-www-form-urlencoded")
        return HttpReply::problem(problems::UnsupportedMediaType, 415,
                                  QStringLiteral("Send the sign-in form as "
                                                 "application/x-www-form-urlencoded."));
    HttpReply error;
    const auto params = ApiHandlers::bodyParameters(request, &error, false);
    if (!params)
        return error;
    if (auto refused = checkRequest(*params))
        return *refused;

    const QString redirectUri = params->value(QStringLiteral("redirect_uri"));
    QList<QPair<QString, QString>> stateItem;
    if (params->contains(QStringLiteral("state")))
        stateItem.append({QStringLiteral("state"), params->value(QStringLiteral("state"))});

    if (params->value(QStringLiteral("action")) == u"cancel") {
        QList<QPair<QString, QString>> items{
            {QStringLiteral("error"), QStringLiteral("access_denied")},
            {QStringLiteral("error_description"),
             QStringLiteral("The user cancelled the sign-in.")}};
        items += stateItem;
        return redirect(redirectTo(redirectUri, items));
    }

    const QString username = params->value(QStringLiteral("username")).trimmed();
    const QString password = params->value(QStringLiteral("password"));
    if (username.isEmpty() || password.isEmpty())
        return page(*params, username, QStringLiteral("Enter your username and password."), 400);

    // The same limits as the token endpoint's password grant, counted together with it.
    LoginThrottle &throttle = m_api.loginThrottle();
    if (const qint64 wait = throttle.retryAfter(username, request.remoteAddress); wait > 0)
        return page(*params, username,
                    QStringLiteral("Too many failed sign-in attempts. Try again in %1 seconds.")
                        .arg(wait),
                    429)
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));

    AuthService auth(m_connections.local(), m_api.settings().auth);
    const auto userId = auth.checkPassword(username, password);
    if (!userId) {
        throttle.recordFailure(username, request.remoteAddress);
        // 200: the form is shown again; the words are the same whether the user exists or not.
        return page(*params, username, QStringLiteral("Wrong username or password."), 200);
    }
    throttle.recordSuccess(username);
    const QString code = auth.createAuthorizationCode(
        *userId, params->value(QStringLiteral("client_id")), redirectUri,
        params->value(QStringLiteral("code_challenge")), m_api.settings().sso.codeLifetime);
    qCInfo(lcOAuth, "authorization code issued to user %lld", *userId);
    QList<QPair<QString, QString>> items{{QStringLiteral("code"), code}};
    items += stateItem;
    return redirect(redirectTo(redirectUri, items));
}

} // namespace qm
