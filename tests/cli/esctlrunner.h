#pragma once
// Runs the esctl built with the tests as a real process. Header-only; not thread-safe.

#include <QByteArrayList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace clitest {

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;

    QByteArrayList lines() const
    {
        QByteArray text = out;
        if (text.endsWith('\n'))
            text.chop(1);
        return text.isEmpty() ? QByteArrayList() : text.split('\n');
    }
    QByteArrayList errLines() const
    {
        QByteArray text = err;
        if (text.endsWith('\n'))
            text.chop(1);
        return text.isEmpty() ? QByteArrayList() : text.split('\n');
    }
};

// The environment esctl runs in: the test's, without settings that would change its answers.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &k : env.keys())
        if (k == QLatin1String("ES_URL") || k.endsWith(QLatin1String("CIPHER_KEY"))
            || k == QLatin1String("PGPASSWORD") || k == QLatin1String("POSTGRES_PASSWORD"))
            env.remove(k);
    return env;
}

inline Run esctl(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(),
                 int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ESCTL_PATH), args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start esctl: " + p.errorString().toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "esctl did not finish in time";
        return r;
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace clitest
