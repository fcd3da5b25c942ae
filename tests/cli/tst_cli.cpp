// The qm command line client, run as a real process against a real qm-portal.
#include "core/catalog.h"
#include "support/portalprocess.h"
#include "sync/credentialstore.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace qm;

namespace {

const QString DemoUser = QStringLiteral("buyer@bayside.example");
const QString DemoPassword = QStringLiteral("demo");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

// One scratch home per test function: the profile, the settings and the data directory.
struct Home
{
    QTemporaryDir dir;
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
    QString config() const { return dir.filePath(QStringLiteral("config")); }
    QString data() const { return dir.filePath(QStringLiteral("data")); }
};

} // namespace

class tst_Cli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void helpAndVersion();
    void loginSyncStatus();
    void productAndSearchMatchThePortal();
    void errors_data();
    void errors();
    void wrongPassword();
    void unreachablePortal();
    void withoutSecretServiceNothingIsStored();
    void logoutKeepsTheCache();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {},
           const QProcessEnvironment &extraEnv = {}) const;
    void login(const Home &home);
    void loginAndSync(const Home &home);
    QJsonObject json(const Run &run) const;
    QList<QJsonObject> serverFeed(const QString &feed);

    QString m_qmBin;
    qm::test::PortalProcess m_portal;
    QHash<QString, QList<QJsonObject>> m_feeds; // server data, fetched once
};

void tst_Cli::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("1500")},
                 &error),
             qPrintable(error));
}

void tst_Cli::cleanupTestCase()
{
    m_portal.stop();
}

Run tst_Cli::qm(const Home &home, const QStringList &args, const QByteArray &input,
                const QProcessEnvironment &extraEnv) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.config());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.data());
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    process.start(m_qmBin, args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(240000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QJsonObject tst_Cli::json(const Run &run) const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(run.out.left(400)));
    return doc.object();
}

void tst_Cli::login(const Home &home)
{
    const Run run = qm(home,
                       {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                        QStringLiteral("--portal"), m_portal.url().toString(),
                        QStringLiteral("--user"), DemoUser, QStringLiteral("--password-stdin")},
                       DemoPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0,
             qPrintable(QStringLiteral("qm login failed (%1): %2 -- tests need an unlocked keyring "
                                       "(dbus-run-session + gnome-keyring)")
                            .arg(run.exitCode)
                            .arg(run.err)));
}

void tst_Cli::loginAndSync(const Home &home)
{
    login(home);
    if (QTest::currentTestFailed())
        return;
    const Run sync =
        qm(home, {QStringLiteral("--profile"), home.profile(), QStringLiteral("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
}

// The server's own view of a feed, fetched over HTTP with a token of our own.
QList<QJsonObject> tst_Cli::serverFeed(const QString &feed)
{
    if (m_feeds.contains(feed))
        return m_feeds.value(feed);
    QNetworkAccessManager network;
    auto wait = [](QNetworkReply *reply) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        reply->deleteLater();
        return reply->readAll();
    };
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
    form.addQueryItem(QStringLiteral("username"), DemoUser);
    form.addQueryItem(QStringLiteral("password"), DemoPassword);
    QNetworkRequest tokenRequest(
        m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/auth/token"))));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                           QStringLiteral("application/x-www-form-urlencoded"));
    const QByteArray token =
        QJsonDocument::fromJson(
            wait(network.post(tokenRequest, form.toString(QUrl::FullyEncoded).toUtf8())))
            .object()
            .value(QStringLiteral("access_token"))
            .toString()
            .toUtf8();
    QList<QJsonObject> items;
    qint64 after = 0;
    for (;;) {
        QUrl url = m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/sync/") + feed));
        url.setQuery(QStringLiteral("after=%1&limit=5000").arg(after));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        const QJsonObject page = QJsonDocument::fromJson(wait(network.get(request))).object();
        for (const auto &item : page.value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QStringLiteral("op")).toString() == QLatin1String("upsert"))
                items.append(item.toObject().value(QStringLiteral("data")).toObject());
        }
        after = page.value(QStringLiteral("next")).toInteger();
        if (!page.value(QStringLiteral("has_more")).toBool())
            break;
    }
    m_feeds.insert(feed, items);
    return items;
}

void tst_Cli::helpAndVersion()
{
    Home home;
    const Run help = qm(home, {QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *command : {"login", "sync", "search", "product", "status", "logout"})
        QVERIFY2(help.out.contains(QLatin1String("  ") + QLatin1String(command) + QLatin1Char(' ')),
                 command);

    const Run version = qm(home, {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(QLatin1String("qm ")));
    QVERIFY(version.out.trimmed().size() > 3);

    const Run searchHelp = qm(home, {QStringLiteral("search"), QStringLiteral("--help")});
    QCOMPARE(searchHelp.exitCode, 0);
    QVERIFY(searchHelp.out.contains(QLatin1String("Usage: qm [--profile DIR] search TEXT")));
    QVERIFY(searchHelp.out.contains(QLatin1String("--limit N")));
}

void tst_Cli::loginSyncStatus()
{
    Home home;
    const Run login = qm(home,
                         {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                          QStringLiteral("--portal"), m_portal.url().toString(),
                          QStringLiteral("--user"), DemoUser, QStringLiteral("--password-stdin")},
                         DemoPassword.toUtf8() + '\n');
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    QVERIFY2(login.out.startsWith(QLatin1String("Signed in as ")), qPrintable(login.out));
    QVERIFY2(login.out.contains(QLatin1String(" (buyer) at ")), qPrintable(login.out));
    QCOMPARE(login.out.count(QLatin1Char('\n')), 1);

    const Run sync = qm(home, {QStringLiteral("--profile"), home.profile(), QStringLiteral("sync"),
                               QStringLiteral("--json")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const QJsonObject summary = json(sync);
    QCOMPARE(summary.value(QStringLiteral("ok")).toBool(), true);
    const QJsonArray syncedFeeds = summary.value(QStringLiteral("feeds")).toArray();
    QCOMPARE(syncedFeeds.size(), 4); // products, prices, stock, part numbers
    for (const auto &f : syncedFeeds) {
        QVERIFY(f.toObject().value(QStringLiteral("verified")).toBool());
        QVERIFY(f.toObject().value(QStringLiteral("upserts")).toInteger() > 0);
    }

    // The current profile is the one just signed in: no --profile needed any more.
    const Run status = qm(home, {QStringLiteral("status"), QStringLiteral("--json")});
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    const QJsonObject s = json(status);
    QCOMPARE(
        s.value(QStringLiteral("profile")).toObject().value(QStringLiteral("username")).toString(),
        DemoUser);
    QCOMPARE(s.value(QStringLiteral("profile")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("buyer"));
    QCOMPARE(s.value(QStringLiteral("credentials")).toString(), QStringLiteral("stored"));
    QVERIFY(s.value(QStringLiteral("schema_version")).toInt() > 0);
    QCOMPARE(QFileInfo(s.value(QStringLiteral("cache_path")).toString()).canonicalPath(),
             QFileInfo(home.profile()).canonicalFilePath());
    const QJsonArray feeds = s.value(QStringLiteral("feeds")).toArray();
    QCOMPARE(feeds.size(), 4);
    for (const auto &value : feeds) {
        const QJsonObject f = value.toObject();
        const QString name = f.value(QStringLiteral("feed")).toString();
        QVERIFY2(f.value(QStringLiteral("cursor")).toInteger() > 0, qPrintable(name));
        QVERIFY2(f.value(QStringLiteral("verified")).toBool(), qPrintable(name));
        QVERIFY(!f.value(QStringLiteral("last_pull")).isNull());
        QCOMPARE(f.value(QStringLiteral("digest")).toString().size(), 16);
        // The cache holds exactly what the portal serves this user.
        QCOMPARE(f.value(QStringLiteral("count")).toInteger(), qint64(serverFeed(name).size()));
    }
    QCOMPARE(s.value(QStringLiteral("product_count")).toInteger(),
             qint64(serverFeed(QStringLiteral("products")).size()));

    // No secret anywhere on disk: the tokens live in the keychain only.
    CredentialStore store;
    Tokens tokens;
    QEventLoop loop;
    store.read(CredentialStore::keyFor(m_portal.url(), DemoUser),
               [&](CredentialStore::Status readStatus, const Tokens &t) {
                   QCOMPARE(readStatus, CredentialStore::Status::Ok);
                   tokens = t;
                   loop.quit();
               });
    if (tokens.isEmpty())
        loop.exec();
    QVERIFY(!tokens.refreshToken.isEmpty());
    QDirIterator it(home.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(tokens.refreshToken.toUtf8()), qPrintable(file.fileName()));
        QVERIFY2(!content.contains(tokens.accessToken.toUtf8()), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY(files >= 2); // at least the cache and the settings file were searched
}

void tst_Cli::productAndSearchMatchThePortal()
{
    Home home;
    loginAndSync(home);
    if (QTest::currentTestFailed())
        return;
    const QList<QJsonObject> products = serverFeed(QStringLiteral("products"));
    QVERIFY(products.size() > 100);
    // A product with several packs, from the middle of the catalog.
    QJsonObject expected;
    for (qsizetype i = products.size() / 2; i < products.size() && expected.isEmpty(); ++i) {
        if (products.at(i).value(QStringLiteral("packs")).toArray().size() >= 2)
            expected = products.at(i);
    }
    QVERIFY(!expected.isEmpty());
    const QString sku = expected.value(QStringLiteral("sku")).toString();
    QString priceError;
    QJsonObject expectedPrices;
    for (const QJsonObject &p : serverFeed(QStringLiteral("prices"))) {
        if (p.value(QStringLiteral("sku")).toString() == sku)
            expectedPrices = p;
    }

    const Run bySku =
        qm(home, {QStringLiteral("product"), sku.toLower(), QStringLiteral("--json")});
    QVERIFY2(bySku.exitCode == 0, qPrintable(bySku.err));
    const QJsonObject product = json(bySku);
    QCOMPARE(product.value(QStringLiteral("sku")).toString(), sku);
    for (const char *key : {"name", "description", "brand", "attributes", "base_uom",
                            "min_order_qty", "order_multiple", "discontinued", "packs"})
        QVERIFY2(product.value(QLatin1String(key)) == expected.value(QLatin1String(key)), key);
    QCOMPARE(product.value(QStringLiteral("category")),
             expected.value(QStringLiteral("category")).toObject().value(QStringLiteral("path")));
    if (!expectedPrices.isEmpty()) {
        const QJsonObject prices = product.value(QStringLiteral("prices")).toObject();
        QCOMPARE(prices.value(QStringLiteral("currency")),
                 expectedPrices.value(QStringLiteral("currency")));
        QCOMPARE(prices.value(QStringLiteral("rules")).toArray().size(),
                 expectedPrices.value(QStringLiteral("rules")).toArray().size());
        // your_price is what the shared pricing rule gives for the minimum order quantity today.
        QList<PriceRule> rules;
        for (const auto &r : expectedPrices.value(QStringLiteral("rules")).toArray()) {
            const auto rule = PriceRule::fromJson(r.toObject(), &priceError);
            QVERIFY2(rule, qPrintable(priceError));
            rules.append(*rule);
        }
        const auto quote = resolvePrice(
            rules, expected.value(QStringLiteral("base_uom")).toString(),
            std::max<qint64>(1, expected.value(QStringLiteral("min_order_qty")).toInteger()),
            QDate::currentDate());
        if (quote)
            QCOMPARE(prices.value(QStringLiteral("your_price")).toString(),
                     quote->unitPrice.toString());
    }
    QVERIFY(product.value(QStringLiteral("stock"))
                .toObject()
                .contains(QStringLiteral("total_on_hand")));

    // Every pack's GTIN finds the same product.
    for (const auto &pack : expected.value(QStringLiteral("packs")).toArray()) {
        const QString gtin = pack.toObject().value(QStringLiteral("gtin")).toString();
        if (gtin.isEmpty())
            continue;
        const Run byGtin = qm(home, {QStringLiteral("product"), gtin, QStringLiteral("--json")});
        QVERIFY2(byGtin.exitCode == 0, qPrintable(byGtin.err));
        QCOMPARE(json(byGtin).value(QStringLiteral("sku")).toString(), sku);
    }

    // Search: the SKU is an exact hit first; the full name finds the product too.
    const Run skuSearch = qm(home, {QStringLiteral("search"), sku, QStringLiteral("--json")});
    QVERIFY2(skuSearch.exitCode == 0, qPrintable(skuSearch.err));
    const QJsonArray skuResults = json(skuSearch).value(QStringLiteral("results")).toArray();
    QVERIFY(!skuResults.isEmpty());
    QCOMPARE(skuResults.first().toObject().value(QStringLiteral("sku")).toString(), sku);

    const QString name = expected.value(QStringLiteral("name")).toString();
    const Run nameSearch = qm(home, {QStringLiteral("search"), name, QStringLiteral("--limit"),
                                     QStringLiteral("200"), QStringLiteral("--json")});
    QVERIFY2(nameSearch.exitCode == 0, qPrintable(nameSearch.err));
    const QJsonObject nameResult = json(nameSearch);
    const QJsonArray results = nameResult.value(QStringLiteral("results")).toArray();
    QVERIFY(results.size() <= 200);
    QCOMPARE(nameResult.value(QStringLiteral("count")).toInt(), results.size());
    bool found = false;
    for (const auto &r : results) {
        found = found || r.toObject().value(QStringLiteral("sku")).toString() == sku;
        QVERIFY(r.toObject().value(QStringLiteral("your_price")).isString() ||
                r.toObject().value(QStringLiteral("your_price")).isNull());
    }
    QVERIFY2(found, qPrintable(name));

    // The human-readable form names the product too.
    const Run text = qm(home, {QStringLiteral("product"), sku});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.startsWith(sku));
    QVERIFY(text.out.contains(name));
}

void tst_Cli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("signedIn");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown product")
        << QStringList{QStringLiteral("product"), QStringLiteral("NO-SUCH-SKU-0")} << true << 4
        << QStringLiteral("qm: no product matches 'NO-SUCH-SKU-0'");
    QTest::newRow("unknown GTIN") << QStringList{QStringLiteral("product"),
                                                 QStringLiteral("4006381333931")}
                                  << true << 4
                                  << QStringLiteral("qm: no product matches '4006381333931'");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("frobnicate")} << false << 2
        << QStringLiteral("qm: unknown command 'frobnicate'; see qm --help");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("search"), QStringLiteral("bolt"), QStringLiteral("--colour")}
        << true << 2 << QString();
    QTest::newRow("search without text")
        << QStringList{QStringLiteral("search")} << true << 2
        << QStringLiteral("qm: search needs TEXT; see qm search --help");
    QTest::newRow("bad limit") << QStringList{QStringLiteral("search"), QStringLiteral("bolt"),
                                              QStringLiteral("--limit"), QStringLiteral("many")}
                               << true << 2
                               << QStringLiteral("qm: --limit must be a number from 1 to 10000");
    QTest::newRow("product without code")
        << QStringList{QStringLiteral("product")} << true << 2 << QString();
    QTest::newRow("login without password flag")
        << QStringList{QStringLiteral("login"), QStringLiteral("--portal"),
                       QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--user"),
                       QStringLiteral("x")}
        << false << 2 << QString();
    QTest::newRow("sync when never signed in")
        << QStringList{QStringLiteral("sync")} << false << 3
        << QStringLiteral(
               "qm: not signed in; run qm login --portal URL --user NAME --password-stdin");
    QTest::newRow("search when never signed in")
        << QStringList{QStringLiteral("search"), QStringLiteral("bolt")} << false << 3 << QString();
    QTest::newRow("status when never signed in")
        << QStringList{QStringLiteral("status")} << false << 3 << QString();
}

void tst_Cli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(bool, signedIn);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    Home home;
    if (signedIn) {
        login(home);
        if (QTest::currentTestFailed())
            return;
    }
    const Run run = qm(home, QStringList{QStringLiteral("--profile"), home.profile()} + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY(run.err.startsWith(QLatin1String("qm: ")));
    if (!message.isEmpty())
        QCOMPARE(run.errLines().constFirst(), message);
}

void tst_Cli::wrongPassword()
{
    Home home;
    const Run run = qm(home,
                       {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                        QStringLiteral("--portal"), m_portal.url().toString(),
                        QStringLiteral("--user"), DemoUser, QStringLiteral("--password-stdin")},
                       "not-the-password\n");
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.errLines(), QStringList{QStringLiteral("qm: wrong username or password")});
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFileInfo::exists(home.profile()));
}

void tst_Cli::unreachablePortal()
{
    // A port nothing listens on: connection refused at once.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    Home home;
    const Run run = qm(home,
                       {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                        QStringLiteral("--portal"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                        QStringLiteral("--user"), DemoUser, QStringLiteral("--password-stdin")},
                       DemoPassword.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 5);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.startsWith(QLatin1String("qm: portal unreachable: ")), qPrintable(run.err));
}

void tst_Cli::withoutSecretServiceNothingIsStored()
{
    // A user no other test signs in as, so the keychain check below is meaningful.
    const QString user = QStringLiteral("approver@bayside.example");
    Home home;
    QProcessEnvironment noKeychain;
    noKeychain.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                      QStringLiteral("unix:path=") + home.dir.filePath(QStringLiteral("no-bus")));
    const Run run = qm(home,
                       {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                        QStringLiteral("--portal"), m_portal.url().toString(),
                        QStringLiteral("--user"), user, QStringLiteral("--password-stdin")},
                       DemoPassword.toUtf8() + '\n', noKeychain);
    QCOMPARE(run.exitCode, 6);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.startsWith(QLatin1String("qm: secure storage unavailable: ")),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());

    // Nothing was stored: no profile, and no file anywhere in this home that holds the
    // password or anything token-like.
    QVERIFY(!QFileInfo::exists(home.profile()));
    QDirIterator it(home.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(DemoPassword.toUtf8()), qPrintable(file.fileName()));
        QVERIFY2(!content.contains("token"), qPrintable(file.fileName()));
    }

    // And the keychain (the real one of this session) holds nothing for the portal either.
    CredentialStore store;
    QEventLoop loop;
    auto status = CredentialStore::Status::Ok;
    bool done = false;
    store.read(CredentialStore::keyFor(m_portal.url(), user),
               [&](CredentialStore::Status s, const Tokens &) {
                   status = s;
                   done = true;
                   loop.quit();
               });
    if (!done)
        loop.exec();
    QVERIFY(status != CredentialStore::Status::Ok);
}

void tst_Cli::logoutKeepsTheCache()
{
    Home home;
    loginAndSync(home);
    if (QTest::currentTestFailed())
        return;
    const Run logout = qm(home, {QStringLiteral("logout")});
    QVERIFY2(logout.exitCode == 0, qPrintable(logout.err));
    QVERIFY(logout.out.startsWith(QLatin1String("Signed out")));

    const Run status = qm(home, {QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(json(status).value(QStringLiteral("credentials")).toString(),
             QStringLiteral("missing"));

    const Run sync = qm(home, {QStringLiteral("sync")});
    QCOMPARE(sync.exitCode, 3);
    QVERIFY2(sync.err.startsWith(QLatin1String("qm: not signed in")), qPrintable(sync.err));

    const QString sku =
        serverFeed(QStringLiteral("products")).constFirst().value(QStringLiteral("sku")).toString();
    const Run product = qm(home, {QStringLiteral("product"), sku, QStringLiteral("--json")});
    QCOMPARE(product.exitCode, 0);
    QCOMPARE(json(product).value(QStringLiteral("sku")).toString(), sku);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
