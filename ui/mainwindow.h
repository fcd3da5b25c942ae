#pragma once

#include "models/profilestore.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QProgressBar;
class QSplitter;
class QTableView;

namespace qm {

class CatalogModel;
class Database;
class ProductDetailView;
class SearchField;
struct SyncProgress;
struct SyncResult;

// The main window: search field and sync controls in the toolbar, the catalog table and
// the product detail pane side by side, and a status bar with the connection state, the
// age of the catalog and who is signed in. It shows; the AppController acts.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setProfile(const ProfileInfo &info);
    void setSessionOnly(bool sessionOnly);
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_syncing; }
    // Re-reads when the catalog was last verified ("Catalog as of ...").
    void refreshCatalogAge();

    // Selects the first row of the table and shows it; false if the table is empty.
    bool selectFirstProduct();

    CatalogModel *catalogModel() const { return m_model; }
    QTableView *catalogView() const { return m_table; }
    ProductDetailView *detailView() const { return m_detail; }
    SearchField *searchField() const { return m_search; }

public Q_SLOTS:
    void onSyncStarted();
    void onSyncProgress(const qm::SyncProgress &progress);
    void onSyncFinished(const qm::SyncResult &result);
    void showMessage(const QString &message);

Q_SIGNALS:
    void syncRequested();
    void cancelSyncRequested();
    void signOutRequested();

private:
    void createActions();
    void createToolBar();
    void createStatusBar();
    void fitColumns();
    void search(const QString &text);
    void moveSelection(int rows);
    void openCurrent();
    void showCurrent();
    void showAbout();

    Database &m_db;
    CatalogModel *m_model;
    ProfileInfo m_profile;
    SearchField *m_search = nullptr;
    QTableView *m_table = nullptr;
    ProductDetailView *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_progressAction = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_onlineLabel = nullptr;
    QLabel *m_catalogAgeLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_sessionOnlyLabel = nullptr;
    bool m_online = true;
    bool m_syncing = false;
};

} // namespace qm
