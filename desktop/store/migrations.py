"""Schema migrations, keyed on `PRAGMA user_version`.

Each migration is a function of the connection's database, run in order inside one transaction with
the version bump. Released migrations are frozen: never edit one, add the next. Migration 1 is the
schema as first shipped, written out as SQL so later model changes cannot alter it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from peewee import SqliteDatabase

from desktop.domain import audit_chain
from desktop.store.models import new_id

SCHEMA_V1 = (
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "resident" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "nik" VARCHAR(16) NOT NULL, "name" VARCHAR(60) NOT NULL, "birth_place" VARCHAR(255) NOT NULL, "birth_date" DATE NOT NULL, "sex" VARCHAR(1) NOT NULL, "blood_type" VARCHAR(2) NOT NULL, "address" VARCHAR(160) NOT NULL, "rt" INTEGER NOT NULL, "rw" INTEGER NOT NULL, "village_code" VARCHAR(13) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "religion" VARCHAR(255) NOT NULL, "marital_status" VARCHAR(255) NOT NULL, "occupation" VARCHAR(255) NOT NULL, "nationality" VARCHAR(255) NOT NULL, "record_status" VARCHAR(255) NOT NULL, "photo" BLOB, "signature" BLOB, "source" VARCHAR(255) NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "resident_nik" ON "resident" ("nik")',
    'CREATE INDEX "resident_kecamatan_code" ON "resident" ("kecamatan_code")',
    'CREATE TABLE "user" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "username" VARCHAR(255) NOT NULL, "full_name" VARCHAR(255) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "active" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "last_login_at" DATETIME)',
    'CREATE UNIQUE INDEX "user_username" ON "user" ("username")',
    'CREATE TABLE "station" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "served_kecamatan" TEXT NOT NULL, "issue_place" VARCHAR(255) NOT NULL, "server_url" VARCHAR(255), "token" VARCHAR(255))',
    'CREATE TABLE "printer_config" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "station_id" VARCHAR(255) NOT NULL, "uri" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "active" INTEGER NOT NULL, "added_at" DATETIME NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE INDEX "printer_config_station_id" ON "printer_config" ("station_id")',
    'CREATE TABLE "blanko" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "serial" VARCHAR(255) NOT NULL, "batch" VARCHAR(255) NOT NULL, "station_id" VARCHAR(255) NOT NULL, "state" VARCHAR(255) NOT NULL, "received_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "blanko_serial" ON "blanko" ("serial")',
    'CREATE INDEX "blanko_station_id" ON "blanko" ("station_id")',
    'CREATE INDEX "blanko_state" ON "blanko" ("state")',
    'CREATE TABLE "blanko_movement" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, "quantity" INTEGER NOT NULL, "batch" VARCHAR(255), "blanko_id" VARCHAR(255), "station_id" VARCHAR(255) NOT NULL, "reason" VARCHAR(255), "user_id" VARCHAR(255), "job_id" VARCHAR(255), "at" DATETIME NOT NULL, FOREIGN KEY ("blanko_id") REFERENCES "blanko" ("id"), FOREIGN KEY ("station_id") REFERENCES "station" ("id"), FOREIGN KEY ("user_id") REFERENCES "user" ("id"))',
    'CREATE INDEX "blanko_movement_station_id" ON "blanko_movement" ("station_id")',
    'CREATE INDEX "blanko_movement_user_id" ON "blanko_movement" ("user_id")',
    'CREATE TABLE "print_job" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "resident_id" VARCHAR(255) NOT NULL, "nik" VARCHAR(16) NOT NULL, "reason" VARCHAR(255) NOT NULL, "documents" TEXT NOT NULL, "police_letter_no" VARCHAR(255), "operator_id" VARCHAR(255) NOT NULL, "station_id" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "printer_uri" VARCHAR(255) NOT NULL, "blanko_id" VARCHAR(255), "state" VARCHAR(255) NOT NULL, "fault" VARCHAR(255), "fault_detail" TEXT, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("resident_id") REFERENCES "resident" ("id"), FOREIGN KEY ("operator_id") REFERENCES "user" ("id"), FOREIGN KEY ("station_id") REFERENCES "station" ("id"), FOREIGN KEY ("blanko_id") REFERENCES "blanko" ("id"))',
    'CREATE INDEX "print_job_resident_id" ON "print_job" ("resident_id")',
    'CREATE INDEX "print_job_operator_id" ON "print_job" ("operator_id")',
    'CREATE INDEX "print_job_station_id" ON "print_job" ("station_id")',
    'CREATE INDEX "print_job_day" ON "print_job" ("day")',
    'CREATE INDEX "print_job_blanko_id" ON "print_job" ("blanko_id")',
    'CREATE INDEX "print_job_state" ON "print_job" ("state")',
    'CREATE TABLE "issued_card" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "job_id" VARCHAR(255) NOT NULL, "resident_id" VARCHAR(255) NOT NULL, "nik" VARCHAR(16) NOT NULL, "reason" VARCHAR(255) NOT NULL, "blanko_id" VARCHAR(255) NOT NULL, "printer_uri" VARCHAR(255) NOT NULL, "operator_id" VARCHAR(255) NOT NULL, "station_id" VARCHAR(255) NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "issued_at" DATETIME NOT NULL, FOREIGN KEY ("job_id") REFERENCES "print_job" ("id"), FOREIGN KEY ("resident_id") REFERENCES "resident" ("id"), FOREIGN KEY ("blanko_id") REFERENCES "blanko" ("id"), FOREIGN KEY ("operator_id") REFERENCES "user" ("id"), FOREIGN KEY ("station_id") REFERENCES "station" ("id"))',
    'CREATE UNIQUE INDEX "issued_card_job_id" ON "issued_card" ("job_id")',
    'CREATE INDEX "issued_card_resident_id" ON "issued_card" ("resident_id")',
    'CREATE UNIQUE INDEX "issued_card_blanko_id" ON "issued_card" ("blanko_id")',
    'CREATE INDEX "issued_card_operator_id" ON "issued_card" ("operator_id")',
    'CREATE INDEX "issued_card_station_id" ON "issued_card" ("station_id")',
    'CREATE INDEX "issued_card_day" ON "issued_card" ("day")',
    'CREATE TABLE "kecamatan_quota" ("kecamatan_code" VARCHAR(8) NOT NULL PRIMARY KEY, "daily_limit" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE TABLE "quota_override" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "kecamatan_code" VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "daily_limit" INTEGER NOT NULL, "reason" VARCHAR(255) NOT NULL, "user_id" VARCHAR(255) NOT NULL, "at" DATETIME NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id"))',
    'CREATE INDEX "quota_override_user_id" ON "quota_override" ("user_id")',
    'CREATE UNIQUE INDEX "quota_override_kecamatan_code_day" ON "quota_override" ("kecamatan_code", "day")',
    'CREATE TABLE "audit_log" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "user_id" VARCHAR(255), "username" VARCHAR(255), "action" VARCHAR(255) NOT NULL, "details" TEXT NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id"))',
    'CREATE INDEX "audit_log_at" ON "audit_log" ("at")',
    'CREATE INDEX "audit_log_user_id" ON "audit_log" ("user_id")',
    'CREATE INDEX "audit_log_action" ON "audit_log" ("action")',
    'CREATE TABLE "outbox" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "entity" VARCHAR(255) NOT NULL, "entity_id" VARCHAR(255) NOT NULL, "op" VARCHAR(255) NOT NULL, "payload" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "sent_at" DATETIME, "attempts" INTEGER NOT NULL)',
    'CREATE INDEX "outbox_sent_at" ON "outbox" ("sent_at")',
)


def _v1_initial_schema(db: SqliteDatabase) -> None:
    for statement in SCHEMA_V1:
        db.execute_sql(statement)


def _v2_quota_and_reprint_indexes(db: SqliteDatabase) -> None:
    # Quota counts filter by kecamatan and day; the one-card-a-day and in-progress checks by NIK.
    db.execute_sql('CREATE INDEX "issued_card_kecamatan_day" ON "issued_card" ("kecamatan_code", "day")')
    db.execute_sql('CREATE INDEX "issued_card_nik_day" ON "issued_card" ("nik", "day")')
    db.execute_sql('CREATE INDEX "print_job_kecamatan_day" ON "print_job" ("kecamatan_code", "day")')
    db.execute_sql('CREATE INDEX "print_job_nik" ON "print_job" ("nik")')


def _v3_login_throttle_and_password_change(db: SqliteDatabase) -> None:
    db.execute_sql(
        'CREATE TABLE "login_throttle" ("username" VARCHAR(255) NOT NULL PRIMARY KEY, "failures" INTEGER NOT NULL, '
        '"window_start" DATETIME, "locked_until" DATETIME)'
    )
    db.execute_sql('ALTER TABLE "user" ADD COLUMN "must_change_password" INTEGER NOT NULL DEFAULT 0')


def _v4_audit_hash_chain(db: SqliteDatabase) -> None:
    """The audit log becomes a hash chain; existing entries are sealed under a baseline entry that
    records the roles, quotas and blanko states of today, so that from here on each has its entry."""
    for column in ('"seq" INTEGER', '"prev_hash" VARCHAR(64)', '"hash" VARCHAR(64)',
                   '"origin" VARCHAR(255) NOT NULL DEFAULT \'station\'', '"server_change_id" VARCHAR(255)',
                   '"effects" TEXT NOT NULL DEFAULT \'[]\''):
        db.execute_sql(f'ALTER TABLE "audit_log" ADD COLUMN {column}')
    old = db.execute_sql(
        'SELECT rowid, at, user_id, username, action, details FROM "audit_log" ORDER BY at, rowid'
    ).fetchall()
    effects = [
        audit_chain.user_effect(uid, name, role, bool(active), password_hash)
        for uid, name, role, active, password_hash in db.execute_sql(
            'SELECT id, username, role, active, password_hash FROM "user" ORDER BY username')
    ]
    effects += [audit_chain.quota_effect(code, limit) for code, limit in db.execute_sql(
        'SELECT kecamatan_code, daily_limit FROM "kecamatan_quota" ORDER BY kecamatan_code')]
    effects += [audit_chain.quota_day_effect(code, day, limit) for code, day, limit in db.execute_sql(
        'SELECT kecamatan_code, day, daily_limit FROM "quota_override" ORDER BY day, kecamatan_code')]
    effects += audit_chain.serial_ranges(db.execute_sql('SELECT serial, state FROM "blanko"').fetchall())
    prev, seq = audit_chain.GENESIS, 0
    for rowid, at, user_id, username, action, details in old:
        seq += 1
        entry = audit_chain.ChainEntry(
            seq, prev, datetime.fromisoformat(str(at)), audit_chain.ORIGIN_STATION, None, user_id, username, action,
            audit_chain.plain(json.loads(details or "{}")),
        )
        prev = entry.hash()
        db.execute_sql('UPDATE "audit_log" SET seq = ?, prev_hash = ?, hash = ?, details = ? WHERE rowid = ?',
                       (seq, entry.prev_hash, prev, audit_chain.canonical_json(entry.details), rowid))
    if old or effects:  # a new, empty database has nothing to seal
        seq += 1
        baseline = audit_chain.ChainEntry(
            seq, prev, datetime.now(UTC).replace(tzinfo=None), audit_chain.ORIGIN_STATION, None, None, None,
            "audit.baseline", {"sealed_entries": len(old)}, effects,
        )
        prev = baseline.hash()
        db.execute_sql(
            'INSERT INTO "audit_log" (id, seq, prev_hash, hash, at, origin, user_id, username, action, details, '
            'effects) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
            (new_id(), seq, baseline.prev_hash, prev, str(baseline.at), baseline.origin, baseline.action,
             audit_chain.canonical_json(baseline.details), audit_chain.canonical_json(effects)),
        )
        db.execute_sql('INSERT OR REPLACE INTO "setting" (key, value) VALUES (\'audit_head\', ?)', (f"{seq}:{prev}",))
    db.execute_sql('CREATE UNIQUE INDEX "audit_log_seq" ON "audit_log" ("seq")')


def _v5_sync_outbox_batches(db: SqliteDatabase) -> None:
    # An outbox batch is fixed (id and sequence number) before it is sent, so a lost reply re-sends
    # the very same batch; a day's quota granted by the regency has no local user.
    db.execute_sql('ALTER TABLE "outbox" ADD COLUMN "batch_id" VARCHAR(255)')
    db.execute_sql('ALTER TABLE "outbox" ADD COLUMN "batch_seq" INTEGER')
    db.execute_sql('CREATE INDEX "outbox_batch_seq" ON "outbox" ("batch_seq")')
    db.execute_sql('CREATE INDEX "outbox_entity_entity_id" ON "outbox" ("entity", "entity_id")')
    db.execute_sql('CREATE TABLE "quota_override_new" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "kecamatan_code" '
                   'VARCHAR(8) NOT NULL, "day" DATE NOT NULL, "daily_limit" INTEGER NOT NULL, "reason" VARCHAR(255) '
                   'NOT NULL, "user_id" VARCHAR(255), "at" DATETIME NOT NULL, FOREIGN KEY ("user_id") REFERENCES '
                   '"user" ("id"))')
    db.execute_sql('INSERT INTO "quota_override_new" SELECT "id", "kecamatan_code", "day", "daily_limit", "reason", '
                   '"user_id", "at" FROM "quota_override"')
    db.execute_sql('DROP TABLE "quota_override"')
    db.execute_sql('ALTER TABLE "quota_override_new" RENAME TO "quota_override"')
    db.execute_sql('CREATE INDEX "quota_override_user_id" ON "quota_override" ("user_id")')
    db.execute_sql('CREATE UNIQUE INDEX "quota_override_kecamatan_code_day" ON "quota_override" ("kecamatan_code", '
                   '"day")')


def _v6_leases(db: SqliteDatabase) -> None:
    # Print rights and blanko ranges leased by the regency server (an enrolled station prints only with them).
    db.execute_sql('CREATE TABLE "quota_lease" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "kecamatan_code" VARCHAR(8) '
                   'NOT NULL, "day" DATE NOT NULL, "granted" INTEGER NOT NULL, "returned" INTEGER NOT NULL, "recall" '
                   'INTEGER NOT NULL, "pool" INTEGER, "limit" INTEGER, "kecamatan_issued" INTEGER, "renewed_at" '
                   'DATETIME, "expires_at" DATETIME NOT NULL)')
    db.execute_sql('CREATE INDEX "quota_lease_day" ON "quota_lease" ("day")')
    db.execute_sql('CREATE TABLE "blanko_range" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "first" VARCHAR(255) NOT '
                   'NULL, "last" VARCHAR(255) NOT NULL, "count" INTEGER NOT NULL, "granted_at" DATETIME NOT NULL, '
                   '"confirmed_at" DATETIME, "confirmed_by_id" VARCHAR(255), FOREIGN KEY ("confirmed_by_id") '
                   'REFERENCES "user" ("id"))')
    db.execute_sql('ALTER TABLE "blanko" ADD COLUMN "range_id" VARCHAR(255)')
    db.execute_sql('CREATE INDEX "blanko_range_id" ON "blanko" ("range_id")')


def _v7_resident_image_versions(db: SqliteDatabase) -> None:
    # The regency's version of a resident's photo and signature: the cached copy is kept while the
    # server's changes name the same version (a status change no longer drops it).
    db.execute_sql('ALTER TABLE "resident" ADD COLUMN "photo_version" VARCHAR(255)')
    db.execute_sql('ALTER TABLE "resident" ADD COLUMN "signature_version" VARCHAR(255)')


def _v8_blanko_ledger(db: SqliteDatabase) -> None:
    # The blanko ledger (docs/decisions.md, "The blanko ledger"): what a receipt asked for and the box's own
    # serials, the witnesses of a destruction (JSON), the other station of a transfer, a four-eyes approval.
    for column in ('"requested" INTEGER', '"box_first" VARCHAR(255)', '"box_last" VARCHAR(255)',
                   '"witnesses" TEXT', '"counterpart" VARCHAR(255)', '"approval_id" VARCHAR(255)'):
        db.execute_sql(f'ALTER TABLE "blanko_movement" ADD COLUMN {column}')
    db.execute_sql('CREATE INDEX "blanko_movement_kind_at" ON "blanko_movement" ("kind", "at")')


def _v9_approvals(db: SqliteDatabase) -> None:
    # Four-eyes approvals (issue 18) and the reprint approval a print job names. The claims work
    # (issue 17) adds the same print_job column: whichever runs second finds it there.
    columns = {row[1] for row in db.execute_sql('PRAGMA table_info("print_job")').fetchall()}
    if "reprint_approval" not in columns:
        db.execute_sql('ALTER TABLE "print_job" ADD COLUMN "reprint_approval" VARCHAR(255)')
    db.execute_sql('CREATE TABLE "approval" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, '
                   '"asker_id" VARCHAR(255) NOT NULL, "approver_id" VARCHAR(255) NOT NULL, "day" DATE NOT NULL, '
                   '"nik" VARCHAR(16), "card" VARCHAR(255), "subject" TEXT NOT NULL, "at" DATETIME NOT NULL, '
                   'FOREIGN KEY ("asker_id") REFERENCES "user" ("id"), '
                   'FOREIGN KEY ("approver_id") REFERENCES "user" ("id"))')
    db.execute_sql('CREATE INDEX "approval_asker_id" ON "approval" ("asker_id")')
    db.execute_sql('CREATE INDEX "approval_approver_id" ON "approval" ("approver_id")')
    db.execute_sql('CREATE INDEX "approval_day" ON "approval" ("day")')
    db.execute_sql('CREATE INDEX "approval_nik" ON "approval" ("nik")')
    db.execute_sql('CREATE UNIQUE INDEX "approval_card" ON "approval" ("card")')


def _v10_claims_and_card_history(db: SqliteDatabase) -> None:
    # A print job's claim on the NIK at the regency (its reprint approval came with version 9); the
    # regency's card history of the served kecamatan (docs/sync-protocol.md, "Claims", "Card history").
    db.execute_sql('ALTER TABLE "print_job" ADD COLUMN "claim_id" VARCHAR(255)')
    db.execute_sql('CREATE TABLE "card_history" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "nik" VARCHAR(16) NOT NULL, '
                   '"day" DATE NOT NULL, "kecamatan_code" VARCHAR(8) NOT NULL, "station_code" VARCHAR(255) NOT NULL, '
                   '"station_name" VARCHAR(255) NOT NULL, "blanko" VARCHAR(255) NOT NULL, "reason" VARCHAR(255) NOT '
                   'NULL, "issued_at" VARCHAR(255) NOT NULL, "spoiled" INTEGER NOT NULL, "reprint_approval" '
                   'VARCHAR(255))')
    db.execute_sql('CREATE INDEX "card_history_nik" ON "card_history" ("nik")')
    db.execute_sql('CREATE INDEX "card_history_day" ON "card_history" ("day")')
    # Passwords are changed online now (the server refuses a pushed `user_password` with 403, which
    # would hold up every batch behind it): unsent ones are dropped, and a batch that held one is
    # made again under a new id (its content changes).
    db.execute_sql('UPDATE "outbox" SET "batch_id" = NULL, "batch_seq" = NULL WHERE "sent_at" IS NULL AND '
                   '"batch_id" IN (SELECT "batch_id" FROM "outbox" WHERE "entity" = \'user_password\' AND '
                   '"sent_at" IS NULL AND "batch_id" IS NOT NULL)')
    db.execute_sql('DELETE FROM "outbox" WHERE "entity" = \'user_password\' AND "sent_at" IS NULL')


def _v11_rows_tied_to_the_chain(db: SqliteDatabase) -> None:
    """Issued cards, print jobs and log-in locks are tied to the chain (desktop/services/row_claims.py):
    the rows of today are sealed under one `audit.rows_sealed` entry, and the claim index is built."""
    from desktop.services import row_claims

    db.execute_sql('CREATE TABLE "audit_claim" ("kind" VARCHAR(255) NOT NULL, "key" VARCHAR(255) NOT NULL, "nik" '
                   'VARCHAR(255), "quota_day" VARCHAR(255), "seq" INTEGER NOT NULL, PRIMARY KEY ("kind", "key"))')
    db.execute_sql('CREATE INDEX "audit_claim_nik" ON "audit_claim" ("nik")')
    db.execute_sql('CREATE INDEX "audit_claim_quota_day" ON "audit_claim" ("quota_day")')
    effects = [effect for table in ("issued_card", "print_job")
               for _key, effect in sorted(row_claims.table_rows(db, table).items())]
    effects += [row_claims.lock_effect(db, name) for (name,) in db.execute_sql(
        'SELECT username FROM "login_throttle" WHERE locked_until IS NOT NULL ORDER BY username')]
    last = db.execute_sql('SELECT seq, hash FROM "audit_log" WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').fetchone()
    if effects:  # a new, empty database has nothing to seal
        seq, prev = (last[0] + 1, last[1]) if last else (1, audit_chain.GENESIS)
        entry = audit_chain.ChainEntry(
            seq, prev, datetime.now(UTC).replace(tzinfo=None), audit_chain.ORIGIN_STATION, None, None, None,
            "audit.rows_sealed", {"rows": len(effects)}, audit_chain.plain(effects),
        )
        digest, entry_id = entry.hash(), new_id()
        db.execute_sql(
            'INSERT INTO "audit_log" (id, seq, prev_hash, hash, at, origin, user_id, username, action, details, '
            'effects) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
            (entry_id, seq, prev, digest, str(entry.at), entry.origin, entry.action,
             audit_chain.canonical_json(entry.details), audit_chain.canonical_json(entry.effects)),
        )
        db.execute_sql('INSERT OR REPLACE INTO "setting" (key, value) VALUES (\'audit_head\', ?)', (f"{seq}:{digest}",))
        db.execute_sql(  # the regency gets the entry as any other (its chain would have a gap otherwise)
            'INSERT INTO "outbox" (id, entity, entity_id, op, payload, created_at, attempts) '
            "VALUES (?, 'audit_log', ?, 'insert', ?, ?, 0)",
            (new_id(), entry_id, json.dumps(entry.to_dict()), str(entry.at)))
    row_claims.rebuild_index(db)


def _v12_residents_claimed(db: SqliteDatabase) -> None:
    """Residents received before their record status was tied to the chain (issue 19) are claimed now,
    under `audit.residents_sealed` entries of RESIDENTS_PER_ENTRY each (as a pulled page's entry), each
    queued for the regency; the claim index gets them. Before this, such a resident was covered only
    from its next pull or import."""
    from desktop.services import row_claims

    claimed = {key for (key,) in db.execute_sql(
        'SELECT key FROM "audit_claim" WHERE kind = \'row\' AND key LIKE \'resident|%\'')}
    effects = [effect for key, effect in sorted(row_claims.table_rows(db, "resident").items())
               if f"resident|{key}" not in claimed]
    last = db.execute_sql('SELECT seq, hash FROM "audit_log" WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').fetchone()
    seq, prev = (last[0], last[1]) if last else (0, audit_chain.GENESIS)
    for start in range(0, len(effects), RESIDENTS_PER_ENTRY):
        part = effects[start:start + RESIDENTS_PER_ENTRY]
        seq += 1
        entry = audit_chain.ChainEntry(
            seq, prev, datetime.now(UTC).replace(tzinfo=None), audit_chain.ORIGIN_STATION, None, None, None,
            "audit.residents_sealed", {"residents": len(part)}, audit_chain.plain(part),
        )
        prev, entry_id = entry.hash(), new_id()
        db.execute_sql(
            'INSERT INTO "audit_log" (id, seq, prev_hash, hash, at, origin, user_id, username, action, details, '
            'effects) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
            (entry_id, seq, entry.prev_hash, prev, str(entry.at), entry.origin, entry.action,
             audit_chain.canonical_json(entry.details), audit_chain.canonical_json(entry.effects)),
        )
        db.execute_sql(
            'INSERT INTO "outbox" (id, entity, entity_id, op, payload, created_at, attempts) '
            "VALUES (?, 'audit_log', ?, 'insert', ?, ?, 0)",
            (new_id(), entry_id, json.dumps(entry.to_dict()), str(entry.at)))
        row_claims.index_entry(db, seq, part)
    if effects:
        db.execute_sql('INSERT OR REPLACE INTO "setting" (key, value) VALUES (\'audit_head\', ?)', (f"{seq}:{prev}",))


def _v13_printer_registration(db: SqliteDatabase) -> None:
    # Where each printer puts the personal layer on the blanko (issue 24): offset in dots and scale per
    # axis, keyed by the printer's serial (or its URI where it has none); the URI and serial of the
    # calibration tell a printer back from repair with another serial.
    db.execute_sql('CREATE TABLE "printer_registration" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, '
                   '"uri" VARCHAR(255) NOT NULL, "serial" VARCHAR(255), "offset_x" INTEGER NOT NULL, '
                   '"offset_y" INTEGER NOT NULL, "scale_x" REAL NOT NULL, "scale_y" REAL NOT NULL, '
                   '"updated_at" DATETIME NOT NULL, "user_id" VARCHAR(255), '
                   'FOREIGN KEY ("user_id") REFERENCES "user" ("id"))')
    db.execute_sql('CREATE INDEX "printer_registration_uri" ON "printer_registration" ("uri")')


def _v14_queue(db: SqliteDatabase) -> None:
    # The queue at the door (issue 25, docs/queue.md): a station's tickets of each day and the event log
    # that syncs to the regency as `queue_event` (never a NIK in an event).
    db.execute_sql('CREATE TABLE "queue_ticket" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "day" DATE NOT NULL, '
                   '"seq" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "service" VARCHAR(255) NOT NULL, '
                   '"priority" VARCHAR(255) NOT NULL, "disaster_reason" VARCHAR(255), "nik" VARCHAR(16), '
                   '"kecamatan_code" VARCHAR(8), "status" VARCHAR(255) NOT NULL, "issued_at" DATETIME NOT NULL, '
                   '"issued_by" VARCHAR(255) NOT NULL, "called_at" DATETIME, "calls" INTEGER NOT NULL, '
                   '"served_at" DATETIME, "missed_after_seq" INTEGER, "told_at" DATETIME, "printed" INTEGER NOT NULL)')
    db.execute_sql('CREATE UNIQUE INDEX "queue_ticket_day_seq" ON "queue_ticket" ("day", "seq")')
    db.execute_sql('CREATE INDEX "queue_ticket_status" ON "queue_ticket" ("status")')
    db.execute_sql('CREATE TABLE "queue_event" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, '
                   '"ticket_id" VARCHAR(255) NOT NULL, "day" DATE NOT NULL, "code" VARCHAR(255) NOT NULL, '
                   '"service" VARCHAR(255) NOT NULL, "priority" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, '
                   '"at" DATETIME NOT NULL, "kecamatan_code" VARCHAR(8))')
    db.execute_sql('CREATE INDEX "queue_event_day" ON "queue_event" ("day")')
    db.execute_sql('CREATE INDEX "queue_event_ticket_id" ON "queue_event" ("ticket_id")')


def _v15_lease_share(db: SqliteDatabase) -> None:
    # The station's share of its kecamatan's pool as the regency last said it (issue 25): the rights it
    # may count as obtainable for its queue's places; NULL from a server that does not say it.
    db.execute_sql('ALTER TABLE "quota_lease" ADD COLUMN "share" INTEGER')


RESIDENTS_PER_ENTRY = 2000  # the pull's page

MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1_initial_schema,
    _v2_quota_and_reprint_indexes,
    _v3_login_throttle_and_password_change,
    _v4_audit_hash_chain,
    _v5_sync_outbox_batches,
    _v6_leases,
    _v7_resident_image_versions,
    _v8_blanko_ledger,
    _v9_approvals,
    _v10_claims_and_card_history,
    _v11_rows_tied_to_the_chain,
    _v12_residents_claimed,
    _v13_printer_registration,
    _v14_queue,
    _v15_lease_share,
]

LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(db: SqliteDatabase) -> int:
    """Bring the database to LATEST_VERSION; return the version it had before."""
    before = schema_version(db)
    for version in range(before + 1, LATEST_VERSION + 1):
        # The write lock first, then the version again: two processes opening an old file at once
        # must not both run the same migration.
        with db.atomic("IMMEDIATE"):
            if schema_version(db) >= version:
                continue
            MIGRATIONS[version - 1](db)
            db.execute_sql(f"PRAGMA user_version = {version}")
    return before
