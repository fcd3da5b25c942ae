#include "core/problem.h"
#include "portaltest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

#include <memory>

using namespace qm::test;

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Account administration on the real qm-portal: users (create, list, change, deactivate,
// activate), ship-to locations (create, default, deactivate) and the audit trail, with the
// refusals: validation, the last administrator, self-deactivation, other roles and other
// accounts.
class tst_PortalAdmin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createsListsAndUpdatesUsers();
    void noOpChangeWritesNoEvent();
    void deactivationEndsSignIns();
    void lastAdminAndSelfDeactivation();
    void rejectsInvalidUsers_data();
    void rejectsInvalidUsers();
    void rejectsInvalidUserChanges_data();
    void rejectsInvalidUserChanges();
    void buyerIsForbidden();
    void otherAccountsIdsAreNotFound();
    void locationsAndDefault();
    void inactiveLocationTakesNoOrders();
    void rejectsInvalidLocations_data();
    void rejectsInvalidLocations();
    void auditLimit();
    void problemPages();

private:
    HttpResponse send(const QByteArray &method, const QString &path, const QJsonObject &body,
                      const QString &token = {});
    QJsonObject newUser(const QString &role = QStringLiteral("buyer")) const;
    QJsonArray users();
    QJsonArray locations(const QString &token = {});
    QJsonObject locationByCode(const QString &code);
    QJsonArray audit(int limit = 50);
    qint64 lastAuditId();

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_admin; // Priya Raman, Bayside's only account administrator (user 3)
    QString m_buyer; // Maria Delgado, Bayside buyer (user 1)
    QString m_other; // Northgate buyer
    qint64 m_adminId = 0;
    qint64 m_otherLocationId = 0;    // a Northgate location
    qint64 m_inactiveLocationId = 0; // a Bayside location deactivated in initTestCase
};

namespace {

QString unique(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

QStringList pointers(const HttpResponse &r)
{
    QStringList list;
    for (const QJsonValue &e : r.json().value(u"errors").toArray())
        list.append(e.toObject().value(u"pointer").toString());
    return list;
}

QJsonObject findById(const QJsonArray &array, qint64 id)
{
    for (const QJsonValue &v : array) {
        if (v.toObject().value(u"id").toInteger() == id)
            return v.toObject();
    }
    return {};
}

QJsonObject address()
{
    return QJsonObject{{QStringLiteral("line1"), QStringLiteral("9 Test Wharf")},
                       {QStringLiteral("city"), QStringLiteral("Annapolis")},
                       {QStringLiteral("region"), QStringLiteral("MD")},
                       {QStringLiteral("postal_code"), QStringLiteral("21401")},
                       {QStringLiteral("country"), QStringLiteral("US")}};
}

QJsonObject newLocation(const QString &code)
{
    return QJsonObject{{QStringLiteral("code"), code},
                       {QStringLiteral("name"), QStringLiteral("Test wharf ") + code},
                       {QStringLiteral("address"), address()}};
}

} // namespace

HttpResponse tst_PortalAdmin::send(const QByteArray &method, const QString &path,
                                   const QJsonObject &body, const QString &token)
{
    const Headers headers{
        {"Authorization", "Bearer " + (token.isEmpty() ? m_admin : token).toLatin1()},
        {"Content-Type", "application/json"}};
    return m_client->send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                          headers);
}

QJsonObject tst_PortalAdmin::newUser(const QString &role) const
{
    const QString name = unique(QStringLiteral("t.user."));
    return QJsonObject{{QStringLiteral("username"), name + QStringLiteral("@bayside.example")},
                       {QStringLiteral("display_name"), QStringLiteral("Test ") + name},
                       {QStringLiteral("email"), name + QStringLiteral("@bayside.example")},
                       {QStringLiteral("role"), role},
                       {QStringLiteral("password"), QStringLiteral("harbour-lights-7")}};
}

QJsonArray tst_PortalAdmin::users()
{
    const HttpResponse r = m_client->get(QStringLiteral("/api/v1/users"), m_admin);
    if (r.status != 200)
        qWarning("GET /api/v1/users answered %d", r.status);
    return r.json().value(u"users").toArray();
}

QJsonArray tst_PortalAdmin::locations(const QString &token)
{
    const HttpResponse r =
        m_client->get(QStringLiteral("/api/v1/locations"), token.isEmpty() ? m_admin : token);
    if (r.status != 200)
        qWarning("GET /api/v1/locations answered %d", r.status);
    return r.json().value(u"locations").toArray();
}

QJsonObject tst_PortalAdmin::locationByCode(const QString &code)
{
    for (const QJsonValue &v : locations()) {
        if (v.toObject().value(u"code").toString() == code)
            return v.toObject();
    }
    return {};
}

QJsonArray tst_PortalAdmin::audit(int limit)
{
    const HttpResponse r =
        m_client->get(QStringLiteral("/api/v1/audit?limit=%1").arg(limit), m_admin);
    if (r.status != 200)
        qWarning("GET /api/v1/audit answered %d", r.status);
    return r.json().value(u"events").toArray();
}

qint64 tst_PortalAdmin::lastAuditId()
{
    const QJsonArray events = audit(1);
    return events.isEmpty() ? 0 : events.at(0).toObject().value(u"id").toInteger();
}

void tst_PortalAdmin::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QM_START_PORTAL(*m_portal);
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_admin = m_client->accessToken(QStringLiteral("admin@bayside.example"));
    m_buyer = m_client->accessToken(QStringLiteral("buyer@bayside.example"));
    m_other = m_client->accessToken(QStringLiteral("buyer@northgate.example"));
    QVERIFY(!m_admin.isEmpty() && !m_buyer.isEmpty() && !m_other.isEmpty());
    m_adminId = m_client->get(QStringLiteral("/api/v1/me"), m_admin)
                    .json()
                    .value(u"user")
                    .toObject()
                    .value(u"id")
                    .toInteger();
    QVERIFY(m_adminId > 0);
    const QJsonArray northgate = locations(m_other);
    QVERIFY(!northgate.isEmpty());
    m_otherLocationId = northgate.at(0).toObject().value(u"id").toInteger();
    QJsonObject closed = newLocation(QStringLiteral("T-CLOSED"));
    closed.insert(QStringLiteral("active"), false);
    const HttpResponse r = send("POST", QStringLiteral("/api/v1/locations"), closed);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(u"active").toBool(true), false);
    m_inactiveLocationId = r.json().value(u"id").toInteger();
}

void tst_PortalAdmin::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_PortalAdmin::createsListsAndUpdatesUsers()
{
    const qint64 shop = locationByCode(QStringLiteral("ANN-SHOP")).value(u"id").toInteger();
    QVERIFY(shop > 0);
    QJsonObject body = newUser();
    const QString username = body.value(u"username").toString();
    body.insert(QStringLiteral("username"), username.toUpper()); // stored in lowercase
    body.insert(QStringLiteral("spending_limit"), QStringLiteral("250.5"));
    body.insert(QStringLiteral("default_location"), shop);
    const qint64 auditBefore = lastAuditId();
    const HttpResponse created = send("POST", QStringLiteral("/api/v1/users"), body);
    QCOMPARE(created.status, 201);
    const QJsonObject user = created.json();
    const qint64 id = user.value(u"id").toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.header("Location"), QByteArray("/api/v1/users/") + QByteArray::number(id));
    QCOMPARE(user.value(u"username").toString(), username);
    QCOMPARE(user.value(u"role").toString(), QStringLiteral("buyer"));
    QCOMPARE(user.value(u"spending_limit").toString(), QStringLiteral("250.50"));
    QCOMPARE(user.value(u"default_location").toInteger(), shop);
    QCOMPARE(user.value(u"active").toBool(), true);
    QCOMPARE(findById(users(), id), user);

    // The new user signs in with the password given, and is a buyer.
    const QString token = m_client->accessToken(username, QStringLiteral("harbour-lights-7"));
    QVERIFY(!token.isEmpty());
    const QJsonObject me = m_client->get(QStringLiteral("/api/v1/me"), token).json();
    QVERIFY(me.value(u"permissions").toArray().contains(QStringLiteral("orders:submit")));
    QVERIFY(!me.value(u"permissions").toArray().contains(QStringLiteral("orders:approve")));
    // The user's own default location is in /me, by code.
    QCOMPARE(me.value(u"user").toObject().value(u"default_location").toString(),
             QStringLiteral("ANN-SHOP"));

    const QJsonArray afterCreate = audit(5);
    const QJsonObject createdEvent = afterCreate.at(0).toObject();
    QVERIFY(createdEvent.value(u"id").toInteger() > auditBefore);
    QCOMPARE(createdEvent.value(u"action").toString(), QStringLiteral("user.created"));
    QCOMPARE(createdEvent.value(u"actor_id").toInteger(), m_adminId);
    QCOMPARE(createdEvent.value(u"actor").toString(), QStringLiteral("admin@bayside.example"));
    QCOMPARE(createdEvent.value(u"target_kind").toString(), QStringLiteral("user"));
    QCOMPARE(createdEvent.value(u"target_id").toInteger(), id);
    QCOMPARE(createdEvent.value(u"target").toString(), username);
    QCOMPARE(createdEvent.value(u"changes").toObject().value(u"role").toArray(),
             (QJsonArray{QJsonValue::Null, QStringLiteral("buyer")}));
    QVERIFY(!createdEvent.value(u"changes").toObject().contains(u"password"));

    // Promote, clear the limit and the default location, rename.
    const HttpResponse changed =
        send("PATCH", QStringLiteral("/api/v1/users/%1").arg(id),
             QJsonObject{{QStringLiteral("role"), QStringLiteral("approver")},
                         {QStringLiteral("spending_limit"), QJsonValue::Null},
                         {QStringLiteral("default_location"), QJsonValue::Null},
                         {QStringLiteral("display_name"), QStringLiteral("Renamed Tester")}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json().value(u"role").toString(), QStringLiteral("approver"));
    QVERIFY(changed.json().value(u"spending_limit").isNull());
    QVERIFY(changed.json().value(u"default_location").isNull());
    QCOMPARE(findById(users(), id), changed.json());
    // The role change takes effect on the user's existing token.
    const QJsonObject meAfter = m_client->get(QStringLiteral("/api/v1/me"), token).json();
    QVERIFY(meAfter.value(u"permissions").toArray().contains(QStringLiteral("orders:approve")));
    QVERIFY(meAfter.value(u"user").toObject().value(u"default_location").isNull());

    const QJsonObject updated = audit(1).at(0).toObject();
    QCOMPARE(updated.value(u"action").toString(), QStringLiteral("user.updated"));
    QCOMPARE(updated.value(u"target_id").toInteger(), id);
    const QJsonObject changes = updated.value(u"changes").toObject();
    QCOMPARE(changes.keys(),
             (QStringList{QStringLiteral("default_location"), QStringLiteral("display_name"),
                          QStringLiteral("role"), QStringLiteral("spending_limit")}));
    QCOMPARE(changes.value(u"role").toArray(),
             (QJsonArray{QStringLiteral("buyer"), QStringLiteral("approver")}));
    QCOMPARE(changes.value(u"spending_limit").toArray(),
             (QJsonArray{QStringLiteral("250.50"), QJsonValue::Null}));
    QCOMPARE(changes.value(u"default_location").toArray(), (QJsonArray{shop, QJsonValue::Null}));
}

void tst_PortalAdmin::noOpChangeWritesNoEvent()
{
    const HttpResponse created = send("POST", QStringLiteral("/api/v1/users"), newUser());
    QCOMPARE(created.status, 201);
    const QJsonObject user = created.json();
    const qint64 before = lastAuditId();
    const HttpResponse same =
        send("PATCH", QStringLiteral("/api/v1/users/%1").arg(user.value(u"id").toInteger()),
             QJsonObject{{QStringLiteral("role"), user.value(u"role")},
                         {QStringLiteral("email"), user.value(u"email")},
                         {QStringLiteral("spending_limit"), QJsonValue::Null},
                         {QStringLiteral("active"), true}});
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json(), user);
    QCOMPARE(lastAuditId(), before);
}

void tst_PortalAdmin::deactivationEndsSignIns()
{
    const QJsonObject body = newUser();
    const QString username = body.value(u"username").toString();
    const HttpResponse created = send("POST", QStringLiteral("/api/v1/users"), body);
    QCOMPARE(created.status, 201);
    const QString path =
        QStringLiteral("/api/v1/users/%1").arg(created.json().value(u"id").toInteger());
    const QString password = body.value(u"password").toString();
    const QString token = m_client->accessToken(username, password);
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/me"), token).status, 200);

    const HttpResponse off = send("PATCH", path, QJsonObject{{QStringLiteral("active"), false}});
    QCOMPARE(off.status, 200);
    QCOMPARE(off.json().value(u"active").toBool(true), false);
    const HttpResponse refused = m_client->get(QStringLiteral("/api/v1/me"), token);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.problemSlug(), QStringLiteral("unauthorized"));
    QCOMPARE(m_client->signIn(username, password).status, 400);
    QJsonObject event = audit(1).at(0).toObject();
    QCOMPARE(event.value(u"action").toString(), QStringLiteral("user.deactivated"));
    QCOMPARE(event.value(u"changes").toObject().value(u"active").toArray(),
             (QJsonArray{true, false}));

    const HttpResponse on = send("PATCH", path, QJsonObject{{QStringLiteral("active"), true}});
    QCOMPARE(on.status, 200);
    QCOMPARE(on.json().value(u"active").toBool(), true);
    event = audit(1).at(0).toObject();
    QCOMPARE(event.value(u"action").toString(), QStringLiteral("user.activated"));
    // The old sign-in stays ended; a new one works.
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/me"), token).status, 401);
    const QString again = m_client->accessToken(username, password);
    QVERIFY(!again.isEmpty());
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/me"), again).status, 200);
}

void tst_PortalAdmin::lastAdminAndSelfDeactivation()
{
    const QString self = QStringLiteral("/api/v1/users/%1").arg(m_adminId);
    const QJsonArray before = users();
    const qint64 auditBefore = lastAuditId();

    const HttpResponse deactivate =
        send("PATCH", self, QJsonObject{{QStringLiteral("active"), false}});
    QCOMPARE(deactivate.status, 409);
    QCOMPARE(deactivate.problemSlug(), QStringLiteral("self-deactivation"));
    const HttpResponse demote =
        send("PATCH", self, QJsonObject{{QStringLiteral("role"), QStringLiteral("buyer")}});
    QCOMPARE(demote.status, 409);
    QCOMPARE(demote.problemSlug(), QStringLiteral("last-account-admin"));
    QVERIFY(demote.json().value(u"detail").toString().contains(u"admin@bayside.example"));
    QCOMPARE(users(), before);
    QCOMPARE(lastAuditId(), auditBefore);
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/users"), m_admin).status, 200);

    // With a second administrator, the first may step down, and be promoted back.
    const QJsonObject body = newUser(QStringLiteral("account_admin"));
    const HttpResponse second = send("POST", QStringLiteral("/api/v1/users"), body);
    QCOMPARE(second.status, 201);
    const QString secondPath =
        QStringLiteral("/api/v1/users/%1").arg(second.json().value(u"id").toInteger());
    const QString secondToken = m_client->accessToken(body.value(u"username").toString(),
                                                      body.value(u"password").toString());
    QVERIFY(!secondToken.isEmpty());
    QCOMPARE(send("PATCH", self, QJsonObject{{QStringLiteral("role"), QStringLiteral("approver")}})
                 .status,
             200);
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/users"), m_admin).status, 403);
    // Now the second one is the last administrator: they cannot step down.
    const HttpResponse last =
        send("PATCH", secondPath, QJsonObject{{QStringLiteral("role"), QStringLiteral("buyer")}},
             secondToken);
    QCOMPARE(last.status, 409);
    QCOMPARE(last.problemSlug(), QStringLiteral("last-account-admin"));
    QCOMPARE(send("PATCH", self,
                  QJsonObject{{QStringLiteral("role"), QStringLiteral("account_admin")}},
                  secondToken)
                 .status,
             200);
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/users"), m_admin).status, 200);
    // Another administrator (not the last one) may be deactivated.
    QCOMPARE(send("PATCH", secondPath, QJsonObject{{QStringLiteral("active"), false}}).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/me"), secondToken).status, 401);
}

void tst_PortalAdmin::rejectsInvalidUsers_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("pointer");
    const QString invalid = QStringLiteral("invalid-user");
    const auto with = [this](const char *member, const QJsonValue &value) {
        QJsonObject o = newUser();
        if (value.isUndefined())
            o.remove(QString::fromLatin1(member));
        else
            o.insert(QString::fromLatin1(member), value);
        return o;
    };
    QTest::newRow("missing email")
        << with("email", QJsonValue::Undefined) << 422 << invalid << QStringLiteral("/email");
    QTest::newRow("missing username")
        << with("username", QJsonValue::Undefined) << 422 << invalid << QStringLiteral("/username");
    QTest::newRow("missing password")
        << with("password", QJsonValue::Undefined) << 422 << invalid << QStringLiteral("/password");
    QTest::newRow("bad email") << with("email", QStringLiteral("priya.example.com")) << 422
                               << invalid << QStringLiteral("/email");
    QTest::newRow("unknown role") << with("role", QStringLiteral("superuser")) << 422 << invalid
                                  << QStringLiteral("/role");
    QTest::newRow("negative limit") << with("spending_limit", QStringLiteral("-5.00")) << 422
                                    << invalid << QStringLiteral("/spending_limit");
    QTest::newRow("limit with too many decimals")
        << with("spending_limit", QStringLiteral("10.001")) << 422 << invalid
        << QStringLiteral("/spending_limit");
    QTest::newRow("limit as a number")
        << with("spending_limit", 100) << 422 << invalid << QStringLiteral("/spending_limit");
    QTest::newRow("unknown location") << with("default_location", 987654) << 422 << invalid
                                      << QStringLiteral("/default_location");
    QTest::newRow("other account's location") << with("default_location", m_otherLocationId) << 422
                                              << invalid << QStringLiteral("/default_location");
    QTest::newRow("inactive location") << with("default_location", m_inactiveLocationId) << 422
                                       << invalid << QStringLiteral("/default_location");
    QTest::newRow("short password") << with("password", QStringLiteral("short")) << 422 << invalid
                                    << QStringLiteral("/password");
    QTest::newRow("username with a space") << with("username", QStringLiteral("ann smith")) << 422
                                           << invalid << QStringLiteral("/username");
    QTest::newRow("unknown member")
        << with("is_admin", true) << 422 << invalid << QStringLiteral("/is_admin");
    QTest::newRow("duplicate username") << with("username", QStringLiteral("Buyer@Bayside.example"))
                                        << 409 << QStringLiteral("username-taken") << QString();
    QTest::newRow("username of another account")
        << with("username", QStringLiteral("buyer@northgate.example")) << 409
        << QStringLiteral("username-taken") << QString();
}

void tst_PortalAdmin::rejectsInvalidUsers()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, slug);
    QFETCH(QString, pointer);
    const QJsonArray before = users();
    const qint64 auditBefore = lastAuditId();
    const HttpResponse r = send("POST", QStringLiteral("/api/v1/users"), body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.problemSlug(), slug);
    QVERIFY(!r.json().value(u"detail").toString().isEmpty());
    if (!pointer.isEmpty())
        QVERIFY2(pointers(r).contains(pointer), qPrintable(pointers(r).join(u',')));
    QCOMPARE(users(), before);
    QCOMPARE(lastAuditId(), auditBefore);
}

void tst_PortalAdmin::rejectsInvalidUserChanges_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("bad email") << QJsonObject{{QStringLiteral("email"), QStringLiteral("a@b")}}
                               << QStringLiteral("/email");
    QTest::newRow("unknown role") << QJsonObject{{QStringLiteral("role"), QStringLiteral("owner")}}
                                  << QStringLiteral("/role");
    QTest::newRow("negative limit")
        << QJsonObject{{QStringLiteral("spending_limit"), QStringLiteral("-1")}}
        << QStringLiteral("/spending_limit");
    QTest::newRow("other account's location")
        << QJsonObject{{QStringLiteral("default_location"), m_otherLocationId}}
        << QStringLiteral("/default_location");
    QTest::newRow("active as text") << QJsonObject{{QStringLiteral("active"), QStringLiteral("no")}}
                                    << QStringLiteral("/active");
    QTest::newRow("username") << QJsonObject{{QStringLiteral("username"), QStringLiteral("x@y.z")}}
                              << QStringLiteral("/username");
    QTest::newRow("empty name") << QJsonObject{{QStringLiteral("display_name"),
                                                QStringLiteral(" ")},
                                               {QStringLiteral("role"), QStringLiteral("viewer")}}
                                << QStringLiteral("/display_name");
}

void tst_PortalAdmin::rejectsInvalidUserChanges()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, pointer);
    const QJsonArray before = users();
    const qint64 auditBefore = lastAuditId();
    // Maria Delgado, the Bayside buyer.
    const HttpResponse r = send("PATCH", QStringLiteral("/api/v1/users/1"), body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("invalid-user"));
    QVERIFY2(pointers(r).contains(pointer), qPrintable(pointers(r).join(u',')));
    QCOMPARE(users(), before);
    QCOMPARE(lastAuditId(), auditBefore);
}

void tst_PortalAdmin::buyerIsForbidden()
{
    const QJsonArray usersBefore = users();
    const QJsonArray locationsBefore = locations();
    const qint64 auditBefore = lastAuditId();
    const QList<HttpResponse> answers{
        m_client->get(QStringLiteral("/api/v1/users"), m_buyer),
        m_client->get(QStringLiteral("/api/v1/audit"), m_buyer),
        send("POST", QStringLiteral("/api/v1/users"), newUser(), m_buyer),
        send("PATCH", QStringLiteral("/api/v1/users/1"),
             QJsonObject{{QStringLiteral("spending_limit"), QJsonValue::Null}}, m_buyer),
        send("PATCH", QStringLiteral("/api/v1/users/%1").arg(m_adminId),
             QJsonObject{{QStringLiteral("active"), false}}, m_buyer),
        send("POST", QStringLiteral("/api/v1/locations"), newLocation(QStringLiteral("T-BUYER")),
             m_buyer),
        send("PATCH",
             QStringLiteral("/api/v1/locations/%1")
                 .arg(locationByCode(QStringLiteral("ANN-SHOP")).value(u"id").toInteger()),
             QJsonObject{{QStringLiteral("is_default"), true}}, m_buyer),
    };
    for (const HttpResponse &r : answers) {
        QCOMPARE(r.status, 403);
        QCOMPARE(r.problemSlug(), QStringLiteral("forbidden"));
    }
    // A buyer reads the locations: they choose among them.
    QCOMPARE(locations(m_buyer), locationsBefore);
    QCOMPARE(users(), usersBefore);
    QCOMPARE(locations(), locationsBefore);
    QCOMPARE(lastAuditId(), auditBefore);
}

void tst_PortalAdmin::otherAccountsIdsAreNotFound()
{
    // Users 5 (Boatyard, a subsidiary) and 9 (Northgate); Northgate's location.
    const qint64 auditBefore = lastAuditId();
    const QList<QString> userPaths{QStringLiteral("/api/v1/users/5"),
                                   QStringLiteral("/api/v1/users/9"),
                                   QStringLiteral("/api/v1/users/987654")};
    for (const QString &path : userPaths) {
        const HttpResponse r = send("PATCH", path, QJsonObject{{QStringLiteral("active"), false}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.problemSlug(), QStringLiteral("not-found"));
        QCOMPARE(
            r.json().value(u"detail").toString(),
            QStringLiteral("There is no user %1 in your account.").arg(path.section(u'/', -1)));
    }
    const QList<QString> locationPaths{
        QStringLiteral("/api/v1/locations/%1").arg(m_otherLocationId),
        QStringLiteral("/api/v1/locations/987654")};
    for (const QString &path : locationPaths) {
        const HttpResponse r =
            send("PATCH", path, QJsonObject{{QStringLiteral("name"), QStringLiteral("Mine")}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.problemSlug(), QStringLiteral("not-found"));
    }
    // Nothing changed for them: the Northgate buyer still signs in and sees their location.
    QVERIFY(!m_client->accessToken(QStringLiteral("buyer@northgate.example")).isEmpty());
    const QJsonObject theirs = findById(locations(m_other), m_otherLocationId);
    QVERIFY(!theirs.isEmpty());
    QVERIFY(theirs.value(u"name").toString() != u"Mine");
    QCOMPARE(lastAuditId(), auditBefore);
    // And no Bayside list shows them.
    QVERIFY(findById(users(), 9).isEmpty());
    QVERIFY(findById(locations(), m_otherLocationId).isEmpty());
}

void tst_PortalAdmin::locationsAndDefault()
{
    const QJsonObject hq = locationByCode(QStringLiteral("HQ"));
    QCOMPARE(hq.value(u"is_default").toBool(), true);
    const HttpResponse created =
        send("POST", QStringLiteral("/api/v1/locations"), newLocation(QStringLiteral("T-DOCK")));
    QCOMPARE(created.status, 201);
    const QJsonObject dock = created.json();
    QCOMPARE(dock.value(u"is_default").toBool(true), false);
    QCOMPARE(dock.value(u"active").toBool(), true);
    QCOMPARE(dock.value(u"address").toObject().value(u"city").toString(),
             QStringLiteral("Annapolis"));
    QCOMPARE(locationByCode(QStringLiteral("T-DOCK")), dock);
    QCOMPARE(audit(1).at(0).toObject().value(u"action").toString(),
             QStringLiteral("location.created"));
    // A user who ships to the dock by default.
    QJsonObject docker = newUser();
    docker.insert(QStringLiteral("default_location"), dock.value(u"id"));
    QCOMPARE(send("POST", QStringLiteral("/api/v1/users"), docker).status, 201);
    const QString dockerToken = m_client->accessToken(docker.value(u"username").toString(),
                                                      docker.value(u"password").toString());
    QVERIFY(!dockerToken.isEmpty());
    // Buyers see the new location in the account too.
    bool listed = false;
    for (const QJsonValue &v : m_client->get(QStringLiteral("/api/v1/account"), m_buyer)
                                   .json()
                                   .value(u"ship_to")
                                   .toArray())
        listed = listed || v.toObject().value(u"code").toString() == u"T-DOCK";
    QVERIFY(listed);

    const QString dockPath =
        QStringLiteral("/api/v1/locations/%1").arg(dock.value(u"id").toInteger());
    const QString hqPath = QStringLiteral("/api/v1/locations/%1").arg(hq.value(u"id").toInteger());
    const HttpResponse moved =
        send("PATCH", dockPath, QJsonObject{{QStringLiteral("is_default"), true}});
    QCOMPARE(moved.status, 200);
    QCOMPARE(moved.json().value(u"is_default").toBool(), true);
    QCOMPARE(locationByCode(QStringLiteral("HQ")).value(u"is_default").toBool(true), false);
    int defaults = 0;
    for (const QJsonValue &v : locations())
        defaults += v.toObject().value(u"is_default").toBool() ? 1 : 0;
    QCOMPARE(defaults, 1);
    // Both changes are in the audit trail, the old default's too.
    const QJsonArray events = audit(2);
    QSet<qint64> targets;
    for (const QJsonValue &v : events) {
        QCOMPARE(v.toObject().value(u"action").toString(), QStringLiteral("location.updated"));
        targets.insert(v.toObject().value(u"target_id").toInteger());
    }
    QCOMPARE(targets, (QSet<qint64>{hq.value(u"id").toInteger(), dock.value(u"id").toInteger()}));

    // The default cannot be unset or deactivated; nothing changes.
    const qint64 auditBefore = lastAuditId();
    const HttpResponse unset =
        send("PATCH", dockPath, QJsonObject{{QStringLiteral("is_default"), false}});
    QCOMPARE(unset.status, 409);
    QCOMPARE(unset.problemSlug(), QStringLiteral("default-location-required"));
    const HttpResponse off =
        send("PATCH", dockPath, QJsonObject{{QStringLiteral("active"), false}});
    QCOMPARE(off.status, 409);
    QCOMPARE(off.problemSlug(), QStringLiteral("default-location-required"));
    QCOMPARE(locationByCode(QStringLiteral("T-DOCK")), moved.json());
    QCOMPARE(lastAuditId(), auditBefore);

    // Back to HQ; the dock can then be deactivated and leaves the account's choices.
    QCOMPARE(send("PATCH", hqPath, QJsonObject{{QStringLiteral("is_default"), true}}).status, 200);
    const HttpResponse closed =
        send("PATCH", dockPath,
             QJsonObject{{QStringLiteral("active"), false},
                         {QStringLiteral("name"), QStringLiteral("Old dock")}});
    QCOMPARE(closed.status, 200);
    QCOMPARE(closed.json().value(u"active").toBool(true), false);
    const QJsonObject event = audit(1).at(0).toObject();
    QCOMPARE(event.value(u"changes").toObject().value(u"active").toArray(),
             (QJsonArray{true, false}));
    QCOMPARE(event.value(u"changes").toObject().value(u"name").toArray(),
             (QJsonArray{QStringLiteral("Test wharf T-DOCK"), QStringLiteral("Old dock")}));
    for (const QJsonValue &v : m_client->get(QStringLiteral("/api/v1/account"), m_buyer)
                                   .json()
                                   .value(u"ship_to")
                                   .toArray())
        QVERIFY(v.toObject().value(u"code").toString() != u"T-DOCK");
    // The dock is no longer offered as that user's default.
    QVERIFY(m_client->get(QStringLiteral("/api/v1/me"), dockerToken)
                .json()
                .value(u"user")
                .toObject()
                .value(u"default_location")
                .isNull());
}

void tst_PortalAdmin::inactiveLocationTakesNoOrders()
{
    const QByteArray id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    const QJsonObject order{
        {QStringLiteral("client_order_id"), QString::fromLatin1(id)},
        {QStringLiteral("ship_to"), QStringLiteral("T-CLOSED")},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("ANY-SKU")},
                                {QStringLiteral("quantity"), QStringLiteral("1")},
                                {QStringLiteral("unit_price"), QStringLiteral("1.00")}}}}};
    const Headers headers{{"Authorization", "Bearer " + m_buyer.toLatin1()},
                          {"Content-Type", "application/json"},
                          {"Idempotency-Key", id}};
    const HttpResponse r =
        m_client->send("POST", QStringLiteral("/api/v1/orders"),
                       QJsonDocument(order).toJson(QJsonDocument::Compact), headers);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.problemSlug(), QStringLiteral("ship-to-inactive"));
    QVERIFY(r.json().value(u"detail").toString().contains(u"T-CLOSED"));
    QCOMPARE(pointers(r), QStringList{QStringLiteral("/ship_to")});
}

void tst_PortalAdmin::rejectsInvalidLocations_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("code"); // of the location changed; empty: create
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("pointer");
    const QString invalid = QStringLiteral("invalid-location");
    QJsonObject noCity = newLocation(QStringLiteral("T-NOCITY"));
    QJsonObject a = address();
    a.remove(QStringLiteral("city"));
    noCity.insert(QStringLiteral("address"), a);
    QJsonObject badCountry = newLocation(QStringLiteral("T-COUNTRY"));
    a = address();
    a.insert(QStringLiteral("country"), QStringLiteral("USA"));
    badCountry.insert(QStringLiteral("address"), a);
    QJsonObject inactiveDefault = newLocation(QStringLiteral("T-ODD"));
    inactiveDefault.insert(QStringLiteral("is_default"), true);
    inactiveDefault.insert(QStringLiteral("active"), false);
    QTest::newRow("missing city") << QByteArray("POST") << QString() << noCity << 422 << invalid
                                  << QStringLiteral("/address/city");
    QTest::newRow("bad country") << QByteArray("POST") << QString() << badCountry << 422 << invalid
                                 << QStringLiteral("/address/country");
    QTest::newRow("code with spaces")
        << QByteArray("POST") << QString() << newLocation(QStringLiteral("T DOCK")) << 422
        << invalid << QStringLiteral("/code");
    QTest::newRow("inactive default") << QByteArray("POST") << QString() << inactiveDefault << 422
                                      << invalid << QStringLiteral("/is_default");
    QTest::newRow("duplicate code")
        << QByteArray("POST") << QString() << newLocation(QStringLiteral("HQ")) << 409
        << QStringLiteral("location-code-taken") << QString();
    QTest::newRow("code change") << QByteArray("PATCH") << QStringLiteral("ANN-SHOP")
                                 << QJsonObject{{QStringLiteral("code"), QStringLiteral("SHOP")}}
                                 << 422 << invalid << QStringLiteral("/code");
    QTest::newRow("empty line1") << QByteArray("PATCH") << QStringLiteral("ANN-SHOP")
                                 << QJsonObject{{QStringLiteral("address"),
                                                 QJsonObject{{QStringLiteral("line1"), QString()}}}}
                                 << 422 << invalid << QStringLiteral("/address/line1");
    QTest::newRow("inactive made default") << QByteArray("PATCH") << QStringLiteral("T-CLOSED")
                                           << QJsonObject{{QStringLiteral("is_default"), true}}
                                           << 422 << invalid << QStringLiteral("/is_default");
}

void tst_PortalAdmin::rejectsInvalidLocations()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, code);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, slug);
    QFETCH(QString, pointer);
    const QJsonArray before = locations();
    const qint64 auditBefore = lastAuditId();
    const QString path = code.isEmpty() ? QStringLiteral("/api/v1/locations")
                                        : QStringLiteral("/api/v1/locations/%1")
                                              .arg(locationByCode(code).value(u"id").toInteger());
    const HttpResponse r = send(method, path, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.problemSlug(), slug);
    if (!pointer.isEmpty())
        QVERIFY2(pointers(r).contains(pointer), qPrintable(pointers(r).join(u',')));
    QCOMPARE(locations(), before);
    QCOMPARE(lastAuditId(), auditBefore);
}

void tst_PortalAdmin::auditLimit()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(send("POST", QStringLiteral("/api/v1/users"), newUser()).status, 201);
    const QJsonArray two = audit(2);
    QCOMPARE(two.size(), 2);
    QVERIFY(two.at(0).toObject().value(u"id").toInteger() >
            two.at(1).toObject().value(u"id").toInteger());
    for (const char *bad : {"0", "501", "x", "-1"}) {
        const HttpResponse r =
            m_client->get(QStringLiteral("/api/v1/audit?limit=") + QLatin1String(bad), m_admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.problemSlug(), QStringLiteral("bad-request"));
    }
}

void tst_PortalAdmin::problemPages()
{
    using namespace qm::problems;
    for (const char16_t *slug :
         {InvalidUser, InvalidLocation, UsernameTaken, LocationCodeTaken, LastAccountAdmin,
          SelfDeactivation, DefaultLocationRequired, ShipToInactive}) {
        const QString title = qm::problemTitle(slug);
        QVERIFY2(title != u"Error", qPrintable(QString::fromUtf16(slug)));
        const HttpResponse r =
            m_client->get(QStringLiteral("/problems/") + QString::fromUtf16(slug));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.startsWith(title.toUtf8()));
        QVERIFY(r.body.size() > title.size() + 60);
    }
}

QTEST_GUILESS_MAIN(tst_PortalAdmin)
#include "tst_portaladmin.moc"
