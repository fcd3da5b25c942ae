// LoginThrottle: the sliding-window limits of failed sign-ins, on a scripted clock.

#include "server/loginthrottle.h"

#include <QTest>

using namespace qm;

class tst_LoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void script_data();
    void script();
    void successClearsOnlyTheUser();
    void zeroMeansNoLimit();
    void trackedKeysAreBounded();
};

// A script is a list of steps "t=<seconds>:<op>:<user>:<address>[:<expected wait>]" where op
// is f (a failure), s (a success) or w (expect retryAfter == expected wait).
void tst_LoginThrottle::script_data()
{
    QTest::addColumn<int>("perUser");
    QTest::addColumn<int>("perAddress");
    QTest::addColumn<int>("window");
    QTest::addColumn<QStringList>("steps");
    const auto steps = [](const char *text) { return QString::fromLatin1(text).split(u'|'); };

    QTest::newRow("below the user limit")
        << 3 << 10 << 60 << steps("0:f:ann:a|1:f:ann:a|2:w:ann:a:0");
    QTest::newRow("user limit reached")
        << 3 << 10 << 60 << steps("0:f:ann:a|10:f:ann:a|20:f:ann:a|20:w:ann:a:40|20:w:ann:b:40");
    QTest::newRow("usernames are case-insensitive and trimmed")
        << 2 << 10 << 60
        << steps("0:f:Ann@X.example:a|0:f: ann@x.example :a|0:w:ANN@x.EXAMPLE:b:60");
    QTest::newRow("the oldest failure leaves the window")
        << 3 << 10 << 60 << steps("0:f:ann:a|10:f:ann:a|20:f:ann:a|59:w:ann:a:1|60:w:ann:a:0");
    QTest::newRow("a partial second rounds up")
        << 1 << 10 << 60 << steps("0.2:f:ann:a|0.5:w:ann:a:60|59.3:w:ann:a:1");
    QTest::newRow("unknown and known users alike")
        << 2 << 10 << 60 << steps("0:f:nobody:a|0:f:nobody:a|0:w:nobody:b:60");
    QTest::newRow("address limit across usernames")
        << 5 << 3 << 60 << steps("0:f:ann:a|1:f:bob:a|2:f:cy:a|2:w:dee:a:58|2:w:dee:b:0");
    QTest::newRow("the longer wait of user and address")
        << 2 << 3 << 60
        << steps("0:f:ann:a|30:f:ann:b|40:f:bob:b|44:f:cy:b|45:w:ann:b:45|45:w:ann:c:15");
    QTest::newRow("more failures than the limit keep the limit's wait")
        << 2 << 100 << 60 << steps("0:f:ann:a|10:f:ann:a|20:f:ann:a|30:f:ann:a|30:w:ann:a:50");
}

void tst_LoginThrottle::script()
{
    QFETCH(int, perUser);
    QFETCH(int, perAddress);
    QFETCH(int, window);
    QFETCH(QStringList, steps);
    qint64 nowMs = 0;
    LoginThrottle throttle({perUser, perAddress, window}, [&nowMs] { return nowMs; });
    for (const QString &step : steps) {
        const QStringList parts = step.split(u':');
        QVERIFY2(parts.size() >= 4, qPrintable(step));
        nowMs = qint64(parts.at(0).toDouble() * 1000);
        const QString op = parts.at(1);
        if (op == u"f") {
            throttle.recordFailure(parts.at(2), parts.at(3));
        } else if (op == u"s") {
            throttle.recordSuccess(parts.at(2));
        } else {
            QCOMPARE(parts.size(), 5);
            QCOMPARE(throttle.retryAfter(parts.at(2), parts.at(3)), parts.at(4).toLongLong());
        }
    }
}

void tst_LoginThrottle::successClearsOnlyTheUser()
{
    qint64 nowMs = 0;
    LoginThrottle throttle({2, 3, 60}, [&nowMs] { return nowMs; });
    throttle.recordFailure(QStringLiteral("ann"), QStringLiteral("a"));
    throttle.recordFailure(QStringLiteral("ann"), QStringLiteral("a"));
    QCOMPARE(throttle.retryAfter(QStringLiteral("ann"), QStringLiteral("b")), 60);
    throttle.recordSuccess(QStringLiteral("ANN"));
    QCOMPARE(throttle.retryAfter(QStringLiteral("ann"), QStringLiteral("b")), 0);
    // The address keeps its failures: one more reaches its limit.
    throttle.recordFailure(QStringLiteral("bob"), QStringLiteral("a"));
    QCOMPARE(throttle.retryAfter(QStringLiteral("cy"), QStringLiteral("a")), 60);
}

void tst_LoginThrottle::zeroMeansNoLimit()
{
    LoginThrottle throttle({0, 0, 60}, [] { return qint64(0); });
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(QStringLiteral("ann"), QStringLiteral("a"));
    QCOMPARE(throttle.retryAfter(QStringLiteral("ann"), QStringLiteral("a")), 0);
}

void tst_LoginThrottle::trackedKeysAreBounded()
{
    qint64 nowMs = 0;
    LoginThrottle throttle({1, 0, 3600}, [&nowMs] { return nowMs; });
    throttle.recordFailure(QStringLiteral("first"), QStringLiteral("a"));
    for (int i = 0; i < LoginThrottle::MaxTracked; ++i) {
        nowMs += 1;
        throttle.recordFailure(QStringLiteral("user%1").arg(i), QStringLiteral("a"));
    }
    // The least recently failed username was forgotten to make room; the newest is kept.
    QCOMPARE(throttle.retryAfter(QStringLiteral("first"), QStringLiteral("a")), 0);
    QVERIFY(throttle.retryAfter(QStringLiteral("user%1").arg(LoginThrottle::MaxTracked - 1),
                                QStringLiteral("a")) > 0);
}

QTEST_APPLESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"
