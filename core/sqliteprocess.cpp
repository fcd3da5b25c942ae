#include "core/sqliteprocess.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace qm::sqliteprocess {

namespace {

Q_LOGGING_CATEGORY(lcSqlite, "qm.sqlite", QtInfoMsg)

} // namespace

bool configure()
{
    static const bool off = [] {
        if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK)
            return true;
        qCInfo(lcSqlite) << "SQLite was in use before it could be configured: its memory count"
                            " stays on";
        return false;
    }();
    return off;
}

} // namespace qm::sqliteprocess
