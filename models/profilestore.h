#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace qm {

class Database;

// Who a profile belongs to, kept in the profile's cache: the portal, the user and what
// /me said at the last sign-in. Never a token or password.
struct ProfileInfo
{
    QUrl portal;
    QString username;
    QString displayName;
    QString role;
    QStringList permissions;
    QString accountCode;
    QString accountName;
    QString currency;
    QString portalName; // the supplier, e.g. "Harbor Industrial Supply"
    QJsonObject me;     // the whole /me document

    bool isEmpty() const { return portal.isEmpty(); }
    bool can(QStringView capability) const { return permissions.contains(capability); }
    // The code of the ship-to location an account administrator chose for this user
    // (/me user.default_location); empty when none is set or it no longer takes orders.
    QString defaultLocation() const
    {
        return me.value(u"user").toObject().value(u"default_location").toString();
    }
};

class ProfileStore final
{
public:
    explicit ProfileStore(Database &db);

    ProfileInfo load() const;
    bool save(const ProfileInfo &info, QString *error);

private:
    Database &m_db;
};

} // namespace qm
