"""SIAK record statuses: which one allows printing, and what each means for the citizen."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.text import QT_TRANSLATE_NOOP

PRINT_READY = "PRINT_READY_RECORD"


@dataclass(frozen=True)
class StatusInfo:
    code: str
    short: str  # abbreviation operators know (PRR, SFE, ...)
    label: str
    explanation: str
    next_step: str

    @property
    def printable(self) -> bool:
        return self.code == PRINT_READY


_C = "RecordStatus"

STATUSES: dict[str, StatusInfo] = {
    s.code: s
    for s in (
        StatusInfo(
            PRINT_READY, "PRR", QT_TRANSLATE_NOOP(_C, "Siap cetak"),
            QT_TRANSLATE_NOOP(_C, "Perekaman biometrik selesai dan data tunggal hasil pemadanan pusat."),
            QT_TRANSLATE_NOOP(_C, "KTP-el dapat dicetak."),
        ),
        StatusInfo(
            "UNREGISTERED", "UNREG", QT_TRANSLATE_NOOP(_C, "Belum rekam"),
            QT_TRANSLATE_NOOP(_C, "Penduduk belum melakukan perekaman biometrik (foto, sidik jari, iris, tanda tangan)."),
            QT_TRANSLATE_NOOP(_C, "Arahkan penduduk ke loket perekaman KTP-el."),
        ),
        StatusInfo(
            "BIO_CAPTURED", "BIO", QT_TRANSLATE_NOOP(_C, "Sudah rekam, belum dikirim"),
            QT_TRANSLATE_NOOP(_C, "Biometrik sudah direkam tetapi belum dikirim ke server pusat."),
            QT_TRANSLATE_NOOP(_C, "Minta petugas perekaman mengirim data; penduduk kembali setelah status berubah."),
        ),
        StatusInfo(
            "PROCESSING", "PROC", QT_TRANSLATE_NOOP(_C, "Sedang diproses"),
            QT_TRANSLATE_NOOP(_C, "Data sedang diproses di server pusat."),
            QT_TRANSLATE_NOOP(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "SENT_FOR_ENROLLMENT", "SFE", QT_TRANSLATE_NOOP(_C, "Terkirim ke pusat"),
            QT_TRANSLATE_NOOP(_C, "Data perekaman sudah dikirim ke pusat dan menunggu pemadanan (1:N)."),
            QT_TRANSLATE_NOOP(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "RECEIVED_AT_CENTRAL", "RAC", QT_TRANSLATE_NOOP(_C, "Diterima di pusat"),
            QT_TRANSLATE_NOOP(_C, "Data sudah diterima server pusat dan menunggu pemadanan."),
            QT_TRANSLATE_NOOP(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "ENROLL_FAILURE_AT_CENTRAL", "EFC", QT_TRANSLATE_NOOP(_C, "Gagal enrolment di pusat"),
            QT_TRANSLATE_NOOP(_C, "Pendaftaran biometrik gagal di server pusat."),
            QT_TRANSLATE_NOOP(_C, "Penduduk perlu rekam ulang; arahkan ke loket perekaman atau Disdukcapil."),
        ),
        StatusInfo(
            "ENROLL_FAILURE_AT_REGIONAL", "EFR", QT_TRANSLATE_NOOP(_C, "Gagal enrolment di daerah"),
            QT_TRANSLATE_NOOP(_C, "Pengiriman data perekaman dari daerah gagal."),
            QT_TRANSLATE_NOOP(_C, "Minta petugas perekaman mengirim ulang data; jika gagal lagi, rekam ulang."),
        ),
        StatusInfo(
            "SEARCH_FAILURE_AT_CENTRAL", "SFC", QT_TRANSLATE_NOOP(_C, "Gagal pencarian di pusat"),
            QT_TRANSLATE_NOOP(_C, "Pemadanan biometrik di server pusat gagal."),
            QT_TRANSLATE_NOOP(_C, "Laporkan ke Disdukcapil kabupaten/kota untuk diajukan ulang ke pusat."),
        ),
        StatusInfo(
            "ADJUDICATE_RECORD", "ADJ", QT_TRANSLATE_NOOP(_C, "Menunggu adjudikasi"),
            QT_TRANSLATE_NOOP(_C, "Biometrik mirip dengan data lain dan menunggu pemeriksaan petugas pusat."),
            QT_TRANSLATE_NOOP(_C, "Penduduk menunggu hasil adjudikasi; periksa kembali status nanti."),
        ),
        StatusInfo(
            "REQUEST_VALIDATION", "RV", QT_TRANSLATE_NOOP(_C, "Menunggu validasi"),
            QT_TRANSLATE_NOOP(_C, "Data menunggu validasi oleh petugas pusat."),
            QT_TRANSLATE_NOOP(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "DUPLICATE_RECORD", "DUP", QT_TRANSLATE_NOOP(_C, "Data ganda"),
            QT_TRANSLATE_NOOP(_C, "Biometrik penduduk ini sama dengan NIK lain (rekam ganda)."),
            QT_TRANSLATE_NOOP(_C, "Penduduk harus datang ke kantor Disdukcapil kabupaten/kota dengan KK untuk penyelesaian."),
        ),
    )
}


def status_info(code: str) -> StatusInfo:
    """The explanation for a status; an unknown code gets a generic one (never an exception)."""
    known = STATUSES.get(code)
    if known:
        return known
    return StatusInfo(
        code, code, QT_TRANSLATE_NOOP(_C, "Status tidak dikenal"),
        QT_TRANSLATE_NOOP(_C, "Status rekaman ini tidak dikenal oleh aplikasi."),
        QT_TRANSLATE_NOOP(_C, "Jangan cetak; hubungi petugas TI kabupaten/kota."),
    )
