"""The server starts or says why (issue 20, item 1): a missing or unusable certificate or key, a
database that cannot be reached, a schema newer than the server and a port already taken each end
the real `ktp-mandiri-server serve` process with exit code 1 and one sentence on stderr, before any
worker is spawned (with 2 workers: nothing a worker would log); the unit's `migrate` step says the
same about the database."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from server.migrations import LATEST_VERSION
from tests.helpers.regency import free_port

ROOT = Path(__file__).resolve().parents[2]


def server(*args: str, url: str) -> subprocess.CompletedProcess:
    """The server's own process, as the unit starts it (2 workers); it must end by itself."""
    return subprocess.run([sys.executable, "-m", "server.cli", "--database-url", url, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def serve(url: str, *args: str, port: int | None = None) -> subprocess.CompletedProcess:
    return server("serve", "--host", "127.0.0.1", "--port", str(port or free_port()), "--workers", "2", *args,
                  url=url)


def refused(done: subprocess.CompletedProcess) -> str:
    """The one line the officer reads; nothing else was written (no worker started, no traceback)."""
    assert done.returncode == 1, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("ktp-mandiri-server: ")
    return lines[0].removeprefix("ktp-mandiri-server: ")


@pytest.fixture
def database(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'regency.sqlite3'}"


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    cert, key = tmp_path / "server.crt", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    return cert, key


def test_a_missing_certificate_or_key(database, certificate, tmp_path):
    cert, key = certificate
    gone = tmp_path / "tls" / "server.crt"
    assert refused(serve(database, "--tls-cert", str(gone), "--tls-key", str(key))) == (
        f"Sertifikat TLS {gone} tidak ada. Buat sertifikat (docs/server-install.md) atau perbaiki "
        "KTP_SERVER_TLS_CERT/KTP_SERVER_TLS_KEY.")
    said = refused(serve(database, "--tls-cert", str(cert), "--tls-key", str(tmp_path / "server.kunci")))
    assert said.startswith(f"Kunci privat TLS {tmp_path / 'server.kunci'} tidak ada.")


def test_an_unreadable_or_unusable_certificate(database, certificate, tmp_path):
    cert, key = certificate
    said = refused(serve(database, "--tls-cert", str(cert), "--tls-key", str(tmp_path)))  # a folder
    assert said.startswith(f"Kunci privat TLS {tmp_path} tidak dapat dibaca (Is a directory); server berjalan "
                           "sebagai pengguna ")
    other = tmp_path / "other.key"
    subprocess.run(["openssl", "genrsa", "-out", str(other), "2048"], check=True, capture_output=True)
    said = refused(serve(database, "--tls-cert", str(cert), "--tls-key", str(other)))
    assert said.startswith(f"Sertifikat TLS {cert} dan kunci {other} tidak dapat dipakai (")
    assert said.endswith("bukan PEM, atau kuncinya bukan pasangan sertifikat ini.")
    said = refused(serve(database, "--tls-cert", str(key), "--tls-key", str(key)))  # a key is no certificate
    assert "tidak dapat dipakai" in said


def test_a_port_already_taken(database):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert refused(serve(database, port=port)) == (
            f"Port {port} di 127.0.0.1 sudah dipakai program lain (ss -ltnp 'sport = :{port}' menunjukkan yang mana).")


def test_a_database_that_cannot_be_reached(tmp_path):
    port = free_port()  # nothing listens there
    url = f"postgresql://ktp:rahasia@127.0.0.1:{port}/ktp"
    for done in (serve(url), server("migrate", url=url)):
        said = refused(done)
        assert said.startswith("database tidak dapat dibuka (")
        assert said.endswith("Periksa --database-url dan bahwa PostgreSQL berjalan.")
        assert "rahasia" not in said


def test_a_schema_newer_than_the_server(database, tmp_path):
    assert server("migrate", url=database).returncode == 0
    with sqlite3.connect(tmp_path / "regency.sqlite3") as db:
        db.execute('INSERT INTO "schema_version" VALUES (?, CURRENT_TIMESTAMP)', (LATEST_VERSION + 1,))
    expected = (f"Skema database versi {LATEST_VERSION + 1} lebih baru dari server ini (versi {LATEST_VERSION}): "
                "pasang versi server yang membuatnya, atau pulihkan cadangan yang cocok.")
    assert refused(serve(database)) == expected
    assert refused(server("migrate", url=database)) == expected
