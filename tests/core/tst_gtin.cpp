#include "core/gtin.h"

#include <QTest>

namespace gtin = qm::gtin;

class tst_Gtin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isValid_data();
    void isValid();
    void normalizedMakesPacksComparable();
    void withCheckDigit();
};

void tst_Gtin::isValid_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::newRow("EAN-13") << "4006381333931" << true;
    QTest::newRow("EAN-13 wrong check") << "4006381333932" << false;
    QTest::newRow("UPC-A") << "036000291452" << true;
    QTest::newRow("EAN-8") << "96385074" << true;
    QTest::newRow("GTIN-14") << "10036000291459" << true;
    QTest::newRow("GTIN-14 wrong check") << "10036000291458" << false;
    QTest::newRow("too short") << "1234567" << false;
    QTest::newRow("letters") << "40063813339A1" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("11 digits") << "03600029145" << false;
}

void tst_Gtin::isValid()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(gtin::isValid(code), valid);
}

void tst_Gtin::normalizedMakesPacksComparable()
{
    QCOMPARE(gtin::normalized(u"036000291452"), QStringLiteral("00036000291452"));
    QCOMPARE(gtin::normalized(u"0036000291452"), QStringLiteral("00036000291452"));
    QCOMPARE(gtin::normalized(u"00036000291452"), QStringLiteral("00036000291452"));
    QVERIFY(gtin::normalized(u"036000291453").isEmpty());
}

void tst_Gtin::withCheckDigit()
{
    QCOMPARE(gtin::withCheckDigit(u"400638133393"), QStringLiteral("4006381333931"));
    QCOMPARE(gtin::withCheckDigit(u"1003600029145"), QStringLiteral("10036000291459"));
    QVERIFY(gtin::withCheckDigit(u"12a").isEmpty());
}

QTEST_APPLESS_MAIN(tst_Gtin)
#include "tst_gtin.moc"
