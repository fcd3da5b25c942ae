#include "core/catalog.h"
#include "core/feeds.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "signedin.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"
#include "sync/apiclient.h"
#include "sync/orderactions.h"
#include "sync/session.h"
#include "ui/approvalsview.h"
#include "ui/mainwindow.h"
#include "ui/orderdetailview.h"
#include "ui/orderhistoryview.h"
#include "uitestmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QUuid>

#include <memory>

using namespace qm;
using namespace qm::test;

// The approvals page against the real qm-portal (--demo): the demo buyer (spending limit
// 5,000) places orders over the limit, the approver's queue lists them, approve and reject
// with a comment take them out of the queue and leave the decided order in the cache, where
// the history shows it. Offline the page says so; buyers and viewers get no Approvals page.
class tst_ApprovalsView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void approveWithComment();
    void rejectNeedsAComment();
    void offlineSaysSo();
    void onlyApproversGetThePage();

private:
    // Places an order over the buyer's spending limit; its number, or empty.
    QString placeOrderOverLimit();
    std::unique_ptr<SignIn> signIn(const QString &user);

    std::unique_ptr<PortalProcess> m_portal;
    std::unique_ptr<HttpClient> m_http;
    QString m_buyerToken;
    QString m_sku;
    qint64 m_quantity = 0;
    QString m_unitPrice;
    std::unique_ptr<SignIn> m_approver;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

std::unique_ptr<SignIn> tst_ApprovalsView::signIn(const QString &user)
{
    return signInAs(m_portal->url(), user);
}

void tst_ApprovalsView::initTestCase()
{
    m_portal = std::make_unique<PortalProcess>();
    QString error;
    QVERIFY2(m_portal->start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("400")},
                 &error),
             qPrintable(error));
    m_http = std::make_unique<HttpClient>(m_portal->url());
    m_buyerToken = m_http->accessToken(QStringLiteral("buyer@bayside.example"));
    QVERIFY(!m_buyerToken.isEmpty());
    m_approver = signIn(QStringLiteral("approver@bayside.example"));
    QVERIFY(m_approver);

    // A product of the buyer's catalog, not discontinued and outside the categories that
    // need approval anyway, in a quantity whose total passes the 5,000 limit.
    const FeedPull products = pullFeed(*m_http, m_buyerToken, Feed::Products, 1000);
    QVERIFY2(products.converged(), qPrintable(products.error));
    for (auto it = products.entries.cbegin(); it != products.entries.cend() && m_sku.isEmpty();
         ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO"))
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QByteArray quote =
                QJsonDocument(
                    QJsonObject{{QStringLiteral("lines"),
                                 QJsonArray{QJsonObject{{QStringLiteral("sku"), it.key()},
                                                        {QStringLiteral("quantity"), quantity}}}}})
                    .toJson(QJsonDocument::Compact);
            const HttpResponse r = m_http->post(QStringLiteral("/api/v1/pricing/quote"), quote,
                                                "application/json", m_buyerToken);
            const QJsonObject line = r.json().value(u"lines").toArray().at(0).toObject();
            if (r.status != 200 || line.contains(u"problem") ||
                line.value(u"quantity").toInteger() != quantity)
                break;
            const auto price = Decimal::parse(line.value(u"unit_price").toString());
            const auto total = Decimal::parse(line.value(u"line_total").toString());
            if (!price || !total || price->isZero())
                break;
            if (*total > Decimal::fromInt(5001)) {
                if (product->maxOrderQty > 0 && quantity > product->maxOrderQty)
                    break;
                m_sku = it.key();
                m_quantity = quantity;
                m_unitPrice = line.value(u"unit_price").toString();
                break;
            }
            const qint64 needed = (Decimal::fromInt(5001).units() * 2) / price->units() + 1;
            quantity = (needed + step - 1) / step * step;
        }
    }
    QVERIFY2(!m_sku.isEmpty(), "no product of the demo reaches the spending limit");
}

void tst_ApprovalsView::cleanupTestCase()
{
    m_approver.reset();
    if (m_portal)
        QCOMPARE(m_portal->stop(), 0);
}

void tst_ApprovalsView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_db = Database::open(m_dir->filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(m_db, qPrintable(error));
}

void tst_ApprovalsView::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

QString tst_ApprovalsView::placeOrderOverLimit()
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("client_order_id"), id},
                                  {QStringLiteral("ship_to"), QStringLiteral("HQ")},
                                  {QStringLiteral("po_number"), QStringLiteral("PO-APPROVE")},
                                  {QStringLiteral("lines"),
                                   QJsonArray{QJsonObject{
                                       {QStringLiteral("sku"), m_sku},
                                       {QStringLiteral("quantity"), QString::number(m_quantity)},
                                       {QStringLiteral("unit_price"), m_unitPrice}}}}})
            .toJson(QJsonDocument::Compact);
    const HttpResponse r = m_http->send("POST", QStringLiteral("/api/v1/orders"), body,
                                        {{"Authorization", "Bearer " + m_buyerToken.toLatin1()},
                                         {"Content-Type", "application/json"},
                                         {"Idempotency-Key", id.toLatin1()}});
    if (r.status != 201 || r.json().value(u"status").toString() != u"pending_approval")
        return {};
    return r.json().value(u"number").toString();
}

void tst_ApprovalsView::approveWithComment()
{
    const QString number = placeOrderOverLimit();
    QVERIFY(!number.isEmpty());

    ApiClient api(m_portal->url());
    api.setTokens(m_approver->tokens());
    OrderActions actions(&api, m_db.get());
    ApprovalsView view(*m_db);
    QVERIFY(!view.refreshButton()->isEnabled()); // no actions yet: signed out
    view.setOrderActions(&actions);
    view.refresh();
    QVERIFY(view.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 30000);
    QStringList queued;
    for (const Order &o : view.queue())
        queued << o.number;
    QVERIFY2(queued.contains(number), qPrintable(queued.join(u' ')));
    QCOMPARE(view.table()->rowCount(), queued.size());
    QVERIFY(view.stateLabel()->text().contains(QStringLiteral("waiting")));

    QVERIFY(view.selectOrder(number));
    QCOMPARE(view.detailView()->order()->number, number);
    QVERIFY(view.detailView()->reorderButton()->isHidden());
    QVERIFY(view.detailView()->headerBrowser()->toPlainText().contains(
        QStringLiteral("Over the buyer's spending limit")));
    QVERIFY(view.approveButton()->isEnabled());

    QSignalSpy decided(&view, &ApprovalsView::decided);
    QVERIFY(view.approveCurrent(QStringLiteral("ok for the haul-out")));
    QVERIFY(!view.approveButton()->isEnabled()); // one decision at a time
    QVERIFY(!view.approveCurrent(QStringLiteral("twice")));
    QVERIFY(decided.wait(30000));
    const Order answer = decided.at(0).at(0).value<Order>();
    QCOMPARE(answer.status, OrderStatus::Approved);

    // Gone from the queue; in the cache as approved, with the decider and the comment.
    for (const Order &o : view.queue())
        QVERIFY(o.number != number);
    for (int r = 0; r < view.table()->rowCount(); ++r)
        QVERIFY(view.table()->item(r, ApprovalsView::NumberColumn)->text() != number);
    const auto cached = OrderStore(*m_db).order(number);
    QVERIFY(cached);
    QCOMPARE(cached->order.status, OrderStatus::Approved);
    QCOMPARE(cached->order.approval.decidedBy, QStringLiteral("Tom Whitaker"));
    QCOMPARE(cached->order.approval.comment, QStringLiteral("ok for the haul-out"));

    // The history page shows it approved, offline from the cache.
    OrderHistoryView history(*m_db);
    QVERIFY(history.selectOrder(number));
    QVERIFY(history.detailView()->titleLabel()->text().contains(QStringLiteral("Approved")));

    // The portal agrees: no longer waiting.
    const HttpResponse pending =
        m_http->get(QStringLiteral("/api/v1/approvals"), m_approver->tokens().accessToken);
    QCOMPARE(pending.status, 200);
    for (const QJsonValue &v : pending.json().value(u"orders").toArray())
        QVERIFY(v.toObject().value(u"number").toString() != number);
}

void tst_ApprovalsView::rejectNeedsAComment()
{
    const QString number = placeOrderOverLimit();
    QVERIFY(!number.isEmpty());
    ApiClient api(m_portal->url());
    api.setTokens(m_approver->tokens());
    OrderActions actions(&api, m_db.get());
    ApprovalsView view(*m_db);
    view.setOrderActions(&actions);
    view.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 30000);
    QVERIFY(view.selectOrder(number));

    QSignalSpy messages(&view, &ApprovalsView::message);
    QVERIFY(!view.rejectCurrent(QStringLiteral("  ")));
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.at(0).at(0).toString().contains(number));

    QSignalSpy decided(&view, &ApprovalsView::decided);
    QVERIFY(view.rejectCurrent(QStringLiteral("split it over two months")));
    QVERIFY(decided.wait(30000));
    const auto cached = OrderStore(*m_db).order(number);
    QVERIFY(cached);
    QCOMPARE(cached->order.status, OrderStatus::Rejected);
    QCOMPARE(cached->order.approval.comment, QStringLiteral("split it over two months"));
    for (const Order &o : view.queue())
        QVERIFY(o.number != number);
}

void tst_ApprovalsView::offlineSaysSo()
{
    // A loopback port that nobody listens on: the portal cannot be reached.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    api.setTokens(m_approver->tokens());
    api.setRetryPolicy(RetryPolicy(RetryPolicy::Settings{1, std::chrono::milliseconds(1),
                                                         std::chrono::milliseconds(1),
                                                         std::chrono::milliseconds(1)}));
    OrderActions actions(&api, m_db.get());
    ApprovalsView view(*m_db);
    view.setOrderActions(&actions);
    view.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 30000);
    QVERIFY2(view.stateLabel()->text().contains(QStringLiteral("Offline")),
             qPrintable(view.stateLabel()->text()));
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY(!view.approveButton()->isEnabled());
    QVERIFY(view.refreshButton()->isEnabled()); // try again later
}

void tst_ApprovalsView::onlyApproversGetThePage()
{
    const auto buyer = signIn(QStringLiteral("buyer@bayside.example"));
    const auto viewer = signIn(QStringLiteral("viewer@bayside.example"));
    QVERIFY(buyer && viewer);
    MainWindow window(*m_db);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    QVERIFY(tabs);
    const int index = tabs->indexOf(window.approvalsView());
    QVERIFY(index >= 0);

    for (const SignIn *user : {buyer.get(), viewer.get()}) {
        window.setProfile(user->profile());
        QVERIFY(!window.hasApprovalsPage());
        QVERIFY(!tabs->isTabVisible(index));
        window.showPage(MainWindow::Page::Approvals);
        QVERIFY(window.currentPage() != MainWindow::Page::Approvals);
    }
    window.setProfile(m_approver->profile());
    QVERIFY(window.hasApprovalsPage());
    QVERIFY(tabs->isTabVisible(index));
    window.showPage(MainWindow::Page::Approvals);
    QCOMPARE(window.currentPage(), MainWindow::Page::Approvals);
    // Signed in as a buyer again, the page goes away.
    window.setProfile(buyer->profile());
    QVERIFY(!tabs->isTabVisible(index));
    QCOMPARE(window.currentPage(), MainWindow::Page::Orders);
}

QM_UI_TEST_MAIN(tst_ApprovalsView)
#include "tst_approvalsview.moc"
