#pragma once
// The Event Store Inspector's figures on a big SQLite store (issue 9), for es-bench's sqlite-file
// line: es-inspector-bench (gui/models/tools) run as a child process, so that its peak RSS is the
// inspector's models and workers alone, not es-bench's.

#include <QString>
#include <map>
#include <string>

namespace bench {

class InspectorBench
{
public:
    // `tool`: the es-inspector-bench executable; the store of `events` events goes into `dir`
    // (built on the first measure()), unless `store` names one to measure as it is.
    InspectorBench(QString tool, QString dir, qint64 events, QString store = {});

    // Where es-inspector-bench is expected beside es-bench in a build tree.
    static QString defaultTool();

    // One measurement: inspector_open_ms, inspector_log_first_page_ms, inspector_log_last_page_ms,
    // inspector_catalogue_first_page_ms, inspector_peak_rss_mb, inspector_events, and the store's
    // build time (first call only). Throws std::runtime_error with the tool's reason on failure.
    std::map<std::string, double> measure();

private:
    QString run(const QStringList &arguments, int timeoutMs) const;

    QString m_tool;
    QString m_dir;
    qint64 m_events;
    QString m_store;
    bool m_built = false;
};

} // namespace bench
