// The import preview: every line of a file or pasted block with its outcome, counts and a
// filter per outcome, the report, and nothing in the cart before "Add to Cart".
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartstore.h"
#include "ui/importpreviewdialog.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

using namespace qm;
using namespace qm::test;
using Outcome = QuickOrderImport::Outcome;

class tst_ImportPreviewDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLineWithItsOutcome();
    void cancelLeavesTheCart();
    void pastedCellsWithAndWithoutHeader_data();
    void pastedCellsWithAndWithoutHeader();
    void unreadableInput_data();
    void unreadableInput();
    void hundredThousandLines();

private:
    static QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    static QList<int> outcomes(const ImportPreviewDialog &dialog)
    {
        QList<int> list;
        const QAbstractItemModel *model = dialog.table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            list << model->index(row, 0).data(ImportPreviewModel::OutcomeRole).toInt();
        return list;
    }
};

void tst_ImportPreviewDialog::everyLineWithItsOutcome()
{
    // The account calls HB-100 "WS-400" too: that code now names two products.
    CartFixture f({partNumber(QStringLiteral("WS-400"), QStringLiteral("HB-100"))});
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Import"), &error)->id;
    const QString path = write(f.dir, QStringLiteral("order.csv"),
                               "Item number,Quantity,Unit\n"
                               "HB-100,5,EA\n"    // 2: added
                               "GL-200,15,EA\n"   // 3: adjusted, rounded to 20
                               "HB-10O,1,EA\n"    // 4: unknown, did you mean HB-100
                               "HB-100,1.5,EA\n"  // 5: invalid quantity
                               "OLD-300,1,EA\n"   // 6: unavailable
                               "WS-400,2,EA\n"    // 7: ambiguous
                               "HB-100,2,PAL\n"); // 8: unit not sold
    ImportPreviewDialog dialog(*f.db, cart);
    QAbstractItemModelTester tester(dialog.model());
    QVERIFY2(dialog.loadFile(path, &error), qPrintable(error));

    QCOMPARE(dialog.model()->rowCount(), 7);
    QCOMPARE(outcomes(dialog),
             (QList<int>{int(Outcome::Added), int(Outcome::Adjusted), int(Outcome::Unknown),
                         int(Outcome::InvalidQuantity), int(Outcome::Unavailable),
                         int(Outcome::Ambiguous), int(Outcome::InvalidUnit)}));
    auto detail = [&](int row) {
        return dialog.model()->index(row, ImportPreviewModel::DetailColumn).data().toString();
    };
    auto lineNumber = [&](int row) {
        return dialog.model()
            ->index(row, ImportPreviewModel::LineColumn)
            .data(ImportPreviewModel::RawValueRole)
            .toInt();
    };
    QCOMPARE(lineNumber(0), 2); // file lines: the header is line 1
    QCOMPARE(lineNumber(6), 8);
    QVERIFY2(detail(1).contains(QStringLiteral("rounded to full case")), qPrintable(detail(1)));
    QVERIFY2(detail(2).contains(QStringLiteral("HB-100")), qPrintable(detail(2)));
    QVERIFY2(detail(5).contains(QStringLiteral("HB-100")) &&
                 detail(5).contains(QStringLiteral("WS-400")),
             qPrintable(detail(5)));
    QVERIFY(!detail(3).isEmpty());
    QVERIFY(!detail(4).isEmpty());
    QVERIFY(!detail(6).isEmpty());

    const QString summary = dialog.summaryLabel()->text();
    for (const char *expected : {"Added: 1", "Adjusted: 1", "Unknown code: 1",
                                 "Invalid quantity: 1", "Unavailable: 1", "Ambiguous: 1"})
        QVERIFY2(summary.contains(QLatin1String(expected)), qPrintable(summary));

    // Nothing has changed before Add.
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 0);

    // The filter shows one outcome, or all that need attention.
    dialog.setOutcomeFilter(int(Outcome::Unknown));
    QCOMPARE(outcomes(dialog), QList<int>{int(Outcome::Unknown)});
    dialog.setOutcomeFilter(-2);
    QCOMPARE(dialog.table()->model()->rowCount(), 6);
    dialog.setOutcomeFilter(-1);
    QCOMPARE(dialog.table()->model()->rowCount(), 7);

    // The report has every line.
    const QString report = f.dir.filePath(QStringLiteral("report.csv"));
    QVERIFY2(dialog.saveReport(report, &error), qPrintable(error));
    QFile in(report);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QStringList reportLines =
        QString::fromUtf8(in.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(reportLines.size(), 8);
    QVERIFY2(reportLines.at(3).contains(QStringLiteral("unknown")), qPrintable(reportLines.at(3)));

    // Add: the lines that go in, in one undoable step; the unknown code is kept.
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QList<CartLine> lines = CartStore(*f.db).lines(cart);
    QStringList skus;
    for (const CartLine &line : lines)
        skus << line.sku + u':' + QString::number(line.quantity);
    QCOMPARE(skus, (QStringList{QStringLiteral("HB-100:5"), QStringLiteral("GL-200:20"),
                                QStringLiteral("OLD-300:1")}));
    QCOMPARE(lines.first().source, LineSource::Imported);
    const auto unresolved = CartStore(*f.db).unresolvedCodes();
    QCOMPARE(unresolved.size(), 1);
    QCOMPARE(unresolved.first().code, QStringLiteral("HB-10O"));
    QVERIFY(CartStore(*f.db).undo(cart, &error));
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
}

void tst_ImportPreviewDialog::cancelLeavesTheCart()
{
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Import"), &error)->id;
    const QString path =
        write(f.dir, QStringLiteral("order.tsv"), "SKU\tQty\nHB-100\t5\nNOPE\t1\n");
    ImportPreviewDialog dialog(*f.db, cart);
    QVERIFY2(dialog.loadFile(path, &error), qPrintable(error));
    QCOMPARE(dialog.model()->rowCount(), 2);
    dialog.reject();
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
    QCOMPARE(CartStore(*f.db).unresolvedCodes().size(), 0);
}

void tst_ImportPreviewDialog::pastedCellsWithAndWithoutHeader_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("codes");
    const QStringList two{QStringLiteral("HB-100"), QStringLiteral("WS-400")};
    QTest::newRow("header") << QStringLiteral("SKU\tQty\nHB-100\t3\nWS-400\t2\n") << two;
    QTest::newRow("no header") << QStringLiteral("HB-100\t3\nWS-400\t2") << two;
    QTest::newRow("crlf, blank line") << QStringLiteral("HB-100\t3\r\n\r\nWS-400\t2\r\n") << two;
}

void tst_ImportPreviewDialog::pastedCellsWithAndWithoutHeader()
{
    QFETCH(QString, text);
    QFETCH(QStringList, codes);
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Paste"), &error)->id;
    ImportPreviewDialog dialog(*f.db, cart);
    QVERIFY2(dialog.loadText(text, &error), qPrintable(error));
    QStringList shown;
    for (int row = 0; row < dialog.model()->rowCount(); ++row)
        shown << dialog.model()->index(row, ImportPreviewModel::CodeColumn).data().toString();
    QCOMPARE(shown, codes);
    QCOMPARE(dialog.plan().results().first().entry.source, LineSource::Pasted);
}

void tst_ImportPreviewDialog::unreadableInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty.csv");
    QTest::newRow("broken xlsx") << QByteArray("PK\x03\x04garbage", 12)
                                 << QStringLiteral("broken.xlsx");
    QTest::newRow("legacy xls") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
                                << QStringLiteral("old.xls");
    QTest::newRow("missing") << QByteArray() << QString();
}

void tst_ImportPreviewDialog::unreadableInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Import"), &error)->id;
    const QString path =
        name.isEmpty() ? f.dir.filePath(QStringLiteral("no-such.csv")) : write(f.dir, name, bytes);
    ImportPreviewDialog dialog(*f.db, cart);
    QVERIFY(!dialog.loadFile(path, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!dialog.addButton()->isEnabled());
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
}

void tst_ImportPreviewDialog::hundredThousandLines()
{
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Big"), &error)->id;
    QByteArray csv = "SKU,Qty\n";
    const char *codes[] = {"HB-100", "WS-400", "GL-200", "NOPE-1"};
    for (int i = 0; i < 100000; ++i)
        csv += QByteArray(codes[i % 4]) + ',' + QByteArray::number(1 + i % 7) + '\n';
    const QString path = write(f.dir, QStringLiteral("big.csv"), csv);
    QElapsedTimer timer;
    timer.start();
    ImportPreviewDialog dialog(*f.db, cart);
    QVERIFY2(dialog.loadFile(path, &error), qPrintable(error));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const qint64 openMs = timer.elapsed();
    QCOMPARE(dialog.model()->rowCount(), 100000);
    QCOMPARE(dialog.plan().summary().unknown, 25000);
    timer.restart();
    dialog.setOutcomeFilter(int(Outcome::Unknown));
    const qint64 filterMs = timer.elapsed();
    QCOMPARE(dialog.table()->model()->rowCount(), 25000);
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);
    qInfo("100,000 lines: read, preview and show %lld ms; filter by outcome %lld ms", openMs,
          filterMs);
}

QM_UI_TEST_MAIN(tst_ImportPreviewDialog)
#include "tst_importpreviewdialog.moc"
