#include "historyfixture.h"
#include "models/formatting.h"
#include "ui/orderconfirmation.h"
#include "uitestmain.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace qm;
using namespace qm::test;

// The order confirmation: its HTML names what a buyer files (account, number, dates, ship-to
// address, PO, lines, total, approval) in the app's money format, and it becomes an A4 PDF.
class tst_OrderConfirmation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void htmlHasTheOrder_data();
    void htmlHasTheOrder();
    void textIsEscaped();
    void withoutAccount();
    void pendingApproval();
    void writesPdf();
    void unwritablePathFails();
};

static QString plainText(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

// Money as plain text has it: the non-breaking space before the currency becomes a plain one.
static QString plain(QString text)
{
    return text.replace(QChar(0x00a0), QLatin1Char(' '));
}

void tst_OrderConfirmation::htmlHasTheOrder_data()
{
    QTest::addColumn<QString>("locale");
    QTest::newRow("en_US") << QStringLiteral("en_US");
    QTest::newRow("de_DE") << QStringLiteral("de_DE");
}

void tst_OrderConfirmation::htmlHasTheOrder()
{
    QFETCH(QString, locale);
    const QLocale l(locale);
    const Order order = sampleOrder();
    const OrderConfirmation::Parties parties{
        QStringLiteral("Harbor Industrial Supply"), {}, sampleAccount()};
    const QString text = plainText(OrderConfirmation::html(order, parties, l));

    for (const QString &expected :
         {QStringLiteral("Harbor Industrial Supply"), QStringLiteral("Bayside Marine Services"),
          QStringLiteral("BAY-001"), QStringLiteral("SO-300123"), QStringLiteral("PO-4471"),
          // The ship-to location with its address from the account.
          QStringLiteral("Boatyard"), QStringLiteral("88 Slipway Road"), QStringLiteral("Gate 3"),
          QStringLiteral("94010 Dockton, CA"), QStringLiteral("Deliver to gate 3 before noon"),
          // Dates in the locale's short format.
          l.toString(QDate(2026, 11, 20), QLocale::ShortFormat),
          l.toString(order.placedAt.toLocalTime(), QLocale::ShortFormat),
          // The approval: who decided and their comment.
          QStringLiteral("Tom Whitaker"), QStringLiteral("ok for the haul-out")})
        QVERIFY2(text.contains(expected),
                 qPrintable(expected + QStringLiteral(" not in:\n") + text));

    // Every line with its SKU, quantity and money as the app formats it, and the total.
    for (const OrderLine &line : order.lines) {
        QVERIFY2(text.contains(line.sku), qPrintable(line.sku));
        QVERIFY(text.contains(l.toString(line.quantity)));
        QVERIFY2(text.contains(plain(formatting::money(l, line.unitPrice, order.currency))),
                 qPrintable(formatting::money(l, line.unitPrice, order.currency)));
        QVERIFY(text.contains(plain(formatting::money(l, line.lineTotal, order.currency))));
    }
    const QString total = formatting::money(l, order.subtotal, order.currency);
    QVERIFY2(text.contains(plain(total)), qPrintable(total));
    QCOMPARE(plain(total),
             locale == u"en_US" ? QStringLiteral("892.50 USD") : QStringLiteral("892,50 USD"));
    // The back-ordered part of line 2 with its expected date.
    QVERIFY(text.contains(l.toString(QDate(2026, 12, 4), QLocale::ShortFormat)));
}

void tst_OrderConfirmation::textIsEscaped()
{
    Order order = sampleOrder();
    order.notes = QStringLiteral("<b>not bold</b> & <a href=\"x\">no link</a>");
    const QString html = OrderConfirmation::html(order, {});
    QVERIFY(!html.contains(QStringLiteral("<b>not bold</b>")));
    QVERIFY(!html.contains(QStringLiteral("<a href=\"x\">")));
    const QString text = plainText(html);
    QVERIFY(text.contains(QStringLiteral("<b>not bold</b> & <a href=\"x\">no link</a>")));
    QVERIFY(text.contains(QStringLiteral("Nitrile gloves <large>")));
}

void tst_OrderConfirmation::withoutAccount()
{
    // No account cached yet: the account name from the profile and the bare location code.
    const QString text = plainText(OrderConfirmation::html(
        sampleOrder(), {QStringLiteral("Harbor Industrial Supply"), QStringLiteral("Bayside"), {}},
        QLocale(QStringLiteral("en_US"))));
    QVERIFY(text.contains(QStringLiteral("Bayside")));
    QVERIFY(text.contains(QStringLiteral("YARD")));
    QVERIFY(!text.contains(QStringLiteral("88 Slipway Road")));
}

void tst_OrderConfirmation::pendingApproval()
{
    Order order = sampleOrder();
    order.status = OrderStatus::PendingApproval;
    order.approval.decidedBy.clear();
    order.approval.decidedAt = {};
    order.approval.comment.clear();
    const QString text = plainText(OrderConfirmation::html(order, {}));
    QVERIFY(text.contains(QStringLiteral("waiting for a decision")));
    QVERIFY(!text.contains(QStringLiteral("Tom Whitaker")));

    order.approval = {};
    QVERIFY(!plainText(OrderConfirmation::html(order, {})).contains(QStringLiteral("Approval")));
}

void tst_OrderConfirmation::writesPdf()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(OrderConfirmation::suggestedFileName(sampleOrder()));
    QVERIFY(path.endsWith(QStringLiteral("SO-300123 confirmation.pdf")));
    QString error;
    QVERIFY2(OrderConfirmation::writePdf(
                 sampleOrder(), {QStringLiteral("Harbor"), {}, sampleAccount()}, path, &error),
             qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.contains("%%EOF"));
    // A4: 595 x 842 points.
    QVERIFY2(pdf.contains("/MediaBox [0 0 595") || pdf.contains("/MediaBox [ 0 0 595"),
             pdf.left(2000).constData());
}

void tst_OrderConfirmation::unwritablePathFails()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!OrderConfirmation::writePdf(
        sampleOrder(), {}, dir.filePath(QStringLiteral("missing/sub/o.pdf")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing/sub/o.pdf")), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing/sub/o.pdf"))));
}

QM_UI_TEST_MAIN(tst_OrderConfirmation)
#include "tst_orderconfirmation.moc"
