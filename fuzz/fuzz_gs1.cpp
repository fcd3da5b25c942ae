// Arbitrary bytes through everything that reads scanner data: scan::interpret() with and
// without a GS substitute, and the three GS1 parsers. Besides crashes and sanitizer
// reports it checks that whatever parses survives a round trip through the other forms.
#include "core/gs1.h"
#include "core/scaninput.h"

#include <cstdint>
#include <cstdlib>

namespace {

void roundTrip(const qm::gs1::ElementString &parsed)
{
    if (!parsed.isValid())
        return;
    if (parsed.elements.isEmpty())
        std::abort();
    if (qm::gs1::parseBracketed(parsed.toBracketed()).elements != parsed.elements)
        std::abort();
    if (qm::gs1::parseElementString(parsed.toElementString()).elements != parsed.elements)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    const QDate today(2026, 6, 1);

    const qm::scan::ScanResult plain = qm::scan::interpret(text, {}, today);
    if (plain.error.isEmpty() && plain.code.isEmpty())
        std::abort(); // a usable scan always names something to look up
    qm::scan::ScanSettings settings;
    settings.prefix = QStringLiteral("@");
    settings.suffix = QStringLiteral("\t");
    settings.gsSubstitute = QChar(u'~');
    qm::scan::interpret(text, settings, today);

    roundTrip(qm::gs1::parseElementString(text));
    roundTrip(qm::gs1::parseElementString(text, QChar(u'^')));
    roundTrip(qm::gs1::parseBracketed(text));
    roundTrip(qm::gs1::parseDigitalLink(text));
    const auto structure = qm::gs1::parseElementString(text, QChar(qm::gs1::GroupSeparator),
                                                       qm::gs1::Checks::Structure);
    if (structure.isValid() && structure.elements.isEmpty())
        std::abort();
    for (const qm::gs1::Element &e : structure.elements) {
        qm::gs1::decimalValue(e);
        qm::gs1::dateValue(e.value, today);
    }
    return 0;
}
