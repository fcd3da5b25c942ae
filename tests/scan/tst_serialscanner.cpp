#include "scan/serialscanner.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <termios.h>
#include <unistd.h>
#if defined(Q_OS_MACOS)
#include <util.h>
#else
#include <pty.h>
#endif

using qm::scan::SerialScanner;
using qm::scan::SerialScannerSettings;

// A pseudo-terminal stands in for the scanner's (virtual) COM port: the test writes to
// its master side what a scanner would send, SerialScanner reads the other side.
class tst_SerialScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void codes_data();
    void codes();
    void codeSplitAcrossReads();
    void noSuffixEndsBySilence();
    void runawayInputIsAnError();
    void missingPort();
    void waitsForThePort();
    void reopensWhenThePortComesBack();
    void stopEndsRetrying();

private:
    static bool openPty(int *master, int *slave, QString *name);
    void send(const QByteArray &bytes);
    int m_master = -1;
    int m_slave = -1;
    QString m_port;
};

bool tst_SerialScanner::openPty(int *master, int *slave, QString *name)
{
    char path[256] = {};
    if (::openpty(master, slave, path, nullptr, nullptr) != 0)
        return false;
    struct termios raw;
    ::tcgetattr(*slave, &raw);
    ::cfmakeraw(&raw);
    ::tcsetattr(*slave, TCSANOW, &raw);
    *name = QString::fromLocal8Bit(path);
    return true;
}

void tst_SerialScanner::init()
{
    QVERIFY(openPty(&m_master, &m_slave, &m_port));
}

void tst_SerialScanner::cleanup()
{
    if (m_master >= 0)
        ::close(m_master);
    if (m_slave >= 0)
        ::close(m_slave);
    m_master = m_slave = -1;
}

void tst_SerialScanner::send(const QByteArray &bytes)
{
    QCOMPARE(::write(m_master, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
}

void tst_SerialScanner::codes_data()
{
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QStringList>("scans");
    QTest::newRow("one EAN-13, CR") << QByteArray("\r") << QByteArray("]E04006381333931\r")
                                    << QStringList{QStringLiteral("]E04006381333931")};
    QTest::newRow("CR LF, two codes at once")
        << QByteArray("\r") << QByteArray("SKU-1\r\nSKU-2\r\n")
        << QStringList{QStringLiteral("SKU-1"), QStringLiteral("SKU-2")};
    QTest::newRow("GS1 with GS") << QByteArray("\r")
                                 << QByteArray("]C10109506000134352"
                                               "10AB\x1d"
                                               "17261231\r")
                                 << QStringList{QStringLiteral("]C10109506000134352"
                                                               "10AB\x1d"
                                                               "17261231")};
    QTest::newRow("UTF-8") << QByteArray("\r")
                           << QByteArray("Pr\xc3\xbc"
                                         "fger\xc3\xa4t\r")
                           << QStringList{QStringLiteral("Prüfgerät")};
    QTest::newRow("Latin-1 fallback") << QByteArray("\r")
                                      << QByteArray("Pr\xfc"
                                                    "f\r")
                                      << QStringList{QStringLiteral("Prüf")};
    QTest::newRow("Tab suffix") << QByteArray("\t") << QByteArray("A-1\tB-2\t")
                                << QStringList{QStringLiteral("A-1"), QStringLiteral("B-2")};
    QTest::newRow("empty lines ignored")
        << QByteArray("\r") << QByteArray("\r\r\nX-9\r") << QStringList{QStringLiteral("X-9")};
}

void tst_SerialScanner::codes()
{
    QFETCH(QByteArray, suffix);
    QFETCH(QByteArray, sent);
    QFETCH(QStringList, scans);
    SerialScanner scanner;
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);
    SerialScannerSettings s;
    s.portName = m_port;
    s.baudRate = 115200;
    s.suffix = suffix;
    QVERIFY2(scanner.open(s), qPrintable(errors.value(0).value(0).toString()));
    send(sent);
    QTRY_COMPARE(scanned.count(), scans.size());
    QStringList got;
    for (const QList<QVariant> &args : scanned)
        got << args.at(0).toString();
    QCOMPARE(got, scans);
    QTest::qWait(100); // nothing more arrives
    QCOMPARE(scanned.count(), scans.size());
    QCOMPARE(errors.count(), 0);
}

void tst_SerialScanner::codeSplitAcrossReads()
{
    SerialScanner scanner;
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    SerialScannerSettings s;
    s.portName = m_port;
    QVERIFY(scanner.open(s));
    send("]E0400638");
    QTest::qWait(20);
    QCOMPARE(scanned.count(), 0);
    send("1333931\r");
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("]E04006381333931"));
}

void tst_SerialScanner::noSuffixEndsBySilence()
{
    SerialScanner scanner;
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    SerialScannerSettings s;
    s.portName = m_port;
    s.suffix.clear();
    s.silenceMs = 30;
    QVERIFY(scanner.open(s));
    send("SKU-42");
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("SKU-42"));
}

void tst_SerialScanner::runawayInputIsAnError()
{
    SerialScanner scanner;
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);
    SerialScannerSettings s;
    s.portName = m_port;
    QVERIFY(scanner.open(s));
    send(QByteArray(SerialScanner::MaxCodeLength + 10, 'x'));
    QTRY_COMPARE(errors.count(), 1);
    QVERIFY(errors.first().at(0).toString().contains(u"baud rate"));
    // The scanner keeps working after the garbage.
    send("OK-1\r");
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("OK-1"));
}

void tst_SerialScanner::missingPort()
{
    SerialScanner scanner;
    QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);
    SerialScannerSettings s;
    s.portName = QStringLiteral("/dev/qm-no-such-scanner");
    QVERIFY(!scanner.open(s));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().at(0).toString().contains(u"/dev/qm-no-such-scanner"),
             qPrintable(errors.first().at(0).toString()));
    QVERIFY(!scanner.isOpen());

    SerialScanner unset;
    QSignalSpy unsetErrors(&unset, &SerialScanner::errorOccurred);
    QVERIFY(!unset.open({}));
    QCOMPARE(unsetErrors.count(), 1);
}

// A port that is not there yet (a scanner not plugged in): reported once, then opened as
// soon as it appears. A symbolic link stands for the device node that comes and goes.
void tst_SerialScanner::waitsForThePort()
{
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("ttyScanner"));
    SerialScanner scanner;
    scanner.setRetryInterval(30);
    QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);
    QSignalSpy states(&scanner, &SerialScanner::stateChanged);
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    SerialScannerSettings s;
    s.portName = link;
    scanner.start(s);
    QCOMPARE(scanner.state(), SerialScanner::State::Failed);
    QVERIFY2(scanner.stateMessage().contains(link), qPrintable(scanner.stateMessage()));
    QTest::qWait(150); // several retries
    QCOMPARE(scanner.state(), SerialScanner::State::Failed);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(states.count(), 1);

    QVERIFY(QFile::link(m_port, link));
    QTRY_COMPARE(scanner.state(), SerialScanner::State::Connected);
    QVERIFY(scanner.stateMessage().isEmpty());
    send("SKU-7\r");
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("SKU-7"));
}

// The scanner is unplugged (the far side of the line goes away) and plugged in again.
void tst_SerialScanner::reopensWhenThePortComesBack()
{
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("ttyScanner"));
    QVERIFY(QFile::link(m_port, link));
    SerialScanner scanner;
    scanner.setRetryInterval(30);
    QSignalSpy scanned(&scanner, &SerialScanner::scanned);
    SerialScannerSettings s;
    s.portName = link;
    scanner.start(s);
    QCOMPARE(scanner.state(), SerialScanner::State::Connected);
    QVERIFY(scanner.isOpen());

    cleanup(); // unplugged
    QVERIFY(QFile::remove(link));
    QTRY_COMPARE(scanner.state(), SerialScanner::State::Disconnected);
    QVERIFY(!scanner.isOpen());
    QVERIFY2(scanner.stateMessage().contains(u"disconnected"), qPrintable(scanner.stateMessage()));
    QTest::qWait(100); // retries while it is away keep it "disconnected"
    QCOMPARE(scanner.state(), SerialScanner::State::Disconnected);

    QVERIFY(openPty(&m_master, &m_slave, &m_port)); // plugged in again
    QVERIFY(QFile::link(m_port, link));
    QTRY_COMPARE(scanner.state(), SerialScanner::State::Connected);
    send("]E04006381333931\r");
    QTRY_COMPARE(scanned.count(), 1);
    QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("]E04006381333931"));
}

void tst_SerialScanner::stopEndsRetrying()
{
    SerialScanner scanner;
    scanner.setRetryInterval(20);
    QSignalSpy states(&scanner, &SerialScanner::stateChanged);
    SerialScannerSettings s;
    s.portName = QStringLiteral("/dev/qm-no-such-scanner");
    scanner.start(s);
    QCOMPARE(scanner.state(), SerialScanner::State::Failed);
    scanner.stop();
    QCOMPARE(scanner.state(), SerialScanner::State::Closed);
    const int count = int(states.count());
    QTest::qWait(100);
    QCOMPARE(states.count(), count);
    QCOMPARE(scanner.state(), SerialScanner::State::Closed);

    // No port named: nothing to wait for.
    SerialScanner unset;
    unset.start({});
    QCOMPARE(unset.state(), SerialScanner::State::Failed);
}

QTEST_GUILESS_MAIN(tst_SerialScanner)
#include "tst_serialscanner.moc"
