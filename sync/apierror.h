#pragma once

#include "core/problem.h"

#include <QString>

#include <optional>

namespace qm {

// Why a portal request failed, as a code the UI turns into words (ui/ translates;
// sync/ never builds user-facing sentences).
struct ApiError
{
    enum class Code
    {
        Network,                  // could not connect, connection reset, DNS, TLS
        Timeout,                  // no complete answer within the transfer timeout
        Cancelled,                // the caller cancelled
        Problem,                  // the portal answered with a problem document (see problem)
        HttpStatus,               // an error status without a problem document
        InvalidResponse,          // 2xx whose body does not match the contract
        SessionExpired,           // 401 after a refresh attempt: the user must sign in again
        SecureStorageUnavailable, // no OS keychain to keep tokens in
        InsecureConnection,       // plain http:// to a host that is not loopback, not allowed
    };

    Code code = Code::Network;
    int httpStatus = 0;             // 0 when no HTTP answer arrived
    std::optional<Problem> problem; // for Code::Problem
    QString detail;                 // technical detail for logs (English, not shown raw)

    QString problemSlug() const { return problem ? problem->slug() : QString(); }
    // One line for logs and the CLI's stderr.
    QString toLogString() const;
};

} // namespace qm
