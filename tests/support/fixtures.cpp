#include "fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace es::test {

QString fixturesDir()
{
    const QString env = qEnvironmentVariable("ES_COMPAT_FIXTURES");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(ES_DEFAULT_FIXTURES_DIR) : env);
}

QString fixture(const QString &name)
{
    return fixturesDir() + QLatin1Char('/') + name;
}

bool inCI()
{
    const QString ci = qEnvironmentVariable("CI").toLower();
    return ci == QLatin1String("true") || ci == QLatin1String("1") || ci == QLatin1String("yes");
}

QString sourceDir()
{
    return QStringLiteral(ES_SOURCE_DIR);
}

QString binaryDir()
{
    return QStringLiteral(ES_BINARY_DIR);
}

QString outputDir()
{
    QString dir = qEnvironmentVariable("ES_TEST_OUTPUT_DIR");
    if (dir.isEmpty())
        dir = binaryDir() + QStringLiteral("/test-output");
    QDir().mkpath(dir);
    return dir;
}

QString copyFixture(const QString &name, const QString &dir)
{
    const QString copy = dir + QLatin1Char('/') + QFileInfo(name).fileName();
    QFile::remove(copy);
    if (!QFile::copy(fixture(name), copy))
        return {};
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return copy;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s: %s", qPrintable(path), qPrintable(f.errorString()));
        return {};
    }
    return f.readAll();
}

} // namespace es::test
