#pragma once

#include "app/cli/clierror.h"
#include "models/profilestore.h"
#include "sync/tokens.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace qm {

class CredentialStore;
class Database;

// The profile a command works on: --profile DIR, else the current profile. Opens its
// cache and reads who it belongs to.
class CliProfile final
{
public:
    // Fails with "not signed in" when there is no profile or it has never been signed in.
    static std::optional<CliProfile> open(const QString &profileOption, CliError *error);

    CliProfile(CliProfile &&) noexcept;
    CliProfile &operator=(CliProfile &&) noexcept;
    ~CliProfile();

    const QString &directory() const { return m_directory; }
    QString cachePath() const;
    const ProfileInfo &info() const { return m_info; }
    Database &database() const { return *m_db; }
    // Closes the cache, e.g. before a SyncEngine opens its own connection.
    void closeDatabase();

    QString keychainKey() const;
    // The profile's tokens from the keychain; "not signed in" when there are none,
    // "secure storage unavailable" when there is no keychain.
    std::optional<Tokens> readTokens(CredentialStore &store, CliError *error) const;

private:
    CliProfile() = default;

    QString m_directory;
    ProfileInfo m_info;
    std::unique_ptr<Database> m_db;
};

// A profile folder under the profiles directory, as `qm profiles` shows it. Read from the
// folder's cache; `error` says why the cache could not be read (the rest is then empty).
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

    QString keychainKey() const;
    // "username@host:port", one of the names `qm profiles use` accepts.
    QString address() const;
};

namespace cliprofiles {

// Every profile folder (a folder holding a cache) under `root`, sorted by name, with the
// current profile marked.
QList<ProfileEntry> list(const QString &root);

// The profile called `name`: its folder name, "username@host:port" or a username that
// only one profile has. Unknown and ambiguous names fail with a usage error that lists
// the candidates.
std::optional<ProfileEntry> find(const QList<ProfileEntry> &entries, const QString &name,
                                 CliError *error);

// Unsent work in a profile's cache: orders in `order_outbox` that the portal has not
// accepted and changes in `list_outbox`. A cache without one of these tables has none.
struct OutboxCounts
{
    int orders = 0;
    int listChanges = 0;
};
OutboxCounts outboxCounts(Database &db);

} // namespace cliprofiles

} // namespace qm
