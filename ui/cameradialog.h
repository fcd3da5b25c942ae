#pragma once

#include "core/scaninput.h"
#include "ui/scannerinput.h" // ScanResult as a signal argument

#include <QDialog>
#include <QImage>
#include <QTemporaryDir>
#include <QTimer>
#include <QVideoFrame>

class QCamera;
class QLabel;
class QMediaCaptureSession;
class QVideoSink;

namespace qm {

namespace scan {
class ImageDecoder;
struct DecodedBarcode;
} // namespace scan

// Reads a barcode with the computer's camera: a live preview, and a few times a second the
// newest frame is written to a temporary PNG and decoded by the qm-decode helper process
// (ImageDecoder; a decoder that crashes cannot take the app down). The first code that
// reads as a usable scan is emitted as scanned() and the dialog closes.
class CameraDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit CameraDialog(QWidget *parent = nullptr);
    ~CameraDialog() override;

    // Whether the computer has a camera (QMediaDevices::videoInputs()).
    static bool hasCamera();

    // Camera frames arrive here; tests put frames in with QVideoSink::setVideoFrame().
    QVideoSink *videoSink() const { return m_sink; }
    scan::ImageDecoder *decoder() const { return m_decoder; }
    // How often a frame is decoded (default 300 ms).
    void setSampleInterval(int ms) { m_sampler.setInterval(ms); }
    // GS substitute and the like for reading what was decoded.
    void setScanSettings(const scan::ScanSettings &settings) { m_scanSettings = settings; }

    QLabel *preview() const { return m_preview; }
    QLabel *status() const { return m_status; }

    // A copy of a video frame as an image (mapped directly where the pixel format is one
    // QImage knows).
    static QImage frameToImage(const QVideoFrame &frame);

Q_SIGNALS:
    void scanned(const qm::scan::ScanResult &result);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onFrame(const QVideoFrame &frame);
    void sample();
    void onDecoded(const QList<scan::DecodedBarcode> &barcodes);

    QLabel *m_preview;
    QLabel *m_status;
    QVideoSink *m_sink;
    QMediaCaptureSession *m_session;
    QCamera *m_camera = nullptr;
    scan::ImageDecoder *m_decoder;
    scan::ScanSettings m_scanSettings;
    QTimer m_sampler;
    QTemporaryDir m_frames;
    QVideoFrame m_latest;
    quint64 m_frameCount = 0;
    quint64 m_sampledFrame = 0;
    bool m_done = false;
};

} // namespace qm
