#include "import/spreadsheetwriter.h"

#include <QBuffer>
#include <QLocale>
#include <QSaveFile>
#include <QXmlStreamWriter>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

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

constexpr qsizetype kMaxRows = 1048576;

const QByteArray kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";

const QByteArray kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

const QByteArray kWorkbookRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";

// Two cell formats: 0 the default, 1 bold for the header row.
const QByteArray kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
    "borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
    "</cellStyles></styleSheet>";

QByteArray workbookXml(const QString &sheetName)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeStartElement(QStringLiteral("workbook"));
    w.writeDefaultNamespace(
        QStringLiteral("http://schemas.openxmlformats.org/spreadsheetml/2006/main"));
    w.writeNamespace(
        QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        QStringLiteral("r"));
    w.writeStartElement(QStringLiteral("sheets"));
    w.writeStartElement(QStringLiteral("sheet"));
    w.writeAttribute(QStringLiteral("name"), sheetName);
    w.writeAttribute(QStringLiteral("sheetId"), QStringLiteral("1"));
    w.writeAttribute(QStringLiteral("r:id"), QStringLiteral("rId1"));
    w.writeEndDocument();
    return xml;
}

QString columnName(qsizetype column)
{
    QString name;
    for (qsizetype c = column + 1; c > 0; c = (c - 1) / 26)
        name.prepend(QChar(char16_t(u'A' + (c - 1) % 26)));
    return name;
}

// XML 1.0 cannot carry most C0 control characters; they are left out of the text.
QString xmlSafe(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.unicode() >= 0x20 || c == u'\t' || c == u'\n' || c == u'\r')
            out.append(c);
    }
    return out;
}

// The sheet: the header in bold, then the rows. Text cells are inline strings, so nothing
// written is ever a formula; numbers are written in their shortest exact form.
bool sheetXml(const QStringList &header, const QList<QList<QVariant>> &rows, QByteArray *out,
              QString *problem)
{
    QXmlStreamWriter w(out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeStartElement(QStringLiteral("worksheet"));
    w.writeDefaultNamespace(
        QStringLiteral("http://schemas.openxmlformats.org/spreadsheetml/2006/main"));
    w.writeStartElement(QStringLiteral("sheetData"));
    qsizetype rowNumber = 0;
    const auto cellStart = [&](qsizetype column, const char16_t *type, bool bold) {
        w.writeStartElement(QStringLiteral("c"));
        w.writeAttribute(QStringLiteral("r"), columnName(column) + QString::number(rowNumber));
        if (bold)
            w.writeAttribute(QStringLiteral("s"), QStringLiteral("1"));
        if (type)
            w.writeAttribute(QStringLiteral("t"), QString::fromUtf16(type));
    };
    const auto text = [&](qsizetype column, const QString &value, bool bold) {
        if (value.size() > kMaxCellText) {
            *problem = QStringLiteral("cell %1%2 has more than %3 characters")
                           .arg(columnName(column))
                           .arg(rowNumber)
                           .arg(kMaxCellText);
            return false;
        }
        cellStart(column, u"inlineStr", bold);
        w.writeStartElement(QStringLiteral("is"));
        w.writeStartElement(QStringLiteral("t"));
        w.writeAttribute(QStringLiteral("xml:space"), QStringLiteral("preserve"));
        w.writeCharacters(xmlSafe(value));
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        return true;
    };
    const auto number = [&](qsizetype column, const QString &value) {
        cellStart(column, nullptr, false);
        w.writeTextElement(QStringLiteral("v"), value);
        w.writeEndElement();
    };
    if (!header.isEmpty()) {
        ++rowNumber;
        w.writeStartElement(QStringLiteral("row"));
        w.writeAttribute(QStringLiteral("r"), QString::number(rowNumber));
        for (qsizetype c = 0; c < header.size(); ++c) {
            if (!text(c, header.at(c), true))
                return false;
        }
        w.writeEndElement();
    }
    for (const QList<QVariant> &row : rows) {
        ++rowNumber;
        w.writeStartElement(QStringLiteral("row"));
        w.writeAttribute(QStringLiteral("r"), QString::number(rowNumber));
        for (qsizetype c = 0; c < row.size(); ++c) {
            const QVariant &value = row.at(c);
            switch (value.typeId()) {
            case QMetaType::UnknownType:
            case QMetaType::Nullptr:
                break;
            case QMetaType::Bool:
                cellStart(c, u"b", false);
                w.writeTextElement(QStringLiteral("v"),
                                   value.toBool() ? QStringLiteral("1") : QStringLiteral("0"));
                w.writeEndElement();
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Long:
            case QMetaType::ULong:
            case QMetaType::LongLong:
            case QMetaType::ULongLong: {
                // Beyond 2^53 a spreadsheet's doubles no longer hold every integer: keep
                // the exact digits as text.
                const double d = value.toDouble();
                if (std::fabs(d) <= 9007199254740992.0)
                    number(c, value.toString());
                else if (!text(c, value.toString(), false))
                    return false;
                break;
            }
            case QMetaType::Float:
            case QMetaType::Double: {
                const double d = value.toDouble();
                if (std::isfinite(d))
                    number(c, QString::number(d, 'g', QLocale::FloatingPointShortest));
                else if (!text(c, value.toString(), false))
                    return false;
                break;
            }
            default:
                if (!value.isNull() && !text(c, value.toString(), false))
                    return false;
                break;
            }
        }
        w.writeEndElement();
    }
    w.writeEndDocument();
    return true;
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
    if (rows.size() + 1 > kMaxRows)
        return fail(QStringLiteral("too many rows for one XLSX sheet (%1)").arg(rows.size()));

    QByteArray sheet;
    QString problem;
    if (!sheetXml(header, rows, &sheet, &problem))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, problem));

    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdCreate))
        return fail(
            QStringLiteral("cannot write %1: zip error %2").arg(path).arg(zip.getZipError()));
    const QList<std::pair<QString, QByteArray>> parts = {
        {QStringLiteral("[Content_Types].xml"), kContentTypes},
        {QStringLiteral("_rels/.rels"), kPackageRels},
        {QStringLiteral("xl/workbook.xml"), workbookXml(sheetNameFor(sheetName))},
        {QStringLiteral("xl/_rels/workbook.xml.rels"), kWorkbookRels},
        {QStringLiteral("xl/styles.xml"), kStyles},
        {QStringLiteral("xl/worksheets/sheet1.xml"), sheet},
    };
    for (const auto &[name, content] : parts) {
        QuaZipFile part(&zip);
        if (!part.open(QIODevice::WriteOnly, QuaZipNewInfo(name)) ||
            part.write(content) != content.size()) {
            return fail(
                QStringLiteral("cannot write %1: zip error %2").arg(path).arg(part.getZipError()));
        }
        part.close();
    }
    zip.close();
    if (zip.getZipError() != 0)
        return fail(
            QStringLiteral("cannot write %1: zip error %2").arg(path).arg(zip.getZipError()));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size() ||
        !file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace qm::import
