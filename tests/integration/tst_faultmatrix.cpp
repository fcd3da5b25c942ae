// The catalog sync and the order outbox under every network fault of FaultProxy, qm-portal
// killed and restarted, and a client clock days ahead or behind, against the real qm-portal
// (on SQLite or PostgreSQL, see QM_TEST_BACKEND). Per row: orders are queued, one sync runs
// with the fault active, the fault stops and the client syncs again as its scheduler would
// until nothing is left to send. Then the cache equals the portal (count and hash per feed),
// every queued order is on the portal exactly once with the number the cache holds, the cache
// passes PRAGMA integrity_check, and the requests made during the fault stayed within what
// the retry policy allows.
#include "support/cachecheck.h"
#include "support/faultproxy.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/orderables.h"
#include "support/portalprocess.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/order.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "sync/apiclient.h"
#include "sync/syncengine.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace qm;
using namespace qm::test;
using namespace std::chrono_literals;

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example");
constexpr int Products = 120;
constexpr int PageSize = 40; // several pages per feed
constexpr int OrdersPerRow = 3;
constexpr int TransferTimeoutMs = 1500; // how long a hung request is waited for
const QByteArray OrderPost = "POST /api/v1/orders ";
const QByteArray FeedPage = "GET /api/v1/sync/";

// Short settings of the same policy the app uses, so that a row takes seconds.
RetryPolicy::Settings requestRetry()
{
    RetryPolicy::Settings s;
    s.maxAttempts = 3;
    s.baseDelay = 20ms;
    s.maxDelay = 200ms;
    s.maxRetryAfter = 1000ms;
    return s;
}

RetryPolicy::Settings orderRetry()
{
    RetryPolicy::Settings s;
    s.maxAttempts = std::numeric_limits<int>::max();
    s.baseDelay = 50ms;
    s.maxDelay = 300ms;
    s.maxRetryAfter = 1500ms;
    return s;
}

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty() ? QStringLiteral("ok") : r.storageError;
}

// What goes wrong during the fault phase of a row.
struct Scenario
{
    QString name;
    QList<Fault> faults;
    bool refuse = false;
    QByteArray killPortalOn;         // kill qm-portal when the proxy sees this request
    QByteArray killPortalOnAnswerTo; // kill it when its answer to this request starts
    int clockShiftDays = 0;          // the client's clock during the fault
};

Scenario scenario(const QString &name, const QList<Fault> &faults, bool refuse = false,
                  const QByteArray &killPortalOn = {}, int clockShiftDays = 0)
{
    Scenario s;
    s.name = name;
    s.faults = faults;
    s.refuse = refuse;
    s.killPortalOn = killPortalOn;
    s.clockShiftDays = clockShiftDays;
    return s;
}

// The portal places an order and dies as its answer leaves; the answer never arrives.
Scenario killedAfterPlacing()
{
    Scenario s = scenario(QStringLiteral("qm-portal killed after placing an order"),
                          {Fault::dropResponse().on(OrderPost).times(1)});
    s.killPortalOnAnswerTo = OrderPost;
    return s;
}

QList<Scenario> scenarios()
{
    const Fault unavailable = Fault::answer(503);
    return {
        scenario(QStringLiteral("latency with jitter"), {Fault::delay(150ms, 150ms)}),
        scenario(QStringLiteral("bandwidth 100 kB/s"), {Fault::bandwidth(100000)}),
        scenario(QStringLiteral("reset mid-body, feed pages"),
                 {Fault::resetMidBody(600).on(FeedPage).times(4)}),
        scenario(QStringLiteral("reset mid-body, order answers"),
                 {Fault::resetMidBody(200).on(OrderPost).times(4)}),
        scenario(QStringLiteral("slice writes"), {Fault::slice(512)}),
        scenario(QStringLiteral("drop response, orders"), {Fault::dropResponse().on(OrderPost)}),
        scenario(QStringLiteral("drop response, feed pages"),
                 {Fault::dropResponse().on(FeedPage).times(3)}),
        scenario(QStringLiteral("hang, orders"), {Fault::hang().on(OrderPost).times(2)}),
        scenario(QStringLiteral("hang, feed pages"), {Fault::hang().on(FeedPage).times(2)}),
        scenario(QStringLiteral("503 everything"), {unavailable}),
        scenario(QStringLiteral("503 Retry-After, orders"),
                 {Fault::answer(503, "1").on(OrderPost).times(4)}),
        scenario(QStringLiteral("429 Retry-After, feed pages"),
                 {Fault::answer(429, "1").on(FeedPage).times(2)}),
        scenario(QStringLiteral("connections refused"), {}, true),
        scenario(QStringLiteral("qm-portal killed mid-sync"), {}, false, FeedPage),
        scenario(QStringLiteral("qm-portal killed mid-push"), {}, false, OrderPost),
        killedAfterPlacing(),
        scenario(QStringLiteral("clock 3 days ahead"), {unavailable.on(OrderPost)}, false, {}, 3),
        scenario(QStringLiteral("clock 3 days behind"), {unavailable.on(OrderPost)}, false, {}, -3),
    };
}

// A signed-in user's profile: tokens and a cache of its own; its engine talks to `via`.
struct Profile
{
    QTemporaryDir dir;
    QUrl via;
    Tokens tokens;
    QString error;
    std::unique_ptr<Database> db;
    std::unique_ptr<OrderStore> orders;

    Profile(const QUrl &portal, const QUrl &proxy)
        : via(proxy)
    {
        ApiClient api(portal);
        ApiJob *job = api.signIn(Buyer, Password);
        QSignalSpy finished(job, &ApiJob::finished);
        if (!finished.wait(60000))
            error = QStringLiteral("sign-in did not finish");
        else if (job->error())
            error = job->error()->toLogString();
        tokens = api.tokens();
        db = Database::open(cachePath(), &error);
        if (db)
            orders = std::make_unique<OrderStore>(*db);
    }
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }

    SyncResult sync()
    {
        SyncEngine::Options options;
        options.portal = via;
        options.cachePath = cachePath();
        options.pageSize = PageSize;
        options.transferTimeoutMs = TransferTimeoutMs;
        options.retry = requestRetry();
        options.orderRetry = orderRetry();
        SyncEngine engine(options);
        engine.setTokens(tokens);
        QObject::connect(&engine, &SyncEngine::tokensChanged, &engine,
                         [this](const Tokens &t) { tokens = t; });
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.start();
        if (finished.isEmpty() && !finished.wait(300000))
            qWarning("the sync did not finish");
        return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
    }

    std::optional<OutboxOrder> queue(const QString &sku, qint64 quantity, const Decimal &price)
    {
        OrderSubmission s;
        s.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.shipTo = QStringLiteral("HQ");
        s.poNumber = QStringLiteral("PO-%1").arg(s.clientOrderId.left(8));
        OrderSubmissionLine line;
        line.sku = sku;
        line.quantity = quantity;
        line.unitPrice = price;
        s.lines.append(line);
        return orders->queue(s, QStringLiteral("Site"), *price.times(quantity),
                             QStringLiteral("USD"), &error);
    }

    // Until when the next order waits, if one does (capped at the longest wait there is).
    std::chrono::milliseconds nextWait() const
    {
        const QDateTime now = clock::now();
        const qint64 longest = RetryPolicy(orderRetry()).longestDelay().count();
        qint64 wait = 0;
        for (const OutboxOrder &o : orders->outbox(false))
            if (o.nextAttemptAt.isValid())
                wait = std::max(wait, std::clamp<qint64>(now.msecsTo(o.nextAttemptAt), 0, longest));
        return std::chrono::milliseconds(wait);
    }
};

} // namespace

class tst_FaultMatrix final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void faultThenQuiesce_data();
    void faultThenQuiesce();

private:
    // How many requests a clean full sync of a fresh cache makes now: one per page and feed,
    // plus the account.
    int cleanSyncRequests();
    QMap<QString, QList<Order>> serverOrders();

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    QString m_token;
    struct Line
    {
        QString sku;
        qint64 quantity = 0;
        Decimal price;
    };
    QList<Line> m_lines; // cheap lines the buyer may order without approval
    int m_queued = 0;
};

void tst_FaultMatrix::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QString::number(Products)},
                             &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_token = m_http->accessToken(Buyer, Password);
    QVERIFY(!m_token.isEmpty());

    // Products the portal quotes at their minimum quantity; tools need approval at Bayside.
    for (const OrderableProduct &p : orderableProducts(*m_http, m_token, 5, 200))
        m_lines.append(Line{p.sku, p.quantity, p.unitPrice});
    QVERIFY2(m_lines.size() == 5, "the demo catalog has too few cheap products");
}

void tst_FaultMatrix::cleanup()
{
    clock::setFixedForTesting(QDate());
    // A row that failed while the portal was down leaves it running for the next one.
    if (m_portal && !m_portal->isRunning()) {
        QString error;
        if (!m_portal->restart({}, &error))
            qWarning("cannot restart qm-portal: %s", qPrintable(error));
    }
}

void tst_FaultMatrix::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

int tst_FaultMatrix::cleanSyncRequests()
{
    FaultProxy proxy(m_portal->url());
    QString error;
    if (!proxy.listen(&error)) {
        qWarning("%s", qPrintable(error));
        return -1;
    }
    Profile fresh(m_portal->url(), proxy.url());
    const SyncResult r = fresh.sync();
    if (!r.ok) {
        qWarning("a clean sync failed: %s", qPrintable(describe(r)));
        return -1;
    }
    return proxy.requestCount();
}

QMap<QString, QList<Order>> tst_FaultMatrix::serverOrders()
{
    QMap<QString, QList<Order>> byKey;
    const FeedPull pull = pullFeed(*m_http, m_token, Feed::Orders, 1000);
    if (!pull.converged()) {
        qWarning("orders feed: %s", qPrintable(pull.error));
        return byKey;
    }
    for (const QByteArray &payload : pull.entries) {
        const auto order = Order::fromJson(QJsonDocument::fromJson(payload).object(), nullptr);
        if (order)
            byKey[order->clientOrderId].append(*order);
    }
    return byKey;
}

void tst_FaultMatrix::faultThenQuiesce_data()
{
    QTest::addColumn<int>("index");
    const QList<Scenario> all = scenarios();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all.at(i).name)) << i;
}

void tst_FaultMatrix::faultThenQuiesce()
{
    QFETCH(int, index);
    const Scenario scenario = scenarios().at(index);
    FaultProxy proxy(m_portal->url());
    proxy.setSeed(quint32(index + 1));
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    Profile client(m_portal->url(), proxy.url());
    QVERIFY2(client.error.isEmpty(), qPrintable(client.error));
    QList<OutboxOrder> queued;
    for (int i = 0; i < OrdersPerRow; ++i) {
        const Line &line = m_lines.at(m_queued++ % m_lines.size());
        const auto q = client.queue(line.sku, line.quantity, line.price);
        QVERIFY2(q, qPrintable(client.error));
        queued.append(*q);
    }

    // The fault phase: one sync, as the scheduler would start it.
    for (const Fault &f : scenario.faults)
        proxy.addFault(f);
    proxy.setRefuseConnections(scenario.refuse);
    bool killed = false;
    const QMetaObject::Connection killer =
        connect(&proxy, &FaultProxy::requestSeen, this, [&](const QByteArray &line) {
            if (!killed && !scenario.killPortalOn.isEmpty() &&
                line.startsWith(scenario.killPortalOn)) {
                killed = true;
                m_portal->kill();
            }
        });
    const QMetaObject::Connection answerKiller =
        connect(&proxy, &FaultProxy::answerStarted, this, [&](const QByteArray &line) {
            if (!killed && !scenario.killPortalOnAnswerTo.isEmpty() &&
                line.startsWith(scenario.killPortalOnAnswerTo)) {
                killed = true;
                m_portal->kill();
            }
        });
    if (scenario.clockShiftDays != 0)
        clock::setFixedForTesting(clock::today().addDays(scenario.clockShiftDays));
    const SyncResult during = client.sync();
    qInfo("during the fault: %s; %d requests, %d faulted, %d connections refused",
          qPrintable(describe(during)), proxy.requestCount(), proxy.faultsApplied(),
          proxy.refusedConnections());
    const int requestsDuring = proxy.requestCount();
    const int ordersPostedDuring = proxy.requestCount(OrderPost);
    // The row did inject its fault.
    if (scenario.refuse)
        QVERIFY(proxy.refusedConnections() > 0);
    else if (!scenario.killPortalOn.isEmpty() || !scenario.killPortalOnAnswerTo.isEmpty())
        QVERIFY(killed);
    else
        QVERIFY(proxy.faultsApplied() > 0);
    if (scenario.clockShiftDays > 0) {
        // Deferred under a clock days ahead: its next attempt is days away on the real clock.
        bool farAhead = false;
        for (const OutboxOrder &o : client.orders->outbox(false))
            farAhead = farAhead || o.nextAttemptAt > QDateTime::currentDateTimeUtc().addDays(1);
        QVERIFY(farAhead);
    }

    // The fault ends: the portal is back, the clock is right, the network is clean.
    disconnect(killer);
    disconnect(answerKiller);
    proxy.clearFaults();
    proxy.setRefuseConnections(false);
    proxy.abortConnections();
    clock::setFixedForTesting(QDate());
    if (killed)
        QVERIFY2(m_portal->restart({}, &error), qPrintable(error));

    // Quiesce: sync again whenever the next order is due, until a run succeeds with nothing
    // left to send.
    SyncResult last;
    for (int round = 0; round < 10; ++round) {
        last = client.sync();
        if (last.ok && client.orders->count(OutboxState::Queued) == 0 &&
            client.orders->count(OutboxState::Sending) == 0)
            break;
        QTest::qWait(int(client.nextWait().count()) + 20);
    }
    QVERIFY2(last.ok, qPrintable(describe(last)));
    QCOMPARE(client.orders->count(OutboxState::Queued), 0);
    QCOMPARE(client.orders->count(OutboxState::Sending), 0);
    QCOMPARE(client.orders->count(OutboxState::NeedsAttention), 0);

    // Every queued order is on the portal exactly once, with the number the cache holds.
    const QMap<QString, QList<Order>> onServer = serverOrders();
    for (const OutboxOrder &q : std::as_const(queued)) {
        const auto local = client.orders->outboxOrder(q.clientOrderId);
        QVERIFY(local);
        QCOMPARE(local->state, OutboxState::Sent);
        const QList<Order> placed = onServer.value(q.clientOrderId);
        QCOMPARE(placed.size(), 1);
        QCOMPARE(local->orderNumber, placed.first().number);
        QVERIFY(client.orders->order(local->orderNumber));
    }

    // The cache equals what the portal serves, and the database is sound.
    const Reference reference(m_portal->url(), Buyer, Password);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(client.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    QCOMPARE(integrityCheck(client.cachePath()), QStringLiteral("ok"));

    // No retry storm during the fault. Within one run each order is posted once and each page
    // requested once, or twice for a feed re-pulled from the start; the policy tries each
    // request at most maxAttempts times.
    const int attempts = requestRetry().maxAttempts;
    const int clean = cleanSyncRequests();
    QVERIFY(clean > 0);
    QVERIFY2(ordersPostedDuring <= OrdersPerRow * attempts,
             qPrintable(QStringLiteral("%1 order posts").arg(ordersPostedDuring)));
    const int bound = (2 * clean + OrdersPerRow) * attempts;
    QVERIFY2(requestsDuring <= bound,
             qPrintable(QStringLiteral("%1 requests, at most %2").arg(requestsDuring).arg(bound)));
}

QTEST_GUILESS_MAIN(tst_FaultMatrix)
#include "tst_faultmatrix.moc"
