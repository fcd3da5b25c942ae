#include "scan/serialscanner.h"

#include "scan/logging.h"

#include <QSerialPort>
#include <QSerialPortInfo>
#include <QStringDecoder>
#include <QStringList>

#include <algorithm>

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
    m_retry.setSingleShot(true);
    m_retry.setInterval(2000);
    connect(&m_retry, &QTimer::timeout, this, &SerialScanner::tryOpen);
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
        m_lastError = tr("No serial port is set for the scanner.");
        Q_EMIT errorOccurred(m_lastError);
        return false;
    }
    if (!m_port->open(QIODevice::ReadOnly))
        return false; // handleError() has reported it
    qCInfo(lcScanner) << "listening on" << settings.portName << settings.baudRate << "baud";
    return true;
}

QList<SerialPortDescription> SerialScanner::availablePorts()
{
    QList<SerialPortDescription> ports;
    const QList<QSerialPortInfo> infos = QSerialPortInfo::availablePorts();
    for (const QSerialPortInfo &info : infos) {
        QStringList words;
        for (const QString &word : {info.manufacturer(), info.description()})
            if (!word.isEmpty() && !words.contains(word))
                words << word;
        ports.append({info.portName(), words.join(u' ')});
    }
    std::sort(ports.begin(), ports.end(),
              [](const SerialPortDescription &a, const SerialPortDescription &b) {
                  return a.name < b.name;
              });
    return ports;
}

void SerialScanner::start(const SerialScannerSettings &settings)
{
    stop();
    m_settings = settings;
    m_keepOpen = true;
    tryOpen();
}

void SerialScanner::stop()
{
    m_keepOpen = false;
    m_retry.stop();
    close();
    setState(State::Closed, {});
}

void SerialScanner::tryOpen()
{
    if (!m_keepOpen)
        return;
    m_quiet = m_state == State::Failed || m_state == State::Disconnected;
    m_lastError.clear();
    const bool opened = open(m_settings);
    m_quiet = false;
    if (opened) {
        setState(State::Connected, {});
        return;
    }
    if (m_settings.portName.isEmpty()) {
        // Nothing to wait for.
        setState(State::Failed, m_lastError);
        return;
    }
    // A scanner that was unplugged stays "disconnected" until it is back.
    setState(m_state == State::Disconnected ? State::Disconnected : State::Failed,
             m_state == State::Disconnected ? m_stateMessage : m_lastError);
    m_retry.start();
}

void SerialScanner::setState(State state, const QString &message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    Q_EMIT stateChanged(state, message);
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
    case QSerialPort::ReadError:
        message = tr("The scanner on %1 was disconnected.").arg(port);
        break;
    default:
        message = tr("Serial port %1: %2").arg(port, m_port->errorString());
    }
    m_port->clearError();
    m_lastError = message;
    const bool lost = (error == QSerialPort::ResourceError || error == QSerialPort::ReadError) &&
                      m_port->isOpen();
    if (lost)
        close();
    if (m_quiet)
        return;
    qCWarning(lcScanner) << message;
    Q_EMIT errorOccurred(message);
    if (lost && m_keepOpen) {
        setState(State::Disconnected, message);
        m_retry.start();
    }
}

} // namespace qm::scan
