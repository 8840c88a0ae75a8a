"""Why a blanko was spoiled: the causes the Dirjen's circular counts (shared/docs/DOMAIN.md, "Blanko
destruction and reports"), as stored in `blanko_movement.reason` for a spoilage booked by a person."""

from __future__ import annotations

from desktop.domain.text import QT_TRANSLATE_NOOP

_C = "SpoilageCause"

PRINT_FAILED, CHIP_FAILED, DAMAGED, DATA_CHANGED, CALIBRATION = (
    "print_failed", "chip_failed", "damaged", "data_changed", "calibration")

# key -> label; the order is the order of the choice lists.
CAUSES: dict[str, str] = {
    PRINT_FAILED: QT_TRANSLATE_NOOP(_C, "Cetakan gagal atau cacat"),
    CHIP_FAILED: QT_TRANSLATE_NOOP(_C, "Chip atau penulisan chip gagal"),
    DAMAGED: QT_TRANSLATE_NOOP(_C, "Rusak secara fisik"),
    DATA_CHANGED: QT_TRANSLATE_NOOP(_C, "Data berubah setelah dicetak"),
    CALIBRATION: QT_TRANSLATE_NOOP(_C, "Kalibrasi printer"),
}
OTHER_LABEL = QT_TRANSLATE_NOOP(_C, "Lainnya")


def cause_of(reason: str | None) -> str:
    """The cause key of a stored spoilage reason (a printer fault is stored as `print_failed:<fault>`)."""
    key = (reason or "").partition(":")[0]
    if key == "test_print":  # a test print on blanko (ktp-mandiri printers test)
        return CALIBRATION
    return key if key in CAUSES else "other"
