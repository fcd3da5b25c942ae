#include "ui/syncsettingsdialog.h"

#include "sync/syncscheduler.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace qm {

SyncSettingsDialog::SyncSettingsDialog(int intervalMinutes, QWidget *parent)
    : QDialog(parent)
    , m_automatic(new QCheckBox(tr("Sync &automatically every"), this))
    , m_minutes(new QSpinBox(this))
    , m_unit(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("syncSettingsDialog"));
    setWindowTitle(tr("Sync Settings"));

    m_automatic->setObjectName(QStringLiteral("automaticSync"));
    m_minutes->setObjectName(QStringLiteral("syncIntervalMinutes"));
    m_minutes->setRange(1, SyncScheduler::MaxIntervalMinutes);
    m_minutes->setAccessibleName(tr("Minutes between automatic syncs"));
    m_unit->setBuddy(m_minutes);
    m_explanation->setObjectName(QStringLiteral("syncExplanation"));
    m_explanation->setWordWrap(true);

    const bool on = intervalMinutes > 0;
    m_automatic->setChecked(on);
    m_minutes->setValue(on ? intervalMinutes : SyncScheduler::DefaultIntervalMinutes);

    auto *row = new QHBoxLayout;
    row->addWidget(m_automatic);
    row->addWidget(m_minutes);
    row->addWidget(m_unit);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_explanation);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setTabOrder(m_automatic, m_minutes);
    setTabOrder(m_minutes, m_buttons);

    connect(m_automatic, &QCheckBox::toggled, this, &SyncSettingsDialog::updateState);
    connect(m_minutes, &QSpinBox::valueChanged, this, &SyncSettingsDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SyncSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SyncSettingsDialog::reject);
    updateState();
    m_automatic->setFocus();
}

SyncSettingsDialog::~SyncSettingsDialog() = default;

int SyncSettingsDialog::intervalMinutes() const
{
    return m_automatic->isChecked() ? m_minutes->value() : 0;
}

void SyncSettingsDialog::accept()
{
    QSettings settings;
    SyncScheduler::saveIntervalMinutes(settings, intervalMinutes());
    Q_EMIT applied(intervalMinutes());
    QDialog::accept();
}

void SyncSettingsDialog::updateState()
{
    const int minutes = m_minutes->value();
    m_minutes->setEnabled(m_automatic->isChecked());
    m_unit->setText(tr("minute(s)", "after the number of minutes between syncs", minutes));
    m_explanation->setText(
        m_automatic->isChecked()
            ? tr("The catalog, prices and stock are brought up to date %n minute(s) after the "
                 "last sync ends. While the computer is offline the sync waits for the "
                 "network.",
                 nullptr, minutes)
            : tr("The catalog is brought up to date when you sign in, when the network comes "
                 "back and when you choose Sync Now (F5)."));
}

} // namespace qm
