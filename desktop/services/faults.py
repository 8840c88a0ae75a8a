"""One plain message per printer fault, with the action the operator should take.

The sentences name no button: they are shown in the fault dialog (which has "Coba lagi"), under the
print button while a printer reports the fault, and on the command line. Whoever shows one adds the
step that fits where it is shown.
"""

from __future__ import annotations

from desktop.devices.base import Fault
from desktop.domain.text import QT_TRANSLATE_NOOP

_C = "PrinterFault"

FAULT_MESSAGES: dict[Fault, str] = {
    Fault.NO_CARD: QT_TRANSLATE_NOOP(_C, "Blanko di printer habis. Isi feeder dengan blanko."),
    Fault.RIBBON: QT_TRANSLATE_NOOP(_C, "Pita (ribbon) printer habis atau tidak terpasang. Ganti ribbon."),
    Fault.COVER_OPEN: QT_TRANSLATE_NOOP(_C, "Penutup printer terbuka. Tutup penutupnya."),
    Fault.JAM: QT_TRANSLATE_NOOP(_C, "Kartu macet di printer. Buka printer, keluarkan kartu yang macet."),
    Fault.DISCONNECTED: QT_TRANSLATE_NOOP(_C, "Printer terputus. Periksa kabel USB dan daya printer."),
    Fault.NO_REPLY: QT_TRANSLATE_NOOP(_C, "Printer tidak menjawab. Matikan dan nyalakan printer."),
    Fault.GARBLED: QT_TRANSLATE_NOOP(_C, "Jawaban printer tidak dapat dibaca. Matikan dan nyalakan printer."),
    Fault.COMMAND_ERROR: QT_TRANSLATE_NOOP(_C, "Printer menolak perintah cetak. Hubungi petugas TI; kartu tidak dicetak."),
    Fault.QUEUE_WAITING: QT_TRANSLATE_NOOP(_C, "Antrean printer di sistem operasi tidak mencetak (printer mati, terputus, "
                                              "atau antreannya dijeda). Periksa printer dan antreannya."),
    Fault.QUEUE_CANCELLED: QT_TRANSLATE_NOOP(_C, "Pekerjaan cetak dibatalkan di antrean printer sistem operasi."),
    Fault.QUEUE_FAILED: QT_TRANSLATE_NOOP(_C, "Antrean printer di sistem operasi menghentikan pekerjaan cetak (driver atau "
                                             "printer bermasalah). Periksa printer; hubungi petugas TI bila berulang."),
}


def fault_message(fault: Fault) -> str:
    return FAULT_MESSAGES[fault]


# What happened, when a fault leaves it unknown whether the card came out ("... saat mencetak blanko X").
UNCERTAIN_CAUSES: dict[Fault, str] = {
    Fault.JAM: QT_TRANSLATE_NOOP(_C, "Printer melaporkan gangguan mekanis (kartu macet)"),
    Fault.RIBBON: QT_TRANSLATE_NOOP(_C, "Ribbon printer habis di tengah kartu"),
    Fault.COVER_OPEN: QT_TRANSLATE_NOOP(_C, "Penutup printer dibuka"),
    Fault.DISCONNECTED: QT_TRANSLATE_NOOP(_C, "Printer terputus"),
    Fault.GARBLED: QT_TRANSLATE_NOOP(_C, "Jawaban printer tidak dapat dibaca"),
    Fault.COMMAND_ERROR: QT_TRANSLATE_NOOP(_C, "Printer menolak perintah di tengah kartu"),
    Fault.QUEUE_CANCELLED: QT_TRANSLATE_NOOP(_C, "Pekerjaan dibatalkan di antrean printer setelah mulai dicetak"),
    Fault.QUEUE_FAILED: QT_TRANSLATE_NOOP(_C, "Antrean printer sistem operasi menghentikan pekerjaan atau tidak "
                                             "menyelesaikannya"),
}
NO_LONGER_ANSWERS = QT_TRANSLATE_NOOP(_C, "Printer tidak lagi menjawab")

# A fault in a few words, for a status column ("Perlu perhatian (kartu macet)").
FAULT_NAMES: dict[Fault, str] = {
    Fault.NO_CARD: QT_TRANSLATE_NOOP(_C, "blanko habis"),
    Fault.RIBBON: QT_TRANSLATE_NOOP(_C, "ribbon habis"),
    Fault.COVER_OPEN: QT_TRANSLATE_NOOP(_C, "penutup terbuka"),
    Fault.JAM: QT_TRANSLATE_NOOP(_C, "kartu macet"),
    Fault.DISCONNECTED: QT_TRANSLATE_NOOP(_C, "terputus"),
    Fault.NO_REPLY: QT_TRANSLATE_NOOP(_C, "tidak menjawab"),
    Fault.GARBLED: QT_TRANSLATE_NOOP(_C, "jawaban tak terbaca"),
    Fault.COMMAND_ERROR: QT_TRANSLATE_NOOP(_C, "perintah ditolak"),
    Fault.QUEUE_WAITING: QT_TRANSLATE_NOOP(_C, "antrean tidak mencetak"),
    Fault.QUEUE_CANCELLED: QT_TRANSLATE_NOOP(_C, "dibatalkan di antrean"),
    Fault.QUEUE_FAILED: QT_TRANSLATE_NOOP(_C, "antrean gagal"),
}


def uncertain_cause(fault: Fault) -> str:
    return UNCERTAIN_CAUSES.get(fault, NO_LONGER_ANSWERS)
