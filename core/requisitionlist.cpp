#include "core/requisitionlist.h"

#include "core/fieldcheck.h"

#include <QJsonArray>
#include <QUuid>

namespace qm {

namespace {

using fieldcheck::characterCount;
using fieldcheck::ErrorSink;

// An optional string member: absent, null and "" all mean "not given".
bool readOptionalString(const QJsonObject &o, QStringView member, qsizetype maxLength,
                        const QString &pointer, QString *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        sink.add(pointer, QStringLiteral("must be a string"));
        return false;
    }
    const QString s = v.toString().trimmed();
    if (characterCount(s) > maxLength) {
        sink.add(pointer, QStringLiteral("must be at most %1 characters").arg(maxLength));
        return false;
    }
    *out = s;
    return true;
}

std::optional<RequisitionListLine> parseLine(const QJsonValue &value, const QString &pointer,
                                             ErrorSink &sink)
{
    if (!value.isObject()) {
        sink.add(pointer, QStringLiteral("must be an object with sku and quantity"));
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    RequisitionListLine line;
    bool ok = true;

    const QJsonValue sku = o.value(u"sku");
    const QString skuText = sku.toString().trimmed();
    if (!sku.isString() || skuText.isEmpty()) {
        sink.add(pointer + QStringLiteral("/sku"), QStringLiteral("must be a non-empty string"));
        ok = false;
    } else if (characterCount(skuText) > RequisitionListLine::MaxSkuLength) {
        sink.add(
            pointer + QStringLiteral("/sku"),
            QStringLiteral("must be at most %1 characters").arg(RequisitionListLine::MaxSkuLength));
        ok = false;
    } else {
        line.sku = skuText;
    }

    const QJsonValue quantity = o.value(u"quantity");
    const auto parsed =
        quantity.isString() ? Decimal::parse(quantity.toString()) : std::optional<Decimal>();
    if (!quantity.isString()) {
        sink.add(pointer + QStringLiteral("/quantity"),
                 QStringLiteral("must be a decimal string such as \"12\" or \"2.5\""));
        ok = false;
    } else if (!parsed) {
        sink.add(pointer + QStringLiteral("/quantity"),
                 QStringLiteral("'%1' is not a decimal number with at most %2 decimals")
                     .arg(quantity.toString())
                     .arg(Decimal::Scale));
        ok = false;
    } else if (parsed->units() <= 0) {
        sink.add(pointer + QStringLiteral("/quantity"), QStringLiteral("must be greater than 0"));
        ok = false;
    } else {
        line.quantity = *parsed;
    }

    ok = readOptionalString(o, u"unit", RequisitionListLine::MaxUnitLength,
                            pointer + QStringLiteral("/unit"), &line.unit, sink) &&
         ok;
    ok = readOptionalString(o, u"note", RequisitionListLine::MaxNoteLength,
                            pointer + QStringLiteral("/note"), &line.note, sink) &&
         ok;
    if (!ok)
        return std::nullopt;
    return line;
}

} // namespace

QJsonObject FieldError::toJson() const
{
    return QJsonObject{{QStringLiteral("pointer"), pointer}, {QStringLiteral("detail"), detail}};
}

QJsonObject RequisitionListLine::toJson() const
{
    QJsonObject o{{QStringLiteral("sku"), sku}, {QStringLiteral("quantity"), quantity.toString(0)}};
    if (!unit.isEmpty())
        o.insert(QStringLiteral("unit"), unit);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

QJsonObject RequisitionList::contentJson() const
{
    QJsonArray lineArray;
    for (const RequisitionListLine &line : lines)
        lineArray.append(line.toJson());
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("lines"), lineArray}};
}

QJsonObject RequisitionList::toJson() const
{
    QJsonObject o = contentJson();
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("updated_at"), updatedAt.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("updated_by"), updatedBy);
    return o;
}

std::optional<RequisitionList> RequisitionList::fromJson(const QJsonObject &o, JsonForm form,
                                                         QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    RequisitionList list;

    if (form == JsonForm::Resource) {
        const QJsonValue id = o.value(u"id");
        if (!id.isString() || !isValidListId(id.toString()))
            sink.add(QStringLiteral("/id"), QStringLiteral("must be a lowercase UUID"));
        else
            list.id = id.toString();
        const QJsonValue version = o.value(u"version");
        const qint64 v = version.toInteger(0);
        if (!version.isDouble() || v < 1 || static_cast<double>(v) != version.toDouble())
            sink.add(QStringLiteral("/version"), QStringLiteral("must be an integer >= 1"));
        else
            list.version = v;
        const QJsonValue updatedAt = o.value(u"updated_at");
        const QDateTime at = QDateTime::fromString(updatedAt.toString(), Qt::ISODate);
        if (!updatedAt.isString() || !at.isValid())
            sink.add(QStringLiteral("/updated_at"),
                     QStringLiteral("must be a date and time such as 2026-11-26T08:00:00Z"));
        else
            list.updatedAt = at.toUTC();
        const QJsonValue updatedBy = o.value(u"updated_by");
        if (!updatedBy.isString())
            sink.add(QStringLiteral("/updated_by"), QStringLiteral("must be a string"));
        else
            list.updatedBy = updatedBy.toString();
    }

    const QJsonValue name = o.value(u"name");
    const QString nameText = name.toString().trimmed();
    if (!name.isString() || nameText.isEmpty())
        sink.add(QStringLiteral("/name"), QStringLiteral("must be a non-empty string"));
    else if (characterCount(nameText) > MaxNameLength)
        sink.add(QStringLiteral("/name"),
                 QStringLiteral("must be at most %1 characters").arg(MaxNameLength));
    else
        list.name = nameText;

    const QJsonValue lines = o.value(u"lines");
    if (!lines.isArray()) {
        sink.add(QStringLiteral("/lines"), QStringLiteral("must be an array of lines"));
    } else if (lines.toArray().size() > MaxLines) {
        sink.add(QStringLiteral("/lines"),
                 QStringLiteral("must have at most %1 lines").arg(MaxLines));
    } else {
        const QJsonArray array = lines.toArray();
        list.lines.reserve(array.size());
        for (qsizetype i = 0; i < array.size() && !sink.full(); ++i) {
            if (auto line = parseLine(array.at(i), QStringLiteral("/lines/%1").arg(i), sink))
                list.lines.append(std::move(*line));
        }
    }

    if (sink.any())
        return std::nullopt;
    return list;
}

bool isValidListId(QStringView id)
{
    if (id.size() != 36)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char16_t c = id[i].unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'))) {
            return false;
        }
    }
    return true;
}

QString newListId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace qm
