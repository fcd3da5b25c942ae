#pragma once

#include "import/table.h"

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringView>

namespace qm::import {

// Reads a CSV or TSV file of any common shape: the encoding is detected (see
// decodeText()), the delimiter too unless given (comma, semicolon, tab or pipe, whichever
// splits the first lines into the most consistent number of fields outside quotes).
// Quoting follows RFC 4180: a field that starts with a double quote may contain
// delimiters, doubled quotes and line breaks; a quote anywhere else is an ordinary
// character, and text after a closing quote is kept as written. CRLF, LF and lone CR end
// lines; rows whose only field is empty (blank lines) are left out; NUL characters are
// kept as they are. A quoted field that is never closed is an error naming the line where
// it starts (the rows before it are kept in the result).
ReadResult readCsv(const QByteArray &bytes, QChar delimiter = QChar());

// The same on text that is already decoded (encoding stays empty in the result).
ReadResult readCsvText(QStringView text, QChar delimiter = QChar());

// Text pasted from the clipboard: spreadsheets copy cells tab-separated, so a tab anywhere
// makes tab the delimiter; otherwise the delimiter is detected as for files, and text
// whose lines contain none of the four is split at runs of spaces (typed "SKU 5" lines).
ReadResult readPastedText(const QString &text);

// The delimiter readCsvText() would choose for this text; null when none of the
// candidates splits its first lines.
QChar detectDelimiter(QStringView text);

} // namespace qm::import
