#include "core/scandetector.h"

#include <QTest>

using qm::scan::ScanDetector;
using Output = qm::scan::ScanDetector::Output;

// A typed sequence: each key with the milliseconds since the previous key. Outputs are
// written "S:text" for a scan and "K:text" for keys handed back.
struct Keys
{
    QString chars;
    QList<int> gaps;
};
Q_DECLARE_METATYPE(Keys)

class tst_ScanDetector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detect_data();
    void detect();
    void prefixHandsBackOtherKeysAtOnce();
    void deadlineFollowsLastKey();
    void flushHandsBackHeldKeys();
};

namespace {

QStringList L(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

Keys burst(const QString &chars, int gap)
{
    return {chars, QList<int>(chars.size(), gap)};
}

Keys operator+(Keys a, const Keys &b)
{
    a.chars += b.chars;
    a.gaps += b.gaps;
    return a;
}

// Human typing with the given pauses, cycled.
Keys human(const QString &chars, QList<int> pauses = {120, 80, 200, 150})
{
    Keys k;
    for (qsizetype i = 0; i < chars.size(); ++i) {
        k.chars += chars[i];
        k.gaps << pauses[i % pauses.size()];
    }
    return k;
}

QStringList run(ScanDetector &d, const Keys &keys, bool endWithTimeout = true)
{
    QStringList out;
    auto collect = [&out](const QList<Output> &outputs) {
        for (const Output &o : outputs)
            out << QString::fromLatin1(o.type == Output::Type::Scan ? "S:" : "K:") + o.text;
    };
    qint64 t = 1000000;
    for (qsizetype i = 0; i < keys.chars.size(); ++i) {
        t += keys.gaps[i];
        // The caller asks about a pending burst when its deadline has passed.
        if (const auto deadline = d.deadline(); deadline && *deadline <= t)
            collect(d.timeout(*deadline));
        collect(d.feed(keys.chars[i], t));
    }
    if (endWithTimeout) {
        if (const auto deadline = d.deadline())
            collect(d.timeout(*deadline));
    }
    return out;
}

} // namespace

void tst_ScanDetector::detect_data()
{
    QTest::addColumn<Keys>("keys");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("fast burst + Enter") << burst(QStringLiteral("4006381333931\r"), 8) << ""
                                        << "\r" << L({"S:4006381333931\r"});
    QTest::newRow("burst at the gap limit") << burst(QStringLiteral("SKU-12\r"), 35) << ""
                                            << "\r" << L({"S:SKU-12\r"});
    QTest::newRow("just too slow") << burst(QStringLiteral("SKU-12\r"), 36) << ""
                                   << "\r" << L({"K:S", "K:K", "K:U", "K:-", "K:1", "K:2", "K:\r"});
    QTest::newRow("human typing then Enter") << human(QStringLiteral("bolt\r")) << ""
                                             << "\r" << L({"K:b", "K:o", "K:l", "K:t", "K:\r"});
    QTest::newRow("human types two keys fast")
        << human(QStringLiteral("th"), {150, 20}) + human(QStringLiteral("e "), {150, 150}) << ""
        << "\r" << L({"K:th", "K:e", "K: "});
    QTest::newRow("human types three keys fast then Enter fast")
        << human(QStringLiteral("ab"), {150}) + burst(QStringLiteral("c\r"), 25) << ""
        << "\r" << L({"K:a", "K:bc\r"});
    QTest::newRow("burst without suffix ends by the pause")
        << burst(QStringLiteral("BOLT-M8"), 5) << ""
        << "" << L({"S:BOLT-M8"});
    QTest::newRow("burst without suffix, then a person types")
        << burst(QStringLiteral("BOLT-M8"), 5) + human(QStringLiteral("x")) << ""
        << "" << L({"S:BOLT-M8", "K:x"});
    QTest::newRow("burst interrupted before minimum length")
        << burst(QStringLiteral("AB"), 5) + human(QStringLiteral("CD\r")) << ""
        << "\r" << L({"K:AB", "K:C", "K:D", "K:\r"});
    QTest::newRow("burst interrupted, rest typed slowly")
        << burst(QStringLiteral("12345"), 5) + human(QStringLiteral("6\r")) << ""
        << "\r" << L({"S:12345", "K:6", "K:\r"});
    QTest::newRow("two scans back to back")
        << burst(QStringLiteral("AAA-1\r"), 4) + burst(QStringLiteral("BBB-2\r"), 4) << ""
        << "\r" << L({"S:AAA-1\r", "S:BBB-2\r"});
    QTest::newRow("short code under minimum length") << burst(QStringLiteral("ab1\r"), 5) << ""
                                                     << "\r" << L({"K:ab1\r"});
    QTest::newRow("held-down key repeats fast") << burst(QStringLiteral("aaaaaaaaaa"), 30) << ""
                                                << "\r" << L({"K:aaaaaaaaaa"});
    QTest::newRow("Tab suffix") << burst(QStringLiteral("SKU-77\t"), 6) << ""
                                << "\t" << L({"S:SKU-77\t"});
    QTest::newRow("non-ASCII burst") << burst(QStringLiteral("Prüfgerät\r"), 6) << ""
                                     << "\r" << L({"S:Prüfgerät\r"});
    QTest::newRow("prefix marks scans") << burst(QStringLiteral("@1234\r"), 6) << "@"
                                        << "\r" << L({"S:@1234\r"});
    QTest::newRow("prefix configured, fast keys without it")
        << burst(QStringLiteral("1234\r"), 6) << "@"
        << "\r" << L({"K:1", "K:2", "K:3", "K:4", "K:\r"});
    QTest::newRow("prefix counts not to minimum length") << burst(QStringLiteral("@12\r"), 6) << "@"
                                                         << "\r" << L({"K:@12\r"});
}

void tst_ScanDetector::detect()
{
    QFETCH(Keys, keys);
    QFETCH(QString, prefix);
    QFETCH(QString, suffix);
    QFETCH(QStringList, expected);
    ScanDetector::Settings s;
    s.prefix = prefix;
    s.suffix = suffix;
    ScanDetector d(s);
    const QStringList out = run(d, keys);
    QCOMPARE(out, expected);
    QVERIFY(!d.isHolding());
    // Nothing typed is lost: the outputs together are exactly the keys.
    QString all;
    for (const QString &o : out)
        all += o.mid(2);
    QCOMPARE(all, keys.chars);
}

void tst_ScanDetector::prefixHandsBackOtherKeysAtOnce()
{
    ScanDetector::Settings s;
    s.prefix = QStringLiteral("#!");
    ScanDetector d(s);
    QVERIFY(d.feed(u'#', 100).isEmpty()); // could be the prefix: held
    QVERIFY(d.isHolding());
    const QList<Output> out = d.feed(u'x', 105);
    QCOMPARE(out, (QList<Output>{{Output::Type::Keys, QStringLiteral("#x")}}));
    QVERIFY(!d.isHolding());
}

void tst_ScanDetector::deadlineFollowsLastKey()
{
    ScanDetector d;
    QVERIFY(!d.deadline());
    d.feed(u'A', 1000);
    QCOMPARE(d.deadline().value_or(0), 1036);
    QVERIFY(d.timeout(1035).isEmpty()); // not yet
    d.feed(u'B', 1010);
    QCOMPARE(d.deadline().value_or(0), 1046);
    QCOMPARE(d.timeout(1046), (QList<Output>{{Output::Type::Keys, QStringLiteral("AB")}}));
    QVERIFY(!d.deadline());
}

void tst_ScanDetector::flushHandsBackHeldKeys()
{
    ScanDetector d;
    d.feed(u'1', 0);
    d.feed(u'2', 5);
    d.feed(u'3', 10);
    d.feed(u'4', 15);
    QCOMPARE(d.flush(), (QList<Output>{{Output::Type::Keys, QStringLiteral("1234")}}));
    QVERIFY(d.flush().isEmpty());
}

QTEST_APPLESS_MAIN(tst_ScanDetector)
#include "tst_scandetector.moc"
