"""The regency's reports (issue 22): the server makes them (GET /v1/admin/reports/KIND, server/reports.py);
this page only chooses which (kind, day or month, kecamatan) and saves what the server sends, 0600."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton

from desktop.documents.document import DAILY, KIND_LABELS, KINDS, MONTHLY, STOCK_NOTICE
from desktop.documents.output import write_private
from desktop.errors import UserFacingError
from desktop.ui.operations import Op
from desktop.ui.pages.regency.common import LANE, RegencyContext, RegencyPage
from desktop.ui.text import error_text, tr_message

PER_KECAMATAN = (DAILY, MONTHLY, STOCK_NOTICE)  # the others cover the whole regency


def make_page(ctx: RegencyContext) -> RegencyReportsPage:
    return RegencyReportsPage(ctx)


def file_name(kind: str, day: date, kecamatan: str | None, as_csv: bool) -> str:
    """daily-36.74.06-2026-12-07.pdf, monthly-2026-11.csv: the server's own names for them."""
    when = day.strftime("%Y-%m") if kind == MONTHLY else day.isoformat()
    return f"{kind}{f'-{kecamatan}' if kecamatan else ''}-{when}{'.csv' if as_csv else '.pdf'}"


class RegencyReportsPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Laporan kabupaten"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("regencyReportKind")
        for kind in KINDS:
            self.kind.addItem(tr_message(KIND_LABELS[kind]), kind)
        today = QDate.currentDate()
        self.day = QDateEdit(today, self)
        self.day.setObjectName("regencyReportDay")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(today)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.kecamatan = QComboBox(self)
        self.kecamatan.setObjectName("regencyReportKecamatan")
        self.kecamatan.addItem(self.tr("Seluruh kabupaten"), None)
        self.path = QLineEdit(str(Path.home()), self)
        self.path.setObjectName("regencyReportPath")
        self.path.setPlaceholderText(self.tr("Berkas tujuan"))
        self.save_pdf = QPushButton(self.tr("Simpan PDF"), self)
        self.save_pdf.setObjectName("regencyReportSavePdf")
        self.save_csv = QPushButton(self.tr("Simpan CSV"), self)
        self.save_csv.setObjectName("regencyReportSaveCsv")
        self.status = QLabel(self)
        self.status.setObjectName("regencyReportStatus")
        self.status.setWordWrap(True)
        note = QLabel(self.tr("Server kabupaten membuat laporan dari data semua stasiun; laporan hari ini ditandai "
                              "SEMENTARA. Laporan harian dibuat untuk satu kecamatan."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Laporan"), self.kind)
        form.addRow(self.tr("Tanggal (rekap: bulannya)"), self.day)
        form.addRow(self.tr("Kecamatan"), self.kecamatan)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(self.save_pdf)
        target.addWidget(self.save_csv)
        self.body.addLayout(form)
        self.body.addWidget(note)
        self.body.addLayout(target)
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.kind.currentIndexChanged.connect(self.follow_choice)
        self.day.dateChanged.connect(self.follow_choice)
        self.kecamatan.currentIndexChanged.connect(self.follow_choice)
        self.save_pdf.clicked.connect(lambda: self.save(as_csv=False))
        self.save_csv.clicked.connect(lambda: self.save(as_csv=True))
        self.follow_choice()

    def focus_first(self) -> None:
        self.kind.setFocus()

    def read(self) -> list[tuple[str, str]]:
        """The regency's kecamatan (code, name) for the choice."""
        quotas, _default = self.session.standing_quotas()
        return [(q.code, q.name) for q in quotas]

    def show_data(self, kecamatan: list[tuple[str, str]]) -> None:
        chosen = self.kecamatan.currentData()
        self.kecamatan.blockSignals(True)
        self.kecamatan.clear()
        self.kecamatan.addItem(self.tr("Seluruh kabupaten"), None)
        for code, name in kecamatan:
            self.kecamatan.addItem(f"{name} ({code})", code)
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(chosen)))
        self.kecamatan.blockSignals(False)
        self.follow_choice()

    def choice(self) -> tuple[str, date, str | None]:
        kind = self.kind.currentData()
        day = self.day.date().toPython()
        kecamatan = self.kecamatan.currentData() if kind in PER_KECAMATAN else None
        return kind, day.replace(day=1) if kind == MONTHLY else day, kecamatan

    def follow_choice(self, *_args) -> None:
        """The kecamatan only where the report has one; the file's name follows the choice, its folder stays."""
        kind, day, kecamatan = self.choice()
        self.kecamatan.setEnabled(kind in PER_KECAMATAN)
        text = self.path.text().strip()
        folder = Path(text) if text and Path(text).is_dir() else Path(text).parent if text else Path.home()
        self.path.setText(str(folder / file_name(kind, day, kecamatan, False)))
        self.status.clear()

    def save(self, as_csv: bool) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Tuliskan berkas tujuan."))
            return
        path = Path(text).with_suffix(".csv" if as_csv else ".pdf")
        kind, day, kecamatan = self.choice()
        session = self.session

        def work() -> Path:
            write_private(path, session.report(kind, day, kecamatan, as_csv))
            return path

        self.status.setText(self.tr("Meminta laporan dari server kabupaten…"))
        Op("regency.report", LANE, work, ()).success(self._saved).failure(self._refused).run_in(self.ops, self)

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Laporan disimpan: %1").replace("%1", str(path)))

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            self.status.clear()
            self.ops.on_error(exc)
            return
        self.status.setText(error_text(exc))
