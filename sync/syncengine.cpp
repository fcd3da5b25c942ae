#include "sync/syncengine.h"

#include "core/account.h"
#include "core/clock.h"
#include "core/order.h"
#include "core/problem.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/liststore.h"
#include "models/orderstore.h"
#include "models/pagewriter.h"
#include "sync/apiclient.h"
#include "sync/logging.h"
#include "sync/retrypolicy.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>

#include <deque>

namespace qm {

namespace {

// Pages fetched and prepared ahead of the writer: at least two (one being written, one
// waiting), more while they hold less than this many bytes, so that the fetch goes on while the
// writer indexes a range of products. Bounds the memory a pull holds whatever the network's
// speed.
constexpr qint64 MaxBytesInFlight = 32 * 1024 * 1024;

qint64 bytesOf(const PreparedPage &page)
{
    qint64 bytes = 0;
    for (const PreparedEntry &e : page.entries)
        bytes +=
            sizeof(e) + 2 * e.key.size() + e.row.size() + e.children.size() + e.discounts.size();
    return bytes;
}

} // namespace

// What the engine keeps of a page handed to the writer, for when it is written.
struct PageInFlight
{
    bool task = false; // not a page: the start of a re-pull
    qint64 bytes = 0;
    qint64 upserts = 0;
    qint64 deletes = 0;
    bool hasMore = false;
    std::optional<qint64> count;
    std::optional<FeedDigest> hash;
};

// The state of one run: where it is, and what it did so far.
struct SyncEngine::Run
{
    QElapsedTimer timer;
    SyncResult result;
    int feedIndex = -1;
    Feed feed = Feed::Products;
    qint64 cursor = 0;
    qint64 expected = -1;
    qint64 applied = 0;
    bool restarted = false;           // the current feed was already re-pulled in this run
    bool fullPull = false;            // the pull of the current feed started at 0 (sends full=true)
    bool pullFeeds = true;            // false: only the outbox is sent
    int sendsLeft = 0;                // bounds the outbox step (conflicting copies add changes)
    std::optional<ListChange> change; // the change in flight
    std::optional<OutboxOrder> order; // the order in flight
    QSet<qint64> ordersSent;          // orders sent in this run: each at most once
    QPointer<ApiJob> job;
    quint64 ticket = 0;                // this run's pages at the writer
    std::deque<PageInFlight> inFlight; // pages queued at the writer, oldest first
    qint64 bytesInFlight = 0;
    bool waitingForWriter = false; // the next page is requested once one is written

    FeedSyncResult &current() { return result.feeds.last(); }
    void recordWritten(const PageInFlight &page)
    {
        FeedSyncResult &feedResult = current();
        feedResult.upserts += page.upserts;
        feedResult.deletes += page.deletes;
        ++feedResult.pages;
        applied += page.upserts + page.deletes;
    }
};

SyncEngine::SyncEngine(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

SyncEngine::~SyncEngine()
{
    if (m_run && m_run->job)
        m_run->job->abort();
}

void SyncEngine::waitForIndexMerge()
{
    if (m_writer)
        m_writer->waitForIdleWork();
}

void SyncEngine::setTokens(const Tokens &tokens)
{
    m_tokens = tokens;
    if (m_api)
        m_api->setTokens(tokens);
}

void SyncEngine::start()
{
    begin(true);
}

void SyncEngine::push()
{
    begin(false);
}

void SyncEngine::begin(bool pullFeeds)
{
    if (m_running) {
        qCInfo(lcFeed) << "a sync is already running";
        return;
    }
    m_running = true;
    m_cancelRequested = false;
    m_run = std::make_unique<Run>();
    m_run->ticket = ++m_lastTicket;
    m_run->timer.start();
    m_run->pullFeeds = pullFeeds;
    Q_EMIT started();
    QString error;
    if (!prepare(&error)) {
        finishRun(false, std::nullopt, error);
        return;
    }
    // Every queued change may add at most one conflicting copy.
    m_run->sendsLeft = 2 * int(m_lists->outbox().size());
    sendNextChange();
}

void SyncEngine::sendNextChange()
{
    Run &run = *m_run;
    if (m_cancelRequested) {
        finishRun(false, ApiError{ApiError::Code::Cancelled, 0, std::nullopt,
                                  QStringLiteral("cancelled")});
        return;
    }
    const auto next = run.sendsLeft > 0 ? m_lists->nextChange() : std::nullopt;
    if (!next) {
        endPush();
        return;
    }
    --run.sendsLeft;
    QString error;
    run.change = m_lists->beginSend(next->id, &error);
    if (!run.change) {
        finishRun(false, std::nullopt, error);
        return;
    }
    const ListChange &c = *run.change;
    qCInfo(lcOutbox) << (c.op == ListChange::Op::Put ? "PUT" : "DELETE") << "list" << c.listId
                     << "on version" << *c.baseVersion << "attempt" << c.attempts;
    run.job = c.op == ListChange::Op::Put
                  ? m_api->putList(c.listId, c.body, *c.baseVersion, c.idempotencyKey)
                  : m_api->deleteList(c.listId, *c.baseVersion, c.idempotencyKey);
    connect(run.job, &ApiJob::finished, this, &SyncEngine::onChangeSent);
}

void SyncEngine::onChangeSent()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    ApiJob *job = run.job;
    run.job = nullptr;
    if (!job || !run.change)
        return;
    const ListChange change = *std::exchange(run.change, std::nullopt);
    ListPushResult &pushed = run.result.lists;
    QString why;
    const auto &error = job->error();
    if (!error) {
        std::optional<RequisitionList> server;
        if (change.op == ListChange::Op::Put) {
            QList<FieldError> errors;
            const auto parsed =
                RequisitionList::fromJson(QJsonDocument::fromJson(job->body()).object(),
                                          RequisitionList::JsonForm::Resource, &errors);
            if (!parsed) {
                // Nothing to record: send it again next time (the portal replays the answer).
                const ApiError invalid{
                    ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                    QStringLiteral("the answer to PUT list %1 is not a list").arg(change.listId)};
                if (!m_lists->recordRetryLater(change.id, invalid.toLogString(), &why)) {
                    finishRun(false, std::nullopt, why);
                    return;
                }
                ++pushed.deferred;
                pushed.deferredBy = invalid;
                endPush();
                return;
            }
            server = *parsed;
        }
        if (!m_lists->recordAccepted(change.id, server, &why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        ++pushed.accepted;
        sendNextChange();
        return;
    }
    switch (error->code) {
    case ApiError::Code::Cancelled:
        finishRun(false, *error);
        return;
    case ApiError::Code::SessionExpired:
    case ApiError::Code::SecureStorageUnavailable:
        finishRun(false, *error);
        return;
    case ApiError::Code::Problem:
    case ApiError::Code::HttpStatus:
        break;
    case ApiError::Code::Network:
    case ApiError::Code::Timeout:
    case ApiError::Code::InvalidResponse:
    case ApiError::Code::InsecureConnection:
        if (!m_lists->recordRetryLater(change.id, error->toLogString(), &why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        ++pushed.deferred;
        pushed.deferredBy = *error;
        endPush();
        return;
    }

    const int status = error->httpStatus;
    const QString slug = error->problemSlug();
    if (status == 412 && slug == problems::VersionConflict) {
        const QJsonValue current = QJsonDocument::fromJson(job->body()).object().value(u"current");
        std::optional<RequisitionList> theirs;
        if (current.isObject()) {
            QList<FieldError> errors;
            theirs = RequisitionList::fromJson(current.toObject(),
                                               RequisitionList::JsonForm::Resource, &errors);
        }
        if (current.isObject() && !theirs) {
            // A conflict without a readable current list: keep the change for next time.
            if (!m_lists->recordRetryLater(change.id, error->toLogString(), &why)) {
                finishRun(false, std::nullopt, why);
                return;
            }
            ++pushed.deferred;
            pushed.deferredBy = ApiError{ApiError::Code::InvalidResponse, status, error->problem,
                                         QStringLiteral("the conflict's current list is invalid")};
            endPush();
            return;
        }
        QString copyId;
        if (!m_lists->recordConflict(change.id, theirs, &why, &copyId)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        ++pushed.conflicts;
        sendNextChange();
        return;
    }
    if (status == 404 && change.op == ListChange::Op::Delete) {
        // Already gone: what the delete wanted.
        if (!m_lists->recordAccepted(change.id, std::nullopt, &why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        ++pushed.accepted;
        sendNextChange();
        return;
    }
    const bool transient = RetryPolicy::isRetryableStatus(status) ||
                           (status == 409 && slug == problems::RequestInProgress);
    if (transient) {
        if (!m_lists->recordRetryLater(change.id, error->toLogString(), &why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        ++pushed.deferred;
        pushed.deferredBy = *error;
        endPush();
        return;
    }
    // Refused: the change stays, failed, with the portal's reason, until the user acts.
    const QString reason = error->problem ? QString::fromUtf8(job->body()) : error->toLogString();
    if (!m_lists->recordFailed(change.id, reason, &why)) {
        finishRun(false, std::nullopt, why);
        return;
    }
    ++pushed.failed;
    sendNextChange();
}

void SyncEngine::endPush()
{
    sendNextOrder();
}

void SyncEngine::sendNextOrder()
{
    Run &run = *m_run;
    if (m_cancelRequested) {
        finishRun(false, ApiError{ApiError::Code::Cancelled, 0, std::nullopt,
                                  QStringLiteral("cancelled")});
        return;
    }
    const auto next =
        m_orders->nextToSend(clock::now(), RetryPolicy(m_options.orderRetry).longestDelay());
    if (!next || run.ordersSent.contains(next->id)) {
        endOrderPush();
        return;
    }
    run.ordersSent.insert(next->id);
    QString error;
    // Recorded before the request leaves: a crash from here on leaves the order Sending, and
    // the next run sends it again with the same key (the portal replays its answer).
    if (!m_orders->beginSend(next->id, &error)) {
        finishRun(false, std::nullopt, error);
        return;
    }
    run.order = next;
    run.order->state = OutboxState::Sending;
    ++run.order->attempts;
    Q_EMIT orderRecorded(next->clientOrderId);
    qCInfo(lcOutbox) << "POST order" << next->clientOrderId << "attempt" << run.order->attempts;
    run.job = m_api->postJson(QStringLiteral("/api/v1/orders"), next->body,
                              next->clientOrderId.toLatin1());
    connect(run.job, &ApiJob::finished, this, &SyncEngine::onOrderSent);
}

bool SyncEngine::deferOrder(const OutboxOrder &order, const ApiError &error,
                            const QByteArray &retryAfter)
{
    OrderPushResult &pushed = m_run->result.orders;
    RetryPolicy::Settings settings = m_options.orderRetry;
    settings.maxAttempts = std::numeric_limits<int>::max();
    RetryPolicy::Outcome outcome;
    outcome.httpStatus = error.httpStatus;
    // Any transient failure counts as retryable here, also a 409 request-in-progress.
    outcome.networkError = true;
    outcome.retryAfter = retryAfter;
    const QDateTime now = clock::now();
    const auto delay =
        RetryPolicy(settings).retryDelay({"POST", true}, outcome, std::max(1, order.attempts), now);
    const QDateTime nextAttempt = now.addMSecs(delay ? delay->count() : 0);
    QString why;
    if (!m_orders->recordRetryLater(order.id, error.toLogString(), nextAttempt, &why)) {
        finishRun(false, std::nullopt, why);
        return false;
    }
    qCInfo(lcOutbox) << "order" << order.clientOrderId << "deferred until"
                     << nextAttempt.toString(Qt::ISODateWithMs) << ":" << error.toLogString();
    ++pushed.deferred;
    pushed.deferredBy = error;
    Q_EMIT orderRecorded(order.clientOrderId);
    return true;
}

void SyncEngine::onOrderSent()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    ApiJob *job = run.job;
    run.job = nullptr;
    if (!job || !run.order)
        return;
    const OutboxOrder order = *std::exchange(run.order, std::nullopt);
    OrderPushResult &pushed = run.result.orders;
    QString why;
    const auto &error = job->error();
    if (!error) {
        QList<FieldError> errors;
        const auto placed = Order::fromJson(QJsonDocument::fromJson(job->body()).object(), &errors);
        if (!placed || placed->clientOrderId != order.clientOrderId) {
            // Nothing to record: send it again later (the portal replays the same answer).
            const ApiError invalid{
                ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                placed ? QStringLiteral("the answer to order %1 is for order %2")
                             .arg(order.clientOrderId, placed->clientOrderId)
                       : QStringLiteral("the answer to order %1 is not an order%2")
                             .arg(order.clientOrderId,
                                  errors.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" (%1)").arg(errors.constFirst().pointer))};
            if (deferOrder(order, invalid, {}))
                endOrderPush();
            return;
        }
        if (!m_orders->recordAccepted(order.id, *placed, &why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        qCInfo(lcOutbox) << "order" << order.clientOrderId << "placed as" << placed->number
                         << (job->responseHeader("Idempotent-Replayed") == "true" ? "(replayed)"
                                                                                  : "");
        ++pushed.accepted;
        Q_EMIT orderRecorded(order.clientOrderId);
        sendNextOrder();
        return;
    }
    switch (error->code) {
    case ApiError::Code::Cancelled:
    case ApiError::Code::SessionExpired:
    case ApiError::Code::SecureStorageUnavailable:
        // The order stays queued, with the same key and body; it may be sent at once next time.
        if (m_orders->recordRetryLater(order.id, error->toLogString(), clock::now(), &why))
            Q_EMIT orderRecorded(order.clientOrderId);
        else
            qCWarning(lcOutbox) << "cannot record the state of order" << order.clientOrderId << ":"
                                << why;
        finishRun(false, *error);
        return;
    case ApiError::Code::Problem:
    case ApiError::Code::HttpStatus:
        break;
    case ApiError::Code::Network:
    case ApiError::Code::Timeout:
    case ApiError::Code::InvalidResponse:
    case ApiError::Code::InsecureConnection:
        if (deferOrder(order, *error, job->responseHeader("Retry-After")))
            endOrderPush();
        return;
    }

    const int status = error->httpStatus;
    const bool transient = RetryPolicy::isRetryableStatus(status) ||
                           (status == 409 && error->problemSlug() == problems::RequestInProgress);
    if (transient || status < 400 || status > 499) {
        if (deferOrder(order, *error, job->responseHeader("Retry-After")))
            endOrderPush();
        return;
    }
    // Refused: the order stays, needing attention, with the portal's problem, until the user
    // acts. The orders behind it do not wait for it.
    if (!m_orders->recordRefused(order.id, status, job->body(), &why)) {
        finishRun(false, std::nullopt, why);
        return;
    }
    qCInfo(lcOutbox) << "order" << order.clientOrderId << "refused:" << error->toLogString();
    ++pushed.refused;
    Q_EMIT orderRecorded(order.clientOrderId);
    sendNextOrder();
}

void SyncEngine::endOrderPush()
{
    Run &run = *m_run;
    if (!run.pullFeeds) {
        // Only the outboxes: whatever could not be sent fails the run.
        const auto &deferredBy = run.result.orders.deferredBy ? run.result.orders.deferredBy
                                                              : run.result.lists.deferredBy;
        if (deferredBy) {
            finishRun(false, *deferredBy);
            return;
        }
        fetchAccount();
        return;
    }
    nextFeed();
}

void SyncEngine::fetchAccount()
{
    Run &run = *m_run;
    if (m_cancelRequested) {
        finishRun(false, ApiError{ApiError::Code::Cancelled, 0, std::nullopt,
                                  QStringLiteral("cancelled")});
        return;
    }
    run.job = m_api->get(QStringLiteral("/api/v1/account"));
    const QByteArray etag = m_orders->accountETag();
    if (!etag.isEmpty())
        run.job->addRequestHeader("If-None-Match", etag);
    connect(run.job, &ApiJob::finished, this, &SyncEngine::onAccount);
}

void SyncEngine::onAccount()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    ApiJob *job = run.job;
    run.job = nullptr;
    if (!job)
        return;
    QString why;
    if (const auto &error = job->error()) {
        if ((error->code == ApiError::Code::Problem || error->code == ApiError::Code::HttpStatus) &&
            error->httpStatus == 403) {
            qCInfo(lcFeed) << "not allowed to read the account - leaving it as it was";
            run.result.account = AccountFetch::NotAllowed;
            finishRun(true);
            return;
        }
        finishRun(false, *error);
        return;
    }
    if (job->httpStatus() == 304) {
        if (!m_orders->touchAccount(&why)) {
            finishRun(false, std::nullopt, why);
            return;
        }
        run.result.account = AccountFetch::Unchanged;
        finishRun(true);
        return;
    }
    QList<FieldError> errors;
    const auto account =
        AccountInfo::fromJson(QJsonDocument::fromJson(job->body()).object(), &errors);
    if (!account) {
        finishRun(false, ApiError{ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                                  QStringLiteral("the account is invalid%1")
                                      .arg(errors.isEmpty() ? QString()
                                                            : QStringLiteral(" at %1").arg(
                                                                  errors.constFirst().pointer))});
        return;
    }
    if (!m_orders->storeAccount(*account, job->responseHeader("ETag"), &why)) {
        finishRun(false, std::nullopt, why);
        return;
    }
    run.result.account = AccountFetch::Updated;
    finishRun(true);
}

void SyncEngine::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    // Nothing of a page in flight has been applied yet: stop waiting for it.
    if (m_run && m_run->job)
        m_run->job->abort();
}

bool SyncEngine::prepare(QString *error)
{
    if (!m_db) {
        m_db = Database::open(m_options.cachePath, error);
        if (!m_db)
            return false;
        m_store = std::make_unique<CatalogStore>(*m_db);
        m_lists = std::make_unique<ListStore>(*m_db);
        m_orders = std::make_unique<OrderStore>(*m_db);
    }
    if (!m_writer && m_run->pullFeeds) {
        auto writer = std::make_unique<PageWriter>();
        if (!writer->open(m_options.cachePath, error))
            return false;
        connect(writer.get(), &PageWriter::pageDone, this, &SyncEngine::onPagesWritten);
        writer->call([](CatalogStore &store, QString *) {
            store.setBuildIndexSeparately(true);
            return true;
        });
        m_writer = std::move(writer);
    }
    if (!m_api) {
        m_api = new ApiClient(m_options.portal, this);
        m_api->setTransferTimeout(m_options.transferTimeoutMs);
        m_api->setAllowInsecureHttp(m_options.allowInsecureHttp);
        m_api->setRetryPolicy(RetryPolicy(m_options.retry));
        m_api->setTokens(m_tokens);
        connect(m_api, &ApiClient::tokensChanged, this, [this](const Tokens &tokens) {
            m_tokens = tokens;
            Q_EMIT tokensChanged(tokens);
        });
        connect(m_api, &ApiClient::sessionExpired, this, &SyncEngine::sessionExpired);
    }
    return true;
}

void SyncEngine::nextFeed()
{
    Run &run = *m_run;
    ++run.feedIndex;
    if (run.feedIndex >= allFeeds().size()) {
        // Whatever of the full-text index is still pending is built before the run ends, in
        // ranges too: in one pass, FTS5's term buffer grows toward its 64 MiB when much is
        // left (a 1M sync that left about 200,000 products for the end peaked at 241 MB).
        QString error;
        if (!m_writer->call(
                [range = m_options.finalIndexRangeProducts](CatalogStore &store, QString *why) {
                    for (bool complete = false; !complete;) {
                        if (!store.indexPendingProducts(range, &complete, why))
                            return false;
                    }
                    return true;
                },
                &error)) {
            finishRun(false, std::nullopt, error);
            return;
        }
        fetchAccount();
        return;
    }
    run.feed = allFeeds().at(run.feedIndex);
    run.restarted = false;
    run.applied = 0;
    FeedSyncResult feedResult;
    feedResult.feed = run.feed;
    run.result.feeds.append(feedResult);
    pullNext();
}

namespace {

bool beginResync(PageWriter &writer, Feed feed, QString *error)
{
    return writer.call(
        [feed](CatalogStore &store, QString *why) { return store.beginResync(feed, why); }, error);
}

} // namespace

void SyncEngine::pullNext()
{
    Run &run = *m_run;
    // Read on the engine's own connection: nothing of this feed waits at the writer, which may
    // be busy with the previous feed's pages or a range of the full-text index.
    FeedState state = m_store->state(run.feed);
    if (state.cursor == 0 && !state.resyncing) {
        // A pull from 0 is a full pull: record it as one, so that when it is interrupted
        // it resumes as a full pull (with full=true) and sweeps what it did not see. The
        // writer records it before the feed's first page.
        const Feed feed = run.feed;
        PageInFlight resync;
        resync.task = true;
        run.inFlight.push_back(resync);
        m_writer->enqueue(run.ticket, [feed](CatalogStore &store, QString *error) {
            return store.beginResync(feed, error);
        });
        state.resyncing = true;
    }
    run.fullPull = state.resyncing;
    run.cursor = state.cursor;
    run.waitingForWriter = false;
    run.expected = -1;
    if (state.cursor == 0) {
        if (state.count > 0)
            run.expected = state.count;
        else if (!isAccountFeed(run.feed) && run.feed != Feed::Products)
            run.expected = m_store->state(Feed::Products).count; // an entry per product
        if (run.expected == 0)
            run.expected = -1;
    }
    if (state.resyncing)
        qCInfo(lcFeed) << "continuing the re-pull of" << feedName(run.feed) << "after"
                       << state.cursor;
    requestPage();
}

void SyncEngine::requestPage()
{
    Run &run = *m_run;
    if (m_cancelRequested) {
        finishRun(false, ApiError{ApiError::Code::Cancelled, 0, std::nullopt,
                                  QStringLiteral("cancelled")});
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(run.cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageSize));
    if (run.fullPull)
        query.addQueryItem(QStringLiteral("full"), QStringLiteral("true"));
    run.job = m_api->get(QStringLiteral("/api/v1/sync/%1").arg(feedName(run.feed)), query);
    connect(run.job, &ApiJob::finished, this, &SyncEngine::onPage);
}

bool SyncEngine::restartFeed(const QString &why)
{
    Run &run = *m_run;
    if (run.restarted)
        return false;
    qCWarning(lcFeed) << feedName(run.feed) << ":" << why << "- pulling the whole feed again";
    QString error;
    if (!beginResync(*m_writer, run.feed, &error)) {
        finishRun(false, std::nullopt, error);
        return true;
    }
    run.restarted = true;
    run.current().resynced = true;
    pullNext();
    return true;
}

void SyncEngine::onPage()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    ApiJob *job = run.job;
    run.job = nullptr;
    if (!job)
        return;
    const QString name = feedName(run.feed);

    if (const auto &error = job->error()) {
        if (error->code == ApiError::Code::Cancelled) {
            finishRun(false, *error);
            return;
        }
        if (error->httpStatus == 410 && restartFeed(QStringLiteral("the cursor %1 has expired (%2)")
                                                        .arg(run.cursor)
                                                        .arg(error->problemSlug())))
            return;
        if (error->httpStatus == 403 && error->problemSlug() == problems::Forbidden) {
            qCInfo(lcFeed) << "not allowed to read" << name << "- skipping it";
            run.current().skipped = true;
            nextFeed();
            return;
        }
        finishRun(false, *error);
        return;
    }

    QString why;
    const auto page = FeedPage::fromJson(job->body(), run.cursor, &why);
    if (page && !page->feed.isEmpty() && page->feed != name)
        why = QStringLiteral("the page is of feed '%1'").arg(page->feed);
    if (!page || !why.isEmpty()) {
        finishRun(
            false,
            ApiError{ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                     QStringLiteral("%1 page after %2: %3").arg(name).arg(run.cursor).arg(why)});
        return;
    }
    if (page->hasMore && page->items.isEmpty() && page->next == run.cursor) {
        finishRun(
            false,
            ApiError{
                ApiError::Code::InvalidResponse, job->httpStatus(), std::nullopt,
                QStringLiteral("%1 page after %2 makes no progress").arg(name).arg(run.cursor)});
        return;
    }
    // The page is prepared here and written on the writer's thread. The next one is asked for
    // first, so that the portal makes it while this one is prepared; the pages in flight may
    // then pass MaxBytesInFlight by this one.
    run.cursor = page->next;
    if (page->hasMore && !m_cancelRequested) {
        if (run.inFlight.empty() || run.bytesInFlight < MaxBytesInFlight) {
            requestPage();
            if (!m_run)
                return;
        } else {
            run.waitingForWriter = true;
        }
    }
    PageInFlight sent;
    for (const FeedItem &item : page->items)
        ++(item.deleted ? sent.deletes : sent.upserts);
    sent.hasMore = page->hasMore;
    sent.count = page->count;
    sent.hash = page->hash;
    PreparedPage prepared = CatalogStore::prepare(run.feed, *page);
    sent.bytes = bytesOf(prepared);
    run.bytesInFlight += sent.bytes;
    run.inFlight.push_back(sent);
    m_writer->write(run.ticket, std::move(prepared));
}

void SyncEngine::onPagesWritten()
{
    // One at a time: handling an outcome may end the run, which then takes the rest.
    while (m_run) {
        const auto outcome = m_writer->takeOutcome();
        if (!outcome)
            return;
        if (outcome->ticket == m_run->ticket && !m_run->inFlight.empty())
            onPageWritten(outcome->ok, outcome->error);
    }
}

void SyncEngine::onPageWritten(bool ok, const QString &error)
{
    Run &run = *m_run;
    const PageInFlight page = run.inFlight.front();
    run.inFlight.pop_front();
    run.bytesInFlight -= page.bytes;
    if (!ok) {
        finishRun(false, std::nullopt, error);
        return;
    }
    if (page.task)
        return;
    const QString name = feedName(run.feed);

    run.recordWritten(page);
    FeedSyncResult &feedResult = run.current();

    SyncProgress report;
    report.feed = run.feed;
    report.feedIndex = run.feedIndex;
    report.itemsApplied = run.applied;
    report.itemsExpected = run.expected < 0 ? -1 : std::max(run.expected, run.applied);
    report.pages = feedResult.pages;
    Q_EMIT progress(report);
    if (!m_run)
        return; // a progress handler ended the run

    if (page.hasMore) {
        if (m_cancelRequested) {
            finishRun(false, ApiError{ApiError::Code::Cancelled, 0, std::nullopt,
                                      QStringLiteral("cancelled")});
            return;
        }
        if (run.waitingForWriter) {
            run.waitingForWriter = false;
            requestPage();
        }
        return; // otherwise the next page arrives in onPage()
    }

    QString why;
    const bool matched = m_writer->call(
        [&](CatalogStore &store, QString *e) {
            return store.finishPull(run.feed, *page.count, *page.hash, e);
        },
        &why);
    if (run.feed == Feed::Products) {
        // The index of a first pull is built while the next feeds are fetched and written, a
        // range of products whenever the writer has no page to write.
        m_writer->setIdleWork([range = m_options.indexRangeProducts](CatalogStore &store) {
            bool complete = false;
            QString reason;
            if (!store.indexPendingProducts(range, &complete, &reason)) {
                qCWarning(lcFeed) << "cannot build the full-text index yet:" << reason;
                return false; // tried again once the feeds are pulled
            }
            return !complete;
        });
    }
    if (matched) {
        feedResult.verified = true;
        qCInfo(lcFeed) << name << "verified:" << *page.count << "entries";
        nextFeed();
        return;
    }
    if (!why.isEmpty()) {
        finishRun(false, std::nullopt, why);
        return;
    }
    const FeedState state = m_store->state(run.feed);
    const QString mismatch =
        QStringLiteral("the cache (%1 entries, digest %2) does not match the portal"
                       " (%3 entries, digest %4)")
            .arg(state.count)
            .arg(state.digest.toHex())
            .arg(*page.count)
            .arg(page.hash->toHex());
    if (restartFeed(mismatch))
        return;
    qCWarning(lcFeed) << name << ":" << mismatch << "even after a full re-pull";
    finishRun(
        false,
        ApiError{
            ApiError::Code::InvalidResponse, 0, std::nullopt,
            QStringLiteral("%1 did not converge after a full re-pull: %2").arg(name, mismatch)});
}

void SyncEngine::finishRun(bool ok, std::optional<ApiError> error, QString storageError)
{
    if (!m_run)
        return;
    // Pages fetched but not yet begun are left to the next run, which asks for them again;
    // the one being written is committed (or not) before the run reports its end.
    if (m_writer) {
        m_writer->discardPending();
        m_writer->releaseMemory();
        // Pages committed since the last outcome handled count in the result.
        while (const auto outcome = m_writer->takeOutcome()) {
            if (outcome->ticket != m_run->ticket || !outcome->ok || m_run->inFlight.empty())
                continue;
            if (!m_run->inFlight.front().task)
                m_run->recordWritten(m_run->inFlight.front());
            m_run->inFlight.pop_front();
        }
    }
    // The segments that building the full-text index left are merged while the writer has
    // nothing else to do, a step (a transaction of about 0.1 s) at a time.
    if (m_writer)
        m_writer->mergeIndexWhenIdle();
    SyncResult result = std::move(m_run->result);
    result.elapsedMs = m_run->timer.elapsed();
    result.ok = ok;
    if (error && error->code == ApiError::Code::Cancelled) {
        result.cancelled = true;
    } else {
        result.error = std::move(error);
        result.storageError = std::move(storageError);
    }
    if (m_run->job)
        m_run->job->abort();
    m_run.reset();
    m_running = false;
    m_cancelRequested = false;
    if (result.ok)
        qCInfo(lcFeed) << "sync finished in" << result.elapsedMs << "ms";
    else if (result.cancelled)
        qCInfo(lcFeed) << "sync cancelled after" << result.elapsedMs << "ms";
    else
        qCWarning(lcFeed) << "sync failed:"
                          << (result.error ? result.error->toLogString() : result.storageError);
    Q_EMIT finished(result);
}

} // namespace qm
