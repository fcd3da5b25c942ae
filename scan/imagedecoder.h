#pragma once

#include <QList>
#include <QObject>
#include <QPoint>
#include <QProcess>
#include <QString>
#include <QTimer>

namespace qm::scan {

// One barcode found in an image.
struct DecodedBarcode
{
    QString text;      // as the decoder returned it
    QString format;    // "EAN-13", "DataMatrix", "QRCode"…
    QString symbology; // AIM identifier, "]E0"
    QList<QPoint> position;

    // The barcode as a scanner with AIM identifiers would have sent it, ready for
    // scan::interpret(): older decoders' conventions (GS1 as "(01)…" text, DataBar
    // without its AI) are turned into the raw element string.
    QString scanText() const;
};

// Reads barcodes from an image file by running the helper program `qm-decode` in a
// process of its own: a decoder that crashes or hangs on a strange image cannot take the
// app down; the caller gets "could not read this image" instead. One image at a time.
class ImageDecoder final : public QObject
{
    Q_OBJECT

public:
    enum class Failure
    {
        NotStarted, // qm-decode is missing or cannot run
        Unreadable, // not an image file, or the file cannot be opened
        Crashed,    // the decoder died on this image
        TimedOut,   // the decoder took longer than timeout()
        BadOutput   // the decoder printed something that is no barcode list
    };
    Q_ENUM(Failure)

    explicit ImageDecoder(QObject *parent = nullptr);
    ~ImageDecoder() override;

    // qm-decode next to the application's executable.
    static QString defaultProgram();
    void setProgram(const QString &path) { m_program = path; }
    QString program() const { return m_program; }
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    // Starts reading `imagePath`; exactly one of decoded() or failed() follows. Returns
    // false (and emits nothing) while an earlier image is still being read.
    bool decode(const QString &imagePath);
    bool isBusy() const { return m_process != nullptr; }
    // Stops the current read without a signal.
    void cancel();

    // "Could not read this image" with the reason, for people.
    static QString message(Failure failure);

Q_SIGNALS:
    // No barcode in the image is an empty list, not a failure.
    void decoded(const QString &imagePath, const QList<qm::scan::DecodedBarcode> &barcodes);
    void failed(const QString &imagePath, qm::scan::ImageDecoder::Failure failure,
                const QString &message);

private:
    void finished(int exitCode, QProcess::ExitStatus status);
    void fail(Failure failure);

    QString m_program;
    int m_timeoutMs = 15000;
    QProcess *m_process = nullptr;
    QString m_imagePath;
    QTimer m_timer;
    bool m_timedOut = false;
};

} // namespace qm::scan

Q_DECLARE_METATYPE(qm::scan::DecodedBarcode)
