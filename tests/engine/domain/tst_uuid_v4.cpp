// es::uuid::v4() draws from a per-thread pool of system random bytes (uuid.cpp): every id is a
// version 4 RFC 4122 UUID, ids are distinct across threads and pool refills, and a forked child
// does not repeat its parent's ids (its pool starts empty).
#include "es/uuid.h"

#include <QSet>
#include <QtTest>
#include <mutex>
#include <thread>
#include <vector>
#if defined(Q_OS_LINUX)
#include <sys/wait.h>
#include <unistd.h>
#endif

class TestUuidV4 : public QObject
{
    Q_OBJECT

private slots:
    void manyThreadsManyRefills()
    {
        constexpr int Threads = 8;
        constexpr int PerThread = 5000; // about twenty pool refills per thread
        std::vector<std::vector<QUuid>> made(Threads);
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < PerThread; ++i)
                    made[size_t(t)].push_back(es::uuid::v4());
            });
        for (auto &th : threads)
            th.join();
        QSet<QUuid> all;
        for (const auto &ids : made) {
            for (const QUuid &id : ids) {
                QCOMPARE(id.version(), QUuid::Random);
                QCOMPARE(id.variant(), QUuid::DCE);
                all.insert(id);
            }
        }
        QCOMPARE(all.size(), Threads * PerThread);
    }

    void forkedChildDoesNotRepeatItsParent()
    {
#if defined(Q_OS_LINUX)
        es::uuid::v4(); // the pool is filled and partly used
        int fds[2];
        QCOMPARE(pipe(fds), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const QUuid id = es::uuid::v4();
            const QByteArray raw = id.toRfc4122();
            const ssize_t written = write(fds[1], raw.constData(), 16);
            _exit(written == 16 ? 0 : 1);
        }
        const QUuid parentNext = es::uuid::v4();
        char buf[16];
        QCOMPARE(read(fds[0], buf, 16), ssize_t(16));
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        close(fds[0]);
        close(fds[1]);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QVERIFY(QUuid::fromRfc4122(QByteArrayView(buf, 16)) != parentNext);
#else
        QSKIP("fork() is Linux-only here");
#endif
    }
};

QTEST_GUILESS_MAIN(TestUuidV4)
#include "tst_uuid_v4.moc"
