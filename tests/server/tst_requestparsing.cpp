#include "core/problem.h"
#include "server/httprequest.h"
#include "server/requestparsing.h"

#include <QTest>

#include <initializer_list>
#include <utility>

using namespace qm;

using Params = QHash<QString, QString>;

namespace {

Params params(std::initializer_list<std::pair<const char *, const char *>> pairs)
{
    Params out;
    for (const auto &[name, value] : pairs)
        out.insert(QString::fromUtf8(name), QString::fromUtf8(value));
    return out;
}

} // namespace

class tst_RequestParsing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void count_data();
    void count();
    void syncQuery_data();
    void syncQuery();
    void bodyParameters_data();
    void bodyParameters();
    void formRoundTrip_data();
    void formRoundTrip();
    void listPrecondition_data();
    void listPrecondition();
};

void tst_RequestParsing::count_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused

    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("leading zeros") << "007" << qint64(7);
    QTest::newRow("18 digits") << "999999999999999999" << qint64(999999999999999999);
    QTest::newRow("19 digits") << "1000000000000000000" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("sign") << "+5" << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("space") << " 5" << qint64(-1);
    QTest::newRow("hex") << "0x10" << qint64(-1);
    QTest::newRow("arabic-indic digit") << QString(QChar(0x0665)) << qint64(-1);
}

void tst_RequestParsing::count()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto parsed = parseCount(text);
    QCOMPARE(parsed.value_or(-1), expected);
}

void tst_RequestParsing::syncQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("after");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("full");

    QTest::newRow("none") << "" << true << qint64(0) << SyncQuery::DefaultLimit << false;
    QTest::newRow("all") << "after=1200&limit=500&full=true" << true << qint64(1200) << 500 << true;
    QTest::newRow("full false") << "full=false" << true << qint64(0) << SyncQuery::DefaultLimit
                                << false;
    QTest::newRow("limit at the maximum")
        << "limit=5000" << true << qint64(0) << SyncQuery::MaxLimit << false;
    QTest::newRow("encoded digits")
        << "after=%31%32" << true << qint64(12) << SyncQuery::DefaultLimit << false;
    QTest::newRow("limit over the maximum") << "limit=5001" << false << qint64(0) << 0 << false;
    QTest::newRow("limit zero") << "limit=0" << false << qint64(0) << 0 << false;
    QTest::newRow("negative after") << "after=-1" << false << qint64(0) << 0 << false;
    QTest::newRow("empty after") << "after=" << false << qint64(0) << 0 << false;
    QTest::newRow("full yes") << "full=yes" << false << qint64(0) << 0 << false;
    QTest::newRow("full upper case") << "full=TRUE" << false << qint64(0) << 0 << false;
}

void tst_RequestParsing::syncQuery()
{
    QFETCH(QString, query);
    QFETCH(bool, ok);
    RequestError error;
    const auto parsed = SyncQuery::parse(QUrlQuery(query), &error);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QCOMPARE(error.slug, QString::fromUtf16(problems::InvalidCursor));
        QCOMPARE(error.status, 400);
        QVERIFY(!error.detail.isEmpty());
        return;
    }
    QTEST(parsed->after, "after");
    QTEST(parsed->limit, "limit");
    QTEST(parsed->fullPull, "full");
}

void tst_RequestParsing::bodyParameters_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Params>("expected");
    QTest::addColumn<QString>("slug"); // empty: accepted
    QTest::addColumn<int>("status");

    const QByteArray form = "application/x-www-form-urlencoded";
    const QByteArray json = "application/json";
    QTest::newRow("form") << form << QByteArray("grant_type=password&username=buyer")
                          << params({{"grant_type", "password"}, {"username", "buyer"}}) << "" << 0;
    QTest::newRow("form plus is a space, %2B a plus")
        << form << QByteArray("password=a+b%2Bc") << params({{"password", "a b+c"}}) << "" << 0;
    QTest::newRow("form encoded name")
        << form << QByteArray("user%6Eame=x") << params({{"username", "x"}}) << "" << 0;
    QTest::newRow("form empty") << form << QByteArray() << Params{} << "" << 0;
    QTest::newRow("form raw and escaped UTF-8 read the same")
        << form << QByteArray("a=\xc3\xa4\xf3\xbf\xbf\xbf&b=%C3%A4%F3%BF%BF%BF")
        << Params{{QStringLiteral("a"), QString::fromUtf8("\xc3\xa4\xf3\xbf\xbf\xbf")},
                  {QStringLiteral("b"), QString::fromUtf8("\xc3\xa4\xf3\xbf\xbf\xbf")}}
        << "" << 0;
    QTest::newRow("form repeated")
        << form << QByteArray("scope=a&scope=b") << Params{} << "bad-request" << 400;
    QTest::newRow("json") << json << QByteArray(R"({"grant_type":"password","password":"p w"})")
                          << params({{"grant_type", "password"}, {"password", "p w"}}) << "" << 0;
    QTest::newRow("json number") << json << QByteArray(R"({"grant_type":1})") << Params{}
                                 << "bad-request" << 400;
    QTest::newRow("json array") << json << QByteArray("[]") << Params{} << "bad-request" << 400;
    QTest::newRow("json malformed")
        << json << QByteArray(R"({"grant_type":)") << Params{} << "malformed-json" << 400;
    QTest::newRow("other type") << QByteArray("text/plain") << QByteArray("grant_type=password")
                                << Params{} << "unsupported-media-type" << 415;
}

void tst_RequestParsing::bodyParameters()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(QString, slug);
    RequestError error;
    const auto params = parseBodyParameters(type, body, &error);
    QCOMPARE(params.has_value(), slug.isEmpty());
    if (params) {
        QTEST(*params, "expected");
        return;
    }
    QCOMPARE(error.slug, slug);
    QTEST(error.status, "status");
    QVERIFY(!error.detail.isEmpty());
}

void tst_RequestParsing::formRoundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    // Inputs the fuzzer found (fuzz_request), then plain ones.
    QTest::newRow("fuzz: control bytes, NULs, invalid UTF-8, a stray %") << QByteArray::fromBase64(
        "ZwAAenP///8mCr+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/"
        "v7+/v7+/v7+/vwAAAPO/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/AAAA"
        "PT1yJnMmYz1yJgAmYzEyMHNyJnMHVwAAQTImMGY9JjVyI2w9MjBzdCZzByZccwcAJXk/Jm49cyY9JmQmciZz"
        "Y2EsACZlbwAAAA==");
    QTest::newRow("plain") << QByteArray("grant_type=password&username=a%20b&password=x%2By");
    QTest::newRow("empty name and value") << QByteArray("=&a=1");
    QTest::newRow("stray percent") << QByteArray("a=%y?&b=%2");
    QTest::newRow("hash") << QByteArray("a=1#2&b=3");
    QTest::newRow("NUL in a name") << QByteArray("a\0b=1", 5);
    QTest::newRow("NUL in a value") << QByteArray("a=1\0"
                                                  "2",
                                                  5);
    QTest::newRow("encoded NUL") << QByteArray("a=%00&b%00=2");
    QTest::newRow("invalid UTF-8") << QByteArray("a\xff=\xbf\xbf");
    QTest::newRow("control bytes") << QByteArray("\n\x07=\x01");
    QTest::newRow("a noncharacter raw") << QByteArray("k\xf3\xbf\xbf\xbf=v");
}

void tst_RequestParsing::formRoundTrip()
{
    // What a client writes again from the parameters read, form-encoded, reads back the same.
    QFETCH(QByteArray, body);
    const QByteArray form = "application/x-www-form-urlencoded";
    RequestError error;
    const auto params = parseBodyParameters(form, body, &error);
    if (!params) {
        QCOMPARE(error.status, 400);
        return;
    }
    QByteArray again;
    for (auto it = params->begin(); it != params->end(); ++it) {
        if (!again.isEmpty())
            again += '&';
        again += QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value());
    }
    const auto reread = parseBodyParameters(form, again, &error);
    QVERIFY2(reread, qPrintable(error.detail));
    for (auto it = params->begin(); it != params->end(); ++it)
        QVERIFY2(reread->contains(it.key()) && reread->value(it.key()) == it.value(),
                 qPrintable(QStringLiteral("'%1' = '%2' came back as '%3'")
                                .arg(it.key().toHtmlEscaped(), it.value().toHtmlEscaped(),
                                     reread->value(it.key()).toHtmlEscaped())));
    QCOMPARE(reread->size(), params->size());
}

void tst_RequestParsing::listPrecondition_data()
{
    QTest::addColumn<QByteArray>("ifMatch"); // null: absent
    QTest::addColumn<QByteArray>("ifNoneMatch");
    QTest::addColumn<bool>("allowCreate");
    QTest::addColumn<bool>("create");
    QTest::addColumn<qint64>("version");
    QTest::addColumn<int>("status"); // 0: accepted

    QTest::newRow("version") << QByteArray("\"3\"") << QByteArray() << true << false << qint64(3)
                             << 0;
    QTest::newRow("version with spaces")
        << QByteArray("  \"12\" ") << QByteArray() << false << false << qint64(12) << 0;
    QTest::newRow("create") << QByteArray() << QByteArray("*") << true << true << qint64(0) << 0;
    QTest::newRow("neither") << QByteArray() << QByteArray() << true << false << qint64(0) << 428;
    QTest::newRow("both") << QByteArray("\"3\"") << QByteArray("*") << true << false << qint64(0)
                          << 400;
    QTest::newRow("create on delete")
        << QByteArray() << QByteArray("*") << false << false << qint64(0) << 400;
    QTest::newRow("none-match not a star")
        << QByteArray() << QByteArray("\"3\"") << true << false << qint64(0) << 400;
    QTest::newRow("unquoted") << QByteArray("3") << QByteArray() << true << false << qint64(0)
                              << 400;
    QTest::newRow("empty quotes") << QByteArray("\"\"") << QByteArray() << true << false
                                  << qint64(0) << 400;
    QTest::newRow("weak etag") << QByteArray("W/\"3\"") << QByteArray() << true << false
                               << qint64(0) << 400;
    QTest::newRow("too long") << QByteArray("\"1234567890123456789\"") << QByteArray() << true
                              << false << qint64(0) << 400;
}

void tst_RequestParsing::listPrecondition()
{
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(bool, allowCreate);
    QFETCH(int, status);
    HttpRequest request;
    if (!ifMatch.isNull())
        request.headers.append({QByteArrayLiteral("if-match"), ifMatch});
    if (!ifNoneMatch.isNull())
        request.headers.append({QByteArrayLiteral("if-none-match"), ifNoneMatch});
    RequestError error;
    const auto precondition = ListPrecondition::parse(request, allowCreate, &error);
    QCOMPARE(precondition.has_value(), status == 0);
    if (!precondition) {
        QCOMPARE(error.status, status);
        QVERIFY(!error.detail.isEmpty());
        return;
    }
    QTEST(precondition->create, "create");
    QTEST(precondition->version, "version");
}

QTEST_GUILESS_MAIN(tst_RequestParsing)
#include "tst_requestparsing.moc"
