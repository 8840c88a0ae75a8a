"""A stolen, broken or revoked station (issue 20, item 4; docs/server-install.md, "Stolen or broken
station"): what it was leased and what of it reached the regency, and the users whose password hashes
it held. Read-only; the write-off itself is blanko_ledger.write_off_revoked.
"""

from __future__ import annotations

from desktop.domain.leases import regency_serial
from desktop.domain.roles import Role
from desktop.domain.serving import codes, serves_user
from server.blanko_ledger import REVOKED_REASON, station_balance
from server.models import BlankoRange, BlankoSpoil, IssuedCard, ServerUser, Station
from server.registry import find_station, station_view


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def blanko_account(ident: str) -> dict:
    """The station's leased ranges (with when its box was confirmed there) and what arrived from it:
    cards, spoiled and destroyed blanko as it reported them, what was written off with it, what is
    still unaccounted for (on hand by the regency's books)."""
    station = find_station(ident)
    ranges = [{"first": regency_serial(r.first_number), "last": regency_serial(r.last_number), "count": r.count,
               "granted_at": _when(r.granted_at), "confirmed_at": _when(r.confirmed_at),
               "transferred": r.transfer_of is not None}
              for r in BlankoRange.select().where(BlankoRange.station == station.id).order_by(BlankoRange.first_number)]
    balance = station_balance(station)
    written_off = BlankoSpoil.select().where((BlankoSpoil.station == station.id)
                                             & (BlankoSpoil.reason == REVOKED_REASON)).count()
    last_card = (IssuedCard.select(IssuedCard.issued_at).where(IssuedCard.station == station.id)
                 .order_by(IssuedCard.received_at.desc()).first())
    return {"station": station_view(station), "revoked_at": _when(station.revoked_at), "ranges": ranges,
            "leased": sum(r["count"] for r in ranges),
            "arrived": {"issued": balance.issued, "spoiled": balance.spoiled - written_off,
                        "destroyed": balance.destroyed, "last_card_issued_at": last_card.issued_at if last_card else None},
            "written_off": written_off, "unaccounted": balance.in_stock + balance.incoming}


def held_users(ident: str) -> list[dict]:
    """The accounts whose argon2 hashes the station received: every operator and supervisor account
    of a kecamatan it serves, or of the whole regency (an admin's hash never leaves the server). Their
    passwords should be reset when the station is lost."""
    station: Station = find_station(ident)
    found = []
    for user in ServerUser.select().order_by(ServerUser.username):
        if user.role == str(Role.ADMIN) or not serves_user(codes(user.kecamatan), station.served_codes):
            continue
        found.append({"username": user.username, "full_name": user.full_name, "role": user.role,
                      "active": bool(user.active), "kecamatan": codes(user.kecamatan)})
    return found
