<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ErrorMessages</name>
    <message>
        <source>Secure storage is unavailable: no keychain is running or it is locked.</source>
        <translation>Der sichere Speicher ist nicht verfügbar: Es läuft kein Schlüsselbund oder er ist gesperrt.</translation>
    </message>
    <message>
        <source>Secure storage is unavailable: you stay signed in until you quit, and will have to sign in again next time.</source>
        <translation>Der sichere Speicher ist nicht verfügbar: Sie bleiben bis zum Beenden angemeldet und müssen sich beim nächsten Start erneut anmelden.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to keep syncing; everything on this computer stays available.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um weiter zu synchronisieren; alle Daten auf diesem Computer bleiben verfügbar.</translation>
    </message>
    <message>
        <source>This address does not answer like a Quartermaster portal. Check the portal URL.</source>
        <translation>Unter dieser Adresse antwortet kein Quartermaster-Portal. Bitte prüfen Sie die Portal-URL.</translation>
    </message>
    <message>
        <source>The local catalog cache cannot be opened: %1</source>
        <translation>Der lokale Katalogspeicher kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Enter the portal address, for example https://portal.example.com.</source>
        <translation>Geben Sie die Portaladresse ein, zum Beispiel https://portal.example.com.</translation>
    </message>
    <message>
        <source>The username or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Your role does not allow this. Ask your account administrator.</source>
        <translation>Ihre Rolle erlaubt das nicht. Wenden Sie sich an die Administration Ihres Kundenkontos.</translation>
    </message>
    <message>
        <source>The portal does not know what was asked for.</source>
        <translation>Das Portal kennt das Angeforderte nicht.</translation>
    </message>
    <message>
        <source>The portal is busy. Try again in a moment.</source>
        <translation>Das Portal ist ausgelastet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The portal is temporarily unavailable. Try again later.</source>
        <translation>Das Portal ist vorübergehend nicht erreichbar. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The catalog has to be downloaded again in full.</source>
        <translation>Der Katalog muss vollständig neu geladen werden.</translation>
    </message>
    <message>
        <source>The portal ran into an internal error. Try again later.</source>
        <translation>Im Portal ist ein interner Fehler aufgetreten. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The request was too large for the portal.</source>
        <translation>Die Anfrage war für das Portal zu groß.</translation>
    </message>
    <message>
        <source>The portal did not accept the request (%1). This app may need an update.</source>
        <translation>Das Portal hat die Anfrage nicht angenommen (%1). Möglicherweise braucht diese App ein Update.</translation>
    </message>
    <message>
        <source>The portal reported a problem (%1).</source>
        <translation>Das Portal hat ein Problem gemeldet (%1).</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The portal cannot be reached. Check the address and your network connection.</source>
        <translation>Das Portal ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The portal did not answer in time. Check your network connection and try again.</source>
        <translation>Das Portal hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The portal is temporarily unavailable (HTTP %1). Try again later.</source>
        <translation>Das Portal ist vorübergehend nicht erreichbar (HTTP %1). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Plain http:// is only allowed for a portal on this computer. Use the portal&apos;s https:// address.</source>
        <translation>Unverschlüsseltes http:// ist nur für ein Portal auf diesem Computer erlaubt. Verwenden Sie die https://-Adresse des Portals.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Minute erneut.</numerusform>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Minuten erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>The portal did not accept the user&apos;s details.</source>
        <translation>Das Portal hat die Angaben zum Benutzer nicht angenommen.</translation>
    </message>
    <message>
        <source>The portal did not accept the location&apos;s details.</source>
        <translation>Das Portal hat die Angaben zum Standort nicht angenommen.</translation>
    </message>
    <message>
        <source>That username is taken. Choose another one.</source>
        <translation>Dieser Benutzername ist vergeben. Wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>The account already has a location with that code. Choose another one.</source>
        <translation>Das Konto hat bereits einen Standort mit diesem Code. Wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>This is the account&apos;s last active account administrator. Make someone else an account administrator first.</source>
        <translation>Dies ist der letzte aktive Kontoadministrator des Kontos. Machen Sie zuerst jemand anderen zum Kontoadministrator.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself. Ask another account administrator.</source>
        <translation>Sie können sich nicht selbst deaktivieren. Bitten Sie einen anderen Kontoadministrator.</translation>
    </message>
    <message>
        <source>The account needs a default ship-to location. Make another location the default first.</source>
        <translation>Das Konto braucht einen Standard-Lieferadresse. Machen Sie zuerst einen anderen Standort zum Standard.</translation>
    </message>
</context>
<context>
    <name>OrderConfirmation</name>
    <message>
        <source>%1 confirmation.pdf</source>
        <translation>%1 Bestätigung.pdf</translation>
    </message>
    <message>
        <source>Order confirmation %1</source>
        <translation>Auftragsbestätigung %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kundenkonto</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Requested delivery</source>
        <translation>Gewünschte Lieferung</translation>
    </message>
    <message>
        <source>As soon as possible</source>
        <translation>So bald wie möglich</translation>
    </message>
    <message>
        <source>PO number</source>
        <translation>Bestellnummer des Kunden</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anmerkungen</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Back-ordered</source>
        <translation>Im Rückstand</translation>
    </message>
    <message>
        <source>%1, expected %2</source>
        <translation>%1, erwartet am %2</translation>
    </message>
    <message>
        <source>Order total</source>
        <translation>Auftragssumme</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>%1 — %2 by %3 on %4</source>
        <translation>%1 — %2 von %3 am %4</translation>
    </message>
    <message>
        <source>%1 — waiting for a decision</source>
        <translation>%1 — wartet auf eine Entscheidung</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>OrderTexts</name>
    <message>
        <source>Submitted</source>
        <translation>Übermittelt</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Wartet auf Freigabe</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Partially shipped</source>
        <translation>Teilweise versandt</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Geliefert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Over the buyer&apos;s spending limit</source>
        <translation>Über dem Bestelllimit der einkaufenden Person</translation>
    </message>
    <message>
        <source>Contains items of a category that needs approval</source>
        <translation>Enthält Artikel einer Kategorie, die eine Freigabe braucht</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>Braucht Freigabe</translation>
    </message>
    <message>
        <source>Needs approval (%1)</source>
        <translation>Braucht Freigabe (%1)</translation>
    </message>
</context>
<context>
    <name>qm::AboutDialog</name>
    <message>
        <source>About Quartermaster</source>
        <translation>Über Quartermaster</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Quartermaster %1&lt;/h2&gt;&lt;p&gt;Your supplier&apos;s catalog, prices and stock on your desktop, online or offline.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Portal:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Qt:&lt;/b&gt; %3 (built with %4)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licences&lt;/b&gt;&lt;br&gt;Quartermaster: MIT licence.&lt;br&gt;Qt: GNU LGPL version 3.&lt;br&gt;QtKeychain: BSD 3-clause licence.&lt;br&gt;libsodium: ISC licence.&lt;br&gt;SQLite: public domain.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Quartermaster %1&lt;/h2&gt;&lt;p&gt;Katalog, Preise und Bestand Ihres Lieferanten auf Ihrem Desktop – online und offline.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Portal:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Qt:&lt;/b&gt; %3 (erstellt mit %4)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lizenzen&lt;/b&gt;&lt;br&gt;Quartermaster: MIT-Lizenz.&lt;br&gt;Qt: GNU LGPL Version 3.&lt;br&gt;QtKeychain: BSD-Lizenz (3 Klauseln).&lt;br&gt;libsodium: ISC-Lizenz.&lt;br&gt;SQLite: gemeinfrei.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>qm::AccountAdminView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Spending limit</source>
        <translation>Ausgabenlimit</translation>
    </message>
    <message>
        <source>Default location</source>
        <translation>Standardstandort</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>&amp;Add User…</source>
        <translation>Benutzer &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deaktivieren…</translation>
    </message>
    <message>
        <source>&amp;Add Location…</source>
        <translation>Standort &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Make Default</source>
        <translation>Zum &amp;Standard machen</translation>
    </message>
    <message numerus="yes">
        <source>The last %n change(s) to the account&apos;s users and ship-to locations, newest first.</source>
        <translation>
            <numerusform>Die letzte Änderung an den Benutzern und Lieferadressenn des Kontos.</numerusform>
            <numerusform>Die letzten %n Änderungen an den Benutzern und Lieferadressenn des Kontos, neueste zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Benutzer</translation>
    </message>
    <message>
        <source>&amp;Locations</source>
        <translation>&amp;Standorte</translation>
    </message>
    <message>
        <source>Audi&amp;t</source>
        <translation>Pro&amp;tokoll</translation>
    </message>
    <message>
        <source>The portal cannot be reached; nothing was changed.</source>
        <translation>Das Portal ist nicht erreichbar; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The account&apos;s users and locations could not be fetched: %1</source>
        <translation>Die Benutzer und Standorte des Kontos konnten nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>&amp;Activate…</source>
        <translation>&amp;Aktivieren…</translation>
    </message>
    <message>
        <source>The default location stays active: make another location the default first.</source>
        <translation>Der Standardstandort bleibt aktiv: Machen Sie zuerst einen anderen Standort zum Standard.</translation>
    </message>
    <message>
        <source>Sign in to manage the account&apos;s users and ship-to locations.</source>
        <translation>Melden Sie sich an, um die Benutzer und Lieferadressen des Kontos zu verwalten.</translation>
    </message>
    <message>
        <source>Offline: managing users and ship-to locations needs a connection to the portal, and nothing is queued. Refresh when the connection is back.</source>
        <translation>Offline: Benutzer und Lieferadressen zu verwalten braucht eine Verbindung zum Portal, und nichts wird vorgemerkt. Aktualisieren Sie, wenn die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Fetching the account&apos;s users and locations…</source>
        <translation>Die Benutzer und Standorte des Kontos werden abgerufen…</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1, %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n Benutzer</numerusform>
            <numerusform>%n Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ship-to location(s)</source>
        <translation>
            <numerusform>%n Lieferadresse</numerusform>
            <numerusform>%n Lieferadressen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ship-to location(s).</source>
        <translation>
            <numerusform>%n Lieferadresse.</numerusform>
            <numerusform>%n Lieferadressen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Account default</source>
        <translation>Standard des Kontos</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>(removed user)</source>
        <translation>(entfernter Benutzer)</translation>
    </message>
    <message>
        <source>Added user %1</source>
        <translation>Benutzer %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Changed user %1</source>
        <translation>Benutzer %1 geändert</translation>
    </message>
    <message>
        <source>Deactivated user %1</source>
        <translation>Benutzer %1 deaktiviert</translation>
    </message>
    <message>
        <source>Activated user %1</source>
        <translation>Benutzer %1 aktiviert</translation>
    </message>
    <message>
        <source>Added location %1</source>
        <translation>Standort %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Changed location %1</source>
        <translation>Standort %1 geändert</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Adresszeile 2</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>Wait for the change on its way to finish.</source>
        <translation>Warten Sie, bis die laufende Änderung abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Added user %1: they can sign in now.</source>
        <translation>Benutzer %1 hinzugefügt: Er kann sich jetzt anmelden.</translation>
    </message>
    <message>
        <source>Saved the changes to %1.</source>
        <translation>Die Änderungen an %1 wurden gespeichert.</translation>
    </message>
    <message>
        <source>Deactivate %1</source>
        <translation>%1 deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate %1? They are signed out everywhere at once and cannot sign in until they are activated again. Their orders stay.</source>
        <translation>%1 deaktivieren? Der Benutzer wird sofort überall abgemeldet und kann sich erst wieder anmelden, wenn er aktiviert wird. Seine Bestellungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Deactivated %1.</source>
        <translation>%1 deaktiviert.</translation>
    </message>
    <message>
        <source>Activate %1</source>
        <translation>%1 aktivieren</translation>
    </message>
    <message>
        <source>Activate %1? They can sign in again with their password.</source>
        <translation>%1 aktivieren? Der Benutzer kann sich wieder mit seinem Passwort anmelden.</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>Activated %1.</source>
        <translation>%1 aktiviert.</translation>
    </message>
    <message>
        <source>Added ship-to location %1.</source>
        <translation>Lieferadresse %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 is the account&apos;s default ship-to location now.</source>
        <translation>%1 ist jetzt der Standard-Lieferadresse des Kontos.</translation>
    </message>
    <message>
        <source>Deactivate %1 (%2)? No new order can ship to it; the orders that did keep it.</source>
        <translation>%1 (%2) deaktivieren? Keine neue Bestellung kann dorthin geliefert werden; bisherige Bestellungen behalten sie.</translation>
    </message>
    <message>
        <source>Activate %1 (%2)? Orders can ship to it again.</source>
        <translation>%1 (%2) aktivieren? Bestellungen können wieder dorthin geliefert werden.</translation>
    </message>
</context>
<context>
    <name>qm::AppController</name>
    <message>
        <source>You are signed out. The catalog stays on this computer for the next sign-in.</source>
        <translation>Sie sind abgemeldet. Der Katalog bleibt für die nächste Anmeldung auf diesem Computer.</translation>
    </message>
</context>
<context>
    <name>qm::ApprovalsView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Freigeben…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>A&amp;blehnen…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Placed by</source>
        <translation>Aufgegeben von</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Sign in to see the orders waiting for your approval.</source>
        <translation>Melden Sie sich an, um die Bestellungen zu sehen, die auf Ihre Freigabe warten.</translation>
    </message>
    <message>
        <source>Fetching the orders waiting for approval…</source>
        <translation>Die Bestellungen, die auf Freigabe warten, werden abgerufen…</translation>
    </message>
    <message>
        <source>No order is waiting for your approval.</source>
        <translation>Keine Bestellung wartet auf Ihre Freigabe.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) waiting for your approval, oldest first.</source>
        <translation>
            <numerusform>%Ln Bestellung wartet auf Ihre Freigabe, älteste zuerst.</numerusform>
            <numerusform>%Ln Bestellungen warten auf Ihre Freigabe, älteste zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Say why %1 is rejected: the buyer sees the comment.</source>
        <translation>Geben Sie an, warum %1 abgelehnt wird: Der Kommentar ist für die einkaufende Person sichtbar.</translation>
    </message>
    <message>
        <source>Approving %1…</source>
        <translation>%1 wird freigegeben…</translation>
    </message>
    <message>
        <source>Rejecting %1…</source>
        <translation>%1 wird abgelehnt…</translation>
    </message>
    <message>
        <source>Rejected %1; %2 sees the decision in their order history.</source>
        <translation>%1 abgelehnt; %2 sieht die Entscheidung im Bestellverlauf.</translation>
    </message>
    <message>
        <source>Approved %1; it goes on to the supplier.</source>
        <translation>%1 freigegeben; die Bestellung geht an den Lieferanten.</translation>
    </message>
    <message>
        <source>Offline: the orders waiting for approval come from the portal. Try again when the connection is back.</source>
        <translation>Offline: Die Bestellungen, die auf Freigabe warten, kommen vom Portal. Versuchen Sie es wieder, wenn die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>The approvals could not be fetched: %1</source>
        <translation>Die Freigaben konnten nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>the portal cannot be reached; nothing was decided</source>
        <translation>das Portal ist nicht erreichbar; nichts wurde entschieden</translation>
    </message>
    <message>
        <source>%1 was not approved: %2</source>
        <translation>%1 wurde nicht freigegeben: %2</translation>
    </message>
    <message>
        <source>%1 was not rejected: %2</source>
        <translation>%1 wurde nicht abgelehnt: %2</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>%1 freigeben</translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation>%1 ablehnen</translation>
    </message>
    <message>
        <source>A comment for the buyer (optional):</source>
        <translation>Ein Kommentar für die einkaufende Person (optional):</translation>
    </message>
    <message>
        <source>Why is the order rejected? The buyer sees this.</source>
        <translation>Warum wird die Bestellung abgelehnt? Die einkaufende Person sieht diesen Text.</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>A&amp;blehnen</translation>
    </message>
</context>
<context>
    <name>qm::CameraDialog</name>
    <message>
        <source>Scan with Camera</source>
        <translation>Mit Kamera scannen</translation>
    </message>
    <message>
        <source>Hold the barcode in front of the camera.</source>
        <translation>Halten Sie den Barcode vor die Kamera.</translation>
    </message>
    <message>
        <source>The camera does not work: %1</source>
        <translation>Die Kamera funktioniert nicht: %1</translation>
    </message>
    <message>
        <source>No camera found on this computer.</source>
        <translation>An diesem Computer wurde keine Kamera gefunden.</translation>
    </message>
    <message>
        <source>Read %1.</source>
        <translation>%1 gelesen.</translation>
    </message>
</context>
<context>
    <name>qm::CartView</name>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>The quantity was not changed: %1</source>
        <translation>Die Menge wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>The cart you are working on</source>
        <translation>Der Warenkorb, an dem Sie arbeiten</translation>
    </message>
    <message>
        <source>C&amp;art:</source>
        <translation>&amp;Warenkorb:</translation>
    </message>
    <message>
        <source>&amp;Undo Last Scan</source>
        <translation>Letzten Scan &amp;rückgängig</translation>
    </message>
    <message>
        <source>Last scans</source>
        <translation>Letzte Scans</translation>
    </message>
    <message>
        <source>Codes not found</source>
        <translation>Nicht gefundene Codes</translation>
    </message>
    <message>
        <source>Delete Cart</source>
        <translation>Warenkorb löschen</translation>
    </message>
    <message>
        <source>Delete the cart “%1” and all its lines? This cannot be undone.</source>
        <translation>Den Warenkorb „%1“ mit allen Positionen löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>De&amp;lete Cart…</source>
        <translation>Warenkorb &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Re&amp;move Lines</source>
        <translation>Positionen &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln Position</numerusform>
            <numerusform>%Ln Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source> · total too large to show</source>
        <translation> · Summe zu groß für die Anzeige</translation>
    </message>
    <message>
        <source> · Total %1</source>
        <translation> · Summe %1</translation>
    </message>
    <message>
        <source> · You save %1 with your prices</source>
        <translation> · Sie sparen %1 mit Ihren Preisen</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln line(s) without a price</source>
        <translation>
            <numerusform> · %Ln Position ohne Preis</numerusform>
            <numerusform> · %Ln Positionen ohne Preis</numerusform>
        </translation>
    </message>
    <message>
        <source>Prices as of %1</source>
        <translation>Preise vom %1</translation>
    </message>
    <message>
        <source>Prices not synced yet</source>
        <translation>Preise noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Not found in the catalog; seen %1</source>
        <translation>Nicht im Katalog gefunden; erfasst %1</translation>
    </message>
    <message>
        <source>Cart %1</source>
        <translation>Warenkorb %1</translation>
    </message>
    <message>
        <source>New Cart</source>
        <translation>Neuer Warenkorb</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Rename Cart</source>
        <translation>Warenkorb umbenennen</translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln line(s). Undo with %1.</source>
        <translation>
            <numerusform>%Ln Position entfernt. Rückgängig mit %1.</numerusform>
            <numerusform>%Ln Positionen entfernt. Rückgängig mit %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Cart</source>
        <translation>Warenkorb exportieren</translation>
    </message>
    <message>
        <source>The cart could not be exported: %1</source>
        <translation>Der Warenkorb konnte nicht exportiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln line(s) to %1.</source>
        <translation>
            <numerusform>%Ln Position nach %1 exportiert.</numerusform>
            <numerusform>%Ln Positionen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next scan: %1 ×</source>
        <translation>Nächster Scan: %1 ×</translation>
    </message>
    <message>
        <source>Type a quantity, then scan</source>
        <translation>Menge eingeben, dann scannen</translation>
    </message>
    <message>
        <source>Code %1 names several products; add it from the quick order.</source>
        <translation>Der Code %1 bezeichnet mehrere Artikel; fügen Sie ihn über die Schnellbestellung hinzu.</translation>
    </message>
    <message>
        <source>Unknown code %1: not in the catalog.</source>
        <translation>Unbekannter Code %1: nicht im Katalog.</translation>
    </message>
    <message>
        <source>Unknown code %1: not in the catalog. Did you mean %2?</source>
        <translation>Unbekannter Code %1: nicht im Katalog. Meinten Sie %2?</translation>
    </message>
    <message>
        <source>Scan of %1 not added.</source>
        <translation>Scan von %1 nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 × %2 %3</source>
        <translation>%1 × %2 %3</translation>
    </message>
    <message>
        <source>%1: %2 now in the cart (%3).</source>
        <translation>%1: jetzt %2 im Warenkorb (%3).</translation>
    </message>
    <message>
        <source>The last scan is no longer the cart&apos;s last change.</source>
        <translation>Der letzte Scan ist nicht mehr die letzte Änderung am Warenkorb.</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The pack was not changed: %1</source>
        <translation>Die Packung wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>&amp;Submit Order…</source>
        <translation>Bestellung &amp;aufgeben…</translation>
    </message>
    <message>
        <source>Place the cart as an order: check the ship-to, PO number and delivery, then queue it for the portal (Ctrl+Enter)</source>
        <translation>Den Warenkorb als Bestellung aufgeben: Lieferadresse, Bestellnummer und Lieferung prüfen, dann für das Portal einreihen (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>qm::CatalogModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Verpackung</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>Ihr Preis</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Bestand</translation>
    </message>
</context>
<context>
    <name>qm::CompanyView</name>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <source>The period of the orders and spend columns; open orders and credit are as of now</source>
        <translation>Der Zeitraum der Spalten Bestellungen und Ausgaben; offene Bestellungen und Kredit gelten für jetzt</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Zahlungsbedingungen</translation>
    </message>
    <message>
        <source>Accounts of the company</source>
        <translation>Konten des Unternehmens</translation>
    </message>
    <message>
        <source>Open orders &amp;only</source>
        <translation>&amp;Nur offene Bestellungen</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Ship-to</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>PO</source>
        <translation>Bestellnr.</translation>
    </message>
    <message>
        <source>Placed by</source>
        <translation>Aufgegeben von</translation>
    </message>
    <message>
        <source>Orders of the selected account</source>
        <translation>Bestellungen des ausgewählten Kontos</translation>
    </message>
    <message>
        <source>Show &amp;More</source>
        <translation>&amp;Mehr anzeigen</translation>
    </message>
    <message>
        <source>Orders placed in:</source>
        <translation>Bestellungen aufgegeben in:</translation>
    </message>
    <message>
        <source>Offline: the company view needs the portal.</source>
        <translation>Offline: Die Unternehmensansicht braucht das Portal.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Orders placed %1 to %2. Open orders and credit as of now.</source>
        <translation>Bestellungen vom %1 bis %2. Offene Bestellungen und Kredit mit heutigem Stand.</translation>
    </message>
    <message>
        <source>Over the credit limit</source>
        <translation>Über dem Kreditlimit</translation>
    </message>
    <message>
        <source>%1 has no subsidiaries.</source>
        <translation>%1 hat keine Tochtergesellschaften.</translation>
    </message>
    <message numerus="yes">
        <source>%1 and the %n account(s) below it bill in different currencies: no total.</source>
        <translation>
            <numerusform>%1 und das %n Konto darunter rechnen in verschiedenen Währungen ab: keine Summe.</numerusform>
            <numerusform>%1 und die %n Konten darunter rechnen in verschiedenen Währungen ab: keine Summe.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 with the %n account(s) below it: %2 orders, %3 open, spend %4, balance %5, overdue %6, available %7.</source>
        <translation>
            <numerusform>%1 mit dem %n Konto darunter: %2 Bestellungen, %3 offen, Ausgaben %4, Saldo %5, überfällig %6, verfügbar %7.</numerusform>
            <numerusform>%1 mit den %n Konten darunter: %2 Bestellungen, %3 offen, Ausgaben %4, Saldo %5, überfällig %6, verfügbar %7.</numerusform>
        </translation>
    </message>
    <message>
        <source>Orders of %1</source>
        <translation>Bestellungen von %1</translation>
    </message>
    <message>
        <source>Show &amp;More (%1 of %2)</source>
        <translation>&amp;Mehr anzeigen (%1 von %2)</translation>
    </message>
    <message>
        <source>No open orders.</source>
        <translation>Keine offenen Bestellungen.</translation>
    </message>
    <message>
        <source>No orders.</source>
        <translation>Keine Bestellungen.</translation>
    </message>
</context>
<context>
    <name>qm::FacetBar</name>
    <message>
        <source>Show only this category</source>
        <translation>Nur diese Kategorie zeigen</translation>
    </message>
    <message>
        <source>Show only this brand</source>
        <translation>Nur diese Marke zeigen</translation>
    </message>
    <message>
        <source>Show only this material</source>
        <translation>Nur dieses Material zeigen</translation>
    </message>
    <message>
        <source>Show only products in stock in any warehouse</source>
        <translation>Nur Artikel zeigen, die in einem Lager vorrätig sind</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A facet value with the number of matching products, e.g. &quot;Bolts (1,204)&quot;; with &quot;+&quot; when only the first of very many matches were counted.</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2+)</source>
        <translation>%1 (%2+)</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>All brands</source>
        <translation>Alle Marken</translation>
    </message>
    <message>
        <source>All materials</source>
        <translation>Alle Materialien</translation>
    </message>
    <message>
        <source>In stock only (%1)</source>
        <translation>Nur vorrätige (%1)</translation>
    </message>
    <message>
        <source>In stock only (%1+)</source>
        <translation>Nur vorrätige (%1+)</translation>
    </message>
    <message>
        <source>Nothing in the catalog starts with these words as typed</source>
        <translation>Mit diesen Wörtern, wie sie eingegeben wurden, beginnt nichts im Katalog</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <extracomment>Alternatives searched for: &quot;“bilge”, “bolt” or “bold”&quot;.</extracomment>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Searched for %1 instead of “%2”</source>
        <extracomment>A word of the search that nothing in the catalog starts with, searched for as the words of the catalog one typing slip away from it.</extracomment>
        <translation>Gesucht nach %1 statt „%2“</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>qm::ImportPreviewDialog</name>
    <message>
        <source>Import Quick Order</source>
        <translation>Schnellbestellung importieren</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>&amp;Add to Cart</source>
        <translation>In den &amp;Warenkorb</translation>
    </message>
    <message>
        <source>&amp;Save Report…</source>
        <translation>Bericht &amp;speichern…</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 has no order lines: %2</source>
        <translation>%1 enthält keine Bestellzeilen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln line(s) read</source>
        <translation>
            <numerusform>%1 — %Ln Zeile gelesen</numerusform>
            <numerusform>%1 — %Ln Zeilen gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source> (stopped at line %1: %2)</source>
        <translation> (abgebrochen in Zeile %1: %2)</translation>
    </message>
    <message>
        <source>The pasted text has no order lines: %1</source>
        <translation>Der eingefügte Text enthält keine Bestellzeilen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Pasted cells — %Ln line(s)</source>
        <translation>
            <numerusform>Eingefügte Zellen — %Ln Zeile</numerusform>
            <numerusform>Eingefügte Zellen — %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>All lines (%1)</source>
        <translation>Alle Zeilen (%1)</translation>
    </message>
    <message>
        <source>Needing attention (%1)</source>
        <translation>Zu prüfen (%1)</translation>
    </message>
    <message>
        <source> — adds %1 to the cart</source>
        <translation> — fügt %1 zum Warenkorb hinzu</translation>
    </message>
    <message>
        <source>Save Import Report</source>
        <translation>Importbericht speichern</translation>
    </message>
    <message>
        <source>import-report.csv</source>
        <translation>importbericht.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The report was not saved: %1</source>
        <translation>Der Bericht wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Nothing was added to the cart: %1</source>
        <translation>Dem Warenkorb wurde nichts hinzugefügt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Checking %Ln line(s) against the catalog…</source>
        <translation>
            <numerusform>%Ln Zeile wird mit dem Katalog abgeglichen …</numerusform>
            <numerusform>%Ln Zeilen werden mit dem Katalog abgeglichen …</numerusform>
        </translation>
    </message>
    <message>
        <source>the preview was cancelled</source>
        <translation>die Vorschau wurde abgebrochen</translation>
    </message>
    <message>
        <source>There are no lines to add.</source>
        <translation>Es gibt keine Positionen zum Hinzufügen.</translation>
    </message>
</context>
<context>
    <name>qm::ImportPreviewModel</name>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>Unbekannter Code</translation>
    </message>
    <message>
        <source>Invalid quantity</source>
        <translation>Ungültige Menge</translation>
    </message>
    <message>
        <source>Unit not sold</source>
        <translation>Einheit nicht lieferbar</translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation>Mehrdeutig</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Unreadable row</source>
        <translation>Unlesbare Zeile</translation>
    </message>
    <message>
        <source> (line %1)</source>
        <translation> (Zeile %1)</translation>
    </message>
    <message>
        <source>Not in the catalog</source>
        <translation>Nicht im Katalog</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could be %1</source>
        <translation>Möglicherweise %1</translation>
    </message>
    <message>
        <source>“%1” is not a whole number above zero</source>
        <translation>„%1“ ist keine ganze Zahl über null</translation>
    </message>
    <message>
        <source>Not sold in “%1”</source>
        <translation>Nicht in „%1“ erhältlich</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>In cart</source>
        <translation>Im Warenkorb</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Positionssumme</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>qm::ListsView</name>
    <message>
        <source>the portal did not accept the list: %1</source>
        <translation>das Portal hat die Liste nicht angenommen: %1</translation>
    </message>
    <message>
        <source>&amp;New List…</source>
        <translation>&amp;Neue Liste…</translation>
    </message>
    <message>
        <source>&amp;Save Cart as List…</source>
        <translation>Warenkorb als Liste &amp;speichern…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Remove Line</source>
        <translation>Position &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Add to Cart</source>
        <translation>In den &amp;Warenkorb</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Abgeglichen</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Wartet auf das Senden</translation>
    </message>
    <message>
        <source>Delete failed: %1</source>
        <translation>Löschen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Send failed: %1</source>
        <translation>Senden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Conflicting copy of a list deleted on the portal</source>
        <translation>Abweichende Kopie einer im Portal gelöschten Liste</translation>
    </message>
    <message>
        <source>Conflicting copy of “%1”</source>
        <translation>Abweichende Kopie von „%1“</translation>
    </message>
    <message>
        <source>Not deleted: someone changed it on the portal meanwhile</source>
        <translation>Nicht gelöscht: jemand hat sie inzwischen im Portal geändert</translation>
    </message>
    <message numerus="yes">
        <source>%1
%2 · %Ln line(s)</source>
        <translation>
            <numerusform>%1
%2 · %Ln Position</numerusform>
            <numerusform>%1
%2 · %Ln Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>No saved lists yet</source>
        <translation>Noch keine gespeicherten Listen</translation>
    </message>
    <message>
        <source>Save a cart as a list, or start a new one, to reorder the same items quickly. Everyone in your account sees it.</source>
        <translation>Speichern Sie einen Warenkorb als Liste oder legen Sie eine neue an, um dieselben Artikel schnell wieder zu bestellen. Alle in Ihrem Kundenkonto sehen sie.</translation>
    </message>
    <message>
        <source> · last changed by %1, %2</source>
        <translation> · zuletzt geändert von %1, %2</translation>
    </message>
    <message>
        <source>Not in your assortment</source>
        <translation>Nicht in Ihrem Sortiment</translation>
    </message>
    <message>
        <source>The catalog no longer has this product for your account; it is reported when the list goes into a cart.</source>
        <translation>Der Katalog führt diesen Artikel für Ihr Kundenkonto nicht mehr; er wird gemeldet, wenn die Liste in einen Warenkorb kommt.</translation>
    </message>
    <message>
        <source>The list was not created: %1</source>
        <translation>Die Liste wurde nicht angelegt: %1</translation>
    </message>
    <message>
        <source>Created the list “%1”.</source>
        <translation>Liste „%1“ angelegt.</translation>
    </message>
    <message>
        <source>The cart was not saved as a list: %1</source>
        <translation>Der Warenkorb wurde nicht als Liste gespeichert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved the cart as the list “%1” (%Ln line(s)).</source>
        <translation>
            <numerusform>Warenkorb als Liste „%1“ gespeichert (%Ln Position).</numerusform>
            <numerusform>Warenkorb als Liste „%1“ gespeichert (%Ln Positionen).</numerusform>
        </translation>
    </message>
    <message>
        <source>The list was not renamed: %1</source>
        <translation>Die Liste wurde nicht umbenannt: %1</translation>
    </message>
    <message>
        <source>The list was not deleted: %1</source>
        <translation>Die Liste wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Deleted the list “%1”.</source>
        <translation>Liste „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>The line was not removed: %1</source>
        <translation>Die Position wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <source>“%1” is not a quantity: use a number above 0 with at most %2 decimals.</source>
        <translation>„%1“ ist keine Menge: geben Sie eine Zahl über 0 mit höchstens %2 Nachkommastellen ein.</translation>
    </message>
    <message>
        <source>The list was not added to the cart: %1</source>
        <translation>Die Liste wurde nicht in den Warenkorb übernommen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) of “%1” to the cart.</source>
        <translation>
            <numerusform>%Ln Position aus „%1“ in den Warenkorb übernommen.</numerusform>
            <numerusform>%Ln Positionen aus „%1“ in den Warenkorb übernommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) of “%1” to the cart; not added: %2.</source>
        <translation>
            <numerusform>%Ln Position aus „%1“ in den Warenkorb übernommen; nicht übernommen: %2.</numerusform>
            <numerusform>%Ln Positionen aus „%1“ in den Warenkorb übernommen; nicht übernommen: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>New List</source>
        <translation>Neue Liste</translation>
    </message>
    <message>
        <source>Name of the list:</source>
        <translation>Name der Liste:</translation>
    </message>
    <message>
        <source>Save Cart as List</source>
        <translation>Warenkorb als Liste speichern</translation>
    </message>
    <message>
        <source>Rename List</source>
        <translation>Liste umbenennen</translation>
    </message>
    <message>
        <source>New name of the list:</source>
        <translation>Neuer Name der Liste:</translation>
    </message>
    <message>
        <source>Delete List</source>
        <translation>Liste löschen</translation>
    </message>
    <message>
        <source>Delete the list “%1”? It is deleted for everyone in your account.</source>
        <translation>Liste „%1“ löschen? Sie wird für alle in Ihrem Kundenkonto gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Dis&amp;card My Change…</source>
        <translation>Meine Änderung &amp;verwerfen …</translation>
    </message>
    <message>
        <source>D&amp;ismiss</source>
        <translation>&amp;Ausblenden</translation>
    </message>
    <message>
        <source>Send the refused change again with the next sync</source>
        <translation>Die abgelehnte Änderung mit der nächsten Synchronisierung erneut senden</translation>
    </message>
    <message>
        <source>Drop your changes to this list and keep the portal&apos;s version</source>
        <translation>Ihre Änderungen an dieser Liste verwerfen und die Fassung des Portals behalten</translation>
    </message>
    <message>
        <source>The portal refused to delete this list: %1</source>
        <translation>Das Portal hat das Löschen dieser Liste abgelehnt: %1</translation>
    </message>
    <message>
        <source>The portal refused your change: %1 Your later changes to this list wait until you try again or discard it.</source>
        <translation>Das Portal hat Ihre Änderung abgelehnt: %1 Ihre weiteren Änderungen an dieser Liste warten, bis Sie es erneut versuchen oder die Änderung verwerfen.</translation>
    </message>
    <message>
        <source>You deleted this list, but someone changed it on the portal meanwhile, so it was not deleted. It shows their version.</source>
        <translation>Sie haben diese Liste gelöscht, aber inzwischen hat jemand sie im Portal geändert; sie wurde daher nicht gelöscht. Angezeigt wird deren Fassung.</translation>
    </message>
    <message>
        <source>The portal refused no change of “%1”; there is nothing to try again.</source>
        <translation>Das Portal hat keine Änderung an „%1“ abgelehnt; es gibt nichts erneut zu versuchen.</translation>
    </message>
    <message>
        <source>The change was not queued again: %1</source>
        <translation>Die Änderung wurde nicht erneut eingereiht: %1</translation>
    </message>
    <message>
        <source>The change of “%1” goes to the portal again with the next sync.</source>
        <translation>Die Änderung an „%1“ geht mit der nächsten Synchronisierung erneut an das Portal.</translation>
    </message>
    <message>
        <source>Your changes were not discarded: %1</source>
        <translation>Ihre Änderungen wurden nicht verworfen: %1</translation>
    </message>
    <message>
        <source>Discarded your changes: “%1” is the portal&apos;s version again.</source>
        <translation>Ihre Änderungen wurden verworfen: „%1“ entspricht wieder der Fassung des Portals.</translation>
    </message>
    <message>
        <source>Discarded the list “%1”, which the portal never accepted.</source>
        <translation>Die Liste „%1“, die das Portal nie angenommen hat, wurde verworfen.</translation>
    </message>
    <message>
        <source>The notice was not dismissed: %1</source>
        <translation>Der Hinweis wurde nicht ausgeblendet: %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard the list “%1”? The portal never accepted it, so it is removed from this computer with its %Ln line(s).</source>
        <translation>
            <numerusform>Die Liste „%1“ verwerfen? Das Portal hat sie nie angenommen; sie wird mit ihrer %Ln Position von diesem Computer entfernt.</numerusform>
            <numerusform>Die Liste „%1“ verwerfen? Das Portal hat sie nie angenommen; sie wird mit ihren %Ln Positionen von diesem Computer entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard your deletion of “%1”? The list stays as the portal has it (last changed by %2); any other change you made to it is lost too.</source>
        <translation>Das Löschen von „%1“ verwerfen? Die Liste bleibt, wie sie im Portal ist (zuletzt geändert von %2); auch alle anderen Änderungen, die Sie daran vorgenommen haben, gehen verloren.</translation>
    </message>
    <message>
        <source>Discard your changes to “%1”? The list goes back to the portal&apos;s version (last changed by %2): every change you made to its name and lines since then is lost.</source>
        <translation>Ihre Änderungen an „%1“ verwerfen? Die Liste kehrt zur Fassung des Portals zurück (zuletzt geändert von %2): Jede Änderung, die Sie seitdem an Name und Positionen vorgenommen haben, geht verloren.</translation>
    </message>
    <message>
        <source>Discard My Change</source>
        <translation>Meine Änderung verwerfen</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
</context>
<context>
    <name>qm::LocationDialog</name>
    <message>
        <source>Add Ship-to Location</source>
        <translation>Lieferadresse hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>e.g. NORTH-DOCK</source>
        <translation>z. B. NORD-RAMPE</translation>
    </message>
    <message>
        <source>Orders name the location by its code; it cannot change later.</source>
        <translation>Bestellungen nennen den Standort mit seinem Code; er lässt sich später nicht ändern.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>&amp;State or region:</source>
        <translation>&amp;Bundesland oder Region:</translation>
    </message>
    <message>
        <source>&amp;Postal code:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>Two letters, e.g. US or CA.</source>
        <translation>Zwei Buchstaben, z. B. US oder CA.</translation>
    </message>
    <message>
        <source>Coun&amp;try:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <source>Make it the account&apos;s &amp;default location</source>
        <translation>Zum Standard&amp;standort des Kontos machen</translation>
    </message>
    <message>
        <source>&amp;Add Location</source>
        <translation>Standort &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Enter a short code for the location.</source>
        <translation>Geben Sie einen kurzen Code für den Standort ein.</translation>
    </message>
</context>
<context>
    <name>qm::MainWindow</name>
    <message>
        <source>Products</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Quartermaster</source>
        <translation>Quartermaster</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Download what changed in the catalog, prices and stock (F5)</source>
        <translation>Änderungen an Katalog, Preisen und Bestand herunterladen (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel Sync</source>
        <translation>Synchronisierung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop the sync; what was downloaded so far is kept</source>
        <translation>Synchronisierung anhalten; bereits Geladenes bleibt erhalten</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Quartermaster</source>
        <translation>&amp;Über Quartermaster</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Scanner Settings…</source>
        <translation>&amp;Scanner-Einstellungen…</translation>
    </message>
    <message>
        <source>Scan with &amp;Camera…</source>
        <translation>Mit &amp;Kamera scannen…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Sign-in not saved</source>
        <translation>Anmeldung nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 — Quartermaster</source>
        <translation>%1 — Quartermaster</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2), %3 at %4</source>
        <translation>%1 (%2), %3 bei %4</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The portal answered the last request.</source>
        <translation>Das Portal hat die letzte Anfrage beantwortet.</translation>
    </message>
    <message>
        <source>The portal cannot be reached; you are working with the local copy.</source>
        <translation>Das Portal ist nicht erreichbar; Sie arbeiten mit der lokalen Kopie.</translation>
    </message>
    <message>
        <source>Catalog as of %1</source>
        <translation>Katalog vom %1</translation>
    </message>
    <message>
        <source>When the local catalog, prices and stock last matched the portal.</source>
        <translation>Wann Katalog, Preise und Bestand zuletzt mit dem Portal übereinstimmten.</translation>
    </message>
    <message>
        <source>Catalog not synced yet</source>
        <translation>Katalog noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Catalog is up to date.</source>
        <translation>Der Katalog ist aktuell.</translation>
    </message>
    <message numerus="yes">
        <source>Catalog synced: %Ln change(s).</source>
        <translation>
            <numerusform>Katalog synchronisiert: %Ln Änderung.</numerusform>
            <numerusform>Katalog synchronisiert: %Ln Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync cancelled; what was downloaded is kept.</source>
        <translation>Synchronisierung abgebrochen; bereits Geladenes bleibt erhalten.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Part numbers</source>
        <translation>Kundenartikelnummern</translation>
    </message>
    <message>
        <source>&amp;Add to Cart</source>
        <translation>In den &amp;Warenkorb</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>Quick Order</source>
        <translation>Schnellbestellung</translation>
    </message>
    <message>
        <source>No barcode found in the image.</source>
        <translation>Kein Barcode im Bild gefunden.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>&amp;Import Quick Order…</source>
        <translation>Schnellbestellung &amp;importieren…</translation>
    </message>
    <message>
        <source>Add the lines of a CSV, TSV or XLSX file to the cart, after a preview</source>
        <translation>Die Zeilen einer CSV-, TSV- oder XLSX-Datei nach einer Vorschau in den Warenkorb übernehmen</translation>
    </message>
    <message>
        <source>Import Quick Order</source>
        <translation>Schnellbestellung importieren</translation>
    </message>
    <message>
        <source>Order files (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>Bestelldateien (*.csv *.tsv *.txt *.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>&amp;Katalog</translation>
    </message>
    <message>
        <source>C&amp;art</source>
        <translation>&amp;Warenkorb</translation>
    </message>
    <message>
        <source>&amp;Quick Order</source>
        <translation>&amp;Schnellbestellung</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation>%1 (%2 %3)</translation>
    </message>
    <message>
        <source>Not added to the cart: %1</source>
        <translation>Nicht in den Warenkorb übernommen: %1</translation>
    </message>
    <message>
        <source>%1 in the cart now: %2 %3.</source>
        <translation>%1 jetzt im Warenkorb: %2 %3.</translation>
    </message>
    <message>
        <source>Added %1 %2 of %3 to the cart.</source>
        <translation>%1 %2 von %3 in den Warenkorb gelegt.</translation>
    </message>
    <message>
        <source>Could not read the scan: %1</source>
        <translation>Scan nicht lesbar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln line(s) into the cart.</source>
        <translation>
            <numerusform>%Ln Position in den Warenkorb importiert.</numerusform>
            <numerusform>%Ln Positionen in den Warenkorb importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>Nichts importiert: %1</translation>
    </message>
    <message>
        <source>Nothing pasted: %1</source>
        <translation>Nichts eingefügt: %1</translation>
    </message>
    <message>
        <source>Still reading the previous image.</source>
        <translation>Das vorige Bild wird noch gelesen.</translation>
    </message>
    <message>
        <source>Reading barcodes in %1…</source>
        <translation>Barcodes in %1 werden gelesen …</translation>
    </message>
    <message numerus="yes">
        <source>Cart: %Ln line(s)</source>
        <translation>
            <numerusform>Warenkorb: %Ln Position</numerusform>
            <numerusform>Warenkorb: %Ln Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>Saved lists</source>
        <translation>Gespeicherte Listen</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>&amp;Listen</translation>
    </message>
    <message>
        <source>Scan of %1 not added: show the cart or the quick order to scan.</source>
        <translation>Scan von %1 nicht übernommen: Öffnen Sie zum Scannen den Warenkorb oder die Schnellbestellung.</translation>
    </message>
    <message>
        <source>Scanner on %1</source>
        <translation>Scanner an %1</translation>
    </message>
    <message>
        <source>The serial scanner is connected.</source>
        <translation>Der serielle Scanner ist verbunden.</translation>
    </message>
    <message>
        <source>Scanner: cannot open %1</source>
        <translation>Scanner: %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot open the scanner&apos;s port: %1</source>
        <translation>Der Anschluss des Scanners kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Scanner on %1 disconnected, retrying</source>
        <translation>Scanner an %1 getrennt, neuer Versuch läuft</translation>
    </message>
    <message>
        <source>Read a barcode with the camera</source>
        <translation>Einen Barcode mit der Kamera lesen</translation>
    </message>
    <message>
        <source>No camera found on this computer</source>
        <translation>An diesem Computer wurde keine Kamera gefunden</translation>
    </message>
    <message>
        <source>S&amp;ync Settings…</source>
        <translation>S&amp;ynchronisierungseinstellungen…</translation>
    </message>
    <message>
        <source>How often the catalog, prices and stock sync on their own</source>
        <translation>Wie oft Katalog, Preise und Bestand von selbst synchronisiert werden</translation>
    </message>
    <message numerus="yes">
        <source>The catalog now syncs every %n minute(s).</source>
        <translation>
            <numerusform>Der Katalog wird jetzt jede Minute synchronisiert.</numerusform>
            <numerusform>Der Katalog wird jetzt alle %n Minuten synchronisiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic sync is off.</source>
        <translation>Die automatische Synchronisierung ist aus.</translation>
    </message>
    <message>
        <source>Estimated from the speed so far; later feeds may add to it.</source>
        <translation>Geschätzt aus der bisherigen Geschwindigkeit; spätere Datenbereiche können hinzukommen.</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>noch weniger als eine Minute</translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>noch etwa %n Min.</numerusform>
            <numerusform>noch etwa %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>noch etwa %n Stunde</numerusform>
            <numerusform>noch etwa %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: the automatic sync was skipped. It runs when the network is back.</source>
        <translation>Offline: Die automatische Synchronisierung wurde ausgelassen. Sie läuft, sobald das Netzwerk wieder da ist.</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) sent to the portal.</source>
        <translation>
            <numerusform>%n Bestellung an das Portal gesendet.</numerusform>
            <numerusform>%n Bestellungen an das Portal gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) refused: see the Outbox.</source>
        <translation>
            <numerusform>%n Bestellung abgelehnt: siehe Postausgang.</numerusform>
            <numerusform>%n Bestellungen abgelehnt: siehe Postausgang.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Bestellungen</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Postausgang</translation>
    </message>
    <message>
        <source>A&amp;pprovals</source>
        <translation>&amp;Freigaben</translation>
    </message>
    <message>
        <source>Reorder into a New Cart</source>
        <translation>In einen neuen Warenkorb nachbestellen</translation>
    </message>
    <message>
        <source>Name of the cart:</source>
        <translation>Name des Warenkorbs:</translation>
    </message>
    <message>
        <source>Reorder %1</source>
        <translation>%1 nachbestellen</translation>
    </message>
    <message>
        <source>%1 was not reordered: %2</source>
        <translation>%1 wurde nicht nachbestellt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Order %1 — all %Ln line(s), at today&apos;s prices</source>
        <translation>
            <numerusform>Bestellung %1 — die %Ln Position zu heutigen Preisen</numerusform>
            <numerusform>Bestellung %1 — alle %Ln Positionen zu heutigen Preisen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1 — %Ln selected line(s), at today&apos;s prices</source>
        <translation>
            <numerusform>Bestellung %1 — %Ln ausgewählte Position zu heutigen Preisen</numerusform>
            <numerusform>Bestellung %1 — %Ln ausgewählte Positionen zu heutigen Preisen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reordered %Ln line(s) of %1 into “%2”.</source>
        <translation>
            <numerusform>%Ln Position von %1 in „%2“ nachbestellt.</numerusform>
            <numerusform>%Ln Positionen von %1 in „%2“ nachbestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Queued order %1 for %2. Sending it to the portal…</source>
        <translation>Bestellung %1 für %2 eingereiht. Sie wird an das Portal gesendet…</translation>
    </message>
    <message>
        <source>Queued order %1 for %2. It goes to the portal when you are back online.</source>
        <translation>Bestellung %1 für %2 eingereiht. Sie geht an das Portal, sobald Sie wieder online sind.</translation>
    </message>
    <message>
        <source>Orders not sent: %1 They stay queued and go out with the next sync.</source>
        <translation>Bestellungen nicht gesendet: %1 Sie bleiben eingereiht und gehen mit der nächsten Synchronisierung hinaus.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) still queued.</source>
        <translation>
            <numerusform>%n Bestellung ist noch eingereiht.</numerusform>
            <numerusform>%n Bestellungen sind noch eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>All orders are with the portal.</source>
        <translation>Alle Bestellungen sind beim Portal.</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n eingereiht</numerusform>
            <numerusform>%n eingereiht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n braucht Aufmerksamkeit</numerusform>
            <numerusform>%n brauchen Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Postausgang: %1</translation>
    </message>
    <message>
        <source>Orders waiting to reach the portal, and refused orders to act on (View → Outbox)</source>
        <translation>Bestellungen, die noch zum Portal müssen, und abgelehnte Bestellungen, um die Sie sich kümmern müssen (Ansicht → Postausgang)</translation>
    </message>
    <message>
        <source>Switch &amp;Account</source>
        <translation>&amp;Konto wechseln</translation>
    </message>
    <message>
        <source>&amp;What Can I Do?</source>
        <translation>&amp;Was darf ich?</translation>
    </message>
    <message>
        <source>Your role in this account and what it lets you do in the app</source>
        <translation>Ihre Rolle in diesem Konto und was sie Ihnen in der App erlaubt</translation>
    </message>
    <message>
        <source>Add the quantity of the shown product to the cart (Enter)</source>
        <translation>Die Menge des angezeigten Artikels in den Warenkorb legen (Eingabe)</translation>
    </message>
    <message>
        <source>What Can I Do?</source>
        <translation>Was darf ich?</translation>
    </message>
    <message>
        <source>%1 (cannot be read)</source>
        <translation>%1 (nicht lesbar)</translation>
    </message>
    <message>
        <source>%1 (never signed in)</source>
        <translation>%1 (nie angemeldet)</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source> · %n order(s) not sent</source>
        <translation>
            <numerusform> · %n Bestellung nicht gesendet</numerusform>
            <numerusform> · %n Bestellungen nicht gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>Konto &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Sign in to another portal account; each keeps its own catalog, carts and orders on this computer</source>
        <translation>Bei einem weiteren Portalkonto anmelden; jedes behält seinen eigenen Katalog, seine Warenkörbe und Bestellungen auf diesem Computer</translation>
    </message>
    <message>
        <source>Scanned %1: no product in the catalog has this code.</source>
        <translation>%1 gescannt: Kein Artikel im Katalog hat diesen Code.</translation>
    </message>
    <message>
        <source>Scanned %1: %2. Not added to a cart: %3</source>
        <translation>%1 gescannt: %2. Nicht in einen Warenkorb gelegt: %3</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Acco&amp;unt</source>
        <translation>Kont&amp;o</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Co&amp;mpany</source>
        <translation>&amp;Unternehmen</translation>
    </message>
    <message>
        <source>%1 · search covers %2 of %3 products</source>
        <translation>%1 · Suche umfasst %2 von %3 Artikeln</translation>
    </message>
    <message>
        <source>The search index of the first sync is not complete yet: search finds the products indexed so far. The next sync completes it.</source>
        <translation>Der Suchindex der ersten Synchronisierung ist noch nicht vollständig: Die Suche findet die bisher indizierten Artikel. Die nächste Synchronisierung vervollständigt ihn.</translation>
    </message>
</context>
<context>
    <name>qm::OrderDetailView</name>
    <message>
        <source>&amp;Reorder…</source>
        <translation>&amp;Nachbestellen…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Als &amp;PDF speichern…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Positionssumme</translation>
    </message>
    <message>
        <source>Back-ordered</source>
        <translation>Im Rückstand</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>Sendungen</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Put the order&apos;s lines into a cart at today&apos;s prices; unavailable items are flagged</source>
        <translation>Die Positionen der Bestellung zu heutigen Preisen in einen Warenkorb legen; nicht lieferbare Artikel werden markiert</translation>
    </message>
    <message>
        <source>All Lines into the Current Cart</source>
        <translation>Alle Positionen in den aktuellen Warenkorb</translation>
    </message>
    <message>
        <source>Selected Lines into the Current Cart</source>
        <translation>Ausgewählte Positionen in den aktuellen Warenkorb</translation>
    </message>
    <message>
        <source>All Lines into a New Cart…</source>
        <translation>Alle Positionen in einen neuen Warenkorb…</translation>
    </message>
    <message>
        <source>Selected Lines into a New Cart…</source>
        <translation>Ausgewählte Positionen in einen neuen Warenkorb…</translation>
    </message>
    <message>
        <source>Save the order confirmation as a PDF file</source>
        <translation>Die Auftragsbestätigung als PDF-Datei speichern</translation>
    </message>
    <message>
        <source>Print the order confirmation</source>
        <translation>Die Auftragsbestätigung drucken</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Keine Bestellung ausgewählt</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>PO number</source>
        <translation>Bestellnummer des Kunden</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Requested delivery</source>
        <translation>Gewünschte Lieferung</translation>
    </message>
    <message>
        <source>As soon as possible</source>
        <translation>So bald wie möglich</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anmerkungen</translation>
    </message>
    <message>
        <source>%1 by %2 on %3</source>
        <translation>%1 von %2 am %3</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Waiting for an approver</source>
        <translation>Wartet auf eine Freigabe</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>%1, expected %2</source>
        <translation>%1, erwartet am %2</translation>
    </message>
    <message>
        <source>%1, date not known</source>
        <translation>%1, Datum unbekannt</translation>
    </message>
    <message>
        <source>Of this line, %1 wait for stock.</source>
        <translation>Von dieser Position warten %1 auf Bestand.</translation>
    </message>
    <message>
        <source>Lines (%1)</source>
        <translation>Positionen (%1)</translation>
    </message>
    <message>
        <source>Shipments (%1)</source>
        <translation>Sendungen (%1)</translation>
    </message>
    <message>
        <source>Nothing shipped yet.</source>
        <translation>Noch nichts versandt.</translation>
    </message>
    <message>
        <source>no tracking number</source>
        <translation>keine Sendungsnummer</translation>
    </message>
    <message>
        <source>Carrier not known</source>
        <translation>Versanddienstleister unbekannt</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>No order is selected.</source>
        <translation>Es ist keine Bestellung ausgewählt.</translation>
    </message>
    <message>
        <source>Save Order Confirmation</source>
        <translation>Auftragsbestätigung speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Saved the confirmation of %1 as %2.</source>
        <translation>Die Bestätigung von %1 wurde als %2 gespeichert.</translation>
    </message>
    <message>
        <source>The confirmation was not saved: %1</source>
        <translation>Die Bestätigung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Order confirmation %1</source>
        <translation>Auftragsbestätigung %1</translation>
    </message>
    <message>
        <source>Sent the confirmation of %1 to the printer.</source>
        <translation>Die Bestätigung von %1 wurde an den Drucker gesendet.</translation>
    </message>
</context>
<context>
    <name>qm::OrderHistoryView</name>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>PO number</source>
        <translation>Bestellnummer des Kunden</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Placed by</source>
        <translation>Aufgegeben von</translation>
    </message>
    <message>
        <source>Search number, PO or notes</source>
        <translation>Nummer, Bestellnummer oder Anmerkungen suchen</translation>
    </message>
    <message>
        <source>C&amp;lear Filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>S&amp;hip to:</source>
        <translation>&amp;Lieferadresse:</translation>
    </message>
    <message>
        <source>&amp;PO:</source>
        <translation>Bestell&amp;nr.:</translation>
    </message>
    <message>
        <source>S&amp;KU:</source>
        <translation>Artik&amp;elnr.:</translation>
    </message>
    <message>
        <source>Placed &amp;by:</source>
        <translation>Aufgegeben v&amp;on:</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>Su&amp;che:</translation>
    </message>
    <message>
        <source>Any location</source>
        <translation>Jede Lieferadresse</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No order matches the filters.</source>
        <translation>Keine Bestellung passt zu den Filtern.</translation>
    </message>
    <message>
        <source>No orders yet. Orders appear here after a sync.</source>
        <translation>Noch keine Bestellungen. Bestellungen erscheinen hier nach einer Synchronisierung.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) match the filters.</source>
        <translation>
            <numerusform>%Ln Bestellung passt zu den Filtern.</numerusform>
            <numerusform>%Ln Bestellungen passen zu den Filtern.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s).</source>
        <translation>
            <numerusform>%Ln Bestellung.</numerusform>
            <numerusform>%Ln Bestellungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qm::OrderModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>PO number</source>
        <translation>Bestellnummer des Kunden</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Placed by</source>
        <translation>Aufgegeben von</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
</context>
<context>
    <name>qm::OrderReviewDialog</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Preis geändert</translation>
    </message>
    <message>
        <source>Quantity adjusted</source>
        <translation>Menge angepasst</translation>
    </message>
    <message>
        <source>No longer available</source>
        <translation>Nicht mehr lieferbar</translation>
    </message>
    <message>
        <source>Short stock</source>
        <translation>Knapper Bestand</translation>
    </message>
    <message>
        <source>Review Changes</source>
        <translation>Änderungen prüfen</translation>
    </message>
    <message>
        <source>The portal has not placed this order: prices or availability changed since it was queued on %1. Nothing has been ordered or charged. Check every change below, then accept the changes and submit, or edit the cart.</source>
        <translation>Das Portal hat diese Bestellung nicht aufgenommen: Preise oder Verfügbarkeit haben sich geändert, seit sie am %1 eingereiht wurde. Nichts wurde bestellt oder berechnet. Prüfen Sie jede Änderung unten und übernehmen Sie die Änderungen mit dem Absenden, oder bearbeiten Sie den Warenkorb.</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;Accept and Submit</source>
        <translation>Übernehmen und &amp;absenden</translation>
    </message>
    <message>
        <source>&amp;Edit Cart</source>
        <translation>Warenkorb &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Decide Later</source>
        <translation>Später entscheiden</translation>
    </message>
    <message>
        <source>Today&apos;s price</source>
        <translation>Heutiger Preis</translation>
    </message>
    <message>
        <source>Today&apos;s price: %1</source>
        <translation>Heutiger Preis: %1</translation>
    </message>
    <message>
        <source>left out of the order</source>
        <translation>nicht in der Bestellung</translation>
    </message>
    <message>
        <source>The portal cannot supply it.</source>
        <translation>Das Portal kann den Artikel nicht liefern.</translation>
    </message>
    <message>
        <source>%1 in stock, %2 back-ordered</source>
        <translation>%1 auf Lager, %2 im Rückstand</translation>
    </message>
    <message>
        <source>The rest is expected on %1.</source>
        <translation>Der Rest wird am %1 erwartet.</translation>
    </message>
    <message numerus="yes">
        <source>The rest is expected in %n day(s).</source>
        <translation>
            <numerusform>Der Rest wird in %n Tag erwartet.</numerusform>
            <numerusform>Der Rest wird in %n Tagen erwartet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No date for the rest yet.</source>
        <translation>Für den Rest gibt es noch kein Datum.</translation>
    </message>
    <message>
        <source>%1 less</source>
        <translation>%1 weniger</translation>
    </message>
    <message>
        <source>no difference</source>
        <translation>kein Unterschied</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 mehr</translation>
    </message>
    <message>
        <source>Total when queued: %1 · New total: %2 (%3)</source>
        <translation>Summe beim Einreihen: %1 · Neue Summe: %2 (%3)</translation>
    </message>
    <message>
        <source>None of the order&apos;s items can be ordered any more.</source>
        <translation>Keiner der Artikel der Bestellung kann noch bestellt werden.</translation>
    </message>
    <message>
        <source>The order with the changes could not be queued: %1</source>
        <translation>Die Bestellung mit den Änderungen konnte nicht eingereiht werden: %1</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>The lines could not be put back into the cart: %1</source>
        <translation>Die Positionen konnten nicht in den Warenkorb zurückgelegt werden: %1</translation>
    </message>
</context>
<context>
    <name>qm::OutboxModel</name>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Replaced by order %1 with the prices you accepted</source>
        <translation>Ersetzt durch Bestellung %1 mit den übernommenen Preisen</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Eingereiht am</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
</context>
<context>
    <name>qm::OutboxView</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Hide sent</source>
        <translation>Gesendete &amp;ausblenden</translation>
    </message>
    <message>
        <source>&amp;Send Now</source>
        <translation>Jetzt &amp;senden</translation>
    </message>
    <message>
        <source>Send the queued orders to the portal now</source>
        <translation>Die eingereihten Bestellungen jetzt an das Portal senden</translation>
    </message>
    <message>
        <source>&amp;Review Changes…</source>
        <translation>Änderungen &amp;prüfen…</translation>
    </message>
    <message>
        <source>See what changed in prices and stock, then accept or edit</source>
        <translation>Sehen, was sich an Preisen und Bestand geändert hat, dann übernehmen oder bearbeiten</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Send the order again unchanged</source>
        <translation>Die Bestellung unverändert noch einmal senden</translation>
    </message>
    <message>
        <source>&amp;Edit in Cart</source>
        <translation>Im Warenkorb &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Put the order&apos;s lines back into a cart and remove the order</source>
        <translation>Die Positionen der Bestellung in einen Warenkorb zurücklegen und die Bestellung entfernen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message numerus="yes">
        <source>Prices or availability changed since the order was queued (%n line(s)). The portal placed nothing and charged nothing.
Review the changes: accept them and submit, or edit the cart.</source>
        <translation>
            <numerusform>Preise oder Verfügbarkeit haben sich geändert, seit die Bestellung eingereiht wurde (%n Position). Das Portal hat nichts aufgenommen und nichts berechnet.
Prüfen Sie die Änderungen: übernehmen und absenden, oder den Warenkorb bearbeiten.</numerusform>
            <numerusform>Preise oder Verfügbarkeit haben sich geändert, seit die Bestellung eingereiht wurde (%n Positionen). Das Portal hat nichts aufgenommen und nichts berechnet.
Prüfen Sie die Änderungen: übernehmen und absenden, oder den Warenkorb bearbeiten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The order total of %1 is more than the account&apos;s available credit of %2.</source>
        <translation>Die Auftragssumme von %1 übersteigt den verfügbaren Kreditrahmen des Kundenkontos von %2.</translation>
    </message>
    <message>
        <source>The order is more than the account&apos;s available credit.</source>
        <translation>Die Bestellung übersteigt den verfügbaren Kreditrahmen des Kundenkontos.</translation>
    </message>
    <message>
        <source>Credit limit %1, balance %2, open orders %3.</source>
        <translation>Kreditlimit %1, Saldo %2, offene Bestellungen %3.</translation>
    </message>
    <message>
        <source>Contact the supplier to raise the limit or settle open invoices, then Retry; or Retry later, when open orders have been invoiced and paid. Edit in Cart makes the order smaller.</source>
        <translation>Bitten Sie den Lieferanten, das Limit zu erhöhen, oder begleichen Sie offene Rechnungen, dann erneut versuchen; oder versuchen Sie es später, wenn offene Bestellungen berechnet und bezahlt sind. „Im Warenkorb bearbeiten“ macht die Bestellung kleiner.</translation>
    </message>
    <message>
        <source>The ship-to location %1 is not one of the account&apos;s locations any more.</source>
        <translation>Die Lieferadresse %1 gehört nicht mehr zu den Lieferadressen des Kundenkontos.</translation>
    </message>
    <message>
        <source>Edit in Cart and submit it again with another ship-to location.</source>
        <translation>Bearbeiten Sie sie im Warenkorb und senden Sie sie mit einer anderen Lieferadresse erneut ab.</translation>
    </message>
    <message>
        <source>The portal refused the order: your role may not submit orders.</source>
        <translation>Das Portal hat die Bestellung abgelehnt: Ihre Rolle darf keine Bestellungen aufgeben.</translation>
    </message>
    <message>
        <source>Ask your account administrator for the buyer role, then Retry; or ask a colleague who may order to submit the cart.</source>
        <translation>Bitten Sie die Administration Ihres Kundenkontos um die Einkaufsrolle und versuchen Sie es dann erneut; oder bitten Sie eine Kollegin oder einen Kollegen mit Bestellrecht, den Warenkorb abzusenden.</translation>
    </message>
    <message>
        <source>The portal found the order invalid.</source>
        <translation>Das Portal hält die Bestellung für ungültig.</translation>
    </message>
    <message>
        <source>Edit in Cart to correct it and submit it again.</source>
        <translation>Bearbeiten Sie sie im Warenkorb, um sie zu korrigieren, und senden Sie sie erneut ab.</translation>
    </message>
    <message>
        <source>The portal already has a different order under this order&apos;s id, so it cannot place this one under it.</source>
        <translation>Das Portal hat unter der Kennung dieser Bestellung bereits eine andere Bestellung und kann diese deshalb nicht darunter aufnehmen.</translation>
    </message>
    <message>
        <source>Edit in Cart to submit the lines as a new order.</source>
        <translation>Bearbeiten Sie sie im Warenkorb, um die Positionen als neue Bestellung abzusenden.</translation>
    </message>
    <message>
        <source>The portal refused the order (HTTP %1).</source>
        <translation>Das Portal hat die Bestellung abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>Retry, Edit in Cart or Delete the order.</source>
        <translation>Erneut versuchen, im Warenkorb bearbeiten oder die Bestellung löschen.</translation>
    </message>
    <message>
        <source>No orders in the outbox. Submit a cart to place an order; it waits here until the portal has it.</source>
        <translation>Keine Bestellungen im Postausgang. Senden Sie einen Warenkorb ab, um zu bestellen; die Bestellung wartet hier, bis das Portal sie hat.</translation>
    </message>
    <message>
        <source>Select an order to see its details.</source>
        <translation>Wählen Sie eine Bestellung, um Einzelheiten zu sehen.</translation>
    </message>
    <message>
        <source>Order %1 · %2</source>
        <translation>Bestellung %1 · %2</translation>
    </message>
    <message>
        <source>Replaced by order %1 with the prices you accepted; this one is not sent.</source>
        <translation>Ersetzt durch Bestellung %1 mit den übernommenen Preisen; diese hier wird nicht gesendet.</translation>
    </message>
    <message>
        <source>Portal number: %1</source>
        <translation>Nummer im Portal: %1</translation>
    </message>
    <message>
        <source>From the cart: %1</source>
        <translation>Aus dem Warenkorb: %1</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s), total %1</source>
        <translation>
            <numerusform>%Ln Position, Summe %1</numerusform>
            <numerusform>%Ln Positionen, Summe %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ship to: %1</source>
        <translation>Lieferadresse: %1</translation>
    </message>
    <message>
        <source>PO number: %1</source>
        <translation>Bestellnummer des Kunden: %1</translation>
    </message>
    <message>
        <source>Requested delivery: %1</source>
        <translation>Gewünschte Lieferung: %1</translation>
    </message>
    <message>
        <source>Sends started: %1</source>
        <translation>Begonnene Sendungen: %1</translation>
    </message>
    <message>
        <source>The last send got no answer: %1</source>
        <translation>Die letzte Sendung bekam keine Antwort: %1</translation>
    </message>
    <message>
        <source>Next try: %1</source>
        <translation>Nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Waiting to be sent: it goes out with the next sync when online.</source>
        <translation>Wartet auf das Senden: Sie geht mit der nächsten Synchronisierung hinaus, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>The portal has this order: it cannot be deleted here.</source>
        <translation>Das Portal hat diese Bestellung: Sie kann hier nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Remove the order without sending it</source>
        <translation>Die Bestellung entfernen, ohne sie zu senden</translation>
    </message>
    <message>
        <source>Queued the order with the new prices.</source>
        <translation>Die Bestellung mit den neuen Preisen wurde eingereiht.</translation>
    </message>
    <message>
        <source>The order&apos;s lines are back in the cart.</source>
        <translation>Die Positionen der Bestellung liegen wieder im Warenkorb.</translation>
    </message>
    <message>
        <source>The order was not queued again: %1</source>
        <translation>Die Bestellung wurde nicht erneut eingereiht: %1</translation>
    </message>
    <message>
        <source>Order %1 queued again.</source>
        <translation>Bestellung %1 erneut eingereiht.</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>The order&apos;s lines were not put back into a cart: %1</source>
        <translation>Die Positionen der Bestellung wurden nicht in einen Warenkorb zurückgelegt: %1</translation>
    </message>
    <message>
        <source>The lines of order %1 are in the cart “%2” again; the order was removed.</source>
        <translation>Die Positionen der Bestellung %1 liegen wieder im Warenkorb „%2“; die Bestellung wurde entfernt.</translation>
    </message>
    <message>
        <source>Order %1 is with the portal already; it cannot be deleted.</source>
        <translation>Bestellung %1 ist bereits beim Portal; sie kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The order is being sent; wait for the answer.</source>
        <translation>Die Bestellung wird gerade gesendet; warten Sie auf die Antwort.</translation>
    </message>
    <message>
        <source>Delete order %1 (%2, %3) without sending it? This cannot be undone.</source>
        <translation>Bestellung %1 (%2, %3) löschen, ohne sie zu senden? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>no cart</source>
        <translation>kein Warenkorb</translation>
    </message>
    <message>
        <source>An earlier send got no answer: the portal may have the order already.</source>
        <translation>Eine frühere Sendung bekam keine Antwort: Das Portal hat die Bestellung vielleicht schon.</translation>
    </message>
    <message>
        <source>Delete Order</source>
        <translation>Bestellung löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The order was not deleted: %1</source>
        <translation>Die Bestellung wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Order %1 deleted.</source>
        <translation>Bestellung %1 gelöscht.</translation>
    </message>
    <message>
        <source>The outbox could not be updated: %1</source>
        <translation>Der Postausgang konnte nicht aktualisiert werden: %1</translation>
    </message>
</context>
<context>
    <name>qm::ProductDetailView</name>
    <message>
        <source>valid %1 to %2</source>
        <translation>gültig vom %1 bis %2</translation>
    </message>
    <message>
        <source>valid from %1</source>
        <translation>gültig ab %1</translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation>gültig bis %1</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>unbefristet</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Select a product to see its prices, stock and packs.</source>
        <translation>Wählen Sie einen Artikel, um Preise, Bestand und Verpackungen zu sehen.</translation>
    </message>
    <message>
        <source>Discontinued: can no longer be ordered once stock runs out.</source>
        <translation>Auslaufartikel: nur noch bestellbar, solange der Vorrat reicht.</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>Ihr Preis</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>From qty</source>
        <translation>Ab Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Lager</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>Lieferzeit</translation>
    </message>
    <message>
        <source>Next receipt</source>
        <translation>Nächster Eingang</translation>
    </message>
    <message>
        <source>Packs</source>
        <translation>Verpackungen</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Verpackung</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>Artikelnr. %1</translation>
    </message>
    <message>
        <source>%1 per %2</source>
        <translation>%1 je %2</translation>
    </message>
    <message>
        <source>Your contract price</source>
        <translation>Ihr Vertragspreis</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Listenpreis</translation>
    </message>
    <message>
        <source>%1, %2; prices as of %3</source>
        <translation>%1, %2; Preise zum %3</translation>
    </message>
    <message>
        <source>No price today</source>
        <translation>Heute kein Preis</translation>
    </message>
    <message>
        <source>No price rule applies on %1.</source>
        <translation>Am %1 gilt keine Preisregel.</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Your role does not show prices, or none were synced yet.</source>
        <translation>Ihre Rolle zeigt keine Preise an, oder es wurden noch keine synchronisiert.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 on hand in %n warehouse(s)</source>
        <translation>
            <numerusform>%1 %2 verfügbar in %n Lager</numerusform>
            <numerusform>%1 %2 verfügbar in %n Lagern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 am %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No stock information.</source>
        <translation>Keine Bestandsangaben.</translation>
    </message>
    <message>
        <source>Minimum order %1 %2</source>
        <translation>Mindestbestellmenge %1 %2</translation>
    </message>
    <message>
        <source>in multiples of %1 %2</source>
        <translation>in Vielfachen von %1 %2</translation>
    </message>
    <message>
        <source>Sold in units of %1.</source>
        <translation>Verkauft in Einheiten zu %1.</translation>
    </message>
    <message>
        <source>Loading picture…</source>
        <translation>Bild wird geladen…</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Prices not shown</source>
        <translation>Preise werden nicht angezeigt</translation>
    </message>
</context>
<context>
    <name>qm::QuickOrderView</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Verpackung</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Stock / problem</source>
        <translation>Bestand / Problem</translation>
    </message>
    <message>
        <source>&amp;Add to Cart</source>
        <translation>In den &amp;Warenkorb</translation>
    </message>
    <message>
        <source>Put the rows that were found into the current cart (Ctrl+Enter)</source>
        <translation>Die gefundenen Zeilen in den aktuellen Warenkorb legen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Type or scan a code, Tab, the quantity, Enter. Paste rows from a spreadsheet with Ctrl+V.</source>
        <translation>Code eingeben oder scannen, Tab, Menge, Eingabe. Zeilen aus einer Tabelle mit Strg+V einfügen.</translation>
    </message>
    <message>
        <source>Enter a code</source>
        <translation>Code eingeben</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>Unbekannter Code</translation>
    </message>
    <message>
        <source>Unknown code — did you mean %1?</source>
        <translation>Unbekannter Code – meinten Sie %1?</translation>
    </message>
    <message>
        <source>“%1” is not a quantity: type a whole number above zero</source>
        <translation>„%1“ ist keine Menge: Geben Sie eine ganze Zahl über null ein</translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>In stock (%1 %2)</source>
        <translation>Auf Lager (%1 %2)</translation>
    </message>
    <message numerus="yes">
        <source>Short: %1 %2 on hand, more in %Ln day(s)</source>
        <translation>
            <numerusform>Knapp: %1 %2 vorrätig, mehr in %Ln Tag</numerusform>
            <numerusform>Knapp: %1 %2 vorrätig, mehr in %Ln Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Short: %1 %2 on hand</source>
        <translation>Knapp: %1 %2 vorrätig</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) ready</source>
        <translation>
            <numerusform>%Ln Zeile bereit</numerusform>
            <numerusform>%Ln Zeilen bereit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln to fix</source>
        <translation>
            <numerusform>, %Ln zu korrigieren</numerusform>
            <numerusform>, %Ln zu korrigieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %Ln row(s).</source>
        <translation>
            <numerusform>%Ln Zeile eingefügt.</numerusform>
            <numerusform>%Ln Zeilen eingefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose or create a cart first.</source>
        <translation>Wählen oder erstellen Sie zuerst einen Warenkorb.</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Nichts hinzugefügt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln line(s) to the cart.</source>
        <translation>
            <numerusform>%Ln Position in den Warenkorb gelegt.</numerusform>
            <numerusform>%Ln Positionen in den Warenkorb gelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to order another pack</source>
        <translation>Doppelklicken, um eine andere Packung zu bestellen</translation>
    </message>
</context>
<context>
    <name>qm::ScannerSettingsDialog</name>
    <message>
        <source>&amp;Use a scanner on a serial port</source>
        <translation>Scanner an serieller Schnittstelle &amp;verwenden</translation>
    </message>
    <message>
        <source>&amp;Sound after each scan</source>
        <translation>&amp;Ton nach jedem Scan</translation>
    </message>
    <message>
        <source>Scanner Settings</source>
        <translation>Scanner-Einstellungen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>None (ended by a pause)</source>
        <translation>Keins (Ende durch eine Pause)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>Only key bursts that start with this text count as scans. Set the same prefix in the scanner.</source>
        <translation>Nur Tastenfolgen, die mit diesem Text beginnen, gelten als Scans. Stellen Sie im Scanner dasselbe Präfix ein.</translation>
    </message>
    <message>
        <source>The character the scanner types instead of the GS1 separator (GS), e.g. ~ or |</source>
        <translation>Das Zeichen, das der Scanner statt des GS1-Trennzeichens (GS) sendet, z. B. ~ oder |</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Keys that arrive at most this far apart are taken as a scan. People type 80 to 200 ms apart.</source>
        <translation>Tasten, die höchstens so weit auseinander eintreffen, gelten als Scan. Menschen tippen im Abstand von 80 bis 200 ms.</translation>
    </message>
    <message>
        <source>Shorter bursts are taken as typing</source>
        <translation>Kürzere Folgen gelten als Tippen</translation>
    </message>
    <message>
        <source>Keyboard scanner</source>
        <translation>Tastatur-Scanner</translation>
    </message>
    <message>
        <source>S&amp;uffix:</source>
        <translation>S&amp;uffix:</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Präfix:</translation>
    </message>
    <message>
        <source>&amp;GS substitute:</source>
        <translation>&amp;GS-Ersatzzeichen:</translation>
    </message>
    <message>
        <source>Maximum &amp;key gap:</source>
        <translation>Größter &amp;Tastenabstand:</translation>
    </message>
    <message>
        <source>Minimum &amp;length:</source>
        <translation>Mindest&amp;länge:</translation>
    </message>
    <message>
        <source>Choose a port, or type its name (COM3, /dev/ttyACM0, a virtual port)</source>
        <translation>Wählen Sie einen Anschluss oder geben Sie seinen Namen ein (COM3, /dev/ttyACM0, ein virtueller Anschluss)</translation>
    </message>
    <message>
        <source>Look for serial ports again</source>
        <translation>Erneut nach seriellen Anschlüssen suchen</translation>
    </message>
    <message>
        <source>CR (Enter)</source>
        <translation>CR (Eingabe)</translation>
    </message>
    <message>
        <source>LF</source>
        <translation>LF</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>Serieller Scanner</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>A&amp;nschluss:</translation>
    </message>
    <message>
        <source>&amp;Baud rate:</source>
        <translation>&amp;Baudrate:</translation>
    </message>
    <message>
        <source>Su&amp;ffix:</source>
        <translation>Su&amp;ffix:</translation>
    </message>
    <message>
        <source>Scan a label here, or type a code and press Enter</source>
        <translation>Scannen Sie hier ein Etikett oder geben Sie einen Code ein und drücken Sie die Eingabetaste</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The prefix cannot be the same as the suffix: every scan would end where it begins.</source>
        <translation>Präfix und Suffix dürfen nicht gleich sein: Jeder Scan würde enden, wo er beginnt.</translation>
    </message>
    <message>
        <source>The prefix cannot contain the suffix: scans would end inside the prefix.</source>
        <translation>Das Präfix darf das Suffix nicht enthalten: Scans würden im Präfix enden.</translation>
    </message>
    <message>
        <source>The prefix can only hold visible characters, no spaces or control characters.</source>
        <translation>Das Präfix darf nur sichtbare Zeichen enthalten, keine Leer- oder Steuerzeichen.</translation>
    </message>
    <message>
        <source>The GS substitute must be a punctuation character such as ~ or |, never a letter, digit or space: those occur in codes.</source>
        <translation>Das GS-Ersatzzeichen muss ein Satzzeichen wie ~ oder | sein, nie ein Buchstabe, eine Ziffer oder ein Leerzeichen: Diese kommen in Codes vor.</translation>
    </message>
    <message>
        <source>The prefix cannot contain the GS substitute.</source>
        <translation>Das Präfix darf das GS-Ersatzzeichen nicht enthalten.</translation>
    </message>
    <message>
        <source>The maximum key gap must be between %1 and %2 ms.</source>
        <translation>Der größte Tastenabstand muss zwischen %1 und %2 ms liegen.</translation>
    </message>
    <message>
        <source>The minimum length must be between %1 and %2 characters.</source>
        <translation>Die Mindestlänge muss zwischen %1 und %2 Zeichen liegen.</translation>
    </message>
    <message>
        <source>The keyboard scanner&apos;s suffix must be Enter, Tab or none.</source>
        <translation>Das Suffix des Tastatur-Scanners muss Eingabe, Tab oder keins sein.</translation>
    </message>
    <message>
        <source>Choose or type the serial port of the scanner, or turn the serial scanner off.</source>
        <translation>Wählen Sie den seriellen Anschluss des Scanners oder geben Sie ihn ein, oder schalten Sie den seriellen Scanner aus.</translation>
    </message>
    <message>
        <source>Choose a baud rate.</source>
        <translation>Wählen Sie eine Baudrate.</translation>
    </message>
    <message>
        <source>The serial scanner&apos;s suffix must be CR, LF, Tab or none.</source>
        <translation>Das Suffix des seriellen Scanners muss CR, LF, Tab oder keins sein.</translation>
    </message>
    <message>
        <source>Not usable: %1</source>
        <translation>Nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>EAN/UPC, GTIN %1</source>
        <translation>EAN/UPC, GTIN %1</translation>
    </message>
    <message>
        <source>GS1 data, looks up %1</source>
        <translation>GS1-Daten, sucht %1</translation>
    </message>
    <message>
        <source>GS1 Digital Link, looks up %1</source>
        <translation>GS1 Digital Link, sucht %1</translation>
    </message>
    <message>
        <source>Text, looked up as SKU or part number: %1</source>
        <translation>Text, gesucht als Artikelnummer oder Kundenartikelnummer: %1</translation>
    </message>
    <message>
        <source>quantity %1</source>
        <translation>Menge %1</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>Charge %1</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>Seriennummer %1</translation>
    </message>
    <message>
        <source>expiry %1</source>
        <translation>Verfallsdatum %1</translation>
    </message>
    <message>
        <source>symbology %1</source>
        <translation>Symbologie %1</translation>
    </message>
</context>
<context>
    <name>qm::SearchField</name>
    <message>
        <source>Search by SKU, GTIN, name or attribute  (Ctrl+F)</source>
        <translation>Suche nach Artikelnr., GTIN, Bezeichnung oder Merkmal  (Strg+F)</translation>
    </message>
</context>
<context>
    <name>qm::SignInDialog</name>
    <message>
        <source>Sign in to your supplier&apos;s portal</source>
        <translation>Beim Portal Ihres Lieferanten anmelden</translation>
    </message>
    <message>
        <source>Sign in to Quartermaster</source>
        <translation>Bei Quartermaster anmelden</translation>
    </message>
    <message>
        <source>Use the portal address, username and password your supplier gave you. Your password is never stored; the sign-in is kept in your system&apos;s keychain.</source>
        <translation>Verwenden Sie die Portaladresse, den Benutzernamen und das Passwort, die Sie von Ihrem Lieferanten erhalten haben. Ihr Passwort wird nie gespeichert; die Anmeldung wird im Schlüsselbund Ihres Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>name@company.example</source>
        <translation>name@firma.example</translation>
    </message>
    <message>
        <source>&amp;Portal:</source>
        <translation>&amp;Portal:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Geben Sie Benutzername und Passwort ein.</translation>
    </message>
    <message>
        <source>Sign in with single sign-&amp;on</source>
        <translation>Mit Single Sign-&amp;on anmelden</translation>
    </message>
    <message>
        <source>Sign in on your portal&apos;s own page, in your web browser</source>
        <translation>Auf der eigenen Seite Ihres Portals anmelden, in Ihrem Webbrowser</translation>
    </message>
    <message>
        <source>Sign in on the page that opened in your web browser. If no page opened, open this address in your browser:
%1</source>
        <translation>Melden Sie sich auf der Seite an, die sich in Ihrem Webbrowser geöffnet hat. Falls sich keine Seite geöffnet hat, öffnen Sie diese Adresse in Ihrem Browser:
%1</translation>
    </message>
    <message>
        <source>Single sign-on failed.</source>
        <translation>Die Anmeldung per Single Sign-on ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>This portal does not offer single sign-on. Sign in with your username and password.</source>
        <translation>Dieses Portal bietet kein Single Sign-on an. Melden Sie sich mit Benutzername und Passwort an.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled or refused in the browser. You are not signed in.</source>
        <translation>Die Anmeldung wurde im Browser abgebrochen oder abgelehnt. Sie sind nicht angemeldet.</translation>
    </message>
    <message>
        <source>The answer from the browser did not belong to this sign-in, so it was refused. Try again.</source>
        <translation>Die Antwort aus dem Browser gehörte nicht zu dieser Anmeldung und wurde deshalb abgelehnt. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No sign-in arrived from the browser in time. Try again.</source>
        <translation>Aus dem Browser kam nicht rechtzeitig eine Anmeldung. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Quartermaster could not receive the answer from the browser on this computer (no local port available).</source>
        <translation>Quartermaster konnte die Antwort aus dem Browser auf diesem Computer nicht empfangen (kein lokaler Port frei).</translation>
    </message>
    <message>
        <source>This portal does not accept passwords here: use &quot;Sign in with single sign-on&quot;.</source>
        <translation>Dieses Portal nimmt hier keine Passwörter an: Verwenden Sie „Mit Single Sign-on anmelden“.</translation>
    </message>
</context>
<context>
    <name>qm::SubmitOrderDialog</name>
    <message>
        <source>Location code, e.g. MAIN</source>
        <translation>Code der Lieferadresse, z. B. MAIN</translation>
    </message>
    <message>
        <source>&amp;Ship to:</source>
        <translation>&amp;Lieferadresse:</translation>
    </message>
    <message>
        <source>Your purchase order number (optional)</source>
        <translation>Ihre Bestellnummer (optional)</translation>
    </message>
    <message>
        <source>&amp;PO number:</source>
        <translation>&amp;Bestellnummer:</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Am</translation>
    </message>
    <message>
        <source>(otherwise as soon as possible)</source>
        <translation>(sonst so bald wie möglich)</translation>
    </message>
    <message>
        <source>Requested &amp;delivery:</source>
        <translation>Gewünschte Lief&amp;erung:</translation>
    </message>
    <message>
        <source>Delivery instructions, gate codes… (optional)</source>
        <translation>Lieferhinweise, Torcodes… (optional)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Anmerkungen:</translation>
    </message>
    <message>
        <source>Who receives the delivery (optional)</source>
        <translation>Wer die Lieferung annimmt (optional)</translation>
    </message>
    <message>
        <source>Contact &amp;name:</source>
        <translation>&amp;Name des Kontakts:</translation>
    </message>
    <message>
        <source>Contact &amp;email:</source>
        <translation>&amp;E-Mail des Kontakts:</translation>
    </message>
    <message>
        <source>Contact p&amp;hone:</source>
        <translation>&amp;Telefon des Kontakts:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kundenkonto</translation>
    </message>
    <message>
        <source>&amp;Submit Order</source>
        <translation>Bestellung &amp;aufgeben</translation>
    </message>
    <message>
        <source>Cart “%1”</source>
        <translation>Warenkorb „%1“</translation>
    </message>
    <message>
        <source>Submit Order — %1</source>
        <translation>Bestellung aufgeben — %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln Position</numerusform>
            <numerusform>%Ln Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source> · total too large to show</source>
        <translation> · Summe zu groß für die Anzeige</translation>
    </message>
    <message>
        <source> · Total %1</source>
        <translation> · Summe %1</translation>
    </message>
    <message>
        <source>Prices as of %1</source>
        <translation>Preise vom %1</translation>
    </message>
    <message>
        <source>Prices not synced yet</source>
        <translation>Preise noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>The account&apos;s ship-to locations have not been synced yet: enter the location code. The portal checks it when the order is sent.</source>
        <translation>Die Lieferadressen des Kundenkontos sind noch nicht synchronisiert: Geben Sie den Code der Lieferadresse ein. Das Portal prüft ihn, wenn die Bestellung gesendet wird.</translation>
    </message>
    <message>
        <source>Credit, payment terms and your spending limit are not synced yet; the portal checks them when the order is sent.</source>
        <translation>Kreditrahmen, Zahlungsbedingungen und Ihr Bestelllimit sind noch nicht synchronisiert; das Portal prüft sie, wenn die Bestellung gesendet wird.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Available credit: %1 (limit %2, balance %3, open orders %4)</source>
        <translation>Verfügbarer Kreditrahmen: %1 (Limit %2, Saldo %3, offene Bestellungen %4)</translation>
    </message>
    <message>
        <source>Payment terms: %1</source>
        <translation>Zahlungsbedingungen: %1</translation>
    </message>
    <message>
        <source>Your spending limit per order: %1</source>
        <translation>Ihr Bestelllimit je Bestellung: %1</translation>
    </message>
    <message>
        <source>Your spending limit per order: none</source>
        <translation>Ihr Bestelllimit je Bestellung: keines</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>The total of %1 is more than the account&apos;s available credit of %2: the portal will refuse the order until credit is freed. Contact the supplier or make the order smaller.</source>
        <translation>Die Summe von %1 übersteigt den verfügbaren Kreditrahmen des Kundenkontos von %2: Das Portal lehnt die Bestellung ab, bis wieder Kredit frei ist. Wenden Sie sich an den Lieferanten oder verkleinern Sie die Bestellung.</translation>
    </message>
    <message>
        <source>Needs approval: the total of %1 is above your spending limit of %2. The order waits for an approver of your account before the supplier processes it.</source>
        <translation>Braucht Freigabe: Die Summe von %1 liegt über Ihrem Bestelllimit von %2. Die Bestellung wartet auf eine freigebende Person Ihres Kundenkontos, bevor der Lieferant sie bearbeitet.</translation>
    </message>
    <message>
        <source>The cart is empty: add the items to order first.</source>
        <translation>Der Warenkorb ist leer: Legen Sie zuerst die zu bestellenden Artikel hinein.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) have no price and cannot be ordered: %1. Remove them from the cart or sync the prices.</source>
        <translation>
            <numerusform>%Ln Position hat keinen Preis und kann nicht bestellt werden: %1. Entfernen Sie sie aus dem Warenkorb oder synchronisieren Sie die Preise.</numerusform>
            <numerusform>%Ln Positionen haben keinen Preis und können nicht bestellt werden: %1. Entfernen Sie sie aus dem Warenkorb oder synchronisieren Sie die Preise.</numerusform>
        </translation>
    </message>
    <message>
        <source>The order&apos;s total is too large: split it into several.</source>
        <translation>Die Summe der Bestellung ist zu groß: Teilen Sie sie in mehrere auf.</translation>
    </message>
    <message>
        <source>The account has no ship-to location. Ask your account administrator to add one.</source>
        <translation>Das Kundenkonto hat keine Lieferadresse. Bitten Sie die Administration Ihres Kundenkontos, eine anzulegen.</translation>
    </message>
    <message>
        <source>Choose where the order is delivered.</source>
        <translation>Wählen Sie, wohin die Bestellung geliefert wird.</translation>
    </message>
    <message>
        <source>A ship-to location code has at most %1 characters.</source>
        <translation>Der Code einer Lieferadresse hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The account has no ship-to location %1.</source>
        <translation>Das Kundenkonto hat keine Lieferadresse %1.</translation>
    </message>
    <message>
        <source>The PO number has %1 characters; at most %2 are allowed.</source>
        <translation>Die Bestellnummer hat %1 Zeichen; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>The requested delivery date %1 is in the past; choose today or later.</source>
        <translation>Das gewünschte Lieferdatum %1 liegt in der Vergangenheit; wählen Sie heute oder später.</translation>
    </message>
    <message>
        <source>The notes have %1 characters; at most %2 are allowed.</source>
        <translation>Die Anmerkungen haben %1 Zeichen; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>The contact name may have at most %1 characters.</source>
        <translation>Der Name des Kontakts darf höchstens %1 Zeichen haben.</translation>
    </message>
    <message>
        <source>The contact email may have at most %1 characters.</source>
        <translation>Die E-Mail des Kontakts darf höchstens %1 Zeichen haben.</translation>
    </message>
    <message>
        <source>“%1” is not an email address (name@example.com).</source>
        <translation>„%1“ ist keine E-Mail-Adresse (name@example.com).</translation>
    </message>
    <message>
        <source>The contact phone may have at most %1 characters.</source>
        <translation>Das Telefon des Kontakts darf höchstens %1 Zeichen haben.</translation>
    </message>
    <message>
        <source>A phone number has digits, spaces and + ( ) - . / only.</source>
        <translation>Eine Telefonnummer enthält nur Ziffern, Leerzeichen und + ( ) - . /.</translation>
    </message>
    <message>
        <source>The order could not be built.</source>
        <translation>Die Bestellung konnte nicht zusammengestellt werden.</translation>
    </message>
    <message>
        <source>The order was not queued: %1</source>
        <translation>Die Bestellung wurde nicht eingereiht: %1</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>Überfällig: %1</translation>
    </message>
</context>
<context>
    <name>qm::SyncSettingsDialog</name>
    <message>
        <source>Sync &amp;automatically every</source>
        <translation>&amp;Automatisch synchronisieren alle</translation>
    </message>
    <message>
        <source>Sync Settings</source>
        <translation>Synchronisierungseinstellungen</translation>
    </message>
    <message>
        <source>Minutes between automatic syncs</source>
        <translation>Minuten zwischen automatischen Synchronisierungen</translation>
    </message>
    <message numerus="yes">
        <source>minute(s)</source>
        <comment>after the number of minutes between syncs</comment>
        <translation>
            <numerusform>Minute</numerusform>
            <numerusform>Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The catalog, prices and stock are brought up to date %n minute(s) after the last sync ends. While the computer is offline the sync waits for the network.</source>
        <translation>
            <numerusform>Katalog, Preise und Bestand werden %n Minute nach dem Ende der letzten Synchronisierung aktualisiert. Solange der Computer offline ist, wartet die Synchronisierung auf das Netzwerk.</numerusform>
            <numerusform>Katalog, Preise und Bestand werden %n Minuten nach dem Ende der letzten Synchronisierung aktualisiert. Solange der Computer offline ist, wartet die Synchronisierung auf das Netzwerk.</numerusform>
        </translation>
    </message>
    <message>
        <source>The catalog is brought up to date when you sign in, when the network comes back and when you choose Sync Now (F5).</source>
        <translation>Der Katalog wird bei der Anmeldung, bei Rückkehr des Netzwerks und mit „Jetzt synchronisieren“ (F5) aktualisiert.</translation>
    </message>
</context>
<context>
    <name>qm::UiPermissions</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>Einkäufer</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>Genehmiger</translation>
    </message>
    <message>
        <source>account administrator</source>
        <translation>Kontoadministrator</translation>
    </message>
    <message>
        <source>Your role (%1) cannot order. Ask your account administrator for the buyer role.</source>
        <translation>Ihre Rolle (%1) kann nicht bestellen. Bitten Sie Ihren Kontoadministrator um die Rolle Einkäufer.</translation>
    </message>
    <message>
        <source>Your role (%1) can fill carts but cannot place orders. Ask your account administrator for the buyer role.</source>
        <translation>Ihre Rolle (%1) kann Warenkörbe füllen, aber keine Bestellungen aufgeben. Bitten Sie Ihren Kontoadministrator um die Rolle Einkäufer.</translation>
    </message>
    <message>
        <source>Prices are not shown for your role (%1) in this account.</source>
        <translation>Für Ihre Rolle (%1) werden in diesem Konto keine Preise angezeigt.</translation>
    </message>
    <message>
        <source>Browse and search the catalog</source>
        <translation>Den Katalog durchsehen und durchsuchen</translation>
    </message>
    <message>
        <source>See prices and totals</source>
        <translation>Preise und Summen sehen</translation>
    </message>
    <message>
        <source>See stock levels</source>
        <translation>Lagerbestände sehen</translation>
    </message>
    <message>
        <source>Track the account&apos;s orders</source>
        <translation>Die Bestellungen des Kontos verfolgen</translation>
    </message>
    <message>
        <source>Open order documents</source>
        <translation>Bestelldokumente öffnen</translation>
    </message>
    <message>
        <source>Fill carts, quick orders and saved lists</source>
        <translation>Warenkörbe, Schnellbestellungen und gespeicherte Listen füllen</translation>
    </message>
    <message>
        <source>Place orders within the spending limit</source>
        <translation>Bestellungen innerhalb des Ausgabenlimits aufgeben</translation>
    </message>
    <message>
        <source>Request quotes</source>
        <translation>Angebote anfordern</translation>
    </message>
    <message>
        <source>Approve or reject orders</source>
        <translation>Bestellungen genehmigen oder ablehnen</translation>
    </message>
    <message>
        <source>Manage the account&apos;s users</source>
        <translation>Die Benutzer des Kontos verwalten</translation>
    </message>
    <message>
        <source>Manage ship-to locations</source>
        <translation>Lieferadressen verwalten</translation>
    </message>
    <message>
        <source>See the account&apos;s credit</source>
        <translation>Das Kreditlimit des Kontos sehen</translation>
    </message>
    <message>
        <source>Not signed in: the portal decides what you can do when you sign in.</source>
        <translation>Nicht angemeldet: Das Portal entscheidet bei der Anmeldung, was Sie tun dürfen.</translation>
    </message>
    <message>
        <source>Your role: %1</source>
        <translation>Ihre Rolle: %1</translation>
    </message>
    <message>
        <source>You can:</source>
        <translation>Sie dürfen:</translation>
    </message>
    <message>
        <source>Not with this role:</source>
        <translation>Nicht mit dieser Rolle:</translation>
    </message>
    <message>
        <source>See the subsidiaries&apos; orders, spend and credit (Company page)</source>
        <translation>Bestellungen, Ausgaben und Kredit der Tochtergesellschaften sehen (Seite Unternehmen)</translation>
    </message>
</context>
<context>
    <name>qm::UserDialog</name>
    <message>
        <source>Add User</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Einkäufer</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Genehmiger</translation>
    </message>
    <message>
        <source>Account administrator</source>
        <translation>Kontoadministrator</translation>
    </message>
    <message>
        <source>e.g. jane@example.com</source>
        <translation>z. B. jane@example.com</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>The most one order of this user may total without approval; empty for no limit.</source>
        <translation>Der höchste Betrag, den eine Bestellung dieses Benutzers ohne Genehmigung haben darf; leer für kein Limit.</translation>
    </message>
    <message>
        <source>&amp;Spending limit:</source>
        <translation>&amp;Ausgabenlimit:</translation>
    </message>
    <message>
        <source>None (the account&apos;s default)</source>
        <translation>Keiner (Standard des Kontos)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — %2 (inactive)</source>
        <translation>%1 — %2 (inaktiv)</translation>
    </message>
    <message>
        <source>Default &amp;location:</source>
        <translation>Standard&amp;standort:</translation>
    </message>
    <message>
        <source>Initial &amp;password:</source>
        <translation>Anfangs&amp;passwort:</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>Passwort &amp;bestätigen:</translation>
    </message>
    <message>
        <source>&amp;Add User</source>
        <translation>Benutzer &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Write an amount such as 2500 or 2500.00, or leave it empty for no limit.</source>
        <translation>Geben Sie einen Betrag wie 2500 oder 2500.00 ein, oder lassen Sie das Feld leer für kein Limit.</translation>
    </message>
    <message>
        <source>Enter the name to sign in with.</source>
        <translation>Geben Sie den Namen für die Anmeldung ein.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>qm::linenotice</name>
    <message>
        <source>raised to the minimum of %1 %2</source>
        <translation>auf die Mindestmenge von %1 %2 erhöht</translation>
    </message>
    <message>
        <source>rounded up to a multiple of %1 %2 (full case)</source>
        <translation>auf ein Vielfaches von %1 %2 aufgerundet (volle Packung)</translation>
    </message>
    <message>
        <source>lowered to the maximum of %1 %2</source>
        <translation>auf die Höchstmenge von %1 %2 gesenkt</translation>
    </message>
    <message>
        <source>not sold in this unit</source>
        <translation>in dieser Einheit nicht erhältlich</translation>
    </message>
    <message>
        <source>the quantity must be a whole number above zero</source>
        <translation>die Menge muss eine ganze Zahl über null sein</translation>
    </message>
    <message>
        <source>discontinued</source>
        <translation>ausgelaufen</translation>
    </message>
    <message>
        <source>not in your catalog</source>
        <translation>nicht in Ihrem Katalog</translation>
    </message>
    <message>
        <source>no price on this day</source>
        <translation>kein Preis an diesem Tag</translation>
    </message>
    <message>
        <source>the total is too large</source>
        <translation>die Summe ist zu groß</translation>
    </message>
    <message>
        <source>no quantity of this pack meets the minimum, case and maximum: choose another pack</source>
        <translation>keine Menge dieser Packung erfüllt Mindestmenge, Vielfaches und Höchstmenge: wählen Sie eine andere Packung</translation>
    </message>
    <message>
        <source>Contract price from %1 %2</source>
        <translation>Vertragspreis ab %1 %2</translation>
    </message>
    <message>
        <source>Contract price</source>
        <translation>Vertragspreis</translation>
    </message>
    <message>
        <source>List price from %1 %2</source>
        <translation>Listenpreis ab %1 %2</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Listenpreis</translation>
    </message>
    <message>
        <source>%1 % off %2</source>
        <translation>%1 % Rabatt auf %2</translation>
    </message>
    <message>
        <source>Category discount</source>
        <translation>Kategorierabatt</translation>
    </message>
    <message>
        <source>raised to minimum</source>
        <translation>auf Mindestmenge erhöht</translation>
    </message>
    <message>
        <source>rounded to full case</source>
        <translation>auf volle Kartons gerundet</translation>
    </message>
    <message>
        <source>lowered to maximum</source>
        <translation>auf Höchstmenge gesenkt</translation>
    </message>
    <message>
        <source>added to the cart&apos;s line</source>
        <translation>zur bestehenden Position im Warenkorb addiert</translation>
    </message>
    <message>
        <source>merged with an earlier line</source>
        <translation>mit einer früheren Zeile zusammengefasst</translation>
    </message>
    <message>
        <source>no quantity given: one</source>
        <translation>keine Menge angegeben: eins</translation>
    </message>
    <message>
        <source>not in the catalog</source>
        <translation>nicht im Katalog</translation>
    </message>
</context>
</TS>
