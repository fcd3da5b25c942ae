#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

namespace qm {

struct FeedState;
struct ProductDetails;
struct ProductSummary;
struct ProfileInfo;
struct SyncResult;

// The JSON the qm command prints with --json (docs/cli.md): snake_case keys, money as
// decimal strings, dates and times in ISO 8601 (times in UTC), null for what is unknown.
namespace clijson {

QJsonValue date(QDate day);
QJsonValue dateTime(const QDateTime &when);

QJsonObject product(const ProductDetails &details, QDate priceDay);
QJsonObject searchResult(const ProductSummary &summary);
QJsonObject feedState(const FeedState &state);
QJsonObject profile(const ProfileInfo &info);
QJsonObject syncResult(const SyncResult &result);

} // namespace clijson
} // namespace qm
