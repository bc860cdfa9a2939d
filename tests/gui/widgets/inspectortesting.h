#pragma once
// Helpers of the main window tests: a window with settings in a scratch folder and secrets kept for
// the session, opening a store and waiting for it, waiting for lazy models, and screenshots written
// to es::test::outputDir(). Test-thread (GUI thread) only.

#include "exampletypes.h"
#include "fixtures.h"
#include "i18n.h"
#include "mainwindow.h"
#include "models/applicationsmodel.h"
#include "widgets/storetab.h"
#include "workers/storesession.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QTest>
#include <functional>

namespace es::test {

// Settings of the tests' own (never the user's), no keychain, no key from the environment.
inline void isolateInspector(const QString &settingsDir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir);
    QApplication::setOrganizationName(QStringLiteral("qt-eventsourcing-tests"));
    QApplication::setApplicationName(QStringLiteral("es-inspector-tests"));
    qputenv("ES_INSPECTOR_NO_KEYCHAIN", "1");
    for (const char *name : {"CIPHER_KEY", "BANKACCOUNTS_CIPHER_KEY", "CIPHER_TOPIC"})
        qunsetenv(name);
    registerInspectorTypes();
    // English plural forms, as the app shows them ("1 event", "2 events").
    installInspectorTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
}

// Opens `url` in the window and waits until the tab is open or has failed.
inline StoreTab *openAndWait(MainWindow &window, const QString &url,
                             const es::inspect::OpenOptions &options = {}, int timeoutMs = 30000)
{
    StoreTab *tab = window.openStore(url, options);
    if (!tab)
        return nullptr;
    const bool settled = QTest::qWaitFor([&] { return tab->state() != StoreTab::State::Opening; }, timeoutMs);
    Q_UNUSED(settled); // the caller checks the state
    return tab;
}

inline bool waitCounts(StoreTab *tab, int timeoutMs = 30000)
{
    return QTest::qWaitFor([&] { return tab->applicationsModel()->allCountsKnown(); }, timeoutMs);
}

inline bool waitSessionIdle(StoreTab *tab, int timeoutMs = 30000)
{
    return tab->session()->waitForIdle(timeoutMs);
}

// fetchMore() until the model says no more, waiting for each page (isLoading()).
template<typename Model> bool fetchAll(Model &model, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        if (!QTest::qWaitFor([&] { return !model.isLoading(); }, timeoutMs))
            return false;
        if (!model.canFetchMore(QModelIndex()))
            return true;
        model.fetchMore(QModelIndex());
        if (timer.elapsed() > timeoutMs)
            return false;
    }
}

// Lets layouts settle and paints the widget into outputDir()/inspector-<name>.png. Returns the path.
inline QString screenshot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    QTest::qWait(50);
    const QString path = QDir(outputDir()).filePath(QStringLiteral("inspector-%1.png").arg(name));
    const QPixmap pixmap = widget->grab();
    if (!pixmap.save(path))
        return QString();
    return path;
}

// Replaces the first occurrence of `from` in a file by `to` (same length): damages a record in place,
// outside every API. False when `from` is not there.
inline bool patchFile(const QString &path, const QByteArray &from, const QByteArray &to)
{
    if (from.size() != to.size())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite))
        return false;
    QByteArray data = f.readAll();
    const qsizetype at = data.indexOf(from);
    if (at < 0)
        return false;
    data.replace(at, to.size(), to);
    f.seek(0);
    return f.write(data) == data.size();
}

// Runs `act` on the next modal dialog of type T once it is shown (a dialog's exec() blocks the test:
// the timer reaches into it). Gives up after `timeoutMs`.
template<typename T> void whenModal(const std::function<void(T *)> &act, int timeoutMs = 10000)
{
    auto *timer = new QTimer;
    auto *elapsed = new QElapsedTimer;
    elapsed->start();
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, elapsed, act, timeoutMs] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog && elapsed->elapsed() < timeoutMs)
            return;
        timer->stop();
        timer->deleteLater();
        delete elapsed;
        if (dialog)
            act(dialog);
    });
    timer->start();
}

// Lines of a reference jsonl file.
inline QList<QByteArray> jsonlLines(const QString &path)
{
    QByteArray text = readFile(path);
    if (text.endsWith('\n'))
        text.chop(1);
    return text.isEmpty() ? QList<QByteArray>() : text.split('\n');
}

// The rows of a model column as text (for messages).
inline QStringList columnTexts(const QAbstractItemModel *model, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data(role).toString();
    return out;
}

} // namespace es::test
