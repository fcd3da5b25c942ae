#pragma once

#include "core/gs1.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// What a barcode scanner sent, and what it means for an order line. Scanners send the
// code as keystrokes or over a serial port, optionally with a configured prefix and
// suffix and an AIM symbology identifier ("]E0" EAN/UPC, "]C1" GS1-128, "]d2" GS1
// DataMatrix, "]Q3" GS1 QR…) in front of the data.
namespace qm::scan {

struct ScanSettings
{
    QString prefix;                        // stripped when the scan starts with it
    QString suffix = QStringLiteral("\r"); // stripped when the scan ends with it
    QChar gsSubstitute;                    // null: none; else stands for GS (FNC1) in GS1 data
};

struct ScanResult
{
    enum class Kind
    {
        Gtin,
        Gs1,
        DigitalLink,
        Text
    };

    QString raw;       // as received, prefix and suffix included
    QString symbology; // "]E0", empty when none was sent
    Kind kind = Kind::Text;
    QString code;                   // what to look up: GTIN-14 for GTINs, else the text
    std::optional<qint64> quantity; // from AI 30 or 37
    QString batch;                  // AI 10
    QString serial;                 // AI 21
    QDate expiry;                   // AI 17
    QList<gs1::Element> elements;   // every AI of a GS1 or Digital Link scan
    QString error;                  // non-empty: unusable scan, says why (English)

    bool isValid() const { return error.isEmpty(); }
};

// `today` anchors the century of two-digit years (GS1 rule: up to 49 years ahead).
ScanResult interpret(QStringView text, const ScanSettings &settings = {},
                     QDate today = QDate::currentDate());

// The UPC-A (12 digits) that an 8-digit UPC-E code stands for; empty if `upce` is not
// a UPC-E code (number system 0 or 1) with a correct check digit.
QString expandUpcE(QStringView upce);

} // namespace qm::scan
