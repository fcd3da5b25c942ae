#include "app/cli/command.h"

#include "app/cli/cliprofile.h"
#include "app/cli/ordercli.h"
#include "core/problem.h"
#include "sync/accountadmin.h"
#include "sync/apiclient.h"
#include "sync/companyaccounts.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <functional>
#include <tuple>
#include <utility>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString NameOption = QStringLiteral("name");
const QString EmailOption = QStringLiteral("email");
const QString RoleOption = QStringLiteral("role");
const QString LimitOption = QStringLiteral("spending-limit");
const QString NoLimitOption = QStringLiteral("no-spending-limit");
const QString LocationOption = QStringLiteral("location");
const QString NoLocationOption = QStringLiteral("no-location");
const QString PasswordStdinOption = QStringLiteral("password-stdin");
const QString Line1Option = QStringLiteral("line1");
const QString Line2Option = QStringLiteral("line2");
const QString CityOption = QStringLiteral("city");
const QString RegionOption = QStringLiteral("region");
const QString PostalCodeOption = QStringLiteral("postal-code");
const QString CountryOption = QStringLiteral("country");
const QString DefaultOption = QStringLiteral("default");
const QString DeactivateOption = QStringLiteral("deactivate");
const QString ActivateOption = QStringLiteral("activate");
const QString LimitCountOption = QStringLiteral("limit");
const QString OffsetOption = QStringLiteral("offset");
const QString OpenOption = QStringLiteral("open");
const QString FromOption = QStringLiteral("from");
const QString ToOption = QStringLiteral("to");

const QStringList Roles{QStringLiteral("viewer"), QStringLiteral("buyer"),
                        QStringLiteral("approver"), QStringLiteral("account_admin")};

// What one AccountAdmin call ended with.
struct Outcome
{
    QList<AdminUser> users;
    QList<AdminLocation> locations;
    QList<AuditEvent> events;
    std::optional<AdminUser> user;
    std::optional<AdminLocation> location;
    std::optional<ApiError> error;
};

// Runs `start` on a fresh AccountAdmin and waits for its one signal.
Outcome call(ApiClient &api, const std::function<void(AccountAdmin &)> &start)
{
    AccountAdmin admin(&api);
    Outcome outcome;
    bool done = false;
    QEventLoop loop;
    const auto finish = [&] {
        done = true;
        loop.quit();
    };
    QObject::connect(&admin, &AccountAdmin::usersFetched, &loop,
                     [&](const QList<AdminUser> &users) {
                         outcome.users = users;
                         finish();
                     });
    QObject::connect(&admin, &AccountAdmin::locationsFetched, &loop,
                     [&](const QList<AdminLocation> &locations) {
                         outcome.locations = locations;
                         finish();
                     });
    QObject::connect(&admin, &AccountAdmin::auditFetched, &loop,
                     [&](const QList<AuditEvent> &events) {
                         outcome.events = events;
                         finish();
                     });
    QObject::connect(&admin, &AccountAdmin::userSaved, &loop, [&](const AdminUser &user) {
        outcome.user = user;
        finish();
    });
    QObject::connect(&admin, &AccountAdmin::locationSaved, &loop,
                     [&](const AdminLocation &location) {
                         outcome.location = location;
                         finish();
                     });
    QObject::connect(&admin, &AccountAdmin::failed, &loop, [&](const ApiError &error) {
        outcome.error = error;
        finish();
    });
    start(admin);
    if (!done)
        loop.exec();
    return outcome;
}

// An online administration command: the profile, its signed-in session, and the role the
// profile last signed in with (for the words of a 403).
class Session
{
public:
    static std::unique_ptr<Session> open(CliContext &context, ExitCode *code)
    {
        CliError error;
        auto s = std::unique_ptr<Session>(new Session);
        s->m_profile = CliProfile::open(context.profileOption, &error);
        if (s->m_profile)
            s->m_online = ordercli::OnlineSession::open(*s->m_profile, &error);
        if (!s->m_profile || !s->m_online) {
            *code = context.fail(error);
            return nullptr;
        }
        return s;
    }

    ApiClient &api() { return m_online->api(); }
    QString role() const { return m_profile->info().role; }

    // Writes rotated tokens back, then returns `code`.
    ExitCode finish(CliContext &context, ExitCode code)
    {
        CliError error;
        if (!m_online->saveTokens(&error))
            return context.fail(error);
        return code;
    }

private:
    Session() = default;

    std::optional<CliProfile> m_profile;
    std::unique_ptr<ordercli::OnlineSession> m_online;
};

// A refused administration request in words. `what` completes "your role (buyer) cannot …";
// `notFound` is the message of a 404.
CliError adminError(const ApiError &error, const QString &role, const QString &what,
                    const QString &notFound = {})
{
    const QString slug = error.problemSlug();
    if (slug == problems::Forbidden)
        return {ExitCode::Error, QStringLiteral("your role (%1) cannot %2")
                                     .arg(role.isEmpty() ? QStringLiteral("unknown") : role, what)};
    if (slug == problems::NotFound && !notFound.isEmpty())
        return {ExitCode::NotFound, notFound};
    if (slug == problems::InvalidUser || slug == problems::InvalidLocation) {
        QStringList parts;
        for (const QJsonValue &v : error.problem->extensions.value(u"errors").toArray()) {
            const QJsonObject e = v.toObject();
            parts.append(e.value(u"pointer").toString().mid(1).replace(u'/', u'.') + u' ' +
                         e.value(u"detail").toString());
        }
        return {ExitCode::Error, QStringLiteral("the portal refused it: ") +
                                     (parts.isEmpty() ? error.detail : parts.join(u"; "))};
    }
    if ((slug == problems::UsernameTaken || slug == problems::LocationCodeTaken ||
         slug == problems::LastAccountAdmin || slug == problems::SelfDeactivation ||
         slug == problems::DefaultLocationRequired) &&
        !error.detail.isEmpty())
        return {ExitCode::Error, error.detail};
    if (slug == problems::BadRequest && !error.problem->detail.isEmpty())
        return {ExitCode::Error, QStringLiteral("the portal refused it: ") + error.problem->detail};
    CliError e = CliError::fromApiError(error);
    if (e.code == ExitCode::Unreachable)
        e.message += QStringLiteral(" (account administration needs the portal)");
    return e;
}

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message});
}

// An amount for --spending-limit: a decimal, not negative.
std::optional<Decimal> parseAmount(const QString &text, QString *why)
{
    const auto amount = Decimal::parse(text.trimmed());
    if (!amount) {
        *why = QStringLiteral("--spending-limit '%1' is not an amount; write it like 2500 or "
                              "2500.00")
                   .arg(text);
        return std::nullopt;
    }
    if (amount->isNegative()) {
        *why = QStringLiteral("--spending-limit must not be negative");
        return std::nullopt;
    }
    return amount;
}

QString limitText(const std::optional<Decimal> &limit)
{
    return limit ? limit->toString(2) : QStringLiteral("none");
}

QJsonObject userJson(const AdminUser &u, const QHash<qint64, QString> &codes)
{
    return QJsonObject{
        {QStringLiteral("id"), u.id},
        {QStringLiteral("username"), u.username},
        {QStringLiteral("display_name"), u.displayName},
        {QStringLiteral("email"), u.email},
        {QStringLiteral("role"), u.role},
        {QStringLiteral("spending_limit"),
         u.spendingLimit ? QJsonValue(u.spendingLimit->toString(2)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("default_location"), u.defaultLocation
                                                 ? QJsonValue(codes.value(*u.defaultLocation))
                                                 : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("active"), u.active}};
}

QJsonObject locationJson(const AdminLocation &l)
{
    return QJsonObject{{QStringLiteral("id"), l.id},
                       {QStringLiteral("code"), l.code},
                       {QStringLiteral("name"), l.name},
                       {QStringLiteral("line1"), l.address.line1},
                       {QStringLiteral("line2"), l.address.line2.isEmpty()
                                                     ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(l.address.line2)},
                       {QStringLiteral("city"), l.address.city},
                       {QStringLiteral("region"), l.address.region},
                       {QStringLiteral("postal_code"), l.address.postalCode},
                       {QStringLiteral("country"), l.address.country},
                       {QStringLiteral("default"), l.isDefault},
                       {QStringLiteral("active"), l.active}};
}

QString addressText(const ShipToAddress &a)
{
    QStringList parts{a.line1};
    if (!a.line2.isEmpty())
        parts.append(a.line2);
    parts.append(QStringLiteral("%1, %2 %3, %4").arg(a.city, a.region, a.postalCode, a.country));
    return parts.join(QStringLiteral(", "));
}

void printJson(CliContext &context, const QJsonObject &o)
{
    context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
}

// The locations of the account, for codes; nullopt after printing the failure.
std::optional<QList<AdminLocation>> fetchLocations(CliContext &context, Session &session,
                                                   ExitCode *code)
{
    const Outcome o = call(session.api(), [](AccountAdmin &a) { a.fetchLocations(); });
    if (o.error) {
        *code = session.finish(context, context.fail(adminError(*o.error, session.role(),
                                                                QStringLiteral("read the ship-to "
                                                                               "locations"))));
        return std::nullopt;
    }
    return o.locations;
}

QHash<qint64, QString> codesById(const QList<AdminLocation> &locations)
{
    QHash<qint64, QString> codes;
    for (const AdminLocation &l : locations)
        codes.insert(l.id, l.code);
    return codes;
}

const AdminLocation *findLocation(const QList<AdminLocation> &locations, const QString &code)
{
    for (const AdminLocation &l : locations) {
        if (l.code.compare(code, Qt::CaseInsensitive) == 0)
            return &l;
    }
    return nullptr;
}

const QString ManageUsers = QStringLiteral("manage users");
const QString ManageLocations = QStringLiteral("manage ship-to locations");

ExitCode runUsers(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return usage(context, QStringLiteral("users takes no arguments; see qm users --help"));
    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;
    const Outcome o = call(session->api(), [](AccountAdmin &a) { a.fetchUsers(); });
    if (o.error)
        return session->finish(context,
                               context.fail(adminError(*o.error, session->role(), ManageUsers)));
    const auto locations = fetchLocations(context, *session, &code);
    if (!locations)
        return code;
    const QHash<qint64, QString> codes = codesById(*locations);
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const AdminUser &u : o.users)
            rows.append(userJson(u, codes));
        printJson(context, QJsonObject{{QStringLiteral("users"), rows}});
    } else {
        context.out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                           .arg(QStringLiteral("USERNAME").leftJustified(32),
                                QStringLiteral("NAME").leftJustified(22),
                                QStringLiteral("ROLE").leftJustified(13),
                                QStringLiteral("LIMIT").rightJustified(12),
                                QStringLiteral("LOCATION").leftJustified(10),
                                QStringLiteral("STATUS"));
        for (const AdminUser &u : o.users)
            context.out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                               .arg(u.username.leftJustified(32),
                                    u.displayName.leftJustified(22, u' ', true),
                                    u.role.leftJustified(13),
                                    limitText(u.spendingLimit).rightJustified(12),
                                    (u.defaultLocation ? codes.value(*u.defaultLocation)
                                                       : QStringLiteral("-"))
                                        .leftJustified(10),
                                    u.active ? QStringLiteral("active")
                                             : QStringLiteral("deactivated"));
        context.out << o.users.size() << " user(s).\n";
    }
    return session->finish(context, ExitCode::Ok);
}

// Applies --spending-limit/--no-spending-limit and --location/--no-location to `change`.
bool limitAndLocation(CliContext &context, const QCommandLineParser &args,
                      const QList<AdminLocation> &locations, UserChange *change, ExitCode *code)
{
    if (args.isSet(LimitOption) && args.isSet(NoLimitOption)) {
        *code = usage(context, QStringLiteral("give --spending-limit or --no-spending-limit, not "
                                              "both"));
        return false;
    }
    if (args.isSet(LocationOption) && args.isSet(NoLocationOption)) {
        *code = usage(context, QStringLiteral("give --location or --no-location, not both"));
        return false;
    }
    if (args.isSet(LimitOption)) {
        QString why;
        const auto amount = parseAmount(args.value(LimitOption), &why);
        if (!amount) {
            *code = usage(context, why);
            return false;
        }
        change->spendingLimit = std::optional<Decimal>(*amount);
    } else if (args.isSet(NoLimitOption)) {
        change->spendingLimit = std::optional<Decimal>();
    }
    if (args.isSet(LocationOption)) {
        const AdminLocation *l = findLocation(locations, args.value(LocationOption).trimmed());
        if (!l) {
            *code = context.fail(
                {ExitCode::NotFound, QStringLiteral("no ship-to location '%1' in your account; qm "
                                                    "locations lists them")
                                         .arg(args.value(LocationOption).trimmed())});
            return false;
        }
        change->defaultLocation = std::optional<qint64>(l->id);
    } else if (args.isSet(NoLocationOption)) {
        change->defaultLocation = std::optional<qint64>();
    }
    return true;
}

void printSavedUser(CliContext &context, const QCommandLineParser &args, const AdminUser &u,
                    const QList<AdminLocation> &locations, const QString &verb)
{
    const QHash<qint64, QString> codes = codesById(locations);
    if (args.isSet(JsonOption)) {
        printJson(context, userJson(u, codes));
        return;
    }
    context.out << verb << " user " << u.username << ": " << u.role << ", limit "
                << limitText(u.spendingLimit) << ", location "
                << (u.defaultLocation ? codes.value(*u.defaultLocation) : QStringLiteral("none"))
                << ", " << (u.active ? "active" : "deactivated") << ".\n";
}

ExitCode runUser(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("set"),
                                     QStringLiteral("deactivate"), QStringLiteral("activate")};
    if (!actions.contains(action))
        return usage(
            context,
            action.isEmpty()
                ? QStringLiteral("user needs an action: add, set, deactivate or "
                                 "activate; see qm user --help")
                : QStringLiteral("unknown user action '%1'; see qm user --help").arg(action));
    if (words.size() != 2)
        return usage(context,
                     QStringLiteral("user %1 needs one USERNAME; see qm user --help").arg(action));
    const QString username = words.at(1).trimmed().toLower();
    if (args.isSet(RoleOption) && !Roles.contains(args.value(RoleOption).trimmed()))
        return usage(context, QStringLiteral("unknown role '%1'; use viewer, buyer, approver or "
                                             "account_admin")
                                  .arg(args.value(RoleOption)));

    QString password;
    NewUser added;
    if (action == u"add") {
        QStringList missing;
        for (const QString &option : {NameOption, EmailOption, RoleOption, PasswordStdinOption}) {
            if (!args.isSet(option))
                missing.append(QStringLiteral("--") + option);
        }
        if (!missing.isEmpty())
            return usage(context, QStringLiteral("user add needs %1").arg(missing.join(u", ")));
        if (args.isSet(NoLimitOption) || args.isSet(NoLocationOption))
            return usage(context, QStringLiteral("a new user has no limit and no location unless "
                                                 "given: leave out --no-spending-limit and "
                                                 "--no-location"));
        if (context.in) {
            QByteArray line = context.in->readLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            password = QString::fromUtf8(line);
        }
        if (password.isEmpty())
            return usage(context, QStringLiteral("no password on standard input"));
    } else if (action != u"set") {
        const QStringList given = [&] {
            QStringList list;
            for (const QString &o : {NameOption, EmailOption, RoleOption, LimitOption,
                                     NoLimitOption, LocationOption, NoLocationOption})
                if (args.isSet(o))
                    list.append(QStringLiteral("--") + o);
            return list;
        }();
        if (!given.isEmpty())
            return usage(context, QStringLiteral("user %1 takes no %2; use qm user set")
                                      .arg(action, given.join(u", ")));
    }

    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;

    const auto locations = fetchLocations(context, *session, &code);
    if (!locations)
        return code;
    UserChange change;
    if (!limitAndLocation(context, args, *locations, &change, &code))
        return session->finish(context, code);

    if (action == u"add") {
        added.username = username;
        added.displayName = args.value(NameOption).trimmed();
        added.email = args.value(EmailOption).trimmed();
        added.role = args.value(RoleOption).trimmed();
        added.password = password;
        if (change.spendingLimit)
            added.spendingLimit = *change.spendingLimit;
        if (change.defaultLocation)
            added.defaultLocation = *change.defaultLocation;
        const Outcome o = call(session->api(), [&](AccountAdmin &a) { a.createUser(added); });
        if (o.error)
            return session->finish(
                context, context.fail(adminError(*o.error, session->role(), ManageUsers)));
        printSavedUser(context, args, *o.user, *locations, QStringLiteral("Created"));
        return session->finish(context, ExitCode::Ok);
    }

    // The user by username, through the list (which also says whether the role may manage).
    const Outcome listed = call(session->api(), [](AccountAdmin &a) { a.fetchUsers(); });
    if (listed.error)
        return session->finish(
            context, context.fail(adminError(*listed.error, session->role(), ManageUsers)));
    std::optional<AdminUser> target;
    for (const AdminUser &u : listed.users) {
        if (u.username == username)
            target = u;
    }
    const QString notFound =
        QStringLiteral("no user '%1' in your account; qm users lists them").arg(username);
    if (!target)
        return session->finish(context, context.fail({ExitCode::NotFound, notFound}));

    if (action == u"set") {
        if (args.isSet(NameOption))
            change.displayName = args.value(NameOption).trimmed();
        if (args.isSet(EmailOption))
            change.email = args.value(EmailOption).trimmed();
        if (args.isSet(RoleOption))
            change.role = args.value(RoleOption).trimmed();
        if (change.isEmpty())
            return session->finish(
                context, usage(context, QStringLiteral("nothing to change; give --role, "
                                                       "--spending-limit, --no-spending-limit, "
                                                       "--location, --no-location, --name or "
                                                       "--email")));
    } else {
        change.active = action == u"activate";
    }
    const Outcome o =
        call(session->api(), [&](AccountAdmin &a) { a.updateUser(target->id, change); });
    if (o.error)
        return session->finish(
            context, context.fail(adminError(*o.error, session->role(), ManageUsers, notFound)));
    printSavedUser(context, args, *o.user, *locations,
                   action == u"set"        ? QStringLiteral("Updated")
                   : action == u"activate" ? QStringLiteral("Activated")
                                           : QStringLiteral("Deactivated"));
    return session->finish(context, ExitCode::Ok);
}

ExitCode runLocations(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return usage(context,
                     QStringLiteral("locations takes no arguments; see qm locations --help"));
    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;
    const auto locations = fetchLocations(context, *session, &code);
    if (!locations)
        return code;
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const AdminLocation &l : *locations)
            rows.append(locationJson(l));
        printJson(context, QJsonObject{{QStringLiteral("locations"), rows}});
    } else {
        for (const AdminLocation &l : *locations) {
            context.out << l.code.leftJustified(12) << ' ' << l.name.leftJustified(36, u' ', true)
                        << ' ' << addressText(l.address);
            if (l.isDefault)
                context.out << "  [default]";
            if (!l.active)
                context.out << "  [inactive]";
            context.out << '\n';
        }
        context.out << locations->size() << " location(s).\n";
    }
    return session->finish(context, ExitCode::Ok);
}

void printSavedLocation(CliContext &context, const QCommandLineParser &args, const AdminLocation &l,
                        const QString &verb)
{
    if (args.isSet(JsonOption)) {
        printJson(context, locationJson(l));
        return;
    }
    context.out << verb << " location " << l.code << ": " << l.name << ", "
                << addressText(l.address) << (l.isDefault ? " (default)" : "")
                << (l.active ? "" : " (inactive)") << ".\n";
}

ExitCode runLocation(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0);
    if (action != u"add" && action != u"set")
        return usage(context, action.isEmpty()
                                  ? QStringLiteral("location needs an action: add or set; see qm "
                                                   "location --help")
                                  : QStringLiteral("unknown location action '%1'; see qm "
                                                   "location --help")
                                        .arg(action));
    if (words.size() != 2)
        return usage(
            context,
            QStringLiteral("location %1 needs one CODE; see qm location --help").arg(action));
    const QString code = words.at(1).trimmed();
    if (args.isSet(DeactivateOption) && args.isSet(ActivateOption))
        return usage(context, QStringLiteral("give --deactivate or --activate, not both"));

    NewLocation added;
    LocationChange change;
    if (action == u"add") {
        QStringList missing;
        for (const QString &option :
             {NameOption, Line1Option, CityOption, RegionOption, PostalCodeOption, CountryOption}) {
            if (!args.isSet(option))
                missing.append(QStringLiteral("--") + option);
        }
        if (!missing.isEmpty())
            return usage(context, QStringLiteral("location add needs %1").arg(missing.join(u", ")));
        if (args.isSet(DeactivateOption) || args.isSet(ActivateOption))
            return usage(context, QStringLiteral("a new location is active; --deactivate and "
                                                 "--activate are for location set"));
        added.code = code;
        added.name = args.value(NameOption).trimmed();
        added.address.line1 = args.value(Line1Option).trimmed();
        added.address.line2 = args.value(Line2Option).trimmed();
        added.address.city = args.value(CityOption).trimmed();
        added.address.region = args.value(RegionOption).trimmed();
        added.address.postalCode = args.value(PostalCodeOption).trimmed();
        added.address.country = args.value(CountryOption).trimmed().toUpper();
        added.isDefault = args.isSet(DefaultOption);
    } else {
        const auto set = [&args](const QString &option, std::optional<QString> *field) {
            if (args.isSet(option))
                *field = args.value(option).trimmed();
        };
        set(NameOption, &change.name);
        set(Line1Option, &change.line1);
        set(Line2Option, &change.line2);
        set(CityOption, &change.city);
        set(RegionOption, &change.region);
        set(PostalCodeOption, &change.postalCode);
        set(CountryOption, &change.country);
        if (change.country)
            change.country = change.country->toUpper();
        if (args.isSet(DefaultOption))
            change.isDefault = true;
        if (args.isSet(DeactivateOption))
            change.active = false;
        if (args.isSet(ActivateOption))
            change.active = true;
        if (change.isEmpty())
            return usage(context, QStringLiteral("nothing to change; give --name, an address "
                                                 "option, --default, --deactivate or --activate"));
    }

    ExitCode exit = ExitCode::Ok;
    auto session = Session::open(context, &exit);
    if (!session)
        return exit;
    if (action == u"add") {
        const Outcome o = call(session->api(), [&](AccountAdmin &a) { a.createLocation(added); });
        if (o.error)
            return session->finish(
                context, context.fail(adminError(*o.error, session->role(), ManageLocations)));
        printSavedLocation(context, args, *o.location, QStringLiteral("Created"));
        return session->finish(context, ExitCode::Ok);
    }
    const auto locations = fetchLocations(context, *session, &exit);
    if (!locations)
        return exit;
    const AdminLocation *target = findLocation(*locations, code);
    const QString notFound =
        QStringLiteral("no ship-to location '%1' in your account; qm locations lists them")
            .arg(code);
    if (!target)
        return session->finish(context, context.fail({ExitCode::NotFound, notFound}));
    const qint64 id = target->id;
    const Outcome o = call(session->api(), [&](AccountAdmin &a) { a.updateLocation(id, change); });
    if (o.error)
        return session->finish(context, context.fail(adminError(*o.error, session->role(),
                                                                ManageLocations, notFound)));
    printSavedLocation(context, args, *o.location, QStringLiteral("Updated"));
    return session->finish(context, ExitCode::Ok);
}

// A changed value in words; a default location id as its code.
QString valueText(const QString &field, const QJsonValue &v, const QHash<qint64, QString> &codes)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("none");
    if (field == u"default_location" && codes.contains(v.toInteger()))
        return codes.value(v.toInteger());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

ExitCode runAudit(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return usage(context, QStringLiteral("audit takes no arguments; see qm audit --help"));
    int limit = 20;
    if (args.isSet(LimitCountOption)) {
        bool ok = false;
        limit = args.value(LimitCountOption).toInt(&ok);
        if (!ok || limit < 1 || limit > 500)
            return usage(context, QStringLiteral("--limit must be a whole number from 1 to 500"));
    }
    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;
    const Outcome o = call(session->api(), [limit](AccountAdmin &a) { a.fetchAudit(limit); });
    if (o.error)
        return session->finish(context,
                               context.fail(adminError(*o.error, session->role(),
                                                       QStringLiteral("read the audit trail"))));
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const AuditEvent &e : o.events)
            rows.append(QJsonObject{{QStringLiteral("id"), e.id},
                                    {QStringLiteral("at"), e.at.toString(Qt::ISODate)},
                                    {QStringLiteral("actor"), e.actor},
                                    {QStringLiteral("action"), e.action},
                                    {QStringLiteral("target_kind"), e.targetKind},
                                    {QStringLiteral("target_id"), e.targetId},
                                    {QStringLiteral("target"), e.target},
                                    {QStringLiteral("changes"), e.changes}});
        printJson(context, QJsonObject{{QStringLiteral("events"), rows}});
    } else if (o.events.isEmpty()) {
        context.out << "No changes recorded yet.\n";
    } else {
        const auto locations = fetchLocations(context, *session, &code);
        if (!locations)
            return code;
        const QHash<qint64, QString> codes = codesById(*locations);
        for (const AuditEvent &e : o.events) {
            QStringList changes;
            for (auto it = e.changes.begin(); it != e.changes.end(); ++it) {
                const QJsonArray pair = it.value().toArray();
                changes.append(e.action.endsWith(u".created")
                                   ? QStringLiteral("%1=%2").arg(
                                         it.key(), valueText(it.key(), pair.at(1), codes))
                                   : QStringLiteral("%1: %2 -> %3")
                                         .arg(it.key(), valueText(it.key(), pair.at(0), codes),
                                              valueText(it.key(), pair.at(1), codes)));
            }
            context.out << e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "  "
                        << e.actor.leftJustified(28) << ' ' << e.action.leftJustified(18) << ' '
                        << e.target << "  " << changes.join(QStringLiteral("; ")) << '\n';
        }
    }
    return session->finish(context, ExitCode::Ok);
}

// The company view: runs `start` on a fresh CompanyAccounts and waits for its one signal.
struct CompanyOutcome
{
    std::optional<CompanyOverview> overview;
    std::optional<CompanyOrdersPage> page;
    std::optional<ApiError> error;
};

CompanyOutcome callCompany(ApiClient &api, const std::function<void(CompanyAccounts &)> &start)
{
    CompanyAccounts company(&api);
    CompanyOutcome outcome;
    bool done = false;
    QEventLoop loop;
    const auto finish = [&] {
        done = true;
        loop.quit();
    };
    QObject::connect(&company, &CompanyAccounts::overviewFetched, &loop,
                     [&](const CompanyOverview &overview) {
                         outcome.overview = overview;
                         finish();
                     });
    QObject::connect(&company, &CompanyAccounts::ordersFetched, &loop,
                     [&](const CompanyOrdersPage &page) {
                         outcome.page = page;
                         finish();
                     });
    QObject::connect(&company, &CompanyAccounts::failed, &loop, [&](const ApiError &error) {
        outcome.error = error;
        finish();
    });
    start(company);
    if (!done)
        loop.exec();
    return outcome;
}

const QString SeeSubsidiaries = QStringLiteral("see the company's accounts");

void printSummaryRow(CliContext &context, const AccountSummary &a, const QString &label,
                     bool withTerms = true)
{
    const auto m = [&a](const Decimal &d) { return ordercli::money(d, a.currency); };
    context.out << label.leftJustified(52, u' ', true) << ' '
                << QString::number(a.orderCount).rightJustified(6) << ' '
                << QString::number(a.openOrderCount).rightJustified(5) << ' '
                << m(a.spend).rightJustified(17) << ' ' << m(a.balance).rightJustified(17) << ' '
                << m(a.overdue).rightJustified(15) << ' ' << m(a.availableCredit).rightJustified(17)
                << "  " << (withTerms ? a.paymentTerms : QString()) << '\n';
}

ExitCode runCompanyOverview(CliContext &context, const QCommandLineParser &args)
{
    QDate from;
    QDate to;
    for (const auto &[option, date] : {std::pair{FromOption, &from}, std::pair{ToOption, &to}}) {
        if (!args.isSet(option))
            continue;
        const QString text = args.value(option).trimmed();
        *date = QDate::fromString(text, Qt::ISODate);
        if (!date->isValid() || text.size() != 10)
            return usage(context, QStringLiteral("--%1 must be a date written YYYY-MM-DD, not "
                                                 "'%2'")
                                      .arg(option, text));
    }
    if (from.isValid() && to.isValid() && from > to)
        return usage(context, QStringLiteral("--from %1 is after --to %2")
                                  .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;
    const CompanyOutcome o =
        callCompany(session->api(), [from, to](CompanyAccounts &c) { c.fetchOverview(from, to); });
    if (o.error)
        return session->finish(
            context, context.fail(adminError(*o.error, session->role(), SeeSubsidiaries)));
    const CompanyOverview &overview = *o.overview;
    const QString top = overview.accounts.isEmpty() ? QString() : overview.accounts.first().code;
    const auto total = overview.rolledUp(top);
    if (args.isSet(JsonOption)) {
        QJsonObject json = overview.toJson();
        json.insert(QStringLiteral("total"),
                    total ? QJsonValue(total->toJson()) : QJsonValue(QJsonValue::Null));
        printJson(context, json);
        return session->finish(context, ExitCode::Ok);
    }
    context.out << "Orders placed " << overview.from.toString(Qt::ISODate) << " to "
                << overview.to.toString(Qt::ISODate) << " (UTC); open orders and credit as of "
                << "now.\n";
    context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                       .arg(QStringLiteral("ACCOUNT").leftJustified(52),
                            QStringLiteral("ORDERS").rightJustified(6),
                            QStringLiteral("OPEN").rightJustified(5),
                            QStringLiteral("SPEND").rightJustified(17),
                            QStringLiteral("BALANCE").rightJustified(17),
                            QStringLiteral("OVERDUE").rightJustified(15),
                            QStringLiteral("AVAILABLE").rightJustified(17),
                            QStringLiteral("TERMS"));
    for (const AccountSummary &a : overview.accounts)
        printSummaryRow(context, a,
                        QString(a.depth * 2, u' ') + a.code + QStringLiteral("  ") + a.name);
    if (overview.accounts.size() > 1) {
        if (total)
            printSummaryRow(context, *total,
                            QStringLiteral("All %1 accounts").arg(overview.accounts.size()), false);
        else
            context.out << "No company total: the accounts bill in different currencies.\n";
    }
    return session->finish(context, ExitCode::Ok);
}

ExitCode runCompanyOrders(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    if (words.size() != 2)
        return usage(context, QStringLiteral(
                                  "company orders takes one account code; qm company lists them"));
    int limit = 20;
    int offset = 0;
    for (const auto &[option, value, min, max] :
         {std::tuple{LimitCountOption, &limit, 1, 200},
          std::tuple{OffsetOption, &offset, 0, 1000000000}}) {
        if (!args.isSet(option))
            continue;
        bool ok = false;
        *value = args.value(option).toInt(&ok);
        if (!ok || *value < min || *value > max)
            return usage(context, QStringLiteral("--%1 must be a whole number from %2 to %3")
                                      .arg(option)
                                      .arg(min)
                                      .arg(max));
    }
    const QString account = words.at(1).trimmed();
    ExitCode code = ExitCode::Ok;
    auto session = Session::open(context, &code);
    if (!session)
        return code;
    const bool onlyOpen = args.isSet(OpenOption);
    const CompanyOutcome o = callCompany(session->api(), [&](CompanyAccounts &c) {
        c.fetchOrders(account, onlyOpen, limit, offset);
    });
    if (o.error)
        return session->finish(
            context,
            context.fail(adminError(
                *o.error, session->role(), SeeSubsidiaries,
                QStringLiteral("no account '%1' in your part of the company; qm company lists them")
                    .arg(account))));
    const CompanyOrdersPage &page = *o.page;
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const Order &order : page.orders)
            rows.append(order.toJson());
        printJson(context, QJsonObject{{QStringLiteral("account"), page.code},
                                       {QStringLiteral("name"), page.name},
                                       {QStringLiteral("total"), page.total},
                                       {QStringLiteral("offset"), page.offset},
                                       {QStringLiteral("orders"), rows}});
        return session->finish(context, ExitCode::Ok);
    }
    context.out << page.code << "  " << page.name << '\n';
    if (page.orders.isEmpty()) {
        context.out << (page.total == 0 ? (onlyOpen ? "No open orders.\n" : "No orders.\n")
                                        : "No orders on this page.\n");
        return session->finish(context, ExitCode::Ok);
    }
    for (const Order &order : page.orders)
        context.out
            << order.number.leftJustified(12) << ' '
            << order.placedAt.toUTC().date().toString(Qt::ISODate) << "  "
            << orderStatusName(order.status).leftJustified(17) << ' '
            << ordercli::money(order.subtotal, order.currency).rightJustified(16) << "  "
            << order.shipTo.leftJustified(8) << ' '
            << (order.poNumber.isEmpty() ? QStringLiteral("-") : order.poNumber).leftJustified(16)
            << ' ' << order.placedBy << '\n';
    context.out << "Orders " << page.offset + 1 << "-" << page.offset + page.orders.size() << " of "
                << page.total << (onlyOpen ? " open" : "") << ".\n";
    return session->finish(context, ExitCode::Ok);
}

ExitCode runCompany(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    if (words.isEmpty())
        return runCompanyOverview(context, args);
    if (words.first() == u"orders")
        return runCompanyOrders(context, args);
    return usage(
        context,
        QStringLiteral("unknown company action '%1'; see qm company --help").arg(words.first()));
}

QCommandLineOption jsonOption(const QString &what)
{
    return QCommandLineOption(JsonOption, QStringLiteral("Print %1 as JSON.").arg(what));
}

} // namespace

Command usersCommand()
{
    return {
        QStringLiteral("users"),
        QStringLiteral("[--json]"),
        QStringLiteral("The users of your account (online, admins)"),
        QStringLiteral("Lists every user of your account with role, spending limit, default\n"
                       "ship-to location and whether they are active. Needs the account admin\n"
                       "role and the portal."),
        {jsonOption(QStringLiteral("the users"))},
        runUsers,
    };
}

Command userCommand()
{
    return {
        QStringLiteral("user"),
        QStringLiteral("add USERNAME --name NAME --email EMAIL --role ROLE [--spending-limit "
                       "AMOUNT] [--location CODE] --password-stdin | set USERNAME [--role R] "
                       "[--spending-limit AMOUNT | --no-spending-limit] [--location CODE | "
                       "--no-location] [--name N] [--email E] | deactivate USERNAME | activate "
                       "USERNAME [--json]"),
        QStringLiteral("Add, change, deactivate or activate a user (online, admins)"),
        QStringLiteral(
            "Roles: viewer, buyer, approver, account_admin. A spending limit is the most one\n"
            "order may total before it needs approval. Deactivating a user ends all their\n"
            "sign-ins at once. Every change is recorded in the account's audit trail (qm audit).\n"
            "The new user's password is read from the first line of standard input."),
        {QCommandLineOption(NameOption, QStringLiteral("The user's full name."),
                            QStringLiteral("NAME")),
         QCommandLineOption(EmailOption, QStringLiteral("The user's email address."),
                            QStringLiteral("EMAIL")),
         QCommandLineOption(RoleOption, QStringLiteral("viewer, buyer, approver or account_admin."),
                            QStringLiteral("ROLE")),
         QCommandLineOption(LimitOption, QStringLiteral("Spending limit per order, e.g. 2500."),
                            QStringLiteral("AMOUNT")),
         QCommandLineOption(NoLimitOption, QStringLiteral("Remove the spending limit.")),
         QCommandLineOption(LocationOption, QStringLiteral("Default ship-to location, by code."),
                            QStringLiteral("CODE")),
         QCommandLineOption(NoLocationOption, QStringLiteral("Remove the default location.")),
         QCommandLineOption(PasswordStdinOption,
                            QStringLiteral("Read the new user's password from standard input.")),
         jsonOption(QStringLiteral("the user"))},
        runUser,
    };
}

Command locationsCommand()
{
    return {
        QStringLiteral("locations"),
        QStringLiteral("[--json]"),
        QStringLiteral("The ship-to locations of your account (online)"),
        QStringLiteral("Lists every ship-to location of your account with its address, the\n"
                       "default and the inactive ones. Needs the portal."),
        {jsonOption(QStringLiteral("the locations"))},
        runLocations,
    };
}

Command locationCommand()
{
    return {
        QStringLiteral("location"),
        QStringLiteral("add CODE --name N --line1 L --city C --region R --postal-code P "
                       "--country CC [--line2 L] [--default] | set CODE [--name N] [address "
                       "options] [--default] [--deactivate | --activate] [--json]"),
        QStringLiteral("Add or change a ship-to location (online, admins)"),
        QStringLiteral(
            "Exactly one active location is the account's default: --default moves it, the old\n"
            "default loses it. An inactive location takes no new orders. The code cannot be\n"
            "changed. Every change is recorded in the account's audit trail (qm audit)."),
        {QCommandLineOption(NameOption, QStringLiteral("The location's name."),
                            QStringLiteral("NAME")),
         QCommandLineOption(Line1Option, QStringLiteral("First address line."),
                            QStringLiteral("TEXT")),
         QCommandLineOption(Line2Option, QStringLiteral("Second address line (empty removes it)."),
                            QStringLiteral("TEXT")),
         QCommandLineOption(CityOption, QStringLiteral("City."), QStringLiteral("CITY")),
         QCommandLineOption(RegionOption, QStringLiteral("State or region."),
                            QStringLiteral("REGION")),
         QCommandLineOption(PostalCodeOption, QStringLiteral("Postal code."),
                            QStringLiteral("CODE")),
         QCommandLineOption(CountryOption, QStringLiteral("Two-letter country code, e.g. US."),
                            QStringLiteral("CC")),
         QCommandLineOption(DefaultOption, QStringLiteral("Make it the account's default.")),
         QCommandLineOption(DeactivateOption, QStringLiteral("Stop taking orders to it.")),
         QCommandLineOption(ActivateOption, QStringLiteral("Take orders to it again.")),
         jsonOption(QStringLiteral("the location"))},
        runLocation,
    };
}

Command auditCommand()
{
    return {
        QStringLiteral("audit"),
        QStringLiteral("[--limit N] [--json]"),
        QStringLiteral("Who changed which user or location, and when (online, admins)"),
        QStringLiteral("The account's audit trail, newest first: each change to a user or a\n"
                       "ship-to location with who made it, when (UTC) and the old and new values."),
        {QCommandLineOption(LimitCountOption,
                            QStringLiteral("How many changes, 1 to 500 (default 20)."),
                            QStringLiteral("N")),
         jsonOption(QStringLiteral("the changes"))},
        runAudit,
    };
}

Command companyCommand()
{
    return {
        QStringLiteral("company"),
        QStringLiteral("[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] | orders CODE [--open] "
                       "[--limit N] [--offset N] [--json]"),
        QStringLiteral(
            "Your account and its subsidiaries, rolled up (online, approvers and admins)"),
        QStringLiteral(
            "Without an action: your account and every account below it (subsidiaries, their\n"
            "sites), each with its orders and spend in the period (default: the last 365 days),\n"
            "open orders, balance, overdue amount, available credit and payment terms, then\n"
            "the company total. 'orders CODE' lists the orders of one of those accounts, newest\n"
            "first (--open: only those still open). Needs the approver or account admin role\n"
            "of a parent company and the portal; a subsidiary never sees its parent or siblings."),
        {QCommandLineOption(FromOption, QStringLiteral("First day of the period."),
                            QStringLiteral("YYYY-MM-DD")),
         QCommandLineOption(ToOption, QStringLiteral("Last day of the period (default: today)."),
                            QStringLiteral("YYYY-MM-DD")),
         QCommandLineOption(OpenOption, QStringLiteral("orders: only orders still open.")),
         QCommandLineOption(LimitCountOption,
                            QStringLiteral("orders: how many, 1 to 200 (default 20)."),
                            QStringLiteral("N")),
         QCommandLineOption(OffsetOption, QStringLiteral("orders: skip the N newest."),
                            QStringLiteral("N")),
         jsonOption(QStringLiteral("the accounts or orders"))},
        runCompany,
    };
}

} // namespace qm
