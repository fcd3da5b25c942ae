// Several portal accounts side by side in the desktop app, against a real qm-portal (--demo):
// signed in as the buyer, File → Switch Account → Add Account signs the approver in to a
// profile of its own while the buyer's stays on disk; the menu lists both with the open one
// checked; choosing the buyer opens that profile with its tokens from the keychain, without a
// sign-in. A profile whose tokens are gone asks to sign in, and Cancel returns to the profile
// before instead of closing the app.
#include "models/profile.h"
#include "models/profiledirectory.h"
#include "support/portalprocess.h"
#include "sync/credentialstore.h"
#include "sync/syncengine.h"
#include "ui/appcontroller.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "uitestmain.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>

using namespace qm;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Approver = QStringLiteral("approver@bayside.example");

// The account entries of File → Switch Account as the user would see them on opening it.
QList<QAction *> accountActions(MainWindow *window)
{
    QMenu *menu = window->accountsMenu();
    Q_EMIT menu->aboutToShow();
    QList<QAction *> entries;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator() && action->data().isValid())
            entries.append(action);
    }
    return entries;
}

// Opening the menu again replaces its actions: look up entries of one opening only.
QAction *entryFor(const QList<QAction *> &entries, const QString &directory)
{
    for (QAction *action : entries) {
        if (profiles::sameDirectory(action->data().toString(), directory))
            return action;
    }
    return nullptr;
}

} // namespace

class tst_AccountSwitcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void switchesBetweenAccounts();

private:
    // Fills the visible sign-in dialog and presses Sign In.
    void signIn(AppController &controller, const QString &username);

    qm::test::PortalProcess m_portal;
};

void tst_AccountSwitcher::initTestCase()
{
    qRegisterMetaType<qm::SyncResult>();
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("200")},
                 &error),
             qPrintable(error));
}

void tst_AccountSwitcher::cleanupTestCase()
{
    m_portal.stop();
}

void tst_AccountSwitcher::signIn(AppController &controller, const QString &username)
{
    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    SignInDialog *dialog = controller.signInDialog();
    dialog->findChild<QLineEdit *>(QStringLiteral("portalEdit"))
        ->setText(m_portal.url().toString());
    dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->setText(username);
    dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("demo"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
}

void tst_AccountSwitcher::switchesBetweenAccounts()
{
    QSettings().clear();
    AppController controller;
    QSignalSpy synced(&controller, &AppController::syncFinished);
    controller.start(AppController::Options{});

    // The buyer, into the default profiles folder.
    signIn(controller, Buyer);
    QTRY_VERIFY_WITH_TIMEOUT(controller.mainWindow() && controller.mainWindow()->isVisible(),
                             30000);
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 120000);
    const QString buyerDir = controller.profileDir();
    QCOMPARE(QFileInfo(buyerDir).absolutePath(), QDir(profiles::defaultRoot()).absolutePath());
    MainWindow *buyerWindow = controller.mainWindow();
    const QList<QAction *> one = accountActions(buyerWindow);
    QCOMPARE(one.size(), 1);
    QVERIFY(entryFor(one, buyerDir)->isChecked());

    // Add Account: the dialog keeps the portal and asks for the user.
    QAction *add = nullptr;
    for (QAction *action : buyerWindow->accountsMenu()->actions())
        add = action->objectName() == u"addAccountAction" ? action : add;
    QVERIFY(add);
    add->trigger();
    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    QCOMPARE(
        controller.signInDialog()->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->text(),
        QString());
    // Still the buyer's until the approver is signed in.
    QCOMPARE(controller.profileDir(), buyerDir);
    signIn(controller, Approver);
    QTRY_VERIFY_WITH_TIMEOUT(controller.profileDir() != buyerDir && controller.mainWindow() &&
                                 controller.mainWindow()->isVisible(),
                             30000);
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 2, 120000);
    const QString approverDir = controller.profileDir();
    QCOMPARE(approverDir, profiles::directoryFor(m_portal.url(), Approver));
    QVERIFY(profiles::sameDirectory(profiles::current(), approverDir));
    QVERIFY(QFileInfo::exists(profiles::cachePath(buyerDir)));
    MainWindow *approverWindow = controller.mainWindow();
    QVERIFY(approverWindow->findChild<QLabel *>(QStringLiteral("userLabel"))
                ->text()
                .contains(QStringLiteral("Tom Whitaker")));

    // Both are listed; the open one is checked and cannot be chosen again.
    const QList<QAction *> both = accountActions(approverWindow);
    QCOMPARE(both.size(), 2);
    QAction *approverEntry = entryFor(both, approverDir);
    QAction *buyerEntry = entryFor(both, buyerDir);
    QVERIFY(approverEntry && buyerEntry);
    QVERIFY(approverEntry->isChecked() && !approverEntry->isEnabled());
    QVERIFY(!buyerEntry->isChecked() && buyerEntry->isEnabled());
    QVERIFY2(buyerEntry->text().contains(QStringLiteral("Maria Delgado")),
             qPrintable(buyerEntry->text()));

    // Back to the buyer: its tokens come from the keychain, no sign-in.
    buyerEntry->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(controller.profileDir() == buyerDir && controller.mainWindow() &&
                                 controller.mainWindow()->isVisible(),
                             30000);
    QVERIFY(!controller.signInDialog());
    QVERIFY(profiles::sameDirectory(profiles::current(), buyerDir));
    QVERIFY(controller.mainWindow()
                ->findChild<QLabel *>(QStringLiteral("userLabel"))
                ->text()
                .contains(QStringLiteral("Maria Delgado")));
    // It syncs as the buyer (the approver's tokens would sync the same account; the
    // profile's own tokens are what the keychain gave back).
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 3, 120000);
    QVERIFY(synced.at(2).at(0).value<qm::SyncResult>().ok);

    // The approver's tokens are gone (signed out elsewhere): choosing it asks to sign in,
    // prefilled; Cancel returns to the buyer.
    CredentialStore store;
    bool removed = false;
    store.remove(CredentialStore::keyFor(m_portal.url(), Approver),
                 [&removed](CredentialStore::Status status) {
                     removed = status == CredentialStore::Status::Ok;
                 });
    QTRY_VERIFY(removed);
    QAction *approverAgain = entryFor(accountActions(controller.mainWindow()), approverDir);
    QVERIFY(approverAgain);
    approverAgain->trigger();
    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    QVERIFY(!controller.mainWindow());
    QCOMPARE(
        controller.signInDialog()->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->text(),
        Approver);
    controller.signInDialog()->reject();
    QTRY_VERIFY_WITH_TIMEOUT(controller.profileDir() == buyerDir && controller.mainWindow() &&
                                 controller.mainWindow()->isVisible(),
                             30000);
    QVERIFY(profiles::sameDirectory(profiles::current(), buyerDir));
}

QM_UI_TEST_MAIN(tst_AccountSwitcher)
#include "tst_accountswitcher.moc"
