"""Asking a supervisor to accept a restored or rolled-back database (desktop/services/head_mark.py):
what is missing is shown; accepting is audited and lets printing go on (as `ktp-mandiri audit
accept-restore`); an enrolled station then fetches the cards after the restored point back from the
regency (when unreachable, `ktp-mandiri audit fetch-own` retries)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.operations import QueryOp
from desktop.ui.operations.restore import accept_restore, fetch_own_cards
from desktop.ui.text import tr_message

if TYPE_CHECKING:
    from desktop.ui.shell.context import PageContext


class RestoreQuestion(QMessageBox):
    """Window-modal, not waiting; "Terima" calls `on_accepted`. Enter and Escape do not accept."""

    def __init__(self, parent: QWidget, finding: str, on_accepted: Callable[[], None]) -> None:
        super().__init__(QMessageBox.Icon.Warning, "", "", parent=parent)
        self.setObjectName("restoreQuestion")
        self.setWindowTitle(self.tr("Database dipulihkan atau mundur"))
        self.setText(finding)
        self.setInformativeText(self.tr(
            "Kartu, blanko dan kuota sesudah titik itu tidak tercatat di database ini. Jawaban Anda dicatat di log "
            "audit; sesudah menerima, hitung sisa blanko fisik dan catat hitungannya: pencetakan berlanjut "
            "sesudah itu."))
        self.accept_button = self.addButton(self.tr("Terima database ini"), QMessageBox.ButtonRole.AcceptRole)
        later = self.addButton(self.tr("Nanti"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(later)
        self.setEscapeButton(later)
        self.buttonClicked.connect(lambda button: on_accepted() if button is self.accept_button else None)


def open_restore(ctx: PageContext) -> None:
    ask_restore(ctx, always=True)


def ask_restore(ctx: PageContext, always: bool) -> None:
    """Ask a supervisor to accept the database as it is when it is behind its head file; with `always`
    (the menu) say so when there is nothing to accept."""
    services, user = ctx.services, ctx.user
    if user is None:
        return

    def accepted() -> None:
        accept_restore(services, user).success(fetch).failure(ctx.ops.on_action_failed).run_in(ctx.ops)

    def fetch(_accepted) -> None:  # an enrolled station: the cards after the point, from the regency
        fetch_own_cards(services, user).success(fetched).failure(not_fetched).run_in(ctx.ops)

    def count() -> None:  # then the blanko at hand, before the first print
        from desktop.ui.pages.supervisor.blanko_count import ask_count

        ask_count(ctx, always=False)

    def not_fetched(exc: BaseException) -> None:
        ctx.ops.on_action_failed(exc)
        count()

    def fetched(said: list[str] | None) -> None:
        if said is None:
            count()
            return
        first, *skipped = said
        box = QMessageBox(QMessageBox.Icon.Information,
                          QCoreApplication.translate("RestoreQuestion", "Database dipulihkan atau mundur"),
                          "\n".join([tr_message(first), *skipped]), parent=ctx.parent)
        box.setObjectName("restoreFetched")
        box.finished.connect(count)
        box.open()

    def ask(finding) -> None:
        if ctx.current_user() is not user:
            return
        if finding is not None:
            RestoreQuestion(ctx.parent, tr_message(finding), accepted).open()
        elif always:
            box = QMessageBox(QMessageBox.Icon.Information,
                              QCoreApplication.translate("RestoreQuestion", "Database dipulihkan atau mundur"),
                              QCoreApplication.translate("RestoreQuestion", "Database stasiun tidak mundur dari "
                                                         "catatan terakhirnya; tidak ada yang perlu diterima."),
                              parent=ctx.parent)
            box.setObjectName("restoreNothing")
            box.open()

    def finding():
        problem = services.head_mark.rollback()
        return None if problem is None else problem.finding()

    QueryOp("db", finding).success(ask).run_in(ctx.ops)
