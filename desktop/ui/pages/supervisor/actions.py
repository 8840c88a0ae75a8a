"""The Supervisor menu's actions: change today's quota, record a blanko receipt.

Each dialog stays open while the service works: a refusal is shown in it with what was typed kept;
when the work is done the dialog closes and a message says what was done.

What changed is announced by the operations (desktop/ui/operations/quota.py, stock.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import UserFacingError
from desktop.ui.dialogs import QuotaDialog, ReceiveBlankoDialog, SubmitDialog
from desktop.ui.operations import Op, Operations, QueryOp
from desktop.ui.operations.quota import QuotaRequested, set_quota
from desktop.ui.operations.stock import confirm_range, receive_blanko
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.shell.context import PageContext


def open_quota(ctx: PageContext) -> None:
    if ctx.station is not None and ctx.user is not None:
        SupervisorActions(ctx.services, ctx.ops, ctx.parent).change_quota(ctx.station, ctx.user)


def open_blanko(ctx: PageContext) -> None:
    if ctx.station is not None and ctx.user is not None:
        SupervisorActions(ctx.services, ctx.ops, ctx.parent).receive_blanko(ctx.station, ctx.user)


class SupervisorActions(QObject):
    def __init__(self, services: Services, ops: Operations, window: QWidget) -> None:
        super().__init__(window)
        self.services, self.ops, self.fatal, self.window = services, ops, ops.on_error, window

    def change_quota(self, station: StationInfo, user: CurrentUser) -> None:
        services = self.services

        def load():
            return (services.quota.states(station.served), services.stock.summary(station.id).in_stock,
                    not services.leases.enrolled())

        QueryOp("db", load).success(lambda loaded: self._quota_dialog(user, *loaded)).run_in(self.ops)

    def _quota_dialog(self, user: CurrentUser, states, in_stock: int, four_eyes: bool) -> None:
        dialog = QuotaDialog(states, in_stock, self.window, four_eyes)
        dialog.setObjectName("quotaDialog")

        def save(values: tuple[str, int, str, tuple[str, str] | None]) -> None:
            code, limit, reason, approver = values
            before = dialog.states[code]
            self._submit(dialog, set_quota(self.services, user, code, limit, reason, approver),
                         lambda state: state.error if isinstance(state, QuotaRequested) else self.tr("Kuota %1 hari ini diubah dari %2 menjadi %3 kartu.")
                         .replace("%1", state.kecamatan_name).replace("%2", str(before.limit))
                         .replace("%3", str(state.limit)))

        dialog.submitted.connect(save)
        dialog.exec()

    def receive_blanko(self, station: StationInfo, user: CurrentUser) -> None:
        leases = self.services.leases
        QueryOp("db", lambda: leases.incoming_ranges() if leases.enrolled() else None).success(
            lambda incoming: self._receive(station, user, incoming)).run_in(self.ops)

    def _receive(self, station: StationInfo, user: CurrentUser, incoming) -> None:
        if incoming is not None:  # an enrolled station's blanko come from the regency, in ranges
            self._confirm_ranges(user, incoming)
            return
        dialog = ReceiveBlankoDialog(self.window)
        dialog.setObjectName("blankoDialog")

        def save(values: tuple[int, str, str, int | None, str, str]) -> None:
            quantity, batch, note, requested, box_first, box_last = values

            def said(done: tuple[str, int]) -> str:
                text = (self.tr("%1 dari %5 blanko yang diminta diterima (batch %2): %3. Stok sekarang %4 blanko.")
                        if requested else self.tr("%1 blanko diterima (batch %2): %3. Stok sekarang %4 blanko."))
                return (text.replace("%1", str(quantity)).replace("%2", batch.strip()).replace("%3", done[0])
                        .replace("%4", str(done[1])).replace("%5", str(requested)))

            self._submit(dialog, receive_blanko(self.services, user, station.id, quantity, batch, note, requested,
                                                box_first, box_last), said)

        dialog.submitted.connect(save)
        dialog.exec()

    def _confirm_ranges(self, user: CurrentUser, incoming) -> None:
        """The regency's boxes on their way here: the supervisor confirms each one that arrived."""
        if not incoming:
            self.ops.messages.info(self.tr(
                "Tidak ada kotak blanko dari kabupaten yang sedang dikirim ke stasiun ini. Blanko stasiun terdaftar "
                "datang dari kabupaten; stasiun memintanya sendiri saat stoknya menipis."))
            return
        for box in incoming:
            answer = QMessageBox.question(
                self.window, self.tr("Terima blanko"),
                self.tr("Kotak blanko %1 s.d. %2 (%3 lembar) dikirim kabupaten ke stasiun ini. Sudah tiba dan "
                        "isinya cocok?").replace("%1", box.first).replace("%2", box.last).replace("%3", str(box.count)))
            if answer == QMessageBox.StandardButton.Yes:
                confirm_range(self.services, user, box.id).failure(self.fatal_or_say).run_in(self.ops, self)

    def fatal_or_say(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.ops.messages.warning(error_text(exc))
        else:
            self.fatal(exc)

    def _submit(self, dialog: SubmitDialog, op: Op, done_text: Callable[[object], object]) -> None:
        def done(result: object) -> None:
            dialog.accept()
            text = done_text(result)
            self.ops.messages.info(error_text(text) if isinstance(text, UserFacingError) else text)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                dialog.show_error(error_text(exc))
            else:
                dialog.reject()
                self.fatal(exc)

        op.success(done).failure(failed).run_in(self.ops, self)
