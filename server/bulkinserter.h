#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

namespace qm {

class DbConnection;

// Inserts many rows into one table with multi-row INSERT statements of a fixed shape
// (prepared once each), so that bulk loads cost few round trips on PostgreSQL and few
// statement executions on SQLite. Rows are buffered; flush() writes what is left and must be
// called before the transaction commits. With autoFlush off, rows are only written by
// flush() (so that a parent table can be written before the rows that refer to it).
class BulkInserter final
{
public:
    BulkInserter(DbConnection &db, QString table, QStringList columns, bool autoFlush = true);
    BulkInserter(const BulkInserter &) = delete;
    BulkInserter &operator=(const BulkInserter &) = delete;

    // Appends one row: exactly one value per column, in column order.
    void add(std::initializer_list<QVariant> row);
    void flush();
    qint64 rowsWritten() const { return m_written; }

private:
    QString statementFor(int rows) const;
    void write(qsizetype firstValue, int rows);

    DbConnection &m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement = 1;
    bool m_autoFlush = true;
    QVariantList m_pending;
    qint64 m_written = 0;
};

} // namespace qm
