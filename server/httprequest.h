#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

class QHttpServerRequest;

namespace qm {

// What a handler needs of one HTTP request, copied out of QHttpServerRequest on the server's
// thread so that a worker thread never touches the connection's objects.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path
    QString rawPath;   // encoded path, for the access log
    QString rawQuery;  // encoded query string, for the access log
    QUrlQuery query;
    // The request headers the portal reads (Authorization, Content-Type, Content-Length,
    // Idempotency-Key, If-Match, If-None-Match, Host), by lowercase name; absent ones are missing.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString remoteAddress;
    QElapsedTimer timer; // started when the request arrived
    qint64 userId = 0;   // set once authenticated, for the access log

    static HttpRequest from(const QHttpServerRequest &request);

    // The value of a header (case-insensitive name); empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The media type without parameters, lowercased: "application/json".
    QByteArray mediaType() const;
    // The bearer token from Authorization, or an empty string.
    QString bearerToken() const;
    // The path and query for the access log, with secrets masked.
    QString loggablePath() const;
};

} // namespace qm
