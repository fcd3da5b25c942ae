#include "core/feeds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QTest>

#include <array>
#include <functional>

using namespace qm;

class tst_Feeds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names();
    void canonicalJsonIsStableAcrossRoundTrip();
    void canonicalJsonIsQtCompactJson_data();
    void canonicalJsonIsQtCompactJson();
    void canonicalJsonOfGeneratedPayloads();
    void entryHashKnownValue();
    void digestIsOrderIndependentAndReversible();
    void digestHex_data();
    void digestHex();
    void writerOutputParses();
    void writerEscapesKeysLikeQJsonDocument_data();
    void writerEscapesKeysLikeQJsonDocument();
    void parseRejects_data();
    void parseRejects();
    void partNumberJson_data();
    void partNumberJson();
};

void tst_Feeds::names()
{
    for (Feed f : servedFeeds())
        QCOMPARE(feedFromName(feedName(f)), f);
    QVERIFY(!feedFromName(u"invoices").has_value());
    // The client pulls every feed the portal serves, the orders feed last.
    QCOMPARE(servedFeeds(), allFeeds());
    QCOMPARE(allFeeds().constLast(), Feed::Orders);
    QCOMPARE(feedFromName(u"orders"), Feed::Orders);
    QVERIFY(isAccountFeed(Feed::Orders));
    QCOMPARE(catalogFeeds(),
             (QList<Feed>{Feed::Products, Feed::Prices, Feed::Stock, Feed::PartNumbers}));
    QCOMPARE(allFeeds(), catalogFeeds() + (QList<Feed>{Feed::Lists, Feed::Orders}));
    QCOMPARE(feedName(Feed::Lists), QStringLiteral("lists"));
    QCOMPARE(feedFromName(u"lists"), Feed::Lists);
    QVERIFY(isAccountFeed(Feed::Lists));
    QCOMPARE(catalogFeeds().first(), Feed::Products);
    QCOMPARE(feedName(Feed::PartNumbers), QStringLiteral("part_numbers"));
    QVERIFY(isAccountFeed(Feed::PartNumbers));
    QVERIFY(!isAccountFeed(Feed::Products) && !isAccountFeed(Feed::Prices) &&
            !isAccountFeed(Feed::Stock));
}

void tst_Feeds::canonicalJsonIsStableAcrossRoundTrip()
{
    // Keys given out of order, non-ASCII text, nested values, a quote and a backslash.
    const QByteArray input =
        R"({"z":1,"a":"Hex bolt M8 \u00d7 40 mm","m":{"y":[1,2,{"b":true,"a":null}],"x":"q\"\\"}})";
    const QJsonObject o = QJsonDocument::fromJson(input).object();
    const QByteArray canonical = canonicalJson(o);
    QVERIFY(canonical.startsWith("{\"a\":"));
    QCOMPARE(canonicalJson(QJsonDocument::fromJson(canonical).object()), canonical);
}

// canonicalJson() writes what Qt 6.4's QJsonDocument::toJson(Compact) writes, so that
// hashes stay what they were and do not change with the Qt version.
void tst_Feeds::canonicalJsonIsQtCompactJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("scalars") << QByteArray(R"({"t":true,"f":false,"n":null,"i":-42,"z":0})");
    QTest::newRow("large integers")
        << QByteArray(R"({"a":9007199254740993,"b":-9223372036854775808,"c":9223372036854775807})");
    QTest::newRow("control characters")
        << QByteArray(R"({"s":"a\b\f\n\r\t\u0000\u001f\u007f end"})");
    QTest::newRow("quotes and backslashes") << QByteArray(R"({"q\"k":"\"\\\/"})");
    QTest::newRow("two- and three-byte UTF-8")
        << QByteArray(R"({"s":"\u00e9\u00d7\u0416\u20ac\uffff\u0800"})");
    QTest::newRow("surrogate pair") << QByteArray(R"({"s":"\ud83d\ude00 \ud834\udd1e"})");
    QTest::newRow("nested") << QByteArray(
        R"({"b":[1,[2,[]],{"y":{},"x":[{"k":"v"}]}],"a":{"c":[true,null]}})");
    QTest::newRow("fractions") << QByteArray(R"({"a":1.5,"b":-0.25,"c":1e300,"d":1.0,"e":2e3})");
}

void tst_Feeds::canonicalJsonIsQtCompactJson()
{
    QFETCH(QByteArray, json);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(canonicalJson(o), QJsonDocument(o).toJson(QJsonDocument::Compact));
    // Hashed from the parsed object as it is written: the hash of the canonical bytes.
    QCOMPARE(feedEntryHash(u"k\u00e9y", o), feedEntryHash(u"k\u00e9y", canonicalJson(o)));
}

void tst_Feeds::canonicalJsonOfGeneratedPayloads()
{
    // Objects built in code (as the portal builds payloads) and parsed back from text, with
    // every kind of value and characters from all over the BMP and beyond.
    QRandomGenerator random(20261127);
    const auto text = [&random] {
        QString s;
        const int n = random.bounded(12);
        for (int i = 0; i < n; ++i) {
            switch (random.bounded(5)) {
            case 0:
                s += QChar(char16_t(random.bounded(0x20)));
                break;
            case 1:
                s += QChar(char16_t(random.bounded(0x20, 0x80)));
                break;
            case 2:
                s += QChar(char16_t(random.bounded(0x80, 0x10000)));
                break;
            case 3:
                s += QString::fromUcs4(
                    std::array<char32_t, 1>{char32_t(random.bounded(0x10000, 0x110000))}.data(), 1);
                break;
            default:
                s += QStringLiteral("Hex bolt M8 \u00d7 40");
            }
        }
        return s;
    };
    std::function<QJsonValue(int)> value = [&](int depth) -> QJsonValue {
        switch (random.bounded(depth > 2 ? 5 : 7)) {
        case 0:
            return QJsonValue();
        case 1:
            return random.bounded(2) == 1;
        case 2:
            return qint64(random.generate64()) >> random.bounded(64);
        case 3:
            return random.bounded(1000);
        case 4:
            return text();
        case 5: {
            QJsonArray a;
            for (int i = random.bounded(4); i > 0; --i)
                a.append(value(depth + 1));
            return a;
        }
        default: {
            QJsonObject o;
            for (int i = random.bounded(5); i > 0; --i)
                o.insert(text(), value(depth + 1));
            return o;
        }
        }
    };
    for (int i = 0; i < 2000; ++i) {
        QJsonObject o;
        for (int k = random.bounded(8); k > 0; --k)
            o.insert(text(), value(0));
        const QByteArray qt = QJsonDocument(o).toJson(QJsonDocument::Compact);
        QCOMPARE(canonicalJson(o), qt);
        const QJsonObject parsed = QJsonDocument::fromJson(qt).object();
        QCOMPARE(canonicalJson(parsed), QJsonDocument(parsed).toJson(QJsonDocument::Compact));
        const QString key = text();
        QCOMPARE(feedEntryHash(key, parsed), feedEntryHash(key, canonicalJson(parsed)));
        QCOMPARE(feedEntryHash(key, o), feedEntryHash(key, qt));
    }
}

void tst_Feeds::entryHashKnownValue()
{
    // FNV-1a 64 of "a\n{}": computed independently (offset basis 0xcbf29ce484222325,
    // prime 0x100000001b3).
    quint64 h = 0xcbf29ce484222325ULL;
    for (char c : QByteArray("a\n{}")) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    QCOMPARE(feedEntryHash(u"a", "{}"), h);
    QVERIFY(feedEntryHash(u"a", "{}") != feedEntryHash(u"b", "{}"));
    QVERIFY(feedEntryHash(u"a", "{}") != feedEntryHash(u"a", "{ }"));
}

void tst_Feeds::digestIsOrderIndependentAndReversible()
{
    const quint64 h1 = feedEntryHash(u"A", "{\"x\":1}");
    const quint64 h2 = feedEntryHash(u"B", "{\"x\":2}");
    const quint64 h3 = feedEntryHash(u"C", "{\"x\":3}");
    FeedDigest forward;
    forward.add(h1);
    forward.add(h2);
    forward.add(h3);
    FeedDigest backward;
    backward.add(h3);
    backward.add(h2);
    backward.add(h1);
    QCOMPARE(forward, backward);
    backward.remove(h2);
    QVERIFY(forward != backward);
    backward.add(h2);
    QCOMPARE(forward, backward);
}

void tst_Feeds::digestHex_data()
{
    QTest::addColumn<QString>("hex");
    QTest::addColumn<bool>("ok");
    QTest::newRow("zero") << "0000000000000000" << true;
    QTest::newRow("max") << "ffffffffffffffff" << true;
    QTest::newRow("short") << "ffff" << false;
    QTest::newRow("not hex") << "zzzzzzzzzzzzzzzz" << false;
}

void tst_Feeds::digestHex()
{
    QFETCH(QString, hex);
    QFETCH(bool, ok);
    const auto d = FeedDigest::fromHex(hex);
    QCOMPARE(d.has_value(), ok);
    if (ok)
        QCOMPARE(d->toHex(), hex);
}

void tst_Feeds::writerOutputParses()
{
    FeedPageWriter w(u"products");
    const QByteArray payload =
        canonicalJson(QJsonObject{{QStringLiteral("sku"), QStringLiteral("A\"1")}});
    w.addUpsert(5, u"A\"1", payload);
    w.addDelete(9, u"B\u00d72");
    FeedDigest digest;
    digest.add(feedEntryHash(u"A\"1", payload));
    const QByteArray json = w.finish(9, false, 1, digest);

    QString error;
    const auto page = FeedPage::fromJson(json, 0, &error);
    QVERIFY2(page.has_value(), qPrintable(error));
    QCOMPARE(page->feed, QStringLiteral("products"));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items[0].key, QStringLiteral("A\"1"));
    QCOMPARE(canonicalJson(page->items[0].data()), payload);
    QVERIFY(page->items[1].deleted);
    QCOMPARE(page->items[1].key, QStringLiteral("B\u00d72"));
    QCOMPARE(page->next, 9);
    QCOMPARE(page->count, 1);
    QCOMPARE(page->hash, digest);

    // A page that says there is more need not carry count and hash.
    FeedPageWriter more(u"stock");
    more.addDelete(3, u"X");
    const auto partial = FeedPage::fromJson(more.finish(3, true), 0, &error);
    QVERIFY2(partial.has_value(), qPrintable(error));
    QVERIFY(partial->hasMore);
    QVERIFY(!partial->count.has_value());
}

void tst_Feeds::writerEscapesKeysLikeQJsonDocument_data()
{
    QTest::addColumn<QString>("key");
    QString ascii;
    for (char16_t u = 1; u < 0x80; ++u)
        ascii.append(QChar(u));
    QTest::newRow("every ASCII character") << ascii;
    QTest::newRow("NUL") << QString(QChar(0));
    QTest::newRow("quote and backslash") << QStringLiteral(R"(M8 "x" 40\50)");
    QTest::newRow("two-byte UTF-8") << QStringLiteral(u"\u00d7 \u00e9 \u07ff \u0080");
    QTest::newRow("three-byte UTF-8") << QStringLiteral(u"\u0800 \u20ac \ufffd \uffff");
    QTest::newRow("surrogate pair") << QStringLiteral(u"\U0001F529 bolt");
    QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) + QStringLiteral("x");
    QTest::newRow("lone low surrogate") << QStringLiteral("x") + QString(QChar(0xdd29));
    QTest::newRow("high surrogate at the end") << QStringLiteral("x") + QString(QChar(0xd83d));
    QTest::newRow("reversed pair") << QString(QChar(0xdd29)) + QString(QChar(0xd83d));
}

void tst_Feeds::writerEscapesKeysLikeQJsonDocument()
{
    // The page writer escapes keys itself; its bytes must be what QJsonDocument writes for
    // the same string, so that a page reads back the same whoever wrote it.
    QFETCH(QString, key);
    FeedPageWriter w(u"stock");
    w.addDelete(1, key);
    const QByteArray page = w.finish(1, true);

    QByteArray quoted = QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact);
    quoted = quoted.mid(1, quoted.size() - 2);
    const QByteArray expected = R"({"feed":"stock","items":[{"seq":1,"key":)" + quoted +
                                R"(,"op":"delete"}],"next":1,"has_more":true})";
    QCOMPARE(page, expected);

    QString error;
    const auto parsed = FeedPage::fromJson(page, 0, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->items.value(0).key,
             QJsonDocument::fromJson("[" + quoted + "]").array().at(0).toString());

    // The portal hands keys over as the UTF-8 it stores; a key that is valid Unicode (no
    // lone surrogate) must come out byte for byte the same that way.
    const QByteArray utf8 = key.toUtf8();
    if (QString::fromUtf8(utf8) == key) {
        FeedPageWriter bytes(u"stock");
        bytes.addDelete(1, QByteArrayView(utf8));
        QCOMPARE(bytes.finish(1, true), expected);
        FeedPageWriter upserts(u"stock");
        FeedPageWriter upsertsFromBytes(u"stock");
        upserts.addUpsert(1, key, "{}");
        upsertsFromBytes.addUpsert(1, QByteArrayView(utf8), "{}");
        QCOMPARE(upsertsFromBytes.finish(1, true), upserts.finish(1, true));
    }
}

void tst_Feeds::parseRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("after");
    const QByteArray tail = R"(,"next":9,"has_more":false,"count":0,"hash":"0000000000000000"})";
    QTest::newRow("not json") << QByteArray("{") << qint64(0);
    QTest::newRow("array") << QByteArray("[]") << qint64(0);
    QTest::newRow("no items") << QByteArray(R"({"next":1,"has_more":true})") << qint64(0);
    QTest::newRow("seq not increasing")
        << QByteArray(
               R"({"items":[{"seq":5,"key":"a","op":"delete"},{"seq":5,"key":"b","op":"delete"}])" +
               tail)
        << qint64(0);
    QTest::newRow("seq not after cursor")
        << QByteArray(R"({"items":[{"seq":5,"key":"a","op":"delete"}])" + tail) << qint64(5);
    QTest::newRow("unknown op") << QByteArray(R"({"items":[{"seq":5,"key":"a","op":"merge"}])" +
                                              tail)
                                << qint64(0);
    QTest::newRow("upsert without data")
        << QByteArray(R"({"items":[{"seq":5,"key":"a","op":"upsert"}])" + tail) << qint64(0);
    QTest::newRow("empty key") << QByteArray(R"({"items":[{"seq":5,"key":"","op":"delete"}])" +
                                             tail)
                               << qint64(0);
    QTest::newRow("next behind items")
        << QByteArray(R"({"items":[{"seq":12,"key":"a","op":"delete"}])" + tail) << qint64(0);
    QTest::newRow("last page without hash")
        << QByteArray(R"({"items":[],"next":0,"has_more":false,"count":0})") << qint64(0);
    QTest::newRow("bad hash")
        << QByteArray(R"({"items":[],"next":0,"has_more":false,"count":0,"hash":"xyz"})")
        << qint64(0);
}

void tst_Feeds::parseRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, after);
    QString error;
    QVERIFY(!FeedPage::fromJson(json, after, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void tst_Feeds::partNumberJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::newRow("part number and sku")
        << QByteArray(R"({"part_number":"BMG-004512","sku":"HIS-100001"})") << true;
    QTest::newRow("with a description")
        << QByteArray(R"({"description":"Dock B","part_number":"CRF-JAN-01234","sku":"HIS-1"})")
        << true;
    QTest::newRow("no part number") << QByteArray(R"({"sku":"HIS-1"})") << false;
    QTest::newRow("blank part number")
        << QByteArray(R"({"part_number":"  ","sku":"HIS-1"})") << false;
    QTest::newRow("no sku") << QByteArray(R"({"part_number":"P-1"})") << false;
    QTest::newRow("numeric part number")
        << QByteArray(R"({"part_number":4512,"sku":"HIS-1"})") << false;
    QTest::newRow("description not text")
        << QByteArray(R"({"description":[],"part_number":"P-1","sku":"HIS-1"})") << false;
}

void tst_Feeds::partNumberJson()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QString error;
    const auto parsed =
        CustomerPartNumber::fromJson(QJsonDocument::fromJson(json).object(), &error);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    // Writing it back gives the same canonical bytes (no description key when it is empty).
    QCOMPARE(canonicalJson(parsed->toJson()), json);
}

QTEST_APPLESS_MAIN(tst_Feeds)
#include "tst_feeds.moc"
