// es-bench — measures the engine's workloads per backend and prints one JSON line per backend.
#include "es/version.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::fprintf(stderr, "es-bench %s: no workloads yet\n", qPrintable(es::engineVersion()));
    return 1;
}
