// es-inspector-bench: the Event Store Inspector's figures on a big SQLite store (DESIGN §3.4,
// issue 9) — time to the first page of the notification log in LogModel, to the last page (jump to
// the last id), to the first page of the catalogue in CatalogueModel, and the process's peak RSS.
//
//   es-inspector-bench [--events N] [--per-aggregate K] [--page-size P] [--store FILE] [--keep]
//
// Without --store it builds a store of N events (default 10,000,000; K per aggregate, default 10)
// in a temporary folder first — in a child process, through the engine's own SQLite recorder (the
// Python schema; batches of 20,000 events per transaction), so that building does not count in the
// measured process's peak RSS — and deletes it at the end unless --keep. With --store FILE it
// measures that store (built by an earlier --keep run, or any store with one application).
// The measured process is what the inspector runs: a StoreSession with its worker threads and the
// models on the GUI thread (offscreen platform), timing from the request to the model's answer.
// Prints one JSON object on one line to stdout; progress goes to stderr.

#include "es/infrastructure.h"
#include "es/persistence.h"
#include "es/uuid.h"
#include "models/cataloguemodel.h"
#include "models/logmodel.h"
#include "workers/storesession.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>
#include <cstdio>
#include <memory>

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// Peak resident set size of this process in MiB (VmHWM), or -1.
double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

QByteArray isoAt(qint64 micros)
{
    return QDateTime::fromMSecsSinceEpoch(micros / 1000, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
               .toLatin1()
        + '.' + QByteArray::number(micros % 1000000).rightJustified(6, '0') + "+00:00";
}

// Builds the store (child process): N events of bank-account-like aggregates, K events each.
int buildStore(const QString &path, qint64 events, int perAggregate)
{
    QMap<QString, QString> vars;
    vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
    vars.insert(QStringLiteral("SQLITE_DBNAME"), path);
    auto factory = es::InfrastructureFactory::construct(es::Environment(QStringLiteral("bench"), vars));
    std::shared_ptr<es::ApplicationRecorder> recorder = factory->applicationRecorder();
    const QString opened
        = QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened");
    const QString credited
        = QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.TransactionAppended");
    const qint64 start = QDateTime::currentMSecsSinceEpoch() * 1000 - events * 1000;
    std::vector<es::StoredEvent> batch;
    batch.reserve(20000);
    QUuid id;
    QElapsedTimer timer;
    timer.start();
    for (qint64 n = 0; n < events; ++n) {
        const qint64 version = n % perAggregate + 1;
        if (version == 1)
            id = QUuid::createUuid();
        es::StoredEvent e;
        e.originatorId = id;
        e.originatorVersion = version;
        const QByteArray ts
            = "{\"_type_\": \"datetime_iso\", \"_data_\": \"" + isoAt(start + n * 1000) + "\"}";
        if (version == 1) {
            e.topic = opened;
            e.state = "{\"full_name\": \"Holder " + QByteArray::number(n) + "\", \"email_address\": \"holder"
                + QByteArray::number(n) + "@example.com\", \"timestamp\": " + ts
                + ", \"originator_topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount\"}";
        } else {
            e.topic = credited;
            e.state = "{\"amount\": {\"_type_\": \"decimal_str\", \"_data_\": \""
                + QByteArray::number(n % 1000) + ".00\"}, \"timestamp\": " + ts + "}";
        }
        batch.push_back(std::move(e));
        if (batch.size() == 20000 || n + 1 == events) {
            recorder->insertEvents(batch);
            batch.clear();
            if ((n + 1) % 1000000 == 0 || n + 1 == events)
                err() << "built " << (n + 1) << " events in " << static_cast<double>(timer.elapsed()) / 1000.0 << " s" << Qt::endl;
        }
    }
    return 0;
}

// Waits (processing events) until `done` or the timeout; returns the elapsed milliseconds or -1.
template<typename F> double timeUntil(F done, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The Event Store Inspector's figures on a big SQLite store."));
    parser.addHelpOption();
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("Events in the built store."),
                                       QStringLiteral("N"), QStringLiteral("10000000"));
    const QCommandLineOption perOpt(QStringLiteral("per-aggregate"), QStringLiteral("Events per aggregate."),
                                    QStringLiteral("K"), QStringLiteral("10"));
    const QCommandLineOption pageOpt(QStringLiteral("page-size"),
                                     QStringLiteral("Rows per page of the models."), QStringLiteral("P"),
                                     QStringLiteral("200"));
    const QCommandLineOption storeOpt(QStringLiteral("store"),
                                      QStringLiteral("Measure this store instead of building one."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption keepOpt(QStringLiteral("keep"),
                                     QStringLiteral("Keep the built store (its path goes to stderr)."));
    const QCommandLineOption buildOpt(QStringLiteral("build-only"),
                                      QStringLiteral("(internal) build FILE and exit."),
                                      QStringLiteral("FILE"));
    parser.addOptions({eventsOpt, perOpt, pageOpt, storeOpt, keepOpt, buildOpt});
    parser.process(app);
    const qint64 events = parser.value(eventsOpt).toLongLong();
    const int perAggregate = std::max(1, parser.value(perOpt).toInt());
    const int pageSize = std::max(1, parser.value(pageOpt).toInt());

    if (parser.isSet(buildOpt)) {
        try {
            return buildStore(parser.value(buildOpt), events, perAggregate);
        } catch (const std::exception &e) {
            err() << "es-inspector-bench: " << e.what() << Qt::endl;
            return 1;
        }
    }

    QTemporaryDir tmp;
    QString store = parser.value(storeOpt);
    double buildSeconds = -1;
    if (store.isEmpty()) {
        tmp.setAutoRemove(!parser.isSet(keepOpt));
        store = tmp.filePath(QStringLiteral("bench.sqlite"));
        err() << "building " << events << " events in " << store << Qt::endl;
        QElapsedTimer t;
        t.start();
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--build-only"), store, QStringLiteral("--events"),
                     QString::number(events), QStringLiteral("--per-aggregate"),
                     QString::number(perAggregate)});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            err() << "es-inspector-bench: building the store failed" << Qt::endl;
            return 1;
        }
        buildSeconds = static_cast<double>(t.elapsed()) / 1000.0;
        if (parser.isSet(keepOpt))
            err() << "kept " << store << Qt::endl;
    }
    const QString application = QFileInfo(store).completeBaseName();

    es::gui::StoreSession session;
    QElapsedTimer t;
    t.start();
    session.open(store);
    const double openMs = timeUntil([&] { return session.state() != es::gui::StoreSession::State::Opening; });
    if (!session.isOpen()) {
        err() << "es-inspector-bench: " << session.openError() << Qt::endl;
        return 1;
    }

    // The log: first page, then the last page (a jump to the last id), then a jump into the middle.
    es::gui::LogModel log(&session);
    log.setPageSize(pageSize);
    int positioned = 0;
    int lastRow = -1;
    QObject::connect(&log, &es::gui::LogModel::positioned, [&](int row) {
        ++positioned;
        lastRow = row;
    });
    QString error;
    QObject::connect(&log, &es::gui::LogModel::errorOccurred, [&](const QString &m) { error = m; });
    log.setApplication(application);
    const double firstMs = timeUntil([&] { return positioned >= 1 || !error.isEmpty(); });
    const qint64 firstId = log.idAt(0);
    log.jumpToLast();
    const double lastMs = timeUntil([&] { return positioned >= 2 || !error.isEmpty(); });
    const qint64 lastId = log.idAt(lastRow);
    log.jumpToId(std::max<qint64>(1, log.lastLogId() / 2));
    const double middleMs = timeUntil([&] { return positioned >= 3 || !error.isEmpty(); });
    // Scrolling down one page from there.
    const int before = log.rowCount();
    log.fetchMore(QModelIndex());
    const double nextPageMs = timeUntil([&] { return !log.isLoading(); });
    const int afterRows = log.rowCount();

    // The catalogue's first page.
    es::gui::CatalogueModel catalogue(&session);
    catalogue.setPageSize(pageSize);
    int pages = 0;
    QObject::connect(&catalogue, &es::gui::CatalogueModel::pageArrived, [&](int) { ++pages; });
    QObject::connect(&catalogue, &es::gui::CatalogueModel::errorOccurred,
                     [&](const QString &m) { error = m; });
    catalogue.setApplication(application);
    const double catalogueMs = timeUntil([&] { return pages >= 1 || !error.isEmpty(); });
    const int catalogueRows = catalogue.rowCount();

    // Scrolling: 50 more pages of the catalogue (its rows stay), 50 pages down the log (its cache is
    // bounded), for the memory a long session takes.
    QElapsedTimer scroll;
    scroll.start();
    for (int i = 0; i < 50 && catalogue.canFetchMore(QModelIndex()); ++i) {
        catalogue.fetchMore(QModelIndex());
        timeUntil([&] { return !catalogue.isLoading(); });
    }
    const double catalogueScrollMs = static_cast<double>(scroll.nsecsElapsed()) / 1e6;
    const int catalogueScrollRows = catalogue.rowCount();
    log.jumpToFirst();
    timeUntil([&] { return positioned >= 4 || !error.isEmpty(); });
    scroll.restart();
    for (int i = 0; i < 50 && log.canFetchMore(QModelIndex()); ++i) {
        log.fetchMore(QModelIndex());
        timeUntil([&] { return !log.isLoading(); });
    }
    const double logScrollMs = static_cast<double>(scroll.nsecsElapsed()) / 1e6;
    const qint64 logScrollLastId = log.idAt(log.rowCount() - 1);

    if (!error.isEmpty()) {
        err() << "es-inspector-bench: " << error << Qt::endl;
        return 1;
    }
    const double rss = peakRssMb();
    QJsonObject o;
    o.insert(QStringLiteral("backend"), QStringLiteral("sqlite"));
    o.insert(QStringLiteral("tool"), QStringLiteral("es-inspector-bench"));
    o.insert(QStringLiteral("events"), static_cast<double>(log.lastLogId()));
    o.insert(QStringLiteral("events_per_aggregate"), perAggregate);
    o.insert(QStringLiteral("page_size"), pageSize);
    o.insert(QStringLiteral("store_mb"), static_cast<double>(QFileInfo(store).size()) / (1024.0 * 1024.0));
    if (buildSeconds >= 0)
        o.insert(QStringLiteral("build_s"), buildSeconds);
    o.insert(QStringLiteral("open_ms"), openMs);
    o.insert(QStringLiteral("log_first_page_ms"), firstMs);
    o.insert(QStringLiteral("log_first_page_first_id"), static_cast<double>(firstId));
    o.insert(QStringLiteral("log_last_page_ms"), lastMs);
    o.insert(QStringLiteral("log_last_page_last_id"), static_cast<double>(lastId));
    o.insert(QStringLiteral("log_jump_to_middle_ms"), middleMs);
    o.insert(QStringLiteral("log_next_page_ms"), nextPageMs);
    o.insert(QStringLiteral("log_next_page_rows"), afterRows - before);
    o.insert(QStringLiteral("catalogue_first_page_ms"), catalogueMs);
    o.insert(QStringLiteral("catalogue_first_page_rows"), catalogueRows);
    o.insert(QStringLiteral("catalogue_scroll_50_pages_ms"), catalogueScrollMs);
    o.insert(QStringLiteral("catalogue_rows_loaded"), catalogueScrollRows);
    o.insert(QStringLiteral("log_scroll_50_pages_ms"), logScrollMs);
    o.insert(QStringLiteral("log_scroll_last_id"), static_cast<double>(logScrollLastId));
    o.insert(QStringLiteral("log_rows_cached"), log.rowCount());
    o.insert(QStringLiteral("peak_rss_mb"), rss);
    o.insert(QStringLiteral("targets_met"),
             firstMs >= 0 && firstMs <= 300 && lastMs >= 0 && lastMs <= 100 && catalogueMs >= 0
                 && catalogueMs <= 250 && rss <= 250);
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    return 0;
}
