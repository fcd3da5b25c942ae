#include "core/scaninput.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using qm::scan::ScanResult;
using qm::scan::ScanSettings;
using Kind = qm::scan::ScanResult::Kind;

Q_DECLARE_METATYPE(qm::scan::ScanResult::Kind)

class tst_ScanInput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void interpret_data();
    void interpret();
    void settings_data();
    void settings();
    void upcE_data();
    void upcE();
    void scanDataVectors_data();
    void scanDataVectors();
    void gtinCheckDigitVectors_data();
    void gtinCheckDigitVectors();
};

namespace {

const QDate Today(2026, 11, 25);
const QString GS = QStringLiteral("\x1d");

} // namespace

void tst_ScanInput::interpret_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("symbology");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("quantity"); // -1: none
    QTest::addColumn<QString>("batch");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QDate>("expiry");
    QTest::addColumn<QString>("error"); // a word the error must contain; empty: no error

    const QString gtin = QStringLiteral("09506000134352");
    // As keyboard-wedge scanners type them, with the default Enter suffix.
    QTest::newRow("EAN-13 with ]E0") << "]E04006381333931\r" << Kind::Gtin << "]E0"
                                     << "04006381333931" << qint64(-1) << ""
                                     << "" << QDate() << "";
    QTest::newRow("EAN-13 without identifier") << "4006381333931\r" << Kind::Gtin << ""
                                               << "04006381333931" << qint64(-1) << ""
                                               << "" << QDate() << "";
    QTest::newRow("UPC-A 12 digits") << "036000291452\r" << Kind::Gtin << ""
                                     << "00036000291452" << qint64(-1) << ""
                                     << "" << QDate() << "";
    QTest::newRow("UPC-A as 13 digits under ]E0") << "]E00036000291452\r" << Kind::Gtin << "]E0"
                                                  << "00036000291452" << qint64(-1) << ""
                                                  << "" << QDate() << "";
    QTest::newRow("UPC-E under ]E0 expands") << "]E001234565\r" << Kind::Gtin << "]E0"
                                             << "00012345000065" << qint64(-1) << ""
                                             << "" << QDate() << "";
    QTest::newRow("EAN-8 under ]E4") << "]E496385074\r" << Kind::Gtin << "]E4"
                                     << "00000096385074" << qint64(-1) << ""
                                     << "" << QDate() << "";
    QTest::newRow("EAN-13 with 5-digit add-on under ]E3")
        << "]E3978039305867352595\r" << Kind::Gtin << "]E3"
        << "09780393058673" << qint64(-1) << ""
        << "" << QDate() << "";
    QTest::newRow("GTIN-14 case label") << "10036000291459\r" << Kind::Gtin << ""
                                        << "10036000291459" << qint64(-1) << ""
                                        << "" << QDate() << "";
    QTest::newRow("EAN-13 bad check digit") << "]E04006381333932\r" << Kind::Gtin << "]E0"
                                            << "" << qint64(-1) << ""
                                            << "" << QDate() << "check digit";
    QTest::newRow("]E0 with letters") << "]E0400638133393X\r" << Kind::Gtin << "]E0"
                                      << "" << qint64(-1) << ""
                                      << "" << QDate() << "digits";
    QTest::newRow("]E0 with 11 digits") << "]E040063813339\r" << Kind::Gtin << "]E0"
                                        << "" << qint64(-1) << ""
                                        << "" << QDate() << "11 digits";

    QTest::newRow("GS1-128 carton label")
        << QStringLiteral("]C101") + gtin + QStringLiteral("10LOT-42") + GS +
               QStringLiteral("17261231") + QStringLiteral("3712\r")
        << Kind::Gs1 << "]C1" << gtin << qint64(12) << "LOT-42"
        << "" << QDate(2026, 12, 31) << "";
    QTest::newRow("GS1-128 (02)+(37) pallet content")
        << QStringLiteral("]C10209506000134352"
                          "3724") +
               GS + QStringLiteral("10B7\r")
        << Kind::Gs1 << "]C1" << gtin << qint64(24) << "B7"
        << "" << QDate() << "";
    QTest::newRow("GS1 DataMatrix serial")
        << QStringLiteral("]d201") + gtin + QStringLiteral("21SN0001") + GS +
               QStringLiteral("17270228")
        << Kind::Gs1 << "]d2" << gtin << qint64(-1) << ""
        << "SN0001" << QDate(2027, 2, 28) << "";
    QTest::newRow("GS1 QR") << QStringLiteral("]Q301") + gtin + QStringLiteral("30150\r")
                            << Kind::Gs1 << "]Q3" << gtin << qint64(150) << ""
                            << "" << QDate() << "";
    QTest::newRow("GS1 DataBar") << QStringLiteral("]e001") + gtin << Kind::Gs1 << "]e0" << gtin
                                 << qint64(-1) << ""
                                 << "" << QDate() << "";
    QTest::newRow("expiry day 00") << QStringLiteral("]C101") + gtin + QStringLiteral("17270200")
                                   << Kind::Gs1 << "]C1" << gtin << qint64(-1) << ""
                                   << "" << QDate(2027, 2, 28) << "";
    QTest::newRow("GS1 without identifier, with GS")
        << QStringLiteral("10ABC") + GS + QStringLiteral("01") + gtin + QStringLiteral("\r")
        << Kind::Gs1 << "" << gtin << qint64(-1) << "ABC"
        << "" << QDate() << "";
    QTest::newRow("GS1 without identifier, 01 first")
        << QStringLiteral("01") + gtin +
               QStringLiteral("17261231"
                              "10ABC\r")
        << Kind::Gs1 << "" << gtin << qint64(-1) << "ABC"
        << "" << QDate(2026, 12, 31) << "";
    QTest::newRow("bracketed, typed or from a label reader")
        << QStringLiteral("(01)") + gtin + QStringLiteral("(10)ABC(30)5") << Kind::Gs1 << "" << gtin
        << qint64(5) << "ABC"
        << "" << QDate() << "";
    QTest::newRow("bracketed with bad check digit") << "(01)09506000134353" << Kind::Gs1 << ""
                                                    << "" << qint64(-1) << ""
                                                    << "" << QDate() << "check digit";
    QTest::newRow("GS1 bad date") << QStringLiteral("]C101") + gtin + QStringLiteral("17261331")
                                  << Kind::Gs1 << "]C1"
                                  << "" << qint64(-1) << ""
                                  << "" << QDate() << "(17)";
    QTest::newRow("GS1 unknown AI") << QStringLiteral("]C1"
                                                      "8912345")
                                    << Kind::Gs1 << "]C1"
                                    << "" << qint64(-1) << ""
                                    << "" << QDate() << "8912345";
    QTest::newRow("GS1 count of zero") << QStringLiteral("]C101") + gtin + QStringLiteral("300")
                                       << Kind::Gs1 << "]C1" << gtin << qint64(0) << ""
                                       << "" << QDate() << "0";
    QTest::newRow("SSCC only: no product") << "]C100123456789012345675" << Kind::Gs1 << "]C1"
                                           << "" << qint64(-1) << ""
                                           << "" << QDate() << "no GTIN";
    QTest::newRow("customer part number (241)") << QStringLiteral("]C1241"
                                                                  "CP-778") +
                                                       GS + QStringLiteral("3010")
                                                << Kind::Gs1 << "]C1"
                                                << "CP-778" << qint64(10) << ""
                                                << "" << QDate() << "";

    QTest::newRow("Digital Link in a QR code")
        << QStringLiteral("]Q1https://id.gs1.org/01/") + gtin +
               QStringLiteral("/10/ABC?17=261231\r")
        << Kind::DigitalLink << "]Q1" << gtin << qint64(-1) << "ABC"
        << "" << QDate(2026, 12, 31) << "";
    QTest::newRow("Digital Link, brand domain, GTIN-13, percent-encoded lot")
        << "https://brand.example.com/products/01/9506000134352/10/A%2FB?3103=000500"
        << Kind::DigitalLink << "" << gtin << qint64(-1) << "A/B"
        << "" << QDate() << "";
    QTest::newRow("Digital Link short names")
        << QStringLiteral("https://example.com/gtin/") + gtin + QStringLiteral("/ser/77")
        << Kind::DigitalLink << "" << gtin << qint64(-1) << ""
        << "77" << QDate() << "";
    QTest::newRow("web address that is no Digital Link")
        << "]Q1https://example.com/menu" << Kind::DigitalLink << "]Q1"
        << "https://example.com/menu" << qint64(-1) << ""
        << "" << QDate() << "Digital Link";

    QTest::newRow("SKU from Code 128") << "]C0BOLT-M8X40-A4\r" << Kind::Text << "]C0"
                                       << "BOLT-M8X40-A4" << qint64(-1) << ""
                                       << "" << QDate() << "";
    QTest::newRow("SKU without identifier") << "BOLT-M8X40-A4\r" << Kind::Text << ""
                                            << "BOLT-M8X40-A4" << qint64(-1) << ""
                                            << "" << QDate() << "";
    QTest::newRow("GTIN in a plain Code 128") << "]C04006381333931" << Kind::Gtin << "]C0"
                                              << "04006381333931" << qint64(-1) << ""
                                              << "" << QDate() << "";
    QTest::newRow("digits that are no GTIN") << "12345678\r" << Kind::Text << ""
                                             << "12345678" << qint64(-1) << ""
                                             << "" << QDate() << "";
    QTest::newRow("01 + 14 digits with bad check is an SKU")
        << "0109506000134353" << Kind::Text << ""
        << "0109506000134353" << qint64(-1) << ""
        << "" << QDate() << "";
    QTest::newRow("plain DataMatrix text") << "]d1PART 42" << Kind::Text << "]d1"
                                           << "PART 42" << qint64(-1) << ""
                                           << "" << QDate() << "";
    QTest::newRow("Unicode part number") << "Prüfgerät-7\r" << Kind::Text << ""
                                         << "Prüfgerät-7" << qint64(-1) << ""
                                         << "" << QDate() << "";
    QTest::newRow("Enter alone") << "\r" << Kind::Text << ""
                                 << "" << qint64(-1) << ""
                                 << "" << QDate() << "empty";
    QTest::newRow("identifier alone") << "]C0\r" << Kind::Text << "]C0"
                                      << "" << qint64(-1) << ""
                                      << "" << QDate() << "empty";
    QTest::newRow("control character") << "AB\x07"
                                          "C"
                                       << Kind::Text << ""
                                       << "" << qint64(-1) << ""
                                       << "" << QDate() << "U+0007";
}

void tst_ScanInput::interpret()
{
    QFETCH(QString, text);
    QFETCH(Kind, kind);
    QFETCH(QString, symbology);
    QFETCH(QString, code);
    QFETCH(qint64, quantity);
    QFETCH(QString, batch);
    QFETCH(QString, serial);
    QFETCH(QDate, expiry);
    QFETCH(QString, error);

    const ScanResult r = qm::scan::interpret(text, {}, Today);
    QCOMPARE(r.raw, text);
    QVERIFY2(error.isEmpty() ? r.error.isEmpty() : r.error.contains(error), qPrintable(r.error));
    QCOMPARE(r.kind, kind);
    QCOMPARE(r.symbology, symbology);
    if (error.isEmpty() || !code.isEmpty())
        QCOMPARE(r.code, code);
    QCOMPARE(r.quantity.value_or(-1), quantity);
    QCOMPARE(r.batch, batch);
    QCOMPARE(r.serial, serial);
    QCOMPARE(r.expiry, expiry);
}

void tst_ScanInput::settings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("gsSubstitute");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("batch");

    QTest::newRow("prefix and Tab suffix") << "@]E04006381333931\t"
                                           << "@"
                                           << "\t"
                                           << "" << Kind::Gtin << "04006381333931"
                                           << "";
    QTest::newRow("prefix not sent") << "]E04006381333931\t"
                                     << "@"
                                     << "\t"
                                     << "" << Kind::Gtin << "04006381333931"
                                     << "";
    QTest::newRow("CR LF suffix") << "SKU-1\r\n"
                                  << ""
                                  << "\r\n"
                                  << "" << Kind::Text << "SKU-1"
                                  << "";
    QTest::newRow("multi-character prefix") << "SCAN:SKU-1\r"
                                            << "SCAN:"
                                            << "\r"
                                            << "" << Kind::Text << "SKU-1"
                                            << "";
    QTest::newRow("GS substitute in GS1-128") << "]C11012~0109506000134352\r"
                                              << ""
                                              << "\r"
                                              << "~" << Kind::Gs1 << "09506000134352"
                                              << "12";
    QTest::newRow("GS substitute without identifier") << "10AB|0109506000134352"
                                                      << ""
                                                      << "\r"
                                                      << "|" << Kind::Gs1 << "09506000134352"
                                                      << "AB";
    QTest::newRow("substitute character in an SKU stays") << "A~B"
                                                          << ""
                                                          << "\r"
                                                          << "~" << Kind::Text << "A~B"
                                                          << "";
}

void tst_ScanInput::settings()
{
    QFETCH(QString, text);
    QFETCH(QString, prefix);
    QFETCH(QString, suffix);
    QFETCH(QString, gsSubstitute);
    QFETCH(Kind, kind);
    QFETCH(QString, code);
    QFETCH(QString, batch);
    ScanSettings s;
    s.prefix = prefix;
    s.suffix = suffix;
    s.gsSubstitute = gsSubstitute.isEmpty() ? QChar() : gsSubstitute.front();
    const ScanResult r = qm::scan::interpret(text, s, Today);
    QVERIFY2(r.isValid(), qPrintable(r.error));
    QCOMPARE(r.kind, kind);
    QCOMPARE(r.code, code);
    QCOMPARE(r.batch, batch);
}

void tst_ScanInput::upcE_data()
{
    QTest::addColumn<QString>("upce");
    QTest::addColumn<QString>("upca");
    // One per rule of the last digit (0–2, 3, 4, 5–9); "04252614" is the usual textbook
    // example, the UPC-A check digits of the others were computed independently.
    QTest::newRow("last digit 5-9") << "01234565"
                                    << "012345000065";
    QTest::newRow("SOURCES: 00001234000057") << "00123457"
                                             << "001234000057";
    QTest::newRow("last digit 0-2") << "04252614"
                                    << "042100005264";
    QTest::newRow("last digit 3") << "01234531"
                                  << "012300000451";
    QTest::newRow("last digit 4") << "01234543"
                                  << "012340000053";
    QTest::newRow("number system 1") << "11234562"
                                     << "112345000062";
    QTest::newRow("number system 2 is no UPC-E") << "21234565"
                                                 << "";
    QTest::newRow("bad check digit") << "01234566"
                                     << "";
    QTest::newRow("7 digits") << "0123456"
                              << "";
}

void tst_ScanInput::upcE()
{
    QFETCH(QString, upce);
    QFETCH(QString, upca);
    QCOMPARE(qm::scan::expandUpcE(upce), upca);
}

namespace {

QJsonArray cases(const char *file)
{
    QFile f(QString::fromLocal8Bit(qgetenv("QM_TESTDATA_DIR")) + QStringLiteral("/gs1/") +
            QString::fromLatin1(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(u"cases").toArray();
}

bool haveTestData()
{
    return QDir(QString::fromLocal8Bit(qgetenv("QM_TESTDATA_DIR")) + QStringLiteral("/gs1"))
        .exists();
}

} // namespace

void tst_ScanInput::scanDataVectors_data()
{
    QTest::addColumn<QString>("scan");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("dataStr"); // "^…" GS1 element string, else the plain text
    // gs1-syntax-engine's scanner-output vectors. Left out, because the product decides
    // differently on purpose:
    //  * no identifier ("ABC", "]X"): plain text is an SKU or part number here;
    //  * an identifier with no data where upstream accepts it ("]Q1", "]d1", "]J0"):
    //    an empty scan is unusable for an order line;
    //  * "]E0" with 12 digits: scanners set to send UPC-A without the leading 0 do that,
    //    so a 12-digit UPC-A with a correct check digit is accepted;
    //  * a plain QR/DataMatrix web address that is no Digital Link (mixed-case scheme,
    //    no primary key): reported as unusable rather than taken as a part number;
    //  * composite components ("|"): composite symbols are not read.
    auto add = [](const QJsonObject &c, const QString &scan, bool ok, const QString &dataStr) {
        if (scan.contains(u'|') || dataStr.contains(u'|') || scan.size() == 3 ||
            (!scan.isEmpty() && (scan.size() < 3 || scan[0] != u']')))
            return;
        if (scan.startsWith(u"]E0") && scan.size() == 15)
            return;
        if (ok && dataStr.startsWith(u"http", Qt::CaseInsensitive) &&
            !c.value(u"dl_uri_extracted_ai_data").toString().startsWith(u'^'))
            return;
        QTest::newRow(qPrintable(c.value(u"source").toString())) << scan << ok << dataStr;
    };
    for (const QJsonValue &v : cases("scan-data-to-ai-data.json")) {
        const QJsonObject c = v.toObject();
        QString data = c.value(u"data_str").toString();
        if (const QString dl = c.value(u"dl_uri_extracted_ai_data").toString(); !dl.isEmpty())
            data = dl;
        add(c, c.value(u"scan_data").toString(), c.value(u"ok").toBool(), data);
    }
    for (const QJsonValue &v : cases("hri-and-roundtrip.json")) {
        const QJsonObject c = v.toObject();
        for (const char16_t *key :
             {u"scan_data", u"scan_data_gs1_128", u"scan_data_databar_expanded"}) {
            const QString scan = c.value(QStringView(key)).toString();
            if (!scan.isEmpty())
                add(c, scan, c.value(u"ok").toBool(true), c.value(u"data_str").toString());
        }
    }
}

void tst_ScanInput::scanDataVectors()
{
    if (!haveTestData())
        QSKIP("QM_TESTDATA_DIR/gs1 is absent");
    QFETCH(QString, scan);
    QFETCH(bool, ok);
    QFETCH(QString, dataStr);
    ScanSettings noSuffix;
    noSuffix.suffix.clear();
    const ScanResult r = qm::scan::interpret(scan, noSuffix, Today);
    if (!ok) {
        QVERIFY2(!r.error.isEmpty(), qPrintable(r.code));
        return;
    }
    if (dataStr.startsWith(u'^')) {
        // (99)/(98) only data carries no product: the scan is unusable for an order, but
        // it must have been read as exactly this GS1 data.
        qm::gs1::ElementString s;
        s.elements = r.elements;
        QCOMPARE(u'^' + s.toElementString(QChar(u'^')), dataStr);
        QVERIFY(r.kind == Kind::Gs1 || r.kind == Kind::DigitalLink);
        QVERIFY2(r.error.isEmpty() || r.error.contains(u"no GTIN"), qPrintable(r.error));
    } else {
        QVERIFY2(r.isValid(), qPrintable(r.error));
        QString plain = dataStr;
        plain.replace(QStringLiteral("\\^"), QStringLiteral("^"));
        const bool gtin = r.symbology.startsWith(u"]E");
        QCOMPARE(r.code, gtin ? plain.rightJustified(14, u'0') : plain);
    }
}

void tst_ScanInput::gtinCheckDigitVectors_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<bool>("valid");
    for (const QJsonValue &v : cases("gtin-check-digits.json")) {
        const QJsonObject c = v.toObject();
        if (c.value(u"length").toInt() == 18)
            continue; // an SSCC names a shipment, not a product (tst_Gs1 checks it)
        QTest::newRow(qPrintable(c.value(u"number").toString()))
            << c.value(u"number").toString() << c.value(u"valid").toBool();
    }
}

void tst_ScanInput::gtinCheckDigitVectors()
{
    if (!haveTestData())
        QSKIP("QM_TESTDATA_DIR/gs1 is absent");
    QFETCH(QString, number);
    QFETCH(bool, valid);
    // Scanned with no identifier, a number is a GTIN only when its check digit is right;
    // otherwise it is looked up as a plain SKU.
    const ScanResult r = qm::scan::interpret(number, {}, Today);
    QVERIFY2(r.isValid(), qPrintable(r.error));
    if (valid) {
        QCOMPARE(r.kind, Kind::Gtin);
        QCOMPARE(r.code, number.rightJustified(14, u'0'));
    } else {
        QCOMPARE(r.kind, Kind::Text);
        QCOMPARE(r.code, number);
    }
}

QTEST_APPLESS_MAIN(tst_ScanInput)
#include "tst_scaninput.moc"
