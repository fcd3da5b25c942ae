#include "models/pagewriter.h"

#include "models/database.h"
#include "models/readactivity.h"
#include "models/searchindex.h"
#include "models/sql.h"

#include <QLoggingCategory>

#include <algorithm>
#include <future>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcWriter, "qm.models.pagewriter", QtInfoMsg)

constexpr int CacheKiB = 64 * 1024;
constexpr int CheckpointPages = 8192; // of 4 KiB

// While someone searches (a read within ReadWindow), the writer pauses after each step of idle
// work PauseFactor times as long as the step took (at most MaxPause), unless work is queued
// meanwhile: the idle work then takes a seventh of the time at most. A step of the index merge
// takes 70-90 ms at a million products; at full pace, the merge made the searches typed
// meanwhile about 40% slower (docs/performance.md).
constexpr std::chrono::milliseconds ReadWindow{1000};
constexpr int PauseFactor = 6;
constexpr std::chrono::milliseconds MaxPause{1000};

} // namespace

PageWriter::PageWriter(QObject *parent)
    : QObject(parent)
    , m_thread([this] { loop(); })
{}

PageWriter::~PageWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_tasks.clear();
    }
    m_wake.notify_one();
    m_thread.join();
}

bool PageWriter::open(const QString &path, QString *error)
{
    return runAndWait(
        [&](QString *why) {
            m_db = Database::open(path, why);
            if (!m_db)
                return false;
            // This connection writes pages of catalog rows and nothing else. A larger page
            // cache keeps more of the growing B-trees (the products' indexes take rows in
            // random order), and checkpoints every 32 MiB of WAL instead of 4 MiB write the
            // pages that every commit touches (interior pages, the indexes) out less often.
            // No memory map: every page it read would count in the process's resident memory
            // (a first sync of a million products reads most of a 1.8 GB file).
            const QSqlDatabase db = m_db->connection();
            if (!sql::run(db, QStringLiteral("PRAGMA cache_size = -%1").arg(CacheKiB), why) ||
                !sql::run(db, QStringLiteral("PRAGMA mmap_size = 0"), why) ||
                !sql::run(db, QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(CheckpointPages),
                          why))
                return false;
            m_store = std::make_unique<CatalogStore>(*m_db);
            return true;
        },
        error);
}

void PageWriter::write(quint64 ticket, PreparedPage page)
{
    Task task;
    task.ticket = ticket;
    task.page = true;
    task.work = [page = std::move(page)](CatalogStore &store, QString *error) {
        return store.applyPage(page, error);
    };
    post(std::move(task));
}

void PageWriter::enqueue(quint64 ticket,
                         std::function<bool(CatalogStore &store, QString *error)> work)
{
    Task task;
    task.ticket = ticket;
    task.work = std::move(work);
    post(std::move(task));
}

std::optional<PageWriter::Outcome> PageWriter::takeOutcome()
{
    std::lock_guard lock(m_mutex);
    if (m_outcomes.empty())
        return std::nullopt;
    Outcome outcome = std::move(m_outcomes.front());
    m_outcomes.pop_front();
    return outcome;
}

void PageWriter::setIdleWork(std::function<bool(CatalogStore &store)> step)
{
    {
        std::lock_guard lock(m_mutex);
        m_idleWork = std::move(step);
        ++m_idleGeneration;
    }
    m_wake.notify_one();
}

void PageWriter::waitForIdleWork()
{
    std::unique_lock lock(m_mutex);
    m_idleDone.wait(lock, [this] { return m_stopping || !m_idleWork; });
}

void PageWriter::mergeIndexWhenIdle()
{
    setIdleWork([](CatalogStore &store) {
        bool done = true;
        QString error;
        if (store.mergeIndex(searchindex::MergeStepPages, &done, &error))
            return !done;
        qCWarning(lcWriter) << "cannot merge the full-text index:" << error;
        return false; // tried again when it is set next
    });
}

void PageWriter::discardPending()
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.erase(std::remove_if(m_tasks.begin(), m_tasks.end(),
                                     [](const Task &task) { return bool(task.work); }),
                      m_tasks.end());
        m_idleWork = nullptr;
        ++m_idleGeneration;
    }
    m_idleDone.notify_all();
}

bool PageWriter::call(const std::function<bool(CatalogStore &, QString *)> &work, QString *error)
{
    return runAndWait(
        [&](QString *why) {
            if (!m_store)
                return sql::fail(why, QStringLiteral("the cache is not open"));
            return work(*m_store, why);
        },
        error);
}

void PageWriter::releaseMemory()
{
    runAndWait([this](QString *why) { return shrinkMemory(why); }, nullptr);
}

bool PageWriter::shrinkMemory(QString *error)
{
    return !m_db || sql::run(m_db->connection(), QStringLiteral("PRAGMA shrink_memory"), error);
}

bool PageWriter::runAndWait(const std::function<bool(QString *)> &work, QString *error)
{
    std::promise<bool> done;
    QString why;
    Task task;
    task.call = [&] { done.set_value(work(&why)); };
    post(std::move(task));
    const bool ok = done.get_future().get();
    if (error)
        *error = why;
    return ok;
}

void PageWriter::post(Task task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void PageWriter::run(std::vector<Task> &tasks)
{
    if (tasks.front().call) {
        tasks.front().call();
        return;
    }
    QString groupError;
    const bool grouped = tasks.size() > 1 && m_db && m_db->beginGroup(&groupError);
    std::vector<Outcome> outcomes;
    for (Task &task : tasks) {
        if (task.ticket == m_failedTicket)
            continue;
        QString error;
        const bool ok = m_store ? task.work(*m_store, &error)
                                : sql::fail(&error, QStringLiteral("the cache is not open"));
        if (!ok)
            m_failedTicket = task.ticket;
        outcomes.push_back({task.ticket, ok, error});
    }
    const bool committed = grouped && m_db->endGroup(true, &groupError);
    if (tasks.front().page) {
        // Each page stored alone is a commit; a group is one.
        const auto stored = std::count_if(outcomes.begin(), outcomes.end(),
                                          [](const Outcome &outcome) { return outcome.ok; });
        m_pageCommits += grouped ? (committed && stored > 0 ? 1 : 0) : quint64(stored);
    }
    if (grouped && !committed) {
        // Nothing of the group is stored: the first page of each ticket fails, and the rest go
        // without an outcome, as after any failed page.
        std::vector<Outcome> failed;
        for (const Outcome &outcome : outcomes) {
            if (!failed.empty() && failed.back().ticket == outcome.ticket)
                continue;
            failed.push_back({outcome.ticket, false, groupError});
            m_failedTicket = outcome.ticket;
        }
        outcomes = std::move(failed);
    }
    for (Outcome &outcome : outcomes) {
        {
            std::lock_guard lock(m_mutex);
            m_outcomes.push_back(std::move(outcome));
        }
        Q_EMIT pageDone();
    }
}

void PageWriter::loop()
{
    for (;;) {
        std::vector<Task> tasks;
        std::function<bool(CatalogStore &)> idleStep;
        quint64 idleGeneration = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty() || m_idleWork; });
            if (m_stopping)
                break;
            if (!m_tasks.empty()) {
                // A page, and the pages queued right behind it.
                do {
                    tasks.push_back(std::move(m_tasks.front()));
                    m_tasks.pop_front();
                } while (tasks.front().page && !m_tasks.empty() && m_tasks.front().page &&
                         tasks.size() < MaxGroupPages);
            } else {
                idleStep = m_idleWork;
                idleGeneration = m_idleGeneration;
            }
        }
        if (!tasks.empty()) {
            run(tasks);
            continue;
        }
        const auto stepStart = std::chrono::steady_clock::now();
        if (m_store && idleStep(*m_store)) {
            if (readactivity::within(ReadWindow)) {
                const auto pause = std::min<std::chrono::steady_clock::duration>(
                    PauseFactor * (std::chrono::steady_clock::now() - stepStart), MaxPause);
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, pause, [&] {
                    return m_stopping || !m_tasks.empty() || m_idleGeneration != idleGeneration;
                });
            }
            continue;
        }
        // What the idle work read stays out of memory until the next pull needs it.
        if (QString error; !shrinkMemory(&error))
            qCWarning(lcWriter) << error;
        {
            std::lock_guard lock(m_mutex);
            if (m_idleGeneration == idleGeneration)
                m_idleWork = nullptr;
        }
        m_idleDone.notify_all();
    }
    // The connection belongs to this thread: it closes here.
    m_store.reset();
    m_db.reset();
}

} // namespace qm
