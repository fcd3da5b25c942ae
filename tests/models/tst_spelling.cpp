#include "models/spelling.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace qm;

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
// neighbours, each 1.
qsizetype slipDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<qsizetype>> d(n + 1, std::vector<qsizetype>(m + 1));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

class tst_Spelling final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slips_data();
    void slips();
};

void tst_Spelling::slips_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("excludes");

    QTest::newRow("two keys in the wrong order")
        << QStringLiteral("wahser") << QStringList{QStringLiteral("washer")}
        << QStringList{QStringLiteral("washers")};
    QTest::newRow("a key pressed twice")
        << QStringLiteral("stainlesss") << QStringList{QStringLiteral("stainless")}
        << QStringList{QStringLiteral("stainlesss")};
    QTest::newRow("a key beside its neighbour")
        << QStringLiteral("bolyt") << QStringList{QStringLiteral("bolt")} << QStringList{};
    QTest::newRow("an extra key far from its neighbours")
        << QStringLiteral("clamp") << QStringList{} << QStringList{QStringLiteral("lamp")};
    QTest::newRow("the key beside the one meant")
        << QStringLiteral("bolr") << QStringList{QStringLiteral("bolt"), QStringLiteral("bole")}
        << QStringList{QStringLiteral("boly"), QStringLiteral("bolx")};
    QTest::newRow("a key beside on QWERTZ")
        << QStringLiteral("galvanited") << QStringList{QStringLiteral("galvanized")}
        << QStringList{QStringLiteral("galvanimed")};
    QTest::newRow("a key far on both keyboards")
        << QStringLiteral("zinz") << QStringList{QStringLiteral("zins"), QStringLiteral("zinx")}
        << QStringList{QStringLiteral("zinc"), QStringLiteral("zinm")};
    QTest::newRow("qwertz: y where z is meant")
        << QStringLiteral("galvaniyed") << QStringList{QStringLiteral("galvanized")}
        << QStringList{};
    QTest::newRow("a far key is no slip")
        << QStringLiteral("duct") << QStringList{QStringLiteral("dyct"), QStringLiteral("dcut")}
        << QStringList{QStringLiteral("dust"), QStringLiteral("duck")};
    QTest::newRow("one vowel for another")
        << QStringLiteral("galvinized") << QStringList{QStringLiteral("galvanized")}
        << QStringList{QStringLiteral("galvbnized")};
    QTest::newRow("y for i") << QStringLiteral("zync") << QStringList{QStringLiteral("zinc")}
                             << QStringList{};
    QTest::newRow("a letter left out")
        << QStringLiteral("nitrle") << QStringList{QStringLiteral("nitrile")} << QStringList{};
    QTest::newRow("a hyphen left out")
        << QStringLiteral("selftapping") << QStringList{QStringLiteral("self-tapping")}
        << QStringList{QStringLiteral("sel-ftappin")};
    QTest::newRow("a short word left nothing out")
        << QStringLiteral("fire") << QStringList{QStringLiteral("frie"), QStringLiteral("fure")}
        << QStringList{QStringLiteral("fibre"), QStringLiteral("wire"), QStringLiteral("firee")};
    QTest::newRow("one character")
        << QStringLiteral("a") << QStringList{QStringLiteral("s"), QStringLiteral("e")}
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("ab")};
}

void tst_Spelling::slips()
{
    QFETCH(QString, word);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, excludes);
    const QStringList slips = spelling::slips(word);
    for (const QString &s : std::as_const(contains))
        QVERIFY2(slips.contains(s), qPrintable(s));
    for (const QString &s : std::as_const(excludes))
        QVERIFY2(!slips.contains(s), qPrintable(s));
    QCOMPARE(QSet<QString>(slips.cbegin(), slips.cend()).size(), slips.size());
    for (const QString &s : slips) {
        QVERIFY2(slipDistance(word, s) == 1, qPrintable(s));
        // A '-' only ever comes in as a character left out.
        QVERIFY2(s.count(u'-') <= word.count(u'-') + 1, qPrintable(s));
        if (s.size() > word.size())
            QVERIFY2(word.size() >= spelling::MinOmissionLength, qPrintable(s));
    }
}

QTEST_GUILESS_MAIN(tst_Spelling)
#include "tst_spelling.moc"
