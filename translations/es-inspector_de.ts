<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AggregatePage</name>
    <message>
        <location filename="../gui/widgets/aggregatepage.cpp" line="+59"/>
        <source>&lt;b&gt;&amp;Events&lt;/b&gt;</source>
        <translation>&lt;b&gt;&amp;Ereignisse&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+91"/>
        <location line="+104"/>
        <source>Select an event to see its payload.</source>
        <translation>Wählen Sie ein Ereignis aus, um seine Nutzdaten zu sehen.</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start from &amp;snapshots</source>
        <translation>Von &amp;Snapshots ausgehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start from the newest snapshot at or below the version (as the repository does), or replay every event from the first</source>
        <translation>Vom neuesten Snapshot bei oder unterhalb der Version ausgehen (wie das Repository) oder alle Ereignisse ab dem ersten erneut abspielen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>S&amp;tate</source>
        <translation>&amp;Zustand</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;From version:</source>
        <translation>&amp;Ab Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t&amp;o:</source>
        <translation>&amp;bis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare</source>
        <translation>Ver&amp;gleichen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Diff</source>
        <translation>&amp;Diff</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+84"/>
        <location line="+36"/>
        <source>Select a snapshot to see its state.</source>
        <translation>Wählen Sie einen Snapshot aus, um seinen Zustand zu sehen.</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+123"/>
        <source>S&amp;napshots</source>
        <translation>S&amp;napshots</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>The events could not be read: %1</source>
        <translation>Die Ereignisse konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;The state cannot be rebuilt: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Der Zustand kann nicht rekonstruiert werden: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No difference between version %1 and version %2.</source>
        <translation>Kein Unterschied zwischen Version %1 und Version %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n change(s) from version %1 to version %2.</source>
        <translation>
            <numerusform>%n Änderung von Version %1 zu Version %2.</numerusform>
            <numerusform>%n Änderungen von Version %1 zu Version %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Cannot compare: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Vergleich nicht möglich: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>S&amp;napshots (%1)</source>
        <translation>S&amp;napshots (%1)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose two versions and press Compare.</source>
        <translation>Wählen Sie zwei Versionen aus und klicken Sie auf „Vergleichen“.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The aggregate could not be looked up: %1</source>
        <translation>Das Aggregat konnte nicht abgefragt werden: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This aggregate has no events.</source>
        <translation>Dieses Aggregat hat keine Ereignisse.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is not registered in this program, so its state cannot be rebuilt (its events and snapshots are still shown). Link the library that defines it to see states and diffs.</source>
        <translation>Der Typ %1 ist in diesem Programm nicht registriert, daher kann sein Zustand nicht rekonstruiert werden (seine Ereignisse und Snapshots werden weiterhin angezeigt). Linken Sie die Bibliothek, die ihn definiert, um Zustände und Diffs zu sehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The state cannot be rebuilt: %1</source>
        <translation>Der Zustand kann nicht rekonstruiert werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snapshot check: not available for unregistered types.</source>
        <translation>Snapshot-Prüfung: für nicht registrierte Typen nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No aggregate chosen: open one from the Aggregates page or the log (Enter on a row).</source>
        <translation>Kein Aggregat ausgewählt: Öffnen Sie eines über die Seite „Aggregate“ oder das Protokoll (Eingabetaste auf einer Zeile).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 events, versions %2–%3</source>
        <translation>%1 Ereignisse, Versionen %2–%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · created %1</source>
        <translation> · erstellt %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · modified %1</source>
        <translation> · geändert %1</translation>
    </message>
    <message>
        <location line="-200"/>
        <location line="+215"/>
        <source>Rebuilding version %1…</source>
        <translation>Version %1 wird rekonstruiert…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>from the snapshot at version %1 and %n event(s) after it</source>
        <translation>
            <numerusform>aus dem Snapshot bei Version %1 und %n darauffolgenden Ereignis</numerusform>
            <numerusform>aus dem Snapshot bei Version %1 und %n darauffolgenden Ereignissen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>by replaying %n event(s)</source>
        <translation>
            <numerusform>durch erneutes Abspielen von %n Ereignis</numerusform>
            <numerusform>durch erneutes Abspielen von %n Ereignissen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State at version &lt;b&gt;%1&lt;/b&gt;, rebuilt %2.</source>
        <translation>Zustand bei Version &lt;b&gt;%1&lt;/b&gt;, rekonstruiert %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No snapshot of this aggregate.</source>
        <translation>Kein Snapshot dieses Aggregats.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✔ The latest snapshot (version %1) matches a full replay of the events.</source>
        <translation>✔ Der neueste Snapshot (Version %1) stimmt mit dem vollständigen erneuten Abspielen der Ereignisse überein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✘ The latest snapshot (version %1) differs from a full replay: %2</source>
        <translation>✘ Der neueste Snapshot (Version %1) weicht vom vollständigen erneuten Abspielen ab: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Comparing version %1 with version %2…</source>
        <translation>Version %1 wird mit Version %2 verglichen…</translation>
    </message>
</context>
<context>
    <name>AggregatesPage</name>
    <message>
        <location filename="../gui/widgets/aggregatespage.cpp" line="+28"/>
        <source>&amp;Id:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>id prefix (hex digits, dashes ignored)</source>
        <translation>ID-Präfix (Hexadezimalziffern, Bindestriche werden ignoriert)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+103"/>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>class name or topic</source>
        <translation>Klassenname oder Topic</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+41"/>
        <source>Id ascending</source>
        <translation>ID aufsteigend</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Sort by id, ascending or descending (the store&apos;s key order)</source>
        <translation>Nach ID sortieren, aufsteigend oder absteigend (Schlüsselreihenfolge des Stores)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Count types</source>
        <translation>Typen zählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Count the aggregates of each type, in the background (reads each aggregate&apos;s first event; cancel with Ctrl+.)</source>
        <translation>Die Aggregate jedes Typs im Hintergrund zählen (liest das erste Ereignis jedes Aggregats; Abbruch mit Strg+.)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Id descending</source>
        <translation>ID absteigend</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>All types (%1)</source>
        <translation>Alle Typen (%1)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>An id prefix is hex digits (0-9, a-f) and dashes.</source>
        <translation>Ein ID-Präfix besteht aus Hexadezimalziffern (0-9, a-f) und Bindestrichen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Sorting by %1 needs the whole catalogue; this one is loaded page by page, so it stays sorted by id. Narrow it with a filter to sort by %1.</source>
        <translation>Das Sortieren nach %1 erfordert den gesamten Katalog; dieser wird seitenweise geladen und bleibt daher nach ID sortiert. Schränken Sie ihn mit einem Filter ein, um nach %1 zu sortieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Aggregates sorted by %1, ascending.</source>
        <translation>Aggregate nach %1 sortiert, aufsteigend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregates sorted by %1, descending.</source>
        <translation>Aggregate nach %1 sortiert, absteigend.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an application.</source>
        <translation>Wählen Sie eine Anwendung aus.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n aggregate(s) listed, loading…</source>
        <translation>
            <numerusform>%n Aggregat aufgelistet, weitere werden geladen…</numerusform>
            <numerusform>%n Aggregate aufgelistet, weitere werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No aggregate matches.</source>
        <translation>Kein passendes Aggregat.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>All %n matching aggregate(s) listed.</source>
        <translation>
            <numerusform>%n passendes Aggregat aufgelistet.</numerusform>
            <numerusform>Alle %n passenden Aggregate aufgelistet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n aggregate(s) listed; more load as you scroll.</source>
        <translation>
            <numerusform>%n Aggregat aufgelistet; weitere werden beim Scrollen geladen.</numerusform>
            <numerusform>%n Aggregate aufgelistet; weitere werden beim Scrollen geladen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the application: %1 and %2.</source>
        <translation>In der Anwendung: %1 und %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln aggregate(s)</source>
        <translation>
            <numerusform>%Ln Aggregat</numerusform>
            <numerusform>%Ln Aggregate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message numerus="yes">
        <location filename="../gui/widgets/applicationspage.cpp" line="+68"/>
        <source>&lt;b&gt;%n application(s)&lt;/b&gt; found in this store.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Anwendung&lt;/b&gt; in diesem Store gefunden.</numerusform>
            <numerusform>&lt;b&gt;%n Anwendungen&lt;/b&gt; in diesem Store gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 events and %2 aggregates in all.</source>
        <translation>Insgesamt %1 Ereignisse und %2 Aggregate.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting records…</source>
        <translation>Datensätze werden gezählt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Enter or double-click to choose one.</source>
        <translation>Drücken Sie die Eingabetaste oder doppelklicken Sie, um eine auszuwählen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Skipped while looking for applications: %1</source>
        <translation>Bei der Suche nach Anwendungen übersprungen: %1</translation>
    </message>
</context>
<context>
    <name>CipherKeyDialog</name>
    <message>
        <location filename="../gui/dialogs/cipherkeydialog.cpp" line="+17"/>
        <source>Cipher key</source>
        <translation>Chiffrierschlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;Enter the cipher key (CIPHER_KEY: base64 of 16, 24 or 32 bytes).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;Geben Sie den Chiffrierschlüssel ein (CIPHER_KEY: Base64 von 16, 24 oder 32 Bytes).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From &amp;file…</source>
        <translation>Aus &amp;Datei…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Show the key</source>
        <translation>Schlüssel &amp;anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember the key in the system keychain for this store</source>
        <translation>Schlüssel für diesen Store im System-Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remember the key for this session (no system keychain is available)</source>
        <translation>Schlüssel für diese Sitzung &amp;merken (kein System-Schlüsselbund verfügbar)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Decode</source>
        <translation>&amp;Entschlüsseln</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No key entered.</source>
        <translation>Kein Schlüssel eingegeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key is not base64 text.</source>
        <translation>Der Schlüssel ist kein Base64-Text.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The key decodes to %n byte(s); AES needs 16, 24 or 32.</source>
        <translation>
            <numerusform>Der Schlüssel ergibt dekodiert %n Byte; AES benötigt 16, 24 oder 32.</numerusform>
            <numerusform>Der Schlüssel ergibt dekodiert %n Bytes; AES benötigt 16, 24 oder 32.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key files (*.key *.txt);;All files (*)</source>
        <translation>Schlüsseldateien (*.key *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../gui/dialogs/connectiondialog.cpp" line="+20"/>
        <source>Open a PostgreSQL database</source>
        <translation>PostgreSQL-Datenbank öffnen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Saved connections:</source>
        <translation>&amp;Gespeicherte Verbindungen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sa&amp;ve</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember this connection (the password goes to the system keychain, never to the settings)</source>
        <translation>Diese Verbindung merken (das Passwort wird im System-Schlüsselbund abgelegt, niemals in den Einstellungen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a name to save it under (optional)</source>
        <translation>Name, unter dem sie gespeichert wird (optional)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(server default)</source>
        <translation>(Server-Standard)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+151"/>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Passwort im System-Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data&amp;base:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SS&amp;L mode:</source>
        <translation>SSL-M&amp;odus:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The database is opened read-only: the inspector never writes to it.</source>
        <translation>Die Datenbank wird schreibgeschützt geöffnet: Der Inspector schreibt niemals hinein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(new connection)</source>
        <translation>(neue Verbindung)</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>No system keychain is available: the password is kept for this session only, never in the settings.</source>
        <translation>Kein System-Schlüsselbund verfügbar: Das Passwort wird nur für diese Sitzung aufbewahrt, niemals in den Einstellungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember the password for this session</source>
        <translation>Passwort für diese Sitzung &amp;merken</translation>
    </message>
</context>
<context>
    <name>DemoStore</name>
    <message>
        <location filename="../gui/demostore.cpp" line="+40"/>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write the demo&apos;s key file: %1</source>
        <translation>Die Schlüsseldatei der Demo kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot move the demo into %1.</source>
        <translation>Die Demo kann nicht nach %1 verschoben werden.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Writing the demo store into %1…</source>
        <translation>Der Demo-Store wird in %1 geschrieben…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Demo store</source>
        <translation>Demo-Store</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo store could not be written: %1</source>
        <translation>Der Demo-Store konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>JsonTreeView</name>
    <message>
        <location filename="../gui/widgets/jsontreeview.cpp" line="+25"/>
        <source>&amp;Copy as JSON</source>
        <translation>Als JSON &amp;kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Expand all</source>
        <translation>Alle &amp;aufklappen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;ollapse all</source>
        <translation>Alle &amp;einklappen</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../gui/widgets/logpage.cpp" line="+39"/>
        <source>Rows from any id</source>
        <translation>Zeilen ab beliebiger ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sections as the library pages them</source>
        <translation>Abschnitte, wie die Bibliothek sie aufteilt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Go to id:</source>
        <translation>Gehe zu &amp;ID:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>notification id</source>
        <translation>Benachrichtigungs-ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⇤ First</source>
        <translation>⇤ Erste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first notification (Ctrl+Home)</source>
        <translation>Die erste Benachrichtigung (Strg+Pos1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last ⇥</source>
        <translation>Letzte ⇥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last notification (Ctrl+End)</source>
        <translation>Die letzte Benachrichtigung (Strg+Ende)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To&amp;pic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>all topics</source>
        <translation>alle Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;rom</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>T&amp;o</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gap &amp;markers</source>
        <translation>&amp;Lückenmarkierungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A row where notification ids are missing (a rolled back insert, a sequence&apos;s cached values)</source>
        <translation>Eine Zeile an der Stelle fehlender Benachrichtigungs-IDs (ein zurückgerolltes INSERT, zwischengespeicherte Werte einer Sequenz)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next ▶</source>
        <translation>&amp;Weiter ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Section:</source>
        <translation>&amp;Abschnitt:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Section si&amp;ze:</source>
        <translation>Abschnitts&amp;größe:</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+116"/>
        <location line="+135"/>
        <source>Select a notification to see its payload.</source>
        <translation>Wählen Sie eine Benachrichtigung aus, um ihre Nutzdaten zu sehen.</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>A notification id is a positive whole number.</source>
        <translation>Eine Benachrichtigungs-ID ist eine positive ganze Zahl.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No notification matches.</source>
        <translation>Keine passende Benachrichtigung.</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>The time filter cannot be used: %1</source>
        <translation>Der Zeitfilter kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: no record was stored under these ids. Sequences skip ids (a rolled back insert, PostgreSQL&apos;s cached sequence values), so a gap is information, not damage.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: Unter diesen IDs wurde kein Datensatz gespeichert. Sequenzen überspringen IDs (ein zurückgerolltes INSERT, zwischengespeicherte Sequenzwerte von PostgreSQL), eine Lücke ist also ein Hinweis, kein Schaden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose an application.</source>
        <translation>Wählen Sie eine Anwendung aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sections of %1 notifications, as LocalNotificationLog pages them.</source>
        <translation>Abschnitte zu je %1 Benachrichtigungen, wie LocalNotificationLog sie aufteilt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The log is empty.</source>
        <translation>Das Protokoll ist leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notification ids %1 to %2.</source>
        <translation>Benachrichtigungs-IDs %1 bis %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Showing %1 to %2 (%n row(s) loaded).</source>
        <translation>
            <numerusform>Anzeige von %1 bis %2 (%n Zeile geladen).</numerusform>
            <numerusform>Anzeige von %1 bis %2 (%n Zeilen geladen).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filtered.</source>
        <translation>Gefiltert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Section %1 is empty.</source>
        <translation>Abschnitt %1 ist leer.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Section &quot;%1&quot;: %n notification(s); next: %2</source>
        <translation>
            <numerusform>Abschnitt „%1“: %n Benachrichtigung; nächster: %2</numerusform>
            <numerusform>Abschnitt „%1“: %n Benachrichtigungen; nächster: %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none (the section is not full)</source>
        <translation>keiner (der Abschnitt ist nicht voll)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="+53"/>
        <location line="+320"/>
        <source>Event Store Inspector</source>
        <translation>Event Store Inspector</translation>
    </message>
    <message>
        <location line="-290"/>
        <location line="+5"/>
        <source>Secrets: this session only</source>
        <translation>Geheimnisse: nur für diese Sitzung</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Open SQLite File…</source>
        <translation>&amp;SQLite-Datei öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A SQLite database written by eventsourcing (one application)</source>
        <translation>Eine von eventsourcing geschriebene SQLite-Datenbank (eine Anwendung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder of SQLite databases: a system, one application per file</source>
        <translation>Ein Ordner mit SQLite-Datenbanken: ein System, eine Anwendung pro Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;PostgreSQL Database…</source>
        <translation>&amp;PostgreSQL-Datenbank öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host, port, database, user, password, SSL mode; saved connections</source>
        <translation>Host, Port, Datenbank, Benutzer, Passwort, SSL-Modus; gespeicherte Verbindungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Remote Notification Log…</source>
        <translation>&amp;Entferntes Benachrichtigungsprotokoll öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An application&apos;s log served as JSON over HTTP</source>
        <translation>Das Protokoll einer Anwendung, als JSON über HTTP bereitgestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the log, the snapshots or the aggregate shown as JSON lines or CSV</source>
        <translation>Das Protokoll, die Snapshots oder das angezeigte Aggregat als JSON Lines oder CSV schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close Store</source>
        <translation>Store s&amp;chließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start Page</source>
        <translation>S&amp;tartseite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy as JSON</source>
        <translation>Als JSON &amp;kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected rows (or JSON node) as JSON</source>
        <translation>Die ausgewählten Zeilen (oder den JSON-Knoten) als JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;Payload as JSON</source>
        <translation>&amp;Nutzdaten als JSON kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payload of the record shown</source>
        <translation>Die Nutzdaten des angezeigten Datensatzes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search aggregates by id prefix; filter the log by topic</source>
        <translation>Aggregate nach ID-Präfix suchen; das Protokoll nach Topic filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cipher &amp;Key…</source>
        <translation>&amp;Chiffrierschlüssel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key to decrypt the application&apos;s records</source>
        <translation>Der Schlüssel zum Entschlüsseln der Datensätze der Anwendung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go to Notification Id…</source>
        <translation>&amp;Gehe zu Benachrichtigungs-ID…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;irst Notification</source>
        <translation>&amp;Erste Benachrichtigung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Last Notification</source>
        <translation>&amp;Letzte Benachrichtigung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify Application</source>
        <translation>Anwendung &amp;prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check every record of the application and list what is wrong</source>
        <translation>Jeden Datensatz der Anwendung prüfen und alle Fehler auflisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop Long Work</source>
        <translation>Lange Vorgänge st&amp;oppen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Next Store</source>
        <translation>&amp;Nächster Store</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>P&amp;revious Store</source>
        <translation>&amp;Vorheriger Store</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Applications</source>
        <translation>&amp;Anwendungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;ggregates</source>
        <translation>A&amp;ggregate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notification &amp;Log</source>
        <translation>Benachrichtigungs&amp;protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Snapshots</source>
        <translation>&amp;Snapshots</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Tracking</source>
        <translation>&amp;Tracking</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Verify Findings</source>
        <translation>Prüf&amp;befunde</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;About Event Store Inspector</source>
        <translation>Ü&amp;ber Event Store Inspector</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the long work (Ctrl+.)</source>
        <translation>Den langen Vorgang stoppen (Strg+.)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Clear the List</source>
        <translation>&amp;Liste leeren</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No store open</source>
        <translation>Kein Store geöffnet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (read-only)</source>
        <translation>%1 (schreibgeschützt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 [read-only] — Event Store Inspector</source>
        <translation>%1 [schreibgeschützt] — Event Store Inspector</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 is open already.</source>
        <translation>%1 ist bereits geöffnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Opened %1: %n application(s).</source>
        <translation>
            <numerusform>%1 geöffnet: %n Anwendung.</numerusform>
            <numerusform>%1 geöffnet: %n Anwendungen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Open a SQLite event store</source>
        <translation>SQLite-Event-Store öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.sqlite3 *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open a folder of SQLite stores (a system)</source>
        <translation>Ordner mit SQLite-Stores öffnen (ein System)</translation>
    </message>
    <message>
        <location line="+83"/>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Copied the JSON.</source>
        <translation>JSON kopiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied the selected rows as JSON.</source>
        <translation>Ausgewählte Zeilen als JSON kopiert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No payload shown to copy.</source>
        <translation>Es werden keine Nutzdaten angezeigt, die kopiert werden könnten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copied the payload as JSON.</source>
        <translation>Nutzdaten als JSON kopiert.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Go to notification</source>
        <translation>Gehe zu Benachrichtigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notification id (1 to %1):</source>
        <translation>Benachrichtigungs-ID (1 bis %1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notification id:</source>
        <translation>Benachrichtigungs-ID:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A notification id is a positive whole number.</source>
        <translation>Eine Benachrichtigungs-ID ist eine positive ganze Zahl.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>the notification log of %1</source>
        <translation>Benachrichtigungsprotokoll von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the snapshots of %1</source>
        <translation>Snapshots von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the events of aggregate %1</source>
        <translation>Ereignisse von Aggregat %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Exported %n record(s) to %1.</source>
        <translation>
            <numerusform>%n Datensatz nach %1 exportiert.</numerusform>
            <numerusform>%n Datensätze nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported %1 records to %2; %3 could not be decoded (first: %4).</source>
        <translation>%1 Datensätze nach %2 exportiert; %3 konnten nicht dekodiert werden (erster Fehler: %4).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About Event Store Inspector</source>
        <translation>Über Event Store Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Event Store Inspector %1&lt;/h3&gt;&lt;p&gt;Opens event stores written by Python&apos;s eventsourcing library (9.1) or by qt-eventsourcing — SQLite, PostgreSQL, remote notification logs — read-only, and shows what is in them: applications, aggregates and their states, the notification log, snapshots, tracking, and what is wrong.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Event Store Inspector %1&lt;/h3&gt;&lt;p&gt;Öffnet Event Stores, die von Pythons eventsourcing-Bibliothek (9.1) oder von qt-eventsourcing geschrieben wurden — SQLite, PostgreSQL, entfernte Benachrichtigungsprotokolle — schreibgeschützt und zeigt, was sie enthalten: Anwendungen, Aggregate und ihre Zustände, das Benachrichtigungsprotokoll, Snapshots, Tracking und was fehlerhaft ist.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../gui/models/applicationsmodel.cpp" line="+49"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>needs key</source>
        <translation>Schlüssel erforderlich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key opens</source>
        <translation>Schlüssel passt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wrong key</source>
        <translation>falscher Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>some fail</source>
        <translation>teilweise fehlerhaft</translation>
    </message>
    <message>
        <location filename="../gui/models/logmodel.cpp" line="+123"/>
        <source>1 id missing (%1)</source>
        <translation>1 ID fehlt (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ids missing (%2–%3)</source>
        <translation>%1 IDs fehlen (%2–%3)</translation>
    </message>
    <message>
        <location filename="../gui/models/recordcells.cpp" line="+170"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored</source>
        <translation>Speicherformat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message numerus="yes">
        <location filename="../gui/widgets/recorddetail.cpp" line="+16"/>
        <source>The record cannot be decoded; its %n stored byte(s), as stored:</source>
        <translation>
            <numerusform>Der Datensatz kann nicht dekodiert werden; sein %n gespeichertes Byte, unverändert:</numerusform>
            <numerusform>Der Datensatz kann nicht dekodiert werden; seine %n gespeicherten Bytes, unverändert:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>… %n more byte(s)</source>
        <translation>
            <numerusform>… %n weiteres Byte</numerusform>
            <numerusform>… %n weitere Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Select a record to see its payload.</source>
        <translation>Wählen Sie einen Datensatz aus, um seine Nutzdaten zu sehen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No payload to show.</source>
        <translation>Keine Nutzdaten vorhanden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notification &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Benachrichtigung &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aggregate &lt;tt&gt;%1&lt;/tt&gt; v&lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Aggregat &lt;tt&gt;%1&lt;/tt&gt; v&lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>stored as %1</source>
        <translation>gespeichert als %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>topic not registered in this program (shown generically)</source>
        <translation>Topic in diesem Programm nicht registriert (generisch angezeigt)</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../gui/widgets/recordtable.cpp" line="+27"/>
        <source>Copy row as &amp;JSON</source>
        <translation>Zeile als &amp;JSON kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy &amp;cells</source>
        <translation>&amp;Zellen kopieren</translation>
    </message>
</context>
<context>
    <name>RemoteLogDialog</name>
    <message>
        <location filename="../gui/dialogs/remotelogdialog.cpp" line="+14"/>
        <source>Open a remote notification log</source>
        <translation>Entferntes Benachrichtigungsprotokoll öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URL of an application&apos;s notification log served as JSON (NotificationLogJSONService, e.g. http://127.0.0.1:8000/). Only the log can be read.</source>
        <translation>Die URL des als JSON bereitgestellten Benachrichtigungsprotokolls einer Anwendung (NotificationLogJSONService, z. B. http://127.0.0.1:8000/). Nur das Protokoll kann gelesen werden.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Section size:</source>
        <translation>&amp;Abschnittsgröße:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <location filename="../gui/secrets.cpp" line="+10"/>
        <source>the system keychain is not used in this session</source>
        <translation>der System-Schlüsselbund wird in dieser Sitzung nicht verwendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the system keychain is switched off (ES_INSPECTOR_NO_KEYCHAIN)</source>
        <translation>der System-Schlüsselbund ist abgeschaltet (ES_INSPECTOR_NO_KEYCHAIN)</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+20"/>
        <source>no system keychain is available (%1); secrets are kept for this session only</source>
        <translation>kein System-Schlüsselbund verfügbar (%1); Geheimnisse werden nur für diese Sitzung aufbewahrt</translation>
    </message>
</context>
<context>
    <name>SnapshotsPage</name>
    <message>
        <location filename="../gui/widgets/snapshotspage.cpp" line="+24"/>
        <source>&amp;Newest first</source>
        <translation>&amp;Neueste zuerst</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+19"/>
        <location line="+10"/>
        <source>Select a snapshot to see its state.</source>
        <translation>Wählen Sie einen Snapshot aus, um seinen Zustand zu sehen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose an application.</source>
        <translation>Wählen Sie eine Anwendung aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no snapshots table (snapshotting was not enabled).</source>
        <translation>%1 hat keine Snapshot-Tabelle (Snapshots waren nicht aktiviert).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n snapshot(s) listed, loading…</source>
        <translation>
            <numerusform>%n Snapshot aufgelistet, weitere werden geladen…</numerusform>
            <numerusform>%n Snapshots aufgelistet, weitere werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No snapshots.</source>
        <translation>Keine Snapshots.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>All %n snapshot(s) listed.</source>
        <translation>
            <numerusform>%n Snapshot aufgelistet.</numerusform>
            <numerusform>Alle %n Snapshots aufgelistet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n snapshot(s) listed; more load as you scroll.</source>
        <translation>
            <numerusform>%n Snapshot aufgelistet; weitere werden beim Scrollen geladen.</numerusform>
            <numerusform>%n Snapshots aufgelistet; weitere werden beim Scrollen geladen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../gui/widgets/startpage.cpp" line="+20"/>
        <source>&lt;h1&gt;Event Store Inspector&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Event Store Inspector&lt;/h1&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open an event store written by Python&apos;s eventsourcing library or by this engine: a SQLite file, a folder of them (a system), a PostgreSQL database or a remote notification log. Stores are opened read-only.</source>
        <translation>Öffnen Sie einen Event Store, der von Pythons eventsourcing-Bibliothek oder von dieser Engine geschrieben wurde: eine SQLite-Datei, einen Ordner solcher Dateien (ein System), eine PostgreSQL-Datenbank oder ein entferntes Benachrichtigungsprotokoll. Stores werden schreibgeschützt geöffnet.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&lt;b&gt;&amp;Recent stores&lt;/b&gt;</source>
        <translation>&lt;b&gt;&amp;Zuletzt geöffnete Stores&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You can also drop a store file or folder on this window, or give its path or URL on the command line: es-inspector &lt;path-or-url&gt;.</source>
        <translation>Sie können auch eine Store-Datei oder einen Store-Ordner auf dieses Fenster ziehen oder Pfad bzw. URL auf der Kommandozeile angeben: es-inspector &lt;path-or-url&gt;.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1  (missing)</source>
        <translation>%1  (fehlt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 no longer exists</source>
        <translation>%1 existiert nicht mehr</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no recent stores yet)</source>
        <translation>(noch keine zuletzt geöffneten Stores)</translation>
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <location filename="../gui/widgets/storetab.cpp" line="+89"/>
        <source>%1 (%2 events)</source>
        <translation>%1 (%2 Ereignisse)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Nothing was changed: stores are opened read-only. Your other tabs stay open.</source>
        <translation>Es wurde nichts geändert: Stores werden schreibgeschützt geöffnet. Ihre anderen Tabs bleiben geöffnet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;another store…</source>
        <translation>Anderen Store ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose this tab</source>
        <translation>Diesen Tab sch&amp;ließen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit the connection…</source>
        <translation>Verbindung &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>READ-ONLY</source>
        <translation>SCHREIBGESCHÜTZT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The store is opened read-only: the inspector cannot change it.</source>
        <translation>Der Store ist schreibgeschützt geöffnet: Der Inspector kann ihn nicht ändern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Application:</source>
        <translation>An&amp;wendung:</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+334"/>
        <source>Enter &amp;key…</source>
        <translation>&amp;Schlüssel eingeben…</translation>
    </message>
    <message>
        <location line="-318"/>
        <source>Applications</source>
        <translation>Anwendungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregates</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notification log</source>
        <translation>Benachrichtigungsprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&lt;h3&gt;Opening %1&lt;/h3&gt;Looking for applications in the store…</source>
        <translation>&lt;h3&gt;%1 wird geöffnet&lt;/h3&gt;Anwendungen im Store werden gesucht…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store could not be opened.</source>
        <translation>Der Store konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h2&gt;Could not open this store&lt;/h2&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Dieser Store konnte nicht geöffnet werden&lt;/h2&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>SQLITE</source>
        <translation>SQLITE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQLITE FOLDER</source>
        <translation>SQLITE-ORDNER</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>POSTGRESQL</source>
        <translation>POSTGRESQL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>REMOTE LOG</source>
        <translation>ENTFERNTES PROTOKOLL</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A remote notification log serves its log only.</source>
        <translation>Ein entferntes Benachrichtigungsprotokoll stellt nur sein Protokoll bereit.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log at %1</source>
        <translation>Protokoll unter %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (opening…)</source>
        <translation>%1 (wird geöffnet…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (failed)</source>
        <translation>%1 (fehlgeschlagen)</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Records are decoded with the new key.</source>
        <translation>Die Datensätze werden mit dem neuen Schlüssel dekodiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records of %1 are decoded with the new key.</source>
        <translation>Die Datensätze von %1 werden mit dem neuen Schlüssel dekodiert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The records are encrypted.</source>
        <translation>Die Datensätze sind verschlüsselt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key was not used: %1</source>
        <translation>Der Schlüssel wurde nicht verwendet: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>NOT ENCRYPTED</source>
        <translation>NICHT VERSCHLÜSSELT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>NEEDS KEY</source>
        <translation>SCHLÜSSEL ERFORDERLICH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records of &lt;b&gt;%1&lt;/b&gt; are encrypted. Enter the cipher key to read them; until then each record says it needs a key.</source>
        <translation>Die Datensätze von &lt;b&gt;%1&lt;/b&gt; sind verschlüsselt. Geben Sie den Chiffrierschlüssel ein, um sie zu lesen; bis dahin meldet jeder Datensatz, dass ein Schlüssel erforderlich ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ENCRYPTED · KEY OK</source>
        <translation>VERSCHLÜSSELT · SCHLÜSSEL OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (key from %2)</source>
        <translation>%1 (Schlüssel aus %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WRONG KEY</source>
        <translation>FALSCHER SCHLÜSSEL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Wrong key for %1.&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Falscher Schlüssel für %1.&lt;/b&gt; %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Some records of %1 cannot be opened with the key&lt;/b&gt; (altered records?). %2</source>
        <translation>&lt;b&gt;Einige Datensätze von %1 lassen sich mit dem Schlüssel nicht öffnen&lt;/b&gt; (veränderte Datensätze?). %2</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln aggregate(s)</source>
        <translation>
            <numerusform>%Ln Aggregat</numerusform>
            <numerusform>%Ln Aggregate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln snapshot(s)</source>
        <translation>
            <numerusform>%Ln Snapshot</numerusform>
            <numerusform>%Ln Snapshots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln tracking record(s)</source>
        <translation>
            <numerusform>%Ln Tracking-Datensatz</numerusform>
            <numerusform>%Ln Tracking-Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: no counts (a remote log cannot be counted)</source>
        <translation>%1: keine Zählung (ein entferntes Protokoll kann nicht gezählt werden)</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+6"/>
        <source>Enter another &amp;key…</source>
        <translation>Anderen &amp;Schlüssel eingeben…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>SOME RECORDS FAIL</source>
        <translation>EINIGE DATENSÄTZE FEHLERHAFT</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: counting…</source>
        <translation>%1: wird gezählt…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>last id %1</source>
        <translation>letzte ID %1</translation>
    </message>
</context>
<context>
    <name>TrackingPage</name>
    <message>
        <location filename="../gui/widgets/trackingpage.cpp" line="+21"/>
        <source>Each process application (follower) records how far it has processed the notification log of every application it follows. The lag is the upstream&apos;s last notification id minus that position: 0 means caught up.</source>
        <translation>Jede Prozessanwendung (Follower) zeichnet auf, wie weit sie das Benachrichtigungsprotokoll jeder Anwendung verarbeitet hat, der sie folgt. Der Rückstand ist die letzte Benachrichtigungs-ID der Quelle minus diese Position: 0 bedeutet, dass der Follower auf dem aktuellen Stand ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Count tracking records</source>
        <translation>Tracking-Datensätze &amp;zählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also count each upstream&apos;s tracking records (reads the whole tracking table)</source>
        <translation>Auch die Tracking-Datensätze jeder Quelle zählen (liest die gesamte Tracking-Tabelle)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Reading tracking records…</source>
        <translation>Tracking-Datensätze werden gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No application in this store follows another (no tracking records).</source>
        <translation>Keine Anwendung in diesem Store folgt einer anderen (keine Tracking-Datensätze).</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n upstream position(s); every follower is caught up.</source>
        <translation>
            <numerusform>%n Position in einer Quelle; jeder Follower ist auf dem aktuellen Stand.</numerusform>
            <numerusform>%n Positionen in Quellen; jeder Follower ist auf dem aktuellen Stand.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n upstream position(s); %1 behind.</source>
        <translation>
            <numerusform>%n Position in einer Quelle; %1 davon im Rückstand.</numerusform>
            <numerusform>%n Positionen in Quellen; %1 davon im Rückstand.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../gui/widgets/verifypage.cpp" line="+23"/>
        <source>Verify reads every record of the application and reports what is wrong, where: versions not contiguous, notification ids out of order, records that cannot be decoded (wrong key, damaged bytes), unknown topics or types, snapshots or tracking ahead of their events. Gaps in the ids are information.</source>
        <translation>Die Prüfung liest jeden Datensatz der Anwendung und meldet, was wo fehlerhaft ist: nicht lückenlose Versionen, Benachrichtigungs-IDs in falscher Reihenfolge, nicht dekodierbare Datensätze (falscher Schlüssel, beschädigte Bytes), unbekannte Topics oder Typen, Snapshots oder Tracking, die ihren Ereignissen voraus sind. Lücken in den IDs sind lediglich Hinweise.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>notification %1</source>
        <translation>Benachrichtigung %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aggregate %1</source>
        <translation>Aggregat %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> v%1</source>
        <translation> v%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Verifying… %1 records read.</source>
        <translation>Prüfung läuft… %1 Datensätze gelesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verification stopped.</source>
        <translation>Prüfung gestoppt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose an application.</source>
        <translation>Wählen Sie eine Anwendung aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Verify to check every record of %1.</source>
        <translation>Klicken Sie auf „Prüfen“, um jeden Datensatz von %1 zu prüfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verifying %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&lt;b style=&apos;color:#1b5e20&apos;&gt;✔ No problem found&lt;/b&gt; in %1.</source>
        <translation>&lt;b style=&apos;color:#1b5e20&apos;&gt;✔ Kein Problem gefunden&lt;/b&gt; in %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;✘ %1 in %2.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;✘ %1 in %2.&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked %1 events of %2 aggregates, %3 snapshots and %4 tracked upstreams.</source>
        <translation>%1 Ereignisse von %2 Aggregaten, %3 Snapshots und %4 verfolgte Quellen geprüft.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n note(s) for information.</source>
        <translation>
            <numerusform>%n Hinweis zur Information.</numerusform>
            <numerusform>%n Hinweise zur Information.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n topic(s) not registered in this program.</source>
        <translation>
            <numerusform>%n Topic ist in diesem Programm nicht registriert.</numerusform>
            <numerusform>%n Topics sind in diesem Programm nicht registriert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>es::gui::ApplicationsModel</name>
    <message>
        <location filename="../gui/models/applicationsmodel.cpp" line="+97"/>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregates</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last id</source>
        <translation>Letzte ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Counting %1</source>
        <translation>%1 wird gezählt</translation>
    </message>
</context>
<context>
    <name>es::gui::CatalogueModel</name>
    <message>
        <location filename="../gui/models/cataloguemodel.cpp" line="+132"/>
        <source>Sort by id, ascending or descending (the store&apos;s key order)</source>
        <translation>Nach ID sortieren, aufsteigend oder absteigend (Schlüsselreihenfolge des Stores)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sort the listed aggregates by this column</source>
        <translation>Die aufgelisteten Aggregate nach dieser Spalte sortieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sorting by this column needs the whole catalogue, and this one is loaded page by page: it is sorted by id. Narrow it with the id or type filter to sort the rest.</source>
        <translation>Das Sortieren nach dieser Spalte erfordert den gesamten Katalog, dieser wird aber seitenweise geladen: Er ist nach ID sortiert. Schränken Sie ihn mit dem ID- oder Typfilter ein, um auch nach den anderen Spalten zu sortieren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First version</source>
        <translation>Erste Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last version</source>
        <translation>Letzte Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+291"/>
        <source>Counting aggregates of %1</source>
        <translation>Aggregate von %1 werden gezählt</translation>
    </message>
</context>
<context>
    <name>es::gui::FindingsModel</name>
    <message>
        <location filename="../gui/models/findingsmodel.cpp" line="+108"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Verifying %1</source>
        <translation>%1 wird geprüft</translation>
    </message>
</context>
<context>
    <name>es::gui::JsonDiffModel</name>
    <message>
        <location filename="../gui/models/jsondiffmodel.cpp" line="+64"/>
        <source>(root)</source>
        <translation>(Wurzel)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Comparing versions %1 and %2</source>
        <translation>Versionen %1 und %2 werden verglichen</translation>
    </message>
</context>
<context>
    <name>es::gui::JsonTreeModel</name>
    <message>
        <location filename="../gui/models/jsontreemodel.cpp" line="+211"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>(unreadable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown type &apos;%1&apos;: no transcoding is registered for it in this program</source>
        <translation>unbekannter Typ „%1“: In diesem Programm ist dafür kein Transcoding registriert</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(value)</source>
        <translation>(Wert)</translation>
    </message>
</context>
<context>
    <name>es::gui::RecordExport</name>
    <message>
        <location filename="../gui/workers/exportjob.cpp" line="+35"/>
        <source>Exporting %1 to %2</source>
        <translation>%1 wird nach %2 exportiert</translation>
    </message>
</context>
<context>
    <name>es::gui::StoreSession</name>
    <message>
        <location filename="../gui/workers/storesession.cpp" line="+141"/>
        <source>Opening %1</source>
        <translation>%1 wird geöffnet</translation>
    </message>
</context>
<context>
    <name>es::gui::TrackingModel</name>
    <message>
        <location filename="../gui/models/trackingmodel.cpp" line="+61"/>
        <source>%1 is not an application of this store</source>
        <translation>%1 ist keine Anwendung dieses Stores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has processed %2 of %3&apos;s notifications (lag %4)</source>
        <translation>%1 hat %2 der Benachrichtigungen von %3 verarbeitet (Rückstand %4)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Follower</source>
        <translation>Follower</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upstream</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upstream last id</source>
        <translation>Letzte ID der Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/commandline.cpp" line="+32"/>
        <source>Event Store Inspector: open, browse and check event stores (read-only).</source>
        <translation>Event Store Inspector: Event Stores öffnen, durchsuchen und prüfen (schreibgeschützt).</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Keep passwords and keys for this session only.</source>
        <translation>Passwörter und Schlüssel nur für diese Sitzung aufbewahren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the demo store (written into the user&apos;s data folder the first time).</source>
        <translation>Den Demo-Store öffnen (wird beim ersten Mal in den Datenordner des Benutzers geschrieben).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A SQLite file or folder, postgresql://…, or http://… (a remote notification log).</source>
        <translation>Eine SQLite-Datei oder ein SQLite-Ordner, postgresql://… oder http://… (ein entferntes Benachrichtigungsprotokoll).</translation>
    </message>
</context>
</TS>
