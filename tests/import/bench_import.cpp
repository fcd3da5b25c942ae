// Reading 100,000-line order files: prints the times, never fails on them.
#include "import/csvreader.h"
#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "import/spreadsheetwriter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace qm::import;

class bench_Import final : public QObject
{
    Q_OBJECT

private slots:
    void csv100k();
    void xlsx100k();
};

namespace {

constexpr int kLines = 100000;

void report(const char *what, qint64 ms)
{
    qInfo("%s: %lld ms", what, ms);
}

} // namespace

void bench_Import::csv100k()
{
    QByteArray bytes("Artikelnummer;Bezeichnung;Menge;ME\r\n");
    for (int i = 0; i < kLines; ++i)
        bytes += "ART-" + QByteArray::number(100000 + i) + ";\"Schraube M8x" +
                 QByteArray::number(i % 90) + ", verzinkt\";" + QByteArray::number(i % 50 + 1) +
                 ";ST\r\n";
    QElapsedTimer timer;
    timer.start();
    const ReadResult read = readCsv(bytes);
    const qint64 readMs = timer.restart();
    const QuickOrderRows rows = quickOrderRows(read.table);
    const qint64 rowsMs = timer.elapsed();
    QVERIFY(read.ok());
    QCOMPARE(rows.rows.size(), kLines);
    qInfo("CSV: %d lines, %lld bytes", kLines, qlonglong(bytes.size()));
    report("readCsv", readMs);
    report("quickOrderRows", rowsMs);
}

void bench_Import::xlsx100k()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.xlsx"));
    QList<QList<QVariant>> rows;
    rows.reserve(kLines);
    for (int i = 0; i < kLines; ++i)
        rows.append({QStringLiteral("ART-%1").arg(100000 + i), i % 50 + 1, QStringLiteral("ST")});
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(writeXlsx(path, QStringLiteral("Orders"),
                      {QStringLiteral("SKU"), QStringLiteral("Qty"), QStringLiteral("Unit")}, rows,
                      &error));
    const qint64 writeMs = timer.restart();
    const ReadResult read = readFile(path);
    const qint64 readMs = timer.elapsed();
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.table.rows.size(), kLines + 1);
    report("writeXlsx", writeMs);
    report("readFile (xlsx)", readMs);
}

QTEST_GUILESS_MAIN(bench_Import)
#include "bench_import.moc"
