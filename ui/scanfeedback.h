#pragma once

#include <QColor>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QSoundEffect;
class QTimer;
class QWidget;

namespace qm {

// What a warehouse worker needs to know after a scan without looking at the screen: a
// sound per outcome (a short high tone: added; two rising tones: added but adjusted by the
// line rules; a low falling buzz: unknown code) and a short coloured flash over the view
// (green, amber, red). The tones are WAV files built into the app (resources/sounds).
// Without an audio output device (a server, CI) the feedback is silent; that is no error.
class ScanFeedback final : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Added,
        Adjusted,
        Unknown,
    };
    Q_ENUM(Kind)

    explicit ScanFeedback(QObject *parent = nullptr);
    ~ScanFeedback() override;

    // Flashes `view` and sounds the tone of `kind`. Does nothing for a null view but
    // still sounds.
    void give(Kind kind, QWidget *view);
    void setSoundEnabled(bool enabled) { m_sound = enabled; }
    bool isSoundEnabled() const { return m_sound; }
    // Whether there is an audio output to play the tones on (checked once, at the first
    // tone).
    bool hasAudioOutput() const;

    static QColor color(Kind kind);
    // The tone of each outcome (qrc:/sounds/…wav).
    static QUrl soundSource(Kind kind);

    // The flash shown last, while it is visible (tests, screenshots).
    QWidget *flash() const { return m_flash; }

Q_SIGNALS:
    void given(qm::ScanFeedback::Kind kind);
    // The tone of `kind` was started (sound on), audible only with an audio output.
    void sounded(qm::ScanFeedback::Kind kind, const QUrl &source);

private:
    void play(Kind kind);

    QPointer<QWidget> m_flash;
    QTimer *m_hide;
    QHash<int, QSoundEffect *> m_effects;
    mutable int m_audio = -1; // unknown, 0 no output, 1 output present
    bool m_sound = true;
};

} // namespace qm
