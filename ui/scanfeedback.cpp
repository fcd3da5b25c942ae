#include "ui/scanfeedback.h"

#include <QApplication>
#include <QPalette>
#include <QTimer>
#include <QWidget>

namespace qm {

namespace {
constexpr int FlashMs = 350;
constexpr int BeepGapMs = 140;
} // namespace

ScanFeedback::ScanFeedback(QObject *parent)
    : QObject(parent)
    , m_hide(new QTimer(this))
{
    m_hide->setSingleShot(true);
    m_hide->setInterval(FlashMs);
    connect(m_hide, &QTimer::timeout, this, [this] {
        if (m_flash)
            m_flash->deleteLater();
        m_flash = nullptr;
    });
}

QColor ScanFeedback::color(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QColor(0x2e, 0xa0, 0x43, 110);
    case Kind::Adjusted:
        return QColor(0xf0, 0xa0, 0x00, 130);
    case Kind::Unknown:
        return QColor(0xd0, 0x21, 0x2a, 130);
    }
    return {};
}

int ScanFeedback::beepCount(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return 1;
    case Kind::Adjusted:
        return 2;
    case Kind::Unknown:
        return 3;
    }
    return 1;
}

void ScanFeedback::give(Kind kind, QWidget *view)
{
    if (view) {
        if (m_flash)
            m_flash->deleteLater();
        // A translucent sheet over the view: mouse and keys pass through to the view below.
        auto *flash = new QWidget(view);
        flash->setObjectName(QStringLiteral("scanFlash"));
        flash->setAttribute(Qt::WA_TransparentForMouseEvents);
        flash->setFocusPolicy(Qt::NoFocus);
        flash->setAutoFillBackground(true);
        QPalette palette = flash->palette();
        palette.setColor(QPalette::Window, color(kind));
        flash->setPalette(palette);
        flash->setGeometry(view->rect());
        flash->show();
        flash->raise();
        m_flash = flash;
        m_hide->start();
    }
    if (m_sound)
        beep(beepCount(kind));
    Q_EMIT given(kind);
}

void ScanFeedback::beep(int remaining)
{
    if (remaining <= 0)
        return;
    QApplication::beep();
    if (remaining > 1)
        QTimer::singleShot(BeepGapMs, this, [this, remaining] { beep(remaining - 1); });
}

} // namespace qm
