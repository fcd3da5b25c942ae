#pragma once

#include "core/account.h"
#include "core/decimal.h"
#include "sync/apierror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace qm {

class ApiClient;

// A user of the account as GET /api/v1/users lists it.
struct AdminUser
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    QString role; // "viewer", "buyer", "approver", "account_admin"
    std::optional<Decimal> spendingLimit;
    std::optional<qint64> defaultLocation; // a location id
    bool active = true;

    static std::optional<AdminUser> fromJson(const QJsonObject &o);
};

// A ship-to location as GET /api/v1/locations lists it (inactive ones too).
struct AdminLocation
{
    qint64 id = 0;
    QString code;
    QString name;
    ShipToAddress address; // line2 empty: none
    bool isDefault = false;
    bool active = true;

    static std::optional<AdminLocation> fromJson(const QJsonObject &o);
};

// One entry of the account's audit trail: who changed which user or location, when, and
// each changed field's old and new value.
struct AuditEvent
{
    qint64 id = 0;
    QDateTime at; // UTC
    QString actor;
    QString action;     // "user.created", "location.updated", ...
    QString targetKind; // "user" or "location"
    qint64 targetId = 0;
    QString target;      // username or location code
    QJsonObject changes; // field -> [old, new]

    static std::optional<AuditEvent> fromJson(const QJsonObject &o);
};

struct NewUser
{
    QString username;
    QString displayName;
    QString email;
    QString role;
    QString password;
    std::optional<Decimal> spendingLimit;
    std::optional<qint64> defaultLocation;

    QJsonObject toJson() const;
};

// A change to a user: only the members set are sent. The inner optional of spendingLimit and
// defaultLocation empty clears them.
struct UserChange
{
    std::optional<QString> displayName;
    std::optional<QString> email;
    std::optional<QString> role;
    std::optional<std::optional<Decimal>> spendingLimit;
    std::optional<std::optional<qint64>> defaultLocation;
    std::optional<bool> active;

    bool isEmpty() const;
    QJsonObject toJson() const;
};

struct NewLocation
{
    QString code;
    QString name;
    ShipToAddress address;
    bool isDefault = false;

    QJsonObject toJson() const;
};

// A change to a location: only the members set are sent (the code cannot change).
struct LocationChange
{
    std::optional<QString> name;
    std::optional<QString> line1;
    std::optional<QString> line2; // empty: remove the second line
    std::optional<QString> city;
    std::optional<QString> region;
    std::optional<QString> postalCode;
    std::optional<QString> country;
    std::optional<bool> isDefault;
    std::optional<bool> active;

    bool isEmpty() const;
    QJsonObject toJson() const;
};

// Account administration through the portal: users, ship-to locations and the audit trail.
// Online only: nothing is cached. Each call starts one request and emits exactly one signal
// when it ends: its result, or failed() with the portal's problem (e.g. 403 forbidden,
// 409 last-account-admin, 422 invalid-user with field errors).
class AccountAdmin : public QObject
{
    Q_OBJECT

public:
    // `api` must outlive this object and live in its thread.
    explicit AccountAdmin(ApiClient *api, QObject *parent = nullptr);

    void fetchUsers();
    void createUser(const NewUser &user);
    void updateUser(qint64 id, const UserChange &change);
    void fetchLocations();
    void createLocation(const NewLocation &location);
    void updateLocation(qint64 id, const LocationChange &change);
    void fetchAudit(int limit);

Q_SIGNALS:
    void usersFetched(const QList<qm::AdminUser> &users);
    void userSaved(const qm::AdminUser &user);
    void locationsFetched(const QList<qm::AdminLocation> &locations);
    void locationSaved(const qm::AdminLocation &location);
    void auditFetched(const QList<qm::AuditEvent> &events);
    void failed(const qm::ApiError &error);

private:
    ApiClient *m_api;
};

} // namespace qm
