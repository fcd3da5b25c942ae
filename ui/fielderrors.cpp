#include "ui/fielderrors.h"

#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPalette>

namespace qm {

namespace {

void markAsError(QLabel *label)
{
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    label->setPalette(palette);
    label->hide();
}

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    markAsError(label);
    return label;
}

void setError(QLabel *label, const QString &text)
{
    if (!label)
        return;
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

// "is missing" -> "Is missing": the portal's details start lowercase.
QString sentence(const QString &detail)
{
    if (detail.isEmpty())
        return detail;
    return detail.at(0).toUpper() + detail.mid(1);
}

} // namespace

void FieldErrors::addRow(QFormLayout *form, const QString &label, QWidget *field,
                         const QString &pointer)
{
    form->addRow(label, field);
    QLabel *error = errorLabel(form->parentWidget());
    error->setObjectName(QStringLiteral("error") + QString(pointer).replace(u'/', u'_'));
    form->addRow(QString(), error);
    m_labels.insert(pointer, error);
}

void FieldErrors::setGeneralLabel(QLabel *label)
{
    markAsError(label);
    m_general = label;
}

void FieldErrors::clear()
{
    for (QLabel *label : std::as_const(m_labels))
        setError(label, {});
    setError(m_general, {});
}

void FieldErrors::show(const QJsonArray &errors)
{
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        showOne(e.value(u"pointer").toString(), e.value(u"detail").toString());
    }
}

void FieldErrors::showOne(const QString &pointer, const QString &detail)
{
    // "/address" names the whole address: its first line stands for it.
    QLabel *label = m_labels.value(pointer);
    if (!label && pointer == u"/address")
        label = m_labels.value(QStringLiteral("/address/line1"));
    if (label) {
        const QString before = label->text();
        setError(label, before.isEmpty() ? sentence(detail) : before + u'\n' + sentence(detail));
        return;
    }
    const QString field = pointer.mid(1).replace(u'/', u' ').replace(u'_', u' ');
    showGeneral(field.isEmpty() ? sentence(detail)
                                : QStringLiteral("%1: %2").arg(sentence(field), detail));
}

void FieldErrors::showGeneral(const QString &text)
{
    if (!m_general)
        return;
    const QString before = m_general->text();
    setError(m_general, before.isEmpty() || text.isEmpty() ? text : before + u'\n' + text);
}

QString FieldErrors::text(const QString &pointer) const
{
    const QLabel *label = pointer.isEmpty() ? m_general : m_labels.value(pointer);
    return label ? label->text() : QString();
}

bool FieldErrors::isEmpty() const
{
    if (m_general && !m_general->text().isEmpty())
        return false;
    for (const QLabel *label : m_labels)
        if (!label->text().isEmpty())
            return false;
    return true;
}

} // namespace qm
