#include "models/database.h"
#include "models/formatting.h"
#include "signedin.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "sync/accountadmin.h"
#include "sync/apiclient.h"
#include "sync/session.h"
#include "ui/accountadminview.h"
#include "ui/locationdialog.h"
#include "ui/mainwindow.h"
#include "ui/userdialog.h"
#include "uitestmain.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>

#include <memory>

using namespace qm;
using namespace qm::test;

// The account page against the real qm-portal (--demo), signed in as the demo account
// administrator: who gets the page, Add User… (the new user can sign in), the portal's field
// errors by their fields with nothing created, Edit… of role and spending limit, Deactivate…
// after a confirmation (and the 409 of deactivating oneself), Add Location… and Make Default,
// the audit trail of those changes, and offline: the actions disabled with a message.
class tst_AccountAdminView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void onlyAdministratorsGetThePage();
    void addUserThroughTheDialog();
    void fieldErrorsByTheirFields();
    void editRoleAndSpendingLimit();
    void deactivateAfterConfirmation();
    void addLocationAndMakeItDefault();
    void auditListsTheChanges();
    void offlineDisablesTheActions();

private:
    // A view of the portal signed in as the administrator, with everything fetched.
    struct Fixture
    {
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<AccountAdmin> admin;
        std::unique_ptr<AccountAdminView> view;
    };
    std::unique_ptr<Fixture> openView();
    static bool fetched(AccountAdminView &view);
    std::unique_ptr<SignIn> signIn(const QString &user);
    // A fresh username; the portal keeps the users of earlier tests.
    QString uniqueUsername(const char *stem);
    // A buyer created through the API; their id, or 0.
    qint64 createBuyer(const QString &username);
    QJsonObject apiUser(const QString &username);

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<SignIn> m_admin;
    int m_counter = 0;
};

std::unique_ptr<SignIn> tst_AccountAdminView::signIn(const QString &user)
{
    return signInAs(m_portal->url(), user);
}

void tst_AccountAdminView::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(
        m_portal->start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50")}, &error),
        qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_admin = signIn(QStringLiteral("admin@bayside.example"));
    QVERIFY(m_admin);
}

void tst_AccountAdminView::cleanupTestCase()
{
    m_admin.reset();
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

bool tst_AccountAdminView::fetched(AccountAdminView &view)
{
    return QTest::qWaitFor([&view] { return !view.isBusy(); }, 30000);
}

std::unique_ptr<tst_AccountAdminView::Fixture> tst_AccountAdminView::openView()
{
    auto f = std::make_unique<Fixture>();
    f->api = std::make_unique<ApiClient>(m_portal->url());
    f->api->setTokens(m_admin->tokens());
    f->admin = std::make_unique<AccountAdmin>(f->api.get());
    f->view = std::make_unique<AccountAdminView>();
    f->view->setPermissions(true, true);
    f->view->setAccountAdmin(f->admin.get());
    f->view->refresh();
    if (!fetched(*f->view))
        return nullptr;
    return f;
}

QString tst_AccountAdminView::uniqueUsername(const char *stem)
{
    return QStringLiteral("%1.%2.%3@bayside.example")
        .arg(QString::fromLatin1(stem))
        .arg(QCoreApplication::applicationPid())
        .arg(++m_counter);
}

qint64 tst_AccountAdminView::createBuyer(const QString &username)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                  {QStringLiteral("display_name"), QStringLiteral("Test Buyer")},
                                  {QStringLiteral("email"), username},
                                  {QStringLiteral("role"), QStringLiteral("buyer")},
                                  {QStringLiteral("password"), QStringLiteral("sea-spray-42")}})
            .toJson(QJsonDocument::Compact);
    const HttpResponse r = m_http->post(QStringLiteral("/api/v1/users"), body, "application/json",
                                        m_admin->tokens().accessToken);
    return r.status == 201 ? r.json().value(u"id").toInteger() : 0;
}

QJsonObject tst_AccountAdminView::apiUser(const QString &username)
{
    const HttpResponse r =
        m_http->get(QStringLiteral("/api/v1/users"), m_admin->tokens().accessToken);
    for (const QJsonValue &v : r.json().value(u"users").toArray())
        if (v.toObject().value(u"username").toString() == username)
            return v.toObject();
    return {};
}

void tst_AccountAdminView::onlyAdministratorsGetThePage()
{
    const auto buyer = signIn(QStringLiteral("buyer@bayside.example"));
    QVERIFY(buyer);
    QTemporaryDir dir;
    QString error;
    auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    MainWindow window(*db);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    auto *action = window.findChild<QAction *>(QStringLiteral("accountPageAction"));
    QVERIFY(tabs && action);
    const int index = tabs->indexOf(window.accountAdminView());
    QVERIFY(index >= 0);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_8));

    window.setProfile(buyer->profile());
    QVERIFY(!window.hasAccountPage());
    QVERIFY(!tabs->isTabVisible(index));
    QVERIFY(!action->isVisible());
    window.showPage(MainWindow::Page::Account);
    QVERIFY(window.currentPage() != MainWindow::Page::Account);

    window.setProfile(m_admin->profile());
    QVERIFY(window.hasAccountPage());
    QVERIFY(tabs->isTabVisible(index));
    QVERIFY(action->isVisible());
    ApiClient api(m_portal->url());
    api.setTokens(m_admin->tokens());
    AccountAdmin admin(&api);
    window.setAccountAdmin(&admin);
    window.showPage(MainWindow::Page::Account);
    QCOMPARE(window.currentPage(), MainWindow::Page::Account);
    AccountAdminView *view = window.accountAdminView();
    QVERIFY(fetched(*view));
    // The users come first, and the audit trail is there.
    QCOMPARE(view->tabs()->currentIndex(), 0);
    QVERIFY(view->tabs()->isTabVisible(0));
    QVERIFY(view->tabs()->isTabVisible(2));
    // The demo account's users, as the portal lists them.
    QStringList usernames;
    for (const AdminUser &u : view->users())
        usernames << u.username;
    QVERIFY2(usernames.contains(QStringLiteral("buyer@bayside.example")),
             qPrintable(usernames.join(u' ')));
    QVERIFY(!usernames.contains(QStringLiteral("buyer@cedarridge.example")));
    QCOMPARE(view->usersTable()->rowCount(), view->users().size());
    QVERIFY(view->selectLocation(QStringLiteral("HQ")));
    QVERIFY(view->currentLocation()->isDefault);
    // Opening the tab itself fetches again: nothing of administration is cached.
    window.showPage(MainWindow::Page::Orders);
    tabs->setCurrentIndex(index);
    QVERIFY(view->isBusy());
    QVERIFY(fetched(*view));

    // Back to a buyer: the page goes away, and with it the account's data.
    window.setProfile(buyer->profile());
    QVERIFY(!tabs->isTabVisible(index));
    QVERIFY(window.currentPage() != MainWindow::Page::Account);
    window.setAccountAdmin(nullptr);
    QCOMPARE(view->usersTable()->rowCount(), 0);
    QVERIFY(!view->refreshButton()->isEnabled());
}

void tst_AccountAdminView::addUserThroughTheDialog()
{
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    QVERIFY(view.addUserButton()->isEnabled());
    const QString username = uniqueUsername("deckhand");
    QPointer<UserDialog> dialog = view.addUser();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->usernameEdit()->setText(username);
    dialog->nameEdit()->setText(QStringLiteral("Dana Deckhand"));
    dialog->emailEdit()->setText(QStringLiteral("dana@bayside.example"));
    dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findData(QStringLiteral("buyer")));
    dialog->limitEdit()->setText(QStringLiteral("2500"));
    const int shop =
        dialog->locationBox()->findText(QStringLiteral("ANN-SHOP"), Qt::MatchStartsWith);
    QVERIFY(shop > 0);
    dialog->locationBox()->setCurrentIndex(shop);
    dialog->passwordEdit()->setText(QStringLiteral("anchor-chain-7"));
    dialog->confirmEdit()->setText(QStringLiteral("anchor-chain-7"));
    QSignalSpy messages(&view, &AccountAdminView::message);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();

    // The dialog closes once the portal has the user; the table shows them from the portal.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QVERIFY(fetched(view));
    const auto added = view.currentUser();
    QVERIFY(added);
    QCOMPARE(added->username, username);
    QCOMPARE(added->role, QStringLiteral("buyer"));
    QCOMPARE(added->spendingLimit, Decimal::parse(u"2500"));
    const int row = view.usersTable()->currentRow();
    QCOMPARE(view.usersTable()->item(row, AccountAdminView::UserLocationColumn)->text(),
             QStringLiteral("ANN-SHOP"));
    QCOMPARE(view.usersTable()->item(row, AccountAdminView::UserNameColumn)->text(),
             QStringLiteral("Dana Deckhand"));
    QVERIFY(!messages.isEmpty());
    QVERIFY(messages.constLast().at(0).toString().contains(username));

    // The portal has them, and they can sign in with the initial password.
    const QJsonObject user = apiUser(username);
    QCOMPARE(user.value(u"display_name").toString(), QStringLiteral("Dana Deckhand"));
    QVERIFY(!m_http->accessToken(username, QStringLiteral("anchor-chain-7")).isEmpty());
}

void tst_AccountAdminView::fieldErrorsByTheirFields()
{
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    const QString username = uniqueUsername("typo");
    QPointer<UserDialog> dialog = view.addUser();
    QVERIFY(dialog);
    dialog->usernameEdit()->setText(username);
    dialog->nameEdit()->setText(QStringLiteral("Terry Typo"));
    dialog->emailEdit()->setText(QStringLiteral("terry at bayside"));
    dialog->passwordEdit()->setText(QStringLiteral("anchor-chain-7"));

    // The confirmation differs: the dialog says so and nothing goes to the portal.
    dialog->confirmEdit()->setText(QStringLiteral("anchor-chain-8"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(!view.isBusy());
    QVERIFY(!dialog->errorText(QStringLiteral("/confirm")).isEmpty());

    // The portal refuses the email: the error sits by the email field, the dialog stays.
    dialog->confirmEdit()->setText(QStringLiteral("anchor-chain-7"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(view.isBusy());
    QVERIFY(fetched(view));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText(QStringLiteral("/email")).contains(QStringLiteral("email")),
             qPrintable(dialog->errorText(QStringLiteral("/email"))));
    auto *emailError = dialog->findChild<QLabel *>(QStringLiteral("error_email"));
    QVERIFY(emailError && emailError->isVisible());
    QVERIFY(dialog->errorText(QStringLiteral("/confirm")).isEmpty());
    QVERIFY(dialog->errorText(QStringLiteral("/username")).isEmpty());
    QVERIFY(dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(apiUser(username).isEmpty());
    for (const AdminUser &u : view.users())
        QVERIFY(u.username != username);

    // A taken username: a 409 in words, in the dialog.
    dialog->usernameEdit()->setText(QStringLiteral("buyer@bayside.example"));
    dialog->emailEdit()->setText(QStringLiteral("terry@bayside.example"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(fetched(view));
    QVERIFY(dialog);
    QVERIFY2(dialog->errorText(QString()).contains(QStringLiteral("taken")),
             qPrintable(dialog->errorText(QString())));
    QVERIFY(dialog->errorText(QStringLiteral("/email")).isEmpty());
    dialog->reject();
}

void tst_AccountAdminView::editRoleAndSpendingLimit()
{
    const QString username = uniqueUsername("promoted");
    QVERIFY(createBuyer(username) > 0);
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    QVERIFY(view.selectUser(username));
    QVERIFY(!view.currentUser()->spendingLimit);
    QPointer<UserDialog> dialog = view.editUser();
    QVERIFY(dialog);
    QVERIFY(!dialog->usernameEdit());
    QVERIFY(!dialog->passwordEdit());
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Test Buyer"));
    dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findData(QStringLiteral("approver")));
    dialog->limitEdit()->setText(QStringLiteral("7500.50"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QVERIFY(fetched(view));

    QCOMPARE(view.currentUser()->username, username);
    QCOMPARE(view.currentUser()->role, QStringLiteral("approver"));
    QCOMPARE(view.currentUser()->spendingLimit, Decimal::parse(u"7500.50"));
    const int row = view.usersTable()->currentRow();
    QCOMPARE(view.usersTable()->item(row, AccountAdminView::UserRoleColumn)->text(),
             QStringLiteral("Approver"));
    const QJsonObject user = apiUser(username);
    QCOMPARE(user.value(u"role").toString(), QStringLiteral("approver"));
    QCOMPARE(Decimal::parse(user.value(u"spending_limit").toString()), Decimal::parse(u"7500.5"));

    // No limit again: the field left empty clears it.
    dialog = view.editUser();
    QVERIFY(dialog);
    dialog->limitEdit()->clear();
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QVERIFY(fetched(view));
    QVERIFY(!view.currentUser()->spendingLimit);
    QVERIFY(apiUser(username).value(u"spending_limit").isNull());

    // A limit that is no amount never leaves the dialog.
    dialog = view.editUser();
    QVERIFY(dialog);
    dialog->limitEdit()->setText(QStringLiteral("lots"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(!view.isBusy());
    QVERIFY(!dialog->errorText(QStringLiteral("/spending_limit")).isEmpty());
    dialog->reject();
}

void tst_AccountAdminView::deactivateAfterConfirmation()
{
    const QString username = uniqueUsername("leaving");
    QVERIFY(createBuyer(username) > 0);
    QVERIFY(!m_http->accessToken(username, QStringLiteral("sea-spray-42")).isEmpty());
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    QVERIFY(view.selectUser(username));
    QCOMPARE(view.toggleUserButton()->text(), QStringLiteral("&Deactivate…"));

    // Cancel: nothing is sent.
    QPointer<QMessageBox> box = view.toggleUserActive();
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("Test Buyer")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box);
    QVERIFY(!view.isBusy());
    QVERIFY(apiUser(username).value(u"active").toBool());

    box = view.toggleUserActive();
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QVERIFY(view.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy() && !view.currentUser()->active, 30000);
    QCOMPARE(view.currentUser()->username, username);
    QCOMPARE(view.usersTable()
                 ->item(view.usersTable()->currentRow(), AccountAdminView::UserActiveColumn)
                 ->text(),
             QStringLiteral("No"));
    QCOMPARE(view.toggleUserButton()->text(), QStringLiteral("&Activate…"));
    QVERIFY(!apiUser(username).value(u"active").toBool());
    QVERIFY(m_http->accessToken(username, QStringLiteral("sea-spray-42")).isEmpty());

    // Deactivating oneself: the portal refuses, the page says why, nothing changes.
    QVERIFY(view.selectUser(QStringLiteral("admin@bayside.example")));
    box = view.toggleUserActive();
    QVERIFY(box);
    QSignalSpy messages(&view, &AccountAdminView::message);
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QVERIFY(fetched(view));
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("cannot deactivate yourself")),
             qPrintable(view.stateLabel()->text()));
    QCOMPARE(messages.size(), 1);
    QVERIFY(view.currentUser()->active);
    QVERIFY(apiUser(QStringLiteral("admin@bayside.example")).value(u"active").toBool());
}

void tst_AccountAdminView::addLocationAndMakeItDefault()
{
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    const QString code = QStringLiteral("DOCK%1").arg(++m_counter);
    QPointer<LocationDialog> dialog = view.addLocation();
    QVERIFY(dialog);
    dialog->codeEdit()->setText(code);
    dialog->nameEdit()->setText(QStringLiteral("Solomons fuel dock"));
    dialog->line1Edit()->setText(QStringLiteral("14 Dowell Road"));
    dialog->cityEdit()->setText(QStringLiteral("Solomons"));
    dialog->regionEdit()->setText(QStringLiteral("MD"));
    QCOMPARE(dialog->countryEdit()->text(), QStringLiteral("US"));
    QVERIFY(!dialog->defaultCheck()->isChecked());
    // Without a postal code the portal names that field; nothing is created.
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(view.isBusy());
    QVERIFY(fetched(view));
    QVERIFY(dialog);
    QVERIFY2(!dialog->errorText(QStringLiteral("/address/postal_code")).isEmpty(),
             qPrintable(dialog->errorText(QString())));
    QVERIFY(dialog->errorText(QStringLiteral("/address/city")).isEmpty());
    for (const QJsonValue &v :
         m_http->get(QStringLiteral("/api/v1/locations"), m_admin->tokens().accessToken)
             .json()
             .value(u"locations")
             .toArray())
        QVERIFY(v.toObject().value(u"code").toString() != code);
    dialog->postalCodeEdit()->setText(QStringLiteral("20688"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QVERIFY(fetched(view));
    QCOMPARE(view.currentLocation()->code, code);
    QVERIFY(!view.currentLocation()->isDefault);
    QVERIFY(view.currentLocation()->active);
    QVERIFY(view.defaultLocationButton()->isEnabled());

    QVERIFY(view.makeLocationDefault());
    QVERIFY(fetched(view));
    QCOMPARE(view.currentLocation()->code, code);
    QVERIFY(view.currentLocation()->isDefault);
    QVERIFY(!view.defaultLocationButton()->isEnabled());
    QVERIFY(!view.toggleLocationButton()->isEnabled()); // the default stays active
    int defaults = 0;
    for (const AdminLocation &l : view.locations())
        defaults += l.isDefault ? 1 : 0;
    QCOMPARE(defaults, 1);
    QVERIFY(view.selectLocation(QStringLiteral("HQ")));
    QVERIFY(!view.currentLocation()->isDefault);
    const int row = view.locationsTable()->currentRow();
    QVERIFY(view.locationsTable()
                ->item(row, AccountAdminView::LocationDefaultColumn)
                ->text()
                .isEmpty());

    // The portal agrees; HQ becomes the default again for the other tests.
    const HttpResponse r =
        m_http->get(QStringLiteral("/api/v1/locations"), m_admin->tokens().accessToken);
    for (const QJsonValue &v : r.json().value(u"locations").toArray())
        QCOMPARE(v.toObject().value(u"is_default").toBool(),
                 v.toObject().value(u"code").toString() == code);
    QVERIFY(view.makeLocationDefault());
    QVERIFY(fetched(view));
    QVERIFY(view.currentLocation()->isDefault);

    // A taken code: the dialog says so and stays open.
    dialog = view.addLocation();
    QVERIFY(dialog);
    dialog->codeEdit()->setText(code);
    dialog->nameEdit()->setText(QStringLiteral("Twice"));
    dialog->line1Edit()->setText(QStringLiteral("14 Dowell Road"));
    dialog->cityEdit()->setText(QStringLiteral("Solomons"));
    dialog->regionEdit()->setText(QStringLiteral("MD"));
    dialog->postalCodeEdit()->setText(QStringLiteral("20688"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(fetched(view));
    QVERIFY(dialog);
    QVERIFY2(dialog->errorText(QString()).contains(QStringLiteral("code")),
             qPrintable(dialog->errorText(QString())));
    dialog->reject();
}

void tst_AccountAdminView::auditListsTheChanges()
{
    const QString username = uniqueUsername("audited");
    QVERIFY(createBuyer(username) > 0);
    const auto f = openView();
    QVERIFY(f);
    AccountAdminView &view = *f->view;
    QVERIFY(view.selectUser(username));
    QPointer<UserDialog> dialog = view.editUser();
    QVERIFY(dialog);
    dialog->limitEdit()->setText(QStringLiteral("1200"));
    const int shop =
        dialog->locationBox()->findText(QStringLiteral("BAL-YARD"), Qt::MatchStartsWith);
    QVERIFY(shop > 0);
    dialog->locationBox()->setCurrentIndex(shop);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    QVERIFY(fetched(view));

    // Newest first: the change just made, then the creation.
    QVERIFY(view.auditEvents().size() >= 2);
    QVERIFY(view.auditEvents().size() <= AccountAdminView::AuditLimit);
    const AuditEvent &changed = view.auditEvents().at(0);
    QCOMPARE(changed.action, QStringLiteral("user.updated"));
    QCOMPARE(changed.target, username);
    QCOMPARE(changed.actor, QStringLiteral("admin@bayside.example"));
    const AuditEvent &created = view.auditEvents().at(1);
    QCOMPARE(created.action, QStringLiteral("user.created"));
    QCOMPARE(created.target, username);

    QTableWidget *table = view.auditTable();
    QCOMPARE(table->rowCount(), view.auditEvents().size());
    QCOMPARE(table->item(0, AccountAdminView::AuditWhatColumn)->text(),
             QStringLiteral("Changed user %1").arg(username));
    const QString changes = table->item(0, AccountAdminView::AuditChangesColumn)->text();
    const QString limit = formatting::decimal(QLocale(), Decimal::fromInt(1200), 2);
    QVERIFY2(changes.contains(QStringLiteral("Spending limit: none → %1").arg(limit)),
             qPrintable(changes));
    QVERIFY2(changes.contains(QStringLiteral("Default location: none → BAL-YARD")),
             qPrintable(changes));
    QCOMPARE(table->item(1, AccountAdminView::AuditWhatColumn)->text(),
             QStringLiteral("Added user %1").arg(username));
    QVERIFY(table->item(1, AccountAdminView::AuditChangesColumn)
                ->text()
                .contains(QStringLiteral("Role: Buyer")));
}

void tst_AccountAdminView::offlineDisablesTheActions()
{
    // Told offline: the tables stay, every change is disabled, Refresh stays.
    {
        const auto f = openView();
        QVERIFY(f);
        AccountAdminView &view = *f->view;
        QVERIFY(view.selectUser(QStringLiteral("buyer@bayside.example")));
        QVERIFY(view.selectLocation(QStringLiteral("ANN-SHOP")));
        QVERIFY(view.editUserButton()->isEnabled());
        QVERIFY(view.defaultLocationButton()->isEnabled());
        view.setOnline(false);
        QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Offline")),
                 qPrintable(view.stateLabel()->text()));
        QVERIFY(view.stateLabel()->text().contains(QStringLiteral("connection")));
        for (QPushButton *b : {view.addUserButton(), view.editUserButton(), view.toggleUserButton(),
                               view.addLocationButton(), view.editLocationButton(),
                               view.defaultLocationButton(), view.toggleLocationButton()})
            QVERIFY2(!b->isEnabled(), qPrintable(b->objectName()));
        QVERIFY(view.refreshButton()->isEnabled());
        QVERIFY(!view.addUser());
        QVERIFY(!view.makeLocationDefault());
        QVERIFY(view.usersTable()->rowCount() > 0);
        view.setOnline(true);
        QVERIFY(view.editUserButton()->isEnabled());
    }

    // A portal that does not answer: the same, found out by Refresh.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    api.setTokens(m_admin->tokens());
    api.setRetryPolicy(RetryPolicy(RetryPolicy::Settings{1, std::chrono::milliseconds(1),
                                                         std::chrono::milliseconds(1),
                                                         std::chrono::milliseconds(1)}));
    AccountAdmin admin(&api);
    AccountAdminView view;
    view.setPermissions(true, true);
    view.setAccountAdmin(&admin);
    QVERIFY(!view.isOffline());
    view.refresh();
    QVERIFY(fetched(view));
    QVERIFY(view.isOffline());
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Offline")),
             qPrintable(view.stateLabel()->text()));
    QVERIFY(!view.addUserButton()->isEnabled());
    QVERIFY(!view.addLocationButton()->isEnabled());
    QVERIFY(view.refreshButton()->isEnabled());
    QCOMPARE(view.usersTable()->rowCount(), 0);
}

QM_UI_TEST_MAIN(tst_AccountAdminView)
#include "tst_accountadminview.moc"
