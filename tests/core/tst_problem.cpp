#include "core/problem.h"

#include <QJsonDocument>
#include <QTest>

using qm::Problem;

class tst_Problem final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void fromJson_data();
    void fromJson();
};

void tst_Problem::roundTrip()
{
    Problem p =
        Problem::make(qm::problems::CursorExpired, 410, QStringLiteral("cursor 5 is too old"));
    p.extensions.insert(QStringLiteral("error"), QStringLiteral("x"));
    const auto back = Problem::fromJson(p.toJson());
    QVERIFY(back.has_value());
    QCOMPARE(back->type, QStringLiteral("/problems/cursor-expired"));
    QCOMPARE(back->slug(), QStringLiteral("cursor-expired"));
    QCOMPARE(back->status, 410);
    QCOMPARE(back->detail, QStringLiteral("cursor 5 is too old"));
    QCOMPARE(back->title, qm::problemTitle(qm::problems::CursorExpired));
    QCOMPARE(back->extensions.value(u"error").toString(), QStringLiteral("x"));
}

void tst_Problem::fromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("slug");
    QTest::newRow("minimal") << QByteArray(R"({"type":"/problems/not-found","status":404})") << true
                             << "not-found";
    QTest::newRow("no type is about:blank") << QByteArray(R"({"status":500})") << true << "";
    QTest::newRow("foreign type") << QByteArray(R"({"type":"https://x.test/p","status":400})")
                                  << true << "";
    QTest::newRow("status as string")
        << QByteArray(R"({"type":"/problems/x","status":"400"})") << false << "";
    QTest::newRow("type not string") << QByteArray(R"({"type":5,"status":400})") << false << "";
    QTest::newRow("array") << QByteArray("[]") << false << "";
    QTest::newRow("garbage") << QByteArray("<html>") << false << "";
}

void tst_Problem::fromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, slug);
    const auto p = Problem::fromJson(json);
    QCOMPARE(p.has_value(), ok);
    if (ok)
        QCOMPARE(p->slug(), slug);
}

QTEST_APPLESS_MAIN(tst_Problem)
#include "tst_problem.moc"
