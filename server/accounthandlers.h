#pragma once

#include "server/httpreply.h"

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// GET /api/v1/account (credit:read): the signed-in user's account as the order screens need
// it: credit limit, balance, open orders total, available credit, payment terms, currency,
// ship-to locations and the caller's own spending limit. Answers carry an ETag (a hash of the
// body) and If-None-Match gets 304.
//
// The company view (subsidiaries:read), for a user of a parent company:
// - GET /api/v1/accounts?from=&to=: the caller's account and every account below it, depth
//   first, each with its credit and terms and its orders over the period (default: the
//   365 days up to today).
// - GET /api/v1/accounts/{code}/orders?status=open&limit=&offset=: the orders of one of those
//   accounts, newest first. An account outside the caller's subtree (its parent, a sibling,
//   another customer) is answered 404 exactly as a missing one.
class AccountHandlers final
{
public:
    AccountHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply get(HttpRequest &request);
    HttpReply company(HttpRequest &request);
    HttpReply companyOrders(HttpRequest &request, const QString &code);

    static constexpr int DefaultOrderLimit = 50;
    static constexpr int MaxOrderLimit = 200;
    // The longest period the company view sums over, in days.
    static constexpr int MaxPeriodDays = 3660;

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
