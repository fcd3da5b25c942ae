#include "models/profiledirectory.h"

#include "core/feeds.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/profile.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace qm {

QString ProfileEntry::address() const
{
    if (info.isEmpty())
        return {};
    const int defaultPort = info.portal.scheme() == u"https" ? 443 : 80;
    return QStringLiteral("%1@%2:%3")
        .arg(info.username, info.portal.host().toLower())
        .arg(info.portal.port(defaultPort));
}

namespace profiles {

namespace {

// A path to compare folders by, whether or not they still exist.
QString comparablePath(const QString &directory)
{
    const QFileInfo file(directory);
    const QString canonical = file.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(file.absoluteFilePath()) : canonical;
}

qint64 fileSize(const QString &path)
{
    const QFileInfo file(path);
    return file.exists() ? file.size() : 0;
}

bool hasTable(Database &db, const QString &table)
{
    QSqlQuery query(db.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    return query.exec() && query.next();
}

int countRows(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return 0;
    return query.value(0).toInt();
}

} // namespace

bool sameDirectory(const QString &a, const QString &b)
{
    return !a.isEmpty() && !b.isEmpty() && comparablePath(a) == comparablePath(b);
}

OutboxCounts outboxCounts(Database &db)
{
    OutboxCounts counts;
    if (hasTable(db, QStringLiteral("order_outbox")))
        counts.orders =
            countRows(db, QStringLiteral("SELECT count(*) FROM order_outbox"
                                         " WHERE state <> 'sent' AND replaced_by IS NULL"));
    if (hasTable(db, QStringLiteral("list_outbox")))
        counts.listChanges = countRows(db, QStringLiteral("SELECT count(*) FROM list_outbox"));
    return counts;
}

QList<ProfileEntry> list(const QString &root)
{
    QList<ProfileEntry> entries;
    const QString current = profiles::current();
    const QDir rootDir(root);
    const QFileInfoList folders =
        rootDir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &folder : folders) {
        const QString cache = cachePath(folder.absoluteFilePath());
        if (!QFileInfo::exists(cache))
            continue;
        ProfileEntry entry;
        entry.name = folder.fileName();
        entry.directory = folder.absoluteFilePath();
        entry.current = sameDirectory(entry.directory, current);
        entry.cacheBytes = fileSize(cache) + fileSize(cache + QStringLiteral("-wal"));
        QString reason;
        auto db = Database::open(cache, &reason);
        if (!db) {
            entry.error = reason;
        } else {
            entry.info = ProfileStore(*db).load();
            const CatalogStore catalog(*db);
            for (Feed feed : allFeeds()) {
                const QDateTime pulled = catalog.state(feed).lastPulledAt;
                if (pulled.isValid() && (!entry.lastSync.isValid() || pulled > entry.lastSync))
                    entry.lastSync = pulled;
            }
            const OutboxCounts counts = outboxCounts(*db);
            entry.outboxOrders = counts.orders;
            entry.outboxListChanges = counts.listChanges;
        }
        entries.append(entry);
    }
    return entries;
}

} // namespace profiles

} // namespace qm
