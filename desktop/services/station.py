"""This print station: its kecamatan, the kecamatan it serves (a hub serves several), its printers."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import SqliteDatabase

from desktop.clock import Clock
from desktop.domain.limits import FREE_TEXT_MAX, PRINTER_NAME, STATION_NAME, check_length
from desktop.domain.regions import Regions, dotted, issue_place_for
from desktop.domain.roles import Permission
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.session import CurrentUser
from desktop.settings import STATION_ID
from desktop.store.models import PrinterConfig, PrintJob, Station


def enrolled() -> bool:
    """True on a station enrolled with the regency server: its users, residents and quotas come from there."""
    return Station.select().where(Station.token.is_null(False)).exists()


@dataclass(frozen=True)
class StationInfo:
    id: str
    name: str
    kecamatan_code: str
    served: tuple[str, ...]  # kecamatan codes, own first
    issue_place: str
    printers: tuple[str, ...]  # configured printer URIs, in order of preference
    enrolled: bool = False  # has a token of the regency server: syncs with it
    printer_names: dict[str, str] = field(default_factory=dict)  # URI -> the name given when it was added


class StationService:
    def __init__(self, db: SqliteDatabase, clock: Clock, regions: Regions) -> None:
        self.db = db
        self.clock = clock
        self.regions = regions

    def current(self) -> StationInfo | None:
        station_id = STATION_ID.get()
        station = Station.get_or_none(Station.id == station_id) if station_id is not None else None
        if station is None:
            return None
        printers = (
            PrinterConfig.select(PrinterConfig.uri, PrinterConfig.name)
            .where((PrinterConfig.station == station) & (PrinterConfig.active == True))  # noqa: E712
            .order_by(PrinterConfig.added_at)
        )
        return StationInfo(
            id=station.id,
            name=station.name,
            kecamatan_code=station.kecamatan_code,
            served=tuple(c for c in station.served_kecamatan.split(",") if c),
            issue_place=station.issue_place,
            printers=tuple(p.uri for p in printers),
            enrolled=bool(station.token),
            printer_names={p.uri: p.name for p in printers if p.name and p.name != p.uri},
        )

    def require(self) -> StationInfo:
        info = self.current()
        if info is None:
            raise UserFacingError(msg("Stasiun cetak belum disiapkan. Jalankan penyiapan stasiun terlebih "
                                      "dahulu."))
        return info

    def setup(
        self, actor: CurrentUser | None, kecamatan_code: str, served: list[str] | None = None, name: str | None = None
    ) -> StationInfo:
        """Create (or replace the settings of) this station for a kecamatan office or hub."""
        check_length(name, FREE_TEXT_MAX, STATION_NAME)
        kecamatan_code = dotted(kecamatan_code)
        served_codes = [dotted(c) for c in (served or [])]
        if kecamatan_code not in served_codes:
            served_codes.insert(0, kecamatan_code)
        for code in served_codes:
            region = self.regions.get(code)
            if region is None or code.count(".") != 2:
                raise UserFacingError(msg('Kode kecamatan {code} tidak dikenal.', code=code))
        issue_place = issue_place_for(self.regions, kecamatan_code)
        kec_name = self.regions.name(kecamatan_code)
        with self.db.atomic("IMMEDIATE"):
            station = Station.create(
                name=name or f"Kecamatan {kec_name}",
                kecamatan_code=kecamatan_code,
                served_kecamatan=",".join(served_codes),
                issue_place=issue_place,
            )
            STATION_ID.set(station.id)
            audit.record("station.setup", actor, at=self.clock.now_utc(), kecamatan=kecamatan_code,
                         served=served_codes)
        return self.require()

    def add_printer(self, actor: CurrentUser | None, uri: str, name: str | None = None) -> None:
        if actor is not None:
            actor.require(Permission.MANAGE_USERS)  # station set-up is the regency admin's
        check_length(name, FREE_TEXT_MAX, PRINTER_NAME)
        station = self.require()
        if uri in station.printers:
            raise UserFacingError(msg('Printer ini sudah terdaftar di stasiun ini dengan nama {name}.',
                                      name=station.printer_names.get(uri, uri)))
        if name and name in station.printer_names.values():  # operators choose printers by name
            raise UserFacingError(msg('Nama printer {name} sudah dipakai printer lain di stasiun ini; pilih nama '
                                      'lain.', name=name))
        with self.db.atomic("IMMEDIATE"):
            PrinterConfig.create(station=station.id, uri=uri, name=name or uri, added_at=self.clock.now_utc())
            audit.record("printer.add", actor, at=self.clock.now_utc(), uri=uri)

    def remove_printer(self, actor: CurrentUser | None, uri: str) -> None:
        """Take a printer off this station; refused while a print job on it is not finished (its blanko
        and the supervisor's question still name that printer)."""
        from desktop.domain.job_state import IN_PROGRESS as IN_PROGRESS_STATES

        if actor is not None:
            actor.require(Permission.MANAGE_USERS)
        station = self.require()
        if uri not in station.printers:
            raise UserFacingError(msg('Printer {uri} tidak terdaftar di stasiun ini.', uri=uri))  # as typed
        name = station.printer_names.get(uri, uri)
        with self.db.atomic("IMMEDIATE"):
            # A job records the printer's URI without its query (sim://NAME) or whole (spooler://, usb://).
            unfinished = PrintJob.select().where(
                (PrintJob.station == station.id) & PrintJob.printer_uri.in_([uri, uri.split("?", 1)[0]])
                & PrintJob.state.in_(IN_PROGRESS_STATES)
            )
            if unfinished.exists():
                raise UserFacingError(
                    msg("Printer {name} masih punya pekerjaan cetak yang belum selesai; tunggu sampai selesai "
                        "atau minta supervisor menyatakan hasilnya, lalu hapus lagi.", name=name),
                    code="printer_in_use",
                )
            PrinterConfig.update(active=False).where(
                (PrinterConfig.station == station.id) & (PrinterConfig.uri == uri) & (PrinterConfig.active == True)  # noqa: E712
            ).execute()
            audit.record("printer.remove", actor, at=self.clock.now_utc(), uri=uri)

