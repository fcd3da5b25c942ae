// qm profiles and qm whoami: several portal accounts side by side on one computer, run as
// real processes against a real qm-portal.
#include "core/order.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "support/portalprocess.h"
#include "sync/credentialstore.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace qm;

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Approver = QStringLiteral("approver@bayside.example");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// One computer's scratch home: settings and data (where the profiles folder is).
struct Home
{
    QTemporaryDir dir;
    QString config() const { return dir.filePath(QStringLiteral("config")); }
    QString data() const { return dir.filePath(QStringLiteral("data")); }
    // Where README "Where things live" puts the profiles on Linux.
    QString profilesRoot() const
    {
        return dir.filePath(QStringLiteral("data/Quartermaster/Quartermaster/profiles"));
    }
    // The setting the app reads for the current profile.
    QString currentSetting() const
    {
        return QSettings(dir.filePath(QStringLiteral("config/Quartermaster/Quartermaster.conf")),
                         QSettings::IniFormat)
            .value(QStringLiteral("profiles/current"))
            .toString();
    }
};

QJsonObject json(const Run &run)
{
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    if (!doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(run.out.left(400)));
    return doc.object();
}

// The entry of `profiles --json` output with the folder `name` (empty if absent).
QJsonObject entryNamed(const QJsonObject &list, const QString &name)
{
    for (const auto &value : list.value(QStringLiteral("profiles")).toArray()) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

CredentialStore::Status keychainStatus(const QUrl &portal, const QString &user)
{
    CredentialStore store;
    QEventLoop loop;
    bool done = false;
    auto status = CredentialStore::Status::Unavailable;
    store.read(CredentialStore::keyFor(portal, user),
               [&](CredentialStore::Status s, const Tokens &) {
                   status = s;
                   done = true;
                   loop.quit();
               });
    if (!done)
        loop.exec();
    return status;
}

CredentialStore::Status writeKeychain(const QUrl &portal, const QString &user, const Tokens &tokens)
{
    CredentialStore store;
    QEventLoop loop;
    bool done = false;
    auto status = CredentialStore::Status::Unavailable;
    store.write(CredentialStore::keyFor(portal, user), tokens, [&](CredentialStore::Status s) {
        status = s;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return status;
}

// Queues `count` orders in the outbox of the profile in `directory`, as the app does when
// the buyer submits offline.
bool queueOrders(const QString &directory, int count)
{
    QString error;
    auto db = Database::open(QDir(directory).filePath(QStringLiteral("cache.sqlite")), &error);
    if (!db) {
        qWarning("cannot open the cache: %s", qPrintable(error));
        return false;
    }
    OrderStore store(*db);
    for (int i = 0; i < count; ++i) {
        OrderSubmission submission;
        submission.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        submission.shipTo = QStringLiteral("HQ");
        submission.lines << OrderSubmissionLine{
            QStringLiteral("A"), QStringLiteral("EA"), 2, Decimal::fromInt(3), {}};
        if (!store.queue(submission, QStringLiteral("Cart"), Decimal::fromInt(6),
                         QStringLiteral("USD"), &error)) {
            qWarning("cannot queue: %s", qPrintable(error));
            return false;
        }
    }
    return true;
}

} // namespace

class tst_ProfilesCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void twoProfilesSideBySide();
    void unknownAndAmbiguousNames();
    void removeGuardsUnsentWork();
    void whoamiOfflineAndSignedOut();
    void whoamiOnlineSessionExpired();
    void withoutKeychain();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {},
           const QProcessEnvironment &extraEnv = {}) const;
    void login(const Home &home, const QString &user, const QUrl &portal,
               const QStringList &globalArgs = {});
    QString folderName(const QString &user, const QUrl &portal) const;

    QString m_qmBin;
    qm::test::PortalProcess m_portal;
};

void tst_ProfilesCommand::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("200")},
                 &error),
             qPrintable(error));
}

void tst_ProfilesCommand::cleanupTestCase()
{
    m_portal.stop();
}

Run tst_ProfilesCommand::qm(const Home &home, const QStringList &args, const QByteArray &input,
                            const QProcessEnvironment &extraEnv) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.config());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.data());
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    process.start(m_qmBin, args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(240000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_ProfilesCommand::login(const Home &home, const QString &user, const QUrl &portal,
                                const QStringList &globalArgs)
{
    const Run run = qm(home,
                       globalArgs + QStringList{QStringLiteral("login"), QStringLiteral("--portal"),
                                                portal.toString(), QStringLiteral("--user"), user,
                                                QStringLiteral("--password-stdin")},
                       Password.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0,
             qPrintable(QStringLiteral("qm login %1 failed (%2): %3 -- tests need an unlocked "
                                       "keyring (dbus-run-session + gnome-keyring)")
                            .arg(user)
                            .arg(run.exitCode)
                            .arg(run.err)));
}

// The folder name README documents: <host>-<port>-<username>, '@' made safe as '_'.
QString tst_ProfilesCommand::folderName(const QString &user, const QUrl &portal) const
{
    return QStringLiteral("%1-%2-%3")
        .arg(portal.host())
        .arg(portal.port())
        .arg(QString(user).replace(QLatin1Char('@'), QLatin1Char('_')));
}

void tst_ProfilesCommand::twoProfilesSideBySide()
{
    Home home;
    login(home, Buyer, m_portal.url());
    login(home, Approver, m_portal.url());
    if (QTest::currentTestFailed())
        return;
    const QString buyerName = folderName(Buyer, m_portal.url());
    const QString approverName = folderName(Approver, m_portal.url());
    const QString buyerDir = QDir(home.profilesRoot()).filePath(buyerName);
    const QString approverDir = QDir(home.profilesRoot()).filePath(approverName);

    // Both listed, the last one signed in to is current.
    Run run = qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QJsonObject list = json(run);
    QCOMPARE(list.value(QStringLiteral("profiles")).toArray().size(), 2);
    QJsonObject buyer = entryNamed(list, buyerName);
    QJsonObject approver = entryNamed(list, approverName);
    QCOMPARE(buyer.value(QStringLiteral("username")).toString(), Buyer);
    QCOMPARE(approver.value(QStringLiteral("username")).toString(), Approver);
    QCOMPARE(buyer.value(QStringLiteral("current")).toBool(), false);
    QCOMPARE(approver.value(QStringLiteral("current")).toBool(), true);
    QCOMPARE(buyer.value(QStringLiteral("portal")).toString(), m_portal.url().toString());
    QVERIFY(!buyer.value(QStringLiteral("account_name")).toString().isEmpty());
    QVERIFY(!buyer.value(QStringLiteral("portal_name")).toString().isEmpty());
    QVERIFY(buyer.value(QStringLiteral("last_sync")).isNull());
    QCOMPARE(buyer.value(QStringLiteral("cache_bytes")).toInteger(),
             QFileInfo(QDir(buyerDir).filePath(QStringLiteral("cache.sqlite"))).size() +
                 QFileInfo(QDir(buyerDir).filePath(QStringLiteral("cache.sqlite-wal"))).size());
    QVERIFY(buyer.value(QStringLiteral("cache_bytes")).toInteger() > 0);

    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("username")).toString(), Approver);
    QCOMPARE(json(run).value(QStringLiteral("role")).toString(), QStringLiteral("approver"));

    // Switch by username@host:port: qm and the app's setting follow.
    run = qm(
        home,
        {QStringLiteral("profiles"), QStringLiteral("use"),
         QStringLiteral("%1@%2:%3").arg(Buyer, m_portal.url().host()).arg(m_portal.url().port())});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QFileInfo(home.currentSetting()).canonicalFilePath(),
             QFileInfo(buyerDir).canonicalFilePath());
    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QJsonObject me = json(run);
    QCOMPARE(me.value(QStringLiteral("username")).toString(), Buyer);
    QCOMPARE(me.value(QStringLiteral("display_name")).toString(), QStringLiteral("Maria Delgado"));
    QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("buyer"));
    QCOMPARE(me.value(QStringLiteral("session")).toString(), QStringLiteral("signed_in"));
    QVERIFY(!me.value(QStringLiteral("capabilities")).toArray().isEmpty());
    QVERIFY(!me.value(QStringLiteral("account_code")).toString().isEmpty());
    QVERIFY(!me.value(QStringLiteral("currency")).toString().isEmpty());
    list = json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")}));
    QCOMPARE(entryNamed(list, buyerName).value(QStringLiteral("current")).toBool(), true);
    QCOMPARE(entryNamed(list, approverName).value(QStringLiteral("current")).toBool(), false);

    // Switch back by folder name, then by the username alone.
    QCOMPARE(qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), approverName}).exitCode,
             0);
    QCOMPARE(json(qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")}))
                 .value(QStringLiteral("username"))
                 .toString(),
             Approver);
    QCOMPARE(qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), Buyer}).exitCode, 0);
    QCOMPARE(json(qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")}))
                 .value(QStringLiteral("username"))
                 .toString(),
             Buyer);

    // Each profile has its own cache: syncing the buyer leaves the approver's untouched.
    const qint64 approverBytes =
        entryNamed(list, approverName).value(QStringLiteral("cache_bytes")).toInteger();
    run = qm(home, {QStringLiteral("sync")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    list = json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")}));
    buyer = entryNamed(list, buyerName);
    approver = entryNamed(list, approverName);
    QVERIFY(!buyer.value(QStringLiteral("last_sync")).isNull());
    QVERIFY(QDateTime::fromString(buyer.value(QStringLiteral("last_sync")).toString(), Qt::ISODate)
                .isValid());
    QVERIFY(approver.value(QStringLiteral("last_sync")).isNull());
    QCOMPARE(approver.value(QStringLiteral("cache_bytes")).toInteger(), approverBytes);
    QVERIFY(buyer.value(QStringLiteral("cache_bytes")).toInteger() > approverBytes);
    run = qm(home, {QStringLiteral("--profile"), approverDir, QStringLiteral("status"),
                    QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("product_count")).toInteger(), 0);
    run = qm(home, {QStringLiteral("status"), QStringLiteral("--json")});
    QVERIFY(json(run).value(QStringLiteral("product_count")).toInteger() > 0);

    // The plain listing marks the current profile.
    run = qm(home, {QStringLiteral("profiles")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("* ") + buyerName), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("  ") + approverName), qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("* ") + approverName), qPrintable(run.out));
}

void tst_ProfilesCommand::unknownAndAmbiguousNames()
{
    Home home;
    const QString copyName = QStringLiteral("second-buyer");
    const QString copyDir = QDir(home.profilesRoot()).filePath(copyName);
    login(home, Buyer, m_portal.url());
    // A second folder of the same portal account (e.g. made with --profile).
    login(home, Buyer, m_portal.url(), {QStringLiteral("--profile"), copyDir});
    login(home, Approver, m_portal.url());
    if (QTest::currentTestFailed())
        return;
    const QString buyerName = folderName(Buyer, m_portal.url());
    const QString address =
        QStringLiteral("%1@%2:%3").arg(Buyer, m_portal.url().host()).arg(m_portal.url().port());

    Run run = qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), Buyer});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: '%1' matches 2 profiles: ").arg(Buyer)),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(buyerName) && run.err.contains(copyName), qPrintable(run.err));
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), address});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("matches 2 profiles")), qPrintable(run.err));

    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), QStringLiteral("nobody")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: no profile 'nobody'; the profiles are: ")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(buyerName) && run.err.contains(copyName) &&
                 run.err.contains(folderName(Approver, m_portal.url())),
             qPrintable(run.err));
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("nobody"),
                    QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: no profile 'nobody'")), qPrintable(run.err));
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("use")});
    QCOMPARE(run.exitCode, 2);
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("switch"), buyerName});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("unknown profiles action 'switch'")),
             qPrintable(run.err));
    // Nothing changed on a failed switch.
    QCOMPARE(json(qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")}))
                 .value(QStringLiteral("username"))
                 .toString(),
             Approver);

    // The folder name is never ambiguous.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), copyName});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QFileInfo(home.currentSetting()).canonicalFilePath(),
             QFileInfo(copyDir).canonicalFilePath());

    // Removing one of two folders of an account keeps the keychain entry the other uses;
    // removing the last one takes it.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), copyName,
                    QStringLiteral("--yes")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(copyDir));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::Ok);
    // The removed profile was current: there is none now.
    QVERIFY(home.currentSetting().isEmpty());
    QCOMPARE(qm(home, {QStringLiteral("whoami")}).exitCode, 3);
    // Now the username is unique again.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), Buyer,
                    QStringLiteral("--yes")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::NotFound);
    QCOMPARE(keychainStatus(m_portal.url(), Approver), CredentialStore::Status::Ok);
}

void tst_ProfilesCommand::removeGuardsUnsentWork()
{
    Home home;
    login(home, Approver, m_portal.url());
    login(home, Buyer, m_portal.url());
    if (QTest::currentTestFailed())
        return;
    const QString buyerName = folderName(Buyer, m_portal.url());
    const QString buyerDir = QDir(home.profilesRoot()).filePath(buyerName);

    // A saved list made offline: one change waiting in the outbox.
    Run run = qm(home, {QStringLiteral("list"), QStringLiteral("new"), QStringLiteral("Weekly")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject entry = entryNamed(
        json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")})), buyerName);
    QCOMPARE(entry.value(QStringLiteral("outbox_list_changes")).toInt(), 1);
    QCOMPARE(entry.value(QStringLiteral("outbox_orders")).toInt(), 0);
    // And two orders submitted offline.
    QVERIFY(queueOrders(buyerDir, 2));
    entry = entryNamed(json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")})),
                       buyerName);
    QCOMPARE(entry.value(QStringLiteral("outbox_orders")).toInt(), 2);

    // Without --yes: refused, nothing touched.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), buyerName});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--yes")), qPrintable(run.err));
    QVERIFY(QFileInfo::exists(QDir(buyerDir).filePath(QStringLiteral("cache.sqlite"))));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::Ok);

    // With --yes but unsent work: refused, saying how much would be lost.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), buyerName,
                    QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("2 unsent order(s) and 1 unsent list change(s)")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("--force")), qPrintable(run.err));
    QVERIFY(QFileInfo::exists(QDir(buyerDir).filePath(QStringLiteral("cache.sqlite"))));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::Ok);

    // --force: the keychain entry and the folder go; the other profile stays.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), buyerName,
                    QStringLiteral("--yes"), QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("2 unsent order(s) and 1 unsent list change(s) "
                                             "discarded")),
             qPrintable(run.out));
    QVERIFY(!QFileInfo::exists(buyerDir));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::NotFound);
    QCOMPARE(keychainStatus(m_portal.url(), Approver), CredentialStore::Status::Ok);
    const QJsonArray left = json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")}))
                                .value(QStringLiteral("profiles"))
                                .toArray();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).toObject().value(QStringLiteral("username")).toString(), Approver);

    // A profile with nothing unsent goes with --yes alone.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), Approver,
                    QStringLiteral("--yes")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(keychainStatus(m_portal.url(), Approver), CredentialStore::Status::NotFound);
    QVERIFY(json(qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")}))
                .value(QStringLiteral("profiles"))
                .toArray()
                .isEmpty());
}

void tst_ProfilesCommand::whoamiOfflineAndSignedOut()
{
    // A portal of its own: this test stops it.
    qm::test::PortalProcess portal;
    QString error;
    QVERIFY2(
        portal.start({QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50")},
                     &error),
        qPrintable(error));
    Home home;
    login(home, Buyer, portal.url());
    if (QTest::currentTestFailed())
        return;

    Run run =
        qm(home, {QStringLiteral("whoami"), QStringLiteral("--online"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(json(run).value(QStringLiteral("session")).toString(), QStringLiteral("signed_in"));
    QCOMPARE(json(run).value(QStringLiteral("checked_online")).toBool(), true);

    portal.stop();
    // Offline: everything from the cache and the keychain.
    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject me = json(run);
    QCOMPARE(me.value(QStringLiteral("username")).toString(), Buyer);
    QCOMPARE(me.value(QStringLiteral("portal")).toString(), portal.url().toString());
    QCOMPARE(me.value(QStringLiteral("session")).toString(), QStringLiteral("signed_in"));
    QCOMPARE(me.value(QStringLiteral("checked_online")).toBool(), false);
    run = qm(home, {QStringLiteral("whoami")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("Maria Delgado <%1>, buyer").arg(Buyer)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("Session:      signed in")), qPrintable(run.out));
    // --online with the portal down: unreachable, but still says who.
    run =
        qm(home, {QStringLiteral("whoami"), QStringLiteral("--online"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 5);
    QCOMPARE(json(run).value(QStringLiteral("username")).toString(), Buyer);
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: portal unreachable")), qPrintable(run.err));

    // Signed out (here without the portal: the tokens go anyway).
    QCOMPARE(qm(home, {QStringLiteral("logout")}).exitCode, 0);
    QCOMPARE(keychainStatus(portal.url(), Buyer), CredentialStore::Status::NotFound);
    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("session")).toString(), QStringLiteral("signed_out"));
    run =
        qm(home, {QStringLiteral("whoami"), QStringLiteral("--online"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(json(run).value(QStringLiteral("session")).toString(), QStringLiteral("signed_out"));
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: signed out")), qPrintable(run.err));
}

void tst_ProfilesCommand::whoamiOnlineSessionExpired()
{
    Home home;
    login(home, Buyer, m_portal.url());
    if (QTest::currentTestFailed())
        return;
    // Tokens the portal never issued: /me answers 401 and so does the refresh.
    Tokens bogus;
    bogus.accessToken = QStringLiteral("not-a-token");
    bogus.refreshToken = QStringLiteral("not-a-refresh-token");
    bogus.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    QCOMPARE(writeKeychain(m_portal.url(), Buyer, bogus), CredentialStore::Status::Ok);

    Run run =
        qm(home, {QStringLiteral("whoami"), QStringLiteral("--online"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(json(run).value(QStringLiteral("session")).toString(),
             QStringLiteral("session_expired"));
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: session expired")), qPrintable(run.err));
    // Offline, the cache still says who the profile belongs to.
    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("username")).toString(), Buyer);
    // Clean up the keychain entry this test wrote.
    QCOMPARE(qm(home, {QStringLiteral("profiles"), QStringLiteral("remove"), Buyer,
                       QStringLiteral("--yes")})
                 .exitCode,
             0);
}

void tst_ProfilesCommand::withoutKeychain()
{
    Home home;
    login(home, Buyer, m_portal.url());
    if (QTest::currentTestFailed())
        return;
    QProcessEnvironment noKeychain;
    noKeychain.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                      QStringLiteral("unix:path=") + home.dir.filePath(QStringLiteral("no-bus")));
    const QString buyerDir = QDir(home.profilesRoot()).filePath(folderName(Buyer, m_portal.url()));

    Run run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--json")}, {}, noKeychain);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("username")).toString(), Buyer);
    QCOMPARE(json(run).value(QStringLiteral("session")).toString(),
             QStringLiteral("secure_storage_unavailable"));
    run = qm(home, {QStringLiteral("whoami"), QStringLiteral("--online")}, {}, noKeychain);
    QCOMPARE(run.exitCode, 6);
    QVERIFY2(run.err.startsWith(QStringLiteral("qm: secure storage unavailable")),
             qPrintable(run.err));

    // The tokens cannot be removed, so the folder stays too.
    run = qm(home,
             {QStringLiteral("profiles"), QStringLiteral("remove"), Buyer, QStringLiteral("--yes")},
             {}, noKeychain);
    QCOMPARE(run.exitCode, 6);
    QVERIFY2(run.err.contains(QStringLiteral("nothing was removed")), qPrintable(run.err));
    QVERIFY(QFileInfo::exists(QDir(buyerDir).filePath(QStringLiteral("cache.sqlite"))));
    QCOMPARE(keychainStatus(m_portal.url(), Buyer), CredentialStore::Status::Ok);
    // Listing and switching need no keychain.
    run = qm(home, {QStringLiteral("profiles"), QStringLiteral("--json")}, {}, noKeychain);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run).value(QStringLiteral("profiles")).toArray().size(), 1);
    QCOMPARE(qm(home, {QStringLiteral("profiles"), QStringLiteral("use"), Buyer}, {}, noKeychain)
                 .exitCode,
             0);
}

QTEST_GUILESS_MAIN(tst_ProfilesCommand)
#include "tst_profilescommand.moc"
