#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace qm {

struct HttpRequest;

// Reading what a client sends beyond what QHttpServer parses: query parameters, form and JSON
// parameter bodies, conditional-request headers. Pure functions of the request's bytes, so
// that they can be tested and fuzzed without a server or a database.

// Why a request was refused: the problem the portal answers with.
struct RequestError
{
    QString slug; // one of qm::problems
    int status = 400;
    QString detail;
};

// A non-negative decimal integer without sign or spaces, as cursors and limits are written
// (at most 18 digits, so it always fits).
std::optional<qint64> parseCount(QStringView text);

// The query of GET /api/v1/sync/{feed}: after (the `next` of the last page), limit and full.
struct SyncQuery
{
    static constexpr int DefaultLimit = 1000;
    static constexpr int MaxLimit = 5000;

    qint64 after = 0;
    int limit = DefaultLimit;
    bool fullPull = false;

    // Absent parameters keep their defaults; a malformed one is an invalid-cursor problem.
    static std::optional<SyncQuery> parse(const QUrlQuery &query, RequestError *error);
};

// The parameters of a body of `mediaType` (HttpRequest::mediaType()): form-urlencoded, or a
// JSON object whose members are all strings. A parameter given twice, a body that does not
// parse or another media type is refused.
std::optional<QHash<QString, QString>>
parseBodyParameters(const QByteArray &mediaType, const QByteArray &body, RequestError *error);

// What a change to a saved list requires of the stored list: If-None-Match: * (create it) or
// If-Match: "<version>" (the version the client changed). Exactly one of the two is required;
// `allowCreate` is false for a delete.
struct ListPrecondition
{
    bool create = false;
    qint64 version = 0;

    static std::optional<ListPrecondition> parse(const HttpRequest &request, bool allowCreate,
                                                 RequestError *error);
};

} // namespace qm
