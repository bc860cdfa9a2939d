#include "demo/demo.h"

#include "bankaccounts/application.h"
#include "cargoshipping/application.h"
#include "invoice/application.h"
#include "parkinglot/application.h"
#include "wiki/application.h"
#include "worlds/worlds.h"

#include "es/errors.h"
#include "es/inspect/knowntypes.h"
#include "es/inspect/store.h"
#include "es/timestamp.h"
#include "es/uuid.h"

#include <QDir>
#include <QHash>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cstring>
#include <mutex>

namespace demo {

namespace {

// Replaces the engine's id source and clock for the demo's lifetime, so that a seed gives the same
// stores: ids drawn from the seeded generator, time starting at a fixed instant and moving a few
// milliseconds at each reading.
class DeterministicSources
{
public:
    explicit DeterministicSources(quint64 seed)
        : m_ids(seed ^ 0x9e3779b97f4a7c15ULL)
        , m_clock(es::Timestamp::fromParts(2026, 1, 5, 9, 0, 0, 0, 0).toUnixMicros())
    {
        es::uuid::setV4Source([this] {
            QByteArray bytes(16, '\0');
            for (int i = 0; i < 16; i += 4) {
                const quint32 r = m_ids.generate();
                std::memcpy(bytes.data() + i, &r, 4);
            }
            bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40); // version 4
            bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
            return QUuid::fromRfc4122(bytes);
        });
        es::Timestamp::setClock([this] {
            m_clock += 1000 + static_cast<qint64>(m_ticks.bounded(250000u)); // 1–251 ms
            return es::Timestamp::fromUnixMicros(m_clock);
        });
    }
    ~DeterministicSources()
    {
        es::uuid::setV4Source(nullptr);
        es::Timestamp::setClock(nullptr);
    }
    DeterministicSources(const DeterministicSources &) = delete;
    DeterministicSources &operator=(const DeterministicSources &) = delete;

private:
    QRandomGenerator m_ids;
    QRandomGenerator m_ticks{0x5eed};
    qint64 m_clock;
};

// Where each application's store goes, as es::Application environment variables.
class Target
{
public:
    explicit Target(const QString &url)
    {
        const QString trimmed = url.trimmed();
        if (trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://"))) {
            m_location = es::inspect::StoreLocation::parse(trimmed);
            m_postgres = true;
            return;
        }
        QString path = trimmed;
        if (path.startsWith(QLatin1String("sqlite://")))
            path = path.mid(9);
        if (path.isEmpty())
            throw es::ValueError(QStringLiteral("the demo needs a target: a directory for SQLite files or a postgresql:// URL"));
        QFileInfo info(path);
        if (info.exists() && !info.isDir())
            throw es::ValueError(QStringLiteral("%1 is a file: the demo writes a directory with one SQLite file per application").arg(path));
        if (!QDir().mkpath(path))
            throw es::ValueError(QStringLiteral("cannot create the directory %1").arg(path));
        m_dir = QDir(path).absolutePath();
    }

    QString display() const { return m_postgres ? m_location.displayUrl() : m_dir; }

    es::EnvMap environment(const QString &appName) const
    {
        es::EnvMap env;
        if (m_postgres) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory"));
            env.insert(QStringLiteral("POSTGRES_HOST"), m_location.host);
            env.insert(QStringLiteral("POSTGRES_PORT"), QString::number(m_location.port));
            env.insert(QStringLiteral("POSTGRES_USER"), m_location.user);
            env.insert(QStringLiteral("POSTGRES_PASSWORD"), m_location.password);
            env.insert(QStringLiteral("POSTGRES_DBNAME"), m_location.dbname);
        } else {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"), sqlitePath(appName));
        }
        return env;
    }

    // Refuses to write into an application's existing store.
    void checkFree(const QString &appName) const
    {
        if (!m_postgres) {
            if (QFileInfo::exists(sqlitePath(appName)))
                throw es::ValueError(QStringLiteral("%1 exists already: the demo writes new stores only (choose an empty directory)")
                                         .arg(sqlitePath(appName)));
            return;
        }
        std::shared_ptr<const es::inspect::Store> store;
        try {
            store = es::inspect::Store::open(m_location);
        } catch (const es::ProgrammingError &) {
            return; // no event store in the database yet
        }
        if (store->findApplication(appName))
            throw es::ValueError(QStringLiteral("%1 already holds tables of %2: the demo writes new stores only")
                                     .arg(m_location.displayUrl(), appName));
    }

private:
    QString sqlitePath(const QString &appName) const { return m_dir + QLatin1Char('/') + appName.toLower() + QStringLiteral(".sqlite"); }

    bool m_postgres = false;
    es::inspect::StoreLocation m_location;
    QString m_dir;
};

es::Decimal money(QRandomGenerator &rng, int maxUnits)
{
    const qint64 cents = 100 + static_cast<qint64>(rng.bounded(static_cast<quint32>(maxUnits * 100)));
    return es::Decimal(cents) * es::Decimal::fromString("0.01");
}

qint64 recorded(es::Application &app)
{
    return app.recorder().maxNotificationId();
}

QString writeBankAccounts(const Target &target, const Options &o, QRandomGenerator &rng)
{
    es::EnvMap env = target.environment(QString::fromUtf8(bankaccounts::BankAccounts::NAME));
    env.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
    if (!o.key.isEmpty()) {
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
        env.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
        env.insert(QStringLiteral("CIPHER_KEY"), o.key);
    }
    bankaccounts::BankAccounts app(env);
    std::vector<QUuid> accounts;
    accounts.reserve(12 * static_cast<size_t>(o.size));
    for (int i = 0; i < 12 * o.size; ++i)
        accounts.push_back(app.openAccount(QStringLiteral("Holder %1").arg(i), QStringLiteral("holder%1@example.com").arg(i)));
    int refused = 0;
    QHash<QUuid, qint64> snapshotted;
    for (int op = 0; op < 300 * o.size; ++op) {
        const QUuid &a = accounts[rng.bounded(static_cast<quint32>(accounts.size()))];
        const QUuid &b = accounts[rng.bounded(static_cast<quint32>(accounts.size()))];
        try {
            switch (rng.bounded(10u)) {
            case 0: case 1: case 2: case 3:
                app.depositFunds(a, money(rng, 500));
                break;
            case 4: case 5:
                app.withdrawFunds(a, money(rng, 300));
                break;
            case 6: case 7:
                if (a != b)
                    app.transferFunds(a, b, money(rng, 200));
                break;
            case 8:
                app.setOverdraftLimit(a, es::Decimal(static_cast<qint64>(50 + rng.bounded(500u))));
                break;
            default:
                if (rng.bounded(8u) == 0)
                    app.closeAccount(a);
                else
                    app.depositFunds(a, money(rng, 50));
            }
        } catch (const bankaccounts::TransactionError &) {
            ++refused; // insufficient funds or a closed account: the rules at work, nothing recorded
        }
        if (op % 40 == 39) {
            // A snapshot at a version that has one already would be a conflict: only new versions.
            const qint64 version = app.getAccount(a)->version();
            if (snapshotted.value(a, 0) != version) {
                app.takeSnapshot(a, version);
                snapshotted.insert(a, version);
            }
        }
    }
    return QStringLiteral("%1 accounts, %2 operations refused by the rules%3")
        .arg(accounts.size())
        .arg(refused)
        .arg(o.key.isEmpty() ? QString() : QStringLiteral(", zlib + AES-GCM"));
}

QString writeInvoices(const Target &target, const Options &o, QRandomGenerator &rng)
{
    invoice::Invoices app(target.environment(QString::fromUtf8(invoice::Invoices::NAME)));
    const QStringList people{QStringLiteral("Oscar the Octopus"), QStringLiteral("Cookie Monster"), QStringLiteral("Big Bird")};
    const int n = 8 * o.size;
    for (int i = 0; i < n; ++i) {
        const QUuid id = app.createInvoice(QStringLiteral("INV/2026/%1").arg(i + 1, 3, 10, QLatin1Char('0')),
                                           money(rng, 2000), invoice::Person{people[i % 3], QStringLiteral("Sesame Street %1").arg(i + 1)});
        if (rng.bounded(3u) == 0)
            app.setAmount(id, money(rng, 2000));
        if (i % 4 != 3) {
            app.issue(id, people[(i + 1) % 3]);
            if (i % 2 == 0)
                app.send(id, i % 3 ? invoice::SendMethod::Email : invoice::SendMethod::Post);
        }
        if (i % 3 == 0)
            app.takeSnapshot(id); // each invoice once: no conflict
    }
    return QStringLiteral("%1 invoices").arg(n);
}

QString writeParkingLot(const Target &target, const Options &o, QRandomGenerator &rng)
{
    parkinglot::ParkingLot app(target.environment(QString::fromUtf8(parkinglot::ParkingLot::NAME)));
    QStringList spaces;
    for (int i = 0; i < 6 * o.size; ++i) {
        spaces << QStringLiteral("P%1").arg(i + 1);
        app.addSpace(spaces.last());
    }
    const es::Timestamp start = es::Timestamp::fromParts(2026, 1, 5, 8, 0, 0, 0, 0);
    int booked = 0, inspected = 0, refused = 0;
    for (int i = 0; i < 30 * o.size; ++i) {
        const parkinglot::LicencePlate plate(QStringLiteral("%1-%2").arg(100 + rng.bounded(20u)).arg(200 + rng.bounded(5u)));
        const QString &space = spaces[static_cast<int>(rng.bounded(static_cast<quint32>(spaces.size())))];
        const es::Timestamp when = start.addMicros(static_cast<qint64>(rng.bounded(14u * 24u)) * 3600LL * 1000000LL);
        try {
            if (rng.bounded(3u) == 0) {
                app.inspect(plate, space, when);
                ++inspected;
            } else {
                app.book(plate, space, rng.bounded(4u) == 0 ? parkinglot::Product::EndOfWeek : parkinglot::Product::EndOfDay, when);
                ++booked;
            }
        } catch (const parkinglot::ParkingError &) {
            ++refused;
        }
    }
    return QStringLiteral("%1 spaces, %2 bookings, %3 inspections, %4 refused").arg(spaces.size()).arg(booked).arg(inspected).arg(refused);
}

QString writeCargo(const Target &target, const Options &o, QRandomGenerator &rng)
{
    using namespace cargoshipping;
    BookingApplication app(target.environment(QString::fromUtf8(BookingApplication::NAME)));
    const es::Timestamp deadline = es::Timestamp::fromParts(2026, 3, 1, 0, 0, 0, 0, 0);
    const int n = 5 * o.size;
    for (int i = 0; i < n; ++i) {
        const bool fromTokyo = rng.bounded(2u) == 1;
        const Location origin = fromTokyo ? Location::TOKYO : Location::HONGKONG;
        const QUuid id = app.bookNewCargo(origin, Location::STOCKHOLM, deadline);
        if (i % 5 == 4)
            continue; // booked, never routed
        const std::vector<Itinerary> routes = app.requestPossibleRoutesForCargo(id);
        const Itinerary &route = routes.front();
        app.assignRoute(id, route);
        app.registerHandlingEvent(id, std::nullopt, origin, HandlingActivity::RECEIVE);
        // Travel as far as this cargo gets: leg by leg, and sometimes to the claim.
        const int legsToTravel = static_cast<int>(rng.bounded(static_cast<quint32>(route.legs.size()) + 1));
        for (int l = 0; l < legsToTravel; ++l) {
            const Leg &leg = route.legs[static_cast<size_t>(l)];
            app.registerHandlingEvent(id, leg.voyageNumber, locationFromName(leg.origin), HandlingActivity::LOAD);
            app.registerHandlingEvent(id, leg.voyageNumber, locationFromName(leg.destination), HandlingActivity::UNLOAD);
        }
        if (legsToTravel == static_cast<int>(route.legs.size()))
            app.registerHandlingEvent(id, std::nullopt, Location::STOCKHOLM, HandlingActivity::CLAIM);
    }
    return QStringLiteral("%1 cargos").arg(n);
}

QString writeWiki(const Target &target, const Options &o, QRandomGenerator &rng)
{
    wiki::WikiApplication app(target.environment(QString::fromUtf8(wiki::WikiApplication::NAME)));
    const QUuid editor = es::uuid::v4();
    wiki::UserIdScope user(editor);
    const QStringList topics{QStringLiteral("Event sourcing"), QStringLiteral("Aggregates"), QStringLiteral("Snapshots"),
                             QStringLiteral("Notification log"), QStringLiteral("Process applications")};
    int pages = 0;
    for (int r = 0; r < o.size; ++r) {
        for (const QString &title : topics) {
            const QString slug = QString(title).toLower().replace(QLatin1Char(' '), QLatin1Char('-')) + (r ? QStringLiteral("-%1").arg(r) : QString());
            app.createPage(title, slug);
            ++pages;
            QString body;
            const int edits = 2 + static_cast<int>(rng.bounded(6u));
            for (int e = 0; e < edits; ++e) {
                body += QStringLiteral("%1, paragraph %2: %3 events make the state.\n").arg(title).arg(e + 1).arg(rng.bounded(100u));
                app.updateBody(slug, body);
            }
            if (rng.bounded(3u) == 0)
                app.updateTitle(slug, title + QStringLiteral(" (revised)"));
        }
    }
    return QStringLiteral("%1 pages, gzip").arg(pages);
}

QString writeWorlds(const Target &target, const Options &o, QRandomGenerator &rng)
{
    // The worlds/counters system: one store per application, as the runner's applications each
    // read their own prefixed variables.
    es::EnvMap env;
    const QString worldsName = QString::fromUtf8(worlds::WorldsApplication::NAME);
    const QString countersName = QString::fromUtf8(worlds::Counters::NAME);
    for (const QString &name : {worldsName, countersName}) {
        const es::EnvMap one = target.environment(name);
        for (auto it = one.constBegin(); it != one.constEnd(); ++it) {
            if (it.key() == QLatin1String("SQLITE_DBNAME"))
                env.insert(name.toUpper() + QStringLiteral("_SQLITE_DBNAME"), it.value());
            else
                env.insert(it.key(), it.value());
        }
    }
    es::SingleThreadedRunner runner(worlds::makeSystem(), env);
    runner.start();
    auto &app = runner.get<worlds::WorldsApplication>();
    const QStringList things{QStringLiteral("dinosaurs"), QStringLiteral("trucks"), QStringLiteral("internet"),
                             QStringLiteral("rain"), QStringLiteral("music")};
    std::vector<QUuid> ids;
    ids.reserve(5 * static_cast<size_t>(o.size));
    for (int i = 0; i < 5 * o.size; ++i)
        ids.push_back(app.createWorld());
    for (int i = 0; i < 60 * o.size; ++i)
        app.makeItSo(ids[rng.bounded(static_cast<quint32>(ids.size()))], things[static_cast<int>(rng.bounded(5u))]);
    runner.stop();
    return QStringLiteral("%1 worlds, %2 things happened, counted by Counters with tracking").arg(ids.size()).arg(60 * o.size);
}

struct Writer
{
    const char *example;
    QStringList applications;
    QString (*write)(const Target &, const Options &, QRandomGenerator &);
};

std::vector<Writer> writers()
{
    return {
        {"bankaccounts", {QString::fromUtf8(bankaccounts::BankAccounts::NAME)}, writeBankAccounts},
        {"invoice", {QString::fromUtf8(invoice::Invoices::NAME)}, writeInvoices},
        {"parkinglot", {QString::fromUtf8(parkinglot::ParkingLot::NAME)}, writeParkingLot},
        {"cargoshipping", {QString::fromUtf8(cargoshipping::BookingApplication::NAME)}, writeCargo},
        {"wiki", {QString::fromUtf8(wiki::WikiApplication::NAME)}, writeWiki},
        {"worlds", {QString::fromUtf8(worlds::WorldsApplication::NAME), QString::fromUtf8(worlds::Counters::NAME)}, writeWorlds},
    };
}

} // namespace

QStringList registerTypes()
{
    static std::once_flag once;
    static QStringList problems;
    std::call_once(once, [] {
        auto add = [](const char *name, void (*registrar)(const QString &)) {
            try {
                registrar(QString::fromLatin1(name));
            } catch (const std::exception &e) {
                problems << QStringLiteral("the types of example '%1' are not available: %2")
                                .arg(QLatin1String(name), QString::fromUtf8(e.what()));
            }
        };
        using es::inspect::registerApplicationTypes;
        add("bankaccounts", &registerApplicationTypes<bankaccounts::BankAccounts>);
        add("invoice", &registerApplicationTypes<invoice::Invoices>);
        add("parkinglot", &registerApplicationTypes<parkinglot::ParkingLot>);
        add("cargoshipping", &registerApplicationTypes<cargoshipping::BookingApplication>);
        add("wiki", &registerApplicationTypes<wiki::WikiApplication>);
        add("worlds", &registerApplicationTypes<worlds::WorldsApplication>);
        add("counters", &registerApplicationTypes<worlds::Counters>);
    });
    return problems;
}

QStringList exampleNames()
{
    QStringList names;
    for (const Writer &w : writers())
        names << QString::fromLatin1(w.example);
    return names;
}

Report write(const Options &options, const std::function<void(const QString &)> &progress)
{
    if (options.size < 1 || options.size > 1000)
        throw es::ValueError(QStringLiteral("the demo size must be between 1 and 1000, not %1").arg(options.size));
    QStringList chosen;
    for (const QString &e : options.examples) {
        if (e == QLatin1String("all"))
            chosen = exampleNames();
        else if (!exampleNames().contains(e))
            throw es::ValueError(QStringLiteral("unknown example '%1' (choose from %2, or all)").arg(e, exampleNames().join(QStringLiteral(", "))));
        else if (!chosen.contains(e))
            chosen << e;
    }
    if (chosen.isEmpty())
        throw es::ValueError(QStringLiteral("name an example to write (%1, or all)").arg(exampleNames().join(QStringLiteral(", "))));
    if (!options.key.isEmpty())
        es::AESCipher check(options.key); // a bad key fails before anything is written

    const Target target(options.url);
    Report report;
    report.target = target.display();
    for (const Writer &w : writers())
        if (chosen.contains(QLatin1String(w.example)))
            for (const QString &app : w.applications)
                target.checkFree(app);

    const DeterministicSources sources(options.seed);
    for (const Writer &w : writers()) {
        if (!chosen.contains(QLatin1String(w.example)))
            continue;
        if (progress)
            progress(QStringLiteral("writing %1…").arg(QLatin1String(w.example)));
        QRandomGenerator rng(options.seed * 1000003ULL + static_cast<quint64>(exampleNames().indexOf(QLatin1String(w.example))));
        const QString notes = w.write(target, options, rng);
        for (const QString &app : w.applications) {
            es::Application reader(app, target.environment(app));
            const qint64 events = recorded(reader);
            report.events += events;
            report.applications << app;
            report.lines << QStringLiteral("%1: %2 events — %3").arg(app).arg(events).arg(notes);
        }
    }
    return report;
}

} // namespace demo
