#pragma once

#include "core/account.h"
#include "core/decimal.h"
#include "core/order.h"
#include "models/quickorderimport.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <optional>

namespace qm {

class Database;

// Where an order placed from this profile stands on its way to the portal.
enum class OutboxState
{
    Queued,         // written, waiting to be sent (or to be sent again after a failure)
    Sending,        // a send was started; its outcome is not recorded yet
    NeedsAttention, // the portal refused it (4xx): it stays until the user acts
    Sent,           // the portal accepted it: it has a server number
};

// Stable names for the database, the CLI's JSON and logs: "queued", "sending",
// "needs-attention", "sent".
QString outboxStateName(OutboxState state);
std::optional<OutboxState> outboxStateFromName(QStringView name);

// The header fields a buyer fills in when submitting a cart.
struct OrderHeader
{
    QString shipTo; // ship-to location code (AccountInfo::shipTo)
    QString poNumber;
    QDate requestedDelivery; // null: as soon as possible
    QString notes;
    OrderContact contact;
};

// An order placed from this profile: its frozen request and where it stands. The client
// order id is the Idempotency-Key of every send, for life; `body` is the exact request body,
// fixed when the order was queued.
struct OutboxOrder
{
    qint64 id = 0; // the outbox order: orders are sent in this order
    QString clientOrderId;
    OutboxState state = OutboxState::Queued;
    QByteArray body;            // canonical JSON of `submission`
    OrderSubmission submission; // parsed from `body`
    QString cartName;           // the cart it was placed from (informational)
    Decimal expectedTotal;      // the total the buyer saw when queueing
    QString currency;
    QDateTime queuedAt;      // UTC
    QDateTime updatedAt;     // UTC
    int attempts = 0;        // sends started
    QDateTime nextAttemptAt; // UTC; null: may be sent now
    QString lastError;       // why the last send did not get an answer (network, 5xx)
    int problemStatus = 0;   // NeedsAttention: the HTTP status
    QByteArray problem;      // NeedsAttention: the problem+json document as received
    QString orderNumber;     // Sent: the portal's number
    qint64 sequence = 0;     // Sent: the order's sequence in the portal's answer
    QString replacedBy;      // the client order id of the order that replaced it after a
                             // review (the buyer accepted the new prices)
};

// An order of the account as the portal last served it (orders feed, submit or decision
// answers), with what the cache knows locally.
struct CachedOrder
{
    Order order;
    bool placedHere = false; // its client order id is in this profile's outbox
};

// Filters of the order history; empty members do not filter.
struct OrderFilter
{
    QDate from; // placed on or after (UTC date)
    QDate to;   // placed on or before
    std::optional<OrderStatus> status;
    QString poNumber; // substring, case-insensitive
    QString sku;      // an order with a line of this SKU (case-insensitive)
    QString shipTo;   // location code
    QString placedBy; // substring of the display name, case-insensitive
    QString text;     // substring of number, PO number or notes
    int limit = 0;    // 0: no limit
};

// Orders in the profile's cache: the outbox of orders placed here and the account's order
// history from the portal, plus the account's credit, terms and ship-to locations.
//
// Queueing writes the order and its outbox entry in one transaction (the cache runs WAL
// with synchronous=FULL) before it returns, so an order the UI calls "queued" survives a
// crash. Nothing leaves the outbox except by being accepted by the portal (state Sent) or
// deleted by the user (deleteOrder, which refuses a sent order).
//
// A cached order is replaced only by a copy with a higher sequence, so a feed page that
// arrives late never overwrites newer state.
//
// Errors: a method that fails returns false / nullopt with one line in `error`; nothing
// changes then.
class OrderStore final
{
public:
    explicit OrderStore(Database &db);

    // Builds the submission from a cart: every line's SKU, unit, quantity and the unit price
    // the buyer sees now (CartPricing for `day`), under a new client order id. Checks
    // what the portal would refuse before anything is queued: an empty cart, a missing
    // ship-to or one the account does not have (when the account is cached), lines without
    // a price, a quantity or text field out of range, a requested delivery date in the past.
    // On failure returns nullopt and appends every problem to `errors` (one sentence each).
    std::optional<OrderSubmission> buildSubmission(qint64 cartId, const OrderHeader &header,
                                                   QDate day, QStringList *errors,
                                                   Decimal *total = nullptr,
                                                   QString *currency = nullptr) const;

    // Queues a built submission (one transaction). `cartName`, `expectedTotal` and
    // `currency` are kept for display.
    std::optional<OutboxOrder> queue(const OrderSubmission &submission, const QString &cartName,
                                     const Decimal &expectedTotal, const QString &currency,
                                     QString *error);

    // The outbox, in sending order. Without `includeSent`, only the orders still to settle:
    // sent orders and refused orders replaced after a review (acceptReview) are left out.
    QList<OutboxOrder> outbox(bool includeSent = true) const;
    std::optional<OutboxOrder> outboxOrder(const QString &clientOrderId) const;
    std::optional<OutboxOrder> outboxOrderById(qint64 id) const;
    // The next order to send at `now`: the first Queued or Sending one whose nextAttemptAt
    // has passed, or lies more than `longestWait` (the longest wait the sender ever sets)
    // ahead of `now`: the clock was turned back since it was set. Orders that need attention
    // do not hold back the ones behind them.
    std::optional<OutboxOrder>
    nextToSend(const QDateTime &now,
               std::chrono::milliseconds longestWait = std::chrono::hours(24 * 366)) const;
    // Counts by state, for the status bar; NeedsAttention does not count replaced orders.
    int count(OutboxState state) const;

    // The push records what happened, each in one transaction.
    bool beginSend(qint64 id, QString *error); // Sending, attempts + 1
    // 201 or a replay: the portal's order goes into the history too.
    bool recordAccepted(qint64 id, const Order &order, QString *error);
    // No answer, 408, 429, 5xx, or 409 request-in-progress: stays queued, same key and body,
    // not before `nextAttemptAt`.
    bool recordRetryLater(qint64 id, const QString &reason, const QDateTime &nextAttemptAt,
                          QString *error);
    // 4xx: NeedsAttention with the problem document.
    bool recordRefused(qint64 id, int httpStatus, const QByteArray &problem, QString *error);
    // The push records the outcome of the send it started; the user may have pressed retry
    // meanwhile (the order is Queued again), which does not make the outcome an error. An
    // order recorded as Sent meanwhile (the orders feed proved it) stays Sent: recording a
    // retry or a refusal for it changes nothing and succeeds. recordAccepted also succeeds
    // for a Sent order with the same number.

    // The user's decisions.
    // Sends a refused order again unchanged (e.g. after the credit limit was raised). Also
    // sends a queued order waiting for its next attempt, or one left sending, at once. Refuses
    // sent orders and orders replaced after a review.
    bool retry(qint64 id, QString *error);
    // "Send now" for the whole outbox: the queued orders waiting out a back-off may be sent at
    // once. Orders that need attention stay as they are. Returns how many were waiting.
    std::optional<int> sendWaitingNow(QString *error);
    // Removes an order that is not sent (after the user confirmed): a queued order or one that
    // needs attention. A sending order is refused: its outcome is not known yet.
    bool deleteOrder(qint64 id, QString *error);
    // After an order-needs-review: queues a new order (new client order id) with the portal's
    // current prices and adjusted quantities for the lines the problem lists, and lines the
    // portal called unavailable left out; the refused order is marked replaced and leaves the
    // outbox (it stays NeedsAttention with `replacedBy` set and is listed by outbox(true)
    // only). A quantity the portal adjusted is priced from the cache for the new quantity.
    // Returns the new order.
    std::optional<OutboxOrder> acceptReview(qint64 id, QString *error);
    // After an order-needs-review: puts the refused order's lines back into a cart named
    // `cartName` (created when missing) for editing, and deletes the refused order.
    std::optional<qint64> returnToCart(qint64 id, const QString &cartName, QString *error);

    // History.
    QList<CachedOrder> orders(const OrderFilter &filter = {}) const; // newest first
    std::optional<CachedOrder> order(const QString &number) const;
    // Stores an order the portal returned (a decision's answer, GET /orders/{n}); ignored
    // when the cache has the same or a higher sequence.
    bool storeOrder(const Order &order, QString *error);
    // The orders feed, applied inside CatalogStore's page transaction. Also keeps
    // product_order_counts (how many of the account's orders have each SKU) up to date.
    static bool applyFeedEntry(const QSqlDatabase &db, const QString &key, const QJsonObject &data,
                               QString *error);
    static bool removeFeedEntry(const QSqlDatabase &db, const QString &key, QString *error);

    // Reorder: the order's lines (all, or those with the given line numbers) as quick-order
    // entries, so that they go through QuickOrderImport like any import: re-priced for
    // today, unavailable items reported rather than dropped.
    std::optional<QList<QuickOrderEntry>>
    reorderEntries(const QString &number, const QList<int> &lineNos, QString *error) const;

    // The account (GET /api/v1/account), cached with its ETag.
    std::optional<AccountInfo> account() const;
    QByteArray accountETag() const;
    QDateTime accountFetchedAt() const; // UTC
    bool storeAccount(const AccountInfo &account, const QByteArray &etag, QString *error);
    // A 304: the cached copy is current as of now.
    bool touchAccount(QString *error);

private:
    Database &m_db;
};

} // namespace qm
