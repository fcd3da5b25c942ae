#include "app/cli/command.h"

#include "app/cli/cliprofile.h"
#include "app/cli/ordercli.h"
#include "models/orderstore.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace qm {

namespace {

QString addressText(const ShipToAddress &a)
{
    QStringList parts;
    for (const QString &p : {a.line1, a.line2, a.city, a.region, a.postalCode, a.country}) {
        if (!p.isEmpty())
            parts << p;
    }
    return parts.join(QStringLiteral(", "));
}

ExitCode runAccount(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("account takes no arguments; see qm account --help")});
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    const OrderStore store(profile->database());
    const auto account = store.account();
    if (!account)
        return context.fail(
            {ExitCode::NotFound, QStringLiteral("the account's credit and locations are not cached"
                                                " yet; run qm sync")});
    const QDateTime fetchedAt = store.accountFetchedAt();
    if (args.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(ordercli::accountJson(*account, fetchedAt))
                           .toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    const QString &c = account->currency;
    QTextStream &out = context.out;
    out << account->name << " (" << account->code << ")\n";
    out << "Credit limit      " << ordercli::money(account->creditLimit, c).rightJustified(18)
        << '\n';
    out << "Balance           " << ordercli::money(account->balance, c).rightJustified(18) << '\n';
    out << "  of which overdue" << ordercli::money(account->overdue, c).rightJustified(18) << '\n';
    out << "Open orders       " << ordercli::money(account->openOrders, c).rightJustified(18)
        << '\n';
    out << "Available credit  " << ordercli::money(account->availableCredit, c).rightJustified(18)
        << '\n';
    out << "Payment terms     " << account->paymentTerms << '\n';
    out << "Your spending limit "
        << (account->spendingLimit
                ? ordercli::money(*account->spendingLimit, c) + QStringLiteral(" per order")
                : QStringLiteral("none"))
        << '\n';
    out << "\nShip-to locations:\n";
    if (account->shipTo.isEmpty())
        out << "  none on file\n";
    for (const ShipToLocation &l : account->shipTo) {
        out << "  " << l.code.leftJustified(10) << ' ' << l.name;
        if (l.isDefault)
            out << " (default)";
        const QString address = addressText(l.address);
        if (!address.isEmpty())
            out << "\n  " << QString(10, u' ') << ' ' << address;
        out << '\n';
    }
    out << "\nAs of " << fetchedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
        << " (qm sync fetches it again).\n";
    return ExitCode::Ok;
}

} // namespace

Command accountCommand()
{
    return {
        QStringLiteral("account"),
        QStringLiteral("[--json]"),
        QStringLiteral("Credit, payment terms and ship-to locations from the cache"),
        QStringLiteral(
            "Shows the account as the last qm sync fetched it: credit limit, balance, open\n"
            "orders, available credit, payment terms, your own spending limit per order, the\n"
            "ship-to locations (the default one is used by qm order submit), and when it was\n"
            "fetched. Works offline."),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the account as JSON."))},
        runAccount,
    };
}

} // namespace qm
