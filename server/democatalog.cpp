#include "server/democatalog.h"

#include "server/demogtins.h"
#include "server/demorandom.h"

#include <QSet>

namespace qm {

namespace {

using Attrs = QMap<QString, QString>;

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

// Draws from a list of UTF-16 literals.
QString pickText(DemoRandom &r, std::initializer_list<const char16_t *> options)
{
    return s(*(options.begin() + r.below(int(options.size()))));
}

// Money in Decimal units (1/10000 USD).
constexpr qint64 Cent = 100;
constexpr qint64 Dollar = 10000;

qint64 roundTo(qint64 units, qint64 step)
{
    return qMax(step, (units + step / 2) / step * step);
}

// A list price rounded the way suppliers write them: whole cents from a dollar up, four
// decimals below (fasteners are priced per piece at fractions of a cent).
qint64 tidyPrice(qint64 units)
{
    return units >= Dollar ? roundTo(units, Cent) : roundTo(units, 1);
}

struct PackSpec
{
    QString uom;
    QString name;
    qint64 quantity;
};

// What a category generator decides about one product.
struct Draft
{
    QString category; // sub-category code
    QString name;
    QString description;
    QString brand;
    Attrs attributes;
    QString baseUom = QStringLiteral("EA");
    QString baseName = QStringLiteral("Each");
    QList<PackSpec> packs; // larger packs, smallest first
    qint64 price = 0;      // list price of one base unit
    qint64 minOrder = 1;
    qint64 multiple = 1;
    qint64 stockScale = 100; // typical base units on hand per warehouse
};

QString brandFor(DemoRandom &r, int family)
{
    // The house brand on about a quarter of everything, otherwise the family's makers.
    if (r.percent(25))
        return QStringLiteral("Harbor Industrial");
    switch (family) {
    case 0:
        return pickText(r, {u"Tidewater Fastening", u"Keelson", u"BoltRite", u"Northline"});
    case 1:
        return pickText(r, {u"Sentinel Safety", u"Brightline", u"Guardwell", u"ClearView Pro"});
    case 2:
        return pickText(r, {u"Voltmark", u"Copperline", u"Lumara", u"Circuitry Pro"});
    case 3:
        return pickText(r, {u"Flowright", u"AquaJoint", u"Brassworks", u"PipeCraft"});
    case 4:
        return pickText(r, {u"Pristine Pro", u"ClearSpan", u"Evergleam", u"Sanitex"});
    case 5:
        return pickText(r, {u"Trueforge", u"Benchmark", u"Ironbark", u"Cutwell"});
    default:
        return pickText(r, {u"PackRight", u"Stretchwell", u"Boxwell", u"SealTite"});
    }
}

// Fasteners

struct Metal
{
    const char16_t *material;  // attribute
    const char16_t *shortName; // in the product name
    const char16_t *finish;
    int pricePercent;     // relative to zinc-plated 8.8 steel
    const char16_t *note; // a sentence for the description
};

const QList<Metal> &metricMetals()
{
    static const QList<Metal> metals{
        {u"Stainless steel A4-80 (316)", u"stainless A4-80 (316)", u"Plain", 320,
         u"Molybdenum-alloyed A4 stainless resists chlorides: the choice for marine, coastal and "
         u"chemical environments where carbon steel rusts."},
        {u"Stainless steel A2-70 (304)", u"stainless A2-70 (304)", u"Plain", 210,
         u"A2 stainless is corrosion resistant outdoors and in food and water applications."},
        {u"Steel, property class 8.8", u"steel 8.8, zinc-plated", u"Zinc-plated (clear)", 100,
         u"Zinc plating gives indoor corrosion protection."},
        {u"Steel, property class 8.8", u"steel 8.8, hot-dip galvanized", u"Hot-dip galvanized", 135,
         u"The thick hot-dip galvanized coating protects outdoor and structural connections."},
        {u"Steel, property class 10.9", u"steel 10.9, black oxide", u"Black oxide", 150,
         u"High-tensile 10.9 steel for machinery and heavily loaded joints; lightly oiled black "
         u"finish."},
        {u"Steel, property class 8.8", u"steel 8.8, yellow zinc", u"Yellow zinc (chromate)", 110,
         u"Yellow zinc chromate adds corrosion resistance over clear zinc."},
    };
    return metals;
}

struct MetricSize
{
    int diameter;
    const char16_t *pitch;
    QList<int> lengths;
};

const QList<MetricSize> &metricSizes()
{
    static const QList<MetricSize> sizes{
        {5, u"0.8", {10, 12, 16, 20, 25, 30, 35, 40, 50}},
        {6, u"1.0", {10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80}},
        {8, u"1.25", {16, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100}},
        {10, u"1.5", {20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120}},
        {12, u"1.75", {25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 110, 120, 150}},
        {16, u"2.0", {30, 40, 50, 60, 70, 80, 90, 100, 120, 140, 160, 200}},
        {20, u"2.5", {40, 50, 60, 70, 80, 100, 120, 140, 160, 200}},
        {24, u"3.0", {50, 60, 70, 80, 100, 120, 150, 180, 200, 240}},
    };
    return sizes;
}

struct InchSize
{
    const char16_t *label; // 3/8"-16
    const char16_t *nut;   // 3/8"
    int sixteenths;        // diameter in 1/16"
    QList<const char16_t *> lengths;
};

const QList<InchSize> &inchSizes()
{
    static const QList<InchSize> sizes{
        {u"1/4\"-20",
         u"1/4\"",
         4,
         {u"1/2\"", u"3/4\"", u"1\"", u"1-1/4\"", u"1-1/2\"", u"2\"", u"2-1/2\"", u"3\""}},
        {u"5/16\"-18",
         u"5/16\"",
         5,
         {u"3/4\"", u"1\"", u"1-1/2\"", u"2\"", u"2-1/2\"", u"3\"", u"4\""}},
        {u"3/8\"-16",
         u"3/8\"",
         6,
         {u"3/4\"", u"1\"", u"1-1/4\"", u"1-1/2\"", u"2\"", u"2-1/2\"", u"3\"", u"4\"", u"5\""}},
        {u"1/2\"-13",
         u"1/2\"",
         8,
         {u"1\"", u"1-1/2\"", u"2\"", u"2-1/2\"", u"3\"", u"4\"", u"5\"", u"6\""}},
        {u"5/8\"-11", u"5/8\"", 10, {u"1-1/2\"", u"2\"", u"3\"", u"4\"", u"5\"", u"6\""}},
        {u"3/4\"-10", u"3/4\"", 12, {u"2\"", u"2-1/2\"", u"3\"", u"4\"", u"5\"", u"6\""}},
    };
    return sizes;
}

struct InchGrade
{
    const char16_t *material;
    const char16_t *shortName;
    const char16_t *finish;
    int pricePercent;
};

const QList<InchGrade> &inchGrades()
{
    static const QList<InchGrade> grades{
        {u"Steel, SAE grade 5", u"grade 5, zinc-plated", u"Zinc-plated (clear)", 100},
        {u"Alloy steel, SAE grade 8", u"grade 8, yellow zinc", u"Yellow zinc (chromate)", 160},
        {u"Stainless steel 18-8 (304)", u"18-8 stainless", u"Plain", 230},
        {u"Stainless steel 316", u"316 stainless", u"Plain", 330},
        {u"Steel, SAE grade 5", u"grade 5, hot-dip galvanized", u"Hot-dip galvanized", 135},
    };
    return grades;
}

// Nuts carry a nut class and washers a hardness where bolts carry a property class.
QString forNuts(const Metal &metal)
{
    return s(metal.shortName)
        .replace(QStringLiteral("8.8"), QStringLiteral("class 8"))
        .replace(QStringLiteral("10.9"), QStringLiteral("class 10"));
}
QString forWashers(const Metal &metal)
{
    return s(metal.shortName)
        .replace(QStringLiteral("steel 8.8"), QStringLiteral("steel 200 HV"))
        .replace(QStringLiteral("steel 10.9"), QStringLiteral("steel 300 HV"));
}

// Sold by the box for small sizes; bigger fasteners come in smaller boxes.
void fastenerPacks(DemoRandom &r, Draft &d, int diameterMm)
{
    const qint64 box = diameterMm <= 10 ? 100 : diameterMm <= 16 ? 50 : 25;
    d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of %1").arg(box), box},
               {QStringLiteral("CS"), QStringLiteral("Case of 10 boxes (%1 pcs)").arg(box * 10),
                box * 10}};
    if (r.percent(40)) {
        d.minOrder = box;
        d.multiple = box;
    }
    d.stockScale = box * 40;
}

Draft hexBolt(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-BLT");
    if (r.percent(30)) {
        const InchSize &size = r.pick(inchSizes());
        const InchGrade &grade = r.pick(inchGrades());
        const int lengthIndex = r.below(int(size.lengths.size()));
        const QString length = s(size.lengths.at(lengthIndex));
        const QString sizeText = s(size.label) + QStringLiteral(" × ") + length;
        d.name =
            QStringLiteral("Hex cap screw, %1, %2, ASME B18.2.1").arg(s(grade.shortName), sizeText);
        d.attributes = {{QStringLiteral("material"), s(grade.material)},
                        {QStringLiteral("finish"), s(grade.finish)},
                        {QStringLiteral("size"), sizeText},
                        {QStringLiteral("thread"), QStringLiteral("UNC")},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("head"), QStringLiteral("Hex")},
                        {QStringLiteral("standard"), QStringLiteral("ASME B18.2.1")}};
        d.description =
            QStringLiteral("Hex cap screw %1 in %2, coarse UNC thread, for general assembly, "
                           "framing and equipment mounting.")
                .arg(sizeText, s(grade.material).toLower());
        d.price = tidyPrice((400 + size.sixteenths * size.sixteenths * (lengthIndex + 2) * 16) *
                            grade.pricePercent / 100);
        fastenerPacks(r, d, size.sixteenths * 16 / 10);
        return d;
    }
    const MetricSize &size = r.pick(metricSizes());
    const Metal &metal = r.pick(metricMetals());
    const int length = r.pick(size.lengths);
    const bool partial = length >= 4 * size.diameter && r.percent(50);
    const QString sizeText = QStringLiteral("M%1 × %2 mm").arg(size.diameter).arg(length);
    const QString standard =
        partial ? pickText(r, {u"DIN 931", u"ISO 4014"}) : pickText(r, {u"DIN 933", u"ISO 4017"});
    d.name = QStringLiteral("Hex bolt, %1%2, %3, %4")
                 .arg(partial ? QStringLiteral("partially threaded, ") : QString(),
                      s(metal.shortName), sizeText, standard);
    d.attributes = {{QStringLiteral("material"), s(metal.material)},
                    {QStringLiteral("finish"), s(metal.finish)},
                    {QStringLiteral("size"), sizeText},
                    {QStringLiteral("thread"),
                     QStringLiteral("M%1 × %2 (coarse)").arg(size.diameter).arg(s(size.pitch))},
                    {QStringLiteral("length"), QStringLiteral("%1 mm").arg(length)},
                    {QStringLiteral("head"), QStringLiteral("Hex")},
                    {QStringLiteral("standard"), standard}};
    d.description =
        QStringLiteral("%1 hex head bolt M%2 × %3 mm to %4. %5")
            .arg(partial ? QStringLiteral("Partially threaded") : QStringLiteral("Fully threaded"))
            .arg(size.diameter)
            .arg(length)
            .arg(standard, s(metal.note));
    d.price = tidyPrice((300 + size.diameter * size.diameter * length * 45 / 80) *
                        metal.pricePercent / 100);
    fastenerPacks(r, d, size.diameter);
    return d;
}

Draft screw(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-SCR");
    const int kind = r.weighted({3, 3, 2, 2});
    if (kind <= 1) {
        // Machine screws: socket head cap or pan head.
        const bool socket = kind == 0;
        const MetricSize &size = metricSizes().at(r.below(5));
        const Metal &metal = metricMetals().at(r.pick({0, 1, 2, 4}));
        const int length = r.pick(size.lengths);
        const QString sizeText = QStringLiteral("M%1 × %2 mm").arg(size.diameter).arg(length);
        const QString standard = socket ? pickText(r, {u"DIN 912", u"ISO 4762"})
                                        : pickText(r, {u"ISO 7045", u"DIN 7985"});
        d.name = QStringLiteral("%1, %2, %3, %4")
                     .arg(socket ? QStringLiteral("Socket head cap screw")
                                 : QStringLiteral("Pan head machine screw, Phillips"),
                          s(metal.shortName), sizeText, standard);
        d.attributes = {{QStringLiteral("material"), s(metal.material)},
                        {QStringLiteral("finish"), s(metal.finish)},
                        {QStringLiteral("size"), sizeText},
                        {QStringLiteral("length"), QStringLiteral("%1 mm").arg(length)},
                        {QStringLiteral("thread"),
                         QStringLiteral("M%1 × %2 (coarse)").arg(size.diameter).arg(s(size.pitch))},
                        {QStringLiteral("drive"),
                         socket ? QStringLiteral("Hex socket") : QStringLiteral("Phillips")},
                        {QStringLiteral("head"),
                         socket ? QStringLiteral("Cylindrical") : QStringLiteral("Pan")},
                        {QStringLiteral("standard"), standard}};
        d.description = QStringLiteral("%1 %2 to %3. %4")
                            .arg(socket ? QStringLiteral("Socket head cap screw")
                                        : QStringLiteral("Pan head machine screw"),
                                 sizeText, standard, s(metal.note));
        d.price = tidyPrice((250 + size.diameter * size.diameter * length * 5 / 4) *
                            metal.pricePercent / 100);
        fastenerPacks(r, d, size.diameter);
        return d;
    }
    const bool selfDrilling = kind == 2;
    const int gauge = r.pick({6, 8, 10, 12, 14});
    const QString length = pickText(
        r, {u"1/2\"", u"3/4\"", u"1\"", u"1-1/4\"", u"1-1/2\"", u"2\"", u"2-1/2\"", u"3\""});
    const QString sizeText = QStringLiteral("#%1 × %2").arg(gauge).arg(length);
    const bool stainless = r.percent(30);
    const QString material = stainless ? QStringLiteral("Stainless steel 18-8 (304)")
                                       : QStringLiteral("Case-hardened steel");
    const QString finish =
        stainless
            ? QStringLiteral("Plain")
            : pickText(r, {u"Zinc-plated (clear)", u"Yellow zinc (chromate)", u"Ceramic-coated"});
    if (selfDrilling) {
        const QString head = pickText(r, {u"Hex washer", u"Pan", u"Flat"});
        d.name = QStringLiteral("Self-drilling screw, %1 head, %2, %3")
                     .arg(head.toLower(), sizeText,
                          stainless ? QStringLiteral("18-8 stainless")
                                    : finish.section(u' ', 0, 0).toLower());
        d.attributes = {{QStringLiteral("material"), material},
                        {QStringLiteral("finish"), finish},
                        {QStringLiteral("size"), sizeText},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("head"), head},
                        {QStringLiteral("point"), QStringLiteral("#3 drill point")},
                        {QStringLiteral("standard"), QStringLiteral("SAE J78")}};
        d.description =
            QStringLiteral(
                "Self-drilling (TEK) screw %1 for fastening to steel up to 0.110\" without "
                "pre-drilling; %2 head.")
                .arg(sizeText, head.toLower());
    } else {
        const QString use = pickText(r, {u"Wood", u"Deck", u"Drywall"});
        d.name = QStringLiteral("%1 screw, flat head, Phillips, %2, %3")
                     .arg(use, sizeText, finish.section(u' ', 0, 0).toLower());
        d.attributes = {{QStringLiteral("material"), material},
                        {QStringLiteral("finish"), finish},
                        {QStringLiteral("size"), sizeText},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("head"), QStringLiteral("Flat")},
                        {QStringLiteral("drive"), QStringLiteral("Phillips")},
                        {QStringLiteral("thread"), QStringLiteral("Coarse")}};
        d.description =
            QStringLiteral("%1 screw %2 with a sharp point and coarse thread for fast driving.")
                .arg(use, sizeText);
    }
    d.price = tidyPrice((150 + gauge * gauge * 9) * (stainless ? 230 : 100) / 100);
    fastenerPacks(r, d, 6);
    return d;
}

Draft nut(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-NUT");
    const Metal &metal = r.pick(metricMetals());
    const MetricSize &size = r.pick(metricSizes());
    const int kind = r.weighted({4, 3, 2, 1});
    static const char16_t *const names[] = {u"Hex nut", u"Nylon-insert lock nut",
                                            u"Flange nut, serrated", u"Wing nut"};
    static const char16_t *const standards[] = {u"DIN 934", u"DIN 985", u"DIN 6923", u"DIN 315"};
    const QString standard =
        kind == 0 ? pickText(r, {u"DIN 934", u"ISO 4032"}) : s(standards[kind]);
    const QString sizeText = QStringLiteral("M%1").arg(size.diameter);
    d.name =
        QStringLiteral("%1, %2, %3, %4").arg(s(names[kind]), forNuts(metal), sizeText, standard);
    d.attributes = {
        {QStringLiteral("material"),
         s(metal.material)
             .replace(QStringLiteral("property class 8.8"), QStringLiteral("class 8"))
             .replace(QStringLiteral("property class 10.9"), QStringLiteral("class 10"))},
        {QStringLiteral("finish"), s(metal.finish)},
        {QStringLiteral("size"), sizeText},
        {QStringLiteral("thread"),
         QStringLiteral("M%1 × %2 (coarse)").arg(size.diameter).arg(s(size.pitch))},
        {QStringLiteral("standard"), standard}};
    d.description =
        QStringLiteral("%1 %2 to %3. %4").arg(s(names[kind]), sizeText, standard, s(metal.note));
    d.price = tidyPrice((120 + size.diameter * size.diameter * 14 * (kind + 2) / 2) *
                        metal.pricePercent / 100);
    fastenerPacks(r, d, size.diameter);
    return d;
}

Draft washer(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-WSH");
    const Metal &metal = r.pick(metricMetals());
    const MetricSize &size = r.pick(metricSizes());
    const int kind = r.weighted({5, 2, 3});
    static const char16_t *const names[] = {u"Flat washer", u"Fender washer", u"Split lock washer"};
    const QString standard = kind == 0   ? pickText(r, {u"DIN 125-A", u"ISO 7089"})
                             : kind == 1 ? QStringLiteral("DIN 9021")
                                         : QStringLiteral("DIN 127-B");
    const QString sizeText = QStringLiteral("M%1").arg(size.diameter);
    d.name =
        QStringLiteral("%1, %2, %3, %4").arg(s(names[kind]), forWashers(metal), sizeText, standard);
    d.attributes = {
        {QStringLiteral("material"),
         s(metal.material)
             .replace(QStringLiteral("property class 8.8"), QStringLiteral("200 HV"))
             .replace(QStringLiteral("property class 10.9"), QStringLiteral("300 HV"))},
        {QStringLiteral("finish"), s(metal.finish)},
        {QStringLiteral("size"), sizeText},
        {QStringLiteral("inner diameter"),
         QStringLiteral("%1 mm").arg(size.diameter + (size.diameter >= 10 ? 0.5 : 0.3), 0, 'f', 1)},
        {QStringLiteral("standard"), standard}};
    d.description = QStringLiteral("%1 for %2 bolts and screws to %3. %4")
                        .arg(s(names[kind]), sizeText, standard, s(metal.note));
    d.price =
        tidyPrice((60 + size.diameter * size.diameter * 5 * (kind + 1)) * metal.pricePercent / 100);
    fastenerPacks(r, d, size.diameter);
    return d;
}

Draft anchor(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-ANC");
    const QString kind = pickText(r, {u"Wedge anchor", u"Sleeve anchor", u"Drop-in anchor"});
    const QString diameter = pickText(r, {u"1/4\"", u"3/8\"", u"1/2\"", u"5/8\"", u"3/4\""});
    const QString length =
        pickText(r, {u"2-1/4\"", u"3\"", u"3-3/4\"", u"4-1/4\"", u"5-1/2\"", u"7\""});
    const int material = r.weighted({5, 3, 2});
    static const char16_t *const materials[] = {u"Carbon steel", u"Stainless steel 304",
                                                u"Stainless steel 316"};
    static const char16_t *const finishes[] = {u"Zinc-plated (clear)", u"Plain", u"Plain"};
    const QString sizeText =
        kind.startsWith(u"Drop") ? diameter : diameter + QStringLiteral(" × ") + length;
    d.name = QStringLiteral("%1, %2, %3")
                 .arg(kind,
                      material == 0 ? QStringLiteral("zinc-plated steel")
                                    : s(materials[material]).toLower(),
                      sizeText);
    d.attributes = {{QStringLiteral("material"), s(materials[material])},
                    {QStringLiteral("finish"), s(finishes[material])},
                    {QStringLiteral("size"), sizeText},
                    {QStringLiteral("diameter"), diameter},
                    {QStringLiteral("base material"), QStringLiteral("Concrete")},
                    {QStringLiteral("standard"), QStringLiteral("ICC-ES evaluated")}};
    d.description =
        QStringLiteral("%1 %2 for anchoring to solid concrete%3.")
            .arg(kind, sizeText,
                 material == 2 ? QStringLiteral("; 316 stainless for docks, seawalls and wet areas")
                               : QString());
    d.price = tidyPrice((3500 + diameter.size() * 1200 + length.size() * 900) *
                        (material == 0   ? 100
                         : material == 1 ? 240
                                         : 330) /
                        100);
    d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 25"), 25},
               {QStringLiteral("CS"), QStringLiteral("Case of 10 boxes (250 pcs)"), 250}};
    d.stockScale = 600;
    return d;
}

Draft threadedRod(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("FAS-ROD");
    const Metal &metal = metricMetals().at(r.pick({0, 1, 2, 3}));
    const int diameter = r.pick({6, 8, 10, 12, 16, 20});
    const int length = r.pick({1000, 2000, 3000});
    const QString sizeText = QStringLiteral("M%1 × %2 mm").arg(diameter).arg(length);
    d.name =
        QStringLiteral("Threaded rod, %1, %2, DIN 976-1")
            .arg(s(metal.shortName).section(u',', 0, 0) == u"steel 8.8"
                     ? QStringLiteral("steel 4.8, ") + s(metal.finish).section(u' ', 0, 0).toLower()
                     : s(metal.shortName),
                 sizeText);
    d.attributes = {{QStringLiteral("material"), s(metal.material).startsWith(u"Steel")
                                                     ? QStringLiteral("Steel, property class 4.8")
                                                     : s(metal.material)},
                    {QStringLiteral("finish"), s(metal.finish)},
                    {QStringLiteral("size"), sizeText},
                    {QStringLiteral("length"), QStringLiteral("%1 m").arg(length / 1000)},
                    {QStringLiteral("standard"), QStringLiteral("DIN 976-1")}};
    d.description =
        QStringLiteral(
            "Fully threaded rod M%1, %2 m length, for hangers, supports and through-bolting. %3")
            .arg(diameter)
            .arg(length / 1000)
            .arg(s(metal.note));
    d.price = tidyPrice((diameter * diameter * length / 10) * metal.pricePercent / 100 + 1500);
    d.packs = {{QStringLiteral("BD"), QStringLiteral("Bundle of 10"), 10}};
    d.stockScale = 150;
    return d;
}

// PPE

Draft glove(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-GLV");
    const QString size = pickText(r, {u"S", u"M", u"L", u"XL", u"XXL"});
    const int kind = r.weighted({5, 3, 2});
    if (kind == 0) {
        const int mil = r.pick({3, 4, 5, 6, 8});
        const QString colour = pickText(r, {u"Blue", u"Black", u"Orange", u"Purple"});
        d.name = QStringLiteral("Nitrile disposable gloves, powder-free, %1 mil, %2, size %3")
                     .arg(mil)
                     .arg(colour.toLower(), size);
        d.attributes = {{QStringLiteral("material"), QStringLiteral("Nitrile")},
                        {QStringLiteral("thickness"), QStringLiteral("%1 mil").arg(mil)},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("size"), size},
                        {QStringLiteral("standard"), QStringLiteral("ASTM D6319")},
                        {QStringLiteral("powder"), QStringLiteral("Powder-free")}};
        d.description =
            QStringLiteral(
                "%1 mil %2 nitrile exam-grade gloves, latex-free, textured fingertips. For "
                "cleaning, maintenance, food handling and light chemical splash.")
                .arg(mil)
                .arg(colour.toLower());
        d.baseUom = QStringLiteral("BX");
        d.baseName = QStringLiteral("Box of 100 gloves");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10 boxes"), 10}};
        d.price = tidyPrice((700 + mil * 180) * Cent);
        d.stockScale = 120;
        return d;
    }
    const bool cut = kind == 1;
    const int cutLevel = r.between(2, 6);
    const QString coating =
        cut ? pickText(r, {u"Polyurethane palm", u"Foam nitrile palm", u"Sandy nitrile palm"})
            : QString();
    const QString leather = cut ? QString() : pickText(r, {u"Cowhide", u"Goatskin", u"Pigskin"});
    d.name = cut ? QStringLiteral("Cut-resistant gloves, ANSI A%1, HPPE shell, %2, size %3")
                       .arg(cutLevel)
                       .arg(coating.toLower(), size)
                 : QStringLiteral("Leather driver gloves, %1, keystone thumb, size %2")
                       .arg(leather.toLower(), size);
    d.attributes =
        cut ? Attrs{{QStringLiteral("cut level"),
                     QStringLiteral("ANSI/ISEA 105 A%1").arg(cutLevel)},
                    {QStringLiteral("material"), QStringLiteral("HPPE / glass fibre shell")},
                    {QStringLiteral("coating"), coating},
                    {QStringLiteral("size"), size},
                    {QStringLiteral("standard"), QStringLiteral("ANSI/ISEA 105-2016, EN 388")}}
            : Attrs{{QStringLiteral("material"), leather + QStringLiteral(" leather")},
                    {QStringLiteral("size"), size},
                    {QStringLiteral("cuff"), QStringLiteral("Shirred elastic wrist")}};
    d.description =
        cut ? QStringLiteral(
                  "Seamless knit cut-resistant glove rated A%1, with %2 coating for grip on "
                  "sheet metal, glass and sharp-edged parts.")
                  .arg(cutLevel)
                  .arg(coating.toLower())
            : QStringLiteral(
                  "Unlined %1 driver glove for material handling, loading and general work.")
                  .arg(leather.toLower());
    d.baseUom = QStringLiteral("PR");
    d.baseName = QStringLiteral("Pair");
    d.packs = {{QStringLiteral("DZ"), QStringLiteral("Pack of 12 pairs"), 12},
               {QStringLiteral("CS"), QStringLiteral("Case of 72 pairs"), 72}};
    d.price = tidyPrice((cut ? 450 + cutLevel * 160 : 900) * Cent);
    d.stockScale = 300;
    return d;
}

Draft eyeProtection(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-EYE");
    if (r.percent(75)) {
        const QString lens =
            pickText(r, {u"Clear", u"Grey", u"Amber", u"Indoor/outdoor mirror", u"Blue mirror"});
        const QString frame = pickText(r, {u"Black", u"Blue", u"Grey", u"Frameless"});
        const bool antiFog = r.percent(60);
        d.name = QStringLiteral("Safety glasses, %1 lens%2, %3 frame")
                     .arg(lens.toLower(), antiFog ? QStringLiteral(", anti-fog") : QString(),
                          frame.toLower());
        d.attributes = {
            {QStringLiteral("lens"), lens},
            {QStringLiteral("frame"), frame},
            {QStringLiteral("coating"),
             antiFog ? QStringLiteral("Anti-fog, anti-scratch") : QStringLiteral("Anti-scratch")},
            {QStringLiteral("standard"), QStringLiteral("ANSI/ISEA Z87.1+, CSA Z94.3")}};
        d.description =
            QStringLiteral(
                "Wraparound polycarbonate safety glasses with %1 lens, 99.9%% UV protection, "
                "high-impact rated.")
                .arg(lens.toLower());
        d.price = tidyPrice(r.between(220, 890) * Cent);
    } else {
        const QString vent = pickText(r, {u"Indirect vent", u"Non-vented"});
        d.name = QStringLiteral("Safety goggles, %1, anti-fog, clear lens").arg(vent.toLower());
        d.attributes = {{QStringLiteral("lens"), QStringLiteral("Clear")},
                        {QStringLiteral("ventilation"), vent},
                        {QStringLiteral("standard"), QStringLiteral("ANSI/ISEA Z87.1+ D3 D4")}};
        d.description = QStringLiteral(
            "Chemical splash and dust goggles, fits over prescription glasses, adjustable strap.");
        d.price = tidyPrice(r.between(450, 1290) * Cent);
    }
    d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 12"), 12},
               {QStringLiteral("CS"), QStringLiteral("Case of 144"), 144}};
    d.stockScale = 400;
    return d;
}

Draft hiVis(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-HIV");
    const QString colour = pickText(r, {u"Fluorescent lime", u"Fluorescent orange"});
    const int cls = r.pick({2, 2, 3});
    const QString size = cls == 3 ? pickText(r, {u"M", u"L", u"XL", u"2XL", u"3XL", u"4XL/5XL"})
                                  : pickText(r, {u"S/M", u"L/XL", u"2XL/3XL", u"4XL/5XL"});
    const bool shirt = r.percent(25);
    const QString fabric = pickText(r, {u"Mesh", u"Solid polyester"});
    d.name = shirt ? QStringLiteral("Hi-vis T-shirt, ANSI Class %1, %2, size %3")
                         .arg(cls)
                         .arg(colour.toLower(), size)
                   : QStringLiteral("Hi-vis safety vest, ANSI Class %1, %2, %3, zipper, size %4")
                         .arg(cls)
                         .arg(fabric.toLower(), colour.toLower(), size);
    d.attributes = {
        {QStringLiteral("class"), QStringLiteral("ANSI/ISEA 107 Type R Class %1").arg(cls)},
        {QStringLiteral("colour"), colour},
        {QStringLiteral("size"), size},
        {QStringLiteral("material"), shirt ? QStringLiteral("Birdseye polyester") : fabric},
        {QStringLiteral("standard"), QStringLiteral("ANSI/ISEA 107-2020")}};
    d.description =
        QStringLiteral("High-visibility %1 with 2\" silver reflective tape for roadway, yard and "
                       "warehouse work.")
            .arg(shirt ? QStringLiteral("short-sleeve T-shirt") : QStringLiteral("vest"));
    d.price = tidyPrice((cls == 3 ? 1490 : 690) * Cent + r.between(0, 400) * Cent);
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 50"), 50}};
    d.stockScale = 150;
    return d;
}

Draft hearing(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-HRG");
    if (r.percent(60)) {
        const int nrr = r.pick({29, 32, 33});
        const bool corded = r.percent(40);
        d.name = QStringLiteral("Foam earplugs, NRR %1 dB, %2")
                     .arg(nrr)
                     .arg(corded ? QStringLiteral("corded") : QStringLiteral("uncorded"));
        d.attributes = {
            {QStringLiteral("noise reduction rating"), QStringLiteral("%1 dB").arg(nrr)},
            {QStringLiteral("material"), QStringLiteral("Polyurethane foam")},
            {QStringLiteral("style"),
             corded ? QStringLiteral("Corded") : QStringLiteral("Uncorded")},
            {QStringLiteral("standard"), QStringLiteral("ANSI S3.19-1974")}};
        d.description = QStringLiteral("Soft tapered foam earplugs, individually wrapped pairs.");
        d.baseUom = QStringLiteral("BX");
        d.baseName =
            corded ? QStringLiteral("Box of 100 pairs") : QStringLiteral("Box of 200 pairs");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10 boxes"), 10}};
        d.price = tidyPrice((corded ? 3890 : 2690) * Cent + r.between(0, 500) * Cent);
        d.stockScale = 60;
    } else {
        const int nrr = r.pick({22, 25, 27, 30});
        d.name = QStringLiteral("Earmuffs, over-the-head, NRR %1 dB").arg(nrr);
        d.attributes = {
            {QStringLiteral("noise reduction rating"), QStringLiteral("%1 dB").arg(nrr)},
            {QStringLiteral("style"), QStringLiteral("Over-the-head")},
            {QStringLiteral("standard"), QStringLiteral("ANSI S3.19-1974")}};
        d.description = QStringLiteral(
            "Lightweight passive earmuffs with padded headband and replaceable cushions.");
        d.price = tidyPrice(r.between(1290, 3490) * Cent);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10"), 10}};
        d.stockScale = 80;
    }
    return d;
}

Draft respiratory(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-RSP");
    if (r.percent(60)) {
        const bool valve = r.percent(50);
        d.name = QStringLiteral("N95 disposable respirator, NIOSH approved%1")
                     .arg(valve ? QStringLiteral(", exhalation valve") : QString());
        d.attributes = {
            {QStringLiteral("rating"), QStringLiteral("N95")},
            {QStringLiteral("standard"), QStringLiteral("NIOSH 42 CFR 84")},
            {QStringLiteral("valve"), valve ? QStringLiteral("Yes") : QStringLiteral("No")}};
        d.description = QStringLiteral(
            "Particulate respirator for dust, sanding, sweeping and non-oil aerosols; "
            "adjustable nose clip.");
        d.baseUom = QStringLiteral("BX");
        d.baseName = QStringLiteral("Box of 20");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 8 boxes"), 8}};
        d.price = tidyPrice((valve ? 3290 : 2290) * Cent);
        d.stockScale = 50;
    } else {
        const QString size = pickText(r, {u"S", u"M", u"L"});
        const bool cartridge = r.percent(50);
        if (cartridge) {
            const QString type = pickText(r, {u"Organic vapour", u"Organic vapour/acid gas",
                                              u"P100 particulate", u"Multi-gas/vapour"});
            d.name = QStringLiteral("Respirator cartridge, %1, pair").arg(type.toLower());
            d.attributes = {{QStringLiteral("type"), type},
                            {QStringLiteral("standard"), QStringLiteral("NIOSH 42 CFR 84")}};
            d.description = QStringLiteral("Replacement %1 cartridges for half- and full-face "
                                           "respirators (bayonet mount).")
                                .arg(type.toLower());
            d.price = tidyPrice(r.between(890, 2490) * Cent);
        } else {
            d.name = QStringLiteral("Half-mask respirator, silicone, size %1").arg(size);
            d.attributes = {{QStringLiteral("size"), size},
                            {QStringLiteral("material"), QStringLiteral("Silicone")},
                            {QStringLiteral("standard"), QStringLiteral("NIOSH 42 CFR 84")}};
            d.description = QStringLiteral("Reusable half-face respirator body with bayonet "
                                           "cartridge mounts; cartridges sold separately.");
            d.price = tidyPrice(r.between(1990, 3890) * Cent);
        }
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 12"), 12}};
        d.stockScale = 90;
    }
    return d;
}

Draft headProtection(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PPE-HED");
    const QString colour = pickText(r, {u"White", u"Yellow", u"Orange", u"Blue", u"Red", u"Green"});
    const bool brim = r.percent(35);
    const QString suspension = pickText(r, {u"4-point ratchet", u"6-point ratchet"});
    d.name = QStringLiteral("Hard hat, %1, Type I Class E, %2 suspension, %3")
                 .arg(brim ? QStringLiteral("full brim") : QStringLiteral("cap style"), suspension,
                      colour.toLower());
    d.attributes = {
        {QStringLiteral("colour"), colour},
        {QStringLiteral("suspension"), suspension},
        {QStringLiteral("style"), brim ? QStringLiteral("Full brim") : QStringLiteral("Cap")},
        {QStringLiteral("standard"), QStringLiteral("ANSI/ISEA Z89.1-2014 Type I Class E")},
        {QStringLiteral("material"), QStringLiteral("HDPE")}};
    d.description =
        QStringLiteral(
            "HDPE hard hat tested to 20,000 V (Class E) with %1 suspension and rain trough.")
            .arg(suspension);
    d.price = tidyPrice(r.between(890, 2490) * Cent);
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 20"), 20}};
    d.stockScale = 120;
    return d;
}

// Electrical

Draft cableTie(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-TIE");
    if (r.percent(20)) {
        const QString length = pickText(r, {u"7.9\"", u"11.8\"", u"14.3\"", u"20.5\""});
        d.name =
            QStringLiteral("Stainless steel cable ties, 316, %1, 100 lb, bag of 100").arg(length);
        d.attributes = {{QStringLiteral("material"), QStringLiteral("Stainless steel 316")},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("tensile strength"), QStringLiteral("100 lb")},
                        {QStringLiteral("colour"), QStringLiteral("Natural (steel)")}};
        d.description = QStringLiteral(
            "Self-locking ball-lock 316 stainless ties for marine, offshore and outdoor "
            "cable runs; UV and salt-spray resistant.");
        d.price = tidyPrice(r.between(2890, 5990) * Cent);
    } else {
        const int option = r.below(6);
        static const char16_t *const lengths[] = {u"4\"",  u"5.5\"", u"8\"",
                                                  u"11\"", u"14\"",  u"21\""};
        static const int strengths[] = {18, 18, 40, 50, 50, 120};
        const QString colour = pickText(r, {u"Natural", u"UV black", u"Red", u"Blue"});
        d.name = QStringLiteral("Nylon cable ties, %1, %2 lb, %3, bag of 100")
                     .arg(s(lengths[option]))
                     .arg(strengths[option])
                     .arg(colour.toLower());
        d.attributes = {
            {QStringLiteral("material"), QStringLiteral("Nylon 6/6")},
            {QStringLiteral("length"), s(lengths[option])},
            {QStringLiteral("tensile strength"), QStringLiteral("%1 lb").arg(strengths[option])},
            {QStringLiteral("colour"), colour},
            {QStringLiteral("standard"), QStringLiteral("UL 62275")}};
        d.description =
            QStringLiteral("Self-locking nylon 6/6 cable ties%1 for bundling wire and cable in "
                           "panels and trays.")
                .arg(colour == u"UV black" ? QStringLiteral(", UV-stabilised for outdoor use")
                                           : QString());
        d.price = tidyPrice((180 + option * 160) * Cent + r.between(0, 90) * Cent);
    }
    d.baseUom = QStringLiteral("BG");
    d.baseName = QStringLiteral("Bag of 100");
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10 bags"), 10}};
    d.stockScale = 200;
    return d;
}

Draft wire(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-WIR");
    const QString colour = pickText(r, {u"Black", u"White", u"Red", u"Green", u"Blue"});
    if (r.percent(30)) {
        const int awg = r.pick({16, 14, 12, 10, 8});
        d.name = QStringLiteral("Marine boat cable, tinned copper, %1 AWG, %2, 100 ft spool")
                     .arg(awg)
                     .arg(colour.toLower());
        d.attributes = {{QStringLiteral("gauge"), QStringLiteral("%1 AWG").arg(awg)},
                        {QStringLiteral("conductor"), QStringLiteral("Tinned copper, stranded")},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("length"), QStringLiteral("100 ft")},
                        {QStringLiteral("standard"), QStringLiteral("UL 1426, ABYC E-11")},
                        {QStringLiteral("voltage"), QStringLiteral("600 V")}};
        d.description = QStringLiteral(
            "Tinned stranded boat cable for marine DC and AC circuits; tinning resists "
            "corrosion in salt air and bilge conditions.");
        d.baseUom = QStringLiteral("SP");
        d.baseName = QStringLiteral("Spool, 100 ft");
        d.price = tidyPrice((40 - awg) * 260 * Cent / 10);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10 spools"), 10}};
        d.stockScale = 40;
        return d;
    }
    const int awg = r.pick({14, 12, 10, 8, 6});
    const bool solid = awg >= 10 && r.percent(50);
    const int feet = r.pick({500, 500, 2500});
    d.name =
        QStringLiteral("THHN/THWN-2 building wire, %1 AWG, %2 copper, %3, %4 ft reel")
            .arg(awg)
            .arg(solid ? QStringLiteral("solid") : QStringLiteral("stranded"), colour.toLower())
            .arg(feet);
    d.attributes = {{QStringLiteral("gauge"), QStringLiteral("%1 AWG").arg(awg)},
                    {QStringLiteral("conductor"),
                     solid ? QStringLiteral("Copper, solid") : QStringLiteral("Copper, stranded")},
                    {QStringLiteral("insulation"), QStringLiteral("PVC with nylon jacket")},
                    {QStringLiteral("colour"), colour},
                    {QStringLiteral("length"), QStringLiteral("%1 ft").arg(feet)},
                    {QStringLiteral("voltage"), QStringLiteral("600 V")},
                    {QStringLiteral("standard"), QStringLiteral("UL 83, UL 1063")}};
    d.description = QStringLiteral(
        "Single-conductor building wire for conduit and raceways, 90 °C dry / 75 °C wet.");
    d.baseUom = QStringLiteral("RL");
    d.baseName = QStringLiteral("Reel, %1 ft").arg(feet);
    d.price = tidyPrice(qint64(feet) *
                        (awg == 14   ? 12
                         : awg == 12 ? 18
                         : awg == 10 ? 28
                         : awg == 8  ? 50
                                     : 80) *
                        Cent);
    d.stockScale = 25;
    return d;
}

Draft breaker(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-BRK");
    const int poles = r.weighted({5, 4, 1});
    const int amps = poles == 0 ? r.pick({15, 20, 30}) : r.pick({20, 30, 40, 50, 60, 70, 100});
    const QString type = pickText(
        r, {u"Standard", u"Standard", u"Standard", u"GFCI", u"AFCI", u"Dual-function AFCI/GFCI"});
    const QString mount = pickText(r, {u"Plug-on", u"Bolt-on"});
    const int poleCount = poles + 1;
    const QString voltage = poleCount == 1   ? QStringLiteral("120/240 V AC")
                            : poleCount == 2 ? QStringLiteral("240 V AC")
                                             : QStringLiteral("480Y/277 V AC");
    d.name = QStringLiteral("Circuit breaker, %1-pole, %2 A, %3, %4%5")
                 .arg(poleCount)
                 .arg(amps)
                 .arg(voltage, mount.toLower(),
                      type == u"Standard" ? QString() : QStringLiteral(", ") + type);
    d.attributes = {{QStringLiteral("poles"), QString::number(poleCount)},
                    {QStringLiteral("amperage"), QStringLiteral("%1 A").arg(amps)},
                    {QStringLiteral("voltage"), voltage},
                    {QStringLiteral("interrupting rating"),
                     poleCount == 3 ? QStringLiteral("14 kA") : QStringLiteral("10 kA")},
                    {QStringLiteral("mounting"), mount},
                    {QStringLiteral("type"), type},
                    {QStringLiteral("standard"), QStringLiteral("UL 489")}};
    d.description =
        QStringLiteral(
            "%1 miniature circuit breaker for load centres and panelboards; thermal-magnetic trip.")
            .arg(mount);
    d.price = tidyPrice((type == u"Standard" ? 890 : 4490) * Cent * poleCount + amps * 12 * Cent);
    d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 6"), 6}};
    d.stockScale = 60;
    return d;
}

Draft wiringDevice(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-DEV");
    const QString colour = pickText(r, {u"White", u"Ivory", u"Black", u"Grey", u"Light almond"});
    const int kind = r.weighted({4, 2, 2, 2});
    const int amps = r.pick({15, 20});
    if (kind == 0) {
        const bool tr = r.percent(60);
        const QString grade =
            pickText(r, {u"commercial grade", u"industrial grade", u"residential grade"});
        d.name = QStringLiteral("Duplex receptacle, %1 A 125 V, %2%3, %4")
                     .arg(amps)
                     .arg(grade, tr ? QStringLiteral(", tamper-resistant") : QString(),
                          colour.toLower());
        d.attributes = {{QStringLiteral("amperage"), QStringLiteral("%1 A").arg(amps)},
                        {QStringLiteral("voltage"), QStringLiteral("125 V")},
                        {QStringLiteral("configuration"),
                         amps == 15 ? QStringLiteral("NEMA 5-15R") : QStringLiteral("NEMA 5-20R")},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("standard"), QStringLiteral("UL 498")}};
        d.description = QStringLiteral("Straight-blade duplex receptacle, back and side wired.");
        d.price = tidyPrice((grade.startsWith(u"industrial") ? 690 : 189) * Cent);
    } else if (kind == 1) {
        d.name = QStringLiteral("GFCI receptacle, self-test, %1 A 125 V, weather-resistant, %2")
                     .arg(amps)
                     .arg(colour.toLower());
        d.attributes = {{QStringLiteral("amperage"), QStringLiteral("%1 A").arg(amps)},
                        {QStringLiteral("voltage"), QStringLiteral("125 V")},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("standard"), QStringLiteral("UL 943")}};
        d.description = QStringLiteral("Ground-fault receptacle for wet locations: kitchens, "
                                       "docks, washrooms and outdoor outlets.");
        d.price = tidyPrice(r.between(1790, 2690) * Cent);
    } else if (kind == 2) {
        const QString way = pickText(r, {u"single-pole", u"3-way", u"4-way"});
        d.name = QStringLiteral("Toggle switch, %1, %2 A 120/277 V, %3")
                     .arg(way)
                     .arg(amps)
                     .arg(colour.toLower());
        d.attributes = {{QStringLiteral("amperage"), QStringLiteral("%1 A").arg(amps)},
                        {QStringLiteral("voltage"), QStringLiteral("120/277 V")},
                        {QStringLiteral("configuration"), way},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("standard"), QStringLiteral("UL 20")}};
        d.description = QStringLiteral("Specification-grade toggle switch for lighting circuits.");
        d.price = tidyPrice(r.between(249, 1490) * Cent);
    } else {
        const QString plate = pickText(r, {u"1-gang duplex", u"2-gang duplex", u"1-gang toggle",
                                           u"2-gang toggle", u"1-gang blank", u"1-gang decorator"});
        const QString material = pickText(r, {u"Nylon", u"Stainless steel 302", u"Thermoset"});
        d.name = QStringLiteral("Wall plate, %1, %2, %3")
                     .arg(plate, material.toLower(), colour.toLower());
        d.attributes = {{QStringLiteral("material"), material},
                        {QStringLiteral("configuration"), plate},
                        {QStringLiteral("colour"), colour}};
        d.description =
            QStringLiteral("Unbreakable standard-size wall plate with mounting screws.");
        d.price = tidyPrice(r.between(79, 590) * Cent);
    }
    d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 10"), 10},
               {QStringLiteral("CS"), QStringLiteral("Case of 100"), 100}};
    d.stockScale = 300;
    return d;
}

Draft lighting(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-LGT");
    const int cct = r.pick({3000, 3500, 4000, 5000});
    const int kind = r.weighted({4, 2, 2, 2});
    if (kind == 0) {
        const int watts = r.pick({10, 12, 15});
        const QString type = pickText(
            r, {u"Type A (ballast-compatible)", u"Type B (ballast bypass)", u"Type A+B (hybrid)"});
        const QString length = pickText(r, {u"4 ft", u"2 ft"});
        d.name = QStringLiteral("LED T8 tube, %1, %2 W, %3 K, %4")
                     .arg(length)
                     .arg(watts)
                     .arg(cct)
                     .arg(type.section(u' ', 0, 1));
        d.attributes = {{QStringLiteral("wattage"), QStringLiteral("%1 W").arg(watts)},
                        {QStringLiteral("colour temperature"), QStringLiteral("%1 K").arg(cct)},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("type"), type},
                        {QStringLiteral("base"), QStringLiteral("G13 bi-pin")},
                        {QStringLiteral("voltage"), QStringLiteral("120-277 V")},
                        {QStringLiteral("standard"), QStringLiteral("UL 1993, DLC listed")}};
        d.description = QStringLiteral("Replacement for 32 W fluorescent T8 lamps; %1 lumens per "
                                       "watt, 50,000 h rated life.")
                            .arg(r.between(125, 150));
        d.price = tidyPrice(r.between(390, 990) * Cent);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 25"), 25}};
    } else if (kind == 1) {
        const int watts = r.pick({100, 150, 200, 240});
        d.name = QStringLiteral("LED UFO high bay, %1 W, %2 K, 0-10 V dimming").arg(watts).arg(cct);
        d.attributes = {{QStringLiteral("wattage"), QStringLiteral("%1 W").arg(watts)},
                        {QStringLiteral("colour temperature"), QStringLiteral("%1 K").arg(cct)},
                        {QStringLiteral("lumens"), QString::number(watts * 150)},
                        {QStringLiteral("voltage"), QStringLiteral("120-277 V")},
                        {QStringLiteral("rating"), QStringLiteral("IP65")},
                        {QStringLiteral("standard"), QStringLiteral("UL 1598, DLC Premium")}};
        d.description =
            QStringLiteral(
                "High bay fixture for warehouses, workshops and gyms; replaces %1 W metal halide.")
                .arg(watts * 2 + 100);
        d.price = tidyPrice((watts * 55 + 2900) * Cent);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 2"), 2}};
    } else if (kind == 2) {
        const int watts = r.pick({30, 50, 80, 120});
        d.name = QStringLiteral("LED wall pack, %1 W, %2 K, photocell, bronze").arg(watts).arg(cct);
        d.attributes = {{QStringLiteral("wattage"), QStringLiteral("%1 W").arg(watts)},
                        {QStringLiteral("colour temperature"), QStringLiteral("%1 K").arg(cct)},
                        {QStringLiteral("finish"), QStringLiteral("Bronze")},
                        {QStringLiteral("rating"), QStringLiteral("IP65, wet location")},
                        {QStringLiteral("voltage"), QStringLiteral("120-277 V")}};
        d.description = QStringLiteral("Outdoor wall-mounted area light with dusk-to-dawn "
                                       "photocell for entrances, docks and parking.");
        d.price = tidyPrice((watts * 90 + 4900) * Cent);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 4"), 4}};
    } else {
        const int watts = r.pick({6, 9, 11, 15});
        d.name = QStringLiteral("LED A19 lamp, %1 W (%2 W equivalent), %3 K, E26, dimmable")
                     .arg(watts)
                     .arg(watts * 7)
                     .arg(cct);
        d.attributes = {{QStringLiteral("wattage"), QStringLiteral("%1 W").arg(watts)},
                        {QStringLiteral("colour temperature"), QStringLiteral("%1 K").arg(cct)},
                        {QStringLiteral("base"), QStringLiteral("E26 medium")},
                        {QStringLiteral("voltage"), QStringLiteral("120 V")}};
        d.description = QStringLiteral("General-service LED lamp, 15,000 h rated life.");
        d.price = tidyPrice(r.between(149, 499) * Cent);
        d.packs = {{QStringLiteral("PK"), QStringLiteral("Pack of 4"), 4},
                   {QStringLiteral("CS"), QStringLiteral("Case of 48"), 48}};
    }
    d.stockScale = 120;
    return d;
}

Draft electricalSupply(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("ELE-SUP");
    const int kind = r.weighted({3, 3, 4});
    if (kind == 0) {
        const QString colour = pickText(
            r, {u"Black", u"White", u"Red", u"Green", u"Blue", u"Yellow", u"Green/yellow"});
        d.name =
            QStringLiteral("Vinyl electrical tape, 3/4\" × 66 ft, 7 mil, %1").arg(colour.toLower());
        d.attributes = {{QStringLiteral("width"), QStringLiteral("3/4\"")},
                        {QStringLiteral("length"), QStringLiteral("66 ft")},
                        {QStringLiteral("thickness"), QStringLiteral("7 mil")},
                        {QStringLiteral("colour"), colour},
                        {QStringLiteral("voltage"), QStringLiteral("600 V")},
                        {QStringLiteral("standard"), QStringLiteral("UL 510")}};
        d.description = QStringLiteral("PVC insulating tape for splices and phase marking, flame "
                                       "retardant, -18 °C to 105 °C.");
        d.baseUom = QStringLiteral("RL");
        d.baseName = QStringLiteral("Roll");
        d.price = tidyPrice(r.between(99, 459) * Cent);
        d.packs = {{QStringLiteral("SL"), QStringLiteral("Sleeve of 10 rolls"), 10},
                   {QStringLiteral("CS"), QStringLiteral("Case of 100 rolls"), 100}};
        d.stockScale = 500;
    } else if (kind == 1) {
        const QString colour = pickText(r, {u"grey", u"blue", u"orange", u"yellow", u"red"});
        d.name = QStringLiteral("Twist-on wire connectors, %1, jar of 100").arg(colour);
        d.attributes = {{QStringLiteral("colour"), colour},
                        {QStringLiteral("voltage"), QStringLiteral("600 V")},
                        {QStringLiteral("standard"), QStringLiteral("UL 486C")}};
        d.description =
            QStringLiteral("Square-wire spring twist-on connectors for copper-to-copper splices.");
        d.baseUom = QStringLiteral("JR");
        d.baseName = QStringLiteral("Jar of 100");
        d.price = tidyPrice(r.between(790, 1990) * Cent);
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 12 jars"), 12}};
        d.stockScale = 80;
    } else {
        const QString trade =
            pickText(r, {u"1/2\"", u"3/4\"", u"1\"", u"1-1/4\"", u"1-1/2\"", u"2\""});
        const QString part =
            pickText(r, {u"set-screw connector", u"compression connector", u"set-screw coupling",
                         u"one-hole strap", u"two-hole strap"});
        const QString material = pickText(r, {u"Zinc die-cast", u"Steel"});
        d.name = QStringLiteral("EMT %1, %2, %3").arg(part, trade, material.toLower());
        d.attributes = {{QStringLiteral("trade size"), trade},
                        {QStringLiteral("material"), material},
                        {QStringLiteral("conduit"), QStringLiteral("EMT")},
                        {QStringLiteral("standard"), QStringLiteral("UL 514B")}};
        d.description =
            QStringLiteral("Fitting for electrical metallic tubing (EMT) conduit runs.");
        d.price = tidyPrice((trade.size() * 40 + r.between(30, 120)) * Cent);
        d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 25"), 25},
                   {QStringLiteral("CS"), QStringLiteral("Case of 250"), 250}};
        d.stockScale = 800;
    }
    return d;
}

// Plumbing

const QList<const char16_t *> &pipeSizes()
{
    static const QList<const char16_t *> sizes{u"1/2\"",   u"3/4\"", u"1\"", u"1-1/4\"",
                                               u"1-1/2\"", u"2\"",   u"3\"", u"4\""};
    return sizes;
}

Draft pvcFitting(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PLU-PVC");
    const int sizeIndex = r.below(int(pipeSizes().size()));
    const QString size = s(pipeSizes().at(sizeIndex));
    const bool sch80 = r.percent(25);
    const QString part =
        pickText(r, {u"90° elbow", u"45° elbow", u"Tee", u"Coupling", u"Cap", u"Male adapter",
                     u"Female adapter", u"Union", u"Reducer bushing"});
    const QString ends = part.contains(u"adapter")
                             ? (part.startsWith(u"Male") ? QStringLiteral("Slip × MIPT")
                                                         : QStringLiteral("Slip × FIPT"))
                             : QStringLiteral("Slip × slip");
    d.name =
        QStringLiteral("PVC %1, Schedule %2, %3, %4")
            .arg(part.toLower(), sch80 ? QStringLiteral("80") : QStringLiteral("40"), size, ends);
    d.attributes = {
        {QStringLiteral("material"),
         sch80 ? QStringLiteral("PVC Type I, grey") : QStringLiteral("PVC Type I, white")},
        {QStringLiteral("size"), size},
        {QStringLiteral("connection"), ends},
        {QStringLiteral("schedule"), sch80 ? QStringLiteral("80") : QStringLiteral("40")},
        {QStringLiteral("standard"),
         sch80 ? QStringLiteral("ASTM D2467") : QStringLiteral("ASTM D2466")},
        {QStringLiteral("pressure rating"),
         QStringLiteral("%1 psi @ 73 °F")
             .arg(sch80 ? 630 - sizeIndex * 50 : 450 - sizeIndex * 35)}};
    d.description =
        QStringLiteral(
            "Solvent-weld PVC %1 for cold water, drainage and irrigation lines; NSF-61 listed.")
            .arg(part.toLower());
    d.price = tidyPrice((45 + sizeIndex * sizeIndex * 38) * Cent * (sch80 ? 280 : 100) / 100);
    d.packs = {{QStringLiteral("BG"), QStringLiteral("Bag of 10"), 10},
               {QStringLiteral("CS"), QStringLiteral("Case of %1").arg(sizeIndex < 4 ? 250 : 50),
                sizeIndex < 4 ? 250 : 50}};
    d.stockScale = 400 / (sizeIndex + 1);
    return d;
}

Draft copperFitting(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PLU-COP");
    const int sizeIndex = r.below(6);
    const QString size = s(pipeSizes().at(sizeIndex));
    const QString part =
        pickText(r, {u"90° elbow", u"45° elbow", u"Tee", u"Coupling with stop", u"Cap",
                     u"Male adapter", u"Female adapter", u"Reducing coupling"});
    const QString ends = part == u"Male adapter"     ? QStringLiteral("C × MIP")
                         : part == u"Female adapter" ? QStringLiteral("C × FIP")
                                                     : QStringLiteral("C × C");
    d.name = QStringLiteral("Copper %1, wrot, %2, %3, lead-free").arg(part.toLower(), size, ends);
    d.attributes = {{QStringLiteral("material"), QStringLiteral("Wrought copper C12200")},
                    {QStringLiteral("size"), size},
                    {QStringLiteral("connection"), ends},
                    {QStringLiteral("standard"), QStringLiteral("ASME B16.22")},
                    {QStringLiteral("lead content"), QStringLiteral("Lead-free (NSF/ANSI 372)")}};
    d.description =
        QStringLiteral(
            "Solder-joint wrought copper %1 for potable water, hydronic and refrigeration lines.")
            .arg(part.toLower());
    d.price = tidyPrice((90 + sizeIndex * sizeIndex * 120 + r.between(0, 60)) * Cent);
    d.packs = {{QStringLiteral("BG"), QStringLiteral("Bag of 10"), 10},
               {QStringLiteral("CS"), QStringLiteral("Case of 100"), 100}};
    d.stockScale = 300 / (sizeIndex + 1);
    return d;
}

Draft valve(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PLU-VLV");
    const int sizeIndex = r.below(6);
    const QString size = s(pipeSizes().at(sizeIndex));
    const QString kind = pickText(r, {u"Ball valve, full port", u"Ball valve, full port",
                                      u"Gate valve", u"Swing check valve", u"Hose bibb"});
    const QString ends = pickText(r, {u"FIPT × FIPT", u"Sweat × sweat", u"Press × press"});
    const bool stainless = kind.startsWith(u"Ball") && r.percent(20);
    const QString material =
        stainless ? QStringLiteral("Stainless steel 316") : QStringLiteral("Lead-free brass");
    d.name =
        QStringLiteral("%1, %2, %3, %4")
            .arg(kind,
                 stainless ? QStringLiteral("316 stainless") : QStringLiteral("lead-free brass"),
                 size, ends);
    d.attributes = {{QStringLiteral("material"), material},
                    {QStringLiteral("size"), size},
                    {QStringLiteral("connection"), ends},
                    {QStringLiteral("pressure rating"), kind.startsWith(u"Ball")
                                                            ? QStringLiteral("600 WOG")
                                                            : QStringLiteral("200 WOG")},
                    {QStringLiteral("standard"), QStringLiteral("NSF/ANSI 61, NSF/ANSI 372")}};
    d.description =
        QStringLiteral("%1 for potable water, compressed air and hydronic service%2.")
            .arg(kind, stainless ? QStringLiteral("; 316 stainless for seawater and chemical lines")
                                 : QString());
    d.price = tidyPrice((690 + sizeIndex * sizeIndex * 690) * Cent * (stainless ? 260 : 100) / 100 +
                        r.between(0, 300) * Cent);
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10"), 10}};
    d.stockScale = 90 / (sizeIndex + 1) + 5;
    return d;
}

Draft plumbingSupply(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PLU-SUP");
    const int kind = r.weighted({3, 3, 2, 2});
    if (kind == 0) {
        const QString width = pickText(r, {u"1/2\"", u"3/4\"", u"1\""});
        const QString density = pickText(
            r, {u"standard density (white)", u"high density (pink)", u"gas line (yellow)"});
        d.name = QStringLiteral("PTFE thread seal tape, %1 × 520\", %2").arg(width, density);
        d.attributes = {{QStringLiteral("material"), QStringLiteral("PTFE")},
                        {QStringLiteral("width"), width},
                        {QStringLiteral("length"), QStringLiteral("520\"")},
                        {QStringLiteral("type"), density}};
        d.description = QStringLiteral(
            "Thread seal tape for tapered pipe threads on water, air and gas fittings.");
        d.baseUom = QStringLiteral("RL");
        d.baseName = QStringLiteral("Roll");
        d.packs = {{QStringLiteral("BX"), QStringLiteral("Box of 10 rolls"), 10},
                   {QStringLiteral("CS"), QStringLiteral("Case of 100 rolls"), 100}};
        d.price = tidyPrice(r.between(69, 249) * Cent);
        d.stockScale = 600;
    } else if (kind == 1) {
        const QString length = pickText(r, {u"12\"", u"16\"", u"20\"", u"24\""});
        const QString use = pickText(r, {u"faucet", u"toilet"});
        d.name = QStringLiteral("Braided stainless supply line, %1, 3/8\" comp × %2, %3")
                     .arg(use,
                          use == u"faucet" ? QStringLiteral("1/2\" FIP")
                                           : QStringLiteral("7/8\" ballcock"),
                          length);
        d.attributes = {
            {QStringLiteral("material"), QStringLiteral("Stainless steel braid, PVC core")},
            {QStringLiteral("length"), length},
            {QStringLiteral("connection"), use == u"faucet"
                                               ? QStringLiteral("3/8\" comp × 1/2\" FIP")
                                               : QStringLiteral("3/8\" comp × 7/8\" ballcock")},
            {QStringLiteral("standard"), QStringLiteral("NSF/ANSI 61, IAPMO")}};
        d.description = QStringLiteral("Flexible water supply connector, burst tested to 500 psi.");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 24"), 24}};
        d.price = tidyPrice(r.between(499, 1190) * Cent);
        d.stockScale = 150;
    } else if (kind == 2) {
        const QString size = pickText(r, {u"1-1/4\"", u"1-1/2\"", u"2\""});
        const QString material = pickText(r, {u"PVC", u"ABS", u"Chrome-plated brass"});
        d.name = QStringLiteral("P-trap, %1, %2, with cleanout")
                     .arg((material.isUpper() ? material : material.toLower()), size);
        d.attributes = {{QStringLiteral("material"), material}, {QStringLiteral("size"), size}};
        d.description =
            QStringLiteral("Sink and lavatory drain trap with slip-joint nuts and washers.");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 12"), 12}};
        d.price = tidyPrice(r.between(399, 2990) * Cent);
        d.stockScale = 100;
    } else {
        const QString volume = pickText(r, {u"4 oz", u"8 oz", u"16 oz"});
        d.name = QStringLiteral("Pipe thread sealant with PTFE, %1 brush-top can").arg(volume);
        d.attributes = {{QStringLiteral("volume"), volume},
                        {QStringLiteral("temperature range"), QStringLiteral("-50 °F to 500 °F")}};
        d.description = QStringLiteral("Non-hardening pipe dope for metal and plastic threads; "
                                       "water, gas, air and oil lines.");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 12"), 12}};
        d.price = tidyPrice(r.between(499, 1490) * Cent);
        d.stockScale = 120;
    }
    return d;
}

// Janitorial

Draft cleaner(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("JAN-CLN");
    const QString type =
        pickText(r, {u"All-purpose cleaner", u"Glass cleaner", u"Heavy-duty degreaser",
                     u"Disinfectant cleaner, EPA-registered", u"Neutral floor cleaner",
                     u"Bathroom cleaner", u"Hull and deck cleaner", u"Stainless steel polish"});
    const QString scent =
        pickText(r, {u"Lemon", u"Citrus", u"Unscented", u"Lavender", u"Fresh", u"Mint"});
    const int size = r.weighted({3, 4, 2});
    static const char16_t *const sizes[] = {u"32 oz spray bottle", u"1 gal", u"5 gal pail"};
    const bool concentrate = size > 0 && r.percent(60);
    d.name =
        QStringLiteral("%1, %2%3, %4")
            .arg(type,
                 concentrate ? QStringLiteral("concentrate, ") : QStringLiteral("ready to use, "),
                 scent.toLower(), s(sizes[size]));
    d.attributes = {{QStringLiteral("scent"), scent},
                    {QStringLiteral("volume"), s(sizes[size]).section(u' ', 0, 1)},
                    {QStringLiteral("form"),
                     concentrate ? QStringLiteral("Concentrate") : QStringLiteral("Ready to use")}};
    if (concentrate)
        d.attributes.insert(QStringLiteral("dilution"),
                            QStringLiteral("1:%1").arg(r.pick({32, 64, 128, 256})));
    d.description =
        QStringLiteral("%1 for %2.")
            .arg(type,
                 type.startsWith(u"Hull")
                     ? QStringLiteral("fibreglass, gelcoat and non-skid decks; removes salt, scum "
                                      "and waterline stains")
                 : type.startsWith(u"Glass")
                     ? QStringLiteral("streak-free glass, mirrors and polished surfaces")
                 : type.startsWith(u"Heavy")
                     ? QStringLiteral("grease, oil and carbon in shops, kitchens and engine rooms")
                     : QStringLiteral("daily cleaning of offices, washrooms and common areas"));
    d.price = tidyPrice((size == 0   ? r.between(299, 699)
                         : size == 1 ? r.between(899, 2490)
                                     : r.between(3990, 8990)) *
                        Cent);
    d.packs = {{QStringLiteral("CS"),
                size == 0   ? QStringLiteral("Case of 12")
                : size == 1 ? QStringLiteral("Case of 4")
                            : QStringLiteral("Pallet of 36"),
                size == 0   ? 12
                : size == 1 ? 4
                            : 36}};
    if (size == 2)
        d.packs.first().uom = QStringLiteral("PL");
    d.stockScale = size == 2 ? 20 : 150;
    return d;
}

Draft paper(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("JAN-PAP");
    const int kind = r.below(4);
    const QString colour = pickText(r, {u"White", u"Natural kraft"});
    if (kind == 0) {
        d.name = QStringLiteral("Multifold paper towels, 1-ply, %1, 250 sheets × 16 packs")
                     .arg(colour.toLower());
        d.baseName = QStringLiteral("Case of 4,000 sheets");
        d.price = tidyPrice(r.between(2490, 3990) * Cent);
    } else if (kind == 1) {
        const int feet = r.pick({600, 800, 1000});
        d.name = QStringLiteral("Hardwound roll towels, 8\" × %1 ft, %2, 6 rolls")
                     .arg(feet)
                     .arg(colour.toLower());
        d.baseName = QStringLiteral("Case of 6 rolls");
        d.price = tidyPrice((feet * 5 + r.between(0, 900)) * Cent);
    } else if (kind == 2) {
        d.name =
            QStringLiteral("Jumbo roll toilet tissue, 2-ply, 9\" diameter, 1,000 ft, 12 rolls");
        d.baseName = QStringLiteral("Case of 12 rolls");
        d.price = tidyPrice(r.between(3490, 4990) * Cent);
    } else {
        d.name = QStringLiteral("Bath tissue, 2-ply, 500 sheets, 96 rolls");
        d.baseName = QStringLiteral("Case of 96 rolls");
        d.price = tidyPrice(r.between(4990, 6990) * Cent);
    }
    d.attributes = {{QStringLiteral("colour"), kind >= 2 ? QStringLiteral("White") : colour},
                    {QStringLiteral("material"), r.percent(50)
                                                     ? QStringLiteral("100% recycled fibre")
                                                     : QStringLiteral("Virgin fibre")},
                    {QStringLiteral("certification"), QStringLiteral("Green Seal GS-1")}};
    d.description = QStringLiteral("Washroom paper for commercial dispensers; soft and absorbent.");
    d.baseUom = QStringLiteral("CS");
    d.packs = {{QStringLiteral("PL"), QStringLiteral("Pallet of 40 cases"), 40}};
    d.stockScale = 60;
    return d;
}

Draft canLiner(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("JAN-LIN");
    const int option = r.below(5);
    static const char16_t *const capacities[] = {u"7-10 gal", u"12-16 gal", u"33 gal", u"45 gal",
                                                 u"55-60 gal"};
    static const char16_t *const sizes[] = {u"24\" × 24\"", u"24\" × 33\"", u"33\" × 39\"",
                                            u"40\" × 46\"", u"38\" × 58\""};
    const bool hd = r.percent(35);
    const QString thickness = hd ? pickText(r, {u"8 micron", u"13 micron", u"16 micron"})
                                 : pickText(r, {u"0.9 mil", u"1.2 mil", u"1.5 mil", u"2.0 mil"});
    const QString colour = pickText(r, {u"Black", u"Clear", u"Grey"});
    const int count = r.pick({100, 150, 250});
    d.name = QStringLiteral("Can liners, %1, %2, %3 %4, %5, %6 per case")
                 .arg(s(capacities[option]), s(sizes[option]), thickness,
                      hd ? QStringLiteral("HDPE") : QStringLiteral("LLDPE"), colour.toLower())
                 .arg(count);
    d.attributes = {
        {QStringLiteral("capacity"), s(capacities[option])},
        {QStringLiteral("dimensions"), s(sizes[option])},
        {QStringLiteral("thickness"), thickness},
        {QStringLiteral("material"), hd ? QStringLiteral("HDPE") : QStringLiteral("LLDPE")},
        {QStringLiteral("colour"), colour}};
    d.description = QStringLiteral("Trash can liners, coreless rolls, star-sealed bottom%1.")
                        .arg(hd ? QString() : QStringLiteral(", puncture resistant"));
    d.baseUom = QStringLiteral("CS");
    d.baseName = QStringLiteral("Case of %1").arg(count);
    d.packs = {{QStringLiteral("PL"), QStringLiteral("Pallet of 50 cases"), 50}};
    d.price = tidyPrice((1490 + option * 800 + count * 6) * Cent);
    d.stockScale = 70;
    return d;
}

Draft janitorialSupply(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("JAN-SUP");
    const int kind = r.weighted({3, 2, 2, 3});
    if (kind == 0) {
        const QString volume = pickText(r, {u"1000 ml", u"1200 ml"});
        const QString type = pickText(r, {u"Foaming hand soap", u"Antibacterial foaming hand soap",
                                          u"Hand sanitizer gel, 70% alcohol",
                                          u"Heavy-duty hand cleaner with pumice"});
        d.name = QStringLiteral("%1, %2 dispenser cartridge").arg(type, volume);
        d.attributes = {{QStringLiteral("volume"), volume}, {QStringLiteral("type"), type}};
        d.description = QStringLiteral("Refill cartridge for touch-free and push dispensers.");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 6"), 6}};
        d.price = tidyPrice(r.between(990, 2290) * Cent);
        d.stockScale = 120;
    } else if (kind == 1) {
        const QString size = pickText(r, {u"18\"", u"24\"", u"36\""});
        d.name = QStringLiteral("Microfiber flat mop pad, %1, wet/dry, blue").arg(size);
        d.attributes = {{QStringLiteral("material"), QStringLiteral("Microfiber")},
                        {QStringLiteral("size"), size}};
        d.description =
            QStringLiteral("Launderable microfiber pad for flat mop frames; 500 wash cycles.");
        d.packs = {{QStringLiteral("PK"), QStringLiteral("Pack of 12"), 12}};
        d.price = tidyPrice(r.between(390, 990) * Cent);
        d.stockScale = 200;
    } else if (kind == 2) {
        const int quarts = r.pick({26, 35, 44});
        d.name = QStringLiteral("Mop bucket with side-press wringer, %1 qt, yellow").arg(quarts);
        d.attributes = {{QStringLiteral("capacity"), QStringLiteral("%1 qt").arg(quarts)},
                        {QStringLiteral("colour"), QStringLiteral("Yellow")},
                        {QStringLiteral("material"), QStringLiteral("Polypropylene")}};
        d.description =
            QStringLiteral("Mop bucket on non-marking casters with side-press wringer.");
        d.price = tidyPrice((quarts * 150 + 2900) * Cent);
        d.stockScale = 25;
    } else {
        const QString weight = pickText(r, {u"16 oz", u"20 oz", u"24 oz", u"32 oz"});
        const QString fibre = pickText(r, {u"cotton", u"rayon", u"blend", u"synthetic"});
        d.name =
            QStringLiteral("Wet mop head, %1, %2, looped end, 5\" headband").arg(fibre, weight);
        d.attributes = {{QStringLiteral("material"), fibre}, {QStringLiteral("weight"), weight}};
        d.description =
            QStringLiteral("Looped-end wet mop for floors; tail band prevents tangling.");
        d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 12"), 12}};
        d.price = tidyPrice(r.between(499, 1290) * Cent);
        d.stockScale = 150;
    }
    return d;
}

// Tools

Draft drillBit(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("TOO-DRL");
    const QString type =
        pickText(r, {u"HSS, black oxide", u"HSS, bright finish", u"HSS, TiN-coated", u"Cobalt M35",
                     u"Carbide-tipped masonry"});
    const bool metric = r.percent(35);
    QString size;
    int magnitude = 0;
    if (metric) {
        const int tenths = r.between(10, 130);
        size = QStringLiteral("%1 mm").arg(tenths / 10.0, 0, 'f', tenths % 10 == 0 ? 0 : 1);
        magnitude = tenths / 5;
    } else {
        const int sixtyfourths = r.between(4, 32);
        int num = sixtyfourths;
        int den = 64;
        while (num % 2 == 0) {
            num /= 2;
            den /= 2;
        }
        size = QStringLiteral("%1/%2\"").arg(num).arg(den);
        magnitude = sixtyfourths;
    }
    const bool masonry = type.startsWith(u"Carbide");
    d.name = masonry ? QStringLiteral("Masonry drill bit, carbide-tipped, %1, SDS-plus").arg(size)
                     : QStringLiteral("Jobber drill bit, %1, %2, 135° split point").arg(type, size);
    d.attributes = {{QStringLiteral("diameter"), size},
                    {QStringLiteral("material"), type},
                    {QStringLiteral("point angle"),
                     masonry ? QStringLiteral("Carbide tip") : QStringLiteral("135° split point")},
                    {QStringLiteral("shank"),
                     masonry ? QStringLiteral("SDS-plus") : QStringLiteral("Straight")}};
    d.description =
        masonry
            ? QStringLiteral("Hammer-drill bit for concrete, brick and block.")
            : QStringLiteral(
                  "Jobber-length twist drill for steel, stainless, aluminium and wood%1.")
                  .arg(type.startsWith(u"Cobalt")
                           ? QStringLiteral("; cobalt holds its edge in stainless and hard alloys")
                           : QString());
    d.price = tidyPrice((190 + magnitude * magnitude) * Cent *
                        (type.startsWith(u"Cobalt") ? 250
                         : masonry                  ? 180
                                                    : 100) /
                        100);
    d.packs = {{QStringLiteral("PK"), QStringLiteral("Pack of 12"), 12}};
    d.stockScale = 240;
    return d;
}

Draft measuring(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("TOO-MEA");
    const int kind = r.weighted({5, 2, 2});
    if (kind == 0) {
        const QString length =
            pickText(r, {u"16 ft", u"25 ft", u"30 ft", u"35 ft", u"8 m/26 ft", u"5 m/16 ft"});
        const bool magnetic = r.percent(50);
        d.name = QStringLiteral("Tape measure, %1 × 1\" blade%2")
                     .arg(length, magnetic ? QStringLiteral(", magnetic hook") : QString());
        d.attributes = {{QStringLiteral("length"), length},
                        {QStringLiteral("blade width"), QStringLiteral("1\"")},
                        {QStringLiteral("scale"), length.contains(u'm')
                                                      ? QStringLiteral("Metric/imperial")
                                                      : QStringLiteral("Imperial")},
                        {QStringLiteral("hook"),
                         magnetic ? QStringLiteral("Magnetic") : QStringLiteral("Standard")}};
        d.description = QStringLiteral("Nylon-coated steel blade with %1 ft standout; "
                                       "rubber-armoured case survives drops.")
                            .arg(r.between(9, 13));
        d.price = tidyPrice(r.between(790, 2990) * Cent);
    } else if (kind == 1) {
        const QString length = pickText(r, {u"9\"", u"24\"", u"48\""});
        d.name = QStringLiteral("Torpedo/box level, %1, aluminium, magnetic").arg(length);
        d.attributes = {{QStringLiteral("length"), length},
                        {QStringLiteral("material"), QStringLiteral("Aluminium")},
                        {QStringLiteral("accuracy"), QStringLiteral("0.0005 in/in")}};
        d.description = QStringLiteral("Level with shock-absorbing end caps and three vials.");
        d.price = tidyPrice(r.between(990, 4990) * Cent);
    } else {
        const QString length = pickText(r, {u"100 ft", u"200 ft", u"30 m"});
        d.name = QStringLiteral("Fibreglass long tape, %1, open reel").arg(length);
        d.attributes = {{QStringLiteral("length"), length},
                        {QStringLiteral("material"), QStringLiteral("Fibreglass")}};
        d.description =
            QStringLiteral("Non-conductive fibreglass tape for site layout and surveying.");
        d.price = tidyPrice(r.between(1990, 4490) * Cent);
    }
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 6"), 6}};
    d.stockScale = 60;
    return d;
}

Draft handTool(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("TOO-HND");
    const int kind = r.weighted({3, 3, 3, 1, 1});
    if (kind == 0) {
        const QString tip =
            pickText(r, {u"Phillips #1", u"Phillips #2", u"Phillips #3", u"Slotted 3/16\"",
                         u"Slotted 1/4\"", u"Square #2", u"Torx T25"});
        const QString length = pickText(r, {u"3\"", u"4\"", u"6\"", u"8\""});
        d.name = QStringLiteral("Screwdriver, %1 × %2, cushion grip").arg(tip, length);
        d.attributes = {{QStringLiteral("tip"), tip},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("material"), QStringLiteral("Chrome vanadium steel")}};
        d.description = QStringLiteral("Screwdriver with magnetic tip and bi-material grip.");
        d.price = tidyPrice(r.between(390, 990) * Cent);
    } else if (kind == 1) {
        const QString type = pickText(
            r, {u"Linesman pliers, 9\"", u"Long nose pliers, 8\"", u"Diagonal cutting pliers, 7\"",
                u"Tongue-and-groove pliers, 10\"", u"Tongue-and-groove pliers, 12\""});
        const bool insulated = r.percent(25);
        d.name = insulated ? type + QStringLiteral(", insulated 1000 V") : type;
        d.attributes = {
            {QStringLiteral("material"), QStringLiteral("Forged chrome vanadium steel")},
            {QStringLiteral("length"), type.section(QStringLiteral(", "), 1)}};
        if (insulated)
            d.attributes.insert(QStringLiteral("standard"),
                                QStringLiteral("IEC 60900, ASTM F1505"));
        d.description = QStringLiteral("Induction-hardened cutting edges and comfort grips.");
        d.price = tidyPrice(r.between(1190, 3990) * Cent * (insulated ? 2 : 1));
    } else if (kind == 2) {
        const bool metric = r.percent(50);
        const QString size =
            metric ? QStringLiteral("%1 mm").arg(r.between(8, 24))
                   : pickText(r, {u"1/4\"", u"5/16\"", u"3/8\"", u"7/16\"", u"1/2\"", u"9/16\"",
                                  u"5/8\"", u"11/16\"", u"3/4\"", u"7/8\"", u"1\""});
        d.name = QStringLiteral("Combination wrench, %1, 12-point, chrome").arg(size);
        d.attributes = {{QStringLiteral("size"), size},
                        {QStringLiteral("material"), QStringLiteral("Chrome vanadium steel")},
                        {QStringLiteral("standard"), QStringLiteral("ASME B107.100")}};
        d.description =
            QStringLiteral("Combination wrench with 15° offset box end and full-polish chrome.");
        d.price = tidyPrice(r.between(590, 2490) * Cent);
    } else if (kind == 3) {
        d.name = QStringLiteral("Utility knife, retractable, with 5 blades");
        d.attributes = {{QStringLiteral("blade"), QStringLiteral("Trapezoid, carbon steel")}};
        d.description =
            QStringLiteral("Quick-change retractable utility knife with blade storage.");
        d.price = tidyPrice(r.between(590, 1490) * Cent);
    } else {
        const QString weight = pickText(r, {u"16 oz", u"20 oz", u"22 oz"});
        d.name = QStringLiteral("Claw hammer, %1, fibreglass handle").arg(weight);
        d.attributes = {{QStringLiteral("weight"), weight},
                        {QStringLiteral("handle"), QStringLiteral("Fibreglass")}};
        d.description = QStringLiteral("Forged steel head with anti-vibration handle.");
        d.price = tidyPrice(r.between(1490, 3490) * Cent);
    }
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 6"), 6}};
    d.stockScale = 50;
    return d;
}

Draft sawBlade(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("TOO-BLD");
    const int kind = r.weighted({4, 2, 2, 3});
    if (kind == 0) {
        const QString length = pickText(r, {u"6\"", u"9\"", u"12\""});
        const int tpi = r.pick({6, 10, 14, 18, 24});
        d.name = QStringLiteral("Reciprocating saw blades, bi-metal, %1, %2 TPI, pack of 5")
                     .arg(length)
                     .arg(tpi);
        d.attributes = {
            {QStringLiteral("length"), length},
            {QStringLiteral("teeth per inch"), QString::number(tpi)},
            {QStringLiteral("material"), QStringLiteral("Bi-metal")},
            {QStringLiteral("application"),
             tpi >= 14 ? QStringLiteral("Metal") : QStringLiteral("Wood with nails, demolition")}};
        d.description =
            QStringLiteral("Bi-metal blades for %1.")
                .arg(tpi >= 14 ? QStringLiteral("pipe, conduit and sheet metal")
                               : QStringLiteral("wood, nail-embedded wood and demolition"));
        d.baseUom = QStringLiteral("PK");
        d.baseName = QStringLiteral("Pack of 5");
        d.price = tidyPrice(r.between(890, 2290) * Cent);
    } else if (kind == 1) {
        const int teeth = r.pick({24, 40, 60});
        d.name = QStringLiteral("Circular saw blade, 7-1/4\", %1T, carbide").arg(teeth);
        d.attributes = {{QStringLiteral("diameter"), QStringLiteral("7-1/4\"")},
                        {QStringLiteral("teeth"), QString::number(teeth)},
                        {QStringLiteral("arbor"), QStringLiteral("5/8\"")},
                        {QStringLiteral("material"), QStringLiteral("Carbide-tipped")}};
        d.description =
            QStringLiteral("Thin-kerf carbide blade for %1.")
                .arg(teeth <= 24 ? QStringLiteral("fast framing cuts")
                                 : QStringLiteral("smooth finish cuts in plywood and trim"));
        d.price = tidyPrice(r.between(990, 3490) * Cent);
    } else if (kind == 2) {
        const int tpi = r.pick({18, 24, 32});
        d.name = QStringLiteral("Hacksaw blades, 12\", %1 TPI, bi-metal, pack of 10").arg(tpi);
        d.attributes = {{QStringLiteral("length"), QStringLiteral("12\"")},
                        {QStringLiteral("teeth per inch"), QString::number(tpi)},
                        {QStringLiteral("material"), QStringLiteral("Bi-metal")}};
        d.description =
            QStringLiteral("Shatter-resistant bi-metal hacksaw blades for metal cutting.");
        d.baseUom = QStringLiteral("PK");
        d.baseName = QStringLiteral("Pack of 10");
        d.price = tidyPrice(r.between(1190, 2490) * Cent);
    } else {
        const QString size =
            pickText(r, {u"3/4\"", u"7/8\"", u"1\"", u"1-1/8\"", u"1-1/4\"", u"1-1/2\"", u"2\"",
                         u"2-1/2\"", u"3\"", u"4\"", u"4-1/2\""});
        d.name = QStringLiteral("Hole saw, bi-metal, %1").arg(size);
        d.attributes = {{QStringLiteral("diameter"), size},
                        {QStringLiteral("material"), QStringLiteral("Bi-metal")},
                        {QStringLiteral("cutting depth"), QStringLiteral("1-7/8\"")}};
        d.description = QStringLiteral(
            "Variable-pitch bi-metal hole saw for steel, stainless, wood and plastics.");
        d.price = tidyPrice((690 + size.size() * 180 + r.between(0, 500)) * Cent);
    }
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 10"), 10}};
    d.stockScale = 70;
    return d;
}

// Packaging

Draft box(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PAC-BOX");
    const int length = r.pick({6, 8, 10, 12, 14, 16, 18, 20, 24});
    const int width = qMax(4, length - 2 * r.below(4));
    const int height = qMax(4, length - 2 * r.below(5));
    const int strength = r.weighted({5, 3, 2});
    static const char16_t *const grades[] = {u"32 ECT single wall", u"44 ECT single wall",
                                             u"48 ECT double wall"};
    const QString colour = r.percent(80) ? QStringLiteral("Kraft") : QStringLiteral("White");
    const QString dims = QStringLiteral("%1\" × %2\" × %3\"").arg(length).arg(width).arg(height);
    d.name = QStringLiteral("Corrugated shipping box, %1, %2, %3")
                 .arg(dims, s(grades[strength]), colour.toLower());
    d.attributes = {{QStringLiteral("dimensions"), dims},
                    {QStringLiteral("strength"), s(grades[strength])},
                    {QStringLiteral("colour"), colour},
                    {QStringLiteral("style"), QStringLiteral("Regular slotted container (RSC)")}};
    d.description =
        QStringLiteral("Regular slotted carton; inside dimensions %1. Ships flat.").arg(dims);
    const qint64 bundle = length >= 18 ? 15 : 25;
    d.packs = {{QStringLiteral("BD"), QStringLiteral("Bundle of %1").arg(bundle), bundle}};
    d.minOrder = bundle;
    d.multiple = bundle;
    d.price = tidyPrice(qint64(length * width + width * height + length * height) *
                            (4 + strength * 2) * Cent / 25 +
                        25 * Cent);
    d.stockScale = bundle * 30;
    return d;
}

Draft film(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PAC-FLM");
    const bool machine = r.percent(25);
    const int gauge = r.pick({60, 70, 80, 90});
    const QString size = machine ? pickText(r, {u"20\" × 5000 ft", u"30\" × 5000 ft"})
                                 : pickText(r, {u"12\" × 1500 ft", u"15\" × 1500 ft",
                                                u"18\" × 1500 ft", u"18\" × 2000 ft"});
    d.name = QStringLiteral("%1 stretch film, cast, clear, %2, %3 gauge")
                 .arg(machine ? QStringLiteral("Machine") : QStringLiteral("Hand"), size)
                 .arg(gauge);
    d.attributes = {{QStringLiteral("dimensions"), size},
                    {QStringLiteral("gauge"), QStringLiteral("%1 gauge").arg(gauge)},
                    {QStringLiteral("material"), QStringLiteral("Cast LLDPE")},
                    {QStringLiteral("colour"), QStringLiteral("Clear")}};
    d.description =
        QStringLiteral("Quiet-unwinding cast stretch wrap for unitising pallet loads%1.")
            .arg(machine ? QStringLiteral(" on turntable wrappers") : QString());
    d.baseUom = QStringLiteral("RL");
    d.baseName = QStringLiteral("Roll");
    d.packs = {{QStringLiteral("CS"),
                machine ? QStringLiteral("Case of 1 roll") : QStringLiteral("Case of 4 rolls"),
                machine ? 1 : 4},
               {QStringLiteral("PL"), QStringLiteral("Pallet of 40 cases"), machine ? 40 : 160}};
    if (machine)
        d.packs.removeFirst();
    d.price = tidyPrice((machine ? 6990 : 1990) * Cent * gauge / 80 + r.between(0, 400) * Cent);
    d.stockScale = machine ? 30 : 200;
    return d;
}

Draft tape(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PAC-TAP");
    const QString width = pickText(r, {u"2\"", u"3\""});
    const QString length = pickText(r, {u"55 yd", u"110 yd", u"1000 yd"});
    const QString adhesive = pickText(r, {u"Acrylic", u"Hot melt", u"Natural rubber"});
    const QString colour = pickText(r, {u"Clear", u"Tan", u"Printed \"Fragile\""});
    const QString mil = pickText(r, {u"1.6 mil", u"1.9 mil", u"2.5 mil", u"3.0 mil"});
    d.name = QStringLiteral("Carton sealing tape, %1 × %2, %3, %4, %5")
                 .arg(width, length, mil, adhesive.toLower(),
                      colour.startsWith(u"Printed") ? colour : colour.toLower());
    d.attributes = {{QStringLiteral("width"), width},
                    {QStringLiteral("length"), length},
                    {QStringLiteral("thickness"), mil},
                    {QStringLiteral("adhesive"), adhesive},
                    {QStringLiteral("colour"), colour}};
    d.description =
        QStringLiteral(
            "Polypropylene box sealing tape with %1 adhesive for hand dispensers and case sealers.")
            .arg(adhesive.toLower());
    d.baseUom = QStringLiteral("RL");
    d.baseName = QStringLiteral("Roll");
    d.packs = {{QStringLiteral("CS"), QStringLiteral("Case of 36 rolls"), 36}};
    d.price = tidyPrice((length.startsWith(u"1000")  ? 1890
                         : length.startsWith(u"110") ? 289
                                                     : 169) *
                            Cent +
                        r.between(0, 60) * Cent);
    d.stockScale = 720;
    return d;
}

Draft protective(DemoRandom &r)
{
    Draft d;
    d.category = QStringLiteral("PAC-PRO");
    const int kind = r.weighted({3, 2, 2, 2});
    if (kind == 0) {
        const QString bubble = pickText(r, {u"3/16\"", u"5/16\"", u"1/2\""});
        const QString size = pickText(r, {u"12\" × 175 ft", u"24\" × 175 ft", u"48\" × 250 ft"});
        d.name = QStringLiteral("Bubble cushioning roll, %1 bubble, %2, perforated every 12\"")
                     .arg(bubble, size);
        d.attributes = {{QStringLiteral("bubble height"), bubble},
                        {QStringLiteral("dimensions"), size}};
        d.description = QStringLiteral("Air cellular cushioning for wrapping and void fill.");
        d.baseUom = QStringLiteral("RL");
        d.baseName = QStringLiteral("Roll");
        d.price = tidyPrice(r.between(1990, 7990) * Cent);
    } else if (kind == 1) {
        d.name = QStringLiteral("Kraft void-fill paper, 15\" × 1200 ft, 30 lb basis weight");
        d.attributes = {{QStringLiteral("material"), QStringLiteral("Recycled kraft")},
                        {QStringLiteral("dimensions"), QStringLiteral("15\" × 1200 ft")}};
        d.description =
            QStringLiteral("Recyclable paper dunnage for blocking and bracing in cartons.");
        d.baseUom = QStringLiteral("RL");
        d.baseName = QStringLiteral("Roll");
        d.price = tidyPrice(r.between(2990, 4990) * Cent);
    } else if (kind == 2) {
        const QString label = pickText(
            r, {u"Fragile – handle with care", u"This side up", u"Do not stack", u"Keep dry"});
        d.name = QStringLiteral("Shipping labels, \"%1\", 3\" × 5\", roll of 500").arg(label);
        d.attributes = {{QStringLiteral("dimensions"), QStringLiteral("3\" × 5\"")},
                        {QStringLiteral("text"), label}};
        d.description = QStringLiteral("Pressure-sensitive warning labels for cartons.");
        d.baseUom = QStringLiteral("RL");
        d.baseName = QStringLiteral("Roll of 500");
        d.price = tidyPrice(r.between(1190, 2290) * Cent);
    } else {
        const QString width = pickText(r, {u"1/2\"", u"5/8\""});
        d.name = QStringLiteral("Polypropylene strapping, %1 × 9000 ft, machine grade, black")
                     .arg(width);
        d.attributes = {{QStringLiteral("width"), width},
                        {QStringLiteral("length"), QStringLiteral("9000 ft")},
                        {QStringLiteral("break strength"),
                         width == u"1/2\"" ? QStringLiteral("600 lb") : QStringLiteral("700 lb")}};
        d.description =
            QStringLiteral("Embossed polypropylene strapping for bundling and pallet securing.");
        d.baseUom = QStringLiteral("CL");
        d.baseName = QStringLiteral("Coil");
        d.price = tidyPrice(r.between(4990, 7990) * Cent);
    }
    d.packs = {{QStringLiteral("PL"), QStringLiteral("Pallet of 40"), 40}};
    d.stockScale = 40;
    return d;
}

using Generator = Draft (*)(DemoRandom &);

struct Family
{
    int weight; // per mille of the catalog
    QList<QPair<int, Generator>> generators;
};

const QList<Family> &families()
{
    static const QList<Family> all{
        {300, {{30, hexBolt}, {25, screw}, {20, nut}, {15, washer}, {5, anchor}, {5, threadedRod}}},
        {120,
         {{30, glove},
          {20, eyeProtection},
          {15, hiVis},
          {12, hearing},
          {12, respiratory},
          {11, headProtection}}},
        {160,
         {{20, cableTie},
          {18, wire},
          {16, breaker},
          {18, wiringDevice},
          {14, lighting},
          {14, electricalSupply}}},
        {120, {{35, pvcFitting}, {30, copperFitting}, {20, valve}, {15, plumbingSupply}}},
        {100, {{35, cleaner}, {20, paper}, {20, canLiner}, {25, janitorialSupply}}},
        {100, {{35, drillBit}, {15, measuring}, {30, handTool}, {20, sawBlade}}},
        {100, {{35, box}, {20, film}, {25, tape}, {20, protective}}},
    };
    return all;
}

// The family of a product from the first draw (0..999) of its random stream.
int familyOfRoll(int roll)
{
    const QList<Family> &all = families();
    int family = 0;
    while (family < all.size() - 1 && roll >= all.at(family).weight)
        roll -= all.at(family++).weight;
    return family;
}

// Per catalog and family, how many in a thousand products the catalog carries (Bayside
// ~85%, Cedar Ridge ~60% leaning to janitorial and PPE, Northgate ~40% mostly electrical)
// and how many of those get a contract price.
constexpr int AssortmentPermille[3][7] = {
    {850, 850, 850, 850, 850, 850, 850},
    {500, 750, 500, 750, 900, 550, 450},
    {330, 420, 920, 150, 180, 520, 200},
};
constexpr int ContractPermille[3][7] = {
    {220, 200, 180, 200, 180, 200, 180},
    {170, 220, 150, 200, 240, 150, 150},
    {150, 180, 380, 120, 120, 200, 120},
};

// Streams of DemoRandom::forKey, so product, catalog, contract and stock draws never overlap.
enum Stream : quint64
{
    ProductStream = 1,
    AssortmentStream = 2,
    ContractStream = 3,
    StockStream = 4,
    LimitStream = 5,
    PartNumberStream = 6,
};

} // namespace

DemoCatalog::DemoCatalog(quint64 seed, QDate today)
    : m_seed(seed)
    , m_today(today)
{}

QDate DemoCatalog::nextMonday() const
{
    return m_today.addDays(8 - m_today.dayOfWeek());
}

QList<DemoDiscount> DemoCatalog::discounts() const
{
    const QDate firstOfMonth(m_today.year(), m_today.month(), 1);
    const auto discount = [](const char *category, qint64 percentUnits, QDate from, QDate to) {
        return CategoryDiscount{QString::fromLatin1(category), Decimal::fromUnits(percentUnits),
                                from, to};
    };
    return {
        {0, discount("PPE-GLV", 125000, firstOfMonth.addMonths(-2), {})},
        {0, discount("FAS", 50000, nextMonday(), nextMonday().addDays(90))},
        {0, discount("JAN-CLN", 100000, firstOfMonth.addMonths(-6), firstOfMonth.addDays(-1))},
    };
}

QList<DemoPartNumber> DemoCatalog::partNumbers(const QString &accountCode, qint64 products) const
{
    int catalog = 0;
    qint64 wanted = 0;
    if (accountCode == u"BMG") {
        wanted = qMin<qint64>(3500, products * 15 / 100);
    } else if (accountCode == u"CRF") {
        catalog = 1;
        wanted = qMin<qint64>(400, products * 2 / 100);
    } else {
        return {};
    }
    static const char *const familyCodes[] = {"FAS", "PPE", "ELE", "PLU", "JAN", "TOO", "PAC"};
    static const char16_t *const cedarNotes[] = {
        u"Central plant stock",  u"North campus janitorial",
        u"Lakewood office park", u"Aurora community center",
        u"Boiler room",          u"Grounds crew"};
    static const char16_t *const baysideNotes[] = {u"Dock B stock", u"Paint shed", u"Travel lift",
                                                   u"Fleet van kit"};
    DemoRandom r = DemoRandom::forKey(m_seed, PartNumberStream, quint64(catalog));
    QList<DemoPartNumber> list;
    list.reserve(wanted);
    QSet<qint64> taken;
    qint64 number = 1000 + r.below(3000);
    for (qint64 attempt = 0; list.size() < wanted && attempt < wanted * 20; ++attempt) {
        const qint64 index = qint64(r.next() % quint64(products));
        const int fam = family(index);
        if (taken.contains(index) || !carries(index, fam, catalog))
            continue;
        taken.insert(index);
        number += 1 + r.below(9);
        DemoPartNumber entry;
        entry.productIndex = index;
        entry.partNumber.sku = sku(index);
        if (catalog == 0) {
            entry.partNumber.partNumber = QStringLiteral("BMG-%1").arg(number, 6, 10, QChar(u'0'));
            if (r.percent(15))
                entry.partNumber.description = QString::fromUtf16(baysideNotes[r.below(4)]);
        } else {
            entry.partNumber.partNumber = QStringLiteral("CRF-%1-%2")
                                              .arg(QString::fromLatin1(familyCodes[fam]))
                                              .arg(number, 5, 10, QChar(u'0'));
            entry.partNumber.description = QString::fromUtf16(cedarNotes[r.below(6)]);
        }
        list.append(entry);
    }
    return list;
}

QString DemoCatalog::sku(qint64 index)
{
    return QStringLiteral("HIS-%1").arg(100000 + index);
}

QString DemoCatalog::catalogCode(int catalog)
{
    static const char *const codes[] = {"BAYSIDE", "CEDAR-RIDGE", "NORTHGATE"};
    return QString::fromLatin1(codes[catalog]);
}

QString DemoCatalog::catalogName(int catalog)
{
    static const char *const names[] = {"Bayside Marine contract catalog",
                                        "Cedar Ridge facilities catalog",
                                        "Northgate electrical catalog"};
    return QString::fromLatin1(names[catalog]);
}

const QList<DemoCategory> &DemoCatalog::categories()
{
    static const QList<DemoCategory> all{
        {QStringLiteral("FAS"), QStringLiteral("Fasteners"), {}},
        {QStringLiteral("FAS-BLT"), QStringLiteral("Bolts"), QStringLiteral("FAS")},
        {QStringLiteral("FAS-SCR"), QStringLiteral("Screws"), QStringLiteral("FAS")},
        {QStringLiteral("FAS-NUT"), QStringLiteral("Nuts"), QStringLiteral("FAS")},
        {QStringLiteral("FAS-WSH"), QStringLiteral("Washers"), QStringLiteral("FAS")},
        {QStringLiteral("FAS-ANC"), QStringLiteral("Anchors"), QStringLiteral("FAS")},
        {QStringLiteral("FAS-ROD"), QStringLiteral("Threaded rod"), QStringLiteral("FAS")},
        {QStringLiteral("PPE"), QStringLiteral("Safety & PPE"), {}},
        {QStringLiteral("PPE-GLV"), QStringLiteral("Gloves"), QStringLiteral("PPE")},
        {QStringLiteral("PPE-EYE"), QStringLiteral("Eye protection"), QStringLiteral("PPE")},
        {QStringLiteral("PPE-HIV"), QStringLiteral("High-visibility clothing"),
         QStringLiteral("PPE")},
        {QStringLiteral("PPE-HRG"), QStringLiteral("Hearing protection"), QStringLiteral("PPE")},
        {QStringLiteral("PPE-RSP"), QStringLiteral("Respiratory protection"),
         QStringLiteral("PPE")},
        {QStringLiteral("PPE-HED"), QStringLiteral("Head protection"), QStringLiteral("PPE")},
        {QStringLiteral("ELE"), QStringLiteral("Electrical"), {}},
        {QStringLiteral("ELE-TIE"), QStringLiteral("Cable ties"), QStringLiteral("ELE")},
        {QStringLiteral("ELE-WIR"), QStringLiteral("Wire & cable"), QStringLiteral("ELE")},
        {QStringLiteral("ELE-BRK"), QStringLiteral("Circuit breakers"), QStringLiteral("ELE")},
        {QStringLiteral("ELE-DEV"), QStringLiteral("Wiring devices"), QStringLiteral("ELE")},
        {QStringLiteral("ELE-LGT"), QStringLiteral("Lighting"), QStringLiteral("ELE")},
        {QStringLiteral("ELE-SUP"), QStringLiteral("Tape, connectors & fittings"),
         QStringLiteral("ELE")},
        {QStringLiteral("PLU"), QStringLiteral("Plumbing"), {}},
        {QStringLiteral("PLU-PVC"), QStringLiteral("PVC fittings"), QStringLiteral("PLU")},
        {QStringLiteral("PLU-COP"), QStringLiteral("Copper fittings"), QStringLiteral("PLU")},
        {QStringLiteral("PLU-VLV"), QStringLiteral("Valves"), QStringLiteral("PLU")},
        {QStringLiteral("PLU-SUP"), QStringLiteral("Plumbing supplies"), QStringLiteral("PLU")},
        {QStringLiteral("JAN"), QStringLiteral("Janitorial"), {}},
        {QStringLiteral("JAN-CLN"), QStringLiteral("Cleaners & chemicals"), QStringLiteral("JAN")},
        {QStringLiteral("JAN-PAP"), QStringLiteral("Paper towels & tissue"), QStringLiteral("JAN")},
        {QStringLiteral("JAN-LIN"), QStringLiteral("Can liners"), QStringLiteral("JAN")},
        {QStringLiteral("JAN-SUP"), QStringLiteral("Hand care, mops & buckets"),
         QStringLiteral("JAN")},
        {QStringLiteral("TOO"), QStringLiteral("Tools"), {}},
        {QStringLiteral("TOO-DRL"), QStringLiteral("Drill bits"), QStringLiteral("TOO")},
        {QStringLiteral("TOO-MEA"), QStringLiteral("Measuring tools"), QStringLiteral("TOO")},
        {QStringLiteral("TOO-HND"), QStringLiteral("Hand tools"), QStringLiteral("TOO")},
        {QStringLiteral("TOO-BLD"), QStringLiteral("Saw blades & hole saws"),
         QStringLiteral("TOO")},
        {QStringLiteral("PAC"), QStringLiteral("Packaging & shipping"), {}},
        {QStringLiteral("PAC-BOX"), QStringLiteral("Corrugated boxes"), QStringLiteral("PAC")},
        {QStringLiteral("PAC-FLM"), QStringLiteral("Stretch film"), QStringLiteral("PAC")},
        {QStringLiteral("PAC-TAP"), QStringLiteral("Packing tape"), QStringLiteral("PAC")},
        {QStringLiteral("PAC-PRO"), QStringLiteral("Protective packaging & labels"),
         QStringLiteral("PAC")},
    };
    return all;
}

const QList<DemoWarehouse> &DemoCatalog::warehouses()
{
    static const QList<DemoWarehouse> all{
        {QStringLiteral("CHI"), QStringLiteral("Chicago, IL")},
        {QStringLiteral("ATL"), QStringLiteral("Atlanta, GA")},
        {QStringLiteral("RNO"), QStringLiteral("Reno, NV")},
    };
    return all;
}

DemoProduct DemoCatalog::product(qint64 index) const
{
    DemoRandom r = DemoRandom::forKey(m_seed, ProductStream, quint64(index));
    DemoProduct p;
    p.index = index;
    p.family = familyOfRoll(r.below(1000));
    const Family &family = families().at(p.family);
    int total = 0;
    for (const auto &g : family.generators)
        total += g.first;
    int roll = r.below(total);
    Generator generator = family.generators.constLast().second;
    for (const auto &g : family.generators) {
        if (roll < g.first) {
            generator = g.second;
            break;
        }
        roll -= g.first;
    }
    const Draft d = generator(r);

    Product &product = p.product;
    product.sku = sku(index);
    product.brand = brandFor(r, p.family);
    product.name = d.name;
    if (p.family != 0) {
        // Outside fasteners (named by their standard), the maker leads the name:
        // "Voltmark circuit breaker, ...", "Sentinel Safety N95 disposable respirator, ...".
        QString rest = d.name;
        if (rest.size() > 1 && rest.at(1).isLower())
            rest[0] = rest.at(0).toLower();
        product.name = product.brand + u' ' + rest;
    }
    product.description = d.description;
    product.categoryCode = d.category;
    for (const DemoCategory &c : categories()) {
        if (c.code == d.category) {
            for (const DemoCategory &parent : categories()) {
                if (parent.code == c.parentCode)
                    product.categoryPath << parent.name;
            }
            product.categoryPath << c.name;
        }
    }
    product.attributes = d.attributes;
    product.attributes.insert(QStringLiteral("brand"), product.brand);
    product.baseUom = d.baseUom;
    product.minOrderQty = d.minOrder;
    product.orderMultiple = d.multiple;
    {
        // About 2 % of the lines have a maximum per order (allocated or hazardous goods): a
        // multiple of the order multiple, well above the minimum.
        DemoRandom limits = DemoRandom::forKey(m_seed, LimitStream, quint64(index));
        if (limits.permille(20)) {
            const qint64 step = qMax<qint64>(product.orderMultiple, 1);
            const qint64 base = qMax<qint64>(product.minOrderQty, step);
            const qint64 max = base * limits.between(10, 60);
            product.maxOrderQty = (max + step - 1) / step * step;
        }
    }
    product.packs.append(Pack{d.baseUom, d.baseName, 1, DemoGtins::unit(index)});
    int indicator = 1;
    for (const PackSpec &pack : d.packs)
        product.packs.append(
            Pack{pack.uom, pack.name, pack.quantity, DemoGtins::pack(index, indicator++)});

    // List prices: two or three volume tiers on the base unit, and a price per larger pack.
    const auto listRule = [](const QString &uom, qint64 minQty, qint64 units) {
        PriceRule rule;
        rule.kind = PriceRule::Kind::List;
        rule.uom = uom;
        rule.minQty = minQty;
        rule.unitPrice = Decimal::fromUnits(units);
        return rule;
    };
    const qint64 firstTier = qMax<qint64>(d.minOrder, 1);
    p.listRules.append(listRule(d.baseUom, firstTier, d.price));
    const qint64 tier2 = firstTier * (d.price < Dollar ? 10 : 5);
    p.listRules.append(listRule(d.baseUom, tier2, tidyPrice(d.price * 95 / 100)));
    if (r.percent(60))
        p.listRules.append(listRule(d.baseUom, tier2 * 5, tidyPrice(d.price * 90 / 100)));
    static const int packPercent[] = {97, 92, 85};
    for (int i = 0; i < d.packs.size() && i < 3; ++i)
        p.listRules.append(
            listRule(d.packs.at(i).uom, 1,
                     tidyPrice(d.price * d.packs.at(i).quantity * packPercent[i] / 100)));

    for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
        p.inCatalog[c] = carries(index, p.family, c);
        if (p.inCatalog[c])
            addContractPrices(p, c);
    }
    addStock(p, qMax<qint64>(d.stockScale, 1));
    return p;
}

int DemoCatalog::family(qint64 index) const
{
    DemoRandom r = DemoRandom::forKey(m_seed, ProductStream, quint64(index));
    return familyOfRoll(r.below(1000));
}

bool DemoCatalog::carries(qint64 index, int catalog) const
{
    return carries(index, family(index), catalog);
}

bool DemoCatalog::carries(qint64 index, int family, int catalog) const
{
    DemoRandom r =
        DemoRandom::forKey(m_seed, AssortmentStream, quint64(index) * 8 + quint64(catalog));
    return r.permille(AssortmentPermille[catalog][family]);
}

void DemoCatalog::addContractPrices(DemoProduct &p, int catalog) const
{
    DemoRandom r =
        DemoRandom::forKey(m_seed, ContractStream, quint64(p.index) * 8 + quint64(catalog));
    if (!r.permille(ContractPermille[catalog][p.family]))
        return;
    const PriceRule &base = p.listRules.constFirst();
    PriceRule rule = base;
    rule.kind = PriceRule::Kind::Contract;
    const int discount = r.between(8, 22);
    rule.unitPrice = Decimal::fromUnits(tidyPrice(base.unitPrice.units() * (100 - discount) / 100));
    // Contracts started on the first of a month: Bayside 14 months ago, Cedar Ridge 8,
    // Northgate 3.
    static const int startedMonthsAgo[] = {14, 8, 3};
    const QDate firstOfMonth(m_today.year(), m_today.month(), 1);
    rule.validFrom = firstOfMonth.addMonths(-startedMonthsAgo[catalog]);

    QList<PriceRule> &rules = p.contractRules[catalog];
    const int special = r.below(100);
    if (catalog == 0 && special < 8) {
        // Bayside's renegotiated prices take effect next Monday.
        PriceRule next = rule;
        next.validFrom = nextMonday();
        next.unitPrice = Decimal::fromUnits(tidyPrice(rule.unitPrice.units() * 96 / 100));
        rule.validTo = nextMonday().addDays(-1);
        rules << rule << next;
    } else if (catalog == 1 && special < 10) {
        // A Cedar Ridge contract item that was not renewed: expired last month.
        rule.validTo = firstOfMonth.addDays(-1);
        rules << rule;
    } else {
        rules << rule;
        if (catalog == 2 && r.percent(40)) {
            // Northgate buys volume: a contract tier at ten times the first one.
            PriceRule tier = rule;
            tier.minQty = rule.minQty * 10;
            tier.unitPrice = Decimal::fromUnits(tidyPrice(rule.unitPrice.units() * 95 / 100));
            rules << tier;
        }
    }
}

void DemoCatalog::addStock(DemoProduct &p, qint64 scale) const
{
    DemoRandom r = DemoRandom::forKey(m_seed, StockStream, quint64(p.index));
    static const int warehouseShare[] = {100, 80, 55}; // Chicago is the main warehouse
    for (int w = 0; w < warehouses().size(); ++w) {
        StockLevel level;
        level.warehouse = warehouses().at(w).code;
        level.warehouseName = warehouses().at(w).name;
        const qint64 typical = qMax<qint64>(1, scale * warehouseShare[w] / 100);
        if (r.percent(11)) {
            level.onHand = 0;
            level.leadTimeDays = r.between(5, 28);
            level.nextReceiptDate = m_today.addDays(qMax(1, level.leadTimeDays - r.between(0, 3)));
            level.nextReceiptQty = typical * r.between(1, 3);
        } else {
            level.onHand = qMax<qint64>(1, typical * r.between(15, 300) / 100);
            if (r.percent(15)) {
                level.nextReceiptDate = m_today.addDays(r.between(3, 21));
                level.nextReceiptQty = typical * r.between(1, 2);
            }
        }
        p.stock.append(level);
    }
}

} // namespace qm
