#pragma once
// Asks for the cipher key of a store whose records are encrypted: base64 of 16, 24 or 32 bytes, typed
// or read from a key file, and whether to remember it in the system keychain for that store. Checks
// the form of the key only; whether it opens the records is found out by the decoder.
//
// Thread-safety: GUI thread only.

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

class CipherKeyDialog : public QDialog
{
    Q_OBJECT
public:
    // `what` says which store (and application) the key is for; `reason` why it is asked for
    // ("the records are encrypted", "the key given does not open them").
    CipherKeyDialog(const QString &what, const QString &reason, bool keychainAvailable,
                    QWidget *parent = nullptr);

    QString key() const;
    void setKey(const QString &key);
    bool remember() const;

    // "" when `key` is base64 of 16, 24 or 32 bytes; otherwise why not.
    static QString keyProblem(const QString &key);

private slots:
    void loadFile();
    void validate();

private:
    QLineEdit *m_key = nullptr;
    QCheckBox *m_show = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
};
