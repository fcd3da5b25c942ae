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
