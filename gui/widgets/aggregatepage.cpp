#include "widgets/aggregatepage.h"

#include "models/eventsmodel.h"
#include "models/jsondiffmodel.h"
#include "models/recordcells.h"
#include "models/snapshotsmodel.h"
#include "widgets/jsontreeview.h"
#include "widgets/recorddetail.h"
#include "widgets/recordtable.h"
#include "workers/aggregatestate.h"
#include "workers/storesession.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace es::gui;

AggregatePage::AggregatePage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_events(new EventsModel(session, this)),
      m_snapshots(new SnapshotsModel(session, this)), m_loader(new AggregateStateLoader(session, this)),
      m_diff(new JsonDiffModel(session, this))
{
    setObjectName(QStringLiteral("aggregatePage"));
    auto *layout = new QVBoxLayout(this);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("aggregateHeading"));
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_heading);
    m_snapshotCheck = new QLabel(this);
    m_snapshotCheck->setObjectName(QStringLiteral("snapshotCheck"));
    m_snapshotCheck->setWordWrap(true);
    layout->addWidget(m_snapshotCheck);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("aggregateSplitter"));
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    // Left: the events and the selected event's payload.
    m_leftSplitter = new QSplitter(Qt::Vertical, m_splitter);
    m_leftSplitter->setObjectName(QStringLiteral("aggregateEventsSplitter"));
    m_leftSplitter->setChildrenCollapsible(false);
    auto *eventsBox = new QWidget(m_leftSplitter);
    auto *eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    auto *eventsLabel = new QLabel(tr("<b>&Events</b>"), eventsBox);
    eventsLayout->addWidget(eventsLabel);
    m_eventsTable = new RecordTable(eventsBox);
    m_eventsTable->setObjectName(QStringLiteral("eventsTable"));
    m_eventsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_eventsTable->setModel(m_events);
    m_eventsTable->setColumnHidden(EventsModel::NotificationIdColumn, false);
    eventsLabel->setBuddy(m_eventsTable);
    eventsLayout->addWidget(m_eventsTable, 1);
    m_eventDetail = new RecordDetail(m_leftSplitter);
    m_eventDetail->setObjectName(QStringLiteral("eventDetail"));
    m_eventDetail->clear(tr("Select an event to see its payload."));
    m_leftSplitter->setStretchFactor(0, 1);
    m_leftSplitter->setStretchFactor(1, 1);
    m_leftSplitter->setSizes({550, 450}); // scaled to the page when first laid out

    // Right: state at a version, diff, snapshots.
    m_side = new QTabWidget(m_splitter);
    m_side->setObjectName(QStringLiteral("aggregateSideTabs"));

    auto *statePane = new QWidget(m_side);
    auto *stateLayout = new QVBoxLayout(statePane);
    auto *sliderRow = new QHBoxLayout;
    auto *versionLabel = new QLabel(tr("&Version:"), statePane);
    m_slider = new QSlider(Qt::Horizontal, statePane);
    m_slider->setObjectName(QStringLiteral("versionSlider"));
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setPageStep(1);
    versionLabel->setBuddy(m_slider);
    m_versionBox = new QSpinBox(statePane);
    m_versionBox->setObjectName(QStringLiteral("versionBox"));
    m_useSnapshots = new QCheckBox(tr("Start from &snapshots"), statePane);
    m_useSnapshots->setChecked(true);
    m_useSnapshots->setToolTip(tr("Start from the newest snapshot at or below the version (as the repository "
                                  "does), or replay every event from the first"));
    sliderRow->addWidget(versionLabel);
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_versionBox);
    sliderRow->addWidget(m_useSnapshots);
    stateLayout->addLayout(sliderRow);
    m_stateStatus = new QLabel(statePane);
    m_stateStatus->setObjectName(QStringLiteral("stateStatus"));
    m_stateStatus->setWordWrap(true);
    stateLayout->addWidget(m_stateStatus);
    m_stateTree = new JsonTreeView(statePane);
    m_stateTree->setObjectName(QStringLiteral("stateTree"));
    stateLayout->addWidget(m_stateTree, 1);
    m_side->addTab(statePane, tr("S&tate"));

    auto *diffPane = new QWidget(m_side);
    auto *diffLayout = new QVBoxLayout(diffPane);
    auto *diffRow = new QHBoxLayout;
    m_diffFrom = new QSpinBox(diffPane);
    m_diffFrom->setObjectName(QStringLiteral("diffFrom"));
    m_diffTo = new QSpinBox(diffPane);
    m_diffTo->setObjectName(QStringLiteral("diffTo"));
    auto *fromLabel = new QLabel(tr("&From version:"), diffPane);
    fromLabel->setBuddy(m_diffFrom);
    auto *toLabel = new QLabel(tr("t&o:"), diffPane);
    toLabel->setBuddy(m_diffTo);
    m_compare = new QPushButton(tr("&Compare"), diffPane);
    diffRow->addWidget(fromLabel);
    diffRow->addWidget(m_diffFrom);
    diffRow->addWidget(toLabel);
    diffRow->addWidget(m_diffTo);
    diffRow->addWidget(m_compare);
    diffRow->addStretch(1);
    diffLayout->addLayout(diffRow);
    m_diffStatus = new QLabel(diffPane);
    m_diffStatus->setObjectName(QStringLiteral("diffStatus"));
    m_diffStatus->setWordWrap(true);
    diffLayout->addWidget(m_diffStatus);
    m_diffTable = new RecordTable(diffPane);
    m_diffTable->setObjectName(QStringLiteral("diffTable"));
    m_diffTable->setModel(m_diff);
    diffLayout->addWidget(m_diffTable, 1);
    m_side->addTab(diffPane, tr("&Diff"));

    auto *snapPane = new QSplitter(Qt::Vertical, m_side);
    snapPane->setObjectName(QStringLiteral("aggregateSnapshotsSplitter"));
    m_snapshotsTable = new RecordTable(snapPane);
    m_snapshotsTable->setObjectName(QStringLiteral("aggregateSnapshotsTable"));
    m_snapshotsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_snapshotsTable->setModel(m_snapshots);
    m_snapshotsTable->setColumnHidden(SnapshotsModel::AggregateColumn, true);
    m_snapshotDetail = new RecordDetail(snapPane);
    snapPane->setSizes({400, 600});
    m_snapshotDetail->clear(tr("Select a snapshot to see its state."));
    m_side->addTab(snapPane, tr("S&napshots"));

    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({550, 450});

    // Events: selecting one shows its payload and moves the state slider to its version.
    connect(m_eventsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const auto *record = m_events->record(current.row())) {
                    m_eventDetail->setRecord(*record);
                    if (m_sliderFollowsSelection && m_canRebuild && m_slider->isEnabled())
                        m_slider->setValue(static_cast<int>(record->originatorVersion));
                } else {
                    m_eventDetail->clear(tr("Select an event to see its payload."));
                }
            });
    connect(m_events, &EventsModel::pageArrived, this, [this] {
        if (m_eventsTable->currentRow() < 0 && m_events->rowCount() > 0) {
            // The first event's payload is shown, but the state stays at the last version: only a
            // row the user picks moves the slider. (Whether the first page came before or after
            // the aggregate's type was known used to decide which version was shown.)
            const QScopedValueRollback<bool> keep(m_sliderFollowsSelection, false);
            m_eventsTable->selectRow(0);
        }
        if (!m_summary && m_events->atEnd() && m_events->rowCount() > 0) {
            // No catalogue summary yet: the events themselves give the version range.
            const auto *first = m_events->record(0);
            const auto *last = m_events->record(m_events->rowCount() - 1);
            setVersionRange(first->originatorVersion, last->originatorVersion);
        }
    });
    connect(m_events, &EventsModel::errorOccurred, this, [this](const QString &message) {
        m_eventDetail->clear(tr("The events could not be read: %1").arg(message));
        emit statusMessage(message);
    });

    // The slider loads states as it stops: the loader supersedes the previous request.
    auto *sliderDebounce = new QTimer(this);
    sliderDebounce->setSingleShot(true);
    sliderDebounce->setInterval(60);
    connect(m_slider, &QSlider::valueChanged, this, [this, sliderDebounce](int v) {
        m_versionBox->blockSignals(true);
        m_versionBox->setValue(v);
        m_versionBox->blockSignals(false);
        // Until the state arrives, the page says which version is coming (never a stale one as current).
        m_stateStatus->setText(tr("Rebuilding version %1…").arg(v));
        sliderDebounce->start();
    });
    connect(m_versionBox, &QSpinBox::valueChanged, m_slider, &QSlider::setValue);
    connect(sliderDebounce, &QTimer::timeout, this, [this] { showVersion(m_slider->value()); });
    connect(m_useSnapshots, &QCheckBox::toggled, this, [this] { showVersion(m_slider->value()); });
    connect(m_loader, &AggregateStateLoader::stateLoaded, this, &AggregatePage::stateLoaded);
    connect(m_loader, &AggregateStateLoader::failed, this, [this](const QString &message) {
        m_stateLoading = false;
        m_stateStatus->setText(tr("<span style='color:#b00020'>The state cannot be rebuilt: %1</span>")
                                   .arg(message.toHtmlEscaped()));
        m_stateTree->clear();
    });
    connect(m_loader, &AggregateStateLoader::snapshotChecked, this,
            [this](const QUuid &id, bool has, const es::inspect::SnapshotComparison &comparison) {
                if (id == m_id)
                    snapshotChecked(has, comparison);
            });

    connect(m_compare, &QPushButton::clicked, this,
            [this] { compareVersions(m_diffFrom->value(), m_diffTo->value()); });
    connect(m_diff, &JsonDiffModel::compared, this,
            [this](const es::inspect::RebuiltAggregate &before, const es::inspect::RebuiltAggregate &after) {
                const int n = m_diff->rowCount();
                m_diffStatus->setText(n == 0 ? tr("No difference between version %1 and version %2.")
                                                   .arg(before.version)
                                                   .arg(after.version)
                                             : tr("%n change(s) from version %1 to version %2.", nullptr, n)
                                                   .arg(before.version)
                                                   .arg(after.version));
                m_diffTable->fitColumns(360);
            });
    connect(m_diff, &JsonDiffModel::errorOccurred, this, [this](const QString &message) {
        m_diffStatus->setText(
            tr("<span style='color:#b00020'>Cannot compare: %1</span>").arg(message.toHtmlEscaped()));
    });

    connect(m_snapshotsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const auto *record = m_snapshots->record(current.row()))
                    m_snapshotDetail->setRecord(*record);
                else
                    m_snapshotDetail->clear(tr("Select a snapshot to see its state."));
            });
    connect(m_snapshots, &SnapshotsModel::pageArrived, this,
            [this] { m_side->setTabText(2, tr("S&napshots (%1)").arg(m_snapshots->rowCount())); });

    setVersionRange(0, 0);
    updateHeader();
}

bool AggregatePage::isBusy() const
{
    return m_summaryPending || m_loader->isLoading() || m_diff->isLoading() || m_events->isLoading()
        || m_snapshots->isLoading();
}

void AggregatePage::setApplication(const QString &application)
{
    if (application == m_application)
        return;
    m_application = application;
    setAggregate(application, QUuid());
}

void AggregatePage::setAggregate(const QString &application, const QUuid &id,
                                 const std::optional<es::inspect::AggregateSummary> &summary)
{
    m_application = application;
    m_id = id;
    m_summary = summary;
    m_canRebuild = false;
    m_stateTree->clear();
    m_stateStatus->clear();
    m_snapshotCheck->clear();
    m_diff->clear();
    m_diffStatus->setText(tr("Choose two versions and press Compare."));
    m_eventDetail->clear(tr("Select an event to see its payload."));
    m_snapshotDetail->clear(tr("Select a snapshot to see its state."));
    m_events->setAggregate(application, id);
    m_snapshots->setApplication(id.isNull() ? QString() : application,
                                id.isNull() ? std::nullopt : std::optional<QUuid>(id));
    m_side->setTabText(2, tr("S&napshots"));
    setVersionRange(0, 0);
    ++m_summaryGeneration;
    m_summaryPending = false;
    if (id.isNull()) {
        updateHeader();
        return;
    }
    if (summary) {
        summaryArrived(summary);
    } else if (m_session && m_session->isOpen()) {
        // One catalogue look-up in the interactive lane for the type and the version range.
        std::optional<es::inspect::Source> source = m_session->trySource(application);
        if (source) {
            m_summaryPending = true;
            const quint64 generation = m_summaryGeneration;
            es::gui::JobOptions options;
            options.generation = generation;
            m_session->run(
                this, options,
                [source = *source, id](const es::gui::JobControl &) {
                    return es::inspect::AggregateCatalogue(source).find(id);
                },
                [this](std::optional<es::inspect::AggregateSummary> &&found, quint64 g) {
                    if (g != m_summaryGeneration)
                        return;
                    m_summaryPending = false;
                    summaryArrived(found);
                },
                [this, generation](const es::gui::JobFailure &failure) {
                    if (generation != m_summaryGeneration)
                        return;
                    m_summaryPending = false;
                    m_stateStatus->setText(
                        tr("The aggregate could not be looked up: %1").arg(failure.message));
                });
        }
    }
    // The latest snapshot against a full replay (when it has a snapshot and its type is known here).
    updateHeader();
}

void AggregatePage::summaryArrived(const std::optional<es::inspect::AggregateSummary> &summary)
{
    m_summary = summary;
    if (!summary) {
        updateHeader();
        m_stateStatus->setText(tr("This aggregate has no events."));
        return;
    }
    m_canRebuild = AggregateStateLoader::canRebuild(summary->type);
    setVersionRange(summary->firstVersion, summary->lastVersion);
    updateHeader();
    if (m_canRebuild) {
        m_loader->checkLatestSnapshot(m_application, m_id);
        showVersion(summary->lastVersion);
    } else {
        const QString why = summary->problem.isEmpty()
            ? tr("%1 is not registered in this program, so its state cannot be rebuilt (its events and "
                 "snapshots are "
                 "still shown). Link the library that defines it to see states and diffs.")
                  .arg(topicClass(summary->type))
            : tr("The state cannot be rebuilt: %1").arg(summary->problem);
        m_stateStatus->setText(why);
        m_snapshotCheck->setText(tr("Snapshot check: not available for unregistered types."));
        m_diffStatus->setText(why);
    }
    m_slider->setEnabled(m_canRebuild);
    m_versionBox->setEnabled(m_canRebuild);
    m_useSnapshots->setEnabled(m_canRebuild);
    m_compare->setEnabled(m_canRebuild);
}

void AggregatePage::setVersionRange(qint64 first, qint64 last)
{
    const int lo = static_cast<int>(first);
    const int hi = static_cast<int>(last);
    for (QSpinBox *box : {m_versionBox, m_diffFrom, m_diffTo}) {
        box->blockSignals(true);
        box->setRange(lo, hi);
        box->blockSignals(false);
    }
    m_slider->blockSignals(true);
    m_slider->setRange(lo, hi);
    m_slider->setValue(hi);
    m_slider->setTickInterval(std::max(1, (hi - lo) / 20));
    m_slider->blockSignals(false);
    m_versionBox->blockSignals(true);
    m_versionBox->setValue(hi);
    m_versionBox->blockSignals(false);
    m_diffFrom->setValue(std::max(lo, hi - 1));
    m_diffTo->setValue(hi);
    const bool enabled = hi > 0 && m_canRebuild;
    m_slider->setEnabled(enabled);
    m_versionBox->setEnabled(enabled);
    m_compare->setEnabled(enabled);
}

void AggregatePage::updateHeader()
{
    if (m_id.isNull()) {
        m_heading->setText(
            tr("No aggregate chosen: open one from the Aggregates page or the log (Enter on a row)."));
        return;
    }
    QString text
        = QStringLiteral("<b style='font-size:large'>%1</b> &nbsp; <tt>%2</tt>")
              .arg(m_summary ? topicClass(m_summary->type).toHtmlEscaped() : tr("Aggregate"), idText(m_id));
    if (m_summary) {
        QLocale locale;
        text += QStringLiteral("<br>")
            + tr("%1 events, versions %2–%3")
                  .arg(locale.toString(m_summary->events))
                  .arg(m_summary->firstVersion)
                  .arg(m_summary->lastVersion);
        if (m_summary->firstTimestamp)
            text += tr(" · created %1").arg(timestampText(*m_summary->firstTimestamp));
        if (m_summary->lastTimestamp)
            text += tr(" · modified %1").arg(timestampText(*m_summary->lastTimestamp));
        text += QStringLiteral("<br><span style='color:#707070'>%1</span>")
                    .arg(m_summary->type.toHtmlEscaped());
        if (!m_summary->problem.isEmpty())
            text += QStringLiteral("<br><span style='color:#b00020'>%1</span>")
                        .arg(m_summary->problem.toHtmlEscaped());
    }
    m_heading->setText(text);
}

void AggregatePage::showVersion(qint64 version)
{
    if (m_id.isNull() || !m_canRebuild)
        return;
    m_stateLoading = true;
    m_stateStatus->setText(tr("Rebuilding version %1…").arg(version));
    m_loader->load(m_application, m_id, version, m_useSnapshots->isChecked());
}

void AggregatePage::stateLoaded(const es::inspect::RebuiltAggregate &aggregate)
{
    if (aggregate.id != m_id)
        return;
    m_stateLoading = false;
    QString how = aggregate.snapshotVersion
        ? tr("from the snapshot at version %1 and %n event(s) after it", nullptr,
             static_cast<int>(aggregate.eventsApplied))
              .arg(*aggregate.snapshotVersion)
        : tr("by replaying %n event(s)", nullptr, static_cast<int>(aggregate.eventsApplied));
    m_stateStatus->setText(tr("State at version <b>%1</b>, rebuilt %2.").arg(aggregate.version).arg(how));
    m_stateTree->setValue(aggregate.json, 3);
}

void AggregatePage::snapshotChecked(bool hasSnapshot, const es::inspect::SnapshotComparison &comparison)
{
    if (!hasSnapshot) {
        m_snapshotCheck->setText(tr("No snapshot of this aggregate."));
        m_snapshotCheck->setStyleSheet(QStringLiteral("color: #606060;"));
        return;
    }
    if (comparison.matches) {
        m_snapshotCheck->setText(tr("✔ The latest snapshot (version %1) matches a full replay of the events.")
                                     .arg(comparison.snapshotVersion));
        m_snapshotCheck->setStyleSheet(QStringLiteral("color: #1b5e20;"));
    } else {
        QStringList paths;
        for (const auto &change : comparison.changes)
            paths << change.path;
        m_snapshotCheck->setText(tr("✘ The latest snapshot (version %1) differs from a full replay: %2")
                                     .arg(comparison.snapshotVersion)
                                     .arg(paths.join(QStringLiteral(", "))));
        m_snapshotCheck->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
}

void AggregatePage::compareVersions(qint64 from, qint64 to)
{
    if (m_id.isNull() || !m_canRebuild)
        return;
    m_diffFrom->setValue(static_cast<int>(from));
    m_diffTo->setValue(static_cast<int>(to));
    m_diffStatus->setText(tr("Comparing version %1 with version %2…").arg(from).arg(to));
    m_diff->compare(m_application, m_id, from, to);
}

void AggregatePage::refresh()
{
    const QUuid id = m_id;
    setAggregate(m_application, id);
}

QString AggregatePage::payloadJson() const
{
    if (m_stateTree->hasFocus())
        return m_stateTree->selectionJson();
    return m_eventDetail->payloadJson();
}
