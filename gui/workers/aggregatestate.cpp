#include "workers/aggregatestate.h"

namespace es::gui {

AggregateStateLoader::AggregateStateLoader(StoreSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{ }

AggregateStateLoader::~AggregateStateLoader()
{
    if (m_session)
        m_session->cancelAll(this);
}

bool AggregateStateLoader::canRebuild(const QString &aggregateTopic)
{
    return es::inspect::Rebuilder::canRebuild(aggregateTopic);
}

quint64 AggregateStateLoader::load(const QString &application, const QUuid &id, std::optional<qint64> version,
                                   bool useSnapshots)
{
    m_loadCancel.cancel(); // a load not started yet never runs
    m_loadCancel = es::inspect::CancelFlag();
    const quint64 generation = m_loadGeneration.bump();
    QString error;
    const auto source = m_session->trySource(application, &error);
    if (!source) {
        m_loadJob = 0;
        emit failed(error);
        return 0;
    }
    JobOptions options;
    options.generation = generation;
    options.cancel = m_loadCancel;
    m_loadJob = m_session->run(
        this, options,
        [s = *source, id, version, useSnapshots](const JobControl &control) {
            control.cancelFlag().throwIfCancelled();
            return es::inspect::Rebuilder(s).rebuild(id, version, useSnapshots);
        },
        [this](const es::inspect::RebuiltAggregate &aggregate, quint64 gen) {
            if (!m_loadGeneration.accept(gen))
                return;
            m_loadJob = 0;
            emit stateLoaded(aggregate);
        },
        [this](const JobFailure &failure) {
            if (!m_loadGeneration.accept(failure.generation))
                return;
            m_loadJob = 0;
            if (!failure.cancelled)
                emit failed(failure.message);
        });
    return m_loadJob;
}

quint64 AggregateStateLoader::checkLatestSnapshot(const QString &application, const QUuid &id)
{
    if (m_checkJob)
        m_session->cancel(m_checkJob);
    const quint64 generation = m_checkGeneration.bump();
    QString error;
    const auto source = m_session->trySource(application, &error);
    if (!source) {
        m_checkJob = 0;
        emit failed(error);
        return 0;
    }
    JobOptions options;
    options.generation = generation;
    m_checkJob = m_session->run(
        this, options,
        [s = *source, id](const JobControl &) { return es::inspect::Rebuilder(s).checkLatestSnapshot(id); },
        [this, id](const std::optional<es::inspect::SnapshotComparison> &comparison, quint64 gen) {
            if (!m_checkGeneration.accept(gen))
                return;
            m_checkJob = 0;
            emit snapshotChecked(id, comparison.has_value(),
                                 comparison.value_or(es::inspect::SnapshotComparison()));
        },
        [this](const JobFailure &failure) {
            if (!m_checkGeneration.accept(failure.generation))
                return;
            m_checkJob = 0;
            if (!failure.cancelled)
                emit failed(failure.message);
        });
    return m_checkJob;
}

} // namespace es::gui
