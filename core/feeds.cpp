#include "core/feeds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace qm {

QString feedName(Feed feed)
{
    switch (feed) {
    case Feed::Products:
        return QStringLiteral("products");
    case Feed::Prices:
        return QStringLiteral("prices");
    case Feed::Stock:
        return QStringLiteral("stock");
    case Feed::PartNumbers:
        return QStringLiteral("part_numbers");
    case Feed::Lists:
        return QStringLiteral("lists");
    case Feed::Orders:
        return QStringLiteral("orders");
    }
    return {};
}

std::optional<Feed> feedFromName(QStringView name)
{
    for (Feed f : servedFeeds()) {
        if (name == feedName(f))
            return f;
    }
    return std::nullopt;
}

const QList<Feed> &catalogFeeds()
{
    static const QList<Feed> feeds{Feed::Products, Feed::Prices, Feed::Stock, Feed::PartNumbers};
    return feeds;
}

const QList<Feed> &allFeeds()
{
    static const QList<Feed> feeds{Feed::Products,    Feed::Prices, Feed::Stock,
                                   Feed::PartNumbers, Feed::Lists,  Feed::Orders};
    return feeds;
}

const QList<Feed> &servedFeeds()
{
    return allFeeds();
}

bool isAccountFeed(Feed feed)
{
    return feed == Feed::PartNumbers || feed == Feed::Lists || feed == Feed::Orders;
}

QJsonObject CustomerPartNumber::toJson() const
{
    QJsonObject o{{QStringLiteral("part_number"), partNumber}, {QStringLiteral("sku"), sku}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

std::optional<CustomerPartNumber> CustomerPartNumber::fromJson(const QJsonObject &o, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<CustomerPartNumber> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QJsonValue partNumber = o.value(u"part_number");
    const QJsonValue sku = o.value(u"sku");
    const QJsonValue description = o.value(u"description");
    if (!partNumber.isString() || partNumber.toString().trimmed().isEmpty())
        return fail(QStringLiteral("part number entry lacks part_number"));
    if (!sku.isString() || sku.toString().isEmpty())
        return fail(QStringLiteral("part number entry lacks sku"));
    if (!description.isUndefined() && !description.isString())
        return fail(QStringLiteral("part number description is not a string"));
    return CustomerPartNumber{partNumber.toString(), sku.toString(), description.toString()};
}

QByteArray canonicalJson(const QJsonObject &payload)
{
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

quint64 feedEntryHash(QStringView key, QByteArrayView canonicalPayload)
{
    constexpr quint64 offset = 14695981039346656037ULL;
    constexpr quint64 prime = 1099511628211ULL;
    quint64 h = offset;
    const auto mix = [&h](QByteArrayView bytes) {
        for (char c : bytes) {
            h ^= static_cast<unsigned char>(c);
            h *= prime;
        }
    };
    mix(key.toUtf8());
    mix("\n");
    mix(canonicalPayload);
    return h;
}

QString FeedDigest::toHex() const
{
    return QString::number(m_sum, 16).rightJustified(16, u'0');
}

std::optional<FeedDigest> FeedDigest::fromHex(QStringView hex)
{
    if (hex.size() != 16)
        return std::nullopt;
    bool ok = false;
    const quint64 v = hex.toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    return FeedDigest(v);
}

std::optional<FeedPage> FeedPage::fromJson(QByteArrayView json, qint64 after, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<FeedPage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON: %1 at offset %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("page is not a JSON object"));
    const QJsonObject root = doc.object();

    FeedPage page;
    page.feed = root.value(u"feed").toString();
    const QJsonValue itemsValue = root.value(u"items");
    const QJsonValue nextValue = root.value(u"next");
    const QJsonValue hasMoreValue = root.value(u"has_more");
    if (!itemsValue.isArray() || !nextValue.isDouble() || !hasMoreValue.isBool())
        return fail(QStringLiteral("page lacks items, next or has_more"));
    page.next = nextValue.toInteger(-1);
    page.hasMore = hasMoreValue.toBool();

    const QJsonArray items = itemsValue.toArray();
    page.items.reserve(items.size());
    qint64 previous = after;
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        FeedItem item;
        const QJsonValue seq = o.value(u"seq");
        item.seq = seq.toInteger(-1);
        item.key = o.value(u"key").toString();
        const QString op = o.value(u"op").toString();
        if (!seq.isDouble() || item.seq <= 0 || item.key.isEmpty())
            return fail(QStringLiteral("item %1 lacks seq or key").arg(page.items.size()));
        if (item.seq <= previous)
            return fail(QStringLiteral("sequence %1 does not increase after %2")
                            .arg(item.seq)
                            .arg(previous));
        if (op == u"delete") {
            item.deleted = true;
        } else if (op == u"upsert") {
            const QJsonValue data = o.value(u"data");
            if (!data.isObject())
                return fail(QStringLiteral("upsert of %1 has no data object").arg(item.key));
            item.data = data.toObject();
        } else {
            return fail(QStringLiteral("item %1 has unknown op '%2'").arg(item.key, op));
        }
        previous = item.seq;
        page.items.append(std::move(item));
    }
    if (page.next < previous)
        return fail(
            QStringLiteral("next %1 is behind the last item %2").arg(page.next).arg(previous));

    if (!page.hasMore) {
        const QJsonValue count = root.value(u"count");
        const auto hash = FeedDigest::fromHex(root.value(u"hash").toString());
        if (!count.isDouble() || count.toInteger(-1) < 0 || !hash)
            return fail(QStringLiteral("last page lacks count or hash"));
        page.count = count.toInteger();
        page.hash = hash;
    }
    return page;
}

namespace {

void appendJsonString(QByteArray &out, QStringView s)
{
    // QJsonDocument escapes exactly as the parser expects; a one-element array is the
    // cheapest way to reuse it for a bare string.
    const QByteArray quoted =
        QJsonDocument(QJsonArray{s.toString()}).toJson(QJsonDocument::Compact);
    out.append(quoted.constData() + 1, quoted.size() - 2);
}

} // namespace

FeedPageWriter::FeedPageWriter(QStringView feed)
{
    m_out.reserve(64 * 1024);
    m_out.append("{\"feed\":");
    appendJsonString(m_out, feed);
    m_out.append(",\"items\":[");
}

void FeedPageWriter::beginItem(qint64 seq, QStringView key)
{
    if (m_items++ > 0)
        m_out.append(',');
    m_out.append("{\"seq\":");
    m_out.append(QByteArray::number(seq));
    m_out.append(",\"key\":");
    appendJsonString(m_out, key);
}

void FeedPageWriter::addUpsert(qint64 seq, QStringView key, QByteArrayView canonicalPayload)
{
    beginItem(seq, key);
    m_out.append(",\"op\":\"upsert\",\"data\":");
    m_out.append(canonicalPayload);
    m_out.append('}');
}

void FeedPageWriter::addDelete(qint64 seq, QStringView key)
{
    beginItem(seq, key);
    m_out.append(",\"op\":\"delete\"}");
}

QByteArray FeedPageWriter::finish(qint64 next, bool hasMore, std::optional<qint64> count,
                                  std::optional<FeedDigest> hash)
{
    m_out.append("],\"next\":");
    m_out.append(QByteArray::number(next));
    m_out.append(",\"has_more\":");
    m_out.append(hasMore ? "true" : "false");
    if (count) {
        m_out.append(",\"count\":");
        m_out.append(QByteArray::number(*count));
    }
    if (hash) {
        m_out.append(",\"hash\":\"");
        m_out.append(hash->toHex().toLatin1());
        m_out.append('"');
    }
    m_out.append('}');
    return std::move(m_out);
}

} // namespace qm
