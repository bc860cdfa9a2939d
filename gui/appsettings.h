#pragma once
// What the inspector remembers between sessions, in QSettings: recent stores, saved PostgreSQL
// connections (without passwords: those go to the keychain, secrets.h), window geometry and state,
// splitter positions. Never a secret: URLs are stored without their password.
//
// Thread-safety: GUI thread only (QSettings is reentrant; one instance per call).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct SavedConnection
{
    QString name; // what the user called it ("staging")
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database;
    QString user;
    QString sslMode; // "", "disable", "prefer", "require", "verify-ca", "verify-full"
    bool rememberPassword = true;

    // postgresql://user@host:port/db[?sslmode=…], without the password.
    QString url() const;
    QString label() const;
    bool operator==(const SavedConnection &other) const;
};

namespace AppSettings {

inline constexpr int MaxRecentStores = 10;

// Most recent first, passwords removed.
QStringList recentStores();
void addRecentStore(const QString &url);
void removeRecentStore(const QString &url);
void clearRecentStores();

QList<SavedConnection> savedConnections();
void saveConnection(const SavedConnection &connection); // replaces one of the same name
void removeConnection(const QString &name);

QByteArray value(const QString &key);
void setValue(const QString &key, const QByteArray &value);

// A URL without its password (for settings, titles and the recent list).
QString withoutPassword(const QString &url);

} // namespace AppSettings
