<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>qm::CartView</name>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln line(s) without a price</source>
        <translation>
            <numerusform> · %Ln line without a price</numerusform>
            <numerusform> · %Ln lines without a price</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln line(s). Undo with %1.</source>
        <translation>
            <numerusform>Removed %Ln line. Undo with %1.</numerusform>
            <numerusform>Removed %Ln lines. Undo with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln line(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln line to %1.</numerusform>
            <numerusform>Exported %Ln lines to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::ImportPreviewDialog</name>
    <message numerus="yes">
        <source>Checking %Ln line(s) against the catalog…</source>
        <translation>
            <numerusform>Checking %Ln line against the catalog…</numerusform>
            <numerusform>Checking %Ln lines against the catalog…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln line(s) read</source>
        <translation>
            <numerusform>%1 — %Ln line read</numerusform>
            <numerusform>%1 — %Ln lines read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted cells — %Ln line(s)</source>
        <translation>
            <numerusform>Pasted cells — %Ln line</numerusform>
            <numerusform>Pasted cells — %Ln lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::ListsView</name>
    <message numerus="yes">
        <source>Discard the list “%1”? The portal never accepted it, so it is removed from this computer with its %Ln line(s).</source>
        <translation>
            <numerusform>Discard the list “%1”? The portal never accepted it, so it is removed from this computer with its %Ln line.</numerusform>
            <numerusform>Discard the list “%1”? The portal never accepted it, so it is removed from this computer with its %Ln lines.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%2 · %Ln line(s)</source>
        <translation>
            <numerusform>%1
%2 · %Ln line</numerusform>
            <numerusform>%1
%2 · %Ln lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved the cart as the list “%1” (%Ln line(s)).</source>
        <translation>
            <numerusform>Saved the cart as the list “%1” (%Ln line).</numerusform>
            <numerusform>Saved the cart as the list “%1” (%Ln lines).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) of “%1” to the cart.</source>
        <translation>
            <numerusform>Added %Ln line of “%1” to the cart.</numerusform>
            <numerusform>Added %Ln lines of “%1” to the cart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) of “%1” to the cart; not added: %2.</source>
        <translation>
            <numerusform>Added %Ln line of “%1” to the cart; not added: %2.</numerusform>
            <numerusform>Added %Ln lines of “%1” to the cart; not added: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::MainWindow</name>
    <message numerus="yes">
        <source>Imported %Ln line(s) into the cart.</source>
        <translation>
            <numerusform>Imported %Ln line into the cart.</numerusform>
            <numerusform>Imported %Ln lines into the cart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cart: %Ln line(s)</source>
        <translation>
            <numerusform>Cart: %Ln line</numerusform>
            <numerusform>Cart: %Ln lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catalog synced: %Ln change(s).</source>
        <translation>
            <numerusform>Catalog synced: %Ln change.</numerusform>
            <numerusform>Catalog synced: %Ln changes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The catalog now syncs every %n minute(s).</source>
        <translation>
            <numerusform>The catalog now syncs every minute.</numerusform>
            <numerusform>The catalog now syncs every %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>about %n hour left</numerusform>
            <numerusform>about %n hours left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) sent to the portal.</source>
        <translation>
            <numerusform>%n order sent to the portal.</numerusform>
            <numerusform>%n orders sent to the portal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) refused: see the Outbox.</source>
        <translation>
            <numerusform>%n order refused: see the Outbox.</numerusform>
            <numerusform>%n orders refused: see the Outbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1 — all %Ln line(s), at today&apos;s prices</source>
        <translation>
            <numerusform>Order %1 — its %Ln line, at today&apos;s prices</numerusform>
            <numerusform>Order %1 — all %Ln lines, at today&apos;s prices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1 — %Ln selected line(s), at today&apos;s prices</source>
        <translation>
            <numerusform>Order %1 — %Ln selected line, at today&apos;s prices</numerusform>
            <numerusform>Order %1 — %Ln selected lines, at today&apos;s prices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reordered %Ln line(s) of %1 into “%2”.</source>
        <translation>
            <numerusform>Reordered %Ln line of %1 into “%2”.</numerusform>
            <numerusform>Reordered %Ln lines of %1 into “%2”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) still queued.</source>
        <translation>
            <numerusform>%n order still queued.</numerusform>
            <numerusform>%n orders still queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n order(s) not sent</source>
        <translation>
            <numerusform> · %n order not sent</numerusform>
            <numerusform> · %n orders not sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::ProductDetailView</name>
    <message numerus="yes">
        <source>%1 %2 on hand in %n warehouse(s)</source>
        <translation>
            <numerusform>%1 %2 on hand in %n warehouse</numerusform>
            <numerusform>%1 %2 on hand in %n warehouses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::QuickOrderView</name>
    <message numerus="yes">
        <source>Short: %1 %2 on hand, more in %Ln day(s)</source>
        <translation>
            <numerusform>Short: %1 %2 on hand, more in %Ln day</numerusform>
            <numerusform>Short: %1 %2 on hand, more in %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) ready</source>
        <translation>
            <numerusform>%Ln row ready</numerusform>
            <numerusform>%Ln rows ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln to fix</source>
        <translation>
            <numerusform>, %Ln to fix</numerusform>
            <numerusform>, %Ln to fix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %Ln row(s).</source>
        <translation>
            <numerusform>Pasted %Ln row.</numerusform>
            <numerusform>Pasted %Ln rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) to the cart.</source>
        <translation>
            <numerusform>Added %Ln line to the cart.</numerusform>
            <numerusform>Added %Ln lines to the cart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::SyncSettingsDialog</name>
    <message numerus="yes">
        <source>minute(s)</source>
        <comment>after the number of minutes between syncs</comment>
        <translation>
            <numerusform>minute</numerusform>
            <numerusform>minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The catalog, prices and stock are brought up to date %n minute(s) after the last sync ends. While the computer is offline the sync waits for the network.</source>
        <translation>
            <numerusform>The catalog, prices and stock are brought up to date %n minute after the last sync ends. While the computer is offline the sync waits for the network.</numerusform>
            <numerusform>The catalog, prices and stock are brought up to date %n minutes after the last sync ends. While the computer is offline the sync waits for the network.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n minute.</numerusform>
            <numerusform>Too many attempts. Try again in %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::ApprovalsView</name>
    <message numerus="yes">
        <source>%Ln order(s) waiting for your approval, oldest first.</source>
        <translation>
            <numerusform>%Ln order waiting for your approval, oldest first.</numerusform>
            <numerusform>%Ln orders waiting for your approval, oldest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::OrderHistoryView</name>
    <message numerus="yes">
        <source>%Ln order(s) match the filters.</source>
        <translation>
            <numerusform>%Ln order matches the filters.</numerusform>
            <numerusform>%Ln orders match the filters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s).</source>
        <translation>
            <numerusform>%Ln order.</numerusform>
            <numerusform>%Ln orders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::OrderReviewDialog</name>
    <message numerus="yes">
        <source>The rest is expected in %n day(s).</source>
        <translation>
            <numerusform>The rest is expected in %n day.</numerusform>
            <numerusform>The rest is expected in %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::OutboxView</name>
    <message numerus="yes">
        <source>Prices or availability changed since the order was queued (%n line(s)). The portal placed nothing and charged nothing.
Review the changes: accept them and submit, or edit the cart.</source>
        <translation>
            <numerusform>Prices or availability changed since the order was queued (%n line). The portal placed nothing and charged nothing.
Review the changes: accept them and submit, or edit the cart.</numerusform>
            <numerusform>Prices or availability changed since the order was queued (%n lines). The portal placed nothing and charged nothing.
Review the changes: accept them and submit, or edit the cart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s), total %1</source>
        <translation>
            <numerusform>%Ln line, total %1</numerusform>
            <numerusform>%Ln lines, total %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::SubmitOrderDialog</name>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) have no price and cannot be ordered: %1. Remove them from the cart or sync the prices.</source>
        <translation>
            <numerusform>%Ln line has no price and cannot be ordered: %1. Remove it from the cart or sync the prices.</numerusform>
            <numerusform>%Ln lines have no price and cannot be ordered: %1. Remove them from the cart or sync the prices.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::AccountAdminView</name>
    <message numerus="yes">
        <source>The last %n change(s) to the account's users and ship-to locations, newest first.</source>
        <translation>
            <numerusform>The last change to the account's users and ship-to locations.</numerusform>
            <numerusform>The last %n changes to the account's users and ship-to locations, newest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ship-to location(s)</source>
        <translation>
            <numerusform>%n ship-to location</numerusform>
            <numerusform>%n ship-to locations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ship-to location(s).</source>
        <translation>
            <numerusform>%n ship-to location.</numerusform>
            <numerusform>%n ship-to locations.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::UserDialog</name>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::CompanyView</name>
    <message numerus="yes">
        <source>%1 and the %n account(s) below it bill in different currencies: no total.</source>
        <translation>
            <numerusform>%1 and the %n account below it bill in different currencies: no total.</numerusform>
            <numerusform>%1 and the %n accounts below it bill in different currencies: no total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 with the %n account(s) below it: %2 orders, %3 open, spend %4, balance %5, overdue %6, available %7.</source>
        <translation>
            <numerusform>%1 with the %n account below it: %2 orders, %3 open, spend %4, balance %5, overdue %6, available %7.</numerusform>
            <numerusform>%1 with the %n accounts below it: %2 orders, %3 open, spend %4, balance %5, overdue %6, available %7.</numerusform>
        </translation>
    </message>
</context>
</TS>
