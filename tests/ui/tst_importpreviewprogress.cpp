// A large import preview runs beside the window: progress is shown while the lines are
// checked, the result is the one a preview in the window's own thread gives, and cancelling
// leaves the cart as it was.
#include "cartfixture.h"
#include "uitestmain.h"

#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "models/cartstore.h"
#include "ui/importpreviewdialog.h"

#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>

using namespace qm;
using namespace qm::test;

class tst_ImportPreviewProgress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsProgressThenTheResult();
    void cancelLeavesTheCart();

private:
    // `lines` order lines cycling through HB-100, WS-400, GL-200 and unknown codes.
    static QString writeOrder(const QTemporaryDir &dir, int lines)
    {
        QByteArray csv = "SKU,Qty\n";
        const char *codes[] = {"HB-100", "WS-400", "GL-200", "NOPE-"};
        for (int i = 0; i < lines; ++i) {
            csv += codes[i % 4];
            if (i % 4 == 3)
                csv += QByteArray::number(i % 50);
            csv += ',' + QByteArray::number(1 + i % 7) + '\n';
        }
        const QString path = dir.filePath(QStringLiteral("order-%1.csv").arg(lines));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // Watches the dialog's progress while loadFile() runs: each value it shows.
    struct ProgressWatch
    {
        QTimer timer;
        QList<int> values;
        bool cancelOnFirst = false;
        bool clickedCancel = false;

        explicit ProgressWatch(ImportPreviewDialog &dialog)
        {
            timer.setInterval(1);
            QObject::connect(&timer, &QTimer::timeout, &timer, [this, &dialog] {
                auto *progress =
                    dialog.findChild<QProgressDialog *>(QStringLiteral("importProgress"));
                if (!progress || !progress->isVisible())
                    return;
                values << progress->value();
                if (cancelOnFirst && !clickedCancel) {
                    auto *cancel = progress->findChild<QPushButton *>();
                    QVERIFY(cancel);
                    clickedCancel = true;
                    cancel->click();
                }
            });
            timer.start();
        }
    };
};

void tst_ImportPreviewProgress::showsProgressThenTheResult()
{
    CartFixture f;
    QString error;
    const qint64 cart = CartStore(*f.db).createCart(QStringLiteral("Big"), &error)->id;
    const int lines = 40000;
    QVERIFY(lines >= ImportPreviewDialog::BackgroundLines);
    const QString path = writeOrder(f.dir, lines);

    ImportPreviewDialog dialog(*f.db, cart);
    ProgressWatch watch(dialog);
    QVERIFY2(dialog.loadFile(path, &error), qPrintable(error));
    watch.timer.stop();
    // The window's thread kept running its events and showed how far the check got.
    QVERIFY(!watch.values.isEmpty());
    QVERIFY(std::is_sorted(watch.values.cbegin(), watch.values.cend()));
    QVERIFY(watch.values.constLast() <= 100);
    qInfo("progress seen %lld times, from %d to %d", qint64(watch.values.size()),
          watch.values.constFirst(), watch.values.constLast());
    QVERIFY(!dialog.findChild<QProgressDialog *>(QStringLiteral("importProgress")) ||
            !dialog.findChild<QProgressDialog *>(QStringLiteral("importProgress"))->isVisible());

    QCOMPARE(dialog.model()->rowCount(), lines);
    QCOMPARE(dialog.plan().summary().unknown, lines / 4);
    QVERIFY(dialog.addButton()->isEnabled());
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 0);

    // The same entries previewed in this thread give the same report.
    const import::ReadResult read = import::readFile(path);
    QuickOrderImport direct(*f.db, cart);
    QVERIFY2(direct.preview(QuickOrderImport::entriesFromRows(
                                import::quickOrderRows(read.table).rows, LineSource::Imported),
                            &error),
             qPrintable(error));
    QCOMPARE(dialog.plan().reportRows(), direct.reportRows());

    // Applying it is one step: three lines with the quantities summed, every unknown code kept.
    qint64 bolts = 0;
    qint64 washers = 0;
    qint64 gloves = 0;
    for (int i = 0; i < lines; ++i) {
        const qint64 quantity = 1 + i % 7;
        switch (i % 4) {
        case 0:
            bolts += quantity;
            break;
        case 1:
            washers += quantity;
            break;
        case 2:
            gloves += quantity;
            break;
        default:
            break;
        }
    }
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    CartStore store(*f.db);
    QCOMPARE(store.findLine(cart, QStringLiteral("HB-100"), QStringLiteral("EA"))->quantity, bolts);
    QCOMPARE(store.findLine(cart, QStringLiteral("WS-400"), QStringLiteral("EA"))->quantity,
             washers);
    // Gloves: a multiple of 10.
    QCOMPARE(store.findLine(cart, QStringLiteral("GL-200"), QStringLiteral("EA"))->quantity,
             (gloves + 9) / 10 * 10);
    QCOMPARE(store.lineCount(cart), 3);
    QCOMPARE(store.unresolvedCodes().size(), lines / 4);
    QCOMPARE(store.undoStep(cart)->edit, CartEdit::AddLines);
}

void tst_ImportPreviewProgress::cancelLeavesTheCart()
{
    CartFixture f;
    QString error;
    CartStore store(*f.db);
    const qint64 cart = store.createCart(QStringLiteral("Big"), &error)->id;
    NewLine bolt;
    bolt.code = bolt.sku = QStringLiteral("HB-100");
    bolt.uom = QStringLiteral("EA");
    bolt.quantity = 5;
    QVERIFY(store.addLine(cart, bolt, &error));
    const QString path = writeOrder(f.dir, 100000);

    ImportPreviewDialog dialog(*f.db, cart);
    ProgressWatch watch(dialog);
    watch.cancelOnFirst = true;
    QVERIFY(!dialog.loadFile(path, &error));
    watch.timer.stop();
    QVERIFY(watch.clickedCancel);
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
    QVERIFY(dialog.plan().cancelled());
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!dialog.addButton()->isEnabled());

    // The cart holds what it held, and nothing was recorded.
    QCOMPARE(store.lineCount(cart), 1);
    QCOMPARE(store.findLine(cart, QStringLiteral("HB-100"), QStringLiteral("EA"))->quantity, 5);
    QCOMPARE(store.unresolvedCodes().size(), 0);
    QCOMPARE(store.undoStep(cart)->edit, CartEdit::AddLine);
    QVERIFY(!store.redoStep(cart));
}

QM_UI_TEST_MAIN(tst_ImportPreviewProgress)
#include "tst_importpreviewprogress.moc"
