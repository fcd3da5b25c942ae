#pragma once

#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

namespace qm::import {

// The most cells (empty ones between others included) a reader returns; a larger sheet is
// refused rather than read into memory: 5 million cells take over 100 MB, and are 50
// columns of 100,000 order lines.
constexpr qint64 kMaxCells = 5'000'000;

// The cells of a spreadsheet or CSV file, row by row. Blank rows are left out, so
// `lines` says where each row came from: lines[i] is the 1-based physical line (CSV) or
// row number (XLSX) where rows[i] starts. Rows may have different lengths.
struct Table
{
    QList<QStringList> rows;
    QList<int> lines;
};

// What a reader produced. When `error` is set, `table` holds the rows read before the
// problem and `errorLine` (1-based, 0 when it concerns the whole file) says where it is.
struct ReadResult
{
    Table table;
    QString format;   // "csv" or "xlsx"
    QString encoding; // CSV only: "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE",
                      // "UTF-32BE" or "Windows-1252"
    QChar delimiter;  // CSV only: ',', ';', '\t', '|', or ' ' for whitespace-separated
                      // pasted text; null when the text has a single column
    QString error;
    int errorLine = 0;

    bool ok() const { return error.isEmpty(); }
};

} // namespace qm::import
