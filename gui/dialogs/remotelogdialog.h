#pragma once
// Asks for the URL of a remote notification log (an application's log served as JSON over HTTP,
// es/remotelog.h) and its section size. Thread-safety: GUI thread only.

#include <QDialog>

class QLineEdit;
class QSpinBox;
class QPushButton;

class RemoteLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RemoteLogDialog(QWidget *parent = nullptr);
    QString url() const;
    void setUrl(const QString &url);
    int sectionSize() const;

private:
    QLineEdit *m_url = nullptr;
    QSpinBox *m_sectionSize = nullptr;
    QPushButton *m_ok = nullptr;
};
