#include "import/xlsxreader.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QXmlStreamReader>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <cmath>
#include <memory>

namespace qm::import {

namespace {

// Excel's own limits; larger references are malformed.
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;
// A sheet or a shared-string table larger than this is refused rather than read into memory.
constexpr qint64 kMaxEntrySize = qint64(1) << 30;

bool isDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

int significantDigits(QStringView digits)
{
    qsizetype first = 0;
    while (first < digits.size() && (digits[first] == u'0' || digits[first] == u'.'))
        ++first;
    int count = 0;
    for (qsizetype i = first; i < digits.size(); ++i)
        count += digits[i] != u'.';
    return count;
}

// "AB12" → column 27 (0-based) and row 12; false when the reference is malformed.
bool parseCellReference(QStringView ref, int *column, int *row)
{
    qsizetype i = 0;
    int col = 0;
    while (i < ref.size() && ref[i].isLetter() && ref[i].unicode() < 128) {
        col = col * 26 + (ref[i].toUpper().unicode() - u'A' + 1);
        if (col > kMaxColumns)
            return false;
        ++i;
    }
    if (i == 0)
        return false;
    const QStringView digits = ref.sliced(i);
    bool ok = false;
    const int r = digits.toInt(&ok);
    if (!isDigits(digits) || !ok || r < 1 || r > kMaxRows)
        return false;
    *column = col - 1;
    *row = r;
    return true;
}

QString columnName(int column)
{
    QString name;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        name.prepend(QChar(u'A' + (c - 1) % 26));
    return name;
}

class Workbook final
{
public:
    explicit Workbook(QuaZip *zip)
        : m_zip(zip)
    {}

    ReadResult read()
    {
        ReadResult result;
        result.format = QStringLiteral("xlsx");
        QString sheetPath;
        if (!findFirstSheet(&sheetPath) || !readSharedStrings() ||
            !readSheet(sheetPath, &result.table)) {
            result.error = m_error;
            result.errorLine = m_errorLine;
        }
        return result;
    }

private:
    // Opens an entry for reading; false (with m_error set if `required`) when it is absent.
    bool open(QuaZipFile *file, const QString &name, bool required)
    {
        if (!m_zip->setCurrentFile(name, QuaZip::csInsensitive)) {
            if (required)
                m_error = QStringLiteral("not an XLSX workbook: %1 is missing").arg(name);
            return false;
        }
        QuaZipFileInfo64 info;
        if (m_zip->getCurrentFileInfo(&info) && info.uncompressedSize > quint64(kMaxEntrySize)) {
            m_error =
                QStringLiteral("%1 is too large (%2 bytes)").arg(name).arg(info.uncompressedSize);
            return false;
        }
        if (!file->open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read %1 from the XLSX archive").arg(name);
            return false;
        }
        return true;
    }

    bool xmlError(const QXmlStreamReader &xml, const QString &name)
    {
        // Also where the entry's compressed data is damaged: the XML then ends early.
        m_error = QStringLiteral("damaged XLSX file: %1 is not well-formed XML (%2)")
                      .arg(name, xml.errorString());
        return false;
    }

    // workbook.xml names the sheets in order; its relationships say where each one is.
    bool findFirstSheet(QString *sheetPath)
    {
        const QString workbookName = QStringLiteral("xl/workbook.xml");
        QString relId;
        {
            QuaZipFile file(m_zip);
            if (!open(&file, workbookName, true)) {
                if (m_zip->setCurrentFile(QStringLiteral("content.xml")))
                    m_error = QStringLiteral("OpenDocument spreadsheets (.ods) cannot be read; "
                                             "save the file as XLSX or CSV");
                else if (!m_zip->setCurrentFile(QStringLiteral("[Content_Types].xml")))
                    m_error = QStringLiteral("not an XLSX workbook: the zip archive holds no "
                                             "spreadsheet");
                return false;
            }
            QXmlStreamReader xml(&file);
            while (!xml.atEnd() && !xml.hasError()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == u"sheet") {
                    for (const QXmlStreamAttribute &a : xml.attributes()) {
                        if (a.name() == u"id" && a.namespaceUri().endsWith(u"/relationships"))
                            relId = a.value().toString();
                    }
                    break;
                }
            }
            if (xml.hasError())
                return xmlError(xml, workbookName);
        }
        if (relId.isEmpty()) {
            m_error = QStringLiteral("the workbook has no worksheet");
            return false;
        }

        const QString relsName = QStringLiteral("xl/_rels/workbook.xml.rels");
        QuaZipFile rels(m_zip);
        if (!open(&rels, relsName, true))
            return false;
        QXmlStreamReader xml(&rels);
        QString target;
        while (!xml.atEnd() && !xml.hasError()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"Relationship" &&
                xml.attributes().value(QStringLiteral("Id")) == relId) {
                target = xml.attributes().value(QStringLiteral("Target")).toString();
                break;
            }
        }
        if (xml.hasError())
            return xmlError(xml, relsName);
        if (target.isEmpty()) {
            m_error = QStringLiteral("the workbook's first sheet (%1) has no target").arg(relId);
            return false;
        }
        // Targets are relative to xl/ unless they start at the archive's root.
        *sheetPath = target.startsWith(u'/') ? target.mid(1) : QStringLiteral("xl/") + target;
        return true;
    }

    bool readSharedStrings()
    {
        const QString name = QStringLiteral("xl/sharedStrings.xml");
        QuaZipFile file(m_zip);
        if (!open(&file, name, false))
            return m_error.isEmpty();
        QXmlStreamReader xml(&file);
        QString current;
        int phonetic = 0;
        bool inItem = false;
        while (!xml.atEnd() && !xml.hasError()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == u"si") {
                    inItem = true;
                    current.clear();
                } else if (xml.name() == u"rPh") {
                    ++phonetic;
                } else if (xml.name() == u"t" && inItem && phonetic == 0) {
                    current += xml.readElementText(QXmlStreamReader::IncludeChildElements);
                }
            } else if (xml.isEndElement()) {
                if (xml.name() == u"si") {
                    m_sharedStrings.append(current);
                    inItem = false;
                } else if (xml.name() == u"rPh") {
                    --phonetic;
                }
            }
        }
        if (xml.hasError())
            return xmlError(xml, name);
        return true;
    }

    bool readSheet(const QString &name, Table *table)
    {
        QuaZipFile file(m_zip);
        if (!open(&file, name, true))
            return false;
        QXmlStreamReader xml(&file);
        QStringList row;
        int rowNumber = 0;
        int column = -1;
        while (!xml.atEnd() && !xml.hasError()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == u"row") {
                    bool ok = false;
                    const int r = xml.attributes().value(QStringLiteral("r")).toInt(&ok);
                    rowNumber = ok && r > rowNumber && r <= kMaxRows ? r : rowNumber + 1;
                    row.clear();
                    column = -1;
                } else if (xml.name() == u"c") {
                    if (rowNumber == 0)
                        rowNumber = 1; // a cell outside any <row>: be lenient
                    const QXmlStreamAttributes attributes = xml.attributes();
                    const QStringView ref = attributes.value(QStringLiteral("r"));
                    int refColumn = column + 1;
                    int refRow = rowNumber;
                    if (!ref.isEmpty() && !parseCellReference(ref, &refColumn, &refRow)) {
                        m_error = QStringLiteral("damaged XLSX file: bad cell reference \"%1\" "
                                                 "in row %2")
                                      .arg(ref.toString())
                                      .arg(rowNumber);
                        m_errorLine = rowNumber;
                        return false;
                    }
                    if (refColumn >= kMaxColumns) {
                        m_error = QStringLiteral("damaged XLSX file: too many columns in row %1")
                                      .arg(rowNumber);
                        m_errorLine = rowNumber;
                        return false;
                    }
                    column = refColumn;
                    QString value;
                    if (!readCell(&xml, attributes, rowNumber, column, &value))
                        return false;
                    if (!value.isEmpty()) {
                        m_cells += std::max<qsizetype>(1, column + 1 - row.size());
                        if (m_cells > kMaxCells) {
                            m_error =
                                QStringLiteral("the sheet has more than %1 cells").arg(kMaxCells);
                            m_errorLine = rowNumber;
                            return false;
                        }
                        while (row.size() <= column)
                            row.append(QString());
                        row[column] = value;
                    }
                }
            } else if (xml.isEndElement() && xml.name() == u"row") {
                if (!row.isEmpty()) {
                    table->rows.append(row);
                    table->lines.append(rowNumber);
                }
                row.clear();
            }
        }
        if (xml.hasError())
            return xmlError(xml, name);
        return true;
    }

    bool readCell(QXmlStreamReader *xml, const QXmlStreamAttributes &attributes, int rowNumber,
                  int column, QString *value)
    {
        const QStringView type = attributes.value(QStringLiteral("t"));
        QString v;
        QString inlineText;
        while (!xml->atEnd() && !xml->hasError()) {
            xml->readNext();
            if (xml->isEndElement() && xml->name() == u"c")
                break;
            if (!xml->isStartElement())
                continue;
            if (xml->name() == u"v") {
                v = xml->readElementText(QXmlStreamReader::IncludeChildElements);
            } else if (xml->name() == u"t") {
                inlineText += xml->readElementText(QXmlStreamReader::IncludeChildElements);
            } else if (xml->name() == u"rPh") {
                xml->skipCurrentElement();
            }
        }
        if (xml->hasError())
            return true; // reported by the caller
        const QString where = columnName(column) + QString::number(rowNumber);
        if (type == u"s") {
            bool ok = false;
            const qsizetype index = v.trimmed().toLongLong(&ok);
            if (v.isEmpty()) {
                value->clear();
            } else if (!ok || index < 0 || index >= m_sharedStrings.size()) {
                m_error = QStringLiteral("damaged XLSX file: cell %1 refers to shared string "
                                         "\"%2\" of %3")
                              .arg(where, v)
                              .arg(m_sharedStrings.size());
                m_errorLine = rowNumber;
                return false;
            } else {
                *value = m_sharedStrings.at(index);
            }
        } else if (type == u"inlineStr") {
            *value = inlineText;
        } else if (type == u"b") {
            *value = v.trimmed() == u"1" ? QStringLiteral("TRUE")
                     : v.isEmpty()       ? QString()
                                         : QStringLiteral("FALSE");
        } else if (type == u"str" || type == u"e" || type == u"d") {
            *value = v;
        } else {
            const QString number = xlsxNumberText(v);
            *value = number.isEmpty() ? v : number;
        }
        return true;
    }

    QuaZip *m_zip;
    QStringList m_sharedStrings;
    qint64 m_cells = 0;
    QString m_error;
    int m_errorLine = 0;
};

QString zipError(int code)
{
    return QStringLiteral("not a valid XLSX file: the zip archive cannot be read (error %1)")
        .arg(code);
}

} // namespace

QString xlsxNumberText(QStringView value)
{
    const QStringView v = value.trimmed();
    const QStringView unsignedPart = v.startsWith(u'-') ? v.sliced(1) : v;
    const qsizetype dot = unsignedPart.indexOf(u'.');
    if (isDigits(unsignedPart))
        return v.toString();
    if (dot > 0 && isDigits(unsignedPart.first(dot)) && isDigits(unsignedPart.sliced(dot + 1)) &&
        significantDigits(unsignedPart) <= 15 && !unsignedPart.endsWith(u'0'))
        return v.toString();
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return QString();
    if (d == 0)
        return QStringLiteral("0");
    // Round to 15 significant digits, then write without an exponent.
    const int exponent = int(std::floor(std::log10(std::fabs(d))));
    const int decimals = std::max(0, 14 - exponent);
    QString text = QString::number(QString::number(d, 'g', 15).toDouble(), 'f', decimals);
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    if (text == u"-0")
        text = QStringLiteral("0");
    return text;
}

ReadResult readXlsx(QIODevice *device)
{
    QuaZip zip(device);
    if (!zip.open(QuaZip::mdUnzip)) {
        ReadResult result;
        result.format = QStringLiteral("xlsx");
        result.error = zipError(zip.getZipError());
        return result;
    }
    ReadResult result = Workbook(&zip).read();
    zip.close();
    return result;
}

ReadResult readXlsx(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ReadResult result;
        result.format = QStringLiteral("xlsx");
        result.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return result;
    }
    return readXlsx(&file);
}

} // namespace qm::import
