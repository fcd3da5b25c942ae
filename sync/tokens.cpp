#include "sync/tokens.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace qm {

namespace {

const QString AccessKey = QStringLiteral("access_token");
const QString RefreshKey = QStringLiteral("refresh_token");
const QString ExpiresAtKey = QStringLiteral("access_expires_at");

} // namespace

QByteArray Tokens::toJson() const
{
    QJsonObject o{{AccessKey, accessToken}, {RefreshKey, refreshToken}};
    if (accessExpiresAt.isValid())
        o.insert(ExpiresAtKey, accessExpiresAt.toUTC().toString(Qt::ISODateWithMs));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Tokens> Tokens::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue access = o.value(AccessKey);
    const QJsonValue refresh = o.value(RefreshKey);
    if (!access.isString() || !refresh.isString())
        return std::nullopt;
    Tokens t;
    t.accessToken = access.toString();
    t.refreshToken = refresh.toString();
    const QJsonValue expires = o.value(ExpiresAtKey);
    if (expires.isString()) {
        t.accessExpiresAt = QDateTime::fromString(expires.toString(), Qt::ISODateWithMs);
        if (!t.accessExpiresAt.isValid())
            return std::nullopt;
        t.accessExpiresAt = t.accessExpiresAt.toUTC();
    } else if (!expires.isUndefined()) {
        return std::nullopt;
    }
    return t;
}

std::optional<Tokens> Tokens::fromTokenResponse(const QByteArray &json, const QDateTime &now)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QString access = o.value(AccessKey).toString();
    const QString refresh = o.value(RefreshKey).toString();
    const QString type = o.value(u"token_type").toString();
    if (access.isEmpty() || refresh.isEmpty())
        return std::nullopt;
    if (!type.isEmpty() && type.compare(u"bearer", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    Tokens t;
    t.accessToken = access;
    t.refreshToken = refresh;
    const qint64 expiresIn = o.value(u"expires_in").toInteger(-1);
    if (expiresIn > 0)
        t.accessExpiresAt = now.toUTC().addSecs(expiresIn);
    return t;
}

} // namespace qm
