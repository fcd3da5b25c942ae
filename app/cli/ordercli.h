#pragma once

#include "app/cli/clicontext.h"
#include "models/orderstore.h"
#include "sync/tokens.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace qm {

class ApiClient;
class CliProfile;
class CredentialStore;

// What the order, outbox, orders, approvals and account commands share: finding an outbox
// entry, the problem of a refused order in words, and orders, outbox entries and the account
// as JSON (docs/cli.md: snake_case, money as decimal strings, times in UTC).
namespace ordercli {

// "queued", "sending", "needs attention", "sent".
QString stateText(OutboxState state);

// "submitted", "pending approval (over the spending limit)", "approved by Tom Whitaker", ...
QString statusText(const Order &order);
QString approvalReasonText(const QString &reason);

// Money with its currency in the currency's minor digits: "1234.50 USD".
QString money(const Decimal &value, const QString &currency);

// Why the portal refused an order and what the user can do, one sentence per line: for an
// order-needs-review a line per order line (old → new price, adjusted quantity, unavailable
// and why), for credit-limit-exceeded the available credit and the order total.
QStringList problemLines(const OutboxOrder &order);
// The first of problemLines(), for a table.
QString problemSummary(const OutboxOrder &order);
// What the user can do about a refused order, with the commands.
QString problemHint(const OutboxOrder &order);

// Sends the outbox now (the engine's push) and reports on the order `clientOrderId`: sent
// with its number and status, needs attention with the problem in words, or still queued
// with the reason it could not be sent. Returns Ok for sent or still queued (the order is
// safe in the outbox), Attention for needs attention, and the failure's code when the push
// could not run at all (not signed in, no keychain).
ExitCode sendAndReport(CliContext &context, const QString &clientOrderId, bool json);

// Prints one order's outcome as sendAndReport does (`why`: why it is still queued).
void printOutcome(QTextStream &out, const OutboxOrder &order,
                  const std::optional<CachedOrder> &placed, const QString &why);
QJsonObject outcomeJson(const OutboxOrder &order, const std::optional<CachedOrder> &placed,
                        const QString &why);

// The outbox entry named by `word`: its outbox id or its client order id (a unique prefix of
// at least 8 characters will do).
std::optional<OutboxOrder> findOutboxOrder(const OrderStore &store, const QString &word,
                                           CliError *error);

QJsonObject outboxJson(const OutboxOrder &order);
QJsonObject orderJson(const CachedOrder &order);
QJsonObject accountJson(const AccountInfo &account, const QDateTime &fetchedAt);

// An ApiClient signed in with the profile's stored tokens for online commands (approvals);
// saveTokens() writes rotated tokens back to the keychain.
class OnlineSession final
{
public:
    // Fails with "not signed in" or "secure storage unavailable".
    static std::unique_ptr<OnlineSession> open(const CliProfile &profile, CliError *error);
    ~OnlineSession();

    ApiClient &api() { return *m_api; }
    // Writes rotated tokens back to the keychain; false (with the error) if that failed.
    bool saveTokens(CliError *error);

private:
    OnlineSession();
    std::unique_ptr<CredentialStore> m_store;
    std::unique_ptr<ApiClient> m_api;
    QString m_key;
    std::optional<Tokens> m_rotated;
};

} // namespace ordercli
} // namespace qm
