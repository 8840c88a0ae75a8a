"""Peewee models of the station's local database.

Primary keys that travel to the server are UUID strings. Times are stored in UTC as ISO text
(peewee's DateTimeField); `day` columns hold the office's local date.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from desktop.clock import ClockReading

database = DatabaseProxy()

# A time straight from the clock carries its boot-clock reading (desktop/clock.py); it is stored as
# any other datetime (sqlite3 adapts by exact type).
sqlite3.register_adapter(ClockReading, lambda at: at.isoformat(" "))


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Setting(BaseModel):
    """Station-wide key/value settings, as text: each key is declared, and read and written typed, in
    desktop/settings.py (the only user of these accessors)."""

    key = CharField(primary_key=True)
    value = TextField()

    @classmethod
    def read(cls, key: str) -> str | None:
        row = cls.get_or_none(cls.key == key)
        return row.value if row else None

    @classmethod
    def write(cls, key: str, value: object) -> None:
        """Store `value` as text; None removes the setting."""
        if value is None:
            cls.delete().where(cls.key == key).execute()
        else:
            cls.replace(key=key, value=str(value)).execute()


class Resident(BaseModel):
    """A citizen as known to the station: the fields of the card and the SIAK record status."""

    id = CharField(primary_key=True, default=new_id)
    nik = CharField(max_length=16, unique=True)
    name = CharField(max_length=60)
    birth_place = CharField()
    birth_date = DateField()
    sex = CharField(max_length=1)  # L / P
    blood_type = CharField(max_length=2, default="-")
    address = CharField(max_length=160)
    rt = IntegerField()
    rw = IntegerField()
    village_code = CharField(max_length=13)  # kelurahan/desa of domicile, e.g. 36.74.06.1001
    kecamatan_code = CharField(max_length=8, index=True)  # domicile kecamatan, e.g. 36.74.06
    religion = CharField()
    marital_status = CharField()
    occupation = CharField()
    nationality = CharField(default="WNI")
    record_status = CharField(default="PRINT_READY_RECORD")
    # Real images for residents that come with them; demo residents draw theirs from the NIK.
    photo = BlobField(null=True)
    signature = BlobField(null=True)
    source = CharField(default="import")  # demo / import / server
    # The regency's version of the photo and signature (enrolled station): the cache is kept while it stays.
    photo_version = CharField(null=True)
    signature_version = CharField(null=True)
    updated_at = DateTimeField(default=utcnow)


class User(BaseModel):
    id = CharField(primary_key=True, default=new_id)
    username = CharField(unique=True)
    full_name = CharField()
    password_hash = CharField()
    role = CharField()  # operator / supervisor / admin
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    must_change_password = BooleanField(default=False)  # set by a reset: a new password at the next log-in


class LoginThrottle(BaseModel):
    """Failed log-ins per typed user name (known or not), shared by the GUI and the command line."""

    username = CharField(primary_key=True)
    failures = IntegerField(default=0)  # within the window that began at window_start
    window_start = DateTimeField(null=True)
    locked_until = DateTimeField(null=True)


class Station(BaseModel):
    """This print station (an office or a hub) and the kecamatan whose citizens it serves."""

    id = CharField(primary_key=True, default=new_id)
    name = CharField()
    kecamatan_code = CharField(max_length=8)  # where the station stands
    served_kecamatan = TextField()  # comma-separated kecamatan codes, own first
    issue_place = CharField()  # printed under the photo, e.g. "KAB. TANGERANG"
    server_url = CharField(null=True)
    token = CharField(null=True)


class PrinterConfig(BaseModel):
    id = CharField(primary_key=True, default=new_id)
    station = ForeignKeyField(Station, backref="printers")
    uri = CharField()
    name = CharField()
    active = BooleanField(default=True)
    added_at = DateTimeField(default=utcnow)


class PrinterRegistration(BaseModel):
    """Where one printer puts the personal layer: desktop/domain/registration.py (offset, scale)."""

    key = CharField(primary_key=True)  # "serial:<serial>" or "uri:<uri>"
    uri = CharField(index=True)
    serial = CharField(null=True)
    offset_x = IntegerField()
    offset_y = IntegerField()
    scale_x = FloatField()
    scale_y = FloatField()
    updated_at = DateTimeField(default=utcnow)
    user = ForeignKeyField(User, null=True)


class Blanko(BaseModel):
    """One blank card. It is in stock, reserved by a print job, issued, or spoiled: never two at once."""

    id = CharField(primary_key=True, default=new_id)
    serial = CharField(unique=True)
    batch = CharField()
    station = ForeignKeyField(Station, backref="blanko")
    # incoming / in_stock / reserved / issued / spoiled / destroyed (a spoiled one, destroyed) /
    # transferred (sent back through the regency to another station)
    state = CharField(index=True, default="in_stock")
    received_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    range_id = CharField(null=True, index=True)  # the regency's range it was leased in (enrolled station)


class BlankoMovement(BaseModel):
    """The ledger behind the stock: every receipt, reservation, release, issue, spoilage, destruction and
    transfer (desktop/services/blanko_ledger.py)."""

    id = CharField(primary_key=True, default=new_id)
    kind = CharField()  # receipt / reserve / release / issue / spoil / destroy / transfer_out
    quantity = IntegerField()  # cards moved (receipts: the batch size; others: 1)
    batch = CharField(null=True)
    blanko = ForeignKeyField(Blanko, null=True, backref="movements")
    station = ForeignKeyField(Station)
    reason = CharField(null=True)  # spoilage reason, receipt note
    user = ForeignKeyField(User, null=True)
    job_id = CharField(null=True)
    at = DateTimeField(default=utcnow)
    requested = IntegerField(null=True)  # receipts: the quantity the delivery was meant to hold
    box_first = CharField(null=True)  # receipts: the serial range printed on the box by the card maker
    box_last = CharField(null=True)
    witnesses = TextField(null=True)  # destructions: JSON [{"name", "nip"}]
    counterpart = CharField(null=True)  # transfers: the station code the blanko go to
    approval_id = CharField(null=True)  # a four-eyes approval (write-offs, destructions)


class PrintJob(BaseModel):
    """A card on its way through a printer; each state is committed before the next device step."""

    id = CharField(primary_key=True, default=new_id)
    resident = ForeignKeyField(Resident)
    nik = CharField(max_length=16)
    reason = CharField()
    documents = TextField()  # JSON list of confirmed document keys
    police_letter_no = CharField(null=True)
    operator = ForeignKeyField(User)
    station = ForeignKeyField(Station)
    kecamatan_code = CharField(max_length=8)  # whose quota the card counts against
    day = DateField(index=True)  # the office's local date
    printer_uri = CharField()
    blanko = ForeignKeyField(Blanko, null=True)
    state = CharField(index=True, default="queued")  # queued / sending / printing / done / failed
    fault = CharField(null=True)
    fault_detail = TextField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    claim_id = CharField(null=True)  # the regency's claim on the NIK for the day (None: unanswered, or not enrolled)
    reprint_approval = CharField(null=True)  # the reprint approval a same-day second card names


class IssuedCard(BaseModel):
    id = CharField(primary_key=True, default=new_id)
    job = ForeignKeyField(PrintJob, unique=True)
    resident = ForeignKeyField(Resident, backref="cards")
    nik = CharField(max_length=16)
    reason = CharField()
    blanko = ForeignKeyField(Blanko, unique=True)
    printer_uri = CharField()
    operator = ForeignKeyField(User)
    station = ForeignKeyField(Station)
    kecamatan_code = CharField(max_length=8)
    day = DateField(index=True)
    issued_at = DateTimeField(default=utcnow)


class Approval(BaseModel):
    """Four eyes: a supervisor or admin, not the asker, approved an action with their own password at
    this PC (desktop/services/approvals.py)."""

    id = CharField(primary_key=True)  # a UUID in lowercase canonical form (it travels as `reprint_approval`)
    kind = CharField()  # reprint / write_off / destruction / quota_raise
    asker = ForeignKeyField(User)
    approver = ForeignKeyField(User)
    day = DateField(index=True)  # the office's local date
    nik = CharField(max_length=16, null=True, index=True)  # reprint: whose card
    card = CharField(null=True, unique=True)  # reprint: the returned card's id
    subject = TextField(default="{}")  # canonical JSON: what was approved (cause, kecamatan and limit, ...)
    at = DateTimeField(default=utcnow)


class CardHistory(BaseModel):
    """A card of the regency (any station's) for a resident of a served kecamatan, as the server told
    it (pull kind `card`, GET /v1/cards); kept for HISTORY_DAYS."""

    id = CharField(primary_key=True)  # the issuing station's card id
    nik = CharField(max_length=16, index=True)
    day = DateField(index=True)
    kecamatan_code = CharField(max_length=8)
    station_code = CharField()
    station_name = CharField()
    blanko = CharField()
    reason = CharField()
    issued_at = CharField()
    spoiled = IntegerField(default=0)
    reprint_approval = CharField(null=True)


class KecamatanQuota(BaseModel):
    """The standing daily quota of a kecamatan, set by the regency."""

    kecamatan_code = CharField(primary_key=True, max_length=8)
    daily_limit = IntegerField()
    updated_at = DateTimeField(default=utcnow)


class QuotaOverride(BaseModel):
    """A supervisor's change of one day's quota for one kecamatan."""

    id = CharField(primary_key=True, default=new_id)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    daily_limit = IntegerField()
    reason = CharField()
    user = ForeignKeyField(User, null=True)  # none when the regency granted it
    at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kecamatan_code", "day"), True),)


class AuditLog(BaseModel):
    """One entry of the audit hash chain (desktop/domain/audit_chain.py, docs/audit-chain.md)."""

    id = CharField(primary_key=True, default=new_id)
    seq = IntegerField(null=True, unique=True)  # 1, 2, 3, ... the chain's order
    prev_hash = CharField(max_length=64, null=True)
    hash = CharField(max_length=64, null=True)
    at = DateTimeField(default=utcnow, index=True)
    origin = CharField(default="station")  # station / server
    server_change_id = CharField(null=True)  # the regency server's change id, for origin = server
    user = ForeignKeyField(User, null=True)
    username = CharField(null=True)
    action = CharField(index=True)
    details = TextField(default="{}")  # canonical JSON
    effects = TextField(default="[]")  # canonical JSON: the state this entry establishes


class AuditClaim(BaseModel):
    """Which audit entry last claimed an item (a user, quota, blanko or covered row): an index derived
    from the chain, so a print checks its own rows without reading the chain (services/row_claims.py)."""

    kind = CharField()  # user / quota / quota_day / blanko / row
    key = CharField()  # the item: a user id, kecamatan, "kecamatan|day", serial, "table|key"
    nik = CharField(null=True, index=True)  # cards and jobs: their citizen
    quota_day = CharField(null=True, index=True)  # cards: "kecamatan|day" they count against
    seq = IntegerField()

    class Meta:
        primary_key = CompositeKey("kind", "key")


class Outbox(BaseModel):
    """Local writes waiting to reach the regency server; added in the same transaction as the write."""

    id = CharField(primary_key=True, default=new_id)
    entity = CharField()
    entity_id = CharField()
    op = CharField()
    payload = TextField()  # JSON
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True, index=True)
    attempts = IntegerField(default=0)
    batch_id = CharField(null=True)  # fixed before sending: a lost reply re-sends the same batch
    batch_seq = IntegerField(null=True, index=True)


class QuotaLease(BaseModel):
    """Print rights of one kecamatan for one day, leased by the regency server (docs/sync-protocol.md)."""

    id = CharField(primary_key=True)  # "kecamatan|day"
    kecamatan_code = CharField(max_length=8)
    day = DateField(index=True)
    granted = IntegerField(default=0)  # cumulative, as the server last said
    returned = IntegerField(default=0)  # given back to the server (at its request)
    recall = IntegerField(default=0)  # rights the server last asked back
    pool = IntegerField(null=True)  # rights of the kecamatan the server had left to lease, at its answer
    share = IntegerField(null=True)  # of that pool, what this station may count as obtainable (None: not said)
    limit = IntegerField(null=True)  # the kecamatan's quota for the day, at the server's answer
    kecamatan_issued = IntegerField(null=True)  # cards of the kecamatan the server knew of, that day
    renewed_at = DateTimeField(null=True)  # the server's last answer about it (station UTC)
    expires_at = DateTimeField()  # local midnight after `day` (UTC)


class BlankoRange(BaseModel):
    """Regency-wide blanko serials leased to this station; its blanko are `incoming` until the box
    arrives and a supervisor confirms it."""

    id = CharField(primary_key=True)  # the server's range id
    first = CharField()
    last = CharField()
    count = IntegerField()
    granted_at = DateTimeField()
    confirmed_at = DateTimeField(null=True)
    confirmed_by = ForeignKeyField(User, null=True)


class QueueTicket(BaseModel):
    """A number given at the door (issue 25, docs/queue.md); the NIK stays on this station."""

    id = CharField(primary_key=True)  # secrets.token_hex(16): also the ticket's QR content
    day = DateField()  # the office day it is for
    seq = IntegerField()  # running number of the day over all services
    code = CharField()  # "B-007"
    service = CharField()  # desktop/domain/queue.py SERVICES
    priority = CharField(default="")  # PRIORITY_GROUPS key, "" for none
    disaster_reason = CharField(null=True)  # set at the door: a disaster victim (the shortage order)
    nik = CharField(max_length=16, null=True)  # local only: never in an event, a QR or a log line
    kecamatan_code = CharField(max_length=8, null=True)
    status = CharField(index=True, default="waiting")  # desktop/domain/queue.py STATUSES
    issued_at = DateTimeField()  # naive UTC
    issued_by = CharField()  # username
    called_at = DateTimeField(null=True)
    calls = IntegerField(default=0)
    served_at = DateTimeField(null=True)  # service started (the `serve` event)
    missed_after_seq = IntegerField(null=True)  # the day's call count when it was marked no-show
    told_at = DateTimeField(null=True)  # its holder was told it lost its place
    printed = BooleanField(default=False)  # the paper came out (False: shown on screen)

    class Meta:
        indexes = ((("day", "seq"), True),)


class QueueEvent(BaseModel):
    """One step of a ticket (or a citizen turned away), as it syncs to the regency (entity `queue_event`)."""

    id = CharField(primary_key=True)  # uuid4
    ticket_id = CharField(index=True)
    day = DateField(index=True)
    code = CharField()
    service = CharField()
    priority = CharField()
    kind = CharField()  # desktop/domain/queue.py EVENT_KINDS
    at = DateTimeField()  # naive UTC
    kecamatan_code = CharField(max_length=8, null=True)


ALL_MODELS = [
    Setting,
    Resident,
    User,
    LoginThrottle,
    Station,
    PrinterConfig,
    PrinterRegistration,
    Blanko,
    BlankoMovement,
    PrintJob,
    IssuedCard,
    Approval,
    CardHistory,
    KecamatanQuota,
    QuotaOverride,
    AuditLog,
    AuditClaim,
    Outbox,
    QuotaLease,
    BlankoRange,
    QueueTicket,
    QueueEvent,
]
