#pragma once

#include "core/decimal.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// GS1 Application Identifier (AI) data as printed on carton and shelf labels: element
// strings as scanners send them, the bracketed human-readable form, and GS1 Digital Link
// URIs. The AI table (lengths, character sets, check digits, dates) comes from the GS1
// Barcode Syntax Dictionary.
namespace qm::gs1 {

// FNC1 as a scanner transmits it between elements: ASCII 29, "group separator".
inline constexpr char16_t GroupSeparator = 0x1d;

enum class Error
{
    None,
    Empty,               // nothing to parse
    UnknownAi,           // digits that are no AI of the syntax dictionary
    MissingValue,        // an AI without data
    TooShort,            // value shorter than the AI's format
    TooLong,             // value longer than the AI's format
    NonDigit,            // letters where the format says digits
    InvalidCharacter,    // outside the AI's character set (CSET 82, 39 or 64)
    InvalidPadding,      // base64url padding in the wrong place
    CheckDigit,          // incorrect mod-10 check digit
    InvalidDate,         // month, day, hour, minute or second out of range
    InvalidValue,        // any other format rule of the AI (zero pieces, bad winding…)
    RepeatedAiDiffers,   // the same AI twice with different values
    Malformed,           // not bracketed AI syntax / not a Digital Link URI
    DigitalLinkStructure // a Digital Link URI whose path or query breaks the rules
};

struct Element
{
    QString ai;
    QString value;
    friend bool operator==(const Element &a, const Element &b)
    {
        return a.ai == b.ai && a.value == b.value;
    }
};

struct ElementString
{
    QList<Element> elements;
    Error error = Error::None;
    QString message; // English, names the AI and what is wrong; empty when valid

    bool isValid() const { return error == Error::None; }
    // The value of the first element with this AI, or a null string.
    QString value(QStringView ai) const;
    bool contains(QStringView ai) const { return !value(ai).isNull(); }
    // "(01)09506000134352(10)ABC"; a "(" in a value is written "\(".
    QString toBracketed() const;
    // Element string without the leading FNC1: `separator` only after variable-length
    // AIs that are followed by another element.
    QString toElementString(QChar separator = QChar(GroupSeparator)) const;
};

// What the syntax dictionary says about one AI.
struct AiInfo
{
    QString ai;
    bool predefinedLength = false; // no FNC1 needed after it
    bool digitalLinkAttribute = false;
    bool digitalLinkPrimaryKey = false;
    int minLength = 0;
    int maxLength = 0;
};
std::optional<AiInfo> lookupAi(QStringView ai);

enum class Checks
{
    Full,     // lengths, character sets, check digits, dates and the other format rules
    Structure // AIs, lengths and character sets only (how decoders split the data)
};

// A raw element string: AIs and values, `separator` (GS, or a substitute character for
// scanners that cannot send GS) after variable-length values. One leading separator
// (the FNC1 of the symbol) is allowed. Every value is checked against the dictionary.
// A separator after a fixed-length element or at the end is tolerated.
ElementString parseElementString(QStringView data, QChar separator = QChar(GroupSeparator),
                                 Checks checks = Checks::Full);

// "(01)09506000134352(10)ABC", "\(" for a literal "(" in a value.
ElementString parseBracketed(QStringView text);

struct DigitalLinkOptions
{
    // Accept a GTIN-8, -12 or -13 after /01/ and pad it to 14 digits, as many brand
    // sites print it.
    bool permitZeroSuppressedGtin = true;
};

// True when `text` is an http(s) URI; whether it is a valid Digital Link is up to
// parseDigitalLink().
bool looksLikeUri(QStringView text);

// https://id.gs1.org/01/09506000134352/10/ABC?17=261231 on any domain, with an optional
// path before the primary key, percent-encoding, and the short names (gtin, lot, ser…).
ElementString parseDigitalLink(QStringView uri, const DigitalLinkOptions &options = {});

// A YYMMDD date (AIs 11, 13, 15, 16, 17…) with the GS1 century rule relative to `today`;
// day 00 means the last day of the month. nullopt for an impossible date.
std::optional<QDate> dateValue(QStringView yymmdd, QDate today = QDate::currentDate());

// The value of a decimal AI (310n–369n weights and measures, 390n/392n amounts; the last
// digit of the AI is the number of decimals). Values with more than Decimal::Scale
// decimals are rounded half away from zero. nullopt for other AIs or on overflow.
std::optional<Decimal> decimalValue(const Element &element);

} // namespace qm::gs1
