#include "core/feeds.h"
#include "core/requisitionlist.h"
#include "portaltest.h"
#include "server/dbconnection.h"
#include "server/dburl.h"
#include "server/idempotency.h"
#include "support/feedpuller.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <memory>

using namespace qm;
using namespace qm::test;

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Saved lists on the real qm-portal: GET/PUT/DELETE /api/v1/lists/{id} with preconditions and
// idempotency keys, the account-scoped lists feed, and that a rejected request never changes
// what the portal stores.
class tst_PortalLists final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void demoAccountsStartWithLists();
    void createReplaceDelete();
    void replayReturnsTheSameAnswer();
    void keyReusedForAnotherRequest();
    void keysAreScopedByUser();
    void requestInProgress();
    void abandonedClaimIsTakenOver();
    void rejectsRequest_data();
    void rejectsRequest();
    void rejectsInvalidBody_data();
    void rejectsInvalidBody();
    void viewerMayReadButNotChange();
    void otherAccountsListIsNotFound();
    void feedCarriesUpsertsAndTombstones();
    void purgeByRetention();
    void problemPagesExplainTheNewSlugs();

private:
    struct Snapshot
    {
        QMap<QString, QByteArray> entries;
        qint64 next = 0;
        QByteArray body; // GET of one list, or empty
        friend bool operator==(const Snapshot &a, const Snapshot &b)
        {
            return a.entries == b.entries && a.next == b.next && a.body == b.body;
        }
    };

    HttpResponse put(const QString &id, const QByteArray &body, const QByteArray &key,
                     const Headers &precondition, const QString &token = {},
                     const QByteArray &contentType = "application/json");
    HttpResponse remove(const QString &id, const QByteArray &key, const QByteArray &ifMatch,
                        const QString &token = {});
    HttpResponse get(const QString &id, const QString &token = {});
    // Creates a list with `lines` SKUs and returns its id.
    QString create(const QString &name, int lines = 2, const QString &token = {});
    Snapshot snapshot(const QString &id, const QString &token = {});
    std::unique_ptr<DbConnection> openDatabase();
    IdempotencyStore::Scope scopeOf(DbConnection &db, const QString &username, const QString &key);

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_buyer;    // buyer@bayside.example, Maria Delgado
    QString m_approver; // approver@bayside.example, same account
    QString m_viewer;   // viewer@bayside.example
    QString m_other;    // buyer@northgate.example
    QString m_child;    // buyer@yard.bayside.example, a child account of Bayside
};

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

QByteArray newKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray listBody(const QString &name, int lines)
{
    QJsonArray array;
    for (int i = 0; i < lines; ++i)
        array.append(QJsonObject{
            {QStringLiteral("sku"), QStringLiteral("HIS-%1").arg(100000 + i)},
            {QStringLiteral("quantity"), QString::number(i + 1) + QStringLiteral(".50")}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("lines"), array}})
        .toJson(QJsonDocument::Compact);
}

const Headers Create{{"If-None-Match", "*"}};
Headers ifMatch(qint64 version)
{
    return {{"If-Match", '"' + QByteArray::number(version) + '"'}};
}

} // namespace

HttpResponse tst_PortalLists::put(const QString &id, const QByteArray &body, const QByteArray &key,
                                  const Headers &precondition, const QString &token,
                                  const QByteArray &contentType)
{
    Headers headers{{"Authorization", "Bearer " + (token.isEmpty() ? m_buyer : token).toLatin1()}};
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    if (!key.isNull())
        headers.append({"Idempotency-Key", key});
    headers += precondition;
    return m_client->send("PUT", QStringLiteral("/api/v1/lists/") + id, body, headers);
}

HttpResponse tst_PortalLists::remove(const QString &id, const QByteArray &key,
                                     const QByteArray &ifMatchValue, const QString &token)
{
    Headers headers{{"Authorization", "Bearer " + (token.isEmpty() ? m_buyer : token).toLatin1()}};
    if (!key.isNull())
        headers.append({"Idempotency-Key", key});
    if (!ifMatchValue.isNull())
        headers.append({"If-Match", ifMatchValue});
    return m_client->send("DELETE", QStringLiteral("/api/v1/lists/") + id, {}, headers);
}

HttpResponse tst_PortalLists::get(const QString &id, const QString &token)
{
    return m_client->get(QStringLiteral("/api/v1/lists/") + id, token.isEmpty() ? m_buyer : token);
}

QString tst_PortalLists::create(const QString &name, int lines, const QString &token)
{
    const QString id = newListId();
    const HttpResponse r = put(id, listBody(name, lines), newKey(), Create, token);
    if (r.status != 201)
        qWarning("create answered %d: %s", r.status, r.body.constData());
    return r.status == 201 ? id : QString();
}

tst_PortalLists::Snapshot tst_PortalLists::snapshot(const QString &id, const QString &token)
{
    const QString t = token.isEmpty() ? m_buyer : token;
    const FeedPull pull = pullFeed(*m_client, t, Feed::Lists, 1000);
    if (!pull.converged())
        qWarning("lists feed does not converge: %s", qPrintable(pull.error));
    Snapshot s{pull.entries, pull.next, {}};
    if (!id.isEmpty()) {
        const HttpResponse r = get(id, t);
        s.body = QByteArray::number(r.status) + ' ' + r.header("ETag") + ' ' + r.body;
    }
    return s;
}

std::unique_ptr<DbConnection> tst_PortalLists::openDatabase()
{
    QString error;
    const auto url = DbUrl::parse(m_portal->dbArgument(), &error);
    if (!url)
        qFatal("cannot parse the portal's database URL: %s", qPrintable(error));
    return DbConnection::open(*url);
}

IdempotencyStore::Scope tst_PortalLists::scopeOf(DbConnection &db, const QString &username,
                                                 const QString &key)
{
    Statement q = db.prepare(QStringLiteral("SELECT account_id, id FROM users WHERE username = ?"));
    q.bind(username).exec();
    if (!q.next())
        qFatal("no user %s", qPrintable(username));
    return IdempotencyStore::Scope{q.int64(0), q.int64(1), key};
}

void tst_PortalLists::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(demoArguments(), &error), qPrintable(error));
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_buyer = m_client->accessToken(QStringLiteral("buyer@bayside.example"));
    m_approver = m_client->accessToken(QStringLiteral("approver@bayside.example"));
    m_viewer = m_client->accessToken(QStringLiteral("viewer@bayside.example"));
    m_other = m_client->accessToken(QStringLiteral("buyer@northgate.example"));
    m_child = m_client->accessToken(QStringLiteral("buyer@yard.bayside.example"));
    QVERIFY(!m_buyer.isEmpty() && !m_approver.isEmpty() && !m_viewer.isEmpty() &&
            !m_other.isEmpty() && !m_child.isEmpty());
}

void tst_PortalLists::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_PortalLists::demoAccountsStartWithLists()
{
    const QString cedar = m_client->accessToken(QStringLiteral("buyer@cedarridge.example"));
    for (const QString &token : {m_buyer, m_other, cedar}) {
        const FeedPull lists = pullFeed(*m_client, token, Feed::Lists, 1000);
        QVERIFY2(lists.converged(), qPrintable(lists.error));
        QVERIFY(!lists.entries.isEmpty());
        const FeedPull products = pullFeed(*m_client, token, Feed::Products, 1000);
        QVERIFY2(products.converged(), qPrintable(products.error));
        for (auto it = lists.entries.cbegin(); it != lists.entries.cend(); ++it) {
            QList<FieldError> errors;
            const auto list =
                RequisitionList::fromJson(QJsonDocument::fromJson(it.value()).object(),
                                          RequisitionList::JsonForm::Resource, &errors);
            QVERIFY(list.has_value());
            QCOMPARE(list->id, it.key());
            QVERIFY(!list->updatedBy.isEmpty());
            QVERIFY(list->lines.size() >= 3);
            // Every line is a product of the account's own assortment.
            for (const RequisitionListLine &line : list->lines)
                QVERIFY2(products.entries.contains(line.sku), qPrintable(line.sku));
            QCOMPARE(get(list->id, token).json(), list->toJson());
        }
    }
}

void tst_PortalLists::createReplaceDelete()
{
    const QString id = newListId();
    const HttpResponse created = put(
        id,
        R"({"name":" Weekly site consumables ","lines":[{"sku":"HX-M8-40","quantity":"12.500","unit":"BX","note":"bay 3"},{"sku":"GL-1","quantity":"2"}],"version":99})",
        newKey(), Create);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
    QVERIFY(created.header("Content-Type").startsWith("application/json"));
    QList<FieldError> errors;
    const auto list =
        RequisitionList::fromJson(created.json(), RequisitionList::JsonForm::Resource, &errors);
    QVERIFY(list.has_value());
    QCOMPARE(list->id, id);
    QCOMPARE(list->version, 1);
    QCOMPARE(list->name, QStringLiteral("Weekly site consumables"));
    QCOMPARE(list->updatedBy, QStringLiteral("Maria Delgado"));
    QVERIFY(qAbs(list->updatedAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);
    QCOMPARE(list->lines.size(), 2);
    QCOMPARE(created.json().value(u"lines").toArray().at(0).toObject().value(u"quantity"),
             QJsonValue(QStringLiteral("12.5")));
    QCOMPARE(list->lines[0].unit, QStringLiteral("BX"));
    QCOMPARE(list->lines[0].note, QStringLiteral("bay 3"));

    const HttpResponse read = get(id);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.header("ETag"), QByteArray("\"1\""));
    QCOMPARE(read.json(), created.json());

    // Another user of the account sees it and may change it.
    const HttpResponse replaced = put(id, listBody(QStringLiteral("Weekly site consumables"), 3),
                                      newKey(), ifMatch(1), m_approver);
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.header("ETag"), QByteArray("\"2\""));
    QCOMPARE(replaced.json().value(u"version").toInteger(), 2);
    QCOMPARE(replaced.json().value(u"updated_by").toString(), QStringLiteral("Tom Whitaker"));
    QCOMPARE(replaced.json().value(u"lines").toArray().size(), 3);

    // Stale version, create over an existing list, stale delete: 412 with the current list.
    const Snapshot before = snapshot(id);
    const HttpResponse stale = put(id, listBody(QStringLiteral("Mine"), 1), newKey(), ifMatch(1));
    QCOMPARE(stale.status, 412);
    QCOMPARE(stale.problemSlug(), QStringLiteral("version-conflict"));
    QCOMPARE(stale.json().value(u"current").toObject(), replaced.json());
    const HttpResponse again = put(id, listBody(QStringLiteral("Mine"), 1), newKey(), Create);
    QCOMPARE(again.status, 412);
    QCOMPARE(again.json().value(u"current").toObject(), replaced.json());
    const HttpResponse staleDelete = remove(id, newKey(), "\"1\"");
    QCOMPARE(staleDelete.status, 412);
    QCOMPARE(staleDelete.problemSlug(), QStringLiteral("version-conflict"));
    QCOMPARE(staleDelete.json().value(u"current").toObject(), replaced.json());
    QCOMPARE(snapshot(id), before);

    const HttpResponse deleted = remove(id, newKey(), "\"2\"");
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    const HttpResponse gone = get(id);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.problemSlug(), QStringLiteral("not-found"));

    // Replacing a deleted list: 412 with current null; deleting it again: 404.
    const HttpResponse replaceGone =
        put(id, listBody(QStringLiteral("Mine"), 1), newKey(), ifMatch(2));
    QCOMPARE(replaceGone.status, 412);
    QVERIFY(replaceGone.json().contains(u"current"));
    QVERIFY(replaceGone.json().value(u"current").isNull());
    QCOMPARE(remove(id, newKey(), "\"2\"").status, 404);

    // The id is free again: a new create starts at version 1.
    const HttpResponse recreated = put(id, listBody(QStringLiteral("Again"), 1), newKey(), Create);
    QCOMPARE(recreated.status, 201);
    QCOMPARE(recreated.json().value(u"version").toInteger(), 1);
}

void tst_PortalLists::replayReturnsTheSameAnswer()
{
    const QString id = newListId();
    const QByteArray key = newKey();
    const QByteArray body = listBody(QStringLiteral("Workshop restock"), 2);
    const HttpResponse first = put(id, body, key, Create);
    QCOMPARE(first.status, 201);
    QVERIFY(first.header("Idempotent-Replayed").isEmpty());
    const Snapshot after = snapshot(id);

    const HttpResponse second = put(id, body, key, Create);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.body, first.body);
    QCOMPARE(second.header("ETag"), first.header("ETag"));
    QCOMPARE(second.header("Content-Type"), first.header("Content-Type"));
    QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(snapshot(id), after); // no second version, no new feed entry

    const QByteArray replaceKey = newKey();
    const QByteArray replaceBody = listBody(QStringLiteral("Workshop restock"), 4);
    const HttpResponse replaced = put(id, replaceBody, replaceKey, ifMatch(1));
    QCOMPARE(replaced.status, 200);
    const Snapshot afterReplace = snapshot(id);
    const HttpResponse replayedReplace = put(id, replaceBody, replaceKey, ifMatch(1));
    QCOMPARE(replayedReplace.status, 200);
    QCOMPARE(replayedReplace.body, replaced.body);
    QCOMPARE(replayedReplace.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(snapshot(id), afterReplace);
    QCOMPARE(get(id).json().value(u"version").toInteger(), 2);

    // A stored conflict is replayed as it was, even once the list has moved on.
    const QByteArray conflictKey = newKey();
    const HttpResponse conflict = put(id, replaceBody, conflictKey, ifMatch(1));
    QCOMPARE(conflict.status, 412);
    const HttpResponse conflictAgain = put(id, replaceBody, conflictKey, ifMatch(1));
    QCOMPARE(conflictAgain.status, 412);
    QCOMPARE(conflictAgain.body, conflict.body);
    QCOMPARE(conflictAgain.header("Idempotent-Replayed"), QByteArray("true"));

    const QByteArray deleteKey = newKey();
    QCOMPARE(remove(id, deleteKey, "\"2\"").status, 204);
    const Snapshot afterDelete = snapshot(id);
    const HttpResponse deleteAgain = remove(id, deleteKey, "\"2\"");
    QCOMPARE(deleteAgain.status, 204);
    QCOMPARE(deleteAgain.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(snapshot(id), afterDelete);
}

void tst_PortalLists::keyReusedForAnotherRequest()
{
    const QString id = newListId();
    const QByteArray key = newKey();
    QCOMPARE(put(id, listBody(QStringLiteral("A"), 1), key, Create).status, 201);
    const Snapshot before = snapshot(id);

    const HttpResponse otherBody = put(id, listBody(QStringLiteral("B"), 1), key, Create);
    QCOMPARE(otherBody.status, 422);
    QCOMPARE(otherBody.problemSlug(), QStringLiteral("idempotency-key-reused"));
    const HttpResponse otherPath = put(newListId(), listBody(QStringLiteral("A"), 1), key, Create);
    QCOMPARE(otherPath.status, 422);
    QCOMPARE(otherPath.problemSlug(), QStringLiteral("idempotency-key-reused"));
    const HttpResponse otherMethod = remove(id, key, "\"1\"");
    QCOMPARE(otherMethod.status, 422);
    QCOMPARE(otherMethod.problemSlug(), QStringLiteral("idempotency-key-reused"));
    QCOMPARE(snapshot(id), before);
}

void tst_PortalLists::keysAreScopedByUser()
{
    // The approver sends the very request the buyer sent, with the same key: it is a new
    // request of another user, so it meets the buyer's list instead of the buyer's answer.
    const QString id = newListId();
    const QByteArray key = newKey();
    const QByteArray body = listBody(QStringLiteral("Shared"), 1);
    QCOMPARE(put(id, body, key, Create).status, 201);
    const HttpResponse approver = put(id, body, key, Create, m_approver);
    QCOMPARE(approver.status, 412);
    QVERIFY(approver.header("Idempotent-Replayed").isEmpty());
}

void tst_PortalLists::requestInProgress()
{
    const QString id = newListId();
    const QByteArray key = newKey();
    const QByteArray body = listBody(QStringLiteral("In flight"), 1);
    auto db = openDatabase();
    IdempotencyStore store(*db);
    const auto scope =
        scopeOf(*db, QStringLiteral("buyer@bayside.example"), QString::fromLatin1(key));
    const auto claim =
        store.claim(scope, "PUT", QStringLiteral("/api/v1/lists/") + id, body,
                    IdempotencyStore::Retention::Hours, QDateTime::currentSecsSinceEpoch());
    QCOMPARE(claim.outcome, IdempotencyStore::Outcome::Claimed);

    const HttpResponse busy = put(id, body, key, Create);
    QCOMPARE(busy.status, 409);
    QCOMPARE(busy.problemSlug(), QStringLiteral("request-in-progress"));
    QCOMPARE(get(id).status, 404);
    // A different body with the key is still a reuse, in progress or not.
    QCOMPARE(put(id, listBody(QStringLiteral("Other"), 1), key, Create).problemSlug(),
             QStringLiteral("idempotency-key-reused"));

    // The first request failed without an answer: the key is free for the retry.
    store.release(scope);
    QCOMPARE(put(id, body, key, Create).status, 201);

    // The store itself: a completed key replays; a different body is a reuse.
    const IdempotencyStore::Scope orderScope{scope.accountId, scope.userId,
                                             QStringLiteral("order-1")};
    const qint64 longAgo = QDateTime::currentSecsSinceEpoch() - 400 * 24 * 3600;
    QCOMPARE(store
                 .claim(orderScope, "POST", QStringLiteral("/api/v1/orders"), "{}",
                        IdempotencyStore::Retention::Forever, longAgo)
                 .outcome,
             IdempotencyStore::Outcome::Claimed);
    db->write([&] { store.complete(orderScope, {201, "application/json", "\"7\"", "{\"n\":1}"}); });
    const auto replay = store.claim(orderScope, "POST", QStringLiteral("/api/v1/orders"), "{}",
                                    IdempotencyStore::Retention::Forever, longAgo + 10);
    QCOMPARE(replay.outcome, IdempotencyStore::Outcome::Replay);
    QCOMPARE(replay.response.status, 201);
    QCOMPARE(replay.response.etag, QByteArray("\"7\""));
    QCOMPARE(replay.response.body, QByteArray("{\"n\":1}"));
    QCOMPARE(store
                 .claim(orderScope, "POST", QStringLiteral("/api/v1/orders"), "{ }",
                        IdempotencyStore::Retention::Forever, longAgo + 10)
                 .outcome,
             IdempotencyStore::Outcome::Reused);
}

void tst_PortalLists::abandonedClaimIsTakenOver()
{
    const QString id = newListId();
    const QByteArray key = newKey();
    const QByteArray body = listBody(QStringLiteral("Crashed"), 1);
    auto db = openDatabase();
    IdempotencyStore store(*db);
    const auto scope =
        scopeOf(*db, QStringLiteral("buyer@bayside.example"), QString::fromLatin1(key));
    const qint64 then =
        QDateTime::currentSecsSinceEpoch() - IdempotencyStore::AbandonedAfterSeconds - 5;
    QCOMPARE(store
                 .claim(scope, "PUT", QStringLiteral("/api/v1/lists/") + id, body,
                        IdempotencyStore::Retention::Hours, then)
                 .outcome,
             IdempotencyStore::Outcome::Claimed);
    QCOMPARE(put(id, body, key, Create).status, 201);
}

void tst_PortalLists::rejectsRequest_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path"); // %1: the id of an existing list (version 1)
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("slug");

    const QByteArray body = listBody(QStringLiteral("Changed"), 1);
    const QByteArray key = "k-" + newKey();
    const Headers json{{"Content-Type", "application/json"}};
    const Headers withKey = json + Headers{{"Idempotency-Key", key}};
    const QString list = QStringLiteral("/api/v1/lists/%1");
    // clang-format off
    QTest::newRow("put without key") << "PUT" << list << body << (json + ifMatch(1)) << 400 << "idempotency-key-missing";
    QTest::newRow("delete without key") << "DELETE" << list << QByteArray() << ifMatch(1) << 400 << "idempotency-key-missing";
    QTest::newRow("empty key") << "PUT" << list << body << (json + Headers{{"Idempotency-Key", ""}} + ifMatch(1)) << 400 << "idempotency-key-missing";
    QTest::newRow("key too long") << "PUT" << list << body << (json + Headers{{"Idempotency-Key", QByteArray(201, 'k')}} + ifMatch(1)) << 400 << "bad-request";
    QTest::newRow("put without precondition") << "PUT" << list << body << withKey << 428 << "precondition-required";
    QTest::newRow("delete without precondition") << "DELETE" << list << QByteArray() << Headers{{"Idempotency-Key", key}} << 428 << "precondition-required";
    QTest::newRow("If-Match not quoted") << "PUT" << list << body << (withKey + Headers{{"If-Match", "1"}}) << 400 << "bad-request";
    QTest::newRow("If-None-Match not *") << "PUT" << list << body << (withKey + Headers{{"If-None-Match", "\"1\""}}) << 400 << "bad-request";
    QTest::newRow("both preconditions") << "PUT" << list << body << (withKey + ifMatch(1) + Create) << 400 << "bad-request";
    QTest::newRow("uppercase id") << "PUT" << QStringLiteral("/api/v1/lists/3F1C2A4E-8D7B-4C1E-9A55-0B6F1D2E3C4A") << body << (withKey + Create) << 400 << "invalid-list-id";
    QTest::newRow("id not a uuid") << "DELETE" << QStringLiteral("/api/v1/lists/weekly") << QByteArray() << (withKey + ifMatch(1)) << 400 << "invalid-list-id";
    QTest::newRow("get id not a uuid") << "GET" << QStringLiteral("/api/v1/lists/weekly") << QByteArray() << Headers() << 400 << "invalid-list-id";
    QTest::newRow("form body") << "PUT" << list << body << (Headers{{"Content-Type", "application/x-www-form-urlencoded"}, {"Idempotency-Key", key}} + ifMatch(1)) << 415 << "unsupported-media-type";
    QTest::newRow("malformed JSON") << "PUT" << list << QByteArray(R"({"name":"A","lines":[)") << (withKey + ifMatch(1)) << 400 << "malformed-json";
    QTest::newRow("POST") << "POST" << list << body << (withKey + ifMatch(1)) << 405 << "method-not-allowed";
    // clang-format on
}

void tst_PortalLists::rejectsRequest()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(int, status);
    QFETCH(QString, slug);

    const QString id = create(QStringLiteral("Untouched"));
    QVERIFY(!id.isEmpty());
    const Snapshot before = snapshot(id);
    headers.append({"Authorization", "Bearer " + m_buyer.toLatin1()});
    const HttpResponse r = m_client->send(
        method.toLatin1(), path.contains(u"%1") ? path.arg(id) : path, body, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(r.problemSlug(), slug);
    QVERIFY(!r.json().value(u"detail").toString().isEmpty());
    QCOMPARE(snapshot(id), before);
}

void tst_PortalLists::rejectsInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("pointers");
    const QByteArray ok = R"({"sku":"A-1","quantity":"1"})";
    // clang-format off
    QTest::newRow("array") << QByteArray("[]") << strings({""});
    QTest::newRow("no name") << QByteArray(R"({"lines":[]})") << strings({"/name"});
    QTest::newRow("blank name") << QByteArray(R"({"name":"  ","lines":[]})") << strings({"/name"});
    QTest::newRow("long name") << QByteArray(R"({"name":")" + QByteArray(121, 'n') + R"(","lines":[]})") << strings({"/name"});
    QTest::newRow("no lines") << QByteArray(R"({"name":"A"})") << strings({"/lines"});
    QTest::newRow("line 3 quantity number") << QByteArray(R"({"name":"A","lines":[)" + ok + "," + ok + "," + ok + R"(,{"sku":"B","quantity":4}]})") << strings({"/lines/3/quantity"});
    QTest::newRow("zero quantity") << QByteArray(R"({"name":"A","lines":[{"sku":"B","quantity":"0"}]})") << strings({"/lines/0/quantity"});
    QTest::newRow("five decimals") << QByteArray(R"({"name":"A","lines":[{"sku":"B","quantity":"0.00001"}]})") << strings({"/lines/0/quantity"});
    QTest::newRow("long sku and note") << QByteArray(R"({"name":"A","lines":[{"sku":")" + QByteArray(65, 's') + R"(","quantity":"1","note":")" + QByteArray(201, 'n') + R"("}]})") << strings({"/lines/0/sku", "/lines/0/note"});
    QTest::newRow("name and line") << QByteArray(R"({"name":7,"lines":[)" + ok + R"(,{"quantity":"-2"}]})") << strings({"/name", "/lines/1/sku", "/lines/1/quantity"});
    // clang-format on
}

void tst_PortalLists::rejectsInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, pointers);
    const QString id = create(QStringLiteral("Untouched"));
    QVERIFY(!id.isEmpty());
    const QString fresh = newListId();
    const Snapshot before = snapshot(id);

    for (const auto &[target, precondition] :
         {qMakePair(id, ifMatch(1)), qMakePair(fresh, Create)}) {
        const HttpResponse r = put(target, body, newKey(), precondition);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.problemSlug(), QStringLiteral("invalid-list"));
        QStringList got;
        const QJsonArray errors = r.json().value(u"errors").toArray();
        for (const QJsonValue &e : errors) {
            got.append(e.toObject().value(u"pointer").toString());
            QVERIFY(!e.toObject().value(u"detail").toString().isEmpty());
        }
        QCOMPARE(got, pointers);
    }
    QCOMPARE(snapshot(id), before);
    QCOMPARE(get(fresh).status, 404);
}

void tst_PortalLists::viewerMayReadButNotChange()
{
    const QString id = create(QStringLiteral("Viewed"));
    QVERIFY(!id.isEmpty());
    const Snapshot before = snapshot(id);
    QCOMPARE(get(id, m_viewer).status, 200);
    const HttpResponse replace =
        put(id, listBody(QStringLiteral("Viewer"), 1), newKey(), ifMatch(1), m_viewer);
    QCOMPARE(replace.status, 403);
    QCOMPARE(replace.problemSlug(), QStringLiteral("forbidden"));
    const HttpResponse createNew =
        put(newListId(), listBody(QStringLiteral("Viewer"), 1), newKey(), Create, m_viewer);
    QCOMPARE(createNew.status, 403);
    const HttpResponse del = remove(id, newKey(), "\"1\"", m_viewer);
    QCOMPARE(del.status, 403);
    QCOMPARE(snapshot(id), before);
    QVERIFY(snapshot(id, m_viewer).entries.contains(id));

    const HttpResponse anonymous = m_client->send("PUT", QStringLiteral("/api/v1/lists/") + id,
                                                  listBody(QStringLiteral("X"), 1),
                                                  {{"Content-Type", "application/json"},
                                                   {"Idempotency-Key", newKey()},
                                                   {"If-Match", "\"1\""}});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(snapshot(id), before);
}

void tst_PortalLists::otherAccountsListIsNotFound()
{
    const QString id = create(QStringLiteral("Bayside only"));
    QVERIFY(!id.isEmpty());
    const Snapshot before = snapshot(id);

    for (const QString &token : {m_other, m_child}) {
        const Snapshot theirs = snapshot(QString(), token);
        QVERIFY(!theirs.entries.contains(id));
        QCOMPARE(get(id, token).status, 404);
        const HttpResponse replace =
            put(id, listBody(QStringLiteral("Stolen"), 1), newKey(), ifMatch(1), token);
        QCOMPARE(replace.status, 404);
        QCOMPARE(replace.problemSlug(), QStringLiteral("not-found"));
        QVERIFY(!replace.body.contains("Bayside only"));
        const HttpResponse overwrite =
            put(id, listBody(QStringLiteral("Stolen"), 1), newKey(), Create, token);
        QCOMPARE(overwrite.status, 404);
        QCOMPARE(remove(id, newKey(), "\"1\"", token).status, 404);
        QCOMPARE(snapshot(QString(), token), theirs);
    }
    QCOMPARE(snapshot(id), before);
}

void tst_PortalLists::feedCarriesUpsertsAndTombstones()
{
    const FeedPull start = pullFeed(*m_client, m_buyer, Feed::Lists, 1000);
    QVERIFY2(start.converged(), qPrintable(start.error));

    const QString a = create(QStringLiteral("Feed A"), 2);
    const QString b = create(QStringLiteral("Feed B"), 5);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const HttpResponse replaced =
        put(a, listBody(QStringLiteral("Feed A, renamed"), 1), newKey(), ifMatch(1));
    QCOMPARE(replaced.status, 200);
    QCOMPARE(remove(b, newKey(), "\"1\"").status, 204);

    // From the earlier cursor, with small pages: count and hash verify.
    const FeedPull pull = pullFeed(*m_client, m_buyer, Feed::Lists, 2, start.next, start.entries);
    QVERIFY2(pull.converged(), qPrintable(pull.error));
    QCOMPARE(pull.entries.size(), start.entries.size() + 1);
    QCOMPARE(QJsonDocument::fromJson(pull.entries.value(a)).object(), replaced.json());
    QVERIFY(!pull.entries.contains(b));
    bool sawTombstone = false;
    for (const FeedItem &item : pull.items)
        sawTombstone = sawTombstone || (item.key == b && item.deleted);
    QVERIFY(sawTombstone);
    // The stored payload is the canonical JSON of the list.
    QCOMPARE(pull.entries.value(a), canonicalJson(replaced.json()));

    // From zero: the same entries.
    const FeedPull full = pullFeed(*m_client, m_buyer, Feed::Lists, 1000);
    QVERIFY2(full.converged(), qPrintable(full.error));
    QCOMPARE(full.entries, pull.entries);

    // Readable with catalog:read: the viewer gets the same feed.
    const FeedPull viewer = pullFeed(*m_client, m_viewer, Feed::Lists, 1000);
    QVERIFY2(viewer.converged(), qPrintable(viewer.error));
    QCOMPARE(viewer.entries, full.entries);
}

void tst_PortalLists::purgeByRetention()
{
    const QString id = newListId();
    const QByteArray oldKey = newKey();
    const QByteArray body = listBody(QStringLiteral("Purged key"), 1);
    QCOMPARE(put(id, body, oldKey, Create).status, 201);
    const QByteArray recentKey = newKey();
    const QByteArray recentBody = listBody(QStringLiteral("Recent key"), 1);
    const QString recentId = newListId();
    QCOMPARE(put(recentId, recentBody, recentKey, Create).status, 201);

    auto db = openDatabase();
    IdempotencyStore store(*db);
    const auto scope =
        scopeOf(*db, QStringLiteral("buyer@bayside.example"), QString::fromLatin1(oldKey));
    // Age the first key beyond the default retention (48 hours).
    db->write([&] {
        db->prepare(QStringLiteral("UPDATE idempotency_keys SET created_at = created_at - ? "
                                   "WHERE account_id = ? AND user_id = ? AND idem_key = ?"))
            .bind(49 * 3600)
            .bind(scope.accountId)
            .bind(scope.userId)
            .bind(scope.key)
            .exec();
    });
    // An order key of the same age is kept orderScope.
    const IdempotencyStore::Scope order{scope.accountId, scope.userId, QStringLiteral("order-2")};
    QCOMPARE(store
                 .claim(order, "POST", QStringLiteral("/api/v1/orders"), "{}",
                        IdempotencyStore::Retention::Forever,
                        QDateTime::currentSecsSinceEpoch() - 49 * 3600)
                 .outcome,
             IdempotencyStore::Outcome::Claimed);
    db->write([&] { store.complete(order, {201, "application/json", {}, "{}"}); });

    QString output;
    QCOMPARE(m_portal->runMaintenance({QStringLiteral("--purge-tombstones")}, &output), 0);
    QVERIFY2(output.contains(QStringLiteral("purged 1 idempotency keys older than 48 hours")),
             qPrintable(output));

    // The purged key is a new request now: a create over the existing list.
    const HttpResponse afterPurge = put(id, body, oldKey, Create);
    QCOMPARE(afterPurge.status, 412);
    QVERIFY(afterPurge.header("Idempotent-Replayed").isEmpty());
    // The recent key still replays; the order key is still there.
    QCOMPARE(put(recentId, recentBody, recentKey, Create).header("Idempotent-Replayed"),
             QByteArray("true"));
    QCOMPARE(store
                 .claim(order, "POST", QStringLiteral("/api/v1/orders"), "{}",
                        IdempotencyStore::Retention::Forever, QDateTime::currentSecsSinceEpoch())
                 .outcome,
             IdempotencyStore::Outcome::Replay);

    // A retention below a day is refused: keys are kept at least 24 hours.
    QVERIFY(m_portal->runMaintenance({QStringLiteral("--purge-tombstones"),
                                      QStringLiteral("--idempotency-retention-hours"),
                                      QStringLiteral("23")}) != 0);
}

void tst_PortalLists::problemPagesExplainTheNewSlugs()
{
    for (const char *slug :
         {"idempotency-key-missing", "idempotency-key-reused", "request-in-progress",
          "precondition-required", "version-conflict", "invalid-list", "invalid-list-id"}) {
        const HttpResponse page = m_client->get(QStringLiteral("/problems/") + QLatin1String(slug));
        QVERIFY2(page.status == 200, slug);
        QVERIFY2(page.body.size() > 80, slug);
        QVERIFY2(!page.body.startsWith("Error"), slug); // a registered title
    }
}

QTEST_GUILESS_MAIN(tst_PortalLists)
#include "tst_portallists.moc"
