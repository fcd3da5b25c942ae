#include "ui/locationdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qm {

LocationDialog::LocationDialog(QWidget *parent)
    : QDialog(parent)
{
    m_location.address.country = QStringLiteral("US");
    build();
    setWindowTitle(tr("Add Ship-to Location"));
}

LocationDialog::LocationDialog(const AdminLocation &location, QWidget *parent)
    : QDialog(parent)
    , m_location(location)
{
    build();
    setWindowTitle(tr("Edit %1").arg(location.code));
}

void LocationDialog::build()
{
    setObjectName(QStringLiteral("locationDialog"));
    auto *form = new QFormLayout;
    const auto edit = [this](const QString &text, const char *name) {
        auto *e = new QLineEdit(text, this);
        e->setObjectName(QString::fromLatin1(name));
        return e;
    };
    if (isNew()) {
        m_code = edit({}, "locationCode");
        m_code->setPlaceholderText(tr("e.g. NORTH-DOCK"));
        m_code->setToolTip(tr("Orders name the location by its code; it cannot change later."));
        m_errors.addRow(form, tr("&Code:"), m_code, QStringLiteral("/code"));
    }
    m_name = edit(m_location.name, "locationName");
    m_errors.addRow(form, tr("&Name:"), m_name, QStringLiteral("/name"));
    const ShipToAddress &a = m_location.address;
    m_line1 = edit(a.line1, "locationLine1");
    m_errors.addRow(form, tr("&Address:"), m_line1, QStringLiteral("/address/line1"));
    m_line2 = edit(a.line2, "locationLine2");
    m_line2->setPlaceholderText(tr("Optional"));
    m_errors.addRow(form, QString(), m_line2, QStringLiteral("/address/line2"));
    m_city = edit(a.city, "locationCity");
    m_errors.addRow(form, tr("C&ity:"), m_city, QStringLiteral("/address/city"));
    m_region = edit(a.region, "locationRegion");
    m_errors.addRow(form, tr("&State or region:"), m_region, QStringLiteral("/address/region"));
    m_postalCode = edit(a.postalCode, "locationPostalCode");
    m_errors.addRow(form, tr("&Postal code:"), m_postalCode,
                    QStringLiteral("/address/postal_code"));
    m_country = edit(a.country, "locationCountry");
    m_country->setMaxLength(2);
    m_country->setToolTip(tr("Two letters, e.g. US or CA."));
    m_errors.addRow(form, tr("Coun&try:"), m_country, QStringLiteral("/address/country"));
    if (isNew()) {
        m_default = new QCheckBox(tr("Make it the account's &default location"), this);
        m_default->setObjectName(QStringLiteral("locationDefault"));
        m_errors.addRow(form, QString(), m_default, QStringLiteral("/is_default"));
    }
    m_general = new QLabel(this);
    m_general->setObjectName(QStringLiteral("locationError"));
    m_general->setWordWrap(true);
    m_general->hide();
    m_errors.setGeneralLabel(m_general);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(isNew() ? tr("&Add Location") : tr("&Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LocationDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);
}

void LocationDialog::submit()
{
    m_errors.clear();
    if (m_code && m_code->text().trimmed().isEmpty())
        m_errors.showOne(QStringLiteral("/code"), tr("Enter a short code for the location."));
    if (!m_errors.isEmpty())
        return;
    Q_EMIT submitted();
}

NewLocation LocationDialog::newLocation() const
{
    NewLocation l;
    l.code = m_code ? m_code->text().trimmed() : m_location.code;
    l.name = m_name->text().trimmed();
    l.address.line1 = m_line1->text().trimmed();
    l.address.line2 = m_line2->text().trimmed();
    l.address.city = m_city->text().trimmed();
    l.address.region = m_region->text().trimmed();
    l.address.postalCode = m_postalCode->text().trimmed();
    l.address.country = m_country->text().trimmed().toUpper();
    l.isDefault = m_default && m_default->isChecked();
    return l;
}

LocationChange LocationDialog::change() const
{
    const NewLocation entered = newLocation();
    const ShipToAddress &was = m_location.address;
    const ShipToAddress &now = entered.address;
    LocationChange c;
    const auto set = [](std::optional<QString> &member, const QString &before,
                        const QString &after) {
        if (before != after)
            member = after;
    };
    set(c.name, m_location.name, entered.name);
    set(c.line1, was.line1, now.line1);
    set(c.line2, was.line2, now.line2);
    set(c.city, was.city, now.city);
    set(c.region, was.region, now.region);
    set(c.postalCode, was.postalCode, now.postalCode);
    set(c.country, was.country, now.country);
    return c;
}

void LocationDialog::showErrors(const QJsonArray &errors)
{
    m_errors.clear();
    m_errors.show(errors);
}

void LocationDialog::showError(const QString &text)
{
    m_errors.clear();
    m_errors.showGeneral(text);
}

void LocationDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

} // namespace qm
