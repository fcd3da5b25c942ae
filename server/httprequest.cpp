#include "server/httprequest.h"

#include <QHttpServerRequest>

namespace qm {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

bool isSecretParameter(const QString &name)
{
    const QString n = name.toLower();
    return n.contains(u"token") || n.contains(u"password") || n.contains(u"secret") || n == u"code";
}

} // namespace

HttpRequest HttpRequest::from(const QHttpServerRequest &request)
{
    HttpRequest r;
    r.timer.start();
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path();
    r.rawPath = url.path(QUrl::FullyEncoded);
    r.rawQuery = url.query(QUrl::FullyEncoded);
    r.query = QUrlQuery(url);
    // QHttpServerRequest::value() looks a header up the same way on every Qt 6 version (the type
    // of headers() changed in 6.8).
    for (const char *name : {"authorization", "content-type", "content-length", "idempotency-key",
                             "if-match", "if-none-match", "host"}) {
        const QByteArray value = request.value(name);
        if (!value.isNull())
            r.headers.append({QByteArray(name), value});
    }
    r.body = request.body();
    r.remoteAddress = request.remoteAddress().toString();
    if (r.remoteAddress.startsWith(u"::ffff:"))
        r.remoteAddress.remove(0, 7);
    return r;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpRequest::mediaType() const
{
    QByteArray type = header("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header("Authorization").trimmed();
    if (value.size() < 7 || value.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(value.mid(7).trimmed());
}

QString HttpRequest::loggablePath() const
{
    if (rawQuery.isEmpty())
        return rawPath;
    QStringList parts;
    for (const QString &item : rawQuery.split(u'&')) {
        const qsizetype eq = item.indexOf(u'=');
        const QString name =
            QUrl::fromPercentEncoding(item.left(eq < 0 ? item.size() : eq).toLatin1());
        if (isSecretParameter(name))
            parts << item.left(eq < 0 ? item.size() : eq) + QStringLiteral("=[redacted]");
        else
            parts << item;
    }
    return rawPath + u'?' + parts.join(u'&');
}

} // namespace qm
