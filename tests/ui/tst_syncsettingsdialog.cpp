// Sync settings: the interval of the automatic sync, set with the keyboard, stored on OK and
// announced; Escape changes nothing. The main window's Tools menu opens the dialog.
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"
#include "ui/mainwindow.h"
#include "ui/syncsettingsdialog.h"

#include "cartfixture.h"
#include "uitestmain.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTranslator>

using namespace qm;

class tst_SyncSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void showsTheInterval_data();
    void showsTheInterval();
    void keyboardSetsAndStores();
    void turningOffStoresZero();
    void escapeChangesNothing();
    void toolsMenuOpensIt();
    void timeLeft_data();
    void timeLeft();
    void progressShowsItemsWithoutAnEarlyEstimate();
    void skippedSyncIsShown();

private:
    static void show(QWidget &widget)
    {
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    static int stored() { return SyncScheduler::loadIntervalMinutes(QSettings()); }

    QTranslator m_english;
};

void tst_SyncSettingsDialog::initTestCase()
{
    // The English catalogue gives the plural forms ("1 minute", "5 minutes").
    QVERIFY(m_english.load(QStringLiteral("quartermaster_en"),
                           qEnvironmentVariable("QM_TRANSLATIONS_DIR")));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
}

void tst_SyncSettingsDialog::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_english);
}

void tst_SyncSettingsDialog::init()
{
    QSettings().clear();
}

void tst_SyncSettingsDialog::showsTheInterval_data()
{
    QTest::addColumn<int>("interval");
    QTest::addColumn<bool>("automatic");
    QTest::addColumn<int>("shown");
    QTest::addColumn<QString>("unit");

    QTest::newRow("default") << 15 << true << 15 << "minutes";
    QTest::newRow("one") << 1 << true << 1 << "minute";
    QTest::newRow("a day") << 1440 << true << 1440 << "minutes";
    // Off keeps a sensible number ready for when it is turned on.
    QTest::newRow("off") << 0 << false << 15 << "minutes";
}

void tst_SyncSettingsDialog::showsTheInterval()
{
    QFETCH(int, interval);
    QFETCH(bool, automatic);
    QFETCH(int, shown);
    QFETCH(QString, unit);
    SyncSettingsDialog dialog(interval);
    QCOMPARE(dialog.automaticBox()->isChecked(), automatic);
    QCOMPARE(dialog.minutesBox()->value(), shown);
    QCOMPARE(dialog.minutesBox()->isEnabled(), automatic);
    QCOMPARE(dialog.intervalMinutes(), interval);
    QCOMPARE(dialog.minutesBox()->minimum(), 1);
    QCOMPARE(dialog.minutesBox()->maximum(), SyncScheduler::MaxIntervalMinutes);
    bool found = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        found = found || label->text() == unit;
    QVERIFY2(found, qPrintable(unit));
}

void tst_SyncSettingsDialog::keyboardSetsAndStores()
{
    SyncSettingsDialog dialog(15);
    QSignalSpy applied(&dialog, &SyncSettingsDialog::applied);
    show(dialog);
    // The checkbox has the focus; Tab reaches the minutes, typed over, Enter is OK.
    QCOMPARE(QApplication::focusWidget(), dialog.automaticBox());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), dialog.minutesBox());
    QTest::keyClick(dialog.minutesBox(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(dialog.minutesBox(), QStringLiteral("45"));
    QTest::keyClick(dialog.minutesBox(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toInt(), 45);
    QCOMPARE(stored(), 45);
}

void tst_SyncSettingsDialog::turningOffStoresZero()
{
    SyncSettingsDialog dialog(30);
    QSignalSpy applied(&dialog, &SyncSettingsDialog::applied);
    show(dialog);
    // Space toggles the focused checkbox; the minutes follow it.
    QTest::keyClick(dialog.automaticBox(), Qt::Key_Space);
    QVERIFY(!dialog.automaticBox()->isChecked());
    QVERIFY(!dialog.minutesBox()->isEnabled());
    QCOMPARE(dialog.intervalMinutes(), 0);
    QTest::keyClick(dialog.automaticBox(), Qt::Key_Return);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toInt(), 0);
    QCOMPARE(stored(), 0);
}

void tst_SyncSettingsDialog::escapeChangesNothing()
{
    QSettings settings;
    SyncScheduler::saveIntervalMinutes(settings, 20);
    SyncSettingsDialog dialog(20);
    QSignalSpy applied(&dialog, &SyncSettingsDialog::applied);
    show(dialog);
    QTest::keyClick(dialog.automaticBox(), Qt::Key_Tab);
    QTest::keyClick(dialog.minutesBox(), Qt::Key_Up);
    QCOMPARE(dialog.intervalMinutes(), 21);
    QTest::keyClick(dialog.minutesBox(), Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(applied.count(), 0);
    QCOMPARE(stored(), 20);
}

void tst_SyncSettingsDialog::toolsMenuOpensIt()
{
    test::CartFixture f;
    QSettings settings;
    SyncScheduler::saveIntervalMinutes(settings, 60);
    MainWindow window(*f.db);
    QSignalSpy changed(&window, &MainWindow::syncIntervalChanged);
    show(window);

    // Tools → Sync Settings… is in the menu bar and has a mnemonic.
    QMenu *tools = nullptr;
    for (QAction *action : window.menuBar()->actions())
        if (action->text() == u"&Tools")
            tools = action->menu();
    QVERIFY(tools);
    QVERIFY(tools->actions().contains(window.syncSettingsAction()));
    QVERIFY(window.syncSettingsAction()->text().contains(u'&'));

    window.syncSettingsAction()->trigger();
    QTRY_VERIFY(window.syncSettingsDialog() && window.syncSettingsDialog()->isVisible());
    SyncSettingsDialog *dialog = window.syncSettingsDialog();
    QCOMPARE(dialog->intervalMinutes(), 60); // read from the settings
    dialog->minutesBox()->setValue(5);
    dialog->accept();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 5);
    QCOMPARE(stored(), 5);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("5 minutes")));
    QTRY_VERIFY(!window.syncSettingsDialog()); // deleted on close
}

void tst_SyncSettingsDialog::timeLeft_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");

    QTest::newRow("nothing") << 0ll << "less than a minute left";
    QTest::newRow("59.9 s") << 59'999ll << "less than a minute left";
    QTest::newRow("1 min") << 60'000ll << "about 1 min left";
    QTest::newRow("1 min 29 s") << 89'999ll << "about 1 min left";
    QTest::newRow("1 min 30 s rounds up") << 90'000ll << "about 2 min left";
    QTest::newRow("59 min") << 59ll * 60'000 << "about 59 min left";
    QTest::newRow("59 min 30 s is an hour") << 59ll * 60'000 + 30'000 << "about 1 hour left";
    QTest::newRow("1 h 29 min") << 89ll * 60'000 << "about 1 hour left";
    QTest::newRow("1 h 30 min") << 90ll * 60'000 << "about 2 hours left";
    QTest::newRow("a week") << 7ll * 24 * 3'600'000 << "about 168 hours left";
}

void tst_SyncSettingsDialog::timeLeft()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(MainWindow::timeLeftText(ms), text);
}

void tst_SyncSettingsDialog::progressShowsItemsWithoutAnEarlyEstimate()
{
    test::CartFixture f;
    MainWindow window(*f.db);
    window.onSyncStarted();
    QVERIFY(window.isSyncing());
    SyncProgress p;
    p.feed = Feed::Products;
    p.itemsApplied = 1000;
    p.itemsExpected = 4000;
    p.pages = 1;
    window.onSyncProgress(p);
    // Right after the start there is too little to go on for an estimate.
    QCOMPARE(window.syncProgressBar()->format(),
             QStringLiteral("Products: %1 of %2")
                 .arg(QLocale().toString(1000), QLocale().toString(4000)));
    p.itemsExpected = -1;
    window.onSyncProgress(p);
    QCOMPARE(window.syncProgressBar()->format(),
             QStringLiteral("Products: %1").arg(QLocale().toString(1000)));
    SyncResult result;
    result.ok = true;
    window.onSyncFinished(result);
    QVERIFY(!window.isSyncing());
}

void tst_SyncSettingsDialog::skippedSyncIsShown()
{
    test::CartFixture f;
    MainWindow window(*f.db);
    window.onSyncSkippedOffline();
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Offline")),
             qPrintable(window.statusBar()->currentMessage()));
}

QM_UI_TEST_MAIN(tst_SyncSettingsDialog)
#include "tst_syncsettingsdialog.moc"
