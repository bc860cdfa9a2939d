#pragma once
// The inspector's demo store (`es-inspector --demo`, which `make run` uses): every example
// application written by the demo writer into the user's data folder the first time, then opened.
// The bank accounts application is stored encrypted; its key is kept beside the store
// (bankaccounts.key, readable by the user only — it is a demo) and handed to the decoder through
// BANKACCOUNTS_CIPHER_KEY, so that the demo opens with every record readable.
//
// Writing runs on a worker thread (a few seconds: every save is a durable commit) with a busy
// dialog; the GUI thread never waits on it. GUI thread only.

#include <QObject>
#include <QString>
#include <functional>

class QWidget;

class DemoStore : public QObject
{
    Q_OBJECT
public:
    // QStandardPaths' AppDataLocation + "/demo".
    static QString directory();

    // Calls `open(directory)` once the demo exists (at once when it does already), after setting
    // BANKACCOUNTS_CIPHER_KEY from its key file. Errors are shown to the user; nothing is opened then.
    static void ensure(QWidget *parent, const std::function<void(const QString &directory)> &open);
};
