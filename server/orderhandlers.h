#pragma once

#include "core/order.h"
#include "server/httpreply.h"

#include <QString>

#include <optional>

namespace qm {

class ApiHandlers;
class ConnectionPool;
class DbConnection;
class FeedWriter;
struct HttpRequest;

// The order routes:
// - POST /api/v1/orders (orders:submit): an OrderSubmission with Idempotency-Key equal to its
//   client_order_id, kept for ever. The portal re-prices every line for today with the core
//   engine; a changed price, an adjusted quantity or an unavailable product answers 422
//   order-needs-review with every such line and stores nothing but that answer. Short stock
//   is accepted as a back-order (the line's `backordered`, and a warning in the answer).
//   Over the credit available: 422 credit-limit-exceeded. Over the user's spending limit or
//   with a line in a category that has an approval rule: the order waits in
//   pending_approval. The order, its timeline entry, its orders feed entry and the stored
//   answer commit in one transaction.
// - GET /api/v1/orders/{number} (orders:read).
// - GET /api/v1/approvals (orders:approve): the account's orders waiting for approval.
// - POST /api/v1/orders/{number}/approve and /reject (orders:approve, Idempotency-Key).
// Orders of another account are answered as missing.
class OrderHandlers final
{
public:
    OrderHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply submit(HttpRequest &request);
    HttpReply get(HttpRequest &request, const QString &number);
    HttpReply approvals(HttpRequest &request);
    HttpReply decide(HttpRequest &request, const QString &number, bool approve);

    // The order with this id as the orders feed serves it, or nullopt. In the caller's
    // transaction.
    static std::optional<Order> load(DbConnection &db, qint64 orderId);
    // Moves an order to `status` with a timeline entry, bumps its sequence and writes its
    // feed entry; in the caller's write transaction with `feeds` begun. Returns the order.
    static Order changeStatus(DbConnection &db, FeedWriter &feeds, qint64 orderId,
                              OrderStatus status, const QString &by, const QString &note,
                              qint64 now);

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
