#include "ui/accountadminview.h"

#include "core/problem.h"
#include "models/formatting.h"
#include "sync/apierror.h"
#include "ui/errormessages.h"
#include "ui/locationdialog.h"
#include "ui/userdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

namespace qm {

namespace {

QTableWidget *makeTable(int columns, const QStringList &headers, const char *name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(QString::fromLatin1(name));
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

void fillRow(QTableWidget *table, int row, const QStringList &cells, int rightAligned = -1)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        if (c == rightAligned)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, c, item);
    }
}

void selectRow(QTableWidget *table, int row)
{
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
}

QString addressLine(const ShipToAddress &a)
{
    QStringList parts{a.line1};
    if (!a.line2.isEmpty())
        parts << a.line2;
    parts << QStringLiteral("%1 %2 %3").arg(a.city, a.region, a.postalCode).simplified()
          << a.country;
    return parts.join(QStringLiteral(", "));
}

} // namespace

AccountAdminView::AccountAdminView(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_refresh(new QPushButton(tr("Re&fresh"), this))
    , m_tabs(new QTabWidget(this))
    , m_usersPage(new QWidget(this))
    , m_auditPage(new QWidget(this))
    , m_usersTable(makeTable(UserColumnCount,
                             {tr("Name"), tr("Username"), tr("Email"), tr("Role"),
                              tr("Spending limit"), tr("Default location"), tr("Active")},
                             "usersTable", this))
    , m_locationsTable(makeTable(
          LocationColumnCount, {tr("Code"), tr("Name"), tr("Address"), tr("Default"), tr("Active")},
          "locationsTable", this))
    , m_auditTable(makeTable(AuditColumnCount, {tr("When"), tr("Who"), tr("What"), tr("Changes")},
                             "auditTable", this))
    , m_addUser(new QPushButton(tr("&Add User…"), this))
    , m_editUser(new QPushButton(tr("&Edit…"), this))
    , m_toggleUser(new QPushButton(tr("&Deactivate…"), this))
    , m_addLocation(new QPushButton(tr("&Add Location…"), this))
    , m_editLocation(new QPushButton(tr("&Edit…"), this))
    , m_defaultLocation(new QPushButton(tr("&Make Default"), this))
    , m_toggleLocation(new QPushButton(tr("&Deactivate…"), this))
{
    setObjectName(QStringLiteral("accountAdminView"));
    m_state->setObjectName(QStringLiteral("accountAdminState"));
    m_state->setWordWrap(true);
    m_refresh->setObjectName(QStringLiteral("accountAdminRefresh"));
    m_tabs->setObjectName(QStringLiteral("accountAdminTabs"));
    m_addUser->setObjectName(QStringLiteral("addUserButton"));
    m_editUser->setObjectName(QStringLiteral("editUserButton"));
    m_toggleUser->setObjectName(QStringLiteral("toggleUserButton"));
    m_addLocation->setObjectName(QStringLiteral("addLocationButton"));
    m_editLocation->setObjectName(QStringLiteral("editLocationButton"));
    m_defaultLocation->setObjectName(QStringLiteral("defaultLocationButton"));
    m_toggleLocation->setObjectName(QStringLiteral("toggleLocationButton"));

    const auto layOut = [](QWidget *page, QTableWidget *table,
                           const QList<QPushButton *> &buttons) {
        auto *row = new QHBoxLayout;
        for (QPushButton *b : buttons)
            row->addWidget(b);
        row->addStretch(1);
        auto *layout = new QVBoxLayout(page);
        layout->addWidget(table, 1);
        layout->addLayout(row);
    };
    layOut(m_usersPage, m_usersTable, {m_addUser, m_editUser, m_toggleUser});
    auto *locationsPage = new QWidget(this);
    layOut(locationsPage, m_locationsTable,
           {m_addLocation, m_editLocation, m_defaultLocation, m_toggleLocation});
    auto *auditLabel = new QLabel(
        tr("The last %n change(s) to the account's users and ship-to locations, newest first.",
           nullptr, AuditLimit),
        m_auditPage);
    auditLabel->setWordWrap(true);
    auto *auditLayout = new QVBoxLayout(m_auditPage);
    auditLayout->addWidget(auditLabel);
    auditLayout->addWidget(m_auditTable, 1);
    m_tabs->addTab(m_usersPage, tr("&Users"));
    m_tabs->addTab(locationsPage, tr("&Locations"));
    m_tabs->addTab(m_auditPage, tr("Audi&t"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_state, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_refresh, &QPushButton::clicked, this, &AccountAdminView::refresh);
    connect(m_addUser, &QPushButton::clicked, this, &AccountAdminView::addUser);
    connect(m_editUser, &QPushButton::clicked, this, &AccountAdminView::editUser);
    connect(m_toggleUser, &QPushButton::clicked, this, &AccountAdminView::toggleUserActive);
    connect(m_addLocation, &QPushButton::clicked, this, &AccountAdminView::addLocation);
    connect(m_editLocation, &QPushButton::clicked, this, &AccountAdminView::editLocation);
    connect(m_defaultLocation, &QPushButton::clicked, this, &AccountAdminView::makeLocationDefault);
    connect(m_toggleLocation, &QPushButton::clicked, this, &AccountAdminView::toggleLocationActive);
    connect(m_usersTable, &QTableWidget::itemDoubleClicked, this, &AccountAdminView::editUser);
    connect(m_locationsTable, &QTableWidget::itemDoubleClicked, this,
            &AccountAdminView::editLocation);
    connect(m_usersTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AccountAdminView::updateState);
    connect(m_locationsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AccountAdminView::updateState);
    setPermissions(false, false);
}

AccountAdminView::~AccountAdminView() = default;

void AccountAdminView::setAccountAdmin(AccountAdmin *admin)
{
    if (m_admin)
        disconnect(m_admin, nullptr, this, nullptr);
    m_admin = admin;
    m_step = Step::None;
    m_queue.clear();
    m_problem.clear();
    m_unreachable = false;
    if (admin) {
        connect(admin, &AccountAdmin::usersFetched, this, &AccountAdminView::onUsers);
        connect(admin, &AccountAdmin::locationsFetched, this, &AccountAdminView::onLocations);
        connect(admin, &AccountAdmin::auditFetched, this, &AccountAdminView::onAudit);
        connect(admin, &AccountAdmin::userSaved, this, &AccountAdminView::onUserSaved);
        connect(admin, &AccountAdmin::locationSaved, this, &AccountAdminView::onLocationSaved);
        connect(admin, &AccountAdmin::failed, this, &AccountAdminView::onFailed);
    } else {
        // Signed out: nothing of the account stays on the page.
        m_users.clear();
        m_locations.clear();
        m_events.clear();
        fillUsers();
        fillLocations();
        fillAudit();
        delete m_userDialog;
        delete m_locationDialog;
        delete m_confirm;
    }
    updateState();
}

void AccountAdminView::setPermissions(bool manageUsers, bool manageLocations)
{
    const bool gainsUsers = manageUsers && !m_manageUsers;
    m_manageUsers = manageUsers;
    m_manageLocations = manageLocations;
    m_tabs->setTabVisible(m_tabs->indexOf(m_usersPage), manageUsers);
    m_tabs->setTabVisible(m_tabs->indexOf(m_auditPage), manageUsers);
    // Hiding the users moved the page to the locations; the users come first again.
    if (gainsUsers)
        m_tabs->setCurrentWidget(m_usersPage);
    updateState();
}

void AccountAdminView::setOnline(bool online)
{
    m_online = online;
    // A connection that is back may reach the portal again; Refresh finds out.
    if (online)
        m_unreachable = false;
    updateState();
}

void AccountAdminView::refresh()
{
    if (!m_admin || isBusy())
        return;
    m_problem.clear();
    m_queue = {Step::Locations};
    if (m_manageUsers)
        m_queue << Step::Users << Step::Audit;
    next();
}

void AccountAdminView::next()
{
    if (m_queue.isEmpty() || !m_admin) {
        m_step = Step::None;
        updateState();
        return;
    }
    m_step = m_queue.takeFirst();
    updateState();
    switch (m_step) {
    case Step::Locations:
        m_admin->fetchLocations();
        break;
    case Step::Users:
        m_admin->fetchUsers();
        break;
    case Step::Audit:
        m_admin->fetchAudit(AuditLimit);
        break;
    case Step::None:
    case Step::SaveUser:
    case Step::SaveLocation:
        break;
    }
}

void AccountAdminView::onLocations(const QList<AdminLocation> &locations)
{
    if (m_step != Step::Locations)
        return;
    m_unreachable = false;
    m_locations = locations;
    fillLocations();
    if (!m_selectLocation.isEmpty())
        selectLocation(std::exchange(m_selectLocation, QString()));
    // The users name their default location by code.
    fillUsers();
    next();
}

void AccountAdminView::onUsers(const QList<AdminUser> &users)
{
    if (m_step != Step::Users)
        return;
    m_unreachable = false;
    m_users = users;
    fillUsers();
    if (!m_selectUser.isEmpty())
        selectUser(std::exchange(m_selectUser, QString()));
    next();
}

void AccountAdminView::onAudit(const QList<AuditEvent> &events)
{
    if (m_step != Step::Audit)
        return;
    m_unreachable = false;
    m_events = events;
    fillAudit();
    next();
}

void AccountAdminView::onUserSaved(const AdminUser &user)
{
    if (m_step != Step::SaveUser)
        return;
    m_step = Step::None;
    m_unreachable = false;
    if (m_userDialog)
        m_userDialog->accept();
    Q_EMIT message(m_doneText.arg(user.username));
    Q_EMIT changed();
    m_selectUser = user.username;
    refresh();
}

void AccountAdminView::onLocationSaved(const AdminLocation &location)
{
    if (m_step != Step::SaveLocation)
        return;
    m_step = Step::None;
    m_unreachable = false;
    if (m_locationDialog)
        m_locationDialog->accept();
    Q_EMIT message(m_doneText.arg(location.code));
    Q_EMIT changed();
    m_selectLocation = location.code;
    refresh();
}

void AccountAdminView::onFailed(const ApiError &error)
{
    const Step step = m_step;
    if (step == Step::None)
        return;
    m_step = Step::None;
    m_queue.clear();
    const bool saving = step == Step::SaveUser || step == Step::SaveLocation;
    if (ErrorMessages::isConnectivity(error)) {
        m_unreachable = true;
        m_problem.clear();
        const QString text = tr("The portal cannot be reached; nothing was changed.");
        if (m_userDialog) {
            m_userDialog->showError(text);
            m_userDialog->setBusy(false);
        }
        if (m_locationDialog) {
            m_locationDialog->showError(text);
            m_locationDialog->setBusy(false);
        }
        if (saving)
            Q_EMIT message(text);
        updateState();
        return;
    }
    const QString reason = ErrorMessages::forApiError(error);
    if (!saving) {
        m_problem = tr("The account's users and locations could not be fetched: %1").arg(reason);
        updateState();
        return;
    }
    const QJsonArray fieldErrors =
        error.problem ? error.problem->extensions.value(u"errors").toArray() : QJsonArray();
    const bool inDialog = step == Step::SaveUser ? bool(m_userDialog) : bool(m_locationDialog);
    if (inDialog) {
        if (step == Step::SaveUser) {
            if (fieldErrors.isEmpty())
                m_userDialog->showError(reason);
            else
                m_userDialog->showErrors(fieldErrors);
            m_userDialog->setBusy(false);
        } else {
            if (fieldErrors.isEmpty())
                m_locationDialog->showError(reason);
            else
                m_locationDialog->showErrors(fieldErrors);
            m_locationDialog->setBusy(false);
        }
    }
    m_problem = tr("Nothing was changed: %1").arg(reason);
    Q_EMIT message(m_problem);
    updateState();
    // Someone else removed or changed it meanwhile: show the account as it is.
    if (error.httpStatus == 404)
        refresh();
}

bool AccountAdminView::canChange() const
{
    return m_admin && !isOffline() && !isBusy();
}

void AccountAdminView::updateState()
{
    const auto user = currentUser();
    const auto location = currentLocation();
    const bool can = canChange();
    m_refresh->setEnabled(m_admin && !isBusy());
    m_addUser->setEnabled(can && m_manageUsers);
    m_editUser->setEnabled(can && m_manageUsers && user);
    m_toggleUser->setEnabled(can && m_manageUsers && user);
    m_toggleUser->setText(user && !user->active ? tr("&Activate…") : tr("&Deactivate…"));
    m_addLocation->setEnabled(can && m_manageLocations);
    m_editLocation->setEnabled(can && m_manageLocations && location);
    m_defaultLocation->setEnabled(can && m_manageLocations && location && location->active &&
                                  !location->isDefault);
    m_toggleLocation->setEnabled(can && m_manageLocations && location && !location->isDefault);
    m_toggleLocation->setText(location && !location->active ? tr("&Activate…")
                                                            : tr("&Deactivate…"));
    m_toggleLocation->setToolTip(location && location->isDefault
                                     ? tr("The default location stays active: make another "
                                          "location the default first.")
                                     : QString());

    QString text;
    if (!m_admin)
        text = tr("Sign in to manage the account's users and ship-to locations.");
    else if (isOffline())
        text = tr("Offline: managing users and ship-to locations needs a connection to the "
                  "portal, and nothing is queued. Refresh when the connection is back.");
    else if (m_step == Step::SaveUser || m_step == Step::SaveLocation)
        text = tr("Saving…");
    else if (isBusy())
        text = tr("Fetching the account's users and locations…");
    else if (!m_problem.isEmpty())
        text = m_problem;
    else if (m_manageUsers)
        text = tr("%1, %2.").arg(tr("%n user(s)", nullptr, int(m_users.size())),
                                 tr("%n ship-to location(s)", nullptr, int(m_locations.size())));
    else
        text = tr("%n ship-to location(s).", nullptr, int(m_locations.size()));
    m_state->setText(text);
}

QString AccountAdminView::locationCode(qint64 id) const
{
    for (const AdminLocation &l : m_locations)
        if (l.id == id)
            return l.code;
    return QString::number(id);
}

void AccountAdminView::fillUsers()
{
    const auto previous = currentUser();
    const QLocale locale;
    {
        const QSignalBlocker block(m_usersTable->selectionModel());
        m_usersTable->clearContents();
        m_usersTable->setRowCount(int(m_users.size()));
        for (int r = 0; r < m_users.size(); ++r) {
            const AdminUser &u = m_users.at(r);
            fillRow(m_usersTable, r,
                    {u.displayName, u.username, u.email, UserDialog::roleText(u.role),
                     u.spendingLimit ? formatting::decimal(locale, *u.spendingLimit, 2)
                                     : tr("No limit"),
                     u.defaultLocation ? locationCode(*u.defaultLocation) : tr("Account default"),
                     u.active ? tr("Yes") : tr("No")},
                    UserLimitColumn);
        }
    }
    m_usersTable->resizeColumnsToContents();
    if (!previous || !selectUser(previous->username))
        updateState();
}

void AccountAdminView::fillLocations()
{
    const auto previous = currentLocation();
    {
        const QSignalBlocker block(m_locationsTable->selectionModel());
        m_locationsTable->clearContents();
        m_locationsTable->setRowCount(int(m_locations.size()));
        for (int r = 0; r < m_locations.size(); ++r) {
            const AdminLocation &l = m_locations.at(r);
            fillRow(m_locationsTable, r,
                    {l.code, l.name, addressLine(l.address),
                     l.isDefault ? tr("Default") : QString(), l.active ? tr("Yes") : tr("No")});
        }
    }
    m_locationsTable->resizeColumnsToContents();
    if (!previous || !selectLocation(previous->code))
        updateState();
}

void AccountAdminView::fillAudit()
{
    const QLocale locale;
    m_auditTable->clearContents();
    m_auditTable->setRowCount(int(m_events.size()));
    for (int r = 0; r < m_events.size(); ++r) {
        const AuditEvent &e = m_events.at(r);
        fillRow(m_auditTable, r,
                {locale.toString(e.at.toLocalTime(), QLocale::ShortFormat),
                 e.actor.isEmpty() ? tr("(removed user)") : e.actor, actionText(e),
                 changesText(e)});
    }
    m_auditTable->resizeColumnsToContents();
}

QString AccountAdminView::actionText(const AuditEvent &e) const
{
    if (e.action == u"user.created")
        return tr("Added user %1").arg(e.target);
    if (e.action == u"user.updated")
        return tr("Changed user %1").arg(e.target);
    if (e.action == u"user.deactivated")
        return tr("Deactivated user %1").arg(e.target);
    if (e.action == u"user.activated")
        return tr("Activated user %1").arg(e.target);
    if (e.action == u"location.created")
        return tr("Added location %1").arg(e.target);
    if (e.action == u"location.updated")
        return tr("Changed location %1").arg(e.target);
    return tr("%1 %2").arg(e.action, e.target);
}

namespace {

QString fieldText(const QString &field)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("username"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Username")},
        {QStringLiteral("display_name"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Name")},
        {QStringLiteral("name"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Name")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Email")},
        {QStringLiteral("role"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Role")},
        {QStringLiteral("spending_limit"),
         QT_TRANSLATE_NOOP("qm::AccountAdminView", "Spending limit")},
        {QStringLiteral("default_location"),
         QT_TRANSLATE_NOOP("qm::AccountAdminView", "Default location")},
        {QStringLiteral("active"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Active")},
        {QStringLiteral("is_default"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Default")},
        {QStringLiteral("code"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Code")},
        {QStringLiteral("line1"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Address")},
        {QStringLiteral("line2"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Address line 2")},
        {QStringLiteral("city"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "City")},
        {QStringLiteral("region"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Region")},
        {QStringLiteral("postal_code"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Postal code")},
        {QStringLiteral("country"), QT_TRANSLATE_NOOP("qm::AccountAdminView", "Country")},
    };
    const char *name = names.value(field);
    return name ? AccountAdminView::tr(name) : field;
}

} // namespace

QString AccountAdminView::valueText(const QString &field, const QJsonValue &v) const
{
    if (v.isNull() || v.isUndefined())
        return tr("none");
    if (field == u"default_location")
        return locationCode(v.toInteger());
    if (field == u"role")
        return UserDialog::roleText(v.toString());
    if (field == u"spending_limit") {
        if (const auto amount = Decimal::parse(v.toString()))
            return formatting::decimal(QLocale(), *amount, 2);
    }
    if (v.isBool())
        return v.toBool() ? tr("yes") : tr("no");
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

QString AccountAdminView::changesText(const AuditEvent &e) const
{
    const bool created = e.action.endsWith(u".created");
    QStringList parts;
    for (auto it = e.changes.begin(); it != e.changes.end(); ++it) {
        const QJsonArray pair = it.value().toArray();
        parts << (created ? tr("%1: %2").arg(fieldText(it.key()), valueText(it.key(), pair.at(1)))
                          : tr("%1: %2 → %3")
                                .arg(fieldText(it.key()), valueText(it.key(), pair.at(0)),
                                     valueText(it.key(), pair.at(1))));
    }
    return parts.join(tr("; "));
}

std::optional<AdminUser> AccountAdminView::currentUser() const
{
    const int row = m_usersTable->currentRow();
    if (row < 0 || row >= m_users.size())
        return std::nullopt;
    return m_users.at(row);
}

std::optional<AdminLocation> AccountAdminView::currentLocation() const
{
    const int row = m_locationsTable->currentRow();
    if (row < 0 || row >= m_locations.size())
        return std::nullopt;
    return m_locations.at(row);
}

bool AccountAdminView::selectUser(const QString &username)
{
    for (int r = 0; r < m_users.size(); ++r) {
        if (m_users.at(r).username == username) {
            selectRow(m_usersTable, r);
            updateState();
            return true;
        }
    }
    return false;
}

bool AccountAdminView::selectLocation(const QString &code)
{
    for (int r = 0; r < m_locations.size(); ++r) {
        if (m_locations.at(r).code == code) {
            selectRow(m_locationsTable, r);
            updateState();
            return true;
        }
    }
    return false;
}

UserDialog *AccountAdminView::addUser()
{
    if (!canChange() || !m_manageUsers || m_userDialog)
        return nullptr;
    auto *dialog = new UserDialog(m_locations, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::submitted, this, [this, dialog] {
        if (!canChange()) {
            dialog->showError(isOffline() ? tr("The portal cannot be reached; nothing was changed.")
                                          : tr("Wait for the change on its way to finish."));
            return;
        }
        dialog->setBusy(true);
        m_doneText = tr("Added user %1: they can sign in now.");
        m_step = Step::SaveUser;
        m_problem.clear();
        updateState();
        m_admin->createUser(dialog->newUser());
    });
    m_userDialog = dialog;
    dialog->open();
    return dialog;
}

UserDialog *AccountAdminView::editUser()
{
    const auto user = currentUser();
    if (!canChange() || !m_manageUsers || !user || m_userDialog)
        return nullptr;
    auto *dialog = new UserDialog(*user, m_locations, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::submitted, this, [this, dialog] {
        const UserChange change = dialog->change();
        if (change.isEmpty()) {
            dialog->accept();
            return;
        }
        if (!canChange()) {
            dialog->showError(isOffline() ? tr("The portal cannot be reached; nothing was changed.")
                                          : tr("Wait for the change on its way to finish."));
            return;
        }
        dialog->setBusy(true);
        saveUser(dialog->user().id, change, tr("Saved the changes to %1."));
    });
    m_userDialog = dialog;
    dialog->open();
    return dialog;
}

void AccountAdminView::saveUser(qint64 id, const UserChange &change, const QString &done)
{
    m_doneText = done;
    m_step = Step::SaveUser;
    m_problem.clear();
    updateState();
    m_admin->updateUser(id, change);
}

void AccountAdminView::saveLocation(qint64 id, const LocationChange &change, const QString &done)
{
    m_doneText = done;
    m_step = Step::SaveLocation;
    m_problem.clear();
    updateState();
    m_admin->updateLocation(id, change);
}

QMessageBox *AccountAdminView::confirm(const QString &title, const QString &text,
                                       const QString &button, const std::function<void()> &onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("accountAdminConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(button, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(yes, &QPushButton::clicked, this, [this, onYes] {
        if (canChange())
            onYes();
    });
    delete m_confirm;
    m_confirm = box;
    box->open();
    return box;
}

QMessageBox *AccountAdminView::toggleUserActive()
{
    const auto user = currentUser();
    if (!canChange() || !m_manageUsers || !user)
        return nullptr;
    const qint64 id = user->id;
    const QString name = user->displayName.isEmpty() ? user->username : user->displayName;
    if (user->active)
        return confirm(tr("Deactivate %1").arg(user->username),
                       tr("Deactivate %1? They are signed out everywhere at once and cannot "
                          "sign in until they are activated again. Their orders stay.")
                           .arg(name),
                       tr("&Deactivate"), [this, id] {
                           UserChange change;
                           change.active = false;
                           saveUser(id, change, tr("Deactivated %1."));
                       });
    return confirm(tr("Activate %1").arg(user->username),
                   tr("Activate %1? They can sign in again with their password.").arg(name),
                   tr("&Activate"), [this, id] {
                       UserChange change;
                       change.active = true;
                       saveUser(id, change, tr("Activated %1."));
                   });
}

LocationDialog *AccountAdminView::addLocation()
{
    if (!canChange() || !m_manageLocations || m_locationDialog)
        return nullptr;
    auto *dialog = new LocationDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LocationDialog::submitted, this, [this, dialog] {
        if (!canChange()) {
            dialog->showError(isOffline() ? tr("The portal cannot be reached; nothing was changed.")
                                          : tr("Wait for the change on its way to finish."));
            return;
        }
        dialog->setBusy(true);
        m_doneText = tr("Added ship-to location %1.");
        m_step = Step::SaveLocation;
        m_problem.clear();
        updateState();
        m_admin->createLocation(dialog->newLocation());
    });
    m_locationDialog = dialog;
    dialog->open();
    return dialog;
}

LocationDialog *AccountAdminView::editLocation()
{
    const auto location = currentLocation();
    if (!canChange() || !m_manageLocations || !location || m_locationDialog)
        return nullptr;
    auto *dialog = new LocationDialog(*location, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LocationDialog::submitted, this, [this, dialog] {
        const LocationChange change = dialog->change();
        if (change.isEmpty()) {
            dialog->accept();
            return;
        }
        if (!canChange()) {
            dialog->showError(isOffline() ? tr("The portal cannot be reached; nothing was changed.")
                                          : tr("Wait for the change on its way to finish."));
            return;
        }
        dialog->setBusy(true);
        saveLocation(dialog->location().id, change, tr("Saved the changes to %1."));
    });
    m_locationDialog = dialog;
    dialog->open();
    return dialog;
}

bool AccountAdminView::makeLocationDefault()
{
    const auto location = currentLocation();
    if (!canChange() || !m_manageLocations || !location || !location->active || location->isDefault)
        return false;
    LocationChange change;
    change.isDefault = true;
    saveLocation(location->id, change, tr("%1 is the account's default ship-to location now."));
    return true;
}

QMessageBox *AccountAdminView::toggleLocationActive()
{
    const auto location = currentLocation();
    if (!canChange() || !m_manageLocations || !location || location->isDefault)
        return nullptr;
    const qint64 id = location->id;
    if (location->active)
        return confirm(tr("Deactivate %1").arg(location->code),
                       tr("Deactivate %1 (%2)? No new order can ship to it; the orders that "
                          "did keep it.")
                           .arg(location->code, location->name),
                       tr("&Deactivate"), [this, id] {
                           LocationChange change;
                           change.active = false;
                           saveLocation(id, change, tr("Deactivated %1."));
                       });
    return confirm(
        tr("Activate %1").arg(location->code),
        tr("Activate %1 (%2)? Orders can ship to it again.").arg(location->code, location->name),
        tr("&Activate"), [this, id] {
            LocationChange change;
            change.active = true;
            saveLocation(id, change, tr("Activated %1."));
        });
}

} // namespace qm
