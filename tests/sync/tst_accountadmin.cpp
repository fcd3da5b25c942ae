#include "sync/accountadmin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

Q_DECLARE_METATYPE(qm::UserChange)
Q_DECLARE_METATYPE(qm::LocationChange)

using namespace qm;

// The wire forms of account administration: what AccountAdmin accepts from the portal and
// what it sends.
class tst_AccountAdmin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesUsers_data();
    void parsesUsers();
    void parsesLocations_data();
    void parsesLocations();
    void parsesAuditEvents_data();
    void parsesAuditEvents();
    void userChangeSendsOnlyWhatIsSet_data();
    void userChangeSendsOnlyWhatIsSet();
    void locationChangeSendsOnlyWhatIsSet_data();
    void locationChangeSendsOnlyWhatIsSet();
    void newUserAndLocation();
};

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const char *ValidUser =
    R"({"id":12,"username":"ann@x.example","display_name":"Ann","email":"ann@x.example",)"
    R"("role":"buyer","spending_limit":"250.50","default_location":3,"active":true})";

} // namespace

void tst_AccountAdmin::parsesUsers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("limit");   // empty: none
    QTest::addColumn<qint64>("location"); // 0: none
    QTest::newRow("complete") << QByteArray(ValidUser) << true << "250.5000" << qint64(3);
    QTest::newRow("no limit, no location")
        << QByteArray(
               R"({"id":1,"username":"a","display_name":"A","email":"a@b.c","role":"viewer",)"
               R"("spending_limit":null,"default_location":null,"active":false})")
        << true << QString() << qint64(0);
    QTest::newRow("limit as a number")
        << QByteArray(
               R"({"id":1,"username":"a","display_name":"A","email":"a@b.c","role":"viewer",)"
               R"("spending_limit":250,"default_location":null,"active":true})")
        << false << QString() << qint64(0);
    QTest::newRow("id as text")
        << QByteArray(
               R"({"id":"1","username":"a","display_name":"A","email":"a@b.c","role":"viewer",)"
               R"("spending_limit":null,"default_location":null,"active":true})")
        << false << QString() << qint64(0);
    QTest::newRow("no active")
        << QByteArray(
               R"({"id":1,"username":"a","display_name":"A","email":"a@b.c","role":"viewer",)"
               R"("spending_limit":null,"default_location":null})")
        << false << QString() << qint64(0);
    QTest::newRow("fractional location")
        << QByteArray(
               R"({"id":1,"username":"a","display_name":"A","email":"a@b.c","role":"viewer",)"
               R"("spending_limit":null,"default_location":1.5,"active":true})")
        << false << QString() << qint64(0);
    QTest::newRow("no username")
        << QByteArray(R"({"id":1,"display_name":"A","email":"a@b.c","role":"viewer",)"
                      R"("spending_limit":null,"default_location":null,"active":true})")
        << false << QString() << qint64(0);
}

void tst_AccountAdmin::parsesUsers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(QString, limit);
    QFETCH(qint64, location);
    const auto user = AdminUser::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(user.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(user->spendingLimit ? user->spendingLimit->toString() : QString(), limit);
    QCOMPARE(user->defaultLocation.value_or(0), location);
}

void tst_AccountAdmin::parsesLocations_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::newRow("complete")
        << QByteArray(R"({"id":4,"code":"HQ","name":"Head office","address":{"line1":"1 A St",)"
                      R"("line2":null,"city":"C","region":"R","postal_code":"1","country":"US"},)"
                      R"("is_default":true,"active":true})")
        << true;
    QTest::newRow("no address")
        << QByteArray(
               R"({"id":4,"code":"HQ","name":"Head office","is_default":true,"active":true})")
        << false;
    QTest::newRow("default as text")
        << QByteArray(R"({"id":4,"code":"HQ","name":"Head office","address":{"line1":"1 A St",)"
                      R"("city":"C","region":"R","postal_code":"1","country":"US"},)"
                      R"("is_default":"yes","active":true})")
        << false;
    QTest::newRow("zero id")
        << QByteArray(R"({"id":0,"code":"HQ","name":"Head office","address":{"line1":"1 A St",)"
                      R"("city":"C","region":"R","postal_code":"1","country":"US"},)"
                      R"("is_default":true,"active":true})")
        << false;
}

void tst_AccountAdmin::parsesLocations()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    const auto location = AdminLocation::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(location.has_value(), valid);
    if (valid) {
        QCOMPARE(location->code, QStringLiteral("HQ"));
        QVERIFY(location->address.line2.isEmpty());
        QCOMPARE(location->address.country, QStringLiteral("US"));
    }
}

void tst_AccountAdmin::parsesAuditEvents_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::newRow("complete")
        << QByteArray(R"({"id":7,"at":"2026-11-26T09:14:03Z","actor_id":3,"actor":"admin@x",)"
                      R"("action":"user.updated","target_kind":"user","target_id":12,)"
                      R"("target":"ann@x","changes":{"role":["buyer","approver"]}})")
        << true;
    QTest::newRow("bad time")
        << QByteArray(R"({"id":7,"at":"yesterday","actor_id":3,"actor":"admin@x",)"
                      R"("action":"user.updated","target_kind":"user","target_id":12,)"
                      R"("target":"ann@x","changes":{}})")
        << false;
    QTest::newRow("changes as text")
        << QByteArray(R"({"id":7,"at":"2026-11-26T09:14:03Z","actor_id":3,"actor":"admin@x",)"
                      R"("action":"user.updated","target_kind":"user","target_id":12,)"
                      R"("target":"ann@x","changes":"role"})")
        << false;
}

void tst_AccountAdmin::parsesAuditEvents()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    const auto event = AuditEvent::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(event.has_value(), valid);
    if (valid) {
        QCOMPARE(event->at, QDateTime(QDate(2026, 11, 26), QTime(9, 14, 3), QTimeZone::utc()));
        QCOMPARE(event->changes.value(u"role").toArray().at(1).toString(),
                 QStringLiteral("approver"));
    }
}

void tst_AccountAdmin::userChangeSendsOnlyWhatIsSet_data()
{
    QTest::addColumn<UserChange>("change");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("empty");
    QTest::newRow("nothing") << UserChange{} << QByteArray("{}") << true;
    UserChange role;
    role.role = QStringLiteral("approver");
    QTest::newRow("role") << role << QByteArray(R"({"role":"approver"})") << false;
    UserChange clear;
    clear.spendingLimit = std::optional<Decimal>();
    clear.defaultLocation = std::optional<qint64>();
    QTest::newRow("clear limit and location")
        << clear << QByteArray(R"({"default_location":null,"spending_limit":null})") << false;
    UserChange set;
    set.spendingLimit = std::optional<Decimal>(Decimal::parse(u"2500.5").value());
    set.defaultLocation = std::optional<qint64>(4);
    set.active = false;
    QTest::newRow("limit, location, deactivate")
        << set << QByteArray(R"({"active":false,"default_location":4,"spending_limit":"2500.5"})")
        << false;
}

void tst_AccountAdmin::userChangeSendsOnlyWhatIsSet()
{
    QFETCH(UserChange, change);
    QFETCH(QByteArray, json);
    QFETCH(bool, empty);
    QCOMPARE(change.isEmpty(), empty);
    QCOMPARE(compact(change.toJson()), json);
}

void tst_AccountAdmin::locationChangeSendsOnlyWhatIsSet_data()
{
    QTest::addColumn<LocationChange>("change");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("nothing") << LocationChange{} << QByteArray("{}");
    LocationChange city;
    city.city = QStringLiteral("Baltimore");
    QTest::newRow("city only") << city << QByteArray(R"({"address":{"city":"Baltimore"}})");
    LocationChange noLine2;
    noLine2.line2 = QString();
    noLine2.isDefault = true;
    QTest::newRow("remove line 2, make default")
        << noLine2 << QByteArray(R"({"address":{"line2":null},"is_default":true})");
    LocationChange off;
    off.active = false;
    off.name = QStringLiteral("Old dock");
    QTest::newRow("rename and deactivate")
        << off << QByteArray(R"({"active":false,"name":"Old dock"})");
}

void tst_AccountAdmin::locationChangeSendsOnlyWhatIsSet()
{
    QFETCH(LocationChange, change);
    QFETCH(QByteArray, json);
    QCOMPARE(compact(change.toJson()), json);
    QCOMPARE(change.isEmpty(), json == "{}");
}

void tst_AccountAdmin::newUserAndLocation()
{
    NewUser user;
    user.username = QStringLiteral("ann@x.example");
    user.displayName = QStringLiteral("Ann");
    user.email = QStringLiteral("ann@x.example");
    user.role = QStringLiteral("buyer");
    user.password = QStringLiteral("harbour-lights-7");
    QCOMPARE(
        compact(user.toJson()),
        QByteArray(R"({"display_name":"Ann","email":"ann@x.example",)"
                   R"("password":"harbour-lights-7","role":"buyer","username":"ann@x.example"})"));
    user.spendingLimit = Decimal::fromInt(100);
    user.defaultLocation = 2;
    const QJsonObject withLimit = user.toJson();
    QCOMPARE(withLimit.value(u"spending_limit").toString(), QStringLiteral("100"));
    QCOMPARE(withLimit.value(u"default_location").toInteger(), 2);

    NewLocation location;
    location.code = QStringLiteral("PIER");
    location.name = QStringLiteral("Pier");
    location.address =
        ShipToAddress{QStringLiteral("1 Pier Rd"), QString(),           QStringLiteral("C"),
                      QStringLiteral("R"),         QStringLiteral("1"), QStringLiteral("US")};
    const QJsonObject o = location.toJson();
    QCOMPARE(o.value(u"is_default").toBool(true), false);
    QVERIFY(!o.value(u"address").toObject().contains(u"line2"));
    QCOMPARE(o, parse(R"({"code":"PIER","name":"Pier","is_default":false,"address":)"
                      R"({"line1":"1 Pier Rd","city":"C","region":"R","postal_code":"1",)"
                      R"("country":"US"}})"));
}

QTEST_GUILESS_MAIN(tst_AccountAdmin)
#include "tst_accountadmin.moc"
