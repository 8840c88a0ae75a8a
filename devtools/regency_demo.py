"""`python3 dev.py demo --regency`: the whole system on one machine.

A regency server on SQLite in a throw-away folder, demo residents imported from a CSV export through
the real import (with drawn photos for the print-ready ones), demo users and quotas, and two enrolled
stations of one hub (Pamulang serving Pamulang, Setu and Ciputat), each opened in its own window.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from desktop.services.demo import DEMO_KECAMATAN, DEMO_QUOTAS
from desktop.services.demo_accounts import DEMO_USERS

RESIDENTS = 2000
STATIONS = ("Hub Pamulang loket 1", "Hub Pamulang loket 2")
ACTOR = "cli:demo"


def _export_residents(root: Path, count: int) -> tuple[Path, Path]:
    """Demo residents as a SIAK-style export (`;`, BOM, dd/mm/yyyy) and a folder of NIK.png photos."""
    from desktop.composition import build_services
    from desktop.render.fonts import ensure_gui_app
    from desktop.render.portrait import portrait_png, signature_png
    from desktop.services.demo import generate_residents
    from desktop.store.models import Resident

    scratch = build_services(root / "scratch")
    generate_residents(scratch.db, scratch.regions, count, DEMO_KECAMATAN, today=scratch.clock.today())
    export, photos = root / "penduduk.csv", root / "foto"
    photos.mkdir()
    ensure_gui_app()
    with export.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["NIK", "NAMA_LGKP", "TMPT_LHR", "TGL_LHR", "JENIS_KLMIN", "GOL_DARAH", "ALAMAT", "NO_RT",
                         "NO_RW", "KODE_DESA", "AGAMA", "STATUS_KAWIN", "PEKERJAAN", "KEWARGANEGARAAN",
                         "STATUS_REKAM"])
        for r in Resident.select().order_by(Resident.nik):
            writer.writerow([r.nik, r.name, r.birth_place, r.birth_date.strftime("%d/%m/%Y"), r.sex, r.blood_type,
                             r.address, f"{r.rt:03d}", f"{r.rw:03d}", r.village_code.replace(".", ""), r.religion,
                             r.marital_status, r.occupation, r.nationality, r.record_status])
            if r.record_status == "PRINT_READY_RECORD":
                (photos / f"{r.nik}.png").write_bytes(portrait_png(r.nik, r.birth_date.year, r.sex))
                (photos / f"{r.nik}_ttd.png").write_bytes(signature_png(r.nik, r.name))
    scratch.close()
    return export, photos


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("Server kabupaten demo berhenti saat mulai; lihat log di atas.")
        try:
            with urllib.request.urlopen(url + "/v1/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("Server kabupaten demo tidak siap dalam 60 detik.")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Demo:
    """The demo regency running: its server process and address, the stations' data folders."""

    root: Path
    server: subprocess.Popen
    url: str
    stations: list[Path]

    def stop(self) -> None:
        _stop(self.server)
        self.server.wait(timeout=30)


def set_up(root: Path, residents_count: int = RESIDENTS) -> Demo:
    """The regency server with its residents, users, quotas and blanko, serving; both stations
    enrolled and synced (the demo walk test uses it as the demo does)."""
    from server import leases, registry, residents
    from server.db import database, make_database
    from server.migrations import migrate

    db_url = f"sqlite:///{root / 'server' / 'server.sqlite3'}"
    database.initialize(make_database(db_url))
    migrate(database.obj)
    export, photos = _export_residents(root, residents_count)
    result = residents.import_residents(ACTOR, export, photos)
    print(f"Server: {result.added} penduduk demo diimpor, {result.photos} foto/tanda tangan.", flush=True)
    for username, full_name, password, role in DEMO_USERS:
        registry.save_user(ACTOR, username, full_name, str(role), password, list(DEMO_KECAMATAN),
                           must_change_password=False)
    for code, limit in DEMO_QUOTAS.items():
        registry.set_quota(ACTOR, code, limit)
    leases.receive_blanko(ACTOR, 1000, "DEMO-KABUPATEN")  # the regency's stock; stations get ranges of it
    codes = [registry.add_station(ACTOR, name, list(DEMO_KECAMATAN))[1] for name in STATIONS]
    database.obj.close()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "server.cli", "--database-url", db_url, "serve", "--port",
                               str(port)], start_new_session=True)
    demo = Demo(root, server, url, [])
    try:
        _wait_healthy(url, server)
        for number, code in enumerate(codes, start=1):
            data = root / f"loket{number}"
            _prepare_station(data, url, code, number)
            demo.stations.append(data)
    except BaseException:
        demo.stop()
        raise
    return demo


def run(extra_gui_args: list[str]) -> int:
    """The demo until its windows are closed, or it is interrupted (Ctrl+C) or terminated (SIGTERM):
    on every way out the windows and the server stop and the demo's folder is removed."""
    residents_count = RESIDENTS
    if "--demo-residents" in extra_gui_args:  # fewer residents: the demo's own test
        at = extra_gui_args.index("--demo-residents")
        residents_count = int(extra_gui_args[at + 1])
        extra_gui_args = extra_gui_args[:at] + extra_gui_args[at + 2:]
    root = Path(tempfile.mkdtemp(prefix="ktp-regency-demo-"))
    print(f"Demo kabupaten di {root}", flush=True)
    previous = signal.signal(signal.SIGTERM, _terminated)
    windows: list[subprocess.Popen] = []
    try:
        demo = set_up(root, residents_count)
        try:
            for number, data in enumerate(demo.stations, start=1):
                windows.append(subprocess.Popen([
                    sys.executable, "-m", "desktop.app", "--data-dir", str(data),
                    "--window-column", f"{number}/{len(demo.stations)}", *extra_gui_args]))
            print(f"Server {demo.url}; masuk dengan: " + ", ".join(f"{u} / {p}" for u, _, p, _ in DEMO_USERS),
                  flush=True)
            for window in windows:
                window.wait()
        finally:
            for window in windows:
                if window.poll() is None:
                    window.terminate()  # the window quits as when closed (desktop/ui/application.py)
            for window in windows:
                try:
                    window.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    window.kill()
                    window.wait()
            demo.stop()
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _terminated(_signum, _frame) -> None:
    """SIGTERM: leave through the same `finally` as a closed window (the folder is removed)."""
    raise SystemExit(143)


def _stop(server: subprocess.Popen) -> None:
    """The server and its workers: their process group on Linux and macOS; Windows has no groups to
    signal (the workers stop with their parent)."""
    from desktop import platform as system

    if system.WINDOWS:
        server.terminate()
    else:
        os.killpg(server.pid, 15)


def _prepare_station(data: Path, url: str, code: str, number: int) -> None:
    """Enrol, first sync, a simulated printer, and the box of blanko the regency sent confirmed, as the
    office would."""
    from desktop.composition import build_services
    from desktop.services.demo_accounts import DEMO_KEY
    from desktop.store.models import Setting

    services = build_services(data)
    try:
        with services.db.atomic():
            Setting.replace(key=DEMO_KEY, value="1").execute()  # demo passwords are allowed here
        services.sync.enrol(url, code)
        services.sync.round()
        admin = services.auth.login("admin", "admin12345")
        services.stations.add_printer(admin, f"sim://loket{number}?delay=2", f"Printer simulasi loket {number}")
        supervisor = services.auth.login("supervisor", "supervisor123")
        for box in services.leases.incoming_ranges():
            services.leases.confirm_range(supervisor, box.id)
        services.sync.round()
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
