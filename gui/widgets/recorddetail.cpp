#include "widgets/recorddetail.h"

#include "es/inspect/exporter.h"
#include "models/recordcells.h"
#include "widgets/jsontreeview.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

QString RecordDetail::hexDump(const QByteArray &bytes, int limit)
{
    QString out = tr("The record cannot be decoded; its %n stored byte(s), as stored:", nullptr,
                     static_cast<int>(bytes.size()))
        + QLatin1Char('\n');
    const qsizetype n = std::min<qsizetype>(bytes.size(), limit);
    for (qsizetype row = 0; row < n; row += 16) {
        QString hex, text;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < n) {
                const auto c = static_cast<unsigned char>(bytes.at(i));
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                text += (c >= 0x20 && c < 0x7f) ? QChar(c) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == row + 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 %3\n").arg(row, 6, 16, QLatin1Char('0')).arg(hex, text);
    }
    if (bytes.size() > n)
        out += tr("… %n more byte(s)", nullptr, static_cast<int>(bytes.size() - n));
    return out;
}

RecordDetail::RecordDetail(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("recordHeading"));
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_heading);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("recordProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(
        QStringLiteral("QLabel { color: #b00020; background: #fde7ea; padding: 4px; border-radius: 3px; }"));
    m_problem->hide();
    layout->addWidget(m_problem);
    // The tree, or (for a record without a state, or none) a line saying why there is none: the pane
    // keeps its size either way.
    m_stack = new QStackedWidget(this);
    m_tree = new JsonTreeView(m_stack);
    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("payloadPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: #707070;"));
    // A record that cannot be decoded shows the bytes as stored (hex and text), so that what is there
    // can be seen: damaged JSON, a ciphertext, something else.
    m_bytes = new QPlainTextEdit(m_stack);
    m_bytes->setObjectName(QStringLiteral("storedBytes"));
    m_bytes->setReadOnly(true);
    m_bytes->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bytes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_bytes);
    layout->addWidget(m_stack, 1);
    clear();
}

void RecordDetail::clear(const QString &hint)
{
    m_record.reset();
    m_heading->setText(hint.isEmpty() ? tr("Select a record to see its payload.") : hint);
    m_problem->hide();
    m_tree->clear();
    m_placeholder->setText(tr("No payload to show."));
    m_stack->setCurrentWidget(m_placeholder);
}

void RecordDetail::setRecord(const es::inspect::DecodedRecord &record)
{
    m_record = record;
    QStringList parts;
    if (record.notificationId)
        parts << tr("Notification <b>%1</b>").arg(*record.notificationId);
    parts << tr("aggregate <tt>%1</tt> v<b>%2</b>")
                 .arg(es::gui::idText(record.originatorId))
                 .arg(record.originatorVersion);
    QString heading = parts.join(QStringLiteral(" · "));
    heading += QStringLiteral("<br><b>%1</b>").arg(es::gui::topicClass(record.topic).toHtmlEscaped());
    heading += QStringLiteral(" <span style='color:#707070'>%1</span>").arg(record.topic.toHtmlEscaped());
    const QString time = es::gui::recordTime(record);
    QStringList facts;
    facts << tr("stored as %1").arg(record.storage());
    facts << tr("%n byte(s)", nullptr, static_cast<int>(record.stored.size()));
    if (!time.isEmpty())
        facts << time;
    if (!record.topicKnown)
        facts << tr("topic not registered in this program (shown generically)");
    heading += QStringLiteral("<br><span style='color:#505050'>%1</span>")
                   .arg(facts.join(QStringLiteral(" · ")).toHtmlEscaped());
    m_heading->setText(heading);
    // The problem's name, then the decoder's reason (which may begin with the name already).
    QString problem;
    if (record.decoded.problem != es::DecodedState::Problem::None) {
        const QString name = es::DecodedState::problemName(record.decoded.problem);
        problem = record.decoded.error.startsWith(name)
            ? record.decoded.error
            : QStringLiteral("%1: %2").arg(name, record.decoded.error);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    // Without a state there is nothing to show as a tree: the problem above says why.
    if (record.decoded.hasState()) {
        m_tree->setRecord(record);
        m_stack->setCurrentWidget(m_tree);
    } else {
        m_tree->clear();
        m_bytes->setPlainText(hexDump(record.stored));
        m_stack->setCurrentWidget(m_bytes);
    }
}

QString RecordDetail::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

QString RecordDetail::payloadJson() const
{
    if (!m_record)
        return QString();
    if (m_record->decoded.hasState()) {
        try {
            return QString::fromUtf8(es::inspect::sortedJson(m_record->decoded.state));
        } catch (const std::exception &) { }
    }
    return es::gui::recordJson(*m_record);
}
