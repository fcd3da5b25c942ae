#include "core/catalog.h"
#include "core/feeds.h"
#include "core/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTest>

using namespace qm;

namespace {

QJsonValue qtValue(const QByteArray &text, QJsonParseError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text, error);
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

} // namespace

class tst_JsonText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatQtReads_data();
    void readsWhatQtReads();
    void rejects_data();
    void rejects();
    void canonicalText_data();
    void canonicalText();
    void accessorsBehaveAsQJsonValue_data();
    void accessorsBehaveAsQJsonValue();
    void membersAndElementsInOrder();
    void payloadHashesOverTheText();
};

void tst_JsonText::readsWhatQtReads_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("white space everywhere")
        << QByteArray(" \t\r\n{ \"a\" : [ 1 , 2 ] ,\n\"b\":{} } \n");
    QTest::newRow("literals") << QByteArray(R"({"t":true,"f":false,"n":null})");
    QTest::newRow("integers") << QByteArray(
        R"([0,-0,7,-12,9007199254740993,-9223372036854775808])");
    QTest::newRow("beyond 64 bits")
        << QByteArray(R"([9223372036854775808,100000000000000000000000])");
    QTest::newRow("fractions and exponents")
        << QByteArray(R"([1.5,-0.25,1e5,1E5,2e-3,1.25E+2,0.1,1e308])");
    QTest::newRow("escapes") << QByteArray(R"({"s":"a\"b\\c\/d\b\f\n\r\t\u0001\u00e9\u20AC"})");
    QTest::newRow("surrogate pair escaped") << QByteArray(R"(["\ud83d\ude00"])");
    QTest::newRow("lone surrogates escaped") << QByteArray(R"(["\ud800","x\udfffy"])");
    QTest::newRow("UTF-8") << QByteArray(
        "[\"M8 \xc3\x97 40 mm\",\"\xe2\x82\xac\",\"\xf0\x9f\x98\x80\"]");
    QTest::newRow("noncharacter") << QByteArray("[\"\xef\xbf\xbf\"]");
    QTest::newRow("member names escaped and unsorted")
        << QByteArray(R"({"z":1,"\u0061":2,"m":{"b":[],"a":[{}]}})");
    QTest::newRow("nested deep") << QByteArray(QByteArray(500, '[') + QByteArray(500, ']'));
    Product p;
    p.sku = QStringLiteral("HIS-FAS-000123");
    p.name = QStringLiteral("Hex bolt, stainless A4-80 (316), M8 \u00d7 40 mm");
    p.baseUom = QStringLiteral("EA");
    p.packs = {
        Pack{QStringLiteral("EA"), QStringLiteral("Each"), 1, QStringLiteral("4006381333931")}};
    QTest::newRow("a product") << QJsonDocument(p.toJson()).toJson(QJsonDocument::Indented);
}

// Everything accepted reads as QJsonDocument reads it.
void tst_JsonText::readsWhatQtReads()
{
    QFETCH(QByteArray, text);
    QString error;
    const auto doc = jsontext::Document::parse(text, &error);
    QVERIFY2(doc, qPrintable(error));
    QJsonParseError qtError;
    const QJsonValue expected = qtValue(text, &qtError);
    QCOMPARE(qtError.error, QJsonParseError::NoError);
    QCOMPARE(doc->root().toQJsonValue(), expected);
}

void tst_JsonText::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("offset");
    QTest::addColumn<bool>("qtAccepts"); // where this reader is stricter than QJsonDocument
    QTest::newRow("empty") << QByteArray("") << "empty document" << 0 << false;
    QTest::newRow("white space only") << QByteArray("  ") << "empty document" << 2 << false;
    QTest::newRow("scalar") << QByteArray("12") << "not an object or an array" << 0 << false;
    QTest::newRow("garbage after") << QByteArray("{} x") << "garbage at the end" << 3 << false;
    QTest::newRow("two documents") << QByteArray("{}{}") << "garbage at the end" << 2 << false;
    QTest::newRow("unterminated object")
        << QByteArray(R"({"a":1)") << "unterminated object" << 6 << false;
    QTest::newRow("unterminated array") << QByteArray("[1,2") << "unterminated array" << 4 << false;
    QTest::newRow("unterminated string")
        << QByteArray(R"({"a":"b)") << "unterminated string" << 7 << false;
    QTest::newRow("trailing comma in array")
        << QByteArray("[1,]") << "a value is missing after a comma" << 3 << false;
    QTest::newRow("trailing comma in object")
        << QByteArray(R"({"a":1,})") << "a member name is missing after a comma" << 7 << false;
    QTest::newRow("name not a string")
        << QByteArray("{a:1}") << "a member name is missing" << 1 << false;
    QTest::newRow("colon missing") << QByteArray(R"({"a" 1})") << "a ':' is missing" << 5 << false;
    QTest::newRow("comma missing")
        << QByteArray(R"({"a":1 "b":2})") << "a comma or '}' is missing" << 7 << false;
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})") << "a comma or '}' is missing" << 6
                                  << false;
    QTest::newRow("minus alone") << QByteArray("[-]") << "illegal number" << 2 << false;
    QTest::newRow("exponent without digits")
        << QByteArray("[1e]") << "illegal number" << 3 << false;
    QTest::newRow("number too large") << QByteArray("[1e400]") << "illegal number" << 1 << false;
    QTest::newRow("number too small") << QByteArray("[1e-400]") << "illegal number" << 1 << false;
    QTest::newRow("word") << QByteArray("[nul]") << "illegal value" << 1 << false;
    QTest::newRow("single quotes") << QByteArray("['a']") << "illegal value" << 1 << false;
    QTest::newRow("short \\u") << QByteArray(R"(["\u12"])") << "illegal escape sequence" << 2
                               << false;
    QTest::newRow("overlong UTF-8")
        << QByteArray("[\"\xc0\xaf\"]") << "invalid UTF-8" << 2 << false;
    QTest::newRow("UTF-8 surrogate")
        << QByteArray("[\"\xed\xa0\x80\"]") << "invalid UTF-8" << 2 << false;
    QTest::newRow("truncated UTF-8")
        << QByteArray("[\"\xe2\x82\"]") << "invalid UTF-8" << 2 << false;
    QTest::newRow("too deep") << QByteArray(2000, '[') << "too deeply nested" << 1024 << false;
    // Stricter than QJsonDocument:
    QTest::newRow("bad escape") << QByteArray(R"(["\a"])") << "illegal escape sequence" << 2
                                << true;
    QTest::newRow("control character in a string")
        << QByteArray("[\"a\x01\"]") << "control character in a string" << 3 << true;
    QTest::newRow("fraction without digits") << QByteArray("[1.]") << "illegal number" << 3 << true;
    QTest::newRow("member named twice")
        << QByteArray(R"({"a":1,"b":2,"a":3})") << "member 'a' named twice" << 13 << true;
    QTest::newRow("member named twice, once escaped")
        << QByteArray(R"({"\u0061":1,"a":3})") << "member 'a' named twice" << 12 << true;
}

// Each error names what is wrong and where; nothing QJsonDocument rejects is accepted.
void tst_JsonText::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    QFETCH(int, offset);
    QFETCH(bool, qtAccepts);
    QString error;
    QVERIFY(!jsontext::Document::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.endsWith(QStringLiteral(" at offset %1").arg(offset)), qPrintable(error));
    QJsonParseError qtError;
    QJsonDocument::fromJson(text, &qtError);
    QCOMPARE(qtError.error == QJsonParseError::NoError, qtAccepts);
}

void tst_JsonText::canonicalText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("canonical");
    QTest::newRow("compact, sorted")
        << QByteArray(R"({"a":1,"b":[true,null],"c":{"d":"e"}})") << true;
    QTest::newRow("empty") << QByteArray("{}") << true;
    QTest::newRow("canonical escapes")
        << QByteArray(R"({"s":"q\"b\\n\nr\rt\tb\bf\fc\u0001\u001f"})") << true;
    QTest::newRow("UTF-8") << QByteArray("{\"s\":\"M8 \xc3\x97 40 \xf0\x9f\x98\x80\"}") << true;
    QTest::newRow("negative integer") << QByteArray(R"({"n":-12})") << true;
    QTest::newRow("white space") << QByteArray(R"({"a": 1})") << false;
    QTest::newRow("white space nested") << QByteArray(R"({"a":[1, 2]})") << false;
    QTest::newRow("unsorted") << QByteArray(R"({"b":1,"a":2})") << false;
    QTest::newRow("unsorted nested") << QByteArray(R"({"a":{"y":1,"x":2}})") << false;
    QTest::newRow("escaped name") << QByteArray(R"({"\u0061":1})") << false;
    // Canonical, but left to the fallback: names are compared bytewise only in ASCII, and a
    // fraction is written in its shortest form, which is not checked.
    QTest::newRow("non-ASCII name") << QByteArray("{\"\xc3\xa9\":1}") << false;
    QTest::newRow("slash escaped") << QByteArray(R"({"s":"a\/b"})") << false;
    QTest::newRow("letter escaped") << QByteArray(R"({"s":"\u0041"})") << false;
    QTest::newRow("newline as \\u") << QByteArray(R"({"s":"\u000a"})") << false;
    QTest::newRow("upper-case hex") << QByteArray(R"({"s":"\u001F"})") << false;
    QTest::newRow("surrogate pair escaped") << QByteArray(R"({"s":"\ud83d\ude00"})") << false;
    QTest::newRow("minus zero") << QByteArray(R"({"n":-0})") << false;
    QTest::newRow("fraction") << QByteArray(R"({"n":1.5})") << false;
    QTest::newRow("long fraction") << QByteArray(R"({"n":1.50})") << false;
    QTest::newRow("whole fraction") << QByteArray(R"({"n":1.0})") << false;
    QTest::newRow("exponent") << QByteArray(R"({"n":1e2})") << false;
    QTest::newRow("beyond 64 bits") << QByteArray(R"({"n":9223372036854775808})") << false;
}

// A value's text is marked canonical only where it is what canonicalJson writes, so the hash
// over it is the hash the portal computed; where it is not marked, the hash is taken over the
// form written from it, the same either way.
void tst_JsonText::canonicalText()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, canonical);
    QString error;
    const auto doc = jsontext::Document::parse(text, &error);
    QVERIFY2(doc, qPrintable(error));
    const jsontext::Value root = doc->root();
    QCOMPARE(root.isCanonical(), canonical);
    const QByteArray written = canonicalJson(root.toQJsonObject());
    if (canonical)
        QCOMPARE(text, written);
    QCOMPARE(canonicalJson(root), written);
    QCOMPARE(feedEntryHash(u"k", root), feedEntryHash(u"k", root.toQJsonObject()));
}

void tst_JsonText::accessorsBehaveAsQJsonValue_data()
{
    QTest::addColumn<QByteArray>("member");
    for (const char *v : {"1",
                          "-7",
                          "0",
                          "-0",
                          "1.5",
                          "2.0",
                          "1e3",
                          "9223372036854775807",
                          "9223372036854775808",
                          "-9223372036854775808",
                          "1e300",
                          "true",
                          "false",
                          "null",
                          "\"\"",
                          "\"text\"",
                          "\"12\"",
                          "[]",
                          "[1,2]",
                          "{}",
                          "{\"a\":1}"})
        QTest::newRow(v) << QByteArray(v);
}

void tst_JsonText::accessorsBehaveAsQJsonValue()
{
    QFETCH(QByteArray, member);
    const QByteArray text = "{\"m\":" + member + "}";
    const auto doc = jsontext::Document::parse(text, nullptr);
    QVERIFY(doc);
    const jsontext::Value v = doc->root().value(u"m");
    const QJsonValue q = QJsonDocument::fromJson(text).object().value(u"m");
    QCOMPARE(v.isUndefined(), false);
    QCOMPARE(v.isNull(), q.isNull());
    QCOMPARE(v.isBool(), q.isBool());
    QCOMPARE(v.isDouble(), q.isDouble());
    QCOMPARE(v.isString(), q.isString());
    QCOMPARE(v.isArray(), q.isArray());
    QCOMPARE(v.isObject(), q.isObject());
    QCOMPARE(v.toBool(true), q.toBool(true));
    QCOMPARE(v.toBool(false), q.toBool(false));
    QCOMPARE(v.toInteger(-99), q.toInteger(-99));
    QCOMPARE(v.toDouble(-99), q.toDouble(-99));
    QCOMPARE(v.toString(), q.toString());
    QCOMPARE(v.size(), q.isArray() ? q.toArray().size() : q.toObject().size());
    QCOMPARE(v.toObject().isUndefined(), !q.isObject());
    QCOMPARE(v.toArray().isUndefined(), !q.isArray());
    // A missing member, and members of what is not an object, are undefined.
    QVERIFY(doc->root().value(u"x").isUndefined());
    QVERIFY(v.value(u"m").isUndefined() || q.isObject());
    QCOMPARE(v.value(u"a").toInteger(-1), q.toObject().value(u"a").toInteger(-1));
}

void tst_JsonText::membersAndElementsInOrder()
{
    const QByteArray text = "{\"b\":[1,[2,3],{\"x\":4}],\"\xc3\xa9t\xc3\xa9\":\"s\",\"a\\n\":{}}";
    const auto doc = jsontext::Document::parse(text, nullptr);
    QVERIFY(doc);
    QStringList keys;
    const jsontext::Value root = doc->root();
    for (auto it = root.begin(); it != root.end(); ++it)
        keys << it.key();
    QCOMPARE(keys, (QStringList{u"b"_qs, u"\u00e9t\u00e9"_qs, u"a\n"_qs}));
    QCOMPARE(root.value(u"\u00e9t\u00e9").toString(), u"s"_qs);
    QCOMPARE(root.value(u"a\n").isObject(), true);
    QList<QByteArray> elements;
    for (const jsontext::Value e : root.value(u"b"))
        elements << e.text().toByteArray();
    QCOMPARE(elements, (QList<QByteArray>{"1", "[2,3]", "{\"x\":4}"}));
    QCOMPARE(root.value(u"b").size(), 3);
    // Iterating what is not a container, or nothing, finds nothing.
    int n = 0;
    for (const jsontext::Value e : root.value(u"missing"))
        n += e.isUndefined() ? 1 : 2;
    for (const jsontext::Value e : root.value(u"\u00e9t\u00e9"))
        n += e.isUndefined() ? 1 : 2;
    QCOMPARE(n, 0);
}

// A page as the portal writes it: every payload's hash is taken over its text, and equals the
// hash of its canonical form.
void tst_JsonText::payloadHashesOverTheText()
{
    Product p;
    p.sku = QStringLiteral("A-1");
    p.name = QStringLiteral("Washer \"DIN 125\"\tM8 \u00d7 16 \U0001F529");
    p.baseUom = QStringLiteral("EA");
    p.attributes.insert(QStringLiteral("material"), QStringLiteral("A4"));
    p.packs = {Pack{QStringLiteral("EA"), QStringLiteral("Each"), 1, {}}};
    FeedPageWriter writer(u"products");
    writer.addUpsert(1, u"A-1", canonicalJson(p.toJson()));
    QString error;
    const auto page = FeedPage::fromJson(writer.finish(1, true), 0, &error);
    QVERIFY2(page, qPrintable(error));
    const jsontext::Value payload = page->items.at(0).payload;
    QVERIFY(payload.isCanonical());
    QCOMPARE(payload.text().toByteArray(), canonicalJson(p.toJson()));
    QCOMPARE(feedEntryHash(u"A-1", payload), feedEntryHash(u"A-1", p.toJson()));
    const auto back = Product::fromJson(payload, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), p.toJson());
}

QTEST_APPLESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
