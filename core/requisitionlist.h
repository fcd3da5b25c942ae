#pragma once

#include "core/decimal.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

// One problem with one member of a JSON document: where (RFC 6901 pointer, "/lines/3/quantity")
// and why, in English. The portal returns these in the `errors` member of a 422 problem.
struct FieldError
{
    QString pointer;
    QString detail;

    QJsonObject toJson() const;
    friend bool operator==(const FieldError &a, const FieldError &b)
    {
        return a.pointer == b.pointer && a.detail == b.detail;
    }
};

// One line of a saved list. The SKU need not be in the account's assortment: a list may
// outlive a product, and the client flags such lines.
struct RequisitionListLine
{
    static constexpr int MaxSkuLength = 64;
    static constexpr int MaxUnitLength = 20;
    static constexpr int MaxNoteLength = 200;

    QString sku;      // 1..64 characters, trimmed
    Decimal quantity; // > 0, at most Decimal::Scale fractional digits
    QString unit;     // empty: the product's sales unit
    QString note;     // optional, at most 200 characters

    // {"sku", "quantity" (decimal string, trailing zeros trimmed), "unit"?, "note"?}.
    QJsonObject toJson() const;
    friend bool operator==(const RequisitionListLine &a, const RequisitionListLine &b)
    {
        return a.sku == b.sku && a.quantity == b.quantity && a.unit == b.unit && a.note == b.note;
    }
};

// A saved (requisition) list: a named list of items with default quantities for recurring
// orders. It belongs to a customer account, not to a user. The client chooses the id when it
// creates a list; the portal assigns version, updated_at and updated_by on every change.
struct RequisitionList
{
    static constexpr int MaxNameLength = 120;
    static constexpr int MaxLines = 5000;
    // fromJson stops collecting errors after this many, so a problem body stays small.
    static constexpr int MaxErrors = 100;

    // Which members fromJson reads and requires.
    enum class JsonForm
    {
        // The body of PUT /api/v1/lists/{id}: name and lines only; every other member
        // (id, version, updated_*) is ignored.
        Content,
        // The resource as the portal serves it (GET, feed payload, `current` of a 412):
        // also requires id, version >= 1, updated_at and updated_by.
        Resource,
    };

    QString id;   // lowercase UUID, 36 characters
    QString name; // 1..120 characters after trimming (stored trimmed)
    qint64 version = 0;
    QDateTime updatedAt;              // UTC, whole seconds
    QString updatedBy;                // display name of the user who made the last change
    QList<RequisitionListLine> lines; // order kept as sent

    // The canonical resource JSON (the feed payload): every member above, `updated_at` as
    // "2026-11-26T08:00:00Z". Serialised with canonicalJson() it is the same bytes on
    // both sides.
    QJsonObject toJson() const;
    // {"name", "lines"}: the body of a PUT.
    QJsonObject contentJson() const;

    // Parses and validates. On failure returns nullopt and appends every problem found (up to
    // MaxErrors) to `errors`, each with the pointer of the offending member.
    static std::optional<RequisitionList> fromJson(const QJsonObject &o, JsonForm form,
                                                   QList<FieldError> *errors);

    // Same name and lines (what a user edits); ignores id, version and updated_*.
    bool sameContent(const RequisitionList &other) const
    {
        return name == other.name && lines == other.lines;
    }
    friend bool operator==(const RequisitionList &a, const RequisitionList &b)
    {
        return a.id == b.id && a.version == b.version && a.updatedAt == b.updatedAt &&
               a.updatedBy == b.updatedBy && a.sameContent(b);
    }
};

// True for a lowercase UUID in its 36-character form ("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a").
bool isValidListId(QStringView id);
// A new random list id in that form.
QString newListId();

} // namespace qm
