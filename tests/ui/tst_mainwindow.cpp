// The desktop app end to end: sign in through the dialog against a real qm-portal, sync,
// search as you type and open a product.
#include "models/catalogmodel.h"
#include "models/catalogquery.h"
#include "models/database.h"
#include "models/formatting.h"
#include "models/profile.h"
#include "support/portalprocess.h"
#include "sync/syncengine.h"
#include "ui/appcontroller.h"
#include "ui/mainwindow.h"
#include "ui/productdetailview.h"
#include "ui/searchfield.h"
#include "ui/signindialog.h"
#include "uitestmain.h"

#include "ui/errormessages.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTranslator>

using namespace qm;

class tst_MainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void signInSyncSearchAndOpen();
    void arguments_data();
    void arguments();
    void germanTranslation();
    void catalogAgeNamesAPendingSearchIndex();

private:
    qm::test::PortalProcess m_portal;
};

void tst_MainWindow::initTestCase()
{
    qRegisterMetaType<qm::SyncResult>();
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("800")},
                 &error),
             qPrintable(error));
}

void tst_MainWindow::init()
{
    QSettings().clear();
}

void tst_MainWindow::cleanupTestCase()
{
    m_portal.stop();
}

namespace {

// Everything the search looks at, lower-cased, to check a result independently.
QString searchableText(const ProductDetails &d)
{
    QStringList parts{d.product.sku, d.product.name, d.product.description, d.product.brand};
    parts += d.product.categoryPath;
    parts += d.product.attributes.values();
    parts += d.product.attributes.keys();
    for (const Pack &p : d.product.packs)
        parts << p.gtin;
    return parts.join(QLatin1Char(' ')).toLower();
}

QString labelText(QWidget *root, const char *name)
{
    auto *label = root->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

void tst_MainWindow::signInSyncSearchAndOpen()
{
    QTemporaryDir profile;
    AppController controller;
    QSignalSpy synced(&controller, &AppController::syncFinished);
    AppController::Options options;
    options.profileDir = profile.path();
    controller.start(options);

    // No stored sign-in: the dialog asks.
    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    SignInDialog *dialog = controller.signInDialog();
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("portalEdit")),
                     m_portal.url().toString());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit")),
                     QStringLiteral("buyer@bayside.example"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit")),
                     QStringLiteral("demo"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(controller.mainWindow() && controller.mainWindow()->isVisible(),
                             30000);
    MainWindow *window = controller.mainWindow();
    QCOMPARE(window->size(), QSize(1366, 768));
    QVERIFY(labelText(window, "userLabel").contains(QStringLiteral("Bayside")));
    QCOMPARE(profiles::current(), QDir(profile.path()).absolutePath());

    // The first sync runs on its own and fills the table.
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 120000);
    const auto result = synced.at(0).at(0).value<qm::SyncResult>();
    QVERIFY2(result.ok, result.error ? qPrintable(result.error->toLogString())
                                     : qPrintable(result.storageError));
    QVERIFY(!window->isSyncing());
    QVERIFY(window->isOnline());
    QVERIFY2(labelText(window, "catalogAgeLabel").startsWith(QStringLiteral("Catalog as of ")),
             qPrintable(labelText(window, "catalogAgeLabel")));

    CatalogModel *model = window->catalogModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model->rowCount() > 0);

    // A word from one product's name, looked up in the cache on a connection of our own.
    QString error;
    auto db = Database::open(profiles::cachePath(profile.path()), &error);
    QVERIFY2(db, qPrintable(error));
    const CatalogQuery query(*db);
    QString term;
    for (int row = 0; row < model->rowCount() && term.isEmpty(); row += 7) {
        const auto d = query.product(model->index(row, 0).data(CatalogModel::SkuRole).toString());
        QVERIFY(d);
        for (const QString &word : d->product.name.split(
                 QRegularExpression(QStringLiteral("[^A-Za-z]+")), Qt::SkipEmptyParts)) {
            if (word.size() >= 5) {
                term = word.toLower();
                break;
            }
        }
    }
    QVERIFY(!term.isEmpty());

    // Typing, one key event per character, searches after a short pause.
    SearchField *search = window->searchField();
    search->setFocus();
    QTest::keyClicks(search, term);
    QTRY_COMPARE(model->searchText(), term);
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < std::min(model->rowCount(), 40); ++row) {
        const QString sku = model->index(row, 0).data(CatalogModel::SkuRole).toString();
        const auto d = query.product(sku);
        QVERIFY(d);
        QVERIFY2(searchableText(*d).contains(term),
                 qPrintable(sku + QLatin1String(" for ") + term));
    }

    // The first result is open; Down moves to the next, Enter opens it.
    QTableView *table = window->catalogView();
    QCOMPARE(table->currentIndex().row(), 0);
    int row = 0;
    if (model->rowCount() > 1) {
        QTest::keyClick(search, Qt::Key_Down);
        row = 1;
    }
    QCOMPARE(table->currentIndex().row(), row);
    QTest::keyClick(search, Qt::Key_Return);
    const QString sku = model->index(row, 0).data(CatalogModel::SkuRole).toString();
    ProductDetailView *detail = window->detailView();
    QCOMPARE(detail->sku(), sku);
    QVERIFY(labelText(detail, "skuLabel").contains(sku));
    const auto details = query.product(sku);
    QVERIFY(details);
    QCOMPARE(labelText(detail, "nameLabel"), details->product.name);

    // Price and stock as the table has them, formatted for this locale.
    const QString rawPrice =
        model->index(row, CatalogModel::PriceColumn).data(CatalogModel::RawValueRole).toString();
    if (!rawPrice.isEmpty()) {
        const auto price = Decimal::parse(rawPrice);
        QVERIFY(price);
        const QString shown = formatting::money(QLocale(), *price, details->prices->currency);
        QVERIFY2(labelText(detail, "priceLabel").contains(shown),
                 qPrintable(labelText(detail, "priceLabel") + QLatin1String(" / ") + shown));
    } else {
        QVERIFY(!labelText(detail, "priceLabel").isEmpty());
    }
    const qint64 onHand =
        model->index(row, CatalogModel::StockColumn).data(CatalogModel::RawValueRole).toLongLong();
    QVERIFY2(
        labelText(detail, "stockLabel").startsWith(QLocale().toString(onHand) + QLatin1Char(' ')),
        qPrintable(labelText(detail, "stockLabel")));
    auto *stockTable = detail->findChild<QTableWidget *>(QStringLiteral("stockTable"));
    QVERIFY(stockTable);
    QCOMPARE(stockTable->rowCount(), details->stock ? int(details->stock->levels.size()) : 0);
    auto *packTable = detail->findChild<QTableWidget *>(QStringLiteral("packTable"));
    QCOMPARE(packTable->rowCount(), int(details->product.packs.size()));
    QCOMPARE(packTable->item(0, 3)->text(), details->product.packs.first().gtin.isEmpty()
                                                ? QStringLiteral("—")
                                                : details->product.packs.first().gtin);

    // Esc clears the search and shows the whole catalog again.
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QTRY_VERIFY(model->searchText().isEmpty());
    QVERIFY(model->rowCount() > 0);
}

void tst_MainWindow::arguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("screenshot");
    QTest::addColumn<int>("settle");
    QTest::addColumn<int>("page");

    QTest::newRow("nothing") << QStringList{} << true << QString() << QString() << 600
                             << int(MainWindow::Page::Catalog);
    QTest::newRow("profile and screenshot")
        << QStringList{QStringLiteral("--profile"),    QStringLiteral("/tmp/p"),
                       QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png"),
                       QStringLiteral("--settle-ms"),  QStringLiteral("50")}
        << true << QStringLiteral("/tmp/p") << QStringLiteral("/tmp/x.png") << 50
        << int(MainWindow::Page::Catalog);
    QTest::newRow("sign-in at start")
        << QStringList{QStringLiteral("--portal"), QStringLiteral("http://127.0.0.1:8710"),
                       QStringLiteral("--user"), QStringLiteral("buyer@bayside.example"),
                       QStringLiteral("--password-stdin")}
        << true << QString() << QString() << 600 << int(MainWindow::Page::Catalog);
    QTest::newRow("portal without user")
        << QStringList{QStringLiteral("--portal"), QStringLiteral("http://127.0.0.1:8710")} << false
        << QString() << QString() << 600 << int(MainWindow::Page::Catalog);
    QTest::newRow("user without password-stdin")
        << QStringList{QStringLiteral("--portal"), QStringLiteral("http://x"),
                       QStringLiteral("--user"), QStringLiteral("u")}
        << false << QString() << QString() << 600 << int(MainWindow::Page::Catalog);
    QTest::newRow("bad settle") << QStringList{QStringLiteral("--settle-ms"),
                                               QStringLiteral("soon")}
                                << false << QString() << QString() << 600
                                << int(MainWindow::Page::Catalog);
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--colour")} << false << QString()
                                    << QString() << 600 << int(MainWindow::Page::Catalog);
    QTest::newRow("cart page") << QStringList{QStringLiteral("--page"), QStringLiteral("cart")}
                               << true << QString() << QString() << 600
                               << int(MainWindow::Page::Cart);
    QTest::newRow("quick-order page")
        << QStringList{QStringLiteral("--page"), QStringLiteral("quick-order")} << true << QString()
        << QString() << 600 << int(MainWindow::Page::QuickOrder);
    QTest::newRow("orders page") << QStringList{QStringLiteral("--page"), QStringLiteral("orders")}
                                 << true << QString() << QString() << 600
                                 << int(MainWindow::Page::Orders);
    QTest::newRow("outbox page") << QStringList{QStringLiteral("--page"), QStringLiteral("outbox")}
                                 << true << QString() << QString() << 600
                                 << int(MainWindow::Page::Outbox);
    QTest::newRow("approvals page")
        << QStringList{QStringLiteral("--page"), QStringLiteral("approvals")} << true << QString()
        << QString() << 600 << int(MainWindow::Page::Approvals);
    QTest::newRow("unknown page") << QStringList{QStringLiteral("--page"),
                                                 QStringLiteral("invoices")}
                                  << false << QString() << QString() << 600
                                  << int(MainWindow::Page::Catalog);
    QTest::newRow("search at start")
        << QStringList{QStringLiteral("--search"), QStringLiteral(" galvinized washer ")} << true
        << QString() << QString() << 600 << int(MainWindow::Page::Catalog);
    QTest::newRow("search without text")
        << QStringList{QStringLiteral("--search")} << false << QString() << QString() << 600
        << int(MainWindow::Page::Catalog);
    QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << false << QString()
                                    << QString() << 600 << int(MainWindow::Page::Catalog);
}

void tst_MainWindow::arguments()
{
    QFETCH(QStringList, args);
    QFETCH(bool, valid);
    QFETCH(QString, profile);
    QFETCH(QString, screenshot);
    QFETCH(int, settle);
    QFETCH(int, page);

    AppController::Options options;
    QString error;
    QCOMPARE(AppController::parseArguments(QStringList{QStringLiteral("quartermaster")} + args,
                                           &options, &error),
             valid);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid)
        return;
    QCOMPARE(options.profileDir, profile);
    QCOMPARE(options.screenshotFile, screenshot);
    QCOMPARE(options.searchText,
             args.contains(QStringLiteral("--search"))
                 ? args.at(args.indexOf(QStringLiteral("--search")) + 1).trimmed()
                 : QString());
    QCOMPARE(options.settleMs, settle);
    QCOMPARE(int(options.page), page);
    QCOMPARE(options.passwordStdin, args.contains(QStringLiteral("--password-stdin")));
}

void tst_MainWindow::germanTranslation()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral("quartermaster_de"),
                            qEnvironmentVariable("QM_TRANSLATIONS_DIR")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString english = QStringLiteral("The username or password is wrong.");
    QCOMPARE(translator.translate("ErrorMessages", english.toUtf8().constData()),
             QStringLiteral("Benutzername oder Passwort ist falsch."));
    QCOMPARE(ErrorMessages::forProblemSlug(QString::fromUtf16(problems::InvalidGrant)),
             QStringLiteral("Benutzername oder Passwort ist falsch."));
    // Plural forms follow German rules.
    QCOMPARE(QCoreApplication::translate("qm::ProductDetailView", "%n day(s)", nullptr, 3),
             QStringLiteral("3 Tage"));
    QCOMPARE(QCoreApplication::translate("qm::ProductDetailView", "%n day(s)", nullptr, 1),
             QStringLiteral("1 Tag"));
    // Every window string goes through tr(): a German main window has German menus.
    QTemporaryDir dir;
    QString error;
    auto db = Database::open(profiles::cachePath(dir.path()), &error);
    QVERIFY2(db, qPrintable(error));
    MainWindow window(*db);
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Ansicht"),
                                 QStringLiteral("E&xtras"), QStringLiteral("&Hilfe")}));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("catalogAgeLabel"))->text(),
             QStringLiteral("Katalog noch nicht synchronisiert"));
    QCoreApplication::removeTranslator(&translator);
}

// A cache whose first sync stopped while the search index was being built: the status bar
// says how much of the catalog search covers; once the index is complete, it says nothing.
void tst_MainWindow::catalogAgeNamesAPendingSearchIndex()
{
    QTemporaryDir dir;
    QString error;
    auto db = Database::open(profiles::cachePath(dir.path()), &error);
    QVERIFY2(db, qPrintable(error));
    QSqlQuery q(db->connection());
    for (int i = 1; i <= 1200; ++i) {
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO products(sku, name, base_uom)"
                                       " VALUES ('IX-%1', 'Cleat %1', 'EA')")
                            .arg(i)),
                 qPrintable(q.lastError().text()));
    }
    QVERIFY2(q.exec(QStringLiteral("INSERT INTO sync_state(feed, cursor, count, index_pending,"
                                   " indexed_through) VALUES ('products', 1200, 1200, 1,"
                                   " (SELECT id FROM products WHERE sku = 'IX-40'))")),
             qPrintable(q.lastError().text()));
    {
        MainWindow window(*db);
        const QString text = labelText(&window, "catalogAgeLabel");
        QCOMPARE(text, QStringLiteral("Catalog not synced yet · search covers %1 of %2 products")
                           .arg(QLocale().toString(40), QLocale().toString(1200)));
        QVERIFY(
            !window.findChild<QLabel *>(QStringLiteral("catalogAgeLabel"))->toolTip().isEmpty());
    }
    QVERIFY(q.exec(QStringLiteral("UPDATE sync_state SET index_pending = 0, indexed_through = 0")));
    MainWindow window(*db);
    QCOMPARE(labelText(&window, "catalogAgeLabel"), QStringLiteral("Catalog not synced yet"));
}

QM_UI_TEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
