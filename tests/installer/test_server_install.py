"""installer/server/install-server.sh in a minimal Debian, as the IT officer runs it offline (from a
folder of wheels made here with pip), then docs/server-install.md followed literally in that root: the
service user, the program in /opt/ktp-mandiri-server, the settings file and folders with their modes,
the systemd units (verified there by systemd-analyze against the installed paths), the regency CA and
the server certificate the install made (a station trusting only the CA connects under strict X.509
checks); the server run as its service runs (user, server.env, TLS certificate) and reached over HTTPS
by the station's client; the nightly backup and the restore procedure, for the SQLite default and for
PostgreSQL from Debian's packages, where the restore goes into a cluster created afresh after the old
one was dropped; an upgrade that keeps server.env and the certificates and says what it did; each
start-up problem one line on stderr within 5 s (systemd does not run here); `check` in the root."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.sync.client import ServerClient, SyncError
from tests.helpers.disks import host_disk_status
from tests.helpers.regency import free_port
from tests.installer.conftest import ROOT
from tests.installer.rootfs import BASE_ENV, Rootfs
from tests.installer.test_certificates import handshake, valid_for

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
CTL = "ktp-mandiri-serverctl"
ENV_FILE = "etc/ktp-mandiri-server/server.env"
BACKUPS = "var/backups/ktp-mandiri-server"
PASSWORD = "Rahasia-Kabupaten-2026"
PAMULANG = "36.74.06"
TLS = "etc/ktp-mandiri-server/tls"
INSTALL = ["sh", "/tmp/ktp-mandiri/installer/server/install-server.sh", "--wheels", "/tmp/wheels"]
AS_ROOT = {"PATH": "/usr/local/sbin:/usr/local/bin:" + BASE_ENV["PATH"]}  # root's PATH on Debian


TLS_NAME = "ktp.kab.example.go.id"


@pytest.fixture(scope="module")
def server_root(debian_base, tmp_path_factory) -> Iterator[Rootfs]:
    """A minimal Debian with the server installed by install-server.sh from a folder of wheels; the
    install made the regency CA and the server certificate, and the host trusts that CA as the
    stations do (--ca-file). `first_install` is what the install said."""
    root = Rootfs(debian_base)
    try:
        wheels = root.path / "tmp" / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels),
                        f"{ROOT}[server]"], check=True, capture_output=True)
        source = root.path / "tmp" / "ktp-mandiri"
        shutil.copytree(ROOT / "installer", source / "installer")
        shutil.copytree(ROOT / "docs", source / "docs")
        # Never start a service in the root (postgresql's postinst would): the tests start what they need.
        policy = root.path / "usr" / "sbin" / "policy-rc.d"
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        root.run(["apt-get", "update", "-qq"])
        root.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "python3-venv", "adduser",
                  "systemd", "postgresql", "openssl"], env={"DEBIAN_FRONTEND": "noninteractive"})
        root.first_install = root.run(INSTALL + ["--tls-name", TLS_NAME]).stdout
        shutil.copy(root.path / TLS / "ca.crt", tmp_path_factory.getbasetemp() / "server-ca.crt")
        yield root
    finally:
        if (root.path / "usr/lib/postgresql").is_dir():
            root.run(["pg_ctlcluster", postgres_version(root), "main", "stop", "-m", "immediate"], check=False)
        root.close()


def postgres_version(root: Rootfs) -> str:
    """The major version Debian's `postgresql` brought into the root (15 on Debian 12)."""
    return max((root.path / "usr/lib/postgresql").iterdir(), key=lambda p: int(p.name)).name


def settings(root: Rootfs, database_url: str | None) -> None:
    """server.env as installed, with the database line as the IT officer sets it (None: commented out,
    the SQLite default)."""
    text = (ROOT / "installer" / "server" / "server.env").read_text()
    line = next(x for x in text.splitlines() if x.startswith("KTP_SERVER_DATABASE_URL="))
    (root.path / ENV_FILE).write_text(text.replace(line, f"KTP_SERVER_DATABASE_URL={database_url}" if database_url
                                                   else f"# {line}"))


def ctl(root: Rootfs, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`sudo ktp-mandiri-serverctl ARGS` as the docs say (root runs it; the password for `admin create`
    comes from the environment instead of a terminal)."""
    return root.run([CTL, *args], env={**AS_ROOT, "KTP_SERVER_PASSWORD": PASSWORD, "SUDO_USER": "petugas"},
                    check=check)


def backup_file(made: subprocess.CompletedProcess, root: Rootfs) -> Path:
    path = root.path / made.stdout.split("Cadangan: ", 1)[1].strip().lstrip("/")
    assert path.parent == root.path / BACKUPS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.stat().st_uid == uid(root, "ktp-server")
    return path


def uid(root: Rootfs, user: str) -> int:
    return int(root.run(["id", "-u", user]).stdout)


def serve_and_look(root: Rootfs, ca_file: Path) -> dict:
    """`ktp-mandiri-server serve` as the unit runs it (user, server.env with TLS, 2 workers), reached
    from outside the root over HTTPS with the regency's certificate: health, admin log-in, stations."""
    port = free_port()
    proc = subprocess.Popen(root.command([CTL, "serve", "--host", "127.0.0.1", "--port", str(port)], env=AS_ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    client = ServerClient(f"https://127.0.0.1:{port}", ca_file=str(ca_file), timeout=10)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = client.get("/v1/health")
                break
            except SyncError as exc:
                assert exc.code == "offline", exc  # not yet listening; a certificate refused is an error
                assert proc.poll() is None, proc.communicate()[0].decode()
                assert time.monotonic() < deadline, "the installed server did not answer within 120 s"
                time.sleep(0.5)
        client.token = client.post("/v1/admin/login", {"username": "ti_kabupaten", "password": PASSWORD})["token"]
        return {"generation": health["generation"], "stations": client.get("/v1/admin/stations")}
    finally:
        client.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_install_script_sets_up_user_program_settings_and_units(server_root):
    passwd = (server_root.path / "etc" / "passwd").read_text().splitlines()
    assert [line for line in passwd if line.startswith("ktp-server:") and line.endswith(":/usr/sbin/nologin")]
    env_file = server_root.path / ENV_FILE
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o640
    for folder in ("var/lib/ktp-mandiri-server", BACKUPS):
        assert stat.S_IMODE((server_root.path / folder).stat().st_mode) == 0o750
        assert (server_root.path / folder).stat().st_uid == uid(server_root, "ktp-server")
    assert (server_root.path / "opt/ktp-mandiri-server/bin/ktp-mandiri-server-backup").stat().st_mode & 0o111
    units = [f"/etc/systemd/system/{name}" for name in
             ("ktp-mandiri-server.service", "ktp-mandiri-server-backup.service", "ktp-mandiri-server-backup.timer")]
    verify = server_root.run(["systemd-analyze", "verify", *units], check=False)
    assert verify.returncode == 0 and not verify.stderr.strip(), verify.stderr
    as_user = server_root.run(["/usr/local/sbin/" + CTL, "migrate"], user=True, check=False)
    assert as_user.returncode == 1 and as_user.stderr.strip() == \
        "Jalankan sebagai root (sudo ktp-mandiri-serverctl ...)."


def test_sqlite_default_serves_over_tls_backs_up_and_restores(server_root, tmp_path_factory):
    ca_file = tmp_path_factory.getbasetemp() / "server-ca.crt"
    settings(server_root, None)
    ctl(server_root, "migrate")
    database = server_root.path / "var/lib/ktp-mandiri-server/ktp-mandiri-server.sqlite3"
    assert database.stat().st_uid == uid(server_root, "ktp-server")  # the service's own file
    ctl(server_root, "admin", "create", "ti_kabupaten")
    ctl(server_root, "station", "add", "--name", "Kecamatan Pamulang", "--kecamatan", PAMULANG)
    before = serve_and_look(server_root, ca_file)
    made = backup_file(ctl(server_root, "backup"), server_root)

    # docs section 6, SQLite: service stopped, the damaged database moved aside, the backup restored.
    refused = ctl(server_root, "backup", "--restore", f"/{made.relative_to(server_root.path)}", check=False)
    assert refused.returncode == 1 and "sudah ada" in refused.stderr
    database.rename(database.with_name("rusak.sqlite3"))
    ctl(server_root, "backup", "--restore", f"/{made.relative_to(server_root.path)}")
    after = serve_and_look(server_root, ca_file)
    assert after["stations"] == before["stations"] and len(after["stations"]) == 1
    assert after["generation"] != before["generation"]


def test_postgresql_as_the_docs_say_restored_into_a_fresh_cluster(server_root, tmp_path_factory):
    ca_file = tmp_path_factory.getbasetemp() / "server-ca.crt"
    settings(server_root, "postgresql://ktp-server@/ktp_mandiri?host=/var/run/postgresql")  # server.env's own line

    version = postgres_version(server_root)
    control = f"/usr/lib/postgresql/{version}/bin/pg_controldata /var/lib/postgresql/{version}/main"

    def new_cluster() -> None:
        """A cluster initdb'd now (socket only), then docs section 1: the role and its empty database."""
        server_root.run(["pg_dropcluster", "--stop", version, "main"], check=False)
        server_root.run(["pg_createcluster", version, "main"])
        server_root.run(["pg_conftool", version, "main", "set", "listen_addresses", ""])
        server_root.run(["pg_ctlcluster", version, "main", "start"])
        server_root.run(["runuser", "-u", "postgres", "--", "createuser", "ktp-server"])
        server_root.run(["runuser", "-u", "postgres", "--", "createdb", "--owner=ktp-server", "ktp_mandiri"])

    new_cluster()
    ctl(server_root, "migrate")
    ctl(server_root, "admin", "create", "ti_kabupaten")
    ctl(server_root, "station", "add", "--name", "Kecamatan Pamulang", "--kecamatan", PAMULANG)
    ctl(server_root, "station", "add", "--name", "Kecamatan Setu", "--kecamatan", "36.74.07")
    before = serve_and_look(server_root, ca_file)
    made = backup_file(ctl(server_root, "backup"), server_root)
    assert made.suffix == ".dump"
    old_cluster = server_root.run(["sh", "-c", f"{control} | grep 'system identifier'"]).stdout

    new_cluster()  # the old cluster and its files are gone: only the backup is left
    assert server_root.run(["sh", "-c", f"{control} | grep 'system identifier'"]).stdout != old_cluster
    ctl(server_root, "backup", "--restore", f"/{made.relative_to(server_root.path)}")
    after = serve_and_look(server_root, ca_file)
    assert after["stations"] == before["stations"]
    assert [s["name"] for s in after["stations"]] == ["Kecamatan Pamulang", "Kecamatan Setu"]
    assert after["generation"] != before["generation"], "a restored server starts a new generation"


def gid(root: Rootfs, group: str) -> int:
    return int(root.run(["getent", "group", group]).stdout.split(":")[2])


def test_the_install_made_the_regency_ca_and_a_server_certificate_renewed_by_one_command(server_root):
    said = server_root.first_install
    assert "CA kabupaten dibuat: /etc/ktp-mandiri-server/tls/ca.crt (berlaku 10 tahun" in said
    assert "Setiap stasiun diberi /etc/ktp-mandiri-server/tls/ca.crt: ktp-mandiri enrol https://SERVER:8470 KODE " \
           "--ca-file ca.crt" in said
    tls = server_root.path / TLS
    ca_key, key = (tls / "ca.key").stat(), (tls / "server.key").stat()
    assert stat.S_IMODE(ca_key.st_mode) == 0o600 and ca_key.st_uid == 0  # the CA's key: root's only
    assert stat.S_IMODE(key.st_mode) == 0o640 and (key.st_uid, key.st_gid) == (0, gid(server_root, "ktp-server"))
    assert valid_for(tls / "ca.crt") == timedelta(days=3650)
    assert valid_for(tls / "server.crt") == timedelta(days=730)
    hostname = server_root.run(["hostname"]).stdout.strip()
    for name in (TLS_NAME, "127.0.0.1", "localhost", hostname):  # strict X.509 checks, trusting ca.crt only
        assert handshake(tls, name).startswith("TLSv1."), name

    # Renewal, as the docs say: a new server certificate for the same names, under the same CA.
    before = {name: (tls / name).read_bytes() for name in ("ca.crt", "ca.key", "server.crt", "server.key")}
    renewed = server_root.run(["ktp-mandiri-server-certificates", "--renew"], env=AS_ROOT)
    assert "CA tetap: stasiun tidak perlu apa-apa." in renewed.stdout
    assert [(tls / name).read_bytes() == before[name] for name in before] == [True, True, False, False]
    assert handshake(tls, TLS_NAME).startswith("TLSv1.")  # the name given at install is kept


def test_an_upgrade_keeps_settings_and_certificates_and_says_what_it_did(server_root):
    settings(server_root, None)
    ctl(server_root, "migrate")
    tls = server_root.path / TLS
    kept = {path: path.read_bytes() for path in [server_root.path / ENV_FILE, *sorted(tls.iterdir())]}
    upgrade = server_root.run(INSTALL + ["--tls-name", "lain.example.go.id"])
    assert {path: path.read_bytes() for path in kept} == kept  # byte for byte, and no file added
    assert sorted(tls.iterdir()) == [path for path in kept if path.parent == tls]
    lines = upgrade.stdout.splitlines()
    assert lines[0] == "Mencadangkan database sebelum pembaruan ..."
    assert lines[1].startswith("Pembaruan selesai: ktp-mandiri ") and lines[1].endswith(" di /opt/ktp-mandiri-server.")
    assert lines[2].startswith("- Cadangan: /var/backups/ktp-mandiri-server/ktp-mandiri-server-")
    assert lines[3].startswith("- /etc/ktp-mandiri-server/server.env dan sertifikat di /etc/ktp-mandiri-server/tls "
                               "tidak diubah. Sertifikat server berlaku sampai ")
    assert lines[5] == "- Layanan tidak berjalan: skema database diperbarui saat dimulai (systemctl start " \
                       "ktp-mandiri-server)."
    assert len(lines) == 6 and upgrade.stderr == ""  # no first-install text, no pip or setuptools output
    assert "Looking in links: /tmp/wheels" in (server_root.path / "opt/ktp-mandiri-server/pip-install.log").read_text()

    # pip failing: its errors are shown, then one sentence; settings and certificates untouched.
    failed = server_root.run(INSTALL + ["/tmp/ktp_mandiri-0-py3-none-any.whl"], check=False)
    assert failed.returncode == 1
    assert "ERROR:" in failed.stderr
    assert failed.stderr.splitlines()[-1].startswith("pip gagal memasang /tmp/ktp_mandiri-0-py3-none-any.whl[server]")
    assert {path: path.read_bytes() for path in kept} == kept


def refused_quickly(root: Rootfs, *args: str) -> str:
    """A command that must stop by itself within 5 s, non-zero, with one line on stderr and nothing else:
    no worker started (a worker logs its start), no traceback."""
    started = time.monotonic()
    done = root.run([CTL, *args], env=AS_ROOT, check=False, timeout=60)
    elapsed = time.monotonic() - started
    assert done.returncode != 0 and elapsed < 5, (done, elapsed)
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr.strip()


def test_start_up_problems_are_one_line_within_5_seconds(server_root):
    settings(server_root, None)  # 2 workers and the install's certificate, as server.env ships
    ctl(server_root, "migrate")
    port = free_port()
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    tls = server_root.path / TLS
    (tls / "server.crt").rename(tls / "server.crt.aside")
    try:
        said = refused_quickly(server_root, *serve)
    finally:
        (tls / "server.crt.aside").rename(tls / "server.crt")
    assert said == ("ktp-mandiri-server: Sertifikat TLS /etc/ktp-mandiri-server/tls/server.crt tidak ada. Buat "
                    "sertifikat (docs/server-install.md) atau perbaiki KTP_SERVER_TLS_CERT/KTP_SERVER_TLS_KEY.")
    (tls / "server.key").chmod(0o600)  # root's only: the service's user cannot read it
    try:
        said = refused_quickly(server_root, *serve)
    finally:
        (tls / "server.key").chmod(0o640)
    assert said == ("ktp-mandiri-server: Kunci privat TLS /etc/ktp-mandiri-server/tls/server.key tidak dapat dibaca "
                    "(Permission denied); server berjalan sebagai pengguna ktp-server.")
    with socket.socket() as taken:  # the root shares the host's network
        taken.bind(("127.0.0.1", port))
        taken.listen()
        said = refused_quickly(server_root, *serve)
    assert said.startswith(f"ktp-mandiri-server: Port {port} di 127.0.0.1 sudah dipakai program lain")

    settings(server_root, f"postgresql://ktp-server@127.0.0.1:{free_port()}/ktp_mandiri")  # nothing listens
    said = refused_quickly(server_root, *serve)
    assert said.startswith("ktp-mandiri-server: database tidak dapat dibuka (")
    assert refused_quickly(server_root, "migrate") == said  # the unit's ExecStartPre says the same


def test_check_in_the_root(server_root):
    settings(server_root, None)
    ctl(server_root, "migrate")
    backup_file(ctl(server_root, "backup"), server_root)
    done = ctl(server_root, "check", "--json", check=False)
    result = json.loads(done.stdout)
    assert done.returncode == result["exit_code"]
    found = {}
    for c in result["checks"]:
        found.setdefault(c["check"], []).append((c["status"], c["message"]))
    server_crt, ca_crt = found["certificate"]
    assert server_crt[0] == "ok" and server_crt[1].startswith(
        "sertifikat server /etc/ktp-mandiri-server/tls/server.crt berlaku sampai ")
    assert server_crt[1].endswith("(729 hari)") and ca_crt[0] == "ok"
    assert [s for s, _ in found["database"] + found["backup"] + found["stations"]] == ["ok", "ok", "ok"]
    expected = host_disk_status(server_root.path)  # the root's folders are on the host's disk
    assert [s for s, _ in found["disk"]] == [expected] * len(found["disk"])
    [(clock, how)] = found["clock"]  # no systemd, no chrony here: the kernel's own flag answers
    assert "(adjtimex)" in how

    for made in (server_root.path / BACKUPS).iterdir():
        os.utime(made, (time.time() - 30 * 3600,) * 2)
    done = ctl(server_root, "check", check=False)
    assert done.returncode == 1
    assert [line for line in done.stdout.splitlines() if line.startswith("PERINGATAN backup: cadangan terbaru ")]
    assert len(done.stdout.splitlines()) == len(result["checks"])  # one line per check
    for made in (server_root.path / BACKUPS).iterdir():
        os.utime(made, (time.time() - 80 * 3600,) * 2)
    done = ctl(server_root, "check", check=False)
    assert done.returncode == 2
    assert [line for line in done.stdout.splitlines() if line.startswith("KRITIS backup: cadangan terbaru ")]
