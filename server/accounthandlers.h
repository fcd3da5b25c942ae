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
class AccountHandlers final
{
public:
    AccountHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply get(HttpRequest &request);

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
