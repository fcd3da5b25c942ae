#include "sync/retrypolicy.h"

#include <QTest>

#include <QTimeZone>
#include <cmath>
#include <set>

using namespace qm;
using namespace std::chrono_literals;

namespace {

const QDateTime Now(QDate(2024, 5, 14), QTime(12, 0, 0), QTimeZone::utc());

RetryPolicy::Settings settings()
{
    RetryPolicy::Settings s;
    s.maxAttempts = 5;
    s.baseDelay = 500ms;
    s.maxDelay = 30000ms;
    s.maxRetryAfter = 300000ms;
    return s;
}

} // namespace

class tst_RetryPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryDelay_data();
    void retryDelay();
    void jitterIsFullRange();
    void defaultRandomStaysInBounds();
    void retriesOfManyClientsSpread_data();
    void retriesOfManyClientsSpread();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void idempotentMethods_data();
    void idempotentMethods();
};

void tst_RetryPolicy::retryDelay_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("idempotencyKey");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("networkError");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expectedMs"); // -1: no retry

    // The random source returns its bound, so the expected delay is the ceiling of the
    // jitter window: min(30000, 500 * 2^attempt); after a Retry-After wait, that window but at
    // most as long as the wait.
    QTest::newRow("network error, 1st")
        << QByteArray("GET") << false << 0 << true << QByteArray() << 1 << qint64(1000);
    QTest::newRow("network error, 2nd")
        << QByteArray("GET") << false << 0 << true << QByteArray() << 2 << qint64(2000);
    QTest::newRow("network error, 4th")
        << QByteArray("GET") << false << 0 << true << QByteArray() << 4 << qint64(8000);
    QTest::newRow("5th attempt is the last")
        << QByteArray("GET") << false << 0 << true << QByteArray() << 5 << qint64(-1);
    QTest::newRow("503") << QByteArray("GET") << false << 503 << false << QByteArray() << 1
                         << qint64(1000);
    QTest::newRow("500") << QByteArray("GET") << false << 500 << false << QByteArray() << 3
                         << qint64(4000);
    QTest::newRow("408") << QByteArray("GET") << false << 408 << false << QByteArray() << 1
                         << qint64(1000);
    QTest::newRow("429") << QByteArray("GET") << false << 429 << false << QByteArray() << 1
                         << qint64(1000);
    QTest::newRow("400 not retried")
        << QByteArray("GET") << false << 400 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("401 not retried")
        << QByteArray("GET") << false << 401 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("403 not retried")
        << QByteArray("GET") << false << 403 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("404 not retried")
        << QByteArray("GET") << false << 404 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("409 not retried")
        << QByteArray("GET") << false << 409 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("410 not retried")
        << QByteArray("GET") << false << 410 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("422 not retried")
        << QByteArray("GET") << false << 422 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("success not retried")
        << QByteArray("GET") << false << 200 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("POST without key, 503")
        << QByteArray("POST") << false << 503 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("POST without key, network")
        << QByteArray("POST") << false << 0 << true << QByteArray() << 1 << qint64(-1);
    QTest::newRow("POST with key, 503")
        << QByteArray("POST") << true << 503 << false << QByteArray() << 1 << qint64(1000);
    QTest::newRow("PATCH without key")
        << QByteArray("PATCH") << false << 503 << false << QByteArray() << 1 << qint64(-1);
    QTest::newRow("PUT without key")
        << QByteArray("PUT") << false << 503 << false << QByteArray() << 1 << qint64(1000);
    QTest::newRow("DELETE without key")
        << QByteArray("DELETE") << false << 503 << false << QByteArray() << 1 << qint64(1000);
    QTest::newRow("Retry-After seconds")
        << QByteArray("GET") << false << 503 << false << QByteArray("7") << 1 << qint64(8000);
    QTest::newRow("Retry-After shorter than the window")
        << QByteArray("GET") << false << 503 << false << QByteArray("1") << 3 << qint64(2000);
    QTest::newRow("Retry-After zero")
        << QByteArray("GET") << false << 429 << false << QByteArray("0") << 1 << qint64(0);
    QTest::newRow("Retry-After beyond the cap")
        << QByteArray("GET") << false << 429 << false << QByteArray("3600") << 1 << qint64(301000);
    QTest::newRow("Retry-After HTTP date")
        << QByteArray("GET") << false << 503 << false << QByteArray("Tue, 14 May 2024 12:00:42 GMT")
        << 1 << qint64(43000);
    QTest::newRow("Retry-After date in the past")
        << QByteArray("GET") << false << 503 << false << QByteArray("Tue, 14 May 2024 11:00:00 GMT")
        << 1 << qint64(0);
    QTest::newRow("Retry-After garbage: computed")
        << QByteArray("GET") << false << 503 << false << QByteArray("soon") << 2 << qint64(2000);
    QTest::newRow("Retry-After on 400 ignored")
        << QByteArray("GET") << false << 400 << false << QByteArray("5") << 1 << qint64(-1);
    QTest::newRow("Retry-After does not beat max attempts")
        << QByteArray("GET") << false << 503 << false << QByteArray("1") << 5 << qint64(-1);
    QTest::newRow("Retry-After on POST without key")
        << QByteArray("POST") << false << 429 << false << QByteArray("1") << 1 << qint64(-1);
}

void tst_RetryPolicy::retryDelay()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, idempotencyKey);
    QFETCH(int, status);
    QFETCH(bool, networkError);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, attempt);
    QFETCH(qint64, expectedMs);

    RetryPolicy policy(settings());
    policy.setRandom([](qint64 bound) { return bound; });
    const auto delay = policy.retryDelay({method, idempotencyKey},
                                         {status, networkError, retryAfter}, attempt, Now);
    if (expectedMs < 0) {
        QVERIFY2(!delay, qPrintable(QString::number(delay ? delay->count() : 0)));
    } else {
        QVERIFY(delay);
        QCOMPARE(qint64(delay->count()), expectedMs);
    }
}

void tst_RetryPolicy::jitterIsFullRange()
{
    RetryPolicy policy(settings());
    QList<qint64> bounds;
    qint64 answer = 0;
    policy.setRandom([&](qint64 bound) {
        bounds << bound;
        return answer;
    });
    const RetryPolicy::Request get{"GET", false};
    const RetryPolicy::Outcome failed{503, false, {}};
    QCOMPARE(policy.retryDelay(get, failed, 1, Now)->count(), 0); // the floor of the window
    answer = 123;
    QCOMPARE(policy.retryDelay(get, failed, 2, Now)->count(), 123);
    // A cap of 3000: attempts beyond it draw from [0, 3000].
    RetryPolicy::Settings capped = settings();
    capped.maxDelay = 3000ms;
    capped.maxAttempts = 20;
    RetryPolicy small(capped);
    small.setRandom([&](qint64 bound) {
        bounds << bound;
        return bound;
    });
    QCOMPARE(small.retryDelay(get, failed, 3, Now)->count(), 3000);
    QCOMPARE(small.retryDelay(get, failed, 19, Now)->count(), 3000);
    QCOMPARE(bounds, (QList<qint64>{1000, 2000, 3000, 3000}));
    // A random source that misbehaves is clamped into the window.
    small.setRandom([](qint64) { return qint64(-5); });
    QCOMPARE(small.retryDelay(get, failed, 1, Now)->count(), 0);
    small.setRandom([](qint64 bound) { return bound * 10; });
    QCOMPARE(small.retryDelay(get, failed, 1, Now)->count(), 1000);
}

void tst_RetryPolicy::defaultRandomStaysInBounds()
{
    RetryPolicy policy(settings());
    bool sawDifferent = false;
    qint64 first = -1;
    for (int i = 0; i < 200; ++i) {
        const auto d = policy.retryDelay({"GET", false}, {0, true, {}}, 3, Now);
        QVERIFY(d);
        QVERIFY(d->count() >= 0 && d->count() <= 4000);
        if (first < 0)
            first = d->count();
        sawDifferent = sawDifferent || d->count() != first;
    }
    QVERIFY(sawDifferent);
}

void tst_RetryPolicy::retriesOfManyClientsSpread_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("earliestMs"); // what the Retry-After asks for
    QTest::newRow("503") << 503 << QByteArray() << qint64(0);
    QTest::newRow("503, Retry-After seconds") << 503 << QByteArray("20") << qint64(20000);
    QTest::newRow("429, Retry-After date")
        << 429 << QByteArray("Tue, 14 May 2024 12:01:00 GMT") << qint64(60000);
}

// Fifty clients turned away at the same moment, each with its own policy and the default
// random source: their first retries spread over the backoff window (after the Retry-After
// time, never before it) instead of coming back together.
void tst_RetryPolicy::retriesOfManyClientsSpread()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, earliestMs);
    constexpr int Clients = 50;
    constexpr int Slices = 10;
    const RetryPolicy::Settings s = settings();
    const qint64 window = std::min<qint64>(s.maxDelay.count(), s.baseDelay.count() * 2);

    QList<qint64> offsets;
    for (int i = 0; i < Clients; ++i) {
        const RetryPolicy policy(s);
        const auto d = policy.retryDelay({"GET", false}, {status, false, retryAfter}, 1, Now);
        QVERIFY(d);
        QVERIFY2(d->count() >= earliestMs, qPrintable(QString::number(d->count())));
        QVERIFY2(d->count() <= earliestMs + window, qPrintable(QString::number(d->count())));
        offsets << d->count() - earliestMs;
    }

    // Full jitter draws each offset uniformly from the window, so the number of clients in
    // one tenth of it is Binomial(50, 1/10). Allow the smallest count k for which
    // Slices * P(X >= k) < 1e-9: a correct policy fails this once in a billion runs.
    const auto tail = [](int k) {
        double p = 0;
        for (int j = k; j <= Clients; ++j)
            p += std::exp(std::lgamma(Clients + 1.0) - std::lgamma(j + 1.0) -
                          std::lgamma(Clients - j + 1.0) + j * std::log(0.1) +
                          (Clients - j) * std::log(0.9));
        return p;
    };
    int allowed = 0;
    while (Slices * tail(allowed) >= 1e-9)
        ++allowed;
    QList<int> perSlice(Slices, 0);
    for (qint64 offset : std::as_const(offsets))
        ++perSlice[int(std::min<qint64>(Slices - 1, offset * Slices / (window + 1)))];
    const int crowded = *std::max_element(perSlice.cbegin(), perSlice.cend());
    QVERIFY2(crowded < allowed, qPrintable(QStringLiteral("%1 of %2 retries in one tenth of the"
                                                          " window (at most %3 allowed)")
                                               .arg(crowded)
                                               .arg(Clients)
                                               .arg(allowed - 1)));
    // Not a few instants either: 50 draws from 1,001 values almost never repeat much.
    const std::set<qint64> distinct(offsets.cbegin(), offsets.cend());
    QVERIFY2(int(distinct.size()) >= Clients / 2, qPrintable(QString::number(distinct.size())));
}

void tst_RetryPolicy::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: nullopt

    QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::newRow("seconds, spaces") << QByteArray(" 3 ") << qint64(3000);
    QTest::newRow("IMF-fixdate") << QByteArray("Tue, 14 May 2024 12:01:00 GMT") << qint64(60000);
    QTest::newRow("RFC 850") << QByteArray("Tuesday, 14-May-24 12:00:10 GMT") << qint64(10000);
    QTest::newRow("asctime") << QByteArray("Tue May 14 12:00:05 2024") << qint64(5000);
    QTest::newRow("past") << QByteArray("Mon, 13 May 2024 12:00:00 GMT") << qint64(0);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::newRow("words") << QByteArray("later") << qint64(-1);
    QTest::newRow("not GMT") << QByteArray("Tue, 14 May 2024 12:01:00 CET") << qint64(-1);
    QTest::newRow("invalid day") << QByteArray("Fri, 31 Feb 2024 12:01:00 GMT") << qint64(-1);
    QTest::newRow("huge") << QByteArray("99999999999999999999999") << qint64(-1);
}

void tst_RetryPolicy::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const auto parsed = RetryPolicy::parseRetryAfter(value, Now);
    if (expectedMs < 0) {
        QVERIFY(!parsed);
    } else {
        QVERIFY(parsed);
        QCOMPARE(qint64(parsed->count()), expectedMs);
    }
}

void tst_RetryPolicy::idempotentMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("idempotent");
    QTest::newRow("GET") << QByteArray("GET") << true;
    QTest::newRow("get") << QByteArray("get") << true;
    QTest::newRow("HEAD") << QByteArray("HEAD") << true;
    QTest::newRow("PUT") << QByteArray("PUT") << true;
    QTest::newRow("DELETE") << QByteArray("DELETE") << true;
    QTest::newRow("POST") << QByteArray("POST") << false;
    QTest::newRow("PATCH") << QByteArray("PATCH") << false;
}

void tst_RetryPolicy::idempotentMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, idempotent);
    QCOMPARE(RetryPolicy::isIdempotentMethod(method), idempotent);
}

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
