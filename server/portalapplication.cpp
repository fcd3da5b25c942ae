#include "server/portalapplication.h"

#include "core/version.h"
#include "server/accesslog.h"
#include "server/crypto.h"
#include "server/dbconnection.h"
#include "server/demochanges.h"
#include "server/demoorderlife.h"
#include "server/demosupplier.h"
#include "server/feedwriter.h"
#include "server/idempotency.h"
#include "server/migrations.h"
#include "server/portaloptions.h"
#include "server/portalserver.h"
#include "server/signalwatcher.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcApp, "qm.portal.app")

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printError(const QString &text)
{
    const QByteArray bytes = (QStringLiteral("qm-portal: ") + text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// Opens the database (creating the SQLite file's directory) and brings the schema up to date.
std::unique_ptr<DbConnection> openDatabase(const DbUrl &url)
{
    if (url.driver == DbUrl::Driver::Sqlite && url.path != u":memory:") {
        const QString dir = QFileInfo(url.path).absolutePath();
        if (!QDir().mkpath(dir))
            throw DbError(QStringLiteral("cannot create the directory %1").arg(dir));
    }
    auto db = DbConnection::open(url);
    Migrations::apply(*db);
    return db;
}

QString demoTable(const QList<DemoSupplier::User> &users)
{
    int widths[4] = {8, 8, 4, 7};
    for (const DemoSupplier::User &u : users) {
        widths[0] = qMax(widths[0], int(u.username.size()));
        widths[2] = qMax(widths[2], int(u.role.size()) + (u.active ? 0 : 11));
    }
    const auto row = [&widths](const QString &a, const QString &b, const QString &c,
                               const QString &d) {
        return QStringLiteral("  ") + a.leftJustified(widths[0]) + QStringLiteral("  ") +
               b.leftJustified(widths[1]) + QStringLiteral("  ") + c.leftJustified(widths[2]) +
               QStringLiteral("  ") + d + u'\n';
    };
    QString text = row(QStringLiteral("username"), QStringLiteral("password"),
                       QStringLiteral("role"), QStringLiteral("account"));
    for (const DemoSupplier::User &u : users) {
        text += row(u.username, DemoSupplier::password(),
                    u.active ? u.role : u.role + QStringLiteral(" (inactive)"),
                    u.accountCode + QStringLiteral("  ") + u.accountName);
    }
    return text;
}

} // namespace

PortalApplication::PortalApplication(int &argc, char **argv)
    : QCoreApplication(argc, argv)
{
    setApplicationName(QStringLiteral("qm-portal"));
    setOrganizationName(QStringLiteral("Quartermaster"));
    setApplicationVersion(QStringLiteral(QM_VERSION));
}

int PortalApplication::run()
{
    QString error;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const auto options = PortalOptions::parse(arguments(), dataDir, &error);
    if (!options) {
        printError(error + QStringLiteral(" (see qm-portal --help)"));
        return 2;
    }
    switch (options->mode) {
    case PortalOptions::Mode::Help:
        printOut(options->helpText);
        return 0;
    case PortalOptions::Mode::Version:
        printOut(QStringLiteral("qm-portal %1 (API %2)\n")
                     .arg(QStringLiteral(QM_VERSION), QStringLiteral(QM_API_VERSION)));
        return 0;
    default:
        break;
    }
    if (!crypto::initialize()) {
        printError(QStringLiteral("libsodium cannot be initialised"));
        return 1;
    }
    try {
        switch (options->mode) {
        case PortalOptions::Mode::ApplyDemoChanges:
            return applyDemoChanges(*options);
        case PortalOptions::Mode::PurgeTombstones:
            return purgeTombstones(*options);
        case PortalOptions::Mode::AdvanceDemoOrders: {
            auto db = openDatabase(options->db);
            printOut(DemoOrderLife::advance(*db, QDateTime::currentSecsSinceEpoch()).summary() +
                     u'\n');
            return 0;
        }
        default:
            return serve(*options);
        }
    } catch (const DbError &e) {
        printError(e.message());
        return 1;
    } catch (const std::exception &e) {
        printError(QString::fromUtf8(e.what()));
        return 1;
    }
}

int PortalApplication::serve(const PortalOptions &options)
{
    AccessLog accessLog;
    QString error;
    if (!accessLog.open(options.accessLog, &error)) {
        printError(error);
        return 1;
    }

    QString portalName;
    QList<DemoSupplier::User> demoUsers;
    QString demoLine;
    {
        auto db = openDatabase(options.db);
        if (options.demo) {
            QElapsedTimer timer;
            timer.start();
            QString refusal;
            const auto outcome = DemoSupplier::ensure(
                *db, DemoSupplier::Params{options.demoProducts, options.demoSeed}, &refusal);
            if (!outcome) {
                printError(refusal);
                return 1;
            }
            demoLine =
                QStringLiteral("%1 demo: %2 products, seed %3 (%4 in %5 s)\n")
                    .arg(DemoSupplier::name())
                    .arg(options.demoProducts)
                    .arg(options.demoSeed)
                    .arg(*outcome == DemoSupplier::Outcome::Created ? QStringLiteral("generated")
                                                                    : QStringLiteral("reused"))
                    .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
            demoUsers = DemoSupplier::users(*db);
        }
        portalName = DemoSupplier::meta(*db, QStringLiteral("portal_name"));
    }

    PortalServer::Settings settings;
    settings.db = options.db;
    settings.address = options.address;
    settings.port = options.port;
    settings.threads = options.threads;
    settings.maxBodyBytes = options.maxBodyBytes;
    settings.tlsCertificate = options.tlsCertificate;
    settings.tlsKey = options.tlsKey;
    settings.api.pageCacheBytes = options.pageCacheBytes;
    settings.api.auth.accessTokenTtl = options.accessTokenTtl;
    settings.api.auth.refreshTokenTtl = options.refreshTokenTtl;
    settings.api.login.perUser = options.loginAttemptsPerUser;
    settings.api.login.perAddress = options.loginAttemptsPerAddress;
    settings.api.login.windowSeconds = options.loginWindowSeconds;
    settings.api.sso.enabled = options.sso;
    settings.api.sso.passwordGrant = !options.ssoOnly;
    settings.api.sso.codeLifetime = options.ssoCodeLifetime;
    settings.api.sso.https = !options.tlsCertificate.isEmpty();
    settings.api.portalName =
        portalName.isEmpty() ? QStringLiteral("Quartermaster reference portal") : portalName;
    PortalServer server(settings, accessLog);
    if (!server.listen(&error)) {
        printError(error);
        return 1;
    }
    SignalWatcher signalWatcher;
    connect(&signalWatcher, &SignalWatcher::terminationRequested, this,
            [this, &server](int signalNumber) {
                qCInfo(lcApp, "signal %d: shutting down", signalNumber);
                server.shutdown(10000);
                quit();
            });

    // The demo supplier's pace: orders move on by themselves, so the demo shows their whole
    // life (confirmation, shipment with tracking, delivery) while it runs.
    std::unique_ptr<DbConnection> paceDb;
    QTimer pace;
    if (options.demoOrderPaceSeconds > 0) {
        paceDb = openDatabase(options.db);
        pace.setInterval(std::chrono::seconds(options.demoOrderPaceSeconds));
        connect(&pace, &QTimer::timeout, this, [&paceDb] {
            try {
                const auto result =
                    DemoOrderLife::advance(*paceDb, QDateTime::currentSecsSinceEpoch());
                qCInfo(lcApp, "demo orders: %s", qPrintable(result.summary()));
            } catch (const DbError &e) {
                qCWarning(lcApp, "demo orders did not move on: %s", qPrintable(e.message()));
            }
        });
        pace.start();
    }

    printOut(QStringLiteral("qm-portal listening on %1\n").arg(server.url().toString()));
    if (options.demo) {
        printOut(
            demoLine +
            QStringLiteral("Sign in at %1 as one of these users:\n").arg(server.url().toString()) +
            demoTable(demoUsers));
    }
    const int code = exec();
    qCInfo(lcApp, "stopped");
    return code;
}

int PortalApplication::applyDemoChanges(const PortalOptions &options)
{
    auto db = openDatabase(options.db);
    printOut(DemoChanges::apply(*db, options.demoChanges, options.demoSeed) + u'\n');
    return 0;
}

int PortalApplication::purgeTombstones(const PortalOptions &options)
{
    auto db = openDatabase(options.db);
    const qint64 cutoff =
        QDateTime::currentSecsSinceEpoch() - qint64(options.tombstoneRetentionDays) * 24 * 3600;
    const qint64 keyCutoff =
        QDateTime::currentSecsSinceEpoch() - qint64(options.idempotencyRetentionHours) * 3600;
    qint64 keysPurged = 0;
    const qint64 purged = db->write([&] {
        FeedWriter feeds(*db);
        feeds.begin();
        const qint64 n = feeds.purgeTombstones(cutoff);
        feeds.finish();
        keysPurged = IdempotencyStore(*db).purge(keyCutoff);
        return n;
    });
    printOut(QStringLiteral("purged %1 tombstones older than %2 days\n")
                 .arg(purged)
                 .arg(options.tombstoneRetentionDays));
    printOut(QStringLiteral("purged %1 idempotency keys older than %2 hours\n")
                 .arg(keysPurged)
                 .arg(options.idempotencyRetentionHours));
    return 0;
}

} // namespace qm
