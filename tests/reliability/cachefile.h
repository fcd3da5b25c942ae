#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

struct sqlite3;

// Cache files handled below the Database class: loading a schema fixture (an SQL dump),
// applying the compiled-in migration steps one by one, and reading a file's schema and
// rows for comparison. Uses SQLite directly so that nothing here migrates a file by
// accident the way Database::open does.
namespace qm::cachefile {

// The directory of the released schema fixtures, tests/data/cache-schemas.
QString fixtureDir();
// tests/data/cache-schemas/v<version>.sql
QString fixturePath(int version);

// One SQLite connection, opened read-write (creating the file).
class RawFile final
{
public:
    explicit RawFile(const QString &path);
    ~RawFile();
    RawFile(const RawFile &) = delete;
    RawFile &operator=(const RawFile &) = delete;

    bool isOpen() const { return m_db != nullptr; }
    QString openError() const { return m_openError; }

    // Runs any number of statements (a whole dump); false with SQLite's message in `error`.
    bool exec(const QString &statements, QString *error);
    // Runs one statement with `values` bound in order.
    bool run(const QString &statement, const QVariantList &values, QString *error);
    // All rows of one statement, each value as SQLite returned it (NULL as a null QVariant,
    // blobs as QByteArray). An empty list with `error` set on failure.
    QList<QVariantList> rows(const QString &statement, QString *error = nullptr);
    // The first column of the first row, or a null QVariant.
    QVariant scalar(const QString &statement);

    int userVersion() { return scalar(QStringLiteral("PRAGMA user_version")).toInt(); }

private:
    sqlite3 *m_db = nullptr;
    QString m_openError;
};

// Loads the dump at `dumpPath` into a new file at `dbPath` (which must not exist).
bool loadDump(const QString &dumpPath, const QString &dbPath, QString *error);

// Applies the steps of schema::migrations() after the file's version up to `version`, each
// in one transaction with its user_version, exactly as Database::migrate does.
bool migrateTo(RawFile &file, int version, QString *error);

// The schema as sqlite_master holds it: "type|name|tbl_name|sql" per entry, sorted.
QStringList schemaEntries(RawFile &file);

// The ordinary tables holding the cache's data: every table except SQLite's own and the
// full-text index (products_fts and its shadow tables, which are derived from products).
QStringList dataTables(RawFile &file);
// The stored columns of `table` (generated columns left out).
QStringList storedColumns(RawFile &file, const QString &table);

// Row counts of dataTables().
QMap<QString, qint64> rowCounts(RawFile &file);

} // namespace qm::cachefile
