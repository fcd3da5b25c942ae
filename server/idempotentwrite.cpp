#include "server/idempotentwrite.h"

#include "core/problem.h"
#include "server/dbconnection.h"
#include "server/feedwriter.h"
#include "server/httprequest.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <exception>

namespace qm::idempotent {

namespace {
Q_LOGGING_CATEGORY(lcIdempotent, "qm.portal.idempotency")
}

std::optional<QByteArray> key(const HttpRequest &request, HttpReply *error)
{
    const QByteArray value = request.header("idempotency-key");
    if (value.isEmpty()) {
        *error =
            HttpReply::problem(problems::IdempotencyKeyMissing, 400,
                               QStringLiteral("Send an Idempotency-Key header with every change."));
        return std::nullopt;
    }
    if (!IdempotencyStore::isValidKey(value)) {
        *error = HttpReply::problem(
            problems::BadRequest, 400,
            QStringLiteral("The Idempotency-Key must be 1 to %1 printable ASCII characters.")
                .arg(IdempotencyStore::MaxKeyLength));
        return std::nullopt;
    }
    return value;
}

IdempotencyStore::Response stored(const HttpReply &reply)
{
    IdempotencyStore::Response r;
    r.status = reply.status;
    r.contentType = reply.contentType;
    r.body = reply.body;
    for (const auto &[name, value] : reply.headers) {
        if (name.compare("ETag", Qt::CaseInsensitive) == 0)
            r.etag = value;
    }
    return r;
}

HttpReply replayed(const IdempotencyStore::Response &answer)
{
    HttpReply reply = HttpReply::raw(answer.contentType, answer.body, answer.status);
    if (!answer.etag.isEmpty())
        reply.withHeader(QByteArrayLiteral("ETag"), answer.etag);
    reply.withHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
    return reply;
}

HttpReply run(DbConnection &db, const HttpRequest &request, const IdempotencyStore::Scope &scope,
              IdempotencyStore::Retention retention, const QString &reusedAdvice,
              const Replay &replay, const Work &work)
{
    IdempotencyStore store(db);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const auto claim =
        store.claim(scope, request.method, request.path, request.body, retention, now);
    switch (claim.outcome) {
    case IdempotencyStore::Outcome::Replay:
        return replay(claim.response);
    case IdempotencyStore::Outcome::Reused:
        return HttpReply::problem(
            problems::IdempotencyKeyReused, 422,
            QStringLiteral("This Idempotency-Key was used for a different request; %1")
                .arg(reusedAdvice));
    case IdempotencyStore::Outcome::InProgress:
        return HttpReply::problem(problems::RequestInProgress, 409,
                                  QStringLiteral("The first request with this Idempotency-Key "
                                                 "is still being processed; try again shortly."))
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    case IdempotencyStore::Outcome::Claimed:
        break;
    }
    try {
        return db.write([&] {
            FeedWriter feeds(db);
            feeds.begin();
            HttpReply reply = work(feeds, now);
            feeds.finish();
            store.complete(scope, stored(reply));
            return reply;
        });
    } catch (...) {
        try {
            store.release(scope);
        } catch (const std::exception &e) {
            qCWarning(lcIdempotent, "cannot release idempotency key after a failure: %s", e.what());
        }
        throw;
    }
}

} // namespace qm::idempotent
