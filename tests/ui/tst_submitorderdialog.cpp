// Submitting a cart: the lines and total as priced now, the ship-to locations of the
// account with the default preselected and its address, the credit and the spending limit
// with their warnings, every check of the header (each next to its field, nothing queued
// while any fails), and a valid submit queueing exactly one order; without a synced account
// the ship-to is typed in. Offscreen, over the cart fixture.
#include "orderfixture.h"
#include "uitestmain.h"

#include "models/cartmodel.h"
#include "models/profilestore.h"
#include "ui/submitorderdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>

using namespace qm;
using namespace qm::test;

namespace {

// 10 x 0.40 (contract) + 20 x 0.25 = 9.00 USD.
const QList<CartLineSpec> TwoLines{{"HB-100", "EA", 10}, {"GL-200", "EA", 20}};

enum class Rule
{
    EmptyCart,
    UnpricedLine,
    NoShipToTyped,
    ShipToTooLong,
    AccountWithoutLocations,
    PoNumberTooLong,
    DeliveryInThePast,
    NotesTooLong,
    ContactNameTooLong,
    ContactEmailInvalid,
    ContactEmailTooLong,
    ContactPhoneInvalid,
};

QList<SubmitOrderDialog::Field> allFields()
{
    using F = SubmitOrderDialog::Field;
    return {F::Lines, F::ShipTo,      F::PoNumber,     F::RequestedDelivery,
            F::Notes, F::ContactName, F::ContactEmail, F::ContactPhone};
}

} // namespace

Q_DECLARE_METATYPE(Rule)
Q_DECLARE_METATYPE(qm::SubmitOrderDialog::Field)

class tst_SubmitOrderDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheCartAndTheAccount();
    void everyRuleIsCheckedAtItsField_data();
    void everyRuleIsCheckedAtItsField();
    void creditAndSpendingLimitWarnings_data();
    void creditAndSpendingLimitWarnings();
    void submitQueuesExactlyOneOrder();
    void withoutAnAccountTheShipToIsTyped();
    void theUsersOwnDefaultIsPreselected_data();
    void theUsersOwnDefaultIsPreselected();
};

void tst_SubmitOrderDialog::showsTheCartAndTheAccount()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount("5000.00", "2500.00")));
    const qint64 cart = makeCart(*f.db, QStringLiteral("Site order"), TwoLines);
    QVERIFY(cart);
    SubmitOrderDialog dialog(*f.db, cart);
    QVERIFY(dialog.hasAccount());
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("Site order")));
    QCOMPARE(dialog.linesView()->model()->rowCount(), 2);
    QCOMPARE(dialog.totals().subtotal, *Decimal::parse(u"9.00"));
    QVERIFY2(dialog.totalLabel()->text().contains(QStringLiteral("9.00")),
             qPrintable(dialog.totalLabel()->text()));
    QVERIFY(!dialog.pricesAsOfLabel()->text().isEmpty());

    // Both locations, the default (the second) preselected, its address shown.
    QComboBox *shipTo = dialog.shipToBox();
    QVERIFY(!shipTo->isHidden());
    QVERIFY(dialog.shipToEdit()->isHidden());
    QCOMPARE(shipTo->count(), 2);
    QCOMPARE(shipTo->currentData().toString(), QStringLiteral("MAIN"));
    QVERIFY2(dialog.shipToAddressLabel()->text().contains(QStringLiteral("1 Harbor Way")),
             qPrintable(dialog.shipToAddressLabel()->text()));
    shipTo->setCurrentIndex(shipTo->findData(QStringLiteral("YARD")));
    QVERIFY2(dialog.shipToAddressLabel()->text().contains(QStringLiteral("12 Quarry Road")),
             qPrintable(dialog.shipToAddressLabel()->text()));
    QCOMPARE(dialog.header().shipTo, QStringLiteral("YARD"));

    const QString credit = dialog.creditLabel()->text();
    QVERIFY2(credit.contains(QStringLiteral("5,000.00")) ||
                 credit.contains(QStringLiteral("5000.00")),
             qPrintable(credit));
    QVERIFY2(credit.contains(QStringLiteral("Net 30")), qPrintable(credit));
    QVERIFY2(credit.contains(QStringLiteral("Overdue: ")) &&
                 credit.contains(QStringLiteral("250.00")),
             qPrintable(credit));
    QVERIFY2(credit.contains(QStringLiteral("2,500.00")) ||
                 credit.contains(QStringLiteral("2500.00")),
             qPrintable(credit));
    QVERIFY(dialog.warningLabel()->isHidden());
}

void tst_SubmitOrderDialog::everyRuleIsCheckedAtItsField_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<SubmitOrderDialog::Field>("field");
    QTest::addColumn<QString>("says");
    using F = SubmitOrderDialog::Field;
    QTest::newRow("empty cart") << Rule::EmptyCart << F::Lines << QStringLiteral("empty");
    QTest::newRow("line without a price")
        << Rule::UnpricedLine << F::Lines << QStringLiteral("OLD-300");
    QTest::newRow("no ship-to typed")
        << Rule::NoShipToTyped << F::ShipTo << QStringLiteral("Choose where");
    QTest::newRow("ship-to too long")
        << Rule::ShipToTooLong << F::ShipTo << QStringLiteral("at most 32");
    QTest::newRow("account without locations")
        << Rule::AccountWithoutLocations << F::ShipTo << QStringLiteral("no ship-to location");
    QTest::newRow("PO number too long")
        << Rule::PoNumberTooLong << F::PoNumber << QStringLiteral("at most 64");
    QTest::newRow("delivery in the past")
        << Rule::DeliveryInThePast << F::RequestedDelivery << QStringLiteral("in the past");
    QTest::newRow("notes too long")
        << Rule::NotesTooLong << F::Notes << QStringLiteral("at most 2000");
    QTest::newRow("contact name too long")
        << Rule::ContactNameTooLong << F::ContactName << QStringLiteral("at most 120");
    QTest::newRow("contact email not an address")
        << Rule::ContactEmailInvalid << F::ContactEmail << QStringLiteral("not an email address");
    QTest::newRow("contact email too long")
        << Rule::ContactEmailTooLong << F::ContactEmail << QStringLiteral("at most 120");
    QTest::newRow("contact phone with letters")
        << Rule::ContactPhoneInvalid << F::ContactPhone << QStringLiteral("digits");
}

void tst_SubmitOrderDialog::everyRuleIsCheckedAtItsField()
{
    QFETCH(Rule, rule);
    QFETCH(SubmitOrderDialog::Field, field);
    QFETCH(QString, says);

    CartFixture f;
    const bool typedShipTo = rule == Rule::NoShipToTyped || rule == Rule::ShipToTooLong;
    if (!typedShipTo) {
        AccountInfo account = demoAccount();
        if (rule == Rule::AccountWithoutLocations)
            account.shipTo.clear();
        QVERIFY(storeAccount(*f.db, account));
    }
    QList<CartLineSpec> lines = TwoLines;
    if (rule == Rule::EmptyCart)
        lines.clear();
    if (rule == Rule::UnpricedLine)
        lines << CartLineSpec{"OLD-300", "EA", 1};
    const qint64 cart = makeCart(*f.db, QStringLiteral("Site order"), lines);
    QVERIFY(cart);

    SubmitOrderDialog dialog(*f.db, cart);
    if (typedShipTo)
        dialog.shipToEdit()->setText(rule == Rule::ShipToTooLong ? QString(33, u'S') : QString());
    switch (rule) {
    case Rule::PoNumberTooLong:
        dialog.poNumberEdit()->setText(QString(65, u'7'));
        break;
    case Rule::DeliveryInThePast:
        dialog.deliveryBox()->setChecked(true);
        dialog.deliveryEdit()->setDate(clock::today().addDays(-1));
        break;
    case Rule::NotesTooLong:
        dialog.notesEdit()->setPlainText(QString(2001, u'n'));
        break;
    case Rule::ContactNameTooLong:
        dialog.contactNameEdit()->setText(QString(121, u'a'));
        break;
    case Rule::ContactEmailInvalid:
        dialog.contactEmailEdit()->setText(QStringLiteral("dana.reyes at bayside"));
        break;
    case Rule::ContactEmailTooLong:
        dialog.contactEmailEdit()->setText(QString(110, u'd') + QStringLiteral("@bayside.example"));
        break;
    case Rule::ContactPhoneInvalid:
        dialog.contactPhoneEdit()->setText(QStringLiteral("call the yard"));
        break;
    default:
        break;
    }

    QTest::mouseClick(dialog.submitButton(), Qt::LeftButton);
    QVERIFY(!dialog.queuedOrder());
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    const QString error = dialog.fieldError(field);
    QVERIFY2(error.contains(says), qPrintable(error));
    for (SubmitOrderDialog::Field other : allFields()) {
        if (other != field)
            QVERIFY2(dialog.fieldError(other).isEmpty(), qPrintable(dialog.fieldError(other)));
    }
    // Nothing queued, the cart untouched.
    QVERIFY(OrderStore(*f.db).outbox().isEmpty());
    QCOMPARE(CartStore(*f.db).lines(cart).size(), lines.size());
}

void tst_SubmitOrderDialog::creditAndSpendingLimitWarnings_data()
{
    QTest::addColumn<QString>("available");
    QTest::addColumn<QString>("spendingLimit"); // empty: none
    QTest::addColumn<bool>("creditWarning");
    QTest::addColumn<bool>("approvalWarning");
    // The cart's total is 9.00.
    QTest::newRow("within both") << QStringLiteral("5000.00") << QStringLiteral("100.00") << false
                                 << false;
    QTest::newRow("no spending limit") << QStringLiteral("5000.00") << QString() << false << false;
    QTest::newRow("exactly the available credit")
        << QStringLiteral("9.00") << QString() << false << false;
    QTest::newRow("over the available credit")
        << QStringLiteral("8.99") << QString() << true << false;
    QTest::newRow("credit overdrawn") << QStringLiteral("-20.00") << QString() << true << false;
    QTest::newRow("exactly the spending limit")
        << QStringLiteral("5000.00") << QStringLiteral("9.00") << false << false;
    QTest::newRow("over the spending limit")
        << QStringLiteral("5000.00") << QStringLiteral("8.00") << false << true;
    QTest::newRow("over both") << QStringLiteral("1.00") << QStringLiteral("1.00") << true << true;
}

void tst_SubmitOrderDialog::creditAndSpendingLimitWarnings()
{
    QFETCH(QString, available);
    QFETCH(QString, spendingLimit);
    QFETCH(bool, creditWarning);
    QFETCH(bool, approvalWarning);

    CartFixture f;
    AccountInfo account = demoAccount();
    account.availableCredit = *Decimal::parse(available);
    if (!spendingLimit.isEmpty())
        account.spendingLimit = *Decimal::parse(spendingLimit);
    QVERIFY(storeAccount(*f.db, account));
    const qint64 cart = makeCart(*f.db, QStringLiteral("Site order"), TwoLines);
    SubmitOrderDialog dialog(*f.db, cart);
    const QString warning = dialog.creditWarning();
    QCOMPARE(warning.contains(QStringLiteral("available credit")), creditWarning);
    QCOMPARE(warning.contains(QStringLiteral("Needs approval")), approvalWarning);
    QCOMPARE(!dialog.warningLabel()->isHidden(), creditWarning || approvalWarning);
    QCOMPARE(dialog.warningLabel()->text(), warning);
    // A warning does not stop the order: the portal decides on credit and approval.
    QVERIFY(dialog.submit());
    QCOMPARE(OrderStore(*f.db).outbox().size(), 1);
}

void tst_SubmitOrderDialog::submitQueuesExactlyOneOrder()
{
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    const qint64 cart = makeCart(*f.db, QStringLiteral("Site order"), TwoLines);
    SubmitOrderDialog dialog(*f.db, cart);
    dialog.shipToBox()->setCurrentIndex(dialog.shipToBox()->findData(QStringLiteral("YARD")));
    QTest::keyClicks(dialog.poNumberEdit(), QStringLiteral("PO-4471"));
    dialog.deliveryBox()->setChecked(true);
    const QDate delivery = clock::today().addDays(3);
    dialog.deliveryEdit()->setDate(delivery);
    dialog.notesEdit()->setPlainText(QStringLiteral("Gate code 4471"));
    dialog.contactNameEdit()->setText(QStringLiteral("Dana Reyes"));
    dialog.contactEmailEdit()->setText(QStringLiteral("dana@bayside.example"));
    dialog.contactPhoneEdit()->setText(QStringLiteral("+1 (415) 555-0100"));

    QTest::mouseClick(dialog.submitButton(), Qt::LeftButton);
    QVERIFY2(dialog.queuedOrder(), qPrintable(dialog.generalError()));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // A second click (a double click) queues nothing more.
    QVERIFY(dialog.submit());

    const QList<OutboxOrder> outbox = OrderStore(*f.db).outbox();
    QCOMPARE(outbox.size(), 1);
    const OutboxOrder &order = outbox.first();
    QCOMPARE(order.clientOrderId, dialog.queuedOrder()->clientOrderId);
    QCOMPARE(order.state, OutboxState::Queued);
    QCOMPARE(order.attempts, 0);
    QCOMPARE(order.cartName, QStringLiteral("Site order"));
    QCOMPARE(order.expectedTotal, *Decimal::parse(u"9.00"));
    QCOMPARE(order.currency, QStringLiteral("USD"));
    QCOMPARE(order.submission.shipTo, QStringLiteral("YARD"));
    QCOMPARE(order.submission.poNumber, QStringLiteral("PO-4471"));
    QCOMPARE(order.submission.requestedDelivery, delivery);
    QCOMPARE(order.submission.notes, QStringLiteral("Gate code 4471"));
    QCOMPARE(order.submission.contact.name, QStringLiteral("Dana Reyes"));
    QCOMPARE(order.submission.contact.email, QStringLiteral("dana@bayside.example"));
    QCOMPARE(order.submission.contact.phone, QStringLiteral("+1 (415) 555-0100"));
    QCOMPARE(order.submission.lines.size(), 2);
    QCOMPARE(order.submission.lines.at(0).sku, QStringLiteral("HB-100"));
    QCOMPARE(order.submission.lines.at(0).quantity, 10);
    QCOMPARE(order.submission.lines.at(0).unitPrice, *Decimal::parse(u"0.40"));
    // The cart became the order: archived, its lines kept.
    QVERIFY(CartStore(*f.db).cart(cart)->archived);
    QCOMPARE(CartStore(*f.db).lines(cart).size(), 2);
}

void tst_SubmitOrderDialog::withoutAnAccountTheShipToIsTyped()
{
    CartFixture f;
    const qint64 cart = makeCart(*f.db, QStringLiteral("Field order"), TwoLines);
    SubmitOrderDialog dialog(*f.db, cart);
    QVERIFY(!dialog.hasAccount());
    QVERIFY(dialog.shipToBox()->isHidden());
    QVERIFY(!dialog.shipToEdit()->isHidden());
    QVERIFY2(dialog.shipToAddressLabel()->text().contains(QStringLiteral("not been synced")),
             qPrintable(dialog.shipToAddressLabel()->text()));
    QVERIFY2(dialog.creditLabel()->text().contains(QStringLiteral("not synced")),
             qPrintable(dialog.creditLabel()->text()));
    QVERIFY(dialog.creditWarning().isEmpty());
    QTest::keyClicks(dialog.shipToEdit(), QStringLiteral("SITE-7"));
    QVERIFY2(dialog.submit(), qPrintable(dialog.generalError() +
                                         dialog.fieldError(SubmitOrderDialog::Field::ShipTo)));
    const QList<OutboxOrder> outbox = OrderStore(*f.db).outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().submission.shipTo, QStringLiteral("SITE-7"));
}

void tst_SubmitOrderDialog::theUsersOwnDefaultIsPreselected_data()
{
    QTest::addColumn<QJsonValue>("userDefault"); // /me user.default_location
    QTest::addColumn<QString>("expected");
    QTest::newRow("the user's own") << QJsonValue(QStringLiteral("YARD")) << QStringLiteral("YARD");
    QTest::newRow("none: the account's") << QJsonValue(QJsonValue::Null) << QStringLiteral("MAIN");
    QTest::newRow("no longer listed: the account's")
        << QJsonValue(QStringLiteral("GONE")) << QStringLiteral("MAIN");
}

void tst_SubmitOrderDialog::theUsersOwnDefaultIsPreselected()
{
    QFETCH(QJsonValue, userDefault);
    QFETCH(QString, expected);
    CartFixture f;
    QVERIFY(storeAccount(*f.db, demoAccount()));
    ProfileInfo profile;
    profile.portal = QUrl(QStringLiteral("https://portal.example.com"));
    profile.username = QStringLiteral("buyer@example.com");
    profile.me = QJsonObject{
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("username"), profile.username},
                                             {QStringLiteral("default_location"), userDefault}}}};
    QString error;
    QVERIFY2(ProfileStore(*f.db).save(profile, &error), qPrintable(error));
    const qint64 cart = makeCart(*f.db, QStringLiteral("Site order"), TwoLines);
    QVERIFY(cart);
    SubmitOrderDialog dialog(*f.db, cart);
    QCOMPARE(dialog.shipToBox()->currentData().toString(), expected);
    QCOMPARE(dialog.header().shipTo, expected);
}

QM_UI_TEST_MAIN(tst_SubmitOrderDialog)
#include "tst_submitorderdialog.moc"
