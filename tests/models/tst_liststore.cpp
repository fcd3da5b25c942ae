// Saved lists in the client cache: edits folded into the outbox or queued behind a change
// that was sent, the list as the user sees it, the lists feed, conflicts and refusals.
#include "catalogfixtures.h"
#include "models/cartstore.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/liststore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace qm;

namespace {

struct Cache
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<ListStore> lists;

    Cache() { reopen(); }
    void reopen()
    {
        lists.reset();
        db.reset();
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        lists = std::make_unique<ListStore>(*db);
    }
};

RequisitionListLine line(const QString &sku, const QString &quantity, const QString &unit = {},
                         const QString &note = {})
{
    RequisitionListLine l;
    l.sku = sku;
    const auto parsed = Decimal::parse(quantity);
    if (!parsed)
        qFatal("not a quantity: %s", qPrintable(quantity));
    l.quantity = *parsed;
    l.unit = unit;
    l.note = note;
    return l;
}

const QString ServerId = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");

RequisitionList serverList(qint64 version, const QString &name,
                           const QList<RequisitionListLine> &lines,
                           const QString &by = QStringLiteral("Dana Reyes"),
                           const QString &id = ServerId)
{
    RequisitionList l;
    l.id = id;
    l.name = name;
    l.version = version;
    l.updatedAt = QDateTime(QDate(2026, 11, 26), QTime(8, 0), QTimeZone::utc());
    l.updatedBy = by;
    l.lines = lines;
    return l;
}

QJsonObject serverJson(qint64 version, const QString &name, const QList<RequisitionListLine> &lines,
                       const QString &by = QStringLiteral("Dana Reyes"),
                       const QString &id = ServerId)
{
    return serverList(version, name, lines, by, id).toJson();
}

// "SKU:QTY[:UNIT]" per line, comma-separated.
QString linesText(const QList<RequisitionListLine> &lines)
{
    QStringList parts;
    for (const RequisitionListLine &l : lines)
        parts << (l.unit.isEmpty()
                      ? QStringLiteral("%1:%2").arg(l.sku, l.quantity.toString(0))
                      : QStringLiteral("%1:%2:%3").arg(l.sku, l.quantity.toString(0), l.unit));
    return parts.join(u',');
}

// One change as "put base=3 tries=0 Site|HX-1:2" or "delete base=- tries=1".
QString changeText(const ListChange &c)
{
    QString out = c.op == ListChange::Op::Put ? QStringLiteral("put") : QStringLiteral("delete");
    out += QStringLiteral(" base=%1 tries=%2")
               .arg(c.baseVersion ? QString::number(*c.baseVersion) : QStringLiteral("-"))
               .arg(c.attempts);
    if (c.failed)
        out += QStringLiteral(" failed");
    if (c.op == ListChange::Op::Put) {
        const QJsonObject o = QJsonDocument::fromJson(c.body).object();
        QList<RequisitionListLine> lines;
        for (const QJsonValue &v : o.value(u"lines").toArray()) {
            const QJsonObject lo = v.toObject();
            lines << line(lo.value(u"sku").toString(), lo.value(u"quantity").toString(),
                          lo.value(u"unit").toString());
        }
        out += QStringLiteral(" %1|%2").arg(o.value(u"name").toString(), linesText(lines));
    }
    return out;
}

QStringList outboxText(const ListStore &store)
{
    QStringList out;
    for (const ListChange &c : store.outbox())
        out << changeText(c);
    return out;
}

QString stateName(ListSyncState s)
{
    switch (s) {
    case ListSyncState::Synced:
        return QStringLiteral("synced");
    case ListSyncState::Waiting:
        return QStringLiteral("waiting");
    case ListSyncState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

// The list as the user sees it: "Site|HX-1:2|waiting", or "-" when it is not listed.
QString viewText(const ListStore &store, const QString &id)
{
    for (const ListInfo &info : store.lists()) {
        if (info.list.id == id)
            return QStringLiteral("%1|%2|%3")
                .arg(info.list.name, linesText(info.list.lines), stateName(info.state));
    }
    return QStringLiteral("-");
}

// Applies pages of the lists feed as the sync does, then verifies count and hash.
bool pull(Database &db, const test::FakeFeed &feed, QString *error)
{
    CatalogStore store(db);
    qint64 after = store.state(Feed::Lists).cursor;
    for (;;) {
        const FeedPage page = feed.page(after, 2);
        if (!store.applyPage(Feed::Lists, page, error))
            return false;
        after = page.next;
        if (!page.hasMore)
            return store.finishPull(Feed::Lists, *page.count, *page.hash, error);
    }
}

} // namespace

class tst_ListStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void edits_data();
    void edits();
    void retrySendsTheSameKeyAndBody();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void feedAppliesAndVerifies();
    void badFeedPayloadAbortsThePage();
    void tombstoneKeepsPendingEdit();
    void conflictKeepsBothEdits();
    void conflictWithDeletedList();
    void deleteMeetingNewerVersionIsNotApplied();
    void refusedChangeStaysVisible();
    void discardChangesRestoresThePortalVersion_data();
    void discardChangesRestoresThePortalVersion();
    void nothingToDiscardOrDismiss();
    void saveCartAsList();
    void findByIdOrUniqueName();
    void outboxSurvivesReopen();
};

// Each row starts from a list (a local one, created here and never sent, or one the
// server has at version 3: "Site", HX-1 x 2) and runs a few steps; then the outbox and the
// list as the user sees it are compared.
//   rename NAME | add SKU QTY | remove SKU | delete | send (the next change goes out)
//   accept (the portal accepts the first change: version + 1) | fail (refuses it)
void tst_ListStore::edits_data()
{
    QTest::addColumn<bool>("onServer");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("outbox");
    QTest::addColumn<QString>("view");

    const auto s = [](const char *text) {
        return QString::fromLatin1(text).split(u';', Qt::SkipEmptyParts);
    };

    QTest::newRow("new list is a create")
        << false << QStringList() << s("put base=0 tries=0 Site|HX-1:2")
        << QStringLiteral("Site|HX-1:2|waiting");
    QTest::newRow("edits fold into an unsent create")
        << false << s("rename Yard;add HX-2 5;add HX-1 1.5")
        << s("put base=0 tries=0 Yard|HX-1:3.5,HX-2:5")
        << QStringLiteral("Yard|HX-1:3.5,HX-2:5|waiting");
    QTest::newRow("delete of an unsent create leaves nothing")
        << false << s("add HX-2 1;delete") << QStringList() << QStringLiteral("-");
    QTest::newRow("synced list shows the server state")
        << true << QStringList() << QStringList() << QStringLiteral("Site|HX-1:2|synced");
    QTest::newRow("edits of a synced list fold into one put")
        << true << s("add HX-2 4;remove HX-1;rename Bay 3") << s("put base=3 tries=0 Bay 3|HX-2:4")
        << QStringLiteral("Bay 3|HX-2:4|waiting");
    QTest::newRow("edit then delete becomes a delete")
        << true << s("add HX-2 4;delete") << s("delete base=3 tries=0") << QStringLiteral("-");
    QTest::newRow("a sent change is frozen; later edits queue behind it")
        << true << s("rename A;send;rename B;add HX-9 1")
        << s("put base=3 tries=1 A|HX-1:2;put base=- tries=0 B|HX-1:2,HX-9:1")
        << QStringLiteral("B|HX-1:2,HX-9:1|waiting");
    QTest::newRow("edits fold into the change queued behind a frozen one")
        << true << s("rename A;send;rename B;rename C")
        << s("put base=3 tries=1 A|HX-1:2;put base=- tries=0 C|HX-1:2")
        << QStringLiteral("C|HX-1:2|waiting");
    QTest::newRow("the next change takes the version the frozen one returns")
        << true << s("rename A;send;rename B;accept") << s("put base=4 tries=0 B|HX-1:2")
        << QStringLiteral("B|HX-1:2|waiting");
    QTest::newRow("frozen create, then an edit: based on version 1")
        << false << s("send;rename B;accept") << s("put base=1 tries=0 B|HX-1:2")
        << QStringLiteral("B|HX-1:2|waiting");
    QTest::newRow("accepted change: synced with the new version")
        << true << s("rename A;send;accept") << QStringList() << QStringLiteral("A|HX-1:2|synced");
    QTest::newRow("delete after a frozen put queues behind it")
        << true << s("rename A;send;delete")
        << s("put base=3 tries=1 A|HX-1:2;delete base=- tries=0") << QStringLiteral("-");
    QTest::newRow("refused change stays; later edits queue behind it")
        << true << s("rename A;send;fail;rename B")
        << s("put base=3 tries=1 failed A|HX-1:2;put base=- tries=0 B|HX-1:2")
        << QStringLiteral("B|HX-1:2|failed");
    QTest::newRow("refused delete keeps the list visible")
        << true << s("delete;send;fail") << s("delete base=3 tries=1 failed")
        << QStringLiteral("Site|HX-1:2|failed");
}

void tst_ListStore::edits()
{
    QFETCH(bool, onServer);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, outbox);
    QFETCH(QString, view);

    Cache c;
    QString error;
    QString id;
    if (onServer) {
        test::FakeFeed feed(Feed::Lists);
        feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                         {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
        QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
        id = ServerId;
    } else {
        const auto created = c.lists->create(
            QStringLiteral("Site"), {line(QStringLiteral("HX-1"), QStringLiteral("2"))}, &error);
        QVERIFY2(created, qPrintable(error));
        id = created->list.id;
    }

    for (const QString &step : std::as_const(steps)) {
        const QString verb = step.section(u' ', 0, 0);
        const QString rest = step.section(u' ', 1);
        bool ok = true;
        if (verb == u"rename") {
            ok = c.lists->rename(id, rest, &error);
        } else if (verb == u"add") {
            ok = c.lists->addLine(id, line(rest.section(u' ', 0, 0), rest.section(u' ', 1, 1)),
                                  &error);
        } else if (verb == u"remove") {
            ok = c.lists->removeSku(id, rest, &error).has_value();
        } else if (verb == u"delete") {
            ok = c.lists->remove(id, &error);
        } else if (verb == u"send") {
            const auto next = c.lists->nextChange();
            QVERIFY(next);
            ok = c.lists->beginSend(next->id, &error).has_value();
        } else if (verb == u"accept") {
            const ListChange first = c.lists->outbox().constFirst();
            QVERIFY(first.attempts > 0);
            std::optional<RequisitionList> server;
            if (first.op == ListChange::Op::Put) {
                const QJsonObject body = QJsonDocument::fromJson(first.body).object();
                QList<RequisitionListLine> lines;
                for (const QJsonValue &v : body.value(u"lines").toArray())
                    lines << line(v[u"sku"].toString(), v[u"quantity"].toString());
                server = serverList(*first.baseVersion + 1, body.value(u"name").toString(), lines,
                                    QStringLiteral("Me"), id);
            }
            ok = c.lists->recordAccepted(first.id, server, &error);
        } else if (verb == u"fail") {
            ok = c.lists->recordFailed(c.lists->outbox().constFirst().id,
                                       QStringLiteral("forbidden"), &error);
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown step %1").arg(step)));
        }
        QVERIFY2(ok, qPrintable(QStringLiteral("%1: %2").arg(step, error)));
    }
    QCOMPARE(outboxText(*c.lists), outbox);
    QCOMPARE(viewText(*c.lists, id), view);
}

void tst_ListStore::retrySendsTheSameKeyAndBody()
{
    Cache c;
    QString error;
    const auto created = c.lists->create(
        QStringLiteral("Site"), {line(QStringLiteral("HX-1"), QStringLiteral("2"))}, &error);
    QVERIFY2(created, qPrintable(error));
    const auto first = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(c.lists->recordRetryLater(first->id, QStringLiteral("network"), &error));
    // An edit after the attempt must not change what a retry sends.
    QVERIFY(c.lists->rename(created->list.id, QStringLiteral("Other"), &error));
    c.reopen();
    const auto next = c.lists->nextChange();
    QVERIFY(next);
    QCOMPARE(next->id, first->id);
    const auto again = c.lists->beginSend(next->id, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->idempotencyKey, first->idempotencyKey);
    QCOMPARE(again->body, first->body);
    QCOMPARE(again->baseVersion, std::optional<qint64>(0));
    QCOMPARE(again->attempts, 2);
    QCOMPARE(again->lastError, QStringLiteral("network"));
    QCOMPARE(c.lists->outbox().size(), 2);
    QVERIFY(c.lists->outbox().at(1).idempotencyKey != first->idempotencyKey);
}

void tst_ListStore::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("sku");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<QString>("note");

    const QString ok = QStringLiteral("Site");
    QTest::newRow("empty name") << QStringLiteral("   ") << QStringLiteral("HX-1")
                                << QStringLiteral("1") << QString();
    QTest::newRow("name too long")
        << QString(121, u'n') << QStringLiteral("HX-1") << QStringLiteral("1") << QString();
    QTest::newRow("zero quantity")
        << ok << QStringLiteral("HX-1") << QStringLiteral("0") << QString();
    QTest::newRow("negative quantity")
        << ok << QStringLiteral("HX-1") << QStringLiteral("-2") << QString();
    QTest::newRow("empty sku") << ok << QString() << QStringLiteral("1") << QString();
    QTest::newRow("sku too long") << ok << QString(65, u'S') << QStringLiteral("1") << QString();
    QTest::newRow("note too long")
        << ok << QStringLiteral("HX-1") << QStringLiteral("1") << QString(201, u'x');
}

void tst_ListStore::badInputChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, sku);
    QFETCH(QString, quantity);
    QFETCH(QString, note);

    Cache c;
    QString error;
    const auto existing = c.lists->create(
        QStringLiteral("Keep"), {line(QStringLiteral("HX-1"), QStringLiteral("1"))}, &error);
    QVERIFY2(existing, qPrintable(error));
    const QStringList before = outboxText(*c.lists);

    QVERIFY(!c.lists->create(name, {line(sku, quantity, {}, note)}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    const bool edited =
        name == u"Site" ? c.lists->addLine(existing->list.id, line(sku, quantity, {}, note), &error)
                        : c.lists->rename(existing->list.id, name, &error);
    QVERIFY(!edited);
    QVERIFY(!error.isEmpty());
    QCOMPARE(outboxText(*c.lists), before);
    QCOMPARE(c.lists->lists().size(), 1);
    QCOMPARE(viewText(*c.lists, existing->list.id), QStringLiteral("Keep|HX-1:1|waiting"));
}

void tst_ListStore::feedAppliesAndVerifies()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    const QString other = QStringLiteral("11111111-2222-4333-8444-555555555555");
    feed.upsert(ServerId, serverJson(1, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    feed.upsert(other, serverJson(2, QStringLiteral("Bay"),
                                  {line(QStringLiteral("HX-2"), QStringLiteral("1.25"),
                                        QStringLiteral("BX"))},
                                  QStringLiteral("Sam"), other));
    feed.upsert(ServerId, serverJson(2, QStringLiteral("Site 2"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("3")),
                                      line(QStringLiteral("HX-3"), QStringLiteral("1"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Site 2|HX-1:3,HX-3:1|synced"));
    QCOMPARE(viewText(*c.lists, other), QStringLiteral("Bay|HX-2:1.25:BX|synced"));
    const auto bay = c.lists->list(other);
    QVERIFY(bay);
    QCOMPARE(bay->list.version, 2);
    QCOMPARE(bay->list.updatedBy, QStringLiteral("Sam"));

    feed.remove(other);
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QCOMPARE(viewText(*c.lists, other), QStringLiteral("-"));
    QVERIFY(!c.lists->list(other));
    CatalogStore store(*c.db);
    QCOMPARE(store.state(Feed::Lists).count, 1);
    QVERIFY(store.state(Feed::Lists).verifiedAt.isValid());
    QCOMPARE(store.recomputeDigest(Feed::Lists), feed.digest());
}

void tst_ListStore::badFeedPayloadAbortsThePage()
{
    Cache c;
    QString error;
    test::FakeFeed good(Feed::Lists);
    good.upsert(ServerId, serverJson(1, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, good, &error), qPrintable(error));

    test::FakeFeed bad(Feed::Lists);
    QJsonObject broken =
        serverJson(2, QStringLiteral("Site"), {line(QStringLiteral("HX-1"), QStringLiteral("0"))});
    bad.upsert(QStringLiteral("00000000-0000-4000-8000-000000000001"),
               serverJson(1, QStringLiteral("New"), {}, QStringLiteral("Sam"),
                          QStringLiteral("00000000-0000-4000-8000-000000000001")));
    bad.upsert(ServerId, broken);
    CatalogStore store(*c.db);
    const qint64 cursor = store.state(Feed::Lists).cursor;
    QVERIFY(!store.applyPage(Feed::Lists, bad.page(0, 10), &error));
    QVERIFY2(error.contains(ServerId), qPrintable(error));
    QCOMPARE(store.state(Feed::Lists).cursor, cursor);
    QCOMPARE(c.lists->lists().size(), 1);
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Site|HX-1:2|synced"));

    // An id that does not match its key is refused too.
    test::FakeFeed mismatched(Feed::Lists);
    mismatched.upsert(QStringLiteral("00000000-0000-4000-8000-000000000002"),
                      serverJson(1, QStringLiteral("X"), {}));
    QVERIFY(!store.applyPage(Feed::Lists, mismatched.page(0, 10), &error));
    QCOMPARE(c.lists->lists().size(), 1);
}

void tst_ListStore::tombstoneKeepsPendingEdit()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QVERIFY(c.lists->addLine(ServerId, line(QStringLiteral("HX-2"), QStringLiteral("1")), &error));
    feed.remove(ServerId);
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    // The deletion arrived, but the local edit is not lost.
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Site|HX-1:2,HX-2:1|waiting"));
    QCOMPARE(outboxText(*c.lists),
             QStringList{QStringLiteral("put base=3 tries=0 Site|HX-1:2,HX-2:1")});
}

void tst_ListStore::conflictKeepsBothEdits()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QVERIFY(c.lists->addLine(ServerId, line(QStringLiteral("HX-2"), QStringLiteral("5")), &error));
    const auto sent = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QVERIFY(sent);
    QVERIFY(c.lists->rename(ServerId, QStringLiteral("Mine"), &error)); // queued behind

    const RequisitionList theirs =
        serverList(4, QStringLiteral("Site"), {line(QStringLiteral("HX-1"), QStringLiteral("7"))},
                   QStringLiteral("Sam"));
    QString copyId;
    QVERIFY2(c.lists->recordConflict(sent->id, theirs, &error, &copyId), qPrintable(error));
    QVERIFY(!copyId.isEmpty());
    QVERIFY(copyId != ServerId);

    // Their edit is the list; mine is a new list, sent as a create.
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Site|HX-1:7|synced"));
    QCOMPARE(c.lists->list(ServerId)->list.version, 4);
    QCOMPARE(c.lists->list(ServerId)->list.updatedBy, QStringLiteral("Sam"));
    QCOMPARE(viewText(*c.lists, copyId), QStringLiteral("Mine (my changes)|HX-1:2,HX-2:5|waiting"));
    const auto copy = c.lists->list(copyId);
    QCOMPARE(copy->conflictOf, ServerId);
    QCOMPARE(copy->conflictOfName, QStringLiteral("Site"));
    QCOMPARE(outboxText(*c.lists),
             QStringList{QStringLiteral("put base=0 tries=0 Mine (my changes)|HX-1:2,HX-2:5")});
    QVERIFY(c.lists->outbox().constFirst().listId == copyId);
}

void tst_ListStore::conflictWithDeletedList()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    feed.upsert(ServerId, serverJson(3, QString(118, u'L'),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QVERIFY(c.lists->addLine(ServerId, line(QStringLiteral("HX-2"), QStringLiteral("5")), &error));
    const auto sent = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QString copyId;
    QVERIFY2(c.lists->recordConflict(sent->id, std::nullopt, &error, &copyId), qPrintable(error));
    QVERIFY(!c.lists->list(ServerId));
    const auto copy = c.lists->list(copyId);
    QVERIFY(copy);
    // The name stays within the portal's 120 characters.
    QCOMPARE(copy->list.name.size(), 120);
    QVERIFY(copy->list.name.endsWith(QStringLiteral(" (my changes)")));
    QCOMPARE(linesText(copy->list.lines), QStringLiteral("HX-1:2,HX-2:5"));
}

void tst_ListStore::deleteMeetingNewerVersionIsNotApplied()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
    QVERIFY(c.lists->remove(ServerId, &error));
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("-"));
    const auto sent = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QCOMPARE(sent->op, ListChange::Op::Delete);
    QCOMPARE(sent->baseVersion, std::optional<qint64>(3));
    QString copyId;
    QVERIFY(c.lists->recordConflict(sent->id,
                                    serverList(4, QStringLiteral("Site"),
                                               {line(QStringLiteral("HX-1"), QStringLiteral("9"))},
                                               QStringLiteral("Sam")),
                                    &error, &copyId));
    QVERIFY(copyId.isEmpty());
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Site|HX-1:9|synced"));
    QCOMPARE(c.lists->list(ServerId)->notice, listnotice::DeleteConflict);
    QVERIFY(c.lists->outbox().isEmpty());
    QVERIFY(c.lists->dismissNotice(ServerId, &error));
    QVERIFY(c.lists->list(ServerId)->notice.isEmpty());
}

void tst_ListStore::refusedChangeStaysVisible()
{
    Cache c;
    QString error;
    const auto a = c.lists->create(QStringLiteral("A"),
                                   {line(QStringLiteral("HX-1"), QStringLiteral("1"))}, &error);
    const auto b = c.lists->create(QStringLiteral("B"), {}, &error);
    QVERIFY(a && b);
    const auto sent = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QCOMPARE(sent->listId, a->list.id);
    const QString problem = QStringLiteral(R"({"type":"/problems/forbidden","status":403})");
    QVERIFY(c.lists->recordFailed(sent->id, problem, &error));
    QVERIFY(c.lists->rename(a->list.id, QStringLiteral("A2"), &error));
    // A's later change waits behind the refused one; B still goes out.
    QCOMPARE(c.lists->nextChange()->listId, b->list.id);
    c.reopen();
    const auto info = c.lists->list(a->list.id);
    QCOMPARE(info->state, ListSyncState::Failed);
    QCOMPARE(info->failure, problem);
    QCOMPARE(info->list.name, QStringLiteral("A2"));

    // Retrying puts it back in line with the same key; discarding lets the next one go.
    QVERIFY(c.lists->retryChange(sent->id, &error));
    QCOMPARE(c.lists->nextChange()->id, sent->id);
    QCOMPARE(c.lists->nextChange()->idempotencyKey, sent->idempotencyKey);
    QVERIFY(c.lists->recordFailed(sent->id, problem, &error));
    QVERIFY(!c.lists->discardChange(c.lists->outbox().last().id, &error)); // not failed
    QVERIFY(c.lists->discardChange(sent->id, &error));
    QCOMPARE(outboxText(*c.lists), (QStringList{QStringLiteral("put base=0 tries=0 B|"),
                                                QStringLiteral("put base=0 tries=0 A2|HX-1:1")}));
}

// The portal refuses the first change of a list; the user may have edited it further. Then
// every change of the list is discarded: the list is the portal's version again (or gone
// when the portal never had it), and other lists' changes stay.
void tst_ListStore::discardChangesRestoresThePortalVersion_data()
{
    QTest::addColumn<bool>("onServer");
    QTest::addColumn<QString>("refused"); // rename | delete | create
    QTest::addColumn<bool>("editBehind");
    QTest::addColumn<QString>("view");

    QTest::newRow("refused rename") << true << "rename" << false << "Site|HX-1:2|synced";
    QTest::newRow("refused rename, edited since")
        << true << "rename" << true << "Site|HX-1:2|synced";
    QTest::newRow("refused delete") << true << "delete" << false << "Site|HX-1:2|synced";
    QTest::newRow("refused create") << false << "create" << false << "-";
    QTest::newRow("refused create, edited since") << false << "create" << true << "-";
}

void tst_ListStore::discardChangesRestoresThePortalVersion()
{
    QFETCH(bool, onServer);
    QFETCH(QString, refused);
    QFETCH(bool, editBehind);
    QFETCH(QString, view);

    Cache c;
    QString error;
    QString id = ServerId;
    if (onServer) {
        test::FakeFeed feed(Feed::Lists);
        feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                         {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
        QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));
        if (refused == u"rename")
            QVERIFY(c.lists->rename(ServerId, QStringLiteral("Yard"), &error));
        else
            QVERIFY(c.lists->remove(ServerId, &error));
    } else {
        const auto created = c.lists->create(
            QStringLiteral("Mine"), {line(QStringLiteral("HX-9"), QStringLiteral("1"))}, &error);
        QVERIFY(created);
        id = created->list.id;
    }
    const auto sent = c.lists->beginSend(c.lists->nextChange()->id, &error);
    QVERIFY(sent);
    QVERIFY(!c.lists->failedChange(id));
    QVERIFY(c.lists->recordFailed(
        sent->id, QStringLiteral(R"({"type":"/problems/forbidden","status":403})"), &error));
    if (editBehind)
        QVERIFY(c.lists->addLine(id, line(QStringLiteral("HX-5"), QStringLiteral("4")), &error));
    const auto other = c.lists->create(QStringLiteral("Other"), {}, &error);
    QVERIFY(other);
    QCOMPARE(c.lists->failedChange(id)->id, sent->id);
    QCOMPARE(c.lists->outbox().size(), editBehind ? 3 : 2);

    QVERIFY2(c.lists->discardChanges(id, &error), qPrintable(error));
    QCOMPARE(viewText(*c.lists, id), view);
    QCOMPARE(c.lists->list(id).has_value(), onServer);
    QVERIFY(!c.lists->failedChange(id));
    QCOMPARE(outboxText(*c.lists), QStringList{QStringLiteral("put base=0 tries=0 Other|")});
    QCOMPARE(c.lists->nextChange()->listId, other->list.id);
}

void tst_ListStore::nothingToDiscardOrDismiss()
{
    Cache c;
    QString error;
    test::FakeFeed feed(Feed::Lists);
    feed.upsert(ServerId, serverJson(3, QStringLiteral("Site"),
                                     {line(QStringLiteral("HX-1"), QStringLiteral("2"))}));
    QVERIFY2(pull(*c.db, feed, &error), qPrintable(error));

    // Synced: nothing to discard, no notice.
    QVERIFY(!c.lists->discardChanges(ServerId, &error));
    QVERIFY2(error.contains(QStringLiteral("nothing to discard")), qPrintable(error));
    error.clear();
    QVERIFY(!c.lists->dismissNotice(ServerId, &error));
    QVERIFY2(error.contains(QStringLiteral("no notice")), qPrintable(error));

    // A change that only waits is not discarded: it goes out with the next sync.
    QVERIFY(c.lists->rename(ServerId, QStringLiteral("Yard"), &error));
    QVERIFY(c.lists->beginSend(c.lists->nextChange()->id, &error));
    QVERIFY(
        c.lists->recordRetryLater(c.lists->nextChange()->id, QStringLiteral("timeout"), &error));
    error.clear();
    QVERIFY(!c.lists->discardChanges(ServerId, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!c.lists->failedChange(ServerId));
    QCOMPARE(viewText(*c.lists, ServerId), QStringLiteral("Yard|HX-1:2|waiting"));
    QCOMPARE(outboxText(*c.lists), QStringList{QStringLiteral("put base=3 tries=1 Yard|HX-1:2")});

    error.clear();
    QVERIFY(!c.lists->discardChanges(QStringLiteral("no-such-list"), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(outboxText(*c.lists).size(), 1);
}

void tst_ListStore::saveCartAsList()
{
    Cache c;
    QString error;
    CartStore carts(*c.db);
    const auto cart = carts.createCart(QStringLiteral("Weekly"), &error);
    QVERIFY(cart);
    NewLine l1;
    l1.code = l1.sku = QStringLiteral("HX-1");
    l1.uom = QStringLiteral("EA");
    l1.quantity = 12;
    l1.note = QStringLiteral("bay 3");
    NewLine l2 = l1;
    l2.code = l2.sku = QStringLiteral("HX-2");
    l2.uom = QStringLiteral("BX");
    l2.quantity = 2;
    l2.note.clear();
    QVERIFY(carts.addLines(cart->id, {l1, l2}, {}, &error));
    const auto saved = c.lists->saveCart(cart->id, QStringLiteral("  Weekly site  "), &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(viewText(*c.lists, saved->list.id),
             QStringLiteral("Weekly site|HX-1:12:EA,HX-2:2:BX|waiting"));
    QCOMPARE(saved->list.lines.first().note, QStringLiteral("bay 3"));
    QVERIFY(!c.lists->saveCart(cart->id + 100, QStringLiteral("Nope"), &error));
    QCOMPARE(c.lists->lists().size(), 1);
}

void tst_ListStore::findByIdOrUniqueName()
{
    Cache c;
    QString error;
    const auto a = c.lists->create(QStringLiteral("Weekly"), {}, &error);
    const auto b = c.lists->create(QStringLiteral("Twice"), {}, &error);
    const auto b2 = c.lists->create(QStringLiteral("twice"), {}, &error);
    QVERIFY(a && b && b2);
    QCOMPARE(c.lists->find(QStringLiteral("weekly"), &error)->list.id, a->list.id);
    QCOMPARE(c.lists->find(b2->list.id.toUpper(), &error)->list.id, b2->list.id);
    QVERIFY(!c.lists->find(QStringLiteral("Twice"), &error));
    QVERIFY(error.contains(QStringLiteral("several")));
    QVERIFY(!c.lists->find(QStringLiteral("None"), &error));
    QVERIFY(error.contains(QStringLiteral("no list")));
}

void tst_ListStore::outboxSurvivesReopen()
{
    Cache c;
    QString error;
    const auto a = c.lists->create(QStringLiteral("A"),
                                   {line(QStringLiteral("HX-1"), QStringLiteral("0.5"))}, &error);
    QVERIFY(a);
    const QStringList before = outboxText(*c.lists);
    c.reopen();
    QCOMPARE(c.db->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(outboxText(*c.lists), before);
    QCOMPARE(viewText(*c.lists, a->list.id), QStringLiteral("A|HX-1:0.5|waiting"));
}

QTEST_GUILESS_MAIN(tst_ListStore)
#include "tst_liststore.moc"
