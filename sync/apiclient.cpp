#include "sync/apiclient.h"

#include "core/version.h"
#include "sync/logging.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QTimer>

namespace qm {

namespace {

const QString ClientId = QStringLiteral("quartermaster");
const QString TokenPath = QStringLiteral("/api/v1/auth/token");
const QString RevokePath = QStringLiteral("/api/v1/auth/revoke");

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0 ||
        host.endsWith(u".localhost", Qt::CaseInsensitive))
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

// application/x-www-form-urlencoded, with every reserved character (also '+') escaped.
QByteArray formBody(const QUrlQuery &form)
{
    QByteArray out;
    for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

} // namespace

ApiClient::ApiClient(const QUrl &portal, QObject *parent)
    : QObject(parent)
    , m_portal(portal)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ApiClient::~ApiClient()
{
    // Jobs first: they abort their replies, which belong to the network manager.
    const auto jobs = findChildren<ApiJob *>(Qt::FindDirectChildrenOnly);
    for (ApiJob *job : jobs)
        delete job;
}

void ApiClient::setTokens(const Tokens &tokens)
{
    m_tokens = tokens;
}

void ApiClient::adoptTokens(const Tokens &tokens)
{
    m_tokens = tokens;
    Q_EMIT tokensChanged(tokens);
}

QByteArray ApiClient::userAgent()
{
    return QByteArrayLiteral("Quartermaster/" QM_VERSION);
}

bool ApiClient::isPermitted(const QUrl &url) const
{
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    if (scheme == u"http")
        return m_allowInsecureHttp || isLoopbackHost(url.host());
    return false;
}

QUrl ApiClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_portal;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

ApiJob *ApiClient::createJob(QByteArray method, const QString &path, const QUrlQuery &query,
                             QByteArray body, QByteArray contentType, bool authenticated,
                             QByteArray idempotencyKey)
{
    auto *job = new ApiJob(this, std::move(method), path, query, std::move(body),
                           std::move(contentType), authenticated, std::move(idempotencyKey));
    // Started from the event loop so that the caller can connect to finished() first.
    QTimer::singleShot(0, job, [job] { job->send(); });
    return job;
}

ApiJob *ApiClient::get(const QString &path, const QUrlQuery &query)
{
    return createJob("GET", path, query, {}, {}, true, {});
}

ApiJob *ApiClient::postJson(const QString &path, const QByteArray &json,
                            const QByteArray &idempotencyKey)
{
    return createJob("POST", path, {}, json, "application/json", true, idempotencyKey);
}

ApiJob *ApiClient::patchJson(const QString &path, const QByteArray &json)
{
    return createJob("PATCH", path, {}, json, "application/json", true, {});
}

namespace {

QString listPath(const QString &listId)
{
    return QStringLiteral("/api/v1/lists/") + QString::fromLatin1(QUrl::toPercentEncoding(listId));
}

QPair<QByteArray, QByteArray> precondition(qint64 baseVersion)
{
    if (baseVersion <= 0)
        return {"If-None-Match", "*"};
    return {"If-Match", '"' + QByteArray::number(baseVersion) + '"'};
}

} // namespace

ApiJob *ApiClient::putList(const QString &listId, const QByteArray &body, qint64 baseVersion,
                           const QByteArray &idempotencyKey)
{
    ApiJob *job =
        createJob("PUT", listPath(listId), {}, body, "application/json", true, idempotencyKey);
    job->m_requestHeaders.append(precondition(baseVersion));
    return job;
}

ApiJob *ApiClient::deleteList(const QString &listId, qint64 baseVersion,
                              const QByteArray &idempotencyKey)
{
    ApiJob *job = createJob("DELETE", listPath(listId), {}, {}, {}, true, idempotencyKey);
    job->m_requestHeaders.append(precondition(baseVersion));
    return job;
}

ApiJob *ApiClient::postForm(const QString &path, const QUrlQuery &form)
{
    return createJob("POST", path, {}, formBody(form), "application/x-www-form-urlencoded", false,
                     {});
}

ApiJob *ApiClient::getPublic(const QString &path)
{
    return createJob("GET", path, {}, {}, {}, false, {});
}

QString ApiClient::clientId()
{
    return ClientId;
}

ApiJob *ApiClient::exchangeCode(const QString &code, const QString &redirectUri,
                                const QString &codeVerifier)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    form.addQueryItem(QStringLiteral("client_id"), ClientId);
    form.addQueryItem(QStringLiteral("code_verifier"), codeVerifier);
    return tokenRequest(form);
}

ApiJob *ApiClient::tokenRequest(const QUrlQuery &form)
{
    ApiJob *job = postForm(TokenPath, form);
    job->m_successCheck = [this](const ApiJob &j) -> std::optional<ApiError> {
        const auto tokens = Tokens::fromTokenResponse(j.body(), QDateTime::currentDateTimeUtc());
        if (!tokens)
            return ApiError{
                ApiError::Code::InvalidResponse, j.httpStatus(), std::nullopt,
                QStringLiteral("the token response lacks access_token or refresh_token")};
        adoptTokens(*tokens);
        return std::nullopt;
    };
    return job;
}

ApiJob *ApiClient::signIn(const QString &username, const QString &password)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
    form.addQueryItem(QStringLiteral("username"), username);
    form.addQueryItem(QStringLiteral("password"), password);
    form.addQueryItem(QStringLiteral("client_id"), ClientId);
    return tokenRequest(form);
}

ApiJob *ApiClient::signOut()
{
    const QString refresh = m_tokens.refreshToken;
    m_tokens = {};
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), refresh);
    form.addQueryItem(QStringLiteral("token_type_hint"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("client_id"), ClientId);
    ApiJob *job = postForm(RevokePath, form);
    job->m_localOnly = refresh.isEmpty(); // nothing to revoke
    return job;
}

void ApiClient::refreshTokens(ApiJob *waiting)
{
    m_waitingForRefresh.append(waiting);
    if (m_refreshJob)
        return;
    qCInfo(lcApi) << "refreshing the access token";
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), m_tokens.refreshToken);
    form.addQueryItem(QStringLiteral("client_id"), ClientId);
    m_refreshJob = tokenRequest(form);
    connect(m_refreshJob, &ApiJob::finished, this, &ApiClient::onRefreshFinished);
}

void ApiClient::onRefreshFinished()
{
    const ApiJob *job = m_refreshJob;
    m_refreshJob = nullptr;
    std::optional<ApiError> failure;
    if (job && job->error()) {
        const ApiError &e = *job->error();
        const bool refused =
            (e.code == ApiError::Code::Problem || e.code == ApiError::Code::HttpStatus) &&
            (e.httpStatus == 400 || e.httpStatus == 401);
        if (refused) {
            qCInfo(lcApi) << "the portal refused the refresh token:" << e.toLogString();
            failure = ApiError{ApiError::Code::SessionExpired, e.httpStatus, e.problem,
                               QStringLiteral("the refresh token was refused")};
            Q_EMIT sessionExpired();
        } else {
            failure = e; // the portal could not be asked; the session may still be fine
        }
    }
    const auto waiting = std::exchange(m_waitingForRefresh, {});
    for (const QPointer<ApiJob> &w : waiting) {
        if (w)
            w->onRefreshed(failure);
    }
}

} // namespace qm
