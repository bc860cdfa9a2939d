#pragma once
// Collects the custom values ({"_type_": NAME, "_data_": s}) that occur in the reference stores'
// *.jsonl files written by Python's eventsourcing 9.1.6, so the value-type tests can check that each
// of them parses and formats back to the identical string. Header-only, for the domain tests.

#include "fixtures.h"

#include "es/json.h"

#include <QDir>
#include <QStringList>
#include <set>
#include <string>

namespace es::test {

inline void collectCustomValues(const json::Value &v, std::string_view typeName, std::set<std::string> *out)
{
    if (v.isArray()) {
        for (const json::Value &e : v.array())
            collectCustomValues(e, typeName, out);
        return;
    }
    if (!v.isObject())
        return;
    if (v.size() == 2) {
        const json::Value *type = v.find("_type_");
        const json::Value *data = v.find("_data_");
        if (type && data && type->isString() && type->string() == typeName && data->isString())
            out->insert(data->string());
    }
    for (const auto &m : v.members())
        collectCustomValues(m.second, typeName, out);
}

// Every distinct "_data_" string of custom values named typeName in fixturesDir()/*.jsonl; *files
// (optional) receives the number of files read.
inline std::set<std::string> fixtureCustomValues(std::string_view typeName, int *files = nullptr)
{
    std::set<std::string> values;
    const QStringList names = QDir(fixturesDir()).entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QByteArray text = readFile(fixture(name));
        for (const QByteArray &line : text.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            collectCustomValues(json::Value::parse(std::string_view(line.constData(), static_cast<size_t>(line.size()))),
                                typeName, &values);
        }
    }
    if (files)
        *files = static_cast<int>(names.size());
    return values;
}

} // namespace es::test
