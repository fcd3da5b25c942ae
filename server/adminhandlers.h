#pragma once

#include "server/httpreply.h"

#include <QString>

namespace qm {

class ApiHandlers;
class ConnectionPool;
struct HttpRequest;

// Account administration: the users and ship-to locations of the caller's own account, and
// the audit trail of every change to them.
//
//   GET /api/v1/users, POST /api/v1/users, PATCH /api/v1/users/{id}     (users:manage)
//   GET /api/v1/locations                                               (any signed-in user)
//   POST /api/v1/locations, PATCH /api/v1/locations/{id}                (locations:manage)
//   GET /api/v1/audit?limit=N                                           (users:manage)
//
// A user or location of any other account is answered 404 exactly as a missing one. Every
// change and its audit event (who, when, {field: [old, new]}) are written in one transaction;
// a request that changes nothing writes no event.
class AdminHandlers final
{
public:
    AdminHandlers(ConnectionPool &connections, ApiHandlers &api);

    HttpReply users(HttpRequest &request);
    HttpReply createUser(HttpRequest &request);
    HttpReply updateUser(HttpRequest &request, const QString &id);
    HttpReply locations(HttpRequest &request);
    HttpReply createLocation(HttpRequest &request);
    HttpReply updateLocation(HttpRequest &request, const QString &id);
    HttpReply audit(HttpRequest &request);

    // The shortest password an administrator may set for a new user.
    static constexpr int MinPasswordLength = 8;

private:
    ConnectionPool &m_connections;
    ApiHandlers &m_api;
};

} // namespace qm
