#pragma once

#include <QHash>
#include <QJsonArray>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace qm {

// The error labels of a form: one under each field, shown when the portal (or the form's own
// check) names that field in a problem's `errors` (JSON pointers such as "/email" or
// "/address/city"), and one for the errors that name no field of the form.
class FieldErrors final
{
public:
    // Adds `field` to `form` under `label` with an error line below it, for `pointer`.
    void addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &pointer);
    void setGeneralLabel(QLabel *label);

    void clear();
    // Shows each entry of `errors` by its field; the others in the general label.
    void show(const QJsonArray &errors);
    void showOne(const QString &pointer, const QString &detail);
    void showGeneral(const QString &text);
    QLabel *label(const QString &pointer) const { return m_labels.value(pointer); }
    QString text(const QString &pointer) const;
    bool isEmpty() const;

private:
    QHash<QString, QLabel *> m_labels;
    QLabel *m_general = nullptr;
};

} // namespace qm
