#include "sync/ssosignin.h"

#include "sync/apiclient.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <vector>

Q_LOGGING_CATEGORY(lcSso, "qm.sync.sso")

namespace qm {

namespace {

const QString MetadataPath = QStringLiteral("/.well-known/oauth-authorization-server");
const QString RedirectPath = QStringLiteral("/callback");
constexpr qsizetype MaxRequestBytes = 16 * 1024;

QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomBase64Url(int bytes)
{
    // QRandomGenerator::system() reads the operating system's CSPRNG.
    std::vector<quint32> words(size_t(bytes + 3) / 4);
    QRandomGenerator::system()->generate(words.begin(), words.end());
    return base64Url(QByteArray(reinterpret_cast<const char *>(words.data()), bytes));
}

bool stringArrayContains(const QJsonValue &value, QStringView item)
{
    const QJsonArray array = value.toArray();
    return std::any_of(array.begin(), array.end(),
                       [item](const QJsonValue &v) { return v.toString() == item; });
}

// The origin of a URL with its default port made explicit, for comparing issuers.
QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == u"https" ? 443 : 80);
    return scheme + QStringLiteral("://") + url.host().toLower() + u':' + QString::number(port) +
           url.path().chopped(url.path().endsWith(u'/') ? 1 : 0);
}

QString htmlPage(const QString &title, const QString &text)
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>%1</title></head><body style=\"font-family:sans-serif;"
                          "margin:3em\"><h1>%1</h1><p>%2</p></body></html>\n")
        .arg(title.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

namespace pkce {

QString newVerifier()
{
    return randomBase64Url(32);
}

QString challengeFor(const QString &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
}

QString newState()
{
    return randomBase64Url(16);
}

} // namespace pkce

SsoCheck::SsoCheck(const QUrl &portal, QObject *parent)
    : QObject(parent)
    , m_portal(portal)
    , m_api(std::make_unique<ApiClient>(portal))
{
    m_job = m_api->getPublic(MetadataPath);
    connect(m_job, &ApiJob::finished, this, &SsoCheck::onMetadata);
}

SsoCheck::~SsoCheck()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->abort();
    }
}

void SsoCheck::onMetadata()
{
    ApiJob *job = m_job;
    m_job = nullptr;
    if (!job || m_finished)
        return;
    m_finished = true;
    if (const auto &error = job->error()) {
        // A portal without SSO has no metadata: a 404 (with or without a problem document).
        if (error->httpStatus != 404 && error->httpStatus != 405)
            m_error = error;
        Q_EMIT finished();
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(job->body()).object();
    const QUrl issuer(o.value(u"issuer").toString(), QUrl::StrictMode);
    const QUrl endpoint(o.value(u"authorization_endpoint").toString(), QUrl::StrictMode);
    // RFC 8414 §3.3: metadata whose issuer is not the portal asked must not be used.
    if (!issuer.isValid() || originOf(issuer) != originOf(m_portal)) {
        qCWarning(lcSso) << "ignoring authorization server metadata of another issuer:"
                         << issuer.toString();
    } else if (!endpoint.isValid() || endpoint.host().isEmpty() || !m_api->isPermitted(endpoint)) {
        qCWarning(lcSso) << "ignoring an authorization endpoint this client may not use:"
                         << endpoint.toString();
    } else if (!stringArrayContains(o.value(u"code_challenge_methods_supported"), u"S256") ||
               !stringArrayContains(o.value(u"response_types_supported"), u"code")) {
        qCInfo(lcSso) << "the portal's authorization server does not support PKCE S256";
    } else {
        m_authorizationEndpoint = endpoint;
        if (o.contains(u"grant_types_supported"))
            m_passwordAccepted =
                stringArrayContains(o.value(u"grant_types_supported"), u"password");
    }
    Q_EMIT finished();
}

SsoSignIn::Browser SsoSignIn::commandBrowser(const QString &command)
{
    return [command](const QUrl &url) {
        QStringList args = QProcess::splitCommand(command);
        if (args.isEmpty())
            return false;
        const QString program = args.takeFirst();
        args << url.toString(QUrl::FullyEncoded);
        return QProcess::startDetached(program, args);
    };
}

SsoSignIn::Browser SsoSignIn::browserFromEnvironment()
{
    const QString command = qEnvironmentVariable("QM_BROWSER");
    if (!command.trimmed().isEmpty())
        return commandBrowser(command);
    return [](const QUrl &url) {
        const QString encoded = url.toString(QUrl::FullyEncoded);
#if defined(Q_OS_WIN)
        return QProcess::startDetached(QStringLiteral("rundll32"),
                                       {QStringLiteral("url.dll,FileProtocolHandler"), encoded});
#elif defined(Q_OS_MACOS)
        return QProcess::startDetached(QStringLiteral("open"), {encoded});
#else
        return QProcess::startDetached(QStringLiteral("xdg-open"), {encoded});
#endif
    };
}

SsoSignIn::SsoSignIn(const QUrl &portal, Browser browser, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_portal(portal)
    , m_browser(std::move(browser))
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_timeout->setInterval(timeoutMs);
    connect(m_timeout, &QTimer::timeout, this, [this] { finish(Failure::TimedOut); });
    m_check = new SsoCheck(portal, this);
    connect(m_check, &SsoCheck::finished, this, &SsoSignIn::onChecked);
}

SsoSignIn::~SsoSignIn()
{
    if (m_signIn)
        disconnect(m_signIn.get(), nullptr, this, nullptr);
}

const ProfileInfo &SsoSignIn::profile() const
{
    static const ProfileInfo none;
    return m_signIn && m_failure == Failure::None ? m_signIn->profile() : none;
}

const Tokens &SsoSignIn::tokens() const
{
    static const Tokens none;
    return m_signIn && m_failure == Failure::None ? m_signIn->tokens() : none;
}

ApiClient *SsoSignIn::client() const
{
    return m_signIn && m_failure == Failure::None ? m_signIn->client() : nullptr;
}

void SsoSignIn::abort()
{
    if (m_finished)
        return;
    if (m_signIn)
        disconnect(m_signIn.get(), nullptr, this, nullptr);
    finish(Failure::Cancelled);
}

void SsoSignIn::onChecked()
{
    SsoCheck *check = m_check;
    m_check = nullptr;
    if (!check || m_finished)
        return;
    check->deleteLater();
    if (check->error()) {
        m_apiError = check->error();
        finish(Failure::Api);
        return;
    }
    if (!check->offered()) {
        finish(Failure::NotOffered);
        return;
    }

    // RFC 8252 §7.3 and §8.3: the literal loopback address, any free port, loopback only.
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        qCWarning(lcSso) << "cannot listen on the loopback interface:" << m_server->errorString();
        finish(Failure::ListenFailed);
        return;
    }
    connect(m_server, &QTcpServer::newConnection, this, &SsoSignIn::onConnection);
    m_redirectPath = RedirectPath;
    m_redirectUri =
        QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(m_redirectPath);
    m_verifier = pkce::newVerifier();
    m_state = pkce::newState();

    QUrl url = check->authorizationEndpoint();
    QString query = url.query(QUrl::FullyEncoded);
    const QList<QPair<QString, QString>> items{
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("client_id"), ApiClient::clientId()},
        {QStringLiteral("redirect_uri"), m_redirectUri},
        {QStringLiteral("state"), m_state},
        {QStringLiteral("code_challenge"), pkce::challengeFor(m_verifier)},
        {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
    };
    for (const auto &[name, value] : items) {
        if (!query.isEmpty())
            query += u'&';
        query += name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(query, QUrl::TolerantMode);
    m_authorizationUrl = url;

    m_timeout->start();
    Q_EMIT authorizationUrlReady(m_authorizationUrl);
    if (m_finished) // a receiver aborted
        return;
    m_browserOpened = m_browser && m_browser(m_authorizationUrl);
    if (!m_browserOpened)
        qCWarning(lcSso) << "could not open a browser; waiting for the address to be opened "
                            "by hand";
}

void SsoSignIn::onConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
    }
}

void SsoSignIn::onRequest(QTcpSocket *socket)
{
    if (m_finished || socket->property("qm_answered").toBool())
        return;
    QByteArray received = socket->property("qm_request").toByteArray() + socket->readAll();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0) {
        if (received.size() > MaxRequestBytes)
            answer(socket, 431, QStringLiteral("Request too large"),
                   QStringLiteral("The request is too large."));
        else
            socket->setProperty("qm_request", received);
        return;
    }
    const QList<QByteArray> requestLine = received.left(received.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        answer(socket, 400, QStringLiteral("Bad request"), QStringLiteral("Not an HTTP request."));
        return;
    }
    const QUrl target(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(requestLine.at(1)),
                      QUrl::StrictMode);
    // Anything else the browser asks for (a favicon, say) is not the answer.
    if (!target.isValid() || target.path() != m_redirectPath) {
        answer(socket, 404, QStringLiteral("Not found"), QStringLiteral("Nothing here."));
        return;
    }
    if (requestLine.at(0) != "GET") {
        answer(socket, 405, QStringLiteral("Method not allowed"),
               QStringLiteral("The sign-in answer comes as GET."));
        return;
    }

    // This is the one answer: nobody else gets to try, not even on a connection that was
    // open before the listener closed.
    if (m_answerTaken) {
        answer(socket, 409, QStringLiteral("Already answered"),
               QStringLiteral("This sign-in was answered already."));
        return;
    }
    m_answerTaken = true;
    m_server->close();
    m_timeout->stop();
    const QUrlQuery query(target);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state != m_state) {
        qCWarning(lcSso) << "the redirect's state is not this sign-in's; refusing it";
        answer(socket, 400, QStringLiteral("Sign-in refused"),
               QStringLiteral("This answer does not belong to the sign-in Quartermaster "
                              "started. Nothing was signed in; start again from Quartermaster."));
        finish(Failure::StateMismatch);
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        m_authorizationError = error;
        const QString description =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        if (!description.isEmpty())
            m_authorizationError += QStringLiteral(": ") + description;
        answer(socket, 200, QStringLiteral("Sign-in cancelled"),
               QStringLiteral("You are not signed in to Quartermaster. You can close this tab."));
        finish(Failure::Denied);
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        answer(socket, 400, QStringLiteral("Sign-in failed"),
               QStringLiteral("The portal's answer has no authorization code."));
        finish(Failure::InvalidRedirect);
        return;
    }
    socket->setProperty("qm_answered", true);
    m_callback = socket;
    m_signIn = std::make_unique<SignIn>(m_portal,
                                        SignIn::AuthorizationCode{code, m_redirectUri, m_verifier});
    connect(m_signIn.get(), &SignIn::finished, this, &SsoSignIn::onSignedIn);
}

void SsoSignIn::onSignedIn()
{
    if (m_finished || !m_signIn)
        return;
    if (const auto &error = m_signIn->error()) {
        m_apiError = error;
        if (m_callback)
            answer(m_callback, 502, QStringLiteral("Sign-in failed"),
                   QStringLiteral("The portal did not complete the sign-in. Quartermaster says "
                                  "why; you can close this tab."));
        finish(Failure::Api);
        return;
    }
    if (m_callback)
        answer(m_callback, 200, QStringLiteral("Signed in"),
               QStringLiteral("You are signed in to Quartermaster; you can close this tab."));
    finish(Failure::None);
}

void SsoSignIn::answer(QTcpSocket *socket, int status, const QString &title, const QString &text)
{
    socket->setProperty("qm_answered", true);
    const QByteArray body = htmlPage(title, text).toUtf8();
    const QByteArray reason = status == 200 ? QByteArrayLiteral("OK") : title.toLatin1();
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                  QByteArray::number(body.size()) +
                  "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body);
    // The sign-in may end right after this (and the program with it): the page must be out.
    socket->flush();
    if (socket->bytesToWrite() > 0)
        socket->waitForBytesWritten(2000);
    socket->disconnectFromHost();
}

void SsoSignIn::finish(Failure failure)
{
    if (m_finished)
        return;
    m_finished = true;
    m_failure = failure;
    m_timeout->stop();
    if (m_server)
        m_server->close();
    if (m_check) {
        disconnect(m_check, nullptr, this, nullptr);
        m_check->deleteLater();
        m_check = nullptr;
    }
    // A browser still waiting while the code is exchanged learns that the sign-in stopped.
    if (m_callback && failure == Failure::Cancelled) {
        answer(m_callback, 400, QStringLiteral("Sign-in stopped"),
               QStringLiteral("Quartermaster stopped the sign-in; you can close this tab."));
    }
    Q_EMIT finished();
}

} // namespace qm
