#include "import/spreadsheetreader.h"
#include "import/xlsxreader.h"
#include "testdata.h"

#include <QBuffer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace qm::import;
namespace td = qm::import::testdata;

namespace {

// A zip archive with the given entries, written by hand so that the XML can carry what
// other writers produce (missing references, phonetic runs, absolute targets...).
QByteArray zipOf(const QList<std::pair<QString, QByteArray>> &entries)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdCreate))
        qFatal("cannot create a zip in memory");
    for (const auto &[name, content] : entries) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(name)))
            qFatal("cannot add %s", qPrintable(name));
        file.write(content);
        file.close();
    }
    zip.close();
    return buffer.data();
}

ReadResult readBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readXlsx(&buffer);
}

const QByteArray kNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                       "relationships\"";

QByteArray workbookXml(const QByteArray &firstRelId)
{
    return "<?xml version=\"1.0\"?><workbook " + kNs +
           "><sheets><sheet name=\"Orders\" sheetId=\"2\" r:id=\"" + firstRelId +
           "\"/><sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

QByteArray relsXml()
{
    return "<?xml version=\"1.0\"?><Relationships "
           "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
           "<Relationship Id=\"rId7\" Type=\"x/worksheet\" Target=\"/xl/worksheets/orders.xml\"/>"
           "</Relationships>";
}

QByteArray sheetXml(const QByteArray &sheetData)
{
    return "<?xml version=\"1.0\"?><worksheet " + kNs + "><sheetData>" + sheetData +
           "</sheetData></worksheet>";
}

} // namespace

class tst_XlsxReader final : public QObject
{
    Q_OBJECT

private slots:
    void numberText_data();
    void numberText();
    void handWrittenWorkbook();
    void generatedWorkbook();
    void oroCommerceFiles_data();
    void oroCommerceFiles();
    void badFiles_data();
    void badFiles();
    void missingFile();
};

void tst_XlsxReader::numberText_data()
{
    QTest::addColumn<QString>("xml");
    QTest::addColumn<QString>("text");
    const QList<std::pair<const char *, const char *>> cases = {
        {"12", "12"},
        {"-3", "-3"},
        {"1.4", "1.4"},
        {"0.25", "0.25"},
        {"1.0", "1"},
        {"12.50", "12.5"},
        {"5.0000000000000009", "5"},
        {"2.9999999999999996", "3"},
        {"0.30000000000000004", "0.3"},
        {"1E3", "1000"},
        {"1.5E-3", "0.0015"},
        {"-2.5e2", "-250"},
        {"4006381333931", "4006381333931"},
        {"123456789012345678901", "123456789012345678901"},
        {"-0.0", "0"},
        {"0", "0"},
        {"abc", ""},
        {"", ""},
        {"1e400", ""},
    };
    for (const auto &[xml, text] : cases)
        QTest::newRow(xml) << QString::fromUtf8(xml) << QString::fromUtf8(text);
}

void tst_XlsxReader::numberText()
{
    QFETCH(QString, xml);
    QFETCH(QString, text);
    QCOMPARE(xlsxNumberText(xml), text);
}

void tst_XlsxReader::handWrittenWorkbook()
{
    const QByteArray shared =
        "<?xml version=\"1.0\"?><sst " + kNs +
        "><si><t>SKU</t></si>"
        "<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space=\"preserve\">text </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
        "<si><t>Menge</t></si></sst>";
    const QByteArray sheet = sheetXml(
        // header: shared strings; a cell without r follows the previous one
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c t=\"s\"><v>2</v></c></row>"
        // a gap to D, an inline string with runs, a boolean, an error value
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>A-</t></r><r><t>1</t></r></is></c>"
        "<c r=\"B2\"><v>5.0000000000000009</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
        "<c r=\"E2\" t=\"e\"><v>#N/A</v></c></row>"
        // a blank row with only styled cells is left out
        "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" s=\"1\"/></row>"
        // rows without r follow the previous row; rich shared string; formula string result
        "<row><c t=\"s\"><v>1</v></c><c><v>1E3</v></c><c t=\"str\"><f>A1&amp;\"x\"</f>"
        "<v>SKUx</v></c></row>"
        "<row r=\"9\"><c r=\"C9\"><v>12</v></c><c r=\"A9\" t=\"b\"><v>0</v></c></row>");
    const QByteArray xlsx = zipOf({{QStringLiteral("[Content_Types].xml"), "<Types/>"},
                                   {QStringLiteral("xl/workbook.xml"), workbookXml("rId7")},
                                   {QStringLiteral("xl/_rels/workbook.xml.rels"), relsXml()},
                                   {QStringLiteral("xl/sharedStrings.xml"), shared},
                                   {QStringLiteral("xl/worksheets/orders.xml"), sheet},
                                   {QStringLiteral("xl/worksheets/sheet1.xml"),
                                    sheetXml("<row r=\"1\"><c r=\"A1\"><v>99</v></c></row>")}});
    const ReadResult result = readBytes(xlsx);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("xlsx"));
    QCOMPARE(result.table.rows, td::rows({{"SKU", "Menge"},
                                          {"A-1", "5", "", "TRUE", "#N/A"},
                                          {"Rich text ", "1000", "SKUx"},
                                          {"FALSE", "", "12"}}));
    QCOMPARE(result.table.lines, (QList<int>{1, 2, 4, 9}));
}

void tst_XlsxReader::generatedWorkbook()
{
    const QString generator = qEnvironmentVariable("QM_XLSXGEN");
    if (generator.isEmpty())
        QSKIP("QM_XLSXGEN (the libxlsxwriter test program) is not set");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("generated.xlsx"));
    QProcess process;
    process.start(generator, {path});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());

    const ReadResult result = readFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("xlsx"));
    QCOMPARE(result.table.rows, td::rows({{"Artikelnummer", "Menge", "", "Bemerkung"},
                                          {"Ä-100", "5", "", "fett normal"},
                                          {"B-200", "1000", "TRUE"},
                                          {"C-300", "0.3", "=1+2"}}));
    QCOMPARE(result.table.lines, (QList<int>{1, 2, 4, 5}));
}

// OroCommerce's own files (SOURCES.md): the template and the builder-test upload.
void tst_XlsxReader::oroCommerceFiles_data()
{
    QM_REQUIRE_TESTDATA("quick-order");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<QStringList>>("expected");
    const QString dir = td::dir(QStringLiteral("quick-order/orocommerce/"));
    QTest::newRow("template") << dir + QStringLiteral("template/quick-order.xlsx")
                              << td::rows({{"Item Number", "Quantity", "Unit"}});
    QTest::newRow("builder-test") << dir + QStringLiteral("builder-test/quick-order.xlsx")
                                  << td::rows({{"Item Number", "Quantity", "Unit"},
                                               {"product-1", "1", "item"},
                                               {"product-2", "2", "item"}});
    QTest::newRow("functional-test") << dir + QStringLiteral("functional-test/quick-order.xlsx")
                                     << td::rows({{"Item Number", "Quantity"},
                                                  {"product-1", "1"},
                                                  {"product-1", "1.4", "liter"},
                                                  {"product-1", "5", "box"},
                                                  {"product-2", "2.55"},
                                                  {"product-3", "3"},
                                                  {"product-3", "3", "liter5"},
                                                  {"SKU1", "10.0112"},
                                                  {"SKU2", "asd"},
                                                  {"SKU3"},
                                                  {"product-kit-1"},
                                                  {"product-kit-1", "1"},
                                                  {"product-kit-1", "2", "milliliter"},
                                                  {"product-kit-2", "1", "milliliter"},
                                                  {"product-5", "1"}});
}

void tst_XlsxReader::oroCommerceFiles()
{
    QFETCH(QString, path);
    QFETCH(QList<QStringList>, expected);
    const ReadResult result = readXlsx(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.table.rows, expected);
}

void tst_XlsxReader::badFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray goodSheet = sheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    const auto workbook = [&](const QByteArray &sheet) {
        return zipOf({{QStringLiteral("xl/workbook.xml"), workbookXml("rId7")},
                      {QStringLiteral("xl/_rels/workbook.xml.rels"), relsXml()},
                      {QStringLiteral("xl/worksheets/orders.xml"), sheet}});
    };
    const QByteArray good = workbook(goodSheet);
    QVERIFY(readBytes(good).ok());

    QByteArray rows;
    for (int r = 1; r <= 2000; ++r)
        rows += "<row r=\"" + QByteArray::number(r) + "\"><c r=\"A" + QByteArray::number(r) +
                "\"><v>" + QByteArray::number(r * 7919 % 10007) + "</v></c></row>";
    QByteArray damaged = workbook(sheetXml(rows));
    QVERIFY(readBytes(damaged).ok());
    damaged[damaged.size() * 6 / 10] = char(damaged.at(damaged.size() * 6 / 10) ^ 0x55);
    QTest::newRow("damaged compressed data") << damaged << QStringLiteral("damaged XLSX file");
    QByteArray wide;
    for (int r = 1; r <= int(kMaxCells / 16384) + 1; ++r)
        wide += "<row><c r=\"A" + QByteArray::number(r) + "\"><v>1</v></c><c r=\"XFD" +
                QByteArray::number(r) + "\"><v>1</v></c></row>";
    QTest::newRow("too many cells") << workbook(sheetXml(wide)) << QStringLiteral("cells");
    QTest::newRow("not a zip") << QByteArray("SKU,Qty\nA,1\n") << QStringLiteral("zip");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("zip");
    QTest::newRow("truncated zip") << good.left(good.size() / 2) << QStringLiteral("zip");
    QTest::newRow("zip without a workbook")
        << zipOf({{QStringLiteral("readme.txt"), "hello"}}) << QStringLiteral("no spreadsheet");
    QTest::newRow("OpenDocument") << zipOf({{QStringLiteral("mimetype"),
                                             "application/vnd.oasis.opendocument.spreadsheet"},
                                            {QStringLiteral("content.xml"), "<x/>"}})
                                  << QStringLiteral("OpenDocument");
    QTest::newRow("workbook without sheets")
        << zipOf(
               {{QStringLiteral("xl/workbook.xml"), "<workbook " + kNs + "><sheets/></workbook>"}})
        << QStringLiteral("no worksheet");
    QTest::newRow("missing relationships")
        << zipOf({{QStringLiteral("xl/workbook.xml"), workbookXml("rId7")}})
        << QStringLiteral("workbook.xml.rels");
    QTest::newRow("unknown relationship")
        << zipOf({{QStringLiteral("xl/workbook.xml"), workbookXml("rId9")},
                  {QStringLiteral("xl/_rels/workbook.xml.rels"), relsXml()}})
        << QStringLiteral("rId9");
    QTest::newRow("missing sheet")
        << zipOf({{QStringLiteral("xl/workbook.xml"), workbookXml("rId7")},
                  {QStringLiteral("xl/_rels/workbook.xml.rels"), relsXml()}})
        << QStringLiteral("orders.xml");
    QTest::newRow("malformed sheet XML")
        << workbook(sheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"))
        << QStringLiteral("not well-formed");
    QTest::newRow("bad cell reference")
        << workbook(sheetXml("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"))
        << QStringLiteral("1A");
    QTest::newRow("column beyond XFD")
        << workbook(sheetXml("<row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row>"))
        << QStringLiteral("ZZZZ1");
    QTest::newRow("shared string out of range")
        << workbook(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"))
        << QStringLiteral("shared string");
}

void tst_XlsxReader::badFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const ReadResult result = readBytes(bytes);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(message), qPrintable(result.error));

    // readFile() sends zip archives here and everything else to the CSV reader.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upload.xlsx"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    const ReadResult viaFile = readFile(path);
    if (bytes.startsWith("PK"))
        QCOMPARE(viaFile.error, result.error);
    else
        QCOMPARE(viaFile.format, QStringLiteral("csv"));
}

void tst_XlsxReader::missingFile()
{
    QTemporaryDir dir;
    const ReadResult result = readXlsx(dir.filePath(QStringLiteral("absent.xlsx")));
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(QStringLiteral("absent.xlsx")));
    QVERIFY(!readFile(dir.filePath(QStringLiteral("absent.csv"))).ok());

    const QString xls = dir.filePath(QStringLiteral("legacy.xls"));
    QFile file(xls);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + QByteArray(512, '\0'));
    file.close();
    const ReadResult legacy = readFile(xls);
    QVERIFY(!legacy.ok());
    QVERIFY2(legacy.error.contains(QStringLiteral(".xls")), qPrintable(legacy.error));
}

QTEST_GUILESS_MAIN(tst_XlsxReader)
#include "tst_xlsxreader.moc"
