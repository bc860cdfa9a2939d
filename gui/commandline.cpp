#include "commandline.h"

#include "demostore.h"
#include "mainwindow.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace {

QCommandLineOption noKeychainOption()
{
    return QCommandLineOption(
        QStringLiteral("no-keychain"),
        QCoreApplication::translate("main", "Keep passwords and keys for this session only."));
}

QCommandLineOption demoOption()
{
    return QCommandLineOption(
        QStringLiteral("demo"),
        QCoreApplication::translate(
            "main", "Open the demo store (written into the user's data folder the first time)."));
}

} // namespace

void addInspectorOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Event Store Inspector: open, browse and check event stores (read-only)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(noKeychainOption());
    parser.addOption(demoOption());
    parser.addPositionalArgument(
        QStringLiteral("store"),
        QCoreApplication::translate(
            "main", "A SQLite file or folder, postgresql://…, or http://… (a remote notification log)."),
        QStringLiteral("[<path-or-url>…]"));
}

InspectorOptions inspectorOptions(const QCommandLineParser &parser)
{
    InspectorOptions options;
    options.useKeychain = !parser.isSet(noKeychainOption());
    options.demo = parser.isSet(demoOption());
    options.stores = parser.positionalArguments();
    return options;
}

bool parseInspectorArguments(const QStringList &arguments, InspectorOptions *options, QString *error)
{
    QCommandLineParser parser;
    addInspectorOptions(parser);
    if (!parser.parse(arguments)) {
        if (error)
            *error = parser.errorText();
        return false;
    }
    if (options)
        *options = inspectorOptions(parser);
    return true;
}

QString storeArgument(const QString &argument)
{
    // "scheme://" is a URL; anything else (also C:\… on Windows) is a path.
    const qsizetype scheme = argument.indexOf(QLatin1String("://"));
    if (scheme > 1 || argument.isEmpty())
        return argument;
    return QDir::cleanPath(QFileInfo(argument).absoluteFilePath());
}

QList<StoreTab *> openCommandLineStores(MainWindow &window, const InspectorOptions &options)
{
    QList<StoreTab *> tabs;
    for (const QString &store : options.stores) {
        if (StoreTab *tab = window.openStore(storeArgument(store)))
            tabs << tab;
    }
    if (options.demo)
        DemoStore::ensure(&window, [&window](const QString &dir) { window.openStore(dir); });
    return tabs;
}
