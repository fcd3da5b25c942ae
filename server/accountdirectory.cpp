#include "server/accountdirectory.h"

#include "core/version.h"
#include "server/authservice.h"
#include "server/dbconnection.h"

#include <QJsonArray>

namespace qm {

AccountDirectory::AccountDirectory(DbConnection &db)
    : m_db(db)
{}

QJsonObject AccountDirectory::accountRef(qint64 accountId, qint64 *parentId, QString *currency)
{
    Statement q = m_db.prepare(
        QStringLiteral("SELECT code, name, parent_id, currency FROM accounts WHERE id = ?"));
    q.bind(accountId).exec();
    if (!q.next())
        throw DbError(QStringLiteral("account %1 does not exist").arg(accountId));
    *parentId = q.isNull(2) ? 0 : q.int64(2);
    if (currency)
        *currency = q.text(3);
    return QJsonObject{{QStringLiteral("id"), accountId},
                       {QStringLiteral("code"), q.text(0)},
                       {QStringLiteral("name"), q.text(1)}};
}

QJsonObject AccountDirectory::me(const AuthenticatedUser &user, const QString &portalName)
{
    return m_db.read([&] {
        QJsonObject userJson;
        {
            // The user's own default ship-to location, while it takes orders.
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT u.username, u.display_name, u.email, u.role, s.code FROM users u "
                "LEFT JOIN ship_to_locations s ON s.id = u.default_location_id AND s.active = 1 "
                "WHERE u.id = ?"));
            q.bind(user.userId).exec();
            if (!q.next())
                throw DbError(QStringLiteral("user %1 does not exist").arg(user.userId));
            userJson =
                QJsonObject{{QStringLiteral("id"), user.userId},
                            {QStringLiteral("username"), q.text(0)},
                            {QStringLiteral("display_name"), q.text(1)},
                            {QStringLiteral("email"), q.text(2)},
                            {QStringLiteral("role"), q.text(3)},
                            {QStringLiteral("default_location"),
                             q.isNull(4) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.text(4))}};
        }

        // The account, then its path from the root down; the loop guard stops a corrupt cycle.
        qint64 parentId = 0;
        QString currency;
        QJsonObject account = accountRef(user.accountId, &parentId, &currency);
        QJsonArray path{account};
        account.insert(QStringLiteral("currency"), currency);
        QJsonValue parent = QJsonValue::Null;
        for (int depth = 0; parentId != 0 && depth < 32; ++depth) {
            const QJsonObject ref = accountRef(parentId, &parentId);
            if (parent.isNull())
                parent = ref;
            path.prepend(ref);
        }

        QJsonArray children;
        {
            Statement q = m_db.prepare(QStringLiteral(
                "SELECT id, code, name FROM accounts WHERE parent_id = ? ORDER BY code"));
            q.bind(user.accountId).exec();
            while (q.next()) {
                children.append(QJsonObject{{QStringLiteral("id"), q.int64(0)},
                                            {QStringLiteral("code"), q.text(1)},
                                            {QStringLiteral("name"), q.text(2)}});
            }
        }
        account.insert(QStringLiteral("parent"), parent);
        account.insert(QStringLiteral("path"), path);
        account.insert(QStringLiteral("children"), children);

        return QJsonObject{
            {QStringLiteral("user"), userJson},
            {QStringLiteral("permissions"),
             QJsonArray::fromStringList(capabilitiesOf(user.role, user.viewersSeePrices))},
            {QStringLiteral("account"), account},
            {QStringLiteral("portal"),
             QJsonObject{{QStringLiteral("name"), portalName},
                         {QStringLiteral("version"), QStringLiteral(QM_VERSION)}}},
        };
    });
}

} // namespace qm
