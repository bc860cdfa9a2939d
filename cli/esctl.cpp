#include "esctl.h"

#include "es/uuid.h"

#include <QProcessEnvironment>
#include <algorithm>
#include <cstdio>

namespace esctl {

namespace {

std::vector<Command> &registry()
{
    static std::vector<Command> r;
    return r;
}

bool isNumber(const QString &s)
{
    if (s.isEmpty())
        return false;
    bool ok = false;
    static_cast<void>(s.toDouble(&ok)); // only whether it parses matters, not the value
    return ok;
}

void pretty(const es::json::Value &v, int indent, std::string &out)
{
    const std::string pad(static_cast<size_t>(indent) * 2, ' ');
    const std::string inner(static_cast<size_t>(indent + 1) * 2, ' ');
    if (v.isObject() && v.size() > 0) {
        // Typed values ({"_type_", "_data_"}) stay on one line: they are single values.
        if (v.size() == 2 && v.find("_type_") && v.find("_data_")) {
            es::json::Writer::Options o;
            o.sortKeys = true;
            out += v.toJson(o);
            return;
        }
        out += "{\n";
        size_t i = 0;
        for (const auto &m : v.members()) {
            out += inner;
            out += es::json::Value(m.first).toJson();
            out += ": ";
            pretty(m.second, indent + 1, out);
            out += ++i < v.size() ? ",\n" : "\n";
        }
        out += pad + "}";
    } else if (v.isArray() && v.size() > 0) {
        out += "[\n";
        size_t i = 0;
        for (const auto &e : v.array()) {
            out += inner;
            pretty(e, indent + 1, out);
            out += ++i < v.size() ? ",\n" : "\n";
        }
        out += pad + "]";
    } else {
        out += v.toJson();
    }
}

} // namespace

Registration::Registration(Command command)
{
    registry().push_back(std::move(command));
}

std::vector<Command> commands()
{
    std::vector<Command> out = registry();
    std::stable_sort(out.begin(), out.end(), [](const Command &a, const Command &b) {
        return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    return out;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : registry())
        if (c.name == name)
            return &c;
    return nullptr;
}

// --- Context ------------------------------------------------------------------------------------------

std::shared_ptr<const es::inspect::Store> Context::store()
{
    if (!m_store) {
        if (url.isEmpty())
            throw UsageError(QStringLiteral("no store given: use --url URL or set ES_URL"));
        m_store = es::inspect::Store::open(url);
    }
    return m_store;
}

es::inspect::DecodingSettings Context::decoding()
{
    es::inspect::DecodingSettings s;
    if (!key.isEmpty() && !keyFile.isEmpty())
        throw UsageError(QStringLiteral("give --key or --key-file, not both"));
    if (!key.isEmpty())
        s.cipherKey = key;
    if (!keyFile.isEmpty())
        s.cipherKey = es::inspect::DecodingSettings::readKeyFile(keyFile);
    return s;
}

QString Context::applicationName()
{
    auto s = store();
    if (!app.isEmpty())
        return s->application(app).name;
    if (s->applications().size() == 1)
        return s->applications().front().name;
    QStringList names;
    for (const auto &a : s->applications())
        names << a.name;
    throw UsageError(QStringLiteral("%1 holds %2 applications: choose one with --app (%3)")
                         .arg(s->displayUrl())
                         .arg(names.size())
                         .arg(names.join(QStringLiteral(", "))));
}

QStringList Context::applicationNames()
{
    auto s = store();
    if (!app.isEmpty())
        return {s->application(app).name};
    QStringList names;
    for (const auto &a : s->applications())
        names << a.name;
    return names;
}

es::inspect::Source Context::source(const QString &name)
{
    return es::inspect::Source::make(store(), name.isEmpty() ? applicationName() : name, decoding());
}

void Context::print(const QString &line)
{
    write(line.toUtf8() + '\n');
}

void Context::write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void Context::note(const QString &message)
{
    QString m = message;
    m.replace(QLatin1Char('\n'), QLatin1Char(' '));
    std::fflush(stdout);
    const QByteArray line = QStringLiteral("esctl: %1\n").arg(m).toUtf8();
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

// --- Table --------------------------------------------------------------------------------------------

Table::Table(const QStringList &headers) : m_headers(headers) { }

void Table::add(const QStringList &cells)
{
    m_rows.push_back(cells);
}

QString Table::render() const
{
    const qsizetype n = m_headers.size();
    std::vector<qsizetype> width(static_cast<size_t>(n), 0);
    std::vector<bool> numeric(static_cast<size_t>(n), true);
    for (qsizetype i = 0; i < n; ++i)
        width[static_cast<size_t>(i)] = m_headers[i].size();
    for (const QStringList &r : m_rows) {
        for (qsizetype i = 0; i < n && i < r.size(); ++i) {
            width[static_cast<size_t>(i)] = std::max(width[static_cast<size_t>(i)], r[i].size());
            if (!r[i].isEmpty() && !isNumber(r[i]))
                numeric[static_cast<size_t>(i)] = false;
        }
    }
    auto line = [&](const QStringList &cells, bool header) {
        QString out;
        for (qsizetype i = 0; i < n; ++i) {
            const QString cell = i < cells.size() ? cells[i] : QString();
            const auto w = width[static_cast<size_t>(i)];
            const bool last = i == n - 1;
            if (numeric[static_cast<size_t>(i)] && !header)
                out += cell.rightJustified(w);
            else
                out += last ? cell : cell.leftJustified(w);
            if (!last)
                out += QStringLiteral("  ");
        }
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        return out;
    };
    QStringList lines;
    lines << line(m_headers, true);
    for (const QStringList &r : m_rows)
        lines << line(r, false);
    return lines.join(QLatin1Char('\n'));
}

// --- helpers ------------------------------------------------------------------------------------------

QString jsonLine(const es::json::Value &value)
{
    es::json::Writer::Options o;
    o.sortKeys = true;
    return QString::fromStdString(value.toJson(o));
}

QString jsonPretty(const es::json::Value &value)
{
    std::string out;
    pretty(value, 0, out);
    return QString::fromStdString(out);
}

QUuid parseId(const QString &text)
{
    QUuid id;
    if (!es::uuid::parse(text.trimmed(), &id))
        throw UsageError(
            QStringLiteral("'%1' is not an aggregate id (a UUID, dashed or 32 hex digits)").arg(text));
    return id;
}

qint64 parseCount(const QString &text, const QString &option)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < 0)
        throw UsageError(QStringLiteral("%1 wants a whole number, not '%2'").arg(option, text));
    return n;
}

QString shortTopic(const QString &topic)
{
    const qsizetype colon = topic.lastIndexOf(QLatin1Char(':'));
    return colon >= 0 ? topic.mid(colon + 1) : topic;
}

QString timeText(const std::optional<es::Timestamp> &t)
{
    return t ? t->toIsoString() : QString();
}

es::json::Value recordJson(const es::inspect::DecodedRecord &r)
{
    using es::json::Value;
    Value o = Value::emptyObject();
    if (r.notificationId)
        o.insert("id", Value(static_cast<long long>(*r.notificationId)));
    o.insert("originator_id", Value(es::uuid::toDashed(r.originatorId)));
    o.insert("originator_version", Value(static_cast<long long>(r.originatorVersion)));
    o.insert("topic", Value(r.topic));
    o.insert("storage", Value(r.storage()));
    o.insert("status", Value(r.status()));
    if (r.decoded.hasState())
        o.insert("state", r.decoded.state);
    if (!r.decoded.error.isEmpty())
        o.insert("error", Value(r.decoded.error));
    return o;
}

es::Timestamp parseTime(const QString &text, const QString &option)
{
    es::Timestamp t;
    QString iso = text.trimmed();
    if (iso.endsWith(QLatin1Char('Z')))
        iso = iso.left(iso.size() - 1) + QStringLiteral("+00:00");
    if (!es::Timestamp::tryParseIso(iso.toStdString(), &t))
        throw UsageError(QStringLiteral("%1 wants an ISO time such as 2026-11-28T16:33:09+00:00, not '%2'")
                             .arg(option, text));
    return t;
}

} // namespace esctl
