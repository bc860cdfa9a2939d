// A Counters follower in a process of its own, for tst_follower_kill: follows the
// WorldsApplication store named by the environment, processes until it has caught up with the
// leader, then exits 0. The test kills it with SIGKILL at random moments and starts it again.
#include "worlds/worlds.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication qapp(argc, argv);
    try {
        worlds::WorldsApplication leader;
        worlds::Counters counters;
        counters.follow(QStringLiteral("WorldsApplication"), leader.logPtr());
        const qint64 target = leader.recorder().maxNotificationId();
        // Small pages make the process spend its life between commits, where a kill is interesting.
        counters.setPullSectionSize(10);
        while (counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")) < target)
            counters.pullAndProcess(QStringLiteral("WorldsApplication"));
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "follower: %s\n", e.what());
        return 2;
    }
}
