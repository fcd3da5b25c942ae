#pragma once

#include "core/scandetector.h"
#include "core/scaninput.h"
#include "scan/serialscanner.h"

#include <QByteArray>
#include <QChar>
#include <QString>

class QSettings;

namespace qm::scan {

// Everything the app needs to know about the scanners of this computer: the keyboard-wedge
// scanner (how ScannerInput recognises and reads a burst), an optional serial scanner and
// whether scans sound. Kept in the application's QSettings under "scanner/": a scanner
// belongs to the workstation, not to the portal account signed in on it.
struct ScannerConfig
{
    // Keyboard wedge.
    QString prefix;                        // empty: scans are told from typing by speed alone
    QString suffix = QStringLiteral("\r"); // "\r" (Enter), "\t" (Tab) or empty (ended by a pause)
    QChar gsSubstitute;                    // null: none
    int maxGapMs = 35;
    int minLength = 4;

    // Serial or virtual COM port scanner.
    bool serialEnabled = false;
    QString serialPort;
    qint32 baudRate = 9600;
    QByteArray serialSuffix = "\r"; // "\r", "\n", "\t" or empty (ended by a pause)

    bool sound = true;

    static constexpr int MinGapMs = 5;
    static constexpr int MaxGapMs = 150; // people type 80 ms apart and slower
    static constexpr int MinCodeLength = 1;
    static constexpr int MaxCodeLength = 64;

    // What is wrong with a configuration; the first problem found.
    enum class Problem
    {
        None,
        PrefixIsSuffix,       // the prefix equals the wedge suffix
        PrefixContainsSuffix, // a scan would end inside its own prefix
        PrefixNotPrintable,   // control characters cannot be typed by a wedge scanner
        GsSubstituteInvalid,  // a letter, digit, space or control character
        GsSubstituteInPrefix, // the prefix would be read as a GS1 separator
        GapOutOfRange,        // maxGapMs outside MinGapMs..MaxGapMs
        MinLengthOutOfRange,  // minLength outside MinCodeLength..MaxCodeLength
        SuffixInvalid,        // a wedge suffix other than Enter, Tab or none
        SerialPortMissing,    // the serial scanner is on but no port is named
        BaudRateInvalid,      // not a positive number
        SerialSuffixInvalid,  // a serial suffix other than CR, LF, Tab or none
    };
    Problem validate() const;

    ScanDetectorSettings detectorSettings() const;
    // How to read a keyboard-wedge scan and a serial one (the port strips its own suffix).
    ScanSettings wedgeScanSettings() const;
    ScanSettings serialScanSettings() const;
    SerialScannerSettings serialSettings() const;

    // Values that are missing or out of range are read as their defaults.
    static ScannerConfig load(const QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const ScannerConfig &a, const ScannerConfig &b);
    friend bool operator!=(const ScannerConfig &a, const ScannerConfig &b) { return !(a == b); }
};

} // namespace qm::scan

Q_DECLARE_METATYPE(qm::scan::ScannerConfig)
