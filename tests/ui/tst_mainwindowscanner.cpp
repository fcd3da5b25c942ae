// The main window's scanners: the serial scanner's codes take the keyboard-wedge path into
// the cart (pseudo-terminal as the port), its state in the status bar, the scanner
// settings from the Tools menu taking effect at once, and the camera action.
#include "cartfixture.h"
#include "uitestmain.h"

#include "models/cartstore.h"
#include "scan/serialscanner.h"
#include "ui/cameradialog.h"
#include "ui/cartview.h"
#include "ui/mainwindow.h"
#include "ui/scannerinput.h"
#include "ui/scannersettingsdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>

#include <termios.h>
#include <unistd.h>
#if defined(Q_OS_MACOS)
#include <util.h>
#else
#include <pty.h>
#endif

using namespace qm;
using namespace qm::test;

class tst_MainWindowScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serialScansGoToTheCart();
    void serialStateInTheStatusBar();
    void settingsFromTheMenuApplyAtOnce();
    void storedSettingsAreUsedAtStart();
    void cameraActionWithoutCamera();

private:
    static void show(QWidget &widget)
    {
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    bool openPty()
    {
        char name[256] = {};
        if (::openpty(&m_master, &m_slave, name, nullptr, nullptr) != 0)
            return false;
        struct termios raw;
        ::tcgetattr(m_slave, &raw);
        ::cfmakeraw(&raw);
        ::tcsetattr(m_slave, TCSANOW, &raw);
        m_port = QString::fromLocal8Bit(name);
        return true;
    }
    void closePty()
    {
        if (m_master >= 0)
            ::close(m_master);
        if (m_slave >= 0)
            ::close(m_slave);
        m_master = m_slave = -1;
    }
    void send(const QByteArray &bytes)
    {
        QCOMPARE(::write(m_master, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
    }
    scan::ScannerConfig serialConfig(const QString &port) const
    {
        scan::ScannerConfig c;
        c.serialEnabled = true;
        c.serialPort = port;
        c.sound = false;
        return c;
    }

    int m_master = -1;
    int m_slave = -1;
    QString m_port;
};

void tst_MainWindowScanner::init()
{
    QSettings().clear();
    QVERIFY(openPty());
}

void tst_MainWindowScanner::cleanup()
{
    closePty();
}

void tst_MainWindowScanner::serialScansGoToTheCart()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    window.applyScannerConfig(serialConfig(m_port));
    QCOMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Connected);
    QVERIFY(window.serialScannerLabel()->isVisible());
    QVERIFY2(window.serialScannerLabel()->text().contains(m_port),
             qPrintable(window.serialScannerLabel()->text()));

    // On the cart page a serial scan is added like a keyboard-wedge scan.
    window.showPage(MainWindow::Page::Cart);
    QSignalSpy given(window.cartView()->feedback(), &ScanFeedback::given);
    send("]E0" + CartFixture::boltBoxGtin().toLatin1() + "\r\n");
    QTRY_COMPARE(given.count(), 1);
    QCOMPARE(given.first().first().value<ScanFeedback::Kind>(), ScanFeedback::Kind::Added);
    const qint64 cart = window.cartView()->currentCartId();
    auto line = CartStore(*f.db).findLine(cart, QStringLiteral("HB-100"), QStringLiteral("BX"));
    QVERIFY(line);
    QCOMPARE(line->quantity, 1);
    QCOMPARE(line->source, LineSource::Scanned);
    QCOMPARE(window.cartView()->feedback()->flash()->parentWidget(),
             window.cartView()->table()->viewport());

    // On the quick order page too; the flash goes over the quick order grid.
    window.showPage(MainWindow::Page::QuickOrder);
    send("]E0" + CartFixture::boltBoxGtin().toLatin1() + "\r");
    QTRY_COMPARE(given.count(), 2);
    line = CartStore(*f.db).findLine(cart, QStringLiteral("HB-100"), QStringLiteral("BX"));
    QCOMPARE(line->quantity, 2);
    QVERIFY(window.cartView()->feedback()->flash()->parentWidget() !=
            window.cartView()->table()->viewport());

    // An unknown code: the unknown feedback, kept as unresolved.
    send("NO-SUCH-9\r");
    QTRY_COMPARE(given.count(), 3);
    QCOMPARE(given.last().first().value<ScanFeedback::Kind>(), ScanFeedback::Kind::Unknown);

    // The catalog page takes no scans: said in the status bar, the cart stays as it is.
    window.showPage(MainWindow::Page::Catalog);
    send("]E0" + CartFixture::boltBoxGtin().toLatin1() + "\r");
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("not added")));
    QCOMPARE(given.count(), 3);
    line = CartStore(*f.db).findLine(cart, QStringLiteral("HB-100"), QStringLiteral("BX"));
    QCOMPARE(line->quantity, 2);

    // Turned off: the port is closed and the status bar no longer mentions it.
    window.applyScannerConfig(scan::ScannerConfig{});
    QCOMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Closed);
    QVERIFY(!window.serialScanner()->isOpen());
    QVERIFY(!window.serialScannerLabel()->isVisible());
}

void tst_MainWindowScanner::serialStateInTheStatusBar()
{
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("ttyScanner"));
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    window.serialScanner()->setRetryInterval(30);
    window.showPage(MainWindow::Page::Cart);

    // Not plugged in: cannot open, with the reason.
    window.applyScannerConfig(serialConfig(link));
    QCOMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Failed);
    QVERIFY2(window.serialScannerLabel()->text().contains(QStringLiteral("cannot open")),
             qPrintable(window.serialScannerLabel()->text()));
    QVERIFY2(window.serialScannerLabel()->toolTip().contains(link),
             qPrintable(window.serialScannerLabel()->toolTip()));
    QVERIFY(window.statusBar()->currentMessage().contains(link));

    // Plugged in: connected, and its scans arrive.
    QVERIFY(QFile::link(m_port, link));
    QTRY_COMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Connected);
    QVERIFY2(window.serialScannerLabel()->text().contains(link),
             qPrintable(window.serialScannerLabel()->text()));
    QVERIFY(!window.serialScannerLabel()->text().contains(QStringLiteral("cannot")));

    // Unplugged: disconnected, retrying.
    closePty();
    QVERIFY(QFile::remove(link));
    QTRY_COMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Disconnected);
    QVERIFY2(window.serialScannerLabel()->text().contains(QStringLiteral("disconnected, retrying")),
             qPrintable(window.serialScannerLabel()->text()));

    // Back again: reopened, and a scan goes to the cart.
    QVERIFY(openPty());
    QVERIFY(QFile::link(m_port, link));
    QTRY_COMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Connected);
    QSignalSpy given(window.cartView()->feedback(), &ScanFeedback::given);
    send("HB-100\r");
    QTRY_COMPARE(given.count(), 1);
    QVERIFY(CartStore(*f.db).findLine(window.cartView()->currentCartId(), QStringLiteral("HB-100"),
                                      QStringLiteral("EA")));
}

void tst_MainWindowScanner::settingsFromTheMenuApplyAtOnce()
{
    CartFixture f;
    MainWindow window(*f.db);
    show(window);
    window.showPage(MainWindow::Page::Cart);
    QVERIFY(window.scannerInput()->isEnabled());
    QVERIFY(window.cartView()->feedback()->isSoundEnabled());

    // Tools → Scanner Settings…
    QAction *action = window.scannerSettingsAction();
    QVERIFY(action->isEnabled());
    QMenu *tools = nullptr;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->menu()->actions().contains(action))
            tools = menu->menu();
    QVERIFY(tools);
    QCOMPARE(tools->title(), QStringLiteral("&Tools"));
    action->trigger();
    ScannerSettingsDialog *dialog = window.scannerSettingsDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // While it is open, the dialog's test field reads the keyboard scanner.
    QVERIFY(!window.scannerInput()->isEnabled());

    dialog->findChild<QLineEdit *>(QStringLiteral("wedgePrefix"))->setText(QStringLiteral("#"));
    dialog->findChild<QLineEdit *>(QStringLiteral("gsSubstitute"))->setText(QStringLiteral("|"));
    dialog->findChild<QSpinBox *>(QStringLiteral("maxKeyGap"))->setValue(22);
    dialog->findChild<QCheckBox *>(QStringLiteral("scanSound"))->setChecked(false);
    dialog->findChild<QCheckBox *>(QStringLiteral("serialEnabled"))->setChecked(true);
    dialog->findChild<QComboBox *>(QStringLiteral("serialPort"))->setEditText(m_port);

    // A serial scan while the dialog is open is shown in its test field, not added.
    QSignalSpy given(window.cartView()->feedback(), &ScanFeedback::given);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply)->click();
    QCOMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Connected);
    send("]C10109506000134352|10AB\r");
    QTRY_VERIFY(dialog->testResult()->text().contains(QStringLiteral("batch AB")));
    QCOMPARE(given.count(), 0);

    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!window.scannerSettingsDialog());
    QCOMPARE(window.scannerInput()->detectorSettings().prefix, QStringLiteral("#"));
    QCOMPARE(window.scannerInput()->detectorSettings().maxGapMs, 22);
    QCOMPARE(window.scannerInput()->scanSettings().gsSubstitute, QChar(u'|'));
    QVERIFY(!window.cartView()->feedback()->isSoundEnabled());
    QVERIFY(window.scannerInput()->isEnabled()); // the cart page takes scans again
    QCOMPARE(window.scannerConfig().serialPort, m_port);
    QCOMPARE(scan::ScannerConfig::load(QSettings()), window.scannerConfig());
}

void tst_MainWindowScanner::storedSettingsAreUsedAtStart()
{
    scan::ScannerConfig c = serialConfig(m_port);
    c.prefix = QStringLiteral("$");
    c.minLength = 9;
    {
        QSettings settings;
        c.save(settings);
    }
    CartFixture f;
    MainWindow window(*f.db);
    QCOMPARE(window.scannerConfig(), c);
    QCOMPARE(window.scannerInput()->detectorSettings().prefix, QStringLiteral("$"));
    QCOMPARE(window.scannerInput()->detectorSettings().minLength, 9);
    QCOMPARE(window.serialScanner()->state(), scan::SerialScanner::State::Connected);
    QVERIFY(!window.cartView()->feedback()->isSoundEnabled());
}

void tst_MainWindowScanner::cameraActionWithoutCamera()
{
    if (CameraDialog::hasCamera())
        QSKIP("this computer has a camera");
    CartFixture f;
    MainWindow window(*f.db);
    QVERIFY(!window.cameraAction()->isEnabled());
    QVERIFY2(window.cameraAction()->toolTip().contains(QStringLiteral("No camera")),
             qPrintable(window.cameraAction()->toolTip()));
}

QM_UI_TEST_MAIN(tst_MainWindowScanner)
#include "tst_mainwindowscanner.moc"
