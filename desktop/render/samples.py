"""Reference residents for previews, smoke tests and the golden images: invented people, real places."""

from __future__ import annotations

from datetime import date

from desktop.domain.card import CardData
from desktop.render.portrait import portrait_png, signature_png


def sample_cards() -> dict[str, CardData]:
    """Three cards that exercise the layout: a short ordinary one, one with every field at its
    longest, and one that brings its own photo and signature."""
    own_nik = "3674030703750002"
    return {
        "ordinary": CardData(
            nik="3603011708900001",
            name="Budi Santoso",
            birth_place="Tangerang",
            birth_date=date(1990, 8, 17),
            sex="L",
            blood_type="O",
            address="Jl. Raya Serang Km 24 Gg. Mawar No. 12",
            rt=1,
            rw=2,
            village="Balaraja",
            kecamatan="Balaraja",
            regency="KABUPATEN TANGERANG",
            province="BANTEN",
            religion="Islam",
            marital_status="Kawin",
            occupation="Karyawan Swasta",
            issue_place="KAB. TANGERANG",
            issue_date=date(2026, 11, 22),
        ),
        "longest": CardData(
            nik="3674064512010003",
            # 60 characters, the legal maximum for a name.
            name="Siti Nurhaliza Rahmawati Dewi Kusumawardhani Putri Anggraeni",
            birth_place="Kepulauan Seribu Utara",
            birth_date=date(2001, 12, 5),
            sex="P",
            blood_type="AB",
            # 120 characters.
            address=(
                "Perumahan Villa Pamulang Mas Blok C12 No. 7 Jalan Siliwangi Raya Kavling Dua Belas "
                "Dekat Masjid Agung Al Ikhlas Pamulang"
            ),
            rt=12,
            rw=105,
            village="Lengkong Gudang Timur",
            kecamatan="Buay Pematang Ribu Ranau Tengah",
            regency="KABUPATEN ADMINISTRASI KEPULAUAN SERIBU",
            province="Daerah Khusus Ibukota Jakarta",
            religion="Kristen",
            marital_status="Belum Kawin",
            occupation="Pelajar/Mahasiswa",
            issue_place="KOTA TANGERANG SELATAN",
            issue_date=date(2026, 11, 22),
        ),
        "own_photo": CardData(
            nik=own_nik,
            name="Andreas Wijaya",
            birth_place="Jakarta",
            birth_date=date(1975, 3, 7),
            sex="L",
            blood_type="B",
            address="Jl. Pondok Kacang Raya No. 5",
            rt=3,
            rw=8,
            village="Pondok Kacang Timur",
            kecamatan="Pondok Aren",
            regency="KOTA TANGERANG SELATAN",
            province="BANTEN",
            religion="Katolik",
            marital_status="Cerai Hidup",
            occupation="Wiraswasta",
            issue_place="KOTA TANGERANG SELATAN",
            issue_date=date(2026, 11, 23),
            photo_png=portrait_png("photo-of-" + own_nik, 1975, "L"),
            signature_png=signature_png(own_nik, "Andreas W"),
        ),
    }
