#include "import/csvreader.h"
#include "testdata.h"

#include <QDirIterator>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace qm::import;
namespace td = qm::import::testdata;

class tst_CsvReader final : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void lineNumbers();
    void unterminatedQuote_data();
    void unterminatedQuote();
    void tooManyCells();
    void delimiterDetection_data();
    void delimiterDetection();
    void pastedText_data();
    void pastedText();
    void csvSpectrum_data();
    void csvSpectrum();
    void csvkit_data();
    void csvkit();
    void papaParse_data();
    void papaParse();
    void commonsCsvControlFiles_data();
    void commonsCsvControlFiles();
    void commonsCsvOtherFiles();
    void largeFileIsFast();
};

void tst_CsvReader::rules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("expected");

    QTest::newRow("lf") << QByteArray("a,b\n1,2\n") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("lone cr") << QByteArray("a,b\r1,2\r") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("no trailing newline")
        << QByteArray("a,b\n1,2") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("blank lines skipped")
        << QByteArray("\n\na,b\r\n\r\n1,2\n\n") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("empty fields kept")
        << QByteArray("a,,\n,,\n") << td::rows({{"a", "", ""}, {"", "", ""}});
    QTest::newRow("quoted delimiter")
        << QByteArray("\"a,b\",c\n1,2\n") << td::rows({{"a,b", "c"}, {"1", "2"}});
    QTest::newRow("doubled quotes")
        << QByteArray("\"say \"\"hi\"\"\",x\n1,2") << td::rows({{"say \"hi\"", "x"}, {"1", "2"}});
    QTest::newRow("newline in field") << QByteArray("\"l1\nl2\",x\r\n\"l1\r\nl2\",y")
                                      << td::rows({{"l1\nl2", "x"}, {"l1\r\nl2", "y"}});
    QTest::newRow("quote inside unquoted field")
        << QByteArray("5\" pipe,2\n1,2") << td::rows({{"5\" pipe", "2"}, {"1", "2"}});
    QTest::newRow("text after closing quote kept")
        << QByteArray("\"a\"b,c\n1,2") << td::rows({{"ab", "c"}, {"1", "2"}});
    QTest::newRow("space before quote is text")
        << QByteArray("a, \"b\"\n1,2") << td::rows({{"a", " \"b\""}, {"1", "2"}});
    QTest::newRow("nul bytes kept")
        << QByteArray("a,b\n\0x,2\n", 9)
        << QList<QStringList>{td::cells({"a", "b"}),
                              {QString(QChar(0)) + u'x', QStringLiteral("2")}};
    QTest::newRow("semicolon, decimal comma")
        << QByteArray("Artikel;Menge\nA-1;1,5\nB-2;2\n")
        << td::rows({{"Artikel", "Menge"}, {"A-1", "1,5"}, {"B-2", "2"}});
    QTest::newRow("tab") << QByteArray("a\tb\n1\t2,5\n") << td::rows({{"a", "b"}, {"1", "2,5"}});
    QTest::newRow("pipe") << QByteArray("a|b\n1|2\n") << td::rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("single column") << QByteArray("A-1\nB-2\n") << td::rows({{"A-1"}, {"B-2"}});
    QTest::newRow("trailing delimiter at end")
        << QByteArray("a,b\n1,") << td::rows({{"a", "b"}, {"1", ""}});
    QTest::newRow("windows-1252") << QByteArray("Gr\xf6\xdf"
                                                "e;Preis\nM8;5\x80\n")
                                  << td::rows({{"Größe", "Preis"}, {"M8", "5€"}});
    QTest::newRow("empty") << QByteArray() << QList<QStringList>{};
}

void tst_CsvReader::rules()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, expected);
    const ReadResult result = readCsv(input);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("csv"));
    QCOMPARE(result.table.rows, expected);
    QCOMPARE(result.table.lines.size(), expected.size());
}

void tst_CsvReader::lineNumbers()
{
    // Line 1 header, 2 blank, 3–4 a quoted field over two lines, 5 (CR only), 6 CRLF.
    const QByteArray input("sku,qty\n\n\"A\n1\",2\rB,3\r\nC,4");
    const ReadResult result = readCsv(input);
    QVERIFY(result.ok());
    QCOMPARE(result.table.lines, (QList<int>{1, 3, 5, 6}));
    QCOMPARE(result.table.rows.at(1), td::cells({"A\n1", "2"}));
}

void tst_CsvReader::unterminatedQuote_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("rowsBefore");
    QTest::newRow("first line") << QByteArray("\"abc,1\n2,3\n") << 1 << 0;
    QTest::newRow("later line") << QByteArray("a,b\n1,2\n3,\"x\n\n4,5") << 3 << 2;
    QTest::newRow("after a multi-line field")
        << QByteArray("a,b\n\"x\ny\",1\r\n2,\"open") << 4 << 2;
    QTest::newRow("only a quote") << QByteArray("\"") << 1 << 0;
}

void tst_CsvReader::unterminatedQuote()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, rowsBefore);
    const ReadResult result = readCsv(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorLine, line);
    QVERIFY2(result.error.contains(QString::number(line)), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("never closed")), qPrintable(result.error));
    QCOMPARE(result.table.rows.size(), rowsBefore);
}

void tst_CsvReader::tooManyCells()
{
    // One line of kMaxCells + 1 commas: two cells more than a reader returns.
    const ReadResult result = readCsv(QByteArray(qsizetype(kMaxCells) + 1, ','), QChar(u','));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QStringLiteral("cells")), qPrintable(result.error));
    QCOMPARE(result.errorLine, 1);
}

void tst_CsvReader::delimiterDetection_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QChar>("delimiter");
    QTest::newRow("comma") << QStringLiteral("a,b,c\n1,2,3") << QChar(u',');
    QTest::newRow("semicolon with decimal commas")
        << QStringLiteral("Artikelnummer;Menge;Preis\nA-1;2;1,50\nB-2;1;12,00") << QChar(u';');
    QTest::newRow("semicolon, comma only in quotes")
        << QStringLiteral("\"a,b\";c\n\"1,2\";3\n\"4,5\";6") << QChar(u';');
    QTest::newRow("tab with commas in text")
        << QStringLiteral("sku\tname\nA\tBolt, M8\nB\tNut, M8") << QChar(u'\t');
    QTest::newRow("pipe") << QStringLiteral("a|b|c\n1|2|3\n4|5|6") << QChar(u'|');
    QTest::newRow("one column") << QStringLiteral("A-1\nB-2") << QChar();
    QTest::newRow("empty") << QString() << QChar();
}

void tst_CsvReader::delimiterDetection()
{
    QFETCH(QString, text);
    QFETCH(QChar, delimiter);
    QCOMPARE(detectDelimiter(text), delimiter);
    QCOMPARE(readCsvText(text).delimiter, delimiter);
}

void tst_CsvReader::pastedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<QStringList>>("expected");

    QTest::newRow("excel cells") << QStringLiteral("A-1\t5\r\nB-2\t1,5\r\n")
                                 << td::rows({{"A-1", "5"}, {"B-2", "1,5"}});
    QTest::newRow("excel cell with a line break")
        << QStringLiteral("\"two\nlines\"\t1\nB\t2") << td::rows({{"two\nlines", "1"}, {"B", "2"}});
    QTest::newRow("semicolons") << QStringLiteral("A;1\nB;2") << td::rows({{"A", "1"}, {"B", "2"}});
    QTest::newRow("typed with spaces")
        << QStringLiteral("product-1 1 item\n  product-2   2\n\n")
        << td::rows({{"product-1", "1", "item"}, {"product-2", "2"}});
    QTest::newRow("codes only") << QStringLiteral("A\nB\n") << td::rows({{"A"}, {"B"}});
}

void tst_CsvReader::pastedText()
{
    QFETCH(QString, text);
    QFETCH(QList<QStringList>, expected);
    const ReadResult result = readPastedText(text);
    QVERIFY(result.ok());
    QCOMPARE(result.table.rows, expected);
}

// csv-spectrum: every csvs/NAME.csv against json/NAME.json (objects keyed by the header).
void tst_CsvReader::csvSpectrum_data()
{
    QM_REQUIRE_TESTDATA("csv-spectrum");
    QTest::addColumn<QString>("csvPath");
    QTest::addColumn<QString>("jsonPath");
    const QString root = td::dir(QStringLiteral("csv-spectrum"));
    QDirIterator it(root + QStringLiteral("/csvs"), {QStringLiteral("*.csv")});
    QStringList names;
    while (it.hasNext())
        names.append(QFileInfo(it.next()).completeBaseName());
    names.sort();
    QVERIFY(names.size() >= 12);
    for (const QString &name : std::as_const(names)) {
        QTest::newRow(qPrintable(name))
            << root + QStringLiteral("/csvs/") + name + QStringLiteral(".csv")
            << root + QStringLiteral("/json/") + name + QStringLiteral(".json");
    }
    QTest::newRow("historical/latin1") << root + QStringLiteral("/historical/latin1.csv")
                                       << root + QStringLiteral("/historical/latin1.json");
}

void tst_CsvReader::csvSpectrum()
{
    QFETCH(QString, csvPath);
    QFETCH(QString, jsonPath);
    const ReadResult result = readCsv(td::read(csvPath));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QJsonDocument json = td::readJson(jsonPath);
    QJsonArray expected = json.isArray() ? json.array() : QJsonArray{json.object()};
    if (csvPath.endsWith(QStringLiteral("location_coordinates.csv"))) {
        // Upstream defect (SOURCES.md): the JSON has a different phone number than the CSV
        // and is a single object. The CSV is right; the rest of the expectation stands.
        QJsonObject record = expected.at(0).toObject();
        record.insert(QStringLiteral("Contact Phone Number"), QStringLiteral("2095257564"));
        expected = QJsonArray{record};
    }
    const QList<QStringList> &rows = result.table.rows;
    QVERIFY(!rows.isEmpty());
    const QStringList header = rows.front();
    QCOMPARE(rows.size() - 1, expected.size());
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QJsonObject record = expected.at(r - 1).toObject();
        QCOMPARE(rows.at(r).size(), record.size());
        for (qsizetype c = 0; c < header.size(); ++c)
            QCOMPARE(rows.at(r).at(c), record.value(header.at(c)).toString());
    }
    QCOMPARE(result.delimiter, QChar(u','));
}

void tst_CsvReader::csvkit_data()
{
    QM_REQUIRE_TESTDATA("csv-csvkit");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QList<QStringList>>("expected");
    const QString root = td::dir(QStringLiteral("csv-csvkit"));
    const QJsonObject files =
        td::readJson(root + QStringLiteral("/expected.json")).object().value(u"files").toObject();
    QDirIterator it(root, {QStringLiteral("*.csv"), QStringLiteral("*.tsv")});
    QStringList names;
    while (it.hasNext())
        names.append(QFileInfo(it.next()).fileName());
    names.sort();
    QCOMPARE(names.size(), files.size());
    for (const QString &name : std::as_const(names)) {
        QVERIFY2(files.contains(name), qPrintable(name));
        const QJsonObject file = files.value(name).toObject();
        const QString declared = file.value(u"encoding").toString();
        // Our names for the encodings the expectations state; ISO-8859-1 text reads the same
        // as Windows-1252 apart from C1 controls, which do not occur in these files.
        QString encoding = QStringLiteral("UTF-8");
        if (declared.startsWith(u"iso-8859-1"))
            encoding = QStringLiteral("Windows-1252");
        else if (declared.contains(u"big-endian"))
            encoding = QStringLiteral("UTF-16BE");
        else if (declared.contains(u"little-endian"))
            encoding = QStringLiteral("UTF-16LE");
        const QList<QStringList> records =
            td::withoutBlankRows(td::rowsFromJson(file.value(u"records").toArray()));
        bool multiColumn = false;
        for (const QStringList &record : records)
            multiColumn = multiColumn || record.size() > 1;
        const QChar delimiter = multiColumn ? file.value(u"delimiter").toString().at(0) : QChar();
        QTest::newRow(qPrintable(name)) << root + u'/' + name << encoding << delimiter << records;
    }
}

void tst_CsvReader::csvkit()
{
    QFETCH(QString, path);
    QFETCH(QString, encoding);
    QFETCH(QChar, delimiter);
    QFETCH(QList<QStringList>, expected);
    const ReadResult result = readCsv(td::read(path));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, encoding);
    QCOMPARE(result.delimiter, delimiter);
    QCOMPARE(result.table.rows, expected);
}

// Papa Parse's own cases. A case is used when its configuration only asks for what this
// reader does anyway (auto-detection, any line end, blank lines skipped) or names one of
// the delimiters it detects. Left out, each for its reason:
//  - header, dynamicTyping, preview, skipFirstNLines, comments, fastMode, quoteChar,
//    escapeChar: Papa Parse options for features this reader does not offer (it returns
//    rows of text; comment lines are data; the quote character is always ").
//  - other delimiters (ASCII 30/31, multi-character, "\n"): not spreadsheet dialects.
//  - skipEmptyLines "greedy": whitespace-only lines are data here; quickOrderRows() skips
//    rows whose cells are all blank.
//  - InvalidQuotes errors: Papa Parse keeps a quote that is not followed by a delimiter or
//    line end inside the quoted field and reads on; this reader ends the quoted part at the
//    first lone quote and keeps the text after it as written (as Python's csv module does),
//    so these inputs read differently by design.
//  - "Mixed slash n and slash r": Papa Parse uses the first line end it sees for the whole
//    input; here CR, LF and CRLF all end lines, as files edited on several systems mix them.
// Blank rows are dropped from the expectations (this reader always skips them).
void tst_CsvReader::papaParse_data()
{
    QM_REQUIRE_TESTDATA("csv-papaparse");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QList<QStringList>>("expected");
    QTest::addColumn<bool>("missingQuotes");
    QTest::addColumn<QChar>("expectedDelimiter");
    const QJsonObject all =
        td::readJson(td::dir(QStringLiteral("csv-papaparse/papaparse-parse-cases.json"))).object();
    const QStringList unsupported = {QStringLiteral("header"),    QStringLiteral("dynamicTyping"),
                                     QStringLiteral("preview"),   QStringLiteral("skipFirstNLines"),
                                     QStringLiteral("comments"),  QStringLiteral("fastMode"),
                                     QStringLiteral("quoteChar"), QStringLiteral("escapeChar")};
    int used = 0;
    for (const QString &suite :
         {QStringLiteral("CORE_PARSER_TESTS"), QStringLiteral("PARSE_TESTS")}) {
        for (const QJsonValue &value : all.value(suite).toArray()) {
            const QJsonObject c = value.toObject();
            if (c.value(u"disabled").toBool())
                continue;
            const QJsonObject config = c.value(u"config").toObject();
            bool skip = false;
            for (const QString &key : unsupported)
                skip = skip || config.contains(key);
            if (config.value(u"skipEmptyLines").toString() == u"greedy")
                skip = true;
            QChar delimiter;
            if (config.contains(u"delimiter")) {
                const QString d = config.value(u"delimiter").toString();
                if (d.size() != 1 || !QStringLiteral(",;\t|").contains(d))
                    skip = true;
                else
                    delimiter = d.at(0);
            }
            const QJsonObject expected = c.value(u"expected").toObject();
            for (const QJsonValue &e : expected.value(u"errors").toArray())
                skip = skip || e.toObject().value(u"code").toString() == u"InvalidQuotes";
            if (c.value(u"description").toString().startsWith(u"Mixed slash n and slash r"))
                skip = true;
            if (skip)
                continue;
            bool missingQuotes = false;
            for (const QJsonValue &e : expected.value(u"errors").toArray())
                missingQuotes =
                    missingQuotes || e.toObject().value(u"code").toString() == u"MissingQuotes";
            const QString meta = expected.value(u"meta").toObject().value(u"delimiter").toString();
            const QChar expectedDelimiter = meta.size() == 1 ? meta.at(0) : QChar();
            QTest::addRow("%s: %s", qPrintable(suite),
                          qPrintable(c.value(u"description").toString()))
                << c.value(u"input").toString() << delimiter
                << td::withoutBlankRows(td::rowsFromJson(expected.value(u"data").toArray()))
                << missingQuotes << expectedDelimiter;
            ++used;
        }
    }
    QVERIFY(used > 60);
}

void tst_CsvReader::papaParse()
{
    QFETCH(QString, input);
    QFETCH(QChar, delimiter);
    QFETCH(QList<QStringList>, expected);
    QFETCH(bool, missingQuotes);
    QFETCH(QChar, expectedDelimiter);
    const ReadResult result = readCsvText(input, delimiter);
    if (missingQuotes) {
        // Papa Parse returns what it read and an error; this reader refuses the file
        // (never a silent truncation) and names the line where the open quote is.
        QVERIFY(!result.ok());
        QVERIFY(result.errorLine >= 1);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.table.rows, expected);
    if (!expectedDelimiter.isNull() && !expected.isEmpty() && expected.front().size() > 1)
        QCOMPARE(result.delimiter, expectedDelimiter);
}

// Apache Commons CSV control files: "n:[f1, f2, ...]" per record. Used: test_default.txt
// (blank lines ignored, as here). Left out: test_rfc4180.txt and testCSV85_*/testCSV246_*
// keep blank lines as records or treat "#" lines as comments; test_rfc4180_trim and
// test_default_comment trim spaces or drop comments: policies this reader does not follow
// (spaces are data, "#" is data, blank lines are skipped).
void tst_CsvReader::commonsCsvControlFiles_data()
{
    QM_REQUIRE_TESTDATA("csv-commons-csv");
    QTest::addColumn<QString>("control");
    QTest::newRow("test_default") << td::dir(
        QStringLiteral("csv-commons-csv/CSVFileParser/test_default.txt"));
}

void tst_CsvReader::commonsCsvControlFiles()
{
    QFETCH(QString, control);
    const QStringList lines = QString::fromUtf8(td::read(control)).split(u'\n', Qt::SkipEmptyParts);
    const QString dataFile = lines.at(0).section(u' ', 0, 0);
    QList<QStringList> expected;
    const QRegularExpression record(QStringLiteral("^(\\d+):\\[(.*)\\]$"));
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = record.match(lines.at(i));
        QVERIFY2(m.hasMatch(), qPrintable(lines.at(i)));
        QStringList fields = m.captured(2).split(QStringLiteral(", "));
        QCOMPARE(fields.size(), m.captured(1).toInt());
        expected.append(fields);
    }
    const ReadResult result =
        readCsv(td::read(QFileInfo(control).absolutePath() + u'/' + dataFile));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.table.rows, expected);
}

void tst_CsvReader::commonsCsvOtherFiles()
{
    QM_REQUIRE_TESTDATA("csv-commons-csv");
    const QString root = td::dir(QStringLiteral("csv-commons-csv"));

    // bom.csv: the BOM is not part of the first header.
    const ReadResult bom = readCsv(td::read(root + QStringLiteral("/CSVFileParser/bom.csv")));
    QVERIFY(bom.ok());
    QCOMPARE(bom.table.rows.front().front(), QStringLiteral("Date"));
    QCOMPARE(bom.table.rows.front().size(), 6);

    // CSV-141 (Excel mode): records 1–2 as upstream expects, record 3's third field swallows a
    // newline; the last line opens a quote that never closes: an error naming line 4.
    const ReadResult excel = readCsv(td::read(root + QStringLiteral("/CSV-141/csv-141.csv")));
    QVERIFY(!excel.ok());
    QCOMPARE(excel.errorLine, 4);
    QCOMPARE(excel.table.rows.size(), 2);
    QCOMPARE(excel.table.rows.at(0), td::cells({"1414770317901", "android.widget.EditText",
                                                "pass sem1 _84*|*", "0", "pass sem1 _8"}));
    QCOMPARE(excel.table.rows.at(1).at(4), QStringLiteral("pass sem1 _84:\\"));

    // CSV-196: multi-byte UTF-8; records start on the lines upstream's byte offsets point at.
    const ReadResult emoji = readCsv(td::read(root + QStringLiteral("/CSV-196/emoji.csv")));
    QVERIFY(emoji.ok());
    QCOMPARE(emoji.encoding, QStringLiteral("UTF-8"));
    QCOMPARE(emoji.table.rows.size(), 5);
    QCOMPARE(emoji.table.rows.at(1).at(1), QStringLiteral("😄").repeated(10));
    QCOMPARE(emoji.table.lines, (QList<int>{1, 2, 3, 4, 5}));
    const ReadResult japanese = readCsv(td::read(root + QStringLiteral("/CSV-196/japanese.csv")));
    QVERIFY(japanese.ok());
    QCOMPARE(japanese.table.rows.size(), 4);
    QCOMPARE(japanese.table.rows.at(1).at(2),
             QStringLiteral("きちんと節分近くには咲いてる。自然の力ってすごいな～"));
}

void tst_CsvReader::largeFileIsFast()
{
    // 100,000 quick-order lines with quoting; the time is printed, not asserted.
    QByteArray bytes("Artikelnummer;Menge;Einheit;Bezeichnung\r\n");
    for (int i = 0; i < 100000; ++i)
        bytes += "ART-" + QByteArray::number(100000 + i) + ';' + QByteArray::number(i % 50 + 1) +
                 ";ST;\"Schraube M8x" + QByteArray::number(i % 90) + ", verzinkt\"\r\n";
    QElapsedTimer timer;
    timer.start();
    const ReadResult result = readCsv(bytes);
    const qint64 ms = timer.elapsed();
    QVERIFY(result.ok());
    QCOMPARE(result.delimiter, QChar(u';'));
    QCOMPARE(result.table.rows.size(), 100001);
    QCOMPARE(result.table.rows.last().at(3), QStringLiteral("Schraube M8x9, verzinkt"));
    QCOMPARE(result.table.lines.last(), 100001);
    qInfo("readCsv: 100,000 lines (%lld bytes) in %lld ms", qlonglong(bytes.size()), ms);
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
