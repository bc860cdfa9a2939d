#pragma once
// Installs the inspector's translations for the system locale (translations/es-inspector_<lang>.ts,
// compiled into :/i18n) and Qt's own. English is a translation too: it gives the plural forms of the
// source texts ("1 event", "2 events"). Call once, after the QApplication exists; the translators
// live as long as the application. GUI thread only.

#include <QLocale>

// Returns true when a translation of the inspector was installed.
bool installInspectorTranslations(const QLocale &locale = QLocale());
