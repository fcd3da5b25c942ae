// qm list: saved lists on the command line, run as a real process against a real qm-portal.
#include "support/portalprocess.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Password = QStringLiteral("demo");
const QString Buyer = QStringLiteral("buyer@bayside.example");
const QString Approver = QStringLiteral("approver@bayside.example");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

// One user's scratch home: the profile, the settings and the data directory.
struct Home
{
    QTemporaryDir dir;
    QString profile() const { return dir.filePath(QStringLiteral("profile")); }
};

QJsonObject json(const Run &run)
{
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    if (!doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(run.out.left(400)));
    return doc.object();
}

} // namespace

class tst_ListCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void editOfflineThenSync();
    void toCartReportsWhatNeedsAttention();
    void errors_data();
    void errors();

private:
    Run qm(const Home &home, const QStringList &args, const QByteArray &input = {}) const;
    void login(const Home &home, const QString &user);

    QString m_qmBin;
    qm::test::PortalProcess m_portal;
};

void tst_ListCommand::initTestCase()
{
    m_qmBin = qEnvironmentVariable("QM_CLI_BIN");
    QVERIFY2(QFileInfo::exists(m_qmBin), "QM_CLI_BIN must name the qm binary");
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("300")},
                 &error),
             qPrintable(error));
}

void tst_ListCommand::cleanupTestCase()
{
    m_portal.stop();
}

Run tst_ListCommand::qm(const Home &home, const QStringList &args, const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.dir.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    process.setProcessEnvironment(env);
    process.start(m_qmBin, QStringList{QStringLiteral("--profile"), home.profile()} + args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(240000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_ListCommand::login(const Home &home, const QString &user)
{
    const Run run =
        qm(home,
           {QStringLiteral("login"), QStringLiteral("--portal"), m_portal.url().toString(),
            QStringLiteral("--user"), user, QStringLiteral("--password-stdin")},
           Password.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void tst_ListCommand::editOfflineThenSync()
{
    Home buyer;
    Home approver;
    login(buyer, Buyer);
    login(approver, Approver);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("new"), QStringLiteral("Weekly"),
                        QStringLiteral("site")})
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("add"),
                        QStringLiteral("weekly site"), QStringLiteral("HX-M8-40"),
                        QStringLiteral("2.5"), QStringLiteral("--unit"), QStringLiteral("bx")})
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("add"),
                        QStringLiteral("Weekly site"), QStringLiteral("HX-M8-40"),
                        QStringLiteral("0.5"), QStringLiteral("--unit"), QStringLiteral("BX")})
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("add"),
                        QStringLiteral("Weekly site"), QStringLiteral("GONE-1")})
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("remove"),
                        QStringLiteral("Weekly site"), QStringLiteral("gone-1")})
                 .exitCode,
             0);

    Run ls = qm(buyer, {QStringLiteral("list"), QStringLiteral("ls"), QStringLiteral("--json")});
    QCOMPARE(ls.exitCode, 0);
    QJsonArray lists = json(ls).value(QStringLiteral("lists")).toArray();
    QCOMPARE(lists.size(), 1);
    QJsonObject list = lists.first().toObject();
    QCOMPARE(list.value(QStringLiteral("state")).toString(), QStringLiteral("waiting"));
    QCOMPARE(list.value(QStringLiteral("version")).toInt(), 0);
    const QString id = list.value(QStringLiteral("id")).toString();

    // qm list push sends it; qm sync on the other profile brings it.
    const Run push = qm(buyer, {QStringLiteral("list"), QStringLiteral("push")});
    QVERIFY2(push.exitCode == 0, qPrintable(push.err));
    QVERIFY2(push.out.contains(QStringLiteral("1 accepted")), qPrintable(push.out));
    const Run sync = qm(approver, {QStringLiteral("sync")});
    QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    const Run show = qm(
        approver, {QStringLiteral("list"), QStringLiteral("show"), id, QStringLiteral("--json")});
    QCOMPARE(show.exitCode, 0);
    list = json(show);
    QCOMPARE(list.value(QStringLiteral("name")).toString(), QStringLiteral("Weekly site"));
    QCOMPARE(list.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(list.value(QStringLiteral("state")).toString(), QStringLiteral("synced"));
    const QJsonArray lines = list.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()[QStringLiteral("sku")].toString(), QStringLiteral("HX-M8-40"));
    QCOMPARE(lines.first()[QStringLiteral("quantity")].toString(), QStringLiteral("3"));
    QCOMPARE(lines.first()[QStringLiteral("unit")].toString(), QStringLiteral("BX"));
    QCOMPARE(lines.first()[QStringLiteral("in_assortment")].toBool(), false);

    // Rename on one side, delete on the other: the delete meets a newer version and is not
    // applied.
    QCOMPARE(qm(approver, {QStringLiteral("list"), QStringLiteral("rename"), id,
                           QStringLiteral("Weekly"), QStringLiteral("yard")})
                 .exitCode,
             0);
    QVERIFY(qm(buyer, {QStringLiteral("sync")}).exitCode == 0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("delete"), id}).exitCode, 0);
    QVERIFY(qm(approver, {QStringLiteral("sync")}).exitCode == 0);
    const Run conflicted = qm(buyer, {QStringLiteral("sync"), QStringLiteral("--json")});
    QVERIFY2(conflicted.exitCode == 0, qPrintable(conflicted.err));
    QCOMPARE(json(conflicted)
                 .value(QStringLiteral("lists_sent"))
                 .toObject()
                 .value(QStringLiteral("conflicts"))
                 .toInt(),
             1);
    const Run after = qm(buyer, {QStringLiteral("list"), QStringLiteral("ls")});
    QVERIFY2(after.out.contains(QStringLiteral("Weekly yard")) &&
                 after.out.contains(QStringLiteral("not deleted")),
             qPrintable(after.out));
}

void tst_ListCommand::toCartReportsWhatNeedsAttention()
{
    Home buyer;
    login(buyer, Buyer);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(qm(buyer, {QStringLiteral("sync")}).exitCode == 0);
    // A product the account can order, from the cache.
    const Run search =
        qm(buyer, {QStringLiteral("search"), QStringLiteral("bolt"), QStringLiteral("--limit"),
                   QStringLiteral("1"), QStringLiteral("--json")});
    QCOMPARE(search.exitCode, 0);
    const QJsonArray found = json(search).value(QStringLiteral("results")).toArray();
    QVERIFY2(!found.isEmpty(), qPrintable(search.out));
    const QString sku = found.first()[QStringLiteral("sku")].toString();

    QCOMPARE(
        qm(buyer, {QStringLiteral("list"), QStringLiteral("new"), QStringLiteral("Bay")}).exitCode,
        0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("Bay"), sku,
                        QStringLiteral("3")})
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("Bay"),
                        QStringLiteral("NO-SUCH-SKU"), QStringLiteral("1")})
                 .exitCode,
             0);
    const Run toCart = qm(buyer, {QStringLiteral("list"), QStringLiteral("to-cart"),
                                  QStringLiteral("Bay"), QStringLiteral("--json")});
    QCOMPARE(toCart.exitCode, 7);
    const QJsonObject result = json(toCart);
    QCOMPARE(
        result.value(QStringLiteral("summary")).toObject().value(QStringLiteral("unknown")).toInt(),
        1);
    const Run cart =
        qm(buyer, {QStringLiteral("cart"), QStringLiteral("show"), QStringLiteral("--json")});
    QCOMPARE(cart.exitCode, 0);
    const QJsonArray cartLines = json(cart).value(QStringLiteral("lines")).toArray();
    QCOMPARE(cartLines.size(), 1);
    QCOMPARE(cartLines.first()[QStringLiteral("sku")].toString(), sku);
    const Run unresolved =
        qm(buyer, {QStringLiteral("cart"), QStringLiteral("unresolved"), QStringLiteral("--json")});
    QCOMPARE(json(unresolved).value(QStringLiteral("codes")).toArray().size(), 1);
}

void tst_ListCommand::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const auto list = [](std::initializer_list<const char *> words) {
        QStringList out{QStringLiteral("list")};
        for (const char *w : words)
            out << QString::fromUtf8(w);
        return out;
    };
    QTest::newRow("unknown action") << list({"frobnicate"}) << 2
                                    << QStringLiteral("qm: unknown list action 'frobnicate';"
                                                      " see qm list --help");
    QTest::newRow("unknown list") << list({"show", "Nope"}) << 4
                                  << QStringLiteral("qm: no list named 'Nope'; see qm list ls");
    QTest::newRow("ambiguous name") << list({"show", "Twin"}) << 2 << QString();
    QTest::newRow("new without name")
        << list({"new"}) << 2 << QStringLiteral("qm: list new needs a NAME; see qm list --help");
    QTest::newRow("zero quantity") << list({"add", "Keep", "HX-1", "0"}) << 2 << QString();
    QTest::newRow("five decimals") << list({"add", "Keep", "HX-1", "1.00001"}) << 2 << QString();
    QTest::newRow("not a number") << list({"add", "Keep", "HX-1", "two"}) << 2 << QString();
    QTest::newRow("remove a missing sku") << list({"remove", "Keep", "NOPE"}) << 4 << QString();
    QTest::newRow("name too long") << QStringList{QStringLiteral("list"), QStringLiteral("rename"),
                                                  QStringLiteral("Keep"), QString(121, u'n')}
                                   << 1 << QString();
}

void tst_ListCommand::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    Home home;
    login(home, Buyer);
    if (QTest::currentTestFailed())
        return;
    for (const char *name : {"Keep", "Twin", "Twin"})
        QCOMPARE(
            qm(home, {QStringLiteral("list"), QStringLiteral("new"), QString::fromLatin1(name)})
                .exitCode,
            0);
    QCOMPARE(qm(home, {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("Keep"),
                       QStringLiteral("HX-1"), QStringLiteral("2")})
                 .exitCode,
             0);
    const Run before =
        qm(home, {QStringLiteral("list"), QStringLiteral("ls"), QStringLiteral("--json")});

    const Run run = qm(home, args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.startsWith(QLatin1String("qm: ")), qPrintable(run.err));
    if (!message.isEmpty())
        QCOMPARE(run.errLines().constFirst(), message);
    // Nothing changed.
    const Run after =
        qm(home, {QStringLiteral("list"), QStringLiteral("ls"), QStringLiteral("--json")});
    QCOMPARE(after.out, before.out);
}

QTEST_GUILESS_MAIN(tst_ListCommand)
#include "tst_listcommand.moc"
