<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>qm::MainWindow</name>
    <message numerus="yes">
        <source>Catalog synced: %Ln change(s).</source>
        <translation><numerusform>Catalog synced: %Ln change.</numerusform><numerusform>Catalog synced: %Ln changes.</numerusform></translation>
    </message>
    </context>
<context>
    <name>qm::ProductDetailView</name>
    <message numerus="yes">
        <source>%1 %2 on hand in %n warehouse(s)</source>
        <translation><numerusform>%1 %2 on hand in %n warehouse</numerusform><numerusform>%1 %2 on hand in %n warehouses</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation><numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
    </context>
</TS>