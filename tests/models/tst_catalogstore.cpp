#include "catalogfixtures.h"

#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/schema.h"
#include "models/searchindex.h"
#include "models/sqlrows.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

constexpr auto List = PriceRule::Kind::List;
constexpr auto Contract = PriceRule::Kind::Contract;

QString sku(int n)
{
    return QStringLiteral("HIS-%1").arg(n, 6, 10, QChar(u'0'));
}

qint64 scalar(Database &db, const QString &statement, const QString &bind = {})
{
    QSqlQuery q(db.connection());
    q.prepare(statement);
    if (!bind.isNull())
        q.addBindValue(bind);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// FTS5's own check that the full-text index matches the products table.
// An FTS5 setting of products_fts as the cache stores it; -1 when it was never set.
qint64 ftsSetting(Database &db, const char *name)
{
    return scalar(db,
                  QStringLiteral("SELECT coalesce((SELECT v FROM products_fts_config"
                                 " WHERE k = ?), -1)"),
                  QString::fromLatin1(name));
}

bool integrityCheck(Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral(
        "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)"));
}

// A fresh cache in its own temporary directory.
struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<CatalogStore> store;

    Cache() { reopen(); }
    QString path() const { return dir.filePath(QStringLiteral("cache.sqlite")); }
    // Drops the connection and opens the file again, as after a restart.
    void reopen()
    {
        store.reset();
        db.reset();
        QString error;
        db = Database::open(path(), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        store = std::make_unique<CatalogStore>(*db);
    }
    // Applies every page of `feed` after the cache's cursor, `limit` entries at a time.
    bool pull(Feed f, const FakeFeed &feed, int limit, QString *error)
    {
        for (;;) {
            const FeedPage page = feed.page(store->state(f).cursor, limit);
            if (!store->applyPage(f, page, error))
                return false;
            if (!page.hasMore)
                return store->finishPull(f, *page.count, *page.hash, error);
        }
    }
};

} // namespace

class tst_CatalogStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesProductsPricesAndStock();
    void upsertReplacesChildRows_data();
    void upsertReplacesChildRows();
    void tombstonesRemoveRows();
    void fullTextIndexFollowsChanges();
    void firstPullIndexesOnceWhenComplete();
    void indexBuiltSeparatelyWaitsForItsCall();
    void indexBuiltInRangesFollowsChanges();
    void keyTwiceInOnePageEndsAsItsLastEntry();
    void badPayloadAbortsWholePage_data();
    void badPayloadAbortsWholePage();
    void cursorNeverGoesBack();
    void incrementalTotalsMatchRecount();
    void resyncSweepsWhatWasNotSeenAgain();
    void resyncSurvivesRestart();
    void mismatchIsReportedNotVerified();
    void appliesLimitsDiscountsAndPartNumbers();
    void partNumberResyncSweeps();
    void upgradeFromVersion2PullsProductsAndPricesAgain();
};

void tst_CatalogStore::appliesProductsPricesAndStock()
{
    Cache c;
    FakeFeed products(Feed::Products), pricesFeed(Feed::Prices), stockFeed(Feed::Stock);
    QList<Product> catalog;
    for (int i = 1; i <= 5; ++i) {
        Product p = product(sku(i), QStringLiteral("Hex bolt M%1").arg(i + 4), i);
        p.attributes.insert(QStringLiteral("standard"), QStringLiteral("DIN 933"));
        catalog << p;
        products.upsert(p.sku, p.toJson());
        pricesFeed.upsert(p.sku,
                          prices(p.sku, {rule(List, "EA", 1, "1.2500"),
                                         rule(Contract, "EA", 100, "0.9900", QDate(2024, 1, 1))})
                              .toJson());
        stockFeed.upsert(p.sku, stock(p.sku, {10 * i, 0}).toJson());
    }
    QString error;
    QVERIFY2(c.pull(Feed::Products, products, 2, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::Prices, pricesFeed, 1000, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::Stock, stockFeed, 3, &error), qPrintable(error));

    const FeedState state = c.store->state(Feed::Products);
    QCOMPARE(state.cursor, products.lastSeq());
    QCOMPARE(state.count, 5);
    QCOMPARE(state.digest, products.digest());
    QVERIFY(state.verifiedAt.isValid());
    QVERIFY(state.lastPulledAt.isValid());
    QVERIFY(!state.resyncing);
    QCOMPARE(c.store->state(Feed::Prices).digest, pricesFeed.digest());
    QCOMPARE(c.store->state(Feed::Stock).digest, stockFeed.digest());

    // What comes out of the cache is what went into the feed.
    CatalogQuery query(*c.db);
    QCOMPARE(query.productCount(), 5);
    for (int i = 0; i < catalog.size(); ++i) {
        const Product &p = catalog.at(i);
        const auto d = query.product(p.sku);
        QVERIFY(d);
        QCOMPARE(d->product.toJson(), p.toJson());
        QVERIFY(d->prices && d->stock);
        QCOMPARE(
            canonicalJson(d->prices->toJson()),
            canonicalJson(prices(p.sku, {rule(List, "EA", 1, "1.2500"),
                                         rule(Contract, "EA", 100, "0.9900", QDate(2024, 1, 1))})
                              .toJson()));
        QCOMPARE(d->stock->totalOnHand(), 10 * (i + 1));
    }
}

void tst_CatalogStore::upsertReplacesChildRows_data()
{
    QTest::addColumn<int>("feed");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("countStatement");
    QTest::newRow("packs") << int(Feed::Products) << QStringLiteral("packs")
                           << QStringLiteral(
                                  "SELECT count(*) FROM packs JOIN products ON products.id = "
                                  "packs.product_id WHERE products.sku = ?");
    QTest::newRow("prices") << int(Feed::Prices) << QStringLiteral("prices")
                            << QStringLiteral("SELECT count(*) FROM prices WHERE sku = ?");
    QTest::newRow("stock") << int(Feed::Stock) << QStringLiteral("stock")
                           << QStringLiteral("SELECT count(*) FROM stock WHERE sku = ?");
    QTest::newRow("discounts") << int(Feed::Prices) << QStringLiteral("discounts")
                               << QStringLiteral("SELECT count(*) FROM discounts WHERE sku = ?");
}

void tst_CatalogStore::upsertReplacesChildRows()
{
    QFETCH(int, feed);
    QFETCH(QString, countStatement);
    const Feed f = Feed(feed);
    Cache c;
    FakeFeed fake(f);
    const QString key = sku(7);
    // Three child rows, then an update with one: the two others must go.
    const auto payload = [&](int children) -> QJsonObject {
        switch (f) {
        case Feed::Products: {
            Product p = product(key, QStringLiteral("Washer"), 7);
            p.packs = {pack("EA", "Each", 1, gtin13(70)), pack("BX", "Box", 50, gtin13(71)),
                       pack("CS", "Case", 500, gtin13(72))};
            p.packs.resize(children);
            return p.toJson();
        }
        case Feed::Prices: {
            QList<PriceRule> rules{rule(List, "EA", 1, "2.0000"), rule(List, "EA", 10, "1.8000"),
                                   rule(List, "EA", 100, "1.5000")};
            QList<CategoryDiscount> discounts{discount("FAS", "5.0000"),
                                              discount("FAS-BOLT", "7.5000"),
                                              discount("PPE", "10.0000")};
            rules.resize(children);
            discounts.resize(children);
            return prices(key, rules, QStringLiteral("USD"), discounts).toJson();
        }
        case Feed::Stock:
            return stock(key, QList<qint64>{5, 6, 7}.mid(0, children)).toJson();
        case Feed::PartNumbers:
        case Feed::Lists: // not a catalog feed
        case Feed::Orders:
            break; // one row per entry: no child rows
        }
        return {};
    };
    QString error;
    fake.upsert(key, payload(3));
    QVERIFY2(c.pull(f, fake, 100, &error), qPrintable(error));
    QCOMPARE(scalar(*c.db, countStatement, key), 3);
    fake.upsert(key, payload(1));
    QVERIFY2(c.pull(f, fake, 100, &error), qPrintable(error));
    QCOMPARE(scalar(*c.db, countStatement, key), 1);
    QCOMPARE(c.store->state(f).count, 1);
    QCOMPARE(c.store->state(f).digest, fake.digest());
}

void tst_CatalogStore::tombstonesRemoveRows()
{
    Cache c;
    FakeFeed products(Feed::Products), pricesFeed(Feed::Prices);
    for (int i = 1; i <= 3; ++i) {
        products.upsert(sku(i), product(sku(i), QStringLiteral("Anchor %1").arg(i), i).toJson());
        pricesFeed.upsert(sku(i), prices(sku(i), {rule(List, "EA", 1, "3.0000")}).toJson());
    }
    QString error;
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::Prices, pricesFeed, 100, &error), qPrintable(error));

    products.remove(sku(2));
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    CatalogQuery query(*c.db);
    QVERIFY(!query.product(sku(2)));
    QCOMPARE(query.productCount(), 2);
    // Its packs went with it; its prices stay until the prices feed says so.
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM packs")), 4);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM prices WHERE sku = ?"), sku(2)), 1);
    // Gone from the full-text index too.
    QCOMPARE(
        scalar(*c.db, QStringLiteral(
                          "SELECT count(*) FROM products_fts WHERE products_fts MATCH 'anchor'")),
        2);

    pricesFeed.remove(sku(2));
    QVERIFY2(c.pull(Feed::Prices, pricesFeed, 100, &error), qPrintable(error));
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM prices WHERE sku = ?"), sku(2)), 0);
    QCOMPARE(c.store->state(Feed::Prices).count, 2);
    QCOMPARE(c.store->state(Feed::Prices).digest, pricesFeed.digest());
}

void tst_CatalogStore::fullTextIndexFollowsChanges()
{
    Cache c;
    FakeFeed products(Feed::Products);
    const auto matches = [&](const char *word) {
        return scalar(
            *c.db, QStringLiteral("SELECT count(*) FROM products_fts WHERE products_fts MATCH ?"),
            QString::fromLatin1(word));
    };
    QString error;
    products.upsert(sku(1), product(sku(1), QStringLiteral("Anchor bolt"), 1).toJson());
    products.upsert(sku(2), product(sku(2), QStringLiteral("Anchor plate"), 2).toJson());
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    QCOMPARE(matches("bolt"), 1);
    QCOMPARE(matches("anchor"), 2);

    products.upsert(sku(1), product(sku(1), QStringLiteral("Wedge anchor"), 1).toJson());
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    QCOMPARE(matches("bolt"), 0);
    QCOMPARE(matches("wedge"), 1);
    QCOMPARE(matches("anchor"), 2);

    products.remove(sku(2));
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    QCOMPARE(matches("plate"), 0);
    QCOMPARE(matches("anchor"), 1);
    QVERIFY(integrityCheck(*c.db));
}

void tst_CatalogStore::firstPullIndexesOnceWhenComplete()
{
    Cache c;
    FakeFeed products(Feed::Products);
    for (int i = 1; i <= 25; ++i)
        products.upsert(sku(i),
                        product(sku(i), QStringLiteral("Bollard cleat %1").arg(i), i).toJson());
    const auto matches = [&](const char *word) {
        return scalar(
            *c.db, QStringLiteral("SELECT count(*) FROM products_fts WHERE products_fts MATCH ?"),
            QString::fromLatin1(word));
    };
    const auto pending = [&] {
        return scalar(*c.db, QStringLiteral("SELECT index_pending FROM sync_state WHERE feed = ?"),
                      feedName(Feed::Products));
    };
    QString error;
    // Two pages of an empty feed: the rows are there, the index waits for the last page.
    for (int page = 0; page < 2; ++page)
        QVERIFY2(c.store->applyPage(Feed::Products,
                                    products.page(c.store->state(Feed::Products).cursor, 10),
                                    &error),
                 qPrintable(error));
    QCOMPARE(CatalogQuery(*c.db).productCount(), 20);
    QCOMPARE(pending(), 1);
    QCOMPARE(matches("bollard"), 0);

    // Changed and removed while the pull runs: delivered again on a later page.
    products.upsert(sku(3), product(sku(3), QStringLiteral("Mooring cleat 3"), 3).toJson());
    products.remove(sku(4));

    // Interrupted: the flag survives the restart, and the resumed pull builds the index.
    c.reopen();
    QCOMPARE(pending(), 1);
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(pending(), 0);
    QCOMPARE(c.store->state(Feed::Products).count, 24);
    QCOMPARE(c.store->state(Feed::Products).digest, products.digest());
    QCOMPARE(matches("bollard"), 23);
    QCOMPARE(matches("mooring"), 1);
    QCOMPARE(matches("cleat"), 24);
    QVERIFY(integrityCheck(*c.db));
    // Built with fewer, larger merges; FTS5's default merging is back for the later pages.
    QCOMPARE(ftsSetting(*c.db, "automerge"), searchindex::DefaultMergeSegments);

    // Later pulls keep the index in step page by page.
    products.upsert(sku(5), product(sku(5), QStringLiteral("Mooring cleat 5"), 5).toJson());
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(pending(), 0);
    QCOMPARE(matches("bollard"), 22);
    QCOMPARE(matches("mooring"), 2);
    QVERIFY(integrityCheck(*c.db));
}

void tst_CatalogStore::indexBuiltSeparatelyWaitsForItsCall()
{
    Cache c;
    c.store->setBuildIndexSeparately(true);
    FakeFeed products(Feed::Products);
    for (int i = 1; i <= 25; ++i)
        products.upsert(sku(i),
                        product(sku(i), QStringLiteral("Bollard cleat %1").arg(i), i).toJson());
    const auto matches = [&] {
        return scalar(
            *c.db, QStringLiteral("SELECT count(*) FROM products_fts WHERE products_fts MATCH ?"),
            QStringLiteral("bollard"));
    };
    const auto pending = [&] {
        return scalar(*c.db, QStringLiteral("SELECT index_pending FROM sync_state WHERE feed = ?"),
                      feedName(Feed::Products));
    };
    QString error;
    // The whole pull, last page included: verified, but not indexed yet.
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::Products).count, 25);
    QCOMPARE(pending(), 1);
    QCOMPARE(matches(), 0);

    // Not built before a restart: still pending after it, and built by the call.
    c.reopen();
    QCOMPARE(pending(), 1);
    bool complete = false;
    QVERIFY2(c.store->indexPendingProducts(100, &complete, &error), qPrintable(error));
    QVERIFY(complete);
    QCOMPARE(pending(), 0);
    QCOMPARE(matches(), 25);
    QVERIFY(integrityCheck(*c.db));
    // Nothing pending: nothing to do.
    complete = false;
    QVERIFY2(c.store->indexPendingProducts(100, &complete, &error), qPrintable(error));
    QVERIFY(complete);
    QCOMPARE(matches(), 25);

    // Later pulls keep the index in step page by page, in either mode.
    products.upsert(sku(5), product(sku(5), QStringLiteral("Mooring cleat 5"), 5).toJson());
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(pending(), 0);
    QCOMPARE(matches(), 24);
    QVERIFY(integrityCheck(*c.db));
}

// A pending index built a range of products at a time, while pages change products on both
// sides of the range and a resync sweeps one: it ends equal to the products table.
void tst_CatalogStore::indexBuiltInRangesFollowsChanges()
{
    Cache c;
    c.store->setBuildIndexSeparately(true);
    FakeFeed products(Feed::Products);
    for (int i = 1; i <= 25; ++i)
        products.upsert(sku(i),
                        product(sku(i), QStringLiteral("Bollard cleat %1").arg(i), i).toJson());
    const auto matches = [&](const char *word) {
        return scalar(
            *c.db, QStringLiteral("SELECT count(*) FROM products_fts WHERE products_fts MATCH ?"),
            QString::fromLatin1(word));
    };
    const auto through = [&] {
        return scalar(*c.db,
                      QStringLiteral("SELECT indexed_through FROM sync_state WHERE feed = ?"),
                      feedName(Feed::Products));
    };
    // Products the index should hold now: those up to indexed_through.
    const auto covered = [&](const char *word) {
        return scalar(*c.db,
                      QStringLiteral("SELECT count(*) FROM products WHERE id <= (SELECT"
                                     " indexed_through FROM sync_state WHERE feed = 'products')"
                                     " AND name LIKE '%' || ? || '%'"),
                      QString::fromLatin1(word));
    };
    QString error;
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(through(), 0);
    QCOMPARE(matches("cleat"), 0);

    bool complete = true;
    QVERIFY2(c.store->indexPendingProducts(10, &complete, &error), qPrintable(error));
    QVERIFY(!complete);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM products WHERE id <= ?"),
                    QString::number(through())),
             10);
    QCOMPARE(matches("cleat"), 10);
    // No merging while the index is built, nor a merge of a whole level in one write.
    QCOMPARE(ftsSetting(*c.db, "automerge"), 0);
    QCOMPARE(ftsSetting(*c.db, "crisismerge"), searchindex::RangesCrisisSegments);
    bool merged = false;
    QVERIFY2(c.store->mergeIndex(searchindex::MergeStepPages, &merged, &error), qPrintable(error));
    QVERIFY(merged); // nothing is merged before the index is complete
    QCOMPARE(ftsSetting(*c.db, "automerge"), 0);
    const auto progress = c.store->pendingIndex();
    QVERIFY(progress);
    QCOMPARE(progress->indexed, 10);
    QCOMPARE(progress->products, 25);

    // Changed and removed on both sides of the range, and one new; then a restart.
    products.upsert(sku(3), product(sku(3), QStringLiteral("Mooring cleat 3"), 3).toJson());
    products.upsert(sku(15), product(sku(15), QStringLiteral("Mooring cleat 15"), 15).toJson());
    products.remove(sku(4));
    products.remove(sku(20));
    products.upsert(sku(26), product(sku(26), QStringLiteral("Bollard cleat 26"), 26).toJson());
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    c.reopen();
    c.store->setBuildIndexSeparately(true);
    QCOMPARE(matches("cleat"), covered("cleat"));
    QCOMPARE(matches("cleat"), 9);
    QCOMPARE(matches("mooring"), covered("mooring"));
    QCOMPARE(matches("mooring"), 1);

    // A resync that no longer sees an indexed product sweeps it out of the index too.
    products.remove(sku(2));
    products.purgeTombstones();
    QVERIFY2(c.store->beginResync(Feed::Products, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::Products, products, 10, &error), qPrintable(error));
    QCOMPARE(matches("cleat"), covered("cleat"));
    QCOMPARE(matches("cleat"), 8);

    // The rest in two more ranges: 15 products are left.
    int ranges = 0;
    complete = false;
    while (!complete && ranges < 5) {
        QVERIFY2(c.store->indexPendingProducts(10, &complete, &error), qPrintable(error));
        ++ranges;
    }
    QCOMPARE(ranges, 2);
    QCOMPARE(c.store->state(Feed::Products).count, 23);
    QCOMPARE(matches("cleat"), 23);
    QCOMPARE(matches("bollard"), 21);
    QCOMPARE(matches("mooring"), 2);
    QVERIFY(integrityCheck(*c.db));
    QCOMPARE(scalar(*c.db,
                    QStringLiteral("SELECT index_pending + indexed_through FROM sync_state"
                                   " WHERE feed = ?"),
                    feedName(Feed::Products)),
             0);
    // The vocabulary is filled once the index is complete, and FTS5 merges as by default.
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM search_vocabulary"
                                          " WHERE term IN ('bollard', 'cleat', 'mooring')")),
             3);
    QCOMPARE(ftsSetting(*c.db, "automerge"), searchindex::DefaultMergeSegments);
    QVERIFY(!c.store->pendingIndex());

    // The segments the ranges and pages left are merged afterwards, a step at a time: the
    // first step finds work, and once one finds none, FTS5 has nothing left to merge.
    QCOMPARE(ftsSetting(*c.db, "crisismerge"), searchindex::RangesCrisisSegments);
    int steps = 0;
    for (merged = false; !merged && steps < 100; ++steps)
        QVERIFY2(c.store->mergeIndex(1, &merged, &error), qPrintable(error));
    QVERIFY2(steps > 1, qPrintable(QString::number(steps)));
    QVERIFY(merged);
    QCOMPARE(ftsSetting(*c.db, "crisismerge"), searchindex::DefaultCrisisSegments);
    QVERIFY(integrityCheck(*c.db));
    const qint64 changes = scalar(*c.db, QStringLiteral("SELECT total_changes()"));
    QSqlQuery merge(c.db->connection());
    QVERIFY(merge.exec(
        QStringLiteral("INSERT INTO products_fts(products_fts, rank) VALUES ('merge', 1000)")));
    QVERIFY(scalar(*c.db, QStringLiteral("SELECT total_changes()")) - changes < 2);
    QCOMPARE(matches("cleat"), 23);
    QCOMPARE(matches("mooring"), 2);
    // Nothing pending: complete at once.
    complete = false;
    QVERIFY2(c.store->indexPendingProducts(10, &complete, &error), qPrintable(error));
    QVERIFY(complete);
    QCOMPARE(matches("cleat"), 23);
}

// A page names each key once as the portal writes it; one that names a key twice leaves what
// its last entry says, and counts and digests it once.
void tst_CatalogStore::keyTwiceInOnePageEndsAsItsLastEntry()
{
    Cache c;
    const auto item = [](qint64 seq, const QString &key, const QJsonObject &data) {
        FeedItem i;
        i.seq = seq;
        i.key = key;
        i.deleted = data.isEmpty();
        if (!i.deleted)
            i.setData(data);
        return i;
    };
    const QJsonObject first = prices(sku(1), {rule(List, "EA", 1, "1.0000")}).toJson();
    const QJsonObject second =
        prices(sku(1), {rule(List, "EA", 1, "2.0000"), rule(List, "EA", 10, "1.5000")}).toJson();
    const QJsonObject other = prices(sku(2), {rule(List, "EA", 1, "3.0000")}).toJson();
    FeedPage page;
    page.feed = feedName(Feed::Prices);
    page.items = {item(1, sku(1), first), item(2, sku(2), other), item(3, sku(1), second),
                  item(4, sku(2), {})};
    page.next = 4;
    QString error;
    QVERIFY2(c.store->applyPage(Feed::Prices, page, &error), qPrintable(error));
    const FeedState state = c.store->state(Feed::Prices);
    QCOMPARE(state.count, 1);
    QCOMPARE(state.digest, FeedDigest(feedEntryHash(sku(1), canonicalJson(second))));
    QCOMPARE(c.store->recount(Feed::Prices), 1);
    QCOMPARE(c.store->recomputeDigest(Feed::Prices), state.digest);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM prices WHERE sku = ?"), sku(1)), 2);
    QCOMPARE(scalar(*c.db,
                    QStringLiteral("SELECT unit_price FROM prices WHERE sku = ? AND position = 0"),
                    sku(1)),
             Decimal::parse(QStringLiteral("2.0000"))->units());
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM prices WHERE sku = ?"), sku(2)), 0);
}

void tst_CatalogStore::badPayloadAbortsWholePage_data()
{
    QTest::addColumn<int>("feed");
    QTest::addColumn<QJsonObject>("bad");

    Product noName = product(sku(50), QStringLiteral("x"), 50);
    QJsonObject o = noName.toJson();
    o.remove(QStringLiteral("name"));
    QTest::newRow("product without name") << int(Feed::Products) << o;

    o = product(sku(50), QStringLiteral("Bolt"), 50).toJson();
    o.insert(QStringLiteral("packs"), QJsonArray());
    QTest::newRow("product without packs") << int(Feed::Products) << o;

    Product twice = product(sku(50), QStringLiteral("Bolt"), 50);
    twice.packs << twice.packs.first();
    QTest::newRow("two packs with one uom") << int(Feed::Products) << twice.toJson();

    QTest::newRow("sku differs from key")
        << int(Feed::Products)
        << product(QStringLiteral("OTHER"), QStringLiteral("Bolt"), 50).toJson();

    o = prices(sku(50), {rule(List, "EA", 1, "1.0000")}).toJson();
    QJsonArray rules = o.value(u"rules").toArray();
    QJsonObject r = rules.first().toObject();
    r.insert(QStringLiteral("unit_price"), QStringLiteral("1.5e3"));
    rules[0] = r;
    o.insert(QStringLiteral("rules"), rules);
    QTest::newRow("price in exponent notation") << int(Feed::Prices) << o;

    o = stock(sku(50), {4}).toJson();
    QJsonArray levels = o.value(u"warehouses").toArray();
    QJsonObject l = levels.first().toObject();
    l.insert(QStringLiteral("on_hand"), -3);
    levels[0] = l;
    o.insert(QStringLiteral("warehouses"), levels);
    QTest::newRow("negative stock") << int(Feed::Stock) << o;

    o = prices(sku(50), {rule(List, "EA", 1, "1.0000")}, QStringLiteral("USD"),
               {discount("FAS", "5.0000")})
            .toJson();
    QJsonArray discounts = o.value(u"discounts").toArray();
    QJsonObject d = discounts.first().toObject();
    d.insert(QStringLiteral("percent"), QStringLiteral("120.0000"));
    discounts[0] = d;
    o.insert(QStringLiteral("discounts"), discounts);
    QTest::newRow("discount over 100 %") << int(Feed::Prices) << o;

    o = partNumber(sku(50), QStringLiteral("HIS-50")).toJson();
    o.remove(QStringLiteral("sku"));
    QTest::newRow("part number without sku") << int(Feed::PartNumbers) << o;

    QTest::newRow("part number differs from key")
        << int(Feed::PartNumbers)
        << partNumber(QStringLiteral("OTHER"), QStringLiteral("HIS-50")).toJson();

    o = partNumber(sku(50), QStringLiteral("HIS-50")).toJson();
    o.insert(QStringLiteral("description"), 42);
    QTest::newRow("part number description not text") << int(Feed::PartNumbers) << o;
}

void tst_CatalogStore::badPayloadAbortsWholePage()
{
    QFETCH(int, feed);
    QFETCH(QJsonObject, bad);
    const Feed f = Feed(feed);
    Cache c;
    FakeFeed fake(f);
    const auto good = [&](int n) -> QJsonObject {
        switch (f) {
        case Feed::Products:
            return product(sku(n), QStringLiteral("Nut %1").arg(n), n).toJson();
        case Feed::Prices:
            return prices(sku(n), {rule(List, "EA", 1, "1.0000")}).toJson();
        case Feed::Stock:
            return stock(sku(n), {n}).toJson();
        case Feed::PartNumbers:
            return partNumber(sku(n), QStringLiteral("HIS-%1").arg(n)).toJson();
        case Feed::Lists: // not a catalog feed
        case Feed::Orders:
            break;
        }
        return {};
    };
    fake.upsert(sku(1), good(1));
    QString error;
    QVERIFY2(c.pull(f, fake, 100, &error), qPrintable(error));
    const FeedState before = c.store->state(f);
    const QString allRows =
        QStringLiteral("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM prices)"
                       " + (SELECT count(*) FROM stock) + (SELECT count(*) FROM packs)"
                       " + (SELECT count(*) FROM discounts) + (SELECT count(*) FROM part_numbers)");
    const qint64 rowsBefore = scalar(*c.db, allRows);

    // Good entries before and after the bad one, and an update and a delete of the
    // existing entry: none of it may land.
    fake.upsert(sku(2), good(2));
    fake.remove(sku(1));
    fake.upsert(sku(50), bad);
    fake.upsert(sku(3), good(3));
    const FeedPage page = fake.page(before.cursor, 100);
    QVERIFY(!c.store->applyPage(f, page, &error));
    QVERIFY2(error.contains(sku(50)), qPrintable(error));

    const FeedState after = c.store->state(f);
    QCOMPARE(after.cursor, before.cursor);
    QCOMPARE(after.count, before.count);
    QCOMPARE(after.digest, before.digest);
    QCOMPARE(c.store->recount(f), before.count);
    QCOMPARE(scalar(*c.db, allRows), rowsBefore);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM feed_items WHERE key = ?"), sku(2)),
             0);
}

void tst_CatalogStore::cursorNeverGoesBack()
{
    Cache c;
    FakeFeed fake(Feed::Products);
    for (int i = 1; i <= 4; ++i)
        fake.upsert(sku(i), product(sku(i), QStringLiteral("Screw"), i).toJson());
    QString error;
    QVERIFY2(c.pull(Feed::Products, fake, 100, &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::Products).cursor, 4);

    // A stale page (from an older cursor) is refused and changes nothing.
    const FeedPage stale = fake.page(0, 2);
    QVERIFY(stale.next < 4);
    QVERIFY(!c.store->applyPage(Feed::Products, stale, &error));
    QVERIFY(error.contains(QStringLiteral("back")));
    QCOMPARE(c.store->state(Feed::Products).cursor, 4);

    // An empty page at the same cursor is fine.
    QVERIFY2(c.store->applyPage(Feed::Products, fake.page(4, 10), &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::Products).cursor, 4);
}

void tst_CatalogStore::incrementalTotalsMatchRecount()
{
    for (const Feed f : catalogFeeds()) {
        Cache c;
        FakeFeed fake(f);
        QRandomGenerator random(20240501 + int(f));
        QString error;
        for (int round = 0; round < 40; ++round) {
            const int changes = random.bounded(1, 30);
            for (int i = 0; i < changes; ++i) {
                const int n = random.bounded(1, 60);
                if (random.bounded(4) == 0) {
                    fake.remove(sku(n));
                } else if (f == Feed::Products) {
                    fake.upsert(sku(n),
                                product(sku(n), QStringLiteral("Item %1 v%2").arg(n).arg(round), n)
                                    .toJson());
                } else if (f == Feed::Prices) {
                    const QByteArray price = QByteArray::number(random.bounded(1, 99)) + ".0000";
                    fake.upsert(sku(n),
                                prices(sku(n), {rule(List, "EA", 1, price.constData())}).toJson());
                } else if (f == Feed::PartNumbers) {
                    fake.upsert(sku(n), partNumber(sku(n), QStringLiteral("HIS-%1").arg(
                                                               random.bounded(1, 99)))
                                            .toJson());
                } else {
                    fake.upsert(sku(n), stock(sku(n), {random.bounded(0, 500)}).toJson());
                }
            }
            // Pull in pages of a random size; the totals hold after every page.
            for (;;) {
                const FeedPage page = fake.page(c.store->state(f).cursor, random.bounded(1, 12));
                QVERIFY2(c.store->applyPage(f, page, &error), qPrintable(error));
                const FeedState s = c.store->state(f);
                QCOMPARE(s.count, c.store->recount(f));
                QCOMPARE(s.digest, c.store->recomputeDigest(f));
                if (!page.hasMore) {
                    QVERIFY2(c.store->finishPull(f, *page.count, *page.hash, &error),
                             qPrintable(feedName(f)));
                    break;
                }
            }
            QCOMPARE(c.store->state(f).count, fake.count());
            QCOMPARE(c.store->state(f).digest, fake.digest());
            QVERIFY(integrityCheck(*c.db));
            if (f == Feed::Products) {
                // Every live product once in the full-text index, under its current name only.
                QCOMPARE(
                    scalar(
                        *c.db,
                        QStringLiteral(
                            "SELECT count(*) FROM products_fts WHERE products_fts MATCH 'harbor'")),
                    fake.count());
                QCOMPARE(scalar(*c.db,
                                QStringLiteral(
                                    "SELECT count(*) FROM products_fts WHERE products_fts MATCH ?"),
                                QStringLiteral("v%1").arg(round)),
                         scalar(*c.db,
                                QStringLiteral("SELECT count(*) FROM products WHERE name LIKE ?"),
                                QStringLiteral("%% v%1").arg(round)));
            }
        }
        if (f == Feed::Products)
            QCOMPARE(CatalogQuery(*c.db).productCount(), fake.count());
    }
}

void tst_CatalogStore::resyncSweepsWhatWasNotSeenAgain()
{
    Cache c;
    FakeFeed server(Feed::Products);
    for (int i = 1; i <= 10; ++i)
        server.upsert(sku(i), product(sku(i), QStringLiteral("Rivet %1").arg(i), i).toJson());
    QString error;
    QVERIFY2(c.pull(Feed::Products, server, 4, &error), qPrintable(error));

    // The server drops three products and forgets the tombstones (retention), and changes one.
    server.remove(sku(2));
    server.remove(sku(5));
    server.remove(sku(9));
    server.upsert(sku(3), product(sku(3), QStringLiteral("Rivet 3, now blind"), 3).toJson());
    server.purgeTombstones();

    QVERIFY2(c.store->beginResync(Feed::Products, &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::Products).cursor, 0);
    QVERIFY(c.store->state(Feed::Products).resyncing);
    // Meanwhile the old rows stay visible.
    QCOMPARE(CatalogQuery(*c.db).productCount(), 10);

    QVERIFY2(c.pull(Feed::Products, server, 3, &error), qPrintable(error));
    const FeedState s = c.store->state(Feed::Products);
    QVERIFY(!s.resyncing);
    QCOMPARE(s.count, 7);
    QCOMPARE(s.digest, server.digest());
    CatalogQuery query(*c.db);
    QCOMPARE(query.productCount(), 7);
    QVERIFY(!query.product(sku(5)));
    QCOMPARE(query.product(sku(3))->product.name, QStringLiteral("Rivet 3, now blind"));
    QCOMPARE(c.store->recount(Feed::Products), 7);
    QVERIFY(integrityCheck(*c.db));
    QCOMPARE(query.search(QStringLiteral("rivet"), 100, 0, QDate(2024, 1, 1)).size(), 7);
}

void tst_CatalogStore::resyncSurvivesRestart()
{
    Cache c;
    FakeFeed server(Feed::Stock);
    for (int i = 1; i <= 12; ++i)
        server.upsert(sku(i), stock(sku(i), {i}).toJson());
    QString error;
    QVERIFY2(c.pull(Feed::Stock, server, 5, &error), qPrintable(error));
    for (int i = 1; i <= 4; ++i)
        server.remove(sku(i));
    server.upsert(sku(12), stock(sku(12), {1200}).toJson());
    server.purgeTombstones();

    QVERIFY2(c.store->beginResync(Feed::Stock, &error), qPrintable(error));
    // One page of the re-pull, then the app stops.
    QVERIFY2(c.store->applyPage(Feed::Stock, server.page(0, 3), &error), qPrintable(error));
    c.reopen();
    FeedState s = c.store->state(Feed::Stock);
    QVERIFY(s.resyncing);
    QVERIFY(s.cursor > 0);
    // After the restart the pull continues from the cursor, and the sweep still happens.
    QVERIFY2(c.pull(Feed::Stock, server, 3, &error), qPrintable(error));
    s = c.store->state(Feed::Stock);
    QVERIFY(!s.resyncing);
    QCOMPARE(s.count, 8);
    QCOMPARE(s.digest, server.digest());
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM stock")), 8);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT on_hand FROM stock WHERE sku = ?"), sku(12)),
             1200);
}

void tst_CatalogStore::mismatchIsReportedNotVerified()
{
    Cache c;
    FakeFeed server(Feed::Products);
    server.upsert(sku(1), product(sku(1), QStringLiteral("Pin"), 1).toJson());
    const FeedPage page = server.page(0, 10);
    QString error;
    QVERIFY2(c.store->applyPage(Feed::Products, page, &error), qPrintable(error));
    QVERIFY(!c.store->finishPull(Feed::Products, *page.count + 1, *page.hash, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!c.store->finishPull(Feed::Products, *page.count, FeedDigest(page.hash->value() + 1),
                                 &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!c.store->state(Feed::Products).verifiedAt.isValid());
    QVERIFY(c.store->state(Feed::Products).lastPulledAt.isValid());
    QVERIFY(c.store->finishPull(Feed::Products, *page.count, *page.hash, &error));
    QVERIFY(c.store->state(Feed::Products).verifiedAt.isValid());
}

void tst_CatalogStore::appliesLimitsDiscountsAndPartNumbers()
{
    Cache c;
    Product limited = product(sku(1), QStringLiteral("Lithium battery pack"), 1);
    limited.maxOrderQty = 240;
    const ProductPrices withDiscounts =
        prices(sku(1), {rule(List, "EA", 1, "10.0000")}, QStringLiteral("USD"),
               {discount("FAS", "5.0000", QDate(2026, 12, 1), QDate(2027, 2, 28)),
                discount("FAS-BOLT", "12.5000")});
    FakeFeed products(Feed::Products), pricesFeed(Feed::Prices), partNumbers(Feed::PartNumbers);
    products.upsert(limited.sku, limited.toJson());
    pricesFeed.upsert(sku(1), withDiscounts.toJson());
    const QList<CustomerPartNumber> codes{
        partNumber(QStringLiteral("BMG-004512"), sku(1), QStringLiteral("Dock B stock")),
        partNumber(QStringLiteral("BMG-004513"), sku(1)),
        partNumber(QStringLiteral("BMG-009999"), sku(2))};
    for (const CustomerPartNumber &n : codes)
        partNumbers.upsert(n.partNumber, n.toJson());
    QString error;
    QVERIFY2(c.pull(Feed::Products, products, 100, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::Prices, pricesFeed, 100, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::PartNumbers, partNumbers, 2, &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::PartNumbers).count, 3);
    QCOMPARE(c.store->state(Feed::PartNumbers).digest, partNumbers.digest());
    QVERIFY(c.store->state(Feed::PartNumbers).verifiedAt.isValid());

    CatalogQuery query(*c.db);
    auto d = query.product(sku(1));
    QVERIFY(d);
    QCOMPARE(d->product.maxOrderQty, 240);
    QCOMPARE(d->product.toJson(), limited.toJson());
    QVERIFY(d->prices);
    QCOMPARE(d->prices->discounts, withDiscounts.discounts);
    QCOMPARE(canonicalJson(d->prices->toJson()), canonicalJson(withDiscounts.toJson()));
    QCOMPARE(d->partNumbers, codes.mid(0, 2));
    // A part number finds its product, whatever its case.
    const auto byPartNumber = query.product(QStringLiteral(" bmg-004513 "));
    QVERIFY(byPartNumber);
    QCOMPARE(byPartNumber->product.sku, sku(1));

    // A tombstone removes the part number; a changed one is replaced.
    partNumbers.remove(QStringLiteral("BMG-004512"));
    partNumbers.upsert(
        QStringLiteral("BMG-004513"),
        partNumber(QStringLiteral("BMG-004513"), sku(1), QStringLiteral("Paint shed")).toJson());
    QVERIFY2(c.pull(Feed::PartNumbers, partNumbers, 100, &error), qPrintable(error));
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM part_numbers")), 2);
    d = query.product(sku(1));
    QCOMPARE(d->partNumbers.size(), 1);
    QCOMPARE(d->partNumbers.first().description, QStringLiteral("Paint shed"));
    QCOMPARE(c.store->state(Feed::PartNumbers).digest, partNumbers.digest());

    // A prices tombstone takes the discounts with it.
    pricesFeed.remove(sku(1));
    QVERIFY2(c.pull(Feed::Prices, pricesFeed, 100, &error), qPrintable(error));
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM discounts")), 0);
    QVERIFY(!query.product(sku(1))->prices);
}

void tst_CatalogStore::partNumberResyncSweeps()
{
    Cache c;
    FakeFeed partNumbers(Feed::PartNumbers);
    for (int i = 1; i <= 6; ++i)
        partNumbers.upsert(QStringLiteral("CRF-%1").arg(i),
                           partNumber(QStringLiteral("CRF-%1").arg(i), sku(i)).toJson());
    QString error;
    QVERIFY2(c.pull(Feed::PartNumbers, partNumbers, 4, &error), qPrintable(error));
    // Two are deleted and their tombstones purged: only a re-pull can notice.
    partNumbers.remove(QStringLiteral("CRF-2"));
    partNumbers.remove(QStringLiteral("CRF-5"));
    partNumbers.purgeTombstones();
    QVERIFY2(c.store->beginResync(Feed::PartNumbers, &error), qPrintable(error));
    QVERIFY2(c.pull(Feed::PartNumbers, partNumbers, 4, &error), qPrintable(error));
    QCOMPARE(c.store->state(Feed::PartNumbers).count, 4);
    QCOMPARE(c.store->state(Feed::PartNumbers).digest, partNumbers.digest());
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM part_numbers")), 4);
    QCOMPARE(scalar(*c.db, QStringLiteral("SELECT count(*) FROM part_numbers WHERE part_number"
                                          " IN ('CRF-2', 'CRF-5')")),
             0);
}

void tst_CatalogStore::upgradeFromVersion2PullsProductsAndPricesAgain()
{
    // A cache as version 2 left it: one product and its prices, verified. The feeds already
    // carried a maximum and a discount that version 2 had no columns for.
    Product limited = product(sku(1), QStringLiteral("Lithium battery pack"), 1);
    limited.maxOrderQty = 60;
    const ProductPrices withDiscount = prices(sku(1), {rule(List, "EA", 1, "10.0000")},
                                              QStringLiteral("USD"), {discount("FAS", "5.0000")});
    FakeFeed products(Feed::Products), pricesFeed(Feed::Prices);
    products.upsert(limited.sku, limited.toJson());
    pricesFeed.upsert(sku(1), withDiscount.toJson());
    const quint64 productHash = feedEntryHash(sku(1), canonicalJson(limited.toJson()));
    const quint64 pricesHash = feedEntryHash(sku(1), canonicalJson(withDiscount.toJson()));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    {
        QSqlDatabase file =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("version2"));
        file.setDatabaseName(path);
        QVERIFY(file.open());
        QSqlQuery q(file);
        QStringList statements;
        for (const schema::Migration &m : schema::migrations()) {
            if (m.version <= 2)
                statements += m.statements;
        }
        statements << QStringLiteral("PRAGMA user_version = 2")
                   << QStringLiteral("INSERT INTO products(sku, name, base_uom) VALUES ('%1',"
                                     " 'Lithium battery pack', 'EA')")
                          .arg(sku(1))
                   << QStringLiteral("INSERT INTO prices VALUES ('%1', 0, 'USD', 'list', 'EA', 1,"
                                     " 100000, NULL, NULL)")
                          .arg(sku(1))
                   << QStringLiteral("INSERT INTO feed_items VALUES ('products', '%1', %2, 1),"
                                     " ('prices', '%1', %3, 1)")
                          .arg(sku(1))
                          .arg(hashToSql(productHash))
                          .arg(hashToSql(pricesHash))
                   << QStringLiteral("INSERT INTO products_fts(rowid, sku, name, description,"
                                     " brand, attribute_text, category_path, search_terms)"
                                     " SELECT id, sku, name, description, brand, attribute_text,"
                                     " category_path, search_terms FROM products")
                   << QStringLiteral("INSERT INTO sync_state(feed, cursor, count, digest,"
                                     " generation, verified_at) VALUES ('products', 1, 1, %1, 1,"
                                     " '2026-11-20T08:00:00.000Z'), ('prices', 2, 1, %2, 1,"
                                     " '2026-11-20T08:00:00.000Z')")
                          .arg(hashToSql(productHash))
                          .arg(hashToSql(pricesHash));
        for (const QString &statement : std::as_const(statements))
            QVERIFY2(q.exec(statement), qPrintable(statement));
        q.finish();
        file.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("version2"));

    QString error;
    auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    CatalogStore store(*db);
    for (Feed f : {Feed::Products, Feed::Prices}) {
        QCOMPARE(store.state(f).cursor, 0);
        QVERIFY(store.state(f).resyncing);
        QCOMPARE(store.state(f).count, 1);
    }
    for (Feed f : {Feed::Products, Feed::Prices}) {
        const FakeFeed &fake = f == Feed::Products ? products : pricesFeed;
        const FeedPage page = fake.page(0, 100);
        QVERIFY2(store.applyPage(f, page, &error), qPrintable(error));
        QVERIFY2(store.finishPull(f, *page.count, *page.hash, &error), qPrintable(error));
        QCOMPARE(store.state(f).count, 1);
        QVERIFY(!store.state(f).resyncing);
    }
    const auto d = CatalogQuery(*db).product(sku(1));
    QVERIFY(d);
    QCOMPARE(d->product.maxOrderQty, 60);
    QVERIFY(d->prices);
    QCOMPARE(d->prices->discounts, withDiscount.discounts);
}

// Every test runs twice: with the rows bound straight to SQLite, as this platform's build writes
// them, and through QtSql, as builds whose Qt has its own SQLite write them.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    tst_CatalogStore direct;
    int failed = QTest::qExec(&direct, argc, argv);
    qm::sqlrows::setDirectAllowed(false);
    tst_CatalogStore throughQtSql;
    failed += QTest::qExec(&throughQtSql, argc, argv);
    return failed;
}
#include "tst_catalogstore.moc"
