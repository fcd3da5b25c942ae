#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace qm {

// Sync settings: whether the app syncs on its own and every how many minutes, counted from
// the end of the last sync. OK stores the interval (QSettings, "sync/intervalMinutes"; 0
// when off) and emits applied(); Cancel and Escape change nothing.
class SyncSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `intervalMinutes`: the current interval, 0 when automatic sync is off.
    explicit SyncSettingsDialog(int intervalMinutes, QWidget *parent = nullptr);
    ~SyncSettingsDialog() override;

    // The interval as the fields show it; 0 when automatic sync is off.
    int intervalMinutes() const;
    void accept() override;

    QCheckBox *automaticBox() const { return m_automatic; }
    QSpinBox *minutesBox() const { return m_minutes; }

Q_SIGNALS:
    void applied(int intervalMinutes);

private:
    void updateState();

    QCheckBox *m_automatic;
    QSpinBox *m_minutes;
    QLabel *m_unit;
    QLabel *m_explanation;
    QDialogButtonBox *m_buttons;
};

} // namespace qm
