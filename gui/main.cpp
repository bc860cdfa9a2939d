// es-inspector — the Event Store Inspector.
#include "es/version.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Event Store Inspector"));
    QApplication::setApplicationVersion(es::engineVersion());
    const QStringList args = QApplication::arguments();
    const QString store = args.size() > 1 ? args.at(1) : QObject::tr("(no store)");
    QMainWindow window;
    auto *label = new QLabel(QObject::tr("Opened store: %1").arg(store), &window);
    label->setAlignment(Qt::AlignCenter);
    window.setCentralWidget(label);
    window.resize(900, 600);
    window.show();
    return QApplication::exec();
}
