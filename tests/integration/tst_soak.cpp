// A soak of the client against one real qm-portal (SQLite or PostgreSQL, see
// QM_TEST_BACKEND): five clients (five profiles, four users of the demo's Bayside accounts, each
// client behind a FaultProxy of its own) run `qm` processes side by side for QM_SOAK_SECONDS
// (default 60). Each loops: add one to three random products to its cart, queue the order
// offline, sync. Meanwhile faults hit random clients: the network goes down for a while, answers
// to orders are lost, requests get 503, and running `qm sync` processes are killed with SIGKILL.
// At the end the faults stop and every client syncs until its outbox is empty. Then every order
// queued is on the portal exactly once with its lines and its number in the local outbox, every
// cache equals what the portal serves its user and passes PRAGMA integrity_check.
#include "support/cachecheck.h"
#include "support/faultproxy.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/orderables.h"
#include "support/portalprocess.h"

#include "core/order.h"
#include "models/database.h"
#include "models/orderstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace qm;
using namespace qm::test;

namespace {

const QString Password = QStringLiteral("demo");
constexpr int DemoProducts = 80;
constexpr int ProductsPerClient = 12;
constexpr qint64 MaxLineTotal = 30;
constexpr int DefaultSeconds = 60;
constexpr int SyncLimitMs = 20000; // a sync still running after this is killed as stalled
constexpr int CommandTimeoutMs = 120000;
constexpr int DrainRounds = 8;
const QByteArray OrderPost = "POST /api/v1/orders ";

using Lines = QMap<QString, qint64>; // sku -> quantity

Lines submissionLines(const OrderSubmission &s)
{
    Lines lines;
    for (const OrderSubmissionLine &l : s.lines)
        lines[l.sku] += l.quantity;
    return lines;
}

// One client: its user, profile, proxy and the `qm` process it runs now.
struct Client
{
    int index = 0;
    QString user;
    QString profile;
    std::unique_ptr<FaultProxy> proxy;
    QList<OrderableProduct> products;
    QProcess *process = nullptr;
    QString step;          // "add", "submit", "sync"
    int addsLeft = 0;      // cart adds before this loop's submit
    bool killing = false;  // the running sync is being killed on purpose
    QStringList queuedIds; // the client order ids its submits printed
    int loops = 0;
    int kills = 0;
    int stalls = 0;
    QString failure; // the first unexpected failure of a command
};

} // namespace

class tst_Soak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fiveClientsUnderFaults();

private:
    QProcessEnvironment environment() const;
    // Runs qm on `profile` to the end while this thread's event loop (and so the proxies) runs.
    int runQm(const QString &profile, const QStringList &args, QByteArray *output,
              const QByteArray &input = {});
    void startStep(Client &c);
    void stepFinished(Client &c, int exitCode, QProcess::ExitStatus status);
    void injectFault();

    QString m_qmBin;
    QTemporaryDir m_home;
    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    std::vector<std::unique_ptr<Client>> m_clients;
    QRandomGenerator m_random;
    quint32 m_seed = 0;
    bool m_stopping = false;
    int m_faultsInjected = 0;
    QMap<QString, int> m_faultKinds;
};

void tst_Soak::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qm.models.orderstore.info=false"));
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QVERIFY(m_home.isValid());
    bool fixed = false;
    m_seed = qEnvironmentVariable("QM_SOAK_SEED").toUInt(&fixed);
    if (!fixed)
        m_seed = QRandomGenerator::global()->generate();
    m_random.seed(m_seed);
    qInfo("backend %s, seed %u", qPrintable(backendName(backendFromEnvironment())), m_seed);

    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QString::number(DemoProducts)},
                             &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());

    // Five profiles of four users in three Bayside accounts; the buyer signs in twice (two
    // profiles, two portal addresses: two keychain entries).
    const QStringList users{
        QStringLiteral("buyer@bayside.example"), QStringLiteral("approver@bayside.example"),
        QStringLiteral("admin@bayside.example"), QStringLiteral("buyer@yard.bayside.example"),
        QStringLiteral("buyer@bayside.example"),
    };
    for (int i = 0; i < users.size(); ++i) {
        auto c = std::make_unique<Client>();
        c->index = i + 1;
        c->user = users.at(i);
        c->profile = m_home.filePath(QStringLiteral("client-%1").arg(i + 1));
        c->proxy = std::make_unique<FaultProxy>(m_portal->url());
        c->proxy->setSeed(m_seed + quint32(i));
        QVERIFY2(c->proxy->listen(&error), qPrintable(error));
        const QString token = m_http->accessToken(c->user, Password);
        QVERIFY2(!token.isEmpty(), qPrintable(c->user));
        c->products = orderableProducts(*m_http, token, ProductsPerClient, MaxLineTotal);
        QCOMPARE(c->products.size(), ProductsPerClient);
        QByteArray output;
        const int code =
            runQm(c->profile,
                  {QStringLiteral("login"), QStringLiteral("--portal"), c->proxy->url().toString(),
                   QStringLiteral("--user"), c->user, QStringLiteral("--password-stdin")},
                  &output, Password.toUtf8() + '\n');
        QVERIFY2(code == 0, qPrintable(QStringLiteral("qm login of %1 failed (%2): %3 -- the"
                                                      " test needs an unlocked keyring")
                                           .arg(c->user)
                                           .arg(code)
                                           .arg(QString::fromUtf8(output))));
        QCOMPARE(runQm(c->profile, {QStringLiteral("sync")}, &output), 0);
        m_clients.push_back(std::move(c));
    }
}

void tst_Soak::cleanupTestCase()
{
    for (auto &c : m_clients)
        if (c->process) {
            c->process->kill();
            c->process->waitForFinished();
        }
    m_clients.clear();
    if (m_portal && m_portal->isRunning())
        QCOMPARE(m_portal->stop(), 0);
}

QProcessEnvironment tst_Soak::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

int tst_Soak::runQm(const QString &profile, const QStringList &args, QByteArray *output,
                    const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    process.start(m_qmBin, QStringList{QStringLiteral("--profile"), profile} + args);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    timeout.start(CommandTimeoutMs);
    if (process.waitForStarted() && process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void tst_Soak::startStep(Client &c)
{
    if (m_stopping || !c.failure.isEmpty())
        return;
    QStringList args;
    if (c.step.isEmpty() || c.step == u"sync") {
        c.step = QStringLiteral("add");
        c.addsLeft = 1 + int(m_random.bounded(3));
        ++c.loops;
    }
    if (c.step == u"add" && c.addsLeft == 0)
        c.step = QStringLiteral("submit");
    else if (c.step == u"submit")
        c.step = QStringLiteral("sync");
    if (c.step == u"add") {
        const OrderableProduct &p = c.products.at(int(m_random.bounded(c.products.size())));
        args = QStringList{QStringLiteral("cart"), QStringLiteral("add"), p.sku,
                           QString::number(p.quantity * (1 + m_random.bounded(2)))};
        --c.addsLeft;
    } else if (c.step == u"submit") {
        args = QStringList{QStringLiteral("order"), QStringLiteral("submit"),
                           QStringLiteral("--offline"), QStringLiteral("--po"),
                           QStringLiteral("SOAK-%1-%2").arg(c.index).arg(c.loops)};
    } else {
        args = QStringList{QStringLiteral("sync")};
    }
    auto *process = new QProcess(this);
    c.process = process;
    c.killing = false;
    process->setProcessEnvironment(environment());
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::finished, this,
            [this, &c](int exitCode, QProcess::ExitStatus status) {
                stepFinished(c, exitCode, status);
            });
    if (c.step == u"sync") {
        // A sync that outlives the limit (e.g. retrying while the network is down) is killed
        // as a stalled one; the next loop syncs again.
        QTimer::singleShot(SyncLimitMs, process, [&c, process] {
            if (process->state() != QProcess::NotRunning) {
                ++c.stalls;
                c.killing = true;
                process->kill();
            }
        });
    }
    process->start(m_qmBin, QStringList{QStringLiteral("--profile"), c.profile} + args);
}

void tst_Soak::stepFinished(Client &c, int exitCode, QProcess::ExitStatus status)
{
    QProcess *process = c.process;
    c.process = nullptr;
    process->deleteLater();
    const QByteArray output = process->readAll();
    if (c.step == u"sync") {
        // Killed, unreachable (5) or done: all expected while faults come and go.
        if (status != QProcess::NormalExit && !c.killing)
            c.failure = QStringLiteral("qm sync crashed: %1").arg(QString::fromUtf8(output));
    } else if (status != QProcess::NormalExit || exitCode != 0) {
        c.failure = QStringLiteral("qm %1 failed (%2): %3")
                        .arg(c.step)
                        .arg(exitCode)
                        .arg(QString::fromUtf8(output));
    } else if (c.step == u"submit") {
        for (const QByteArray &line : output.split('\n'))
            if (line.startsWith("queued "))
                c.queuedIds.append(QString::fromUtf8(line.mid(7)).trimmed());
    }
    startStep(c);
}

void tst_Soak::injectFault()
{
    Client &c = *m_clients.at(m_random.bounded(quint32(m_clients.size())));
    QString kind;
    switch (m_random.bounded(4)) {
    case 0: {
        kind = QStringLiteral("network down");
        c.proxy->setRefuseConnections(true);
        FaultProxy *proxy = c.proxy.get();
        QTimer::singleShot(500 + int(m_random.bounded(2500)), proxy,
                           [proxy] { proxy->setRefuseConnections(false); });
        break;
    }
    case 1:
        kind = QStringLiteral("503");
        c.proxy->addFault(Fault::answer(503).times(1 + int(m_random.bounded(3))));
        break;
    case 2:
        kind = QStringLiteral("lost order answer");
        c.proxy->addFault(Fault::dropResponse().on(OrderPost).times(1));
        break;
    default: {
        // The chosen client's sync, or else any client's that is running.
        Client *syncing = nullptr;
        for (const auto &other : m_clients)
            if (other->process && other->step == u"sync" && !other->killing &&
                (!syncing || other.get() == &c))
                syncing = other.get();
        if (!syncing)
            return;
        kind = QStringLiteral("qm sync killed");
        ++syncing->kills;
        syncing->killing = true;
        syncing->process->kill();
        break;
    }
    }
    ++m_faultsInjected;
    ++m_faultKinds[kind];
}

void tst_Soak::fiveClientsUnderFaults()
{
    bool set = false;
    int seconds = qEnvironmentVariable("QM_SOAK_SECONDS").toInt(&set);
    if (!set || seconds < 1)
        seconds = DefaultSeconds;
    QElapsedTimer clock;
    clock.start();
    for (auto &c : m_clients)
        startStep(*c);
    QTimer chaos;
    connect(&chaos, &QTimer::timeout, this, [this, &chaos] {
        injectFault();
        chaos.start(300 + int(m_random.bounded(1200)));
    });
    chaos.setSingleShot(true);
    chaos.start(300);
    QTest::qWait(seconds * 1000);
    chaos.stop();
    m_stopping = true;
    const auto busy = [this] {
        return std::any_of(m_clients.cbegin(), m_clients.cend(),
                           [](const auto &c) { return c->process != nullptr; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(!busy(), SyncLimitMs + CommandTimeoutMs);
    const qint64 loadMs = clock.elapsed();
    for (auto &c : m_clients)
        QVERIFY2(c->failure.isEmpty(),
                 qPrintable(
                     QStringLiteral("client %1 (%2): %3").arg(c->index).arg(c->user, c->failure)));

    // The faults stop; every client syncs until nothing is left to send.
    int requests = 0;
    int faultsApplied = 0;
    int refused = 0;
    for (auto &c : m_clients) {
        requests += c->proxy->requestCount();
        faultsApplied += c->proxy->faultsApplied();
        refused += c->proxy->refusedConnections();
        c->proxy->setRefuseConnections(false);
        c->proxy->clearFaults();
    }
    int queued = 0;
    int delivered = 0;
    int lost = 0;
    int duplicated = 0;
    int kills = 0;
    int stalls = 0;
    int loops = 0;
    for (auto &c : m_clients) {
        const QString cache = QDir(c->profile).filePath(QStringLiteral("cache.sqlite"));
        QMap<QString, OutboxOrder> outbox;
        QByteArray output;
        int code = -1;
        for (int round = 0; round < DrainRounds; ++round) {
            code = runQm(c->profile,
                         round % 2 == 0
                             ? QStringList{QStringLiteral("sync")}
                             : QStringList{QStringLiteral("outbox"), QStringLiteral("push")},
                         &output);
            QString why;
            const auto db = Database::open(cache, &why);
            QVERIFY2(db, qPrintable(why));
            outbox.clear();
            for (const OutboxOrder &o : OrderStore(*db).outbox(true))
                outbox.insert(o.clientOrderId, o);
            const bool pending =
                std::any_of(outbox.cbegin(), outbox.cend(),
                            [](const OutboxOrder &o) { return o.state != OutboxState::Sent; });
            if (!pending && code == 0 && round % 2 == 0)
                break;
        }
        QVERIFY2(code == 0, qPrintable(QStringLiteral("client %1: the last sync failed (%2): %3")
                                           .arg(c->index)
                                           .arg(code)
                                           .arg(QString::fromUtf8(output))));
        QCOMPARE(outbox.size(), c->queuedIds.size());

        const QString token = m_http->accessToken(c->user, Password);
        const FeedPull pull = pullFeed(*m_http, token, Feed::Orders, 1000);
        QVERIFY2(pull.converged(), qPrintable(pull.error));
        QMap<QString, QList<Order>> onPortal;
        for (const QByteArray &payload : pull.entries) {
            const auto order = Order::fromJson(QJsonDocument::fromJson(payload).object(), nullptr);
            QVERIFY(order);
            onPortal[order->clientOrderId].append(*order);
        }
        for (const QString &id : std::as_const(c->queuedIds)) {
            const OutboxOrder local = outbox.value(id);
            const QList<Order> remote = onPortal.value(id);
            lost += remote.isEmpty() ? 1 : 0;
            duplicated += remote.size() > 1 ? int(remote.size()) - 1 : 0;
            QVERIFY2(local.state == OutboxState::Sent,
                     qPrintable(QStringLiteral("client %1: order %2 is %3: %4 %5")
                                    .arg(c->index)
                                    .arg(id, outboxStateName(local.state), local.lastError,
                                         QString::fromUtf8(local.problem))));
            QVERIFY2(remote.size() == 1 && remote.first().number == local.orderNumber,
                     qPrintable(QStringLiteral("client %1: order %2 is '%3' here, on the portal"
                                               " %4 times")
                                    .arg(c->index)
                                    .arg(id, local.orderNumber)
                                    .arg(remote.size())));
            Lines placed;
            for (const OrderLine &l : remote.first().lines)
                placed[l.sku] += l.quantity;
            QCOMPARE(placed, submissionLines(local.submission));
            ++delivered;
        }
        queued += int(c->queuedIds.size());
        kills += c->kills;
        stalls += c->stalls;
        loops += c->loops;

        const QString difference = compareCache(cache, Reference(m_portal->url(), c->user));
        QVERIFY2(difference.isEmpty(),
                 qPrintable(QStringLiteral("client %1: %2").arg(c->index).arg(difference)));
        QCOMPARE(integrityCheck(cache), QStringLiteral("ok"));
    }
    QStringList kinds;
    for (auto it = m_faultKinds.cbegin(); it != m_faultKinds.cend(); ++it)
        kinds << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    qInfo("soak: %d clients for %.1f s (%d loops): orders queued %d, delivered %d; faults"
          " injected %d (%s), %d requests or connections faulted, %d connections refused; qm"
          " sync kills %d, stalled syncs killed %d; requests %d; lost %d, duplicated %d (seed %u)",
          int(m_clients.size()), loadMs / 1000.0, loops, queued, delivered, m_faultsInjected,
          qPrintable(kinds.join(QStringLiteral(", "))), faultsApplied, refused, kills, stalls,
          requests, lost, duplicated, m_seed);
    QCOMPARE(lost, 0);
    QCOMPARE(duplicated, 0);
    QCOMPARE(delivered, queued);
    QVERIFY2(queued >= int(m_clients.size()), "fewer orders than clients: the loops did not run");
    QVERIFY2(m_faultsInjected > 0, "no fault was injected");
}

int main(int argc, char **argv)
{
    // A long soak (QM_SOAK_SECONDS=900) outlasts QTest's default limit of five minutes per test
    // function; ctest's TIMEOUT still bounds the run it registers.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "86400000");
    QCoreApplication app(argc, argv);
    tst_Soak test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_soak.moc"
