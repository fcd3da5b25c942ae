#include "ui/aboutdialog.h"

#include "core/version.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace qm {

AboutDialog::AboutDialog(const QString &portalName, const QString &portalUrl, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Quartermaster"));

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize) * 2;
    icon->setPixmap(windowIcon().pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setOpenExternalLinks(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    const QString portal = portalName.isEmpty() ? tr("not connected")
                                                : tr("%1 (%2)").arg(portalName.toHtmlEscaped(),
                                                                    portalUrl.toHtmlEscaped());
    text->setText(
        tr("<h2>Quartermaster %1</h2>"
           "<p>Your supplier's catalog, prices and stock on your desktop, online or offline.</p>"
           "<p><b>Portal:</b> %2<br><b>Qt:</b> %3 (built with %4)</p>"
           "<p><b>Licences</b><br>"
           "Quartermaster: MIT licence.<br>"
           "Qt: GNU LGPL version 3.<br>"
           "QtKeychain: BSD 3-clause licence.<br>"
           "libsodium: ISC licence.<br>"
           "SQLite: public domain.</p>")
            .arg(QStringLiteral(QM_VERSION), portal, QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR)));
    text->setMinimumWidth(text->fontMetrics().averageCharWidth() * 52);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

} // namespace qm
