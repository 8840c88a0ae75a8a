"""The .deb: its metadata and files, then for real in a minimal Debian (debootstrap --variant=minbase):
`apt-get install ./ktp-mandiri_*.deb` pulls only what Depends names, the smoke test runs there as an
ordinary user offscreen and on Xvfb, removal keeps the user's data, and an upgrade from the previous
release keeps every row, copies the database first and migrates it."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desktop.store.migrations import LATEST_VERSION
from tests.helpers.prerequisites import require_tool
from tests.installer.conftest import EXECUTABLE, ROOT, project_version

# Installs, debootstrap (first test) and two smoke tests: minutes on a busy machine, not seconds.
pytestmark = pytest.mark.timeout(1500)

DATA = Path(".local/share/KTP-el Mandiri")  # the user's data folder under $HOME (platformdirs)
DB = DATA / "ktp-mandiri.sqlite3"
SMOKE = ["ktp-mandiri", "--smoke-test"]


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], check=True, capture_output=True, text=True).stdout.strip()


def test_package_is_xz_compressed_and_declares_what_qt_and_the_printers_need(deb):
    members = subprocess.run(["ar", "t", str(deb)], check=True, capture_output=True, text=True).stdout.split()
    assert members == ["debian-binary", "control.tar.xz", "data.tar.xz"]
    assert deb_field(deb, "Package") == "ktp-mandiri"
    assert deb_field(deb, "Version") == project_version()
    depends = {re.split(r"[ (]", d.strip())[0] for d in deb_field(deb, "Depends").split(",")}
    for package in ("libxcb-cursor0", "libxcb1", "libxkbcommon-x11-0", "libwayland-client0", "libwayland-cursor0",
                    "libegl1", "libfontconfig1", "libcups2", "libdbus-1-3", "libc6"):
        assert package in depends, package


def test_package_files_are_the_bundle_under_opt_a_launcher_desktop_entry_icon_and_udev_rule(deb, tmp_path):
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^-rwxr-xr-x root/root .* \./opt/ktp-mandiri/ktp-mandiri$", listing, re.MULTILINE)
    assert "./usr/bin/ktp-mandiri -> /opt/ktp-mandiri/ktp-mandiri" in listing
    for path in ("./usr/share/applications/ktp-mandiri.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/ktp-mandiri.png",
                 "./opt/ktp-mandiri/_internal/PySide6/Qt/plugins/platforms/libqxcb.so"):
        assert f" {path}\n" in listing, path
    for rule in (ROOT / "resources" / "udev").glob("*.rules"):
        assert f" ./usr/lib/udev/rules.d/{rule.name}\n" in listing
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    check = subprocess.run([validate, str(tmp_path / "usr/share/applications/ktp-mandiri.desktop")],
                           capture_output=True, text=True)
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout


@pytest.mark.slow
def test_installed_in_a_minimal_debian_it_starts_offscreen_and_on_x_and_removal_keeps_the_data(deb, debian, xvfb):
    debian.apt_install(deb)
    assert debian.run(["dpkg-query", "-W", "-f=${Status}", "libusb-1.0-0"], check=False).stdout != \
        "install ok installed", "libusb must come from the bundle, not from a Debian package"
    offscreen = debian.run(SMOKE, user=True, env={"QT_QPA_PLATFORM": "offscreen"})
    assert "smoke test: OK" in offscreen.stdout
    assert "backend libusb ... OK (/opt/ktp-mandiri/_internal/libusb-1.0" in offscreen.stdout
    on_x = debian.run(SMOKE, user=True, env={"DISPLAY": xvfb["DISPLAY"]})
    assert "platform Qt ... OK (xcb:" in on_x.stdout and "smoke test: OK" in on_x.stdout
    assert not (debian.home / DATA).exists(), "the smoke test must not touch the user's data folder"

    debian.run(["ktp-mandiri", "demo-data", "--residents", "20", "--with-station"], user=True,
               env={"QT_QPA_PLATFORM": "offscreen"})
    kept = (debian.home / DB).read_bytes()
    debian.run(["apt-get", "purge", "-y", "ktp-mandiri"])
    assert not (debian.path / "opt" / EXECUTABLE).exists()
    assert (debian.home / DB).read_bytes() == kept


@pytest.mark.slow
def test_the_smoke_test_names_a_missing_library_or_dependency_in_the_minimal_debian(deb, debian, xvfb):
    """The checks that catch the known traps must be able to fail where it matters."""
    debian.apt_install(deb)
    libusb = next((debian.path / "opt" / EXECUTABLE / "_internal").glob("libusb-1.0*.so*"))
    libusb.rename(libusb.with_name("hidden"))
    proc = debian.run(SMOKE, user=True, env={"QT_QPA_PLATFORM": "offscreen"}, check=False)
    assert proc.returncode == 1
    assert "GAGAL pada langkah 'backend libusb'" in proc.stdout and "NoBackendError" in proc.stdout
    debian.run(["dpkg", "--remove", "--force-depends", "libxcb-cursor0", "libxcb-icccm4"])
    proc = debian.run(SMOKE, user=True, env={"DISPLAY": xvfb["DISPLAY"]}, check=False)
    assert proc.returncode == 1
    assert "GAGAL pada langkah 'pustaka sistem'" in proc.stdout
    assert ("ktp-mandiri: Pustaka sistem untuk program ini tidak ada: libxcb-cursor.so.0, libxcb-icccm.so.4; "
            "pasang dulu: sudo apt-get install libxcb-cursor0 libxcb-icccm4.") in proc.stderr
    # The application itself says the same before Qt could abort with its own text.
    proc = debian.run(["ktp-mandiri"], user=True, env={"DISPLAY": xvfb["DISPLAY"]}, check=False)
    assert proc.returncode == 1 and "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in proc.stderr


def snapshot(db_file: Path, work: Path) -> tuple[int, dict[str, dict[tuple, dict]]]:
    """(schema version, {table: {primary key: {column: value}}}) from a copy of the database and its WAL."""
    copy = work / f"snapshot-{len(list(work.glob('snapshot-*')))}.sqlite3"
    shutil.copy(db_file, copy)
    wal = db_file.with_name(db_file.name + "-wal")
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + "-wal"))
    conn = sqlite3.connect(copy)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        content = {}
        for table in tables:
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            columns = [r[1] for r in info]
            key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or ["rowid"]
            rows = conn.execute(f'SELECT {", ".join(key)}, * FROM "{table}"').fetchall()
            content[table] = {row[:len(key)]: dict(zip(columns, row[len(key):], strict=True)) for row in rows}
    finally:
        conn.close()
    return version, content


def same_value(old, new) -> bool:
    """Equal, or the same JSON document re-serialised (a migration may canonicalise JSON columns)."""
    if old == new:
        return True
    try:
        return isinstance(old, str) and isinstance(new, str) and json.loads(old) == json.loads(new)
    except ValueError:
        return False


@pytest.mark.slow
def test_upgrade_from_the_previous_release_keeps_and_migrates_every_row(previous_deb, deb, debian, tmp_path):
    debian.apt_install(previous_deb)
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    made = debian.run(["ktp-mandiri", "demo-data", "--residents", "60", "--with-station"], user=True, env=offscreen)
    password = re.search(r"pengguna demo: operator / (\S+)", made.stdout).group(1)
    conn = sqlite3.connect(debian.home / DB)
    niks = [r[0] for r in conn.execute(
        "SELECT nik FROM resident WHERE record_status = 'PRINT_READY_RECORD' ORDER BY nik LIMIT 2")]
    conn.close()
    for number, nik in enumerate(niks):
        debian.run(["ktp-mandiri", "print", nik, "--printer", f"file:///tmp/card-{number}.bin", "--reason", "rusak",
                    "--documents", "all", "--user", "operator"],
                   user=True, env={**offscreen, "KTP_MANDIRI_PASSWORD": password})
    old_version, before = snapshot(debian.home / DB, tmp_path)
    assert len(before["issued_card"]) == 2 and len(before["resident"]) == 60

    debian.apt_install(deb)
    assert debian.run(["dpkg-query", "-W", "-f=${Version}", "ktp-mandiri"]).stdout == project_version()
    debian.run(["ktp-mandiri", "render-card", niks[0], "--png", "/tmp/after-upgrade.png"], user=True, env=offscreen)

    new_version, after = snapshot(debian.home / DB, tmp_path)
    assert old_version < LATEST_VERSION == new_version
    # The new version copied the database as it was before migrating it.
    copies = sorted((debian.home / DATA / "backups").glob(f"ktp-mandiri-before-v{old_version}-*.sqlite3"))
    assert len(copies) == 1, "no copy of the database before the migration"
    assert snapshot(copies[0], tmp_path) == (old_version, before)
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        for key, old in rows.items():
            new = after[table].get(key)
            assert new is not None, f"{table} {key} lost in the upgrade"
            changed = [c for c, value in old.items() if not same_value(value, new[c])]
            assert not changed, f"{table} {key}: {changed} changed from {[old[c] for c in changed]}"
