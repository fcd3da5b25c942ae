#include "catalogfixtures.h"

#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/readactivity.h"

#include <QLocale>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <functional>
#include <vector>

using namespace qm;
using namespace qm::test;

Q_DECLARE_METATYPE(qm::SearchFilter)

namespace {

constexpr auto List = PriceRule::Kind::List;
constexpr auto Contract = PriceRule::Kind::Contract;

// Warnings of the query component: an SQL error would show up here.
QStringList g_queryWarnings;
QtMessageHandler g_previousHandler = nullptr;

void captureWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type >= QtWarningMsg && qstrcmp(context.category, "qm.models.catalogquery") == 0)
        g_queryWarnings << message;
    g_previousHandler(type, context, message);
}

// UPC-A 036000291452 and the same item as GTIN-13 / GTIN-14; a case of it as GTIN-14.
const QString Upc = QStringLiteral("036000291452");
const QString CaseGtin = gtin::withCheckDigit(QStringLiteral("1003600029145"));

Product item(const char *sku, const QString &name, qint64 n)
{
    return product(QString::fromLatin1(sku), name, n);
}

QList<Product> catalog()
{
    Product bolt40 =
        item("HIS-FAS-000123",
             QStringLiteral("Hex bolt, stainless A4-80 (316), M8 \u00d7 40 mm, DIN 933"), 1);
    bolt40.attributes = {
        {QStringLiteral("material"), QStringLiteral("Stainless steel A4-80 (316)")},
        {QStringLiteral("size"), QStringLiteral("M8 \u00d7 40 mm")},
        {QStringLiteral("standard"), QStringLiteral("DIN 933")}};
    bolt40.packs = {pack("EA", "Each", 1, Upc), pack("CS", "Case", 500, CaseGtin)};
    Product bolt50 = item("HIS-FAS-000124",
                          QStringLiteral("Hex bolt, zinc plated, M8 \u00d7 50 mm, DIN 933"), 2);
    Product nutAccent =
        item("HIS-FAS-000200", QStringLiteral("Tu\u00e9rca hexagonal M8, DIN 934"), 3);
    Product nutPlain = item("HIS-FAS-000201", QStringLiteral("Tuerca ciega M10"), 4);
    nutAccent.categoryPath =
        nutPlain.categoryPath = {QStringLiteral("Fasteners"), QStringLiteral("Nuts")};
    Product gloves = item("HIS-PPE-000010", QStringLiteral("Nitrile gloves, size L"), 5);
    gloves.brand = QStringLiteral("SafeHands");
    gloves.description = QStringLiteral("For food handling and light chemical splash.");
    gloves.categoryCode = QStringLiteral("PPE-GLV");
    gloves.categoryPath = {QStringLiteral("PPE"), QStringLiteral("Gloves")};
    Product wingNut = item("NUT-10", QStringLiteral("Wing nut"), 6);
    Product nutPack =
        item("HIS-FAS-000300", QStringLiteral("Nut 10 pack for NUT-10 fixtures, NUT-10 NUT-10"), 7);
    Product screw =
        item("HIS-FAS-000400", QStringLiteral("Self-tapping screw 4.2 \u00d7 13 mm"), 8);
    Product rod = item("HIS-FAS-000500", QStringLiteral("Threaded rod M8x1000"), 9);
    Product tie = item("HIS-ELE-000001", QStringLiteral("Cable tie 200 \u00d7 4.8 mm, black"), 10);
    tie.brand = QStringLiteral("Voltix");
    return {bolt40, bolt50, nutAccent, nutPlain, gloves, wingNut, nutPack, screw, rod, tie};
}

// The account's own codes for some of catalog()'s products.
QList<CustomerPartNumber> accountPartNumbers()
{
    return {partNumber(QStringLiteral("BMG-004512"), QStringLiteral("HIS-FAS-000124")),
            partNumber(QStringLiteral("BMG-004513"), QStringLiteral("HIS-ELE-000001"),
                       QStringLiteral("Dock B stock")),
            partNumber(QStringLiteral("BMG-009000"), QStringLiteral("HIS-GONE-1"))};
}

QStringList skus(const QList<ProductSummary> &rows)
{
    QStringList out;
    for (const ProductSummary &r : rows)
        out << r.sku;
    return out;
}

struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<CatalogStore> store;

    explicit Cache(const QList<Product> &products, const QList<ProductPrices> &priceList = {},
                   const QList<ProductStock> &stockList = {})
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        store = std::make_unique<CatalogStore>(*db);
        if (!fillCache(*store, products, priceList, stockList, accountPartNumbers()))
            qFatal("cannot fill the cache");
    }
};

} // namespace

class tst_CatalogQuery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void productByCode_data();
    void productByCode();
    void search_data();
    void search();
    void hostileInput_data();
    void hostileInput();
    void searchPagesWithoutDuplicates_data();
    void searchPagesWithoutDuplicates();
    void browseKeysetPaging();
    void yourPrice_data();
    void yourPrice();
    void packLabelAndStock();
    void facets_data();
    void facets();
    void facetValuesAreFilterValues();
    void filteredSearch_data();
    void filteredSearch();
    void filteredBrowse_data();
    void filteredBrowse();
    void orderCountBreaksTies();
    void broadSearchRanksAWindow();
    void skuPrefixOfManySkusRanksThemFirst();
    void readsAreMarked();
    void corrections_data();
    void corrections();
    void noCorrectionsWithoutVocabulary();
};

void tst_CatalogQuery::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    g_previousHandler = qInstallMessageHandler(captureWarnings);
}

void tst_CatalogQuery::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

void tst_CatalogQuery::init()
{
    g_queryWarnings.clear();
}

void tst_CatalogQuery::productByCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected"); // empty: not found

    QTest::newRow("sku") << QStringLiteral("HIS-FAS-000124") << QStringLiteral("HIS-FAS-000124");
    QTest::newRow("sku, other case")
        << QStringLiteral("his-fas-000124") << QStringLiteral("HIS-FAS-000124");
    QTest::newRow("sku with spaces") << QStringLiteral("  NUT-10 ") << QStringLiteral("NUT-10");
    QTest::newRow("GTIN-12") << Upc << QStringLiteral("HIS-FAS-000123");
    QTest::newRow("same as GTIN-13") << u'0' + Upc << QStringLiteral("HIS-FAS-000123");
    QTest::newRow("same as GTIN-14")
        << QStringLiteral("00") + Upc << QStringLiteral("HIS-FAS-000123");
    QTest::newRow("case GTIN-14") << CaseGtin << QStringLiteral("HIS-FAS-000123");
    QTest::newRow("generated GTIN-13") << gtin13(50) << QStringLiteral("HIS-PPE-000010");
    QTest::newRow("wrong check digit") << QStringLiteral("036000291453") << QString();
    QTest::newRow("unknown sku") << QStringLiteral("HIS-NOPE") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("quote") << QStringLiteral("'\"") << QString();
    QTest::newRow("part number") << QStringLiteral(" bmg-004513")
                                 << QStringLiteral("HIS-ELE-000001");
    QTest::newRow("part number of a product not cached")
        << QStringLiteral("BMG-009000") << QString();
}

void tst_CatalogQuery::productByCode()
{
    QFETCH(QString, code);
    QFETCH(QString, expected);
    Cache c(catalog());
    const auto found = CatalogQuery(*c.db).product(code);
    if (expected.isEmpty()) {
        QVERIFY(!found);
    } else {
        QVERIFY(found);
        QCOMPARE(found->product.sku, expected);
        QVERIFY(!found->product.packs.isEmpty());
    }
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

void tst_CatalogQuery::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("first"); // expected first hit, or empty
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("excludes");

    const QString bolt40 = QStringLiteral("HIS-FAS-000123");
    const QString bolt50 = QStringLiteral("HIS-FAS-000124");
    const QString nutAccent = QStringLiteral("HIS-FAS-000200");
    const QString nutPlain = QStringLiteral("HIS-FAS-000201");
    const QString gloves = QStringLiteral("HIS-PPE-000010");
    const QString wingNut = QStringLiteral("NUT-10");
    const QString nutPack = QStringLiteral("HIS-FAS-000300");
    const QString screw = QStringLiteral("HIS-FAS-000400");
    const QString rod = QStringLiteral("HIS-FAS-000500");
    const QString tie = QStringLiteral("HIS-ELE-000001");

    // The SKU "NUT-10" appears three times in another product's name, which therefore
    // ranks higher in full text; the exact SKU still comes first.
    QTest::newRow("exact sku first")
        << QStringLiteral("NUT-10") << wingNut << QStringList{nutPack} << QStringList{gloves};
    QTest::newRow("exact sku, lower case")
        << QStringLiteral("nut-10") << wingNut << QStringList{nutPack} << QStringList{};
    QTest::newRow("exact sku without its separators")
        << QStringLiteral("his fas000124") << bolt50 << QStringList{} << QStringList{};
    QTest::newRow("exact sku without its separators, glued")
        << QStringLiteral("HISFAS000123") << bolt40 << QStringList{} << QStringList{bolt50};
    QTest::newRow("exact sku among prefixes")
        << QStringLiteral("HIS-FAS-000124") << bolt50 << QStringList{} << QStringList{bolt40};
    QTest::newRow("GTIN-12") << Upc << bolt40 << QStringList{} << QStringList{};
    QTest::newRow("GTIN-13 of a GTIN-12 pack")
        << u'0' + Upc << bolt40 << QStringList{} << QStringList{};
    QTest::newRow("GTIN-14 of a GTIN-12 pack")
        << QStringLiteral("00") + Upc << bolt40 << QStringList{} << QStringList{};
    QTest::newRow("case GTIN") << CaseGtin << bolt40 << QStringList{} << QStringList{};
    QTest::newRow("prefix of every word")
        << QStringLiteral("hex bo") << QString() << QStringList{bolt40, bolt50}
        << QStringList{nutAccent, rod};
    QTest::newRow("sku prefix") << QStringLiteral("his-ppe") << gloves << QStringList{}
                                << QStringList{bolt40};
    QTest::newRow("sku number") << QStringLiteral("000123") << bolt40 << QStringList{}
                                << QStringList{bolt50};
    QTest::newRow("m8x40 finds M8 \u00d7 40")
        << QStringLiteral("m8x40") << bolt40 << QStringList{} << QStringList{bolt50, rod};
    QTest::newRow("M8 \u00d7 40 typed")
        << QStringLiteral("M8 \u00d7 40") << bolt40 << QStringList{} << QStringList{bolt50};
    QTest::newRow("compound in the name")
        << QStringLiteral("m8x1000") << rod << QStringList{} << QStringList{bolt40};
    QTest::newRow("parts of a compound")
        << QStringLiteral("m8 1000") << rod << QStringList{} << QStringList{bolt40};
    QTest::newRow("grade") << QStringLiteral("a4-80") << bolt40 << QStringList{}
                           << QStringList{bolt50};
    QTest::newRow("part of a grade")
        << QStringLiteral("a4") << bolt40 << QStringList{} << QStringList{bolt50};
    QTest::newRow("standard") << QStringLiteral("din 933") << QString()
                              << QStringList{bolt40, bolt50} << QStringList{nutAccent};
    QTest::newRow("without accent") << QStringLiteral("tuerca") << QString()
                                    << QStringList{nutAccent, nutPlain} << QStringList{bolt40};
    QTest::newRow("with accent, upper case") << QStringLiteral("TU\u00c9RCA") << QString()
                                             << QStringList{nutAccent, nutPlain} << QStringList{};
    QTest::newRow("accent and second word")
        << QStringLiteral("tu\u00e9rca hex") << nutAccent << QStringList{} << QStringList{nutPlain};
    QTest::newRow("brand prefix") << QStringLiteral("safeh") << gloves << QStringList{}
                                  << QStringList{};
    QTest::newRow("category") << QStringLiteral("ppe glov") << gloves << QStringList{}
                              << QStringList{};
    QTest::newRow("hyphenated word, second part")
        << QStringLiteral("tapping") << screw << QStringList{} << QStringList{};
    QTest::newRow("hyphenated word, typed whole")
        << QStringLiteral("self-tapping") << screw << QStringList{} << QStringList{};
    QTest::newRow("decimal dimension")
        << QStringLiteral("200x4.8") << tie << QStringList{} << QStringList{screw};
    QTest::newRow("nothing") << QStringLiteral("zzzz") << QString() << QStringList{}
                             << QStringList{bolt40, gloves};
    QTest::newRow("exact part number first")
        << QStringLiteral("BMG-004512") << bolt50 << QStringList{} << QStringList{tie};
    QTest::newRow("part number, lower case")
        << QStringLiteral("bmg-004513") << tie << QStringList{} << QStringList{bolt50};
    QTest::newRow("part number prefix, by part number")
        << QStringLiteral("bmg-0045") << bolt50 << QStringList{tie} << QStringList{gloves};
    QTest::newRow("part number without its separators")
        << QStringLiteral("bmg004513") << tie << QStringList{} << QStringList{bolt50};
    QTest::newRow("part number with a space for its separator")
        << QStringLiteral("BMG 004512") << bolt50 << QStringList{} << QStringList{tie};
    QTest::newRow("part number prefix without its separators")
        << QStringLiteral("bmg0045") << bolt50 << QStringList{tie} << QStringList{gloves};
    QTest::newRow("abbreviation") << QStringLiteral("zp hex") << bolt50 << QStringList{}
                                  << QStringList{bolt40};
    QTest::newRow("synonym") << QStringLiteral("marine bolt") << bolt40 << QStringList{}
                             << QStringList{bolt50};
    QTest::newRow("plural") << QStringLiteral("hex bolts m8x40") << bolt40 << QStringList{}
                            << QStringList{bolt50, rod};
    QTest::newRow("synonym's term in the plural")
        << QStringLiteral("zip ties black") << tie << QStringList{} << QStringList{gloves};
    QTest::newRow("unit glued") << QStringLiteral("40mm") << bolt40 << QStringList{}
                                << QStringList{bolt50};
    QTest::newRow("dimension typed with spaces")
        << QStringLiteral("m8 x 40") << bolt40 << QStringList{} << QStringList{bolt50, rod};
    QTest::newRow("dimension with a star")
        << QStringLiteral("M8*50") << bolt50 << QStringList{} << QStringList{bolt40};
    // Typing slips (models/spelling.h): nothing starts with the word typed, and a slip away
    // from it is a word of the catalog.
    QTest::newRow("slip: a letter left out")
        << QStringLiteral("nitrle gloves") << gloves << QStringList{} << QStringList{bolt40};
    QTest::newRow("slip: two letters swapped")
        << QStringLiteral("thraeded rod") << rod << QStringList{} << QStringList{bolt40};
    QTest::newRow("slip: a letter too many, with an accent")
        << QStringLiteral("tu\u00e9rrca") << QString() << QStringList{nutAccent, nutPlain}
        << QStringList{bolt40};
    QTest::newRow("slip: a wrong letter, with the other words")
        << QStringLiteral("stainlezs hex bolt m8") << bolt40 << QStringList{}
        << QStringList{bolt50};
    QTest::newRow("slip in the last word, typed so far")
        << QStringLiteral("hex bolr") << QString() << QStringList{bolt40, bolt50}
        << QStringList{gloves};
    QTest::newRow("a slip of nothing in the catalog stays nothing")
        << QStringLiteral("qwertz") << QString() << QStringList{} << QStringList{};
    // Words typed together: searched as the two words.
    QTest::newRow("glued words") << QStringLiteral("wingnut") << wingNut << QStringList{}
                                 << QStringList{nutPack, bolt40};
    QTest::newRow("glued words, with the other words")
        << QStringLiteral("hexbolt zinc m8") << bolt50 << QStringList{} << QStringList{bolt40};
    QTest::newRow("glued words of a synonym")
        << QStringLiteral("zipties black") << tie << QStringList{} << QStringList{bolt40};
    // As wildcards, "BMG_00_5%" would match BMG-004512; without its separators it is BMG005.
    QTest::newRow("LIKE wildcards in a part number are literal")
        << QStringLiteral("BMG_00_5%") << QString() << QStringList{} << QStringList{bolt50, tie};
}

void tst_CatalogQuery::search()
{
    QFETCH(QString, text);
    QFETCH(QString, first);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, excludes);
    Cache c(catalog());
    const QStringList found = skus(CatalogQuery(*c.db).search(text, 50, 0, QDate(2024, 3, 1)));
    if (!first.isEmpty()) {
        QVERIFY2(!found.isEmpty(), qPrintable(text));
        QCOMPARE(found.first(), first);
    }
    for (const QString &s : std::as_const(contains))
        QVERIFY2(found.contains(s), qPrintable(s + QStringLiteral(" not in ") + found.join(u',')));
    for (const QString &s : std::as_const(excludes))
        QVERIFY2(!found.contains(s), qPrintable(s + QStringLiteral(" in ") + found.join(u',')));
    if (first.isEmpty() && contains.isEmpty())
        QVERIFY(found.isEmpty());
    QCOMPARE(QStringList(found).removeDuplicates(), 0);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

void tst_CatalogQuery::hostileInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("atMost"); // -1: any number of results

    QTest::newRow("quote") << QStringLiteral("\"") << 0;
    QTest::newRow("star") << QStringLiteral("*") << 0;
    QTest::newRow("dash") << QStringLiteral("-") << 0;
    QTest::newRow("AND (") << QStringLiteral("AND (") << -1;
    QTest::newRow("NEAR(") << QStringLiteral("NEAR(") << -1;
    QTest::newRow("NEAR with arguments") << QStringLiteral("NEAR(hex bolt, 2)") << -1;
    QTest::newRow("OR") << QStringLiteral("OR") << -1;
    QTest::newRow("NOT") << QStringLiteral("hex NOT bolt") << -1;
    QTest::newRow("column filter") << QStringLiteral("sku:HIS") << -1;
    QTest::newRow("column set") << QStringLiteral("{name sku}: hex") << -1;
    QTest::newRow("caret") << QStringLiteral("^hex") << -1;
    QTest::newRow("plus") << QStringLiteral("hex + bolt") << -1;
    QTest::newRow("open parentheses") << QStringLiteral("(((") << 0;
    QTest::newRow("close parentheses") << QStringLiteral("hex)))") << -1;
    QTest::newRow("unbalanced quote") << QStringLiteral("\"hex bolt") << -1;
    QTest::newRow("apostrophe") << QStringLiteral("o'brien's") << -1;
    QTest::newRow("backslash") << QStringLiteral("\\") << 0;
    QTest::newRow("leading minus") << QStringLiteral("m8 -bolt") << -1;
    QTest::newRow("trailing star on word") << QStringLiteral("hex*") << -1;
    QTest::newRow("combining mark alone") << QStringLiteral("\u0301") << 0;
    QTest::newRow("injection") << QStringLiteral("hex' OR 1=1; DROP TABLE products; --") << -1;
    QTest::newRow("only separators") << QStringLiteral(" ,;:!?()[]{}<>|&~") << 0;
    QTest::newRow("long garbage") << QStringLiteral("a(").repeated(5000) << -1;
    QTest::newRow("many words") << QStringLiteral("hex bolt ").repeated(200) << -1;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("NUL") << QString(QChar(u'\0')) << 0;
}

void tst_CatalogQuery::hostileInput()
{
    QFETCH(QString, text);
    QFETCH(int, atMost);
    Cache c(catalog());
    CatalogQuery query(*c.db);
    const auto found = query.search(text, 20, 0, QDate(2024, 3, 1));
    QVERIFY(found.size() <= 20);
    if (atMost >= 0)
        QVERIFY(found.size() <= atMost);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
    QCOMPARE(query.productCount(), catalog().size());
}

void tst_CatalogQuery::searchPagesWithoutDuplicates_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("exact hit and full text") << QStringLiteral("NUT-10");
    QTest::newRow("full text only") << QStringLiteral("his");
    QTest::newRow("part number prefix") << QStringLiteral("BMG-00");
}

void tst_CatalogQuery::searchPagesWithoutDuplicates()
{
    QFETCH(QString, text);
    Cache c(catalog());
    CatalogQuery query(*c.db);
    const QDate day(2024, 3, 1);
    const QStringList all = skus(query.search(text, 100, 0, day));
    QVERIFY(all.size() >= 2);
    QStringList paged;
    for (int offset = 0; offset < all.size() + 2; offset += 2)
        paged += skus(query.search(text, 2, offset, day));
    QCOMPARE(paged, all);
}

void tst_CatalogQuery::browseKeysetPaging()
{
    QList<Product> products = catalog();
    products << item("aaa-lower", QStringLiteral("Lower-case SKU"), 20)
             << item("ZZZ-1", QStringLiteral("Last"), 21);
    Cache c(products);
    CatalogQuery query(*c.db);
    QStringList expected;
    for (const Product &p : std::as_const(products))
        expected << p.sku;
    std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    QStringList paged;
    QString after;
    for (;;) {
        const auto page = query.browse(after, 3, QDate(2024, 3, 1));
        QVERIFY(page.size() <= 3);
        if (page.isEmpty())
            break;
        paged += skus(page);
        after = page.last().sku;
    }
    QCOMPARE(paged, expected);
    QCOMPARE(query.productCount(), products.size());
}

void tst_CatalogQuery::yourPrice_data()
{
    QTest::addColumn<qint64>("minOrderQty");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("expected"); // empty: no price

    // Rules (see yourPrice()): list 10.00 from 1, list 7.00 from 100, contract 8.50 from 1
    // during the first half of 2024, and 1.00 per box (another unit, never used here).
    QTest::newRow("contract in force")
        << qint64(1) << QDate(2024, 3, 1) << QStringLiteral("8.5000");
    QTest::newRow("contract's first day")
        << qint64(1) << QDate(2024, 1, 1) << QStringLiteral("8.5000");
    QTest::newRow("contract's last day")
        << qint64(1) << QDate(2024, 6, 30) << QStringLiteral("8.5000");
    QTest::newRow("contract expired")
        << qint64(1) << QDate(2024, 7, 1) << QStringLiteral("10.0000");
    QTest::newRow("before the contract")
        << qint64(1) << QDate(2023, 12, 31) << QStringLiteral("10.0000");
    QTest::newRow("minimum order reaches the tier")
        << qint64(100) << QDate(2024, 7, 1) << QStringLiteral("7.0000");
    QTest::newRow("tier beats contract")
        << qint64(100) << QDate(2024, 3, 1) << QStringLiteral("7.0000");
    QTest::newRow("below the tier") << qint64(99) << QDate(2024, 7, 1) << QStringLiteral("10.0000");
}

void tst_CatalogQuery::yourPrice()
{
    QFETCH(qint64, minOrderQty);
    QFETCH(QDate, day);
    QFETCH(QString, expected);
    Product priced = item("PRICED", QStringLiteral("Priced washer"), 30);
    priced.minOrderQty = minOrderQty;
    Product unpriced = item("UNPRICED", QStringLiteral("Unpriced washer"), 31);
    const ProductPrices rules =
        prices(QStringLiteral("PRICED"),
               {rule(List, "EA", 1, "10.0000"), rule(List, "EA", 100, "7.0000"),
                rule(Contract, "EA", 1, "8.5000", QDate(2024, 1, 1), QDate(2024, 6, 30)),
                rule(List, "BX", 1, "1.0000")},
               QStringLiteral("EUR"));
    Cache c({priced, unpriced}, {rules});
    CatalogQuery query(*c.db);
    const auto rows = query.search(QStringLiteral("washer"), 10, 0, day);
    QCOMPARE(rows.size(), 2);
    for (const ProductSummary &s : rows) {
        if (s.sku == u"UNPRICED") {
            QVERIFY(!s.yourPrice);
            continue;
        }
        QVERIFY(s.yourPrice);
        QCOMPARE(s.yourPrice->toString(), expected);
        QCOMPARE(s.currency, QStringLiteral("EUR"));
    }
    // Browsing resolves the same price.
    const auto browsed = query.browse({}, 10, day);
    QCOMPARE(browsed.first().sku, QStringLiteral("PRICED"));
    QCOMPARE(browsed.first().yourPrice->toString(), expected);
}

void tst_CatalogQuery::packLabelAndStock()
{
    Product each = item("A-EACH", QStringLiteral("Sold by the piece"), 40);
    Product boxed = item("B-BOX", QStringLiteral("Sold by the box"), 41);
    boxed.orderMultiple = 100;
    Product between = item("C-BETWEEN", QStringLiteral("Multiple of 50"), 42);
    between.orderMultiple = 50;
    Product beyond = item("D-BEYOND", QStringLiteral("Multiple beyond every pack"), 43);
    beyond.orderMultiple = 1000;
    beyond.discontinued = true;
    Cache c({each, boxed, between, beyond}, {},
            {stock(QStringLiteral("A-EACH"), {5, 7, 0}), stock(QStringLiteral("B-BOX"), {0})});
    const auto rows = CatalogQuery(*c.db).browse({}, 10, QDate(2024, 3, 1));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).packLabel, QStringLiteral("Each"));
    QCOMPARE(rows.at(1).packLabel, QStringLiteral("Box of 100"));
    QCOMPARE(rows.at(2).packLabel, QStringLiteral("Box of 100"));
    QCOMPARE(rows.at(3).packLabel, QStringLiteral("Box of 100"));
    QCOMPARE(rows.at(0).onHand, 12);
    QCOMPARE(rows.at(1).onHand, 0);
    QCOMPARE(rows.at(2).onHand, 0);
    QVERIFY(!rows.at(0).discontinued);
    QVERIFY(rows.at(3).discontinued);
    QCOMPARE(rows.at(0).category, QStringLiteral("Bolts"));
    QCOMPARE(rows.at(0).brand, QStringLiteral("Harbor Pro"));
}

namespace {

// Stock for catalog(): the M8 x 40 bolt and the gloves are in stock somewhere; the
// M8 x 50 bolt has a stock row with nothing on hand.
QList<ProductStock> catalogStock()
{
    return {stock(QStringLiteral("HIS-FAS-000123"), {5, 0}),
            stock(QStringLiteral("HIS-FAS-000124"), {0}),
            stock(QStringLiteral("HIS-PPE-000010"), {3})};
}

QStringList labelsAndCounts(const QList<FacetValue> &values)
{
    QStringList out;
    for (const FacetValue &v : values)
        out << QStringLiteral("%1:%2").arg(v.label).arg(v.count);
    return out;
}

SearchFilter makeFilter(const QString &category, const QString &brand, const QString &material,
                        bool inStockOnly)
{
    SearchFilter f;
    f.category = category;
    f.brand = brand;
    f.material = material;
    f.inStockOnly = inStockOnly;
    return f;
}

} // namespace

void tst_CatalogQuery::facets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SearchFilter>("filter");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("inStock");
    QTest::addColumn<QStringList>("categories");
    QTest::addColumn<QStringList>("brands");
    QTest::addColumn<QStringList>("materials");

    const QString stainless = QStringLiteral("Stainless steel A4-80 (316)");
    QTest::newRow("whole catalog")
        << QString() << SearchFilter() << qint64(10) << qint64(2)
        << QStringList{QStringLiteral("Bolts:7"), QStringLiteral("Nuts:2"),
                       QStringLiteral("Gloves:1")}
        << QStringList{QStringLiteral("Harbor Pro:8"), QStringLiteral("SafeHands:1"),
                       QStringLiteral("Voltix:1")}
        << QStringList{QStringLiteral("Steel:9"), stainless + QStringLiteral(":1")};
    QTest::newRow("query") << QStringLiteral("hex") << SearchFilter() << qint64(3) << qint64(1)
                           << QStringList{QStringLiteral("Bolts:2"), QStringLiteral("Nuts:1")}
                           << QStringList{QStringLiteral("Harbor Pro:3")}
                           << QStringList{QStringLiteral("Steel:2"),
                                          stainless + QStringLiteral(":1")};
    // Each facet counts under the other selections, not its own.
    QTest::newRow("query, category and brand selected")
        << QStringLiteral("hex")
        << makeFilter(QStringLiteral("Fasteners > Nuts"), QStringLiteral("harbor pro"), {}, false)
        << qint64(1) << qint64(0)
        << QStringList{QStringLiteral("Bolts:2"), QStringLiteral("Nuts:1")}
        << QStringList{QStringLiteral("Harbor Pro:1")} << QStringList{QStringLiteral("Steel:1")};
    QTest::newRow("query, in stock only")
        << QStringLiteral("hex") << makeFilter({}, {}, {}, true) << qint64(1) << qint64(1)
        << QStringList{QStringLiteral("Bolts:1")} << QStringList{QStringLiteral("Harbor Pro:1")}
        << QStringList{stainless + QStringLiteral(":1")};
    QTest::newRow("parent category, lower case")
        << QString() << makeFilter(QStringLiteral("fasteners"), {}, {}, false) << qint64(9)
        << qint64(1)
        << QStringList{QStringLiteral("Bolts:7"), QStringLiteral("Nuts:2"),
                       QStringLiteral("Gloves:1")}
        << QStringList{QStringLiteral("Harbor Pro:8"), QStringLiteral("Voltix:1")}
        << QStringList{QStringLiteral("Steel:8"), stainless + QStringLiteral(":1")};
    QTest::newRow("category code")
        << QString() << makeFilter(QStringLiteral("PPE-GLV"), {}, {}, false) << qint64(1)
        << qint64(1)
        << QStringList{QStringLiteral("Bolts:7"), QStringLiteral("Nuts:2"),
                       QStringLiteral("Gloves:1")}
        << QStringList{QStringLiteral("SafeHands:1")} << QStringList{QStringLiteral("Steel:1")};
    QTest::newRow("material") << QStringLiteral("hex bolt")
                              << makeFilter({}, {}, QStringLiteral("steel"), false) << qint64(1)
                              << qint64(0) << QStringList{QStringLiteral("Bolts:1")}
                              << QStringList{QStringLiteral("Harbor Pro:1")}
                              << QStringList{stainless + QStringLiteral(":1"),
                                             QStringLiteral("Steel:1")};
    QTest::newRow("exact hit counts")
        << QStringLiteral("NUT-10") << SearchFilter() << qint64(2) << qint64(0)
        << QStringList{QStringLiteral("Bolts:2")} << QStringList{QStringLiteral("Harbor Pro:2")}
        << QStringList{QStringLiteral("Steel:2")};
    QTest::newRow("GTIN only") << Upc << SearchFilter() << qint64(1) << qint64(1)
                               << QStringList{QStringLiteral("Bolts:1")}
                               << QStringList{QStringLiteral("Harbor Pro:1")}
                               << QStringList{stainless + QStringLiteral(":1")};
    QTest::newRow("nothing") << QStringLiteral("zzzz") << SearchFilter() << qint64(0) << qint64(0)
                             << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("hostile") << QStringLiteral("\"(* NEAR(") << SearchFilter() << qint64(0)
                             << qint64(0) << QStringList{} << QStringList{} << QStringList{};
}

void tst_CatalogQuery::facets()
{
    QFETCH(QString, text);
    QFETCH(SearchFilter, filter);
    QFETCH(qint64, total);
    QFETCH(qint64, inStock);
    QFETCH(QStringList, categories);
    QFETCH(QStringList, brands);
    QFETCH(QStringList, materials);
    Cache c(catalog(), {}, catalogStock());
    CatalogQuery query(*c.db);
    const SearchFacets f = query.facets(text, filter);
    QCOMPARE(f.total, total);
    QCOMPARE(f.inStock, inStock);
    QCOMPARE(labelsAndCounts(f.categories), categories);
    QCOMPARE(labelsAndCounts(f.brands), brands);
    QCOMPARE(labelsAndCounts(f.materials), materials);
    // The total is what a search with that filter lists.
    const auto found = text.isEmpty() ? query.browse({}, filter, 100, QDate(2024, 3, 1))
                                      : query.search(text, filter, 100, 0, QDate(2024, 3, 1));
    QCOMPARE(found.size(), total);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

void tst_CatalogQuery::facetValuesAreFilterValues()
{
    // Choosing any facet value narrows the search to exactly its count.
    Cache c(catalog(), {}, catalogStock());
    CatalogQuery query(*c.db);
    const SearchFacets all = query.facets(QStringLiteral("his"), {});
    QVERIFY(all.categories.size() >= 2);
    QCOMPARE(all.categories.first().value, QStringLiteral("Fasteners > Bolts"));
    QCOMPARE(all.categories.first().label, QStringLiteral("Bolts"));
    const QDate day(2024, 3, 1);
    for (const FacetValue &v : all.categories)
        QCOMPARE(
            query.search(QStringLiteral("his"), makeFilter(v.value, {}, {}, false), 100, 0, day)
                .size(),
            v.count);
    for (const FacetValue &v : all.brands)
        QCOMPARE(
            query.search(QStringLiteral("his"), makeFilter({}, v.value, {}, false), 100, 0, day)
                .size(),
            v.count);
    for (const FacetValue &v : all.materials)
        QCOMPARE(
            query.search(QStringLiteral("his"), makeFilter({}, {}, v.value, false), 100, 0, day)
                .size(),
            v.count);
    QCOMPARE(query.search(QStringLiteral("his"), makeFilter({}, {}, {}, true), 100, 0, day).size(),
             all.inStock);
}

void tst_CatalogQuery::filteredSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SearchFilter>("filter");
    QTest::addColumn<QStringList>("expected"); // in this order

    QTest::newRow("category") << QStringLiteral("hex")
                              << makeFilter(QStringLiteral("Fasteners > Nuts"), {}, {}, false)
                              << QStringList{QStringLiteral("HIS-FAS-000200")};
    QTest::newRow("in stock") << QStringLiteral("hex") << makeFilter({}, {}, {}, true)
                              << QStringList{QStringLiteral("HIS-FAS-000123")};
    QTest::newRow("exact hit that fails the filter")
        << QStringLiteral("NUT-10") << makeFilter({}, QStringLiteral("SafeHands"), {}, false)
        << QStringList{};
    QTest::newRow("exact hit that passes, still first")
        << QStringLiteral("NUT-10") << makeFilter({}, QStringLiteral("HARBOR PRO"), {}, false)
        << QStringList{QStringLiteral("NUT-10"), QStringLiteral("HIS-FAS-000300")};
    QTest::newRow("part number prefix, filtered")
        << QStringLiteral("bmg-0045") << makeFilter({}, QStringLiteral("Voltix"), {}, false)
        << QStringList{QStringLiteral("HIS-ELE-000001")};
    QTest::newRow("GTIN, in stock")
        << Upc << makeFilter({}, {}, {}, true) << QStringList{QStringLiteral("HIS-FAS-000123")};
    QTest::newRow("GTIN, other material")
        << Upc << makeFilter({}, {}, QStringLiteral("Steel"), false) << QStringList{};
    QTest::newRow("every filter") << QStringLiteral("bolt")
                                  << makeFilter(QStringLiteral("Fasteners"),
                                                QStringLiteral("Harbor Pro"),
                                                QStringLiteral("stainless steel a4-80 (316)"), true)
                                  << QStringList{QStringLiteral("HIS-FAS-000123")};
    QTest::newRow("LIKE wildcards in a category are literal")
        << QStringLiteral("his") << makeFilter(QStringLiteral("F%"), {}, {}, false)
        << QStringList{};
}

void tst_CatalogQuery::filteredSearch()
{
    QFETCH(QString, text);
    QFETCH(SearchFilter, filter);
    QFETCH(QStringList, expected);
    Cache c(catalog(), {}, catalogStock());
    QCOMPARE(skus(CatalogQuery(*c.db).search(text, filter, 50, 0, QDate(2024, 3, 1))), expected);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

void tst_CatalogQuery::filteredBrowse_data()
{
    QTest::addColumn<SearchFilter>("filter");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("brand") << makeFilter({}, QStringLiteral("voltix"), {}, false)
                           << QStringList{QStringLiteral("HIS-ELE-000001")};
    QTest::newRow("in stock") << makeFilter({}, {}, {}, true)
                              << QStringList{QStringLiteral("HIS-FAS-000123"),
                                             QStringLiteral("HIS-PPE-000010")};
    QTest::newRow("category with subcategories")
        << makeFilter(QStringLiteral("Fasteners > Nuts"), {}, {}, false)
        << QStringList{QStringLiteral("HIS-FAS-000200"), QStringLiteral("HIS-FAS-000201")};
    QTest::newRow("unknown brand")
        << makeFilter({}, QStringLiteral("Nobody"), {}, false) << QStringList{};
}

void tst_CatalogQuery::filteredBrowse()
{
    QFETCH(SearchFilter, filter);
    QFETCH(QStringList, expected);
    Cache c(catalog(), {}, catalogStock());
    CatalogQuery query(*c.db);
    // One row a page: keyset paging keeps the filter.
    QStringList paged;
    QString after;
    for (int i = 0; i < 20; ++i) {
        const auto page = query.browse(after, filter, 1, QDate(2024, 3, 1));
        if (page.isEmpty())
            break;
        paged += skus(page);
        after = page.last().sku;
    }
    QCOMPARE(paged, expected);
}

void tst_CatalogQuery::orderCountBreaksTies()
{
    // Three products the full-text index cannot tell apart, and a fourth that matches better.
    QList<Product> products;
    for (const char *sku : {"GL-A", "GL-B", "GL-C"})
        products << item(sku, QStringLiteral("Cable gland PG7"), 60 + products.size());
    products << item("GL-X", QStringLiteral("Gland gland gland PG7"), 70);
    Cache c(products);
    CatalogQuery query(*c.db);
    const QDate day(2024, 3, 1);
    QCOMPARE(skus(query.search(QStringLiteral("cable gland"), 10, 0, day)),
             (QStringList{QStringLiteral("GL-A"), QStringLiteral("GL-B"), QStringLiteral("GL-C")}));

    // The account orders GL-C most, then GL-B (order history fills this table).
    QSqlQuery q(c.db->connection());
    QVERIFY(q.exec(QStringLiteral(
        "INSERT INTO product_order_counts(sku, count) VALUES ('gl-c', 12), ('GL-B', 3)")));
    QCOMPARE(skus(query.search(QStringLiteral("cable gland"), 10, 0, day)),
             (QStringList{QStringLiteral("GL-C"), QStringLiteral("GL-B"), QStringLiteral("GL-A")}));
    // Relevance still comes first: the better match stays ahead of ordered products...
    const QStringList gland = skus(query.search(QStringLiteral("gland"), 10, 0, day));
    QCOMPARE(gland.size(), 4);
    QCOMPARE(gland.first(), QStringLiteral("GL-X"));
    QCOMPARE(gland.mid(1),
             (QStringList{QStringLiteral("GL-C"), QStringLiteral("GL-B"), QStringLiteral("GL-A")}));
    // ... and an exact SKU ahead of everything.
    QCOMPARE(skus(query.search(QStringLiteral("GL-A"), 10, 0, day)).first(),
             QStringLiteral("GL-A"));
    // Paging keeps the order.
    QStringList paged;
    for (int offset = 0; offset < 4; ++offset)
        paged += skus(query.search(QStringLiteral("gland"), 1, offset, day));
    QCOMPARE(paged, gland);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

void tst_CatalogQuery::broadSearchRanksAWindow()
{
    // 1,200 washers; the last one matches "washer" best (its SKU says so too). A search
    // ranks the first 1,000 matches in catalog order, so it is not listed; a word more
    // finds it, and its exact SKU always does.
    QList<Product> products;
    for (int i = 0; i < 1199; ++i)
        products << product(QStringLiteral("W-%1").arg(i, 4, 10, QChar(u'0')),
                            QStringLiteral("Flat washer %1").arg(i), 100 + i);
    products << product(QStringLiteral("WASHER-1"), QStringLiteral("Washer washer special"), 2000);
    products.last().brand = QStringLiteral("Special brand");
    Cache c(products);
    CatalogQuery query(*c.db);
    const QDate day(2024, 3, 1);
    const QStringList broad = skus(query.search(QStringLiteral("washer"), 2000, 0, day));
    QCOMPARE(broad.size(), 1000);
    QVERIFY(!broad.contains(QStringLiteral("WASHER-1")));
    QCOMPARE(broad.first(), QStringLiteral("W-0000"));
    QCOMPARE(skus(query.search(QStringLiteral("washer special"), 10, 0, day)),
             QStringList{QStringLiteral("WASHER-1")});
    QCOMPARE(skus(query.search(QStringLiteral("WASHER-1"), 10, 0, day)).first(),
             QStringLiteral("WASHER-1"));
    // Pages of the window do not overlap.
    QStringList paged;
    for (int offset = 0; offset < 1100; offset += 200)
        paged += skus(query.search(QStringLiteral("washer"), 200, offset, day));
    QCOMPARE(paged, broad);
    // A filter applies before the window: what passes it is ranked.
    SearchFilter onlyTheLast;
    onlyTheLast.brand = QStringLiteral("Special brand");
    QCOMPARE(skus(query.search(QStringLiteral("washer"), onlyTheLast, 10, 0, day)),
             QStringList{QStringLiteral("WASHER-1")});
    // Facets count every match up to 10,000.
    const SearchFacets facets = query.facets(QStringLiteral("washer"), {});
    QVERIFY(facets.complete);
    QCOMPARE(facets.total, 1200);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

// A SKU prefix that many SKUs start with is searched as its parts (searchindex::
// expandPrefixes()); the products whose SKU starts with it still rank above those that only
// hold its parts apart, and none is missed.
void tst_CatalogQuery::skuPrefixOfManySkusRanksThemFirst()
{
    QList<Product> products;
    // Listed first, so that they lead in catalog order: the parts "his" and "11" apart.
    for (int i = 0; i < 30; ++i)
        products << product(QStringLiteral("HIS-2%1").arg(i, 5, 10, QChar(u'0')),
                            QStringLiteral("Drill bit 11/64 in, HIS grade %1").arg(i), 100 + i);
    for (int i = 0; i < 40; ++i)
        products << product(QStringLiteral("HIS-11%1").arg(i, 4, 10, QChar(u'0')),
                            QStringLiteral("Carton tape %1").arg(i), 200 + i);
    Cache c(products);
    CatalogQuery query(*c.db);
    const QDate day(2024, 3, 1);
    const QStringList found = skus(query.search(QStringLiteral("his-11"), 200, 0, day));
    QCOMPARE(found.size(), 70);
    for (int i = 0; i < 40; ++i)
        QVERIFY2(found.at(i).startsWith(u"HIS-11"), qPrintable(found.join(u' ')));
    QCOMPARE(skus(query.search(QStringLiteral("his-11001"), 200, 0, day)).size(), 10);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

// Searches, facet counts and browsing mark a read, so that the page writer's idle work gives
// way to them; a lookup by code does not need to.
void tst_CatalogQuery::readsAreMarked()
{
    using namespace std::chrono;
    Cache c(catalog());
    const CatalogQuery query(*c.db);
    const QDate day(2024, 3, 1);
    const std::vector<std::pair<const char *, std::function<void()>>> reads{
        {"search", [&] { query.search(QStringLiteral("bolt"), 10, 0, day); }},
        {"facets", [&] { query.facets(QStringLiteral("bolt"), {}); }},
        {"browse", [&] { query.browse(QString(), 10, day); }},
    };
    for (const auto &[name, read] : reads) {
        const auto before = steady_clock::now();
        QVERIFY2(!readactivity::last() || *readactivity::last() <= before, name);
        read();
        QVERIFY2(readactivity::last() && *readactivity::last() >= before, name);
    }
    // Looking a product up by its code is no search to give way to.
    const auto before = steady_clock::now();
    QVERIFY(query.product(QStringLiteral("HIS-FAS-000123")));
    QVERIFY(!readactivity::last() || *readactivity::last() <= before);
}

void tst_CatalogQuery::corrections_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("typed");    // the words corrected, in order
    QTest::addColumn<QStringList>("searched"); // for each, examples joined by '|'

    QTest::newRow("left out") << QStringLiteral("nitrle") << QStringList{QStringLiteral("nitrle")}
                              << QStringList{QStringLiteral("nitrile")};
    QTest::newRow("swapped, upper case")
        << QStringLiteral("NITRIEL gloves") << QStringList{QStringLiteral("nitriel")}
        << QStringList{QStringLiteral("nitrile")};
    QTest::newRow("two slips in one query")
        << QStringLiteral("stainlesss boltt")
        << QStringList{QStringLiteral("stainlesss"), QStringLiteral("boltt")}
        << QStringList{QStringLiteral("stainless"), QStringLiteral("bolt")};
    QTest::newRow("a prefix being typed")
        << QStringLiteral("hexagona") << QStringList{} << QStringList{};
    QTest::newRow("a prefix being typed, with a slip")
        << QStringLiteral("hexagn") << QStringList{QStringLiteral("hexagn")}
        << QStringList{QStringLiteral("hexagonal")};
    QTest::newRow("correct words")
        << QStringLiteral("hex bolt stainless") << QStringList{} << QStringList{};
    QTest::newRow("a plural of a word of the catalog")
        << QStringLiteral("gloves nuts") << QStringList{} << QStringList{};
    QTest::newRow("too short to tell")
        << QStringLiteral("hxe bolt") << QStringList{} << QStringList{};
    QTest::newRow("four letters, the least for a slip")
        << QStringLiteral("nutt") << QStringList{QStringLiteral("nutt")}
        << QStringList{QStringLiteral("nuts")};
    QTest::newRow("a word the catalog does not have, a far key from one it has")
        << QStringLiteral("toot bolt") << QStringList{} << QStringList{};
    QTest::newRow("words with digits")
        << QStringLiteral("m8x4o din9333") << QStringList{} << QStringList{};
    QTest::newRow("a unit") << QStringLiteral("gallons") << QStringList{} << QStringList{};
    QTest::newRow("a word of a synonym")
        << QStringLiteral("nyloc") << QStringList{} << QStringList{};
    QTest::newRow("a slip of a word only a description has")
        << QStringLiteral("flood light") << QStringList{} << QStringList{};
    QTest::newRow("a slip of nothing in the catalog")
        << QStringLiteral("qwertz") << QStringList{} << QStringList{};
    QTest::newRow("a hyphen left out")
        << QStringLiteral("selftapping") << QStringList{QStringLiteral("selftapping")}
        << QStringList{QStringLiteral("self-tapping")};
    QTest::newRow("glued words") << QStringLiteral("hexbolt")
                                 << QStringList{QStringLiteral("hexbolt")}
                                 << QStringList{QStringLiteral("hex bolt")};
    QTest::newRow("glued words, the second typed so far")
        << QStringLiteral("hexbol") << QStringList{QStringLiteral("hexbol")}
        << QStringList{QStringLiteral("hex bol")};
    QTest::newRow("glued words of a synonym")
        << QStringLiteral("zipties") << QStringList{QStringLiteral("zipties")}
        << QStringList{QStringLiteral("zip ties")};
    QTest::newRow("glued words no product holds together")
        << QStringLiteral("glovesbolt") << QStringList{} << QStringList{};
    QTest::newRow("a word typed twice is corrected once")
        << QStringLiteral("nitrle nitrle") << QStringList{QStringLiteral("nitrle")}
        << QStringList{QStringLiteral("nitrile")};
}

void tst_CatalogQuery::corrections()
{
    QFETCH(QString, text);
    QFETCH(QStringList, typed);
    QFETCH(QStringList, searched);
    Cache c(catalog());
    QStringList gotTyped;
    QStringList gotSearched;
    for (const spelling::Correction &correction : CatalogQuery(*c.db).corrections(text)) {
        gotTyped << correction.typed;
        gotSearched << correction.examples.join(u'|');
        QCOMPARE(correction.examples.size(), correction.meant.size());
        for (qsizetype i = 0; i < correction.meant.size(); ++i)
            QVERIFY(correction.examples.at(i).startsWith(correction.meant.at(i)));
    }
    QCOMPARE(gotTyped, typed);
    QCOMPARE(gotSearched, searched);
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

// While a first sync builds the index, the vocabulary is empty: no word is taken for a slip.
void tst_CatalogQuery::noCorrectionsWithoutVocabulary()
{
    Cache c(catalog());
    const CatalogQuery query(*c.db);
    QVERIFY(!query.corrections(QStringLiteral("nitrle")).isEmpty());
    QSqlQuery q(c.db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM search_vocabulary")));
    QVERIFY(query.corrections(QStringLiteral("nitrle")).isEmpty());
    QVERIFY(query.search(QStringLiteral("nitrle"), 10, 0, QDate(2024, 3, 1)).isEmpty());
    QVERIFY2(g_queryWarnings.isEmpty(), qPrintable(g_queryWarnings.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_CatalogQuery)
#include "tst_catalogquery.moc"
