#pragma once

#include <QDialog>

namespace qm {

// Help > About: version, the portal the profile is connected to, the Qt version and
// the licences of what ships with the app.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const QString &portalName, const QString &portalUrl,
                         QWidget *parent = nullptr);
};

} // namespace qm
