#pragma once

#include "models/profilestore.h"
#include "sync/apierror.h"
#include "sync/session.h"
#include "sync/tokens.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace qm {

class ApiClient;
class ApiJob;

// PKCE (RFC 7636) with the S256 method.
namespace pkce {
// A new code verifier: 32 bytes from the system's CSPRNG, base64url (43 characters of the
// unreserved set).
QString newVerifier();
// BASE64URL(SHA-256(ASCII(verifier))).
QString challengeFor(const QString &verifier);
// A new `state`: 16 random bytes, base64url.
QString newState();
} // namespace pkce

// Whether a portal offers single sign-on, from its authorization server metadata (RFC 8414,
// /.well-known/oauth-authorization-server under the portal address). The metadata counts only
// if its issuer is the portal itself, its authorization endpoint may be used under the
// client's transport rules (https, or http to loopback) and it supports the code flow with
// PKCE S256. Starts at once and emits finished() exactly once.
class SsoCheck final : public QObject
{
    Q_OBJECT

public:
    explicit SsoCheck(const QUrl &portal, QObject *parent = nullptr);
    ~SsoCheck() override;

    bool isFinished() const { return m_finished; }
    // Once finished: whether the portal offers SSO, and where its authorization endpoint is.
    bool offered() const { return m_authorizationEndpoint.isValid(); }
    QUrl authorizationEndpoint() const { return m_authorizationEndpoint; }
    // Whether the portal also accepts passwords (its metadata lists the password grant).
    bool passwordAccepted() const { return m_passwordAccepted; }
    // A failure to reach the portal or a portal error; nullopt when the portal answered
    // (with or without SSO).
    const std::optional<ApiError> &error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void onMetadata();

    QUrl m_portal;
    std::unique_ptr<ApiClient> m_api;
    QPointer<ApiJob> m_job;
    bool m_finished = false;
    QUrl m_authorizationEndpoint;
    bool m_passwordAccepted = true;
    std::optional<ApiError> m_error;
};

// Signs a user in through the portal's single sign-on, as RFC 8252 describes for native
// apps: the system browser shows the portal's sign-in page, which redirects to a one-off
// listener on 127.0.0.1 (a random port, loopback only) with an authorization code; the code
// and the PKCE verifier are exchanged for tokens, then /me is read exactly as a password
// sign-in does (SignIn). Keeping the tokens and the profile is the caller's business, as for
// SignIn.
//
// Only one request to the redirect path is accepted; its `state` must be the one sent, or
// the sign-in fails. The browser gets a short page that says how it ended. Starts at once
// and emits finished() exactly once.
class SsoSignIn final : public QObject
{
    Q_OBJECT

public:
    // Opens `url` in a browser; false if it could not.
    using Browser = std::function<bool(const QUrl &url)>;

    enum class Failure
    {
        None,
        Api,             // the portal could not be reached or refused: see apiError()
        NotOffered,      // the portal offers no single sign-on
        Denied,          // the user cancelled or the portal refused the sign-in in the browser
        StateMismatch,   // the redirect carried another state: not this sign-in's answer
        InvalidRedirect, // the redirect carried neither a code nor an error
        TimedOut,        // no answer from the browser in time
        Cancelled,       // abort()
        ListenFailed,    // no loopback port to listen on
    };

    // Runs `command` (a program and its arguments, quoted as a shell would) with the URL as
    // one more argument.
    static Browser commandBrowser(const QString &command);
    // The command in the environment variable QM_BROWSER when it is set, otherwise the
    // platform's opener for URLs (xdg-open, open, or the Windows URL handler). For programs
    // without a GUI; the desktop app uses QDesktopServices.
    static Browser browserFromEnvironment();

    // `timeoutMs` is how long to wait for the browser's answer.
    SsoSignIn(const QUrl &portal, Browser browser, int timeoutMs = 5 * 60 * 1000,
              QObject *parent = nullptr);
    ~SsoSignIn() override;

    bool isFinished() const { return m_finished; }
    void abort(); // finishes with Failure::Cancelled

    // Once authorizationUrlReady() was emitted: the address opened in the browser.
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    // Whether the browser function reported success.
    bool browserOpened() const { return m_browserOpened; }

    // Once finished.
    Failure failure() const { return m_failure; }
    const std::optional<ApiError> &apiError() const { return m_apiError; }
    // The portal's `error` and `error_description` of a refused sign-in (Denied).
    QString authorizationError() const { return m_authorizationError; }
    const ProfileInfo &profile() const;
    const Tokens &tokens() const;
    // The client that signed in (see SignIn::client()); null unless it succeeded.
    ApiClient *client() const;

Q_SIGNALS:
    // The browser is being sent to `url`; a user without one can open it by hand.
    void authorizationUrlReady(const QUrl &url);
    void finished();

private:
    void onChecked();
    void onConnection();
    void onRequest(QTcpSocket *socket);
    void onSignedIn();
    // Answers the browser with a short page and closes the connection.
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void finish(Failure failure);

    QUrl m_portal;
    Browser m_browser;
    QPointer<SsoCheck> m_check;
    QTcpServer *m_server = nullptr;
    QTimer *m_timeout = nullptr;
    QPointer<QTcpSocket> m_callback; // the browser's redirect, answered once signed in
    std::unique_ptr<SignIn> m_signIn;
    QString m_redirectPath;
    QString m_redirectUri;
    QString m_verifier;
    QString m_state;
    QUrl m_authorizationUrl;
    bool m_browserOpened = false;
    bool m_answerTaken = false;
    bool m_finished = false;
    Failure m_failure = Failure::None;
    std::optional<ApiError> m_apiError;
    QString m_authorizationError;
};

} // namespace qm
