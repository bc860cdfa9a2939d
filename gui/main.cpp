// es-inspector — the Event Store Inspector.
//
//   es-inspector [--no-keychain] [--demo] [<path-or-url>…]
//
// Opens each store given (a SQLite file or folder, postgresql://…, http://… for a remote log) in a
// tab; with none, shows the start page (open actions and recent stores). --demo opens the demo store,
// written into the user's data folder the first time (what `make run` does).
#include "commandline.h"
#include "es/version.h"
#include "exampletypes.h"
#include "i18n.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstring>

namespace {

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
                QCommandLineParser parser;
                addInspectorOptions(parser);
                parser.process(core);
                return 0;
            }
        }
    }

    QApplication app(argc, argv);
    describe();
    QApplication::setApplicationDisplayName(QStringLiteral("Event Store Inspector"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/es-inspector.svg")));
    installInspectorTranslations();
    QCommandLineParser parser;
    addInspectorOptions(parser);
    parser.process(app); // exits for --help, --version and unknown options
    const InspectorOptions options = inspectorOptions(parser);

    QString typesError;
    registerInspectorTypes(&typesError);
    if (!typesError.isEmpty())
        qWarning("es-inspector: example types not registered: %s", qPrintable(typesError));

    MainWindow window(options.useKeychain);
    window.show();
    openCommandLineStores(window, options);
    return QApplication::exec();
}
