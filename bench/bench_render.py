"""Drawing one card: the raster the printer and the preview get, and the PDF proof.

Every card goes through the renderer once per pass, in two separate passes so that neither output
reuses the other's cached layout (`plan_front` keeps the last 32 cards; each pass has more cards than
that, so every timed call lays its card out afresh):

- raster: `render_front(card)` + `to_raster(...)`, what `IssuanceService` sends to the driver
  (target p50 < 50 ms);
- PDF proof: `render_card_pdf(card, BytesIO)`: finished front, print layer and back pages (target p50 < 50 ms).

The cards are the three reference residents of `desktop.render.samples` plus generated residents
with names of 3-60 characters, addresses up to 120 characters, long place names and both RT/RW
widths. Each card carries its own photo and signature bytes, as a synced resident record does; a
resident without them gets a demo portrait drawn on first render, timed separately (no target).
The first card in the process (font files parsed, background pattern, Qt's font engine) is reported
on its own, when this module is the first to render in the process.
"""

from __future__ import annotations

import dataclasses
import io
import random
import time
from collections.abc import Callable
from datetime import date

from bench.common import Result, median, percentile
from desktop.domain.card import CARD_HEIGHT_PX, CARD_WIDTH_PX, CardData
from desktop.render import ensure_gui_app, render_card_pdf, render_front, to_raster
from desktop.render.background import background_image
from desktop.render.portrait import portrait_png, signature_png
from desktop.render.samples import sample_cards

NAME = "render"
TARGET_MS = 50.0
SEED = 20261122

FULL_CARDS, FULL_PASSES = 100, 3
QUICK_CARDS, QUICK_PASSES = 40, 1  # still more cards than plan_front's cache of 32
NO_PHOTO_CARDS = 30  # residents without a stored photo (demo data): the portrait is drawn on render

_GIVEN = (
    "Siti", "Budi", "Agus", "Dewi", "Ani", "Rudi", "Nur", "Sri", "Eko", "Andi", "Putri", "Rahmat", "Yusuf",
    "Muhammad", "Fitriani", "Kurniawan", "Wahyuningsih", "Hendrawan", "Anggraeni", "Setiawati", "I Gusti",
    "Ni Luh", "Theresia", "Fransiskus", "Maria", "Abdurrahman", "Nurhayati", "Sulistyowati",
)
_FAMILY = (
    "Santoso", "Wijaya", "Hidayat", "Lestari", "Saputra", "Siregar", "Nasution", "Simanjuntak", "Kusumawardhani",
    "Purnamasari", "Rahmawati", "Prasetyo", "Ayu Made Suryaningsih", "Ngurah Rai", "Sitompul", "Tanjung",
    "Harahap", "Pangaribuan", "Setiabudi", "Wibisono",
)
_STREETS = (
    "Jl. Raya Serang", "Jl. Siliwangi", "Jl. Pondok Kacang Raya", "Gg. Mawar", "Perumahan Villa Pamulang Mas",
    "Komplek Griya Asri Blok", "Jl. Letnan Jenderal Soetoyo", "Jalan Kapten Pierre Tendean",
    "Perumahan Bumi Serpong Damai Sektor", "Jl. H. Abdul Gani Kavling",
)
_LANDMARKS = (
    "", "", "Dekat Masjid Agung Al Ikhlas", "Belakang Pasar Ciputat", "Samping SDN Setu 02",
    "Seberang Kantor Kelurahan Lengkong Gudang Timur", "Blok C12 Kavling Dua Belas",
)
_PLACES = (
    "Tangerang", "Jakarta", "Bogor", "Serang", "Kepulauan Seribu Utara", "Pandeglang", "Lebak",
    "Tanjung Balai Karimun", "Padang Sidempuan", "Labuhan Batu Selatan", "Bau-Bau",
)
_VILLAGES = (
    "Pamulang Barat", "Setu", "Muncul", "Lengkong Gudang Timur", "Pondok Kacang Timur", "Kademangan",
    "Babakan", "Rawa Buntu", "Pondok Benda", "Bambu Apus",
)
_KECAMATAN = ("Pamulang", "Setu", "Ciputat", "Pondok Aren", "Buay Pematang Ribu Ranau Tengah", "Balaraja")
_REGENCY = (("KOTA TANGERANG SELATAN", "BANTEN"), ("KABUPATEN TANGERANG", "BANTEN"),
            ("KABUPATEN ADMINISTRASI KEPULAUAN SERIBU", "Daerah Khusus Ibukota Jakarta"))
_RELIGIONS = ("Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu")
_MARITAL = ("Belum Kawin", "Kawin", "Cerai Hidup", "Cerai Mati")
_JOBS = ("Karyawan Swasta", "Pelajar/Mahasiswa", "Wiraswasta", "Mengurus Rumah Tangga", "Pegawai Negeri Sipil",
         "Buruh Harian Lepas", "Belum/Tidak Bekerja")


@dataclasses.dataclass(frozen=True)
class Person:
    """One generated resident, in the shape both this module and bench_printing need."""

    serial: int
    name: str
    sex: str
    born: date
    birth_place: str
    address: str
    rt: int
    rw: int
    blood_type: str
    religion: str
    marital_status: str
    occupation: str


def varied_people(count: int, seed: int = SEED) -> list[Person]:
    """Residents with names from 3 to 60 characters and addresses up to 120, in a fixed order."""
    rng = random.Random(seed)
    people = []
    for i in range(count):
        parts = rng.randint(1, 6)
        name = " ".join([rng.choice(_GIVEN)] + [rng.choice(_FAMILY) for _ in range(parts - 1)])
        if i % 10 == 0:
            name = rng.choice(_GIVEN[:11])[:3]  # the shortest names
        elif i % 10 == 1:
            name = (name + " " + " ".join(rng.choice(_FAMILY) for _ in range(6)))[:60].rstrip()  # the legal maximum
        name = name[:60].rstrip()
        address = f"{rng.choice(_STREETS)} No. {rng.randint(1, 250)}"
        for _ in range(rng.randint(0, 3)):
            extra = rng.choice(_LANDMARKS)
            if extra:
                address += " " + extra
        address = address[:120].rstrip()
        people.append(Person(
            serial=i + 1,
            name=name,
            sex=rng.choice("LP"),
            born=date(rng.randint(1940, 2008), rng.randint(1, 12), rng.randint(1, 28)),
            birth_place=rng.choice(_PLACES),
            address=address,
            rt=rng.choice((1, 3, 7, 12, 45)),
            rw=rng.choice((2, 5, 11, 105)),
            blood_type=rng.choice(("A", "B", "AB", "O", "-")),
            religion=rng.choice(_RELIGIONS),
            marital_status=rng.choice(_MARITAL),
            occupation=rng.choice(_JOBS),
        ))
    return people


def _nik(person: Person) -> str:
    day = person.born.day + (40 if person.sex == "P" else 0)
    return f"367406{day:02d}{person.born.month:02d}{person.born.year % 100:02d}{person.serial:04d}"


def _cards(count: int, *, with_pictures: bool, seed: int = SEED) -> list[CardData]:
    rng = random.Random(seed + 1)
    cards = []
    for p in varied_people(count, seed):
        nik = _nik(p)
        regency, province = rng.choice(_REGENCY)
        cards.append(CardData(
            nik=nik, name=p.name, birth_place=p.birth_place, birth_date=p.born, sex=p.sex,
            blood_type=p.blood_type, address=p.address, rt=p.rt, rw=p.rw, village=rng.choice(_VILLAGES),
            kecamatan=rng.choice(_KECAMATAN), regency=regency, province=province, religion=p.religion,
            marital_status=p.marital_status, occupation=p.occupation,
            issue_place="KOTA TANGERANG SELATAN", issue_date=date(2026, 11, 23),
            # The stored photo and signature of a synced record (a 300 x 400 PNG, as the demo draws).
            photo_png=portrait_png("photo-" + nik, p.born.year, p.sex) if with_pictures else None,
            signature_png=signature_png(nik, p.name) if with_pictures else None,
        ))
    return cards


def _raster(card: CardData) -> None:
    raster = to_raster(render_front(card))
    if (raster.width, raster.height) != (CARD_WIDTH_PX, CARD_HEIGHT_PX):
        raise RuntimeError(f"raster of {raster.width}x{raster.height}, expected {CARD_WIDTH_PX}x{CARD_HEIGHT_PX}")


def _pdf(card: CardData) -> None:
    out = io.BytesIO()
    render_card_pdf(card, out)
    data = out.getvalue()
    if not data.startswith(b"%PDF") or len(data) < 10_000:
        raise RuntimeError(f"the PDF proof looks wrong ({len(data)} bytes)")


def _timed(fn: Callable[[CardData], None], cards: list[CardData], passes: int) -> tuple[list[float], list[float]]:
    """Wall and thread-CPU ms per call."""
    wall, cpu = [], []
    for _ in range(passes):
        for card in cards:
            w0, c0 = time.perf_counter(), time.thread_time()
            fn(card)
            cpu.append((time.thread_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
    return wall, cpu


def run(quick: bool) -> list[Result]:
    count, passes = (QUICK_CARDS, QUICK_PASSES) if quick else (FULL_CARDS, FULL_PASSES)
    ensure_gui_app()
    samples = list(sample_cards().values())
    results: list[Result] = []

    # The first card drawn in this process pays for the background pattern, the fonts and Qt's paint
    # engine: what the operator waits for with the first preview after log-in.
    if background_image.cache_info().currsize == 0:
        w0 = time.perf_counter()
        _raster(samples[0])
        first_raster = (time.perf_counter() - w0) * 1000
        w0 = time.perf_counter()
        _pdf(samples[0])
        first_pdf = (time.perf_counter() - w0) * 1000
        results.append(Result(NAME, "first raster in the process (cold)", first_raster, "ms",
                              note="what the first preview after start-up waits for: parsing the two font files "
                                   "for the layout metrics (reportlab), the background pattern, Qt's font engine; "
                                   f"the first PDF proof after it took {first_pdf:.0f} ms"))
    for card in samples:  # warm-up, untimed
        _raster(card)
        _pdf(card)

    cards = samples + _cards(count - len(samples), with_pictures=True)
    raster_wall, raster_cpu = _timed(_raster, cards, passes)
    pdf_wall, pdf_cpu = _timed(_pdf, cards, passes)
    bare = _cards(NO_PHOTO_CARDS, with_pictures=False, seed=SEED + 7)
    bare_wall, _ = _timed(_raster, bare, 1)

    label = f"{len(cards)} cards x {passes}"
    r50, r90 = median(raster_wall), percentile(raster_wall, 90)
    p50, p90 = median(pdf_wall), percentile(pdf_wall, 90)
    results += [
        Result(NAME, f"raster p50 (render_front + to_raster, {label})", r50, "ms",
               target=f"< {TARGET_MS:g} ms", ok=r50 < TARGET_MS,
               note=f"max {max(raster_wall):.1f} ms; thread CPU p50 / p90 {median(raster_cpu):.1f} / "
                    f"{percentile(raster_cpu, 90):.1f} ms"),
        Result(NAME, "raster p90", r90, "ms"),
        Result(NAME, f"PDF proof p50 (3 pages to BytesIO, {label})", p50, "ms",
               target=f"< {TARGET_MS:g} ms", ok=p50 < TARGET_MS,
               note=f"max {max(pdf_wall):.1f} ms; thread CPU p50 / p90 {median(pdf_cpu):.1f} / "
                    f"{percentile(pdf_cpu, 90):.1f} ms"),
        Result(NAME, "PDF proof p90", p90, "ms"),
        Result(NAME, f"raster p50, no stored photo ({len(bare)} demo residents)", median(bare_wall), "ms",
               note="first render of a resident without photo/signature: the demo portrait and signature "
                    f"are drawn and PNG-encoded too; p90 {percentile(bare_wall, 90):.1f} ms"),
    ]
    return results
