#pragma once

#include "core/feeds.h"
#include "sync/apierror.h"
#include "sync/retrypolicy.h"
#include "sync/tokens.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <limits>
#include <memory>
#include <optional>

namespace qm {

class ApiClient;
class CatalogStore;
class PageWriter;
class Database;
class ListStore;
class OrderStore;
struct OutboxOrder;

// Progress of the feed being pulled. The estimate is known for a pull from the start of
// the feed: the previous count of that feed (a re-pull), or on a first sync the product
// count for prices and stock; -1 otherwise (a delta, the first products or part numbers
// pull).
struct SyncProgress
{
    Feed feed = Feed::Products;
    int feedIndex = 0;         // 0-based position of `feed` in allFeeds()
    qint64 itemsApplied = 0;   // in this feed during this run
    qint64 itemsExpected = -1; // estimate for this feed, -1 when unknown; never below itemsApplied
    qint64 pages = 0;
};

struct FeedSyncResult
{
    Feed feed = Feed::Products;
    qint64 upserts = 0;
    qint64 deletes = 0;
    qint64 pages = 0;
    bool resynced = false; // a 410 or a digest mismatch forced a full re-pull
    bool verified = false; // count and hash matched the server at the end
    bool skipped = false;  // the user may not read this feed (403): left as it was
};

// What sending the saved-list outbox did in one run.
struct ListPushResult
{
    int accepted = 0;  // changes the portal took (or replayed)
    int conflicts = 0; // met a newer version: the local edit became a conflicting copy
    int failed = 0;    // refused (4xx): kept in the outbox as failed, with the reason
    int deferred = 0;  // could not be sent now (network, 5xx): sent again next time
    std::optional<ApiError> deferredBy; // why the last deferred change could not be sent
};

// What sending the order outbox did in one run.
struct OrderPushResult
{
    int accepted = 0; // orders the portal placed (or replayed): now Sent, with their numbers
    int refused = 0;  // refused (4xx): now NeedsAttention with the portal's problem
    int deferred = 0; // no answer, 408, 429, 5xx or still in progress: sent again later
    std::optional<ApiError> deferredBy; // why the last deferred order could not be sent
};

// What the run learned about the account (GET /api/v1/account).
enum class AccountFetch
{
    NotFetched, // the run did not get that far
    Updated,    // a new copy was stored
    Unchanged,  // 304: the cached copy is current
    NotAllowed, // the user may not read it (403): the cache was left as it was
};

struct SyncResult
{
    bool ok = false;
    bool cancelled = false;
    std::optional<ApiError> error; // set when !ok && !cancelled
    QString storageError;          // set when the cache could not be written
    QList<FeedSyncResult> feeds;
    qint64 elapsedMs = 0;
    ListPushResult lists;   // what sending the saved-list outbox did
    OrderPushResult orders; // what sending the order outbox did
    AccountFetch account = AccountFetch::NotFetched;
};

// Sends the saved-list outbox (one change at a time, in order) and the order outbox (one order
// at a time, in outbox order, each with its client order id as Idempotency-Key and its frozen
// body), then pulls the feeds (products, prices, stock, part numbers, lists, orders) into a
// profile's cache, page by page; each page and its cursor are committed together. Verifies the
// last page's count and hash; on a mismatch or a 410 re-pulls that feed once. Ends a successful
// run by refreshing the cached account (credit, terms, ship-to locations). Runs in the thread it
// lives in and opens its own Database there, so the GUI moves it to a worker thread
// (SyncController) while the CLI runs it directly. Pages are parsed and prepared
// (CatalogStore::prepare) in that thread and written by a PageWriter, a thread with a
// connection of its own, while the next pages are fetched; after a first products pull the
// writer builds the full-text index while prices and stock are fetched.
//
// An order whose send got no answer (network error, timeout), 408, 429, 5xx or 409
// request-in-progress stays queued with the same key and body and is not sent again before its
// next attempt time (orderRetry, full jitter, Retry-After honoured); the portal never places it
// twice. Any other 4xx parks it as needing attention with the portal's problem document; the
// orders behind it are still sent.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl portal;
        QString cachePath;
        int pageSize = 1000;
        // Products indexed per transaction while the writer has no page to write, when a
        // first pull's full-text index is built. A range of 20,000 products of a
        // million-product catalog takes about 0.3 s, which the pages arriving meanwhile wait;
        // a range per transaction made the whole build about 5 % more expensive than one pass.
        int indexRangeProducts = 20000;
        // The same for what is left when the last feed is pulled: nothing waits for the writer
        // then, and fewer, larger transactions spend less on commits and segment merges.
        int finalIndexRangeProducts = 50000;
        int transferTimeoutMs = 30000;
        bool allowInsecureHttp = false; // see ApiClient::setAllowInsecureHttp
        // Retries of one request within a run (ApiClient's policy).
        RetryPolicy::Settings retry;
        // When an order whose send failed transiently may be sent again (by the number of
        // sends started so far); an order is never given up, whatever maxAttempts says.
        RetryPolicy::Settings orderRetry{std::numeric_limits<int>::max(), std::chrono::seconds(2),
                                         std::chrono::minutes(5), std::chrono::hours(1)};
    };

    explicit SyncEngine(Options options, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_running; }
    // After a run, the writer merges the full-text index's segments while it has nothing else
    // to do (see CatalogStore::mergeIndex); this waits until it is done. The CLI waits before
    // it exits; in the app, a run that starts meanwhile goes first.
    void waitForIndexMerge();

public Q_SLOTS:
    void setTokens(const qm::Tokens &tokens);
    // Sends the outbox, then pulls every feed; ignored while a run is in progress.
    void start();
    // Only sends the outboxes (lists, then orders) and refreshes the account; ignored while a
    // run is in progress. A change or order that could not be sent (network, 5xx) fails the
    // run with that error; it is sent again next time.
    void push();
    // Stops after the pages being written; what was committed stays.
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const qm::SyncProgress &progress);
    void tokensChanged(const qm::Tokens &tokens);
    void sessionExpired();
    // An order of the outbox changed state (sending, sent, needs attention, queued again).
    void orderRecorded(const QString &clientOrderId);
    void finished(const qm::SyncResult &result);

private:
    struct Run;
    void begin(bool pullFeeds);
    bool prepare(QString *error);
    void sendNextChange();
    void onChangeSent();
    void endPush();
    void sendNextOrder();
    void onOrderSent();
    // Records a transient failure of the order in flight; false when the cache failed.
    bool deferOrder(const OutboxOrder &order, const ApiError &error, const QByteArray &retryAfter);
    void endOrderPush();
    void fetchAccount();
    void onAccount();
    void pullNext();
    void requestPage();
    void onPage();
    void onPagesWritten();
    void onPageWritten(bool ok, const QString &error);
    // Re-pulls the current feed from 0 (once per feed and run); false if already done.
    bool restartFeed(const QString &why);
    void nextFeed();
    void finishRun(bool ok, std::optional<ApiError> error = std::nullopt,
                   QString storageError = {});

    Options m_options;
    Tokens m_tokens;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CatalogStore> m_store; // reads the sync state
    std::unique_ptr<PageWriter> m_writer;  // writes the pages of a pull (its own connection)
    quint64 m_lastTicket = 0;              // the runs' tickets for the writer
    std::unique_ptr<ListStore> m_lists;
    std::unique_ptr<OrderStore> m_orders;
    ApiClient *m_api = nullptr;
    std::unique_ptr<Run> m_run;
    bool m_running = false;
    bool m_cancelRequested = false;
};

// Runs a SyncEngine in its own thread for the GUI and forwards its signals (queued). The
// owner must persist the tokens of tokensChanged: refresh tokens rotate.
class SyncController : public QObject
{
    Q_OBJECT

public:
    explicit SyncController(SyncEngine::Options options, QObject *parent = nullptr);
    ~SyncController() override; // cancels, stops the thread and waits for it

    // From start() until finished() arrives.
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void setTokens(const qm::Tokens &tokens);
    void start();
    void push();
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const qm::SyncProgress &progress);
    void tokensChanged(const qm::Tokens &tokens);
    void sessionExpired();
    // An order of the outbox changed state (sending, sent, needs attention, queued again).
    void orderRecorded(const QString &clientOrderId);
    void finished(const qm::SyncResult &result);

private:
    class QThread *m_thread;
    SyncEngine *m_engine;
    bool m_running = false;
};

} // namespace qm

Q_DECLARE_METATYPE(qm::SyncProgress)
Q_DECLARE_METATYPE(qm::SyncResult)
