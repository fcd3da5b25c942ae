// Packed rows and the statement that writes them: every kind of value arrives as it was packed,
// directly through SQLite and through QtSql alike; a failing row stops the run with SQLite's
// reason; bytes that are not rows of the statement's width are refused.

#include "models/sqlrows.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace qm;

namespace {

// A QSQLITE connection to a new database with one table of three columns.
class Scratch
{
public:
    Scratch()
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(m_dir.filePath(QStringLiteral("rows.sqlite")));
        if (m_db.open())
            QSqlQuery(m_db).exec(
                QStringLiteral("CREATE TABLE t (a TEXT, b INTEGER, c TEXT NOT NULL UNIQUE)"));
    }
    ~Scratch()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    const QSqlDatabase &db() const { return m_db; }
    // The rows of t as "a|b|c" with NULL for null and the type SQLite stored.
    QStringList rows() const
    {
        QStringList out;
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT quote(a), typeof(b), b, quote(c) FROM t ORDER BY rowid"));
        while (q.next())
            out << QStringLiteral("%1|%2:%3|%4")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString());
        return out;
    }

private:
    QTemporaryDir m_dir;
    QString m_name = QStringLiteral("tst_sqlrows");
    QSqlDatabase m_db;
};

const QString Insert = QStringLiteral("INSERT INTO t(a, b, c) VALUES (?, ?, ?)");

// A scratch database and Insert prepared on it, directly or through QtSql.
struct Prepared
{
    explicit Prepared(bool direct)
    {
        sqlrows::setDirectAllowed(direct);
        ok = insert.prepare(Insert, 3, &error);
    }
    Scratch scratch;
    sqlrows::Statement insert{scratch.db()};
    QString error;
    bool ok = false;
};

} // namespace

class tst_SqlRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanupTestCase();
    void directWhereTheDriverSharesSqlite();
    void valuesArriveAsPacked_data();
    void valuesArriveAsPacked();
    void failingRowStopsTheRun_data();
    void failingRowStopsTheRun();
    void bytesOfAnotherWidthAreRefused_data();
    void bytesOfAnotherWidthAreRefused();
    void badStatementIsRefused();
};

void tst_SqlRows::init()
{
    sqlrows::setDirectAllowed(true);
}

void tst_SqlRows::cleanupTestCase()
{
    sqlrows::setDirectAllowed(true);
}

void tst_SqlRows::directWhereTheDriverSharesSqlite()
{
    Scratch scratch;
    QVERIFY(scratch.db().isOpen());
    sqlrows::Statement direct(scratch.db());
    QString error;
    QVERIFY2(direct.prepare(Insert, 3, &error), qPrintable(error));
#if defined(Q_OS_LINUX)
    // Linux distributions build QtSql's SQLite driver on the system's SQLite, which this
    // program links too.
    QVERIFY2(direct.isDirect(), "the QSQLITE driver should share this program's SQLite");
#endif
    sqlrows::setDirectAllowed(false);
    sqlrows::Statement qtsql(scratch.db());
    QVERIFY2(qtsql.prepare(Insert, 3, &error), qPrintable(error));
    QVERIFY(!qtsql.isDirect());
}

void tst_SqlRows::valuesArriveAsPacked_data()
{
    QTest::addColumn<bool>("direct");
    for (const bool direct : {true, false}) {
        const char *path = direct ? "direct" : "QtSql";
        QTest::addRow("%s", path) << direct;
    }
}

void tst_SqlRows::valuesArriveAsPacked()
{
    QFETCH(bool, direct);
    Prepared p(direct);
    QVERIFY2(p.ok, qPrintable(p.error));

    const QString ascii = QStringLiteral("M8 hex bolt");
    const QString accented = QStringLiteral("Écrou M8 × 40 mm, Ø 8 – «inox» 日本");
    const QString empty = QStringLiteral("");
    const QString quote = QStringLiteral("it's \"quoted\"\n\ttab");
    const QString nul = QString(QStringLiteral("a%1b")).arg(QChar(u'\0'));
    QByteArray rows;
    sqlrows::appendRow(rows, {ascii, qint64(0), QStringLiteral("1")});
    sqlrows::appendRow(rows, {accented, std::numeric_limits<qint64>::max(), QStringLiteral("2")});
    sqlrows::appendRow(rows, {empty, std::numeric_limits<qint64>::min(), QStringLiteral("3")});
    sqlrows::appendRow(rows, {nullptr, nullptr, QStringLiteral("4")});
    sqlrows::appendRow(rows, {sqlrows::Value::orNull(empty), -42, quote});
    sqlrows::appendRow(rows, {sqlrows::Value::orNull(ascii), 7, nul});
    QVERIFY2(p.insert.run(rows, &p.error), qPrintable(p.error));
    QVERIFY2(p.insert.run(QByteArray(), &p.error), qPrintable(p.error)); // no rows, nothing to do

    QSqlQuery q(p.scratch.db());
    QVERIFY(q.exec(QStringLiteral("SELECT a, b, c, typeof(a), typeof(b) FROM t ORDER BY rowid")));
    struct Expected
    {
        QVariant a;
        QVariant b;
        QString c;
    };
    const QList<Expected> expected{
        {ascii, qint64(0), QStringLiteral("1")},
        {accented, std::numeric_limits<qint64>::max(), QStringLiteral("2")},
        {empty, std::numeric_limits<qint64>::min(), QStringLiteral("3")},
        {QVariant(), QVariant(), QStringLiteral("4")},
        {QVariant(), qint64(-42), quote},
        {ascii, qint64(7), nul},
    };
    for (const Expected &e : expected) {
        QVERIFY(q.next());
        if (e.a.isValid()) {
            QCOMPARE(q.value(3).toString(), QStringLiteral("text"));
            QCOMPARE(q.value(0).toString(), e.a.toString());
        } else {
            QCOMPARE(q.value(3).toString(), QStringLiteral("null"));
        }
        if (e.b.isValid()) {
            QCOMPARE(q.value(4).toString(), QStringLiteral("integer"));
            QCOMPARE(q.value(1).toLongLong(), e.b.toLongLong());
        } else {
            QCOMPARE(q.value(4).toString(), QStringLiteral("null"));
        }
        QCOMPARE(q.value(2).toString(), e.c);
    }
    QVERIFY(!q.next());
}

void tst_SqlRows::failingRowStopsTheRun_data()
{
    valuesArriveAsPacked_data();
}

void tst_SqlRows::failingRowStopsTheRun()
{
    QFETCH(bool, direct);
    Prepared p(direct);
    QVERIFY2(p.ok, qPrintable(p.error));
    QByteArray rows;
    sqlrows::appendRow(rows, {QStringLiteral("first"), 1, QStringLiteral("k1")});
    sqlrows::appendRow(rows, {QStringLiteral("second"), 2, QStringLiteral("k1")}); // not unique
    sqlrows::appendRow(rows, {QStringLiteral("third"), 3, QStringLiteral("k3")});
    QVERIFY(!p.insert.run(rows, &p.error));
    QVERIFY2(p.error.contains(QStringLiteral("UNIQUE constraint failed: t.c")),
             qPrintable(p.error));
    QVERIFY2(p.error.contains(QStringLiteral("INSERT INTO t(a, b, c)")), qPrintable(p.error));
    QCOMPARE(p.scratch.rows(), QStringList{QStringLiteral("'first'|integer:1|'k1'")});

    // The statement is usable again after the failure.
    QByteArray more;
    sqlrows::appendRow(more, {nullptr, 4, QStringLiteral("k4")});
    QVERIFY2(p.insert.run(more, &p.error), qPrintable(p.error));
    QCOMPARE(p.scratch.rows().size(), 2);
    QCOMPARE(p.scratch.rows().last(), QStringLiteral("NULL|integer:4|'k4'"));
}

void tst_SqlRows::bytesOfAnotherWidthAreRefused_data()
{
    QTest::addColumn<bool>("direct");
    QTest::addColumn<QByteArray>("rows");
    QByteArray two;
    sqlrows::appendRow(two, {QStringLiteral("a"), 1});
    QByteArray fourValues;
    sqlrows::appendRow(fourValues, {QStringLiteral("a"), 1, QStringLiteral("c"), 2});
    QByteArray cut;
    sqlrows::appendRow(cut, {QStringLiteral("a"), 1, QStringLiteral("a long enough text")});
    cut.chop(3);
    const QByteArray unknownTag("x\x01\x02", 3);
    for (const bool direct : {true, false}) {
        const char *path = direct ? "direct" : "QtSql";
        QTest::addRow("%s: two of three values", path) << direct << two;
        QTest::addRow("%s: four values", path) << direct << fourValues;
        QTest::addRow("%s: text cut short", path) << direct << cut;
        QTest::addRow("%s: not a value", path) << direct << unknownTag;
    }
}

void tst_SqlRows::bytesOfAnotherWidthAreRefused()
{
    QFETCH(bool, direct);
    QFETCH(QByteArray, rows);
    Prepared p(direct);
    QVERIFY2(p.ok, qPrintable(p.error));
    QString error;
    QVERIFY(!p.insert.run(rows, &error));
    QVERIFY2(error.startsWith(QStringLiteral("packed rows that do not fit 3 columns")),
             qPrintable(error));
}

void tst_SqlRows::badStatementIsRefused()
{
    for (const bool direct : {true, false}) {
        sqlrows::setDirectAllowed(direct);
        Scratch scratch;
        sqlrows::Statement insert(scratch.db());
        QString error;
        QVERIFY(!insert.prepare(QStringLiteral("INSERT INTO missing(a) VALUES (?)"), 1, &error));
        QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(tst_SqlRows)
#include "tst_sqlrows.moc"
