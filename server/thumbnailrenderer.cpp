#include "server/thumbnailrenderer.h"

#include "core/catalog.h"
#include "core/crc32.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <array>
#include <cmath>

namespace qm {

namespace {

constexpr double Pi = 3.14159265358979323846;

struct Rgb
{
    int r = 0;
    int g = 0;
    int b = 0;
};

struct Point
{
    double x = 0;
    double y = 0;
};

// A 5×7 bitmap font for what SKUs are made of: digits, letters, '-', '.', '/', '_' and a
// space. Each row is five bits, most significant first. Anything else is drawn as a box.
struct Glyph
{
    char c;
    std::array<quint8, 7> rows;
};

constexpr Glyph Font[] = {
    {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}},
    {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}},
    {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
    {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}},
    {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
    {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}},
    {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}},
    {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
    {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
    {'B', {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}},
    {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}},
    {'D', {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}},
    {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}},
    {'F', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}},
    {'G', {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}},
    {'H', {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
    {'I', {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'J', {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}},
    {'K', {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}},
    {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}},
    {'M', {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}},
    {'N', {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}},
    {'O', {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
    {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
    {'Q', {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}},
    {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
    {'S', {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}},
    {'T', {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}},
    {'U', {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
    {'V', {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}},
    {'W', {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}},
    {'X', {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}},
    {'Y', {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04}},
    {'Z', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F}},
    {'-', {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}},
    {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}},
    {'/', {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00}},
    {'_', {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F}},
    {' ', {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
};
constexpr std::array<quint8, 7> UnknownGlyph{0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F};

const std::array<quint8, 7> &glyphFor(QChar c)
{
    const char ascii = c.toUpper().toLatin1();
    for (const Glyph &g : Font) {
        if (g.c == ascii)
            return g.rows;
    }
    return UnknownGlyph;
}

// An RGB canvas with just enough drawing for the thumbnails: anti-aliased polygons and
// circles (4×4 samples per pixel) and the bitmap font.
class Canvas
{
public:
    Canvas(int width, int height, Rgb background)
        : m_width(width)
        , m_height(height)
        , m_pixels(qsizetype(width) * height * 3, Qt::Uninitialized)
    {
        fillRect(0, 0, width, height, background);
    }

    void fillRect(int x0, int y0, int x1, int y1, Rgb c)
    {
        for (int y = std::max(0, y0); y < std::min(m_height, y1); ++y) {
            for (int x = std::max(0, x0); x < std::min(m_width, x1); ++x)
                set(x, y, c);
        }
    }

    void fillPolygon(const QList<Point> &points, Rgb c)
    {
        double minX = m_width, minY = m_height, maxX = 0, maxY = 0;
        for (const Point &p : points) {
            minX = std::min(minX, p.x);
            minY = std::min(minY, p.y);
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
        cover(minX, minY, maxX, maxY, c,
              [&points](double x, double y) { return inside(points, x, y); });
    }

    void fillCircle(Point centre, double radius, Rgb c)
    {
        cover(centre.x - radius, centre.y - radius, centre.x + radius, centre.y + radius, c,
              [centre, radius](double x, double y) {
                  const double dx = x - centre.x;
                  const double dy = y - centre.y;
                  return dx * dx + dy * dy <= radius * radius;
              });
    }

    // Text whose top left corner is (x, y), each font pixel `scale` pixels wide.
    void drawText(const QString &text, int x, int y, int scale, Rgb c)
    {
        for (QChar ch : text) {
            const auto &rows = glyphFor(ch);
            for (int row = 0; row < 7; ++row) {
                for (int col = 0; col < 5; ++col) {
                    if (rows.at(row) & (0x10 >> col))
                        fillRect(x + col * scale, y + row * scale, x + (col + 1) * scale,
                                 y + (row + 1) * scale, c);
                }
            }
            x += 6 * scale;
        }
    }

    QByteArray png() const;

private:
    static bool inside(const QList<Point> &points, double x, double y)
    {
        bool in = false;
        for (qsizetype i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            const Point &a = points.at(i);
            const Point &b = points.at(j);
            if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
                in = !in;
        }
        return in;
    }

    template<typename Inside>
    void cover(double minX, double minY, double maxX, double maxY, Rgb c, Inside isInside)
    {
        constexpr int Samples = 4;
        const int x0 = std::max(0, int(std::floor(minX)));
        const int y0 = std::max(0, int(std::floor(minY)));
        const int x1 = std::min(m_width - 1, int(std::ceil(maxX)));
        const int y1 = std::min(m_height - 1, int(std::ceil(maxY)));
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                int hits = 0;
                for (int sy = 0; sy < Samples; ++sy) {
                    for (int sx = 0; sx < Samples; ++sx) {
                        if (isInside(x + (sx + 0.5) / Samples, y + (sy + 0.5) / Samples))
                            ++hits;
                    }
                }
                if (hits)
                    blend(x, y, c, hits, Samples * Samples);
            }
        }
    }

    void set(int x, int y, Rgb c)
    {
        char *p = m_pixels.data() + (qsizetype(y) * m_width + x) * 3;
        p[0] = char(c.r);
        p[1] = char(c.g);
        p[2] = char(c.b);
    }

    void blend(int x, int y, Rgb c, int part, int whole)
    {
        auto *p = reinterpret_cast<uchar *>(m_pixels.data() + (qsizetype(y) * m_width + x) * 3);
        p[0] = uchar((p[0] * (whole - part) + c.r * part) / whole);
        p[1] = uchar((p[1] * (whole - part) + c.g * part) / whole);
        p[2] = uchar((p[2] * (whole - part) + c.b * part) / whole);
    }

    int m_width;
    int m_height;
    QByteArray m_pixels;
};

void appendBigEndian(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void appendChunk(QByteArray &out, const char *type, const QByteArray &data)
{
    appendBigEndian(out, quint32(data.size()));
    const QByteArray typed = QByteArray(type, 4) + data;
    out += typed;
    appendBigEndian(out, crc32(typed));
}

QByteArray Canvas::png() const
{
    // Each row of a PNG image starts with its filter type (0: none).
    QByteArray raw;
    raw.reserve(qsizetype(m_height) * (1 + m_width * 3));
    for (int y = 0; y < m_height; ++y) {
        raw += '\0';
        raw.append(m_pixels.constData() + qsizetype(y) * m_width * 3, qsizetype(m_width) * 3);
    }
    QByteArray header;
    appendBigEndian(header, quint32(m_width));
    appendBigEndian(header, quint32(m_height));
    header += QByteArray("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, deflate, no interlace
    // qCompress writes a zlib stream after a 4-byte length of its own.
    const QByteArray zlib = qCompress(raw, 9).mid(4);

    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    appendChunk(out, "IHDR", header);
    appendChunk(out, "IDAT", zlib);
    appendChunk(out, "IEND", {});
    return out;
}

// A colour of the category: the hue from a hash of its code, the same on every run.
Rgb categoryColour(const QString &code, double value)
{
    quint32 h = 2166136261u;
    for (char byte : code.toUtf8())
        h = (h ^ quint8(byte)) * 16777619u;
    const double hue = double(h % 360) / 60.0;
    const double saturation = 0.55;
    const double chroma = value * saturation;
    const double x = chroma * (1 - std::fabs(std::fmod(hue, 2.0) - 1));
    double r = 0, g = 0, b = 0;
    switch (int(hue)) {
    case 0:
        r = chroma, g = x;
        break;
    case 1:
        r = x, g = chroma;
        break;
    case 2:
        g = chroma, b = x;
        break;
    case 3:
        g = x, b = chroma;
        break;
    case 4:
        r = x, b = chroma;
        break;
    default:
        r = chroma, b = x;
        break;
    }
    const double m = value - chroma;
    return {int(std::lround((r + m) * 255)), int(std::lround((g + m) * 255)),
            int(std::lround((b + m) * 255))};
}

QList<Point> regularPolygon(Point centre, double radius, int corners, double startDegrees)
{
    QList<Point> points;
    for (int i = 0; i < corners; ++i) {
        const double a = (startDegrees + 360.0 * i / corners) * Pi / 180.0;
        points.append({centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)});
    }
    return points;
}

QList<Point> shifted(QList<Point> points, double dx, double dy)
{
    for (Point &p : points)
        p = {p.x + dx, p.y + dy};
    return points;
}

// The family's shape in `fg` with a shadow in `shadow`; `bg` for holes.
void drawFamilyShape(Canvas &canvas, const QString &family, Rgb fg, Rgb shadow, Rgb bg)
{
    const Point c{80, 66};
    const auto polygon = [&](const QList<Point> &points) {
        canvas.fillPolygon(shifted(points, 3, 3), shadow);
        canvas.fillPolygon(points, fg);
    };
    const auto circle = [&](Point centre, double r) {
        canvas.fillCircle({centre.x + 3, centre.y + 3}, r, shadow);
        canvas.fillCircle(centre, r, fg);
    };
    if (family == u"FAS") { // a nut
        polygon(regularPolygon(c, 44, 6, 0));
        canvas.fillCircle(c, 18, bg);
    } else if (family == u"PPE") { // a shield
        polygon({{80, 20}, {122, 34}, {118, 74}, {80, 110}, {42, 74}, {38, 34}});
    } else if (family == u"ELE") { // a lightning bolt
        polygon({{94, 18}, {48, 72}, {76, 72}, {62, 114}, {114, 54}, {86, 54}, {104, 18}});
    } else if (family == u"PLU") { // a drop
        polygon({{80, 18}, {54, 70}, {106, 70}});
        circle({80, 80}, 30);
    } else if (family == u"JAN") { // a bucket
        polygon({{44, 40}, {116, 40}, {104, 112}, {56, 112}});
        canvas.fillRect(40, 34, 120, 42, fg);
    } else if (family == u"TOO") { // a hammer
        polygon({{72, 50}, {88, 50}, {88, 114}, {72, 114}});
        polygon({{40, 24}, {120, 24}, {120, 50}, {40, 50}});
    } else if (family == u"PAC") { // a box
        polygon({{40, 44}, {104, 44}, {104, 110}, {40, 110}});
        canvas.fillPolygon({{40, 44}, {62, 24}, {126, 24}, {104, 44}}, shadow);
        canvas.fillPolygon({{104, 44}, {126, 24}, {126, 90}, {104, 110}}, shadow);
        canvas.fillRect(66, 44, 78, 70, bg);
    } else {
        circle(c, 40);
    }
}

} // namespace

QByteArray ThumbnailRenderer::png(const Product &product)
{
    const QString category =
        product.categoryCode.isEmpty() ? product.categoryPath.join(u'/') : product.categoryCode;
    const QString family = category.section(u'-', 0, 0);
    const Rgb background = categoryColour(category, 0.80);
    const Rgb dark = categoryColour(category, 0.45);
    const Rgb white{255, 255, 255};

    Canvas canvas(Size, Size, background);
    drawFamilyShape(canvas, family, white, dark, background);

    // The SKU on a darker band: twice the font size while it fits, else once, cut to fit.
    constexpr int Band = 28;
    canvas.fillRect(0, Size - Band, Size, Size, dark);
    const QString sku = product.sku;
    const int scale = sku.size() * 12 <= Size - 8 ? 2 : 1;
    const QString shown = sku.left((Size - 4) / (6 * scale));
    const int width = int(shown.size()) * 6 * scale - scale;
    canvas.drawText(shown, (Size - width) / 2, Size - Band + (Band - 7 * scale) / 2, scale, white);
    return canvas.png();
}

QByteArray ThumbnailRenderer::etag(const QByteArray &png)
{
    const QByteArray hash = QCryptographicHash::hash(png, QCryptographicHash::Sha256).left(16);
    return '"' + hash.toHex() + '"';
}

} // namespace qm
