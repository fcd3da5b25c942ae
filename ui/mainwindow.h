#pragma once

#include "models/catalogquery.h"
#include "models/profilestore.h"
#include "scan/scannerconfig.h"
#include "sync/syncestimate.h"
#include "ui/permissions.h"

#include <QElapsedTimer>

#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QShortcut;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableView;

namespace qm {
namespace scan {
class ImageDecoder;
class SerialScanner;
struct ScanResult;
} // namespace scan

class CameraDialog;
class CartView;
class ImportPreviewDialog;
class ListsView;
class OutboxView;
class SubmitOrderDialog;
class ApprovalsView;
class AccountAdmin;
class AccountAdminView;
class CompanyAccounts;
class CompanyView;
class OrderActions;
class OrderHistoryView;
class ScannerInput;
class ScannerSettingsDialog;
class SyncSettingsDialog;
class CatalogModel;
class Database;
class QuickOrderView;
class ProductDetailView;
class FacetBar;
class SearchField;
struct SyncProgress;
struct SyncResult;

// The main window: search field and sync controls in the toolbar; pages (Ctrl+1..): the
// catalog table with the product detail pane and "Add to cart", the cart (with "Submit
// Order…"), quick order entry, the account's saved lists, the order history, the outbox of
// orders placed here, for approvers, the approvals and, for account administrators, the
// account's users, ship-to locations and audit trail; a status bar with the outbox's queued
// and refused orders, the current cart's lines and total, the connection state, the age of the
// catalog and who is signed in. What it offers follows the signed-in role (UiPermissions):
// what the role may not do is hidden or disabled, with the reason. It shows; the
// AppController acts.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Who is signed in; also decides what the window offers them (UiPermissions).
    void setProfile(const ProfileInfo &info);
    // What the signed-in user may do, from the profile's capabilities.
    const UiPermissions &permissions() const { return m_permissions; }
    // The folder of the open profile: the account switcher marks it.
    void setProfileDirectory(const QString &directory) { m_profileDir = directory; }
    // File → Switch Account, filled each time it opens.
    QMenu *accountsMenu() const { return m_accountsMenu; }
    void setSessionOnly(bool sessionOnly);
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_syncing; }
    // Re-reads when the catalog was last verified ("Catalog as of ...").
    void refreshCatalogAge();

    // Selects the first row of the table and shows it; false if the table is empty.
    bool selectFirstProduct();

    enum class Page
    {
        Catalog,
        Cart,
        QuickOrder,
        Lists,
        Orders,
        Outbox,
        Approvals, // only for users with the orders:approve capability
        Account,   // only for users with users:manage or locations:manage
        Company,   // only for users with subsidiaries:read
    };
    void showPage(Page page);
    Page currentPage() const;
    // Whether a scan now goes to the cart: the cart or the quick order page is showing.
    bool acceptsScans() const;
    // Whether the page is offered to the signed-in user (its tab and View menu entry show).
    bool isPageAvailable(Page page) const;

    CatalogModel *catalogModel() const { return m_model; }
    CartView *cartView() const { return m_cart; }
    QuickOrderView *quickOrderView() const { return m_quickOrder; }
    ListsView *listsView() const { return m_lists; }
    OutboxView *outboxView() const { return m_outbox; }
    // "Outbox: 1 queued, 1 needs attention" in the status bar; hidden when nothing waits.
    QLabel *outboxSummaryLabel() const { return m_outboxLabel; }
    OrderHistoryView *orderHistoryView() const { return m_orders; }
    ApprovalsView *approvalsView() const { return m_approvals; }
    // Whether the Approvals page is offered: the signed-in user may approve orders.
    bool hasApprovalsPage() const;
    // The online order actions (the approvals queue and decisions); null while signed out.
    void setOrderActions(OrderActions *actions);
    // The account page: users, ship-to locations and the audit trail, through the portal.
    AccountAdminView *accountAdminView() const { return m_accountAdmin; }
    // Whether the Account page is offered: the user may manage users or locations.
    bool hasAccountPage() const;
    // The portal's account administration; null while signed out.
    void setAccountAdmin(AccountAdmin *admin);
    // The company view's portal connection; null: signed out.
    void setCompanyAccounts(CompanyAccounts *company);
    CompanyView *companyView() const { return m_company; }
    QLabel *cartSummaryLabel() const { return m_cartLabel; }
    ScannerInput *scannerInput() const { return m_scanner; }
    scan::ImageDecoder *imageDecoder() const { return m_decoder; }
    scan::SerialScanner *serialScanner() const { return m_serial; }
    QLabel *serialScannerLabel() const { return m_serialLabel; }
    QAction *scannerSettingsAction() const { return m_scannerSettingsAction; }
    QAction *cameraAction() const { return m_cameraAction; }
    QAction *syncSettingsAction() const { return m_syncSettingsAction; }
    QProgressBar *syncProgressBar() const { return m_progress; }
    // The open dialogs, if any.
    ScannerSettingsDialog *scannerSettingsDialog() const;
    CameraDialog *cameraDialog() const;
    SyncSettingsDialog *syncSettingsDialog() const;
    const scan::ScannerConfig &scannerConfig() const { return m_scannerConfig; }
    QTableView *catalogView() const { return m_table; }
    // File → Import Quick Order… (Ctrl+I).
    QAction *importAction() const { return m_importAction; }
    // Help → What Can I Do?: the role and its capabilities in words.
    QAction *permissionsAction() const { return m_permissionsAction; }
    // "Add to Cart" under the product detail pane.
    QPushButton *addToCartButton() const { return m_addButton; }
    QLabel *userLabel() const { return m_userLabel; }
    ProductDetailView *detailView() const { return m_detail; }
    SearchField *searchField() const { return m_search; }
    FacetBar *facetBar() const { return m_facets; }

    // The time a sync still needs, for people: "less than a minute left", "about 2 min left".
    static QString timeLeftText(qint64 ms);

public Q_SLOTS:
    void onSyncStarted();
    void onSyncProgress(const qm::SyncProgress &progress);
    void onSyncFinished(const qm::SyncResult &result);
    // A push of the order outbox ended (SyncController::push).
    void onOrdersPushed(const qm::SyncResult &result);
    // The automatic sync fell due while offline and did not run.
    void onSyncSkippedOffline();
    void showMessage(const QString &message);
    // Help → What Can I Do?: opens a box with the role and its capabilities in words.
    void showPermissions();
    // A scanned code (from the scanner input or a decoded image): adds it to the current
    // cart and flashes the page that is showing.
    void handleScan(const QString &code, const QString &symbology = {});
    // Adds the product shown in the detail pane to the current cart.
    bool addShownProductToCart();
    // Opens the import preview for a CSV, TSV, text or XLSX file, or for pasted cells.
    void importFile(const QString &path);
    void importText(const QString &text);
    // Reads the barcodes in an image file (qm-decode) and adds them as scans.
    void decodeImage(const QString &path);
    // A file dropped on the window: an order file opens the import preview, an image is
    // decoded as scans. False for any other file.
    bool openDroppedFile(const QString &path);
    // Reorder: the lines (empty: all) of a cached order go through the import preview into
    // the current cart, or into a new cart named `newCartName`, re-priced for today with
    // unavailable items flagged. False when nothing was added.
    bool reorder(const QString &number, const QList<int> &lineNos, const QString &newCartName = {});
    void onScanned(const qm::scan::ScanResult &result);
    // Scanner settings take effect at once: keyboard-wedge timing and reading, the serial
    // scanner (opened, reopened or closed) and the scan sounds.
    void applyScannerConfig(const qm::scan::ScannerConfig &config);
    void openScannerSettings();
    void openCamera();
    // Tools → Sync Settings: the interval of the automatic sync (stored in QSettings).
    void openSyncSettings();
    // The submit dialog for a cart; when it queues the order, the outbox shows it and
    // sendOrdersRequested() asks for it to be sent.
    void openSubmitDialog(qint64 cartId);
    // Re-reads the outbox page and the status bar's count.
    void refreshOutbox();

Q_SIGNALS:
    // The import preview is about to run modally.
    void importPreviewOpened(qm::ImportPreviewDialog *dialog);
    void syncRequested();
    void cancelSyncRequested();
    // Sync Settings stored a new interval (0: automatic sync off).
    void syncIntervalChanged(int minutes);
    void signOutRequested();
    // File → Switch Account: another profile on this computer, by its folder.
    void switchProfileRequested(const QString &directory);
    // File → Switch Account → Add Account: sign in to one more portal account.
    void addAccountRequested();
    // The submit dialog is about to run modally.
    void submitDialogOpened(qm::SubmitOrderDialog *dialog);
    // Orders are waiting in the outbox to be sent now.
    void sendOrdersRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The profiles under the profiles folder (and the open one, wherever it lives).
    void fillAccountsMenu();
    void runImport(ImportPreviewDialog &dialog);
    void createActions();
    void createToolBar();
    void createStatusBar();
    void fitColumns();
    void search(const QString &text);
    void moveSelection(int rows);
    void openCurrent();
    void showCurrent();
    void showAbout();
    void createCatalogPage();
    void createOrderPages();
    void addOrderPageActions(QMenu *view);
    void updateOrderPages();
    // Shows, hides, enables and explains what the profile's capabilities allow.
    void applyPermissions();
    // True (after saying why in the status bar) when the user's role cannot order.
    bool refuseOrdering();
    // A scan while the role cannot order: the product it names shows in the catalog.
    void showScannedProduct(const scan::ScanResult &result);
    void refreshOrderPages();
    void promptReorder(const QString &number, const QList<int> &lineNos, bool newCart);
    void updateCartSummary();
    void fillPacks(const ProductDetails *details);
    void onSerialScanned(const QString &text);
    void updateSerialState();
    void updateCameraAction();
    void createOutboxPage();
    void createAccountPage();
    void addAccountPageAction(QMenu *view);
    void updateAccountPage();
    void createCompanyPage(QMenu *view);
    void updateCompanyPage();
    void updateOutboxSummary();

    Database &m_db;
    CatalogModel *m_model;
    ProfileInfo m_profile;
    UiPermissions m_permissions;
    QAction *m_importAction = nullptr;
    QAction *m_permissionsAction = nullptr;
    // The View menu's Cart, Quick Order and Outbox entries: only for users who may order.
    QList<QAction *> m_orderingPageActions;
    // Shortcuts of what the role may not do: they explain instead of acting.
    QList<QShortcut *> m_refusalShortcuts;
    QString m_profileDir;
    QMenu *m_accountsMenu = nullptr;
    SearchField *m_search = nullptr;
    FacetBar *m_facets = nullptr;
    QTableView *m_table = nullptr;
    ProductDetailView *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    CartView *m_cart = nullptr;
    QuickOrderView *m_quickOrder = nullptr;
    ListsView *m_lists = nullptr;
    OutboxView *m_outbox = nullptr;
    QLabel *m_outboxLabel = nullptr;
    OrderHistoryView *m_orders = nullptr;
    ApprovalsView *m_approvals = nullptr;
    QAction *m_approvalsAction = nullptr;
    AccountAdminView *m_accountAdmin = nullptr;
    QAction *m_accountAction = nullptr;
    CompanyView *m_company = nullptr;
    QAction *m_companyAction = nullptr;
    QSpinBox *m_addQuantity = nullptr;
    QComboBox *m_addPack = nullptr;
    QPushButton *m_addButton = nullptr;
    QLabel *m_cartLabel = nullptr;
    ScannerInput *m_scanner = nullptr;
    scan::ImageDecoder *m_decoder = nullptr;
    scan::SerialScanner *m_serial = nullptr;
    scan::ScannerConfig m_scannerConfig;
    QPointer<ScannerSettingsDialog> m_scannerSettings;
    QPointer<CameraDialog> m_camera;
    QAction *m_scannerSettingsAction = nullptr;
    QAction *m_cameraAction = nullptr;
    QAction *m_syncSettingsAction = nullptr;
    QPointer<SyncSettingsDialog> m_syncSettings;
    QLabel *m_serialLabel = nullptr;
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
    QElapsedTimer m_syncClock;
    SyncEstimator m_syncEstimate;
};

} // namespace qm
