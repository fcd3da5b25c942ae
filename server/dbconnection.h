#pragma once

#include "server/dburl.h"

#include <QDate>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace qm {

// A database failure. DbConnection and Statement throw it; the boundaries catch it (a
// request handler answers 500 internal-error, a command-line mode exits non-zero), so the
// SQL and the driver's message only ever reach the server's own log.
class DbError final : public std::runtime_error
{
public:
    explicit DbError(const QString &message);
    QString message() const { return QString::fromUtf8(what()); }
};

class DbConnection;

// One execution of a prepared statement: bind values in placeholder order, exec(), then
// read rows. Finishes the query when destroyed, so a SQLite read never holds its snapshot
// longer than the Statement lives.
class Statement final
{
public:
    Statement(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement &operator=(Statement &&) = delete;
    ~Statement();

    Statement &bind(const QVariant &value);
    Statement &bindText(const QString &value); // NULL for a null QString
    Statement &bindNull();
    Statement &exec(); // throws DbError

    bool next();
    QVariant value(int column) const { return m_query->value(column); }
    qint64 int64(int column) const { return m_query->value(column).toLongLong(); }
    QString text(int column) const { return m_query->value(column).toString(); }
    bool isNull(int column) const { return m_query->isNull(column); }
    // An ISO date column (YYYY-MM-DD); a null QDate for NULL.
    QDate date(int column) const;
    int rowsAffected() const { return m_query->numRowsAffected(); }

private:
    friend class DbConnection;
    Statement(DbConnection *db, QSqlQuery *query, bool *busy, std::unique_ptr<QSqlQuery> owned);

    DbConnection *m_db = nullptr;
    QSqlQuery *m_query = nullptr;
    bool *m_busy = nullptr;
    std::unique_ptr<QSqlQuery> m_owned;
    int m_index = 0;
};

// One connection to the portal's database (SQLite or PostgreSQL), used from the thread that
// opened it. SQL text is the same on both backends except where dialect() is asked. Every
// statement with values is prepared; prepare() keeps each statement prepared for the life of
// the connection.
class DbConnection final
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres,
    };

    // Opens the database; throws DbError when it cannot.
    static std::unique_ptr<DbConnection> open(const DbUrl &url);
    ~DbConnection();
    DbConnection(const DbConnection &) = delete;
    DbConnection &operator=(const DbConnection &) = delete;

    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }
    const DbUrl &url() const { return m_url; }

    // The statement for `sql`, prepared on first use and reused afterwards (a nested use of
    // the same SQL while the first is still being read gets a fresh one).
    Statement prepare(const QString &sql);
    // Runs SQL that takes no values (DDL, transaction control, pragmas).
    void execute(const QString &sql);

    // Transactions. A write transaction on SQLite is BEGIN IMMEDIATE (one writer); a read
    // transaction on PostgreSQL is REPEATABLE READ, so everything it reads is one snapshot.
    void beginWrite();
    void beginRead();
    void commit();
    void rollback() noexcept;
    bool inTransaction() const { return m_inTransaction; }

    // Runs `work` in a write (or read) transaction: commits when it returns, rolls back and
    // rethrows when it throws.
    template<typename Work>
    auto write(Work &&work) -> decltype(work())
    {
        beginWrite();
        return finishTransaction(std::forward<Work>(work));
    }
    template<typename Work>
    auto read(Work &&work) -> decltype(work())
    {
        beginRead();
        return finishTransaction(std::forward<Work>(work));
    }

    // Drops every cached statement (after a failure that may have broken the connection).
    void resetStatements();
    // False once a statement failed in a way that suggests the connection is gone.
    bool isHealthy() const { return m_healthy; }

    [[noreturn]] void fail(const QSqlQuery &query, const QString &what);

private:
    DbConnection(DbUrl url, QString name);

    template<typename Work>
    auto finishTransaction(Work &&work) -> decltype(work())
    {
        try {
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                commit();
            } else {
                auto result = work();
                commit();
                return result;
            }
        } catch (...) {
            rollback();
            throw;
        }
    }

    struct Cached
    {
        std::unique_ptr<QSqlQuery> query;
        bool busy = false;
    };
    struct Hash
    {
        size_t operator()(const QString &s) const { return qHash(s); }
    };

    DbUrl m_url;
    QString m_name;
    Dialect m_dialect = Dialect::Sqlite;
    QSqlDatabase m_db;
    std::unordered_map<QString, Cached, Hash> m_statements;
    bool m_inTransaction = false;
    bool m_healthy = true;
};

} // namespace qm
