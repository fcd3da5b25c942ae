#pragma once

#include "models/catalogstore.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace qm {

// Writes prepared feed pages to the catalog cache on a thread of its own, with its own
// connection, in the order they were queued, so that the sync engine can fetch and prepare
// the next page while one is written. Everything else the engine asks of the catalog store
// during a pull goes through call(), after the pages queued before it.
//
// The object lives in the thread that created it (the engine's). What became of each page is
// kept until takeOutcome() takes it; pageDone() is emitted from the writer's thread for each, and
// reaches slots in the owner's thread queued.
class PageWriter final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxGroupPages = 8;

    explicit PageWriter(QObject *parent = nullptr);
    // Waits for the page being written, drops the rest, and closes the connection.
    ~PageWriter() override;

    // Opens the cache at `path` on the writer's thread; false with a reason.
    bool open(const QString &path, QString *error);

    // What became of a page: committed, or failed and why.
    struct Outcome
    {
        quint64 ticket = 0;
        bool ok = false;
        QString error;
    };

    // Queues a page; its outcome follows once it is committed or failed. After a page of a
    // ticket fails, the later pages of that ticket are dropped unwritten, with no outcome
    // (applying them would leave a gap behind the cursor). Pages that are queued together
    // (the writer is behind) are committed together, up to MaxGroupPages in one transaction,
    // each page in a savepoint of it: a page that fails is undone alone, and the outcomes
    // follow the commit.
    void write(quint64 ticket, PreparedPage page);
    // Queues other work in line with the pages, with an outcome like theirs.
    void enqueue(quint64 ticket, std::function<bool(CatalogStore &store, QString *error)> work);
    // The oldest outcome not yet taken.
    std::optional<Outcome> takeOutcome();
    // Work for the writer's idle moments: `step` runs whenever nothing is queued, one step at a
    // time, until it returns false (done, or failed: the step reports its own failure). Pages
    // and calls queued meanwhile wait at most for the step being run, so a step should be
    // short (a fraction of a second). While someone in the process searches the cache
    // (readactivity), the writer pauses after each step, six times as long as the step took,
    // unless work is queued meanwhile. Replaces the idle work set before.
    void setIdleWork(std::function<bool(CatalogStore &store)> step);
    // Waits until the idle work is done (or dropped); the writer's thread must not be blocked.
    void waitForIdleWork();
    // Sets as idle work the merge of the full-text index's segments (CatalogStore::mergeIndex,
    // searchindex::MergeStepPages at a time) until nothing is left to merge.
    void mergeIndexWhenIdle();
    // Drops the pages queued and not yet begun, and the idle work.
    void discardPending();

    // Runs `work` on the writer's thread once every page queued before it is done, and
    // returns its result; `error` gets the work's reason.
    bool call(const std::function<bool(CatalogStore &store, QString *error)> &work,
              QString *error = nullptr);
    // How many transactions have committed pages so far (a group of pages counts once).
    quint64 pageCommits() const { return m_pageCommits.load(); }

    // Waits for everything queued, then frees what the connection's page cache holds (it
    // fills again on the next pull): the writer outlives its pulls in the desktop app.
    void releaseMemory();

Q_SIGNALS:
    void pageDone();

private:
    // Work queued in line: a call of runAndWait(), or work with an outcome (pages and
    // enqueue()).
    struct Task
    {
        std::function<void()> call;
        quint64 ticket = 0;
        std::function<bool(CatalogStore &store, QString *error)> work;
        bool page = false; // written by write(): may share a transaction with the pages after it
    };
    bool runAndWait(const std::function<bool(QString *error)> &work, QString *error);
    void post(Task task);
    void run(std::vector<Task> &tasks);
    void loop();
    // Frees what the connection's page cache holds; on the writer's thread.
    bool shrinkMemory(QString *error);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idleDone; // the idle work was done, dropped or replaced
    std::deque<Task> m_tasks;
    std::deque<Outcome> m_outcomes;
    std::function<bool(CatalogStore &store)> m_idleWork;
    quint64 m_idleGeneration = 0; // which setIdleWork() m_idleWork came from
    bool m_stopping = false;
    std::thread m_thread;
    // Used on the writer's thread only.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CatalogStore> m_store;
    quint64 m_failedTicket = 0;
    std::atomic<quint64> m_pageCommits{0};
};

} // namespace qm
