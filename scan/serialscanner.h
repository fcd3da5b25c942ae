#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class QSerialPort;

namespace qm::scan {

struct SerialScannerSettings
{
    QString portName; // "COM3", "/dev/ttyACM0", "/dev/pts/4"
    qint32 baudRate = 9600;
    QByteArray suffix = "\r"; // ends a code; empty: a pause of silenceMs ends it
    int silenceMs = 50;
};

// A serial port of this computer, for a choice of ports.
struct SerialPortDescription
{
    QString name;        // "ttyACM0", "COM3": what SerialScannerSettings::portName takes
    QString description; // "Honeywell 1900 (USB)", may be empty
};

// A barcode scanner on a serial or virtual COM port (USB CDC). Every code the scanner
// sends becomes one scanned() signal; a line feed after the suffix ("\r\n") is ignored.
// Text is UTF-8, or Latin-1 when it is not valid UTF-8.
//
// open() tries once. start() keeps the port open: while it cannot be opened, and after
// it disappears (scanner unplugged), it is tried again every retryInterval() until it
// opens; stateChanged() says how it stands.
class SerialScanner final : public QObject
{
    Q_OBJECT

public:
    // Codes longer than this are garbage on the line (wrong baud rate, no suffix).
    static constexpr qsizetype MaxCodeLength = 4096;

    enum class State
    {
        Closed,       // not started
        Connected,    // the port is open
        Failed,       // the port cannot be opened; retrying
        Disconnected, // the port was open and went away; retrying
    };
    Q_ENUM(State)

    explicit SerialScanner(QObject *parent = nullptr);
    ~SerialScanner() override;

    // The serial ports present now.
    static QList<SerialPortDescription> availablePorts();

    // Opens the port and keeps it open (see above); a repeated failure is reported once.
    void start(const SerialScannerSettings &settings);
    // Closes the port and stops retrying.
    void stop();
    State state() const { return m_state; }
    // Why the port is not open, in English; empty while connected or closed.
    QString stateMessage() const { return m_stateMessage; }
    void setRetryInterval(int ms) { m_retry.setInterval(ms); }
    int retryInterval() const { return m_retry.interval(); }

    // Opens the port (8N1, no flow control); false with errorOccurred() on failure.
    bool open(const SerialScannerSettings &settings);
    void close();
    bool isOpen() const;
    const SerialScannerSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void scanned(const QString &text);
    // A sentence in English saying what went wrong and what to check.
    void errorOccurred(const QString &message);
    void stateChanged(qm::scan::SerialScanner::State state, const QString &message);

private:
    void readAvailable();
    void emitCode(QByteArray code);
    void handleError();
    void tryOpen();
    void setState(State state, const QString &message);

    SerialScannerSettings m_settings;
    QSerialPort *m_port = nullptr;
    QByteArray m_buffer;
    QTimer m_silence;
    QTimer m_retry;
    State m_state = State::Closed;
    QString m_stateMessage;
    QString m_lastError;
    bool m_keepOpen = false;
    bool m_quiet = false; // a retry: the failure was reported already
};

} // namespace qm::scan
