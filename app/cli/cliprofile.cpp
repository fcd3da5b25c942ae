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

namespace cliprofiles {

namespace {

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
