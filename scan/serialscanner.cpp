#include "scan/serialscanner.h"

#include "scan/logging.h"

#include <QSerialPort>
#include <QStringDecoder>

namespace qm::scan {

namespace {

QString decodeText(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    return text;
}

} // namespace

SerialScanner::SerialScanner(QObject *parent)
    : QObject(parent)
    , m_port(new QSerialPort(this))
{
    m_silence.setSingleShot(true);
    connect(&m_silence, &QTimer::timeout, this, [this] {
        if (!m_buffer.isEmpty())
            emitCode(std::exchange(m_buffer, {}));
    });
    connect(m_port, &QSerialPort::readyRead, this, &SerialScanner::readAvailable);
    connect(m_port, &QSerialPort::errorOccurred, this, &SerialScanner::handleError);
}

SerialScanner::~SerialScanner() = default;

bool SerialScanner::open(const SerialScannerSettings &settings)
{
    close();
    m_settings = settings;
    m_port->setPortName(settings.portName);
    m_port->setBaudRate(settings.baudRate);
    m_port->setDataBits(QSerialPort::Data8);
    m_port->setParity(QSerialPort::NoParity);
    m_port->setStopBits(QSerialPort::OneStop);
    m_port->setFlowControl(QSerialPort::NoFlowControl);
    if (settings.portName.isEmpty()) {
        Q_EMIT errorOccurred(tr("No serial port is set for the scanner."));
        return false;
    }
    if (!m_port->open(QIODevice::ReadOnly))
        return false; // handleError() has reported it
    qCInfo(lcScanner) << "listening on" << settings.portName << settings.baudRate << "baud";
    return true;
}

void SerialScanner::close()
{
    m_silence.stop();
    m_buffer.clear();
    if (m_port->isOpen())
        m_port->close();
}

bool SerialScanner::isOpen() const
{
    return m_port->isOpen();
}

void SerialScanner::readAvailable()
{
    m_buffer += m_port->readAll();
    const QByteArray &suffix = m_settings.suffix;
    if (!suffix.isEmpty()) {
        qsizetype end;
        while ((end = m_buffer.indexOf(suffix)) >= 0) {
            QByteArray code = m_buffer.left(end);
            m_buffer.remove(0, end + suffix.size());
            if (suffix == "\r" && m_buffer.startsWith('\n'))
                m_buffer.remove(0, 1);
            emitCode(std::move(code));
        }
        // "\r\n" split across two reads: the "\n" arrives alone.
        if (m_buffer == "\n")
            m_buffer.clear();
    }
    if (m_buffer.size() > MaxCodeLength) {
        m_buffer.clear();
        Q_EMIT errorOccurred(tr("The scanner on %1 sent more than %2 characters without an "
                                "end; check its baud rate and suffix settings.")
                                 .arg(m_settings.portName)
                                 .arg(MaxCodeLength));
        return;
    }
    if (!m_buffer.isEmpty())
        m_silence.start(m_settings.silenceMs);
}

void SerialScanner::emitCode(QByteArray code)
{
    while (code.endsWith('\n') || code.endsWith('\r'))
        code.chop(1);
    while (code.startsWith('\n'))
        code.remove(0, 1);
    if (code.isEmpty())
        return;
    Q_EMIT scanned(decodeText(code));
}

void SerialScanner::handleError()
{
    const QSerialPort::SerialPortError error = m_port->error();
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    const QString port = m_settings.portName;
    QString message;
    switch (error) {
    case QSerialPort::DeviceNotFoundError:
        message = tr("There is no serial port %1. Is the scanner plugged in?").arg(port);
        break;
    case QSerialPort::PermissionError:
        message = tr("Serial port %1 is in use by another program, or you may not open it "
                     "(on Linux: membership of the dialout group).")
                      .arg(port);
        break;
    case QSerialPort::OpenError:
        message = tr("Serial port %1 is already open.").arg(port);
        break;
    case QSerialPort::ResourceError:
        message = tr("The scanner on %1 was disconnected.").arg(port);
        break;
    default:
        message = tr("Serial port %1: %2").arg(port, m_port->errorString());
    }
    qCWarning(lcScanner) << message;
    m_port->clearError();
    if (error == QSerialPort::ResourceError && m_port->isOpen())
        m_port->close();
    Q_EMIT errorOccurred(message);
}

} // namespace qm::scan
