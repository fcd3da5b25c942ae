// A model-based randomized test of the client against the real qm-portal (SQLite or
// PostgreSQL, see QM_TEST_BACKEND). Each run signs a fresh profile in through a FaultProxy and
// issues a seeded random sequence of operations: cart edits (`qm cart add`, and quantity
// changes and removals through CartStore as the app makes them), orders queued offline
// (`qm order submit --offline`), catalog changes on the portal (qm-portal
// --apply-demo-changes on its database), the network going down and up, lost answers and 503s,
// `qm sync` killed with SIGKILL at a random moment, qm-portal killed and restarted, `qm sync`
// and `qm outbox push`. A model keeps what the operations must have done: the lines of the
// current cart and the orders queued with their lines. After the sequence the faults stop and
// the client syncs until its outbox has nothing left to send. Then:
//   - every queued order is on the portal exactly once with the lines and quantities it was
//     queued with, and the local outbox holds the portal's number for it; the only orders
//     allowed to stay unsent are those the portal refused for review after a catalog change
//     of this run, and those are not on the portal;
//   - the cache equals the portal (count and hash per feed, see cachecheck.h);
//   - the cache passes PRAGMA integrity_check;
//   - the open carts in the cache hold exactly the lines the model predicts.
//
// QM_MODEL_SEED repeats one seed, QM_MODEL_RUNS sets the number of runs (default 5),
// QM_MODEL_OPS the operations per run (default 30). A failure prints the seed and the
// operations of the run.
#include "support/cachecheck.h"
#include "support/faultproxy.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/orderables.h"
#include "support/portalprocess.h"

#include "core/order.h"
#include "core/problem.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/orderstore.h"

#include <QCoreApplication>
#include <QDir>
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

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");
constexpr int DemoProducts = 60;
constexpr int CartProducts = 10;
constexpr qint64 MaxLineTotal = 40; // a cart of several lines stays inside credit and limits
constexpr int DefaultRuns = 5;
constexpr int DefaultOps = 30;
constexpr int CommandTimeoutMs = 120000; // commands that never wait on the network
constexpr int NetworkTimeoutMs = 8000;   // a sync or push under faults is killed after this
constexpr int DrainRounds = 8;
const QByteArray OrderPost = "POST /api/v1/orders ";

using Lines = QMap<QString, qint64>; // sku -> quantity

QString linesText(const Lines &lines)
{
    QStringList parts;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it)
        parts << QStringLiteral("%1x%2").arg(it.key()).arg(it.value());
    return QStringLiteral("{%1}").arg(parts.join(u' '));
}

struct QmResult
{
    int exitCode = -1;
    bool killed = false;  // killed on purpose at the chosen moment
    bool stalled = false; // killed because it ran past its time limit
    QByteArray out;
    QByteArray err;
};

// The lines of the carts that are not archived, and how many of them hold lines.
Lines openCartLines(Database &db, int *cartsWithLines)
{
    Lines lines;
    *cartsWithLines = 0;
    CartStore store(db);
    for (const CartInfo &cart : store.carts(false)) {
        const QList<CartLine> cartLines = store.lines(cart.id);
        *cartsWithLines += cartLines.isEmpty() ? 0 : 1;
        for (const CartLine &l : cartLines)
            lines[l.sku] += l.quantity;
    }
    return lines;
}

// Removes the lines of `skus` from the current cart of the cache at `cachePath`.
bool removeCartLines(const QString &cachePath, const QStringList &skus, QString *error)
{
    const auto db = Database::open(cachePath, error);
    if (!db)
        return false;
    CartStore store(*db);
    const auto current = store.currentCart();
    if (!current || current->archived) {
        *error = QStringLiteral("no open current cart to remove %1 from").arg(skus.join(u' '));
        return false;
    }
    QList<qint64> ids;
    for (const CartLine &l : store.lines(current->id))
        if (skus.contains(l.sku))
            ids.append(l.id);
    return store.removeLines(current->id, ids, error);
}

Lines submissionLines(const OrderSubmission &s)
{
    Lines lines;
    for (const OrderSubmissionLine &l : s.lines)
        lines[l.sku] += l.quantity;
    return lines;
}

} // namespace

class tst_ModelBased final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void randomOperationsKeepTheModel();

private:
    QProcessEnvironment environment() const;
    // Runs qm with `args` on `profile` while this thread's event loop (and so the proxy) runs.
    // With killAfterMs >= 0 it is killed with SIGKILL after that long unless it ended first;
    // past `timeoutMs` it is killed too.
    QmResult runQm(const QString &profile, const QStringList &args, int killAfterMs = -1,
                   int timeoutMs = CommandTimeoutMs, const QByteArray &input = {});
    // One run of `ops` operations; false with the reason in `error`.
    bool runOnce(int run, int ops, QStringList *log, QString *error);

    QString m_qmBin;
    QTemporaryDir m_home;
    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<HttpClient> m_http;
    QString m_token;
    QList<OrderableProduct> m_products;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
    // Totals over all runs, for the summary.
    QMap<QString, int> m_opCounts;
    int m_orders = 0;
    int m_refused = 0;
    int m_kills = 0;
    int m_stalls = 0;
};

void tst_ModelBased::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qm.models.orderstore.info=false"));
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QVERIFY(m_home.isValid());
    bool fixed = false;
    m_seed = qEnvironmentVariable("QM_MODEL_SEED").toUInt(&fixed);
    if (!fixed)
        m_seed = QRandomGenerator::global()->generate();
    m_random.seed(m_seed);
    qInfo("backend %s, seed %u (QM_MODEL_SEED=%u repeats this run)",
          qPrintable(backendName(backendFromEnvironment())), m_seed, m_seed);

    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QString::number(DemoProducts)},
                             &error),
             qPrintable(error));
    m_proxy = std::make_unique<FaultProxy>(m_portal->url());
    m_proxy->setSeed(m_seed);
    QVERIFY2(m_proxy->listen(&error), qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_token = m_http->accessToken(Buyer, Password);
    QVERIFY(!m_token.isEmpty());
}

void tst_ModelBased::cleanupTestCase()
{
    m_proxy.reset();
    if (m_portal && m_portal->isRunning())
        QCOMPARE(m_portal->stop(), 0);
}

QProcessEnvironment tst_ModelBased::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

QmResult tst_ModelBased::runQm(const QString &profile, const QStringList &args, int killAfterMs,
                               int timeoutMs, const QByteArray &input)
{
    QmResult result;
    QProcess process;
    process.setProcessEnvironment(environment());
    QEventLoop loop;
    connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer killTimer;
    killTimer.setSingleShot(true);
    connect(&killTimer, &QTimer::timeout, &loop, [&] {
        result.killed = true;
        process.kill();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, [&] {
        result.stalled = true;
        process.kill();
    });
    process.start(m_qmBin, QStringList{QStringLiteral("--profile"), profile} + args);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (killAfterMs >= 0)
        killTimer.start(killAfterMs);
    timeout.start(timeoutMs);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    killTimer.stop();
    timeout.stop();
    process.waitForFinished(CommandTimeoutMs);
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.exitStatus() == QProcess::NormalExit) {
        result.exitCode = process.exitCode();
        result.killed = false;
        result.stalled = false;
    }
    return result;
}

bool tst_ModelBased::runOnce(int run, int ops, QStringList *log, QString *error)
{
    // A fresh token: a long check outlives the portal's access tokens.
    m_token = m_http->accessToken(Buyer, Password);
    // What may be ordered now: earlier runs changed the catalog.
    m_products = orderableProducts(*m_http, m_token, CartProducts, MaxLineTotal);
    if (m_products.size() < CartProducts / 2) {
        *error = QStringLiteral("only %1 products can be ordered").arg(m_products.size());
        return false;
    }
    const QString profile = m_home.filePath(QStringLiteral("profile-%1").arg(run));
    const QString cache = QDir(profile).filePath(QStringLiteral("cache.sqlite"));
    QmResult r =
        runQm(profile,
              {QStringLiteral("login"), QStringLiteral("--portal"), m_proxy->url().toString(),
               QStringLiteral("--user"), Buyer, QStringLiteral("--password-stdin")},
              -1, CommandTimeoutMs, Password.toUtf8() + '\n');
    if (r.exitCode != 0) {
        *error = QStringLiteral("qm login failed (%1): %2 -- the test needs an unlocked keyring")
                     .arg(r.exitCode)
                     .arg(QString::fromUtf8(r.err));
        return false;
    }
    r = runQm(profile, {QStringLiteral("sync")});
    if (r.exitCode != 0) {
        *error = QStringLiteral("first qm sync failed (%1): %2")
                     .arg(r.exitCode)
                     .arg(QString::fromUtf8(r.err));
        return false;
    }

    Lines cart;                  // the model: the lines of the current cart
    QMap<QString, Lines> queued; // client order id -> the lines it was queued with
    int catalogChanges = 0;
    const auto fail = [&](const QString &why) {
        *error = why;
        return false;
    };
    const auto outboxOf = [&](QString *why) {
        QMap<QString, OutboxOrder> out;
        const auto db = Database::open(cache, why);
        if (db)
            for (const OutboxOrder &o : OrderStore(*db).outbox(true))
                out.insert(o.clientOrderId, o);
        return out;
    };
    const auto networkRun = [&](const QStringList &args, const QString &name) {
        // Half of the syncs are killed at a random moment of their first 700 ms: an
        // incremental sync with a few orders takes about that long.
        const bool kill = name == u"sync" && m_random.bounded(2) == 0;
        const int killAfter = kill ? 20 + int(m_random.bounded(700)) : -1;
        const QmResult s = runQm(profile, args, killAfter, NetworkTimeoutMs);
        m_kills += s.killed ? 1 : 0;
        m_stalls += s.stalled ? 1 : 0;
        log->append(
            QStringLiteral("%1%2 -> %3")
                .arg(name, kill ? QStringLiteral(" (kill after %1 ms)").arg(killAfter) : QString(),
                     s.killed    ? QStringLiteral("killed")
                     : s.stalled ? QStringLiteral("killed after %1 ms").arg(NetworkTimeoutMs)
                                 : QStringLiteral("exit %1").arg(s.exitCode)));
        return s;
    };

    for (int op = 0; op < ops; ++op) {
        const int roll = int(m_random.bounded(100));
        QString name;
        if (roll < 20 || (cart.isEmpty() && roll < 34)) {
            name = QStringLiteral("cart add");
            const OrderableProduct &p = m_products.at(int(m_random.bounded(m_products.size())));
            const qint64 quantity = p.quantity * (1 + m_random.bounded(2));
            const QmResult a = runQm(profile, {QStringLiteral("cart"), QStringLiteral("add"), p.sku,
                                               QString::number(quantity)});
            log->append(QStringLiteral("cart add %1 %2 -> exit %3")
                            .arg(p.sku)
                            .arg(quantity)
                            .arg(a.exitCode));
            // 7: added, but the line needs attention (only after a catalog change, e.g. the
            // product was discontinued); anything else adds nothing.
            if (a.exitCode == 0 || (a.exitCode == 7 && catalogChanges > 0))
                cart[p.sku] += quantity;
            else if (catalogChanges == 0)
                return fail(QStringLiteral("qm cart add %1 %2 failed (%3): %4")
                                .arg(p.sku)
                                .arg(quantity)
                                .arg(a.exitCode)
                                .arg(QString::fromUtf8(a.out + a.err)));
        } else if (roll < 34) {
            const bool remove = roll < 26;
            name = remove ? QStringLiteral("cart remove") : QStringLiteral("cart set");
            const QString sku = cart.keys().at(int(m_random.bounded(cart.size())));
            const OrderableProduct p =
                *std::find_if(m_products.cbegin(), m_products.cend(),
                              [&](const OrderableProduct &c) { return c.sku == sku; });
            const qint64 quantity = p.quantity * (1 + m_random.bounded(3));
            QString why;
            const auto db = Database::open(cache, &why);
            if (!db)
                return fail(why);
            CartStore store(*db);
            const auto current = store.currentCart();
            if (!current || current->archived)
                return fail(QStringLiteral("%1: the model has lines %2, the cache no open cart")
                                .arg(name, linesText(cart)));
            qint64 lineId = 0;
            for (const CartLine &l : store.lines(current->id))
                lineId = l.sku == sku ? l.id : lineId;
            if (lineId == 0)
                return fail(QStringLiteral("%1: no line of %2 in the current cart").arg(name, sku));
            const bool ok = remove ? store.removeLines(current->id, {lineId}, &why)
                                   : store.setQuantity(current->id, lineId, quantity, &why);
            if (!ok)
                return fail(QStringLiteral("%1 %2: %3").arg(name, sku, why));
            log->append(remove ? QStringLiteral("cart remove %1").arg(sku)
                               : QStringLiteral("cart set %1 %2").arg(sku).arg(quantity));
            if (remove)
                cart.remove(sku);
            else
                cart[sku] = quantity;
        } else if (roll < 46) {
            name = QStringLiteral("order submit");
            QString why;
            const int before = int(outboxOf(&why).size());
            const QmResult s = runQm(profile, {QStringLiteral("order"), QStringLiteral("submit"),
                                               QStringLiteral("--offline"), QStringLiteral("--po"),
                                               QStringLiteral("MODEL-%1-%2").arg(run).arg(op + 1)});
            const QMap<QString, OutboxOrder> after = outboxOf(&why);
            QString id;
            for (const QByteArray &line : s.out.split('\n'))
                if (line.startsWith("queued "))
                    id = QString::fromUtf8(line.mid(7)).trimmed();
            log->append(QStringLiteral("order submit %1 -> exit %2 %3")
                            .arg(linesText(cart))
                            .arg(s.exitCode)
                            .arg(id));
            if (s.exitCode == 0) {
                if (!after.contains(id))
                    return fail(QStringLiteral("order %1 was queued but is not in the outbox: %2")
                                    .arg(id, QString::fromUtf8(s.out)));
                const Lines stored = submissionLines(after.value(id).submission);
                if (stored != cart)
                    return fail(QStringLiteral("order %1 holds %2, the cart held %3")
                                    .arg(id, linesText(stored), linesText(cart)));
                queued.insert(id, cart);
                cart.clear(); // the cart is archived; the next add starts a new one
            } else if (after.size() != before) {
                return fail(QStringLiteral("qm order submit failed (%1) but the outbox grew: %2")
                                .arg(s.exitCode)
                                .arg(QString::fromUtf8(s.out + s.err)));
            } else if (!cart.isEmpty()) {
                // Only a catalog change may make a cart unorderable, and the refusal names
                // the lines; the buyer removes them, as the model does.
                const QString output = QString::fromUtf8(s.out + s.err);
                QStringList named;
                for (auto it = cart.cbegin(); it != cart.cend(); ++it)
                    if (output.contains(it.key()))
                        named << it.key();
                if (catalogChanges == 0 || named.isEmpty())
                    return fail(QStringLiteral("qm order submit of %1 failed (%2): %3")
                                    .arg(linesText(cart))
                                    .arg(s.exitCode)
                                    .arg(output));
                if (!removeCartLines(cache, named, &why))
                    return fail(why);
                for (const QString &sku : std::as_const(named))
                    cart.remove(sku);
                log->append(
                    QStringLiteral("cart remove %1 (refused by the submit)").arg(named.join(u' ')));
            }
        } else if (roll < 51) {
            name = QStringLiteral("catalog change");
            const int changes = 5 + int(m_random.bounded(16));
            QString output;
            const int code = m_portal->runMaintenance(
                {QStringLiteral("--apply-demo-changes"), QString::number(changes),
                 QStringLiteral("--seed"), QString::number(m_random.generate())},
                &output);
            log->append(QStringLiteral("catalog change %1 -> exit %2: %3")
                            .arg(changes)
                            .arg(code)
                            .arg(output.trimmed()));
            if (code != 0)
                return fail(
                    QStringLiteral("qm-portal --apply-demo-changes failed: %1").arg(output));
            ++catalogChanges;
        } else if (roll < 56) {
            name = QStringLiteral("network down");
            m_proxy->setRefuseConnections(true);
            log->append(name);
        } else if (roll < 62) {
            name = QStringLiteral("network up");
            m_proxy->setRefuseConnections(false);
            m_proxy->clearFaults();
            log->append(name);
        } else if (roll < 65) {
            name = QStringLiteral("lose answers");
            const int n = 1 + int(m_random.bounded(2));
            m_proxy->addFault(Fault::dropResponse().on(OrderPost).times(n));
            log->append(QStringLiteral("lose the next %1 order answers").arg(n));
        } else if (roll < 68) {
            name = QStringLiteral("503");
            const int n = 1 + int(m_random.bounded(3));
            m_proxy->addFault(Fault::answer(503).times(n));
            log->append(QStringLiteral("503 to the next %1 requests").arg(n));
        } else if (roll < 88) {
            name = QStringLiteral("sync");
            networkRun({QStringLiteral("sync")}, name);
        } else if (roll < 95) {
            name = QStringLiteral("push");
            networkRun({QStringLiteral("outbox"), QStringLiteral("push")}, name);
        } else {
            name = QStringLiteral("portal restart");
            m_portal->kill();
            QString why;
            if (!m_portal->restart({}, &why))
                return fail(QStringLiteral("qm-portal did not restart: %1").arg(why));
            log->append(name);
        }
        m_opCounts[name] += 1;
    }

    // The faults stop; the client syncs as its scheduler would until nothing is left to send.
    m_proxy->setRefuseConnections(false);
    m_proxy->clearFaults();
    log->append(QStringLiteral("faults off"));
    QMap<QString, OutboxOrder> outbox;
    for (int round = 0; round < DrainRounds; ++round) {
        const QStringList args =
            round % 2 == 0 ? QStringList{QStringLiteral("sync")}
                           : QStringList{QStringLiteral("outbox"), QStringLiteral("push")};
        const QmResult s = runQm(profile, args);
        log->append(QStringLiteral("drain %1 -> exit %2").arg(args.join(u' ')).arg(s.exitCode));
        QString why;
        outbox = outboxOf(&why);
        const bool pending = std::any_of(outbox.cbegin(), outbox.cend(), [](const OutboxOrder &o) {
            return o.state == OutboxState::Queued || o.state == OutboxState::Sending;
        });
        if (!pending && s.exitCode == 0 && round % 2 == 0)
            break;
    }

    // Every queued order: on the portal exactly once with its lines, or refused for review.
    const FeedPull pull = pullFeed(*m_http, m_token, Feed::Orders, 1000);
    if (!pull.converged())
        return fail(QStringLiteral("the orders feed did not converge: %1").arg(pull.error));
    QMap<QString, QList<Order>> onPortal;
    for (const QByteArray &payload : pull.entries) {
        const auto order = Order::fromJson(QJsonDocument::fromJson(payload).object(), nullptr);
        if (order && queued.contains(order->clientOrderId))
            onPortal[order->clientOrderId].append(*order);
    }
    if (outbox.size() != queued.size())
        return fail(QStringLiteral("%1 orders in the outbox, %2 queued")
                        .arg(outbox.size())
                        .arg(queued.size()));
    int refused = 0;
    for (auto it = queued.cbegin(); it != queued.cend(); ++it) {
        const OutboxOrder local = outbox.value(it.key());
        const QList<Order> remote = onPortal.value(it.key());
        if (local.state == OutboxState::NeedsAttention) {
            const QString type =
                QJsonDocument::fromJson(local.problem).object().value(u"type").toString();
            if (catalogChanges == 0 || !remote.isEmpty() ||
                !type.endsWith(QStringView(problems::OrderNeedsReview)))
                return fail(QStringLiteral("order %1 was refused (%2 on the portal): %3")
                                .arg(it.key())
                                .arg(remote.size())
                                .arg(QString::fromUtf8(local.problem)));
            ++refused;
            continue;
        }
        if (local.state != OutboxState::Sent)
            return fail(QStringLiteral("order %1 is still %2 after the faults stopped: %3")
                            .arg(it.key(), outboxStateName(local.state), local.lastError));
        if (remote.size() != 1)
            return fail(QStringLiteral("order %1 is %2 times on the portal")
                            .arg(it.key())
                            .arg(remote.size()));
        if (local.orderNumber.isEmpty() || local.orderNumber != remote.first().number)
            return fail(QStringLiteral("order %1 is '%2' here, %3 on the portal")
                            .arg(it.key(), local.orderNumber, remote.first().number));
        Lines placed;
        for (const OrderLine &l : remote.first().lines)
            placed[l.sku] += l.quantity;
        if (placed != it.value())
            return fail(QStringLiteral("order %1 was queued with %2, the portal has %3")
                            .arg(it.key(), linesText(it.value()), linesText(placed)));
    }

    // The cache equals the portal, is intact, and its open carts are the model's.
    const QString difference = compareCache(cache, Reference(m_portal->url(), Buyer, Password));
    if (!difference.isEmpty())
        return fail(QStringLiteral("the cache differs from the portal: %1").arg(difference));
    const QString integrity = integrityCheck(cache);
    if (integrity != u"ok")
        return fail(QStringLiteral("integrity_check: %1").arg(integrity));
    QString why;
    const auto db = Database::open(cache, &why);
    if (!db)
        return fail(why);
    int cartsWithLines = 0;
    const Lines stored = openCartLines(*db, &cartsWithLines);
    if (stored != cart || cartsWithLines > 1)
        return fail(QStringLiteral("the open carts hold %1 (in %2 carts), the model %3")
                        .arg(linesText(stored))
                        .arg(cartsWithLines)
                        .arg(linesText(cart)));

    m_orders += int(queued.size());
    m_refused += refused;
    qInfo("run %d: %d operations, %d orders queued (%d refused for review after %d catalog"
          " changes), 0 lost, 0 duplicated, open cart %s",
          run, ops, int(queued.size()), refused, catalogChanges, qPrintable(linesText(cart)));
    return true;
}

void tst_ModelBased::randomOperationsKeepTheModel()
{
    bool set = false;
    int runs = qEnvironmentVariable("QM_MODEL_RUNS").toInt(&set);
    if (!set || runs < 1)
        runs = DefaultRuns;
    int ops = qEnvironmentVariable("QM_MODEL_OPS").toInt(&set);
    if (!set || ops < 1)
        ops = DefaultOps;
    for (int run = 1; run <= runs; ++run) {
        QStringList log;
        QString error;
        const bool ok = runOnce(run, ops, &log, &error);
        if (!ok) {
            if (!m_portal->isRunning()) {
                QString why;
                m_portal->restart({}, &why);
            }
            QFAIL(qPrintable(
                QStringLiteral("run %1 failed: %2\nseed %3 (repeat with QM_MODEL_SEED=%3"
                               " QM_MODEL_RUNS=%4 QM_MODEL_OPS=%5); operations of the run:\n  %6"
                               "\nthe portal's output ends with:\n%7")
                    .arg(run)
                    .arg(error)
                    .arg(m_seed)
                    .arg(run)
                    .arg(ops)
                    .arg(log.join(QStringLiteral("\n  ")), m_portal->output().right(2000))));
        }
    }
    QStringList counts;
    for (auto it = m_opCounts.cbegin(); it != m_opCounts.cend(); ++it)
        counts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    qInfo("summary: %d runs of %d operations (%s); %d orders queued, %d refused for review,"
          " %d syncs killed, %d stalled syncs killed; 0 lost, 0 duplicated (seed %u)",
          runs, ops, qPrintable(counts.join(QStringLiteral(", "))), m_orders, m_refused, m_kills,
          m_stalls, m_seed);
    QVERIFY2(m_opCounts.value(QStringLiteral("order submit")) > 0, "no order was submitted");
}

int main(int argc, char **argv)
{
    // A long check (QM_MODEL_RUNS=50) outlasts QTest's default limit of five minutes per test
    // function; ctest's TIMEOUT still bounds the run it registers.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "86400000");
    QCoreApplication app(argc, argv);
    tst_ModelBased test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_modelbased.moc"
