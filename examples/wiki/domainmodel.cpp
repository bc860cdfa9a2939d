#include "wiki/domainmodel.h"

namespace wiki {

namespace {
thread_local std::optional<QUuid> t_userId;
} // namespace

std::optional<QUuid> currentUserId()
{
    return t_userId;
}

void setCurrentUserId(const std::optional<QUuid> &userId)
{
    t_userId = userId;
}

UserIdScope::UserIdScope(const std::optional<QUuid> &userId) : m_previous(t_userId)
{
    t_userId = userId;
}

UserIdScope::~UserIdScope()
{
    t_userId = m_previous;
}

std::unique_ptr<Page> Page::create(const QString &title, const QString &slug, const QString &body)
{
    return createAggregate<Created>(es::uuid::v4(), currentUserId(), title, slug, body);
}

const es::EventClass &PageLogged::staticEventClass()
{
    static const es::EventClass cls = [] {
        es::EventClass c;
        c.topic = QString::fromUtf8(TOPIC);
        c.make = []() -> std::shared_ptr<es::DomainEvent> {
            return std::make_shared<PageLogged>();
        };
        c.decodeState = [](es::DomainEvent &event, const es::json::Node &state) {
            auto &e = static_cast<PageLogged &>(event);
            e.timestamp = es::detail::decodeTimestampMember(state);
            const es::json::Node pageId = es::detail::requireMember(state, "page_id");
            try {
                e.pageId = es::decodeValue<QUuid>(pageId);
            } catch (const es::TranscodingError &error) {
                es::detail::rethrowInField("page_id", error);
            }
        };
        c.type = &typeid(PageLogged);
        return c;
    }();
    static const bool registered = (es::detail::registerClassOrThrow(cls.topic, cls), true);
    (void)registered;
    return cls;
}

void PageLogged::encodeState(es::json::Writer &w) const
{
    w.beginObject();
    w.key("timestamp");
    es::encodeValue(w, timestamp);
    w.key("page_id");
    es::encodeValue(w, pageId);
    w.endObject();
}

std::unique_ptr<es::Aggregate> PageLogged::mutate(std::unique_ptr<es::Aggregate>) const
{
    throw es::ValueError(
        QStringLiteral("%1 is a log entry: it does not make or change an aggregate").arg(topic()));
}

} // namespace wiki
