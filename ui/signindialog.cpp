#include "ui/signindialog.h"

#include "sync/apiclient.h"
#include "sync/session.h"
#include "ui/errormessages.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcSignIn, "qm.ui.signin")

namespace qm {

namespace {
const QString PortalKey = QStringLiteral("signin/portal");
const QString UsernameKey = QStringLiteral("signin/username");

std::optional<QUrl> portalFromText(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("https://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return std::nullopt;
    if (url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path().chopped(1));
    return url;
}
} // namespace

SignInDialog::SignInDialog(QWidget *parent) : QDialog(parent)
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
    m_message->setText(tr("Use the portal address, username and password your supplier gave you. "
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

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Portal:"), m_portalEdit);
    form->addRow(tr("&Username:"), m_usernameEdit);
    form->addRow(tr("Pass&word:"), m_passwordEdit);

    m_errorIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
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

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signInButton = m_buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_message);
    layout->addSpacing(m_message->fontMetrics().height() / 2);
    layout->addLayout(form);
    layout->addLayout(errorRow);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    const QSettings settings;
    m_portalEdit->setText(settings.value(PortalKey).toString());
    m_usernameEdit->setText(settings.value(UsernameKey).toString());
    for (QLineEdit *edit : {m_portalEdit, m_usernameEdit, m_passwordEdit})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    updateButtons();

    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    if (m_portalEdit->text().isEmpty())
        m_portalEdit->setFocus();
    else if (m_usernameEdit->text().isEmpty())
        m_usernameEdit->setFocus();
    else
        m_passwordEdit->setFocus();
}

SignInDialog::~SignInDialog()
{
    if (ApiJob *job = m_job) {
        m_job = nullptr;
        job->abort();
    }
}

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
    m_signInButton->setEnabled(!isBusy() && !m_portalEdit->text().trimmed().isEmpty()
                               && !m_usernameEdit->text().trimmed().isEmpty() && !m_passwordEdit->text().isEmpty());
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

void SignInDialog::discardApi()
{
    // Called from a job's finished() signal: the client (and its jobs) go later.
    if (m_api)
        m_api.release()->deleteLater();
}

void SignInDialog::fail(const QString &message)
{
    m_job = nullptr;
    discardApi();
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
    const auto portal = portalFromText(m_portalEdit->text());
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
    m_api = std::make_unique<ApiClient>(m_portal);
    m_job = m_api->signIn(username, m_passwordEdit->text());
    connect(m_job, &ApiJob::finished, this, &SignInDialog::onTokens);
    setBusy(true);
}

void SignInDialog::onTokens()
{
    const ApiJob *job = m_job;
    if (!job)
        return;
    if (job->error()) {
        const ApiError &error = *job->error();
        // No token endpoint at this address: the URL is not a Quartermaster portal.
        const bool noEndpoint = error.httpStatus == 404 || error.httpStatus == 405;
        if (error.code != ApiError::Code::Cancelled)
            fail(noEndpoint ? ErrorMessages::notAPortal() : ErrorMessages::forApiError(error));
        return;
    }
    m_job = m_api->get(QStringLiteral("/api/v1/me"));
    connect(m_job, &ApiJob::finished, this, &SignInDialog::onMe);
}

void SignInDialog::onMe()
{
    const ApiJob *job = m_job;
    if (!job)
        return;
    if (job->error()) {
        if (job->error()->code != ApiError::Code::Cancelled)
            fail(ErrorMessages::forApiError(*job->error()));
        return;
    }
    const auto info = profileInfoFromMe(QJsonDocument::fromJson(job->body()).object(), m_portal);
    if (!info) {
        qCWarning(lcSignIn) << "/me did not parse as a user document";
        fail(ErrorMessages::notAPortal());
        return;
    }
    m_info = *info;
    m_tokens = m_api->tokens();
    m_job = nullptr;
    discardApi();
    setBusy(false);
    m_passwordEdit->clear();

    QSettings settings;
    settings.setValue(PortalKey, m_portal.toString());
    settings.setValue(UsernameKey, m_username);
    accept();
}

void SignInDialog::reject()
{
    if (m_job) {
        // Cancel stops the attempt; a second Cancel closes the dialog.
        ApiJob *job = m_job;
        m_job = nullptr;
        job->abort();
        discardApi();
        setBusy(false);
        return;
    }
    QDialog::reject();
}

} // namespace qm
