// `qm order submit --offline` killed with SIGKILL right after it printed "queued": the order
// must be in the outbox every time, and the cache intact.
#include "core/catalog.h"
#include "core/decimal.h"
#include "core/feeds.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "models/profile.h"
#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString q(const char *s)
{
    return QString::fromLatin1(s);
}

} // namespace

class tst_OrderSubmitKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killRightAfterQueued();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    QProcessEnvironment environment() const;
    Run qm(const QStringList &args, const QByteArray &input = {}) const;
    // A product and a quantity the portal prices as they are.
    bool findProduct(QString *sku, qint64 *quantity);

    QString m_qmBin;
    QTemporaryDir m_home;
    qm::test::PortalProcess m_portal;
};

void tst_OrderSubmitKill::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start({q("--demo"), q("--products"), q("200")}, &error), qPrintable(error));
    const Run login = qm({q("login"), q("--portal"), m_portal.url().toString(), q("--user"),
                          q("buyer@bayside.example"), q("--password-stdin")},
                         "demo\n");
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    const Run sync = qm({q("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
}

void tst_OrderSubmitKill::cleanupTestCase()
{
    m_portal.stop();
}

QProcessEnvironment tst_OrderSubmitKill::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(q("XDG_CONFIG_HOME"), m_home.filePath(q("config")));
    env.insert(q("XDG_DATA_HOME"), m_home.filePath(q("data")));
    env.remove(q("QT_LOGGING_RULES"));
    return env;
}

tst_OrderSubmitKill::Run tst_OrderSubmitKill::qm(const QStringList &args,
                                                 const QByteArray &input) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_qmBin, QStringList{q("--profile"), m_home.filePath(q("profile"))} + args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

bool tst_OrderSubmitKill::findProduct(QString *sku, qint64 *quantity)
{
    using namespace qm;
    test::HttpClient http(m_portal.url());
    const QString token = http.accessToken(q("buyer@bayside.example"));
    const test::FeedPull products = test::pullFeed(http, token, Feed::Products, 1000);
    if (!products.converged())
        return false;
    QJsonArray lines;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO"))
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        lines.append(QJsonObject{
            {q("sku"), it.key()},
            {q("quantity"), qMax(step, (product->minOrderQty + step - 1) / step * step)}});
    }
    const auto r = http.post(q("/api/v1/pricing/quote"),
                             QJsonDocument(QJsonObject{{q("lines"), lines}}).toJson(),
                             "application/json", token);
    const QJsonArray answer = r.json().value(u"lines").toArray();
    for (qsizetype i = 0; i < answer.size() && i < lines.size(); ++i) {
        const QJsonObject line = answer.at(i).toObject();
        if (line.contains(u"problem") ||
            line.value(u"quantity").toInteger() != lines.at(i)[q("quantity")].toInteger())
            continue;
        *sku = lines.at(i)[q("sku")].toString();
        *quantity = lines.at(i)[q("quantity")].toInteger();
        return true;
    }
    return false;
}

void tst_OrderSubmitKill::killRightAfterQueued()
{
    QString sku;
    qint64 quantity = 0;
    QVERIFY(findProduct(&sku, &quantity));
    bool ok = false;
    int runs = qEnvironmentVariableIntValue("QM_SUBMIT_KILL_RUNS", &ok);
    if (!ok || runs < 1)
        runs = 20;

    static const QRegularExpression queuedLine(QStringLiteral("^queued ([0-9a-f-]{36})\\n"),
                                               QRegularExpression::MultilineOption);
    const QString cachePath = qm::profiles::cachePath(m_home.filePath(q("profile")));
    QStringList queued;
    int killed = 0;
    qint64 found = 0;
    QElapsedTimer timer;
    timer.start();
    for (int run = 1; run <= runs; ++run) {
        const QString cart = q("Kill %1").arg(run);
        QVERIFY(qm({q("cart"), q("new"), cart}).exitCode == 0);
        const Run add = qm({q("cart"), q("add"), sku, QString::number(quantity)});
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));

        QProcess submit;
        submit.setProcessEnvironment(environment());
        submit.start(m_qmBin, {q("--profile"), m_home.filePath(q("profile")), q("order"),
                               q("submit"), q("--offline"), q("--ship-to"), q("HQ")});
        QVERIFY(submit.waitForStarted());
        QByteArray out;
        QString id;
        // Kill as soon as the line is there: nothing the process does after printing it may
        // be needed for the order to survive.
        while (id.isEmpty() && submit.state() != QProcess::NotRunning) {
            submit.waitForReadyRead(100);
            out += submit.readAllStandardOutput();
            id = queuedLine.match(QString::fromUtf8(out)).captured(1);
        }
        if (id.isEmpty()) {
            out += submit.readAllStandardOutput();
            id = queuedLine.match(QString::fromUtf8(out)).captured(1);
        }
        if (submit.state() != QProcess::NotRunning) {
            submit.kill();
            ++killed;
        }
        QVERIFY(submit.waitForFinished(30000));
        QVERIFY2(!id.isEmpty(), qPrintable(QString::fromUtf8(out + submit.readAllStandardError())));
        queued << id;

        QString error;
        const auto db = qm::Database::open(cachePath, &error);
        QVERIFY2(db, qPrintable(error));
        {
            QSqlQuery check(db->connection());
            QVERIFY(check.exec(q("PRAGMA integrity_check")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), q("ok"));
        }
        const qm::OrderStore store(*db);
        const auto order = store.outboxOrder(id);
        QVERIFY2(order, qPrintable(q("run %1: order %2 is not in the outbox").arg(run).arg(id)));
        QCOMPARE(order->state, qm::OutboxState::Queued);
        QCOMPARE(order->submission.shipTo, q("HQ"));
        QCOMPARE(order->submission.lines.size(), 1);
        QCOMPARE(order->submission.lines.first().sku, sku);
        QCOMPARE(order->submission.lines.first().quantity, quantity);
        QStringList inOutbox;
        for (const qm::OutboxOrder &o : store.outbox(true))
            inOutbox << o.clientOrderId;
        found = inOutbox.size();
        QCOMPARE(inOutbox.size(), queued.size());
        for (const QString &expected : std::as_const(queued))
            QVERIFY(inOutbox.contains(expected));
    }
    qInfo("%d runs, %d killed after \"queued\" (the others had already exited), %lld \"queued\""
          " lines, %lld orders found in the outbox, %lld ms",
          runs, killed, qint64(queued.size()), found, qint64(timer.elapsed()));
}

QTEST_GUILESS_MAIN(tst_OrderSubmitKill)
#include "tst_ordersubmitkill.moc"
