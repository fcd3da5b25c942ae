#include "core/catalog.h"
#include "core/gtin.h"
#include "core/problem.h"
#include "portaltest.h"
#include "support/feedpuller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

#include <memory>

using namespace qm;
using namespace qm::test;

namespace {

QJsonObject parse(const QByteArray &canonical)
{
    return QJsonDocument::fromJson(canonical).object();
}

QSet<QString> keysOf(const QMap<QString, QByteArray> &entries)
{
    return QSet<QString>(entries.keyBegin(), entries.keyEnd());
}

// One client paging through a feed on its own connection, driven by the event loop, so that
// many of them run at the same time.
class ConcurrentPuller final : public QObject
{
public:
    ConcurrentPuller(QUrl base, QString token, Feed feed, int limit)
        : m_base(std::move(base))
        , m_token(std::move(token))
        , m_feed(feed)
        , m_limit(limit)
    {}

    void start() { requestPage(); }
    bool done = false;
    QString error;
    QMap<QString, QByteArray> entries;
    qint64 count = -1;
    FeedDigest hash;
    int pages = 0;

private:
    void requestPage()
    {
        QUrl url = m_base;
        url.setPath(QStringLiteral("/api/v1/sync/") + feedName(m_feed));
        url.setQuery(QStringLiteral("after=%1&limit=%2").arg(m_next).arg(m_limit));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
        QNetworkReply *reply = m_nam.get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200) {
                fail(QStringLiteral("HTTP %1 %2").arg(status).arg(reply->errorString()));
                return;
            }
            QString parseError;
            const auto page = FeedPage::fromJson(reply->readAll(), m_next, &parseError);
            if (!page) {
                fail(parseError);
                return;
            }
            ++pages;
            for (const FeedItem &item : page->items) {
                if (item.deleted)
                    entries.remove(item.key);
                else
                    entries.insert(item.key, canonicalJson(item.data()));
            }
            m_next = page->next;
            if (page->hasMore) {
                requestPage();
                return;
            }
            count = *page->count;
            hash = *page->hash;
            done = true;
        });
    }
    void fail(const QString &why)
    {
        error = why;
        done = true;
    }

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_token;
    Feed m_feed;
    int m_limit;
    qint64 m_next = 0;
};

} // namespace

// The change feeds of the real qm-portal: full and delta pulls verified with the core hash,
// scoping by account and role, cursors the server no longer honours, determinism of the demo
// and concurrent clients.
class tst_PortalSync final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullPullMatchesCountAndHash_data();
    void fullPullMatchesCountAndHash();
    void feedItemsAreValidCatalogValues();
    void accountsSeeOnlyTheirAssortment();
    void viewerWithoutPricesIsForbidden();
    void deltaAfterDemoChanges();
    void purgedTombstonesExpireOldCursors();
    void cursorBeyondTheServerExpires();
    void demoIsDeterministic();
    void demoIsReusedOnRestart();
    void concurrentClientsGetConsistentPages();
    void concurrentWritersNeverHideAChange();
    void pricesCarryTheCatalogsCategoryDiscounts();
    void someProductsHaveAMaximumOrderQuantity();
    void partNumbersBelongToTheirAccountOnly();
};

void tst_PortalSync::fullPullMatchesCountAndHash_data()
{
    QTest::addColumn<int>("feedIndex");
    QTest::addColumn<int>("limit");
    QTest::newRow("products, pages of 37") << 0 << 37;
    QTest::newRow("prices, pages of 100") << 1 << 100;
    QTest::newRow("stock, pages of 1000") << 2 << 1000;
    QTest::newRow("products, one page of 5000") << 0 << 5000;
}

void tst_PortalSync::fullPullMatchesCountAndHash()
{
    QFETCH(int, feedIndex);
    QFETCH(int, limit);
    const Feed feed = catalogFeeds().at(feedIndex);
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!token.isEmpty());

    const FeedPull pull = pullFeed(client, token, feed, limit);
    QVERIFY2(pull.ok, qPrintable(pull.error));
    QVERIFY(pull.entries.size() > DemoProducts / 2); // Bayside carries most of the catalog
    QCOMPARE(pull.serverCount, qint64(pull.entries.size()));
    QCOMPARE(pull.serverHash.toHex(), pull.localHash().toHex());
    if (limit < pull.entries.size())
        QVERIFY(pull.pages >= pull.entries.size() / limit);
    // A fresh demo has no tombstones, and every key appears once.
    QCOMPARE(qsizetype(pull.items.size()), qsizetype(pull.entries.size()));

    // Nothing after the last cursor; the empty page repeats count and hash.
    const FeedPull again = pullFeed(client, token, feed, limit, pull.next, pull.entries);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.items.size(), 0);
    QCOMPARE(again.next, pull.next);
    QVERIFY(again.converged());
}

void tst_PortalSync::feedItemsAreValidCatalogValues()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull products = pullFeed(client, token, Feed::Products, 1000);
    const FeedPull prices = pullFeed(client, token, Feed::Prices, 1000);
    const FeedPull stock = pullFeed(client, token, Feed::Stock, 1000);
    QVERIFY(products.ok && prices.ok && stock.ok);

    QSet<QString> gtins;
    QSet<QString> names;
    QSet<QString> categories;
    int gtinCount = 0;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        QString error;
        const auto product = Product::fromJson(parse(it.value()), &error);
        QVERIFY2(product, qPrintable(it.key() + u' ' + error));
        QCOMPARE(product->sku, it.key());
        QVERIFY(
            QRegularExpression(QStringLiteral("^HIS-\\d{6,7}$")).match(product->sku).hasMatch());
        QVERIFY(!product->name.isEmpty() && !product->description.isEmpty() &&
                !product->brand.isEmpty());
        QCOMPARE(product->categoryPath.size(), 2);
        categories.insert(product->categoryPath.constFirst());
        names.insert(product->name);
        QCOMPARE(product->packs.constFirst().quantity, 1);
        QCOMPARE(product->packs.constFirst().uom, product->baseUom);
        for (const Pack &pack : product->packs) {
            QVERIFY2(gtin::isValid(pack.gtin), qPrintable(pack.gtin));
            gtins.insert(gtin::normalized(pack.gtin));
            ++gtinCount;
        }
        QVERIFY(product->orderMultiple >= 1 && product->minOrderQty >= 1);
    }
    QCOMPARE(gtins.size(), gtinCount);                        // every pack's GTIN is unique
    QCOMPARE(categories.size(), 7);                           // all seven top-level categories
    QVERIFY(names.size() > products.entries.size() * 8 / 10); // names are not all alike

    const QDate today = QDate::currentDate();
    int priced = 0;
    for (auto it = prices.entries.cbegin(); it != prices.entries.cend(); ++it) {
        QString error;
        const auto p = ProductPrices::fromJson(parse(it.value()), &error);
        QVERIFY2(p, qPrintable(it.key() + u' ' + error));
        QCOMPARE(p->currency, QStringLiteral("USD"));
        QVERIFY(products.entries.contains(it.key()));
        const Product product = *Product::fromJson(parse(products.entries.value(it.key())), &error);
        // The base unit always has a list price for its minimum order quantity.
        if (resolvePrice(p->rules, product.baseUom, product.minOrderQty, today))
            ++priced;
    }
    QCOMPARE(priced, prices.entries.size());
    for (auto it = stock.entries.cbegin(); it != stock.entries.cend(); ++it) {
        QString error;
        const auto s = ProductStock::fromJson(parse(it.value()), &error);
        QVERIFY2(s, qPrintable(it.key() + u' ' + error));
        QCOMPARE(s->levels.size(), 3);
        QCOMPARE(s->levels.at(0).warehouse, QStringLiteral("ATL"));
    }
}

void tst_PortalSync::accountsSeeOnlyTheirAssortment()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString bayside = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const QString yard = client.accessToken(QStringLiteral("buyer@yard.bayside.example"));
    const QString northgate = client.accessToken(QStringLiteral("buyer@northgate.example"));
    const QString cedar = client.accessToken(QStringLiteral("buyer@cedarridge.example"));

    QMap<QString, FeedPull> pulls;
    for (const auto &[name, token] :
         {qMakePair(QStringLiteral("bayside"), bayside), qMakePair(QStringLiteral("yard"), yard),
          qMakePair(QStringLiteral("northgate"), northgate),
          qMakePair(QStringLiteral("cedar"), cedar)}) {
        for (Feed feed : catalogFeeds()) {
            FeedPull pull = pullFeed(client, token, feed, 500);
            QVERIFY2(pull.converged(),
                     qPrintable(name + u' ' + feedName(feed) + u' ' + pull.error));
            pulls.insert(name + u'/' + feedName(feed), pull);
        }
    }
    const QSet<QString> northgateKeys =
        keysOf(pulls.value(QStringLiteral("northgate/products")).entries);
    const QSet<QString> baysideKeys =
        keysOf(pulls.value(QStringLiteral("bayside/products")).entries);
    // Northgate's prices and stock never mention a product outside its assortment.
    QVERIFY(keysOf(pulls.value(QStringLiteral("northgate/prices")).entries)
                .subtract(northgateKeys)
                .isEmpty());
    QVERIFY(keysOf(pulls.value(QStringLiteral("northgate/stock")).entries)
                .subtract(northgateKeys)
                .isEmpty());
    // Its assortment is smaller than Bayside's and not contained in it (each catalog differs).
    QVERIFY(northgateKeys.size() < baysideKeys.size());
    QVERIFY(!QSet<QString>(northgateKeys).subtract(baysideKeys).isEmpty());
    QVERIFY(!QSet<QString>(baysideKeys).subtract(northgateKeys).isEmpty());
    // A subsidiary sees its parent's catalog: the same feed, byte for byte.
    QCOMPARE(pulls.value(QStringLiteral("yard/prices")).serverHash,
             pulls.value(QStringLiteral("bayside/prices")).serverHash);
    QCOMPARE(pulls.value(QStringLiteral("yard/products")).entries,
             pulls.value(QStringLiteral("bayside/products")).entries);

    // Shared products: the same list prices, but the contract prices differ.
    const auto &ngPrices = pulls.value(QStringLiteral("northgate/prices")).entries;
    const auto &bsPrices = pulls.value(QStringLiteral("bayside/prices")).entries;
    int shared = 0;
    int differentContracts = 0;
    for (auto it = ngPrices.cbegin(); it != ngPrices.cend(); ++it) {
        if (!bsPrices.contains(it.key()))
            continue;
        ++shared;
        QString error;
        const ProductPrices ng = *ProductPrices::fromJson(parse(it.value()), &error);
        const ProductPrices bs = *ProductPrices::fromJson(parse(bsPrices.value(it.key())), &error);
        const auto rulesOfKind = [](const ProductPrices &p, PriceRule::Kind kind) {
            QList<QJsonObject> list;
            for (const PriceRule &r : p.rules) {
                if (r.kind == kind)
                    list << r.toJson();
            }
            return list;
        };
        QCOMPARE(rulesOfKind(ng, PriceRule::Kind::List), rulesOfKind(bs, PriceRule::Kind::List));
        if (rulesOfKind(ng, PriceRule::Kind::Contract) !=
            rulesOfKind(bs, PriceRule::Kind::Contract))
            ++differentContracts;
    }
    QVERIFY(shared > 20);
    QVERIFY(differentContracts > 0);

    // A product outside Northgate's assortment is not reachable by a Northgate user in any feed.
    const QString foreign = *QSet<QString>(baysideKeys).subtract(northgateKeys).cbegin();
    for (Feed feed : catalogFeeds())
        QVERIFY(
            !pulls.value(QStringLiteral("northgate/") + feedName(feed)).entries.contains(foreign));
}

void tst_PortalSync::viewerWithoutPricesIsForbidden()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString cedarViewer = client.accessToken(QStringLiteral("viewer@cedarridge.example"));
    const HttpResponse prices = client.get(QStringLiteral("/api/v1/sync/prices"), cedarViewer);
    QCOMPARE(prices.status, 403);
    QCOMPARE(prices.problemSlug(), QStringLiteral("forbidden"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/products?limit=1"), cedarViewer).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/stock?limit=1"), cedarViewer).status, 200);
    // Bayside shows prices to its viewers.
    const QString baysideViewer = client.accessToken(QStringLiteral("viewer@bayside.example"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/prices?limit=1"), baysideViewer).status, 200);
}

void tst_PortalSync::deltaAfterDemoChanges()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QMap<Feed, FeedPull> before;
    for (Feed feed : catalogFeeds()) {
        before[feed] = pullFeed(client, token, feed, 250);
        QVERIFY2(before[feed].converged(), qPrintable(before[feed].error));
    }

    QString output;
    QCOMPARE(portal.runMaintenance({QStringLiteral("--apply-demo-changes"), QStringLiteral("60"),
                                    QStringLiteral("--seed"), QStringLiteral("7")},
                                   &output),
             0);
    QVERIFY2(output.contains(QStringLiteral("applied 60 demo changes")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("removed from BAYSIDE")), qPrintable(output));

    int tombstones = 0;
    for (Feed feed : catalogFeeds()) {
        // Continue from the old cursor, as a client's delta sync does.
        const FeedPull delta =
            pullFeed(client, token, feed, 50, before[feed].next, before[feed].entries);
        QVERIFY2(delta.converged(), qPrintable(feedName(feed) + u' ' + delta.error));
        // An independent full pull of the new state.
        const FeedPull after = pullFeed(client, token, feed, 1000);
        QVERIFY2(after.converged(), qPrintable(after.error));
        QCOMPARE(delta.entries, after.entries);

        // Exactly the keys whose entry changed, each once, all after the old cursor.
        QSet<QString> changed;
        for (const QString &key : keysOf(before[feed].entries) + keysOf(after.entries)) {
            if (before[feed].entries.value(key) != after.entries.value(key))
                changed.insert(key);
        }
        QSet<QString> deltaKeys;
        for (const FeedItem &item : delta.items) {
            QVERIFY(item.seq > before[feed].next);
            QVERIFY2(!deltaKeys.contains(item.key), qPrintable(item.key));
            deltaKeys.insert(item.key);
            QCOMPARE(item.deleted, !after.entries.contains(item.key));
            if (item.deleted) {
                QVERIFY(before[feed].entries.contains(item.key));
                ++tombstones;
            }
        }
        QCOMPARE(deltaKeys, changed);
        if (feed != Feed::PartNumbers) // the demo's daily changes leave part numbers alone
            QVERIFY(!changed.isEmpty());
        QVERIFY(delta.items.size() < after.entries.size() / 2);
    }
    // The product removed from Bayside's assortment left all three feeds.
    QVERIFY(tombstones >= 3);
}

void tst_PortalSync::purgedTombstonesExpireOldCursors()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull before = pullFeed(client, token, Feed::Products, 1000);
    QVERIFY(before.converged());
    QCOMPARE(portal.runMaintenance({QStringLiteral("--apply-demo-changes"), QStringLiteral("20")}),
             0);

    // Kept tombstones: the old cursor still works.
    QCOMPARE(portal.runMaintenance({QStringLiteral("--purge-tombstones")}), 0);
    const FeedPull kept =
        pullFeed(client, token, Feed::Products, 1000, before.next, before.entries);
    QVERIFY2(kept.converged(), qPrintable(kept.error));

    QString output;
    QCOMPARE(
        portal.runMaintenance({QStringLiteral("--purge-tombstones"),
                               QStringLiteral("--tombstone-retention-days"), QStringLiteral("0")},
                              &output),
        0);
    QVERIFY2(
        QRegularExpression(QStringLiteral("purged [1-9]\\d* tombstones")).match(output).hasMatch(),
        qPrintable(output));
    const HttpResponse expired =
        client.get(QStringLiteral("/api/v1/sync/products?after=%1").arg(before.next), token);
    QCOMPARE(expired.status, 410);
    QCOMPARE(expired.problemSlug(), QStringLiteral("cursor-expired"));
    QVERIFY(expired.header("Content-Type").startsWith(ProblemContentType));

    // The pages of a full pull lie behind the purge horizon too: without full=true its
    // second page is refused like any stale cursor ...
    const HttpResponse first =
        client.get(QStringLiteral("/api/v1/sync/products?after=0&limit=50"), token);
    QCOMPARE(first.status, 200);
    QString parseError;
    const auto firstPage = FeedPage::fromJson(first.body, 0, &parseError);
    QVERIFY2(firstPage.has_value(), qPrintable(parseError));
    QVERIFY(firstPage->hasMore);
    QCOMPARE(
        client
            .get(QStringLiteral("/api/v1/sync/products?after=%1&limit=50").arg(firstPage->next),
                 token)
            .status,
        410);
    QCOMPARE(client
                 .get(QStringLiteral("/api/v1/sync/products?after=%1&limit=50&full=yes")
                          .arg(firstPage->next),
                      token)
                 .problemSlug(),
             QStringLiteral("invalid-cursor"));

    // ... and with it a full pull from 0 recovers, over many pages; a cursor from after the
    // purge keeps working.
    const FeedPull again = pullFeed(client, token, Feed::Products, 50);
    QVERIFY2(again.converged(), qPrintable(again.error));
    QVERIFY(again.pages > 2);
    QCOMPARE(again.entries, kept.entries);
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/sync/products?after=%1").arg(again.next), token).status,
        200);
}

void tst_PortalSync::cursorBeyondTheServerExpires()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull pull = pullFeed(client, token, Feed::Stock, 5000);
    QVERIFY(pull.converged());
    // The highest sequence issued is at least the last cursor; far beyond it means the client
    // synced with another (or a reset) server.
    const HttpResponse r =
        client.get(QStringLiteral("/api/v1/sync/stock?after=%1").arg(pull.next + 1000000), token);
    QCOMPARE(r.status, 410);
    QCOMPARE(r.problemSlug(), QStringLiteral("cursor-expired"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/sync/stock?after=%1").arg(pull.next), token).status,
             200);
}

void tst_PortalSync::demoIsDeterministic()
{
    const auto hashes = [](const QStringList &seedArgs, QString *error) {
        QStringList result;
        PortalProcess portal;
        if (!portal.start(QStringList{QStringLiteral("--demo"), QStringLiteral("--products"),
                                      QString::number(DemoProducts)} +
                              seedArgs,
                          error))
            return result;
        HttpClient client(portal.url());
        const QString token = client.accessToken(QStringLiteral("buyer@northgate.example"));
        for (Feed feed : catalogFeeds()) {
            const FeedPull pull = pullFeed(client, token, feed, 5000);
            if (!pull.converged()) {
                *error = pull.error;
                return QStringList();
            }
            result << pull.serverHash.toHex() + u'/' + QString::number(pull.serverCount);
        }
        return result;
    };
    QString error;
    const QStringList first = hashes({QStringLiteral("--seed"), QStringLiteral("42")}, &error);
    QVERIFY2(first.size() == catalogFeeds().size(), qPrintable(error));
    const QStringList second = hashes({QStringLiteral("--seed"), QStringLiteral("42")}, &error);
    QVERIFY2(second.size() == catalogFeeds().size(), qPrintable(error));
    const QStringList other = hashes({QStringLiteral("--seed"), QStringLiteral("43")}, &error);
    QVERIFY2(other.size() == catalogFeeds().size(), qPrintable(error));
    QCOMPARE(second, first);
    for (int i = 0; i < 3; ++i)
        QVERIFY2(other.at(i) != first.at(i), qPrintable(first.at(i)));
}

void tst_PortalSync::demoIsReusedOnRestart()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const FeedPull before = pullFeed(
        client, client.accessToken(QStringLiteral("buyer@bayside.example")), Feed::Prices, 5000);
    QVERIFY(before.converged());
    QCOMPARE(portal.stop(), 0);

    QM_START_PORTAL(portal); // the same database, the same demo
    QTRY_VERIFY2(portal.output().contains(QStringLiteral("reused")), qPrintable(portal.output()));
    HttpClient again(portal.url());
    const FeedPull after = pullFeed(
        again, again.accessToken(QStringLiteral("buyer@bayside.example")), Feed::Prices, 5000);
    QVERIFY(after.converged());
    QCOMPARE(after.serverHash, before.serverHash);
    QCOMPARE(after.next, before.next);
    QCOMPARE(portal.stop(), 0);

    // Another demo size on the same database is refused with a clear message.
    QString error;
    QVERIFY(!portal.start(
        {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("123")}, &error));
    QVERIFY2(error.contains(QStringLiteral("already holds the demo")), qPrintable(error));
}

void tst_PortalSync::concurrentClientsGetConsistentPages()
{
    PortalProcess portal;
    QM_START_PORTAL_WITH(portal, (QStringList{QStringLiteral("--threads"), QStringLiteral("4")}));
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull reference = pullFeed(client, token, Feed::Products, 5000);
    QVERIFY(reference.converged());

    std::vector<std::unique_ptr<ConcurrentPuller>> pullers;
    for (int i = 0; i < 20; ++i) {
        pullers.push_back(
            std::make_unique<ConcurrentPuller>(portal.url(), token, Feed::Products, 17 + i));
        pullers.back()->start();
    }
    const auto allDone = [&pullers] {
        for (const auto &p : pullers) {
            if (!p->done)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), 120000);
    for (const auto &p : pullers) {
        QVERIFY2(p->error.isEmpty(), qPrintable(p->error));
        QCOMPARE(p->entries, reference.entries);
        QCOMPARE(p->count, reference.serverCount);
        QCOMPARE(p->hash, reference.serverHash);
        QVERIFY(p->pages > 5);
    }
}

void tst_PortalSync::concurrentWritersNeverHideAChange()
{
    // Several suppliers' maintenance runs write at once while a client keeps pulling deltas.
    // Sequence numbers commit in order, so continuing from each cursor never skips a change
    // that commits late: the client's copy ends up equal to the feed.
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    QMap<Feed, FeedPull> copies;
    for (Feed feed : catalogFeeds()) {
        copies[feed] = pullFeed(client, token, feed, 1000);
        QVERIFY(copies[feed].converged());
    }

    std::vector<std::unique_ptr<QProcess>> writers;
    for (int i = 0; i < 4; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->start(qEnvironmentVariable("QM_PORTAL_BIN"),
                       {QStringLiteral("--db"), portal.dbArgument(),
                        QStringLiteral("--apply-demo-changes"), QStringLiteral("25"),
                        QStringLiteral("--seed"), QString::number(100 + i)});
        QVERIFY(process->waitForStarted());
        writers.push_back(std::move(process));
    }
    const auto running = [&writers] {
        for (const auto &w : writers) {
            if (w->state() != QProcess::NotRunning)
                return true;
        }
        return false;
    };
    int rounds = 0;
    do {
        ++rounds;
        for (Feed feed : catalogFeeds()) {
            FeedPull delta =
                pullFeed(client, token, feed, 20, copies[feed].next, copies[feed].entries);
            QVERIFY2(delta.ok, qPrintable(delta.error));
            copies[feed] = delta;
        }
    } while (running());
    for (const auto &w : writers) {
        QCOMPARE(w->exitStatus(), QProcess::NormalExit);
        QVERIFY2(w->exitCode() == 0, w->readAll().constData());
    }
    for (Feed feed : catalogFeeds()) {
        const FeedPull last =
            pullFeed(client, token, feed, 20, copies[feed].next, copies[feed].entries);
        QVERIFY2(last.converged(), qPrintable(feedName(feed) + u' ' + last.error));
        const FeedPull full = pullFeed(client, token, feed, 5000);
        QCOMPARE(last.entries, full.entries);
    }
    QVERIFY(rounds >= 1);
}

void tst_PortalSync::pricesCarryTheCatalogsCategoryDiscounts()
{
    // Bayside's catalog has 12.5 % off gloves (valid now), 5 % off all fasteners from next
    // Monday (granted on the top-level category) and 10 % off cleaners that expired last
    // month. Cedar Ridge has no discounts.
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString bayside = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const QString cedar = client.accessToken(QStringLiteral("buyer@cedarridge.example"));
    const FeedPull products = pullFeed(client, bayside, Feed::Products, 1000);
    const FeedPull prices = pullFeed(client, bayside, Feed::Prices, 1000);
    QVERIFY(products.ok && prices.ok);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate nextMonday = today.addDays(8 - today.dayOfWeek());

    int gloves = 0;
    int fasteners = 0;
    int cleaners = 0;
    for (auto it = prices.entries.cbegin(); it != prices.entries.cend(); ++it) {
        QString error;
        const auto p = ProductPrices::fromJson(parse(it.value()), &error);
        QVERIFY2(p, qPrintable(error));
        const auto product = Product::fromJson(parse(products.entries.value(it.key())), &error);
        QVERIFY2(product, qPrintable(it.key() + u' ' + error));
        const QString category = product->categoryCode;
        if (category == u"PPE-GLV") {
            ++gloves;
            QCOMPARE(p->discounts.size(), 1);
            QCOMPARE(p->discounts.first().category, QStringLiteral("PPE-GLV"));
            QCOMPARE(p->discounts.first().percent, *Decimal::parse(QStringLiteral("12.5")));
            QVERIFY(p->discounts.first().isValidOn(today));
        } else if (category.startsWith(u"FAS-")) {
            ++fasteners;
            // Granted on the ancestor "FAS"; not valid yet, but already in the entry.
            QCOMPARE(p->discounts.size(), 1);
            QCOMPARE(p->discounts.first().category, QStringLiteral("FAS"));
            QCOMPARE(p->discounts.first().percent, Decimal::fromInt(5));
            QCOMPARE(p->discounts.first().validFrom, nextMonday);
            QVERIFY(!p->discounts.first().isValidOn(today));
        } else {
            // Cleaners' discount has expired: left out, like every other category's none.
            cleaners += category == u"JAN-CLN" ? 1 : 0;
            QVERIFY2(p->discounts.isEmpty(), qPrintable(it.key() + u' ' + category));
        }
    }
    QVERIFY(gloves > 0 && fasteners > 0 && cleaners > 0);

    const FeedPull cedarPrices = pullFeed(client, cedar, Feed::Prices, 1000);
    QVERIFY(cedarPrices.ok);
    for (const QByteArray &entry : cedarPrices.entries)
        QVERIFY(!parse(entry).contains(QStringLiteral("discounts")));
}

void tst_PortalSync::someProductsHaveAMaximumOrderQuantity()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString token = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const FeedPull products = pullFeed(client, token, Feed::Products, 1000);
    QVERIFY(products.ok);
    int limited = 0;
    for (const QByteArray &entry : products.entries) {
        QString error;
        const auto p = Product::fromJson(parse(entry), &error);
        QVERIFY2(p, qPrintable(error));
        if (p->maxOrderQty == 0) {
            QVERIFY(!parse(entry).contains(QStringLiteral("max_order_qty"))); // omitted when 0
            continue;
        }
        ++limited;
        QVERIFY(p->maxOrderQty >= p->minOrderQty);
        QCOMPARE(p->maxOrderQty % p->orderMultiple, 0);
    }
    // About 2 %: some, but not many.
    QVERIFY2(limited > 0 && limited < products.entries.size() / 10,
             qPrintable(QString::number(limited)));
}

void tst_PortalSync::partNumbersBelongToTheirAccountOnly()
{
    PortalProcess portal;
    QM_START_PORTAL(portal);
    HttpClient client(portal.url());
    const QString bayside = client.accessToken(QStringLiteral("buyer@bayside.example"));
    const QString yard = client.accessToken(QStringLiteral("buyer@yard.bayside.example"));
    const QString cedar = client.accessToken(QStringLiteral("viewer@cedarridge.example"));
    const QString northgate = client.accessToken(QStringLiteral("buyer@northgate.example"));

    const FeedPull baysideNumbers = pullFeed(client, bayside, Feed::PartNumbers, 1000);
    QVERIFY2(baysideNumbers.converged(), qPrintable(baysideNumbers.error));
    QVERIFY(baysideNumbers.entries.size() >= DemoProducts / 10);
    const FeedPull baysideProducts = pullFeed(client, bayside, Feed::Products, 1000);
    QVERIFY(baysideProducts.ok);
    const QRegularExpression bmg(QStringLiteral("^BMG-\\d{6}$"));
    for (auto it = baysideNumbers.entries.cbegin(); it != baysideNumbers.entries.cend(); ++it) {
        QString error;
        const auto n = CustomerPartNumber::fromJson(parse(it.value()), &error);
        QVERIFY2(n, qPrintable(error));
        QCOMPARE(n->partNumber, it.key());
        QVERIFY2(bmg.match(n->partNumber).hasMatch(), qPrintable(n->partNumber));
        QVERIFY2(baysideProducts.entries.contains(n->sku), qPrintable(n->sku));
    }

    // Paged in sevens, the same feed with the same count and hash.
    const FeedPull paged = pullFeed(client, bayside, Feed::PartNumbers, 7);
    QVERIFY2(paged.converged(), qPrintable(paged.error));
    QVERIFY(paged.pages >= baysideNumbers.entries.size() / 7);
    QCOMPARE(paged.entries, baysideNumbers.entries);

    // Cedar Ridge (even a viewer who may not see prices) gets its own, and only those.
    const FeedPull cedarNumbers = pullFeed(client, cedar, Feed::PartNumbers, 1000);
    QVERIFY2(cedarNumbers.converged(), qPrintable(cedarNumbers.error));
    QVERIFY(!cedarNumbers.entries.isEmpty());
    for (const QString &key : cedarNumbers.entries.keys()) {
        QVERIFY2(key.startsWith(u"CRF-"), qPrintable(key));
        QVERIFY(!baysideNumbers.entries.contains(key));
    }
    // A subsidiary has its own (empty) list, not its parent's; Northgate has none.
    for (const QString &token : {yard, northgate}) {
        const FeedPull none = pullFeed(client, token, Feed::PartNumbers, 1000);
        QVERIFY2(none.ok, qPrintable(none.error));
        QCOMPARE(none.entries.size(), 0);
        QCOMPARE(none.serverCount, 0);
    }
}

QTEST_GUILESS_MAIN(tst_PortalSync)
#include "tst_portalsync.moc"
