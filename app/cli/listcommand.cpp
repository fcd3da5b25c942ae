#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/cliprofile.h"
#include "app/cli/syncrun.h"
#include "core/problem.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/liststore.h"
#include "models/quickorderimport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CartOption = QStringLiteral("cart");
const QString UnitOption = QStringLiteral("unit");
const QString FromCartOption = QStringLiteral("from-cart");
const QString NoteOption = QStringLiteral("note");

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message + QStringLiteral("; see qm list --help")});
}

void printJson(CliContext &context, const QJsonObject &o)
{
    context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString stateName(ListSyncState state)
{
    switch (state) {
    case ListSyncState::Synced:
        return QStringLiteral("synced");
    case ListSyncState::Waiting:
        return QStringLiteral("waiting");
    case ListSyncState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

// A refused change's reason in one line: "403 forbidden: detail".
QString failureText(const QString &failure)
{
    const auto problem = Problem::fromJson(failure.toUtf8());
    if (!problem)
        return failure;
    QString text = QStringLiteral("%1 %2").arg(problem->status).arg(problem->slug());
    if (!problem->detail.isEmpty())
        text += QStringLiteral(": ") + problem->detail;
    return text;
}

// Where the list stands, in words.
QString stateText(const ListInfo &info)
{
    QStringList parts;
    switch (info.state) {
    case ListSyncState::Synced:
        parts << QStringLiteral("synced");
        break;
    case ListSyncState::Waiting:
        parts << (info.deleting ? QStringLiteral("delete waiting to send")
                                : QStringLiteral("waiting to send"));
        break;
    case ListSyncState::Failed:
        parts << (info.deleting ? QStringLiteral("delete failed: %1")
                                : QStringLiteral("send failed: %1"))
                     .arg(failureText(info.failure));
        break;
    }
    if (!info.conflictOf.isEmpty())
        parts << QStringLiteral("conflicting copy of %1")
                     .arg(info.conflictOfName.isEmpty()
                              ? QStringLiteral("a list deleted on the portal")
                              : QStringLiteral("'%1'").arg(info.conflictOfName));
    if (info.notice == listnotice::DeleteConflict)
        parts << QStringLiteral("not deleted: it was changed on the portal meanwhile");
    return parts.join(QStringLiteral("; "));
}

QJsonObject lineJson(const RequisitionListLine &line, const QString &productName)
{
    QJsonObject o{{QStringLiteral("sku"), line.sku},
                  {QStringLiteral("quantity"), line.quantity.toString(0)},
                  {QStringLiteral("unit"),
                   line.unit.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(line.unit)},
                  {QStringLiteral("note"), line.note},
                  {QStringLiteral("in_assortment"), !productName.isNull()}};
    if (!productName.isNull())
        o.insert(QStringLiteral("product_name"), productName);
    return o;
}

QJsonObject listJson(const ListInfo &info)
{
    const auto nullable = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    return {
        {QStringLiteral("id"), info.list.id},
        {QStringLiteral("name"), info.list.name},
        {QStringLiteral("version"), info.list.version},
        {QStringLiteral("updated_at"),
         info.list.updatedAt.isValid()
             ? QJsonValue(info.list.updatedAt.toUTC().toString(Qt::ISODate))
             : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("updated_by"), nullable(info.list.updatedBy)},
        {QStringLiteral("line_count"), qint64(info.list.lines.size())},
        {QStringLiteral("state"), stateName(info.state)},
        {QStringLiteral("pending_changes"), info.pendingChanges},
        {QStringLiteral("deleting"), info.deleting},
        {QStringLiteral("conflict_of"), nullable(info.conflictOf)},
        {QStringLiteral("notice"), nullable(info.notice)},
        {QStringLiteral("failure"), info.failure.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                           : QJsonValue(failureText(info.failure))},
    };
}

// The list named by `word`: an id, or a name only one list has.
std::optional<ListInfo> chooseList(CliContext &context, const ListStore &store, const QString &word,
                                   ExitCode *code)
{
    const QString wanted = word.trimmed();
    const QList<ListInfo> all = store.lists();
    QList<ListInfo> named;
    for (const ListInfo &info : all) {
        if (info.list.id.compare(wanted, Qt::CaseInsensitive) == 0)
            return info;
        if (info.list.name.compare(wanted, Qt::CaseInsensitive) == 0)
            named << info;
    }
    if (named.size() == 1)
        return named.constFirst();
    if (named.isEmpty()) {
        *code = context.fail(
            {ExitCode::NotFound, QStringLiteral("no list named '%1'; see qm list ls").arg(wanted)});
        return std::nullopt;
    }
    QStringList ids;
    for (const ListInfo &info : std::as_const(named))
        ids << info.list.id;
    *code = context.fail({ExitCode::Usage, QStringLiteral("%1 lists are named '%2'; give one of"
                                                          " their ids: %3")
                                               .arg(named.size())
                                               .arg(wanted, ids.join(QStringLiteral(", ")))});
    return std::nullopt;
}

// Product names of the SKUs the cache has; a SKU absent from the result is not in the
// account's assortment.
QHash<QString, QString> productNames(Database &db, const QList<RequisitionListLine> &lines)
{
    QStringList skus;
    for (const RequisitionListLine &l : lines)
        skus << l.sku;
    QHash<QString, QString> names;
    const auto matches = CodeResolver(db).resolveMany(skus);
    for (auto it = matches.cbegin(); it != matches.cend(); ++it) {
        for (const CodeMatch &m : it.value()) {
            if (m.by == CodeMatch::By::Sku && !m.productName.isEmpty())
                names.insert(it.key().toUpper(), m.productName);
        }
    }
    return names;
}

ExitCode runLs(CliContext &context, const QCommandLineParser &args, ListStore &store)
{
    const QList<ListInfo> lists = store.lists();
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const ListInfo &info : lists)
            rows.append(listJson(info));
        printJson(context, {{QStringLiteral("lists"), rows}});
        return ExitCode::Ok;
    }
    if (lists.isEmpty()) {
        context.out << "No saved lists yet; create one with qm list new NAME.\n";
        return ExitCode::Ok;
    }
    for (const ListInfo &info : lists)
        context.out << info.list.id << "  " << info.list.name.leftJustified(30, u' ', true) << ' '
                    << QString::number(info.list.lines.size()).rightJustified(5) << " lines  "
                    << stateText(info) << '\n';
    return ExitCode::Ok;
}

ExitCode runShow(CliContext &context, const QCommandLineParser &args, Database &db,
                 ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list show needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    const QHash<QString, QString> names = productNames(db, info->list.lines);
    if (args.isSet(JsonOption)) {
        QJsonObject o = listJson(*info);
        QJsonArray lines;
        for (const RequisitionListLine &l : info->list.lines)
            lines.append(lineJson(l, names.value(l.sku.toUpper())));
        o.insert(QStringLiteral("lines"), lines);
        printJson(context, o);
        return ExitCode::Ok;
    }
    context.out << info->list.name << "  (" << info->list.id << ")\n" << stateText(*info);
    if (info->list.version > 0)
        context.out << "; version " << info->list.version << " by " << info->list.updatedBy << ", "
                    << info->list.updatedAt.toUTC().toString(Qt::ISODate);
    context.out << '\n';
    if (info->state == ListSyncState::Failed)
        context.out << "The portal refused the change: qm list retry sends it again, qm list"
                       " discard goes back to the portal's version.\n";
    if (!info->notice.isEmpty())
        context.out << "qm list dismiss clears the notice.\n";
    if (info->list.lines.isEmpty())
        context.out << "No lines.\n";
    for (const RequisitionListLine &l : info->list.lines) {
        const QString name = names.value(l.sku.toUpper());
        context.out << l.sku.leftJustified(20) << ' ' << l.quantity.toString(0).rightJustified(10)
                    << ' ' << l.unit.leftJustified(4) << "  "
                    << (name.isNull() ? QStringLiteral("(not in your assortment)") : name);
        if (!l.note.isEmpty())
            context.out << "  [" << l.note << ']';
        context.out << '\n';
    }
    return ExitCode::Ok;
}

ExitCode runNew(CliContext &context, const QCommandLineParser &args, Database &db, ListStore &store,
                const QStringList &rest)
{
    const QString name = rest.join(u' ').trimmed();
    if (name.isEmpty())
        return usage(context, QStringLiteral("list new needs a NAME"));
    QString error;
    std::optional<ListInfo> created;
    if (args.isSet(FromCartOption)) {
        CliError cartError;
        const auto cart = cartcli::chooseCart(db, args.value(CartOption), false, &cartError);
        if (!cart)
            return context.fail(cartError);
        created = store.saveCart(cart->id, name, &error);
    } else {
        created = store.create(name, {}, &error);
    }
    if (!created)
        return context.fail({ExitCode::Error, error});
    if (args.isSet(JsonOption))
        printJson(context, listJson(*created));
    else
        context.out << "Created list '" << created->list.name << "' (id " << created->list.id
                    << ") with " << created->list.lines.size()
                    << " lines; it goes to the portal with the next sync.\n";
    return ExitCode::Ok;
}

ExitCode runAdd(CliContext &context, const QCommandLineParser &args, Database &db, ListStore &store,
                const QStringList &rest)
{
    if (rest.size() < 2 || rest.size() > 3)
        return usage(context, QStringLiteral("list add needs LIST, CODE and at most one QTY"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.at(0), &code);
    if (!info)
        return code;
    RequisitionListLine line;
    line.sku = rest.at(1).trimmed();
    const QString quantityText = rest.size() == 3 ? rest.at(2).trimmed() : QStringLiteral("1");
    const auto quantity = Decimal::parse(quantityText);
    if (!quantity || quantity->units() <= 0)
        return usage(context, QStringLiteral("QTY must be a number above 0 with at most %1"
                                             " decimals, not '%2'")
                                  .arg(Decimal::Scale)
                                  .arg(quantityText));
    line.quantity = *quantity;
    line.unit = args.value(UnitOption).trimmed().toUpper();
    line.note = args.value(NoteOption);
    // A part number or GTIN stands for its SKU (and a GTIN for its pack); a code the cache
    // does not know is kept as given: a list may name a product outside the assortment.
    const QList<CodeMatch> matches = CodeResolver(db).resolve(line.sku);
    QSet<QString> skus;
    for (const CodeMatch &m : matches)
        skus.insert(m.sku.toUpper());
    if (skus.size() > 1) {
        QStringList names;
        for (const CodeMatch &m : matches)
            names << m.sku;
        return context.fail(
            {ExitCode::Usage, QStringLiteral("'%1' names several products (%2); give the SKU")
                                  .arg(line.sku, names.join(QStringLiteral(", ")))});
    }
    if (!matches.isEmpty()) {
        line.sku = matches.constFirst().sku;
        if (line.unit.isEmpty())
            line.unit = matches.constFirst().uom;
    } else {
        context.err << "qm: note: '" << line.sku
                    << "' is not in the cached catalog; added as given\n";
    }
    QString error;
    if (!store.addLine(info->list.id, line, &error))
        return context.fail({ExitCode::Error, error});
    const auto updated = store.list(info->list.id);
    if (args.isSet(JsonOption) && updated) {
        printJson(context, listJson(*updated));
        return ExitCode::Ok;
    }
    context.out << "Added " << line.quantity.toString(0) << ' '
                << (line.unit.isEmpty() ? QString() : line.unit + u' ') << line.sku << " to '"
                << info->list.name << "'.\n";
    return ExitCode::Ok;
}

ExitCode runRemove(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.size() != 2)
        return usage(context, QStringLiteral("list remove needs LIST and CODE"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.at(0), &code);
    if (!info)
        return code;
    QString error;
    const auto removed = store.removeSku(info->list.id, rest.at(1), &error);
    if (!removed)
        return context.fail({ExitCode::NotFound, error});
    context.out << "Removed " << *removed << (*removed == 1 ? " line" : " lines") << " of "
                << rest.at(1) << " from '" << info->list.name << "'.\n";
    return ExitCode::Ok;
}

ExitCode runRename(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.size() < 2)
        return usage(context, QStringLiteral("list rename needs LIST and NAME"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.at(0), &code);
    if (!info)
        return code;
    const QString name = rest.mid(1).join(u' ');
    QString error;
    if (!store.rename(info->list.id, name, &error))
        return context.fail({ExitCode::Error, error});
    context.out << "Renamed '" << info->list.name << "' to '" << name.trimmed() << "'.\n";
    return ExitCode::Ok;
}

ExitCode runDelete(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list delete needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    QString error;
    if (!store.remove(info->list.id, &error))
        return context.fail({ExitCode::Error, error});
    context.out << "Deleted '" << info->list.name << "'"
                << (info->list.version > 0 ? "; the portal hears of it with the next sync.\n"
                                           : ".\n");
    return ExitCode::Ok;
}

ExitCode runRetry(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list retry needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    const auto refused = store.failedChange(info->list.id);
    if (!refused)
        return context.fail(
            {ExitCode::NotFound,
             QStringLiteral("the portal refused no change of '%1'; nothing to retry")
                 .arg(info->list.name)});
    QString error;
    if (!store.retryChange(refused->id, &error))
        return context.fail({ExitCode::Error, error});
    context.out << "The refused change of '" << info->list.name
                << "' goes to the portal again with the next sync (or qm list push).\n";
    return ExitCode::Ok;
}

ExitCode runDiscard(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list discard needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    if (!store.failedChange(info->list.id))
        return context.fail(
            {ExitCode::NotFound,
             QStringLiteral("the portal refused no change of '%1'; nothing to discard")
                 .arg(info->list.name)});
    QString error;
    if (!store.discardChanges(info->list.id, &error))
        return context.fail({ExitCode::Error, error});
    const auto restored = store.list(info->list.id);
    if (restored)
        context.out << "Discarded your changes to '" << info->list.name << "'; it is the portal's"
                    << " version again: '" << restored->list.name << "', version "
                    << restored->list.version << ", " << restored->list.lines.size() << " lines.\n";
    else
        context.out << "Discarded '" << info->list.name << "', which the portal never accepted.\n";
    return ExitCode::Ok;
}

ExitCode runDismiss(CliContext &context, ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list dismiss needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    if (info->notice.isEmpty())
        return context.fail(
            {ExitCode::NotFound,
             QStringLiteral("'%1' has no notice; nothing to dismiss").arg(info->list.name)});
    QString error;
    if (!store.dismissNotice(info->list.id, &error))
        return context.fail({ExitCode::Error, error});
    context.out << "Dismissed the notice of '" << info->list.name << "'.\n";
    return ExitCode::Ok;
}

ExitCode runToCart(CliContext &context, const QCommandLineParser &args, Database &db,
                   ListStore &store, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage(context, QStringLiteral("list to-cart needs a LIST"));
    ExitCode code = ExitCode::Ok;
    const auto info = chooseList(context, store, rest.join(u' '), &code);
    if (!info)
        return code;
    CliError cartError;
    const auto cart = cartcli::chooseCart(db, args.value(CartOption), true, &cartError);
    if (!cart)
        return context.fail(cartError);
    QuickOrderImport quickOrder(db, cart->id);
    QString error;
    if (!quickOrder.preview(ListStore::quickOrderEntries(info->list), &error) ||
        !quickOrder.apply(&error))
        return context.fail({ExitCode::Error, error});
    const QuickOrderImport::Summary s = quickOrder.summary();
    if (args.isSet(JsonOption)) {
        QJsonArray lines;
        for (const QuickOrderImport::Result &r : quickOrder.results())
            lines.append(cartcli::outcome(r, quickOrder.currency()));
        printJson(context, {{QStringLiteral("list"), listJson(*info)},
                            {QStringLiteral("cart"), cartcli::cartInfo(*cart, true)},
                            {QStringLiteral("summary"), cartcli::summary(s)},
                            {QStringLiteral("lines"), lines}});
    } else {
        for (const QuickOrderImport::Result &r : quickOrder.results())
            cartcli::printOutcome(context.out, r);
        context.out << "List '" << info->list.name << "' into cart '" << cart->name
                    << "': " << s.added << " added, " << s.adjusted << " adjusted, "
                    << s.unavailable << " unavailable, " << s.unknown << " unknown, " << s.ambiguous
                    << " ambiguous, " << s.invalidQuantity + s.invalidUnit + s.invalid
                    << " invalid\n";
    }
    return s.added + s.adjusted == s.total() ? ExitCode::Ok : ExitCode::Attention;
}

ExitCode runPush(CliContext &context, const QCommandLineParser &args)
{
    ExitCode failure = ExitCode::Error;
    const auto result = runSyncEngine(context, true, false, &failure);
    if (!result)
        return failure;
    if (args.isSet(JsonOption)) {
        const ListPushResult &l = result->lists;
        printJson(context, {{QStringLiteral("accepted"), l.accepted},
                            {QStringLiteral("conflicts"), l.conflicts},
                            {QStringLiteral("failed"), l.failed},
                            {QStringLiteral("deferred"), l.deferred}});
    } else {
        context.out << listPushLine(result->lists) << '\n';
    }
    return result->lists.failed > 0 ? ExitCode::Attention : ExitCode::Ok;
}

} // namespace

static ExitCode runList(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0, QStringLiteral("ls"));
    const QStringList rest = words.mid(1);
    static const QStringList actions{
        QStringLiteral("ls"),     QStringLiteral("show"),    QStringLiteral("new"),
        QStringLiteral("add"),    QStringLiteral("remove"),  QStringLiteral("rename"),
        QStringLiteral("delete"), QStringLiteral("to-cart"), QStringLiteral("push"),
        QStringLiteral("retry"),  QStringLiteral("discard"), QStringLiteral("dismiss")};
    if (!actions.contains(action))
        return usage(context, QStringLiteral("unknown list action '%1'").arg(action));
    if (action == u"push")
        return runPush(context, args);

    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    Database &db = profile->database();
    ListStore store(db);
    ExitCode code = ExitCode::Ok;
    if (action == u"ls")
        code = runLs(context, args, store);
    else if (action == u"show")
        code = runShow(context, args, db, store, rest);
    else if (action == u"new")
        code = runNew(context, args, db, store, rest);
    else if (action == u"add")
        code = runAdd(context, args, db, store, rest);
    else if (action == u"remove")
        code = runRemove(context, store, rest);
    else if (action == u"rename")
        code = runRename(context, store, rest);
    else if (action == u"delete")
        code = runDelete(context, store, rest);
    else if (action == u"retry")
        code = runRetry(context, store, rest);
    else if (action == u"discard")
        code = runDiscard(context, store, rest);
    else if (action == u"dismiss")
        code = runDismiss(context, store, rest);
    else
        code = runToCart(context, args, db, store, rest);
    context.out.flush();
    return code;
}

Command listCommand()
{
    return {
        QStringLiteral("list"),
        QStringLiteral("[ls | show LIST | new NAME [--from-cart [--cart C]] | add LIST CODE [QTY] |"
                       " remove LIST CODE | rename LIST NAME | delete LIST |"
                       " to-cart LIST [--cart C] | push | retry LIST | discard LIST |"
                       " dismiss LIST] [OPTIONS]"),
        QStringLiteral("Saved lists for recurring orders, shared by the account"),
        QStringLiteral(
            "Saved lists belong to the customer account: everyone signed in to it sees them.\n"
            "Changes are made offline in the local cache and go to the portal with the next\n"
            "qm sync (or qm list push). LIST is a list's id or a name only one list has.\n\n"
            "  ls                  the lists and where each stands: synced, waiting to send,\n"
            "                      send failed (with the portal's reason), conflicting copy\n"
            "  show LIST           the lines; SKUs no longer in your assortment are flagged\n"
            "  new NAME            a new empty list; --from-cart fills it from a cart (the\n"
            "                      current one, or the one --cart names)\n"
            "  add LIST CODE [QTY] add QTY (default 1; up to 4 decimals) of a SKU, customer\n"
            "                      part number or GTIN; a line of the same SKU and unit adds up\n"
            "  remove LIST CODE    remove the lines of a SKU\n"
            "  rename LIST NAME    rename the list\n"
            "  delete LIST         delete the list\n"
            "  to-cart LIST        add the list's lines to a cart like a quick order; lines that\n"
            "                      need attention are reported (exit code 7)\n"
            "  push                send the waiting changes now\n"
            "  retry LIST          send the change the portal refused again with the next sync\n"
            "  discard LIST        drop your changes to a list whose change the portal refused:\n"
            "                      it is the portal's version again (gone if the portal never\n"
            "                      had it)\n"
            "  dismiss LIST        clear the list's notice (a delete that was not applied)\n\n"
            "A refused change (e.g. your role may not change lists) stays, with the portal's\n"
            "reason, and holds back later changes to that list until you retry or discard it.\n"
            "When someone else changed a list since you edited it, both edits are kept: the\n"
            "list shows theirs and yours becomes a new list named '<name> (my changes)'."),
        {
            QCommandLineOption(FromCartOption,
                               QStringLiteral("new: fill the list from a cart (--cart, else the"
                                              " current cart).")),
            QCommandLineOption(CartOption,
                               QStringLiteral("new --from-cart: the cart to copy; to-cart: the"
                                              " cart to add to (name or id)."),
                               QStringLiteral("C")),
            QCommandLineOption(UnitOption, QStringLiteral("add: the unit (pack), e.g. BX."),
                               QStringLiteral("U")),
            QCommandLineOption(NoteOption, QStringLiteral("add: a note for the line."),
                               QStringLiteral("TEXT")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the result as JSON.")),
        },
        runList,
    };
}

} // namespace qm
