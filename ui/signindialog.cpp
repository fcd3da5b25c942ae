#include "ui/signindialog.h"

#include "core/problem.h"
#include "sync/apiclient.h"
#include "sync/session.h"
#include "ui/errormessages.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcSignIn, "qm.ui.signin")

namespace qm {

namespace {
const QString PortalKey = QStringLiteral("signin/portal");
const QString UsernameKey = QStringLiteral("signin/username");

} // namespace

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to your supplier's portal"));

    auto *heading = new QLabel(tr("Sign in to Quartermaster"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setText(
        tr("Use the portal address, username and password your supplier gave you. "
           "Your password is never stored; the sign-in is kept in your system's keychain."));

    m_portalEdit = new QLineEdit(this);
    m_portalEdit->setObjectName(QStringLiteral("portalEdit"));
    m_portalEdit->setPlaceholderText(QStringLiteral("https://portal.example.com"));
    m_usernameEdit = new QLineEdit(this);
    m_usernameEdit->setObjectName(QStringLiteral("usernameEdit"));
    m_usernameEdit->setPlaceholderText(tr("name@company.example"));
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("&Portal:"), m_portalEdit);
    m_form->addRow(tr("&Username:"), m_usernameEdit);
    m_form->addRow(tr("Pass&word:"), m_passwordEdit);

    m_errorIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_errorIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    m_errorIcon->setAlignment(Qt::AlignTop);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_errorIcon);
    errorRow->addWidget(m_error, 1);
    m_errorIcon->hide();
    m_error->hide();

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->fontMetrics().height() / 2 + 2);
    QSizePolicy keepSpace = m_progress->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keepSpace);
    m_progress->hide();

    m_ssoWaiting = new QLabel(this);
    m_ssoWaiting->setObjectName(QStringLiteral("ssoWaitingLabel"));
    m_ssoWaiting->setWordWrap(true);
    m_ssoWaiting->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ssoWaiting->hide();

    m_browser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_ssoCheckTimer = new QTimer(this);
    m_ssoCheckTimer->setSingleShot(true);
    m_ssoCheckTimer->setInterval(400); // check once the user stops typing
    connect(m_ssoCheckTimer, &QTimer::timeout, this, &SignInDialog::checkSso);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signInButton = m_buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    m_ssoButton = new QPushButton(tr("Sign in with single sign-&on"), this);
    m_ssoButton->setObjectName(QStringLiteral("ssoButton"));
    m_ssoButton->setToolTip(tr("Sign in on your portal's own page, in your web browser"));
    m_ssoButton->hide();
    m_buttons->addButton(m_ssoButton, QDialogButtonBox::ActionRole);
    // The action role keeps the dialog open: the button starts the browser sign-in.
    connect(m_ssoButton, &QPushButton::clicked, this, &SignInDialog::signInWithSso);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_message);
    layout->addSpacing(m_message->fontMetrics().height() / 2);
    layout->addLayout(m_form);
    layout->addLayout(errorRow);
    layout->addWidget(m_ssoWaiting);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    const QSettings settings;
    m_portalEdit->setText(settings.value(PortalKey).toString());
    m_usernameEdit->setText(settings.value(UsernameKey).toString());
    for (QLineEdit *edit : {m_portalEdit, m_usernameEdit, m_passwordEdit})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    connect(m_portalEdit, &QLineEdit::textChanged, this, [this] {
        // Another portal: its single sign-on is unknown until checked.
        m_ssoOffered = false;
        m_passwordAccepted = true;
        dropSsoCheck();
        updateButtons();
        m_ssoCheckTimer->start();
    });
    updateButtons();
    if (!m_portalEdit->text().isEmpty())
        m_ssoCheckTimer->start();

    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    if (m_portalEdit->text().isEmpty())
        m_portalEdit->setFocus();
    else if (m_usernameEdit->text().isEmpty())
        m_usernameEdit->setFocus();
    else
        m_passwordEdit->setFocus();
}

// An attempt still running is a child: it is aborted when it is destroyed.
SignInDialog::~SignInDialog() = default;

void SignInDialog::setPortal(const QUrl &portal)
{
    m_portalEdit->setText(portal.toString());
}

void SignInDialog::setUsername(const QString &username)
{
    m_usernameEdit->setText(username);
    if (!m_portalEdit->text().isEmpty() && !username.isEmpty())
        m_passwordEdit->setFocus();
}

void SignInDialog::setPassword(const QString &password)
{
    m_passwordEdit->setText(password);
}

void SignInDialog::setMessage(const QString &message)
{
    m_message->setText(message);
}

QString SignInDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SignInDialog::updateButtons()
{
    m_signInButton->setEnabled(!isBusy() && !m_portalEdit->text().trimmed().isEmpty() &&
                               !m_usernameEdit->text().trimmed().isEmpty() &&
                               !m_passwordEdit->text().isEmpty());
    m_ssoButton->setVisible(m_ssoOffered);
    m_ssoButton->setEnabled(m_ssoOffered && !isBusy());
    // A portal that signs in through single sign-on only asks for no username or password.
    m_form->setRowVisible(m_usernameEdit, m_passwordAccepted);
    m_form->setRowVisible(m_passwordEdit, m_passwordAccepted);
    m_signInButton->setVisible(m_passwordAccepted);
    m_signInButton->setDefault(m_passwordAccepted);
    m_ssoButton->setDefault(!m_passwordAccepted);
}

void SignInDialog::dropSsoCheck()
{
    if (!m_ssoCheck)
        return;
    disconnect(m_ssoCheck, nullptr, this, nullptr);
    m_ssoCheck->deleteLater();
    m_ssoCheck = nullptr;
}

void SignInDialog::checkSso()
{
    const auto portal = parsePortalUrl(m_portalEdit->text());
    if (!portal)
        return;
    dropSsoCheck();
    m_ssoCheck = new SsoCheck(*portal, this);
    connect(m_ssoCheck, &SsoCheck::finished, this, &SignInDialog::onSsoChecked);
}

void SignInDialog::onSsoChecked()
{
    SsoCheck *check = m_ssoCheck;
    m_ssoCheck = nullptr;
    if (!check)
        return;
    check->deleteLater();
    m_ssoOffered = check->offered();
    m_passwordAccepted = !m_ssoOffered || check->passwordAccepted();
    qCInfo(lcSignIn) << "single sign-on" << (m_ssoOffered ? "offered" : "not offered")
                     << (m_passwordAccepted ? "" : "(only)");
    updateButtons();
    Q_EMIT ssoChecked(m_ssoOffered);
}

void SignInDialog::signInWithSso()
{
    if (isBusy())
        return;
    const auto portal = parsePortalUrl(m_portalEdit->text());
    if (!portal) {
        fail(ErrorMessages::invalidPortalAddress());
        m_portalEdit->setFocus();
        return;
    }
    m_portal = *portal;
    m_sso = new SsoSignIn(m_portal, m_browser, m_ssoTimeoutMs, this);
    connect(m_sso, &SsoSignIn::authorizationUrlReady, this, [this](const QUrl &url) {
        const QString address = url.toString(QUrl::FullyEncoded);
        m_ssoWaiting->setText(
            tr("Sign in on the page that opened in your web browser. If no page opened, open "
               "this address in your browser:\n%1")
                .arg(address));
        m_ssoWaiting->show();
        Q_EMIT ssoStarted(url);
    });
    connect(m_sso, &SsoSignIn::finished, this, &SignInDialog::onSsoFinished);
    setBusy(true);
}

void SignInDialog::onSsoFinished()
{
    SsoSignIn *sso = m_sso;
    m_sso = nullptr;
    if (!sso)
        return;
    sso->deleteLater(); // it is emitting the signal that brought us here
    m_ssoWaiting->hide();
    m_ssoWaiting->clear();
    switch (sso->failure()) {
    case SsoSignIn::Failure::None:
        m_username = sso->profile().username;
        keep(sso->profile(), sso->tokens());
        return;
    case SsoSignIn::Failure::Cancelled:
        setBusy(false);
        return;
    case SsoSignIn::Failure::Api:
        fail(sso->apiError() ? ErrorMessages::forApiError(*sso->apiError())
                             : tr("Single sign-on failed."));
        return;
    case SsoSignIn::Failure::NotOffered:
        m_ssoOffered = false;
        fail(tr("This portal does not offer single sign-on. Sign in with your username and "
                "password."));
        return;
    case SsoSignIn::Failure::Denied:
        fail(tr("The sign-in was cancelled or refused in the browser. You are not signed in."));
        return;
    case SsoSignIn::Failure::StateMismatch:
    case SsoSignIn::Failure::InvalidRedirect:
        fail(tr("The answer from the browser did not belong to this sign-in, so it was refused. "
                "Try again."));
        return;
    case SsoSignIn::Failure::TimedOut:
        fail(tr("No sign-in arrived from the browser in time. Try again."));
        return;
    case SsoSignIn::Failure::ListenFailed:
        fail(tr("Quartermaster could not receive the answer from the browser on this computer "
                "(no local port available)."));
        return;
    }
}

void SignInDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    for (QLineEdit *edit : {m_portalEdit, m_usernameEdit, m_passwordEdit})
        edit->setEnabled(!busy);
    if (busy) {
        m_error->hide();
        m_errorIcon->hide();
    }
    updateButtons();
}

void SignInDialog::fail(const QString &message)
{
    setBusy(false);
    m_error->setText(message);
    m_error->show();
    m_errorIcon->show();
    m_passwordEdit->setFocus();
    m_passwordEdit->selectAll();
    Q_EMIT failed(message);
}

void SignInDialog::signIn()
{
    if (isBusy())
        return;
    if (!m_passwordAccepted) {
        signInWithSso();
        return;
    }
    const auto portal = parsePortalUrl(m_portalEdit->text());
    if (!portal) {
        fail(ErrorMessages::invalidPortalAddress());
        m_portalEdit->setFocus();
        return;
    }
    const QString username = m_usernameEdit->text().trimmed();
    if (username.isEmpty() || m_passwordEdit->text().isEmpty()) {
        fail(tr("Enter your username and password."));
        return;
    }
    m_portal = *portal;
    m_username = username;
    m_signIn = new SignIn(m_portal, username, m_passwordEdit->text(), this);
    connect(m_signIn, &SignIn::finished, this, &SignInDialog::onSignedIn);
    setBusy(true);
}

void SignInDialog::onSignedIn()
{
    SignIn *signIn = m_signIn;
    m_signIn = nullptr;
    if (!signIn)
        return;
    signIn->deleteLater(); // it is emitting the signal that brought us here
    if (const auto &error = signIn->error()) {
        if (error->problemSlug() == problems::UnsupportedGrantType)
            fail(tr("This portal does not accept passwords here: use \"Sign in with single "
                    "sign-on\"."));
        else if (error->code != ApiError::Code::Cancelled)
            fail(ErrorMessages::forApiError(*error));
        else
            setBusy(false);
        return;
    }
    keep(signIn->profile(), signIn->tokens());
}

void SignInDialog::keep(const ProfileInfo &info, const Tokens &tokens)
{
    m_info = info;
    m_tokens = tokens;
    setBusy(false);
    m_passwordEdit->clear();

    QSettings settings;
    settings.setValue(PortalKey, m_portal.toString());
    settings.setValue(UsernameKey, m_username);
    accept();
}

void SignInDialog::reject()
{
    if (m_signIn) {
        // Cancel stops the attempt; a second Cancel closes the dialog.
        m_signIn->abort();
        return;
    }
    if (m_sso) {
        m_sso->abort();
        return;
    }
    QDialog::reject();
}

} // namespace qm
