#pragma once

#include "core/requisitionlist.h"
#include "models/quickorderimport.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace qm {

class Database;

// Where a saved list stands with the portal.
enum class ListSyncState
{
    Synced,  // the cache holds the server's version and nothing is waiting
    Waiting, // local changes wait in the outbox for the next sync
    Failed,  // the portal refused a change: it stays, with the reason, until the user acts
};

// Codes of ListInfo::notice (the UI turns them into words).
namespace listnotice {
// The user deleted the list, but someone had changed it on the portal meanwhile: the
// delete was not applied and the list is shown as the portal has it.
inline const QString DeleteConflict = QStringLiteral("delete-conflict");
} // namespace listnotice

// A saved list as the user sees it: the server's state overlaid by the changes that wait
// in the outbox.
struct ListInfo
{
    // id, name and lines as the user sees them; version, updatedAt and updatedBy of the
    // server's state (version 0: the portal does not have this list yet).
    RequisitionList list;
    ListSyncState state = ListSyncState::Synced;
    int pendingChanges = 0; // changes of this list in the outbox
    bool deleting = false;  // a delete waits (only listed when it failed)
    QString conflictOf;     // a conflicting copy: the id of the other list
    QString conflictOfName; // its name, if the cache still has it
    QString notice;         // a listnotice code, empty when none
    QString failure;        // Failed: the portal's problem document (JSON) or a message
    QDateTime createdAt;    // UTC, when the cache first had the list
};

// One change waiting to be sent: PUT /api/v1/lists/{listId} or DELETE.
struct ListChange
{
    enum class Op
    {
        Put,
        Delete,
    };

    qint64 id = 0; // the outbox order
    QString listId;
    Op op = Op::Put;
    // The version the change was made on top of: 0 for a create (If-None-Match: *);
    // nullopt while the change before it for the same list has not returned its version.
    std::optional<qint64> baseVersion;
    QByteArray idempotencyKey;
    QByteArray body; // Put: {"name": ..., "lines": [...]}
    bool failed = false;
    QString lastError;
    int attempts = 0; // > 0: frozen, a retry sends the same key and body
};

// Saved lists in the profile's cache, edited offline. Every edit writes the list's outbox
// in one transaction: an edit to a list whose queued change was never sent is folded into
// that change; once a send was attempted the change is frozen and the edit queues behind
// it. The sync sends the outbox (nextChange / beginSend / record*) and applies the lists
// feed (through CatalogStore).
//
// Errors: a method that fails returns false / nullopt with one line in `error` (an unknown
// list, an invalid name or line, or the database's message); nothing changes then.
class ListStore final
{
public:
    explicit ListStore(Database &db);

    // Editing. Names are trimmed; names and lines are checked as the portal checks them.
    std::optional<ListInfo> create(const QString &name, const QList<RequisitionListLine> &lines,
                                   QString *error, const QString &conflictOf = {});
    bool rename(const QString &listId, const QString &name, QString *error);
    bool setLines(const QString &listId, const QList<RequisitionListLine> &lines, QString *error);
    // Adds a line; a line for the same SKU (case-insensitive) and unit takes the sum.
    bool addLine(const QString &listId, const RequisitionListLine &line, QString *error);
    // Removes the lines of `sku` (case-insensitive); returns how many, 0 when none.
    std::optional<int> removeSku(const QString &listId, const QString &sku, QString *error);
    bool remove(const QString &listId, QString *error);
    // A new list holding the cart's lines (quantity and unit; the note goes along).
    std::optional<ListInfo> saveCart(qint64 cartId, const QString &name, QString *error);
    // Clears the list's notice; fails when it has none.
    bool dismissNotice(const QString &listId, QString *error);

    // Reading, as the user sees it; lists pending deletion are left out unless the delete
    // failed. Sorted by name.
    QList<ListInfo> lists() const;
    std::optional<ListInfo> list(const QString &listId) const;
    // By id, or by a name that only one list has (case-insensitive). `error` says which.
    std::optional<ListInfo> find(const QString &idOrName, QString *error) const;

    // The outbox, in sending order.
    QList<ListChange> outbox() const;
    // The next change to send: the first pending one whose list has no failed change
    // before it. nullopt when nothing can be sent.
    std::optional<ListChange> nextChange() const;
    // Freezes the change before it goes out (attempts + 1, base version fixed): from now on
    // retries send exactly this key and body. Returns the change as it must be sent.
    std::optional<ListChange> beginSend(qint64 changeId, QString *error);
    // The portal accepted the change: `server` is the list it returned (nullopt for a delete).
    // The next change of the same list is based on the returned version.
    bool recordAccepted(qint64 changeId, const std::optional<RequisitionList> &server,
                        QString *error);
    // 412 version-conflict: `current` is the portal's list (nullopt: it no longer exists).
    // The server state is stored; a put is kept as a new list "<name> (my changes)" marked as
    // a conflicting copy and queued as a create (its id in `copyId`); a delete is not applied
    // and the list gets a notice.
    bool recordConflict(qint64 changeId, const std::optional<RequisitionList> &current,
                        QString *error, QString *copyId = nullptr);
    // The portal refused the change (4xx): it stays, failed, with the reason.
    bool recordFailed(qint64 changeId, const QString &reason, QString *error);
    // It could not be sent (network, 5xx): it stays pending, frozen, with the reason.
    bool recordRetryLater(qint64 changeId, const QString &reason, QString *error);
    // The user's decisions about a failed change.
    bool retryChange(qint64 changeId, QString *error);
    bool discardChange(qint64 changeId, QString *error);
    // The list's first change the portal refused; nullopt when it has none.
    std::optional<ListChange> failedChange(const QString &listId) const;
    // Drops every change of the list that waits in the outbox, once the portal refused one of
    // them (the changes behind it carry the refused edit too): the list is the portal's
    // version again, and leaves the cache when the portal never had it. Fails when the portal
    // refused no change of the list.
    bool discardChanges(const QString &listId, QString *error);

    // The lists feed, applied inside CatalogStore's page transaction.
    static bool applyFeedEntry(const QSqlDatabase &db, const QString &key, const QJsonObject &data,
                               QString *error);
    static bool removeFeedEntry(const QSqlDatabase &db, const QString &key, QString *error);

    // The list's lines as quick-order entries (source: imported), so that adding a list to a
    // cart goes through QuickOrderImport like any import: codes resolve, line rules apply,
    // and lines whose SKU left the assortment are reported rather than dropped. A quantity
    // with a fraction is reported as invalid for a cart, which orders whole units.
    static QList<QuickOrderEntry> quickOrderEntries(const RequisitionList &list);

    // The JSON body of a PUT for this name and these lines.
    static QByteArray putBody(const QString &name, const QList<RequisitionListLine> &lines);

private:
    bool recordSendProblem(qint64 changeId, const QString &reason, bool refused, QString *error);
    Database &m_db;
};

} // namespace qm
