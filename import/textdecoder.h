#pragma once

#include <QByteArray>
#include <QString>

namespace qm::import {

struct DecodedText
{
    QString text;
    QString encoding; // "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "Windows-1252"
};

// Decodes the bytes of a text file whose encoding nobody declared, as spreadsheet exports
// come: a byte-order mark wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE; it is dropped from the
// text); UTF-16 without a mark is recognised by its pattern of NUL bytes; bytes that are
// valid UTF-8 are UTF-8; anything else is Windows-1252 (a superset of ISO-8859-1 for the
// printable characters, and what Excel writes on western Windows systems).
DecodedText decodeText(const QByteArray &bytes);

// Windows-1252 to Unicode, for all 256 byte values (the five undefined ones map to the
// C1 control of the same value, as Windows does).
QString fromWindows1252(const QByteArray &bytes);

} // namespace qm::import
