#include "ui/scannersettingsdialog.h"

#include "ui/scannerinput.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace qm {

namespace {

constexpr qint32 BaudRates[] = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};

void selectData(QComboBox *combo, const QVariant &value)
{
    const int index = combo->findData(value);
    combo->setCurrentIndex(index >= 0 ? index : 0);
}

// Control characters made visible for the test field.
QString visible(QString text)
{
    text.replace(QChar(0x1d), QStringLiteral("<GS>"));
    text.replace(u'\r', QStringLiteral("<CR>"));
    text.replace(u'\n', QStringLiteral("<LF>"));
    text.replace(u'\t', QStringLiteral("<Tab>"));
    return text;
}

} // namespace

ScannerSettingsDialog::ScannerSettingsDialog(const scan::ScannerConfig &config, QWidget *parent)
    : QDialog(parent)
    , m_suffix(new QComboBox(this))
    , m_prefix(new QLineEdit(this))
    , m_gsSubstitute(new QLineEdit(this))
    , m_maxGap(new QSpinBox(this))
    , m_minLength(new QSpinBox(this))
    , m_serialEnabled(new QCheckBox(tr("&Use a scanner on a serial port"), this))
    , m_port(new QComboBox(this))
    , m_refreshPorts(new QToolButton(this))
    , m_baudRate(new QComboBox(this))
    , m_serialSuffix(new QComboBox(this))
    , m_sound(new QCheckBox(tr("&Sound after each scan"), this))
    , m_testField(new QLineEdit(this))
    , m_testResult(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this))
{
    setObjectName(QStringLiteral("scannerSettingsDialog"));
    setWindowTitle(tr("Scanner Settings"));

    m_suffix->setObjectName(QStringLiteral("wedgeSuffix"));
    m_suffix->addItem(tr("Enter"), QStringLiteral("\r"));
    m_suffix->addItem(tr("Tab"), QStringLiteral("\t"));
    m_suffix->addItem(tr("None (ended by a pause)"), QString());
    m_prefix->setObjectName(QStringLiteral("wedgePrefix"));
    m_prefix->setPlaceholderText(tr("none"));
    m_prefix->setToolTip(tr("Only key bursts that start with this text count as scans. Set the "
                            "same prefix in the scanner."));
    m_gsSubstitute->setObjectName(QStringLiteral("gsSubstitute"));
    m_gsSubstitute->setMaxLength(1);
    m_gsSubstitute->setPlaceholderText(tr("none"));
    m_gsSubstitute->setToolTip(
        tr("The character the scanner types instead of the GS1 separator (GS), e.g. ~ or |"));
    m_maxGap->setObjectName(QStringLiteral("maxKeyGap"));
    m_maxGap->setRange(scan::ScannerConfig::MinGapMs, scan::ScannerConfig::MaxGapMs);
    m_maxGap->setSuffix(tr(" ms"));
    m_maxGap->setToolTip(tr("Keys that arrive at most this far apart are taken as a scan. People "
                            "type 80 to 200 ms apart."));
    m_minLength->setObjectName(QStringLiteral("minLength"));
    m_minLength->setRange(scan::ScannerConfig::MinCodeLength, scan::ScannerConfig::MaxCodeLength);
    m_minLength->setToolTip(tr("Shorter bursts are taken as typing"));

    auto *wedge = new QGroupBox(tr("Keyboard scanner"), this);
    auto *wedgeForm = new QFormLayout(wedge);
    wedgeForm->addRow(tr("S&uffix:"), m_suffix);
    wedgeForm->addRow(tr("&Prefix:"), m_prefix);
    wedgeForm->addRow(tr("&GS substitute:"), m_gsSubstitute);
    wedgeForm->addRow(tr("Maximum &key gap:"), m_maxGap);
    wedgeForm->addRow(tr("Minimum &length:"), m_minLength);

    m_serialEnabled->setObjectName(QStringLiteral("serialEnabled"));
    m_port->setObjectName(QStringLiteral("serialPort"));
    m_port->setEditable(true);
    m_port->setInsertPolicy(QComboBox::NoInsert);
    m_port->setToolTip(tr("Choose a port, or type its name (COM3, /dev/ttyACM0, a virtual port)"));
    m_port->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_refreshPorts->setObjectName(QStringLiteral("refreshPorts"));
    m_refreshPorts->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refreshPorts->setToolTip(tr("Look for serial ports again"));
    connect(m_refreshPorts, &QToolButton::clicked, this, &ScannerSettingsDialog::refreshPorts);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_port, 1);
    portRow->addWidget(m_refreshPorts);
    m_baudRate->setObjectName(QStringLiteral("baudRate"));
    for (qint32 rate : BaudRates)
        m_baudRate->addItem(QString::number(rate), rate);
    m_serialSuffix->setObjectName(QStringLiteral("serialSuffix"));
    m_serialSuffix->addItem(tr("CR (Enter)"), QByteArray("\r"));
    m_serialSuffix->addItem(tr("LF"), QByteArray("\n"));
    m_serialSuffix->addItem(tr("Tab"), QByteArray("\t"));
    m_serialSuffix->addItem(tr("None (ended by a pause)"), QByteArray());

    auto *serial = new QGroupBox(tr("Serial scanner"), this);
    auto *serialForm = new QFormLayout(serial);
    serialForm->addRow(m_serialEnabled);
    auto *portLabel = new QLabel(tr("P&ort:"), serial);
    portLabel->setBuddy(m_port);
    serialForm->addRow(portLabel, portRow);
    serialForm->addRow(tr("&Baud rate:"), m_baudRate);
    serialForm->addRow(tr("Su&ffix:"), m_serialSuffix);

    m_sound->setObjectName(QStringLiteral("scanSound"));

    m_testField->setObjectName(QStringLiteral("scanTestField"));
    m_testField->setPlaceholderText(tr("Scan a label here, or type a code and press Enter"));
    m_testResult->setObjectName(QStringLiteral("scanTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testField->installEventFilter(this);
    auto *test = new QGroupBox(tr("Test"), this);
    auto *testLayout = new QVBoxLayout(test);
    testLayout->addWidget(m_testField);
    testLayout->addWidget(m_testResult);

    m_problem->setObjectName(QStringLiteral("scannerSettingsProblem"));
    m_problem->setWordWrap(true);
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x24));
    m_problem->setPalette(palette);
    m_problem->hide();

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScannerSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ScannerSettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &ScannerSettingsDialog::apply);
    // Enter in the test field tests; it must not close the dialog.
    for (QAbstractButton *button : m_buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(wedge);
    layout->addWidget(serial);
    layout->addWidget(m_sound);
    layout->addWidget(test);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    refreshPorts();
    setConfig(config);

    for (QComboBox *combo : {m_suffix, m_baudRate, m_serialSuffix})
        connect(combo, &QComboBox::currentIndexChanged, this, &ScannerSettingsDialog::updateState);
    connect(m_port, &QComboBox::currentTextChanged, this, &ScannerSettingsDialog::updateState);
    for (QLineEdit *edit : {m_prefix, m_gsSubstitute})
        connect(edit, &QLineEdit::textChanged, this, &ScannerSettingsDialog::updateState);
    for (QSpinBox *spin : {m_maxGap, m_minLength})
        connect(spin, &QSpinBox::valueChanged, this, &ScannerSettingsDialog::updateState);
    connect(m_serialEnabled, &QCheckBox::toggled, this, &ScannerSettingsDialog::updateState);
    updateState();
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

ScannerSettingsDialog::~ScannerSettingsDialog()
{
    delete m_testInput;
}

void ScannerSettingsDialog::setConfig(const scan::ScannerConfig &config)
{
    selectData(m_suffix, config.suffix);
    m_prefix->setText(config.prefix);
    m_gsSubstitute->setText(config.gsSubstitute.isNull() ? QString()
                                                         : QString(config.gsSubstitute));
    m_maxGap->setValue(config.maxGapMs);
    m_minLength->setValue(config.minLength);
    m_serialEnabled->setChecked(config.serialEnabled);
    const int port = m_port->findData(config.serialPort);
    if (port >= 0)
        m_port->setCurrentIndex(port);
    else
        m_port->setEditText(config.serialPort);
    if (m_baudRate->findData(config.baudRate) < 0)
        m_baudRate->addItem(QString::number(config.baudRate), config.baudRate);
    selectData(m_baudRate, config.baudRate);
    selectData(m_serialSuffix, config.serialSuffix);
    m_sound->setChecked(config.sound);
}

scan::ScannerConfig ScannerSettingsDialog::config() const
{
    scan::ScannerConfig c;
    c.suffix = m_suffix->currentData().toString();
    c.prefix = m_prefix->text();
    const QString gs = m_gsSubstitute->text();
    c.gsSubstitute = gs.isEmpty() ? QChar() : gs.front();
    c.maxGapMs = m_maxGap->value();
    c.minLength = m_minLength->value();
    c.serialEnabled = m_serialEnabled->isChecked();
    // A port picked from the list shows "ttyACM0 — description"; its data is the name.
    const int index = m_port->findText(m_port->currentText());
    c.serialPort = index >= 0 && !m_port->itemData(index).toString().isEmpty()
                       ? m_port->itemData(index).toString()
                       : m_port->currentText().trimmed();
    c.baudRate = m_baudRate->currentData().toInt();
    c.serialSuffix = m_serialSuffix->currentData().toByteArray();
    c.sound = m_sound->isChecked();
    return c;
}

void ScannerSettingsDialog::refreshPorts()
{
    const QString entered = config().serialPort;
    const QSignalBlocker blocker(m_port);
    m_port->clear();
    const QList<scan::SerialPortDescription> ports = scan::SerialScanner::availablePorts();
    for (const scan::SerialPortDescription &port : ports) {
        const QString text =
            port.description.isEmpty() ? port.name : tr("%1 — %2").arg(port.name, port.description);
        m_port->addItem(text, port.name);
    }
    const int index = m_port->findData(entered);
    if (index >= 0)
        m_port->setCurrentIndex(index);
    else
        m_port->setEditText(entered);
}

QString ScannerSettingsDialog::problemText(scan::ScannerConfig::Problem problem)
{
    using Problem = scan::ScannerConfig::Problem;
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::PrefixIsSuffix:
        return tr("The prefix cannot be the same as the suffix: every scan would end where it "
                  "begins.");
    case Problem::PrefixContainsSuffix:
        return tr("The prefix cannot contain the suffix: scans would end inside the prefix.");
    case Problem::PrefixNotPrintable:
        return tr("The prefix can only hold visible characters, no spaces or control "
                  "characters.");
    case Problem::GsSubstituteInvalid:
        return tr("The GS substitute must be a punctuation character such as ~ or |, never a "
                  "letter, digit or space: those occur in codes.");
    case Problem::GsSubstituteInPrefix:
        return tr("The prefix cannot contain the GS substitute.");
    case Problem::GapOutOfRange:
        return tr("The maximum key gap must be between %1 and %2 ms.")
            .arg(scan::ScannerConfig::MinGapMs)
            .arg(scan::ScannerConfig::MaxGapMs);
    case Problem::MinLengthOutOfRange:
        return tr("The minimum length must be between %1 and %2 characters.")
            .arg(scan::ScannerConfig::MinCodeLength)
            .arg(scan::ScannerConfig::MaxCodeLength);
    case Problem::SuffixInvalid:
        return tr("The keyboard scanner's suffix must be Enter, Tab or none.");
    case Problem::SerialPortMissing:
        return tr("Choose or type the serial port of the scanner, or turn the serial scanner "
                  "off.");
    case Problem::BaudRateInvalid:
        return tr("Choose a baud rate.");
    case Problem::SerialSuffixInvalid:
        return tr("The serial scanner's suffix must be CR, LF, Tab or none.");
    }
    return {};
}

QString ScannerSettingsDialog::describe(const scan::ScanResult &result)
{
    if (!result.isValid())
        return tr("Not usable: %1").arg(result.error);
    QStringList parts;
    switch (result.kind) {
    case scan::ScanResult::Kind::Gtin:
        parts << tr("EAN/UPC, GTIN %1").arg(result.code);
        break;
    case scan::ScanResult::Kind::Gs1:
        parts << tr("GS1 data, looks up %1").arg(result.code);
        break;
    case scan::ScanResult::Kind::DigitalLink:
        parts << tr("GS1 Digital Link, looks up %1").arg(result.code);
        break;
    case scan::ScanResult::Kind::Text:
        parts << tr("Text, looked up as SKU or part number: %1").arg(result.code);
        break;
    }
    if (result.quantity)
        parts << tr("quantity %1").arg(*result.quantity);
    if (!result.batch.isEmpty())
        parts << tr("batch %1").arg(result.batch);
    if (!result.serial.isEmpty())
        parts << tr("serial %1").arg(result.serial);
    if (result.expiry.isValid())
        parts << tr("expiry %1").arg(result.expiry.toString(Qt::ISODate));
    if (!result.symbology.isEmpty())
        parts << tr("symbology %1").arg(result.symbology);
    return parts.join(QStringLiteral(", "));
}

void ScannerSettingsDialog::showScan(const scan::ScanResult &result)
{
    m_testField->setText(visible(result.raw));
    m_testResult->setText(describe(result));
}

void ScannerSettingsDialog::interpretTyped()
{
    // Typed by hand: no prefix or suffix to strip, the GS substitute still applies.
    scan::ScanSettings settings = config().wedgeScanSettings();
    settings.prefix.clear();
    settings.suffix.clear();
    m_testResult->setText(describe(scan::interpret(m_testField->text(), settings)));
}

void ScannerSettingsDialog::updateState()
{
    const scan::ScannerConfig c = config();
    const scan::ScannerConfig::Problem problem = c.validate();
    m_problem->setText(problemText(problem));
    m_problem->setVisible(problem != scan::ScannerConfig::Problem::None);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_port, m_refreshPorts, m_baudRate, m_serialSuffix})
        w->setEnabled(c.serialEnabled);
    // The test field reads scans with the settings as they stand.
    if (m_testInput && problem == scan::ScannerConfig::Problem::None) {
        if (m_testInput->detectorSettings().prefix != c.prefix ||
            m_testInput->detectorSettings().suffix != c.suffix ||
            m_testInput->detectorSettings().maxGapMs != c.maxGapMs ||
            m_testInput->detectorSettings().minLength != c.minLength)
            m_testInput->setDetectorSettings(c.detectorSettings());
        m_testInput->setScanSettings(c.wedgeScanSettings());
    }
}

bool ScannerSettingsDialog::apply()
{
    const scan::ScannerConfig c = config();
    const scan::ScannerConfig::Problem problem = c.validate();
    if (problem != scan::ScannerConfig::Problem::None) {
        m_problem->setText(problemText(problem));
        m_problem->show();
        return false;
    }
    QSettings settings;
    c.save(settings);
    Q_EMIT applied(c);
    return true;
}

void ScannerSettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

bool ScannerSettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the test field reads what was typed there; it must not press OK.
    if (watched == m_testField && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            interpretTyped();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ScannerSettingsDialog::showEvent(QShowEvent *event)
{
    // While the dialog shows, its own scanner input reads the scans (into the test field).
    if (!m_testInput) {
        m_testInput = new ScannerInput;
        m_testInput->install();
        connect(m_testInput, &ScannerInput::scanned, this, &ScannerSettingsDialog::showScan);
        const scan::ScannerConfig c = config();
        if (c.validate() == scan::ScannerConfig::Problem::None) {
            m_testInput->setDetectorSettings(c.detectorSettings());
            m_testInput->setScanSettings(c.wedgeScanSettings());
        }
    }
    QDialog::showEvent(event);
}

void ScannerSettingsDialog::hideEvent(QHideEvent *event)
{
    delete m_testInput;
    QDialog::hideEvent(event);
}

} // namespace qm
