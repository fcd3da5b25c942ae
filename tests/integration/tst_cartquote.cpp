// A cart built and priced offline from a synced cache costs what the portal quotes: the
// real qm-portal (SQLite or PostgreSQL, see QM_TEST_BACKEND) is synced into a cache with
// SyncEngine, a cart is filled through the quick-order pipeline from the cache's own codes
// (SKUs and GTINs), priced with CartPricing, and compared line by line and in total with
// POST /api/v1/pricing/quote for the same lines and day.
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/quickorderimport.h"
#include "sync/apiclient.h"
#include "sync/session.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QString User = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");
constexpr int Entries = 600;

QString describe(const SyncResult &r)
{
    if (r.error)
        return r.error->toLogString();
    return r.storageError;
}

} // namespace

class tst_CartQuote final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offlineCartEqualsQuote();

private:
    PortalProcess m_portal;
    QTemporaryDir m_dir;
};

void tst_CartQuote::initTestCase()
{
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("800")},
                 &error),
             qPrintable(error));
}

void tst_CartQuote::cleanupTestCase()
{
    m_portal.stop();
}

void tst_CartQuote::offlineCartEqualsQuote()
{
    // Sync the account's catalog into a cache, as the desktop app does.
    ApiClient api(m_portal.url());
    ApiJob *job = api.signIn(User, Password);
    QSignalSpy signedIn(job, &ApiJob::finished);
    QVERIFY(signedIn.wait(60000));
    QVERIFY2(!job->error(), job->error() ? qPrintable(job->error()->toLogString()) : "");
    SyncEngine::Options options;
    options.portal = m_portal.url();
    options.cachePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
    SyncEngine engine(options);
    engine.setTokens(api.tokens());
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    QVERIFY(finished.wait(600000));
    const SyncResult result = finished.first().first().value<SyncResult>();
    QVERIFY2(result.ok, qPrintable(describe(result)));

    QString error;
    const auto db = Database::open(options.cachePath, &error);
    QVERIFY2(db, qPrintable(error));

    // Codes the way users enter them: SKUs in any case, GTINs of any pack, with quantities
    // that exercise the minimums, multiples and tiers.
    QStringList codes;
    QList<QStringList> packs; // per SKU: its GTINs
    QSqlQuery q(db->connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT p.sku, k.gtin FROM products p"
                              " JOIN packs k ON k.product_id = p.id ORDER BY p.sku, k.position")));
    while (q.next()) {
        if (codes.isEmpty() || codes.constLast() != q.value(0).toString()) {
            codes << q.value(0).toString();
            packs << QStringList();
        }
        if (!q.value(1).toString().isEmpty())
            packs.last() << q.value(1).toString();
    }
    QVERIFY(codes.size() > 100);
    const quint64 seed = quint64(QDateTime::currentMSecsSinceEpoch());
    qInfo("seed %llu", seed);
    QRandomGenerator64 random(seed);
    QList<QuickOrderEntry> entries;
    for (int i = 0; i < Entries; ++i) {
        const int p = int(random.bounded(quint64(codes.size())));
        QuickOrderEntry e;
        e.line = i + 1;
        e.code = random.bounded(3) == 0 && !packs.at(p).isEmpty()
                     ? packs.at(p).at(int(random.bounded(quint64(packs.at(p).size()))))
                     : (i % 2 ? codes.at(p).toLower() : codes.at(p));
        const qint64 quantity = qint64(1 + random.bounded(quint64(i % 5 == 0 ? 2000 : 40)));
        e.quantity = quantity;
        e.quantityText = QString::number(quantity);
        e.source = LineSource::Pasted;
        entries << e;
    }
    CartStore store(*db);
    const auto cart = store.createCart(QStringLiteral("Parity"), &error);
    QVERIFY(cart);
    QuickOrderImport quickOrder(*db, cart->id);
    QVERIFY2(quickOrder.preview(entries, &error), qPrintable(error));
    QCOMPARE(quickOrder.summary().unknown, 0);
    QVERIFY2(quickOrder.apply(&error), qPrintable(error));

    HttpClient client(m_portal.url());
    const QString token = client.accessToken(User, Password);
    QVERIFY(!token.isEmpty());
    CartPricing pricing(*db);
    QVERIFY2(pricing.load(cart->id, &error), qPrintable(error));
    QVERIFY(pricing.lines().size() > 100);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    int compared = 0;
    for (const int offset : {0, 30}) {
        const QDate day = today.addDays(offset);
        pricing.setDay(day);
        pricing.reprice();
        QJsonArray lines;
        for (const PricedCartLine &l : pricing.lines())
            lines.append(QJsonObject{{QStringLiteral("sku"), l.line.sku},
                                     {QStringLiteral("uom"), l.line.uom},
                                     {QStringLiteral("quantity"), l.line.quantity}});
        const HttpResponse r = client.post(
            QStringLiteral("/api/v1/pricing/quote"),
            QJsonDocument(QJsonObject{{QStringLiteral("date"), day.toString(Qt::ISODate)},
                                      {QStringLiteral("lines"), lines}})
                .toJson(QJsonDocument::Compact),
            "application/json", token);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject quote = r.json();
        const QJsonArray quoted = quote.value(u"lines").toArray();
        QCOMPARE(quoted.size(), pricing.lines().size());
        for (qsizetype i = 0; i < quoted.size(); ++i) {
            const PricedCartLine &mine = pricing.lines().at(i);
            const QJsonObject theirs = quoted.at(i).toObject();
            const QString where = QStringLiteral("seed %1, %2, line %3 (%4 %5 x %6)")
                                      .arg(seed)
                                      .arg(day.toString(Qt::ISODate))
                                      .arg(i)
                                      .arg(mine.line.sku, mine.line.uom)
                                      .arg(mine.line.quantity);
            QVERIFY2(mine.knownProduct, qPrintable(where));
            QCOMPARE(theirs.value(u"problem").toString(QStringLiteral("none")),
                     pricing::problemName(mine.priced.problem));
            QVERIFY2(theirs.value(u"quantity").toInteger() == mine.priced.quantity,
                     qPrintable(where));
            QVERIFY2(Decimal::parse(theirs.value(u"unit_price").toString()) ==
                         std::optional<Decimal>(mine.priced.unitPrice),
                     qPrintable(where));
            QVERIFY2(Decimal::parse(theirs.value(u"line_total").toString()) ==
                         std::optional<Decimal>(mine.priced.lineTotal),
                     qPrintable(where));
            ++compared;
        }
        const pricing::CartTotals totals = pricing.totals();
        QCOMPARE(quote.value(u"currency").toString(), pricing.currency());
        QCOMPARE(Decimal::parse(quote.value(u"subtotal").toString()),
                 std::optional<Decimal>(totals.subtotal));
        QCOMPARE(Decimal::parse(quote.value(u"savings").toString()),
                 std::optional<Decimal>(totals.savings));
        QVERIFY(totals.pricedLines > 0);
    }
    qInfo("%d cart lines compared with the portal's quote", compared);
}

QTEST_GUILESS_MAIN(tst_CartQuote)
#include "tst_cartquote.moc"
