#include "ui/userdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace qm {

namespace {

constexpr int MinPasswordLength = 8;

} // namespace

UserDialog::UserDialog(const QList<AdminLocation> &locations, QWidget *parent)
    : QDialog(parent)
{
    m_user.role = QStringLiteral("buyer");
    build(locations);
    setWindowTitle(tr("Add User"));
}

UserDialog::UserDialog(const AdminUser &user, const QList<AdminLocation> &locations,
                       QWidget *parent)
    : QDialog(parent)
    , m_user(user)
{
    build(locations);
    setWindowTitle(tr("Edit %1").arg(user.username));
}

QStringList UserDialog::roles()
{
    return {QStringLiteral("viewer"), QStringLiteral("buyer"), QStringLiteral("approver"),
            QStringLiteral("account_admin")};
}

QString UserDialog::roleText(const QString &role)
{
    if (role == u"viewer")
        return tr("Viewer");
    if (role == u"buyer")
        return tr("Buyer");
    if (role == u"approver")
        return tr("Approver");
    if (role == u"account_admin")
        return tr("Account administrator");
    return role;
}

void UserDialog::build(const QList<AdminLocation> &locations)
{
    setObjectName(QStringLiteral("userDialog"));
    auto *form = new QFormLayout;
    if (isNew()) {
        m_username = new QLineEdit(this);
        m_username->setObjectName(QStringLiteral("userUsername"));
        m_username->setPlaceholderText(tr("e.g. jane@example.com"));
        m_errors.addRow(form, tr("&Username:"), m_username, QStringLiteral("/username"));
    }
    m_name = new QLineEdit(m_user.displayName, this);
    m_name->setObjectName(QStringLiteral("userName"));
    m_errors.addRow(form, tr("&Name:"), m_name, QStringLiteral("/display_name"));
    m_email = new QLineEdit(m_user.email, this);
    m_email->setObjectName(QStringLiteral("userEmail"));
    m_errors.addRow(form, tr("&Email:"), m_email, QStringLiteral("/email"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("userRole"));
    for (const QString &role : roles())
        m_role->addItem(roleText(role), role);
    m_role->setCurrentIndex(std::max(0, m_role->findData(m_user.role)));
    m_errors.addRow(form, tr("&Role:"), m_role, QStringLiteral("/role"));
    m_limit =
        new QLineEdit(m_user.spendingLimit ? m_user.spendingLimit->toString(2) : QString(), this);
    m_limit->setObjectName(QStringLiteral("userLimit"));
    m_limit->setPlaceholderText(tr("No limit"));
    m_limit->setToolTip(tr("The most one order of this user may total without approval; "
                           "empty for no limit."));
    m_errors.addRow(form, tr("&Spending limit:"), m_limit, QStringLiteral("/spending_limit"));
    m_location = new QComboBox(this);
    m_location->setObjectName(QStringLiteral("userLocation"));
    m_location->addItem(tr("None (the account's default)"), QVariant());
    for (const AdminLocation &l : locations) {
        // An inactive location is offered only when it is already this user's default.
        if (!l.active && m_user.defaultLocation != l.id)
            continue;
        m_location->addItem(l.active ? tr("%1 — %2").arg(l.code, l.name)
                                     : tr("%1 — %2 (inactive)").arg(l.code, l.name),
                            l.id);
    }
    if (m_user.defaultLocation)
        m_location->setCurrentIndex(std::max(0, m_location->findData(*m_user.defaultLocation)));
    m_errors.addRow(form, tr("Default &location:"), m_location,
                    QStringLiteral("/default_location"));
    if (isNew()) {
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("userPassword"));
        m_password->setEchoMode(QLineEdit::Password);
        m_errors.addRow(form, tr("Initial &password:"), m_password, QStringLiteral("/password"));
        m_confirm = new QLineEdit(this);
        m_confirm->setObjectName(QStringLiteral("userConfirm"));
        m_confirm->setEchoMode(QLineEdit::Password);
        m_errors.addRow(form, tr("&Confirm password:"), m_confirm, QStringLiteral("/confirm"));
    }
    m_general = new QLabel(this);
    m_general->setObjectName(QStringLiteral("userError"));
    m_general->setWordWrap(true);
    m_general->hide();
    m_errors.setGeneralLabel(m_general);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(isNew() ? tr("&Add User") : tr("&Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);
}

std::optional<Decimal> UserDialog::limit(bool *ok) const
{
    *ok = true;
    QString text = m_limit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    // Group separators as people type them: "2,500" or "2 500".
    text.remove(QLocale().groupSeparator());
    text.remove(u' ');
    if (QLocale().decimalPoint() != u".")
        text.replace(QLocale().decimalPoint(), QStringLiteral("."));
    const auto amount = Decimal::parse(text);
    if (!amount || amount->isNegative()) {
        *ok = false;
        return std::nullopt;
    }
    return amount;
}

void UserDialog::submit()
{
    m_errors.clear();
    bool ok = true;
    limit(&ok);
    if (!ok)
        m_errors.showOne(QStringLiteral("/spending_limit"),
                         tr("Write an amount such as 2500 or 2500.00, or leave it empty for "
                            "no limit."));
    if (isNew()) {
        if (m_username->text().trimmed().isEmpty())
            m_errors.showOne(QStringLiteral("/username"), tr("Enter the name to sign in with."));
        if (m_password->text().size() < MinPasswordLength)
            m_errors.showOne(QStringLiteral("/password"),
                             tr("Use at least %n character(s).", nullptr, MinPasswordLength));
        else if (m_confirm->text() != m_password->text())
            m_errors.showOne(QStringLiteral("/confirm"), tr("The two passwords differ."));
    }
    if (!m_errors.isEmpty())
        return;
    Q_EMIT submitted();
}

NewUser UserDialog::newUser() const
{
    NewUser u;
    u.username = m_username ? m_username->text().trimmed() : m_user.username;
    u.displayName = m_name->text().trimmed();
    u.email = m_email->text().trimmed();
    u.role = m_role->currentData().toString();
    u.password = m_password ? m_password->text() : QString();
    bool ok = true;
    u.spendingLimit = limit(&ok);
    if (m_location->currentData().isValid())
        u.defaultLocation = m_location->currentData().toLongLong();
    return u;
}

UserChange UserDialog::change() const
{
    const NewUser entered = newUser();
    UserChange c;
    if (entered.displayName != m_user.displayName)
        c.displayName = entered.displayName;
    if (entered.email != m_user.email)
        c.email = entered.email;
    if (entered.role != m_user.role)
        c.role = entered.role;
    if (entered.spendingLimit != m_user.spendingLimit)
        c.spendingLimit = entered.spendingLimit;
    if (entered.defaultLocation != m_user.defaultLocation)
        c.defaultLocation = entered.defaultLocation;
    return c;
}

void UserDialog::showErrors(const QJsonArray &errors)
{
    m_errors.clear();
    m_errors.show(errors);
}

void UserDialog::showError(const QString &text)
{
    m_errors.clear();
    m_errors.showGeneral(text);
}

void UserDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

} // namespace qm
