#include "demostore.h"

#include "demo/demo.h"
#include "es/cipher.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr const char *KeyFileName = "bankaccounts.key";

bool isComplete(const QString &dir)
{
    return QFileInfo::exists(dir + QStringLiteral("/counters.sqlite")) && QFileInfo::exists(dir + QLatin1Char('/') + QLatin1String(KeyFileName));
}

void useKey(const QString &dir)
{
    QFile f(dir + QLatin1Char('/') + QLatin1String(KeyFileName));
    if (f.open(QIODevice::ReadOnly))
        qputenv("BANKACCOUNTS_CIPHER_KEY", f.readAll().trimmed());
}

// Writes the demo into `target`: first into a sibling folder, renamed when complete, so that an
// interrupted run never leaves a half demo that the next run would take for a whole one.
QString writeDemo(const QString &target, const std::function<void(const QString &)> &progress)
{
    const QString partial = target + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    if (!QDir().mkpath(partial))
        return QCoreApplication::translate("DemoStore", "Cannot create %1.").arg(partial);
    try {
        const QString key = es::AESCipher::createKey(32);
        demo::Options o;
        o.examples = {QStringLiteral("all")};
        o.url = partial;
        o.key = key;
        demo::write(o, progress);
        QFile keyFile(partial + QLatin1Char('/') + QLatin1String(KeyFileName));
        if (!keyFile.open(QIODevice::WriteOnly) || keyFile.write(key.toLatin1() + '\n') < 0)
            return QCoreApplication::translate("DemoStore", "Cannot write the demo's key file: %1").arg(keyFile.errorString());
        keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        keyFile.close();
    } catch (const std::exception &e) {
        QDir(partial).removeRecursively();
        return QString::fromUtf8(e.what());
    }
    QDir(target).removeRecursively();
    if (!QDir().rename(partial, target))
        return QCoreApplication::translate("DemoStore", "Cannot move the demo into %1.").arg(target);
    return {};
}

} // namespace

QString DemoStore::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
}

void DemoStore::ensure(QWidget *parent, const std::function<void(const QString &)> &open)
{
    const QString dir = directory();
    if (isComplete(dir)) {
        useKey(dir);
        open(dir);
        return;
    }
    auto *dialog = new QProgressDialog(QCoreApplication::translate("DemoStore", "Writing the demo store into %1…").arg(dir),
                                       QString(), 0, 0, parent);
    dialog->setWindowTitle(QCoreApplication::translate("DemoStore", "Demo store"));
    dialog->setMinimumDuration(0);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    QPointer<QProgressDialog> guard(dialog);
    auto progress = [guard](const QString &step) {
        QMetaObject::invokeMethod(qApp, [guard, step] {
            if (guard)
                guard->setLabelText(step);
        }, Qt::QueuedConnection);
    };
    auto *watcher = new QFutureWatcher<QString>(parent);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, parent, [watcher, guard, parent, dir, open] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (guard)
            guard->close();
        if (!error.isEmpty()) {
            QMessageBox::critical(parent, QCoreApplication::translate("DemoStore", "Demo store"),
                                  QCoreApplication::translate("DemoStore", "The demo store could not be written: %1").arg(error));
            return;
        }
        useKey(dir);
        open(dir);
    });
    watcher->setFuture(QtConcurrent::run([dir, progress] { return writeDemo(dir, progress); }));
}
