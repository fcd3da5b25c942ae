#include "core/scaninput.h"

#include "core/gtin.h"

namespace qm::scan {

namespace {

bool allDigits(QStringView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) {
        return c.unicode() >= u'0' && c.unicode() <= u'9';
    });
}

enum class Family
{
    Gtin,
    Gs1,
    Plain
};

Family familyOf(QStringView id)
{
    static const char16_t *const gtinIds[] = {u"]E0", u"]E3", u"]E4"};
    static const char16_t *const gs1Ids[] = {u"]C1", u"]d2", u"]Q3", u"]e0", u"]J1", u"]z1"};
    for (const char16_t *g : gtinIds) {
        if (id == QStringView(g))
            return Family::Gtin;
    }
    for (const char16_t *g : gs1Ids) {
        if (id == QStringView(g))
            return Family::Gs1;
    }
    return Family::Plain;
}

// The GTIN-14 of a scanned EAN/UPC, "" with `error` set when it is none.
QString gtinFromEanUpc(QStringView id, QStringView data, QString &error)
{
    if (!allDigits(data)) {
        error =
            QStringLiteral("EAN/UPC scan \"%1\" contains characters other than digits").arg(data);
        return {};
    }
    QStringView digits = data;
    if (id == u"]E3") {
        // EAN-13/UPC-A with a 2- or 5-digit add-on (periodicals): the item is the main code.
        if (data.size() == 15 || data.size() == 18)
            digits = data.first(13);
        else if (data.size() == 10 || data.size() == 13)
            digits = data.first(8);
    }
    QString code;
    if (id == u"]E4") {
        if (digits.size() == 8)
            code = digits.toString();
    } else if (digits.size() == 8 && id == u"]E0") {
        code = expandUpcE(digits);
        if (code.isEmpty()) {
            error = QStringLiteral("UPC-E scan %1 has an incorrect check digit").arg(digits);
            return {};
        }
    } else if (digits.size() == 12 || digits.size() == 13) {
        code = digits.toString();
    }
    if (code.isEmpty()) {
        error = QStringLiteral("EAN/UPC scan \"%1\" has %2 digits, which fits no EAN or UPC")
                    .arg(data)
                    .arg(data.size());
        return {};
    }
    const QString normalized = gtin::normalized(code);
    if (normalized.isEmpty())
        error = QStringLiteral("EAN/UPC scan %1 has an incorrect check digit").arg(code);
    return normalized;
}

void fillFromElements(ScanResult &r, const gs1::ElementString &parsed, QDate today)
{
    r.elements = parsed.elements;
    QString gtin = parsed.value(u"01");
    if (gtin.isNull())
        gtin = parsed.value(u"02");
    r.batch = parsed.value(u"10");
    r.serial = parsed.value(u"21");
    if (const QString expiry = parsed.value(u"17"); !expiry.isNull())
        r.expiry = gs1::dateValue(expiry, today).value_or(QDate());
    QString count = parsed.value(u"30");
    if (count.isNull())
        count = parsed.value(u"37");
    if (!count.isNull()) {
        r.quantity = count.toLongLong();
        if (*r.quantity == 0)
            r.error = QStringLiteral("the label says a count of 0");
    }
    if (!gtin.isNull()) {
        r.code = gtin;
    } else if (const QString part = parsed.value(u"241"); !part.isNull()) {
        r.code = part; // customer part number
    } else if (const QString other = parsed.value(u"240"); !other.isNull()) {
        r.code = other; // additional product identification
    } else if (r.error.isEmpty()) {
        r.error = QStringLiteral("the GS1 code %1 names no product (no GTIN in AI 01 or 02)")
                      .arg(parsed.toBracketed());
    }
}

void asGs1(ScanResult &r, const gs1::ElementString &parsed, QDate today)
{
    r.kind = ScanResult::Kind::Gs1;
    if (!parsed.isValid()) {
        r.error = QStringLiteral("unreadable GS1 code: %1").arg(parsed.message);
        return;
    }
    fillFromElements(r, parsed, today);
}

void asDigitalLink(ScanResult &r, QStringView uri, QDate today)
{
    const gs1::ElementString parsed = gs1::parseDigitalLink(uri);
    r.kind = ScanResult::Kind::DigitalLink;
    if (!parsed.isValid()) {
        r.error = QStringLiteral("web address that is no GS1 Digital Link: %1").arg(parsed.message);
        r.code = uri.toString();
        return;
    }
    fillFromElements(r, parsed, today);
}

// A GTIN without symbology identifier: 8, 12, 13 or 14 digits with a correct check digit.
QString plainGtin(QStringView data)
{
    if (!allDigits(data))
        return {};
    const QString normalized = gtin::normalized(data);
    if (!normalized.isEmpty())
        return normalized;
    if (data.size() == 8)
        return gtin::normalized(expandUpcE(data));
    return {};
}

} // namespace

QString expandUpcE(QStringView upce)
{
    if (upce.size() != 8 || !allDigits(upce) || (upce[0] != u'0' && upce[0] != u'1'))
        return {};
    const QString d = upce.mid(1, 6).toString();
    QString body = upce.first(1).toString();
    switch (d[5].unicode()) {
    case u'0':
    case u'1':
    case u'2':
        body += d.left(2) + d[5] + QStringLiteral("0000") + d.mid(2, 3);
        break;
    case u'3':
        body += d.left(3) + QStringLiteral("00000") + d.mid(3, 2);
        break;
    case u'4':
        body += d.left(4) + QStringLiteral("00000") + d[4];
        break;
    default:
        body += d.left(5) + QStringLiteral("0000") + d[5];
    }
    const QString upca = body + upce[7];
    return gtin::isValid(upca) ? upca : QString();
}

ScanResult interpret(QStringView text, const ScanSettings &settings, QDate today)
{
    ScanResult r;
    r.raw = text.toString();
    QStringView data = text;
    if (!settings.suffix.isEmpty() && data.endsWith(settings.suffix))
        data.chop(settings.suffix.size());
    while (!data.isEmpty() &&
           (data.back() == u'\r' || data.back() == u'\n' || data.back() == u'\t'))
        data.chop(1);
    if (!settings.prefix.isEmpty() && data.startsWith(settings.prefix))
        data = data.mid(settings.prefix.size());

    QString gsData = data.toString();
    if (!settings.gsSubstitute.isNull())
        gsData.replace(settings.gsSubstitute, QChar(gs1::GroupSeparator));

    if (data.size() >= 3 && data[0] == u']' && data[1].isLetter()) {
        r.symbology = data.first(3).toString();
        data = data.mid(3);
        gsData = gsData.mid(3);
    }
    if (data.isEmpty()) {
        r.error = QStringLiteral("empty scan");
        return r;
    }

    switch (familyOf(r.symbology)) {
    case Family::Gtin:
        r.kind = ScanResult::Kind::Gtin;
        r.code = gtinFromEanUpc(r.symbology, data, r.error);
        return r;
    case Family::Gs1:
        asGs1(r, gs1::parseElementString(gsData), today);
        return r;
    case Family::Plain:
        break;
    }

    if (gs1::looksLikeUri(data)) {
        asDigitalLink(r, data, today);
        return r;
    }
    if (const QString gtin = plainGtin(data); !gtin.isEmpty()) {
        r.kind = ScanResult::Kind::Gtin;
        r.code = gtin;
        return r;
    }
    if (r.symbology.isEmpty()) {
        if (gsData.contains(QChar(gs1::GroupSeparator))) {
            // A real GS is never part of an SKU; a substitute character may be.
            const gs1::ElementString parsed = gs1::parseElementString(gsData);
            if (parsed.isValid() || data.contains(QChar(gs1::GroupSeparator))) {
                asGs1(r, parsed, today);
                return r;
            }
        }
        if (data.startsWith(u"(")) {
            const gs1::ElementString parsed = gs1::parseBracketed(data);
            if (parsed.isValid() || data.startsWith(u"(01)") || data.startsWith(u"(02)")) {
                asGs1(r, parsed, today);
                return r;
            }
        }
        if (data.size() >= 16 && data.startsWith(u"01") && allDigits(data.first(16))) {
            const gs1::ElementString parsed = gs1::parseElementString(gsData);
            if (parsed.isValid()) {
                asGs1(r, parsed, today);
                return r;
            }
        }
    }
    for (QChar c : data) {
        if (c.category() == QChar::Other_Control) {
            r.error = QStringLiteral("the scan contains control character U+%1")
                          .arg(c.unicode(), 4, 16, QChar(u'0'));
            return r;
        }
    }
    r.kind = ScanResult::Kind::Text;
    r.code = data.trimmed().toString();
    if (r.code.isEmpty())
        r.error = QStringLiteral("empty scan");
    return r;
}

} // namespace qm::scan
