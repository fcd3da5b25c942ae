#pragma once

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

// main() for the UI tests: settings and data go to a scratch directory, never to the
// user's own, before the application object exists.
#define QM_UI_TEST_MAIN(TestClass)                                                                 \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        QTemporaryDir home;                                                                        \
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));    \
        qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));        \
        QApplication app(argc, argv);                                                              \
        QCoreApplication::setOrganizationName(QStringLiteral("Quartermaster"));                    \
        QCoreApplication::setApplicationName(QStringLiteral("Quartermaster"));                     \
        TestClass test;                                                                            \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
