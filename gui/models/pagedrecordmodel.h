#pragma once
// PagedRecordModel: what EventsModel and SnapshotsModel share: a table of decoded records (no
// children) whose columns are record fields (recordcells.h), loaded lazily a page at a time through
// the session's workers (canFetchMore()/fetchMore()), started again from the first page when the
// subject, the session or its cipher keys change. An answer for a previous subject is dropped by its
// generation. GUI thread only; the model may be a child of its session (not used once the session
// is gone).
//
// A subclass says which fields its columns show, whether it has a subject (hasSubject()), how to
// forget its position (forgetPosition()) and how to ask for the next page (requestPage(), which
// calls loadPage()).

#include "models/modelroles.h"
#include "models/recordcells.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <optional>
#include <vector>

namespace es::gui {

class PagedRecordModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    ~PagedRecordModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setPageSize(int rows);
    // Starts again from the first page.
    void refresh();

    bool isLoading() const { return m_inFlight != 0; }
    bool atEnd() const { return m_atEnd; }
    const es::inspect::DecodedRecord *record(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void loadingChanged(bool loading);
    void pageArrived(int added);
    void errorOccurred(const QString &message);

protected:
    // `columns`: the field each column shows, in order.
    PagedRecordModel(StoreSession *session, std::vector<RecordField> columns, QObject *parent);

    // Drops the rows and loads the first page (the subject changed).
    void restart();
    const std::vector<es::inspect::DecodedRecord> &rows() const { return m_rows; }
    int pageSize() const { return m_pageSize; }
    // The source of `application`, or nullopt after reporting why not (errorOccurred) and ending.
    std::optional<es::inspect::Source> sourceOf(const QString &application);
    // Runs `work` (JobControl → a page with `rows`) in the session's workers; on its answer,
    // `position(page)` records where the next page starts and says whether this one was the last,
    // and the page's rows are appended.
    template<typename Work, typename Position>
    void loadPage(Work work, Position position);

private:
    virtual bool hasSubject() const = 0;
    virtual void forgetPosition() { }
    // Asks for the next page (not called while one is in flight or at the end).
    virtual void requestPage() = 0;

    void fetchNext();
    void append(std::vector<es::inspect::DecodedRecord> &rows);
    void fail(const JobFailure &failure);

    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    std::vector<RecordField> m_columns;
    int m_pageSize = 200;
    std::vector<es::inspect::DecodedRecord> m_rows;
    bool m_atEnd = true;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

template<typename Work, typename Position>
void PagedRecordModel::loadPage(Work work, Position position)
{
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options, std::move(work),
        [this, position = std::move(position)](auto page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_atEnd = position(page);
            append(page.rows);
        },
        [this](const JobFailure &failure) { fail(failure); });
    emit loadingChanged(true);
}

} // namespace es::gui
