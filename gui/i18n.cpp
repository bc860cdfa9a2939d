#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <functional>

bool installInspectorTranslations(const QLocale &locale)
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    auto install = [app](const std::function<bool(QTranslator &)> &load) {
        auto *translator = new QTranslator(app);
        if (load(*translator) && !translator->isEmpty()) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
        delete translator;
        return false;
    };
    install([&](QTranslator &t) {
        return t.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    });
    // English first (the source texts' plural forms), then the locale's language, which is searched
    // before it: texts it does not translate fall back to English.
    bool installed = install([](QTranslator &t) { return t.load(QStringLiteral(":/i18n/es-inspector_en")); });
    if (locale.language() != QLocale::English && locale.language() != QLocale::C)
        installed |= install([&](QTranslator &t) {
            return t.load(locale, QStringLiteral("es-inspector"), QStringLiteral("_"),
                          QStringLiteral(":/i18n"));
        });
    return installed;
}
