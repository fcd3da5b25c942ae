#include "import/quickorderrows.h"

#include <QHash>

namespace qm::import {

namespace {

enum class Role
{
    None,
    Code,
    Sku,
    PartNumber,
    Gtin,
    Quantity,
    Unit
};

const QHash<QString, Role> &headerAliases()
{
    static const QHash<QString, Role> aliases = [] {
        QHash<QString, Role> map;
        const auto add = [&map](Role role, std::initializer_list<const char16_t *> names) {
            for (const char16_t *name : names)
                map.insert(QString::fromUtf16(name), role);
        };
        add(Role::Sku,
            {u"sku", u"skus", u"variantsku", u"productsku", u"skucode", u"skuno", u"skunumber"});
        add(Role::Code, {u"itemnumber",
                         u"itemno",
                         u"itemnr",
                         u"item",
                         u"itemcode",
                         u"itemid",
                         u"productcode",
                         u"productno",
                         u"productnumber",
                         u"productnr",
                         u"productid",
                         u"product",
                         u"partno",
                         u"partnumber",
                         u"partnr",
                         u"part",
                         u"articlenumber",
                         u"articleno",
                         u"articlenr",
                         u"article",
                         u"artikelnummer",
                         u"artikelnr",
                         u"artikelno",
                         u"artnr",
                         u"artno",
                         u"artikel",
                         u"bestellnummer",
                         u"bestellnr",
                         u"materialnummer",
                         u"materialnumber",
                         u"materialnr",
                         u"material",
                         u"reference",
                         u"ref",
                         u"referencearticle",
                         u"referenceproduit",
                         u"codearticle",
                         u"codice",
                         u"codicearticolo",
                         u"codiceprodotto",
                         u"codigo",
                         u"codigoarticulo",
                         u"codigoproducto",
                         u"referencia",
                         u"code"});
        add(Role::PartNumber, {u"customerpartnumber",
                               u"customerpartno",
                               u"customerpartnr",
                               u"customeritemnumber",
                               u"customeritemno",
                               u"yourpartno",
                               u"yourpartnumber",
                               u"yourpartnr",
                               u"youritemnumber",
                               u"youritemno",
                               u"cpn",
                               u"kundenartikelnummer",
                               u"kundenartikelnr",
                               u"kundenartnr",
                               u"kundenmaterialnummer",
                               u"ihreartikelnummer",
                               u"ihreartnr",
                               u"referenceclient",
                               u"codicecliente",
                               u"referenciacliente"});
        add(Role::Gtin, {u"gtin", u"gtin8", u"gtin12", u"gtin13", u"gtin14", u"ean", u"ean8",
                         u"ean13", u"eancode", u"eannummer", u"upc", u"upca", u"upccode",
                         u"barcode", u"strichcode", u"codebarre", u"codigodebarras"});
        add(Role::Quantity, {u"qty", u"quantity", u"quantities", u"qtyordered", u"orderqty",
                             u"orderquantity", u"menge", u"bestellmenge", u"anzahl", u"stuckzahl",
                             u"stueckzahl", u"quantite", u"qte", u"cantidad", u"quantita", u"qta"});
        add(Role::Unit, {u"unit", u"uom", u"unitofmeasure", u"unitofmeasurement", u"unitcode",
                         u"einheit", u"me", u"mengeneinheit", u"unite", u"unidad", u"unita",
                         u"unitedemesure", u"unitadimisura", u"unidaddemedida"});
        return map;
    }();
    return aliases;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Code:
        return QStringLiteral("code");
    case Role::Sku:
        return QStringLiteral("sku");
    case Role::PartNumber:
        return QStringLiteral("partNumber");
    case Role::Gtin:
        return QStringLiteral("gtin");
    case Role::Quantity:
        return QStringLiteral("quantity");
    case Role::Unit:
        return QStringLiteral("unit");
    case Role::None:
        break;
    }
    return QString();
}

Role roleOf(const QString &cell)
{
    return headerAliases().value(normalizedHeader(cell), Role::None);
}

// Spaces, no-break spaces and apostrophes group digits too ("1 000", "1'000").
QString stripGrouping(QStringView text)
{
    QString s;
    s.reserve(text.size());
    for (QChar c : text) {
        if (c.isSpace() || c == u'\'' || c == u'\u2019' || c == u'\u202F')
            continue;
        s.append(c);
    }
    return s;
}

bool isDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// "1.000.000" with '.': valid thousands groups.
bool isGrouped(QStringView s, QChar separator)
{
    const QList<QStringView> groups = s.split(separator);
    if (groups.size() < 2 || groups.front().size() > 3 || !isDigits(groups.front()))
        return false;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        if (groups[i].size() != 3 || !isDigits(groups[i]))
            return false;
    }
    return true;
}

// True for "1.000" / "12,500": one separator, 1–3 digits before it (not starting with 0),
// exactly three after: thousands or three decimals, nobody can tell from the value alone.
bool isAmbiguous(QStringView s, QChar separator)
{
    const qsizetype at = s.indexOf(separator);
    return at >= 1 && at <= 3 && s.count(separator) == 1 && s.size() - at - 1 == 3 &&
           s[0] != u'0' && isDigits(s.first(at)) && isDigits(s.sliced(at + 1));
}

bool looksNumeric(QStringView text)
{
    const QString s = stripGrouping(text);
    bool digit = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c >= u'0' && c <= u'9')
            digit = true;
        else if (!(c == u'.' || c == u',' || ((c == u'-' || c == u'+') && i == 0)))
            return false;
    }
    return digit;
}

QString trimmedCell(const QStringList &row, int column)
{
    return column >= 0 && column < row.size() ? row.at(column).trimmed() : QString();
}

struct Layout
{
    int headerIndex = -1;
    QList<Role> roles;
    int code = -1;
    int partNumber = -1;
    int gtin = -1;
    int quantity = -1;
    int unit = -1;
};

// A header is a row among the first few that names a code or quantity column.
Layout findHeader(const Table &table)
{
    Layout layout;
    const qsizetype limit = std::min<qsizetype>(table.rows.size(), 10);
    for (qsizetype r = 0; r < limit; ++r) {
        const QStringList &row = table.rows.at(r);
        QList<Role> roles;
        bool named = false;
        for (const QString &cell : row) {
            const Role role = roleOf(cell);
            roles.append(role);
            named = named || (role != Role::None && role != Role::Unit);
        }
        if (!named)
            continue;
        layout.headerIndex = int(r);
        layout.roles = roles;
        for (int c = 0; c < roles.size(); ++c) {
            int *slot = nullptr;
            switch (roles[c]) {
            case Role::Code:
            case Role::Sku:
                slot = &layout.code;
                break;
            case Role::PartNumber:
                slot = &layout.partNumber;
                break;
            case Role::Gtin:
                slot = &layout.gtin;
                break;
            case Role::Quantity:
                slot = &layout.quantity;
                break;
            case Role::Unit:
                slot = &layout.unit;
                break;
            case Role::None:
                break;
            }
            if (slot && *slot < 0)
                *slot = c;
            else if (slot)
                layout.roles[c] = Role::None; // a second column of the same kind is unused
        }
        // Templates read by position (OroCommerce's "Item Number, Quantity" with the unit in
        // column C) leave the unit column unnamed: one right after the quantity is the unit.
        if (layout.unit < 0 && layout.quantity >= 0) {
            const int next = layout.quantity + 1;
            if (next >= row.size() || row.at(next).trimmed().isEmpty()) {
                layout.unit = next;
                while (layout.roles.size() <= next)
                    layout.roles.append(Role::None);
                layout.roles[next] = Role::Unit;
            }
        }
        return layout;
    }
    return layout;
}

QuickOrderRow::CodeKind kindOf(Role role)
{
    switch (role) {
    case Role::Sku:
        return QuickOrderRow::CodeKind::Sku;
    case Role::PartNumber:
        return QuickOrderRow::CodeKind::PartNumber;
    case Role::Gtin:
        return QuickOrderRow::CodeKind::Gtin;
    default:
        return QuickOrderRow::CodeKind::Any;
    }
}

void applyQuantity(QuickOrderRow *row, QChar decimalSeparator)
{
    if (row->quantityText.isEmpty()) {
        row->quantity = 1;
        row->note = QStringLiteral("no quantity given; 1 assumed");
        return;
    }
    const QuantityValue q = parseQuantity(row->quantityText, decimalSeparator);
    row->quantity = q.value;
    if (!q.error.isEmpty() && row->error.isEmpty())
        row->error = q.error;
    row->note = q.note;
}

} // namespace

QString normalizedHeader(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

QuantityValue parseQuantity(QStringView text, QChar decimalSeparator)
{
    QuantityValue result;
    QString s = stripGrouping(text);
    const auto notANumber = [&] {
        result.error = QStringLiteral("\"%1\" is not a quantity").arg(text.trimmed());
        return result;
    };
    bool negative = false;
    if (s.startsWith(u'+') || s.startsWith(u'-')) {
        negative = s.startsWith(u'-');
        s.remove(0, 1);
    }
    if (s.isEmpty())
        return notANumber();
    for (QChar c : std::as_const(s)) {
        if (!((c >= u'0' && c <= u'9') || c == u'.' || c == u','))
            return notANumber();
    }

    const qsizetype dots = s.count(u'.');
    const qsizetype commas = s.count(u',');
    QString integer;
    QString fraction;
    auto split = [&](QChar decimal, QChar grouping) {
        const qsizetype at = s.lastIndexOf(decimal);
        QStringView whole = QStringView(s).first(at < 0 ? s.size() : at);
        if (at >= 0)
            fraction = s.mid(at + 1);
        if (whole.contains(grouping)) {
            if (!isGrouped(whole, grouping))
                return false;
        }
        integer = whole.toString().remove(grouping);
        return (integer.isEmpty() || isDigits(integer)) && (at < 0 || isDigits(fraction)) &&
               !(integer.isEmpty() && fraction.isEmpty());
    };

    bool ok = false;
    if (dots == 0 && commas == 0) {
        integer = s;
        ok = isDigits(s);
    } else if (dots > 0 && commas > 0) {
        const QChar decimal = s.lastIndexOf(u'.') > s.lastIndexOf(u',') ? u'.' : u',';
        const QChar grouping = decimal == u'.' ? u',' : u'.';
        ok = s.count(decimal) == 1 && split(decimal, grouping);
    } else {
        const QChar separator = dots > 0 ? u'.' : u',';
        const QChar other = separator == u'.' ? u',' : u'.';
        if (s.count(separator) > 1) {
            ok = split(other, separator); // only grouping: "1.000.000"
        } else if (decimalSeparator == separator) {
            ok = split(separator, other);
        } else if (!decimalSeparator.isNull()) {
            ok = isGrouped(s, separator) ? split(other, separator) : split(separator, other);
        } else if (isAmbiguous(s, separator)) {
            ok = split(other, separator);
            result.note = QStringLiteral("\"%1\" read as %2 (thousands separator)")
                              .arg(text.trimmed(), integer);
        } else {
            ok = split(separator, other);
        }
    }
    if (!ok)
        return notANumber();

    while (integer.size() > 1 && integer.startsWith(u'0'))
        integer.remove(0, 1);
    bool fractional = false;
    for (QChar c : std::as_const(fraction))
        fractional = fractional || c != u'0';
    if (integer.size() > 12) {
        result.error = QStringLiteral("quantity %1 is too large").arg(text.trimmed());
        return result;
    }
    const qint64 whole = integer.isEmpty() ? 0 : integer.toLongLong();
    if (negative && (whole > 0 || fractional)) {
        result.error = QStringLiteral("quantity %1 is negative").arg(text.trimmed());
    } else if (fractional) {
        result.error = QStringLiteral("quantity %1 is not a whole number").arg(text.trimmed());
    } else if (whole == 0) {
        result.error = QStringLiteral("quantity is 0");
    } else if (whole > kMaxQuantity) {
        result.error = QStringLiteral("quantity %1 is too large").arg(text.trimmed());
    } else {
        result.value = whole;
    }
    if (!result.error.isEmpty())
        result.note.clear();
    return result;
}

QChar quantityDecimalSeparator(const QStringList &values)
{
    bool dotDecimal = false;
    bool commaDecimal = false;
    int ambiguousDot = 0;
    int ambiguousComma = 0;
    int nonEmpty = 0;
    for (const QString &value : values) {
        QString s = stripGrouping(value);
        if (s.startsWith(u'+') || s.startsWith(u'-'))
            s.remove(0, 1);
        if (s.isEmpty())
            continue;
        ++nonEmpty;
        const qsizetype dots = s.count(u'.');
        const qsizetype commas = s.count(u',');
        if (dots > 0 && commas > 0) {
            (s.lastIndexOf(u'.') > s.lastIndexOf(u',') ? dotDecimal : commaDecimal) = true;
        } else if (dots > 1) {
            commaDecimal = true;
        } else if (commas > 1) {
            dotDecimal = true;
        } else if (dots == 1) {
            if (!isAmbiguous(s, u'.'))
                dotDecimal = true;
            ambiguousDot += isAmbiguous(s, u'.');
        } else if (commas == 1) {
            if (!isAmbiguous(s, u','))
                commaDecimal = true;
            ambiguousComma += isAmbiguous(s, u',');
        }
    }
    if (dotDecimal != commaDecimal)
        return dotDecimal ? QChar(u'.') : QChar(u',');
    if (dotDecimal)
        return QChar();
    // Nothing settles it: a column where every value has three decimals is fixed-point.
    if (nonEmpty >= 2 && ambiguousDot == nonEmpty)
        return QChar(u'.');
    if (nonEmpty >= 2 && ambiguousComma == nonEmpty)
        return QChar(u',');
    return QChar();
}

QuickOrderRows quickOrderRows(const Table &table)
{
    QuickOrderRows result;
    if (table.rows.isEmpty()) {
        result.error = QStringLiteral("the file is empty");
        return result;
    }
    const Layout layout = findHeader(table);
    result.hadHeader = layout.headerIndex >= 0;
    if (result.hadHeader) {
        for (Role role : layout.roles)
            result.columns.append(roleName(role));
        if (layout.code < 0 && layout.partNumber < 0 && layout.gtin < 0) {
            result.error = QStringLiteral("the header names no item code column (such as SKU, "
                                          "Item Number, Part Number or GTIN)");
            return result;
        }
    }

    QStringList quantityTexts;
    for (qsizetype r = layout.headerIndex + 1; r < table.rows.size(); ++r) {
        const QStringList &cells = table.rows.at(r);
        bool blank = true;
        for (const QString &cell : cells)
            blank = blank && cell.trimmed().isEmpty();
        if (blank)
            continue;

        QuickOrderRow row;
        row.line = r < table.lines.size() ? table.lines.at(r) : int(r) + 1;
        if (result.hadHeader) {
            const std::pair<int, Role> codeColumns[] = {
                {layout.code, layout.code >= 0 ? layout.roles[layout.code] : Role::None},
                {layout.partNumber, Role::PartNumber},
                {layout.gtin, Role::Gtin}};
            for (const auto &[column, role] : codeColumns) {
                const QString code = trimmedCell(cells, column);
                if (!code.isEmpty()) {
                    row.code = code;
                    row.kind = kindOf(role);
                    break;
                }
            }
            row.quantityText = trimmedCell(cells, layout.quantity);
            row.uom = trimmedCell(cells, layout.unit);
            if (row.code.isEmpty())
                row.error = QStringLiteral("no item code");
        } else {
            int codeColumn = 0;
            while (trimmedCell(cells, codeColumn).isEmpty())
                ++codeColumn;
            row.code = trimmedCell(cells, codeColumn);
            int quantityColumn = -1;
            for (int c = codeColumn + 1; c < cells.size(); ++c) {
                if (looksNumeric(cells.at(c))) {
                    quantityColumn = c;
                    break;
                }
            }
            row.quantityText = trimmedCell(cells, quantityColumn);
            if (result.rows.isEmpty()) {
                const int width = std::max(codeColumn, quantityColumn) + 1;
                for (int c = 0; c < width; ++c)
                    result.columns.append(c == codeColumn       ? roleName(Role::Code)
                                          : c == quantityColumn ? roleName(Role::Quantity)
                                                                : QString());
            }
        }
        quantityTexts.append(row.quantityText);
        result.rows.append(row);
    }

    const QChar decimalSeparator = quantityDecimalSeparator(quantityTexts);
    for (QuickOrderRow &row : result.rows)
        applyQuantity(&row, decimalSeparator);
    if (result.rows.isEmpty())
        result.error = QStringLiteral("the file has no order lines");
    return result;
}

} // namespace qm::import
