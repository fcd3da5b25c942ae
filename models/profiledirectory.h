#pragma once

#include "models/profilestore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace qm {

class Database;

// A profile folder under the profiles directory, as `qm profiles` and the app's account
// switcher show it. Read from the folder's cache; `error` says why the cache could not be
// read (the rest is then empty).
struct ProfileEntry
{
    QString name;      // the folder name
    QString directory; // absolute
    ProfileInfo info;
    QString error;
    QDateTime lastSync;        // the latest completed pull of any feed (UTC); invalid when never
    qint64 cacheBytes = 0;     // the cache database with its write-ahead log
    int outboxOrders = 0;      // orders not yet accepted by the portal
    int outboxListChanges = 0; // saved-list changes not yet sent
    bool current = false;

    // "username@host:port", one of the names `qm profiles use` accepts; empty when the
    // profile was never signed in.
    QString address() const;
};

// Unsent work in a profile's cache: orders in `order_outbox` that the portal has not
// accepted and changes in `list_outbox`. A cache without one of these tables has none.
struct OutboxCounts
{
    int orders = 0;
    int listChanges = 0;
};

namespace profiles {

// Every profile folder (a folder holding a cache) under `root`, sorted by name, with the
// current profile marked.
QList<ProfileEntry> list(const QString &root);

OutboxCounts outboxCounts(Database &db);

// Whether two paths name the same folder, whether or not it still exists.
bool sameDirectory(const QString &a, const QString &b);

} // namespace profiles

} // namespace qm
