#pragma once
// The applications found in the store, with their counts as they arrive and whether their records
// need a key; choosing one (Enter, double-click) makes it the tab's application.
//
// Thread-safety: GUI thread only. Does not own the model.

#include "widgets/storepage.h"

namespace es::gui {
class ApplicationsModel;
}
class QLabel;
class RecordTable;

class ApplicationsPage : public StorePage
{
    Q_OBJECT
public:
    ApplicationsPage(es::gui::StoreSession *session, es::gui::ApplicationsModel *model,
                     QWidget *parent = nullptr);

    void setApplication(const QString &application) override;
    void refresh() override;
    RecordTable *table() const { return m_table; }

signals:
    void applicationChosen(const QString &application);

private:
    void updateSummary();

    es::gui::ApplicationsModel *m_model;
    QLabel *m_summary = nullptr;
    QLabel *m_notes = nullptr;
    RecordTable *m_table = nullptr;
};
