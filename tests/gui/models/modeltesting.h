#pragma once
// Helpers of the model tests: open a session and wait, drive lazy models to their end, read the
// reference stores' jsonl lines. Test-thread (GUI thread) only.

#include "workers/storesession.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QSignalSpy>
#include <QtTest/QTest>
#include <memory>

namespace es::test {

// Opens `url` in a new session and waits for the answer; null (with *error) when it failed.
inline std::unique_ptr<es::gui::StoreSession> openSession(const QString &url, QString *error = nullptr,
                                                          int timeoutMs = 30000)
{
    auto session = std::make_unique<es::gui::StoreSession>();
    es::inspect::DecodingSettings settings;
    settings.keysFromEnvironment = false; // the tests say which keys they use
    session->setDecodingSettings(settings);
    session->open(url);
    (void)QTest::qWaitFor([&] { return session->state() != es::gui::StoreSession::State::Opening; },
                          timeoutMs);
    if (!session->isOpen()) {
        if (error)
            *error = session->openError().isEmpty() ? QStringLiteral("timed out") : session->openError();
        return nullptr;
    }
    return session;
}

template<typename Model> bool waitIdle(const Model &model, int timeoutMs = 30000)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, timeoutMs);
}

// fetchMore() until canFetchMore() says no, waiting for each page.
template<typename Model> bool fetchAll(Model &model, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (!waitIdle(model, static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            return false;
        if (!model.canFetchMore(QModelIndex()))
            return true;
        model.fetchMore(QModelIndex());
        if (deadline.hasExpired())
            return false;
    }
}

// Lines of a reference jsonl file (no trailing empty line).
inline QList<QByteArray> jsonlLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = f.readAll();
    if (text.endsWith('\n'))
        text.chop(1);
    return text.split('\n');
}

} // namespace es::test
