#pragma once

namespace qm {

// The exit codes of the qm command line client (documented in docs/cli.md).
enum class ExitCode
{
    Ok = 0,
    Error = 1,         // anything not covered below: portal or cache errors
    Usage = 2,         // bad arguments
    NotSignedIn = 3,   // no profile, no stored tokens, wrong credentials, session expired
    NotFound = 4,      // no product matches the code
    Unreachable = 5,   // the portal could not be reached or did not answer in time
    SecureStorage = 6, // no OS keychain to keep the tokens in
    Attention = 7,     // a quick order was applied, but some of its lines need attention;
                       // or the portal refused an order, which waits in the outbox
};

constexpr int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace qm
