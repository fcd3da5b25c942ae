// The scanner settings dialog: values are stored and announced, settings that do not fit
// together are refused with the reason (nothing stored), and the test field reads a scan
// with the settings as they stand in the dialog.
#include "ui/scannersettingsdialog.h"

#include "uitestmain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>

using qm::ScannerSettingsDialog;
using qm::scan::ScannerConfig;

class tst_ScannerSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsTheSettings();
    void okStoresAndAnnounces();
    void invalidInputIsRefused_data();
    void invalidInputIsRefused();
    void testFieldReadsAScan();
    void testFieldReadsTypedText();
    void serialFieldsFollowTheSwitch();

private:
    template<typename T>
    static T *child(const QWidget &dialog, const char *name)
    {
        T *w = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    static void show(QWidget &widget)
    {
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
    }
    void type(QWidget *target, const QString &text, int gapMs)
    {
        for (QChar c : text) {
            m_clock += quint64(gapMs);
            int key = int(c.toUpper().unicode());
            if (c == u'\r')
                key = Qt::Key_Return;
            else if (c == u'\t')
                key = Qt::Key_Tab;
            QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier, QString(c));
            down.setTimestamp(m_clock);
            QApplication::sendEvent(target, &down);
            QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier, QString(c));
            up.setTimestamp(m_clock + 2);
            QApplication::sendEvent(target, &up);
        }
    }
    static void click(ScannerSettingsDialog &dialog, QDialogButtonBox::StandardButton which)
    {
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(which), Qt::LeftButton);
    }

    quint64 m_clock = 1'000'000;
};

void tst_ScannerSettingsDialog::init()
{
    QSettings().clear();
}

void tst_ScannerSettingsDialog::showsTheSettings()
{
    ScannerConfig c;
    c.prefix = QStringLiteral("#");
    c.suffix = QStringLiteral("\t");
    c.gsSubstitute = u'|';
    c.maxGapMs = 25;
    c.minLength = 7;
    c.serialEnabled = true;
    c.serialPort = QStringLiteral("/dev/ttyVIRTUAL9");
    c.baudRate = 38400;
    c.serialSuffix = "\n";
    c.sound = false;
    ScannerSettingsDialog dialog(c);
    QCOMPARE(child<QComboBox>(dialog, "wedgeSuffix")->currentText(), QStringLiteral("Tab"));
    QCOMPARE(child<QLineEdit>(dialog, "wedgePrefix")->text(), QStringLiteral("#"));
    QCOMPARE(child<QLineEdit>(dialog, "gsSubstitute")->text(), QStringLiteral("|"));
    QCOMPARE(child<QSpinBox>(dialog, "maxKeyGap")->value(), 25);
    QCOMPARE(child<QSpinBox>(dialog, "minLength")->value(), 7);
    QVERIFY(child<QCheckBox>(dialog, "serialEnabled")->isChecked());
    // A port that is not in the list (a virtual one) is kept as typed.
    QCOMPARE(child<QComboBox>(dialog, "serialPort")->currentText(),
             QStringLiteral("/dev/ttyVIRTUAL9"));
    QCOMPARE(child<QComboBox>(dialog, "baudRate")->currentText(), QStringLiteral("38400"));
    QCOMPARE(child<QComboBox>(dialog, "serialSuffix")->currentText(), QStringLiteral("LF"));
    QVERIFY(!child<QCheckBox>(dialog, "scanSound")->isChecked());
    QCOMPARE(dialog.config(), c);
    // Refreshing the port list keeps what was typed.
    dialog.refreshPorts();
    QCOMPARE(dialog.config().serialPort, QStringLiteral("/dev/ttyVIRTUAL9"));
    QVERIFY(!dialog.problemLabel()->isVisibleTo(&dialog));
}

void tst_ScannerSettingsDialog::okStoresAndAnnounces()
{
    ScannerSettingsDialog dialog(ScannerConfig{});
    show(dialog);
    QSignalSpy applied(&dialog, &ScannerSettingsDialog::applied);
    auto *suffix = child<QComboBox>(dialog, "wedgeSuffix");
    suffix->setCurrentIndex(suffix->findText(QStringLiteral("Tab")));
    child<QLineEdit>(dialog, "wedgePrefix")->setText(QStringLiteral("##"));
    child<QLineEdit>(dialog, "gsSubstitute")->setText(QStringLiteral("~"));
    child<QSpinBox>(dialog, "maxKeyGap")->setValue(20);
    child<QSpinBox>(dialog, "minLength")->setValue(6);
    child<QCheckBox>(dialog, "serialEnabled")->setChecked(true);
    child<QComboBox>(dialog, "serialPort")->setEditText(QStringLiteral("/tmp/ttyV0"));
    auto *baud = child<QComboBox>(dialog, "baudRate");
    baud->setCurrentIndex(baud->findText(QStringLiteral("115200")));
    auto *serialSuffix = child<QComboBox>(dialog, "serialSuffix");
    serialSuffix->setCurrentIndex(serialSuffix->findText(QStringLiteral("Tab")));
    child<QCheckBox>(dialog, "scanSound")->setChecked(false);

    // Apply stores and announces and leaves the dialog open.
    click(dialog, QDialogButtonBox::Apply);
    QCOMPARE(applied.count(), 1);
    QVERIFY(dialog.isVisible());
    ScannerConfig want;
    want.prefix = QStringLiteral("##");
    want.suffix = QStringLiteral("\t");
    want.gsSubstitute = u'~';
    want.maxGapMs = 20;
    want.minLength = 6;
    want.serialEnabled = true;
    want.serialPort = QStringLiteral("/tmp/ttyV0");
    want.baudRate = 115200;
    want.serialSuffix = "\t";
    want.sound = false;
    QCOMPARE(applied.first().first().value<ScannerConfig>(), want);
    QCOMPARE(ScannerConfig::load(QSettings()), want);

    // OK stores the change and closes.
    child<QSpinBox>(dialog, "minLength")->setValue(8);
    click(dialog, QDialogButtonBox::Ok);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QCOMPARE(applied.count(), 2);
    QCOMPARE(ScannerConfig::load(QSettings()).minLength, 8);
}

void tst_ScannerSettingsDialog::invalidInputIsRefused_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("gs");
    QTest::addColumn<bool>("serial");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("says");
    QTest::newRow("prefix equals suffix")
        << QStringLiteral("Tab") << QStringLiteral("\t") << QString() << false << QString()
        << QStringLiteral("same as the suffix");
    QTest::newRow("prefix with a space")
        << QStringLiteral("Enter") << QStringLiteral("A B") << QString() << false << QString()
        << QStringLiteral("visible characters");
    QTest::newRow("GS substitute a digit")
        << QStringLiteral("Enter") << QString() << QStringLiteral("0") << false << QString()
        << QStringLiteral("never a letter, digit or space");
    QTest::newRow("GS substitute in the prefix")
        << QStringLiteral("Enter") << QStringLiteral("~A") << QStringLiteral("~") << false
        << QString() << QStringLiteral("prefix cannot contain the GS substitute");
    QTest::newRow("serial without port")
        << QStringLiteral("Enter") << QString() << QString() << true << QStringLiteral(" ")
        << QStringLiteral("serial port");
}

void tst_ScannerSettingsDialog::invalidInputIsRefused()
{
    QFETCH(QString, suffix);
    QFETCH(QString, prefix);
    QFETCH(QString, gs);
    QFETCH(bool, serial);
    QFETCH(QString, port);
    QFETCH(QString, says);
    ScannerConfig stored;
    stored.prefix = QStringLiteral("#");
    {
        QSettings settings;
        stored.save(settings);
    }
    ScannerSettingsDialog dialog(stored);
    show(dialog);
    QSignalSpy applied(&dialog, &ScannerSettingsDialog::applied);
    auto *suffixBox = child<QComboBox>(dialog, "wedgeSuffix");
    suffixBox->setCurrentIndex(suffixBox->findText(suffix));
    child<QLineEdit>(dialog, "wedgePrefix")->setText(prefix);
    child<QLineEdit>(dialog, "gsSubstitute")->setText(gs);
    child<QCheckBox>(dialog, "serialEnabled")->setChecked(serial);
    child<QComboBox>(dialog, "serialPort")->setEditText(port);
    // Said at once, while editing.
    QVERIFY(dialog.problemLabel()->isVisible());
    QVERIFY2(dialog.problemLabel()->text().contains(says),
             qPrintable(dialog.problemLabel()->text()));

    click(dialog, QDialogButtonBox::Apply);
    click(dialog, QDialogButtonBox::Ok);
    QVERIFY(dialog.isVisible()); // OK refused
    QCOMPARE(applied.count(), 0);
    QVERIFY(dialog.problemLabel()->text().contains(says));
    QCOMPARE(ScannerConfig::load(QSettings()), stored); // nothing stored

    // Fixed, it goes through.
    child<QLineEdit>(dialog, "wedgePrefix")->clear();
    child<QLineEdit>(dialog, "gsSubstitute")->clear();
    child<QCheckBox>(dialog, "serialEnabled")->setChecked(false);
    QVERIFY(!dialog.problemLabel()->isVisible());
    click(dialog, QDialogButtonBox::Ok);
    QCOMPARE(applied.count(), 1);
    QVERIFY(!dialog.isVisible());
}

void tst_ScannerSettingsDialog::testFieldReadsAScan()
{
    ScannerSettingsDialog dialog(ScannerConfig{});
    show(dialog);
    // Settings as edited, not yet applied: prefix "#", suffix Tab, "~" for GS.
    auto *suffix = child<QComboBox>(dialog, "wedgeSuffix");
    suffix->setCurrentIndex(suffix->findText(QStringLiteral("Tab")));
    child<QLineEdit>(dialog, "wedgePrefix")->setText(QStringLiteral("#"));
    child<QLineEdit>(dialog, "gsSubstitute")->setText(QStringLiteral("~"));
    dialog.testField()->setFocus();
    QCOMPARE(QApplication::focusWidget(), dialog.testField());

    type(dialog.testField(), QStringLiteral("#]C1010950600013435210AB~3712\t"), 4);
    QTRY_VERIFY(!dialog.testResult()->text().isEmpty());
    const QString shown = dialog.testResult()->text();
    QVERIFY2(shown.contains(QStringLiteral("GS1")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("09506000134352")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("batch AB")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("quantity 12")), qPrintable(shown));
    // The field shows what the scanner sent, control characters made visible.
    QCOMPARE(dialog.testField()->text(), QStringLiteral("#]C1010950600013435210AB~3712<Tab>"));
    // The Tab that ended the scan did not move the focus.
    QCOMPARE(QApplication::focusWidget(), dialog.testField());

    // A bad check digit is shown as such.
    type(dialog.testField(), QStringLiteral("#]E04006381333932\t"), 4);
    QTRY_VERIFY(dialog.testResult()->text().startsWith(QStringLiteral("Not usable")));
    QVERIFY(dialog.testResult()->text().contains(QStringLiteral("check digit")));

    // Without the prefix the burst is no scan: the keys reach the field.
    dialog.testField()->clear();
    dialog.testResult()->clear();
    type(dialog.testField(), QStringLiteral("4006381333931"), 4);
    QTRY_COMPARE(dialog.testField()->text(), QStringLiteral("4006381333931"));
    QVERIFY(dialog.testResult()->text().isEmpty());
}

void tst_ScannerSettingsDialog::testFieldReadsTypedText()
{
    ScannerConfig c;
    c.gsSubstitute = u'|';
    ScannerSettingsDialog dialog(c);
    show(dialog);
    dialog.testField()->setFocus();
    // A person's Enter may be held back for up to the key gap (it could start a scan).
    dialog.testField()->setText(QStringLiteral("(01)09506000134352(17)261231"));
    type(dialog.testField(), QStringLiteral("\r"), 500);
    QTRY_VERIFY2(dialog.testResult()->text().contains(QStringLiteral("expiry 2026-12-31")),
                 qPrintable(dialog.testResult()->text()));
    QVERIFY(dialog.isVisible()); // Enter tests, it does not close the dialog
    dialog.testField()->setText(QStringLiteral("HB-100"));
    type(dialog.testField(), QStringLiteral("\r"), 500);
    QTRY_VERIFY2(dialog.testResult()->text().contains(QStringLiteral("SKU or part number: HB-100")),
                 qPrintable(dialog.testResult()->text()));
    QVERIFY(dialog.isVisible());
}

void tst_ScannerSettingsDialog::serialFieldsFollowTheSwitch()
{
    ScannerSettingsDialog dialog(ScannerConfig{});
    auto *enabled = child<QCheckBox>(dialog, "serialEnabled");
    auto *port = child<QComboBox>(dialog, "serialPort");
    QVERIFY(!enabled->isChecked());
    QVERIFY(!port->isEnabled());
    enabled->setChecked(true);
    QVERIFY(port->isEnabled());
    QVERIFY(child<QComboBox>(dialog, "baudRate")->isEnabled());
    QCOMPARE(child<QComboBox>(dialog, "baudRate")->currentText(), QStringLiteral("9600"));
}

QM_UI_TEST_MAIN(tst_ScannerSettingsDialog)
#include "tst_scannersettingsdialog.moc"
