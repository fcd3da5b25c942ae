#pragma once

#include "models/profilestore.h"
#include "sync/apierror.h"
#include "sync/tokens.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace qm {

class ApiClient;
class ApiJob;

// Parses a /me document into the profile's identity (models/ProfileInfo) so the client
// can show who is signed in and reflect their capabilities. Returns nullopt if the
// document lacks user, account or permissions.
std::optional<ProfileInfo> profileInfoFromMe(const QJsonObject &me, const QUrl &portal);

// A portal address as a person types it: "portal.example.com" means https, surrounding
// spaces and a trailing slash are dropped. nullopt unless it is an http(s) URL with a host.
std::optional<QUrl> parsePortalUrl(const QString &text);

// Signs a user in with a password (or an authorization code from single sign-on, see
// SsoSignIn), the way the GUI and the CLI both do it: the token
// endpoint's password grant, then /me for who signed in and what they may do. Starts at
// once and emits finished() exactly once. An address that does not answer like a portal
// (no token endpoint, /me not a user document) fails with Code::InvalidResponse.
// Keeping the tokens and the profile is the caller's business: the GUI and the CLI differ
// in what they do without a keychain.
class SignIn final : public QObject
{
    Q_OBJECT

public:
    // What single sign-on brings back from the browser: the code and how it was asked for.
    struct AuthorizationCode
    {
        QString code;
        QString redirectUri;
        QString codeVerifier;
    };

    SignIn(const QUrl &portal, const QString &username, const QString &password,
           QObject *parent = nullptr);
    // The same sign-in with an authorization code (grant_type=authorization_code) instead of
    // a password.
    SignIn(const QUrl &portal, const AuthorizationCode &code, QObject *parent = nullptr);
    ~SignIn() override;

    bool isFinished() const { return m_finished; }
    void abort(); // finishes with Code::Cancelled

    // Once finished: the error, or the signed-in user and their tokens.
    const std::optional<ApiError> &error() const { return m_error; }
    const ProfileInfo &profile() const { return m_profile; }
    const Tokens &tokens() const { return m_tokens; }
    // The client that signed in, holding the tokens; for a caller that must revoke them
    // when it cannot keep them.
    ApiClient *client() const { return m_api.get(); }

Q_SIGNALS:
    void finished();

private:
    void onTokens();
    void onMe();
    void finish(std::optional<ApiError> error);

    QUrl m_portal;
    std::unique_ptr<ApiClient> m_api;
    QPointer<ApiJob> m_job;
    bool m_finished = false;
    std::optional<ApiError> m_error;
    ProfileInfo m_profile;
    Tokens m_tokens;
};

} // namespace qm
