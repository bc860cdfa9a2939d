#pragma once
// AggregateStateLoader: one aggregate's state at a version (for a version slider) and whether its
// latest snapshot matches a full replay, rebuilt by es::inspect::Rebuilder in the interactive lane.
//
// Each load() supersedes the one before: the earlier job is cancelled if it has not started and
// its answer is dropped if it has (a slider dragged across 100 versions yields one stateLoaded()
// for where it stopped, not 100). Failures (the type is not registered in this program, a record
// that cannot be decoded) arrive as failed() with the engine's message. The loaded state is
// snapshot-shaped JSON ({"id", "version", "topic", "state": {…}}) for JsonTreeModel::setValue().
// GUI thread only; the loader may be a child of the session.

#include "es/inspect/rebuild.h"
#include "workers/storesession.h"

#include <QObject>
#include <QPointer>
#include <QUuid>
#include <optional>

namespace es::gui {

class AggregateStateLoader : public QObject
{
    Q_OBJECT

public:
    explicit AggregateStateLoader(StoreSession *session, QObject *parent = nullptr);
    ~AggregateStateLoader() override;

    // The state of `id` at `version` (the last when none). Returns the job id.
    quint64 load(const QString &application, const QUuid &id, std::optional<qint64> version = std::nullopt,
                 bool useSnapshots = true);
    // The newest snapshot against a replay of the events up to its version.
    quint64 checkLatestSnapshot(const QString &application, const QUuid &id);
    // Whether aggregates of this class topic can be rebuilt in this program (registered types).
    static bool canRebuild(const QString &aggregateTopic);

    bool isLoading() const { return m_loadJob != 0 || m_checkJob != 0; }
    quint64 staleAnswersDropped() const { return m_loadGeneration.dropped() + m_checkGeneration.dropped(); }

signals:
    void stateLoaded(const es::inspect::RebuiltAggregate &aggregate);
    // hasSnapshot false: the aggregate has no snapshot (comparison is then empty).
    void snapshotChecked(const QUuid &id, bool hasSnapshot,
                         const es::inspect::SnapshotComparison &comparison);
    void failed(const QString &message);

private:
    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    quint64 m_loadJob = 0;
    quint64 m_checkJob = 0;
    es::inspect::CancelFlag m_loadCancel;
    Generation m_loadGeneration;
    Generation m_checkGeneration;
};

} // namespace es::gui

Q_DECLARE_METATYPE(es::inspect::SnapshotComparison)
