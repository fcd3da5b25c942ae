// A sync page as the client receives it: FeedPage::fromJson on arbitrary bytes, then every
// upsert's payload through the parser of each feed (products, prices, stock, part numbers,
// saved lists, orders). A page that parses is written again with FeedPageWriter and must
// parse to the same items; a payload that parses is serialised, parsed and serialised again
// and must come back as the same JSON.
//
// The page's JSON reader (core/jsontext) against QJsonDocument on the same bytes: what it
// accepts, QJsonDocument accepts with the same values; every value it marks canonical is
// what canonicalJson() writes; and the payload parsers give the same result, or the same
// error, from either reader.
#include "jsonchecks.h"

#include "core/catalog.h"
#include "core/feeds.h"
#include "core/jsontext.h"
#include "core/order.h"
#include "core/requisitionlist.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void checkPage(const qm::FeedPage &page, qint64 after)
{
    qint64 previous = after;
    for (const qm::FeedItem &item : page.items) {
        if (item.seq <= previous || item.key.isEmpty() || (item.deleted && !item.data().isEmpty()))
            std::abort();
        previous = item.seq;
    }
    if (page.next < previous)
        std::abort();
    if (!page.hasMore && (!page.count || *page.count < 0 || !page.hash))
        std::abort();
    if (page.hash && qm::FeedDigest::fromHex(page.hash->toHex()) != page.hash)
        std::abort();

    // What the portal would write for the same items parses to the same page.
    qm::FeedPageWriter writer(page.feed);
    for (const qm::FeedItem &item : page.items) {
        if (item.deleted)
            writer.addDelete(item.seq, item.key);
        else
            writer.addUpsert(item.seq, item.key, qm::canonicalJson(item.data()));
    }
    if (writer.itemCount() != page.items.size())
        std::abort();
    const QByteArray written = writer.finish(page.next, page.hasMore, page.count, page.hash);
    QString why;
    const auto again = qm::FeedPage::fromJson(written, after, &why);
    if (!again || again->feed != page.feed || again->next != page.next ||
        again->hasMore != page.hasMore || again->count != page.count || again->hash != page.hash ||
        again->items.size() != page.items.size())
        std::abort();
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        const qm::FeedItem &a = page.items.at(i);
        const qm::FeedItem &b = again->items.at(i);
        if (a.seq != b.seq || a.key != b.key || a.deleted != b.deleted || a.data() != b.data())
            std::abort();
    }
}

// Values marked canonical are written as they are.
void checkCanonical(const qm::jsontext::Value &v)
{
    if (v.isObject() && v.isCanonical() && qm::canonicalJson(v.toQJsonObject()) != v.text())
        std::abort();
    for (const qm::jsontext::Value child : v)
        checkCanonical(child);
}

void checkText(const QByteArray &bytes)
{
    QString why;
    const auto doc = qm::jsontext::Document::parse(bytes, &why);
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(bytes, &qtError);
    if (!doc) {
        if (why.isEmpty())
            std::abort();
        return;
    }
    if (qtError.error != QJsonParseError::NoError)
        std::abort();
    const QJsonValue expected = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
    if (doc->root().toQJsonValue() != expected)
        std::abort();
    checkCanonical(doc->root());
}

// T::fromJson from a QJsonObject and from the page's text agree.
template<typename T>
void checkReaders(const qm::jsontext::Value &payload)
{
    QString fromQt;
    QString fromText;
    const auto a = T::fromJson(payload.toQJsonObject(), &fromQt);
    const auto b = T::fromJson(payload, &fromText);
    if (a.has_value() != b.has_value() || fromQt != fromText || (a && a->toJson() != b->toJson()))
        std::abort();
}

void checkPayload(const qm::jsontext::Value &payload)
{
    checkReaders<qm::Product>(payload);
    checkReaders<qm::ProductPrices>(payload);
    checkReaders<qm::ProductStock>(payload);
    checkReaders<qm::CustomerPartNumber>(payload);
    if (qm::feedEntryHash(u"k", payload) != qm::feedEntryHash(u"k", payload.toQJsonObject()))
        std::abort();
    const QJsonObject data = payload.toQJsonObject();

    QString error;
    QList<qm::FieldError> errors;
    roundTrip<qm::Product>(data, &error);
    roundTrip<qm::ProductPrices>(data, &error);
    roundTrip<qm::ProductStock>(data, &error);
    if (const auto entry = roundTrip<qm::CustomerPartNumber>(data, &error)) {
        const auto again = qm::CustomerPartNumber::fromJson(entry->toJson(), &error);
        if (!again || !(*again == *entry))
            std::abort();
    }
    roundTrip<qm::Order>(data, &errors);
    checkList(data, qm::RequisitionList::JsonForm::Resource);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkText(bytes);
    QString why;
    for (const qint64 after : {qint64(0), qint64(5)}) {
        const auto page = qm::FeedPage::fromJson(bytes, after, &why);
        if (!page) {
            if (why.isEmpty())
                std::abort(); // a refused page always says why
            continue;
        }
        checkPage(*page, after);
        if (after == 0) {
            for (const qm::FeedItem &item : page->items) {
                if (!item.deleted)
                    checkPayload(item.payload);
            }
        }
        why.clear();
    }
    return 0;
}
