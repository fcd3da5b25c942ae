#pragma once

#include "sync/credentialstore.h"
#include "sync/tokens.h"

#include <QString>

namespace qm {

class ApiJob;
class SignIn;

// Synchronous wrappers for the command line: each runs a local event loop until the
// asynchronous call has finished.
namespace blocking {

// Waits for finished(); the job stays alive until the caller deletes it.
void wait(ApiJob *job);
void wait(SignIn *signIn);

CredentialStore::Status readTokens(CredentialStore &store, const QString &key, Tokens *tokens);
CredentialStore::Status writeTokens(CredentialStore &store, const QString &key,
                                    const Tokens &tokens);
CredentialStore::Status removeTokens(CredentialStore &store, const QString &key);

} // namespace blocking
} // namespace qm
