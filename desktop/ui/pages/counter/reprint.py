"""The counter's "Minta cetak ulang": the citizen's card of today came back spoiled; a supervisor or admin
who is not the operator approves at this PC, the first card is booked spoiled with its cause, and the
next card of the NIK names the approval (desktop/services/approvals.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.errors import UserFacingError
from desktop.ui.approval_dialog import ReprintDialog
from desktop.ui.operations.approvals import approve_reprint
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.approvals import ReprintGranted
    from desktop.services.residents import Verification
    from desktop.services.session import CurrentUser
    from desktop.ui.operations import Operations


def ask_reprint(services: Services, ops: Operations, user: CurrentUser, verification: Verification,
                parent: QWidget, done: Callable[[], None]) -> None:
    """Open the dialog; on approval say so in the message bar and call `done` (the page checks again)."""
    resident = verification.resident
    if resident is None or verification.printed_today is None:
        return
    dialog = ReprintDialog(resident.name, verification.printed_today, parent)

    def submit(values: tuple[str, str, str]) -> None:
        cause, approver, password = values

        def approved(granted: ReprintGranted) -> None:
            dialog.accept()
            text = QCoreApplication.translate(
                "ReprintDialog", "Cetak ulang disetujui oleh %1. Blanko %2 dicatat rusak; kartu baru dapat dicetak.")
            ops.messages.info(text.replace("%1", granted.approval.approver.full_name)
                              .replace("%2", granted.returned_blanko))
            done()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                dialog.show_error(error_text(exc))
            else:
                dialog.reject()
                ops.on_error(exc)

        approve_reprint(services, user, resident.nik, cause, approver, password).success(approved).failure(
            refused).run_in(ops, parent)

    dialog.submitted.connect(submit)
    dialog.exec()
