#include "wiki/application.h"

namespace wiki {

QVariantMap PageDetails::toVariantMap() const
{
    return QVariantMap {
        {QStringLiteral("title"), title},
        {QStringLiteral("slug"), slug},
        {QStringLiteral("body"), body},
        {QStringLiteral("modified_by"), modifiedBy ? QVariant(es::uuid::toDashed(*modifiedBy)) : QVariant()}};
}

// --- the page log -----------------------------------------------------------------------------------

std::shared_ptr<const PageLogged> PageLog::lastLogged() const
{
    const auto events = m_events.get(m_originatorId, std::nullopt, std::nullopt, true, 1);
    if (events.empty())
        return nullptr;
    auto logged = std::dynamic_pointer_cast<const PageLogged>(events.front());
    if (!logged)
        throw es::ValueError(
            QStringLiteral("the page log holds a %1, not a PageLogged").arg(events.front()->topic()));
    return logged;
}

std::shared_ptr<PageLogged> PageLog::triggerEvent(const QUuid &pageId) const
{
    const auto last = lastLogged();
    auto event = std::make_shared<PageLogged>();
    event->originatorId = m_originatorId;
    event->originatorVersion = last ? last->originatorVersion + 1 : 1; // Aggregate.INITIAL_VERSION
    event->timestamp = es::Timestamp::now();
    event->pageId = pageId;
    return event;
}

std::vector<std::shared_ptr<const PageLogged>> PageLog::get(int limit, int offset) const
{
    std::optional<qint64> lte;
    if (offset > 0) {
        if (const auto last = lastLogged())
            lte = last->originatorVersion - offset;
    }
    std::vector<std::shared_ptr<const PageLogged>> out;
    if (lte && *lte < 1)
        return out;
    for (const auto &e : m_events.get(m_originatorId, std::nullopt, lte, true, limit)) {
        auto logged = std::dynamic_pointer_cast<const PageLogged>(e);
        if (!logged)
            throw es::ValueError(QStringLiteral("the page log holds a %1, not a PageLogged").arg(e->topic()));
        out.push_back(std::move(logged));
    }
    return out;
}

// --- the application --------------------------------------------------------------------------------

WikiApplication::WikiApplication(const es::EnvMap &env) : Application(QString::fromUtf8(NAME), env)
{
    setSnapshottingInterval<Page>(5);
}

QUuid WikiApplication::pageLogId()
{
    return es::uuid::v5url(QStringLiteral("/page_log"));
}

es::EnvMap WikiApplication::defaultEnvironment() const
{
    return {{QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("gzip")}};
}

void WikiApplication::registerTypes()
{
    es::registerAggregate<Page>();
    es::registerAggregate<Index>();
    (void)PageLogged::staticEventClass();
}

QUuid WikiApplication::createPage(const QString &title, const QString &slug)
{
    auto page = Page::create(title, slug);
    auto logged = pageLog().triggerEvent(page->id());
    auto index = Index::create(slug, page->id());
    es::ProcessEvent processEvent;
    processEvent.collectEvents(*page);
    processEvent.collectEvent(logged);
    processEvent.collectEvents(*index);
    record(processEvent);
    return page->id();
}

PageDetails WikiApplication::detailsFromPage(const Page &page)
{
    return PageDetails {page.title(), page.slug(), page.body(), page.modifiedBy()};
}

PageDetails WikiApplication::getPageDetails(const QString &slug)
{
    return detailsFromPage(*getPageBySlug(slug));
}

void WikiApplication::updateTitle(const QString &slug, const QString &title)
{
    auto page = getPageBySlug(slug);
    page->updateTitle(title);
    save(*page);
}

void WikiApplication::updateSlug(const QString &oldSlug, const QString &newSlug)
{
    auto page = getPageBySlug(oldSlug);
    page->updateSlug(newSlug);
    auto oldIndex = getIndex(oldSlug);
    oldIndex->updateRef(std::nullopt);
    std::unique_ptr<Index> newIndex;
    try {
        newIndex = getIndex(newSlug);
    } catch (const es::AggregateNotFound &) {
        newIndex = Index::create(newSlug, page->id());
    }
    if (newIndex->pendingEvents().empty()) {
        if (newIndex->ref())
            throw SlugConflictError(QStringLiteral("the slug '%1' is used by another page").arg(newSlug));
        newIndex->updateRef(page->id());
    }
    save({page.get(), oldIndex.get(), newIndex.get()});
}

void WikiApplication::updateBody(const QString &slug, const QString &body)
{
    auto page = getPageBySlug(slug);
    page->updateBody(body);
    save(*page);
}

std::vector<PageDetails> WikiApplication::getPages(int limit, int offset)
{
    std::vector<PageDetails> out;
    for (const auto &logged : pageLog().get(limit, offset))
        out.push_back(detailsFromPage(*getPage(logged->pageId)));
    return out;
}

QUuid WikiApplication::pageIdForSlug(const QString &slug)
{
    std::unique_ptr<Index> index;
    try {
        index = getIndex(slug);
    } catch (const es::AggregateNotFound &) {
        throw PageNotFound(slug);
    }
    if (!index->ref())
        throw PageNotFound(slug);
    return *index->ref();
}

std::unique_ptr<Page> WikiApplication::getPageBySlug(const QString &slug)
{
    return getPage(pageIdForSlug(slug));
}

std::unique_ptr<Page> WikiApplication::getPage(const QUuid &pageId, std::optional<qint64> version)
{
    return repository().get<Page>(pageId, version);
}

std::unique_ptr<Index> WikiApplication::getIndex(const QString &slug)
{
    return repository().get<Index>(Index::createId(slug), std::nullopt);
}

} // namespace wiki
