#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

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

// The one integer a statement such as a PRAGMA returns.
inline std::optional<qint64> readInt(const QSqlDatabase &db, const QString &statement,
                                     QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(statement) || !q.next()) {
        fail(error, describe(q));
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

// The values as the text of one JSON array, to bind to a statement that walks them with
// json_each(?): one statement for any number of values.
inline QString jsonArray(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

// Runs `statement` with `jsonValues` (see jsonArray) bound to its one parameter and hands
// every row to `row`; an empty array runs nothing. Put json_each first with CROSS JOIN in
// the statement, which makes SQLite walk the values and look each one up by index rather
// than scan json_each once per cached row.
template<typename Row>
bool forEachRow(const QSqlDatabase &db, const QString &statement, const QString &jsonValues,
                Row row, QString *error)
{
    if (jsonValues.size() <= 2) // "[]"
        return true;
    QSqlQuery q(db);
    if (!prepare(q, statement, error))
        return false;
    q.addBindValue(jsonValues);
    if (!exec(q, error))
        return false;
    while (q.next())
        row(q);
    return true;
}

} // namespace qm::sql
