#pragma once

#include "sync/accountadmin.h"
#include "ui/fielderrors.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qm {

// Add… and Edit… of the account page's ship-to locations: code (new locations only; orders
// name a location by it), name and address, and for a new one whether it becomes the
// account's default. OK emits submitted(); the dialog stays open until the portal has taken
// the change (accept()) or names what is wrong (showErrors()).
class LocationDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit LocationDialog(QWidget *parent = nullptr);
    explicit LocationDialog(const AdminLocation &location, QWidget *parent = nullptr);

    bool isNew() const { return m_location.id == 0; }
    const AdminLocation &location() const { return m_location; }
    NewLocation newLocation() const;
    // What differs from the location the dialog opened with.
    LocationChange change() const;

    void showErrors(const QJsonArray &errors);
    void showError(const QString &text);
    void setBusy(bool busy);

    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *line1Edit() const { return m_line1; }
    QLineEdit *line2Edit() const { return m_line2; }
    QLineEdit *cityEdit() const { return m_city; }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *postalCodeEdit() const { return m_postalCode; }
    QLineEdit *countryEdit() const { return m_country; }
    QCheckBox *defaultCheck() const { return m_default; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString errorText(const QString &pointer) const { return m_errors.text(pointer); }

Q_SIGNALS:
    void submitted();

private:
    void build();
    void submit();

    AdminLocation m_location;
    FieldErrors m_errors;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_line1 = nullptr;
    QLineEdit *m_line2 = nullptr;
    QLineEdit *m_city = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_postalCode = nullptr;
    QLineEdit *m_country = nullptr;
    QCheckBox *m_default = nullptr;
    QLabel *m_general = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qm
