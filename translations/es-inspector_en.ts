<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AggregatePage</name>
    <message>
        <location filename="../gui/widgets/aggregatepage.cpp" line="+59" />
        <source>&lt;b&gt;&amp;Events&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <location line="+91" />
        <location line="+104" />
        <source>Select an event to see its payload.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-183" />
        <source>&amp;Version:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Start from &amp;snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Start from the newest snapshot at or below the version (as the repository does), or replay every event from the first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>S&amp;tate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;From version:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>t&amp;o:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Compare</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>&amp;Diff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <location line="+84" />
        <location line="+36" />
        <source>Select a snapshot to see its state.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-119" />
        <location line="+123" />
        <source>S&amp;napshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-95" />
        <source>The events could not be read: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>&lt;span style='color:#b00020'&gt;The state cannot be rebuilt: %1&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>No difference between version %1 and version %2.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) from version %1 to version %2.</source>
        <translation><numerusform>%n change from version %1 to version %2.</numerusform><numerusform>%n changes from version %1 to version %2.</numerusform></translation>
    </message>
    <message>
        <location line="+7" />
        <source>&lt;span style='color:#b00020'&gt;Cannot compare: %1&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>S&amp;napshots (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Choose two versions and press Compare.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>The aggregate could not be looked up: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>This aggregate has no events.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>%1 is not registered in this program, so its state cannot be rebuilt (its events and snapshots are still shown). Link the library that defines it to see states and diffs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The state cannot be rebuilt: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Snapshot check: not available for unregistered types.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>No aggregate chosen: open one from the Aggregates page or the log (Enter on a row).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Aggregate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>%1 events, versions %2–%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source> · created %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source> · modified %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-200" />
        <location line="+215" />
        <source>Rebuilding version %1…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+10" />
        <source>from the snapshot at version %1 and %n event(s) after it</source>
        <translation><numerusform>from the snapshot at version %1 and %n event after it</numerusform><numerusform>from the snapshot at version %1 and %n events after it</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>by replaying %n event(s)</source>
        <translation><numerusform>by replaying %n event</numerusform><numerusform>by replaying %n events</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>State at version &lt;b&gt;%1&lt;/b&gt;, rebuilt %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>No snapshot of this aggregate.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>✔ The latest snapshot (version %1) matches a full replay of the events.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>✘ The latest snapshot (version %1) differs from a full replay: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Comparing version %1 with version %2…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AggregatesPage</name>
    <message>
        <location filename="../gui/widgets/aggregatespage.cpp" line="+28" />
        <source>&amp;Id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>id prefix (hex digits, dashes ignored)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Type:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+103" />
        <source>All types</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-102" />
        <source>class name or topic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location line="+41" />
        <source>Id ascending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-40" />
        <source>Sort by id, ascending or descending (the store's key order)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Count types</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Count the aggregates of each type, in the background (reads each aggregate's first event; cancel with Ctrl+.)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Id descending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>All types (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>An id prefix is hex digits (0-9, a-f) and dashes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>Sorting by %1 needs the whole catalogue; this one is loaded page by page, so it stays sorted by id. Narrow it with a filter to sort by %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Aggregates sorted by %1, ascending.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Aggregates sorted by %1, descending.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Choose an application.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n aggregate(s) listed, loading…</source>
        <translation><numerusform>%n aggregate listed, loading…</numerusform><numerusform>%n aggregates listed, loading…</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>No aggregate matches.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>All %n matching aggregate(s) listed.</source>
        <translation><numerusform>All %n matching aggregate listed.</numerusform><numerusform>All %n matching aggregates listed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n aggregate(s) listed; more load as you scroll.</source>
        <translation><numerusform>%n aggregate listed; more load as you scroll.</numerusform><numerusform>%n aggregates listed; more load as you scroll.</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>In the application: %1 and %2.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln aggregate(s)</source>
        <translation><numerusform>%Ln aggregate</numerusform><numerusform>%Ln aggregates</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln event(s)</source>
        <translation><numerusform>%Ln event</numerusform><numerusform>%Ln events</numerusform></translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message numerus="yes">
        <location filename="../gui/widgets/applicationspage.cpp" line="+68" />
        <source>&lt;b&gt;%n application(s)&lt;/b&gt; found in this store.</source>
        <translation><numerusform>&lt;b&gt;%n application&lt;/b&gt; found in this store.</numerusform><numerusform>&lt;b&gt;%n applications&lt;/b&gt; found in this store.</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 events and %2 aggregates in all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Counting records…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Press Enter or double-click to choose one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Skipped while looking for applications: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CipherKeyDialog</name>
    <message>
        <location filename="../gui/dialogs/cipherkeydialog.cpp" line="+17" />
        <source>Cipher key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;Enter the cipher key (CIPHER_KEY: base64 of 16, 24 or 32 bytes).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>From &amp;file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Show the key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Remember the key in the system keychain for this store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Remember the key for this session (no system keychain is available)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>&amp;Decode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>No key entered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The key is not base64 text.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>The key decodes to %n byte(s); AES needs 16, 24 or 32.</source>
        <translation><numerusform>The key decodes to %n byte; AES needs 16, 24 or 32.</numerusform><numerusform>The key decodes to %n bytes; AES needs 16, 24 or 32.</numerusform></translation>
    </message>
    <message>
        <location line="+13" />
        <source>Key file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Key files (*.key *.txt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Cannot read %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../gui/dialogs/connectiondialog.cpp" line="+20" />
        <source>Open a PostgreSQL database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Saved connections:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Sa&amp;ve</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Remember this connection (the password goes to the system keychain, never to the settings)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>a name to save it under (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>(server default)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location line="+151" />
        <source>&amp;Remember the password in the system keychain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-147" />
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Host:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Data&amp;base:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;User:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pass&amp;word:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SS&amp;L mode:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>The database is opened read-only: the inspector never writes to it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Connect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>(new connection)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+98" />
        <source>No system keychain is available: the password is kept for this session only, never in the settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Remember the password for this session</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DemoStore</name>
    <message>
        <location filename="../gui/demostore.cpp" line="+40" />
        <source>Cannot create %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Cannot write the demo's key file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Cannot move the demo into %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Writing the demo store into %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+18" />
        <source>Demo store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The demo store could not be written: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JsonTreeView</name>
    <message>
        <location filename="../gui/widgets/jsontreeview.cpp" line="+25" />
        <source>&amp;Copy as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Expand all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>C&amp;ollapse all</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../gui/widgets/logpage.cpp" line="+39" />
        <source>Rows from any id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sections as the library pages them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>&amp;Go to id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>notification id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>⇤ First</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The first notification (Ctrl+Home)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Last ⇥</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The last notification (Ctrl+End)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To&amp;pic:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>all topics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>F&amp;rom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>T&amp;o</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>UTC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Gap &amp;markers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A row where notification ids are missing (a rolled back insert, a sequence's cached values)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>◀ &amp;Previous</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Next ▶</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Section:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Section si&amp;ze:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <location line="+116" />
        <location line="+135" />
        <source>Select a notification to see its payload.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-234" />
        <source>A notification id is a positive whole number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>No notification matches.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+178" />
        <source>The time filter cannot be used: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>&lt;b&gt;%1&lt;/b&gt;: no record was stored under these ids. Sequences skip ids (a rolled back insert, PostgreSQL's cached sequence values), so a gap is information, not damage.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Choose an application.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Sections of %1 notifications, as LocalNotificationLog pages them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The log is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Notification ids %1 to %2.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>Showing %1 to %2 (%n row(s) loaded).</source>
        <translation><numerusform>Showing %1 to %2 (%n row loaded).</numerusform><numerusform>Showing %1 to %2 (%n rows loaded).</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>Filtered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+18" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Section %1 is empty.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Section "%1": %n notification(s); next: %2</source>
        <translation><numerusform>Section "%1": %n notification; next: %2</numerusform><numerusform>Section "%1": %n notifications; next: %2</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>none (the section is not full)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="+53" />
        <location line="+320" />
        <source>Event Store Inspector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-290" />
        <location line="+5" />
        <source>Secrets: this session only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>&amp;Open SQLite File…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>A SQLite database written by eventsourcing (one application)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>A folder of SQLite databases: a system, one application per file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;PostgreSQL Database…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Host, port, database, user, password, SSL mode; saved connections</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;Remote Notification Log…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>An application's log served as JSON over HTTP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Export…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Write the log, the snapshots or the aggregate shown as JSON lines or CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close Store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Start Page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Copy as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The selected rows (or JSON node) as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Copy &amp;Payload as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The payload of the record shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Find…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Search aggregates by id prefix; filter the log by topic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cipher &amp;Key…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The key to decrypt the application's records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Go to Notification Id…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>F&amp;irst Notification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Last Notification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Verify Application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Check every record of the application and list what is wrong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Stop Long Work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Next Store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>P&amp;revious Store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Applications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>A&amp;ggregates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Aggregate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Notification &amp;Log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Tracking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Verify Findings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;About Event Store Inspector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Open &amp;Recent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Go</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Stop the long work (Ctrl+.)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>(none yet)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Clear the List</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>No store open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>%1 (read-only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Opening %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Could not open %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>%1 [read-only] — Event Store Inspector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>%1 is open already.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>Opened %1: %n application(s).</source>
        <translation><numerusform>Opened %1: %n application.</numerusform><numerusform>Opened %1: %n applications.</numerusform></translation>
    </message>
    <message>
        <location line="+8" />
        <source>Could not open %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+52" />
        <source>Open a SQLite event store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Open a folder of SQLite stores (a system)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+83" />
        <source> (read-only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>Copied the JSON.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Copied the selected rows as JSON.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>No payload shown to copy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Copied the payload as JSON.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>Go to notification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notification id (1 to %1):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notification id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>A notification id is a positive whole number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>the notification log of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>the snapshots of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>the events of aggregate %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Export %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>Exported %n record(s) to %1.</source>
        <translation><numerusform>Exported %n record to %1.</numerusform><numerusform>Exported %n records to %1.</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exported %1 records to %2; %3 could not be decoded (first: %4).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Export failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Export cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Exporting %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>About Event Store Inspector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&lt;h3&gt;Event Store Inspector %1&lt;/h3&gt;&lt;p&gt;Opens event stores written by Python's eventsourcing library (9.1) or by qt-eventsourcing — SQLite, PostgreSQL, remote notification logs — read-only, and shows what is in them: applications, aggregates and their states, the notification log, snapshots, tracking, and what is wrong.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../gui/models/applicationsmodel.cpp" line="+49" />
        <source>empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>not encrypted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>needs key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>key opens</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>wrong key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>some fail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../gui/models/logmodel.cpp" line="+123" />
        <source>1 id missing (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>%1 ids missing (%2–%3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../gui/models/recordcells.cpp" line="+170" />
        <source>Id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Aggregate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Topic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Stored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message numerus="yes">
        <location filename="../gui/widgets/recorddetail.cpp" line="+16" />
        <source>The record cannot be decoded; its %n stored byte(s), as stored:</source>
        <translation><numerusform>The record cannot be decoded; its %n stored byte, as stored:</numerusform><numerusform>The record cannot be decoded; its %n stored bytes, as stored:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+20" />
        <source>… %n more byte(s)</source>
        <translation><numerusform>… %n more byte</numerusform><numerusform>… %n more bytes</numerusform></translation>
    </message>
    <message>
        <location line="+48" />
        <source>Select a record to see its payload.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No payload to show.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Notification &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>aggregate &lt;tt&gt;%1&lt;/tt&gt; v&lt;b&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>stored as %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n byte(s)</source>
        <translation><numerusform>%n byte</numerusform><numerusform>%n bytes</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>topic not registered in this program (shown generically)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../gui/widgets/recordtable.cpp" line="+27" />
        <source>Copy row as &amp;JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Copy &amp;cells</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RemoteLogDialog</name>
    <message>
        <location filename="../gui/dialogs/remotelogdialog.cpp" line="+14" />
        <source>Open a remote notification log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The URL of an application's notification log served as JSON (NotificationLogJSONService, e.g. http://127.0.0.1:8000/). Only the log can be read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>&amp;URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Section size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Open</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <location filename="../gui/secrets.cpp" line="+10" />
        <source>the system keychain is not used in this session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the system keychain is switched off (ES_INSPECTOR_NO_KEYCHAIN)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <location line="+20" />
        <source>no system keychain is available (%1); secrets are kept for this session only</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SnapshotsPage</name>
    <message>
        <location filename="../gui/widgets/snapshotspage.cpp" line="+24" />
        <source>&amp;Newest first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <location line="+19" />
        <location line="+10" />
        <source>Select a snapshot to see its state.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Choose an application.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 has no snapshots table (snapshotting was not enabled).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n snapshot(s) listed, loading…</source>
        <translation><numerusform>%n snapshot listed, loading…</numerusform><numerusform>%n snapshots listed, loading…</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>No snapshots.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>All %n snapshot(s) listed.</source>
        <translation><numerusform>All %n snapshot listed.</numerusform><numerusform>All %n snapshots listed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n snapshot(s) listed; more load as you scroll.</source>
        <translation><numerusform>%n snapshot listed; more load as you scroll.</numerusform><numerusform>%n snapshots listed; more load as you scroll.</numerusform></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../gui/widgets/startpage.cpp" line="+20" />
        <source>&lt;h1&gt;Event Store Inspector&lt;/h1&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Open an event store written by Python's eventsourcing library or by this engine: a SQLite file, a folder of them (a system), a PostgreSQL database or a remote notification log. Stores are opened read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+42" />
        <source>&lt;b&gt;&amp;Recent stores&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>You can also drop a store file or folder on this window, or give its path or URL on the command line: es-inspector &lt;path-or-url&gt;.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>%1  (missing)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 no longer exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>(no recent stores yet)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <location filename="../gui/widgets/storetab.cpp" line="+89" />
        <source>%1 (%2 events)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>&amp;Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Nothing was changed: stores are opened read-only. Your other tabs stay open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Try again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;another store…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;lose this tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Edit the connection…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>READ-ONLY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The store is opened read-only: the inspector cannot change it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Application:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <location line="+334" />
        <source>Enter &amp;key…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-318" />
        <source>Applications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Aggregates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Aggregate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notification log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Tracking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Verify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Alt+%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>&lt;h3&gt;Opening %1&lt;/h3&gt;Looking for applications in the store…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The store could not be opened.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&lt;h2&gt;Could not open this store&lt;/h2&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>SQLITE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>SQLITE FOLDER</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>POSTGRESQL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>REMOTE LOG</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>A remote notification log serves its log only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>%1 on %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>log at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>%1 (opening…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 (failed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+140" />
        <source>Records are decoded with the new key.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Records of %1 are decoded with the new key.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The records are encrypted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>%1 in %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The key was not used: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>NOT ENCRYPTED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>NEEDS KEY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Records of &lt;b&gt;%1&lt;/b&gt; are encrypted. Enter the cipher key to read them; until then each record says it needs a key.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>ENCRYPTED · KEY OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 (key from %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>WRONG KEY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&lt;b&gt;Wrong key for %1.&lt;/b&gt; %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&lt;b&gt;Some records of %1 cannot be opened with the key&lt;/b&gt; (altered records?). %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+28" />
        <source>%Ln event(s)</source>
        <translation><numerusform>%Ln event</numerusform><numerusform>%Ln events</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln aggregate(s)</source>
        <translation><numerusform>%Ln aggregate</numerusform><numerusform>%Ln aggregates</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln snapshot(s)</source>
        <translation><numerusform>%Ln snapshot</numerusform><numerusform>%Ln snapshots</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln tracking record(s)</source>
        <translation><numerusform>%Ln tracking record</numerusform><numerusform>%Ln tracking records</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: no counts (a remote log cannot be counted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-42" />
        <location line="+6" />
        <source>Enter another &amp;key…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-3" />
        <source>SOME RECORDS FAIL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>%1: counting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>last id %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrackingPage</name>
    <message>
        <location filename="../gui/widgets/trackingpage.cpp" line="+21" />
        <source>Each process application (follower) records how far it has processed the notification log of every application it follows. The lag is the upstream's last notification id minus that position: 0 means caught up.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Count tracking records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Also count each upstream's tracking records (reads the whole tracking table)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+58" />
        <source>Reading tracking records…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No application in this store follows another (no tracking records).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n upstream position(s); every follower is caught up.</source>
        <translation><numerusform>%n upstream position; every follower is caught up.</numerusform><numerusform>%n upstream positions; every follower is caught up.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n upstream position(s); %1 behind.</source>
        <translation><numerusform>%n upstream position; %1 behind.</numerusform><numerusform>%n upstream positions; %1 behind.</numerusform></translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../gui/widgets/verifypage.cpp" line="+23" />
        <source>Verify reads every record of the application and reports what is wrong, where: versions not contiguous, notification ids out of order, records that cannot be decoded (wrong key, damaged bytes), unknown topics or types, snapshots or tracking ahead of their events. Gaps in the ids are information.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Verify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Stop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>notification %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>aggregate %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source> v%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Verifying… %1 records read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Verification stopped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Verification failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Choose an application.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Press Verify to check every record of %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Verifying %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>&lt;b style='color:#1b5e20'&gt;✔ No problem found&lt;/b&gt; in %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&lt;b style='color:#b00020'&gt;✘ %1 in %2.&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n warning(s)</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Checked %1 events of %2 aggregates, %3 snapshots and %4 tracked upstreams.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n note(s) for information.</source>
        <translation><numerusform>%n note for information.</numerusform><numerusform>%n notes for information.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n topic(s) not registered in this program.</source>
        <translation><numerusform>%n topic not registered in this program.</numerusform><numerusform>%n topics not registered in this program.</numerusform></translation>
    </message>
</context>
<context>
    <name>es::gui::ApplicationsModel</name>
    <message>
        <location filename="../gui/models/applicationsmodel.cpp" line="+97" />
        <source>Application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Aggregates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Tracking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Last id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+96" />
        <source>Counting %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::CatalogueModel</name>
    <message>
        <location filename="../gui/models/cataloguemodel.cpp" line="+132" />
        <source>Sort by id, ascending or descending (the store's key order)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Sort the listed aggregates by this column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sorting by this column needs the whole catalogue, and this one is loaded page by page: it is sorted by id. Narrow it with the id or type filter to sort the rest.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>First version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Last version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Modified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+291" />
        <source>Counting aggregates of %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::FindingsModel</name>
    <message>
        <location filename="../gui/models/findingsmodel.cpp" line="+108" />
        <source>Severity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Aggregate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Verifying %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::JsonDiffModel</name>
    <message>
        <location filename="../gui/models/jsondiffmodel.cpp" line="+64" />
        <source>(root)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>Change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Path</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>After</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>Comparing versions %1 and %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::JsonTreeModel</name>
    <message>
        <location filename="../gui/models/jsontreemodel.cpp" line="+211" />
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>(unreadable)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>unknown type '%1': no transcoding is registered for it in this program</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>(value)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::RecordExport</name>
    <message>
        <location filename="../gui/workers/exportjob.cpp" line="+35" />
        <source>Exporting %1 to %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::StoreSession</name>
    <message>
        <location filename="../gui/workers/storesession.cpp" line="+141" />
        <source>Opening %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>es::gui::TrackingModel</name>
    <message>
        <location filename="../gui/models/trackingmodel.cpp" line="+61" />
        <source>%1 is not an application of this store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>%1 has processed %2 of %3's notifications (lag %4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Follower</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Upstream</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Upstream last id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Lag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Records</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/commandline.cpp" line="+32" />
        <source>Event Store Inspector: open, browse and check event stores (read-only).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-15" />
        <source>Keep passwords and keys for this session only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Open the demo store (written into the user's data folder the first time).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>A SQLite file or folder, postgresql://…, or http://… (a remote notification log).</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
