// readXlsx and quickOrderRows on arbitrary bytes (mostly zip archives from the corpus).
#include "fuzzchecks.h"
#include "import/xlsxreader.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data), qsizetype(size));
    buffer.open(QIODevice::ReadOnly);
    const qm::import::ReadResult xlsx = qm::import::readXlsx(&buffer);
    checkTable(xlsx);
    checkRows(xlsx.table);
    return 0;
}
