"""The regency link in the GUI: the enrolment dialog and the background sync controller."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import UserFacingError
from desktop.ui.tasks import TaskRunner
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.services.container import Services

log = logging.getLogger("ktp.ui.sync")

SYNC_INTERVAL_MS = 60_000


class EnrolDialog(QDialog):
    """Server address, the one-time code from the regency admin, and (optionally) the certificate to trust."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Daftarkan ke server kabupaten"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Masukkan alamat server kabupaten dan kode pendaftaran sekali pakai dari admin "
                               "kabupaten. Setelah terdaftar, pengguna, penduduk dan kuota datang dari server."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setObjectName("enrolUrl")
        self.url.setPlaceholderText(self.tr("https://ktp.kabupaten.go.id"))
        self.code = QLineEdit(self)
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX"))
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("enrolCaFile")
        self.ca_file.setPlaceholderText(self.tr("kosongkan bila sertifikat server dipercaya sistem"))
        form.addRow(self.tr("Alamat server"), self.url)
        form.addRow(self.tr("Kode pendaftaran"), self.code)
        form.addRow(self.tr("Berkas sertifikat (PEM)"), self.ca_file)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str | None]:
        return self.url.text().strip(), self.code.text().strip(), self.ca_file.text().strip() or None


class SyncController(QObject):
    """Runs a round on the `sync` lane on a timer and on demand; reports the header's status.

    Signals: status_changed(SyncStatus), round_failed(str) for errors other than being offline.
    """

    status_changed = Signal(object)
    round_failed = Signal(str)

    def __init__(self, services: Services, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.timer.start()
        self.refresh()
        self.sync_now()

    def stop(self) -> None:
        self.timer.stop()

    def sync_now(self) -> None:
        sync = self.services.sync
        if self.running:
            return
        self.running = True

        def one_round():
            if not sync.enrolled():
                return None
            return sync.round()

        self.runner.run("sync", one_round, self._done, self._failed)

    def renew_if_low(self, served: tuple[str, ...]) -> None:
        """After a card: at the low-water mark, a round asks for more rights in the background."""
        leases = self.services.leases
        self.runner.run("db", lambda: leases.wants_renewal(served), lambda low: low and self.sync_now())

    def refresh(self) -> None:
        self.runner.run("db", self.services.sync.status, self.status_changed.emit)

    def _done(self, _report) -> None:
        self.running = False
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.refresh()
        if isinstance(exc, UserFacingError):
            if exc.code != "offline":
                self.round_failed.emit(error_text(exc))
        else:
            log.error("sync round failed: %r\n%s", exc, getattr(exc, "__ktp_traceback__", ""))

