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
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)


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

    @property
    def served_codes(self) -> list[str]:
        return [c for c in self.served.split(",") if c]


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
    updated_at = DateTimeField(default=utcnow)


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

    class Meta:
        indexes = ((("kecamatan_code", "day"), False),)


class AuditEntry(BaseModel):
    """The server's own audit trail: admin actions, enrolments, re-anchors."""

    id = BigAutoField()
    at = DateTimeField(default=utcnow, index=True)
    actor = CharField()  # "admin:<username>", "cli:<os user>", "station:<code>"
    action = CharField(index=True)
    details = TextField(default="{}")
