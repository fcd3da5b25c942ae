#include "models/profilestore.h"

#include "models/database.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {

// The profile_meta keys.
const QString PortalKey = QStringLiteral("portal");
const QString UsernameKey = QStringLiteral("username");
const QString DisplayNameKey = QStringLiteral("display_name");
const QString RoleKey = QStringLiteral("role");
const QString PermissionsKey = QStringLiteral("permissions");
const QString AccountCodeKey = QStringLiteral("account_code");
const QString AccountNameKey = QStringLiteral("account_name");
const QString CurrencyKey = QStringLiteral("currency");
const QString PortalNameKey = QStringLiteral("portal_name");
const QString MeKey = QStringLiteral("me");

} // namespace

ProfileStore::ProfileStore(Database &db)
    : m_db(db)
{}

ProfileInfo ProfileStore::load() const
{
    QHash<QString, QString> meta;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT key, value FROM profile_meta"))) {
        while (q.next())
            meta.insert(q.value(0).toString(), q.value(1).toString());
    }
    ProfileInfo info;
    info.portal = QUrl(meta.value(PortalKey));
    info.username = meta.value(UsernameKey);
    info.displayName = meta.value(DisplayNameKey);
    info.role = meta.value(RoleKey);
    for (const QJsonValue &v : QJsonDocument::fromJson(meta.value(PermissionsKey).toUtf8()).array())
        info.permissions << v.toString();
    info.accountCode = meta.value(AccountCodeKey);
    info.accountName = meta.value(AccountNameKey);
    info.currency = meta.value(CurrencyKey);
    info.portalName = meta.value(PortalNameKey);
    info.me = QJsonDocument::fromJson(meta.value(MeKey).toUtf8()).object();
    return info;
}

bool ProfileStore::save(const ProfileInfo &info, QString *error)
{
    const QList<QPair<QString, QString>> values{
        {PortalKey, info.portal.toString()},
        {UsernameKey, info.username},
        {DisplayNameKey, info.displayName},
        {RoleKey, info.role},
        {PermissionsKey,
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(info.permissions))
                               .toJson(QJsonDocument::Compact))},
        {AccountCodeKey, info.accountCode},
        {AccountNameKey, info.accountName},
        {CurrencyKey, info.currency},
        {PortalNameKey, info.portalName},
        {MeKey, QString::fromUtf8(QJsonDocument(info.me).toJson(QJsonDocument::Compact))},
    };
    return m_db.write(
        [&](QString *why) {
            QSqlQuery q(m_db.connection());
            if (!sql::prepare(
                    q,
                    QStringLiteral("INSERT INTO profile_meta(key, value) VALUES (?, ?)"
                                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                    why))
                return false;
            for (const auto &[key, value] : values) {
                q.bindValue(0, key);
                q.bindValue(1, sql::text(value));
                if (!sql::exec(q, why))
                    return false;
            }
            return true;
        },
        error);
}

} // namespace qm
