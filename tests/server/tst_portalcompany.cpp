#include "core/account.h"
#include "core/order.h"
#include "portaltest.h"
#include "support/feedpuller.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

using namespace qm;
using namespace qm::test;

// The company view on the real qm-portal: GET /api/v1/accounts (the caller's account and
// everything below it, with credit and order figures) and GET /api/v1/accounts/{code}/orders.
// Every figure is checked against the orders each account's own buyer pulls from the orders
// feed, so the rolled-up view and the accounts' own data can never disagree unnoticed.
class tst_PortalCompany final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void overviewMatchesEachAccountsOwnOrders_data();
    void overviewMatchesEachAccountsOwnOrders();
    void rolledUpViewAddsTheSubtree();
    void subsidiaryOrdersNewestFirstAndPaged();
    void onlyTheCallersSubtree_data();
    void onlyTheCallersSubtree();
    void rejectsBadParameters_data();
    void rejectsBadParameters();

private:
    std::optional<CompanyOverview> overview(const QString &query = {});

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_client;
    QString m_approver;               // Tom Whitaker, Bayside Marine Group (the parent)
    QHash<QString, QString> m_buyers; // account code -> a buyer's token
};

void tst_PortalCompany::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QM_START_PORTAL(*m_portal);
    m_client = std::make_unique<HttpClient>(m_portal->url());
    m_approver = m_client->accessToken(QStringLiteral("approver@bayside.example"));
    m_buyers.insert(QStringLiteral("BMG"),
                    m_client->accessToken(QStringLiteral("buyer@bayside.example")));
    m_buyers.insert(QStringLiteral("BMG-YARD"),
                    m_client->accessToken(QStringLiteral("buyer@yard.bayside.example")));
    m_buyers.insert(QStringLiteral("BMG-FLEET"),
                    m_client->accessToken(QStringLiteral("buyer@fleet.bayside.example")));
    QVERIFY(!m_approver.isEmpty());
    for (const QString &token : std::as_const(m_buyers))
        QVERIFY(!token.isEmpty());
}

void tst_PortalCompany::cleanupTestCase()
{
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

std::optional<CompanyOverview> tst_PortalCompany::overview(const QString &query)
{
    const HttpResponse r = m_client->get(QStringLiteral("/api/v1/accounts") + query, m_approver);
    if (r.status != 200) {
        qWarning("GET /api/v1/accounts%s answered %d: %s", qPrintable(query), r.status,
                 r.body.constData());
        return std::nullopt;
    }
    QList<FieldError> errors;
    auto parsed = CompanyOverview::fromJson(r.json(), &errors);
    for (const FieldError &e : errors)
        qWarning("%s %s", qPrintable(e.pointer), qPrintable(e.detail));
    return parsed;
}

void tst_PortalCompany::overviewMatchesEachAccountsOwnOrders_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (const char *code : {"BMG", "BMG-YARD", "BMG-FLEET"}) {
        QTest::addRow("%s, default period", code) << code << today.addDays(-364) << today;
        QTest::addRow("%s, last 90 days", code) << code << today.addDays(-89) << today;
        QTest::addRow("%s, one day", code) << code << today.addDays(-30) << today.addDays(-30);
    }
}

void tst_PortalCompany::overviewMatchesEachAccountsOwnOrders()
{
    QFETCH(QString, code);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString query = from == today.addDays(-364) && to == today
                              ? QString()
                              : QStringLiteral("?from=%1&to=%2")
                                    .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    const auto company = overview(query);
    QVERIFY(company);
    QCOMPARE(company->from, from);
    QCOMPARE(company->to, to);
    const AccountSummary *a = company->account(code);
    QVERIFY2(a, qPrintable(code));

    // What the account's own buyer sees in its orders feed.
    const FeedPull pull = pullFeed(*m_client, m_buyers.value(code), Feed::Orders, 500);
    QVERIFY2(pull.ok, qPrintable(pull.error));
    QVERIFY(!pull.entries.isEmpty());
    qint64 count = 0;
    qint64 open = 0;
    Decimal spend;
    Decimal openTotal;
    for (const QByteArray &json : pull.entries) {
        QList<FieldError> errors;
        const auto order = Order::fromJson(QJsonDocument::fromJson(json).object(), &errors);
        QVERIFY2(order, json.constData());
        const QDate day = order->placedAt.toUTC().date();
        if (isOpenOrderStatus(order->status)) {
            ++open;
            openTotal = openTotal + order->subtotal;
        }
        if (day < from || day > to)
            continue;
        ++count;
        if (order->status != OrderStatus::Rejected && order->status != OrderStatus::Cancelled)
            spend = spend + order->subtotal;
    }
    QCOMPARE(a->orderCount, count);
    QCOMPARE(a->spend.toString(2), spend.toString(2));
    QCOMPARE(a->openOrderCount, open);
    QCOMPARE(a->openOrders.toString(2), openTotal.toString(2));
    QCOMPARE(a->availableCredit, a->creditLimit - a->balance - a->openOrders);

    // The credit figures are the ones the account's buyer reads from /api/v1/account.
    const HttpResponse own = m_client->get(QStringLiteral("/api/v1/account"), m_buyers.value(code));
    QCOMPARE(own.status, 200);
    const auto info = AccountInfo::fromJson(own.json(), nullptr);
    QVERIFY(info);
    QCOMPARE(info->creditLimit, a->creditLimit);
    QCOMPARE(info->balance, a->balance);
    QCOMPARE(info->overdue, a->overdue);
    QCOMPARE(info->availableCredit, a->availableCredit);
    QCOMPARE(info->paymentTerms, a->paymentTerms);
}

void tst_PortalCompany::rolledUpViewAddsTheSubtree()
{
    const auto company = overview();
    QVERIFY(company);
    QCOMPARE(company->accounts.size(), 3);
    QCOMPARE(company->accounts.at(0).code, QStringLiteral("BMG"));
    QCOMPARE(company->accounts.at(0).depth, 0);
    QVERIFY(company->accounts.at(0).parentCode.isEmpty());
    for (int i = 1; i < company->accounts.size(); ++i) {
        QCOMPARE(company->accounts.at(i).parentCode, QStringLiteral("BMG"));
        QCOMPARE(company->accounts.at(i).depth, 1);
    }
    // Siblings by code.
    QCOMPARE(company->accounts.at(1).code, QStringLiteral("BMG-FLEET"));
    QCOMPARE(company->accounts.at(2).code, QStringLiteral("BMG-YARD"));
    // The demo gives the parent and Fleet overdue invoices.
    QVERIFY(company->account(QStringLiteral("BMG-FLEET"))->overdue > Decimal());

    const auto all = company->rolledUp(QStringLiteral("BMG"));
    QVERIFY(all);
    qint64 orders = 0;
    Decimal spend;
    Decimal balance;
    for (const AccountSummary &a : company->accounts) {
        orders += a.orderCount;
        spend = spend + a.spend;
        balance = balance + a.balance;
    }
    QCOMPARE(all->orderCount, orders);
    QCOMPARE(all->spend, spend);
    QCOMPARE(all->balance, balance);
    QVERIFY(all->orderCount > company->accounts.at(0).orderCount);
    const auto leaf = company->rolledUp(QStringLiteral("BMG-YARD"));
    QVERIFY(leaf);
    QCOMPARE(leaf->spend, company->account(QStringLiteral("BMG-YARD"))->spend);
}

void tst_PortalCompany::subsidiaryOrdersNewestFirstAndPaged()
{
    const QString path = QStringLiteral("/api/v1/accounts/BMG-YARD/orders");
    const HttpResponse first = m_client->get(path + QStringLiteral("?limit=5"), m_approver);
    QCOMPARE(first.status, 200);
    const QJsonObject body = first.json();
    QCOMPARE(body.value(u"account").toObject().value(u"code").toString(),
             QStringLiteral("BMG-YARD"));
    const QJsonArray orders = body.value(u"orders").toArray();
    QCOMPARE(orders.size(), 5);
    QList<Order> page;
    for (const QJsonValue &v : orders) {
        const auto o = Order::fromJson(v.toObject(), nullptr);
        QVERIFY(o);
        page.append(*o);
    }
    for (int i = 1; i < page.size(); ++i)
        QVERIFY(page.at(i - 1).placedAt >= page.at(i).placedAt);

    // The same orders the subsidiary's buyer reads, and the total the feed holds.
    const FeedPull pull =
        pullFeed(*m_client, m_buyers.value(QStringLiteral("BMG-YARD")), Feed::Orders, 500);
    QVERIFY(pull.ok);
    QCOMPARE(body.value(u"total").toInteger(), qint64(pull.entries.size()));
    for (const Order &o : page) {
        QVERIFY2(pull.entries.contains(o.number), qPrintable(o.number));
        QCOMPARE(
            Order::fromJson(QJsonDocument::fromJson(pull.entries.value(o.number)).object(), nullptr)
                ->subtotal,
            o.subtotal);
    }
    // The next page starts where this one ended.
    const HttpResponse second =
        m_client->get(path + QStringLiteral("?limit=5&offset=4"), m_approver);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().value(u"orders").toArray().at(0).toObject().value(u"number"),
             orders.at(4).toObject().value(u"number"));

    // status=open keeps only open orders.
    const HttpResponse open = m_client->get(path + QStringLiteral("?status=open"), m_approver);
    QCOMPARE(open.status, 200);
    for (const QJsonValue &v : open.json().value(u"orders").toArray()) {
        const auto o = Order::fromJson(v.toObject(), nullptr);
        QVERIFY(o && isOpenOrderStatus(o->status));
    }
}

void tst_PortalCompany::onlyTheCallersSubtree_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("parent approver, own account") << "approver@bayside.example"
                                                  << "/api/v1/accounts/BMG/orders" << 200;
    QTest::newRow("parent admin, subsidiary") << "admin@bayside.example"
                                              << "/api/v1/accounts/BMG-FLEET/orders" << 200;
    QTest::newRow("parent approver, another customer") << "approver@bayside.example"
                                                       << "/api/v1/accounts/CRF/orders" << 404;
    QTest::newRow("parent approver, no such account") << "approver@bayside.example"
                                                      << "/api/v1/accounts/NOPE/orders" << 404;
    QTest::newRow("parent buyer, overview") << "buyer@bayside.example"
                                            << "/api/v1/accounts" << 403;
    QTest::newRow("subsidiary buyer, parent's orders") << "buyer@yard.bayside.example"
                                                       << "/api/v1/accounts/BMG/orders" << 403;
    QTest::newRow("viewer, overview") << "viewer@bayside.example"
                                      << "/api/v1/accounts" << 403;
    QTest::newRow("no token") << ""
                              << "/api/v1/accounts" << 401;
}

void tst_PortalCompany::onlyTheCallersSubtree()
{
    QFETCH(QString, user);
    QFETCH(QString, path);
    QFETCH(int, status);
    const QString token = user.isEmpty() ? QString() : m_client->accessToken(user);
    const HttpResponse r = m_client->get(path, token);
    QCOMPARE(r.status, status);
    if (status != 200)
        QVERIFY(!r.problemSlug().isEmpty());
}

void tst_PortalCompany::rejectsBadParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a date") << "/api/v1/accounts?from=2026-02-30"
                                << "'from'";
    QTest::newRow("short date") << "/api/v1/accounts?to=2026-1-5"
                                << "'to'";
    QTest::newRow("backwards") << "/api/v1/accounts?from=2026-06-01&to=2026-05-31"
                               << "run forward";
    QTest::newRow("too long") << "/api/v1/accounts?from=1990-01-01&to=2026-01-01"
                              << "3660 days";
    QTest::newRow("zero limit") << "/api/v1/accounts/BMG/orders?limit=0"
                                << "'limit'";
    QTest::newRow("huge limit") << "/api/v1/accounts/BMG/orders?limit=201"
                                << "'limit'";
    QTest::newRow("negative offset") << "/api/v1/accounts/BMG/orders?offset=-1"
                                     << "'offset'";
    QTest::newRow("unknown status") << "/api/v1/accounts/BMG/orders?status=late"
                                    << "'status'";
    QTest::newRow("SQL in status") << "/api/v1/accounts/BMG/orders?status=open%27%20OR%201%3D1--"
                                   << "'status'";
}

void tst_PortalCompany::rejectsBadParameters()
{
    QFETCH(QString, path);
    QFETCH(QString, mentions);
    const HttpResponse r = m_client->get(path, m_approver);
    QCOMPARE(r.status, 400);
    QVERIFY(!r.problemSlug().isEmpty());
    const QString detail = r.json().value(u"detail").toString();
    QVERIFY2(detail.contains(mentions), qPrintable(detail));
}

QTEST_GUILESS_MAIN(tst_PortalCompany)
#include "tst_portalcompany.moc"
