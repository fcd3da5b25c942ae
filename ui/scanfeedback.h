#pragma once

#include <QColor>
#include <QObject>
#include <QPointer>

class QTimer;
class QWidget;

namespace qm {

// What a warehouse worker needs to know after a scan without looking at the screen: a
// sound pattern per outcome (one beep: added; two: added but adjusted by the line rules;
// three: unknown code) and a short coloured flash over the view (green, amber, red).
// QApplication::beep() sounds the same for everything, so the outcomes differ by the
// number of beeps rather than by pitch.
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

    explicit ScanFeedback(QObject *parent = nullptr);

    // Flashes `view` and sounds the pattern of `kind`. Does nothing for a null view but
    // still sounds.
    void give(Kind kind, QWidget *view);
    void setSoundEnabled(bool enabled) { m_sound = enabled; }

    static QColor color(Kind kind);
    static int beepCount(Kind kind);

    // The flash shown last, while it is visible (tests, screenshots).
    QWidget *flash() const { return m_flash; }

Q_SIGNALS:
    void given(qm::ScanFeedback::Kind kind);

private:
    void beep(int remaining);

    QPointer<QWidget> m_flash;
    QTimer *m_hide;
    bool m_sound = true;
};

} // namespace qm
