"""PyInstaller runtime hook: check, in the frozen app, the Qt modules carried for later use.

    CAREERPLANNER_SMOKE_IMPORTS=1 careerplanner

imports QtPrintSupport (printing, print preview) and QtDBus (desktop notifications on
Linux) inside the bundle, uses each once (a page printed to PDF, a print preview widget, the
system's printer list through the print support plugin, a D-Bus message), prints one line
``SMOKE IMPORTS OK ...`` and exits 0 before the app starts; any failure or Qt warning about a
plugin prints ``SMOKE IMPORTS FAILED ...`` and exits 1. Without the variable it does
nothing. packaging/check-linux.sh and the release workflow run it; build.spec lists it.
"""


def _smoke_imports() -> None:
    import os
    import sys

    if os.environ.get("CAREERPLANNER_SMOKE_IMPORTS") != "1":
        return
    # Custom runtime hooks run before PyInstaller's PySide6 hook: set the plugin path the
    # way it does (PySide6/Qt/plugins, or PySide6/plugins on Windows).
    qt_dir = ("PySide6",) if sys.platform.startswith("win") else ("PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, *qt_dir, "plugins")
    problems: list[str] = []
    report: list[str] = []
    try:
        import tempfile

        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QApplication

        def handler(mode: QtMsgType, _context: object, message: str) -> None:
            lowered = message.lower()
            if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or (
                "plugin" in lowered or "cannot load" in lowered or "could not" in lowered
            ):
                problems.append(message)

        qInstallMessageHandler(handler)
        app = QApplication.instance() or QApplication([sys.argv[0]])

        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewWidget

        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, "page.pdf")
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(pdf)
            painter = QPainter()
            if not painter.begin(printer):
                raise RuntimeError("QPainter could not begin on a PDF QPrinter")
            painter.drawText(100, 100, "Career Planner")
            painter.end()
            with open(pdf, "rb") as f:
                if f.read(5) != b"%PDF-":
                    raise RuntimeError("QPrinter wrote no PDF")
        preview_printer = QPrinter()
        preview = QPrintPreviewWidget(preview_printer)
        preview.updatePreview()
        del preview
        printers = QPrinterInfo.availablePrinterNames()
        report.append(f"PySide6.QtPrintSupport ({len(printers)} printers)")

        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        message = QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "GetCapabilities",
        )
        if message.type() != QDBusMessage.MessageType.MethodCallMessage:
            raise RuntimeError("QDBusMessage.createMethodCall made no method call")
        bus = QDBusConnection.sessionBus().isConnected()
        report.append(f"PySide6.QtDBus (session bus {'connected' if bus else 'absent'})")
        app.processEvents()
        qInstallMessageHandler(None)
    except Exception as exc:  # any failure is the answer this hook exists to give
        print(f"SMOKE IMPORTS FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    if problems:
        for problem in problems:
            print(f"Qt: {problem}", file=sys.stderr)
        print("SMOKE IMPORTS FAILED: Qt reported problems", file=sys.stderr)
        sys.exit(1)
    print("SMOKE IMPORTS OK: " + ", ".join(report), flush=True)
    sys.exit(0)


_smoke_imports()
del _smoke_imports
