#include "ui/importpreviewdialog.h"

#include "import/csvreader.h"
#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "import/spreadsheetwriter.h"
#include "models/database.h"
#include "models/formatting.h"
#include "ui/linenotice.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>

namespace qm {

namespace {

using Outcome = QuickOrderImport::Outcome;

constexpr int AllOutcomes = -1;
constexpr int NeedsAttention = -2;

const QList<Outcome> &allOutcomes()
{
    static const QList<Outcome> outcomes{
        Outcome::Added,           Outcome::Adjusted,    Outcome::Unknown,     Outcome::Ambiguous,
        Outcome::InvalidQuantity, Outcome::InvalidUnit, Outcome::Unavailable, Outcome::Invalid};
    return outcomes;
}

int countOf(const QuickOrderImport::Summary &s, Outcome outcome)
{
    switch (outcome) {
    case Outcome::Added:
        return s.added;
    case Outcome::Adjusted:
        return s.adjusted;
    case Outcome::Unknown:
        return s.unknown;
    case Outcome::InvalidQuantity:
        return s.invalidQuantity;
    case Outcome::InvalidUnit:
        return s.invalidUnit;
    case Outcome::Ambiguous:
        return s.ambiguous;
    case Outcome::Unavailable:
        return s.unavailable;
    case Outcome::Invalid:
        return s.invalid;
    }
    return 0;
}

// Filters on the raw outcome: all, those that need attention, or one outcome.
class OutcomeFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setOutcome(int outcome)
    {
        if (outcome == m_outcome)
            return;
        m_outcome = outcome;
        // One layout change rather than a signal per hidden row: with 100,000 lines and
        // every fourth one kept, per-range removals take seconds.
        invalidate();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_outcome == AllOutcomes)
            return true;
        const int outcome =
            sourceModel()->index(row, 0, parent).data(ImportPreviewModel::OutcomeRole).toInt();
        if (m_outcome == NeedsAttention)
            return outcome != int(Outcome::Added);
        return outcome == m_outcome;
    }

private:
    int m_outcome = AllOutcomes;
};

} // namespace

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ImportPreviewModel::setPlan(const QuickOrderImport *plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

QString ImportPreviewModel::outcomeText(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Added:
        return tr("Added");
    case Outcome::Adjusted:
        return tr("Adjusted");
    case Outcome::Unknown:
        return tr("Unknown code");
    case Outcome::InvalidQuantity:
        return tr("Invalid quantity");
    case Outcome::InvalidUnit:
        return tr("Unit not sold");
    case Outcome::Ambiguous:
        return tr("Ambiguous");
    case Outcome::Unavailable:
        return tr("Unavailable");
    case Outcome::Invalid:
        return tr("Unreadable row");
    }
    return {};
}

QString ImportPreviewModel::detailText(const QuickOrderImport::Result &r)
{
    switch (r.outcome) {
    case Outcome::Added:
        return {};
    case Outcome::Adjusted: {
        QStringList why;
        for (QuickOrderImport::Reason reason : r.reasons)
            why << QuickOrderImport::reasonName(reason);
        QString text = linenotice::fromNote(why.join(u','));
        if (r.mergedIntoLine > 0)
            text += tr(" (line %1)").arg(r.mergedIntoLine);
        return text;
    }
    case Outcome::Unknown:
        return r.suggestions.isEmpty()
                   ? tr("Not in the catalog")
                   : tr("Did you mean %1?").arg(r.suggestions.join(QStringLiteral(", ")));
    case Outcome::Ambiguous: {
        QStringList candidates;
        for (const CodeMatch &m : r.candidates)
            candidates << (m.productName.isEmpty() ? m.sku
                                                   : tr("%1 (%2)").arg(m.sku, m.productName));
        return tr("Could be %1").arg(candidates.join(QStringLiteral(", ")));
    }
    case Outcome::InvalidQuantity:
        if (!r.entry.quantityError.isEmpty())
            return r.entry.quantityError;
        return r.priced.problem != pricing::LineProblem::None
                   ? linenotice::problem(r.priced.problem)
                   : tr("“%1” is not a whole number above zero").arg(r.entry.quantityText);
    case Outcome::InvalidUnit:
        return tr("Not sold in “%1”").arg(r.entry.uom);
    case Outcome::Unavailable:
        return linenotice::problem(r.priced.problem);
    case Outcome::Invalid:
        return r.entry.error;
    }
    return {};
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_plan ? 0 : int(m_plan->results().size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_plan)
        return {};
    const QuickOrderImport::Result &r = m_plan->results().at(index.row());
    const QLocale locale;
    switch (role) {
    case OutcomeRole:
        return int(r.outcome);
    case RawValueRole:
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LineColumn:
            return role == Qt::DisplayRole ? QVariant(locale.toString(r.entry.line))
                                           : QVariant(r.entry.line);
        case CodeColumn:
            return r.entry.code;
        case QuantityColumn:
            return r.entry.uom.isEmpty() ? r.entry.quantityText
                                         : tr("%1 %2").arg(r.entry.quantityText, r.entry.uom);
        case OutcomeColumn:
            return role == RawValueRole ? QVariant(int(r.outcome))
                                        : QVariant(outcomeText(r.outcome));
        case ProductColumn:
            return r.sku.isEmpty() ? QString() : tr("%1 %2").arg(r.sku, r.productName);
        case LineQuantityColumn:
            if (!r.goesIntoCart() || r.mergedIntoLine > 0)
                return {};
            return role == Qt::DisplayRole
                       ? QVariant(tr("%1 %2").arg(locale.toString(r.priced.quantity), r.uom))
                       : QVariant(r.priced.quantity);
        case LineTotalColumn:
            if (!r.goesIntoCart() || r.mergedIntoLine > 0 || !r.priced.isPriced())
                return {};
            return role == RawValueRole ? QVariant(r.priced.lineTotal.units())
                                        : QVariant(formatting::money(locale, r.priced.lineTotal,
                                                                     m_plan->currency()));
        case DetailColumn:
            return detailText(r);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn || index.column() == LineQuantityColumn ||
            index.column() == LineTotalColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != OutcomeColumn)
            return {};
        switch (r.outcome) {
        case Outcome::Added:
            return QColor(0x26, 0x80, 0x3a);
        case Outcome::Adjusted:
        case Outcome::Unavailable:
            return QColor(0xb3, 0x6b, 0x00);
        default:
            return QColor(0xc0, 0x1c, 0x28);
        }
    }
    return {};
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case CodeColumn:
        return tr("Code");
    case QuantityColumn:
        return tr("Asked");
    case OutcomeColumn:
        return tr("Outcome");
    case ProductColumn:
        return tr("Product");
    case LineQuantityColumn:
        return tr("In cart");
    case LineTotalColumn:
        return tr("Line total");
    case DetailColumn:
        return tr("Why");
    }
    return {};
}

ImportPreviewDialog::ImportPreviewDialog(Database &db, qint64 cartId, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_cartId(cartId)
    , m_plan(std::make_unique<QuickOrderImport>(db, cartId))
    , m_model(new ImportPreviewModel(this))
    , m_proxy(new OutcomeFilter(this))
{
    setObjectName(QStringLiteral("importPreviewDialog"));
    setWindowTitle(tr("Import Quick Order"));
    resize(1100, 640);
    const int ch = fontMetrics().averageCharWidth();

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ImportPreviewModel::RawValueRole);

    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("importSource"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);

    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("outcomeFilter"));
    auto *filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ImportPreviewModel::LineColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    // Fixed row heights: 100,000 rows are laid out without measuring each.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ImportPreviewModel::LineColumn, ch * 8);
    m_table->setColumnWidth(ImportPreviewModel::CodeColumn, ch * 18);
    m_table->setColumnWidth(ImportPreviewModel::QuantityColumn, ch * 10);
    m_table->setColumnWidth(ImportPreviewModel::OutcomeColumn, ch * 16);
    m_table->setColumnWidth(ImportPreviewModel::ProductColumn, ch * 36);
    m_table->setColumnWidth(ImportPreviewModel::LineQuantityColumn, ch * 12);
    m_table->setColumnWidth(ImportPreviewModel::LineTotalColumn, ch * 14);

    auto *buttons = new QDialogButtonBox(this);
    m_add = buttons->addButton(tr("&Add to Cart"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("importAddButton"));
    m_add->setDefault(true);
    m_add->setEnabled(false);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("importCancelButton"));
    auto *save = buttons->addButton(tr("&Save Report…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveReportButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportPreviewDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportPreviewDialog::reject);
    connect(save, &QPushButton::clicked, this, &ImportPreviewDialog::saveReportAs);

    auto *top = new QHBoxLayout;
    top->addWidget(m_source, 1);
    top->addWidget(filterLabel);
    top->addWidget(m_filter);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int index) {
        static_cast<OutcomeFilter *>(m_proxy)->setOutcome(m_filter->itemData(index).toInt());
    });
}

ImportPreviewDialog::~ImportPreviewDialog()
{
    m_model->setPlan(nullptr);
}

bool ImportPreviewDialog::loadFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    import::ReadResult read = import::readFile(path);
    if (!read.ok() && read.table.rows.isEmpty()) {
        *error =
            read.errorLine > 0
                ? tr("%1, line %2: %3").arg(info.fileName()).arg(read.errorLine).arg(read.error)
                : tr("%1: %2").arg(info.fileName(), read.error);
        return false;
    }
    const import::QuickOrderRows rows = import::quickOrderRows(read.table);
    if (rows.rows.isEmpty()) {
        *error = tr("%1 has no order lines: %2")
                     .arg(info.fileName(), rows.error.isEmpty() ? read.error : rows.error);
        return false;
    }
    QString source = tr("%1 — %Ln line(s) read", nullptr, int(rows.rows.size()))
                         .arg(QDir::toNativeSeparators(path));
    if (!read.ok())
        source += tr(" (stopped at line %1: %2)").arg(read.errorLine).arg(read.error);
    return preview(QuickOrderImport::entriesFromRows(rows.rows, LineSource::Imported), source,
                   error);
}

bool ImportPreviewDialog::loadText(const QString &text, QString *error)
{
    const import::ReadResult read = import::readPastedText(text);
    const import::QuickOrderRows rows = import::quickOrderRows(read.table);
    if (rows.rows.isEmpty()) {
        *error = tr("The pasted text has no order lines: %1")
                     .arg(rows.error.isEmpty() ? read.error : rows.error);
        return false;
    }
    return preview(QuickOrderImport::entriesFromRows(rows.rows, LineSource::Pasted),
                   tr("Pasted cells — %Ln line(s)", nullptr, int(rows.rows.size())), error);
}

bool ImportPreviewDialog::loadEntries(const QList<QuickOrderEntry> &entries, const QString &source,
                                      QString *error)
{
    if (entries.isEmpty()) {
        *error = tr("There are no lines to add.");
        return false;
    }
    return preview(entries, source, error);
}

bool ImportPreviewDialog::preview(const QList<QuickOrderEntry> &entries, const QString &source,
                                  QString *error)
{
    m_model->setPlan(nullptr);
    const QString path = m_db.path();
    bool ok = false;
    if (entries.size() >= BackgroundLines && !path.isEmpty() && path != u":memory:") {
        ok = previewInBackground(entries, error);
    } else {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        ok = m_plan->preview(entries, error);
        QApplication::restoreOverrideCursor();
    }
    m_model->setPlan(m_plan.get());
    m_source->setText(source);
    updateSummary();
    return ok;
}

// The worker opens the cache again (SQLite in WAL mode lets it read beside this thread's
// connection), previews, and closes it; this thread runs its event loop meanwhile and shows
// how far the worker got.
bool ImportPreviewDialog::previewInBackground(const QList<QuickOrderEntry> &entries, QString *error)
{
    std::atomic<int> percent{0};
    std::atomic<bool> cancel{false};
    bool ok = false;
    QString workerError;
    QuickOrderImport *plan = m_plan.get();
    const QString path = m_db.path();
    std::unique_ptr<QThread> worker(QThread::create([&] {
        QString openError;
        const std::unique_ptr<Database> reader = Database::open(path, &openError);
        if (!reader) {
            workerError = openError;
            return;
        }
        ok = plan->preview(entries, &workerError, reader.get(), [&](int done, int total) {
            percent = total > 0 ? done * 100 / total : 0;
            return !cancel.load();
        });
    }));

    QProgressDialog progress(this);
    progress.setObjectName(QStringLiteral("importProgress"));
    progress.setWindowTitle(windowTitle());
    progress.setLabelText(
        tr("Checking %Ln line(s) against the catalog…", nullptr, int(entries.size())));
    progress.setRange(0, 100);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setMinimumDuration(0);
    progress.setWindowModality(Qt::WindowModal);
    QEventLoop loop;
    connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, &loop, [&cancel] { cancel = true; });
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, &progress, [&] {
        if (!cancel)
            progress.setValue(percent);
    });
    progress.setValue(0);
    worker->start();
    poll.start();
    loop.exec();
    worker->wait();
    poll.stop();
    progress.hide();
    if (!ok && plan->cancelled()) {
        *error = tr("the preview was cancelled");
        return false;
    }
    if (!ok)
        *error = workerError;
    return ok;
}

void ImportPreviewDialog::updateSummary()
{
    const QuickOrderImport::Summary summary = m_plan->summary();
    const QLocale locale;
    QStringList parts;
    const int previous =
        m_filter->currentData().isValid() ? m_filter->currentData().toInt() : AllOutcomes;
    m_filter->blockSignals(true);
    m_filter->clear();
    m_filter->addItem(tr("All lines (%1)").arg(locale.toString(summary.total())), AllOutcomes);
    m_filter->addItem(
        tr("Needing attention (%1)").arg(locale.toString(summary.total() - summary.added)),
        NeedsAttention);
    for (Outcome outcome : allOutcomes()) {
        const int count = countOf(summary, outcome);
        if (count == 0)
            continue;
        const QString text =
            tr("%1: %2").arg(ImportPreviewModel::outcomeText(outcome), locale.toString(count));
        parts << text;
        m_filter->addItem(text, int(outcome));
    }
    const int index = m_filter->findData(previous);
    m_filter->setCurrentIndex(index >= 0 ? index : 0);
    m_filter->blockSignals(false);
    static_cast<OutcomeFilter *>(m_proxy)->setOutcome(m_filter->currentData().toInt());

    QString text = parts.join(QStringLiteral(" · "));
    const pricing::CartTotals totals = m_plan->totals();
    if (!totals.overflow && totals.pricedLines > 0)
        text += tr(" — adds %1 to the cart")
                    .arg(formatting::money(locale, totals.subtotal, m_plan->currency()));
    m_summary->setText(text);
    int goesIn = 0;
    for (const QuickOrderImport::Result &r : m_plan->results())
        goesIn += r.goesIntoCart() ? 1 : 0;
    m_add->setEnabled(goesIn > 0);
}

void ImportPreviewDialog::setOutcomeFilter(int outcome)
{
    const int index = m_filter->findData(outcome);
    if (index >= 0)
        m_filter->setCurrentIndex(index);
}

bool ImportPreviewDialog::saveReport(const QString &path, QString *error) const
{
    QList<QStringList> rows = m_plan->reportRows();
    if (rows.isEmpty())
        return import::writeCsv(path, {}, {}, error);
    const QStringList header = rows.takeFirst();
    return import::writeCsv(path, header, rows, error);
}

void ImportPreviewDialog::saveReportAs()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Import Report"), tr("import-report.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveReport(path, &error))
        QMessageBox::warning(this, tr("Save Import Report"),
                             tr("The report was not saved: %1").arg(error));
}

void ImportPreviewDialog::accept()
{
    int goesIn = 0;
    for (const QuickOrderImport::Result &r : m_plan->results())
        goesIn += r.goesIntoCart() && r.mergedIntoLine == 0 ? 1 : 0;
    QString error;
    if (!m_plan->apply(&error)) {
        QMessageBox::warning(this, tr("Import Quick Order"),
                             tr("Nothing was added to the cart: %1").arg(error));
        return;
    }
    m_added = goesIn;
    QDialog::accept();
}

} // namespace qm
