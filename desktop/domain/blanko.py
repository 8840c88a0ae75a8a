"""Blanko ledger vocabulary: the kinds of movement and the causes of spoilage (no database, no Qt)."""

from __future__ import annotations

from desktop.domain.text import msg

# The causes of spoilage (Dirjen Dukcapil circular 400.8.1.2/202241, DOMAIN.md) and two of our own:
# calibration and test cards printed on blanko, and a revoked station's blanko written off.
SPOIL_REASONS: dict[str, str] = {
    "print_failed": msg("cetak gagal"),
    "chip_failed": msg("chip atau encoding gagal"),
    "damaged": msg("rusak fisik"),
    "data_changed": msg("data berubah setelah dicetak"),
    "calibration": msg("kartu kalibrasi / uji cetak"),
    "revoked_station": msg("dihapusbukukan bersama stasiun yang dicabut"),
    "missing_after_restore": msg("hilang sesudah pemulihan database (tidak ada saat dihitung)"),
    "other": msg("lainnya (catatan lama)"),
}
# Causes the application books itself (an old row, the regency's write-off, the count after a restore):
# never offered to a supervisor writing off a blanko.
BOOKED_BY_APP = ("other", "revoked_station", "missing_after_restore")
KINDS = ("receipt", "reserve", "release", "issue", "spoil", "destroy", "transfer_out")
KIND_LABELS: dict[str, str] = {
    "receipt": msg("diterima"),
    "leased": msg("dipinjamkan kabupaten"),
    "reserve": msg("dipesan untuk cetak"),
    "release": msg("kembali ke stok"),
    "issue": msg("tercetak"),
    "spoil": msg("rusak"),
    "destroy": msg("dimusnahkan"),
    "transfer_out": msg("dipindahkan ke stasiun lain"),
}


def reason_code(reason: str | None) -> str:
    """The cause of a spoilage from its stored reason: `print_failed:jam`, `test_print` (older rows)."""
    head = (reason or "").split(":", 1)[0].strip()
    if head in SPOIL_REASONS:
        return head
    return "calibration" if head == "test_print" else "other"
