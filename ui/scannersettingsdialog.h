#pragma once

#include "scan/scannerconfig.h"
#include "ui/scannerinput.h" // ScanResult as a slot argument

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace qm {

// Scanner settings: how the keyboard-wedge scanner ends (Enter, Tab, a pause) and starts
// (optional prefix) its codes, its GS substitute, the timing that tells it from a person,
// the serial scanner (port, baud rate, suffix) and the scan sounds. A test field shows
// what a scan is read as, with the settings as they stand in the dialog. OK and Apply
// check the settings, store them (QSettings, "scanner/") and emit applied(); settings
// that do not fit together are refused with the reason and nothing is stored.
class ScannerSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ScannerSettingsDialog(const scan::ScannerConfig &config, QWidget *parent = nullptr);
    ~ScannerSettingsDialog() override;

    // The settings as the fields show them.
    scan::ScannerConfig config() const;
    // Checks, stores and announces the settings; false (with the reason shown) if invalid.
    bool apply();
    void accept() override;

    // Shows in the test field what a scan from elsewhere (the serial scanner) was read as.
    void showScan(const scan::ScanResult &result);
    // Re-reads the list of serial ports, keeping the port entered.
    void refreshPorts();

    static QString problemText(scan::ScannerConfig::Problem problem);
    // What a scan is read as, for people: "GTIN 04006381333931", "GS1: GTIN …, batch …".
    static QString describe(const scan::ScanResult &result);

    QLabel *problemLabel() const { return m_problem; }
    QLineEdit *testField() const { return m_testField; }
    QLabel *testResult() const { return m_testResult; }

Q_SIGNALS:
    void applied(const qm::scan::ScannerConfig &config);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void setConfig(const scan::ScannerConfig &config);
    void updateState();
    void interpretTyped();

    QComboBox *m_suffix;
    QLineEdit *m_prefix;
    QLineEdit *m_gsSubstitute;
    QSpinBox *m_maxGap;
    QSpinBox *m_minLength;
    QCheckBox *m_serialEnabled;
    QComboBox *m_port;
    QToolButton *m_refreshPorts;
    QComboBox *m_baudRate;
    QComboBox *m_serialSuffix;
    QCheckBox *m_sound;
    QLineEdit *m_testField;
    QLabel *m_testResult;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QPointer<ScannerInput> m_testInput;
};

} // namespace qm
