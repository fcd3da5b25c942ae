#include "server/accesslog.h"

#include "server/httpreply.h"
#include "server/httprequest.h"

#include <QDateTime>

#include <cstdio>

namespace qm {

bool AccessLog::open(const QString &target, QString *error)
{
    bool ok = false;
    if (target == u"-")
        ok = m_file.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    else if (target.isEmpty())
        ok = m_file.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    else {
        m_file.setFileName(target);
        ok = m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
    }
    if (!ok && error)
        *error =
            QStringLiteral("cannot open the access log %1: %2").arg(target, m_file.errorString());
    return ok;
}

QByteArray AccessLog::format(const HttpRequest &request, const HttpReply &reply)
{
    QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    line += ' ';
    line +=
        request.remoteAddress.isEmpty() ? QByteArrayLiteral("-") : request.remoteAddress.toLatin1();
    line += ' ';
    line += request.method;
    line += ' ';
    line += request.loggablePath().toUtf8();
    line += ' ';
    line += QByteArray::number(reply.status);
    line += ' ';
    line += QByteArray::number(reply.body.size());
    line += "B ";
    line += QByteArray::number(request.timer.isValid() ? request.timer.elapsed() : 0);
    line += "ms user=";
    line += request.userId > 0 ? QByteArray::number(request.userId) : QByteArrayLiteral("-");
    line += '\n';
    return line;
}

void AccessLog::write(const HttpRequest &request, const HttpReply &reply)
{
    const QByteArray line = format(request, reply);
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        m_file.write(line);
}

} // namespace qm
