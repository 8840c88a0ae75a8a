"""The fault proxy does to requests what it says, and nothing else (checked against a real HTTP server)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.harness.fault_proxy import FaultPlan, LinkShape, proxied


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[bytes]
    lock = threading.Lock()

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        if len(body) < length:  # the proxy cut the request: nothing is applied
            self.close_connection = True
            return
        with self.lock:
            self.server.seen.append(body)
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b"abc", b"defgh"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
            return
        reply = json.dumps({"echo": body.decode(), "n": len(self.server.seen)}).encode() * 20
        self.send_response(200)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _post(conn: http.client.HTTPConnection, body: bytes, path: str = "/push") -> bytes:
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    return conn.getresponse().read()


def _wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


def test_without_faults_every_request_and_reply_passes_whole_on_one_connection(upstream):
    with proxied(upstream.server_address[1]) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        replies = [_post(conn, f"batch-{i}".encode()) for i in range(5)]
        chunked = _post(conn, b"x", "/chunked")
        conn.close()
    assert upstream.seen == [b"batch-0", b"batch-1", b"batch-2", b"batch-3", b"batch-4", b"x"]
    assert json.loads(replies[3][: len(replies[3]) // 20])["echo"] == "batch-3"
    assert chunked == b"abcdefgh"
    assert sum(proxy.proxy.counts.values()) == 0


def test_duplicate_reaches_the_server_twice_and_the_client_once(upstream):
    with proxied(upstream.server_address[1], FaultPlan(duplicate=1.0)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        reply = _post(conn, b"batch-1")
        conn.close()
        _wait_for(lambda: len(upstream.seen) == 2)
    assert upstream.seen == [b"batch-1", b"batch-1"]
    assert reply.startswith(b'{"echo": "batch-1"')
    assert proxy.proxy.counts["duplicate"] == 1


def test_drop_reaches_nobody(upstream):
    with proxied(upstream.server_address[1], FaultPlan(drop=1.0)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            _post(conn, b"batch-1")
    assert upstream.seen == []
    assert proxy.proxy.counts["drop"] == 1


def test_cut_request_leaves_the_server_with_an_incomplete_request(upstream):
    with proxied(upstream.server_address[1], FaultPlan(cut_request=1.0)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            _post(conn, b"x" * 5000)
    assert upstream.seen == []
    assert proxy.proxy.counts["cut_request"] == 1


def test_cut_reply_after_the_server_applied_the_request(upstream):
    with proxied(upstream.server_address[1], FaultPlan(cut_reply=1.0)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            _post(conn, b"batch-1")
    assert upstream.seen == [b"batch-1"]  # applied, but the station never heard so
    assert proxy.proxy.counts["cut_reply"] == 1


def test_the_same_seed_injects_the_same_faults(upstream):
    def run(seed: int) -> list[str]:
        outcomes = []
        plan = FaultPlan(drop=0.3, duplicate=0.3)
        with proxied(upstream.server_address[1], plan, seed=seed) as proxy:
            for i in range(20):
                conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
                try:
                    _post(conn, f"r{i}".encode())
                    outcomes.append("ok")
                except (http.client.HTTPException, ConnectionError):
                    outcomes.append("failed")
                conn.close()
        return outcomes

    first, second, other = run(11), run(11), run(12)
    assert first == second
    assert "failed" in first and "ok" in first
    assert first != other


def test_offline_refuses_until_back_online(upstream):
    with proxied(upstream.server_address[1]) as proxy:
        proxy.go_offline()
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            _post(conn, b"while-offline")
        proxy.go_online()
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        assert _post(conn, b"back").startswith(b'{"echo": "back"')
        conn.close()
    assert upstream.seen == [b"back"]
    assert proxy.proxy.counts["offline"] == 1


def test_a_slow_link_takes_at_least_the_time_its_bandwidth_needs(upstream):
    # 16 KB over 256 kbit/s takes at least 0.5 s, plus the round trip: a lower bound, not a speed target.
    with proxied(upstream.server_address[1], link=LinkShape(bits_per_second=256_000, rtt=0.3)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
        started = time.monotonic()
        assert _post(conn, b"y" * 16_000, "/chunked") == b"abcdefgh"
        elapsed = time.monotonic() - started
        conn.close()
    assert elapsed >= 16_000 * 8 / 256_000 + 0.3


def test_a_scripted_fault_hits_the_next_request_to_its_path_only(upstream):
    with proxied(upstream.server_address[1]) as proxy:
        proxy.proxy.script("/v1/leases", "cut_reply")
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        assert _post(conn, b"first", "/v1/push").startswith(b'{"echo": "first"')  # another path: untouched
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            _post(conn, b"second", "/v1/leases")
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        assert _post(conn, b"third", "/v1/leases").startswith(b'{"echo": "third"')  # used once
        conn.close()
    assert upstream.seen == [b"first", b"second", b"third"]
    assert proxy.proxy.counts == {"cut_reply": 1}
