#include "widgets/startpage.h"

#include "appsettings.h"

#include <QAction>
#include <QFileInfo>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

StartPage::StartPage(const QList<QAction *> &openActions, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 36, 48, 36);

    auto *title = new QLabel(tr("<h1>Event Store Inspector</h1>"), this);
    outer->addWidget(title);
    auto *subtitle = new QLabel(tr("Open an event store written by Python's eventsourcing library or by this "
                                   "engine: a SQLite file, a folder of "
                                   "them (a system), a PostgreSQL database or a remote notification log. "
                                   "Stores are opened read-only."),
                                this);
    subtitle->setWordWrap(true);
    outer->addWidget(subtitle);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("startMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    outer->addWidget(m_message);
    outer->addSpacing(16);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (QAction *action : openActions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumWidth(220);
        button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        auto *hint = new QLabel(
            action->toolTip() == action->text().remove(QLatin1Char('&')) ? QString() : action->toolTip(),
            this);
        hint->setStyleSheet(QStringLiteral("color: #606060;"));
        QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
        if (!shortcut.isEmpty())
            hint->setText(hint->text().isEmpty() ? shortcut
                                                 : QStringLiteral("%1  (%2)").arg(hint->text(), shortcut));
        grid->addWidget(button, row, 0);
        grid->addWidget(hint, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    outer->addLayout(grid);
    outer->addSpacing(20);

    m_recentLabel = new QLabel(tr("<b>&Recent stores</b>"), this);
    outer->addWidget(m_recentLabel);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentStores"));
    m_recent->setAlternatingRowColors(true);
    m_recentLabel->setBuddy(m_recent);
    outer->addWidget(m_recent, 1);
    auto *dropHint
        = new QLabel(tr("You can also drop a store file or folder on this window, or give its path or URL "
                        "on the command line: es-inspector <path-or-url>."),
                     this);
    dropHint->setWordWrap(true);
    dropHint->setStyleSheet(QStringLiteral("color: #606060;"));
    outer->addWidget(dropHint);

    connect(m_recent, &QListWidget::itemActivated, this, &StartPage::activate);
    refreshRecent();
}

void StartPage::refreshRecent()
{
    m_recent->clear();
    const QStringList recent = AppSettings::recentStores();
    for (const QString &url : recent) {
        auto *item = new QListWidgetItem(url, m_recent);
        item->setData(Qt::UserRole, url);
        const QFileInfo fi(url);
        if (fi.isAbsolute() && !fi.exists()) {
            item->setText(tr("%1  (missing)").arg(url));
            item->setForeground(QColor(0x90, 0x90, 0x90));
            item->setToolTip(tr("%1 no longer exists").arg(url));
        } else {
            item->setToolTip(url);
        }
    }
    if (recent.isEmpty()) {
        auto *item = new QListWidgetItem(tr("(no recent stores yet)"), m_recent);
        item->setFlags(Qt::NoItemFlags);
    } else {
        m_recent->setCurrentRow(0);
    }
}

void StartPage::setMessage(const QString &message, bool isError)
{
    m_message->setText(message);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!message.isEmpty());
}

void StartPage::activate(QListWidgetItem *item)
{
    const QString url = item ? item->data(Qt::UserRole).toString() : QString();
    if (!url.isEmpty())
        emit openRequested(url);
}
