#pragma once

#include <QLoggingCategory>

// The logging categories of qm_sync. Debug output is off unless enabled, e.g.
// QT_LOGGING_RULES="qm.sync.*.debug=true".
namespace qm {
Q_DECLARE_LOGGING_CATEGORY(lcApi)         // qm.sync.api: requests, retries, token refresh
Q_DECLARE_LOGGING_CATEGORY(lcFeed)        // qm.sync.feed: feed pulls, verification, resyncs
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)      // qm.sync.outbox: sending saved-list changes and orders
Q_DECLARE_LOGGING_CATEGORY(lcCredentials) // qm.sync.credentials: the keychain
} // namespace qm
