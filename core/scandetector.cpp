#include "core/scandetector.h"

namespace qm::scan {

QList<ScanDetector::Output> ScanDetector::feed(QChar c, qint64 timestampMs)
{
    QList<Output> out;
    if (!m_buffer.isEmpty() && timestampMs - m_last > m_settings.maxGapMs)
        out = finish(false);
    m_buffer += c;
    m_last = timestampMs;
    if (!m_settings.suffix.isEmpty() && m_buffer.endsWith(m_settings.suffix))
        out += finish(true);
    else if (!m_settings.prefix.isEmpty() && !m_settings.prefix.startsWith(m_buffer) &&
             !m_buffer.startsWith(m_settings.prefix))
        out += flush(); // cannot become a scan: hand the keys back now
    return out;
}

QList<ScanDetector::Output> ScanDetector::timeout(qint64 nowMs)
{
    if (m_buffer.isEmpty() || nowMs - m_last <= m_settings.maxGapMs)
        return {};
    return finish(false);
}

QList<ScanDetector::Output> ScanDetector::flush()
{
    if (m_buffer.isEmpty())
        return {};
    QList<Output> out{{Output::Type::Keys, m_buffer}};
    m_buffer.clear();
    return out;
}

std::optional<qint64> ScanDetector::deadline() const
{
    if (m_buffer.isEmpty())
        return std::nullopt;
    return m_last + m_settings.maxGapMs + 1;
}

QList<ScanDetector::Output> ScanDetector::finish(bool endedBySuffix)
{
    QStringView code = m_buffer;
    if (endedBySuffix)
        code.chop(m_settings.suffix.size());
    const bool prefixOk = code.startsWith(m_settings.prefix);
    code = code.mid(prefixOk ? m_settings.prefix.size() : 0);
    // A key held down repeats about every 30 ms: that is a person, not a scanner.
    const bool repeatedKey =
        code.size() > 1 && code.count(code.front()) == code.size() && m_settings.prefix.isEmpty();
    const bool scan = prefixOk && code.size() >= m_settings.minLength && !repeatedKey;
    QList<Output> out{{scan ? Output::Type::Scan : Output::Type::Keys, m_buffer}};
    m_buffer.clear();
    return out;
}

} // namespace qm::scan
