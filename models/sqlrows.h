#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <cstddef>
#include <initializer_list>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

// Rows of SQL values packed into one byte array, and a statement that runs once per packed
// row. A sync page's rows are packed on one thread and written on another: packing does the
// conversions (UTF-16 to UTF-8, numbers) where there is time, and the writer hands the bytes to
// SQLite as they are. Internal to qm_models.
namespace qm::sqlrows {

// One value of a row: text, an integer or null. Holds a reference to text it is given.
class Value
{
public:
    Value(const QString &text) // NOLINT: a row is written as a list of values
        : m_text(&text)
    {}
    Value(qint64 number)
        : m_kind(Kind::Number)
        , m_number(number)
    {}
    Value(int number)
        : Value(qint64(number))
    {}
    Value(std::nullptr_t)
        : m_kind(Kind::Null)
    {}
    // Text, or null when empty.
    static Value orNull(const QString &text)
    {
        return text.isEmpty() ? Value(nullptr) : Value(text);
    }

    void appendTo(QByteArray &out) const;

private:
    enum class Kind
    {
        Text,
        Number,
        Null
    };
    Kind m_kind = Kind::Text;
    const QString *m_text = nullptr;
    qint64 m_number = 0;
};

// Packs one row at the end of `out`. Every row a Statement runs must have its column count.
void appendRow(QByteArray &out, std::initializer_list<Value> values);

// Whether statements may talk to SQLite directly (the default) where the QSQLITE driver's
// SQLite is the library this program is linked against. Tests turn it off to run the QtSql
// path, which every other build takes.
void setDirectAllowed(bool allowed);

// One SQL statement with `columns` positional parameters ("?"), run once for each packed row.
// Where the QSQLITE driver uses the SQLite library this program is linked against (checked
// once per process), it binds the packed bytes straight to SQLite's own statement: binding
// through QtSql formats and looks up a placeholder name for every value, which costs more than
// SQLite's insert. Elsewhere it binds through a QSqlQuery. Runs on the connection's transaction.
class Statement final
{
public:
    explicit Statement(const QSqlDatabase &db);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool prepare(const QString &statement, int columns, QString *error);
    // Runs the statement for every row of `rows` in order; stops at the first that fails
    // (what it changed stays: the caller's transaction decides). True for no rows.
    bool run(const QByteArray &rows, QString *error);
    // Whether it talks to SQLite directly.
    bool isDirect() const { return m_direct != nullptr; }

private:
    QSqlDatabase m_db;
    QString m_text;
    int m_columns = 0;
    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_direct = nullptr;
    std::unique_ptr<QSqlQuery> m_query;
};

} // namespace qm::sqlrows
