#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace qm {

// Owns one SQLite connection to a profile's cache file. Every connection is opened the
// same way: WAL journal, synchronous=FULL (the cache will hold queued orders),
// foreign_keys=ON and a busy timeout; then the compiled-in migrations bring the schema
// to the latest version. A Database is used from the thread that opened it; a worker
// thread opens its own Database on the same file (connection names are unique).
class Database final
{
public:
    // Opens (creating if needed) the cache at `path` and migrates it. Returns nullptr
    // with a reason in `error` if the file cannot be opened, is not a Quartermaster
    // cache, or was written by a newer version of the app; such a file is left untouched.
    static std::unique_ptr<Database> open(const QString &path, QString *error);
    ~Database();

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    int schemaVersion() const;
    static int latestSchemaVersion();

    // Runs `work` in one write transaction (BEGIN IMMEDIATE) and commits when it returns
    // true; rolls back when it returns false or a statement fails. Returns whether the
    // transaction committed; on failure `error` says why (the work's own message, or the
    // database's). Transactions do not nest: calling write() from inside `work` fails.
    // Inside a group (beginGroup()), the work runs in a savepoint of the group's transaction
    // instead: it is undone alone when it fails, and committed with the group.
    bool write(const std::function<bool(QString *error)> &work, QString *error);

    // Opens one transaction for the write() calls up to endGroup(), so that they are
    // committed together: one commit instead of one each.
    bool beginGroup(QString *error);
    // Commits the group's transaction, or rolls it back when `commit` is false; false with a
    // reason if the commit fails (then nothing of the group is stored).
    bool endGroup(bool commit, QString *error);

    // Whether a write() transaction is open on this connection.
    bool inTransaction() const { return m_inTransaction; }

private:
    Database(QString path, QString connectionName);
    bool checkFile(QString *error);
    bool configure(QString *error);
    bool migrate(QString *error);

    QString m_path;
    QString m_connectionName;
    bool m_inTransaction = false;
    bool m_inGroup = false;
};

} // namespace qm
