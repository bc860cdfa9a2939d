#include "es/remotelog.h"

#include "es/errors.h"
#include "es/json.h"
#include "es/uuid.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <charconv>
#include <memory>

namespace es {

namespace {

// One QNetworkAccessManager per calling thread, created in (and only used from) that thread, so
// that any thread may call the client and keep-alive connections are reused between calls.
// Threads other than the main one delete theirs when they exit. The main thread's is deleted from
// a post routine of ~QCoreApplication, before Qt goes; a thread outliving the application leaks
// its manager rather than destroy it without Qt.
struct ThreadNetworkAccess
{
    QNetworkAccessManager *manager = nullptr;
    ~ThreadNetworkAccess()
    {
        if (manager && QCoreApplication::instance())
            delete manager;
    }
};

thread_local ThreadNetworkAccess t_access;

void deleteMainThreadManager()
{
    delete t_access.manager;
    t_access.manager = nullptr;
}

QNetworkAccessManager &threadManager()
{
    if (!t_access.manager) {
        t_access.manager = new QNetworkAccessManager;
        if (QThread::currentThread() == QCoreApplication::instance()->thread())
            qAddPostRoutine(deleteMainThreadManager);
    }
    return *t_access.manager;
}

// The server's {"error": "…"} message, or the start of whatever it sent.
QString serverMessage(const QByteArray &body)
{
    std::string error;
    json::Document doc;
    if (doc.tryParse(std::string_view(body.constData(), static_cast<size_t>(body.size())), &error)) {
        const json::Node root = doc.root();
        if (root.isObject()) {
            const json::Node message = root.find("error");
            if (message.isValid() && message.isString())
                return message.toQString();
        }
    }
    QString text = QString::fromUtf8(body.left(300)).simplified();
    return text.isEmpty() ? QStringLiteral("(no message)") : text;
}

NotificationLogError badAnswer(const QString &what)
{
    return NotificationLogError(QStringLiteral("malformed notification log answer: %1").arg(what));
}

json::Document parseDocument(const QByteArray &body)
{
    json::Document doc;
    std::string error;
    if (!doc.tryParse(std::string_view(body.constData(), static_cast<size_t>(body.size())), &error))
        throw badAnswer(QStringLiteral("not JSON (%1)").arg(QString::fromStdString(error)));
    return doc;
}

json::Node member(const json::Node &object, std::string_view key, const QString &where)
{
    const json::Node v = object.find(key);
    if (!v.isValid())
        throw badAnswer(QStringLiteral("%1 has no \"%2\"").arg(where, QString::fromUtf8(key.data(), static_cast<int>(key.size()))));
    return v;
}

qint64 integerMember(const json::Node &object, std::string_view key, const QString &where)
{
    const json::Node v = member(object, key, where);
    if (v.isInteger())
        return v.toInteger();
    // Later versions of the Python library send originator_version as a string of digits.
    if (v.isString()) {
        const std::string_view text = v.stringView();
        qint64 result = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
        if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
            return result;
    }
    throw badAnswer(QStringLiteral("%1: \"%2\" is not a 64-bit integer")
                        .arg(where, QString::fromUtf8(key.data(), static_cast<int>(key.size()))));
}

std::optional<QString> optionalStringMember(const json::Node &object, std::string_view key, const QString &where)
{
    const json::Node v = member(object, key, where);
    if (v.isNull())
        return std::nullopt;
    if (!v.isString())
        throw badAnswer(QStringLiteral("%1: \"%2\" is a %3, not a string or null")
                            .arg(where, QString::fromUtf8(key.data(), static_cast<int>(key.size())), QString::fromLatin1(v.typeName())));
    return v.toQString();
}

Notification parseItem(const json::Node &item, uint32_t index)
{
    const QString where = QStringLiteral("item %1").arg(index);
    if (!item.isObject())
        throw badAnswer(QStringLiteral("%1 is a %2, not an object").arg(where, QString::fromLatin1(item.typeName())));
    Notification n;
    n.id = integerMember(item, "id", where);
    const json::Node originatorId = member(item, "originator_id", where);
    if (!originatorId.isString() || !uuid::parse(originatorId.stringView(), &n.originatorId))
        throw badAnswer(QStringLiteral("%1: \"originator_id\" is not a UUID").arg(where));
    n.originatorVersion = integerMember(item, "originator_version", where);
    const json::Node topic = member(item, "topic", where);
    if (!topic.isString())
        throw badAnswer(QStringLiteral("%1: \"topic\" is not a string").arg(where));
    n.topic = topic.toQString();
    const json::Node state = member(item, "state", where);
    if (!state.isString())
        throw badAnswer(QStringLiteral("%1: \"state\" is not a string").arg(where));
    const std::string_view text = state.stringView();
    auto decoded = QByteArray::fromBase64Encoding(QByteArray(text.data(), static_cast<qsizetype>(text.size())),
                                                  QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw badAnswer(QStringLiteral("%1: \"state\" is not base64").arg(where));
    n.state = std::move(decoded.decoded);
    return n;
}

std::vector<Notification> parseItems(const json::Node &items, const QString &where)
{
    if (!items.isArray())
        throw badAnswer(QStringLiteral("%1 is a %2, not a list").arg(where, QString::fromLatin1(items.typeName())));
    std::vector<Notification> result;
    result.reserve(items.size());
    uint32_t index = 0;
    items.forEachElement([&](const json::Node &item) { result.push_back(parseItem(item, index++)); });
    return result;
}

} // namespace

NotificationLogJSONClient::NotificationLogJSONClient(const QUrl &baseUrl, int sectionSize, int timeoutMs)
    : m_baseUrl(baseUrl)
    , m_sectionSize(sectionSize)
    , m_timeoutMs(timeoutMs)
{
    const QString scheme = baseUrl.scheme().toLower();
    if (!baseUrl.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || baseUrl.host().isEmpty())
        throw ValueError(QStringLiteral("notification log URL must be http://host:port, not '%1'").arg(baseUrl.toString()));
    if (sectionSize < 1)
        throw ValueError(QStringLiteral("section size must be at least 1, not %1").arg(sectionSize));
    if (timeoutMs < 1)
        throw ValueError(QStringLiteral("timeout must be at least 1 ms, not %1").arg(timeoutMs));
    // The base path is a prefix: "http://h/app" and "http://h/app/" both give "http://h/app/notifications".
    QString path = m_baseUrl.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path, QUrl::TolerantMode);
    m_baseUrl.setQuery(QString());
    m_baseUrl.setFragment(QString());
}

NotificationLogJSONClient::~NotificationLogJSONClient() = default;

QUrl NotificationLogJSONClient::endpoint(const QString &encodedSubPath) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + QStringLiteral("/notifications") + encodedSubPath, QUrl::TolerantMode);
    return url;
}

Section NotificationLogJSONClient::section(const QString &sectionId)
{
    // The id is one path segment: percent-encode everything but the comma, so that whatever it
    // holds reaches the service as the id (which then accepts or refuses it).
    const QByteArray encoded = QUrl::toPercentEncoding(sectionId, QByteArrayLiteral(","));
    const QByteArray body = get(endpoint(QLatin1Char('/') + QString::fromLatin1(encoded)));
    return parseSection(body);
}

std::vector<Notification> NotificationLogJSONClient::select(qint64 start, qint64 limit, const QStringList &topics)
{
    // The limit is checked by the service, which knows its section size.
    QString query = QStringLiteral("start=%1&limit=%2").arg(start).arg(limit);
    if (!topics.isEmpty())
        query += QStringLiteral("&topics=")
                 + QString::fromLatin1(QUrl::toPercentEncoding(topics.join(QLatin1Char(',')), QByteArrayLiteral(",:")));
    QUrl url = endpoint(QString());
    url.setQuery(query, QUrl::TolerantMode);
    return parseNotifications(get(url));
}

QByteArray NotificationLogJSONClient::get(const QUrl &url) const
{
    if (!QCoreApplication::instance())
        throw InterfaceError(QStringLiteral("cannot read notification log at %1: no QCoreApplication").arg(url.toDisplayString()));

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    const std::unique_ptr<QNetworkReply> reply(threadManager().get(request));

    // Block on a local event loop: works in threads that run none of their own (a std::thread
    // gets an event dispatcher on first use) and, in the service's own thread, serves the request.
    if (!reply->isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        timer.start(m_timeoutMs);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!reply->isFinished()) {
        reply->abort();
        throw InterfaceError(QStringLiteral("cannot read notification log at %1: no answer within %2 ms")
                                 .arg(url.toDisplayString())
                                 .arg(m_timeoutMs));
    }

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    QByteArray body = reply->readAll();
    if (status.isValid() && status.toInt() >= 400)
        throw NotificationLogError(QStringLiteral("notification log at %1 answered HTTP %2: %3")
                                       .arg(url.toDisplayString())
                                       .arg(status.toInt())
                                       .arg(serverMessage(body)));
    if (reply->error() != QNetworkReply::NoError) {
        const QString reason = reply->error() == QNetworkReply::OperationCanceledError
                                   ? QStringLiteral("no answer within %1 ms").arg(m_timeoutMs)
                                   : reply->errorString();
        throw InterfaceError(QStringLiteral("cannot read notification log at %1: %2").arg(url.toDisplayString(), reason));
    }
    if (!status.isValid() || status.toInt() != 200)
        throw NotificationLogError(QStringLiteral("notification log at %1 answered HTTP %2, not 200")
                                       .arg(url.toDisplayString(), status.isValid() ? status.toString() : QStringLiteral("(none)")));
    return body;
}

Section NotificationLogJSONClient::parseSection(const QByteArray &body)
{
    const json::Document doc = parseDocument(body);
    const json::Node root = doc.root();
    if (!root.isObject())
        throw badAnswer(QStringLiteral("a section must be an object, not a %1").arg(QString::fromLatin1(root.typeName())));
    const QString where = QStringLiteral("section");
    Section section;
    section.id = optionalStringMember(root, "id", where);
    section.nextId = optionalStringMember(root, "next_id", where);
    section.items = parseItems(member(root, "items", where), QStringLiteral("\"items\""));
    return section;
}

std::vector<Notification> NotificationLogJSONClient::parseNotifications(const QByteArray &body)
{
    const json::Document doc = parseDocument(body);
    return parseItems(doc.root(), QStringLiteral("the answer"));
}

} // namespace es
