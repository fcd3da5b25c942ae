#include "app/cli/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Quartermaster"));
    QCoreApplication::setApplicationName(QStringLiteral("Quartermaster"));
    return qm::Cli::runStandard(QCoreApplication::arguments());
}
