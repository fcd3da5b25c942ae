#include "core/feeds.h"
#include "core/requisitionlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qm;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test JSON does not parse: %s", json.constData());
    return doc.object();
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

QStringList pointers(const QList<FieldError> &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out.append(e.pointer);
    return out;
}

} // namespace

class tst_RequisitionList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesContent();
    void resourceRoundTripIsCanonical();
    void contentIgnoresServerMembers();
    void rejects_data();
    void rejects();
    void errorsAreCapped();
    void quantityCanonicalForm_data();
    void quantityCanonicalForm();
    void listId_data();
    void listId();
    void newIdsAreValidAndDistinct();
};

void tst_RequisitionList::parsesContent()
{
    QList<FieldError> errors;
    const auto list =
        RequisitionList::fromJson(object(R"({"name":"  Weekly site consumables ","lines":[
            {"sku":"HX-M8-40","quantity":"12","unit":"EA","note":"for bay 3"},
            {"sku":" GL-NIT-L ","quantity":"2.5"},
            {"sku":"HX-M8-40","quantity":"0.0001","unit":null,"note":""}]})"),
                                  RequisitionList::JsonForm::Content, &errors);
    QVERIFY2(list.has_value(), qPrintable(pointers(errors).join(u' ')));
    QVERIFY(errors.isEmpty());
    QCOMPARE(list->name, QStringLiteral("Weekly site consumables"));
    QCOMPARE(list->lines.size(), 3);
    // Order kept as sent, duplicates allowed.
    QCOMPARE(list->lines[0].sku, QStringLiteral("HX-M8-40"));
    QCOMPARE(list->lines[0].quantity, Decimal::fromInt(12));
    QCOMPARE(list->lines[0].unit, QStringLiteral("EA"));
    QCOMPARE(list->lines[0].note, QStringLiteral("for bay 3"));
    QCOMPARE(list->lines[1].sku, QStringLiteral("GL-NIT-L"));
    QCOMPARE(list->lines[1].quantity, Decimal::fromUnits(25000));
    QVERIFY(list->lines[1].unit.isEmpty());
    QCOMPARE(list->lines[2].quantity, Decimal::fromUnits(1));
    QVERIFY(list->lines[2].unit.isEmpty() && list->lines[2].note.isEmpty());

    const auto empty = RequisitionList::fromJson(object(R"({"name":"Empty","lines":[]})"),
                                                 RequisitionList::JsonForm::Content, &errors);
    QVERIFY(empty.has_value());
    QVERIFY(empty->lines.isEmpty());
}

void tst_RequisitionList::resourceRoundTripIsCanonical()
{
    RequisitionList list;
    list.id = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");
    list.name = QStringLiteral("Workshop restock \u00d7 2");
    list.version = 3;
    list.updatedAt = QDateTime::fromString(QStringLiteral("2026-11-26T08:00:00Z"), Qt::ISODate);
    list.updatedBy = QStringLiteral("Dana Reyes");
    list.lines = {{QStringLiteral("HX-M8-40"), Decimal::fromInt(12), QStringLiteral("BX"),
                   QStringLiteral("for bay 3")},
                  {QStringLiteral("GL-NIT-L"), Decimal::fromUnits(15000), {}, {}}};

    const QJsonObject json = list.toJson();
    QCOMPARE(json.value(u"updated_at").toString(), QStringLiteral("2026-11-26T08:00:00Z"));
    QCOMPARE(json.value(u"version").toInteger(), 3);
    const QJsonArray lines = json.value(u"lines").toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].toObject().value(u"quantity").toString(), QStringLiteral("12"));
    QCOMPARE(lines[1].toObject().value(u"quantity").toString(), QStringLiteral("1.5"));
    QVERIFY(!lines[1].toObject().contains(u"unit"));
    QVERIFY(!lines[1].toObject().contains(u"note"));

    const QByteArray canonical = canonicalJson(json);
    QList<FieldError> errors;
    const auto back = RequisitionList::fromJson(QJsonDocument::fromJson(canonical).object(),
                                                RequisitionList::JsonForm::Resource, &errors);
    QVERIFY2(back.has_value(), qPrintable(pointers(errors).join(u' ')));
    QCOMPARE(*back, list);
    QCOMPARE(canonicalJson(back->toJson()), canonical);
}

void tst_RequisitionList::contentIgnoresServerMembers()
{
    QList<FieldError> errors;
    const auto list = RequisitionList::fromJson(
        object(R"({"name":"A","lines":[],"id":"not a uuid","version":-4,"updated_at":5,"x":1})"),
        RequisitionList::JsonForm::Content, &errors);
    QVERIFY(list.has_value());
    QVERIFY(list->id.isEmpty());
    QCOMPARE(list->version, 0);
    QCOMPARE(list->contentJson(), object(R"({"name":"A","lines":[]})"));
}

void tst_RequisitionList::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("resource");
    QTest::addColumn<QStringList>("expectedPointers");

    const QByteArray okLine = R"({"sku":"A-1","quantity":"1"})";
    const auto content = [](const QByteArray &name, const QByteArray &lines) {
        return QByteArray("{\"name\":") + name + ",\"lines\":" + lines + "}";
    };
    QTest::newRow("no name") << QByteArray(R"({"lines":[]})") << false << strings({"/name"});
    QTest::newRow("blank name") << content("\"   \"", "[]") << false << strings({"/name"});
    QTest::newRow("name not string") << content("7", "[]") << false << strings({"/name"});
    QTest::newRow("name 121 chars")
        << content('"' + QByteArray(121, 'n') + '"', "[]") << false << strings({"/name"});
    QTest::newRow("no lines") << QByteArray(R"({"name":"A"})") << false << strings({"/lines"});
    QTest::newRow("lines object") << content("\"A\"", "{}") << false << strings({"/lines"});
    QTest::newRow("line not object")
        << content("\"A\"", "[" + okLine + ",5]") << false << strings({"/lines/1"});
    QTest::newRow("sku missing") << content("\"A\"", R"([{"quantity":"1"}])") << false
                                 << strings({"/lines/0/sku"});
    QTest::newRow("sku blank") << content("\"A\"", R"([{"sku":" ","quantity":"1"}])") << false
                               << strings({"/lines/0/sku"});
    QTest::newRow("sku 65 chars") << content("\"A\"", "[{\"sku\":\"" + QByteArray(65, 'S') +
                                                          "\",\"quantity\":\"1\"}]")
                                  << false << strings({"/lines/0/sku"});
    QTest::newRow("quantity number") << content("\"A\"", R"([{"sku":"A","quantity":12}])") << false
                                     << strings({"/lines/0/quantity"});
    QTest::newRow("quantity zero") << content("\"A\"", R"([{"sku":"A","quantity":"0"}])") << false
                                   << strings({"/lines/0/quantity"});
    QTest::newRow("quantity negative") << content("\"A\"", R"([{"sku":"A","quantity":"-1"}])")
                                       << false << strings({"/lines/0/quantity"});
    QTest::newRow("quantity 5 decimals")
        << content("\"A\"", R"([{"sku":"A","quantity":"1.00001"}])") << false
        << strings({"/lines/0/quantity"});
    QTest::newRow("quantity exponent") << content("\"A\"", R"([{"sku":"A","quantity":"1e3"}])")
                                       << false << strings({"/lines/0/quantity"});
    QTest::newRow("quantity comma") << content("\"A\"", R"([{"sku":"A","quantity":"1,5"}])")
                                    << false << strings({"/lines/0/quantity"});
    QTest::newRow("unit number") << content("\"A\"", R"([{"sku":"A","quantity":"1","unit":3}])")
                                 << false << strings({"/lines/0/unit"});
    QTest::newRow("note 201 chars")
        << content("\"A\"",
                   "[{\"sku\":\"A\",\"quantity\":\"1\",\"note\":\"" + QByteArray(201, 'x') + "\"}]")
        << false << strings({"/lines/0/note"});
    QTest::newRow("several at once")
        << content("\"\"", "[" + okLine + R"(,{"sku":"","quantity":"x"},)" + okLine +
                               R"(,{"sku":"B","quantity":"2","note":false}])")
        << false << strings({"/name", "/lines/1/sku", "/lines/1/quantity", "/lines/3/note"});

    QByteArray tooMany = "[";
    for (int i = 0; i <= RequisitionList::MaxLines; ++i)
        tooMany += (i ? "," : "") + okLine;
    tooMany += "]";
    QTest::newRow("5001 lines") << content("\"A\"", tooMany) << false << strings({"/lines"});

    const QByteArray resourceTail =
        R"(,"name":"A","lines":[],"updated_by":"Dana Reyes","updated_at":"2026-11-26T08:00:00Z"})";
    QTest::newRow("resource: uppercase id")
        << QByteArray(R"({"id":"3F1C2A4E-8D7B-4C1E-9A55-0B6F1D2E3C4A","version":1)") + resourceTail
        << true << strings({"/id"});
    QTest::newRow("resource: version 0")
        << QByteArray(R"({"id":"3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a","version":0)") + resourceTail
        << true << strings({"/version"});
    QTest::newRow("resource: version fraction")
        << QByteArray(R"({"id":"3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a","version":1.5)") +
               resourceTail
        << true << strings({"/version"});
    QTest::newRow("resource: bad time")
        << QByteArray(R"({"id":"3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a","version":1,)"
                      R"("name":"A","lines":[],"updated_by":"D","updated_at":"yesterday"})")
        << true << strings({"/updated_at"});
    QTest::newRow("resource: content form is not enough")
        << QByteArray(R"({"name":"A","lines":[]})") << true
        << strings({"/id", "/version", "/updated_at", "/updated_by"});
}

void tst_RequisitionList::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, resource);
    QFETCH(QStringList, expectedPointers);
    QList<FieldError> errors;
    const auto list = RequisitionList::fromJson(object(json),
                                                resource ? RequisitionList::JsonForm::Resource
                                                         : RequisitionList::JsonForm::Content,
                                                &errors);
    QVERIFY(!list.has_value());
    QCOMPARE(pointers(errors), expectedPointers);
    for (const FieldError &e : std::as_const(errors))
        QVERIFY2(!e.detail.isEmpty(), qPrintable(e.pointer));
}

void tst_RequisitionList::errorsAreCapped()
{
    QJsonArray lines;
    for (int i = 0; i < 1000; ++i)
        lines.append(QJsonObject{{QStringLiteral("sku"), QString()}});
    QList<FieldError> errors;
    const auto list =
        RequisitionList::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("A")},
                                              {QStringLiteral("lines"), lines}},
                                  RequisitionList::JsonForm::Content, &errors);
    QVERIFY(!list.has_value());
    QCOMPARE(errors.size(), RequisitionList::MaxErrors);
    QCOMPARE(errors.first().pointer, QStringLiteral("/lines/0/sku"));
    QCOMPARE(errors.at(1).pointer, QStringLiteral("/lines/0/quantity"));
}

void tst_RequisitionList::quantityCanonicalForm_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("integer") << "12"
                             << "12";
    QTest::newRow("trailing zeros") << "12.5000"
                                    << "12.5";
    QTest::newRow("all zeros") << "3.0"
                               << "3";
    QTest::newRow("four decimals") << "0.0001"
                                   << "0.0001";
    QTest::newRow("leading zeros") << "007.25"
                                   << "7.25";
}

void tst_RequisitionList::quantityCanonicalForm()
{
    QFETCH(QString, sent);
    QFETCH(QString, canonical);
    QList<FieldError> errors;
    const auto list = RequisitionList::fromJson(
        QJsonObject{{QStringLiteral("name"), QStringLiteral("A")},
                    {QStringLiteral("lines"),
                     QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("A")},
                                            {QStringLiteral("quantity"), sent}}}}},
        RequisitionList::JsonForm::Content, &errors);
    QVERIFY(list.has_value());
    QCOMPARE(list->lines[0].toJson().value(u"quantity").toString(), canonical);
}

void tst_RequisitionList::listId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("lowercase") << "3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a" << true;
    QTest::newRow("uppercase") << "3F1C2A4E-8D7B-4C1E-9A55-0B6F1D2E3C4A" << false;
    QTest::newRow("braces") << "{3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a}" << false;
    QTest::newRow("no dashes") << "3f1c2a4e8d7b4c1e9a550b6f1d2e3c4a" << false;
    QTest::newRow("dash misplaced") << "3f1c2a4e8-d7b-4c1e-9a55-0b6f1d2e3c4a" << false;
    QTest::newRow("not hex") << "3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4g" << false;
    QTest::newRow("empty") << "" << false;
}

void tst_RequisitionList::listId()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidListId(id), valid);
}

void tst_RequisitionList::newIdsAreValidAndDistinct()
{
    const QString a = newListId();
    const QString b = newListId();
    QVERIFY2(isValidListId(a), qPrintable(a));
    QVERIFY2(isValidListId(b), qPrintable(b));
    QVERIFY(a != b);
}

QTEST_GUILESS_MAIN(tst_RequisitionList)
#include "tst_requisitionlist.moc"
