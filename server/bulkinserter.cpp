#include "server/bulkinserter.h"

#include "server/dbconnection.h"

namespace qm {

namespace {
// Bound values per statement. PostgreSQL: enough that a round trip carries a few hundred
// rows. SQLite has no round trips, and Qt's SQLite driver looks every parameter up by
// position (quadratic in their number), so small statements are faster there.
int valuesPerStatement(const DbConnection &db)
{
    return db.isPostgres() ? 4000 : 240;
}
} // namespace

BulkInserter::BulkInserter(DbConnection &db, QString table, QStringList columns, bool autoFlush)
    : m_db(db)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_rowsPerStatement(qMax(1, valuesPerStatement(db) / int(m_columns.size())))
    , m_autoFlush(autoFlush)
{
    m_pending.reserve(m_rowsPerStatement * m_columns.size());
}

void BulkInserter::add(std::initializer_list<QVariant> row)
{
    Q_ASSERT(qsizetype(row.size()) == m_columns.size());
    for (const QVariant &v : row)
        m_pending.append(v);
    if (m_autoFlush && m_pending.size() >= m_rowsPerStatement * m_columns.size()) {
        write(0, m_rowsPerStatement);
        m_pending.clear();
    }
}

void BulkInserter::flush()
{
    const qsizetype width = m_columns.size();
    const qsizetype rows = m_pending.size() / width;
    qsizetype done = 0;
    while (done < rows) {
        const int chunk = int(qMin<qsizetype>(m_rowsPerStatement, rows - done));
        write(done * width, chunk);
        done += chunk;
    }
    m_pending.clear();
}

QString BulkInserter::statementFor(int rows) const
{
    QString row = QStringLiteral("(?");
    for (qsizetype i = 1; i < m_columns.size(); ++i)
        row += QStringLiteral(",?");
    row += u')';
    QString sql = QStringLiteral("INSERT INTO ") + m_table + QStringLiteral(" (") +
                  m_columns.join(u',') + QStringLiteral(") VALUES ");
    sql.reserve(sql.size() + rows * (row.size() + 1));
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += u',';
        sql += row;
    }
    return sql;
}

void BulkInserter::write(qsizetype firstValue, int rows)
{
    Statement statement = m_db.prepare(statementFor(rows));
    const qsizetype end = firstValue + rows * m_columns.size();
    for (qsizetype i = firstValue; i < end; ++i)
        statement.bind(m_pending.at(i));
    statement.exec();
    m_written += rows;
}

} // namespace qm
