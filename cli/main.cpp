// esctl — inspect event stores from the command line: the Event Store Inspector's twin for scripts
// and CI. Global options, then a command from the table (esctl.h); exit status 0 on success, 1 on
// failure (one line on stderr), 2 on a usage error.
#include "esctl.h"

#include "es/inspect/store.h"
#include "es/version.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <cstdio>
#include <exception>

namespace esctl {
void registerExampleTypes(); // examples.cpp
}

namespace {

const QString GlobalUsage
    = QStringLiteral("esctl [--url URL] [--app NAME] [--key KEY | --key-file FILE] [--json]");

void addGlobalOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("url"),
                 QStringLiteral("The store: a SQLite file or folder, sqlite:///path, "
                                "postgresql://user:password@host:port/dbname or "
                                "http://host:port/ (default: $ES_URL)."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("app"),
                 QStringLiteral("The application (needed when the store has several)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("key"),
                 QStringLiteral("The cipher key (base64), for encrypted stores "
                                "(default: <APP>_CIPHER_KEY or CIPHER_KEY)."),
                 QStringLiteral("KEY")});
    p.addOption({QStringLiteral("key-file"), QStringLiteral("Read the cipher key from a file."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Output JSON for machines instead of tables.")});
    p.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")});
}

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

QString generalHelp()
{
    QString h
        = QStringLiteral("usage: %1 <command> [arguments]\n\n"
                         "Inspect event stores written by Python's eventsourcing %2 or qt-eventsourcing "
                         "(read-only).\n\nCommands:\n")
              .arg(GlobalUsage, es::compatibleEventsourcingVersion());
    int width = 0;
    for (const auto &c : esctl::commands())
        width = std::max(width, static_cast<int>(c.name.size()));
    for (const auto &c : esctl::commands())
        h += QStringLiteral("  %1  %2\n").arg(c.name.leftJustified(width), c.summary);
    h += QStringLiteral(
        "\nGlobal options:\n"
        "  --url URL        the store: a SQLite file or folder, sqlite:///path,\n"
        "                   postgresql://user:password@host:port/dbname, http://host:port/\n"
        "                   (default: $ES_URL)\n"
        "  --app NAME       the application (when the store holds several)\n"
        "  --key KEY        the cipher key (base64); default <APP>_CIPHER_KEY or CIPHER_KEY\n"
        "  --key-file FILE  read the cipher key from a file\n"
        "  --json           JSON for machines instead of tables\n"
        "  --version        print the version\n"
        "\nesctl help <command> shows a command's options. Exit status: 0 success, 1 failure, "
        "2 usage error.\n");
    return h;
}

QString commandHelp(const esctl::Command &c)
{
    QCommandLineParser p;
    addGlobalOptions(p);
    if (c.addOptions)
        c.addOptions(p);
    QString text = p.helpText();
    const qsizetype optionsAt = text.indexOf(QStringLiteral("Options:"));
    if (optionsAt >= 0)
        text = text.mid(optionsAt);
    return QStringLiteral("usage: %1 %2\n\n%3\n\n%4").arg(GlobalUsage, c.synopsis, c.summary, text);
}

void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    // Qt's own warnings (drivers, plugins) are noise on a command line whose errors are one line;
    // ESCTL_DEBUG=1 shows them.
    static const bool debug = !qEnvironmentVariableIsEmpty("ESCTL_DEBUG");
    if (debug || type == QtFatalMsg) {
        const QByteArray line = message.toUtf8() + '\n';
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    }
}

int run(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("esctl"));
    QCoreApplication::setApplicationVersion(es::engineVersion());
    qInstallMessageHandler(quietMessages);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();

    // The command is the first word that is neither an option nor a global option's value.
    static const QStringList withValue = {QStringLiteral("--url"), QStringLiteral("--app"),
                                          QStringLiteral("--key"), QStringLiteral("--key-file")};
    qsizetype at = -1;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--"))
            break;
        if (a.startsWith(QLatin1Char('-'))) {
            if (withValue.contains(a))
                ++i;
            continue;
        }
        at = i;
        break;
    }
    if (at < 0) {
        if (args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v"))) {
            out(QStringLiteral("esctl %1 (reads and writes the stores of Python's eventsourcing %2)\n")
                    .arg(es::engineVersion(), es::compatibleEventsourcingVersion()));
            return 0;
        }
        if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
            out(generalHelp());
            return 0;
        }
        esctl::Context::note(QStringLiteral("no command given (see esctl --help)"));
        return 2;
    }

    const QString name = args[at];
    if (name == QLatin1String("help")) {
        if (at + 1 < args.size()) {
            const esctl::Command *c = esctl::findCommand(args[at + 1]);
            if (!c) {
                esctl::Context::note(
                    QStringLiteral("unknown command '%1' (see esctl --help)").arg(args[at + 1]));
                return 2;
            }
            out(commandHelp(*c));
        } else {
            out(generalHelp());
        }
        return 0;
    }
    const esctl::Command *command = esctl::findCommand(name);
    if (!command) {
        esctl::Context::note(QStringLiteral("unknown command '%1' (see esctl --help)").arg(name));
        return 2;
    }

    QCommandLineParser parser;
    addGlobalOptions(parser);
    if (command->addOptions)
        command->addOptions(parser);
    QStringList rest = args;
    rest.removeAt(at);
    rest.prepend(QStringLiteral("esctl"));
    if (!parser.parse(rest)) {
        esctl::Context::note(QStringLiteral("%1 (see esctl help %2)").arg(parser.errorText(), name));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(*command));
        return 0;
    }

    esctl::Context ctx;
    ctx.url = parser.isSet(QStringLiteral("url"))
        ? parser.value(QStringLiteral("url"))
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("ES_URL"));
    ctx.app = parser.value(QStringLiteral("app"));
    ctx.key = parser.value(QStringLiteral("key"));
    ctx.keyFile = parser.value(QStringLiteral("key-file"));
    ctx.json = parser.isSet(QStringLiteral("json"));

    try {
        esctl::registerExampleTypes();
        const int status = command->run(ctx, parser, parser.positionalArguments());
        // Output that did not all arrive is a failure, not a shorter result.
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
            esctl::Context::note(QStringLiteral("error: cannot write the output (standard output failed)"));
            return 1;
        }
        return status;
    } catch (const esctl::UsageError &e) {
        esctl::Context::note(QStringLiteral("%1 (see esctl help %2)").arg(e.message(), name));
        return 2;
    } catch (const es::inspect::Cancelled &) {
        esctl::Context::note(QStringLiteral("cancelled"));
        return 1;
    } catch (const es::EventSourcingError &e) {
        esctl::Context::note(QStringLiteral("error: ") + e.message());
        return 1;
    } catch (const std::exception &e) {
        esctl::Context::note(QStringLiteral("error: ") + QString::fromUtf8(e.what()));
        return 1;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    try {
        return run(argc, argv);
    } catch (...) {
        esctl::Context::note(QStringLiteral("error: an unexpected failure"));
        return 1;
    }
}
