#include "scan/scannerconfig.h"

#include <QSettings>

namespace qm::scan {

namespace {

const QString PrefixKey = QStringLiteral("scanner/prefix");
const QString SuffixKey = QStringLiteral("scanner/suffix");
const QString GsKey = QStringLiteral("scanner/gsSubstitute");
const QString GapKey = QStringLiteral("scanner/maxKeyGapMs");
const QString MinLengthKey = QStringLiteral("scanner/minLength");
const QString SerialEnabledKey = QStringLiteral("scanner/serial/enabled");
const QString SerialPortKey = QStringLiteral("scanner/serial/port");
const QString BaudRateKey = QStringLiteral("scanner/serial/baudRate");
const QString SerialSuffixKey = QStringLiteral("scanner/serial/suffix");
const QString SoundKey = QStringLiteral("scanner/sound");

// Suffixes are stored by name so that the settings file stays readable.
struct SuffixName
{
    const char *name;
    const char *bytes;
};
constexpr SuffixName SuffixNames[] = {{"enter", "\r"}, {"lf", "\n"}, {"tab", "\t"}, {"none", ""}};

QString suffixName(QStringView suffix)
{
    for (const SuffixName &s : SuffixNames)
        if (suffix == QLatin1String(s.bytes))
            return QLatin1String(s.name);
    return {};
}

std::optional<QString> suffixFromName(const QString &name)
{
    for (const SuffixName &s : SuffixNames)
        if (name == QLatin1String(s.name))
            return QString::fromLatin1(s.bytes);
    return std::nullopt;
}

bool isWedgeSuffix(const QString &suffix)
{
    return suffix.isEmpty() || suffix == u"\r" || suffix == u"\t";
}

bool isSerialSuffix(const QByteArray &suffix)
{
    return suffix.isEmpty() || suffix == "\r" || suffix == "\n" || suffix == "\t";
}

} // namespace

ScannerConfig::Problem ScannerConfig::validate() const
{
    if (!isWedgeSuffix(suffix))
        return Problem::SuffixInvalid;
    if (!prefix.isEmpty() && !suffix.isEmpty()) {
        if (prefix == suffix)
            return Problem::PrefixIsSuffix;
        if (prefix.contains(suffix))
            return Problem::PrefixContainsSuffix;
    }
    for (QChar c : prefix)
        if (!c.isPrint() || c.isSpace())
            return Problem::PrefixNotPrintable;
    if (!gsSubstitute.isNull()) {
        if (gsSubstitute.isLetterOrNumber() || gsSubstitute.isSpace() || !gsSubstitute.isPrint())
            return Problem::GsSubstituteInvalid;
        if (prefix.contains(gsSubstitute))
            return Problem::GsSubstituteInPrefix;
    }
    if (maxGapMs < MinGapMs || maxGapMs > MaxGapMs)
        return Problem::GapOutOfRange;
    if (minLength < MinCodeLength || minLength > MaxCodeLength)
        return Problem::MinLengthOutOfRange;
    if (serialEnabled && serialPort.trimmed().isEmpty())
        return Problem::SerialPortMissing;
    if (baudRate <= 0)
        return Problem::BaudRateInvalid;
    if (!isSerialSuffix(serialSuffix))
        return Problem::SerialSuffixInvalid;
    return Problem::None;
}

ScanDetectorSettings ScannerConfig::detectorSettings() const
{
    ScanDetectorSettings s;
    s.maxGapMs = maxGapMs;
    s.minLength = minLength;
    s.prefix = prefix;
    s.suffix = suffix;
    return s;
}

ScanSettings ScannerConfig::wedgeScanSettings() const
{
    ScanSettings s;
    s.prefix = prefix;
    s.suffix = suffix;
    s.gsSubstitute = gsSubstitute;
    return s;
}

ScanSettings ScannerConfig::serialScanSettings() const
{
    ScanSettings s;
    s.suffix.clear();
    s.gsSubstitute = gsSubstitute;
    return s;
}

SerialScannerSettings ScannerConfig::serialSettings() const
{
    SerialScannerSettings s;
    s.portName = serialPort.trimmed();
    s.baudRate = baudRate;
    s.suffix = serialSuffix;
    return s;
}

ScannerConfig ScannerConfig::load(const QSettings &settings)
{
    const ScannerConfig defaults;
    ScannerConfig c;
    c.prefix = settings.value(PrefixKey).toString();
    c.suffix = suffixFromName(settings.value(SuffixKey).toString()).value_or(defaults.suffix);
    if (!isWedgeSuffix(c.suffix))
        c.suffix = defaults.suffix;
    const QString gs = settings.value(GsKey).toString();
    c.gsSubstitute = gs.size() == 1 ? gs.front() : QChar();
    bool ok = false;
    c.maxGapMs = settings.value(GapKey).toInt(&ok);
    if (!ok || c.maxGapMs < MinGapMs || c.maxGapMs > MaxGapMs)
        c.maxGapMs = defaults.maxGapMs;
    c.minLength = settings.value(MinLengthKey).toInt(&ok);
    if (!ok || c.minLength < MinCodeLength || c.minLength > MaxCodeLength)
        c.minLength = defaults.minLength;
    c.serialEnabled = settings.value(SerialEnabledKey, false).toBool();
    c.serialPort = settings.value(SerialPortKey).toString();
    c.baudRate = settings.value(BaudRateKey).toInt(&ok);
    if (!ok || c.baudRate <= 0)
        c.baudRate = defaults.baudRate;
    const std::optional<QString> serialSuffix =
        suffixFromName(settings.value(SerialSuffixKey).toString());
    c.serialSuffix = serialSuffix ? serialSuffix->toLatin1() : defaults.serialSuffix;
    c.sound = settings.value(SoundKey, true).toBool();
    // A hand-edited file must not lock the scanner out: what does not fit together is
    // dropped for the defaults.
    if (c.validate() != Problem::None) {
        if (c.serialEnabled && c.serialPort.trimmed().isEmpty())
            c.serialEnabled = false;
        c.prefix.clear();
        if (c.validate() != Problem::None)
            c.gsSubstitute = QChar();
    }
    return c;
}

void ScannerConfig::save(QSettings &settings) const
{
    settings.setValue(PrefixKey, prefix);
    settings.setValue(SuffixKey, suffixName(suffix));
    settings.setValue(GsKey, gsSubstitute.isNull() ? QString() : QString(gsSubstitute));
    settings.setValue(GapKey, maxGapMs);
    settings.setValue(MinLengthKey, minLength);
    settings.setValue(SerialEnabledKey, serialEnabled);
    settings.setValue(SerialPortKey, serialPort);
    settings.setValue(BaudRateKey, baudRate);
    settings.setValue(SerialSuffixKey, suffixName(QString::fromLatin1(serialSuffix)));
    settings.setValue(SoundKey, sound);
}

bool operator==(const ScannerConfig &a, const ScannerConfig &b)
{
    return a.prefix == b.prefix && a.suffix == b.suffix && a.gsSubstitute == b.gsSubstitute &&
           a.maxGapMs == b.maxGapMs && a.minLength == b.minLength &&
           a.serialEnabled == b.serialEnabled && a.serialPort == b.serialPort &&
           a.baudRate == b.baudRate && a.serialSuffix == b.serialSuffix && a.sound == b.sound;
}

} // namespace qm::scan
