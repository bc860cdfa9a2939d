#pragma once
// Verify: runs the verifier over the application (versions contiguous, ids in order, every record
// decodable, topics and types known, snapshots and tracking not ahead) in the background with
// progress and cancel, and lists its findings; Enter on a finding opens its aggregate.
//
// Thread-safety: GUI thread only.

#include "widgets/storepage.h"

namespace es::gui {
class FindingsModel;
}
class QLabel;
class QPushButton;
class QProgressBar;
class RecordTable;

class VerifyPage : public StorePage
{
    Q_OBJECT
public:
    explicit VerifyPage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    void setApplication(const QString &application) override;
    void refresh() override { start(); }
    void start();
    void cancel();

    es::gui::FindingsModel *model() const { return m_model; }
    RecordTable *table() const { return m_table; }
    QLabel *summary() const { return m_summary; }
    // The selected finding in full (messages are longer than a cell).
    QLabel *findingDetail() const { return m_detail; }

signals:
    void verifyFinished(bool clean);

private:
    void finished(bool clean);

    es::gui::FindingsModel *m_model = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    RecordTable *m_table = nullptr;
    QLabel *m_detail = nullptr;
};
