#pragma once
// Paths the tests share: the Python-written reference stores and the build's output folders.
// Not thread-safe to mutate; the functions only read the environment.

#include <QString>
#include <QFileInfo>
#include <QtTest/QTest>

namespace es::test {

// The folder of the reference stores written by Python's eventsourcing 9.1.6: $ES_COMPAT_FIXTURES
// when set, otherwise ../shared/fixtures/eventsourcing-9.1.6 next to the source tree.
QString fixturesDir();

// A file in fixturesDir().
QString fixture(const QString &name);

// True when CI=true (or 1/yes) is set: then nothing that CI needs may be skipped.
bool inCI();

// The project's source and build folders, and a folder for test output (screenshots, stores).
QString sourceDir();
QString binaryDir();
QString outputDir();

// Copies a reference store into `dir` (writable copy) and returns the copy's path, or "" on failure.
// Tests never open the reference stores themselves: even a read-only SQLite open of a WAL store
// leaves -wal/-shm files beside it.
QString copyFixture(const QString &name, const QString &dir);

// Reads a whole text file; fails the test (returns empty) when it cannot.
QByteArray readFile(const QString &path);

} // namespace es::test

// In a test function: skip with a message when the reference stores are missing, fail in CI.
#define ES_REQUIRE_FIXTURES()                                                                      \
    do {                                                                                           \
        if (!QFileInfo::exists(es::test::fixture(QStringLiteral("README.md")))) {                  \
            const QByteArray why = "reference stores not found in " + es::test::fixturesDir().toUtf8() \
                + " (set ES_COMPAT_FIXTURES)";                                                     \
            if (es::test::inCI())                                                                  \
                QFAIL(why.constData());                                                            \
            QSKIP(why.constData());                                                                \
        }                                                                                          \
    } while (false)
