#pragma once
// The page shown when no store is open: what the inspector is, the ways to open a store (each the
// same QAction as in the File menu) and the recent stores (Enter or double-click opens one).
//
// Thread-safety: GUI thread only.

#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QListWidgetItem;

class StartPage : public QWidget
{
    Q_OBJECT
public:
    // `openActions` become buttons (the window keeps owning them).
    explicit StartPage(const QList<QAction *> &openActions, QWidget *parent = nullptr);

    // Re-reads the recent stores from the settings.
    void refreshRecent();
    // A line under the title (e.g. why the last open failed), "" to hide it.
    void setMessage(const QString &message, bool isError = false);
    QListWidget *recentList() const { return m_recent; }

signals:
    void openRequested(const QString &url);

private slots:
    void activate(QListWidgetItem *item);

private:
    QListWidget *m_recent = nullptr;
    QLabel *m_recentLabel = nullptr;
    QLabel *m_message = nullptr;
};
