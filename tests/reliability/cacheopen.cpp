// Opens a profile cache the way the applications do (Database::open, which migrates it) and
// exits: 0 and the schema version on stdout when it opened, 1 and the reason on stderr when
// it was refused. Writes "opening" and flushes just before opening, so that a test can time
// (and interrupt) the migration itself rather than the process start.
//
//   cacheopen FILE

#include "models/database.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        std::fprintf(stderr, "usage: cacheopen FILE\n");
        return 2;
    }
    std::printf("opening\n");
    std::fflush(stdout);
    QString error;
    const auto db = qm::Database::open(app.arguments().at(1), &error);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("version %d\n", db->schemaVersion());
    return 0;
}
