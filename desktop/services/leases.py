"""Print rights and blanko leased by the regency server: what an enrolled station may still print.

An enrolled station prints a card of a kecamatan only while it holds a right for that kecamatan and
the current day; the job holds the right from `queued` until it is settled (a spoiled card gives it
back, its blanko does not come back). Rights of a day expire at the office's midnight, measured on
the station's clock corrected by its offset from server time at the last contact, so they expire
offline too. A station whose clock is off by more than the server's limit, or that has not yet told
a restored server what it holds, prints nothing until that is put right. A station that was never
enrolled prints against its own quota as before (`take` returns today).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import SQL, SqliteDatabase, fn

from desktop.boottime import BootReading
from desktop.clock import Clock
from desktop.domain.audit_chain import blanko_effect
from desktop.domain.job_state import IN_PROGRESS
from desktop.domain.leases import LOW_WATER, MAX_SKEW_SECONDS, Lease, local_day
from desktop.domain.regions import Regions
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.revocation import revoked, revoked_sentence
from desktop.services.session import CurrentUser
from desktop.settings import (
    LEASE_BLANKO_SHORT,
    LEASE_CLOCK_SKEW,
    LEASE_CONTACT,
    LEASE_FROZEN,
    LEASE_REGENCY_TIME,
    LEASE_RENEW_FAILED,
    LEASE_RENEWED_AT,
    LEASE_REPORT_DUE,
    LEASE_SETTINGS,
    LEASE_SUSPENDED,
    STATION_ID,
    SYNC_DRIFT,
)
from desktop.store.models import (
    Blanko,
    BlankoMovement,
    BlankoRange,
    IssuedCard,
    PrintJob,
    QuotaLease,
    Station,
)

log = logging.getLogger("ktp.leases")

K_REPORT = LEASE_REPORT_DUE.key  # the stored key, for tests that look at the table itself


@dataclass(frozen=True)
class LeaseStatus:
    """What the header shows of an enrolled station's rights."""

    leases: tuple[Lease, ...]  # today's, one per served kecamatan
    renewed_at: datetime | None
    renew_failed: str | None
    blocker: str | None  # why nothing can be printed at all right now (clock, restore)
    drift: dict | None
    incoming_blanko: int
    low_water: int
    frozen: bool = False  # a restored server waits for other stations' reports
    blanko_short: bool = False  # the regency had no blanko to send

    def notice(self, supervisor: bool) -> str | None:
        """One sentence saying what the state of the rights means for the counter (None: all is well)."""
        if self.blocker:
            return self.blocker
        for lease in self.leases:
            if lease.left:
                continue
            if lease.granted == 0 and lease.renewed_at is None:
                return msg("Stasiun ini belum mendapat hak cetak hari ini untuk Kecamatan {name}: hak cetak datang "
                           "dari server kabupaten saat sinkronisasi; sambungkan stasiun ke server.",
                           name=lease.kecamatan_name)
            if lease.pool == 0:
                return msg("Kuota hari ini Kecamatan {name} sudah habis dibagi ke semua stasiun: kartu untuk "
                           "kecamatan ini tidak dapat dicetak lagi hari ini kecuali kabupaten menaikkan kuotanya.",
                           name=lease.kecamatan_name)
            if self.renew_failed or lease.renewed_at is None:
                return msg("Hak cetak Kecamatan {name} di stasiun ini habis dan tidak dapat diperbarui karena server "
                           "kabupaten tidak terjangkau: kartu untuk kecamatan ini baru dapat dicetak lagi setelah "
                           "stasiun tersambung.", name=lease.kecamatan_name)
            return msg("Hak cetak Kecamatan {name} di stasiun ini habis; stasiun sedang meminta tambahan ke server "
                       "kabupaten.", name=lease.kecamatan_name)
        low = [lease for lease in self.leases if lease.left <= self.low_water]
        if low and self.renew_failed:
            return msg("Hak cetak Kecamatan {name} tinggal {left} dan tidak dapat diperbarui karena server kabupaten "
                       "tidak terjangkau: setelah habis, kartu untuk kecamatan ini berhenti dicetak sampai stasiun "
                       "tersambung.", name=low[0].kecamatan_name, left=low[0].left)
        if self.frozen:
            return msg("Server kabupaten baru dipulihkan dan menunggu laporan stasiun lain: hak cetak yang ada tetap "
                       "dapat dipakai, tambahan baru diberikan setelah semua stasiun melapor.")
        if supervisor and self.drift:
            return drift_message(self.drift)
        if supervisor and self.incoming_blanko:
            return msg("{count} blanko dalam pengiriman dari kabupaten: konfirmasi di menu Supervisor > Terima blanko "
                       "saat kotaknya tiba.", count=self.incoming_blanko)
        if supervisor and self.blanko_short:
            return msg("Kabupaten tidak punya blanko untuk dikirim ke stasiun ini; minta admin kabupaten mencatat "
                       "penerimaan blanko.")
        return None


def skew_text(seconds: float) -> str:
    minutes = abs(seconds) / 60
    if minutes >= 2880:
        return msg("{n} hari", n=round(minutes / 1440))
    if minutes >= 120:
        return msg("{n} jam", n=round(minutes / 60))
    return msg("{n} menit", n=max(1, round(minutes)))


class LeaseService:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions

    # --- state ----------------------------------------------------------------------------------
    def enrolled(self) -> bool:
        return Station.select().where(Station.token.is_null(False)).exists()

    def settings(self) -> dict:
        return LEASE_SETTINGS.get()

    def skew(self) -> float:
        return LEASE_CLOCK_SKEW.get()

    def now(self) -> datetime:
        """Server time as this station best knows it: its clock less the offset measured at the last contact."""
        return self.clock.now_utc() - timedelta(seconds=self.skew())

    def day(self) -> date:
        return local_day(self.now(), self.clock.zone)

    def _used(self, kecamatan: str, day: date) -> int:
        issued = IssuedCard.select(fn.COUNT(SQL("*"))).where(
            (IssuedCard.kecamatan_code == kecamatan) & (IssuedCard.day == day)).scalar()
        held = PrintJob.select(fn.COUNT(SQL("*"))).where(
            (PrintJob.kecamatan_code == kecamatan) & (PrintJob.day == day) & PrintJob.state.in_(IN_PROGRESS)).scalar()
        return issued + held

    def lease(self, kecamatan: str, day: date | None = None) -> Lease:
        day = day or self.day()
        row = QuotaLease.get_or_none(QuotaLease.id == lease_id(kecamatan, day))
        return Lease(kecamatan, self.regions.name(kecamatan) or kecamatan, day, row.granted if row else 0,
                     row.returned if row else 0, self._used(kecamatan, day), row.renewed_at if row else None,
                     row.pool if row else None)

    def status(self, served: tuple[str, ...]) -> LeaseStatus:
        incoming = Blanko.select().where(Blanko.state == "incoming").count()
        return LeaseStatus(tuple(self.lease(k) for k in served), LEASE_RENEWED_AT.get(), LEASE_RENEW_FAILED.get(),
                           self.station_blocker(), SYNC_DRIFT.get(), incoming,
                           int(self.settings().get("low_water", LOW_WATER)), LEASE_FROZEN.get(),
                           LEASE_BLANKO_SHORT.get())

    def wants_renewal(self, served: tuple[str, ...]) -> bool:
        """A served kecamatan has no lease today, or no more than the low-water mark left."""
        low = int(self.settings().get("low_water", LOW_WATER))
        return any(self.lease(k).left <= low for k in served)

    def ahead_of_regency(self) -> float | None:
        """Seconds this clock is ahead of the regency's time now, as the last contact and the boot clock
        since then tell it (None in another boot, or without a boot clock): a date moved on after the
        handshake is measured against the regency, not only against the station's own records."""
        noted = LEASE_REGENCY_TIME.get()
        now = self.clock.now_utc()
        boot = getattr(now, "boot", None)
        if noted is None or boot is None or not boot.same_boot(BootReading(noted["boot"], noted["seconds"])):
            return None
        regency_now = datetime.fromisoformat(noted["server"]) + timedelta(seconds=boot.seconds - noted["seconds"])
        return (now - regency_now).total_seconds()

    # --- the checks printing goes through ---------------------------------------------------------
    def station_blocker(self) -> str | None:
        """Why this enrolled station may print nothing at all now (None when it may)."""
        if not self.enrolled():
            return None
        if revoked():
            return revoked_sentence()  # for good, before any suspension (desktop/services/revocation.py)
        suspended = LEASE_SUSPENDED.get()
        if suspended:
            return suspended  # the regency's own sentence (docs/sync-protocol.md, "Anomalies and suspension")
        limit = float(self.settings().get("max_skew_seconds", MAX_SKEW_SECONDS))
        skew = self.skew()
        if abs(skew) > limit:
            return msg("Jam komputer ini {direction} {amount} dari jam server kabupaten; pencetakan berhenti sampai "
                       "jam komputer dibetulkan dan stasiun tersinkron lagi.",
                       direction=msg("lebih cepat") if skew > 0 else msg("lebih lambat"), amount=skew_text(skew))
        ahead = self.ahead_of_regency()
        if ahead is not None and ahead > limit:
            return msg("Jam komputer ini {amount} lebih cepat dari jam server kabupaten (dihitung dari sinkronisasi "
                       "terakhir dan lamanya komputer berjalan sejak itu); pencetakan berhenti sampai jam komputer "
                       "dibetulkan dan stasiun tersinkron lagi.", amount=skew_text(ahead))
        contact = LEASE_CONTACT.get()
        if contact and self.clock.now_utc() < contact - timedelta(seconds=limit):
            return msg("Jam komputer ini mundur sejak sinkronisasi terakhir; pencetakan berhenti sampai jam komputer "
                       "dibetulkan dan stasiun tersinkron lagi.")
        if LEASE_REPORT_DUE.is_set():
            return msg("Server kabupaten baru dipulihkan dari cadangan: stasiun harus melaporkan hak cetaknya dulu. "
                       "Sinkronkan sekarang, lalu cetak lagi.")
        return None

    def blocker(self, kecamatan: str) -> str | None:
        """Why a card of this kecamatan cannot be printed here now (None when a right is left)."""
        if not self.enrolled():
            return None
        station = self.station_blocker()
        if station:
            return station
        lease = self.lease(kecamatan)
        if lease.left > 0:
            return None
        row = QuotaLease.get_or_none(QuotaLease.id == lease_id(kecamatan, lease.day))
        if row is None or row.granted == 0 and row.renewed_at is None:
            return msg("Stasiun ini belum mendapat hak cetak hari ini untuk Kecamatan {name}; hak cetak datang dari "
                       "server kabupaten saat sinkronisasi. Periksa sambungan ke server.", name=lease.kecamatan_name)
        if row.pool == 0:
            return msg("Kuota hari ini Kecamatan {name} sudah habis dibagi ke semua stasiun (kuota {limit}). Minta "
                       "supervisor mengajukan kenaikan kuota ke kabupaten, atau layani penduduk pada hari berikutnya.",
                       name=lease.kecamatan_name, limit=row.limit if row.limit is not None else "-")
        return msg("Hak cetak Kecamatan {name} di stasiun ini habis ({used} dari {granted} terpakai). Stasiun meminta "
                   "tambahan ke server kabupaten; bila stasiun luring, sambungkan dulu.", name=lease.kecamatan_name,
                   used=lease.used, granted=lease.granted - lease.returned)

    def take(self, kecamatan: str) -> date:
        """The day a new print job of this kecamatan is filed under; refuses when no right is left.
        Call inside the job's write transaction: the job row itself then holds the right."""
        if not self.enrolled():
            return self.clock.today()
        why = self.blocker(kecamatan)
        if why:
            raise UserFacingError(why, code="no_print_right")
        return self.day()

    # --- blanko leased by the regency ---------------------------------------------------------------
    def incoming_ranges(self) -> list[BlankoRange]:
        return list(BlankoRange.select().where(BlankoRange.confirmed_at.is_null()).order_by(BlankoRange.first))

    def confirm_range(self, user: CurrentUser, range_id: str) -> int:
        """The box of a leased range arrived: its blanko go into stock (a supervisor confirms it)."""
        user.require(Permission.RECEIVE_BLANKO)
        now = self.clock.now_utc()
        with self.db.atomic("IMMEDIATE"):
            box = BlankoRange.get_or_none(BlankoRange.id == range_id)
            if box is None:
                raise UserFacingError(msg("Rentang blanko ini tidak dikenal di stasiun ini."))
            if box.confirmed_at is not None:
                raise UserFacingError(msg("Blanko {first} s.d. {last} sudah dikonfirmasi diterima.", first=box.first,
                                          last=box.last))
            moved = Blanko.update(state="in_stock", updated_at=now).where(
                (Blanko.range_id == box.id) & (Blanko.state == "incoming")).execute()
            box.confirmed_at, box.confirmed_by = now, user.id
            box.save()
            station_id = STATION_ID.get()
            BlankoMovement.create(kind="receipt", quantity=moved, batch=f"range:{box.id}", station=station_id,
                                  reason="leased range arrived", user=user.id, at=now)
            audit.enqueue("blanko_range", box.id, "confirm", {"first": box.first, "last": box.last,
                                                              "count": box.count, "confirmed_at": now})
            audit.record("blanko.range_confirmed", user, at=now, effects=[blanko_effect(box.first, "in_stock",
                                                                                        box.last)],
                         range=box.id, first=box.first, last=box.last, count=moved)
        return moved


def drift_message(drift: dict) -> str:
    """One sentence for the supervisor about counts that differ from the server's."""
    parts = []
    for d in drift.get("differences", [])[:3]:
        what = msg("kartu {key}", key=d["key"].replace("|", " ")) if d["what"] == "cards" else msg(
            "blanko {key}", key=d["key"])
        parts.append(msg("{what}: stasiun {station}, server {server}", what=what, station=d["station"],
                         server=d["server"]))
    return msg("Hitungan stasiun ini berbeda dari server kabupaten setelah dikirim ulang ({details}); laporkan ke "
               "admin kabupaten untuk diperiksa.", details="; ".join(parts))


def lease_id(kecamatan: str, day: date) -> str:
    return f"{kecamatan}|{day.isoformat()}"
