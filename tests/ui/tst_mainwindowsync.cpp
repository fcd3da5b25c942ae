// The desktop app stays responsive while a large first sync runs: against a real qm-portal
// with a catalog big enough that the sync takes seconds, a search is typed into the catalog
// search field, one key event per character, again and again until the sync ends. A 10 ms
// timer on the GUI thread measures how late the event loop gets; results must appear while
// the sync is still running, and no gap may come near what one page applied on the GUI
// thread costs.
#include "models/catalogmodel.h"
#include "models/catalogquery.h"
#include "models/database.h"
#include "models/profile.h"
#include "support/portalprocess.h"
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"
#include "ui/appcontroller.h"
#include "ui/facetbar.h"
#include "ui/mainwindow.h"
#include "ui/searchfield.h"
#include "ui/signindialog.h"
#include "uitestmain.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>

using namespace qm;

namespace {

// The longest time the GUI thread may be kept from its event loop while a sync runs. A
// page of 1000 products applied on the GUI thread takes far longer; a search keystroke
// over the catalog takes a few tens of milliseconds.
constexpr qint64 MaxGapMs = 500;
// How long the test listens without typing between two searches.
constexpr int QuietMs = 400;

// How late a 10 ms timer on the GUI thread gets: the gaps between its ticks while
// `counting` says so, kept in two lists. Quiet gaps are those while the test neither types
// nor waits for a search, its facet counts or its repaint: whatever delays the timer then is the
// sync. Busy gaps include the search's own work, which runs on the GUI thread by design.
class Heartbeat final : public QObject
{
public:
    explicit Heartbeat(std::function<bool()> counting)
        : m_counting(std::move(counting))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            if (m_counting()) {
                if (m_last >= 0)
                    (m_quiet ? m_quietGaps : m_busyGaps).append(now - m_last);
                m_last = now;
            } else {
                m_last = -1;
            }
        });
        m_clock.start();
        m_timer.start();
    }

    // A quiet phase counts from the next tick on.
    void setQuiet(bool quiet)
    {
        m_quiet = quiet;
        m_last = -1;
    }

    const QList<qint64> &quietGaps() const { return m_quietGaps; }
    const QList<qint64> &busyGaps() const { return m_busyGaps; }

    static qint64 percentile(QList<qint64> gaps, double p)
    {
        if (gaps.isEmpty())
            return -1;
        std::sort(gaps.begin(), gaps.end());
        return gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(p * gaps.size())));
    }

private:
    std::function<bool()> m_counting;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    bool m_quiet = false;
    QList<qint64> m_quietGaps;
    QList<qint64> m_busyGaps;
};

} // namespace

class tst_MainWindowSync final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void searchStaysResponsiveWhileSyncing();

private:
    qm::test::PortalProcess m_portal;
};

void tst_MainWindowSync::initTestCase()
{
    qRegisterMetaType<qm::SyncResult>();
    QString error;
    QVERIFY2(m_portal.start(
                 {QStringLiteral("--demo"), QStringLiteral("--products"), QStringLiteral("50000")},
                 &error),
             qPrintable(error));
}

void tst_MainWindowSync::cleanupTestCase()
{
    m_portal.stop();
}

void tst_MainWindowSync::searchStaysResponsiveWhileSyncing()
{
    QSettings().clear();
    QTemporaryDir profile;
    AppController controller;
    QSignalSpy synced(&controller, &AppController::syncFinished);
    AppController::Options options;
    options.profileDir = profile.path();
    controller.start(options);

    QTRY_VERIFY(controller.signInDialog() && controller.signInDialog()->isVisible());
    SignInDialog *dialog = controller.signInDialog();
    dialog->findChild<QLineEdit *>(QStringLiteral("portalEdit"))
        ->setText(m_portal.url().toString());
    dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))
        ->setText(QStringLiteral("buyer@bayside.example"));
    dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("demo"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(controller.mainWindow() && controller.mainWindow()->isVisible(),
                             30000);
    MainWindow *window = controller.mainWindow();
    QVERIFY(controller.syncScheduler());
    QVERIFY(controller.syncScheduler()->isSignedIn());

    // The first sync starts on its own; from now on the GUI thread's lateness counts.
    QTRY_VERIFY_WITH_TIMEOUT(window->isSyncing() || synced.count() > 0, 30000);
    QVERIFY2(synced.isEmpty(), "the first sync ended before it could be watched");
    QVERIFY(controller.syncScheduler()->isRunning());
    QElapsedTimer syncClock;
    syncClock.start();
    Heartbeat heartbeat([window] { return window->isSyncing(); });

    // Wait for the first products on a connection of our own, and take a word from one.
    QString error;
    auto db = Database::open(profiles::cachePath(profile.path()), &error);
    QVERIFY2(db, qPrintable(error));
    const CatalogQuery query(*db);
    QTRY_VERIFY_WITH_TIMEOUT(query.productCount() > 0 || !window->isSyncing(), 60000);
    QVERIFY2(window->isSyncing(), "the sync ended before the first search");
    QString term;
    for (const ProductSummary &p : query.browse({}, 50, QDate::currentDate())) {
        for (const QString &word :
             p.name.split(QRegularExpression(QStringLiteral("[^A-Za-z]+")), Qt::SkipEmptyParts)) {
            if (word.size() >= 5) {
                term = word.toLower();
                break;
            }
        }
        if (!term.isEmpty())
            break;
    }
    QVERIFY(!term.isEmpty());
    // A first products pull builds the full-text index once, when the feed is complete; the
    // other feeds follow, and the typing below happens while they are pulled.
    QTRY_VERIFY_WITH_TIMEOUT(
        !query.search(term, 1, 0, QDate::currentDate()).isEmpty() || !window->isSyncing(), 120000);
    QVERIFY2(window->isSyncing(), "the sync ended before the search index was built");

    // Type the word, one key event per character at a typist's pace, wait for the results,
    // clear the field, and again, for as long as the sync runs.
    CatalogModel *model = window->catalogModel();
    SearchField *search = window->searchField();
    int searchesDuringSync = 0;
    qint64 slowestResultMs = 0;
    qint64 quietMsWhileSyncing = 0; // quiet phases that began and ended with the sync running
    while (window->isSyncing() && searchesDuringSync < 200) {
        // Listen for a while first: the sync may end soon after the index is built.
        heartbeat.setQuiet(true);
        QTest::qWait(QuietMs);
        heartbeat.setQuiet(false);
        if (window->isSyncing())
            quietMsWhileSyncing += QuietMs;
        QTest::keyClicks(search, term, Qt::NoModifier, 30);
        QElapsedTimer sinceLastKey;
        sinceLastKey.start();
        QTRY_VERIFY_WITH_TIMEOUT(model->searchText() == term && model->rowCount() > 0, 10000);
        slowestResultMs = std::max(slowestResultMs, sinceLastKey.elapsed());
        const bool stillSyncing = window->isSyncing();
        // The first result is about the word typed.
        const auto first = query.product(model->index(0, 0).data(CatalogModel::SkuRole).toString());
        QVERIFY(first);
        QVERIFY2((first->product.sku + u' ' + first->product.name + u' ' +
                  first->product.description + u' ' + first->product.brand)
                         .toLower()
                         .contains(term) ||
                     !first->product.categoryPath.filter(term, Qt::CaseInsensitive).isEmpty() ||
                     !QStringList(first->product.attributes.values())
                          .filter(term, Qt::CaseInsensitive)
                          .isEmpty(),
                 qPrintable(first->product.sku + QLatin1String(" for ") + term));
        if (stillSyncing)
            ++searchesDuringSync;
        QTest::keyClick(search, Qt::Key_Escape);
        QTRY_VERIFY(model->searchText().isEmpty());
        // Let the window repaint and the facet counts follow the cleared search (they are
        // recounted on the GUI thread after a pause in typing).
        QTest::qWait(FacetBar::RecountDelayMs + 150);
    }

    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 300000);
    const auto result = synced.at(0).at(0).value<qm::SyncResult>();
    QVERIFY2(result.ok, result.error ? qPrintable(result.error->toLogString())
                                     : qPrintable(result.storageError));
    const qint64 syncMs = syncClock.elapsed();
    const QList<qint64> &quiet = heartbeat.quietGaps();
    const QList<qint64> &busy = heartbeat.busyGaps();
    qInfo("sync %lld ms; %d searches while it ran, slowest results %lld ms after the last key",
          syncMs, searchesDuringSync, slowestResultMs);
    qInfo("GUI thread while quiet: %lld gaps, p50 %lld ms, p99 %lld ms, max %lld ms",
          qint64(quiet.size()), Heartbeat::percentile(quiet, 0.5),
          Heartbeat::percentile(quiet, 0.99), Heartbeat::percentile(quiet, 1.0));
    qInfo("GUI thread while typing and searching: %lld gaps, p50 %lld ms, p99 %lld ms, max %lld ms",
          qint64(busy.size()), Heartbeat::percentile(busy, 0.5), Heartbeat::percentile(busy, 0.99),
          Heartbeat::percentile(busy, 1.0));
    QVERIFY2(searchesDuringSync >= 1, "no search finished while the sync ran");
    const qint64 maxGap = Heartbeat::percentile(quiet, 1.0);
    QVERIFY2(
        maxGap <= MaxGapMs,
        qPrintable(
            QStringLiteral("the GUI thread was blocked for %1 ms during the sync").arg(maxGap)));

    // A GUI thread busy with the sync also ticks too rarely to judge.
    QVERIFY2(quietMsWhileSyncing >= QuietMs, "no quiet phase while the sync ran");
    QVERIFY2(quiet.size() >= quietMsWhileSyncing / 100,
             qPrintable(QStringLiteral("the GUI thread ticked only %1 times in %2 ms of quiet")
                            .arg(quiet.size())
                            .arg(quietMsWhileSyncing)));

    // The interval sync is planned from the end of this one.
    QVERIFY(!controller.syncScheduler()->isRunning());
    QVERIFY(controller.syncScheduler()->nextDueMs() >= 0);
}

QM_UI_TEST_MAIN(tst_MainWindowSync)
#include "tst_mainwindowsync.moc"
