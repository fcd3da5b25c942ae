#pragma once

#include <QByteArray>
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

// A barcode scanner on a serial or virtual COM port (USB CDC). Every code the scanner
// sends becomes one scanned() signal; a line feed after the suffix ("\r\n") is ignored.
// Text is UTF-8, or Latin-1 when it is not valid UTF-8.
class SerialScanner final : public QObject
{
    Q_OBJECT

public:
    // Codes longer than this are garbage on the line (wrong baud rate, no suffix).
    static constexpr qsizetype MaxCodeLength = 4096;

    explicit SerialScanner(QObject *parent = nullptr);
    ~SerialScanner() override;

    // Opens the port (8N1, no flow control); false with errorOccurred() on failure.
    bool open(const SerialScannerSettings &settings);
    void close();
    bool isOpen() const;
    const SerialScannerSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void scanned(const QString &text);
    // A sentence in English saying what went wrong and what to check.
    void errorOccurred(const QString &message);

private:
    void readAvailable();
    void emitCode(QByteArray code);
    void handleError();

    SerialScannerSettings m_settings;
    QSerialPort *m_port = nullptr;
    QByteArray m_buffer;
    QTimer m_silence;
};

} // namespace qm::scan
