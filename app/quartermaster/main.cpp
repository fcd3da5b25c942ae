#include "ui/appcontroller.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Quartermaster"));
    QCoreApplication::setApplicationName(QStringLiteral("Quartermaster"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Quartermaster"));
    QGuiApplication::setDesktopFileName(QStringLiteral("quartermaster"));

    qm::AppController controller;
    if (!controller.start(QCoreApplication::arguments()))
        return controller.exitCode();
    return QApplication::exec();
}
