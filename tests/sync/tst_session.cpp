#include "sync/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qm;

namespace {

// A /me document shaped as api/portal-api.yaml describes it.
QJsonObject me()
{
    return QJsonDocument::fromJson(R"({
        "user": {"id": 9, "username": "buyer@northgate.example", "display_name": "Jordan Lee",
                 "email": "buyer@northgate.example", "role": "buyer"},
        "permissions": ["catalog:read", "prices:read", "stock:read", "cart:write"],
        "account": {"id": 5, "code": "NEC", "name": "Northgate Electrical Contractors", "currency": "USD",
                    "parent": null, "path": [{"id": 5, "code": "NEC", "name": "Northgate Electrical Contractors"}],
                    "children": []},
        "portal": {"name": "Harbor Industrial Supply", "version": "0.1.0"}
    })")
        .object();
}

} // namespace

class tst_Session final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesMe();
    void rejects_data();
    void rejects();
};

void tst_Session::parsesMe()
{
    const QUrl portal(QStringLiteral("https://portal.example.com"));
    const auto info = profileInfoFromMe(me(), portal);
    QVERIFY(info);
    QCOMPARE(info->portal, portal);
    QCOMPARE(info->username, QStringLiteral("buyer@northgate.example"));
    QCOMPARE(info->displayName, QStringLiteral("Jordan Lee"));
    QCOMPARE(info->role, QStringLiteral("buyer"));
    QCOMPARE(info->permissions,
             (QStringList{QStringLiteral("catalog:read"), QStringLiteral("prices:read"),
                          QStringLiteral("stock:read"), QStringLiteral("cart:write")}));
    QCOMPARE(info->accountCode, QStringLiteral("NEC"));
    QCOMPARE(info->accountName, QStringLiteral("Northgate Electrical Contractors"));
    QCOMPARE(info->currency, QStringLiteral("USD"));
    QCOMPARE(info->portalName, QStringLiteral("Harbor Industrial Supply"));
    QCOMPARE(info->me, me());
    QVERIFY(info->can(u"cart:write"));
    QVERIFY(!info->can(u"orders:approve"));
}

void tst_Session::rejects_data()
{
    QTest::addColumn<QJsonObject>("document");
    QJsonObject o = me();
    o.remove(QStringLiteral("user"));
    QTest::newRow("no user") << o;
    o = me();
    o.remove(QStringLiteral("account"));
    QTest::newRow("no account") << o;
    o = me();
    o.remove(QStringLiteral("permissions"));
    QTest::newRow("no permissions") << o;
    o = me();
    o.insert(QStringLiteral("permissions"), QStringLiteral("catalog:read"));
    QTest::newRow("permissions not a list") << o;
    o = me();
    o.insert(QStringLiteral("permissions"), QJsonArray{1, 2});
    QTest::newRow("permissions not strings") << o;
    o = me();
    QJsonObject user = o.value(u"user").toObject();
    user.remove(QStringLiteral("username"));
    o.insert(QStringLiteral("user"), user);
    QTest::newRow("no username") << o;
    QTest::newRow("empty") << QJsonObject();
}

void tst_Session::rejects()
{
    QFETCH(QJsonObject, document);
    QVERIFY(!profileInfoFromMe(document, QUrl(QStringLiteral("https://portal.example.com"))));
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
