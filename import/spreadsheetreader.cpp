#include "import/spreadsheetreader.h"

#include <QFile>

namespace qm::import {

ReadResult readFile(const QString &path, qint64 maxBytes)
{
    ReadResult failed;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failed.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return failed;
    }
    if (file.size() > maxBytes) {
        failed.error = QStringLiteral("%1 is too large to import (%2 MB, at most %3 MB)")
                           .arg(path)
                           .arg(file.size() >> 20)
                           .arg(maxBytes >> 20);
        return failed;
    }
    const QByteArray magic = file.peek(8);
    if (magic.startsWith("PK\x03\x04"))
        return readXlsx(&file);
    if (magic.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        failed.error = QStringLiteral("Excel 97-2003 workbooks (.xls) cannot be read; save the "
                                      "file as XLSX or CSV");
        return failed;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() != file.size()) {
        failed.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return failed;
    }
    return readCsv(bytes);
}

} // namespace qm::import
