// Store URLs: SQLite paths and sqlite:/// URLs, postgresql:// URLs (with libpq's environment and
// pgpass file for what the URL leaves out), and http:// remote notification logs.
#include "es/inspect/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QUrlQuery>

namespace es::inspect {

namespace {

QString firstSet(const QProcessEnvironment &env, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        QString v = env.value(QString::fromLatin1(n));
        if (!v.isEmpty())
            return v;
    }
    return {};
}

// Splits a pgpass line on unescaped ':' and unescapes '\:' and '\\'.
QStringList pgpassFields(const QString &line)
{
    QStringList fields;
    QString current;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            current += line.at(++i);
        } else if (c == QLatin1Char(':') && fields.size() < 4) {
            fields << current;
            current.clear();
        } else {
            current += c;
        }
    }
    fields << current;
    return fields;
}

StoreLocation sqliteLocation(const QString &path)
{
    if (path.isEmpty())
        throw ValueError(QStringLiteral("no SQLite path given"));
    const QFileInfo info(path);
    if (!info.exists())
        throw ValueError(QStringLiteral("no such file or folder: '%1'").arg(path));
    StoreLocation l;
    l.path = info.absoluteFilePath();
    l.kind = info.isDir() ? StoreKind::SqliteDirectory : StoreKind::SqliteFile;
    if (!info.isReadable())
        throw ValueError(QStringLiteral("'%1' cannot be read (permission denied)").arg(l.path));
    return l;
}

} // namespace

QString pgpassLookup(const QString &file, const QString &host, int port, const QString &dbname,
                     const QString &user)
{
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QTextStream in(&f);
    const QString portText = QString::number(port);
    auto matches = [](const QString &pattern, const QString &value) {
        return pattern == QLatin1String("*") || pattern == value;
    };
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const QStringList f5 = pgpassFields(line);
        if (f5.size() != 5)
            continue;
        // libpq: "localhost" in the file also matches connections over a local socket; the inspector
        // always connects over TCP, so the host is compared as given.
        if (matches(f5[0], host) && matches(f5[1], portText) && matches(f5[2], dbname)
            && matches(f5[3], user))
            return f5[4];
    }
    return {};
}

StoreLocation StoreLocation::parse(const QString &text, const QProcessEnvironment &env)
{
    const QString url = text.trimmed();
    if (url.isEmpty())
        throw ValueError(QStringLiteral("no store given (a SQLite file or folder, sqlite:///path, "
                                        "postgresql://user@host:port/dbname or http://host:port/)"));
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    const QString scheme = colon > 1 ? url.left(colon).toLower() : QString();

    if (scheme == QLatin1String("sqlite") || scheme == QLatin1String("file")) {
        QString rest = url.mid(colon + 1);
        if (rest.startsWith(QLatin1String("//")))
            rest = rest.mid(2);
        if (rest.startsWith(QLatin1String("localhost/")))
            rest = rest.mid(9);
        const qsizetype query = rest.indexOf(QLatin1Char('?'));
        if (query >= 0)
            rest.truncate(query);
        return sqliteLocation(QDir::cleanPath(QUrl::fromPercentEncoding(rest.toUtf8())));
    }

    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        const QUrl u(url, QUrl::StrictMode);
        if (!u.isValid())
            throw ValueError(
                QStringLiteral("'%1' is not a valid PostgreSQL URL: %2").arg(url, u.errorString()));
        StoreLocation l;
        l.kind = StoreKind::Postgres;
        l.host = u.host();
        if (l.host.isEmpty())
            l.host = firstSet(env, {"PGHOST", "POSTGRES_HOST"});
        if (l.host.isEmpty())
            l.host = QStringLiteral("localhost");
        QString portText
            = u.port() > 0 ? QString::number(u.port()) : firstSet(env, {"PGPORT", "POSTGRES_PORT"});
        if (portText.isEmpty())
            portText = QStringLiteral("5432");
        bool ok = false;
        l.port = portText.toInt(&ok);
        if (!ok || l.port < 1 || l.port > 65535)
            throw ValueError(QStringLiteral("'%1' is not a valid port number").arg(portText));
        l.user = u.userName(QUrl::FullyDecoded);
        if (l.user.isEmpty())
            l.user = firstSet(env, {"PGUSER", "POSTGRES_USER"});
        if (l.user.isEmpty())
            l.user = firstSet(env, {"USER", "LOGNAME"});
        l.dbname = u.path(QUrl::FullyDecoded);
        while (l.dbname.startsWith(QLatin1Char('/')))
            l.dbname = l.dbname.mid(1);
        if (l.dbname.isEmpty())
            l.dbname = firstSet(env, {"PGDATABASE", "POSTGRES_DBNAME"});
        if (l.dbname.isEmpty())
            l.dbname = l.user;
        const QUrlQuery query(u);
        l.sslmode = query.queryItemValue(QStringLiteral("sslmode"));
        if (!u.password().isEmpty()) {
            l.password = u.password(QUrl::FullyDecoded);
            l.passwordSource = QStringLiteral("the URL");
        } else if (!env.value(QStringLiteral("PGPASSWORD")).isEmpty()) {
            l.password = env.value(QStringLiteral("PGPASSWORD"));
            l.passwordSource = QStringLiteral("PGPASSWORD");
        } else if (!env.value(QStringLiteral("POSTGRES_PASSWORD")).isEmpty()) {
            l.password = env.value(QStringLiteral("POSTGRES_PASSWORD"));
            l.passwordSource = QStringLiteral("POSTGRES_PASSWORD");
        } else {
            QString file = env.value(QStringLiteral("PGPASSFILE"));
            if (file.isEmpty() && !env.value(QStringLiteral("HOME")).isEmpty())
                file = env.value(QStringLiteral("HOME")) + QStringLiteral("/.pgpass");
            l.password = pgpassLookup(file, l.host, l.port, l.dbname, l.user);
            if (!l.password.isEmpty())
                l.passwordSource = file;
        }
        return l;
    }

    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        const QUrl u(url, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty())
            throw ValueError(QStringLiteral("'%1' is not a valid URL").arg(url));
        StoreLocation l;
        l.kind = StoreKind::Remote;
        l.remoteUrl = u;
        return l;
    }

    if (!scheme.isEmpty() && url.mid(colon + 1).startsWith(QLatin1String("//")))
        throw ValueError(
            QStringLiteral("unsupported URL scheme '%1' (use a SQLite file or folder, sqlite:///path, "
                           "postgresql://user@host:port/dbname or http://host:port/)")
                .arg(scheme));
    return sqliteLocation(url);
}

QString StoreLocation::displayUrl() const
{
    switch (kind) {
    case StoreKind::SqliteFile:
    case StoreKind::SqliteDirectory:
        return path;
    case StoreKind::Postgres: {
        QUrl u;
        u.setScheme(QStringLiteral("postgresql"));
        u.setUserName(user);
        u.setHost(host);
        u.setPort(port);
        u.setPath(QLatin1Char('/') + dbname);
        if (!sslmode.isEmpty())
            u.setQuery(QStringLiteral("sslmode=") + sslmode);
        return u.toString();
    }
    case StoreKind::Remote: {
        QUrl u = remoteUrl;
        u.setPassword(QString());
        return u.toString();
    }
    }
    return {};
}

} // namespace es::inspect
