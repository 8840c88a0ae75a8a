"""The reports' archive (Supervisor > Arsip laporan…, window-modal): every report saved or printed at this station,
from this window, the reports window or the command line, newest first (desktop/services/reports/archive.py). The
chosen row's kept copy is shown page by page (checked against its audit entry's hash first), printed again on an
office printer or saved again as a copy (0600, an audit entry). Read again each time it is opened.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import Permission
from desktop.services.reports import KIND_LABELS
from desktop.services.reports.archive import PRINTED, ArchivedReport, ReportCopy
from desktop.ui.dialogs import open_kept, row_table
from desktop.ui.fit import resize_within_window
from desktop.ui.operations import Op, QueryOp
from desktop.ui.pages.reports.pdf_view import PdfPagesView
from desktop.ui.pages.reports.printing import ReportPrinter
from desktop.ui.pages.reports.target import follow_name, typed_target
from desktop.ui.tables import RowsModel
from desktop.ui.text import error_text, tr_message

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser
    from desktop.services.station import StationInfo
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import PageContext

Index = QModelIndex | QPersistentModelIndex


def open_report_archive(ctx: PageContext) -> None:
    if ctx.station is None or ctx.user is None or not ctx.user.can(Permission.MAKE_REPORTS):
        return
    station, user = ctx.station, ctx.user
    open_kept(ctx.parent, ReportArchiveWindow, "reportArchiveWindow", user.id,
              lambda: ReportArchiveWindow(ctx.services, ctx.ops, station, user, ctx.parent), ReportArchiveWindow.reload)


class ArchiveModel(RowsModel):
    def __init__(self, zone, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.names = names  # kecamatan code -> name
        self.rows: list[ArchivedReport] = []
        self.headers = [self.tr("Waktu"), self.tr("Laporan"), self.tr("Periode"), self.tr("Kecamatan"),
                        self.tr("Status"), self.tr("Oleh"), self.tr("Nomor"), self.tr("Ke")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            local = row.at.replace(tzinfo=UTC).astimezone(self.zone)
            return QLocale().toString(local.replace(tzinfo=None), "dd-MM-yyyy HH:mm")
        if column == 1:
            label = tr_message(KIND_LABELS[row.kind]) if row.kind in KIND_LABELS else row.kind
            return label + (" (CSV)" if row.format == "csv" else "")
        if column == 2:
            return row.period
        if column == 3:
            return self.names.get(row.kecamatan, row.kecamatan) if row.kecamatan else self.tr("semua")
        if column == 4:
            return self.tr("SEMENTARA") if row.provisional else self.tr("final")
        if column == 5:
            return row.username or ""
        if column == 6:
            return row.number
        if row.action == PRINTED:
            return self.tr("printer %1").replace("%1", row.printer or "?")
        return row.file or self.tr("berkas (tidak dicatat)")


class ReportArchiveWindow(QDialog):
    """The archive's list beside the chosen report's pages."""

    def __init__(self, services: Services, ops: Operations, station: StationInfo, user: CurrentUser,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("reportArchiveWindow")
        self.setWindowTitle(self.tr("Arsip laporan"))
        self.services, self.ops, self.station, self.user = services, ops, station, user
        self.shown: ReportCopy | None = None
        names = {code: (services.regions.name(code) or code).title() for code in station.served}
        self.model = ArchiveModel(services.clock.zone, names, self)
        self.table = row_table(self.model, "reportArchiveTable", self)
        self.table.setAccessibleName(self.tr("Laporan yang pernah dibuat"))
        self.preview = PdfPagesView(ops, self)
        self.preview.setObjectName("reportArchivePreview")
        self.preview.placeholder = self.tr("Pilih laporan di daftar untuk melihat halamannya.")
        self.preview.clear()
        self.printer = ReportPrinter(services, ops, station, user, self)
        self.path = QLineEdit(self)
        self.path.setObjectName("reportArchivePath")
        self.path.setPlaceholderText(self.tr("Berkas tujuan salinan"))
        self.save_copy = QPushButton(self.tr("Simpan salinan"), self)
        self.save_copy.setObjectName("reportArchiveSave")
        self.print_button = QPushButton(self.tr("Cetak…"), self)
        self.print_button.setObjectName("reportArchivePrint")
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.setToolTip(self.tr("Cetak di printer kantor (Ctrl+P)"))
        self.status = QLabel(self)
        self.status.setObjectName("reportArchiveStatus")
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Tutup"), self)
        # The list above the pages: its columns need the width, the pages fit whatever width they get.
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(self.save_copy)
        target.addWidget(self.print_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(target)
        layout.addLayout(bottom)
        resize_within_window(self, 1100, 680)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.save_copy.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        self.printer.printed.connect(self._printed)
        close.clicked.connect(self.close)
        self.reload()

    def reload(self) -> None:
        self._show(None)
        reports, user = self.services.reports, self.user
        QueryOp("db", lambda: reports.archived(user)).success(self._loaded).failure(self._failed).run_in(self.ops)

    def _loaded(self, rows: list[ArchivedReport]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.status.setText(self.tr("Belum ada laporan yang disimpan atau dicetak di stasiun ini."))

    def current(self) -> ArchivedReport | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _chosen(self, *_args) -> None:
        entry = self.current()
        self._show(None)
        self.status.clear()
        if entry is None:
            return
        name = f"{entry.kind}-{entry.number.replace('/', '-')}.{'csv' if entry.format == 'csv' else 'pdf'}"
        follow_name(self.path, name)
        reports, user = self.services.reports, self.user
        QueryOp("db", lambda: reports.archived_copy(user, entry)).success(
            lambda copy: self._copy_read(entry, copy)).failure(self._failed).run_in(self.ops)

    def _copy_read(self, entry: ArchivedReport, copy: ReportCopy) -> None:
        if entry is not self.current():
            return  # another row was chosen meanwhile
        self._show(copy)
        if copy.format == "csv":
            self.status.setText(self.tr("Laporan CSV: tidak ada halaman untuk dilihat atau dicetak; simpan salinannya "
                                        "untuk spreadsheet."))
        else:
            self.preview.show_pdf(copy.data)

    def _show(self, copy: ReportCopy | None) -> None:
        self.shown = copy
        self.preview.clear()
        self.save_copy.setEnabled(copy is not None)
        self.print_button.setEnabled(copy is not None and copy.format == "pdf")

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))

    def print_report(self) -> None:
        if self.shown is not None and self.shown.format == "pdf":
            self.printer.ask(self.shown)

    def _printed(self, text: str) -> None:
        self.status.setText(text)
        self._reload_keeping(text)

    def save(self) -> None:
        copy = self.shown
        path = typed_target(self.path, copy.format == "csv") if copy is not None else None
        if copy is None or path is None:
            return
        reports, user = self.services.reports, self.user
        Op("report.save", "db", lambda: reports.save(user, copy, path), ()).success(
            lambda saved: self._reload_keeping(self.tr("Salinan disimpan: %1").replace("%1", str(saved)))).failure(
            self._failed).run_in(self.ops, self)

    def _reload_keeping(self, text: str) -> None:
        """Read the list again (the save or print is its newest row), then say what was done."""
        reports, user = self.services.reports, self.user

        def loaded(rows: list[ArchivedReport]) -> None:
            self._loaded(rows)
            self.status.setText(text)

        QueryOp("db", lambda: reports.archived(user)).success(loaded).failure(self._failed).run_in(self.ops)
