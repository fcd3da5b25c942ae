#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace qm::test {

struct HttpResponse
{
    int status = 0; // 0 when no HTTP response arrived
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const; // empty unless the body is a JSON object
    // The slug of a problem+json body ("not-found"), empty otherwise.
    QString problemSlug() const;
};

// Plain, synchronous HTTP against a running portal (real sockets, QNetworkAccessManager).
// Each call waits for the reply with a QSignalSpy, up to 60 s. Redirects are not followed.
class HttpClient final
{
public:
    explicit HttpClient(QUrl base);

    HttpResponse get(const QString &pathAndQuery, const QString &accessToken = {});
    HttpResponse post(const QString &path, const QByteArray &body, const QByteArray &contentType,
                      const QString &accessToken = {});
    // Any method, any headers (no Content-Type unless given).
    HttpResponse send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers);

    // grant_type=password; returns the token response (access_token, refresh_token, ...).
    HttpResponse signIn(const QString &username, const QString &password);
    // The access token of a successful sign-in, or an empty string.
    QString accessToken(const QString &username, const QString &password = QStringLiteral("demo"));

    QUrl url(const QString &pathAndQuery) const;

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

} // namespace qm::test
