#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace qm::scan {

// How ScanDetector tells a scanner from a person.
struct ScanDetectorSettings
{
    int maxGapMs = 35;                     // longest pause between two keys of one scan
    int minLength = 4;                     // shortest code (prefix and suffix not counted)
    QString prefix;                        // when set, only bursts that start with it are scans
    QString suffix = QStringLiteral("\r"); // ends a scan at once; empty: ended by the pause
};

// Tells a keyboard-wedge scanner from a person at the keyboard. A scanner types a whole
// code in a burst (a few milliseconds between keys), usually ending with Enter or Tab;
// people type 80–200 ms apart. Every key is held back while it might start a burst and
// handed back, in order, as soon as it is clear that a person typed it, so no keystroke
// is lost; a key that waits is delayed by at most `maxGapMs`.
//
// Pure logic: the caller feeds characters with their timestamps and calls timeout() when
// deadline() has passed without a key.
class ScanDetector final
{
public:
    using Settings = ScanDetectorSettings;

    struct Output
    {
        enum class Type
        {
            Scan,
            Keys
        };
        Type type;
        QString text; // a scan as typed (prefix and suffix included), or keys to pass on
        friend bool operator==(const Output &a, const Output &b)
        {
            return a.type == b.type && a.text == b.text;
        }
    };

    explicit ScanDetector(Settings settings = {})
        : m_settings(std::move(settings))
    {}

    const Settings &settings() const { return m_settings; }

    // One typed character ("\r" for Enter, "\t" for Tab) at `timestampMs`.
    QList<Output> feed(QChar c, qint64 timestampMs);
    // No key arrived until `nowMs`: ends a pending burst once the pause is long enough.
    QList<Output> timeout(qint64 nowMs);
    // Decide now about held keys (focus change, a key that cannot be part of a scan).
    QList<Output> flush();

    // When timeout() should be called, or nullopt when no key is held back.
    std::optional<qint64> deadline() const;
    bool isHolding() const { return !m_buffer.isEmpty(); }

private:
    QList<Output> finish(bool endedBySuffix);

    Settings m_settings;
    QString m_buffer;
    qint64 m_last = 0;
};

} // namespace qm::scan
