"""After an accepted restore, a supervisor counts the blanko at hand before the first print
(desktop/services/restore_count.py): the dialog shows the stock the database holds, the supervisor
writes the serials physically there (as `ktp-mandiri blanko count`); those not written are booked
missing in the ledger. Opened after the accept, at a supervisor's log-in while due, and from the menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QWidget

from desktop.errors import UserFacingError
from desktop.ui.dialogs import SubmitDialog
from desktop.ui.operations import QueryOp
from desktop.ui.operations.restore import blanko_count_state, record_blanko_count
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext


class BlankoCountDialog(SubmitDialog):
    """The serials at hand, pre-filled with the stock the database holds. `values()` -> (text,)."""

    def __init__(self, stock: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hitung sisa blanko sesudah pemulihan"), parent)
        self.setObjectName("blankoCountDialog")
        intro = QLabel(self.tr(
            "Database stasiun dipulihkan: blanko yang terpakai sesudah titik pemulihan masih tercatat di stok. "
            "Hitung blanko fisik yang ada dan biarkan di bawah hanya nomor seri yang ada (rentang ditulis "
            "SERI_PERTAMA..SERI_TERAKHIR). Blanko di stok yang tidak tertulis dicatat rusak dengan alasan "
            "'hilang sesudah pemulihan'. Pencetakan berlanjut sesudah hitungan dicatat."), self)
        intro.setWordWrap(True)
        intro.setObjectName("blankoCountIntro")
        self.layout().insertWidget(0, intro)
        recorded = QLabel(stock or self.tr("tidak ada"), self)
        recorded.setObjectName("blankoCountStock")
        recorded.setWordWrap(True)
        self.present = QPlainTextEdit(stock, self)
        self.present.setObjectName("blankoCountPresent")
        self.present.setTabChangesFocus(True)
        self.form.addRow(self.tr("Tercatat di stok (%1 blanko)").replace("%1", str(count)), recorded)
        self.form.addRow(self.tr("Ada secara fisik"), self.present)
        self.finish_form()

    def values(self) -> tuple[str]:
        return (self.present.toPlainText(),)


def open_count(ctx: PageContext) -> None:
    ask_count(ctx, always=True)


def ask_count(ctx: PageContext, always: bool) -> None:
    """The count dialog when a count is due; with `always` (the menu) say so when none is."""
    services, user = ctx.services, ctx.user
    if user is None:
        return

    def show(state) -> None:
        due, stock, count = state
        if ctx.current_user() is not user:
            return
        if not due:
            if always:
                box = QMessageBox(QMessageBox.Icon.Information,
                                  QCoreApplication.translate("BlankoCountDialog", "Hitung sisa blanko sesudah pemulihan"),
                                  QCoreApplication.translate("BlankoCountDialog", "Tidak ada pemulihan database yang "
                                                             "menunggu hitungan blanko."), parent=ctx.parent)
                box.setObjectName("blankoCountNothing")
                box.open()
            return
        dialog = BlankoCountDialog(stock, count, ctx.parent)

        def save(values: tuple[str]) -> None:
            def done(said) -> None:
                dialog.accept()
                ctx.ops.messages.info(tr_message(said))

            def failed(exc: BaseException) -> None:
                if isinstance(exc, UserFacingError):
                    dialog.show_error(error_text(exc))
                else:
                    dialog.reject()
                    ctx.ops.on_error(exc)

            record_blanko_count(services, user, values[0]).success(done).failure(failed).run_in(ctx.ops)

        dialog.submitted.connect(save)
        dialog.open()

    QueryOp("db", lambda: blanko_count_state(services)).success(show).run_in(ctx.ops)
