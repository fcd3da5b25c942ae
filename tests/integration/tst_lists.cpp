#include "support/portalprocess.h"

#include "models/database.h"
#include "models/liststore.h"
#include "sync/apiclient.h"
#include "sync/syncengine.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

// Saved lists end to end against the real qm-portal (on SQLite or PostgreSQL, see
// QM_TEST_BACKEND): edits made offline in one user's cache reach the portal with the next
// sync and the account's other users see them; concurrent edits both survive; a retried
// change is applied once; a viewer sees the lists but cannot change them.

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Approver = QStringLiteral("approver@bayside.example");
const QString Viewer = QStringLiteral("viewer@bayside.example");
const QString OtherAccount = QStringLiteral("buyer@northgate.example");

RequisitionListLine line(const char *sku, const char *quantity)
{
    RequisitionListLine l;
    l.sku = QString::fromLatin1(sku);
    l.quantity = *Decimal::parse(QString::fromLatin1(quantity));
    return l;
}

// One user's profile: a signed-in engine over a cache of its own.
struct Profile
{
    QTemporaryDir dir;
    QUrl portal;
    Tokens tokens;
    QString error;
    std::unique_ptr<Database> db;
    std::unique_ptr<ListStore> lists;

    Profile(const QUrl &url, const QString &username)
        : portal(url)
    {
        ApiClient api(portal);
        ApiJob *job = api.signIn(username, Password);
        QSignalSpy finished(job, &ApiJob::finished);
        if (!finished.wait(60000))
            error = QStringLiteral("sign-in did not finish");
        else if (job->error())
            error = job->error()->toLogString();
        tokens = api.tokens();
        db = Database::open(cachePath(), &error);
        if (db)
            lists = std::make_unique<ListStore>(*db);
    }
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }

    // A full sync (outbox, then feeds), or only the outbox.
    SyncResult sync(bool pushOnly = false)
    {
        SyncEngine::Options options;
        options.portal = portal;
        options.cachePath = cachePath();
        SyncEngine engine(options);
        engine.setTokens(tokens);
        QObject::connect(&engine, &SyncEngine::tokensChanged, &engine,
                         [this](const Tokens &t) { tokens = t; });
        QSignalSpy finished(&engine, &SyncEngine::finished);
        if (pushOnly)
            engine.push();
        else
            engine.start();
        if (finished.isEmpty() && !finished.wait(600000))
            qWarning("the sync did not finish");
        return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
    }

    std::optional<ListInfo> byName(const QString &name) const
    {
        for (const ListInfo &info : lists->lists()) {
            if (info.list.name == name)
                return info;
        }
        return std::nullopt;
    }
};

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty() ? QStringLiteral("ok") : r.storageError;
}

QString linesText(const QList<RequisitionListLine> &lines)
{
    QStringList parts;
    for (const RequisitionListLine &l : lines)
        parts << QStringLiteral("%1:%2").arg(l.sku, l.quantity.toString(0));
    return parts.join(u',');
}

struct Portal
{
    PortalProcess process;
    QString error;
    bool started = false;

    Portal()
    {
        started = process.start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("200")},
            &error);
    }
};

} // namespace

class tst_Lists final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offlineEditsGoOutOnNextSync();
    void concurrentEditsBothSurvive();
    void retriedChangeIsAppliedOnce();
    void viewerSeesListsButCannotChange();
};

void tst_Lists::offlineEditsGoOutOnNextSync()
{
    Portal portal;
    QVERIFY2(portal.started, qPrintable(portal.error));
    Profile buyer(portal.process.url(), Buyer);
    Profile approver(portal.process.url(), Approver);
    Profile stranger(portal.process.url(), OtherAccount);
    QVERIFY2(buyer.error.isEmpty() && approver.error.isEmpty() && stranger.error.isEmpty(),
             qPrintable(buyer.error + approver.error + stranger.error));

    QString error;
    const auto created =
        buyer.lists->create(QStringLiteral("Weekly site consumables"),
                            {line("HX-M8-40", "12"), line("GONE-1", "2.5")}, &error);
    QVERIFY2(created, qPrintable(error));
    QVERIFY(buyer.lists->rename(created->list.id, QStringLiteral("Weekly site"), &error));
    QCOMPARE(buyer.lists->outbox().size(), 1); // folded into the create

    const SyncResult first = buyer.sync();
    QVERIFY2(first.ok, qPrintable(describe(first)));
    QCOMPARE(first.lists.accepted, 1);
    QVERIFY(buyer.lists->outbox().isEmpty());
    const auto synced = buyer.lists->list(created->list.id);
    QVERIFY(synced);
    QCOMPARE(synced->state, ListSyncState::Synced);
    QCOMPARE(synced->list.version, 1);
    QCOMPARE(synced->list.updatedBy, QStringLiteral("Maria Delgado"));
    bool pulledLists = false;
    for (const FeedSyncResult &f : first.feeds) {
        if (f.feed == Feed::Lists)
            pulledLists = f.verified;
    }
    QVERIFY(pulledLists);

    // Everyone in the account sees it; nobody else does.
    const SyncResult other = approver.sync();
    QVERIFY2(other.ok, qPrintable(describe(other)));
    const auto seen = approver.lists->list(created->list.id);
    QVERIFY(seen);
    QCOMPARE(seen->list.name, QStringLiteral("Weekly site"));
    QCOMPARE(linesText(seen->list.lines), QStringLiteral("HX-M8-40:12,GONE-1:2.5"));
    const SyncResult strangers = stranger.sync();
    QVERIFY2(strangers.ok, qPrintable(describe(strangers)));
    QVERIFY(!stranger.lists->list(created->list.id));
    for (const ListInfo &info : stranger.lists->lists())
        QVERIFY(!info.list.name.startsWith(QStringLiteral("Weekly site")));

    // A delete goes out the same way.
    QVERIFY(buyer.lists->remove(created->list.id, &error));
    QVERIFY(buyer.sync().ok);
    QVERIFY(!buyer.lists->list(created->list.id));
    QVERIFY(approver.sync().ok);
    QVERIFY(!approver.lists->list(created->list.id));
}

void tst_Lists::concurrentEditsBothSurvive()
{
    Portal portal;
    QVERIFY2(portal.started, qPrintable(portal.error));
    Profile buyer(portal.process.url(), Buyer);
    Profile approver(portal.process.url(), Approver);
    QVERIFY2(buyer.error.isEmpty() && approver.error.isEmpty(),
             qPrintable(buyer.error + approver.error));
    QString error;
    const auto created =
        buyer.lists->create(QStringLiteral("Yard"), {line("HX-M8-40", "1")}, &error);
    QVERIFY(created);
    QVERIFY(buyer.sync().ok);
    QVERIFY(approver.sync().ok);
    const QString id = created->list.id;

    // Both edit the same list offline.
    QVERIFY(approver.lists->addLine(id, line("HX-M8-40", "4"), &error));
    QVERIFY(buyer.lists->addLine(id, line("HX-M10-50", "3"), &error));
    const SyncResult theirs = approver.sync();
    QVERIFY2(theirs.ok, qPrintable(describe(theirs)));
    QCOMPARE(theirs.lists.accepted, 1);

    const SyncResult mine = buyer.sync();
    QVERIFY2(mine.ok, qPrintable(describe(mine)));
    QCOMPARE(mine.lists.conflicts, 1);
    QCOMPARE(mine.lists.accepted, 1); // the conflicting copy, created in the same run
    QVERIFY(buyer.lists->outbox().isEmpty());
    const auto original = buyer.lists->list(id);
    QVERIFY(original);
    QCOMPARE(original->list.version, 2);
    QCOMPARE(linesText(original->list.lines), QStringLiteral("HX-M8-40:5"));
    const auto copy = buyer.byName(QStringLiteral("Yard (my changes)"));
    QVERIFY(copy);
    QCOMPARE(copy->conflictOf, id);
    QCOMPARE(copy->state, ListSyncState::Synced);
    QCOMPARE(linesText(copy->list.lines), QStringLiteral("HX-M8-40:1,HX-M10-50:3"));

    // The other user sees both edits too.
    QVERIFY(approver.sync().ok);
    QVERIFY(approver.byName(QStringLiteral("Yard (my changes)")));
    QCOMPARE(linesText(approver.byName(QStringLiteral("Yard (my changes)"))->list.lines),
             QStringLiteral("HX-M8-40:1,HX-M10-50:3"));
}

void tst_Lists::retriedChangeIsAppliedOnce()
{
    Portal portal;
    QVERIFY2(portal.started, qPrintable(portal.error));
    Profile buyer(portal.process.url(), Buyer);
    QVERIFY2(buyer.error.isEmpty(), qPrintable(buyer.error));
    QString error;
    const auto created =
        buyer.lists->create(QStringLiteral("Bay 3"), {line("HX-M8-40", "1")}, &error);
    QVERIFY(created);
    QVERIFY(buyer.sync().ok);
    QVERIFY(buyer.lists->rename(created->list.id, QStringLiteral("Bay 4"), &error));

    // The change goes out, the portal applies it, and the answer is lost on the way back.
    const auto change = buyer.lists->beginSend(buyer.lists->nextChange()->id, &error);
    QVERIFY2(change, qPrintable(error));
    ApiClient api(portal.process.url());
    api.setTokens(buyer.tokens);
    ApiJob *lost =
        api.putList(change->listId, change->body, *change->baseVersion, change->idempotencyKey);
    QSignalSpy lostDone(lost, &ApiJob::finished);
    QVERIFY(lostDone.wait(60000));
    QVERIFY2(!lost->error(), qPrintable(lost->error() ? lost->error()->toLogString() : QString()));
    buyer.tokens = api.tokens();
    QVERIFY(buyer.lists->recordRetryLater(change->id, QStringLiteral("connection reset"), &error));

    // The retry repeats key and body: the portal replays its answer instead of applying the
    // change again (or calling it a conflict with itself).
    const SyncResult retried = buyer.sync();
    QVERIFY2(retried.ok, qPrintable(describe(retried)));
    QCOMPARE(retried.lists.accepted, 1);
    QCOMPARE(retried.lists.conflicts, 0);
    const auto after = buyer.lists->list(created->list.id);
    QVERIFY(after);
    QCOMPARE(after->list.version, 2);
    QCOMPARE(after->list.name, QStringLiteral("Bay 4"));
    for (const ListInfo &info : buyer.lists->lists())
        QVERIFY2(!info.list.name.contains(QStringLiteral("(my changes)")),
                 qPrintable(info.list.name));
}

void tst_Lists::viewerSeesListsButCannotChange()
{
    Portal portal;
    QVERIFY2(portal.started, qPrintable(portal.error));
    Profile buyer(portal.process.url(), Buyer);
    Profile viewer(portal.process.url(), Viewer);
    QVERIFY2(buyer.error.isEmpty() && viewer.error.isEmpty(),
             qPrintable(buyer.error + viewer.error));
    QString error;
    const auto created =
        buyer.lists->create(QStringLiteral("Shared"), {line("HX-M8-40", "6")}, &error);
    QVERIFY(created);
    QVERIFY(buyer.sync().ok);

    const SyncResult first = viewer.sync();
    QVERIFY2(first.ok, qPrintable(describe(first)));
    QVERIFY(viewer.lists->list(created->list.id));

    QVERIFY(viewer.lists->rename(created->list.id, QStringLiteral("Mine now"), &error));
    const SyncResult refused = viewer.sync();
    QVERIFY2(refused.ok, qPrintable(describe(refused)));
    QCOMPARE(refused.lists.failed, 1);
    // Kept, visible, with the portal's reason; never silently dropped.
    const auto info = viewer.lists->list(created->list.id);
    QVERIFY(info);
    QCOMPARE(info->state, ListSyncState::Failed);
    QVERIFY2(info->failure.contains(QStringLiteral("/problems/forbidden")),
             qPrintable(info->failure));
    QCOMPARE(viewer.lists->outbox().size(), 1);
    QVERIFY(viewer.lists->outbox().constFirst().failed);

    // The portal's list is unchanged.
    QVERIFY(buyer.sync().ok);
    QCOMPARE(buyer.lists->list(created->list.id)->list.name, QStringLiteral("Shared"));
    QCOMPARE(buyer.lists->list(created->list.id)->list.version, 1);
}

QTEST_GUILESS_MAIN(tst_Lists)
#include "tst_lists.moc"
