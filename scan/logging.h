#pragma once

#include <QLoggingCategory>

namespace qm::scan {
Q_DECLARE_LOGGING_CATEGORY(lcScanner) // qm.scan.serial: serial scanners
Q_DECLARE_LOGGING_CATEGORY(lcDecode)  // qm.scan.decode: barcode images
} // namespace qm::scan
