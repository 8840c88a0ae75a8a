"""Starting the regency mode: `ktp-mandiri --regency URL [--ca-file F]`. No data folder, database or log
file is made (a regency desk keeps nothing); logging goes to the console. The address is checked before
Qt starts: plain HTTP to anything but this computer is refused with one sentence."""

from __future__ import annotations

import argparse
import logging
import sys

from desktop.regency.session import RegencySession


def run_regency(args: argparse.Namespace) -> int:
    session = RegencySession(args.regency, ca_file=args.ca_file)  # a refused address: UserFacingError
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.resources import resource_path
    from desktop.ui.application import install_translators, qt_message
    from desktop.ui.regency.window import RegencyWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("KTP-el Mandiri")
    app.setOrganizationName("Disdukcapil")
    app.setWindowIcon(QIcon(str(resource_path("icons", "ktp-mandiri.png"))))
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(qt_message)
    install_translators(app, args.lang or "id")
    window = RegencyWindow(session)
    window.showMaximized()
    if args.exit_when_ready:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: print("ktp-mandiri: panel kabupaten siap", flush=True) or app.exit(0))
    try:
        return app.exec()
    finally:
        window.shutdown()
