#include "import/spreadsheetwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>
#include <xlsxwriter.h>

#include <cmath>

namespace qm::import {

namespace {

// Excel's limit for the text of one cell.
constexpr qsizetype kMaxCellText = 32767;

bool isPlainNumber(const QString &cell)
{
    qsizetype i = 0;
    if (i < cell.size() && (cell[i] == u'-' || cell[i] == u'+'))
        ++i;
    bool digits = false;
    bool separator = false;
    for (; i < cell.size(); ++i) {
        const QChar c = cell[i];
        if (c >= u'0' && c <= u'9') {
            digits = true;
        } else if ((c == u'.' || c == u',') && !separator && digits) {
            separator = true;
        } else {
            return false;
        }
    }
    return digits && !cell.endsWith(u'.') && !cell.endsWith(u',');
}

void appendCsvField(QByteArray *out, const QString &cell)
{
    const QString safe = csvSafeCell(cell);
    const bool quote =
        safe.contains(u',') || safe.contains(u'"') || safe.contains(u'\n') || safe.contains(u'\r');
    if (!quote) {
        out->append(safe.toUtf8());
        return;
    }
    QString escaped = safe;
    escaped.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    out->append('"');
    out->append(escaped.toUtf8());
    out->append('"');
}

void appendCsvRow(QByteArray *out, const QStringList &row)
{
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i > 0)
            out->append(',');
        appendCsvField(out, row.at(i));
    }
    out->append("\r\n");
}

QString sheetNameFor(const QString &name)
{
    QString sheet = name.trimmed();
    for (QChar &c : sheet) {
        if (QStringLiteral("[]:*?/\\").contains(c))
            c = u'_';
    }
    while (sheet.startsWith(u'\''))
        sheet.remove(0, 1);
    while (sheet.endsWith(u'\''))
        sheet.chop(1);
    sheet.truncate(31);
    return sheet.isEmpty() ? QStringLiteral("Sheet1") : sheet;
}

QString lxwError(lxw_error code)
{
    return QString::fromUtf8(lxw_strerror(code));
}

} // namespace

QString csvSafeCell(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    const bool risky = first == u'=' || first == u'+' || first == u'-' || first == u'@' ||
                       first == u'\t' || first == u'\r';
    if (risky && !isPlainNumber(cell))
        return u'\'' + cell;
    return cell;
}

bool writeCsv(const QString &path, const QStringList &header, const QList<QStringList> &rows,
              QString *error)
{
    QByteArray out("\xEF\xBB\xBF");
    if (!header.isEmpty())
        appendCsvRow(&out, header);
    for (const QStringList &row : rows)
        appendCsvRow(&out, row);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(out) != out.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeXlsx(const QString &path, const QString &sheetName, const QStringList &header,
               const QList<QList<QVariant>> &rows, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (rows.size() + 1 > 1048576)
        return fail(QStringLiteral("too many rows for one XLSX sheet (%1)").arg(rows.size()));

    // libxlsxwriter writes the file itself: write next to the target, then rename, so that
    // a failure leaves an existing file untouched.
    const QFileInfo target(path);
    QTemporaryFile temporary(target.absolutePath() + QStringLiteral("/.qm-export-XXXXXX.xlsx"));
    if (!temporary.open())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, temporary.errorString()));
    temporary.close();
    const QByteArray temporaryPath = QFile::encodeName(temporary.fileName());

    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook *workbook = workbook_new_opt(temporaryPath.constData(), &options);
    if (!workbook)
        return fail(QStringLiteral("cannot create the workbook %1").arg(path));
    lxw_worksheet *sheet =
        workbook_add_worksheet(workbook, sheetNameFor(sheetName).toUtf8().constData());
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);

    lxw_error status = LXW_NO_ERROR;
    lxw_row_t rowIndex = 0;
    const auto writeText = [&](lxw_col_t column, const QString &text, lxw_format *format) {
        if (text.size() > kMaxCellText)
            return LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED;
        return worksheet_write_string(sheet, rowIndex, column, text.toUtf8().constData(), format);
    };
    if (!header.isEmpty()) {
        for (qsizetype c = 0; c < header.size() && status == LXW_NO_ERROR; ++c)
            status = writeText(lxw_col_t(c), header.at(c), bold);
        ++rowIndex;
    }
    for (const QList<QVariant> &row : rows) {
        for (qsizetype c = 0; c < row.size() && status == LXW_NO_ERROR; ++c) {
            const QVariant &value = row.at(c);
            const auto column = lxw_col_t(c);
            switch (value.typeId()) {
            case QMetaType::UnknownType:
                break;
            case QMetaType::Bool:
                status = worksheet_write_boolean(sheet, rowIndex, column, value.toBool(), nullptr);
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Float:
                status = worksheet_write_number(sheet, rowIndex, column, value.toDouble(), nullptr);
                break;
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
            case QMetaType::Long:
            case QMetaType::ULong: {
                // Beyond 2^53 a double no longer holds every integer: keep the digits as text.
                const double d = value.toDouble();
                status = std::fabs(d) <= 9007199254740992.0
                             ? worksheet_write_number(sheet, rowIndex, column, d, nullptr)
                             : writeText(column, value.toString(), nullptr);
                break;
            }
            case QMetaType::Double: {
                const double d = value.toDouble();
                status = std::isfinite(d)
                             ? worksheet_write_number(sheet, rowIndex, column, d, nullptr)
                             : writeText(column, value.toString(), nullptr);
                break;
            }
            default:
                if (!value.isNull())
                    status = writeText(column, value.toString(), nullptr);
                break;
            }
        }
        if (status != LXW_NO_ERROR)
            break;
        ++rowIndex;
    }
    const lxw_error closed = workbook_close(workbook);
    if (status == LXW_NO_ERROR)
        status = closed;
    if (status != LXW_NO_ERROR) {
        return fail(QStringLiteral("cannot write %1: %2 (row %3)")
                        .arg(path, lxwError(status))
                        .arg(rowIndex + 1));
    }
    QFile::remove(path);
    if (!QFile::rename(temporary.fileName(), path))
        return fail(QStringLiteral("cannot write %1: the finished file could not be moved "
                                   "into place")
                        .arg(path));
    temporary.setAutoRemove(false);
    return true;
}

} // namespace qm::import
