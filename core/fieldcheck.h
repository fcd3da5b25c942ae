#pragma once

#include "core/requisitionlist.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace qm::fieldcheck {

// Characters as a user counts them: Unicode code points, not UTF-16 units.
qsizetype characterCount(QStringView s);

// Collects the field errors of one document: counts all of them, keeps the first
// RequisitionList::MaxErrors (the limit every shared document type reports).
class ErrorSink final
{
public:
    explicit ErrorSink(QList<FieldError> *errors)
        : m_errors(errors)
    {}

    void add(const QString &pointer, const QString &detail)
    {
        ++m_count;
        if (m_errors && m_count <= RequisitionList::MaxErrors)
            m_errors->append(FieldError{pointer, detail});
    }
    bool any() const { return m_count > 0; }
    bool full() const { return m_count >= RequisitionList::MaxErrors; }

private:
    QList<FieldError> *m_errors;
    int m_count = 0;
};

} // namespace qm::fieldcheck
