"""The reports' letterhead, logo, nomor surat pattern and signatories (Supervisor > Kop dan penanda tangan
laporan…, admins only): read and saved on the database lane; a refusal is shown in the window with what was
typed kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.reports.settings import MAX_SIGNERS, ReportSettings, Signer, logo_from_file
from desktop.ui.dialogs import open_kept
from desktop.ui.fit import fit_placeholder, resize_within_window
from desktop.ui.operations import SETTINGS, Op, QueryOp
from desktop.ui.text import error_text

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import PageContext

_KEEP = object()  # the logo is left as it is


def open_report_settings(ctx: PageContext) -> None:
    if ctx.user is None:
        return
    # Each opening reads the stored settings again.
    user = ctx.user
    open_kept(ctx.parent, ReportSettingsWindow, "reportSettingsWindow", user.id,
              lambda: ReportSettingsWindow(ctx.services, ctx.ops, user, ctx.parent), ReportSettingsWindow.load)


class ReportSettingsWindow(QDialog):
    def __init__(self, services: Services, ops: Operations, user: CurrentUser, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("reportSettingsWindow")
        self.setWindowTitle(self.tr("Kop dan penanda tangan laporan"))
        self.services, self.ops, self.user = services, ops, user
        self.logo: object = _KEEP  # a new file's path, None to remove it, or _KEEP
        self.fields = {}
        form = QFormLayout()
        for key, label in (("regency", self.tr("Pemerintah")), ("dinas", self.tr("Dinas")),
                           ("office", self.tr("Kantor")), ("address", self.tr("Alamat")),
                           ("number_pattern", self.tr("Pola nomor surat"))):
            edit = QLineEdit(self)
            edit.setObjectName(f"report_{key}")
            self.fields[key] = edit
            form.addRow(label, edit)
        for key in ("regency", "dinas", "office"):
            self.fields[key].setPlaceholderText(self.tr("kosong: diisi dari wilayah stasiun"))
        self.fields["number_pattern"].setToolTip(self.tr("{jenis} laporan, {kode} kecamatan, {tanggal} YYYYMMDD, "
                                                         "{bulan_romawi}, {tahun}"))
        self.logo_state = QLabel(self)
        self.logo_state.setObjectName("reportLogoState")
        self.logo_state.setMinimumWidth(  # room for its longest word: the row's field takes the rest
            self.logo_state.fontMetrics().horizontalAdvance(self.tr("tidak ada (dihapus saat disimpan)")) + 8)
        self.logo_path = QLineEdit(self)
        self.logo_path.setObjectName("reportLogoPath")
        self.logo_path.setPlaceholderText(self.tr("berkas PNG atau JPEG yang baru (kosong: tetap)"))
        fit_placeholder(self.logo_path)
        remove = QPushButton(self.tr("Hapus logo"), self)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_state)
        logo_row.addWidget(self.logo_path, 1)
        logo_row.addWidget(remove)
        form.addRow(self.tr("Logo"), logo_row)
        grid = QGridLayout()
        for column, text in enumerate((self.tr("Jabatan"), self.tr("Nama"), self.tr("NIP"))):
            grid.addWidget(QLabel(text, self), 0, column)
        self.signers: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        for row in range(MAX_SIGNERS):
            edits = tuple(QLineEdit(self) for _ in range(3))
            for column, (edit, key) in enumerate(zip(edits, ("title", "name", "nip"), strict=True)):
                edit.setObjectName(f"signer{row + 1}_{key}")
                grid.addWidget(edit, row + 1, column)
            self.signers.append(edits)
        self.error = QLabel(self)
        self.error.setObjectName("reportSettingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020")
        save = QPushButton(self.tr("Simpan"), self)
        save.setObjectName("reportSettingsSave")
        save.setDefault(True)
        cancel = QPushButton(self.tr("Batal"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Penanda tangan (urutan di kertas; yang kosong dilewati)"), self))
        layout.addLayout(grid)
        layout.addLayout(buttons)
        resize_within_window(self, 760, 420)
        self.logo_path.textEdited.connect(self._logo_typed)
        remove.clicked.connect(self._remove_logo)
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.load()

    def load(self) -> None:
        """Read the stored settings into the fields (a logo chosen and not saved is forgotten)."""
        self.logo = _KEEP
        self.logo_path.clear()
        self.error.clear()
        QueryOp("db", self.services.report_settings.read).success(self._loaded).failure(self._failed).run_in(self.ops)

    def _loaded(self, current: ReportSettings) -> None:
        for key, edit in self.fields.items():
            edit.setText(getattr(current, key))
        for edits in self.signers:
            for edit in edits:
                edit.clear()
        for edits, signer in zip(self.signers, current.signers, strict=False):
            for edit, value in zip(edits, (signer.title, signer.name, signer.nip), strict=True):
                edit.setText(value)
        self.logo_state.setText(self.tr("ada") if current.logo_png else self.tr("tidak ada"))

    def set_logo_file(self, path: Path) -> None:
        """A new logo, read when the settings are saved (typed: Qt's file dialog is not in our catalogue)."""
        self.logo = path
        if self.logo_path.text() != str(path):
            self.logo_path.setText(str(path))

    def _logo_typed(self, text: str) -> None:
        self.logo = Path(text.strip()) if text.strip() else _KEEP

    def _remove_logo(self) -> None:
        self.logo = None
        self.logo_path.clear()
        self.logo_state.setText(self.tr("tidak ada (dihapus saat disimpan)"))

    def changes(self) -> dict[str, object]:
        changes: dict[str, object] = {key: edit.text() for key, edit in self.fields.items()}
        changes["signers"] = tuple(Signer(*(e.text() for e in edits)) for edits in self.signers
                                   if any(e.text().strip() for e in edits))
        return changes

    def save(self) -> None:
        changes, logo, settings, user = self.changes(), self.logo, self.services.report_settings, self.user

        def work() -> ReportSettings:
            if logo is not _KEEP:
                changes["logo_png"] = None if logo is None else logo_from_file(logo)
            return settings.update(user, **changes)

        Op("report.settings", "db", work, {SETTINGS}).success(lambda _saved: self.accept()).failure(
            self._failed).run_in(self.ops, self)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
