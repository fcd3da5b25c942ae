#include "catalogfixtures.h"

#include "models/catalogstore.h"
#include "models/database.h"
#include "models/pricingterms.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace qm;
using namespace qm::test;

namespace {

constexpr auto List = PriceRule::Kind::List;
constexpr auto Contract = PriceRule::Kind::Contract;

struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<CatalogStore> store;

    Cache()
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        store = std::make_unique<CatalogStore>(*db);
    }
};

QString sku(int n)
{
    return QStringLiteral("HIS-%1").arg(100000 + n);
}

// A product with three packs given out of quantity order, a maximum and a multiple.
Product limitedProduct(int n)
{
    Product p = product(sku(n), QStringLiteral("Cable tie %1").arg(n), n);
    p.packs = {pack("EA", "Each", 1, gtin13(n * 10)), pack("CS", "Case", 1000, gtin13(n * 10 + 2)),
               pack("BG", "Bag", 100, gtin13(n * 10 + 1))};
    p.minOrderQty = 100;
    p.orderMultiple = 100;
    p.maxOrderQty = n % 2 == 0 ? 5000 : 0;
    p.discontinued = n % 3 == 0;
    return p;
}

ProductPrices fullPrices(int n)
{
    return prices(sku(n),
                  {rule(List, "EA", 100, "0.1200"), rule(List, "EA", 1000, "0.1000"),
                   rule(List, "BG", 1, "11.0000"),
                   rule(Contract, "EA", 100, "0.0900", QDate(2026, 1, 1), QDate(2026, 11, 29)),
                   // Future-dated: starts next week, must come back too.
                   rule(Contract, "EA", 100, "0.0850", QDate(2026, 11, 30))},
                  QStringLiteral("USD"),
                  {discount("ELE", "5.0000", QDate(2026, 11, 30), QDate(2027, 2, 28)),
                   discount("ELE-TIE", "12.5000")});
}

} // namespace

class tst_PricingTerms final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsWhatTheStoreWrote();
    void unknownSkuHasNoTerms();
    void skuIsCaseInsensitive();
    void productWithoutPrices();
    void loadManyMatchesLoad();
    void loadManyByRowId();
    void pricesAsOfFollowsVerification();
    void loadManyIsBatched();
};

void tst_PricingTerms::roundTripsWhatTheStoreWrote()
{
    Cache c;
    QList<Product> products;
    QList<ProductPrices> priceList;
    for (int n = 1; n <= 6; ++n) {
        products << limitedProduct(n);
        priceList << fullPrices(n);
    }
    QVERIFY(fillCache(*c.store, products, priceList));
    PricingTerms terms(*c.db);
    for (int i = 0; i < products.size(); ++i) {
        const auto t = terms.load(products.at(i).sku);
        QVERIFY(t);
        QVERIFY(t->inAssortment);
        // Equal to what was sent: every field, packs in the order given.
        QCOMPARE(canonicalJson(t->product.toJson()), canonicalJson(products.at(i).toJson()));
        QCOMPARE(t->product.packs, products.at(i).packs);
        QCOMPARE(t->product.maxOrderQty, products.at(i).maxOrderQty);
        QCOMPARE(canonicalJson(t->prices.toJson()), canonicalJson(priceList.at(i).toJson()));
        QCOMPARE(t->prices.rules.size(), 5);
        QCOMPARE(t->prices.discounts, priceList.at(i).discounts);
        QCOMPARE(t->prices.currency, QStringLiteral("USD"));
    }
}

void tst_PricingTerms::unknownSkuHasNoTerms()
{
    Cache c;
    QVERIFY(fillCache(*c.store, {limitedProduct(1)}, {fullPrices(1)}));
    PricingTerms terms(*c.db);
    QVERIFY(!terms.load(sku(2)));
    QVERIFY(!terms.load(QString()));
    // Prices without the product (feeds arrive independently) are not terms either.
    QVERIFY(fillCache(*c.store, {}, {fullPrices(3)}));
    QVERIFY(!terms.load(sku(3)));
    QVERIFY(terms.loadMany({sku(2), sku(3)}).isEmpty());
}

void tst_PricingTerms::skuIsCaseInsensitive()
{
    Cache c;
    QVERIFY(fillCache(*c.store, {limitedProduct(1)}, {fullPrices(1)}));
    PricingTerms terms(*c.db);
    const auto t = terms.load(sku(1).toLower());
    QVERIFY(t);
    QCOMPARE(t->product.sku, sku(1));
    QCOMPARE(t->prices.rules.size(), 5);
    const auto many = terms.loadMany({sku(1).toLower(), sku(1)});
    QCOMPARE(many.size(), 2); // keyed as asked
    QCOMPARE(many.value(sku(1).toLower()).product.sku, sku(1));
}

void tst_PricingTerms::productWithoutPrices()
{
    Cache c;
    QVERIFY(fillCache(*c.store, {limitedProduct(1)}));
    const auto t = PricingTerms(*c.db).load(sku(1));
    QVERIFY(t);
    QVERIFY(t->prices.rules.isEmpty());
    QVERIFY(t->prices.discounts.isEmpty());
    QCOMPARE(t->prices.sku, sku(1));
}

void tst_PricingTerms::loadManyMatchesLoad()
{
    Cache c;
    QList<Product> products;
    QList<ProductPrices> priceList;
    for (int n = 1; n <= 40; ++n) {
        products << limitedProduct(n);
        if (n % 4 != 0)
            priceList << fullPrices(n);
    }
    QVERIFY(fillCache(*c.store, products, priceList));
    PricingTerms terms(*c.db);
    QStringList asked;
    for (int n = 0; n <= 45; ++n)
        asked << sku(n);
    asked << sku(7); // twice
    const QHash<QString, pricing::ItemTerms> many = terms.loadMany(asked);
    QCOMPARE(many.size(), 40);
    for (const QString &s : std::as_const(asked)) {
        const auto one = terms.load(s);
        QCOMPARE(many.contains(s), one.has_value());
        if (!one)
            continue;
        const pricing::ItemTerms &batch = many.value(s);
        QCOMPARE(canonicalJson(batch.product.toJson()), canonicalJson(one->product.toJson()));
        QCOMPARE(canonicalJson(batch.prices.toJson()), canonicalJson(one->prices.toJson()));
    }
}

void tst_PricingTerms::loadManyByRowId()
{
    // Row ids given with the SKUs (as CodeResolver reads them) give the same terms as the
    // SKUs alone; an id that names another product, none, or the product under another
    // spelling of its SKU is noticed, and that SKU looked up by itself.
    Cache c;
    QList<Product> products;
    QList<ProductPrices> priceList;
    for (int n = 1; n <= 30; ++n) {
        products << limitedProduct(n);
        if (n % 4 != 0)
            priceList << fullPrices(n);
    }
    QVERIFY(fillCache(*c.store, products, priceList));
    QHash<QString, qint64> idOf;
    {
        QSqlQuery q(c.db->connection());
        QVERIFY2(q.exec(QStringLiteral("SELECT sku, id FROM products")),
                 qPrintable(q.lastError().text()));
        while (q.next())
            idOf.insert(q.value(0).toString(), q.value(1).toLongLong());
    }
    QCOMPARE(idOf.size(), 30);
    QList<PricingTerms::Wanted> wanted;
    QStringList skus;
    for (int n = 1; n <= 20; ++n) {
        wanted.append({sku(n), idOf.value(sku(n))});
        skus << sku(n);
    }
    const auto add = [&](const QString &s, qint64 id) {
        wanted.append({s, id});
        skus << s;
    };
    add(sku(21), idOf.value(sku(22)));           // another product's id
    add(sku(23), 1000000);                       // no such row
    add(sku(24).toLower(), idOf.value(sku(24))); // the SKU spelled otherwise
    add(sku(25), 0);                             // no id: looked up by SKU
    add(sku(40), idOf.value(sku(26)));           // not in the cache, with some id
    PricingTerms terms(*c.db);
    const QHash<QString, pricing::ItemTerms> byId = terms.loadMany(wanted);
    const QHash<QString, pricing::ItemTerms> bySku = terms.loadMany(skus);
    QCOMPARE(bySku.size(), 24);
    QCOMPARE(byId.keys().size(), bySku.keys().size());
    for (auto it = bySku.cbegin(); it != bySku.cend(); ++it) {
        QVERIFY2(byId.contains(it.key()), qPrintable(it.key()));
        const pricing::ItemTerms &got = byId.value(it.key());
        QCOMPARE(canonicalJson(got.product.toJson()), canonicalJson(it->product.toJson()));
        QCOMPARE(canonicalJson(got.prices.toJson()), canonicalJson(it->prices.toJson()));
    }
    QCOMPARE(byId.value(sku(21)).product.sku, sku(21));
    QCOMPARE(byId.value(sku(24).toLower()).product.sku, sku(24));
    QVERIFY(!byId.contains(sku(40)));
    // What the store wrote, with its packs and rules in their order.
    const pricing::ItemTerms &first = byId.value(sku(1));
    QCOMPARE(canonicalJson(first.product.toJson()), canonicalJson(limitedProduct(1).toJson()));
    QCOMPARE(canonicalJson(first.prices.toJson()), canonicalJson(fullPrices(1).toJson()));
}

void tst_PricingTerms::pricesAsOfFollowsVerification()
{
    Cache c;
    PricingTerms terms(*c.db);
    QVERIFY(terms.pricesAsOf().isNull());
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    FakeFeed feed(Feed::Prices);
    feed.upsert(sku(1), fullPrices(1).toJson());
    QString error;
    const FeedPage page = feed.page(0, 100);
    QVERIFY2(c.store->applyPage(Feed::Prices, page, &error), qPrintable(error));
    QVERIFY(terms.pricesAsOf().isNull()); // applied, not yet verified
    QVERIFY(c.store->finishPull(Feed::Prices, *page.count, *page.hash, &error));
    QVERIFY(terms.pricesAsOf() >= before);
    QCOMPARE(terms.pricesAsOf().offsetFromUtc(), 0);
}

void tst_PricingTerms::loadManyIsBatched()
{
    // 12,000 lines come back in one call; prints the time (a benchmark, not a limit).
    Cache c;
    QList<Product> products;
    QList<ProductPrices> priceList;
    QStringList skus;
    for (int n = 0; n < 12000; ++n) {
        products << limitedProduct(n);
        priceList << fullPrices(n);
        skus << sku(n);
    }
    QVERIFY(fillCache(*c.store, products, priceList));
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpu = std::clock();
    const auto many = PricingTerms(*c.db).loadMany(skus);
    qInfo("loadMany of %lld SKUs: %lld ms (%.0f ms CPU)", qlonglong(skus.size()), timer.elapsed(),
          double(std::clock() - cpu) * 1000 / CLOCKS_PER_SEC);
    QCOMPARE(many.size(), 12000);
    QCOMPARE(many.value(sku(11999)).prices.rules.size(), 5);
    QCOMPARE(many.value(sku(11998)).product.maxOrderQty, 5000);
}

QTEST_GUILESS_MAIN(tst_PricingTerms)
#include "tst_pricingterms.moc"
