#pragma once

#include "core/requisitionlist.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <cstdlib>
#include <optional>

// Checks for the JSON documents both sides exchange; a broken one aborts the run.

inline bool noErrors(const QString &error)
{
    return error.isEmpty();
}
inline bool noErrors(const QList<qm::FieldError> &errors)
{
    return errors.isEmpty();
}

// T::fromJson(o, errors) for a document type with toJson(): a refusal always says why, and
// what parses is written by toJson() in a form that parses again and is written the same.
template<typename T, typename Errors>
std::optional<T> roundTrip(const QJsonObject &o, Errors *errors)
{
    errors->clear();
    const std::optional<T> parsed = T::fromJson(o, errors);
    if (!parsed) {
        if (noErrors(*errors))
            std::abort();
        return std::nullopt;
    }
    const QJsonObject json = parsed->toJson();
    Errors again;
    const std::optional<T> reparsed = T::fromJson(json, &again);
    if (!reparsed || !noErrors(again) || reparsed->toJson() != json)
        std::abort();
    return parsed;
}

// RequisitionList::fromJson in one form: a refusal says why and stays within MaxErrors; a
// list that parses survives toJson() (and its content survives contentJson()) unchanged.
inline void checkList(const QJsonObject &o, qm::RequisitionList::JsonForm form)
{
    using qm::RequisitionList;
    QList<qm::FieldError> errors;
    const auto list = RequisitionList::fromJson(o, form, &errors);
    if (!list) {
        if (errors.isEmpty() || errors.size() > RequisitionList::MaxErrors)
            std::abort();
        return;
    }
    if (!errors.isEmpty())
        std::abort();
    if (form == RequisitionList::JsonForm::Resource) {
        const auto again = RequisitionList::fromJson(list->toJson(), form, &errors);
        if (!again || !(*again == *list))
            std::abort();
    }
    const auto content =
        RequisitionList::fromJson(list->contentJson(), RequisitionList::JsonForm::Content, &errors);
    if (!content || !content->sameContent(*list))
        std::abort();
}
