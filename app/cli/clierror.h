#pragma once

#include "app/cli/exitcode.h"

#include <QString>

namespace qm {

struct ApiError;

// A failed command: its exit code and the one line printed on stderr after "qm: ".
struct CliError
{
    ExitCode code = ExitCode::Error;
    QString message;

    // The message and exit code for a failed portal request.
    static CliError fromApiError(const ApiError &error);
    static CliError notSignedIn();
    static CliError secureStorageUnavailable(const QString &detail);
};

} // namespace qm
