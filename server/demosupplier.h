#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace qm {

class DbConnection;

// The demo supplier "Harbor Industrial Supply": its accounts (Bayside Marine Group with two
// subsidiaries, Cedar Ridge Facilities, Northgate Electrical Contractors), users, ship-to
// locations, three sales catalogs, warehouses, the product catalog of DemoCatalog with its
// feeds, and two years of orders. Generated in one transaction, deterministic from
// (products, seed) and the generation date.
class DemoSupplier final
{
public:
    struct Params
    {
        qint64 products = 20000;
        quint64 seed = 1;
    };
    enum class Outcome
    {
        Created,
        Reused,
    };
    struct User
    {
        QString username;
        QString displayName;
        QString role;
        QString accountCode;
        QString accountName;
        bool active = true;
    };

    static QString name() { return QStringLiteral("Harbor Industrial Supply"); }
    static QString password() { return QStringLiteral("demo"); }

    // Creates the demo in an empty database or accepts one that holds the same demo; returns
    // nullopt with the reason in `refusal` when the database holds anything else. Throws
    // DbError.
    static std::optional<Outcome> ensure(DbConnection &db, const Params &params, QString *refusal);

    // The demo's users as the start-up table shows them.
    static QList<User> users(DbConnection &db);

    // The meta value, or an empty string.
    static QString meta(DbConnection &db, const QString &key);

private:
    static void generate(DbConnection &db, const Params &params);
};

} // namespace qm
