#pragma once
// esctl's command table and what every command shares: the global options, the store opened from
// them, and output (aligned tables for people, JSON for machines).
//
// A command is one entry in the table, registered from its own file:
//
//   static const esctl::Registration demo({
//       QStringLiteral("demo"), QStringLiteral("demo <example|all> [--seed N] [--size N]"),
//       QStringLiteral("Write a deterministic demo store"), 90,
//       [](QCommandLineParser &p) { p.addOption({QStringLiteral("seed"), QStringLiteral("Seed."),
//       QStringLiteral("N")}); },
//       [](esctl::Context &ctx, const QCommandLineParser &p, const QStringList &args) { …; return 0; }});
//
// (cli/CMakeLists.txt builds every cli/*.cpp, so a new command is a new file.) run() returns the exit
// status; it throws UsageError for bad arguments (exit 2) and es:: exceptions for failures (exit 1),
// which main() prints as one line on stderr. Single-threaded: commands run on the main thread.

#include "es/inspect/decoding.h"
#include "es/json.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

namespace esctl {

// Bad arguments: main() prints the message and the command's usage, and exits with status 2.
class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString &message) : std::runtime_error(message.toStdString()) { }
    QString message() const { return QString::fromStdString(what()); }
};

class Context;

struct Command
{
    QString name;
    QString synopsis; // after "esctl [global options] "
    QString summary; // one line for the command list
    int order = 50; // position in the command list
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<int(Context &, const QCommandLineParser &, const QStringList &)> run;
    bool needsStore = true; // whether --url / ES_URL must be given
};

// Every registered command, in `order`.
std::vector<Command> commands();
const Command *findCommand(const QString &name);

struct Registration
{
    explicit Registration(Command command);
};

// What the global options say, and the store they open (opened on first use).
class Context
{
public:
    QString url; // --url or $ES_URL
    QString app; // --app
    QString key; // --key
    QString keyFile; // --key-file
    bool json = false;

    // The store; UsageError when no URL was given.
    std::shared_ptr<const es::inspect::Store> store();
    es::inspect::DecodingSettings decoding();
    // The application --app names, or the store's only one; UsageError when --app is needed.
    QString applicationName();
    // Applications to work on: --app's, or every one of the store's.
    QStringList applicationNames();
    es::inspect::Source source(const QString &app = QString());

    // Output on stdout (UTF-8, a newline added).
    void print(const QString &line = QString());
    void write(const QByteArray &bytes);
    // One line on stderr: "esctl: <message>".
    static void note(const QString &message);

private:
    std::shared_ptr<const es::inspect::Store> m_store;
};

// An aligned text table; numeric columns are right-aligned.
class Table
{
public:
    explicit Table(const QStringList &headers);
    void add(const QStringList &cells);
    bool isEmpty() const { return m_rows.empty(); }
    QString render() const;

private:
    QStringList m_headers;
    std::vector<QStringList> m_rows;
};

// JSON text: Python's json.dumps(sort_keys=True) on one line, or indented for people.
QString jsonLine(const es::json::Value &value);
QString jsonPretty(const es::json::Value &value);
// Parses an aggregate id (dashed or 32 hex digits); UsageError otherwise.
QUuid parseId(const QString &text);
// Parses a non-negative integer option; UsageError naming the option otherwise.
qint64 parseCount(const QString &text, const QString &option);
// A short form of a topic for tables: the part after ':' ("BankAccount.Opened").
QString shortTopic(const QString &topic);
QString timeText(const std::optional<es::Timestamp> &t);
// A decoded record for --json output: {["id"], "originator_id", "originator_version", "topic",
// "storage", "status", ["state"], ["error"]}.
es::json::Value recordJson(const es::inspect::DecodedRecord &r);
// Parses an ISO time (Python's fromisoformat); UsageError naming the option otherwise.
es::Timestamp parseTime(const QString &text, const QString &option);

} // namespace esctl
