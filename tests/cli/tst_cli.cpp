// The qm command line client, run as a real process against a real qm-portal.
#include "core/catalog.h"
#include "core/feeds.h"
#include "models/database.h"
#include "support/portalprocess.h"
#include "sync/credentialstore.h"
#include "sync/thumbnailcache.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>

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
    void repeatedWrongPasswordsAreThrottled();
    void unreachablePortal();
    void withoutSecretServiceNothingIsStored();
    void tokensStayInTheKeychain();
    void logoutKeepsTheCache();
    void productThumbnail();
    void cartAddScanShowUndo();
    void cartErrors_data();
    void cartErrors();
    void cartImportExport();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {},
           const QProcessEnvironment &extraEnv = {}) const;
    void login(const Home &home);
    void loginAndSync(const Home &home);
    QJsonObject json(const Run &run) const;
    QList<QJsonObject> serverFeed(const QString &feed);
    QByteArray portalToken();
    QJsonObject quote(const QJsonArray &lines);
    QJsonObject orderableProduct();

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

namespace {

QByteArray waitForReply(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    reply->deleteLater();
    return reply->readAll();
}

} // namespace

// An access token of our own, for asking the portal directly.
QByteArray tst_Cli::portalToken()
{
    QNetworkAccessManager network;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
    form.addQueryItem(QStringLiteral("username"), DemoUser);
    form.addQueryItem(QStringLiteral("password"), DemoPassword);
    QNetworkRequest tokenRequest(
        m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/auth/token"))));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                           QStringLiteral("application/x-www-form-urlencoded"));
    return QJsonDocument::fromJson(
               waitForReply(network.post(tokenRequest, form.toString(QUrl::FullyEncoded).toUtf8())))
        .object()
        .value(QStringLiteral("access_token"))
        .toString()
        .toUtf8();
}

// The portal's price quote for `lines` ({sku, uom, quantity}) today.
QJsonObject tst_Cli::quote(const QJsonArray &lines)
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/pricing/quote"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + portalToken());
    const QJsonObject body{{QStringLiteral("lines"), lines}};
    return QJsonDocument::fromJson(
               waitForReply(network.post(request, QJsonDocument(body).toJson())))
        .object();
}

// A product anyone may order in any quantity, sold each (with a GTIN-13) and in a box (with
// a GTIN-14).
QJsonObject tst_Cli::orderableProduct()
{
    for (const QJsonObject &p : serverFeed(QStringLiteral("products"))) {
        const QJsonArray packs = p.value(QStringLiteral("packs")).toArray();
        if (p.value(QStringLiteral("discontinued")).toBool() || packs.size() < 2 ||
            p.value(QStringLiteral("min_order_qty")).toInteger(1) != 1 ||
            p.value(QStringLiteral("order_multiple")).toInteger(1) != 1 ||
            p.value(QStringLiteral("max_order_qty")).toInteger(0) != 0)
            continue;
        if (packs.at(0).toObject().value(QStringLiteral("gtin")).toString().size() == 13 &&
            packs.at(1).toObject().value(QStringLiteral("gtin")).toString().size() == 14)
            return p;
    }
    return {};
}

// The server's own view of a feed, fetched over HTTP with a token of our own.
QList<QJsonObject> tst_Cli::serverFeed(const QString &feed)
{
    if (m_feeds.contains(feed))
        return m_feeds.value(feed);
    QNetworkAccessManager network;
    const QByteArray token = portalToken();
    QList<QJsonObject> items;
    qint64 after = 0;
    for (;;) {
        QUrl url = m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/sync/") + feed));
        url.setQuery(QStringLiteral("after=%1&limit=5000").arg(after));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        const QJsonObject page =
            QJsonDocument::fromJson(waitForReply(network.get(request))).object();
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
    for (const char *command :
         {"login", "sync", "search", "product", "cart", "scan", "status", "logout"})
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
    QVERIFY(searchHelp.out.contains(QLatin1String("--category C")));
    QVERIFY(searchHelp.out.contains(QLatin1String("--in-stock")));
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
    QCOMPARE(syncedFeeds.size(), qsizetype(allFeeds().size()));
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
    QCOMPARE(s.value(QStringLiteral("search_index")).toObject(),
             QJsonObject({{QStringLiteral("complete"), true}}));
    {
        // As a first sync leaves the cache when it stops while the index is being built.
        QString error;
        auto cache = Database::open(s.value(QStringLiteral("cache_path")).toString(), &error);
        QVERIFY2(cache, qPrintable(error));
        QSqlQuery q(cache->connection());
        const auto setPending = [&](bool pending) {
            return q.exec(pending ? QStringLiteral("UPDATE sync_state SET index_pending = 1,"
                                                   " indexed_through = (SELECT id FROM products"
                                                   " ORDER BY id LIMIT 1 OFFSET 9)"
                                                   " WHERE feed = 'products'")
                                  : QStringLiteral("UPDATE sync_state SET index_pending = 0,"
                                                   " indexed_through = 0"
                                                   " WHERE feed = 'products'"));
        };
        QVERIFY2(setPending(true), qPrintable(q.lastError().text()));
        const Run pending = qm(home, {QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(setPending(false), qPrintable(q.lastError().text()));
        QVERIFY2(pending.exitCode == 0, qPrintable(pending.err));
        const QJsonObject p = json(pending);
        QCOMPARE(p.value(QStringLiteral("search_index")).toObject(),
                 QJsonObject({{QStringLiteral("complete"), false},
                              {QStringLiteral("indexed"), 10},
                              {QStringLiteral("products"),
                               p.value(QStringLiteral("product_count")).toInteger()}}));
    }
    const QJsonArray feeds = s.value(QStringLiteral("feeds")).toArray();
    QCOMPARE(feeds.size(), qsizetype(catalogFeeds().size()));
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

    // The name with a typing slip in its longest word still finds the product, and says
    // what it searched for instead.
    QString longest;
    for (const QString &word : name.toLower().split(u' ')) {
        if (word.size() > longest.size() &&
            std::all_of(word.cbegin(), word.cend(), [](QChar c) { return c >= u'a' && c <= u'z'; }))
            longest = word;
    }
    QVERIFY2(longest.size() >= 6, qPrintable(name));
    QString slipped = longest;
    const qsizetype at = slipped[1] != slipped[2] ? 1 : 2;
    std::swap(slipped[at], slipped[at + 1]);
    QVERIFY(slipped != longest);
    const QString slippedName = name.toLower().replace(longest, slipped);
    const Run slipSearch =
        qm(home, {QStringLiteral("search"), slippedName, QStringLiteral("--limit"),
                  QStringLiteral("200"), QStringLiteral("--json")});
    QVERIFY2(slipSearch.exitCode == 0, qPrintable(slipSearch.err));
    const QJsonObject slipResult = json(slipSearch);
    bool slipFound = false;
    for (const auto &r : slipResult.value(QStringLiteral("results")).toArray())
        slipFound = slipFound || r.toObject().value(QStringLiteral("sku")).toString() == sku;
    QVERIFY2(slipFound, qPrintable(slippedName));
    const QJsonArray corrections = slipResult.value(QStringLiteral("corrections")).toArray();
    QCOMPARE(corrections.size(), 1);
    QCOMPARE(corrections.first().toObject().value(QStringLiteral("typed")).toString(), slipped);
    QVERIFY(corrections.first()
                .toObject()
                .value(QStringLiteral("searched_for"))
                .toArray()
                .contains(QJsonValue(longest)));
    QCOMPARE(json(nameSearch).value(QStringLiteral("corrections")).toArray().size(), 0);
    const Run slipText = qm(home, {QStringLiteral("search"), slippedName});
    QVERIFY2(slipText.exitCode == 0, qPrintable(slipText.err));
    const QString firstLine = slipText.out.section(u'\n', 0, 0);
    QVERIFY2(firstLine.startsWith(QStringLiteral("Searched for ")) &&
                 firstLine.contains(QStringLiteral("'%1'").arg(longest)) &&
                 firstLine.endsWith(QStringLiteral(" instead of '%1'.").arg(slipped)),
             qPrintable(firstLine));
    QVERIFY(slipText.out.contains(sku));
    // Where the corrected search finds nothing either, no correction is reported.
    const QString hopeless = slippedName + QStringLiteral(" zzqx");
    const Run hopelessSearch =
        qm(home, {QStringLiteral("search"), hopeless, QStringLiteral("--json")});
    QVERIFY2(hopelessSearch.exitCode == 0, qPrintable(hopelessSearch.err));
    QCOMPARE(json(hopelessSearch).value(QStringLiteral("count")).toInt(), 0);
    QCOMPARE(json(hopelessSearch).value(QStringLiteral("corrections")).toArray().size(), 0);
    const Run hopelessText = qm(home, {QStringLiteral("search"), hopeless});
    QVERIFY2(hopelessText.exitCode == 0, qPrintable(hopelessText.err));
    QCOMPARE(hopelessText.out, QStringLiteral("No products match '%1'.\n").arg(hopeless));

    // Facet filters: without text they list what passes, and the facet total is what the
    // portal's feed says passes.
    const QString brand = expected.value(QStringLiteral("brand")).toString();
    const QString material = expected.value(QStringLiteral("attributes"))
                                 .toObject()
                                 .value(QStringLiteral("material"))
                                 .toString();
    QStringList path;
    for (const auto &element : expected.value(QStringLiteral("category"))
                                   .toObject()
                                   .value(QStringLiteral("path"))
                                   .toArray())
        path << element.toString();
    QVERIFY(!brand.isEmpty() && !path.isEmpty());
    const QString category = path.join(QStringLiteral(" > "));
    qint64 withBrand = 0;
    qint64 withAll = 0;
    for (const QJsonObject &p : products) {
        if (p.value(QStringLiteral("brand")).toString().compare(brand, Qt::CaseInsensitive) != 0)
            continue;
        ++withBrand;
        QStringList productPath;
        for (const auto &element :
             p.value(QStringLiteral("category")).toObject().value(QStringLiteral("path")).toArray())
            productPath << element.toString();
        const QString joined = productPath.join(QStringLiteral(" > "));
        if ((joined.compare(category, Qt::CaseInsensitive) == 0 ||
             joined.startsWith(category + QStringLiteral(" > "), Qt::CaseInsensitive)) &&
            (material.isEmpty() || p.value(QStringLiteral("attributes"))
                                           .toObject()
                                           .value(QStringLiteral("material"))
                                           .toString()
                                           .compare(material, Qt::CaseInsensitive) == 0))
            ++withAll;
    }
    const Run byBrand = qm(home, {QStringLiteral("search"), QStringLiteral("--brand"), brand,
                                  QStringLiteral("--json")});
    QVERIFY2(byBrand.exitCode == 0, qPrintable(byBrand.err));
    const QJsonObject byBrandResult = json(byBrand);
    QCOMPARE(byBrandResult.value(QStringLiteral("facets"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInteger(),
             withBrand);
    for (const auto &r : byBrandResult.value(QStringLiteral("results")).toArray())
        QCOMPARE(r.toObject().value(QStringLiteral("brand")).toString(), brand);

    QStringList allFilters{QStringLiteral("search"),
                           QStringLiteral("--brand"),
                           brand,
                           QStringLiteral("--category"),
                           category,
                           QStringLiteral("--limit"),
                           QStringLiteral("10000"),
                           QStringLiteral("--json")};
    if (!material.isEmpty()) // in another case: filters ignore case
        allFilters << QStringLiteral("--material") << material.toUpper();
    const Run byAll = qm(home, allFilters);
    QVERIFY2(byAll.exitCode == 0, qPrintable(byAll.err));
    const QJsonObject byAllResult = json(byAll);
    QCOMPARE(byAllResult.value(QStringLiteral("facets"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInteger(),
             withAll);
    QCOMPARE(byAllResult.value(QStringLiteral("count")).toInteger(), withAll);
    QVERIFY(byAllResult.value(QStringLiteral("facets"))
                .toObject()
                .value(QStringLiteral("complete"))
                .toBool());

    // With text: the product passes its own brand, and its brand is among the facets.
    const Run nameAndBrand =
        qm(home, {QStringLiteral("search"), name, QStringLiteral("--brand"), brand,
                  QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--json")});
    QVERIFY2(nameAndBrand.exitCode == 0, qPrintable(nameAndBrand.err));
    const QJsonObject nameAndBrandResult = json(nameAndBrand);
    bool foundWithBrand = false;
    for (const auto &r : nameAndBrandResult.value(QStringLiteral("results")).toArray())
        foundWithBrand =
            foundWithBrand || r.toObject().value(QStringLiteral("sku")).toString() == sku;
    QVERIFY(foundWithBrand);
    bool brandFacet = false;
    for (const auto &v : nameAndBrandResult.value(QStringLiteral("facets"))
                             .toObject()
                             .value(QStringLiteral("brands"))
                             .toArray())
        brandFacet =
            brandFacet || (v.toObject().value(QStringLiteral("value")).toString() == brand &&
                           v.toObject().value(QStringLiteral("count")).toInteger() >= 1);
    QVERIFY(brandFacet);

    const Run otherBrand = qm(home, {QStringLiteral("search"), name, QStringLiteral("--brand"),
                                     QStringLiteral("No Such Brand"), QStringLiteral("--json")});
    QVERIFY2(otherBrand.exitCode == 0, qPrintable(otherBrand.err));
    QCOMPARE(json(otherBrand).value(QStringLiteral("count")).toInt(), 0);

    const Run inStock =
        qm(home, {QStringLiteral("search"), name, QStringLiteral("--in-stock"),
                  QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--json")});
    QVERIFY2(inStock.exitCode == 0, qPrintable(inStock.err));
    const QJsonObject inStockResult = json(inStock);
    for (const auto &r : inStockResult.value(QStringLiteral("results")).toArray())
        QVERIFY(r.toObject().value(QStringLiteral("on_hand")).toInteger() > 0);
    QCOMPARE(inStockResult.value(QStringLiteral("facets"))
                 .toObject()
                 .value(QStringLiteral("in_stock"))
                 .toInteger(),
             nameResult.value(QStringLiteral("facets"))
                 .toObject()
                 .value(QStringLiteral("in_stock"))
                 .toInteger());

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
    QTest::newRow("filter without value")
        << QStringList{QStringLiteral("search"), QStringLiteral("bolt"), QStringLiteral("--brand"),
                       QStringLiteral(" ")}
        << true << 2 << QStringLiteral("qm: --brand needs a value");
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

void tst_Cli::repeatedWrongPasswordsAreThrottled()
{
    // The portal allows 5 failed sign-ins per user within 15 minutes; a user no other test
    // signs in as.
    const QString user = QStringLiteral("buyer@northgate.example");
    Home home;
    const QStringList args{QStringLiteral("--profile"),
                           home.profile(),
                           QStringLiteral("login"),
                           QStringLiteral("--portal"),
                           m_portal.url().toString(),
                           QStringLiteral("--user"),
                           user,
                           QStringLiteral("--password-stdin")};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(qm(home, args, "not-the-password\n").exitCode, 3);
    // Now even the right password waits.
    const Run run = qm(home, args, DemoPassword.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 5);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^qm: too many attempts; try again in [0-9]+ s$"))
                 .match(run.errLines().constFirst())
                 .hasMatch(),
             qPrintable(run.err));
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

void tst_Cli::tokensStayInTheKeychain()
{
    // Sign in, sync (the refresh token rotates) and ask the portal who we are, with every
    // debug message of qm on; then the tokens the keychain holds appear nowhere else: not in
    // any file of the profile (the cache with its write-ahead log) or the settings, and not
    // in anything qm printed.
    Home home;
    QProcessEnvironment verbose;
    verbose.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qm.*.debug=true"));
    QByteArray printed;
    const auto run = [&](const QStringList &args, const QByteArray &input = {}) {
        const Run r = qm(home, QStringList{QStringLiteral("--profile"), home.profile()} + args,
                         input, verbose);
        printed += r.out.toUtf8() + r.err.toUtf8();
        return r;
    };
    const Run login =
        run({QStringLiteral("login"), QStringLiteral("--portal"), m_portal.url().toString(),
             QStringLiteral("--user"), DemoUser, QStringLiteral("--password-stdin")},
            DemoPassword.toUtf8() + '\n');
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    const Run sync = run({QStringLiteral("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const Run whoami = run({QStringLiteral("whoami"), QStringLiteral("--online")});
    QVERIFY2(whoami.exitCode == 0, qPrintable(whoami.err));
    QVERIFY2(printed.contains("qm.sync"), "the debug messages were not on");

    CredentialStore store;
    QEventLoop loop;
    Tokens tokens;
    bool done = false;
    store.read(CredentialStore::keyFor(m_portal.url(), DemoUser),
               [&](CredentialStore::Status, const Tokens &t) {
                   tokens = t;
                   done = true;
                   loop.quit();
               });
    if (!done)
        loop.exec();
    QVERIFY2(tokens.accessToken.size() >= 20 && tokens.refreshToken.size() >= 20,
             "the keychain holds no tokens for the profile");
    const QList<QByteArray> secrets{tokens.accessToken.toUtf8(), tokens.refreshToken.toUtf8()};

    int files = 0;
    QDirIterator it(home.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        for (const QByteArray &secret : secrets)
            QVERIFY2(!content.contains(secret), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY2(QFileInfo::exists(home.profile() + QStringLiteral("/cache.sqlite")) && files >= 2,
             qPrintable(QString::number(files)));
    for (const QByteArray &secret : secrets)
        QVERIFY2(!printed.contains(secret), "a token was printed");
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

void tst_Cli::productThumbnail()
{
    Home home;
    loginAndSync(home);
    if (QTest::currentTestFailed())
        return;
    const auto products = serverFeed(QStringLiteral("products"));
    const QString sku = products.at(0).value(QStringLiteral("sku")).toString();
    const QString other = products.at(1).value(QStringLiteral("sku")).toString();
    const QString file = home.dir.filePath(QStringLiteral("picture.png"));

    // What the portal serves for this account.
    QNetworkAccessManager network;
    QNetworkRequest request(
        m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/products/%1/thumbnail").arg(sku))));
    request.setRawHeader("Authorization", "Bearer " + portalToken());
    const QByteArray served = waitForReply(network.get(request));
    QVERIFY(ThumbnailCache::isValidPng(served));

    const Run first =
        qm(home, {QStringLiteral("product"), sku, QStringLiteral("--thumbnail"), file});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY2(first.out.contains(QStringLiteral("Thumbnail:  %1 (downloaded)").arg(file)),
             qPrintable(first.out));
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), served);
    saved.close();
    // And it is in the profile's cache.
    const ThumbnailCache cache(ThumbnailCache::directoryFor(home.profile()));
    QCOMPARE(cache.cachedImage(sku), served);

    // Again: from the cache (fresh for a day), with the SKU in lowercase; --json output
    // stays the product alone.
    QFile::remove(file);
    const Run second = qm(home, {QStringLiteral("product"), sku.toLower(), QStringLiteral("--json"),
                                 QStringLiteral("--thumbnail"), file});
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QCOMPARE(json(second).value(QStringLiteral("sku")).toString(), sku);
    QVERIFY(QFile::exists(file));

    const Run unwritable =
        qm(home, {QStringLiteral("product"), sku, QStringLiteral("--thumbnail"),
                  home.dir.filePath(QStringLiteral("no/such/folder/picture.png"))});
    QCOMPARE(unwritable.exitCode, 1);
    QVERIFY2(unwritable.err.startsWith(QLatin1String("qm: cannot write ")),
             qPrintable(unwritable.err));
    QVERIFY(unwritable.out.isEmpty());

    // Signed out: the cached picture still comes out; an uncached one cannot.
    const Run logout = qm(home, {QStringLiteral("logout")});
    QVERIFY2(logout.exitCode == 0, qPrintable(logout.err));
    QFile::remove(file);
    const Run offline =
        qm(home, {QStringLiteral("product"), sku, QStringLiteral("--thumbnail"), file});
    QVERIFY2(offline.exitCode == 0, qPrintable(offline.err));
    QVERIFY(QFile::exists(file));
    const QString otherFile = home.dir.filePath(QStringLiteral("other.png"));
    const Run missing =
        qm(home, {QStringLiteral("product"), other, QStringLiteral("--thumbnail"), otherFile});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.startsWith(QStringLiteral("qm: no thumbnail of %1 is cached").arg(other)),
             qPrintable(missing.err));
    QVERIFY(!QFile::exists(otherFile));
}

namespace {

// A cart line of `qm cart show --json` by SKU and unit.
QJsonObject cartLine(const QJsonObject &cart, const QString &sku, const QString &uom)
{
    for (const auto &v : cart.value(QStringLiteral("lines")).toArray()) {
        const QJsonObject l = v.toObject();
        if (l.value(QStringLiteral("sku")).toString() == sku &&
            l.value(QStringLiteral("uom")).toString() == uom)
            return l;
    }
    return {};
}

} // namespace

void tst_Cli::cartAddScanShowUndo()
{
    Home home;
    loginAndSync(home);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject p = orderableProduct();
    QVERIFY(!p.isEmpty());
    const QString sku = p.value(QStringLiteral("sku")).toString();
    const QJsonArray packs = p.value(QStringLiteral("packs")).toArray();
    const QString each = packs.at(0).toObject().value(QStringLiteral("uom")).toString();
    const QString box = packs.at(1).toObject().value(QStringLiteral("uom")).toString();
    const QString eachGtin = packs.at(0).toObject().value(QStringLiteral("gtin")).toString();
    const QString boxGtin = packs.at(1).toObject().value(QStringLiteral("gtin")).toString();
    const QStringList cart{QStringLiteral("cart")};

    const Run none = qm(home, cart + QStringList{QStringLiteral("list")});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.startsWith(QLatin1String("No carts yet")));
    const Run created =
        qm(home, cart + QStringList{QStringLiteral("new"), QStringLiteral("Site A")});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY(created.out.startsWith(QLatin1String("Created cart 'Site A'")));

    // Typed in any case, then again: one line.
    const Run added =
        qm(home, cart + QStringList{QStringLiteral("add"), sku.toLower(), QStringLiteral("3")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    QVERIFY2(added.out.contains(QLatin1String(" added ")), qPrintable(added.out));
    const Run again = qm(home, cart + QStringList{QStringLiteral("add"), sku, QStringLiteral("2")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY2(again.out.contains(QLatin1String("merged-with-cart")), qPrintable(again.out));

    // Scans: the EAN-13 of the each, then a GS1-128 with the box's GTIN-14 and quantity 12.
    const Run scanned = qm(home, {QStringLiteral("scan"), QStringLiteral("]E0") + eachGtin});
    QVERIFY2(scanned.exitCode == 0, qPrintable(scanned.err));
    QVERIFY2(scanned.out.contains(QLatin1String("merged-with-cart")), qPrintable(scanned.out));
    const Run gs1 = qm(home, {QStringLiteral("scan"),
                              QStringLiteral("]C101") + boxGtin + QStringLiteral("3012"),
                              QStringLiteral("--json")});
    QVERIFY2(gs1.exitCode == 0, qPrintable(gs1.err));
    const QJsonObject scan = json(gs1);
    QCOMPARE(
        scan.value(QStringLiteral("scan")).toObject().value(QStringLiteral("quantity")).toInt(),
        12);
    QCOMPARE(
        scan.value(QStringLiteral("result")).toObject().value(QStringLiteral("uom")).toString(),
        box);

    const Run show = qm(home, cart + QStringList{QStringLiteral("show"), QStringLiteral("--json")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    const QJsonObject shown = json(show);
    QCOMPARE(
        shown.value(QStringLiteral("cart")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Site A"));
    QCOMPARE(shown.value(QStringLiteral("lines")).toArray().size(), 2);
    QCOMPARE(cartLine(shown, sku, each).value(QStringLiteral("quantity")).toInteger(), 6);
    QCOMPARE(cartLine(shown, sku, box).value(QStringLiteral("quantity")).toInteger(), 12);
    QCOMPARE(cartLine(shown, sku, box).value(QStringLiteral("source")).toString(),
             QStringLiteral("scanned"));
    QVERIFY(!shown.value(QStringLiteral("prices_as_of")).isNull()); // the sync verified prices

    // The offline cart costs what the portal quotes for the same lines.
    const QJsonObject portal = quote(QJsonArray{QJsonObject{{QStringLiteral("sku"), sku},
                                                            {QStringLiteral("uom"), each},
                                                            {QStringLiteral("quantity"), 6}},
                                                QJsonObject{{QStringLiteral("sku"), sku},
                                                            {QStringLiteral("uom"), box},
                                                            {QStringLiteral("quantity"), 12}}});
    QVERIFY2(portal.contains(QStringLiteral("subtotal")),
             QJsonDocument(portal).toJson().constData());
    QCOMPARE(shown.value(QStringLiteral("totals")).toObject().value(QStringLiteral("subtotal")),
             portal.value(QStringLiteral("subtotal")));
    QCOMPARE(shown.value(QStringLiteral("currency")), portal.value(QStringLiteral("currency")));

    // Undo and redo the last scan, across processes.
    const Run undo = qm(home, cart + QStringList{QStringLiteral("undo")});
    QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
    QVERIFY(undo.out.startsWith(QLatin1String("Undid add-line")));
    QCOMPARE(cartLine(json(qm(home, cart + QStringList{QStringLiteral("show"),
                                                       QStringLiteral("--json")})),
                      sku, box)
                 .value(QStringLiteral("quantity"))
                 .toInteger(),
             0); // the box line is gone
    QCOMPARE(qm(home, cart + QStringList{QStringLiteral("redo")}).exitCode, 0);
    QCOMPARE(cartLine(json(qm(home, cart + QStringList{QStringLiteral("show"),
                                                       QStringLiteral("--json")})),
                      sku, box)
                 .value(QStringLiteral("quantity"))
                 .toInteger(),
             12);

    // Unknown codes are refused with a reason and kept.
    const Run unknownSku =
        qm(home, cart + QStringList{QStringLiteral("add"), QStringLiteral("NO-SUCH-SKU-0")});
    QCOMPARE(unknownSku.exitCode, 4);
    QVERIFY(unknownSku.out.isEmpty());
    QVERIFY2(unknownSku.err.startsWith(QLatin1String("qm: no product matches 'NO-SUCH-SKU-0'")),
             qPrintable(unknownSku.err));
    const Run unknownScan = qm(home, {QStringLiteral("scan"), QStringLiteral("]E04006381333931")});
    QCOMPARE(unknownScan.exitCode, 4);
    const Run unresolved =
        qm(home, cart + QStringList{QStringLiteral("unresolved"), QStringLiteral("--json")});
    QCOMPARE(unresolved.exitCode, 0);
    QStringList codes;
    for (const auto &v : json(unresolved).value(QStringLiteral("codes")).toArray())
        codes << v.toObject().value(QStringLiteral("code")).toString() + QLatin1Char('/') +
                     v.toObject().value(QStringLiteral("origin")).toString() + QLatin1Char('/') +
                     v.toObject().value(QStringLiteral("symbology")).toString();
    QCOMPARE(codes, (QStringList{QStringLiteral("04006381333931/scanned/]E0"),
                                 QStringLiteral("NO-SUCH-SKU-0/typed/")}));

    // A second cart becomes current; --cart picks the first again and makes it current.
    QCOMPARE(qm(home, cart + QStringList{QStringLiteral("new"), QStringLiteral("Site B")}).exitCode,
             0);
    QJsonObject list =
        json(qm(home, cart + QStringList{QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(list.value(QStringLiteral("carts")).toArray().size(), 2);
    const QJsonObject first = list.value(QStringLiteral("carts")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("Site B"));
    QCOMPARE(first.value(QStringLiteral("current")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("line_count")).toInteger(), 0);
    const Run siteA = qm(home, cart + QStringList{QStringLiteral("show"), QStringLiteral("--cart"),
                                                  QStringLiteral("site a")});
    QVERIFY2(siteA.exitCode == 0, qPrintable(siteA.err));
    QVERIFY(siteA.out.startsWith(QLatin1String("Cart 'Site A'")));
    QVERIFY(siteA.out.contains(QLatin1String("Subtotal: ")));
    QVERIFY(siteA.out.contains(QLatin1String("Prices as of ")));
    list = json(qm(home, cart + QStringList{QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(list.value(QStringLiteral("carts"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("name")),
             QJsonValue(QStringLiteral("Site A")));
}

void tst_Cli::cartErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("show without carts")
        << QStringList{QStringLiteral("cart"), QStringLiteral("show")} << 4
        << QStringLiteral("qm: no carts yet; create one with qm cart new NAME");
    QTest::newRow("unknown action")
        << QStringList{QStringLiteral("cart"), QStringLiteral("frobnicate")} << 2
        << QStringLiteral("qm: unknown cart action 'frobnicate'; see qm cart --help");
    QTest::newRow("unknown cart") << QStringList{QStringLiteral("cart"), QStringLiteral("add"),
                                                 QStringLiteral("X"), QStringLiteral("--cart"),
                                                 QStringLiteral("Nope")}
                                  << 4 << QStringLiteral("qm: no cart named 'Nope'");
    QTest::newRow("bad quantity")
        << QStringList{QStringLiteral("cart"), QStringLiteral("add"), QStringLiteral("X"),
                       QStringLiteral("ten")}
        << 2
        << QStringLiteral(
               "qm: QTY must be a whole number of at least 1, not 'ten'; see qm cart --help");
    QTest::newRow("new without name")
        << QStringList{QStringLiteral("cart"), QStringLiteral("new")} << 2
        << QStringLiteral("qm: cart new needs a NAME; see qm cart --help");
    QTest::newRow("garbled scan") << QStringList{QStringLiteral("scan"),
                                                 QStringLiteral("]E04006381333932")}
                                  << 2 << QString();
    QTest::newRow("scan without text")
        << QStringList{QStringLiteral("scan")} << 2
        << QStringLiteral("qm: scan needs exactly one TEXT; see qm scan --help");
    QTest::newRow("import of a missing file")
        << QStringList{QStringLiteral("cart"), QStringLiteral("import"),
                       QStringLiteral("/nonexistent/order.csv")}
        << 1 << QString();
    QTest::newRow("undo in an empty cart")
        << QStringList{QStringLiteral("cart"), QStringLiteral("undo"), QStringLiteral("--cart"),
                       QStringLiteral("Empty")}
        << 1 << QStringLiteral("qm: nothing to undo in cart 'Empty'");
}

void tst_Cli::cartErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    Home home;
    login(home);
    if (QTest::currentTestFailed())
        return;
    if (QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("undo in an empty cart"))
        QCOMPARE(qm(home, {QStringLiteral("cart"), QStringLiteral("new"), QStringLiteral("Empty")})
                     .exitCode,
                 0);
    const Run run = qm(home, QStringList{QStringLiteral("--profile"), home.profile()} + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.startsWith(QLatin1String("qm: ")), qPrintable(run.err));
    if (!message.isEmpty())
        QCOMPARE(run.errLines().constFirst(), message);
    // Nothing was stored by a refused command.
    const Run unresolved =
        qm(home, {QStringLiteral("cart"), QStringLiteral("unresolved"), QStringLiteral("--json")});
    QCOMPARE(json(unresolved).value(QStringLiteral("codes")).toArray().size(), 0);
}

void tst_Cli::cartImportExport()
{
    Home home;
    loginAndSync(home);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject p = orderableProduct();
    QVERIFY(!p.isEmpty());
    const QString sku = p.value(QStringLiteral("sku")).toString();
    const QString box = p.value(QStringLiteral("packs"))
                            .toArray()
                            .at(1)
                            .toObject()
                            .value(QStringLiteral("uom"))
                            .toString();
    QFile file(home.dir.filePath(QStringLiteral("order.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QStringLiteral("code,quantity,unit\n%1,4,\n%2,2,%3\nNOT-A-SKU-9,1,\n%1,ten,\n%1,1,\n")
            .arg(sku.toLower(), sku, box)
            .toUtf8());
    file.close();

    const QString reportPath = home.dir.filePath(QStringLiteral("report.csv"));
    const Run imported =
        qm(home, {QStringLiteral("cart"), QStringLiteral("import"), file.fileName(),
                  QStringLiteral("--json"), QStringLiteral("--report"), reportPath});
    QCOMPARE(imported.exitCode, 7); // lines need attention; the good ones are in
    const QJsonObject report = json(imported);
    QCOMPARE(report.value(QStringLiteral("applied")).toBool(), true);
    QStringList outcomes;
    for (const auto &v : report.value(QStringLiteral("lines")).toArray())
        outcomes << v.toObject().value(QStringLiteral("outcome")).toString();
    QCOMPARE(outcomes, (QStringList{QStringLiteral("added"), QStringLiteral("added"),
                                    QStringLiteral("unknown"), QStringLiteral("invalid-quantity"),
                                    QStringLiteral("adjusted")}));
    QFile reportFile(reportPath);
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QString reportText = QString::fromUtf8(reportFile.readAll());
    QCOMPARE(reportText.count(QLatin1String("\r\n")), 6); // header and five lines
    QVERIFY(reportText.contains(QLatin1String("NOT-A-SKU-9")));
    QVERIFY(reportText.contains(QLatin1String("invalid-quantity")));
    const QJsonObject shown =
        json(qm(home, {QStringLiteral("cart"), QStringLiteral("show"), QStringLiteral("--json")}));
    QCOMPARE(shown.value(QStringLiteral("lines")).toArray().size(), 2);

    // Export and import again into a new cart: the same lines.
    const QString exported = home.dir.filePath(QStringLiteral("cart.csv"));
    const Run exportRun = qm(home, {QStringLiteral("cart"), QStringLiteral("export"), exported});
    QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));
    QVERIFY(QFileInfo::exists(exported));
    QCOMPARE(
        qm(home, {QStringLiteral("cart"), QStringLiteral("new"), QStringLiteral("Copy")}).exitCode,
        0);
    const Run again = qm(home, {QStringLiteral("cart"), QStringLiteral("import"), exported});
    QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    const QJsonObject copy =
        json(qm(home, {QStringLiteral("cart"), QStringLiteral("show"), QStringLiteral("--json")}));
    QCOMPARE(copy.value(QStringLiteral("totals")), shown.value(QStringLiteral("totals")));
    QCOMPARE(copy.value(QStringLiteral("lines")).toArray().size(), 2);

    const QString xlsx = home.dir.filePath(QStringLiteral("cart.xlsx"));
    QCOMPARE(qm(home, {QStringLiteral("cart"), QStringLiteral("export"), xlsx}).exitCode, 0);
    QFile written(xlsx);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.read(2) == "PK"); // a zip container
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
