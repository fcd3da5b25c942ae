#pragma once

#include "server/dburl.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

// qm-portal's command line. parse() never exits the process, so it can be tested.
struct PortalOptions
{
    enum class Mode
    {
        Serve,
        ApplyDemoChanges,
        PurgeTombstones,
        AdvanceDemoOrders,
        Help,
        Version,
    };

    Mode mode = Mode::Serve;
    DbUrl db;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8710;
    bool demo = false;
    qint64 demoProducts = 20000;
    quint64 demoSeed = 1;
    qint64 demoChanges = 0;
    int demoOrderPaceSeconds = 0; // with --demo: move every order one step on this often; 0: off
    int tombstoneRetentionDays = 30;
    int idempotencyRetentionHours = 48; // how long --purge-tombstones keeps idempotency keys
    qint64 accessTokenTtl = 900;
    qint64 refreshTokenTtl = 30 * 24 * 3600;
    qint64 maxBodyBytes = 1024 * 1024;
    qint64 pageCacheBytes = 32 * 1024 * 1024; // FeedPageCache; 0: off
    int loginAttemptsPerUser = 5;     // failed sign-ins per username and window; 0: no limit
    int loginAttemptsPerAddress = 50; // failed sign-ins per client address and window
    qint64 loginWindowSeconds = 900;
    bool sso = true;      // single sign-on: /oauth/authorize and the code grant
    bool ssoOnly = false; // refuse the password grant: sign-in only through SSO
    qint64 ssoCodeLifetime = 60;
    int threads = 2;
    QString tlsCertificate; // PEM; with tlsKey: serve HTTPS
    QString tlsKey;
    QString accessLog; // empty: standard error; "-": standard output

    QString helpText;

    // `arguments` includes the program name first, as QCoreApplication::arguments() does.
    // `defaultDataDir` is where the default SQLite file lives.
    static std::optional<PortalOptions> parse(const QStringList &arguments,
                                              const QString &defaultDataDir, QString *error);
};

} // namespace qm
