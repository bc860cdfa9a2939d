#pragma once
// The PostgreSQL connection dialog: host, port, database, user, password, SSL mode; saved connections
// (kept in QSettings without their passwords); the password offered from and saved to the keychain
// (Secrets). The dialog connects to nothing itself: the main window opens the URL it gives, off the
// GUI thread.
//
// Thread-safety: GUI thread only. Owns its widgets; does not own `secrets`.

#include "appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QPushButton;
class Secrets;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(Secrets *secrets, QWidget *parent = nullptr);

    // What the user entered (password excluded) and the password.
    SavedConnection connection() const;
    QString password() const;
    bool rememberPassword() const;
    // postgresql://user:password@host:port/db?sslmode=… (with the password: never store this one).
    QString url() const;

    void setConnection(const SavedConnection &connection);
    void setPassword(const QString &password);

    // Saves what is entered under its name (and its password in the keychain when asked to).
    void storeAccepted();

private slots:
    void savedChosen(int index);
    void saveCurrent();
    void deleteCurrent();
    void updateState();

private:
    void reloadSaved(const QString &select = QString());
    void lookUpPassword();

    Secrets *m_secrets = nullptr;
    QComboBox *m_saved = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_sslMode = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_urlPreview = nullptr;
    QPushButton *m_connect = nullptr;
};
