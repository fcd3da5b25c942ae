#include "scan/imagedecoder.h"

#include "core/gs1.h"
#include "scan/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qm::scan {

namespace {

bool isGs1Symbology(QStringView id)
{
    return id == u"]C1" || id == u"]d2" || id == u"]Q3" || id == u"]e0" || id == u"]J1" ||
           id == u"]z1";
}

// "(01)…(10)…" to the raw element string, without judging the values: interpret() does
// that, and says what is wrong with a bad label.
QString bracketedToRaw(QStringView text)
{
    QString raw;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype close = text.indexOf(u')', pos);
        if (text[pos] != u'(' || close < pos + 3 || close > pos + 5)
            return {};
        const QStringView ai = text.mid(pos + 1, close - pos - 1);
        if (!std::all_of(ai.begin(), ai.end(), [](QChar c) { return c.isDigit(); }))
            return {};
        qsizetype next = text.indexOf(u'(', close);
        if (next < 0)
            next = text.size();
        raw += ai;
        raw += text.mid(close + 1, next - close - 1);
        const std::optional<gs1::AiInfo> info = gs1::lookupAi(ai);
        if (next < text.size() && !(info && info->predefinedLength))
            raw += QChar(gs1::GroupSeparator);
        pos = next;
    }
    return raw;
}

} // namespace

QString DecodedBarcode::scanText() const
{
    QString data = text;
    if (isGs1Symbology(symbology)) {
        if (data.startsWith(u'(')) {
            // zxing-cpp before 2.0 gave DataBar Expanded as "(01)…(17)…".
            if (const QString raw = bracketedToRaw(data); !raw.isEmpty())
                data = raw;
        } else if (symbology == u"]e0" && data.size() == 14 &&
                   std::all_of(data.begin(), data.end(), [](QChar c) { return c.isDigit(); })) {
            // zxing-cpp before 3.0 gave DataBar (RSS-14) as the bare GTIN-14.
            data.prepend(QStringLiteral("01"));
        }
    }
    return symbology + data;
}

ImageDecoder::ImageDecoder(QObject *parent)
    : QObject(parent)
    , m_program(defaultProgram())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        qCWarning(lcDecode) << "decoding" << m_imagePath << "timed out after" << m_timeoutMs
                            << "ms";
        m_timedOut = true;
        m_process->kill(); // finished() follows
    });
}

ImageDecoder::~ImageDecoder()
{
    cancel();
}

QString ImageDecoder::defaultProgram()
{
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("qm-decode.exe");
#else
    const QString name = QStringLiteral("qm-decode");
#endif
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

QString ImageDecoder::message(Failure failure)
{
    switch (failure) {
    case Failure::NotStarted:
        return tr("Could not read this image: the barcode reader (qm-decode) is missing.");
    case Failure::Unreadable:
        return tr("Could not read this image: it is not a picture file the app can open.");
    case Failure::Crashed:
        return tr("Could not read this image: the barcode reader failed on it.");
    case Failure::TimedOut:
        return tr("Could not read this image: reading it took too long.");
    case Failure::BadOutput:
        return tr("Could not read this image: the barcode reader gave no usable answer.");
    }
    return tr("Could not read this image.");
}

bool ImageDecoder::decode(const QString &imagePath)
{
    if (m_process)
        return false;
    m_imagePath = imagePath;
    m_timedOut = false;
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setArguments({imagePath});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::finished, this, &ImageDecoder::finished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcDecode) << "cannot start" << m_program << m_process->errorString();
            fail(Failure::NotStarted);
        }
    });
    m_timer.start(m_timeoutMs);
    m_process->start();
    return true;
}

void ImageDecoder::cancel()
{
    m_timer.stop();
    if (!m_process)
        return;
    QProcess *process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(1000);
    }
    process->deleteLater();
}

void ImageDecoder::fail(Failure failure)
{
    const QString path = m_imagePath;
    cancel();
    Q_EMIT failed(path, failure, message(failure));
}

void ImageDecoder::finished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    if (m_timedOut)
        return fail(Failure::TimedOut);
    if (status == QProcess::CrashExit) {
        qCWarning(lcDecode) << "qm-decode crashed on" << m_imagePath;
        return fail(Failure::Crashed);
    }
    if (exitCode == 2)
        return fail(Failure::Unreadable);
    if (exitCode != 0) {
        qCWarning(lcDecode) << "qm-decode exited with" << exitCode << "on" << m_imagePath;
        return fail(Failure::Crashed);
    }
    QList<DecodedBarcode> barcodes;
    const QList<QByteArray> lines = m_process->readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(Failure::BadOutput);
        const QJsonObject o = doc.object();
        DecodedBarcode b;
        b.text = o.value(u"text").toString();
        b.format = o.value(u"format").toString();
        b.symbology = o.value(u"symbology_identifier").toString();
        for (const QJsonValue &p : o.value(u"position").toArray())
            b.position.append(QPoint(p.toArray().at(0).toInt(), p.toArray().at(1).toInt()));
        barcodes.append(b);
    }
    const QString path = m_imagePath;
    cancel();
    Q_EMIT decoded(path, barcodes);
}

} // namespace qm::scan
