#include "server/dbconnection.h"

#include "core/sqliteprocess.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcDb, "qm.portal.db")

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("qm-portal-%1").arg(++counter);
}

QString describe(const QSqlError &error)
{
    QString text = error.databaseText();
    if (!error.driverText().isEmpty() && error.driverText() != text)
        text = error.driverText() + QStringLiteral(": ") + text;
    if (!error.nativeErrorCode().isEmpty())
        text += QStringLiteral(" [") + error.nativeErrorCode() + u']';
    return text.trimmed();
}

} // namespace

DbError::DbError(const QString &message)
    : std::runtime_error(message.toStdString())
{}

Statement::Statement(DbConnection *db, QSqlQuery *query, bool *busy,
                     std::unique_ptr<QSqlQuery> owned)
    : m_db(db)
    , m_query(query)
    , m_busy(busy)
    , m_owned(std::move(owned))
{
    if (m_busy)
        *m_busy = true;
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_query(other.m_query)
    , m_busy(other.m_busy)
    , m_owned(std::move(other.m_owned))
    , m_index(other.m_index)
{
    other.m_query = nullptr;
    other.m_busy = nullptr;
}

Statement::~Statement()
{
    if (m_query)
        m_query->finish();
    if (m_busy)
        *m_busy = false;
}

Statement &Statement::bind(const QVariant &value)
{
    m_query->bindValue(m_index++, value);
    return *this;
}

Statement &Statement::bindText(const QString &value)
{
    if (value.isNull())
        return bind(QVariant(QMetaType::fromType<QString>()));
    return bind(value);
}

Statement &Statement::bindNull()
{
    return bind(QVariant(QMetaType::fromType<qlonglong>()));
}

Statement &Statement::exec()
{
    if (!m_query->exec())
        m_db->fail(*m_query, QStringLiteral("statement failed"));
    m_index = 0;
    return *this;
}

bool Statement::next()
{
    return m_query->next();
}

QDate Statement::date(int column) const
{
    return isNull(column) ? QDate() : QDate::fromString(text(column), Qt::ISODate);
}

DbConnection::DbConnection(DbUrl url, QString name)
    : m_url(std::move(url))
    , m_name(std::move(name))
    , m_dialect(m_url.driver == DbUrl::Driver::Postgres ? Dialect::Postgres : Dialect::Sqlite)
{}

std::unique_ptr<DbConnection> DbConnection::open(const DbUrl &url)
{
    std::unique_ptr<DbConnection> c(new DbConnection(url, nextConnectionName()));
    if (c->m_dialect == Dialect::Sqlite) {
        sqliteprocess::configure();
        c->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->m_name);
        c->m_db.setDatabaseName(url.path);
        c->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    } else {
        c->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), c->m_name);
        c->m_db.setHostName(url.host);
        c->m_db.setPort(url.port);
        c->m_db.setUserName(url.user);
        c->m_db.setPassword(url.password);
        c->m_db.setDatabaseName(url.database);
        c->m_db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!c->m_db.isValid())
        throw DbError(
            QStringLiteral("the Qt SQL driver for %1 is not available")
                .arg(c->isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite")));
    if (!c->m_db.open())
        throw DbError(QStringLiteral("cannot open %1: %2")
                          .arg(url.toDisplayString(), describe(c->m_db.lastError())));

    if (c->m_dialect == Dialect::Sqlite) {
        if (url.path != u":memory:") {
            c->execute(QStringLiteral("PRAGMA journal_mode = WAL"));
            // Give the disk back after a big transaction (the demo) has been checkpointed.
            c->execute(QStringLiteral("PRAGMA journal_size_limit = 67108864"));
        }
        c->execute(QStringLiteral("PRAGMA synchronous = FULL"));
        c->execute(QStringLiteral("PRAGMA foreign_keys = ON"));
        c->execute(QStringLiteral("PRAGMA cache_size = -65536"));
    } else {
        c->execute(QStringLiteral("SET client_min_messages = warning"));
        c->execute(QStringLiteral("SET application_name = 'qm-portal'"));
    }
    return c;
}

DbConnection::~DbConnection()
{
    if (m_inTransaction)
        rollback();
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void DbConnection::fail(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    if (error.type() == QSqlError::ConnectionError || !m_db.isOpen())
        m_healthy = false;
    if (isPostgres() && m_db.driver()) {
        // A dropped PostgreSQL connection reports a statement error; ask the driver.
        const QString text = error.databaseText();
        if (text.contains(QLatin1String("server closed the connection")) ||
            text.contains(QLatin1String("no connection to the server")) ||
            text.contains(QLatin1String("terminating connection")))
            m_healthy = false;
    }
    const QString message = QStringLiteral("%1: %2 (SQL: %3)")
                                .arg(what, describe(error), query.lastQuery().simplified());
    qCWarning(lcDb).noquote() << message;
    throw DbError(message);
}

Statement DbConnection::prepare(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            fail(*query, QStringLiteral("cannot prepare"));
        it = m_statements.emplace(sql, Cached{std::move(query), false}).first;
    }
    if (!it->second.busy)
        return Statement(this, it->second.query.get(), &it->second.busy, nullptr);

    auto fresh = std::make_unique<QSqlQuery>(m_db);
    fresh->setForwardOnly(true);
    if (!fresh->prepare(sql))
        fail(*fresh, QStringLiteral("cannot prepare"));
    QSqlQuery *raw = fresh.get();
    return Statement(this, raw, nullptr, std::move(fresh));
}

void DbConnection::execute(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        fail(query, QStringLiteral("statement failed"));
}

void DbConnection::beginWrite()
{
    execute(isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
    m_inTransaction = true;
}

void DbConnection::beginRead()
{
    execute(isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                         : QStringLiteral("BEGIN"));
    m_inTransaction = true;
}

void DbConnection::commit()
{
    m_inTransaction = false;
    execute(QStringLiteral("COMMIT"));
}

void DbConnection::rollback() noexcept
{
    m_inTransaction = false;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCDebug(lcDb) << "rollback:" << query.lastError().text();
}

void DbConnection::resetStatements()
{
    for (auto it = m_statements.begin(); it != m_statements.end();) {
        if (it->second.busy)
            ++it;
        else
            it = m_statements.erase(it);
    }
}

} // namespace qm
