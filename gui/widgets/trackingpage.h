#pragma once
// The tracking records of the store's process applications: for each follower, its position in each
// upstream application it follows and how far behind it is (the upstream's last notification id minus
// the position). Read again with Refresh (lags move while followers run).
//
// Thread-safety: GUI thread only.

#include "widgets/storepage.h"

namespace es::gui {
class TrackingModel;
}
class QCheckBox;
class QLabel;
class RecordTable;

class TrackingPage : public StorePage
{
    Q_OBJECT
public:
    explicit TrackingPage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    // Tracking is shown for every follower of the store; the application only selects its rows.
    void setApplication(const QString &application) override;
    void refresh() override;
    // Loads the positions the first time the page is shown.
    void ensureLoaded();

    es::gui::TrackingModel *model() const { return m_model; }
    RecordTable *table() const { return m_table; }

private:
    void updateStatus();

    es::gui::TrackingModel *m_model = nullptr;
    QLabel *m_status = nullptr;
    QCheckBox *m_counts = nullptr;
    RecordTable *m_table = nullptr;
    QString m_error;
    bool m_loaded = false;
};
