#include "core/decimal.h"

#include <QTest>

using qm::Decimal;

class tst_Decimal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rounded_data();
    void rounded();
    void toStringTrims_data();
    void toStringTrims();
    void timesDetectsOverflow();
    void currencyMinorDigits_data();
    void currencyMinorDigits();
};

void tst_Decimal::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("units");

    QTest::newRow("integer") << "12" << true << qint64(120000);
    QTest::newRow("two decimals") << "12.34" << true << qint64(123400);
    QTest::newRow("four decimals") << "0.0001" << true << qint64(1);
    QTest::newRow("negative") << "-3.5" << true << qint64(-35000);
    QTest::newRow("plus sign") << "+3.25" << true << qint64(32500);
    QTest::newRow("zero") << "0" << true << qint64(0);
    QTest::newRow("five decimals") << "1.00001" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("sign only") << "-" << false << qint64(0);
    QTest::newRow("trailing dot") << "12." << false << qint64(0);
    QTest::newRow("leading dot") << ".5" << false << qint64(0);
    QTest::newRow("comma") << "12,50" << false << qint64(0);
    QTest::newRow("exponent") << "1e3" << false << qint64(0);
    QTest::newRow("spaces") << " 12" << false << qint64(0);
    QTest::newRow("thousands") << "1,000.00" << false << qint64(0);
    QTest::newRow("arabic-indic digits") << QStringLiteral("\u0661\u0662") << false << qint64(0);
    QTest::newRow("overflow") << "99999999999999999999" << false << qint64(0);
}

void tst_Decimal::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, units);
    const auto d = Decimal::parse(text);
    QCOMPARE(d.has_value(), ok);
    if (ok)
        QCOMPARE(d->units(), units);
}

void tst_Decimal::rounded_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("digits");
    QTest::addColumn<QString>("expected");

    QTest::newRow("half up") << "0.125" << 2 << "0.1300";
    QTest::newRow("below half") << "0.1249" << 2 << "0.1200";
    QTest::newRow("negative half away from zero") << "-0.125" << 2 << "-0.1300";
    QTest::newRow("to whole") << "2.5" << 0 << "3.0000";
    QTest::newRow("to whole negative") << "-2.5" << 0 << "-3.0000";
    QTest::newRow("three digits") << "1.2345" << 3 << "1.2350";
    QTest::newRow("no change") << "1.2345" << 4 << "1.2345";
    QTest::newRow("carry") << "9.995" << 2 << "10.0000";
}

void tst_Decimal::rounded()
{
    QFETCH(QString, value);
    QFETCH(int, digits);
    QFETCH(QString, expected);
    QCOMPARE(Decimal::parse(value)->rounded(digits).toString(), expected);
}

void tst_Decimal::toStringTrims_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("minDigits");
    QTest::addColumn<QString>("expected");
    QTest::newRow("two") << "12.3400" << 2 << "12.34";
    QTest::newRow("keeps significant") << "12.3456" << 2 << "12.3456";
    QTest::newRow("pads to min") << "12" << 2 << "12.00";
    QTest::newRow("none") << "12" << 0 << "12";
    QTest::newRow("negative small") << "-0.05" << 2 << "-0.05";
}

void tst_Decimal::toStringTrims()
{
    QFETCH(QString, value);
    QFETCH(int, minDigits);
    QFETCH(QString, expected);
    QCOMPARE(Decimal::parse(value)->toString(minDigits), expected);
}

void tst_Decimal::timesDetectsOverflow()
{
    const Decimal price = *Decimal::parse(u"12.3456");
    QCOMPARE(price.times(1000)->toString(), QStringLiteral("12345.6000"));
    QVERIFY(!Decimal::fromInt(900000000000000LL).times(1000).has_value());
}

void tst_Decimal::currencyMinorDigits_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("digits");
    QTest::newRow("USD") << "USD" << 2;
    QTest::newRow("EUR") << "EUR" << 2;
    QTest::newRow("JPY") << "JPY" << 0;
    QTest::newRow("KWD") << "KWD" << 3;
}

void tst_Decimal::currencyMinorDigits()
{
    QFETCH(QString, code);
    QFETCH(int, digits);
    QCOMPARE(qm::currencyMinorDigits(code), digits);
}

QTEST_APPLESS_MAIN(tst_Decimal)
#include "tst_decimal.moc"
