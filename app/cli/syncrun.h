#pragma once

#include "app/cli/clicontext.h"
#include "sync/syncengine.h"

#include <optional>

namespace qm {

// Runs the sync engine for the profile of `context` with its stored tokens and waits for it:
// a full sync (the list outbox, then every feed), or with `pushOnly` the outbox alone.
// Rotated tokens go back to the keychain. On failure prints the error and returns nullopt
// with its exit code in `failure`. `live` shows the feed progress on stderr.
std::optional<SyncResult> runSyncEngine(CliContext &context, bool pushOnly, bool live,
                                        ExitCode *failure);

// "lists sent: 2 accepted, 0 kept as conflicting copies, ..." for a summary.
QString listPushLine(const ListPushResult &lists);

} // namespace qm
