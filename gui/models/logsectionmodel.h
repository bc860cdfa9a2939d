#pragma once
// LogSectionModel: one section of the notification log as the library pages it — Python's
// log["1,10"] (es::inspect::LogPager::section) — with the ids of the sections before and after,
// for a view that steps through the log as a remote reader would (table, no children).
//
// Columns and roles: as LogModel (no gap rows: a section lists what the library returns).
// showSection() replaces the rows; sectionId() is the section the library returned ("" when
// empty), nextSectionId() the following one when this one was full (as Section.next_id),
// previousSectionId() the one before (computed from the section size; "" at the start).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <vector>

namespace es::gui {

class LogSectionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        AggregateColumn,
        VersionColumn,
        TopicColumn,
        TimeColumn,
        StoredColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit LogSectionModel(StoreSession *session, QObject *parent = nullptr);
    ~LogSectionModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The application and section size (Python's section_size, default 10); shows the first section.
    void setApplication(const QString &application, int sectionSize = 10);
    // Shows the section with this id ("1,10"; the library also accepts other ranges and clips them).
    // A bad id arrives as errorOccurred() with the library's message.
    void showSection(const QString &sectionId);
    void showNext();
    void showPrevious();

    QString application() const { return m_application; }
    int sectionSize() const { return m_size; }
    QString requestedSectionId() const { return m_requested; }
    QString sectionId() const { return m_sectionId; }
    QString nextSectionId() const { return m_nextId; }
    QString previousSectionId() const;
    bool isLoading() const { return m_inFlight != 0; }
    const es::inspect::DecodedRecord *record(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void sectionShown(const QString &sectionId);
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

private:
    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    int m_size = 10;
    QString m_requested;
    QString m_sectionId;
    QString m_nextId;
    std::vector<es::inspect::DecodedRecord> m_rows;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

} // namespace es::gui
