#pragma once

#include "server/dburl.h"

#include <QThreadStorage>

namespace qm {

class DbConnection;

// One DbConnection per thread (named per connection), opened on the thread's first request
// and closed when the thread ends, so each worker of the server's thread pool reuses its own
// connection and its prepared statements. A connection that failed in a way that suggests it
// is gone is replaced on the next use.
class ConnectionPool final
{
public:
    explicit ConnectionPool(DbUrl url);
    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;

    // The calling thread's connection; throws DbError if it cannot be opened.
    DbConnection &local();

private:
    struct Holder
    {
        ~Holder();
        DbConnection *connection = nullptr;
    };

    DbUrl m_url;
    QThreadStorage<Holder *> m_connections;
};

} // namespace qm
