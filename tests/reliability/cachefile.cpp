#include "reliability/cachefile.h"

#include "models/schema.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace qm::cachefile {

QString fixtureDir()
{
    return QStringLiteral(QM_CACHE_FIXTURE_DIR);
}

QString fixturePath(int version)
{
    return QStringLiteral("%1/v%2.sql").arg(fixtureDir()).arg(version);
}

RawFile::RawFile(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    if (sqlite3_open_v2(name.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        m_openError = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "out of memory");
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    sqlite3_busy_timeout(m_db, 5000);
}

RawFile::~RawFile()
{
    sqlite3_close(m_db);
}

bool RawFile::exec(const QString &statements, QString *error)
{
    if (!m_db) {
        if (error)
            *error = m_openError;
        return false;
    }
    char *message = nullptr;
    const QByteArray text = statements.toUtf8();
    if (sqlite3_exec(m_db, text.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return false;
}

namespace {

bool bindAll(sqlite3_stmt *stmt, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(stmt, i + 1);
        } else if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong ||
                   v.typeId() == QMetaType::Bool) {
            rc = sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
        } else if (v.typeId() == QMetaType::QByteArray) {
            const QByteArray b = v.toByteArray();
            rc = sqlite3_bind_blob(stmt, i + 1, b.constData(), int(b.size()), SQLITE_TRANSIENT);
        } else {
            const QByteArray s = v.toString().toUtf8();
            rc = sqlite3_bind_text(stmt, i + 1, s.constData(), int(s.size()), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK)
            return false;
    }
    return true;
}

QVariant columnValue(sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(stmt, column));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, column)),
                                   sqlite3_column_bytes(stmt, column)));
    case SQLITE_NULL:
        return QVariant();
    default:
        return QVariant(
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, column)),
                              sqlite3_column_bytes(stmt, column)));
    }
}

} // namespace

bool RawFile::run(const QString &statement, const QVariantList &values, QString *error)
{
    const auto result = [&] {
        if (!m_db)
            return false;
        sqlite3_stmt *stmt = nullptr;
        const QByteArray text = statement.toUtf8();
        if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &stmt, nullptr) !=
            SQLITE_OK)
            return false;
        bool ok = bindAll(stmt, values);
        if (ok) {
            int rc = SQLITE_ROW;
            while (rc == SQLITE_ROW)
                rc = sqlite3_step(stmt);
            ok = rc == SQLITE_DONE;
        }
        sqlite3_finalize(stmt);
        return ok;
    }();
    if (!result && error)
        *error = QStringLiteral("%1 (in: %2)")
                     .arg(m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : m_openError,
                          statement.simplified());
    return result;
}

QList<QVariantList> RawFile::rows(const QString &statement, QString *error)
{
    QList<QVariantList> result;
    if (!m_db) {
        if (error)
            *error = m_openError;
        return result;
    }
    sqlite3_stmt *stmt = nullptr;
    const QByteArray text = statement.toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &stmt, nullptr) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return result;
    }
    int rc = sqlite3_step(stmt);
    while (rc == SQLITE_ROW) {
        QVariantList row;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c)
            row.append(columnValue(stmt, c));
        result.append(row);
        rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE && error)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(stmt);
    return result;
}

QVariant RawFile::scalar(const QString &statement)
{
    const QList<QVariantList> r = rows(statement);
    return r.isEmpty() || r.first().isEmpty() ? QVariant() : r.first().first();
}

bool loadDump(const QString &dumpPath, const QString &dbPath, QString *error)
{
    if (QFileInfo::exists(dbPath)) {
        if (error)
            *error = QStringLiteral("%1 exists already").arg(dbPath);
        return false;
    }
    QFile dump(dumpPath);
    if (!dump.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(dumpPath, dump.errorString());
        return false;
    }
    RawFile file(dbPath);
    QString why;
    if (!file.exec(QString::fromUtf8(dump.readAll()), &why)) {
        if (error)
            *error = QStringLiteral("cannot load %1: %2").arg(dumpPath, why);
        return false;
    }
    return true;
}

bool migrateTo(RawFile &file, int version, QString *error)
{
    for (const schema::Migration &step : schema::migrations()) {
        if (step.version > version)
            break;
        if (file.userVersion() >= step.version)
            continue;
        if (!file.exec(QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        for (const QString &statement : step.statements) {
            if (!file.run(statement, {}, error)) {
                file.exec(QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
        }
        if (!file.exec(QStringLiteral("PRAGMA user_version = %1; COMMIT").arg(step.version),
                       error)) {
            file.exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
    }
    return true;
}

QStringList schemaEntries(RawFile &file)
{
    QStringList entries;
    const auto rows = file.rows(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master"
                                               " ORDER BY type, name"));
    for (const QVariantList &row : rows)
        entries.append(QStringLiteral("%1|%2|%3|%4")
                           .arg(row.value(0).toString(), row.value(1).toString(),
                                row.value(2).toString(), row.value(3).toString()));
    return entries;
}

QStringList dataTables(RawFile &file)
{
    QStringList tables;
    const auto rows =
        file.rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                                 " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                 " AND name NOT LIKE 'products\\_fts%' ESCAPE '\\' ORDER BY name"));
    for (const QVariantList &row : rows)
        tables.append(row.value(0).toString());
    return tables;
}

QStringList storedColumns(RawFile &file, const QString &table)
{
    QStringList columns;
    // table_xinfo lists generated columns too: hidden 2 (virtual) and 3 (stored).
    const auto rows =
        file.rows(QStringLiteral("SELECT name, hidden FROM pragma_table_xinfo('%1') ORDER BY cid")
                      .arg(table));
    for (const QVariantList &row : rows) {
        if (row.value(1).toInt() == 0)
            columns.append(row.value(0).toString());
    }
    return columns;
}

QMap<QString, qint64> rowCounts(RawFile &file)
{
    QMap<QString, qint64> counts;
    for (const QString &table : dataTables(file))
        counts.insert(
            table,
            file.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)).toLongLong());
    return counts;
}

} // namespace qm::cachefile
