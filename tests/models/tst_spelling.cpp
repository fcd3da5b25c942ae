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

    QTest::newRow("left out") << QStringLiteral("wahser")
                              << QStringList{QStringLiteral("washer"), QStringLiteral("wahse"),
                                             QStringLiteral("ahser")}
                              << QStringList{QStringLiteral("washers")};
    QTest::newRow("each kind") << QStringLiteral("bolt")
                               << QStringList{QStringLiteral("olt"),   QStringLiteral("oblt"),
                                              QStringLiteral("belt"),  QStringLiteral("bolts"),
                                              QStringLiteral("b-olt"), QStringLiteral("zbolt")}
                               << QStringList{QStringLiteral("bolt"), QStringLiteral("bo-t"),
                                              QStringLiteral("blt-"), QStringLiteral("tlob")};
    QTest::newRow("doubled letter")
        << QStringLiteral("stainles")
        << QStringList{QStringLiteral("stainless"), QStringLiteral("stainle")}
        << QStringList{QStringLiteral("stainles")};
    QTest::newRow("one character")
        << QStringLiteral("a")
        << QStringList{QString(), QStringLiteral("b"), QStringLiteral("ab"), QStringLiteral("-a")}
        << QStringList{QStringLiteral("a")};
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
        // A '-' only ever comes in as an added character.
        QVERIFY2(s.count(u'-') <= word.count(u'-') + 1, qPrintable(s));
    }
    // Every string one slip away, made of the characters slips() uses, is among them: n
    // deletions, n - 1 swaps, 25 n substitutions and 27 (n + 1) insertions, less the ones
    // that come out the same.
    const qsizetype n = word.size();
    QVERIFY(slips.size() <= n + (n - 1) + 25 * n + 27 * (n + 1));
    QVERIFY(slips.size() >= 25 * n + 27 * (n + 1) - n);
}

QTEST_GUILESS_MAIN(tst_Spelling)
#include "tst_spelling.moc"
