#include "ui/scannerinput.h"

#include <QCoreApplication>
#include <QKeyEvent>

namespace qm {

namespace {

// The character a key press contributes to a scan, or a null QChar for keys that cannot
// be part of one (arrows, shortcuts, input-method compositions).
QChar scanCharacter(const QKeyEvent *event)
{
    const Qt::KeyboardModifiers other =
        event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier | Qt::GroupSwitchModifier);
    if (other != Qt::NoModifier || event->isAutoRepeat())
        return {};
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return QChar(u'\r');
    case Qt::Key_Tab:
        return QChar(u'\t');
    default:
        break;
    }
    const QString text = event->text();
    if (text.size() != 1 || !text.front().isPrint())
        return {};
    return text.front();
}

} // namespace

ScannerInput::ScannerInput(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<qm::scan::ScanResult>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ScannerInput::checkTimeout);
}

ScannerInput::~ScannerInput() = default;

void ScannerInput::install(QCoreApplication *app)
{
    if (!app)
        app = QCoreApplication::instance();
    app->installEventFilter(this);
}

void ScannerInput::setDetectorSettings(const scan::ScanDetectorSettings &settings)
{
    releaseAll();
    m_detector = scan::ScanDetector(settings);
}

void ScannerInput::setEnabled(bool enabled)
{
    if (!enabled)
        releaseAll();
    m_enabled = enabled;
}

bool ScannerInput::eventFilter(QObject *watched, QEvent *event)
{
    if (m_replaying || !m_enabled || !watched->isWidgetType())
        return false;
    if (event->type() == QEvent::KeyRelease) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto it = m_pendingReleases.find(key->key());
        if (it == m_pendingReleases.end() || key->isAutoRepeat())
            return false;
        if (--*it == 0)
            m_pendingReleases.erase(it);
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    // An ignored key press travels up to the parent widgets through this filter again.
    if (event == m_lastEvent && key->timestamp() == m_lastEventTimestamp)
        return m_lastEventSwallowed;
    m_lastEvent = event;
    m_lastEventTimestamp = key->timestamp();
    m_lastEventSwallowed = handleKeyPress(watched, key);
    return m_lastEventSwallowed;
}

qint64 ScannerInput::now() const
{
    return m_lastTimestamp + (m_sinceLastKey.isValid() ? m_sinceLastKey.elapsed() : 0);
}

bool ScannerInput::handleKeyPress(QObject *target, QKeyEvent *event)
{
    const QChar c = scanCharacter(event);
    if (c.isNull()) {
        // Keys typed before this one go first, then this one, as typed.
        releaseAll();
        return false;
    }
    const qint64 timestamp = event->timestamp() ? qint64(event->timestamp()) : now();
    HeldKey held;
    held.target = target;
    held.key = event->key();
    held.modifiers = event->modifiers();
    held.text = event->text();
    held.scanCode = event->nativeScanCode();
    held.virtualKey = event->nativeVirtualKey();
    held.nativeModifiers = event->nativeModifiers();
    held.timestamp = quint64(timestamp);
    m_held.append(held);
    ++m_pendingReleases[event->key()];
    m_lastTimestamp = timestamp;
    m_sinceLastKey.start();
    apply(m_detector.feed(c, timestamp));
    armTimer();
    return true;
}

void ScannerInput::apply(const QList<scan::ScanDetector::Output> &outputs)
{
    for (const scan::ScanDetector::Output &output : outputs) {
        const qsizetype count = qMin(output.text.size(), m_held.size());
        if (output.type == scan::ScanDetector::Output::Type::Scan) {
            m_held.remove(0, count);
            Q_EMIT scanned(scan::interpret(output.text, m_scanSettings));
        } else {
            replay(count);
        }
    }
}

void ScannerInput::replay(qsizetype count)
{
    const QList<HeldKey> keys = m_held.first(count);
    m_held.remove(0, count);
    m_replaying = true;
    for (const HeldKey &k : keys) {
        if (!k.target)
            continue;
        QKeyEvent press(QEvent::KeyPress, k.key, k.modifiers, k.scanCode, k.virtualKey,
                        k.nativeModifiers, k.text);
        press.setTimestamp(k.timestamp);
        QCoreApplication::sendEvent(k.target, &press);
        if (!k.target)
            continue;
        // The real release was held back with the press.
        QKeyEvent release(QEvent::KeyRelease, k.key, k.modifiers, k.scanCode, k.virtualKey,
                          k.nativeModifiers, k.text);
        release.setTimestamp(k.timestamp);
        QCoreApplication::sendEvent(k.target, &release);
    }
    m_replaying = false;
}

void ScannerInput::releaseAll()
{
    m_timer.stop();
    apply(m_detector.flush());
}

void ScannerInput::checkTimeout()
{
    apply(m_detector.timeout(now()));
    armTimer();
}

void ScannerInput::armTimer()
{
    if (const std::optional<qint64> deadline = m_detector.deadline())
        m_timer.start(int(qMax<qint64>(1, *deadline - now())));
    else
        m_timer.stop();
}

} // namespace qm
