#pragma once
// What the pages of a store tab (applications, aggregates, one aggregate, log, snapshots, tracking,
// verify) have in common, so that the window's actions (Find, Refresh, Go to, First, Last, Copy
// payload) reach whichever page is shown. Each page reads through the store tab's StoreSession and
// the models in gui/models; none touches the database itself.
//
// Thread-safety: GUI thread only.

#include <QString>
#include <QUuid>
#include <QWidget>

namespace es::gui {
class StoreSession;
}

class StorePage : public QWidget
{
    Q_OBJECT
public:
    explicit StorePage(es::gui::StoreSession *session, QWidget *parent = nullptr)
        : QWidget(parent), m_session(session)
    { }

    es::gui::StoreSession *session() const { return m_session; }

    // The application whose records to show ("" for none).
    virtual void setApplication(const QString &application) = 0;
    QString application() const { return m_application; }

    virtual void refresh() { }
    // Find: puts the focus in the page's search field.
    virtual void focusSearch() { }
    // Navigation in a list of records (the log): first, last, an id.
    virtual bool canNavigate() const { return false; }
    virtual void goFirst() { }
    virtual void goLast() { }
    virtual void goToId(qint64 id) { Q_UNUSED(id); }
    // The payload of the record shown, as JSON ("" when none).
    virtual QString payloadJson() const { return QString(); }

signals:
    // Ask the tab to show an aggregate's page.
    void aggregateRequested(const QString &application, const QUuid &id);
    void statusMessage(const QString &message);

protected:
    es::gui::StoreSession *m_session;
    QString m_application;
};
