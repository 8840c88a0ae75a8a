"""A rolled-back station knows it (desktop/services/head_mark.py): a backup put back as the README says,
a write-ahead log cut short, a database whose head file went missing. Printing stops with one sentence
until a supervisor accepts the database as it is (audited); nothing is refused on a station that only
moved forward."""

from __future__ import annotations

import shutil
import uuid

import pytest

from desktop.composition import build_services
from desktop.devices.registry import open_printer
from desktop.devices.simulator import forget_simulators
from desktop.errors import UserFacingError
from desktop.services import restore_count
from desktop.services.audit_verify import verify_chain
from desktop.services.head_mark import FILENAME
from desktop.services.issuance import PrintRequest
from desktop.store.backup import backup_to
from desktop.store.files import DB_FILENAME
from desktop.store.models import AuditLog, Blanko, IssuedCard
from tests.helpers.fixtures import add_resident
from tests.helpers.processes import cli_env, run_cli

LOST = dict(reason="hilang", documents=frozenset({"kk", "police_letter"}), numbers={"police_letter": "LP/1/XI/2026"})


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""


@pytest.fixture
def printer():
    opened = open_printer(f"sim://rollback-{uuid.uuid4().hex[:8]}")
    yield opened
    opened.close()
    forget_simulators()


def print_one(station, printer, serial: int):
    nik = add_resident(serial=serial)
    return station.services.issuance.print_card(station.operator, PrintRequest(nik, **LOST), printer)


def reopen(station):
    """The station closed and started again on its data folder (as the next start of the application)."""
    data = station.services.data_dir
    station.services.close()
    station.services = build_services(data, clock=station.clock)
    return station.services


def test_a_station_that_only_moved_forward_prints_and_keeps_its_head_file(station, printer):
    first = print_one(station, printer, 1)
    head = (station.services.data_dir / FILENAME).read_text().strip()
    last = AuditLog.select().order_by(AuditLog.seq.desc()).get()
    assert head == f"{last.seq}:{last.hash}"
    reopen(station)
    second = print_one(station, printer, 2)
    assert first.blanko_serial != second.blanko_serial


def test_a_restored_backup_stops_printing_until_a_supervisor_accepts_it(station, printer, tmp_path):
    data = station.services.data_dir
    print_one(station, printer, 1)
    backup_to(data / DB_FILENAME, tmp_path / "b1.sqlite3")
    later = print_one(station, printer, 2)
    assert Blanko.get(Blanko.serial == later.blanko_serial).state == "issued"

    station.services.close()  # the README's restore: close, put the copy in place, remove -wal and -shm
    shutil.copy(tmp_path / "b1.sqlite3", data / DB_FILENAME)
    for suffix in ("-wal", "-shm"):
        (data / f"{DB_FILENAME}{suffix}").unlink(missing_ok=True)
    services = build_services(data, clock=station.clock)
    station.services = services
    assert Blanko.get(Blanko.serial == later.blanko_serial).state == "in_stock"  # what the copy says
    with pytest.raises(UserFacingError) as refused:
        print_one(station, printer, 3)
    sentence = str(refused.value)
    assert sentence.startswith("Database stasiun mundur: catatan terakhirnya sampai entri audit #")
    assert "entri hilang" in sentence and "ktp-mandiri audit accept-restore --user NAMA" in sentence
    assert IssuedCard.select().count() == 1  # nothing reserved, nothing printed

    with pytest.raises(UserFacingError):
        services.head_mark.accept(station.operator)  # an operator may not decide it
    accepted = services.head_mark.accept(station.supervisor)
    assert accepted is not None and accepted.database_seq < accepted.marked.seq
    entry = AuditLog.select().order_by(AuditLog.seq.desc()).get()
    assert entry.action == "audit.restore_accepted" and entry.username == "supervisor"

    # The blanko used after the copy was taken read `in_stock`: a supervisor counts before the first print.
    with pytest.raises(UserFacingError, match="supervisor menghitung sisa blanko fisik") as refused:
        print_one(station, printer, 4)
    assert refused.value.code == "count_due"
    station_id = services.stations.require().id
    at_hand = [s for s in restore_count.in_stock(station_id) if s != later.blanko_serial]  # on a citizen's card
    with pytest.raises(UserFacingError):
        restore_count.record_count(services.db, station.clock, station.operator, station_id, at_hand)
    with pytest.raises(UserFacingError, match="tidak tercatat di stok"):  # a serial not in stock: nothing written
        restore_count.record_count(services.db, station.clock, station.supervisor, station_id,
                                   [*at_hand, "BLK-9999999"])
    done = restore_count.record_count(services.db, station.clock, station.supervisor, station_id, at_hand)
    assert done.missing == [later.blanko_serial] and done.present == len(at_hand)
    assert Blanko.get(Blanko.serial == later.blanko_serial).state == "spoiled"
    trace = services.blanko_ledger.trace(later.blanko_serial)
    assert (trace[-1].kind, trace[-1].reason, trace[-1].username) == ("spoil", "missing_after_restore", "supervisor")
    assert services.blanko_ledger.balance(station_id).holds
    counted = AuditLog.select().order_by(AuditLog.seq.desc()).get()
    assert counted.action == "blanko.counted_after_restore" and counted.username == "supervisor"
    assert verify_chain(services.db).ok
    next_card = print_one(station, printer, 5)
    assert next_card.blanko_serial != later.blanko_serial
    assert not restore_count.due(services.db)


def test_a_write_ahead_log_cut_short_is_noticed(station, printer, tmp_path):
    """What a power cut can leave: the files copied as they stood while the station ran, the log cut."""
    data = station.services.data_dir
    # The set-up (migrations, station, stock) goes into the database file: the log holds only the prints,
    # so cutting it in half cuts into them whatever the schema's size.
    station.services.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print_one(station, printer, 1)
    print_one(station, printer, 2)
    cut = tmp_path / "cut"
    shutil.copytree(data, cut, ignore=shutil.ignore_patterns("*.lock", "jobs"))
    wal = cut / f"{DB_FILENAME}-wal"
    assert wal.stat().st_size > 4096, "the prints' commits should still be in the write-ahead log"
    with wal.open("r+b") as handle:
        handle.truncate(wal.stat().st_size // 2)
    (cut / f"{DB_FILENAME}-shm").unlink(missing_ok=True)
    station.services.close()
    station.services = build_services(cut, clock=station.clock)
    problem = station.services.head_mark.rollback()
    assert problem is not None and problem.database_seq < problem.marked.seq
    with pytest.raises(UserFacingError, match="Database stasiun mundur"):
        print_one(station, printer, 3)


def test_a_missing_head_file_of_a_database_that_had_one_is_noticed(station, printer):
    print_one(station, printer, 1)
    (station.services.data_dir / FILENAME).unlink()
    reopen(station)
    with pytest.raises(UserFacingError, match=f"Berkas penanda {FILENAME} hilang dari folder data"):
        print_one(station, printer, 2)


def test_a_database_from_another_chain_is_noticed(station, printer):
    print_one(station, printer, 1)
    last = AuditLog.select().order_by(AuditLog.seq.desc()).get()
    (station.services.data_dir / FILENAME).write_text(f"{last.seq}:{'0' * 64}\n")
    with pytest.raises(UserFacingError, match="bukan lanjutan dari catatan terakhirnya"):
        print_one(station, printer, 2)


def test_accept_restore_from_the_command_line(station, printer, tmp_path):
    data = station.services.data_dir
    print_one(station, printer, 1)
    (data / FILENAME).unlink()
    station.services.close()
    done = run_cli(data, "audit", "accept-restore", "--user", "supervisor",
                   env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Pemulihan diterima oleh supervisor dan dicatat di log audit. Berkas penanda")
    assert "ktp-mandiri blanko count --user NAMA" in done.stdout
    shown = run_cli(data, "blanko", "count", "--user", "supervisor", env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert shown.returncode == 0, shown.stderr
    stock = shown.stdout.splitlines()[0]
    assert stock.startswith("Stok tercatat: ") and "Hitungan blanko sesudah pemulihan ditunggu" in shown.stdout
    first, last = stock.split("(", 1)[1].rstrip(").").split("..")
    counted = run_cli(data, "blanko", "count", "--user", "supervisor", f"{first[:-1]}{int(first[-1]) + 1}..{last}",
                      env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.startswith("Hitungan blanko dicatat (entri audit #")
    assert f"1 blanko tidak ditemukan dan dicatat rusak di buku blanko dengan alasan 'hilang sesudah pemulihan' " \
           f"({first})" in counted.stdout
    twice = run_cli(data, "blanko", "count", "--user", "supervisor", "--none",
                    env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert twice.returncode != 0 and "Tidak ada pemulihan database yang menunggu hitungan blanko." in twice.stderr
    again = run_cli(data, "audit", "accept-restore", "--user", "supervisor",
                    env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert again.returncode == 0 and "tidak ada yang perlu diterima" in again.stdout
    fetch = run_cli(data, "audit", "fetch-own", "--user", "supervisor", env=cli_env(KTP_MANDIRI_PASSWORD="supervisor123"))
    assert fetch.returncode == 0 and "tidak terdaftar di server kabupaten" in fetch.stdout  # nothing to fetch from
    operator = run_cli(data, "audit", "fetch-own", "--user", "operator", env=cli_env(KTP_MANDIRI_PASSWORD="operator123"))
    assert operator.returncode != 0 and operator.stderr.strip()  # a supervisor's command
    station.services = build_services(data, clock=station.clock)


def test_two_printers_finishing_at_once_leave_the_newest_head_and_no_failure(station, caplog):
    """Each printer's lane marks the head after its card; two at once once lost a write ('.part' gone)."""
    import threading

    from desktop.services import audit

    mark = station.services.head_mark

    def finish_cards() -> None:
        for _ in range(10):
            mark.write()

    lanes = [threading.Thread(target=finish_cards) for _ in range(2)]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join()
    assert [r.getMessage() for r in caplog.records if r.name == "ktp.audit"] == []
    head = audit.head()
    assert (mark.read().seq, mark.read().hash) == (head.seq, head.hash)
