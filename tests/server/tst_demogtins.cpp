#include "server/demogtins.h"

#include <QSet>
#include <QTest>

using namespace qm;

namespace {

// The GS1 check digit computed from the left (weights 1,3,... for a 13-digit body, as GS1
// writes it for GTIN-14), independently of core/gtin.
bool hasValidCheckDigit(const QString &code)
{
    const QString padded = code.rightJustified(14, u'0');
    int sum = 0;
    for (int i = 0; i < 13; ++i)
        sum += (padded.at(i).unicode() - u'0') * (i % 2 == 0 ? 3 : 1);
    return (10 - sum % 10) % 10 == padded.at(13).unicode() - u'0';
}

} // namespace

class tst_DemoGtins final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownValues_data();
    void knownValues();
    void allValidAndUnique();
    void largeCatalogsLeaveTheExamplePrefix();
};

void tst_DemoGtins::knownValues_data()
{
    QTest::addColumn<qint64>("index");
    QTest::addColumn<int>("indicator"); // 0: the unit
    QTest::addColumn<QString>("gtin");
    // 0614141 00000 + check 5 (UPC-A 614141000005 for every fourth product).
    QTest::newRow("unit 0 as UPC-A") << qint64(0) << 0 << "614141000005";
    QTest::newRow("unit 1 as EAN-13") << qint64(1) << 0 << "0614141000012";
    QTest::newRow("case of 0") << qint64(0) << 1 << "10614141000002";
    QTest::newRow("unit 99999") << qint64(99999) << 0 << "0614141999996";
    QTest::newRow("unit 100001 (prefix 04)") << qint64(100001) << 0 << "0400001000014";
}

void tst_DemoGtins::knownValues()
{
    QFETCH(qint64, index);
    QFETCH(int, indicator);
    QFETCH(QString, gtin);
    QCOMPARE(indicator == 0 ? DemoGtins::unit(index) : DemoGtins::pack(index, indicator), gtin);
    QVERIFY(hasValidCheckDigit(gtin));
}

void tst_DemoGtins::allValidAndUnique()
{
    QSet<QString> seen;
    int count = 0;
    for (qint64 index : {qint64(0), qint64(1), qint64(2), qint64(3), qint64(4), qint64(999),
                         qint64(12345), qint64(99998), qint64(99999), qint64(100000),
                         qint64(100001), qint64(999999), qint64(1000000)}) {
        const QString unit = DemoGtins::unit(index);
        QVERIFY2(unit.size() == 12 || unit.size() == 13, qPrintable(unit));
        QVERIFY2(hasValidCheckDigit(unit), qPrintable(unit));
        seen.insert(unit.rightJustified(14, u'0'));
        ++count;
        for (int indicator = 1; indicator <= 8; ++indicator) {
            const QString pack = DemoGtins::pack(index, indicator);
            QCOMPARE(pack.size(), 14);
            QCOMPARE(pack.at(0), QChar(u'0' + indicator));
            QVERIFY2(hasValidCheckDigit(pack), qPrintable(pack));
            seen.insert(pack);
            ++count;
        }
    }
    QCOMPARE(seen.size(), count);
}

void tst_DemoGtins::largeCatalogsLeaveTheExamplePrefix()
{
    QVERIFY(DemoGtins::unit(DemoGtins::CompanyPrefixCapacity - 1)
                .rightJustified(13, u'0')
                .startsWith(u"0614141"));
    QVERIFY(DemoGtins::unit(DemoGtins::CompanyPrefixCapacity + 1).startsWith(u"04"));
    QVERIFY(DemoGtins::unit(DemoGtins::CompanyPrefixCapacity) != DemoGtins::unit(0));
}

QTEST_APPLESS_MAIN(tst_DemoGtins)
#include "tst_demogtins.moc"
