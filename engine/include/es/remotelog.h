#pragma once
// The remote notification log, as Python's eventsourcing 9.1 (interface.py): an application's
// notification log served as JSON over HTTP, and a NotificationLog that reads one — so that a
// NotificationLogReader, or a process application's follower, can follow an application in another
// process (or written in Python: the JSON is byte for byte what interface.py's json.dumps() gives).
//
// Wire format (both directions):
//   GET /notifications/<section id>   -> {"id": "1,10" | null, "next_id": "11,20" | null, "items": [ITEM, …]}
//   GET /notifications?start=N&limit=M[&topics=a,b]   -> [ITEM, …]
//   ITEM = {"id": 1, "originator_id": "<32 hex>", "originator_version": 1, "topic": "…", "state": "<base64>"}
//   errors -> HTTP 400 (bad request), 404 (unknown path) or 500 (the log failed), body {"error": "…"}
//
// - NotificationLogJSONService: a QObject that serves a NotificationLog. It lives in the thread that
//   created it and needs that thread's event loop to run (a QThread's exec(), the application's, or a
//   local QEventLoop — a client blocking in the same thread spins one). Not thread-safe: call it
//   from its own thread only. It shares ownership of the log it serves.
// - NotificationLogJSONClient: a NotificationLog over HTTP (QNetworkAccessManager). Calls block
//   until the answer or the timeout; usable from any thread, including threads without a running
//   event loop (a std::thread): each calling thread gets its own QNetworkAccessManager, kept for
//   the thread's lifetime so connections are reused. Thread-safe; needs a QCoreApplication.

#include "es/notificationlog.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>
#include <string>
#include <vector>

namespace es {

class Application;

class NotificationLogJSONService : public QObject
{
    Q_OBJECT
public:
    // Serves `log` (shared: the service keeps it alive). Not listening until listen().
    explicit NotificationLogJSONService(std::shared_ptr<NotificationLog> log, QObject *parent = nullptr);
    // Serves the application's log (app.logPtr(), shared: the application may go first).
    explicit NotificationLogJSONService(Application &app, QObject *parent = nullptr);
    ~NotificationLogJSONService() override;

    // Starts listening on address:port; port 0 takes any free port. Loopback unless another address
    // is given explicitly (the log holds every event's state: expose it deliberately). Returns the
    // port. Throws InterfaceError when it cannot listen (port taken, bad address) or already listens.
    quint16 listen(quint16 port = 0, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    // Stops listening and drops every open connection (clients then see connection errors).
    void close();
    bool isListening() const;
    // The port listened on; 0 when not listening.
    quint16 port() const;
    // The base URL to give a NotificationLogJSONClient ("http://127.0.0.1:<port>"); an "any" address
    // is given as its loopback. Empty when not listening.
    QUrl url() const;

    // The JSON bodies, without HTTP — Python's get_log_section() and get_notifications(). Throw
    // NotificationLogError for a bad section id or limit, and whatever the log throws.
    std::string getLogSection(const QString &sectionId) const;
    std::string getNotifications(qint64 start, qint64 limit, const QStringList &topics = {}) const;

    // The JSON text of a section / of a list of notifications, exactly as Python's json.dumps().
    static std::string sectionToJson(const Section &section);
    static std::string notificationsToJson(const std::vector<Notification> &notifications);

private:
    class Private;
    std::unique_ptr<Private> d;
};

class NotificationLogJSONClient final : public NotificationLog
{
public:
    static constexpr int DefaultSectionSize = 10;
    static constexpr int DefaultTimeoutMs = 30000;

    // Reads the service at `baseUrl` ("http://host:port", optionally with a path prefix).
    // sectionSize is the remote log's (Python's section_size, not discoverable over the wire).
    // timeoutMs bounds each request, connecting included. Throws ValueError for a URL that is not
    // http(s) or a section size below 1.
    explicit NotificationLogJSONClient(const QUrl &baseUrl, int sectionSize = DefaultSectionSize,
                                       int timeoutMs = DefaultTimeoutMs);
    ~NotificationLogJSONClient() override;

    // Throw InterfaceError naming the URL when the service cannot be reached or does not answer in
    // time; NotificationLogError with the server's message for an HTTP error (bad section id, limit
    // above the section size…), and for an answer that is not the JSON described above.
    Section section(const QString &sectionId) override;
    std::vector<Notification> select(qint64 start, qint64 limit, const QStringList &topics = {}) override;
    int sectionSize() const override { return m_sectionSize; }

    const QUrl &baseUrl() const { return m_baseUrl; }
    int timeoutMs() const { return m_timeoutMs; }

    // Parse the bodies above; throw NotificationLogError saying what is wrong.
    static Section parseSection(const QByteArray &json);
    static std::vector<Notification> parseNotifications(const QByteArray &json);

private:
    QByteArray get(const QUrl &url) const;
    QUrl endpoint(const QString &encodedSubPath) const;

    QUrl m_baseUrl;
    int m_sectionSize;
    int m_timeoutMs;
};

} // namespace es
