#include "support/portalprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace qm::test {

namespace {

constexpr int StartTimeoutMs =
    300000; // generous: a debug build generating a demo on a busy machine
constexpr int StopTimeoutMs = 30000;
constexpr int MaintenanceTimeoutMs = 600000;

QString portalBinary()
{
    return qEnvironmentVariable("QM_PORTAL_BIN");
}

// Runs one statement on the fixture's server (database "postgres"); false with the reason.
bool runOnPostgresServer(const QUrl &server, const QString &sql, QString *error)
{
    const QString name =
        QStringLiteral("qm-test-admin-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(server.host());
        db.setPort(server.port(5432));
        db.setUserName(server.userName());
        db.setPassword(server.password());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            *error = QStringLiteral("cannot connect to the test PostgreSQL server %1: %2")
                         .arg(server.toString(QUrl::RemovePassword), db.lastError().text());
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QUrl postgresServerUrl(QString *error)
{
    const QString path = qEnvironmentVariable("QM_TEST_PG_URL_FILE");
    if (path.isEmpty()) {
        *error = QStringLiteral(
            "QM_TEST_PG_URL_FILE is not set: run this test through ctest (fixture `postgres`)");
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral(
                "the PostgreSQL fixture is not running (%1: %2); ctest starts it with pg_start")
                .arg(path, file.errorString());
        return {};
    }
    const QUrl url(QString::fromUtf8(file.readAll()).trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        *error = QStringLiteral("%1 does not hold a PostgreSQL URL").arg(path);
        return {};
    }
    return url;
}

} // namespace

Backend backendFromEnvironment()
{
    return qEnvironmentVariable("QM_TEST_BACKEND").compare(u"postgres", Qt::CaseInsensitive) == 0
               ? Backend::Postgres
               : Backend::Sqlite;
}

QString backendName(Backend backend)
{
    return backend == Backend::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

PortalProcess::PortalProcess(Backend backend)
    : m_backend(backend)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

PortalProcess::~PortalProcess()
{
    stop();
    if (m_backend == Backend::Postgres && !m_dbArgument.isEmpty()) {
        QString error;
        const QUrl db(m_dbArgument);
        QUrl server = db;
        server.setPath(QStringLiteral("/postgres"));
        runOnPostgresServer(
            server, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db.path().mid(1)),
            &error);
    }
}

bool PortalProcess::start(const QStringList &extraArgs, QString *error)
{
    const QString binary = portalBinary();
    if (binary.isEmpty()) {
        *error = QStringLiteral("QM_PORTAL_BIN is not set: run this test through ctest");
        return false;
    }
    if (m_process.state() != QProcess::NotRunning) {
        *error = QStringLiteral("this PortalProcess is already running");
        return false;
    }
    if (m_dbArgument.isEmpty()) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            *error =
                QStringLiteral("cannot create a temporary directory: %1").arg(m_dir->errorString());
            return false;
        }
        if (m_backend == Backend::Sqlite) {
            m_dbArgument =
                QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("portal.sqlite"));
        } else {
            const QUrl server = postgresServerUrl(error);
            if (server.isEmpty())
                return false;
            const QString name =
                QStringLiteral("qm_test_%1")
                    .arg(QRandomGenerator::global()->generate64(), 16, 16, QChar(u'0'));
            if (!runOnPostgresServer(server, QStringLiteral("CREATE DATABASE %1").arg(name), error))
                return false;
            QUrl db = server;
            db.setPath(u'/' + name);
            m_dbArgument = db.toString();
        }
    }

    // The server's output goes to a file, not a pipe: a test that blocks on another process
    // for minutes never reads a pipe, and a full pipe would stall every request the server
    // logs.
    m_logPath = m_dir->filePath(QStringLiteral("portal.log"));
    m_logOffset = QFileInfo(m_logPath).size();
    m_process.setStandardOutputFile(m_logPath, QIODevice::Append);
    m_url.clear();
    QStringList args{QStringLiteral("--db"),   m_dbArgument,
                     QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), QString::number(m_port)};
    args += extraArgs;
    m_process.start(binary, args);
    if (!m_process.waitForStarted(30000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(binary, m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(
        QStringLiteral("^qm-portal listening on (https?://\\S+)$"),
        QRegularExpression::MultilineOption);
    QDeadlineTimer deadline(StartTimeoutMs);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch match = listening.match(output());
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForFinished(int(qMin<qint64>(deadline.remainingTime(), 50)));
    }
    *error = QStringLiteral("qm-portal did not start listening (%1); its output:\n%2")
                 .arg(m_process.state() == QProcess::NotRunning
                          ? QStringLiteral("exit code %1").arg(m_process.exitCode())
                          : QStringLiteral("timeout"),
                      output());
    stop();
    return false;
}

int PortalProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate(); // SIGTERM
    if (!m_process.waitForFinished(StopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(StopTimeoutMs);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void PortalProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(StopTimeoutMs);
}

bool PortalProcess::restart(const QStringList &extraArgs, QString *error)
{
    if (m_dbArgument.isEmpty() || m_url.isEmpty()) {
        *error = QStringLiteral("this PortalProcess was never started");
        return false;
    }
    m_port = m_url.port();
    const bool started = start(extraArgs, error);
    m_port = 0;
    return started;
}

QString PortalProcess::output() const
{
    QFile log(m_logPath);
    if (m_logPath.isEmpty() || !log.open(QIODevice::ReadOnly) || !log.seek(m_logOffset))
        return {};
    return QString::fromUtf8(log.readAll());
}

int PortalProcess::runMaintenance(const QStringList &args, QString *output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(portalBinary(), QStringList{QStringLiteral("--db"), m_dbArgument} + args);
    const bool finished =
        process.waitForStarted(30000) && process.waitForFinished(MaintenanceTimeoutMs);
    if (output)
        *output = QString::fromUtf8(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(StopTimeoutMs);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace qm::test
