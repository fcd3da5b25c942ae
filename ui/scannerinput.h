#pragma once

#include "core/scandetector.h"
#include "core/scaninput.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QCoreApplication;
class QKeyEvent;

namespace qm {

// Keyboard-wedge barcode scanners type their codes as very fast keystrokes. Installed on
// the application, ScannerInput watches every key press: the keys of a recognised scan
// burst never reach the widget with focus, and the scan is emitted as scanned() instead;
// keys a person typed reach their widget unchanged and in order (held back by at most the
// detector's maximum key gap while it is unclear who typed them).
class ScannerInput final : public QObject
{
    Q_OBJECT

public:
    explicit ScannerInput(QObject *parent = nullptr);
    ~ScannerInput() override;

    // Watches the key presses of `app` (the running application by default).
    void install(QCoreApplication *app = nullptr);

    void setDetectorSettings(const scan::ScanDetectorSettings &settings);
    scan::ScanDetectorSettings detectorSettings() const { return m_detector.settings(); }
    // Prefix, suffix and GS substitute for interpreting what the scanner typed.
    void setScanSettings(const scan::ScanSettings &settings) { m_scanSettings = settings; }
    scan::ScanSettings scanSettings() const { return m_scanSettings; }

    // While disabled every key passes straight through.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

Q_SIGNALS:
    void scanned(const qm::scan::ScanResult &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct HeldKey
    {
        QPointer<QObject> target;
        int key = 0;
        Qt::KeyboardModifiers modifiers;
        QString text;
        quint32 scanCode = 0;
        quint32 virtualKey = 0;
        quint32 nativeModifiers = 0;
        quint64 timestamp = 0;
    };

    bool handleKeyPress(QObject *target, QKeyEvent *event);
    void apply(const QList<scan::ScanDetector::Output> &outputs);
    void replay(qsizetype count);
    void releaseAll();
    void checkTimeout();
    void armTimer();
    qint64 now() const;

    scan::ScanDetector m_detector;
    scan::ScanSettings m_scanSettings;
    QList<HeldKey> m_held;
    QHash<int, int> m_pendingReleases; // key -> presses swallowed whose release is due
    QTimer m_timer;
    QElapsedTimer m_sinceLastKey;
    qint64 m_lastTimestamp = 0;
    const QEvent *m_lastEvent = nullptr;
    quint64 m_lastEventTimestamp = 0;
    bool m_lastEventSwallowed = false;
    bool m_replaying = false;
    bool m_enabled = true;
};

} // namespace qm

Q_DECLARE_METATYPE(qm::scan::ScanResult)
