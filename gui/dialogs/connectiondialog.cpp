#include "dialogs/connectiondialog.h"

#include "secrets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

ConnectionDialog::ConnectionDialog(Secrets *secrets, QWidget *parent) : QDialog(parent), m_secrets(secrets)
{
    setWindowTitle(tr("Open a PostgreSQL database"));
    setObjectName(QStringLiteral("connectionDialog"));

    auto *layout = new QVBoxLayout(this);

    auto *savedRow = new QHBoxLayout;
    m_saved = new QComboBox(this);
    m_saved->setObjectName(QStringLiteral("savedConnections"));
    // Wide enough for the longest connection (user@host:port/db): a clipped one is no use. (With a
    // minimum contents length, QComboBox would leave the items out of its minimum width.)
    m_saved->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *savedLabel = new QLabel(tr("&Saved connections:"), this);
    savedLabel->setBuddy(m_saved);
    m_save = new QPushButton(tr("Sa&ve"), this);
    m_save->setToolTip(
        tr("Remember this connection (the password goes to the system keychain, never to the settings)"));
    m_delete = new QPushButton(tr("&Delete"), this);
    savedRow->addWidget(savedLabel);
    savedRow->addWidget(m_saved, 1);
    savedRow->addWidget(m_save);
    savedRow->addWidget(m_delete);
    layout->addLayout(savedRow);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("a name to save it under (optional)"));
    m_host = new QLineEdit(QStringLiteral("localhost"), this);
    m_host->setObjectName(QStringLiteral("host"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("database"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    m_sslMode->addItem(tr("(server default)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    m_remember = new QCheckBox(tr("&Remember the password in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_remember->setChecked(true);

    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("Data&base:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("SS&L mode:"), m_sslMode);
    form->addRow(QString(), m_remember);
    layout->addLayout(form);

    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    layout->addWidget(m_keychainNote);

    m_urlPreview = new QLabel(this);
    m_urlPreview->setObjectName(QStringLiteral("urlPreview"));
    m_urlPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlPreview->setStyleSheet(QStringLiteral("color: #606060;"));
    layout->addWidget(m_urlPreview);

    auto *note = new QLabel(tr("The database is opened read-only: the inspector never writes to it."), this);
    note->setWordWrap(true);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saved, &QComboBox::activated, this, &ConnectionDialog::savedChosen);
    connect(m_save, &QPushButton::clicked, this, &ConnectionDialog::saveCurrent);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionDialog::deleteCurrent);
    for (QLineEdit *e : {m_name, m_host, m_database, m_user, m_password})
        connect(e, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectionDialog::updateState);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateState);
    if (m_secrets)
        connect(m_secrets, &Secrets::keychainUnavailable, this, &ConnectionDialog::updateState);

    reloadSaved();
    updateState();
    m_host->setFocus();
}

void ConnectionDialog::reloadSaved(const QString &select)
{
    m_saved->clear();
    m_saved->addItem(tr("(new connection)"));
    const QList<SavedConnection> list = AppSettings::savedConnections();
    for (const SavedConnection &c : list) {
        // Very long ones shortened in the middle (the dialog would grow off the screen); whole in the
        // tooltip.
        const QString label = c.label();
        const QString shown = label.size() > 72 ? label.left(40) + QChar(0x2026) + label.right(31) : label;
        m_saved->addItem(shown, c.name);
        m_saved->setItemData(m_saved->count() - 1, label, Qt::ToolTipRole);
    }
    if (!select.isEmpty()) {
        const int i = m_saved->findData(select);
        if (i >= 0)
            m_saved->setCurrentIndex(i);
    }
    m_saved->setEnabled(!list.isEmpty());
}

void ConnectionDialog::savedChosen(int index)
{
    if (index <= 0)
        return;
    const QString name = m_saved->itemData(index).toString();
    const QList<SavedConnection> list = AppSettings::savedConnections();
    for (const SavedConnection &c : list) {
        if (c.name == name) {
            setConnection(c);
            m_password->clear();
            lookUpPassword();
            break;
        }
    }
}

void ConnectionDialog::lookUpPassword()
{
    if (!m_secrets)
        return;
    const SavedConnection c = connection();
    m_secrets->read(Secrets::postgresKey(c.user, c.host, c.port, c.database), this,
                    [this](bool found, const QString &value) {
                        if (found && m_password->text().isEmpty())
                            m_password->setText(value);
                    });
}

void ConnectionDialog::saveCurrent()
{
    SavedConnection c = connection();
    if (c.name.isEmpty()) {
        c.name = QStringLiteral("%1@%2/%3").arg(c.user, c.host, c.database);
        m_name->setText(c.name);
    }
    AppSettings::saveConnection(c);
    if (m_secrets && c.rememberPassword && !password().isEmpty())
        m_secrets->write(Secrets::postgresKey(c.user, c.host, c.port, c.database), password());
    reloadSaved(c.name);
    updateState();
}

void ConnectionDialog::deleteCurrent()
{
    const int index = m_saved->currentIndex();
    if (index <= 0)
        return;
    const QString name = m_saved->itemData(index).toString();
    for (const SavedConnection &c : AppSettings::savedConnections()) {
        if (c.name == name && m_secrets)
            m_secrets->remove(Secrets::postgresKey(c.user, c.host, c.port, c.database));
    }
    AppSettings::removeConnection(name);
    reloadSaved();
    updateState();
}

void ConnectionDialog::storeAccepted()
{
    const SavedConnection c = connection();
    if (!c.name.isEmpty())
        AppSettings::saveConnection(c);
    if (m_secrets && !password().isEmpty())
        m_secrets->write(Secrets::postgresKey(c.user, c.host, c.port, c.database), password(),
                         c.rememberPassword);
}

void ConnectionDialog::updateState()
{
    const bool complete = !m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty()
        && !m_user->text().trimmed().isEmpty();
    m_connect->setEnabled(complete);
    m_save->setEnabled(complete);
    m_delete->setEnabled(m_saved->currentIndex() > 0);
    const bool keychain = m_secrets && m_secrets->isKeychainAvailable();
    if (keychain) {
        m_keychainNote->clear();
        m_keychainNote->hide();
        m_remember->setText(tr("&Remember the password in the system keychain"));
    } else {
        m_keychainNote->setText(tr("No system keychain is available: the password is kept for this session "
                                   "only, never in the settings."));
        m_keychainNote->show();
        m_remember->setText(tr("&Remember the password for this session"));
    }
    m_urlPreview->setText(connection().url());
}

SavedConnection ConnectionDialog::connection() const
{
    SavedConnection c;
    c.name = m_name->text().trimmed();
    c.host = m_host->text().trimmed();
    c.port = m_port->value();
    c.database = m_database->text().trimmed();
    c.user = m_user->text().trimmed();
    c.sslMode = m_sslMode->currentData().toString();
    c.rememberPassword = m_remember->isChecked();
    return c;
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

bool ConnectionDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

QString ConnectionDialog::url() const
{
    QUrl u(connection().url());
    if (!password().isEmpty())
        u.setPassword(password(), QUrl::DecodedMode);
    return u.toString(QUrl::FullyEncoded);
}

void ConnectionDialog::setConnection(const SavedConnection &c)
{
    m_name->setText(c.name);
    m_host->setText(c.host);
    m_port->setValue(c.port);
    m_database->setText(c.database);
    m_user->setText(c.user);
    const int i = m_sslMode->findData(c.sslMode);
    m_sslMode->setCurrentIndex(i < 0 ? 0 : i);
    m_remember->setChecked(c.rememberPassword);
    updateState();
}

void ConnectionDialog::setPassword(const QString &value)
{
    m_password->setText(value);
}
