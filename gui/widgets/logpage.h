#pragma once
// The notification log of the application, two ways:
// - Rows: a lazy table from any id (LogModel keeps a window of rows around what is shown and fetches
//   pages both ways as the table scrolls); jump to an id, to the first, to the last; gap markers
//   where ids are missing; topic and time filters.
// - Sections: the log as the library pages it ("1,10", "11,20", …: LogSectionModel), stepping to the
//   previous and next section as a remote reader would.
// The selected record's payload shows below, as a JSON tree, or why it cannot be read.
//
// Thread-safety: GUI thread only.

#include "widgets/storepage.h"

namespace es::gui {
class LogModel;
class LogSectionModel;
} // namespace es::gui
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTabBar;
class RecordDetail;
class RecordTable;

class LogPage : public StorePage
{
    Q_OBJECT
public:
    explicit LogPage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    void setApplication(const QString &application) override;
    void refresh() override;
    void focusSearch() override;
    bool canNavigate() const override { return true; }
    void goFirst() override;
    void goLast() override;
    void goToId(qint64 id) override;
    QString payloadJson() const override;

    // Rows (0) or sections (1).
    void setMode(int mode);
    int mode() const;
    void showSection(const QString &sectionId);
    void setTopicFilter(const QString &topic);

    es::gui::LogModel *model() const { return m_model; }
    es::gui::LogSectionModel *sectionModel() const { return m_sections; }
    RecordTable *table() const { return m_table; }
    RecordTable *sectionTable() const { return m_sectionTable; }
    RecordDetail *detail() const { return m_detail; }
    QSplitter *splitter() const { return m_splitter; }
    QLabel *statusLabel() const { return m_status; }

private:
    void reportVisibleRows();
    void updateStatus();
    void updateSectionControls();
    void applyFilters();
    void showRecordOf(RecordTable *table, int row);

    es::gui::LogModel *m_model = nullptr;
    es::gui::LogSectionModel *m_sections = nullptr;
    QTabBar *m_modeBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLineEdit *m_goTo = nullptr;
    QComboBox *m_topic = nullptr;
    QCheckBox *m_fromOn = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QCheckBox *m_toOn = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QCheckBox *m_gaps = nullptr;
    RecordTable *m_table = nullptr;
    QPushButton *m_prevSection = nullptr;
    QPushButton *m_nextSection = nullptr;
    QLineEdit *m_sectionId = nullptr;
    QSpinBox *m_sectionSize = nullptr;
    QLabel *m_sectionInfo = nullptr;
    RecordTable *m_sectionTable = nullptr;
    QSplitter *m_splitter = nullptr;
    RecordDetail *m_detail = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
    qint64 m_pendingJump = -1;
};
