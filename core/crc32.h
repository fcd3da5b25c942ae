#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace qm {

// CRC-32 (ISO 3309, the polynomial of PNG chunks, zlib and Ethernet) of `data`.
quint32 crc32(QByteArrayView data);

} // namespace qm
