#include "ui/searchfield.h"

#include <QKeyEvent>
#include <QTimer>

namespace qm {

SearchField::SearchField(QWidget *parent)
    : QLineEdit(parent)
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("searchField"));
    setClearButtonEnabled(true);
    setPlaceholderText(tr("Search by SKU, GTIN, name or attribute  (Ctrl+F)"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(this, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this,
            [this] { Q_EMIT searchRequested(text().trimmed()); });
}

void SearchField::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        Q_EMIT moveRequested(-1);
        return;
    case Qt::Key_Down:
        Q_EMIT moveRequested(1);
        return;
    case Qt::Key_PageUp:
        Q_EMIT moveRequested(-10);
        return;
    case Qt::Key_PageDown:
        Q_EMIT moveRequested(10);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // A search still pending runs first, so Enter acts on what was typed.
        if (m_debounce->isActive()) {
            m_debounce->stop();
            Q_EMIT searchRequested(text().trimmed());
        }
        Q_EMIT openRequested();
        return;
    case Qt::Key_Escape:
        if (!text().isEmpty()) {
            clear();
            m_debounce->stop();
            Q_EMIT searchRequested(QString());
            return;
        }
        break;
    default:
        break;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace qm
