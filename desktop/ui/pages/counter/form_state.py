"""The counter form's state as the counter's rules see it (desktop/services/counter.py): read from the
page's widgets and the station's printers, Qt-free rules applied elsewhere."""

from __future__ import annotations

from desktop.services.counter import CounterForm, PrinterFacts
from desktop.services.residents import Verification
from desktop.ui.pages.counter.reason_box import ReasonBox
from desktop.ui.printer_controller import PrinterController


def read_form(verification: Verification | None, reasons: ReasonBox, in_stock: int, printers: PrinterController,
              chosen: str | None) -> CounterForm:
    """`chosen`: the printer picked on the page ("" or None: the next ready one)."""
    return CounterForm(
        verification=verification,
        reason=reasons.reason.currentData() or "",
        confirmed=frozenset(k for k, c in reasons.doc_checks.items() if c.isChecked()),
        numbers={k: e.text() for k, e in reasons.doc_numbers.items()},
        in_stock=in_stock,
        printer=printer_facts(printers, chosen),
    )


def printer_facts(printers: PrinterController, chosen: str | None) -> PrinterFacts:
    if not printers.uris:
        return PrinterFacts(configured=False, ready=False)
    if target_printer(printers, chosen) is not None:
        return PrinterFacts(configured=True, ready=True)
    candidates = [chosen] if chosen else printers.uris
    return PrinterFacts(configured=True, ready=False, all_busy=all(printers.is_busy(uri) for uri in candidates),
                        status=printers.statuses.get(candidates[0]))


def target_printer(printers: PrinterController, chosen: str | None) -> str | None:
    """Where the next card goes: the chosen printer if it is ready, else the next ready one."""
    return printers.next_ready([chosen] if chosen else None)
