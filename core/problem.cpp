#include "core/problem.h"

#include <QJsonDocument>

namespace qm {

namespace {
constexpr QStringView TypePrefix = u"/problems/";
}

QString Problem::slug() const
{
    if (!type.startsWith(TypePrefix))
        return {};
    return type.mid(TypePrefix.size());
}

QByteArray Problem::toJson() const
{
    QJsonObject o = extensions;
    o.insert(QStringLiteral("type"), type);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("status"), status);
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!instance.isEmpty())
        o.insert(QStringLiteral("instance"), instance);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Problem> Problem::fromJson(QByteArrayView json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray());
    if (!doc.isObject())
        return std::nullopt;
    QJsonObject o = doc.object();
    const QJsonValue type = o.value(u"type");
    const QJsonValue status = o.value(u"status");
    if ((!type.isUndefined() && !type.isString()) || !status.isDouble())
        return std::nullopt;
    Problem p;
    p.type = type.isString() ? type.toString() : QStringLiteral("about:blank");
    p.title = o.value(u"title").toString();
    p.status = status.toInt();
    p.detail = o.value(u"detail").toString();
    p.instance = o.value(u"instance").toString();
    for (const char16_t *k : {u"type", u"title", u"status", u"detail", u"instance"})
        o.remove(QStringView(k));
    p.extensions = o;
    return p;
}

Problem Problem::make(QStringView slug, int status, const QString &detail)
{
    Problem p;
    p.type = TypePrefix.toString();
    p.type += slug;
    p.title = problemTitle(slug);
    p.status = status;
    p.detail = detail;
    return p;
}

QString problemTitle(QStringView slug)
{
    using namespace problems;
    static const struct
    {
        const char16_t *slug;
        const char *title;
    } titles[] = {
        {BadRequest, "The request is not valid"},
        {MalformedJson, "The request body is not valid JSON"},
        {UnsupportedMediaType, "The request body has an unsupported content type"},
        {PayloadTooLarge, "The request body is too large"},
        {Unauthorized, "Authentication is required"},
        {InvalidGrant, "The credentials or refresh token are not valid"},
        {UnsupportedGrantType, "The grant type is not supported"},
        {Forbidden, "You are not allowed to do this"},
        {NotFound, "Not found"},
        {MethodNotAllowed, "Method not allowed"},
        {InvalidCursor, "The sync cursor is not valid"},
        {CursorExpired, "The sync cursor is older than the server keeps changes"},
        {RateLimited, "Too many requests"},
        {InternalError, "Internal server error"},
        {Unavailable, "The service is unavailable"},
        {IdempotencyKeyMissing, "The request lacks an Idempotency-Key header"},
        {IdempotencyKeyReused, "The Idempotency-Key was already used for a different request"},
        {RequestInProgress, "A request with this Idempotency-Key is still being processed"},
        {PreconditionRequired, "The request must say which version it changes"},
        {VersionConflict, "The resource was changed or deleted by someone else"},
        {InvalidList, "The saved list is not valid"},
        {InvalidListId, "The saved list id is not a lowercase UUID"},
        {InvalidOrder, "The order is not valid"},
        {IdempotencyKeyMismatch, "The Idempotency-Key is not the order's client_order_id"},
        {OrderNeedsReview, "Some lines of the order changed and need the buyer's review"},
        {CreditLimitExceeded, "The order would exceed the account's credit limit"},
        {UnknownShipTo, "The ship-to location is not one of the account's"},
        {OrderNotPending, "The order is not waiting for approval"},
        {ShipToInactive, "The ship-to location no longer takes new orders"},
        {InvalidUser, "The user is not valid"},
        {InvalidLocation, "The ship-to location is not valid"},
        {UsernameTaken, "The username is taken"},
        {LocationCodeTaken, "The account already has a ship-to location with this code"},
        {LastAccountAdmin, "The account needs at least one active account administrator"},
        {SelfDeactivation, "You cannot deactivate yourself"},
        {DefaultLocationRequired, "The account needs a default ship-to location"},
    };
    for (const auto &t : titles) {
        if (slug == QStringView(t.slug))
            return QString::fromLatin1(t.title);
    }
    return QStringLiteral("Error");
}

} // namespace qm
