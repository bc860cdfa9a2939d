// es-inspector — the Event Store Inspector.
//
//   es-inspector [--no-keychain] [--demo] [<path-or-url>…]
//
// Opens each store given (a SQLite file or folder, postgresql://…, http://… for a remote log) in a
// tab; with none, shows the start page (open actions and recent stores). --demo opens the demo store,
// written into the user's data folder the first time (what `make run` does).
#include "demostore.h"
#include "es/version.h"
#include "exampletypes.h"
#include "i18n.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstring>
#include <memory>

namespace {

struct Options
{
    bool useKeychain = true;
    bool demo = false;
    QStringList stores;
};

// Parses the command line of `app` (exits for --help and --version).
Options parseArguments(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Event Store Inspector: open, browse and check event stores (read-only)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption noKeychain(
        QStringLiteral("no-keychain"),
        QCoreApplication::translate("main", "Keep passwords and keys for this session only."));
    parser.addOption(noKeychain);
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open the demo store (written into the user's data folder the first time)."));
    parser.addOption(demo);
    parser.addPositionalArgument(
        QStringLiteral("store"),
        QCoreApplication::translate(
            "main", "A SQLite file or folder, postgresql://…, or http://… (a remote notification log)."),
        QStringLiteral("[<path-or-url>…]"));
    parser.process(app);
    return Options {!parser.isSet(noKeychain), parser.isSet(demo), parser.positionalArguments()};
}

void describe()
{
    QCoreApplication::setOrganizationName(QStringLiteral("qt-eventsourcing"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("qt-eventsourcing.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("es-inspector"));
    QCoreApplication::setApplicationVersion(es::engineVersion());
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version answer without a display.
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], flag) == 0) {
                QCoreApplication core(argc, argv);
                describe();
                parseArguments(core);
                return 0;
            }
        }
    }

    QApplication app(argc, argv);
    describe();
    QApplication::setApplicationDisplayName(QStringLiteral("Event Store Inspector"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/es-inspector.svg")));
    installInspectorTranslations();
    const Options options = parseArguments(app);

    QString typesError;
    registerInspectorTypes(&typesError);
    if (!typesError.isEmpty())
        qWarning("es-inspector: example types not registered: %s", qPrintable(typesError));

    MainWindow window(options.useKeychain);
    window.show();
    for (const QString &store : options.stores)
        window.openStore(store);
    if (options.demo)
        DemoStore::ensure(&window, [&window](const QString &dir) { window.openStore(dir); });
    return QApplication::exec();
}
