#pragma once

#include <QByteArray>
#include <QString>

namespace qm {

class DbConnection;

// The outcomes of mutations sent with an Idempotency-Key, so that a client that did not hear
// the answer can send the same request again and get the same answer without the change
// being made twice. Keys are scoped by (account, user, key). A request is first claimed (in
// its own transaction, so concurrent requests see the claim); the handler then makes its
// change and calls complete() in the same transaction, so the change and the stored answer
// commit together. A handler that fails without an answer releases the claim.
class IdempotencyStore final
{
public:
    enum class Retention
    {
        Hours = 0,   // purged after the configured retention (--idempotency-retention-hours)
        Forever = 1, // never purged (orders)
    };

    struct Scope
    {
        qint64 accountId = 0;
        qint64 userId = 0;
        QString key;
    };

    struct Response
    {
        int status = 0;
        QByteArray contentType; // empty for a body-less answer
        QByteArray etag;        // empty when the answer had none
        QByteArray body;
    };

    enum class Outcome
    {
        Claimed,    // new key: process the request, then complete() or release()
        Replay,     // the same request was answered before: send `response` again
        Reused,     // the key was used for a different method, path or body
        InProgress, // the first request with this key has not been answered yet
    };

    struct Claim
    {
        Outcome outcome = Outcome::Claimed;
        Response response; // for Replay
    };

    // A claim older than this without an answer belongs to a request that died (its change,
    // committed together with the answer, never happened); a new request may take it over.
    static constexpr qint64 AbandonedAfterSeconds = 120;
    static constexpr int MaxKeyLength = 200;

    // 1..200 printable ASCII characters (0x20..0x7e).
    static bool isValidKey(QByteArrayView key);

    explicit IdempotencyStore(DbConnection &db);

    // Runs its own write transaction. `now` is Unix seconds.
    Claim claim(const Scope &scope, const QByteArray &method, const QString &path,
                const QByteArray &body, Retention retention, qint64 now);
    // Stores the answer of a claimed request; call inside the transaction of the change.
    void complete(const Scope &scope, const Response &response);
    // Forgets an unanswered claim so that the request can be sent again; own transaction.
    void release(const Scope &scope);
    // Removes the keys of class Hours created at or before `cutoff` (Unix seconds); call in a
    // write transaction. Returns how many were removed.
    qint64 purge(qint64 cutoff);

private:
    DbConnection &m_db;
};

} // namespace qm
