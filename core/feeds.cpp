#include "core/feeds.h"

#include <QJsonArray>
#include <QLocale>
#include <QVariant>

#include <cmath>

namespace qm {

QString feedName(Feed feed)
{
    switch (feed) {
    case Feed::Products:
        return QStringLiteral("products");
    case Feed::Prices:
        return QStringLiteral("prices");
    case Feed::Stock:
        return QStringLiteral("stock");
    case Feed::PartNumbers:
        return QStringLiteral("part_numbers");
    case Feed::Lists:
        return QStringLiteral("lists");
    case Feed::Orders:
        return QStringLiteral("orders");
    }
    return {};
}

std::optional<Feed> feedFromName(QStringView name)
{
    for (Feed f : servedFeeds()) {
        if (name == feedName(f))
            return f;
    }
    return std::nullopt;
}

const QList<Feed> &catalogFeeds()
{
    static const QList<Feed> feeds{Feed::Products, Feed::Prices, Feed::Stock, Feed::PartNumbers};
    return feeds;
}

const QList<Feed> &allFeeds()
{
    static const QList<Feed> feeds{Feed::Products,    Feed::Prices, Feed::Stock,
                                   Feed::PartNumbers, Feed::Lists,  Feed::Orders};
    return feeds;
}

const QList<Feed> &servedFeeds()
{
    return allFeeds();
}

bool isAccountFeed(Feed feed)
{
    return feed == Feed::PartNumbers || feed == Feed::Lists || feed == Feed::Orders;
}

QJsonObject CustomerPartNumber::toJson() const
{
    QJsonObject o{{QStringLiteral("part_number"), partNumber}, {QStringLiteral("sku"), sku}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

namespace {

// One set of rules for a QJsonObject and a jsontext::Value.
template<typename Object>
std::optional<CustomerPartNumber> partNumberFromJson(const Object &o, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<CustomerPartNumber> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const auto partNumber = o.value(u"part_number");
    const auto sku = o.value(u"sku");
    const auto description = o.value(u"description");
    if (!partNumber.isString() || partNumber.toString().trimmed().isEmpty())
        return fail(QStringLiteral("part number entry lacks part_number"));
    if (!sku.isString() || sku.toString().isEmpty())
        return fail(QStringLiteral("part number entry lacks sku"));
    if (!description.isUndefined() && !description.isString())
        return fail(QStringLiteral("part number description is not a string"));
    return CustomerPartNumber{partNumber.toString(), sku.toString(), description.toString()};
}

} // namespace

std::optional<CustomerPartNumber> CustomerPartNumber::fromJson(const QJsonObject &o, QString *error)
{
    return partNumberFromJson(o, error);
}

std::optional<CustomerPartNumber> CustomerPartNumber::fromJson(const jsontext::Value &o,
                                                               QString *error)
{
    return partNumberFromJson(o, error);
}

namespace {

char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

// FNV-1a (see feedEntryHash) over bytes as they are written, for hashing a payload's canonical
// form without writing it out.
class FnvSink final
{
public:
    FnvSink &operator+=(char c)
    {
        m_hash ^= static_cast<unsigned char>(c);
        m_hash *= Prime;
        return *this;
    }
    FnvSink &operator+=(QByteArrayView bytes)
    {
        for (const char c : bytes)
            *this += c;
        return *this;
    }
    FnvSink &operator+=(const char *text) { return *this += QByteArrayView(text); }
    FnvSink &operator+=(const QByteArray &bytes) { return *this += QByteArrayView(bytes); }
    quint64 value() const { return m_hash; }

private:
    static constexpr quint64 Prime = 1099511628211ULL;
    quint64 m_hash = 14695981039346656037ULL;
};

// \uxxxx after the backslash.
template<typename Out>
void appendUnitHex(Out &out, char16_t u)
{
    out += 'u';
    out += hexDigit((u >> 12) & 0xf);
    out += hexDigit((u >> 8) & 0xf);
    out += hexDigit((u >> 4) & 0xf);
    out += hexDigit(u & 0xf);
}

// `s` as a JSON string's content: '"', '\\' and control characters escaped (\b \f \n \r \t or
// \u00xx), everything else as UTF-8, a lone surrogate as \uxxxx.
template<typename Out>
void appendEscapedUnit(Out &out, char16_t u)
{
    out += '\\';
    appendUnitHex(out, u);
}

template<typename Out>
void appendString(Out &out, QStringView s)
{
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                out += char(u);
                continue;
            }
            out += '\\';
            switch (u) {
            case u'"':
                out += '"';
                break;
            case u'\\':
                out += '\\';
                break;
            case 0x08:
                out += 'b';
                break;
            case 0x0c:
                out += 'f';
                break;
            case 0x0a:
                out += 'n';
                break;
            case 0x0d:
                out += 'r';
                break;
            case 0x09:
                out += 't';
                break;
            default:
                appendUnitHex(out, u);
            }
        } else if (u < 0x800) {
            out += char(0xc0 | (u >> 6));
            out += char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            out += char(0xe0 | (u >> 12));
            out += char(0x80 | ((u >> 6) & 0x3f));
            out += char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            out += char(0xf0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3f));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        } else {
            appendEscapedUnit(out, u);
        }
    }
}

template<typename Out>
void appendValue(Out &out, const QJsonValue &value);

template<typename Out>
void appendObject(Out &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!first)
            out += ',';
        first = false;
        out += '"';
        appendString(out, it.key());
        out += "\":";
        appendValue(out, it.value());
    }
    out += '}';
}

template<typename Out>
void appendValue(Out &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        // A number parsed without fraction or exponent, or made from an integer, is an
        // integer; any other is written in its shortest form ("null" if not finite).
        const QVariant number = value.toVariant();
        if (number.typeId() == QMetaType::LongLong) {
            out += QByteArray::number(number.toLongLong());
        } else {
            const double d = number.toDouble();
            out += std::isfinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest)
                                    : QByteArrayLiteral("null");
        }
        break;
    }
    case QJsonValue::String:
        out += '"';
        appendString(out, value.toString());
        out += '"';
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            appendValue(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        break;
    }
}

} // namespace

QByteArray canonicalJson(const QJsonObject &payload)
{
    QByteArray out;
    out.reserve(1024);
    appendObject(out, payload);
    return out;
}

quint64 feedEntryHash(QStringView key, const QJsonObject &payload)
{
    FnvSink sink;
    sink += key.toUtf8();
    sink += '\n';
    appendObject(sink, payload);
    return sink.value();
}

QByteArray canonicalJson(const jsontext::Value &payload)
{
    if (payload.isCanonical())
        return payload.text().toByteArray();
    return canonicalJson(payload.toQJsonObject());
}

quint64 feedEntryHash(QStringView key, const jsontext::Value &payload)
{
    if (payload.isCanonical())
        return feedEntryHash(key, payload.text());
    return feedEntryHash(key, payload.toQJsonObject());
}

quint64 feedEntryHash(QStringView key, QByteArrayView canonicalPayload)
{
    FnvSink sink;
    sink += key.toUtf8();
    sink += '\n';
    sink += canonicalPayload;
    return sink.value();
}

QString FeedDigest::toHex() const
{
    return QString::number(m_sum, 16).rightJustified(16, u'0');
}

std::optional<FeedDigest> FeedDigest::fromHex(QStringView hex)
{
    if (hex.size() != 16)
        return std::nullopt;
    bool ok = false;
    const quint64 v = hex.toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    return FeedDigest(v);
}

void FeedItem::setData(const QJsonObject &data)
{
    deleted = false;
    document = jsontext::Document::parse(canonicalJson(data), nullptr);
    payload = document->root();
}

std::optional<FeedPage> FeedPage::fromJson(const QByteArray &json, qint64 after, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<FeedPage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString parseError;
    const std::shared_ptr<const jsontext::Document> doc =
        jsontext::Document::parse(json, &parseError);
    if (!doc)
        return fail(QStringLiteral("not JSON: %1").arg(parseError));
    const jsontext::Value root = doc->root();
    if (!root.isObject())
        return fail(QStringLiteral("page is not a JSON object"));

    FeedPage page;
    page.feed = root.value(u"feed").toString();
    const jsontext::Value items = root.value(u"items");
    const jsontext::Value nextValue = root.value(u"next");
    const jsontext::Value hasMoreValue = root.value(u"has_more");
    if (!items.isArray() || !nextValue.isDouble() || !hasMoreValue.isBool())
        return fail(QStringLiteral("page lacks items, next or has_more"));
    page.next = nextValue.toInteger(-1);
    page.hasMore = hasMoreValue.toBool();

    page.items.reserve(items.size());
    qint64 previous = after;
    for (const jsontext::Value v : items) {
        FeedItem item;
        const jsontext::Value seq = v.value(u"seq");
        item.seq = seq.toInteger(-1);
        item.key = v.value(u"key").toString();
        const jsontext::Value op = v.value(u"op");
        if (!seq.isDouble() || item.seq <= 0 || item.key.isEmpty())
            return fail(QStringLiteral("item %1 lacks seq or key").arg(page.items.size()));
        if (item.seq <= previous)
            return fail(QStringLiteral("sequence %1 does not increase after %2")
                            .arg(item.seq)
                            .arg(previous));
        const QString opName = op.toString();
        if (opName == u"delete") {
            item.deleted = true;
        } else if (opName == u"upsert") {
            const jsontext::Value data = v.value(u"data");
            if (!data.isObject())
                return fail(QStringLiteral("upsert of %1 has no data object").arg(item.key));
            item.payload = data;
            item.document = doc;
        } else {
            return fail(QStringLiteral("item %1 has unknown op '%2'").arg(item.key, opName));
        }
        previous = item.seq;
        page.items.append(std::move(item));
    }
    if (page.next < previous)
        return fail(
            QStringLiteral("next %1 is behind the last item %2").arg(page.next).arg(previous));

    if (!page.hasMore) {
        const jsontext::Value count = root.value(u"count");
        const auto hash = FeedDigest::fromHex(root.value(u"hash").toString());
        if (!count.isDouble() || count.toInteger(-1) < 0 || !hash)
            return fail(QStringLiteral("last page lacks count or hash"));
        page.count = count.toInteger();
        page.hash = hash;
    }
    return page;
}

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

// Appends one ASCII character (below 0x80) of a JSON string as QJsonDocument writes it:
// quote, backslash and the control characters escaped (\b \f \n \r \t by name, the
// others as \u00XX), everything else as it is.
void appendJsonAscii(QByteArray &out, char c)
{
    switch (c) {
    case '"':
        out.append("\\\"", 2);
        return;
    case '\\':
        out.append("\\\\", 2);
        return;
    case '\b':
        out.append("\\b", 2);
        return;
    case '\f':
        out.append("\\f", 2);
        return;
    case '\n':
        out.append("\\n", 2);
        return;
    case '\r':
        out.append("\\r", 2);
        return;
    case '\t':
        out.append("\\t", 2);
        return;
    default:
        break;
    }
    if (uchar(c) < 0x20) {
        out.append("\\u00", 4);
        out.append(hexDigits[(c >> 4) & 0xf]);
        out.append(hexDigits[c & 0xf]);
    } else {
        out.append(c);
    }
}

// A JSON string exactly as QJsonDocument writes it (the canonical form): ASCII as above,
// everything else as UTF-8, except a lone surrogate, which becomes \uXXXX. Built here
// rather than through a QJsonDocument per string: a sync page writes one key per item.
void appendJsonString(QByteArray &out, QStringView s)
{
    out.append('"');
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = s[i].unicode();
        if (u < 0x80) {
            appendJsonAscii(out, char(u));
        } else if (u < 0x800) {
            out.append(char(0xc0 | (u >> 6)));
            out.append(char(0x80 | (u & 0x3f)));
        } else if (QChar::isHighSurrogate(u) && i + 1 < n && s[i + 1].isLowSurrogate()) {
            const char32_t c = QChar::surrogateToUcs4(u, s[++i].unicode());
            out.append(char(0xf0 | (c >> 18)));
            out.append(char(0x80 | ((c >> 12) & 0x3f)));
            out.append(char(0x80 | ((c >> 6) & 0x3f)));
            out.append(char(0x80 | (c & 0x3f)));
        } else if (QChar::isSurrogate(u)) {
            out.append("\\u", 2);
            for (int shift = 12; shift >= 0; shift -= 4)
                out.append(hexDigits[(u >> shift) & 0xf]);
        } else {
            out.append(char(0xe0 | (u >> 12)));
            out.append(char(0x80 | ((u >> 6) & 0x3f)));
            out.append(char(0x80 | (u & 0x3f)));
        }
    }
    out.append('"');
}

// The same for text that is already valid UTF-8 (as stored): the bytes of other characters
// go out as they are, which is what the QStringView overload writes for them.
void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    for (const char c : utf8) {
        if (uchar(c) < 0x80)
            appendJsonAscii(out, c);
        else
            out.append(c);
    }
    out.append('"');
}

} // namespace

FeedPageWriter::FeedPageWriter(QStringView feed)
{
    m_out.reserve(64 * 1024);
    m_out.append("{\"feed\":");
    appendJsonString(m_out, feed);
    m_out.append(",\"items\":[");
}

template<typename Key>
void FeedPageWriter::beginItem(qint64 seq, Key key)
{
    if (m_items++ > 0)
        m_out.append(',');
    m_out.append("{\"seq\":");
    m_out.append(QByteArray::number(seq));
    m_out.append(",\"key\":");
    appendJsonString(m_out, key);
}

template<typename Key>
void FeedPageWriter::upsert(qint64 seq, Key key, QByteArrayView canonicalPayload)
{
    beginItem(seq, key);
    m_out.append(",\"op\":\"upsert\",\"data\":");
    m_out.append(canonicalPayload);
    m_out.append('}');
}

template<typename Key>
void FeedPageWriter::remove(qint64 seq, Key key)
{
    beginItem(seq, key);
    m_out.append(",\"op\":\"delete\"}");
}

void FeedPageWriter::addUpsert(qint64 seq, QStringView key, QByteArrayView canonicalPayload)
{
    upsert(seq, key, canonicalPayload);
}

void FeedPageWriter::addUpsert(qint64 seq, QByteArrayView keyUtf8, QByteArrayView canonicalPayload)
{
    upsert(seq, keyUtf8, canonicalPayload);
}

void FeedPageWriter::addDelete(qint64 seq, QStringView key)
{
    remove(seq, key);
}

void FeedPageWriter::addDelete(qint64 seq, QByteArrayView keyUtf8)
{
    remove(seq, keyUtf8);
}

QByteArray FeedPageWriter::finish(qint64 next, bool hasMore, std::optional<qint64> count,
                                  std::optional<FeedDigest> hash)
{
    m_out.append("],\"next\":");
    m_out.append(QByteArray::number(next));
    m_out.append(",\"has_more\":");
    m_out.append(hasMore ? "true" : "false");
    if (count) {
        m_out.append(",\"count\":");
        m_out.append(QByteArray::number(*count));
    }
    if (hash) {
        m_out.append(",\"hash\":\"");
        m_out.append(hash->toHex().toLatin1());
        m_out.append('"');
    }
    m_out.append('}');
    return std::move(m_out);
}

} // namespace qm
