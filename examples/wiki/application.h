#pragma once
// Python's WikiApplication (eventsourcing/examples/wiki/application.py): create pages, find them by
// slug through the Index aggregates, update their title, slug and body, and list them from the page
// log. As in Python, the application's state is stored gzip-compressed by default
// (COMPRESSOR_TOPIC=gzip in its class environment) and pages are snapshotted every 5 versions.
// Thread-safe as es::Application is (the user id of page events is the calling thread's).

#include "wiki/domainmodel.h"

#include "es/application.h"

#include <QVariantMap>

namespace wiki {

// No page has the slug.
class PageNotFound : public es::EventSourcingError
{
    using es::EventSourcingError::EventSourcingError;
};

// Raised when updating a slug to one already being used.
class SlugConflictError : public es::EventSourcingError
{
    using es::EventSourcingError::EventSourcingError;
};

// Python's page details dict.
struct PageDetails
{
    QString title;
    QString slug;
    QString body;
    std::optional<QUuid> modifiedBy;

    // {"title", "slug", "body", "modified_by"}: the user id as str(UUID), None as an invalid QVariant.
    QVariantMap toVariantMap() const;
};

// Python's Log[PageLogged]: a sequence of logged events under one originator id, numbered from 1.
// Not thread-safe to trigger from two threads at once (the second save conflicts, as in Python).
class PageLog
{
public:
    PageLog(es::EventStore &events, const QUuid &originatorId)
        : m_events(events), m_originatorId(originatorId)
    { }

    const QUuid &originatorId() const { return m_originatorId; }
    // The next entry (not yet saved): version = the last entry's + 1, or 1.
    std::shared_ptr<PageLogged> triggerEvent(const QUuid &pageId) const;
    // Python's Log.get(limit, offset): the newest entries first, skipping the `offset` newest.
    std::vector<std::shared_ptr<const PageLogged>> get(int limit = 10, int offset = 0) const;

private:
    std::shared_ptr<const PageLogged> lastLogged() const;

    es::EventStore &m_events;
    QUuid m_originatorId;
};

class WikiApplication : public es::Application
{
public:
    static constexpr const char *NAME = "WikiApplication";
    explicit WikiApplication(const es::EnvMap &env = {});

    // The page log's originator id: uuid5(NAMESPACE_URL, "/page_log").
    static QUuid pageLogId();

    // Saves the page, its page log entry and its index entry in one transaction (in that order, as
    // Python does). Returns the new page's id. A slug already indexed makes the save fail
    // (es::IntegrityError), as in Python.
    QUuid createPage(const QString &title, const QString &slug);
    // Throws PageNotFound.
    PageDetails getPageDetails(const QString &slug);
    void updateTitle(const QString &slug, const QString &title);
    // Moves the page to a new slug: the old index entry's ref becomes None, the new slug's entry is
    // made or pointed at the page. Throws PageNotFound, or SlugConflictError when another page has
    // the new slug.
    void updateSlug(const QString &oldSlug, const QString &newSlug);
    void updateBody(const QString &slug, const QString &body);
    // Python's get_pages(limit, offset): pages from the page log, newest first.
    std::vector<PageDetails> getPages(int limit = 10, int offset = 0);

    // The page's id for a slug; throws PageNotFound.
    QUuid pageIdForSlug(const QString &slug);
    // The page at `version` (latest when none); throws es::AggregateNotFound.
    std::unique_ptr<Page> getPage(const QUuid &pageId, std::optional<qint64> version = std::nullopt);
    // The index entry of a slug; throws es::AggregateNotFound.
    std::unique_ptr<Index> getIndex(const QString &slug);
    PageLog pageLog() { return PageLog(events(), pageLogId()); }

    static PageDetails detailsFromPage(const Page &page);

protected:
    es::EnvMap defaultEnvironment() const override;
    void registerTypes() override;

private:
    std::unique_ptr<Page> getPageBySlug(const QString &slug);
};

} // namespace wiki
