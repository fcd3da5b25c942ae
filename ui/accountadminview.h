#pragma once

#include "sync/accountadmin.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QMessageBox;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace qm {

class LocationDialog;
class UserDialog;

// The account page of an account administrator: the account's users (Add User…, Edit…,
// Deactivate…/Activate…), its ship-to locations (Add…, Edit…, Make Default,
// Deactivate…/Activate…) and the audit trail of those changes. Everything goes through the
// portal and nothing changes here until the portal has taken it: after each change the
// tables are fetched again. Administration needs a connection; offline the page says so and
// offers only Refresh (nothing is queued).
class AccountAdminView final : public QWidget
{
    Q_OBJECT

public:
    enum UserColumn
    {
        UserNameColumn,
        UserUsernameColumn,
        UserEmailColumn,
        UserRoleColumn,
        UserLimitColumn,
        UserLocationColumn,
        UserActiveColumn,
        UserColumnCount
    };
    enum LocationColumn
    {
        LocationCodeColumn,
        LocationNameColumn,
        LocationAddressColumn,
        LocationDefaultColumn,
        LocationActiveColumn,
        LocationColumnCount
    };
    enum AuditColumn
    {
        AuditWhenColumn,
        AuditWhoColumn,
        AuditWhatColumn,
        AuditChangesColumn,
        AuditColumnCount
    };
    static constexpr int AuditLimit = 100;

    explicit AccountAdminView(QWidget *parent = nullptr);
    ~AccountAdminView() override;

    // The portal's administration; null: signed out.
    void setAccountAdmin(AccountAdmin *admin);
    // What the signed-in user may do: users:manage (users and the audit trail),
    // locations:manage (ship-to locations).
    void setPermissions(bool manageUsers, bool manageLocations);
    void setOnline(bool online);
    // Whether the page works offline now: not connected, or the portal did not answer.
    bool isOffline() const { return !m_online || m_unreachable; }

    // Fetches the locations, the users and the audit trail again.
    void refresh();
    bool isBusy() const { return m_step != Step::None; }

    const QList<AdminUser> &users() const { return m_users; }
    const QList<AdminLocation> &locations() const { return m_locations; }
    const QList<AuditEvent> &auditEvents() const { return m_events; }
    bool selectUser(const QString &username);
    bool selectLocation(const QString &code);
    std::optional<AdminUser> currentUser() const;
    std::optional<AdminLocation> currentLocation() const;

    // The actions; each opens its dialog or confirmation (not modal to the application:
    // the dialog stays open until the portal has answered) and returns it.
    UserDialog *addUser();
    UserDialog *editUser();
    QMessageBox *toggleUserActive();
    LocationDialog *addLocation();
    LocationDialog *editLocation();
    bool makeLocationDefault();
    QMessageBox *toggleLocationActive();

    QTabWidget *tabs() const { return m_tabs; }
    QLabel *stateLabel() const { return m_state; }
    QTableWidget *usersTable() const { return m_usersTable; }
    QTableWidget *locationsTable() const { return m_locationsTable; }
    QTableWidget *auditTable() const { return m_auditTable; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *addUserButton() const { return m_addUser; }
    QPushButton *editUserButton() const { return m_editUser; }
    QPushButton *toggleUserButton() const { return m_toggleUser; }
    QPushButton *addLocationButton() const { return m_addLocation; }
    QPushButton *editLocationButton() const { return m_editLocation; }
    QPushButton *defaultLocationButton() const { return m_defaultLocation; }
    QPushButton *toggleLocationButton() const { return m_toggleLocation; }

    // A changed value of the audit trail in words; a default location id as its code.
    QString valueText(const QString &field, const QJsonValue &value) const;
    // The changes of an audit event: "Role: Buyer → Approver; Spending limit: none → 2500.00".
    QString changesText(const AuditEvent &event) const;

Q_SIGNALS:
    void message(const QString &text);
    // The portal took a change (the tables are being fetched again).
    void changed();

private:
    enum class Step
    {
        None,
        Locations,
        Users,
        Audit,
        SaveUser,
        SaveLocation
    };

    void next();
    void onUsers(const QList<qm::AdminUser> &users);
    void onLocations(const QList<qm::AdminLocation> &locations);
    void onAudit(const QList<qm::AuditEvent> &events);
    void onUserSaved(const qm::AdminUser &user);
    void onLocationSaved(const qm::AdminLocation &location);
    void onFailed(const qm::ApiError &error);
    void fillUsers();
    void fillLocations();
    void fillAudit();
    void updateState();
    bool canChange() const;
    void saveUser(qint64 id, const UserChange &change, const QString &done);
    void saveLocation(qint64 id, const LocationChange &change, const QString &done);
    QMessageBox *confirm(const QString &title, const QString &text, const QString &button,
                         const std::function<void()> &onYes);
    QString locationCode(qint64 id) const;
    QString actionText(const AuditEvent &event) const;

    QPointer<AccountAdmin> m_admin;
    bool m_manageUsers = false;
    bool m_manageLocations = false;
    bool m_online = true;
    bool m_unreachable = false;
    Step m_step = Step::None;
    QList<Step> m_queue;
    QString m_problem;        // why the last fetch or change failed; empty: it did not
    QString m_doneText;       // the message once the change in flight is taken
    QString m_selectUser;     // the user to select once the users are fetched again
    QString m_selectLocation; // the location to select once the locations are fetched again
    QList<AdminUser> m_users;
    QList<AdminLocation> m_locations;
    QList<AuditEvent> m_events;
    QPointer<UserDialog> m_userDialog;
    QPointer<LocationDialog> m_locationDialog;
    QPointer<QMessageBox> m_confirm;

    QLabel *m_state;
    QPushButton *m_refresh;
    QTabWidget *m_tabs;
    QWidget *m_usersPage;
    QWidget *m_auditPage;
    QTableWidget *m_usersTable;
    QTableWidget *m_locationsTable;
    QTableWidget *m_auditTable;
    QPushButton *m_addUser;
    QPushButton *m_editUser;
    QPushButton *m_toggleUser;
    QPushButton *m_addLocation;
    QPushButton *m_editLocation;
    QPushButton *m_defaultLocation;
    QPushButton *m_toggleLocation;
};

} // namespace qm
