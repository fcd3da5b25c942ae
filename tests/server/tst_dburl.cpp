#include "server/dburl.h"

#include <QTest>

using namespace qm;

class tst_DbUrl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void displayHidesThePassword();
};

void tst_DbUrl::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");

    QTest::newRow("sqlite absolute")
        << "sqlite:/var/lib/qm/portal.sqlite" << false << "/var/lib/qm/portal.sqlite"
        << "" << 5432 << ""
        << ""
        << "";
    QTest::newRow("sqlite relative") << "sqlite:portal.db" << false << "portal.db"
                                     << "" << 5432 << ""
                                     << ""
                                     << "";
    QTest::newRow("sqlite memory") << "sqlite::memory:" << false << ":memory:"
                                   << "" << 5432 << ""
                                   << ""
                                   << "";
    QTest::newRow("sqlite path with spaces")
        << "sqlite:/tmp/my data/p.sqlite" << false << "/tmp/my data/p.sqlite"
        << "" << 5432 << ""
        << ""
        << "";
    QTest::newRow("postgres") << "postgres://qm@db.example:6543/portal" << true << ""
                              << "db.example" << 6543 << "qm"
                              << ""
                              << "portal";
    QTest::newRow("postgresql scheme") << "postgresql://qm@127.0.0.1/portal" << true << ""
                                       << "127.0.0.1" << 5432 << "qm"
                                       << ""
                                       << "portal";
    QTest::newRow("with password") << "postgres://qm:s3cret@localhost:5432/qm_portal" << true << ""
                                   << "localhost" << 5432 << "qm"
                                   << "s3cret"
                                   << "qm_portal";
    QTest::newRow("escaped password") << "postgres://qm:p%40ss%2Fw@localhost/db" << true << ""
                                      << "localhost" << 5432 << "qm"
                                      << "p@ss/w"
                                      << "db";
}

void tst_DbUrl::parses()
{
    QFETCH(QString, text);
    QFETCH(bool, postgres);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QString error;
    const auto url = DbUrl::parse(text, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->driver == DbUrl::Driver::Postgres, postgres);
    QCOMPARE(url->path, path);
    QCOMPARE(url->host, host);
    QCOMPARE(url->port, port);
    QCOMPARE(url->user, user);
    QCOMPARE(url->password, password);
    QCOMPARE(url->database, database);
}

void tst_DbUrl::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("bare path") << "/var/lib/portal.sqlite";
    QTest::newRow("sqlite without path") << "sqlite:";
    QTest::newRow("sqlite with slashes") << "sqlite:///tmp/p.sqlite";
    QTest::newRow("mysql") << "mysql://u@h/db";
    QTest::newRow("postgres without user") << "postgres://localhost/db";
    QTest::newRow("postgres without database") << "postgres://u@localhost";
    QTest::newRow("postgres with empty database") << "postgres://u@localhost/";
    QTest::newRow("postgres with nested path") << "postgres://u@localhost/a/b";
    QTest::newRow("postgres without host") << "postgres://u@/db";
    QTest::newRow("postgres bad port") << "postgres://u@localhost:99999/db";
    QTest::newRow("postgres with query") << "postgres://u@localhost/db?sslmode=require";
}

void tst_DbUrl::rejects()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!DbUrl::parse(text, &error));
    QVERIFY(!error.isEmpty());
}

void tst_DbUrl::displayHidesThePassword()
{
    QString error;
    const auto url = DbUrl::parse(u"postgres://qm:topsecret@localhost:5433/portal", &error);
    QVERIFY(url);
    const QString shown = url->toDisplayString();
    QVERIFY(!shown.contains(u"topsecret"));
    QCOMPARE(shown, QStringLiteral("postgres://qm:***@localhost:5433/portal"));
    QCOMPARE(DbUrl::parse(u"sqlite:/a/b", &error)->toDisplayString(),
             QStringLiteral("sqlite:/a/b"));
}

QTEST_APPLESS_MAIN(tst_DbUrl)
#include "tst_dburl.moc"
