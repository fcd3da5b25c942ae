#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QTemporaryDir;

namespace qm::test {

// Which storage a test runs qm-portal on. Integration tests run once per backend.
enum class Backend
{
    Sqlite,
    Postgres,
};

// The backend a test executable was started for: the QM_TEST_BACKEND environment
// variable ("sqlite", the default, or "postgres").
Backend backendFromEnvironment();
QString backendName(Backend backend);

// A real qm-portal process (the binary named by QM_PORTAL_BIN) on a free loopback port,
// with a fresh database of its own: a SQLite file in a temporary directory, or a new
// database on the PostgreSQL server that the `postgres` ctest fixture started (its URL
// is in the file named by QM_TEST_PG_URL_FILE). Stops the server with SIGTERM when
// destroyed.
class PortalProcess final
{
public:
    explicit PortalProcess(Backend backend = backendFromEnvironment());
    ~PortalProcess();

    // Starts qm-portal with `extraArgs` (e.g. {"--demo", "--products", "500"}) and waits
    // until it prints its listening line. Returns false with the reason (including the
    // server's output) in `error`.
    bool start(const QStringList &extraArgs, QString *error);
    // Sends SIGTERM and waits for a clean exit; returns the exit code (-1 if killed).
    int stop();
    // Kills the server (SIGKILL: no clean shutdown, as in a crash) and waits until it is gone.
    void kill();
    // Starts the server again after stop() or kill(), on the same database and the same port,
    // with `extraArgs` (without --demo: the database is already there).
    bool restart(const QStringList &extraArgs, QString *error);

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }
    QUrl url() const { return m_url; }
    // The --db argument the server was started with (for maintenance runs of qm-portal
    // on the same database, see runMaintenance).
    QString dbArgument() const { return m_dbArgument; }
    QString output() const; // everything this run of the server printed so far (stdout + stderr)

    // Runs qm-portal once more on the same database with `args` (e.g.
    // {"--apply-demo-changes", "100"}) and waits for it to exit; returns its exit code and
    // puts its output in `output`.
    int runMaintenance(const QStringList &args, QString *output = nullptr) const;

private:
    Backend m_backend;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_process;
    QUrl m_url;
    int m_port = 0; // the port to listen on; 0 for a free one
    QString m_dbArgument;
    QString m_logPath;      // the server's stdout and stderr, in m_dir
    qint64 m_logOffset = 0; // where the output of the current run starts in it
};

} // namespace qm::test
