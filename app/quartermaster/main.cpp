#include "core/clock.h"
#include "ui/appcontroller.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Quartermaster"));
    QCoreApplication::setApplicationName(QStringLiteral("Quartermaster"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Quartermaster"));
    QGuiApplication::setDesktopFileName(QStringLiteral("quartermaster"));

    QString clockError; // QM_TODAY: the date effective-dated prices are taken at
    if (!qm::clock::applyEnvironment(&clockError))
        qWarning("%s", qPrintable(clockError));

    qm::AppController controller;
    if (!controller.start(QCoreApplication::arguments()))
        return controller.exitCode();
    return QApplication::exec();
}
