// SupportLens: with a subcommand, a headless command-line tool (QCoreApplication, no display
// needed); without one, the window.

#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SupportLens"));
    QCoreApplication::setApplicationName(QStringLiteral("supportlens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SUPPORTLENS_VERSION));
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = argumentsOf(argc, argv);
    if (sl::cli::isSubcommand(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return sl::cli::run(arguments);
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("SupportLens"));
    return sl::ui::runWindow(QApplication::arguments());
}
