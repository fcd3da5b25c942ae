#include "core/jsontext.h"

#include <QJsonArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace qm::jsontext {

namespace {

constexpr int MaxDepth = 1024; // as QJsonDocument

// Ascii: a string of printable ASCII only, without escapes (its bytes compare as QString's
// UTF-16 units do, so such member names can be checked for canonical order bytewise).
constexpr quint8 Ascii = 4;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isContinuation(uchar c)
{
    return (c & 0xc0) == 0x80;
}

// The length of the UTF-8 sequence at p (lead byte >= 0x80), or 0 if it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are not).
int utf8Sequence(const uchar *p, const uchar *end)
{
    const uchar c = p[0];
    const qsizetype left = end - p;
    if (c >= 0xc2 && c <= 0xdf)
        return left >= 2 && isContinuation(p[1]) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (left < 3 || !isContinuation(p[1]) || !isContinuation(p[2]))
            return 0;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f))
            return 0;
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (left < 4 || !isContinuation(p[1]) || !isContinuation(p[2]) || !isContinuation(p[3]))
            return 0;
        if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
            return 0;
        return 4;
    }
    return 0;
}

// The text of a string node's content (between the quotes), escapes resolved.
QString decodeString(const char *text, const Node &n)
{
    const char *p = text + n.offset + 1;
    const char *const end = text + n.offset + n.length - 1;
    if (!(n.flags & Node::Escaped))
        return QString::fromUtf8(p, end - p);
    QString out;
    out.reserve(end - p);
    while (p != end) {
        const char *run = p;
        while (p != end && *p != '\\')
            ++p;
        if (p != run)
            out.append(QString::fromUtf8(run, p - run));
        if (p == end)
            break;
        const char e = p[1];
        p += 2;
        switch (e) {
        case 'b':
            out.append(QChar(u'\b'));
            break;
        case 'f':
            out.append(QChar(u'\f'));
            break;
        case 'n':
            out.append(QChar(u'\n'));
            break;
        case 'r':
            out.append(QChar(u'\r'));
            break;
        case 't':
            out.append(QChar(u'\t'));
            break;
        case 'u': {
            char16_t u = 0;
            for (int i = 0; i < 4; ++i)
                u = char16_t((u << 4) | hexValue(p[i]));
            p += 4;
            out.append(QChar(u));
            break;
        }
        default: // '"', '\\', '/'
            out.append(QChar(char16_t(e)));
        }
    }
    return out;
}

// Whether the string node equals `s`.
bool stringEquals(const char *text, const Node &n, QStringView s)
{
    if (!(n.flags & Ascii))
        return decodeString(text, n) == s;
    const qsizetype size = qsizetype(n.length) - 2;
    if (size != s.size())
        return false;
    const char *p = text + n.offset + 1;
    for (qsizetype i = 0; i < size; ++i) {
        if (char16_t(uchar(p[i])) != s[i].unicode())
            return false;
    }
    return true;
}

} // namespace

class Parser final
{
public:
    explicit Parser(Document &doc)
        : m_doc(doc)
        , m_begin(doc.m_text.constData())
        , m_p(m_begin)
        , m_end(m_begin + doc.m_text.size())
    {}

    bool parse(QString *error)
    {
        m_doc.m_nodes.reserve(std::size_t(m_end - m_begin) / 8 + 16);
        skipWhitespace();
        bool ok = false;
        if (m_p == m_end)
            ok = fail("empty document");
        else if (*m_p != '{' && *m_p != '[')
            ok = fail("the document is not an object or an array");
        else
            ok = value(0);
        if (ok) {
            skipWhitespace();
            if (m_p != m_end)
                ok = fail("garbage at the end of the document");
        }
        if (!ok && error)
            *error = QStringLiteral("%1 at offset %2")
                         .arg(m_reason.isEmpty() ? QString::fromLatin1(m_why) : m_reason)
                         .arg(m_errorAt);
        return ok;
    }

private:
    bool fail(const char *why)
    {
        m_why = why;
        m_errorAt = m_p - m_begin;
        return false;
    }

    void skipWhitespace()
    {
        const char *start = m_p;
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
        if (m_p != start)
            ++m_whitespace;
    }

    quint32 addNode(Node::Type type)
    {
        Node n;
        n.type = type;
        n.offset = quint32(m_p - m_begin);
        m_doc.m_nodes.push_back(n);
        return quint32(m_doc.m_nodes.size() - 1);
    }

    void close(quint32 index)
    {
        Node &n = m_doc.m_nodes[index];
        n.length = quint32(m_p - m_begin) - n.offset;
        n.span = quint32(m_doc.m_nodes.size()) - index;
    }

    bool value(int depth)
    {
        if (m_p == m_end)
            return fail("a value is missing");
        switch (*m_p) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            return string();
        case 't':
            return literal("true", Node::True);
        case 'f':
            return literal("false", Node::False);
        case 'n':
            return literal("null", Node::Null);
        default:
            if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
                return number();
            return fail("illegal value");
        }
    }

    bool literal(QByteArrayView word, Node::Type type)
    {
        if (m_end - m_p < word.size() || QByteArrayView(m_p, word.size()) != word)
            return fail("illegal value");
        const quint32 index = addNode(type);
        m_p += word.size();
        m_doc.m_nodes[index].flags = Node::Canonical;
        close(index);
        return true;
    }

    bool number()
    {
        const quint32 index = addNode(Node::Integer);
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p != m_end && *m_p == '0') {
            ++m_p;
        } else if (m_p != m_end && *m_p >= '1' && *m_p <= '9') {
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        } else {
            return fail("illegal number");
        }
        bool integer = true;
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            integer = false;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("illegal number");
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            integer = false;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("illegal number");
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        Node &n = m_doc.m_nodes[index];
        if (integer) {
            qint64 v = 0;
            const auto r = std::from_chars(start, m_p, v);
            if (r.ec == std::errc()) {
                // "-0" is the integer 0, whose canonical form is "0".
                if (!(v == 0 && *start == '-'))
                    n.flags = Node::Canonical;
                close(index);
                return true;
            }
        }
        // A fraction, an exponent, or an integer beyond 64 bits: a double, as QJsonDocument
        // reads it; one beyond the range of a double is an error there too.
        double d = 0;
        const auto r = std::from_chars(start, m_p, d);
        if (r.ec != std::errc() || r.ptr != m_p || !std::isfinite(d)) {
            m_p = start;
            return fail("illegal number");
        }
        n.type = Node::Double;
        close(index);
        return true;
    }

    // A string at m_p ('"'): escapes checked, UTF-8 validated, flags set.
    bool string()
    {
        const quint32 index = addNode(Node::String);
        ++m_p;
        bool escaped = false;
        bool canonical = true;
        bool ascii = true;
        for (;;) {
            if (m_p == m_end)
                return fail("unterminated string");
            const uchar c = uchar(*m_p);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail("control character in a string");
            if (c < 0x80) {
                if (c != '\\') {
                    ++m_p;
                    continue;
                }
                escaped = true;
                ascii = false;
                if (m_end - m_p < 2)
                    return fail("unterminated string");
                const char e = m_p[1];
                if (e == 'u') {
                    if (m_end - m_p < 6)
                        return fail("illegal escape sequence");
                    int u = 0;
                    bool lower = true;
                    for (int i = 2; i < 6; ++i) {
                        const int h = hexValue(m_p[i]);
                        if (h < 0)
                            return fail("illegal escape sequence");
                        if (m_p[i] >= 'A' && m_p[i] <= 'F')
                            lower = false;
                        u = (u << 4) | h;
                    }
                    // Only the control characters without a short escape are written as
                    // \u00xx in the canonical form (a lone surrogate too, but a pair of them
                    // is written as UTF-8, so these are left to the fallback).
                    if (!lower || u >= 0x20 || u == 0x08 || u == 0x09 || u == 0x0a || u == 0x0c ||
                        u == 0x0d)
                        canonical = false;
                    m_p += 6;
                    continue;
                }
                switch (e) {
                case '"':
                case '\\':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    break;
                case '/':
                    canonical = false;
                    break;
                default:
                    return fail("illegal escape sequence");
                }
                m_p += 2;
                continue;
            }
            ascii = false;
            const int n = utf8Sequence(reinterpret_cast<const uchar *>(m_p),
                                       reinterpret_cast<const uchar *>(m_end));
            if (n == 0)
                return fail("invalid UTF-8 in a string");
            m_p += n;
        }
        ++m_p;
        Node &n = m_doc.m_nodes[index];
        n.flags = quint8((escaped ? Node::Escaped : 0) | (canonical ? Node::Canonical : 0) |
                         (ascii ? Ascii : 0));
        close(index);
        return true;
    }

    bool array(int depth)
    {
        if (depth >= MaxDepth)
            return fail("too deeply nested document");
        const quint32 index = addNode(Node::Array);
        const int whitespace = m_whitespace;
        ++m_p;
        bool canonical = true;
        quint32 count = 0;
        skipWhitespace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
        } else {
            for (;;) {
                const quint32 element = quint32(m_doc.m_nodes.size());
                if (!value(depth + 1))
                    return false;
                canonical = canonical && (m_doc.m_nodes[element].flags & Node::Canonical);
                ++count;
                skipWhitespace();
                if (m_p == m_end)
                    return fail("unterminated array");
                if (*m_p == ']') {
                    ++m_p;
                    break;
                }
                if (*m_p != ',')
                    return fail("a comma or ']' is missing in an array");
                ++m_p;
                skipWhitespace();
                if (m_p != m_end && *m_p == ']')
                    return fail("a value is missing after a comma");
            }
        }
        Node &n = m_doc.m_nodes[index];
        n.count = count;
        n.flags = canonical && whitespace == m_whitespace ? Node::Canonical : 0;
        close(index);
        return true;
    }

    bool object(int depth)
    {
        if (depth >= MaxDepth)
            return fail("too deeply nested document");
        const quint32 index = addNode(Node::Object);
        const int whitespace = m_whitespace;
        ++m_p;
        bool canonical = true;
        bool ascending = true; // every name unescaped, each after the one before it bytewise
        QByteArrayView previous;
        quint32 count = 0;
        skipWhitespace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
        } else {
            for (;;) {
                if (m_p == m_end || *m_p != '"')
                    return fail(count == 0 ? "a member name is missing in an object"
                                           : "a member name is missing after a comma");
                const quint32 key = quint32(m_doc.m_nodes.size());
                if (!string())
                    return false;
                const Node &k = m_doc.m_nodes[key];
                const QByteArrayView name(m_begin + k.offset, k.length);
                if (ascending && (k.flags & Node::Escaped || (count > 0 && !(previous < name))))
                    ascending = false;
                canonical = canonical && (k.flags & Ascii);
                previous = name;
                skipWhitespace();
                if (m_p == m_end || *m_p != ':')
                    return fail("a ':' is missing after a member name");
                ++m_p;
                skipWhitespace();
                const quint32 member = quint32(m_doc.m_nodes.size());
                if (!value(depth + 1))
                    return false;
                canonical = canonical && (m_doc.m_nodes[member].flags & Node::Canonical);
                ++count;
                skipWhitespace();
                if (m_p == m_end)
                    return fail("unterminated object");
                if (*m_p == '}') {
                    ++m_p;
                    break;
                }
                if (*m_p != ',')
                    return fail("a comma or '}' is missing in an object");
                ++m_p;
                skipWhitespace();
            }
        }
        Node &n = m_doc.m_nodes[index];
        n.count = count;
        n.flags = canonical && ascending && whitespace == m_whitespace ? Node::Canonical : 0;
        close(index);
        // Names in ascending order are distinct; otherwise look for one named twice.
        return ascending || distinctNames(index);
    }

    bool distinctNames(quint32 index)
    {
        const Node object = m_doc.m_nodes[index];
        std::vector<std::pair<QString, quint32>> names; // a name, and its key node
        names.reserve(object.count);
        quint32 i = index + 1;
        for (quint32 m = 0; m < object.count; ++m) {
            names.emplace_back(decodeString(m_begin, m_doc.m_nodes[i]), i);
            i += 1 + m_doc.m_nodes[i + 1].span;
        }
        std::stable_sort(names.begin(), names.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (std::size_t k = 1; k < names.size(); ++k) {
            if (names[k].first == names[k - 1].first) {
                const quint32 later = std::max(names[k].second, names[k - 1].second);
                m_p = m_begin + m_doc.m_nodes[later].offset;
                m_reason = QStringLiteral("member '%1' named twice").arg(names[k].first);
                return fail("");
            }
        }
        return true;
    }

    Document &m_doc;
    const char *const m_begin;
    const char *m_p;
    const char *const m_end;
    int m_whitespace = 0; // how many runs of white space were skipped so far
    const char *m_why = "";
    QString m_reason; // a reason with details, instead of m_why
    qsizetype m_errorAt = 0;
};

std::shared_ptr<const Document> Document::parse(QByteArray text, QString *error)
{
    if (text.size() >= std::numeric_limits<qint32>::max()) {
        if (error)
            *error = QStringLiteral("document too large");
        return nullptr;
    }
    auto doc = std::make_shared<Document>();
    doc->m_text = std::move(text);
    if (!Parser(*doc).parse(error))
        return nullptr;
    return doc;
}

const Node &Value::node() const
{
    return m_doc->m_nodes[m_index];
}

bool Value::isNull() const
{
    return m_doc && node().type == Node::Null;
}

bool Value::isBool() const
{
    return m_doc && (node().type == Node::True || node().type == Node::False);
}

bool Value::isDouble() const
{
    return m_doc && (node().type == Node::Integer || node().type == Node::Double);
}

bool Value::isString() const
{
    return m_doc && node().type == Node::String;
}

bool Value::isArray() const
{
    return m_doc && node().type == Node::Array;
}

bool Value::isObject() const
{
    return m_doc && node().type == Node::Object;
}

bool Value::toBool(bool defaultValue) const
{
    if (!isBool())
        return defaultValue;
    return node().type == Node::True;
}

qint64 Value::toInteger(qint64 defaultValue) const
{
    if (!isDouble())
        return defaultValue;
    const Node &n = node();
    const char *p = m_doc->m_text.constData() + n.offset;
    if (n.type == Node::Integer) {
        qint64 v = 0;
        std::from_chars(p, p + n.length, v);
        return v;
    }
    const double d = toDouble();
    // Whole and within qint64 (2^63 itself is not), as QJsonValue::toInteger.
    if (d != std::trunc(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return defaultValue;
    return static_cast<qint64>(d);
}

double Value::toDouble(double defaultValue) const
{
    if (!isDouble())
        return defaultValue;
    const Node &n = node();
    if (n.type == Node::Integer)
        return static_cast<double>(toInteger());
    const char *p = m_doc->m_text.constData() + n.offset;
    double d = 0;
    std::from_chars(p, p + n.length, d);
    return d;
}

QString Value::toString() const
{
    if (!isString())
        return {};
    return decodeString(m_doc->m_text.constData(), node());
}

Value Value::value(QStringView name) const
{
    if (!isObject())
        return {};
    const Node &object = node();
    const char *text = m_doc->m_text.constData();
    const Node *nodes = m_doc->m_nodes.data();
    quint32 i = m_index + 1;
    for (quint32 m = 0; m < object.count; ++m) {
        if (stringEquals(text, nodes[i], name))
            return Value(m_doc, i + 1);
        i += 1 + nodes[i + 1].span;
    }
    return {};
}

qsizetype Value::size() const
{
    return isArray() || isObject() ? qsizetype(node().count) : 0;
}

QString Value::Iterator::key() const
{
    return m_object ? decodeString(m_doc->m_text.constData(), m_doc->m_nodes[m_index]) : QString();
}

Value::Iterator &Value::Iterator::operator++()
{
    const Node *nodes = m_doc->m_nodes.data();
    m_index += m_object ? 1 + nodes[m_index + 1].span : nodes[m_index].span;
    return *this;
}

Value::Iterator Value::begin() const
{
    if (!isArray() && !isObject())
        return end();
    return Iterator(m_doc, m_index + 1, isObject());
}

Value::Iterator Value::end() const
{
    if (!m_doc)
        return Iterator(nullptr, 0, false);
    return Iterator(m_doc, m_index + node().span, isObject());
}

QByteArrayView Value::text() const
{
    if (!m_doc)
        return {};
    const Node &n = node();
    return QByteArrayView(m_doc->m_text.constData() + n.offset, n.length);
}

bool Value::isCanonical() const
{
    return m_doc && (node().flags & Node::Canonical);
}

QJsonValue Value::toQJsonValue() const
{
    if (!m_doc)
        return QJsonValue(QJsonValue::Undefined);
    switch (node().type) {
    case Node::Null:
        return QJsonValue(QJsonValue::Null);
    case Node::False:
        return false;
    case Node::True:
        return true;
    case Node::Integer:
        return toInteger();
    case Node::Double:
        return toDouble();
    case Node::String:
        return toString();
    case Node::Array: {
        QJsonArray array;
        for (const Value v : *this)
            array.append(v.toQJsonValue());
        return array;
    }
    case Node::Object: {
        QJsonObject object;
        for (auto it = begin(); it != end(); ++it)
            object.insert(it.key(), it.value().toQJsonValue());
        return object;
    }
    }
    return {};
}

} // namespace qm::jsontext
