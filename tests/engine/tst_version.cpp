#include "es/version.h"

#include <QRegularExpression>
#include <QtTest>

class TestVersion : public QObject
{
    Q_OBJECT
private slots:
    void versionIsSemantic()
    {
        QVERIFY(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(es::engineVersion()).hasMatch());
        QCOMPARE(es::compatibleEventsourcingVersion(), QStringLiteral("9.1.6"));
    }
};

QTEST_GUILESS_MAIN(TestVersion)
#include "tst_version.moc"
