"""One plain message per printer fault, with the action the operator should take."""

from __future__ import annotations

from desktop.devices.base import Fault
from desktop.domain.text import QT_TRANSLATE_NOOP

_C = "PrinterFault"

FAULT_MESSAGES: dict[Fault, str] = {
    Fault.NO_CARD: QT_TRANSLATE_NOOP(_C, "Blanko di printer habis. Isi feeder dengan blanko, lalu tekan Coba lagi."),
    Fault.RIBBON: QT_TRANSLATE_NOOP(_C, "Pita (ribbon) printer habis atau tidak terpasang. Ganti ribbon, lalu tekan Coba lagi."),
    Fault.COVER_OPEN: QT_TRANSLATE_NOOP(_C, "Penutup printer terbuka. Tutup penutupnya, lalu tekan Coba lagi."),
    Fault.JAM: QT_TRANSLATE_NOOP(_C, "Kartu macet di printer. Buka printer, keluarkan kartu yang macet, lalu tekan Coba lagi."),
    Fault.DISCONNECTED: QT_TRANSLATE_NOOP(_C, "Printer terputus. Periksa kabel USB dan daya printer, lalu tekan Coba lagi."),
    Fault.NO_REPLY: QT_TRANSLATE_NOOP(_C, "Printer tidak menjawab. Matikan dan nyalakan printer, lalu tekan Coba lagi."),
    Fault.GARBLED: QT_TRANSLATE_NOOP(_C, "Jawaban printer tidak dapat dibaca. Matikan dan nyalakan printer, lalu tekan Coba lagi."),
    Fault.COMMAND_ERROR: QT_TRANSLATE_NOOP(_C, "Printer menolak perintah cetak. Hubungi petugas TI; kartu tidak dicetak."),
    Fault.QUEUE_WAITING: QT_TRANSLATE_NOOP(_C, "Antrean printer di sistem operasi tidak mencetak (printer mati, terputus, "
                                              "atau antreannya dijeda). Periksa printer dan antreannya, lalu tekan Coba lagi."),
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


def uncertain_cause(fault: Fault) -> str:
    return UNCERTAIN_CAUSES.get(fault, NO_LONGER_ANSWERS)
