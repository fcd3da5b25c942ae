// qm-portal serving HTTPS with --tls-cert/--tls-key: a client that trusts the certificate's
// CA talks to it; one that verifies against the system's store (as the app and qm do) refuses
// it, and nothing is signed in.

#include "support/portalprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace qm::test;

class tst_PortalTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesHttpsWithTheCertificate();
    void clientsVerifyAgainstTheSystemStore();
    void plainHttpToTheTlsPortIsNotServed();
    void qmRefusesAnUntrustedPortal();
    void badCertificateFilesStopTheStart_data();
    void badCertificateFilesStopTheStart();

private:
    // Runs openssl with `args` in the temporary directory; fails the test on an error.
    bool openssl(const QStringList &args);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // A GET with `config`; returns the reply's error and fills `status` / `peer`.
    QNetworkReply::NetworkError get(const QUrl &url, const QSslConfiguration &config,
                                    int *status = nullptr, QSslCertificate *peer = nullptr);

    QTemporaryDir m_dir;
    PortalProcess m_portal;
    QSslCertificate m_ca;
    QSslCertificate m_server;
};

bool tst_PortalTls::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(args.join(u' ')),
                 p.readAllStandardError().constData());
        return false;
    }
    return true;
}

void tst_PortalTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt was built without TLS support");
    // A private CA and a server certificate for 127.0.0.1 signed by it.
    QFile ext(path(QStringLiteral("server.ext")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n");
    ext.close();
    const auto s = [](const char *text) { return QString::fromLatin1(text).split(u' '); };
    QVERIFY(openssl(s("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
                      "-subj /CN=Quartermaster-test-CA")));
    QVERIFY(openssl(s("req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
                      "-subj /CN=127.0.0.1")));
    QVERIFY(openssl(s("x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
                      "-out server.pem -days 2 -extfile server.ext")));
    m_ca = QSslCertificate::fromPath(path(QStringLiteral("ca.pem"))).value(0);
    m_server = QSslCertificate::fromPath(path(QStringLiteral("server.pem"))).value(0);
    QVERIFY(!m_ca.isNull());
    QVERIFY(!m_server.isNull());

    QString error;
    QVERIFY2(m_portal.start({QStringLiteral("--demo"), QStringLiteral("--products"),
                             QStringLiteral("50"), QStringLiteral("--tls-cert"),
                             path(QStringLiteral("server.pem")), QStringLiteral("--tls-key"),
                             path(QStringLiteral("server.key"))},
                            &error),
             qPrintable(error));
    QCOMPARE(m_portal.url().scheme(), QStringLiteral("https"));
}

QNetworkReply::NetworkError tst_PortalTls::get(const QUrl &url, const QSslConfiguration &config,
                                               int *status, QSslCertificate *peer)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setSslConfiguration(config);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (peer)
        *peer = reply->sslConfiguration().peerCertificate();
    const auto error = reply->error();
    delete reply;
    return error;
}

void tst_PortalTls::servesHttpsWithTheCertificate()
{
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates({m_ca});
    int status = 0;
    QSslCertificate peer;
    QCOMPARE(get(m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/health"))), trusting, &status,
                 &peer),
             QNetworkReply::NoError);
    QCOMPARE(status, 200);
    QCOMPARE(peer, m_server);
}

void tst_PortalTls::clientsVerifyAgainstTheSystemStore()
{
    // The default configuration trusts the system's CAs only: the private CA is not one.
    QCOMPARE(get(m_portal.url().resolved(QUrl(QStringLiteral("/api/v1/health"))),
                 QSslConfiguration::defaultConfiguration()),
             QNetworkReply::SslHandshakeFailedError);
}

void tst_PortalTls::plainHttpToTheTlsPortIsNotServed()
{
    QUrl plain = m_portal.url();
    plain.setScheme(QStringLiteral("http"));
    int status = 0;
    const auto error = get(plain.resolved(QUrl(QStringLiteral("/api/v1/health"))),
                           QSslConfiguration::defaultConfiguration(), &status);
    QVERIFY2(error != QNetworkReply::NoError, "plain HTTP was answered");
    QCOMPARE(status, 0);
}

void tst_PortalTls::qmRefusesAnUntrustedPortal()
{
    const QString qm = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(qm), "QM_CLI_BIN must name the qm binary");
    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    const QString profile = home.filePath(QStringLiteral("profile"));
    p.start(qm, {QStringLiteral("--profile"), profile, QStringLiteral("login"),
                 QStringLiteral("--portal"), m_portal.url().toString(), QStringLiteral("--user"),
                 QStringLiteral("buyer@bayside.example"), QStringLiteral("--password-stdin")});
    p.write("demo\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 5, qPrintable(err));
    QVERIFY2(err.startsWith(QLatin1String("qm: portal unreachable: ")) &&
                 err.contains(QLatin1String("SSL"), Qt::CaseInsensitive),
             qPrintable(err));
    QVERIFY(!QFileInfo::exists(profile));
}

void tst_PortalTls::badCertificateFilesStopTheStart_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing certificate") << "nothing.pem"
                                         << "server.key"
                                         << "no PEM certificate in";
    QTest::newRow("key file as certificate") << "server.key"
                                             << "server.key"
                                             << "no PEM certificate in";
    QTest::newRow("missing key") << "server.pem"
                                 << "nothing.key"
                                 << "cannot read the TLS key";
    QTest::newRow("certificate as key") << "server.pem"
                                        << "server.pem"
                                        << "holds no unencrypted PEM RSA or EC private key";
}

void tst_PortalTls::badCertificateFilesStopTheStart()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, message);
    PortalProcess portal;
    QString error;
    QVERIFY(!portal.start(
        {QStringLiteral("--tls-cert"), path(cert), QStringLiteral("--tls-key"), path(key)},
        &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_MAIN(tst_PortalTls)
#include "tst_portaltls.moc"
