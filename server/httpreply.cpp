#include "server/httpreply.h"

#include "core/problem.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace qm {

HttpReply HttpReply::json(const QJsonObject &object, int status)
{
    return raw(QByteArrayLiteral("application/json"),
               QJsonDocument(object).toJson(QJsonDocument::Compact), status);
}

HttpReply HttpReply::raw(QByteArray contentType, QByteArray body, int status)
{
    HttpReply r;
    r.status = status;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    return r;
}

HttpReply HttpReply::text(const QString &text, int status)
{
    return raw(QByteArrayLiteral("text/plain; charset=utf-8"), text.toUtf8(), status);
}

HttpReply HttpReply::problem(QStringView slug, int status, const QString &detail,
                             const QJsonObject &extensions)
{
    Problem p = Problem::make(slug, status, detail);
    p.extensions = extensions;
    return raw(QByteArray(ProblemContentType), p.toJson(), status);
}

HttpReply &HttpReply::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

bool HttpReply::isProblem() const
{
    return contentType == ProblemContentType;
}

QHttpServerResponse HttpReply::toResponse() const
{
    QHttpServerResponse response(contentType, body, QHttpServerResponse::StatusCode(status));
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders all = response.headers();
    for (const auto &[name, value] : headers)
        all.append(name, value);
    response.setHeaders(std::move(all));
#else
    for (const auto &[name, value] : headers)
        response.addHeader(name, value);
#endif
    return response;
}

void HttpReply::send(QHttpServerResponder &&responder) const
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    responder.sendResponse(toResponse());
#else
    toResponse().write(std::move(responder));
#endif
}

} // namespace qm
