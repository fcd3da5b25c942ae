// The sign-in dialog against a real qm-portal.
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "support/ssobrowser.h"
#include "sync/apierror.h"
#include "ui/errormessages.h"
#include "ui/signindialog.h"
#include "uitestmain.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace qm;

namespace {
// Any web server that is not a portal: answers every request with a small HTML page.
class WebPageServer final : public QTcpServer
{
public:
    WebPageServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\n"
                        "Connection: close\r\n\r\n<html>hello</html>\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};
} // namespace

class tst_SignInDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void signsInAndRemembersAllButThePassword();
    void errorsInWords_data();
    void errorsInWords();
    void cancelStopsTheSignIn();
    void tooManyAttemptsSaysWhenToTryAgain();
    void ssoButtonOnlyWhenThePortalOffersIt_data();
    void ssoButtonOnlyWhenThePortalOffersIt();
    void ssoOnlyPortalAsksForNoPassword();
    void ssoSignIn_data();
    void ssoSignIn();
    void cancelStopsWaitingForTheBrowser();

private:
    void fill(SignInDialog &dialog, const QString &portal, const QString &user,
              const QString &password);
    // Types the portal address and waits for its single sign-on check.
    bool enterPortal(SignInDialog &dialog, const QString &portal, bool *offered);

    qm::test::PortalProcess m_portal;
    WebPageServer m_webPage;
    QString m_deadPortal;
};

void tst_SignInDialog::initTestCase()
{
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    m_deadPortal = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    QVERIFY(m_webPage.listen(QHostAddress::LocalHost));
}

void tst_SignInDialog::init()
{
    QSettings().clear();
}

void tst_SignInDialog::cleanupTestCase()
{
    m_portal.stop();
}

void tst_SignInDialog::fill(SignInDialog &dialog, const QString &portal, const QString &user,
                            const QString &password)
{
    for (auto [name, text] :
         {std::pair{"portalEdit", portal}, {"usernameEdit", user}, {"passwordEdit", password}}) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), text);
    }
}

void tst_SignInDialog::signsInAndRemembersAllButThePassword()
{
    const QString portal = m_portal.url().toString();
    {
        SignInDialog dialog;
        dialog.show();
        fill(dialog, portal, QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QVERIFY(!dialog.isVisible());
        QVERIFY(!dialog.tokens().accessToken.isEmpty());
        QVERIFY(!dialog.tokens().refreshToken.isEmpty());
        QCOMPARE(dialog.profileInfo().username, QStringLiteral("buyer@bayside.example"));
        QCOMPARE(dialog.profileInfo().role, QStringLiteral("buyer"));
        QVERIFY(!dialog.profileInfo().accountName.isEmpty());
        QCOMPARE(dialog.profileInfo().portal.port(), m_portal.url().port());
        QVERIFY(dialog.errorText().isEmpty());
    }

    // A new dialog offers the same portal and user, but no password.
    SignInDialog again;
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("portalEdit"))->text(), portal);
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->text(),
             QStringLiteral("buyer@bayside.example"));
    QVERIFY(again.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->text().isEmpty());

    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("buyer@bayside.example"));
    QVERIFY(!content.contains("demo\n"));
    QVERIFY(!content.contains("password"));
    QVERIFY(!content.contains("token"));
}

void tst_SignInDialog::errorsInWords_data()
{
    QTest::addColumn<QString>("portal"); // "{portal}", "{dead}" and "{web}" are replaced
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message");

    ApiError wrongCredentials;
    wrongCredentials.code = ApiError::Code::Problem;
    wrongCredentials.httpStatus = 400;
    wrongCredentials.problem = Problem::make(problems::InvalidGrant, 400);
    ApiError network;
    network.code = ApiError::Code::Network;

    QTest::newRow("wrong password")
        << QStringLiteral("{portal}") << QStringLiteral("buyer@bayside.example")
        << QStringLiteral("wrong") << ErrorMessages::forApiError(wrongCredentials);
    QTest::newRow("unknown user") << QStringLiteral("{portal}")
                                  << QStringLiteral("nobody@nowhere.example")
                                  << QStringLiteral("demo")
                                  << ErrorMessages::forApiError(wrongCredentials);
    QTest::newRow("portal unreachable")
        << QStringLiteral("{dead}") << QStringLiteral("buyer@bayside.example")
        << QStringLiteral("demo") << ErrorMessages::forApiError(network);
    QTest::newRow("not a portal") << QStringLiteral("{web}")
                                  << QStringLiteral("buyer@bayside.example")
                                  << QStringLiteral("demo") << ErrorMessages::notAPortal();
    QTest::newRow("not a web address")
        << QStringLiteral("ftp://files.example") << QStringLiteral("buyer@bayside.example")
        << QStringLiteral("demo") << ErrorMessages::invalidPortalAddress();
}

void tst_SignInDialog::errorsInWords()
{
    QFETCH(QString, portal);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, message);
    portal.replace(QLatin1String("{portal}"), m_portal.url().toString());
    portal.replace(QLatin1String("{dead}"), m_deadPortal);
    portal.replace(QLatin1String("{web}"),
                   QStringLiteral("http://127.0.0.1:%1").arg(m_webPage.serverPort()));

    SignInDialog dialog;
    dialog.show();
    fill(dialog, portal, user, password);
    QSignalSpy failed(&dialog, &SignInDialog::failed);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QCOMPARE(dialog.errorText(), message);
    QCOMPARE(failed.at(0).at(0).toString(), message);
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not accepted
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("signInButton"))->isEnabled());
    QVERIFY(dialog.tokens().isEmpty());
    QVERIFY(QSettings().value(QStringLiteral("signin/username")).isNull());
}

void tst_SignInDialog::cancelStopsTheSignIn()
{
    SignInDialog dialog;
    dialog.show();
    fill(dialog, m_portal.url().toString(), QStringLiteral("buyer@bayside.example"),
         QStringLiteral("demo"));
    QSignalSpy failed(&dialog, &SignInDialog::failed);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QVERIFY(dialog.isBusy());

    // The first Cancel stops the attempt and keeps the dialog open for another try.
    dialog.reject();
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.isVisible());
    QCOMPARE(rejected.count(), 0);
    QVERIFY(dialog.errorText().isEmpty());
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->isEnabled());

    // The second closes it; the aborted attempt never signs in.
    dialog.reject();
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(accepted.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(dialog.tokens().isEmpty());
}

void tst_SignInDialog::tooManyAttemptsSaysWhenToTryAgain()
{
    // The portal allows 5 failed sign-ins per user within 15 minutes; a user no other test
    // signs in as.
    const QString user = QStringLiteral("viewer@cedarridge.example");
    qm::test::HttpClient client(m_portal.url());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(client.signIn(user, QStringLiteral("wrong")).status, 400);

    SignInDialog dialog;
    dialog.show();
    fill(dialog, m_portal.url().toString(), user, QStringLiteral("demo"));
    QSignalSpy failed(&dialog, &SignInDialog::failed);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QVERIFY2(QRegularExpression(QStringLiteral("^Too many attempts\\. Try again in 1[45] minute"))
                 .match(dialog.errorText())
                 .hasMatch(),
             qPrintable(dialog.errorText()));
    QVERIFY(dialog.tokens().isEmpty());
}

bool tst_SignInDialog::enterPortal(SignInDialog &dialog, const QString &portal, bool *offered)
{
    QSignalSpy checked(&dialog, &SignInDialog::ssoChecked);
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("portalEdit"));
    edit->clear();
    QTest::keyClicks(edit, portal);
    if (!checked.wait(30000))
        return false;
    // Typing may have started more than one check; the last one counts.
    while (checked.wait(1000)) {
    }
    *offered = checked.constLast().at(0).toBool();
    return true;
}

void tst_SignInDialog::ssoButtonOnlyWhenThePortalOffersIt_data()
{
    QTest::addColumn<QString>("portal"); // "{portal}", "{dead}" and "{web}" are replaced
    QTest::addColumn<bool>("offered");
    QTest::newRow("portal with single sign-on") << QStringLiteral("{portal}") << true;
    QTest::newRow("unreachable portal") << QStringLiteral("{dead}") << false;
    QTest::newRow("not a portal") << QStringLiteral("{web}") << false;
}

void tst_SignInDialog::ssoButtonOnlyWhenThePortalOffersIt()
{
    QFETCH(QString, portal);
    QFETCH(bool, offered);
    portal.replace(QLatin1String("{portal}"), m_portal.url().toString());
    portal.replace(QLatin1String("{dead}"), m_deadPortal);
    portal.replace(QLatin1String("{web}"),
                   QStringLiteral("http://127.0.0.1:%1").arg(m_webPage.serverPort()));
    SignInDialog dialog;
    dialog.show();
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("ssoButton"));
    QVERIFY(button);
    QVERIFY(!button->isVisible()); // not before the portal was checked
    bool reported = false;
    QVERIFY(enterPortal(dialog, portal, &reported));
    QCOMPARE(reported, offered);
    QCOMPARE(dialog.ssoOffered(), offered);
    QCOMPARE(button->isVisible(), offered);
    QCOMPARE(button->isEnabled(), offered);
}

void tst_SignInDialog::ssoOnlyPortalAsksForNoPassword()
{
    qm::test::PortalProcess ssoOnly;
    QString error;
    QVERIFY2(ssoOnly.start({QStringLiteral("--demo"), QStringLiteral("--products"),
                            QStringLiteral("50"), QStringLiteral("--sso-only")},
                           &error),
             qPrintable(error));
    SignInDialog dialog;
    dialog.show();
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    auto *username = dialog.findChild<QLineEdit *>(QStringLiteral("usernameEdit"));
    auto *signIn = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
    auto *sso = dialog.findChild<QPushButton *>(QStringLiteral("ssoButton"));
    QVERIFY(password && username && signIn && sso);
    bool offered = false;
    QVERIFY(enterPortal(dialog, ssoOnly.url().toString(), &offered));
    QVERIFY(offered);
    QVERIFY(!dialog.passwordAccepted());
    QVERIFY(!password->isVisible());
    QVERIFY(!username->isVisible());
    QVERIFY(!signIn->isVisible());
    QVERIFY(sso->isVisible() && sso->isEnabled() && sso->isDefault());

    // A portal that takes passwords too asks for them again.
    QVERIFY(enterPortal(dialog, m_portal.url().toString(), &offered));
    QVERIFY(offered);
    QVERIFY(dialog.passwordAccepted());
    QVERIFY(password->isVisible());
    QVERIFY(username->isVisible());
    QVERIFY(signIn->isVisible() && signIn->isDefault());
    QVERIFY(!sso->isDefault());
    QCOMPARE(ssoOnly.stop(), 0);
}

void tst_SignInDialog::ssoSignIn_data()
{
    QTest::addColumn<QString>("browser"); // what the person at the browser does
    QTest::addColumn<QString>("error");   // a part of the error shown; empty: signed in
    QTest::newRow("signs in") << QStringLiteral("sign-in") << QString();
    QTest::newRow("cancelled in the browser")
        << QStringLiteral("cancel") << QStringLiteral("cancelled or refused in the browser");
    QTest::newRow("wrong state") << QStringLiteral("forged state")
                                 << QStringLiteral("did not belong to this sign-in");
    QTest::newRow("no answer") << QStringLiteral("nothing") << QStringLiteral("in time");
}

void tst_SignInDialog::ssoSignIn()
{
    QFETCH(QString, browser);
    QFETCH(QString, error);
    SignInDialog dialog;
    QUrl opened;
    dialog.setBrowser([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    if (browser == u"nothing")
        dialog.setSsoTimeout(1500);
    dialog.show();
    bool offered = false;
    QVERIFY(enterPortal(dialog, m_portal.url().toString(), &offered));
    QVERIFY(offered);
    QSignalSpy failed(&dialog, &SignInDialog::failed);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("ssoButton")), Qt::LeftButton);
    QVERIFY(dialog.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 30000);
    // Waiting: the address is shown for a user whose browser did not open.
    auto *waiting = dialog.findChild<QLabel *>(QStringLiteral("ssoWaitingLabel"));
    QVERIFY(waiting && waiting->isVisible());
    QVERIFY(waiting->text().contains(opened.toString(QUrl::FullyEncoded)));
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("portalEdit"))->isEnabled());

    const QUrl redirect(
        QUrlQuery(opened).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    if (browser == u"sign-in" || browser == u"cancel") {
        const auto visit = qm::test::SsoBrowser::signIn(
            opened, QStringLiteral("approver@bayside.example"), QStringLiteral("demo"), browser);
        QCOMPARE(visit.form.status, 302);
        QCOMPARE(visit.callback.status, 200);
    } else if (browser == u"forged state") {
        QUrl forged = redirect;
        forged.setQuery(QStringLiteral("code=x&state=forged"));
        QCOMPARE(qm::test::SsoBrowser::get(forged).status, 400);
    }

    if (error.isEmpty()) {
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(dialog.profileInfo().username, QStringLiteral("approver@bayside.example"));
        QCOMPARE(dialog.profileInfo().role, QStringLiteral("approver"));
        QVERIFY(!dialog.tokens().accessToken.isEmpty());
        QVERIFY(!dialog.tokens().refreshToken.isEmpty());
        QCOMPARE(dialog.portal().port(), m_portal.url().port());
        QCOMPARE(QSettings().value(QStringLiteral("signin/username")).toString(),
                 QStringLiteral("approver@bayside.example"));
        QCOMPARE(failed.count(), 0);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(dialog.errorText().contains(error), qPrintable(dialog.errorText()));
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.isVisible());
        QVERIFY(!waiting->isVisible());
        QVERIFY(dialog.tokens().isEmpty());
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("ssoButton"))->isEnabled());
    }
    // The listener is closed either way.
    QCOMPARE(qm::test::SsoBrowser::get(redirect).status, 0);
}

void tst_SignInDialog::cancelStopsWaitingForTheBrowser()
{
    SignInDialog dialog;
    QUrl opened;
    dialog.setBrowser([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    dialog.show();
    bool offered = false;
    QVERIFY(enterPortal(dialog, m_portal.url().toString(), &offered));
    QVERIFY(offered);
    QSignalSpy failed(&dialog, &SignInDialog::failed);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("ssoButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 30000);

    // Cancel stops waiting and keeps the dialog open.
    dialog.reject();
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.isVisible());
    QCOMPARE(rejected.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(dialog.errorText().isEmpty());
    // A sign-in completed in the browser afterwards reaches nobody.
    const auto visit = qm::test::SsoBrowser::signIn(opened, QStringLiteral("buyer@bayside.example"),
                                                    QStringLiteral("demo"));
    QCOMPARE(visit.form.status, 302);
    QCOMPARE(visit.callback.status, 0);
    QVERIFY(dialog.tokens().isEmpty());
}

QM_UI_TEST_MAIN(tst_SignInDialog)
#include "tst_signindialog.moc"
