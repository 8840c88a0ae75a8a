"""SIAK record statuses: which one allows printing, and what each means for the citizen."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.text import QT_TRANSLATE_NOOP as N_

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
            PRINT_READY, "PRR", N_(_C, "Siap cetak"),
            N_(_C, "Perekaman biometrik selesai dan data tunggal hasil pemadanan pusat."),
            N_(_C, "KTP-el dapat dicetak."),
        ),
        StatusInfo(
            "UNREGISTERED", "UNREG", N_(_C, "Belum rekam"),
            N_(_C, "Penduduk belum melakukan perekaman biometrik (foto, sidik jari, iris, tanda tangan)."),
            N_(_C, "Arahkan penduduk ke loket perekaman KTP-el."),
        ),
        StatusInfo(
            "BIO_CAPTURED", "BIO", N_(_C, "Sudah rekam, belum dikirim"),
            N_(_C, "Biometrik sudah direkam tetapi belum dikirim ke server pusat."),
            N_(_C, "Minta petugas perekaman mengirim data; penduduk kembali setelah status berubah."),
        ),
        StatusInfo(
            "PROCESSING", "PROC", N_(_C, "Sedang diproses"),
            N_(_C, "Data sedang diproses di server pusat."),
            N_(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "SENT_FOR_ENROLLMENT", "SFE", N_(_C, "Terkirim ke pusat"),
            N_(_C, "Data perekaman sudah dikirim ke pusat dan menunggu pemadanan (1:N)."),
            N_(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "RECEIVED_AT_CENTRAL", "RAC", N_(_C, "Diterima di pusat"),
            N_(_C, "Data sudah diterima server pusat dan menunggu pemadanan."),
            N_(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "ENROLL_FAILURE_AT_CENTRAL", "EFC", N_(_C, "Gagal enrolment di pusat"),
            N_(_C, "Pendaftaran biometrik gagal di server pusat."),
            N_(_C, "Penduduk perlu rekam ulang; arahkan ke loket perekaman atau Disdukcapil."),
        ),
        StatusInfo(
            "ENROLL_FAILURE_AT_REGIONAL", "EFR", N_(_C, "Gagal enrolment di daerah"),
            N_(_C, "Pengiriman data perekaman dari daerah gagal."),
            N_(_C, "Minta petugas perekaman mengirim ulang data; jika gagal lagi, rekam ulang."),
        ),
        StatusInfo(
            "SEARCH_FAILURE_AT_CENTRAL", "SFC", N_(_C, "Gagal pencarian di pusat"),
            N_(_C, "Pemadanan biometrik di server pusat gagal."),
            N_(_C, "Laporkan ke Disdukcapil kabupaten/kota untuk diajukan ulang ke pusat."),
        ),
        StatusInfo(
            "ADJUDICATE_RECORD", "ADJ", N_(_C, "Menunggu adjudikasi"),
            N_(_C, "Biometrik mirip dengan data lain dan menunggu pemeriksaan petugas pusat."),
            N_(_C, "Penduduk menunggu hasil adjudikasi; periksa kembali status nanti."),
        ),
        StatusInfo(
            "REQUEST_VALIDATION", "RV", N_(_C, "Menunggu validasi"),
            N_(_C, "Data menunggu validasi oleh petugas pusat."),
            N_(_C, "Penduduk menunggu dan memeriksa kembali status dalam beberapa hari."),
        ),
        StatusInfo(
            "DUPLICATE_RECORD", "DUP", N_(_C, "Data ganda"),
            N_(_C, "Biometrik penduduk ini sama dengan NIK lain (rekam ganda)."),
            N_(_C, "Penduduk harus datang ke kantor Disdukcapil kabupaten/kota dengan KK untuk penyelesaian."),
        ),
    )
}


def status_info(code: str) -> StatusInfo:
    """The explanation for a status; an unknown code gets a generic one (never an exception)."""
    known = STATUSES.get(code)
    if known:
        return known
    return StatusInfo(
        code, code, N_(_C, "Status tidak dikenal"),
        N_(_C, "Status rekaman ini tidak dikenal oleh aplikasi."),
        N_(_C, "Jangan cetak; hubungi petugas TI kabupaten/kota."),
    )
