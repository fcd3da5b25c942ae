#include "sync/logging.h"

namespace qm {
Q_LOGGING_CATEGORY(lcApi, "qm.sync.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "qm.sync.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOutbox, "qm.sync.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "qm.sync.credentials", QtInfoMsg)
} // namespace qm
