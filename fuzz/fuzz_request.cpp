// What the portal reads from a request itself (QHttpServer parses the HTTP framing): the sync
// query (after, limit, full), a form-urlencoded or JSON parameter body, the If-Match and
// If-None-Match of a saved-list change, the Authorization and Content-Type headers, the
// access log's masking of secret parameters, and the --db URL. The first byte picks the
// parser, the rest is the input. Besides sanitizer reports it checks what each promises:
// values in range, refusals with a problem, parameters that survive being written again,
// secrets that never reach the log.
#include "core/problem.h"
#include "server/dburl.h"
#include "server/httprequest.h"
#include "server/requestparsing.h"

#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void checkRefusal(const qm::RequestError &error)
{
    if (error.slug.isEmpty() || error.detail.isEmpty() || error.status < 400 ||
        error.status > 499 || qm::problemTitle(error.slug).isEmpty())
        std::abort();
}

void checkSyncQuery(const QString &text)
{
    const QUrlQuery query(text);
    qm::RequestError error;
    const auto q = qm::SyncQuery::parse(query, &error);
    if (!q) {
        checkRefusal(error);
        return;
    }
    if (q->after < 0 || q->limit < 1 || q->limit > qm::SyncQuery::MaxLimit)
        std::abort();
    // The client's own cursor query for the same values reads back the same.
    QUrlQuery written;
    written.addQueryItem(QStringLiteral("after"), QString::number(q->after));
    written.addQueryItem(QStringLiteral("limit"), QString::number(q->limit));
    written.addQueryItem(QStringLiteral("full"),
                         q->fullPull ? QStringLiteral("true") : QStringLiteral("false"));
    const auto again = qm::SyncQuery::parse(written, &error);
    if (!again || again->after != q->after || again->limit != q->limit ||
        again->fullPull != q->fullPull)
        std::abort();
}

void checkCount(const QString &text)
{
    const auto count = qm::parseCount(text);
    if (count && (*count < 0 || QString::number(*count).size() > text.size()))
        std::abort();
}

void checkBody(const QByteArray &mediaType, const QByteArray &body)
{
    qm::RequestError error;
    const auto params = qm::parseBodyParameters(mediaType, body, &error);
    if (!params) {
        checkRefusal(error);
        return;
    }
    if (mediaType != "application/x-www-form-urlencoded")
        return;
    // The same parameters form-encoded again (as a client writes them) read back unchanged.
    QByteArray form;
    for (auto it = params->begin(); it != params->end(); ++it) {
        if (!form.isEmpty())
            form += '&';
        form += QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value());
    }
    const auto again = qm::parseBodyParameters(mediaType, form, &error);
    if (!again || *again != *params)
        std::abort();
}

void checkHeaders(const QByteArray &bytes)
{
    // Up to three header values separated by newlines: If-Match, If-None-Match, Authorization.
    const QList<QByteArray> values = bytes.split('\n');
    qm::HttpRequest request;
    const char *names[] = {"if-match", "if-none-match", "authorization"};
    for (qsizetype i = 0; i < values.size() && i < 3; ++i) {
        if (!values.at(i).isEmpty())
            request.headers.append({QByteArray(names[i]), values.at(i)});
    }
    for (const bool allowCreate : {true, false}) {
        qm::RequestError error;
        const auto precondition = qm::ListPrecondition::parse(request, allowCreate, &error);
        if (!precondition) {
            checkRefusal(error);
            continue;
        }
        if (precondition->create ? (!allowCreate || precondition->version != 0)
                                 : precondition->version < 0)
            std::abort();
    }
    const QString token = request.bearerToken();
    if (!token.isEmpty() && !request.header("authorization").contains(token.toLatin1()))
        std::abort();
    request.headers.append({QByteArrayLiteral("content-type"), values.value(0)});
    const QByteArray type = request.mediaType();
    if (type.contains(';') || type != type.trimmed() || type != type.toLower())
        std::abort();
}

void checkLoggablePath(const QString &text)
{
    const QUrl url(QStringLiteral("http://portal.test/api/v1/sync/products?") + text);
    qm::HttpRequest request;
    request.rawPath = url.path(QUrl::FullyEncoded);
    request.rawQuery = url.query(QUrl::FullyEncoded);
    request.query = QUrlQuery(url);
    const QString logged = request.loggablePath();
    if (!logged.startsWith(request.rawPath))
        std::abort();
    if (request.rawQuery.isEmpty())
        return;
    // Every parameter is logged in its place, each secret one only by name.
    const QStringList sent = request.rawQuery.split(u'&');
    const QStringList shown = logged.mid(request.rawPath.size() + 1).split(u'&');
    if (logged.at(request.rawPath.size()) != u'?' || shown.size() != sent.size())
        std::abort();
    for (qsizetype i = 0; i < sent.size(); ++i) {
        const QString item = sent.at(i);
        const qsizetype eq = item.indexOf(u'=');
        const QString rawName = item.left(eq < 0 ? item.size() : eq);
        const QString n = QUrl::fromPercentEncoding(rawName.toLatin1()).toLower();
        const bool secret = n.contains(u"token") || n.contains(u"password") ||
                            n.contains(u"secret") || n == u"code";
        if (shown.at(i) != (secret ? rawName + QStringLiteral("=[redacted]") : item))
            std::abort();
    }
}

void checkDbUrl(const QString &text)
{
    QString error;
    const auto url = qm::DbUrl::parse(text, &error);
    if (!url) {
        if (error.isEmpty())
            std::abort();
        return;
    }
    const QString shown = url->toDisplayString();
    if (url->driver == qm::DbUrl::Driver::Sqlite) {
        if (url->path.isEmpty() || shown != QStringLiteral("sqlite:") + url->path)
            std::abort();
        return;
    }
    if (url->host.isEmpty() || url->user.isEmpty() || url->database.isEmpty() ||
        url->database.contains(u'/') || url->port < 1 || url->port > 65535)
        std::abort();
    if (!shown.startsWith(u"postgres://"))
        std::abort();
    // The display form masks the password.
    if (!url->password.isEmpty() && !shown.contains(u":***@"))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QString text = QString::fromUtf8(bytes);
    switch (data[0] % 6) {
    case 0:
        checkSyncQuery(text);
        checkCount(text);
        break;
    case 1:
        checkBody(QByteArrayLiteral("application/x-www-form-urlencoded"), bytes);
        break;
    case 2:
        checkBody(QByteArrayLiteral("application/json"), bytes);
        break;
    case 3:
        checkHeaders(bytes);
        break;
    case 4:
        checkLoggablePath(text);
        break;
    case 5:
        checkDbUrl(text);
        break;
    }
    return 0;
}
