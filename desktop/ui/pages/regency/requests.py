"""Quota requests waiting at the regency: a station asked for more than its kecamatan's quota for a day;
a regency supervisor or admin approves or denies it, with their password again."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from desktop.ui.dialogs import row_table
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.regency.common import DecisionDialog, RegencyContext, RegencyPage, whole


def make_page(ctx: RegencyContext) -> QuotaRequestsPage:
    return QuotaRequestsPage(ctx)


class QuotaRequestsPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Permintaan kuota yang menunggu"))
        self.requests: list[dict] = []
        self.model = FixedTable([self.tr("Stasiun"), self.tr("Kecamatan"), self.tr("Tanggal"),
                                 self.tr("Kuota diminta"), self.tr("Alasan"), self.tr("Diminta oleh")], self)
        self.view = row_table(self.model, "quotaRequestTable", self)
        self.view.setTabKeyNavigation(False)
        self.body.addWidget(self.view, 1)
        self.approve = QPushButton(self.tr("Setujui…"), self)
        self.approve.setObjectName("approveRequest")
        self.deny = QPushButton(self.tr("Tolak…"), self)
        self.deny.setObjectName("denyRequest")
        self.button_row(self.approve, self.deny)
        self.approve.clicked.connect(lambda: self.decide_selected(True))
        self.deny.clicked.connect(lambda: self.decide_selected(False))
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self._selection_changed()

    def focus_first(self) -> None:
        self.view.setFocus()

    def read(self) -> list[dict]:
        return self.session.quota_requests()

    def show_data(self, requests: list[dict]) -> None:
        chosen = self.selected()
        self.requests = requests
        self.model.set_rows([[str(r.get("station", "")), str(r.get("kecamatan_code", "")), str(r.get("day", "")),
                              whole(r.get("daily_limit")) if isinstance(r.get("daily_limit"), int) else "—",
                              str(r.get("reason", ""))[:200], str(r.get("username") or "—")] for r in requests])
        ids = [r.get("id") for r in requests]
        if chosen is not None and chosen.get("id") in ids:
            self.view.selectRow(ids.index(chosen.get("id")))
        self._selection_changed()

    def selected(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.requests[rows[0].row()] if rows and rows[0].row() < len(self.requests) else None

    def _selection_changed(self) -> None:
        for button in (self.approve, self.deny):
            button.setEnabled(self.selected() is not None)

    def decide_selected(self, approve: bool) -> None:
        request = self.selected()
        if request is None:
            return
        what = (self.tr("Setujui kuota %1 untuk kecamatan %2 pada %3 (diminta stasiun %4: %5)?") if approve else
                self.tr("Tolak kuota %1 untuk kecamatan %2 pada %3 (diminta stasiun %4: %5)?"))
        text = (what.replace("%1", whole(request.get("daily_limit"))).replace("%2", str(request.get("kecamatan_code")))
                .replace("%3", str(request.get("day"))).replace("%4", str(request.get("station")))
                .replace("%5", str(request.get("reason", ""))[:200]))
        dialog = DecisionDialog(self.tr("Setujui permintaan kuota") if approve else self.tr("Tolak permintaan kuota"),
                                text, self, "quotaDecisionDialog")
        dialog.finish_form()
        session, ident = self.session, str(request.get("id"))
        done = self.tr("Permintaan kuota kecamatan %1 disetujui.") if approve else \
            self.tr("Permintaan kuota kecamatan %1 ditolak.")
        self.decide(dialog, "quota.decide", lambda values: session.decide_quota_request(ident, approve, values[-1]),
                    lambda _r: done.replace("%1", str(request.get("kecamatan_code"))))
