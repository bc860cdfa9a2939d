#include "pgproxy.h"

#include <QHash>
#include <QHostAddress>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtEndian>
#include <algorithm>
#include <memory>
#include <vector>

namespace es::test {

// Lives in the proxy's thread: every socket is made, used and closed there.
class PgProxyWorker : public QObject
{
public:
    PgProxyWorker(PgProxy::Shared &shared, const QString &host, int port)
        : m_shared(shared), m_host(host), m_port(port)
    { }

    int start()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server->nextPendingConnection())
                accept(client);
        });
        return m_server->serverPort();
    }

    void stop()
    {
        cutAll();
        if (m_server)
            m_server->close();
    }

    void cutAll()
    {
        const auto pipes = m_pipes;
        for (const auto &p : pipes)
            close(p);
    }

private:
    struct Pipe
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pending; // for the server, until it is connected
        QByteArray parse; // client bytes not yet forwarded (an incomplete message)
        bool typed = false; // past the startup packet: messages have a type byte
        bool frozen = false; // cut: nothing more goes either way
        bool closed = false;
        QHash<QByteArray, QString> statements; // extended protocol: name → SQL (Parse)
        int freezeAtSyncMs = -1; // cut after the server got an extended query: at its Sync
    };
    using PipePtr = std::shared_ptr<Pipe>;

    void accept(QTcpSocket *client)
    {
        bool refuse;
        bool silent;
        {
            QMutexLocker lock(&m_shared.mutex);
            ++m_shared.connections;
            refuse = m_shared.refuse;
            silent = m_shared.silent;
        }
        if (refuse) {
            client->abort();
            client->deleteLater();
            return;
        }
        if (silent) {
            // Read and forget whatever the client says; the socket goes with the server.
            connect(client, &QTcpSocket::readyRead, client, [client] { client->readAll(); });
            return;
        }
        auto p = std::make_shared<Pipe>();
        p->client = client;
        p->upstream = new QTcpSocket(this);
        m_pipes.push_back(p);
        connect(p->upstream, &QTcpSocket::connected, this, [this, p] {
            if (!p->pending.isEmpty() && !p->frozen)
                p->upstream->write(p->pending);
            p->pending.clear();
        });
        connect(p->upstream, &QTcpSocket::readyRead, this, [p] {
            const QByteArray data = p->upstream->readAll();
            if (!p->frozen && p->client)
                p->client->write(data);
        });
        connect(client, &QTcpSocket::readyRead, this, [this, p] { fromClient(p); });
        connect(client, &QTcpSocket::disconnected, this, [this, p] { close(p); });
        connect(p->upstream, &QTcpSocket::disconnected, this, [this, p] { close(p); });
        connect(p->upstream, &QTcpSocket::errorOccurred, this, [this, p] { close(p); });
        p->upstream->connectToHost(m_host, static_cast<quint16>(m_port));
    }

    void toServer(const PipePtr &p, const QByteArray &message)
    {
        if (p->upstream && p->upstream->state() == QAbstractSocket::ConnectedState)
            p->upstream->write(message);
        else
            p->pending += message;
    }

    void fromClient(const PipePtr &p)
    {
        if (!p->client)
            return;
        p->parse += p->client->readAll();
        while (!p->frozen && !p->closed) {
            const QByteArray &b = p->parse;
            if (!p->typed) {
                // Startup packets: int32 length, int32 code (SSLRequest and GSSENCRequest come first).
                if (b.size() < 8)
                    return;
                const qint32 length = qFromBigEndian<qint32>(b.constData());
                if (b.size() < length)
                    return;
                const qint32 code = qFromBigEndian<qint32>(b.constData() + 4);
                if (code != 80877103 && code != 80877104)
                    p->typed = true;
                toServer(p, b.left(length));
                p->parse.remove(0, length);
                continue;
            }
            if (b.size() < 5)
                return;
            const qint32 length = qFromBigEndian<qint32>(b.constData() + 1);
            if (b.size() < 1 + length)
                return;
            const QByteArray message = b.left(1 + length);
            p->parse.remove(0, 1 + length);
            const char type = message.at(0);
            if (type == 'P') { // Parse: statement name, SQL
                const qsizetype nameEnd = message.indexOf('\0', 5);
                const qsizetype sqlEnd = message.indexOf('\0', nameEnd + 1);
                p->statements.insert(message.mid(5, nameEnd - 5),
                                     QString::fromUtf8(message.mid(nameEnd + 1, sqlEnd - nameEnd - 1)));
            }
            if (type == 'S' && p->freezeAtSyncMs >= 0) { // the extended query that was cut is complete
                toServer(p, message);
                p->frozen = true;
                QTimer::singleShot(p->freezeAtSyncMs, this, [this, p] { close(p); });
                return;
            }
            if (type == 'Q' || type == 'B') {
                // A simple query's text; for Bind (the extended protocol: libpq's PQexecPrepared),
                // "EXECUTE <statement>: <its SQL>", as QPSQL's prepared statements read ("EXECUTE
                // qpsqlpstmt_1 (values)").
                QString text;
                if (type == 'Q') {
                    text = QString::fromUtf8(message.mid(5, length - 5)); // without the NUL
                } else {
                    const qsizetype portalEnd = message.indexOf('\0', 5);
                    const QByteArray name = message.mid(portalEnd + 1, message.indexOf('\0', portalEnd + 1) - portalEnd - 1);
                    text = QStringLiteral("EXECUTE %1: %2").arg(QString::fromUtf8(name), p->statements.value(name));
                }
                bool cut = false;
                PgProxy::Cut how = PgProxy::Cut::DropQuery;
                int delay = 0;
                {
                    QMutexLocker lock(&m_shared.mutex);
                    m_shared.queries << text;
                    if (m_shared.ruleArmed && text.startsWith(m_shared.rulePrefix)) {
                        m_shared.ruleArmed = false;
                        m_shared.ruleDone = true;
                        cut = true;
                        how = m_shared.ruleHow;
                        delay = m_shared.ruleDelayMs;
                    }
                }
                if (cut) {
                    if (how == PgProxy::Cut::AfterServerGotIt && type == 'B') {
                        toServer(p, message);
                        p->freezeAtSyncMs = delay; // Execute and Sync follow
                        continue;
                    }
                    if (how == PgProxy::Cut::AfterServerGotIt) {
                        toServer(p, message);
                        p->frozen = true;
                        QTimer::singleShot(delay, this, [this, p] { close(p); });
                    } else {
                        close(p);
                    }
                    return;
                }
            }
            toServer(p, message);
        }
    }

    void close(const PipePtr &p)
    {
        if (p->closed)
            return;
        p->closed = true;
        p->frozen = true;
        if (p->client) {
            p->client->abort();
            p->client->deleteLater();
        }
        if (p->upstream) {
            p->upstream->abort();
            p->upstream->deleteLater();
        }
        m_pipes.erase(std::remove(m_pipes.begin(), m_pipes.end(), p), m_pipes.end());
    }

    PgProxy::Shared &m_shared;
    QString m_host;
    int m_port;
    QTcpServer *m_server = nullptr;
    std::vector<PipePtr> m_pipes;
};

PgProxy::PgProxy(const QString &host, int port)
{
    m_worker = new PgProxyWorker(m_shared, host, port);
    m_worker->moveToThread(&m_thread);
    // The worker, its server and its sockets are deleted in their thread when it ends.
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_port = m_worker->start(); }, Qt::BlockingQueuedConnection);
}

PgProxy::~PgProxy()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

int PgProxy::port() const
{
    return m_port;
}

void PgProxy::cutOnQuery(const QString &prefix, Cut how, int delayMs)
{
    QMutexLocker lock(&m_shared.mutex);
    m_shared.rulePrefix = prefix;
    m_shared.ruleHow = how;
    m_shared.ruleDelayMs = delayMs;
    m_shared.ruleArmed = true;
    m_shared.ruleDone = false;
}

bool PgProxy::cutDone() const
{
    QMutexLocker lock(&m_shared.mutex);
    return m_shared.ruleDone;
}

void PgProxy::cutAll()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->cutAll(); }, Qt::BlockingQueuedConnection);
}

void PgProxy::setRefuse(bool refuse)
{
    QMutexLocker lock(&m_shared.mutex);
    m_shared.refuse = refuse;
}

void PgProxy::setSilent(bool silent)
{
    QMutexLocker lock(&m_shared.mutex);
    m_shared.silent = silent;
}

int PgProxy::connections() const
{
    QMutexLocker lock(&m_shared.mutex);
    return m_shared.connections;
}

QStringList PgProxy::queries() const
{
    QMutexLocker lock(&m_shared.mutex);
    return m_shared.queries;
}

void PgProxy::clearQueries()
{
    QMutexLocker lock(&m_shared.mutex);
    m_shared.queries.clear();
}

} // namespace es::test
