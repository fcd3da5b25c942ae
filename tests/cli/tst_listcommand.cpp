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
const QString Viewer = QStringLiteral("viewer@bayside.example");

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
    void refusedChangeRetryAndDiscard();
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

    // The notice is dismissed once; a second time there is nothing to dismiss.
    const Run dismiss = qm(buyer, {QStringLiteral("list"), QStringLiteral("dismiss"), id});
    QVERIFY2(dismiss.exitCode == 0, qPrintable(dismiss.err));
    const Run dismissed = qm(buyer, {QStringLiteral("list"), QStringLiteral("ls")});
    QVERIFY2(dismissed.out.contains(QStringLiteral("Weekly yard")) &&
                 !dismissed.out.contains(QStringLiteral("not deleted")),
             qPrintable(dismissed.out));
    const Run again = qm(buyer, {QStringLiteral("list"), QStringLiteral("dismiss"), id});
    QCOMPARE(again.exitCode, 4);
    QCOMPARE(again.errLines(),
             QStringList{QStringLiteral("qm: 'Weekly yard' has no notice; nothing to dismiss")});
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

void tst_ListCommand::refusedChangeRetryAndDiscard()
{
    Home buyer;
    Home viewer;
    login(buyer, Buyer);
    login(viewer, Viewer);
    if (QTest::currentTestFailed())
        return;
    const auto listArgs = [](std::initializer_list<QString> words) {
        return QStringList{QStringLiteral("list")} + QStringList(words);
    };
    QCOMPARE(qm(buyer, listArgs({QStringLiteral("new"), QStringLiteral("Shared")})).exitCode, 0);
    QCOMPARE(qm(buyer, listArgs({QStringLiteral("add"), QStringLiteral("Shared"),
                                 QStringLiteral("HX-1"), QStringLiteral("4")}))
                 .exitCode,
             0);
    QCOMPARE(qm(buyer, listArgs({QStringLiteral("push")})).exitCode, 0);
    QVERIFY(qm(viewer, {QStringLiteral("sync")}).exitCode == 0);

    // A viewer may not change lists: the portal refuses the rename, and says why.
    QCOMPARE(qm(viewer, listArgs({QStringLiteral("rename"), QStringLiteral("Shared"),
                                  QStringLiteral("Mine")}))
                 .exitCode,
             0);
    QCOMPARE(qm(viewer, listArgs({QStringLiteral("new"), QStringLiteral("Draft")})).exitCode, 0);
    const Run push = qm(viewer, listArgs({QStringLiteral("push")}));
    QCOMPARE(push.exitCode, 7);
    const Run ls = qm(viewer, listArgs({QStringLiteral("ls")}));
    QVERIFY2(ls.out.contains(QStringLiteral("send failed: 403 forbidden: Your role does not"
                                            " include cart:write.")),
             qPrintable(ls.out));
    const Run show = qm(viewer, listArgs({QStringLiteral("show"), QStringLiteral("Mine")}));
    QVERIFY2(show.out.contains(QStringLiteral("403 forbidden")) &&
                 show.out.contains(QStringLiteral("qm list retry")),
             qPrintable(show.out));
    QJsonObject mine = json(qm(viewer, listArgs({QStringLiteral("show"), QStringLiteral("Mine"),
                                                 QStringLiteral("--json")})));
    QCOMPARE(mine.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QVERIFY2(mine.value(QStringLiteral("failure")).toString().startsWith(u"403 forbidden"),
             qPrintable(mine.value(QStringLiteral("failure")).toString()));
    const QString id = mine.value(QStringLiteral("id")).toString();

    // Try again: queued once more, refused once more.
    const Run retry = qm(viewer, listArgs({QStringLiteral("retry"), QStringLiteral("Mine")}));
    QVERIFY2(retry.exitCode == 0, qPrintable(retry.err));
    mine = json(qm(viewer, listArgs({QStringLiteral("show"), id, QStringLiteral("--json")})));
    QCOMPARE(mine.value(QStringLiteral("state")).toString(), QStringLiteral("waiting"));
    const Run retryAgain = qm(viewer, listArgs({QStringLiteral("retry"), id}));
    QCOMPARE(retryAgain.exitCode, 4);
    QCOMPARE(retryAgain.errLines(),
             QStringList{QStringLiteral("qm: the portal refused no change of 'Mine';"
                                        " nothing to retry")});
    QCOMPARE(qm(viewer, listArgs({QStringLiteral("push")})).exitCode, 7);

    // Discard: the list is the portal's version again; a list the portal never had goes.
    const Run discard = qm(viewer, listArgs({QStringLiteral("discard"), QStringLiteral("Mine")}));
    QVERIFY2(discard.exitCode == 0, qPrintable(discard.err));
    QVERIFY2(discard.out.contains(QStringLiteral("'Shared', version 1")), qPrintable(discard.out));
    mine = json(qm(viewer, listArgs({QStringLiteral("show"), id, QStringLiteral("--json")})));
    QCOMPARE(mine.value(QStringLiteral("name")).toString(), QStringLiteral("Shared"));
    QCOMPARE(mine.value(QStringLiteral("state")).toString(), QStringLiteral("synced"));
    QCOMPARE(mine.value(QStringLiteral("pending_changes")).toInt(), 0);
    QCOMPARE(mine.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(mine.value(QStringLiteral("failure")).type(), QJsonValue::Null);
    const QJsonArray lines = mine.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()[QStringLiteral("quantity")].toString(), QStringLiteral("4"));
    const Run discardAgain = qm(viewer, listArgs({QStringLiteral("discard"), id}));
    QCOMPARE(discardAgain.exitCode, 4);
    QCOMPARE(discardAgain.errLines(),
             QStringList{QStringLiteral("qm: the portal refused no change of 'Shared';"
                                        " nothing to discard")});

    QCOMPARE(qm(viewer, listArgs({QStringLiteral("discard"), QStringLiteral("Draft")})).exitCode,
             0);
    // Other tests' lists of the account are there too; Draft is gone, Shared stays.
    const QJsonArray left =
        json(qm(viewer, listArgs({QStringLiteral("ls"), QStringLiteral("--json")})))
            .value(QStringLiteral("lists"))
            .toArray();
    QStringList names;
    for (const QJsonValue &v : left) {
        names << v[QStringLiteral("name")].toString();
        QCOMPARE(v[QStringLiteral("state")].toString(), QStringLiteral("synced"));
    }
    QVERIFY2(names.contains(QStringLiteral("Shared")) && !names.contains(QStringLiteral("Draft")),
             qPrintable(names.join(u',')));
    // Nothing is left to send, and the portal still has the buyer's list.
    QCOMPARE(qm(viewer, listArgs({QStringLiteral("push")})).exitCode, 0);
    QVERIFY(qm(buyer, {QStringLiteral("sync")}).exitCode == 0);
    const QJsonObject shared =
        json(qm(buyer, listArgs({QStringLiteral("show"), id, QStringLiteral("--json")})));
    QCOMPARE(shared.value(QStringLiteral("name")).toString(), QStringLiteral("Shared"));
    QCOMPARE(shared.value(QStringLiteral("version")).toInt(), 1);
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
    QTest::newRow("retry without a list")
        << list({"retry"}) << 2
        << QStringLiteral("qm: list retry needs a LIST; see qm list --help");
    QTest::newRow("retry with nothing refused")
        << list({"retry", "Keep"}) << 4
        << QStringLiteral("qm: the portal refused no change of 'Keep'; nothing to retry");
    QTest::newRow("discard with nothing refused")
        << list({"discard", "Keep"}) << 4
        << QStringLiteral("qm: the portal refused no change of 'Keep'; nothing to discard");
    QTest::newRow("discard an unknown list")
        << list({"discard", "Nope"}) << 4
        << QStringLiteral("qm: no list named 'Nope'; see qm list ls");
    QTest::newRow("dismiss without a notice")
        << list({"dismiss", "Keep"}) << 4
        << QStringLiteral("qm: 'Keep' has no notice; nothing to dismiss");
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
