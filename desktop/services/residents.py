"""Looking a citizen up by NIK and deciding whether a card may be printed for them here today."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.card import CardData
from desktop.domain.card_history import CardSeen, printed_elsewhere, same_day
from desktop.domain.job_outcome import citizen_blocker, unfinished_outcome
from desktop.domain.job_state import IN_PROGRESS
from desktop.domain.nik import NikInfo, parse_nik
from desktop.domain.quota import QuotaState
from desktop.domain.record_status import StatusInfo, status_info
from desktop.domain.regions import Regions
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services.approvals import returned_cards
from desktop.services.clock_guard import clock_problem
from desktop.services.quota import QuotaService
from desktop.store.models import Blanko, IssuedCard, PrintJob, Resident

log = logging.getLogger("ktp.residents")

_FIND_SQL = 'SELECT * FROM "resident" WHERE "nik" = ?'


@dataclass(frozen=True)
class ResidentView:
    """A resident as plain data (safe to pass between threads)."""

    id: str
    nik: str
    name: str
    birth_place: str
    birth_date: date
    sex: str
    blood_type: str
    address: str
    rt: int
    rw: int
    village_code: str
    village_name: str
    kecamatan_code: str
    kecamatan_name: str
    regency_code: str
    regency_header: str
    province_name: str
    religion: str
    marital_status: str
    occupation: str
    nationality: str
    record_status: str
    photo_png: bytes | None
    signature_png: bytes | None
    source: str = "import"  # demo / import / server


@dataclass(frozen=True)
class Verification:
    """What the verify page shows: the NIK check, the resident, the status, and why printing is blocked."""

    nik: NikInfo
    resident: ResidentView | None
    status: StatusInfo | None
    quota: QuotaState | None
    blockers: tuple[str, ...]  # one sentence each; empty when the resident may be printed for
    history: tuple[CardSeen, ...] = ()  # the NIK's cards from any station of the regency, newest first
    printed_today: str | None = None  # the blanko of this station's card of the NIK today (a reprint is asked)

    @property
    def printable(self) -> bool:
        return self.resident is not None and not self.blockers


class ResidentService:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions, quota: QuotaService) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions
        self.quota = quota
        # Set on an enrolled station: fetches a resident's photo and signature from the regency.
        self.image_fetcher: Callable[[str], object] | None = None
        # Why no card of a kecamatan can be printed here now (an enrolled station's leased rights).
        self.rights_blocker: Callable[[str], str | None] | None = None
        # A NIK's cards across the regency (services/card_history.py); None: this station's own only.
        self.history: Callable[[str, bool], list[CardSeen]] | None = None

    def find(self, nik: str) -> ResidentView | None:
        # A fixed SQL text: building peewee's query anew cost 0.3 ms of a 0.46 ms lookup (bench/).
        row = next(iter(Resident.raw(_FIND_SQL, nik)), None)
        return self._view(row) if row else None

    def verify(self, text: str, served: tuple[str, ...], ask_regency: bool = True) -> Verification:
        """The NIK checked for printing; `ask_regency`: the citizen's cards may be asked online when
        none are known here (never while a write lock is held)."""
        info = parse_nik(text, today=self.clock.today(), regions=self.regions)
        if not info.valid:
            return Verification(info, None, None, None, tuple(issue.message for issue in info.errors))
        resident = self.find(info.nik)
        if resident is None:
            return Verification(
                info, None, None, None,
                (f"NIK {info.nik} tidak ditemukan di data penduduk stasiun ini. Periksa kembali NIK pada KK; "
                 "jika benar, data mungkin belum tersinkron dari server kabupaten.",),
            )
        if resident.source == "server" and resident.photo_png is None and self.image_fetcher is not None:
            try:
                self.image_fetcher(resident.nik)
            except UserFacingError as exc:  # offline: said below, the counter goes on
                log.info("photo fetch failed: %s", exc.code)
            resident = self.find(info.nik)
        info = parse_nik(text, today=self.clock.today(), regions=self.regions,
                         recorded_birth_date=resident.birth_date)
        status = status_info(resident.record_status)
        blockers: list[str] = []
        if not status.printable:
            blockers.append(status_blocker(status))
        printed = printed_here(resident.nik, self.clock.today())
        unfinished = (PrintJob.select(PrintJob.fault)
                      .where((PrintJob.nik == resident.nik) & PrintJob.state.in_(IN_PROGRESS)).first())
        if unfinished is not None:  # its words from the one table (an uncertain end is not "sedang dicetak")
            blockers.append(citizen_blocker(unfinished_outcome(unfinished.fault, running=True)))
        elif printed:
            blockers.append(printed_here_blocker(printed))
        history = self.history(resident.nik, ask_regency) if self.history is not None else []
        elsewhere = printed_elsewhere_today(history, self.clock.today())
        if elsewhere is not None and not printed:  # another station's card today (DOMAIN.md, "One card per citizen")
            blockers.append(printed_elsewhere(elsewhere, self.clock.zone))
        if resident.source == "server" and resident.photo_png is None:
            # Never a card with a drawn face for a real resident.
            blockers.append(msg("Foto penduduk ini belum ada di stasiun. Sambungkan ke server kabupaten lalu "
                                "periksa lagi; bila tetap tidak ada, foto belum dikirim oleh Disdukcapil."))
        quota = None
        if resident.kecamatan_code not in served:
            blockers.append(other_kecamatan_blocker(resident))
        else:
            quota = self.quota.state(resident.kecamatan_code)
            no_right = self.rights_blocker(resident.kecamatan_code) if self.rights_blocker else None
            if quota.exhausted:
                blockers.append(quota_exhausted_message(quota))
            elif no_right:
                blockers.append(no_right)
        clock = clock_problem(self.clock)  # a moved clock would open another day's quota
        if clock is not None:
            blockers.append(clock)
        return Verification(info, resident, status, quota, tuple(blockers), history=tuple(history),
                            printed_today=printed)

    def card_data(self, resident: ResidentView, issue_place: str, issue_date: date) -> CardData:
        return CardData(
            nik=resident.nik,
            name=resident.name,
            birth_place=resident.birth_place,
            birth_date=resident.birth_date,
            sex=resident.sex,
            blood_type=resident.blood_type,
            address=resident.address,
            rt=resident.rt,
            rw=resident.rw,
            village=resident.village_name,
            kecamatan=resident.kecamatan_name,
            regency=resident.regency_header,
            province=resident.province_name,
            religion=resident.religion,
            marital_status=resident.marital_status,
            occupation=resident.occupation,
            issue_place=issue_place,
            issue_date=issue_date,
            nationality=resident.nationality,
            photo_png=resident.photo_png,
            signature_png=resident.signature_png,
        )

    def _view(self, row: Resident) -> ResidentView:
        regions = self.regions
        regency = regions.regency_of(row.kecamatan_code)
        province = regions.province_of(row.kecamatan_code)
        return ResidentView(
            id=row.id,
            nik=row.nik,
            name=row.name,
            birth_place=row.birth_place,
            birth_date=row.birth_date,
            sex=row.sex,
            blood_type=row.blood_type,
            address=row.address,
            rt=row.rt,
            rw=row.rw,
            village_code=row.village_code,
            village_name=regions.name(row.village_code) or row.village_code,
            kecamatan_code=row.kecamatan_code,
            kecamatan_name=regions.name(row.kecamatan_code) or row.kecamatan_code,
            regency_code=regency.code if regency else "",
            regency_header=regions.regency_header(regency.code) if regency else "",
            province_name=province.name if province else "",
            religion=row.religion,
            marital_status=row.marital_status,
            occupation=row.occupation,
            nationality=row.nationality,
            record_status=row.record_status,
            photo_png=bytes(row.photo) if row.photo else None,
            signature_png=bytes(row.signature) if row.signature else None,
            source=row.source,
        )


# The refusals the counter and the queue's door (desktop/services/queue.py) both give.
def status_blocker(status: StatusInfo) -> str:
    return msg("Status rekaman: {label}. {next_step}", label=status.label, next_step=status.next_step)


def other_kecamatan_blocker(resident: ResidentView) -> str:
    return msg("Penduduk berdomisili di Kecamatan {kecamatan_name}, yang tidak dilayani stasiun ini. "
               "Arahkan ke kantor kecamatan domisilinya.", kecamatan_name=resident.kecamatan_name)


def printed_here(nik: str, day: date) -> str | None:
    """The blanko of this station's card of the NIK on `day` (None: none)."""
    return (
        IssuedCard.select(Blanko.serial).join(Blanko)
        .where((IssuedCard.nik == nik) & (IssuedCard.day == day)
               & IssuedCard.id.not_in(returned_cards()))  # a card returned for a reprint is not in the way
        .scalar()
    )


def printed_here_blocker(printed: str) -> str:
    return msg("KTP-el untuk NIK ini sudah dicetak hari ini (blanko {printed}). Cetak ulang hanya "
               "dengan persetujuan supervisor.", printed=printed)


def printed_elsewhere_today(history: list[CardSeen], day: date) -> CardSeen | None:
    """Another station's card of the regency on `day` (a card back for an approved reprint is not in the way)."""
    returned = {row.card for row in returned_cards()}
    return same_day([c for c in history if c.id not in returned], day)


def quota_exhausted_message(quota: QuotaState) -> str:
    return (
        msg("Kuota hari ini untuk Kecamatan {kecamatan_name} sudah habis ({used}/{limit}). Supervisor dapat "
            "menaikkan kuota hari ini; bila tidak, layani penduduk pada hari berikutnya.",
            kecamatan_name=quota.kecamatan_name, used=quota.used, limit=quota.limit)
    )
