#include "inspector.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <stdexcept>

namespace bench {

InspectorBench::InspectorBench(QString tool, QString dir, qint64 events, QString store)
    : m_tool(std::move(tool)), m_dir(std::move(dir)), m_events(events), m_store(std::move(store)),
      m_built(!m_store.isEmpty())
{
    if (m_store.isEmpty())
        m_store = QDir(m_dir).filePath(QStringLiteral("inspector.sqlite"));
}

QString InspectorBench::defaultTool()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../gui/es-inspector-bench"));
}

// Runs the tool; returns its stdout, or throws with its stderr's last line.
QString InspectorBench::run(const QStringList &arguments, int timeoutMs) const
{
    if (!QFileInfo(m_tool).isExecutable())
        throw std::runtime_error(
            QStringLiteral("inspector: %1 is not built (cmake --build --preset release --target es-inspector-bench)")
                .arg(QDir::cleanPath(m_tool))
                .toStdString());
    QProcess tool;
    tool.start(m_tool, arguments);
    if (!tool.waitForFinished(timeoutMs) || tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0) {
        tool.kill();
        tool.waitForFinished();
        const QStringList lines = QString::fromUtf8(tool.readAllStandardError()).trimmed().split(QLatin1Char('\n'));
        throw std::runtime_error(QStringLiteral("inspector: es-inspector-bench %1 failed: %2")
                                     .arg(arguments.join(QLatin1Char(' ')), lines.value(lines.size() - 1))
                                     .toStdString());
    }
    return QString::fromUtf8(tool.readAllStandardOutput());
}

std::map<std::string, double> InspectorBench::measure()
{
    std::map<std::string, double> f;
    if (!m_built) {
        QElapsedTimer t;
        t.start();
        run({QStringLiteral("--build-only"), m_store, QStringLiteral("--events"), QString::number(m_events)},
            -1);
        f["inspector_build_s"] = static_cast<double>(t.elapsed()) / 1000.0;
        m_built = true;
    }
    const QString out = run({QStringLiteral("--store"), m_store}, 600000);
    const QJsonObject o = QJsonDocument::fromJson(out.toUtf8()).object();
    static const char *const keys[] = {"events",
                                       "open_ms",
                                       "log_first_page_ms",
                                       "log_last_page_ms",
                                       "log_jump_to_middle_ms",
                                       "catalogue_first_page_ms",
                                       "peak_rss_mb"};
    for (const char *key : keys) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble() || v.toDouble() < 0)
            throw std::runtime_error(
                QStringLiteral("inspector: es-inspector-bench gave no %1 in: %2").arg(QLatin1String(key), out).toStdString());
        f[std::string("inspector_") + key] = v.toDouble();
    }
    return f;
}

} // namespace bench
