#pragma once
// One stored record in full: a heading (what it is: notification id, aggregate, version, topic), how
// it is stored, its problem in words when it cannot be read (needs key, wrong key or altered bytes,
// damaged, unknown type — with the decoder's reason), and its payload as a JSON tree — or, when it
// cannot be decoded, its stored bytes as a hex dump.
//
// Thread-safety: GUI thread only.

#include "es/inspect/decoding.h"

#include <QWidget>
#include <optional>

class JsonTreeView;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;

class RecordDetail : public QWidget
{
    Q_OBJECT
public:
    explicit RecordDetail(QWidget *parent = nullptr);

    void setRecord(const es::inspect::DecodedRecord &record);
    // Shows a hint instead of a record ("Select an event to see its payload").
    void clear(const QString &hint = QString());

    JsonTreeView *tree() const { return m_tree; }
    const std::optional<es::inspect::DecodedRecord> &record() const { return m_record; }
    // The payload as JSON (the record's `esctl export` line when it has no state), "" when none.
    QString payloadJson() const;
    QString problemText() const;
    // Offset, hex and printable text of the first `limit` bytes, 16 a line.
    static QString hexDump(const QByteArray &bytes, int limit = 4096);

private:
    QLabel *m_heading = nullptr;
    QLabel *m_problem = nullptr;
    JsonTreeView *m_tree = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QPlainTextEdit *m_bytes = nullptr;
    std::optional<es::inspect::DecodedRecord> m_record;
};
