#include "server/portaloptions.h"

#include <QTest>

using namespace qm;

class tst_PortalOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void serveOptions();
    void modes_data();
    void modes();
    void rejects_data();
    void rejects();
    void helpDocumentsEveryOption();

private:
    static std::optional<PortalOptions> parse(const QStringList &args, QString *error)
    {
        return PortalOptions::parse(QStringList{QStringLiteral("qm-portal")} + args,
                                    QStringLiteral("/data/qm"), error);
    }
};

void tst_PortalOptions::defaults()
{
    QString error;
    const auto o = parse({}, &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->mode, PortalOptions::Mode::Serve);
    QCOMPARE(o->db.driver, DbUrl::Driver::Sqlite);
    QCOMPARE(o->db.path, QStringLiteral("/data/qm/portal.sqlite"));
    QCOMPARE(o->address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(o->port, 8710);
    QVERIFY(!o->demo);
    QCOMPARE(o->demoProducts, 20000);
    QCOMPARE(o->demoSeed, quint64(1));
    QCOMPARE(o->tombstoneRetentionDays, 30);
    QCOMPARE(o->idempotencyRetentionHours, 48);
    QCOMPARE(o->accessTokenTtl, 900);
    QCOMPARE(o->refreshTokenTtl, 30 * 24 * 3600);
    QCOMPARE(o->maxBodyBytes, 1024 * 1024);
    QCOMPARE(o->pageCacheBytes, 32 * 1024 * 1024);
    QVERIFY(o->threads >= 2);
    QVERIFY(o->accessLog.isEmpty());
    QCOMPARE(o->demoOrderPaceSeconds, 0);
    QCOMPARE(o->loginAttemptsPerUser, 5);
    QCOMPARE(o->loginAttemptsPerAddress, 50);
    QCOMPARE(o->loginWindowSeconds, 900);
    QVERIFY(o->tlsCertificate.isEmpty());
    QVERIFY(o->tlsKey.isEmpty());
    QVERIFY(o->sso);
    QVERIFY(!o->ssoOnly);
    QCOMPARE(o->ssoCodeLifetime, 60);
}

void tst_PortalOptions::serveOptions()
{
    QString error;
    const auto o = parse({QStringLiteral("--db"),
                          QStringLiteral("postgres://qm@db:5433/portal"),
                          QStringLiteral("--bind"),
                          QStringLiteral("0.0.0.0"),
                          QStringLiteral("--port"),
                          QStringLiteral("0"),
                          QStringLiteral("--demo"),
                          QStringLiteral("--products"),
                          QStringLiteral("1000000"),
                          QStringLiteral("--seed"),
                          QStringLiteral("99"),
                          QStringLiteral("--access-token-ttl"),
                          QStringLiteral("1"),
                          QStringLiteral("--refresh-token-ttl"),
                          QStringLiteral("60"),
                          QStringLiteral("--max-body-bytes"),
                          QStringLiteral("4096"),
                          QStringLiteral("--page-cache-mb"),
                          QStringLiteral("0"),
                          QStringLiteral("--threads"),
                          QStringLiteral("8"),
                          QStringLiteral("--access-log"),
                          QStringLiteral("-"),
                          QStringLiteral("--login-attempts-per-user"),
                          QStringLiteral("0"),
                          QStringLiteral("--login-attempts-per-address"),
                          QStringLiteral("7"),
                          QStringLiteral("--login-window"),
                          QStringLiteral("30"),
                          QStringLiteral("--demo-order-pace"),
                          QStringLiteral("90"),
                          QStringLiteral("--tls-cert"),
                          QStringLiteral("/etc/qm/cert.pem"),
                          QStringLiteral("--tls-key"),
                          QStringLiteral("/etc/qm/key.pem"),
                          QStringLiteral("--sso-only"),
                          QStringLiteral("--sso-code-lifetime"),
                          QStringLiteral("0")},
                         &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->db.driver, DbUrl::Driver::Postgres);
    QCOMPARE(o->db.port, 5433);
    QCOMPARE(o->address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(o->port, 0);
    QVERIFY(o->demo);
    QCOMPARE(o->demoProducts, 1000000);
    QCOMPARE(o->demoSeed, quint64(99));
    QCOMPARE(o->accessTokenTtl, 1);
    QCOMPARE(o->refreshTokenTtl, 60);
    QCOMPARE(o->maxBodyBytes, 4096);
    QCOMPARE(o->pageCacheBytes, 0);
    QCOMPARE(o->threads, 8);
    QCOMPARE(o->accessLog, QStringLiteral("-"));
    QCOMPARE(o->demoOrderPaceSeconds, 90);
    QCOMPARE(o->loginAttemptsPerUser, 0);
    QCOMPARE(o->loginAttemptsPerAddress, 7);
    QCOMPARE(o->loginWindowSeconds, 30);
    QCOMPARE(o->tlsCertificate, QStringLiteral("/etc/qm/cert.pem"));
    QCOMPARE(o->tlsKey, QStringLiteral("/etc/qm/key.pem"));
    QVERIFY(o->sso);
    QVERIFY(o->ssoOnly);
    QCOMPARE(o->ssoCodeLifetime, 0);
}

void tst_PortalOptions::modes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("mode");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")}
                          << int(PortalOptions::Mode::Help);
    QTest::newRow("version") << QStringList{QStringLiteral("--version")}
                             << int(PortalOptions::Mode::Version);
    QTest::newRow("apply changes")
        << QStringList{QStringLiteral("--apply-demo-changes"), QStringLiteral("100"),
                       QStringLiteral("--seed"), QStringLiteral("3")}
        << int(PortalOptions::Mode::ApplyDemoChanges);
    QTest::newRow("purge") << QStringList{QStringLiteral("--purge-tombstones"),
                                          QStringLiteral("--tombstone-retention-days"),
                                          QStringLiteral("0"),
                                          QStringLiteral("--idempotency-retention-hours"),
                                          QStringLiteral("24")}
                           << int(PortalOptions::Mode::PurgeTombstones);
    QTest::newRow("advance orders") << QStringList{QStringLiteral("--advance-demo-orders")}
                                    << int(PortalOptions::Mode::AdvanceDemoOrders);
}

void tst_PortalOptions::modes()
{
    QFETCH(QStringList, args);
    QFETCH(int, mode);
    QString error;
    const auto o = parse(args, &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(int(o->mode), mode);
    if (o->mode == PortalOptions::Mode::ApplyDemoChanges) {
        QCOMPARE(o->demoChanges, 100);
        QCOMPARE(o->demoSeed, quint64(3));
    }
    if (o->mode == PortalOptions::Mode::PurgeTombstones) {
        QCOMPARE(o->tombstoneRetentionDays, 0);
        QCOMPARE(o->idempotencyRetentionHours, 24);
    }
}

void tst_PortalOptions::rejects_data()
{
    QTest::addColumn<QStringList>("args");
    const auto list = [](const char *text) { return QString::fromLatin1(text).split(u' '); };
    QTest::newRow("unknown option") << list("--frobnicate");
    QTest::newRow("positional argument") << list("serve");
    QTest::newRow("bad db") << list("--db mysql://x/y");
    QTest::newRow("bad bind") << list("--bind localhost.example");
    QTest::newRow("port too large") << list("--port 70000");
    QTest::newRow("port not a number") << list("--port http");
    QTest::newRow("zero products") << list("--demo --products 0");
    QTest::newRow("products without demo") << list("--products 10");
    QTest::newRow("negative seed") << list("--demo --seed -1");
    QTest::newRow("zero ttl") << list("--access-token-ttl 0");
    QTest::newRow("tiny body limit") << list("--max-body-bytes 10");
    QTest::newRow("negative page cache") << list("--page-cache-mb -1");
    QTest::newRow("page cache beyond 64 GiB") << list("--page-cache-mb 65537");
    QTest::newRow("zero threads") << list("--threads 0");
    QTest::newRow("idempotency keys kept under a day")
        << list("--purge-tombstones --idempotency-retention-hours 23");
    QTest::newRow("idempotency retention not a number")
        << list("--idempotency-retention-hours two-days");
    QTest::newRow("zero changes") << list("--apply-demo-changes 0");
    QTest::newRow("two modes") << list("--apply-demo-changes 5 --purge-tombstones");
    QTest::newRow("demo with a maintenance mode") << list("--demo --purge-tombstones");
    QTest::newRow("advance orders and purge") << list("--advance-demo-orders --purge-tombstones");
    QTest::newRow("demo with advance orders") << list("--demo --advance-demo-orders");
    QTest::newRow("missing value") << list("--port");
    QTest::newRow("order pace without demo") << list("--demo-order-pace 60");
    QTest::newRow("negative order pace") << list("--demo --demo-order-pace -1");
    QTest::newRow("negative login attempts") << list("--login-attempts-per-user -1");
    QTest::newRow("zero login window") << list("--login-window 0");
    QTest::newRow("certificate without key") << list("--tls-cert cert.pem");
    QTest::newRow("key without certificate") << list("--tls-key key.pem");
    QTest::newRow("no sso and sso only") << list("--no-sso --sso-only");
    QTest::newRow("negative code lifetime") << list("--sso-code-lifetime -1");
    QTest::newRow("code lifetime over ten minutes") << list("--sso-code-lifetime 601");
}

void tst_PortalOptions::rejects()
{
    QFETCH(QStringList, args);
    QString error;
    QVERIFY(!parse(args, &error));
    QVERIFY(!error.isEmpty());
}

void tst_PortalOptions::helpDocumentsEveryOption()
{
    QString error;
    const auto o = parse({QStringLiteral("--help")}, &error);
    QVERIFY(o);
    for (const char *option : {"--db",
                               "--bind",
                               "--port",
                               "--demo",
                               "--products",
                               "--seed",
                               "--apply-demo-changes",
                               "--purge-tombstones",
                               "--advance-demo-orders",
                               "--tombstone-retention-days",
                               "--access-token-ttl",
                               "--refresh-token-ttl",
                               "--max-body-bytes",
                               "--page-cache-mb",
                               "--threads",
                               "--access-log",
                               "--login-attempts-per-user",
                               "--login-attempts-per-address",
                               "--login-window",
                               "--demo-order-pace",
                               "--tls-cert",
                               "--tls-key",
                               "--no-sso",
                               "--sso-only",
                               "--sso-code-lifetime",
                               "--version",
                               "--help"})
        QVERIFY2(o->helpText.contains(QLatin1String(option)), option);
}

QTEST_APPLESS_MAIN(tst_PortalOptions)
#include "tst_portaloptions.moc"
