#include "sync/accountadmin.h"

#include "sync/apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace qm {

namespace {

QString text(const QJsonObject &o, QStringView member, bool *ok)
{
    const QJsonValue v = o.value(member);
    if (!v.isString())
        *ok = false;
    return v.toString();
}

// A JSON number that is a positive integer (ids).
qint64 positiveId(const QJsonValue &v, bool *ok)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 1 || d != double(qint64(d))) {
        *ok = false;
        return 0;
    }
    return qint64(d);
}

std::optional<Decimal> money(const QJsonValue &v, bool *ok)
{
    if (v.isNull())
        return std::nullopt;
    const auto amount = v.isString() ? Decimal::parse(v.toString()) : std::nullopt;
    if (!amount)
        *ok = false;
    return amount;
}

QJsonValue moneyJson(const std::optional<Decimal> &amount)
{
    return amount ? QJsonValue(amount->toString(0)) : QJsonValue(QJsonValue::Null);
}

QJsonValue idJson(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

ApiError invalidAnswer(const ApiJob &job, const QString &what)
{
    return ApiError{ApiError::Code::InvalidResponse, job.httpStatus(), std::nullopt, what};
}

// The array `member` of the job's answer, each entry parsed by `parse`; nullopt (and failed()
// emitted by the caller) when anything does not parse.
template<typename T>
std::optional<QList<T>> parseList(const ApiJob &job, QStringView member,
                                  const std::function<std::optional<T>(const QJsonObject &)> &parse,
                                  ApiError *error)
{
    const QJsonValue array = QJsonDocument::fromJson(job.body()).object().value(member);
    if (!array.isArray()) {
        *error = invalidAnswer(job, QStringLiteral("the answer has no %1").arg(member));
        return std::nullopt;
    }
    QList<T> list;
    const QJsonArray items = array.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const auto item = parse(items.at(i).toObject());
        if (!item) {
            *error =
                invalidAnswer(job, QStringLiteral("%1 entry %2 is not valid").arg(member).arg(i));
            return std::nullopt;
        }
        list.append(*item);
    }
    return list;
}

} // namespace

std::optional<AdminUser> AdminUser::fromJson(const QJsonObject &o)
{
    bool ok = true;
    AdminUser u;
    u.id = positiveId(o.value(u"id"), &ok);
    u.username = text(o, u"username", &ok);
    u.displayName = text(o, u"display_name", &ok);
    u.email = text(o, u"email", &ok);
    u.role = text(o, u"role", &ok);
    u.spendingLimit = money(o.value(u"spending_limit"), &ok);
    const QJsonValue location = o.value(u"default_location");
    if (!location.isNull())
        u.defaultLocation = positiveId(location, &ok);
    if (!o.value(u"active").isBool())
        ok = false;
    u.active = o.value(u"active").toBool();
    return ok ? std::optional<AdminUser>(u) : std::nullopt;
}

std::optional<AdminLocation> AdminLocation::fromJson(const QJsonObject &o)
{
    bool ok = true;
    AdminLocation l;
    l.id = positiveId(o.value(u"id"), &ok);
    l.code = text(o, u"code", &ok);
    l.name = text(o, u"name", &ok);
    const QJsonObject a = o.value(u"address").toObject();
    l.address.line1 = text(a, u"line1", &ok);
    l.address.line2 = a.value(u"line2").toString();
    l.address.city = text(a, u"city", &ok);
    l.address.region = text(a, u"region", &ok);
    l.address.postalCode = text(a, u"postal_code", &ok);
    l.address.country = text(a, u"country", &ok);
    if (!o.value(u"is_default").isBool() || !o.value(u"active").isBool())
        ok = false;
    l.isDefault = o.value(u"is_default").toBool();
    l.active = o.value(u"active").toBool();
    return ok ? std::optional<AdminLocation>(l) : std::nullopt;
}

std::optional<AuditEvent> AuditEvent::fromJson(const QJsonObject &o)
{
    bool ok = true;
    AuditEvent e;
    e.id = positiveId(o.value(u"id"), &ok);
    e.at = QDateTime::fromString(text(o, u"at", &ok), Qt::ISODate).toUTC();
    if (!e.at.isValid())
        ok = false;
    e.actor = o.value(u"actor").toString();
    e.action = text(o, u"action", &ok);
    e.targetKind = text(o, u"target_kind", &ok);
    e.targetId = positiveId(o.value(u"target_id"), &ok);
    e.target = o.value(u"target").toString();
    if (!o.value(u"changes").isObject())
        ok = false;
    e.changes = o.value(u"changes").toObject();
    return ok ? std::optional<AuditEvent>(e) : std::nullopt;
}

QJsonObject NewUser::toJson() const
{
    QJsonObject o{{QStringLiteral("username"), username},
                  {QStringLiteral("display_name"), displayName},
                  {QStringLiteral("email"), email},
                  {QStringLiteral("role"), role},
                  {QStringLiteral("password"), password}};
    if (spendingLimit)
        o.insert(QStringLiteral("spending_limit"), moneyJson(spendingLimit));
    if (defaultLocation)
        o.insert(QStringLiteral("default_location"), *defaultLocation);
    return o;
}

bool UserChange::isEmpty() const
{
    return !displayName && !email && !role && !spendingLimit && !defaultLocation && !active;
}

QJsonObject UserChange::toJson() const
{
    QJsonObject o;
    if (displayName)
        o.insert(QStringLiteral("display_name"), *displayName);
    if (email)
        o.insert(QStringLiteral("email"), *email);
    if (role)
        o.insert(QStringLiteral("role"), *role);
    if (spendingLimit)
        o.insert(QStringLiteral("spending_limit"), moneyJson(*spendingLimit));
    if (defaultLocation)
        o.insert(QStringLiteral("default_location"), idJson(*defaultLocation));
    if (active)
        o.insert(QStringLiteral("active"), *active);
    return o;
}

QJsonObject NewLocation::toJson() const
{
    QJsonObject a{{QStringLiteral("line1"), address.line1},
                  {QStringLiteral("city"), address.city},
                  {QStringLiteral("region"), address.region},
                  {QStringLiteral("postal_code"), address.postalCode},
                  {QStringLiteral("country"), address.country}};
    if (!address.line2.isEmpty())
        a.insert(QStringLiteral("line2"), address.line2);
    return QJsonObject{{QStringLiteral("code"), code},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("address"), a},
                       {QStringLiteral("is_default"), isDefault}};
}

bool LocationChange::isEmpty() const
{
    return !name && !line1 && !line2 && !city && !region && !postalCode && !country && !isDefault &&
           !active;
}

QJsonObject LocationChange::toJson() const
{
    QJsonObject o;
    if (name)
        o.insert(QStringLiteral("name"), *name);
    QJsonObject a;
    const auto put = [&a](const char *member, const std::optional<QString> &value) {
        if (value)
            a.insert(QString::fromLatin1(member), *value);
    };
    put("line1", line1);
    if (line2)
        a.insert(QStringLiteral("line2"),
                 line2->isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(*line2));
    put("city", city);
    put("region", region);
    put("postal_code", postalCode);
    put("country", country);
    if (!a.isEmpty())
        o.insert(QStringLiteral("address"), a);
    if (isDefault)
        o.insert(QStringLiteral("is_default"), *isDefault);
    if (active)
        o.insert(QStringLiteral("active"), *active);
    return o;
}

AccountAdmin::AccountAdmin(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void AccountAdmin::fetchUsers()
{
    ApiJob *job = m_api->get(QStringLiteral("/api/v1/users"));
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error()) {
            Q_EMIT failed(*job->error());
            return;
        }
        ApiError error;
        const auto users = parseList<AdminUser>(*job, u"users", &AdminUser::fromJson, &error);
        if (!users) {
            Q_EMIT failed(error);
            return;
        }
        Q_EMIT usersFetched(*users);
    });
}

namespace {

// Connects a job whose answer is one object to `ok` or `failed`.
template<typename T, typename Emit, typename Fail>
void onObject(QObject *context, ApiJob *job, const QString &what, Emit emitResult, Fail emitFailed)
{
    QObject::connect(job, &ApiJob::finished, context, [job, what, emitResult, emitFailed] {
        if (job->error()) {
            emitFailed(*job->error());
            return;
        }
        const auto item = T::fromJson(QJsonDocument::fromJson(job->body()).object());
        if (!item) {
            emitFailed(invalidAnswer(*job, QStringLiteral("the answer is not a %1").arg(what)));
            return;
        }
        emitResult(*item);
    });
}

} // namespace

void AccountAdmin::createUser(const NewUser &user)
{
    ApiJob *job = m_api->postJson(QStringLiteral("/api/v1/users"),
                                  QJsonDocument(user.toJson()).toJson(QJsonDocument::Compact));
    onObject<AdminUser>(
        this, job, QStringLiteral("user"), [this](const AdminUser &u) { Q_EMIT userSaved(u); },
        [this](const ApiError &e) { Q_EMIT failed(e); });
}

void AccountAdmin::updateUser(qint64 id, const UserChange &change)
{
    ApiJob *job = m_api->patchJson(QStringLiteral("/api/v1/users/%1").arg(id),
                                   QJsonDocument(change.toJson()).toJson(QJsonDocument::Compact));
    onObject<AdminUser>(
        this, job, QStringLiteral("user"), [this](const AdminUser &u) { Q_EMIT userSaved(u); },
        [this](const ApiError &e) { Q_EMIT failed(e); });
}

void AccountAdmin::fetchLocations()
{
    ApiJob *job = m_api->get(QStringLiteral("/api/v1/locations"));
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error()) {
            Q_EMIT failed(*job->error());
            return;
        }
        ApiError error;
        const auto locations =
            parseList<AdminLocation>(*job, u"locations", &AdminLocation::fromJson, &error);
        if (!locations) {
            Q_EMIT failed(error);
            return;
        }
        Q_EMIT locationsFetched(*locations);
    });
}

void AccountAdmin::createLocation(const NewLocation &location)
{
    ApiJob *job = m_api->postJson(QStringLiteral("/api/v1/locations"),
                                  QJsonDocument(location.toJson()).toJson(QJsonDocument::Compact));
    onObject<AdminLocation>(
        this, job, QStringLiteral("location"),
        [this](const AdminLocation &l) { Q_EMIT locationSaved(l); },
        [this](const ApiError &e) { Q_EMIT failed(e); });
}

void AccountAdmin::updateLocation(qint64 id, const LocationChange &change)
{
    ApiJob *job = m_api->patchJson(QStringLiteral("/api/v1/locations/%1").arg(id),
                                   QJsonDocument(change.toJson()).toJson(QJsonDocument::Compact));
    onObject<AdminLocation>(
        this, job, QStringLiteral("location"),
        [this](const AdminLocation &l) { Q_EMIT locationSaved(l); },
        [this](const ApiError &e) { Q_EMIT failed(e); });
}

void AccountAdmin::fetchAudit(int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    ApiJob *job = m_api->get(QStringLiteral("/api/v1/audit"), query);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error()) {
            Q_EMIT failed(*job->error());
            return;
        }
        ApiError error;
        const auto events = parseList<AuditEvent>(*job, u"events", &AuditEvent::fromJson, &error);
        if (!events) {
            Q_EMIT failed(error);
            return;
        }
        Q_EMIT auditFetched(*events);
    });
}

} // namespace qm
