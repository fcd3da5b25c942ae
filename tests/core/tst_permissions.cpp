#include "core/permissions.h"

#include <QTest>

using qm::Role;
Q_DECLARE_METATYPE(qm::Role)

class tst_Permissions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roleNames();
    void capabilities_data();
    void capabilities();
};

void tst_Permissions::roleNames()
{
    for (Role r : {Role::Viewer, Role::Buyer, Role::Approver, Role::AccountAdmin})
        QCOMPARE(qm::roleFromName(qm::roleName(r)), r);
    QVERIFY(!qm::roleFromName(u"root").has_value());
}

void tst_Permissions::capabilities_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("viewersSeePrices");
    QTest::addColumn<QString>("capability");
    QTest::addColumn<bool>("granted");

    QTest::newRow("viewer reads catalog") << Role::Viewer << false << "catalog:read" << true;
    QTest::newRow("viewer reads stock") << Role::Viewer << false << "stock:read" << true;
    QTest::newRow("viewer no prices") << Role::Viewer << false << "prices:read" << false;
    QTest::newRow("viewer prices if shown") << Role::Viewer << true << "prices:read" << true;
    QTest::newRow("viewer cannot submit") << Role::Viewer << true << "orders:submit" << false;
    QTest::newRow("buyer submits") << Role::Buyer << false << "orders:submit" << true;
    QTest::newRow("buyer cannot approve") << Role::Buyer << false << "orders:approve" << false;
    QTest::newRow("approver approves") << Role::Approver << false << "orders:approve" << true;
    QTest::newRow("approver no users") << Role::Approver << false << "users:manage" << false;
    QTest::newRow("admin manages users") << Role::AccountAdmin << false << "users:manage" << true;
    QTest::newRow("admin manages locations")
        << Role::AccountAdmin << false << "locations:manage" << true;
    QTest::newRow("buyer has no subsidiaries view")
        << Role::Buyer << true << "subsidiaries:read" << false;
    QTest::newRow("approver sees subsidiaries")
        << Role::Approver << true << "subsidiaries:read" << true;
    QTest::newRow("admin sees subsidiaries")
        << Role::AccountAdmin << true << "subsidiaries:read" << true;
}

void tst_Permissions::capabilities()
{
    QFETCH(Role, role);
    QFETCH(bool, viewersSeePrices);
    QFETCH(QString, capability);
    QFETCH(bool, granted);
    QCOMPARE(qm::capabilitiesOf(role, viewersSeePrices).contains(capability), granted);
}

QTEST_APPLESS_MAIN(tst_Permissions)
#include "tst_permissions.moc"
