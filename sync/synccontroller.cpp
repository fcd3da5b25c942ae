#include "sync/syncengine.h"

#include <QThread>

namespace qm {

SyncController::SyncController(SyncEngine::Options options, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_engine(new SyncEngine(std::move(options)))
{
    qRegisterMetaType<qm::SyncProgress>();
    qRegisterMetaType<qm::SyncResult>();
    qRegisterMetaType<qm::Tokens>();
    m_thread->setObjectName(QStringLiteral("qm-sync"));
    m_engine->moveToThread(m_thread);
    connect(m_engine, &SyncEngine::started, this, &SyncController::started);
    connect(m_engine, &SyncEngine::progress, this, &SyncController::progress);
    connect(m_engine, &SyncEngine::tokensChanged, this, &SyncController::tokensChanged);
    connect(m_engine, &SyncEngine::sessionExpired, this, &SyncController::sessionExpired);
    connect(m_engine, &SyncEngine::orderRecorded, this, &SyncController::orderRecorded);
    connect(m_engine, &SyncEngine::finished, this, [this](const SyncResult &result) {
        m_running = false;
        Q_EMIT finished(result);
    });
    m_thread->start();
}

SyncController::~SyncController()
{
    // The engine owns a database connection of the worker thread: end it there.
    SyncEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->cancel();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void SyncController::setTokens(const Tokens &tokens)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, tokens] { engine->setTokens(tokens); }, Qt::QueuedConnection);
}

void SyncController::start()
{
    m_running = true;
    QMetaObject::invokeMethod(m_engine, &SyncEngine::start, Qt::QueuedConnection);
}

void SyncController::push()
{
    m_running = true;
    QMetaObject::invokeMethod(m_engine, &SyncEngine::push, Qt::QueuedConnection);
}

void SyncController::cancel()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::cancel, Qt::QueuedConnection);
}

} // namespace qm
