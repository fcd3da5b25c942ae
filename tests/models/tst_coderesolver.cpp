#include "catalogfixtures.h"

#include "core/gtin.h"
#include "models/catalogstore.h"
#include "models/coderesolver.h"
#include "models/database.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <ctime>

using namespace qm;
using namespace qm::test;

using By = CodeMatch::By;

namespace {

// A cache with a handful of products whose codes are made to collide in every way the
// resolver must handle.
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

// UPC-A 036000291452 is the GTIN-12 of HIS-100002's case; its EAN-13 form is 0036000291452.
const QString CaseUpc = QStringLiteral("036000291452");

QList<Product> products()
{
    Product bolt = product(QStringLiteral("HIS-100001"), QStringLiteral("Hex bolt M8x40 A4-80"), 1);
    Product tie = product(QStringLiteral("HIS-100002"), QStringLiteral("Cable tie 300 mm"), 2);
    tie.packs = {pack("EA", "Each", 1, gtin13(20)), pack("BG", "Bag", 100, gtin13(21)),
                 pack("CS", "Case", 1000, CaseUpc)};
    Product glove = product(QStringLiteral("HIS-100010"), QStringLiteral("Nitrile glove L"), 3);
    // An SKU that is also another product's part number at the account.
    Product clash = product(QStringLiteral("BMG-004512"), QStringLiteral("Marine grease"), 4);
    Product slash = product(QStringLiteral("AB/12.5"), QStringLiteral("Spacer 12.5"), 5);
    return {bolt, tie, glove, clash, slash};
}

QList<CustomerPartNumber> partNumbers()
{
    return {partNumber(QStringLiteral("BMG-004512"), QStringLiteral("HIS-100001")),
            partNumber(QStringLiteral("BMG-004513"), QStringLiteral("HIS-100002"),
                       QStringLiteral("Dock B stock")),
            // A part number of a product outside the cache (left the assortment).
            partNumber(QStringLiteral("BMG-007777"), QStringLiteral("HIS-199999"))};
}

// The product's row id in the cache; 0 when it has none.
qint64 rowIdOf(Database &db, const QString &sku)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT id FROM products WHERE sku = ?"));
    q.addBindValue(sku);
    if (!q.exec())
        qFatal("cannot read the product ids: %s", qPrintable(q.lastError().text()));
    return q.next() ? q.value(0).toLongLong() : 0;
}

void fill(Cache &c)
{
    if (!fillCache(*c.store, products(), {}, {}, partNumbers()))
        qFatal("cannot fill the cache");
}

} // namespace

Q_DECLARE_METATYPE(QList<CodeMatch>)

class tst_CodeResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void resolveManyAgreesWithResolve();
    void resolveManyKeepsEveryForm();
    void resolveManyNamesOnlyAmbiguousMatches();
    void suggestions_data();
    void suggestions();
    void codeKey_data();
    void codeKey();
    void largeCacheIsQuick();
};

void tst_CodeResolver::resolve_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QList<CodeMatch>>("expected");

    const CodeMatch bolt{
        QStringLiteral("HIS-100001"), {}, By::Sku, QStringLiteral("Hex bolt M8x40 A4-80")};
    const CodeMatch tieName{
        QStringLiteral("HIS-100002"), {}, By::Sku, QStringLiteral("Cable tie 300 mm")};
    QTest::newRow("sku") << QStringLiteral("HIS-100001") << QList<CodeMatch>{bolt};
    QTest::newRow("sku lower case, padded")
        << QStringLiteral("  his-100001\t") << QList<CodeMatch>{bolt};
    QTest::newRow("sku with slash and dot")
        << QStringLiteral("ab/12.5")
        << QList<CodeMatch>{
               {QStringLiteral("AB/12.5"), {}, By::Sku, QStringLiteral("Spacer 12.5")}};

    const CodeMatch tieCase{QStringLiteral("HIS-100002"), QStringLiteral("CS"), By::Gtin,
                            QStringLiteral("Cable tie 300 mm")};
    QTest::newRow("upc-a of a case") << CaseUpc << QList<CodeMatch>{tieCase};
    QTest::newRow("ean-13 of the same case")
        << QStringLiteral("0") + CaseUpc << QList<CodeMatch>{tieCase};
    QTest::newRow("gtin-14 of the same case")
        << QStringLiteral("00") + CaseUpc << QList<CodeMatch>{tieCase};
    QTest::newRow("gtin of a bag")
        << gtin13(21)
        << QList<CodeMatch>{{QStringLiteral("HIS-100002"), QStringLiteral("BG"), By::Gtin,
                             QStringLiteral("Cable tie 300 mm")}};
    QTest::newRow("gtin of the base unit")
        << gtin13(20)
        << QList<CodeMatch>{{QStringLiteral("HIS-100002"), QStringLiteral("EA"), By::Gtin,
                             QStringLiteral("Cable tie 300 mm")}};
    QString wrongCheck = CaseUpc;
    wrongCheck[11] = u'3';
    QTest::newRow("gtin with a wrong check digit") << wrongCheck << QList<CodeMatch>{};

    QTest::newRow("part number") << QStringLiteral("bmg-004513")
                                 << QList<CodeMatch>{{QStringLiteral("HIS-100002"),
                                                      {},
                                                      By::PartNumber,
                                                      tieName.productName}};
    QTest::newRow("part number of a product not in the cache")
        << QStringLiteral("BMG-007777")
        << QList<CodeMatch>{{QStringLiteral("HIS-199999"), {}, By::PartNumber, QString()}};
    QTest::newRow("sku of one product, part number of another: ambiguous")
        << QStringLiteral("BMG-004512")
        << QList<CodeMatch>{
               {QStringLiteral("BMG-004512"), {}, By::Sku, QStringLiteral("Marine grease")},
               {QStringLiteral("HIS-100001"), {}, By::PartNumber, bolt.productName}};

    QTest::newRow("unknown") << QStringLiteral("HIS-999999") << QList<CodeMatch>{};
    QTest::newRow("empty") << QString() << QList<CodeMatch>{};
    QTest::newRow("blank") << QStringLiteral("   ") << QList<CodeMatch>{};
    QTest::newRow("sku prefix is not a match") << QStringLiteral("HIS-10000") << QList<CodeMatch>{};
    QTest::newRow("sql and json in the code")
        << QStringLiteral("\"]'); DROP TABLE products; --") << QList<CodeMatch>{};
}

void tst_CodeResolver::resolve()
{
    QFETCH(QString, code);
    QFETCH(QList<CodeMatch>, expected);
    Cache c;
    fill(c);
    CodeResolver resolver(*c.db);
    const QList<CodeMatch> got = resolver.resolve(code);
    QCOMPARE(got.size(), expected.size());
    for (int i = 0; i < got.size(); ++i) {
        QCOMPARE(got.at(i).sku, expected.at(i).sku);
        QCOMPARE(got.at(i).uom, expected.at(i).uom);
        QCOMPARE(int(got.at(i).by), int(expected.at(i).by));
        QCOMPARE(got.at(i).productName, expected.at(i).productName);
        // The product's row (what PricingTerms takes instead of the SKU); none for a part
        // number of a product outside the cache.
        const qint64 id = rowIdOf(*c.db, expected.at(i).sku);
        QCOMPARE(got.at(i).productId, id);
        QCOMPARE(id == 0, expected.at(i).sku == u"HIS-199999");
    }
    QCOMPARE(CatalogStore(*c.db).recount(Feed::Products), 5); // nothing was harmed
}

void tst_CodeResolver::resolveManyAgreesWithResolve()
{
    Cache c;
    fill(c);
    CodeResolver resolver(*c.db);
    const QStringList codes{QStringLiteral("HIS-100001"),
                            QStringLiteral("his-100001"),
                            CaseUpc,
                            QStringLiteral("00") + CaseUpc,
                            QStringLiteral("BMG-004512"),
                            QStringLiteral("bmg-004513 "),
                            QStringLiteral("nothing"),
                            QString(),
                            QStringLiteral("HIS-100001")};
    const QHash<QString, QList<CodeMatch>> many = resolver.resolveMany(codes);
    for (const QString &code : codes) {
        const QList<CodeMatch> one = resolver.resolve(code);
        QCOMPARE(many.contains(code), !one.isEmpty());
        QCOMPARE(many.value(code), one);
    }
    QCOMPARE(many.size(), 6);
}

void tst_CodeResolver::resolveManyKeepsEveryForm()
{
    Cache c;
    fill(c);
    const auto many = CodeResolver(*c.db).resolveMany({QStringLiteral(" HIS-100010"),
                                                       QStringLiteral("HIS-100010"),
                                                       QStringLiteral("his-100010")});
    QCOMPARE(many.size(), 3);
    for (const auto &matches : many) {
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().sku, QStringLiteral("HIS-100010"));
    }
}

// Without names (the quick order reads them with the pricing terms), the matches are the same
// but for the name, except that an ambiguous code's matches keep theirs: the user picks by name.
void tst_CodeResolver::resolveManyNamesOnlyAmbiguousMatches()
{
    Cache c;
    fill(c);
    const CodeResolver resolver(*c.db);
    const QStringList codes{QStringLiteral("HIS-100001"),
                            QStringLiteral("bmg-004512"),
                            QStringLiteral("BMG-004513"),
                            QStringLiteral("BMG-007777"),
                            CaseUpc,
                            QStringLiteral("nothing")};
    const auto named = resolver.resolveMany(codes);
    const auto unnamed = resolver.resolveMany(codes, CodeResolver::Names::OfAmbiguous);
    QCOMPARE(unnamed.keys(), named.keys());
    for (const QString &code : codes) {
        const QList<CodeMatch> expected = named.value(code);
        const QList<CodeMatch> got = unnamed.value(code);
        QCOMPARE(got.size(), expected.size());
        const bool ambiguous = std::any_of(got.cbegin(), got.cend(), [&](const CodeMatch &m) {
            return m.sku != got.constFirst().sku;
        });
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got.at(i).sku, expected.at(i).sku);
            QCOMPARE(got.at(i).uom, expected.at(i).uom);
            QCOMPARE(int(got.at(i).by), int(expected.at(i).by));
            QCOMPARE(got.at(i).productId, expected.at(i).productId);
            // A GTIN's match names its product, which the pack lookup reads anyway.
            if (ambiguous || got.at(i).by == By::Gtin)
                QCOMPARE(got.at(i).productName, expected.at(i).productName);
            else
                QVERIFY2(got.at(i).productName.isEmpty(), qPrintable(code));
        }
    }
    // "BMG-004512" is an SKU and another product's part number: both named.
    const QList<CodeMatch> clash = unnamed.value(QStringLiteral("bmg-004512"));
    QCOMPARE(clash.size(), 2);
    QCOMPARE(clash.at(0).productName, QStringLiteral("Marine grease"));
    QCOMPARE(clash.at(1).productName, QStringLiteral("Hex bolt M8x40 A4-80"));
}

void tst_CodeResolver::suggestions_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("absent");

    QTest::newRow("separators dropped")
        << QStringLiteral("his100001") << QStringLiteral("HIS-100001") << QString();
    QTest::newRow("spaces for dashes")
        << QStringLiteral("HIS 100 010") << QStringLiteral("HIS-100010") << QString();
    QTest::newRow("a part number without its separators")
        << QStringLiteral("bmg004513") << QStringLiteral("HIS-100002") << QString();
    QTest::newRow("one digit mistyped")
        << QStringLiteral("HIS-100011") << QStringLiteral("HIS-100010")
        << QStringLiteral("AB/12.5");
    QTest::newRow("letter O for zero")
        << QStringLiteral("HIS-1000O2") << QStringLiteral("HIS-100002") << QString();
    QString wrongCheck = CaseUpc;
    wrongCheck[11] = u'3';
    QTest::newRow("gtin with a wrong check digit")
        << wrongCheck << QStringLiteral("HIS-100002") << QString();
    QTest::newRow("a word of the name")
        << QStringLiteral("grease") << QStringLiteral("BMG-004512") << QStringLiteral("HIS-100001");
}

void tst_CodeResolver::suggestions()
{
    QFETCH(QString, code);
    QFETCH(QString, first);
    QFETCH(QString, absent);
    Cache c;
    fill(c);
    CodeResolver resolver(*c.db);
    QVERIFY(resolver.resolve(code).isEmpty());
    const QStringList got = resolver.suggestions(code, 3);
    QVERIFY2(!got.isEmpty(), qPrintable(code));
    QCOMPARE(got.first(), first);
    QVERIFY(got.size() <= 3);
    QCOMPARE(QStringList(got).removeDuplicates(), 0);
    if (!absent.isEmpty())
        QVERIFY2(!got.contains(absent), qPrintable(got.join(u',')));
    QVERIFY(resolver.suggestions(code, 0).isEmpty());
    QVERIFY(resolver.suggestions(QStringLiteral("  "), 5).isEmpty());
}

void tst_CodeResolver::codeKey_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");
    QTest::newRow("dashes") << QStringLiteral("his-100-001") << QStringLiteral("HIS100001");
    QTest::newRow("spaces, dots, slashes")
        << QStringLiteral(" ab / 12.5 ") << QStringLiteral("AB125");
    QTest::newRow("accents kept") << QStringLiteral("émail-1") << QStringLiteral("ÉMAIL1");
    QTest::newRow("only separators") << QStringLiteral("-./ ") << QString();
}

void tst_CodeResolver::codeKey()
{
    QFETCH(QString, code);
    QFETCH(QString, key);
    QCOMPARE(CodeResolver::codeKey(code), key);
}

void tst_CodeResolver::largeCacheIsQuick()
{
    // 20,000 products and 3,000 part numbers: 100,000 codes resolved in one call, and
    // suggestions per unknown code. Prints the times (a benchmark, not a limit).
    Cache c;
    QList<Product> list;
    QList<CustomerPartNumber> codesOfAccount;
    for (int n = 0; n < 20000; ++n) {
        Product p = product(QStringLiteral("HIS-%1").arg(100000 + n),
                            QStringLiteral("Item %1").arg(n), n + 100);
        list << p;
        if (n % 7 == 0)
            codesOfAccount << partNumber(QStringLiteral("BMG-%1").arg(n, 6, 10, QChar(u'0')),
                                         p.sku);
    }
    QVERIFY(fillCache(*c.store, list, {}, {}, codesOfAccount));
    CodeResolver resolver(*c.db);
    QStringList codes;
    for (int i = 0; i < 100000; ++i) {
        const int n = (i * 7919) % 20000;
        switch (i % 4) {
        case 0:
            codes << QStringLiteral("his-%1").arg(100000 + n);
            break;
        case 1:
            codes << gtin13((n + 100) * 10 + 1);
            break;
        case 2:
            codes << QStringLiteral("BMG-%1").arg(n - n % 7, 6, 10, QChar(u'0'));
            break;
        default:
            codes << QStringLiteral("NOPE-%1").arg(i);
        }
    }
    QElapsedTimer timer;
    timer.start();
    std::clock_t cpu = std::clock();
    const auto many = resolver.resolveMany(codes);
    qInfo("resolveMany of %lld codes: %lld ms (%.0f ms CPU)", qlonglong(codes.size()),
          timer.elapsed(), double(std::clock() - cpu) * 1000 / CLOCKS_PER_SEC);
    QCOMPARE(many.value(codes.at(1)).first().uom, QStringLiteral("BX"));
    QCOMPARE(many.value(codes.at(2)).first().by, By::PartNumber);
    QVERIFY(!many.contains(codes.at(3)));

    timer.restart();
    cpu = std::clock();
    const int rounds = 200;
    int withSuggestions = 0;
    for (int i = 0; i < rounds; ++i)
        withSuggestions +=
            resolver.suggestions(QStringLiteral("HIS-1%1X").arg(i * 97, 5, 10, QChar(u'0')), 5)
                    .isEmpty()
                ? 0
                : 1;
    qInfo("suggestions: %.2f ms per code (%.2f ms CPU)", double(timer.elapsed()) / rounds,
          double(std::clock() - cpu) * 1000 / CLOCKS_PER_SEC / rounds);
    QCOMPARE(withSuggestions, rounds);
}

QTEST_GUILESS_MAIN(tst_CodeResolver)
#include "tst_coderesolver.moc"
