#include "app/cli/cliprofile.h"

#include "app/cli/blockingcalls.h"
#include "models/database.h"
#include "models/profile.h"
#include "sync/credentialstore.h"

#include <QDir>
#include <QFileInfo>

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

} // namespace qm
