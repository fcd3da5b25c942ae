#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

// Small helpers shared by the cache's SQL code: prepare and execute a statement and turn
// a failure into one line that names the statement. Internal to qm_models.
namespace qm::sql {

inline QString describe(const QSqlQuery &q)
{
    return QStringLiteral("%1 (in: %2)").arg(q.lastError().text(), q.lastQuery().simplified());
}

// A string for a NOT NULL text column: a null QString would bind as SQL NULL.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

inline bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// Prepares `statement` on `q` (forward-only, since every read here walks the rows once).
inline bool prepare(QSqlQuery &q, const QString &statement, QString *error)
{
    q.setForwardOnly(true);
    if (q.prepare(statement))
        return true;
    return fail(error, describe(q));
}

inline bool exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    return fail(error, describe(q));
}

// Runs a statement that takes no parameters.
inline bool run(const QSqlDatabase &db, const QString &statement, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(statement))
        return true;
    return fail(error, describe(q));
}

} // namespace qm::sql
