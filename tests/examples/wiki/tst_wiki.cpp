// The wiki example (Python's eventsourcing/examples/wiki/test.py and more), on POPO and on a SQLite
// file: pages created, found by slug, their title, slug and body updated (bodies as diffs), the
// user id of every page event, the page log newest first with limit and offset, slug conflicts and
// reuse, pages at past versions, snapshots every 5 versions; and the stored records: gzip-compressed
// by default, Python's topics and keys, uuid5 ids of the index and the log, diffs as GNU diff
// writes them.
#include "wiki/application.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace wiki;

namespace {

const QString kPrefix = QStringLiteral("eventsourcing.examples.wiki.domainmodel:");

QStringList keysOf(const es::json::Value &object)
{
    QStringList keys;
    for (const auto &m : object.members())
        keys.append(QString::fromStdString(m.first));
    return keys;
}

const es::json::Value &at(const es::json::Value &object, const char *key)
{
    const es::json::Value *v = object.find(key);
    if (!v)
        throw std::runtime_error(std::string("missing key ") + key);
    return *v;
}

QString typeOf(const es::json::Value &v)
{
    const es::json::Value *t = v.isObject() ? v.find("_type_") : nullptr;
    return t ? t->toQString() : QString();
}

QString hexOf(const es::json::Value &v)
{
    return at(v, "_data_").toQString();
}

const QString kBody3 = QStringLiteral("\nWelcome to this wiki!\n\nThis is a wiki about...\n");
const QString kBody4 = QStringLiteral("\nWelcome to this wiki!\n\nThis is a wiki about us!\n");

} // namespace

class TestWiki : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    es::EnvMap environment()
    {
        QFETCH(QString, backend);
        ++m_counter;
        if (backend == QLatin1String("popo"))
            return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
        return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                {QStringLiteral("SQLITE_DBNAME"),
                 m_dir.filePath(QStringLiteral("wiki%1.sqlite").arg(m_counter))}};
    }

    void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite-file") << QStringLiteral("sqlite-file");
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { setCurrentUserId(std::nullopt); }

    void ids()
    {
        // Python: uuid5(NAMESPACE_URL, "/slugs/welcome"), uuid5(NAMESPACE_URL, "/page_log").
        QCOMPARE(es::uuid::toHex(Index::createId(QStringLiteral("welcome"))),
                 QStringLiteral("1e408ba4b5cb524291b90a42edbca2a0"));
        QCOMPARE(es::uuid::toHex(Index::createId(QStringLiteral("welcome-visitors"))),
                 QStringLiteral("1677a14cfb445d91bb7336fae14176ee"));
        QCOMPARE(es::uuid::toHex(WikiApplication::pageLogId()),
                 QStringLiteral("fd6e4a52f7ea5160af5e894173986caf"));
    }

    void userIdScope()
    {
        QVERIFY(!currentUserId());
        const QUuid a = es::uuid::v4();
        const QUuid b = es::uuid::v4();
        {
            UserIdScope outer(a);
            QCOMPARE(currentUserId(), std::optional<QUuid>(a));
            {
                UserIdScope inner(b);
                QCOMPARE(currentUserId(), std::optional<QUuid>(b));
            }
            QCOMPARE(currentUserId(), std::optional<QUuid>(a));
        }
        QVERIFY(!currentUserId());
    }

    void wiki_data() { backends(); }
    void wiki()
    {
        QUuid userId = es::uuid::v4();
        setCurrentUserId(userId);

        WikiApplication app(environment());

        // The page doesn't exist; the list of pages is empty.
        QVERIFY_THROWS_EXCEPTION(PageNotFound, app.getPageDetails(QStringLiteral("welcome")));
        QVERIFY(app.getPages().empty());

        // Create a page and present it by its slug.
        const QUuid pageId = app.createPage(QStringLiteral("Welcome"), QStringLiteral("welcome"));
        PageDetails page = app.getPageDetails(QStringLiteral("welcome"));
        QCOMPARE(page.title, QStringLiteral("Welcome"));
        QCOMPARE(page.slug, QStringLiteral("welcome"));
        QCOMPARE(page.body, QString());
        QCOMPARE(page.modifiedBy, std::optional<QUuid>(userId));
        QCOMPARE(app.pageIdForSlug(QStringLiteral("welcome")), pageId);

        // Creating a second page with the same slug fails as one transaction: nothing is recorded.
        const qint64 before = app.recorder().maxNotificationId();
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError,
                                 app.createPage(QStringLiteral("Other"), QStringLiteral("welcome")));
        QCOMPARE(app.recorder().maxNotificationId(), before);
        QCOMPARE(app.getPages().size(), size_t(1));

        // Update the title.
        app.updateTitle(QStringLiteral("welcome"), QStringLiteral("Welcome Visitors"));
        page = app.getPageDetails(QStringLiteral("welcome"));
        QCOMPARE(page.title, QStringLiteral("Welcome Visitors"));
        QCOMPARE(page.modifiedBy, std::optional<QUuid>(userId));

        // Update the slug: the old slug finds nothing, the new one finds the page.
        app.updateSlug(QStringLiteral("welcome"), QStringLiteral("welcome-visitors"));
        QVERIFY_THROWS_EXCEPTION(PageNotFound, app.getPageDetails(QStringLiteral("welcome")));
        QVERIFY(!app.getIndex(QStringLiteral("welcome"))->ref());
        page = app.getPageDetails(QStringLiteral("welcome-visitors"));
        QCOMPARE(page.title, QStringLiteral("Welcome Visitors"));
        QCOMPARE(page.slug, QStringLiteral("welcome-visitors"));

        // Update the body, three times.
        app.updateBody(QStringLiteral("welcome-visitors"), QStringLiteral("Welcome to my wiki"));
        QCOMPARE(app.getPageDetails(QStringLiteral("welcome-visitors")).body,
                 QStringLiteral("Welcome to my wiki"));
        app.updateBody(QStringLiteral("welcome-visitors"), QStringLiteral("Welcome to this wiki"));
        QCOMPARE(app.getPageDetails(QStringLiteral("welcome-visitors")).body,
                 QStringLiteral("Welcome to this wiki"));
        app.updateBody(QStringLiteral("welcome-visitors"), kBody3);
        QCOMPARE(app.getPageDetails(QStringLiteral("welcome-visitors")).body, kBody3);

        // Every Page event has the user id.
        int pageEvents = 0;
        for (const es::Notification &n : app.recorder().selectNotifications(1, 100)) {
            const es::DomainEventPtr event = app.mapper().toDomainEvent(n);
            if (!n.topic.startsWith(kPrefix + QStringLiteral("Page.")))
                continue;
            ++pageEvents;
            const es::json::Value state = event->stateValue();
            QCOMPARE(typeOf(at(state, "user_id")), QStringLiteral("uuid_hex"));
            QCOMPARE(hexOf(at(state, "user_id")), es::uuid::toHex(userId));
        }
        QCOMPARE(pageEvents, 6);

        // Another user changes the body: modified_by follows.
        const QUuid firstUser = userId;
        userId = es::uuid::v4();
        setCurrentUserId(userId);
        app.updateBody(QStringLiteral("welcome-visitors"), kBody4);
        page = app.getPageDetails(QStringLiteral("welcome-visitors"));
        QCOMPARE(page.title, QStringLiteral("Welcome Visitors"));
        QCOMPARE(page.body, kBody4);
        QCOMPARE(page.modifiedBy, std::optional<QUuid>(userId));

        // A snapshot was taken at version 5.
        QVERIFY(app.snapshots());
        const auto snapshots = app.snapshots()->get(pageId);
        QCOMPARE(snapshots.size(), size_t(1));
        QCOMPARE(snapshots[0]->originatorVersion, qint64(5));

        // The page at past versions.
        QCOMPARE(app.getPage(pageId, 1)->title(), QStringLiteral("Welcome"));
        QCOMPARE(app.getPage(pageId, 1)->body(), QString());
        QCOMPARE(app.getPage(pageId, 2)->title(), QStringLiteral("Welcome Visitors"));
        QCOMPARE(app.getPage(pageId, 2)->slug(), QStringLiteral("welcome"));
        QCOMPARE(app.getPage(pageId, 3)->slug(), QStringLiteral("welcome-visitors"));
        QCOMPARE(app.getPage(pageId, 4)->body(), QStringLiteral("Welcome to my wiki"));
        QCOMPARE(app.getPage(pageId, 5)->body(), QStringLiteral("Welcome to this wiki"));
        QCOMPARE(app.getPage(pageId, 6)->body(), kBody3);
        QCOMPARE(app.getPage(pageId, 6)->modifiedBy(), std::optional<QUuid>(firstUser));
        QCOMPARE(app.getPage(pageId, 7)->modifiedBy(), std::optional<QUuid>(userId));
        QCOMPARE(app.getPage(pageId)->version(), qint64(7));

        // Create some more pages and list all the pages, newest first.
        app.createPage(QStringLiteral("Page 2"), QStringLiteral("page-2"));
        app.createPage(QStringLiteral("Page 3"), QStringLiteral("page-3"));
        app.createPage(QStringLiteral("Page 4"), QStringLiteral("page-4"));
        app.createPage(QStringLiteral("Page 5"), QStringLiteral("page-5"));

        std::vector<PageDetails> pages = app.getPages();
        QCOMPARE(pages.size(), size_t(5));
        QCOMPARE(pages[0].title, QStringLiteral("Page 5"));
        QCOMPARE(pages[0].slug, QStringLiteral("page-5"));
        QCOMPARE(pages[1].title, QStringLiteral("Page 4"));
        QCOMPARE(pages[2].title, QStringLiteral("Page 3"));
        QCOMPARE(pages[3].title, QStringLiteral("Page 2"));
        QCOMPARE(pages[4].title, QStringLiteral("Welcome Visitors"));
        QCOMPARE(pages[4].slug, QStringLiteral("welcome-visitors"));

        pages = app.getPages(3);
        QCOMPARE(pages.size(), size_t(3));
        QCOMPARE(pages[0].slug, QStringLiteral("page-5"));
        QCOMPARE(pages[1].slug, QStringLiteral("page-4"));
        QCOMPARE(pages[2].slug, QStringLiteral("page-3"));

        pages = app.getPages(3, 3);
        QCOMPARE(pages.size(), size_t(2));
        QCOMPARE(pages[0].slug, QStringLiteral("page-2"));
        QCOMPARE(pages[1].slug, QStringLiteral("welcome-visitors"));

        pages = app.getPages(10, 3);
        QCOMPARE(pages.size(), size_t(2));
        QVERIFY(app.getPages(10, 5).empty());
        QVERIFY(app.getPages(10, 50).empty());

        // A slug in use by another page cannot be taken; nothing is recorded.
        const qint64 beforeConflict = app.recorder().maxNotificationId();
        QVERIFY_THROWS_EXCEPTION(SlugConflictError,
                                 app.updateSlug(QStringLiteral("page-2"), QStringLiteral("page-3")));
        QCOMPARE(app.recorder().maxNotificationId(), beforeConflict);
        QCOMPARE(app.getPageDetails(QStringLiteral("page-2")).slug, QStringLiteral("page-2"));
        QVERIFY_THROWS_EXCEPTION(PageNotFound,
                                 app.updateSlug(QStringLiteral("nowhere"), QStringLiteral("elsewhere")));

        // A slug that was used before can be taken again.
        app.updateSlug(QStringLiteral("welcome-visitors"), QStringLiteral("welcome"));
        page = app.getPageDetails(QStringLiteral("welcome"));
        QCOMPARE(page.title, QStringLiteral("Welcome Visitors"));
        QCOMPARE(page.modifiedBy, std::optional<QUuid>(userId));
        QCOMPARE(app.getIndex(QStringLiteral("welcome"))->version(), qint64(3));
        QVERIFY_THROWS_EXCEPTION(PageNotFound, app.getPageDetails(QStringLiteral("welcome-visitors")));

        // The dict form.
        const QVariantMap m = page.toVariantMap();
        QCOMPARE(m.keys(), (QStringList {"body", "modified_by", "slug", "title"}));
        QCOMPARE(m.value(QStringLiteral("modified_by")).toString(), es::uuid::toDashed(userId));

        checkStoredRecords(app, pageId);
    }

    void noUserId()
    {
        WikiApplication app(
            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}});
        app.createPage(QStringLiteral("Anonymous"), QStringLiteral("anon"));
        app.updateBody(QStringLiteral("anon"), QStringLiteral("text\n"));
        QVERIFY(!app.getPageDetails(QStringLiteral("anon")).modifiedBy);
        QVERIFY(!app.getPageDetails(QStringLiteral("anon"))
                     .toVariantMap()
                     .value(QStringLiteral("modified_by"))
                     .isValid());
        const auto notifications = app.recorder().selectNotifications(1, 10);
        QCOMPARE(notifications.size(), size_t(4));
        const es::DecodedState created = es::decodeStoredState(notifications[0].state);
        QVERIFY(at(created.state, "user_id").isNull());
        // The same body again: an empty diff, which changes nothing (GNU patch does the same).
        app.updateBody(QStringLiteral("anon"), QStringLiteral("text\n"));
        const auto last = app.recorder().selectNotifications(5, 1);
        QCOMPARE(last.size(), size_t(1));
        QCOMPARE(at(es::decodeStoredState(last[0].state).state, "diff").toQString(), QString());
        QCOMPARE(app.getPageDetails(QStringLiteral("anon")).body, QStringLiteral("text\n"));
    }

    // Records as Python writes them (diffs from GNU diff, "\ No newline" markers) rebuild the page.
    void pythonWrittenEvents()
    {
        WikiApplication app(
            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}});
        app.initialise();
        const QUuid id = es::uuid::fromString("5f0b8e8a4d2c4a8e9a6b2f1d3c4e5f60");
        const QString user = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90");
        auto stored = [&](qint64 version, const char *topic, const QString &json) {
            es::StoredEvent e;
            e.originatorId = id;
            e.originatorVersion = version;
            e.topic = kPrefix + QString::fromLatin1(topic);
            e.state = app.mapper().protect(json.toStdString());
            return e;
        };
        const QString ts = QStringLiteral(
            "{\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}");
        const QString uid = QStringLiteral("{\"_type_\": \"uuid_hex\", \"_data_\": \"%1\"}").arg(user);
        std::vector<es::StoredEvent> events {
            stored(1, "Page.Created",
                   QStringLiteral("{\"timestamp\": %1, \"originator_topic\": \"%2Page\", \"user_id\": %3, "
                                  "\"title\": \"Welcome\", "
                                  "\"slug\": \"welcome\", \"body\": \"\"}")
                       .arg(ts, kPrefix, uid)),
            stored(2, "Page.BodyUpdated",
                   QStringLiteral("{\"timestamp\": %1, \"user_id\": %2, \"diff\": \"0a1\\n> Welcome to this "
                                  "wiki\\n\\\\ No newline at end of file\\n\"}")
                       .arg(ts, uid)),
            stored(3, "Page.BodyUpdated",
                   QStringLiteral("{\"timestamp\": %1, \"user_id\": null, \"diff\": \"1c1,4\\n< Welcome to "
                                  "this wiki\\n\\\\ No newline at end of file\\n"
                                  "---\\n> \\n> Welcome to this wiki!\\n> \\n> This is a wiki about...\\n\"}")
                       .arg(ts)),
            stored(4, "Page.TitleUpdated",
                   QStringLiteral("{\"timestamp\": %1, \"user_id\": %2, \"title\": \"Grüße 🙂\"}")
                       .arg(ts, uid)),
        };
        app.recorder().insertEvents(events);
        const auto page = app.getPage(id);
        QCOMPARE(page->version(), qint64(4));
        QCOMPARE(page->body(), kBody3);
        QCOMPARE(page->title(), QStringLiteral("Grüße 🙂"));
        QCOMPARE(page->modifiedBy(), std::optional<QUuid>(es::uuid::fromString(user)));
        QVERIFY(!app.getPage(id, 3)->modifiedBy());

        // A diff that does not fit the body is an error, not a wrong body.
        app.recorder().insertEvents({stored(
            5, "Page.BodyUpdated",
            QStringLiteral(
                "{\"timestamp\": %1, \"user_id\": null, \"diff\": \"2c2\\n< nothing\\n---\\n> x\\n\"}")
                .arg(ts))});
        QVERIFY_THROWS_EXCEPTION(PatchError, app.getPage(id));
    }

    void reopenSqliteFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
        const es::EnvMap env {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
            {QStringLiteral("SQLITE_DBNAME"), path}};
        {
            WikiApplication app(env);
            app.createPage(QStringLiteral("Home"), QStringLiteral("home"));
            for (int i = 0; i < 12; ++i)
                app.updateBody(QStringLiteral("home"), QStringLiteral("version %1\nsame\n").arg(i));
            app.createPage(QStringLiteral("About"), QStringLiteral("about"));
        }
        WikiApplication app(env);
        QCOMPARE(app.getPageDetails(QStringLiteral("home")).body, QStringLiteral("version 11\nsame\n"));
        const QUuid home = app.pageIdForSlug(QStringLiteral("home"));
        QCOMPARE(app.getPage(home)->version(), qint64(13));
        QCOMPARE(app.snapshots()->get(home).size(), size_t(2)); // versions 5 and 10
        QCOMPARE(app.getPage(home, 7)->body(), QStringLiteral("version 5\nsame\n"));
        const auto pages = app.getPages();
        QCOMPARE(pages.size(), size_t(2));
        QCOMPARE(pages[0].slug, QStringLiteral("about"));
        QCOMPARE(pages[1].slug, QStringLiteral("home"));
        // The class default compresses with gzip; the environment can override it.
        QCOMPARE(app.env().get(QStringLiteral("COMPRESSOR_TOPIC")).value_or(QString()),
                 QStringLiteral("gzip"));
        WikiApplication plain(
            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")},
             {QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("zlib")}});
        plain.createPage(QStringLiteral("Z"), QStringLiteral("z"));
        QCOMPARE(es::decodeStoredState(plain.recorder().selectNotifications(1, 1).front().state).compression,
                 es::Compression::Zlib);
    }

private:
    void checkStoredRecords(WikiApplication &app, const QUuid &pageId)
    {
        const auto notifications = app.recorder().selectNotifications(1, 1000);
        QStringList topics;
        std::vector<es::json::Value> states;
        for (const es::Notification &n : notifications) {
            const es::DecodedState d = es::decodeStoredState(n.state, nullptr, &app.mapper().transcoder());
            QVERIFY2(d.ok(), qPrintable(d.error));
            QCOMPARE(d.compression, es::Compression::Gzip);
            QCOMPARE(d.storage(), QStringLiteral("gzip"));
            QCOMPARE(n.state.left(2), QByteArray("\x1f\x8b"));
            topics.append(n.topic.mid(kPrefix.size()));
            states.push_back(d.state);
        }
        // create_page saves the page, its log entry and its index entry, in that order.
        QCOMPARE(topics.mid(0, 3), (QStringList {"Page.Created", "PageLogged", "Index.Created"}));
        QCOMPARE(notifications[1].originatorId, WikiApplication::pageLogId());
        QCOMPARE(notifications[1].originatorVersion, qint64(1));
        QCOMPARE(notifications[2].originatorId, Index::createId(QStringLiteral("welcome")));
        QCOMPARE(
            topics.mid(3, 4),
            (QStringList {"Page.TitleUpdated", "Page.SlugUpdated", "Index.RefChanged", "Index.Created"}));
        QCOMPARE(
            topics.mid(7, 4),
            (QStringList {"Page.BodyUpdated", "Page.BodyUpdated", "Page.BodyUpdated", "Page.BodyUpdated"}));

        const es::json::Value &created = states[0];
        QCOMPARE(keysOf(created),
                 (QStringList {"timestamp", "originator_topic", "user_id", "title", "slug", "body"}));
        QCOMPARE(at(created, "originator_topic").toQString(), kPrefix + QStringLiteral("Page"));
        QCOMPARE(typeOf(at(created, "user_id")), QStringLiteral("uuid_hex"));
        QCOMPARE(at(created, "body").toQString(), QString());
        const es::json::Value &logged = states[1];
        QCOMPARE(keysOf(logged), (QStringList {"timestamp", "page_id"}));
        QCOMPARE(typeOf(at(logged, "page_id")), QStringLiteral("uuid_hex"));
        QCOMPARE(hexOf(at(logged, "page_id")), es::uuid::toHex(pageId));
        const es::json::Value &indexed = states[2];
        QCOMPARE(keysOf(indexed), (QStringList {"timestamp", "originator_topic", "slug", "ref"}));
        QCOMPARE(at(indexed, "originator_topic").toQString(), kPrefix + QStringLiteral("Index"));
        QCOMPARE(hexOf(at(indexed, "ref")), es::uuid::toHex(pageId));
        QCOMPARE(keysOf(states[3]), (QStringList {"timestamp", "user_id", "title"}));
        QCOMPARE(keysOf(states[4]), (QStringList {"timestamp", "user_id", "slug"}));
        QCOMPARE(keysOf(states[5]), (QStringList {"timestamp", "ref"}));
        QVERIFY(at(states[5], "ref").isNull()); // the old slug's index lets go of the page
        QCOMPARE(keysOf(states[7]), (QStringList {"timestamp", "user_id", "diff"}));
        const QString nonl = QStringLiteral("\\ No newline at end of file\n");
        QCOMPARE(at(states[7], "diff").toQString(), QStringLiteral("0a1\n> Welcome to my wiki\n") + nonl);
        QCOMPARE(at(states[8], "diff").toQString(),
                 QStringLiteral("1c1\n< Welcome to my wiki\n") + nonl
                     + QStringLiteral("---\n> Welcome to this wiki\n") + nonl);
        QCOMPARE(at(states[9], "diff").toQString(),
                 QStringLiteral("1c1,4\n< Welcome to this wiki\n") + nonl
                     + QStringLiteral("---\n> \n> Welcome to this wiki!\n> \n> This is a wiki about...\n"));
        QCOMPARE(at(states[10], "diff").toQString(),
                 QStringLiteral("4c4\n< This is a wiki about...\n---\n> This is a wiki about us!\n"));

        // The page's snapshot: gzip too, the page's attributes as Python's __dict__.
        const auto snapshots = app.snapshots()->recorder().selectEvents(pageId);
        QCOMPARE(snapshots.size(), size_t(1));
        const es::DecodedState s
            = es::decodeStoredState(snapshots[0].state, nullptr, &app.mapper().transcoder());
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.compression, es::Compression::Gzip);
        QCOMPARE(at(s.state, "topic").toQString(), kPrefix + QStringLiteral("Page"));
        const es::json::Value &attributes = at(s.state, "state");
        QCOMPARE(keysOf(attributes),
                 (QStringList {"_created_on", "_modified_on", "title", "slug", "body", "modified_by"}));
        QCOMPARE(at(attributes, "body").toQString(), QStringLiteral("Welcome to this wiki"));
        QCOMPARE(typeOf(at(attributes, "modified_by")), QStringLiteral("uuid_hex"));
    }
};

QTEST_GUILESS_MAIN(TestWiki)
#include "tst_wiki.moc"
