#include "es/remotelog.h"

#include "es/application.h"
#include "es/errors.h"
#include "es/json.h"
#include "es/uuid.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpServer>
#include <QUrlQuery>

#include <algorithm>

namespace es {

namespace {

using Status = QHttpServerResponder::StatusCode;

struct Answer
{
    Status status = Status::Ok;
    std::string body;
};

// Request text ends up in error messages; keep them short whatever was sent.
QString clip(const QString &text)
{
    constexpr int MaxChars = 200;
    return text.size() <= MaxChars ? text : text.left(MaxChars) + QStringLiteral("…");
}

std::string errorJson(const QString &message)
{
    std::string out;
    json::Writer w(out);
    w.beginObject();
    w.key("error");
    w.string(message);
    w.endObject();
    return out;
}

void writeNotification(json::Writer &w, const Notification &n)
{
    // Key order and value forms as interface.py's dict: id, originator_id (uuid.hex),
    // originator_version, topic, state (b64encode(state).decode("utf8")).
    char hex[32];
    uuid::toHex(n.originatorId, hex);
    const QByteArray state = n.state.toBase64();
    w.beginObject();
    w.key("id");
    w.integer(n.id);
    w.key("originator_id");
    w.string(std::string_view(hex, sizeof hex));
    w.key("originator_version");
    w.integer(n.originatorVersion);
    w.key("topic");
    w.string(n.topic);
    w.key("state");
    w.string(std::string_view(state.constData(), static_cast<size_t>(state.size())));
    w.endObject();
}

QString methodName(QHttpServerRequest::Method method)
{
    const char *name = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return name ? QString::fromLatin1(name).toUpper() : QStringLiteral("UNKNOWN");
}

// One query parameter as a signed 64-bit integer; nullopt (with *error set) when missing,
// repeated or not an integer.
std::optional<qint64> integerParameter(const QUrlQuery &query, const QString &name, QString *error)
{
    const QStringList values = query.allQueryItemValues(name, QUrl::FullyDecoded);
    if (values.isEmpty()) {
        *error = QStringLiteral("missing query parameter '%1'").arg(name);
        return std::nullopt;
    }
    if (values.size() > 1) {
        *error = QStringLiteral("query parameter '%1' given %2 times").arg(name).arg(values.size());
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = values.front().toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("query parameter '%1' is not an integer: '%2'").arg(name, clip(values.front()));
        return std::nullopt;
    }
    return v;
}

} // namespace

// --- the HTTP side --------------------------------------------------------------------------------

class NotificationLogJSONService::Private
{
public:
    class HttpServer;

    explicit Private(std::shared_ptr<NotificationLog> l) : log(std::move(l)) { }

    Answer answer(const QHttpServerRequest &request) const;
    Answer answerSection(const QString &sectionId) const;
    Answer answerSelect(const QUrlQuery &query) const;

    std::shared_ptr<NotificationLog> log;
    std::unique_ptr<QAbstractHttpServer> server;
    QTcpServer *tcp = nullptr; // owned by server
};

class NotificationLogJSONService::Private::HttpServer final : public QAbstractHttpServer
{
public:
    explicit HttpServer(const Private *owner) : m_owner(owner) { }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const Answer a = m_owner->answer(request);
        makeResponder(request, socket)
            .write(QByteArray::fromStdString(a.body), QByteArrayLiteral("application/json"), a.status);
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // Not reached (handleRequest answers everything), but the base class requires it.
        makeResponder(request, socket)
            .write(QByteArray::fromStdString(errorJson(QStringLiteral("not found"))), QByteArrayLiteral("application/json"),
                   Status::NotFound);
    }

private:
    const Private *m_owner;
};

Answer NotificationLogJSONService::Private::answer(const QHttpServerRequest &request) const
{
    // Split the *encoded* path, then decode each segment, so that a "%2F" inside a section id stays
    // inside it (and is then refused as a section id) instead of becoming a path separator.
    const QString path = request.url().path(QUrl::FullyEncoded);
    const QStringList segments = path.split(QLatin1Char('/'));
    const bool isLog = segments.size() >= 2 && segments.size() <= 3 && segments[0].isEmpty()
                       && segments[1] == QLatin1String("notifications");
    if (!isLog)
        return {Status::NotFound, errorJson(QStringLiteral("not found: '%1'; the notification log is at /notifications")
                                                .arg(clip(request.url().path())))};
    if (request.method() != QHttpServerRequest::Method::Get)
        return {Status::BadRequest,
                errorJson(QStringLiteral("method %1 not allowed: the notification log answers GET only")
                              .arg(methodName(request.method())))};
    try {
        if (segments.size() == 3)
            return answerSection(QUrl::fromPercentEncoding(segments[2].toLatin1()));
        return answerSelect(request.query());
    } catch (const NotificationLogError &e) {
        return {Status::BadRequest, errorJson(e.message())};
    } catch (const EventSourcingError &e) {
        return {Status::InternalServerError, errorJson(e.message())};
    } catch (const std::exception &e) {
        return {Status::InternalServerError, errorJson(QString::fromUtf8(e.what()))};
    } catch (...) {
        return {Status::InternalServerError, errorJson(QStringLiteral("unknown error reading the notification log"))};
    }
}

Answer NotificationLogJSONService::Private::answerSection(const QString &sectionId) const
{
    const auto [first, last] = NotificationLog::parseSectionId(sectionId);
    // A section that ends before it starts is empty (Python: limit max(0, last - start + 1) = 0);
    // answered here so that extreme ids never reach the log's arithmetic.
    if (last < std::max<qint64>(1, first))
        return {Status::Ok, sectionToJson(Section{})};
    return {Status::Ok, sectionToJson(log->section(sectionId))};
}

Answer NotificationLogJSONService::Private::answerSelect(const QUrlQuery &query) const
{
    QString error;
    const std::optional<qint64> start = integerParameter(query, QStringLiteral("start"), &error);
    if (!start)
        return {Status::BadRequest, errorJson(error)};
    const std::optional<qint64> limit = integerParameter(query, QStringLiteral("limit"), &error);
    if (!limit)
        return {Status::BadRequest, errorJson(error)};
    QStringList topics;
    const QStringList topicValues = query.allQueryItemValues(QStringLiteral("topics"), QUrl::FullyDecoded);
    for (const QString &value : topicValues)
        for (const QString &topic : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            topics.append(topic);
    if (*limit < 0)
        return {Status::BadRequest, errorJson(QStringLiteral("limit must not be negative: %1").arg(*limit))};
    return {Status::Ok, notificationsToJson(log->select(*start, *limit, topics))};
}

// --- NotificationLogJSONService --------------------------------------------------------------------

NotificationLogJSONService::NotificationLogJSONService(std::shared_ptr<NotificationLog> log, QObject *parent)
    : QObject(parent)
{
    if (!log)
        throw ValueError(QStringLiteral("NotificationLogJSONService needs a notification log, not null"));
    d = std::make_unique<Private>(std::move(log));
}

NotificationLogJSONService::NotificationLogJSONService(Application &app, QObject *parent)
    : NotificationLogJSONService(app.logPtr(), parent)
{
}

NotificationLogJSONService::~NotificationLogJSONService()
{
    close();
}

quint16 NotificationLogJSONService::listen(quint16 port, const QHostAddress &address)
{
    if (d->server)
        throw InterfaceError(QStringLiteral("notification log service already listening on port %1").arg(this->port()));
    auto server = std::make_unique<Private::HttpServer>(d.get());
    auto *tcp = new QTcpServer(server.get());
    if (!tcp->listen(address, port))
        throw InterfaceError(QStringLiteral("notification log service cannot listen on %1 port %2: %3")
                                 .arg(address.toString())
                                 .arg(port)
                                 .arg(tcp->errorString()));
    server->bind(tcp);
    d->tcp = tcp;
    d->server = std::move(server);
    return tcp->serverPort();
}

void NotificationLogJSONService::close()
{
    // Deleting the server deletes its QTcpServer and, with it, every connection's socket.
    d->tcp = nullptr;
    d->server.reset();
}

bool NotificationLogJSONService::isListening() const
{
    return d->tcp && d->tcp->isListening();
}

quint16 NotificationLogJSONService::port() const
{
    return isListening() ? d->tcp->serverPort() : 0;
}

QUrl NotificationLogJSONService::url() const
{
    if (!isListening())
        return {};
    QHostAddress host = d->tcp->serverAddress();
    // Any (dual stack) and AnyIPv4 are different addresses; clang-tidy 14 takes any two enumerators
    // compared through an overloaded operator== as the same expression.
    // NOLINTNEXTLINE(misc-redundant-expression)
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host.toString());
    url.setPort(d->tcp->serverPort());
    return url;
}

std::string NotificationLogJSONService::getLogSection(const QString &sectionId) const
{
    return d->answerSection(sectionId).body;
}

std::string NotificationLogJSONService::getNotifications(qint64 start, qint64 limit, const QStringList &topics) const
{
    if (limit < 0)
        throw NotificationLogError(QStringLiteral("limit must not be negative: %1").arg(limit));
    return notificationsToJson(d->log->select(start, limit, topics));
}

std::string NotificationLogJSONService::sectionToJson(const Section &section)
{
    std::string out;
    out.reserve(64 + section.items.size() * 256);
    json::Writer w(out);
    w.beginObject();
    w.key("id");
    if (section.id)
        w.string(*section.id);
    else
        w.null();
    w.key("next_id");
    if (section.nextId)
        w.string(*section.nextId);
    else
        w.null();
    w.key("items");
    w.beginArray();
    for (const Notification &n : section.items)
        writeNotification(w, n);
    w.endArray();
    w.endObject();
    return out;
}

std::string NotificationLogJSONService::notificationsToJson(const std::vector<Notification> &notifications)
{
    std::string out;
    out.reserve(2 + notifications.size() * 256);
    json::Writer w(out);
    w.beginArray();
    for (const Notification &n : notifications)
        writeNotification(w, n);
    w.endArray();
    return out;
}

} // namespace es
