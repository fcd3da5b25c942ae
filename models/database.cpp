#include "models/database.h"

#include "core/sqliteprocess.h"
#include "models/schema.h"
#include "models/sql.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcDatabase, "qm.models.database", QtInfoMsg)

constexpr int BusyTimeoutMs = 5000;
constexpr qint64 ReadMapBytes = qint64(1) << 31;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("qm-cache-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        sql::fail(error, QStringLiteral("%1 is not a file").arg(path));
        return nullptr;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        sql::fail(error, QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));
        return nullptr;
    }

    sqliteprocess::configure();
    const QString name = nextConnectionName();
    std::unique_ptr<Database> database(new Database(path, name));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            sql::fail(error, QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text()));
            return nullptr;
        }
    }
    QString why;
    if (!database->checkFile(&why) || !database->configure(&why) || !database->migrate(&why)) {
        qCWarning(lcDatabase) << "refusing" << path << ":" << why;
        sql::fail(error, why);
        return nullptr;
    }
    return database;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    return int(
        sql::readInt(connection(), QStringLiteral("PRAGMA user_version"), nullptr).value_or(-1));
}

int Database::latestSchemaVersion()
{
    return schema::migrations().isEmpty() ? 0 : schema::migrations().last().version;
}

// Only reads: a file that is refused here must stay byte for byte as it was.
bool Database::checkFile(QString *error)
{
    const QSqlDatabase db = connection();
    if (!sql::run(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(BusyTimeoutMs), error))
        return false;
    QString why;
    const auto tables =
        sql::readInt(db, QStringLiteral("SELECT count(*) FROM sqlite_master"), &why);
    if (!tables)
        return sql::fail(error,
                         QStringLiteral("%1 is not a SQLite database (%2)").arg(m_path, why));
    const auto appId = sql::readInt(db, QStringLiteral("PRAGMA application_id"), error);
    const auto version = sql::readInt(db, QStringLiteral("PRAGMA user_version"), error);
    if (!appId || !version)
        return false;
    if (*appId != schema::ApplicationId && (*appId != 0 || *version != 0 || *tables != 0))
        return sql::fail(
            error,
            QStringLiteral("%1 is a SQLite database but not a Quartermaster cache").arg(m_path));
    if (*version > latestSchemaVersion())
        return sql::fail(error, QStringLiteral("%1 was written by a newer version of Quartermaster "
                                               "(cache schema %2; this version knows up to %3)")
                                    .arg(m_path)
                                    .arg(*version)
                                    .arg(latestSchemaVersion()));
    return true;
}

bool Database::configure(QString *error)
{
    const QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
        return sql::fail(error, sql::describe(q));
    if (q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return sql::fail(error, QStringLiteral("cannot switch %1 to WAL mode").arg(m_path));
    q.finish();
    return sql::run(db, QStringLiteral("PRAGMA synchronous = FULL"), error) &&
           sql::run(db, QStringLiteral("PRAGMA foreign_keys = ON"), error) &&
           sql::run(db, QStringLiteral("PRAGMA cache_size = -16384"), error) &&
           // Pages read straight from the mapped file instead of copied into the page cache
           // by a read() each: searches of a 1M-product cache p95 15–17 ms instead of
           // 18–22 ms, facet counts p95 57–61 ms instead of 70–103 ms. SQLite caps the map at
           // its build's limit (2 GiB on Linux); writes still go through the page cache. The
           // page writer turns it off for its connection (see PageWriter::open).
           sql::run(db, QStringLiteral("PRAGMA mmap_size = %1").arg(ReadMapBytes), error) &&
           // The temporary tables that batch lookups join (codes, SKUs, items of an import)
           // live in memory: on disk, every statement that fills or empties one wrote and
           // truncated a journal file.
           sql::run(db, QStringLiteral("PRAGMA temp_store = MEMORY"), error);
}

bool Database::migrate(QString *error)
{
    for (const schema::Migration &step : schema::migrations()) {
        if (schemaVersion() >= step.version)
            continue;
        const bool ok = write(
            [&](QString *stepError) {
                // Another process may have migrated while this one waited for the lock.
                const auto current =
                    sql::readInt(connection(), QStringLiteral("PRAGMA user_version"), stepError);
                if (!current)
                    return false;
                if (*current >= step.version)
                    return true;
                for (const QString &statement : step.statements) {
                    if (!sql::run(connection(), statement, stepError))
                        return false;
                }
                return sql::run(connection(),
                                QStringLiteral("PRAGMA user_version = %1").arg(step.version),
                                stepError);
            },
            error);
        if (!ok) {
            if (error)
                *error = QStringLiteral("cannot migrate %1 to schema %2: %3")
                             .arg(m_path)
                             .arg(step.version)
                             .arg(*error);
            return false;
        }
        qCInfo(lcDatabase) << "migrated" << m_path << "to schema" << step.version;
    }
    return true;
}

bool Database::write(const std::function<bool(QString *error)> &work, QString *error)
{
    if (m_inTransaction)
        return sql::fail(error, QStringLiteral("nested write transaction"));
    const QSqlDatabase db = connection();
    if (!sql::run(db,
                  m_inGroup ? QStringLiteral("SAVEPOINT qm_write")
                            : QStringLiteral("BEGIN IMMEDIATE"),
                  error))
        return false;
    m_inTransaction = true;
    QString workError;
    bool ok = work(&workError);
    if (ok)
        ok = sql::run(db, m_inGroup ? QStringLiteral("RELEASE qm_write") : QStringLiteral("COMMIT"),
                      &workError);
    if (!ok) {
        QString ignored;
        if (m_inGroup) {
            sql::run(db, QStringLiteral("ROLLBACK TO qm_write"), &ignored);
            sql::run(db, QStringLiteral("RELEASE qm_write"), &ignored);
        } else {
            sql::run(db, QStringLiteral("ROLLBACK"), &ignored);
        }
        if (workError.isEmpty())
            workError = QStringLiteral("the transaction was rolled back");
        sql::fail(error, workError);
    }
    m_inTransaction = false;
    return ok;
}

bool Database::beginGroup(QString *error)
{
    if (m_inTransaction || m_inGroup)
        return sql::fail(error, QStringLiteral("nested write transaction"));
    if (!sql::run(connection(), QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    m_inGroup = true;
    return true;
}

bool Database::endGroup(bool commit, QString *error)
{
    if (!m_inGroup || m_inTransaction)
        return sql::fail(error, QStringLiteral("no group to end"));
    m_inGroup = false;
    const QSqlDatabase db = connection();
    if (commit && sql::run(db, QStringLiteral("COMMIT"), error))
        return true;
    QString ignored;
    sql::run(db, QStringLiteral("ROLLBACK"), &ignored);
    return !commit;
}

} // namespace qm
