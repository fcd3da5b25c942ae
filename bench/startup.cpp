// Benchmark: start of the desktop app to a usable main window over a large cache.
//
//   bench_startup CACHE [RUNS]     (default: 5 runs)
//
// CACHE is a client cache, e.g. the 1,000,000-product one `bench_search 1000000 --cache
// CACHE` fills. Each run is a new process (this program with --child) that does what the
// app does once a profile is open: create the QApplication, open the cache (Database::open:
// checks, migrations), build the MainWindow over it, show it and wait until the window is
// exposed with the first page of the catalog in its table. The parent times each child from
// its start to the line it prints when usable, and prints the child's own phases. Signing
// in (the keychain) and the first sync are not part of it: the window does not wait for
// them.
//
// On Linux, QM_BENCH_DROP_CACHES=1 asks the kernel to drop the page cache before each run
// (needs root), so that the cache file is read from disk: a start after a reboot. Without
// it the file is in memory after the first run.
//
// It measures; it never fails on time.

#include "models/catalogmodel.h"
#include "models/database.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace qm;

namespace {

int child(int argc, char *argv[], const QString &cachePath)
{
    QElapsedTimer timer;
    timer.start();
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("qm.*.info=false"));
    const qint64 appMs = timer.elapsed();
    QString error;
    auto db = Database::open(cachePath, &error);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 openMs = timer.elapsed();
    MainWindow window(*db);
    const qint64 builtMs = timer.elapsed();
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, 10000)) {
        std::fprintf(stderr, "the window was not exposed\n");
        return 1;
    }
    QTableView *table = window.catalogView();
    if (!table || !table->model() || table->model()->rowCount() == 0) {
        std::fprintf(stderr, "the catalog table is empty\n");
        return 1;
    }
    const qint64 usableMs = timer.elapsed();
    std::printf("usable %lld app %lld open %lld window %lld show %lld rows %d\n",
                static_cast<long long>(usableMs), static_cast<long long>(appMs),
                static_cast<long long>(openMs - appMs), static_cast<long long>(builtMs - openMs),
                static_cast<long long>(usableMs - builtMs), table->model()->rowCount());
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc >= 3 && qstrcmp(argv[1], "--child") == 0)
        return child(argc, argv, QString::fromLocal8Bit(argv[2]));
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_startup CACHE [RUNS]\n");
        return 2;
    }
    QCoreApplication app(argc, argv);
    const QString cachePath = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    if (!QFile::exists(cachePath) || runs < 1) {
        std::fprintf(stderr, "usage: bench_startup CACHE [RUNS]; %s does not exist\n", argv[1]);
        return 2;
    }
    const bool dropCaches = qEnvironmentVariable("QM_BENCH_DROP_CACHES") == u"1";
    std::printf("start to usable main window, cache %s (%.0f MB)%s\n", argv[1],
                double(QFile(cachePath).size()) / 1e6,
                dropCaches ? ", page cache dropped before each run" : "");
    QList<double> totals;
    for (int run = 1; run <= runs; ++run) {
        if (dropCaches) {
            QFile drop(QStringLiteral("/proc/sys/vm/drop_caches"));
            QProcess::execute(QStringLiteral("sync"), {});
            if (!drop.open(QIODevice::WriteOnly) || drop.write("3\n") != 2) {
                std::fprintf(stderr, "cannot drop the page cache: %s\n",
                             qPrintable(drop.errorString()));
                return 1;
            }
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        process.start(QCoreApplication::applicationFilePath(),
                      {QStringLiteral("--child"), cachePath});
        if (!process.waitForStarted() || !process.waitForReadyRead(60000)) {
            std::fprintf(stderr, "run %d: the child did not report\n", run);
            return 1;
        }
        const double total = double(timer.nsecsElapsed()) / 1e6;
        const QByteArray line = process.readLine().trimmed();
        process.waitForFinished(60000);
        if (process.exitCode() != 0 || !line.startsWith("usable")) {
            std::fprintf(stderr, "run %d failed\n", run);
            return 1;
        }
        totals << total;
        std::printf("run %d: %7.1f ms from exec (child: %s ms)\n", run, total, line.constData());
    }
    std::sort(totals.begin(), totals.end());
    std::printf("median %.1f ms, max %.1f ms over %lld runs\n", totals.at(totals.size() / 2),
                totals.last(), static_cast<long long>(totals.size()));
    return 0;
}
