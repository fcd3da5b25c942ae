// Effective-dated prices from the real qm-portal: the demo's Bayside contract prices that
// were renegotiated to take effect next Monday are synced today; with the client's clock set
// before that day the old contract price applies, on and after it the new one. Checked
// through CartPricing (qm::clock fixed by the test) and through `qm product` with QM_TODAY,
// offline (the portal stopped).
#include "support/cachecheck.h"
#include "support/portalprocess.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/catalogquery.h"
#include "models/database.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;
using namespace qm::test;

namespace {

const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Password = QStringLiteral("demo");

// A product whose contract price changes on `from`: `before` applies the day before,
// `after` from that day on (both in the product's base unit, from quantity 1).
struct PriceChange
{
    QString sku;
    QString uom; // the product's base unit
    QDate from;
    Decimal before;
    Decimal after;
};

// Finds, in the portal's own prices feed, a product with a contract rule that starts after
// today and one that ends the day before it, both for the base unit at quantity 1.
std::optional<PriceChange> findPriceChange(const Reference &reference)
{
    const FeedPull &prices = reference.feeds.value(Feed::Prices);
    const FeedPull &products = reference.feeds.value(Feed::Products);
    const QDate today = QDate::currentDate();
    QString error;
    for (auto it = prices.entries.cbegin(); it != prices.entries.cend(); ++it) {
        const auto terms =
            ProductPrices::fromJson(QJsonDocument::fromJson(it.value()).object(), &error);
        const auto product = Product::fromJson(
            QJsonDocument::fromJson(products.entries.value(it.key())).object(), &error);
        if (!terms || !product || product->minOrderQty > 1)
            continue;
        std::optional<PriceRule> future;
        for (const PriceRule &r : terms->rules) {
            if (r.kind == PriceRule::Kind::Contract && r.validFrom > today && r.minQty == 1 &&
                r.uom == product->baseUom)
                future = r;
        }
        if (!future)
            continue;
        for (const PriceRule &r : terms->rules) {
            if (r.kind == PriceRule::Kind::Contract && r.validTo == future->validFrom.addDays(-1) &&
                r.minQty == 1 && r.uom == product->baseUom && r.unitPrice != future->unitPrice)
                return PriceChange{it.key(), product->baseUom, future->validFrom, r.unitPrice,
                                   future->unitPrice};
        }
    }
    return std::nullopt;
}

} // namespace

class tst_EffectiveDates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void clockOverride();
    void priceChangesOnItsDay();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Run qm(const QStringList &args, const QString &today = {}, const QByteArray &input = {});

    QString m_qmBin;
    QTemporaryDir m_home;
};

void tst_EffectiveDates::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QVERIFY(m_home.isValid());
}

void tst_EffectiveDates::cleanup()
{
    clock::setFixedForTesting({});
}

tst_EffectiveDates::Run tst_EffectiveDates::qm(const QStringList &args, const QString &today,
                                               const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    env.remove(QStringLiteral("QM_TODAY"));
    if (!today.isNull())
        env.insert(QStringLiteral("QM_TODAY"), today);
    process.setProcessEnvironment(env);
    process.start(m_qmBin, args);
    process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(120000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_EffectiveDates::clockOverride()
{
    const QDate real = QDate::currentDate();
    QCOMPARE(clock::today(), real);
    clock::setFixedForTesting(QDate(2031, 2, 28));
    QCOMPARE(clock::today(), QDate(2031, 2, 28));
    QCOMPARE(clock::now().date(), QDate(2031, 2, 28));
    QVERIFY(clock::now().timeSpec() == Qt::UTC);
    clock::setFixedForTesting({});
    QVERIFY(clock::today() >= real);

    QCOMPARE(clock::parseDay(QStringLiteral("2030-01-31")), QDate(2030, 1, 31));
    for (const char *bad :
         {"2030-02-30", "2030-1-31", "31.01.2030", "2030-01-31T00:00", "today", " 2030-01-31x"})
        QVERIFY2(!clock::parseDay(QString::fromLatin1(bad)).isValid(), bad);

    // A bad QM_TODAY stops qm with a usage error that names the variable.
    const Run bad = qm({QStringLiteral("--version")}, QStringLiteral("2030-13-01"));
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QLatin1String("QM_TODAY")), qPrintable(bad.err));
    QVERIFY2(bad.err.contains(QLatin1String("2030-13-01")), qPrintable(bad.err));
}

void tst_EffectiveDates::priceChangesOnItsDay()
{
    PortalProcess portal;
    QString error;
    QVERIFY2(portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("1500")},
                 &error),
             qPrintable(error));
    const Reference reference(portal.url(), Buyer);
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const auto change = findPriceChange(reference);
    QVERIFY2(change, "the demo has no Bayside contract price that changes on a later day");
    qInfo("%s: %s until %s, %s from then on", qPrintable(change->sku),
          qPrintable(change->before.toString()),
          qPrintable(change->from.addDays(-1).toString(Qt::ISODate)),
          qPrintable(change->after.toString()));

    // Synced today, through the CLI.
    const QString profile = m_home.filePath(QStringLiteral("profile"));
    const Run login = qm({QStringLiteral("--profile"), profile, QStringLiteral("login"),
                          QStringLiteral("--portal"), portal.url().toString(),
                          QStringLiteral("--user"), Buyer, QStringLiteral("--password-stdin")},
                         {}, Password.toUtf8() + '\n');
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    const Run sync = qm({QStringLiteral("--profile"), profile, QStringLiteral("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const QString cachePath = QDir(profile).filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(compareCache(cachePath, reference), QString());
    QCOMPARE(portal.stop(), 0); // from here on, offline

    // CartPricing takes its day from the clock when it is made.
    {
        const auto db = Database::open(cachePath, &error);
        QVERIFY2(db, qPrintable(error));
        CartStore carts(*db);
        const auto cart = carts.createCart(QStringLiteral("Dated"), &error);
        QVERIFY2(cart, qPrintable(error));
        NewLine line;
        line.code = change->sku;
        line.sku = change->sku;
        line.uom = change->uom;
        line.quantity = 1;
        QVERIFY2(carts.addLine(cart->id, line, &error), qPrintable(error));

        const struct
        {
            QDate day;
            Decimal price;
        } days[] = {
            {change->from.addDays(-1), change->before},
            {change->from, change->after},
            {change->from.addDays(30), change->after},
        };
        for (const auto &d : days) {
            clock::setFixedForTesting(d.day);
            CartPricing pricing(*db);
            QCOMPARE(pricing.day(), d.day);
            QVERIFY2(pricing.load(cart->id, &error), qPrintable(error));
            QCOMPARE(pricing.lines().size(), 1);
            const pricing::PricedLine &priced = pricing.lines().first().priced;
            QVERIFY2(priced.unitPrice == d.price,
                     qPrintable(QStringLiteral("%1: %2 on %3, expected %4")
                                    .arg(change->sku, priced.unitPrice.toString(),
                                         d.day.toString(Qt::ISODate), d.price.toString())));
        }
        clock::setFixedForTesting({});
    }

    // `qm product` with QM_TODAY, the portal stopped.
    const struct
    {
        QDate day;
        Decimal price;
    } days[] = {
        {change->from.addDays(-1), change->before},
        {change->from, change->after},
    };
    for (const auto &d : days) {
        const Run shown = qm({QStringLiteral("--profile"), profile, QStringLiteral("product"),
                              change->sku, QStringLiteral("--json")},
                             d.day.toString(Qt::ISODate));
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        const QJsonObject prices =
            QJsonDocument::fromJson(shown.out).object().value(QStringLiteral("prices")).toObject();
        QCOMPARE(prices.value(QStringLiteral("price_date")).toString(),
                 d.day.toString(Qt::ISODate));
        const auto shownPrice =
            Decimal::parse(prices.value(QStringLiteral("your_price")).toString());
        QVERIFY2(shownPrice && *shownPrice == d.price,
                 qPrintable(QStringLiteral("qm shows %1 on %2, expected %3")
                                .arg(prices.value(QStringLiteral("your_price")).toString(),
                                     d.day.toString(Qt::ISODate), d.price.toString())));
    }
}

QTEST_GUILESS_MAIN(tst_EffectiveDates)
#include "tst_effectivedates.moc"
