#pragma once

#include "core/jsontext.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

// The change feeds a portal serves under GET /api/v1/sync/{feed}. The client pulls
// them in the order of catalogFeeds(): products before the prices, stock and customer
// part numbers that refer to them. Products, prices and stock are scoped by the catalog
// an account uses; part numbers and saved lists belong to one account and are scoped by it.
enum class Feed
{
    Products,
    Prices,
    Stock,
    PartNumbers,
    Lists,  // saved (requisition) lists; payload: RequisitionList (core/requisitionlist.h)
    Orders, // the account's orders, keyed by number; payload: Order (core/order.h)
};

QString feedName(Feed feed);
std::optional<Feed> feedFromName(QStringView name); // any feed of servedFeeds()
// The four feeds of the catalog cache, in pull order.
const QList<Feed> &catalogFeeds();
// The feeds the client's sync engine pulls: catalogFeeds() followed by Feed::Lists and
// Feed::Orders.
const QList<Feed> &allFeeds();
// Every feed a portal serves: the same as allFeeds().
const QList<Feed> &servedFeeds();

// True for the feeds scoped by the account rather than by its catalog.
bool isAccountFeed(Feed feed);

// One entry of the part_numbers feed: the account's own code for one of the supplier's
// products (key: the part number). Part numbers compare case-insensitively on both sides.
struct CustomerPartNumber
{
    QString partNumber;
    QString sku;
    QString description; // optional; absent from the JSON when empty

    QJsonObject toJson() const;
    static std::optional<CustomerPartNumber> fromJson(const QJsonObject &o, QString *error);
    static std::optional<CustomerPartNumber> fromJson(const jsontext::Value &o, QString *error);
    friend bool operator==(const CustomerPartNumber &a, const CustomerPartNumber &b)
    {
        return a.partNumber == b.partNumber && a.sku == b.sku && a.description == b.description;
    }
};

// The one serialisation of a feed payload that both sides hash: compact JSON with
// object keys in sorted order (QJsonObject keeps them sorted), strings as UTF-8 with '"',
// '\\' and control characters escaped, integers in decimal. Payloads carry no
// floating-point numbers, so parsing and re-serialising yields the same bytes. Written
// here rather than by QJsonDocument::toJson, so that it does not depend on the Qt version;
// it is byte for byte what Qt 6.4's compact toJson writes (tst_feeds checks that).
QByteArray canonicalJson(const QJsonObject &payload);
// The same for a payload as received: its text when that is already canonical.
QByteArray canonicalJson(const jsontext::Value &payload);

// Hash of one live feed entry: 64-bit FNV-1a over UTF-8(key) + '\n' + canonical payload.
// Not a security measure; it lets the client prove its cache equals the server's feed.
quint64 feedEntryHash(QStringView key, QByteArrayView canonicalPayload);
// The same from the parsed payload: its canonical form is hashed as it is written, without
// being kept.
quint64 feedEntryHash(QStringView key, const QJsonObject &payload);
// The same for a payload as received: over its text when that is already canonical (as the
// portal sends it), else over the canonical form written from it.
quint64 feedEntryHash(QStringView key, const jsontext::Value &payload);

// Order-independent digest of a whole feed as one user sees it: the sum, modulo 2^64,
// of the entry hashes of every live entry. Maintained incrementally on both sides
// (add on insert, remove the old hash on update or delete).
class FeedDigest final
{
public:
    constexpr FeedDigest() = default;
    constexpr explicit FeedDigest(quint64 sum)
        : m_sum(sum)
    {}

    void add(quint64 entryHash) { m_sum += entryHash; }
    void remove(quint64 entryHash) { m_sum -= entryHash; }
    constexpr quint64 value() const { return m_sum; }

    // 16 lowercase hex digits.
    QString toHex() const;
    static std::optional<FeedDigest> fromHex(QStringView hex);

    friend constexpr bool operator==(FeedDigest a, FeedDigest b) { return a.m_sum == b.m_sum; }
    friend constexpr bool operator!=(FeedDigest a, FeedDigest b) { return a.m_sum != b.m_sum; }

private:
    quint64 m_sum = 0;
};

// Entry hashes are stored in SQL INTEGER columns (signed 64-bit): these convert
// without loss.
constexpr qint64 hashToSql(quint64 h)
{
    return static_cast<qint64>(h);
}
constexpr quint64 hashFromSql(qint64 v)
{
    return static_cast<quint64>(v);
}

struct FeedItem
{
    qint64 seq = 0;
    QString key;
    bool deleted = false;
    jsontext::Value payload; // the upsert's data object; undefined for a tombstone
    std::shared_ptr<const jsontext::Document> document; // the page payload points into

    // The payload as a QJsonObject; empty for a tombstone.
    QJsonObject data() const { return payload.toQJsonObject(); }
    // Makes the item an upsert of `data` (an item built in code rather than received).
    void setData(const QJsonObject &data);
};

// One page of GET /api/v1/sync/{feed}. `count` and `hash` are present on the last
// page only (hasMore == false) and describe the whole feed as the user sees it.
struct FeedPage
{
    QString feed;
    QList<FeedItem> items;
    qint64 next = 0;
    bool hasMore = false;
    std::optional<qint64> count;
    std::optional<FeedDigest> hash;

    // Strict parse: every item needs seq, key and op; sequences must increase strictly
    // and be greater than `after`; `next` must not be lower than the last item's seq;
    // the last page must carry count and hash. Returns nullopt with a reason otherwise.
    // The items' payloads stay in the page's text, which the page shares rather than copies.
    static std::optional<FeedPage> fromJson(const QByteArray &json, qint64 after, QString *error);
};

// Writes a feed page from stored canonical payloads without re-parsing them.
class FeedPageWriter final
{
public:
    explicit FeedPageWriter(QStringView feed);

    void addUpsert(qint64 seq, QStringView key, QByteArrayView canonicalPayload);
    void addDelete(qint64 seq, QStringView key);
    // The same with the key as valid UTF-8 (as the portal stores it): no conversion to
    // UTF-16 and back for every item of a page.
    void addUpsert(qint64 seq, QByteArrayView keyUtf8, QByteArrayView canonicalPayload);
    void addDelete(qint64 seq, QByteArrayView keyUtf8);
    int itemCount() const { return m_items; }

    QByteArray finish(qint64 next, bool hasMore, std::optional<qint64> count = std::nullopt,
                      std::optional<FeedDigest> hash = std::nullopt);

private:
    template<typename Key>
    void beginItem(qint64 seq, Key key);
    template<typename Key>
    void upsert(qint64 seq, Key key, QByteArrayView canonicalPayload);
    template<typename Key>
    void remove(qint64 seq, Key key);

    QByteArray m_out;
    int m_items = 0;
};

} // namespace qm
