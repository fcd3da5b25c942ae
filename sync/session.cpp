#include "sync/session.h"

#include <QJsonArray>

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

} // namespace qm
