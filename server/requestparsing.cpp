#include "server/requestparsing.h"

#include "core/problem.h"
#include "server/httprequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace qm {

namespace {

template<typename T>
std::optional<T> fail(RequestError *error, QStringView slug, int status, const QString &detail)
{
    *error = RequestError{slug.toString(), status, detail};
    return std::nullopt;
}

} // namespace

std::optional<qint64> parseCount(QStringView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toLongLong();
}

std::optional<SyncQuery> SyncQuery::parse(const QUrlQuery &query, RequestError *error)
{
    SyncQuery q;
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const auto parsed =
            parseCount(query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded));
        if (!parsed)
            return fail<SyncQuery>(
                error, problems::InvalidCursor, 400,
                QStringLiteral(
                    "'after' must be a non-negative integer (the 'next' of the last page)."));
        q.after = *parsed;
    }
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const auto parsed =
            parseCount(query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded));
        if (!parsed || *parsed < 1 || *parsed > MaxLimit)
            return fail<SyncQuery>(
                error, problems::InvalidCursor, 400,
                QStringLiteral("'limit' must be an integer from 1 to %1.").arg(MaxLimit));
        q.limit = int(*parsed);
    }
    if (query.hasQueryItem(QStringLiteral("full"))) {
        const QString value = query.queryItemValue(QStringLiteral("full"), QUrl::FullyDecoded);
        if (value != u"true" && value != u"false")
            return fail<SyncQuery>(error, problems::InvalidCursor, 400,
                                   QStringLiteral("'full' must be true or false."));
        q.fullPull = value == u"true";
    }
    return q;
}

std::optional<QHash<QString, QString>>
parseBodyParameters(const QByteArray &mediaType, const QByteArray &body, RequestError *error)
{
    using Params = QHash<QString, QString>;
    Params params;
    if (mediaType == "application/x-www-form-urlencoded") {
        // As the form encoding defines it: pairs split at '&' and at their first '=', '+' a
        // space (a literal '+' arrives as %2B), percent escapes decoded to bytes, and only then
        // the bytes read as UTF-8, so a character arrives the same raw or escaped.
        const auto decode = [](QByteArray bytes) {
            bytes.replace('+', ' ');
            return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
        };
        for (const QByteArray &pair : body.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype equals = pair.indexOf('=');
            const QString name = decode(equals < 0 ? pair : pair.left(equals));
            const QString value = decode(equals < 0 ? QByteArray() : pair.mid(equals + 1));
            if (params.contains(name))
                return fail<Params>(
                    error, problems::BadRequest, 400,
                    QStringLiteral("The parameter '%1' is given more than once.").arg(name));
            params.insert(name, value);
        }
        return params;
    }
    if (mediaType == "application/json") {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail<Params>(error, problems::MalformedJson, 400,
                                QStringLiteral("%1 at offset %2.")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset));
        if (!doc.isObject())
            return fail<Params>(error, problems::BadRequest, 400,
                                QStringLiteral("The body must be a JSON object."));
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString())
                return fail<Params>(
                    error, problems::BadRequest, 400,
                    QStringLiteral("The member '%1' must be a string.").arg(it.key()));
            params.insert(it.key(), it.value().toString());
        }
        return params;
    }
    return fail<Params>(
        error, problems::UnsupportedMediaType, 415,
        QStringLiteral("Send application/x-www-form-urlencoded or application/json."));
}

std::optional<ListPrecondition> ListPrecondition::parse(const HttpRequest &request,
                                                        bool allowCreate, RequestError *error)
{
    const bool hasMatch = request.hasHeader("if-match");
    const bool hasNoneMatch = request.hasHeader("if-none-match");
    if (!hasMatch && !hasNoneMatch)
        return fail<ListPrecondition>(
            error, problems::PreconditionRequired, 428,
            allowCreate ? QStringLiteral("Send If-None-Match: * to create the list, or If-Match "
                                         "with the version you changed.")
                        : QStringLiteral("Send If-Match with the version you delete."));
    if (hasMatch && hasNoneMatch)
        return fail<ListPrecondition>(error, problems::BadRequest, 400,
                                      QStringLiteral("Send either If-Match or If-None-Match."));
    if (hasNoneMatch) {
        if (!allowCreate || request.header("if-none-match").trimmed() != "*")
            return fail<ListPrecondition>(
                error, problems::BadRequest, 400,
                allowCreate ? QStringLiteral("If-None-Match must be * (create a new list).")
                            : QStringLiteral("A delete takes If-Match, not If-None-Match."));
        return ListPrecondition{true, 0};
    }
    const QByteArray value = request.header("if-match").trimmed();
    bool ok =
        value.size() >= 3 && value.size() <= 20 && value.startsWith('"') && value.endsWith('"');
    for (qsizetype i = 1; ok && i + 1 < value.size(); ++i)
        ok = value.at(i) >= '0' && value.at(i) <= '9';
    if (!ok)
        return fail<ListPrecondition>(
            error, problems::BadRequest, 400,
            QStringLiteral("If-Match must be the list's ETag, a quoted version such as \"3\"."));
    return ListPrecondition{false, value.mid(1, value.size() - 2).toLongLong()};
}

} // namespace qm
