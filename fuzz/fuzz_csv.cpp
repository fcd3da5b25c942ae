// readCsv, readPastedText and quickOrderRows on arbitrary bytes.
#include "fuzzchecks.h"
#include "import/csvreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qm::import::ReadResult csv = qm::import::readCsv(bytes);
    checkTable(csv);
    checkRows(csv.table);
    const qm::import::ReadResult pasted = qm::import::readPastedText(QString::fromUtf8(bytes));
    checkTable(pasted);
    checkRows(pasted.table);
    return 0;
}
