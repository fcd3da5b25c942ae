#include "server/apihandlers.h"

#include "core/feeds.h"
#include "core/problem.h"
#include "core/version.h"
#include "server/accountdirectory.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/feedreader.h"
#include "server/httprequest.h"
#include "server/requestparsing.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace qm {

namespace {

// An RFC 6749 token-endpoint error: a problem document that also carries `error`.
HttpReply oauthProblem(QStringView slug, const char *error, const QString &detail, int status = 400)
{
    return HttpReply::problem(slug, status, detail,
                              QJsonObject{{QStringLiteral("error"), QString::fromLatin1(error)}})
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

// RFC 7636 §4.1: 43 to 128 characters of the unreserved set.
bool isCodeVerifier(const QString &text)
{
    if (text.size() < 43 || text.size() > 128)
        return false;
    for (QChar c : text) {
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
                        (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_' ||
                        c == u'~';
        if (!ok)
            return false;
    }
    return true;
}

QString capabilityFor(Feed feed)
{
    switch (feed) {
    case Feed::Products:
    case Feed::PartNumbers:
    case Feed::Lists:
        return QString::fromUtf16(capabilities::CatalogRead);
    case Feed::Orders:
        return QString::fromUtf16(capabilities::OrdersRead);
    case Feed::Prices:
        return QString::fromUtf16(capabilities::PricesRead);
    case Feed::Stock:
        return QString::fromUtf16(capabilities::StockRead);
    }
    return {};
}

} // namespace

ApiHandlers::ApiHandlers(ConnectionPool &connections, Settings settings)
    : m_connections(connections)
    , m_settings(std::move(settings))
    , m_loginThrottle(std::make_unique<LoginThrottle>(m_settings.login))
    , m_pageCache(m_settings.pageCacheBytes > 0
                      ? std::make_unique<FeedPageCache>(m_settings.pageCacheBytes)
                      : nullptr)
{}

HttpReply ApiHandlers::health(HttpRequest &)
{
    try {
        DbConnection &db = m_connections.local();
        Statement q =
            db.prepare(QStringLiteral("SELECT value FROM counters WHERE name = 'feed_seq'"));
        q.exec();
    } catch (const DbError &) {
        return HttpReply::problem(problems::Unavailable, 503,
                                  QStringLiteral("The database is not reachable."))
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
    }
    QJsonObject o{{QStringLiteral("status"), QStringLiteral("ok")},
                  {QStringLiteral("version"), QStringLiteral(QM_VERSION)},
                  {QStringLiteral("api"), QStringLiteral(QM_API_VERSION)}};
    if (!m_settings.portalName.isEmpty())
        o.insert(QStringLiteral("portal"), m_settings.portalName);
    return HttpReply::json(o).withHeader(QByteArrayLiteral("Cache-Control"),
                                         QByteArrayLiteral("no-store"));
}

std::optional<QHash<QString, QString>>
ApiHandlers::bodyParameters(const HttpRequest &request, HttpReply *error, bool oauthErrors)
{
    RequestError why;
    auto params = parseBodyParameters(request.mediaType(), request.body, &why);
    if (!params)
        *error = oauthErrors ? oauthProblem(why.slug, "invalid_request", why.detail, why.status)
                             : HttpReply::problem(why.slug, why.status, why.detail);
    return params;
}

HttpReply ApiHandlers::token(HttpRequest &request)
{
    HttpReply error;
    const auto params = bodyParameters(request, &error, true);
    if (!params)
        return error;
    const QString grantType = params->value(QStringLiteral("grant_type"));
    DbConnection &db = m_connections.local();
    AuthService auth(db, m_settings.auth);
    std::optional<TokenGrant> grant;
    if (grantType == u"password") {
        const QString username = params->value(QStringLiteral("username"));
        const QString password = params->value(QStringLiteral("password"));
        if (username.isEmpty() || !params->contains(QStringLiteral("password")))
            return oauthProblem(problems::BadRequest, "invalid_request",
                                QStringLiteral("username and password are required."));
        if (!m_settings.sso.passwordGrant)
            return oauthProblem(problems::UnsupportedGrantType, "unsupported_grant_type",
                                QStringLiteral("This portal signs users in with single sign-on "
                                               "only; use grant_type authorization_code."));
        // Throttled attempts are refused before the password is checked, the right one
        // included, and alike for usernames that exist and those that do not.
        if (const qint64 wait = m_loginThrottle->retryAfter(username, request.remoteAddress);
            wait > 0)
            return throttled(wait);
        grant = auth.passwordGrant(username, password);
        if (!grant) {
            m_loginThrottle->recordFailure(username, request.remoteAddress);
            return oauthProblem(problems::InvalidGrant, "invalid_grant",
                                QStringLiteral("The username or password is wrong."));
        }
        m_loginThrottle->recordSuccess(username);
    } else if (grantType == u"refresh_token") {
        const QString refreshToken = params->value(QStringLiteral("refresh_token"));
        if (refreshToken.isEmpty())
            return oauthProblem(problems::BadRequest, "invalid_request",
                                QStringLiteral("refresh_token is required."));
        grant = auth.refreshGrant(refreshToken);
        if (!grant)
            return oauthProblem(problems::InvalidGrant, "invalid_grant",
                                QStringLiteral("The refresh token is not valid; sign in again."));
    } else if (grantType == u"authorization_code" && m_settings.sso.enabled) {
        HttpReply refused = codeGrant(*params, auth, &grant);
        if (!grant)
            return refused;
    } else if (grantType.isEmpty()) {
        return oauthProblem(problems::BadRequest, "invalid_request",
                            QStringLiteral("grant_type is required."));
    } else {
        return oauthProblem(problems::UnsupportedGrantType, "unsupported_grant_type",
                            m_settings.sso.enabled
                                ? QStringLiteral("Use grant_type password, authorization_code "
                                                 "or refresh_token.")
                                : QStringLiteral("Use grant_type password or refresh_token."));
    }
    const QJsonObject body{{QStringLiteral("access_token"), grant->accessToken},
                           {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                           {QStringLiteral("expires_in"), grant->expiresIn},
                           {QStringLiteral("refresh_token"), grant->refreshToken},
                           {QStringLiteral("refresh_expires_in"), grant->refreshExpiresIn}};
    return HttpReply::json(body)
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"))
        .withHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
}

HttpReply ApiHandlers::throttled(qint64 wait)
{
    return HttpReply::problem(problems::RateLimited, 429,
                              QStringLiteral("Too many failed sign-in attempts for this user or "
                                             "from this address. Try again in %1 seconds.")
                                  .arg(wait),
                              QJsonObject{{QStringLiteral("retry_after"), wait}})
        .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait))
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply ApiHandlers::codeGrant(const QHash<QString, QString> &params, AuthService &auth,
                                 std::optional<TokenGrant> *grant)
{
    for (const char *name : {"code", "redirect_uri", "client_id", "code_verifier"}) {
        if (params.value(QLatin1String(name)).isEmpty())
            return oauthProblem(problems::BadRequest, "invalid_request",
                                QStringLiteral("%1 is required with grant_type "
                                               "authorization_code.")
                                    .arg(QLatin1String(name)));
    }
    const QString verifier = params.value(QStringLiteral("code_verifier"));
    if (!isCodeVerifier(verifier))
        return oauthProblem(problems::BadRequest, "invalid_request",
                            QStringLiteral("code_verifier must be 43 to 128 characters of "
                                           "A-Z, a-z, 0-9, '-', '.', '_' and '~' (RFC 7636)."));
    CodeRefusal refusal = CodeRefusal::None;
    *grant = auth.codeGrant(params.value(QStringLiteral("code")),
                            params.value(QStringLiteral("client_id")),
                            params.value(QStringLiteral("redirect_uri")), verifier, &refusal);
    if (*grant)
        return {};
    QString detail;
    switch (refusal) {
    case CodeRefusal::None:
    case CodeRefusal::Unknown:
        detail = QStringLiteral("The authorization code is not valid; sign in again.");
        break;
    case CodeRefusal::Reused:
        detail = QStringLiteral("The authorization code was already used; the sign-in it "
                                "started is revoked. Sign in again.");
        break;
    case CodeRefusal::Expired:
        detail = QStringLiteral("The authorization code expired; sign in again.");
        break;
    case CodeRefusal::WrongClient:
        detail = QStringLiteral("The authorization code was issued to another client.");
        break;
    case CodeRefusal::WrongRedirect:
        detail = QStringLiteral("redirect_uri is not the one the authorization code was "
                                "issued for.");
        break;
    case CodeRefusal::VerifierMismatch:
        detail = QStringLiteral("code_verifier does not match the code_challenge of the "
                                "authorization request.");
        break;
    }
    return oauthProblem(problems::InvalidGrant, "invalid_grant", detail);
}

HttpReply ApiHandlers::revoke(HttpRequest &request)
{
    HttpReply error;
    const auto params = bodyParameters(request, &error, true);
    if (!params)
        return error;
    const QString token = params->value(QStringLiteral("token"));
    if (token.isEmpty())
        return oauthProblem(problems::BadRequest, "invalid_request",
                            QStringLiteral("token is required."));
    DbConnection &db = m_connections.local();
    AuthService(db, m_settings.auth).revoke(token);
    return HttpReply::raw(QByteArrayLiteral("application/json"), QByteArrayLiteral("{}"))
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

std::optional<AuthenticatedUser> ApiHandlers::authorize(HttpRequest &request, DbConnection &db,
                                                        QStringView capability, HttpReply *denied)
{
    auto user = authenticate(request, db, denied);
    if (user && !user->can(capability)) {
        *denied = HttpReply::problem(
            problems::Forbidden, 403,
            QStringLiteral("Your role does not include %1.").arg(capability.toString()));
        return std::nullopt;
    }
    return user;
}

std::optional<AuthenticatedUser> ApiHandlers::authenticate(HttpRequest &request, DbConnection &db,
                                                           HttpReply *denied)
{
    const QString token = request.bearerToken();
    if (token.isEmpty()) {
        *denied = HttpReply::problem(
                      problems::Unauthorized, 401,
                      QStringLiteral("Send an access token: Authorization: Bearer <token>."))
                      .withHeader(QByteArrayLiteral("WWW-Authenticate"),
                                  QByteArrayLiteral("Bearer realm=\"qm-portal\""));
        return std::nullopt;
    }
    auto user = AuthService(db, m_settings.auth).authenticate(token);
    if (!user) {
        *denied =
            HttpReply::problem(problems::Unauthorized, 401,
                               QStringLiteral("The access token is unknown, expired or revoked."))
                .withHeader(
                    QByteArrayLiteral("WWW-Authenticate"),
                    QByteArrayLiteral("Bearer realm=\"qm-portal\", error=\"invalid_token\""));
        return std::nullopt;
    }
    request.userId = user->userId;
    return user;
}

HttpReply ApiHandlers::me(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = authenticate(request, db, &denied);
    if (!user)
        return denied;
    return HttpReply::json(AccountDirectory(db).me(*user, m_settings.portalName))
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply ApiHandlers::sync(HttpRequest &request, const QString &feedText)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = authenticate(request, db, &denied);
    if (!user)
        return denied;
    const auto feed = feedFromName(feedText);
    if (!feed)
        return HttpReply::problem(problems::NotFound, 404,
                                  QStringLiteral("There is no feed named '%1'.").arg(feedText));
    if (!user->can(capabilityFor(*feed)))
        return HttpReply::problem(
            problems::Forbidden, 403,
            QStringLiteral("Your role does not include %1.").arg(capabilityFor(*feed)));

    RequestError why;
    const auto query = SyncQuery::parse(request.query, &why);
    if (!query)
        return HttpReply::problem(why.slug, why.status, why.detail);

    // The catalog feeds are read in the scope of the user's catalog, the part numbers in that of
    // the user's own account: nobody is ever served another account's part numbers.
    const qint64 scope = isAccountFeed(*feed) ? user->accountId : user->catalogId;
    FeedReader::Page page = FeedReader(db, m_pageCache.get())
                                .read(scope, *feed, query->after, query->limit, query->fullPull);
    switch (page.status) {
    case FeedReader::Page::Status::CursorPurged:
        return HttpReply::problem(
            problems::CursorExpired, 410,
            QStringLiteral("Changes after %1 are no longer kept; pull the feed again from 0.")
                .arg(query->after));
    case FeedReader::Page::Status::CursorAhead:
        return HttpReply::problem(
            problems::CursorExpired, 410,
            QStringLiteral(
                "The cursor %1 is ahead of this server's feed; pull the feed again from 0.")
                .arg(query->after));
    case FeedReader::Page::Status::Ok:
        break;
    }
    return HttpReply::raw(QByteArrayLiteral("application/json"), std::move(page.json))
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply ApiHandlers::problemPage(const QString &slug)
{
    using namespace problems;
    static const struct
    {
        const char16_t *slug;
        const char *text;
    } pages[] = {
        {BadRequest,
         "The request is missing a required parameter or has one in the wrong form. The detail "
         "member says which."},
        {MalformedJson, "The request body is declared as JSON but does not parse. Fix the body and "
                        "send it again."},
        {UnsupportedMediaType,
         "The request body has a content type this route does not accept. The token and "
         "revocation endpoints take application/x-www-form-urlencoded or application/json."},
        {PayloadTooLarge,
         "The request body is larger than the portal accepts. Send a smaller body."},
        {Unauthorized,
         "The request has no access token, or the token is unknown, expired or revoked. Get a "
         "new one from /api/v1/auth/token (refresh, or sign in again)."},
        {InvalidGrant,
         "The username or password is wrong, the user is deactivated, the refresh token is "
         "unknown, expired, revoked or was already used, or the authorization code is unknown, "
         "expired, already used, issued for another client or redirect_uri, or its "
         "code_verifier does not match. Sign in again."},
        {UnsupportedGrantType,
         "The token endpoint supports grant_type=password, grant_type=authorization_code (on "
         "portals with single sign-on) and grant_type=refresh_token. A portal with single "
         "sign-on only refuses grant_type=password: sign in through its authorization "
         "endpoint, whose address /.well-known/oauth-authorization-server gives."},
        {Forbidden,
         "Your role in your account does not include what this request needs. Ask your account "
         "administrator."},
        {NotFound, "There is nothing at this address."},
        {MethodNotAllowed,
         "This address does not support the request's method; the Allow header lists the ones "
         "it does."},
        {InvalidCursor,
         "The sync parameters are not valid: 'after' must be a non-negative integer, 'limit' an "
         "integer from 1 to 5000 and 'full' true or false."},
        {CursorExpired,
         "The portal no longer keeps every change after this cursor (tombstones older than the "
         "retention were purged, or the portal's data was reset). Pull the feed again from "
         "after=0 with full=true on every page, and replace the cached copy."},
        {RateLimited,
         "Too many requests. Wait for the number of seconds in Retry-After, then try again."},
        {InternalError,
         "The portal failed to handle the request. Try again later; if it persists, tell the "
         "supplier."},
        {Unavailable,
         "The portal cannot serve requests at the moment (e.g. its database is unreachable). Try "
         "again later."},
        {IdempotencyKeyMissing,
         "Every change to a saved list must carry an Idempotency-Key header (1 to 200 printable "
         "ASCII characters, e.g. a UUID) chosen by the client for this one change. Send the same "
         "key again when retrying the same change; use a new key for the next change."},
        {IdempotencyKeyReused,
         "This Idempotency-Key was already used by this user for a request with a different "
         "method, path or body. Use a new key for every new change."},
        {RequestInProgress,
         "A request with this Idempotency-Key is still being processed. Wait a moment and send "
         "the same request again: it then gets the first request's answer."},
        {PreconditionRequired,
         "Changing a saved list needs a precondition: If-None-Match: * to create a new list, or "
         "If-Match with the version (ETag) you changed, e.g. If-Match: \"3\"."},
        {VersionConflict,
         "The saved list was changed or deleted since the version you sent (or already exists "
         "when you meant to create it). The member 'current' holds the portal's current list, "
         "or null when it no longer exists; merge or keep your change as a new list."},
        {InvalidList,
         "The saved list in the request body is not valid. The member 'errors' lists each "
         "problem with a JSON pointer to the member (e.g. /lines/3/quantity) and a detail. A "
         "name has 1 to 120 characters; a list at most 5000 lines; a line a sku of 1 to 64 "
         "characters, a quantity as a decimal string above 0 with at most 4 decimals, an "
         "optional unit and an optional note of at most 200 characters."},
        {InvalidListId,
         "A saved list's id is a UUID in lowercase with dashes (36 characters), chosen by the "
         "client that creates the list."},
        {InvalidOrder,
         "The order body is not valid. `errors` lists each problem with a JSON pointer into the "
         "body; nothing was ordered."},
        {IdempotencyKeyMismatch,
         "An order's Idempotency-Key must be its client_order_id, so that a retry can never "
         "create a second order."},
        {OrderNeedsReview,
         "Some lines changed since the buyer saw them: a different price, a quantity the rules "
         "adjust, or a product that cannot be ordered. `lines` lists each with the reason; "
         "nothing was ordered. Review the lines and send the order with a new key."},
        {CreditLimitExceeded,
         "The order total is more than the account's available credit (limit minus balance "
         "minus open orders). The problem carries limit, balance, open and available."},
        {UnknownShipTo, "The ship_to code is not one of the account's ship-to locations."},
        {OrderNotPending,
         "Only an order waiting for approval can be approved or rejected; this one was "
         "decided already or never needed approval."},
        {ShipToInactive,
         "The ship-to location was deactivated by an account administrator: it stays on the "
         "orders that used it but takes no new ones. Choose another location."},
        {InvalidUser,
         "The user in the request body is not valid. `errors` lists each problem with a JSON "
         "pointer to the member (e.g. /email) and a detail; nothing was changed."},
        {InvalidLocation,
         "The ship-to location in the request body is not valid. `errors` lists each problem "
         "with a JSON pointer to the member (e.g. /postal_code) and a detail; nothing was "
         "changed."},
        {UsernameTaken,
         "Usernames are unique across the whole portal, and this one belongs to another user. "
         "Choose another username."},
        {LocationCodeTaken,
         "Ship-to location codes are unique within an account. Choose another code, or change "
         "the existing location."},
        {LastAccountAdmin,
         "An account always keeps at least one active account administrator: the last one "
         "cannot be demoted or deactivated. Make another user an account administrator first."},
        {SelfDeactivation,
         "An administrator cannot deactivate their own user; another account administrator "
         "can."},
        {DefaultLocationRequired,
         "An account always has exactly one active default ship-to location. To change it, make "
         "another location the default; the old one then loses it."},
    };
    for (const auto &page : pages) {
        if (slug == QStringView(page.slug)) {
            return HttpReply::text(problemTitle(slug) + QStringLiteral("\n\n") +
                                   QString::fromLatin1(page.text) + u'\n');
        }
    }
    return HttpReply::problem(problems::NotFound, 404,
                              QStringLiteral("There is no problem type '%1'.").arg(slug));
}

} // namespace qm
