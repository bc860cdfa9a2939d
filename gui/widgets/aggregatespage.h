#pragma once
// The aggregate catalogue of the application: loaded page by page as the table scrolls (a 10M-event
// store shows its first page at once), searched by id prefix, filtered by type, sorted by id either
// way (the order button or the Id header) and, when the catalogue is loaded whole, by any column's
// header (a paged one stays in id order and the status line says why); totals by type counted in
// the background (at once when the catalogue is one page, on request otherwise). Enter or double-click opens
// an aggregate.
//
// Thread-safety: GUI thread only.

#include "widgets/storepage.h"

namespace es::gui {
class CatalogueModel;
}
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class RecordTable;

class AggregatesPage : public StorePage
{
    Q_OBJECT
public:
    explicit AggregatesPage(es::gui::StoreSession *session, QWidget *parent = nullptr);

    void setApplication(const QString &application) override;
    void refresh() override;
    void focusSearch() override;
    // Counts the aggregates of each type (and in all) in the background; the type filter lists them.
    void countTypes();

    es::gui::CatalogueModel *model() const { return m_model; }
    RecordTable *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *typeFilter() const { return m_type; }

private:
    void applySearch();
    void applyType();
    void updateStatus();
    void headerClicked(int section);

    es::gui::CatalogueModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_type = nullptr;
    QToolButton *m_order = nullptr;
    QLabel *m_status = nullptr;
    RecordTable *m_table = nullptr;
    QString m_error;
    bool m_totalsAsked = false;
};
