#include "models/database.h"
#include "models/profile.h"
#include "models/profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace qm;

class tst_ProfileStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyProfile();
    void saveAndLoad();
    void saveReplaces();
    void directoryFor_data();
    void directoryFor();
    void cachePathAndCurrent();
};

void tst_ProfileStore::initTestCase()
{
    // Settings and standard paths of a throwaway application, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QuartermasterTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_profilestore"));
    QSettings().clear();
}

void tst_ProfileStore::emptyProfile()
{
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    const ProfileInfo info = ProfileStore(*db).load();
    QVERIFY(info.isEmpty());
    QVERIFY(info.permissions.isEmpty());
    QVERIFY(!info.can(u"catalog:read"));
}

void tst_ProfileStore::saveAndLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    ProfileInfo info;
    info.portal = QUrl(QStringLiteral("https://portal.example.com"));
    info.username = QStringLiteral("buyer@bayside.example");
    info.displayName = QStringLiteral("Kevin O\u2019Brien");
    info.role = QStringLiteral("buyer");
    info.permissions = {QStringLiteral("catalog:read"), QStringLiteral("prices:read")};
    info.accountCode = QStringLiteral("BMG");
    info.accountName = QStringLiteral("Bayside Marine Group");
    info.currency = QStringLiteral("USD");
    info.portalName = QStringLiteral("Harbor Industrial Supply");
    info.me = QJsonObject{
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("username"), info.username}}},
        {QStringLiteral("permissions"), QJsonArray::fromStringList(info.permissions)}};
    QString error;
    {
        const auto db = Database::open(path, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY2(ProfileStore(*db).save(info, &error), qPrintable(error));
    }
    // Read back through a new connection, as after a restart.
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    const ProfileInfo back = ProfileStore(*db).load();
    QCOMPARE(back.portal, info.portal);
    QCOMPARE(back.username, info.username);
    QCOMPARE(back.displayName, info.displayName);
    QCOMPARE(back.role, info.role);
    QCOMPARE(back.permissions, info.permissions);
    QCOMPARE(back.accountCode, info.accountCode);
    QCOMPARE(back.accountName, info.accountName);
    QCOMPARE(back.currency, info.currency);
    QCOMPARE(back.portalName, info.portalName);
    QCOMPARE(back.me, info.me);
    QVERIFY(back.can(u"prices:read"));
    QVERIFY(!back.can(u"orders:submit"));
}

void tst_ProfileStore::saveReplaces()
{
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    ProfileStore store(*db);
    ProfileInfo info;
    info.portal = QUrl(QStringLiteral("https://portal.example.com"));
    info.username = QStringLiteral("viewer");
    info.role = QStringLiteral("viewer");
    info.permissions = {QStringLiteral("catalog:read")};
    QVERIFY(store.save(info, &error));
    info.role = QStringLiteral("buyer");
    info.permissions << QStringLiteral("cart:write");
    info.displayName.clear();
    QVERIFY(store.save(info, &error));
    const ProfileInfo back = store.load();
    QCOMPARE(back.role, QStringLiteral("buyer"));
    QCOMPARE(back.permissions.size(), 2);
    QCOMPARE(back.displayName, QString());
}

void tst_ProfileStore::directoryFor_data()
{
    QTest::addColumn<QString>("portal");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("expected");
    QTest::newRow("https") << QStringLiteral("https://Portal.Example.com")
                           << QStringLiteral("Buyer")
                           << QStringLiteral("portal.example.com-443-buyer");
    QTest::newRow("port") << QStringLiteral("http://127.0.0.1:8710")
                          << QStringLiteral("buyer@bayside.example")
                          << QStringLiteral("127.0.0.1-8710-buyer_bayside.example");
    QTest::newRow("unsafe characters")
        << QStringLiteral("https://portal.example.com") << QStringLiteral("../../etc/x y")
        << QStringLiteral("portal.example.com-443-.._.._etc_x_y");
    QTest::newRow("leading dots") << QStringLiteral("http://localhost") << QStringLiteral("..")
                                  << QStringLiteral("localhost-80-..");
}

void tst_ProfileStore::directoryFor()
{
    QFETCH(QString, portal);
    QFETCH(QString, user);
    QFETCH(QString, expected);
    const QString root = QDir::cleanPath(QStringLiteral("/profiles-root"));
    const QString dir = profiles::directoryFor(QUrl(portal), user, root);
    QCOMPARE(dir, root + u'/' + expected);
    // Always a direct child of the root, whatever the user name.
    QCOMPARE(QDir::cleanPath(dir + QStringLiteral("/..")), root);
}

void tst_ProfileStore::cachePathAndCurrent()
{
    QCOMPARE(profiles::cachePath(QStringLiteral("/p/one")), QStringLiteral("/p/one/cache.sqlite"));
    QVERIFY(profiles::defaultRoot().endsWith(u"/profiles"));
    QCOMPARE(profiles::current(), QString());
    profiles::setCurrent(QStringLiteral("/p/one"));
    QCOMPARE(profiles::current(), QStringLiteral("/p/one"));
    QSettings().clear();
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
