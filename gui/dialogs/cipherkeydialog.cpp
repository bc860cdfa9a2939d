#include "dialogs/cipherkeydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

CipherKeyDialog::CipherKeyDialog(const QString &what, const QString &reason, bool keychainAvailable,
                                 QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Cipher key"));
    setObjectName(QStringLiteral("cipherKeyDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(tr("<b>%1</b><br>%2<br>Enter the cipher key (CIPHER_KEY: base64 of 16, 24 or 32 bytes).")
                         .arg(what.toHtmlEscaped(), reason.toHtmlEscaped()),
                     this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setMinimumWidth(360);
    auto *load = new QPushButton(tr("From &file…"), this);
    row->addWidget(m_key, 1);
    row->addWidget(load);
    layout->addLayout(row);

    m_show = new QCheckBox(tr("&Show the key"), this);
    layout->addWidget(m_show);
    m_remember = new QCheckBox(
        keychainAvailable ? tr("&Remember the key in the system keychain for this store")
                          : tr("&Remember the key for this session (no system keychain is available)"),
        this);
    m_remember->setObjectName(QStringLiteral("remember"));
    m_remember->setChecked(false);
    layout->addWidget(m_remember);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Decode"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(load, &QPushButton::clicked, this, &CipherKeyDialog::loadFile);
    connect(m_key, &QLineEdit::textChanged, this, &CipherKeyDialog::validate);
    connect(m_show, &QCheckBox::toggled, this,
            [this](bool on) { m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    validate();
}

QString CipherKeyDialog::keyProblem(const QString &key)
{
    const QString k = key.trimmed();
    if (k.isEmpty())
        return tr("No key entered.");
    const auto decoded
        = QByteArray::fromBase64Encoding(k.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return tr("The key is not base64 text.");
    const qsizetype n = decoded.decoded.size();
    if (n != 16 && n != 24 && n != 32)
        return tr("The key decodes to %n byte(s); AES needs 16, 24 or 32.", nullptr, static_cast<int>(n));
    return QString();
}

void CipherKeyDialog::validate()
{
    const QString problem = keyProblem(m_key->text());
    m_problem->setText(m_key->text().isEmpty() ? QString() : problem);
    m_ok->setEnabled(problem.isEmpty());
}

void CipherKeyDialog::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Key file"), QString(),
                                                      tr("Key files (*.key *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_problem->setText(tr("Cannot read %1: %2").arg(path, f.errorString()));
        return;
    }
    m_key->setText(QString::fromLatin1(f.read(4096)).trimmed());
}

QString CipherKeyDialog::key() const
{
    return m_key->text().trimmed();
}

void CipherKeyDialog::setKey(const QString &key)
{
    m_key->setText(key);
}

bool CipherKeyDialog::remember() const
{
    return m_remember->isChecked();
}
