#include "support/httpclient.h"

#include "core/problem.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrlQuery>

namespace qm::test {

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResponse::problemSlug() const
{
    if (!header("Content-Type").startsWith(ProblemContentType))
        return {};
    const auto problem = Problem::fromJson(body);
    return problem ? problem->slug() : QString();
}

HttpClient::HttpClient(QUrl base)
    : m_base(std::move(base))
{
    // Every answer as the portal gave it: a redirect is a result to check, not to follow.
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QUrl HttpClient::url(const QString &pathAndQuery) const
{
    QUrl u = m_base;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    u.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        u.setQuery(pathAndQuery.mid(q + 1));
    return u;
}

HttpResponse HttpClient::send(const QByteArray &method, const QString &pathAndQuery,
                              const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url(pathAndQuery));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(60000);
    QBuffer *buffer = new QBuffer;
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(65000);

    HttpResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && response.status == 0)
        response.networkError = reply->errorString();
    reply->deleteLater();
    return response;
}

HttpResponse HttpClient::get(const QString &pathAndQuery, const QString &accessToken)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!accessToken.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"),
                        QByteArrayLiteral("Bearer ") + accessToken.toLatin1()});
    return send(QByteArrayLiteral("GET"), pathAndQuery, {}, headers);
}

HttpResponse HttpClient::post(const QString &path, const QByteArray &body,
                              const QByteArray &contentType, const QString &accessToken)
{
    QList<QPair<QByteArray, QByteArray>> headers{{QByteArrayLiteral("Content-Type"), contentType}};
    if (!accessToken.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"),
                        QByteArrayLiteral("Bearer ") + accessToken.toLatin1()});
    return send(QByteArrayLiteral("POST"), path, body, headers);
}

HttpResponse HttpClient::signIn(const QString &username, const QString &password)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
    form.addQueryItem(QStringLiteral("username"),
                      QString::fromLatin1(QUrl::toPercentEncoding(username)));
    form.addQueryItem(QStringLiteral("password"),
                      QString::fromLatin1(QUrl::toPercentEncoding(password)));
    return post(QStringLiteral("/api/v1/auth/token"), form.query(QUrl::FullyEncoded).toLatin1(),
                QByteArrayLiteral("application/x-www-form-urlencoded"));
}

QString HttpClient::accessToken(const QString &username, const QString &password)
{
    const HttpResponse r = signIn(username, password);
    if (r.status != 200)
        return {};
    return r.json().value(u"access_token").toString();
}

} // namespace qm::test
