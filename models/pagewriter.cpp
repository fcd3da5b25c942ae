#include "models/pagewriter.h"

#include "models/database.h"
#include "models/sql.h"

#include <algorithm>
#include <future>

namespace qm {

namespace {

constexpr int CacheKiB = 64 * 1024;
constexpr int CheckpointPages = 8192; // of 4 KiB

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
            const QSqlDatabase db = m_db->connection();
            if (!sql::run(db, QStringLiteral("PRAGMA cache_size = -%1").arg(CacheKiB), why) ||
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
    enqueue(ticket, [page = std::move(page)](CatalogStore &store, QString *error) {
        return store.applyPage(page, error);
    });
}

void PageWriter::enqueue(quint64 ticket,
                         std::function<bool(CatalogStore &store, QString *error)> work)
{
    post(
        [this, ticket, work = std::move(work)] {
            if (ticket == m_failedTicket)
                return;
            QString error;
            const bool ok = m_store ? work(*m_store, &error)
                                    : sql::fail(&error, QStringLiteral("the cache is not open"));
            if (!ok)
                m_failedTicket = ticket;
            {
                std::lock_guard lock(m_mutex);
                m_outcomes.push_back({ticket, ok, error});
            }
            Q_EMIT pageDone();
        },
        true);
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

void PageWriter::discardPending()
{
    std::lock_guard lock(m_mutex);
    m_tasks.erase(std::remove_if(m_tasks.begin(), m_tasks.end(),
                                 [](const auto &task) { return task.second; }),
                  m_tasks.end());
    m_idleWork = nullptr;
    ++m_idleGeneration;
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
    runAndWait(
        [this](QString *why) {
            return !m_db ||
                   sql::run(m_db->connection(), QStringLiteral("PRAGMA shrink_memory"), why);
        },
        nullptr);
}

bool PageWriter::runAndWait(const std::function<bool(QString *)> &work, QString *error)
{
    std::promise<bool> done;
    QString why;
    post([&] { done.set_value(work(&why)); }, false);
    const bool ok = done.get_future().get();
    if (error)
        *error = why;
    return ok;
}

void PageWriter::post(std::function<void()> task, bool isPage)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.emplace_back(std::move(task), isPage);
    }
    m_wake.notify_one();
}

void PageWriter::loop()
{
    for (;;) {
        std::function<void()> task;
        std::function<bool(CatalogStore &)> idleStep;
        quint64 idleGeneration = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty() || m_idleWork; });
            if (m_stopping)
                break;
            if (!m_tasks.empty()) {
                task = std::move(m_tasks.front().first);
                m_tasks.pop_front();
            } else {
                idleStep = m_idleWork;
                idleGeneration = m_idleGeneration;
            }
        }
        if (task) {
            task();
            continue;
        }
        if (m_store && idleStep(*m_store))
            continue;
        std::lock_guard lock(m_mutex);
        if (m_idleGeneration == idleGeneration)
            m_idleWork = nullptr;
    }
    // The connection belongs to this thread: it closes here.
    m_store.reset();
    m_db.reset();
}

} // namespace qm
