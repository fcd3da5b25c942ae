#include "sync/credentialstore.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdio>

using namespace qm;

// Runs against the Secret Service of a private, unlocked gnome-keyring: main() re-runs
// this executable inside `dbus-run-session` with a keyring daemon and a keyring directory
// of its own, so the user's real keychain is never touched.

namespace {

const char ChildModeVariable[] = "QM_CREDENTIAL_CHILD";
const char InSessionVariable[] = "QM_KEYRING_SESSION";

QString statusName(CredentialStore::Status s)
{
    switch (s) {
    case CredentialStore::Status::Ok:
        return QStringLiteral("Ok");
    case CredentialStore::Status::NotFound:
        return QStringLiteral("NotFound");
    case CredentialStore::Status::Unavailable:
        return QStringLiteral("Unavailable");
    }
    return {};
}

Tokens sampleTokens(const char *suffix)
{
    Tokens t;
    t.accessToken = QStringLiteral("access-") + QString::fromLatin1(suffix);
    t.refreshToken = QStringLiteral("refresh-") + QString::fromLatin1(suffix);
    t.accessExpiresAt = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    return t;
}

// Synchronous wrappers for the tests.
struct Result
{
    bool done = false;
    CredentialStore::Status status = CredentialStore::Status::Unavailable;
    Tokens tokens;
};

Result readSync(CredentialStore &store, const QString &key)
{
    Result r;
    store.read(key, [&r](CredentialStore::Status s, const Tokens &t) {
        r.done = true;
        r.status = s;
        r.tokens = t;
    });
    if (!QTest::qWaitFor([&r] { return r.done; }, 30000))
        qWarning("the keychain did not answer");
    return r;
}

Result writeSync(CredentialStore &store, const QString &key, const Tokens &tokens)
{
    Result r;
    store.write(key, tokens, [&r](CredentialStore::Status s) {
        r.done = true;
        r.status = s;
    });
    if (!QTest::qWaitFor([&r] { return r.done; }, 30000))
        qWarning("the keychain did not answer");
    return r;
}

Result removeSync(CredentialStore &store, const QString &key)
{
    Result r;
    store.remove(key, [&r](CredentialStore::Status s) {
        r.done = true;
        r.status = s;
    });
    if (!QTest::qWaitFor([&r] { return r.done; }, 30000))
        qWarning("the keychain did not answer");
    return r;
}

QString uniqueService()
{
    return QStringLiteral("Quartermaster-test-%1").arg(QCoreApplication::applicationPid());
}

// Child mode: one write and one read, the statuses on stdout.
int runChild()
{
    CredentialStore store(uniqueService());
    const QString key = CredentialStore::keyFor(QUrl(QStringLiteral("https://portal.example.com")),
                                                QStringLiteral("child"));
    const Result read = readSync(store, key);
    const Result written = writeSync(store, key, sampleTokens("child"));
    std::printf("read=%s write=%s\n", qPrintable(statusName(read.status)),
                qPrintable(statusName(written.status)));
    return read.done && written.done ? 0 : 2;
}

// Runs this executable in child mode with `environment` changes, optionally through
// `wrapper` (e.g. dbus-run-session), and returns what it printed.
QString runChildProcess(const QStringList &wrapper, const QProcessEnvironment &environment)
{
    QProcess p;
    p.setProcessEnvironment(environment);
    QStringList args = wrapper;
    args << QCoreApplication::applicationFilePath();
    const QString program = args.takeFirst();
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return QStringLiteral("timed out");
    // Only the child's own line: a keyring daemon started on demand prints too.
    const QStringList lines = QString::fromLocal8Bit(p.readAllStandardOutput()).split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u"read="))
            return line.trimmed();
    }
    return QStringLiteral("no answer: ") + lines.join(u'|');
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(ChildModeVariable), QStringLiteral("1"));
    return env;
}

} // namespace

class tst_CredentialStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyFor_data();
    void keyFor();
    void writeReadRemove();
    void overwriteKeepsTheLatest();
    void entriesAreSeparatePerKey();
    void noSessionBusMeansUnavailable();
    void secretServiceWithoutKeyringMeansUnavailable();
};

void tst_CredentialStore::keyFor_data()
{
    QTest::addColumn<QString>("portal");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("https://portal.example.com")
                           << QStringLiteral("buyer")
                           << QStringLiteral("https://portal.example.com#buyer");
    QTest::newRow("trailing slash")
        << QStringLiteral("https://portal.example.com/") << QStringLiteral("buyer")
        << QStringLiteral("https://portal.example.com#buyer");
    QTest::newRow("port and path")
        << QStringLiteral("http://127.0.0.1:8710/portal/") << QStringLiteral("a@b")
        << QStringLiteral("http://127.0.0.1:8710/portal#a@b");
    QTest::newRow("user info dropped")
        << QStringLiteral("https://me:secret@portal.example.com") << QStringLiteral("x")
        << QStringLiteral("https://portal.example.com#x");
}

void tst_CredentialStore::keyFor()
{
    QFETCH(QString, portal);
    QFETCH(QString, user);
    QFETCH(QString, expected);
    QCOMPARE(CredentialStore::keyFor(QUrl(portal), user), expected);
}

void tst_CredentialStore::writeReadRemove()
{
    CredentialStore store(uniqueService());
    const QString key = CredentialStore::keyFor(QUrl(QStringLiteral("https://portal.example.com")),
                                                QStringLiteral("buyer"));
    QCOMPARE(readSync(store, key).status, CredentialStore::Status::NotFound);
    const Tokens tokens = sampleTokens("1");
    QCOMPARE(writeSync(store, key, tokens).status, CredentialStore::Status::Ok);
    const Result read = readSync(store, key);
    QCOMPARE(read.status, CredentialStore::Status::Ok);
    QCOMPARE(read.tokens.accessToken, tokens.accessToken);
    QCOMPARE(read.tokens.refreshToken, tokens.refreshToken);
    QCOMPARE(read.tokens.accessExpiresAt, tokens.accessExpiresAt);
    QCOMPARE(removeSync(store, key).status, CredentialStore::Status::Ok);
    QCOMPARE(readSync(store, key).status, CredentialStore::Status::NotFound);
}

void tst_CredentialStore::overwriteKeepsTheLatest()
{
    CredentialStore store(uniqueService());
    const QString key = QStringLiteral("https://portal.example.com#rotating");
    QCOMPARE(writeSync(store, key, sampleTokens("old")).status, CredentialStore::Status::Ok);
    QCOMPARE(writeSync(store, key, sampleTokens("new")).status, CredentialStore::Status::Ok);
    QCOMPARE(readSync(store, key).tokens.refreshToken, QStringLiteral("refresh-new"));
    QCOMPARE(removeSync(store, key).status, CredentialStore::Status::Ok);
}

void tst_CredentialStore::entriesAreSeparatePerKey()
{
    CredentialStore store(uniqueService());
    const QUrl portal(QStringLiteral("https://portal.example.com"));
    const QString a = CredentialStore::keyFor(portal, QStringLiteral("alice"));
    const QString b = CredentialStore::keyFor(portal, QStringLiteral("bob"));
    QCOMPARE(writeSync(store, a, sampleTokens("alice")).status, CredentialStore::Status::Ok);
    QCOMPARE(writeSync(store, b, sampleTokens("bob")).status, CredentialStore::Status::Ok);
    QCOMPARE(readSync(store, a).tokens.accessToken, QStringLiteral("access-alice"));
    QCOMPARE(readSync(store, b).tokens.accessToken, QStringLiteral("access-bob"));
    QCOMPARE(removeSync(store, a).status, CredentialStore::Status::Ok);
    QCOMPARE(readSync(store, a).status, CredentialStore::Status::NotFound);
    QCOMPARE(readSync(store, b).status, CredentialStore::Status::Ok);
    // Another service name is another set of entries.
    CredentialStore other(uniqueService() + QStringLiteral("-other"));
    QCOMPARE(readSync(other, b).status, CredentialStore::Status::NotFound);
    QCOMPARE(removeSync(store, b).status, CredentialStore::Status::Ok);
}

void tst_CredentialStore::noSessionBusMeansUnavailable()
{
    QProcessEnvironment env = childEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent/bus"));
    QCOMPARE(runChildProcess({}, env), QStringLiteral("read=Unavailable write=Unavailable"));
}

void tst_CredentialStore::secretServiceWithoutKeyringMeansUnavailable()
{
    // A session bus whose Secret Service has no unlocked collection: a read answers
    // "not found" there, which must not be taken for "nothing stored".
    const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (dbus.isEmpty())
        QSKIP("dbus-run-session is not installed");
    QTemporaryDir home;
    QProcessEnvironment env = childEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    env.remove(QString::fromLatin1(InSessionVariable));
    QCOMPARE(runChildProcess({dbus, QStringLiteral("--")}, env),
             QStringLiteral("read=Unavailable write=Unavailable"));
}

// Re-runs the test inside a private session bus with an unlocked gnome-keyring.
static int runInKeyringSession(int argc, char **argv)
{
    const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (dbus.isEmpty() || keyring.isEmpty()) {
        std::fprintf(stderr,
                     "dbus-run-session and gnome-keyring-daemon are needed for this test\n");
        return 1;
    }
    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(InSessionVariable), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    QStringList args{QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("printf pw | gnome-keyring-daemon --unlock --components=secrets"
                                    " >/dev/null && exec \"$0\" \"$@\""),
                     QCoreApplication::applicationFilePath()};
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(dbus, args);
    if (!p.waitForFinished(-1))
        return 1;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildModeVariable))
        return runChild();
#ifdef Q_OS_LINUX
    if (!qEnvironmentVariableIsSet(InSessionVariable))
        return runInKeyringSession(argc, argv);
#endif
    tst_CredentialStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
