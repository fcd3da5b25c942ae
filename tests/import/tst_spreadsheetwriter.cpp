#include "import/spreadsheetreader.h"
#include "import/spreadsheetwriter.h"
#include "testdata.h"

#include <QTemporaryDir>
#include <QTest>

using namespace qm::import;
namespace td = qm::import::testdata;

class tst_SpreadsheetWriter final : public QObject
{
    Q_OBJECT

private slots:
    void safeCell_data();
    void safeCell();
    void csvBytes();
    void csvRoundTrip();
    void xlsxRoundTrip();
    void sheetNames_data();
    void sheetNames();
    void failuresLeaveTheFile();
};

void tst_SpreadsheetWriter::safeCell_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("written");
    const QList<std::pair<const char *, const char *>> cases = {
        {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
        {"=1+2", "'=1+2"},
        {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
        {"-2+3", "'-2+3"},
        {"@SUM(1)", "'@SUM(1)"},
        {"\tx", "'\tx"},
        {"\r=x", "'\r=x"},
        {"+49 30 1234", "'+49 30 1234"},
        {"-5", "-5"},
        {"+5", "+5"},
        {"-1.5", "-1.5"},
        {"-1,5", "-1,5"},
        {"-", "'-"},
        {"a=b", "a=b"},
        {"M8-20", "M8-20"},
        {"", ""},
    };
    for (const auto &[cell, written] : cases)
        QTest::newRow(cell) << QString::fromUtf8(cell) << QString::fromUtf8(written);
}

void tst_SpreadsheetWriter::safeCell()
{
    QFETCH(QString, cell);
    QFETCH(QString, written);
    QCOMPARE(csvSafeCell(cell), written);
}

void tst_SpreadsheetWriter::csvBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.csv"));
    QString error;
    QVERIFY(writeCsv(path, td::cells({"sku", "qty"}),
                     td::rows({{"A,1", "2"}, {"say \"hi\"", "=1+2"}, {"two\nlines", ""}}), &error));
    QCOMPARE(td::read(path), QByteArray("\xEF\xBB\xBFsku,qty\r\n"
                                        "\"A,1\",2\r\n"
                                        "\"say \"\"hi\"\"\",'=1+2\r\n"
                                        "\"two\nlines\",\r\n"));
}

void tst_SpreadsheetWriter::csvRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.csv"));
    const QStringList header = td::cells({"Artikelnummer", "Bezeichnung", "Menge"});
    const QList<QStringList> rows = td::rows({{"Ä-100", "Schraube, \"M8\"", "5"},
                                              {"B-200", " leading and trailing ", "-3"},
                                              {"C-300", "line\r\nbreak", ""},
                                              {"D-400", "€ ☃ 😄", "1,5"}});
    QString error;
    QVERIFY2(writeCsv(path, header, rows, &error), qPrintable(error));
    const ReadResult result = readFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, QStringLiteral("UTF-8"));
    QCOMPARE(result.delimiter, QChar(u','));
    QCOMPARE(result.table.rows, QList<QStringList>{header} + rows);
}

void tst_SpreadsheetWriter::xlsxRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.xlsx"));
    const QStringList header = td::cells({"SKU", "Name", "Qty", "Price", "Big", "Flag", "Note"});
    const QList<QList<QVariant>> rows = {
        {QStringLiteral("A-1"), QStringLiteral("=HYPERLINK(\"x\")"), 5, 1.5, qint64(1) << 60, true,
         QVariant()},
        {QStringLiteral("007"), QStringLiteral("Ä ☃"), qint64(123456789012), 0.1 + 0.2, qint64(-42),
         false, QStringLiteral("+1")},
    };
    QString error;
    QVERIFY2(writeXlsx(path, QStringLiteral("Orders"), header, rows, &error), qPrintable(error));
    const ReadResult result = readFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("xlsx"));
    // Text stays text (a formula would read back as its cached value, not its source),
    // numbers come back as the numbers they were, 2^60 as its exact digits.
    QCOMPARE(result.table.rows,
             QList<QStringList>{header} +
                 td::rows({{"A-1", "=HYPERLINK(\"x\")", "5", "1.5", "1152921504606846976", "TRUE"},
                           {"007", "Ä ☃", "123456789012", "0.3", "-42", "FALSE", "+1"}}));
}

void tst_SpreadsheetWriter::sheetNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("Orders");
    QTest::newRow("forbidden characters") << QStringLiteral("Orders [2026]/Q1: *?\\");
    QTest::newRow("too long") << QStringLiteral("A sheet name far longer than Excel allows");
    QTest::newRow("quotes around") << QStringLiteral("'quoted'");
    QTest::newRow("empty") << QString();
}

void tst_SpreadsheetWriter::sheetNames()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("named.xlsx"));
    QString error;
    QVERIFY2(writeXlsx(path, name, td::cells({"SKU"}), {{QStringLiteral("A")}}, &error),
             qPrintable(error));
    QCOMPARE(readFile(path).table.rows, td::rows({{"SKU"}, {"A"}}));
}

void tst_SpreadsheetWriter::failuresLeaveTheFile()
{
    QTemporaryDir dir;
    QString error;
    const QString missingDir = dir.filePath(QStringLiteral("no/such/dir/out.csv"));
    QVERIFY(!writeCsv(missingDir, td::cells({"a"}), {}, &error));
    QVERIFY(error.contains(QStringLiteral("out.csv")));
    error.clear();
    QVERIFY(!writeXlsx(dir.filePath(QStringLiteral("no/such/dir/out.xlsx")), QString(),
                       td::cells({"a"}), {}, &error));
    QVERIFY(!error.isEmpty());

    // A cell longer than Excel allows fails the export; the earlier file stays as it was.
    const QString path = dir.filePath(QStringLiteral("kept.xlsx"));
    QVERIFY(writeXlsx(path, QString(), td::cells({"SKU"}), {{QStringLiteral("A")}}, &error));
    const QByteArray before = td::read(path);
    error.clear();
    QVERIFY(!writeXlsx(path, QString(), td::cells({"SKU"}), {{QString(40000, u'x')}}, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(td::read(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("kept.xlsx")});
}

QTEST_GUILESS_MAIN(tst_SpreadsheetWriter)
#include "tst_spreadsheetwriter.moc"
