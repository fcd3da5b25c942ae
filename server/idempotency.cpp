#include "server/idempotency.h"

#include "server/dbconnection.h"

#include <QCryptographicHash>

namespace qm {

namespace {

QString bodyDigest(const QByteArray &body)
{
    return QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

} // namespace

bool IdempotencyStore::isValidKey(QByteArrayView key)
{
    if (key.isEmpty() || key.size() > MaxKeyLength)
        return false;
    for (char c : key) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

IdempotencyStore::IdempotencyStore(DbConnection &db)
    : m_db(db)
{}

IdempotencyStore::Claim IdempotencyStore::claim(const Scope &scope, const QByteArray &method,
                                                const QString &path, const QByteArray &body,
                                                Retention retention, qint64 now)
{
    const QString digest = bodyDigest(body);
    const QString methodText = QString::fromLatin1(method);
    return m_db.write([&]() -> Claim {
        // ON CONFLICT DO NOTHING: on PostgreSQL a concurrent claim of the same key waits for
        // the first to commit and then finds its row instead of failing.
        Statement insert = m_db.prepare(QStringLiteral(
            "INSERT INTO idempotency_keys (account_id, user_id, idem_key, method, path, "
            "body_sha256, retention, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (account_id, user_id, idem_key) DO NOTHING"));
        insert.bind(scope.accountId)
            .bind(scope.userId)
            .bind(scope.key)
            .bind(methodText)
            .bind(path)
            .bind(digest)
            .bind(int(retention))
            .bind(now)
            .exec();
        if (insert.rowsAffected() == 1)
            return Claim{Outcome::Claimed, {}};

        Statement q = m_db.prepare(QStringLiteral(
            "SELECT method, path, body_sha256, status, content_type, etag, response_body, "
            "created_at FROM idempotency_keys WHERE account_id = ? AND user_id = ? AND "
            "idem_key = ?"));
        q.bind(scope.accountId).bind(scope.userId).bind(scope.key).exec();
        if (!q.next())
            throw DbError(QStringLiteral("an idempotency key vanished while it was claimed"));
        if (q.text(0) != methodText || q.text(1) != path || q.text(2) != digest)
            return Claim{Outcome::Reused, {}};
        if (q.isNull(3)) {
            if (now - q.int64(7) < AbandonedAfterSeconds)
                return Claim{Outcome::InProgress, {}};
            m_db.prepare(QStringLiteral("UPDATE idempotency_keys SET created_at = ? WHERE "
                                        "account_id = ? AND user_id = ? AND idem_key = ?"))
                .bind(now)
                .bind(scope.accountId)
                .bind(scope.userId)
                .bind(scope.key)
                .exec();
            return Claim{Outcome::Claimed, {}};
        }
        Response response;
        response.status = int(q.int64(3));
        response.contentType = q.text(4).toLatin1();
        response.etag = q.text(5).toLatin1();
        response.body = q.text(6).toUtf8();
        return Claim{Outcome::Replay, response};
    });
}

void IdempotencyStore::complete(const Scope &scope, const Response &response)
{
    Q_ASSERT(m_db.inTransaction());
    Statement w = m_db.prepare(
        QStringLiteral("UPDATE idempotency_keys SET status = ?, content_type = ?, etag = ?, "
                       "response_body = ? WHERE account_id = ? AND user_id = ? AND idem_key = ?"));
    w.bind(response.status);
    w.bindText(response.contentType.isEmpty() ? QString()
                                              : QString::fromLatin1(response.contentType));
    w.bindText(response.etag.isEmpty() ? QString() : QString::fromLatin1(response.etag));
    w.bindText(QString::fromUtf8(response.body));
    w.bind(scope.accountId).bind(scope.userId).bind(scope.key).exec();
}

void IdempotencyStore::release(const Scope &scope)
{
    m_db.write([&] {
        m_db.prepare(QStringLiteral("DELETE FROM idempotency_keys WHERE account_id = ? AND "
                                    "user_id = ? AND idem_key = ? AND status IS NULL"))
            .bind(scope.accountId)
            .bind(scope.userId)
            .bind(scope.key)
            .exec();
    });
}

qint64 IdempotencyStore::purge(qint64 cutoff)
{
    Q_ASSERT(m_db.inTransaction());
    Statement q = m_db.prepare(
        QStringLiteral("DELETE FROM idempotency_keys WHERE retention = ? AND created_at <= ?"));
    q.bind(int(Retention::Hours)).bind(cutoff).exec();
    return q.rowsAffected();
}

} // namespace qm
