// esctl — inspect event stores from the command line.
#include "es/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("esctl"));
    QCoreApplication::setApplicationVersion(es::engineVersion());
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Inspect event stores written by Python's eventsourcing or qt-eventsourcing."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    parser.showHelp(0);
}
