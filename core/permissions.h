#pragma once

#include <QStringList>

#include <optional>

namespace qm {

// A user's role within their customer account. The server turns it into the list of
// capabilities it reports in /me and enforces on every route; the client only reads
// the list.
enum class Role
{
    Viewer,
    Buyer,
    Approver,
    AccountAdmin,
};

QString roleName(Role role); // "viewer", "buyer", "approver", "account_admin"
std::optional<Role> roleFromName(QStringView name);

namespace capabilities {
inline constexpr char16_t CatalogRead[] = u"catalog:read";
inline constexpr char16_t PricesRead[] = u"prices:read";
inline constexpr char16_t StockRead[] = u"stock:read";
inline constexpr char16_t OrdersRead[] = u"orders:read";
inline constexpr char16_t DocumentsRead[] = u"documents:read";
inline constexpr char16_t CartWrite[] = u"cart:write";
inline constexpr char16_t OrdersSubmit[] = u"orders:submit";
inline constexpr char16_t QuotesRequest[] = u"quotes:request";
inline constexpr char16_t OrdersApprove[] = u"orders:approve";
inline constexpr char16_t UsersManage[] = u"users:manage";
inline constexpr char16_t LocationsManage[] = u"locations:manage";
inline constexpr char16_t CreditRead[] = u"credit:read";
// The rolled-up view of the caller's subsidiaries and their orders.
inline constexpr char16_t SubsidiariesRead[] = u"subsidiaries:read";
} // namespace capabilities

// Capabilities of a role. `accountShowsPricesToViewers` is the account's setting for
// whether viewers may see prices.
QStringList capabilitiesOf(Role role, bool accountShowsPricesToViewers);

} // namespace qm
