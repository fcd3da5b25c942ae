#pragma once

#include "server/httpreply.h"

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// POST /api/v1/pricing/quote: prices lines for the signed-in user's account with the core
// pricing engine (core/pricing.h), from the very products and prices payloads the account's
// feeds serve, so a client that prices its cached copy gets the same answer.
class PricingHandlers final
{
public:
    static constexpr int MaxLines = 10000;

    PricingHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply quote(HttpRequest &request);

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
