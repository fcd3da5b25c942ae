#include "server/connectionpool.h"

#include "server/dbconnection.h"

namespace qm {

ConnectionPool::Holder::~Holder()
{
    delete connection;
}

ConnectionPool::ConnectionPool(DbUrl url)
    : m_url(std::move(url))
{}

DbConnection &ConnectionPool::local()
{
    if (!m_connections.hasLocalData())
        m_connections.setLocalData(new Holder);
    Holder *holder = m_connections.localData();
    if (holder->connection && !holder->connection->isHealthy()) {
        delete holder->connection;
        holder->connection = nullptr;
    }
    if (!holder->connection)
        holder->connection = DbConnection::open(m_url).release();
    return *holder->connection;
}

} // namespace qm
