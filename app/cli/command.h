#pragma once

#include "app/cli/clicontext.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <functional>

class QCommandLineParser;

namespace qm {

// One subcommand of qm (`qm login`, `qm sync`, ...): what `--help` says about it, its
// options, and what it does with the parsed arguments.
struct Command
{
    QString name;
    QString synopsis;    // arguments after the name: "TEXT [--limit N] [--json]"
    QString summary;     // one line for `qm --help`
    QString description; // a paragraph for `qm <command> --help`
    QList<QCommandLineOption> options;
    std::function<ExitCode(CliContext &context, const QCommandLineParser &args)> run;
};

// The commands, one per source file.
Command loginCommand();
Command syncCommand();
Command searchCommand();
Command productCommand();
Command cartCommand();
Command listCommand();
Command scanCommand();
Command statusCommand();
Command logoutCommand();
Command orderCommand();
Command ordersCommand();
Command outboxCommand();
Command reorderCommand();
Command approvalsCommand();
Command approveCommand();
Command rejectCommand();
Command accountCommand();
Command whoamiCommand();
Command profilesCommand();
Command usersCommand();
Command userCommand();
Command locationsCommand();
Command locationCommand();
Command auditCommand();
Command companyCommand();

} // namespace qm
