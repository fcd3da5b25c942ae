#pragma once

#include <QString>

// A few values every schema fixture (tests/data/cache-schemas) holds, from the version that
// introduced their table on. They are frozen with the released fixtures: the upgrade test
// reads them back after migrating, through the stores.
namespace qm::fixturerows {

inline const QString Sku = QStringLiteral("A4-80");
inline const QString Currency = QStringLiteral("EUR");
inline constexpr qint64 ContractPriceUnits = 1850; // 0.1850 per EA from 100
inline constexpr qint64 ListPriceUnits = 2400;     // 0.2400 per EA
inline constexpr qint64 ContractMinQty = 100;
inline const QString SearchWord = QStringLiteral("stainless"); // in the A4-80's name

// Version 4 on.
inline const QString CartName = QStringLiteral("Workshop restock");
inline constexpr qint64 CartLineQuantity = 250; // the cart's A4-80 line, in EA

// Version 5 on.
inline const QString ListName = QStringLiteral("Monthly consumables");

// Version 8 on: one outbox order per state.
inline const QString QueuedOrderKey = QStringLiteral("0b7c2f4e-5d7a-4c1e-9a51-4f0d3c2b1a01");
inline const QString SendingOrderKey = QStringLiteral("0b7c2f4e-5d7a-4c1e-9a51-4f0d3c2b1a02");
inline const QString RefusedOrderKey = QStringLiteral("0b7c2f4e-5d7a-4c1e-9a51-4f0d3c2b1a03");
inline const QString SentOrderKey = QStringLiteral("0b7c2f4e-5d7a-4c1e-9a51-4f0d3c2b1a04");
inline const QString SentOrderNumber = QStringLiteral("SO-300412");
inline const QString HistoryOrderNumber = QStringLiteral("SO-299870");

} // namespace qm::fixturerows
