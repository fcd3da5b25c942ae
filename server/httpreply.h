#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class QHttpServerResponse;
class QHttpServerResponder;

namespace qm {

// A response as the handlers build it: status, content type, body, extra headers.
// Converts to QHttpServerResponse on the way out (the one place that knows how the Qt
// version in use sets headers).
struct HttpReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpReply json(const QJsonObject &object, int status = 200);
    static HttpReply raw(QByteArray contentType, QByteArray body, int status = 200);
    static HttpReply text(const QString &text, int status = 200);
    // An RFC 9457 problem with a slug from core/problem.h; `extensions` adds members
    // (e.g. the OAuth "error").
    static HttpReply problem(QStringView slug, int status, const QString &detail = {},
                             const QJsonObject &extensions = {});

    HttpReply &withHeader(QByteArray name, QByteArray value);
    bool isProblem() const;

    QHttpServerResponse toResponse() const;
    // Sends directly on a responder (the missing-route handler has no QFuture to return).
    void send(QHttpServerResponder &&responder) const;
};

} // namespace qm
