"""The regency server's tables (peewee). The schema itself is made by server/migrations.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from peewee import (
    BigAutoField,
    BigIntegerField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from server.db import database


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = IntegerField(primary_key=True)
    applied_at = DateTimeField(default=utcnow)


class ServerMeta(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class Admin(BaseModel):
    id = CharField(primary_key=True, default=new_id)
    username = CharField(unique=True)
    full_name = CharField()
    password_hash = CharField()
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)  # failed log-ins since the last success, from any address
    locked_until = DateTimeField(null=True)  # unused since schema 4 (LoginThrottle locks per address)
    created_at = DateTimeField(default=utcnow)
    role = CharField(max_length=32, default="regency_admin")  # server/security.py ROLES


class LoginThrottle(BaseModel):
    """Failed admin log-ins for one user name (known or not) from one client address (server/security.py)."""

    id = BigAutoField()
    username = CharField(max_length=64)
    address = CharField(max_length=64)
    failures = IntegerField(default=0)  # attempts counted since the last success, the one in progress included
    locked_until = DateTimeField(null=True)
    last_failure = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("username", "address"), True),)


class AdminSession(BaseModel):
    token_hash = CharField(primary_key=True)
    admin = ForeignKeyField(Admin)
    expires_at = DateTimeField()


class Station(BaseModel):
    id = CharField(primary_key=True, default=new_id)
    code = CharField(unique=True)  # short, for people and for blanko serials
    name = CharField()
    kecamatan_code = CharField(max_length=8)
    served = TextField()  # comma-separated kecamatan codes, own first
    issue_place = CharField()
    token_hash = CharField(null=True, unique=True)
    installation_id = CharField(null=True)
    created_at = DateTimeField(default=utcnow)
    enrolled_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
    last_seen_at = DateTimeField(null=True)
    last_batch_seq = BigIntegerField(default=0)
    last_batch_id = CharField(null=True)
    audit_head_seq = BigIntegerField(null=True)
    audit_head_hash = CharField(null=True)
    reanchor_pending = BooleanField(default=False)
    reported_generation = CharField(null=True)  # the generation of its last lease report
    drift = TextField(null=True)  # what its last digest comparison left unexplained (JSON), or None
    served_earlier = TextField(default="")  # kecamatan it served before and no longer does
    suspended_at = DateTimeField(null=True)  # an anomaly of a suspending rule (server/anomalies.py)
    suspension = TextField(null=True)  # why, in one sentence its operators and the regency see
    blanko_usable = IntegerField(null=True)  # the usable blanko it said it held at its last lease exchange
    blanko_reported_at = DateTimeField(null=True)

    @property
    def served_codes(self) -> list[str]:
        return [c for c in self.served.split(",") if c]

    @property
    def earlier_codes(self) -> list[str]:
        return [c for c in self.served_earlier.split(",") if c]


class EnrolmentCode(BaseModel):
    id = CharField(primary_key=True)  # the code's first group, which names it
    station = ForeignKeyField(Station)
    secret_hash = CharField()
    expires_at = DateTimeField()
    attempts = IntegerField(default=0)
    used_at = DateTimeField(null=True)


class ServerUser(BaseModel):
    """A regency user; flows to the stations of its kecamatan (all stations when none is listed)."""

    id = CharField(primary_key=True, default=new_id)
    username = CharField(unique=True)
    full_name = CharField()
    role = CharField()
    password_hash = CharField()
    active = BooleanField(default=True)
    must_change_password = BooleanField(default=True)
    kecamatan = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class Resident(BaseModel):
    nik = CharField(max_length=16, primary_key=True)
    name = CharField(max_length=60)
    birth_place = CharField()
    birth_date = DateField()
    sex = CharField(max_length=1)
    blood_type = CharField(max_length=2)
    address = CharField(max_length=160)
    rt = IntegerField()
    rw = IntegerField()
    village_code = CharField(max_length=13)
    kecamatan_code = CharField(max_length=8, index=True)
    religion = CharField()
    marital_status = CharField()
    occupation = CharField()
    nationality = CharField()
    record_status = CharField()
    updated_at = DateTimeField(default=utcnow)


class ResidentImage(BaseModel):
    nik = CharField(max_length=16, primary_key=True)
    photo = BlobField(null=True)
    signature = BlobField(null=True)
    photo_hash = CharField(max_length=64, null=True)  # the image's version (server/residents.py)
    signature_hash = CharField(max_length=64, null=True)
    updated_at = DateTimeField(default=utcnow)


class EnrolFailure(BaseModel):
    """A failed enrolment attempt from a client address (throttled per address, server/registry.py)."""

    id = BigAutoField()
    address = CharField(max_length=64)
    at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("address", "at"), False),)


class Quota(BaseModel):
    kecamatan_code = CharField(max_length=8, primary_key=True)
    daily_limit = IntegerField()
    updated_at = DateTimeField(default=utcnow)


class QuotaRequest(BaseModel):
    id = CharField(primary_key=True)  # the station's event entity id
    station = ForeignKeyField(Station)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    daily_limit = IntegerField()
    reason = TextField()
    username = CharField(null=True)
    state = CharField(default="pending")  # pending / approved / refused
    created_at = DateTimeField(default=utcnow)
    decided_at = DateTimeField(null=True)
    decided_by = CharField(null=True)


class QuotaDay(BaseModel):
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    daily_limit = IntegerField()
    reason = TextField()
    request_id = CharField(null=True)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kecamatan_code", "day"), True),)


class Change(BaseModel):
    """The change log stations pull: see docs/sync-protocol.md, "The gap-safe cursor"."""

    id = BigAutoField()
    txid = BigIntegerField()
    kind = CharField()
    key = CharField()
    scope = CharField()  # a kecamatan code, "" (regency-wide) or "station:<id>"
    op = CharField()
    at = DateTimeField(default=utcnow)
    data = TextField()

    class Meta:
        table_name = "change_log"
        indexes = ((("txid", "id"), False),)


class Batch(BaseModel):
    id = BigAutoField()
    station = ForeignKeyField(Station)
    batch_id = CharField()
    seq = BigIntegerField()
    events = IntegerField()
    applied_at = DateTimeField(default=utcnow)
    reply = TextField()
    digest = CharField(max_length=64, null=True)  # SHA-256 of its seq and events (None: applied before v4)

    class Meta:
        indexes = ((("station", "batch_id"), True),)


class StationEvent(BaseModel):
    id = BigAutoField()
    station = ForeignKeyField(Station)
    event_id = CharField()
    entity = CharField()
    entity_id = CharField()
    op = CharField()
    station_time = CharField(null=True)
    data = TextField()
    received_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("station", "event_id"), True),)


class IssuedCard(BaseModel):
    id = CharField(primary_key=True)  # the station's card id
    station = ForeignKeyField(Station)
    nik = CharField(max_length=16, index=True)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    blanko_serial = CharField()
    reason = CharField()
    issued_at = CharField()
    received_at = DateTimeField(default=utcnow)
    reprint_approval = CharField(max_length=64, null=True)  # the approval a same-day second card names
    spoiled = IntegerField(default=0)  # the station's spoiled attempts for this NIK that day before it
    unjudged = BooleanField(default=False)  # received after a restore, before its station's report

    class Meta:
        indexes = ((("kecamatan_code", "day"), False),)


class NikClaim(BaseModel):
    """A station's claim on a NIK for one day, made before it reserves a blanko (server/claims.py)."""

    id = CharField(primary_key=True, default=new_id)
    station = ForeignKeyField(Station)
    nik = CharField(max_length=16)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    job_id = CharField(max_length=64, null=True)  # the station's print job behind it
    reprint_approval = CharField(max_length=64, null=True)
    claimed_at = DateTimeField(default=utcnow)
    released_at = DateTimeField(null=True)
    released_by = CharField(null=True)  # "station:<code>", "expired", "admin:<name>", "supervisor:<name>@<code>"

    class Meta:
        indexes = ((("nik", "day"), False), (("station", "day"), False))


class ReprintApproval(BaseModel):
    """A station's four-eyes approval of a same-day reprint, as its claim brought it (server/claims.py):
    what a second card of a NIK on one day must name."""

    id = CharField(primary_key=True)  # the station's approval id (a UUID)
    station = ForeignKeyField(Station)
    nik = CharField(max_length=16)
    day = DateField()
    asked_by = CharField(max_length=64)  # user names
    approved_by = CharField(max_length=64)
    card_id = CharField(max_length=64)  # the card that came back
    recorded_at = DateTimeField(default=utcnow)
    used_by = CharField(max_length=64, null=True)  # the card printed under it (used once)

    class Meta:
        indexes = ((("nik", "day"), False),)


class Anomaly(BaseModel):
    """An event of a station the server could not justify, by rule (server/anomalies.py)."""

    id = BigAutoField()
    station = ForeignKeyField(Station)
    rule = CharField(max_length=40)
    event_id = CharField()
    entity = CharField(max_length=40)
    entity_id = CharField()
    event_at = CharField(null=True)  # the event's time as the station sent it
    nik = CharField(null=True)  # as sent
    blanko_serial = CharField(null=True)
    kecamatan_code = CharField(null=True)
    detail = TextField()  # one sentence
    recorded_at = DateTimeField(default=utcnow, index=True)
    cleared_at = DateTimeField(null=True)  # when an admin cleared its station (None: still open)

    class Meta:
        indexes = ((("station", "rule", "event_id"), True),)


class StationPrinter(BaseModel):
    """A station's printer as its last sync round reported it (server/printers.py)."""

    id = BigAutoField()
    station = ForeignKeyField(Station)
    name = CharField(max_length=120)
    state = CharField(max_length=40)  # server/printers.py STATES
    ready = BooleanField(default=False)
    ribbon_left = IntegerField(null=True)  # None: the printer does not tell (a spooler queue)
    reported_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("station", "name"), True),)


class AuditEntry(BaseModel):
    """The server's own audit trail: admin actions, enrolments, re-anchors."""

    id = BigAutoField()
    at = DateTimeField(default=utcnow, index=True)
    actor = CharField()  # "admin:<username>", "cli:<os user>", "station:<code>"
    action = CharField(index=True)
    details = TextField(default="{}")


class QuotaLease(BaseModel):
    """Print rights of one kecamatan and day leased to one station (cumulative counts)."""

    id = BigAutoField()
    station = ForeignKeyField(Station)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    granted = IntegerField(default=0)  # given by the server, ever, for this day
    returned = IntegerField(default=0)  # given back by the station (its count, reported)
    used = IntegerField(default=0)  # issued + in progress at the station's last report
    wanted = IntegerField(default=0)  # asked for but not granted (the pool was empty)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("station", "kecamatan_code", "day"), True), (("kecamatan_code", "day"), False))

    @property
    def held(self) -> int:
        return self.granted - self.returned


class BlankoBatch(BaseModel):
    """Blanko the regency received, numbered first_number..last_number."""

    id = BigAutoField()
    batch = CharField()
    first_number = BigIntegerField()
    last_number = BigIntegerField()
    received_at = DateTimeField(default=utcnow)
    actor = CharField()
    requested = BigIntegerField(null=True)  # what the delivery was meant to hold (6,000 of 10,000)
    box_first = CharField(null=True)  # the card maker's serials printed on the box, beside ours
    box_last = CharField(null=True)


class BlankoAllocation(BaseModel):
    """A cap on the blanko the regency leases to a kecamatan's stations, or to a hub (its station code)."""

    id = BigAutoField()
    holder = CharField(max_length=64, index=True)
    quantity = IntegerField()  # may be negative: an allocation taken back
    note = TextField(default="")
    at = DateTimeField(default=utcnow)
    actor = CharField()


class BlankoTransfer(BaseModel):
    """Serials moved from one station to another through the regency; leased again as `range_id`."""

    id = BigAutoField()
    from_station = ForeignKeyField(Station, backref="transfers_out")
    to_station = ForeignKeyField(Station, backref="transfers_in")
    range_id = CharField()
    first_number = BigIntegerField()
    last_number = BigIntegerField()
    at = DateTimeField(default=utcnow)
    actor = CharField()

    @property
    def count(self) -> int:
        return self.last_number - self.first_number + 1


class BlankoRange(BaseModel):
    """Blanko serials leased to a station; confirmed when its box arrives there."""

    id = CharField(primary_key=True, default=new_id)
    station = ForeignKeyField(Station)
    first_number = BigIntegerField()
    last_number = BigIntegerField()
    granted_at = DateTimeField(default=utcnow)
    confirmed_at = DateTimeField(null=True)
    transfer_of = CharField(null=True)  # a transfer: the range of the station the serials came from

    @property
    def count(self) -> int:
        return self.last_number - self.first_number + 1


class BlankoSpoil(BaseModel):
    """A blanko a station wrote off (from its blanko movements)."""

    id = BigAutoField()
    station = ForeignKeyField(Station)
    serial = CharField()
    reason = CharField(null=True)
    at = CharField(null=True)

    class Meta:
        indexes = ((("station", "serial"), True),)


class ReportSetting(BaseModel):
    """One of the regency's report settings (server/reports.py): a letterhead line, the logo (base64 PNG),
    the nomor surat pattern or the signatories, as JSON."""

    key = CharField(max_length=64, primary_key=True)
    value = TextField()
    updated_at = DateTimeField(default=utcnow)
    actor = CharField()


class QueueEvent(BaseModel):
    """One event of a station's queue (server/queue_events.py): the station's own record, never a NIK."""

    id = CharField(max_length=64, primary_key=True)  # the station's event id
    station = ForeignKeyField(Station)
    kecamatan_code = CharField(max_length=8)
    day = DateField()
    ticket_id = CharField(max_length=64)
    code = CharField(max_length=8)
    service = CharField(max_length=32)
    priority = CharField(max_length=32)
    kind = CharField(max_length=32)
    at = DateTimeField()  # naive UTC
    received_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kecamatan_code", "day"), False), (("station", "day"), False))
