// The time a feed still needs, from the rate observed so far.
#include "sync/syncestimate.h"

#include <QTest>

using namespace qm;

class tst_SyncEstimate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void remaining_data();
    void remaining();
    void estimatorFollowsTheFeeds();
};

void tst_SyncEstimate::remaining_data()
{
    QTest::addColumn<qint64>("applied");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<qint64>("observed");
    QTest::addColumn<qint64>("pages");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<qint64>("remainingMs"); // -1: no estimate

    // 1000 items in 2 s: 2 ms an item.
    QTest::newRow("a quarter done") << 1000ll << 4000ll << 1000ll << 1ll << 2000ll << 6000ll;
    QTest::newRow("half done, slower") << 5000ll << 10000ll << 5000ll << 5ll << 20000ll << 20000ll;
    QTest::newRow("all done") << 4000ll << 4000ll << 4000ll << 4ll << 8000ll << 0ll;
    QTest::newRow("more than expected: nothing left, never negative")
        << 5000ll << 4000ll << 5000ll << 5ll << 8000ll << 0ll;
    QTest::newRow("observed part of what was applied")
        << 3000ll << 5000ll << 1000ll << 1ll << 4000ll << 8000ll;
    QTest::newRow("rounded to the millisecond") << 3ll << 4ll << 3ll << 1ll << 2000ll << 667ll;
    QTest::newRow("expected unknown") << 1000ll << -1ll << 1000ll << 1ll << 5000ll << -1ll;
    QTest::newRow("expected zero") << 0ll << 0ll << 0ll << 1ll << 5000ll << -1ll;
    QTest::newRow("too early") << 1000ll << 4000ll << 1000ll << 1ll << 1999ll << -1ll;
    QTest::newRow("no page yet") << 0ll << 4000ll << 0ll << 0ll << 5000ll << -1ll;
    QTest::newRow("nothing observed") << 1000ll << 4000ll << 0ll << 1ll << 5000ll << -1ll;
    QTest::newRow("clock went back") << 1000ll << 4000ll << 1000ll << 1ll << -10ll << -1ll;
    QTest::newRow("a million items left")
        << 1000ll << 1'001'000ll << 1000ll << 1ll << 3000ll << 3'000'000ll;
}

void tst_SyncEstimate::remaining()
{
    QFETCH(qint64, applied);
    QFETCH(qint64, expected);
    QFETCH(qint64, observed);
    QFETCH(qint64, pages);
    QFETCH(qint64, elapsedMs);
    QFETCH(qint64, remainingMs);
    const std::optional<qint64> estimate =
        estimateRemainingMs(applied, expected, observed, pages, elapsedMs);
    QCOMPARE(estimate.value_or(-1), remainingMs);
}

void tst_SyncEstimate::estimatorFollowsTheFeeds()
{
    SyncEstimator estimator;
    estimator.start(10'000);
    // Products: the first page after 1 s is too early to tell.
    QVERIFY(!estimator.update(0, 1000, 10000, 1, 11'000));
    // After 2.5 s, 2500 items: 1 ms an item, 7500 to go.
    QCOMPARE(estimator.update(0, 2500, 10000, 3, 12'500).value_or(-1), 7500);
    // Prices begin at 20 s; the time spent on products does not count.
    QVERIFY(!estimator.update(1, 1000, 10000, 1, 20'000));
    QVERIFY(!estimator.update(1, 2000, 10000, 2, 21'000)); // 1 s of prices only
    // 4000 more in 4 s since the first prices page: 1 ms an item, 5000 to go.
    QCOMPARE(estimator.update(1, 5000, 10000, 5, 24'000).value_or(-1), 5000);
    // Stock with no expected count: no estimate.
    QVERIFY(!estimator.update(2, 1000, -1, 1, 30'000));
    QVERIFY(!estimator.update(2, 9000, -1, 9, 40'000));
    // A new run starts over.
    estimator.start(100'000);
    QCOMPARE(estimator.update(0, 4000, 8000, 4, 104'000).value_or(-1), 4000);
}

QTEST_APPLESS_MAIN(tst_SyncEstimate)
#include "tst_syncestimate.moc"
