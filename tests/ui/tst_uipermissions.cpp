// The rules that decide what the app offers from the capabilities /me gave, and the words
// that explain a refusal.
#include "uitestmain.h"

#include "core/permissions.h"
#include "ui/permissions.h"

using namespace qm;

class tst_UiPermissions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void summaryListsWhatIsMissing();
};

void tst_UiPermissions::rules_data()
{
    QTest::addColumn<bool>("signedIn");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<bool>("order");
    QTest::addColumn<bool>("submit");
    QTest::addColumn<bool>("prices");
    QTest::addColumn<bool>("approve");
    QTest::addColumn<QString>("orderRefusal");
    QTest::addColumn<QString>("submitRefusal");

    const QString viewerRefusal = QStringLiteral(
        "Your role (viewer) cannot order. Ask your account administrator for the buyer role.");
    QTest::newRow("not signed in") << false << QString() << QStringList() << true << true << true
                                   << false << QString() << QString();
    QTest::newRow("viewer with prices")
        << true << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, true) << false << false
        << true << false << viewerRefusal << viewerRefusal;
    QTest::newRow("viewer without prices")
        << true << QStringLiteral("viewer") << capabilitiesOf(Role::Viewer, false) << false << false
        << false << false << viewerRefusal << viewerRefusal;
    QTest::newRow("buyer") << true << QStringLiteral("buyer") << capabilitiesOf(Role::Buyer, true)
                           << true << true << true << false << QString() << QString();
    QTest::newRow("approver") << true << QStringLiteral("approver")
                              << capabilitiesOf(Role::Approver, true) << true << true << true
                              << true << QString() << QString();
    QTest::newRow("account admin")
        << true << QStringLiteral("account_admin") << capabilitiesOf(Role::AccountAdmin, true)
        << true << true << true << true << QString() << QString();
    QTest::newRow("carts without submit")
        << true << QStringLiteral("buyer")
        << QStringList{QStringLiteral("catalog:read"), QStringLiteral("prices:read"),
                       QStringLiteral("cart:write")}
        << true << false << true << false << QString()
        << QStringLiteral("Your role (buyer) can fill carts but cannot place orders. Ask your "
                          "account administrator for the buyer role.");
    QTest::newRow("submit without carts")
        << true << QStringLiteral("buyer")
        << QStringList{QStringLiteral("catalog:read"), QStringLiteral("orders:submit")} << false
        << false << false << false
        << QStringLiteral(
               "Your role (buyer) cannot order. Ask your account administrator for the buyer role.")
        << QStringLiteral("Your role (buyer) cannot order. Ask your account administrator for the "
                          "buyer role.");
    QTest::newRow("a role this version does not know")
        << true << QStringLiteral("auditor") << QStringList{QStringLiteral("catalog:read")} << false
        << false << false << false
        << QStringLiteral(
               "Your role (auditor) cannot order. Ask your account administrator for the buyer "
               "role.")
        << QStringLiteral(
               "Your role (auditor) cannot order. Ask your account administrator for the buyer "
               "role.");
}

void tst_UiPermissions::rules()
{
    QFETCH(bool, signedIn);
    QFETCH(QString, role);
    QFETCH(QStringList, permissions);
    QFETCH(bool, order);
    QFETCH(bool, submit);
    QFETCH(bool, prices);
    QFETCH(bool, approve);
    QFETCH(QString, orderRefusal);
    QFETCH(QString, submitRefusal);

    ProfileInfo info;
    if (signedIn)
        info.portal = QUrl(QStringLiteral("https://portal.example"));
    info.role = role;
    info.permissions = permissions;
    const UiPermissions p(info);
    QCOMPARE(p.canOrder(), order);
    QCOMPARE(p.canSubmit(), submit);
    QCOMPARE(p.canSeePrices(), prices);
    QCOMPARE(p.canApprove(), approve);
    QCOMPARE(p.orderRefusal(), orderRefusal);
    QCOMPARE(p.submitRefusal(), submitRefusal);
    QCOMPARE(p.pricesRefusal().isEmpty(), prices);
}

void tst_UiPermissions::summaryListsWhatIsMissing()
{
    ProfileInfo info;
    info.portal = QUrl(QStringLiteral("https://portal.example"));
    info.role = QStringLiteral("account_admin");
    info.permissions = capabilitiesOf(Role::AccountAdmin, true) << QStringLiteral("reports:read");
    const QString text = UiPermissions(info).summary();
    QVERIFY2(text.startsWith(QStringLiteral("Your role: account administrator\nYou can:\n")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("• Manage the account's users")));
    // An account admin has every capability this version knows; an unknown one is listed
    // by its name.
    QVERIFY(!text.contains(QStringLiteral("Not with this role:")));
    QVERIFY(text.endsWith(QStringLiteral("• reports:read")));

    info.role = QStringLiteral("viewer");
    info.permissions = capabilitiesOf(Role::Viewer, true);
    const QString viewer = UiPermissions(info).summary();
    const qsizetype missing = viewer.indexOf(QStringLiteral("Not with this role:"));
    QVERIFY(missing > 0);
    QVERIFY(viewer.indexOf(QStringLiteral("See prices and totals")) < missing);
    QVERIFY(viewer.indexOf(QStringLiteral("Place orders within the spending limit")) > missing);
    QVERIFY(viewer.indexOf(QStringLiteral("See the subsidiaries' orders")) > missing);
    QVERIFY(text.contains(QStringLiteral("• See the subsidiaries' orders, spend and credit")));
}

QM_UI_TEST_MAIN(tst_UiPermissions)
#include "tst_uipermissions.moc"
