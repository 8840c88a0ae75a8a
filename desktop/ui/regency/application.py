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
    from desktop.ui.application import gui_application
    from desktop.ui.regency.window import RegencyWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    app = gui_application(args.lang)
    window = RegencyWindow(session)
    window.showMaximized()
    if args.exit_when_ready:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: print("ktp-mandiri: panel kabupaten siap", flush=True) or app.exit(0))
    try:
        return app.exec()
    finally:
        window.shutdown()
