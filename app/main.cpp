// SupportLens: with a subcommand, a headless command-line tool (QCoreApplication, no display
// needed); without one, the window.

#include "cli.h"
#include "mainwindow.h"
#include "common/environmentpalette.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>

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
    if (sl::cli::isSubcommand(arguments) && sl::cli::needsGuiApplication(arguments)) {
        // `report` paints a PDF, and fonts need a QGuiApplication; it is still a headless
        // command, so it never asks for a display (a stale DISPLAY over ssh would fail it).
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        describeApplication();
        return sl::cli::run(arguments);
    }
    if (sl::cli::isSubcommand(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return sl::cli::run(arguments);
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("SupportLens"));
    sl::ui::applyEnvironmentPalette(); // SUPPORTLENS_PALETTE=dark: screenshots and tests only
    return sl::ui::runWindow(QApplication::arguments());
}
