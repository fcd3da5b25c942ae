#pragma once

#include "core/permissions.h"

#include <QString>

#include <optional>

namespace qm {

class DbConnection;

// The signed-in user behind a valid access token, with what every route needs to scope and
// authorise the request.
struct AuthenticatedUser
{
    qint64 userId = 0;
    qint64 accountId = 0;
    qint64 catalogId = 0;
    Role role = Role::Viewer;
    bool viewersSeePrices = true;

    bool can(QStringView capability) const
    {
        return capabilitiesOf(role, viewersSeePrices).contains(capability);
    }
};

// Why an authorization code was not exchanged for tokens (all RFC 6749 invalid_grant).
enum class CodeRefusal
{
    None,
    Unknown,         // no such code, or its user is deactivated
    Reused,          // presented before: the sign-in it started is revoked
    Expired,         // past its lifetime
    WrongClient,     // issued to another client_id
    WrongRedirect,   // issued for another redirect_uri
    VerifierMismatch // SHA-256 of code_verifier is not the code_challenge (RFC 7636 §4.6)
};

struct TokenGrant
{
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0;
    qint64 refreshExpiresIn = 0;
};

// OAuth 2.0 tokens. Tokens are 32 random bytes (base64url); the database keeps only their
// SHA-256. One sign-in is a token family: each refresh returns a new refresh token and marks
// the old one used; presenting a used one again revokes the family, access tokens included.
class AuthService final
{
public:
    struct Settings
    {
        qint64 accessTokenTtl = 900;
        qint64 refreshTokenTtl = 30 * 24 * 3600;
    };

    AuthService(DbConnection &db, Settings settings);

    // nullopt for an unknown user, a wrong password or a deactivated user alike (with the
    // same cost: an unknown user is checked against a dummy hash). Throws DbError.
    std::optional<TokenGrant> passwordGrant(const QString &username, const QString &password);
    // The id of the active user with this username and password; nullopt otherwise, with
    // the same cost as passwordGrant(). Throws DbError.
    std::optional<qint64> checkPassword(const QString &username, const QString &password);

    // A new single-use authorization code for `userId`, bound to the client, the redirect
    // URI and the PKCE S256 challenge, valid for `lifetimeSeconds`. Throws DbError.
    QString createAuthorizationCode(qint64 userId, const QString &clientId,
                                    const QString &redirectUri, const QString &codeChallenge,
                                    qint64 lifetimeSeconds);
    // Exchanges an authorization code for a new sign-in (token family). A code presented a
    // second time revokes the tokens issued for it (RFC 6749 §4.1.2). Throws DbError.
    std::optional<TokenGrant> codeGrant(const QString &code, const QString &clientId,
                                        const QString &redirectUri, const QString &codeVerifier,
                                        CodeRefusal *refusal);
    // BASE64URL(SHA-256(ASCII(verifier))), the RFC 7636 S256 transformation.
    static QString s256Challenge(const QString &verifier);
    // nullopt for an unknown, expired, used or revoked refresh token; a used one also
    // revokes its whole family. Throws DbError.
    std::optional<TokenGrant> refreshGrant(const QString &refreshToken);
    // RFC 7009: a refresh token ends its family, an access token ends itself; anything
    // else is ignored.
    void revoke(const QString &token);
    // nullopt unless the token is a current access token of an active user.
    std::optional<AuthenticatedUser> authenticate(QStringView accessToken);

    // Whether `token` could be one of ours (43 base64url characters); cheap pre-check.
    static bool looksLikeToken(QStringView token);

private:
    TokenGrant issue(qint64 familyId, qint64 now);
    // Starts a sign-in for `userId` inside the current transaction.
    qint64 newFamily(qint64 userId, qint64 now);
    // Ends a sign-in: every token of the family stops working.
    void revokeFamily(qint64 familyId, qint64 at);

    DbConnection &m_db;
    Settings m_settings;
};

} // namespace qm
