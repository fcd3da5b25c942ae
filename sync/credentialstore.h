#pragma once

#include "sync/tokens.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace qm {

// Keeps a profile's tokens in the OS keychain (QtKeychain: Secret Service, macOS
// Keychain, Windows Credential Manager). There is no fallback: when no keychain is
// available every call reports Unavailable and nothing is written anywhere else.
// Calls are asynchronous; the callback runs in the caller's thread.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Status
    {
        Ok,
        NotFound,    // nothing stored for this key
        Unavailable, // no usable keychain (no secret service, locked, denied)
    };

    // `service` names the keychain entries ("Quartermaster" in the app).
    explicit CredentialStore(QString service = QStringLiteral("Quartermaster"),
                             QObject *parent = nullptr);

    // The keychain key of a profile: "<portal URL>#<username>".
    static QString keyFor(const QUrl &portal, const QString &username);

    // NotFound only when a keychain is there and holds nothing for `key`: a Secret Service
    // without a usable collection also answers "not found", so that answer is checked by
    // writing (and deleting) a probe entry.
    void read(const QString &key, std::function<void(Status, const Tokens &)> done);
    void write(const QString &key, const Tokens &tokens, std::function<void(Status)> done);
    void remove(const QString &key, std::function<void(Status)> done);

private:
    // Whether the keychain accepts a write (Ok) or not (Unavailable).
    void probe(std::function<void(Status)> done);

    QString m_service;
};

} // namespace qm
