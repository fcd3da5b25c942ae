#pragma once

#include <QString>
#include <QUrl>

namespace qm {

// A profile is one signed-in portal account on this computer: a directory holding its
// cache database (`cache.sqlite`). It holds no secret: tokens live in the OS keychain.
namespace profiles {

// Where profiles live by default: <AppDataLocation>/profiles.
QString defaultRoot();

// The default directory for a portal account: <root>/<host>-<port>-<username>, with
// characters that are unsafe in file names replaced.
QString directoryFor(const QUrl &portal, const QString &username,
                     const QString &root = defaultRoot());

// The cache database file inside a profile directory.
QString cachePath(const QString &profileDir);

// The profile used when no --profile is given (QSettings "profiles/current"); empty when
// none was ever signed in.
QString current();
void setCurrent(const QString &profileDir);

} // namespace profiles
} // namespace qm
