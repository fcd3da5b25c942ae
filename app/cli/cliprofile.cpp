#include "app/cli/cliprofile.h"

#include "app/cli/blockingcalls.h"
#include "core/feeds.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/profile.h"
#include "sync/credentialstore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace qm {

CliProfile::CliProfile(CliProfile &&) noexcept = default;
CliProfile &CliProfile::operator=(CliProfile &&) noexcept = default;
CliProfile::~CliProfile() = default;

std::optional<CliProfile> CliProfile::open(const QString &profileOption, CliError *error)
{
    const QString directory = profileOption.isEmpty() ? profiles::current() : profileOption;
    if (directory.isEmpty() || !QFileInfo::exists(profiles::cachePath(directory))) {
        *error = CliError::notSignedIn();
        return std::nullopt;
    }
    CliProfile profile;
    profile.m_directory = QDir(directory).absolutePath();
    QString reason;
    profile.m_db = Database::open(profile.cachePath(), &reason);
    if (!profile.m_db) {
        *error = {ExitCode::Error, QStringLiteral("cannot open the cache %1: %2")
                                       .arg(QDir::toNativeSeparators(profile.cachePath()), reason)};
        return std::nullopt;
    }
    profile.m_info = ProfileStore(*profile.m_db).load();
    if (profile.m_info.isEmpty()) {
        *error = CliError::notSignedIn();
        return std::nullopt;
    }
    return profile;
}

QString CliProfile::cachePath() const
{
    return profiles::cachePath(m_directory);
}

void CliProfile::closeDatabase()
{
    m_db.reset();
}

QString CliProfile::keychainKey() const
{
    return CredentialStore::keyFor(m_info.portal, m_info.username);
}

std::optional<Tokens> CliProfile::readTokens(CredentialStore &store, CliError *error) const
{
    Tokens tokens;
    switch (blocking::readTokens(store, keychainKey(), &tokens)) {
    case CredentialStore::Status::Ok:
        if (!tokens.isEmpty())
            return tokens;
        break;
    case CredentialStore::Status::NotFound:
        break;
    case CredentialStore::Status::Unavailable:
        *error = CliError::secureStorageUnavailable({});
        return std::nullopt;
    }
    *error = CliError::notSignedIn();
    return std::nullopt;
}

QString ProfileEntry::keychainKey() const
{
    return CredentialStore::keyFor(info.portal, info.username);
}

QString ProfileEntry::address() const
{
    if (info.isEmpty())
        return {};
    const int defaultPort = info.portal.scheme() == u"https" ? 443 : 80;
    return QStringLiteral("%1@%2:%3")
        .arg(info.username, info.portal.host().toLower())
        .arg(info.portal.port(defaultPort));
}

namespace cliprofiles {

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

QString describe(const ProfileEntry &entry)
{
    const QString address = entry.address();
    return address.isEmpty() ? entry.name : QStringLiteral("%1 (%2)").arg(entry.name, address);
}

QString describeAll(const QList<ProfileEntry> &entries)
{
    QStringList names;
    for (const ProfileEntry &entry : entries)
        names << describe(entry);
    return names.join(QStringLiteral(", "));
}

} // namespace

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
    const QString currentDir = profiles::current();
    const QString current = currentDir.isEmpty() ? QString() : comparablePath(currentDir);
    const QDir rootDir(root);
    const QFileInfoList folders =
        rootDir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &folder : folders) {
        const QString cache = profiles::cachePath(folder.absoluteFilePath());
        if (!QFileInfo::exists(cache))
            continue;
        ProfileEntry entry;
        entry.name = folder.fileName();
        entry.directory = folder.absoluteFilePath();
        entry.current = !current.isEmpty() && comparablePath(entry.directory) == current;
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

std::optional<ProfileEntry> find(const QList<ProfileEntry> &entries, const QString &name,
                                 CliError *error)
{
    const QString wanted = name.trimmed();
    if (wanted.isEmpty()) {
        *error = {ExitCode::Usage, QStringLiteral("the profile name must not be empty")};
        return std::nullopt;
    }
    for (const ProfileEntry &entry : entries) {
        if (entry.name == wanted)
            return entry;
    }
    QList<ProfileEntry> matches;
    for (const ProfileEntry &entry : entries) {
        if (!entry.info.isEmpty() && entry.address().compare(wanted, Qt::CaseInsensitive) == 0)
            matches.append(entry);
    }
    if (matches.isEmpty()) {
        for (const ProfileEntry &entry : entries) {
            if (!entry.info.isEmpty() &&
                entry.info.username.compare(wanted, Qt::CaseInsensitive) == 0)
                matches.append(entry);
        }
    }
    if (matches.size() == 1)
        return matches.constFirst();
    if (matches.size() > 1) {
        *error = {ExitCode::Usage,
                  QStringLiteral("'%1' matches %2 profiles: %3; name one by its folder")
                      .arg(wanted)
                      .arg(matches.size())
                      .arg(describeAll(matches))};
        return std::nullopt;
    }
    *error = {ExitCode::Usage,
              entries.isEmpty()
                  ? QStringLiteral("no profile '%1': there are no profiles; sign in with qm login")
                        .arg(wanted)
                  : QStringLiteral("no profile '%1'; the profiles are: %2")
                        .arg(wanted, describeAll(entries))};
    return std::nullopt;
}

} // namespace cliprofiles

} // namespace qm
