#include "models/profile.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace qm::profiles {

namespace {

const QString CurrentKey = QStringLiteral("profiles/current");

// Keeps letters, digits, '.', '_' and '-'; everything else becomes '_'.
QString safeName(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const bool ok =
            (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'.' || c == u'_' || c == u'-';
        out += ok ? c : QChar(u'_');
    }
    // Never "." or "..", never hidden.
    while (out.startsWith(u'.'))
        out.replace(0, 1, u'_');
    return out;
}

} // namespace

QString defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("profiles"));
}

QString directoryFor(const QUrl &portal, const QString &username, const QString &root)
{
    const int defaultPort = portal.scheme() == u"https" ? 443 : 80;
    const QString name = QStringLiteral("%1-%2-%3")
                             .arg(portal.host().toLower())
                             .arg(portal.port(defaultPort))
                             .arg(username.toLower());
    return QDir(root).filePath(safeName(name));
}

QString cachePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("cache.sqlite"));
}

QString current()
{
    return QSettings().value(CurrentKey).toString();
}

void setCurrent(const QString &profileDir)
{
    QSettings().setValue(CurrentKey, profileDir);
}

} // namespace qm::profiles
