// The search vocabulary (models/searchindex.h): built with the full-text index, kept in step
// page by page, and used to search a long prefix as the terms it stands for, with exactly
// the same matches.

#include "catalogfixtures.h"

#include "models/catalogquery.h"
#include "models/database.h"
#include "models/searchindex.h"
#include "models/searchtext.h"
#include "models/sql.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

QList<Product> catalog()
{
    QList<Product> products{
        product(QStringLiteral("HB-1"), QStringLiteral("Hex bolt M8"), 1),
        product(QStringLiteral("HS-1"), QStringLiteral("Hexagon socket screw"), 2),
        product(QStringLiteral("HN-1"), QStringLiteral("Tu\u00e9rca hexagonal M8"), 3),
        product(QStringLiteral("W-1"), QStringLiteral("Washer"), 4),
        product(QStringLiteral("W-2"), QStringLiteral("Washers, spring"), 5),
        product(QStringLiteral("ST-1"), QStringLiteral("Stra\u00dfe sign"), 6),
    };
    // 20 terms starting with "3000", more than one prefix may stand for.
    for (int i = 0; i < 20; ++i)
        products << product(QStringLiteral("N-%1").arg(i),
                            QStringLiteral("Part 3000%1").arg(i, 2, 10, QChar(u'0')), 10 + i);
    // 20 SKUs starting with "qx-10", too many for one prefix to stand for.
    for (int i = 0; i < 20; ++i)
        products << product(QStringLiteral("QX-10%1").arg(i, 2, 10, QChar(u'0')),
                            QStringLiteral("Coded part"), 40 + i);
    return products;
}

struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<CatalogStore> store;
    FakeFeed feed{Feed::Products};

    explicit Cache(const QList<Product> &products)
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        store = std::make_unique<CatalogStore>(*db);
        for (const Product &p : products)
            feed.upsert(p.sku, p.toJson());
        if (!pull())
            qFatal("cannot fill the cache");
    }

    // Applies what the feed holds beyond the cache's cursor, as one page.
    bool pull()
    {
        QString error;
        const FeedPage page = feed.page(store->state(Feed::Products).cursor, 1000000);
        if (!store->applyPage(Feed::Products, page, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

    QStringList column(const QString &statement, const QVariantList &binds = {}) const
    {
        QSqlQuery q(db->connection());
        QString error;
        if (!sql::prepare(q, statement, &error))
            qFatal("%s", qPrintable(error));
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!sql::exec(q, &error))
            qFatal("%s", qPrintable(error));
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

    // The terms of the full-text index that the vocabulary should hold, and those it holds.
    QStringList indexTerms() const
    {
        QString error;
        if (!sql::run(db->connection(),
                      QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_terms"
                                     " USING fts5vocab(main, products_fts, row)"),
                      &error))
            qFatal("%s", qPrintable(error));
        return column(QStringLiteral("SELECT term FROM temp.index_terms WHERE length(term) > %1"
                                     " ORDER BY term")
                          .arg(searchindex::IndexedPrefixLength));
    }
    QStringList vocabulary() const
    {
        return column(QStringLiteral("SELECT term FROM search_vocabulary ORDER BY term"));
    }

    QStringList matches(const QString &expression) const
    {
        return column(QStringLiteral("SELECT rowid FROM products_fts WHERE products_fts MATCH ?"
                                     " ORDER BY rowid"),
                      {expression});
    }
};

QStringList skusOf(const QList<ProductSummary> &rows)
{
    QStringList out;
    for (const ProductSummary &r : rows)
        out << r.sku;
    return out;
}

} // namespace

class tst_SearchIndex final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vocabularyOfFirstPull();
    void vocabularyFollowsChanges();
    void expandPrefixes_data();
    void expandPrefixes();
    void expandedMatchesTheSameRows();
    void searchFindsNewTermsByPrefix();
};

void tst_SearchIndex::vocabularyOfFirstPull()
{
    Cache c(catalog());
    const QStringList index = c.indexTerms();
    QVERIFY(index.contains(QStringLiteral("hexagonal")));
    QVERIFY(index.contains(QStringLiteral("tuerca")));
    QVERIFY(!index.contains(QStringLiteral("hex"))); // in the prefix index's reach
    QCOMPARE(c.vocabulary(), index);
}

void tst_SearchIndex::vocabularyFollowsChanges()
{
    Cache c(catalog());
    c.feed.upsert(
        QStringLiteral("W-1"),
        product(QStringLiteral("W-1"), QStringLiteral("Washer, zorblatt finish"), 4).toJson());
    c.feed.upsert(QStringLiteral("Q-1"),
                  product(QStringLiteral("Q-1"), QStringLiteral("Quuxwidget"), 50).toJson());
    c.feed.remove(QStringLiteral("ST-1"));
    QVERIFY(c.pull());
    const QStringList vocabulary = c.vocabulary();
    for (const QString &term : c.indexTerms())
        QVERIFY2(vocabulary.contains(term), qPrintable(term));
    QVERIFY(vocabulary.contains(QStringLiteral("zorblatt")));
    QVERIFY(vocabulary.contains(QStringLiteral("quuxwidget")));
}

void tst_SearchIndex::expandPrefixes_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expression");

    QTest::newRow("two terms") << "hexa"
                               << R"(("hexagon" OR "hexagonal"))";
    QTest::newRow("the whole word and a longer one") << "washer"
                                                     << R"(("washer" OR "washers"))";
    QTest::newRow("one term") << "socke"
                              << R"("socket")";
    QTest::newRow("folded as the index folds") << "TU\u00c9R"
                                               << R"("tuerca")";
    QTest::newRow("each word") << "hexagona wash"
                               << R"("hexagonal" AND ("washer" OR "washers"))";
    QTest::newRow("prefix index reach") << "was"
                                        << R"("was"*)";
    QTest::newRow("no such term") << "zzzz"
                                  << R"("zzzz"*)";
    QTest::newRow("too many terms") << "3000"
                                    << R"("3000"*)";
    QStringList ten;
    for (int i = 10; i < 20; ++i)
        ten << QStringLiteral("\"3000%1\"").arg(i);
    QTest::newRow("not too many") << "30001" << u'(' + ten.join(QStringLiteral(" OR ")) + u')';
    QTest::newRow("compound prefix of many terms, as its parts")
        << "qx-10"
        << R"((("qx" AND "10"*) OR ("qx"* AND "10"*)))";
    QTest::newRow("compound prefix of few terms")
        << "qx-101"
        << R"((("qx-1010" OR "qx-1011" OR "qx-1012" OR "qx-1013" OR "qx-1014" OR "qx-1015" OR "qx-1016" OR "qx-1017" OR "qx-1018" OR "qx-1019") OR ("qx"* AND "101"*)))";
    QTest::newRow("a term the index keeps unfolded") << "stra"
                                                     << R"("stra"*)";
}

void tst_SearchIndex::expandPrefixes()
{
    QFETCH(QString, typed);
    QFETCH(QString, expression);
    Cache c(catalog());
    QCOMPARE(searchindex::expandPrefixes(c.db->connection(), searchtext::matchExpression(typed)),
             expression);
}

void tst_SearchIndex::expandedMatchesTheSameRows()
{
    // Generated products of words that share prefixes, and every prefix of their words.
    const QStringList stems{
        QStringLiteral("bolt"),        QStringLiteral("boltex"),     QStringLiteral("bolts"),
        QStringLiteral("washer"),      QStringLiteral("wash"),       QStringLiteral("stainless"),
        QStringLiteral("stain"),       QStringLiteral("m8x40"),      QStringLiteral("a4-80"),
        QStringLiteral("galvanised"),  QStringLiteral("galvanized"), QStringLiteral("zinc"),
        QStringLiteral("z\u00fcrich"), QStringLiteral("stra\u00dfe")};
    QRandomGenerator random(20261127);
    QList<Product> products;
    for (int i = 0; i < 300; ++i) {
        QStringList name;
        const int words = random.bounded(1, 5);
        for (int w = 0; w < words; ++w)
            name << stems.at(random.bounded(int(stems.size()))) +
                        (random.bounded(6) == 0 ? QString::number(random.bounded(4)) : QString());
        products << product(QStringLiteral("GX-%1").arg(i), name.join(u' '), 100 + i);
    }
    Cache c(products);
    QSet<QString> queries;
    for (const QString &stem : stems) {
        for (qsizetype n = 1; n <= stem.size(); ++n)
            queries << stem.left(n);
    }
    // SKU prefixes: "gx-1" stands for 111 SKUs, and is searched as its parts.
    for (qsizetype n = 1; n <= 6; ++n)
        queries << QStringLiteral("gx-123").left(n);
    queries << QStringLiteral("bolt wash") << QStringLiteral("stain m8x4")
            << QStringLiteral("galv zinc") << QStringLiteral("a4-8 bolts")
            << QStringLiteral("gx-1 bolt") << QStringLiteral("gx-2 stain");
    int expanded = 0;
    int asParts = 0;
    for (const QString &query : std::as_const(queries)) {
        const QString plain = searchtext::matchExpression(query);
        const QString terms = searchindex::expandPrefixes(c.db->connection(), plain);
        if (terms != plain)
            ++expanded;
        if (terms.contains(QStringLiteral("(\"gx\" AND ")))
            ++asParts;
        QCOMPARE(c.matches(terms), c.matches(plain));
    }
    QVERIFY(expanded > 10);
    QCOMPARE(asParts, 3); // "gx-1", "gx-1 bolt", "gx-2 stain"
    QVERIFY(c.matches(searchtext::matchExpression(QStringLiteral("gx-1"))).size() > 100);
}

void tst_SearchIndex::searchFindsNewTermsByPrefix()
{
    QList<Product> products = catalog();
    products << product(QStringLiteral("Z-0"), QStringLiteral("Zorbing pad"), 59);
    Cache c(products);
    CatalogQuery query(*c.db);
    const QDate day(2026, 11, 27);
    QCOMPARE(skusOf(query.search(QStringLiteral("zorb"), 10, 0, day)),
             QStringList{QStringLiteral("Z-0")});
    // A later page brings a second term under the same prefix: the vocabulary must know
    // it, or "zorb" would stand for "zorbing" alone.
    c.feed.upsert(QStringLiteral("Z-1"),
                  product(QStringLiteral("Z-1"), QStringLiteral("Zorblatt clamp"), 60).toJson());
    QVERIFY(c.pull());
    QStringList found = skusOf(query.search(QStringLiteral("zorb"), 10, 0, day));
    found.sort();
    QCOMPARE(found, (QStringList{QStringLiteral("Z-0"), QStringLiteral("Z-1")}));
}

QTEST_GUILESS_MAIN(tst_SearchIndex)
#include "tst_searchindex.moc"
