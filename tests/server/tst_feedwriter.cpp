#include "server/crypto.h"
#include "server/dbconnection.h"
#include "server/demosupplier.h"
#include "server/feedpagecache.h"
#include "server/feedpayloads.h"
#include "server/feedreader.h"
#include "server/feedwriter.h"
#include "server/migrations.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using namespace qm;

namespace {

struct Entry
{
    qint64 seq = 0;
    bool deleted = false;
    QByteArray payload;
};

} // namespace

// The FeedWriter on an in-memory SQLite database: what each kind of catalog change does to the
// three feeds, the statistics it keeps, and that the demo generator's bulk path writes the same
// payloads the writer renders from the tables. Also the FeedReader's pages.
class tst_FeedWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void newProductAppearsInItsCatalogsOnly();
    void unchangedPayloadIsNotRewritten();
    void priceChangeTouchesOnlyPrices();
    void removalFromAssortmentWritesTombstones();
    void discontinuedProductStays();
    void deletedProductLeavesEveryFeed();
    void productWithoutPricesHasAPricesTombstone();
    void statsMatchTheLiveEntries();
    void readerPagesAndCursors();
    void purgeRecordsTheHorizon();
    void cachedPagesFollowTheFeed();
    void demoBulkPathMatchesTheRenderer();
    void categoryDiscountsReachTheirProducts();
    void partNumbersAreScopedByAccount();
    void listsAreScopedByAccount();

private:
    Entry entry(qint64 scope, Feed feed, const QString &key);
    qint64 countEntries(const QString &where = {});
    void refresh(const QStringList &skus, FeedWriter::Counts *counts = nullptr);
    void exec(const QString &sql);
    void addProduct(qint64 id, const QString &sku, const QList<qint64> &catalogs,
                    bool withPrices = true);

    std::unique_ptr<DbConnection> m_db;
};

void tst_FeedWriter::initTestCase()
{
    QVERIFY(crypto::initialize());
}

void tst_FeedWriter::init()
{
    QString error;
    m_db = DbConnection::open(*DbUrl::parse(u"sqlite::memory:", &error));
    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
    exec(QStringLiteral(
        "INSERT INTO categories (id, parent_id, code, name) VALUES (1, NULL, 'FAS', 'Fasteners')"));
    exec(QStringLiteral(
        "INSERT INTO categories (id, parent_id, code, name) VALUES (2, 1, 'FAS-BLT', 'Bolts')"));
    exec(QStringLiteral(
        "INSERT INTO catalogs (id, code, name, currency) VALUES (1, 'A', 'Catalog A', 'USD')"));
    exec(QStringLiteral(
        "INSERT INTO catalogs (id, code, name, currency) VALUES (2, 'B', 'Catalog B', 'EUR')"));
    exec(
        QStringLiteral("INSERT INTO warehouses (id, code, name) VALUES (1, 'CHI', 'Chicago, IL')"));
    exec(
        QStringLiteral("INSERT INTO warehouses (id, code, name) VALUES (2, 'ATL', 'Atlanta, GA')"));
}

void tst_FeedWriter::cleanup()
{
    m_db.reset();
}

void tst_FeedWriter::exec(const QString &sql)
{
    m_db->execute(sql);
}

void tst_FeedWriter::addProduct(qint64 id, const QString &sku, const QList<qint64> &catalogs,
                                bool withPrices)
{
    m_db
        ->prepare(QStringLiteral(
            "INSERT INTO products (id, sku, name, description, brand, category_id, base_uom) "
            "VALUES (?, ?, ?, 'A bolt.', 'Keelson', 2, 'EA')"))
        .bind(id)
        .bind(sku)
        .bind(QStringLiteral("Hex bolt %1").arg(sku))
        .exec();
    m_db->prepare(QStringLiteral("INSERT INTO product_attributes (product_id, name, value) VALUES "
                                 "(?, 'material', 'Steel')"))
        .bind(id)
        .exec();
    m_db->prepare(QStringLiteral("INSERT INTO packs (product_id, uom, name, quantity, gtin) VALUES "
                                 "(?, 'BX', 'Box of 100', 100, ?)"))
        .bind(id)
        .bind(QStringLiteral("1061414100%1").arg(id, 4, 10, QChar(u'0')))
        .exec();
    m_db->prepare(QStringLiteral("INSERT INTO packs (product_id, uom, name, quantity, gtin) VALUES "
                                 "(?, 'EA', 'Each', 1, ?)"))
        .bind(id)
        .bind(QStringLiteral("061414100%1").arg(id, 4, 10, QChar(u'0')))
        .exec();
    for (qint64 c : catalogs)
        m_db->prepare(QStringLiteral(
                          "INSERT INTO catalog_products (catalog_id, product_id) VALUES (?, ?)"))
            .bind(c)
            .bind(id)
            .exec();
    if (withPrices) {
        m_db
            ->prepare(QStringLiteral(
                "INSERT INTO price_rules (product_id, catalog_id, uom, min_qty, unit_price) "
                "VALUES (?, NULL, 'EA', 1, 1500)"))
            .bind(id)
            .exec();
        m_db->prepare(QStringLiteral("INSERT INTO price_rules (product_id, catalog_id, uom, "
                                     "min_qty, unit_price, valid_from) "
                                     "VALUES (?, 1, 'EA', 1, 1200, '2026-01-01')"))
            .bind(id)
            .exec();
    }
    m_db->prepare(QStringLiteral(
                      "INSERT INTO stock (product_id, warehouse_id, on_hand) VALUES (?, 1, 500)"))
        .bind(id)
        .exec();
    m_db->prepare(QStringLiteral("INSERT INTO stock (product_id, warehouse_id, on_hand, "
                                 "lead_time_days, next_receipt_date, "
                                 "next_receipt_qty) VALUES (?, 2, 0, 9, '2026-12-09', 300)"))
        .bind(id)
        .exec();
}

void tst_FeedWriter::refresh(const QStringList &skus, FeedWriter::Counts *counts)
{
    m_db->write([&] {
        FeedWriter writer(*m_db);
        writer.begin();
        writer.refresh(skus);
        writer.finish();
        if (counts)
            *counts = writer.counts();
    });
}

Entry tst_FeedWriter::entry(qint64 scope, Feed feed, const QString &key)
{
    Statement q = m_db->prepare(QStringLiteral("SELECT seq, deleted, payload FROM feed_entries "
                                               "WHERE scope_id = ? AND feed = ? AND key = ?"));
    q.bind(scope).bind(FeedPayloads::code(feed)).bind(key).exec();
    Entry e;
    if (q.next()) {
        e.seq = q.int64(0);
        e.deleted = q.int64(1) != 0;
        e.payload = q.isNull(2) ? QByteArray() : q.text(2).toUtf8();
    }
    return e;
}

qint64 tst_FeedWriter::countEntries(const QString &where)
{
    Statement q = m_db->prepare(QStringLiteral("SELECT COUNT(*) FROM feed_entries") + where);
    q.exec();
    return q.next() ? q.int64(0) : -1;
}

void tst_FeedWriter::newProductAppearsInItsCatalogsOnly()
{
    addProduct(1, QStringLiteral("S-1"), {1});
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 3);
    QCOMPARE(counts.tombstones, 0);
    QCOMPARE(countEntries(), 3);
    QCOMPARE(entry(2, Feed::Products, QStringLiteral("S-1")).seq, 0); // not in catalog B

    const QJsonObject product =
        QJsonDocument::fromJson(entry(1, Feed::Products, QStringLiteral("S-1")).payload).object();
    QString error;
    const auto p = Product::fromJson(product, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->name, QStringLiteral("Hex bolt S-1"));
    QCOMPARE(p->categoryCode, QStringLiteral("FAS-BLT"));
    QCOMPARE(p->categoryPath, QStringList({QStringLiteral("Fasteners"), QStringLiteral("Bolts")}));
    QCOMPARE(p->packs.size(), 2);
    QCOMPARE(p->packs.at(0).uom, QStringLiteral("EA")); // ordered by quantity
    QCOMPARE(p->attributes.value(QStringLiteral("material")), QStringLiteral("Steel"));

    const auto prices = ProductPrices::fromJson(
        QJsonDocument::fromJson(entry(1, Feed::Prices, QStringLiteral("S-1")).payload).object(),
        &error);
    QVERIFY2(prices, qPrintable(error));
    QCOMPARE(prices->currency, QStringLiteral("USD"));
    QCOMPARE(prices->rules.size(), 2); // list + catalog A's contract
    QCOMPARE(prices->rules.at(0).kind, PriceRule::Kind::List);
    QCOMPARE(prices->rules.at(1).unitPrice.toString(), QStringLiteral("0.1200"));
    QCOMPARE(prices->rules.at(1).validFrom, QDate(2026, 1, 1));

    const auto stock = ProductStock::fromJson(
        QJsonDocument::fromJson(entry(1, Feed::Stock, QStringLiteral("S-1")).payload).object(),
        &error);
    QVERIFY2(stock, qPrintable(error));
    QCOMPARE(stock->levels.size(), 2);
    QCOMPARE(stock->levels.at(0).warehouse, QStringLiteral("ATL")); // ordered by code
    QCOMPARE(stock->levels.at(0).nextReceiptDate, QDate(2026, 12, 9));
    QCOMPARE(stock->totalOnHand(), 500);

    // Sequences are increasing and the counter moved past them.
    Statement q =
        m_db->prepare(QStringLiteral("SELECT value FROM counters WHERE name = 'feed_seq'"));
    q.exec();
    QVERIFY(q.next());
    QCOMPARE(q.int64(0), 3);
}

void tst_FeedWriter::unchangedPayloadIsNotRewritten()
{
    addProduct(1, QStringLiteral("S-1"), {1, 2});
    refresh({QStringLiteral("S-1")});
    const qint64 seq = entry(2, Feed::Stock, QStringLiteral("S-1")).seq;
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 0);
    QCOMPARE(counts.tombstones, 0);
    QCOMPARE(counts.unchanged, 6);
    QCOMPARE(entry(2, Feed::Stock, QStringLiteral("S-1")).seq, seq);
}

void tst_FeedWriter::priceChangeTouchesOnlyPrices()
{
    addProduct(1, QStringLiteral("S-1"), {1, 2});
    refresh({QStringLiteral("S-1")});
    const Entry productBefore = entry(1, Feed::Products, QStringLiteral("S-1"));
    const Entry priceA = entry(1, Feed::Prices, QStringLiteral("S-1"));
    const Entry priceB = entry(2, Feed::Prices, QStringLiteral("S-1"));
    // A contract price of catalog A changes: only catalog A's prices entry moves.
    exec(QStringLiteral("UPDATE price_rules SET unit_price = 1100 WHERE catalog_id = 1"));
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 1);
    QVERIFY(entry(1, Feed::Prices, QStringLiteral("S-1")).seq > priceA.seq);
    QCOMPARE(entry(2, Feed::Prices, QStringLiteral("S-1")).seq, priceB.seq);
    QCOMPARE(entry(1, Feed::Products, QStringLiteral("S-1")).seq, productBefore.seq);
    // A list price changes: both catalogs' prices.
    exec(QStringLiteral("UPDATE price_rules SET unit_price = 1600 WHERE catalog_id IS NULL"));
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 2);
}

void tst_FeedWriter::removalFromAssortmentWritesTombstones()
{
    addProduct(1, QStringLiteral("S-1"), {1, 2});
    refresh({QStringLiteral("S-1")});
    exec(QStringLiteral("DELETE FROM catalog_products WHERE catalog_id = 2"));
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.tombstones, 3);
    QCOMPARE(counts.upserts, 0);
    for (Feed feed : {Feed::Products, Feed::Prices, Feed::Stock}) {
        const Entry e = entry(2, feed, QStringLiteral("S-1"));
        QVERIFY(e.deleted);
        QVERIFY(e.payload.isEmpty());
        QVERIFY(!entry(1, feed, QStringLiteral("S-1")).deleted);
    }
    // A second refresh leaves the tombstones alone; re-adding brings upserts back.
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.tombstones, 0);
    exec(QStringLiteral("INSERT INTO catalog_products (catalog_id, product_id) VALUES (2, 1)"));
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 3);
    QVERIFY(!entry(2, Feed::Products, QStringLiteral("S-1")).deleted);
}

void tst_FeedWriter::discontinuedProductStays()
{
    addProduct(1, QStringLiteral("S-1"), {1});
    refresh({QStringLiteral("S-1")});
    exec(QStringLiteral("UPDATE products SET discontinued = 1 WHERE id = 1"));
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.upserts, 1);
    QCOMPARE(counts.tombstones, 0);
    const QJsonObject product =
        QJsonDocument::fromJson(entry(1, Feed::Products, QStringLiteral("S-1")).payload).object();
    QCOMPARE(product.value(u"discontinued").toBool(), true);
}

void tst_FeedWriter::deletedProductLeavesEveryFeed()
{
    addProduct(1, QStringLiteral("S-1"), {1, 2});
    addProduct(2, QStringLiteral("S-2"), {1});
    refresh({QStringLiteral("S-1"), QStringLiteral("S-2")});
    exec(QStringLiteral("DELETE FROM products WHERE id = 1"));
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.tombstones, 6);
    QCOMPARE(countEntries(QStringLiteral(" WHERE deleted = 1")), 6);
    QVERIFY(!entry(1, Feed::Products, QStringLiteral("S-2")).deleted);
}

void tst_FeedWriter::productWithoutPricesHasAPricesTombstone()
{
    addProduct(1, QStringLiteral("S-1"), {1});
    refresh({QStringLiteral("S-1")});
    exec(QStringLiteral("DELETE FROM price_rules WHERE product_id = 1"));
    FeedWriter::Counts counts;
    refresh({QStringLiteral("S-1")}, &counts);
    QCOMPARE(counts.tombstones, 1);
    QVERIFY(entry(1, Feed::Prices, QStringLiteral("S-1")).deleted);
    QVERIFY(!entry(1, Feed::Products, QStringLiteral("S-1")).deleted);
    // Never priced at all: no prices entry is written.
    addProduct(2, QStringLiteral("S-2"), {1}, false);
    refresh({QStringLiteral("S-2")}, &counts);
    QCOMPARE(counts.upserts, 2);
    QCOMPARE(entry(1, Feed::Prices, QStringLiteral("S-2")).seq, 0);
}

void tst_FeedWriter::statsMatchTheLiveEntries()
{
    for (int i = 1; i <= 12; ++i)
        addProduct(i, QStringLiteral("S-%1").arg(i),
                   i % 3 == 0 ? QList<qint64>{2} : QList<qint64>{1, 2});
    QStringList skus;
    for (int i = 1; i <= 12; ++i)
        skus << QStringLiteral("S-%1").arg(i);
    refresh(skus);
    exec(QStringLiteral("DELETE FROM catalog_products WHERE product_id IN (1, 2)"));
    exec(QStringLiteral("UPDATE stock SET on_hand = on_hand + 7"));
    exec(QStringLiteral("DELETE FROM products WHERE id = 4"));
    refresh(skus);

    for (qint64 scope : {1, 2}) {
        for (Feed feed : {Feed::Products, Feed::Prices, Feed::Stock}) {
            FeedDigest expected;
            qint64 live = 0;
            Statement q =
                m_db->prepare(QStringLiteral("SELECT key, payload FROM feed_entries WHERE scope_id "
                                             "= ? AND feed = ? AND deleted = 0"));
            q.bind(scope).bind(FeedPayloads::code(feed)).exec();
            while (q.next()) {
                expected.add(feedEntryHash(q.text(0), q.text(1).toUtf8()));
                ++live;
            }
            Statement s = m_db->prepare(QStringLiteral(
                "SELECT live_count, digest FROM feed_stats WHERE scope_id = ? AND feed = ?"));
            s.bind(scope).bind(FeedPayloads::code(feed)).exec();
            QVERIFY(s.next());
            QCOMPARE(s.int64(0), live);
            QCOMPARE(FeedDigest(hashFromSql(s.int64(1))), expected);
        }
    }
}

void tst_FeedWriter::readerPagesAndCursors()
{
    for (int i = 1; i <= 10; ++i)
        addProduct(i, QStringLiteral("S-%1").arg(i, 2, 10, QChar(u'0')), {1});
    QStringList skus;
    for (int i = 1; i <= 10; ++i)
        skus << QStringLiteral("S-%1").arg(i, 2, 10, QChar(u'0'));
    refresh(skus);

    FeedReader reader(*m_db);
    qint64 after = 0;
    QStringList keys;
    FeedDigest digest;
    int pages = 0;
    for (;;) {
        const FeedReader::Page page = reader.read(1, Feed::Products, after, 4);
        QCOMPARE(page.status, FeedReader::Page::Status::Ok);
        QString error;
        const auto parsed = FeedPage::fromJson(page.json, after, &error);
        QVERIFY2(parsed, qPrintable(error));
        ++pages;
        for (const FeedItem &item : parsed->items) {
            keys << item.key;
            digest.add(feedEntryHash(item.key, canonicalJson(item.data())));
        }
        after = parsed->next;
        if (!parsed->hasMore) {
            QCOMPARE(*parsed->count, 10);
            QCOMPARE(*parsed->hash, digest);
            break;
        }
        QCOMPARE(parsed->items.size(), 4);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(keys, skus);
    // Beyond the highest sequence ever issued.
    QCOMPARE(reader.read(1, Feed::Products, 1000, 4).status, FeedReader::Page::Status::CursorAhead);
    // An empty scope is a valid empty feed.
    QString error;
    const auto empty = FeedPage::fromJson(reader.read(2, Feed::Stock, 0, 4).json, 0, &error);
    QVERIFY2(empty, qPrintable(error));
    QCOMPARE(*empty->count, 0);
}

void tst_FeedWriter::purgeRecordsTheHorizon()
{
    addProduct(1, QStringLiteral("S-1"), {1});
    addProduct(2, QStringLiteral("S-2"), {1});
    refresh({QStringLiteral("S-1"), QStringLiteral("S-2")});
    const qint64 cursor = entry(1, Feed::Stock, QStringLiteral("S-2")).seq;
    exec(QStringLiteral("DELETE FROM products WHERE id = 1"));
    refresh({QStringLiteral("S-1")});
    const qint64 tombstoneSeq = entry(1, Feed::Products, QStringLiteral("S-1")).seq;

    const qint64 purged = m_db->write([&] {
        FeedWriter writer(*m_db);
        writer.begin();
        const qint64 n = writer.purgeTombstones(QDateTime::currentSecsSinceEpoch());
        writer.finish();
        return n;
    });
    QCOMPARE(purged, 3);
    QCOMPARE(countEntries(QStringLiteral(" WHERE deleted = 1")), 0);
    FeedReader reader(*m_db);
    QCOMPARE(reader.read(1, Feed::Products, cursor, 10).status,
             FeedReader::Page::Status::CursorPurged);
    QCOMPARE(reader.read(1, Feed::Products, 0, 10).status, FeedReader::Page::Status::Ok);
    QCOMPARE(reader.read(1, Feed::Products, tombstoneSeq, 10).status, FeedReader::Page::Status::Ok);
    // Other scopes are not affected.
    QCOMPARE(reader.read(2, Feed::Products, cursor, 10).status, FeedReader::Page::Status::Ok);
}

// A reader with a page cache answers exactly what one without it answers, after changes,
// purges and in other scopes, and answers a page it holds without reading it again.
void tst_FeedWriter::cachedPagesFollowTheFeed()
{
    for (int i = 1; i <= 6; ++i)
        addProduct(i, QStringLiteral("S-%1").arg(i), {1, 2});
    refresh({QStringLiteral("S-1"), QStringLiteral("S-2"), QStringLiteral("S-3"),
             QStringLiteral("S-4"), QStringLiteral("S-5"), QStringLiteral("S-6")});
    FeedPageCache cache(1024 * 1024);
    FeedReader cached(*m_db, &cache);
    FeedReader plain(*m_db);
    const auto same = [&](qint64 scope, qint64 after, int limit) {
        const FeedReader::Page a = cached.read(scope, Feed::Products, after, limit, after == 0);
        const FeedReader::Page b = plain.read(scope, Feed::Products, after, limit, after == 0);
        return a.status == b.status && a.items == b.items && a.json == b.json;
    };
    const qint64 end = entry(1, Feed::Products, QStringLiteral("S-6")).seq;

    QVERIFY(same(1, 0, 4));
    const qint64 readsBefore = cache.hits();
    QVERIFY(same(1, 0, 4));
    QCOMPARE(cache.hits(), readsBefore + 1);
    QVERIFY(same(1, end, 4)); // the up-to-date client's empty page
    QVERIFY(same(1, end, 4));
    // Another scope with the same cursor gets its own page.
    QVERIFY(same(2, 0, 4));

    // A change: the held pages are not served again.
    const QByteArray before = cached.read(1, Feed::Products, 0, 10, true).json;
    exec(QStringLiteral("DELETE FROM products WHERE id = 2"));
    refresh({QStringLiteral("S-2")});
    QVERIFY(same(1, 0, 10));
    QVERIFY(cached.read(1, Feed::Products, 0, 10, true).json != before);
    QVERIFY(same(1, end, 4));

    // A purge takes no new sequence; the page with the tombstone is not served after it.
    const QByteArray withTombstone = cached.read(1, Feed::Products, 0, 10, true).json;
    QVERIFY(withTombstone.contains("\"op\":\"delete\""));
    m_db->write([&] {
        FeedWriter writer(*m_db);
        writer.begin();
        writer.purgeTombstones(QDateTime::currentSecsSinceEpoch());
        writer.finish();
    });
    QVERIFY(same(1, 0, 10));
    QVERIFY(!cached.read(1, Feed::Products, 0, 10, true).json.contains("\"op\":\"delete\""));
    QCOMPARE(cached.read(1, Feed::Products, end, 4).status, FeedReader::Page::Status::CursorPurged);

    // A cache too small for any page still answers correctly.
    FeedPageCache tiny(16);
    FeedReader small(*m_db, &tiny);
    QCOMPARE(small.read(1, Feed::Products, 0, 10, true).json,
             plain.read(1, Feed::Products, 0, 10, true).json);
    QCOMPARE(small.read(1, Feed::Products, 0, 10, true).json,
             plain.read(1, Feed::Products, 0, 10, true).json);
    QCOMPARE(tiny.hits(), 0);
}

void tst_FeedWriter::demoBulkPathMatchesTheRenderer()
{
    // A fresh database of its own: the demo wants an empty one.
    m_db.reset();
    QString error;
    m_db = DbConnection::open(*DbUrl::parse(u"sqlite::memory:", &error));
    Migrations::apply(*m_db);
    QString refusal;
    const auto outcome = DemoSupplier::ensure(*m_db, DemoSupplier::Params{250, 5}, &refusal);
    QVERIFY2(outcome, qPrintable(refusal));
    QCOMPARE(*outcome, DemoSupplier::Outcome::Created);
    const qint64 entries = countEntries();
    QVERIFY(entries > 250 * 3);

    QStringList skus;
    {
        Statement q = m_db->prepare(QStringLiteral("SELECT sku FROM products ORDER BY id"));
        q.exec();
        while (q.next())
            skus << q.text(0);
    }
    QCOMPARE(skus.size(), 250);
    FeedWriter::Counts counts;
    refresh(skus, &counts);
    QCOMPARE(counts.upserts, 0);
    QCOMPARE(counts.tombstones, 0);
    QCOMPARE(countEntries(), entries);
    // The demo's part numbers render the same too.
    QList<QPair<qint64, QString>> partNumbers;
    {
        Statement q = m_db->prepare(
            QStringLiteral("SELECT account_id, part_number FROM customer_part_numbers"));
        q.exec();
        while (q.next())
            partNumbers.append({q.int64(0), q.text(1)});
    }
    QVERIFY(!partNumbers.isEmpty());
    QCOMPARE(countEntries(QStringLiteral(" WHERE feed = 4")), partNumbers.size());
    m_db->write([&] {
        FeedWriter writer(*m_db);
        writer.begin();
        for (const auto &[account, partNumber] : std::as_const(partNumbers))
            writer.refreshPartNumbers(account, {partNumber});
        writer.finish();
        QCOMPARE(writer.counts().upserts, 0);
    });

    // The same demo again is reused; another one is refused.
    QCOMPARE(*DemoSupplier::ensure(*m_db, DemoSupplier::Params{250, 5}, &refusal),
             DemoSupplier::Outcome::Reused);
    QVERIFY(!DemoSupplier::ensure(*m_db, DemoSupplier::Params{250, 6}, &refusal));
    QVERIFY(refusal.contains(u"--seed 5"));
}

void tst_FeedWriter::categoryDiscountsReachTheirProducts()
{
    exec(QStringLiteral(
        "INSERT INTO categories (id, parent_id, code, name) VALUES (3, NULL, 'PPE', 'Safety')"));
    addProduct(1, QStringLiteral("S-1"), {1, 2});
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const auto grant = [this](qint64 catalog, qint64 category, qint64 percent, QDate from,
                              QDate to) {
        m_db->prepare(QStringLiteral("INSERT INTO category_discounts (catalog_id, category_id, "
                                     "percent, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)"))
            .bind(catalog)
            .bind(category)
            .bind(percent)
            .bindText(from.isValid() ? from.toString(Qt::ISODate) : QString())
            .bindText(to.isValid() ? to.toString(Qt::ISODate) : QString())
            .exec();
    };
    grant(1, 1, 100000, {}, {});                                // on the parent: reaches S-1
    grant(1, 2, 150000, today.addDays(-60), today.addDays(-1)); // expired: left out
    grant(1, 2, 70000, today.addDays(7), today.addDays(37));    // starts next week: included
    grant(2, 3, 50000, {}, {});                                 // another category
    refresh({QStringLiteral("S-1")});

    QString error;
    const auto pricesOf = [&](qint64 catalog) {
        return ProductPrices::fromJson(
            QJsonDocument::fromJson(entry(catalog, Feed::Prices, QStringLiteral("S-1")).payload)
                .object(),
            &error);
    };
    auto a = pricesOf(1);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->discounts.size(), 2);
    QCOMPARE(a->discounts.at(0).category, QStringLiteral("FAS"));
    QCOMPARE(a->discounts.at(0).percent, Decimal::fromInt(10));
    QCOMPARE(a->discounts.at(1).category, QStringLiteral("FAS-BLT"));
    QCOMPARE(a->discounts.at(1).percent, Decimal::fromInt(7));
    QCOMPARE(a->discounts.at(1).validFrom, today.addDays(7));
    QVERIFY(!entry(2, Feed::Prices, QStringLiteral("S-1")).payload.contains("discounts"));

    // Changing the parent's discount re-renders catalog A's prices entry only.
    const qint64 seqB = entry(2, Feed::Prices, QStringLiteral("S-1")).seq;
    exec(QStringLiteral("UPDATE category_discounts SET percent = 120000 WHERE category_id = 1"));
    FeedWriter::Counts counts;
    m_db->write([&] {
        FeedWriter writer(*m_db);
        writer.begin();
        const QStringList skus = writer.skusInCategory(1);
        QCOMPARE(skus, QStringList{QStringLiteral("S-1")}); // below the parent
        QVERIFY(writer.skusInCategory(3).isEmpty());
        writer.refresh(skus);
        writer.finish();
        counts = writer.counts();
    });
    QCOMPARE(counts.upserts, 1);
    QCOMPARE(entry(2, Feed::Prices, QStringLiteral("S-1")).seq, seqB);
    a = pricesOf(1);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->discounts.at(0).percent, Decimal::fromInt(12));
}

void tst_FeedWriter::partNumbersAreScopedByAccount()
{
    // Account 1 uses catalog 1: the same number as scope, kept apart by the feed number.
    exec(QStringLiteral("INSERT INTO accounts (id, code, name, currency, catalog_id) "
                        "VALUES (1, 'ONE', 'Account one', 'USD', 1)"));
    exec(QStringLiteral("INSERT INTO accounts (id, code, name, currency, catalog_id) "
                        "VALUES (2, 'TWO', 'Account two', 'USD', 1)"));
    addProduct(1, QStringLiteral("S-1"), {1});
    refresh({QStringLiteral("S-1")});
    exec(QStringLiteral("INSERT INTO customer_part_numbers (account_id, product_id, part_number, "
                        "description) VALUES (1, 1, 'PN-1', 'Dock B')"));
    exec(QStringLiteral("INSERT INTO customer_part_numbers (account_id, product_id, part_number) "
                        "VALUES (2, 1, 'OTHER-7')"));
    // One account cannot have a part number twice in different case.
    bool refused = false;
    try {
        exec(QStringLiteral("INSERT INTO customer_part_numbers (account_id, product_id, "
                            "part_number) VALUES (1, 1, 'pn-1')"));
    } catch (const DbError &) {
        refused = true;
    }
    QVERIFY(refused);

    const auto refreshNumbers = [this](qint64 account, const QStringList &numbers) {
        m_db->write([&] {
            FeedWriter writer(*m_db);
            writer.begin();
            writer.refreshPartNumbers(account, numbers);
            writer.finish();
        });
    };
    refreshNumbers(1, {QStringLiteral("PN-1")});
    refreshNumbers(2, {QStringLiteral("OTHER-7")});
    QCOMPARE(entry(1, Feed::PartNumbers, QStringLiteral("PN-1")).payload,
             QByteArray(R"({"description":"Dock B","part_number":"PN-1","sku":"S-1"})"));
    QCOMPARE(entry(2, Feed::PartNumbers, QStringLiteral("PN-1")).seq, 0);
    QCOMPARE(entry(2, Feed::PartNumbers, QStringLiteral("OTHER-7")).payload,
             QByteArray(R"({"part_number":"OTHER-7","sku":"S-1"})"));
    QVERIFY(!entry(1, Feed::Products, QStringLiteral("S-1")).payload.isEmpty());

    // A page of account 1's part numbers holds its own only, with count and hash.
    FeedReader reader(*m_db);
    FeedReader::Page page = reader.read(1, Feed::PartNumbers, 0, 100);
    QString error;
    auto parsed = FeedPage::fromJson(page.json, 0, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->feed, QStringLiteral("part_numbers"));
    QCOMPARE(parsed->items.size(), 1);
    QCOMPARE(parsed->items.first().key, QStringLiteral("PN-1"));
    QCOMPARE(*parsed->count, 1);
    FeedDigest digest;
    digest.add(feedEntryHash(u"PN-1", entry(1, Feed::PartNumbers, QStringLiteral("PN-1")).payload));
    QCOMPARE(*parsed->hash, digest);

    // Removed: a tombstone, and the count drops.
    exec(QStringLiteral("DELETE FROM customer_part_numbers WHERE part_number = 'PN-1'"));
    refreshNumbers(1, {QStringLiteral("PN-1")});
    QVERIFY(entry(1, Feed::PartNumbers, QStringLiteral("PN-1")).deleted);
    parsed = FeedPage::fromJson(reader.read(1, Feed::PartNumbers, 0, 100).json, 0, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed->count, 0);
    QVERIFY(parsed->items.first().deleted);
}

void tst_FeedWriter::listsAreScopedByAccount()
{
    RequisitionList list;
    list.id = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");
    list.name = QStringLiteral("Weekly site consumables");
    list.version = 1;
    list.updatedAt = QDateTime::fromString(QStringLiteral("2026-11-26T08:00:00Z"), Qt::ISODate);
    list.updatedBy = QStringLiteral("Dana Reyes");
    list.lines = {{QStringLiteral("S-1"), Decimal::fromInt(12), {}, {}}};
    const auto put = [this](qint64 account, const QString &id,
                            const std::optional<RequisitionList> &l) {
        return m_db->write([&] {
            FeedWriter writer(*m_db);
            writer.begin();
            writer.putList(account, id, l);
            writer.finish();
            return writer.counts();
        });
    };
    put(1, list.id, list);
    QCOMPARE(entry(1, Feed::Lists, list.id).payload, canonicalJson(list.toJson()));
    QCOMPARE(entry(2, Feed::Lists, list.id).seq, 0);
    const qint64 firstSeq = entry(1, Feed::Lists, list.id).seq;
    QCOMPARE(put(1, list.id, list).unchanged, 1); // the same list: no new entry
    QCOMPARE(entry(1, Feed::Lists, list.id).seq, firstSeq);

    list.version = 2;
    list.lines.append({QStringLiteral("S-2"), Decimal::fromUnits(5000), QStringLiteral("BX"), {}});
    put(1, list.id, list);
    QVERIFY(entry(1, Feed::Lists, list.id).seq > firstSeq);

    FeedReader reader(*m_db);
    QString error;
    auto parsed = FeedPage::fromJson(reader.read(1, Feed::Lists, 0, 100).json, 0, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->feed, QStringLiteral("lists"));
    QCOMPARE(parsed->items.size(), 1);
    QCOMPARE(*parsed->count, 1);
    FeedDigest digest;
    digest.add(feedEntryHash(list.id, canonicalJson(list.toJson())));
    QCOMPARE(*parsed->hash, digest);
    QList<FieldError> errors;
    const auto back = RequisitionList::fromJson(parsed->items.first().data(),
                                                RequisitionList::JsonForm::Resource, &errors);
    QVERIFY(back.has_value());
    QCOMPARE(*back, list);

    put(1, list.id, std::nullopt);
    QVERIFY(entry(1, Feed::Lists, list.id).deleted);
    parsed = FeedPage::fromJson(reader.read(1, Feed::Lists, 0, 100).json, 0, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed->count, 0);
    QCOMPARE(*parsed->hash, FeedDigest());
    QVERIFY(parsed->items.first().deleted);
}

QTEST_GUILESS_MAIN(tst_FeedWriter)
#include "tst_feedwriter.moc"
