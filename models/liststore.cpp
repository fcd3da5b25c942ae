#include "models/liststore.h"

#include "core/decimal.h"
#include "models/database.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcLists, "qm.models.liststore", QtInfoMsg)

const QString ConflictSuffix = QStringLiteral(" (my changes)");

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime timestampFromSql(const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QVariant timestampToSql(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs))
                       : QVariant(QMetaType(QMetaType::QString));
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// The list's state in the cache: what the server last said, and the local annotations.
struct ServerRow
{
    QString id;
    QString name;
    qint64 version = 0;
    QDateTime updatedAt;
    QString updatedBy;
    QString conflictOf;
    QString notice;
    QDateTime createdAt;
    QList<RequisitionListLine> lines;
};

std::optional<ServerRow> loadServer(const QSqlDatabase &db, const QString &listId, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("SELECT id, name, version, updated_at, updated_by,"
                                     " conflict_of, notice, created_at FROM lists WHERE id = ?"),
                      error))
        return std::nullopt;
    q.addBindValue(listId);
    if (!sql::exec(q, error))
        return std::nullopt;
    if (!q.next()) {
        sql::fail(error, QStringLiteral("no list with id '%1'").arg(listId));
        return std::nullopt;
    }
    ServerRow row;
    row.id = q.value(0).toString();
    row.name = q.value(1).toString();
    row.version = q.value(2).toLongLong();
    row.updatedAt = timestampFromSql(q.value(3));
    row.updatedBy = q.value(4).toString();
    row.conflictOf = q.value(5).toString();
    row.notice = q.value(6).toString();
    row.createdAt = timestampFromSql(q.value(7));
    q.finish();

    QSqlQuery lines(db);
    if (!sql::prepare(lines,
                      QStringLiteral("SELECT sku, quantity, unit, note FROM list_lines"
                                     " WHERE list_id = ? ORDER BY position"),
                      error))
        return std::nullopt;
    lines.addBindValue(listId);
    if (!sql::exec(lines, error))
        return std::nullopt;
    while (lines.next()) {
        RequisitionListLine line;
        line.sku = lines.value(0).toString();
        line.quantity = Decimal::parse(lines.value(1).toString()).value_or(Decimal());
        line.unit = lines.value(2).toString();
        line.note = lines.value(3).toString();
        row.lines << line;
    }
    return row;
}

ListChange changeFromQuery(const QSqlQuery &q)
{
    ListChange c;
    c.id = q.value(0).toLongLong();
    c.listId = q.value(1).toString();
    c.op = q.value(2).toString() == u"delete" ? ListChange::Op::Delete : ListChange::Op::Put;
    if (!q.value(3).isNull())
        c.baseVersion = q.value(3).toLongLong();
    c.idempotencyKey = q.value(4).toString().toUtf8();
    c.body = q.value(5).toString().toUtf8();
    c.failed = q.value(6).toString() == u"failed";
    c.lastError = q.value(7).toString();
    c.attempts = q.value(8).toInt();
    return c;
}

const QString ChangeColumns = QStringLiteral(
    "id, list_id, op, base_version, idempotency_key, body, state, last_error, attempts");

// The changes of one list (or of all lists when listId is empty), in sending order.
std::optional<QList<ListChange>> loadChanges(const QSqlDatabase &db, const QString &listId,
                                             QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(
            q,
            listId.isNull()
                ? QStringLiteral("SELECT %1 FROM list_outbox ORDER BY id").arg(ChangeColumns)
                : QStringLiteral("SELECT %1 FROM list_outbox WHERE list_id = ?"
                                 " ORDER BY id")
                      .arg(ChangeColumns),
            error))
        return std::nullopt;
    if (!listId.isNull())
        q.addBindValue(listId);
    if (!sql::exec(q, error))
        return std::nullopt;
    QList<ListChange> changes;
    while (q.next())
        changes << changeFromQuery(q);
    return changes;
}

std::optional<ListChange> loadChange(const QSqlDatabase &db, qint64 changeId, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(
            q, QStringLiteral("SELECT %1 FROM list_outbox WHERE id = ?").arg(ChangeColumns), error))
        return std::nullopt;
    q.addBindValue(changeId);
    if (!sql::exec(q, error))
        return std::nullopt;
    if (!q.next()) {
        sql::fail(error, QStringLiteral("no queued change %1").arg(changeId));
        return std::nullopt;
    }
    return changeFromQuery(q);
}

QString describe(const QList<FieldError> &errors)
{
    QStringList reasons;
    for (const FieldError &e : errors)
        reasons << QStringLiteral("%1 %2").arg(e.pointer, e.detail);
    return reasons.join(QStringLiteral("; "));
}

// Reads back a body this store wrote (putBody).
bool readBody(const QByteArray &body, QString *name, QList<RequisitionListLine> *lines)
{
    QList<FieldError> errors;
    const auto parsed = RequisitionList::fromJson(QJsonDocument::fromJson(body).object(),
                                                  RequisitionList::JsonForm::Content, &errors);
    if (!parsed) {
        qCWarning(lcLists) << "a queued change does not parse:" << describe(errors);
        return false;
    }
    *name = parsed->name;
    *lines = parsed->lines;
    return true;
}

// Checks a name and lines as the portal would, through the shared parser.
bool validate(const QString &name, const QList<RequisitionListLine> &lines, QString *error)
{
    QList<FieldError> errors;
    if (RequisitionList::fromJson(QJsonDocument::fromJson(ListStore::putBody(name, lines)).object(),
                                  RequisitionList::JsonForm::Content, &errors))
        return true;
    return sql::fail(error, describe(errors));
}

ListInfo overlay(const ServerRow &server, const QList<ListChange> &changes)
{
    ListInfo info;
    info.list.id = server.id;
    info.list.name = server.name;
    info.list.version = server.version;
    info.list.updatedAt = server.updatedAt;
    info.list.updatedBy = server.updatedBy;
    info.list.lines = server.lines;
    info.conflictOf = server.conflictOf;
    info.notice = server.notice;
    info.createdAt = server.createdAt;
    info.pendingChanges = int(changes.size());
    for (const ListChange &c : changes) {
        if (c.failed) {
            info.state = ListSyncState::Failed;
            if (info.failure.isEmpty())
                info.failure = c.lastError;
        } else if (info.state == ListSyncState::Synced) {
            info.state = ListSyncState::Waiting;
        }
    }
    if (!changes.isEmpty()) {
        const ListChange &last = changes.constLast();
        if (last.op == ListChange::Op::Delete)
            info.deleting = true;
        else
            readBody(last.body, &info.list.name, &info.list.lines);
    }
    return info;
}

std::optional<ListInfo> loadInfo(const QSqlDatabase &db, const QString &listId, QString *error)
{
    const auto server = loadServer(db, listId, error);
    if (!server)
        return std::nullopt;
    const auto changes = loadChanges(db, listId, error);
    if (!changes)
        return std::nullopt;
    ListInfo info = overlay(*server, *changes);
    if (!info.conflictOf.isEmpty()) {
        QSqlQuery q(db);
        if (sql::prepare(q, QStringLiteral("SELECT name FROM lists WHERE id = ?"), error)) {
            q.addBindValue(info.conflictOf);
            if (sql::exec(q, error) && q.next())
                info.conflictOfName = q.value(0).toString();
        }
    }
    return info;
}

bool writeServer(const QSqlDatabase &db, const RequisitionList &list, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("INSERT INTO lists(id, name, version, updated_at, updated_by,"
                                     " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                                     " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                                     " version = excluded.version,"
                                     " updated_at = excluded.updated_at,"
                                     " updated_by = excluded.updated_by"),
                      error))
        return false;
    q.addBindValue(list.id);
    q.addBindValue(sql::text(list.name));
    q.addBindValue(list.version);
    q.addBindValue(timestampToSql(list.updatedAt));
    q.addBindValue(sql::text(list.updatedBy));
    q.addBindValue(nowText());
    if (!sql::exec(q, error))
        return false;
    QSqlQuery clear(db);
    if (!sql::prepare(clear, QStringLiteral("DELETE FROM list_lines WHERE list_id = ?"), error))
        return false;
    clear.addBindValue(list.id);
    if (!sql::exec(clear, error))
        return false;
    if (list.lines.isEmpty())
        return true;
    QSqlQuery insert(db);
    if (!sql::prepare(insert,
                      QStringLiteral("INSERT INTO list_lines(list_id, position, sku, quantity,"
                                     " unit, note) VALUES (?, ?, ?, ?, ?, ?)"),
                      error))
        return false;
    for (qsizetype i = 0; i < list.lines.size(); ++i) {
        const RequisitionListLine &line = list.lines.at(i);
        insert.bindValue(0, list.id);
        insert.bindValue(1, qint64(i));
        insert.bindValue(2, sql::text(line.sku));
        insert.bindValue(3, line.quantity.toString(0));
        insert.bindValue(4, sql::text(line.unit));
        insert.bindValue(5, sql::text(line.note));
        if (!sql::exec(insert, error))
            return false;
    }
    return true;
}

bool runWith(const QSqlDatabase &db, const QString &statement, const QVariantList &values,
             QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q, statement, error))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    return sql::exec(q, error);
}

bool insertLocalList(const QSqlDatabase &db, const QString &id, const QString &name,
                     const QString &conflictOf, QString *error)
{
    return runWith(db,
                   QStringLiteral("INSERT INTO lists(id, name, version, conflict_of, created_at)"
                                  " VALUES (?, ?, 0, ?, ?)"),
                   {id, name, nullableText(conflictOf), nowText()}, error);
}

bool insertChange(const QSqlDatabase &db, const QString &listId, ListChange::Op op,
                  const std::optional<qint64> &baseVersion, const QByteArray &body, QString *error)
{
    const QString now = nowText();
    return runWith(db,
                   QStringLiteral("INSERT INTO list_outbox(list_id, op, base_version,"
                                  " idempotency_key, body, created_at, updated_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {listId,
                    op == ListChange::Op::Put ? QStringLiteral("put") : QStringLiteral("delete"),
                    baseVersion ? QVariant(*baseVersion) : QVariant(QMetaType(QMetaType::LongLong)),
                    QUuid::createUuid().toString(QUuid::WithoutBraces),
                    op == ListChange::Op::Put ? QVariant(QString::fromUtf8(body))
                                              : QVariant(QMetaType(QMetaType::QString)),
                    now, now},
                   error);
}

// Queues a change of `listId`, whose server state is `server`: folded into the list's last
// change when that one was never sent, otherwise queued behind it.
bool queueChange(const QSqlDatabase &db, const ServerRow &server, ListChange::Op op,
                 const QByteArray &body, QString *error)
{
    const auto changes = loadChanges(db, server.id, error);
    if (!changes)
        return false;
    if (!changes->isEmpty()) {
        const ListChange &last = changes->constLast();
        if (last.attempts == 0 && !last.failed) {
            if (op == ListChange::Op::Delete && last.baseVersion == 0) {
                // A create that never left: nothing to tell the portal.
                if (!runWith(db, QStringLiteral("DELETE FROM list_outbox WHERE id = ?"), {last.id},
                             error))
                    return false;
                if (changes->size() == 1 && server.version == 0)
                    return runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"),
                                   {server.id}, error);
                return true;
            }
            return runWith(
                db,
                QStringLiteral("UPDATE list_outbox SET op = ?, body = ?,"
                               " updated_at = ? WHERE id = ?"),
                {op == ListChange::Op::Put ? QStringLiteral("put") : QStringLiteral("delete"),
                 op == ListChange::Op::Put ? QVariant(QString::fromUtf8(body))
                                           : QVariant(QMetaType(QMetaType::QString)),
                 nowText(), last.id},
                error);
        }
        return insertChange(db, server.id, op, std::nullopt, body, error);
    }
    if (op == ListChange::Op::Delete && server.version == 0)
        return runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"), {server.id}, error);
    return insertChange(db, server.id, op, server.version, body, error);
}

QString cleanName(const QString &name)
{
    return name.trimmed();
}

} // namespace

ListStore::ListStore(Database &db)
    : m_db(db)
{}

QByteArray ListStore::putBody(const QString &name, const QList<RequisitionListLine> &lines)
{
    RequisitionList list;
    list.name = name;
    list.lines = lines;
    return QJsonDocument(list.contentJson()).toJson(QJsonDocument::Compact);
}

std::optional<ListInfo> ListStore::create(const QString &name,
                                          const QList<RequisitionListLine> &lines, QString *error,
                                          const QString &conflictOf)
{
    const QString clean = cleanName(name);
    if (!validate(clean, lines, error))
        return std::nullopt;
    const QString id = qm::newListId();
    std::optional<ListInfo> created;
    const bool ok = m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            if (!insertLocalList(db, id, clean, conflictOf, why) ||
                !insertChange(db, id, ListChange::Op::Put, 0, putBody(clean, lines), why))
                return false;
            created = loadInfo(db, id, why);
            return created.has_value();
        },
        error);
    if (!ok)
        return std::nullopt;
    qCInfo(lcLists) << "created list" << id << "with" << lines.size() << "lines";
    return created;
}

namespace {

// Runs an edit of the list as the user sees it: `edit` changes name and lines, which are
// then checked and queued, all in one transaction.
template<typename Edit>
bool editList(Database &database, const QString &listId, QString *error, Edit edit)
{
    return database.write(
        [&](QString *why) {
            const QSqlDatabase db = database.connection();
            const auto server = loadServer(db, listId, why);
            if (!server)
                return false;
            const auto changes = loadChanges(db, listId, why);
            if (!changes)
                return false;
            ListInfo info = overlay(*server, *changes);
            if (info.deleting)
                return sql::fail(
                    why, QStringLiteral("the list '%1' is being deleted").arg(info.list.name));
            if (!edit(info.list, why) || !validate(info.list.name, info.list.lines, why))
                return false;
            return queueChange(db, *server, ListChange::Op::Put,
                               ListStore::putBody(info.list.name, info.list.lines), why);
        },
        error);
}

} // namespace

bool ListStore::rename(const QString &listId, const QString &name, QString *error)
{
    return editList(m_db, listId, error, [&](RequisitionList &list, QString *) {
        list.name = cleanName(name);
        return true;
    });
}

bool ListStore::setLines(const QString &listId, const QList<RequisitionListLine> &lines,
                         QString *error)
{
    return editList(m_db, listId, error, [&](RequisitionList &list, QString *) {
        list.lines = lines;
        return true;
    });
}

bool ListStore::addLine(const QString &listId, const RequisitionListLine &line, QString *error)
{
    return editList(m_db, listId, error, [&](RequisitionList &list, QString *why) {
        // The line on its own must be valid: a zero quantity would vanish into a merge.
        if (!validate(list.name, {line}, why))
            return false;
        for (RequisitionListLine &existing : list.lines) {
            if (existing.sku.compare(line.sku, Qt::CaseInsensitive) != 0 ||
                existing.unit.compare(line.unit, Qt::CaseInsensitive) != 0)
                continue;
            existing.quantity = existing.quantity + line.quantity;
            if (!line.note.isEmpty())
                existing.note = line.note;
            return true;
        }
        list.lines << line;
        return true;
    });
}

std::optional<int> ListStore::removeSku(const QString &listId, const QString &sku, QString *error)
{
    int removed = 0;
    const bool ok = editList(m_db, listId, error, [&](RequisitionList &list, QString *why) {
        removed = int(list.lines.removeIf([&](const RequisitionListLine &l) {
            return l.sku.compare(sku.trimmed(), Qt::CaseInsensitive) == 0;
        }));
        if (removed == 0)
            return sql::fail(
                why, QStringLiteral("the list '%1' has no line for '%2'").arg(list.name, sku));
        return true;
    });
    if (!ok)
        return std::nullopt;
    return removed;
}

bool ListStore::remove(const QString &listId, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto server = loadServer(db, listId, why);
            if (!server)
                return false;
            const auto changes = loadChanges(db, listId, why);
            if (!changes)
                return false;
            if (overlay(*server, *changes).deleting)
                return true; // already on its way
            return queueChange(db, *server, ListChange::Op::Delete, {}, why);
        },
        error);
}

std::optional<ListInfo> ListStore::saveCart(qint64 cartId, const QString &name, QString *error)
{
    QSqlQuery q(m_db.connection());
    if (!sql::prepare(q,
                      QStringLiteral("SELECT sku, quantity, uom, note FROM cart_lines"
                                     " WHERE cart_id = ? ORDER BY position"),
                      error))
        return std::nullopt;
    q.addBindValue(cartId);
    if (!sql::exec(q, error))
        return std::nullopt;
    QList<RequisitionListLine> lines;
    while (q.next()) {
        RequisitionListLine line;
        line.sku = q.value(0).toString();
        line.quantity = Decimal::fromInt(q.value(1).toLongLong());
        line.unit = q.value(2).toString();
        line.note = q.value(3).toString();
        lines << line;
    }
    q.finish();
    QSqlQuery cart(m_db.connection());
    if (!sql::prepare(cart, QStringLiteral("SELECT 1 FROM carts WHERE id = ?"), error))
        return std::nullopt;
    cart.addBindValue(cartId);
    if (!sql::exec(cart, error))
        return std::nullopt;
    if (!cart.next()) {
        sql::fail(error, QStringLiteral("no cart with id %1").arg(cartId));
        return std::nullopt;
    }
    return create(name, lines, error);
}

bool ListStore::dismissNotice(const QString &listId, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto server = loadServer(db, listId, why);
            if (!server)
                return false;
            if (server->notice.isEmpty())
                return sql::fail(
                    why,
                    QStringLiteral("the list '%1' has no notice to dismiss").arg(server->name));
            return runWith(db, QStringLiteral("UPDATE lists SET notice = '' WHERE id = ?"),
                           {listId}, why);
        },
        error);
}

QList<ListInfo> ListStore::lists() const
{
    const QSqlDatabase db = m_db.connection();
    QString error;
    QSqlQuery q(db);
    QStringList ids;
    if (sql::prepare(q, QStringLiteral("SELECT id FROM lists"), &error) && sql::exec(q, &error)) {
        while (q.next())
            ids << q.value(0).toString();
    }
    q.finish();
    QList<ListInfo> out;
    for (const QString &id : std::as_const(ids)) {
        auto info = loadInfo(db, id, &error);
        if (!info) {
            qCWarning(lcLists) << "cannot read list" << id << ":" << error;
            continue;
        }
        if (info->deleting && info->state != ListSyncState::Failed)
            continue;
        out << *info;
    }
    std::sort(out.begin(), out.end(), [](const ListInfo &a, const ListInfo &b) {
        const int c = a.list.name.compare(b.list.name, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.list.id < b.list.id;
    });
    return out;
}

std::optional<ListInfo> ListStore::list(const QString &listId) const
{
    QString error;
    return loadInfo(m_db.connection(), listId, &error);
}

std::optional<ListInfo> ListStore::find(const QString &idOrName, QString *error) const
{
    const QString wanted = idOrName.trimmed();
    const QList<ListInfo> all = lists();
    for (const ListInfo &info : all) {
        if (info.list.id.compare(wanted, Qt::CaseInsensitive) == 0)
            return info;
    }
    std::optional<ListInfo> found;
    for (const ListInfo &info : all) {
        if (info.list.name.compare(wanted, Qt::CaseInsensitive) != 0)
            continue;
        if (found) {
            sql::fail(error,
                      QStringLiteral("several lists are named '%1'; use the id").arg(wanted));
            return std::nullopt;
        }
        found = info;
    }
    if (!found)
        sql::fail(error, QStringLiteral("no list named '%1'").arg(wanted));
    return found;
}

QList<ListChange> ListStore::outbox() const
{
    QString error;
    return loadChanges(m_db.connection(), QString(), &error).value_or(QList<ListChange>());
}

std::optional<ListChange> ListStore::nextChange() const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT %1 FROM list_outbox o WHERE state = 'pending'"
                                     " AND NOT EXISTS (SELECT 1 FROM list_outbox f"
                                     "  WHERE f.list_id = o.list_id AND f.id < o.id"
                                     "  AND f.state = 'failed')"
                                     " ORDER BY id LIMIT 1")
                          .arg(ChangeColumns),
                      &error) ||
        !sql::exec(q, &error)) {
        qCWarning(lcLists) << "cannot read the outbox:" << error;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return changeFromQuery(q);
}

std::optional<ListChange> ListStore::beginSend(qint64 changeId, QString *error)
{
    std::optional<ListChange> change;
    const bool ok = m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            change = loadChange(db, changeId, why);
            if (!change)
                return false;
            if (!change->baseVersion) {
                const auto server = loadServer(db, change->listId, why);
                if (!server)
                    return false;
                change->baseVersion = server->version;
            }
            ++change->attempts;
            return runWith(db,
                           QStringLiteral("UPDATE list_outbox SET base_version = ?,"
                                          " attempts = ?, updated_at = ? WHERE id = ?"),
                           {*change->baseVersion, change->attempts, nowText(), changeId}, why);
        },
        error);
    if (!ok)
        return std::nullopt;
    return change;
}

bool ListStore::recordAccepted(qint64 changeId, const std::optional<RequisitionList> &server,
                               QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto change = loadChange(db, changeId, why);
            if (!change)
                return false;
            if (!runWith(db, QStringLiteral("DELETE FROM list_outbox WHERE id = ?"), {changeId},
                         why))
                return false;
            if (change->op == ListChange::Op::Delete || !server)
                return runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"),
                               {change->listId}, why);
            if (server->id != change->listId)
                return sql::fail(
                    why, QStringLiteral("the portal answered with list '%1'").arg(server->id));
            // The next change of the list was made on top of this one.
            return writeServer(db, *server, why) &&
                   runWith(db,
                           QStringLiteral("UPDATE list_outbox SET base_version = ?"
                                          " WHERE id = (SELECT min(id) FROM list_outbox"
                                          "  WHERE list_id = ?) AND base_version IS NULL"),
                           {server->version, change->listId}, why);
        },
        error);
}

bool ListStore::recordConflict(qint64 changeId, const std::optional<RequisitionList> &current,
                               QString *error, QString *copyId)
{
    QString newId;
    const bool ok = m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto change = loadChange(db, changeId, why);
            if (!change)
                return false;
            const auto changes = loadChanges(db, change->listId, why);
            if (!changes || changes->isEmpty())
                return false;
            const ListChange &final = changes->constLast();
            if (!runWith(db, QStringLiteral("DELETE FROM list_outbox WHERE list_id = ?"),
                         {change->listId}, why))
                return false;
            if (current) {
                if (!writeServer(db, *current, why))
                    return false;
            }
            if (final.op == ListChange::Op::Put) {
                QString name;
                QList<RequisitionListLine> lines;
                readBody(final.body, &name, &lines);
                constexpr qsizetype MaxName = 120;
                name = name.left(MaxName - ConflictSuffix.size()).trimmed() + ConflictSuffix;
                newId = qm::newListId();
                if (!insertLocalList(db, newId, name, change->listId, why) ||
                    !insertChange(db, newId, ListChange::Op::Put, 0, putBody(name, lines), why))
                    return false;
            } else if (current) {
                if (!runWith(db, QStringLiteral("UPDATE lists SET notice = ? WHERE id = ?"),
                             {listnotice::DeleteConflict, change->listId}, why))
                    return false;
            }
            if (!current)
                return runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"),
                               {change->listId}, why);
            return true;
        },
        error);
    if (ok && copyId)
        *copyId = newId;
    if (ok)
        qCInfo(lcLists) << "change" << changeId << "met a newer version; copy:" << newId;
    return ok;
}

bool ListStore::recordFailed(qint64 changeId, const QString &reason, QString *error)
{
    return recordSendProblem(changeId, reason, true, error);
}

bool ListStore::recordRetryLater(qint64 changeId, const QString &reason, QString *error)
{
    return recordSendProblem(changeId, reason, false, error);
}

// Keeps `reason` with the change; a refused change (`refused`) waits for the user, any other
// stays pending and goes out again with the same key.
bool ListStore::recordSendProblem(qint64 changeId, const QString &reason, bool refused,
                                  QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            return loadChange(db, changeId, why) &&
                   runWith(db,
                           refused ? QStringLiteral("UPDATE list_outbox SET state = 'failed',"
                                                    " last_error = ?, updated_at = ? WHERE id = ?")
                                   : QStringLiteral("UPDATE list_outbox SET last_error = ?,"
                                                    " updated_at = ? WHERE id = ?"),
                           {reason, nowText(), changeId}, why);
        },
        error);
}

bool ListStore::retryChange(qint64 changeId, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto change = loadChange(db, changeId, why);
            if (!change)
                return false;
            if (!change->failed)
                return sql::fail(why, QStringLiteral("change %1 has not failed").arg(changeId));
            return runWith(db,
                           QStringLiteral("UPDATE list_outbox SET state = 'pending',"
                                          " updated_at = ? WHERE id = ?"),
                           {nowText(), changeId}, why);
        },
        error);
}

bool ListStore::discardChange(qint64 changeId, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto change = loadChange(db, changeId, why);
            if (!change)
                return false;
            if (!change->failed)
                return sql::fail(why, QStringLiteral("change %1 has not failed; only a refused"
                                                     " change can be discarded")
                                          .arg(changeId));
            const auto server = loadServer(db, change->listId, why);
            if (!server || !runWith(db, QStringLiteral("DELETE FROM list_outbox WHERE id = ?"),
                                    {changeId}, why))
                return false;
            const auto rest = loadChanges(db, change->listId, why);
            if (!rest)
                return false;
            if (rest->isEmpty())
                return server->version > 0 ||
                       runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"),
                               {change->listId}, why);
            // What waited behind it is now made on top of the server's state.
            if (!rest->constFirst().baseVersion)
                return runWith(db,
                               QStringLiteral("UPDATE list_outbox SET base_version = ?"
                                              " WHERE id = ?"),
                               {server->version, rest->constFirst().id}, why);
            return true;
        },
        error);
}

std::optional<ListChange> ListStore::failedChange(const QString &listId) const
{
    QString error;
    const auto changes = loadChanges(m_db.connection(), listId, &error);
    if (!changes) {
        qCWarning(lcLists) << "cannot read the outbox:" << error;
        return std::nullopt;
    }
    for (const ListChange &c : *changes) {
        if (c.failed)
            return c;
    }
    return std::nullopt;
}

bool ListStore::discardChanges(const QString &listId, QString *error)
{
    return m_db.write(
        [&](QString *why) {
            const QSqlDatabase db = m_db.connection();
            const auto server = loadServer(db, listId, why);
            if (!server)
                return false;
            const auto changes = loadChanges(db, listId, why);
            if (!changes)
                return false;
            const bool refused = std::any_of(changes->cbegin(), changes->cend(),
                                             [](const ListChange &c) { return c.failed; });
            if (!refused)
                return sql::fail(why, QStringLiteral("the portal refused no change of the list"
                                                     " '%1'; nothing to discard")
                                          .arg(overlay(*server, *changes).list.name));
            if (!runWith(db, QStringLiteral("DELETE FROM list_outbox WHERE list_id = ?"), {listId},
                         why))
                return false;
            qCInfo(lcLists) << "discarded" << changes->size() << "changes of list" << listId;
            return server->version > 0 ||
                   runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"), {listId}, why);
        },
        error);
}

QList<QuickOrderEntry> ListStore::quickOrderEntries(const RequisitionList &list)
{
    QList<QuickOrderEntry> entries;
    entries.reserve(list.lines.size());
    int number = 0;
    for (const RequisitionListLine &line : list.lines) {
        QuickOrderEntry e;
        e.line = ++number;
        e.code = line.sku;
        e.uom = line.unit;
        e.quantityText = line.quantity.toString(0);
        e.source = LineSource::Imported;
        if (line.quantity.units() > 0 && line.quantity.units() % Decimal::One == 0)
            e.quantity = line.quantity.units() / Decimal::One;
        else
            e.quantityError = QStringLiteral("not a whole quantity: '%1'").arg(e.quantityText);
        entries << e;
    }
    return entries;
}

bool ListStore::applyFeedEntry(const QSqlDatabase &db, const QString &key, const QJsonObject &data,
                               QString *error)
{
    QList<FieldError> errors;
    const auto parsed =
        RequisitionList::fromJson(data, RequisitionList::JsonForm::Resource, &errors);
    if (!parsed)
        return sql::fail(error, describe(errors));
    const RequisitionList &list = *parsed;
    if (list.id != key)
        return sql::fail(error,
                         QStringLiteral("payload id '%1' does not match the key").arg(list.id));
    return writeServer(db, list, error);
}

bool ListStore::removeFeedEntry(const QSqlDatabase &db, const QString &key, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q, QStringLiteral("SELECT count(*) FROM list_outbox WHERE list_id = ?"),
                      error))
        return false;
    q.addBindValue(key);
    if (!sql::exec(q, error) || !q.next())
        return false;
    const bool pending = q.value(0).toLongLong() > 0;
    q.finish();
    if (!pending)
        return runWith(db, QStringLiteral("DELETE FROM lists WHERE id = ?"), {key}, error);
    // Changes wait for it: they will meet the deletion when they are sent.
    return runWith(db, QStringLiteral("DELETE FROM list_lines WHERE list_id = ?"), {key}, error) &&
           runWith(db, QStringLiteral("UPDATE lists SET version = 0 WHERE id = ?"), {key}, error);
}

} // namespace qm
