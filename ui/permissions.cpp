#include "ui/permissions.h"

#include "core/permissions.h"

namespace qm {

namespace {
// The order in which the summary lists capabilities.
const QStringList &knownCapabilities()
{
    using namespace capabilities;
    static const QStringList all{
        QString::fromUtf16(CatalogRead),     QString::fromUtf16(PricesRead),
        QString::fromUtf16(StockRead),       QString::fromUtf16(OrdersRead),
        QString::fromUtf16(DocumentsRead),   QString::fromUtf16(CartWrite),
        QString::fromUtf16(OrdersSubmit),    QString::fromUtf16(QuotesRequest),
        QString::fromUtf16(OrdersApprove),   QString::fromUtf16(UsersManage),
        QString::fromUtf16(LocationsManage), QString::fromUtf16(CreditRead),
        QString::fromUtf16(SubsidiariesRead)};
    return all;
}
} // namespace

UiPermissions::UiPermissions(const ProfileInfo &profile)
    : m_restricted(!profile.isEmpty() && !profile.permissions.isEmpty())
    , m_role(profile.role)
    , m_capabilities(profile.permissions)
{}

bool UiPermissions::has(QStringView capability) const
{
    return !m_restricted || m_capabilities.contains(capability);
}

bool UiPermissions::canOrder() const
{
    return has(capabilities::CartWrite);
}

bool UiPermissions::canSubmit() const
{
    return canOrder() && has(capabilities::OrdersSubmit);
}

bool UiPermissions::canSeePrices() const
{
    return has(capabilities::PricesRead);
}

bool UiPermissions::canApprove() const
{
    // The approvals queue exists only for a user the server named an approver.
    return m_restricted && m_capabilities.contains(QStringView(capabilities::OrdersApprove));
}

QString UiPermissions::roleText() const
{
    const auto role = roleFromName(m_role);
    if (!role)
        return m_role.isEmpty() ? tr("unknown") : m_role;
    switch (*role) {
    case Role::Viewer:
        return tr("viewer");
    case Role::Buyer:
        return tr("buyer");
    case Role::Approver:
        return tr("approver");
    case Role::AccountAdmin:
        return tr("account administrator");
    }
    return m_role;
}

QString UiPermissions::orderRefusal() const
{
    if (canOrder())
        return {};
    return tr("Your role (%1) cannot order. Ask your account administrator for the buyer role.")
        .arg(roleText());
}

QString UiPermissions::submitRefusal() const
{
    if (!canOrder())
        return orderRefusal();
    if (canSubmit())
        return {};
    return tr("Your role (%1) can fill carts but cannot place orders. Ask your account "
              "administrator for the buyer role.")
        .arg(roleText());
}

QString UiPermissions::pricesRefusal() const
{
    if (canSeePrices())
        return {};
    return tr("Prices are not shown for your role (%1) in this account.").arg(roleText());
}

QString UiPermissions::capabilityText(const QString &capability)
{
    using namespace capabilities;
    if (capability == QStringView(CatalogRead))
        return tr("Browse and search the catalog");
    if (capability == QStringView(PricesRead))
        return tr("See prices and totals");
    if (capability == QStringView(StockRead))
        return tr("See stock levels");
    if (capability == QStringView(OrdersRead))
        return tr("Track the account's orders");
    if (capability == QStringView(DocumentsRead))
        return tr("Open order documents");
    if (capability == QStringView(CartWrite))
        return tr("Fill carts, quick orders and saved lists");
    if (capability == QStringView(OrdersSubmit))
        return tr("Place orders within the spending limit");
    if (capability == QStringView(QuotesRequest))
        return tr("Request quotes");
    if (capability == QStringView(OrdersApprove))
        return tr("Approve or reject orders");
    if (capability == QStringView(UsersManage))
        return tr("Manage the account's users");
    if (capability == QStringView(LocationsManage))
        return tr("Manage ship-to locations");
    if (capability == QStringView(CreditRead))
        return tr("See the account's credit");
    if (capability == QStringView(SubsidiariesRead))
        return tr("See the subsidiaries' orders, spend and credit (Company page)");
    return capability;
}

QString UiPermissions::summary() const
{
    if (!m_restricted)
        return tr("Not signed in: the portal decides what you can do when you sign in.");
    QStringList can;
    QStringList cannot;
    for (const QString &capability : knownCapabilities())
        (m_capabilities.contains(capability) ? can : cannot) << capabilityText(capability);
    for (const QString &capability : m_capabilities) {
        if (!knownCapabilities().contains(capability))
            can << capabilityText(capability);
    }
    QString text = tr("Your role: %1").arg(roleText());
    if (!can.isEmpty())
        text += u'\n' + tr("You can:") + u'\n' + QStringLiteral("• ") +
                can.join(QStringLiteral("\n• "));
    if (!cannot.isEmpty())
        text += u'\n' + tr("Not with this role:") + u'\n' + QStringLiteral("• ") +
                cannot.join(QStringLiteral("\n• "));
    return text;
}

} // namespace qm
