#pragma once
// One aggregate: its events (version, topic, time, how stored, status) with the selected event's
// payload as a JSON tree; for types registered in this program its state at any version (a slider)
// and the diff between two versions; its snapshots; and whether its latest snapshot matches a full
// replay of its events. Everything is read through the session's workers: EventsModel, SnapshotsModel,
// AggregateStateLoader, JsonDiffModel and one catalogue look-up for the aggregate's summary.
//
// Thread-safety: GUI thread only.

#include "es/inspect/catalogue.h"
#include "widgets/storepage.h"

#include <optional>

namespace es::gui {
class AggregateStateLoader;
class EventsModel;
class JsonDiffModel;
class SnapshotsModel;
} // namespace es::gui
namespace es::inspect {
struct RebuiltAggregate;
struct SnapshotComparison;
} // namespace es::inspect
class JsonTreeView;
class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;
class QTabWidget;
class RecordDetail;
class RecordTable;

class AggregatePage : public StorePage
{
    Q_OBJECT
public:
    explicit AggregatePage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    // Another application clears the page (an aggregate belongs to one).
    void setApplication(const QString &application) override;
    // Shows an aggregate (its summary, when the caller has it, saves a look-up).
    void setAggregate(const QString &application, const QUuid &id,
                      const std::optional<es::inspect::AggregateSummary> &summary = std::nullopt);
    QUuid aggregate() const { return m_id; }
    void refresh() override;
    QString payloadJson() const override;

    // The state slider's version; moving it loads that version's state.
    void showVersion(qint64 version);
    // Compares two versions in the diff tab.
    void compareVersions(qint64 from, qint64 to);

    es::gui::EventsModel *eventsModel() const { return m_events; }
    RecordTable *eventsTable() const { return m_eventsTable; }
    RecordDetail *eventDetail() const { return m_eventDetail; }
    QSlider *versionSlider() const { return m_slider; }
    JsonTreeView *stateTree() const { return m_stateTree; }
    QLabel *stateStatus() const { return m_stateStatus; }
    QLabel *snapshotCheck() const { return m_snapshotCheck; }
    QTabWidget *sideTabs() const { return m_side; }
    es::gui::JsonDiffModel *diffModel() const { return m_diff; }
    QSplitter *splitter() const { return m_splitter; }
    // True while a state, diff or check is on its way.
    bool isBusy() const;

private:
    void summaryArrived(const std::optional<es::inspect::AggregateSummary> &summary);
    void updateHeader();
    void stateLoaded(const es::inspect::RebuiltAggregate &aggregate);
    void snapshotChecked(bool hasSnapshot, const es::inspect::SnapshotComparison &comparison);
    void setVersionRange(qint64 first, qint64 last);

    es::gui::EventsModel *m_events = nullptr;
    es::gui::SnapshotsModel *m_snapshots = nullptr;
    es::gui::AggregateStateLoader *m_loader = nullptr;
    es::gui::JsonDiffModel *m_diff = nullptr;

    QUuid m_id;
    std::optional<es::inspect::AggregateSummary> m_summary;
    bool m_canRebuild = false;
    bool m_sliderFollowsSelection = true; // false while the page selects the first event itself
    quint64 m_summaryGeneration = 0;
    bool m_summaryPending = false;

    QLabel *m_heading = nullptr;
    QLabel *m_snapshotCheck = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    RecordTable *m_eventsTable = nullptr;
    RecordDetail *m_eventDetail = nullptr;
    QTabWidget *m_side = nullptr;
    QSlider *m_slider = nullptr;
    QSpinBox *m_versionBox = nullptr;
    QCheckBox *m_useSnapshots = nullptr;
    QLabel *m_stateStatus = nullptr;
    JsonTreeView *m_stateTree = nullptr;
    QSpinBox *m_diffFrom = nullptr;
    QSpinBox *m_diffTo = nullptr;
    QPushButton *m_compare = nullptr;
    QLabel *m_diffStatus = nullptr;
    RecordTable *m_diffTable = nullptr;
    RecordTable *m_snapshotsTable = nullptr;
    RecordDetail *m_snapshotDetail = nullptr;
    bool m_stateLoading = false;
};
