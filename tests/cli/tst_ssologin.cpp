// qm login --sso against a real qm-portal: the browser is a script named by QM_BROWSER that
// records the address it is given, and the test plays the person at the browser with HTTP
// requests (sign in, cancel, or a forged answer).
#include "support/portalprocess.h"
#include "support/ssobrowser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// One scratch home per test: the profile, the settings and the data directory, and the
// browser script with the file it writes the opened address to.
struct Home
{
    QTemporaryDir dir;
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
    QString openedFile() const { return dir.filePath(QStringLiteral("opened-url")); }
    QString browser() const { return dir.filePath(QStringLiteral("browser.sh")); }
};

} // namespace

class tst_SsoLogin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void signsInThroughTheBrowser();
    void failures_data();
    void failures();
    void usage_data();
    void usage();
    void passwordRefusedWhereOnlySsoIsOffered();

private:
    QProcessEnvironment environment(const Home &home) const;
    Run finish(QProcess &process) const;
    Run qm(const Home &home, const QStringList &args) const;
    // Starts qm login --sso for `portal` and waits until the browser script got the address.
    bool startLogin(const Home &home, const QUrl &portal, QProcess &process, QUrl *opened,
                    const QProcessEnvironment &extra = {}) const;

    QString m_qmBin;
    PortalProcess m_portal;
    PortalProcess m_noSso;
    PortalProcess m_ssoOnly;
};

void tst_SsoLogin::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
    QVERIFY2(m_noSso.start({QStringLiteral("--demo"), QStringLiteral("--products"),
                            QStringLiteral("100"), QStringLiteral("--no-sso")},
                           &error),
             qPrintable(error));
    QVERIFY2(m_ssoOnly.start({QStringLiteral("--demo"), QStringLiteral("--products"),
                              QStringLiteral("100"), QStringLiteral("--sso-only")},
                             &error),
             qPrintable(error));
}

void tst_SsoLogin::cleanupTestCase()
{
    m_portal.stop();
    m_noSso.stop();
    m_ssoOnly.stop();
}

QProcessEnvironment tst_SsoLogin::environment(const Home &home) const
{
    QFile script(home.browser());
    if (script.open(QIODevice::WriteOnly)) {
        script.write("#!/bin/sh\nprintf '%s\\n' \"$1\" > '" + home.openedFile().toUtf8() + "'\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QM_BROWSER"), home.browser());
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

Run tst_SsoLogin::finish(QProcess &process) const
{
    process.waitForFinished(120000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Run tst_SsoLogin::qm(const Home &home, const QStringList &args) const
{
    QProcess process;
    process.setProcessEnvironment(environment(home));
    process.start(m_qmBin, QStringList{QStringLiteral("--profile"), home.profile()} + args);
    if (!process.waitForStarted())
        return {};
    process.closeWriteChannel();
    return finish(process);
}

bool tst_SsoLogin::startLogin(const Home &home, const QUrl &portal, QProcess &process, QUrl *opened,
                              const QProcessEnvironment &extra) const
{
    QProcessEnvironment env = environment(home);
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    process.setProcessEnvironment(env);
    process.start(m_qmBin,
                  {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                   QStringLiteral("--portal"), portal.toString(), QStringLiteral("--sso")});
    if (!process.waitForStarted())
        return false;
    process.closeWriteChannel();
    QFile file(home.openedFile());
    // The browser script runs detached: wait for the address it was given.
    const bool written = QTest::qWaitFor(
        [&] {
            return (file.exists() && file.size() > 0) || process.state() == QProcess::NotRunning;
        },
        30000);
    if (!written || !file.open(QIODevice::ReadOnly))
        return false;
    *opened = QUrl::fromEncoded(file.readAll().trimmed());
    return opened->isValid();
}

void tst_SsoLogin::signsInThroughTheBrowser()
{
    Home home;
    QProcess process;
    QUrl opened;
    QVERIFY(startLogin(home, m_portal.url(), process, &opened));

    // The address asks for the code flow with PKCE S256 and a loopback redirect.
    QCOMPARE(opened.adjusted(QUrl::RemoveQuery).toString(),
             m_portal.url().toString() + QStringLiteral("/oauth/authorize"));
    const QUrlQuery query(opened);
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("quartermaster"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QVERIFY(query.queryItemValue(QStringLiteral("state")).size() >= 22);
    const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(redirect.port() > 0);

    const SsoBrowser::Visit visit =
        SsoBrowser::signIn(opened, Buyer, QStringLiteral("demo"), QStringLiteral("sign-in"));
    QCOMPARE(visit.page.status, 200);
    QCOMPARE(visit.form.status, 302);
    QCOMPARE(visit.callback.status, 200);
    QVERIFY2(visit.callback.body.contains("You are signed in to Quartermaster"),
             visit.callback.body.constData());

    const Run run = finish(process);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // What was printed is what the browser was given, so a user can paste it.
    QVERIFY2(run.out.contains(opened.toString(QUrl::FullyEncoded)), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("Signed in as Maria Delgado (buyer) at ")),
             qPrintable(run.out));

    // The listener is gone once the sign-in is done.
    QCOMPARE(SsoBrowser::get(redirect).status, 0);

    // The profile works like a password sign-in's.
    const Run whoami =
        qm(home, {QStringLiteral("whoami"), QStringLiteral("--json"), QStringLiteral("--online")});
    QVERIFY2(whoami.exitCode == 0, qPrintable(whoami.err));
    const QJsonObject me = QJsonDocument::fromJson(whoami.out.toUtf8()).object();
    QCOMPARE(me.value(u"username").toString(), Buyer);
    QCOMPARE(me.value(u"role").toString(), QStringLiteral("buyer"));
    QCOMPARE(me.value(u"session").toString(), QStringLiteral("signed_in"));
    QCOMPARE(me.value(u"checked_online").toBool(), true);
}

void tst_SsoLogin::failures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // the start of the one line on stderr

    QTest::newRow("denied in the browser")
        << QStringLiteral("cancel") << 3
        << QStringLiteral("qm: sign-in refused in the browser (access_denied");
    QTest::newRow("wrong state") << QStringLiteral("forged state") << 3
                                 << QStringLiteral("qm: the browser's answer does not belong to "
                                                   "this sign-in (state mismatch)");
    QTest::newRow("timeout") << QStringLiteral("no answer") << 3
                             << QStringLiteral("qm: no sign-in from the browser in time");
    QTest::newRow("portal without single sign-on")
        << QStringLiteral("no sso") << 1 << QStringLiteral("qm: ");
}

void tst_SsoLogin::failures()
{
    QFETCH(QString, kind);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    Home home;
    Run run;
    if (kind == u"no sso") {
        run = qm(home, {QStringLiteral("login"), QStringLiteral("--portal"),
                        m_noSso.url().toString(), QStringLiteral("--sso")});
        QVERIFY2(run.err.contains(QStringLiteral("does not offer single sign-on")),
                 qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(home.openedFile()));
    } else {
        QProcessEnvironment extra;
        if (kind == u"no answer")
            extra.insert(QStringLiteral("QM_SSO_TIMEOUT"), QStringLiteral("2"));
        QProcess process;
        QUrl opened;
        QVERIFY(startLogin(home, m_portal.url(), process, &opened, extra));
        const QUrlQuery query(opened);
        const QUrl redirect(
            query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        if (kind == u"cancel") {
            const auto visit = SsoBrowser::signIn(opened, {}, {}, QStringLiteral("cancel"));
            QCOMPARE(visit.form.status, 302);
            QCOMPARE(visit.callback.status, 200);
            QVERIFY(visit.callback.body.contains("not signed in"));
        } else if (kind == u"forged state") {
            // An answer at the right address with a state this sign-in never sent.
            QUrl forged = redirect;
            forged.setQuery(QStringLiteral("code=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&"
                                           "state=not-the-state"));
            const HttpResponse answer = SsoBrowser::get(forged);
            QCOMPARE(answer.status, 400);
            // Only one answer is taken: the real sign-in cannot follow it.
            QCOMPARE(SsoBrowser::get(redirect).status, 0);
        }
        run = finish(process);
    }
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith(message), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFileInfo::exists(home.profile()));
}

void tst_SsoLogin::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("sso with user")
        << QStringList{QStringLiteral("--sso"), QStringLiteral("--user"), Buyer};
    QTest::newRow("sso with password")
        << QStringList{QStringLiteral("--sso"), QStringLiteral("--password-stdin")};
    QTest::newRow("neither") << QStringList{};
}

void tst_SsoLogin::usage()
{
    QFETCH(QStringList, args);
    Home home;
    const Run run = qm(home, QStringList{QStringLiteral("login"), QStringLiteral("--portal"),
                                         m_portal.url().toString()} +
                                 args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith(QStringLiteral("qm: ")));
    QVERIFY(!QFileInfo::exists(home.openedFile()));
}

void tst_SsoLogin::passwordRefusedWhereOnlySsoIsOffered()
{
    Home home;
    QProcess process;
    process.setProcessEnvironment(environment(home));
    process.start(m_qmBin, {QStringLiteral("--profile"), home.profile(), QStringLiteral("login"),
                            QStringLiteral("--portal"), m_ssoOnly.url().toString(),
                            QStringLiteral("--user"), Buyer, QStringLiteral("--password-stdin")});
    QVERIFY(process.waitForStarted());
    process.write("demo\n");
    process.closeWriteChannel();
    const Run run = finish(process);
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.err, QStringLiteral("qm: the portal does not accept this way of signing in; use "
                                     "qm login --portal URL --sso\n"));
    QVERIFY(!QFileInfo::exists(home.profile()));

    // Single sign-on works there.
    QUrl opened;
    QProcess sso;
    QVERIFY(startLogin(home, m_ssoOnly.url(), sso, &opened));
    const auto visit = SsoBrowser::signIn(opened, Buyer, QStringLiteral("demo"));
    QCOMPARE(visit.callback.status, 200);
    const Run signedIn = finish(sso);
    QVERIFY2(signedIn.exitCode == 0, qPrintable(signedIn.err));
}

QTEST_GUILESS_MAIN(tst_SsoLogin)
#include "tst_ssologin.moc"
