// The remote notification log (Python's interface.py over HTTP): an application's log served by
// NotificationLogJSONService and read back through NotificationLogJSONClient over a real local
// socket must equal the local log — sections, selections, a reader across sections — with the
// service in the test's own thread and in a QThread of its own, and the client in threads with and
// without an event loop. The JSON on the wire is checked byte for byte against what Python's
// json.dumps() writes; malformed requests get 400/404 and never stop the service.
#include "es/application.h"
#include "es/domain.h"
#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/notificationlog.h"
#include "es/remotelog.h"
#include "es/uuid.h"
#include "postgres.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

namespace {

class Account : public es::AggregateRoot<Account>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount";

    struct Opened : es::CreatedEvent<Account, Opened>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened";
        QString fullName;
        static constexpr auto fields() { return es::fields(es::field("full_name", &Opened::fullName)); }
        void apply(Account &a) const { a.m_fullName = fullName; }
    };

    struct Credited : es::Event<Account, Credited>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Credited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Credited::amount)); }
        void apply(Account &a) const { a.m_balance += amount; }
    };

    using Events = es::EventTypes<Opened, Credited>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("full_name", &Account::m_fullName),
                          es::field("balance", &Account::m_balance));
    }

    static std::unique_ptr<Account> open(const QString &name)
    {
        return createAggregate<Opened>(es::uuid::v4(), name);
    }
    void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }

    QString m_fullName;
    es::Decimal m_balance = es::Decimal::fromString("0.00");
};

constexpr const char *OpenedTopic = Account::Opened::TOPIC;
constexpr const char *CreditedTopic = Account::Credited::TOPIC;
constexpr int Accounts = 5;
constexpr int CreditsEach = 4;
constexpr int Total = Accounts * (1 + CreditsEach); // 25: two full sections and a half one

// Differences between two lists of notifications, byte for byte; empty when equal.
QString difference(const std::vector<es::Notification> &actual, const std::vector<es::Notification> &expected)
{
    if (actual.size() != expected.size())
        return QStringLiteral("%1 notifications, expected %2").arg(actual.size()).arg(expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        const es::Notification &a = actual[i];
        const es::Notification &e = expected[i];
        if (a.id != e.id || a.originatorId != e.originatorId || a.originatorVersion != e.originatorVersion
            || a.topic != e.topic || a.state != e.state)
            return QStringLiteral(
                       "notification %1 differs: id %2/%3, version %4/%5, topic %6/%7, state %8/%9")
                .arg(i)
                .arg(a.id)
                .arg(e.id)
                .arg(a.originatorVersion)
                .arg(e.originatorVersion)
                .arg(a.topic, e.topic, QString::fromLatin1(a.state.toBase64()),
                     QString::fromLatin1(e.state.toBase64()));
    }
    return {};
}

QString difference(const es::Section &actual, const es::Section &expected)
{
    if (actual.id != expected.id)
        return QStringLiteral("id %1, expected %2")
            .arg(actual.id.value_or(QStringLiteral("null")), expected.id.value_or(QStringLiteral("null")));
    if (actual.nextId != expected.nextId)
        return QStringLiteral("next id %1, expected %2")
            .arg(actual.nextId.value_or(QStringLiteral("null")),
                 expected.nextId.value_or(QStringLiteral("null")));
    return difference(actual.items, expected.items);
}

// A raw HTTP exchange over a QTcpSocket, waiting with an event loop (so that a service in this
// thread answers). Returns everything received until the response is complete or the peer closes.
struct RawResponse
{
    int status = 0; // 0: no status line received
    QByteArray headers;
    QByteArray body;
    bool closed = false;
};

RawResponse rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    RawResponse r;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return r;
    socket.write(request);
    QByteArray data;
    qsizetype expectedTotal = -1;
    (void)QTest::qWaitFor(
        [&] {
            data += socket.readAll();
            if (socket.state() != QAbstractSocket::ConnectedState) {
                data += socket.readAll();
                r.closed = true;
                return true;
            }
            const qsizetype headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return false;
            if (expectedTotal < 0) {
                const QList<QByteArray> lines = data.left(headerEnd).split('\n');
                for (const QByteArray &line : lines)
                    if (line.toLower().startsWith("content-length:"))
                        expectedTotal = headerEnd + 4 + line.mid(15).trimmed().toLongLong();
            }
            return expectedTotal >= 0 && data.size() >= expectedTotal;
        },
        timeoutMs);
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    if (data.startsWith("HTTP/1.")) {
        const QList<QByteArray> statusLine = data.left(data.indexOf("\r\n")).split(' ');
        if (statusLine.size() >= 2)
            r.status = statusLine[1].toInt();
    }
    if (headerEnd >= 0) {
        r.headers = data.left(headerEnd);
        r.body = data.mid(headerEnd + 4);
    }
    return r;
}

RawResponse rawGet(quint16 port, const QByteArray &target, const QByteArray &method = "GET")
{
    return rawExchange(port,
                       method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

QByteArray headerValue(const QByteArray &headers, const QByteArray &name)
{
    const QList<QByteArray> lines = headers.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// The service in a QThread of its own, running that thread's event loop; the caller may block.
class ServerThread : public QThread
{
public:
    explicit ServerThread(std::shared_ptr<es::NotificationLog> log) : m_log(std::move(log)) { }
    ~ServerThread() override { stop(); }

    QUrl startServing()
    {
        start();
        m_ready.acquire();
        return m_url;
    }
    void stop()
    {
        quit();
        wait();
    }
    QThread *serviceThread() const { return m_serviceThread; }

protected:
    void run() override
    {
        {
            es::NotificationLogJSONService service(m_log);
            try {
                service.listen();
                m_url = service.url();
                m_serviceThread = service.thread();
            } catch (const es::EventSourcingError &e) {
                qWarning("%s", e.what());
            }
            m_ready.release();
            exec();
        } // the service goes in its own thread
    }

private:
    std::shared_ptr<es::NotificationLog> m_log;
    QSemaphore m_ready;
    QUrl m_url;
    QThread *m_serviceThread = nullptr;
};

// Whether a TCP connection to address:port is accepted (the kernel completes it from the listen
// backlog, so a server in this thread need not run its event loop).
bool canConnect(const QHostAddress &address, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    const bool connected = socket.waitForConnected(3000);
    socket.abort();
    return connected;
}

// A canned HTTP server: answers every request with `response` (or never, when empty), to feed the
// client what a broken or foreign service would send.
class CannedServer
{
public:
    explicit CannedServer(QByteArray response) : m_response(std::move(response))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    if (!m_response.isEmpty() && m_received.contains("\r\n\r\n")) {
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    const QByteArray &received() const { return m_received; }
    int connections() const { return m_connections; }

    static QByteArray http(int status, const QByteArray &body,
                           const QByteArray &contentType = "application/json")
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
            + body;
    }

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_received;
    int m_connections = 0;
};

} // namespace

class TestRemoteLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<es::Application> m_app;
    std::vector<es::Notification> m_all; // the local log, read directly from the recorder
    // The fixed notifications of the exact-JSON test (a recorder written by hand).
    std::shared_ptr<es::ApplicationRecorder> m_fixedRecorder;

private slots:
    void initTestCase()
    {
        es::registerAggregate<Account>();
        m_app
            = std::make_unique<es::Application>(QStringLiteral("Test"),
                                                es::EnvMap {{QStringLiteral("INFRASTRUCTURE_FACTORY"),
                                                             QStringLiteral("eventsourcing.popo:Factory")}});
        // Interleave the accounts' events so that sections mix originators and topics.
        std::vector<std::unique_ptr<Account>> accounts;
        for (int i = 0; i < Accounts; ++i) {
            accounts.push_back(Account::open(QStringLiteral("Account %1 — é✓").arg(i)));
            m_app->save(*accounts.back());
        }
        for (int c = 0; c < CreditsEach; ++c)
            for (auto &a : accounts) {
                a->credit(es::Decimal::fromString(QStringLiteral("%1.25").arg(c + 1)));
                m_app->save(*a);
            }
        m_all = m_app->recorder().selectNotifications(1, 1000);
        QCOMPARE(int(m_all.size()), Total);
        QCOMPARE(m_all.front().id, 1);
        QCOMPARE(m_all.back().id, Total);

        auto factory = es::InfrastructureFactory::construct(es::Environment(
            QStringLiteral("Fixed"), {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("popo")}}));
        m_fixedRecorder = factory->applicationRecorder();
        const QUuid id = es::uuid::fromString("12345678-1234-5678-1234-567812345678");
        const std::vector<qint64> ids = m_fixedRecorder->insertEvents(
            {es::StoredEvent {id, 1, QString::fromUtf8("caf\u00e9:X"), QByteArray("{\"a\": 1}\0\xff", 10)},
             es::StoredEvent {id, 2, QString::fromUtf8("t\U0001F600"), QByteArray()}});
        QVERIFY(ids == (std::vector<qint64> {1, 2}));
    }

    // --- same thread: the client's local event loop lets the service answer -------------------------

    void sectionsEqualLocalLog_data()
    {
        QTest::addColumn<QString>("sectionId");
        for (const char *id :
             {"1,10", "11,20", "21,30", "31,40", "1,5", "3,12", "0,10", "-5,4", "1,100", "20,19", "25,25",
              "26,35", " 2 , 4 ", "9223372036854775806,9223372036854775807"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void sectionsEqualLocalLog()
    {
        QFETCH(QString, sectionId);
        es::NotificationLogJSONService service(*m_app);
        service.listen();
        es::NotificationLogJSONClient client(service.url());
        const es::Section remote = client.section(sectionId);
        const es::Section local = m_app->log().section(sectionId);
        const QString diff = difference(remote, local);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void sectionsAndNextIds()
    {
        // The chain a reader follows, spelled out: the local log's answers, through the wire.
        es::NotificationLogJSONService service(m_app->logPtr());
        service.listen();
        es::NotificationLogJSONClient client(service.url());
        es::Section s = client.section(QStringLiteral("1,10"));
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("1,10"));
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("11,20"));
        QCOMPARE(int(s.items.size()), 10);
        QVERIFY(difference(s.items, {m_all.begin(), m_all.begin() + 10}).isEmpty());
        s = client.section(*s.nextId);
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("11,20"));
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("21,30"));
        s = client.section(*s.nextId);
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("21,25"));
        QVERIFY(!s.nextId);
        QVERIFY(difference(s.items, {m_all.begin() + 20, m_all.end()}).isEmpty());
        s = client.section(QStringLiteral("26,35"));
        QVERIFY(!s.id);
        QVERIFY(!s.nextId);
        QVERIFY(s.items.empty());
    }

    void selectEqualsLocalLog_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<QStringList>("topics");
        const QString opened = QString::fromLatin1(OpenedTopic);
        const QString credited = QString::fromLatin1(CreditedTopic);
        QTest::newRow("first page") << qint64(1) << qint64(10) << QStringList();
        QTest::newRow("middle") << qint64(7) << qint64(3) << QStringList();
        QTest::newRow("tail") << qint64(22) << qint64(10) << QStringList();
        QTest::newRow("beyond") << qint64(26) << qint64(10) << QStringList();
        QTest::newRow("zero limit") << qint64(1) << qint64(0) << QStringList();
        QTest::newRow("negative start") << qint64(-3) << qint64(2) << QStringList();
        QTest::newRow("opened") << qint64(1) << qint64(10) << QStringList {opened};
        QTest::newRow("credited from 4") << qint64(4) << qint64(10) << QStringList {credited};
        QTest::newRow("both topics") << qint64(3) << qint64(10) << QStringList {opened, credited};
        QTest::newRow("unknown topic")
            << qint64(1) << qint64(10) << QStringList {QStringLiteral("no.such:Topic")};
    }
    void selectEqualsLocalLog()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, limit);
        QFETCH(QStringList, topics);
        es::NotificationLogJSONService service(*m_app);
        service.listen();
        es::NotificationLogJSONClient client(service.url());
        const std::vector<es::Notification> remote = client.select(start, limit, topics);
        const std::vector<es::Notification> local = m_app->log().select(start, limit, topics);
        const QString diff = difference(remote, local);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        if (topics.size() == 1 && topics.front() == QLatin1String(OpenedTopic)) {
            QCOMPARE(int(remote.size()), Accounts); // the filter did filter
            for (const es::Notification &n : remote)
                QCOMPARE(n.topic, QString::fromLatin1(OpenedTopic));
        }
    }

    void readerOverClientReadsEverything()
    {
        es::NotificationLogJSONService service(*m_app);
        service.listen();
        auto client = std::make_shared<es::NotificationLogJSONClient>(service.url());
        es::NotificationLogReader reader(client);
        QString diff = difference(reader.readAll(1), m_all);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        diff = difference(reader.readAll(17), {m_all.begin() + 16, m_all.end()});
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // select() in pages, with a topic filter: the credits only, in order, in pages of ten.
        std::vector<es::Notification> credited;
        int pages = 0;
        reader.select(1,
                      [&](const std::vector<es::Notification> &page) {
                          ++pages;
                          credited.insert(credited.end(), page.begin(), page.end());
                          return true;
                      },
                      {QString::fromLatin1(CreditedTopic)});
        QCOMPARE(pages, 2);
        std::vector<es::Notification> expected;
        for (const es::Notification &n : m_all)
            if (n.topic == QLatin1String(CreditedTopic))
                expected.push_back(n);
        QCOMPARE(int(expected.size()), Accounts * CreditsEach);
        diff = difference(credited, expected);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // --- the exact text on the wire --------------------------------------------------------------------

    void exactJsonAsPython()
    {
        // Expected texts written by Python 3: json.dumps() of interface.py's dicts for these records.
        const QByteArray item1
            = R"({"id": 1, "originator_id": "12345678123456781234567812345678", "originator_version": 1, )"
              R"("topic": "caf\u00e9:X", "state": "eyJhIjogMX0A/w=="})";
        const QByteArray item2
            = R"({"id": 2, "originator_id": "12345678123456781234567812345678", "originator_version": 2, )"
              R"("topic": "t\ud83d\ude00", "state": ""})";

        es::NotificationLogJSONService bySize1(
            std::make_shared<es::LocalNotificationLog>(m_fixedRecorder, 1));
        es::NotificationLogJSONService bySize10(
            std::make_shared<es::LocalNotificationLog>(m_fixedRecorder, 10));
        const quint16 port1 = bySize1.listen();
        const quint16 port10 = bySize10.listen();
        QVERIFY(port1 != 0 && port10 != 0 && port1 != port10);

        RawResponse r = rawGet(port1, "/notifications/1,1");
        QCOMPARE(r.status, 200);
        QCOMPARE(headerValue(r.headers, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.body, R"({"id": "1,1", "next_id": "2,2", "items": [)" + item1 + "]}");

        r = rawGet(port10, "/notifications/1,10");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, R"({"id": "1,2", "next_id": null, "items": [)" + item1 + ", " + item2 + "]}");

        r = rawGet(port10, "/notifications/3,12");
        QCOMPARE(r.body, QByteArray(R"({"id": null, "next_id": null, "items": []})"));
        // Extreme ids are empty sections, as in Python (never an overflow).
        r = rawGet(port10, "/notifications/1,-9223372036854775808");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray(R"({"id": null, "next_id": null, "items": []})"));
        r = rawGet(port10, "/notifications/-9223372036854775808,9223372036854775807");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, R"({"id": "1,2", "next_id": null, "items": [)" + item1 + ", " + item2 + "]}");

        r = rawGet(port10, "/notifications?start=1&limit=2");
        QCOMPARE(r.status, 200);
        QCOMPARE(headerValue(r.headers, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.body, "[" + item1 + ", " + item2 + "]");

        r = rawGet(port10, "/notifications?start=3&limit=2");
        QCOMPARE(r.body, QByteArray("[]"));

        // Topics filter, comma-separated and percent-encoded as a query parameter.
        r = rawGet(port10, "/notifications?start=1&limit=10&topics=t%F0%9F%98%80,other");
        QCOMPARE(r.body, "[" + item2 + "]");

        // The same text without HTTP (Python's get_log_section / get_notifications).
        QCOMPARE(QByteArray::fromStdString(bySize1.getLogSection(QStringLiteral("1,1"))),
                 R"({"id": "1,1", "next_id": "2,2", "items": [)" + item1 + "]}");
        QCOMPARE(QByteArray::fromStdString(bySize10.getNotifications(2, 5)), "[" + item2 + "]");

        // And the application's sections on the wire are the serialisation of its local sections.
        es::NotificationLogJSONService app(*m_app);
        const quint16 appPort = app.listen();
        for (const char *id : {"1,10", "11,20", "21,30"}) {
            r = rawGet(appPort, QByteArray("/notifications/") + id);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body,
                     QByteArray::fromStdString(es::NotificationLogJSONService::sectionToJson(
                         m_app->log().section(QString::fromLatin1(id)))));
        }
    }

    void clientReadsPythonStyleService()
    {
        // What the Python library's HTTP handler sends: text/html, no keep-alive; later Python versions
        // send originator_version as a string. The client takes the JSON, not the headers.
        const QByteArray body
            = R"({"id": "1,1", "next_id": "2,2", "items": [{"id": 1, "originator_id": "12345678123456781234567812345678", )"
              R"("originator_version": "7", "topic": "caf\u00e9:X", "state": "eyJhIjogMX0A/w=="}]})";
        CannedServer python(CannedServer::http(200, body, "text/html"));
        es::NotificationLogJSONClient client(python.url());
        const es::Section s = client.section(QStringLiteral("1,1"));
        QVERIFY(python.received().startsWith("GET /notifications/1,1 HTTP/1.1\r\n"));
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("1,1"));
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("2,2"));
        QCOMPARE(int(s.items.size()), 1);
        QCOMPARE(s.items[0].id, 1);
        QCOMPARE(s.items[0].originatorId, es::uuid::fromString("12345678-1234-5678-1234-567812345678"));
        QCOMPARE(s.items[0].originatorVersion, 7);
        QCOMPARE(s.items[0].topic, QString::fromUtf8("caf\u00e9:X"));
        QCOMPARE(s.items[0].state, QByteArray("{\"a\": 1}\0\xff", 10));
    }

    // --- malformed requests ----------------------------------------------------------------------------

    void malformedRequestsAnswered_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        auto row = [](const char *name, const char *method, const QByteArray &target, int status,
                      const char *part) {
            QTest::newRow(name) << QByteArray(method) << target << status << QString::fromLatin1(part);
        };
        row("not a section id", "GET", "/notifications/abc", 400, "section id");
        row("one number", "GET", "/notifications/1", 400, "section id");
        row("three numbers", "GET", "/notifications/1,2,3", 400, "section id");
        row("empty id", "GET", "/notifications/", 400, "section id");
        row("huge number", "GET", "/notifications/1,99999999999999999999999999", 400, "section id");
        row("encoded binary", "GET", "/notifications/%FF%00%01,1", 400, "section id");
        row("encoded slash", "GET", "/notifications/1%2F2,3", 400, "section id");
        row("long id", "GET", "/notifications/" + QByteArray(20000, '7') + ",1", 400, "section id");
        row("no start", "GET", "/notifications?limit=5", 400, "start");
        row("no limit", "GET", "/notifications?start=1", 400, "limit");
        row("no query", "GET", "/notifications", 400, "start");
        row("start not integer", "GET", "/notifications?start=one&limit=5", 400, "start");
        row("limit float", "GET", "/notifications?start=1&limit=2.5", 400, "limit");
        row("limit huge", "GET", "/notifications?start=1&limit=99999999999999999999", 400, "limit");
        row("limit above section size", "GET", "/notifications?start=1&limit=11", 400, "section size");
        row("limit negative", "GET", "/notifications?start=1&limit=-1", 400, "negative");
        row("start twice", "GET", "/notifications?start=1&start=2&limit=3", 400, "start");
        row("root", "GET", "/", 404, "not found");
        row("elsewhere", "GET", "/accounts/1", 404, "not found");
        row("below a section", "GET", "/notifications/1,10/more", 404, "not found");
        row("long path", "GET", "/" + QByteArray(30000, 'x'), 404, "not found");
        row("post", "POST", "/notifications/1,10", 400, "POST");
        row("put", "PUT", "/notifications?start=1&limit=1", 400, "PUT");
        row("delete", "DELETE", "/notifications/1,10", 400, "DELETE");
    }
    void malformedRequestsAnswered()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        es::NotificationLogJSONService service(*m_app);
        const quint16 port = service.listen();
        const RawResponse r = rawGet(port, target, method);
        QCOMPARE(r.status, status);
        QCOMPARE(headerValue(r.headers, "Content-Type"), QByteArray("application/json"));
        const es::json::Value body = es::json::Value::parse(r.body.toStdString());
        QVERIFY(body.isObject());
        QVERIFY(body.find("error") && body.find("error")->isString());
        const QString message = body.find("error")->toQString();
        QVERIFY2(message.contains(messagePart, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY2(message.size() < 1000, "error messages quote request text only in part");

        // Still serving.
        es::NotificationLogJSONClient client(service.url());
        QVERIFY(
            difference(client.section(QStringLiteral("1,10")), m_app->log().section(QStringLiteral("1,10")))
                .isEmpty());
    }

    void garbageOnTheSocketDoesNotStopTheService()
    {
        es::NotificationLogJSONService service(*m_app);
        const quint16 port = service.listen();
        QByteArray binary;
        for (int i = 0; i < 4096; ++i)
            binary.append(char((i * 131 + 7) & 0xff));
        const QList<QByteArray> inputs = {
            binary,
            QByteArray("\x00\x01\x02\r\n\r\n", 7),
            "GET /notifications/1,10 HTTP/9.9\r\n\r\n",
            "GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /notifications/1,10 HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(200000, 'a') + "\r\n\r\n",
            "GET /notifications/1,10 HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            "GET /notifications/1,10 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab", // truncated body
            QByteArray("GET /notif\xff\xfe\x00ications HTTP/1.1\r\n\r\n", 34),
        };
        int answered = 0;
        for (const QByteArray &input : inputs) {
            const RawResponse r = rawExchange(port, input, 1500);
            // Disconnected, refused as a bad request, or (a lenient parse such as HTTP/9.9) answered;
            // never a server error.
            if (r.status != 0) {
                ++answered;
                QVERIFY2(r.status == 200 || (r.status >= 400 && r.status < 500), r.headers.constData());
            }
            // After each, the service answers a good request.
            const RawResponse ok = rawGet(port, "/notifications/1,3");
            QCOMPARE(ok.status, 200);
            QVERIFY(ok.body.startsWith(R"({"id": "1,3", "next_id": "4,6", "items": [{"id": 1, )"));
        }
        qInfo("%d of %d malformed inputs got an HTTP answer (the rest were disconnected)", answered,
              int(inputs.size()));
    }

    // --- the client's errors -------------------------------------------------------------------------

    void clientErrors()
    {
        es::NotificationLogJSONService service(*m_app);
        service.listen();
        const QUrl url = service.url();
        es::NotificationLogJSONClient client(url, es::NotificationLogJSONClient::DefaultSectionSize, 5000);

        // A bad section id: the service's 400, as NotificationLogError with the service's message.
        try {
            client.section(QStringLiteral("ten,twenty"));
            QFAIL("no exception for a bad section id");
        } catch (const es::NotificationLogError &e) {
            QVERIFY2(e.message().contains(QLatin1String("400")), e.what());
            QVERIFY2(e.message().contains(QLatin1String("invalid section id 'ten,twenty'")), e.what());
        }
        // A slash in the id stays in the id.
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, client.section(QStringLiteral("1/2,3")));
        // A limit above the remote section size.
        try {
            client.select(1, 11);
            QFAIL("no exception for a limit above the section size");
        } catch (const es::NotificationLogError &e) {
            QVERIFY2(e.message().contains(QLatin1String("greater than section size 10")), e.what());
        }
        // Still good after errors (the connection is reused or renewed).
        QCOMPARE(int(client.section(QStringLiteral("1,10")).items.size()), 10);

        // The server stopped: a connection error naming the URL, not a log error.
        service.close();
        QVERIFY(!service.isListening());
        QCOMPARE(service.port(), quint16(0));
        try {
            client.section(QStringLiteral("1,10"));
            QFAIL("no exception with the server stopped");
        } catch (const es::NotificationLogError &e) {
            QFAIL(e.what());
        } catch (const es::InterfaceError &e) {
            QVERIFY2(e.message().contains(url.toString()), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, client.select(1, 10));

        // Listening again (another port): a new client reads again.
        service.listen();
        es::NotificationLogJSONClient again(service.url());
        QCOMPARE(int(again.select(1, 10).size()), 10);

        // Bad configuration.
        QVERIFY_THROWS_EXCEPTION(es::ValueError,
                                 es::NotificationLogJSONClient(QUrl(QStringLiteral("ftp://x/"))));
        QVERIFY_THROWS_EXCEPTION(es::ValueError,
                                 es::NotificationLogJSONClient(QUrl(QStringLiteral("not a url"))));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, es::NotificationLogJSONClient(url, 0));
    }

    void clientRejectsMalformedAnswers_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("messagePart");
        const QByteArray goodItem
            = R"({"id": 1, "originator_id": "12345678123456781234567812345678", "originator_version": 1, "topic": "t", "state": "AA=="})";
        auto section = [](const QByteArray &items) {
            return R"({"id": "1,1", "next_id": null, "items": [)" + items + "]}";
        };
        auto row = [](const char *name, const QByteArray &response, const char *part) {
            QTest::newRow(name) << response << QString::fromLatin1(part);
        };
        row("not json", CannedServer::http(200, "<html>hello</html>"), "not JSON");
        row("truncated json", CannedServer::http(200, section(goodItem).left(40)), "not JSON");
        row("a list", CannedServer::http(200, "[]"), "object");
        row("no items", CannedServer::http(200, R"({"id": null, "next_id": null})"), "items");
        row("items not a list", CannedServer::http(200, R"({"id": null, "next_id": null, "items": 3})"),
            "list");
        row("id a number", CannedServer::http(200, R"({"id": 1, "next_id": null, "items": []})"), "\"id\"");
        row("bad uuid",
            CannedServer::http(
                200, section(QByteArray(goodItem).replace("12345678123456781234567812345678", "zz"))),
            "originator_id");
        row("bad base64",
            CannedServer::http(200, section(QByteArray(goodItem).replace("AA==", "!!not base64!!"))),
            "base64");
        row("version not integer",
            CannedServer::http(200,
                               section(QByteArray(goodItem).replace("\"originator_version\": 1",
                                                                    "\"originator_version\": 1.5"))),
            "originator_version");
        row("version overflows",
            CannedServer::http(
                200,
                section(QByteArray(goodItem).replace("\"originator_version\": 1",
                                                     "\"originator_version\": \"99999999999999999999\""))),
            "originator_version");
        row("missing topic",
            CannedServer::http(200, section(QByteArray(goodItem).replace("\"topic\"", "\"topik\""))),
            "topic");
        row("server error", CannedServer::http(500, R"({"error": "the database is on fire"})"),
            "the database is on fire");
        row("not found, html", CannedServer::http(404, "Not found: /notifications/1,1", "text/html"),
            "Not found: /notifications/1,1");
        row("no content", CannedServer::http(204, ""), "204");
    }
    void clientRejectsMalformedAnswers()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, messagePart);
        CannedServer server(response);
        es::NotificationLogJSONClient client(server.url(), 10, 5000);
        try {
            client.section(QStringLiteral("1,1"));
            QFAIL("no exception");
        } catch (const es::NotificationLogError &e) {
            QVERIFY2(e.message().contains(messagePart), e.what());
        }
        QCOMPARE(server.connections(), 1);
    }

    void clientParsesSelectAnswers()
    {
        // The list form has its own checks: an object where a list is expected is refused.
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError,
                                 es::NotificationLogJSONClient::parseNotifications("{}"));
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError,
                                 es::NotificationLogJSONClient::parseNotifications("[1]"));
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError,
                                 es::NotificationLogJSONClient::parseNotifications(""));
        QVERIFY(es::NotificationLogJSONClient::parseNotifications("[]").empty());
        const auto items = es::NotificationLogJSONClient::parseNotifications(
            QByteArray::fromStdString(es::NotificationLogJSONService::notificationsToJson(m_all)));
        QVERIFY(difference(items, m_all).isEmpty());
    }

    void clientTimesOut()
    {
        CannedServer silent {QByteArray()}; // accepts, never answers
        es::NotificationLogJSONClient client(silent.url(), 10, 300);
        QElapsedTimer timer;
        timer.start();
        try {
            client.section(QStringLiteral("1,10"));
            QFAIL("no exception from a silent server");
        } catch (const es::InterfaceError &e) {
            QVERIFY2(e.message().contains(silent.url().toString()), e.what());
            QVERIFY2(e.message().contains(QLatin1String("300 ms")), e.what());
        }
        QVERIFY2(timer.elapsed() < 5000, "the timeout bounds the call");
        QVERIFY(silent.connections() >= 1);
    }

    void nobodyListening()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
            port = probe.serverPort();
        } // closed: nothing listens there now
        es::NotificationLogJSONClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), 10, 5000);
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, client.section(QStringLiteral("1,10")));
        es::NotificationLogReader reader(
            std::make_shared<es::NotificationLogJSONClient>(client.baseUrl(), 10, 5000));
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, reader.readAll(1));
    }

    // --- listening -----------------------------------------------------------------------------------

    void listening()
    {
        es::NotificationLogJSONService service(*m_app);
        QVERIFY(!service.isListening());
        QCOMPARE(service.port(), quint16(0));
        QVERIFY(service.url().isEmpty());
        const quint16 port = service.listen();
        QVERIFY(port != 0);
        QCOMPARE(service.port(), port);
        QCOMPARE(service.url(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, service.listen()); // already listening

        // Loopback by default: the socket is bound to 127.0.0.1, not to every interface.
        es::NotificationLogJSONService other(*m_app);
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, other.listen(port)); // port taken
        QVERIFY(!other.isListening());

        // An explicit address listens there; "any" is given to clients as loopback.
        const quint16 anyPort = other.listen(0, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(other.url(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(anyPort)));
        es::NotificationLogJSONClient client(other.url());
        QCOMPARE(int(client.select(1, 5).size()), 5);

        QVERIFY_THROWS_EXCEPTION(es::ValueError,
                                 es::NotificationLogJSONService(std::shared_ptr<es::NotificationLog>()));
    }

    // --- the same on every backend ----------------------------------------------------------------

    void remoteEqualsLocalOnEveryBackend_data()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }
    void remoteEqualsLocalOnEveryBackend()
    {
        QFETCH(QString, backend);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::unique_ptr<es::test::ScratchDatabase> pg;
        es::EnvMap env;
        if (backend == QLatin1String("popo")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                       QStringLiteral("eventsourcing.popo:Factory"));
        } else if (backend == QLatin1String("sqlite-file")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                       QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"), dir.filePath(QStringLiteral("remote.sqlite")));
        } else {
            ES_REQUIRE_POSTGRES();
            pg = std::make_unique<es::test::ScratchDatabase>(QStringLiteral("es_remotelog"));
            QVERIFY2(pg->isValid(), qPrintable(pg->error()));
            env = es::test::postgresVariables(*pg);
        }
        auto app = es::makeApplication<es::Application>(QStringLiteral("Remote"), env);
        std::vector<std::unique_ptr<Account>> accounts;
        for (int i = 0; i < Accounts; ++i) {
            accounts.push_back(Account::open(QStringLiteral("Account %1 — é✓").arg(i)));
            app->save(*accounts.back());
        }
        // A save that conflicts writes nothing (on PostgreSQL it leaves a gap in the ids).
        auto stale = Account::open(QStringLiteral("stale"));
        const std::vector<es::DomainEventPtr> again {app->events().get(accounts.front()->id()).front()};
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app->save({stale.get()}, again));
        for (int c = 0; c < CreditsEach; ++c)
            for (auto &a : accounts) {
                a->credit(es::Decimal::fromString(QStringLiteral("%1.25").arg(c + 1)));
                app->save(*a);
            }
        const std::vector<es::Notification> all = app->recorder().selectNotifications(1, 1000);
        QCOMPARE(int(all.size()), Total);
        if (backend == QLatin1String("postgres"))
            QCOMPARE(all.back().id, qint64(Total + 2)); // the conflicting save took two ids
        else
            QCOMPARE(all.back().id, qint64(Total));

        // The service in this thread, over a real socket.
        {
            es::NotificationLogJSONService service(*app);
            service.listen();
            es::NotificationLogJSONClient client(service.url());
            for (const char *id :
                 {"1,10", "11,20", "21,30", "31,40", "1,5", "3,12", "0,10", "1,100", "5,7", "26,35"}) {
                const QString diff = difference(client.section(QString::fromLatin1(id)),
                                                app->log().section(QString::fromLatin1(id)));
                QVERIFY2(diff.isEmpty(),
                         qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(id), diff)));
            }
            // The chain of sections a reader follows, and it covers the whole log.
            std::vector<es::Notification> chained;
            std::optional<QString> next = QStringLiteral("1,10");
            int sections = 0;
            while (next) {
                const es::Section remote = client.section(*next);
                const es::Section local = app->log().section(*next);
                const QString diff = difference(remote, local);
                QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(*next, diff)));
                chained.insert(chained.end(), remote.items.begin(), remote.items.end());
                next = remote.nextId;
                QVERIFY(++sections <= 4);
            }
            QCOMPARE(sections, 3);
            QVERIFY(difference(chained, all).isEmpty());
            for (const QStringList &topics :
                 {QStringList(), QStringList {QString::fromLatin1(CreditedTopic)}}) {
                const QString diff
                    = difference(client.select(4, 10, topics), app->log().select(4, 10, topics));
                QVERIFY2(diff.isEmpty(), qPrintable(diff));
            }
            es::NotificationLogReader reader(std::make_shared<es::NotificationLogJSONClient>(service.url()));
            const QString diff = difference(reader.readAll(1), all);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        // The service in a thread of its own (its own database connection there).
        ServerThread server(app->logPtr());
        const QUrl url = server.startServing();
        QVERIFY(url.isValid());
        es::NotificationLogReader reader(std::make_shared<es::NotificationLogJSONClient>(url));
        const QString diff = difference(reader.readAll(1), all);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        server.stop();
    }

    void loopbackByDefault()
    {
        // Bound to 127.0.0.1 only: another loopback address (127.0.0.2, on lo's 127/8), IPv6's
        // loopback and this machine's own non-loopback addresses are all refused.
        es::NotificationLogJSONService service(*m_app);
        const quint16 port = service.listen();
        QCOMPARE(service.url().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(canConnect(QHostAddress(QHostAddress::LocalHost), port));
        QVERIFY(!canConnect(QHostAddress(QStringLiteral("127.0.0.2")), port));
        QVERIFY(!canConnect(QHostAddress(QHostAddress::LocalHostIPv6), port));
        QList<QHostAddress> external;
        const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &a : addresses)
            if (!a.isLoopback() && !a.isLinkLocal() && a.protocol() == QAbstractSocket::IPv4Protocol)
                external << a;
        for (const QHostAddress &a : std::as_const(external))
            QVERIFY2(!canConnect(a, port), qPrintable(a.toString()));

        // The probes can succeed: the same service listening on every IPv4 address accepts them.
        es::NotificationLogJSONService everywhere(*m_app);
        const quint16 anyPort = everywhere.listen(0, QHostAddress(QHostAddress::AnyIPv4));
        QVERIFY(canConnect(QHostAddress(QStringLiteral("127.0.0.2")), anyPort));
        for (const QHostAddress &a : std::as_const(external))
            QVERIFY2(canConnect(a, anyPort), qPrintable(a.toString()));
        if (external.isEmpty())
            qInfo("no non-loopback IPv4 address here: checked 127.0.0.2 and ::1 only");
        // And the loopback-only one still answers with the log.
        es::NotificationLogJSONClient client(service.url());
        QVERIFY(difference(client.select(1, 10), m_app->log().select(1, 10)).isEmpty());
    }

    // --- threads ---------------------------------------------------------------------------------------

    void serverInItsOwnThread()
    {
        // The service runs its QThread's event loop; this thread blocks in the client without one.
        ServerThread server(m_app->logPtr());
        const QUrl url = server.startServing();
        QVERIFY(url.isValid());
        QVERIFY(server.serviceThread() == &server);
        es::NotificationLogJSONClient client(url);
        for (const char *id : {"1,10", "11,20", "21,30", "3,12", "31,40"}) {
            const QString diff = difference(client.section(QString::fromLatin1(id)),
                                            m_app->log().section(QString::fromLatin1(id)));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(id), diff)));
        }
        const QStringList topics {QString::fromLatin1(OpenedTopic)};
        QVERIFY(difference(client.select(1, 10, topics), m_app->log().select(1, 10, topics)).isEmpty());
        es::NotificationLogReader reader(std::make_shared<es::NotificationLogJSONClient>(url));
        QVERIFY(difference(reader.readAll(1), m_all).isEmpty());

        // Stopping the server thread closes its connections: the client gets InterfaceError.
        server.stop();
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, client.section(QStringLiteral("1,10")));
    }

    void clientFromThreadsWithoutEventLoop()
    {
        // Several std::threads (no event loop of their own, no QThread) share one client and each
        // reads the whole log through a reader; the server runs in its own QThread.
        ServerThread server(m_app->logPtr());
        const QUrl url = server.startServing();
        auto client = std::make_shared<es::NotificationLogJSONClient>(url);
        constexpr int Threads = 4;
        constexpr int Rounds = 3;
        std::atomic<int> complete {0};
        std::atomic<int> errors {0};
        std::vector<int> counts(Threads, 0);
        std::vector<QString> diffs(Threads);
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t)
            threads.emplace_back([&, t] {
                try {
                    es::NotificationLogReader reader(client);
                    for (int round = 0; round < Rounds; ++round) {
                        const std::vector<es::Notification> all = reader.readAll(1);
                        counts[size_t(t)] += int(all.size());
                        if (diffs[size_t(t)].isEmpty())
                            diffs[size_t(t)] = difference(all, m_all);
                    }
                    ++complete;
                } catch (const std::exception &e) {
                    diffs[size_t(t)] = QString::fromUtf8(e.what());
                    ++errors;
                }
            });
        for (std::thread &t : threads)
            t.join();
        for (int t = 0; t < Threads; ++t) {
            QVERIFY2(diffs[size_t(t)].isEmpty(), qPrintable(diffs[size_t(t)]));
            QCOMPARE(counts[size_t(t)], Total * Rounds);
        }
        QCOMPARE(errors.load(), 0);
        QCOMPARE(complete.load(), Threads);
    }

    void clientFromStdThreadWithServerInThisThread()
    {
        // The service in this thread, kept answering by this thread's event loop while a std::thread
        // (without one) blocks in the client.
        es::NotificationLogJSONService service(*m_app);
        service.listen();
        const QUrl url = service.url();
        std::atomic<bool> done {false};
        std::vector<es::Notification> read;
        QString error;
        std::thread reader([&] {
            try {
                es::NotificationLogReader r(std::make_shared<es::NotificationLogJSONClient>(url));
                read = r.readAll(1);
            } catch (const std::exception &e) {
                error = QString::fromUtf8(e.what());
            }
            done = true;
        });
        const bool finished = QTest::qWaitFor([&] { return done.load(); }, 20000);
        reader.join();
        QVERIFY(finished);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(difference(read, m_all).isEmpty());
    }

    void clientInAQThreadWithEventLoop()
    {
        // A worker QThread running its event loop calls the client from a queued call: the client's
        // local loop nests inside the thread's own.
        ServerThread server(m_app->logPtr());
        const QUrl url = server.startServing();
        QThread worker;
        QObject context;
        context.moveToThread(&worker);
        worker.start();
        std::vector<es::Notification> read;
        QString error;
        QMetaObject::invokeMethod(
            &context,
            [&] {
                try {
                    es::NotificationLogReader r(std::make_shared<es::NotificationLogJSONClient>(url));
                    read = r.readAll(1);
                } catch (const std::exception &e) {
                    error = QString::fromUtf8(e.what());
                }
            },
            Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(difference(read, m_all).isEmpty());
    }
};

QTEST_MAIN(TestRemoteLog)
#include "tst_remotelog.moc"
