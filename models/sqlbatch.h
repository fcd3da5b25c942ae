#pragma once

#include "models/sql.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <algorithm>

// Set-based writes through QtSql: many rows to one INSERT statement. Internal to qm_models.
namespace qm::sql {

// The most values one statement binds: SQLite's limit before 3.32 and the smallest a build
// may be configured with, so that no build refuses a statement.
constexpr int MaxVariables = 999;

// Inserts `count` rows as `head` followed by `row` (the placeholders of one row, such as
// "(?, ?, 'x')") repeated, as many rows to a statement as MaxVariables allows. `bind(q, i)`
// binds the `perRow` values of row `i` in order. The statement of a full batch is prepared
// once and reused; only the last, shorter batch gets its own.
template<typename Bind>
bool insertRows(const QSqlDatabase &db, const QString &head, const QString &row, int perRow,
                qsizetype count, Bind bind, QString *error)
{
    const qsizetype batch = std::max(1, MaxVariables / std::max(1, perRow));
    const auto statementFor = [&](qsizetype rows) {
        QString statement = head;
        statement.reserve(head.size() + rows * (row.size() + 1));
        for (qsizetype i = 0; i < rows; ++i) {
            if (i > 0)
                statement += u',';
            statement += row;
        }
        return statement;
    };
    QSqlQuery full(db);
    bool fullPrepared = false;
    for (qsizetype first = 0; first < count; first += batch) {
        const qsizetype rows = std::min(batch, count - first);
        QSqlQuery shorter(db);
        QSqlQuery &q = rows == batch ? full : shorter;
        if (rows != batch || !fullPrepared) {
            if (!prepare(q, statementFor(rows), error))
                return false;
            fullPrepared = fullPrepared || rows == batch;
        }
        for (qsizetype i = 0; i < rows; ++i)
            bind(q, first + i);
        if (!exec(q, error))
            return false;
    }
    return true;
}

} // namespace qm::sql
