#include "server/portaloptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QThread>

namespace qm {

namespace {

std::optional<qint64> integerOption(const QCommandLineParser &parser, const QString &name,
                                    qint64 minimum, qint64 maximum, QString *error)
{
    bool ok = false;
    const QString text = parser.value(name);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        *error = QStringLiteral("--%1 must be an integer from %2 to %3, not '%4'")
                     .arg(name)
                     .arg(minimum)
                     .arg(maximum)
                     .arg(text);
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<PortalOptions> PortalOptions::parse(const QStringList &arguments,
                                                  const QString &defaultDataDir, QString *error)
{
    PortalOptions o;
    o.threads = qMax(2, QThread::idealThreadCount());
    const QString defaultDb =
        QStringLiteral("sqlite:") + QDir(defaultDataDir).filePath(QStringLiteral("portal.sqlite"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "qm-portal: the reference implementation of the Quartermaster portal API (a supplier's\n"
        "self-service portal for its business customers), with an optional demo supplier.\n"
        "\n"
        "Serves until SIGTERM or SIGINT. When listening it prints one line:\n"
        "  qm-portal listening on http://ADDRESS:PORT\n"
        "\n"
        "Maintenance modes (--apply-demo-changes, --purge-tombstones, --advance-demo-orders) run\n"
        "once on --db and exit;\n"
        "they may run while a server uses the same database."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Database: sqlite:PATH or postgres://USER[:PASSWORD]@HOST:PORT/DBNAME "
                       "(postgresql:// also works). Default: %1")
            .arg(defaultDb),
        QStringLiteral("url"), defaultDb);
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Address to listen on. Default: 127.0.0.1"),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port to listen on; 0 picks a free one. Default: 8710"), QStringLiteral("n"),
        QStringLiteral("8710"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Serve the demo supplier \"Harbor Industrial Supply\": create it if the "
                       "database is empty, reuse it if it holds the same demo, refuse otherwise. "
                       "Prints the demo users."));
    const QCommandLineOption products(
        QStringLiteral("products"),
        QStringLiteral("Number of demo products (with --demo), up to 10000000. Default: 20000"),
        QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption orderPace(
        QStringLiteral("demo-order-pace"),
        QStringLiteral("With --demo: every N seconds the demo supplier moves each order one step "
                       "on (confirmed, shipped with tracking, delivered), as "
                       "--advance-demo-orders does. 0: never. Default: 0"),
        QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the demo data (with --demo or --apply-demo-changes): the same "
                       "seed and product count give the same catalog. Default: 1"),
        QStringLiteral("s"), QStringLiteral("1"));
    const QCommandLineOption applyChanges(
        QStringLiteral("apply-demo-changes"),
        QStringLiteral("Change n random catalog rows the way a supplier does every day "
                       "(prices, scheduled prices, stock, a discontinued product, "
                       "assortment changes, a new product), print a summary and exit."),
        QStringLiteral("n"));
    const QCommandLineOption purge(
        QStringLiteral("purge-tombstones"),
        QStringLiteral("Remove tombstones older than the retention, record the purge horizon "
                       "(older cursors get 410), remove idempotency keys older than theirs "
                       "and exit."));
    const QCommandLineOption advanceOrders(
        QStringLiteral("advance-demo-orders"),
        QStringLiteral("Move every order one step on, as the demo supplier would: submitted or "
                       "approved to confirmed, confirmed to shipped (carrier and tracking), "
                       "shipped to delivered; print a summary and exit."));
    const QCommandLineOption retention(
        QStringLiteral("tombstone-retention-days"),
        QStringLiteral("How long --purge-tombstones keeps tombstones; 0 purges all. Default: 30"),
        QStringLiteral("days"), QStringLiteral("30"));
    const QCommandLineOption idempotencyRetention(
        QStringLiteral("idempotency-retention-hours"),
        QStringLiteral("How long --purge-tombstones keeps the answers to requests sent with an "
                       "Idempotency-Key (saved-list changes); at least 24. Default: 48"),
        QStringLiteral("hours"), QStringLiteral("48"));
    const QCommandLineOption accessTtl(
        QStringLiteral("access-token-ttl"),
        QStringLiteral("Lifetime of access tokens in seconds. Default: 900"),
        QStringLiteral("seconds"), QStringLiteral("900"));
    const QCommandLineOption refreshTtl(
        QStringLiteral("refresh-token-ttl"),
        QStringLiteral("Lifetime of refresh tokens in seconds. Default: 2592000 (30 days)"),
        QStringLiteral("seconds"), QString::number(30 * 24 * 3600));
    const QCommandLineOption pageCache(
        QStringLiteral("page-cache-mb"),
        QStringLiteral("Memory for feed pages already answered, served again while their feed "
                       "is unchanged; 0 turns the cache off. Default: 32"),
        QStringLiteral("MiB"), QStringLiteral("32"));
    const QCommandLineOption maxBody(
        QStringLiteral("max-body-bytes"),
        QStringLiteral("Largest request body accepted (413 beyond). Default: 1048576"),
        QStringLiteral("n"), QStringLiteral("1048576"));
    const QCommandLineOption loginPerUser(
        QStringLiteral("login-attempts-per-user"),
        QStringLiteral("Failed password sign-ins allowed per username within --login-window; "
                       "then 429 until the oldest leaves the window. 0: no limit. Default: 5"),
        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption loginPerAddress(
        QStringLiteral("login-attempts-per-address"),
        QStringLiteral("Failed password sign-ins allowed per client address within "
                       "--login-window. 0: no limit. Default: 50"),
        QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption loginWindow(
        QStringLiteral("login-window"),
        QStringLiteral("The window of the sign-in limits, in seconds. Default: 900"),
        QStringLiteral("seconds"), QStringLiteral("900"));
    const QCommandLineOption noSso(
        QStringLiteral("no-sso"),
        QStringLiteral("Offer no single sign-on: no /oauth/authorize, no authorization server "
                       "metadata, no authorization_code grant."));
    const QCommandLineOption ssoOnly(
        QStringLiteral("sso-only"),
        QStringLiteral("Sign users in through single sign-on only: the token endpoint refuses "
                       "grant_type=password."));
    const QCommandLineOption ssoCodeLifetime(
        QStringLiteral("sso-code-lifetime"),
        QStringLiteral("Seconds an authorization code may be exchanged for tokens; 0 makes "
                       "every code expire at once (for tests). Default: 60"),
        QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this PEM certificate (chain, server certificate first); "
                       "needs --tls-key."),
        QStringLiteral("file"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"),
        QStringLiteral("The unencrypted PEM private key (RSA or EC) of --tls-cert."),
        QStringLiteral("file"));
    const QCommandLineOption threads(
        QStringLiteral("threads"),
        QStringLiteral("Worker threads, each with its own database connection. "
                       "Default: the number of CPU threads, at least 2 (here %1).")
            .arg(o.threads),
        QStringLiteral("n"), QString::number(o.threads));
    const QCommandLineOption accessLog(
        QStringLiteral("access-log"),
        QStringLiteral("Where the access log goes: a file, or - for standard output. "
                       "Default: standard error"),
        QStringLiteral("file"));
    parser.addOptions({help,
                       version,
                       db,
                       bind,
                       port,
                       demo,
                       products,
                       seed,
                       applyChanges,
                       purge,
                       advanceOrders,
                       retention,
                       idempotencyRetention,
                       accessTtl,
                       refreshTtl,
                       maxBody,
                       pageCache,
                       loginPerUser,
                       loginPerAddress,
                       loginWindow,
                       noSso,
                       ssoOnly,
                       ssoCodeLifetime,
                       orderPace,
                       tlsCert,
                       tlsKey,
                       threads,
                       accessLog});
    o.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1'")
                     .arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        o.mode = Mode::Help;
        return o;
    }
    if (parser.isSet(version)) {
        o.mode = Mode::Version;
        return o;
    }

    const auto url = DbUrl::parse(parser.value(db), error);
    if (!url)
        return std::nullopt;
    o.db = *url;

    if (!o.address.setAddress(parser.value(bind))) {
        *error = QStringLiteral("--bind needs an IP address, not '%1'").arg(parser.value(bind));
        return std::nullopt;
    }
    const auto number = [&](const QCommandLineOption &option, qint64 min, qint64 max) {
        return integerOption(parser, option.names().constLast(), min, max, error);
    };
    const auto portValue = number(port, 0, 65535);
    const auto productsValue = number(products, 1, 10'000'000);
    const auto retentionValue = number(retention, 0, 36500);
    const auto idempotencyValue = number(idempotencyRetention, 24, 24 * 36500);
    const auto accessTtlValue = number(accessTtl, 1, 365LL * 24 * 3600);
    const auto refreshTtlValue = number(refreshTtl, 1, 10 * 365LL * 24 * 3600);
    const auto maxBodyValue = number(maxBody, 1024, qint64(1) << 30);
    const auto pageCacheValue = number(pageCache, 0, 64 * 1024);
    const auto threadsValue = number(threads, 1, 256);
    const auto loginPerUserValue = number(loginPerUser, 0, 1'000'000);
    const auto loginPerAddressValue = number(loginPerAddress, 0, 1'000'000);
    const auto loginWindowValue = number(loginWindow, 1, 7 * 24 * 3600);
    const auto orderPaceValue = number(orderPace, 0, 24 * 3600);
    const auto codeLifetimeValue = number(ssoCodeLifetime, 0, 600);
    if (!portValue || !productsValue || !retentionValue || !idempotencyValue || !accessTtlValue ||
        !refreshTtlValue || !maxBodyValue || !pageCacheValue || !threadsValue ||
        !loginPerUserValue || !loginPerAddressValue || !loginWindowValue || !orderPaceValue ||
        !codeLifetimeValue)
        return std::nullopt;
    o.port = quint16(*portValue);
    o.demoProducts = *productsValue;
    o.tombstoneRetentionDays = int(*retentionValue);
    o.idempotencyRetentionHours = int(*idempotencyValue);
    o.accessTokenTtl = *accessTtlValue;
    o.refreshTokenTtl = *refreshTtlValue;
    o.maxBodyBytes = *maxBodyValue;
    o.pageCacheBytes = *pageCacheValue * 1024 * 1024;
    o.threads = int(*threadsValue);
    o.loginAttemptsPerUser = int(*loginPerUserValue);
    o.loginAttemptsPerAddress = int(*loginPerAddressValue);
    o.loginWindowSeconds = *loginWindowValue;
    o.demoOrderPaceSeconds = int(*orderPaceValue);
    o.ssoCodeLifetime = *codeLifetimeValue;
    o.sso = !parser.isSet(noSso);
    o.ssoOnly = parser.isSet(ssoOnly);
    if (!o.sso && o.ssoOnly) {
        *error = QStringLiteral("--sso-only and --no-sso exclude each other");
        return std::nullopt;
    }

    bool seedOk = false;
    o.demoSeed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk) {
        *error = QStringLiteral("--seed must be a non-negative integer, not '%1'")
                     .arg(parser.value(seed));
        return std::nullopt;
    }
    o.demo = parser.isSet(demo);
    o.tlsCertificate = parser.value(tlsCert);
    o.tlsKey = parser.value(tlsKey);
    if (o.tlsCertificate.isEmpty() != o.tlsKey.isEmpty()) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return std::nullopt;
    }
    if (parser.isSet(accessLog)) {
        o.accessLog = parser.value(accessLog);
        if (o.accessLog.isEmpty()) {
            *error = QStringLiteral("--access-log needs a file name or -");
            return std::nullopt;
        }
    }

    if (int(parser.isSet(applyChanges)) + int(parser.isSet(purge)) +
            int(parser.isSet(advanceOrders)) >
        1) {
        *error = QStringLiteral("--apply-demo-changes, --purge-tombstones and "
                                "--advance-demo-orders are separate runs");
        return std::nullopt;
    }
    if (parser.isSet(applyChanges)) {
        const auto changes = number(applyChanges, 1, 10'000'000);
        if (!changes)
            return std::nullopt;
        o.demoChanges = *changes;
        o.mode = Mode::ApplyDemoChanges;
    } else if (parser.isSet(purge)) {
        o.mode = Mode::PurgeTombstones;
    } else if (parser.isSet(advanceOrders)) {
        o.mode = Mode::AdvanceDemoOrders;
    }
    if (o.mode != Mode::Serve && o.demo) {
        *error = QStringLiteral("--demo starts a server; run the maintenance modes without it");
        return std::nullopt;
    }
    if (!o.demo && o.demoOrderPaceSeconds > 0) {
        *error = QStringLiteral("--demo-order-pace only applies with --demo");
        return std::nullopt;
    }
    if (!o.demo && o.mode == Mode::Serve && parser.isSet(products)) {
        *error = QStringLiteral("--products only applies with --demo");
        return std::nullopt;
    }
    return o;
}

} // namespace qm
