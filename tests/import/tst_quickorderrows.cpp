#include "import/csvreader.h"
#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "testdata.h"

#include <QJsonObject>
#include <QTest>

using namespace qm::import;
namespace td = qm::import::testdata;
using Kind = QuickOrderRow::CodeKind;

Q_DECLARE_METATYPE(Kind)

namespace {

// Expected rows written as "code|quantity|uom|flag" where quantity is empty for an error
// row and flag is "error", "note" or empty.
struct Expected
{
    const char *code;
    qint64 quantity; // 0: no quantity (an error on the row)
    const char *uom;
    const char *flag;
};

void compareRows(const QuickOrderRows &actual, const QList<Expected> &expected,
                 const QList<int> &lines = {})
{
    QCOMPARE(actual.rows.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QuickOrderRow &row = actual.rows.at(i);
        const Expected &e = expected.at(i);
        QCOMPARE(row.code, QString::fromUtf8(e.code));
        if (e.quantity == 0) {
            QVERIFY2(!row.quantity.has_value(), qPrintable(row.code));
        } else {
            QVERIFY2(row.quantity.has_value(), qPrintable(row.code + u' ' + row.error));
            QCOMPARE(*row.quantity, e.quantity);
        }
        QCOMPARE(row.uom, QString::fromUtf8(e.uom));
        const QString flag = QString::fromUtf8(e.flag);
        QCOMPARE(!row.error.isEmpty(), flag == u"error");
        QCOMPARE(!row.note.isEmpty(), flag == u"note");
        if (!lines.isEmpty())
            QCOMPARE(row.line, lines.at(i));
    }
}

} // namespace

class tst_QuickOrderRows final : public QObject
{
    Q_OBJECT

private slots:
    void headerNames_data();
    void headerNames();
    void quantities_data();
    void quantities();
    void columnDecimalSeparator_data();
    void columnDecimalSeparator();
    void rows_data();
    void rows();
    void wholeFileErrors();
    void portalSamples_data();
    void portalSamples();
    void oroFunctionalTest();
    void oroBuilderTestFiles_data();
    void oroBuilderTestFiles();
};

void tst_QuickOrderRows::headerNames_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("role");
    const QList<std::pair<const char *, const char *>> cases = {
        {"SKU", "sku"},
        {"variant_sku", "sku"},
        {"Item Number", "code"},
        {"Item No.", "code"},
        {"Item #", "code"},
        {"ITEM NO", "code"},
        {"Product Code", "code"},
        {"Part No", "code"},
        {"Part Number", "code"},
        {"Artikelnummer", "code"},
        {"Art.-Nr.", "code"},
        {"Artikel", "code"},
        {"Référence", "code"},
        {"Codice", "code"},
        {"Código", "code"},
        {"Qty", "quantity"},
        {"QTY", "quantity"},
        {"Quantity", "quantity"},
        {"Menge", "quantity"},
        {"Anzahl", "quantity"},
        {"Quantité", "quantity"},
        {"Qté", "quantity"},
        {"Cantidad", "quantity"},
        {"Quantità", "quantity"},
        {"Unit", "unit"},
        {"UOM", "unit"},
        {"Unit of Measure", "unit"},
        {"Einheit", "unit"},
        {"ME", "unit"},
        {"Unité", "unit"},
        {"Customer Part Number", "partNumber"},
        {"Your Part No.", "partNumber"},
        {"Kundenartikelnummer", "partNumber"},
        {"Kunden-Art.-Nr.", "partNumber"},
        {"GTIN", "gtin"},
        {"EAN", "gtin"},
        {"UPC", "gtin"},
        {"Barcode", "gtin"},
        {"Description", ""},
        {"Preis", ""},
    };
    for (const auto &[header, role] : cases)
        QTest::newRow(header) << QString::fromUtf8(header) << QString::fromUtf8(role);
}

void tst_QuickOrderRows::headerNames()
{
    QFETCH(QString, header);
    QFETCH(QString, role);
    // The column is recognised in a header with a code column next to it.
    const bool codeLike =
        role == u"code" || role == u"sku" || role == u"partNumber" || role == u"gtin";
    Table table;
    table.rows = {{QStringLiteral("Bezeichnung"), header,
                   codeLike ? QStringLiteral("Menge") : QStringLiteral("SKU")},
                  {QStringLiteral("Bolt"), QStringLiteral("X"), QStringLiteral("Y")}};
    table.lines = {1, 2};
    const QuickOrderRows rows = quickOrderRows(table);
    QVERIFY(rows.hadHeader);
    QCOMPARE(rows.columns.at(1), role);
    QCOMPARE(rows.columns.at(0), QString());
}

void tst_QuickOrderRows::quantities_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QChar>("decimalSeparator");
    QTest::addColumn<qint64>("value"); // 0: an error
    QTest::addColumn<bool>("note");
    const QChar any;
    QTest::newRow("12") << QStringLiteral("12") << any << qint64(12) << false;
    QTest::newRow("+3") << QStringLiteral("+3") << any << qint64(3) << false;
    QTest::newRow("spaces around") << QStringLiteral("  7 ") << any << qint64(7) << false;
    QTest::newRow("leading zeros") << QStringLiteral("007") << any << qint64(7) << false;
    QTest::newRow("12.0") << QStringLiteral("12.0") << any << qint64(12) << false;
    QTest::newRow("12,0") << QStringLiteral("12,0") << any << qint64(12) << false;
    QTest::newRow("12.00") << QStringLiteral("12.00") << any << qint64(12) << false;
    QTest::newRow("1.000 alone: thousands")
        << QStringLiteral("1.000") << any << qint64(1000) << true;
    QTest::newRow("1,000 alone: thousands")
        << QStringLiteral("1,000") << any << qint64(1000) << true;
    QTest::newRow("1.000 in a comma-decimal column")
        << QStringLiteral("1.000") << QChar(u',') << qint64(1000) << false;
    QTest::newRow("1.000 in a dot-decimal column")
        << QStringLiteral("1.000") << QChar(u'.') << qint64(1) << false;
    QTest::newRow("1,000 in a comma-decimal column")
        << QStringLiteral("1,000") << QChar(u',') << qint64(1) << false;
    QTest::newRow("1.000.000") << QStringLiteral("1.000.000") << any << qint64(1000000) << false;
    QTest::newRow("1,000,000") << QStringLiteral("1,000,000") << any << qint64(1000000) << false;
    QTest::newRow("1.000,00") << QStringLiteral("1.000,00") << any << qint64(1000) << false;
    QTest::newRow("1,000.00") << QStringLiteral("1,000.00") << any << qint64(1000) << false;
    QTest::newRow("1 000") << QStringLiteral("1 000") << any << qint64(1000) << false;
    QTest::newRow("1'000 (Swiss)") << QStringLiteral("1'000") << any << qint64(1000) << false;
    QTest::newRow("no-break space") << QStringLiteral("2\u00A0500") << any << qint64(2500) << false;
    QTest::newRow("1000.000") << QStringLiteral("1000.000") << any << qint64(1000) << false;
    QTest::newRow("fraction 1.4") << QStringLiteral("1.4") << any << qint64(0) << false;
    QTest::newRow("fraction 2,55") << QStringLiteral("2,55") << any << qint64(0) << false;
    QTest::newRow("fraction 10.0112") << QStringLiteral("10.0112") << any << qint64(0) << false;
    QTest::newRow("fraction 0.500") << QStringLiteral("0.500") << any << qint64(0) << false;
    QTest::newRow("1.5 in a comma-decimal column")
        << QStringLiteral("1.5") << QChar(u',') << qint64(0) << false;
    QTest::newRow("negative") << QStringLiteral("-2") << any << qint64(0) << false;
    QTest::newRow("zero") << QStringLiteral("0") << any << qint64(0) << false;
    QTest::newRow("0,0") << QStringLiteral("0,0") << any << qint64(0) << false;
    QTest::newRow("word") << QStringLiteral("asd") << any << qint64(0) << false;
    QTest::newRow("number and unit") << QStringLiteral("5 pcs") << any << qint64(0) << false;
    QTest::newRow("bad grouping") << QStringLiteral("1.00.0") << any << qint64(0) << false;
    QTest::newRow("two decimal points") << QStringLiteral("1.2,3.4") << any << qint64(0) << false;
    QTest::newRow("only a separator") << QStringLiteral(".") << any << qint64(0) << false;
    QTest::newRow("only a sign") << QStringLiteral("-") << any << qint64(0) << false;
    QTest::newRow("a GTIN in the quantity column")
        << QStringLiteral("4006381333931") << any << qint64(0) << false;
    QTest::newRow("largest") << QStringLiteral("999999999") << any << qint64(999999999) << false;
    QTest::newRow("too large") << QStringLiteral("1000000000") << any << qint64(0) << false;
}

void tst_QuickOrderRows::quantities()
{
    QFETCH(QString, text);
    QFETCH(QChar, decimalSeparator);
    QFETCH(qint64, value);
    QFETCH(bool, note);
    const QuantityValue q = parseQuantity(text, decimalSeparator);
    if (value == 0) {
        QVERIFY(!q.value.has_value());
        QVERIFY(!q.error.isEmpty());
    } else {
        QVERIFY2(q.value.has_value(), qPrintable(q.error));
        QCOMPARE(*q.value, value);
        QVERIFY(q.error.isEmpty());
    }
    QCOMPARE(!q.note.isEmpty(), note);
}

void tst_QuickOrderRows::columnDecimalSeparator_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QChar>("separator");
    QTest::newRow("plain integers") << td::cells({"1", "20", ""}) << QChar();
    QTest::newRow("decimal comma") << td::cells({"1.000", "2,5"}) << QChar(u',');
    QTest::newRow("decimal point") << td::cells({"1,000", "2.5"}) << QChar(u'.');
    QTest::newRow("grouped with dots") << td::cells({"1.000.000", "3"}) << QChar(u',');
    QTest::newRow("both separators") << td::cells({"1.234,00"}) << QChar(u',');
    QTest::newRow("fixed three decimals") << td::cells({"5.000", "12.000", "1.500"}) << QChar(u'.');
    QTest::newRow("fixed three decimals, comma") << td::cells({"5,000", "12,000"}) << QChar(u',');
    QTest::newRow("thousands among integers") << td::cells({"1.000", "5", "12"}) << QChar();
    QTest::newRow("one ambiguous value") << td::cells({"1.000"}) << QChar();
    QTest::newRow("contradiction") << td::cells({"1,5", "2.5"}) << QChar();
}

void tst_QuickOrderRows::columnDecimalSeparator()
{
    QFETCH(QStringList, values);
    QFETCH(QChar, separator);
    QCOMPARE(quantityDecimalSeparator(values), separator);
}

void tst_QuickOrderRows::rows_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hadHeader");
    QTest::addColumn<QList<Expected>>("expected");
    QTest::addColumn<QList<int>>("lines");
    using E = QList<Expected>;
    QTest::newRow("german semicolon file")
        << QStringLiteral("Art.-Nr.;Bezeichnung;Menge;ME\r\nA-100;Schraube;1.000;ST\r\n"
                          "B-200;Mutter;2,5;ST\r\n;;;\r\nC-300;Scheibe;;PAK\r\n")
        << true
        << E{{"A-100", 1000, "ST", ""}, {"B-200", 0, "ST", "error"}, {"C-300", 1, "PAK", "note"}}
        << QList<int>{2, 3, 5};
    QTest::newRow("title rows above the header")
        << QStringLiteral("Bestellung Firma X\n\nSKU,Qty\nA,2\n") << true << E{{"A", 2, "", ""}}
        << QList<int>{4};
    QTest::newRow("no header: code and quantity")
        << QStringLiteral("A-1,5\nB-2,,7\n,C-3,1\n") << false
        << E{{"A-1", 5, "", ""}, {"B-2", 7, "", ""}, {"C-3", 1, "", ""}} << QList<int>{1, 2, 3};
    QTest::newRow("no header: description before the quantity")
        << QStringLiteral("A-1;Schraube M8;5\nB-2;Mutter\n") << false
        << E{{"A-1", 5, "", ""}, {"B-2", 1, "", "note"}} << QList<int>{};
    QTest::newRow("no header: fraction is an error, not skipped")
        << QStringLiteral("A-1,1.5\n") << false << E{{"A-1", 0, "", "error"}} << QList<int>{};
    QTest::newRow("code priority: sku, then part number, then gtin")
        << QStringLiteral("GTIN,Your Part No,SKU,Qty\n4006381333931,,S-1,1\n4006381333931,CP-9,,2\n"
                          "4006381333931,,,3\n,,,4\n")
        << true
        << E{{"S-1", 1, "", ""},
             {"CP-9", 2, "", ""},
             {"4006381333931", 3, "", ""},
             {"", 4, "", "error"}}
        << QList<int>{2, 3, 4, 5};
    QTest::newRow("fixed-point ERP export")
        << QStringLiteral("Material;Menge\nM1;5.000\nM2;12.000\n") << true
        << E{{"M1", 5, "", ""}, {"M2", 12, "", ""}} << QList<int>{};
    QTest::newRow("cells trimmed") << QStringLiteral("SKU,Qty,UOM\n  A  ,  3 ,  box \n") << true
                                   << E{{"A", 3, "box", ""}} << QList<int>{};
}

void tst_QuickOrderRows::rows()
{
    QFETCH(QString, text);
    QFETCH(bool, hadHeader);
    QFETCH(QList<Expected>, expected);
    QFETCH(QList<int>, lines);
    const ReadResult read = readCsvText(text);
    QVERIFY(read.ok());
    const QuickOrderRows rows = quickOrderRows(read.table);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.hadHeader, hadHeader);
    compareRows(rows, expected, lines);
}

void tst_QuickOrderRows::wholeFileErrors()
{
    QVERIFY(!quickOrderRows(Table{}).error.isEmpty());
    const QuickOrderRows headerOnly =
        quickOrderRows(readCsvText(u"Item Number,Quantity,Unit").table);
    QVERIFY(headerOnly.hadHeader);
    QVERIFY(headerOnly.rows.isEmpty());
    QVERIFY(!headerOnly.error.isEmpty());
    const QuickOrderRows noCode = quickOrderRows(readCsvText(u"Qty,Unit\n1,ST").table);
    QVERIFY(noCode.error.contains(QStringLiteral("code")));
    QVERIFY(noCode.rows.isEmpty());
    const QuickOrderRows sku = quickOrderRows(readCsvText(u"SKU,Qty\nA,1").table);
    QCOMPARE(sku.rows.front().kind, Kind::Sku);
    QCOMPARE(sku.columns, td::cells({"sku", "quantity", "unit"}));
}

// portal-formats.json: each portal's sample, read as a user would upload it. The expected
// rows are written from the sample text.
void tst_QuickOrderRows::portalSamples_data()
{
    QM_REQUIRE_TESTDATA("quick-order");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QList<Expected>>("expected");
    QTest::addColumn<Kind>("kind");
    const QJsonArray portals =
        td::readJson(td::dir(QStringLiteral("quick-order/portal-formats.json")))
            .object()
            .value(u"portals")
            .toArray();
    QHash<QString, QString> samples;
    for (const QJsonValue &p : portals) {
        const QJsonObject portal = p.toObject();
        if (portal.contains(u"sample"))
            samples.insert(portal.value(u"portal").toString().section(u' ', 0, 0),
                           portal.value(u"sample").toString());
    }
    QCOMPARE(samples.size(), 2);
    QTest::newRow("Adobe") << samples.value(QStringLiteral("Adobe"))
                           << QList<Expected>{{"SKU123", 1, "", ""},
                                              {"SKU456", 2, "", ""},
                                              {"SKU789", 3, "", ""}}
                           << Kind::Sku;
    QTest::newRow("BigCommerce") << samples.value(QStringLiteral("BigCommerce"))
                                 << QList<Expected>{{"CSV-001", 2, "", ""}, {"CSV-002", 3, "", ""}}
                                 << Kind::Sku;
}

void tst_QuickOrderRows::portalSamples()
{
    QFETCH(QString, sample);
    QFETCH(QList<Expected>, expected);
    QFETCH(Kind, kind);
    const QuickOrderRows rows = quickOrderRows(readCsvText(sample).table);
    QVERIFY(rows.hadHeader);
    compareRows(rows, expected);
    for (const QuickOrderRow &row : rows.rows)
        QCOMPARE(row.kind, kind);
}

// The OroCommerce functional-test upload in its three forms. Where Oro accepts fractional
// quantities (its units have precisions), whole units are required here, so those rows are
// errors; Oro's catalog checks (unknown SKU or unit) happen later, against the catalog.
void tst_QuickOrderRows::oroFunctionalTest()
{
    QM_REQUIRE_TESTDATA("quick-order");
    const QList<Expected> expected = {
        {"product-1", 1, "", ""},
        {"product-1", 0, "liter", "error"}, // 1.4
        {"product-1", 5, "box", ""},
        {"product-2", 0, "", "error"}, // 2.55
        {"product-3", 3, "", ""},
        {"product-3", 3, "liter5", ""},
        {"SKU1", 0, "", "error"}, // 10.0112
        {"SKU2", 0, "", "error"}, // asd
        {"SKU3", 1, "", "note"},  // empty quantity
        {"product-kit-1", 1, "", "note"},
        {"product-kit-1", 1, "", ""},
        {"product-kit-1", 2, "milliliter", ""},
        {"product-kit-2", 1, "milliliter", ""},
        {"product-5", 1, "", ""},
    };
    const QString dir = td::dir(QStringLiteral("quick-order/orocommerce/functional-test/"));
    const ReadResult csv = readFile(dir + QStringLiteral("quick-order.csv"));
    QVERIFY(csv.ok());
    QuickOrderRows rows = quickOrderRows(csv.table);
    QVERIFY(rows.hadHeader);
    QCOMPARE(rows.columns, td::cells({"code", "quantity", "unit"}));
    compareRows(rows, expected, {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});

    const ReadResult xlsx = readFile(dir + QStringLiteral("quick-order.xlsx"));
    QVERIFY2(xlsx.ok(), qPrintable(xlsx.error));
    QCOMPARE(xlsx.format, QStringLiteral("xlsx"));
    rows = quickOrderRows(xlsx.table);
    QVERIFY(rows.hadHeader);
    compareRows(rows, expected);

    const ReadResult ods = readFile(dir + QStringLiteral("quick-order.ods"));
    QVERIFY(!ods.ok());
    QVERIFY2(ods.error.contains(QStringLiteral("OpenDocument")), qPrintable(ods.error));

    // The empty upload and the one without any order line.
    QVERIFY(!quickOrderRows(readFile(dir + QStringLiteral("quick-order-empty.csv")).table)
                 .error.isEmpty());
    const QuickOrderRows invalid =
        quickOrderRows(readFile(dir + QStringLiteral("quick-order-invalid.csv")).table);
    QVERIFY(!invalid.hadHeader);
    compareRows(invalid, {{"not-empty", 1, "", "note"}});
}

void tst_QuickOrderRows::oroBuilderTestFiles_data()
{
    QM_REQUIRE_TESTDATA("quick-order");
    QTest::addColumn<QString>("path");
    const QString dir = td::dir(QStringLiteral("quick-order/orocommerce/builder-test/"));
    QTest::newRow("csv") << dir + QStringLiteral("quick-order.csv");
    QTest::newRow("xlsx") << dir + QStringLiteral("quick-order.xlsx");
}

void tst_QuickOrderRows::oroBuilderTestFiles()
{
    QFETCH(QString, path);
    const ReadResult read = readFile(path);
    QVERIFY2(read.ok(), qPrintable(read.error));
    const QuickOrderRows rows = quickOrderRows(read.table);
    compareRows(rows, {{"product-1", 1, "item", ""}, {"product-2", 2, "item", ""}}, {2, 3});
}

QTEST_GUILESS_MAIN(tst_QuickOrderRows)
#include "tst_quickorderrows.moc"
