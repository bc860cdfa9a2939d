#pragma once
// es-inspector's command line: its options, and opening the stores it names in the main window.
//
//   es-inspector [--no-keychain] [--demo] [<path-or-url>…]
//
// main() declares the options on its parser (addInspectorOptions), lets QCommandLineParser::process()
// answer --help and --version, reads them back (inspectorOptions) and opens the stores
// (openCommandLineStores); tests parse a list of arguments (parseInspectorArguments) instead.
// GUI thread only (openCommandLineStores); the rest is plain functions.

#include <QList>
#include <QStringList>

class MainWindow;
class QCommandLineParser;
class StoreTab;

struct InspectorOptions
{
    bool useKeychain = true;
    bool demo = false;
    // As given; openCommandLineStores() makes relative paths absolute against the current folder.
    QStringList stores;
};

// Declares --no-keychain, --demo, the positional stores, --help and --version on `parser`.
void addInspectorOptions(QCommandLineParser &parser);
// What `parser` read (after parse() or process()).
InspectorOptions inspectorOptions(const QCommandLineParser &parser);
// Parses `arguments` (the program's name first). False, with the parser's message in `error`, for
// an unknown option.
bool parseInspectorArguments(const QStringList &arguments, InspectorOptions *options,
                             QString *error = nullptr);

// A store argument as the window opens it: URLs (postgresql://, http://, sqlite:///…) unchanged, a
// relative path made absolute against the current folder (a recent store must not depend on where
// the app was started).
QString storeArgument(const QString &argument);

// Opens each store of `options` in a tab of `window`, in order, and the demo store with --demo
// (written first when missing, then opened). Returns the tabs opened for the stores given (a store
// that cannot be opened still has its tab, which says why).
QList<StoreTab *> openCommandLineStores(MainWindow &window, const InspectorOptions &options);
