#include "core/clock.h"
#include "models/database.h"
#include "models/formatting.h"
#include "signedin.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "sync/apiclient.h"
#include "sync/companyaccounts.h"
#include "sync/session.h"
#include "ui/companyview.h"
#include "ui/mainwindow.h"
#include "uitestmain.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <memory>

using namespace qm;
using namespace qm::test;

// The Company page against the real qm-portal (--demo), signed in as Bayside Marine Group's
// approver: who gets the page, the tree of the parent and its subsidiaries with the figures the
// portal serves, the rolled-up figures of the selected account, the selected account's orders a
// page at a time and open ones only, another period, and offline.
class tst_CompanyView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void onlyParentApproversAndAdminsGetThePage();
    void treeShowsThePortalsFigures();
    void ordersOfASubsidiaryPageByPage();
    void openOnlyAndAnotherPeriod();
    void offlineSaysSo();

private:
    struct Fixture
    {
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<CompanyAccounts> company;
        std::unique_ptr<CompanyView> view;
    };
    std::unique_ptr<Fixture> openView();
    static bool idle(CompanyView &view);
    std::unique_ptr<SignIn> signIn(const QString &user);

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<SignIn> m_approver;
};

std::unique_ptr<SignIn> tst_CompanyView::signIn(const QString &user)
{
    return signInAs(m_portal->url(), user);
}

void tst_CompanyView::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(
        m_portal->start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50")}, &error),
        qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_approver = signIn(QStringLiteral("approver@bayside.example"));
    QVERIFY(m_approver);
}

void tst_CompanyView::cleanupTestCase()
{
    m_approver.reset();
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

bool tst_CompanyView::idle(CompanyView &view)
{
    return QTest::qWaitFor([&view] { return !view.isLoading(); }, 60000);
}

std::unique_ptr<tst_CompanyView::Fixture> tst_CompanyView::openView()
{
    auto f = std::make_unique<Fixture>();
    f->api = std::make_unique<ApiClient>(m_portal->url());
    f->api->setTokens(m_approver->tokens());
    f->company = std::make_unique<CompanyAccounts>(f->api.get());
    f->view = std::make_unique<CompanyView>();
    f->view->setCompanyAccounts(f->company.get());
    f->view->refresh();
    // The overview, then the first account's orders.
    if (!idle(*f->view) ||
        !QTest::qWaitFor([&f] { return !f->view->currentAccount().isEmpty(); }) || !idle(*f->view))
        return nullptr;
    return f;
}

void tst_CompanyView::onlyParentApproversAndAdminsGetThePage()
{
    const auto buyer = signIn(QStringLiteral("buyer@bayside.example"));
    QVERIFY(buyer);
    QTemporaryDir dir;
    QString error;
    auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    MainWindow window(*db);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    auto *action = window.findChild<QAction *>(QStringLiteral("companyPageAction"));
    QVERIFY(tabs && action);
    const int index = tabs->indexOf(window.companyView());
    QVERIFY(index >= 0);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_9));

    window.setProfile(buyer->profile());
    QVERIFY(!window.isPageAvailable(MainWindow::Page::Company));
    QVERIFY(!tabs->isTabVisible(index));
    QVERIFY(!action->isVisible());
    window.showPage(MainWindow::Page::Company);
    QVERIFY(window.currentPage() != MainWindow::Page::Company);

    window.setProfile(m_approver->profile());
    QVERIFY(window.isPageAvailable(MainWindow::Page::Company));
    QVERIFY(tabs->isTabVisible(index));
    QVERIFY(action->isVisible());
    ApiClient api(m_portal->url());
    api.setTokens(m_approver->tokens());
    CompanyAccounts company(&api);
    window.setCompanyAccounts(&company);
    action->trigger();
    QCOMPARE(window.currentPage(), MainWindow::Page::Company);
    CompanyView *view = window.companyView();
    QVERIFY(QTest::qWaitFor([view] { return view->overview().has_value(); }, 60000));
    QCOMPARE(view->overview()->accounts.first().code, QStringLiteral("BMG"));

    // Signing out empties the page.
    window.setCompanyAccounts(nullptr);
    QVERIFY(!view->overview());
    QCOMPARE(view->tree()->topLevelItemCount(), 0);
    QCOMPARE(view->orderTable()->rowCount(), 0);
}

void tst_CompanyView::treeShowsThePortalsFigures()
{
    const auto f = openView();
    QVERIFY(f);
    QTreeWidget *tree = f->view->tree();
    // The parent on top, its subsidiaries below it.
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *top = tree->topLevelItem(0);
    QVERIFY(top->text(CompanyView::AccountColumn).startsWith(QStringLiteral("BMG — ")));
    QCOMPARE(top->childCount(), 2);
    QVERIFY(
        top->child(0)->text(CompanyView::AccountColumn).startsWith(QStringLiteral("BMG-FLEET")));
    QVERIFY(top->child(1)->text(CompanyView::AccountColumn).startsWith(QStringLiteral("BMG-YARD")));

    // The figures are those the portal serves for the same period.
    const CompanyOverview &overview = *f->view->overview();
    const HttpResponse served = m_http->get(
        QStringLiteral("/api/v1/accounts?from=%1&to=%2")
            .arg(overview.from.toString(Qt::ISODate), overview.to.toString(Qt::ISODate)),
        m_approver->tokens().accessToken);
    QCOMPARE(served.status, 200);
    const QJsonArray accounts = served.json().value(u"accounts").toArray();
    QCOMPARE(accounts.size(), 3);
    const QLocale locale;
    const QList<QTreeWidgetItem *> rows{top, top->child(0), top->child(1)};
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject a = accounts.at(i).toObject();
        const QString currency = a.value(u"currency").toString();
        const auto money = [&](const QJsonValue &v) {
            return formatting::money(locale, *Decimal::parse(v.toString()), currency);
        };
        const QJsonObject orders = a.value(u"orders").toObject();
        const QJsonObject credit = a.value(u"credit").toObject();
        QCOMPARE(rows[i]->text(CompanyView::OrdersColumn),
                 locale.toString(orders.value(u"count").toInteger()));
        QCOMPARE(rows[i]->text(CompanyView::SpendColumn), money(orders.value(u"spend")));
        QCOMPARE(rows[i]->text(CompanyView::OverdueColumn), money(credit.value(u"overdue")));
        QCOMPARE(rows[i]->text(CompanyView::AvailableColumn), money(credit.value(u"available")));
    }

    // The parent is selected first; its rolled-up line adds up the whole company.
    QCOMPARE(f->view->currentAccount(), QStringLiteral("BMG"));
    const auto sum = overview.rolledUp(QStringLiteral("BMG"));
    QVERIFY(sum);
    const QString rollUp = f->view->rollUpLabel()->text();
    QVERIFY2(rollUp.contains(locale.toString(sum->orderCount) + QStringLiteral(" orders")),
             qPrintable(rollUp));
    QVERIFY2(rollUp.contains(formatting::money(locale, sum->spend, sum->currency)),
             qPrintable(rollUp));
    QVERIFY2(rollUp.contains(QStringLiteral("with the 2 account")), qPrintable(rollUp));

    // A subsidiary without sites says so.
    tree->setCurrentItem(top->child(1));
    QVERIFY(idle(*f->view));
    QVERIFY2(f->view->rollUpLabel()->text().contains(QStringLiteral("no subsidiaries")),
             qPrintable(f->view->rollUpLabel()->text()));
}

void tst_CompanyView::ordersOfASubsidiaryPageByPage()
{
    const auto f = openView();
    QVERIFY(f);
    QVERIFY(f->view->selectAccount(QStringLiteral("BMG-YARD")));
    QVERIFY(idle(*f->view));
    QCOMPARE(f->view->currentAccount(), QStringLiteral("BMG-YARD"));
    QTableWidget *table = f->view->orderTable();
    QCOMPARE(table->rowCount(), CompanyView::PageSize);

    const HttpResponse served = m_http->get(
        QStringLiteral("/api/v1/accounts/BMG-YARD/orders?limit=%1").arg(CompanyView::PageSize + 10),
        m_approver->tokens().accessToken);
    QCOMPARE(served.status, 200);
    const qint64 total = served.json().value(u"total").toInteger();
    QVERIFY(total > CompanyView::PageSize);
    QCOMPARE(f->view->orderTotal(), total);
    const QJsonArray orders = served.json().value(u"orders").toArray();
    QCOMPARE(table->item(0, CompanyView::NumberColumn)->text(),
             orders.at(0).toObject().value(u"number").toString());

    // Show More appends the next page where the first ended.
    QPushButton *more = f->view->moreButton();
    QVERIFY(more->isEnabled());
    more->click();
    QVERIFY(idle(*f->view));
    QCOMPARE(table->rowCount(), int(qMin<qint64>(total, 2 * CompanyView::PageSize)));
    QCOMPARE(table->item(CompanyView::PageSize, CompanyView::NumberColumn)->text(),
             orders.at(CompanyView::PageSize).toObject().value(u"number").toString());
    QCOMPARE(f->view->orders().size(), table->rowCount());
}

void tst_CompanyView::openOnlyAndAnotherPeriod()
{
    const auto f = openView();
    QVERIFY(f);
    QVERIFY(f->view->selectAccount(QStringLiteral("BMG-FLEET")));
    QVERIFY(idle(*f->view));
    f->view->openOnlyBox()->setChecked(true);
    QVERIFY(idle(*f->view));
    for (const Order &o : f->view->orders())
        QVERIFY2(isOpenOrderStatus(o.status), qPrintable(o.number));
    const HttpResponse open =
        m_http->get(QStringLiteral("/api/v1/accounts/BMG-FLEET/orders?status=open"),
                    m_approver->tokens().accessToken);
    QCOMPARE(f->view->orderTotal(), open.json().value(u"total").toInteger());

    // Last year: the portal's figures for that calendar year.
    QComboBox *period = f->view->periodBox();
    period->setCurrentIndex(period->findData(CompanyView::LastYear));
    QVERIFY(idle(*f->view));
    const int year = qm::clock::today().year() - 1;
    QCOMPARE(f->view->overview()->from, QDate(year, 1, 1));
    QCOMPARE(f->view->overview()->to, QDate(year, 12, 31));
    // The selected account stays selected.
    QCOMPARE(f->view->currentAccount(), QStringLiteral("BMG-FLEET"));
    QVERIFY2(f->view->statusLabel()->text().contains(
                 QLocale().toString(QDate(year, 1, 1), QLocale::ShortFormat)),
             qPrintable(f->view->statusLabel()->text()));
}

void tst_CompanyView::offlineSaysSo()
{
    const auto f = openView();
    QVERIFY(f);
    f->view->setOnline(false);
    QVERIFY(f->view->statusLabel()->text().contains(QStringLiteral("Offline")));
    // Nothing is fetched offline; what was shown stays.
    const int rows = f->view->orderTable()->rowCount();
    f->view->refresh();
    QVERIFY(!f->view->isLoading());
    QCOMPARE(f->view->orderTable()->rowCount(), rows);

    // A portal that is gone: the failure is shown, not swallowed.
    f->view->setOnline(true);
    ApiClient gone(QUrl(QStringLiteral("http://127.0.0.1:1")));
    gone.setTokens(m_approver->tokens());
    CompanyAccounts unreachable(&gone);
    f->view->setCompanyAccounts(&unreachable);
    QSignalSpy message(f->view.get(), &CompanyView::message);
    f->view->refresh();
    QVERIFY(message.wait(60000));
    QVERIFY(!f->view->statusLabel()->text().isEmpty());
    QVERIFY(f->view->statusLabel()->text() != QStringLiteral("Loading…"));
    f->view->setCompanyAccounts(nullptr);
}

QM_UI_TEST_MAIN(tst_CompanyView)
#include "tst_companyview.moc"
