#include "dialogs/remotelogdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

RemoteLogDialog::RemoteLogDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Open a remote notification log"));
    setObjectName(QStringLiteral("remoteLogDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The URL of an application's notification log served as JSON "
           "(NotificationLogJSONService, e.g. http://127.0.0.1:8000/). Only the log can be read."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_url = new QLineEdit(QStringLiteral("http://127.0.0.1:8000/"), this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setMinimumWidth(360);
    m_sectionSize = new QSpinBox(this);
    m_sectionSize->setRange(1, 100000);
    m_sectionSize->setValue(10);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Section size:"), m_sectionSize);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_ok->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QUrl u(text.trimmed());
        m_ok->setEnabled(u.isValid()
                         && (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https"))
                         && !u.host().isEmpty());
    });
}

QString RemoteLogDialog::url() const
{
    return m_url->text().trimmed();
}

void RemoteLogDialog::setUrl(const QString &url)
{
    m_url->setText(url);
}

int RemoteLogDialog::sectionSize() const
{
    return m_sectionSize->value();
}
