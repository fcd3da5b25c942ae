#include "ui/mainwindow.h"

#include "core/feeds.h"
#include "models/catalogmodel.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"
#include "ui/aboutdialog.h"
#include "ui/catalogdelegate.h"
#include "ui/errormessages.h"
#include "ui/facetbar.h"

#include "core/scaninput.h"
#include "models/formatting.h"
#include "models/orderstore.h"
#include "models/profile.h"
#include "models/profiledirectory.h"
#include "scan/imagedecoder.h"
#include "scan/serialscanner.h"
#include "ui/accountadminview.h"
#include "ui/approvalsview.h"
#include "ui/cameradialog.h"
#include "ui/cartview.h"
#include "ui/companyview.h"
#include "ui/importpreviewdialog.h"
#include "ui/listsview.h"
#include "ui/orderdetailview.h"
#include "ui/orderhistoryview.h"
#include "ui/outboxmodel.h"
#include "ui/outboxview.h"
#include "ui/productdetailview.h"
#include "ui/productlookup.h"
#include "ui/quickorderview.h"
#include "ui/scannerinput.h"
#include "ui/scannersettingsdialog.h"
#include "ui/searchfield.h"
#include "ui/submitorderdialog.h"
#include "ui/syncsettingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMediaDevices>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace qm {

namespace {
QString feedTitle(Feed feed)
{
    switch (feed) {
    case Feed::Products:
        return MainWindow::tr("Products");
    case Feed::Prices:
        return MainWindow::tr("Prices");
    case Feed::Stock:
        return MainWindow::tr("Stock");
    case Feed::PartNumbers:
        return MainWindow::tr("Part numbers");
    case Feed::Lists:
        return MainWindow::tr("Saved lists");
    case Feed::Orders:
        return MainWindow::tr("Orders");
    }
    return {};
}
constexpr int ProgressStepsPerFeed = 1000;
} // namespace

MainWindow::MainWindow(Database &db, QWidget *parent)
    : QMainWindow(parent)
    , m_db(db)
    , m_model(new CatalogModel(db, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Quartermaster"));
    resize(1366, 768);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("catalogView"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CatalogDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() +
                                                     fontMetrics().height() / 2 + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CatalogModel::NameColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(fontMetrics().averageCharWidth() * 6);
    const int ch = fontMetrics().averageCharWidth();
    m_table->setColumnWidth(CatalogModel::SkuColumn, ch * 16);
    m_table->setColumnWidth(CatalogModel::PackColumn, ch * 17);
    m_table->setColumnWidth(CatalogModel::PriceColumn, ch * 15);
    m_table->setColumnWidth(CatalogModel::StockColumn, ch * 11);

    m_detail = new ProductDetailView(this);
    m_detail->setMinimumWidth(ch * 48);

    // "Add to cart" under the detail pane: quantity and pack, Enter adds.
    m_addQuantity = new QSpinBox(this);
    m_addQuantity->setObjectName(QStringLiteral("addQuantity"));
    m_addQuantity->setRange(1, 1'000'000'000);
    m_addQuantity->setAccelerated(true);
    m_addPack = new QComboBox(this);
    m_addPack->setObjectName(QStringLiteral("addPack"));
    m_addButton = new QPushButton(tr("&Add to Cart"), this);
    m_addButton->setObjectName(QStringLiteral("addToCartFromCatalog"));
    m_addButton->setEnabled(false);
    auto *quantityLabel = new QLabel(tr("&Quantity:"), this);
    quantityLabel->setBuddy(m_addQuantity);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(quantityLabel);
    addRow->addWidget(m_addQuantity);
    addRow->addWidget(m_addPack, 1);
    addRow->addWidget(m_addButton);
    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail, 1);
    detailLayout->addLayout(addRow);
    connect(m_addButton, &QPushButton::clicked, this, &MainWindow::addShownProductToCart);
    connect(m_addQuantity, &QSpinBox::editingFinished, this, [this] {
        if (m_addQuantity->hasFocus() && m_addButton->isEnabled())
            m_addButton->setFocus();
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    // Facet filters above the table; Tab reaches them from the search field.
    m_facets = new FacetBar(db, this);
    connect(m_facets, &FacetBar::filterChanged, this,
            [this] { m_model->setFilter(m_facets->filter()); });
    auto *catalogPane = new QWidget(this);
    auto *catalogLayout = new QVBoxLayout(catalogPane);
    catalogLayout->setContentsMargins(0, 0, 0, 0);
    catalogLayout->addWidget(m_facets);
    catalogLayout->addWidget(m_table, 1);

    m_splitter->addWidget(catalogPane);
    m_splitter->addWidget(detailPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({ch * 100, ch * 64});

    m_cart = new CartView(db, this);
    m_quickOrder = new QuickOrderView(db, this);
    m_quickOrder->setCartId(m_cart->currentCartId());
    connect(m_cart, &CartView::cartChanged, this, [this](qint64 cartId) {
        m_quickOrder->setCartId(cartId);
        updateCartSummary();
    });
    connect(m_cart, &CartView::message, this, &MainWindow::showMessage);
    connect(m_quickOrder, &QuickOrderView::message, this, &MainWindow::showMessage);
    connect(m_quickOrder, &QuickOrderView::linesAdded, m_cart, [this] { m_cart->refresh(); });
    m_lists = new ListsView(db, this);
    m_lists->setCartId(m_cart->currentCartId());
    connect(m_cart, &CartView::cartChanged, m_lists, &ListsView::setCartId);
    connect(m_lists, &ListsView::message, this, &MainWindow::showMessage);
    connect(m_lists, &ListsView::linesAddedToCart, m_cart, [this] { m_cart->refresh(); });

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Catalog"));
    m_tabs->addTab(m_cart, tr("Cart"));
    m_tabs->addTab(m_quickOrder, tr("Quick Order"));
    m_tabs->addTab(m_lists, tr("Lists"));
    createOrderPages();
    createOutboxPage();
    // The outbox sits between the history and the approvals.
    m_tabs->tabBar()->moveTab(m_tabs->indexOf(m_outbox), m_tabs->indexOf(m_orders) + 1);
    createAccountPage();
    setCentralWidget(m_tabs);
    m_quickOrder->setBlockPasteHandler([this](const QString &text) { importText(text); });

    // Keyboard-wedge scans are caught application-wide while a page that takes scans shows.
    m_scanner = new ScannerInput(this);
    m_scanner->install();
    m_scanner->setEnabled(false);
    connect(m_scanner, &ScannerInput::scanned, this, &MainWindow::onScanned);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { m_scanner->setEnabled(acceptsScans()); });
    m_decoder = new scan::ImageDecoder(this);
    connect(m_decoder, &scan::ImageDecoder::decoded, this,
            [this](const QString &, const QList<scan::DecodedBarcode> &barcodes) {
                if (barcodes.isEmpty()) {
                    showMessage(tr("No barcode found in the image."));
                    return;
                }
                for (const scan::DecodedBarcode &barcode : barcodes)
                    onScanned(scan::interpret(barcode.scanText()));
            });
    connect(m_decoder, &scan::ImageDecoder::failed, this,
            [this](const QString &path, scan::ImageDecoder::Failure failure) {
                showMessage(
                    tr("Could not read %1: %2")
                        .arg(QFileInfo(path).fileName(), scan::ImageDecoder::message(failure)));
            });
    setAcceptDrops(true);
    m_serial = new scan::SerialScanner(this);
    connect(m_serial, &scan::SerialScanner::scanned, this, &MainWindow::onSerialScanned);
    connect(m_serial, &scan::SerialScanner::stateChanged, this, &MainWindow::updateSerialState);
    connect(m_serial, &scan::SerialScanner::errorOccurred, this, [this](const QString &error) {
        if (m_serial->state() == scan::SerialScanner::State::Connected)
            showMessage(error); // garbage on the line; the port stays open
    });

    createActions();
    createToolBar();
    createStatusBar();
    applyScannerConfig(scan::ScannerConfig::load(QSettings()));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showCurrent);
    connect(m_table, &QTableView::activated, this, &MainWindow::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() == 0)
            m_detail->clear();
        fitColumns();
    });
    fitColumns();
    refreshCatalogAge();
    m_search->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::fitColumns()
{
    // SKUs and pack names are short codes that should never be elided: the columns grow
    // to the widest of the first rows (and never shrink, so they do not jump while typing).
    const QFontMetrics metrics(m_table->font());
    const int padding =
        2 * metrics.averageCharWidth() + 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin);
    for (int column : {int(CatalogModel::SkuColumn), int(CatalogModel::PackColumn)}) {
        int width = m_table->horizontalHeader()->sectionSizeHint(column);
        for (int row = 0; row < std::min(m_model->rowCount(), 100); ++row)
            width = std::max(
                width,
                metrics.horizontalAdvance(m_model->index(row, column).data().toString()) + padding);
        if (width > m_table->columnWidth(column))
            m_table->setColumnWidth(column, width);
    }
}

void MainWindow::createActions()
{
    m_syncAction =
        new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Sync Now"), this);
    m_syncAction->setObjectName(QStringLiteral("syncAction"));
    m_syncAction->setShortcut(QKeySequence::Refresh);
    m_syncAction->setToolTip(tr("Download what changed in the catalog, prices and stock (F5)"));
    connect(m_syncAction, &QAction::triggered, this, &MainWindow::syncRequested);

    m_cancelAction =
        new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel Sync"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelSyncAction"));
    m_cancelAction->setToolTip(tr("Stop the sync; what was downloaded so far is kept"));
    m_cancelAction->setVisible(false);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelSyncRequested);

    auto *signOut = new QAction(tr("Sign &Out"), this);
    signOut->setObjectName(QStringLiteral("signOutAction"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);

    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    auto *about = new QAction(tr("&About Quartermaster"), this);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    auto *import = new QAction(tr("&Import Quick Order…"), this);
    m_importAction = import;
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setToolTip(tr("Add the lines of a CSV, TSV or XLSX file to the cart, after a preview"));
    connect(import, &QAction::triggered, this, [this] {
        if (refuseOrdering())
            return;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import Quick Order"), {},
            tr("Order files (*.csv *.tsv *.txt *.xlsx);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setToolTipsVisible(true);
    file->addAction(import);
    file->addSeparator();
    file->addAction(m_syncAction);
    file->addAction(m_cancelAction);
    file->addSeparator();
    m_accountsMenu = file->addMenu(tr("Switch &Account"));
    m_accountsMenu->setObjectName(QStringLiteral("accountsMenu"));
    connect(m_accountsMenu, &QMenu::aboutToShow, this, &MainWindow::fillAccountsMenu);
    file->addAction(signOut);
    file->addSeparator();
    file->addAction(quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, Page>> pages{{tr("&Catalog"), Page::Catalog},
                                                {tr("C&art"), Page::Cart},
                                                {tr("&Quick Order"), Page::QuickOrder},
                                                {tr("&Lists"), Page::Lists}};
    int number = 1;
    for (const auto &[title, page] : pages) {
        auto *action = view->addAction(title);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number++)));
        connect(action, &QAction::triggered, this, [this, target = page] { showPage(target); });
        if (page == Page::Cart || page == Page::QuickOrder)
            m_orderingPageActions << action;
    }
    addOrderPageActions(view);
    addAccountPageAction(view);
    createCompanyPage(view);
    m_scannerSettingsAction = new QAction(tr("&Scanner Settings…"), this);
    m_scannerSettingsAction->setObjectName(QStringLiteral("scannerSettingsAction"));
    connect(m_scannerSettingsAction, &QAction::triggered, this, &MainWindow::openScannerSettings);
    m_cameraAction = new QAction(tr("Scan with &Camera…"), this);
    m_cameraAction->setObjectName(QStringLiteral("cameraAction"));
    connect(m_cameraAction, &QAction::triggered, this, &MainWindow::openCamera);
    auto *devices = new QMediaDevices(this);
    connect(devices, &QMediaDevices::videoInputsChanged, this, &MainWindow::updateCameraAction);
    updateCameraAction();
    m_syncSettingsAction = new QAction(tr("S&ync Settings…"), this);
    m_syncSettingsAction->setObjectName(QStringLiteral("syncSettingsAction"));
    m_syncSettingsAction->setToolTip(
        tr("How often the catalog, prices and stock sync on their own"));
    connect(m_syncSettingsAction, &QAction::triggered, this, &MainWindow::openSyncSettings);
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->setToolTipsVisible(true);
    tools->addAction(m_cameraAction);
    tools->addSeparator();
    tools->addAction(m_scannerSettingsAction);
    tools->addAction(m_syncSettingsAction);
    m_permissionsAction = new QAction(tr("&What Can I Do?"), this);
    m_permissionsAction->setObjectName(QStringLiteral("permissionsAction"));
    m_permissionsAction->setToolTip(
        tr("Your role in this account and what it lets you do in the app"));
    connect(m_permissionsAction, &QAction::triggered, this, &MainWindow::showPermissions);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_permissionsAction);
    help->addSeparator();
    help->addAction(about);

    // What a role may not do keeps its keys: they say why instead of acting.
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_I), QKeySequence(Qt::CTRL | Qt::Key_2),
          QKeySequence(Qt::CTRL | Qt::Key_3), QKeySequence(Qt::CTRL | Qt::Key_6)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setEnabled(false);
        connect(shortcut, &QShortcut::activated, this, &MainWindow::refuseOrdering);
        m_refusalShortcuts << shortcut;
    }
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setContextMenuPolicy(Qt::PreventContextMenu);

    m_search = new SearchField(bar);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 44);
    m_search->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_search->setMaximumWidth(fontMetrics().averageCharWidth() * 90);
    bar->addWidget(m_search);
    connect(m_search, &SearchField::searchRequested, this, &MainWindow::search);
    connect(m_search, &SearchField::moveRequested, this, &MainWindow::moveSelection);
    connect(m_search, &SearchField::openRequested, this, &MainWindow::openCurrent);
    // Tab goes from the search field through the facet filters to the results.
    QWidget *previous = m_search;
    for (QWidget *next :
         {static_cast<QWidget *>(m_facets->categoryBox()),
          static_cast<QWidget *>(m_facets->brandBox()),
          static_cast<QWidget *>(m_facets->materialBox()),
          static_cast<QWidget *>(m_facets->inStockBox()), static_cast<QWidget *>(m_table)}) {
        setTabOrder(previous, next);
        previous = next;
    }

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setRange(0, ProgressStepsPerFeed * int(allFeeds().size()));
    m_progress->setFixedWidth(fontMetrics().averageCharWidth() * 34);
    m_progress->setTextVisible(true);
    m_progressAction = bar->addWidget(m_progress);
    m_progressAction->setVisible(false);
    bar->addAction(m_cancelAction);
    bar->addAction(m_syncAction);

    auto focusSearch = [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    };
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, focusSearch);
    auto *slash = new QShortcut(QKeySequence(Qt::Key_Slash), this);
    connect(slash, &QShortcut::activated, this, focusSearch);
}

void MainWindow::createStatusBar()
{
    QStatusBar *bar = statusBar();
    m_sessionOnlyLabel = new QLabel(tr("Sign-in not saved"), bar);
    m_sessionOnlyLabel->setObjectName(QStringLiteral("sessionOnlyLabel"));
    m_sessionOnlyLabel->setToolTip(ErrorMessages::sessionOnly());
    m_sessionOnlyLabel->hide();
    m_onlineLabel = new QLabel(bar);
    m_onlineLabel->setObjectName(QStringLiteral("onlineLabel"));
    m_catalogAgeLabel = new QLabel(bar);
    m_catalogAgeLabel->setObjectName(QStringLiteral("catalogAgeLabel"));
    m_userLabel = new QLabel(bar);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_cartLabel = new QLabel(bar);
    m_cartLabel->setObjectName(QStringLiteral("cartSummaryLabel"));
    m_serialLabel = new QLabel(bar);
    m_serialLabel->setObjectName(QStringLiteral("serialScannerLabel"));
    m_serialLabel->hide();
    m_outboxLabel = new QLabel(bar);
    m_outboxLabel->setObjectName(QStringLiteral("outboxSummaryLabel"));
    for (QLabel *label : {m_outboxLabel, m_cartLabel, m_sessionOnlyLabel, m_serialLabel,
                          m_onlineLabel, m_catalogAgeLabel, m_userLabel}) {
        label->setContentsMargins(fontMetrics().averageCharWidth(), 0,
                                  fontMetrics().averageCharWidth(), 0);
        bar->addPermanentWidget(label);
    }
    setOnline(true);
    updateCartSummary();
    updateOutboxSummary();
}

void MainWindow::setProfile(const ProfileInfo &info)
{
    m_profile = info;
    m_permissions = UiPermissions(info);
    applyPermissions();
    updateOrderPages();
    updateAccountPage();
    updateCompanyPage();
    setWindowTitle(info.accountName.isEmpty() ? tr("Quartermaster")
                                              : tr("%1 — Quartermaster").arg(info.accountName));
    m_userLabel->setText(tr("%1 · %2").arg(
        info.displayName.isEmpty() ? info.username : info.displayName, info.accountName));
    m_userLabel->setToolTip(tr("%1 (%2), %3 at %4")
                                .arg(info.username, m_permissions.roleText(), info.accountName,
                                     info.portal.toString()) +
                            u'\n' + m_permissions.summary());
}

void MainWindow::applyPermissions()
{
    const bool order = m_permissions.canOrder();
    const QString refusal = m_permissions.orderRefusal();

    // Leave a page before hiding it: a hidden current tab hands over to its neighbour.
    if (!order && !isPageAvailable(currentPage()))
        showPage(Page::Catalog);
    for (QWidget *page : {static_cast<QWidget *>(m_cart), static_cast<QWidget *>(m_quickOrder),
                          static_cast<QWidget *>(m_outbox)})
        m_tabs->setTabVisible(m_tabs->indexOf(page), order);
    for (QAction *action : std::as_const(m_orderingPageActions))
        action->setVisible(order);
    for (QShortcut *shortcut : std::as_const(m_refusalShortcuts))
        shortcut->setEnabled(!order);

    m_importAction->setEnabled(order);
    m_importAction->setToolTip(
        order ? tr("Add the lines of a CSV, TSV or XLSX file to the cart, after a preview")
              : refusal);
    m_addQuantity->setEnabled(order);
    m_addPack->setEnabled(order);
    m_addButton->setToolTip(order ? tr("Add the quantity of the shown product to the cart (Enter)")
                                  : refusal);
    m_lists->setEditRefusal(refusal);
    m_orders->detailView()->setReorderRefusal(refusal);
    m_cart->setSubmitRefusal(m_permissions.submitRefusal());
    m_scanner->setEnabled(acceptsScans());

    const bool prices = m_permissions.canSeePrices();
    m_table->setColumnHidden(CatalogModel::PriceColumn, !prices);
    m_detail->setPricesShown(prices, m_permissions.pricesRefusal());
    m_orders->setPricesShown(prices);

    updateCartSummary();
    updateOutboxSummary();
    showCurrent();
}

bool MainWindow::refuseOrdering()
{
    if (m_permissions.canOrder())
        return false;
    showMessage(m_permissions.orderRefusal());
    return true;
}

bool MainWindow::isPageAvailable(Page page) const
{
    switch (page) {
    case Page::Cart:
    case Page::QuickOrder:
    case Page::Outbox:
        return m_permissions.canOrder();
    case Page::Approvals:
        return m_permissions.canApprove();
    case Page::Account:
        return hasAccountPage();
    case Page::Company:
        return m_profile.can(u"subsidiaries:read");
    case Page::Catalog:
    case Page::Lists:
    case Page::Orders:
        break;
    }
    return true;
}

void MainWindow::showPermissions()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("What Can I Do?"),
                                m_permissions.summary(), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("permissionsBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::fillAccountsMenu()
{
    m_accountsMenu->clear();
    QList<ProfileEntry> entries = profiles::list(profiles::defaultRoot());
    const bool listed =
        std::any_of(entries.cbegin(), entries.cend(), [this](const ProfileEntry &entry) {
            return profiles::sameDirectory(entry.directory, m_profileDir);
        });
    if (!listed && !m_profileDir.isEmpty()) {
        // Opened with --profile from elsewhere: it is the one in use all the same.
        ProfileEntry open;
        open.directory = m_profileDir;
        open.name = QFileInfo(m_profileDir).fileName();
        open.info = m_profile;
        entries.prepend(open);
    }
    for (const ProfileEntry &entry : std::as_const(entries)) {
        QString text;
        if (!entry.error.isEmpty()) {
            text = tr("%1 (cannot be read)").arg(entry.name);
        } else if (entry.info.isEmpty()) {
            text = tr("%1 (never signed in)").arg(entry.name);
        } else {
            const QString who =
                entry.info.displayName.isEmpty() ? entry.info.username : entry.info.displayName;
            text = tr("%1 · %2 (%3)").arg(who, entry.info.accountName, entry.address());
        }
        if (entry.outboxOrders > 0)
            text += tr(" · %n order(s) not sent", nullptr, entry.outboxOrders);
        QAction *action = m_accountsMenu->addAction(text);
        action->setData(entry.directory);
        action->setCheckable(true);
        const bool current = profiles::sameDirectory(entry.directory, m_profileDir);
        action->setChecked(current);
        action->setEnabled(!current && entry.error.isEmpty());
        if (!entry.error.isEmpty())
            action->setToolTip(entry.error);
        connect(action, &QAction::triggered, this,
                [this, directory = entry.directory] { Q_EMIT switchProfileRequested(directory); });
    }
    if (!entries.isEmpty())
        m_accountsMenu->addSeparator();
    QAction *add = m_accountsMenu->addAction(tr("&Add Account…"));
    add->setObjectName(QStringLiteral("addAccountAction"));
    add->setToolTip(tr("Sign in to another portal account; each keeps its own catalog, carts "
                       "and orders on this computer"));
    connect(add, &QAction::triggered, this, &MainWindow::addAccountRequested);
}

void MainWindow::setSessionOnly(bool sessionOnly)
{
    m_sessionOnlyLabel->setVisible(sessionOnly);
    if (sessionOnly)
        showMessage(ErrorMessages::sessionOnly());
}

void MainWindow::setOnline(bool online)
{
    m_online = online;
    m_onlineLabel->setText(online ? tr("Online") : tr("Offline"));
    m_onlineLabel->setToolTip(
        online ? tr("The portal answered the last request.")
               : tr("The portal cannot be reached; you are working with the local copy."));
    m_syncAction->setEnabled(!m_syncing);
    if (m_accountAdmin)
        m_accountAdmin->setOnline(online);
    if (m_company)
        m_company->setOnline(online);
}

void MainWindow::refreshCatalogAge()
{
    // The oldest verification among the feeds this user syncs (a feed the role may not
    // read is never verified and does not count).
    const CatalogStore store(m_db);
    QDateTime oldest;
    for (Feed feed : catalogFeeds()) {
        const QDateTime verified = store.state(feed).verifiedAt;
        if (verified.isValid() && (!oldest.isValid() || verified < oldest))
            oldest = verified;
    }
    if (oldest.isValid()) {
        m_catalogAgeLabel->setText(
            tr("Catalog as of %1")
                .arg(QLocale().toString(oldest.toLocalTime(), QLocale::ShortFormat)));
        m_catalogAgeLabel->setToolTip(
            tr("When the local catalog, prices and stock last matched the portal."));
    } else {
        m_catalogAgeLabel->setText(tr("Catalog not synced yet"));
        m_catalogAgeLabel->setToolTip({});
    }
    // A first sync that stopped before the search index was complete: search finds only the
    // products indexed so far, which the user should know.
    if (const auto index = store.pendingIndex()) {
        const QLocale locale;
        m_catalogAgeLabel->setText(tr("%1 · search covers %2 of %3 products")
                                       .arg(m_catalogAgeLabel->text(),
                                            locale.toString(index->indexed),
                                            locale.toString(index->products)));
        m_catalogAgeLabel->setToolTip(
            tr("The search index of the first sync is not complete yet: search finds the "
               "products indexed so far. The next sync completes it."));
    }
}

void MainWindow::search(const QString &text)
{
    if (text == m_model->searchText())
        return;
    m_model->setSearchText(text);
    m_facets->setSearchText(text);
    if (!text.isEmpty())
        selectFirstProduct();
}

bool MainWindow::selectFirstProduct()
{
    if (m_model->rowCount() == 0)
        return false;
    const QModelIndex first = m_model->index(0, CatalogModel::SkuColumn);
    m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(first);
    showCurrent();
    return true;
}

void MainWindow::moveSelection(int rows)
{
    const int count = m_model->rowCount();
    if (count == 0)
        return;
    const QModelIndex current = m_table->currentIndex();
    int row = current.isValid() ? current.row() + rows : (rows > 0 ? 0 : count - 1);
    if (row >= count && m_model->canFetchMore({})) {
        m_model->fetchMore({});
    }
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    const QModelIndex next = m_model->index(row, CatalogModel::SkuColumn);
    m_table->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_table->scrollTo(next);
}

void MainWindow::openCurrent()
{
    if (!m_table->currentIndex().isValid() && !selectFirstProduct())
        return;
    showCurrent();
    m_table->setFocus(Qt::OtherFocusReason);
}

void MainWindow::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const QString sku = current.data(CatalogModel::SkuRole).toString();
    const auto details = CatalogQuery(m_db).product(sku);
    if (details)
        m_detail->showProduct(*details);
    else
        m_detail->clear();
    fillPacks(details ? &*details : nullptr);
}

void MainWindow::fillPacks(const ProductDetails *details)
{
    m_addPack->clear();
    m_addButton->setEnabled(details != nullptr && m_permissions.canOrder());
    if (!details)
        return;
    const Product &product = details->product;
    const QLocale locale;
    bool hasBase = false;
    for (const Pack &pack : product.packs) {
        hasBase = hasBase || pack.uom.compare(product.baseUom, Qt::CaseInsensitive) == 0;
        m_addPack->addItem(
            pack.quantity > 1
                ? tr("%1 (%2 %3)").arg(pack.name, locale.toString(pack.quantity), product.baseUom)
                : pack.name,
            pack.uom);
    }
    if (!hasBase)
        m_addPack->insertItem(0, product.baseUom, product.baseUom);
    m_addPack->setCurrentIndex(0);
}

bool MainWindow::addShownProductToCart()
{
    if (refuseOrdering())
        return false;
    const QString sku = m_detail->sku();
    const qint64 cartId = m_cart->currentCartId();
    if (sku.isEmpty() || cartId == 0)
        return false;
    NewLine line;
    line.code = sku;
    line.sku = sku;
    line.uom = m_addPack->currentData().toString();
    line.quantity = m_addQuantity->value();
    line.source = LineSource::Typed;
    QString error;
    const auto added = CartStore(m_db).addLine(cartId, line, &error);
    if (!added) {
        showMessage(tr("Not added to the cart: %1").arg(error));
        return false;
    }
    m_cart->refresh();
    const QLocale locale;
    showMessage(
        added->merged
            ? tr("%1 in the cart now: %2 %3.").arg(sku, locale.toString(added->quantity), line.uom)
            : tr("Added %1 %2 of %3 to the cart.")
                  .arg(locale.toString(line.quantity), line.uom, sku));
    m_addQuantity->setValue(1);
    return true;
}

void MainWindow::showPage(Page page)
{
    if (!isPageAvailable(page)) {
        if (page != Page::Approvals)
            refuseOrdering();
        return;
    }
    switch (page) {
    case Page::Catalog:
        m_tabs->setCurrentWidget(m_splitter);
        m_search->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Cart:
        m_tabs->setCurrentWidget(m_cart);
        m_cart->table()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::QuickOrder:
        m_tabs->setCurrentWidget(m_quickOrder);
        m_quickOrder->grid()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Lists:
        m_lists->refresh();
        m_tabs->setCurrentWidget(m_lists);
        m_lists->listWidget()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Orders:
        m_tabs->setCurrentWidget(m_orders);
        m_orders->table()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Approvals:
        m_tabs->setCurrentWidget(m_approvals);
        m_approvals->refresh();
        m_approvals->table()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Account:
        if (!hasAccountPage())
            break;
        m_tabs->setCurrentWidget(m_accountAdmin);
        m_accountAdmin->refresh();
        m_accountAdmin->tabs()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Company:
        if (!m_profile.can(u"subsidiaries:read"))
            break;
        m_tabs->setCurrentWidget(m_company);
        m_company->tree()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Page::Outbox:
        m_outbox->refresh();
        m_tabs->setCurrentWidget(m_outbox);
        m_outbox->table()->setFocus(Qt::ShortcutFocusReason);
        break;
    }
}

MainWindow::Page MainWindow::currentPage() const
{
    if (m_tabs->currentWidget() == m_cart)
        return Page::Cart;
    if (m_tabs->currentWidget() == m_quickOrder)
        return Page::QuickOrder;
    if (m_tabs->currentWidget() == m_lists)
        return Page::Lists;
    if (m_tabs->currentWidget() == m_outbox)
        return Page::Outbox;
    if (m_tabs->currentWidget() == m_orders)
        return Page::Orders;
    if (m_tabs->currentWidget() == m_approvals)
        return Page::Approvals;
    if (m_tabs->currentWidget() == m_accountAdmin)
        return Page::Account;
    if (m_tabs->currentWidget() == m_company)
        return Page::Company;
    return Page::Catalog;
}

bool MainWindow::acceptsScans() const
{
    return m_permissions.canOrder() &&
           (currentPage() == Page::Cart || currentPage() == Page::QuickOrder);
}

void MainWindow::handleScan(const QString &code, const QString &symbology)
{
    onScanned(scan::interpret(symbology + code));
}

void MainWindow::onScanned(const scan::ScanResult &result)
{
    if (!m_permissions.canOrder()) {
        showScannedProduct(result);
        return;
    }
    if (!result.isValid()) {
        // A garbled scan: say so, sound and flash like an unknown code, change nothing.
        m_cart->feedback()->give(ScanFeedback::Kind::Unknown,
                                 currentPage() == Page::QuickOrder
                                     ? static_cast<QWidget *>(m_quickOrder->grid()->viewport())
                                     : m_cart->table()->viewport());
        showMessage(tr("Could not read the scan: %1").arg(result.error));
        return;
    }
    QWidget *flashOn = currentPage() == Page::QuickOrder
                           ? static_cast<QWidget *>(m_quickOrder->grid()->viewport())
                           : m_cart->table()->viewport();
    m_cart->addScannedCode(result.code, result.symbology, flashOn, result.quantity);
}

void MainWindow::showScannedProduct(const scan::ScanResult &result)
{
    if (!result.isValid()) {
        showMessage(tr("Could not read the scan: %1").arg(result.error));
        return;
    }
    const auto resolved = ProductLookup(m_db).resolve(result.code);
    if (!resolved) {
        showMessage(tr("Scanned %1: no product in the catalog has this code.").arg(result.code));
        return;
    }
    showPage(Page::Catalog);
    m_table->clearSelection();
    m_detail->showProduct(resolved->details);
    fillPacks(&resolved->details);
    showMessage(
        tr("Scanned %1: %2. Not added to a cart: %3")
            .arg(result.code, resolved->details.product.name, m_permissions.orderRefusal()));
}

void MainWindow::onSerialScanned(const QString &text)
{
    const scan::ScanResult result = scan::interpret(text, m_scannerConfig.serialScanSettings());
    if (m_scannerSettings && m_scannerSettings->isVisible()) {
        m_scannerSettings->showScan(result);
        return;
    }
    if (!m_permissions.canOrder()) {
        showScannedProduct(result);
        return;
    }
    if (!acceptsScans()) {
        showMessage(tr("Scan of %1 not added: show the cart or the quick order to scan.")
                        .arg(result.isValid() ? result.code : text));
        return;
    }
    onScanned(result);
}

void MainWindow::applyScannerConfig(const scan::ScannerConfig &config)
{
    const bool serialChanged =
        config.serialEnabled != m_scannerConfig.serialEnabled ||
        config.serialSettings().portName != m_scannerConfig.serialSettings().portName ||
        config.baudRate != m_scannerConfig.baudRate ||
        config.serialSuffix != m_scannerConfig.serialSuffix ||
        m_serial->state() == scan::SerialScanner::State::Closed;
    m_scannerConfig = config;
    if (m_scanner->detectorSettings().prefix != config.prefix ||
        m_scanner->detectorSettings().suffix != config.suffix ||
        m_scanner->detectorSettings().maxGapMs != config.maxGapMs ||
        m_scanner->detectorSettings().minLength != config.minLength)
        m_scanner->setDetectorSettings(config.detectorSettings());
    m_scanner->setScanSettings(config.wedgeScanSettings());
    m_cart->feedback()->setSoundEnabled(config.sound);
    if (serialChanged) {
        if (config.serialEnabled)
            m_serial->start(config.serialSettings());
        else
            m_serial->stop();
    }
    updateSerialState();
}

void MainWindow::updateSerialState()
{
    const QString port = m_serial->settings().portName;
    switch (m_serial->state()) {
    case scan::SerialScanner::State::Closed:
        m_serialLabel->hide();
        return;
    case scan::SerialScanner::State::Connected:
        m_serialLabel->setText(tr("Scanner on %1").arg(port));
        m_serialLabel->setToolTip(tr("The serial scanner is connected."));
        break;
    case scan::SerialScanner::State::Failed:
        m_serialLabel->setText(tr("Scanner: cannot open %1").arg(port));
        m_serialLabel->setToolTip(m_serial->stateMessage());
        showMessage(tr("Cannot open the scanner's port: %1").arg(m_serial->stateMessage()));
        break;
    case scan::SerialScanner::State::Disconnected:
        m_serialLabel->setText(tr("Scanner on %1 disconnected, retrying").arg(port));
        m_serialLabel->setToolTip(m_serial->stateMessage());
        break;
    }
    m_serialLabel->show();
}

void MainWindow::updateCameraAction()
{
    const bool camera = CameraDialog::hasCamera();
    m_cameraAction->setEnabled(camera);
    m_cameraAction->setToolTip(camera ? tr("Read a barcode with the camera")
                                      : tr("No camera found on this computer"));
}

ScannerSettingsDialog *MainWindow::scannerSettingsDialog() const
{
    return m_scannerSettings;
}

CameraDialog *MainWindow::cameraDialog() const
{
    return m_camera;
}

void MainWindow::openScannerSettings()
{
    if (m_scannerSettings) {
        m_scannerSettings->raise();
        return;
    }
    auto *dialog = new ScannerSettingsDialog(m_scannerConfig, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_scannerSettings = dialog;
    // The dialog's test field reads the keyboard scanner while it is open.
    m_scanner->setEnabled(false);
    connect(dialog, &ScannerSettingsDialog::applied, this, &MainWindow::applyScannerConfig);
    connect(dialog, &QDialog::finished, this, [this] { m_scanner->setEnabled(acceptsScans()); });
    dialog->open();
}

SyncSettingsDialog *MainWindow::syncSettingsDialog() const
{
    return m_syncSettings;
}

void MainWindow::openSyncSettings()
{
    if (m_syncSettings) {
        m_syncSettings->raise();
        return;
    }
    auto *dialog = new SyncSettingsDialog(SyncScheduler::loadIntervalMinutes(QSettings()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_syncSettings = dialog;
    connect(dialog, &SyncSettingsDialog::applied, this, [this](int minutes) {
        Q_EMIT syncIntervalChanged(minutes);
        showMessage(minutes > 0 ? tr("The catalog now syncs every %n minute(s).", nullptr, minutes)
                                : tr("Automatic sync is off."));
    });
    dialog->open();
}

void MainWindow::openCamera()
{
    if (m_camera) {
        m_camera->raise();
        return;
    }
    auto *dialog = new CameraDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setScanSettings(m_scannerConfig.serialScanSettings());
    m_camera = dialog;
    connect(dialog, &CameraDialog::scanned, this, &MainWindow::onScanned);
    dialog->open();
}

void MainWindow::runImport(ImportPreviewDialog &dialog)
{
    Q_EMIT importPreviewOpened(&dialog);
    if (dialog.exec() == QDialog::Accepted) {
        m_cart->refresh();
        showMessage(tr("Imported %Ln line(s) into the cart.", nullptr, dialog.addedLines()));
    }
}

void MainWindow::importFile(const QString &path)
{
    if (refuseOrdering())
        return;
    ImportPreviewDialog dialog(m_db, m_cart->currentCartId(), this);
    QString error;
    if (!dialog.loadFile(path, &error)) {
        showMessage(tr("Nothing imported: %1").arg(error));
        return;
    }
    runImport(dialog);
}

void MainWindow::importText(const QString &text)
{
    if (refuseOrdering())
        return;
    ImportPreviewDialog dialog(m_db, m_cart->currentCartId(), this);
    QString error;
    if (!dialog.loadText(text, &error)) {
        showMessage(tr("Nothing pasted: %1").arg(error));
        return;
    }
    runImport(dialog);
}

void MainWindow::decodeImage(const QString &path)
{
    if (!m_decoder->decode(path))
        showMessage(tr("Still reading the previous image."));
    else
        showMessage(tr("Reading barcodes in %1…").arg(QFileInfo(path).fileName()));
}

namespace {
enum class DropKind
{
    None,
    OrderFile,
    Image,
};

DropKind dropKind(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    static const QStringList orders{QStringLiteral("csv"), QStringLiteral("tsv"),
                                    QStringLiteral("txt"), QStringLiteral("xlsx")};
    static const QStringList images{QStringLiteral("png"),  QStringLiteral("jpg"),
                                    QStringLiteral("jpeg"), QStringLiteral("bmp"),
                                    QStringLiteral("gif"),  QStringLiteral("webp"),
                                    QStringLiteral("tif"),  QStringLiteral("tiff")};
    if (orders.contains(suffix))
        return DropKind::OrderFile;
    if (images.contains(suffix))
        return DropKind::Image;
    return DropKind::None;
}

QString droppedFile(const QMimeData *mime)
{
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    return mime->urls().first().toLocalFile();
}
} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    const DropKind kind = path.isEmpty() ? DropKind::None : dropKind(path);
    // An order file goes to the cart: not offered to a role that cannot order.
    if (kind == DropKind::Image || (kind == DropKind::OrderFile && m_permissions.canOrder()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (openDroppedFile(droppedFile(event->mimeData())))
        event->acceptProposedAction();
}

bool MainWindow::openDroppedFile(const QString &path)
{
    if (path.isEmpty())
        return false;
    switch (dropKind(path)) {
    case DropKind::OrderFile:
        if (refuseOrdering())
            return false;
        importFile(path);
        return true;
    case DropKind::Image:
        decodeImage(path);
        return true;
    case DropKind::None:
        break;
    }
    return false;
}

void MainWindow::updateCartSummary()
{
    const pricing::CartTotals totals = m_cart->totals();
    const QLocale locale;
    QString text = tr("Cart: %Ln line(s)", nullptr, int(m_cart->lineCount()));
    if (!totals.overflow && totals.pricedLines > 0 && m_permissions.canSeePrices())
        text += tr(", %1").arg(formatting::money(locale, totals.subtotal, totals.currency));
    m_cartLabel->setText(text);
    m_cartLabel->setToolTip(m_cart->cartPicker()->currentText());
    m_cartLabel->setVisible(m_permissions.canOrder());
}

void MainWindow::onSyncStarted()
{
    m_syncing = true;
    m_syncAction->setEnabled(false);
    m_cancelAction->setVisible(true);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Syncing…"));
    m_progress->setToolTip({});
    m_progressAction->setVisible(true);
    m_syncClock.start();
    m_syncEstimate.start(0);
}

void MainWindow::onSyncProgress(const SyncProgress &p)
{
    const int base = p.feedIndex * ProgressStepsPerFeed;
    int within = 0;
    if (p.itemsExpected > 0)
        within = int(std::min<qint64>(ProgressStepsPerFeed,
                                      p.itemsApplied * ProgressStepsPerFeed / p.itemsExpected));
    m_progress->setValue(base + within);
    const QLocale locale;
    QString text = p.itemsExpected > 0
                       ? tr("%1: %2 of %3")
                             .arg(feedTitle(p.feed), locale.toString(p.itemsApplied),
                                  locale.toString(p.itemsExpected))
                       : tr("%1: %2").arg(feedTitle(p.feed), locale.toString(p.itemsApplied));
    if (!m_syncClock.isValid())
        m_syncClock.start(); // progress without a start signal (a test driving the window)
    const std::optional<qint64> left = m_syncEstimate.update(
        p.feedIndex, p.itemsApplied, p.itemsExpected, p.pages, m_syncClock.elapsed());
    if (left)
        text = tr("%1 · %2").arg(text, timeLeftText(*left));
    m_progress->setFormat(text);
    m_progress->setToolTip(left ? tr("Estimated from the speed so far; later feeds may add to it.")
                                : QString());
}

QString MainWindow::timeLeftText(qint64 ms)
{
    constexpr qint64 Minute = 60 * 1000;
    if (ms < Minute)
        return tr("less than a minute left");
    const qint64 minutes = (ms + Minute / 2) / Minute;
    if (minutes < 60)
        return tr("about %n min left", nullptr, int(minutes));
    const qint64 hours = (minutes + 30) / 60;
    return tr("about %n hour(s) left", nullptr, int(std::min<qint64>(hours, INT_MAX)));
}

void MainWindow::onSyncSkippedOffline()
{
    showMessage(tr("Offline: the automatic sync was skipped. It runs when the network is back."));
}

void MainWindow::onSyncFinished(const SyncResult &result)
{
    m_syncing = false;
    m_syncAction->setEnabled(true);
    m_cancelAction->setVisible(false);
    m_progressAction->setVisible(false);

    const QString previousSku = m_detail->sku();
    m_model->reload();
    m_facets->refresh();
    m_cart->refresh();
    m_lists->refresh();
    refreshOutbox();
    refreshOrderPages();
    refreshCatalogAge();
    if (!previousSku.isEmpty()) {
        // Keep showing the product that was open, with its new prices and stock.
        const auto details = CatalogQuery(m_db).product(previousSku);
        if (details)
            m_detail->showProduct(*details);
        else
            m_detail->clear();
    }

    if (result.ok) {
        qint64 changed = 0;
        for (const FeedSyncResult &f : result.feeds)
            changed += f.upserts + f.deletes;
        QString text = changed == 0 ? tr("Catalog is up to date.")
                                    : tr("Catalog synced: %Ln change(s).", nullptr,
                                         int(std::min<qint64>(changed, INT_MAX)));
        if (result.orders.accepted > 0)
            text += u' ' + tr("%n order(s) sent to the portal.", nullptr, result.orders.accepted);
        if (result.orders.refused > 0)
            text +=
                u' ' + tr("%n order(s) refused: see the Outbox.", nullptr, result.orders.refused);
        showMessage(text);
    } else if (result.cancelled) {
        showMessage(tr("Sync cancelled; what was downloaded is kept."));
    } else if (result.error) {
        showMessage(tr("Sync failed: %1").arg(ErrorMessages::forApiError(*result.error)));
    } else {
        showMessage(ErrorMessages::cacheUnavailable(result.storageError));
    }
}

void MainWindow::createOrderPages()
{
    m_orders = new OrderHistoryView(m_db, this);
    connect(m_orders, &OrderHistoryView::message, this, &MainWindow::showMessage);
    connect(m_orders, &OrderHistoryView::reorderRequested, this, &MainWindow::promptReorder);
    m_tabs->addTab(m_orders, tr("Orders"));

    m_approvals = new ApprovalsView(m_db, this);
    connect(m_approvals, &ApprovalsView::message, this, &MainWindow::showMessage);
    // The decision is in the cache already: the history shows the new status at once.
    connect(m_approvals, &ApprovalsView::decided, this, [this] { m_orders->refresh(); });
    m_tabs->setTabVisible(m_tabs->addTab(m_approvals, tr("Approvals")), false);
}

void MainWindow::addOrderPageActions(QMenu *view)
{
    auto *orders = view->addAction(tr("&Orders"));
    orders->setObjectName(QStringLiteral("ordersPageAction"));
    orders->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    connect(orders, &QAction::triggered, this, [this] { showPage(Page::Orders); });
    auto *outbox = view->addAction(tr("&Outbox"));
    outbox->setObjectName(QStringLiteral("outboxPageAction"));
    outbox->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    connect(outbox, &QAction::triggered, this, [this] { showPage(Page::Outbox); });
    m_orderingPageActions << outbox;
    m_approvalsAction = view->addAction(tr("A&pprovals"));
    m_approvalsAction->setObjectName(QStringLiteral("approvalsPageAction"));
    m_approvalsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    m_approvalsAction->setVisible(hasApprovalsPage());
    connect(m_approvalsAction, &QAction::triggered, this, [this] { showPage(Page::Approvals); });
}

bool MainWindow::hasApprovalsPage() const
{
    return m_permissions.canApprove();
}

void MainWindow::updateOrderPages()
{
    const bool approver = hasApprovalsPage();
    // Leave the page before hiding it: a hidden current tab hands over to its neighbour.
    if (!approver && m_tabs->currentWidget() == m_approvals)
        showPage(Page::Orders);
    m_tabs->setTabVisible(m_tabs->indexOf(m_approvals), approver);
    if (m_approvalsAction)
        m_approvalsAction->setVisible(approver);
    m_orders->setSupplierName(m_profile.portalName);
    m_orders->setAccountName(m_profile.accountName);
    m_approvals->setSupplierName(m_profile.portalName);
    m_approvals->setAccountName(m_profile.accountName);
    m_orders->refresh();
}

void MainWindow::setOrderActions(OrderActions *actions)
{
    m_approvals->setOrderActions(actions);
    if (actions && currentPage() == Page::Approvals)
        m_approvals->refresh();
}

void MainWindow::createAccountPage()
{
    m_accountAdmin = new AccountAdminView(this);
    connect(m_accountAdmin, &AccountAdminView::message, this, &MainWindow::showMessage);
    m_tabs->setTabVisible(m_tabs->addTab(m_accountAdmin, tr("Account")), false);
    // Administration is never cached: the page shows the portal's state each time it opens.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_accountAdmin)
            m_accountAdmin->refresh();
    });
}

void MainWindow::addAccountPageAction(QMenu *view)
{
    m_accountAction = view->addAction(tr("Acco&unt"));
    m_accountAction->setObjectName(QStringLiteral("accountPageAction"));
    m_accountAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_8));
    m_accountAction->setVisible(hasAccountPage());
    connect(m_accountAction, &QAction::triggered, this, [this] { showPage(Page::Account); });
}

bool MainWindow::hasAccountPage() const
{
    return m_profile.can(u"users:manage") || m_profile.can(u"locations:manage");
}

void MainWindow::updateAccountPage()
{
    const bool admin = hasAccountPage();
    if (!admin && m_tabs->currentWidget() == m_accountAdmin)
        showPage(Page::Catalog);
    m_tabs->setTabVisible(m_tabs->indexOf(m_accountAdmin), admin);
    if (m_accountAction)
        m_accountAction->setVisible(admin);
    m_accountAdmin->setPermissions(m_profile.can(u"users:manage"),
                                   m_profile.can(u"locations:manage"));
}

void MainWindow::setAccountAdmin(AccountAdmin *admin)
{
    m_accountAdmin->setAccountAdmin(admin);
    if (admin && currentPage() == Page::Account)
        m_accountAdmin->refresh();
}

void MainWindow::createCompanyPage(QMenu *view)
{
    m_company = new CompanyView(this);
    m_company->setObjectName(QStringLiteral("companyView"));
    connect(m_company, &CompanyView::message, this, &MainWindow::showMessage);
    m_tabs->setTabVisible(m_tabs->addTab(m_company, tr("Company")), false);
    // Like administration, the company view is never cached: fetched each time it opens.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_company)
            m_company->refresh();
    });
    m_companyAction = view->addAction(tr("Co&mpany"));
    m_companyAction->setObjectName(QStringLiteral("companyPageAction"));
    m_companyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    m_companyAction->setVisible(false);
    connect(m_companyAction, &QAction::triggered, this, [this] { showPage(Page::Company); });
}

void MainWindow::updateCompanyPage()
{
    const bool allowed = m_profile.can(u"subsidiaries:read");
    if (!allowed && m_tabs->currentWidget() == m_company)
        showPage(Page::Catalog);
    m_tabs->setTabVisible(m_tabs->indexOf(m_company), allowed);
    m_companyAction->setVisible(allowed);
}

void MainWindow::setCompanyAccounts(CompanyAccounts *company)
{
    m_company->setCompanyAccounts(company);
    if (company && currentPage() == Page::Company)
        m_company->refresh();
}

void MainWindow::refreshOrderPages()
{
    m_orders->refresh();
    if (currentPage() == Page::Approvals)
        m_approvals->refresh();
}

void MainWindow::promptReorder(const QString &number, const QList<int> &lineNos, bool newCart)
{
    if (refuseOrdering())
        return;
    QString name;
    if (newCart) {
        bool ok = false;
        name = QInputDialog::getText(this, tr("Reorder into a New Cart"), tr("Name of the cart:"),
                                     QLineEdit::Normal, tr("Reorder %1").arg(number), &ok)
                   .trimmed();
        if (!ok || name.isEmpty())
            return;
    }
    reorder(number, lineNos, name);
}

bool MainWindow::reorder(const QString &number, const QList<int> &lineNos,
                         const QString &newCartName)
{
    if (refuseOrdering())
        return false;
    QString error;
    const auto entries = OrderStore(m_db).reorderEntries(number, lineNos, &error);
    if (!entries) {
        showMessage(tr("%1 was not reordered: %2").arg(number, error));
        return false;
    }
    CartStore carts(m_db);
    qint64 cartId = m_cart->currentCartId();
    if (!newCartName.isEmpty()) {
        const auto cart = carts.createCart(newCartName, &error);
        if (!cart) {
            showMessage(tr("%1 was not reordered: %2").arg(number, error));
            return false;
        }
        cartId = cart->id;
    } else if (cartId == 0) {
        const auto cart = carts.currentOrNewCart(tr("Cart"), &error);
        if (!cart) {
            showMessage(tr("%1 was not reordered: %2").arg(number, error));
            return false;
        }
        cartId = cart->id;
    }
    ImportPreviewDialog dialog(m_db, cartId, this);
    const QString source =
        lineNos.isEmpty()
            ? tr("Order %1 — all %Ln line(s), at today's prices", nullptr, int(entries->size()))
                  .arg(number)
            : tr("Order %1 — %Ln selected line(s), at today's prices", nullptr,
                 int(entries->size()))
                  .arg(number);
    bool added = false;
    if (!dialog.loadEntries(*entries, source, &error)) {
        showMessage(tr("%1 was not reordered: %2").arg(number, error));
    } else {
        Q_EMIT importPreviewOpened(&dialog);
        added = dialog.exec() == QDialog::Accepted && dialog.addedLines() > 0;
    }
    if (!newCartName.isEmpty() && !added) {
        // The new cart was only for these lines: nothing went in, so it goes again.
        QString ignored;
        carts.deleteCart(cartId, &ignored);
        return false;
    }
    if (!added)
        return false;
    if (cartId != m_cart->currentCartId()) {
        m_cart->reloadCarts();
        m_cart->setCurrentCart(cartId);
    }
    m_cart->refresh();
    showMessage(tr("Reordered %Ln line(s) of %1 into “%2”.", nullptr, dialog.addedLines())
                    .arg(number, m_cart->cartPicker()->currentText()));
    showPage(Page::Cart);
    return true;
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(m_profile.portalName, m_profile.portal.toString(), this);
    dialog.exec();
}

void MainWindow::createOutboxPage()
{
    m_outbox = new OutboxView(m_db, this);
    m_tabs->addTab(m_outbox, tr("Outbox"));
    connect(m_cart, &CartView::submitRequested, this, &MainWindow::openSubmitDialog);
    connect(m_outbox, &OutboxView::message, this, &MainWindow::showMessage);
    connect(m_outbox, &OutboxView::outboxChanged, this, &MainWindow::updateOutboxSummary);
    connect(m_outbox, &OutboxView::sendRequested, this, &MainWindow::sendOrdersRequested);
    connect(m_outbox, &OutboxView::returnedToCart, this, [this](qint64 cartId) {
        m_cart->reloadCarts();
        m_cart->setCurrentCart(cartId);
        m_cart->refresh();
        showPage(Page::Cart);
    });
}

void MainWindow::openSubmitDialog(qint64 cartId)
{
    if (!m_permissions.canSubmit()) {
        showMessage(m_permissions.submitRefusal());
        return;
    }
    SubmitOrderDialog dialog(m_db, cartId, this);
    Q_EMIT submitDialogOpened(&dialog);
    if (dialog.exec() != QDialog::Accepted || !dialog.queuedOrder())
        return;
    const OutboxOrder &order = *dialog.queuedOrder();
    m_cart->reloadCarts(); // the submitted cart is archived: on to the next one
    refreshOutbox();
    m_outbox->selectOrder(order.id);
    showPage(Page::Outbox);
    showMessage(m_online
                    ? tr("Queued order %1 for %2. Sending it to the portal…")
                          .arg(OutboxModel::shortId(order.clientOrderId),
                               formatting::money(QLocale(), order.expectedTotal, order.currency))
                    : tr("Queued order %1 for %2. It goes to the portal when you are back online.")
                          .arg(OutboxModel::shortId(order.clientOrderId),
                               formatting::money(QLocale(), order.expectedTotal, order.currency)));
    Q_EMIT sendOrdersRequested();
}

void MainWindow::onOrdersPushed(const SyncResult &result)
{
    onSyncFinished(result);
    const OrderPushResult &orders = result.orders;
    const std::optional<ApiError> &notSentBy = orders.deferredBy ? orders.deferredBy : result.error;
    QStringList parts;
    if (orders.accepted > 0)
        parts << tr("%n order(s) sent to the portal.", nullptr, orders.accepted);
    if (orders.refused > 0)
        parts << tr("%n order(s) refused: see the Outbox.", nullptr, orders.refused);
    if (!result.ok && notSentBy && !result.cancelled)
        parts << tr("Orders not sent: %1 They stay queued and go out with the next sync.")
                     .arg(ErrorMessages::forApiError(*notSentBy));
    if (parts.isEmpty()) {
        const OrderStore store(m_db);
        const int waiting = store.count(OutboxState::Queued) + store.count(OutboxState::Sending);
        parts << (waiting > 0 ? tr("%n order(s) still queued.", nullptr, waiting)
                              : tr("All orders are with the portal."));
    }
    showMessage(parts.join(u' '));
}

void MainWindow::refreshOutbox()
{
    m_outbox->refresh();
    updateOutboxSummary();
}

void MainWindow::updateOutboxSummary()
{
    const OrderStore store(m_db);
    const int waiting = store.count(OutboxState::Queued) + store.count(OutboxState::Sending);
    const int attention = store.count(OutboxState::NeedsAttention);
    QStringList parts;
    if (waiting > 0)
        parts << tr("%n queued", nullptr, waiting);
    if (attention > 0)
        parts << tr("%n need(s) attention", nullptr, attention);
    m_outboxLabel->setText(tr("Outbox: %1").arg(parts.join(QStringLiteral(", "))));
    m_outboxLabel->setToolTip(tr("Orders waiting to reach the portal, and refused orders to act "
                                 "on (View → Outbox)"));
    m_outboxLabel->setStyleSheet(attention > 0 ? QStringLiteral("color: #b34000;") : QString());
    m_outboxLabel->setVisible(!parts.isEmpty() && m_permissions.canOrder());
}

} // namespace qm
