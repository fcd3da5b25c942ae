#include "scan/logging.h"

namespace qm::scan {
Q_LOGGING_CATEGORY(lcScanner, "qm.scan.serial", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDecode, "qm.scan.decode", QtInfoMsg)
} // namespace qm::scan
