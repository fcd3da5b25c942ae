// Twenty orders queued in a profile's cache, then `qm sync` killed with SIGKILL at random
// moments while it pushes them (before a send, while the portal commits, after it committed
// and before the client recorded it), again and again until every order is sent or a run
// finishes, then one clean sync. Every scenario must end with the portal holding exactly those
// twenty orders, each once, and every local order Sent with the portal's number. Runs on SQLite and
// PostgreSQL portals, with a keychain of its own.
//
// QM_ORDER_KILL_RUNS sets the number of scenarios (default 10; 100 for the full check) and
// QM_ORDER_KILL_SEED the random seed (printed, so that a failure can be repeated).
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "core/catalog.h"
#include "core/order.h"
#include "models/database.h"
#include "models/orderstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");
constexpr int DemoProducts = 60;
constexpr int OrdersPerRun = 20;
constexpr int DefaultRuns = 10;
constexpr int MaxKillsPerRun = 40; // then the run is left to finish
constexpr int ProcessTimeoutMs = 120000;

struct PricedLine
{
    QString sku;
    qint64 quantity = 0;
    Decimal unitPrice;
};

// The outbox of a cache, by client order id; empty with `error` set when it cannot be read.
QMap<QString, OutboxOrder> readOutbox(const QString &cachePath, QString *error)
{
    QMap<QString, OutboxOrder> out;
    const auto db = Database::open(cachePath, error);
    if (!db)
        return out;
    for (const OutboxOrder &o : OrderStore(*db).outbox(true))
        out.insert(o.clientOrderId, o);
    return out;
}

} // namespace

class tst_OrderKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedPushesPlaceEveryOrderOnce();

private:
    QProcessEnvironment environment() const;
    bool login(QString *error);
    QString newProfile();
    // Queues `count` orders of `lines` in the profile's cache; their client order ids.
    QStringList queueOrders(const QString &profile, const QList<PricedLine> &lines, QString *error,
                            int count = OrdersPerRun);
    QList<PricedLine> pricedLines(int count);
    // Runs `qm sync` with the outbox log on stderr. With `afterSends` > 0, kills it with
    // SIGKILL `extraMs` after the log says that send number `afterSends` of this run starts
    // (after its Sending state was committed, before the request leaves), unless it ends
    // first. Returns whether it ended on its own, with exit code 0.
    bool runSync(const QString &profile, int afterSends, int extraMs, bool *killed, QString *error);
    // The mean time between two sends of an uninterrupted `qm sync` of OrdersPerRun orders.
    double measureSend(const QList<PricedLine> &lines, QString *error);

    QString m_qmBin;
    QTemporaryDir m_home;
    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    QString m_token;
    QString m_freshCache; // the cache of a signed-in profile that never synced
    int m_profiles = 0;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
};

void tst_OrderKill::initTestCase()
{
    // One line per queued order would pass QTest's message limit in a 100-run check and hide
    // the per-run lines and the summary.
    QLoggingCategory::setFilterRules(QStringLiteral("qm.models.orderstore.info=false"));
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QVERIFY(m_home.isValid());
    bool fixed = false;
    m_seed = qEnvironmentVariable("QM_ORDER_KILL_SEED").toUInt(&fixed);
    if (!fixed)
        m_seed = QRandomGenerator::global()->generate();
    m_random.seed(m_seed);
    qInfo("backend %s, seed %u (QM_ORDER_KILL_SEED=%u repeats this run)",
          qPrintable(backendName(backendFromEnvironment())), m_seed, m_seed);

    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QString::number(DemoProducts)},
                             &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_token = m_http->accessToken(Buyer, Password);
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(login(&error), qPrintable(error));
}

void tst_OrderKill::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

QProcessEnvironment tst_OrderKill::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

bool tst_OrderKill::login(QString *error)
{
    const QString profile = m_home.filePath(QStringLiteral("signed-in"));
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_qmBin, {QStringLiteral("--profile"), profile, QStringLiteral("login"),
                            QStringLiteral("--portal"), m_portal->url().toString(),
                            QStringLiteral("--user"), Buyer, QStringLiteral("--password-stdin")});
    process.write(Password.toUtf8() + '\n');
    process.closeWriteChannel();
    if (!process.waitForFinished(ProcessTimeoutMs) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("qm login failed (%1): %2 -- the test needs an unlocked keyring")
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    m_freshCache = m_home.filePath(QStringLiteral("fresh.sqlite"));
    if (!QFile::copy(QDir(profile).filePath(QStringLiteral("cache.sqlite")), m_freshCache)) {
        *error = QStringLiteral("cannot copy the signed-in cache");
        return false;
    }
    return true;
}

QString tst_OrderKill::newProfile()
{
    const QString profile = m_home.filePath(QStringLiteral("profile-%1").arg(++m_profiles));
    QDir().mkpath(profile);
    QFile::copy(m_freshCache, QDir(profile).filePath(QStringLiteral("cache.sqlite")));
    return profile;
}

QList<PricedLine> tst_OrderKill::pricedLines(int count)
{
    QList<PricedLine> found;
    const FeedPull products = pullFeed(*m_http, m_token, Feed::Products, 1000);
    if (!products.converged())
        return found;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO"))
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        const qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        const QByteArray quote =
            QJsonDocument(
                QJsonObject{{QStringLiteral("lines"),
                             QJsonArray{QJsonObject{{QStringLiteral("sku"), it.key()},
                                                    {QStringLiteral("quantity"), quantity}}}}})
                .toJson(QJsonDocument::Compact);
        const HttpResponse r = m_http->post(QStringLiteral("/api/v1/pricing/quote"), quote,
                                            "application/json", m_token);
        const QJsonObject line = r.json().value(u"lines").toArray().at(0).toObject();
        const auto price = Decimal::parse(line.value(u"unit_price").toString());
        const auto total = Decimal::parse(line.value(u"line_total").toString());
        if (r.status != 200 || line.contains(u"problem") || !price || price->isZero() ||
            line.value(u"quantity").toInteger() != quantity || !total ||
            *total > Decimal::fromInt(200)) // small orders: well inside credit and limits
            continue;
        found.append(PricedLine{it.key(), quantity, *price});
        if (found.size() == count)
            break;
    }
    return found;
}

QStringList tst_OrderKill::queueOrders(const QString &profile, const QList<PricedLine> &lines,
                                       QString *error, int count)
{
    QStringList ids;
    const auto db = Database::open(QDir(profile).filePath(QStringLiteral("cache.sqlite")), error);
    if (!db)
        return ids;
    OrderStore store(*db);
    for (int i = 0; i < count; ++i) {
        OrderSubmission s;
        s.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.shipTo = QStringLiteral("HQ");
        s.poNumber = QStringLiteral("KILL-%1").arg(i + 1);
        // One to three lines per order, from the priced products in turn.
        Decimal total;
        for (int l = 0; l <= i % 3; ++l) {
            const PricedLine &p = lines.at((i + l) % lines.size());
            OrderSubmissionLine line;
            line.sku = p.sku;
            line.quantity = p.quantity;
            line.unitPrice = p.unitPrice;
            s.lines.append(line);
            total = total + *p.unitPrice.times(p.quantity);
        }
        if (!store.queue(s, QStringLiteral("Site"), total, QStringLiteral("USD"), error))
            return {};
        ids.append(s.clientOrderId);
    }
    return ids;
}

bool tst_OrderKill::runSync(const QString &profile, int afterSends, int extraMs, bool *killed,
                            QString *error)
{
    QProcess process;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qm.sync.outbox.info=true"));
    process.setProcessEnvironment(env);
    process.setReadChannel(QProcess::StandardError);
    process.start(m_qmBin, {QStringLiteral("--profile"), profile, QStringLiteral("sync")});
    *killed = false;
    if (!process.waitForStarted()) {
        *error = process.errorString();
        return false;
    }
    QByteArray log;
    if (afterSends > 0) {
        // Waits on the process's output and then on the process (both return early when it
        // ends), never a sleep.
        QElapsedTimer timer;
        timer.start();
        int sends = 0;
        while (sends < afterSends && process.state() != QProcess::NotRunning &&
               timer.elapsed() < ProcessTimeoutMs) {
            if (!process.canReadLine() && !process.waitForReadyRead(1000))
                continue;
            while (process.canReadLine() && sends < afterSends) {
                const QByteArray line = process.readLine();
                log += line;
                sends += line.contains("POST order") ? 1 : 0;
            }
        }
        const bool ended = sends < afterSends || process.waitForFinished(qMax(1, extraMs));
        if (!ended) {
            process.kill(); // SIGKILL
            process.waitForFinished(ProcessTimeoutMs);
            *killed = true;
            return false;
        }
    }
    process.waitForFinished(ProcessTimeoutMs);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("qm sync failed (%1): %2")
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(log + process.readAllStandardError()));
        return false;
    }
    return true;
}

double tst_OrderKill::measureSend(const QList<PricedLine> &lines, QString *error)
{
    const QString profile = newProfile();
    if (queueOrders(profile, lines, error).size() != OrdersPerRun)
        return -1;
    QProcess process;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qm.sync.outbox.info=true"));
    process.setProcessEnvironment(env);
    process.setReadChannel(QProcess::StandardError);
    QElapsedTimer timer;
    timer.start();
    process.start(m_qmBin, {QStringLiteral("--profile"), profile, QStringLiteral("sync")});
    qint64 first = -1;
    qint64 last = -1;
    int sends = 0;
    while ((process.state() != QProcess::NotRunning || process.canReadLine()) &&
           timer.elapsed() < ProcessTimeoutMs) {
        if (!process.canReadLine() && !process.waitForReadyRead(1000))
            continue;
        while (process.canReadLine()) {
            if (!process.readLine().contains("POST order"))
                continue;
            ++sends;
            last = timer.elapsed();
            if (first < 0)
                first = last;
        }
    }
    process.waitForFinished(ProcessTimeoutMs);
    if (process.exitCode() != 0 || sends != OrdersPerRun) {
        *error = QStringLiteral("the measuring sync failed after %1 sends: %2")
                     .arg(sends)
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return -1;
    }
    return std::max(1.0, double(last - first) / (OrdersPerRun - 1));
}

void tst_OrderKill::killedPushesPlaceEveryOrderOnce()
{
    bool set = false;
    int runs = qEnvironmentVariable("QM_ORDER_KILL_RUNS").toInt(&set);
    if (!set || runs < 1)
        runs = DefaultRuns;
    const QList<PricedLine> lines = pricedLines(5);
    QCOMPARE(lines.size(), 5);
    QString error;
    const double sendMs = measureSend(lines, &error);
    QVERIFY2(sendMs > 0, qPrintable(error));
    qInfo("%d scenarios of %d orders; an uninterrupted qm sync starts a send every %.1f ms", runs,
          OrdersPerRun, sendMs);

    int totalKills = 0;
    int killsMidPush = 0;      // kills that left some order unsent
    int killsWhileSending = 0; // kills that left an order Sending (outcome unknown)
    QSet<QString> allIds;
    for (int run = 1; run <= runs; ++run) {
        const QString profile = newProfile();
        const QString cache = QDir(profile).filePath(QStringLiteral("cache.sqlite"));
        const QStringList ids = queueOrders(profile, lines, &error);
        QVERIFY2(ids.size() == OrdersPerRun, qPrintable(error));
        int kills = 0;
        int midPush = 0;
        int whileSending = 0;
        int unsent = OrdersPerRun;
        bool finished = false;
        while (!finished && unsent > 0) {
            // After one of the next few sends, at a random moment before the one after it
            // starts (so that a scenario sees several kills); no kill once enough were made.
            const int afterSends =
                kills < MaxKillsPerRun ? 1 + int(m_random.bounded(std::min(unsent, 4))) : 0;
            const int extraMs = int(m_random.bounded(int(sendMs * 1.2) + 1));
            bool killed = false;
            error.clear();
            finished = runSync(profile, afterSends, extraMs, &killed, &error);
            QVERIFY2(finished || killed,
                     qPrintable(QStringLiteral("run %1: %2\nthe portal's output ends with:\n%3")
                                    .arg(run)
                                    .arg(error, m_portal->output().right(3000))));
            if (!killed)
                break;
            ++kills;
            const QMap<QString, OutboxOrder> outbox = readOutbox(cache, &error);
            QVERIFY2(outbox.size() == OrdersPerRun,
                     qPrintable(QStringLiteral("run %1 after kill %2: %3 orders in the outbox %4")
                                    .arg(run)
                                    .arg(kills)
                                    .arg(outbox.size())
                                    .arg(error)));
            int sent = 0;
            bool sending = false;
            for (const OutboxOrder &o : outbox) {
                sent += o.state == OutboxState::Sent ? 1 : 0;
                sending = sending || o.state == OutboxState::Sending;
                QVERIFY2(o.state != OutboxState::NeedsAttention,
                         qPrintable(QStringLiteral("run %1: order %2 was refused: %3")
                                        .arg(run)
                                        .arg(o.clientOrderId, QString::fromUtf8(o.problem))));
            }
            midPush += sent < OrdersPerRun ? 1 : 0;
            whileSending += sending ? 1 : 0;
            unsent = OrdersPerRun - sent;
        }
        // One more clean sync, as the user's next one would be.
        bool killed = false;
        QVERIFY2(runSync(profile, 0, 0, &killed, &error),
                 qPrintable(QStringLiteral("run %1, final sync: %2").arg(run).arg(error)));

        // The portal has each order once, and the cache has its number.
        const FeedPull pull = pullFeed(*m_http, m_token, Feed::Orders, 1000);
        QVERIFY2(pull.converged(), qPrintable(pull.error));
        QMap<QString, QStringList> numbersById;
        for (const QByteArray &payload : pull.entries) {
            const auto order = Order::fromJson(QJsonDocument::fromJson(payload).object(), nullptr);
            QVERIFY(order);
            if (ids.contains(order->clientOrderId))
                numbersById[order->clientOrderId].append(order->number);
        }
        const QMap<QString, OutboxOrder> outbox = readOutbox(cache, &error);
        QCOMPARE(outbox.size(), OrdersPerRun);
        int lost = 0;
        int duplicated = 0;
        for (const QString &id : ids) {
            const QStringList numbers = numbersById.value(id);
            lost += numbers.isEmpty() ? 1 : 0;
            duplicated += numbers.size() > 1 ? int(numbers.size()) - 1 : 0;
            const OutboxOrder local = outbox.value(id);
            QVERIFY2(local.state == OutboxState::Sent,
                     qPrintable(QStringLiteral("run %1: order %2 is %3")
                                    .arg(run)
                                    .arg(id, outboxStateName(local.state))));
            QVERIFY2(numbers.size() == 1 && local.orderNumber == numbers.first(),
                     qPrintable(QStringLiteral("run %1: order %2 is %3 here, %4 on the portal")
                                    .arg(run)
                                    .arg(id, local.orderNumber, numbers.join(u','))));
        }
        qInfo("run %d: %d kills (%d during the push, %d with an order in flight); %d orders,"
              " %d lost, %d duplicated",
              run, kills, midPush, whileSending, OrdersPerRun, lost, duplicated);
        QCOMPARE(lost, 0);
        QCOMPARE(duplicated, 0);
        totalKills += kills;
        killsMidPush += midPush;
        killsWhileSending += whileSending;
        for (const QString &id : ids)
            allIds.insert(id);
    }
    qInfo("summary: %d runs, %d orders, %d kills (%d during the push, %d with an order in"
          " flight); 0 lost, 0 duplicated (seed %u)",
          runs, int(allIds.size()), totalKills, killsMidPush, killsWhileSending, m_seed);
    QCOMPARE(int(allIds.size()), runs * OrdersPerRun);
    QVERIFY2(killsMidPush > 0, "no kill landed in a push: the kill moments are off");
}

QTEST_GUILESS_MAIN(tst_OrderKill)
#include "tst_orderkill.moc"
