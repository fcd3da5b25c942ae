#include "app/cli/cli.h"

#include "app/cli/terminal.h"
#include "core/clock.h"
#include "core/version.h"

#include <QCommandLineParser>
#include <QFile>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

namespace qm {

namespace {

// Logging goes to stderr, whose contract is one line per failure: keep it quiet unless
// --verbose asks for it (QT_LOGGING_RULES still overrides both).
void configureLogging(bool verbose)
{
    QLoggingCategory::setFilterRules(
        verbose ? QStringLiteral("*.debug=false\nqm.*.info=true")
                : QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
}

QString optionUsage(const QCommandLineOption &option)
{
    QString text = QStringLiteral("--") + option.names().constLast();
    if (!option.valueName().isEmpty())
        text += QLatin1Char(' ') + option.valueName();
    return text;
}

} // namespace

Cli::Cli(QIODevice *in, QIODevice *out, QIODevice *err, bool progressOnStderr)
{
    m_context.in = in;
    m_context.out.setDevice(out);
    m_context.err.setDevice(err);
    m_context.progressOnStderr = progressOnStderr;
    m_commands = {loginCommand(),   syncCommand(),    searchCommand(),    productCommand(),
                  cartCommand(),    listCommand(),    scanCommand(),      orderCommand(),
                  outboxCommand(),  ordersCommand(),  reorderCommand(),   approvalsCommand(),
                  approveCommand(), rejectCommand(),  accountCommand(),   whoamiCommand(),
                  usersCommand(),   userCommand(),    locationsCommand(), locationCommand(),
                  auditCommand(),   companyCommand(), profilesCommand(),  statusCommand(),
                  logoutCommand()};
}

Cli::~Cli() = default;

int Cli::runStandard(const QStringList &arguments)
{
    QFile in;
    QFile out;
    QFile err;
    in.open(stdin, QIODevice::ReadOnly);
    out.open(stdout, QIODevice::WriteOnly);
    err.open(stderr, QIODevice::WriteOnly);
    // QM_TODAY fixes the date that effective-dated prices are taken at (see docs/cli.md).
    QString clockError;
    if (!clock::applyEnvironment(&clockError)) {
        QTextStream(&err) << "qm: " << clockError << Qt::endl;
        return toInt(ExitCode::Usage);
    }
    Cli cli(&in, &out, &err, isTerminal(stderr));
    return cli.run(arguments);
}

const Command *Cli::command(const QString &name) const
{
    for (const Command &c : m_commands) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

int Cli::run(const QStringList &arguments)
{
    bool verbose = false;
    int i = 1;
    for (; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            printHelp();
            return toInt(ExitCode::Ok);
        }
        if (arg == QLatin1String("--version") || arg == QLatin1String("-v")) {
            m_context.out << "qm " << QM_VERSION << Qt::endl;
            return toInt(ExitCode::Ok);
        }
        if (arg == QLatin1String("--verbose")) {
            verbose = true;
        } else if (arg == QLatin1String("--profile")) {
            if (i + 1 >= arguments.size())
                return toInt(m_context.fail(
                    {ExitCode::Usage, QStringLiteral("--profile needs a directory")}));
            m_context.profileOption = arguments.at(++i);
        } else if (arg.startsWith(QLatin1String("--profile="))) {
            m_context.profileOption = arg.mid(int(qstrlen("--profile=")));
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return toInt(m_context.fail(
                {ExitCode::Usage, QStringLiteral("unknown option '%1'; see qm --help").arg(arg)}));
        } else {
            break;
        }
    }
    if (i >= arguments.size()) {
        printHelp();
        return toInt(ExitCode::Usage);
    }
    const Command *cmd = command(arguments.at(i));
    if (!cmd)
        return toInt(m_context.fail(
            {ExitCode::Usage,
             QStringLiteral("unknown command '%1'; see qm --help").arg(arguments.at(i))}));
    configureLogging(verbose);
    return runCommand(*cmd, arguments.mid(i));
}

int Cli::runCommand(const Command &cmd, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addOptions(cmd.options);
    if (!parser.parse(arguments)) {
        return toInt(m_context.fail(
            {ExitCode::Usage,
             parser.errorText() + QStringLiteral("; see qm %1 --help").arg(cmd.name)}));
    }
    if (parser.isSet(help)) {
        printCommandHelp(cmd);
        return toInt(ExitCode::Ok);
    }
    const ExitCode code = cmd.run(m_context, parser);
    m_context.out.flush();
    m_context.err.flush();
    return toInt(code);
}

void Cli::printHelp()
{
    QTextStream &out = m_context.out;
    out << "Usage: qm [--profile DIR] [--verbose] COMMAND [OPTIONS]\n"
           "       qm --help | --version | COMMAND --help\n\n"
           "Quartermaster on the command line: sign in to a supplier's portal, sync its\n"
           "catalog into the local cache, look products up, build carts offline and\n"
           "place orders that go out exactly once.\n\n"
           "Commands:\n";
    for (const Command &c : std::as_const(m_commands))
        out << "  " << c.name.leftJustified(10) << c.summary << '\n';
    out << "\nGlobal options:\n"
           "  --profile DIR  Use the profile in DIR instead of the current one.\n"
           "  --verbose      Log what happens on stderr.\n"
           "  --help         Show this help.\n"
           "  --version      Show the version.\n\n"
           "Exit codes: 0 ok, 1 error, 2 usage, 3 not signed in or session expired,\n"
           "4 not found, 5 portal unreachable, 6 secure storage unavailable,\n"
           "7 some lines of a quick order, or an order, need attention.\n"
        << Qt::flush;
}

void Cli::printCommandHelp(const Command &cmd)
{
    QTextStream &out = m_context.out;
    out << "Usage: qm [--profile DIR] " << cmd.name;
    if (!cmd.synopsis.isEmpty())
        out << ' ' << cmd.synopsis;
    out << "\n\n" << cmd.description << '\n';
    const QList<QCommandLineOption> &options = cmd.options;
    if (!options.isEmpty()) {
        out << "\nOptions:\n";
        for (const QCommandLineOption &o : options)
            out << "  " << optionUsage(o).leftJustified(18) << ' ' << o.description() << '\n';
    }
    out << Qt::flush;
}

} // namespace qm
