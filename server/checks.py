"""`ktp-mandiri-server check`: the server's set-up as a monitoring plugin sees it (issue 20, item 1).

One finding per check, each ok, warning, critical or unknown; the command's exit code is the usual
monitoring one (0 ok, 1 warning, 2 critical, 3 unknown), the worst finding deciding, critical before
warning before unknown. Unknown means the check could not read what it checks (a file it may not
read, no clock source that answers); it never hides a warning or a critical finding of another check.

Thresholds (docs/server-install.md, "Monitoring"): a certificate under 30 days is a warning, under 7
days (or expired, missing, unreadable) critical; the newest backup over 26 h old a warning, none for
72 h critical; a file system of the database or the backups under 15 % free a warning; an enrolled
station not seen for 3 days a warning; the clock not synchronised a warning; the database
unreachable critical.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import ssl
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

OK, WARNING, CRITICAL, UNKNOWN = "ok", "warning", "critical", "unknown"
EXIT_CODES = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3}
LABELS = {OK: "OK", WARNING: "PERINGATAN", CRITICAL: "KRITIS", UNKNOWN: "TIDAK DIKETAHUI"}

CERTIFICATE_WARNING = timedelta(days=30)
CERTIFICATE_CRITICAL = timedelta(days=7)
BACKUP_WARNING = timedelta(hours=26)
BACKUP_CRITICAL = timedelta(hours=72)
DISK_WARNING_FREE = 0.15
STATION_WARNING = timedelta(days=3)

# The backup tool's folder and file names (installer/server/server_backup.py).
BACKUP_DIR_ENV = "KTP_SERVER_BACKUP_DIR"
DEFAULT_BACKUP_DIR = "/var/backups/ktp-mandiri-server"
BACKUP_PATTERNS = ("ktp-mandiri-server-*.dump", "ktp-mandiri-server-*.sqlite3")


@dataclass(frozen=True)
class Finding:
    check: str  # certificate, database, backup, disk, stations, clock
    status: str
    message: str

    def line(self) -> str:
        return f"{LABELS[self.status]} {self.check}: {self.message}"


def overall(findings: Iterable[Finding]) -> str:
    states = {f.status for f in findings}
    return next((s for s in (CRITICAL, WARNING, UNKNOWN) if s in states), OK)


def report(findings: Sequence[Finding]) -> dict:
    status = overall(findings)
    return {"status": status, "exit_code": EXIT_CODES[status], "checks": [asdict(f) for f in findings]}


def _days(left: timedelta) -> str:
    return f"{left.days} hari" if left >= timedelta(0) else f"kedaluwarsa {-left.days} hari lalu"


def certificate(path: str | None, now: datetime) -> list[Finding]:
    """The server certificate named in server.env, and the regency CA beside it (ca.crt) if there."""
    if not path:
        return [Finding("certificate", OK, "tanpa TLS di server ini (KTP_SERVER_TLS_CERT kosong: TLS di proxy)")]
    found = []
    ca = Path(path).with_name("ca.crt")
    for file, what in ((Path(path), "sertifikat server"), (ca, "CA kabupaten")):
        if file == ca and (file == Path(path) or not file.exists()):
            continue
        try:
            file.read_bytes()  # missing or unreadable: said as such, not as the decoder's error
            # The standard library's own X.509 reader (the one ssl uses); no openssl process needed.
            not_after = ssl._ssl._test_decode_cert(str(file))["notAfter"]
        except FileNotFoundError:
            found.append(Finding("certificate", CRITICAL, f"{what} {file} tidak ada: server tidak dapat mulai"))
            continue
        except OSError as exc:
            found.append(Finding("certificate", CRITICAL, f"{what} {file} tidak dapat dibaca ({exc.strerror})"))
            continue
        except (ssl.SSLError, ValueError) as exc:
            found.append(Finding("certificate", CRITICAL, f"{what} {file} bukan sertifikat PEM ({exc})"))
            continue
        expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), UTC).replace(tzinfo=None)
        left = expires - now
        status = CRITICAL if left < CERTIFICATE_CRITICAL else WARNING if left < CERTIFICATE_WARNING else OK
        found.append(Finding("certificate", status, f"{what} {file} berlaku sampai {expires:%Y-%m-%d %H:%M} UTC "
                                                    f"({_days(left)})"))
    return found


def key_pair(cert: str | None, key: str | None, load: Callable[[str, str], None]) -> Finding | None:
    """What `serve` would say of the certificate and key (missing, unreadable by this user, not a
    pair): `load` is serve's own check (server/cli.py check_tls); None when it would start."""
    from server.errors import ApiError

    if not cert or not key:  # a certificate checked alone (its dates), or no TLS here
        return None
    try:
        load(cert, key)
    except ApiError as exc:
        return Finding("certificate", CRITICAL, exc.message)
    return None


def backups(folder: Path, now: datetime) -> Finding:
    """The newest backup the backup tool made in the folder, by its modification time."""
    try:
        made = [p for pattern in BACKUP_PATTERNS for p in folder.glob(pattern)]
        newest = max(made, key=lambda p: p.stat().st_mtime, default=None)
        when = datetime.fromtimestamp(newest.stat().st_mtime, UTC).replace(tzinfo=None) if newest else None
    except OSError as exc:
        return Finding("backup", UNKNOWN, f"folder cadangan {folder} tidak dapat dibaca ({exc.strerror})")
    if newest is None:
        return Finding("backup", CRITICAL, f"belum ada cadangan di {folder}")
    age = now - when
    status = CRITICAL if age > BACKUP_CRITICAL else WARNING if age > BACKUP_WARNING else OK
    hours = int(age.total_seconds() // 3600)
    return Finding("backup", status, f"cadangan terbaru {newest.name}, {hours} jam lalu")


def disk(paths: dict[str, Path | None]) -> list[Finding]:
    """Free space of each file system holding one of the named paths (database, backups), each file
    system once. A path of None is a database on another machine: its disk is checked there."""
    found, systems = [], {}  # st_dev -> (names, path)
    for what, path in paths.items():
        if path is None:
            found.append(Finding("disk", OK, f"{what}: di mesin lain, periksa disknya di sana"))
            continue
        try:
            systems.setdefault(path.stat().st_dev, ([], path))[0].append(what)
        except OSError as exc:
            found.append(Finding("disk", UNKNOWN, f"{what} {path} tidak dapat dibaca ({exc.strerror})"))
    for names, path in systems.values():
        usage = os.statvfs(path)
        free = usage.f_bavail / usage.f_blocks if usage.f_blocks else 0.0
        found.append(Finding("disk", WARNING if free < DISK_WARNING_FREE else OK,
                             f"{' dan '.join(names)}: {free:.1%} bebas di {path} "
                             f"({usage.f_bavail * usage.f_frsize / 2**30:.1f} GiB)"))
    return found


def stations(now: datetime) -> Finding:
    """Enrolled stations not revoked whose last contact (or enrolment) is over 3 days old."""
    from server.models import Station

    silent = []
    for s in Station.select().where(Station.enrolled_at.is_null(False), Station.revoked_at.is_null()):
        last = s.last_seen_at or s.enrolled_at
        if now - last > STATION_WARNING:
            silent.append(f"{s.code} ({s.name}, {(now - last).days} hari)")
    if silent:
        return Finding("stations", WARNING, "tidak terlihat lebih dari 3 hari: " + ", ".join(silent))
    return Finding("stations", OK, "semua stasiun terdaftar terlihat dalam 3 hari terakhir")


# The clock. Each reader answers True (synchronised), False (not) or None (cannot tell here).
def _command(*argv: str) -> str | None:
    program = shutil.which(argv[0])
    if program is None:
        return None
    try:
        done = subprocess.run([program, *argv[1:]], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def timedatectl() -> bool | None:
    """systemd's answer (NTPSynchronized: the kernel's flag, set by timesyncd, chrony or ntpd)."""
    out = _command("timedatectl", "show", "--property=NTPSynchronized", "--value")
    return None if out is None or out.strip() not in ("yes", "no") else out.strip() == "yes"


def chronyc() -> bool | None:
    """chrony's own state, where systemd does not run: `Leap status : Not synchronised` when not."""
    out = _command("chronyc", "tracking")
    if out is None or "Leap status" not in out:
        return None
    return "Not synchronised" not in out


def adjtimex() -> bool | None:
    """The kernel's clock state read with adjtimex(2) (modes 0: read only, no privilege): TIME_ERROR
    (5) when the kernel marks the clock unsynchronised (STA_UNSYNC), which every NTP daemon clears."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        timex = ctypes.create_string_buffer(512)  # struct timex (208 bytes on x86-64), modes = 0
        state = libc.adjtimex(timex)
    except (OSError, AttributeError):
        return None
    return None if state < 0 else state != 5


CLOCK_READERS: tuple[Callable[[], bool | None], ...] = (timedatectl, chronyc, adjtimex)


def clock(readers: Sequence[Callable[[], bool | None]] = CLOCK_READERS) -> Finding:
    """The first reader that can tell (timedatectl, then chronyc, then the kernel's adjtimex)."""
    for reader in readers:
        synchronised = reader()
        if synchronised is not None:
            if synchronised:
                return Finding("clock", OK, f"jam tersinkron ({reader.__name__})")
            return Finding("clock", WARNING, f"jam TIDAK tersinkron ({reader.__name__}): pinjaman hak cetak "
                                             "bergantung pada jam server; periksa NTP (timedatectl status)")
    return Finding("clock", UNKNOWN, "keadaan sinkronisasi jam tidak dapat dibaca (timedatectl, chronyc, "
                                     "adjtimex tidak menjawab)")


def _sqlite_file(url: str) -> Path:
    return Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else urlparse(url).path)


def database_disk_path(url: str, db=None) -> Path | None:
    """Where the database's files are: the SQLite file's folder; for PostgreSQL on this machine its
    data directory when the role may read it (superuser or pg_read_all_settings: `db` connected),
    else /var/lib/postgresql; None for a PostgreSQL server on another machine."""
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        return _sqlite_file(url).parent
    host = parse_qs(parsed.query).get("host", [parsed.hostname or ""])[0]
    if host and not host.startswith("/") and host not in ("localhost", "127.0.0.1", "::1"):
        return None
    if db is not None:
        from peewee import DatabaseError

        try:
            return Path(db.execute_sql("SHOW data_directory").fetchone()[0])
        except DatabaseError:  # permission denied for an ordinary role: the default place
            db.rollback()
    fallback = Path("/var/lib/postgresql")
    return fallback if fallback.exists() else Path(host or "/var/run/postgresql")


def run_all(url: str, tls_cert: str | None, backup_dir: Path, now: datetime | None = None,
            tls_key: str | None = None, load_tls: Callable[[str, str], None] | None = None) -> list[Finding]:
    """Every check. The database is opened, never migrated nor created: a check changes nothing."""
    from peewee import InterfaceError, OperationalError

    from server.db import database, make_database
    from server.migrations import LATEST_VERSION, schema_version

    now = now or datetime.now(UTC).replace(tzinfo=None)
    findings = certificate(tls_cert, now)
    unusable = key_pair(tls_cert, tls_key, load_tls) if load_tls and all(f.status != CRITICAL for f in findings) \
        else None
    findings += [unusable] if unusable else []
    sqlite_file = None if urlparse(url).scheme in ("postgres", "postgresql") else _sqlite_file(url)
    try:
        if sqlite_file is not None and not sqlite_file.is_file():
            raise OperationalError(f"berkas SQLite {sqlite_file} tidak ada")
        db = make_database(url)
        database.initialize(db)
        db.connect(reuse_if_open=True)
        version = schema_version(db)
    except (OperationalError, InterfaceError) as exc:
        first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        findings.append(Finding("database", CRITICAL, f"tidak dapat dibuka ({first})"))
        findings += [backups(backup_dir, now), *disk({"database": database_disk_path(url), "cadangan": backup_dir}),
                     Finding("stations", UNKNOWN, "database tidak dapat dibuka"), clock()]
        return findings
    if version > LATEST_VERSION:
        findings.append(Finding("database", CRITICAL, f"skema versi {version} lebih baru dari server ini "
                                                      f"({LATEST_VERSION}): server tidak dapat mulai"))
    elif version < LATEST_VERSION:
        findings.append(Finding("database", WARNING, f"skema versi {version}, server versi {LATEST_VERSION}: "
                                                     "jalankan migrate (atau mulai ulang layanan)"))
    else:
        findings.append(Finding("database", OK, f"terhubung, skema versi {version}"))
    try:
        db_path = database_disk_path(url, db)
        findings += [backups(backup_dir, now), *disk({"database": db_path, "cadangan": backup_dir})]
        findings.append(stations(now) if version == LATEST_VERSION else
                        Finding("stations", UNKNOWN, "skema database belum versi server ini"))
    finally:
        db.close()
    findings.append(clock())
    return findings
