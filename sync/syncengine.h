#pragma once

#include "core/feeds.h"
#include "sync/apierror.h"
#include "sync/tokens.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace qm {

class ApiClient;
class CatalogStore;
class Database;

// Progress of the feed being pulled. The estimate is known for a pull from the start of
// the feed: the previous count of that feed (a re-pull), or on a first sync the product
// count for prices and stock; -1 otherwise (a delta, the first products or part numbers
// pull).
struct SyncProgress
{
    Feed feed = Feed::Products;
    int feedIndex = 0;         // 0-based position of `feed` in catalogFeeds()
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

struct SyncResult
{
    bool ok = false;
    bool cancelled = false;
    std::optional<ApiError> error; // set when !ok && !cancelled
    QString storageError;          // set when the cache could not be written
    QList<FeedSyncResult> feeds;
    qint64 elapsedMs = 0;
};

// Pulls the catalog feeds (products, prices, stock, part numbers) into a profile's cache, page by
// page; each page and its cursor are committed together. Verifies the last page's count and hash;
// on a mismatch or a 410 re-pulls that feed once. Runs in the thread it lives in and opens its own
// Database there, so the GUI moves it to a worker thread (SyncController) while the CLI runs it
// directly.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl portal;
        QString cachePath;
        int pageSize = 1000;
        int transferTimeoutMs = 30000;
        bool allowInsecureHttp = false; // see ApiClient::setAllowInsecureHttp
    };

    explicit SyncEngine(Options options, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void setTokens(const qm::Tokens &tokens);
    // Pulls every catalog feed; ignored while a run is in progress.
    void start();
    // Stops after the page being applied; what was committed stays.
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const qm::SyncProgress &progress);
    void tokensChanged(const qm::Tokens &tokens);
    void sessionExpired();
    void finished(const qm::SyncResult &result);

private:
    struct Run;
    bool prepare(QString *error);
    void pullNext();
    void requestPage();
    void onPage();
    // Re-pulls the current feed from 0 (once per feed and run); false if already done.
    bool restartFeed(const QString &why);
    void nextFeed();
    void finishRun(bool ok, std::optional<ApiError> error = std::nullopt,
                   QString storageError = {});

    Options m_options;
    Tokens m_tokens;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CatalogStore> m_store;
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
    void cancel();

Q_SIGNALS:
    void started();
    void progress(const qm::SyncProgress &progress);
    void tokensChanged(const qm::Tokens &tokens);
    void sessionExpired();
    void finished(const qm::SyncResult &result);

private:
    class QThread *m_thread;
    SyncEngine *m_engine;
    bool m_running = false;
};

} // namespace qm

Q_DECLARE_METATYPE(qm::SyncProgress)
Q_DECLARE_METATYPE(qm::SyncResult)
