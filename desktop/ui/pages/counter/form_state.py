"""The counter form's state as the counter's rules see it (desktop/services/counter.py): read from the
page's widgets and the station's printers, Qt-free rules applied elsewhere."""

from __future__ import annotations

from desktop.devices.base import PrinterState
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
    """What the header shows of the target printer (`PrinterController.shown`: the held "needs attention"
    after a failed card), not only what the printer last said."""
    if not printers.uris:
        return PrinterFacts(configured=False, ready=False)
    if (target := target_printer(printers, chosen)) is not None:
        shown = printers.shown(target)
        return PrinterFacts(configured=True, ready=True, held=shown if shown and shown.state != PrinterState.READY else None)
    candidates = [chosen] if chosen else printers.uris
    return PrinterFacts(configured=True, ready=False, all_busy=all(printers.is_busy(uri) for uri in candidates),
                        status=printers.shown(candidates[0]))


def target_printer(printers: PrinterController, chosen: str | None) -> str | None:
    """Where the next card goes: the chosen printer if it is ready, else the next ready one, passing over a
    printer held at "needs attention" while another is ready without that."""
    if chosen:
        return printers.next_ready([chosen])
    clear = [uri for uri in printers.uris if (shown := printers.shown(uri)) is not None and shown.state == PrinterState.READY]
    return (printers.next_ready(clear) if clear else None) or printers.next_ready()
