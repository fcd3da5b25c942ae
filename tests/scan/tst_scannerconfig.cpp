#include "scan/scannerconfig.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using qm::scan::ScannerConfig;
using Problem = qm::scan::ScannerConfig::Problem;

// Scanner settings: what is refused, and what QSettings keeps.
class tst_ScannerConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void validate_data();
    void validate();
    void roundTrip();
    void storedNames();
    void badStoredValuesFallBack_data();
    void badStoredValuesFallBack();
    void derivedSettings();

private:
    QString file() const { return m_dir.filePath(QStringLiteral("settings.ini")); }
    QTemporaryDir m_dir;
};

void tst_ScannerConfig::init()
{
    QVERIFY(m_dir.isValid());
    QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
}

void tst_ScannerConfig::validate_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("gs");
    QTest::addColumn<int>("gap");
    QTest::addColumn<int>("minLength");
    QTest::addColumn<bool>("serial");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QByteArray>("serialSuffix");
    QTest::addColumn<int>("problem");

    const QString cr = QStringLiteral("\r");
    const QByteArray bcr("\r");
    QTest::newRow("defaults") << QString() << cr << QString() << 35 << 4 << false << QString()
                              << bcr << int(Problem::None);
    QTest::newRow("prefix, tab, tilde")
        << QStringLiteral("#") << QStringLiteral("\t") << QStringLiteral("~") << 20 << 6 << false
        << QString() << bcr << int(Problem::None);
    QTest::newRow("prefix is the suffix")
        << QStringLiteral("\t") << QStringLiteral("\t") << QString() << 35 << 4 << false
        << QString() << bcr << int(Problem::PrefixIsSuffix);
    QTest::newRow("prefix holds the suffix")
        << QStringLiteral("A\rB") << cr << QString() << 35 << 4 << false << QString() << bcr
        << int(Problem::PrefixContainsSuffix);
    QTest::newRow("prefix with a space")
        << QStringLiteral("# ") << cr << QString() << 35 << 4 << false << QString() << bcr
        << int(Problem::PrefixNotPrintable);
    QTest::newRow("prefix with a control character, no suffix")
        << QStringLiteral("\x02") << QString() << QString() << 35 << 4 << false << QString() << bcr
        << int(Problem::PrefixNotPrintable);
    QTest::newRow("GS substitute a digit")
        << QString() << cr << QStringLiteral("1") << 35 << 4 << false << QString() << bcr
        << int(Problem::GsSubstituteInvalid);
    QTest::newRow("GS substitute a letter")
        << QString() << cr << QStringLiteral("x") << 35 << 4 << false << QString() << bcr
        << int(Problem::GsSubstituteInvalid);
    QTest::newRow("GS substitute a space")
        << QString() << cr << QStringLiteral(" ") << 35 << 4 << false << QString() << bcr
        << int(Problem::GsSubstituteInvalid);
    QTest::newRow("GS substitute in the prefix")
        << QStringLiteral("~#") << cr << QStringLiteral("~") << 35 << 4 << false << QString() << bcr
        << int(Problem::GsSubstituteInPrefix);
    QTest::newRow("gap too short") << QString() << cr << QString() << 4 << 4 << false << QString()
                                   << bcr << int(Problem::GapOutOfRange);
    QTest::newRow("gap as slow as typing") << QString() << cr << QString() << 151 << 4 << false
                                           << QString() << bcr << int(Problem::GapOutOfRange);
    QTest::newRow("gap at its limits") << QString() << cr << QString() << 150 << 1 << false
                                       << QString() << bcr << int(Problem::None);
    QTest::newRow("minimum length 0") << QString() << cr << QString() << 35 << 0 << false
                                      << QString() << bcr << int(Problem::MinLengthOutOfRange);
    QTest::newRow("minimum length 65") << QString() << cr << QString() << 35 << 65 << false
                                       << QString() << bcr << int(Problem::MinLengthOutOfRange);
    QTest::newRow("wedge suffix LF") << QString() << QStringLiteral("\n") << QString() << 35 << 4
                                     << false << QString() << bcr << int(Problem::SuffixInvalid);
    QTest::newRow("serial on without port")
        << QString() << cr << QString() << 35 << 4 << true << QStringLiteral("  ") << bcr
        << int(Problem::SerialPortMissing);
    QTest::newRow("serial off without port is fine")
        << QString() << cr << QString() << 35 << 4 << false << QString() << bcr
        << int(Problem::None);
    QTest::newRow("serial on") << QString() << cr << QString() << 35 << 4 << true
                               << QStringLiteral("/dev/ttyACM0") << QByteArray()
                               << int(Problem::None);
    QTest::newRow("serial suffix CRLF")
        << QString() << cr << QString() << 35 << 4 << true << QStringLiteral("COM3")
        << QByteArray("\r\n") << int(Problem::SerialSuffixInvalid);
}

void tst_ScannerConfig::validate()
{
    QFETCH(QString, prefix);
    QFETCH(QString, suffix);
    QFETCH(QString, gs);
    QFETCH(int, gap);
    QFETCH(int, minLength);
    QFETCH(bool, serial);
    QFETCH(QString, port);
    QFETCH(QByteArray, serialSuffix);
    QFETCH(int, problem);
    ScannerConfig c;
    c.prefix = prefix;
    c.suffix = suffix;
    c.gsSubstitute = gs.isEmpty() ? QChar() : gs.front();
    c.maxGapMs = gap;
    c.minLength = minLength;
    c.serialEnabled = serial;
    c.serialPort = port;
    c.serialSuffix = serialSuffix;
    QCOMPARE(int(c.validate()), problem);
}

void tst_ScannerConfig::roundTrip()
{
    ScannerConfig c;
    c.prefix = QStringLiteral("##");
    c.suffix = QStringLiteral("\t");
    c.gsSubstitute = u'|';
    c.maxGapMs = 22;
    c.minLength = 8;
    c.serialEnabled = true;
    c.serialPort = QStringLiteral("/dev/ttyACM3");
    c.baudRate = 115200;
    c.serialSuffix = "\n";
    c.sound = false;
    QCOMPARE(c.validate(), Problem::None);
    QVERIFY(c != ScannerConfig());
    {
        QSettings s(file(), QSettings::IniFormat);
        c.save(s);
    }
    const QSettings s(file(), QSettings::IniFormat);
    QCOMPARE(ScannerConfig::load(s), c);
    // Nothing stored: the defaults.
    QCOMPARE(ScannerConfig::load(
                 QSettings(m_dir.filePath(QStringLiteral("none.ini")), QSettings::IniFormat)),
             ScannerConfig());
}

void tst_ScannerConfig::storedNames()
{
    // Suffixes are stored by name, readable in the settings file.
    ScannerConfig c;
    c.suffix.clear();
    c.serialSuffix = "\t";
    QSettings s(file(), QSettings::IniFormat);
    c.save(s);
    QCOMPARE(s.value(QStringLiteral("scanner/suffix")).toString(), QStringLiteral("none"));
    QCOMPARE(s.value(QStringLiteral("scanner/serial/suffix")).toString(), QStringLiteral("tab"));
    QCOMPARE(s.value(QStringLiteral("scanner/maxKeyGapMs")).toInt(), 35);
}

void tst_ScannerConfig::badStoredValuesFallBack_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("unknown suffix")
        << QStringLiteral("scanner/suffix") << QVariant(QStringLiteral("bell"));
    QTest::newRow("LF as wedge suffix")
        << QStringLiteral("scanner/suffix") << QVariant(QStringLiteral("lf"));
    QTest::newRow("gap not a number")
        << QStringLiteral("scanner/maxKeyGapMs") << QVariant(QStringLiteral("fast"));
    QTest::newRow("gap too long") << QStringLiteral("scanner/maxKeyGapMs") << QVariant(500);
    QTest::newRow("length 0") << QStringLiteral("scanner/minLength") << QVariant(0);
    QTest::newRow("baud rate negative")
        << QStringLiteral("scanner/serial/baudRate") << QVariant(-9600);
    QTest::newRow("serial suffix unknown")
        << QStringLiteral("scanner/serial/suffix") << QVariant(QStringLiteral("crlf"));
    QTest::newRow("GS substitute two characters")
        << QStringLiteral("scanner/gsSubstitute") << QVariant(QStringLiteral("~~"));
}

void tst_ScannerConfig::badStoredValuesFallBack()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    {
        QSettings s(file(), QSettings::IniFormat);
        ScannerConfig().save(s);
        s.setValue(key, value);
    }
    QCOMPARE(ScannerConfig::load(QSettings(file(), QSettings::IniFormat)), ScannerConfig());
}

void tst_ScannerConfig::derivedSettings()
{
    ScannerConfig c;
    c.prefix = QStringLiteral("#");
    c.suffix = QStringLiteral("\t");
    c.gsSubstitute = u'~';
    c.maxGapMs = 20;
    c.minLength = 6;
    c.serialPort = QStringLiteral(" COM4 ");
    c.baudRate = 19200;
    c.serialSuffix = QByteArray();
    QCOMPARE(c.detectorSettings().prefix, QStringLiteral("#"));
    QCOMPARE(c.detectorSettings().suffix, QStringLiteral("\t"));
    QCOMPARE(c.detectorSettings().maxGapMs, 20);
    QCOMPARE(c.detectorSettings().minLength, 6);
    QCOMPARE(c.wedgeScanSettings().gsSubstitute, QChar(u'~'));
    QCOMPARE(c.wedgeScanSettings().prefix, QStringLiteral("#"));
    // The port strips its own suffix; the GS substitute still applies.
    QVERIFY(c.serialScanSettings().suffix.isEmpty());
    QVERIFY(c.serialScanSettings().prefix.isEmpty());
    QCOMPARE(c.serialScanSettings().gsSubstitute, QChar(u'~'));
    QCOMPARE(c.serialSettings().portName, QStringLiteral("COM4"));
    QCOMPARE(c.serialSettings().baudRate, 19200);
    QVERIFY(c.serialSettings().suffix.isEmpty());
    // A GS1 scan through the wedge settings reads the substitute as GS.
    const auto result = qm::scan::interpret(u"#]C10109506000134352"
                                            u"10AB~17261231\t",
                                            c.wedgeScanSettings());
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.batch, QStringLiteral("AB"));
    QCOMPARE(result.code, QStringLiteral("09506000134352"));
}

QTEST_GUILESS_MAIN(tst_ScannerConfig)
#include "tst_scannerconfig.moc"
