#pragma once

#include "models/profilestore.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace qm {

// What the signed-in user may do in the app, decided once from the capabilities /me gave at
// sign-in (ProfileInfo::permissions), with the sentence that explains each refusal. The
// server enforces the same capabilities on every route; the app hides or disables what would
// be refused and says why. A profile that carries no capability list (nobody signed in yet)
// restricts nothing.
class UiPermissions final
{
    Q_DECLARE_TR_FUNCTIONS(qm::UiPermissions)

public:
    UiPermissions() = default;
    explicit UiPermissions(const ProfileInfo &profile);

    // Carts, quick order, import, scanning into the cart, saved lists' edits, reorder and
    // the outbox of orders placed here (cart:write).
    bool canOrder() const;
    // Placing a cart as an order (orders:submit).
    bool canSubmit() const;
    // Prices and totals (prices:read).
    bool canSeePrices() const;
    // The approvals queue (orders:approve).
    bool canApprove() const;

    // The role in the user's words: "viewer", "buyer", "approver", "account administrator".
    QString roleText() const;
    // Why ordering is refused: "Your role (viewer) cannot order. Ask your account
    // administrator for the buyer role." Empty when it is allowed.
    QString orderRefusal() const;
    // Why submitting is refused; empty when it is allowed.
    QString submitRefusal() const;
    // Why prices are not shown; empty when they are.
    QString pricesRefusal() const;
    // What the user can do, one capability a line in words, and what is missing.
    QString summary() const;
    // Each capability in words ("See prices"); the raw name when it is unknown.
    static QString capabilityText(const QString &capability);

private:
    bool has(QStringView capability) const;

    bool m_restricted = false;
    QString m_role;
    QStringList m_capabilities;
};

} // namespace qm
