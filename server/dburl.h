#pragma once

#include <QString>

#include <optional>

namespace qm {

// Where qm-portal keeps its data, from the --db option:
//   sqlite:PATH                                   a SQLite file (":memory:" for tests)
//   postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME (also postgresql://)
struct DbUrl
{
    enum class Driver
    {
        Sqlite,
        Postgres,
    };

    Driver driver = Driver::Sqlite;
    QString path;     // SQLite
    QString host;     // PostgreSQL
    int port = 5432;  // PostgreSQL
    QString user;     // PostgreSQL
    QString password; // PostgreSQL, may be empty
    QString database; // PostgreSQL

    // Returns nullopt with a reason in `error` for anything else.
    static std::optional<DbUrl> parse(QStringView text, QString *error);

    // The URL again, with the password masked (for messages and logs).
    QString toDisplayString() const;
};

} // namespace qm
