#include "server/authservice.h"

#include "server/crypto.h"
#include "server/dbconnection.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcAuth, "qm.portal.auth")

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

AuthService::AuthService(DbConnection &db, Settings settings)
    : m_db(db)
    , m_settings(settings)
{}

bool AuthService::looksLikeToken(QStringView token)
{
    if (token.size() != 43)
        return false;
    return crypto::fromBase64Url(token).has_value();
}

TokenGrant AuthService::issue(qint64 familyId, qint64 issuedAt)
{
    TokenGrant grant;
    grant.expiresIn = m_settings.accessTokenTtl;
    grant.refreshExpiresIn = m_settings.refreshTokenTtl;
    // Only the digests are stored; the table names are fixed here, not input.
    const auto store = [&](const char *table, qint64 ttl) {
        const QString token = crypto::newToken();
        m_db.prepare(QStringLiteral("INSERT INTO %1 (family_id, token_hash, created_at, "
                                    "expires_at) VALUES (?, ?, ?, ?)")
                         .arg(QLatin1String(table)))
            .bind(familyId)
            .bind(crypto::tokenDigest(token))
            .bind(issuedAt)
            .bind(issuedAt + ttl)
            .exec();
        return token;
    };
    grant.accessToken = store("access_tokens", m_settings.accessTokenTtl);
    grant.refreshToken = store("refresh_tokens", m_settings.refreshTokenTtl);
    return grant;
}

std::optional<qint64> AuthService::checkPassword(const QString &username, const QString &password)
{
    qint64 userId = 0;
    QString storedHash;
    bool active = false;
    {
        Statement q = m_db.prepare(
            QStringLiteral("SELECT id, password_hash, active FROM users WHERE username = ?"));
        q.bind(username.trimmed().toLower()).exec();
        if (q.next()) {
            userId = q.int64(0);
            storedHash = q.text(1);
            active = q.int64(2) != 0;
        }
    }
    // The expensive check runs outside any transaction, and runs for unknown users too.
    if (userId == 0) {
        crypto::verifyDummyPassword(password);
        return std::nullopt;
    }
    if (!crypto::verifyPassword(password, storedHash) || !active) {
        qCInfo(lcAuth, "sign-in refused for user %lld", userId);
        return std::nullopt;
    }
    return userId;
}

qint64 AuthService::newFamily(qint64 userId, qint64 t)
{
    Statement family = m_db.prepare(QStringLiteral(
        "INSERT INTO token_families (user_id, created_at) VALUES (?, ?) RETURNING id"));
    family.bind(userId).bind(t).exec();
    if (!family.next())
        throw DbError(QStringLiteral("no id for the new token family"));
    return family.int64(0);
}

std::optional<TokenGrant> AuthService::passwordGrant(const QString &username,
                                                     const QString &password)
{
    const auto userId = checkPassword(username, password);
    if (!userId)
        return std::nullopt;
    return m_db.write([&] {
        const qint64 t = now();
        return std::optional<TokenGrant>(issue(newFamily(*userId, t), t));
    });
}

QString AuthService::s256Challenge(const QString &verifier)
{
    return crypto::toBase64Url(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
}

QString AuthService::createAuthorizationCode(qint64 userId, const QString &clientId,
                                             const QString &redirectUri,
                                             const QString &codeChallenge, qint64 lifetimeSeconds)
{
    const QString code = crypto::newToken();
    m_db.write([&] {
        const qint64 t = now();
        // Codes live seconds; a day later nobody can present one again meaningfully.
        m_db.prepare(QStringLiteral("DELETE FROM authorization_codes WHERE expires_at < ?"))
            .bind(t - 24 * 3600)
            .exec();
        m_db.prepare(QStringLiteral(
                         "INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, "
                         "user_id, code_challenge, created_at, expires_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)"))
            .bind(crypto::tokenDigest(code))
            .bind(clientId)
            .bind(redirectUri)
            .bind(userId)
            .bind(codeChallenge)
            .bind(t)
            .bind(t + lifetimeSeconds)
            .exec();
    });
    return code;
}

std::optional<TokenGrant> AuthService::codeGrant(const QString &code, const QString &clientId,
                                                 const QString &redirectUri,
                                                 const QString &codeVerifier, CodeRefusal *refusal)
{
    *refusal = CodeRefusal::Unknown;
    if (!looksLikeToken(code))
        return std::nullopt;
    const QString digest = crypto::tokenDigest(code);
    return m_db.write([&]() -> std::optional<TokenGrant> {
        const qint64 t = now();
        qint64 codeId = 0;
        qint64 userId = 0;
        qint64 expiresAt = 0;
        qint64 familyId = 0;
        bool used = false;
        bool active = false;
        QString boundClient;
        QString boundRedirect;
        QString challenge;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT c.id, c.user_id, c.client_id, c.redirect_uri, c.code_challenge, "
                "c.expires_at, c.used_at, c.family_id, u.active "
                "FROM authorization_codes c JOIN users u ON u.id = c.user_id "
                "WHERE c.code_hash = ?"));
            q.bind(digest).exec();
            if (!q.next())
                return std::nullopt;
            codeId = q.int64(0);
            userId = q.int64(1);
            boundClient = q.text(2);
            boundRedirect = q.text(3);
            challenge = q.text(4);
            expiresAt = q.int64(5);
            used = !q.isNull(6);
            familyId = q.isNull(7) ? 0 : q.int64(7);
            active = q.int64(8) != 0;
        }
        const auto reused = [&] {
            qCWarning(lcAuth, "authorization code %lld presented again: revoking its sign-in",
                      codeId);
            if (familyId != 0)
                revokeFamily(familyId, t);
            *refusal = CodeRefusal::Reused;
            return std::nullopt;
        };
        if (used)
            return reused();
        if (!active)
            return std::nullopt;
        if (expiresAt <= t) {
            *refusal = CodeRefusal::Expired;
            return std::nullopt;
        }
        if (boundClient != clientId) {
            *refusal = CodeRefusal::WrongClient;
            return std::nullopt;
        }
        if (boundRedirect != redirectUri) {
            *refusal = CodeRefusal::WrongRedirect;
            return std::nullopt;
        }
        if (s256Challenge(codeVerifier) != challenge) {
            *refusal = CodeRefusal::VerifierMismatch;
            return std::nullopt;
        }
        // A concurrent exchange of the same code finds used_at set here: also a reuse.
        Statement mark = m_db.prepare(QStringLiteral(
            "UPDATE authorization_codes SET used_at = ? WHERE id = ? AND used_at IS NULL"));
        mark.bind(t).bind(codeId).exec();
        if (mark.rowsAffected() != 1)
            return reused();
        const qint64 family = newFamily(userId, t);
        m_db.prepare(QStringLiteral("UPDATE authorization_codes SET family_id = ? WHERE id = ?"))
            .bind(family)
            .bind(codeId)
            .exec();
        *refusal = CodeRefusal::None;
        return issue(family, t);
    });
}

std::optional<TokenGrant> AuthService::refreshGrant(const QString &refreshToken)
{
    if (!looksLikeToken(refreshToken))
        return std::nullopt;
    const QString digest = crypto::tokenDigest(refreshToken);
    return m_db.write([&]() -> std::optional<TokenGrant> {
        const qint64 t = now();
        qint64 tokenId = 0;
        qint64 familyId = 0;
        qint64 expiresAt = 0;
        bool used = false;
        bool familyRevoked = false;
        bool active = false;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT r.id, r.family_id, r.expires_at, r.used_at, f.revoked_at, u.active "
                "FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id "
                "JOIN users u ON u.id = f.user_id WHERE r.token_hash = ?"));
            q.bind(digest).exec();
            if (!q.next())
                return std::nullopt;
            tokenId = q.int64(0);
            familyId = q.int64(1);
            expiresAt = q.int64(2);
            used = !q.isNull(3);
            familyRevoked = !q.isNull(4);
            active = q.int64(5) != 0;
        }
        if (familyRevoked || expiresAt <= t || !active)
            return std::nullopt;

        const auto revokeReused = [&] {
            qCWarning(lcAuth,
                      "a used refresh token was presented again: revoking token family %lld",
                      familyId);
            revokeFamily(familyId, t);
        };
        if (used) {
            revokeReused();
            return std::nullopt;
        }
        // A concurrent refresh with the same token finds used_at set here (PostgreSQL
        // re-checks the row after waiting for the first one's lock): also a reuse.
        Statement mark = m_db.prepare(QStringLiteral(
            "UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL"));
        mark.bind(t).bind(tokenId).exec();
        if (mark.rowsAffected() != 1) {
            revokeReused();
            return std::nullopt;
        }
        return issue(familyId, t);
    });
}

void AuthService::revokeFamily(qint64 familyId, qint64 at)
{
    m_db
        .prepare(QStringLiteral(
            "UPDATE token_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"))
        .bind(at)
        .bind(familyId)
        .exec();
}

void AuthService::revoke(const QString &token)
{
    if (!looksLikeToken(token))
        return;
    const QString digest = crypto::tokenDigest(token);
    m_db.write([&] {
        const qint64 t = now();
        Statement family = m_db.prepare(
            QStringLiteral("SELECT family_id FROM refresh_tokens WHERE token_hash = ?"));
        family.bind(digest).exec();
        if (family.next()) {
            revokeFamily(family.int64(0), t);
            return;
        }
        m_db.prepare(QStringLiteral("UPDATE access_tokens SET revoked_at = ? WHERE token_hash = ? "
                                    "AND revoked_at IS NULL"))
            .bind(t)
            .bind(digest)
            .exec();
    });
}

std::optional<AuthenticatedUser> AuthService::authenticate(QStringView accessToken)
{
    if (!looksLikeToken(accessToken))
        return std::nullopt;
    Statement q = m_db.prepare(QStringLiteral(
        "SELECT a.expires_at, a.revoked_at, f.revoked_at, u.id, u.active, u.role, "
        "acc.id, acc.catalog_id, acc.viewers_see_prices "
        "FROM access_tokens a JOIN token_families f ON f.id = a.family_id "
        "JOIN users u ON u.id = f.user_id JOIN accounts acc ON acc.id = u.account_id "
        "WHERE a.token_hash = ?"));
    q.bind(crypto::tokenDigest(accessToken)).exec();
    if (!q.next())
        return std::nullopt;
    if (q.int64(0) <= now() || !q.isNull(1) || !q.isNull(2) || q.int64(4) == 0)
        return std::nullopt;
    const auto role = roleFromName(q.text(5));
    if (!role)
        return std::nullopt;
    AuthenticatedUser user;
    user.userId = q.int64(3);
    user.role = *role;
    user.accountId = q.int64(6);
    user.catalogId = q.int64(7);
    user.viewersSeePrices = q.int64(8) != 0;
    return user;
}

} // namespace qm
