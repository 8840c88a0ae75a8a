"""Standing quotas: each kecamatan's daily quota as today's panel shows it; a regency admin changes the
standing quota (from today, or from tomorrow when today's leases already hold more than the new one)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox

from desktop.domain.roles import RegencyPermission
from desktop.regency.panel import PanelFigures
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
        note = QLabel(self.tr("Kuota hari ini adalah kuota tetap, kecuali hari ini diberi kuota khusus (permintaan "
                              "kuota yang disetujui)."), self)
        note.setObjectName("standingQuotaNote")
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.model = FixedTable([self.tr("Kode"), self.tr("Kecamatan"), self.tr("Kuota hari ini"),
                                 self.tr("Dicetak hari ini")], self)
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

    def read(self) -> PanelFigures:
        return self.session.panel()

    def show_data(self, figures: PanelFigures) -> None:
        self.rows = figures.kecamatan
        self.model.set_rows([[row.code, row.name, whole(row.quota), whole(row.printed)] for row in self.rows])

    def change_selected(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        if not chosen or chosen[0].row() >= len(self.rows):
            self.ctx.messages.warning(self.tr("Pilih dulu kecamatannya di daftar."))
            return
        row = self.rows[chosen[0].row()]
        dialog = QuotaDialog(row.name or row.code, row.quota, self)
        session = self.session
        self.decide(dialog, "quota.standing",
                    lambda values: session.set_standing_quota(row.code, values[0], values[1], values[2]),
                    lambda result: self.tr("Kuota tetap kecamatan %1 sekarang %2 kartu sehari.")
                    .replace("%1", row.name or row.code).replace("%2", whole(result.get("daily_limit"))))
