#pragma once
// The wiki domain model of Python's eventsourcing 9.1 (eventsourcing/examples/wiki/domainmodel.py):
// pages with a title, a slug and a body whose changes are stored as diffs (diff.h), each event
// recording the id of the user in effect (Python's user_id_cvar) which becomes the page's
// modified_by; an Index aggregate per slug (id uuid5(NAMESPACE_URL, "/slugs/<slug>")) referring to
// the page that has the slug; and PageLogged, the event of the page log. Topics and attribute names
// are Python's ("eventsourcing.examples.wiki.domainmodel:Page.Created", "user_id", "diff", …).
// Aggregates and events are plain values owned by their user; the user id is per thread.

#include "wiki/diff.h"

#include "es/domain.h"

#include <QString>
#include <QUuid>
#include <optional>

namespace wiki {

// Python's user_id_cvar: the id of the user on whose behalf this thread changes pages (None when
// unset). New Page events record it as their user_id.
std::optional<QUuid> currentUserId();
void setCurrentUserId(const std::optional<QUuid> &userId);

// Sets the current user id for a scope and restores the previous one after it.
class UserIdScope
{
public:
    explicit UserIdScope(const std::optional<QUuid> &userId);
    ~UserIdScope();
    UserIdScope(const UserIdScope &) = delete;
    UserIdScope &operator=(const UserIdScope &) = delete;

private:
    std::optional<QUuid> m_previous;
};

class Page : public es::AggregateRoot<Page>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Page";

    // Every Page event is a Page.Event: it carries user_id, and applying it sets modified_by.
    struct Created : es::CreatedEvent<Page, Created>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Page.Created";
        std::optional<QUuid> userId;
        QString title;
        QString slug;
        QString body;
        static constexpr auto fields()
        {
            return es::fields(es::field("user_id", &Created::userId), es::field("title", &Created::title),
                              es::field("slug", &Created::slug), es::field("body", &Created::body));
        }
        void apply(Page &p) const
        {
            p.m_title = title;
            p.m_slug = slug;
            p.m_body = body;
            p.m_modifiedBy = userId;
        }
    };
    struct SlugUpdated : es::Event<Page, SlugUpdated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Page.SlugUpdated";
        std::optional<QUuid> userId;
        QString slug;
        static constexpr auto fields()
        {
            return es::fields(es::field("user_id", &SlugUpdated::userId),
                              es::field("slug", &SlugUpdated::slug));
        }
        void apply(Page &p) const
        {
            p.m_modifiedBy = userId;
            p.m_slug = slug;
        }
    };
    struct TitleUpdated : es::Event<Page, TitleUpdated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Page.TitleUpdated";
        std::optional<QUuid> userId;
        QString title;
        static constexpr auto fields()
        {
            return es::fields(es::field("user_id", &TitleUpdated::userId),
                              es::field("title", &TitleUpdated::title));
        }
        void apply(Page &p) const
        {
            p.m_modifiedBy = userId;
            p.m_title = title;
        }
    };
    // The body's change as a normal-format diff; applying it patches the body (PatchError when the
    // diff does not fit the body).
    struct BodyUpdated : es::Event<Page, BodyUpdated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Page.BodyUpdated";
        std::optional<QUuid> userId;
        QString diff;
        static constexpr auto fields()
        {
            return es::fields(es::field("user_id", &BodyUpdated::userId),
                              es::field("diff", &BodyUpdated::diff));
        }
        void apply(Page &p) const
        {
            QString patched = applyPatch(p.m_body, diff);
            p.m_modifiedBy = userId;
            p.m_body = std::move(patched);
        }
    };
    using Events = es::EventTypes<Created, SlugUpdated, TitleUpdated, BodyUpdated>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("title", &Page::m_title), es::field("slug", &Page::m_slug),
                          es::field("body", &Page::m_body), es::field("modified_by", &Page::m_modifiedBy));
    }

    // Python's Page(title=…, slug=…, body=""): a new page with a random id, by the current user.
    static std::unique_ptr<Page> create(const QString &title, const QString &slug,
                                        const QString &body = QString());

    void updateSlug(const QString &slug) { triggerEvent<SlugUpdated>(currentUserId(), slug); }
    void updateTitle(const QString &title) { triggerEvent<TitleUpdated>(currentUserId(), title); }
    // Records the change from the current body to `body` as a diff.
    void updateBody(const QString &body)
    {
        triggerEvent<BodyUpdated>(currentUserId(), createDiff(m_body, body));
    }

    const QString &title() const { return m_title; }
    const QString &slug() const { return m_slug; }
    const QString &body() const { return m_body; }
    const std::optional<QUuid> &modifiedBy() const { return m_modifiedBy; }

private:
    QString m_title;
    QString m_slug;
    QString m_body;
    std::optional<QUuid> m_modifiedBy;
};

class Index : public es::AggregateRoot<Index>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Index";

    struct Created : es::CreatedEvent<Index, Created>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Index.Created";
        QString slug;
        std::optional<QUuid> ref;
        static constexpr auto fields()
        {
            return es::fields(es::field("slug", &Created::slug), es::field("ref", &Created::ref));
        }
        void apply(Index &i) const
        {
            i.m_slug = slug;
            i.m_ref = ref;
        }
    };
    struct RefChanged : es::Event<Index, RefChanged>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:Index.RefChanged";
        std::optional<QUuid> ref;
        static constexpr auto fields() { return es::fields(es::field("ref", &RefChanged::ref)); }
        void apply(Index &i) const { i.m_ref = ref; }
    };
    using Events = es::EventTypes<Created, RefChanged>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("slug", &Index::m_slug), es::field("ref", &Index::m_ref));
    }

    // Python's Index.create_id(slug): uuid5(NAMESPACE_URL, f"/slugs/{slug}").
    static QUuid createId(const QString &slug) { return es::uuid::v5url(QStringLiteral("/slugs/") + slug); }
    static std::unique_ptr<Index> create(const QString &slug, const std::optional<QUuid> &ref)
    {
        return createAggregate<Created>(createId(slug), slug, ref);
    }

    void updateRef(const std::optional<QUuid> &ref) { triggerEvent<RefChanged>(ref); }

    const QString &slug() const { return m_slug; }
    // The page that has this slug; nullopt when none has it any more.
    const std::optional<QUuid> &ref() const { return m_ref; }

private:
    QString m_slug;
    std::optional<QUuid> m_ref;
};

// Python's PageLogged(AggregateEvent[Aggregate]): one entry of the page log, which is a sequence
// of these events under one originator id (see WikiApplication). It belongs to no aggregate
// class: mutate() throws es::ValueError.
class PageLogged final : public es::DomainEvent
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.wiki.domainmodel:PageLogged";

    QUuid pageId; // wire name "page_id"

    PageLogged() = default;
    // Registers the topic (once); returns the class.
    static const es::EventClass &staticEventClass();
    const es::EventClass &eventClass() const override { return staticEventClass(); }
    void encodeState(es::json::Writer &w) const override;
    std::unique_ptr<es::Aggregate> mutate(std::unique_ptr<es::Aggregate> aggregate) const override;
};

} // namespace wiki
