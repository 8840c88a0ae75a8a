"""The server's schema: one list of migrations for PostgreSQL and SQLite, and a schema version table.

Each migration is written out (frozen: never edit a released one, append the next) in SQL whose
few dialect-dependent type names are placeholders filled in per database (`TYPES`). Every migration
runs in one transaction together with its row in `schema_version`; on PostgreSQL an advisory lock
keeps two servers starting at once from migrating twice.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable

from peewee import Database

from server.db import is_postgres, write_transaction

log = logging.getLogger("ktp.server.migrations")

TYPES = {
    "postgres": {"bigpk": "BIGSERIAL NOT NULL PRIMARY KEY", "ts": "TIMESTAMP", "blob": "BYTEA", "bool": "BOOLEAN",
                 "bigint": "BIGINT", "false": "FALSE"},
    "sqlite": {"bigpk": "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", "ts": "DATETIME", "blob": "BLOB",
               "bool": "INTEGER", "bigint": "INTEGER", "false": "0"},
}

SCHEMA_V1 = (
    'CREATE TABLE "server_meta" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "admin" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "username" VARCHAR(255) NOT NULL, "full_name" VARCHAR(255) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, "active" {bool} NOT NULL, "failed_logins" INTEGER NOT NULL, "locked_until" {ts}, "created_at" {ts} NOT NULL)',
    'CREATE UNIQUE INDEX "admin_username" ON "admin" ("username")',
    'CREATE TABLE "admin_session" ("token_hash" VARCHAR(255) NOT NULL PRIMARY KEY, "admin_id" VARCHAR(255) NOT NULL, "expires_at" {ts} NOT NULL, FOREIGN KEY ("admin_id") REFERENCES "admin" ("id"))',
    'CREATE INDEX "admin_session_admin_id" ON "admin_session" ("admin_id")',
    'CREATE TABLE "station" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "served" TEXT NOT NULL, "issue_place" VARCHAR(255) NOT NULL, "token_hash" VARCHAR(255), "installation_id" VARCHAR(255), "created_at" {ts} NOT NULL, "enrolled_at" {ts}, "revoked_at" {ts}, "last_seen_at" {ts}, "last_batch_seq" {bigint} NOT NULL, "last_batch_id" VARCHAR(255), "audit_head_seq" {bigint}, "audit_head_hash" VARCHAR(255), "reanchor_pending" {bool} NOT NULL)',
    'CREATE UNIQUE INDEX "station_code" ON "station" ("code")',
    'CREATE UNIQUE INDEX "station_token_hash" ON "station" ("token_hash")',
    'CREATE TABLE "enrolment_code" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "secret_hash" VARCHAR(255) NOT NULL, "expires_at" {ts} NOT NULL, "attempts" INTEGER NOT NULL, "used_at" {ts}, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "enrolment_code_station_id" ON "enrolment_code" ("station_id")',
    'CREATE TABLE "server_user" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "username" VARCHAR(255) NOT NULL, "full_name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, "active" {bool} NOT NULL, "must_change_password" {bool} NOT NULL, "kecamatan" TEXT NOT NULL, "updated_at" {ts} NOT NULL)',
    'CREATE UNIQUE INDEX "server_user_username" ON "server_user" ("username")',
    'CREATE TABLE "resident" ("nik" VARCHAR(16) NOT NULL PRIMARY KEY, "name" VARCHAR(60) NOT NULL, "birth_place" VARCHAR(255) NOT NULL, "birth_date" DATE NOT NULL, "sex" VARCHAR(1) NOT NULL, "blood_type" VARCHAR(2) NOT NULL, "address" VARCHAR(160) NOT NULL, "rt" INTEGER NOT NULL, "rw" INTEGER NOT NULL, "village_code" VARCHAR(13) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "religion" VARCHAR(255) NOT NULL, "marital_status" VARCHAR(255) NOT NULL, "occupation" VARCHAR(255) NOT NULL, "nationality" VARCHAR(255) NOT NULL, "record_status" VARCHAR(255) NOT NULL, "updated_at" {ts} NOT NULL)',
    'CREATE INDEX "resident_kecamatan_code" ON "resident" ("kecamatan_code")',
    'CREATE TABLE "resident_image" ("nik" VARCHAR(16) NOT NULL PRIMARY KEY, "photo" {blob}, "signature" {blob}, "updated_at" {ts} NOT NULL)',
    'CREATE TABLE "quota" ("kecamatan_code" VARCHAR(8) NOT NULL PRIMARY KEY, "daily_limit" INTEGER NOT NULL, "updated_at" {ts} NOT NULL)',
    'CREATE TABLE "quota_request" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "daily_limit" INTEGER NOT NULL, "reason" TEXT NOT NULL, "username" VARCHAR(255), "state" VARCHAR(255) NOT NULL, "created_at" {ts} NOT NULL, "decided_at" {ts}, "decided_by" VARCHAR(255), FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "quota_request_station_id" ON "quota_request" ("station_id")',
    'CREATE TABLE "quota_day" ("id" {bigpk}, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "daily_limit" INTEGER NOT NULL, "reason" TEXT NOT NULL, "request_id" VARCHAR(255), "updated_at" {ts} NOT NULL)',
    'CREATE UNIQUE INDEX "quota_day_kecamatan_code_day" ON "quota_day" ("kecamatan_code", "day")',
    'CREATE TABLE "change_log" ("id" {bigpk}, "txid" {bigint} NOT NULL, "kind" VARCHAR(255) NOT NULL, "key" VARCHAR(255) NOT NULL, "scope" VARCHAR(255) NOT NULL, "op" VARCHAR(255) NOT NULL, "at" {ts} NOT NULL, "data" TEXT NOT NULL)',
    'CREATE INDEX "change_log_txid_id" ON "change_log" ("txid", "id")',
    'CREATE INDEX "change_log_scope_txid_id" ON "change_log" ("scope", "txid", "id")',
    'CREATE TABLE "batch" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "batch_id" VARCHAR(255) NOT NULL, "seq" {bigint} NOT NULL, "events" INTEGER NOT NULL, "applied_at" {ts} NOT NULL, "reply" TEXT NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "batch_station_id_batch_id" ON "batch" ("station_id", "batch_id")',
    'CREATE TABLE "station_event" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "event_id" VARCHAR(255) NOT NULL, "entity" VARCHAR(255) NOT NULL, "entity_id" VARCHAR(255) NOT NULL, "op" VARCHAR(255) NOT NULL, "station_time" VARCHAR(255), "data" TEXT NOT NULL, "received_at" {ts} NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "station_event_station_id_event_id" ON "station_event" ("station_id", "event_id")',
    'CREATE TABLE "issued_card" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "nik" VARCHAR(16) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "blanko_serial" VARCHAR(255) NOT NULL, "reason" VARCHAR(255) NOT NULL, "issued_at" VARCHAR(255) NOT NULL, "received_at" {ts} NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "issued_card_station_id" ON "issued_card" ("station_id")',
    'CREATE INDEX "issued_card_nik" ON "issued_card" ("nik")',
    'CREATE INDEX "issued_card_kecamatan_code_day" ON "issued_card" ("kecamatan_code", "day")',
    'CREATE TABLE "audit_entry" ("id" {bigpk}, "at" {ts} NOT NULL, "actor" VARCHAR(255) NOT NULL, "action" VARCHAR(255) NOT NULL, "details" TEXT NOT NULL)',
    'CREATE INDEX "audit_entry_at" ON "audit_entry" ("at")',
    'CREATE INDEX "audit_entry_action" ON "audit_entry" ("action")',
)


def _v1_initial_schema(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_V1:
        db.execute_sql(statement.format(**types))
    db.execute_sql('INSERT INTO "server_meta" ("key", "value") VALUES (%s, %s)' if is_postgres(db)
                   else 'INSERT INTO "server_meta" ("key", "value") VALUES (?, ?)', ("generation", str(uuid.uuid4())))


SCHEMA_V2 = (
    # Print rights leased to stations (docs/sync-protocol.md, "Leases"): cumulative per station, kecamatan, day.
    'CREATE TABLE "quota_lease" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "granted" INTEGER NOT NULL, "returned" INTEGER NOT NULL, "used" INTEGER NOT NULL, "wanted" INTEGER NOT NULL, "updated_at" {ts} NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "quota_lease_station_id_kecamatan_code_day" ON "quota_lease" ("station_id", "kecamatan_code", "day")',
    'CREATE INDEX "quota_lease_kecamatan_code_day" ON "quota_lease" ("kecamatan_code", "day")',
    # The regency's blanko receipts (serial numbers first..last) and the ranges leased to stations.
    'CREATE TABLE "blanko_batch" ("id" {bigpk}, "batch" VARCHAR(255) NOT NULL, "first_number" {bigint} NOT NULL, "last_number" {bigint} NOT NULL, "received_at" {ts} NOT NULL, "actor" VARCHAR(255) NOT NULL)',
    'CREATE TABLE "blanko_range" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "first_number" {bigint} NOT NULL, "last_number" {bigint} NOT NULL, "granted_at" {ts} NOT NULL, "confirmed_at" {ts}, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "blanko_range_station_id" ON "blanko_range" ("station_id")',
    'CREATE UNIQUE INDEX "blanko_range_first_number" ON "blanko_range" ("first_number")',
    'CREATE TABLE "blanko_spoil" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "serial" VARCHAR(255) NOT NULL, "reason" VARCHAR(255), "at" VARCHAR(255), FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "blanko_spoil_station_id_serial" ON "blanko_spoil" ("station_id", "serial")',
    # The generation in which a station last reported its leases (a restored server waits for all).
    'ALTER TABLE "station" ADD COLUMN "reported_generation" VARCHAR(255)',
    'ALTER TABLE "station" ADD COLUMN "drift" TEXT',
    'CREATE INDEX "issued_card_blanko_serial" ON "issued_card" ("blanko_serial")',
)


def _v2_leases(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_V2:
        db.execute_sql(statement.format(**types))


SCHEMA_SCOPE_IMAGES_ENROL = (
    # Kecamatan a station served earlier: its history for them is still accepted (docs/sync-protocol.md).
    'ALTER TABLE "station" ADD COLUMN "served_earlier" TEXT NOT NULL DEFAULT \'\'',
    # A version of each image (a prefix of its SHA-256): a resident change names it, so a station keeps
    # its cached copy unless the image itself changed.
    'ALTER TABLE "resident_image" ADD COLUMN "photo_hash" VARCHAR(64)',
    'ALTER TABLE "resident_image" ADD COLUMN "signature_hash" VARCHAR(64)',
    # Failed enrolment attempts by client address (a guesser spraying codes is throttled).
    'CREATE TABLE "enrol_failure" ("id" {bigpk}, "address" VARCHAR(64) NOT NULL, "at" {ts} NOT NULL)',
    'CREATE INDEX "enrol_failure_address_at" ON "enrol_failure" ("address", "at")',
    'CREATE INDEX "enrol_failure_at" ON "enrol_failure" ("at")',
)


def _v3_scope_image_versions_enrol_throttle(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_SCOPE_IMAGES_ENROL:
        db.execute_sql(statement.format(**types))
    param = "%s" if is_postgres(db) else "?"
    rows = db.execute_sql('SELECT "nik", "photo", "signature" FROM "resident_image"').fetchall()
    for nik, photo, signature in rows:  # the version server/residents.py gives a stored image
        versions = [hashlib.sha256(bytes(image)).hexdigest()[:16] if image is not None else None
                    for image in (photo, signature)]
        db.execute_sql(f'UPDATE "resident_image" SET "photo_hash" = {param}, "signature_hash" = {param} '
                       f'WHERE "nik" = {param}', (*versions, nik))


SCHEMA_LOGIN_THROTTLE_BATCH_DIGEST = (
    # Failed admin log-ins per user name (known or not) and client address (server/security.py): a flood
    # from one address does not lock the account for the others; rows expire.
    'CREATE TABLE "login_throttle" ("id" {bigpk}, "username" VARCHAR(64) NOT NULL, "address" VARCHAR(64) NOT NULL, "failures" INTEGER NOT NULL, "locked_until" {ts}, "last_failure" {ts} NOT NULL)',
    'CREATE UNIQUE INDEX "login_throttle_username_address" ON "login_throttle" ("username", "address")',
    'CREATE INDEX "login_throttle_last_failure" ON "login_throttle" ("last_failure")',
    # The SHA-256 of a push batch's content: its id sent again with other events is refused (409).
    'ALTER TABLE "batch" ADD COLUMN "digest" VARCHAR(64)',
)


def _v4_login_throttle_batch_digest(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_LOGIN_THROTTLE_BATCH_DIGEST:
        db.execute_sql(statement.format(**types))


SCHEMA_BLANKO_LEDGER = (
    # The blanko ledger (server/blanko_ledger.py): a receipt's quantity requested and the box's own serials.
    'ALTER TABLE "blanko_batch" ADD COLUMN "requested" {bigint}',
    'ALTER TABLE "blanko_batch" ADD COLUMN "box_first" VARCHAR(64)',
    'ALTER TABLE "blanko_batch" ADD COLUMN "box_last" VARCHAR(64)',
    # Allocations: a cap on the blanko leased to a kecamatan's stations or to a hub (a station code).
    'CREATE TABLE "blanko_allocation" ("id" {bigpk}, "holder" VARCHAR(64) NOT NULL, "quantity" INTEGER NOT NULL, "note" TEXT NOT NULL, "at" {ts} NOT NULL, "actor" VARCHAR(255) NOT NULL)',
    'CREATE INDEX "blanko_allocation_holder" ON "blanko_allocation" ("holder")',
    # Transfers between stations through the regency: the serials leave one station's range and are
    # leased again to the other as a range of their own (range_id).
    'CREATE TABLE "blanko_transfer" ("id" {bigpk}, "from_station_id" VARCHAR(255) NOT NULL, "to_station_id" VARCHAR(255) NOT NULL, "range_id" VARCHAR(255) NOT NULL, "first_number" {bigint} NOT NULL, "last_number" {bigint} NOT NULL, "at" {ts} NOT NULL, "actor" VARCHAR(255) NOT NULL, FOREIGN KEY ("from_station_id") REFERENCES "station" ("id"), FOREIGN KEY ("to_station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "blanko_transfer_from_station_id" ON "blanko_transfer" ("from_station_id")',
    'CREATE INDEX "blanko_transfer_to_station_id" ON "blanko_transfer" ("to_station_id")',
    # A transfer leases serials again: only ranges leased from the regency's stock stay unique by their
    # first serial (two workers never lease the same one); a transferred range names its source.
    'ALTER TABLE "blanko_range" ADD COLUMN "transfer_of" VARCHAR(255)',
    'DROP INDEX "blanko_range_first_number"',
    'CREATE UNIQUE INDEX "blanko_range_first_number" ON "blanko_range" ("first_number") WHERE "transfer_of" IS NULL',
)


def _v5_blanko_ledger(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_BLANKO_LEDGER:
        db.execute_sql(statement.format(**types))


SCHEMA_CLAIMS_CARD_HISTORY = (
    # A station's claim on a NIK for a day, made before it reserves a blanko (docs/sync-protocol.md, "Claims").
    'CREATE TABLE "nik_claim" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "nik" VARCHAR(16) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "job_id" VARCHAR(64), "reprint_approval" VARCHAR(64), "claimed_at" {ts} NOT NULL, "released_at" {ts}, "released_by" VARCHAR(255), FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "nik_claim_nik_day" ON "nik_claim" ("nik", "day")',
    'CREATE INDEX "nik_claim_station_id_day" ON "nik_claim" ("station_id", "day")',
    # What the card history at the counter shows of a card: the reprint approval it names, the spoiled attempts.
    'ALTER TABLE "issued_card" ADD COLUMN "reprint_approval" VARCHAR(64)',
    'ALTER TABLE "issued_card" ADD COLUMN "spoiled" INTEGER NOT NULL DEFAULT 0',
    'CREATE INDEX "issued_card_nik_day" ON "issued_card" ("nik", "day")',
)


def _v6_claims_card_history(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_CLAIMS_CARD_HISTORY:
        db.execute_sql(statement.format(**types))


SCHEMA_ANOMALIES_SUSPENSION = (
    # What the server could not justify in a station's events (server/anomalies.py), one row per rule and
    # event; the fields are the event's as sent.
    'CREATE TABLE "anomaly" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "rule" VARCHAR(40) NOT NULL, "event_id" VARCHAR(255) NOT NULL, "entity" VARCHAR(40) NOT NULL, "entity_id" VARCHAR(255) NOT NULL, "event_at" VARCHAR(255), "nik" VARCHAR(255), "blanko_serial" VARCHAR(255), "kecamatan_code" VARCHAR(255), "detail" TEXT NOT NULL, "recorded_at" {ts} NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "anomaly_station_id_rule_event_id" ON "anomaly" ("station_id", "rule", "event_id")',
    'CREATE INDEX "anomaly_recorded_at" ON "anomaly" ("recorded_at")',
    # A station suspended for an anomaly of the kinds "no right" or "serial not leased", until an admin clears it.
    'ALTER TABLE "station" ADD COLUMN "suspended_at" {ts}',
    'ALTER TABLE "station" ADD COLUMN "suspension" TEXT',
    # Cards received after a restore before their station reported: rights and serials judged later.
    'ALTER TABLE "issued_card" ADD COLUMN "unjudged" {bool} NOT NULL DEFAULT {false}',
    # A resident as a station had pulled it: its changes by key.
    'CREATE INDEX "change_log_kind_key" ON "change_log" ("kind", "key")',
    # A serial spoiled at any station (a card on it is "serial used").
    'CREATE INDEX "blanko_spoil_serial" ON "blanko_spoil" ("serial")',
)


def _v7_anomalies_suspension(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_ANOMALIES_SUSPENSION:
        db.execute_sql(statement.format(**types))


SCHEMA_REPRINT_APPROVALS = (
    # A same-day reprint's approval as the station's claim brought it: checked there, used by one card.
    'CREATE TABLE "reprint_approval" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "nik" VARCHAR(16) NOT NULL, "day" DATE NOT NULL, "asked_by" VARCHAR(64) NOT NULL, "approved_by" VARCHAR(64) NOT NULL, "card_id" VARCHAR(64) NOT NULL, "recorded_at" {ts} NOT NULL, "used_by" VARCHAR(64), FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "reprint_approval_nik_day" ON "reprint_approval" ("nik", "day")',
)


def _v8_reprint_approvals(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_REPRINT_APPROVALS:
        db.execute_sql(statement.format(**types))


SCHEMA_REGENCY_PANEL = (
    # Regency accounts have a role (server/security.py): every admin so far keeps all it could do.
    'ALTER TABLE "admin" ADD COLUMN "role" VARCHAR(32) NOT NULL DEFAULT \'regency_admin\'',
    # Each station's printers as its sync round last reported them (server/printers.py), one row a printer.
    'CREATE TABLE "station_printer" ("id" {bigpk}, "station_id" VARCHAR(255) NOT NULL, "name" VARCHAR(120) NOT NULL, "state" VARCHAR(40) NOT NULL, "ready" {bool} NOT NULL, "ribbon_left" INTEGER, "reported_at" {ts} NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "station_printer_station_id_name" ON "station_printer" ("station_id", "name")',
    # The usable blanko a station said it holds at its last lease exchange (the regency panel's stock).
    'ALTER TABLE "station" ADD COLUMN "blanko_usable" INTEGER',
    'ALTER TABLE "station" ADD COLUMN "blanko_reported_at" {ts}',
    # An anomaly stays open until an admin clears its station's suspension (server/anomalies.py).
    'ALTER TABLE "anomaly" ADD COLUMN "cleared_at" {ts}',
    'CREATE INDEX "anomaly_station_id_cleared_at" ON "anomaly" ("station_id", "cleared_at")',
    # The regency panel's queries (server/regency_panel.py): cards of a day across kecamatan, the last
    # 14 days' use per station.
    'CREATE INDEX "issued_card_day_kecamatan_code" ON "issued_card" ("day", "kecamatan_code")',
    'CREATE INDEX "issued_card_station_id_day" ON "issued_card" ("station_id", "day")',
)


def _v9_regency_roles_printers(db: Database, types: dict[str, str]) -> None:
    for statement in SCHEMA_REGENCY_PANEL:
        db.execute_sql(statement.format(**types))


def _v10_report_settings(db: Database, types: dict[str, str]) -> None:
    """The regency's report settings (issue 22, server/reports.py): letterhead lines, logo, nomor surat
    pattern and signatories, one JSON value per key."""
    db.execute_sql('CREATE TABLE "report_setting" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL, '
                   '"updated_at" {ts} NOT NULL, "actor" VARCHAR(255) NOT NULL)'.format(**types))


def _v11_queue_events(db: Database, types: dict[str, str]) -> None:
    """The stations' queue event logs (issue 25, server/queue_events.py): one row an event, no NIK."""
    for statement in (
        'CREATE TABLE "queue_event" ("id" VARCHAR(64) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, '
        '"kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "ticket_id" VARCHAR(64) NOT NULL, '
        '"code" VARCHAR(8) NOT NULL, "service" VARCHAR(32) NOT NULL, "priority" VARCHAR(32) NOT NULL, '
        '"kind" VARCHAR(32) NOT NULL, "at" {ts} NOT NULL, "received_at" {ts} NOT NULL, '
        'FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
        'CREATE INDEX "queue_event_kecamatan_code_day" ON "queue_event" ("kecamatan_code", "day")',
        'CREATE INDEX "queue_event_station_id_day" ON "queue_event" ("station_id", "day")',
    ):
        db.execute_sql(statement.format(**types))


MIGRATIONS: list[Callable[[Database, dict[str, str]], None]] = [
    _v1_initial_schema,
    _v2_leases,
    _v3_scope_image_versions_enrol_throttle,
    _v4_login_throttle_batch_digest,
    _v5_blanko_ledger,
    _v6_claims_card_history,
    _v7_anomalies_suspension,
    _v8_reprint_approvals,
    _v9_regency_roles_printers,
    _v10_report_settings,
    _v11_queue_events,
]

LATEST_VERSION = len(MIGRATIONS)
MIGRATION_LOCK = 0x4B54_5053  # "KTPS": the advisory lock id for migrating on PostgreSQL


def schema_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    return db.execute_sql('SELECT COALESCE(MAX("version"), 0) FROM "schema_version"').fetchone()[0]


def migrate(db: Database) -> tuple[int, int]:
    """Bring the schema to LATEST_VERSION; returns (version before, version after)."""
    postgres = is_postgres(db)
    types = TYPES["postgres" if postgres else "sqlite"]
    with write_transaction(db):
        if postgres:
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        db.execute_sql(f'CREATE TABLE IF NOT EXISTS "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY, '
                       f'"applied_at" {types["ts"]} NOT NULL)')
        before = schema_version(db)
    if before > LATEST_VERSION:
        raise RuntimeError(f"the database has schema version {before}, newer than this server ({LATEST_VERSION})")
    param = "%s" if postgres else "?"
    for version in range(before + 1, LATEST_VERSION + 1):
        with write_transaction(db):
            if postgres:
                db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if schema_version(db) >= version:  # another server did it meanwhile
                continue
            MIGRATIONS[version - 1](db, types)
            db.execute_sql(f'INSERT INTO "schema_version" ("version", "applied_at") VALUES ({param}, '
                           f'CURRENT_TIMESTAMP)', (version,))
            log.info("server schema migrated to version %s", version)
    return before, schema_version(db)
