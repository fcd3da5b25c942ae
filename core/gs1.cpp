#include "core/gs1.h"

#include "core/gtin.h"

#include <QHash>

#include <algorithm>
#include <limits>
#include <string>

namespace qm::gs1 {

namespace {

// The AIs of the GS1 Barcode Syntax Dictionary (release 2026-01-27, Apache-2.0,
// (c) BWIPP project, Zint project, GS1 AISBL), reduced to what parsing needs:
// "AI[-AI] flags specification [dlpkey[=qualifiers]]". Flags: "*" predefined length (no
// FNC1 after it), "?" allowed as a Digital Link data attribute, "-" none. Specification:
// components "N14" (exact), "X..20" (1 to 20), "[...]" optional, ",linter" checks.
constexpr const char *AiTable = R"gs1(
00 *? N18,csum,gcppos2 dlpkey
01 *? N14,csum,gcppos2 dlpkey=22,10,21|235
02 *? N14,csum,gcppos2
03 * N14,csum,gcppos2
10 ? X..20
11 *? N6,yymmd0
12 *? N6,yymmd0
13 *? N6,yymmd0
15 *? N6,yymmd0
16 *? N6,yymmd0
17 *? N6,yymmd0
20 *? N2
21 - X..20
22 - X..20
235 - X..28
240 ? X..30
241 ? X..30
242 ? N..6
243 ? X..20
250 ? X..30
251 ? X..30
253 ? N13,csum,gcppos1 [X..17] dlpkey
254 - X..20
255 ? N13,csum,gcppos1 [N..12] dlpkey
30 ? N..8
3100-3105 *? N6
3110-3115 *? N6
3120-3125 *? N6
3130-3135 *? N6
3140-3145 *? N6
3150-3155 *? N6
3160-3165 *? N6
3200-3205 *? N6
3210-3215 *? N6
3220-3225 *? N6
3230-3235 *? N6
3240-3245 *? N6
3250-3255 *? N6
3260-3265 *? N6
3270-3275 *? N6
3280-3285 *? N6
3290-3295 *? N6
3300-3305 *? N6
3310-3315 *? N6
3320-3325 *? N6
3330-3335 *? N6
3340-3345 *? N6
3350-3355 *? N6
3360-3365 *? N6
3370-3375 *? N6
3400-3405 *? N6
3410-3415 *? N6
3420-3425 *? N6
3430-3435 *? N6
3440-3445 *? N6
3450-3455 *? N6
3460-3465 *? N6
3470-3475 *? N6
3480-3485 *? N6
3490-3495 *? N6
3500-3505 *? N6
3510-3515 *? N6
3520-3525 *? N6
3530-3535 *? N6
3540-3545 *? N6
3550-3555 *? N6
3560-3565 *? N6
3570-3575 *? N6
3600-3605 *? N6
3610-3615 *? N6
3620-3625 *? N6
3630-3635 *? N6
3640-3645 *? N6
3650-3655 *? N6
3660-3665 *? N6
3670-3675 *? N6
3680-3685 *? N6
3690-3695 *? N6
37 ? N..8
3900-3909 ? N..15
3910-3919 ? N3,iso4217 N..15
3920-3929 ? N..15
3930-3939 ? N3,iso4217 N..15
3940-3943 ? N4
3950-3955 ? N6
400 ? X..30
401 ? X..30,gcppos1 dlpkey
402 ? N17,csum,gcppos1 dlpkey
403 ? X..30
410 *? N13,csum,gcppos1
411 *? N13,csum,gcppos1
412 *? N13,csum,gcppos1
413 *? N13,csum,gcppos1
414 *? N13,csum,gcppos1 dlpkey=254|7040
415 *? N13,csum,gcppos1 dlpkey=8020
416 *? N13,csum,gcppos1
417 *? N13,csum,gcppos1 dlpkey=7040
420 ? X..20
421 ? N3,iso3166 X..9
422 ? N3,iso3166
423 ? N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166
424 ? N3,iso3166
425 ? N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166
426 ? N3,iso3166
427 ? X..3
4300 ? X..35,pcenc
4301 ? X..35,pcenc
4302 ? X..70,pcenc
4303 ? X..70,pcenc
4304 ? X..70,pcenc
4305 ? X..70,pcenc
4306 ? X..70,pcenc
4307 ? X2,iso3166alpha2
4308 ? X..30
4309 ? N10,latitude N10,longitude
4310 ? X..35,pcenc
4311 ? X..35,pcenc
4312 ? X..70,pcenc
4313 ? X..70,pcenc
4314 ? X..70,pcenc
4315 ? X..70,pcenc
4316 ? X..70,pcenc
4317 ? X2,iso3166alpha2
4318 ? X..20
4319 ? X..30
4320 ? X..35,pcenc
4321 ? N1,yesno
4322 ? N1,yesno
4323 ? N1,yesno
4324 ? N6,yymmd0 N4,hhmi
4325 ? N6,yymmd0 N4,hhmi
4326 ? N6,yymmdd
4330 ? N6 [X1],hyphen
4331 ? N6 [X1],hyphen
4332 ? N6 [X1],hyphen
4333 ? N6 [X1],hyphen
7001 ? N13
7002 ? X..30
7003 ? N6,yymmdd N4,hhmi
7004 ? N..4
7005 ? X..12
7006 ? N6,yymmdd
7007 ? N6,yymmdd [N6],yymmdd
7008 ? X..3
7009 ? X..10
7010 ? X..2
7011 ? N6,yymmdd [N4],hhmi
7020 ? X..20
7021 ? X..20
7022 ? X..20
7023 ? X..30,gcppos1
7030 ? N3,iso3166999 X..27
7031 ? N3,iso3166999 X..27
7032 ? N3,iso3166999 X..27
7033 ? N3,iso3166999 X..27
7034 ? N3,iso3166999 X..27
7035 ? N3,iso3166999 X..27
7036 ? N3,iso3166999 X..27
7037 ? N3,iso3166999 X..27
7038 ? N3,iso3166999 X..27
7039 ? N3,iso3166999 X..27
7040 - N1 X1 X1 X1,importeridx
7041 - X..4,packagetype
710 ? X..20
711 ? X..20
712 ? X..20
713 ? X..20
714 ? X..20
715 ? X..20
716 ? X..20
717 ? X..20
7230 ? X2 X..28
7231 ? X2 X..28
7232 ? X2 X..28
7233 ? X2 X..28
7234 ? X2 X..28
7235 ? X2 X..28
7236 ? X2 X..28
7237 ? X2 X..28
7238 ? X2 X..28
7239 ? X2 X..28
7240 ? X..20
7241 ? N2,mediatype
7242 ? X..25
7250 ? N8,yyyymmdd
7251 ? N8,yyyymmdd N4,hhmi
7252 ? N1,iso5218
7253 ? X..40,pcenc
7254 ? X..40,pcenc
7255 ? X..10
7256 ? X..90,pcenc
7257 ? X..70,pcenc
7258 ? X3,posinseqslash
7259 ? X..40,pcenc
8001 ? N4,nonzero N5,nonzero N3,nonzero N1,winding N1
8002 ? X..20
8003 ? N1,zero N13,csum,gcppos1 [X..16] dlpkey
8004 ? X..30,gcppos1 dlpkey=7040
8005 ? N6
8006 ? N14,csum,gcppos2 N4,pieceoftotal dlpkey=22,10,21
8007 ? X..34,iban
8008 ? N6,yymmdd N2,hh [N2],mi [N2],ss
8009 ? X..50
8010 ? Y..30,gcppos1 dlpkey=8011
8011 - N..12,nozeroprefix
8012 ? X..20
8013 ? X..25,csumalpha,gcppos1 dlpkey
8014 - X..25,csumalpha,gcppos1,hasnondigit
8017 ? N18,csum,gcppos1 dlpkey=8019
8018 ? N18,csum,gcppos1 dlpkey=8019
8019 - N..10
8020 - X..25
8026 ? N14,csum,gcppos2 N4,pieceoftotal
8030 ? Z..90
8040 - N15
8041 - N15
8042 - N32
8043 - N18 [N..2]
8110 ? X..70,couponcode
8111 ? N4
8112 ? X..70,couponposoffer
8200 - X..70
90 ? X..30
91-99 ? X..90
)gs1";

struct Component
{
    char type = 'X'; // N digits, X CSET 82, Y CSET 39, Z base64url
    int minLength = 1;
    int maxLength = 1;
    bool optional = false;
    QList<QByteArray> linters;
};

struct Entry
{
    QString ai;
    bool predefinedLength = false;
    bool dlAttribute = false;
    bool dlPrimaryKey = false;
    QList<QStringList> dlQualifiers; // alternative ordered sequences
    QList<Component> components;
    int minLength = 0;
    int maxLength = 0;
};

struct Dictionary
{
    QList<Entry> entries;
    QHash<QString, qsizetype> byAi;
};

Component parseComponent(QByteArray token)
{
    Component c;
    c.optional = token.contains('[');
    token.replace('[', QByteArray()).replace(']', QByteArray());
    QList<QByteArray> parts = token.split(',');
    const QByteArray format = parts.takeFirst();
    c.type = format.at(0);
    if (format.mid(1, 2) == "..") {
        c.minLength = 1;
        c.maxLength = format.mid(3).toInt();
    } else {
        c.minLength = c.maxLength = format.mid(1).toInt();
    }
    c.linters = parts;
    return c;
}

Dictionary buildDictionary()
{
    Dictionary d;
    const QList<QByteArray> lines = QByteArray(AiTable).split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> tokens = line.simplified().split(' ');
        if (tokens.size() < 3)
            continue;
        Entry proto;
        proto.predefinedLength = tokens[1].contains('*');
        proto.dlAttribute = tokens[1].contains('?');
        for (qsizetype i = 2; i < tokens.size(); ++i) {
            const QByteArray &t = tokens[i];
            if (t.startsWith("dlpkey")) {
                proto.dlPrimaryKey = true;
                const qsizetype eq = t.indexOf('=');
                if (eq > 0) {
                    for (const QByteArray &alt : t.mid(eq + 1).split('|'))
                        proto.dlQualifiers.append(QString::fromLatin1(alt).split(u','));
                }
                continue;
            }
            const Component c = parseComponent(t);
            proto.components.append(c);
            if (!c.optional)
                proto.minLength += c.minLength;
            proto.maxLength += c.maxLength;
        }
        const QList<QByteArray> range = tokens[0].split('-');
        const QString first = QString::fromLatin1(range.first());
        const QString last = QString::fromLatin1(range.last());
        const int from = first.toInt();
        const int to = last.toInt();
        for (int n = from; n <= to; ++n) {
            Entry e = proto;
            e.ai = QString::number(n).rightJustified(first.size(), u'0');
            d.byAi.insert(e.ai, d.entries.size());
            d.entries.append(e);
        }
    }
    return d;
}

const Dictionary &dictionary()
{
    static const Dictionary d = buildDictionary();
    return d;
}

const Entry *entryFor(QStringView ai)
{
    const Dictionary &d = dictionary();
    const auto it = d.byAi.constFind(ai.toString());
    return it == d.byAi.cend() ? nullptr : &d.entries.at(*it);
}

// The AI at the start of `data` (2 to 4 digits), or nullptr.
const Entry *entryAtStart(QStringView data)
{
    for (qsizetype n = 2; n <= 4 && n <= data.size(); ++n) {
        if (const Entry *e = entryFor(data.first(n)))
            return e;
    }
    return nullptr;
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool allDigits(QStringView s)
{
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

bool isCset82(QChar c)
{
    const char16_t u = c.unicode();
    if ((u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z'))
        return true;
    return u < 128 && std::char_traits<char>::find("!\"%&'()*+,-./:;<=>?_", 20, char(u));
}

bool isCset39(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || u == u'#' || u == u'-' ||
           u == u'/';
}

bool isBase64Url(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
           u == u'-' || u == u'_';
}

int number(QStringView digits)
{
    int n = 0;
    for (QChar c : digits)
        n = n * 10 + (c.unicode() - u'0');
    return n;
}

int daysInMonth(int year, int month)
{
    return QDate(year, month, 1).daysInMonth();
}

bool isHex(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'F') || (u >= u'a' && u <= u'f');
}

struct Problem
{
    Error error = Error::None;
    QString what;
};

// Checks one component of a value with the named linter; linters the product does not
// need for ordering (company prefixes, country and currency codes, IBAN, coupons)
// are not checked.
Problem lint(const QByteArray &linter, QStringView part)
{
    auto bad = [](Error e, const char *what) { return Problem{e, QString::fromLatin1(what)}; };
    if (linter == "csum") {
        if (part.size() < 2 ||
            gtin::checkDigit(part.first(part.size() - 1)) != part.last().unicode() - u'0')
            return bad(Error::CheckDigit, "incorrect check digit");
    } else if (linter == "yymmd0" || linter == "yymmdd" || linter == "yyyymmdd") {
        const int yearDigits = linter == "yyyymmdd" ? 4 : 2;
        const int year = number(part.first(yearDigits)) + (yearDigits == 2 ? 2000 : 0);
        const int month = number(part.mid(yearDigits, 2));
        const int day = number(part.mid(yearDigits + 2, 2));
        if (month < 1 || month > 12)
            return bad(Error::InvalidDate, "illegal month");
        if ((day == 0 && linter != "yymmd0") || day > daysInMonth(year, month))
            return bad(Error::InvalidDate, "illegal day");
    } else if (linter == "hhmi" || linter == "hh") {
        if (number(part.first(2)) > 23)
            return bad(Error::InvalidDate, "illegal hour");
        if (linter == "hhmi" && number(part.mid(2, 2)) > 59)
            return bad(Error::InvalidDate, "illegal minute");
    } else if (linter == "mi") {
        if (number(part) > 59)
            return bad(Error::InvalidDate, "illegal minute");
    } else if (linter == "ss") {
        if (number(part) > 59)
            return bad(Error::InvalidDate, "illegal second");
    } else if (linter == "nonzero") {
        if (number(part) == 0)
            return bad(Error::InvalidValue, "must not be zero");
    } else if (linter == "zero") {
        if (part != u"0")
            return bad(Error::InvalidValue, "must be 0");
    } else if (linter == "yesno") {
        if (part != u"0" && part != u"1")
            return bad(Error::InvalidValue, "must be 0 or 1");
    } else if (linter == "winding") {
        if (part != u"0" && part != u"1" && part != u"9")
            return bad(Error::InvalidValue, "invalid winding direction");
    } else if (linter == "iso5218") {
        if (part != u"0" && part != u"1" && part != u"2" && part != u"9")
            return bad(Error::InvalidValue, "invalid biological sex code");
    } else if (linter == "hyphen") {
        if (part != u"-")
            return bad(Error::InvalidValue, "must be a hyphen");
    } else if (linter == "nozeroprefix") {
        if (part.size() > 1 && part.front() == u'0')
            return bad(Error::InvalidValue, "must not start with 0");
    } else if (linter == "hasnondigit") {
        if (allDigits(part))
            return bad(Error::InvalidValue, "must contain a non-digit");
    } else if (linter == "pieceoftotal") {
        const int piece = number(part.first(2));
        const int total = number(part.mid(2, 2));
        if (piece == 0)
            return bad(Error::InvalidValue, "piece number is zero");
        if (total == 0)
            return bad(Error::InvalidValue, "total pieces is zero");
        if (piece > total)
            return bad(Error::InvalidValue, "piece number exceeds total");
    } else if (linter == "pcenc") {
        for (qsizetype i = 0; i < part.size(); ++i) {
            if (part[i] == u'%' &&
                (i + 2 >= part.size() || !isHex(part[i + 1]) || !isHex(part[i + 2])))
                return bad(Error::InvalidValue, "invalid percent sequence");
        }
    } else if (linter == "posinseqslash") {
        const qsizetype slash = part.indexOf(u'/');
        if (slash <= 0 || slash == part.size() - 1 || !allDigits(part.first(slash)) ||
            !allDigits(part.mid(slash + 1)))
            return bad(Error::InvalidValue, "position in sequence malformed");
        if (part.front() == u'0' || part[slash + 1] == u'0')
            return bad(Error::InvalidValue, "must not start with 0");
        if (number(part.first(slash)) > number(part.mid(slash + 1)))
            return bad(Error::InvalidValue, "position exceeds end");
    } else if (linter == "latitude" || linter == "longitude") {
        const qint64 limit = linter == "latitude" ? 1800000000 : 3600000000;
        if (part.toString().toLongLong() > limit)
            return bad(Error::InvalidValue, "invalid coordinate");
    }
    return {};
}

Problem checkCharacters(char type, QStringView part)
{
    for (qsizetype i = 0; i < part.size(); ++i) {
        const QChar c = part[i];
        switch (type) {
        case 'N':
            if (!isDigit(c))
                return {Error::NonDigit, QStringLiteral("non-digit character")};
            break;
        case 'Y':
            if (!isCset39(c))
                return {Error::InvalidCharacter, QStringLiteral("invalid character")};
            break;
        case 'Z':
            if (c == u'=') {
                const qsizetype pads = part.size() - i;
                if (part.size() % 4 != 0 || pads > 2 || part.mid(i).count(u'=') != pads)
                    return {Error::InvalidPadding, QStringLiteral("invalid base64 padding")};
                return {};
            }
            if (!isBase64Url(c))
                return {Error::InvalidCharacter, QStringLiteral("invalid character")};
            break;
        default:
            if (!isCset82(c))
                return {Error::InvalidCharacter, QStringLiteral("invalid character")};
        }
    }
    return {};
}

Problem checkValue(const Entry &e, QStringView value, Checks checks)
{
    if (value.isEmpty())
        return {Error::MissingValue, QStringLiteral("no data")};
    qsizetype pos = 0;
    for (const Component &c : e.components) {
        const qsizetype remaining = value.size() - pos;
        if (remaining == 0 && c.optional)
            break;
        if (remaining < c.minLength)
            return {Error::TooShort,
                    QStringLiteral("too short (needs %1 characters)").arg(e.minLength)};
        const QStringView part = value.mid(pos, qMin<qsizetype>(c.maxLength, remaining));
        pos += part.size();
        Problem p = checkCharacters(c.type, part);
        if (p.error != Error::None)
            return p;
        for (const QByteArray &linter : c.linters) {
            if (checks == Checks::Structure)
                break;
            p = lint(linter, part);
            if (p.error != Error::None)
                return p;
        }
    }
    if (pos < value.size())
        return {Error::TooLong,
                QStringLiteral("too long (at most %1 characters)").arg(e.maxLength)};
    return {};
}

ElementString failure(Error error, QString message)
{
    ElementString r;
    r.error = error;
    r.message = std::move(message);
    return r;
}

// Appends an element after checking it; returns false and fills `r` on a problem.
bool addElement(ElementString &r, const Entry &e, QString value, Checks checks = Checks::Full)
{
    const Problem p = checkValue(e, value, checks);
    if (p.error != Error::None) {
        r = failure(p.error, QStringLiteral("AI (%1): %2").arg(e.ai, p.what));
        return false;
    }
    for (const Element &existing : std::as_const(r.elements)) {
        if (existing.ai == e.ai && existing.value != value) {
            r = failure(Error::RepeatedAiDiffers,
                        QStringLiteral("AI (%1) appears twice with different values").arg(e.ai));
            return false;
        }
    }
    r.elements.append({e.ai, std::move(value)});
    return true;
}

QString unknownAi(QStringView data)
{
    const QString at = data.first(qMin<qsizetype>(data.size(), 8)).toString();
    if (data.size() < 2 || !isDigit(data[0]) || !isDigit(data[1]))
        return QStringLiteral("expected an AI (2 to 4 digits) at \"%1\"").arg(at);
    return QStringLiteral("no known AI at \"%1\"").arg(at);
}

} // namespace

QString ElementString::value(QStringView ai) const
{
    for (const Element &e : elements) {
        if (e.ai == ai)
            return e.value;
    }
    return {};
}

QString ElementString::toBracketed() const
{
    QString out;
    for (const Element &e : elements) {
        QString v = e.value;
        v.replace(u'(', QStringLiteral("\\("));
        out += u'(' + e.ai + u')' + v;
    }
    return out;
}

QString ElementString::toElementString(QChar separator) const
{
    QString out;
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const Element &e = elements[i];
        out += e.ai + e.value;
        const Entry *entry = entryFor(e.ai);
        if (i + 1 < elements.size() && !(entry && entry->predefinedLength))
            out += separator;
    }
    return out;
}

std::optional<AiInfo> lookupAi(QStringView ai)
{
    const Entry *e = entryFor(ai);
    if (!e)
        return std::nullopt;
    AiInfo info;
    info.ai = e->ai;
    info.predefinedLength = e->predefinedLength;
    info.digitalLinkAttribute = e->dlAttribute;
    info.digitalLinkPrimaryKey = e->dlPrimaryKey;
    info.minLength = e->minLength;
    info.maxLength = e->maxLength;
    return info;
}

ElementString parseElementString(QStringView data, QChar separator, Checks checks)
{
    if (!data.isEmpty() && data.front() == separator)
        data = data.mid(1);
    if (data.isEmpty())
        return failure(Error::Empty, QStringLiteral("no GS1 data"));
    ElementString r;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const Entry *e = entryAtStart(data.mid(pos));
        if (!e)
            return failure(Error::UnknownAi, unknownAi(data.mid(pos)));
        pos += e->ai.size();
        qsizetype end;
        qsizetype next;
        if (e->predefinedLength) {
            end = qMin(pos + e->maxLength, data.size());
            const qsizetype sep = data.mid(pos, end - pos).indexOf(separator);
            if (sep >= 0)
                end = pos + sep;
            next = end;
            // A separator after a fixed-length element is redundant but harmless.
            if (next < data.size() && data[next] == separator)
                ++next;
        } else {
            const qsizetype sep = data.indexOf(separator, pos);
            end = sep < 0 ? data.size() : sep;
            next = sep < 0 ? data.size() : sep + 1;
        }
        if (!addElement(r, *e, data.mid(pos, end - pos).toString(), checks))
            return r;
        pos = next;
    }
    return r;
}

ElementString parseBracketed(QStringView text)
{
    if (text.isEmpty())
        return failure(Error::Empty, QStringLiteral("no GS1 data"));
    if (text.front() != u'(')
        return failure(Error::Malformed, QStringLiteral("bracketed GS1 data starts with \"(\""));
    ElementString r;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype close = text.indexOf(u')', pos);
        if (close < 0)
            return failure(Error::Malformed, QStringLiteral("\"(\" without \")\""));
        const QStringView ai = text.mid(pos + 1, close - pos - 1);
        const Entry *e = ai.size() >= 2 && allDigits(ai) ? entryFor(ai) : nullptr;
        if (!e) {
            return failure(Error::UnknownAi, ai.size() >= 2 && ai.size() <= 4 && allDigits(ai)
                                                 ? QStringLiteral("unknown AI (%1)").arg(ai)
                                                 : QStringLiteral("\"(%1)\" is no AI").arg(ai));
        }
        QString value;
        pos = close + 1;
        while (pos < text.size() && text[pos] != u'(') {
            if (text[pos] == u'\\' && pos + 1 < text.size() && text[pos + 1] == u'(') {
                value += u'(';
                pos += 2;
            } else {
                value += text[pos++];
            }
        }
        if (!addElement(r, *e, value))
            return r;
    }
    return r;
}

namespace {

// Short names that GS1 Digital Link 1.1 allowed in place of the numeric AI in the path.
const QHash<QString, QString> &shortNames()
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("gtin"), QStringLiteral("01")},
        {QStringLiteral("itip"), QStringLiteral("8006")},
        {QStringLiteral("cpv"), QStringLiteral("22")},
        {QStringLiteral("lot"), QStringLiteral("10")},
        {QStringLiteral("ser"), QStringLiteral("21")},
        {QStringLiteral("sscc"), QStringLiteral("00")},
        {QStringLiteral("gln"), QStringLiteral("414")},
        {QStringLiteral("glnx"), QStringLiteral("254")},
        {QStringLiteral("party"), QStringLiteral("417")},
        {QStringLiteral("gdti"), QStringLiteral("253")},
        {QStringLiteral("gcn"), QStringLiteral("255")},
        {QStringLiteral("ginc"), QStringLiteral("401")},
        {QStringLiteral("gsin"), QStringLiteral("402")},
        {QStringLiteral("grai"), QStringLiteral("8003")},
        {QStringLiteral("giai"), QStringLiteral("8004")},
        {QStringLiteral("cpid"), QStringLiteral("8010")},
        {QStringLiteral("cpsn"), QStringLiteral("8011")},
        {QStringLiteral("gmn"), QStringLiteral("8013")},
        {QStringLiteral("gsrnp"), QStringLiteral("8017")},
        {QStringLiteral("gsrn"), QStringLiteral("8018")},
        {QStringLiteral("srin"), QStringLiteral("8019")},
        {QStringLiteral("payto"), QStringLiteral("415")},
    };
    return names;
}

const Entry *pathAi(QStringView segment)
{
    if (allDigits(segment))
        return entryFor(segment);
    const auto it = shortNames().constFind(segment.toString());
    return it == shortNames().cend() ? nullptr : entryFor(*it);
}

// Percent-decodes a URI component; `plusIsSpace` for the query. nullopt on a bad escape
// or a control character.
std::optional<QString> decodeComponent(QStringView s, bool plusIsSpace)
{
    QByteArray bytes;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'%') {
            if (i + 2 >= s.size() || !isHex(s[i + 1]) || !isHex(s[i + 2]))
                return std::nullopt;
            bytes.append(char(s.mid(i + 1, 2).toString().toInt(nullptr, 16)));
            i += 2;
        } else if (c == u'+' && plusIsSpace) {
            bytes.append(' ');
        } else {
            bytes.append(s.mid(i, 1).toUtf8());
        }
    }
    QString out = QString::fromUtf8(bytes);
    for (QChar c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return std::nullopt;
    }
    return out;
}

bool validHost(QStringView host)
{
    if (host.isEmpty())
        return false;
    if (host.front() == u'[')
        return host.back() == u']' && host.size() > 2 &&
               std::all_of(host.begin() + 1, host.end() - 1,
                           [](QChar c) { return isHex(c) || c == u':' || c == u'.'; });
    const qsizetype colon = host.lastIndexOf(u':');
    const QStringView name = colon >= 0 ? host.first(colon) : host;
    if (colon >= 0 && (colon == host.size() - 1 || !allDigits(host.mid(colon + 1))))
        return false;
    if (name.isEmpty())
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](QChar c) { return isBase64Url(c) || c == u'.'; });
}

} // namespace

bool looksLikeUri(QStringView text)
{
    return text.startsWith(u"http://", Qt::CaseInsensitive) ||
           text.startsWith(u"https://", Qt::CaseInsensitive);
}

ElementString parseDigitalLink(QStringView uri, const DigitalLinkOptions &options)
{
    auto broken = [](const QString &why) { return failure(Error::DigitalLinkStructure, why); };
    qsizetype schemeEnd = 0;
    for (const char16_t *scheme : {u"http://", u"https://", u"HTTP://", u"HTTPS://"}) {
        if (uri.startsWith(QStringView(scheme)))
            schemeEnd = QStringView(scheme).size();
    }
    if (schemeEnd == 0)
        return failure(Error::Malformed, QStringLiteral("not an http or https URI"));
    for (QChar c : uri) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || QStringView(u"<>{}\\^`|\"").contains(c))
            return broken(QStringLiteral("the URI contains a character that is not allowed"));
    }
    const qsizetype fragment = uri.indexOf(u'#');
    if (fragment >= 0)
        uri = uri.first(fragment);
    QStringView query;
    const qsizetype q = uri.indexOf(u'?');
    if (q >= 0) {
        query = uri.mid(q + 1);
        uri = uri.first(q);
    }
    const qsizetype pathStart = uri.indexOf(u'/', schemeEnd);
    if (pathStart < 0 || !validHost(uri.mid(schemeEnd, pathStart - schemeEnd)))
        return broken(QStringLiteral("the URI has no valid domain and path"));
    const QList<QStringView> segments = uri.mid(pathStart + 1).split(u'/');

    // From the right, AI/value pairs down to the rightmost primary key; anything before
    // it is the site's own path.
    QList<std::pair<const Entry *, QString>> path;
    qsizetype i = segments.size() - 1;
    const Entry *key = nullptr;
    for (; i >= 1; i -= 2) {
        const Entry *e = pathAi(segments[i - 1]);
        if (!e)
            break;
        const std::optional<QString> value = decodeComponent(segments[i], false);
        if (!value || value->isEmpty())
            return broken(
                QStringLiteral("empty or badly encoded value after /%1/").arg(segments[i - 1]));
        path.prepend({e, *value});
        if (e->dlPrimaryKey) {
            key = e;
            break;
        }
    }
    if (!key)
        return broken(QStringLiteral("no GS1 primary key (such as /01/ and a GTIN) in the path"));

    // Qualifiers must follow one of the key's sequences, in order.
    QList<QStringList> alternatives;
    for (const QStringList &alt : key->dlQualifiers) {
        qsizetype at = 0;
        bool fits = true;
        for (qsizetype p = 1; p < path.size() && fits; ++p) {
            at = alt.indexOf(path[p].first->ai, at);
            fits = at >= 0;
            if (fits)
                ++at;
        }
        if (fits)
            alternatives.append(alt);
    }
    if (path.size() > 1 && alternatives.isEmpty())
        return broken(QStringLiteral("the path qualifiers do not fit AI (%1)").arg(key->ai));

    auto expand = [&](const Entry *e, QString value) {
        if (options.permitZeroSuppressedGtin && e->ai == u"01" && allDigits(value) &&
            (value.size() == 8 || value.size() == 12 || value.size() == 13))
            value = value.rightJustified(14, u'0');
        return value;
    };

    ElementString r;
    for (const auto &[e, value] : std::as_const(path)) {
        if (!addElement(r, *e, expand(e, value)))
            return r;
    }
    for (QStringView param : query.split(u'&')) {
        const qsizetype eq = param.indexOf(u'=');
        if (eq < 0)
            continue; // empty parameters and singletons carry no AI
        const QStringView name = param.first(eq);
        if (!allDigits(name) || name.isEmpty())
            continue; // the site's own parameters
        const Entry *e = entryFor(name);
        if (!e || !e->dlAttribute)
            return broken(QStringLiteral("(%1) is not a GS1 data attribute").arg(name));
        for (const QStringList &alt : std::as_const(alternatives)) {
            if (alt.contains(e->ai))
                return broken(QStringLiteral("AI (%1) belongs in the path").arg(e->ai));
        }
        if (r.contains(e->ai))
            return broken(QStringLiteral("AI (%1) appears twice").arg(e->ai));
        const std::optional<QString> value = decodeComponent(param.mid(eq + 1), true);
        if (!value || value->isEmpty())
            return broken(QStringLiteral("empty or badly encoded value for (%1)").arg(name));
        if (!addElement(r, *e, expand(e, *value)))
            return r;
    }
    return r;
}

std::optional<QDate> dateValue(QStringView yymmdd, QDate today)
{
    if (yymmdd.size() != 6 || !allDigits(yymmdd))
        return std::nullopt;
    const int yy = number(yymmdd.first(2));
    const int month = number(yymmdd.mid(2, 2));
    const int day = number(yymmdd.mid(4, 2));
    // GS1 General Specifications 7.12: within 49 years ahead or 50 years back of today.
    const int century = today.year() / 100 * 100;
    const int diff = yy - today.year() % 100;
    int year = century + yy;
    if (diff >= 51)
        year -= 100;
    else if (diff <= -50)
        year += 100;
    if (month < 1 || month > 12)
        return std::nullopt;
    const int last = daysInMonth(year, month);
    if (day > last)
        return std::nullopt;
    return QDate(year, month, day == 0 ? last : day);
}

std::optional<Decimal> decimalValue(const Element &element)
{
    const QString &ai = element.ai;
    if (ai.size() != 4 || !allDigits(ai))
        return std::nullopt;
    const int group = number(QStringView(ai).first(3));
    const bool measure = (group >= 310 && group <= 369);
    const bool amount = group == 390 || group == 392;
    if ((!measure && !amount) || !entryFor(ai) || !allDigits(element.value) ||
        element.value.isEmpty() || element.value.size() > 18)
        return std::nullopt;
    const int decimals = ai.back().unicode() - u'0';
    qint64 digits = element.value.toLongLong();
    if (decimals <= Decimal::Scale) {
        for (int k = decimals; k < Decimal::Scale; ++k) {
            if (digits > std::numeric_limits<qint64>::max() / 10)
                return std::nullopt;
            digits *= 10;
        }
        return Decimal::fromUnits(digits);
    }
    qint64 divisor = 1;
    for (int k = Decimal::Scale; k < decimals; ++k)
        divisor *= 10;
    return Decimal::fromUnits((digits + divisor / 2) / divisor);
}

} // namespace qm::gs1
