#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <vector>

// A JSON reader for the sync pages, whose payloads the client reads by the hundred thousand:
// the text is parsed once into one flat array of nodes that point into it, with no allocation
// per value, and read through jsontext::Value, whose accessors are named and behave like
// QJsonValue's and QJsonObject's, so that one parsing function reads either (see
// core/catalog.cpp).
//
// Strict RFC 8259, and stricter than QJsonDocument where it is lenient: a control character
// inside a string, an unknown escape ("\\a"), a number ending in '.', and an object naming a
// member twice are errors.
// Everything it accepts, QJsonDocument accepts with the same values (tst_json and fuzz_json
// check that).
//
// Each value also knows whether its text is already the canonical form that feeds.h's
// canonicalJson() writes, so that a feed entry's hash can be taken over the bytes received.
namespace qm::jsontext {

class Document;

// One value of a Document, in its flat array.
struct Node
{
    enum Type : quint8
    {
        Null,
        False,
        True,
        Integer,
        Double,
        String,
        Array,
        Object
    };
    enum Flag : quint8
    {
        Escaped = 1,
        Canonical = 2
    };
    quint32 offset = 0; // of the value's first byte in the text (a string's opening quote)
    quint32 length = 0; // of the value's text
    quint32 span = 1;   // nodes in the value's subtree, itself included
    quint32 count = 0;  // an array's elements, an object's members
    Type type = Null;
    quint8 flags = 0;
};

class Value final
{
public:
    Value() = default; // undefined, as a missing member

    bool isUndefined() const { return m_doc == nullptr; }
    bool isNull() const;
    bool isBool() const;
    bool isDouble() const; // any number, as QJsonValue
    bool isString() const;
    bool isArray() const;
    bool isObject() const;

    bool toBool(bool defaultValue = false) const;
    // The number if it is whole and fits, else defaultValue (QJsonValue::toInteger).
    qint64 toInteger(qint64 defaultValue = 0) const;
    double toDouble(double defaultValue = 0) const;
    // A string's text; empty for anything else.
    QString toString() const;
    // This value if it is an object (an array), else an undefined value: reading members of
    // it or iterating it finds nothing, as with an empty QJsonObject (QJsonArray).
    Value toObject() const { return isObject() ? *this : Value(); }
    Value toArray() const { return isArray() ? *this : Value(); }

    // An object's member; undefined if there is none or this is not an object.
    Value value(QStringView name) const;
    // Members of an object, elements of an array; 0 otherwise.
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }

    // Iterates an array's elements or an object's member values, in the order of the text;
    // key() names an object's member.
    class Iterator final
    {
    public:
        Value operator*() const { return Value(m_doc, m_index + (m_object ? 1 : 0)); }
        Value value() const { return **this; }
        QString key() const;
        Iterator &operator++();
        friend bool operator==(const Iterator &a, const Iterator &b)
        {
            return a.m_index == b.m_index;
        }
        friend bool operator!=(const Iterator &a, const Iterator &b)
        {
            return a.m_index != b.m_index;
        }

    private:
        friend class Value;
        Iterator(const Document *doc, quint32 index, bool object)
            : m_doc(doc)
            , m_index(index)
            , m_object(object)
        {}
        const Document *m_doc = nullptr;
        quint32 m_index = 0; // the element's node, or the member's key node
        bool m_object = false;
    };
    Iterator begin() const;
    Iterator end() const;

    // The value's text as received, without the white space around it.
    QByteArrayView text() const;
    // Whether text() is the value's canonical form (feeds.h): compact, object members in
    // sorted order, strings escaped as canonicalJson() escapes them, numbers as integers.
    bool isCanonical() const;

    QJsonValue toQJsonValue() const;
    QJsonObject toQJsonObject() const { return toQJsonValue().toObject(); }

private:
    friend class Document;
    Value(const Document *doc, quint32 index)
        : m_doc(doc)
        , m_index(index)
    {}
    const Node &node() const;

    const Document *m_doc = nullptr;
    quint32 m_index = 0;
};

class Document final
{
public:
    // Parses `text` (at most 2 GiB), which must hold one JSON object or array. Null with a
    // reason naming the byte offset ("… at offset 17") when it is not JSON.
    static std::shared_ptr<const Document> parse(QByteArray text, QString *error);

    Value root() const { return Value(this, 0); }
    const QByteArray &text() const { return m_text; }

private:
    friend class Value;
    friend class Parser;
    QByteArray m_text;
    std::vector<Node> m_nodes;
};

} // namespace qm::jsontext
