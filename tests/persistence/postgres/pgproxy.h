#pragma once
// A TCP proxy between a client and the test's PostgreSQL server that loses connections on cue, to
// test what a recorder does when its connection goes at the worst moment. It reads the frontend
// protocol from the client (QPSQL sends every statement as a simple Query message, prepared ones as
// "EXECUTE name (values)"; the recorders' native path binds prepared statements, recorded as
// "EXECUTE name: SQL"), records the query texts, and can cut a connection when a query starts with a
// given text: before the server gets it, or after the server got it but before its answer reaches
// the client (a COMMIT whose answer is lost).
//
// The proxy runs in a thread of its own, so that the test's thread may block in a recorder.
// Thread-safe.

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>

namespace es::test {

class PgProxyWorker;

class PgProxy
{
public:
    enum class Cut {
        DropQuery, // the query never reaches the server; both sides are closed at once
        AfterServerGotIt, // the query reaches the server; its answer does not reach the client
    };

    // Listens on 127.0.0.1 (port()) and forwards to host:port.
    PgProxy(const QString &host, int port);
    ~PgProxy();
    PgProxy(const PgProxy &) = delete;
    PgProxy &operator=(const PgProxy &) = delete;

    int port() const;
    // Once: the next query that starts with `prefix` is cut as `how` says. With AfterServerGotIt,
    // both sides are closed delayMs later (time for the server to act on it).
    void cutOnQuery(const QString &prefix, Cut how, int delayMs = 300);
    // Whether the cut of cutOnQuery() has happened.
    bool cutDone() const;
    // Closes every open connection now.
    void cutAll();
    // While set, new connections are closed as soon as they are accepted.
    void setRefuse(bool refuse);
    // While set, new connections are accepted and then never answered (a server that hangs).
    void setSilent(bool silent);
    // Connections accepted so far.
    int connections() const;
    // Every query text seen, in order.
    QStringList queries() const;
    void clearQueries();

private:
    friend class PgProxyWorker;
    struct Shared
    {
        mutable QMutex mutex;
        QString rulePrefix;
        Cut ruleHow = Cut::DropQuery;
        int ruleDelayMs = 0;
        bool ruleArmed = false;
        bool ruleDone = false;
        bool refuse = false;
        bool silent = false;
        int connections = 0;
        QStringList queries;
    };
    Shared m_shared;
    QThread m_thread;
    PgProxyWorker *m_worker = nullptr;
    int m_port = 0;
};

} // namespace es::test
