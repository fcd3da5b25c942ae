#pragma once

#include "server/httpreply.h"

#include <QString>

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// GET, PUT and DELETE /api/v1/lists/{id}: an account's saved (requisition) lists. Changes
// need cart:write, an Idempotency-Key (IdempotencyStore, kept for hours) and a precondition
// (If-None-Match: * to create, If-Match: "<version>" to replace or delete). Each change is
// written together with its entry in the lists feed (through the FeedWriter) and the stored
// answer for its key, in one transaction. A list of another account is answered as missing.
class ListHandlers final
{
public:
    ListHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply get(HttpRequest &request, const QString &id);
    HttpReply put(HttpRequest &request, const QString &id);
    HttpReply remove(HttpRequest &request, const QString &id);
    // Routes by method; the route for /api/v1/lists/{id} allows GET, PUT and DELETE.
    HttpReply handle(HttpRequest &request, const QString &id);

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
