#include "ui/scanfeedback.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QPalette>
#include <QSoundEffect>
#include <QTimer>
#include <QWidget>

static void initScanSounds()
{
    Q_INIT_RESOURCE(qm_ui_sounds);
}

namespace qm {

namespace {
constexpr int FlashMs = 350;
constexpr float Volume = 0.8f;
} // namespace

ScanFeedback::ScanFeedback(QObject *parent)
    : QObject(parent)
    , m_hide(new QTimer(this))
{
    initScanSounds();
    m_hide->setSingleShot(true);
    m_hide->setInterval(FlashMs);
    connect(m_hide, &QTimer::timeout, this, [this] {
        if (m_flash)
            m_flash->deleteLater();
        m_flash = nullptr;
    });
}

ScanFeedback::~ScanFeedback() = default;

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

QUrl ScanFeedback::soundSource(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QUrl(QStringLiteral("qrc:/sounds/scan-added.wav"));
    case Kind::Adjusted:
        return QUrl(QStringLiteral("qrc:/sounds/scan-adjusted.wav"));
    case Kind::Unknown:
        return QUrl(QStringLiteral("qrc:/sounds/scan-unknown.wav"));
    }
    return {};
}

bool ScanFeedback::hasAudioOutput() const
{
    if (m_audio < 0)
        m_audio = QMediaDevices::audioOutputs().isEmpty() ? 0 : 1;
    return m_audio == 1;
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
        play(kind);
    Q_EMIT given(kind);
}

void ScanFeedback::play(Kind kind)
{
    const QUrl source = soundSource(kind);
    if (hasAudioOutput()) {
        QSoundEffect *&effect = m_effects[int(kind)];
        if (!effect) {
            // Loaded once and kept: the next scan of the same kind starts without delay.
            effect = new QSoundEffect(this);
            effect->setSource(source);
            effect->setVolume(Volume);
        }
        // A newer scan cuts the tone of the one before short.
        for (QSoundEffect *other : std::as_const(m_effects))
            if (other && other != effect && other->isPlaying())
                other->stop();
        effect->play();
    }
    Q_EMIT sounded(kind, source);
}

} // namespace qm
