#pragma once

#include "app/cli/clierror.h"
#include "models/profiledirectory.h"
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

namespace cliprofiles {

// The profile called `name`: its folder name, "username@host:port" or a username that
// only one profile has. Unknown and ambiguous names fail with a usage error that lists
// the candidates.
std::optional<ProfileEntry> find(const QList<ProfileEntry> &entries, const QString &name,
                                 CliError *error);

} // namespace cliprofiles

} // namespace qm
