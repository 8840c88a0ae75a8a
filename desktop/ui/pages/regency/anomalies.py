"""Anomalies the server found in the stations' data, and the stations it suspended for them. Lifting a
suspension is a regency admin's (with the password again); a regency supervisor sees both lists."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.domain.roles import RegencyPermission
from desktop.ui.dialogs import row_table
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.regency.common import DecisionDialog, RegencyContext, RegencyPage


def make_page(ctx: RegencyContext) -> AnomaliesPage:
    return AnomaliesPage(ctx)


def _when(value: object) -> str:
    return str(value or "")[:16].replace("T", " ")


class AnomaliesPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Anomali dan penangguhan"))
        self.suspended: list[dict] = []
        suspended_box = QGroupBox(self.tr("Stasiun ditangguhkan"), self)
        box = QVBoxLayout(suspended_box)
        self.suspended_model = FixedTable([self.tr("Stasiun"), self.tr("Sejak"), self.tr("Sebab")], self)
        self.suspended_view = row_table(self.suspended_model, "suspendedTable", suspended_box)
        self.suspended_view.setTabKeyNavigation(False)
        box.addWidget(self.suspended_view)
        self.resume = QPushButton(self.tr("Cabut penangguhan…"), suspended_box)
        self.resume.setObjectName("resumeStation")
        self.resume.setVisible(ctx.may(RegencyPermission.CLEAR_SUSPENSION))  # a regency admin's action only
        row = QHBoxLayout()
        row.addWidget(self.resume)
        row.addStretch(1)
        box.addLayout(row)
        self.body.addWidget(suspended_box, 1)
        anomalies_box = QGroupBox(self.tr("Anomali terbaru"), self)
        self.anomalies = FixedTable([self.tr("Dicatat"), self.tr("Stasiun"), self.tr("Aturan"), self.tr("Kecamatan"),
                                     self.tr("Blanko"), self.tr("Rincian")], self)
        self.anomalies_view = row_table(self.anomalies, "anomalyTable", anomalies_box)
        self.anomalies_view.setTabKeyNavigation(False)
        QVBoxLayout(anomalies_box).addWidget(self.anomalies_view)
        self.body.addWidget(anomalies_box, 2)
        self.resume.clicked.connect(self.resume_selected)

    def focus_first(self) -> None:
        self.suspended_view.setFocus()

    def read(self) -> dict:
        return self.session.anomalies()

    def show_data(self, data: dict) -> None:
        self.suspended = data["suspended"]
        self.suspended_model.set_rows([[f"{s.get('name', '')} ({s.get('station', '')})", _when(s.get("since")),
                                        str(s.get("why") or "")[:400]] for s in self.suspended])
        self.anomalies.set_rows([[_when(a.get("recorded_at")), str(a.get("station_name") or a.get("station") or ""),
                                  str(a.get("rule") or ""), str(a.get("kecamatan") or ""),
                                  str(a.get("blanko_serial") or ""), str(a.get("detail") or "")[:200]]
                                 for a in data["anomalies"]])

    def resume_selected(self) -> None:
        rows = self.suspended_view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.suspended):
            self.ctx.messages.warning(self.tr("Pilih dulu stasiun yang ditangguhkan di daftar."))
            return
        station = self.suspended[rows[0].row()]
        code = str(station.get("station"))
        dialog = DecisionDialog(self.tr("Cabut penangguhan"), self.tr(
            "Stasiun %1 boleh mencetak lagi. Pastikan sebab penangguhannya sudah diperiksa: %2")
            .replace("%1", code).replace("%2", str(station.get("why") or "")[:200]), self, "resumeDialog")
        dialog.finish_form()
        session = self.session
        self.decide(dialog, "station.resume", lambda v: session.resume_station(code, v[-1]),
                    lambda _r: self.tr("Penangguhan stasiun %1 dicabut.").replace("%1", code))
