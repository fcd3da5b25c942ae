// The client engine against the real qm-portal repairs its cache: a cache damaged between
// two syncs fails the last page's count-and-hash check and the feed is pulled again; a
// cursor that expired because the portal purged its tombstones (410) re-pulls the feed.
// Either way the cache ends equal to the portal, and the carts and saved lists kept in the
// same cache are untouched.
#include "support/cachecheck.h"
#include "support/portalprocess.h"

#include "core/catalog.h"
#include "core/requisitionlist.h"
#include "models/cartstore.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/liststore.h"
#include "sync/apiclient.h"
#include "sync/syncengine.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");
constexpr int DemoProducts = 800;
constexpr int PageSize = 200;

SyncResult run(SyncEngine &engine)
{
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    if (finished.isEmpty() && !finished.wait(300000))
        qWarning("the sync did not finish");
    return finished.isEmpty() ? SyncResult{} : finished.first().first().value<SyncResult>();
}

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError.isEmpty() ? QStringLiteral("ok") : r.storageError;
}

const FeedSyncResult *feedResult(const SyncResult &r, Feed feed)
{
    for (const FeedSyncResult &f : r.feeds) {
        if (f.feed == feed)
            return &f;
    }
    return nullptr;
}

// A cart with lines and a saved list, made offline in the cache: what a re-pull must keep.
struct LocalWork
{
    qint64 cartId = 0;
    QList<CartLine> cartLines;
    QString listId;
    QList<RequisitionListLine> listLines;
};

std::optional<LocalWork> makeLocalWork(Database &db, const QList<QPair<QString, QString>> &products,
                                       QString *error)
{
    LocalWork work;
    CartStore carts(db);
    const auto cart = carts.createCart(QStringLiteral("Site 4 restock"), error);
    if (!cart)
        return std::nullopt;
    work.cartId = cart->id;
    for (int i = 0; i < products.size(); ++i) {
        NewLine line;
        line.code = products.at(i).first;
        line.sku = products.at(i).first;
        line.uom = products.at(i).second;
        line.quantity = i + 2;
        line.note = QStringLiteral("bay %1").arg(i + 1);
        if (!carts.addLine(cart->id, line, error))
            return std::nullopt;
    }
    work.cartLines = carts.lines(cart->id);
    for (int i = 0; i < products.size(); ++i) {
        RequisitionListLine line;
        line.sku = products.at(i).first;
        line.quantity = Decimal::fromInt(i + 1);
        work.listLines << line;
    }
    ListStore lists(db);
    const auto list = lists.create(QStringLiteral("Weekly consumables"), work.listLines, error);
    if (!list)
        return std::nullopt;
    work.listId = list->list.id;
    return work;
}

// The cart and the list are as they were made.
QString checkLocalWork(Database &db, const LocalWork &work)
{
    CartStore carts(db);
    if (!carts.cart(work.cartId))
        return QStringLiteral("the cart is gone");
    const QList<CartLine> lines = carts.lines(work.cartId);
    if (lines.size() != work.cartLines.size())
        return QStringLiteral("the cart has %1 lines, it had %2")
            .arg(lines.size())
            .arg(work.cartLines.size());
    for (int i = 0; i < lines.size(); ++i) {
        const CartLine &a = lines.at(i);
        const CartLine &b = work.cartLines.at(i);
        if (a.id != b.id || a.sku != b.sku || a.quantity != b.quantity || a.note != b.note ||
            a.uom != b.uom)
            return QStringLiteral("cart line %1 changed").arg(i + 1);
    }
    const auto list = ListStore(db).list(work.listId);
    if (!list)
        return QStringLiteral("the saved list is gone");
    if (list->list.lines.size() != work.listLines.size())
        return QStringLiteral("the saved list has %1 lines").arg(list->list.lines.size());
    for (int i = 0; i < work.listLines.size(); ++i) {
        const RequisitionListLine &a = list->list.lines.at(i);
        if (a.sku.compare(work.listLines.at(i).sku, Qt::CaseInsensitive) != 0 ||
            a.quantity != work.listLines.at(i).quantity)
            return QStringLiteral("saved list line %1 changed").arg(i + 1);
    }
    return {};
}

// Changes the cache behind the engine's back, in one transaction.
bool damage(const QString &cachePath, const QString &how, const QString &sku, QString *error)
{
    const auto db = Database::open(cachePath, error);
    if (!db)
        return false;
    return db->write(
        [&](QString *why) {
            QSqlDatabase c = db->connection();
            QSqlQuery q(c);
            const auto exec = [&](const QString &sql, const QVariantList &values) {
                if (!q.prepare(sql)) {
                    *why = q.lastError().text();
                    return false;
                }
                for (const QVariant &v : values)
                    q.addBindValue(v);
                if (!q.exec()) {
                    *why = q.lastError().text();
                    return false;
                }
                return true;
            };
            if (how == u"lost price entry") {
                // The prices of one product and their feed entry disappear, and the running count
                // and digest follow, as if a delete had been applied that the portal never sent.
                if (!exec(QStringLiteral(
                              "SELECT hash FROM feed_items WHERE feed = 'prices' AND key = ?"),
                          {sku}) ||
                    !q.next()) {
                    *why = QStringLiteral("no prices entry for %1").arg(sku);
                    return false;
                }
                const quint64 hash = quint64(q.value(0).toLongLong());
                q.finish();
                return exec(QStringLiteral("DELETE FROM prices WHERE sku = ?"), {sku}) &&
                       exec(QStringLiteral(
                                "DELETE FROM feed_items WHERE feed = 'prices' AND key = ?"),
                            {sku}) &&
                       exec(QStringLiteral("UPDATE sync_state SET count = count - 1,"
                                           " digest = ? WHERE feed = 'prices'"),
                            {qint64(quint64(CatalogStore(*db).state(Feed::Prices).digest.value()) -
                                    hash)});
            }
            // "altered feed digest": the stored digest of the products feed is off by one.
            return exec(QStringLiteral("UPDATE sync_state SET digest = digest + 1"
                                       " WHERE feed = 'products'"),
                        {});
        },
        error);
}

struct Setup
{
    PortalProcess portal;
    QTemporaryDir dir;
    Tokens tokens;
    QString problem;

    Setup()
    {
        if (!portal.start({QStringLiteral("--demo"), QStringLiteral("--products"),
                           QString::number(DemoProducts)},
                          &problem))
            return;
        ApiClient api(portal.url());
        ApiJob *job = api.signIn(Buyer, Password);
        QSignalSpy finished(job, &ApiJob::finished);
        if (!finished.wait(60000))
            problem = QStringLiteral("sign-in did not finish");
        else if (job->error())
            problem = job->error()->toLogString();
        tokens = api.tokens();
    }
    QString cachePath() const { return dir.filePath(QStringLiteral("cache.sqlite")); }
    SyncEngine::Options options() const
    {
        SyncEngine::Options o;
        o.portal = portal.url();
        o.cachePath = cachePath();
        o.pageSize = PageSize;
        return o;
    }
    // `n` products the account can buy, with their base unit.
    QList<QPair<QString, QString>> someProducts(int n) const
    {
        const Reference reference(portal.url(), Buyer);
        QList<QPair<QString, QString>> found;
        const FeedPull &products = reference.feeds.value(Feed::Products);
        const QStringList priced = reference.feeds.value(Feed::Prices).entries.keys();
        QString error;
        for (const QString &sku : priced.mid(3)) {
            const auto p = Product::fromJson(
                QJsonDocument::fromJson(products.entries.value(sku)).object(), &error);
            if (p && found.size() < n)
                found.append({sku, p->baseUom});
        }
        return found;
    }
};

} // namespace

class tst_SyncRepair final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void damagedCacheIsPulledAgain_data();
    void damagedCacheIsPulledAgain();
    void expiredCursorKeepsLocalWork();
};

void tst_SyncRepair::damagedCacheIsPulledAgain_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("feedKey");
    QTest::newRow("lost price entry")
        << QStringLiteral("lost price entry") << QStringLiteral("prices");
    QTest::newRow("altered feed digest")
        << QStringLiteral("altered feed digest") << QStringLiteral("products");
}

void tst_SyncRepair::damagedCacheIsPulledAgain()
{
    QFETCH(QString, how);
    QFETCH(QString, feedKey);
    const auto damaged = feedFromName(feedKey);
    QVERIFY(damaged);
    const Feed feed = *damaged;
    Setup setup;
    QVERIFY2(setup.problem.isEmpty(), qPrintable(setup.problem));
    SyncEngine engine(setup.options());
    engine.setTokens(setup.tokens);
    const SyncResult first = run(engine);
    QVERIFY2(first.ok, qPrintable(describe(first)));

    const auto products = setup.someProducts(3);
    QCOMPARE(products.size(), 3);
    LocalWork work;
    QString error;
    {
        const auto db = Database::open(setup.cachePath(), &error);
        QVERIFY2(db, qPrintable(error));
        const auto made = makeLocalWork(*db, products, &error);
        QVERIFY2(made, qPrintable(error));
        work = *made;
    }
    QVERIFY2(damage(setup.cachePath(), how, products.first().first, &error), qPrintable(error));
    {
        // The damage is real: the cache no longer matches the portal.
        const Reference reference(setup.portal.url(), Buyer);
        QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
        QVERIFY(!compareCache(setup.cachePath(), reference).isEmpty());
    }

    // No change on the portal: the last (and only) page's count and hash expose the damage.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("%1.*does not match the portal.*"
                                                           "pulling the whole feed again")
                                                .arg(feedKey)));
    const SyncResult repaired = run(engine);
    QVERIFY2(repaired.ok, qPrintable(describe(repaired)));
    for (const FeedSyncResult &f : repaired.feeds) {
        QVERIFY2(f.verified, qPrintable(feedName(f.feed)));
        QCOMPARE(f.resynced, f.feed == feed);
    }
    const FeedSyncResult *pulled = feedResult(repaired, feed);
    QVERIFY(pulled);
    QVERIFY(pulled->upserts > 0);

    const Reference reference(setup.portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    QCOMPARE(pulled->upserts, reference.feeds.value(feed).serverCount); // the whole feed
    const QString difference = compareCache(setup.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const auto db = Database::open(setup.cachePath(), &error);
    QVERIFY2(db, qPrintable(error));
    const QString changed = checkLocalWork(*db, work);
    QVERIFY2(changed.isEmpty(), qPrintable(changed));
}

void tst_SyncRepair::expiredCursorKeepsLocalWork()
{
    Setup setup;
    QVERIFY2(setup.problem.isEmpty(), qPrintable(setup.problem));
    SyncEngine engine(setup.options());
    engine.setTokens(setup.tokens);
    const SyncResult first = run(engine);
    QVERIFY2(first.ok, qPrintable(describe(first)));

    const auto products = setup.someProducts(4);
    QCOMPARE(products.size(), 4);
    LocalWork work;
    QString error;
    {
        const auto db = Database::open(setup.cachePath(), &error);
        QVERIFY2(db, qPrintable(error));
        const auto made = makeLocalWork(*db, products, &error);
        QVERIFY2(made, qPrintable(error));
        work = *made;
    }
    // Changes with deletions, then the tombstones are purged: the cache's cursors are too old.
    QString output;
    QCOMPARE(setup.portal.runMaintenance(
                 {QStringLiteral("--apply-demo-changes"), QStringLiteral("80")}, &output),
             0);
    QCOMPARE(setup.portal.runMaintenance({QStringLiteral("--purge-tombstones"),
                                          QStringLiteral("--tombstone-retention-days"),
                                          QStringLiteral("0")},
                                         &output),
             0);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("has expired.*pulling the whole feed")));
    const SyncResult r = run(engine);
    QVERIFY2(r.ok, qPrintable(describe(r)));
    bool anyResynced = false;
    for (const FeedSyncResult &f : r.feeds) {
        QVERIFY(f.verified);
        anyResynced = anyResynced || f.resynced;
    }
    QVERIFY(anyResynced);
    const Reference reference(setup.portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const QString difference = compareCache(setup.cachePath(), reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const auto db = Database::open(setup.cachePath(), &error);
    QVERIFY2(db, qPrintable(error));
    const QString changed = checkLocalWork(*db, work);
    QVERIFY2(changed.isEmpty(), qPrintable(changed));
}

QTEST_GUILESS_MAIN(tst_SyncRepair)
#include "tst_syncrepair.moc"
