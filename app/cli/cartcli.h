#pragma once

#include "app/cli/clicontext.h"
#include "models/cartstore.h"
#include "models/quickorderimport.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace qm {

class CartPricing;
class Database;

// What the cart and scan commands share: finding the cart a command works on, and
// printing quick-order outcomes and priced carts as text or JSON (docs/cli.md).
namespace cartcli {

// The name of the cart created when a command adds to a profile that has none.
QString defaultCartName();

// `--cart C` (a name or id), else the current cart. With `create`, a profile without carts
// gets one named defaultCartName(). The cart becomes the current one.
std::optional<CartInfo> chooseCart(Database &db, const QString &option, bool create,
                                   CliError *error);

QJsonObject cartInfo(const CartInfo &cart, bool current);
QJsonObject pricedCart(const CartInfo &cart, const CartPricing &pricing);
QJsonObject outcome(const QuickOrderImport::Result &result, const QString &currency);
QJsonObject summary(const QuickOrderImport::Summary &summary);
QJsonObject unresolved(const UnresolvedCode &code);

// "no product matches 'X'; did you mean A, B?" (exit code 4) for a code that is unknown.
CliError unknownCode(const QuickOrderImport::Result &result);

// One line per entry: "line 3  HIS-100  added  12 EA  ..." for the human form.
void printOutcome(QTextStream &out, const QuickOrderImport::Result &result);
void printCart(QTextStream &out, const CartInfo &cart, const CartPricing &pricing);

} // namespace cartcli
} // namespace qm
