// es-inspector — the Event Store Inspector.
//
//   es-inspector [--no-keychain] [<path-or-url>…]
//
// Opens each store given (a SQLite file or folder, postgresql://…, http://… for a remote log) in a
// tab; with none, shows the start page (open actions and recent stores).
#include "es/version.h"
#include "exampletypes.h"
#include "i18n.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("qt-eventsourcing"));
    QApplication::setOrganizationDomain(QStringLiteral("qt-eventsourcing.invalid"));
    QApplication::setApplicationName(QStringLiteral("es-inspector"));
    QApplication::setApplicationDisplayName(QStringLiteral("Event Store Inspector"));
    QApplication::setApplicationVersion(es::engineVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/es-inspector.svg")));

    installInspectorTranslations();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Event Store Inspector: open, browse and check event stores (read-only)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption noKeychain(
        QStringLiteral("no-keychain"),
        QApplication::translate("main", "Keep passwords and keys for this session only."));
    parser.addOption(noKeychain);
    parser.addPositionalArgument(
        QStringLiteral("store"),
        QApplication::translate("main",
                                "A SQLite file or folder, postgresql://…, or http://… (a remote "
                                "notification log)."),
        QStringLiteral("[<path-or-url>…]"));
    parser.process(app);

    QString typesError;
    registerInspectorTypes(&typesError);
    if (!typesError.isEmpty())
        qWarning("es-inspector: example types not registered: %s", qPrintable(typesError));

    MainWindow window(!parser.isSet(noKeychain));
    window.show();
    const QStringList stores = parser.positionalArguments();
    for (const QString &store : stores)
        window.openStore(store);
    return QApplication::exec();
}
