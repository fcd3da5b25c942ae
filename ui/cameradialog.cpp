#include "ui/cameradialog.h"

#include "scan/imagedecoder.h"

#include <QCamera>
#include <QCameraDevice>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QPixmap>
#include <QVBoxLayout>
#include <QVideoFrameFormat>
#include <QVideoSink>

namespace qm {

CameraDialog::CameraDialog(QWidget *parent)
    : QDialog(parent)
    , m_preview(new QLabel(this))
    , m_status(new QLabel(this))
    , m_sink(new QVideoSink(this))
    , m_session(new QMediaCaptureSession(this))
    , m_decoder(new scan::ImageDecoder(this))
{
    setObjectName(QStringLiteral("cameraDialog"));
    setWindowTitle(tr("Scan with Camera"));
    m_scanSettings.suffix.clear();

    m_preview->setObjectName(QStringLiteral("cameraPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(480, 360);
    m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_preview->setStyleSheet(QStringLiteral("background: black; color: white;"));
    m_status->setObjectName(QStringLiteral("cameraStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Hold the barcode in front of the camera."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &CameraDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    m_session->setVideoSink(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &CameraDialog::onFrame);

    m_sampler.setInterval(300);
    connect(&m_sampler, &QTimer::timeout, this, &CameraDialog::sample);
    connect(m_decoder, &scan::ImageDecoder::decoded, this,
            [this](const QString &, const QList<scan::DecodedBarcode> &barcodes) {
                onDecoded(barcodes);
            });
    connect(m_decoder, &scan::ImageDecoder::failed, this,
            [this](const QString &, scan::ImageDecoder::Failure failure) {
                // A frame the decoder cannot read is no reason to stop: try the next one.
                if (failure == scan::ImageDecoder::Failure::NotStarted)
                    m_status->setText(scan::ImageDecoder::message(failure));
            });
}

CameraDialog::~CameraDialog()
{
    m_decoder->cancel();
}

bool CameraDialog::hasCamera()
{
    return !QMediaDevices::videoInputs().isEmpty();
}

void CameraDialog::showEvent(QShowEvent *event)
{
    m_done = false;
    if (!m_camera && hasCamera()) {
        m_camera = new QCamera(QMediaDevices::defaultVideoInput(), this);
        connect(m_camera, &QCamera::errorOccurred, this,
                [this](QCamera::Error, const QString &message) {
                    m_status->setText(tr("The camera does not work: %1").arg(message));
                });
        m_session->setCamera(m_camera);
    }
    if (m_camera)
        m_camera->start();
    else
        m_preview->setText(tr("No camera found on this computer."));
    m_sampler.start();
    QDialog::showEvent(event);
}

void CameraDialog::hideEvent(QHideEvent *event)
{
    m_sampler.stop();
    if (m_camera)
        m_camera->stop();
    m_decoder->cancel();
    QDialog::hideEvent(event);
}

QImage CameraDialog::frameToImage(const QVideoFrame &input)
{
    QVideoFrame frame(input);
    if (!frame.isValid())
        return {};
    const QImage::Format format =
        QVideoFrameFormat::imageFormatFromPixelFormat(frame.pixelFormat());
    if (format != QImage::Format_Invalid && frame.map(QVideoFrame::ReadOnly)) {
        const QImage mapped(frame.bits(0), frame.width(), frame.height(), frame.bytesPerLine(0),
                            format);
        QImage copy = mapped.copy();
        frame.unmap();
        return copy;
    }
    return frame.toImage();
}

void CameraDialog::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    m_latest = frame;
    ++m_frameCount;
    if (m_preview->isVisible()) {
        const QImage image = frameToImage(frame);
        if (!image.isNull())
            m_preview->setPixmap(QPixmap::fromImage(
                image.scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    }
}

void CameraDialog::sample()
{
    // One frame at a time, and only a new one.
    if (m_done || m_decoder->isBusy() || m_frameCount == m_sampledFrame || !m_latest.isValid())
        return;
    m_sampledFrame = m_frameCount;
    const QImage image = frameToImage(m_latest);
    if (image.isNull() || !m_frames.isValid())
        return;
    const QString path = m_frames.filePath(QStringLiteral("frame.png"));
    if (!image.save(path, "PNG"))
        return;
    m_decoder->decode(path);
}

void CameraDialog::onDecoded(const QList<scan::DecodedBarcode> &barcodes)
{
    if (m_done)
        return;
    for (const scan::DecodedBarcode &barcode : barcodes) {
        const scan::ScanResult result = scan::interpret(barcode.scanText(), m_scanSettings);
        if (!result.isValid())
            continue;
        m_done = true;
        m_sampler.stop();
        m_status->setText(tr("Read %1.").arg(result.code));
        Q_EMIT scanned(result);
        accept();
        return;
    }
}

} // namespace qm
