#include "sync/session.h"

#include "sync/apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

std::optional<ProfileInfo> profileInfoFromMe(const QJsonObject &me, const QUrl &portal)
{
    const QJsonValue user = me.value(u"user");
    const QJsonValue account = me.value(u"account");
    const QJsonValue permissions = me.value(u"permissions");
    if (!user.isObject() || !account.isObject() || !permissions.isArray())
        return std::nullopt;
    const QJsonObject u = user.toObject();
    const QJsonObject a = account.toObject();
    ProfileInfo info;
    info.portal = portal;
    info.username = u.value(u"username").toString();
    if (info.username.isEmpty())
        return std::nullopt;
    info.displayName = u.value(u"display_name").toString();
    info.role = u.value(u"role").toString();
    for (const QJsonValue &v : permissions.toArray()) {
        if (!v.isString())
            return std::nullopt;
        info.permissions << v.toString();
    }
    info.accountCode = a.value(u"code").toString();
    info.accountName = a.value(u"name").toString();
    info.currency = a.value(u"currency").toString();
    info.portalName = me.value(u"portal").toObject().value(u"name").toString();
    info.me = me;
    return info;
}

std::optional<QUrl> parsePortalUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("https://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return std::nullopt;
    if (url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path().chopped(1));
    return url;
}

SignIn::SignIn(const QUrl &portal, const QString &username, const QString &password,
               QObject *parent)
    : QObject(parent)
    , m_portal(portal)
    , m_api(std::make_unique<ApiClient>(portal))
{
    m_job = m_api->signIn(username, password);
    connect(m_job, &ApiJob::finished, this, &SignIn::onTokens);
}

SignIn::SignIn(const QUrl &portal, const AuthorizationCode &code, QObject *parent)
    : QObject(parent)
    , m_portal(portal)
    , m_api(std::make_unique<ApiClient>(portal))
{
    m_job = m_api->exchangeCode(code.code, code.redirectUri, code.codeVerifier);
    connect(m_job, &ApiJob::finished, this, &SignIn::onTokens);
}

SignIn::~SignIn()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->abort();
    }
}

void SignIn::abort()
{
    if (m_finished)
        return;
    if (m_job)
        m_job->abort(); // finishes the job, whose handler finishes this
    else
        finish(ApiError{ApiError::Code::Cancelled, 0, std::nullopt, QStringLiteral("cancelled")});
}

void SignIn::onTokens()
{
    ApiJob *job = m_job;
    m_job = nullptr;
    if (!job || m_finished)
        return;
    if (auto error = job->error()) {
        // An error status without a problem document from the token endpoint: there is no
        // token endpoint at this address.
        if (error->code == ApiError::Code::HttpStatus &&
            (error->httpStatus == 404 || error->httpStatus == 405))
            error->code = ApiError::Code::InvalidResponse;
        finish(error);
        return;
    }
    m_job = m_api->get(QStringLiteral("/api/v1/me"));
    connect(m_job, &ApiJob::finished, this, &SignIn::onMe);
}

void SignIn::onMe()
{
    ApiJob *job = m_job;
    m_job = nullptr;
    if (!job || m_finished)
        return;
    if (job->error()) {
        finish(job->error());
        return;
    }
    const auto info = profileInfoFromMe(QJsonDocument::fromJson(job->body()).object(), m_portal);
    if (!info) {
        finish(ApiError{ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                        QStringLiteral("/api/v1/me is not a user document")});
        return;
    }
    m_profile = *info;
    m_tokens = m_api->tokens();
    finish(std::nullopt);
}

void SignIn::finish(std::optional<ApiError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

} // namespace qm
