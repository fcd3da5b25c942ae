#pragma once

#include <QJsonObject>
#include <QString>

namespace qm {

class DbConnection;
struct AuthenticatedUser;

// Customer accounts, their hierarchy and their users, as the API shows them.
class AccountDirectory final
{
public:
    explicit AccountDirectory(DbConnection &db);

    // The /api/v1/me document: user, permissions, account with parent, path from the root
    // and children, and the portal. Throws DbError.
    QJsonObject me(const AuthenticatedUser &user, const QString &portalName);

private:
    QJsonObject accountRef(qint64 accountId, qint64 *parentId, QString *currency = nullptr);

    DbConnection &m_db;
};

} // namespace qm
