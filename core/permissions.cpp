#include "core/permissions.h"

namespace qm {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Buyer:
        return QStringLiteral("buyer");
    case Role::Approver:
        return QStringLiteral("approver");
    case Role::AccountAdmin:
        return QStringLiteral("account_admin");
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (Role r : {Role::Viewer, Role::Buyer, Role::Approver, Role::AccountAdmin}) {
        if (name == roleName(r))
            return r;
    }
    return std::nullopt;
}

QStringList capabilitiesOf(Role role, bool accountShowsPricesToViewers)
{
    using namespace capabilities;
    QStringList caps{QString::fromUtf16(CatalogRead), QString::fromUtf16(StockRead),
                     QString::fromUtf16(OrdersRead), QString::fromUtf16(DocumentsRead)};
    if (role == Role::Viewer) {
        if (accountShowsPricesToViewers)
            caps << QString::fromUtf16(PricesRead);
        return caps;
    }
    caps << QString::fromUtf16(PricesRead) << QString::fromUtf16(CartWrite)
         << QString::fromUtf16(OrdersSubmit) << QString::fromUtf16(QuotesRequest)
         << QString::fromUtf16(CreditRead);
    if (role == Role::Approver || role == Role::AccountAdmin)
        caps << QString::fromUtf16(OrdersApprove) << QString::fromUtf16(SubsidiariesRead);
    if (role == Role::AccountAdmin)
        caps << QString::fromUtf16(UsersManage) << QString::fromUtf16(LocationsManage);
    return caps;
}

} // namespace qm
