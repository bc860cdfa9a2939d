// The inspector's models and workers on the Python-written reference stores, each model under
// QAbstractItemModelTester (Fatal): the right numbers of applications, aggregates, notifications
// and snapshots; lazy fetching that reaches every row exactly once; jumps in the log; gap rows;
// filters and sections; per-row problems of a store read without its key, with a wrong key and
// with a damaged record; stale answers dropped; cancellation; errors arriving as signals.
#include "bankaccounts/application.h"
#include "es/errors.h"
#include "es/inspect/knowntypes.h"
#include "es/remotelog.h"
#include "es/uuid.h"
#include "fixtures.h"
#include "models/applicationsmodel.h"
#include "models/cataloguemodel.h"
#include "models/eventsmodel.h"
#include "models/findingsmodel.h"
#include "models/jsondiffmodel.h"
#include "models/jsontreemodel.h"
#include "models/logmodel.h"
#include "models/logsectionmodel.h"
#include "models/snapshotsmodel.h"
#include "models/trackingmodel.h"
#include "modeltesting.h"
#include "workers/aggregatestate.h"
#include "workers/exportjob.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSemaphore>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <map>

using namespace es::gui;
using es::test::fetchAll;
using es::test::openSession;
using es::test::waitIdle;
using Tester = QAbstractItemModelTester;

namespace {

const auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// Writes into a copied store (the test's own file), as a damaged disk or a rolled back insert
// would leave it. Only tests touch stores with SQL.
bool alterStore(const QString &path, const QString &sql, const QVariantList &binds = {})
{
    const QString name = QStringLiteral("alter-%1").arg(reinterpret_cast<quintptr>(&path));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(sql);
            for (const QVariant &b : binds)
                q.addBindValue(b);
            ok = q.exec();
            if (!ok)
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// A column's texts, row by row.
QStringList columnTexts(const QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data().toString();
    return out;
}

QByteArray readState(const QString &path, qint64 rowid)
{
    const QString name = QStringLiteral("read-%1").arg(rowid);
    QByteArray state;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT state FROM stored_events WHERE rowid = ?"));
            q.addBindValue(rowid);
            if (q.exec() && q.next())
                state = q.value(0).toByteArray();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return state;
}

struct Expected
{
    QList<QByteArray> lines; // jsonl lines in id order
    QSet<QString> aggregates; // dashed ids
    std::map<QString, int> eventsOf; // dashed id → events
    std::map<QString, int> topicCounts; // topic → events
};

Expected expectedOf(const QString &jsonl)
{
    Expected e;
    e.lines = es::test::jsonlLines(es::test::fixture(jsonl));
    for (const QByteArray &line : e.lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QString id = o.value(QStringLiteral("originator_id")).toString();
        e.aggregates.insert(id);
        ++e.eventsOf[id];
        ++e.topicCounts[o.value(QStringLiteral("topic")).toString()];
    }
    return e;
}

QString keyOf(const QString &fixtureName)
{
    return QString::fromUtf8(es::test::readFile(es::test::fixture(fixtureName)).trimmed());
}

// The ids of the record rows of a log model, in row order.
QList<qint64> recordIds(const LogModel &m)
{
    QList<qint64> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, 0).data(RowKindRole).toInt() == static_cast<int>(RowKind::Record))
            ids << m.index(r, 0).data(NotificationIdRole).toLongLong();
    return ids;
}

} // namespace

class TestGuiModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_bank; // copies of the reference stores
    QString m_aes;
    QString m_invoice;
    Expected m_bankExpected;
    Expected m_aesExpected;

    QString copy(const QString &name, const QString &sub = QString())
    {
        const QString dir = sub.isEmpty() ? m_dir.path() : m_dir.filePath(sub);
        QDir().mkpath(dir);
        return es::test::copyFixture(name, dir);
    }

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        es::inspect::registerApplicationTypes<bankaccounts::BankAccounts>(QStringLiteral("bankaccounts"));
        m_bank = copy(QStringLiteral("bankaccounts.sqlite"), QStringLiteral("bank"));
        m_aes = copy(QStringLiteral("bankaccounts.zlib-aes.sqlite"), QStringLiteral("aes"));
        m_invoice = copy(QStringLiteral("invoice.sqlite"), QStringLiteral("invoice"));
        QVERIFY(!m_bank.isEmpty() && !m_aes.isEmpty() && !m_invoice.isEmpty());
        m_bankExpected = expectedOf(QStringLiteral("bankaccounts.notifications.jsonl"));
        m_aesExpected = expectedOf(QStringLiteral("bankaccounts.zlib-aes.notifications.jsonl"));
        QCOMPARE(m_bankExpected.lines.size(), 257);
        QCOMPARE(m_bankExpected.aggregates.size(), 12);
    }

    // --- the worker -------------------------------------------------------------------------------------

    void openFailsAsSignal()
    {
        StoreSession session;
        QSignalSpy failed(&session, &StoreSession::openFailed);
        QSignalSpy errors(&session, &StoreSession::errorOccurred);
        session.open(m_dir.filePath(QStringLiteral("no-such-store.sqlite")));
        QCOMPARE(session.state(), StoreSession::State::Opening);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(session.state(), StoreSession::State::Failed);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("no-such-store")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(errors.count(), 1);
    }

    void exceptionsArriveAsErrorSignals()
    {
        StoreSession session;
        QSignalSpy failedSpy(&session, &StoreSession::jobFailed);
        QObject receiver;
        QList<JobFailure> failures;
        int done = 0;
        auto record = [&](const JobFailure &f) {
            failures << f;
        };
        session.run(
            &receiver, JobOptions {},
            [](const JobControl &) -> int { throw es::OperationalError(QStringLiteral("boom")); },
            [&](int, quint64) { ++done; }, record);
        session.run(
            &receiver, JobOptions {}, [](const JobControl &) -> int { throw std::runtime_error("plain"); },
            [&](int, quint64) { ++done; }, record);
        session.run(
            &receiver, JobOptions {}, [](const JobControl &) -> int { throw 42; },
            [&](int, quint64) { ++done; }, record);
        QVERIFY(session.waitForIdle(10000));
        QCOMPARE(done, 0);
        QCOMPARE(failures.size(), 3);
        QCOMPARE(failures[0].message, QStringLiteral("boom"));
        QVERIFY2(failures[0].exceptionType.contains(QStringLiteral("OperationalError")),
                 qPrintable(failures[0].exceptionType));
        QCOMPARE(failures[1].message, QStringLiteral("plain"));
        QCOMPARE(failures[2].message, QStringLiteral("unknown error"));
        QCOMPARE(failedSpy.count(), 3);
        QVERIFY(!failures[0].cancelled);
    }

    void workRunsOffTheGuiThread()
    {
        StoreSession session;
        QObject receiver;
        QThread *workerThread = nullptr;
        QThread *deliveredIn = nullptr;
        session.run(
            &receiver, JobOptions {}, [](const JobControl &) { return QThread::currentThread(); },
            [&](QThread *t, quint64) {
                workerThread = t;
                deliveredIn = QThread::currentThread();
            });
        QVERIFY(session.waitForIdle(10000));
        QVERIFY(workerThread != nullptr);
        QVERIFY(workerThread != QThread::currentThread());
        QCOMPARE(deliveredIn, QThread::currentThread());
    }

    // A job's answer carries the generation it was asked in; a requester that has moved on drops it.
    void staleAnswerIsDropped()
    {
        StoreSession session;
        QObject receiver;
        Generation generation;
        QSemaphore started, release;
        QString landed;
        const auto ask = [&](const QString &answer, bool block) {
            JobOptions o;
            o.generation = generation.current();
            session.run(
                &receiver, o,
                [answer, block, &started, &release](const JobControl &) {
                    if (block) {
                        started.release();
                        release.acquire();
                    }
                    return answer;
                },
                [&](QString a, quint64 g) {
                    if (generation.accept(g))
                        landed = a;
                });
        };
        ask(QStringLiteral("old"), true);
        QVERIFY(started.tryAcquire(1, 10000)); // the old job is running
        generation.bump(); // the requester re-queries
        ask(QStringLiteral("new"), false);
        release.release();
        QVERIFY(session.waitForIdle(10000));
        QCOMPARE(landed, QStringLiteral("new"));
        QCOMPARE(generation.dropped(), quint64(1));
    }

    void cancellationStopsALongJob()
    {
        StoreSession session;
        QObject receiver;
        QSignalSpy cancelledSpy(&session, &StoreSession::jobCancelled);
        QSignalSpy progressSpy(&session, &StoreSession::jobProgress);
        QSemaphore started;
        bool done = false;
        JobFailure failure;
        JobOptions o;
        o.lane = Lane::Background;
        o.title = QStringLiteral("spin");
        const quint64 job = session.run(
            &receiver, o,
            [&started](const JobControl &control) {
                started.release();
                for (qint64 i = 0;; ++i) { // runs until cancelled
                    control.reportProgress(i, -1);
                    control.cancelFlag().throwIfCancelled();
                    QThread::msleep(1);
                }
                return 0;
            },
            [&](int, quint64) { done = true; }, [&](const JobFailure &f) { failure = f; });
        QVERIFY(started.tryAcquire(1, 10000));
        QTRY_VERIFY_WITH_TIMEOUT(progressSpy.count() > 0, 5000);
        session.cancel(job);
        QTRY_COMPARE_WITH_TIMEOUT(cancelledSpy.count(), 1, 10000);
        QVERIFY(!done);
        QVERIFY(failure.cancelled);
        QCOMPARE(failure.job, job);
        // A job cancelled before it starts never runs.
        bool ran = false;
        es::inspect::CancelFlag flag;
        flag.cancel();
        o.cancel = flag;
        session.run(
            &receiver, o,
            [&ran](const JobControl &) {
                ran = true;
                return 0;
            },
            [](int, quint64) {});
        QVERIFY(session.waitForIdle(10000));
        QVERIFY(!ran);
        QCOMPARE(cancelledSpy.count(), 2);
    }

    void answersForADestroyedReceiverAreDropped()
    {
        StoreSession session;
        auto receiver = std::make_unique<QObject>();
        QSemaphore release;
        bool delivered = false;
        session.run(
            receiver.get(), JobOptions {},
            [&release](const JobControl &) {
                release.acquire();
                return 1;
            },
            [&](int, quint64) { delivered = true; });
        receiver.reset();
        release.release();
        QVERIFY(session.waitForIdle(10000));
        QVERIFY(!delivered);
    }

    // --- applications ------------------------------------------------------------------------------------

    void applicationsOfOneStore()
    {
        QString error;
        auto session = openSession(m_bank, &error);
        QVERIFY2(session, qPrintable(error));
        ApplicationsModel model(session.get());
        Tester tester(&model, Fatal);
        QSignalSpy all(&model, &ApplicationsModel::allCountsArrived);
        QCOMPARE(model.rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(all.count(), 1, 20000);
        const auto counts = model.counts(0);
        QVERIFY(counts);
        QCOMPARE(counts->events, 257);
        QCOMPARE(counts->aggregates, 12);
        QCOMPARE(counts->snapshots, 5);
        QCOMPARE(counts->maxNotificationId, 257);
        QCOMPARE(model.index(0, ApplicationsModel::EventsColumn).data().toLongLong(), 257);
        QTRY_VERIFY_WITH_TIMEOUT(model.keyCheck(0).has_value(), 10000);
        QCOMPARE(model.keyCheck(0)->verdict, es::inspect::KeyCheck::Verdict::NotEncrypted);
        QCOMPARE(model.index(0, 0).data(ProblemRole).toString(), QString());
    }

    void folderIsOneSystem()
    {
        copy(QStringLiteral("bankaccounts.sqlite"), QStringLiteral("system"));
        copy(QStringLiteral("invoice.sqlite"), QStringLiteral("system"));
        copy(QStringLiteral("bankaccounts.zlib-aes.sqlite"), QStringLiteral("system"));
        QString error;
        auto session = openSession(m_dir.filePath(QStringLiteral("system")), &error);
        QVERIFY2(session, qPrintable(error));
        ApplicationsModel model(session.get());
        Tester tester(&model, Fatal);
        QCOMPARE(model.rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(model.allCountsKnown(), 20000);
        QMap<QString, qint64> events;
        for (int r = 0; r < model.rowCount(); ++r)
            events.insert(model.applicationAt(r), model.counts(r)->events);
        QCOMPARE(events.value(QStringLiteral("bankaccounts")), 257);
        QCOMPARE(events.value(QStringLiteral("invoice")), 5);
        QCOMPARE(events.value(QStringLiteral("bankaccounts.zlib-aes")), 161);
        QCOMPARE(model.totalEvents(), 257 + 5 + 161);
        // The encrypted one asks for its key.
        const int aes = model.rowOf(QStringLiteral("bankaccounts.zlib-aes"));
        QVERIFY(aes >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(model.keyCheck(aes).has_value(), 10000);
        QCOMPARE(model.keyCheck(aes)->verdict, es::inspect::KeyCheck::Verdict::NeedsKey);
        QVERIFY(!model.index(aes, 0).data(ProblemRole).toString().isEmpty());
        // Giving it re-checks.
        QSignalSpy checked(&model, &ApplicationsModel::keyChecked);
        QVERIFY(session->setCipherKey(QStringLiteral("bankaccounts.zlib-aes"),
                                      keyOf(QStringLiteral("bankaccounts.zlib-aes.key"))));
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 3, 10000);
        QCOMPARE(model.keyCheck(aes)->verdict, es::inspect::KeyCheck::Verdict::KeyOpens);
        // A key that is not base64 of 16/24/32 bytes is refused and changes nothing.
        QString why;
        QVERIFY(!session->setCipherKey(QString(), QStringLiteral("not a key"), &why));
        QVERIFY(!why.isEmpty());
    }

    // --- catalogue ---------------------------------------------------------------------------------------

    void catalogueReachesEveryAggregateOnce()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        CatalogueModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(5);
        QSignalSpy pages(&model, &CatalogueModel::pageArrived);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(waitIdle(model));
        QVERIFY(model.rowCount() >= 5); // the tester fetches more on its own; a page at least
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 12);
        QVERIFY(pages.count() >= 3);
        QSet<QString> seen;
        QString previous;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString id = model.index(r, CatalogueModel::IdColumn).data().toString();
            QVERIFY2(!seen.contains(id), qPrintable(id));
            seen.insert(id);
            QVERIFY(previous < id);
            previous = id;
            QCOMPARE(model.index(r, CatalogueModel::EventsColumn).data().toLongLong(),
                     qint64(m_bankExpected.eventsOf.at(id)));
            QCOMPARE(model.index(r, CatalogueModel::TypeColumn).data().toString(),
                     QStringLiteral("BankAccount"));
            QCOMPARE(model.index(r, 0).data(IdRole).toUuid(), QUuid::fromString(id));
        }
        QCOMPARE(seen, m_bankExpected.aggregates);
        QVERIFY(model.atEnd());
        QVERIFY(!model.canFetchMore(QModelIndex()));

        // Descending.
        model.sort(CatalogueModel::IdColumn, Qt::DescendingOrder);
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.index(0, 0).data().toString(), previous);

        // Prefix.
        const QString prefix = previous.left(1);
        int expected = 0;
        for (const QString &id : std::as_const(m_bankExpected.aggregates))
            expected += id.startsWith(prefix) ? 1 : 0;
        QVERIFY(model.setIdPrefix(prefix));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), expected);
        QVERIFY(!model.setIdPrefix(QStringLiteral("xyz")));
        QCOMPARE(model.idPrefix(), prefix);
        QVERIFY(model.setIdPrefix(QString()));

        // Type.
        model.setTypeFilter(QStringLiteral("BankAccount"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 12);
        model.setTypeFilter(QStringLiteral("NoSuchType"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.atEnd());
        model.setTypeFilter(QString());

        // Totals in the background.
        QSignalSpy totals(&model, &CatalogueModel::totalsArrived);
        model.requestTotals();
        QTRY_COMPARE_WITH_TIMEOUT(totals.count(), 1, 20000);
        QCOMPARE(model.totals()->aggregates, 12);
        QCOMPARE(model.totals()->events, 257);
    }

    void catalogueDropsTheAnswerOfAnOldOrder()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        // Hold the interactive worker so that both requests are queued behind it.
        QObject blocker;
        QSemaphore started, release;
        session->run(
            &blocker, JobOptions {},
            [&](const JobControl &) {
                started.release();
                release.acquire();
                return 0;
            },
            [](int, quint64) {});
        QVERIFY(started.tryAcquire(1, 10000));
        CatalogueModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(4);
        model.setApplication(QStringLiteral("bankaccounts")); // ascending: in flight
        const quint64 before = model.generation();
        model.sort(CatalogueModel::IdColumn, Qt::DescendingOrder); // re-query
        QVERIFY(model.generation() > before);
        release.release();
        QVERIFY(waitIdle(model));
        QVERIFY(session->waitForIdle(10000));
        QVERIFY(model.staleAnswersDropped() >= 1);
        // Only the descending answer landed: rows in descending order, no ascending page mixed in.
        QVERIFY(model.rowCount() >= 4);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, 0).data().toString() > model.index(r, 0).data().toString());
    }

    void catalogueSortsALoadedCatalogueByAnyColumn()
    {
        // One aggregate of another class (its created event's originator_topic renamed), so that the
        // type column has something to sort.
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"), QStringLiteral("sort"));
        QByteArray first = readState(path, 1);
        const QByteArray from = QByteArrayLiteral("domainmodel:BankAccount\"");
        QVERIFY(first.contains(from));
        first.replace(from, QByteArrayLiteral("domainmodel:Account\""));
        QVERIFY(
            alterStore(path, QStringLiteral("UPDATE stored_events SET state = ? WHERE rowid = 1"), {first}));
        auto session = openSession(path);
        QVERIFY(session);
        CatalogueModel model(session.get());
        Tester tester(&model, Fatal);
        QSignalSpy sorted(&model, &CatalogueModel::sortChanged);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 12);
        QVERIFY(model.atEnd());
        const QStringList byId = columnTexts(&model, CatalogueModel::IdColumn);
        QUuid renamed;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, CatalogueModel::TypeColumn).data().toString() == QLatin1String("Account"))
                renamed = model.index(r, 0).data(IdRole).toUuid();
        QVERIFY(!renamed.isNull());
        for (int c = 0; c < CatalogueModel::ColumnCount; ++c)
            QVERIFY(model.canSortBy(c));

        // Events, both ways: the counts in order, ties in ascending id order either way; a persistent
        // index (a selection) follows its row.
        const QPersistentModelIndex held = model.index(0, CatalogueModel::EventsColumn);
        const QUuid heldId = held.data(IdRole).toUuid();
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(CatalogueModel::EventsColumn, order);
            QCOMPARE(model.sortColumn(), int(CatalogueModel::EventsColumn));
            QCOMPARE(model.columnSortOrder(), order);
            QCOMPARE(model.rowCount(), 12);
            QCOMPARE(sorted.last().at(0).toInt(), int(CatalogueModel::EventsColumn));
            for (int r = 1; r < model.rowCount(); ++r) {
                const qint64 a = model.index(r - 1, CatalogueModel::EventsColumn).data().toLongLong();
                const qint64 b = model.index(r, CatalogueModel::EventsColumn).data().toLongLong();
                const QString ida = model.index(r - 1, 0).data(SortRole).toString();
                const QString idb = model.index(r, 0).data(SortRole).toString();
                QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b, qPrintable(QString::number(r)));
                if (a == b)
                    QVERIFY2(ida < idb, "ties keep the id order");
            }
            // The counts are the reference's, row by row.
            for (int r = 0; r < model.rowCount(); ++r) {
                const QString id = model.index(r, 0).data(IdRole).toUuid().toString(QUuid::WithoutBraces);
                QCOMPARE(model.index(r, CatalogueModel::EventsColumn).data().toLongLong(),
                         qint64(m_bankExpected.eventsOf.at(id)));
            }
            QVERIFY(held.isValid());
            QCOMPARE(held.data(IdRole).toUuid(), heldId);
            QCOMPARE(held.column(), int(CatalogueModel::EventsColumn));
        }
        // The largest count first when descending.
        qint64 most = 0;
        for (const auto &kv : m_bankExpected.eventsOf)
            most = std::max<qint64>(most, kv.second);
        QCOMPARE(model.index(0, CatalogueModel::EventsColumn).data().toLongLong(), most);

        // Type: "Account" before "BankAccount" ascending, after it descending.
        model.sort(CatalogueModel::TypeColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, 0).data(IdRole).toUuid(), renamed);
        model.sort(CatalogueModel::TypeColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(11, 0).data(IdRole).toUuid(), renamed);
        // Among the BankAccounts (all ties), ids ascend.
        for (int r = 1; r < 11; ++r)
            QVERIFY(model.index(r - 1, 0).data(SortRole).toString()
                    < model.index(r, 0).data(SortRole).toString());

        // Last version, created and modified times: in order both ways.
        for (int column : {int(CatalogueModel::LastVersionColumn), int(CatalogueModel::CreatedColumn),
                           int(CatalogueModel::ModifiedColumn)}) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                for (int r = 1; r < model.rowCount(); ++r) {
                    const QVariant a = model.index(r - 1, column).data(SortRole);
                    const QVariant b = model.index(r, column).data(SortRole);
                    const int c = QVariant::compare(a, b) == QPartialOrdering::Less
                        ? -1
                        : (QVariant::compare(a, b) == QPartialOrdering::Greater ? 1 : 0);
                    QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
                             qPrintable(QStringLiteral("column %1 row %2: %3 then %4")
                                            .arg(column)
                                            .arg(r)
                                            .arg(a.toString(), b.toString())));
                }
            }
        }
        // Modified ascending and descending are each other's reverse (all times differ).
        model.sort(CatalogueModel::ModifiedColumn, Qt::AscendingOrder);
        QStringList ascending = columnTexts(&model, CatalogueModel::IdColumn);
        model.sort(CatalogueModel::ModifiedColumn, Qt::DescendingOrder);
        QStringList descending = columnTexts(&model, CatalogueModel::IdColumn);
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(descending, ascending);
        QVERIFY(ascending != byId);

        // Back to the id: the store's order again.
        model.sort(CatalogueModel::IdColumn, Qt::AscendingOrder);
        QVERIFY(fetchAll(model));
        QCOMPARE(model.sortColumn(), int(CatalogueModel::IdColumn));
        QCOMPARE(columnTexts(&model, CatalogueModel::IdColumn), byId);

        // A filter keeps a column sort when the catalogue is still whole after it.
        model.sort(CatalogueModel::EventsColumn, Qt::DescendingOrder);
        model.setTypeFilter(QStringLiteral("BankAccount"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(model.sortColumn(), int(CatalogueModel::EventsColumn));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, CatalogueModel::EventsColumn).data().toLongLong()
                    >= model.index(r, CatalogueModel::EventsColumn).data().toLongLong());
        model.setTypeFilter(QString());
        QVERIFY(fetchAll(model));

        // Paged (pages of 2 and only the first asked for): by id only; another column changes nothing
        // and its header says why. When the reload turns out paged, a column sort goes back to the id.
        model.setPageSize(2);
        sorted.clear();
        model.refresh();
        QVERIFY(waitIdle(model));
        QVERIFY(!model.atEnd());
        QCOMPARE(model.sortColumn(), int(CatalogueModel::IdColumn));
        QVERIFY(!sorted.isEmpty());
        QCOMPARE(sorted.last().at(0).toInt(), int(CatalogueModel::IdColumn));
        const QStringList paged = columnTexts(&model, CatalogueModel::IdColumn);
        QVERIFY(paged.size() < 12);
        QVERIFY(!model.canSortBy(CatalogueModel::EventsColumn));
        QVERIFY(model.canSortBy(CatalogueModel::IdColumn));
        QVERIFY(model.headerData(CatalogueModel::EventsColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("whole catalogue")));
        model.sort(CatalogueModel::EventsColumn, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), int(CatalogueModel::IdColumn));
        QCOMPARE(columnTexts(&model, CatalogueModel::IdColumn), paged);
        // Loaded to the end, it sorts.
        QVERIFY(fetchAll(model));
        QVERIFY(model.canSortBy(CatalogueModel::EventsColumn));
        model.sort(CatalogueModel::EventsColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, CatalogueModel::EventsColumn).data().toLongLong(), most);
    }

    void logDropsTheAnswerOfAnOldJump()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        QObject blocker;
        QSemaphore started, release;
        session->run(
            &blocker, JobOptions {},
            [&](const JobControl &) {
                started.release();
                release.acquire();
                return 0;
            },
            [](int, quint64) {});
        QVERIFY(started.tryAcquire(1, 10000));
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(10);
        QSignalSpy positioned(&model, &LogModel::positioned);
        model.setApplication(QStringLiteral("bankaccounts")); // first page: queued
        model.jumpToId(120); // then a jump
        model.jumpToLast(); // and another
        release.release();
        QVERIFY(session->waitForIdle(10000));
        QVERIFY(waitIdle(model));
        QCOMPARE(positioned.count(), 1); // only the last jump landed
        QCOMPARE(model.idAt(positioned.at(0).at(0).toInt()), 257);
        QCOMPARE(model.staleAnswersDropped(), quint64(2));
        const QList<qint64> ids = recordIds(model);
        QVERIFY(!ids.isEmpty());
        QCOMPARE(ids.last(), 257);
        QVERIFY(ids.first() > 120); // nothing of the first page or of the jump to 120
    }

    // --- events and payloads -----------------------------------------------------------------------------

    void eventsOfOneAggregateAndTheirPayloads()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        QString busiest;
        int most = 0;
        for (const auto &[id, n] : m_bankExpected.eventsOf)
            if (n > most) {
                most = n;
                busiest = id;
            }
        EventsModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(7);
        model.setAggregate(QStringLiteral("bankaccounts"), QUuid::fromString(busiest));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), most);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, EventsModel::VersionColumn).data().toLongLong(), qint64(r + 1));
            QCOMPARE(model.index(r, EventsModel::StatusColumn).data().toString(), QStringLiteral("ok"));
            QCOMPARE(model.index(r, EventsModel::StoredColumn).data().toString(), QStringLiteral("plain"));
        }
        QCOMPARE(model.index(0, EventsModel::TopicColumn).data().toString(),
                 QStringLiteral("BankAccount.Opened"));
        QVERIFY(!model.index(0, EventsModel::TimeColumn).data().toString().isEmpty());

        // The payload as a tree with typed values.
        const auto record = model.index(1, 0).data(RecordRole).value<es::inspect::DecodedRecord>();
        QCOMPARE(record.originatorVersion, 2);
        JsonTreeModel tree;
        Tester treeTester(&tree, Fatal);
        tree.setRecord(record);
        const QModelIndex ts = tree.indexForPath(QStringLiteral("timestamp"));
        QVERIFY(ts.isValid());
        QCOMPARE(ts.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), QStringLiteral("datetime"));
        QVERIFY(ts.siblingAtColumn(JsonTreeModel::ValueColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("20")));
        QCOMPARE(tree.rowCount(ts), 0); // a typed value is one value
        // "copy as JSON" of a row: its esctl export line, equal to the reference.
        const qint64 id = *record.notificationId;
        QCOMPARE(model.index(1, 0).data(JsonRole).toString().toUtf8(), m_bankExpected.lines.at(int(id - 1)));
    }

    void typedValuesInTheJsonTree()
    {
        const es::json::Value v = es::json::Value::parse(
            R"({"amount": {"_type_": "decimal_str", "_data_": "34.20"},
                "issued_to": {"_type_": "person_as_dict", "_data_": {"name": "Oscar", "address": "Underwater"}},
                "id": {"_type_": "uuid_hex", "_data_": "973a34cfd94348b2857841bccb3657ec"},
                "mystery": {"_type_": "never_registered", "_data_": 3},
                "list": [1, 2.5, null, true, "x"]})");
        JsonTreeModel tree;
        Tester tester(&tree, Fatal);
        auto transcoder = std::make_shared<es::JSONTranscoder>();
        transcoder->registerName(QStringLiteral("person_as_dict"));
        tree.setTranscoder(transcoder);
        tree.setValue(v);
        QCOMPARE(tree.rowCount(), 5);
        const QModelIndex amount = tree.indexForPath(QStringLiteral("amount"));
        QCOMPARE(amount.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("Decimal"));
        QCOMPARE(amount.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("34.20"));
        QCOMPARE(amount.data(JsonRole).toString(),
                 QStringLiteral(R"({"_data_": "34.20", "_type_": "decimal_str"})"));
        const QModelIndex person = tree.indexForPath(QStringLiteral("issued_to"));
        QCOMPARE(person.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("person_as_dict"));
        QCOMPARE(tree.rowCount(person), 2);
        QCOMPARE(tree.indexForPath(QStringLiteral("issued_to.name")).siblingAtColumn(1).data().toString(),
                 QStringLiteral("Oscar"));
        QCOMPARE(person.data(ProblemRole).toString(), QString());
        const QModelIndex id = tree.indexForPath(QStringLiteral("id"));
        QCOMPARE(id.siblingAtColumn(1).data().toString(),
                 QStringLiteral("973a34cf-d943-48b2-8578-41bccb3657ec"));
        QCOMPARE(id.siblingAtColumn(2).data().toString(), QStringLiteral("UUID"));
        const QModelIndex mystery = tree.indexForPath(QStringLiteral("mystery"));
        QCOMPARE(mystery.siblingAtColumn(2).data().toString(), QStringLiteral("never_registered"));
        QVERIFY(mystery.data(ProblemRole).toString().contains(QStringLiteral("unknown type")));
        const QModelIndex list = tree.indexForPath(QStringLiteral("list"));
        QCOMPARE(tree.rowCount(list), 5);
        QStringList types;
        for (int r = 0; r < 5; ++r)
            types << tree.index(r, JsonTreeModel::TypeColumn, list).data().toString();
        QCOMPARE(types, (QStringList {"int", "float", "None", "bool", "str"}));
        QCOMPARE(tree.index(3, 1, list).data().toString(), QStringLiteral("True"));
        QCOMPARE(tree.index(2, 0, list).data(PathRole).toString(), QStringLiteral("list[2]"));
    }

    void invoicePayloadHasItsCustomTypes()
    {
        auto session = openSession(m_invoice);
        QVERIFY(session);
        LogModel log(session.get());
        Tester tester(&log, Fatal);
        log.setApplication(QStringLiteral("invoice"));
        QVERIFY(fetchAll(log));
        QCOMPARE(recordIds(log), (QList<qint64> {1, 2, 3, 4, 5}));
        JsonTreeModel tree;
        Tester treeTester(&tree, Fatal);
        tree.setRecord(*log.record(0));
        const QModelIndex person = tree.indexForPath(QStringLiteral("issued_to"));
        QVERIFY(person.isValid());
        QCOMPARE(person.siblingAtColumn(2).data().toString(), QStringLiteral("person_as_dict"));
        QCOMPARE(tree.indexForPath(QStringLiteral("issued_to.name")).siblingAtColumn(1).data().toString(),
                 QStringLiteral("Oscar the Octopus"));
        QCOMPARE(tree.indexForPath(QStringLiteral("amount")).siblingAtColumn(1).data().toString(),
                 QStringLiteral("34.20"));
        SnapshotsModel snapshots(session.get());
        Tester snapTester(&snapshots, Fatal);
        snapshots.setApplication(QStringLiteral("invoice"));
        QVERIFY(fetchAll(snapshots));
        QCOMPARE(snapshots.rowCount(), 1);
        QCOMPARE(snapshots.index(0, SnapshotsModel::TypeColumn).data().toString(), QStringLiteral("Invoice"));
    }

    // --- the log -----------------------------------------------------------------------------------------

    void logReachesEveryNotificationOnce()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(20);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        const QList<qint64> ids = recordIds(model);
        QCOMPARE(ids.size(), 257);
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], qint64(i + 1));
        QCOMPARE(model.rowCount(), 257); // no gaps in this log: no gap rows
        QCOMPARE(model.firstLogId(), 1);
        QCOMPARE(model.lastLogId(), 257);
        // Every row's "copy as JSON" is the reference export line.
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(JsonRole).toString().toUtf8(), m_bankExpected.lines.at(r));
        QVERIFY(model.atStart());
        QVERIFY(model.atEnd());
    }

    void logJumpsAndGrowsBothWays()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(16);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(waitIdle(model));

        QSignalSpy positioned(&model, &LogModel::positioned);
        model.jumpToId(100);
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 1, 10000);
        QVERIFY(waitIdle(model));
        const int row = positioned.at(0).at(0).toInt();
        QCOMPARE(model.idAt(row), 100);
        QCOMPARE(model.rowForId(100), row);
        QVERIFY(!model.atStart());
        QVERIFY(model.idAt(0) < 100); // rows before the target are there to scroll up to

        // Grow upwards to the start, downwards to the end: each id once, in order.
        while (model.canFetchPrevious()) {
            model.fetchPrevious();
            QVERIFY(waitIdle(model));
        }
        QVERIFY(fetchAll(model));
        const QList<qint64> ids = recordIds(model);
        QCOMPARE(ids.size(), 257);
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], qint64(i + 1));

        model.jumpToLast();
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 2, 10000);
        QCOMPARE(model.idAt(positioned.at(1).at(0).toInt()), 257);
        QVERIFY(model.atEnd());
        QVERIFY(!model.canFetchMore(QModelIndex()));
        QVERIFY(model.canFetchPrevious());

        model.jumpToFirst();
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 3, 10000);
        QCOMPARE(positioned.at(2).at(0).toInt(), 0);
        QCOMPARE(model.idAt(0), 1);
        QVERIFY(model.atStart());

        // An id past the end positions on the last row.
        model.jumpToId(100000);
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 4, 10000);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.idAt(positioned.at(3).at(0).toInt()), 257);
    }

    void logCacheStaysBounded()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogModel model(session.get());
        model.setPageSize(20);
        model.setCacheLimit(50);
        Tester tester(&model, Fatal);
        QMap<qint64, int> inserted; // every record row that ever entered the window
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex &, int first, int last) {
                    for (int r = first; r <= last; ++r)
                        if (model.record(r))
                            ++inserted[model.idAt(r)];
                });
        connect(&model, &QAbstractItemModel::modelReset, this, [&] {
            inserted.clear();
            for (int r = 0; r < model.rowCount(); ++r)
                if (model.record(r))
                    ++inserted[model.idAt(r)];
        });
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        QVERIFY(model.rowCount() <= 50);
        QCOMPARE(model.idAt(model.rowCount() - 1), 257);
        QCOMPARE(inserted.size(), 257);
        for (auto it = inserted.cbegin(); it != inserted.cend(); ++it)
            QCOMPARE(it.value(), 1);
        // Evicted rows come back when scrolling up.
        QVERIFY(!model.atStart());
        while (model.canFetchPrevious()) {
            model.fetchPrevious();
            QVERIFY(waitIdle(model));
        }
        QCOMPARE(model.idAt(0), 1);
        QVERIFY(model.rowCount() <= 50);
    }

    void logShowsGaps()
    {
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"), QStringLiteral("gaps"));
        QVERIFY(alterStore(path, QStringLiteral("DELETE FROM stored_events WHERE rowid BETWEEN 50 AND 52")));
        auto session = openSession(path);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(10);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        QCOMPARE(recordIds(model).size(), 254);
        QCOMPARE(model.rowCount(), 255); // one gap row
        const int after = model.rowForId(49);
        QVERIFY(after >= 0);
        const QModelIndex gap = model.index(after + 1, LogModel::TopicColumn);
        QCOMPARE(gap.data(RowKindRole).toInt(), static_cast<int>(RowKind::Gap));
        QCOMPARE(gap.data(GapBeforeRole).toLongLong(), 3);
        QCOMPARE(gap.data().toString(), QStringLiteral("3 ids missing (50–52)"));
        QCOMPARE(model.index(after + 2, 0).data(NotificationIdRole).toLongLong(), 53);
        QCOMPARE(model.index(after + 2, 0).data(GapBeforeRole).toLongLong(), 3);
        QCOMPARE(model.index(after, 0).data(GapBeforeRole).toLongLong(), 0);
        // The same gap found from below (a jump past it, then scrolling up).
        model.jumpToId(60);
        QVERIFY(waitIdle(model));
        while (model.canFetchPrevious()) {
            model.fetchPrevious();
            QVERIFY(waitIdle(model));
        }
        QCOMPARE(model.index(model.rowForId(53), 0).data(GapBeforeRole).toLongLong(), 3);
        QCOMPARE(model.index(model.rowForId(53) - 1, 0).data(RowKindRole).toInt(),
                 static_cast<int>(RowKind::Gap));
        // Without gap rows only the role remains.
        model.setGapRows(false);
        QVERIFY(waitIdle(model));
        QVERIFY(fetchAll(model));
        while (model.canFetchPrevious()) {
            model.fetchPrevious();
            QVERIFY(waitIdle(model));
        }
        QCOMPARE(model.rowCount(), 254);
        QCOMPARE(model.index(model.rowForId(53), 0).data(GapBeforeRole).toLongLong(), 3);
    }

    void logFilters()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(5);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(waitIdle(model));
        const QString opened
            = QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened");
        model.setTopicFilter({opened});
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), m_bankExpected.topicCounts.at(opened));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.record(r)->topic, opened);
        QCOMPARE(model.topicsSeen(), QStringList {opened});
        // Time: everything up to the 10th event's time.
        model.clearFilters();
        QVERIFY(waitIdle(model));
        model.jumpToFirst();
        QVERIFY(fetchAll(model));
        QVERIFY(model.record(9));
        QCOMPARE(model.idAt(9), 10);
        const es::Timestamp tenth = *model.record(9)->timestamp();
        model.setTimeFilter(std::nullopt, tenth);
        QVERIFY(fetchAll(model));
        QCOMPARE(recordIds(model).size(), 10);
        QCOMPARE(recordIds(model).last(), 10);
    }

    void logSections()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogSectionModel model(session.get());
        Tester tester(&model, Fatal);
        QSignalSpy shown(&model, &LogSectionModel::sectionShown);
        model.setApplication(QStringLiteral("bankaccounts"), 10);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        QCOMPARE(model.sectionId(), QStringLiteral("1,10"));
        QCOMPARE(model.nextSectionId(), QStringLiteral("11,20"));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.previousSectionId(), QString());
        model.showNext();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10000);
        QCOMPARE(model.index(0, 0).data().toLongLong(), 11);
        QCOMPARE(model.previousSectionId(), QStringLiteral("1,10"));
        model.showSection(QStringLiteral("251,260"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 10000);
        QCOMPARE(model.sectionId(), QStringLiteral("251,257"));
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.nextSectionId(), QString());
        QSignalSpy errors(&model, &LogSectionModel::errorOccurred);
        model.showSection(QStringLiteral("not a section"));
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
    }

    // --- keys and damage ---------------------------------------------------------------------------------

    void encryptedStoreWithoutKeyWithWrongKeyAndWithKey()
    {
        auto session = openSession(m_aes);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(50);
        model.setApplication(QStringLiteral("bankaccounts.zlib-aes"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 161);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, 0).data(ProblemKindRole).toInt(),
                     static_cast<int>(es::DecodedState::Problem::NeedsKey));
            QVERIFY(model.index(r, LogModel::StatusColumn).data().toString() == QStringLiteral("needs key"));
            QVERIFY(model.index(r, 0).data(ProblemRole).toString().startsWith(QStringLiteral("needs key")));
            QCOMPARE(model.index(r, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::darkGray));
        }
        // The catalogue still lists every aggregate, saying why it cannot tell the type.
        CatalogueModel catalogue(session.get());
        Tester catalogueTester(&catalogue, Fatal);
        catalogue.setApplication(QStringLiteral("bankaccounts.zlib-aes"));
        QVERIFY(fetchAll(catalogue));
        QCOMPARE(catalogue.rowCount(), 8);
        QVERIFY(!catalogue.index(0, 0).data(ProblemRole).toString().isEmpty());

        // A wrong key: every row cannot be decrypted, in red.
        const QByteArray wrong = QByteArray(32, 'k').toBase64();
        QVERIFY(session->setCipherKey(QString(), QString::fromLatin1(wrong)));
        QVERIFY(waitIdle(model));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 161);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, 0).data(ProblemKindRole).toInt(),
                     static_cast<int>(es::DecodedState::Problem::CannotDecrypt));
            QCOMPARE(model.index(r, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));
            QVERIFY(model.index(r, LogModel::AggregateColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .startsWith(QStringLiteral("cannot decrypt")));
        }
        // The key: every row reads as Python wrote it.
        QVERIFY(session->setCipherKey(QString(), keyOf(QStringLiteral("bankaccounts.zlib-aes.key"))));
        QVERIFY(waitIdle(model));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 161);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, 0).data(ProblemRole).toString(), QString());
            QCOMPARE(model.index(r, LogModel::StoredColumn).data().toString(),
                     QStringLiteral("encrypted+zlib"));
            QCOMPARE(model.index(r, 0).data(JsonRole).toString().toUtf8(), m_aesExpected.lines.at(r));
        }
        QVERIFY(waitIdle(catalogue));
        QVERIFY(fetchAll(catalogue));
        QCOMPARE(catalogue.index(0, 0).data(ProblemRole).toString(), QString());
        QCOMPARE(catalogue.index(0, CatalogueModel::TypeColumn).data().toString(),
                 QStringLiteral("BankAccount"));
    }

    void damagedRecordsShowTheirReasons()
    {
        // A plain store with one state's bytes altered, and an encrypted one with one flipped bit.
        const QString plain = copy(QStringLiteral("bankaccounts.sqlite"), QStringLiteral("damaged"));
        QByteArray state = readState(plain, 10);
        QVERIFY(!state.isEmpty());
        state[state.size() / 2] = '\x01';
        state.chop(1);
        QVERIFY(alterStore(plain, QStringLiteral("UPDATE stored_events SET state = ? WHERE rowid = 10"),
                           {state}));
        const QString aes
            = copy(QStringLiteral("bankaccounts.zlib-aes.sqlite"), QStringLiteral("damaged-aes"));
        QByteArray secret = readState(aes, 5);
        QVERIFY(secret.size() > 40);
        secret[35] = static_cast<char>(secret[35] ^ 0x04);
        QVERIFY(
            alterStore(aes, QStringLiteral("UPDATE stored_events SET state = ? WHERE rowid = 5"), {secret}));

        auto session = openSession(plain);
        QVERIFY(session);
        LogModel model(session.get());
        Tester tester(&model, Fatal);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 257);
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString problem = model.index(r, 0).data(ProblemRole).toString();
            if (model.idAt(r) == 10) {
                QVERIFY2(problem.startsWith(QStringLiteral("not JSON")), qPrintable(problem));
                QCOMPARE(model.index(r, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));
                QVERIFY(model.index(r, 0).data(JsonRole).toString().contains(QStringLiteral("\"error\"")));
                JsonTreeModel tree;
                Tester treeTester(&tree, Fatal);
                tree.setRecord(*model.record(r));
                QCOMPARE(tree.rowCount(), 1);
                QVERIFY(tree.index(0, 0).data(ProblemRole).toString().startsWith(QStringLiteral("not JSON")));
            } else {
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        // verify() lists it as a finding.
        FindingsModel findings(session.get());
        Tester findingsTester(&findings, Fatal);
        QSignalSpy finished(&findings, &FindingsModel::finished);
        findings.start(QStringLiteral("bankaccounts"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        bool listed = false;
        for (int r = 0; r < findings.rowCount(); ++r)
            listed = listed
                || (findings.index(r, FindingsModel::KindColumn).data().toString()
                        == QStringLiteral("undecodable")
                    && findings.index(r, 0).data(NotificationIdRole).toLongLong() == 10);
        QVERIFY(listed);

        auto aesSession = openSession(aes);
        QVERIFY(aesSession);
        QVERIFY(aesSession->setCipherKey(QString(), keyOf(QStringLiteral("bankaccounts.zlib-aes.key"))));
        LogModel aesModel(aesSession.get());
        Tester aesTester(&aesModel, Fatal);
        aesModel.setApplication(QStringLiteral("bankaccounts.zlib-aes"));
        QVERIFY(fetchAll(aesModel));
        int bad = 0;
        for (int r = 0; r < aesModel.rowCount(); ++r) {
            const int kind = aesModel.index(r, 0).data(ProblemKindRole).toInt();
            if (kind != 0) {
                ++bad;
                QCOMPARE(aesModel.idAt(r), 5);
                QCOMPARE(kind, static_cast<int>(es::DecodedState::Problem::CannotDecrypt));
            }
        }
        QCOMPARE(bad, 1);
    }

    // --- snapshots, verify, rebuild, export ---------------------------------------------------------------

    void snapshotsOfTheStore()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        SnapshotsModel model(session.get());
        Tester tester(&model, Fatal);
        model.setPageSize(2);
        model.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 5);
        const auto lines
            = es::test::jsonlLines(es::test::fixture(QStringLiteral("bankaccounts.snapshots.jsonl")));
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, SnapshotsModel::TypeColumn).data().toString(),
                     QStringLiteral("BankAccount"));
            QVERIFY(lines.contains(model.index(r, 0).data(JsonRole).toString().toUtf8()));
        }
        model.setNewestFirst(true);
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 5);
        // One aggregate's.
        const QUuid id = model.index(0, 0).data(IdRole).toUuid();
        model.setApplication(QStringLiteral("bankaccounts"), id);
        QVERIFY(fetchAll(model));
        QVERIFY(model.rowCount() >= 1);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(IdRole).toUuid(), id);
        // TrackingModel on a store without followers: empty, not an error.
        TrackingModel tracking(session.get());
        Tester trackingTester(&tracking, Fatal);
        QVERIFY(waitIdle(tracking));
        QCOMPARE(tracking.rowCount(), 0);
    }

    void verifyCleanStoreAndCancel()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        FindingsModel model(session.get());
        Tester tester(&model, Fatal);
        QSignalSpy finished(&model, &FindingsModel::finished);
        model.start(QStringLiteral("bankaccounts"));
        QVERIFY(model.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(finished.at(0).at(0).toBool());
        QVERIFY(model.report());
        QCOMPARE(model.report()->events, 257);
        // A check cancelled at once never reports.
        QSignalSpy cancelled(&model, &FindingsModel::cancelled);
        QSignalSpy jobCancelled(session.get(), &StoreSession::jobCancelled);
        QObject hold;
        QSemaphore started, release;
        JobOptions o;
        o.lane = Lane::Background;
        session->run(
            &hold, o,
            [&](const JobControl &) {
                started.release();
                release.acquire();
                return 0;
            },
            [](int, quint64) {});
        QVERIFY(started.tryAcquire(1, 10000));
        model.start(QStringLiteral("bankaccounts"));
        model.cancel();
        release.release();
        QVERIFY(session->waitForIdle(20000));
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(jobCancelled.count(), 1);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isRunning());
    }

    void stateAtVersionsAndTheirDiff()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        QString busiest;
        int most = 0;
        for (const auto &[id, n] : m_bankExpected.eventsOf)
            if (n > most) {
                most = n;
                busiest = id;
            }
        const QUuid id = QUuid::fromString(busiest);
        AggregateStateLoader loader(session.get());
        QSignalSpy loaded(&loader, &AggregateStateLoader::stateLoaded);
        QSignalSpy failed(&loader, &AggregateStateLoader::failed);
        // A slider dragged over five versions: only the last request lands.
        for (qint64 v = 1; v <= 5; ++v)
            loader.load(QStringLiteral("bankaccounts"), id, v);
        QVERIFY(session->waitForIdle(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).value<es::inspect::RebuiltAggregate>().version, 5);
        QVERIFY(loader.staleAnswersDropped() >= 1);
        JsonTreeModel tree;
        Tester treeTester(&tree, Fatal);
        tree.setValue(loaded.at(0).at(0).value<es::inspect::RebuiltAggregate>().json);
        QCOMPARE(tree.indexForPath(QStringLiteral("state.balance")).siblingAtColumn(2).data().toString(),
                 QStringLiteral("Decimal"));

        JsonDiffModel diff(session.get());
        Tester diffTester(&diff, Fatal);
        QSignalSpy compared(&diff, &JsonDiffModel::compared);
        diff.compare(QStringLiteral("bankaccounts"), id, 1, most);
        QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 20000);
        QVERIFY(diff.rowCount() > 0);
        QStringList paths;
        for (int r = 0; r < diff.rowCount(); ++r)
            paths << diff.index(r, JsonDiffModel::PathColumn).data().toString();
        QVERIFY2(paths.contains(QStringLiteral("version")), qPrintable(paths.join(QLatin1Char(','))));
        const int version = static_cast<int>(paths.indexOf(QStringLiteral("version")));
        QCOMPARE(diff.index(version, JsonDiffModel::BeforeColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(diff.index(version, JsonDiffModel::AfterColumn).data().toString(), QString::number(most));

        // An unknown application is an error signal, not an exception.
        QSignalSpy diffErrors(&diff, &JsonDiffModel::errorOccurred);
        diff.compare(QStringLiteral("nope"), id, 1, 2);
        QCOMPARE(diffErrors.count(), 1);
        // So is an aggregate that does not exist.
        loader.load(QStringLiteral("bankaccounts"), QUuid::createUuid());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);

        QSignalSpy checked(&loader, &AggregateStateLoader::snapshotChecked);
        SnapshotsModel snapshots(session.get());
        snapshots.setApplication(QStringLiteral("bankaccounts"));
        QVERIFY(fetchAll(snapshots));
        loader.checkLatestSnapshot(QStringLiteral("bankaccounts"),
                                   snapshots.index(0, 0).data(IdRole).toUuid());
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 10000);
        QVERIFY(checked.at(0).at(1).toBool());
        QVERIFY(checked.at(0).at(2).value<es::inspect::SnapshotComparison>().matches);
    }

    void exportWritesTheReferenceLines()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        RecordExport exporter(session.get());
        QSignalSpy finished(&exporter, &RecordExport::finished);
        const QString out = m_dir.filePath(QStringLiteral("export.jsonl"));
        exporter.start(QStringLiteral("bankaccounts"), es::inspect::ExportOptions {}, out);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).value<es::inspect::ExportSummary>().rows, 257);
        QCOMPARE(es::test::readFile(out),
                 es::test::readFile(es::test::fixture(QStringLiteral("bankaccounts.notifications.jsonl"))));
    }

    // A remote notification log (the engine's JSON service over a copy of bankaccounts, on loopback):
    // the log model reads it in both directions; what a remote log cannot do arrives as a signal.
    void remoteLog()
    {
        const auto store = es::inspect::Store::open(m_bank);
        es::NotificationLogJSONService service(store->notificationLog(QStringLiteral("bankaccounts"), 10));
        service.listen();
        QString error;
        auto session = openSession(service.url().toString(), &error);
        QVERIFY2(session, qPrintable(error));
        ApplicationsModel apps(session.get());
        Tester appsTester(&apps, Fatal);
        QCOMPARE(apps.rowCount(), 1);
        QVERIFY(apps.index(0, 0).data(ApplicationInfoRole).value<es::inspect::ApplicationInfo>().isRemote);
        const QString app = apps.applicationAt(0);

        LogModel log(session.get());
        Tester logTester(&log, Fatal);
        log.setPageSize(25);
        log.setApplication(app);
        QVERIFY(fetchAll(log));
        const QList<qint64> ids = recordIds(log);
        QCOMPARE(ids.size(), 257);
        QCOMPARE(ids.first(), 1);
        QCOMPARE(ids.last(), 257);
        for (int r = 0; r < log.rowCount(); r += 50)
            QCOMPARE(log.index(r, 0).data(JsonRole).toString().toUtf8(), m_bankExpected.lines.at(r));
        QSignalSpy positioned(&log, &LogModel::positioned);
        log.jumpToLast();
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 1, 20000);
        QCOMPARE(log.idAt(positioned.at(0).at(0).toInt()), 257);

        CatalogueModel catalogue(session.get());
        Tester catalogueTester(&catalogue, Fatal);
        QSignalSpy errors(&catalogue, &CatalogueModel::errorOccurred);
        catalogue.setApplication(app);
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
        QCOMPARE(catalogue.rowCount(), 0);
        QVERIFY(!catalogue.canFetchMore(QModelIndex()));
        QVERIFY(session->waitForIdle(10000));
        session.reset();
        store->releaseThreadConnections();
    }

    void modelsCanBeChildrenOfTheirSession()
    {
        auto owned = openSession(m_bank);
        QVERIFY(owned);
        StoreSession *session = owned.release();
        auto *log = new LogModel(session, session);
        auto *catalogue = new CatalogueModel(session, session);
        auto *apps = new ApplicationsModel(session, session);
        QPointer<QObject> watch(log);
        log->setApplication(QStringLiteral("bankaccounts"));
        catalogue->setApplication(QStringLiteral("bankaccounts"));
        QCOMPARE(apps->rowCount(), 1);
        QVERIFY(session->pendingJobs() > 0);
        delete session; // with pages and counts on their way: nothing lands, nothing crashes
        QVERIFY(watch.isNull());
        QTest::qWait(50);
    }

    void closingDropsEverything()
    {
        auto session = openSession(m_bank);
        QVERIFY(session);
        LogModel log(session.get());
        Tester tester(&log, Fatal);
        ApplicationsModel apps(session.get());
        Tester appsTester(&apps, Fatal);
        log.setApplication(QStringLiteral("bankaccounts"));
        session->close(); // with the first page still on its way
        QVERIFY(session->waitForIdle(10000));
        QTest::qWait(50);
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(apps.rowCount(), 0);
        QCOMPARE(session->state(), StoreSession::State::Closed);
    }
};

QTEST_MAIN(TestGuiModels)
#include "tst_guimodels.moc"
