"""The regency's blanko: receipts from the centre (how many of how many requested, the box's own serial
range beside the KAB- serials) and allocations to a kecamatan or hub; the ledger's movements and balances.
Receiving and allocating are a regency admin's; a supervisor sees the ledger."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSpinBox

from desktop.domain.limits import NUMBER_MAX
from desktop.domain.roles import RegencyPermission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.errors import UserFacingError
from desktop.ui.dialogs import row_table
from desktop.ui.pages.panel.models import FixedTable
from desktop.ui.pages.regency.common import DecisionDialog, RegencyContext, RegencyPage, whole
from desktop.ui.text import error_text, tr_message

# The regency's balance as the ledger names it (or the older lease view: received, leased, left).
BALANCE_NAMES = {
    "received": QT_TRANSLATE_NOOP("RegencyBlanko", "diterima dari pusat"),
    "allocated_out": QT_TRANSLATE_NOOP("RegencyBlanko", "dialokasikan"),
    "leased": QT_TRANSLATE_NOOP("RegencyBlanko", "dipinjamkan ke stasiun"),
    "in_stock": QT_TRANSLATE_NOOP("RegencyBlanko", "di gudang"),
    "left": QT_TRANSLATE_NOOP("RegencyBlanko", "sisa"),
    "incoming": QT_TRANSLATE_NOOP("RegencyBlanko", "dalam perjalanan"),
    "spoiled": QT_TRANSLATE_NOOP("RegencyBlanko", "rusak"),
    "destroyed": QT_TRANSLATE_NOOP("RegencyBlanko", "dimusnahkan"),
}
KIND_NAMES = {
    "receipt": QT_TRANSLATE_NOOP("RegencyBlanko", "diterima dari pusat"),
    "allocation": QT_TRANSLATE_NOOP("RegencyBlanko", "alokasi"),
    "lease": QT_TRANSLATE_NOOP("RegencyBlanko", "dipinjamkan ke stasiun"),
    "transfer": QT_TRANSLATE_NOOP("RegencyBlanko", "dipindahkan"),
    "issue": QT_TRANSLATE_NOOP("RegencyBlanko", "dicetak"),
    "spoil": QT_TRANSLATE_NOOP("RegencyBlanko", "rusak"),
    "destroy": QT_TRANSLATE_NOOP("RegencyBlanko", "dimusnahkan"),
}
REGENCY_HOLDER = QT_TRANSLATE_NOOP("RegencyBlanko", "kabupaten")  # the ledger's holder "regency"


def make_page(ctx: RegencyContext) -> RegencyBlankoPage:
    return RegencyBlankoPage(ctx)


class ReceiptDialog(DecisionDialog):
    """Blanko received from the centre. fields -> (quantity, batch, requested or None, box first, box last)."""

    def __init__(self, parent=None) -> None:
        super().__init__(self.tr("Terima blanko dari pusat"), self.tr(
            "Catat blanko yang tiba dari pusat. Nomor seri KAB- dibuat server; nomor seri pada kotak dicatat di "
            "sampingnya."), parent, "regencyReceiptDialog")
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("receiptQuantity")
        self.quantity.setRange(1, 1_000_000)
        self.quantity.setValue(1000)
        self.requested = QSpinBox(self)
        self.requested.setObjectName("receiptRequested")
        self.requested.setRange(0, 1_000_000)
        self.requested.setSpecialValueText(self.tr("sama dengan yang diterima"))
        self.batch = QLineEdit(self)
        self.batch.setObjectName("receiptBatch")
        self.batch.setMaxLength(120)
        self.box_first = QLineEdit(self)
        self.box_first.setObjectName("receiptBoxFirst")
        self.box_first.setMaxLength(NUMBER_MAX)
        self.box_last = QLineEdit(self)
        self.box_last.setObjectName("receiptBoxLast")
        self.box_last.setMaxLength(NUMBER_MAX)
        self.form.addRow(self.tr("Jumlah diterima"), self.quantity)
        self.form.addRow(self.tr("Jumlah yang diminta"), self.requested)
        self.form.addRow(self.tr("Batch / berita acara"), self.batch)
        self.form.addRow(self.tr("Nomor seri kotak, pertama"), self.box_first)
        self.form.addRow(self.tr("Nomor seri kotak, terakhir"), self.box_last)
        self.finish_form()

    def fields(self) -> tuple:
        return (self.quantity.value(), self.batch.text().strip(), self.requested.value() or None,
                self.box_first.text().strip(), self.box_last.text().strip())


class AllocationDialog(DecisionDialog):
    """An allocation: a cap on the blanko leased to a kecamatan's stations or a hub. fields -> (holder,
    quantity, note)."""

    def __init__(self, parent=None) -> None:
        super().__init__(self.tr("Alokasikan blanko"), self.tr(
            "Batas blanko untuk stasiun-stasiun satu kecamatan (kode kecamatan) atau satu hub (kode stasiunnya)."),
            parent, "allocationDialog")
        self.holder = QLineEdit(self)
        self.holder.setObjectName("allocationHolder")
        self.holder.setMaxLength(64)
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("allocationQuantity")
        self.quantity.setRange(-1_000_000, 1_000_000)  # negative: an allocation taken back
        self.quantity.setValue(100)
        self.note = QLineEdit(self)
        self.note.setObjectName("allocationNote")
        self.note.setMaxLength(200)
        self.form.addRow(self.tr("Kecamatan atau hub"), self.holder)
        self.form.addRow(self.tr("Jumlah"), self.quantity)
        self.form.addRow(self.tr("Catatan"), self.note)
        self.finish_form()

    def fields(self) -> tuple:
        return self.holder.text().strip(), self.quantity.value(), self.note.text().strip()


class RegencyBlankoPage(RegencyPage):
    def __init__(self, ctx: RegencyContext) -> None:
        super().__init__(ctx, self.tr("Blanko kabupaten"))
        self.balances = QLabel(self)
        self.balances.setObjectName("regencyBalances")
        self.balances.setWordWrap(True)
        self.body.addWidget(self.balances)
        self.ledger_note = QLabel(self)
        self.ledger_note.setObjectName("ledgerNote")
        self.ledger_note.setWordWrap(True)
        self.ledger_note.hide()
        self.body.addWidget(self.ledger_note)
        self.model = FixedTable([self.tr("Waktu"), self.tr("Gerakan"), self.tr("Pemegang"), self.tr("Jumlah"),
                                 self.tr("Diminta"), self.tr("Nomor seri"), self.tr("Seri kotak"),
                                 self.tr("Rincian"), self.tr("Oleh")], self)
        self.view = row_table(self.model, "regencyLedgerTable", self)
        self.view.setTabKeyNavigation(False)
        self.body.addWidget(self.view, 1)
        self.receive = QPushButton(self.tr("Terima dari pusat…"), self)
        self.receive.setObjectName("regencyReceive")
        self.allocate = QPushButton(self.tr("Alokasikan…"), self)
        self.allocate.setObjectName("regencyAllocate")
        admin = ctx.may(RegencyPermission.MANAGE_BLANKO)
        for button in (self.receive, self.allocate):
            button.setVisible(admin)  # a regency admin's actions only
        self.button_row(self.receive, self.allocate)
        self.receive.clicked.connect(self.receive_blanko)
        self.allocate.clicked.connect(self.allocate_blanko)

    def focus_first(self) -> None:
        self.view.setFocus()

    def read(self) -> tuple[dict, list[dict] | str]:
        balances = self.session.balances()
        try:
            movements: list[dict] | str = self.session.ledger()
        except UserFacingError as exc:
            if exc.code != "not_yet":
                raise
            movements = error_text(exc)  # an older server: the balances still show
        return balances, movements

    def show_data(self, data: tuple[dict, list[dict] | str]) -> None:
        balances, movements = data
        own = balances.get("regency", {})
        parts = [f"{tr_message(label)} {whole(own[name])}" for name, label in BALANCE_NAMES.items() if name in own]
        text = self.tr("Blanko kabupaten: %1.").replace("%1", ", ".join(parts) or "—")
        allocations = [self.tr("%1: %2 (dipinjamkan %3)").replace("%1", str(a.get("holder", ""))[:64])
                       .replace("%2", whole(a.get("allocated"))).replace("%3", whole(a.get("leased")))
                       for a in balances.get("allocations", [])
                       if isinstance(a.get("allocated"), int) and isinstance(a.get("leased"), int)]
        if allocations:
            text += " " + self.tr("Alokasi: %1.").replace("%1", "; ".join(allocations))
        self.balances.setText(text)
        if isinstance(movements, str):
            self.ledger_note.setText(movements)
            self.ledger_note.show()
            movements = []
        else:
            self.ledger_note.hide()
        self.model.set_rows([self._cells(m) for m in movements])

    @staticmethod
    def _cells(m: dict) -> list[str]:
        def text(*keys: str) -> str:
            for key in keys:
                value = m.get(key)
                if value not in (None, ""):
                    return whole(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)[:120]
            return ""

        holder = text("holder", "kecamatan", "station")
        holder = tr_message(REGENCY_HOLDER) if holder == "regency" else holder
        kind = text("kind")
        kind = tr_message(KIND_NAMES[kind]) if kind in KIND_NAMES else kind
        serials = " – ".join(x for x in (text("first"), text("last")) if x)
        box = " – ".join(x for x in (text("box_first"), text("box_last")) if x)
        return [text("at", "recorded_at")[:16].replace("T", " "), kind,
                holder, text("quantity", "count"), text("requested"), serials, box,
                text("detail", "batch", "note"), text("actor", "by")]

    def receive_blanko(self) -> None:
        session = self.session
        self.decide(ReceiptDialog(self), "blanko.receive", lambda v: session.receive_blanko(*v[:5], v[5]),
                    lambda result: self.tr("Blanko diterima: %1 sampai %2.").replace("%1", str(result.get("first")))
                    .replace("%2", str(result.get("last"))))

    def allocate_blanko(self) -> None:
        session = self.session
        self.decide(AllocationDialog(self), "blanko.allocate", lambda v: session.allocate_blanko(*v[:3], v[3]),
                    lambda _result: self.tr("Alokasi blanko dicatat."))
