#include "ui/scannerinput.h"

#include "uitestmain.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QWidget>

using qm::ScannerInput;
using qm::scan::ScanResult;

// Key events with chosen timestamps, one character at a time (QTest::keyClicks cannot
// send non-ASCII text).
class tst_ScannerInput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void burstBecomesScan();
    void humanTypingPassesThrough();
    void nonAsciiTyping();
    void burstWithoutSuffixEndsByPause();
    void scanBetweenHumanKeys();
    void otherKeyReleasesHeldKeys();
    void disabledPassesEverything();

private:
    void type(const QString &text, int gapMs);
    void press(int key, const QString &text, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    QWidget *m_window = nullptr;
    QLineEdit *m_edit = nullptr;
    ScannerInput *m_input = nullptr;
    quint64 m_clock = 1000000;
};

void tst_ScannerInput::init()
{
    m_window = new QWidget;
    auto *layout = new QVBoxLayout(m_window);
    m_edit = new QLineEdit(m_window);
    layout->addWidget(m_edit);
    m_window->show();
    m_edit->setFocus();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_input = new ScannerInput;
    m_input->install();
}

void tst_ScannerInput::cleanup()
{
    delete m_input;
    delete m_window;
}

void tst_ScannerInput::press(int key, const QString &text, Qt::KeyboardModifiers modifiers)
{
    QKeyEvent down(QEvent::KeyPress, key, modifiers, text);
    down.setTimestamp(m_clock);
    QApplication::sendEvent(m_edit, &down);
    QKeyEvent up(QEvent::KeyRelease, key, modifiers, text);
    up.setTimestamp(m_clock + 3);
    QApplication::sendEvent(m_edit, &up);
}

void tst_ScannerInput::type(const QString &text, int gapMs)
{
    for (QChar c : text) {
        m_clock += quint64(gapMs);
        if (c == u'\r')
            press(Qt::Key_Return, QStringLiteral("\r"));
        else
            press(c.toUpper().unicode(), QString(c));
    }
}

void tst_ScannerInput::burstBecomesScan()
{
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    type(QStringLiteral("]E04006381333931\r"), 6);
    QCOMPARE(scanned.count(), 1);
    const auto result = scanned.first().first().value<ScanResult>();
    QCOMPARE(result.kind, ScanResult::Kind::Gtin);
    QCOMPARE(result.code, QStringLiteral("04006381333931"));
    QCOMPARE(result.symbology, QStringLiteral("]E0"));
    QTest::qWait(60);
    QCOMPARE(m_edit->text(), QString()); // not one key of the scan reached the field
    QCOMPARE(returns.count(), 0);
}

void tst_ScannerInput::humanTypingPassesThrough()
{
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    type(QStringLiteral("M8 bolt\r"), 120);
    QTRY_COMPARE(returns.count(), 1);
    QCOMPARE(m_edit->text(), QStringLiteral("M8 bolt"));
    QCOMPARE(scanned.count(), 0);
}

void tst_ScannerInput::nonAsciiTyping()
{
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    type(QStringLiteral("Grüße"), 150);
    QTRY_COMPARE(m_edit->text(), QStringLiteral("Grüße"));
    // A scanner typing a non-ASCII part number is still a scanner.
    type(QStringLiteral("Prüfgerät-7\r"), 5);
    QCOMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().first().value<ScanResult>().code, QStringLiteral("Prüfgerät-7"));
    QTest::qWait(60);
    QCOMPARE(m_edit->text(), QStringLiteral("Grüße"));
}

void tst_ScannerInput::burstWithoutSuffixEndsByPause()
{
    qm::scan::ScanDetectorSettings settings;
    settings.suffix.clear();
    m_input->setDetectorSettings(settings);
    qm::scan::ScanSettings scanSettings;
    scanSettings.suffix.clear();
    m_input->setScanSettings(scanSettings);
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    type(QStringLiteral("SKU-4711"), 4);
    QCOMPARE(scanned.count(), 0); // could still go on
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().first().value<ScanResult>().code, QStringLiteral("SKU-4711"));
    QCOMPARE(m_edit->text(), QString());
}

void tst_ScannerInput::scanBetweenHumanKeys()
{
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    type(QStringLiteral("x"), 200);
    m_clock += 300;
    type(QStringLiteral("SKU-1\r"), 5);
    m_clock += 300;
    type(QStringLiteral("y"), 200);
    QTRY_COMPARE(m_edit->text(), QStringLiteral("xy"));
    QCOMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().first().value<ScanResult>().code, QStringLiteral("SKU-1"));
}

void tst_ScannerInput::otherKeyReleasesHeldKeys()
{
    type(QStringLiteral("ab"), 10); // fast, so still held back
    QCOMPARE(m_edit->text(), QString());
    m_clock += 10;
    press(Qt::Key_Backspace, QString());
    // The held keys reach the field before the Backspace, as they were typed.
    QCOMPARE(m_edit->text(), QStringLiteral("a"));
    m_clock += 10;
    press(Qt::Key_A, QStringLiteral("a"), Qt::ControlModifier); // select all, a shortcut
    QCOMPARE(m_edit->selectedText(), QStringLiteral("a"));
}

void tst_ScannerInput::disabledPassesEverything()
{
    QSignalSpy scanned(m_input, &ScannerInput::scanned);
    m_input->setEnabled(false);
    type(QStringLiteral("SKU-9"), 5);
    QCOMPARE(m_edit->text(), QStringLiteral("SKU-9"));
    QCOMPARE(scanned.count(), 0);
}

QM_UI_TEST_MAIN(tst_ScannerInput)
#include "tst_scannerinput.moc"
