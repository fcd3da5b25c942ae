#pragma once

#include "sync/apierror.h"
#include "sync/retrypolicy.h"
#include "sync/tokens.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace qm {

class ApiClient;

// One request to the portal, with the retry policy, the transfer timeout and the
// refresh-once-on-401 rule built in. Emits finished() exactly once, always from the event
// loop (never before the caller could connect), then deletes itself later (deleteLater)
// unless the caller took ownership with setAutoDelete(false).
class ApiJob : public QObject
{
    Q_OBJECT

public:
    ~ApiJob() override;

    // The answer, once finished(): the HTTP status, body and error (nullopt on 2xx).
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    const std::optional<ApiError> &error() const { return m_error; }
    QByteArray responseHeader(const QByteArray &name) const;
    int attempts() const { return m_attempt; }
    bool isFinished() const { return m_finished; }

    void abort(); // finishes with Code::Cancelled (at once, if not finished yet)
    // An extra request header (e.g. If-None-Match), set before the job starts: in the same
    // turn of the event loop that created it.
    void addRequestHeader(QByteArray name, QByteArray value)
    {
        m_requestHeaders.append({std::move(name), std::move(value)});
    }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished();

private:
    friend class ApiClient;
    // Checks a 2xx answer before finished(); returns the error that replaces success.
    using SuccessCheck = std::function<std::optional<ApiError>(const ApiJob &job)>;

    ApiJob(ApiClient *client, QByteArray method, QString path, QUrlQuery query, QByteArray body,
           QByteArray contentType, bool authenticated, QByteArray idempotencyKey);

    void send();
    void onReplyFinished();
    void onRefreshed(const std::optional<ApiError> &failure);
    void finish(std::optional<ApiError> error);
    void scheduleRetry(std::chrono::milliseconds delay);
    ApiError httpError() const;

    ApiClient *m_client;
    QByteArray m_method;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_requestBody;
    QByteArray m_contentType;
    bool m_authenticated;
    QByteArray m_idempotencyKey;
    SuccessCheck m_successCheck;
    bool m_localOnly = false; // finishes successfully without a request (nothing to send)
    QList<QPair<QByteArray, QByteArray>> m_requestHeaders; // e.g. If-Match

    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QString m_sentAccessToken;
    int m_attempt = 0;
    bool m_refreshTried = false;
    bool m_finished = false;
    bool m_aborting = false;
    bool m_autoDelete = true;
    int m_status = 0;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    std::optional<ApiError> m_error;
};

// Owns the QNetworkAccessManager, the portal base URL and the session's tokens. Lives in
// one thread; a worker thread creates its own ApiClient.
//
// Plain http:// is refused (Code::InsecureConnection) except to loopback addresses
// (127.0.0.0/8, ::1, localhost), unless setAllowInsecureHttp(true). Redirects are not
// followed, so a token never travels to another host.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(const QUrl &portal, QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl portal() const { return m_portal; }
    QNetworkAccessManager *network() const { return m_network; }

    // Sets the tokens (e.g. read from the keychain); does not emit tokensChanged.
    void setTokens(const Tokens &tokens);
    Tokens tokens() const { return m_tokens; }

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // Transfer timeout of every request (default 30 s).
    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    int transferTimeout() const { return m_transferTimeoutMs; }
    // Allows plain http:// to hosts other than loopback (off by default).
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }
    bool allowsInsecureHttp() const { return m_allowInsecureHttp; }
    // Whether requests to `url` may be sent under the rule above.
    bool isPermitted(const QUrl &url) const;

    // "Quartermaster/<version>", sent with every request.
    static QByteArray userAgent();

    // Authenticated JSON requests under the portal URL, e.g. get("/api/v1/me").
    ApiJob *get(const QString &path, const QUrlQuery &query = {});
    ApiJob *postJson(const QString &path, const QByteArray &json,
                     const QByteArray &idempotencyKey = {});
    // A partial change (account administration); like a POST without a key, never retried.
    ApiJob *patchJson(const QString &path, const QByteArray &json);

    // Saved lists (PUT/DELETE /api/v1/lists/{id}). `baseVersion` is the version the change
    // was made on top of: 0 creates the list (If-None-Match: *), otherwise If-Match carries
    // it. The idempotency key must be the same on every retry of one change.
    ApiJob *putList(const QString &listId, const QByteArray &body, qint64 baseVersion,
                    const QByteArray &idempotencyKey);
    ApiJob *deleteList(const QString &listId, qint64 baseVersion, const QByteArray &idempotencyKey);

    // Unauthenticated form POST (token endpoint, revocation).
    ApiJob *postForm(const QString &path, const QUrlQuery &form);
    // Unauthenticated GET under the portal URL (e.g. the authorization server metadata).
    ApiJob *getPublic(const QString &path);

    // The OAuth client id the app signs in as.
    static QString clientId();

    // Password sign-in; on success the client holds the new tokens (tokensChanged). A 2xx
    // answer without usable tokens finishes with Code::InvalidResponse.
    ApiJob *signIn(const QString &username, const QString &password);
    // Single sign-on: exchanges an authorization code (grant_type=authorization_code) with the
    // PKCE code verifier; like signIn() otherwise.
    ApiJob *exchangeCode(const QString &code, const QString &redirectUri,
                         const QString &codeVerifier);
    // Revokes the refresh token on the portal and forgets the tokens locally at once, even
    // if the portal cannot be reached (the job's error then says so). Does not emit
    // tokensChanged: the caller removes the stored tokens.
    ApiJob *signOut();

Q_SIGNALS:
    // New tokens (after sign-in or a rotation): persist them.
    void tokensChanged(const qm::Tokens &tokens);
    // The refresh token was refused: the user must sign in again. Local data is untouched.
    void sessionExpired();

private:
    friend class ApiJob;
    ApiJob *createJob(QByteArray method, const QString &path, const QUrlQuery &query,
                      QByteArray body, QByteArray contentType, bool authenticated,
                      QByteArray idempotencyKey);
    // A token endpoint request whose answer becomes the client's tokens.
    ApiJob *tokenRequest(const QUrlQuery &form);
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;
    // Refreshes the access token once for every job waiting on it; each gets onRefreshed().
    void refreshTokens(ApiJob *waiting);
    void onRefreshFinished();
    void adoptTokens(const Tokens &tokens);

    QUrl m_portal;
    QNetworkAccessManager *m_network;
    Tokens m_tokens;
    RetryPolicy m_retryPolicy;
    int m_transferTimeoutMs = 30000;
    bool m_allowInsecureHttp = false;
    QPointer<ApiJob> m_refreshJob;
    QList<QPointer<ApiJob>> m_waitingForRefresh;
};

} // namespace qm
