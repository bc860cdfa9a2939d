#include "appsettings.h"

#include <QSettings>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

QString SavedConnection::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(host);
    u.setPort(port);
    u.setUserName(user, QUrl::DecodedMode);
    u.setPath(QLatin1Char('/') + database, QUrl::DecodedMode);
    if (!sslMode.isEmpty()) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("sslmode"), sslMode);
        u.setQuery(q);
    }
    return u.toString();
}

QString SavedConnection::label() const
{
    const QString where = QStringLiteral("%1@%2:%3/%4").arg(user, host, QString::number(port), database);
    return name.isEmpty() ? where : QStringLiteral("%1 (%2)").arg(name, where);
}

bool SavedConnection::operator==(const SavedConnection &other) const
{
    return name == other.name && host == other.host && port == other.port && database == other.database
        && user == other.user && sslMode == other.sslMode && rememberPassword == other.rememberPassword;
}

namespace AppSettings {

QString withoutPassword(const QString &url)
{
    const QUrl u(url);
    if (u.isValid() && !u.scheme().isEmpty() && u.scheme().size() > 1 && !u.password().isEmpty()) {
        QUrl copy = u;
        copy.setPassword(QString());
        return copy.toString();
    }
    return url;
}

QStringList recentStores()
{
    QSettings s;
    return s.value(QStringLiteral("recent/stores")).toStringList();
}

void addRecentStore(const QString &url)
{
    const QString clean = withoutPassword(url);
    QStringList list = recentStores();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > MaxRecentStores)
        list.removeLast();
    QSettings s;
    s.setValue(QStringLiteral("recent/stores"), list);
}

void removeRecentStore(const QString &url)
{
    QStringList list = recentStores();
    list.removeAll(url);
    QSettings s;
    s.setValue(QStringLiteral("recent/stores"), list);
}

void clearRecentStores()
{
    QSettings s;
    s.remove(QStringLiteral("recent/stores"));
}

QList<SavedConnection> savedConnections()
{
    QSettings s;
    QList<SavedConnection> out;
    const int n = s.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        SavedConnection c;
        c.name = s.value(QStringLiteral("name")).toString();
        c.host = s.value(QStringLiteral("host"), QStringLiteral("localhost")).toString();
        c.port = s.value(QStringLiteral("port"), 5432).toInt();
        c.database = s.value(QStringLiteral("database")).toString();
        c.user = s.value(QStringLiteral("user")).toString();
        c.sslMode = s.value(QStringLiteral("sslmode")).toString();
        c.rememberPassword = s.value(QStringLiteral("rememberPassword"), true).toBool();
        out.append(c);
    }
    s.endArray();
    return out;
}

static void writeConnections(const QList<SavedConnection> &list)
{
    QSettings s;
    s.remove(QStringLiteral("connections"));
    s.beginWriteArray(QStringLiteral("connections"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        s.setArrayIndex(i);
        const SavedConnection &c = list.at(i);
        s.setValue(QStringLiteral("name"), c.name);
        s.setValue(QStringLiteral("host"), c.host);
        s.setValue(QStringLiteral("port"), c.port);
        s.setValue(QStringLiteral("database"), c.database);
        s.setValue(QStringLiteral("user"), c.user);
        s.setValue(QStringLiteral("sslmode"), c.sslMode);
        s.setValue(QStringLiteral("rememberPassword"), c.rememberPassword);
    }
    s.endArray();
}

void saveConnection(const SavedConnection &connection)
{
    QList<SavedConnection> list = savedConnections();
    bool replaced = false;
    for (SavedConnection &c : list) {
        if (c.name == connection.name) {
            c = connection;
            replaced = true;
        }
    }
    if (!replaced)
        list.append(connection);
    writeConnections(list);
}

void removeConnection(const QString &name)
{
    QList<SavedConnection> list = savedConnections();
    list.erase(
        std::remove_if(list.begin(), list.end(), [&](const SavedConnection &c) { return c.name == name; }),
        list.end());
    writeConnections(list);
}

QByteArray value(const QString &key)
{
    QSettings s;
    return s.value(key).toByteArray();
}

void setValue(const QString &key, const QByteArray &value)
{
    QSettings s;
    s.setValue(key, value);
}

} // namespace AppSettings
