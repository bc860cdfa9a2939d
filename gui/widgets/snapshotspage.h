#pragma once
// Every snapshot of the application by (aggregate, version), oldest or newest first, loaded page by
// page, with the selected snapshot's state as a JSON tree. Enter opens the snapshot's aggregate.
//
// Thread-safety: GUI thread only.

#include "widgets/storepage.h"

namespace es::gui {
class SnapshotsModel;
}
class QCheckBox;
class QLabel;
class QSplitter;
class RecordDetail;
class RecordTable;

class SnapshotsPage : public StorePage
{
    Q_OBJECT
public:
    explicit SnapshotsPage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    void setApplication(const QString &application) override;
    void refresh() override;
    QString payloadJson() const override;

    es::gui::SnapshotsModel *model() const { return m_model; }
    RecordTable *table() const { return m_table; }
    RecordDetail *detail() const { return m_detail; }
    QSplitter *splitter() const { return m_splitter; }

private:
    void updateStatus();

    es::gui::SnapshotsModel *m_model = nullptr;
    QCheckBox *m_newestFirst = nullptr;
    QLabel *m_status = nullptr;
    RecordTable *m_table = nullptr;
    QSplitter *m_splitter = nullptr;
    RecordDetail *m_detail = nullptr;
    QString m_error;
};
