#pragma once

#include "app/cli/command.h"

#include <QStringList>

#include <QList>

class QIODevice;

namespace qm {

// The qm command line client: parses the global options, runs one command and returns
// the process exit code. Runs synchronously (local event loops) in the calling thread,
// which must have a QCoreApplication.
class Cli final
{
public:
    // `in`, `out` and `err` are the standard streams (tests pass buffers).
    Cli(QIODevice *in, QIODevice *out, QIODevice *err, bool progressOnStderr);
    ~Cli();

    // `arguments` as from QCoreApplication::arguments(): the program name first.
    int run(const QStringList &arguments);

    // Runs on the process's own stdin, stdout and stderr.
    static int runStandard(const QStringList &arguments);

private:
    int runCommand(const Command &command, const QStringList &arguments);
    const Command *command(const QString &name) const;
    void printHelp();
    void printCommandHelp(const Command &command);

    CliContext m_context;
    QList<Command> m_commands;
};

} // namespace qm
