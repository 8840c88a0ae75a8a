"""Claims on a NIK for a day, and the regency's card history (docs/sync-protocol.md, "Claims" and
"Card history").

Before a station reserves a blanko it claims the NIK for the day here. The claim is refused when
another station claimed the NIK that day and has not given it back, or when any station's card for
that NIK and day is known, unless the claim names a reprint approval. Claims of one NIK are made one
at a time (an advisory lock per NIK on PostgreSQL, the write lock on SQLite), so two stations asking
at once cannot both get it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from peewee import fn

from server import audit, leases
from server.db import database, is_postgres, write_transaction
from server.errors import ApiError, invalid, not_found
from server.models import (
    IssuedCard,
    NikClaim,
    QuotaLease,
    ReprintApproval,
    Resident,
    ServerUser,
    Station,
    utcnow,
)

HISTORY_DAYS = 400  # how far back the counter's card history reaches (stations keep this much)
SWEEP_GRACE = timedelta(minutes=2)  # a claim this young may still be on its way to its job
CARDS_ANSWERED = 50  # the most cards GET /v1/cards returns for one NIK (newest first)
# A reprint approval's reference, as issue 18's approval will make them: a UUID (docs/sync-protocol.md).
APPROVAL = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def check_approval(reference: str | None) -> str | None:
    """A reprint approval reference as the server accepts it (None when absent); 422 otherwise."""
    if reference is None:
        return None
    if not isinstance(reference, str) or not APPROVAL.fullmatch(reference):
        raise invalid("Rujukan persetujuan cetak ulang tidak sah.")
    return reference.lower()


APPROVERS = ("supervisor", "admin")


def bad_reference(why: str) -> ApiError:
    return ApiError(409, "bad_reference", f"Persetujuan cetak ulang ini tidak diterima server kabupaten: {why}.")


def _serves(user: ServerUser, station: Station) -> bool:
    """A regency user serves the station: no kecamatan listed (all), or one the station serves."""
    listed = {code.strip() for code in (user.kecamatan or "").split(",") if code.strip()}
    return not listed or bool(listed & set(station.served_codes))


def record_approval(station: Station, nik: str, day: date, reference: str, approval: dict | None) -> ReprintApproval:
    """The reprint approval a claim names, recorded (or found, when the claim is asked again) and
    checked: of this station, NIK and server day, asked by one user and given by another, a supervisor
    or admin serving the station, not yet used by a card. 409 `bad_reference` otherwise."""
    row = ReprintApproval.get_or_none(ReprintApproval.id == reference)
    if row is None:
        if not isinstance(approval, dict):
            raise bad_reference("rinciannya tidak dikirim bersama klaim")
        asked, approved = str(approval.get("asked_by") or "")[:64], str(approval.get("approved_by") or "")[:64]
        card_id = str(approval.get("card") or "")[:64]
        if str(approval.get("day") or "") != str(day) or str(approval.get("nik") or "") != nik:
            raise bad_reference("bukan untuk NIK ini pada hari ini")
        if not asked or not card_id or asked == approved:
            raise bad_reference("yang menyetujui harus orang lain dari yang meminta")
        approver = ServerUser.get_or_none(ServerUser.username == approved)
        if (approver is None or not approver.active or approver.role not in APPROVERS
                or not _serves(approver, station)):
            raise bad_reference(f"{approved or '-'} bukan supervisor atau admin yang melayani stasiun ini")
        row = ReprintApproval.create(id=reference, station=station.id, nik=nik, day=day, asked_by=asked,
                                     approved_by=approved, card_id=card_id, recorded_at=utcnow())
    if row.station_id != station.id or row.nik != nik or str(row.day)[:10] != str(day):
        raise bad_reference("bukan untuk NIK ini pada hari ini di stasiun ini")
    if row.used_by is not None:
        raise bad_reference("sudah dipakai untuk kartu lain")
    return row


def valid_reference(station_id: str, card_id: str, nik: str, day: date, reference: str) -> bool:
    """A pushed card's reprint reference (in the push's transaction): an approval the server recorded
    for this station, NIK and day, naming an earlier card of that NIK and day, used by no other card.
    A valid one is marked used by this card."""
    row = ReprintApproval.get_or_none(ReprintApproval.id == reference)
    if (row is None or row.station_id != station_id or row.nik != nik or str(row.day)[:10] != str(day)[:10]
            or row.used_by not in (None, card_id) or row.card_id == card_id):
        return False
    returned = IssuedCard.get_or_none(IssuedCard.id == row.card_id)
    if returned is None or returned.nik != nik or str(returned.day)[:10] != str(day)[:10]:
        return False
    ReprintApproval.update(used_by=card_id).where(ReprintApproval.id == reference).execute()
    return True


def card_view(card: IssuedCard, station: Station) -> dict:
    """A card as stations learn it (pull kind `card`, GET /v1/cards)."""
    return {"id": card.id, "nik": card.nik, "kecamatan_code": card.kecamatan_code, "day": str(card.day)[:10],
            "station": station.code, "station_name": station.name, "blanko": card.blanko_serial,
            "reason": card.reason, "issued_at": card.issued_at, "spoiled": card.spoiled,
            "reprint_approval": card.reprint_approval}


def _resident_served(station: Station, nik: str) -> Resident:
    resident = Resident.get_or_none(Resident.nik == nik)
    if resident is None or resident.kecamatan_code not in station.served_codes:
        raise not_found("Penduduk ini tidak ada di kecamatan yang dilayani stasiun ini.")
    return resident


def _lock_nik(nik: str) -> None:
    if is_postgres():  # SQLite: the write transaction holds the database's one write lock
        database.obj.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"claim:{nik}",))


def _holder(kind: str, station: Station, at: str, blanko: str | None) -> dict:
    return {"state": kind, "station": station.code, "station_name": station.name, "at": at, "blanko": blanko}


def _taken(nik: str, day: date, station: Station) -> dict | None:
    """Who holds the NIK for the day against this station: a card of any station, else another
    station's open claim."""
    card = (IssuedCard.select(IssuedCard, Station).join(Station)
            .where((IssuedCard.nik == nik) & (IssuedCard.day == day)).order_by(IssuedCard.issued_at.desc()).first())
    if card is not None:
        return _holder("printed", card.station, card.issued_at, card.blanko_serial)
    other = (NikClaim.select(NikClaim, Station).join(Station)
             .where((NikClaim.nik == nik) & (NikClaim.day == day) & NikClaim.released_at.is_null()
                    & (NikClaim.station != station.id)).order_by(NikClaim.claimed_at).first())
    if other is not None:
        return _holder("claimed", other.station, other.claimed_at.isoformat() + "Z", None)
    return None


def _refusal(holder: dict) -> ApiError:
    if holder["state"] == "printed":
        message = (f"KTP-el untuk NIK ini sudah dicetak hari ini (blanko {holder['blanko']}, di {holder['station_name']}, "
                   f"{holder['at']}). Cetak ulang hanya dengan persetujuan supervisor.")
    else:
        message = (f"KTP-el untuk NIK ini sedang dicetak di {holder['station_name']} (sejak {holder['at']}). Tunggu "
                   "sampai kartunya keluar dari printer.")
    return ApiError(409, "nik_taken", message, holder=holder)


def claim(station: Station, nik: str, job_id: str | None, reprint_approval: str | None,
          details: dict | None = None) -> dict:
    """Claim `nik` for today (the server's day) for `station`; 409 `nik_taken` with who holds it. A
    reprint reference is checked and recorded with the approval's `details`."""
    approval = check_approval(reprint_approval)
    now = utcnow()
    day = leases.today(now)
    with write_transaction():
        resident = _resident_served(station, nik)
        _lock_nik(nik)
        own = (NikClaim.select().where((NikClaim.nik == nik) & (NikClaim.day == day) & (NikClaim.station == station.id)
                                       & NikClaim.released_at.is_null()).first())
        holder = _taken(nik, day, station)
        if approval is not None:
            row = record_approval(station, nik, day, approval, details)
            if holder is not None and holder["state"] == "printed" and not IssuedCard.select().where(
                    (IssuedCard.id == row.card_id) & (IssuedCard.nik == nik) & (IssuedCard.day == day)).exists():
                raise bad_reference("kartu yang dikembalikan tidak dikenal server untuk NIK ini hari ini")
        # A reprint approval answers an earlier card; nothing answers another station printing right now.
        if holder is not None and (approval is None or holder["state"] == "claimed"):
            raise _refusal(holder)
        if own is not None:  # its retry after a spoiled card, or the same claim asked again
            own.job_id = job_id or own.job_id
            own.reprint_approval = approval or own.reprint_approval
            own.save()
            return _claim_view(own)
        _within_rights(station, resident.kecamatan_code, day)
        made = NikClaim.create(station=station.id, nik=nik, kecamatan_code=resident.kecamatan_code, day=day,
                               job_id=job_id, reprint_approval=approval, claimed_at=now)
    return _claim_view(made)


def _within_rights(station: Station, kecamatan: str, day: date) -> None:
    """A station's open claims never exceed the print rights it holds: a stolen token cannot block
    a regency's citizens."""
    held = (QuotaLease.select(fn.COALESCE(fn.SUM(QuotaLease.granted - QuotaLease.returned), 0))
            .where((QuotaLease.station == station.id) & (QuotaLease.kecamatan_code == kecamatan)
                   & (QuotaLease.day == day)).scalar() or 0)
    open_claims = NikClaim.select().where((NikClaim.station == station.id) & (NikClaim.kecamatan_code == kecamatan)
                                          & (NikClaim.day == day) & NikClaim.released_at.is_null()).count()
    if open_claims >= held:
        raise ApiError(409, "no_rights", f"Stasiun ini sudah memegang {open_claims} klaim NIK hari ini untuk kecamatan "
                                         f"{kecamatan}, sebanyak hak cetak yang dipegangnya ({held}).")


def _claim_view(row: NikClaim) -> dict:
    return {"claim_id": row.id, "nik": row.nik, "day": str(row.day)[:10], "kecamatan_code": row.kecamatan_code,
            "job_id": row.job_id, "reprint_approval": row.reprint_approval,
            "claimed_at": row.claimed_at.isoformat() + "Z"}


def release(station: Station, claim_id: str, by: str | None = None) -> dict:
    """A station gives back its own claim (its job was released; `by`: the supervisor who asked)."""
    with write_transaction():
        row = NikClaim.get_or_none((NikClaim.id == claim_id) & (NikClaim.station == station.id))
        if row is None:
            raise not_found("Klaim ini tidak ada di server untuk stasiun ini.")
        if row.released_at is None:
            row.released_at = utcnow()
            row.released_by = f"supervisor:{by[:64]}@{station.code}" if by else f"station:{station.code}"
            row.save()
            if by:
                audit.record(f"station:{station.code}", "claim.release", claim=row.id, by=by, day=str(row.day)[:10])
    return _claim_view(row) | {"released": True}


def sweep(station: Station, keep: list[str]) -> int:
    """At a station's round: its open claims of today and earlier with no job behind them (not in
    `keep`) and no card expire. Returns how many did."""
    now = utcnow()
    released = 0
    with write_transaction():
        for row in NikClaim.select().where((NikClaim.station == station.id) & NikClaim.released_at.is_null()
                                           & (NikClaim.claimed_at < now - SWEEP_GRACE)):
            if row.id in keep:
                continue
            printed = IssuedCard.select().where((IssuedCard.station == station.id) & (IssuedCard.nik == row.nik)
                                                & (IssuedCard.day == row.day)).exists()
            if printed:
                continue
            row.released_at, row.released_by = now, "expired"
            row.save()
            released += 1
    return released


def admin_release(actor: str, claim_id: str) -> dict:
    """The regency admin gives a claim back (audited)."""
    with write_transaction():
        row = NikClaim.get_or_none(NikClaim.id == claim_id)
        if row is None:
            raise not_found(f"Klaim {claim_id} tidak ditemukan.")
        if row.released_at is None:
            row.released_at, row.released_by = utcnow(), actor
            row.save()
            audit.record(actor, "claim.release", claim=row.id, station=row.station_id, day=str(row.day)[:10])
    return _claim_view(row) | {"released": True}


def open_claims(day: date | None = None) -> list[dict]:
    """Claims not given back for a day (today by default), with their station: the admin's list."""
    day = day or leases.today()
    query = (NikClaim.select(NikClaim, Station).join(Station)
             .where((NikClaim.day == day) & NikClaim.released_at.is_null()).order_by(NikClaim.claimed_at))
    return [_claim_view(row) | {"station": row.station.code, "station_name": row.station.name} for row in query]


def cards_of(station: Station, nik: str) -> dict:
    """GET /v1/cards?nik=: the NIK's cards from any station (newest first), for a resident of a
    kecamatan this station serves."""
    _resident_served(station, nik)
    since = leases.today() - timedelta(days=HISTORY_DAYS)
    return {"nik": nik, "cards": issued_cards(nik=nik, since=since, limit=CARDS_ANSWERED)}


def issued_cards(*, nik: str | None = None, day: date | None = None, kecamatan: str | None = None,
                 since: date | None = None, limit: int | None = None) -> list[dict]:
    """Issued cards, newest first, as stations learn them: the one query behind GET /v1/cards and
    `ktp-mandiri-server cards` (by NIK, day, kecamatan)."""
    query = IssuedCard.select(IssuedCard, Station).join(Station)
    if nik is not None:
        query = query.where(IssuedCard.nik == nik)
    if day is not None:
        query = query.where(IssuedCard.day == day)
    if since is not None:
        query = query.where(IssuedCard.day >= since)
    if kecamatan is not None:
        query = query.where(IssuedCard.kecamatan_code == kecamatan)
    query = query.order_by(IssuedCard.day.desc(), IssuedCard.issued_at.desc())
    if limit is not None:
        query = query.limit(limit)
    return [card_view(card, card.station) for card in query]
