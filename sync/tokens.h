#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace qm {

// The OAuth tokens of one signed-in profile. Kept only in memory and in the OS keychain.
struct Tokens
{
    QString accessToken;
    QString refreshToken;
    QDateTime accessExpiresAt; // UTC

    bool isEmpty() const { return accessToken.isEmpty() && refreshToken.isEmpty(); }
    QByteArray toJson() const;
    static std::optional<Tokens> fromJson(const QByteArray &json);
    // From a token endpoint response; nullopt if it lacks access_token or refresh_token.
    static std::optional<Tokens> fromTokenResponse(const QByteArray &json, const QDateTime &now);
};

} // namespace qm

Q_DECLARE_METATYPE(qm::Tokens)
