#pragma once

#include "server/httpreply.h"
#include "server/idempotency.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace qm {

class DbConnection;
class FeedWriter;
struct HttpRequest;

// The steps every idempotent mutation of the portal shares (saved lists, orders, approvals).
namespace idempotent {

// The request's Idempotency-Key; a 400 problem in `error` when it is missing or malformed.
std::optional<QByteArray> key(const HttpRequest &request, HttpReply *error);

// A reply as the store keeps it (status, content type, ETag, body).
IdempotencyStore::Response stored(const HttpReply &reply);

// A stored answer sent again, with its ETag and `Idempotent-Replayed: true`.
HttpReply replayed(const IdempotencyStore::Response &answer);

using Replay = std::function<HttpReply(const IdempotencyStore::Response &)>;
using Work = std::function<HttpReply(FeedWriter &, qint64 now)>;

// Claims `scope`'s key for the request. A replay is answered by `replay`, a key used for
// another request by a 422 whose detail ends with `reusedAdvice`, a key still in flight by a
// 409. Otherwise runs `work` in one write transaction with the feed sequence locked and
// stores its reply for the key in that same transaction; if anything throws, the claim is
// released and the exception passed on. `now` is Unix seconds.
HttpReply run(DbConnection &db, const HttpRequest &request, const IdempotencyStore::Scope &scope,
              IdempotencyStore::Retention retention, const QString &reusedAdvice,
              const Replay &replay, const Work &work);

} // namespace idempotent
} // namespace qm
