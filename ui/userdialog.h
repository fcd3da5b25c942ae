#pragma once

#include "sync/accountadmin.h"
#include "ui/fielderrors.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qm {

// Add User… and Edit… of the account page: username (new users only), name, email, role,
// spending limit (empty: none), default ship-to location and, for a new user, the initial
// password twice. OK checks what it can here and emits submitted(); the dialog stays open
// until the portal has taken the change (accept()) or names what is wrong (showErrors()).
class UserDialog final : public QDialog
{
    Q_OBJECT

public:
    // A dialog for a new user; `locations` are offered as the default location (active ones).
    explicit UserDialog(const QList<AdminLocation> &locations, QWidget *parent = nullptr);
    // A dialog to change `user`.
    UserDialog(const AdminUser &user, const QList<AdminLocation> &locations,
               QWidget *parent = nullptr);

    bool isNew() const { return m_user.id == 0; }
    const AdminUser &user() const { return m_user; }
    // The user as entered; valid after submitted().
    NewUser newUser() const;
    // What differs from the user the dialog opened with.
    UserChange change() const;

    // The portal's answer: field errors by their fields, anything else above the buttons.
    void showErrors(const QJsonArray &errors);
    void showError(const QString &text);
    // While the request is on its way, OK waits.
    void setBusy(bool busy);

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *roleBox() const { return m_role; }
    QLineEdit *limitEdit() const { return m_limit; }
    QComboBox *locationBox() const { return m_location; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    // The error shown for a field ("/email") or, for an empty pointer, the general one.
    QString errorText(const QString &pointer) const { return m_errors.text(pointer); }

    // The roles in the order the dialog offers them, and their names for people.
    static QStringList roles();
    static QString roleText(const QString &role);

Q_SIGNALS:
    void submitted();

private:
    void build(const QList<AdminLocation> &locations);
    void submit();
    std::optional<Decimal> limit(bool *ok) const;

    AdminUser m_user;
    FieldErrors m_errors;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_limit = nullptr;
    QComboBox *m_location = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_general = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qm
