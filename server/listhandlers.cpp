#include "server/listhandlers.h"

#include "core/permissions.h"
#include "core/problem.h"
#include "core/requisitionlist.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/feedwriter.h"
#include "server/httprequest.h"
#include "server/idempotency.h"
#include "server/idempotentwrite.h"
#include "server/requestparsing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

#include <functional>
#include <stdexcept>

namespace qm {

namespace {

struct StoredList
{
    qint64 accountId = 0;
    RequisitionList list;
};

// The list with this id, whichever account it belongs to.
std::optional<StoredList> loadList(DbConnection &db, const QString &id)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT account_id, name, version, updated_at, updated_by, lines "
                                  "FROM requisition_lists WHERE id = ?"));
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    const QJsonObject content{
        {QStringLiteral("name"), q.text(1)},
        {QStringLiteral("lines"), QJsonDocument::fromJson(q.text(5).toUtf8()).array()}};
    QList<FieldError> errors;
    auto list = RequisitionList::fromJson(content, RequisitionList::JsonForm::Content, &errors);
    if (!list)
        throw std::runtime_error(
            QStringLiteral("stored list %1 does not parse at %2")
                .arg(id, errors.isEmpty() ? QString() : errors.constFirst().pointer)
                .toStdString());
    list->id = id;
    list->version = q.int64(2);
    list->updatedAt = QDateTime::fromSecsSinceEpoch(q.int64(3), QTimeZone::utc());
    list->updatedBy = q.text(4);
    return StoredList{q.int64(0), std::move(*list)};
}

QString linesJson(const RequisitionList &list)
{
    QJsonArray lines;
    for (const RequisitionListLine &line : list.lines)
        lines.append(line.toJson());
    return QString::fromUtf8(QJsonDocument(lines).toJson(QJsonDocument::Compact));
}

QByteArray etagOf(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

HttpReply listReply(const RequisitionList &list, int status)
{
    return HttpReply::json(list.toJson(), status)
        .withHeader(QByteArrayLiteral("ETag"), etagOf(list.version));
}

HttpReply conflict(const std::optional<StoredList> &current, const QString &detail)
{
    return HttpReply::problem(
        problems::VersionConflict, 412, detail,
        QJsonObject{{QStringLiteral("current"),
                     current ? QJsonValue(current->list.toJson()) : QJsonValue(QJsonValue::Null)}});
}

HttpReply notFound(const QString &id)
{
    return HttpReply::problem(problems::NotFound, 404,
                              QStringLiteral("There is no saved list %1.").arg(id));
}

QString displayName(DbConnection &db, qint64 userId)
{
    Statement q = db.prepare(QStringLiteral("SELECT display_name FROM users WHERE id = ?"));
    q.bind(userId).exec();
    return q.next() ? q.text(0) : QString();
}

struct Mutation
{
    AuthenticatedUser user;
    QString key;
    ListPrecondition precondition;
};

// The checks every change makes before it touches the database: the signed-in user with
// cart:write, a valid list id, an Idempotency-Key and a precondition.
std::optional<Mutation> checkMutation(HttpRequest &request, const QString &id, ApiHandlers &api,
                                      DbConnection &db, bool allowCreate, HttpReply *error)
{
    const auto user = api.authorize(request, db, capabilities::CartWrite, error);
    if (!user)
        return std::nullopt;
    if (!isValidListId(id)) {
        *error = HttpReply::problem(problems::InvalidListId, 400,
                                    QStringLiteral("'%1' is not a lowercase UUID.").arg(id));
        return std::nullopt;
    }
    const auto key = idempotent::key(request, error);
    if (!key)
        return std::nullopt;
    RequestError why;
    const auto precondition = ListPrecondition::parse(request, allowCreate, &why);
    if (!precondition) {
        *error = HttpReply::problem(why.slug, why.status, why.detail);
        return std::nullopt;
    }
    return Mutation{*user, QString::fromLatin1(*key), *precondition};
}

using Work = std::function<HttpReply(FeedWriter &, const std::optional<StoredList> &, qint64)>;

// Claims the key and runs `work` in the write transaction with the feed sequence locked and
// the current list loaded; the reply is stored for the key in that same transaction.
HttpReply runClaimed(DbConnection &db, const HttpRequest &request, const QString &id,
                     const Mutation &mutation, const Work &work)
{
    const IdempotencyStore::Scope scope{mutation.user.accountId, mutation.user.userId,
                                        mutation.key};
    return idempotent::run(
        db, request, scope, IdempotencyStore::Retention::Hours,
        QStringLiteral("use a new key for a new change."), idempotent::replayed,
        [&](FeedWriter &feeds, qint64 now) { return work(feeds, loadList(db, id), now); });
}

} // namespace

ListHandlers::ListHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

HttpReply ListHandlers::handle(HttpRequest &request, const QString &id)
{
    if (request.method == "PUT")
        return put(request, id);
    if (request.method == "DELETE")
        return remove(request, id);
    return get(request, id);
}

HttpReply ListHandlers::put(HttpRequest &request, const QString &id)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto mutation = checkMutation(request, id, m_api, db, true, &error);
    if (!mutation)
        return error;
    if (request.mediaType() != "application/json")
        return HttpReply::problem(problems::UnsupportedMediaType, 415,
                                  QStringLiteral("Send the list as application/json."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return HttpReply::problem(problems::MalformedJson, 400,
                                  QStringLiteral("%1 at offset %2.")
                                      .arg(parseError.errorString())
                                      .arg(parseError.offset));
    QList<FieldError> errors;
    std::optional<RequisitionList> content;
    if (doc.isObject())
        content =
            RequisitionList::fromJson(doc.object(), RequisitionList::JsonForm::Content, &errors);
    else
        errors.append(FieldError{QString(), QStringLiteral("must be a JSON object")});
    if (!content) {
        QJsonArray array;
        for (const FieldError &e : std::as_const(errors))
            array.append(e.toJson());
        return HttpReply::problem(
            problems::InvalidList, 422,
            QStringLiteral("The list has %1 problem(s); see 'errors'.").arg(errors.size()),
            QJsonObject{{QStringLiteral("errors"), array}});
    }

    const AuthenticatedUser &user = mutation->user;
    const ListPrecondition &precondition = mutation->precondition;
    return runClaimed(
        db, request, id, *mutation,
        [&](FeedWriter &feeds, const std::optional<StoredList> &current, qint64 now) {
            if (current && current->accountId != user.accountId)
                return notFound(id);
            if (precondition.create && current)
                return conflict(current, QStringLiteral("A saved list with this id exists."));
            if (!precondition.create && !current)
                return conflict(current, QStringLiteral("The saved list no longer exists."));
            if (!precondition.create && current->list.version != precondition.version)
                return conflict(current, QStringLiteral("The saved list is at version %1, not %2.")
                                             .arg(current->list.version)
                                             .arg(precondition.version));
            RequisitionList list = *content;
            list.id = id;
            list.version = current ? current->list.version + 1 : 1;
            list.updatedAt = QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc());
            list.updatedBy = displayName(db, user.userId);
            Statement w = db.prepare(
                current ? QStringLiteral("UPDATE requisition_lists SET name = ?, version = ?, "
                                         "updated_at = ?, updated_by = ?, lines = ? WHERE id = ?")
                        : QStringLiteral("INSERT INTO requisition_lists (name, version, "
                                         "updated_at, updated_by, lines, id, account_id) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?)"));
            w.bind(list.name).bind(list.version).bind(now).bind(list.updatedBy);
            w.bind(linesJson(list)).bind(id);
            if (!current)
                w.bind(user.accountId);
            w.exec();
            feeds.putList(user.accountId, id, list);
            return listReply(list, current ? 200 : 201);
        });
}

HttpReply ListHandlers::remove(HttpRequest &request, const QString &id)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto mutation = checkMutation(request, id, m_api, db, false, &error);
    if (!mutation)
        return error;
    const AuthenticatedUser &user = mutation->user;
    const qint64 version = mutation->precondition.version;
    return runClaimed(
        db, request, id, *mutation,
        [&](FeedWriter &feeds, const std::optional<StoredList> &current, qint64) {
            if (!current || current->accountId != user.accountId)
                return notFound(id);
            if (current->list.version != version)
                return conflict(current, QStringLiteral("The saved list is at version %1, not %2.")
                                             .arg(current->list.version)
                                             .arg(version));
            db.prepare(QStringLiteral("DELETE FROM requisition_lists WHERE id = ?"))
                .bind(id)
                .exec();
            feeds.putList(user.accountId, id, std::nullopt);
            return HttpReply::raw(QByteArray(), QByteArray(), 204);
        });
}

HttpReply ListHandlers::get(HttpRequest &request, const QString &id)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = m_api.authorize(request, db, capabilities::CatalogRead, &denied);
    if (!user)
        return denied;
    if (!isValidListId(id))
        return HttpReply::problem(problems::InvalidListId, 400,
                                  QStringLiteral("'%1' is not a lowercase UUID.").arg(id));
    const auto stored = db.read([&] { return loadList(db, id); });
    if (!stored || stored->accountId != user->accountId)
        return notFound(id);
    return listReply(stored->list, 200);
}

} // namespace qm
