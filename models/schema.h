#pragma once

#include <QList>
#include <QStringList>

namespace qm::schema {

// "QMCA": marks a SQLite file as a Quartermaster cache (PRAGMA application_id).
inline constexpr qint32 ApplicationId = 0x514D4341;

// One step of the cache schema. Steps run in order, each in one transaction together with
// its `PRAGMA user_version = version`. A step that has shipped is never edited; a change
// to the schema is a new step at the end.
struct Migration
{
    int version = 0;
    QStringList statements;
};

const QList<Migration> &migrations();

} // namespace qm::schema
