"""The regency panel's figures as the server sends them (`GET /v1/admin/panel`), checked: the reply is
another machine's bytes, so each field is taken only when it has the type it should; a row that cannot
be read is left out and counted (`unreadable`), never guessed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

GREEN, AMBER, RED = "green", "amber", "red"
TEXT_MAX = 400  # characters of a sentence from the server shown on the panel


@dataclass(frozen=True)
class PrinterState:
    name: str
    state: str
    ribbon_left: int | None


@dataclass(frozen=True)
class Suspension:
    rule: str
    since: str
    sentence: str


@dataclass(frozen=True)
class KecamatanRow:
    code: str
    name: str
    quota: int
    printed: int
    rights_held: int
    remaining: int
    spoiled: dict[str, int]
    reprints: int
    blanko_in_stock: int
    blanko_days_left: float | None
    state: str
    state_reason: str


@dataclass(frozen=True)
class StationRow:
    id: str
    code: str
    name: str
    kecamatan_code: str
    served: list[str]
    last_seen: datetime | None
    offline_seconds: int | None
    rights_held: int
    printers: list[PrinterState]
    ribbon_alert: bool
    anomalies: int
    suspended: Suspension | None
    revoked: bool


@dataclass(frozen=True)
class PanelFigures:
    day: str
    as_of: datetime | None
    kecamatan: list[KecamatanRow]
    stations: list[StationRow]
    quota_requests_waiting: int
    anomalies_open: int
    unreadable: int = 0  # rows left out: the server sent something this desktop cannot read


@dataclass(frozen=True)
class DayPoint:
    """One day of the 30-day chart (the office panel's chart draws these)."""

    day: date
    quota: int
    printed: int
    spoiled: int
    extra: dict = field(default_factory=dict)


class Unreadable(ValueError):
    pass


def _int(value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Unreadable(value)
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else _int(value)


def _text(value: object, limit: int = TEXT_MAX) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Unreadable(value)
    return value[:limit]


def _time(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(_text(value, 64).replace("Z", "+00:00"))
    except ValueError as exc:
        raise Unreadable(value) from exc
    return moment


def _kecamatan(row: dict) -> KecamatanRow:
    spoiled = row.get("spoiled") or {}
    if not isinstance(spoiled, dict):
        raise Unreadable(spoiled)
    days_left = row.get("blanko_days_left")
    if days_left is not None and (isinstance(days_left, bool) or not isinstance(days_left, int | float)
                                  or days_left < 0):
        raise Unreadable(days_left)
    state = row.get("state")
    if state not in (GREEN, AMBER, RED):
        raise Unreadable(state)
    return KecamatanRow(_text(row.get("code"), 16), _text(row.get("name"), 120), _int(row.get("quota")),
                        _int(row.get("printed")), _int(row.get("rights_held", 0)),
                        _int(row.get("remaining"), minimum=-10**9),
                        {_text(k, 40): _int(v) for k, v in spoiled.items()}, _int(row.get("reprints", 0)),
                        _int(row.get("blanko_in_stock", 0)), days_left, state, _text(row.get("state_reason")))


def _station(row: dict) -> StationRow:
    printers = []
    for printer in row.get("printers") or []:
        if not isinstance(printer, dict):
            raise Unreadable(printer)
        printers.append(PrinterState(_text(printer.get("name"), 120), _text(printer.get("state"), 40),
                                     _optional_int(printer.get("ribbon_left"))))
    suspended = row.get("suspended")
    if suspended is not None:
        if not isinstance(suspended, dict):
            raise Unreadable(suspended)
        suspended = Suspension(_text(suspended.get("rule"), 64), _text(suspended.get("since"), 64),
                               _text(suspended.get("sentence")))
    served = row.get("served") or []
    if not isinstance(served, list):
        raise Unreadable(served)
    return StationRow(_text(row.get("id"), 64), _text(row.get("code"), 64), _text(row.get("name"), 120),
                      _text(row.get("kecamatan_code"), 16), [_text(s, 16) for s in served],
                      _time(row.get("last_seen")), _optional_int(row.get("offline_seconds")),
                      _int(row.get("rights_held", 0)), printers, row.get("ribbon_alert") is True,
                      _int(row.get("anomalies", 0)), suspended, row.get("revoked") is True)


def _each(rows: object, read) -> tuple[list, int]:
    found, bad = [], 0
    for row in rows if isinstance(rows, list) else []:
        try:
            if not isinstance(row, dict):
                raise Unreadable(row)
            found.append(read(row))
        except Unreadable:
            bad += 1
    return found, bad


def parse_panel(reply: object) -> PanelFigures:
    reply = reply if isinstance(reply, dict) else {}
    kecamatan, bad_k = _each(reply.get("kecamatan"), _kecamatan)
    stations, bad_s = _each(reply.get("stations"), _station)
    try:
        as_of = _time(reply.get("as_of"))
        waiting, anomalies = _int(reply.get("quota_requests_waiting", 0)), _int(reply.get("anomalies_open", 0))
        day = _text(reply.get("day"), 10)
    except Unreadable:
        as_of, waiting, anomalies, day, bad_k = None, 0, 0, "", bad_k + 1
    return PanelFigures(day, as_of, kecamatan, stations, waiting, anomalies, bad_k + bad_s)


def parse_history(reply: object) -> list[DayPoint]:
    days = reply.get("days") if isinstance(reply, dict) else None

    def point(row: dict) -> DayPoint:
        try:
            day = date.fromisoformat(_text(row.get("day"), 10))
        except ValueError as exc:
            raise Unreadable(row) from exc
        spoiled = row.get("spoiled", 0)  # a number, or the day's spoiled blanko by reason
        spoiled = sum(_int(n) for n in spoiled.values()) if isinstance(spoiled, dict) else _int(spoiled)
        return DayPoint(day, _int(row.get("quota", 0)), _int(row.get("printed", 0)), spoiled)

    return sorted(_each(days, point)[0], key=lambda p: p.day)


@dataclass(frozen=True)
class StandingQuota:
    """One kecamatan of `GET /v1/admin/quotas`: its standing quota and its day quotas from today on
    ((day, daily limit, reason), oldest first)."""

    code: str
    name: str
    standing: int
    days: list[tuple[str, int, str]]


def parse_standing_quotas(reply: object) -> tuple[list[StandingQuota], int]:
    """The standing quotas the server sends, checked; (rows, rows that could not be read)."""

    def row(item: dict) -> StandingQuota:
        days = item.get("days") or []
        if not isinstance(days, list) or not all(isinstance(d, dict) for d in days):
            raise Unreadable(days)
        overrides = []
        for d in days:
            try:
                day = date.fromisoformat(_text(d.get("day"), 10)).isoformat()
            except ValueError as exc:
                raise Unreadable(d) from exc
            overrides.append((day, _int(d.get("daily_limit")), _text(d.get("reason"), 120)))
        return StandingQuota(_text(item.get("code"), 16), _text(item.get("name"), 120), _int(item.get("standing")),
                             sorted(overrides))

    return _each(reply.get("kecamatan") if isinstance(reply, dict) else None, row)
