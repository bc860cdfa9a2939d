// esctl serve: an application's notification log as the remote log service (Python's interface.py
// JSON), read-only, until SIGINT or SIGTERM.
#include "esctl.h"

#include "es/remotelog.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace esctl {

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &c, 1);
}

int serve(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("serve takes no arguments"));
    quint16 port = 0;
    if (p.isSet(QStringLiteral("port"))) {
        const qint64 n = parseCount(p.value(QStringLiteral("port")), QStringLiteral("--port"));
        if (n > 65535)
            throw UsageError(QStringLiteral("--port wants a port number (0-65535), not %1").arg(n));
        port = static_cast<quint16>(n);
    }
    QHostAddress address(QHostAddress::LocalHost);
    if (p.isSet(QStringLiteral("address")) && !address.setAddress(p.value(QStringLiteral("address"))))
        throw UsageError(QStringLiteral("--address wants an IP address, not '%1'")
                             .arg(p.value(QStringLiteral("address"))));
    int sectionSize = 10;
    if (p.isSet(QStringLiteral("section-size")))
        sectionSize = static_cast<int>(std::max<qint64>(
            1, parseCount(p.value(QStringLiteral("section-size")), QStringLiteral("--section-size"))));

    const QString app = ctx.applicationName();
    auto store = ctx.store();
    es::NotificationLogJSONService service(store->notificationLog(app, sectionSize));
    const quint16 listening = service.listen(port, address);

    if (::pipe(signalPipe) != 0)
        throw es::InterfaceError(QStringLiteral("cannot set up signal handling"));
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(),
                     [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    ctx.print(service.url().toString());
    std::fflush(stdout);
    Context::note(
        QStringLiteral("serving the notification log of '%1' (%2) on port %3, read-only; Ctrl-C stops")
            .arg(app, store->displayUrl())
            .arg(listening));
    QCoreApplication::exec();
    service.close();
    return 0;
}

const Registration serveCommand(
    {QStringLiteral("serve"), QStringLiteral("serve [--port P] [--address A] [--section-size N]"),
     QStringLiteral("Serve an application's notification log over HTTP (the remote log)"), 85,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("port"), QStringLiteral("The port (default: any free one)."),
                      QStringLiteral("P")});
         p.addOption({QStringLiteral("address"),
                      QStringLiteral("The address to listen on (default 127.0.0.1)."), QStringLiteral("A")});
         p.addOption({QStringLiteral("section-size"),
                      QStringLiteral("Notifications per section (default 10)."), QStringLiteral("N")});
     },
     serve});

} // namespace

} // namespace esctl
