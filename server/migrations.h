#pragma once

namespace qm {

class DbConnection;

// The portal's schema, the same on SQLite and PostgreSQL, as an ordered list of compiled-in
// steps. Each step runs in one transaction together with its bump of schema_version; a
// shipped step is never edited, a change is a new step.
class Migrations final
{
public:
    // Brings the database to latestVersion(); throws DbError. Refuses (DbError) a database
    // whose schema is newer than this build knows.
    static void apply(DbConnection &db);
    // Brings the database to `version` at most (for tests of upgrades from older schemas).
    static void apply(DbConnection &db, int version);
    static int currentVersion(DbConnection &db);
    static int latestVersion();
};

} // namespace qm
