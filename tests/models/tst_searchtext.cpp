#include "models/searchtext.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace qm;
using namespace qm::searchtext;

namespace {

// A full-text table like the cache's (same tokenizer), in memory: whether a document is
// found by a query is decided by SQLite, not by comparing expression strings.
class Index
{
public:
    Index()
        : m_name(QStringLiteral("searchtext-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (!db.open())
            qFatal("cannot open an in-memory database");
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "CREATE VIRTUAL TABLE t USING fts5(name, search_terms,"
                " tokenize = \"unicode61 remove_diacritics 2 tokenchars '-'\", prefix = '1 2 3')")))
            qFatal("cannot create the index: %s", qPrintable(q.lastError().text()));
    }
    ~Index() { QSqlDatabase::removeDatabase(m_name); }
    Index(const Index &) = delete;
    Index &operator=(const Index &) = delete;

    // Indexes `name` the way CatalogStore does: the text and its indexTerms().
    void add(const QString &name)
    {
        Product p;
        p.name = name;
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(QStringLiteral("INSERT INTO t(name, search_terms) VALUES (?, ?)"));
        q.addBindValue(name);
        q.addBindValue(indexTerms(p));
        if (!q.exec())
            qFatal("cannot index: %s", qPrintable(q.lastError().text()));
    }

    // Whether the expression matches a row; fails the test on an SQL error.
    bool matches(const QString &expression, QString *error) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(QStringLiteral("SELECT count(*) FROM t WHERE t MATCH ?"));
        q.addBindValue(expression);
        if (!q.exec() || !q.next()) {
            *error = q.lastError().text();
            return false;
        }
        return q.value(0).toInt() > 0;
    }

    // The terms FTS5's tokenizer makes of `text`, in order.
    QStringList terms(const QString &text) const
    {
        QSqlDatabase db = QSqlDatabase::database(m_name);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("DELETE FROM t")))
            qFatal("%s", qPrintable(q.lastError().text()));
        q.prepare(QStringLiteral("INSERT INTO t(name, search_terms) VALUES (?, '')"));
        q.addBindValue(text);
        if (!q.exec() ||
            !q.exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms"
                                   " USING fts5vocab(main, t, instance)")) ||
            !q.exec(QStringLiteral("SELECT term FROM temp.terms ORDER BY offset")))
            qFatal("%s", qPrintable(q.lastError().text()));
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

const char *const TestSynonyms = R"(# synonyms for the tests
ss = stainless
galv = galvanized | galvanised
hdg = hot dip galvanized
zp = zinc plated
rust resistant = stainless | galvanized
marine = 316 | a4
large = size l
)";

} // namespace

class tst_SearchText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fold_data();
    void fold();
    void parts_data();
    void parts();
    void compoundPrefix_data();
    void compoundPrefix();
    void singular_data();
    void singular();
    void finds_data();
    void finds();
    void builtInSynonymsFind_data();
    void builtInSynonymsFind();
    void hostileInput_data();
    void hostileInput();
    void parseSynonyms_data();
    void parseSynonyms();
    void longestTermWins();
    void tokensAreTheIndexTerms_data();
    void tokensAreTheIndexTerms();
    void relevance_data();
    void relevance();
    void badFileStillSearches();
    void missingFile();
};

void tst_SearchText::fold_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("bolt") << QStringLiteral("bolt");
    QTest::newRow("upper case") << QStringLiteral("BOLT") << QStringLiteral("bolt");
    QTest::newRow("acute") << QStringLiteral("Tu\u00e9rca") << QStringLiteral("tuerca");
    QTest::newRow("umlaut and ring")
        << QStringLiteral("\u00c5NGSTR\u00d6M") << QStringLiteral("angstrom");
    QTest::newRow("combining mark") << QStringLiteral("e\u0301crou") << QStringLiteral("ecrou");
    QTest::newRow("cedilla") << QStringLiteral("Fa\u00e7ade") << QStringLiteral("facade");
    QTest::newRow("multiplication sign kept")
        << QStringLiteral("8\u00d740") << QStringLiteral("8\u00d740");
}

void tst_SearchText::fold()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(searchtext::fold(text), expected);
}

void tst_SearchText::parts_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("plain") << QStringLiteral("bolt") << QStringList{};
    QTest::newRow("thread size") << QStringLiteral("m8") << QStringList{};
    QTest::newRow("grade") << QStringLiteral("a4-80")
                           << QStringList{QStringLiteral("a4"), QStringLiteral("80")};
    QTest::newRow("dimension") << QStringLiteral("m8x40")
                               << QStringList{QStringLiteral("m8"), QStringLiteral("40")};
    QTest::newRow("dimension with multiplication sign")
        << QStringLiteral("8\u00d740") << QStringList{QStringLiteral("8"), QStringLiteral("40")};
    QTest::newRow("three dimensions")
        << QStringLiteral("10x20x30")
        << QStringList{QStringLiteral("10"), QStringLiteral("20"), QStringLiteral("30")};
    QTest::newRow("glued unit") << QStringLiteral("40mm")
                                << QStringList{QStringLiteral("40"), QStringLiteral("mm")};
    QTest::newRow("dimension and glued unit")
        << QStringLiteral("m8x40mm")
        << QStringList{QStringLiteral("m8"), QStringLiteral("40"), QStringLiteral("mm")};
    QTest::newRow("decimal and glued unit")
        << QStringLiteral("4.8mm") << QStringList{QStringLiteral("4.8"), QStringLiteral("mm")};
    QTest::newRow("volts") << QStringLiteral("12v")
                           << QStringList{QStringLiteral("12"), QStringLiteral("v")};
    QTest::newRow("letters after a number that are no unit")
        << QStringLiteral("316l") << QStringList{};
    QTest::newRow("unit alone") << QStringLiteral("mm") << QStringList{};
    QTest::newRow("x between letters") << QStringLiteral("box") << QStringList{};
}

void tst_SearchText::parts()
{
    QFETCH(QString, word);
    QFETCH(QStringList, expected);
    QCOMPARE(searchtext::parts(word), expected);
}

void tst_SearchText::compoundPrefix_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("word"); // a word that starts with the prefix
    QTest::addColumn<QStringList>("whole");
    QTest::addColumn<QString>("start");

    QTest::newRow("sku") << QStringLiteral("qm-04") << QStringLiteral("qm-0423117")
                         << QStringList{QStringLiteral("qm")} << QStringLiteral("04");
    QTest::newRow("grade") << QStringLiteral("a4-8") << QStringLiteral("a4-80")
                           << QStringList{QStringLiteral("a4")} << QStringLiteral("8");
    QTest::newRow("cut at an x after a digit")
        << QStringLiteral("ab-4x") << QStringLiteral("ab-4x8") << QStringList{QStringLiteral("ab")}
        << QStringLiteral("4");
    QTest::newRow("cut where a unit may start")
        << QStringLiteral("ab-40m") << QStringLiteral("ab-40mm")
        << QStringList{QStringLiteral("ab")} << QStringLiteral("40");
    QTest::newRow("letters then digits stay")
        << QStringLiteral("k-a4") << QStringLiteral("k-a4x8") << QStringList{QStringLiteral("k")}
        << QStringLiteral("a4");
    QTest::newRow("dimension before the dash")
        << QStringLiteral("m8x40-a") << QStringLiteral("m8x40-a2")
        << QStringList{QStringLiteral("m8"), QStringLiteral("40")} << QStringLiteral("a");
    QTest::newRow("unit before the dash")
        << QStringLiteral("40mm-1") << QStringLiteral("40mm-12")
        << QStringList{QStringLiteral("40"), QStringLiteral("mm")} << QStringLiteral("1");
    QTest::newRow("two dashes") << QStringLiteral("a-b-c") << QStringLiteral("a-b-cd")
                                << QStringList{QStringLiteral("a"), QStringLiteral("b")}
                                << QStringLiteral("c");
    QTest::newRow("nothing after the dash") << QStringLiteral("abcd-") << QStringLiteral("abcd-1")
                                            << QStringList{QStringLiteral("abcd")} << QString();
    QTest::newRow("upper case") << QStringLiteral("QM-0") << QStringLiteral("QM-0423117")
                                << QStringList{QStringLiteral("qm")} << QStringLiteral("0");
    QTest::newRow("no dash") << QStringLiteral("bolt") << QString() << QStringList{} << QString();
    QTest::newRow("nothing before the dash")
        << QStringLiteral("-abc") << QString() << QStringList{} << QString();
}

void tst_SearchText::compoundPrefix()
{
    QFETCH(QString, prefix);
    QFETCH(QString, word);
    QFETCH(QStringList, whole);
    QFETCH(QString, start);
    const searchtext::CompoundPrefix parts = searchtext::compoundPrefix(prefix);
    QCOMPARE(parts.whole, whole);
    QCOMPARE(parts.start, start);
    if (word.isEmpty())
        return;
    // What the index holds for the word (searchtext::indexTerms()) has them all.
    const QStringList wordParts = searchtext::parts(word.toLower());
    for (const QString &part : std::as_const(whole))
        QVERIFY2(wordParts.contains(part), qPrintable(wordParts.join(u' ')));
    QVERIFY2(std::any_of(wordParts.cbegin(), wordParts.cend(),
                         [&start](const QString &part) { return part.startsWith(start); }),
             qPrintable(wordParts.join(u' ')));
}

void tst_SearchText::singular_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected"); // empty: not taken for a plural

    QTest::newRow("s") << QStringLiteral("vests") << QStringLiteral("vest");
    QTest::newRow("s after a vowel") << QStringLiteral("tees") << QStringLiteral("tee");
    QTest::newRow("es after e") << QStringLiteral("valves") << QStringLiteral("valve");
    QTest::newRow("es after x") << QStringLiteral("boxes") << QStringLiteral("box");
    QTest::newRow("es after ss") << QStringLiteral("glasses") << QStringLiteral("glass");
    QTest::newRow("es after ch") << QStringLiteral("inches") << QStringLiteral("inch");
    QTest::newRow("es after sh") << QStringLiteral("brushes") << QStringLiteral("brush");
    QTest::newRow("es after z") << QStringLiteral("quizzes") << QStringLiteral("quizz");
    QTest::newRow("ies") << QStringLiteral("batteries") << QStringLiteral("battery");
    QTest::newRow("short ies") << QStringLiteral("ties") << QStringLiteral("tie");
    QTest::newRow("plural only") << QStringLiteral("pliers") << QStringLiteral("plier");
    QTest::newRow("ss") << QStringLiteral("stainless") << QString();
    QTest::newRow("us") << QStringLiteral("radius") << QString();
    QTest::newRow("is") << QStringLiteral("chassis") << QString();
    QTest::newRow("singular in s") << QStringLiteral("lens") << QString();
    QTest::newRow("singular in ies") << QStringLiteral("series") << QString();
    QTest::newRow("three letters") << QStringLiteral("lbs") << QString();
    QTest::newRow("digits") << QStringLiteral("m10s") << QString();
    QTest::newRow("no s") << QStringLiteral("washer") << QString();
    QTest::newRow("cyrillic") << QStringLiteral("\u0431\u043e\u043b\u0442\u044b") << QString();
}

void tst_SearchText::singular()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(searchtext::singular(word), expected);
}

void tst_SearchText::finds_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("found");

    const QString bolt = QStringLiteral("Hex bolt M8 \u00d7 40 mm, DIN 933");
    QTest::newRow("compound") << bolt << QStringLiteral("m8x40") << true;
    QTest::newRow("compound, upper case") << bolt << QStringLiteral("M8X40") << true;
    QTest::newRow("x with spaces") << bolt << QStringLiteral("m8 x 40") << true;
    QTest::newRow("star") << bolt << QStringLiteral("m8*40") << true;
    QTest::newRow("star with spaces") << bolt << QStringLiteral("m8 * 40") << true;
    QTest::newRow("multiplication sign") << bolt << QStringLiteral("m8\u00d740") << true;
    QTest::newRow("typing the dimension") << bolt << QStringLiteral("m8 x") << true;
    QTest::newRow("unit glued") << bolt << QStringLiteral("40mm") << true;
    QTest::newRow("unit apart") << bolt << QStringLiteral("40 mm") << true;
    QTest::newRow("dimension with unit") << bolt << QStringLiteral("m8x40mm") << true;
    QTest::newRow("dimension, unit apart") << bolt << QStringLiteral("m8 x 40 mm") << true;
    QTest::newRow("other length") << bolt << QStringLiteral("m8x50") << false;
    QTest::newRow("other length with unit") << bolt << QStringLiteral("50mm") << false;
    QTest::newRow("x that is a word") << bolt << QStringLiteral("x bolt") << false;

    QTest::newRow("typing the dimension, glued") << bolt << QStringLiteral("m8x") << true;
    QTest::newRow("millimetres of a thread") << bolt << QStringLiteral("8mm bolt") << true;
    QTest::newRow("millimetres of a thread, apart") << bolt << QStringLiteral("8 mm bolt") << true;
    QTest::newRow("dimension without the M") << bolt << QStringLiteral("8x40 bolt") << true;
    QTest::newRow("dimension with millimetres after the first number")
        << bolt << QStringLiteral("bolt 8mm x 40") << true;
    QTest::newRow("dimension, other thread") << bolt << QStringLiteral("10x40") << false;
    const QString graded = QStringLiteral("Hex bolt, steel 8.8, M12 \u00d7 80 mm");
    QTest::newRow("millimetres are not a grade and another length")
        << graded << QStringLiteral("8mm bolt") << false;
    QTest::newRow("a dimension is not a grade and another size")
        << QStringLiteral("Hex bolt, steel 8.8, M12 \u00d7 40 mm") << QStringLiteral("8x40")
        << false;
    QTest::newRow("a dimension in order")
        << QStringLiteral("Dowel pin 8 \u00d7 40 mm") << QStringLiteral("8x40mm") << true;
    QTest::newRow("a dimension in order, not reversed")
        << QStringLiteral("Dowel pin 40 \u00d7 8 mm") << QStringLiteral("8x40") << false;
    const QString drill = QStringLiteral("Jobber drill bit, HSS, 8 mm");
    QTest::newRow("millimetres of a diameter") << drill << QStringLiteral("8mm drill") << true;
    QTest::newRow("millimetres of a diameter, other size")
        << QStringLiteral("Jobber drill bit, HSS, 80 mm") << QStringLiteral("8mm drill") << false;
    QTest::newRow("millimetres that are no thread")
        << QStringLiteral("Hex bolt M7") << QStringLiteral("7mm") << false;
    QTest::newRow("volts glued") << QStringLiteral("LED driver, 12 V") << QStringLiteral("12v")
                                 << true;
    QTest::newRow("volts glued, not a longer number")
        << QStringLiteral("Toggle switch, 120/277 V") << QStringLiteral("12v") << false;
    QTest::newRow("a range that starts with the number")
        << QStringLiteral("Can liners, 55-60 gal, black") << QStringLiteral("55 gallon liners")
        << true;
    QTest::newRow("a range that starts with another number")
        << QStringLiteral("Can liners, 56-60 gal, black") << QStringLiteral("55 gallon liners")
        << false;
    QTest::newRow("unit as written, singular typed")
        << QStringLiteral("Extension cord, 25 ft") << QStringLiteral("25 foot") << true;

    const QString spacer = QStringLiteral("Spacer 40mm");
    QTest::newRow("glued in the document, apart in the query")
        << spacer << QStringLiteral("40 mm") << true;
    QTest::newRow("glued on both sides") << spacer << QStringLiteral("40mm") << true;
    QTest::newRow("number of a glued unit") << spacer << QStringLiteral("spacer 40") << true;
    QTest::newRow("other number, unit apart") << spacer << QStringLiteral("45 mm") << false;

    // Accents of other scripts than Latin are letters the index keeps.
    QTest::newRow("cyrillic short i")
        << QStringLiteral(
               "\u0419\u043e\u0434 \u0441\u043f\u0438\u0440\u0442\u043e\u0432\u043e\u0439")
        << QStringLiteral("\u0439\u043e\u0434") << true;
    QTest::newRow("cyrillic, typed in capitals")
        << QStringLiteral("\u0439\u043e\u0434") << QStringLiteral("\u0419\u041e\u0414") << true;
    QTest::newRow("greek with tonos")
        << QStringLiteral("\u03a3\u03c0\u03b5\u03af\u03c1\u03b1 M8")
        << QStringLiteral("\u03c3\u03c0\u03b5\u03af\u03c1\u03b1") << true;
    QTest::newRow("greek final sigma") << QStringLiteral("\u0392\u0399\u0394\u0391\u03a3")
                                       << QStringLiteral("\u03b2\u03b9\u03b4\u03b1\u03c2") << true;

    const QString nut = QStringLiteral("Tu\u00e9rca hexagonal");
    QTest::newRow("accent dropped") << nut << QStringLiteral("tuerca") << true;
    QTest::newRow("accent typed, upper case") << nut << QStringLiteral("TU\u00c9RCA") << true;
    QTest::newRow("other accent") << nut << QStringLiteral("tu\u00e8rca hex") << true;
    QTest::newRow("prefix of a folded word") << nut << QStringLiteral("hexa") << true;

    QTest::newRow("abbreviation") << QStringLiteral("Screw, stainless A2")
                                  << QStringLiteral("ss screw") << true;
    QTest::newRow("abbreviation, upper case")
        << QStringLiteral("Screw, stainless A2") << QStringLiteral("SS") << true;
    QTest::newRow("abbreviation, two alternatives")
        << QStringLiteral("Washer galvanised") << QStringLiteral("galv washer") << true;
    QTest::newRow("abbreviation of several words")
        << QStringLiteral("Bolt hot dip galvanized") << QStringLiteral("hdg bolt") << true;
    QTest::newRow("abbreviation of several words, not all there")
        << QStringLiteral("Bolt hot galvanized") << QStringLiteral("hdg") << false;
    QTest::newRow("zinc plated") << QStringLiteral("Nut zinc plated") << QStringLiteral("zp nut")
                                 << true;
    QTest::newRow("zinc plated, hyphenated")
        << QStringLiteral("Nut zinc-plated") << QStringLiteral("zp") << true;
    QTest::newRow("abbreviation still matches itself")
        << QStringLiteral("SS316 sheet") << QStringLiteral("ss") << true;
    QTest::newRow("synonym of a grade")
        << QStringLiteral("Bolt A4-80") << QStringLiteral("marine bolt") << true;
    QTest::newRow("synonym, other alternative")
        << QStringLiteral("Bolt 316 stainless") << QStringLiteral("marine") << true;
    QTest::newRow("synonym, no alternative there")
        << QStringLiteral("Bolt zinc plated") << QStringLiteral("marine") << false;
    QTest::newRow("phrase synonym")
        << QStringLiteral("Stainless hinge") << QStringLiteral("rust resistant") << true;
    QTest::newRow("phrase synonym, other alternative and another word")
        << QStringLiteral("Galvanized hinge") << QStringLiteral("rust resistant hinge") << true;
    QTest::newRow("phrase synonym, the phrase itself")
        << QStringLiteral("Rust resistant coating") << QStringLiteral("rust resistant") << true;
    QTest::newRow("phrase synonym, none there")
        << QStringLiteral("Brass hinge") << QStringLiteral("rust resistant") << false;
    QTest::newRow("synonym does not excuse the other words")
        << QStringLiteral("Stainless hinge") << QStringLiteral("rust resistant bolt") << false;

    QTest::newRow("plural of the word")
        << QStringLiteral("Hi-vis safety vest, size L") << QStringLiteral("safety vests") << true;
    QTest::newRow("plural with es")
        << QStringLiteral("Corrugated shipping box") << QStringLiteral("shipping boxes") << true;
    QTest::newRow("plural with ies")
        << QStringLiteral("Lithium battery, AA") << QStringLiteral("aa batteries") << true;
    QTest::newRow("plural typed, plural there")
        << QStringLiteral("Nylon cable ties, black") << QStringLiteral("cable ties") << true;
    QTest::newRow("plural, other word")
        << QStringLiteral("Copper tape, 1\"") << QStringLiteral("copper tees") << false;
    QTest::newRow("plural, other word with es")
        << QStringLiteral("Box end wrench") << QStringLiteral("boxes wrench") << true;
    QTest::newRow("inches written as a quote") << QStringLiteral("Ball valve, brass, 1/2\"")
                                               << QStringLiteral("1/2 inch ball valve") << true;
    QTest::newRow("inches, other size") << QStringLiteral("Ball valve, brass, 3/4\"")
                                        << QStringLiteral("1/2 inch ball valve") << false;
    QTest::newRow("unit spelled out") << QStringLiteral("Circuit breaker, 1-pole, 20 A")
                                      << QStringLiteral("20 amp breaker") << true;
    QTest::newRow("unit spelled out, other number")
        << QStringLiteral("Circuit breaker, 1-pole, 20 A") << QStringLiteral("30 amps") << false;
    QTest::newRow("unit spelled out, in the plural")
        << QStringLiteral("Can liners, 45 gal") << QStringLiteral("45 gallons") << true;
    QTest::newRow("unit spelled out, glued in the document")
        << QStringLiteral("Cable ties, 50lb") << QStringLiteral("50 pounds") << true;
    QTest::newRow("unit glued to the number")
        << QStringLiteral("GFCI receptacle, 20 A 125 V") << QStringLiteral("gfci 20a") << true;
    QTest::newRow("unit spelled out, glued to the number")
        << QStringLiteral("Circuit breaker, 1-pole, 20 A") << QStringLiteral("20amp breaker")
        << true;
    QTest::newRow("inches glued to the number")
        << QStringLiteral("Gate valve, brass, 3/4\"") << QStringLiteral("3/4in gate valve") << true;
    QTest::newRow("feet") << QStringLiteral("LED tube, 4 ft") << QStringLiteral("4 feet") << true;
    QTest::newRow("numbers joined by a hyphen")
        << QStringLiteral("Machine screw, pan head, #10-24 \u00d7 1\"") << QStringLiteral("10-24")
        << true;
    QTest::newRow("numbers joined by a hyphen are not the numbers anywhere")
        << QStringLiteral("Flat washer, 24 mm, box of 10") << QStringLiteral("10-24") << false;
    QTest::newRow("a letter joined to a word by a hyphen")
        << QStringLiteral("T-nut, zinc plated, M8") << QStringLiteral("t-nut") << true;
    QTest::newRow("a letter joined to a word by a hyphen is no prefix")
        << QStringLiteral("Wing nut, thread M8") << QStringLiteral("t-nut") << false;
    QTest::newRow("a metric thread typed apart")
        << QStringLiteral("Hex bolt, steel 8.8, M8 \u00d7 40 mm") << QStringLiteral("m 8 bolt")
        << true;
    QTest::newRow("a metric thread and its length typed apart")
        << QStringLiteral("Hex bolt, steel 8.8, M10 \u00d7 40 mm")
        << QStringLiteral("m 10 x 40 hex bolt") << true;
    QTest::newRow("a metric thread typed apart, other size")
        << QStringLiteral("Hex bolt, steel 8.8, M10 \u00d7 80 mm") << QStringLiteral("m 8 bolt")
        << false;
    QTest::newRow("metres before a size are no thread")
        << QStringLiteral("Boat cable, 10 m, 12 AWG") << QStringLiteral("10 m 12 awg") << true;
    QTest::newRow("a measure hyphenated before its noun")
        << QStringLiteral("Degreaser, concentrate, 5 gal pail") << QStringLiteral("5-gallon pail")
        << true;
    QTest::newRow("a measure hyphenated, amps") << QStringLiteral("Circuit breaker, 1-pole, 20 A")
                                                << QStringLiteral("20-amp breaker") << true;
    QTest::newRow("a measure hyphenated, inches")
        << QStringLiteral("Deck screw, flat head, #12 \u00d7 3\", plain")
        << QStringLiteral("3-inch deck screw") << true;
    QTest::newRow("a measure hyphenated, other number")
        << QStringLiteral("Circuit breaker, 1-pole, 30 A") << QStringLiteral("20-amp breaker")
        << false;
    QTest::newRow("a number and a word that is no unit stay one word")
        << QStringLiteral("Toggle switch, 3-way, 15 A") << QStringLiteral("3-way switch") << true;
    const QString wire = QStringLiteral("THHN building wire, 12 AWG, solid copper, 600 V");
    QTest::newRow("wire gauge") << wire << QStringLiteral("12 gauge wire") << true;
    QTest::newRow("wire gauge, short") << wire << QStringLiteral("12 ga wire") << true;
    QTest::newRow("wire gauge, glued") << wire << QStringLiteral("12ga") << true;
    QTest::newRow("wire gauge as written, glued") << wire << QStringLiteral("12awg") << true;
    QTest::newRow("wire gauge, other size")
        << QStringLiteral("Building wire, 10 AWG, 120 V") << QStringLiteral("12 gauge") << false;
    QTest::newRow("gauge as written")
        << QStringLiteral("Hand stretch film, 18\" \u00d7 1500 ft, 80 gauge")
        << QStringLiteral("80 gauge film") << true;
    QTest::newRow("a letter of a synonym is a whole word")
        << QStringLiteral("Nitrile gloves, size L") << QStringLiteral("gloves large") << true;
    QTest::newRow("a letter of a synonym is not a prefix")
        << QStringLiteral("Nitrile gloves, size XL, 5 lb") << QStringLiteral("gloves large")
        << false;
    QTest::newRow("little words left out")
        << QStringLiteral("Flat washer M8, zinc plated") << QStringLiteral("washer for m8") << true;
    QTest::newRow("little words left out, the others count")
        << QStringLiteral("Flat washer M10, zinc plated") << QStringLiteral("washer for m8")
        << false;
    QTest::newRow("a little word last is typed on")
        << QStringLiteral("Toggle switch, 15 A") << QStringLiteral("switch to") << true;
    QTest::newRow("a little word last must match")
        << QStringLiteral("Rocker switch, 15 A") << QStringLiteral("switch to") << false;
    QTest::newRow("a little word alone")
        << QStringLiteral("Box of 100, the best") << QStringLiteral("the") << true;
    QTest::newRow("a synonym's term in the plural")
        << QStringLiteral("Bolt, hot dip galvanized") << QStringLiteral("hdgs bolt") << true;
    QTest::newRow("three letters are no plural")
        << QStringLiteral("Zinc plated nut") << QStringLiteral("zps") << false;

    // A single character with a word after it is a word of its own.
    QTest::newRow("a letter before a word, hyphenated")
        << QStringLiteral("U-bolt, zinc plated, 3/8\"") << QStringLiteral("u bolt") << true;
    QTest::newRow("a letter before a word is not a prefix")
        << QStringLiteral("Circuit breaker, bolt-on, UL 489") << QStringLiteral("u bolt") << false;
    QTest::newRow("a letter before a word, written apart")
        << QStringLiteral("Hard hat, Type I Class E") << QStringLiteral("class e hard hat") << true;
    QTest::newRow("a digit before a word")
        << QStringLiteral("Toggle switch, 3-way, 15 A") << QStringLiteral("3 way switch") << true;
    QTest::newRow("a digit before a word is not a prefix")
        << QStringLiteral("Ball valve, 316 stainless, 30 way") << QStringLiteral("3 way") << false;
    QTest::newRow("a letter typed last is a prefix")
        << QStringLiteral("Circuit breaker, bolt-on, UL 489") << QStringLiteral("bolt u") << true;

    // Inch threads, as catalogs write them: 1/4"-20 is the terms "1", "4", "-20".
    const QString inch = QStringLiteral("Hex cap screw, grade 5, 1/4\"-20 \u00d7 1-1/2\", ASME");
    QTest::newRow("inch thread typed glued") << inch << QStringLiteral("1/4-20") << true;
    QTest::newRow("inch thread typed apart") << inch << QStringLiteral("1/4 20 cap screw") << true;
    QTest::newRow("inch thread typed as written") << inch << QStringLiteral("1/4\"-20") << true;
    QTest::newRow("inch thread, typing the threads") << inch << QStringLiteral("1/4-2") << true;
    QTest::newRow("inch thread, other threads") << inch << QStringLiteral("1/4-28") << false;
    QTest::newRow("inch thread, other diameter") << inch << QStringLiteral("5/16-20") << false;
    QTest::newRow("inch thread, its length") << inch << QStringLiteral("1/4-20 1-1/2") << true;
    // Inch dimensions: numbers, fractions and mixed numbers joined by x, in order.
    QTest::newRow("inch dimension with a mixed number")
        << QStringLiteral("Wood screw, flat head, Phillips, #10 \u00d7 2-1/2\", plain")
        << QStringLiteral("wood screw #10 x 2-1/2") << true;
    QTest::newRow("inch dimension, another length")
        << QStringLiteral("Wood screw, flat head, Phillips, #10 \u00d7 2\", plain")
        << QStringLiteral("wood screw #10 x 2-1/2") << false;
    QTest::newRow("inch dimension with a fraction")
        << QStringLiteral("Self-drilling screw, hex washer head, #12 \u00d7 1/2\", zinc-plated")
        << QStringLiteral("#12x1/2") << true;
    QTest::newRow("inch dimension with a fraction, another length")
        << QStringLiteral("Self-drilling screw, flat head, #12 \u00d7 2\", 18-8 stainless")
        << QStringLiteral("#12 x 1/2") << false;
    QTest::newRow("inch thread and length")
        << QStringLiteral("Hex cap screw, grade 5, 1/4\"-20 \u00d7 1-1/2\", ASME B18.2.1")
        << QStringLiteral("1/4-20 x 1-1/2") << true;
    QTest::newRow("inch thread and another length")
        << QStringLiteral("Hex cap screw, grade 5, 1/4\"-20 \u00d7 1\", ASME B18.2.1")
        << QStringLiteral("1/4-20 x 1-1/2") << false;
    const QString tube = QStringLiteral("LED T8 tube, 4 ft, 15 W, 5000 K, Type B");
    QTest::newRow("kelvin glued") << tube << QStringLiteral("t8 5000k") << true;
    QTest::newRow("kelvin spelled out") << tube << QStringLiteral("5000 kelvin") << true;
    QTest::newRow("kelvin, another colour") << tube << QStringLiteral("4000k") << false;
    const QString elbow =
        QStringLiteral("PVC 90\u00b0 elbow, Schedule 40, 1-1/2\", Slip \u00d7 slip");
    QTest::newRow("mixed number typed apart") << elbow << QStringLiteral("pvc elbow 1 1/2") << true;
    QTest::newRow("mixed number typed as written")
        << elbow << QStringLiteral("1-1/2 elbow") << true;
    QTest::newRow("a fraction is its numbers in order")
        << QStringLiteral("Flat washer, zinc-plated, M24, DIN 125-A")
        << QStringLiteral("flat washer 1/2") << false;
    QTest::newRow("a fraction as written") << QStringLiteral("Copper tee, wrot, 3/4\", C \u00d7 C")
                                           << QStringLiteral("copper tee 3/4") << true;
    QTest::newRow("a fraction and a number apart still find both")
        << QStringLiteral("Ball valve 3/4\", 600 psi, 20 bar") << QStringLiteral("3/4 20") << true;
}

void tst_SearchText::finds()
{
    QFETCH(QString, document);
    QFETCH(QString, query);
    QFETCH(bool, found);
    QStringList errors;
    const Synonyms synonyms = Synonyms::parse(QString::fromUtf8(TestSynonyms), &errors);
    QCOMPARE(errors, QStringList());
    Index index;
    index.add(document);
    const QString expression = matchExpression(query, synonyms);
    QVERIFY(!expression.isEmpty());
    QString error;
    QCOMPARE(index.matches(expression, &error), found);
    QVERIFY2(error.isEmpty(), qPrintable(expression + u' ' + error));
}

void tst_SearchText::builtInSynonymsFind_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("onlyBySynonym"); // the query alone would not find it

    QTest::newRow("ss") << QStringLiteral("Stainless washer") << QStringLiteral("ss washer")
                        << true;
    QTest::newRow("galv") << QStringLiteral("Galvanised chain") << QStringLiteral("galv") << false;
    QTest::newRow("zp") << QStringLiteral("Zinc plated bolt") << QStringLiteral("zp bolt") << true;
    QTest::newRow("hex") << QStringLiteral("Hexagonal nut") << QStringLiteral("hex nut") << false;
    QTest::newRow("cs") << QStringLiteral("Carbon steel washer") << QStringLiteral("cs washer")
                        << true;
    QTest::newRow("rust resistant")
        << QStringLiteral("Galvanised hook") << QStringLiteral("rust resistant hook") << true;
    QTest::newRow("marine") << QStringLiteral("Shackle A4") << QStringLiteral("marine shackle")
                            << true;
    QTest::newRow("British spelling") << QStringLiteral("Flat washer, hot-dip galvanized, M12")
                                      << QStringLiteral("galvanised washer m12") << true;
    QTest::newRow("American spelling")
        << QStringLiteral("Torpedo level, aluminium") << QStringLiteral("aluminum level") << true;
    QTest::newRow("trade name") << QStringLiteral("Nylon-insert lock nut, M6, DIN 985")
                                << QStringLiteral("nyloc nut m6") << true;
    QTest::newRow("term in the plural") << QStringLiteral("Nylon cable ties, 8\", black")
                                        << QStringLiteral("zip ties black") << true;
    QTest::newRow("term in the plural, alternative in the plural")
        << QStringLiteral("Can liners, 45 gal") << QStringLiteral("bin bags") << true;
    QTest::newRow("size") << QStringLiteral("Nitrile disposable gloves, 5 mil, size L")
                          << QStringLiteral("nitrile gloves large") << true;
    QTest::newRow("fraction in words")
        << QStringLiteral("Copper 90\u00b0 elbow, wrot, 1/2\", C \u00d7 C")
        << QStringLiteral("half inch copper elbow") << true;
    QTest::newRow("what people call it")
        << QStringLiteral("Combination wrench, 13 mm") << QStringLiteral("spanner 13mm") << true;
    QTest::newRow("British name") << QStringLiteral(
                                         "Split lock washer, steel, zinc-plated, M10, DIN 127-B")
                                  << QStringLiteral("spring washer m10") << true;
    QTest::newRow("several words for one")
        << QStringLiteral("Utility knife, retractable") << QStringLiteral("stanley knife") << true;
    QTest::newRow("words for a number")
        << QStringLiteral("Circuit breaker, 1-pole, 20 A, 120/240 V AC")
        << QStringLiteral("single pole breaker 20a") << true;
    QTest::newRow("another spelling of a name")
        << QStringLiteral("Hi-vis safety vest, ANSI Class 2, size XL")
        << QStringLiteral("hi viz vest xl") << true;
    QTest::newRow("two words for one, in the plural")
        << QStringLiteral("Earmuffs, NRR 25 dB, headband") << QStringLiteral("ear muffs") << true;
    QTest::newRow("a brand for the thing")
        << QStringLiteral("Reciprocating saw blade, bi-metal, 6\", 10 TPI")
        << QStringLiteral("sawzall blade") << true;
    QTest::newRow("another country's standard")
        << QStringLiteral("N95 disposable respirator, NIOSH approved")
        << QStringLiteral("ffp2 mask") << true;
    QTest::newRow("a cut level as the standard writes it")
        << QStringLiteral("Cut-resistant gloves, ANSI A4, HPPE shell, size L")
        << QStringLiteral("cut level 4 gloves") << true;
    QTest::newRow("what the trade calls threaded rod")
        << QStringLiteral("Threaded rod, steel 4.8, zinc-plated, M10 \u00d7 1000 mm")
        << QStringLiteral("all thread m10") << true;
    QTest::newRow("a thread standard as the ends are written")
        << QStringLiteral("Ball valve, full port, lead-free brass, 1/2\", FIPT \u00d7 FIPT")
        << QStringLiteral("ball valve 1/2 npt") << true;
    QTest::newRow("a unit named without a number")
        << QStringLiteral("Heavy-duty degreaser, concentrate, citrus, 1 gal")
        << QStringLiteral("degreaser gallon") << true;
    QTest::newRow("a tool as the trade calls it")
        << QStringLiteral("Screwdriver, Slotted 1/4\" \u00d7 8\", cushion grip")
        << QStringLiteral("flat head screwdriver") << true;
    QTest::newRow("a tint as the lens")
        << QStringLiteral("Safety glasses, grey lens, anti-fog, black frame")
        << QStringLiteral("safety glasses tinted") << true;
}

void tst_SearchText::builtInSynonymsFind()
{
    QFETCH(QString, document);
    QFETCH(QString, query);
    QFETCH(bool, onlyBySynonym);
    QVERIFY(QFile::exists(QStringLiteral(":/search/synonyms.txt")));
    QVERIFY(!Synonyms::builtIn().isEmpty());
    Index index;
    index.add(document);
    QString error;
    QVERIFY2(index.matches(matchExpression(query), &error), qPrintable(matchExpression(query)));
    QCOMPARE(index.matches(matchExpression(query, Synonyms()), &error), !onlyBySynonym);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_SearchText::hostileInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("empty"); // no words: no expression

    QTest::newRow("quote") << QStringLiteral("\"") << true;
    QTest::newRow("star") << QStringLiteral("*") << true;
    QTest::newRow("x alone") << QStringLiteral("x") << false;
    QTest::newRow("multiplication sign alone") << QStringLiteral("\u00d7") << true;
    QTest::newRow("numbers and signs") << QStringLiteral("8 * * 40 x x 3") << false;
    QTest::newRow("NEAR") << QStringLiteral("NEAR(hex bolt, 2)") << false;
    QTest::newRow("operators") << QStringLiteral("hex AND OR NOT bolt") << false;
    QTest::newRow("column filter") << QStringLiteral("name:hex") << false;
    QTest::newRow("caret and plus") << QStringLiteral("^hex + bolt") << false;
    QTest::newRow("quote inside a word") << QStringLiteral("o\"brien") << false;
    QTest::newRow("synonym with operators") << QStringLiteral("ss OR \"zp\"") << false;
    QTest::newRow("synonym repeated") << QStringLiteral("marine ").repeated(100) << false;
    QTest::newRow("long garbage") << QStringLiteral("a(").repeated(5000) << false;
    QTest::newRow("very long word") << QStringLiteral("9").repeated(10000) << false;
    QTest::newRow("unit only") << QStringLiteral("mm") << false;
    QTest::newRow("units only") << QStringLiteral("40 mm mm mm") << false;
    QTest::newRow("NUL") << QString(QChar(u'\0')) << true;
    QTest::newRow("combining mark alone") << QStringLiteral("\u0301") << true;
}

void tst_SearchText::hostileInput()
{
    QFETCH(QString, text);
    QFETCH(bool, empty);
    const QString expression = matchExpression(text);
    QCOMPARE(expression.isEmpty(), empty);
    if (empty)
        return;
    QVERIFY2(expression.size() < 20000, qPrintable(QString::number(expression.size())));
    Index index;
    index.add(QStringLiteral("Hex bolt M8 \u00d7 40 mm"));
    QString error;
    index.matches(expression, &error);
    QVERIFY2(error.isEmpty(), qPrintable(expression.left(200) + u' ' + error));
}

void tst_SearchText::parseSynonyms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<int>("count");

    QTest::newRow("one rule") << QStringLiteral("ss = stainless") << QStringList{} << 1;
    QTest::newRow("comments, blank lines, CRLF")
        << QStringLiteral("# a comment\r\n\r\n  ss = stainless  \r\n# ss = steel\r\n")
        << QStringList{} << 1;
    QTest::newRow("several alternatives")
        << QStringLiteral("galv = galvanized | galvanised | hot dip galvanized") << QStringList{}
        << 1;
    QTest::newRow("no equals sign")
        << QStringLiteral("ss = stainless\nss stainless")
        << QStringList{QStringLiteral("line 2: expected 'term = alternative | ...'")} << 1;
    QTest::newRow("no term") << QStringLiteral("= stainless")
                             << QStringList{QStringLiteral(
                                    "line 1: the term before '=' has no words")}
                             << 0;
    QTest::newRow("term of punctuation")
        << QStringLiteral("-- = stainless")
        << QStringList{QStringLiteral("line 1: the term before '=' has no words")} << 0;
    QTest::newRow("no alternative")
        << QStringLiteral("ss =")
        << QStringList{QStringLiteral("line 1: an alternative after '=' has no words")} << 0;
    QTest::newRow("empty alternative")
        << QStringLiteral("galv = galvanized || galvanised")
        << QStringList{QStringLiteral("line 1: an alternative after '=' has no words")} << 0;
    QTest::newRow("two equals signs")
        << QStringLiteral("a = b = c") << QStringList{QStringLiteral("line 1: more than one '='")}
        << 0;
    QTest::newRow("only itself") << QStringLiteral("ss = SS")
                                 << QStringList{QStringLiteral(
                                        "line 1: no alternative other than the term itself")}
                                 << 0;
    QTest::newRow("defined twice, other case")
        << QStringLiteral("ss = stainless\n\nSS = steel")
        << QStringList{QStringLiteral("line 3: 'ss' is already defined above")} << 1;
    QTest::newRow("bad lines among good ones")
        << QStringLiteral("ss = stainless\nbad line\ngalv = galvanized\n= x\nzp = zinc plated")
        << QStringList{QStringLiteral("line 2: expected 'term = alternative | ...'"),
                       QStringLiteral("line 4: the term before '=' has no words")}
        << 3;
    QTest::newRow("empty file") << QString() << QStringList{} << 0;
}

void tst_SearchText::parseSynonyms()
{
    QFETCH(QString, text);
    QFETCH(QStringList, errors);
    QFETCH(int, count);
    QStringList actual;
    const Synonyms synonyms = Synonyms::parse(text, &actual);
    QCOMPARE(actual, errors);
    QCOMPARE(synonyms.size(), qsizetype(count));
    QCOMPARE(synonyms.isEmpty(), count == 0);
}

void tst_SearchText::longestTermWins()
{
    QStringList errors;
    const Synonyms synonyms = Synonyms::parse(
        QStringLiteral("rust = oxide\nrust resistant = stainless | galvanized"), &errors);
    QVERIFY(errors.isEmpty());
    qsizetype length = 0;
    const QStringList phrase{QStringLiteral("rust"), QStringLiteral("resistant"),
                             QStringLiteral("hinge")};
    QCOMPARE(synonyms.match(phrase, 0, &length),
             (QList<QStringList>{{QStringLiteral("stainless")}, {QStringLiteral("galvanized")}}));
    QCOMPARE(length, 2);
    const QStringList single{QStringLiteral("rust"), QStringLiteral("hinge")};
    QCOMPARE(synonyms.match(single, 0, &length), (QList<QStringList>{{QStringLiteral("oxide")}}));
    QCOMPARE(length, 1);
    QVERIFY(synonyms.match(single, 1, &length).isEmpty());
    QCOMPARE(length, 0);
    QVERIFY(synonyms.match(single, 5, &length).isEmpty());
}

void tst_SearchText::badFileStillSearches()
{
    // A damaged synonyms file costs its bad lines, not search.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("synonyms.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("ss = stainless\n\xff\xfe garbage without rule\nmarine = a4 |\n");
    file.close();
    QStringList errors;
    const Synonyms synonyms = Synonyms::load(path, &errors);
    QCOMPARE(errors,
             (QStringList{QStringLiteral("line 2: expected 'term = alternative | ...'"),
                          QStringLiteral("line 3: an alternative after '=' has no words")}));
    QCOMPARE(synonyms.size(), 1);
    Index index;
    index.add(QStringLiteral("Stainless washer"));
    QString error;
    QVERIFY(index.matches(matchExpression(QStringLiteral("ss washer"), synonyms), &error));
    QVERIFY(!index.matches(matchExpression(QStringLiteral("marine"), synonyms), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_SearchText::missingFile()
{
    QStringList errors;
    const Synonyms synonyms = Synonyms::load(QStringLiteral("/nonexistent/synonyms.txt"), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QLatin1String("cannot read /nonexistent/synonyms.txt")),
             qPrintable(errors.first()));
    QVERIFY(synonyms.isEmpty());
}

void tst_SearchText::tokensAreTheIndexTerms_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("words and punctuation") << QStringLiteral("Hex bolt, DIN 933; zinc-plated.");
    QTest::newRow("dimensions") << QStringLiteral("M8 \u00d7 40 mm, 4.8/1.5 x12");
    QTest::newRow("accents and case")
        << QStringLiteral("TU\u00c9RCA Tu\u00e9rca ni\u00f1o \u00c5ngstr\u00f6m");
    QTest::newRow("letters that do not fold")
        << QStringLiteral("Stra\u00dfe \u00f8resund \u0142\u00f3d\u017a");
    QTest::newRow("hyphens") << QStringLiteral("self-tapping -lead- a4-80 --x");
    QTest::newRow("other scripts") << QStringLiteral(
        "\u0411\u043e\u043b\u0442 \u87ba\u6813 \u03a3\u03c0\u03b5\u03af\u03c1\u03b1");
    QTest::newRow("sku") << QStringLiteral("HIS-FAS-000123 QM-0423117");
    QTest::newRow("compatibility forms")
        << QStringLiteral("\ufb01x m\u00b2 \uff21\uff22 \u2460 \u00bd \u2163");
    QTest::newRow("greek accents")
        << QStringLiteral("\u03a3\u03c0\u03b5\u03af\u03c1\u03b1 \u1f00\u03bb\u03c2");
    QTest::newRow("cyrillic accents")
        << QStringLiteral("\u0439\u043e\u0434 \u0451\u043b\u043a\u0430 \u0419");
    QTest::newRow("latin extended") << QStringLiteral(
        "\u1ea1\u1ec7 \u01c4 \u0130stanbul \u0131 \u00df \u1e9e \u00e6 \u0153 \u00fe \u00f0");
    QTest::newRow("combining marks") << QStringLiteral("e\u0301 a\u0308b \u0301x");
    QTest::newRow("symbols outside ASCII between ASCII words") << QStringLiteral(
        "M8\u00d740 mm, 90\u00b0 Elbow, 1/2\u2033 \u2013 \u201cQuoted\u201d \u2018x\u2019"
        " \u2026 \u2022Bullet \u00a75 \u00a92024 \u00b10.1 \u2264 3\u00a0in \u20ac12");
    QTest::newRow("a symbol, then a letter outside ASCII")
        << QStringLiteral("90\u00b0 Tu\u00c9RCA \u00d7 \u00b5m");
}

void tst_SearchText::tokensAreTheIndexTerms()
{
    QFETCH(QString, text);
    Index index;
    QCOMPARE(tokens(text), index.terms(text));
}

void tst_SearchText::relevance_data()
{
    // Rows are (SKU, name, description); the expected order lists row numbers, best first.
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("skus");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("descriptions");
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("name before description")
        << QStringLiteral("gland") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Cable tie"), QStringLiteral("Cable gland")}
        << QStringList{QStringLiteral("For a gland"), QString()} << QList<int>{1, 0};
    QTest::newRow("more occurrences")
        << QStringLiteral("gland") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Cable gland PG7"), QStringLiteral("Gland gland gland PG7")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    QTest::newRow("shorter text")
        << QStringLiteral("washer") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Flat washer for M8 bolts, zinc plated steel, DIN 125"),
                       QStringLiteral("Flat washer")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    QTest::newRow("sku weighs most")
        << QStringLiteral("bolt") << QStringList{QStringLiteral("BOLT-1"), QStringLiteral("X-1")}
        << QStringList{QStringLiteral("Hex screw"), QStringLiteral("Hex bolt")}
        << QStringList{QString(), QString()} << QList<int>{0, 1};
    QTest::newRow("every word counts")
        << QStringLiteral("hex bolt") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Hex nut"), QStringLiteral("Hex bolt")}
        << QStringList{QStringLiteral("Goes with a bolt"), QString()} << QList<int>{1, 0};
    QTest::newRow("prefix and accents")
        << QStringLiteral("tuer") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Nut"), QStringLiteral("Tu\u00e9rca")}
        << QStringList{QStringLiteral("Tuerca"), QString()} << QList<int>{1, 0};
    QTest::newRow("plural typed, the word as typed first")
        << QStringLiteral("glasses") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Glass cleaner"), QStringLiteral("Safety glasses")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    QTest::newRow("compound typed")
        << QStringLiteral("m8x40") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Bolt M8, 40 pieces"), QStringLiteral("Bolt M8 \u00d7 40 mm")}
        << QStringList{QStringLiteral("M8 bolt"), QString()} << QList<int>{1, 0};
    QTest::newRow("a whole word above a word it starts")
        << QStringLiteral("copper coupling")
        << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Copperline EMT set-screw coupling, 3/4\", steel"),
                       QStringLiteral(
                           "Flowright copper coupling with stop, wrot, 3/4\", C \u00d7 C")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    QTest::newRow("a mixed number above its numbers apart")
        << QStringLiteral("pvc elbow 1 1/2")
        << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("PVC 90\u00b0 elbow, Schedule 40, 1/2\", Slip \u00d7 slip"),
                       QStringLiteral("PVC 90\u00b0 elbow, Schedule 40, 1-1/2\", Slip \u00d7 slip")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    QTest::newRow("an inch thread above the numbers it holds apart")
        << QStringLiteral("1/4-20 cap screw")
        << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral(
                           "Socket head cap screw, steel 10.9, M10 \u00d7 20 mm, ISO 4762"),
                       QStringLiteral("Hex cap screw, grade 5, 1/4\"-20 \u00d7 1\", ASME B18.2.1")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
    // The index matches "8 mm" in "2.8 mm" too; it ranks below (the texts are of the same
    // length, so that only the phrase tells them apart).
    QTest::newRow("a number is not the end of a decimal")
        << QStringLiteral("8mm drill bit") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("Masonry drill bit, 2.8 mm"),
                       QStringLiteral("Masonry drill bit, 8 mm, SDS")}
        << QStringList{QString(), QString()} << QList<int>{1, 0};
}

void tst_SearchText::relevance()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, skus);
    QFETCH(QStringList, names);
    QFETCH(QStringList, descriptions);
    QFETCH(QList<int>, expected);
    const Synonyms none;
    QList<IndexedText> rows;
    for (qsizetype i = 0; i < skus.size(); ++i) {
        IndexedText row;
        row.columns[IndexedText::Sku] = skus.at(i);
        row.columns[IndexedText::Name] = names.at(i);
        row.columns[IndexedText::Description] = descriptions.at(i);
        Product p; // the extra terms as the index has them, of the SKU and the name
        p.sku = skus.at(i);
        p.name = names.at(i);
        row.columns[IndexedText::SearchTerms] = indexTerms(p);
        rows << row;
    }
    const QList<double> scores = searchtext::relevance(matchExpression(typed, none), rows);
    QCOMPARE(scores.size(), rows.size());
    QList<int> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&scores](int a, int b) { return scores.at(a) > scores.at(b); });
    QCOMPARE(order, expected);
    for (qsizetype i = 1; i < order.size(); ++i)
        QVERIFY2(scores.at(order.at(i - 1)) > scores.at(order.at(i)), "no ties expected");
}

QTEST_GUILESS_MAIN(tst_SearchText)
#include "tst_searchtext.moc"
