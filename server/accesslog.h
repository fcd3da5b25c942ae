#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

namespace qm {

struct HttpReply;
struct HttpRequest;

// One line per request:
//   2026-11-25T10:00:00.123Z 127.0.0.1 GET /api/v1/sync/products?after=0&limit=1000 200 123456B
//   12ms user=3
// Never a token, password or body: secret-looking query parameters are masked. Safe to use
// from any thread.
class AccessLog final
{
public:
    AccessLog() = default;
    AccessLog(const AccessLog &) = delete;
    AccessLog &operator=(const AccessLog &) = delete;

    // "-" is standard output, an empty target standard error, anything else a file that is
    // appended to.
    bool open(const QString &target, QString *error);
    void write(const HttpRequest &request, const HttpReply &reply);

    static QByteArray format(const HttpRequest &request, const HttpReply &reply);

private:
    QMutex m_mutex;
    QFile m_file;
};

} // namespace qm
