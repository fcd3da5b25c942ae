#include "import/csvreader.h"

#include "import/textdecoder.h"

#include <QHash>

#include <utility>

namespace qm::import {

namespace {

constexpr QChar kQuote = u'"';
constexpr QChar kCandidates[] = {u',', u';', u'\t', u'|'};
// Rows looked at to detect the delimiter.
constexpr int kSampleRows = 50;

bool isBlankRow(const QStringList &row)
{
    return row.size() == 1 && row.front().isEmpty();
}

// RFC 4180 parser over decoded text. Stops after `maxRows` rows (0: no limit).
struct Parser
{
    QStringView text;
    QChar delimiter;
    Table *table = nullptr;
    bool keepPartialRow = false; // on an unterminated quote, keep the row read so far
    QString error;
    int textAfterQuotes = 0; // fields with text after their closing quote
    qint64 cells = 0;
    int errorLine = 0;

    void run(int maxRows)
    {
        const qsizetype n = text.size();
        const QChar *data = text.data();
        qsizetype i = 0;
        int line = 1;
        QStringList row;
        QString field;
        int rowLine = 1;
        bool atRowStart = true;

        auto endRow = [&] {
            row.append(std::exchange(field, QString()));
            const qsizetype width = row.size();
            if (!isBlankRow(row)) {
                table->rows.append(std::move(row));
                table->lines.append(rowLine);
            }
            row = QStringList();
            row.reserve(width);
            atRowStart = true;
        };

        while (i < n) {
            if (maxRows > 0 && table->rows.size() >= maxRows)
                return;
            if (++cells > kMaxCells) {
                error = QStringLiteral("the file has more than %1 cells").arg(kMaxCells);
                errorLine = line;
                return;
            }
            if (atRowStart) {
                rowLine = line;
                atRowStart = false;
            }
            // One field per iteration.
            if (data[i] == kQuote) {
                const int fieldLine = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    const qsizetype start = i;
                    while (i < n && data[i] != kQuote && data[i] != u'\n' && data[i] != u'\r')
                        ++i;
                    field.append(data + start, i - start);
                    if (i >= n)
                        break;
                    const QChar c = data[i];
                    if (c == kQuote) {
                        if (i + 1 < n && data[i + 1] == kQuote) {
                            field.append(kQuote);
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    // A line break inside quotes is part of the value.
                    field.append(c);
                    ++i;
                    if (c == u'\r' && i < n && data[i] == u'\n') {
                        field.append(u'\n');
                        ++i;
                    }
                    ++line;
                }
                if (!closed) {
                    error = QStringLiteral("quoted field starting on line %1 is never closed")
                                .arg(fieldLine);
                    errorLine = fieldLine;
                    if (keepPartialRow) {
                        row.append(field);
                        table->rows.append(row);
                        table->lines.append(rowLine);
                    }
                    return;
                }
                // Spaces between the closing quote and the field's end are padding; other
                // text there is kept as written.
                const qsizetype start = i;
                while (i < n && data[i] != delimiter && data[i] != u'\n' && data[i] != u'\r')
                    ++i;
                const QStringView after(data + start, i - start);
                if (!after.trimmed().isEmpty()) {
                    field.append(after);
                    ++textAfterQuotes;
                }
            } else {
                const qsizetype start = i;
                while (i < n && data[i] != delimiter && data[i] != u'\n' && data[i] != u'\r')
                    ++i;
                field = QString(data + start, i - start);
            }
            if (i >= n)
                break;
            const QChar c = data[i++];
            if (c != u'\n' && c != u'\r') { // the delimiter
                row.append(std::exchange(field, QString()));
                if (i >= n) {
                    endRow(); // "a," at the end of the text: the empty last field counts
                    return;
                }
                continue;
            }
            if (c == u'\r' && i < n && data[i] == u'\n')
                ++i;
            ++line;
            endRow();
        }
        if (!atRowStart)
            endRow();
    }
};

// How well a delimiter splits the first rows: the share of rows that have the most common
// field count above one, less the share of fields with text after a closing quote (a sign
// that the quotes were meant around fields split by another delimiter).
struct Score
{
    double value = -2;
    int fields = 0;
};

Score score(QStringView text, QChar delimiter)
{
    Table sample;
    Parser parser{text, delimiter, &sample, true, {}, 0};
    parser.run(kSampleRows);
    QHash<int, int> counts;
    for (const QStringList &row : std::as_const(sample.rows))
        ++counts[int(row.size())];
    Score best;
    int bestRows = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.key() < 2)
            continue;
        if (it.value() > bestRows || (it.value() == bestRows && it.key() > best.fields)) {
            bestRows = it.value();
            best.fields = it.key();
        }
    }
    if (bestRows > 0) {
        const auto rows = double(sample.rows.size());
        best.value = (double(bestRows) - double(parser.textAfterQuotes)) / rows;
    }
    return best;
}

ReadResult parse(QStringView text, QChar delimiter)
{
    ReadResult result;
    result.format = QStringLiteral("csv");
    result.delimiter = delimiter;
    // A single column: a line break as the delimiter splits nothing more than lines do.
    Parser parser{text, delimiter.isNull() ? QChar(u'\n') : delimiter, &result.table, false, {}, 0};
    parser.run(0);
    result.error = parser.error;
    result.errorLine = parser.errorLine;
    return result;
}

Table splitOnSpaces(QStringView text)
{
    Table table;
    int line = 0;
    for (QStringView physical : text.split(u'\n')) {
        ++line;
        QStringList row;
        for (QStringView word : physical.split(u' ', Qt::SkipEmptyParts)) {
            word = word.trimmed();
            if (!word.isEmpty())
                row.append(word.toString());
        }
        if (!row.isEmpty()) {
            table.rows.append(row);
            table.lines.append(line);
        }
    }
    return table;
}

} // namespace

QChar detectDelimiter(QStringView text)
{
    QChar chosen;
    Score best;
    for (QChar candidate : kCandidates) {
        const Score s = score(text, candidate);
        if (s.fields == 0)
            continue;
        if (s.value > best.value || (s.value == best.value && s.fields > best.fields)) {
            best = s;
            chosen = candidate;
        }
    }
    return chosen;
}

ReadResult readCsvText(QStringView text, QChar delimiter)
{
    if (text.startsWith(u'\uFEFF'))
        text = text.sliced(1);
    if (delimiter.isNull())
        delimiter = detectDelimiter(text);
    return parse(text, delimiter);
}

ReadResult readCsv(const QByteArray &bytes, QChar delimiter)
{
    const DecodedText decoded = decodeText(bytes);
    ReadResult result = readCsvText(decoded.text, delimiter);
    result.encoding = decoded.encoding;
    return result;
}

ReadResult readPastedText(const QString &text)
{
    if (text.contains(u'\t'))
        return parse(text, u'\t');
    const QChar delimiter = detectDelimiter(text);
    if (!delimiter.isNull())
        return parse(text, delimiter);
    QString lines = text;
    lines.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    lines.replace(u'\t', u' ');
    ReadResult result;
    result.format = QStringLiteral("csv");
    result.table = splitOnSpaces(lines);
    for (const QStringList &row : std::as_const(result.table.rows)) {
        if (row.size() > 1) {
            result.delimiter = u' ';
            break;
        }
    }
    return result;
}

} // namespace qm::import
