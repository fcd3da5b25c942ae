#include "server/adminhandlers.h"

#include "core/decimal.h"
#include "core/feeds.h"
#include "core/order.h"
#include "core/permissions.h"
#include "core/problem.h"
#include "core/requisitionlist.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/crypto.h"
#include "server/dbconnection.h"
#include "server/httprequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcAdmin, "qm.portal.admin")

constexpr int MaxUsernameLength = 120;
constexpr int MinUsernameLength = 3;
constexpr int MaxNameLength = 120;
constexpr int MaxEmailLength = 254;
constexpr int MaxPasswordLength = 1024;
constexpr int MaxAddressLength = 200;
constexpr int MaxPostalCodeLength = 20;
constexpr int DefaultAuditLimit = 50;
constexpr int MaxAuditLimit = 500;

HttpReply userNotFound(const QString &id)
{
    return HttpReply::problem(problems::NotFound, 404,
                              QStringLiteral("There is no user %1 in your account.").arg(id));
}

HttpReply locationNotFound(const QString &id)
{
    return HttpReply::problem(
        problems::NotFound, 404,
        QStringLiteral("There is no ship-to location %1 in your account.").arg(id));
}

std::optional<qint64> parseId(const QString &text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 id = text.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

// The request body as a JSON object, or nullopt with the problem in `error`.
std::optional<QJsonObject> jsonObject(const HttpRequest &request, const QString &what,
                                      HttpReply *error)
{
    if (request.mediaType() != "application/json") {
        *error = HttpReply::problem(problems::UnsupportedMediaType, 415,
                                    QStringLiteral("Send the %1 as application/json.").arg(what));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = HttpReply::problem(problems::MalformedJson, 400,
                                    QStringLiteral("%1 at offset %2.")
                                        .arg(parseError.errorString())
                                        .arg(parseError.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = HttpReply::problem(problems::MalformedJson, 400,
                                    QStringLiteral("The %1 must be a JSON object.").arg(what));
        return std::nullopt;
    }
    return doc.object();
}

HttpReply invalid(QStringView slug, const QString &what, const QList<FieldError> &errors)
{
    QJsonArray array;
    for (const FieldError &e : errors)
        array.append(e.toJson());
    return HttpReply::problem(
        slug, 422,
        errors.size() == 1
            ? QStringLiteral("The %1 is not valid: %2 %3.")
                  .arg(what, errors.first().pointer.mid(1), errors.first().detail)
            : QStringLiteral("The %1 has %2 problems; see 'errors'.").arg(what).arg(errors.size()),
        QJsonObject{{QStringLiteral("errors"), array}});
}

// Members of `o` other than `known` are reported: a misspelt member must not pass unnoticed.
void rejectUnknown(const QJsonObject &o, const QStringList &known, const QString &prefix,
                   QList<FieldError> *errors)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            errors->append(FieldError{prefix + u'/' + it.key(),
                                      QStringLiteral("is not a member that can be set here")});
    }
}

// A string member: nullopt when absent (an error when `required`) or invalid.
std::optional<QString> readText(const QJsonObject &o, const QString &member, const QString &pointer,
                                bool required, int maxLength, QList<FieldError> *errors)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined()) {
        if (required)
            errors->append(FieldError{pointer, QStringLiteral("is missing")});
        return std::nullopt;
    }
    if (!v.isString()) {
        errors->append(FieldError{pointer, QStringLiteral("must be a string")});
        return std::nullopt;
    }
    const QString s = v.toString().trimmed();
    if (s.isEmpty()) {
        errors->append(FieldError{pointer, QStringLiteral("must not be empty")});
        return std::nullopt;
    }
    if (s.size() > maxLength) {
        errors->append(
            FieldError{pointer, QStringLiteral("must have at most %1 characters").arg(maxLength)});
        return std::nullopt;
    }
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            errors->append(
                FieldError{pointer, QStringLiteral("must not contain control characters")});
            return std::nullopt;
        }
    }
    return s;
}

bool isEmail(const QString &s)
{
    const qsizetype at = s.indexOf(u'@');
    if (at <= 0 || at != s.lastIndexOf(u'@'))
        return false;
    const QString domain = s.mid(at + 1);
    if (domain.isEmpty() || !domain.contains(u'.') || domain.startsWith(u'.') ||
        domain.endsWith(u'.') || domain.contains(QStringLiteral("..")))
        return false;
    for (QChar c : s) {
        if (c.isSpace())
            return false;
    }
    return true;
}

// A money member given as a decimal string ("250.00"), at most `digits` decimals, not
// negative. `present` tells whether the member was there at all; null clears.
struct MoneyField
{
    bool present = false;
    std::optional<qint64> units;
};

MoneyField readMoney(const QJsonObject &o, const QString &member, int digits,
                     QList<FieldError> *errors)
{
    MoneyField f;
    const QJsonValue v = o.value(member);
    if (v.isUndefined())
        return f;
    f.present = true;
    const QString pointer = u'/' + member;
    if (v.isNull())
        return f;
    if (!v.isString()) {
        errors->append(FieldError{
            pointer, QStringLiteral("must be a decimal string such as \"250.00\", or null")});
        return f;
    }
    const auto amount = Decimal::parse(v.toString().trimmed());
    if (!amount) {
        errors->append(FieldError{
            pointer, QStringLiteral("must be a decimal string such as \"250.00\", or null")});
        return f;
    }
    if (amount->isNegative()) {
        errors->append(FieldError{pointer, QStringLiteral("must not be negative")});
        return f;
    }
    if (amount->rounded(digits) != *amount) {
        errors->append(
            FieldError{pointer, QStringLiteral("must have at most %1 decimals").arg(digits)});
        return f;
    }
    f.units = amount->units();
    return f;
}

struct IdField
{
    bool present = false;
    std::optional<qint64> id;
};

IdField readLocationId(const QJsonObject &o, const QString &member, QList<FieldError> *errors)
{
    IdField f;
    const QJsonValue v = o.value(member);
    if (v.isUndefined())
        return f;
    f.present = true;
    if (v.isNull())
        return f;
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 1 || d > 9007199254740991.0 || d != qint64(d)) {
        errors->append(FieldError{u'/' + member,
                                  QStringLiteral("must be the id of a ship-to location, or null")});
        return f;
    }
    f.id = qint64(d);
    return f;
}

std::optional<bool> readBool(const QJsonObject &o, const QString &member, QList<FieldError> *errors)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isBool()) {
        errors->append(FieldError{u'/' + member, QStringLiteral("must be true or false")});
        return std::nullopt;
    }
    return v.toBool();
}

int accountDigits(DbConnection &db, qint64 accountId)
{
    Statement q = db.prepare(QStringLiteral("SELECT currency FROM accounts WHERE id = ?"));
    q.bind(accountId).exec();
    return q.next() ? currencyMinorDigits(q.text(0)) : 2;
}

QJsonValue moneyValue(const std::optional<qint64> &units, int digits)
{
    if (!units)
        return QJsonValue::Null;
    return Decimal::fromUnits(*units).rounded(digits).toString(digits);
}

QJsonValue idValue(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

// Serialises concurrent changes to one account's users or locations (PostgreSQL; a SQLite
// write transaction already has the database to itself), so that two administrators demoting
// each other cannot both pass the last-administrator check.
void lockAccount(DbConnection &db, qint64 accountId)
{
    if (db.isPostgres())
        db.prepare(QStringLiteral("SELECT id FROM accounts WHERE id = ? FOR UPDATE"))
            .bind(accountId)
            .exec();
}

void recordAudit(DbConnection &db, qint64 accountId, qint64 actorId, qint64 at,
                 const QString &action, const QString &kind, qint64 targetId,
                 const QJsonObject &changes)
{
    db.prepare(QStringLiteral("INSERT INTO audit_events (account_id, actor_id, at, action, "
                              "target_kind, target_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?)"))
        .bind(accountId)
        .bind(actorId)
        .bind(at)
        .bind(action)
        .bind(kind)
        .bind(targetId)
        .bind(QString::fromUtf8(canonicalJson(changes)))
        .exec();
    qCInfo(lcAdmin, "%s %s %lld in account %lld by user %lld", qPrintable(action), qPrintable(kind),
           targetId, accountId, actorId);
}

// Records field -> [old, new] when the value changes.
void noteChange(QJsonObject *changes, const QString &field, const QJsonValue &before,
                const QJsonValue &after)
{
    if (before != after)
        changes->insert(field, QJsonArray{before, after});
}

struct UserRow
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    QString role;
    std::optional<qint64> spendingLimit;
    std::optional<qint64> defaultLocation;
    bool active = true;

    QJsonObject toJson(int digits) const
    {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("username"), username},
                           {QStringLiteral("display_name"), displayName},
                           {QStringLiteral("email"), email},
                           {QStringLiteral("role"), role},
                           {QStringLiteral("spending_limit"), moneyValue(spendingLimit, digits)},
                           {QStringLiteral("default_location"), idValue(defaultLocation)},
                           {QStringLiteral("active"), active}};
    }
};

const QString UserColumns = QStringLiteral(
    "SELECT id, username, display_name, email, role, spending_limit, default_location_id, active "
    "FROM users ");

UserRow userFrom(const Statement &q)
{
    UserRow u;
    u.id = q.int64(0);
    u.username = q.text(1);
    u.displayName = q.text(2);
    u.email = q.text(3);
    u.role = q.text(4);
    if (!q.isNull(5))
        u.spendingLimit = q.int64(5);
    if (!q.isNull(6))
        u.defaultLocation = q.int64(6);
    u.active = q.int64(7) != 0;
    return u;
}

std::optional<UserRow> loadUser(DbConnection &db, qint64 accountId, qint64 id)
{
    Statement q = db.prepare(UserColumns + QStringLiteral("WHERE account_id = ? AND id = ?"));
    q.bind(accountId).bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return userFrom(q);
}

struct LocationRow
{
    qint64 id = 0;
    QString code;
    QString name;
    QString line1;
    QString line2; // null: none
    QString city;
    QString region;
    QString postalCode;
    QString country;
    bool isDefault = false;
    bool active = true;

    QJsonObject toJson() const
    {
        return QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("code"), code},
            {QStringLiteral("name"), name},
            {QStringLiteral("address"),
             QJsonObject{{QStringLiteral("line1"), line1},
                         {QStringLiteral("line2"),
                          line2.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(line2)},
                         {QStringLiteral("city"), city},
                         {QStringLiteral("region"), region},
                         {QStringLiteral("postal_code"), postalCode},
                         {QStringLiteral("country"), country}}},
            {QStringLiteral("is_default"), isDefault},
            {QStringLiteral("active"), active}};
    }

    // The audited fields, flat.
    QJsonObject fields() const
    {
        return QJsonObject{{QStringLiteral("code"), code},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("line1"), line1},
                           {QStringLiteral("line2"),
                            line2.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(line2)},
                           {QStringLiteral("city"), city},
                           {QStringLiteral("region"), region},
                           {QStringLiteral("postal_code"), postalCode},
                           {QStringLiteral("country"), country},
                           {QStringLiteral("is_default"), isDefault},
                           {QStringLiteral("active"), active}};
    }
};

const QString LocationColumns =
    QStringLiteral("SELECT id, code, name, line1, line2, city, region, postal_code, country, "
                   "is_default, active FROM ship_to_locations ");

LocationRow locationFrom(const Statement &q)
{
    LocationRow l;
    l.id = q.int64(0);
    l.code = q.text(1);
    l.name = q.text(2);
    l.line1 = q.text(3);
    l.line2 = q.isNull(4) ? QString() : q.text(4);
    l.city = q.text(5);
    l.region = q.text(6);
    l.postalCode = q.text(7);
    l.country = q.text(8);
    l.isDefault = q.int64(9) != 0;
    l.active = q.int64(10) != 0;
    return l;
}

std::optional<LocationRow> loadLocation(DbConnection &db, qint64 accountId, qint64 id)
{
    Statement q = db.prepare(LocationColumns + QStringLiteral("WHERE account_id = ? AND id = ?"));
    q.bind(accountId).bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return locationFrom(q);
}

// The account's default location chosen for a user must be one of its active ones.
void checkDefaultLocation(DbConnection &db, qint64 accountId, const IdField &field,
                          QList<FieldError> *errors)
{
    if (!field.present || !field.id)
        return;
    const auto location = loadLocation(db, accountId, *field.id);
    if (!location)
        errors->append(
            FieldError{QStringLiteral("/default_location"),
                       QStringLiteral("is not one of your account's ship-to locations")});
    else if (!location->active)
        errors->append(FieldError{QStringLiteral("/default_location"),
                                  QStringLiteral("is an inactive ship-to location")});
}

bool isCode(const QString &s)
{
    for (QChar c : s) {
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
                        (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' || c == u'.';
        if (!ok)
            return false;
    }
    return true;
}

// The address members of a location body into `l`, with the names of those set in `sent`;
// when `partial` every member is optional.
void readAddress(const QJsonObject &body, bool partial, LocationRow *l, QStringList *sent,
                 QList<FieldError> *errors)
{
    const QJsonValue v = body.value(u"address");
    if (v.isUndefined()) {
        if (!partial)
            errors->append(FieldError{QStringLiteral("/address"), QStringLiteral("is missing")});
        return;
    }
    if (!v.isObject()) {
        errors->append(
            FieldError{QStringLiteral("/address"),
                       QStringLiteral("must be an object with line1, line2, city, region, "
                                      "postal_code and country")});
        return;
    }
    const QJsonObject a = v.toObject();
    rejectUnknown(a,
                  {QStringLiteral("line1"), QStringLiteral("line2"), QStringLiteral("city"),
                   QStringLiteral("region"), QStringLiteral("postal_code"),
                   QStringLiteral("country")},
                  QStringLiteral("/address"), errors);
    const auto text = [&](const char *member, int maxLength, QString *out) {
        const QString m = QString::fromLatin1(member);
        if (const auto s =
                readText(a, m, QStringLiteral("/address/") + m, !partial, maxLength, errors)) {
            *out = *s;
            sent->append(m);
        }
    };
    text("line1", MaxAddressLength, &l->line1);
    text("city", MaxAddressLength, &l->city);
    text("region", MaxAddressLength, &l->region);
    text("postal_code", MaxPostalCodeLength, &l->postalCode);
    const QJsonValue line2 = a.value(u"line2");
    if (line2.isNull() || (line2.isString() && line2.toString().trimmed().isEmpty())) {
        l->line2 = QString();
        sent->append(QStringLiteral("line2"));
    } else if (!line2.isUndefined()) {
        if (const auto s = readText(a, QStringLiteral("line2"), QStringLiteral("/address/line2"),
                                    false, MaxAddressLength, errors)) {
            l->line2 = *s;
            sent->append(QStringLiteral("line2"));
        }
    }
    if (const auto country = readText(a, QStringLiteral("country"),
                                      QStringLiteral("/address/country"), !partial, 2, errors)) {
        if (country->size() != 2 || !isCode(*country) || country->toUpper() != *country ||
            (*country)[0].isDigit() || (*country)[1].isDigit())
            errors->append(FieldError{QStringLiteral("/address/country"),
                                      QStringLiteral("must be a two-letter ISO 3166 code such as "
                                                     "\"US\"")});
        else {
            l->country = *country;
            sent->append(QStringLiteral("country"));
        }
    }
}

// Makes `keep` the account's only default location, recording the old default's change.
void clearOtherDefaults(DbConnection &db, qint64 accountId, qint64 actorId, qint64 at, qint64 keep)
{
    QList<qint64> previous;
    {
        Statement q = db.prepare(QStringLiteral("SELECT id FROM ship_to_locations WHERE "
                                                "account_id = ? AND is_default = 1 AND id <> ?"));
        q.bind(accountId).bind(keep).exec();
        while (q.next())
            previous.append(q.int64(0));
    }
    for (qint64 id : std::as_const(previous)) {
        db.prepare(QStringLiteral("UPDATE ship_to_locations SET is_default = 0 WHERE id = ?"))
            .bind(id)
            .exec();
        recordAudit(db, accountId, actorId, at, QStringLiteral("location.updated"),
                    QStringLiteral("location"), id,
                    QJsonObject{{QStringLiteral("is_default"), QJsonArray{true, false}}});
    }
}

} // namespace

AdminHandlers::AdminHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

HttpReply AdminHandlers::users(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::UsersManage, &error);
    if (!user)
        return error;
    const QJsonArray users = db.read([&] {
        const int digits = accountDigits(db, user->accountId);
        Statement q =
            db.prepare(UserColumns + QStringLiteral("WHERE account_id = ? ORDER BY username"));
        q.bind(user->accountId).exec();
        QJsonArray array;
        while (q.next())
            array.append(userFrom(q).toJson(digits));
        return array;
    });
    return HttpReply::json(QJsonObject{{QStringLiteral("users"), users}})
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply AdminHandlers::createUser(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::UsersManage, &error);
    if (!user)
        return error;
    const auto body = jsonObject(request, QStringLiteral("user"), &error);
    if (!body)
        return error;
    const int digits = db.read([&] { return accountDigits(db, user->accountId); });

    QList<FieldError> errors;
    rejectUnknown(*body,
                  {QStringLiteral("username"), QStringLiteral("display_name"),
                   QStringLiteral("email"), QStringLiteral("role"),
                   QStringLiteral("spending_limit"), QStringLiteral("default_location"),
                   QStringLiteral("password")},
                  QString(), &errors);
    UserRow row;
    if (const auto username =
            readText(*body, QStringLiteral("username"), QStringLiteral("/username"), true,
                     MaxUsernameLength, &errors)) {
        if (username->size() < MinUsernameLength ||
            std::any_of(username->cbegin(), username->cend(), [](QChar c) { return c.isSpace(); }))
            errors.append(FieldError{QStringLiteral("/username"),
                                     QStringLiteral("must have %1 to %2 characters and no spaces")
                                         .arg(MinUsernameLength)
                                         .arg(MaxUsernameLength)});
        row.username = username->toLower();
    }
    if (const auto name = readText(*body, QStringLiteral("display_name"),
                                   QStringLiteral("/display_name"), true, MaxNameLength, &errors))
        row.displayName = *name;
    if (const auto email = readText(*body, QStringLiteral("email"), QStringLiteral("/email"), true,
                                    MaxEmailLength, &errors)) {
        if (!isEmail(*email))
            errors.append(FieldError{QStringLiteral("/email"),
                                     QStringLiteral("must be an email address such as "
                                                    "\"name@example.com\"")});
        row.email = *email;
    }
    if (const auto role = readText(*body, QStringLiteral("role"), QStringLiteral("/role"), true,
                                   MaxNameLength, &errors)) {
        if (!roleFromName(*role))
            errors.append(FieldError{QStringLiteral("/role"),
                                     QStringLiteral("must be one of viewer, buyer, approver, "
                                                    "account_admin")});
        row.role = *role;
    }
    const MoneyField limit = readMoney(*body, QStringLiteral("spending_limit"), digits, &errors);
    row.spendingLimit = limit.units;
    const IdField location = readLocationId(*body, QStringLiteral("default_location"), &errors);
    row.defaultLocation = location.id;
    QString password;
    const QJsonValue p = body->value(u"password");
    if (p.isUndefined())
        errors.append(FieldError{QStringLiteral("/password"), QStringLiteral("is missing")});
    else if (!p.isString())
        errors.append(FieldError{QStringLiteral("/password"), QStringLiteral("must be a string")});
    else if (p.toString().size() < MinPasswordLength)
        errors.append(
            FieldError{QStringLiteral("/password"),
                       QStringLiteral("must have at least %1 characters").arg(MinPasswordLength)});
    else if (p.toString().size() > MaxPasswordLength)
        errors.append(
            FieldError{QStringLiteral("/password"),
                       QStringLiteral("must have at most %1 characters").arg(MaxPasswordLength)});
    else
        password = p.toString();
    // The location is checked with the others, so that one answer lists every problem.
    db.read([&] { checkDefaultLocation(db, user->accountId, location, &errors); });
    if (!errors.isEmpty())
        return invalid(problems::InvalidUser, QStringLiteral("user"), errors);

    // Hashing is slow on purpose: not inside the write transaction.
    const QString hash = crypto::hashPassword(password);
    if (hash.isEmpty())
        throw DbError(QStringLiteral("could not hash a new user's password"));

    return db.write([&]() -> HttpReply {
        lockAccount(db, user->accountId);
        {
            Statement q = db.prepare(QStringLiteral("SELECT 1 FROM users WHERE username = ?"));
            q.bind(row.username).exec();
            if (q.next())
                return HttpReply::problem(
                    problems::UsernameTaken, 409,
                    QStringLiteral("The username '%1' is taken; choose another.")
                        .arg(row.username));
        }
        // Checked again inside the transaction: the location may have changed meanwhile.
        QList<FieldError> late;
        checkDefaultLocation(db, user->accountId, location, &late);
        if (!late.isEmpty())
            return invalid(problems::InvalidUser, QStringLiteral("user"), late);
        Statement insert = db.prepare(QStringLiteral(
            "INSERT INTO users (account_id, username, display_name, email, role, password_hash, "
            "active, spending_limit, default_location_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
            "RETURNING id"));
        insert.bind(user->accountId)
            .bind(row.username)
            .bind(row.displayName)
            .bind(row.email)
            .bind(row.role)
            .bind(hash);
        if (row.spendingLimit)
            insert.bind(*row.spendingLimit);
        else
            insert.bindNull();
        if (row.defaultLocation)
            insert.bind(*row.defaultLocation);
        else
            insert.bindNull();
        insert.exec();
        if (!insert.next())
            throw DbError(QStringLiteral("no id for the new user"));
        row.id = insert.int64(0);
        row.active = true;
        QJsonObject changes;
        const QJsonObject fields = row.toJson(digits);
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (it.key() != u"id")
                changes.insert(it.key(), QJsonArray{QJsonValue::Null, it.value()});
        }
        recordAudit(db, user->accountId, user->userId, now(), QStringLiteral("user.created"),
                    QStringLiteral("user"), row.id, changes);
        return HttpReply::json(fields, 201)
            .withHeader(QByteArrayLiteral("Location"),
                        QByteArrayLiteral("/api/v1/users/") + QByteArray::number(row.id));
    });
}

HttpReply AdminHandlers::updateUser(HttpRequest &request, const QString &idText)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::UsersManage, &error);
    if (!user)
        return error;
    const auto id = parseId(idText);
    if (!id)
        return userNotFound(idText);
    // Another account's user is answered exactly as a missing one, before the body is read.
    if (!db.read([&] { return loadUser(db, user->accountId, *id).has_value(); }))
        return userNotFound(idText);
    const auto body = jsonObject(request, QStringLiteral("change"), &error);
    if (!body)
        return error;
    const int digits = db.read([&] { return accountDigits(db, user->accountId); });

    QList<FieldError> errors;
    rejectUnknown(*body,
                  {QStringLiteral("display_name"), QStringLiteral("email"), QStringLiteral("role"),
                   QStringLiteral("spending_limit"), QStringLiteral("default_location"),
                   QStringLiteral("active")},
                  QString(), &errors);
    const auto name = readText(*body, QStringLiteral("display_name"),
                               QStringLiteral("/display_name"), false, MaxNameLength, &errors);
    const auto email = readText(*body, QStringLiteral("email"), QStringLiteral("/email"), false,
                                MaxEmailLength, &errors);
    if (email && !isEmail(*email))
        errors.append(
            FieldError{QStringLiteral("/email"), QStringLiteral("must be an email address such as "
                                                                "\"name@example.com\"")});
    const auto role = readText(*body, QStringLiteral("role"), QStringLiteral("/role"), false,
                               MaxNameLength, &errors);
    if (role && !roleFromName(*role))
        errors.append(FieldError{QStringLiteral("/role"),
                                 QStringLiteral("must be one of viewer, buyer, approver, "
                                                "account_admin")});
    const MoneyField limit = readMoney(*body, QStringLiteral("spending_limit"), digits, &errors);
    const IdField location = readLocationId(*body, QStringLiteral("default_location"), &errors);
    const auto active = readBool(*body, QStringLiteral("active"), &errors);
    if (!errors.isEmpty())
        return invalid(problems::InvalidUser, QStringLiteral("change"), errors);

    return db.write([&]() -> HttpReply {
        lockAccount(db, user->accountId);
        const auto before = loadUser(db, user->accountId, *id);
        if (!before)
            return userNotFound(idText);
        // Keeping the current default location is no change, even if it was deactivated since.
        QList<FieldError> late;
        if (!(location.present && location.id == before->defaultLocation))
            checkDefaultLocation(db, user->accountId, location, &late);
        if (!late.isEmpty())
            return invalid(problems::InvalidUser, QStringLiteral("change"), late);

        UserRow after = *before;
        if (name)
            after.displayName = *name;
        if (email)
            after.email = *email;
        if (role)
            after.role = *role;
        if (limit.present)
            after.spendingLimit = limit.units;
        if (location.present)
            after.defaultLocation = location.id;
        if (active)
            after.active = *active;

        if (before->active && !after.active && before->id == user->userId)
            return HttpReply::problem(
                problems::SelfDeactivation, 409,
                QStringLiteral("You cannot deactivate yourself; another account administrator "
                               "can."));
        const QString admin = roleName(Role::AccountAdmin);
        const bool wasAdmin = before->active && before->role == admin;
        const bool staysAdmin = after.active && after.role == admin;
        if (wasAdmin && !staysAdmin) {
            Statement q = db.prepare(
                QStringLiteral("SELECT COUNT(*) FROM users WHERE account_id = ? AND role = ? AND "
                               "active = 1 AND id <> ?"));
            q.bind(user->accountId).bind(admin).bind(before->id).exec();
            if (q.next() && q.int64(0) == 0)
                return HttpReply::problem(
                    problems::LastAccountAdmin, 409,
                    QStringLiteral("%1 is the account's last active account administrator and "
                                   "cannot be %2; make another user an account administrator "
                                   "first.")
                        .arg(before->username, after.active ? QStringLiteral("demoted")
                                                            : QStringLiteral("deactivated")));
        }

        QJsonObject changes;
        const QJsonObject b = before->toJson(digits);
        const QJsonObject a = after.toJson(digits);
        for (auto it = a.begin(); it != a.end(); ++it)
            noteChange(&changes, it.key(), b.value(it.key()), it.value());
        if (changes.isEmpty())
            return HttpReply::json(a);

        Statement update = db.prepare(
            QStringLiteral("UPDATE users SET display_name = ?, email = ?, role = ?, "
                           "spending_limit = ?, default_location_id = ?, active = ? WHERE id = ?"));
        update.bind(after.displayName).bind(after.email).bind(after.role);
        if (after.spendingLimit)
            update.bind(*after.spendingLimit);
        else
            update.bindNull();
        if (after.defaultLocation)
            update.bind(*after.defaultLocation);
        else
            update.bindNull();
        update.bind(after.active ? 1 : 0).bind(after.id).exec();

        const qint64 t = now();
        QString action = QStringLiteral("user.updated");
        if (before->active && !after.active) {
            action = QStringLiteral("user.deactivated");
            // Every sign-in of the user ends now: their next request gets 401, and
            // reactivating them later does not bring these tokens back.
            db.prepare(QStringLiteral("UPDATE token_families SET revoked_at = ? WHERE user_id = ? "
                                      "AND revoked_at IS NULL"))
                .bind(t)
                .bind(after.id)
                .exec();
        } else if (!before->active && after.active) {
            action = QStringLiteral("user.activated");
        }
        recordAudit(db, user->accountId, user->userId, t, action, QStringLiteral("user"), after.id,
                    changes);
        return HttpReply::json(a);
    });
}

HttpReply AdminHandlers::locations(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authenticate(request, db, &error);
    if (!user)
        return error;
    const QJsonArray locations = db.read([&] {
        Statement q =
            db.prepare(LocationColumns + QStringLiteral("WHERE account_id = ? ORDER BY code"));
        q.bind(user->accountId).exec();
        QJsonArray array;
        while (q.next())
            array.append(locationFrom(q).toJson());
        return array;
    });
    return HttpReply::json(QJsonObject{{QStringLiteral("locations"), locations}})
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply AdminHandlers::createLocation(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::LocationsManage, &error);
    if (!user)
        return error;
    const auto body = jsonObject(request, QStringLiteral("location"), &error);
    if (!body)
        return error;

    QList<FieldError> errors;
    rejectUnknown(*body,
                  {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("address"),
                   QStringLiteral("is_default"), QStringLiteral("active")},
                  QString(), &errors);
    LocationRow row;
    if (const auto code = readText(*body, QStringLiteral("code"), QStringLiteral("/code"), true,
                                   OrderSubmission::MaxShipToLength, &errors)) {
        if (!isCode(*code))
            errors.append(FieldError{QStringLiteral("/code"),
                                     QStringLiteral("may only have letters, digits, '-', '_' "
                                                    "and '.'")});
        row.code = *code;
    }
    if (const auto name = readText(*body, QStringLiteral("name"), QStringLiteral("/name"), true,
                                   MaxAddressLength, &errors))
        row.name = *name;
    QStringList sent;
    readAddress(*body, false, &row, &sent, &errors);
    const auto isDefault = readBool(*body, QStringLiteral("is_default"), &errors);
    const auto active = readBool(*body, QStringLiteral("active"), &errors);
    row.active = active.value_or(true);
    row.isDefault = isDefault.value_or(false);
    if (row.isDefault && !row.active)
        errors.append(FieldError{QStringLiteral("/is_default"),
                                 QStringLiteral("an inactive location cannot be the default")});
    if (!errors.isEmpty())
        return invalid(problems::InvalidLocation, QStringLiteral("location"), errors);

    return db.write([&]() -> HttpReply {
        lockAccount(db, user->accountId);
        {
            Statement q = db.prepare(QStringLiteral(
                "SELECT 1 FROM ship_to_locations WHERE account_id = ? AND code = ?"));
            q.bind(user->accountId).bind(row.code).exec();
            if (q.next())
                return HttpReply::problem(
                    problems::LocationCodeTaken, 409,
                    QStringLiteral("Your account already has a ship-to location '%1'.")
                        .arg(row.code));
        }
        // An account without a default location gets the first active one as its default.
        if (row.active && !row.isDefault) {
            Statement q = db.prepare(QStringLiteral(
                "SELECT 1 FROM ship_to_locations WHERE account_id = ? AND is_default = 1"));
            q.bind(user->accountId).exec();
            row.isDefault = !q.next();
        }
        const qint64 t = now();
        Statement insert = db.prepare(QStringLiteral(
            "INSERT INTO ship_to_locations (account_id, code, name, line1, line2, city, region, "
            "postal_code, country, is_default, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id"));
        insert.bind(user->accountId)
            .bind(row.code)
            .bind(row.name)
            .bind(row.line1)
            .bindText(row.line2)
            .bind(row.city)
            .bind(row.region)
            .bind(row.postalCode)
            .bind(row.country)
            .bind(row.isDefault ? 1 : 0)
            .bind(row.active ? 1 : 0)
            .exec();
        if (!insert.next())
            throw DbError(QStringLiteral("no id for the new ship-to location"));
        row.id = insert.int64(0);
        QJsonObject changes;
        const QJsonObject fields = row.fields();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            changes.insert(it.key(), QJsonArray{QJsonValue::Null, it.value()});
        recordAudit(db, user->accountId, user->userId, t, QStringLiteral("location.created"),
                    QStringLiteral("location"), row.id, changes);
        if (row.isDefault)
            clearOtherDefaults(db, user->accountId, user->userId, t, row.id);
        return HttpReply::json(row.toJson(), 201)
            .withHeader(QByteArrayLiteral("Location"),
                        QByteArrayLiteral("/api/v1/locations/") + QByteArray::number(row.id));
    });
}

HttpReply AdminHandlers::updateLocation(HttpRequest &request, const QString &idText)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::LocationsManage, &error);
    if (!user)
        return error;
    const auto id = parseId(idText);
    if (!id)
        return locationNotFound(idText);
    if (!db.read([&] { return loadLocation(db, user->accountId, *id).has_value(); }))
        return locationNotFound(idText);
    const auto body = jsonObject(request, QStringLiteral("change"), &error);
    if (!body)
        return error;

    QList<FieldError> errors;
    rejectUnknown(*body,
                  {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("address"),
                   QStringLiteral("is_default"), QStringLiteral("active")},
                  QString(), &errors);
    if (body->contains(u"code"))
        errors.append(FieldError{QStringLiteral("/code"),
                                 QStringLiteral("cannot be changed (orders name the location by "
                                                "it); create a new location instead")});
    const auto name = readText(*body, QStringLiteral("name"), QStringLiteral("/name"), false,
                               MaxAddressLength, &errors);
    LocationRow address; // only the members named in `sent` were in the request
    QStringList sent;
    readAddress(*body, true, &address, &sent, &errors);
    const auto isDefault = readBool(*body, QStringLiteral("is_default"), &errors);
    const auto active = readBool(*body, QStringLiteral("active"), &errors);
    if (!errors.isEmpty())
        return invalid(problems::InvalidLocation, QStringLiteral("change"), errors);

    return db.write([&]() -> HttpReply {
        lockAccount(db, user->accountId);
        const auto before = loadLocation(db, user->accountId, *id);
        if (!before)
            return locationNotFound(idText);
        LocationRow after = *before;
        if (name)
            after.name = *name;
        if (sent.contains(u"line1"))
            after.line1 = address.line1;
        if (sent.contains(u"line2"))
            after.line2 = address.line2;
        if (sent.contains(u"city"))
            after.city = address.city;
        if (sent.contains(u"region"))
            after.region = address.region;
        if (sent.contains(u"postal_code"))
            after.postalCode = address.postalCode;
        if (sent.contains(u"country"))
            after.country = address.country;
        if (isDefault)
            after.isDefault = *isDefault;
        if (active)
            after.active = *active;

        if (before->isDefault && !after.isDefault)
            return HttpReply::problem(
                problems::DefaultLocationRequired, 409,
                QStringLiteral("%1 is the account's default ship-to location; make another "
                               "location the default instead.")
                    .arg(before->code));
        if (after.isDefault && !after.active) {
            if (before->isDefault)
                return HttpReply::problem(
                    problems::DefaultLocationRequired, 409,
                    QStringLiteral("%1 is the account's default ship-to location and cannot be "
                                   "deactivated; make another location the default first.")
                        .arg(before->code));
            return invalid(problems::InvalidLocation, QStringLiteral("change"),
                           {FieldError{QStringLiteral("/is_default"),
                                       QStringLiteral("an inactive location cannot be the "
                                                      "default")}});
        }

        QJsonObject changes;
        const QJsonObject b = before->fields();
        const QJsonObject a = after.fields();
        for (auto it = a.begin(); it != a.end(); ++it)
            noteChange(&changes, it.key(), b.value(it.key()), it.value());
        if (changes.isEmpty())
            return HttpReply::json(after.toJson());

        const qint64 t = now();
        db.prepare(QStringLiteral("UPDATE ship_to_locations SET name = ?, line1 = ?, line2 = ?, "
                                  "city = ?, region = ?, postal_code = ?, country = ?, "
                                  "is_default = ?, active = ? WHERE id = ?"))
            .bind(after.name)
            .bind(after.line1)
            .bindText(after.line2)
            .bind(after.city)
            .bind(after.region)
            .bind(after.postalCode)
            .bind(after.country)
            .bind(after.isDefault ? 1 : 0)
            .bind(after.active ? 1 : 0)
            .bind(after.id)
            .exec();
        recordAudit(db, user->accountId, user->userId, t, QStringLiteral("location.updated"),
                    QStringLiteral("location"), after.id, changes);
        if (after.isDefault && !before->isDefault)
            clearOtherDefaults(db, user->accountId, user->userId, t, after.id);
        return HttpReply::json(after.toJson());
    });
}

HttpReply AdminHandlers::audit(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::UsersManage, &error);
    if (!user)
        return error;
    int limit = DefaultAuditLimit;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        const auto parsed =
            parseId(request.query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded));
        if (!parsed || *parsed > MaxAuditLimit)
            return HttpReply::problem(
                problems::BadRequest, 400,
                QStringLiteral("'limit' must be a whole number from 1 to %1.").arg(MaxAuditLimit));
        limit = int(*parsed);
    }
    const QJsonArray events = db.read([&] {
        Statement q = db.prepare(QStringLiteral(
            "SELECT e.id, e.at, e.actor_id, a.username, e.action, e.target_kind, e.target_id, "
            "COALESCE(tu.username, tl.code), e.changes FROM audit_events e "
            "LEFT JOIN users a ON a.id = e.actor_id "
            "LEFT JOIN users tu ON e.target_kind = 'user' AND tu.id = e.target_id "
            "LEFT JOIN ship_to_locations tl ON e.target_kind = 'location' AND tl.id = "
            "e.target_id WHERE e.account_id = ? ORDER BY e.id DESC LIMIT ?"));
        q.bind(user->accountId).bind(limit).exec();
        QJsonArray array;
        while (q.next()) {
            array.append(QJsonObject{
                {QStringLiteral("id"), q.int64(0)},
                {QStringLiteral("at"),
                 QDateTime::fromSecsSinceEpoch(q.int64(1), QTimeZone::utc()).toString(Qt::ISODate)},
                {QStringLiteral("actor_id"),
                 q.isNull(2) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.int64(2))},
                {QStringLiteral("actor"),
                 q.isNull(3) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.text(3))},
                {QStringLiteral("action"), q.text(4)},
                {QStringLiteral("target_kind"), q.text(5)},
                {QStringLiteral("target_id"), q.int64(6)},
                {QStringLiteral("target"),
                 q.isNull(7) ? QJsonValue(QJsonValue::Null) : QJsonValue(q.text(7))},
                {QStringLiteral("changes"), QJsonDocument::fromJson(q.text(8).toUtf8()).object()}});
        }
        return array;
    });
    return HttpReply::json(QJsonObject{{QStringLiteral("events"), events}})
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

} // namespace qm
