// PageWriter: pages written in order on the writer's own thread and connection, nothing after a
// failed page of the same run, pages not begun dropped on request, idle work only while
// nothing is queued, and paced while someone searches.
#include "catalogfixtures.h"

#include "models/catalogstore.h"
#include "models/pagewriter.h"
#include "models/readactivity.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

using namespace qm;
using namespace qm::test;

namespace {

QString sku(int n)
{
    return QStringLiteral("PW-%1").arg(n, 4, 10, QChar(u'0'));
}

// A products feed of `n` products.
FakeFeed productFeed(int n)
{
    FakeFeed feed(Feed::Products);
    for (int i = 1; i <= n; ++i)
        feed.upsert(sku(i), product(sku(i), QStringLiteral("Cleat %1").arg(i), i).toJson());
    return feed;
}

// The next outcome, waiting for it up to ten seconds.
std::optional<PageWriter::Outcome> nextOutcome(PageWriter &writer)
{
    for (int waited = 0; waited < 10000; waited += 10) {
        if (auto outcome = writer.takeOutcome())
            return outcome;
        QTest::qWait(10);
    }
    return writer.takeOutcome();
}

// Holds the writer in a task (of ticket 1, whose outcome comes once released) and returns once
// the task runs, so that what is queued next waits behind it.
void holdWriter(PageWriter &writer, std::promise<void> &release)
{
    std::promise<void> started;
    std::shared_future<void> released = release.get_future().share();
    writer.enqueue(1, [&started, released](CatalogStore &, QString *) {
        started.set_value();
        released.wait();
        return true;
    });
    started.get_future().wait();
}

FeedState stateOf(PageWriter &writer, Feed feed)
{
    FeedState state;
    writer.call([&](CatalogStore &store, QString *) {
        state = store.state(feed);
        return true;
    });
    return state;
}

} // namespace

class tst_PageWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesPagesInOrder();
    void stopsAfterAFailedPage();
    void dropsPagesNotBegun();
    void pagesQueuedTogetherShareACommit();
    void reportsACacheThatCannotOpen();
    void releaseMemoryWaitsForThePages();
    void idleWorkWaitsForQueuedWork();
    void idleWorkStopsWhenDiscardedOrReplaced();
    void waitForIdleWorkReturnsWhenItEnds();
    void idleWorkGivesWayToReads();
};

void tst_PageWriter::writesPagesInOrder()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    const FakeFeed feed = productFeed(25);
    // Every page is queued before the first is written: each is prepared from the cursor the
    // one before it leaves.
    qint64 cursor = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        const FeedPage page = feed.page(cursor, 10);
        writer.write(1, CatalogStore::prepare(Feed::Products, page));
        cursor = page.next;
        more = page.hasMore;
    }
    QCOMPARE(pages, 3);
    for (int i = 0; i < pages; ++i) {
        const auto outcome = nextOutcome(writer);
        QVERIFY(outcome);
        QCOMPARE(outcome->ticket, quint64(1));
        QVERIFY2(outcome->ok, qPrintable(outcome->error));
    }
    QVERIFY(!writer.takeOutcome());
    const FeedState state = stateOf(writer, Feed::Products);
    QCOMPARE(state.cursor, cursor);
    QCOMPARE(state.count, 25);
    QCOMPARE(state.digest, feed.digest());
}

void tst_PageWriter::stopsAfterAFailedPage()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    FakeFeed feed = productFeed(10);
    feed.upsert(sku(11), QJsonObject{{QStringLiteral("sku"), sku(11)}}); // no name, no packs
    for (int i = 12; i <= 20; ++i)
        feed.upsert(sku(i), product(sku(i), QStringLiteral("Cleat %1").arg(i), i).toJson());
    const FeedPage first = feed.page(0, 10);
    const FeedPage bad = feed.page(first.next, 5);
    const FeedPage after = feed.page(bad.next, 100);
    writer.write(7, CatalogStore::prepare(Feed::Products, first));
    writer.write(7, CatalogStore::prepare(Feed::Products, bad));
    writer.write(7, CatalogStore::prepare(Feed::Products, after));
    auto outcome = nextOutcome(writer);
    QVERIFY(outcome && outcome->ok);
    outcome = nextOutcome(writer);
    QVERIFY(outcome && !outcome->ok);
    QVERIFY2(outcome->error.contains(sku(11)), qPrintable(outcome->error));
    // The page after the failed one is not written: that would leave a gap behind the cursor.
    QCOMPARE(stateOf(writer, Feed::Products).cursor, first.next);
    QVERIFY(!writer.takeOutcome());
    // Another run's pages are written again; once the entry is fixed, they go in.
    writer.write(8, CatalogStore::prepare(Feed::Products, bad));
    outcome = nextOutcome(writer);
    QVERIFY(outcome && outcome->ticket == 8 && !outcome->ok);
    feed.upsert(sku(11), product(sku(11), QStringLiteral("Cleat 11"), 11).toJson());
    writer.write(9, CatalogStore::prepare(Feed::Products, feed.page(first.next, 100)));
    outcome = nextOutcome(writer);
    QVERIFY2(outcome && outcome->ticket == 9 && outcome->ok,
             qPrintable(outcome ? outcome->error : QString()));
    QCOMPARE(stateOf(writer, Feed::Products).count, 20);
}

void tst_PageWriter::dropsPagesNotBegun()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    const FakeFeed feed = productFeed(20);
    // The writer is held in a task until the pages behind it are queued and dropped (only a
    // task not yet begun is dropped).
    std::promise<void> release;
    holdWriter(writer, release);
    const FeedPage first = feed.page(0, 10);
    writer.write(1, CatalogStore::prepare(Feed::Products, first));
    writer.write(1, CatalogStore::prepare(Feed::Products, feed.page(first.next, 10)));
    writer.discardPending();
    release.set_value();
    const auto outcome = nextOutcome(writer);
    QVERIFY(outcome && outcome->ok);
    const FeedState state = stateOf(writer, Feed::Products);
    QVERIFY(!writer.takeOutcome());
    QCOMPARE(state.cursor, 0);
    QCOMPARE(state.count, 0);
}

// Pages queued behind one another while the writer is busy go in one transaction, each in a
// savepoint: a failed page is undone alone and stops its own run only.
void tst_PageWriter::pagesQueuedTogetherShareACommit()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    FakeFeed feed = productFeed(10);
    std::promise<void> release;
    holdWriter(writer, release);
    const FeedPage first = feed.page(0, 4);
    const FeedPage second = feed.page(first.next, 4);
    const FeedPage third = feed.page(second.next, 4);
    writer.write(2, CatalogStore::prepare(Feed::Products, first));
    writer.write(2, CatalogStore::prepare(Feed::Products, second));
    writer.write(2, CatalogStore::prepare(Feed::Products, third));
    const quint64 before = writer.pageCommits();
    release.set_value();
    QCOMPARE(nextOutcome(writer)->ticket, quint64(1)); // the task that held the writer
    for (int i = 0; i < 3; ++i) {
        const auto outcome = nextOutcome(writer);
        QVERIFY(outcome);
        QCOMPARE(outcome->ticket, quint64(2));
        QVERIFY2(outcome->ok, qPrintable(outcome->error));
    }
    QCOMPARE(writer.pageCommits(), before + 1);
    QCOMPARE(stateOf(writer, Feed::Products).count, 10);

    // In a group: a good page, a failing one and one after it of the same run, then another
    // run's page.
    feed.upsert(sku(12), product(sku(12), QStringLiteral("Cleat 12"), 12).toJson());
    feed.upsert(sku(11), QJsonObject{{QStringLiteral("sku"), sku(11)}}); // no name, no packs
    feed.upsert(sku(13), product(sku(13), QStringLiteral("Cleat 13"), 13).toJson());
    feed.upsert(sku(3), product(sku(3), QStringLiteral("Cleat three"), 3).toJson());
    const FeedPage good = feed.page(third.next, 1);
    std::promise<void> again;
    holdWriter(writer, again);
    const FeedPage bad = feed.page(good.next, 1);
    const FeedPage after = feed.page(bad.next, 10);
    writer.write(3, CatalogStore::prepare(Feed::Products, good));
    writer.write(3, CatalogStore::prepare(Feed::Products, bad));
    writer.write(3, CatalogStore::prepare(Feed::Products, after));
    feed.upsert(sku(11), product(sku(11), QStringLiteral("Cleat 11"), 11).toJson());
    writer.write(4, CatalogStore::prepare(Feed::Products, feed.page(good.next, 100)));
    const quint64 groupBefore = writer.pageCommits();
    again.set_value();
    QCOMPARE(nextOutcome(writer)->ticket, quint64(1));
    auto outcome = nextOutcome(writer);
    QVERIFY2(outcome && outcome->ticket == 3 && outcome->ok,
             qPrintable(outcome ? outcome->error : QString()));
    outcome = nextOutcome(writer);
    QVERIFY(outcome && outcome->ticket == 3 && !outcome->ok);
    QVERIFY2(outcome->error.contains(sku(11)), qPrintable(outcome->error));
    outcome = nextOutcome(writer);
    QVERIFY2(outcome && outcome->ticket == 4 && outcome->ok,
             qPrintable(outcome ? outcome->error : QString()));
    QVERIFY(!writer.takeOutcome());
    QCOMPARE(writer.pageCommits(), groupBefore + 1);
    const FeedState state = stateOf(writer, Feed::Products);
    QCOMPARE(state.count, 13);
    QCOMPARE(state.digest, feed.digest());
    QCOMPARE(state.cursor, feed.page(good.next, 100).next);
}

void tst_PageWriter::reportsACacheThatCannotOpen()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    // A directory is not a cache file.
    QVERIFY(!writer.open(dir.path(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!writer.call([](CatalogStore &, QString *) { return true; }, &error));
    QVERIFY2(error.contains(QStringLiteral("not open")), qPrintable(error));
    writer.write(1, CatalogStore::prepare(Feed::Products, productFeed(1).page(0, 10)));
    const auto outcome = nextOutcome(writer);
    QVERIFY(outcome && !outcome->ok);
}

void tst_PageWriter::releaseMemoryWaitsForThePages()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    const FakeFeed feed = productFeed(30);
    const FeedPage first = feed.page(0, 10);
    writer.write(1, CatalogStore::prepare(Feed::Products, first));
    writer.write(1, CatalogStore::prepare(Feed::Products, feed.page(first.next, 10)));
    writer.releaseMemory();
    // Both outcomes are there without waiting, and the writer goes on afterwards.
    for (int i = 0; i < 2; ++i) {
        const auto outcome = writer.takeOutcome();
        QVERIFY(outcome && outcome->ok);
    }
    writer.write(1, CatalogStore::prepare(Feed::Products, feed.page(20, 10)));
    const auto outcome = nextOutcome(writer);
    QVERIFY2(outcome && outcome->ok, qPrintable(outcome ? outcome->error : QString()));
    QCOMPARE(stateOf(writer, Feed::Products).count, 30);
}

void tst_PageWriter::idleWorkWaitsForQueuedWork()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    std::mutex mutex;
    QStringList log;
    const auto note = [&](const QString &what) {
        std::lock_guard lock(mutex);
        log << what;
    };
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    writer.enqueue(1, [&, released](CatalogStore &, QString *) {
        note(QStringLiteral("hold"));
        started.set_value();
        released.wait();
        return true;
    });
    started.get_future().wait();
    // Queued while the writer is busy: the pages first, then three idle steps, then no more.
    for (int i = 0; i < 2; ++i)
        writer.enqueue(1, [&](CatalogStore &, QString *) {
            note(QStringLiteral("page"));
            return true;
        });
    std::atomic<int> steps = 0;
    writer.setIdleWork([&](CatalogStore &store) {
        note(QStringLiteral("idle %1").arg(store.state(Feed::Products).cursor));
        return ++steps < 3;
    });
    release.set_value();
    QTRY_COMPARE(steps.load(), 3);
    // A call after the last step: the writer is idle again and does not step on.
    QVERIFY(writer.call([](CatalogStore &, QString *) { return true; }));
    QTest::qWait(50);
    std::lock_guard lock(mutex);
    QCOMPARE(log, QStringList({QStringLiteral("hold"), QStringLiteral("page"),
                               QStringLiteral("page"), QStringLiteral("idle 0"),
                               QStringLiteral("idle 0"), QStringLiteral("idle 0")}));
    for (int i = 0; i < 3; ++i)
        QVERIFY(nextOutcome(writer));
}

void tst_PageWriter::idleWorkStopsWhenDiscardedOrReplaced()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    // Endless idle work does not hold up what is queued meanwhile.
    std::atomic<int> endless = 0;
    const auto endlessWork = [&](CatalogStore &) {
        ++endless;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return true;
    };
    writer.setIdleWork(endlessWork);
    QTRY_VERIFY(endless.load() > 2);
    const FakeFeed feed = productFeed(10);
    writer.write(1, CatalogStore::prepare(Feed::Products, feed.page(0, 10)));
    const auto outcome = nextOutcome(writer);
    QVERIFY2(outcome && outcome->ok, qPrintable(outcome ? outcome->error : QString()));
    QCOMPARE(stateOf(writer, Feed::Products).count, 10);

    // Discarded: no step after the one that may be running.
    writer.discardPending();
    QVERIFY(writer.call([](CatalogStore &, QString *) { return true; }));
    int before = endless.load();
    QTest::qWait(50);
    QCOMPARE(endless.load(), before);

    // Replaced: the new work runs, the old does not come back after it.
    writer.setIdleWork(endlessWork);
    QTRY_VERIFY(endless.load() > before);
    std::atomic<int> once = 0;
    writer.setIdleWork([&](CatalogStore &) {
        ++once;
        return false;
    });
    QTRY_COMPARE(once.load(), 1);
    QVERIFY(writer.call([](CatalogStore &, QString *) { return true; }));
    before = endless.load();
    QTest::qWait(50);
    QCOMPARE(endless.load(), before);
    QCOMPARE(once.load(), 1);
}

void tst_PageWriter::waitForIdleWorkReturnsWhenItEnds()
{
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));
    // No idle work: nothing to wait for.
    writer.waitForIdleWork();

    // Five slow steps: the wait ends after the last, not before.
    std::atomic<int> steps = 0;
    writer.setIdleWork([&](CatalogStore &) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return ++steps < 5;
    });
    writer.waitForIdleWork();
    QCOMPARE(steps.load(), 5);

    // Endless work: the wait ends when it is dropped.
    std::atomic<int> endless = 0;
    writer.setIdleWork([&](CatalogStore &) {
        ++endless;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return true;
    });
    std::atomic<bool> waited = false;
    std::thread waiter([&] {
        writer.waitForIdleWork();
        waited = true;
    });
    QTRY_VERIFY(endless.load() > 2);
    QVERIFY(!waited.load());
    writer.discardPending();
    waiter.join();
    QVERIFY(waited.load());
}

void tst_PageWriter::idleWorkGivesWayToReads()
{
    using namespace std::chrono;
    using Clock = steady_clock;
    QTemporaryDir dir;
    PageWriter writer;
    QString error;
    QVERIFY2(writer.open(dir.filePath(QStringLiteral("cache.sqlite")), &error), qPrintable(error));

    // The median time from the start of one step to the start of the next, over `steps` steps
    // that take `length` each (the time is what is measured), a read marked during each one
    // when `marking`.
    const auto medianGap = [&](int steps, milliseconds length, bool marking) {
        std::vector<Clock::time_point> starts;
        std::mutex startsMutex;
        writer.setIdleWork([&](CatalogStore &) {
            {
                std::lock_guard lock(startsMutex);
                starts.push_back(Clock::now());
            }
            if (marking)
                readactivity::note();
            std::this_thread::sleep_for(length);
            return int(starts.size()) < steps;
        });
        writer.waitForIdleWork();
        std::vector<Clock::duration> gaps;
        for (size_t i = 1; i < starts.size(); ++i)
            gaps.push_back(starts[i] - starts[i - 1]);
        std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
        return duration_cast<milliseconds>(gaps[gaps.size() / 2]);
    };

    // No reads in this process yet: the steps follow each other.
    QVERIFY(!readactivity::within(hours(1)));
    const milliseconds unpaced = medianGap(5, milliseconds(40), false);
    QVERIFY2(unpaced < milliseconds(130), qPrintable(QString::number(unpaced.count())));

    // Reads: after each step, a pause six times as long.
    const milliseconds paced = medianGap(4, milliseconds(40), true);
    QVERIFY2(paced >= milliseconds(270), qPrintable(QString::number(paced.count())));
    QVERIFY(readactivity::within(seconds(1)));

    // Work queued during a pause does not wait for its end.
    readactivity::note();
    std::promise<Clock::time_point> stepEnded;
    std::atomic<int> steps = 0;
    writer.setIdleWork([&](CatalogStore &) {
        if (++steps == 1) {
            std::this_thread::sleep_for(milliseconds(300)); // a pause of 1 s follows (the most)
            stepEnded.set_value(Clock::now());
        }
        return steps < 2;
    });
    const Clock::time_point ended = stepEnded.get_future().get();
    QVERIFY(writer.call([](CatalogStore &, QString *) { return true; }));
    const auto waited = duration_cast<milliseconds>(Clock::now() - ended);
    QVERIFY2(waited < milliseconds(600), qPrintable(QString::number(waited.count())));
    writer.waitForIdleWork();
    QCOMPARE(steps.load(), 2);
}

QTEST_GUILESS_MAIN(tst_PageWriter)
#include "tst_pagewriter.moc"
