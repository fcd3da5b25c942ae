#pragma once

#include "app/cli/clierror.h"

#include <QString>
#include <QTextStream>

class QIODevice;

namespace qm {

// What every command gets: the global options and the three standard streams.
struct CliContext
{
    QString profileOption; // --profile DIR; empty when not given
    QIODevice *in = nullptr;
    QTextStream out;
    QTextStream err;
    bool progressOnStderr = false; // stderr is a terminal: show live progress there

    // Prints "qm: <message>" as one line on stderr and returns the error's exit code.
    ExitCode fail(const CliError &error);
};

} // namespace qm
