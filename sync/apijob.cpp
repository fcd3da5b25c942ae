#include "sync/apiclient.h"

#include "core/problem.h"
#include "sync/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace qm {

ApiJob::ApiJob(ApiClient *client, QByteArray method, QString path, QUrlQuery query, QByteArray body,
               QByteArray contentType, bool authenticated, QByteArray idempotencyKey)
    : QObject(client)
    , m_client(client)
    , m_method(std::move(method))
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_requestBody(std::move(body))
    , m_contentType(std::move(contentType))
    , m_authenticated(authenticated)
    , m_idempotencyKey(std::move(idempotencyKey))
{}

ApiJob::~ApiJob()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray ApiJob::responseHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiJob::send()
{
    if (m_finished)
        return;
    if (m_localOnly) {
        finish(std::nullopt);
        return;
    }
    ++m_attempt;
    const QUrl url = m_client->urlFor(m_path, m_query);
    if (!m_client->isPermitted(url)) {
        finish(ApiError{
            ApiError::Code::InsecureConnection, 0, std::nullopt,
            QStringLiteral("refusing plain %1 to a host that is not loopback").arg(url.scheme())});
        return;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_client->transferTimeout());
    request.setRawHeader("Accept", "application/json, application/problem+json");
    request.setHeader(QNetworkRequest::UserAgentHeader, ApiClient::userAgent());
    if (!m_contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
    if (!m_idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", m_idempotencyKey);
    for (const auto &[name, value] : std::as_const(m_requestHeaders))
        request.setRawHeader(name, value);
    m_sentAccessToken.clear();
    if (m_authenticated && !m_client->tokens().accessToken.isEmpty()) {
        m_sentAccessToken = m_client->tokens().accessToken;
        request.setRawHeader("Authorization", "Bearer " + m_sentAccessToken.toUtf8());
    }
    qCDebug(lcApi) << m_method << url.path() << "attempt" << m_attempt;
    if (m_method == "GET")
        m_reply = m_client->network()->get(request);
    else
        m_reply = m_client->network()->sendCustomRequest(request, m_method, m_requestBody);
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply || m_finished)
        return;
    reply->deleteLater();
    const QNetworkReply::NetworkError networkError = reply->error();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->isOpen() ? reply->readAll() : QByteArray();
    m_headers = reply->rawHeaderPairs();

    if (m_status == 401 && m_authenticated) {
        if (!m_refreshTried) {
            m_refreshTried = true;
            const Tokens current = m_client->tokens();
            if (!current.accessToken.isEmpty() && current.accessToken != m_sentAccessToken) {
                // Another job rotated the tokens while this one was in flight.
                send();
                return;
            }
            if (!current.refreshToken.isEmpty()) {
                m_client->refreshTokens(this);
                return;
            }
        }
        qCInfo(lcApi) << m_method << m_path << "still unauthorized: the session has expired";
        Q_EMIT m_client->sessionExpired();
        finish(ApiError{ApiError::Code::SessionExpired, m_status, Problem::fromJson(m_body),
                        QStringLiteral("the portal refused the session")});
        return;
    }

    // A truncated answer (fewer bytes than Content-Length, or no status at all) is never
    // taken for success, whatever the transport reported.
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    const bool decoded =
        !reply->rawHeader("Content-Encoding").isEmpty(); // length is of the encoded body
    const bool truncated = m_status == 0 || (announced.isValid() && !decoded &&
                                             announced.toLongLong() != m_body.size());
    // 304 answers a conditional request (If-None-Match): not a failure, and without a body.
    const bool httpFailure = m_status >= 300 && m_status != 304;
    const bool transportFailure =
        !httpFailure && (networkError != QNetworkReply::NoError || truncated);
    if (!httpFailure && !transportFailure) {
        finish(std::nullopt);
        return;
    }

    RetryPolicy::Outcome outcome;
    outcome.httpStatus = httpFailure ? m_status : 0;
    outcome.networkError = transportFailure;
    outcome.retryAfter = responseHeader("Retry-After");
    const auto delay =
        m_client->retryPolicy().retryDelay({m_method, !m_idempotencyKey.isEmpty()}, outcome,
                                           m_attempt, QDateTime::currentDateTimeUtc());
    if (delay) {
        qCInfo(lcApi) << m_method << m_path << "failed ("
                      << (httpFailure ? m_status : int(networkError)) << "), retrying in"
                      << delay->count() << "ms";
        scheduleRetry(*delay);
        return;
    }
    if (httpFailure) {
        finish(httpError());
        return;
    }
    const bool timedOut = networkError == QNetworkReply::OperationCanceledError ||
                          networkError == QNetworkReply::TimeoutError;
    finish(ApiError{timedOut ? ApiError::Code::Timeout : ApiError::Code::Network, 0, std::nullopt,
                    networkError != QNetworkReply::NoError
                        ? reply->errorString()
                        : QStringLiteral("the answer was cut short")});
}

ApiError ApiJob::httpError() const
{
    ApiError e;
    e.httpStatus = m_status;
    e.problem = Problem::fromJson(m_body);
    e.code = e.problem ? ApiError::Code::Problem : ApiError::Code::HttpStatus;
    if (!e.problem)
        e.detail = QString::fromUtf8(m_body.left(200)).simplified();
    return e;
}

void ApiJob::onRefreshed(const std::optional<ApiError> &failure)
{
    if (m_finished)
        return;
    if (failure) {
        finish(*failure);
        return;
    }
    send();
}

void ApiJob::scheduleRetry(std::chrono::milliseconds delay)
{
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &ApiJob::send);
    }
    m_retryTimer->start(delay);
}

void ApiJob::abort()
{
    if (m_finished)
        return;
    m_aborting = true;
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (m_retryTimer)
        m_retryTimer->stop();
    finish(ApiError{ApiError::Code::Cancelled, 0, std::nullopt, QStringLiteral("cancelled")});
}

void ApiJob::finish(std::optional<ApiError> error)
{
    if (m_finished)
        return;
    if (!error && m_successCheck)
        error = m_successCheck(*this);
    m_finished = true;
    m_error = std::move(error);
    if (m_error && m_error->code != ApiError::Code::Cancelled)
        qCInfo(lcApi) << m_method << m_path << "failed:" << m_error->toLogString();
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

} // namespace qm
