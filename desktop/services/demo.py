"""Synthetic residents, users, station and stock for demos, training and benchmarks.

Residents are written in bulk without images: a demo resident's portrait and signature are drawn
from the NIK when first needed (desktop/render/portrait.py), so 100,000 residents take seconds.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.nik import build_nik
from desktop.domain.regions import Regions
from desktop.domain.roles import Role
from desktop.services import audit
from desktop.services.auth import AuthService
from desktop.services.demo_accounts import DEMO_USERS, mark_demo_database
from desktop.services.quota import QuotaService
from desktop.services.session import CurrentUser
from desktop.services.station import StationService
from desktop.services.stock import StockService
from desktop.store.models import Resident, new_id, utcnow

# Kota Tangerang Selatan, served from the Pamulang office as a hub, and the regency's busy quotas.
DEMO_KECAMATAN = ("36.74.06", "36.74.07", "36.74.04")
# A regency of several million (bench/ uses 3.5 M); more would only fill the disk.
MAX_DEMO_RESIDENTS = 5_000_000
DEMO_QUOTAS = {"36.74.06": 200, "36.74.03": 200, "36.74.07": 70, "36.74.04": 100}

MALE_NAMES = (
    "Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Kurniawan", "Muhammad", "Nur",
    "Rizky", "Agus", "Bambang", "Dimas", "Hadi", "Slamet", "Wahyu", "Yusuf", "Rudi", "Arif", "Teguh",
)
FEMALE_NAMES = (
    "Siti", "Dewi", "Sri", "Ani", "Fitri", "Indah", "Lestari", "Nurul", "Putri", "Rina", "Sari", "Wulan",
    "Ayu", "Dian", "Intan", "Maya", "Ratna", "Yuni", "Aisyah", "Nia", "Eka", "Tuti",
)
FAMILY_NAMES = (
    "Saputra", "Hidayat", "Setiawan", "Wijaya", "Kusuma", "Pratama", "Nugroho", "Santoso", "Rahman",
    "Hakim", "Permana", "Gunawan", "Sulistyo", "Susanto", "Maulana", "Firmansyah", "Lubis", "Siregar",
    "Nasution", "Hasibuan", "Sitompul", "Simanjuntak", "Harahap", "Tanjung", "Effendi", "Syahputra",
)
STREETS = (
    "Raya Pamulang", "Siliwangi", "Surya Kencana", "Pajajaran", "Benda Barat", "Cendrawasih", "Merpati",
    "Kenanga", "Melati", "Mawar", "Dahlia", "Flamboyan", "Raya Serpong", "Puspitek", "Ciater Raya",
    "Pahlawan Seribu", "Aria Putra", "Juanda", "Dewi Sartika", "Otista", "Kihajar Dewantara",
)
BIRTH_PLACES = ("TANGERANG", "JAKARTA", "BOGOR", "SERANG", "BANDUNG", "LEBAK", "PANDEGLANG", "SURABAYA",
                "SEMARANG", "MEDAN", "PADANG", "PALEMBANG", "CIREBON", "TANGERANG SELATAN")
RELIGIONS = (("ISLAM", 87), ("KRISTEN", 6), ("KATOLIK", 3), ("HINDU", 1), ("BUDDHA", 2), ("KONGHUCU", 1))
OCCUPATIONS = ("KARYAWAN SWASTA", "WIRASWASTA", "MENGURUS RUMAH TANGGA", "PELAJAR/MAHASISWA", "PEDAGANG",
               "PEGAWAI NEGERI SIPIL", "BURUH HARIAN LEPAS", "GURU", "PENSIUNAN", "BELUM/TIDAK BEKERJA")
BLOOD_TYPES = ("A", "B", "AB", "O", "-")
# Mostly print-ready, as at a real office; the rest are the statuses operators meet most.
RECORD_STATUSES = (
    ("PRINT_READY_RECORD", 880), ("SENT_FOR_ENROLLMENT", 40), ("DUPLICATE_RECORD", 20),
    ("PROCESSING", 15), ("BIO_CAPTURED", 10), ("ADJUDICATE_RECORD", 10), ("RECEIVED_AT_CENTRAL", 8),
    ("ENROLL_FAILURE_AT_CENTRAL", 5), ("SEARCH_FAILURE_AT_CENTRAL", 4), ("REQUEST_VALIDATION", 4),
    ("ENROLL_FAILURE_AT_REGIONAL", 2), ("UNREGISTERED", 2),
)



@dataclass(frozen=True)
class DemoCredentials:
    username: str
    password: str
    role: str


def generate_residents(
    db: SqliteDatabase, regions: Regions, count: int, kecamatan: Sequence[str], *, seed: int = 2026,
    today: date | None = None, batch_size: int = 2000,
) -> int:
    """Insert `count` synthetic residents spread over `kecamatan`; returns how many were written."""
    if not 0 <= count <= MAX_DEMO_RESIDENTS or not kecamatan:
        raise ValueError(f"0..{MAX_DEMO_RESIDENTS} residents over at least one kecamatan, not {count} over {kecamatan}")
    rng = random.Random(seed)
    today = today or date.today()
    villages = {code: [v.code for v in regions.villages_in(code)] or [code + ".1001"] for code in kecamatan}
    # The NIK keeps the kecamatan of first registration: one in ten was registered elsewhere.
    origin_codes = [r.code for r in regions.kecamatan_in("36.03")] + [r.code for r in regions.kecamatan_in("36.74")]
    used = {nik for (nik,) in Resident.select(Resident.nik).tuples().iterator()}
    statuses, status_weights = zip(*RECORD_STATUSES, strict=True)
    religions, religion_weights = zip(*RELIGIONS, strict=True)
    now = utcnow()
    written = 0
    rows: list[dict] = []
    # One short transaction per batch: a running station must not wait for the whole generation.
    while written < count:
        home = kecamatan[written % len(kecamatan)]
        origin = home if rng.random() < 0.9 else rng.choice(origin_codes)
        sex = rng.choice("LP")
        born = today - timedelta(days=rng.randint(17 * 365 + 5, 80 * 365))
        nik = build_nik(origin, born, sex, rng.randint(1, 9999))
        if nik in used:
            continue
        used.add(nik)
        first = rng.choice(MALE_NAMES if sex == "L" else FEMALE_NAMES)
        name = f"{first} {rng.choice(FAMILY_NAMES)}".upper()
        if rng.random() < 0.3:
            name = f"{rng.choice(MALE_NAMES if sex == 'L' else FEMALE_NAMES)} {name}".upper()
        married = (today - born).days > 25 * 365 and rng.random() < 0.75
        rows.append({
            "id": new_id(), "nik": nik, "name": name, "birth_place": rng.choice(BIRTH_PLACES),
            "birth_date": born, "sex": sex, "blood_type": rng.choice(BLOOD_TYPES),
            "address": f"JL. {rng.choice(STREETS).upper()} NO. {rng.randint(1, 250)}",
            "rt": rng.randint(1, 15), "rw": rng.randint(1, 12), "village_code": rng.choice(villages[home]),
            "kecamatan_code": home, "religion": rng.choices(religions, religion_weights)[0],
            "marital_status": "KAWIN" if married else "BELUM KAWIN", "occupation": rng.choice(OCCUPATIONS),
            "nationality": "WNI", "record_status": rng.choices(statuses, status_weights)[0],
            "photo": None, "signature": None, "source": "demo", "updated_at": now,
        })
        written += 1
        if len(rows) >= batch_size:
            _store_batch(db, rows)
            rows.clear()
    if rows:
        _store_batch(db, rows)
    return written


def _store_batch(db: SqliteDatabase, rows: list[dict]) -> None:
    """One batch with its entry, whose claims hold each record status as generated (row_claims)."""
    with db.atomic("IMMEDIATE"):
        Resident.insert_many(rows).execute()
        for row in rows:
            audit.claim("resident", row["nik"])
        audit.record("residents.demo", None, at=utcnow(), count=len(rows))


def setup_demo(
    db: SqliteDatabase, clock: Clock, regions: Regions, residents: int = 2000, blanko: int = 300,
    printer_uri: str = "sim://demo?delay=2",
) -> list[DemoCredentials]:
    """A ready station: Pamulang hub, demo users, quotas, blanko, a simulated printer and residents."""
    auth = AuthService(db, clock)
    stations = StationService(db, clock, regions)
    stock = StockService(db, clock)
    mark_demo_database()  # first: the demo passwords are allowed in a demo database only
    creds = []
    admin: CurrentUser | None = None
    for username, full_name, password, role in DEMO_USERS:
        user = auth.create_user(None, username, full_name, password, role)
        admin = user if role == Role.ADMIN else admin
        creds.append(DemoCredentials(username, password, str(role)))
    station = stations.setup(admin, DEMO_KECAMATAN[0], list(DEMO_KECAMATAN))
    stations.add_printer(admin, printer_uri, "Printer simulasi")
    quota = QuotaService(db, clock, regions)
    for code, limit in DEMO_QUOTAS.items():  # audited like any quota: the chain must explain it
        quota.set_standing_limit(admin, code, limit)
    if blanko:
        stock.receive(admin, station.id, blanko, "DEMO-2026-001", "blanko demo")
    generate_residents(db, regions, residents, DEMO_KECAMATAN, today=clock.today())
    return creds


def sample_niks(limit_per_status: int = 1) -> dict[str, list[str]]:
    """A few NIKs per record status, for the demo hint on the verify page."""
    found: dict[str, list[str]] = {}
    for status in ("PRINT_READY_RECORD", "SENT_FOR_ENROLLMENT", "DUPLICATE_RECORD"):
        query = (Resident.select(Resident.nik).where(Resident.record_status == status)
                 .order_by(Resident.nik).limit(limit_per_status))
        found[status] = [r.nik for r in query]
    return found
