// qm users, qm user, qm locations, qm location, qm audit and qm company, run as real processes
// against a real qm-portal with the demo supplier.
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using qm::test::HttpClient;

namespace {

const QString Password = QStringLiteral("demo");
const QString Admin = QStringLiteral("admin@bayside.example");
const QString Buyer = QStringLiteral("buyer@bayside.example");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

struct Home
{
    QTemporaryDir dir;
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
};

QString q(const char *s)
{
    return QString::fromLatin1(s);
}

QJsonObject json(const Run &run)
{
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    if (!doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(run.out.left(400)));
    return doc.object();
}

QJsonObject byMember(const QJsonArray &array, QStringView member, const QString &value)
{
    for (const QJsonValue &v : array) {
        if (v.toObject().value(member).toString() == value)
            return v.toObject();
    }
    return {};
}

} // namespace

class tst_AdminCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wholeFlow();
    void buyerIsRefused();
    void companyOverview();
    void companyOrders();
    void badInput_data();
    void badInput();
    void notSignedIn();
    void portalUnreachable();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {}) const;
    void login(const Home &home, const QString &user, const QUrl &portal);
    // What the portal holds, read over HTTP as the administrator.
    QJsonArray serverUsers();
    QJsonArray serverLocations();

    QString m_qmBin;
    qm::test::PortalProcess m_portal;
    std::unique_ptr<HttpClient> m_http;
    QString m_adminToken;
    Home m_admin;
    Home m_buyer;
};

void tst_AdminCommand::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start({q("--demo"), q("--products"), q("100")}, &error), qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal.url());
    m_adminToken = m_http->accessToken(Admin);
    QVERIFY(!m_adminToken.isEmpty());
    login(m_admin, Admin, m_portal.url());
    login(m_buyer, Buyer, m_portal.url());
}

void tst_AdminCommand::cleanupTestCase()
{
    m_portal.stop();
}

Run tst_AdminCommand::qm(const Home &home, const QStringList &args, const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(q("XDG_CONFIG_HOME"), home.dir.filePath(q("config")));
    env.insert(q("XDG_DATA_HOME"), home.dir.filePath(q("data")));
    env.remove(q("QT_LOGGING_RULES"));
    process.setProcessEnvironment(env);
    process.start(m_qmBin, QStringList{q("--profile"), home.profile()} + args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_AdminCommand::login(const Home &home, const QString &user, const QUrl &portal)
{
    const Run run =
        qm(home,
           {q("login"), q("--portal"), portal.toString(), q("--user"), user, q("--password-stdin")},
           Password.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

QJsonArray tst_AdminCommand::serverUsers()
{
    return m_http->get(q("/api/v1/users"), m_adminToken).json().value(u"users").toArray();
}

QJsonArray tst_AdminCommand::serverLocations()
{
    return m_http->get(q("/api/v1/locations"), m_adminToken).json().value(u"locations").toArray();
}

void tst_AdminCommand::wholeFlow()
{
    // The account's users as the administrator sees them.
    Run run = qm(m_admin, {q("users"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray listed = json(run).value(u"users").toArray();
    QCOMPARE(listed.size(), serverUsers().size());
    const QJsonObject admin = byMember(listed, u"username", Admin);
    QCOMPARE(admin.value(u"role").toString(), q("account_admin"));
    QCOMPARE(admin.value(u"active").toBool(), true);
    QCOMPARE(byMember(listed, u"username", Buyer).value(u"spending_limit").toString(),
             q("5000.00"));

    // A new ship-to location.
    run = qm(m_admin, {q("location"), q("add"), q("T-PIER"), q("--name"), q("Test pier"),
                       q("--line1"), q("1 Pier Road"), q("--city"), q("Annapolis"), q("--region"),
                       q("MD"), q("--postal-code"), q("21401"), q("--country"), q("us")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(q("Created location T-PIER")), qPrintable(run.out));
    QJsonObject pier = byMember(serverLocations(), u"code", q("T-PIER"));
    QCOMPARE(pier.value(u"address").toObject().value(u"country").toString(), q("US"));
    QCOMPARE(pier.value(u"is_default").toBool(true), false);
    run = qm(m_admin, {q("locations"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(byMember(json(run).value(u"locations").toArray(), u"code", q("T-PIER"))
                 .value(u"city")
                 .toString(),
             q("Annapolis"));

    // A new buyer with a limit and that location; they can sign in at once.
    const QString user = q("new.buyer@bayside.example");
    run = qm(m_admin,
             {q("user"), q("add"), user, q("--name"), q("Nia Buyer"), q("--email"), user,
              q("--role"), q("buyer"), q("--spending-limit"), q("1500"), q("--location"),
              q("T-PIER"), q("--password-stdin")},
             "harbour-lights-7\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject created = byMember(serverUsers(), u"username", user);
    QCOMPARE(created.value(u"role").toString(), q("buyer"));
    QCOMPARE(created.value(u"spending_limit").toString(), q("1500.00"));
    QCOMPARE(created.value(u"default_location").toInteger(), pier.value(u"id").toInteger());
    const QString token = m_http->accessToken(user, q("harbour-lights-7"));
    QVERIFY(!token.isEmpty());
    run = qm(m_admin, {q("users"), q("--json")});
    const QJsonObject shown = byMember(json(run).value(u"users").toArray(), u"username", user);
    QCOMPARE(shown.value(u"default_location").toString(), q("T-PIER"));
    QCOMPARE(shown.value(u"spending_limit").toString(), q("1500.00"));

    // Promote, remove the limit and the location.
    run = qm(m_admin, {q("user"), q("set"), user, q("--role"), q("approver"),
                       q("--no-spending-limit"), q("--no-location"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(json(run).value(u"role").toString(), q("approver"));
    created = byMember(serverUsers(), u"username", user);
    QCOMPARE(created.value(u"role").toString(), q("approver"));
    QVERIFY(created.value(u"spending_limit").isNull());
    QVERIFY(created.value(u"default_location").isNull());

    // Deactivate: their session ends; the table says so. Then activate again.
    run = qm(m_admin, {q("user"), q("deactivate"), user});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(byMember(serverUsers(), u"username", user).value(u"active").toBool(true), false);
    QCOMPARE(m_http->get(q("/api/v1/me"), token).status, 401);
    run = qm(m_admin, {q("users")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    bool deactivatedRow = false;
    for (const QString &line : run.out.split(u'\n'))
        deactivatedRow =
            deactivatedRow || (line.startsWith(user) && line.endsWith(q("deactivated")));
    QVERIFY2(deactivatedRow, qPrintable(run.out));
    run = qm(m_admin, {q("user"), q("activate"), user});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(byMember(serverUsers(), u"username", user).value(u"active").toBool(), true);

    // Move the default to the pier and back, then close the pier.
    run = qm(m_admin, {q("location"), q("set"), q("T-PIER"), q("--default")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(byMember(serverLocations(), u"code", q("HQ")).value(u"is_default").toBool(true),
             false);
    QCOMPARE(byMember(serverLocations(), u"code", q("T-PIER")).value(u"is_default").toBool(), true);
    run = qm(m_admin, {q("location"), q("set"), q("hq"), q("--default")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = qm(m_admin, {q("location"), q("set"), q("T-PIER"), q("--deactivate")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    pier = byMember(serverLocations(), u"code", q("T-PIER"));
    QCOMPARE(pier.value(u"active").toBool(true), false);
    run = qm(m_admin, {q("locations")});
    QVERIFY2(run.out.contains(q("[inactive]")), qPrintable(run.out));

    // The audit trail, newest first, with who and what.
    run = qm(m_admin, {q("audit"), q("--limit"), q("8"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray events = json(run).value(u"events").toArray();
    QCOMPARE(events.size(), 8);
    const QJsonObject closed = events.at(0).toObject();
    QCOMPARE(closed.value(u"action").toString(), q("location.updated"));
    QCOMPARE(closed.value(u"target").toString(), q("T-PIER"));
    QCOMPARE(closed.value(u"actor").toString(), Admin);
    QCOMPARE(closed.value(u"changes").toObject().value(u"active").toArray(),
             (QJsonArray{true, false}));
    QStringList actions;
    for (const QJsonValue &v : events)
        actions.append(v.toObject().value(u"action").toString());
    QVERIFY2(actions.contains(q("user.deactivated")) && actions.contains(q("user.activated")) &&
                 actions.contains(q("user.updated")),
             qPrintable(actions.join(u',')));
    run = qm(m_admin, {q("audit"), q("--limit"), q("20")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(q("role: buyer -> approver")), qPrintable(run.out));
    QVERIFY2(run.out.contains(q("user.created")), qPrintable(run.out));
    // Locations by code, not by id.
    QVERIFY2(run.out.contains(q("default_location=T-PIER")), qPrintable(run.out));
    QVERIFY2(run.out.contains(q("default_location: T-PIER -> none")), qPrintable(run.out));
}

void tst_AdminCommand::buyerIsRefused()
{
    const QJsonArray users = serverUsers();
    const QJsonArray locations = serverLocations();
    const QList<QStringList> commands{
        {q("users")},
        {q("user"), q("set"), Buyer, q("--no-spending-limit")},
        {q("user"), q("deactivate"), Admin},
        {q("audit")},
        {q("company")},
        {q("company"), q("orders"), q("BMG")},
    };
    for (const QStringList &args : commands) {
        const Run run = qm(m_buyer, args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(q("your role (buyer) cannot")), qPrintable(run.err));
    }
    const Run add = qm(m_buyer, {q("location"), q("add"), q("T-BUY"), q("--name"), q("N"),
                                 q("--line1"), q("L"), q("--city"), q("C"), q("--region"), q("R"),
                                 q("--postal-code"), q("1"), q("--country"), q("US")});
    QCOMPARE(add.exitCode, 1);
    QVERIFY2(add.err.contains(q("your role (buyer) cannot manage ship-to locations")),
             qPrintable(add.err));
    // A buyer reads the locations (their ship-to choices).
    const Run listed = qm(m_buyer, {q("locations"), q("--json")});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(json(listed).value(u"locations").toArray().size(), locations.size());
    QCOMPARE(serverUsers(), users);
    QCOMPARE(serverLocations(), locations);
}

void tst_AdminCommand::companyOverview()
{
    // The administrator of the parent sees its account and both subsidiaries, with the same
    // figures the portal serves, and the company total adds them up.
    const Run run = qm(m_admin, {q("company"), q("--from"), q("2026-01-01"), q("--to"),
                                 q("2026-06-30"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject printed = json(run);
    const QJsonObject served =
        m_http->get(q("/api/v1/accounts?from=2026-01-01&to=2026-06-30"), m_adminToken).json();
    QCOMPARE(printed.value(u"accounts"), served.value(u"accounts"));
    QStringList codes;
    qint64 orders = 0;
    for (const QJsonValue &v : served.value(u"accounts").toArray()) {
        codes << v.toObject().value(u"code").toString();
        orders += v.toObject().value(u"orders").toObject().value(u"count").toInteger();
    }
    QCOMPARE(codes, QStringList({q("BMG"), q("BMG-FLEET"), q("BMG-YARD")}));
    QVERIFY(orders > 0);
    const QJsonObject total = printed.value(u"total").toObject();
    QCOMPARE(total.value(u"orders").toObject().value(u"count").toInteger(), orders);

    // The table: one row per account, subsidiaries indented, and the total.
    const Run table =
        qm(m_admin, {q("company"), q("--from"), q("2026-01-01"), q("--to"), q("2026-06-30")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    QVERIFY2(table.out.contains(q("\n  BMG-YARD  ")), qPrintable(table.out));
    QVERIFY2(table.out.contains(q("All 3 accounts")), qPrintable(table.out));
    QVERIFY2(table.out.contains(q("2026-01-01 to 2026-06-30")), qPrintable(table.out));
}

void tst_AdminCommand::companyOrders()
{
    Run run = qm(m_admin, {q("company"), q("orders"), q("BMG-YARD"), q("--limit"), q("3"),
                           q("--offset"), q("1"), q("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject printed = json(run);
    const QJsonObject served =
        m_http->get(q("/api/v1/accounts/BMG-YARD/orders?limit=3&offset=1"), m_adminToken).json();
    QCOMPARE(printed.value(u"account").toString(), q("BMG-YARD"));
    QCOMPARE(printed.value(u"orders"), served.value(u"orders"));
    QCOMPARE(printed.value(u"orders").toArray().size(), 3);
    QCOMPARE(printed.value(u"total"), served.value(u"total"));

    run = qm(m_admin, {q("company"), q("orders"), q("BMG-YARD"), q("--limit"), q("2")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString first =
        served.value(u"orders").toArray().at(0).toObject().value(u"number").toString();
    QVERIFY2(run.out.contains(first), qPrintable(run.out));
    QVERIFY2(run.out.contains(q("Orders 1-2 of %1.").arg(served.value(u"total").toInteger())),
             qPrintable(run.out));

    // Another customer's account is answered as missing.
    run = qm(m_admin, {q("company"), q("orders"), q("CRF")});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(q("no account 'CRF' in your part of the company")),
             qPrintable(run.err));
}

void tst_AdminCommand::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QStringList add{
        q("user"),      q("add"),     q("bad.input@bayside.example"), q("--name"),
        q("Bad Input"), q("--email"), q("bad.input@bayside.example"), q("--password-stdin")};
    const QByteArray password = "harbour-lights-7\n";
    QTest::newRow("unknown role") << (add + QStringList{q("--role"), q("boss")}) << password << 2
                                  << q("unknown role 'boss'");
    QTest::newRow("bad amount") << (add + QStringList{q("--role"), q("buyer"),
                                                      q("--spending-limit"), q("12,50")})
                                << password << 2 << q("'12,50' is not an amount");
    QTest::newRow("negative amount")
        << QStringList{q("user"), q("set"), Buyer, q("--spending-limit"), q("-10")} << QByteArray()
        << 2 << q("must not be negative");
    QTest::newRow("unknown location on add")
        << (add + QStringList{q("--role"), q("buyer"), q("--location"), q("NOPE")}) << password << 4
        << q("no ship-to location 'NOPE'");
    QTest::newRow("unknown location on set")
        << QStringList{q("user"), q("set"), Buyer, q("--location"), q("NOPE")} << QByteArray() << 4
        << q("no ship-to location 'NOPE'");
    QTest::newRow("unknown user") << QStringList{q("user"), q("set"), q("nobody@bayside.example"),
                                                 q("--role"), q("buyer")}
                                  << QByteArray() << 4 << q("no user 'nobody@bayside.example'");
    QTest::newRow("unknown user to deactivate")
        << QStringList{q("user"), q("deactivate"), q("nobody@bayside.example")} << QByteArray() << 4
        << q("no user 'nobody@bayside.example'");
    QTest::newRow("other account's user")
        << QStringList{q("user"), q("deactivate"), q("buyer@northgate.example")} << QByteArray()
        << 4 << q("no user 'buyer@northgate.example'");
    QTest::newRow("unknown location to change")
        << QStringList{q("location"), q("set"), q("NOPE"), q("--deactivate")} << QByteArray() << 4
        << q("no ship-to location 'NOPE'");
    QTest::newRow("missing options")
        << QStringList{q("user"), q("add"), q("x@bayside.example")} << QByteArray() << 2
        << q("user add needs --name, --email, --role, --password-stdin");
    QTest::newRow("nothing to change")
        << QStringList{q("user"), q("set"), Buyer} << QByteArray() << 2 << q("nothing to change");
    QTest::newRow("no password") << (add + QStringList{q("--role"), q("buyer")}) << QByteArray()
                                 << 2 << q("no password on standard input");
    QTest::newRow("bad email (portal)")
        << QStringList{q("user"), q("set"), Buyer, q("--email"), q("not-an-email")} << QByteArray()
        << 1 << q("email must be an email address");
    QTest::newRow("short password (portal)")
        << (add + QStringList{q("--role"), q("buyer")}) << QByteArray("short\n") << 1
        << q("password must have at least 8 characters");
    QTest::newRow("taken username (portal)")
        << QStringList{q("user"),    q("add"), Buyer,       q("--name"), q("Twin"),
                       q("--email"), Buyer,    q("--role"), q("buyer"),  q("--password-stdin")}
        << password << 1 << q("is taken");
    QTest::newRow("deactivate yourself (portal)")
        << QStringList{q("user"), q("deactivate"), Admin} << QByteArray() << 1
        << q("cannot deactivate yourself");
    QTest::newRow("unset the default location (portal)")
        << QStringList{q("location"), q("set"), q("HQ"), q("--deactivate")} << QByteArray() << 1
        << q("default ship-to location");
    QTest::newRow("company: bad date")
        << QStringList{q("company"), q("--from"), q("2026-02-30")} << QByteArray() << 2
        << q("--from must be a date written YYYY-MM-DD, not '2026-02-30'");
    QTest::newRow("company: backwards period")
        << QStringList{q("company"), q("--from"), q("2026-06-01"), q("--to"), q("2026-05-01")}
        << QByteArray() << 2 << q("--from 2026-06-01 is after --to 2026-05-01");
    QTest::newRow("company: too long a period (portal)")
        << QStringList{q("company"), q("--from"), q("1990-01-01"), q("--to"), q("2026-01-01")}
        << QByteArray() << 1 << q("at most 3660 days");
    QTest::newRow("company orders: no code")
        << QStringList{q("company"), q("orders")} << QByteArray() << 2
        << q("company orders takes one account code");
    QTest::newRow("company orders: bad limit")
        << QStringList{q("company"), q("orders"), q("BMG"), q("--limit"), q("0")} << QByteArray()
        << 2 << q("--limit must be a whole number from 1 to 200");
    QTest::newRow("company: unknown action")
        << QStringList{q("company"), q("sites")} << QByteArray() << 2
        << q("unknown company action 'sites'");
}

void tst_AdminCommand::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QJsonArray users = serverUsers();
    const QJsonArray locations = serverLocations();
    QVERIFY(!users.isEmpty() && !locations.isEmpty());
    const Run run = qm(m_admin, args, input);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY2(run.err.startsWith(q("qm: ")), qPrintable(run.err));
    QCOMPARE(serverUsers(), users);
    QCOMPARE(serverLocations(), locations);
}

void tst_AdminCommand::notSignedIn()
{
    Home nobody;
    for (const QStringList &args : QList<QStringList>{
             {q("users")}, {q("locations")}, {q("audit")}, {q("user"), q("activate"), Buyer}}) {
        const Run run = qm(nobody, args);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(q("not signed in")), qPrintable(run.err));
    }
}

void tst_AdminCommand::portalUnreachable()
{
    qm::test::PortalProcess portal;
    QString error;
    QVERIFY2(portal.start({q("--demo"), q("--products"), q("50")}, &error), qPrintable(error));
    Home home;
    login(home, Admin, portal.url());
    QCOMPARE(qm(home, {q("users")}).exitCode, 0);
    portal.stop();
    for (const QStringList &args :
         QList<QStringList>{{q("users")}, {q("locations")}, {q("user"), q("deactivate"), Buyer}}) {
        const Run run = qm(home, args);
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(q("portal unreachable")), qPrintable(run.err));
    }
}

QTEST_GUILESS_MAIN(tst_AdminCommand)
#include "tst_admincommand.moc"
