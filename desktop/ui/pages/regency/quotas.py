"""Standing quotas: each kecamatan's standing daily quota and its day quotas from today on, as the
server lists them (`GET /v1/admin/quotas`); a regency admin changes the standing quota (from today, or from tomorrow when today's leases already hold more than the new one)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox

from desktop.domain.roles import RegencyPermission
from desktop.regency.panel import StandingQuota
from desktop.ui.dialogs import row_table
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.regency.common import DecisionDialog, RegencyContext, RegencyPage, whole

QUOTA_MAX = 5000  # the server's own bound (server/app.py QuotaSet)


def make_page(ctx: RegencyContext) -> StandingQuotasPage:
    return StandingQuotasPage(ctx)


class QuotaDialog(DecisionDialog):
    def __init__(self, name: str, current: int, parent=None) -> None:
        super().__init__(self.tr("Ubah kuota tetap"), self.tr("Kuota harian tetap kecamatan %1 (sekarang %2 kartu "
                                                                "sehari).").replace("%1", name).replace("%2", whole(current)),
                         parent, "standingQuotaDialog")
        self.limit = QSpinBox(self)
        self.limit.setObjectName("standingQuotaLimit")
        self.limit.setRange(0, QUOTA_MAX)
        self.limit.setValue(current)
        self.from_tomorrow = QCheckBox(self.tr("berlaku mulai besok"), self)
        self.from_tomorrow.setObjectName("standingQuotaTomorrow")
        self.form.addRow(self.tr("Kuota harian"), self.limit)
        self.form.addRow("", self.from_tomorrow)
        self.finish_form()

    def fields(self) -> tuple:
        return self.limit.value(), self.from_tomorrow.isChecked()


class StandingQuotasPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Kuota tetap per kecamatan"))
        self.rows = []
        note = QLabel(self.tr("Kuota tetap berlaku setiap hari, kecuali hari yang diberi kuota khusus (permintaan "
                              "kuota yang disetujui, atau kuota lama yang tetap berlaku hari ini)."), self)
        note.setObjectName("standingQuotaNote")
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.model = FixedTable([self.tr("Kode"), self.tr("Kecamatan"), self.tr("Kuota tetap"),
                                 self.tr("Kuota khusus mulai hari ini")], self)
        self.view = row_table(self.model, "standingQuotaTable", self)
        self.view.setTabKeyNavigation(False)
        self.body.addWidget(self.view, 1)
        self.change = QPushButton(self.tr("Ubah kuota tetap…"), self)
        self.change.setObjectName("changeStandingQuota")
        self.change.setVisible(ctx.may(RegencyPermission.SET_QUOTA))  # a regency admin's action only
        self.button_row(self.change)
        self.change.clicked.connect(self.change_selected)

    def focus_first(self) -> None:
        self.view.setFocus()

    def read(self) -> tuple[list[StandingQuota], int]:
        return self.session.standing_quotas()

    def show_data(self, data: tuple[list[StandingQuota], int]) -> None:
        self.rows, unreadable = data
        self.model.set_rows([[row.code, row.name, whole(row.standing), self._days(row)] for row in self.rows])
        if unreadable:
            self.problem.setText(self.tr("%1 baris dari server tidak dapat dibaca dan tidak ditampilkan.")
                                 .replace("%1", whole(unreadable)))
            self.problem.show()

    def _days(self, row: StandingQuota) -> str:
        """The day quotas, e.g. "2026-12-07: 150 (permintaan disetujui)"; "tidak ada" when none."""
        if not row.days:
            return self.tr("tidak ada")
        return "; ".join(f"{day}: {whole(limit)}" + (f" ({reason})" if reason else "") for day, limit, reason in row.days)

    def change_selected(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        if not chosen or chosen[0].row() >= len(self.rows):
            self.ctx.messages.warning(self.tr("Pilih dulu kecamatannya di daftar."))
            return
        row = self.rows[chosen[0].row()]
        dialog = QuotaDialog(row.name or row.code, row.standing, self)
        session = self.session
        self.decide(dialog, "quota.standing",
                    lambda values: session.set_standing_quota(row.code, values[0], values[1], values[2]),
                    lambda result: self.tr("Kuota tetap kecamatan %1 sekarang %2 kartu sehari.")
                    .replace("%1", row.name or row.code).replace("%2", whole(result.get("daily_limit"))))
