#include "app/cli/clicontext.h"

namespace qm {

ExitCode CliContext::fail(const CliError &error)
{
    QString line = error.message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    err << "qm: " << line << Qt::endl;
    return error.code;
}

} // namespace qm
