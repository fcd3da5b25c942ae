#pragma once

#include "app/cli/clicontext.h"
#include "sync/syncengine.h"

#include <optional>

namespace qm {

// Runs the sync engine for the profile of `context` with its stored tokens and waits for it:
// a full sync (the list outbox, then every feed), or with `pushOnly` the outbox alone.
// Rotated tokens go back to the keychain. On failure prints the error and returns nullopt
// with its exit code in `failure`. `live` shows the feed progress on stderr. `pageSize` > 0
// asks the portal for pages of that many entries; `pageLines` prints "page N committed: ..."
// on stdout (flushed) as soon as each page is in the cache.
std::optional<SyncResult> runSyncEngine(CliContext &context, bool pushOnly, bool live,
                                        ExitCode *failure, int pageSize = 0,
                                        bool pageLines = false);

// runSyncEngine without printing a failure: a result with ok == false comes back as it is,
// so that the caller can say what it means (an order that could not be sent stays queued).
// Returns nullopt only when the engine could not run (no profile, not signed in, no keychain,
// the renewed sign-in could not be saved), with the reason in `error`.
std::optional<SyncResult> runSyncEngineQuietly(CliContext &context, bool pushOnly, bool live,
                                               CliError *error, int pageSize = 0,
                                               bool pageLines = false);

// "lists sent: 2 accepted, 0 kept as conflicting copies, ..." for a summary.
QString listPushLine(const ListPushResult &lists);
// "orders sent: 1 accepted, 0 need attention (see qm outbox), 0 to send later".
QString orderPushLine(const OrderPushResult &orders);

} // namespace qm
