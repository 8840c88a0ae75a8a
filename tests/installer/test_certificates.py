"""The regency's certificates (issue 20, item 1): installer/server/make-certificates.sh makes a CA
(10 years, its key root's only) and a server certificate signed by it (2 years) for the host's names
and addresses and each --tls-name; a station that trusts only the CA reaches the server under Python's
strict X.509 checks; a second run keeps both; --renew re-issues the server certificate only."""

from __future__ import annotations

import grp
import os
import socket
import ssl
import stat
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from tests.helpers.prerequisites import require_tool

SCRIPT = Path(__file__).resolve().parents[2] / "installer" / "server" / "make-certificates.sh"


def make(tls: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(SCRIPT), "--dir", str(tls), "--group", grp.getgrgid(os.getgid()).gr_name,
                           *args], capture_output=True, text=True, check=True, timeout=120)


def handshake(tls: Path, name: str) -> str:
    """A TLS handshake to a server using server.crt/.key, by a client trusting only ca.crt, strict."""
    client = ssl.create_default_context(cafile=str(tls / "ca.crt"))
    client.verify_flags |= ssl.VERIFY_X509_STRICT
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tls / "server.crt", tls / "server.key")
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()

        def accept() -> None:
            conn, _ = listening.accept()
            try:
                server.wrap_socket(conn, server_side=True).close()
            except (ssl.SSLError, OSError):
                conn.close()

        thread = threading.Thread(target=accept)
        thread.start()
        try:
            with client.wrap_socket(socket.create_connection(listening.getsockname()), server_hostname=name) as s:
                return s.version()
        finally:
            thread.join(10)


def valid_for(path: Path) -> timedelta:
    decoded = ssl._ssl._test_decode_cert(str(path))  # the standard library's own parser
    return timedelta(seconds=ssl.cert_time_to_seconds(decoded["notAfter"])
                     - ssl.cert_time_to_seconds(decoded["notBefore"]))


def test_a_ca_and_a_server_certificate_a_station_trusts_strictly(tmp_path):
    require_tool("openssl", "openssl")
    tls = tmp_path / "tls"
    made = make(tls, "--tls-name", "ktp.kab.example.go.id", "--tls-name", "10.20.0.5")
    assert f"Berikan {tls / 'ca.crt'} ke setiap stasiun" in made.stdout
    assert stat.S_IMODE((tls / "ca.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tls / "server.key").stat().st_mode) == 0o640
    assert valid_for(tls / "ca.crt") == timedelta(days=3650)
    assert valid_for(tls / "server.crt") == timedelta(days=730)
    for name in ("ktp.kab.example.go.id", "10.20.0.5", "127.0.0.1", "localhost", socket.gethostname()):
        assert handshake(tls, name).startswith("TLSv1."), name
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(tls, "lain.example.go.id")

    # Run again (an upgrade): nothing changes. --renew: a new server certificate under the same CA.
    before = {name: (tls / name).read_bytes() for name in ("ca.crt", "ca.key", "server.crt", "server.key")}
    assert "Sertifikat server tetap" in make(tls).stdout
    assert {name: (tls / name).read_bytes() for name in before} == before
    make(tls, "--renew", "--tls-name", "ktp.kab.example.go.id")
    assert (tls / "ca.crt").read_bytes() == before["ca.crt"] and (tls / "ca.key").read_bytes() == before["ca.key"]
    assert (tls / "server.crt").read_bytes() != before["server.crt"]
    assert handshake(tls, "ktp.kab.example.go.id").startswith("TLSv1.")
