#pragma once

#include "models/quickorderimport.h"

#include <QAbstractTableModel>
#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QProgressDialog;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace qm {

class Database;

// Every line of an import preview as a table: the model reads the plan's results on demand,
// so a file of 100,000 lines costs one row of strings per visible row.
class ImportPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LineColumn,
        CodeColumn,
        QuantityColumn,
        OutcomeColumn,
        ProductColumn,
        LineQuantityColumn,
        LineTotalColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role
    {
        OutcomeRole = Qt::UserRole + 1, // int(QuickOrderImport::Outcome)
        RawValueRole,
    };

    explicit ImportPreviewModel(QObject *parent = nullptr);

    // Shows the results of `plan` (which must outlive the model or be cleared first).
    void setPlan(const QuickOrderImport *plan);

    static QString outcomeText(QuickOrderImport::Outcome outcome);
    // Why: the reasons of an adjusted line, "did you mean", the candidates, the reader's error.
    static QString detailText(const QuickOrderImport::Result &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const QuickOrderImport *m_plan = nullptr;
};

// The import preview: what each line of a file or pasted block would do to the cart, with
// a count per outcome, a filter by outcome and a report to save. Nothing changes the cart
// before "Add to Cart"; Cancel leaves it as it was.
class ImportPreviewDialog final : public QDialog
{
    Q_OBJECT

public:
    ImportPreviewDialog(Database &db, qint64 cartId, QWidget *parent = nullptr);
    ~ImportPreviewDialog() override;

    // A preview of this many lines or more runs on a worker thread with a connection of its
    // own, behind a progress dialog that can cancel it; the window stays responsive.
    static constexpr int BackgroundLines = 2000;

    // Reads a CSV, TSV, text or XLSX file. False, with a sentence in `error`, when the file
    // cannot be read, has no order lines, or its preview was cancelled.
    bool loadFile(const QString &path, QString *error);
    // Cells pasted from a spreadsheet (tab-separated, with or without a header).
    bool loadText(const QString &text, QString *error);
    // Entries that come from elsewhere (an earlier order's lines), shown as `source`. False
    // when there are none or their preview failed.
    bool loadEntries(const QList<QuickOrderEntry> &entries, const QString &source, QString *error);

    const QuickOrderImport &plan() const { return *m_plan; }
    ImportPreviewModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *outcomeFilter() const { return m_filter; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *addButton() const { return m_add; }
    // The number of lines added to the cart by the last accept().
    int addedLines() const { return m_added; }

    // Writes the preview as CSV: one row per line with its outcome and why.
    bool saveReport(const QString &path, QString *error) const;
    // Shows only lines with `outcome` (-1: all, -2: those that need attention).
    void setOutcomeFilter(int outcome);

public Q_SLOTS:
    void accept() override;
    void saveReportAs();

private:
    bool preview(const QList<QuickOrderEntry> &entries, const QString &source, QString *error);
    bool previewInBackground(const QList<QuickOrderEntry> &entries, QString *error);
    void updateSummary();

    Database &m_db;
    qint64 m_cartId;
    std::unique_ptr<QuickOrderImport> m_plan;
    ImportPreviewModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_add = nullptr;
    int m_added = 0;
};

} // namespace qm
